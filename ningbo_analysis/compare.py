"""Stage 5 — compare: the previous plan's record against a plan's targets, per region.

``compare_plans(figures, region, plan="十四五")`` takes the figures table (``extract_figures``)
and returns one row per indicator (concept, ``concepts.concept_of``) that has a target of the plan —
an end-year level, a five-year total or an average growth rate. The columns below are those of
the default 十四五 (2015 → 2020 → 2025); for another plan the three year columns carry its years
(``columns_for("十三五")``: base_2010, actual_2015, target_2020). Whether a target was MET is the
scorecard's question (``scorecard.plan_scorecard``); this table is about the required pace.

==================  ==========================================================================
indicator           the indicator as written next to the target (e.g. 地区生产总值)
unit                base unit of ``target_2025`` (元, 美元, 人, %, …)
theme               theme id from ``data/indicator_themes.csv`` (ids of ``theme_names.csv``)
base_2015           2015 level (stated, or derived: 2020 level minus the stated 2015-2020 change)
actual_2020         2020 level (never a flow such as 新增…, never a figure of another scope)
target_2025         the target as stated: a 2025 level, a five-year total or a growth rate (%)
target_qualifier    以上, 左右, 超过, 突破 … as written
achieved_13th       stated 2016-2020 average growth (%), five-year total, or 2015→2020 change (pp)
implied_annual      what the target requires per year from the 2020 level (see ``annual_unit``)
historical_annual   the same measure for 2015→2020 when both levels (or the total) are known
later_evidence      later figures in the corpus (2021 actuals, 2021 and later targets)
status              ahead / on track / behind / insufficient evidence (rule: ``STATUS_RULE``)
sources             doc_id@start-end 「raw」 for every number used
==================  ==========================================================================

Extra columns: ``concept``, ``target_type`` (level | cumulative | avg_growth | change),
``unit_kind`` (money | amount | percent), ``level_unit`` (unit of ``base_2015`` and
``actual_2020``, e.g. 元 for a growth-rate target whose ``unit`` is %), ``annual_unit`` (%/yr, pp/yr, <unit>/yr),
``implied_basis`` / ``historical_basis`` / ``achieved_basis`` (nominal, real, pp …),
``target_vs_13th`` (five-year total against the 13th-period total), ``status_basis``,
``progress_ratio``, ``note``, ``actual_qualifier`` (the qualifier of ``actual_2020`` as written:
more_than for 超过36.5万人, "" for an exact figure) and ``base_qualifier`` (that of ``base_2015``).

A rate computed from a figure that is only a bound (超过, 以上, 以内, 不到) or approximate (左右)
says so at the end of its basis (:func:`rate_bound`): ``volume (CAGR of levels); upper bound:
2020 超过36.5万人`` — the base exceeds 36.5万人, so the pace the target requires is at most the
rate shown; ``display_table`` writes it ``≤5.89%/年 (volume; upper bound: …)``.

Growth of money, counts and physical amounts is a compound annual rate (CAGR, %); shares and
rates in % move in percentage points per year — never a CAGR of a percentage. A money target
implies a NOMINAL growth rate (current prices) while the stated growth of GDP and value added is
REAL (comparable prices): the two are labelled and never mixed in ``status``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from .concepts import concept_column
from .display import format_change, format_qualified, format_value, theme_label
from .errors import NingboAnalysisError, ParameterError
from .plans import DEFAULT_PLAN, PlanPeriod
from .plans import plan as plan_period
from .resources import read_data_csv
from .verdicts import (
    LEVEL_MEASURES,
    Evidence,
    bound_in,
    bound_status,
    cagr,
    load_verdict_rules,
    pp_per_year,
    progress_ratio,
    signed_qualifier,
)
from .verdicts import classify_status as _classify

STATUS_RULE = """\
Status rule (applied to the latest later ACTUAL in the corpus, a year inside the plan period;
the base year is the year before the plan starts, e.g. 2020 for the 14th plan 2021-2025):
1. Evidence: an actual of a later year, the latest year first. A later TARGET (e.g. a yearly
   growth target) is listed in later_evidence but is a plan, not progress: never evidence.
   Levels are compared with levels of the same unit, growth rates with growth rates of the same
   concept and basis (a yearly nominal growth with a money target's nominal CAGR, never a real
   GDP growth rate), flows with the yearly share of a five-year total.
2. Required path from the base-year level to the target: compound for money and amounts,
   straight line (pp per year) for shares and rates in %, target/5 per year for five-year totals,
   the stated rate for average-growth targets.
3. progress ratio = progress shown by the evidence / progress the path requires by that year
   (log scale for compound paths): 1 means exactly on the path.
4. ahead if ratio > 1 + t, behind if ratio < 1 - t, on track otherwise, with tolerance
   t = {tolerance:g} (a quarter of the required progress).
5. insufficient evidence when there is no base-year level, no later actual on the same basis
   (e.g. a real growth rate against a nominal money target), or the target requires no change.
6. Bounds (``target_qualifier``). A ceiling (at_most 以内/不超过, less_than 不到) is a limit, not a
   point to reach: evidence within the ceiling is on track (ahead when the base level was above
   it, i.e. a required cut already made); evidence above it is behind, unless the base level was
   above it too: then the cut is judged on the path (rules 2-4). Growth-rate and five-year-total
   ceilings: a rate (or a yearly flow, pro rata) within the ceiling is on track, above is behind.
   A floor (at_least 以上/不低于, more_than 超过/突破) on a level: evidence that already reaches it
   is ahead when the base level was below it, on track when the base level already met it (held);
   evidence below it is behind if the base level met it, else judged on the path (rules 2-4).
   A yearly growth rate is applied to the base level (first plan year only) to check a level bound.
"""

COLUMNS = [
    "indicator",
    "unit",
    "theme",
    "base_2015",
    "actual_2020",
    "target_2025",
    "target_qualifier",
    "achieved_13th",
    "implied_annual",
    "historical_annual",
    "later_evidence",
    "status",
    "sources",
    "concept",
    "target_type",
    "unit_kind",
    "level_unit",
    "annual_unit",
    "implied_basis",
    "historical_basis",
    "achieved_basis",
    "target_vs_13th",
    "status_basis",
    "progress_ratio",
    "note",
    "actual_qualifier",
    "base_qualifier",
]

REQUIRED_FIGURE_COLUMNS = [
    "doc_id",
    "region",
    "indicator",
    "kind",
    "measure",
    "period",
    "value",
    "unit",
    "raw",
    "sentence",
    "start",
    "end",
]

STATUSES = ("ahead", "on track", "behind", "insufficient evidence")
FLOAT_COLUMNS = [
    "base_2015",
    "actual_2020",
    "target_2025",
    "achieved_13th",
    "implied_annual",
    "historical_annual",
    "target_vs_13th",
    "progress_ratio",
]

_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")
_SPAN = re.compile(r"^\s*(\d{4})\s*[-–—~至到]\s*(\d{4})\s*$")


# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareRules:
    """The comparison's lexicon, read from ``data/compare_rules.csv``."""

    flow_markers: tuple[str, ...]
    real_growth_markers: tuple[str, ...]
    money_units: tuple[str, ...]
    percent_units: tuple[str, ...]
    pp_units: tuple[str, ...]
    scope_pairs: tuple[tuple[str, str, str], ...]
    tolerance: float
    ceiling_qualifiers: tuple[str, ...] = ()
    floor_qualifiers: tuple[str, ...] = ()


