"""Readers of the scanner's alternatives other than the main one, one per form of number.

Each turns one kind of match into a :class:`~ningbo_analysis.numbers.quantity.Quantity`, or
None when it is not a quantity after all: ISO and written dates, month, quarter and year
ranges, years, plan names (十四五), ordinals and ranks, the denominator of a rate (每千人),
list markers, names (5G, PM2.5), ratios, fractions, percentages in words (百分之三),
doublings (翻两番) and a bare magnitude after a qualifier (超过万人). The main alternative (a
number with its magnitude and unit, maybe a range) is read in ``scanner``, where pieces of a
match can be re-read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal

from ningbo_analysis.numbers.context import _pre
from ningbo_analysis.numbers.lexicon import _Lexicon, _magnitude, _number, _parse_zh, _unit_of
from ningbo_analysis.numbers.numerals import _numerals, _to_decimal
from ningbo_analysis.numbers.patterns import _CLOSE_Q, _OPEN_Q
from ningbo_analysis.numbers.quantity import Quantity, _make, _scaled

_RATIO_SPLIT = re.compile(r"\s*[:：∶]\s*")


_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


# Every handler below (and ``scanner._main``) turns one kind of scanner match (named by the
# alternative, see ``patterns._compile``) into a Quantity, or None when it is not a quantity
# after all. They share one signature: (match, text, width-normalized text, lexicon, floor),
# ``floor`` being the end of the previous quantity (qualifier words before a number are not
# taken back beyond it).
_Handler = Callable[[re.Match[str], str, str, _Lexicon, int], Quantity | None]


def _iso_date(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity:
    """``2025-07-08``: a date, the value is its year."""
    start, end = m.span()
    return _make(text, float(norm[start : start + 4]), "", "date", start, end, number=m[0])


def _date(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity:
    """``2021年2月21日``, ``12月31日``: a date, the value is its year (NaN if not written)."""
    start, end = m.span()
    year = m.group("d_y")
    value = float(year) if year else math.nan
    return _make(text, value, "", "date", start, end, number=text[start:end])


def _month_range(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``1-11月``: months 1 to 11 (None unless the first month comes before the last)."""
    start, end = m.span()
    lo, hi = int(m.group("mr_lo")), int(m.group("mr_hi"))
    if lo >= hi:
        return None
    return _make(text, lo, "月", "month_range", start, end, high=float(hi), number=m[0])


