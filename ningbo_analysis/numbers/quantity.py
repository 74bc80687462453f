"""The :class:`Quantity` record the parser returns, and how one is made, copied and checked.

``KINDS`` and ``QUALIFIERS`` are the vocabularies of its ``kind`` and ``qualifier`` fields
(see ``ningbo_analysis.numbers.parser`` for what each kind covers). ``_make`` builds a
Quantity cheaply (a mutable twin whose class is then set), ``_replace`` copies one with some
fields changed, ``_scaled`` multiplies a value by its magnitude with one decimal rounding (so
``16.4亿`` is exactly 1640000000.0), and :func:`date_parts` splits a date back into year,
month and day.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ningbo_analysis.numbers.numerals import _normalize

KINDS = (
    "amount",
    "percent",
    "percentage_point",
    "ratio",
    "fraction",
    "range",
    "multiple",
    "year",
    "date",
    "month_range",
    "ordinal",
    "rank",
    "plan_name",
    "list_marker",
    "name",
)
QUALIFIERS = ("", "approx", "at_least", "at_most", "more_than", "less_than")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number found in a text (see the module docstring for kinds and spans)."""

    value: float
    unit: str
    scale: float
    raw: str
    start: int
    end: int
    qualifier: str
    kind: str
    value_high: float | None = None
    number: str = ""


def _make(
    text: str,
    value: float,
    unit: str,
    kind: str,
    s: int,
    e: int,
    scale: float = 1.0,
    qualifier: str = "",
    high: float | None = None,
    number: str = "",
) -> Quantity:
    """A Quantity whose raw text is ``text[s:e]``.

    Built as a ``_QuantityDraft`` (the same slots, plain attribute stores) whose class is then
    set to ``Quantity``: the frozen dataclass ``__init__`` goes through ``object.__setattr__``
    for every field and costs twice as much, on a path taken once per quantity found. The
    result is an ordinary, equal and still frozen ``Quantity``.
    """
    q = _QuantityDraft()
    q.value = float(value)
    q.unit = unit
    q.scale = float(scale)
    q.raw = text[s:e]
    q.start = s
    q.end = e
    q.qualifier = qualifier
    q.kind = kind
    q.value_high = high
    q.number = number
    q.__class__ = Quantity
    return q


class _QuantityDraft:
    """A mutable twin of :class:`Quantity` (same slots, so same memory layout), used by
    ``_make`` to fill the fields before the object becomes a ``Quantity``."""

    __slots__ = Quantity.__slots__


def _replace(q: Quantity, **changes) -> Quantity:
    """Copy of ``q`` with some fields changed."""
    values = {f: getattr(q, f) for f in Quantity.__slots__}
    values.update(changes)
    return Quantity(**values)


def _finite(q: Quantity) -> bool:
    """False for a value or high end that is infinite, or NaN where a number is expected."""
    if math.isinf(q.value) or (q.value_high is not None and not math.isfinite(q.value_high)):
        return False
    return not math.isnan(q.value) or q.kind == "date"


def _scaled(value: float, scale: float) -> float:
    """``value * scale`` as the float nearest the written decimal (16.4 × 1e8 → 1640000000.0).

    A float product rounds twice (16.4 is not exact in binary); scaling the shortest decimal
    form of both factors exactly and rounding once gives the number as written. Integers times
    integers below 2**53 are exact already and take the fast path.
    """
    product = value * scale
    if scale == 1.0 or (value.is_integer() and scale.is_integer() and abs(product) < 2**53):
        return product
    power = _POWERS.get(scale)
    written = repr(value)
    if power is not None and "e" not in written:
        return float(f"{written}e{power}")  # the same single rounding, without Decimal
    return float(Decimal(written) * Decimal(repr(scale)))


_POWERS = {10.0**k: k for k in range(-6, 17)}


def date_parts(q: Quantity) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a ``date`` or ``year`` quantity; None for a missing part.

    ``2021年2月21日`` → (2021, 2, 21); ``12月31日`` → (None, 12, 31).
    """
    if q.kind == "year":
        return int(q.value), None, None
    if q.kind != "date":
        return None, None, None
    norm = _normalize(q.raw)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", norm)
    if iso:
        y, mo, d = (int(g) for g in iso.groups())
        return y, mo, d
    parts = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?", norm)
    if not parts:
        return None, None, None
    y, mo, d = parts.groups()
    return (int(y) if y else None, int(mo), int(d) if d else None)


__all__ = [
    "KINDS",
    "QUALIFIERS",
    "Quantity",
    "date_parts",
]
