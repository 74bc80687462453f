"""Tests of ningbo_analysis.plans.record: 13th-period record vs 14th-period targets.

Unit tests use hand-built figures tables whose rows copy real sentences, offsets and values from
the seed documents (002-01 Ningbo 2021 work report, 002-02 Yuyao 2021 work report, 002-07 Ningbo
2021 economy news, 003-01 Ningbo 2023 plan, 000-01 press Q&A).
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.plans import prepare, verdicts
from ningbo_analysis.plans import record as cmp
from ningbo_analysis.present import display as nd
from ningbo_analysis.present import record_view
from ningbo_analysis.resources import read_data_csv


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    corpus = load_corpus()
    return dict(zip(corpus["doc_id"], corpus["text"], strict=True))


def fig(texts, doc_id, raw, indicator, kind, measure, period, value, unit, **extra) -> dict:
    """One figures row: ``raw`` must occur verbatim in the article; the sentence is cut around it."""
    text = texts[doc_id]
    start = text.find(raw)
    assert start >= 0, f"{raw!r} not in {doc_id}"
    s0 = max(text.rfind(c, 0, start) for c in "。；;!") + 1
    s1 = min((i for i in (text.find(c, start) for c in "。；;") if i >= 0), default=len(text))
    region = {"002-02": "余姚"}.get(doc_id, "宁波")
    row = {
        "doc_id": doc_id,
        "region": region,
        "section_path": "",
        "indicator": indicator,
        "kind": kind,
        "measure": measure,
        "period": period,
        "value": value,
        "unit": unit,
        "qualifier": "",
        "raw": raw,
        "sentence": text[s0:s1],
        "start": start,
        "end": start + len(raw),
        "concept": indicator,
        "report_year": {"003-01": 2023, "002-07": 2025, "000-01": 2020}.get(doc_id, 2021),
    }
    row.update(extra)
    return row


@pytest.fixture(scope="module")
def ningbo_figures(texts) -> pd.DataFrame:
    f = lambda *a, **k: fig(texts, *a, **k)  # noqa: E731
    # fmt: off
    rows = [
        # 地区生产总值
        f("002-01", "全市地区生产总值达到12408.7亿元", "地区生产总值", "actual", "level", "2020",
          1.24087e12, "元"),
        f("002-01", "地区生产总值年均增长6.4%", "地区生产总值", "actual", "avg_growth",
          "2016-2020", 6.4, "%"),
        f("002-01", "地区生产总值达到1.7万亿元", "地区生产总值", "target", "level", "2025",
          1.7e12, "元"),
        f("002-01", "地区生产总值增长7%", "地区生产总值", "target", "growth", "2021", 7.0, "%"),
        f("002-07", "地区生产总值(GDP)达到14594.9亿元", "地区生产总值", "actual", "level",
          "2021", 1.45949e12, "元"),
        f("002-07", "同比增长8.2%", "地区生产总值", "actual", "growth", "2021", 8.2, "%"),
        # 常住人口城镇化率
        f("002-01", "常住人口城镇化率由71.1%", "常住人口城镇化率", "actual", "share", "2015",
          71.1, "%"),
        f("002-01", "提高到75%", "常住人口城镇化率", "actual", "share", "2020", 75.0, "%"),
        f("002-01", "常住人口城镇化率达到80%", "常住人口城镇化率", "target", "share", "2025",
          80.0, "%"),
        f("002-01", "常住人口城镇化率达到76%", "常住人口城镇化率", "target", "share", "2021",
          76.0, "%"),
        # 研发投入强度
        f("002-01", "研发投入强度提高到2.85%", "研发投入强度", "actual", "share", "2020", 2.85,
          "%"),
        f("002-01", "研发投入强度比2015年提高0.44个百分点", "研发投入强度", "actual", "change",
          "2015-2020", 0.44, "个百分点"),
        f("002-01", "研发投入强度提高到3.6%", "研发投入强度", "target", "share", "2025", 3.6, "%"),
        f("002-01", "研发投入强度达到3%", "研发投入强度", "target", "share", "2021", 3.0, "%"),
        # 实际利用外资: five-year totals; the 2020 yearly flow; a 2023 yearly target
        f("002-01", "累计实际利用外资119亿美元", "实际利用外资", "actual", "cumulative",
          "2016-2020", 1.19e10, "美元"),
        f("002-01", "实际利用外资24.7亿美元", "实际利用外资", "actual", "level", "2020",
          2.47e9, "美元"),
        f("002-01", "五年实际利用外资130亿美元", "实际利用外资", "target", "cumulative",
          "2021-2025", 1.3e10, "美元"),
        f("003-01", "实际利用外资50亿美元", "实际利用外资", "target", "level", "2023", 5.0e9,
          "美元"),
        # 高新技术企业: a 2025 stock target; 2020 only has a flow (新增…)
        f("000-01", "全市高新技术企业超过6000家", "高新技术企业", "target", "level", "2025",
          6000.0, "家", qualifier="more_than"),
        f("002-01", "新增高新技术企业1023家", "高新技术企业", "actual", "level", "2020", 1023.0,
          "家"),
        # 货物和服务贸易总额 (target) vs 外贸进出口总额 (goods only, 2020)
        f("002-01", "货物和服务贸易总额达到2万亿元", "货物和服务贸易总额", "target", "level",
          "2025", 2.0e12, "元"),
        f("002-01", "外贸进出口总额达到9787亿元", "外贸进出口总额", "actual", "level", "2020",
          9.787e11, "元"),
        # 数字经济核心产业增加值: average-growth target and a 2021 growth target
        f("002-01", "数字经济核心产业增加值年均增长15%以上", "数字经济核心产业增加值", "target",
          "avg_growth", "2021-2025", 15.0, "%", qualifier="at_least"),
        f("002-01", "数字经济核心产业增加值增长15%", "数字经济核心产业增加值", "target", "growth",
          "2021", 15.0, "%"),
        # 新增高技能人才: five-year flow target and the 2021 flow target
        f("002-01", "新增高技能人才25万人", "新增高技能人才", "target", "cumulative",
          "2021-2025", 2.5e5, "人"),
        f("002-01", "高技能人才5万人", "新增高技能人才", "target", "level", "2021", 5.0e4, "人"),
        # 社会消费品零售总额: nominal money target; a nominal 2021 growth target is comparable
        f("002-01", "社会消费品零售总额4238亿元", "社会消费品零售总额", "actual", "level", "2020",
          4.238e11, "元"),
        f("002-01", "社会消费品零售总额超过6000亿元", "社会消费品零售总额", "target", "level",
          "2025", 6.0e11, "元", qualifier="more_than"),
        f("002-01", "社会消费品零售总额增长8%以上", "社会消费品零售总额", "target", "growth",
          "2021", 8.0, "%", qualifier="at_least"),
        # a partial-year figure is never a level
        f("004-01", "利润分别同比增长-1.4%、4.3%", "规上工业增加值", "actual", "growth",
          "2020-01~11", 4.3, "%"),
    ]
    # fmt: on
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def yuyao_figures(texts) -> pd.DataFrame:
    f = lambda *a, **k: fig(texts, *a, **k)  # noqa: E731
    # fmt: off
    rows = [
        f("002-02", "实现地区生产总值1220.7亿元", "地区生产总值", "actual", "level", "2020",
          1.2207e11, "元"),
        f("002-02", "全市地区生产总值年均增长7.6%", "地区生产总值", "actual", "avg_growth",
          "2016-2020", 7.6, "%"),
        f("002-02", "地区生产总值、人均地区生产总值分别突破1700亿元", "地区生产总值", "target",
          "level", "2025", 1.7e11, "元", qualifier="more_than"),
        f("002-02", "地区生产总值增长7%左右", "地区生产总值", "target", "growth", "2021", 7.0,
          "%", qualifier="approx"),
        f("002-02", "研发经费支出占地区生产总值比重由2.72%", "研发经费支出占地区生产总值比重",
          "actual", "share", "2015", 2.72, "%", concept="研发投入强度"),
        f("002-02", "提高到3.15%", "研发经费支出占地区生产总值比重", "actual", "share", "2020",
          3.15, "%", concept="研发投入强度"),
        f("002-02", "研发经费支出占地区生产总值比重提升到3.8%左右",
          "研发经费支出占地区生产总值比重", "target", "share", "2025", 3.8, "%",
          qualifier="approx", concept="研发投入强度"),
        f("002-02", "研发经费支出占地区生产总值比重达到3.2%", "研发经费支出占地区生产总值比重",
          "target", "share", "2021", 3.2, "%", concept="研发投入强度"),
        f("002-02", "常住人口城镇化率达到72.1%", "常住人口城镇化率", "actual", "share", "2020",
          72.1, "%"),
        f("002-02", "常住人口城镇化率达到75.1%", "常住人口城镇化率", "target", "share", "2025",
          75.1, "%"),
    ]
    # fmt: on
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def ningbo(ningbo_figures) -> pd.DataFrame:
    return cmp.compare_plans(ningbo_figures, "宁波")


@pytest.fixture(scope="module")
def yuyao(yuyao_figures) -> pd.DataFrame:
    return cmp.compare_plans(yuyao_figures, "余姚")


def row(table: pd.DataFrame, concept: str) -> pd.Series:
    hits = table[table["concept"] == concept]
    assert len(hits) == 1, f"{concept}: {len(hits)} rows"
    return hits.iloc[0]


# --------------------------------------------------------------------------------------------
# The examples
# --------------------------------------------------------------------------------------------


def test_columns_and_one_row_per_target(ningbo):
    assert list(ningbo.columns) == cmp.COLUMNS
    assert list(ningbo.columns[:13]) == [
        "indicator", "unit", "theme", "base_2015", "actual_2020", "target_2025",
        "target_qualifier", "achieved_13th", "implied_annual", "historical_annual",
        "later_evidence", "status", "sources",
    ]  # fmt: skip
    assert sorted(ningbo["concept"]) == sorted(
        [
            "地区生产总值",
            "常住人口城镇化率",
            "研发投入强度",
            "实际利用外资",
            "高新技术企业",
            "货物和服务贸易总额",
            "数字经济核心产业增加值",
            "新增高技能人才",
            "社会消费品零售总额",
        ]
    )
    assert set(ningbo["status"]) <= set(cmp.STATUSES)


def test_ningbo_gdp_nominal_target_vs_real_record(ningbo):
    r = row(ningbo, "地区生产总值")
    assert r["unit"] == "元" and r["theme"] == "economy"
    assert r["actual_2020"] == pytest.approx(1.24087e12)
    assert r["target_2025"] == pytest.approx(1.7e12)
    assert r["implied_annual"] == pytest.approx(6.4988, abs=1e-4)  # (1.7e12/1.24087e12)^(1/5)-1
    assert r["annual_unit"] == "%/yr"
    assert r["achieved_13th"] == pytest.approx(6.4)
    assert r["achieved_basis"].startswith("real")
    assert r["implied_basis"].startswith("nominal")
    assert "not directly comparable" in r["note"]
    assert math.isnan(r["base_2015"]) and math.isnan(r["historical_annual"])
    assert "2021 actual 14,594.9亿元 [002-07]" in r["later_evidence"]
    assert "2021 target growth 7% [002-01]" in r["later_evidence"]
    # 2021 level on the compound path: ln(1.45949/1.24087) / (ln(1.7/1.24087)/5) = 2.58
    assert r["status"] == "ahead"
    assert r["progress_ratio"] == pytest.approx(2.5773, abs=1e-4)
    assert r["status_basis"].startswith("2021 actual")
    assert "actual_2020: 002-01@" in r["sources"] and "status_evidence: 002-07@" in r["sources"]
    assert "「地区生产总值年均增长6.4%」" in r["sources"]


def test_ningbo_urbanisation_pp_per_year(ningbo):
    r = row(ningbo, "常住人口城镇化率")
    assert r["theme"] == "urban_rural"
    assert (r["base_2015"], r["actual_2020"], r["target_2025"]) == (71.1, 75.0, 80.0)
    assert r["historical_annual"] == pytest.approx(0.78)
    assert r["implied_annual"] == pytest.approx(1.0)
    assert r["annual_unit"] == "pp/yr"
    assert r["achieved_13th"] == pytest.approx(3.9)
    assert "2021 target 76% [002-01]" in r["later_evidence"]
    # a later target is a plan, not progress (issue 10): no 2021 actual, no status
    assert r["status"] == "insufficient evidence" and math.isnan(r["progress_ratio"])
    assert "a target is not evidence" in r["note"]


def test_ningbo_rd_intensity_base_derived_from_stated_change(ningbo):
    r = row(ningbo, "研发投入强度")
    assert r["theme"] == "innovation"
    assert r["actual_2020"] == 2.85 and r["target_2025"] == 3.6
    assert r["base_2015"] == pytest.approx(2.41)
    assert r["achieved_13th"] == pytest.approx(0.44)
    assert r["implied_annual"] == pytest.approx(0.15)
    assert r["historical_annual"] == pytest.approx(0.088)
    assert "derived" in r["note"]
    assert r["status"] == "insufficient evidence"  # only a 2021 target (3%): a plan, not progress


def test_yuyao_same_rules(yuyao):
    rd = row(yuyao, "研发投入强度")
    assert rd["indicator"] == "研发经费支出占地区生产总值比重"
    assert rd["target_qualifier"] == "approx"
    assert rd["implied_annual"] == pytest.approx(0.13)
    assert rd["historical_annual"] == pytest.approx(0.086)
    # only a 2021 target (3.2%): a plan, not progress (issue 10)
    assert rd["status"] == "insufficient evidence" and math.isnan(rd["progress_ratio"])
    gdp = row(yuyao, "地区生产总值")
    assert gdp["implied_annual"] == pytest.approx(6.8484, abs=1e-4)  # (1700/1220.7)^(1/5)-1
    assert gdp["achieved_13th"] == pytest.approx(7.6)
    assert gdp["target_qualifier"] == "more_than"
    # only a real growth target for 2021: not on the nominal target's basis
    assert gdp["status"] == "insufficient evidence"
    assert "2021 target growth 7% 左右" in gdp["later_evidence"]
    urb = row(yuyao, "常住人口城镇化率")
    assert urb["implied_annual"] == pytest.approx(0.6)
    assert urb["status"] == "insufficient evidence"


# --------------------------------------------------------------------------------------------
# Cumulative vs cumulative, flows vs stocks, scopes, growth targets
# --------------------------------------------------------------------------------------------


def test_cumulative_target_against_cumulative_record(ningbo):
    r = row(ningbo, "实际利用外资")
    assert r["target_type"] == "cumulative" and r["theme"] == "opening_up"
    assert r["achieved_13th"] == pytest.approx(1.19e10)
    assert r["implied_annual"] == pytest.approx(2.6e9)
    assert r["historical_annual"] == pytest.approx(2.38e9)
    assert r["annual_unit"] == "美元/yr"
    assert r["target_vs_13th"] == pytest.approx(130 / 119)
    assert math.isnan(r["actual_2020"])  # the 2020 yearly flow is not a level
    # the 2023 yearly target 50亿美元 is a plan, not progress: no status from it
    assert r["status"] == "insufficient evidence" and "status_evidence" not in r["sources"]
    assert "2023 target 50亿美元 [003-01]" in r["later_evidence"]
    assert "2020 yearly flow 24.7亿美元 [002-01] vs 26亿美元 a year required" in r["note"]
    assert "flow_2020: 002-01@" in r["sources"]


def test_flow_is_never_a_base_for_a_stock_target(ningbo):
    r = row(ningbo, "高新技术企业")
    assert r["target_2025"] == 6000 and r["target_qualifier"] == "more_than"
    assert math.isnan(r["actual_2020"]) and math.isnan(r["implied_annual"])
    assert "is a flow" in r["note"] and "1,023家" in r["note"]
    assert r["status"] == "insufficient evidence"


def test_flow_concept_named_next_to_a_stock_target(ningbo_figures, texts):
    # the figures table may keep 新增 in the concept (新增高新技术企业): still no base, but named
    flow = fig(texts, "002-01", "新增高新技术企业1023家", "新增高新技术企业", "actual", "level",
               "2020", 1023.0, "家")  # fmt: skip
    rank = fig(texts, "002-07", "进位全国第10位", "高新技术企业", "actual", "rank", "2021", 10.0,
               "位")  # fmt: skip
    base = ningbo_figures[ningbo_figures["indicator"] != "高新技术企业"].to_dict("records")
    target = ningbo_figures[ningbo_figures["raw"] == "全市高新技术企业超过6000家"]
    table = cmp.compare_plans(pd.DataFrame([*base, *target.to_dict("records"), flow, rank]), "宁波")
    r = row(table, "高新技术企业")
    assert math.isnan(r["actual_2020"])
    assert (
        "2020 flow 新增高新技术企业 1,023家 [002-01] is not a base for the stock target"
        in r["note"]
    )
    assert pd.isna(r["later_evidence"])  # a rank is never progress evidence for a level target


def test_different_scope_is_flagged_without_ratio(ningbo):
    r = row(ningbo, "货物和服务贸易总额")
    assert math.isnan(r["actual_2020"]) and math.isnan(r["implied_annual"])
    assert (
        "different scope" in r["note"] and "2020 进出口总额" in r["note"]
    )  # concept of 外贸进出口总额
    assert r["note"].count("different scope") == 1  # one note per figure, however many rules match
    assert r["status"] == "insufficient evidence"


def test_average_growth_target(ningbo):
    r = row(ningbo, "数字经济核心产业增加值")
    assert r["target_type"] == "avg_growth" and r["implied_annual"] == 15.0
    assert r["implied_basis"].startswith("real")  # value added: comparable prices
    assert r["target_qualifier"] == "at_least"
    assert r["status"] == "insufficient evidence"  # only later targets: plans, not progress


def test_nominal_growth_evidence_for_a_nominal_money_target(ningbo):
    r = row(ningbo, "社会消费品零售总额")
    assert r["implied_annual"] == pytest.approx(7.2008, abs=1e-4)  # (6000/4238)^(1/5)-1
    # the 2021 growth target (8%) would be on the path, but a target is not progress
    assert r["status"] == "insufficient evidence" and math.isnan(r["progress_ratio"])
    assert "2021 target growth 8%" in r["later_evidence"]


def test_five_year_flow_target_against_yearly_flow(ningbo):
    r = row(ningbo, "新增高技能人才")
    assert r["implied_annual"] == pytest.approx(5e4)
    # only a 2021 target of 5万人: a plan, not progress
    assert r["status"] == "insufficient evidence" and "2021 target 5万人" in r["later_evidence"]


def test_partial_year_figures_ignored(ningbo):
    assert "2020-01~11" not in " ".join(ningbo["later_evidence"].dropna())


def test_order_independent_and_deterministic(ningbo_figures, ningbo, tmp_path):
    shuffled = ningbo_figures.sample(frac=1.0, random_state=3).reset_index(drop=True)
    again = cmp.compare_plans(shuffled, "宁波")
    pd.testing.assert_frame_equal(again, ningbo)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    record_view.write_table(ningbo, a)
    record_view.write_table(again, b)
    assert a.read_bytes() == b.read_bytes()
    data = a.read_bytes()
    assert b"\r\n" not in data
    header = data.decode("utf-8-sig").splitlines()[0].split(",")  # a BOM for Excel
    shown = [c for c in header if not c.endswith(("_display", "_label"))]
    assert shown == cmp.COLUMNS
    assert header[header.index("status") + 1] == "status_label"  # 超前 / 暂无结果 …
    assert header[header.index("actual_2020") + 1] == "actual_2020_display"
    gdp = next(
        line for line in data.decode("utf-8").splitlines() if line.startswith("地区生产总值,")
    )
    assert ",1240870000000,12,408.7亿元," in gdp.replace('"', "")  # plain decimal + display
    assert "e+" not in data.decode("utf-8")


def test_sorted_by_theme_order(ningbo):
    order = prepare.theme_order()
    ranks = [order.index(t) if t in order else len(order) for t in ningbo["theme"]]
    assert ranks == sorted(ranks)


def test_conflicting_2020_values_are_noted(ningbo_figures, texts):
    extra = fig(texts, "002-07", "地区生产总值(GDP)达到14594.9亿元", "地区生产总值", "actual",
                "level", "2020", 1.3e12, "元")  # fmt: skip
    table = cmp.compare_plans(pd.concat([ningbo_figures, pd.DataFrame([extra])]), "宁波")
    r = row(table, "地区生产总值")
    assert r["actual_2020"] == pytest.approx(1.24087e12)  # the target's own document wins
    assert "other values stated for 2020: 1.3万亿元 (002-07)" in r["note"]


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def test_unknown_region_names_region(ningbo_figures):
    with pytest.raises(ParameterError, match="火星"):
        cmp.compare_plans(ningbo_figures, "火星")


def test_known_region_without_figures_is_an_error_not_an_empty_table(ningbo_figures):
    with pytest.raises(ParameterError) as info:  # in regions.csv, no figures here
        cmp.compare_plans(ningbo_figures, "慈溪")
    assert str(info.value) == (
        "unknown region '慈溪': the figures table has no figure of it; regions with figures: 宁波"
    )


def test_empty_comparison_table_displays_and_plots_nothing(ningbo_figures):
    table = cmp.compare_plans(ningbo_figures[ningbo_figures["kind"] == "actual"], "宁波")
    assert table.empty and list(table.columns) == cmp.COLUMNS
    assert record_view.display_table(table).empty
    assert (
        record_view.plot_trajectories(table) is None
        and record_view.plot_growth_comparison(table) is None
    )


def test_missing_columns_named(ningbo_figures):
    with pytest.raises(ParameterError, match="period"):
        cmp.compare_plans(ningbo_figures.drop(columns=["period"]), "宁波")


def test_not_a_dataframe():
    with pytest.raises(ParameterError, match="DataFrame"):
        cmp.compare_plans([{"region": "宁波"}], "宁波")


def test_write_table_missing_folder(ningbo, tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        record_view.write_table(ningbo, tmp_path / "nope" / "t.csv")


def test_region_without_targets_gives_empty_table(ningbo_figures):
    only_actuals = ningbo_figures[ningbo_figures["kind"] == "actual"]
    table = cmp.compare_plans(only_actuals, "宁波")
    assert table.empty and list(table.columns) == cmp.COLUMNS


# --------------------------------------------------------------------------------------------
# Helpers and lexicons
# --------------------------------------------------------------------------------------------


def test_period_bounds():
    assert prepare.period_bounds("2020") == (2020, 2020)
    assert prepare.period_bounds("2021-2025") == (2021, 2025)
    assert prepare.period_bounds("2020-01~11") is None
    assert prepare.period_bounds(float("nan")) is None


def test_growth_helpers():
    assert verdicts.cagr(100.0, 200.0, 5) == pytest.approx(14.8698, abs=1e-4)
    assert math.isnan(verdicts.cagr(0.0, 1.0, 5))
    assert verdicts.pp_per_year(2.41, 2.85, 5) == pytest.approx(0.088)


def test_classify_status_boundaries():
    assert cmp.classify_status(1.26, 0.25) == "ahead"
    assert cmp.classify_status(1.25, 0.25) == "on track"
    assert cmp.classify_status(0.75, 0.25) == "on track"
    assert cmp.classify_status(0.74, 0.25) == "behind"
    assert cmp.classify_status(math.nan) == "insufficient evidence"


def test_status_rule_text_states_tolerance():
    text = cmp.status_rule_text()
    assert "t = 0.25" in text and "insufficient evidence" in text
    assert "A ceiling (at_most" in text and "A floor (at_least" in text
    assert prepare.bound_of("at_most") == "ceiling" and prepare.bound_of("less_than") == "ceiling"
    assert prepare.bound_of("more_than") == "floor" and prepare.bound_of("approx") == ""


def test_is_flow_and_bases():
    assert prepare.is_flow("高新技术企业", "新增高新技术企业1023家")
    assert prepare.is_flow("新增高技能人才")
    assert not prepare.is_flow("高新技术企业", "全市高新技术企业超过6000家")
    assert prepare.growth_basis("地区生产总值") == "real"
    assert prepare.growth_basis("一般公共预算收入") == "nominal"
    assert prepare.unit_kind("美元") == "money" and prepare.unit_kind("标箱") == "amount"


def test_theme_lexicon_uses_shared_ids():
    lex = prepare.load_indicator_themes()
    assert set(lex["theme"]) <= set(read_data_csv("theme_names.csv")["theme"])
    assert prepare.theme_of("城镇居民人均可支配收入") == "livelihood"
    assert prepare.theme_of("PM2.5年均浓度") == "green"
    assert prepare.theme_of("宁波舟山港集装箱吞吐量") == "opening_up"
    assert prepare.theme_of("不存在的东西") == ""


def test_trajectory_and_growth_frames(ningbo):
    tr = record_view.trajectory_frame(ningbo)
    urb = tr[tr["indicator"] == "常住人口城镇化率"].set_index("year")["value"]
    assert urb.to_dict() == {2015: pytest.approx(-3.9), 2020: 0.0, 2025: 5.0}
    gdp = tr[tr["indicator"] == "地区生产总值"].set_index("year")["value"]
    assert gdp[2025] == pytest.approx(137.0, abs=0.01) and gdp[2020] == 100.0
    assert set(tr["scale"]) == {"较2020年 个百分点 (pp vs 2020)", "指数 index (2020 = 100)"}
    gr = record_view.growth_frame(ningbo)
    gdp_g = gr[gr["indicator"] == "地区生产总值"].set_index("series")["value"]
    assert gdp_g["stated 2016-2020 average (real)"] == 6.4


def test_sources_column(ningbo):
    """``sources`` lists every number used as ``label: doc_id@start-end 「raw」``."""
    src = ningbo.set_index("indicator")["sources"]
    labels = {s.partition(": ")[0] for s in src["常住人口城镇化率"].split("; ")}
    assert labels == {"target_2025", "actual_2020", "base_2015"}  # no later actual
    gdp = [s.partition(": ")[0] for s in src["地区生产总值"].split("; ")]
    assert "status_evidence" in gdp  # the 2021 actual level
    where = [s.partition(": ")[2] for v in src for s in v.split("; ") if s]
    assert all(re.match(r"\d{3}-\d{2}@\d+-\d+ 「", w) for w in where)


def test_display_table_readable_values(ningbo):
    d = record_view.display_table(ningbo).set_index("指标")
    assert d.loc["地区生产总值", "2020年"] == "12,408.7亿元"
    assert d.loc["地区生产总值", "2025年目标"] == "1.7万亿元"
    assert d.loc["地区生产总值", "目标隐含年均"] == "6.5%/年 (nominal)"
    assert d.loc["地区生产总值", "上一规划期实绩"].startswith("6.4% real")
    assert d.loc["研发投入强度", "上一规划期实绩"].startswith("0.44个百分点")
    assert d.loc["常住人口城镇化率", "上期年均"] == "0.78个百分点/年 (pp)"
    assert d.loc["实际利用外资", "目标隐含年均"].startswith("26亿美元/年")
    assert d.loc["社会消费品零售总额", "2025年目标"] == "超过6,000亿元"
    assert d.loc["地区生产总值", "进度"] == "超前"
    assert not any("e+" in str(v) for v in d.to_numpy().ravel())
    assert record_view.human_value(250000.0, "人") == "25万人"


def test_other_plans_rename_the_year_columns(ningbo_figures):
    t = cmp.compare_plans(ningbo_figures, "宁波", plan="十三五")
    assert list(t.columns) == cmp.columns_for("十三五")
    assert {"base_2010", "actual_2015", "target_2020", "achieved_12th"} <= set(t.columns)
    assert "achieved_13th" not in t.columns  # the previous plan of 十三五 is the 12th
    with pytest.raises(ParameterError, match="unknown plan '十九五'"):
        cmp.compare_plans(ningbo_figures, "宁波", plan="十九五")


def test_target_in_a_stray_unit_is_ignored(ningbo_figures, texts):
    # "五年" right after the R&D target read as a 2025 target of 5 年: must not replace 3.6 %
    stray = fig(texts, "002-01", "五年集聚领军型人才项目", "研发投入强度", "target", "level",
                "2025", 5.0, "年")  # fmt: skip
    stray["raw"] = "五年"
    table = cmp.compare_plans(pd.DataFrame([stray, *ningbo_figures.to_dict("records")]), "宁波")
    r = row(table, "研发投入强度")
    assert r["target_2025"] == 3.6 and r["unit"] == "%"
    assert "targets in another unit ignored: 5年 (002-01)" in r["note"]
    assert r["status"] == "insufficient evidence"  # later figures are targets only


def test_plots_show_each_indicator_on_its_scale(ningbo):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ningbo_analysis.present.plots import setup_plotting

    setup_plotting(require_font=False)

    fig = record_view.plot_trajectories(ningbo)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["指数 index (2020 = 100)", "较2020年 个百分点 (pp vs 2020)"]
    pp_labels = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert sorted(pp_labels) == sorted(["常住人口城镇化率", "研发投入强度"])
    fig2 = record_view.plot_growth_comparison(ningbo)
    assert [ax.get_xlabel() for ax in fig2.axes] == ["%/年", "个百分点/年"]
    legend = [t.get_text() for t in fig2.legends[0].get_texts()]
    assert legend == ["本规划 this plan", "上一规划 previous plan"]
    ticks = [t.get_text() for t in fig2.axes[0].get_yticklabels()]
    assert "地区生产总值 (经济发展) — nominal vs real" in ticks
    bars = [t.get_text().strip() for t in fig2.axes[0].texts]
    # GDP: implied vs stated, each labelled, formatted as in the table (display.format_rate)
    assert "6.5%/年 (nominal)" in bars and "6.4%/年 (real)" in bars
    pp_bars = [t.get_text().strip() for t in fig2.axes[1].texts]
    assert "1个百分点/年 (pp)" in pp_bars and "0.78个百分点/年 (pp)" in pp_bars
    shown = record_view.display_table(ningbo)
    for rate in shown["目标隐含年均"]:
        if rate and "/年" in rate and ("%" in rate or "百分点" in rate):
            short = rate.split("; ")[0] + (")" if "; " in rate else "")  # why: in the table only
            assert short in bars + pp_bars, (rate, bars, pp_bars)
    plt.close("all")
    assert record_view.plot_trajectories(ningbo.iloc[0:0]) is None


# --------------------------------------------------------------------------------------------
# Integration: the real extraction of the seeds (issue 6 examples)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_figures(corpus) -> pd.DataFrame:
    from ningbo_analysis import extract_figures

    return extract_figures(corpus)


@pytest.fixture(scope="module")
def real_ningbo(real_figures) -> pd.DataFrame:
    import ningbo_analysis as na

    return na.compare_plans(real_figures, "宁波")


@pytest.fixture(scope="module")
def real_yuyao(real_figures) -> pd.DataFrame:
    return cmp.compare_plans(real_figures, "余姚")


def test_real_ningbo_gdp(real_ningbo):
    r = row(real_ningbo, "地区生产总值")
    assert r["actual_2020"] == pytest.approx(1.24087e12)
    assert r["target_2025"] == pytest.approx(1.7e12)
    assert r["implied_annual"] == pytest.approx(6.50, abs=0.005)
    assert r["implied_basis"].startswith("nominal")
    assert r["achieved_13th"] == pytest.approx(6.4) and r["achieved_basis"].startswith("real")
    assert "2021 actual 14,594.9亿元" in r["later_evidence"]
    assert r["status"] == "ahead" and r["status_basis"].startswith("2021 actual")


def test_real_ningbo_urbanisation(real_ningbo):
    r = row(real_ningbo, "常住人口城镇化率")
    assert (r["base_2015"], r["actual_2020"], r["target_2025"]) == (71.1, 75.0, 80.0)
    assert r["historical_annual"] == pytest.approx(0.78)
    assert r["implied_annual"] == pytest.approx(1.0)
    assert "2021 target 76%" in r["later_evidence"]
    assert r["status"] == "insufficient evidence"  # a target is not progress


def test_real_ningbo_rd_intensity(real_ningbo):
    r = row(real_ningbo, "研发投入强度")
    assert r["actual_2020"] == 2.85 and r["target_2025"] == 3.6
    assert r["base_2015"] == pytest.approx(2.41)  # 2.85 - 0.44 pp
    assert r["implied_annual"] == pytest.approx(0.15)
    assert r["historical_annual"] == pytest.approx(0.088)
    assert r["status"] == "insufficient evidence"  # only a 2021 target (3%)


def test_real_ningbo_cumulative_and_scope(real_ningbo):
    fdi = row(real_ningbo, "实际利用外资")
    assert fdi["target_type"] == "cumulative"
    assert fdi["achieved_13th"] == pytest.approx(1.19e10)
    assert fdi["target_vs_13th"] == pytest.approx(130 / 119)
    trade = row(real_ningbo, "货物和服务贸易总额")
    assert math.isnan(trade["implied_annual"]) and "different scope" in trade["note"]


def test_real_yuyao(real_yuyao):
    rd = row(real_yuyao, "研发投入强度")
    assert (rd["base_2015"], rd["actual_2020"], rd["target_2025"]) == (2.72, 3.15, 3.8)
    assert rd["implied_annual"] == pytest.approx(0.13)
    assert rd["historical_annual"] == pytest.approx(0.086)
    assert rd["status"] == "insufficient evidence"  # only a 2021 target (3.2%)
    gdp = row(real_yuyao, "地区生产总值")
    assert gdp["actual_2020"] == pytest.approx(1.2207e11)
    assert gdp["implied_annual"] == pytest.approx(6.8484, abs=1e-4)
    assert gdp["achieved_13th"] == pytest.approx(7.6)
    assert gdp["status"] == "insufficient evidence"  # only a real 2021 growth target
    urb = row(real_yuyao, "常住人口城镇化率")
    assert urb["implied_annual"] == pytest.approx(0.6)


def test_range_target_uses_lower_end_and_says_so(ningbo_figures):
    figs = ningbo_figures.assign(value_high=float("nan"))
    mask = (figs["concept"] == "常住人口城镇化率") & (figs["period"] == "2025")
    figs.loc[mask, "value_high"] = 82.0  # a hypothetical 80%—82% range
    r = row(cmp.compare_plans(figs, "宁波"), "常住人口城镇化率")
    assert r["target_2025"] == 80.0
    assert "target is a range 80%–82%: the lower end is used" in r["note"]


# --------------------------------------------------------------------------------------------
# Review fixes: ceilings and floors, change targets from 2020, level units, growth bases
# --------------------------------------------------------------------------------------------


def hand(indicator, kind, measure, period, value, unit, raw, qualifier="", **extra) -> dict:
    """A hand-built figures row (real-looking values, not tied to a seed offset)."""
    row = {
        "doc_id": "009-01",
        "region": "宁波",
        "section_path": "",
        "indicator": indicator,
        "kind": kind,
        "measure": measure,
        "period": period,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "raw": raw,
        "sentence": raw,
        "start": 0,
        "end": len(raw),
        "concept": indicator,
        "report_year": 2021,
    }
    row.update(extra)
    return row


def one(rows: list[dict], concept: str) -> pd.Series:
    return row(cmp.compare_plans(pd.DataFrame(rows), "宁波"), concept)


PM25 = "PM2.5年均浓度"
JOBLESS = "城镇调查失业率"


def test_ceiling_within_is_on_track_above_is_behind():
    pm = [
        hand(PM25, "actual", "level", "2020", 28.0, "微克/立方米", "PM2.5年均浓度28微克/立方米"),
        hand(PM25, "target", "level", "2025", 30.0, "微克/立方米",
             "PM2.5年均浓度不超过30微克/立方米", "at_most"),
    ]  # fmt: skip
    ev = hand(PM25, "actual", "level", "2021", 26.0, "微克/立方米", "PM2.5年均浓度26微克/立方米",
              report_year=2022)  # fmt: skip
    r = one([*pm, ev], PM25)
    assert r["status"] == "on track"  # 26 within the ceiling of 30 (was "behind", ratio -5.37)
    assert "within the ceiling" in r["status_basis"]
    over = one([*pm, {**ev, "value": 31.0}], PM25)
    assert over["status"] == "behind" and "above the ceiling" in over["status_basis"]
    jobs = [
        hand(JOBLESS, "actual", "share", "2020", 2.5, "%", "城镇调查失业率2.5%"),
        hand(JOBLESS, "target", "share", "2025", 3.5, "%", "城镇调查失业率控制在3.5%以内",
             "at_most"),
    ]  # fmt: skip
    ev = hand(JOBLESS, "actual", "share", "2021", 3.2, "%", "城镇调查失业率3.2%", report_year=2022)
    assert one([*jobs, ev], JOBLESS)["status"] == "on track"  # was "ahead"
    assert one([*jobs, {**ev, "value": 3.8}], JOBLESS)["status"] == "behind"
    # a ceiling given as "less than" (不到) is a ceiling too
    less = [{**jobs[0]}, {**jobs[1], "qualifier": "less_than"}, ev]
    assert one(less, JOBLESS)["status"] == "on track"


def test_ceiling_below_the_2020_level_is_a_cut_judged_on_the_path():
    base = hand(PM25, "actual", "level", "2020", 35.0, "微克/立方米", "PM2.5年均浓度35微克/立方米")
    tgt = hand(PM25, "target", "level", "2025", 30.0, "微克/立方米",
               "PM2.5年均浓度控制在30微克/立方米以内", "at_most")  # fmt: skip
    ev = hand(PM25, "actual", "level", "2021", 34.0, "微克/立方米", "PM2.5年均浓度34微克/立方米",
              report_year=2022)  # fmt: skip
    r = one([base, tgt, ev], PM25)
    # compound path 35 → 30: ln(34/35) / (ln(30/35)/5) = 0.94
    assert r["status"] == "on track"
    assert r["progress_ratio"] == pytest.approx(0.9402, abs=1e-4)
    early = one([base, tgt, {**ev, "value": 29.0}], PM25)
    assert early["status"] == "ahead" and "within the ceiling" in early["status_basis"]


def test_floor_reached_is_ahead_floor_held_is_on_track():
    hte = "高新技术企业"
    rows = [
        hand(hte, "actual", "level", "2020", 3919.0, "家", "高新技术企业达到3919家"),
        hand(hte, "target", "level", "2025", 6000.0, "家", "高新技术企业超过6000家", "more_than"),
        hand(hte, "actual", "level", "2023", 6100.0, "家", "高新技术企业6100家", report_year=2024),
    ]
    r = one(rows, hte)
    assert r["status"] == "ahead" and "floor reached" in r["status_basis"]
    forest = "森林覆盖率"
    rows = [
        hand(forest, "actual", "share", "2020", 61.5, "%", "森林覆盖率61.5%"),
        hand(forest, "target", "share", "2025", 61.0, "%", "森林覆盖率保持在61%以上",
             "at_least"),
        hand(forest, "actual", "share", "2021", 61.6, "%", "森林覆盖率61.6%", report_year=2022),
    ]  # fmt: skip
    r = one(rows, forest)
    assert r["status"] == "on track"  # a floor already held in 2020 needs no progress
    rows[2] = {**rows[2], "value": 60.8}
    assert one(rows, forest)["status"] == "behind"


def test_growth_ceiling_is_not_inverted():
    energy = "能源消费总量"
    rows = [
        hand(energy, "target", "avg_growth", "2021-2025", 3.0, "%", "能源消费总量年均增长不超过3%",
             "at_most"),
        hand(energy, "actual", "growth", "2021", 1.8, "%", "能源消费总量增长1.8%",
             report_year=2022),
    ]  # fmt: skip
    r = one(rows, energy)
    assert r["status"] == "on track"  # 1.8 % within the 3 % ceiling (was "behind", ratio 0.6)
    rows[1] = {**rows[1], "value": 4.0}
    assert one(rows, energy)["status"] == "behind"  # was "ahead", ratio 1.33


def test_change_target_from_2020_reaches_the_comparison():
    rd = "研发投入强度"
    rows = [
        hand(rd, "actual", "share", "2020", 2.85, "%", "研发投入强度提高到2.85%"),
        hand(rd, "target", "change", "2020-2025", 0.8, "个百分点",
             "到2025年，研发投入强度比2020年提高0.8个百分点"),
        hand(rd, "actual", "share", "2021", 3.0, "%", "2021年研发投入强度达到3%"),
    ]  # fmt: skip
    r = one(rows, rd)
    assert r["target_type"] == "change"
    assert r["target_2025"] == pytest.approx(3.65) and r["unit"] == "%"
    assert r["level_unit"] == "%"
    assert r["implied_annual"] == pytest.approx(0.16) and r["annual_unit"] == "pp/yr"
    assert "target stated as a change of 0.8个百分点" in r["note"]
    # 2021 actual 3 %: (3.0 - 2.85) / 0.16 = 0.9375
    assert r["status"] == "on track" and r["progress_ratio"] == pytest.approx(0.9375)


def test_levels_of_a_growth_target_keep_their_unit():
    gdp = "地区生产总值"
    rows = [
        hand(gdp, "actual", "level", "2015", 8.0036e11, "元", "地区生产总值8003.6亿元"),
        hand(gdp, "actual", "level", "2020", 1.24087e12, "元", "地区生产总值12408.7亿元"),
        hand(gdp, "target", "avg_growth", "2021-2025", 6.0, "%", "地区生产总值年均增长6%左右",
             "approx"),
    ]  # fmt: skip
    table = cmp.compare_plans(pd.DataFrame(rows), "宁波")
    r = row(table, gdp)
    assert (r["unit"], r["level_unit"]) == ("%", "元")
    d = record_view.display_table(table).iloc[0]
    assert d["2015年"] == "8,003.6亿元" and d["2020年"] == "12,408.7亿元"  # was "8.0036e+11%"
    assert d["2025年目标"] == "6%左右"
    assert "level_unit" in cmp.COLUMNS


def test_growth_bars_say_their_basis(ningbo):
    gr = record_view.growth_frame(ningbo)
    gdp = gr[gr["indicator"] == "地区生产总值"].set_index("basis")["series"]
    assert gdp["nominal"] == "implied 2020→2025 (nominal)"
    assert gdp["real"] == "stated 2016-2020 average (real)"
    assert set(gr.loc[gr["indicator"] == "常住人口城镇化率", "series"]) == {
        "implied 2020→2025 (pp)",
        "historical 2015→2020 (pp)",
    }
    digital = gr[gr["indicator"] == "数字经济核心产业增加值"]
    assert list(digital["series"]) == ["target 2021-2025 average (real)"]
    labels = record_view.growth_labels(gr)
    assert labels["地区生产总值"].endswith("nominal vs real")


def test_bounds_of_falls_and_of_the_previous_plan_base() -> None:
    """年均下降3%以上 is -3 or less: the implied rate is an upper bound (≤-3%/年) and the target
    reads 下降3%以上; a rate of the previous plan from a 2015 floor (超过100万人) is an upper bound,
    said once, in people (not %)."""
    from ningbo_analysis import extract_figures

    falls = (
        "2020年，单位地区生产总值能耗为0.45吨标准煤/万元。"
        "到2025年，单位地区生产总值能耗年均下降3%以上。"
    )
    d = record_view.display_table(
        cmp.compare_plans(extract_figures(falls, region="宁波", report_year=2021), "宁波")
    )
    row = d.iloc[0]
    assert row["2025年目标"] == "下降3%以上"
    assert row["目标隐含年均"] == "≤-3%/年 (real; upper bound: 2025 target 下降3%以上)"
    talent = (
        "2015年，全市人才总量超过100万人。2020年，全市人才总量为150万人。"
        "“十四五”期间，全市人才总量年均增长5%以上。"
    )
    d = record_view.display_table(
        cmp.compare_plans(extract_figures(talent, region="宁波", report_year=2021), "宁波")
    )
    assert d.iloc[0]["上期年均"] == "≤8.45%/年 (volume; upper bound: 2015 超过100万人)"
    assert d.iloc[0]["2015年"] == "超过100万人"  # the base as written, like the 2020 one
    assert verdicts.signed_qualifier("at_least", -3.0) == "at_most"
    assert nd.format_change(-3.0, "%", "at_least") == "下降3%以上"
