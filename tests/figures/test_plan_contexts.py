"""Where a real work report places a figure in time (made-up texts in the wording real reports
use): a heading with a space after its marker, an outlook section, a 这五年 review paragraph, the
targets of the new plan's outline in the report that opens it."""

from __future__ import annotations

import pandas as pd

import ningbo_analysis as na
from ningbo_analysis.corpus.structure import outline


def _figures(text: str, year: int) -> pd.DataFrame:
    return na.extract_figures(text, region="青州", report_year=year)


def _row(figures: pd.DataFrame, raw: str) -> tuple[str, str, str]:
    row = figures[figures["raw"] == raw].iloc[0]
    return row["indicator"], row["kind"], row["period"]


def test_a_space_after_the_marker_keeps_the_heading():
    rows = outline("一、 2015年和“十二五”时期工作回顾\n正文。\n二、 “十三五”时期的主要目标\n正文。")
    assert rows["heading"].tolist() == ["2015年和“十二五”时期工作回顾", "“十三五”时期的主要目标"]


def test_targets_under_a_spaced_plan_heading_are_the_plans():
    text = (
        "一、 2015年工作回顾\n地区生产总值增长7%。\n"
        "二、 “十三五”时期的主要目标和任务\n（一）着力加强生态文明建设。全市森林覆盖率达52%以上。\n"
    )
    assert _row(_figures(text, 2016), "52%以上") == ("森林覆盖率", "target", "2020")


def test_an_outlook_section_holds_the_plans_targets():
    text = (
        "一、2015年工作回顾\n比2010年翻一番的目标提前实现。\n二、“十三五”时期展望\n"
        "今后五年，主要战略任务是：\n（一）加快产业转型。规上工业增加值年均增长10%左右。\n"
    )
    assert _row(_figures(text, 2016), "10%左右") == ("规上工业增加值", "target", "2016-2020")


def test_a_review_paragraph_opened_by_these_five_years():
    text = (
        "一、工作回顾\n这五年，我们注重抓好发展第一要务。一般公共预算收入由511.9亿元增加到830亿元、"
        "年均增长10.1%。\n"
    )
    figures = _figures(text, 2016)
    assert _row(figures, "511.9亿元") == ("一般公共预算收入", "actual", "2010")
    assert _row(figures, "830亿元") == ("一般公共预算收入", "actual", "2015")
    assert _row(figures, "10.1%") == ("一般公共预算收入", "actual", "2011-2015")


def test_the_new_plans_outline_in_the_report_that_opens_it_sets_targets():
    text = (
        "一、“十四五”时期发展回顾\n五年来，全员劳动生产率达到40万元/人。\n"
        "二、发展思路\n围绕上述目标，《纲要草案》设置了29项主要指标，包括：全员劳动生产率达58万元/人左右。\n"
    )
    figures = _figures(text, 2026)
    assert _row(figures, "58万元/人左右") == ("全员劳动生产率", "target", "2030")
    assert _row(figures, "40万元/人") == ("全员劳动生产率", "actual", "2025")


def test_a_plan_named_with_its_goals_sets_targets():
    text = "“十三五”发展的主要预期目标是：地区生产总值年均增长7.5%;全社会研发投入占地区生产总值比重达3.1%。\n"
    figures = _figures(text, 2016)
    assert _row(figures, "7.5%") == ("地区生产总值", "target", "2016-2020")
    assert _row(figures, "3.1%")[1:] == ("target", "2020")


def test_a_doubling_said_of_two_things_is_one_figure_each():
    text = (
        "二、“十三五”时期的主要目标\n提前实现全市地区生产总值和城乡居民人均收入比2010年翻一番。\n"
    )
    rows = _figures(text, 2016)[["indicator", "measure", "period", "value", "unit"]]
    assert rows.values.tolist() == [
        ["地区生产总值", "change", "2010-2020", 2.0, "倍"],
        ["城乡居民人均收入", "change", "2010-2020", 2.0, "倍"],
    ]


def test_higher_than_and_striving_for_are_read_as_a_bound_and_a_level():
    figures = _figures("到2020年，人均期望寿命高于82.4岁，经济总量冲刺10000亿元。", 2016)
    row = figures[figures["raw"] == "高于82.4岁"].iloc[0]
    assert (row["indicator"], row["qualifier"], row["value"]) == ("人均期望寿命", "more_than", 82.4)
    assert _row(figures, "10000亿元") == ("地区生产总值", "target", "2020")


def test_a_cumulative_rise_after_a_from_to_pair_is_a_change_over_the_plan():
    text = "五年来，全市地区生产总值从2015年的4342.38亿元提高到6733.79亿元，累计增长40.6%。"
    figures = _figures(text, 2021)
    row = figures[figures["raw"] == "40.6%"].iloc[0]
    assert (row["indicator"], row["measure"], row["period"]) == (
        "地区生产总值",
        "change",
        "2015-2020",
    )
    stock = _figures("五年来，新增高新技术企业1200家，累计达到5000家。", 2021)
    assert _row(stock, "5000家") == ("高新技术企业", "actual", "2020")  # 累计达到: the stock


def test_a_streak_is_no_part_of_a_name():
    figures = _figures(
        "一、“十四五”时期工作回顾\n五年来，国、省控断面水质优良率连续7年保持100%。", 2026
    )
    assert _row(figures, "100%") == ("国、省控断面水质优良率", "actual", "2025")


def test_a_duration_before_an_average_is_no_name():
    text = "一、“十三五”时期工作回顾\n五年来，地区生产总值突破2.5万亿元，增长2.7%，5年年均增长6%。"
    assert _row(_figures(text, 2021), "6%") == ("地区生产总值", "actual", "2016-2020")


def test_a_plan_named_in_full_in_a_heading_sets_its_targets():
    text = (
        "一、2020年和“十三五”工作回顾\n地区生产总值增长4.6%。\n"
        "二、关于《国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》的说明\n"
        "具体目标是：高新技术企业总数达到2万家，全社会研发经费支出占GDP比重达4%左右。\n"
    )
    figures = _figures(text, 2021)
    assert _row(figures, "2万家") == ("高新技术企业", "target", "2025")
    assert _row(figures, "4%左右")[1:] == ("target", "2025")


