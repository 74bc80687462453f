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


def _figures_of(texts: tuple[tuple[str, int, str], ...]) -> pd.DataFrame:
    """The figures of made-up reports of 青州: (doc_id, report year, text) each."""
    return pd.concat(
        [
            na.extract_figures(text, region="青州", report_year=year).assign(doc_id=doc)
            for doc, year, text in texts
        ],
        ignore_index=True,
    )


def _scorecard(plan: str, review: str, period: str = "十四五") -> pd.DataFrame:
    """The ``period`` scorecard of 青州 from a plan's goals (its opening report) and its review."""
    start = {"十二五": 2011, "十三五": 2016, "十四五": 2021}[period]
    texts = (
        (f"{start}-01", start, PLAN.replace("十四五", period).format(plan)),
        (f"{start + 5}-01", start + 5, REVIEW.replace("十四五", period).format(review)),
    )
    figures = _figures_of(texts)
    return na.plan_scorecard(figures, "青州", period)


@pytest.mark.parametrize(
    ("target", "outcome", "match"),
    [
        ("人均期望寿命高于", "人均预期寿命", "synonym"),  # a comparison left in the name
        ("经济总量冲刺", "地区生产总值", "synonym"),  # one official indicator, two names
        ("万人发明专利拥有量", "万人有效发明专利拥有量", "normalized"),
        ("高新技术产业产值占规模以上工业总产值比重", "高新技术产业产值占比", "normalized"),
        ("高层次人才总量", "高层次人才", "normalized"),
        ("——高等教育毛入学率", "高等教育毛入学率", "normalized"),
        ("PM2.5年平均浓度", "PM2.5年均浓度", "normalized"),  # 年平均 written short
        ("二级以上医院预约诊疗率", "二级及以上医院预约诊疗率", "similar"),
        ("工改工", "“工改工”拆除整备", "normalized"),  # a programme and the verbs of doing it
        ("地方财政一般预算收入", "一般公共预算收入", "synonym"),  # renamed by the 2014 budget law
        ("服务业增加值占生产总值比重", "服务业占生产总值", "synonym"),  # a share named by its whole
        ("城镇化水平", "常住人口城镇化率", "synonym"),
        ("全社会研发投入占GDP比重", "全社会研发费用占地区生产总值比重", "synonym"),
        ("综合机械化程度", "农业综合机械化率", "synonym"),
        ("非公有制经济比重", "非公经济增加值占地区生产总值比重", "synonym"),
        ("城市居民人均可支配收入", "城镇居民人均可支配收入", "synonym"),  # before the 2013 reform
        ("碳市场交易额", "碳市场累计交易额", "normalized"),  # 累计: the measure tells a total
        ("中心城区城市道路", "中心城区累计建成城市道路", "normalized"),
    ],
)
def test_names_worded_differently_join(target, outcome, match):
    assert join_kind(target, outcome)[0] == match


@pytest.mark.parametrize(
    ("target", "outcome"),
    [
        ("城市建成区绿化覆盖率", "主城建成区绿化覆盖率"),  # the main urban area only
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
    sc = _scorecard("生活垃圾无害化处理率达到100%", "生活垃圾无害化处置率达到99%")
    row = sc.iloc[0]
    assert row["match"] == "similar" and row["outcome_value"] == 99
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
        ("第一年脱贫", "名称含“第一年”，不是指标：“第一年脱贫”"),  # a year's share of a schedule
        ("率先实现两个", "名称含“两个”，不是指标：“率先实现两个”"),  # 两个翻番: a pair of goals
        ("重点抓好", "名称含“抓好”，不是指标：“重点抓好”"),
        ("新台阶", "名称含“台阶”，不是指标：“新台阶”"),  # 迈上6000美元新台阶: the step
        ("约束性", "名称不是指标：“约束性”"),  # 约束性3项: a count of the plan's indicators
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
        ("城镇新增就业", "新增城镇就业", "normalized"),
        ("城镇就业年均新增", "城镇新增就业", "normalized"),  # 城镇就业年均新增10万人以上
        ("城镇就业新增", "新增城镇就业", "normalized"),
    ],
)
def test_more_wordings_of_one_indicator_join(target, outcome, match):
    assert join_kind(target, outcome)[0] == match


