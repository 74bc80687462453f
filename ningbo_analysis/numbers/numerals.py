"""Chinese numerals read exactly: ``to_number`` and the numeral tables it reads them with.

The lowest module of the parser. It holds the numeral characters of ``numerals_zh.csv`` and
the written-money characters of ``currencies.csv`` (``_numerals``), the exact reader of a
whole numeral string in the strict, normal and smart modes (:func:`to_number`, ``_to_decimal``
and its pieces), the standard reading of an integer that strict mode compares with, and the
float value of a numeral the scanner asks for (``_zh_float``, remembered). It also holds the
two things every other module of the parser shares: the full-width normalization that keeps
offsets (``_normalize``) and the reader of the lexicon CSV files (``_read``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ningbo_analysis.errors import NingboAnalysisError, NumberError, ParameterError
from ningbo_analysis.resources import read_data_csv

# Full-width and look-alike characters mapped one-to-one so offsets do not move. Only texts that
# hold one of them are translated (most Chinese text has none); the common full-width
# punctuation （）：， is matched by the patterns directly. ``\d`` matches ０-９ as well.
_WIDTH_MAP = {0xFF10 + i: ord("0") + i for i in range(10)}
_WIDTH_MAP.update({0xFF21 + i: ord("A") + i for i in range(26)})
_WIDTH_MAP.update({0xFF41 + i: ord("a") + i for i in range(26)})
_WIDTH_MAP.update(
    {
        ord("％"): ord("%"),
        ord("．"): ord("."),
        ord("＋"): ord("+"),
        ord("－"): ord("-"),
        ord("−"): ord("-"),
        ord("～"): ord("~"),
        ord("〜"): ord("~"),
        ord("／"): ord("/"),
        ord("＿"): ord("_"),
    }
)
_NEEDS_WIDTH_MAP = re.compile("[" + "".join(map(chr, sorted(_WIDTH_MAP))) + "]")


def _normalize(text: str) -> str:
    """``text`` with full-width digits, letters and signs made ASCII (same length)."""
    return text.translate(_WIDTH_MAP) if _NEEDS_WIDTH_MAP.search(text) else text


def _read(name: str, columns: list[str]) -> pd.DataFrame:
    """Read a lexicon CSV and check it has ``columns``."""
    try:
        frame = read_data_csv(name)
    except (OSError, ValueError) as exc:  # pragma: no cover - broken installation
        raise NingboAnalysisError(f"data file {name}: cannot be read ({exc})") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise NingboAnalysisError(f"data file {name}: missing columns {missing}")
    return frame


MODES = ("strict", "normal", "smart")
MAX_DIGITS = 30  # digits an integer part (or the decimals) may have; longer numerals are refused
_LIMIT = 10**MAX_DIGITS


class _Numerals(NamedTuple):
    """Characters numerals and written amounts are made of (numerals_zh.csv, currencies.csv)."""

    digits: dict[str, int]  # 零 一 … 九, 〇 两 壹 …
    small: dict[str, int]  # 十 百 千 (拾 佰 仟) → power of ten
    big: dict[str, int]  # 万 亿 (萬 億) → power of ten
    tens: dict[str, str]  # 廿 → 二十
    point: frozenset[str]  # 点
    minus: frozenset[str]  # 负
    canon: dict[str, str]  # any numeral character → the ordinary one (壹 → 一, 两 → 二, 萬 → 万)
    positional_zero: frozenset[str]  # 〇: a zero of positional numerals only (二〇三五)
    yuan: frozenset[str]  # one-character 元 units sub-units may follow (元 圆 块)
    sub: dict[str, Decimal]  # 角 毛 → 0.1, 分 → 0.01
    end: frozenset[str]  # 整 正: close a written amount
    suffix: frozenset[str]  # 钱: may follow 块 or a sub-unit
    financial: frozenset[str]  # 壹 … 玖 拾 佰 仟: characters of the financial style only


@lru_cache(maxsize=1)
def _numerals() -> _Numerals:
    """Read the numeral and currency tables (once)."""
    frame = _read("numerals_zh.csv", ["char", "value", "role", "financial"])
    digits: dict[str, int] = {}
    small: dict[str, int] = {}
    big: dict[str, int] = {}
    values: dict[str, int] = {}
    canon: dict[str, str] = {}
    first: dict[tuple[str, int], str] = {}
    for row in frame.itertuples(index=False):
        value = int(row.value)
        if row.role in ("digit", "small", "big"):
            first.setdefault((row.role, value), row.char)
            canon[row.char] = first[(row.role, value)]
        if row.role == "digit":
            digits[row.char] = value
        elif row.role in ("small", "big"):
            power = len(str(value)) - 1
            if value != 10**power:
                raise NingboAnalysisError(
                    f"data file numerals_zh.csv: {row.char} is not a power of ten"
                )
            (small if row.role == "small" else big)[row.char] = power
        values[row.char] = value
    zero = first[("digit", 0)]
    ten = first[("small", 10)]
    tens = {
        r.char: first[("digit", int(r.value) // 10)] + ten
        for r in frame.itertuples(index=False)
        if r.role == "tens"
    }
    point = frozenset(frame.loc[frame["role"] == "point", "char"])
    minus = frozenset(frame.loc[frame["role"] == "minus", "char"])
    cur = _read("currencies.csv", ["surface", "unit", "iso", "scale", "role", "before"])
    yuan = frozenset(
        r.surface
        for r in cur.itertuples(index=False)
        if r.iso == "CNY" and r.role in ("main", "colloquial") and len(r.surface) == 1
    )
    sub = {r.surface: Decimal(r.scale) for r in cur.itertuples(index=False) if r.role == "sub"}
    end = frozenset(cur.loc[cur["role"] == "end", "surface"])
    suffix = frozenset(cur.loc[cur["role"] == "suffix", "surface"])
    positional_zero = frozenset(c for c, v in digits.items() if v == 0 and c != zero)
    financial = frozenset(frame.loc[frame["financial"] == "1", "char"])
    return _Numerals(
        digits,
        small,
        big,
        tens,
        point,
        minus,
        canon,
        positional_zero,
        yuan,
        sub,
        end,
        suffix,
        financial,
    )


def to_number(s: str, mode: str = "strict") -> Decimal:
    """Exact value of a whole numeral string, as a :class:`~decimal.Decimal`.

    Reads Arabic, Chinese (一百零一, 二〇三五, 廿二), financial (壹万贰仟叁佰肆拾伍, 萬, 億) and
    written amounts of money in 元 (壹拾壹元整, 玖仟陆佰陆拾伍圆壹角捌分, 十块三毛), with 点 for
    the decimal point, 负 for a minus sign, 两/〇/零 and 万/亿/万亿 grouping. The result is
    exact (``to_number("16.4亿", mode="smart") == 1640000000``); integral values come back
    without an exponent (``Decimal("1640000000")``). ``mode`` picks how much is accepted, as in
    the numeral converters (cn2an):

    * ``"strict"`` (default): only well-formed numerals, the way they are written out in full:
      一千零一十 (or 一千零十), 十五, 壹拾壹元整; a written amount ends in 整/正 or 角/分;
    * ``"normal"``: also positional digits (一二三, 二〇三五), spoken short forms (三万五 =
      35000, 两千六 = 2600, 一百二 = 120, 一千一十 = 1010), trailing zeros (零点一零), and
      an amount ending in 元;
    * ``"smart"``: also Arabic digits, alone or mixed with Chinese ones (10.1万, -10.1万,
      100万三千, 1万600, 200亿零四千230, 一百点123, 82,225.00, 123元1角1分).

    Raises :class:`~ningbo_analysis.errors.NumberError` (a ``ValueError``) naming the string
    and the reason for anything else — a unit after the number (``"3.5个百分点"``: read such
    text with ``parse_quantities``), a form of another mode, numbers of more than
    ``MAX_DIGITS`` (30) digits before or after the point (they would not fit a float) — and
    ``TypeError`` for a value that is not a string.

    >>> to_number("3.5个百分点", mode="smart")
    Traceback (most recent call last):
    ...
    ningbo_analysis.errors.NumberError: not a number in smart mode: '3.5个百分点' (a unit follows the number 3.5: '个百分点'; use parse_quantities)
    """
    if not isinstance(mode, str) or mode not in MODES:
        raise ParameterError(f"to_number: mode must be one of {', '.join(MODES)}, not {mode!r}")
    if not isinstance(s, str):
        raise TypeError(f"to_number: expected a str, got {type(s).__name__} {s!r}"[:200])
    tab = _numerals()
    text = _normalize(s).strip()
    value, why = _to_decimal(text, mode, tab)
    if value is None:
        raise NumberError(f"not a number in {mode} mode: {s!r} ({_reason(text, mode, why, tab)})")
    return value


#: Characters that continue a number rather than follow it as a unit.
_NUMBER_PUNCTUATION = frozenset(".,，-+")


def _reason(s: str, mode: str, why: str, tab: _Numerals) -> str:
    """Why ``s`` is not a number in ``mode``: the reader's reason, unless a number (in any
    mode) is followed by a unit or word (``3.5个百分点``) or the whole reads in smart mode."""
    if mode != "smart" and _to_decimal(s, "smart", tab)[0] is not None:
        return f"{why}; mode='smart' reads it"
    numeral = set(tab.digits) | set(tab.small) | set(tab.big) | set(tab.point) | set(tab.tens)
    for k in range(min(len(s), 60) - 1, 0, -1):
        rest = s[k:]
        if rest[0] in numeral or rest[0].isdigit() or rest[0] in _NUMBER_PUNCTUATION:
            continue
        head, _ = _to_decimal(s[:k], "smart", tab)
        if head is not None:
            return f"a unit follows the number {head}: {rest!r}; use parse_quantities"
    return why


def _to_decimal(s: str, mode: str, tab: _Numerals) -> tuple[Decimal | None, str]:
    """``to_number`` without the checks: (value, "") or (None, the reason)."""
    if not s:
        return None, "empty"
    negative = False
    if s[0] in tab.minus or (mode == "smart" and s[0] in "-+"):
        negative = s[0] != "+"
        s = s[1:]
    if tab.tens and any(c in tab.tens for c in s):
        s = "".join(tab.tens.get(c, c) for c in s)  # 廿二 → 二十二
    if mode == "smart" and "，" in s:
        s = s.replace("，", ",")  # 82，225.00
    value, why = _money_or_plain(s, mode, tab)
    if value is None:
        return None, why
    if value == value.to_integral_value():
        value = Decimal(int(value))
    return (-value if negative else value), ""


def _money_or_plain(s: str, mode: str, tab: _Numerals) -> tuple[Decimal | None, str]:
    """A numeral, or an amount written in 元 with its sub-units (壹拾壹元壹角壹分)."""
    k = next((i for i, c in enumerate(s) if c in tab.yuan or c in tab.sub), -1)
    if k < 0:
        return _plain(s, mode, tab)
    head, rest = s[:k], s[k:]
    base = Decimal(0)
    if rest[0] in tab.yuan:
        if not head:
            return None, "no number before the unit"
        base, why = _plain(head, mode, tab)
        if base is None:
            return None, why
        rest = rest[1:]
        if rest in tab.end or (mode != "strict" and rest in tab.suffix):
            return base, ""
        if not rest:
            if mode == "strict":
                return None, "strict: a written amount ends in 整/正 or 角/分"
            return base, ""
    elif head:
        rest = s  # 肆角叁分, 壹分: sub-units only
    if mode != "strict" and rest[-1:] in tab.suffix:
        rest = rest[:-1]
    cents, why = _sub_units(rest, mode, tab)
    if cents is None:
        return None, why
    if cents and base != base.to_integral_value():
        return None, "decimals and sub-units together"
    return base + cents, ""


def _sub_units(rest: str, mode: str, tab: _Numerals) -> tuple[Decimal | None, str]:
    """Value of sub-units in 元: 壹角捌分 → 0.18, 零壹分 → 0.01 (each at most once, in order)."""
    total = Decimal(0)
    last = Decimal(1)
    i, n = 0, len(rest)
    while i < n:
        if tab.digits.get(rest[i]) == 0 and i + 1 < n:
            i += 1  # 壹元零壹分
        c = rest[i]
        digit = tab.digits.get(c)
        if digit is None and mode == "smart" and "0" <= c <= "9":
            digit = int(c)
        scale = tab.sub.get(rest[i + 1]) if digit is not None and i + 1 < n else None
        if scale is None or scale >= last:
            return None, f"cannot read {rest!r} as 角/分"
        total += digit * scale
        last = scale
        i += 2
    return total, ""


def _plain(s: str, mode: str, tab: _Numerals) -> tuple[Decimal | None, str]:
    """A numeral without sign or money: integer part, maybe a point and decimals."""
    points = [i for i, c in enumerate(s) if c in tab.point or (mode == "smart" and c == ".")]
    if not points:
        value, why = _integer(s, mode, tab)
        return (None, why) if value is None else (Decimal(value), "")
    if len(points) > 1:
        return None, "more than one decimal point"
    head, decimals = s[: points[0]], s[points[0] + 1 :]
    if not head or not decimals:
        return None, "a decimal point without digits on both sides"
    power = 0
    if mode != "strict":  # 二十二点三亿, 10.1万: a magnitude after the decimals
        while decimals and decimals[-1] in tab.big:
            power += tab.big[decimals[-1]]
            decimals = decimals[:-1]
    if not decimals or len(decimals) > MAX_DIGITS:
        return None, f"decimals must be 1 to {MAX_DIGITS} digits"
    out = []
    for c in decimals:
        if c in tab.digits:
            out.append(str(tab.digits[c]))
        elif mode == "smart" and "0" <= c <= "9":
            out.append(c)
        else:
            return None, f"{c!r} is not a decimal digit"
    if mode == "strict" and out[-1] == "0":
        return None, "strict: decimals do not end in 零"
    whole, why = _integer(head, mode, tab)
    if whole is None:
        return None, why
    value = Decimal(f"{whole}.{''.join(out)}").scaleb(power)
    if abs(value) >= _LIMIT:
        return None, f"more than {MAX_DIGITS} digits"
    return value, ""


def _integer(s: str, mode: str, tab: _Numerals) -> tuple[int | None, str]:
    """An integer numeral: positional (一二三), Arabic (smart) or grouped (一千零一)."""
    if not s:
        return None, "no digits"
    digits = tab.digits
    if all(c in digits for c in s):
        if mode == "strict" and (len(s) > 1 or s in tab.positional_zero):
            return None, "strict: positional digits (一二三, 〇) are read in normal mode"
        if len(s) > MAX_DIGITS:
            return None, f"more than {MAX_DIGITS} digits"
        return int("".join(str(digits[c]) for c in s)), ""
    if mode == "smart" and s.isascii():
        text = s.replace(",", "")
        if not text.isdigit() or ("," in s and not _THOUSANDS.fullmatch(s)):
            return None, "not an Arabic integer"
        if len(text) > MAX_DIGITS:
            return None, f"more than {MAX_DIGITS} digits"
        return int(text), ""
    value, why = _grouped(s, mode, tab)
    if value is None or mode != "strict":
        return value, why
    if _strict_form(s, tab) != _strict_form(_reading(value), tab):
        return None, "strict: not written the standard way (use normal mode)"
    return value, ""


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DIGITLESS_AFTER_ZERO = re.compile("零一([十百千])")


def _strict_form(s: str, tab: _Numerals) -> str:
    """A grouped numeral in ordinary characters, with the 一 that may be left out removed.

    十五 and 一十五, 一千零十 and 一千零一十 are both well formed.
    """
    s = "".join(tab.canon.get(c, c) for c in s)
    s = _DIGITLESS_AFTER_ZERO.sub(r"零\1", s)
    return s[1:] if s.startswith("一十") else s


def _grouped(s: str, mode: str, tab: _Numerals) -> tuple[int | None, str]:
    """A numeral grouped with 十百千 and 万亿 (一千零一, 三万五, 100万三千 in smart mode)."""
    total = section = 0
    digit: int | None = None
    arabic = zero = False
    last_small = 99  # power of the last 十百千 in this section (they must decrease)
    last_big = 99  # power of the last 万亿 not merged into a bigger one
    top_big = 0
    last_unit: int | None = None  # power of the last unit read (for 三万五 = 35000)
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if "0" <= c <= "9":
            if mode != "smart" or digit is not None:
                return None, "Arabic digits in a Chinese numeral (smart mode)"
            j = i
            while j < n and "0" <= s[j] <= "9":
                j += 1
            if j - i > MAX_DIGITS:
                return None, f"more than {MAX_DIGITS} digits"
            digit, arabic, i = int(s[i:j]), True, j
            continue
        i += 1
        value = tab.digits.get(c)
        if value is not None:
            if digit is not None:
                return None, "two digits in a row in a grouped numeral"
            if value == 0:
                zero = True
            else:
                digit, arabic = value, False
            continue
        power = tab.small.get(c)
        if power is not None:
            if power >= last_small:
                return None, "units out of order"
            section += (1 if digit is None else digit) * 10**power
            digit, last_small, last_unit, zero = None, power, power, False
            continue
        power = tab.big.get(c)
        if power is None:
            return None, f"{c!r} is not a numeral character"
        current = section + (digit or 0)
        if power > top_big:
            if current == 0 and total == 0:
                return None, f"{c!r} without a number before it"
            total = (total + current) * 10**power
            top_big = power
        elif power < last_big and current:
            total += current * 10**power
        else:
            return None, "units out of order"
        if total >= _LIMIT:
            return None, f"more than {MAX_DIGITS} digits"
        section, digit, zero = 0, None, False
        last_small, last_big, last_unit = 99, power, power
    if digit is not None:
        if arabic:
            if last_unit is not None and digit >= 10**last_unit:
                return None, "the number after a unit is too large for it"
            section += digit
        elif last_unit is not None and last_unit >= 2 and not zero:
            if mode == "strict":
                return None, "strict: a digit after a unit without its own unit (三万五)"
            section += digit * 10 ** (last_unit - 1)  # 三万五 = 35000, 两千六 = 2600
        else:
            section += digit
    return total + section, ""


def _reading(n: int) -> str:
    """The standard Chinese reading of a non-negative integer (1010 → 一千零一十)."""
    if n == 0:
        return "零"
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        rest = "" if not low else ("零" if low < 10**7 else "") + _reading_below_1e8(low)
        return _reading(high) + "亿" + rest
    return _reading_below_1e8(n)


def _reading_below_1e8(n: int) -> str:
    """Reading of 0 < n < 10**8."""
    if n < 10**4:
        return _reading_section(n)
    high, low = divmod(n, 10**4)
    rest = "" if not low else ("零" if low < 1000 else "") + _reading_section(low)
    return _reading_section(high) + "万" + rest


def _reading_section(n: int) -> str:
    """Reading of 0 < n < 10**4 (1010 → 一千零一十)."""
    out: list[str] = []
    gap = False
    for power, unit in ((3, "千"), (2, "百"), (1, "十"), (0, "")):
        d = n // 10**power % 10
        if d:
            if gap and out:
                out.append("零")
            out.append("零一二三四五六七八九"[d] + unit)
            gap = False
        else:
            gap = True
    return "".join(out)


@lru_cache(maxsize=4096)
def _zh_float(numeral: str, mode: str) -> float | None:
    """``_parse_zh`` of a numeral, remembered (the same few numerals recur in a text)."""
    value, _why = _to_decimal(numeral, mode, _numerals())
    return None if value is None else float(value)


def _split_zh_magnitude(numeral: str, big: dict[str, int]) -> tuple[str, float]:
    """Split trailing 万/亿 from a Chinese numeral: ``两千万`` → (``两千``, 1e4)."""
    scale = 1.0
    body = numeral
    while len(body) > 1 and body[-1] in big:
        scale *= big[body[-1]]
        body = body[:-1]
    return body, scale


def _is_year_like(numeral: str) -> bool:
    """A bare 4-digit integer between 1949 and 2100."""
    return len(numeral) == 4 and numeral.isdigit() and 1949 <= int(numeral) <= 2100


__all__ = [
    "MAX_DIGITS",
    "MODES",
    "to_number",
]