def test_in_and_a_city_short_name_stay_in_the_name():
    text = "一、“十三五”时期工作回顾\n五年来，在汉世界500强企业达到301家。"
    assert _row(_figures(text, 2021), "301家")[0] == "在汉世界500强企业"


def test_a_list_item_with_its_own_verb_keeps_it():
    figures = _figures(
        "三、2021年工作安排\n今年十件实事：新建口袋公园20个、改造老旧小区300个。", 2021
    )
    assert _row(figures, "300个")[0] == "改造老旧小区"
    shared = _figures(
        "一、“十三五”时期工作回顾\n五年来，新增就业大学生16.6万人、高技能人才6.7万人。", 2021
    )
    assert _row(shared, "6.7万人")[0] == "新增高技能人才"


def test_a_number_said_of_each_item_of_a_list():
    text = "一、“十四五”时期工作回顾\n五年来，地区生产总值、一般公共预算收入年均增长均超6%。"
    rows = _figures(text, 2026)
    assert sorted(rows["indicator"]) == ["一般公共预算收入", "地区生产总值"]
    assert set(rows["measure"]) == {"avg_growth"} and set(rows["qualifier"]) == {"more_than"}


def test_a_plan_section_and_the_plans_main_tasks_hold_its_targets():
    text = (
        "一、“十三五”发展回顾\n地区生产总值增长7%。\n二、“十四五”发展规划\n今后五年的主要任务是：\n"
        "二是坚持创新驱动。高新技术企业增加到4000家以上。\n"
    )
    assert _row(_figures(text, 2021), "4000家以上") == ("高新技术企业", "target", "2025")
    tasks = "二、“十三五”发展暨 2016年工作\n我市“十三五”发展的主要任务：一是推进产业转型升级，规模以上工业增加值达到3000亿元以上。\n"
    assert _row(_figures(tasks, 2016), "3000亿元以上")[1:] == ("target", "2020")


def test_a_change_since_the_previous_plans_end_is_a_change():
    text = "二、“十三五”时期主要目标\n力争到2020年，重污染天气比“十二五”期末减少60%，预期“十三五”时期地区生产总值年均增长6%-6.5%。"
    figures = _figures(text, 2016)
    row = figures[figures["raw"] == "60%"].iloc[0]
    assert (row["indicator"], row["measure"], row["period"], row["value"]) == (
        "重污染天气",
        "change",
        "2015-2020",
        -60.0,
    )
    assert _row(figures, "6%-6.5%")[0] == "地区生产总值"  # 预期 is no part of the name


def test_a_place_among_the_first_n_is_a_rank_of_at_most_n():
    text = "到2025年，综合实力迈入全国城市二十强，经开区跻身全国十强。中国企业500强达到5家。"
    figures = _figures(text, 2021)
    ranks = figures[figures["measure"] == "rank"]
    assert ranks[["indicator", "value", "qualifier"]].values.tolist() == [
        ["综合实力全国城市排名", 20.0, "at_most"],
        ["经开区全国排名", 10.0, "at_most"],
    ]
    assert _row(figures, "5家")[0] == "中国企业500强"  # N强 without a verb of entering: a name


def test_the_years_own_targets_under_a_plan_heading_are_the_years():
    text = (
        "一、2020年和“十三五”时期工作回顾\n地区生产总值增长2%。\n"
        "二、“十四五”时期主要目标和2021年重点任务\n今后五年，地区生产总值年均增长6%以上。\n"
        "全市经济社会发展的主要预期目标是：全市地区生产总值增长6.5％左右。\n"
    )
    figures = _figures(text, 2021)
    row = figures[figures["raw"] == "6.5％左右"].iloc[0]
    assert (row["kind"], row["measure"], row["period"]) == ("target", "growth", "2021")
    assert _row(figures, "6%以上")[1:] == ("target", "2021-2025")


def test_an_average_rate_named_before_its_verb_is_an_average():
    review = "一、“十三五”时期工作回顾\n五年来，实际利用外资、外贸进出口总值年均增速分别达到9.9%、10.8%。"
    rows = _figures(review, 2021)[["indicator", "measure", "period"]].values.tolist()
    assert rows == [
        ["实际利用外资", "avg_growth", "2016-2020"],
        ["外贸进出口总值", "avg_growth", "2016-2020"],
    ]
    one = _figures("一、“十三五”时期工作回顾\n五年来，地区生产总值年均增速达到6.4%。", 2021)
    assert _row(one, "6.4%") == ("地区生产总值", "actual", "2016-2020")


def test_a_from_value_at_the_end_of_the_last_plan_is_the_base_not_the_period():
    """由“十二五”末的A提高到B in a review of 2021: A is 2015's, B 2020's; and the phrase does not
    date the next clause's pair (森林覆盖率由41.5%提高到42.2%: 2015 → 2020, not 2010 → 2015)."""
    text = (
        "五年来，全市PM2.5浓度由“十二五”末的89微克/立方米下降到58微克/立方米；"
        "森林覆盖率由41.5%提高到42.2%；高新技术产业增加值占规上工业的比重由“十二五”末的17.1%提高到32.9%。"
    )
    f = na.extract_figures(text, region="青州", report_year=2021)
    got = dict(zip(f["raw"], zip(f["indicator"], f["period"], strict=True), strict=True))
    assert got["89微克/立方米"][1] == "2015" and got["58微克/立方米"][1] == "2020"
    assert got["41.5%"] == ("森林覆盖率", "2015") and got["42.2%"] == ("森林覆盖率", "2020")
    assert got["17.1%"] == ("高新技术产业增加值占规上工业的比重", "2015")
    assert got["32.9%"][1] == "2020"
    assert not any("十二五" in name for name in f["indicator"])


