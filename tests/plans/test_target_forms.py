"""Scorecard on target forms beyond levels and averages (made-up sentences of a made-up city)."""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.figures.concepts import concept_of

PLAN_2021 = (
    "二、“十四五”时期主要目标\n“十四五”时期主要目标是：到2025年，居民消费价格涨幅控制在3%以内，"
    "地区生产总值年均增长6%左右。\n"
)


def _figures(*docs: tuple[str, int, str]) -> pd.DataFrame:
    frames = [
        na.extract_figures(text, region="青州", report_year=year).assign(doc_id=doc)
        for doc, year, text in docs
    ]
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize(
    ("review", "verdict", "outcome"),
    [
        ("五年来，居民消费价格年均上涨2.1%。", "met", 2.1),  # the period's average
        ("2025年，居民消费价格上涨3.4%。", "missed", 3.4),  # else the end year's rate
    ],
)
def test_a_yearly_rate_to_hold_is_a_ceiling_on_the_rate(review, verdict, outcome):
    figures = _figures(
        ("2021-01", 2021, PLAN_2021), ("2026-01", 2026, f"一、“十四五”时期发展回顾\n{review}\n")
    )
    sc = na.plan_scorecard(figures, "青州")
    cpi = sc[sc["concept"] == concept_of("居民消费价格涨幅")].iloc[0]
    assert (cpi["measure"], cpi["target_value"], cpi["target_qualifier"]) == (
        "growth",
        3.0,
        "at_most",
    )
    assert cpi["outcome_value"] == pytest.approx(outcome)
    assert cpi["verdict"] == verdict and "ceiling" in cpi["verdict_basis"]
    assert cpi["outcome_source"].startswith("2026-01@")


def test_a_rate_to_hold_without_outcome_has_no_verdict():
    sc = na.plan_scorecard(_figures(("2021-01", 2021, PLAN_2021)), "青州")
    assert set(sc["verdict"]) == {"no_outcome"} and len(sc) == 2


def test_a_range_outcome_keeps_both_ends_and_straddles():
    plan = "二、“十四五”时期主要目标\n到2025年，地区生产总值年均增长6%左右。\n"
    review = "一、“十四五”时期发展回顾\n五年来，地区生产总值年均增长5%-6%。\n"
    sc = na.plan_scorecard(_figures(("2021-01", 2021, plan), ("2026-01", 2026, review)), "青州")
    gdp = sc.iloc[0]
    assert (gdp["outcome_value"], gdp["outcome_value_high"]) == (5.0, 6.0)
    assert gdp["verdict"] == "unclear" and "straddle" in gdp["verdict_basis"]
    assert "5%–6%" in gdp["verdict_basis"]
    assert na.present.scorecard_view.headline_frame(sc).iloc[0]["结果"] == "年均增长 5%–6%"


def test_growth_of_a_yuan_series_is_no_progress_for_a_dollar_target():
    plan = (
        "一、2020年工作回顾\n2020年，货物进出口总额达到1500亿美元。\n"
        "二、“十四五”时期主要目标\n到2025年，货物进出口总额达到2000亿美元。\n"
    )
    yuan = "一、2022年工作回顾\n2022年，货物进出口总额达到12000亿元，增长9%。\n"
    dollar = "一、2022年工作回顾\n2022年，货物进出口总额达到1800亿美元，增长9%。\n"
    sc = na.plan_scorecard(_figures(("2021-01", 2021, plan), ("2023-01", 2023, yuan)), "青州")
    assert sc.iloc[0]["verdict"] == "no_outcome"  # 9% of a 元 series: not a 美元 path
    sc = na.plan_scorecard(_figures(("2021-01", 2021, plan), ("2023-01", 2023, dollar)), "青州")
    # 1800亿美元 in 2022: ln(1800/1500) / (ln(2000/1500) × 2/5) = 1.58 of the path → ahead
    assert sc.iloc[0]["verdict"] == "ahead" and "1,800亿美元" in sc.iloc[0]["verdict_basis"]


