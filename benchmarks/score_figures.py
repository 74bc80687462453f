"""Score the figures extractor against the hand-made gold standard and print what it got wrong.

Usage: python benchmarks/score_figures.py [--details] [--heldout | --reports | --reports2026 | --blind3]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import ningbo_analysis as na
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.figures.gold import read_gold, score_figures, unmatched_rows

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from gold import (  # noqa: E402
    BLIND3,
    BLIND3_DIR,
    GOLD,
    HELDOUT,
    REPORTS,
    REPORTS_2026,
    REPORTS_2026_DIR,
    REPORTS_DIR,
    blind3_scope,
    gold_scope,
    heldout_scope,
    reports_2026_scope,
    reports_scope,
)


def main(argv: list[str]) -> int:
    folder = REPORTS_DIR if "--reports" in argv else None
    folder = REPORTS_2026_DIR if "--reports2026" in argv else folder
    folder = BLIND3_DIR if "--blind3" in argv else folder
    corpus = na.load_corpus(folder) if folder is not None else na.load_corpus()
    figures = extract_figures(corpus)
    gold, scope = GOLD, gold_scope(corpus)
    if "--heldout" in argv:  # parts annotated after the extractor was tuned
        gold, scope = HELDOUT, heldout_scope(corpus)
    if "--reports" in argv:  # made-up reports of other levels and years, annotated blind
        gold, scope = REPORTS, reports_scope(corpus)
    if "--reports2026" in argv:  # January-2026 reports (十四五 review, 十五五 targets), blind
        gold, scope = REPORTS_2026, reports_2026_scope(corpus)
    if "--blind3" in argv:  # a newspaper-print 2021 city report, a 2026 national excerpt; blind
        gold, scope = BLIND3, blind3_scope(corpus)
    detail, score = score_figures(figures, read_gold(gold), corpus, scope)
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
        extra = unmatched_rows(figures, detail, scope)
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