def test_a_flow_a_review_dates_to_one_year_is_that_years():
    """五年来 … 2020年…新增就业37.1万人: the year's flow, not a five-year total; a flow the review
    does not date is the plan's total."""
    text = (
        "一、“十三五”时期发展回顾\n五年来，我们扎实做好工作，2020年全市地区生产总值增长1.5%，"
        "新增就业37.1万人。五年来，城镇新增就业累计240万人，建成学校100所。\n"
    )
    f = na.extract_figures(text, region="青州", report_year=2021).set_index("raw")
    assert (f.at["37.1万人", "measure"], f.at["37.1万人", "period"]) == ("level", "2020")
    assert (f.at["240万人", "measure"], f.at["240万人", "period"]) == ("cumulative", "2016-2020")
    assert (f.at["100所", "measure"], f.at["100所", "period"]) == ("cumulative", "2016-2020")


def test_the_years_of_a_title_date_nothing():
    """《国土空间总体规划（2021-2035年）》获批，建成区面积从418平方公里拓展至534平方公里 in a
    2026 review: 2020 → 2025, not 2034 → 2035; 缩小至2.21∶1 is the level reached."""
    text = (
        "一、“十四五”时期发展回顾\n五年来，《青州市国土空间总体规划（2021-2035年）》获批，"
        "市域建成区面积从418平方公里拓展至534平方公里。城乡居民收入比缩小至2.21∶1。\n"
    )
    f = _figures(text, 2026)
    assert _row(f, "418平方公里") == ("市域建成区面积", "actual", "2020")
    assert _row(f, "534平方公里") == ("市域建成区面积", "actual", "2025")
    rows = f.set_index("raw")
    assert (rows.at["2.21∶1", "measure"], rows.at["2.21∶1", "value"]) == ("level", 2.21)


def test_names_written_after_a_verb_a_copula_or_a_list():
    """培养10万名…高技能人才, 建成A、B和4条地铁, 最关键的指标就是地区生产总值到2020年突破5000亿元:
    the counted noun after the number, the name after 就是, no 到 left by the year."""
    text = (
        "二、“十三五”时期主要目标\n到2020年，培养10万名各行各业高技能人才，构建50万头肉牛产业链，"
        "全面完成30.2万农村贫困人口脱贫任务，建成福厦高铁、厦深高铁和4条地铁。"
        "最关键的指标就是地区生产总值到2020年突破5000亿元。\n"
    )
    names = dict(zip(*(_figures(text, 2016)[c] for c in ("raw", "indicator")), strict=True))
    assert names == {
        "10万名": "高技能人才",
        "50万头": "肉牛产业链",
        "30.2万": "农村贫困人口脱贫任务",
        "4条": "地铁",
        "突破5000亿元": "地区生产总值",
    }


def test_a_doubling_of_a_list_of_indicators_is_one_target_each():
    text = (
        "二、“十四五”时期主要目标\n到2025年，高新技术企业数量、全社会研发投入、技术交易合同额等指标"
        "实现“倍增”。\n"
    )
    f = _figures(text, 2021)
    assert sorted(f["indicator"]) == ["全社会研发投入", "技术交易合同额", "高新技术企业数量"]
    assert set(zip(f["measure"], f["period"], f["value"], f["unit"], strict=True)) == {
        ("change", "2021-2025", 2.0, "倍")
    }


def test_names_from_the_statement_a_list_with_one_number_and_a_time_phrase():
    """预计达1.2万亿元 after 生产总值突破万亿大关 (a milestone, read as a bound): the statement's subject;
    A、B年均分别增长8% (one number): each; 城乡…收入于2019年前分别达到X和Y: 城镇, 农村."""
    text = (
        "二、“十三五”时期主要目标\n地区生产总值、城乡居民人均可支配收入年均分别增长8%。"
        "城乡常住居民人均可支配收入于2019年前分别达到50780元和19200元。\n"
    )
    f = _figures(text, 2016)
    assert list(zip(f["raw"], f["indicator"], f["period"], strict=True)) == [
        ("8%", "地区生产总值", "2016-2020"),
        ("8%", "城乡居民人均可支配收入", "2016-2020"),
        ("50780元", "城镇常住居民人均可支配收入", "2019"),
        ("19200元", "农村常住居民人均可支配收入", "2019"),
    ]
    review = "一、“十三五”时期发展回顾\n五年来，生产总值突破万亿大关，预计达1.2万亿元，年均增长6.5%左右。\n"
    g = _figures(review, 2021)
    assert list(
        zip(g["raw"], g["indicator"], g["qualifier"].astype(object).fillna(""), strict=True)
    ) == [
        ("突破万亿大关", "地区生产总值", "more_than"),  # a milestone, a bound
        ("1.2万亿元", "地区生产总值", ""),
        ("6.5%左右", "地区生产总值", "approx"),
    ]


def test_a_rise_after_an_average_growth_of_its_size_is_an_average_too():
    text = (
        "二、“十三五”时期主要目标\n今后五年发展的主要目标是：全市生产总值年均增长7.5%左右，"
        "城乡居民人均可支配收入增长7.5%以上，单位生产总值能耗下降16%，研发经费增长30%。\n"
    )
    f = _figures(text, 2016).set_index("raw")
    assert f.at["7.5%以上", "measure"] == "avg_growth"
    assert f.at["16%", "measure"] == "change" and f.at["30%", "measure"] == "change"


def test_a_milestone_in_a_name_and_a_list_of_mixed_units():
    """生产总值突破万亿大关、达10159亿元: the milestone is no part of the name; 分别达到41.5%、42.35%和
    17.25平方米: one figure per name, whatever the unit."""
    text = (
        "一、“十三五”时期发展回顾\n五年来，全市生产总值突破万亿大关、达10159亿元。建成区绿地率、绿化覆盖率、"
        "人均公园绿地面积分别达到41.5%、42.35%和17.25平方米。\n"
    )
    f = _figures(text, 2021)
    assert list(zip(f["raw"], f["indicator"], strict=True)) == [
        ("突破万亿大关", "地区生产总值"),
        ("10159亿元", "地区生产总值"),
        ("41.5%", "建成区绿地率"),
        ("42.35%", "绿化覆盖率"),
        ("17.25平方米", "人均公园绿地面积"),
    ]


