"""Scorecard presentation (report 03): qualifiers of bases and later targets, themes, chart text.

Values are those of the seeds: 余姚's 2020 talent pool is 「人才总量超过36.5万人」 (002-02), the
2021 yearly targets of 宁波 are in 002-01 (「社会消费品零售总额增长8%以上」), of 余姚 in 002-02
(「地区生产总值增长7%左右」).
"""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.plans.scorecard import SCORECARD_COLUMNS
from ningbo_analysis.present import scorecard_view as view


@pytest.fixture(scope="module")
def scorecards(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {r: na.run.cache.scorecard(corpus, r, "十四五") for r in ("宁波", "余姚")}


def _row(sc: pd.DataFrame, indicator: str) -> pd.Series:
    rows = sc[sc["indicator"] == indicator]
    assert len(rows) == 1, sc["indicator"].tolist()
    return rows.iloc[0]


def test_base_keeps_its_qualifier(scorecards):
    """余姚 各类人才总量: the base is 「超过36.5万人」, a lower bound, not 36.5万人."""
    talent = _row(scorecards["余姚"], "各类人才总量")
    assert talent["base_value"] == 365000.0
    assert talent["base_qualifier"] == "more_than"
    assert "base_qualifier" in SCORECARD_COLUMNS
    head = view.headline_frame(scorecards["余姚"])
    shown = head.loc[head["指标"] == "各类人才总量", "基期"].iloc[0]
    assert shown == "超过36.5万人 (2020)"
    # an exact base stays as it is
    gdp = _row(scorecards["余姚"], "地区生产总值")
    assert pd.isna(gdp["base_qualifier"])
    assert head.loc[head["指标"] == "地区生产总值", "基期"].iloc[0] == "1,220.7亿元 (2020)"


def test_later_targets_are_written_as_targets_with_their_qualifier(scorecards):
    """A later target reads as a target (目标), with 以上/左右 as written, never as a level."""
    retail = _row(scorecards["宁波"], "社会消费品零售总额")["later_targets"]
    assert retail.startswith("2021 target: growth 8%以上 [002-01@"), retail
    gdp = _row(scorecards["余姚"], "地区生产总值")["later_targets"]
    assert gdp.startswith("2021 target: growth 7%左右 [002-02@"), gdp
    skills = _row(scorecards["宁波"], "新增高技能人才")["later_targets"]
    assert skills.startswith("2021 target: 5万人 ["), skills
    fdi = _row(scorecards["宁波"], "实际利用外资")["later_targets"]
    assert fdi.startswith("2023 target: 50亿美元 [003-01@"), fdi
    for sc in scorecards.values():
        text = " ".join(sc["later_targets"].dropna())
        assert " level " not in text and "2021 growth" not in text


def test_every_seed_target_has_a_theme(scorecards):
    """宁波 高能级平台 (「3个…高能级平台」, development zones) is economy; platform words
    that name another field keep that field."""
    assert _row(scorecards["宁波"], "高能级平台")["theme"] == "economy"
    for sc in scorecards.values():
        assert (sc["theme"] != "").all(), sc.loc[sc["theme"] == "", "indicator"].tolist()
    assert na.plans.record.theme_of("高能级科创平台") == "innovation"
    assert na.plans.record.theme_of("政务服务平台") == "governance_security"
    assert na.plans.record.theme_of("工业互联网平台") == "innovation"


@pytest.fixture(scope="module")
def comparisons(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {r: na.run.cache.comparison(corpus, r, "十四五") for r in ("宁波", "余姚")}


def _cmp_row(table: pd.DataFrame, indicator: str) -> pd.Series:
    rows = table[table["indicator"] == indicator]
    assert len(rows) == 1, table["indicator"].tolist()
    return rows.iloc[0]


def test_a_rate_from_a_bound_says_it_is_a_bound(comparisons):
    """余姚: a base 「超过36.5万人」 makes the implied CAGR to 48.6万人 an upper bound; a target
    「突破1700亿元」 makes the implied GDP growth a lower bound; 「3.8%左右」 an approximate pace."""
    yy = comparisons["余姚"]
    talent = _cmp_row(yy, "各类人才总量")
    assert talent["actual_2020"] == 365000.0 and talent["actual_qualifier"] == "more_than"
    assert round(talent["implied_annual"], 2) == 5.89
    assert "upper bound" in talent["implied_basis"], talent["implied_basis"]
    assert "超过36.5万人" in talent["implied_basis"]
    gdp = _cmp_row(yy, "地区生产总值")
    assert "lower bound" in gdp["implied_basis"] and "超过1,700亿元" in gdp["implied_basis"]
    rd = _cmp_row(yy, "研发经费支出占地区生产总值比重")
    assert "approximate" in rd["implied_basis"] and "3.8%左右" in rd["implied_basis"]
    # exact base and target: no bound clause
    income = _cmp_row(comparisons["宁波"], "城镇居民人均可支配收入")
    assert income["implied_basis"] == "nominal (CAGR of current-price levels)"
    assert pd.isna(income["actual_qualifier"])
    shown = na.present.record_view.display_table(yy).set_index("指标")
    assert shown.loc["各类人才总量", "2020年"] == "超过36.5万人"
    assert shown.loc["各类人才总量", "目标隐含年均"].startswith("≤5.89%/年 (volume; upper bound")
    assert shown.loc["地区生产总值", "目标隐含年均"].startswith("≥6.85%/年 (nominal; lower bound")
    assert shown.loc["研发经费支出占地区生产总值比重", "目标隐含年均"].startswith(
        "≈0.13个百分点/年"
    )


def test_a_stated_target_rate_keeps_its_floor(comparisons):
    """宁波 「数字经济核心产业增加值年均增长15%以上」: the pace is at least 15%/年."""
    row = _cmp_row(comparisons["宁波"], "数字经济核心产业增加值")
    assert row["implied_basis"] == "real (stated target rate); lower bound: 2025 target 15%以上"
    shown = na.present.record_view.display_table(comparisons["宁波"]).set_index("指标")
    assert shown.loc["数字经济核心产业增加值", "目标隐含年均"].startswith("≥15%/年 (real; lower")


def test_rate_bound_rule():
    rb = na.plans.prepare.rate_bound
    assert rb("", "") == ""
    assert rb("", "at_least") == rb("less_than", "") == "lower bound"
    assert rb("more_than", "") == rb("", "at_most") == "upper bound"
    assert rb("approx", "") == "approximate"
    assert rb("more_than", "more_than") == "indicative only"


def test_summary_says_which_targets_are_listed(corpus, scorecards):
    """「每年布局实施100个以上攻关项目」 (000-01) is a target for each year: a row over 2021-2025,
    judged per year, and the summary says such amounts are listed."""
    figures = na.run.cache.figures(corpus)
    text = str(view.summary_html(scorecards["宁波"], "宁波", "十四五", figures))
    n = len(scorecards["宁波"])
    assert f"记分卡列出 <b>{n}</b> 项以 2025 年为期的量化目标" in text
    assert "每年的量" in text
    sc = scorecards["宁波"]
    row = sc.loc[sc["indicator"] == "攻关项目"].iloc[0]
    assert (row["target_value"], row["target_qualifier"], row["verdict"]) == (
        100.0,
        "at_least",
        "no_outcome",
    )
    assert row["verdict_zh"] == "目标每年100个以上；后续报告未给出同口径的结果"


def test_units_counted_with_ge_keep_it_on_display(corpus):
    """「企业开办压缩至1个工作日办结」 (002-02): the unit is 工作日 (the join key), shown 1个工作日;
    the rule comes from units.csv (个工作日, 个月, 个季度 → 工作日, 月, 季度)."""
    from ningbo_analysis.present.display import format_value

    figures = na.run.cache.figures(corpus)
    row = figures[(figures["doc_id"] == "002-02") & (figures["raw"] == "1个工作日")].iloc[0]
    assert row["unit"] == "工作日"
    assert format_value(row["value"], row["unit"]) == "1个工作日"
    assert format_value(3, "月") == "3个月" and format_value(2, "季度") == "2个季度"
    assert format_value(5, "个") == "5个" and format_value(6.5, "%") == "6.5%"
    assert format_value(486000, "人") == "48.6万人"


def test_a_qualified_fall_reads_as_the_plan_writes_it():
    """年均下降3%以上 is stored as -3, at_least: the scorecard writes 年均下降3%以上 (年均增长 -3%以上
    read the other way), as the comparison table does."""
    text = (
        "一、2020年工作回顾\n2020年，单位地区生产总值能耗为0.45吨标准煤/万元。\n"
        "二、“十四五”目标\n到2025年，单位地区生产总值能耗年均下降3%以上。"
    )
    figs = na.extract_figures(text, region="宁波", report_year=2021)
    head = view.headline_frame(na.plan_scorecard(figs, "宁波", "十四五"))
    assert head.loc[0, "目标"] == "年均下降3%以上"
    assert view.qualified(-3.0, "%", "", "avg_growth") == "年均增长 -3%"  # exact: as before
    assert view.qualified(7.0, "%", "approx", "avg_growth") == "年均增长 7%左右"
