"""A plan whose first review covers a term ending a year after it (a report of December 2021,
or of 2022, reviewing 2017–2021): its outcomes stand in for the plan's only when they clear the
target by a year's change or more. Made-up reports of 青州, worded as real ones are."""

from __future__ import annotations

import pandas as pd

import ningbo_analysis as na

PLAN = "二、“十三五”时期主要目标\n今后五年，{}。\n"
TERM_REVIEW = "一、过去五年工作回顾\n五年来，{}。\n"
PLAN_REVIEW = "一、“十三五”时期发展回顾\n五年来，{}。\n"


def _scorecard(plan: str, *reviews: tuple[int, str]) -> pd.DataFrame:
    """The 十三五 scorecard of 青州 from its 2016 goals and reviews (report year, text)."""
    texts = [("2016-01", 2016, PLAN.format(plan)), *((f"{y}-01", y, t) for y, t in reviews)]
    figures = pd.concat(
        [
            na.extract_figures(text, region="青州", report_year=year).assign(doc_id=doc)
            for doc, year, text in texts
        ],
        ignore_index=True,
    )
    return na.plan_scorecard(figures, "青州", "十三五").set_index("indicator")


def test_a_rate_of_the_late_term_decides_only_far_from_the_target():
    """年均增长8% reviewed as 2016→2021 年均增长5.5%: missed (more than a point short); 城镇居民
    10% vs 9.5%: unclear (within a point); 农村居民 10.2% vs 9.2%: missed (a point short)."""
    sc = _scorecard(
        "地区生产总值年均增长8%，城镇居民人均可支配收入年均增长10%，农村居民人均可支配收入年均增长10.2%",
        (
            2022,
            TERM_REVIEW.format(
                "地区生产总值从2016年的2207.4亿元增加到2021年的3244亿元，年均增长5.5%；"
                "城镇居民人均可支配收入从29661元增加到43364元，年均增长9.5%；"
                "农村居民人均可支配收入年均增长9.2%"
            ),
        ),
    )
    gdp = sc.loc["地区生产总值"]
    assert (gdp["outcome_value"], gdp["outcome_year"], gdp["verdict"]) == (5.5, 2021, "missed")
    assert gdp["verdict_basis"].startswith("a year late (2017-2021)")
    assert gdp["verdict_zh"].startswith("2017-2021年年均增长5.5%，未达到目标年均增长8%")
    income = sc.loc["城镇居民人均可支配收入"]
    assert (income["outcome_value"], income["verdict"]) == (9.5, "unclear")
    rural = sc.loc["农村居民人均可支配收入"]  # 9.2% against 10.2%: a point short, a year's change
    assert (rural["outcome_value"], rural["verdict"]) == (9.2, "missed")
    assert "不超过一年的变化" in income["verdict_zh"]


def test_a_level_of_the_late_term_decides_by_more_than_a_tenth():
    """森林覆盖率达到18% → 2021年 15.5%: missed; 优良率 80% → 82%: unclear; PM2.5 40以下 → 34: met
    (in a part that reviews the term: it states the term's average growth)."""
    sc = _scorecard(
        "森林覆盖率达到18%，空气质量优良率达到80%，PM2.5年均浓度下降到40微克/立方米以下",
        (
            2022,
            TERM_REVIEW.format(
                "地区生产总值从2016年的2207.4亿元增加到2021年的3244亿元，年均增长5.5%；"
                "森林覆盖率提高到15.5%，空气质量优良率提高到82%，PM2.5年均浓度下降到34微克/立方米"
            ),
        ),
    )
    verdicts = {name: sc.loc[name, "verdict"] for name in sc.index}
    assert verdicts == {"森林覆盖率": "missed", "空气质量优良率": "unclear", "PM2.5年均浓度": "met"}
    assert sc.loc["森林覆盖率", "verdict_zh"].startswith("2021年实际15.5%，未达到目标18%")
    assert "1.8个百分点" in sc.loc["森林覆盖率", "verdict_basis"]


def test_a_total_of_the_late_term_is_a_five_year_total():
    """今后五年城镇新增就业累计25万人 → 五年累计新增城镇就业45万人 (2017–2021): met."""
    sc = _scorecard(
        "城镇新增就业累计25万人",
        (2022, TERM_REVIEW.format("累计新增城镇就业45万人")),
    )
    row = sc.loc["城镇新增就业"]
    assert (row["measure"], row["outcome_value"], row["verdict"]) == ("cumulative", 4.5e5, "met")


