"""Review cases: the public API on made-up texts written like other cities' work reports.

Every expected value below was checked by hand against the sentence it comes from (the texts are
invented in the style of Chinese government work reports, not copied from the seeds). Only cases
the code gets right are pinned here; the failing ones are listed in the review report.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis import compare as cmp
from ningbo_analysis.errors import ParameterError, SeedError
from ningbo_analysis.figures import FIGURE_COLUMNS
from ningbo_analysis.quantities import parse_quantities

# A 2022 work report of another city: the 2021 review, the 2017-2021 record and the 2022 targets.
REPORT_2022 = """一、2021年工作回顾
过去一年，全市地区生产总值增长8.5%，达到5200亿元。一般公共预算收入完成480亿元，同比增长10.2%。
五年来，地区生产总值年均增长6.8%。常住人口城镇化率由68.5%提高到73.2%。
二、2022年主要目标
今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长6%，\
城镇调查失业率控制在5.5%以内。
"""

# A 2021 work report of another city: 13th-period record and 14th-period targets.
REPORT_2021 = """一、2020年和“十三五”工作回顾
过去一年，全市地区生产总值达到6000亿元，增长3.5%。
五年来，全市地区生产总值年均增长6.5%，常住人口城镇化率由70.0%提高到74.0%。累计实际利用外资100亿美元。
二、“十四五”时期主要目标
到2025年，全市地区生产总值达到8000亿元，年均增长6%左右；常住人口城镇化率达到78%；五年实际利用外资120亿美元。
三、2021年工作安排
今年全市经济社会发展主要预期目标是：地区生产总值增长6.5%以上，常住人口城镇化率达到75%。
"""


def _row(figs: pd.DataFrame, raw: str) -> pd.Series:
    hits = figs.loc[figs["raw"] == raw]
    assert len(hits) == 1, f"{len(hits)} figures with raw {raw!r}:\n{figs[['indicator', 'raw']]}"
    return hits.iloc[0]


def _check(figs, raw, indicator, kind, measure, period, value, unit, qualifier=""):
    r = _row(figs, raw)
    got = (r["indicator"], r["kind"], r["measure"], r["period"], r["unit"], r["qualifier"])
    assert got == (indicator, kind, measure, period, unit, qualifier)
    assert r["value"] == pytest.approx(value, rel=1e-12)


# --------------------------------------------------------------------------------------------
# figures on another city's 2022 report
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figs_2022() -> pd.DataFrame:
    return na.extract_figures(REPORT_2022, region="温州", report_year=2022)


def test_2022_report_review_year_is_2021(figs_2022):
    _check(figs_2022, "8.5%", "地区生产总值", "actual", "growth", "2021", 8.5, "%")
    _check(figs_2022, "5200亿元", "地区生产总值", "actual", "level", "2021", 5.2e11, "元")
    _check(figs_2022, "480亿元", "一般公共预算收入", "actual", "level", "2021", 4.8e10, "元")
    _check(figs_2022, "10.2%", "一般公共预算收入", "actual", "growth", "2021", 10.2, "%")


def test_2022_report_five_years_are_2017_to_2021(figs_2022):
    _check(figs_2022, "6.8%", "地区生产总值", "actual", "avg_growth", "2017-2021", 6.8, "%")
    _check(figs_2022, "68.5%", "常住人口城镇化率", "actual", "level", "2016", 68.5, "%")
    _check(figs_2022, "73.2%", "常住人口城镇化率", "actual", "level", "2021", 73.2, "%")


def test_2022_report_targets_are_2022(figs_2022):
    _check(figs_2022, "7%左右", "地区生产总值", "target", "growth", "2022", 7.0, "%", "approx")
    _check(figs_2022, "6%", "一般公共预算收入", "target", "growth", "2022", 6.0, "%")
    _check(figs_2022, "5.5%以内", "城镇调查失业率", "target", "level", "2022", 5.5, "%", "at_most")


def test_twelfth_plan_review_in_a_2016_report():
    figs = na.extract_figures("“十二五”期间，全市地区生产总值年均增长8.9%。", report_year=2016)
    _check(figs, "8.9%", "地区生产总值", "actual", "avg_growth", "2011-2015", 8.9, "%")


def test_explicit_years_set_kind_and_period():
    t = "2020年全市地区生产总值达到6000亿元，2021年达到7000亿元，2022年力争达到7500亿元。"
    figs = na.extract_figures(t, report_year=2022)
    _check(figs, "6000亿元", "地区生产总值", "actual", "level", "2020", 6e11, "元")
    _check(figs, "7000亿元", "地区生产总值", "actual", "level", "2021", 7e11, "元")
    _check(figs, "7500亿元", "地区生产总值", "target", "level", "2022", 7.5e11, "元")


def test_month_range_without_year_takes_the_review_year():
    figs = na.extract_figures("1-9月，全市地区生产总值增长9%。", report_year=2022)
    _check(figs, "9%", "地区生产总值", "actual", "growth", "2021-01~09", 9.0, "%")


def test_distribution_of_two_growth_rates():
    figs = na.extract_figures("城乡居民人均可支配收入分别增长6.5%和8.1%。", report_year=2022)
    _check(figs, "6.5%", "城镇居民人均可支配收入", "actual", "growth", "2021", 6.5, "%")
    _check(figs, "8.1%", "农村居民人均可支配收入", "actual", "growth", "2021", 8.1, "%")


def test_two_lists_of_levels_and_growths():
    t = "2021年，全市一般公共预算收入、税收收入分别完成800亿元、700亿元，分别增长12.5%、10.1%。"
    figs = na.extract_figures(t, report_year=2022)
    _check(figs, "800亿元", "一般公共预算收入", "actual", "level", "2021", 8e10, "元")
    _check(figs, "700亿元", "税收收入", "actual", "level", "2021", 7e10, "元")
    _check(figs, "12.5%", "一般公共预算收入", "actual", "growth", "2021", 12.5, "%")
    _check(figs, "10.1%", "税收收入", "actual", "growth", "2021", 10.1, "%")


def test_pp_fall_is_negative_change():
    t = "2021年，全市城镇登记失业率为2.1%，比上年下降0.3个百分点。"
    figs = na.extract_figures(t, report_year=2022)
    _check(figs, "2.1%", "城镇登记失业率", "actual", "level", "2021", 2.1, "%")
    _check(figs, "0.3个百分点", "城镇登记失业率", "actual", "change", "2021", -0.3, "个百分点")


def test_edge_inputs_give_empty_tables_with_all_columns():
    for text in ("", "没有任何数字的文本。"):
        figs = na.extract_figures(text, region="温州", report_year=2022)
        assert list(figs.columns) == FIGURE_COLUMNS
        assert figs.empty


def test_bad_sources_are_parameter_errors(corpus):
    with pytest.raises(ParameterError, match="NoneType"):
        na.extract_figures(None)
    with pytest.raises(ParameterError, match="lacks columns"):
        na.extract_figures(corpus.drop(columns=["text"]))
    with pytest.raises(ParameterError, match="unknown region '北京'"):
        na.extract_figures(corpus, region="北京")


def test_extraction_is_deterministic():
    a = na.extract_figures(REPORT_2021, region="温州", report_year=2021)
    b = na.extract_figures(REPORT_2021, region="温州", report_year=2021)
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------------------------
# compare on another city's 2021 report
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table_2021() -> pd.DataFrame:
    figs = na.extract_figures(REPORT_2021, region="温州", report_year=2021)
    return na.compare_plans(figs, "温州")


def _cmp_row(table, indicator, target_type) -> pd.Series:
    hits = table.loc[(table["indicator"] == indicator) & (table["target_type"] == target_type)]
    assert len(hits) == 1
    return hits.iloc[0]


def test_compare_money_level_target_is_cagr(table_2021):
    r = _cmp_row(table_2021, "地区生产总值", "level")
    assert (r["actual_2020"], r["target_2025"], r["unit"]) == (6e11, 8e11, "元")
    assert r["implied_annual"] == pytest.approx(((8e11 / 6e11) ** 0.2 - 1) * 100)  # 5.92 %/yr
    assert r["annual_unit"] == "%/yr"
    assert r["achieved_13th"] == 6.5
    assert r["achieved_basis"].startswith("real")
    assert r["implied_basis"].startswith("nominal")


def test_compare_rate_target_is_pp_per_year(table_2021):
    r = _cmp_row(table_2021, "常住人口城镇化率", "level")
    assert (r["base_2015"], r["actual_2020"], r["target_2025"]) == (70.0, 74.0, 78.0)
    assert r["implied_annual"] == pytest.approx(0.8)
    assert r["historical_annual"] == pytest.approx(0.8)
    assert r["annual_unit"] == "pp/yr"
    # 2021 target 75 %: 1 pp of the 0.8 pp the path requires by 2021 → ratio 1.25, on the edge
    assert r["progress_ratio"] == pytest.approx(1.25)
    assert r["status"] == "on track"


def test_compare_cumulative_target_against_13th_total(table_2021):
    r = _cmp_row(table_2021, "实际利用外资", "cumulative")
    assert (r["target_2025"], r["achieved_13th"], r["unit"]) == (1.2e10, 1e10, "美元")
    assert r["implied_annual"] == pytest.approx(2.4e9)
    assert r["historical_annual"] == pytest.approx(2e9)
    assert r["target_vs_13th"] == pytest.approx(1.2)


def test_compare_bad_input_is_parameter_error():
    figs = na.extract_figures(REPORT_2021, region="温州", report_year=2021)
    with pytest.raises(ParameterError, match=r"lacks column\(s\) \['period'\]"):
        na.compare_plans(figs.drop(columns=["period"]), "温州")
    with pytest.raises(ParameterError, match=r"neither in the figures table nor in regions\.csv"):
        na.compare_plans(figs, "北京")
    with pytest.raises(ParameterError, match="non-empty string"):
        na.compare_plans(figs, None)
    with pytest.raises(ParameterError, match="got list"):
        na.compare_plans([1, 2], "温州")


def test_cagr_and_pp_helpers_reject_undefined_inputs():
    assert math.isnan(cmp.cagr(0, 1, 5))
    assert math.isnan(cmp.cagr(1, 2, 0))
    assert math.isnan(cmp.pp_per_year(math.nan, 2.0, 5))
    assert cmp.human_value(-1.5e9, "元") == "-15亿元"


# --------------------------------------------------------------------------------------------
# quantities and corpus on other forms
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind", "high"),
    [
        ("1,234.5亿元", 1.2345e11, "元", "amount", None),
        ("百分之三点五", 3.5, "%", "percent", None),
        ("10万－20万元", 1e5, "元", "range", 2e5),
        ("5万至10万元", 5e4, "元", "range", 1e5),
        ("3.5万标准箱", 3.5e4, "标箱", "amount", None),
        ("500亿欧元", 5e10, "欧元", "amount", None),
        ("零点五个百分点", 0.5, "个百分点", "percentage_point", None),
    ],
)
def test_quantity_forms(text, value, unit, kind, high):
    (q,) = parse_quantities(text)
    assert (q.unit, q.kind, q.raw) == (unit, kind, text)
    assert q.value == pytest.approx(value)
    assert (q.value_high is None) if high is None else q.value_high == pytest.approx(high)


def test_corpus_without_manifest_infers_date_region_and_year(tmp_path):
    (tmp_path / "wenzhou.txt").write_text(
        "政府工作报告\n——2022年1月10日在温州市第十四届人民代表大会第一次会议上\n"
        "一、2021年工作回顾\n2021年，全市地区生产总值达到7585亿元，增长7.7%。\n",
        encoding="utf-8",
    )
    corpus = na.load_corpus(tmp_path)
    row = corpus.iloc[0]
    assert (row["date"], row["year"], row["reference_year"], row["region"]) == (
        "2022-01-10",
        2022,
        2022,
        "温州",
    )
    figs = na.extract_figures(corpus, region="温州")
    _check(figs, "7585亿元", "地区生产总值", "actual", "level", "2021", 7.585e11, "元")
    _check(figs, "7.7%", "地区生产总值", "actual", "growth", "2021", 7.7, "%")


def test_corpus_bad_folders_are_seed_errors(tmp_path):
    with pytest.raises(SeedError, match="not found"):
        na.load_corpus(tmp_path / "missing")
    with pytest.raises(SeedError, match=r"no \.txt(?: or \.md)? files"):
        na.load_corpus(tmp_path)