@cache
def load_rules() -> CompareRules:
    """Read ``data/compare_rules.csv`` (rule,value,note) into a :class:`CompareRules`."""
    df = read_data_csv("compare_rules.csv")

    def values(rule: str) -> tuple[str, ...]:
        return tuple(df.loc[df["rule"] == rule, "value"].str.strip())

    pairs = []
    for value, note in df.loc[df["rule"] == "scope_pair", ["value", "note"]].itertuples(
        index=False
    ):
        wide, sep, narrow = value.partition(">")
        if not sep or not wide or not narrow:
            raise NingboAnalysisError(
                f"compare_rules.csv: scope_pair {value!r} must look like 'wide>narrow'"
            )
        pairs.append((wide, narrow, note))
    tol = values("status_tolerance")
    try:
        tolerance = float(tol[0])
    except (IndexError, ValueError) as exc:
        raise NingboAnalysisError("compare_rules.csv: status_tolerance must be a number") from exc
    return CompareRules(
        flow_markers=tuple(sorted(values("flow_marker"), key=len, reverse=True)),
        real_growth_markers=values("real_growth_marker"),
        money_units=values("money_unit"),
        percent_units=values("percent_unit"),
        pp_units=values("pp_unit"),
        scope_pairs=tuple(pairs),
        tolerance=tolerance,
        ceiling_qualifiers=values("ceiling_qualifier"),
        floor_qualifiers=values("floor_qualifier"),
    )


@cache
def load_indicator_themes() -> pd.DataFrame:
    """Read ``data/indicator_themes.csv`` and check its theme ids against ``theme_names.csv``."""
    df = read_data_csv("indicator_themes.csv")
    known = set(read_data_csv("theme_names.csv")["theme"])
    bad = sorted(set(df["theme"]) - known)
    if bad:
        raise NingboAnalysisError(f"indicator_themes.csv: unknown theme id(s) {bad}")
    bad_match = sorted(set(df["match"]) - {"exact", "keyword"})
    if bad_match:
        raise NingboAnalysisError(
            f"indicator_themes.csv: match must be exact|keyword, got {bad_match}"
        )
    return df


def theme_of(name: str, lexicon: pd.DataFrame | None = None) -> str:
    """Theme id of an indicator name: exact match first, else the longest keyword ("" if none).

    >>> theme_of("常住人口城镇化率")
    'urban_rural'
    """
    lex = load_indicator_themes() if lexicon is None else lexicon
    name = str(name).strip()
    exact = lex[(lex["match"] == "exact") & (lex["pattern"] == name)]
    if len(exact):
        return str(exact["theme"].iloc[0])
    best, best_len = "", 0
    for theme, pattern in lex.loc[lex["match"] == "keyword", ["theme", "pattern"]].itertuples(
        index=False
    ):
        if pattern and pattern in name and len(pattern) > best_len:
            best, best_len = theme, len(pattern)
    return best


def theme_order() -> list[str]:
    """Theme ids in the order of ``theme_names.csv``."""
    return list(read_data_csv("theme_names.csv")["theme"])


# --------------------------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------------------------


def period_bounds(period: object) -> tuple[int, int] | None:
    """First and last year of a full-year period ("2020", "2016-2020"); None for partial periods.

    >>> period_bounds("2016-2020"), period_bounds("2020-01~11")
    ((2016, 2020), None)
    """
    if period is None or (isinstance(period, float) and math.isnan(period)):
        return None
    text = str(period)
    m = _YEAR.match(text)
    if m:
        return int(m.group(1)), int(m.group(1))
    m = _SPAN.match(text)
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


def unit_kind(unit: str, rules: CompareRules | None = None) -> str:
    """``money`` (元, 美元 …), ``percent`` (%), ``pp`` (个百分点) or ``amount`` (counts, tonnes …)."""
    r = load_rules() if rules is None else rules
    if unit in r.money_units:
        return "money"
    if unit in r.percent_units:
        return "percent"
    if unit in r.pp_units:
        return "pp"
    return "amount"


def growth_basis(concept: str, rules: CompareRules | None = None) -> str:
    """Basis of a *stated* growth rate: ``real`` for GDP and value added, else ``nominal``."""
    r = load_rules() if rules is None else rules
    return "real" if any(m in concept for m in r.real_growth_markers) else "nominal"


def is_flow(indicator: str, sentence: str = "", rules: CompareRules | None = None) -> bool:
    """True if the figure counts what was added in a period (新增…, 新引进…, 累计…).

    Looks at the start of the indicator and at the few characters just before it in the sentence.

    >>> is_flow("高新技术企业", "新增高新技术企业1023家")
    True
    """
    r = load_rules() if rules is None else rules
    ind = str(indicator)
    if any(ind.startswith(m) for m in r.flow_markers):
        return True
    sent = str(sentence or "")
    pos = sent.find(ind) if ind else -1
    while pos >= 0:
        before = sent[max(0, pos - 4) : pos]
        if any(before.endswith(m) for m in r.flow_markers):
            return True
        pos = sent.find(ind, pos + 1)
    return False


def classify_status(ratio: float, tolerance: float | None = None) -> str:
    """Status from a progress ratio (1 = exactly on the required path), see ``STATUS_RULE``."""
    tol = load_rules().tolerance if tolerance is None else tolerance
    return (_classify(ratio, tol) or "insufficient evidence").replace("_", " ")


def status_rule_text(tolerance: float | None = None) -> str:
    """The status rule as shown in the report."""
    tol = load_rules().tolerance if tolerance is None else tolerance
    return STATUS_RULE.format(tolerance=tol)


def _fmt(value: float, unit: str = "") -> str:
    """A figure in display units for notes and evidence (14,594.9亿元, 76%, 0.78)."""
    return format_value(value, unit) or "NA"


# --------------------------------------------------------------------------------------------
# Preparing the figures table
# --------------------------------------------------------------------------------------------


