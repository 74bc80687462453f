"""Numbers as a reader expects them: units, multipliers, qualifiers and rates as text.

The formatting shared by the plan stage's verdict text and by presentation (``present.display``
re-exports it). Values come in base units, as in ``extract_figures`` (元, 人, 标箱, %, 个百分点 …)::

    format_value(1.24087e12, "元")             → "12,408.7亿元"
    format_value(1.7e12, "元")                 → "1.7万亿元"
    format_value(6.4, "%")                     → "6.4%"
    format_rate(0.15, "个百分点", per_year=True) → "0.15个百分点/年"
    format_qualified(365000, "人", "more_than") → "超过36.5万人"
    format_change(-3, "%", "at_least")        → "下降3%以上"
    plain_decimal(1.24087e12)                  → "1240870000000"

The multiplier of an amount is the one a document would write: the largest of 万亿/亿/万 in which
the value has at most two decimals, else 亿 from 1亿 up and 万 from 100万 up, rounded to two
decimals; smaller amounts are written out. See ``present.display`` for the whole contract.
"""

from __future__ import annotations

import math
from functools import cache

from ningbo_analysis.labels import is_missing as _missing
from ningbo_analysis.resources import read_data_csv

PERCENT_UNITS = ("%", "％")


PP_UNITS = ("个百分点", "百分点", "pp")


_PER_YEAR = ("/yr", "/年", "/a")


#: (factor, prefix) tried from the largest; 万亿 only when exact (see module docstring).
_PREFIXES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


#: Smallest absolute value written with a multiplier although not exact at two decimals.
_INEXACT_FROM = {"亿": 1e8, "万": 1e6}


def _exact(x: float, decimals: int) -> bool:
    """True when ``x`` has at most ``decimals`` decimals, up to binary noise."""
    return abs(x - round(x, decimals)) <= 1e-9 * max(1.0, abs(x))


def format_number(value: float, decimals: int = 2) -> str:
    """``value`` with thousands separators and at most ``decimals`` decimals, trailing zeros
    dropped; tiny values keep three significant digits (0.000123). Never e-notation.

    >>> format_number(12408.70), format_number(-0.0001234), format_number(1e21)
    ('12,408.7', '-0.000123', '1,000,000,000,000,000,000,000')
    """
    if _missing(value):
        return ""
    x = float(value)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x != 0 and abs(x) < 10 ** (-decimals):
        decimals = 2 - math.floor(math.log10(abs(x)))
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _split_per_year(unit: str) -> tuple[str, bool]:
    for suffix in _PER_YEAR:
        if unit.endswith(suffix):
            return unit.removesuffix(suffix), True
    return unit, False


@cache
def _classifier_units() -> dict[str, str]:
    """Units written with the classifier 个 after a number, from ``data/units.csv``: a surface
    ``个<unit>`` whose canonical unit drops the 个 (个工作日 → 工作日, 个月 → 月): 工作日 → 个工作日."""
    table = read_data_csv("units.csv")
    return {
        u: f
        for f, u in zip(table["surface"], table["unit"], strict=True)
        if f == f"个{u}" and u != "个"
    }


def _shown_unit(unit: str) -> str:
    """The unit as written after a number: 1个工作日 and 3个月, not 1工作日 (a date-like 3月)."""
    return _classifier_units().get(unit, unit)


def _amount(value: float, unit: str) -> str:
    unit = _shown_unit(unit)
    x = float(value)
    for factor, prefix in _PREFIXES:
        if abs(x) < factor:
            continue
        scaled = x / factor
        if _exact(scaled, 2):
            return f"{format_number(scaled)}{prefix}{unit}"
        if abs(x) >= _INEXACT_FROM.get(prefix, math.inf):
            return f"{format_number(scaled)}{prefix}{unit}"
    return f"{format_number(x)}{unit}"


def format_value(value: float, unit: str = "", measure: str | None = None) -> str:
    """A value in base units as a reader expects it: ``12,408.7亿元``, ``48.6万人``, ``6.4%``,
    ``0.44个百分点``, ``第3位`` (``measure="rank"``), ``7.2%/年`` (unit ``%/yr``); "" for NaN."""
    if _missing(value):
        return ""
    unit = "" if _missing(unit) else str(unit)
    if measure == "rank":
        return format_rank(value)
    base, per_year = _split_per_year(unit)
    if per_year or base in PERCENT_UNITS or base in PP_UNITS:
        return format_rate(value, base, per_year=per_year)
    return _amount(value, unit)


def format_rate(value: float, unit: str = "%", per_year: bool = False) -> str:
    """A rate: ``6.4%``, ``0.44个百分点``, ``7.2%/年``, ``0.15个百分点/年``; an amount per year
    (``26亿美元/年``) for other units. ``%/yr`` and ``pp/yr`` (compare's annual units) work too."""
    if _missing(value):
        return ""
    base, suffix_year = _split_per_year("" if _missing(unit) else str(unit))
    per_year = per_year or suffix_year
    if base in PERCENT_UNITS:
        text = f"{format_number(value)}%"
    elif base in PP_UNITS:
        text = f"{format_number(value)}个百分点"
    else:
        text = _amount(value, base)
    return text + ("/年" if per_year else "")


#: How a qualifier code is written around a value (codes of ``data/units_qualifiers.csv``).
QUALIFIED_FORMS = {
    "at_least": "{}以上",
    "more_than": "超过{}",
    "at_most": "{}以内",
    "less_than": "不到{}",
    "approx": "{}左右",
}


def format_qualified(value: float, unit: str = "", qualifier: str = "") -> str:
    """A value with its qualifier as a document writes it: ``超过36.5万人``, ``8%以上``,
    ``7%左右``; the bare value for no qualifier; "" for NaN.

    >>> format_qualified(365000, "人", "more_than"), format_qualified(8, "%", "at_least")
    ('超过36.5万人', '8%以上')
    """
    text = format_value(value, unit)
    if not text:
        return ""
    q = "" if _missing(qualifier) else str(qualifier)
    return QUALIFIED_FORMS.get(q, "{}").format(text)


def format_change(value: float, unit: str = "", qualifier: str = "") -> str:
    """A change or rate as a plan writes it: a fall with a qualifier as ``下降3%以上`` (not
    ``-3%以上``, which reads the other way); otherwise :func:`format_qualified`.

    >>> format_change(-3.0, "%", "at_least"), format_change(6.0, "%", "approx")
    ('下降3%以上', '6%左右')
    """
    q = "" if _missing(qualifier) else str(qualifier)
    if q and not _missing(value) and float(value) < 0:
        return "下降" + format_qualified(-float(value), unit, q)
    return format_qualified(value, unit, q)


def format_rank(n: float) -> str:
    """``3`` → ``第3位``; "" for NaN."""
    if _missing(n):
        return ""
    x = float(n)
    return f"第{int(x)}位" if x.is_integer() else f"第{format_number(x)}位"


def plain_decimal(value: float, significant: int = 15) -> str:
    """A float for CSV: full value in plain decimal, 15 significant digits (binary noise gone),
    never e-notation: ``1.24087e12`` → ``1240870000000``, ``1639999999.9999998`` → ``1640000000``."""
    if _missing(value):
        return ""
    x = float(value)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    digits = significant - 1 - math.floor(math.log10(abs(x)))
    x = round(x, digits)
    text = f"{x:.{max(digits, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


__all__ = [
    "PERCENT_UNITS",
    "PP_UNITS",
    "QUALIFIED_FORMS",
    "format_change",
    "format_number",
    "format_qualified",
    "format_rank",
    "format_rate",
    "format_value",
    "plain_decimal",
]
