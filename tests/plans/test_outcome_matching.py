"""Outcomes joined to targets worded differently (plans.match) and names that are no indicator
(plans.names): made-up sentences of a made-up city, written as real reviews word them."""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.plans.match import join_kind, normalize_name
from ningbo_analysis.plans.names import name_problem
from ningbo_analysis.plans.scorecard import verdict_counts

PLAN = "二、“十四五”时期主要目标\n今后五年，{}。\n"
REVIEW = "一、“十四五”时期发展回顾\n五年来，{}。\n"


def _scorecard(plan: str, review: str) -> pd.DataFrame:
    figures = pd.concat(
        [
            na.extract_figures(PLAN.format(plan), region="青州", report_year=2021).assign(
                doc_id="2021-01"
            ),
            na.extract_figures(REVIEW.format(review), region="青州", report_year=2026).assign(
                doc_id="2026-01"
            ),
        ],
        ignore_index=True,
    )
    return na.plan_scorecard(figures, "青州")


@pytest.mark.parametrize(
    ("target", "outcome", "match"),
    [
        ("人均期望寿命高于", "人均预期寿命", "synonym"),  # a comparison left in the name
        ("经济总量冲刺", "地区生产总值", "synonym"),  # one official indicator, two names
        ("万人发明专利拥有量", "万人有效发明专利拥有量", "normalized"),
        ("高新技术产业产值占规模以上工业总产值比重", "高新技术产业产值占比", "normalized"),
        ("高层次人才总量", "高层次人才", "normalized"),
        ("——高等教育毛入学率", "高等教育毛入学率", "normalized"),
        ("PM2.5年平均浓度", "PM2.5年均浓度", "similar"),
    ],
)
def test_names_worded_differently_join(target, outcome, match):
    assert join_kind(target, outcome)[0] == match


@pytest.mark.parametrize(
    ("target", "outcome"),
    [
        ("居民人均可支配收入", "城镇居民人均可支配收入"),
        ("进出口总额", "出口总额"),
        ("地区生产总值", "人均地区生产总值"),
        ("城镇调查失业率", "城镇登记失业率"),
        ("服务业增加值比重", "现代服务业增加值占服务业比重"),
    ],
)
def test_different_things_never_join(target, outcome):
    assert join_kind(target, outcome) == ("", 0.0)


def test_a_share_is_compared_without_its_denominator():
    assert normalize_name("服务业增加值占地区生产总值比重") == normalize_name("服务业增加值比重")


def test_a_synonym_outcome_decides_and_says_how_it_was_joined():
    sc = _scorecard("人均期望寿命高于82岁", "人均预期寿命提高到82.5岁")
    row = sc.iloc[0]
    assert (row["verdict"], row["outcome_value"], row["match"]) == ("met", 82.5, "synonym")
    assert row["outcome_indicator"] == "人均预期寿命"


def test_a_similar_name_alone_never_decides():
    sc = _scorecard("PM2.5年平均浓度下降到30微克/立方米", "PM2.5年均浓度降至28微克/立方米")
    row = sc.iloc[0]
    assert row["match"] == "similar" and row["outcome_value"] == 28
    assert row["verdict"] == "unclear" and "similar name" in row["verdict_basis"]


def test_different_scopes_stay_apart_in_a_scorecard():
    sc = _scorecard("居民人均可支配收入达到6万元", "城镇居民人均可支配收入达到7万元")
    row = sc.iloc[0]
    assert row["verdict"] == "no_outcome" and pd.isna(row["match"])  # no outcome, no match


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("地区生产总值", ""),
        ("推动", "名称以“推动”结尾，不完整：“推动”"),
        ("投入", "名称不是指标：“投入”"),
        ("《纲要》设置经济发展4大类", "名称含“《”，不是指标：“《纲要》设置经济发展4大类”"),
        ("福厦高铁、厦深高铁和", "名称以“和”结尾，不完整：“福厦高铁、厦深高铁和”"),
        ("公路", "名称过短，不是指标：“公路”"),
    ],
)
def test_names_that_are_no_indicator(name, problem):
    assert name_problem(name) == problem


def test_rows_not_scored_are_not_counted():
    table = pd.DataFrame({"verdict": ["met", "met", "missed"], "scored": [True, False, True]})
    counts = verdict_counts(table)
    assert (counts["met"], counts["missed"]) == (1, 1)


def test_the_public_is_the_public_whatever_the_word():
    assert join_kind("公众安全感", "人民群众安全感")[0] == "normalized"


def test_a_five_year_total_written_as_a_level_decides_nothing():
    # 全市进出口总额达1.4万亿元 in a review of five years beside a 2020 level of 2300亿元: a total
    plan = "进出口总额由2300亿元提高到3000亿元"
    review = "全市进出口总额达1.4万亿元"
    row = _scorecard(plan, review).iloc[0]
    assert row["verdict"] == "unclear" and "five-year total" in row["verdict_basis"]
    assert row["verdict_zh"].endswith("可能是五年累计数而非期末水平，不作判定")


@pytest.mark.parametrize(
    ("target", "outcome", "match"),
    [
        ("研发投入占GDP的比重", "全社会研发经费支出占GDP比重", "synonym"),
        ("服务业增加值占生产总值的比重", "服务业增加值占GDP的比重", "normalized"),
        ("每万人口高价值发明专利拥有量", "万人高价值发明专利拥有量", "normalized"),
        ("城镇新增就业", "新增城镇就业", "synonym"),
    ],
)
def test_more_wordings_of_one_indicator_join(target, outcome, match):
    assert join_kind(target, outcome)[0] == match
