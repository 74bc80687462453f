"""The scan: candidates found in a text, each match read, and the main alternative.

``_scan`` jumps between candidate characters with one character-class search, tries the
alternatives that may start there on a bounded window and hands each match to its reader
(``_HANDLERS``). The main alternative (a number with its magnitude, unit and qualifier words,
maybe a range: ``_main``, ``_single``, ``_range``) is read here because a match it refuses
is re-read as smaller pieces by the scan itself (``_rescan``: 分别为120，150亿元, 不负十四亿,
a range whose ends do not agree). ``_main`` is the hot path of the parser: its common case
builds the Quantity inline, without further calls.
"""

from __future__ import annotations

import re

from ningbo_analysis.numbers.context import (
    _after_list_cue,
    _after_preposition,
    _in_word,
    _noun_unit,
    _pre,
    _stands_alone,
    _style_ok,
    _zh_run_limit,
)
from ningbo_analysis.numbers.forms import (
    _bare_magnitude,
    _date,
    _doubling,
    _fraction,
    _Handler,
    _iso_date,
    _list_marker,
    _money_step,
    _month_range,
    _name,
    _ordinal,
    _per_denominator,
    _percent_zh,
    _plan_name,
    _quarter_range,
    _rank,
    _ratio,
    _tenths,
    _tier,
    _year,
    _year_range,
)
from ningbo_analysis.numbers.lexicon import _Lexicon, _magnitude, _parse_zh, _unit_of
from ningbo_analysis.numbers.money import _money
from ningbo_analysis.numbers.numerals import (
    MAX_DIGITS,
    _is_year_like,
    _numerals,
    _split_zh_magnitude,
    _zh_float,
)
from ningbo_analysis.numbers.patterns import _OPEN_Q, _WINDOW
from ningbo_analysis.numbers.quantity import (
    Quantity,
    _finite,
    _make,
    _QuantityDraft,
    _scaled,
)

_RANGE_KINDS = ("amount", "percent", "percentage_point", "multiple")


