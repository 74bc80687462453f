"""Score the figures extractor against the hand-made gold standard and print what it got wrong.

Usage: python benchmarks/score_figures.py [--details]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import ningbo_analysis as na
from ningbo_analysis.evaluate import read_gold, score_figures, unmatched_rows
from ningbo_analysis.figures import extract_figures
from ningbo_analysis.structure import outline

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold_figures.csv"


def gold_scope(corpus: pd.DataFrame) -> pd.DataFrame:
    """The parts of the seeds the gold file covers (see tests/data/README.md)."""
    spans = []
    for art in corpus.itertuples(index=False):
        if art.kind == "work_report" and art.seed_file.startswith("002"):
            sections = outline(art.text)
            top = sections.loc[sections["level"] == 1]
            for row in top.itertuples(index=False):
                if row.number in (1, 2):
                    spans.append((art.doc_id, row.start, row.end))
            i = art.text.find("主要预期目标")
            if i >= 0:
                stop = art.text.find("。", i)
                spans.append((art.doc_id, i, stop + 1))
        elif art.seed_file.startswith("004"):
            spans.append((art.doc_id, 0, len(art.text)))
    return pd.DataFrame(spans, columns=["doc_id", "start", "end"])


def main(argv: list[str]) -> int:
    corpus = na.load_corpus()
    figures = extract_figures(corpus)
    detail, score = score_figures(figures, read_gold(GOLD), corpus, gold_scope(corpus))
    print(
        f"gold figures: {score.gold}; found: {score.found}; correct: {score.correct} "
        f"({score.recall:.1%}); extracted rows in scope: {score.extracted_in_scope}; "
        f"wrong rows: {score.wrong_rows} ({score.error_rate:.1%})"
    )
    if "--details" in argv:
        pd.set_option("display.width", 250)
        pd.set_option("display.max_colwidth", 60)
        pd.set_option("display.max_rows", 1000)
        bad = detail.loc[~detail["correct"]]
        print(
            bad[
                [
                    "doc_id",
                    "context",
                    "indicator",
                    "kind",
                    "measure",
                    "period",
                    "value",
                    "unit",
                    "mismatch",
                    "got",
                ]
            ].to_string()
        )
        extra = unmatched_rows(figures, detail, gold_scope(corpus))
        print("\nExtracted rows matching no gold figure:")
        print(
            extra[
                [
                    "doc_id",
                    "indicator",
                    "kind",
                    "measure",
                    "period",
                    "value",
                    "unit",
                    "raw",
                    "sentence",
                ]
            ].to_string()
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