def test_a_rate_derived_from_a_bound_level_says_so():
    """The 2020 base 超过40万人 makes the CAGR to 52万人 an upper bound on the achieved rate."""
    plan = (
        "一、2020年工作回顾\n全市人才总量超过40万人。\n"
        "二、“十四五”时期主要目标\n到2025年，人才总量年均增长5%。\n"
    )
    review = "一、“十四五”时期发展回顾\n2025年，全市人才总量达到52万人。\n"
    sc = na.plan_scorecard(_figures(("2021-01", 2021, plan), ("2026-01", 2026, review)), "青州")
    talent = sc[sc["concept"] == concept_of("人才总量")].iloc[0]
    assert talent["measure"] == "avg_growth" and talent["outcome_derived"]
    assert talent["base_qualifier"] == "more_than"
    assert talent["outcome_value"] == pytest.approx(((52 / 40) ** 0.2 - 1) * 100)
    assert "the derived rate is an upper bound: 2020 超过40万人" in talent["verdict_basis"]
    # at most 5.39% a year against a 5% floor: the true rate may be below it
    assert talent["outcome_qualifier"] == "at_most" and talent["verdict"] == "unclear"
    head = na.present.scorecard_view.headline_frame(sc)
    assert (
        head.loc[head["指标"] == talent["indicator"], "结果"].iloc[0] == "年均增长 5.39%以内 (推算)"
    )


def test_a_doubling_since_an_older_base_is_a_target_without_a_plan_base():
    plan = "二、“十三五”时期主要目标\n到2020年，地区生产总值比2010年翻一番，达到1200亿元。\n"
    review = "一、“十三五”时期发展回顾\n五年来，地区生产总值由800亿元增加到1250亿元。\n"
    figures = _figures(("2016-01", 2016, plan), ("2021-01", 2021, review))
    sc = na.plan_scorecard(figures, "青州", "十三五")
    double = sc[sc["measure"] == "change"].iloc[0]
    assert (double["target_value"], double["unit"], double["verdict"]) == (2.0, "倍", "no_outcome")
    assert pd.isna(double["base_value"])  # 800亿元 is the 2015 level, not the 2010 one
    assert "no 2015 level" not in double["verdict_basis"]
    level = sc[sc["measure"] == "level"].iloc[0]
    assert (level["verdict"], level["outcome_value"]) == ("met", 1.25e11)


def test_an_average_target_is_judged_by_the_average_of_a_stated_cumulative_rise():
    plan = "二、“十三五”时期主要目标\n今后五年，地区生产总值年均增长9%左右。\n"
    review = (
        "一、“十三五”时期工作回顾\n五年来，全市地区生产总值从2015年的4342亿元提高到6734亿元，"
        "累计增长40.6%（按可比价格计算）。初步核算，全市地区生产总值增长1.2%。\n"
    )
    figures = _figures(("2016-01", 2016, plan), ("2021-01", 2021, review))
    row = na.plan_scorecard(figures, "青州", "十三五").query("measure == 'avg_growth'").iloc[0]
    assert row["outcome_value"] == pytest.approx((1.406 ** (1 / 5) - 1) * 100)  # 7.05 %, real
    assert row["verdict"] == "missed" and bool(row["outcome_derived"])
    assert "40.6%" in row["verdict_basis"] and row["outcome_source"].endswith("「40.6%」")


def test_milestones_passed_give_the_last_one_as_a_floor():
    plan = "二、“十三五”时期主要目标\n到2020年，地区生产总值达到7500亿元。\n"
    review = "一、“十三五”时期工作回顾\n五年来，地区生产总值连续跨越7000亿元、8000亿元两个台阶。\n"
    figures = _figures(("2016-01", 2016, plan), ("2021-01", 2021, review))
    row = na.plan_scorecard(figures, "青州", "十三五").iloc[0]
    assert (row["outcome_value"], row["outcome_qualifier"]) == (8e11, "at_least")
    assert row["verdict"] == "met"  # at least 8000亿元 against 7500亿元


