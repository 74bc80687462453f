"""The blind scorecard sets, row by row: each ``tests/data/scorecard/<city>/expected_scorecard.csv``
was filled in by hand and committed before the scorecard code ran on its documents (东陵: 十四五
reviewed in 2026, see test_scorecard_made_up_city_14th.py; 南屿: 十三五 reviewed in 2021, see
test_scorecard_made_up_city_13th.py). The corpora load without ``region=``: the place comes from the
delivery line of each report."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from expected_scorecard import check_basis, check_row, expected_rows, pick, row_id

import ningbo_analysis as na

SETS = Path(__file__).resolve().parents[1] / "data" / "scorecard"
#: city → (plan, its documents: file, year, delivery date)
BLIND = {
    "东陵": (
        "十四五",
        [("2021_report.md", 2021, "2021-01-26"), ("2026_report.md", 2026, "2026-01-23")],
    ),
    "南屿": (
        "十三五",
        [("2016_report.md", 2016, "2016-01-18"), ("2021_report.md", 2021, "2021-01-25")],
    ),
}
ROWS = [(city, e) for city in BLIND for e in expected_rows(SETS / city)]


@cache
def corpus(city: str) -> pd.DataFrame:
    return na.load_corpus(SETS / city)


@cache
def scorecard(city: str) -> pd.DataFrame:
    return na.plan_scorecard(na.extract_figures(corpus(city)), city, plan=BLIND[city][0])


@pytest.mark.parametrize("city", BLIND)
def test_region_year_and_kind_come_from_the_documents(city):
    got = corpus(city).sort_values("year")[["seed_file", "year", "date", "kind", "region"]]
    docs = BLIND[city][1]
    assert got.values.tolist() == [[f, y, d, "work_report", city] for f, y, d in docs]


@pytest.mark.parametrize("city", BLIND)
def test_one_row_per_quantitative_target(city):
    """东陵: 12 numbers in the 十四五 list (基本同步 and 完成省下达任务 give no row); 南屿: 14 in the
    十三五 list and the doubling since 2010 (比2010年翻一番: a change target, no outcome)."""
    sc = scorecard(city)
    assert set(sc["region"]) == {city} and set(sc["plan"]) == {BLIND[city][0]}
    rows = [e for c, e in ROWS if c == city]
    assert len(sc) == len(rows), sc[["indicator", "measure", "target_value"]]


@pytest.mark.parametrize(("city", "exp"), ROWS, ids=[f"{c}-{row_id(e)}" for c, e in ROWS])
def test_scorecard_row(city, exp):
    check_row(pick(scorecard(city), exp), exp)


BASIS = [(c, e) for c, e in ROWS if e["verdict"] != "no_outcome"]


@pytest.mark.parametrize(("city", "exp"), BASIS, ids=[f"{c}-{row_id(e)}" for c, e in BASIS])
def test_verdict_basis_tokens(city, exp):
    check_basis(pick(scorecard(city), exp)["verdict_basis"], exp["basis_tokens"])
