"""Plan scorecard: every quantitative target of a five-year plan for its end year, against its outcome.

A target for each year of the plan (每年布局实施100个以上攻关项目, 城镇新增就业平均每年不少于4万人)
is a level row over the plan's span, judged per year: on the review's yearly statement or its
five-year total divided by five (``outcomes._outcome_yearly``), never on one year's amount.

``plan_scorecard(figures, region, plan="十四五")`` takes the figures table (``extract_figures``)
and returns one row per target of that plan for that region (a target = a concept, flow or
stock, and the kind of target: end-year level, average growth, five-year total, change):

===================  ========================================================================
region, plan         as given (plan name 十三五 / 十四五 …)
indicator            the target's indicator as written (canonical wording of the alias table)
concept              the join key across documents (``concepts.concept_of``): 城市化率 = 城镇化率
theme                theme id (``data/indicator_themes.csv``)
measure              level | avg_growth | growth | cumulative | change (what the target fixes;
                     growth: a yearly rate to hold through the plan, 涨幅控制在3%以内)
unit                 base unit of ``target_value`` (元, 美元, 人, %, 个百分点 …)
target_year          the plan's end year (2025)
period               the plan's years (2021-2025)
target_value         the target, in base units; ``target_qualifier`` at_least, more_than, at_most,
                     less_than, approx or "" as written (以上, 突破, 以内, 不到, 左右)
target_source        ``doc_id@start-end「raw」`` of the target (offsets in the article's text)
base_year            the year before the plan (2020); ``base_value`` its level, ``base_unit`` its
                     unit, ``base_qualifier`` its qualifier as written (more_than for
                     超过36.5万人: the base is a bound; "" for an exact figure), ``base_source``
                     where it is stated (the target's document first)
base_restated        the base-year level as restated by a later document (NaN if never),
                     ``base_restated_source`` where
outcome_value        what the plan achieved on the target's measure (stated, or derived from the
                     base- and end-year levels; ``outcome_derived`` says so); the upper end of a
                     range in ``outcome_value_high`` (NaN for a single value), ``outcome_unit``,
                     ``outcome_qualifier`` (左右, 超过 … of the outcome; at_most / at_least for
                     a rate derived from a bound level), ``outcome_year``,
                     ``outcome_source`` (every figure used)
outcome_indicator    the outcome's indicator as the review writes it ("" without an outcome)
match                how the outcome was joined to the target (``plans.match``): exact,
                     normalized, synonym or similar (a similar name never decides met/missed:
                     the verdict is unclear); ``match_score`` 0-100
later_targets        later targets of the same concept (yearly targets, restated plan targets):
                     listed, never used as evidence: ``2021 target: growth 8%以上 [source]``
verdict              met | missed | unclear | ahead | on_track | behind | no_outcome
verdict_basis        why, in words: the measure compared, the threshold (floor/ceiling), the
                     basis (real/nominal, 美元 vs 元, scope), restated bases, interim evidence
flow                 True for a flow target (新增…, 引进…): only compared with flows
scored               False for a row whose indicator name names no quantity (a verb, a clause,
                     a count of the plan's indicators: ``plans.names``), listed apart as "not
                     scored (name unclear)"; ``name_problem`` says why (Chinese, "" if scored)
verdict_zh           the verdict in one Chinese line (``plans.explain``: 2025年实际2.61万亿元，低于目标
                     2.8万亿元); ``target_sentence`` and ``outcome_sentence`` the sentences quoted
override             the analyst's overrides applied to the row (``plans.overrides``), "" if none;
                     stale overrides are listed in ``table.attrs["stale_overrides"]``
===================  ========================================================================

The rule is ``verdicts.VERDICT_RULE`` (:func:`scorecard_rule_text`). Values are in base units;
formatting for display is ``ningbo_analysis.present.display``'s job.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from ningbo_analysis.corpus.periods import DEFAULT_PLAN, PlanPeriod
from ningbo_analysis.corpus.periods import plan as plan_period
from ningbo_analysis.errors import require_columns
from ningbo_analysis.numbers.format import format_qualified
from ningbo_analysis.plans import explain, match, names, prepare, verbal
from ningbo_analysis.plans import overrides as ov
from ningbo_analysis.plans.end import (
    _a_year_late,
    _after_milestone,
    _direction_base,
    _end_verdict,
    _fmt,
)
from ningbo_analysis.plans.fallbacks import with_members, with_stated
from ningbo_analysis.plans.outcomes import (
    _OUTCOMES,
    _base,
    _level_unit,
    _Score,
    _set_outcome,
    _vintage_base,
    yearly,
)
from ningbo_analysis.plans.prepare import Row, source
from ningbo_analysis.plans.verdicts import (
    LEVEL_MEASURES,
    VERDICTS,
    Evidence,
    bound_status,
    classify_status,
    load_hold_verbs,
    progress_ratio,
    target_side,
    verdict_rule_text,
)
from ningbo_analysis.schemas import SCORECARD, conform

SCORECARD_COLUMNS = [
    "region",
    "plan",
    "indicator",
    "concept",
    "theme",
    "measure",
    "unit",
    "target_year",
    "period",
    "target_value",
    "target_qualifier",
    "target_source",
    "base_year",
    "base_value",
    "base_unit",
    "base_qualifier",
    "base_source",
    "base_restated",
    "base_restated_source",
    "outcome_value",
    "outcome_value_high",
    "outcome_unit",
    "outcome_qualifier",
    "outcome_year",
    "outcome_derived",
    "outcome_source",
    "outcome_indicator",
    "match",
    "match_score",
    "later_targets",
    "verdict",
    "verdict_basis",
    "flow",
    "scored",
    "name_problem",
    "override",
    "verdict_zh",
    "target_sentence",
    "outcome_sentence",
]
FLOAT_COLUMNS = (
    "target_value",
    "base_value",
    "base_restated",
    "outcome_value",
    "outcome_value_high",
)
TARGET_TYPES = ("level", "avg_growth", "growth", "cumulative", "change")


def scorecard_rule_text() -> str:
    """The verdict rule of the scorecard, as printed in reports and the README."""
    return verdict_rule_text()


# ------------------------------------------------------------------------------ targets


def target_type(row: Mapping[str, Any], p: PlanPeriod) -> str | None:
    """level | avg_growth | cumulative | change | growth (a yearly rate to hold through the plan)
    for a target of plan ``p``, else None."""
    if row["kind"] != "target" or not (row["y1"] == p.end or _milestone(row, p)):
        return None
    if not p.base_year <= row["report_year"] <= p.end:
        return None  # a target stated after the plan ended is not one of its targets
    if row["report_year"] == row["y1"] == p.end and not _PLAN_WORDS.search(str(row["sentence"])):
        return None  # the plan's last report's own tasks (今年…主要预期目标, 完成28个…建设)
    measure, y0 = row["measure"], row["y0"]
    if measure in (*LEVEL_MEASURES, "rank"):  # a rank: 跻身全国十强, at most 10th
        if y0 != row["y1"]:  # an amount for every year of the plan (每年新增…): a yearly level
            spans = measure == "level" and (y0, row["y1"]) == (p.start, p.end)
            return (
                "level" if spans and row["unit"] not in prepare.load_rules().percent_units else None
            )
        return "cumulative" if _added_over_the_plan(row) else "level"
    if measure in ("avg_growth", "cumulative", "change") and y0 in (p.base_year, p.start, p.end):
        return measure
    if measure == "change" and y0 < p.base_year:  # 比2010年翻一番: since an older base
        return measure
    if measure == "growth" and y0 in (p.start, p.end):  # 涨幅控制在3%以内: a rate held each year
        return "growth"
    if measure == "growth" and y0 == p.base_year:  # 比“十二五”期末减少60%: a change over the plan
        return "change"
    return None


#: What makes a target of the plan's last year a plan's, not that year's task: the plan named.
_PLAN_WORDS = re.compile(r"十[一二三四五六七八九]五|五年|规划")


def _milestone(row: Mapping[str, Any], p: PlanPeriod) -> bool:
    """A target the report opening plan ``p`` sets for a year inside it, written in its sentence
    (地区生产总值到2019年达到3850亿元, 2018年比2010年翻一番): a milestone of the plan, scored on
    that year; not a year a context lends to the report's own tasks."""
    if not (row["report_year"] == p.start and p.start < row["y1"] < p.end):
        return False
    return f"{row['y1']}年" in prepare.text_before(row, whole=True)


