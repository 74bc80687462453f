"""What a plan achieved on one target's measure: the outcome the reviews state, or derive from
base- and end-year levels (``_OUTCOMES`` by target type), with the figures used and the notes an
analyst needs (another currency or scope, a bound, real vs nominal). The scorecard
(``plans.scorecard``) builds each row from a ``_Score`` filled here."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ningbo_analysis.corpus.periods import PlanPeriod
from ningbo_analysis.numbers.format import format_qualified, format_value
from ningbo_analysis.plans import prepare
from ningbo_analysis.plans.verdicts import LEVEL_MEASURES, cagr


def _first_after(rows: pd.DataFrame, year: int) -> pd.Series | None:
    """The statement of the first document after ``year`` (the review), else the latest one;
    within that document an exact figure before a bounded or rough one (由…增加到7380亿元 before
    迈上7000亿元台阶)."""
    if rows.empty:
        return None
    years = rows["report_year"].to_numpy()  # numpy masks and iloc: a target's few rows, fast
    after = rows.iloc[years > year]
    if len(after):
        pick = rows.iloc[years == after["report_year"].min()]
    else:
        pick = rows.iloc[years == years.max()]
    high = pd.to_numeric(
        pick.get("value_high", pd.Series(index=pick.index, dtype=float)), errors="coerce"
    )
    exact = (pick["qualifier"] == "") & high.isna()
    if exact.any():
        return pick[exact].iloc[0]
    # bounds only: the strongest of the first unit (连续跨越7000亿元、8000亿元两个台阶: at least
    # 8000亿元, the last milestone; of several ceilings the lowest)
    same = pick[pick["unit"] == pick["unit"].iloc[0]]
    floors = same[same["qualifier"].isin(["at_least", "more_than"])]
    if len(floors) > 1:
        return floors.loc[floors["value"].astype(float).idxmax()]
    ceilings = same[same["qualifier"].isin(["at_most", "less_than"])]
    if len(ceilings) > 1:
        return ceilings.loc[ceilings["value"].astype(float).idxmin()]
    return pick.iloc[0]


def _same_doc_first(rows: pd.DataFrame, doc_id: str) -> pd.Series | None:
    if rows.empty:
        return None
    same = rows.iloc[rows["doc_id"].to_numpy() == doc_id]
    return same.iloc[0] if len(same) else rows.iloc[0]


@dataclass
class _Score:
    """The pieces of one scorecard row while it is built."""

    t: pd.Series
    ttype: str
    level_unit: str
    base: pd.Series | None = None
    restated: pd.Series | None = None
    outcome: float = math.nan
    outcome_high: float = math.nan
    outcome_unit: str = ""
    outcome_qualifier: str = ""
    outcome_year: float = math.nan
    derived: bool = False
    used: list[pd.Series] = field(default_factory=list)
    unclear: str = ""
    note: str = ""


def _actuals(
    df: pd.DataFrame,
    t: pd.Series,
    measures: tuple[str, ...],
    starts: tuple[int, ...],
    end: int,
    any_flow: bool = False,
) -> pd.DataFrame:
    """Actual figures of the target's concept (same flow-ness, unless ``any_flow``: a total over
    the period is a flow however it is named) on ``measures`` for the periods from one of
    ``starts`` to ``end``."""
    return df.iloc[  # numpy masks: the same rows as Series comparisons, at a fraction of the cost
        (df["key"].to_numpy() == t["key"])
        & ((df["flow"].to_numpy() == t["flow"]) | any_flow)
        & (df["kind"].to_numpy() == "actual")
        & np.isin(df["measure"].to_numpy(), measures)
        & np.isin(df["y0"].to_numpy(), starts)
        & (df["y1"].to_numpy() == end)
    ]


def _level_measures(t: pd.Series) -> tuple[str, ...]:
    """The measures a level target is met on: a rank (跻身全国十强) only by a rank."""
    return ("rank",) if t["measure"] == "rank" else LEVEL_MEASURES


def _levels(df: pd.DataFrame, t: pd.Series, year: int, unit: str | None) -> pd.DataFrame:
    """Actual levels of the target's concept (same flow-ness) in ``year`` (in ``unit`` if given)."""
    rows = _actuals(df, t, _level_measures(t), (year,), year)
    return rows if unit is None else rows.iloc[rows["unit"].to_numpy() == unit]


def _level_unit(df: pd.DataFrame, t: pd.Series, ttype: str, p: PlanPeriod) -> str:
    """The unit of the levels a target is measured on (% for a pp change, 元 for GDP growth)."""
    rules = prepare.load_rules()
    unit = t["unit"]
    if ttype == "level" or (ttype == "change" and unit not in (*rules.pp_units, "%")):
        return unit
    if ttype == "change" and unit in rules.pp_units:
        return rules.percent_units[0]
    if ttype == "cumulative":
        return ""  # a five-year total has no base level
    levels = pd.concat([_levels(df, t, p.base_year, None), _levels(df, t, p.end, None)])
    levels = levels[~levels["unit"].isin(rules.percent_units)]
    return str(levels["unit"].iloc[0]) if len(levels) else ""