def test_reports_without_numbered_parts_are_placed_by_their_heading_lines():
    # unnumbered heading lines (bold or plain), a dash list under a plan paragraph, 高企, a count
    # before its noun (3家千亿企业组成的…), a from-year without 的 (从2020年38家增至64家)
    plan = (
        "**“十四五”主要目标及2021年工作安排**\n\n“十四五”时期，我们要奋力拼搏。\n\n"
        "——我们要聚焦创新，力争到2025年，全市高企达8000家，R&D占比达3.2%左右。"
        "全市引进培育千亿企业超过5家，百亿企业超过25家。\n\n"
        "——我们要聚焦环境，森林覆盖率稳定在37%。\n\n"
        "**2021年工作安排**\n\n力争全年技改投资增长20%以上。\n"
    )
    review = (
        "“十四五”发展及2025年主要工作成效\n\n过去五年，是不平凡的五年。\n\n"
        "高质量发展迈出坚实步伐。A股上市企业从2020年38家增至64家；国家高企超1万家。"
        "32家百亿企业、3家千亿企业组成的实体经济梯队根基更稳。"
        "R&D占比从2020年的3.39%提至2024年的4.01%。\n\n"
        "“十五五”发展目标及2026年工作安排\n\n今年规上工业企业超1.5万家。\n"
    )
    figures = _figures(("2021-01", 2021, plan), ("2026-01", 2026, review))
    f = figures.set_index("raw")
    assert f.loc["超过5家", ["kind", "period"]].tolist() == [
        "target",
        "2025",
    ]  # the dash list's plan
    assert f.loc["20%以上", ["kind", "measure", "period"]].tolist() == ["target", "growth", "2021"]
    assert f.loc["64家", ["indicator", "kind", "period"]].tolist() == [
        "A股上市企业",
        "actual",
        "2025",
    ]
    assert f.loc["超1万家", ["kind", "period"]].tolist() == ["actual", "2025"]
    assert f.loc["3家", "indicator"] == "千亿企业"
    assert f.loc["超1.5万家", ["kind", "period"]].tolist() == ["target", "2026"]
    sc = na.plan_scorecard(figures, "青州").set_index("indicator")
    assert sc.loc["高新技术企业", ["target_value", "verdict", "match"]].tolist() == [
        8000.0,
        "met",
        "synonym",
    ]
    assert sc.loc["千亿企业", "verdict"] == "missed"  # 3家 below 超过5家
    assert sc.loc["百亿企业", "verdict"] == "met"
    # 3.2%左右 passed in 2024, the latest year the plan's review states: met, read from 2024
    # (never "behind" for a 2020 base restated above the target)
    rd = sc.loc["R&D占比"]
    assert (rd["verdict"], rd["outcome_value"], rd["outcome_year"]) == ("met", 4.01, 2024)
    assert rd["verdict_zh"] == "2024年实际4.01%，达到目标3.2%左右"


def test_items_of_a_numbered_list_take_the_time_of_its_lead_paragraph():
    plan = (
        "站在新的历史起点上，落实好“十三五”规划蓝图，我们必须坚定不移地贯彻新发展理念。\n\n"
        "一是坚定不移落实协调发展理念。加快公共资源向农村配置，常住人口城镇化率达到78%以上。\n\n"
        "二是坚定不移落实共享发展理念。五年新增城镇就业50万人。\n"
    )
    review = (
        "2020年各项工作任务全面完成。过去五年是极不平凡的五年。\n\n"
        "一是“富”的成色更加厚实。城镇新增就业55.5万人，全市城镇化率提高至79.1%。\n"
    )
    figures = _figures(("2016-01", 2016, plan), ("2021-01", 2021, review))
    f = figures.set_index("raw")
    assert f.loc["78%以上", ["kind", "period"]].tolist() == ["target", "2020"]
    assert f.loc["55.5万人", ["kind", "measure", "period"]].tolist() == [
        "actual",
        "cumulative",
        "2016-2020",
    ]
    sc = na.plan_scorecard(figures, "青州", "十三五").set_index("indicator")
    assert sc.loc["常住人口城镇化率", "verdict"] == "met"
    assert sc.loc["城镇新增就业", ["verdict", "outcome_value"]].tolist() == ["met", 555000.0]


def test_a_record_written_in_words_and_quotes_is_a_target_and_an_outcome():
    plan = "“十四五”时期主要目标：争创全国双拥模范城“十连冠”。\n"
    review = "过去五年，获评全国文明城市、国家食品安全示范市、全国双拥模范城“十连冠”。\n"
    figures = _figures(("2021-01", 2021, plan), ("2026-01", 2026, review))
    assert figures[["indicator", "value", "unit", "kind"]].values.tolist() == [
        ["全国双拥模范城", 10.0, "连冠", "target"],
        ["全国双拥模范城", 10.0, "连冠", "actual"],
    ]
    sc = na.plan_scorecard(figures, "青州")
    assert sc[["indicator", "verdict"]].values.tolist() == [["全国双拥模范城", "met"]]
