"""The end verdict of one scorecard row: its outcome against the target (rules 2-3 of
``verdicts.VERDICT_RULE``), and the two ways a plan is judged when the review states no level for
its end year: a milestone read from a later year of its plan (:func:`_after_milestone`), and a
review of a term that ends a year after the plan (:func:`_a_year_late`: the report of December
2021, or of 2022, reviewing 2017–2021), which decides only by a year's change or more."""

from __future__ import annotations

import math
from dataclasses import replace

from ningbo_analysis.corpus.periods import PlanPeriod
from ningbo_analysis.corpus.periods import plan as plan_period
from ningbo_analysis.numbers.format import format_qualified, format_value
from ningbo_analysis.plans import prepare
from ningbo_analysis.plans.outcomes import (
    _OUTCOMES,
    _first_after,
    _in_unit,
    _levels,
    _Score,
    _set_outcome,
    yearly,
)
from ningbo_analysis.plans.prepare import Row
from ningbo_analysis.plans.verdicts import (
    approx_band,
    end_verdict,
    load_verdict_rules,
    stated_interval,
    threshold_of,
    written_side,
)


def _fmt(value: float, unit: str) -> str:
    return format_value(value, unit) or "NA"


def _percent(s: _Score) -> bool:
    """True when the target is compared as a rate (points), not as an amount (relative band)."""
    rules = prepare.load_rules()
    rates = (*rules.percent_units, *rules.pp_units)
    if s.ttype in ("avg_growth", "change"):
        return s.t["unit"] in rates
    return s.ttype == "level" and s.t["unit"] in rules.percent_units


def _interval(s: _Score) -> tuple[float, float]:
    """The outcome as an interval: a range, 左右 (± band), 超过 (above), 不到 (below) or a point."""
    lo = hi = s.outcome
    q = s.outcome_qualifier
    if not math.isnan(s.outcome_high):
        hi = s.outcome_high
    elif not s.derived:  # a stated figure: at the precision it is written (verdicts rule 3)
        lo, hi = stated_interval(s.outcome, q)
    elif q in load_verdict_rules().approx_qualifiers:
        band = approx_band(s.outcome, _percent(s))
        lo, hi = s.outcome - band, s.outcome + band
    elif q in ("at_least", "more_than"):
        lo = math.nextafter(s.outcome, math.inf) if q == "more_than" else s.outcome
        hi = math.inf
    elif q in ("at_most", "less_than"):
        lo = -math.inf
        hi = math.nextafter(s.outcome, -math.inf) if q == "less_than" else s.outcome
    return lo, hi


def _direction_base(s: _Score) -> float:
    """The base a level target without a bound is judged a rise or a fall from (verdicts rule
    2): ∓inf for a verb or an indicator that says which way, else the base its own report
    states, else NaN (a rise assumed) — never a later report's restated base."""
    t = s.t
    if yearly(t):
        return -math.inf  # an amount to add (or cut) every year: at least that much
    side = written_side(prepare.text_before(t, 4), str(t["indicator"]))
    if side:
        return -math.inf if side == "floor" else math.inf
    if s.base is not None and s.base["doc_id"] == t["doc_id"]:
        return float(s.base["value"])
    return math.nan


def _end_verdict(df: list[Row], s: _Score, p: PlanPeriod) -> tuple[str, str]:
    """met / missed / unclear once the plan's outcome is stated (rules 2-3)."""
    t = s.t
    stated = "derived" if s.derived else "stated"
    measure = "growth" if t["measure"] == "growth" else s.ttype  # a yearly rate: judged as avg
    what = (
        f"{measure}: {stated} outcome {_fmt(s.outcome, s.outcome_unit)}"
        f"{'–' + _fmt(s.outcome_high, s.outcome_unit) if not math.isnan(s.outcome_high) else ''}"
        f"{' (' + s.outcome_qualifier + ')' if s.outcome_qualifier else ''} "
        f"vs target {_fmt(float(t['value']), t['unit'])}"
        f"{' (' + t['qualifier'] + ')' if t['qualifier'] else ''}"
    )
    if s.unclear:
        return "unclear", f"{what}: {s.unclear}"
    base = _direction_base(s) if s.ttype == "level" else math.nan
    threshold, side = threshold_of(float(t["value"]), t["qualifier"], s.ttype, base, _percent(s))
    lo, hi = _interval(s)
    verdict, why = end_verdict(lo, hi, threshold)
    return verdict, f"{what}, a {side}: {why}"