def test_a_fall_said_of_a_list_of_intensities_is_each_ones():
    text = "二、“十四五”时期主要目标\n今后五年，万元GDP建设用地面积、用水量、煤炭消耗下降15%。\n"
    f = _figures(text, 2021)
    assert sorted(zip(f["indicator"], f["value"], f["period"], strict=True)) == [
        ("万元GDP建设用地面积", -15.0, "2021-2025"),
        ("万元GDP煤炭消耗", -15.0, "2021-2025"),
        ("万元GDP用水量", -15.0, "2021-2025"),
    ]


def test_a_bare_plan_heading_of_one_part_does_not_reach_into_the_next():
    # part 二 ends on a bare heading of the plan's tasks; part 三 (its heading a sentence, not
    # a bare heading) is the year's own work
    text = (
        "一、“十二五”时期工作回顾\n五年来，地区生产总值年均增长9.8%。\n"
        "二、“十三五”时期的奋斗目标\n到2020年，城镇化率达到70%。\n"
        "**（三）“十三五”时期的重点任务**\n\n坚持创新驱动，推进转型升级。\n"
        "三、打好开局之年第一仗，奋力开启新征程\n2016年是“十三五”的开局之年。\n"
        "**（一）稳增长。**抓好重点项目建设，力争实现工业投资525亿元，增长5%以上。\n"
    )
    figures = _figures(text, 2016)
    assert _row(figures, "70%") == ("常住人口城镇化率", "target", "2020")
    assert _row(figures, "525亿元") == ("工业投资", "target", "2016")


def test_a_target_with_a_term_of_three_years_ends_in_its_third_year():
    text = (
        "一、2015年工作回顾\n地区生产总值增长7%。\n二、2016年工作安排\n"
        "全面推进“畅通青州”三年攻坚计划，力争三年人均道路面积由7.8平方米提高到13平方米。"
        "用两年时间，新建公园20个。实施工业互联网三年行动，新增工业机器人3000台。\n"
    )
    figures = _figures(text, 2016)
    name, kind, period = _row(figures, "13平方米")
    assert name.endswith("人均道路面积") and (kind, period) == ("target", "2018")
    assert _row(figures, "7.8平方米")[1:] == ("actual", "2015")
    assert _row(figures, "20个") == ("新建公园", "target", "2017")
    # a programme's name (三年行动) sets no term for the year's own figures
    assert _row(figures, "3000台") == ("新增工业机器人", "target", "2016")


def test_a_paragraph_saying_what_the_five_years_were_is_the_review():
    text = (
        "一、“十四五”时期工作回顾\n"
        "这是民生福祉不断增进的五年。民生领域支出3584亿元。城镇新增就业54万人。\n"
        "二、“十五五”时期主要目标\n今后五年将是爬坡过坎的五年。城镇新增就业50万人以上。\n"
    )
    figures = _figures(text, 2026)
    assert _row(figures, "54万人") == ("城镇新增就业", "actual", "2021-2025")
    assert _row(figures, "50万人以上")[:2] == ("城镇新增就业", "target")


def test_foreign_trade_is_the_total_of_imports_and_exports():
    text = "一、2020年工作回顾\n外贸进出口超1.3万亿元。进出口额增长5%。\n"
    figures = _figures(text, 2021)
    assert _row(figures, "超1.3万亿元") == ("进出口总额", "actual", "2020")
    assert _row(figures, "5%")[0] == "进出口总额"


def test_five_years_leading_a_run_of_amounts_make_each_a_total():
    text = (
        "一、“十四五”时期主要目标\n全面实施强链工程，力争五年实际投资超6000亿元，"
        "进出口总额超7万亿元，外企出口产品转内销超2.5万亿元。\n"
        "二、2021年工作回顾\n五年来，地区生产总值增长40%，进出口总额达到1.3万亿元。\n"
    )
    figures = _figures(text, 2021)
    for raw in ("超6000亿元", "超7万亿元", "超2.5万亿元"):
        row = figures[figures["raw"] == raw].iloc[0]
        assert (row["kind"], row["measure"], row["period"]) == ("target", "cumulative", "2021-2025")
    # a level reached (达到) after a review's 五年来 stays a level
    row = figures[figures["raw"] == "1.3万亿元"].iloc[0]
    assert (row["measure"], row["period"]) == ("level", "2020")


def test_a_sentence_opening_with_the_next_five_years_places_the_ones_after_it():
    text = (
        "一、2020年工作回顾\n地区生产总值增长3%。\n二、奋力开启新征程\n"
        "“十四五”是我市大有作为的关键时期。未来五年，我们肩负重大责任。全市经济总量要迈上万亿台阶，"
        "人均地区生产总值要突破两万美元，目标催人奋进！\n"
    )
    figures = _figures(text, 2021)
    assert _row(figures, "迈上万亿") == ("地区生产总值", "target", "2025")
    assert _row(figures, "突破两万美元") == ("人均地区生产总值", "target", "2025")


def test_a_verb_of_passing_milestones_is_no_part_of_the_name():
    text = (
        "一、“十四五”时期工作回顾\n这是积厚成势的五年。地区生产总值连跨4个千亿级台阶，"
        "预计突破1.1万亿元，年均增长6.4%。\n"
    )
    figures = _figures(text, 2026)
    assert _row(figures, "突破1.1万亿元") == ("地区生产总值", "actual", "2025")
    assert _row(figures, "6.4%") == ("地区生产总值", "actual", "2021-2025")