def _quarter_range(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``前三季度``, ``前5个月``: the months from January (1 .. 9, 1 .. 5)."""
    start, end = m.span()
    n = _number(m.group("qr_n"), lex) or 0
    months = n * 3 if "季度" in m.group("qr_u") else n
    if not 1 <= months <= 12:
        return None
    return _make(
        text, 1, "月", "month_range", start, end, high=float(months), number=m.group("qr_n")
    )


def _year_range(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``2016—2020年``: a span of years between 1949 and 2100."""
    start, end = m.span()
    lo, hi = int(m.group("yr_lo")), int(m.group("yr_hi"))
    if not (1949 <= lo < hi <= 2100):
        return None
    return _make(text, lo, "年", "year", start, end, high=float(hi), number=m[0])


def _year(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``2020年``, ``二〇三五年``: a year; outside 1949–2100 a duration (建城1200年)."""
    start, end = m.span()
    value = _number(m.group("y_num"), lex)
    if value is None:
        return None
    kind = "year" if 1949 <= value <= 2100 else "amount"
    return _make(text, value, "年", kind, start, end, 1.0, "", None, text[start : end - 1])


def _plan_name(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``十四五``, ``第十四个五年规划``: a plan's number; quotes around it join the span."""
    start, end = m.span()
    numeral = m.group("pl_num") or (m[0][:2])
    value = _number(numeral, lex)
    if value is None:
        return None
    if start and end < len(norm) and norm[start - 1] in _OPEN_Q and norm[end] in _CLOSE_Q:
        start, end = start - 1, end + 1  # “十四五”
    return _make(text, value, "", "plan_name", start, end, 1.0, "", None, numeral)


def _ordinal(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``第十五届``, ``九次全会``: an ordinal with its counter; ``第3位`` is a rank."""
    start, end = m.span()
    numeral, word, numeral2, word2 = m.group("or_num", "or_unit", "or_num2", "or_unit2")
    if not numeral:
        numeral, word = numeral2, word2
    value = _number(numeral, lex)
    if value is None:
        return None
    kind = "rank" if word in ("位", "名") else "ordinal"
    return _make(text, value, word, kind, start, end, 1.0, "", None, numeral)


def _rank(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``前5``, ``前十位``: a rank at most N."""
    start, end = m.span()
    numeral = m.group("rk_num")
    value = _number(numeral, lex)
    if value is None:
        return None
    unit = m.group("rk_unit") or ""
    return _make(text, value, unit, "rank", start, end, qualifier="at_most", number=numeral)


def _per_denominator(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``每千人``, ``每万元``: the denominator of a rate, a name."""
    start, end = m.span()
    numeral = m.group("pd_num")
    if all(c in lex.small or c in lex.big for c in numeral):
        value: float | None = _magnitude(numeral, lex)  # 每千人, 每百名
    else:
        value = _number(numeral, lex)
    if value is None:
        return None
    info = lex.units[m.group("pd_unit")]
    value = _scaled(value, info.scale)
    return _make(text, value, info.unit, "name", start, end, number=numeral)


def _list_marker(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``一是``, ``(三)``, ``3.`` at a line start, ``①``: a list marker."""
    start, end = m.span()
    raw = m[0]
    number = raw.rstrip(".、是")
    if "①" <= raw <= "⑳":
        value = float(ord(raw) - ord("①") + 1)
    else:
        value = _number(number, lex)
    if value is None:
        return None
    if start and end < len(norm) and norm[start - 1] in "([（" and norm[end] in ")]）":
        start, end = start - 1, end + 1  # (三)
    return _make(text, value, "", "list_marker", start, end, 1.0, "", None, number)


def _name(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity:
    """``5G``, ``PM2.5``, ``“246”``, ``17+1``: a name; the value is its first number."""
    start, end = m.span()
    if m.group("nm_q") and start - 1 >= floor:  # “246”: the quotes belong to the name (not a
        start, end = start - 1, end + 1  # quote the quantity before has taken: “0"0”)
    digits = _FIRST_NUMBER.search(norm, m.start(), m.end())
    value = float(digits.group()) if digits else math.nan
    return _make(text, value, "", "name", start, end, 1.0, "", None, text[start:end])


def _ratio(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``1.81:1``: left / right (None when the right side is 0)."""
    start, end = m.span()
    left, right = (float(p.replace(",", "")) for p in _RATIO_SPLIT.split(m[0]))
    if right == 0:
        return None
    return _make(text, left / right, "", "ratio", start, end, number=text[start:end])


def _fraction(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``1/3``, ``三分之一``: a fraction, kind fraction (value numerator / denominator).

    An Arabic fraction needs 0 < numerator < denominator (2021/3 is not a share) and no unit
    or letter after it (3/4号线, 7/24小时 are not fractions).
    """
    start, end = m.span()
    tab = _numerals()
    if m.group("fr_n"):
        num, den = Decimal(m.group("fr_n")), Decimal(m.group("fr_d"))
        if not 0 < num < den:
            return None
        number = norm[start : m.end("fr_d")]
    else:
        den = _to_decimal(m.group("fr_zd"), "normal", tab)[0]
        num = _to_decimal(m.group("fr_zn"), "smart", tab)[0]
        if num is None or not den:
            return None
        number = text[start : m.end("fr_zn")]
    post = m.group("fr_post")
    qual = lex.qualifiers.get(post, "") if post else ""
    start, pre_qual = _pre(norm, start, floor, lex)
    value = float(num / den)
    return _make(text, value, "", "fraction", start, end, 1.0, pre_qual or qual, number=number)


def _percent_zh(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int
) -> Quantity | None:
    """``百分之三`` (3 %), ``千分之五`` (0.5 %), with a qualifier word before it."""
    start, end = m.span()
    numeral = m.group("pz_num")
    value = 100.0 if numeral == "百" else _number(numeral, lex)
    if value is None:
        return None
    scale = 0.1 if m.group("pz_base") == "千" else 1.0
    start, qual = _pre(norm, start, floor, lex)
    value = _scaled(value, scale)
    return _make(text, value, "%", "percent", start, end, scale, qual, number=numeral)


def _tenths(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``七成`` (70 %), ``七成五`` (75 %), ``八成以上``, ``超七成``: a share in tenths, a percent."""
    start, end = m.span()
    tens, ones = _number(m.group("tn_n"), lex), _number(m.group("tn_m"), lex)
    if tens is None:
        return None
    post = m.group("tn_post")
    qual = lex.qualifiers.get(post, "") if post else ""
    start, pre_qual = _pre(norm, start, floor, lex)
    number = text[m.start("tn_n") : m.end("tn_m")]
    value = tens * 10 + (ones or 0.0)
    return _make(text, value, "%", "percent", start, end, 1.0, pre_qual or qual, number=number)


def _doubling(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``翻番`` (2 倍), ``翻两番`` (4 倍), ``倍增`` (a doubling, 2 倍): a multiple."""
    start, end = m.span()
    n_text = m.group("ff_n")
    n = _number(n_text, lex) if n_text else 1.0
    if n is None:
        return None
    return _make(text, 2.0**n, "倍", "multiple", start, end, number=n_text or "")


def _bare_magnitude(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity:
    """``超过万人``: a magnitude word with a unit and no number, after a qualifier."""
    start, end = m.span()
    unit, kind, scale = _unit_of(m.group("bm_unit"), _magnitude(m.group("bm_mag"), lex), lex)
    if not unit and kind == "amount" and _money_step(norm, start, end, scale):
        unit = "元"  # 迈上千亿台阶, 突破五千亿关口
        if norm.startswith("级", end):
            end += 1  # 迈上万亿级地区生产总值: a class of size
        step = next((w for w in _PASSED if norm.startswith(w, end)), "")
        end += len(step)  # 突破万亿大关: the milestone is part of the figure, not of the next name
    start, qual = _pre(norm, start, floor, lex)
    return _make(text, scale, unit, kind, start, end, scale, qual, number="")


__all__: list[str] = []


# a count of the things a size class describes (5个千亿级产业: the count is the figure)
_COUNT_BEFORE = re.compile(r"(?:\d+|[一二三四五六七八九十两几]+)[个家条项批座]$")
# after a sum of 亿 and more without a unit: the class or step of a sum of money
_MONEY_STEP = ("级", "台阶", "关口", "大关", "基座")
#: milestones read with the sum before them (台阶 is left to the names: 迈上…台阶 stays readable)
_PASSED = ("大关", "关口", "基座")


def _money_step(norm: str, start: int, end: int, value: float) -> bool:
    """``500亿级``, ``迈上千亿台阶``, ``突破五千亿关口``: a sum of 亿 or more written without a unit
    before a size class or a step is money (元), unless a count of the things comes first."""
    return (
        value >= 1e8
        and norm.startswith(_MONEY_STEP, end)
        and not _COUNT_BEFORE.search(norm, max(0, start - 4), start)
    )


def _tier(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``千亿级``: at least 1000亿元 (a class of size); ``千万级``: at least 1000万 of what its
    noun counts (no unit: 千万级常住人口 takes 人 from its noun); None below 万 or after a count
    of the things (5个千亿级产业)."""
    start, end = m.span()
    word = m.group("tr_mag")
    value = float(_parse_zh(word) or _magnitude(word, lex))
    if value < 1e4 or _COUNT_BEFORE.search(norm, max(0, start - 4), start):
        return None
    unit = "元" if _money_step(norm, start, end, value) else ""
    return _make(text, value, unit, "amount", start, end + 1, value, "at_least", number="")
