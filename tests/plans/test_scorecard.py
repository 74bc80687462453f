"""Plan scorecard (issue 10) on a made-up city's three work reports, written like a spec.

``tests/data/scorecard/临川/`` holds 临川市's 2016, 2021 and 2026 work reports (invented; see the
README there) and ``expected_scorecard.csv``, filled in by hand from the documents before any
scorecard code existed: one row per five-year target with its value, outcome and verdict. Rows of the
scorecard are found by ``concept`` (through ``na.figures.concepts.concept_of`` of the name as written in the
target document), target year and measure, so the tests do not depend on which wording the code
chooses as the canonical one.

A ``share`` measure (…占地区生产总值比重) is the level of a ratio: where the CSV says ``level``, a
scorecard row with measure ``share`` is accepted, and ``share`` satisfies the ``level`` basis token.
"""

from __future__ import annotations

import math
import re
import shutil
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.corpus.structure import outline

DOCS = Path(__file__).resolve().parents[1] / "data" / "scorecard" / "临川"
REGION = "临川"
PLAN_DOCS = {
    "十三五": ("2016-01", "2021-01"),
    "十四五": ("2021-01", "2026-01"),
    "十五五": ("2026-01", None),
}
VERDICTS = {"met", "missed", "unclear", "ahead", "on_track", "behind", "no_outcome"}
COLUMNS = (
    "region plan indicator concept theme measure unit target_year period target_value "
    "target_qualifier target_source base_year base_value base_source base_restated outcome_value "
    "outcome_qualifier outcome_year outcome_source later_targets verdict verdict_basis"
).split()
SOURCE_RE = re.compile(r"^(?P<doc>[^@\s]+)@(?P<start>\d+)-(?P<end>\d+)「(?P<raw>[^」]+)」$")

EXPECTED = pd.read_csv(DOCS / "expected_scorecard.csv", dtype=str, keep_default_na=False)
EXPECTED_ROWS = EXPECTED.to_dict("records")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return na.load_corpus(DOCS, region=REGION)


@pytest.fixture(scope="module")
def figures(corpus) -> pd.DataFrame:
    return na.extract_figures(corpus, region=REGION)


@pytest.fixture(scope="module")
def scorecard(figures):
    """``scorecard(plan)``: the plan's scorecard, computed once per plan."""
    return cache(lambda plan: na.plan_scorecard(figures, REGION, plan=plan))


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _truthy(value) -> bool:
    """A flag that may be a bool, a restated value or a note: False, NaN, '' and 0 are 'no'."""
    return not (_missing(value) or value is False or value == "" or value == 0)


def _measures(measure: str) -> set[str]:
    return {"level", "share"} if measure == "level" else {measure}


def _pick(sc: pd.DataFrame, exp: dict) -> pd.Series:
    key = na.figures.concepts.concept_of(exp["indicator"])
    year = pd.to_numeric(sc["target_year"], errors="coerce")
    hits = sc.loc[
        (sc["concept"] == key)
        & (year == int(exp["target_year"]))
        & sc["measure"].isin(_measures(exp["measure"]))
    ]
    assert len(hits) == 1, (
        f"{len(hits)} {exp['plan']} rows for {exp['indicator']} (concept {key!r}) "
        f"{exp['measure']} {exp['target_year']}:\n"
        f"{sc[['indicator', 'concept', 'measure', 'target_year', 'target_value', 'verdict']]}"
    )
    return hits.iloc[0]


def _approx(value: str):
    return pytest.approx(float(value), rel=1e-9)


def _row_id(exp: dict) -> str:
    return f"{exp['plan']}-{exp['indicator']}-{exp['measure']}-{exp['verdict']}"


def _source(corpus: pd.DataFrame, source: str) -> tuple[str, str]:
    """(doc_id, raw) of a ``doc_id@start-end「raw」`` source, checked against the document text."""
    m = SOURCE_RE.match(source)
    assert m, f"not a doc_id@start-end「raw」 source: {source!r}"
    doc = corpus.loc[corpus["doc_id"] == m["doc"]]
    assert len(doc) == 1, f"source names unknown doc_id {m['doc']!r}"
    text = doc.iloc[0]["text"]
    assert text[int(m["start"]) : int(m["end"])] == m["raw"], source
    return m["doc"], m["raw"]


# --------------------------------------------------------------------------------------------
# the corpus: a header-less markdown report is a 2016 work report of 临川
# --------------------------------------------------------------------------------------------


