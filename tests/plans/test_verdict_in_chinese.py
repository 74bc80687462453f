"""The verdict in one Chinese line (plans.explain) with the sentences quoted, on made-up reports."""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.plans.explain import verdict_zh

PLAN = (
    "二、“十四五”时期主要目标\n今后五年，地区生产总值突破2.8万亿元，年均增长6%左右，"
    "城镇登记失业率控制在3.5%以内，森林覆盖率达到45%。\n"
)
REVIEW = (
    "一、“十四五”时期发展回顾\n五年来，地区生产总值由2万亿元增加到2.61万亿元，"
    "城镇登记失业率为2.5%。\n"
)


@pytest.fixture(scope="module")
def scorecard() -> pd.DataFrame:
    figures = pd.concat(
        [
            na.extract_figures(PLAN, region="青州", report_year=2021).assign(doc_id="2021-01"),
            na.extract_figures(REVIEW, region="青州", report_year=2026).assign(doc_id="2026-01"),
        ],
        ignore_index=True,
    )
    return na.plan_scorecard(figures, "青州").set_index(["concept", "measure"])


def test_a_missed_level_reads_as_an_analyst_writes_it(scorecard):
    row = scorecard.loc[("地区生产总值", "level")]
    assert row["verdict_zh"] == "2025年实际2.61万亿元，未达到目标超过2.8万亿元"
    assert row["target_sentence"].startswith("今后五年，地区生产总值突破2.8万亿元")
    assert "2.61万亿元" in row["outcome_sentence"]


def test_a_nominal_rate_against_a_real_target_says_why_it_is_unclear(scorecard):
    row = scorecard.loc[("地区生产总值", "avg_growth")]
    assert row["verdict"] == "unclear"
    assert row["verdict_zh"] == (
        "2021-2025年年均增长5.47%（由起止年总量推算），目标年均增长6%左右："
        "目标为实际增速（可比价），结果由现价总量折算为名义增速，不可直接比较"
    )


def test_a_ceiling_kept_and_a_target_without_outcome(scorecard):
    assert scorecard.loc[("城镇登记失业率", "level"), "verdict_zh"] == (
        "2025年实际2.5%，控制在目标3.5%以内"
    )
    assert scorecard.loc[("森林覆盖率", "level"), "verdict_zh"] == (
        "目标45%；后续报告未给出同口径的结果"
    )


def test_rows_not_scored_and_analyst_verdicts_say_so():
    assert verdict_zh({"scored": False, "name_problem": "名称不是指标：“投入”"}) == (
        "未计分：名称不是指标：“投入”"
    )
    row = {"scored": True, "verdict": "met", "verdict_basis": "分析师判定：统计公报为3.2%; level"}
    assert verdict_zh(row) == "分析师判定：统计公报为3.2%"


def test_an_interim_verdict_without_an_end_year_outcome_says_so():
    row = {
        "scored": True,
        "verdict": "ahead",
        "measure": "level",
        "target_value": 1.7e12,
        "unit": "元",
        "target_qualifier": "",
        "outcome_value": float("nan"),
        "verdict_basis": "",
    }
    assert (
        verdict_zh(row) == "目标1.7万亿元；规划期内的实际数快于实现目标所需的进度（期末结果尚无）"
    )


def test_an_outcome_name_with_quotes_of_its_own_is_quoted_with_corner_brackets():
    row = {
        "scored": True,
        "verdict": "missed",
        "measure": "level",
        "target_value": 1e4,
        "unit": "亩",
        "target_qualifier": "",
        "outcome_value": 4.6e4,
        "outcome_unit": "亩",
        "outcome_year": 2025,
        "match": "normalized",
        "outcome_indicator": "“工改工”拆除整备",
        "outcome_qualifier": "",
        "outcome_derived": False,
        "verdict_basis": "",
    }
    assert verdict_zh(row).endswith("（结果按「“工改工”拆除整备」对应）")