#: Words before a flow target's number that make it a yearly amount, not a five-year total.
_YEARLY = ("每年", "年均", "平均每年", "年度", "当年", "全年")


def _added_over_the_plan(row: Mapping[str, Any]) -> bool:
    """A plan's target of what is added (城镇新增就业45万人, 新建学校30所) without 每年/年均 is
    a total over the plan's five years, not the end year's flow.

    >>> _added_over_the_plan(pd.Series({"indicator": "城镇新增就业", "unit": "人",
    ...     "sentence": "全市城镇新增就业45万人。", "raw": "45万人"}))
    True
    """
    rules = prepare.load_rules()
    name = str(row["indicator"])
    if str(row["unit"]) in rules.percent_units or not any(
        m in name for m in rules.flow_markers if m != "累计"
    ):
        return False
    clause = prepare.text_before(row, whole=True)
    for mark in "，,；;：:":
        clause = clause.rsplit(mark, 1)[-1]
    return not any(w in clause for w in _YEARLY)


def plan_targets(df: pd.DataFrame, p: PlanPeriod) -> pd.DataFrame:
    """Target rows of plan ``p`` with a ``target_type`` column (prepared figures table)."""
    return _typed_targets(df, p)[0]


def _typed_targets(df: pd.DataFrame, p: PlanPeriod) -> tuple[pd.DataFrame, list[Row]]:
    """:func:`plan_targets` and its rows as ``Row`` dicts (``target_type`` last), in order."""
    targets = df.loc[df["kind"] == "target"]  # the only rows target_type may type
    if targets.empty:
        return df.iloc[:0].assign(target_type=pd.Series(dtype=object)), []
    columns = prepare.Columns(targets)
    types = [target_type(columns.view(i), p) for i in range(columns.length)]
    typed = targets.assign(target_type=pd.Series(types, index=targets.index))
    typed = typed.loc[typed["target_type"].notna()]
    return typed, [
        {**columns.row(i), "target_type": t} for i, t in enumerate(types) if t is not None
    ]