def test_the_plans_own_review_comes_first():
    """A review of 2016–2020 (the 2021 report) decides; the later term's figure is not used."""
    sc = _scorecard(
        "森林覆盖率达到18%",
        (2021, PLAN_REVIEW.format("森林覆盖率达到17%")),
        (2022, TERM_REVIEW.format("森林覆盖率提高到19%")),
    )
    row = sc.loc["森林覆盖率"]
    assert (row["outcome_value"], row["outcome_year"], row["verdict"]) == (17.0, 2020, "missed")
    assert "a year late" not in row["verdict_basis"]


def test_a_year_opening_a_clause_runs_on_to_the_next():
    """到2017年…翻一番，2020年超过3000亿元，人均生产总值达到76000元左右: 76000元 is for 2020; a
    semicolon ends the run (…；人均可支配收入于2019年前分别达到…: 2019)."""
    figures = na.extract_figures(
        "“十三五”时期经济年均增长8%，到2017年生产总值比2010年翻一番，2020年超过3000亿元，"
        "人均生产总值达到76000元左右。到2019年地区生产总值达到3850亿元，2020年迈上4000亿元台阶；"
        "城乡居民人均可支配收入于2019年前分别达到50780元和19200元，较2010年末翻一番。",
        region="青州",
        report_year=2016,
    )
    years = dict(zip(figures["raw"], figures["period"], strict=False))
    assert years["76000元左右"] == "2020"
    assert years["超过3000亿元"] == "2020"
    assert years["50780元"] == "2019"


def test_a_yearly_report_of_the_next_year_is_no_review_of_the_term():
    """A 2022 report's 2021 levels, in a part that states no growth or total of 2017–2021, and its
    2021 新增 amounts, decide nothing: no outcome."""
    sc = _scorecard(
        "森林覆盖率达到18%，新建城市道路达到400公里",
        (
            2022,
            "一、2021年工作回顾\n去年，地区生产总值增长8.5%，森林覆盖率提高到15.5%，新建城市道路522公里。\n",
        ),
    )
    assert dict(zip(sc.index, sc["verdict"], strict=True)) == {
        "森林覆盖率": "no_outcome",
        "新建城市道路": "no_outcome",
    }


def test_the_late_term_over_a_rate_derived_with_a_later_plans_review():
    """Income 年均增长10%: the 2026 report's starting value (2020: 40152元) with the 2015 level gives
    a rate from two reports, which decides nothing; the 2022 review of 2017–2021 states 7.9%:
    missed."""
    sc = _scorecard(
        "城镇居民人均可支配收入年均增长10%。2015年城镇居民人均可支配收入27088元",
        (
            2022,
            TERM_REVIEW.format(
                "地区生产总值从2016年的2207.4亿元增加到2021年的3244亿元，年均增长5.5%；"
                "城镇居民人均可支配收入从29661元增加到43364元，年均增长7.9%"
            ),
        ),
        (
            2026,
            "一、“十四五”时期发展回顾\n五年来，城镇居民人均可支配收入从40152元增加到53215元。\n",
        ),
    )
    row = sc.loc["城镇居民人均可支配收入"]
    assert (row["outcome_value"], row["outcome_year"], row["verdict"]) == (7.9, 2021, "missed")
    assert "later plan's review is not used" in row["verdict_basis"]


def test_a_listed_starting_value_of_a_later_review_decides_nothing():
    """城镇居民人均可支配收入达到4.4万元, whose only 2020 level is the first from-value of the 2026
    review's list (分别从40152元、14652元增加到…): unclear, as a single from-value is."""
    sc = _scorecard(
        "城镇居民人均可支配收入达到4.4万元",
        (
            2026,
            "一、“十四五”时期发展回顾\n五年来，城乡居民人均可支配收入分别从40152元、14652元增加到"
            "53215元、21419元。\n",
        ),
    )
    row = sc.loc["城镇居民人均可支配收入"]
    assert (row["outcome_value"], row["outcome_year"], row["verdict"]) == (40152, 2020, "unclear")
    assert "starting value of a later review" in row["verdict_basis"]