def test_names_of_grain_unemployment_and_a_steady_rate():
    text = (
        "一、“十四五”时期工作回顾\n五年来，完成粮食播种面积640.95万亩、产量213.61万吨。"
        "登记失业率控制在2.5%以内。饮用水水源地水质达标率稳定保持在100%。\n"
    )
    figures = _figures(text, 2026)
    assert _row(figures, "213.61万吨")[0] == "粮食产量"  # the subject of the item before
    assert _row(figures, "2.5%以内")[0] == "城镇登记失业率"  # only towns register the jobless
    assert _row(figures, "100%")[0] == "饮用水水源地水质达标率"  # 稳定 is the verb's


def test_a_condition_is_no_name_and_afforestation_is_an_area():
    text = (
        "一、2020年工作回顾\n地方一般公共预算收入在更大规模减税降费的情况下下降1.7%。\n"
        "二、“十四五”时期主要目标\n到2025年，确保现行标准下40.3万农村贫困人口全部脱贫，完成造林170万亩。\n"
    )
    figures = _figures(text, 2021)
    assert _row(figures, "1.7%") == ("地方一般公共预算收入", "actual", "2020")
    assert figures.loc[figures["raw"] == "1.7%", "value"].iloc[0] == -1.7
    assert _row(figures, "40.3万") == ("农村贫困人口", "target", "2025")
    assert _row(figures, "170万亩") == ("造林面积", "target", "2025")


def test_items_numbered_like_parts_under_a_bare_plan_heading_are_its_targets():
    # 兰州's way: the plan's heading on its own line, then 一、二、… items running on into text
    text = (
        "一、“十二五”时期经济社会发展回顾\n五年来，地区生产总值年均增长11%。\n"
        "二、“十三五”发展的主要目标任务\n"
        "一、关于经济增长预期目标。《规划纲要》提出，全市经济年均增长8%。\n"
        "二、关于创新驱动发展。《规划纲要》提出，研发经费占生产总值比重达到2.54%。\n"
        "三、关于基本公共服务。《规划纲要》提出，到2020年高中毛入学率达到99%以上。"
        "社会保障方面，每千人拥有养老床位达到40张。\n"
    )
    figures = _figures(text, 2016)
    assert _row(figures, "40张") == ("每千人拥有养老床位", "target", "2020")


def test_the_new_plans_first_year_heading_holds_this_years_targets():
    text = (
        "一、“十四五”发展回顾\n五年来，地区生产总值年均增长6%。\n"
        "二、“十五五”时期的奋斗目标和主要任务\n到2030年，地区生产总值突破1.5万亿元。\n"
        "三、全力以赴做好“十五五”开局工作\n（一）着力推动动能焕新升级。全社会研发投入强度达3.05%。\n"
    )
    figures = _figures(text, 2026)
    assert _row(figures, "3.05%") == ("全社会研发投入强度", "target", "2026")
    assert _row(figures, "突破1.5万亿元")[1:] == ("target", "2030")


def test_a_heading_opening_the_plans_new_journey_states_its_targets():
    text = (
        "一、“十二五”时期工作回顾\n地区生产总值年均增长9%。\n"
        "二、奋力开启“十三五”转型发展新征程\n统筹考虑发展需要，实现“三个领先”，即：地区生产总值"
        "年均增长6.5%，一般公共预算收入年均增长8%以上。\n"
    )
    figures = _figures(text, 2016)
    assert _row(figures, "6.5%") == ("地区生产总值", "target", "2016-2020")
    assert _row(figures, "8%以上")[1:] == ("target", "2016-2020")


def test_an_index_is_a_figure_without_a_unit():
    text = "二、“十三五”时期主要目标\n到2020年，现代农业发展水平指数达到92，人才总量达到48.6万。会议开了3次。\n"
    figures = _figures(text, 2016)
    row = figures.loc[figures["raw"] == "92"].iloc[0]
    assert (row["indicator"], row["kind"], row["period"], row["value"]) == (
        "现代农业发展水平指数",
        "target",
        "2020",
        92.0,
    )
    assert pd.isna(row["unit"])
    assert _row(figures, "48.6万") == ("人才总量", "target", "2020")


def test_from_to_lists_give_bases_and_ends_item_by_item():
    """城乡居民人均可支配收入分别从A、B增加到C、D in a review of 2016–2020: A and B are 2015's
    levels, C and D 2020's, each of its own item; the rates after them stay the items' own."""
    text = (
        "一、“十三五”时期发展回顾\n五年来，城乡居民人均可支配收入分别从44026元、21235元提高到"
        "63481元、32428元，年均分别增长7.6%、8.8%。\n"
    )
    f = _figures(text, 2021).set_index("raw")
    got = {raw: (f.at[raw, "indicator"], f.at[raw, "period"]) for raw in f.index}
    assert got == {
        "44026元": ("城镇居民人均可支配收入", "2015"),
        "21235元": ("农村居民人均可支配收入", "2015"),
        "63481元": ("城镇居民人均可支配收入", "2020"),
        "32428元": ("农村居民人均可支配收入", "2020"),
        "7.6%": ("城镇居民人均可支配收入", "2016-2020"),
        "8.8%": ("农村居民人均可支配收入", "2016-2020"),
    }


def test_shares_distributed_over_a_list_keep_what_they_are_shares_of():
    """文化产业和旅游产业增加值分别占到生产总值的8%和5%以上: two shares of GDP, not two levels."""
    text = (
        "二、“十三五”时期主要目标\n到2020年文化产业和旅游产业增加值分别占到生产总值的8%和5%以上。"
        "数字经济、绿色经济分别占地区生产总值比重达44%、48%。\n"
    )
    f = _figures(text, 2016).set_index("raw")
    got = {raw: (f.at[raw, "indicator"], f.at[raw, "measure"]) for raw in f.index}
    assert got["8%"] == ("文化产业增加值占生产总值比重", "share")
    assert got["5%以上"] == ("旅游产业增加值占生产总值比重", "share")
    assert got["44%"] == ("数字经济占地区生产总值比重", "share")