def test_corpus_years_kinds_regions(corpus):
    got = corpus.sort_values("year")[["seed_file", "year", "kind", "region"]]
    assert got.values.tolist() == [
        ["2016_report.md", 2016, "work_report", "临川"],
        ["2021_report.md", 2021, "work_report", "临川"],
        ["2026_report.md", 2026, "work_report", "临川"],
    ]
    dated = corpus.set_index("seed_file")["date"]
    assert (dated["2021_report.md"], dated["2026_report.md"]) == ("2021-01-20", "2026-01-22")


def test_headerless_report_year_comes_from_its_content(tmp_path):
    """No digits in the file name: the year can only come from the text (a review of 2015 → 2016)."""
    shutil.copy(DOCS / "2016_report.md", tmp_path / "linchuan_report.md")
    row = na.load_corpus(tmp_path, region=REGION).iloc[0]
    assert (row["year"], row["kind"], row["region"]) == (2016, "work_report", "临川")


def test_front_matter_sets_metadata(tmp_path):
    body = (DOCS / "2016_report.md").read_text(encoding="utf-8")
    front = (
        "---\ntitle: 临川市政府工作报告\ndate: 2016-01-25\nregion: 临川\nkind: work_report\n---\n"
    )
    (tmp_path / "report.md").write_text(front + body, encoding="utf-8")
    row = na.load_corpus(tmp_path).iloc[0]
    got = (row["title"], row["date"], row["year"], row["region"], row["kind"])
    assert got == ("临川市政府工作报告", "2016-01-25", 2016, "临川", "work_report")
    assert not row["text"].startswith("---")
    assert "title:" not in row["text"]


def test_markdown_bold_headings_are_sections(corpus):
    text = corpus.loc[corpus["seed_file"] == "2016_report.md", "text"].iloc[0]
    heads = outline(text)
    top = heads.loc[heads["level"] == 1]
    assert top["marker"].tolist() == ["一、", "二、", "三、"]
    assert "十三五" in top["heading"].iloc[1]


# --------------------------------------------------------------------------------------------
# the figures the scorecard rests on (checked on their own so a failure names the sentence)
# --------------------------------------------------------------------------------------------

FIGURE_CASES = [
    # doc, raw, indicator, kind, measure, period, value
    ("2016-01", "9.1%", "地区生产总值", "actual", "avg_growth", "2011-2015", 9.1),
    ("2016-01", "7%左右", "地区生产总值", "target", "avg_growth", "2016-2020", 7.0),
    ("2016-01", "突破400亿元", "一般公共预算收入", "target", "level", "2020", 4e10),
    ("2016-01", "1.2万亿元", "固定资产投资", "target", "cumulative", "2016-2020", 1.2e12),
    ("2016-01", "30万人", "城镇新增就业", "target", "cumulative", "2016-2020", 3e5),
    ("2021-01", "3200亿元", "地区生产总值", "actual", "level", "2015", 3.2e11),
    ("2021-01", "4500亿元", "地区生产总值", "actual", "level", "2020", 4.5e11),
    ("2021-01", "6.9%", "地区生产总值", "actual", "avg_growth", "2016-2020", 6.9),
    ("2021-01", "2.35%", "研发投入强度", "actual", "level", "2020", 2.35),
    ("2021-01", "60.5%", "常住人口城镇化率", "actual", "level", "2015", 60.5),
    ("2021-01", "66.8%", "常住人口城镇化率", "actual", "level", "2020", 66.8),
    ("2021-01", "28.5万人", "城镇新增就业", "actual", "cumulative", "2016-2020", 2.85e5),
    ("2021-01", "210万人", "城镇就业人数", "actual", "level", "2020", 2.1e6),
    ("2021-01", "突破6000亿元", "地区生产总值", "target", "level", "2025", 6e11),
    ("2021-01", "7%左右", "地区生产总值", "target", "growth", "2021", 7.0),
    ("2026-01", "4620亿元", "地区生产总值", "actual", "level", "2020", 4.62e11),
    ("2026-01", "6350亿元", "地区生产总值", "actual", "level", "2025", 6.35e11),
    ("2026-01", "5.8%", "城镇调查失业率", "actual", "level", "2025", 5.8),
    ("2026-01", "突破9000亿元", "地区生产总值", "target", "level", "2030", 9e11),
]


@pytest.mark.parametrize(
    ("doc", "raw", "indicator", "kind", "measure", "period", "value"),
    FIGURE_CASES,
    ids=[f"{c[0]}-{c[1]}" for c in FIGURE_CASES],
)
def test_key_figures(figures, doc, raw, indicator, kind, measure, period, value):
    hits = figures.loc[(figures["doc_id"] == doc) & (figures["raw"] == raw)]
    assert len(hits) == 1, hits[["indicator", "kind", "measure", "period", "sentence"]]
    r = hits.iloc[0]
    assert (r["indicator"], r["kind"], r["measure"], r["period"]) == (
        indicator,
        kind,
        measure,
        period,
    ), r["sentence"]
    assert r["value"] == pytest.approx(value)