# ------------------------------------------------------------------------------ sources


# ------------------------------------------------------------------------------ one target


# ------------------------------------------------------------------------------ outcomes


# ------------------------------------------------------------------------------ verdicts


def _restated_note(df: list[Row], s: _Score, p: PlanPeriod) -> str:
    if s.restated is None or s.base is None:
        return ""
    unit = s.level_unit
    note = (
        f"base {p.base_year} restated by {s.restated['doc_id']} as "
        f"{_fmt(float(s.restated['value']), unit)} (first stated {_fmt(float(s.base['value']), unit)} "
        f"in {s.base['doc_id']})"
    )
    if s.derived and s.used:
        vintage = _vintage_base(df, s, p, str(s.used[0]["doc_id"]))
        if vintage is not None:
            note += f"; the derived outcome uses the base stated in {vintage['doc_id']}"
    return note


def _evidence(df: list[Row], s: _Score, p: PlanPeriod) -> list[Row]:
    """Interim actuals of the target's concept inside the period, latest year first."""
    key, flow = s.t["key"], s.t["flow"]
    rows = [
        r
        for r in df
        if r["key"] == key
        and r["flow"] == flow
        and r["kind"] == "actual"
        and r["measure"] != "rank"
        and r["y0"] >= p.start
        and r["y1"] < p.end
    ]
    return sorted(rows, key=lambda r: (-r["y1"], r["report_year"]))  # stable: ties in order


