"""Stage 2 — numbers: every number of Chinese policy text with its unit, qualifier and offsets
(``parser``, the entry points; the parser's pieces, lowest first: ``numerals``, ``quantity``,
``patterns``, ``lexicon``, ``context``, ``forms``, ``money``, ``scanner``), and numbers written
back as a reader expects them (``format``)."""

from ningbo_analysis.numbers import format
from ningbo_analysis.numbers.numerals import MAX_DIGITS, to_number
from ningbo_analysis.numbers.parser import (
    parse_chinese_number,
    parse_quantities,
    quantities_frame,
)
from ningbo_analysis.numbers.quantity import Quantity

__all__ = [
    "MAX_DIGITS",
    "Quantity",
    "format",
    "parse_chinese_number",
    "parse_quantities",
    "quantities_frame",
    "to_number",
]
