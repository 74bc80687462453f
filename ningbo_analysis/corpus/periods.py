"""Five-year plan periods as data: names, years and the windows a scorecard looks at.

Every stage that needs "the 14th plan" takes a plan *name* (十一五 … 十五五) and derives its years
from ``data/plan_periods.csv``; no module holds 2015/2020/2025 as constants.

>>> p = plan("十四五")
>>> p.start, p.end, p.base_year, p.period, p.years
(2021, 2025, 2020, '2021-2025', 5)
>>> plan("十四五").previous().name
'十三五'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.resources import read_data_csv

DEFAULT_PLAN = "十四五"
_PLAN_NAME = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")


@dataclass(frozen=True)
class PlanPeriod:
    """One five-year plan: ``name`` (十四五), ``number`` (14), first and last year."""

    name: str
    number: int
    start: int
    end: int

    @property
    def base_year(self) -> int:
        """The year before the plan starts: the level every target is measured from (2020)."""
        return self.start - 1

    @property
    def years(self) -> int:
        """Number of yearly steps from the base year to the end year (5)."""
        return self.end - self.base_year

    @property
    def period(self) -> str:
        """The plan's span as written in the figures table's ``period`` (``2021-2025``)."""
        return f"{self.start}-{self.end}"

    @property
    def label(self) -> str:
        """``十四五 (2021–2025)`` for titles."""
        return f"{self.name} ({self.start}–{self.end})"

    def previous(self) -> PlanPeriod | None:
        """The plan before this one (十三五 for 十四五), or None for the first in the table."""
        return _by_number().get(self.number - 1)

    def next(self) -> PlanPeriod | None:
        """The plan after this one, or None for the last in the table."""
        return _by_number().get(self.number + 1)


@cache
def plan_periods() -> tuple[PlanPeriod, ...]:
    """Every plan of ``data/plan_periods.csv``, in order."""
    table = read_data_csv("plan_periods.csv")
    return tuple(
        PlanPeriod(str(n), int(k), int(s), int(e))
        for n, k, s, e in zip(
            table["name"], table["number"], table["start"], table["end"], strict=True
        )
    )


@cache
def _by_number() -> dict[int, PlanPeriod]:
    return {p.number: p for p in plan_periods()}


def plan_names() -> list[str]:
    """Names of the known plans (十一五 … 十五五)."""
    return [p.name for p in plan_periods()]


def plan(name: str | PlanPeriod = DEFAULT_PLAN) -> PlanPeriod:
    """The plan called ``name`` (quotes allowed: “十四五”); ParameterError listing the valid names."""
    if isinstance(name, PlanPeriod):
        return name
    text = str(name).strip() if name is not None else ""
    m = _PLAN_NAME.fullmatch(text)
    key = m.group(1) if m else text
    for p in plan_periods():
        if p.name == key:
            return p
    raise ParameterError(f"unknown plan {name!r}; valid plans: {', '.join(plan_names())}")


__all__ = [
    "DEFAULT_PLAN",
    "PlanPeriod",
    "plan",
    "plan_names",
    "plan_periods",
]
