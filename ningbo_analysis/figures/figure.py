"""A figure as the sentence reader builds it (``_Figure``: its quantity, indicator name, measure,
kind, period, signed value, unit, qualifier and sentence span), the sentence it is read from
(``_Sentence``), and the kinds of quantity that can be figures (``FIGURE_KINDS``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ningbo_analysis.figures.context import _Context
from ningbo_analysis.numbers.quantity import Quantity

FIGURE_KINDS = {
    "amount",
    "percent",
    "percentage_point",
    "ratio",
    "fraction",
    "range",
    "multiple",
    "rank",
}


@dataclass
class _Figure:
    q: Quantity
    indicator: str
    measure: str
    kind: str
    period: str
    value: float
    unit: str
    qualifier: str
    sent_start: int
    sent_end: int


class _Sentence(NamedTuple):
    """A sentence being read: ``text[start:end]``, where its statement opens (``stmt_start``: a
    。-sentence may have been cut at ；), the context that places it in time, the report year."""

    text: str
    start: int
    end: int
    stmt_start: int
    ctx: _Context
    ref: int | None