@pytest.mark.parametrize(
    ("target", "outcome", "match"),
    [
        ("城乡居民人均可支配收入", "居民人均可支配收入", "normalized"),  # every resident
        ("建成区面积", "市域建成区面积", "normalized"),  # the whole municipality
        ("集中式饮用水源地水质达标率", "县级以上集中式饮用水水源地水质达标率", "normalized"),
        ("空气质量优良率", "环境空气质量优良率", "normalized"),
        ("全社会研发支出占生产总值比重", "研究与开发经费占地区生产总值比重", "synonym"),
        ("服务业增加值", "三产增加值", "synonym"),
        ("高水平新型研发机构", "新型研发机构总数", "normalized"),
    ],
)
def test_review_wordings_of_the_third_gold_set_join(target, outcome, match):
    assert join_kind(target, outcome)[0] == match


@pytest.mark.parametrize(
    ("target", "outcome"),
    [
        ("城镇居民人均可支配收入", "城乡居民人均可支配收入"),  # urban only vs every resident
        ("服务业增加值占生产总值的比重", "中部服务业增加值占全市比重"),  # a part of the city
        ("常住人口", "市区常住人口"),
        ("建成区面积", "中心城区建成区面积"),
    ],
)
def test_a_part_of_the_city_or_of_its_people_stays_apart(target, outcome):
    assert join_kind(target, outcome) == ("", 0.0)


def test_a_share_target_reached_is_met_whatever_a_part_of_the_city_had():
    """达到53% is a floor: a district's 71.5% share (中部…占全市比重) is no base to make it a fall."""
    plan = "服务业增加值占生产总值的比重达到53%"
    review = "中部服务业增加值占全市比重达到71.5%；服务业增加值占GDP的比重达到62.2%"
    row = _scorecard(plan, review).iloc[0]
    assert (row["outcome_value"], row["verdict"]) == (62.2, "met")
    assert "floor" in row["verdict_basis"]


@pytest.mark.parametrize(
    ("plan", "review", "verdict"),
    [
        # 降至: a ceiling even without 以内, whatever base a later report restates
        ("一般工业固体废物产生量降至300万吨", "一般工业固体废物产生量为310万吨", "missed"),
        # lower is better: PM2.5浓度达到35微克/立方米 is at most 35
        ("PM2.5年均浓度达到35微克/立方米", "PM2.5年均浓度为38微克/立方米", "missed"),
        # 提高到: a floor
        ("森林覆盖率提高到45%", "森林覆盖率为44.1%", "missed"),
    ],
)
def test_the_verb_or_the_indicator_says_which_way_a_target_goes(plan, review, verdict):
    row = _scorecard(plan, review).iloc[0]
    assert row["verdict"] == verdict, row["verdict_basis"]


def test_what_a_plan_adds_is_a_five_year_total():
    """城镇新增就业45万人 among a plan's goals is the five years' total, not the last year's flow:
    the review's 五年累计新增城镇就业73.5万人 settles it, 当年新增12.8万人 does not."""
    plan = "城镇新增就业45万人"
    review = "五年累计新增城镇就业73.5万人。2025年，城镇新增就业12.8万人"
    row = _scorecard(plan, review).iloc[0]
    assert (row["measure"], row["outcome_value"], row["verdict"]) == ("cumulative", 735000.0, "met")


def test_what_a_plan_adds_every_year_stays_a_yearly_amount():
    """每年城镇新增就业10万人: an amount for every year, never read as a five-year total of 10万人."""
    sc = _scorecard("每年城镇新增就业10万人", "城镇新增就业12万人")
    assert not (sc["measure"] == "cumulative").any()