def test_unemployment_ceiling_in_the_plan_section_is_a_2020_target(figures):
    """城镇登记失业率控制在3.5%以内 twice in 2016: once under the 十三五 heading, once for 2016."""
    hits = figures.loc[(figures["doc_id"] == "2016-01") & (figures["raw"] == "3.5%以内")]
    assert sorted(hits["period"]) == ["2016", "2020"]
    assert set(hits["kind"]) == {"target"}
    assert set(hits["qualifier"]) == {"at_most"}


# --------------------------------------------------------------------------------------------
# the scorecard
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["十三五", "十四五", "十五五"])
def test_one_row_per_five_year_target(scorecard, plan):
    sc = scorecard(plan)
    missing = [c for c in COLUMNS if c not in sc.columns]
    assert not missing, f"scorecard lacks columns {missing}"
    assert len(sc) == (EXPECTED["plan"] == plan).sum(), sc[["indicator", "measure", "target_value"]]
    assert set(sc["region"]) == {REGION}
    assert set(sc["plan"]) == {plan}
    assert set(sc["verdict"]) <= VERDICTS
    assert set(pd.to_numeric(sc["target_year"])) == {int(PLAN_DOCS[plan][0][:4]) + 4}


@pytest.mark.parametrize("exp", EXPECTED_ROWS, ids=[_row_id(e) for e in EXPECTED_ROWS])
def test_scorecard_row(scorecard, exp):
    r = _pick(scorecard(exp["plan"]), exp)
    assert r["verdict"] == exp["verdict"], r["verdict_basis"]
    assert r["target_value"] == _approx(exp["target_value"])
    assert r["unit"] == exp["unit"]
    assert (r["target_qualifier"] if not _missing(r["target_qualifier"]) else "") == exp[
        "target_qualifier"
    ]
    if exp["base_value"]:
        assert int(r["base_year"]) == int(exp["base_year"])
        assert r["base_value"] == _approx(exp["base_value"])
    if exp["verdict"] == "no_outcome":
        assert _missing(r["outcome_value"]), r["outcome_value"]
    if exp["outcome_value"]:
        assert r["outcome_value"] == _approx(exp["outcome_value"])
        assert int(r["outcome_year"]) == int(exp["outcome_year"])


@pytest.mark.parametrize(
    "exp", [e for e in EXPECTED_ROWS if e["verdict"] != "no_outcome"], ids=_row_id
)
def test_verdict_basis_tokens(scorecard, exp):
    basis = _pick(scorecard(exp["plan"]), exp)["verdict_basis"]
    assert isinstance(basis, str) and basis
    tokens = exp["basis_tokens"].split()
    for token in tokens:
        ok = ("level", "share") if token == "level" else (token,)
        assert any(_has_word(basis, t) for t in ok), f"{token!r} not in verdict_basis {basis!r}"
    if "restated" not in tokens:  # only the 2020 GDP base was restated (4500亿元 → 4620亿元)
        assert not _has_word(basis, "restated"), f"'restated' wrongly in {basis!r}"


def _has_word(text: str, word: str) -> bool:
    """``word`` at the start of a word of ``text`` (levels has level; already has no real)."""
    return re.search(rf"(?<![A-Za-z_]){re.escape(word)}", text) is not None


@pytest.mark.parametrize("exp", EXPECTED_ROWS, ids=[_row_id(e) for e in EXPECTED_ROWS])
def test_sources_point_at_the_documents(scorecard, corpus, exp):
    """target_source in the plan's document, outcome_source in the next one, raw = the text there."""
    r = _pick(scorecard(exp["plan"]), exp)
    target_doc, outcome_doc = PLAN_DOCS[exp["plan"]]
    doc, raw = _source(corpus, r["target_source"])
    assert doc == target_doc
    assert [q.value for q in na.parse_quantities(raw)] == [_approx(exp["target_value"])], raw
    if exp["outcome_value"]:
        assert _source(corpus, r["outcome_source"])[0] == outcome_doc
    if exp["base_value"]:
        _source(corpus, r["base_source"])


def test_restated_base_is_flagged_only_where_restated(scorecard, corpus):
    """2020 GDP: 4500亿元 in the 2021 report (with the target), 4620亿元 in the 2026 report."""
    sc = scorecard("十四五")
    row = {"plan": "十四五", "indicator": "地区生产总值", "target_year": "2025"}
    for measure in ("level", "avg_growth"):
        gdp = _pick(sc, row | {"measure": measure})
        assert gdp["base_value"] == pytest.approx(4.5e11)
        assert _source(corpus, gdp["base_source"]) == ("2021-01", "4500亿元")
        assert gdp["base_restated"] == pytest.approx(4.62e11)
    urban = _pick(sc, row | {"indicator": "城镇化率", "measure": "level"})
    assert urban["base_value"] == pytest.approx(66.8)
    assert not _truthy(urban["base_restated"])