def test_the_year_of_a_goal_worked_towards_dates_no_figure_after_it():
    """…“十三五”时期…围绕2025年实现碳排放达峰的目标，使非化石能源占比保持在18%以上: a 2020 target."""
    text = (
        "二、“十三五”时期主要目标\n“十三五”时期单位地区生产总值能耗下降15%。围绕2025年实现碳排放达峰的"
        "目标，积极促进能源结构调整，使非化石能源占一次能源消费比重保持在18%以上，"
        "煤炭消费比重降至60%以下。\n"
    )
    assert _row(_figures(text, 2016), "18%以上")[1:] == ("target", "2020")
    assert _row(_figures(text, 2016), "60%以下")[1:] == ("target", "2020")


def test_paragraphs_announced_by_a_colon_take_its_time():
    """今后五年，我们要重点在五个方面实现新突破： then item paragraphs (their bold titles gone
    with the Markdown): five-year targets, up to a heading or a paragraph of its own time."""
    text = (
        "二、创新转型的“十三五”\n今后五年，我们要重点在五个方面实现新突破：\n"
        "坚持创新发展，进一步培育转型升级新引擎。推进中科大先研院等10个以上新型协同创新平台建设，"
        "千亿元战略性新兴产业基地达到4个。\n"
        "坚持协调发展。建成区面积扩大到500平方公里。\n"
        "2016年，是“十三五”开局之年。新增高新技术企业300户。\n"
    )
    f = _figures(text, 2016)
    assert _row(f, "10个以上") == ("新型协同创新平台", "target", "2020")
    assert _row(f, "4个") == ("千亿元战略性新兴产业基地", "target", "2020")
    assert _row(f, "500平方公里")[1:] == ("target", "2020")
    assert _row(f, "300户")[1:] == ("target", "2016")


def test_a_count_after_examples_counts_the_noun_after_it():
    """推进龙虾等12条产业链建设, 铺排嘉吉粮油等1124个亿元以上新谋划项目开工建设: the things counted
    are named after the count (examples 等 before it), without what is done to them."""
    f = _figures(
        "一、2021年工作回顾\n推进龙虾等12条产业链建设，嘉吉粮油等1124个亿元以上新谋划项目开工建设，"
        "形成10个以上国家级和省级战略性新兴产业集聚发展基地。\n",
        2022,
    ).set_index("raw")
    assert f.at["12条", "indicator"] == "产业链"
    assert f.at["1124个", "indicator"] == "亿元以上新谋划项目"
    assert f.at["10个以上", "indicator"] == "国家级和省级战略性新兴产业集聚发展基地"


def test_items_under_titles_take_the_time_of_the_paragraph_before_them():
    """过去五年，是…的五年。 then paragraphs opening with a title sentence (their bold gone with the
    Markdown): the five years' review; a paragraph before them citing only a plan's outline
    (规划纲要) places nothing."""
    text = (
        "“十四五”发展及2025年主要工作成效\n过去五年，是东莞发展历程中极不平凡的五年。\n"
        "城市功能品质明显提升。完成土地收储5.5万亩、“工改工”拆除整备4.6万亩。\n"
        "二、2026年工作安排\n深入实施社会建设规划纲要，切实办好惠民实事。\n"
        "实施更加积极的就业政策。实现城镇新增就业36万人。\n"
    )
    f = _figures(text, 2026).set_index("raw")
    assert (f.at["5.5万亩", "measure"], f.at["5.5万亩", "period"]) == ("cumulative", "2021-2025")
    assert (f.at["36万人", "kind"], f.at["36万人", "period"]) == ("target", "2026")


def test_a_total_goes_on_over_a_clause_without_a_verb():
    """累计完成外贸进出口总额206.82亿美元，实际利用外资78.25亿美元 in a five-year review: both totals;
    a clause with a verb of its own (一般公共预算收入突破200亿元) is its own level."""
    text = (
        "一、“十三五”时期工作回顾\n五年来，累计完成外贸进出口总额206.82亿美元，实际利用外资78.25亿美元。"
        "累计完成固定资产投资8000亿元，一般公共预算收入突破200亿元。\n"
    )
    f = _figures(text, 2021).set_index("raw")
    assert (f.at["78.25亿美元", "measure"], f.at["78.25亿美元", "period"]) == (
        "cumulative",
        "2016-2020",
    )
    assert (f.at["突破200亿元", "measure"], f.at["突破200亿元", "period"]) == ("level", "2020")


def test_a_facilitys_measure_written_after_the_facility():
    """长乐国际机场定位为超大型机场，旅客吞吐量突破1600万人次: the airport's passengers; 城市轨道交通成网
    计划提速实施，通车里程达到370公里: the metro's length; a clause opening with a verb (提升港口
    能级) names no owner."""
    f = _figures(
        "一、“十四五”时期发展回顾\n五年来，长乐国际机场定位为超大型机场，旅客吞吐量突破1600万人次。"
        "城市轨道交通成网计划提速实施，通车里程达到370公里。提升港口能级，集装箱吞吐量达到400万标箱。\n",
        2026,
    ).set_index("raw")
    assert f.at["突破1600万人次", "indicator"] == "长乐国际机场旅客吞吐量"
    assert f.at["370公里", "indicator"] == "城市轨道交通通车里程"
    assert f.at["400万标箱", "indicator"] == "集装箱吞吐量"


def test_a_nickname_names_nothing_the_noun_after_the_number_does():
    """建成“一环八线”415公里城市轨道交通网: the network's length; “850+”城市轨道交通成网计划提速实施，
    通车里程达到370公里: the metro's length (the nickname before the facility is skipped)."""
    plan = _figures(
        "二、“十三五”时期主要目标\n今后五年，建成“一环八线”415公里城市轨道交通网。\n", 2016
    )
    assert _row(plan, "415公里") == ("城市轨道交通网", "target", "2020")
    review = _figures(
        "一、“十三五”时期发展回顾\n五年来，“850+”城市轨道交通成网计划提速实施，通车里程达到370公里。\n",
        2021,
    )
    assert _row(review, "370公里") == ("城市轨道交通通车里程", "actual", "2020")