def test_count_words_used_for_one_another_compare():
    """力争建设新型研发机构50个, reviewed as 新型研发机构总数63家: 个 and 家 count the same things."""
    row = _scorecard("新型研发机构达到50个", "新型研发机构总数达到63家").iloc[0]
    assert (row["outcome_value"], row["outcome_unit"], row["verdict"]) == (63.0, "家", "met")


def test_economy_growth_is_gdp_growth():
    """经济保持年均增长6%左右 (the name cut to 经济) is judged on 地区生产总值年均增长5.2%."""
    row = _scorecard("经济保持年均增长6%左右", "地区生产总值年均增长5.2%").iloc[0]
    assert (row["outcome_value"], row["verdict"]) == (5.2, "missed")


def test_a_rank_target_is_met_by_a_rank():
    """经开区跻身全国十强 (rank at most 10), reviewed as 经开区居全国第7位: met; a rank is never
    compared with an amount."""
    sc = _scorecard("经开区跻身全国十强", "经开区营业收入达到3000亿元，经开区居全国第7位")
    row = sc.iloc[0]
    assert (row["measure"], row["target_value"], row["target_qualifier"]) == (
        "level",
        10.0,
        "at_most",
    )
    assert (row["outcome_value"], row["outcome_unit"], row["verdict"]) == (7.0, "位", "met")


def test_a_five_year_total_is_a_total_whatever_its_flow_word():
    """累计新增就业300万人左右 reviewed as 五年城镇新增就业362万人: met."""
    row = _scorecard("累计新增就业300万人左右", "五年城镇新增就业362万人").iloc[0]
    assert (row["measure"], row["outcome_value"], row["verdict"]) == ("cumulative", 3.62e6, "met")


def test_the_stock_after_a_flow_in_a_list_is_the_level():
    """国家高新技术企业达到1600户, reviewed as 新增国家高新技术企业789户、累计突破3300户: the stock."""
    row = _scorecard(
        "国家高新技术企业达到1600户", "新增国家高新技术企业789户、累计突破3300户"
    ).iloc[0]
    assert (row["outcome_value"], row["outcome_qualifier"], row["verdict"]) == (
        3300,
        "more_than",
        "met",
    )


def test_a_milestone_inside_the_plan_is_a_target_of_its_year():
    """地区生产总值到2019年达到3850亿元 in the plan's opening report: a row for 2019 beside the
    2020 target; no report states 2019's level, so the review's 2020 level decides: still short
    of the 2019 floor a year later, it is missed; reached by 2020, it is unclear (when?)."""
    sc = _scorecard(
        "地区生产总值到2019年达到3850亿元，2020年迈上4000亿元台阶，"
        "城乡常住居民人均可支配收入于2019年前分别达到50780元和19200元",
        "地区生产总值达到2800.7亿元，城乡常住居民人均可支配收入分别达到49789元和20489元",
        "十三五",
    )
    gdp = sc[sc["concept"] == "地区生产总值"]
    years = dict(zip(gdp["target_year"], gdp["verdict"], strict=True))
    assert years == {2019: "missed", 2020: "missed"}
    row = gdp[gdp["target_year"] == 2019].iloc[0]
    assert (row["outcome_value"], row["outcome_year"]) == (2800.7e8, 2020)
    assert row["verdict_zh"] == "2020年实际2,800.7亿元，未达到2019年目标3,850亿元"
    income = dict(zip(sc["concept"], sc["verdict"], strict=True))
    assert income["城镇常住居民人均可支配收入"] == "missed"  # 49789元 < 50780元
    assert income["农村常住居民人均可支配收入"] == "unclear"  # 20489元 ≥ 19200元, but by 2019?