def _base(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
    """Base-year level: the target's document first; a later different value is a restatement
    (none for a change since an older base: 比2010年翻一番 is not measured from the plan's base)."""
    if not s.level_unit or (s.ttype == "change" and s.t["y0"] < p.base_year):
        return
    rows = _levels(df, s.t, p.base_year, s.level_unit)
    s.base = _same_doc_first(rows, s.t["doc_id"])
    if s.base is None:
        return
    later = rows.iloc[rows["report_year"].to_numpy() > s.base["report_year"]]
    rel = (later["value"] - float(s.base["value"])).abs() > 1e-9 * abs(float(s.base["value"]))
    if rel.any():
        s.restated = later[rel].iloc[-1]


def _vintage_base(df: pd.DataFrame, s: _Score, p: PlanPeriod, doc_id: str) -> pd.Series | None:
    """The base-year level stated by ``doc_id`` (same vintage as an outcome), else the base."""
    rows = _levels(df, s.t, p.base_year, s.level_unit)
    same = rows.iloc[rows["doc_id"].to_numpy() == doc_id]
    return same.iloc[0] if len(same) else s.base


def _set_outcome(s: _Score, row: pd.Series, value: float | None = None) -> None:
    s.outcome = float(row["value"]) if value is None else value
    high = pd.to_numeric(pd.Series([row.get("value_high")]), errors="coerce").iloc[0]
    s.outcome_high = float(high) if value is None and not pd.isna(high) else math.nan
    s.outcome_qualifier = str(row["qualifier"])
    s.outcome_year = int(row["y1"])
    s.used.append(row)


def _stated(df: pd.DataFrame, s: _Score, p: PlanPeriod, *measures: str) -> pd.DataFrame:
    """Actual figures of the whole period on ``measures`` (2016-2020 or 2015-2020)."""
    return _actuals(df, s.t, measures, (p.base_year, p.start), p.end)


def yearly(t: pd.Series) -> bool:
    """A target of an amount for every year of the plan (城镇新增就业平均每年不少于4万人: a level
    whose period is the plan's span, as ``figures`` reads 每年/年均/平均每年 before an amount)."""
    return t["measure"] in LEVEL_MEASURES and t["y0"] != t["y1"]


def _outcome_yearly(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
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


def _outcome_level(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
    """End-year level in the target's unit, else a level held through the whole period (it holds
    in the end year too); another currency or scope makes it unclear. A yearly amount: see
    :func:`_outcome_yearly`."""
    if yearly(s.t):
        _outcome_yearly(df, s, p)
        return
    rows = _levels(df, s.t, p.end, None)
    if rows.empty:
        rows = _stated(df, s, p, *_level_measures(s.t))  # 五年来…失业率保持在5.3%左右
        if len(rows):
            s.note = f"the outcome is a level held through {rows['period'].iloc[0]}"
    same = _in_unit(rows, str(s.t["unit"]))
    row = _first_after(same if len(same) else rows, p.end)
    if row is None:
        _other_scope(df, s, p)
        return
    _set_outcome(s, row)
    s.outcome_unit = str(row["unit"])
    if not len(same):
        s.unclear = (
            f"the outcome is in {row['unit']}, the target in {s.t['unit']}: "
            f"{s.t['unit']} vs {row['unit']}, not converted"
        )
    elif s.base is not None:
        _implausible_jump(s, s.base, row)
    else:
        _implausible_target(s, row)


#: An end level this many times the base level (or its inverse) in five years is no level of the
#: same thing: a review's 全市进出口总额达1.4万亿元 beside a 2020 level of 2300亿元 is a five-year
#: total written without 累计.
JUMP = 4.0


def _implausible_jump(s: _Score, base: pd.Series, end: pd.Series) -> None:
    """Make an outcome unclear when its end level jumps implausibly from the base level."""
    if s.level_unit in ("%", "％") or str(end["unit"]) != str(base["unit"]):
        return  # shares move in points; other units are not compared here
    b, e = float(base["value"]), float(end["value"])
    if b > 0 and e > 0 and not 1 / JUMP <= e / b <= JUMP:
        s.unclear = (
            f"the end level is {e / b:.1f}× the {base['period']} level: perhaps a five-year "
            "total, not a level; not decided"
        )


def _implausible_target(s: _Score, end: pd.Series) -> None:
    """Without a base level, make a money outcome unclear when the target is :data:`JUMP` times
    it or more (or less than its inverse): 进出口总额超7万亿元 set beside 力争五年实际投资超6000亿元
    is a five-year total written without 累计, not a level for 2025 (1.58万亿元)."""
    if prepare.unit_kind(str(end["unit"])) != "money" or str(end["unit"]) != str(s.t["unit"]):
        return
    t, e = float(s.t["value"]), float(end["value"])
    if t > 0 and e > 0 and not 1 / JUMP <= t / e <= JUMP:
        s.unclear = (
            f"the target is {t / e:.1f}× the outcome: perhaps a five-year total, not a level; "
            "not decided"
        )


def _other_scope(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
    """An end-year level of a narrower scope (goods trade for goods and services): unclear."""
    for rows, why in prepare.narrower_scope(df, s.t["key"], p.end, prepare.load_rules()):
        row = _first_after(rows, p.end)
        if row is not None:
            _set_outcome(s, row)
            s.outcome_unit = str(row["unit"])
            s.unclear = f"only {row['key']} is stated: a different scope ({why})"
            return


def _end_and_base(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> tuple[pd.Series, pd.Series] | None:
    """End-year level and the base of the same vintage, for a derived outcome."""
    end = _first_after(_levels(df, s.t, p.end, s.level_unit), p.end)
    if end is None:
        return None
    base = _vintage_base(df, s, p, str(end["doc_id"]))
    return (end, base) if base is not None else None


def _in_unit(rows: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The rows in ``unit``, else in a count word used for it interchangeably (``count_classifier``
    rules: 新型研发机构50个 reviewed as 63家)."""
    same = rows.iloc[rows["unit"].to_numpy() == unit]
    words = prepare.load_count_classifiers()
    if len(same) or unit not in words:
        return same
    return rows[rows["unit"].isin(words)]


def _stated_outcome(rows: pd.DataFrame, s: _Score, p: PlanPeriod) -> bool:
    """Take the first review's statement in the target's unit as the outcome; False if none."""
    row = _first_after(_in_unit(rows, str(s.t["unit"])), p.end)
    if row is None:
        return False
    _set_outcome(s, row)
    s.outcome_unit = str(row["unit"])
    return True


def _outcome_growth(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
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


def _average_of_stated_change(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> bool:
    """累计增长40.6% over the plan (a stated percent change from the base year to the end year,
    as the review states it: real for GDP): the average rate it implies, (1 + c)^(1/n) − 1."""
    rows = _actuals(df, s.t, ("change",), (p.base_year,), p.end)
    said = pd.Series([_said_cumulative(r, p) for _, r in rows.iterrows()], index=rows.index)
    rows = rows[(rows["unit"] == "%") & said.astype(bool)]
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


def _said_cumulative(row: pd.Series, p: PlanPeriod) -> bool:
    """Whether a change is written as one over the whole period (累计增长, 比2015年增长), not a
    rise the review left unplaced (初步核算，地区生产总值增长1.2%: the last year's)."""
    sentence, raw = str(row["sentence"]), str(row["raw"])
    pos = sentence.find(raw)
    before = sentence[max(0, pos - 16) : pos] if pos >= 0 else ""
    return "累计" in before or f"比{p.base_year}年" in before or "五年" in before


def _outcome_change(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
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


def _change_of_stated_average(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> bool:
    """A change over the plan (翻一番: 2倍 of the base; 增长40%) reviewed as an average rate
    (全社会研发投入年均增长8.2%): the change that rate compounds to over the plan's years
    (1.082⁵ = 1.48倍); False when the review states no average growth or the target is in
    other units (个百分点)."""
    unit = str(s.t["unit"])
    if unit not in ("倍", "%") or _ahead_of_an_older_goal(s.t):
        return False
    rows = _stated(df, s, p, "avg_growth")
    row = _first_after(rows.iloc[rows["unit"].to_numpy() == "%"], p.end)
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


def _ahead_of_an_older_goal(t: pd.Series) -> bool:
    """力争提前一年实现翻番: a goal set before the plan (the doubling since 2010), reached early,
    not a change over the plan's own years."""
    sentence, raw = str(t["sentence"]), str(t["raw"])
    pos = sentence.find(raw)
    clause = sentence[:pos].rsplit("，", 1)[-1] if pos >= 0 else ""
    return "提前" in clause


def _two_reports(s: _Score, base: pd.Series, end: pd.Series) -> None:
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


def _derived_bound(s: _Score, base: pd.Series, end: pd.Series, p: PlanPeriod) -> None:
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


def _outcome_total(df: pd.DataFrame, s: _Score, p: PlanPeriod) -> None:
    """Stated total over the period in the target's unit."""
    # 累计新增就业300万人 reviewed as 五年城镇新增就业362万人: totals whatever their flow word
    stated = _actuals(df, s.t, ("cumulative",), (p.base_year, p.start), p.end, any_flow=True)
    totals = pd.concat([stated, _stated(df, s, p, "level")])
    _stated_outcome(totals, s, p)  # a stated total first, then a level of the whole period


_OUTCOMES = {
    "level": _outcome_level,
    "avg_growth": _outcome_growth,
    "change": _outcome_change,
    "cumulative": _outcome_total,
}
