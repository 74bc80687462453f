"""Blind check of the 十三五 plan scorecard on a third made-up city, 南屿市 (2016 and 2021 reports).

``tests/data/scorecard/南屿/`` was written by hand in the forms real reports use (a 十二五 review in
五年来 paragraphs, 到2020年… targets, 年均增长7.5%左右 next to 比2010年翻一番, 分别达到…和…元 with
年均分别增长…, 下降17%, 保持在…以上, 控制在…以内 both as a target and as an outcome, 超过/左右
outcomes, a GDP reviewed only by its levels) and ``expected_scorecard.csv`` was filled in and
committed (9caad6a) before the scorecard code was run on it. The corpus is loaded without
``region=``: the region must come from the delivery line (``在南屿市第十五届人民代表大会…``).
The first run got 11 of 14 rows right; the 3 misses were two extraction problems of figures.py
(tests at the end), fixed since: every row now passes as expected.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from expected_scorecard import check_basis, check_row, expected_rows, pick, row_id

import ningbo_analysis as na

DOCS = Path(__file__).resolve().parent / "data" / "scorecard" / "南屿"
REGION = "南屿"
PLAN = "十三五"
EXPECTED_ROWS = expected_rows(DOCS)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return na.load_corpus(DOCS)


@pytest.fixture(scope="module")
def scorecard(corpus) -> pd.DataFrame:
    return na.plan_scorecard(na.extract_figures(corpus), REGION, plan=PLAN)


def test_region_year_and_kind_come_from_the_documents(corpus):
    got = corpus.sort_values("year")[["seed_file", "year", "date", "kind", "region"]]
    assert got.values.tolist() == [
        ["2016_report.md", 2016, "2016-01-18", "work_report", REGION],
        ["2021_report.md", 2021, "2021-01-25", "work_report", REGION],
    ]


def test_one_row_per_quantitative_target(scorecard):
    """14 numbers in the 十三五 list; 比2010年翻一番 gives no row of its own."""
    assert set(scorecard["region"]) == {REGION}
    assert set(scorecard["plan"]) == {PLAN}
    assert len(scorecard) == len(EXPECTED_ROWS), scorecard[["indicator", "measure", "target_value"]]


@pytest.mark.parametrize("exp", EXPECTED_ROWS, ids=row_id)
def test_scorecard_row(scorecard, exp):
    check_row(pick(scorecard, exp), exp)


@pytest.mark.parametrize(
    "exp", [e for e in EXPECTED_ROWS if e["verdict"] != "no_outcome"], ids=row_id
)
def test_verdict_basis_tokens(scorecard, exp):
    check_basis(pick(scorecard, exp)["verdict_basis"], exp["basis_tokens"])


# --------------------------------------------------------------------------------------------
# the two extraction problems the first run found (figures.py, fixed since)
# --------------------------------------------------------------------------------------------


def _names(text: str, year: int) -> list[tuple[str, float, str]]:
    f = na.extract_figures(text, region=REGION, report_year=year)
    return list(zip(f["indicator"], f["value"], f["measure"], strict=True))


def test_a_pair_of_full_nouns_before_fenbie_shares_the_suffix():
    text = "到2020年，城镇居民和农村居民人均可支配收入分别达到55000元和28000元。"
    assert _names(text, 2016) == [
        ("城镇居民人均可支配收入", 55000.0, "level"),
        ("农村居民人均可支配收入", 28000.0, "level"),
    ]


def test_a_value_pair_after_a_fenbie_clause_is_split_over_the_pair():
    text = "城镇、农村居民人均可支配收入分别达到56200元、27500元，年均增长7.8%、6.8%。"
    assert _names(text, 2021)[2:] == [
        ("城镇居民人均可支配收入", 7.8, "avg_growth"),
        ("农村居民人均可支配收入", 6.8, "avg_growth"),
    ]