def test_a_fall_since_the_last_plans_end_is_a_change_over_the_plan():
    """重污染天气比“十二五”期末减少60%: a change 2015–2020, judged on the review's stated fall."""
    sc = _scorecard(
        "重污染天气天数比“十二五”期末减少60%", "重污染天气天数比2015年减少65%", "十三五"
    )
    row = sc.iloc[0]
    assert (row["measure"], row["target_value"], row["outcome_value"], row["verdict"]) == (
        "change",
        -60.0,
        -65.0,
        "met",
    )


def test_an_industry_is_one_thing_with_or_without_its_industry_words():
    from ningbo_analysis.plans.match import join_kind, normalize_name

    # a class-of-size target (千亿级的新材料) and its review (新材料产业迈上千亿台阶)
    assert join_kind("新材料", "新材料产业") == ("normalized", 100.0)
    assert join_kind("高端装备制造", "高端装备制造业") == ("normalized", 100.0)
    assert join_kind("新能源产业集群", "新能源产业营收") == ("normalized", 100.0)
    assert normalize_name("林业") == "林业"  # two characters stay
    assert join_kind("新能源", "新能源汽车产业") == ("", 0.0)


def test_official_indicators_written_two_ways_join():
    from ningbo_analysis.plans.match import join_kind

    assert join_kind("农产品加工产值与农业总产值之比", "农产品加工业产值与农业总产值之比")[0] == (
        "normalized"
    )
    assert join_kind("集中式饮用水源地水质达标率", "县级以上集中式饮用水水源地水质达标率")[0] == (
        "normalized"
    )
    assert join_kind("农村转移劳动力", "农村劳动力转移就业")[0] == "synonym"
    assert join_kind("旅游总收入", "旅游总消费")[0] == "synonym"


def test_a_set_of_indicators_is_no_indicator_and_a_count_of_its_own_list_no_figure():
    from ningbo_analysis.plans.names import name_problem

    assert name_problem("约束性指标") != "" and name_problem("主要指标") != ""
    assert name_problem("地区生产总值") == ""
    t = "“十四五”时期，单位地区生产总值能源消耗、空气质量优良天数比率、森林覆盖率3项。延寿、木兰、巴彦3个贫困县全部摘帽。"
    figs = na.extract_figures(t, region="某市", report_year=2021)
    assert figs["raw"].tolist() == ["3个"]


def test_a_renamed_budget_line_and_resident_income_join_their_review():
    # 一般公共财政预算收入 was renamed 一般公共预算收入 (2014 budget law); the review's levels
    # give the five-year rate: 368.7 → 392.6亿元 is 1.26 % a year, short of 7 %
    card = _scorecard(
        "一般公共财政预算收入年均增长7%，城乡居民人均收入年均增长9%以上",
        "一般公共预算收入由368.7亿元增加到392.6亿元；居民人均可支配收入年均增长9.2%",
    )
    budget = card.loc[card["concept"] == "一般公共财政预算收入"].iloc[0]
    assert (budget["verdict"], budget["match"]) == ("missed", "normalized")
    assert budget["outcome_value"] == pytest.approx(1.264, abs=0.001)
    income = card.loc[card["concept"] == "城乡居民人均收入"].iloc[0]
    assert (income["verdict"], income["outcome_value"]) == ("met", 9.2)
    assert join_kind("城镇居民人均收入", "城镇居民人均可支配收入")[0] == "normalized"
    assert join_kind("城乡居民人均收入", "城镇居民人均可支配收入") == ("", 0.0)
    assert join_kind("粮食综合生产能力", "粮食产量")[0] == "synonym"
    assert join_kind("粮食综合生产能力", "粮食总产量") == ("", 0.0)  # often a five-year sum