def test_stay_apart_pairs_take_their_own_outcomes(scorecard):
    """Joining 城镇居民 / 进出口 / a stock into these rows would have turned the verdicts into met."""
    sc = scorecard("十四五")
    income = _pick(
        sc,
        {
            "plan": "十四五",
            "indicator": "居民人均可支配收入",
            "measure": "level",
            "target_year": "2025",
        },
    )
    assert income["outcome_value"] == pytest.approx(5.2e4)  # not 城镇居民 6.4万元
    trade = _pick(
        sc,
        {
            "plan": "十四五",
            "indicator": "货物和服务贸易总额",
            "measure": "level",
            "target_year": "2025",
        },
    )
    # 进出口总额2300亿元 (goods only) is not its outcome, at most a figure of a different scope
    assert trade["verdict"] == "unclear"
    assert _has_word(trade["verdict_basis"], "scope"), trade["verdict_basis"]
    assert trade["concept"] != na.figures.concepts.concept_of("进出口总额")
    flow = _pick(
        sc,
        {
            "plan": "十四五",
            "indicator": "新增城镇就业",
            "measure": "cumulative",
            "target_year": "2025",
        },
    )
    assert flow["outcome_value"] == pytest.approx(3.4e5)  # not the stock 236万人
    stock = _pick(
        sc,
        {"plan": "十四五", "indicator": "城镇就业人数", "measure": "level", "target_year": "2025"},
    )
    assert stock["outcome_value"] == pytest.approx(2.36e6)  # not the flow 34万人


# --------------------------------------------------------------------------------------------
# before the period ends: later *targets* are listed, never a verdict
# --------------------------------------------------------------------------------------------


LATER_CASES = [
    # documents loaded, plan, its end year, the measure of its income target, the yearly GDP target
    (["2016_report.md"], "十三五", "2020", "avg_growth", "7.5%左右"),
    (["2016_report.md", "2021_report.md"], "十四五", "2025", "level", "7%左右"),
]


@pytest.mark.parametrize(("files", "plan", "end", "income_measure", "later_raw"), LATER_CASES)
def test_yearly_targets_are_later_targets_not_progress(
    tmp_path, files, plan, end, income_measure, later_raw
):
    for name in files:
        shutil.copy(DOCS / name, tmp_path / name)
    figs = na.extract_figures(na.load_corpus(tmp_path, region=REGION), region=REGION)
    sc = na.plan_scorecard(figs, REGION, plan=plan)
    assert len(sc) == (EXPECTED["plan"] == plan).sum()
    # no actual exists for any year of the plan yet: every verdict is no_outcome
    assert set(sc["verdict"]) == {"no_outcome"}, sc[["indicator", "verdict", "verdict_basis"]]
    row = {"plan": plan, "target_year": end}
    gdp = _pick(sc, row | {"indicator": "地区生产总值", "measure": "avg_growth"})
    assert later_raw in str(gdp["later_targets"]), gdp["later_targets"]
    # the yearly targets say nothing about income: nothing listed
    income = _pick(sc, row | {"indicator": "居民人均可支配收入", "measure": income_measure})
    assert not _truthy(income["later_targets"]), income["later_targets"]


# --------------------------------------------------------------------------------------------
# the seeds alone, and bad input
# --------------------------------------------------------------------------------------------


def test_seeds_fourteenth_plan_gdp_target_has_no_final_verdict():
    """Ningbo 2021 report: 到2025年…地区生产总值达到1.7万亿元. The seeds hold no 2025 outcome."""
    figs = na.extract_figures(na.load_corpus(), region="宁波")
    sc = na.plan_scorecard(figs, "宁波", plan="十四五")
    gdp = sc.loc[
        (sc["concept"] == na.figures.concepts.concept_of("地区生产总值"))
        & sc["measure"].isin({"level"})
        & (pd.to_numeric(sc["target_year"]) == 2025)
    ]
    assert len(gdp) == 1, sc[["indicator", "measure", "target_value"]]
    r = gdp.iloc[0]
    assert r["target_value"] == pytest.approx(1.7e12)
    assert r["unit"] == "元"
    assert r["verdict"] in {"no_outcome", "on_track", "ahead", "behind"}
    assert set(sc["verdict"]).isdisjoint({"met", "missed"})


def test_unknown_plan_is_a_parameter_error(figures):
    with pytest.raises(na.ParameterError, match="十九五"):
        na.plan_scorecard(figures, REGION, plan="十九五")