def _other_currency(df: list[Row], s: _Score, ev: Row) -> bool:
    """Does the evidence's document state the same year's level in another currency (a yearly
    growth of a 元 series says nothing about a 美元 target)?"""
    rules = prepare.load_rules()
    units = {
        r["unit"]
        for r in df
        if r["key"] == s.t["key"]
        and r["doc_id"] == ev["doc_id"]
        and r["y1"] == ev["y1"]
        and r["measure"] in LEVEL_MEASURES
    }
    return any(u in rules.money_units and u != s.level_unit for u in units)


def _comparable(df: list[Row], s: _Score, ev: Row, level_target: bool) -> bool:
    """Can this interim actual show progress towards the target (same basis)?"""
    rules = prepare.load_rules()
    if level_target:
        if ev["measure"] in LEVEL_MEASURES:
            return ev["unit"] == s.level_unit and ev["y0"] == ev["y1"]
        kind = prepare.unit_kind(s.level_unit, rules)
        nominal = kind == "amount" or (
            kind == "money" and prepare.growth_basis(s.t["key"], rules) == "nominal"
        )
        growth = ev["measure"] == "growth" and ev["unit"] in rules.percent_units
        return nominal and growth and not _other_currency(df, s, ev)
    if s.ttype == "cumulative":
        return ev["unit"] == s.t["unit"] and ev["measure"] in ("level", "cumulative")
    return ev["measure"] in ("growth", "avg_growth") and ev["unit"] in rules.percent_units


def _level_target(s: _Score, base_row: Row | None = None) -> tuple[float, float, str]:
    """(base, target level, level unit) of a level or change target ("" unit if unknown), from
    ``base_row`` (a base of another vintage) or the target's own base."""
    row = s.base if base_row is None else base_row
    if row is None:
        return math.nan, math.nan, ""
    base, value = float(row["value"]), float(s.t["value"])
    if s.ttype == "level":
        return base, value, s.level_unit
    relative = s.t["unit"] == "%" and s.level_unit != "%"
    return base, (base * (1 + value / 100) if relative else base + value), s.level_unit


def _interim(df: list[Row], s: _Score, p: PlanPeriod) -> tuple[str, str] | None:
    """ahead / on_track / behind from the latest comparable interim actual (rule 5)."""
    if yearly(s.t):
        return None  # a yearly amount has no path from a base level
    level_target = s.ttype in ("level", "change")
    base, target, unit = _level_target(s) if level_target else (math.nan, float(s.t["value"]), "")
    if level_target and not unit:
        return None
    percent = prepare.unit_kind(unit or s.t["unit"], prepare.load_rules()) in ("percent", "pp")
    bound = target_side(s.t["qualifier"], s.ttype, float(s.t["value"]))
    if not bound and s.ttype == "level":
        # 占比达3.2%左右: reached early is ahead, on the side the end verdict reads (a rise unless
        # a verb, the indicator or the report's own base says a fall: rule 2)
        side = _direction_base(s)
        bound = "ceiling" if side > float(s.t["value"]) else "floor"
    for ev in _evidence(df, s, p):
        if not _comparable(df, s, ev, level_target):
            continue
        e = Evidence(str(ev["measure"]), float(ev["value"]), int(ev["y0"]), int(ev["y1"]))
        where = f"{ev['period']} actual {_fmt(e.value, str(ev['unit']))} [{source(ev)}]"
        if level_target:  # progress from the base of the evidence's own vintage
            vintage = _vintage_base(df, s, p, str(ev["doc_id"]))
            base, target, _ = _level_target(s, vintage)
            if vintage is not None and s.base is not None and vintage["doc_id"] != s.base["doc_id"]:
                where += f", from the {p.base_year} base as restated in {vintage['doc_id']}"
        if bound and (not level_target or ev["measure"] in LEVEL_MEASURES):
            strict = s.t["qualifier"] in ("more_than", "less_than")
            status, why = bound_status(bound, strict, s.ttype, base, target, e.value)
            if bound == "floor" and status in ("ahead", "on_track") and _reviewed_late(ev, p):
                # the plan's review states the level of its last years only (2024 R&D占比4.01%):
                # a floor reached then is met, and said to be read from that year
                _set_outcome(s, ev)
                s.outcome_unit = str(ev["unit"])
                return "met", f"met early: {where}: {why} in the review's latest year ({bound})"
            if status != "path":
                s.used.append(ev)
                return status, f"interim: {where}: {why} ({bound})"
        ratio, path = progress_ratio(s.ttype, percent, base, target, e, p.base_year, p.years)
        status = classify_status(ratio)
        if status:
            s.used.append(ev)
            return status, f"interim: {where}: progress {ratio:.2f} of the required {path}"
    return None