def test_a_yearly_amount_is_judged_per_year_from_the_reviews_total_or_its_yearly_statement():
    card = _scorecard(
        "城镇新增就业平均每年不少于4万人，每年新建学校10所，PM2.5年均浓度下降到30微克/立方米",
        "城镇新增就业31.05万人，每年新建学校8所，PM2.5年均浓度下降到28微克/立方米",
    )
    jobs = card.loc[card["concept"] == "城镇新增就业"].iloc[0]
    # 31.05万人 over five years is 6.21万人 a year, at least 4万人 a year: met
    assert (jobs["verdict"], jobs["outcome_value"], jobs["period"]) == ("met", 62100.0, "2021-2025")
    assert (
        jobs["verdict_zh"] == "2021-2025年平均每年6.21万人（由期间累计折算），达到目标每年4万人以上"
    )
    schools = card.loc[card["concept"] == "新建学校"].iloc[0]
    assert (schools["verdict"], schools["outcome_value"]) == ("missed", 8.0)
    assert schools["verdict_zh"] == "2021-2025年每年8所，未达到目标每年10所"
    pm = card.loc[card["concept"].str.startswith("PM2.5")].iloc[0]  # 年均浓度: a level, not yearly
    assert (pm["verdict"], pm["outcome_value"]) == ("met", 28.0)
    from ningbo_analysis.present.scorecard_view import headline_frame

    shown = headline_frame(card).set_index("指标")
    assert shown.loc["城镇新增就业", ["目标", "结果"]].tolist() == [
        "每年 4万人以上",
        "每年 6.21万人 (推算)",
    ]


def test_a_yearly_amount_in_a_review_is_no_total_and_a_rate_per_person_no_yearly_amount():
    review = na.extract_figures(
        "一、“十四五”时期发展回顾\n五年来，每年城镇新增就业超10万人，年均新增就业岗位61.4万个。\n",
        region="青州",
        report_year=2026,
    )
    assert list(zip(review["measure"], review["period"], review["value"], strict=True)) == [
        ("level", "2021-2025", 100000.0),
        ("level", "2021-2025", 614000.0),
    ]
    plan = na.extract_figures(
        "今后五年，小学生每年每人补助1270元，每年至少实施“工改工”1万亩。",
        region="青州",
        report_year=2021,
    )
    assert list(zip(plan["indicator"], plan["period"], strict=True)) == [
        ("小学生每年每人补助", "2025"),  # a standard at the plan's end, not a yearly amount
        ("工改工", "2021-2025"),
    ]


def test_a_money_target_many_times_the_outcome_is_no_level_to_judge():
    # 进出口总额超7万亿元 with nothing saying it is a total: a five-year total written as a level?
    card = _scorecard("进出口总额超7万亿元", "进出口总额达1.58万亿元")
    trade = card.loc[card["concept"] == "进出口总额"].iloc[0]
    assert (trade["verdict"], trade["outcome_value"]) == ("unclear", 1.58e12)
    assert "4.4× the outcome" in trade["verdict_basis"]
    assert trade["verdict_zh"].endswith("目标为结果的数倍，可能是五年累计数而非期末水平，不作判定")
    # after 力争五年实际投资超6000亿元 in a run of amounts it is a five-year total: the review's
    # level of 2025 is no outcome for it
    card = _scorecard("力争五年实际投资超6000亿元，进出口总额超7万亿元", "进出口总额达1.58万亿元")
    trade = card.loc[card["concept"] == "进出口总额"].iloc[0]
    assert (trade["measure"], trade["verdict"]) == ("cumulative", "no_outcome")


