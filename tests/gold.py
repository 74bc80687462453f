"""The scope of the hand-made gold standard of figures (tests/data/README.md), shared by the gold
test and benchmarks/score_figures.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.structure import outline

GOLD = Path(__file__).resolve().parent / "data" / "gold_figures.csv"


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


HELDOUT = Path(__file__).resolve().parent / "data" / "gold_figures_heldout.csv"


def heldout_scope(corpus: pd.DataFrame) -> pd.DataFrame:
    """Parts annotated after the extractor was tuned: the 003 fragment (2023 plan) and the 2021 work
    plan (section 三 (一)–(十)) of the Ningbo 2021 report."""
    spans = []
    for art in corpus.itertuples(index=False):
        if art.seed_file.startswith("003"):
            spans.append((art.doc_id, 0, len(art.text)))
        elif art.kind == "work_report" and art.seed_file.startswith("002") and art.region == "宁波":
            sections = outline(art.text)
            subs = sections.loc[
                (sections["level"] == 2) & sections["section_path"].str.startswith("三 >")
            ]
            spans.extend((art.doc_id, r.start, r.end) for r in subs.itertuples(index=False))
    return pd.DataFrame(spans, columns=["doc_id", "start", "end"])


REPORTS = Path(__file__).resolve().parent / "data" / "gold_figures_reports.csv"
REPORTS_DIR = Path(__file__).resolve().parent / "data" / "made_up_reports"


def reports_scope(corpus: pd.DataFrame) -> pd.DataFrame:
    """The made-up reports of ``tests/data/made_up_reports`` are annotated in full."""
    spans = [(a.doc_id, 0, len(a.text)) for a in corpus.itertuples(index=False)]
    return pd.DataFrame(spans, columns=["doc_id", "start", "end"])


REPORTS_2026 = Path(__file__).resolve().parent / "data" / "gold_figures_2026.csv"
REPORTS_2026_DIR = Path(__file__).resolve().parent / "data" / "made_up_reports_2026"
# annotated in full, like the first set of made-up reports
reports_2026_scope = reports_scope


BLIND3 = Path(__file__).resolve().parent / "data" / "gold_figures_blind3.csv"
BLIND3_DIR = Path(__file__).resolve().parent / "data" / "made_up_reports_blind3"
# a 2021 city report in newspaper print and a 2026 national-style excerpt, annotated in full
blind3_scope = reports_scope