def test_a_class_of_size_in_a_slogan_is_a_target():
    """打造“千亿级乳产业集群”: a target of at least 1000亿元; “百亿级企业”达到14家 and 培育2个以上
    “五千亿级”园区: the class of the things counted (the counts are the figures)."""
    f = _figures(
        "二、“十四五”时期主要目标\n今后五年，打造“千亿级乳产业集群”，全市“百亿级企业”达到14家，"
        "培育2个以上“五千亿级”园区。\n",
        2021,
    )
    assert list(zip(f["raw"], f["indicator"], f["period"], strict=True)) == [
        ("千亿级", "乳产业集群", "2025"),
        ("14家", "百亿级企业", "2025"),
        ("2个以上", "园区", "2025"),
    ]


def test_a_clause_of_the_year_in_a_five_year_review():
    """五年来 … 全年经济增长11%: that year's growth, and 全年新建道路73公里 that year's; a 全年 in an
    earlier clause (全年空气质量优良天数…) leaves a later total the five years'."""
    text = (
        "一、“十二五”时期发展回顾\n五年来，全年经济增长11%，全年新建道路73公里。"
        "全年空气质量优良天数从302天增加到340天，建成省级美丽河湖31条。\n"
    )
    f = _figures(text, 2016).set_index("raw")
    assert (f.at["11%", "measure"], f.at["11%", "period"]) == ("growth", "2015")
    assert (f.at["73公里", "measure"], f.at["73公里", "period"]) == ("level", "2015")
    assert (f.at["31条", "measure"], f.at["31条", "period"]) == ("cumulative", "2011-2015")


def test_a_base_stated_in_passing_does_not_date_what_follows():
    """到2025年，研发投入强度达到3%，2020年为2.4%，…占比达到50%: the 50% is a 2025 target (only a year
    later than the 到-year runs on to the next clause)."""
    f = _figures(
        "二、“十四五”时期主要目标\n今后五年，到2025年，研发投入强度达到3%，2020年为2.4%，"
        "高新技术产业增加值占比达到50%。到2025年，数字经济增加值达到5000亿元，2020年底已达3000亿元，"
        "年均增长10%。\n",
        2021,
    )
    assert _row(f, "2.4%")[1:] == ("actual", "2020")
    assert _row(f, "50%")[1:] == ("target", "2025")
    assert _row(f, "10%")[1:] == ("target", "2021-2025")


def test_one_years_part_of_a_total_is_that_years():
    """累计完成固定资产投资3000亿元，2020年1000亿元 / 其中2020年12万人: the year's part; 其中城镇115万人:
    a part of the total, a total too."""
    f = _figures(
        "一、“十三五”时期发展回顾\n五年来，累计完成固定资产投资3000亿元，2020年1000亿元。"
        "累计新增就业50万人，其中2020年12万人。累计新增就业140万人，其中城镇115万人。\n",
        2021,
    ).set_index("raw")
    assert (f.at["1000亿元", "measure"], f.at["1000亿元", "period"]) == ("level", "2020")
    assert (f.at["12万人", "measure"], f.at["12万人", "period"]) == ("level", "2020")
    assert (f.at["115万人", "measure"], f.at["115万人", "period"]) == ("cumulative", "2016-2020")


def test_no_facility_from_a_verb_or_another_place():
    """积极融入粤港澳大湾区，旅客吞吐量… and 对接香港国际机场，旅客吞吐量…: no owner; 天津港货物吞吐量…，
    集装箱吞吐量…: the port's."""
    f = _figures(
        "一、“十三五”时期发展回顾\n五年来，积极融入粤港澳大湾区，旅客吞吐量突破1000万人次。"
        "对接香港国际机场，旅客吞吐量突破1200万人次。天津港货物吞吐量2.4亿吨，集装箱吞吐量480万标准箱。\n",
        2021,
    ).set_index("raw")
    assert f.at["突破1000万人次", "indicator"] == "旅客吞吐量"
    assert f.at["突破1200万人次", "indicator"] == "旅客吞吐量"
    assert f.at["480万标准箱", "indicator"] == "天津港集装箱吞吐量"


def test_items_announced_by_a_review_paragraph_are_the_reviews():
    # 五年来…重点抓了以下工作。 before （一）…（二） under a heading of the plan and its last year:
    # the items review the five years (their 累计 totals are five-year totals)
    text = (
        "一、“十三五”时期及2020年工作回顾\n“十三五”时期，是我市发展最快的五年。\n"
        "五年来，我们攻坚克难，重点抓了以下工作。\n"
        "（一）全力推进对外开放，要素加速集聚。累计完成外贸进出口总额206.82亿美元，"
        "实际利用外资78.25亿美元。\n（二）全力推进社会事业，民生持续增进。累计新增学位9.97万个。\n"
        "二、2021年工作安排\n（一）扩大开放。实际利用外资22亿美元。\n"
    )
    figs = _figures(text, 2021)
    assert _row(figs, "78.25亿美元") == ("实际利用外资", "actual", "2016-2020")
    assert figs.loc[figs["raw"] == "78.25亿美元", "measure"].item() == "cumulative"
    assert _row(figs, "9.97万个") == ("新增学位", "actual", "2016-2020")
    assert _row(figs, "22亿美元") == ("实际利用外资", "target", "2021")


def test_an_announced_review_does_not_reach_past_a_heading_line_after_its_items():
    # the outline runs the last item on to the end (the plan's parts restart their numbers):
    # the heading line 2009年工作安排 after it ends the review's reach
    text = (
        "2008年工作回顾\n回顾过去一年，我们重点抓了以下两项工作：\n"
        "一、帮助企业扎根发展\n全年新增企业100家。\n二、着力提高行政效能\n办结事项3000件。\n"
        "2009年工作安排\n一、着力加强扶企引商，多策并举共度时艰\n全年新增企业200家。\n"
    )
    figs = _figures(text, 2009)
    assert _row(figs, "100家") == ("新增企业", "actual", "2008")
    assert _row(figs, "200家") == ("新增企业", "target", "2009")