def test_a_doubling_is_judged_on_the_average_growth_the_review_states():
    # 1.082⁵ = 1.48倍 < 2倍: missed; 技术交易额 is reviewed as 技术合同成交额 (one indicator)
    card = _scorecard(
        "高新技术企业数、技术交易额、研究与试验发展（R&D）投入均实现翻一番，全社会固定资产投资至少翻一番",
        "全社会研发投入年均增长8.2%，技术合同成交额增长10倍，固定资产投资年均增长15.2%",
    )
    got = {
        r.indicator: (r.verdict, round(r.outcome_value, 3), r.match)
        for r in card.itertuples()
        if r.verdict != "no_outcome"
    }
    assert got == {
        "研究与试验发展（R&D）投入": ("missed", 1.483, "normalized"),
        "技术交易额": ("met", 10.0, "synonym"),
        "全社会固定资产投资": ("met", 2.029, "normalized"),  # 1.152⁵ (全社会 cut)
    }
    # a doubling reached ahead of time is the older goal's (since 2010), not the plan's own
    early = _scorecard(
        "地区生产总值年均增长7.5%以上，力争提前一年实现翻番", "地区生产总值年均增长6.6%"
    )
    assert set(early.loc[early["measure"] == "change", "verdict"]) == {"no_outcome"}
    assert join_kind("人均拥有公园绿地面积", "人均公园绿地面积")[0] == "normalized"


def test_all_lifted_out_of_poverty_twice_is_no_count_to_compare():
    # the poor were counted again between the reports: fewer "all" is no shortfall
    card = _scorecard(
        "到2020年，163个贫困村、20.1万贫困人口全面脱贫，3个贫困县全部摘帽。",
        "现行标准下71683名贫困人口全部脱贫，3个贫困县全部摘帽。",
        period="十三五",
    )
    people = card.loc[card["concept"] == "贫困人口"].iloc[0]
    assert (people["verdict"], people["outcome_value"]) == ("unclear", 71683.0)
    assert people["verdict_zh"].endswith(
        "目标与结果均为“全部”（如全部脱贫），人数口径不同，不作比较"
    )
    counties = card.loc[card["concept"] == "贫困县"].iloc[0]
    assert (counties["verdict"], counties["outcome_value"]) == ("met", 3.0)


@pytest.mark.parametrize(
    ("urban", "rural", "verdict", "word"),
    [
        ("6.4%", "8.6%", "missed", "均未达到"),
        ("9.4%", "10.6%", "met", "均达到"),
        ("8.4%", "10.6%", "unclear", "有达到有未达到，不作判定"),
    ],
)
def test_a_target_of_urban_and_rural_residents_is_judged_on_both(urban, rural, verdict, word):
    card = _scorecard(
        "城乡居民人均收入年均增长9%以上",
        f"城镇居民人均可支配收入年均增长{urban}，农村居民人均可支配收入年均增长{rural}",
        period="十三五",
    )
    row = card.loc[card["concept"] == "城乡居民人均收入"].iloc[0]
    assert (row["verdict"], row["match"]) == (verdict, "members")
    assert pd.isna(row["outcome_value"])  # two outcomes, no one number
    assert row["verdict_zh"] == (
        f"目标年均增长9%以上；城镇居民人均可支配收入{urban}、农村居民人均可支配收入{rural}，{word}"
    )


def test_a_collective_with_one_member_stated_has_no_outcome():
    card = _scorecard(
        "城乡居民人均收入年均增长9%以上", "城镇居民人均可支配收入年均增长9.4%", period="十三五"
    )
    row = card.loc[card["concept"] == "城乡居民人均收入"].iloc[0]
    assert row["verdict"] == "no_outcome"


def test_a_money_target_three_and_a_half_times_one_years_amount_is_a_total():
    # 综合交通投资超2200亿元 in the plan's goals, against 2025's 560亿元: not a level to judge
    texts = (
        ("2021-01", 2021, "二、“十四五”时期主要目标\n加快建设交通强市，综合交通投资超2200亿元。\n"),
        ("2026-01", 2026, "一、“十四五”时期发展回顾\n去年，完成综合交通投资超560亿元。\n"),
    )
    figures = _figures_of(texts)
    card = na.plan_scorecard(figures, "青州", "十四五")
    row = card.loc[card["concept"] == "综合交通投资"].iloc[0]
    assert (row["measure"], row["verdict"], row["outcome_value"]) == ("level", "unclear", 5.6e10)
    assert "3.9× the outcome" in row["verdict_basis"]