def _reviewed_late(ev: Row, p: PlanPeriod) -> bool:
    """An actual of the plan's last years (2024 or 2025 for 十四五) stated after the plan ended."""
    return int(ev["y1"]) >= p.end - 1 and int(ev["report_year"]) > p.end


def _later_targets(df: list[Row], s: _Score, p: PlanPeriod) -> str:
    """Other targets of the concept for years of the plan (listed, never used as evidence)."""
    t = s.t
    rows = [
        r
        for r in df
        if r["key"] == t["key"]
        and r["flow"] == t["flow"]
        and r["kind"] == "target"
        and p.start <= r["y1"] <= p.end
        and not (r["doc_id"] == t["doc_id"] and r["start"] == t["start"])
    ]
    if not rows:  # most targets: no other target of the concept
        return ""
    return "; ".join(dict.fromkeys(_later_text(r) for r in rows))


def _later_text(r: Row) -> str:
    """``2021 target: growth 8%以上 [source]``, ``2023 target: 50亿美元 [source]`` (a level): a
    target with its qualifier as written, never to be read as an achieved level."""
    value = format_qualified(float(r["value"]), str(r["unit"]), str(r["qualifier"])) or "NA"
    measure = "" if r["measure"] in LEVEL_MEASURES else f"{r['measure']} "
    return f"{r['period']} target: {measure}{value} [{source(r)}]"


# ------------------------------------------------------------------------------ the table


def _held(t: Row) -> bool:
    """A level target written with a hold verb and no bound (粮食产量稳定在100万吨)."""
    if t["qualifier"] or t["measure"] not in LEVEL_MEASURES:
        return False
    before = prepare.text_before(t, 4)
    return any(before.endswith(v) for v in load_hold_verbs())


def _terms(
    df: pd.DataFrame, lookup: prepare.ScoringRows | None, end: int
) -> frozenset[tuple[str, str]]:
    return lookup.term_reviews(df, end) if lookup is not None else prepare.term_reviews(df, end)


def _verdict(
    rows: list[Row], s: _Score, p: PlanPeriod, ttype: str, terms: frozenset[tuple[str, str]]
) -> tuple[_Score, str, str]:
    """The verdict of a scored target and why: on its end outcome, else a milestone's later
    level, the late term's review, interim progress, else no outcome; the score it rests on."""
    if not math.isnan(s.outcome):
        verdict, basis = _end_verdict(rows, s, p)
        if verdict == "unclear" and any(r["report_year"] > p.end + 2 for r in s.used):
            # read from a later plan's review (its starting value, or a rate derived with it):
            # the first review, of a term ending a year later, decides if it can
            trial = _Score(t=s.t, ttype=s.ttype, level_unit=s.level_unit, base=s.base)
            late = _a_year_late(rows, trial, p, terms)
            if late is not None and late[0] in ("met", "missed"):
                basis = (
                    f"{late[1]}; the {p.end} outcome read from a later plan's review is not used"
                )
                return trial, late[0], basis
        return s, verdict, basis
    verdict, basis = (
        _after_milestone(rows, s, p)
        or _a_year_late(rows, s, p, terms)
        or _interim(rows, s, p)
        or (
            "no_outcome",
            f"{ttype}: no outcome for {p.end} and no interim actual on the target's basis",
        )
    )
    return s, verdict, basis


