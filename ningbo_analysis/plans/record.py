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
from collections.abc import Iterable

import pandas as pd

from ningbo_analysis.corpus.periods import DEFAULT_PLAN, PlanPeriod
from ningbo_analysis.corpus.periods import plan as plan_period
from ningbo_analysis.labels import value_label
from ningbo_analysis.numbers.format import format_value
from ningbo_analysis.plans.implied_rates import PlanYears, _bound_notes, _implied, _Target
from ningbo_analysis.plans.prepare import (
    CompareRules,
    bound_of,
    growth_basis,
    load_indicator_themes,
    load_rules,
    narrower_scope,
    prepare_figures,
    theme_of,
    theme_order,
    unit_kind,
)
from ningbo_analysis.plans.verdicts import (
    LEVEL_MEASURES,
    Evidence,
    bound_status,
    progress_ratio,
)
from ningbo_analysis.plans.verdicts import classify_status as _classify
from ningbo_analysis.schemas import RECORD, conform

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


# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------------------------


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
        q = f" {value_label('qualifier', r.qualifier)}" if r.qualifier else ""
        parts.append(f"{r.period} {r.kind} {measure}{_fmt(r.value, r.unit)}{q} [{r.doc_id}]")
    return "; ".join(dict.fromkeys(parts))


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
    return conform(table, RECORD)


# --------------------------------------------------------------------------------------------
# Output helpers for the notebook and the report
# --------------------------------------------------------------------------------------------
