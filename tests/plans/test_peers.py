"""Every place of a corpus scored and compared: two made-up cities (texts written here, not
copied from anywhere) with a 十三五 plan stated in 2016 and reviewed in 2021."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus
from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.plans import peers
from ningbo_analysis.plans.scorecard import SCORECARD_COLUMNS, plan_scorecard

HEAD = "---\ntitle: {year}年{city}市政府工作报告\ndate: {year}-01-20\nregion: {city}\nkind: work_report\n---\n"
DOCS = {
    ("甲城", 2016): "2015年，常住人口城镇化率达到65%。今后五年的主要目标是：到2020年，地区生产总值"
    "年均增长7%左右，常住人口城镇化率达到70%，研发经费支出占地区生产总值比重达到3%，城镇居民人均"
    "可支配收入年均增长8%。",
    (
        "甲城",
        2021,
    ): "过去五年，地区生产总值年均增长7.5%，常住人口城镇化率达到71%，研发经费支出占地区"
    "生产总值比重达到2.8%，城镇居民人均可支配收入年均增长8.2%。",
    (
        "乙城",
        2016,
    ): "今后五年的主要目标是：到2020年，地区生产总值年均增长8%，常住人口城镇化率达到65%。",
    ("乙城", 2021): "过去五年，地区生产总值年均增长6%，常住人口城镇化率达到66%。",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> pd.DataFrame:
    root: Path = tmp_path_factory.mktemp("peers")
    for (city, year), text in DOCS.items():
        (root / city).mkdir(exist_ok=True)
        (root / city / f"{year}.md").write_text(HEAD.format(city=city, year=year) + text, "utf-8")
    return load_corpus(root)


@pytest.fixture(scope="module")
def figures(corpus) -> pd.DataFrame:
    return extract_figures(corpus)


@pytest.fixture(scope="module")
def table(figures) -> pd.DataFrame:
    return peers.scorecards(figures, plans=["十三五"])


def test_one_table_of_every_region_and_target_with_the_scorecard_columns(table) -> None:
    assert list(table.columns) == SCORECARD_COLUMNS
    got = list(zip(table["region"], table["concept"], table["verdict"], strict=True))
    assert got == [
        ("乙城", "地区生产总值", "missed"),
        ("乙城", "常住人口城镇化率", "met"),
        ("甲城", "地区生产总值", "met"),
        ("甲城", "研发投入强度", "missed"),
        ("甲城", "常住人口城镇化率", "met"),
        ("甲城", "城镇居民人均可支配收入", "met"),
    ]


def test_each_region_as_plan_scorecard_scores_it_on_the_whole_table(figures, table) -> None:
    for region in ("甲城", "乙城"):
        mine = table[table["region"] == region].reset_index(drop=True)
        alone = plan_scorecard(figures, region, "十三五")
        pd.testing.assert_frame_equal(mine, alone, check_dtype=False)


def test_regions_and_plans_in_the_order_given(figures) -> None:
    both = peers.scorecards(figures, regions=["甲城", "乙城"], plans=("十四五", "十三五"))
    assert list(dict.fromkeys(both["region"])) == ["甲城", "乙城"]
    assert set(both["plan"]) == {"十三五"}  # no 十四五 target in these documents
    assert peers.scorecards(figures, regions=["乙城"], plans="十四五").empty


def test_summary_counts_share_met_and_rank(table) -> None:
    s = peers.scorecard_summary(table).set_index("region")
    assert s.loc["甲城", ["targets", "met", "missed", "decided"]].tolist() == [4, 3, 1, 4]
    assert s.loc["乙城", ["targets", "met", "missed", "decided"]].tolist() == [2, 1, 1, 2]
    assert s.loc["甲城", "share_met"] == 75.0 and s.loc["乙城", "share_met"] == 50.0
    assert s.loc["甲城", "rank"] == 1.0 and s.loc["乙城", "rank"] == 2.0
    assert set(s["ranked"]) == {2}


def test_summary_puts_the_headline_indicators_side_by_side(table) -> None:
    s = peers.scorecard_summary(table).set_index("region")
    assert s.loc["甲城", ["gdp_target", "gdp_outcome", "gdp_verdict"]].tolist() == [7.0, 7.5, "met"]
    assert s.loc["乙城", ["gdp_target", "gdp_outcome", "gdp_verdict"]].tolist() == [
        8.0,
        6.0,
        "missed",
    ]
    assert s.loc["甲城", "gdp_target_qualifier"] == "approx"
    # a growth target: implied = the target, achieved = the stated outcome
    assert (s.loc["甲城", "gdp_implied"], s.loc["甲城", "gdp_achieved"]) == (7.0, 7.5)
    # a rate in %: percentage points a year from the 2015 base (65 → 70 target, → 71 outcome)
    assert s.loc["甲城", "urban_implied"] == pytest.approx(1.0)
    assert s.loc["甲城", "urban_achieved"] == pytest.approx(1.2)
    assert s.loc["甲城", "urban_rate_unit"] == "个百分点"
    assert (
        s.loc["甲城", "income_indicator"] == "城镇居民人均可支配收入"
    )  # the second concept listed
    assert math.isnan(s.loc["乙城", "income_target"]) and pd.isna(s.loc["乙城", "income_verdict"])


def test_implied_growth_of_a_money_level_is_a_compound_rate_of_levels() -> None:
    row = pd.Series(
        {
            "measure": "level",
            "unit": "元",
            "target_value": 1.7e12,
            "outcome_value": 1.6e12,
            "outcome_unit": "元",
            "base_value": 1.24e12,
            "base_unit": "元",
            "base_year": 2020,
            "target_year": 2025,
            "outcome_year": 2025,
        }
    )
    implied, achieved, unit, basis = peers.implied_growth(row)
    assert round(implied, 2) == 6.51 and round(achieved, 2) == 5.23
    assert (unit, basis) == ("%", "levels")


def test_theme_verdicts_count_each_family(table) -> None:
    t = peers.theme_verdicts(table).set_index(["region", "theme"])
    assert t.loc[("甲城", "economy"), ["targets", "met", "decided"]].tolist() == [1, 1, 1]
    assert t.loc[("甲城", "innovation"), ["met", "missed", "share_met"]].tolist() == [0, 1, 0.0]


def test_bad_arguments_are_one_line_errors(figures) -> None:
    with pytest.raises(ParameterError, match="unknown plan '十九五'"):
        peers.scorecards(figures, plans=["十九五"])
    with pytest.raises(ParameterError, match="at least one plan"):
        peers.scorecards(figures, plans=[])
    with pytest.raises(NingboAnalysisError, match="scorecard_summary"):
        peers.scorecard_summary(pd.DataFrame({"region": ["x"]}))


def test_a_yearly_growth_target_is_never_a_headline() -> None:
    # 今年地区生产总值增长6%: a report's target for its own year is not the plan's
    row = dict.fromkeys(SCORECARD_COLUMNS, "")
    row |= {"region": "丙城", "plan": "十三五", "concept": "地区生产总值", "scored": True}
    yearly = {**row, "measure": "growth", "target_value": 6.0, "verdict": "met"}
    level = {**row, "measure": "level", "unit": "元", "target_value": 2.5e12, "verdict": "missed"}
    only_yearly = pd.DataFrame([yearly], columns=SCORECARD_COLUMNS)
    assert peers.headline_rows(only_yearly).empty
    both = pd.DataFrame([yearly, level], columns=SCORECARD_COLUMNS)
    (pick,) = peers.headline_rows(both).itertuples(index=False)
    assert (pick.measure, pick.target_value, pick.verdict) == ("level", 2.5e12, "missed")


def test_a_change_in_points_is_points_a_year_and_a_multiple_has_no_rate() -> None:
    base = {"measure": "change", "base_year": 2020, "target_year": 2025, "outcome_year": 2025}
    points = pd.Series({**base, "unit": "个百分点", "target_value": 2.0, "outcome_value": 2.5})
    points["outcome_unit"] = "个百分点"
    assert peers.implied_growth(points) == (0.4, 0.5, "个百分点", "pp")
    doubling = pd.Series({**base, "unit": "倍", "target_value": 2.0, "outcome_unit": ""})
    implied, achieved, unit, basis = peers.implied_growth(doubling)  # 比2010年翻一番
    assert math.isnan(implied) and math.isnan(achieved) and (unit, basis) == ("", "")