def _score_row(
    df: pd.DataFrame,
    group: pd.DataFrame | Row,
    ttype: str,
    p: PlanPeriod,
    lookup: prepare.ScoringRows | None = None,
) -> dict:
    """The scorecard row of one target: the plan's own statement (earliest report) is the target.
    ``group``: the target's rows, or the first as a ``Row``. ``lookup``: the figures grouped by
    concept (``df`` looked up for this target only if None)."""
    t = written = group if isinstance(group, dict) else dict(group.iloc[0].items())
    if _held(t):  # 稳定在/保持在 a level: a floor, whatever the base
        t = t.copy()
        t["qualifier"] = "at_least"
    logic = "avg_growth" if ttype == "growth" else ttype  # a yearly rate: judged as the average
    # every lookup below is of the target's concept (or its narrower scopes): its rows only
    key = str(t["key"])
    rows = lookup.records(df, key) if lookup is not None else prepare.scoring_records(df, key)
    s = _Score(t=t, ttype=logic, level_unit=_level_unit(rows, t, logic, p))
    _base(rows, s, p)
    _OUTCOMES[logic](rows, s, p)
    s, verdict, basis = _verdict(rows, s, p, ttype, _terms(df, lookup, p.end + 1))
    notes = [basis, s.note, _restated_note(rows, s, p)]
    if t is not written:
        notes.append("a level to hold (稳定在/保持在): a floor")
    if yearly(t) and "a yearly amount" not in s.note:
        notes.append(f"a yearly amount for every year of {p.period}")
    older_base = ttype == "change" and t["y0"] < p.base_year  # 比2010年翻一番
    if s.base is None and ttype in ("level", "change") and not older_base and not yearly(t):
        notes.append(f"no {p.base_year} level in the corpus")
    return {
        "indicator": t["indicator"],
        "concept": t["key"],
        "theme": prepare.theme_of(t["key"]) or prepare.theme_of(t["indicator"]),
        "measure": ttype,
        "unit": t["unit"],
        "target_year": p.end,
        "period": p.period,
        "target_value": float(t["value"]),
        "target_qualifier": written["qualifier"],
        "target_source": source(t),
        "base_year": p.base_year,
        "base_value": float(s.base["value"]) if s.base is not None else math.nan,
        "base_unit": s.level_unit if s.base is not None else "",
        "base_qualifier": str(s.base["qualifier"]) if s.base is not None else "",
        "base_source": source(s.base),
        "base_restated": float(s.restated["value"]) if s.restated is not None else math.nan,
        "base_restated_source": source(s.restated),
        "outcome_value": s.outcome,
        "outcome_value_high": s.outcome_high,
        "outcome_unit": s.outcome_unit,
        "outcome_qualifier": s.outcome_qualifier,
        "outcome_year": "" if math.isnan(s.outcome_year) else str(int(s.outcome_year)),
        "outcome_derived": s.derived,
        "outcome_source": "; ".join(dict.fromkeys(source(r) for r in s.used)),
        "outcome_indicator": "、".join(dict.fromkeys(str(r["indicator"]) for r in s.used)),
        "target_sentence": str(t["sentence"]),
        "outcome_sentence": " / ".join(dict.fromkeys(str(r["sentence"]) for r in s.used)),
        "_outcome_keys": list(dict.fromkeys(str(r.get("key_written", r["key"])) for r in s.used)),
        "later_targets": _later_targets(rows, s, p),
        "verdict": verdict,
        "verdict_basis": "; ".join(n for n in notes if n),
        "flow": bool(t["flow"]),
        "scored": not names.name_problem(t["indicator"]),
        "name_problem": names.name_problem(t["indicator"]),
    }


def _joined(row: dict, how: dict[tuple[str, str], tuple[str, float]]) -> dict:
    """The ``match`` columns of a scorecard row, its verdict made unclear when the outcome was
    joined by a similar name only (see ``plans.match``)."""
    names = row.pop("_outcome_keys")
    if not names:
        return {"match": "", "match_score": math.nan}
    joined = [how.get((row["concept"], n), ("exact", 100.0)) for n in names]
    kind, score = max(joined, key=lambda j: (match.MATCHES.index(j[0]), -j[1]))
    analyst = any(n.startswith("verdict ") for n in str(row.get("override", "")).split("; "))
    if kind == "rebased" and row["verdict"] in ("met", "missed") and not analyst:
        _rebased(row, names)
    elif kind not in match.DECIDING and row["verdict"] in ("met", "missed") and not analyst:
        words = "、".join(n for n in names if n != row["concept"])
        row["verdict"] = "unclear"
        row["verdict_basis"] += (
            f"; the outcome ({words}) joins the target ({row['concept']}) by a similar name "
            f"only (score {score:g}): not decided"
        )
    return {"match": kind, "match_score": score}