def prepare_figures(
    figures: pd.DataFrame, region: str, regions: Iterable[str] = ()
) -> pd.DataFrame:
    """Validate the figures table and return the region's full-year rows with helper columns:
    ``key`` (the concept, ``concepts.concept_of``), ``y0``/``y1`` (years of ``period``),
    ``flow`` (新增… figures) and ``report_year`` (9999 when unknown).

    A region without any figure is an error (a typo, or a region of another corpus), unless it is
    one of ``regions``: the regions of the corpus the figures were extracted from (e.g.
    ``corpus["region"]``), where a document without figures is a region with nothing to score."""
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"figures must be a pandas DataFrame, got {type(figures).__name__}")
    missing = [c for c in REQUIRED_FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise ParameterError(f"figures table lacks column(s) {missing} (see docs/conventions.md)")
    if not isinstance(region, str) or not region.strip():
        raise ParameterError(f"region must be a non-empty string, got {region!r}")
    present = sorted(set(figures["region"].dropna().astype(str)))
    known = set(read_data_csv("regions.csv")["region"])
    if region in present or region in {str(r) for r in regions}:
        pass  # a region with figures, or of the corpus: its rows (maybe none)
    elif region not in known:
        raise ParameterError(
            f"region {region!r} is neither in the figures table nor in regions.csv; "
            f"regions with figures: {present}"
        )
    else:
        raise ParameterError(
            f"unknown region {region!r}: the figures table has no figure of it; "
            f"regions with figures: {', '.join(present) or '(none: the table is empty)'}"
        )
    df = figures.loc[figures["region"].astype(str) == region].copy()
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df.loc[df["value"].notna()].copy()
    for col in ("concept", "qualifier", "report_year"):
        if col not in df.columns:
            df[col] = pd.NA
    df["indicator"] = df["indicator"].astype(str).str.strip()
    df["key"] = concept_column(df)
    for col in ("kind", "measure", "unit", "raw", "sentence", "doc_id"):
        df[col] = df[col].astype("string").fillna("").astype(str)
    df["qualifier"] = df["qualifier"].astype("string").fillna("").astype(str)
    bounds = df["period"].map(period_bounds)
    df = df.loc[bounds.notna()].copy()
    df["y0"] = bounds[bounds.notna()].map(lambda b: b[0]).astype(int)
    df["y1"] = bounds[bounds.notna()].map(lambda b: b[1]).astype(int)
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce").fillna(9999).astype(int)
    rules = load_rules()
    df["flow"] = [
        is_flow(i, s, rules) for i, s in zip(df["indicator"], df["sentence"], strict=True)
    ]
    df["start"] = pd.to_numeric(df["start"], errors="coerce").fillna(-1).astype(int)
    df["end"] = pd.to_numeric(df["end"], errors="coerce").fillna(-1).astype(int)
    return df.sort_values(["report_year", "doc_id", "start", "end"], kind="stable").reset_index(
        drop=True
    )


def _source(label: str, row: pd.Series | None) -> str:
    """``label: 002-01@1234-1245 「raw」`` for one figure row."""
    if row is None:
        return ""
    raw = str(row["raw"]).strip() or _fmt(float(row["value"]))
    return f"{label}: {row['doc_id']}@{row['start']}-{row['end']} 「{raw}」"


def _pick(rows: pd.DataFrame, prefer_doc: str | None = None) -> pd.Series | None:
    """The preferred row: same document as the target first, then earliest report, doc, offset."""
    if rows.empty:
        return None
    if prefer_doc is not None:
        same = rows[rows["doc_id"] == prefer_doc]
        if len(same):
            return same.iloc[0]
    return rows.iloc[0]


def _conflicts(rows: pd.DataFrame, chosen: pd.Series | None) -> str:
    """Note listing other values stated for the same figure, if any differ from the chosen one."""
    if chosen is None or len(rows) < 2:
        return ""
    others = rows[~rows["value"].sub(float(chosen["value"])).abs().le(1e-9 * abs(chosen["value"]))]
    if others.empty:
        return ""
    vals = ", ".join(
        f"{_fmt(v, u)} ({d})"
        for v, u, d in zip(others["value"], others["unit"], others["doc_id"], strict=True)
    )
    return f"other values stated for {chosen['period']}: {vals}"


# --------------------------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanYears:
    """The years a comparison looks at: the previous plan's base (2015), this plan's base (2020)
    and end (2025), and the number of yearly steps (5) — derived from a plan name."""

    prev_base: int
    base: int
    end: int
    n: int


def plan_years(plan: str | PlanPeriod = DEFAULT_PLAN) -> PlanYears:
    """Years of the comparison for ``plan`` (十四五 → 2015, 2020, 2025, 5)."""
    p = plan_period(plan)
    prev = p.previous()
    return PlanYears(prev.base_year if prev else p.base_year - p.years, p.base_year, p.end, p.years)


def columns_for(plan: str | PlanPeriod = DEFAULT_PLAN) -> list[str]:
    """``COLUMNS`` with the years and the previous plan of ``plan`` (十三五: base_2010,
    actual_2015, target_2020, achieved_12th, target_vs_12th)."""
    y = plan_years(plan)
    prev = plan_period(plan).number - 1
    names = {"base_2015": f"base_{y.prev_base}", "actual_2020": f"actual_{y.base}"}
    names["target_2025"] = f"target_{y.end}"
    names.update(achieved_13th=f"achieved_{prev}th", target_vs_13th=f"target_vs_{prev}th")
    return [names.get(c, c) for c in COLUMNS]


def _target_type(row: pd.Series, y: PlanYears) -> str | None:
    """level | cumulative | avg_growth | change for a target row of the plan, else None."""
    if row["kind"] != "target" or row["y1"] != y.end:
        return None
    single = row["y0"] == y.end
    span = row["y0"] == y.base + 1
    from_base = row["y0"] == y.base  # 比2020年提高… : "2020-2025"
    measure = row["measure"]
    if measure in LEVEL_MEASURES and single:
        return "level"
    if measure == "cumulative" and (span or single):
        return "cumulative"
    if measure == "avg_growth" and (span or single):
        return "avg_growth"
    if measure == "change" and (span or single or from_base):
        return "change"
    return None


def _targets(df: pd.DataFrame, y: PlanYears) -> pd.DataFrame:
    """Target rows of the plan with their ``target_type``."""
    types = df.apply(_target_type, axis=1, y=y) if len(df) else pd.Series(dtype=object)
    return df.assign(target_type=types).loc[lambda d: d["target_type"].notna()]


def _record(df: pd.DataFrame, key: str, measure: str, y: PlanYears) -> pd.DataFrame:
    """Actual rows of a concept covering the previous period (2016-2020 or 2015-2020)."""
    return df[
        (df["key"] == key)
        & (df["kind"] == "actual")
        & (df["measure"] == measure)
        & df["y0"].isin([y.prev_base, y.prev_base + 1])
        & (df["y1"] == y.base)
    ]


def _later(df: pd.DataFrame, key: str, y: PlanYears) -> pd.DataFrame:
    """Rows of a concept about a later year inside the plan (2021-2024), actuals first."""
    later = df[
        (df["key"] == key) & (df["y1"] > y.base) & (df["y1"] < y.end) & (df["measure"] != "rank")
    ]
    later = later.assign(_actual=(later["kind"] != "actual").astype(int))
    return later.sort_values(
        ["_actual", "y1", "report_year", "doc_id", "start"],
        ascending=[True, False, True, True, True],
        kind="stable",
    )


def _evidence_text(rows: pd.DataFrame) -> str:
    """``2021 actual 14,594.9亿元 [002-07]; 2021 target growth 7% [002-01]``."""
    parts = []
    for r in rows.itertuples(index=False):
        measure = "" if r.measure in LEVEL_MEASURES else f"{r.measure} "
        q = f" {value_label_of_qualifier(r.qualifier)}" if r.qualifier else ""
        parts.append(f"{r.period} {r.kind} {measure}{_fmt(r.value, r.unit)}{q} [{r.doc_id}]")
    return "; ".join(dict.fromkeys(parts))


def narrower_scope(
    df: pd.DataFrame, key: str, year: int, rules: CompareRules
) -> Iterator[tuple[pd.DataFrame, str]]:
    """Actual levels of ``year`` whose concept is a narrower scope of ``key`` (goods trade for a
    goods-and-services concept, ``scope_pair`` rules), with the rule's reason, rule by rule."""
    for wide, narrow, why in rules.scope_pairs:
        if wide not in key:
            continue
        rows = df[
            df["key"].str.contains(narrow, regex=False)
            & ~df["key"].str.contains(wide, regex=False)
            & (df["kind"] == "actual")
            & df["measure"].isin(LEVEL_MEASURES)
            & (df["y0"] == year)
            & (df["y1"] == year)
        ]
        yield rows, why


def _scope_note(df: pd.DataFrame, key: str, kind: str, rules: CompareRules, y: PlanYears) -> str:
    """Note naming figures of a different scope (e.g. goods trade for a goods-and-services target)."""
    notes = []
    seen: set[tuple[str, int]] = set()
    for rows, why in narrower_scope(df, key, y.base, rules):
        other = rows[rows["unit"].map(lambda u: unit_kind(u, rules) == kind)]
        for r in other.itertuples(index=False):
            if (r.doc_id, r.start) in seen:
                continue
            seen.add((r.doc_id, r.start))
            notes.append(
                f"different scope: {y.base} {r.key} {_fmt(r.value, r.unit)} [{r.doc_id}] "
                f"({why}); no ratio computed"
            )
    return "; ".join(dict.fromkeys(notes))


def bound_of(qualifier: str, rules: CompareRules | None = None) -> str:
    """``ceiling`` (以内, 不超过, 不到), ``floor`` (以上, 超过, 突破) or "" for a target qualifier.

    >>> bound_of("at_most"), bound_of("more_than"), bound_of("approx")
    ('ceiling', 'floor', '')
    """
    r = load_rules() if rules is None else rules
    return bound_in(qualifier, r.ceiling_qualifiers, r.floor_qualifiers)


#: The symbol ``display_table`` writes before a rate of each :func:`rate_bound` kind.
RATE_BOUND_SIGNS = {
    "lower bound": "≥",
    "upper bound": "≤",
    "approximate": "≈",
    "approximate lower bound": "≳",
    "approximate upper bound": "≲",
}


def rate_bound(start_qualifier: str, end_qualifier: str, rules: CompareRules | None = None) -> str:
    """What a rate computed from a start and an end figure is, given their qualifiers: a rate
    rises with the end and falls with the start, so an end that is a floor (以上, 超过) or a start
    that is a ceiling (以内, 不到) makes it a ``lower bound`` (the true rate is at least this); an
    end ceiling or a start floor an ``upper bound``; a 左右 figure makes it ``approximate`` (an
    ``approximate upper bound`` with a bound too); bounds pulling both ways leave it
    ``indicative only``; exact figures give "".

    >>> rate_bound("more_than", ""), rate_bound("", "at_least"), rate_bound("", "")
    ('upper bound', 'lower bound', '')
    """
    r = load_rules() if rules is None else rules
    approx = load_verdict_rules().approx_qualifiers
    sides, rough = set(), False
    for qualifier, sign in ((start_qualifier, -1), (end_qualifier, 1)):
        q = "" if pd.isna(qualifier) else str(qualifier)
        bound = bound_of(q, r)
        if bound:
            sides.add(sign if bound == "floor" else -sign)
        elif q in approx:
            rough = True
    if len(sides) > 1:
        return "indicative only"
    side = "" if not sides else ("lower bound" if 1 in sides else "upper bound")
    if rough:
        return f"approximate {side}".strip()
    return side


def _bound_clause(*figures: tuple[str, float, str, str]) -> str:
    """``upper bound: 2020 超过36.5万人`` for a rate computed from ``figures`` (label, value, unit,
    qualifier: start first, end last); "" when both are exact. A fall's qualifier is read on its
    signed value (:func:`signed_qualifier`)."""
    (_, v0, _, q0), (_, v1, _, q1) = figures
    kind = rate_bound(signed_qualifier(q0, v0), signed_qualifier(q1, v1))
    if not kind:
        return ""
    shown = [
        f"{label} {format_change(value, unit, q)}"
        for label, value, unit, q in figures
        if q and not pd.isna(q)
    ]
    return f"{kind}: {', '.join(shown)}"


def _with_clause(basis: str, clause: str) -> str:
    return f"{basis}; {clause}" if basis and clause else basis


def _bound_check(
    bound: str,
    qualifier: str,
    target_type: str,
    base_level: float,
    target: float,
    ev: pd.Series,
    y: PlanYears,
) -> tuple[str, str] | str | None:
    """Status of one evidence row against a ceiling or floor (rule 6 of ``STATUS_RULE``):
    (status, reason), ``"path"`` to judge it on the required path, None if not checkable."""
    value = float(ev["value"])
    if target_type == "avg_growth":
        if bound == "floor":
            return "path"
        level, what = value, _fmt(value, "%")
    elif target_type == "cumulative":
        if bound == "floor":
            return "path"
        span = int(ev["y1"]) - int(ev["y0"]) + 1
        target = target * span / y.n
        level, what = value, f"{_fmt(value, ev['unit'])} ({span} yr, pro rata)"
    elif ev["measure"] in LEVEL_MEASURES:
        level, what = value, _fmt(value, ev["unit"])
    elif ev["measure"] == "growth" and int(ev["y1"]) == y.base + 1 and value > -100:
        level = base_level * (1 + value / 100)
        what = f"{y.base} level × (1 + {_fmt(value, '%')})"
    else:
        must_move = base_level > target if bound == "ceiling" else base_level < target
        return "path" if must_move else None
    status, why = bound_status(
        bound, qualifier in ("less_than", "more_than"), target_type, base_level, target, level
    )
    if status == "path":
        return "path"
    return status.replace("_", " "), f"{what}: {why} ({_fmt(target, '')})"


def _comparable_evidence(
    ev: pd.Series, target_type: str, unit: str, growth_ok: bool, rules: CompareRules
) -> bool:
    """Is a later ACTUAL on the target's basis (targets are plans, never progress)?"""
    if ev["kind"] != "actual":
        return False
    if target_type in ("level", "change"):
        ok = ev["measure"] in LEVEL_MEASURES and ev["unit"] == unit and not ev["flow"]
        growth = growth_ok and ev["measure"] == "growth" and ev["unit"] in rules.percent_units
        return (ok or growth) and ev["y0"] == ev["y1"]
    if target_type == "cumulative":
        return ev["unit"] == unit and ev["measure"] in ("level", "cumulative")
    return ev["measure"] in ("growth", "avg_growth") and ev["unit"] in rules.percent_units


def _status(
    t: _Target,
    base_level: float,
    target: float,
    later: pd.DataFrame,
    rules: CompareRules,
    y: PlanYears,
) -> tuple[str, str, float, pd.Series | None]:
    """Status, its basis, the progress ratio and the evidence row used (see ``STATUS_RULE``)."""
    if t.type in ("level", "change") and math.isnan(base_level):
        return "insufficient evidence", f"no {y.base} level", math.nan, None
    bound = bound_of(t.qualifier, rules)
    for _, ev in later.iterrows():
        if ev["y0"] < y.base + 1 or not _comparable_evidence(
            ev, t.type, t.unit, t.growth_ok, rules
        ):
            continue
        e = Evidence(str(ev["measure"]), float(ev["value"]), int(ev["y0"]), int(ev["y1"]))
        ratio, why = progress_ratio(t.type, t.kind == "percent", base_level, target, e, y.base, y.n)
        if bound:
            check = _bound_check(bound, t.qualifier, t.type, base_level, target, ev, y)
            if check is None:
                continue
            if check != "path":
                status, why = check
                must_move = (base_level > target) if bound == "ceiling" else (base_level < target)
                shown = round(ratio, 4) if must_move and not math.isnan(ratio) else math.nan
                return status, f"{ev['period']} {ev['kind']} ({why})", shown, ev
        status = _classify(ratio, rules.tolerance)
        if status:
            return (
                status.replace("_", " "),
                f"{ev['period']} {ev['kind']} ({why})",
                round(ratio, 4),
                ev,
            )
    why = "no later actual on the same basis" if len(later) else "no later evidence"
    return "insufficient evidence", why, math.nan, None


@dataclass
class _Target:
    """One target while its comparison row is built (mutable: notes and sources accumulate)."""

    row: pd.Series
    type: str
    key: str
    unit: str
    kind: str
    qualifier: str
    flow: bool
    growth_ok: bool = False
    base_qualifier: str = ""  # of the base-year level (actual_2020)
    prev_qualifier: str = ""  # of the previous plan's base (base_2015)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def _base_rows(df: pd.DataFrame, t: _Target, year: int) -> pd.DataFrame:
    return df[
        (df["key"] == t.key)
        & (df["kind"] == "actual")
        & df["measure"].isin(LEVEL_MEASURES)
        & (df["y0"] == year)
        & (df["y1"] == year)
    ]


def _levels(
    df: pd.DataFrame, t: _Target, y: PlanYears, rules: CompareRules
) -> tuple[float, float, str]:
    """Base-year level (2020) and the previous plan's base (2015), in the unit of the levels."""
    level_unit = t.unit
    if t.type == "change" and t.unit in rules.pp_units:
        level_unit = rules.percent_units[0]
    rows = _base_rows(df, t, y.base)
    if t.type != "avg_growth":
        wrong_unit = rows[rows["unit"] != level_unit]
        rows = rows[rows["unit"] == level_unit]
        if len(wrong_unit) and rows.empty:
            t.notes.append(f"{y.base} figure in another unit ({wrong_unit['unit'].iloc[0]})")
    flows, stocks = rows[rows["flow"]], rows[~rows["flow"]]
    if len(flows) and not t.flow:
        f = flows.iloc[0]
        t.notes.append(
            f"{y.base} figure {_fmt(f['value'], f['unit'])} [{f['doc_id']}] is a flow "
            "(新增…): not a base for the stock target"
        )
    base_rows = flows if t.flow else stocks
    chosen = _pick(base_rows, t.row["doc_id"])
    base_level = prev_level = math.nan
    if chosen is not None:
        base_level, level_unit = float(chosen["value"]), chosen["unit"]
        t.base_qualifier = str(chosen["qualifier"])
        t.sources.append(_source(f"actual_{y.base}", chosen))
        t.notes.append(_conflicts(base_rows, chosen))
        if t.type == "avg_growth":
            t.kind = unit_kind(level_unit, rules)
    old = _base_rows(df, t, y.prev_base)
    old = old[(old["unit"] == level_unit) & (old["flow"] == t.flow)]
    b = _pick(old, t.row["doc_id"])
    if b is not None and (t.type != "avg_growth" or chosen is not None):
        prev_level = float(b["value"])
        t.prev_qualifier = str(b["qualifier"])
        t.sources.append(_source(f"base_{y.prev_base}", b))
    return base_level, prev_level, level_unit


def _missing_base_notes(df: pd.DataFrame, t: _Target, y: PlanYears, rules: CompareRules) -> None:
    """Why there is no base level: a different scope, or only a flow of the same thing."""
    scope = _scope_note(df, t.key, t.kind, rules, y)
    t.notes.append(scope or f"no {y.base} level in the corpus")
    if t.flow:
        return
    flow_keys = {m + t.key for m in rules.flow_markers}
    flows = df[df["key"].isin(flow_keys) & (df["kind"] == "actual")]
    for f in flows[(flows["y0"] == y.base) & (flows["y1"] == y.base)].itertuples(index=False):
        t.notes.append(
            f"{y.base} flow {f.key} {_fmt(f.value, f.unit)} [{f.doc_id}] "
            "is not a base for the stock target"
        )


def _achieved_record(
    df: pd.DataFrame,
    t: _Target,
    ttype: str,
    base_level: float,
    prev_level: float,
    y: PlanYears,
    rules: CompareRules,
) -> tuple[float, str, float]:
    """What the previous period achieved (stated avg growth, pp change or total) and its basis;
    also returns the 2015 base, derived from a stated pp change when not stated itself."""
    if ttype == "avg_growth" or (ttype == "level" and t.kind in ("money", "amount")):
        g = _pick(_record(df, t.key, "avg_growth", y), t.row["doc_id"])
        if g is None:
            return math.nan, "", prev_level
        t.sources.append(_source("achieved_13th", g))
        return (
            float(g["value"]),
            f"{growth_basis(t.key, rules)} (stated avg growth, %/yr)",
            prev_level,
        )
    if ttype == "level" and t.kind == "percent":
        ch = _record(df, t.key, "change", y)
        c = _pick(ch[ch["unit"].isin(rules.pp_units)], t.row["doc_id"])
        if c is not None:
            t.sources.append(_source("achieved_13th", c))
            if math.isnan(prev_level) and not math.isnan(base_level):
                t.notes.append(f"base_{y.prev_base} derived: {y.base} level minus stated change")
                prev_level = round(base_level - float(c["value"]), 10)
            return float(c["value"]), f"pp change {y.prev_base}-{y.base} (stated)", prev_level
        if not math.isnan(prev_level) and not math.isnan(base_level):
            return (
                round(base_level - prev_level, 10),
                f"pp change {y.prev_base}-{y.base} (from levels)",
                prev_level,
            )
        return math.nan, "", prev_level
    if ttype == "cumulative":
        return (*_achieved_total(df, t, y, rules), prev_level)
    return math.nan, "", prev_level


def _achieved_total(
    df: pd.DataFrame, t: _Target, y: PlanYears, rules: CompareRules
) -> tuple[float, str]:
    """The previous period's stated five-year total, and the base year's yearly flow as a note."""
    cum = _record(df, t.key, "cumulative", y)
    c = _pick(cum[cum["unit"] == t.unit], t.row["doc_id"])
    achieved, basis = math.nan, ""
    if c is not None:
        achieved, basis = float(c["value"]), f"five-year total {int(c['y0'])}-{y.base} (stated)"
        t.sources.append(_source("achieved_13th", c))
    else:
        t.notes.append(_scope_note(df, t.key, unit_kind(t.unit, rules), rules, y))
    flows = df[
        (df["key"] == t.key)
        & (df["kind"] == "actual")
        & df["measure"].isin(("level", "cumulative"))
        & (df["y0"] == y.base)
        & (df["y1"] == y.base)
        & (df["unit"] == t.unit)
    ]
    flow = _pick(flows, t.row["doc_id"])
    if flow is not None:
        target = float(t.row["value"])
        t.notes.append(
            f"{y.base} yearly flow {_fmt(float(flow['value']), t.unit)} [{flow['doc_id']}] "
            f"vs {_fmt(target / y.n, t.unit)} a year required"
        )
        t.sources.append(_source(f"flow_{y.base}", flow))
    return achieved, basis


def _implied(
    out: dict,
    t: _Target,
    ttype: str,
    target: float,
    base_level: float,
    prev_level: float,
    y: PlanYears,
) -> None:
    """Implied and historical yearly change with their bases (into ``out``)."""
    achieved, ach_basis = out["achieved_13th"], out["achieved_basis"]
    known_b = not math.isnan(prev_level)
    if ttype == "level" and t.kind == "percent":
        out.update(
            implied_annual=pp_per_year(base_level, target, y.n),
            historical_annual=pp_per_year(prev_level, base_level, y.n),
            annual_unit="pp/yr",
            implied_basis="pp (straight line)",
            historical_basis="pp" if known_b else "",
        )
    elif ttype == "level":
        money = t.kind == "money"
        word = "nominal" if money else "volume"
        out.update(
            implied_annual=cagr(base_level, target, y.n),
            historical_annual=cagr(prev_level, base_level, y.n),
            annual_unit="%/yr",
            implied_basis=f"{word} (CAGR of current-price levels)"
            if money
            else "volume (CAGR of levels)",
            historical_basis=f"{word} (CAGR of levels)" if known_b else "",
        )
        if money and ach_basis.startswith("real"):
            t.notes.append(
                "implied growth is nominal (current prices); the stated growth of the previous plan "
                "growth is real (comparable prices): not directly comparable"
            )
    elif ttype == "cumulative":
        out.update(
            implied_annual=target / y.n,
            annual_unit=f"{t.unit}/yr",
            implied_basis="yearly average of the five-year total",
        )
        if not math.isnan(achieved):
            out["historical_annual"] = achieved / y.n
            out["historical_basis"] = "yearly average of the previous plan's total"
            out["target_vs_13th"] = round(target / achieved, 6) if achieved else math.nan
    elif ttype == "avg_growth":
        out.update(
            implied_annual=target,
            annual_unit="%/yr",
            implied_basis=f"{growth_basis(t.key, load_rules())} (stated target rate)",
        )
        if known_b and not math.isnan(base_level):
            out["historical_annual"] = cagr(prev_level, base_level, y.n)
            out["historical_basis"] = "nominal (CAGR of levels)" if t.kind == "money" else "volume"


def _bound_notes(
    out: dict,
    t: _Target,
    ttype: str,
    target: float,
    base_level: float,
    prev_level: float,
    y: PlanYears,
) -> None:
    """Say in ``implied_basis`` / ``historical_basis`` when a rate comes from a bound or a 左右
    figure (:func:`rate_bound`): the base level, the target, the previous plan's base."""
    unit = out["level_unit"] or t.unit
    base = (str(y.base), base_level, unit, t.base_qualifier)
    end = (f"{y.end} target", target, t.unit, t.qualifier)
    if ttype == "level":
        out["implied_basis"] = _with_clause(out["implied_basis"], _bound_clause(base, end))
    elif ttype in ("cumulative", "avg_growth"):  # a yearly average of the total, a stated rate:
        exact = ("", math.nan, "", "")  # only the target can be a bound
        rate_unit = "%" if ttype == "avg_growth" else t.unit
        end = (f"{y.end} target", target, rate_unit, t.qualifier)
        out["implied_basis"] = _with_clause(out["implied_basis"], _bound_clause(exact, end))
    if ttype != "cumulative" and not math.isnan(out["historical_annual"]):
        prev = (str(y.prev_base), prev_level, unit, t.prev_qualifier)
        out["historical_basis"] = _with_clause(out["historical_basis"], _bound_clause(prev, base))


def _new_target(trow: pd.Series, ttype: str, rules: CompareRules) -> _Target:
    kind = unit_kind(trow["unit"], rules)
    return _Target(
        row=trow,
        type=ttype,
        key=trow["key"],
        unit=trow["unit"],
        kind="percent" if kind == "pp" else kind,
        qualifier=trow["qualifier"],
        flow=bool(trow["flow"]),
    )


def _compare_one(
    df: pd.DataFrame,
    trow: pd.Series,
    ttype: str,
    rules: CompareRules,
    lex: pd.DataFrame,
    y: PlanYears,
) -> dict:
    """Build the comparison row of one target of the plan."""
    t = _new_target(trow, ttype, rules)
    t.sources.append(_source("target_2025", trow))
    target = float(trow["value"])
    high = pd.to_numeric(pd.Series([trow.get("value_high")]), errors="coerce").iloc[0]
    if not pd.isna(high):
        t.notes.append(
            f"target is a range {_fmt(target, t.unit)}–{_fmt(high, t.unit)}: the lower end is used"
        )
    out = {c: math.nan for c in COLUMNS}
    out.update(indicator=trow["indicator"], unit=t.unit, target_2025=target, concept=t.key)
    out.update(theme=theme_of(t.key, lex) or theme_of(trow["indicator"], lex))
    out.update(target_qualifier=t.qualifier, target_type=ttype, unit_kind=unit_kind(t.unit, rules))
    base_level = prev_level = math.nan
    level_unit = t.unit
    if ttype in ("level", "change", "avg_growth"):
        base_level, prev_level, level_unit = _levels(df, t, y, rules)
    eff = ttype
    if ttype == "change" and not math.isnan(base_level):
        target = base_level + float(trow["value"])
        t.notes.append(f"target stated as a change of {_fmt(float(trow['value']), t.unit)}")
        out.update(target_2025=target, unit=level_unit)
        t.unit, eff = level_unit, "level"
    if ttype in ("level", "change") and math.isnan(base_level):
        _missing_base_notes(df, t, y, rules)
    achieved, ach_basis, prev_level = _achieved_record(df, t, eff, base_level, prev_level, y, rules)
    has_level = ttype in ("level", "change") or not math.isnan(base_level)
    out.update(
        base_2015=prev_level, actual_2020=base_level, level_unit=level_unit if has_level else ""
    )
    out.update(achieved_13th=achieved, achieved_basis=ach_basis)
    _implied(out, t, eff, target, base_level, prev_level, y)
    _bound_notes(out, t, eff, target, base_level, prev_level, y)
    out["actual_qualifier"] = t.base_qualifier if not math.isnan(base_level) else ""
    out["base_qualifier"] = t.prev_qualifier if not math.isnan(prev_level) else ""
    later = _later(df, t.key, y)
    out["later_evidence"] = _evidence_text(later)
    t.growth_ok = t.kind == "amount" or (
        t.kind == "money" and growth_basis(t.key, rules) == "nominal"
    )
    t.type = eff
    status, basis, ratio, ev = _status(t, base_level, target, later, rules, y)
    out.update(status=status, status_basis=basis, progress_ratio=ratio)
    if ev is not None:
        t.sources.append(_source("status_evidence", ev))
    elif len(later):
        t.notes.append("later evidence not on the target's basis (a target is not evidence)")
    out["sources"] = "; ".join(s for s in t.sources if s)
    out["note"] = "; ".join(dict.fromkeys(n for n in t.notes if n))
    return out


def _pick_target(df: pd.DataFrame, key: str, group: pd.DataFrame, y: PlanYears) -> pd.Series:
    """The target statement of a concept: in the unit of its base-year level when units differ."""
    if group["unit"].nunique() > 1:
        base_units = set(
            df.loc[
                (df["key"] == key)
                & (df["kind"] == "actual")
                & (df["y1"] == y.base)
                & (df["y0"] >= y.prev_base),
                "unit",
            ]
        )
        same = group[group["unit"].isin(base_units)]
        if len(same):
            return same.iloc[0]
    return group.iloc[0]


def _other_targets_note(group: pd.DataFrame, trow: pd.Series) -> str:
    """Notes on targets of the same concept in another unit or with another value."""
    notes = []
    odd = group[group["unit"] != trow["unit"]]
    if len(odd):
        vals = ", ".join(
            f"{_fmt(v, u)} ({d})"
            for v, u, d in zip(odd["value"], odd["unit"], odd["doc_id"], strict=True)
        )
        notes.append(f"targets in another unit ignored: {vals}")
    same = group[group["unit"] == trow["unit"]]
    other = same[same["value"] != trow["value"]]
    if len(other):
        vals = ", ".join(
            f"{_fmt(v, trow['unit'])} ({d})"
            for v, d in zip(other["value"], other["doc_id"], strict=True)
        )
        notes.append(f"other targets stated: {vals}")
    return "; ".join(notes)


def compare_plans(
    figures: pd.DataFrame,
    region: str,
    plan: str | PlanPeriod = DEFAULT_PLAN,
    *,
    regions: Iterable[str] = (),
) -> pd.DataFrame:
    """Line up the previous plan's record with the targets of ``plan`` (default 十四五) of a region.

    One row per concept and target type (end-year level, five-year total or average growth),
    sorted by theme (order of ``theme_names.csv``) then indicator; columns ``COLUMNS`` for 十四五,
    ``columns_for(plan)`` (years renamed: base_2010, actual_2015, target_2020) for another plan.
    ``regions``: as in :func:`prepare_figures` (a corpus region without figures gives no rows).

    >>> # compare_plans(extract_figures(load_corpus()), "宁波")  # 地区生产总值: implied 6.50 %/yr
    """
    y = plan_years(plan)
    df = prepare_figures(figures, region, regions)
    rules, lex = load_rules(), load_indicator_themes()
    rows = []
    for (key, _), group in _targets(df, y).groupby(["key", "target_type"], sort=True):
        trow = _pick_target(df, key, group, y)
        out = _compare_one(df, trow, str(group["target_type"].iloc[0]), rules, lex, y)
        extra = _other_targets_note(group, trow)
        out["note"] = "; ".join(x for x in (out["note"], extra) if x)
        rows.append(out)
    return _comparison_frame(rows).rename(
        columns=dict(zip(COLUMNS, columns_for(plan), strict=True))
    )


def _comparison_frame(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = {t: i for i, t in enumerate(theme_order())}
    if len(table):
        table = (
            table.assign(_o=table["theme"].map(lambda t: order.get(t, len(order))))
            .sort_values(["_o", "indicator", "target_type"], kind="stable")
            .drop(columns="_o")
            .reset_index(drop=True)
        )
    for c in FLOAT_COLUMNS:
        table[c] = table[c].astype(float)
    for c in [c for c in COLUMNS if c not in FLOAT_COLUMNS]:
        table[c] = table[c].astype(object).where(table[c].notna(), "").astype(str)
    return table


# --------------------------------------------------------------------------------------------
# Output helpers for the notebook and the report
# --------------------------------------------------------------------------------------------


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write the comparison as UTF-8 CSV (stable bytes): the columns of its plan, values in base
    units as plain decimals with a ``_display`` column after each level and target."""
    std, y = _standard(table)
    missing = [c for c in COLUMNS if c not in std.columns]
    if missing:
        raise ParameterError(f"comparison table lacks column(s) {missing}")
    p = Path(path)
    if not p.parent.exists():
        raise ParameterError(f"output folder does not exist: {p.parent}")
    from .tables import write_table

    base, actual, target = f"base_{y.prev_base}", f"actual_{y.base}", f"target_{y.end}"
    values = {base: "level_unit", actual: "level_unit", target: "unit"}
    return write_table(table, p, list(table.columns), values=values)


def _standard(table: pd.DataFrame) -> tuple[pd.DataFrame, PlanYears]:
    """The table with the default year columns (base_2015 …) and the years it is about; a
    ParameterError naming the missing columns for anything but a :func:`compare_plans` table."""
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(
            f"not a compare_plans table: expected a pandas DataFrame, got {type(table).__name__}"
        )
    found = {}
    for col in table.columns:
        m = re.fullmatch(r"(base|actual|target)_(\d{4})", str(col))
        if m:
            found[m.group(1)] = (col, int(m.group(2)))
    if set(found) != {"base", "actual", "target"}:
        lacking = [f"{k}_<year>" for k in ("base", "actual", "target") if k not in found]
        raise ParameterError(
            f"not a compare_plans table: lacks column(s) {', '.join(lacking)} "
            "(base_/actual_/target_<year>)"
        )
    names = {"base": "base_2015", "actual": "actual_2020", "target": "target_2025"}
    renames = {col: names[k] for k, (col, _) in found.items()}
    for col in table.columns:  # achieved_12th → achieved_13th (the default's names)
        m = re.fullmatch(r"(achieved|target_vs)_\d+th", str(col))
        if m:
            renames[col] = f"{m.group(1)}_13th"
    table = table.rename(columns=renames)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ParameterError(f"not a compare_plans table: lacks column(s) {', '.join(missing)}")
    start, base, end = (found[k][1] for k in ("base", "actual", "target"))
    return table, PlanYears(start, base, end, end - base)


def trajectory_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Long frame for the 2015 → 2020 → 2025 chart on comparable scales.

    Levels of money and amounts are indexed (2020 = 100); shares and rates in % are shown as pp
    relative to 2020. Columns: indicator, theme, scale, year, value, point (actual | target).
    """
    table, y = _standard(table)
    rows = []
    for r in table.itertuples(index=False):
        if r.target_type not in ("level", "change") or math.isnan(r.actual_2020):
            continue
        pct = r.unit_kind in ("percent", "pp") or r.annual_unit == "pp/yr"
        if not pct and r.actual_2020 <= 0:
            continue
        scale = _pp_scale(y.base) if pct else _index_scale(y.base)

        def tr(v: float, pct: bool = pct, a: float = r.actual_2020) -> float:
            return v - a if pct else v / a * 100.0

        for year, v, point in (
            (y.prev_base, r.base_2015, "actual"),
            (y.base, r.actual_2020, "actual"),
            (y.end, r.target_2025, "target"),
        ):
            if not math.isnan(v):
                rows.append(
                    {
                        "indicator": r.indicator,
                        "theme": r.theme or "unclassified",
                        "scale": scale,
                        "year": year,
                        "value": round(tr(v), 10),
                        "point": point,
                    }
                )
    return pd.DataFrame(rows, columns=["indicator", "theme", "scale", "year", "value", "point"])


THIS_PLAN, PREVIOUS_PLAN = "本规划 this plan", "上一规划 previous plan"
_RATE_AXIS = {"%/yr": "%/年", "pp/yr": "个百分点/年"}


def _index_scale(base: int) -> str:
    return f"指数 index ({base} = 100)"


def _pp_scale(base: int) -> str:
    return f"较{base}年 个百分点 (pp vs {base})"


GROWTH_COLUMNS = ["indicator", "theme", "annual_unit", "role", "basis", "series", "value", "bound"]


def _basis_word(basis: str, annual_unit: str) -> str:
    """``nominal`` / ``real`` / ``volume`` / ``pp`` from a basis text such as ``real (stated …)``."""
    if annual_unit == "pp/yr":
        return "pp"
    return basis.split(" (")[0].strip() or "unknown basis"


def growth_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Long frame of implied vs historical yearly change (rows with a rate or pp/yr).

    Each value says its basis (nominal, real, volume, pp) in ``basis`` and in its ``series`` label,
    e.g. ``implied 2020→2025 (nominal)`` next to ``stated 2016-2020 average (real)`` for GDP;
    ``role`` is ``this plan`` (implied or target rate) or ``previous plan`` (record); ``bound``
    the :func:`rate_bound` kind of a rate computed from a bound ("" for exact figures).
    """
    table, y = _standard(table)
    rows = []
    for r in table.itertuples(index=False):
        if r.annual_unit not in ("%/yr", "pp/yr"):
            continue
        if r.target_type == "avg_growth":
            imp_label = f"target {y.base + 1}-{y.end} average"
        else:
            imp_label = f"implied {y.base}→{y.end}"
        hist, hist_label = r.historical_annual, f"historical {y.prev_base}→{y.base}"
        hist_basis = r.historical_basis
        if math.isnan(hist) and r.annual_unit == "%/yr" and not math.isnan(r.achieved_13th):
            hist, hist_label = r.achieved_13th, f"stated {y.prev_base + 1}-{y.base} average"
            hist_basis = r.achieved_basis
        for role, label, v, basis in (
            (THIS_PLAN, imp_label, r.implied_annual, r.implied_basis),
            (PREVIOUS_PLAN, hist_label, hist, hist_basis),
        ):
            if not math.isnan(v):
                word = _basis_word(basis, r.annual_unit)
                rows.append(
                    {
                        "indicator": r.indicator,
                        "theme": r.theme or "unclassified",
                        "annual_unit": r.annual_unit,
                        "role": role,
                        "basis": word,
                        "series": f"{label} ({word})",
                        "value": v,
                        "bound": basis.partition("; ")[2].split(":")[0],
                    }
                )
    return pd.DataFrame(rows, columns=GROWTH_COLUMNS)


def growth_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Bar-group label per indicator: ``name (theme)``, plus ``— nominal vs real`` when the bases differ.

    >>> # growth_labels(growth_frame(table))["地区生产总值"] == "地区生产总值 (经济发展) — nominal vs real"
    """
    labels = {}
    for name, g in frame.groupby("indicator", sort=False):
        bases = list(dict.fromkeys(g.sort_values("role", ascending=False)["basis"]))
        text = f"{name} ({theme_label(g['theme'].iloc[0])})"
        if len(bases) > 1:
            text += " — " + " vs ".join(bases)
        labels[name] = text
    return labels


def plot_trajectories(table: pd.DataFrame):
    """Seaborn small multiples: 2015 → 2020 → 2025 per indicator on comparable scales.

    Left panel: money and amounts as an index (2020 = 100); right panel: shares and rates in % as
    pp relative to 2020. Solid line = record, dashed = path to the 2025 target (× marker).
    Returns the matplotlib Figure (None when no indicator has a 2020 level).
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = trajectory_frame(table)
    if data.empty:
        return None
    _, y = _standard(table)
    scales = [s for s in (_index_scale(y.base), _pp_scale(y.base)) if s in set(data["scale"])]
    names = list(dict.fromkeys(data["indicator"]))
    colors = dict(zip(names, sns.color_palette("tab10", len(names)), strict=True))
    fig, axes = plt.subplots(1, len(scales), figsize=(6.0 * len(scales), 4.5), squeeze=False)
    for ax, scale in zip(axes[0], scales, strict=True):
        sub = data[data["scale"] == scale]
        for name, g in sub.groupby("indicator", sort=False):
            g = g.sort_values("year")
            rec, tgt = g[g["point"] == "actual"], g[g["year"] >= y.base]
            ax.plot(rec["year"], rec["value"], "-o", color=colors[name], label=name)
            ax.plot(tgt["year"], tgt["value"], "--", color=colors[name])
            end = g[g["point"] == "target"]
            ax.plot(end["year"], end["value"], "X", color=colors[name], markersize=9)
        ax.axhline(100.0 if scale == _index_scale(y.base) else 0.0, color="grey", lw=0.8)
        ax.set_xticks([y.prev_base, y.base, y.end])
        ax.set_title(scale)
        ax.set_xlabel("年份 year")
        ax.legend(fontsize="small", frameon=False)
    sns.despine(fig)
    fig.tight_layout()
    return fig


def plot_growth_comparison(table: pd.DataFrame):
    """Bars: this plan's (implied or target) vs the previous plan's yearly change; %/yr, pp/yr apart.

    Every bar is labelled with its value and basis as the table writes it (``6.5%/年 (nominal)``,
    ``0.09个百分点/年 (pp)``: :func:`display_table`'s rates), and an indicator
    whose two bars are on different bases says so in its label (``— nominal vs real``): a real
    stated rate is never set against a nominal CAGR silently. Returns the Figure (None if empty).
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = growth_frame(table)
    if data.empty:
        return None
    labels = growth_labels(data)
    units = [u for u in ("%/yr", "pp/yr") if u in set(data["annual_unit"])]
    sizes = [data.loc[data["annual_unit"] == u, "indicator"].nunique() for u in units]
    fig, axes = plt.subplots(
        len(units),
        1,
        figsize=(9.0, 1.0 + 0.7 * sum(sizes) + 0.8 * len(units)),
        gridspec_kw={"height_ratios": sizes},
        squeeze=False,
    )
    roles = [THIS_PLAN, PREVIOUS_PLAN]
    colors = dict(zip(roles, sns.color_palette("tab10", 2), strict=True))
    height = 0.38
    for ax, unit in zip(axes[:, 0], units, strict=True):
        sub = data[data["annual_unit"] == unit].sort_values(["theme", "indicator"], kind="stable")
        names = list(dict.fromkeys(sub["indicator"]))
        for j, role in enumerate(roles):
            part = sub[sub["role"] == role]
            ys = [names.index(n) + (j - 0.5) * height for n in part["indicator"]]
            ax.barh(ys, part["value"], height=height, color=colors[role], label=role)
            for y, v, basis, bound in zip(
                ys, part["value"], part["basis"], part["bound"], strict=True
            ):
                sign = RATE_BOUND_SIGNS.get(bound, "")  # as in the table: ≥7.2%/年 (nominal)
                ax.annotate(
                    f" {sign}{_rate(v, unit, basis)} ",
                    (v, y),
                    va="center",
                    ha="left" if v >= 0 else "right",
                    fontsize="small",
                )
        ax.set_yticks(range(len(names)), [labels[n] for n in names])
        ax.invert_yaxis()
        ax.axvline(0.0, color="grey", lw=0.8)
        ax.margins(x=0.25)
        ax.set_xlabel(_RATE_AXIS[unit])
    sns.despine(fig)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    handles: dict = {}
    for ax in axes[:, 0]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    fig.legend(list(handles.values()), list(handles), loc="upper center", ncol=2, frameon=False)
    return fig


def human_value(value: float, unit: str) -> str:
    """A readable figure in display units (``display.format_value``): ``1.24087e12, "元"`` →
    ``"12,408.7亿元"``.

    >>> human_value(250000.0, "人"), human_value(2.85, "%")
    ('25万人', '2.85%')
    """
    return format_value(value, unit)


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison for reading (report 03): values in display units (12,408.7亿元, 6.5%/年,
    0.78个百分点/年) with their basis, Chinese headers (English column names as tooltips).

    Levels (base years) are shown in ``level_unit`` (元 even when the target is a rate in %).
    """
    from .display import display_frame, value_label

    t, y = _standard(table)
    levels = t["level_unit"]
    frame = pd.DataFrame(
        {
            "theme": t["theme"],
            "indicator": t["indicator"],
            "target_type": [value_label("measure", v) for v in t["target_type"]],
            f"{y.prev_base}": [
                format_qualified(v, u, q)
                for v, u, q in zip(
                    t["base_2015"], levels, _qualifiers(t, "base_qualifier"), strict=True
                )
            ],
            f"{y.base}": [
                format_qualified(v, u, q)
                for v, u, q in zip(t["actual_2020"], levels, _qualifiers(t), strict=True)
            ],
            f"{y.end} target": [
                _target_text(v, u, k, q)
                for v, u, k, q in zip(
                    t["target_2025"],
                    t["unit"],
                    t["target_type"],
                    t["target_qualifier"],
                    strict=True,
                )
            ],
            "achieved": list(map(_achieved, t["achieved_13th"], t["unit"], t["achieved_basis"])),
            "implied / yr": list(
                map(_rate, t["implied_annual"], t["annual_unit"], t["implied_basis"])
            ),
            "historical / yr": list(
                map(_rate, t["historical_annual"], t["annual_unit"], t["historical_basis"])
            ),
            "later_evidence": t["later_evidence"],
            "status": t["status"],
            "note": t["note"],
        }
    )
    labels = {
        f"{y.prev_base}": f"{y.prev_base}年",
        f"{y.base}": f"{y.base}年",
        f"{y.end} target": f"{y.end}年目标",
        "target_type": "目标类型",
        "achieved": "上一规划期实绩",
        "implied / yr": "目标隐含年均",
        "historical / yr": "上期年均",
        "later_evidence": "后续数据（目标不作证据）",
        "status": "进度",
        "note": "说明",
    }
    return display_frame(frame, labels=labels, coded=("theme", "status"))


def _qualifiers(table: pd.DataFrame, column: str = "actual_qualifier") -> list[str]:
    """``column`` (a qualifier column) of each row ("" for a table written before it existed)."""
    if column not in table.columns:
        return [""] * len(table)
    return ["" if pd.isna(q) else str(q) for q in table[column]]


def _target_text(value: float, unit: str, target_type: str, qualifier: str) -> str:
    """A target as the plan writes it, qualifier included: ``超过6,000亿元``, ``6%左右``,
    ``下降3%以上``."""
    return format_change(value, "%" if target_type == "avg_growth" else unit, qualifier)


def value_label_of_qualifier(qualifier: str) -> str:
    """以上 / 超过 / 以内 / 不到 / 左右 for a qualifier code ("" for none)."""
    from .display import value_label

    return value_label("qualifier", qualifier) if qualifier else ""


def _rate(value: float, annual_unit: str, basis: str) -> str:
    """``6.5%/年 (nominal)``, ``0.78个百分点/年 (pp)`` or ``26亿美元/年``; a rate from a bound
    (:func:`rate_bound`) with its sign and why: ``≤5.89%/年 (volume; upper bound: 2020 超过36.5万人)``."""
    from .display import format_rate

    if value is None or math.isnan(value):
        return ""
    if annual_unit in ("%/yr", "pp/yr"):
        text = format_rate(round(value, 3 if annual_unit == "pp/yr" else 2), annual_unit)
    else:
        text = format_rate(value, annual_unit.removesuffix("/yr"), per_year=True)
    head, sep, clause = basis.partition("; ")
    short = head.split(" (")[0]
    kind = clause.split(":")[0] if sep else ""
    text = RATE_BOUND_SIGNS.get(kind, "") + text
    inside = "; ".join(x for x in (short, clause) if x)
    return f"{text} ({inside})" if inside else text


def _achieved(value: float, unit: str, basis: str) -> str:
    """``6.4% real (stated avg growth, %/yr)``, ``0.44个百分点 pp change …``, ``119亿美元 …``."""
    if value is None or math.isnan(value):
        return ""
    if basis.startswith(("real", "nominal")):
        unit = "%"
    elif basis.startswith("pp"):
        unit = load_rules().pp_units[0]
    return f"{human_value(value, unit)} {basis}".strip()
