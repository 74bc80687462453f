"""Stage 4 — plans: the yearly pace a target implies and the pace the previous plan achieved,
for a row of ``record.compare_plans``. From the years compared (:class:`PlanYears`: 2015 → 2020
→ 2025 for 十四五) and a target under way (``_Target``, filled in by ``record``): the implied and
historical yearly change with their bases — a CAGR of money or amounts (nominal or volume), pp
per year for a rate in %, the yearly average of a five-year total — and, when a rate comes from a
figure that is only a bound (超过, 以上, 不到) or approximate (左右), the clause its basis carries
(``upper bound: 2020 超过36.5万人``, :func:`~ningbo_analysis.plans.prepare.rate_bound`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ningbo_analysis.numbers.format import format_change
from ningbo_analysis.plans.prepare import growth_basis, load_rules, rate_bound
from ningbo_analysis.plans.verdicts import cagr, pp_per_year, signed_qualifier


@dataclass(frozen=True)
class PlanYears:
    """The years a comparison looks at: the previous plan's base (2015), this plan's base (2020)
    and end (2025), and the number of yearly steps (5) — derived from a plan name."""

    prev_base: int
    base: int
    end: int
    n: int


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