def _after_milestone(df: list[Row], s: _Score, p: PlanPeriod) -> tuple[str, str] | None:
    """A milestone (地区生产总值到2019年达到3850亿元) whose year's level no report states, read
    from the first level stated for a later year of its plan: still short of its floor then, it
    is missed (a rise was planned: the milestone's year was short too); reached by then, it is
    unclear (when it was reached is not said). None for other targets or without such a level."""
    full = plan_period(p.name)
    if s.ttype != "level" or p.end >= full.end or yearly(s.t):
        return None
    t = s.t
    threshold, side = threshold_of(
        float(t["value"]), t["qualifier"], "level", _direction_base(s), _percent(s)
    )
    if threshold.side != "floor":
        return None
    for year in range(p.end + 1, full.end + 1):
        row = _first_after(_in_unit(_levels(df, t, year, None), str(t["unit"])), year)
        if row is None:
            continue
        _set_outcome(s, row)
        s.outcome_unit = str(row["unit"])
        hi = _interval(s)[1]
        what = (
            f"milestone {p.end}: no {p.end} level stated; the {year} level "
            f"{format_qualified(s.outcome, s.outcome_unit, s.outcome_qualifier)} "
            f"vs target {_fmt(float(t['value']), str(t['unit']))}, a {side}"
        )
        if end_verdict(hi, hi, threshold)[0] != "met":  # even its highest reading falls short
            return "missed", f"{what}: still short of it a year or more later"
        return "unclear", f"{what}: reached by {year}, but when is not stated"
    return None


#: How far an outcome of a term ending a year after the plan must clear the target to decide
#: it: by a year's change or more. An average rate by this many points (a year more or less moves
#: a five-year average by a fifth of the gap between the two years' rates); a change by a year's
#: share of it (下降15%: 3 points); a level or a total by this share of the target.
LATE_POINTS = 1.0
LATE_SHARE = 0.1


def _late_margin(s: _Score, p: PlanPeriod) -> float:
    target = abs(float(s.t["value"]))
    if s.ttype == "avg_growth":
        return LATE_POINTS if _percent(s) else target * LATE_SHARE
    if s.ttype == "change":
        return target / p.years
    return target * LATE_SHARE


def _a_rate_or_stock(unit: str) -> bool:
    """A level unit whose value a review states as the term's end: a share or rate (%), an amount
    per unit (微克/立方米) or money (地区生产总值, 人均可支配收入); not a count or a physical
    amount (建成充电站848座, 启动棚户区改造1.4万套: what was done, in the term or in its last
    year, the sentence does not say)."""
    return prepare.unit_kind(unit) in ("percent", "money") or "/" in unit


def _a_year_late(
    df: list[Row], s: _Score, p: PlanPeriod, terms: frozenset[tuple[str, str]]
) -> tuple[str, str] | None:
    """A plan whose first review is of a term ending a year after it (the report of December
    2021, or of 2022: 五年来 2017–2021, 年均增长5.5%, 森林覆盖率提高到15.5%): its outcome over
    that span stands in for the plan's, met or missed only when it clears the target by a year's
    change or more (:data:`LATE_POINTS`, :data:`LATE_SHARE`), else unclear. Sets the outcome on
    ``s``; None when the plan ends before its full span (a milestone), for a yearly amount or
    rate, or when that review states nothing on the target's measure.

    ``terms``: the (document, part) reviewing that term (``prepare.term_reviews``): a part that
    states the term's average growth, total or change, so that its levels are the term's end
    (五年来…森林覆盖率提高到15.5%), not one year's amounts of a yearly report; of a level, a rate
    or a money stock only (:func:`_a_rate_or_stock`)."""
    if p.end != plan_period(p.name).end or yearly(s.t) or s.t["measure"] == "growth":
        return None
    late = replace(p, start=p.start + 1, end=p.end + 1)
    review = [r for r in df if (str(r["doc_id"]), prepare.top_section(r)) in terms]
    if s.ttype == "level":
        review = [r for r in review if not r["flow"] and _a_rate_or_stock(str(r["unit"]))]
    moved = _Score(t=s.t, ttype=s.ttype, level_unit=s.level_unit)
    _OUTCOMES[s.ttype](review, moved, late)  # no base: a derived rate needs the review's own
    if math.isnan(moved.outcome):
        return None
    moved.base = s.base  # the target's own base says which way a level target points
    verdict, basis = _end_verdict(review, moved, late)
    margin = _late_margin(s, p)
    shown = format_value(margin, "个百分点" if _percent(s) else s.t["unit"])
    if verdict in ("met", "missed"):
        value = float(s.t["value"])
        inside = margin * (1 - 1e-9)  # an outcome a year's change away clears it (9.2% vs 10.2%)
        moved_targets = ({**s.t, "value": value + d} for d in (-inside, inside))
        if {_end_verdict(review, replace(moved, t=t), late)[0] for t in moved_targets} != {verdict}:
            verdict = "unclear"
            basis += f"; within a year's change of the target (±{shown}): not decided"
        else:
            basis += f"; clears the target by a year's change or more (±{shown})"
    for name in ("outcome", "outcome_high", "outcome_unit", "outcome_qualifier", "outcome_year"):
        setattr(s, name, getattr(moved, name))
    s.derived, s.used, s.note = moved.derived, moved.used, moved.note
    return verdict, (
        f"a year late ({late.period}): the review states no {p.end} outcome, only one of the "
        f"term it reviews, {late.period}; {basis}"
    )