def _rebased(row: dict, names: list[str]) -> None:
    """A level of an indicator whose statistics changed basis (农民人均纯收入 → 农村居民人均可支配
    收入) decides met/missed only when it clears the target by more than the rebased margin;
    else the verdict is unclear (rates and totals decide as written)."""
    margin = match.load_match_rules().rebased_margin
    target, outcome = float(row["target_value"]), float(row["outcome_value"])
    if row["measure"] not in ("level", "share") or not target or math.isnan(outcome):
        return
    if abs(outcome / target - 1) > margin:
        return
    words = "、".join(n for n in names if n != row["concept"])
    row["verdict"] = "unclear"
    row["verdict_basis"] += (
        f"; the outcome ({words}) is the target's indicator on another basis: within "
        f"{margin:.0%} of the target, not decided"
    )


def plan_scorecard(
    figures: pd.DataFrame,
    region: str,
    plan: str = DEFAULT_PLAN,
    *,
    regions: Iterable[str] = (),
    overrides: str | os.PathLike | pd.DataFrame | None = None,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per quantitative target of ``plan`` for ``region``: target, base, outcome, verdict.

    Columns: ``SCORECARD_COLUMNS`` (see the module docstring); rule: :func:`scorecard_rule_text`.
    ``regions``: the corpus' regions; one of them without figures gives an empty scorecard
    instead of the unknown-region error (see ``prepare.prepare_figures``). ``overrides``: the
    analyst's ``overrides.csv`` (a path or a table, see ``plans.overrides``). ``corpus``: the
    corpus of the figures; with it, a target without an outcome figure is met when the plan's
    review says so in words (``plans.verbal``: 城镇新增就业超额完成目标任务; ``match`` "stated").

    >>> # sc = plan_scorecard(extract_figures(load_corpus()), "宁波", plan="十四五")
    >>> # sc.loc[sc.concept == "地区生产总值", ["target_value", "verdict"]]
    """
    p = plan_period(plan)
    wanted = ov.for_plan(ov.read_overrides(overrides), region, p.name)
    df = prepare.prepare_figures(figures, region, regions)
    return prepared_scorecard(df, region, p, wanted, statements=region_statements(corpus, region))


def region_statements(corpus: pd.DataFrame | None, region: str) -> list[dict]:
    """The statements of achievement in words (``plans.verbal``) of ``region``'s articles of
    ``corpus`` as plain rows ([] without a corpus)."""
    if corpus is None:
        return []
    require_columns(
        corpus,
        ["region", "doc_id", "reference_year", "text"],
        function="plan_scorecard",
        argument="corpus",
        made_by="load_corpus()",
    )
    mine = corpus.loc[corpus["region"].astype(str) == region]
    return verbal.review_statements(mine).to_dict("records")


def prepared_scorecard(
    df: pd.DataFrame,
    region: str,
    p: PlanPeriod,
    wanted: pd.DataFrame | None = None,
    *,
    conformed: bool = True,
    statements: Sequence[Mapping[str, Any]] = (),
) -> pd.DataFrame:
    """:func:`plan_scorecard` of the region's figures as ``prepare.prepare_figures`` returns them
    (the plans of one region share one preparation), ``wanted`` the overrides of this region and
    plan (``overrides.for_plan``; None: none). ``conformed=False``: the rows in their order, the
    dtypes left to a caller that conforms the tables it joins once (``peers.region_scorecards``).
    ``statements``: the region's statements of achievement in words (:func:`region_statements`)."""
    if wanted is None:
        wanted = ov.for_plan(ov.read_overrides(None), region, p.name)
    targets, typed = _typed_targets(df, p)
    df, joins = match.join_outcomes(df, sorted(set(targets["key"])))
    how = {(j.target, j.outcome): (j.match, j.score) for j in joins}
    score_row = partial(_score_row, lookup=prepare.ScoringRows(df))
    actual_keys = sorted({str(k) for k in df.loc[df["kind"] == "actual", "key"]})
    score_row = partial(with_members, score_row=score_row, keys=actual_keys)
    if statements:
        score_row = partial(with_stated, score_row=score_row, statements=statements)
    rows, used, stale = [], set(), []
    for at in _groups(targets, ["key", "flow", "target_type", "y1"]):
        first = typed[at[0]]
        ttype, y1 = str(first["target_type"]), first["y1"]
        mine = wanted  # the overrides of this target (none without any)
        if len(wanted):
            hits = [ov.same_source(s, first) for s in wanted["target_source"]]
            mine = wanted.loc[pd.Series(hits, index=wanted.index, dtype=bool)]
        used.update(mine.index)
        span = p if y1 == p.end else replace(p, end=int(y1))  # a milestone: judged on its year
        group = targets.iloc[at] if len(mine) else first  # its rows only for its overrides
        row, problems = ov.scored_with_overrides(df, group, ttype, span, mine, score_row)
        stale.extend(problems)
        joined = _joined(row, how)
        found_by, zh = row.pop("_match", ""), row.pop("_zh", "")  # plans.fallbacks
        if found_by:
            joined = {"match": found_by, "match_score": math.nan}
        row = {"region": region, "plan": p.name, **row, **joined}
        if str(row.get("override") or ""):
            zh = ""  # the analyst's word: the usual line
        rows.append({**row, "verdict_zh": zh or explain.verdict_zh(row)})
    for o in wanted.drop(index=list(used)).itertuples(index=False):
        stale.append(ov.stale_line(o, "no target of this scorecard has this target_source"))
    table = _ordered(rows, conformed)
    table.attrs["stale_overrides"] = stale
    return table


def _groups(frame: pd.DataFrame, by: list[str]) -> list[np.ndarray]:
    """The positions of each group of ``frame.groupby(by, sort=True)``, in its order (each
    group's rows in the frame's order): the groups without a DataFrame each."""
    codes = frame.groupby(by, sort=True).ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]  # a row with a missing key is in no group
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    return np.split(order, cuts) if len(order) else []