def _main(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """The main alternative: a number, its magnitude and unit, qualifiers, maybe a range.

    Reads the low (or only) number and the qualifier words, then hands over to ``_single`` or
    ``_range``. The most common case (a number with a unit of ``units.csv``, no 每 before it,
    no money form around it: 12.5万元, 3.2%, 50个) is finished here, without ``_single``: this
    is the hot path of the scanner, run for most quantities of a text.
    """
    start, end = m.span()
    lo_num, unit_text, hi_num, sign, lo_mag, many, many2, post, per = m.group(
        "lo_num", "lo_unit", "hi_num", "lo_sign", "lo_mag", "lo_many", "lo_many2", "post", "per"
    )
    lo_pos = start
    if sign or per:
        lo_pos = _number_start(m, text, norm, lex, start, sign, per)
    if lo_num[0].isdigit():
        if "，" in lo_num and lo_num.index("，") == 3 and _after_list_cue(norm, lo_pos):
            return _list_halves(m, text, norm, lex, lo_pos)  # 分别为120，150亿元
        # the numeral as written: the group itself when ``norm`` is ``text`` (no slice)
        numeral = (
            lo_num if text is norm and not sign else text[lo_pos - len(sign) : lo_pos + len(lo_num)]
        )
        if "，" in lo_num or "," in lo_num:
            lo_num = lo_num.replace(",", "").replace("，", "")
        if len(lo_num) > MAX_DIGITS:
            return None  # not a number a float can hold (to_number refuses it too)
        try:
            lo_value: float | None = float(lo_num)
        except ValueError:
            return None
        lo_scale = _magnitude(lo_mag, lex) if lo_mag else 1.0
    else:
        read = _chinese_low(m, text, norm, lex, sign, lo_num, unit_text, lo_mag, lo_pos)
        if read is None:
            return None
        lo_value, lo_scale, numeral = read
    if sign and sign != "+":
        lo_value = -lo_value
    # qualifier words: 多, 余, 以上 … after the number; 约, 超过 … before it (not before 每)
    word = many or many2 or post
    qual = lex.qualifiers.get(word, "") if word else ""
    pre_start = start
    if not per and start > floor and norm[start - 1] in lex.pre_last:
        pre_start, pre_qual = _pre(norm, start, floor, lex)
        qual = pre_qual or qual
    if hi_num is not None:
        return _range(m, text, norm, lex, lo_value, lo_scale, numeral, qual, pre_start)
    info = lex.units.get(unit_text)
    if (
        info is None
        or per
        or not info.unit
        or (
            info.kind == "amount"
            and (
                (end < len(norm) and norm[end] in lex.money_next)
                or (pre_start > floor and norm[pre_start - 1] in lex.currency_last)
            )
        )
    ):
        return _single(
            m, text, norm, lex, lo_value, lo_scale, unit_text, per, numeral, qual, pre_start, floor
        )
    # what _single does for a known unit (multiplying by 1.0 is exact: no _scaled call), and
    # _make written out (lo_value and the scales are floats already)
    unit, unit_scale, kind = info
    scale = lo_scale if unit_scale == 1.0 else _scaled(lo_scale, unit_scale)
    q = _QuantityDraft()
    q.value = lo_value if scale == 1.0 else _scaled(lo_value, scale)
    q.unit = unit
    q.scale = scale
    q.raw = text[pre_start:end]
    q.start = pre_start
    q.end = end
    q.qualifier = qual
    q.kind = kind
    q.value_high = None
    q.number = numeral
    q.__class__ = Quantity
    return q


def _number_start(
    m: re.Match[str], text: str, norm: str, lex: _Lexicon, start: int, sign: str, per: str
) -> int:
    """Where the number of a main match starts, after a 每 and its unit and after a sign.

    Computed from the group lengths rather than asked of the match (m.span; the group fromw is
    empty), as ``_main`` is the hot path. A 负 that is a verb (不负十四亿) is not a sign: the
    match is re-read without it.
    """
    lo_pos = start + len(sign) + (len(per) + 1 if per else 0)
    if sign and sign in _numerals().minus and _in_word(norm, lo_pos - 1, lex):
        return _rescan(text, norm, lex, [(lo_pos, m.end())])  # 不负十四亿: 负 is a verb
    return lo_pos


def _list_halves(m: re.Match[str], text: str, norm: str, lex: _Lexicon, lo_pos: int) -> None:
    """Re-read a number with a full-width comma after 分别/依次 as the list it starts.

    分别为120，150亿元 is a list, not 120150亿元 (1，234亿元 and 2，000万元 are numbers).
    """
    cut = norm.index("，", lo_pos)
    return _rescan(text, norm, lex, [(m.start(), cut), (cut + 1, m.end())])


def _chinese_low(
    m: re.Match[str],
    text: str,
    norm: str,
    lex: _Lexicon,
    sign: str,
    lo_num: str,
    lo_unit_text: str,
    lo_mag: str,
    lo_pos: int,
) -> tuple[float, float, str] | None:
    """Value, magnitude and written numeral of a main match's low number in Chinese numerals.

    None when the numeral is a word rather than a quantity: a bare numeral that can be a word
    (万千, 一带一路), one inside a word or set phrase (统一部署, 最多跑一次); a financial
    character that is not one (陆家嘴, 收拾三间) is re-read without it.
    """
    if not (lo_unit_text or m.group("hi_unit") or lo_mag or _stands_alone(sign, lo_num, lex)):
        return None  # bare Chinese numerals are words (万千, 一带一路), not quantities
    if _in_word(norm, lo_pos, lex):
        return None  # 统一部署 is not 1 部, 最多跑一次 is a slogan
    if not lex.financial.isdisjoint(lo_num) and not _style_ok(lo_num, lo_unit_text, lex):
        return _rescan(text, norm, lex, [(lo_pos + 1, m.end())])  # 陆家嘴, 收拾三间
    if lo_num[-1] in lex.big:
        body, lo_scale = _split_zh_magnitude(lo_num, lex.big)
    else:
        body, lo_scale = lo_num, 1.0
    if lo_mag:
        lo_scale *= _magnitude(lo_mag, lex)  # 两个亿
    lo_value = _zh_float(body, "smart")
    if lo_value is None:
        return None
    if text is norm and not sign and body is lo_num:
        numeral = lo_num
    else:
        numeral = text[m.start("lo_sign") if sign else lo_pos : lo_pos + len(body)]
    return lo_value, lo_scale, numeral


def _single(
    m: re.Match[str],
    text: str,
    norm: str,
    lex: _Lexicon,
    value: float,
    scale: float,
    unit_text: str,
    per: str,
    numeral: str,
    qual: str,
    pre_start: int,
    floor: int = 0,
) -> Quantity | None:
    """One number (not a range) of the main alternative, with its unit.

    ``value`` and ``scale`` are the number and its magnitude (``1.7万`` → 1.7, 1e4),
    ``unit_text`` and ``per`` the unit as written and the unit after a 每 before the number
    (passed in rather than read again from ``m``: this is the hot path), ``qual`` and
    ``pre_start`` the qualifier and the start of the span including a word before it.
    Without a unit the number may take one from a noun after it (2000万农村人口 → 人), or be a
    year (到2025) or a name (中国制造2025, “3315计划”).
    """
    start, end = m.span()
    info = lex.units.get(unit_text) if unit_text else None
    if info is not None:
        unit, kind, scale = info.unit, info.kind, _scaled(scale, info.scale)
    elif unit_text:
        unit, kind, scale = _unit_of(unit_text, scale, lex)
    else:
        unit, kind = "", "amount"
    if per:
        if kind != "amount" or not unit:
            return _without_per(m, text, norm, lex)  # 每年2%
        unit = f"{unit}/{lex.units[per].unit}"
    if (
        kind == "amount"
        and not per
        and (
            (end < len(norm) and norm[end] in lex.money_next)
            or (pre_start > floor and norm[pre_start - 1] in lex.currency_last)
        )
    ):
        read = (value, scale, unit_text, unit, qual, numeral, pre_start)
        money = _money(m, text, norm, lex, read, floor)
        if money is not None:
            return money
    if not unit and kind == "amount" and _money_step(norm, start, end, _scaled(value, scale)):
        unit = "元"  # 500亿级园区: a class of size in money
        if norm.startswith("级", end):
            end, qual = end + 1, qual or "at_least"
    if not unit and kind == "amount":
        unit = _noun_unit(norm, end, lex)
        if not unit and scale == 1.0 and _is_year_like(m.group("lo_num")):
            # 到2025 is a year, 中国制造2025 a name
            if _after_preposition(norm, start):
                return _make(text, value, "年", "year", start, end, number=numeral)
            return _make(text, value, "", "name", start, end, number=numeral)
        if not unit and start and norm[start - 1] in _OPEN_Q:
            return _make(text, value, "", "name", start, end, number=numeral)  # “3315计划”
    value = _scaled(value, scale)
    return _make(text, value, unit, kind, pre_start, end, scale, qual, None, numeral)


def _range(
    m: re.Match[str],
    text: str,
    norm: str,
    lex: _Lexicon,
    lo_value: float,
    lo_scale: float,
    numeral: str,
    qual: str,
    pre_start: int,
) -> Quantity | None:
    """A range of the main alternative (``3到5万元``, ``10%—15%``; arguments as ``_single``).

    The low end borrows the magnitude and unit of the high end; two ends that do not make a
    range (other units, a kind that has no range, low above high) are read as two quantities.
    """
    start, end = m.span()
    lo_num, lo_unit_text, lo_mag, sign, hi_num, hi_unit_text, per = m.group(
        "lo_num", "lo_unit", "lo_mag", "lo_sign", "hi_num", "hi_unit", "per"
    )
    high_end = _high_value(m, lex)
    if high_end is None:
        return None
    hi_value, hi_scale = high_end
    if (
        not (lo_unit_text or hi_unit_text or lo_mag or m.group("hi_mag") or sign)
        and _is_year_like(lo_num)
        and _is_year_like(hi_num)
        and lo_value < hi_value
    ):
        # 2021-2025 without 年 is a span of years too
        return _make(text, lo_value, "年", "year", start, end, high=hi_value, number=m[0])
    hi_unit, hi_kind, hi_total = _unit_of(hi_unit_text or lo_unit_text, hi_scale, lex)
    if not lo_mag and not lo_unit_text and lo_scale == 1.0:
        lo_total = hi_total
    else:
        lo_unit, _kind, lo_total = _unit_of(lo_unit_text or hi_unit_text, lo_scale, lex)
        if lo_unit != hi_unit:
            return _rescan(text, norm, lex, _halves(m, start, end))
    if hi_kind not in _RANGE_KINDS:
        return _rescan(text, norm, lex, _halves(m, start, end))
    low, high = _scaled(lo_value, lo_total), _scaled(hi_value, hi_total)
    if low > high:
        return _rescan(text, norm, lex, _halves(m, start, end))
    if per:
        if hi_kind != "amount" or not hi_unit:
            return _without_per(m, text, norm, lex)
        hi_unit = f"{hi_unit}/{lex.units[per].unit}"
    return _make(text, low, hi_unit, "range", pre_start, end, hi_total, qual, high, numeral)


def _high_value(m: re.Match[str], lex: _Lexicon) -> tuple[float, float] | None:
    """Value (signed) and magnitude of the high end of a range, None if unreadable."""
    hi_num = m.group("hi_num")
    if hi_num[0].isdigit():
        try:
            hi_value: float | None = float(hi_num.replace(",", ""))
        except ValueError:
            return None
        hi_scale = _magnitude(m.group("hi_mag"), lex)
    else:
        body, hi_scale = _split_zh_magnitude(hi_num, lex.big)
        hi_value = _parse_zh(body, lex)
    if hi_value is None:
        return None
    if m.group("hi_sign") == "-":
        hi_value = -hi_value
    return hi_value, hi_scale


def _without_per(m: re.Match[str], text: str, norm: str, lex: _Lexicon) -> None:
    """Re-read a match without its 每, which does not belong to the number (每年2%)."""
    start = m.start("lo_sign") if m.group("lo_sign") else m.start("lo_num")
    return _rescan(text, norm, lex, [(start, m.end())])


_CHAIN_PART = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _structure(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> None:
    """``3∶27∶70``: a structure whose parts add up to 100 is read as its parts, each a percent
    (三次产业结构调整为3∶27∶70 → 3 %, 27 %, 70 %); other chains (10:30:00) are no quantity."""
    parts = list(_CHAIN_PART.finditer(norm, m.start(), m.end()))
    values = [float(p[0].replace(",", "")) for p in parts]
    if not 99.0 <= sum(values) <= 101.0:
        return None
    raise _Rescan(
        [
            _make(text, v, "%", "amount", p.start(), p.end(), number=text[p.start() : p.end()])
            for v, p in zip(values, parts, strict=True)
        ]
    )


# The handler of each alternative of the scanner, by its group name.
_HANDLERS: dict[str, _Handler] = {
    "iso": _iso_date,
    "date": _date,
    "mrange": _month_range,
    "qrange": _quarter_range,
    "yrange": _year_range,
    "year": _year,
    "plan": _plan_name,
    "ordinal": _ordinal,
    "rank": _rank,
    "per_den": _per_denominator,
    "marker": _list_marker,
    "name": _name,
    "chain": _structure,
    "ratio": _ratio,
    "tier": _tier,
    "frac": _fraction,
    "pct_zh": _percent_zh,
    "tenths": _tenths,
    "fanfan": _doubling,
    "bare_mag": _bare_magnitude,
    "q": _main,
}


class _Rescan(Exception):
    """Internal: a match must be re-read as smaller pieces."""

    def __init__(self, pieces: list[Quantity]):
        super().__init__()
        self.pieces = pieces


def _halves(m: re.Match[str], start: int, end: int) -> list[tuple[int, int]]:
    """Bounds of the two sides of a rejected range: before and from the high number."""
    split = m.start("hi_sign") if m.group("hi_sign") else m.start("hi_num")
    low_end = max(m.end(g) for g in ("lo_num", "lo_many", "lo_mag", "lo_many2", "lo_unit"))
    return [(start, low_end), (split, end)]


def _rescan(text: str, norm: str, lex: _Lexicon, bounds: list[tuple[int, int]]) -> None:
    """Re-read pieces of a match as separate quantities (raised up to the scanner)."""
    pieces: list[Quantity] = []
    for a, b in bounds:
        if a < b:
            pieces.extend(_scan(text, norm, lex, a, b))
    raise _Rescan(pieces)


_ERRORS = (ValueError, OverflowError, KeyError, ZeroDivisionError, TypeError, IndexError)


def _scan(text: str, norm: str, lex: _Lexicon, pos: int = 0, endpos: int | None = None):
    """Quantities in ``text[pos:endpos]`` (``norm`` is the width-normalized text)."""
    out: list[Quantity] = []
    append = out.append
    floor = pos
    endpos = len(text) if endpos is None else endpos
    pats = lex.patterns
    search, zh_chars = pats.candidate.search, pats.zh_chars
    digit, zh, other = pats.digit.match, pats.zh.match, pats.other.match
    minus = _numerals().minus
    handlers = _HANDLERS
    window = _WINDOW
    inner = run_end = -1  # positions inner .. run_end-1 of a run of numerals are left to try
    if 0 < pos < endpos and norm[pos] in zh_chars and norm[pos - 1] in zh_chars:
        # a re-read that starts inside a run of numeral characters (收拾三间 after 拾)
        end = pats.zh_run.match(norm, pos, min(endpos, pos + window)).end()
        inner, run_end = pos, _zh_run_limit(norm, pos - 1, end, endpos, lex)
    # Jump between candidate characters with a character-class search (fast in C), then try
    # the alternatives that can start on that character, on a bounded window. The search finds
    # a run of Chinese numeral characters at its start; if nothing is found there, the other
    # positions of the run worth a try are tried from here (``_zh_run_limit``).
    while True:
        if pos < run_end and pos >= inner:
            i = pos
        else:
            c = search(norm, pos, endpos)
            if c is None:
                break
            i = c.start()
        ch = norm[i]
        stop = i + window
        if stop > endpos:
            stop = endpos
        if "0" <= ch <= "9" or ch.isdigit():
            m = digit(norm, i, stop)
        elif ch in zh_chars:
            m = zh(norm, i, stop)
            if m is None or (m.end() < endpos and norm[m.end()] in zh_chars):
                if not inner <= i < run_end:  # the run's other positions: judge them once
                    end = pats.zh_run.match(norm, i, stop).end()
                    inner, run_end = i + 1, _zh_run_limit(norm, i, end, endpos, lex)
        elif ch in minus and not (i + 1 < endpos and norm[i + 1] in zh_chars):
            m = None
        else:
            m = other(norm, i, stop)
        if m is None:
            pos = i + 1
            continue
        pos = m.end()
        if pos <= i:
            pos = i + 1
        try:
            q = handlers[m.lastgroup](m, text, norm, lex, floor)
        except _Rescan as again:
            out.extend(again.pieces)
            if again.pieces:
                floor = again.pieces[-1].end
                if floor > pos:
                    pos = floor
            continue
        except _ERRORS:
            continue  # a malformed numeral: skip it rather than fail the whole text
        if q is not None:
            v = q.value
            # inf or NaN (a numeral too long for a float): v - v is 0.0 for a finite value
            if (v - v != 0.0 or q.value_high is not None) and not _finite(q):
                continue
            append(q)
            floor = q.end
            if floor > pos:
                pos = floor
    return out


__all__: list[str] = []
