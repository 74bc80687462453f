"""Stage 2 — numbers: every number of Chinese policy text with its unit, qualifier and offsets
(``parser``), and numbers written back as a reader expects them (``format``)."""

from ningbo_analysis.numbers import format
from ningbo_analysis.numbers.parser import (
    MAX_DIGITS,
    Quantity,
    parse_chinese_number,
    parse_quantities,
    quantities_frame,
    to_number,
)

__all__ = [
    "MAX_DIGITS",
    "Quantity",
    "format",
    "parse_chinese_number",
    "parse_quantities",
    "quantities_frame",
    "to_number",
]