def _ordered(rows: list[dict], conformed: bool = True) -> pd.DataFrame:
    """The rows by theme, concept, measure and flow (stable: ties as scored) as a table, columns
    in their dtypes (the schema's if ``conformed``)."""
    order = {t: i for i, t in enumerate(prepare.theme_order())}
    measure_order = {m: i for i, m in enumerate(TARGET_TYPES)}

    def rank(row: dict) -> tuple[int, str, int, bool]:
        measure = measure_order.get(row["measure"], len(measure_order))
        return order.get(row["theme"], len(order)), row["concept"], measure, bool(row["flow"])

    # sorted as Python objects and built without inferring text dtypes: conform types it
    table = pd.DataFrame(sorted(rows, key=rank), columns=SCORECARD_COLUMNS, dtype=object)
    for c in (*FLOAT_COLUMNS, "match_score"):
        table[c] = table[c].astype(float)
    for c in ("target_year", "base_year"):
        table[c] = table[c].astype("int64")
    for c in ("outcome_derived", "flow", "scored"):
        table[c] = table[c].astype(bool)
    return conform(table, SCORECARD) if conformed else table


def verdict_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many scored targets got each verdict, in the order of ``verdicts.VERDICTS`` (zeros
    kept); rows not scored (``scored`` False: name unclear) are not counted."""
    require_columns(
        table,
        ["verdict"],
        function="scorecard.verdict_counts",
        argument="table",
        made_by="plan_scorecard()",
    )
    if "scored" in table.columns:
        table = table[table["scored"].astype(bool)]
    counts = table["verdict"].value_counts() if len(table) else pd.Series(dtype=int)
    return {v: int(counts.get(v, 0)) for v in VERDICTS}
