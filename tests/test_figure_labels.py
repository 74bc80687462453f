"""Labels of figures (kind, period, measure, qualifier, indicator) that an analyst review of the
reports found wrong while value and unit were right. Each rule is pinned on the seed figure that
showed it and on a sentence written here (made up, in the style of the reports) that shows it is
general."""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.figures import extract_figures


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return extract_figures(na.load_corpus(None))


def _one(figs: pd.DataFrame, raw: str, doc_id: str | None = None) -> pd.Series:
    hits = figs.loc[(figs["raw"] == raw) & ((figs["doc_id"] == doc_id) if doc_id else True)]
    assert len(hits) == 1, f"{len(hits)} figures {raw!r}:\n{figs[['indicator', 'raw']]}"
    return hits.iloc[0]


def _labels(row: pd.Series) -> tuple[str, str, str, str]:
    return row["kind"], row["measure"], row["period"], row["qualifier"]


# 超越 qualifies a number like 超过 (data/units_qualifiers.csv)


def test_seed_chaoyue_is_more_than(seeds):
    row = _one(seeds, "超越七百亿元", "002-03")
    assert row["value"] == pytest.approx(7e10)
    assert row["qualifier"] == "more_than"


def test_chaoyue_is_more_than():
    figs = extract_figures("2020年，全县社会消费品零售总额超越350亿元。", report_year=2021)
    row = _one(figs, "超越350亿元")
    assert (row["value"], row["qualifier"]) == (pytest.approx(3.5e10), "more_than")

