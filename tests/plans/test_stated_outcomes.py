"""Outcomes a review states in words (plans.verbal): made-up reports of a made-up city, worded as
real reviews word them (超额完成目标任务, 全部脱贫, 实现“两个翻番”目标)."""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.plans import peers
from ningbo_analysis.plans.verbal import review_statements

PLAN_2016 = (
    "二、“十三五”时期主要目标\n今后五年，地区生产总值比2010年翻一番以上，城乡居民人均可支配收入"
    "比2010年翻一番以上，城镇居民人均可支配收入达到5万元，城镇新增就业45万人以上，"
    "确保现行标准下40.3万农村贫困人口全部脱贫，高新技术企业达到2000家，"
    "一般公共预算收入达到600亿元。\n"
)
REVIEW_2021 = (
    "一、“十三五”时期工作回顾\n五年来，全面完成“十三五”规划主要目标任务，"
    "成功实现全面建成小康社会的“两个翻番”目标。城镇新增就业超额完成目标任务。"
    "现行标准下的农村贫困人口全部脱贫。高新技术企业提前完成目标。一般公共预算收入达到580亿元。\n"
)


def _corpus() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["青州", "青州"],
            "doc_id": ["2016-01", "2021-01"],
            "reference_year": [2016, 2021],
            "text": [PLAN_2016, REVIEW_2021],
        }
    )


def _figures(corpus: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(
        [
            na.extract_figures(text, region="青州", report_year=year).assign(doc_id=doc)
            for doc, year, text in corpus[["doc_id", "reference_year", "text"]].itertuples(
                index=False
            )
        ],
        ignore_index=True,
    )


@pytest.fixture(scope="module")
def card() -> pd.DataFrame:
    corpus = _corpus()
    return na.plan_scorecard(_figures(corpus), "青州", "十三五", corpus=corpus).set_index(
        "indicator"
    )


def test_the_statements_of_a_review():
    said = review_statements(_corpus())
    assert said[["doc_id", "subject", "cue"]].values.tolist() == [
        ["2016-01", "确保现行标准下40.3万农村贫困人口", "全部脱贫"],
        ["2021-01", "", "全面完成"],
        ["2021-01", "两个翻番", "两个翻番"],
        ["2021-01", "城镇新增就业", "超额完成"],
        ["2021-01", "现行标准下农村贫困人口", "全部脱贫"],
        ["2021-01", "高新技术企业", "提前完成"],
    ]
    first = said.iloc[3]
    assert REVIEW_2021[first["start"] : first["end"]] == "超额完成"
    assert first["clause"] == "城镇新增就业超额完成目标任务"


def test_a_target_the_review_says_was_reached_is_met_in_words(card):
    jobs = card.loc["城镇新增就业"]
    assert (jobs["verdict"], jobs["match"], jobs["outcome_indicator"]) == (
        "met",
        "stated",
        "城镇新增就业",
    )
    assert pd.isna(jobs["outcome_value"])  # no number is made up
    at = REVIEW_2021.find("超额完成")
    assert jobs["outcome_source"] == f"2021-01@{at}-{at + 4}「超额完成」"
    assert jobs["verdict_zh"] == (
        "目标累计45万人以上；2021年报告文字表述：“城镇新增就业超额完成目标任务”（无数字），判为达成"
    )
    assert card.loc["农村贫困人口", "verdict"] == "met"
    assert card.loc["高新技术企业", "verdict"] == "met"


def test_two_doublings_achieved_are_the_doubling_targets_not_a_level(card):
    assert card.loc["地区生产总值", ["measure", "verdict"]].tolist() == ["change", "met"]
    income = card.loc["城乡居民人均可支配收入"]
    assert (income["measure"], income["verdict"]) == ("change", "met")
    # 城镇居民人均可支配收入达到5万元 is a level: no statement joins it
    assert card.loc["城镇居民人均可支配收入", "verdict"] == "no_outcome"


def test_a_number_is_never_replaced_by_words(card):
    revenue = card.loc["一般公共预算收入"]
    assert (revenue["verdict"], revenue["outcome_value"]) == ("missed", 5.8e10)
    assert revenue["match"] == "exact"


def test_without_the_corpus_nothing_is_stated():
    corpus = _corpus()
    plain = na.plan_scorecard(_figures(corpus), "青州", "十三五").set_index("indicator")
    assert plain.loc["城镇新增就业", "verdict"] == "no_outcome"
    assert plain["match"].isna().sum() + (plain["match"] == "exact").sum() == len(plain)


def test_the_analyst_overrides_a_stated_outcome(tmp_path):
    corpus = _corpus()
    figures = _figures(corpus)
    source = na.plan_scorecard(figures, "青州", "十三五", corpus=corpus).set_index("indicator")
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        "action,region,plan,target_source,outcome_source,verdict,reason\n"
        f"verdict,青州,十三五,{source.loc['城镇新增就业', 'target_source']},,unclear,"
        "超额完成 says nothing of 45万\n",
        encoding="utf-8",
    )
    card = na.plan_scorecard(figures, "青州", "十三五", corpus=corpus, overrides=overrides)
    jobs = card.set_index("indicator").loc["城镇新增就业"]
    assert jobs["verdict"] == "unclear"
    assert "verdict" in jobs["override"]