def test_a_later_reviews_starting_value_is_no_outcome_to_judge_by():
    # 2020's share known only as where the 2026 review starts from: perhaps counted anew
    texts = (
        ("2016-01", 2016, "二、“十三五”时期主要目标\n战略性新兴产业增加值占比达到16%以上。\n"),
        ("2021-01", 2021, "一、“十三五”时期工作回顾\n五年来，地区生产总值年均增长6%。\n"),
        (
            "2026-01",
            2026,
            "一、“十四五”时期工作回顾\n五年来，战略性新兴产业增加值占比从6.3%提升至11.5%。\n",
        ),
    )
    figures = _figures_of(texts)
    card = na.plan_scorecard(figures, "青州", "十三五")
    row = card.loc[card["concept"] == "战略性新兴产业增加值占比"].iloc[0]
    assert (row["verdict"], row["outcome_value"]) == ("unclear", 6.3)
    assert row["verdict_zh"].endswith(
        "期末水平仅见于其后规划回顾的起点数（可能经过修订），不作判定"
    )


def test_a_verb_and_its_object_in_either_order_are_one_indicator():
    """五年收储土地4.5万亩 reviewed as 完成土地收储5.5万亩: met (收储土地 = 土地收储)."""
    assert join_kind("收储土地", "土地收储") == ("normalized", 100.0)
    row = _scorecard("五年收储土地4.5万亩", "完成土地收储5.5万亩").iloc[0]
    assert (row["measure"], row["outcome_value"], row["verdict"]) == ("cumulative", 5.5e4, "met")


def test_a_years_amount_written_with_year_is_the_level():
    """旅游总收入超1500亿元 reviewed as 年旅游总消费突破1700亿元: met (年 = the year's amount, as any
    level; 年末常住人口 stays apart from 常住人口)."""
    assert join_kind("旅游总收入", "年旅游总消费") == ("synonym", 100.0)
    assert join_kind("常住人口", "年末常住人口") == ("", 0.0)
    row = _scorecard("旅游总收入超1500亿元", "年旅游总消费突破1700亿元").iloc[0]
    assert (row["outcome_value"], row["verdict"]) == (1.7e11, "met")


def test_an_airport_named_with_or_without_its_international():
    """长乐机场旅客吞吐量超2200万人次 reviewed as 长乐国际机场…旅客吞吐量突破1600万人次: missed."""
    assert join_kind("长乐机场旅客吞吐量", "长乐国际机场旅客吞吐量") == ("normalized", 100.0)
    row = _scorecard(
        "长乐机场旅客吞吐量超2200万人次", "长乐国际机场定位为超大型机场，旅客吞吐量突破1600万人次"
    ).iloc[0]
    assert (row["outcome_value"], row["verdict"]) == (1.6e7, "missed")


def test_a_networks_length_by_any_of_its_names():
    """城市轨道交通网 (415公里), 城市轨道交通通车里程, 城市轨道交通运营里程: one length."""
    assert join_kind("城市轨道交通网", "城市轨道交通通车里程") == ("normalized", 100.0)
    assert join_kind("城市轨道交通网", "城市轨道交通运营里程") == ("normalized", 100.0)
    assert join_kind("城市轨道交通网", "高速公路通车里程") == ("", 0.0)


def test_the_plans_last_report_own_tasks_are_no_plan_targets():
    """A 2020 report's tasks for 2020 (今年…主要预期目标, 完成28个乡村振兴示范村建设) are no 十三五
    targets; a target of the plan it restates (确保“十三五”规划目标…) stays one."""
    texts = (
        ("2016-01", 2016, PLAN.replace("十四五", "十三五").format("森林覆盖率达到45%")),
        (
            "2020-01",
            2020,
            "三、2020年工作安排\n今年发展的主要预期目标为：地区生产总值增长7.5%左右，完成28个乡村振兴"
            "示范村建设。确保“十三五”规划目标圆满完成，城镇新增就业累计达到60万人。\n",
        ),
    )
    card = na.plan_scorecard(_figures_of(texts), "青州", "十三五")
    assert sorted(card["indicator"]) == ["城镇新增就业", "森林覆盖率"]