def test_the_plans_first_year_named_by_a_lead_dates_this_years_tasks():
    # 今年是全面实施“十二五”规划的第一年…主要预期目标是：…重点做好八方面工作：一是… — the items
    # are this year's tasks, not the plan's
    text = (
        "四、奋力做好“十二五”开局工作今年是全面实施“十二五”规划的第一年，开好局至关重要。"
        "主要预期目标是：全市生产总值增长13.5%。重点做好八方面工作：\n"
        "一是加强经济运行调控。实现全社会固定资产投资增长18%。\n"
    )
    figs = _figures(text, 2011)
    assert _row(figs, "18%") == ("全社会固定资产投资", "target", "2011")
    assert figs.loc[figs["raw"] == "18%", "measure"].item() == "growth"


def test_a_paragraph_of_the_year_just_past_in_a_plan_review_is_that_years():
    text = (
        "一、“十二五”时期的工作回顾\n五年来，全市生产总值年均增长12.8%。\n"
        "刚刚过去的2015年，全市努力克服下行压力。固定资产投资增长17.1%，"
        "城乡常住居民人均可支配收入分别增长8.3%和10.7%。\n"
    )
    figs = _figures(text, 2016)
    assert _row(figs, "12.8%") == ("地区生产总值", "actual", "2011-2015")
    assert _row(figs, "17.1%") == ("固定资产投资", "actual", "2015")
    assert figs.loc[figs["raw"] == "17.1%", "measure"].item() == "growth"
    assert _row(figs, "8.3%") == ("城镇常住居民人均可支配收入", "actual", "2015")


def test_a_from_to_pair_after_a_milestone_clause_takes_its_subject():
    text = (
        "一、“十二五”时期工作回顾\n五年来，全市生产总值跨越四个千亿元台阶，从5666亿元增加到9300亿元，"
        "年均增长9.7%；一般公共预算收入跨越六个百亿元台阶，从453亿元增加到1006亿元，年均增长17.3%。\n"
    )
    figs = _figures(text, 2016)
    assert _row(figs, "9300亿元") == ("地区生产总值", "actual", "2015")
    assert _row(figs, "9.7%") == ("地区生产总值", "actual", "2011-2015")
    assert _row(figs, "1006亿元") == ("一般公共预算收入", "actual", "2015")


def test_milestones_passed_one_after_another_name_the_subject_before_them():
    text = (
        "一、“十二五”时期工作回顾\n过去的五年，全市生产总值年均增长10%，连续突破5000亿元、6000亿元，"
        "2015年达到6446.1亿元。一般公共预算收入连续跨过300亿元、400亿元，2015年达到542.7亿元。\n"
    )
    figs = _figures(text, 2016)
    assert _row(figs, "6446.1亿元") == ("地区生产总值", "actual", "2015")
    assert _row(figs, "542.7亿元") == ("一般公共预算收入", "actual", "2015")


def test_a_change_since_the_last_plans_end_and_a_list_after_its_figures():
    # 与“十一五”末相比 is the base (2010), not the statements' year; a 分别 list after figures of
    # its clause takes the names listed after the last of them
    text = (
        "一、“十二五”时期工作回顾\n与“十一五”末相比，预计全市生产总值从1121.82亿元提升到2890.71亿元，"
        "年均增长15.1%。与“十一五”末相比，地区生产总值增长59.7%、地方一般公共预算收入增长121%、"
        "全社会固定资产投资总额、社会消费品零售总额分别增长189%、82%。\n"
    )
    figs = _figures(text, 2016)
    assert _row(figs, "2890.71亿元") == ("地区生产总值", "actual", "2015")
    assert _row(figs, "15.1%") == ("地区生产总值", "actual", "2011-2015")
    assert _row(figs, "59.7%") == ("地区生产总值", "actual", "2010-2015")
    assert _row(figs, "189%") == ("全社会固定资产投资总额", "actual", "2010-2015")
    assert _row(figs, "82%") == ("社会消费品零售总额", "actual", "2010-2015")


def test_a_span_of_years_in_passing_dates_nothing_after_it():
    text = (
        "一、“十二五”时期简要回顾\n过去五年，产业转型升级取得显著成效。在2003-2011年仅有2家企业上市的"
        "情况下，近四年来新上市企业38家；旅游总收入由381.5亿元提高到907.9亿元。\n"
    )
    figs = _figures(text, 2016)
    assert _row(figs, "907.9亿元") == ("旅游总收入", "actual", "2015")


def test_items_of_a_years_review_take_the_lead_before_their_first_item():
    # 2010年，是“十一五”规划的最后一年。…一是…二是…(a paragraph of item 二 naming the 十二五
    # plan)…五是…: every item reviews 2010
    text = (
        "2010年，是“十一五”规划的最后一年。我们圆满完成了各项目标任务。\n"
        "一是经济平稳快速增长。预计全市生产总值增长12%以上。\n"
        "二是项目建设成效显著。签约项目269项。\n"
        "全力支持区域性重大项目建设，92个项目列入国家、省上“十二五”规划和专项规划。\n"
        "五是民生热点难点问题逐步解决。完成农村危旧房改造10368户。\n"
    )
    figs = _figures(text, 2011)
    assert _row(figs, "10368户") == ("农村危旧房改造", "actual", "2010")
    assert _row(figs, "12%以上") == ("地区生产总值", "actual", "2010")


def test_a_paragraph_naming_its_year_the_plans_first_is_that_years_targets():
    text = (
        "各位代表，“十二五”规划蓝图已经绘就。\n"
        "2011年是“十二五”规划的开局之年，市政府工作的总体要求是：实现“十二五”高质量开局。"
        "主要预期目标是：地区生产总值增长15%；全社会固定资产投资增长20%。\n"
    )
    figs = _figures(text, 2011)
    assert _row(figs, "15%") == ("地区生产总值", "target", "2011")
    assert figs.loc[figs["raw"] == "20%", "measure"].item() == "growth"