def test_every_place_at_once_reads_the_same_statements(card):
    corpus = _corpus()
    table = peers.scorecards(
        _figures(corpus), plans=["十三五"], statements=review_statements(corpus)
    ).set_index("indicator")
    assert table.loc["城镇新增就业", "verdict"] == "met"
    assert table["verdict"].to_dict() == card["verdict"].to_dict()


def test_an_article_without_a_reference_year_states_nothing_and_breaks_nothing():
    corpus = _corpus()
    undated = pd.DataFrame(
        {
            "region": ["青州"],
            "doc_id": ["9999-01"],
            "reference_year": pd.array([None], dtype="Int64"),
            "text": ["城镇居民人均可支配收入提前完成目标。"],
        }
    )
    both = pd.concat([corpus, undated], ignore_index=True)
    card = na.plan_scorecard(_figures(corpus), "青州", "十三五", corpus=both)
    # undated: not the plan's review, whatever it says
    assert card.set_index("indicator").loc["城镇居民人均可支配收入", "verdict"] == "no_outcome"
    assert card.set_index("indicator").loc["城镇新增就业", "verdict"] == "met"


def test_a_statement_of_the_same_topic_must_name_what_was_all_done():
    corpus = pd.DataFrame(
        {
            "region": ["青州", "青州"],
            "doc_id": ["2016-01", "2021-01"],
            "reference_year": [2016, 2021],
            "text": [
                "二、“十三五”时期主要目标\n今后五年，实现全市128个低收入村全部摘帽，"
                "确保874名贫困人口全部脱贫。\n",
                "一、“十三五”时期工作回顾\n五年来，239个空壳村全部摘帽。年度脱贫任务全面完成。\n",
            ],
        }
    )
    card = na.plan_scorecard(_figures(corpus), "青州", "十三五", corpus=corpus)
    by_value = card.set_index("target_value")["verdict"]
    assert by_value[128.0] == "no_outcome"  # 空壳村 are not the 低收入村
    assert by_value[874.0] == "no_outcome"  # a year's task done is not the plan's


def test_a_collectives_doubling_said_of_its_members_together():
    """城乡居民收入比2010年翻一番 reviewed as 城镇和农村居民人均可支配收入提前一年完成翻番目标: met
    (the clause names both members and the income); a clause naming one member only joins none."""
    plan = "二、“十三五”时期主要目标\n今后五年，城乡居民收入比2010年翻一番。\n"
    for review, verdict in (
        ("城镇和农村居民人均可支配收入提前一年完成翻番目标", "met"),
        ("农村居民人均可支配收入提前一年完成翻番目标", "no_outcome"),
    ):
        corpus = pd.DataFrame(
            {
                "region": ["青州", "青州"],
                "doc_id": ["2016-01", "2021-01"],
                "reference_year": [2016, 2021],
                "text": [plan, f"一、“十三五”时期工作回顾\n五年来，{review}。\n"],
            }
        )
        row = na.plan_scorecard(_figures(corpus), "青州", "十三五", corpus=corpus).iloc[0]
        assert (row["indicator"], row["verdict"]) == ("城乡居民收入", verdict)
