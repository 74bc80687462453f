"""Plan logic: required paths and verdict rules, for any plan period (``plans.PlanPeriod``).

Two questions, two sets of rules (printed by :func:`verdict_rule_text`):

* **Was the target met?** Once a document states the plan's outcome (the end-year level, the
  period's average growth, the five-year total or change): ``met``, ``missed`` or ``unclear``
  (:func:`end_verdict`).
* **Is it on the way?** While only interim *actuals* exist: ``ahead``, ``on_track`` or ``behind``
  on the required path from the base-year level (:func:`progress_ratio`, :func:`bound_status`,
  :func:`classify_status`). A later *target* is a plan, never progress.

Everything here is pure: numbers in, labels and reasons out. Display formatting and plots live
elsewhere (``display``, ``plots``); the figures tables are handled by ``scorecard``/``compare``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.resources import read_data_csv

VERDICTS = ("met", "missed", "unclear", "ahead", "on_track", "behind", "no_outcome")
LEVEL_MEASURES = ("level", "share")

VERDICT_RULE = """\
Verdict rule (plan_scorecard; values in base units, one row per target of the plan):
1. Outcome: a figure stated by any document for the plan's end, of the target's kind: the
   end-year level (a level target; else a level held through the whole period, 五年来…保持在X),
   the period's stated average growth (an average-growth target; else the CAGR of the base- and
   end-year levels), a yearly rate to hold (涨幅控制在3%以内: the period's stated average
   growth, else the end year's rate), the period's stated total (a five-year total),
   the period's stated change (else end-year level minus base-year level), a yearly amount
   (每年新增…: the review's yearly statement for the period, else its total ÷ the years; never
   one year's amount). Flows (新增…) are only compared with flows, stocks with stocks; a later
   TARGET is listed in later_targets, never used. A milestone (a floor for a year inside the
   plan, 到2019年达到3850亿元) whose year's level no report states is read from the first later
   level of the plan: still short of the floor, missed; reached, unclear (when is not said).
2. met / missed: the outcome is on the target's side of the threshold. Floors (以上/不低于/超过/突破)
   are reached from below, ceilings (以内/不超过/不到) must not be exceeded; a target without a bound
   goes the way its verb says (提高到: a floor; 降至/控制在: a ceiling), else it is a floor when
   above the base-year level its own report states (or a rise), a ceiling when below (or a fall),
   else a ceiling for indicators where lower is better (能耗, PM2.5浓度, 失业率), else a floor;
   a level to hold (稳定在/保持在) is a floor.
3. An outcome is read at the precision it is stated: 左右/约 is ± half its last digit (5.8%左右:
   5.75–5.85%, at most ± {approx_relative:.0%}), a milestone passed (突破2.5万亿元, 超过76%) lies
   below the next step of its last digit (2.5–2.6万亿元), a ceiling (控制在4%以内) anywhere
   below it. An outcome derived from levels of two different reports (a base stated in 2016, an
   end level in 2021: scope and vintage may differ) is shown but decides nothing (unclear).
   A 左右 target is met when
   the outcome equals it at its stated precision (53%左右: 52.5%), within at most
   ± {approx_relative:.0%} of a level or ± {approx_points:g} points of a rate; 超过/突破 X is
   reached by X itself.
   unclear: the outcome cannot settle it: a different basis (a real growth target against a
   nominal CAGR of current-price levels; 美元 vs 元; a different scope such as goods trade for a
   goods-and-services target), or an outcome interval (a range, a milestone) straddling the
   threshold.
4. Base year = the plan's first year − 1. A base restated by a later document (a census revision)
   is shown in base_restated; derived growth and changes use the base of the same document
   (vintage) as the outcome, and verdict_basis says which.
5. While the period runs (no outcome yet) and interim ACTUALS exist: ahead / on_track / behind on
   the required path from the base level (compound for money and amounts, straight line in
   percentage points for rates and shares, the stated rate for average-growth targets, target/years
   per year for totals): progress ratio = shown / required progress by that year; ahead above
   1 + t, behind below 1 - t, on_track between (t = {tolerance:g}). A ceiling kept is on_track (ahead
   when the base was above it), a floor already reached is ahead (on_track when held). A floor
   reached in the plan's last two years, as stated by a report after the plan (the review gives
   2024's level only), is met, read from that year.
6. Stated in words: a target without an outcome figure is met when the plan's review (the
   report of the year after the plan; given the corpus) says so in words of that indicator
   (城镇新增就业超额完成目标任务, 现行标准下的农村贫困人口全部脱贫, 实现“两个翻番”目标 for a
   doubling since 2010): match "stated", no outcome value. A clause naming no indicator
   (全面完成规划目标任务) settles nothing; a number is never replaced by words.
7. no_outcome: neither an outcome nor interim actuals on the target's basis.
"""


@dataclass(frozen=True)
class VerdictRules:
    """Thresholds of the verdict rules (``data/compare_rules.csv``)."""

    tolerance: float
    approx_relative: float
    approx_points: float
    ceiling_qualifiers: tuple[str, ...]
    floor_qualifiers: tuple[str, ...]
    approx_qualifiers: tuple[str, ...]


@cache
def load_verdict_rules() -> VerdictRules:
    """Read the verdict thresholds and qualifier classes from ``data/compare_rules.csv``."""
    df = read_data_csv("compare_rules.csv")

    def values(rule: str) -> tuple[str, ...]:
        return tuple(df.loc[df["rule"] == rule, "value"].str.strip())

    def number(rule: str) -> float:
        try:
            return float(values(rule)[0])
        except (IndexError, ValueError) as exc:
            raise NingboAnalysisError(f"compare_rules.csv: {rule} must be a number") from exc

    return VerdictRules(
        tolerance=number("status_tolerance"),
        approx_relative=number("approx_relative"),
        approx_points=number("approx_points"),
        ceiling_qualifiers=values("ceiling_qualifier"),
        floor_qualifiers=values("floor_qualifier"),
        approx_qualifiers=values("approx_qualifier"),
    )


@cache
def load_hold_verbs() -> tuple[str, ...]:
    """Verbs that make a level target a level to hold, a floor (稳定在, 保持在)."""
    df = read_data_csv("compare_rules.csv")
    return tuple(df.loc[df["rule"] == "hold_verb", "value"].str.strip())


@cache
def load_direction_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(rise verbs, fall verbs, lower-is-better words) of ``compare_rules.csv``."""
    df = read_data_csv("compare_rules.csv")

    def values(rule: str) -> tuple[str, ...]:
        found = df.loc[df["rule"] == rule, "value"].str.strip()
        return tuple(sorted(found, key=len, reverse=True))

    return values("rise_verb"), values("fall_verb"), values("lower_better")


def written_side(before: str, indicator: str) -> str:
    """``floor`` / ``ceiling`` from the verb just before a target's number (提高到 / 降至), else
    from the indicator (PM2.5浓度, 能耗: lower is better), else "".

    >>> written_side("服务业增加值比重提高到", "服务业增加值比重"), written_side("达到", "PM2.5浓度")
    ('floor', 'ceiling')
    """
    rises, falls, lower = load_direction_words()
    if any(before.endswith(v) for v in falls):
        return "ceiling"
    if any(before.endswith(v) for v in rises):
        return "floor"
    return "ceiling" if any(w in indicator for w in lower) else ""


def verdict_rule_text() -> str:
    """The verdict rule as shown in reports and the README."""
    r = load_verdict_rules()
    return VERDICT_RULE.format(
        tolerance=r.tolerance, approx_relative=r.approx_relative, approx_points=r.approx_points
    )


# ------------------------------------------------------------------------------ paths


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in % from ``start`` to ``end`` over ``years`` (NaN if undefined).

    >>> round(cagr(1.24087e12, 1.7e12, 5), 2)
    6.5
    """
    if not (years > 0) or not (start > 0) or not (end > 0):
        return math.nan
    return ((end / start) ** (1.0 / years) - 1.0) * 100.0


def pp_per_year(start: float, end: float, years: float) -> float:
    """Average change in percentage points per year (for shares and rates in %).

    >>> pp_per_year(71.1, 75.0, 5)
    0.78
    """
    if not (years > 0) or math.isnan(start) or math.isnan(end):
        return math.nan
    return round((end - start) / years, 10)


def bound_of(qualifier: str) -> str:
    """``ceiling`` (以内, 不超过, 不到), ``floor`` (以上, 超过, 突破) or "" for a qualifier.

    >>> bound_of("at_most"), bound_of("more_than"), bound_of("approx")
    ('ceiling', 'floor', '')
    """
    r = load_verdict_rules()
    return bound_in(qualifier, r.ceiling_qualifiers, r.floor_qualifiers)


def bound_in(qualifier: str, ceilings: tuple[str, ...], floors: tuple[str, ...]) -> str:
    """``ceiling`` if ``qualifier`` is one of ``ceilings``, ``floor`` if one of ``floors``, else ""."""
    if qualifier in ceilings:
        return "ceiling"
    if qualifier in floors:
        return "floor"
    return ""


#: A qualifier read on a fall's size turned into one on its signed value: 下降3%以上 is -3 or less.
_TURNED = {
    "at_least": "at_most",
    "more_than": "less_than",
    "at_most": "at_least",
    "less_than": "more_than",
}


def signed_qualifier(qualifier: str, value: float) -> str:
    """``qualifier`` as a bound on the signed ``value``: a negative change or rate written with a
    floor word (年均下降3%以上: -3, at_least) is at most -3.

    >>> signed_qualifier("at_least", -3.0), signed_qualifier("at_least", 3.0)
    ('at_most', 'at_least')
    """
    q = "" if qualifier is None or qualifier != qualifier else str(qualifier)  # None/NaN: ""
    return _TURNED.get(q, q) if value < 0 else q


def target_side(qualifier: str, measure: str, target: float) -> str:
    """:func:`bound_of` the target's qualifier, turned round for a fall: a negative change or
    average growth with a floor word (下降16%以上, 年均下降3%以上) is at most -16 / -3, a ceiling.

    >>> target_side("at_least", "change", -13.5), target_side("at_least", "avg_growth", 6.0)
    ('ceiling', 'floor')
    """
    if measure in ("change", "avg_growth"):
        return bound_of(signed_qualifier(qualifier, target))
    return bound_of(qualifier)


def classify_status(ratio: float, tolerance: float | None = None) -> str:
    """``ahead`` / ``on_track`` / ``behind`` from a progress ratio (1 = on the path); "" for NaN."""
    tol = load_verdict_rules().tolerance if tolerance is None else tolerance
    if ratio is None or math.isnan(ratio):
        return ""
    if ratio > 1 + tol:
        return "ahead"
    if ratio < 1 - tol:
        return "behind"
    return "on_track"


@dataclass(frozen=True)
class Evidence:
    """One interim actual: its measure, value, unit and the years it covers."""

    measure: str
    value: float
    y0: int
    y1: int
    unit: str = ""


def progress_ratio(
    target_type: str,
    percent: bool,
    base: float,
    target: float,
    ev: Evidence,
    base_year: int,
    years: int,
) -> tuple[float, str]:
    """Progress shown by ``ev`` / progress the path from ``base`` (in ``base_year``) to ``target``
    requires by then (log scale for compound paths), with the path's name.

    >>> ev = Evidence("level", 170.0, 2023, 2023)  # 3 of 5 years from 100 towards 200
    >>> round(progress_ratio("level", False, 100.0, 200.0, ev, 2020, 5)[0], 2)
    1.28
    """
    elapsed = ev.y1 - base_year
    if target_type in ("level", "change") and ev.measure in LEVEL_MEASURES:
        if percent:
            need = (target - base) / years * elapsed
            return ((ev.value - base) / need, "pp path") if abs(need) > 1e-12 else (math.nan, "")
        if base > 0 and target > 0 and ev.value > 0:
            need = math.log(target / base) / years * elapsed
            if abs(need) < 1e-12:
                return math.nan, "target equals the base level"
            return math.log(ev.value / base) / need, "compound path"
        return math.nan, "non-positive level"
    if target_type in ("level", "change") and ev.measure == "growth" and not percent:
        if base > 0 and target > 0 and ev.value > -100 and target != base:
            need = math.log(target / base) / years
            return math.log(1 + ev.value / 100) / need, "yearly growth vs required CAGR"
        return math.nan, "not comparable"
    if target_type == "cumulative" and ev.measure in ("level", "cumulative"):
        span = ev.y1 - ev.y0 + 1
        if ev.measure == "cumulative" and ev.y0 == base_year + 1:
            return ev.value / (target * span / years), "share of the five-year total"
        if span == 1:
            return ev.value / (target / years), "yearly flow vs target/years"
        return math.nan, "span not comparable"
    if target_type == "avg_growth" and ev.measure in ("growth", "avg_growth"):
        if abs(target) < 1e-12:
            return math.nan, "target growth is zero"
        return ev.value / target, "growth rate vs required rate"
    return math.nan, "not comparable"


def bound_status(
    bound: str, strict: bool, target_type: str, base: float, target: float, level: float
) -> tuple[str, str]:
    """Interim status of an evidence ``level`` against a ceiling or floor (rule 5), or
    ``("path", …)`` when it is to be judged on the required path instead.

    ``bound`` is the side of the target (:func:`target_side`: a fall with 以上 is a ceiling),
    ``target`` the level to reach (or the rate, for an average-growth target, whose base is no
    growth: 0). A ceiling below the base (a cut) kept is ahead, a floor above the base reached too.
    """
    if math.isnan(level):
        return "path", "no level to check the bound"
    if target_type == "avg_growth":
        base = 0.0
    cut = base > target  # False when the base is unknown
    if bound == "ceiling":
        within = level < target if strict else level <= target
        if within:
            return ("ahead" if cut else "on_track"), "within the ceiling"
        if cut:
            return "path", "above the ceiling, cut judged on the path"
        return "behind", "above the ceiling"
    reached = level > target if strict else level >= target
    rise = math.isnan(base) or base < target
    if reached:
        return ("ahead", "floor reached") if rise else ("on_track", "floor held")
    return ("path", "below the floor") if rise else ("behind", "below the floor")


# ------------------------------------------------------------------------------ end verdict


@dataclass(frozen=True)
class Threshold:
    """A target as a threshold: value, side (``floor``: reach it, ``ceiling``: stay within),
    whether equality fails (strict) and the approx band of a 左右 target (0 if none)."""

    value: float
    side: str
    strict: bool = False
    band: float = 0.0


def precision_step(value: float) -> float:
    """The place of the last significant digit of ``value`` as written (NaN for 0 or NaN): the
    precision a report states it at.

    >>> precision_step(2.5e12), precision_step(5.8), precision_step(76.0), precision_step(5e11)
    (100000000000.0, 0.1, 1.0, 100000000000.0)
    """
    if not math.isfinite(value) or value == 0:
        return math.nan
    exponent = Decimal(f"{abs(value):.10g}").normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(int(exponent)))


def approx_band(value: float, percent: bool) -> float:
    """Half-width of a 左右/约 target's band: the value "equal at the stated precision" (half its
    last digit), at most ± points for rates and shares or ± a share of a level.

    >>> approx_band(53.0, True), approx_band(5.5, True), round(approx_band(1.6e12, False) / 1e8)
    (0.5, 0.05, 320)
    """
    r = load_verdict_rules()
    widest = r.approx_points if percent else abs(value) * r.approx_relative
    half = precision_step(value) / 2
    return widest if math.isnan(half) else min(widest, half)


def stated_interval(value: float, qualifier: str) -> tuple[float, float]:
    """What an outcome stated at its precision says: 5.8%左右 is 5.75–5.85% (at most ± 2 % of
    the value: 2%左右 is 1.96–2.04%), 突破2.5万亿元 is 2.5–2.6万亿元 (a review names the highest
    milestone passed); a ceiling (控制在4.22%以内, 不到4%) says only that it is below; else a point.

    >>> stated_interval(5.8, "approx")
    (5.75, 5.85)
    >>> [round(x / 1e12, 2) for x in stated_interval(2.5e12, "more_than")]
    [2.5, 2.6]
    """
    step = precision_step(value)
    if qualifier in ("at_most", "less_than"):
        return -math.inf, (math.nextafter(value, -math.inf) if qualifier == "less_than" else value)
    if math.isnan(step) or qualifier not in ("approx", "at_least", "more_than"):
        return value, value
    if qualifier == "approx":
        half = min(step / 2, abs(value) * load_verdict_rules().approx_relative)
        return value - half, value + half
    return (math.nextafter(value, math.inf) if qualifier == "more_than" else value), value + step


def threshold_of(
    target: float, qualifier: str, measure: str, base: float, percent: bool
) -> tuple[Threshold, str]:
    """The target as a :class:`Threshold` and the words saying why (rule 2)."""
    r = load_verdict_rules()
    bound = target_side(qualifier, measure, target)  # 下降16%以上: a fall of at least that
    strict = qualifier == "less_than"  # 超过/突破 X: X at the stated precision reaches it
    rate = measure in ("change", "avg_growth")  # signed: a fall is negative
    falling = target < 0 if rate else (not math.isnan(base) and target < base)
    if bound:
        why = bound
    else:
        bound = "ceiling" if falling else "floor"
        known = rate or not math.isnan(base)
        why = f"{bound} ({'a fall' if falling else 'a rise'}{'' if known else ' assumed'})"
    band = approx_band(target, percent) if qualifier in r.approx_qualifiers else 0.0
    return Threshold(target, bound, strict, band), why


def _passes(value: float, t: Threshold) -> bool:
    if t.side == "ceiling":
        return value < t.value if t.strict else value <= t.value
    return value > t.value if t.strict else value >= t.value


def end_verdict(outcome_low: float, outcome_high: float, t: Threshold) -> tuple[str, str]:
    """``met`` / ``missed`` / ``unclear`` for an outcome interval against a threshold (rules 2-3).

    A point outcome has ``outcome_low == outcome_high``; 左右 or a range widen it.

    >>> end_verdict(1.82e12, 1.82e12, Threshold(1.7e12, "floor"))
    ('met', 'reaches the floor')
    >>> end_verdict(6.6, 6.6, Threshold(7.0, "floor", band=0.5))[0]  # 7%左右, 6.6%
    'met'
    """
    lo_ok, hi_ok = _passes(outcome_low, t), _passes(outcome_high, t)
    word = "reaches the floor" if t.side == "floor" else "stays within the ceiling"
    if lo_ok and hi_ok:
        return "met", word
    if lo_ok != hi_ok:
        return "unclear", "the outcome's range straddles the threshold"
    if t.band:
        near = (
            outcome_high >= t.value - t.band
            if t.side == "floor"
            else outcome_low <= t.value + t.band
        )
        if near:
            return "met", "equal to the 左右 target at its stated precision"
    return "missed", "falls short of the floor" if t.side == "floor" else "exceeds the ceiling"
