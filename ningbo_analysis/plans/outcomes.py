"""What a plan achieved on one target's measure: the outcome the reviews state, or derive from
base- and end-year levels (``_OUTCOMES`` by target type), with the figures used and the notes an
analyst needs (another currency or scope, a bound, real vs nominal). The scorecard
(``plans.scorecard``) builds each row from a ``_Score`` filled here.

A target is scored from its concept's figures as plain dicts (``prepare.Row``, the list
``prepare.ScoringRows.records`` gives, in the table's order): every lookup below filters that
list in Python (a concept has a few dozen figures; a pandas operation each cost more than the
filtering)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ningbo_analysis.corpus.periods import PlanPeriod
from ningbo_analysis.figures.time_phrases import _PLAN_BASE_RE
from ningbo_analysis.numbers.format import format_qualified, format_value
from ningbo_analysis.plans import prepare
from ningbo_analysis.plans.prepare import Row
from ningbo_analysis.plans.verdicts import LEVEL_MEASURES, cagr


def _first_after(rows: list[Row], year: int) -> Row | None:
    """The statement of the first document after ``year`` (the review), else the latest one;
    within that document an exact figure before a bounded or rough one (由…增加到7380亿元 before
    迈上7000亿元台阶)."""
    if not rows:
        return None
    after = [r["report_year"] for r in rows if r["report_year"] > year]
    chosen = min(after) if after else max(r["report_year"] for r in rows)
    pick = [r for r in rows if r["report_year"] == chosen]
    for r in pick:
        if r["qualifier"] == "" and math.isnan(_high(r)):
            return r
    # bounds only: the strongest of the first unit (连续跨越7000亿元、8000亿元两个台阶: at least
    # 8000亿元, the last milestone; of several ceilings the lowest)
    same = [r for r in pick if r["unit"] == pick[0]["unit"]]
    floors = [r for r in same if r["qualifier"] in ("at_least", "more_than")]
    if len(floors) > 1:
        return max(floors, key=lambda r: float(r["value"]))  # the first of equal ones
    ceilings = [r for r in same if r["qualifier"] in ("at_most", "less_than")]
    if len(ceilings) > 1:
        return min(ceilings, key=lambda r: float(r["value"]))
    return pick[0]


def _high(row: Row) -> float:
    """The upper end of a figure's range as a number (NaN for none: a single value)."""
    high = row.get("value_high")
    if high is None:
        return math.nan
    if isinstance(high, float):  # numpy floats too: what the prepared table holds
        return float(high)
    value = pd.to_numeric(pd.Series([high]), errors="coerce").iloc[0]
    return math.nan if pd.isna(value) else float(value)


def _same_doc_first(rows: list[Row], doc_id: str) -> Row | None:
    if not rows:
        return None
    return next((r for r in rows if r["doc_id"] == doc_id), rows[0])


@dataclass
class _Score:
    """The pieces of one scorecard row while it is built."""

    t: Row
    ttype: str
    level_unit: str
    base: Row | None = None
    restated: Row | None = None
    outcome: float = math.nan
    outcome_high: float = math.nan
    outcome_unit: str = ""
    outcome_qualifier: str = ""
    outcome_year: float = math.nan
    derived: bool = False
    used: list[Row] = field(default_factory=list)
    unclear: str = ""
    note: str = ""


def _actuals(
    df: list[Row],
    t: Row,
    measures: tuple[str, ...],
    starts: tuple[int, ...],
    end: int,
    any_flow: bool = False,
) -> list[Row]:
    """Actual figures of the target's concept (same flow-ness, unless ``any_flow``: a total over
    the period is a flow however it is named) on ``measures`` for the periods from one of
    ``starts`` to ``end``."""
    key, flow = t["key"], t["flow"]
    return [
        r
        for r in df
        if r["key"] == key
        and (any_flow or r["flow"] == flow)
        and r["kind"] == "actual"
        and r["measure"] in measures
        and r["y0"] in starts
        and r["y1"] == end
    ]


def _level_measures(t: Row) -> tuple[str, ...]:
    """The measures a level target is met on: a rank (跻身全国十强) only by a rank."""
    return ("rank",) if t["measure"] == "rank" else LEVEL_MEASURES


def _levels(df: list[Row], t: Row, year: int, unit: str | None) -> list[Row]:
    """Actual levels of the target's concept (same flow-ness) in ``year`` (in ``unit`` if given)."""
    rows = _actuals(df, t, _level_measures(t), (year,), year)
    return rows if unit is None else [r for r in rows if r["unit"] == unit]