def test_a_plan_named_after_the_number_keeps_the_last_reports_target():
    """地区生产总值达到3000亿元，确保“十三五”规划目标圆满完成 in the 2020 report: the plan is named
    after the number, the target stays one of the plan's."""
    texts = (
        ("2016-01", 2016, PLAN.replace("十四五", "十三五").format("森林覆盖率达到45%")),
        (
            "2020-01",
            2020,
            "三、2020年工作安排\n力争地区生产总值达到3000亿元，确保“十三五”规划目标圆满完成。\n",
        ),
    )
    card = na.plan_scorecard(_figures_of(texts), "青州", "十三五")
    assert sorted(card["indicator"]) == ["地区生产总值", "森林覆盖率"]


def test_a_rank_among_national_peers_of_the_citys_own_zone_joins_its_national_rank():
    # 经开区跻身全国十强 in 青州's plan; 青州经开区居国家级经开区第7位 in its review: the zone is the
    # city's own (its name before 经开区 is cut in its own scorecard) and a rank among the
    # national-level zones is a national rank
    card = _scorecard("经开区跻身全国十强", "青州经开区居国家级经开区第7位")
    row = card.loc[card["indicator"] == "经开区全国排名"].iloc[0]
    assert (row["outcome_value"], row["verdict"]) == (7.0, "met")
    assert row["outcome_indicator"] == "青州经开区全国排名"
    # another place's zone keeps its name: no outcome of 青州's own
    other = _scorecard("经开区跻身全国十强", "东州经开区居国家级经开区第7位")
    assert other.loc[other["indicator"] == "经开区全国排名", "verdict"].item() == "no_outcome"


@pytest.mark.parametrize(
    ("target", "verdict"),
    [("8000元以上", "met"), ("1.2万元", "unclear"), ("1.5万元", "missed")],
)
def test_a_rebased_income_decides_a_level_only_by_more_than_its_margin(target, verdict):
    # 农民人均纯收入 (until the 2013 survey reform) reviewed as 农村居民人均可支配收入: one series
    # on two bases; a level within 10 % of the target is not decided
    card = _scorecard(f"农民人均纯收入达到{target}", "农村居民人均可支配收入达到11972元", "十二五")
    row = card.loc[card["indicator"] == "农民人均纯收入"].iloc[0]
    assert (row["match"], row["outcome_value"], row["verdict"]) == ("rebased", 11972.0, verdict)
    if verdict == "unclear":
        assert "不同统计口径" in row["verdict_zh"]


def test_a_goal_of_the_next_plan_said_in_words_is_no_outcome():
    # the review report's outline of the next plan (提出了今后五年…目标任务，地区生产总值提前实现比
    # 2010年翻一番，到2020年…) states a goal, not that the target was reached
    from ningbo_analysis.plans.verbal import _a_goal, review_statements

    texts = [
        "各位代表，编制的《纲要（草案）》提出了今后五年的目标任务和政策措施，地区生产总值提前实现比"
        "2010年翻一番，到2020年一般公共预算总收入超过1250亿元。",
        "五年来，地区生产总值提前实现比2010年翻一番。",
    ]
    corpus = pd.DataFrame(
        {"region": "青州", "doc_id": ["a", "b"], "reference_year": 2016, "text": texts}
    )
    goal, done = review_statements(corpus).to_dict("records")
    assert (goal["subject"], done["subject"]) == ("地区生产总值", "地区生产总值")
    assert _a_goal(goal, 2016) and not _a_goal(done, 2016)