def _level_unit(df: list[Row], t: Row, ttype: str, p: PlanPeriod) -> str:
    """The unit of the levels a target is measured on (% for a pp change, 元 for GDP growth)."""
    rules = prepare.load_rules()
    unit = t["unit"]
    if ttype == "level" or (ttype == "change" and unit not in (*rules.pp_units, "%")):
        return unit
    if ttype == "change" and unit in rules.pp_units:
        return rules.percent_units[0]
    if ttype == "cumulative":
        return ""  # a five-year total has no base level
    levels = [*_levels(df, t, p.base_year, None), *_levels(df, t, p.end, None)]
    levels = [r for r in levels if r["unit"] not in rules.percent_units]
    return str(levels[0]["unit"]) if levels else ""


def _base(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """Base-year level: the target's document first; a later different value is a restatement
    (none for a change since an older base: 比2010年翻一番 is not measured from the plan's base)."""
    if not s.level_unit or (s.ttype == "change" and s.t["y0"] < p.base_year):
        return
    rows = _levels(df, s.t, p.base_year, s.level_unit)
    s.base = _same_doc_first(rows, s.t["doc_id"])
    if s.base is None:
        return
    base = float(s.base["value"])
    restated = [
        r
        for r in rows
        if r["report_year"] > s.base["report_year"] and abs(r["value"] - base) > 1e-9 * abs(base)
    ]
    if restated:
        s.restated = restated[-1]


def _vintage_base(df: list[Row], s: _Score, p: PlanPeriod, doc_id: str) -> Row | None:
    """The base-year level stated by ``doc_id`` (same vintage as an outcome), else the base."""
    rows = _levels(df, s.t, p.base_year, s.level_unit)
    return next((r for r in rows if r["doc_id"] == doc_id), s.base)


def _set_outcome(s: _Score, row: Row, value: float | None = None) -> None:
    s.outcome = float(row["value"]) if value is None else value
    high = _high(row)
    s.outcome_high = high if value is None and not math.isnan(high) else math.nan
    s.outcome_qualifier = str(row["qualifier"])
    s.outcome_year = int(row["y1"])
    s.used.append(row)


def _stated(df: list[Row], s: _Score, p: PlanPeriod, *measures: str) -> list[Row]:
    """Actual figures of the whole period on ``measures`` (2016-2020 or 2015-2020)."""
    return _actuals(df, s.t, measures, (p.base_year, p.start), p.end)


def yearly(t: Row) -> bool:
    """A target of an amount for every year of the plan (城镇新增就业平均每年不少于4万人: a level
    whose period is the plan's span, as ``figures`` reads 每年/年均/平均每年 before an amount)."""
    return t["measure"] in LEVEL_MEASURES and t["y0"] != t["y1"]


def _outcome_yearly(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """A yearly amount: the review's own yearly statement for the period (每年城镇新增就业超10万人),
    else its total over the period divided by the period's years (五年城镇新增就业31.05万人: 6.21万人
    a year); never one year's amount."""
    unit = str(s.t["unit"])
    if _stated_outcome(_stated(df, s, p, "level"), s, p):
        s.note = f"a yearly amount: the review states it for every year of {p.period}"
        return
    totals = _actuals(df, s.t, ("cumulative",), (p.base_year, p.start), p.end, any_flow=True)
    row = _first_after(_in_unit(totals, unit), p.end)
    if row is None:
        return
    total = format_qualified(float(row["value"]), str(row["unit"]), str(row["qualifier"]))
    _set_outcome(s, row, float(row["value"]) / p.years)
    s.outcome_unit, s.derived = str(row["unit"]), True
    s.note = f"a yearly amount: the {row['period']} total {total} over {p.years} years"


def _outcome_level(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """End-year level in the target's unit, else a level held through the whole period (it holds
    in the end year too); another currency or scope makes it unclear. A yearly amount: see
    :func:`_outcome_yearly`."""
    if yearly(s.t):
        _outcome_yearly(df, s, p)
        return
    rows = _levels(df, s.t, p.end, None)
    if not rows:
        rows = _stated(df, s, p, *_level_measures(s.t))  # 五年来…失业率保持在5.3%左右
        if rows:
            s.note = f"the outcome is a level held through {rows[0]['period']}"
    same = _in_unit(rows, str(s.t["unit"]))
    row = _first_after(same or rows, p.end)
    if row is None:
        _other_scope(df, s, p)
        return
    _set_outcome(s, row)
    s.outcome_unit = str(row["unit"])
    if not same:
        s.unclear = (
            f"the outcome is in {row['unit']}, the target in {s.t['unit']}: "
            f"{s.t['unit']} vs {row['unit']}, not converted"
        )
    elif _later_start(row, p):
        s.unclear = (  # 战略性新兴产业增加值占比从6.3%提升至11.5% (the 2026 review, of 2020)
            f"the {p.end} level is stated only as the starting value of a later review "
            f"(the {row['report_year']} report): perhaps restated; not decided"
        )
    elif _all_of_them(s.t) and _all_of_them(row) and float(row["value"]) < float(s.t["value"]):
        s.unclear = (  # 20.1万贫困人口全面脱贫 → 现行标准下71683名贫困人口全部脱贫: not fewer done
            "the target and the outcome both say all of them (全部脱贫), the outcome's count "
            "smaller: counts not compared"
        )
    elif s.base is not None:
        _implausible_jump(s, s.base, row)
    else:
        _implausible_target(s, row)


#: A from-value: the verb of a from-to pair right after the number (从6.3%提升至11.5%), or after
#: the other from-values of its list (分别从40152元、14652元增加到…).
_TO_VERB = re.compile(
    r"(?:[、和及与][\d.,]+[^\d，,。；;、]{0,6}?)*"
    r"(?:提升|提高|增加|增长|上升|下降|降低|减少|扩大|拓展|跃升)?(?:至|到)"
)


def _later_start(row: Row, p: PlanPeriod) -> bool:
    """An end-year level read from a report of more than a year after the plan as the starting
    value of its own review (从6.3%提升至11.5% in a 2026 report: 2020's share, as the next plan
    counts it)."""
    year = row["report_year"]
    if year is None or pd.isna(year):
        return False
    return int(year) > p.end + 1 and bool(_TO_VERB.match(prepare.text_after(row, 24)))


def _all_of_them(row: Row) -> bool:
    """A count written as "all of them" (20.1万贫困人口全面脱贫: ``completion`` words just after)."""
    after = prepare.text_after(row, 16)
    return any(word in after for word in prepare.load_rules().completion)


#: An end level this many times the base level (or its inverse) in five years is no level of the
#: same thing: a review's 全市进出口总额达1.4万亿元 beside a 2020 level of 2300亿元 is a five-year
#: total written without 累计.
JUMP = 4.0
#: A money target this many times its outcome (no base level known) is no level of the same
#: thing either: 综合交通投资超2200亿元 against one year's 560亿元 is a five-year total.
TARGET_JUMP = 3.5


def _implausible_jump(s: _Score, base: Row, end: Row) -> None:
    """Make an outcome unclear when its end level jumps implausibly from the base level."""
    if s.level_unit in ("%", "％") or str(end["unit"]) != str(base["unit"]):
        return  # shares move in points; other units are not compared here
    b, e = float(base["value"]), float(end["value"])
    if _far_apart(e, b):
        s.unclear = (
            f"the end level is {e / b:.1f}× the {base['period']} level: perhaps a five-year "
            "total, not a level; not decided"
        )


def _far_apart(a: float, b: float, jump: float = JUMP) -> bool:
    """Two positive amounts ``jump`` times apart or more: not the same kind of amount."""
    return a > 0 and b > 0 and not 1 / jump <= a / b <= jump


def _implausible_target(s: _Score, end: Row) -> None:
    """Without a base level, make a money outcome unclear when the target is :data:`TARGET_JUMP` times
    it or more (or less than its inverse): 进出口总额超7万亿元 set beside 力争五年实际投资超6000亿元
    is a five-year total written without 累计, not a level for 2025 (1.58万亿元)."""
    if prepare.unit_kind(str(end["unit"])) != "money" or str(end["unit"]) != str(s.t["unit"]):
        return
    t, e = float(s.t["value"]), float(end["value"])
    if _far_apart(t, e, TARGET_JUMP):
        s.unclear = (
            f"the target is {t / e:.1f}× the outcome: perhaps a five-year total, not a level; "
            "not decided"
        )


def _other_scope(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """An end-year level of a narrower scope (goods trade for goods and services): unclear."""
    for rows, why in prepare.narrower_scope_records(df, s.t["key"], p.end, prepare.load_rules()):
        row = _first_after(rows, p.end)
        if row is not None:
            _set_outcome(s, row)
            s.outcome_unit = str(row["unit"])
            s.unclear = f"only {row['key']} is stated: a different scope ({why})"
            return


def _end_and_base(df: list[Row], s: _Score, p: PlanPeriod) -> tuple[Row, Row] | None:
    """End-year level and the base of the same vintage, for a derived outcome."""
    end = _first_after(_levels(df, s.t, p.end, s.level_unit), p.end)
    if end is None:
        return None
    base = _vintage_base(df, s, p, str(end["doc_id"]))
    return (end, base) if base is not None else None


def _in_unit(rows: list[Row], unit: str) -> list[Row]:
    """The rows in ``unit``, else in a count word used for it interchangeably (``count_classifier``
    rules: 新型研发机构50个 reviewed as 63家)."""
    same = [r for r in rows if r["unit"] == unit]
    words = prepare.load_count_classifiers()
    if same or unit not in words:
        return same
    return [r for r in rows if r["unit"] in words]


def _stated_outcome(rows: list[Row], s: _Score, p: PlanPeriod) -> bool:
    """Take the first review's statement in the target's unit as the outcome; False if none."""
    row = _first_after(_in_unit(rows, str(s.t["unit"])), p.end)
    if row is None:
        return False
    _set_outcome(s, row)
    s.outcome_unit = str(row["unit"])
    return True


def _outcome_growth(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """Stated average growth of the period, else the CAGR of base and end levels."""
    if _stated_outcome(_stated(df, s, p, "avg_growth"), s, p):
        return
    if s.t["measure"] == "growth":  # a yearly rate to hold: else the end year's rate
        _stated_outcome(_actuals(df, s.t, ("growth",), (p.end,), p.end), s, p)
        return
    if _average_of_stated_change(df, s, p):
        return
    pair = _end_and_base(df, s, p)
    if pair is None:
        return
    end, base = pair
    _set_outcome(s, end, cagr(float(base["value"]), float(end["value"]), p.years))
    _implausible_jump(s, base, end)
    s.used.append(base)
    s.outcome_unit, s.derived = s.t["unit"], True
    _derived_bound(s, base, end, p)
    _two_reports(s, base, end)
    rules = prepare.load_rules()
    money = prepare.unit_kind(s.level_unit, rules) == "money"
    if money and prepare.growth_basis(s.t["key"], rules) == "real":
        s.unclear = (
            "the target is a real growth rate (comparable prices); the CAGR of current-price "
            "levels is nominal: real vs nominal"
        )


def _average_of_stated_change(df: list[Row], s: _Score, p: PlanPeriod) -> bool:
    """累计增长40.6% over the plan (a stated percent change from the base year to the end year,
    as the review states it: real for GDP): the average rate it implies, (1 + c)^(1/n) − 1."""
    rows = _actuals(df, s.t, ("change",), (p.base_year,), p.end)
    rows = [r for r in rows if r["unit"] == "%" and _said_cumulative(r, p)]
    row = _first_after(rows, p.end)
    if row is None:
        return False
    change = float(row["value"])
    if change <= -100:
        return False
    average = ((1 + change / 100) ** (1 / p.years) - 1) * 100
    _set_outcome(s, row, round(average, 10))
    s.outcome_unit, s.derived = "%", True
    s.note = f"the average of a stated change over {p.years} years: {format_value(change, '%')}"
    return True


def _said_cumulative(row: Row, p: PlanPeriod) -> bool:
    """Whether a change is written as one over the whole period (累计增长, 比2015年增长), not a
    rise the review left unplaced (初步核算，地区生产总值增长1.2%: the last year's)."""
    before = prepare.text_before(row, 24)
    return (
        "累计" in before[-16:]
        or f"比{p.base_year}年" in before[-16:]
        or "五年" in before[-16:]
        or _PLAN_BASE_RE.search(before) is not None  # 与“十一五”末相比: since the last plan's end
    )


def _outcome_change(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """Stated change over the period, else end level minus (or relative to) the base; a change
    since an older base (比2010年翻一番) only from a change stated since that base."""
    if s.t["y0"] < p.base_year:
        _stated_outcome(_actuals(df, s.t, ("change",), (int(s.t["y0"]),), p.end), s, p)
        return
    if _stated_outcome(_stated(df, s, p, "change"), s, p):
        return
    if _change_of_stated_average(df, s, p):
        return
    pair = _end_and_base(df, s, p)
    if pair is None:
        return
    end, base = pair
    e, b = float(end["value"]), float(base["value"])
    relative = s.t["unit"] == "%" and s.level_unit != "%"
    value = (e / b - 1) * 100 if relative and b else e - b
    _set_outcome(s, end, round(value, 10))
    s.used.append(base)
    s.outcome_unit, s.derived = s.t["unit"], True
    _derived_bound(s, base, end, p)
    _two_reports(s, base, end)


def _change_of_stated_average(df: list[Row], s: _Score, p: PlanPeriod) -> bool:
    """A change over the plan (翻一番: 2倍 of the base; 增长40%) reviewed as an average rate
    (全社会研发投入年均增长8.2%): the change that rate compounds to over the plan's years
    (1.082⁵ = 1.48倍); False when the review states no average growth or the target is in
    other units (个百分点)."""
    unit = str(s.t["unit"])
    if unit not in ("倍", "%") or _ahead_of_an_older_goal(s.t):
        return False
    rows = _stated(df, s, p, "avg_growth")
    row = _first_after([r for r in rows if r["unit"] == "%"], p.end)
    if row is None:
        return False
    rate = float(row["value"])
    total = (1 + rate / 100) ** p.years
    _set_outcome(s, row, round(total if unit == "倍" else (total - 1) * 100, 10))
    s.outcome_unit, s.derived = unit, True
    s.note = (
        f"compounded from the stated average growth {format_value(rate, '%')} over {p.years} years"
    )
    return True


def _ahead_of_an_older_goal(t: Row) -> bool:
    """力争提前一年实现翻番: a goal set before the plan (the doubling since 2010), reached early,
    not a change over the plan's own years."""
    return "提前" in prepare.text_before(t).rsplit("，", 1)[-1]


def _two_reports(s: _Score, base: Row, end: Row) -> None:
    """A rate or change derived from a base and an end level of two different reports is shown
    but decides nothing: the later report may count another scope or a revised series
    (一般公共预算收入 247.4亿元 in 2016, 217.1亿元 in 2021 after a change of scope)."""
    if str(base["doc_id"]) != str(end["doc_id"]) and not s.unclear:
        s.unclear = (
            f"derived from the {base['period']} level of {base['doc_id']} and the {end['period']} "
            f"level of {end['doc_id']} (two reports: scope or series may differ): indicative only"
        )


#: The outcome qualifier of a rate derived from bounded levels (``prepare.rate_bound`` kinds).
_BOUND_QUALIFIER = {
    "lower bound": "at_least",
    "upper bound": "at_most",
    "approximate": "approx",
    "approximate lower bound": "approx",
    "approximate upper bound": "approx",
}


def _derived_bound(s: _Score, base: Row, end: Row, p: PlanPeriod) -> None:
    """A rate or change derived from a base or end level that is only a bound (超过40万人) or
    approximate is itself a bound: its qualifier says which (the verdict then treats it as an
    interval) and the basis says why; bounds pulling both ways leave it unclear."""
    q0, q1 = str(base["qualifier"]), str(end["qualifier"])
    kind = prepare.rate_bound(q0, q1)
    if not kind:
        return
    shown = [
        f"{row['y1']} {format_qualified(float(row['value']), str(row['unit']), q)}"
        for row, q in ((base, q0), (end, q1))
        if q
    ]
    article = "an" if kind[0] in "aeiou" else "a"
    note = f"the derived rate is {article} {kind}: {', '.join(shown)}"
    if kind == "indicative only":
        note = f"the derived rate is indicative only (not a bound): {', '.join(shown)}"
        s.unclear = note
    else:
        s.outcome_qualifier = _BOUND_QUALIFIER[kind]
    s.note = "; ".join(x for x in (s.note, note) if x)


def _outcome_total(df: list[Row], s: _Score, p: PlanPeriod) -> None:
    """Stated total over the period in the target's unit."""
    # 累计新增就业300万人 reviewed as 五年城镇新增就业362万人: totals whatever their flow word
    stated = _actuals(df, s.t, ("cumulative",), (p.base_year, p.start), p.end, any_flow=True)
    totals = [*stated, *_stated(df, s, p, "level")]
    _stated_outcome(totals, s, p)  # a stated total first, then a level of the whole period


_OUTCOMES = {
    "level": _outcome_level,
    "avg_growth": _outcome_growth,
    "change": _outcome_change,
    "cumulative": _outcome_total,
}
