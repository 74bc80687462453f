"""Find and normalize every number in Chinese policy text, with units, qualifiers and offsets.

``parse_quantities(text)`` returns one :class:`Quantity` per number-like span, sorted by
``start`` and never overlapping. Amounts are normalized to a canonical base unit
(``1.7万亿元`` → ``1.7e12`` 元); numbers that are not amounts keep their own ``kind`` so that
later stages can still use them:

========================  =====================================================
kind                      examples (value)
========================  =====================================================
``amount``                12408.7亿元 (1.24087e12 元), 2872万标箱, 五年 (5 年), 每月698元 (元/月),
                          壹万贰仟叁佰肆拾伍元, 123元1角1分 (123.11 元), 港币两千九百六十元
                          (2960 港元), 100万三千 (1003000), 一百零一 (101, no unit)
``percent``               -1.4% (-1.4), 百分之三 (3), １２％ (12)
``percentage_point``      提高0.44个百分点 (0.44)
``multiple``              3.5倍 (3.5), 翻两番 (4)
``range``                 3到5万元 (3e4 .. 5e4 元), 10%—15% (10 .. 15 %)
``ratio``                 1.81:1 (1.81 = left / right)
``fraction``              1/3左右 and 三分之一 (0.333…; a share, ``figures`` gives it in %)
``year``                  2020年, 二〇三五年 (2035), 2016—2020年 (2016 .. 2020)
``date``                  2021年2月21日, 12月31日, 2025-07-08 (value: the year, NaN if absent;
                          :func:`date_parts` gives year, month, day)
``month_range``           1-11月 (1 .. 11), 前三季度 (1 .. 9)
``ordinal`` / ``rank``    第十五届 (15, 届), 十九届, 九次全会, 三季度 (3, 季度), 第3位 (3, rank),
                          前5 (rank 5, qualifier at_most)
``plan_name``             十三五 (13), “十四五” (14), 第十四个五年规划 (14)
``list_marker``           一是, (三), （三）, 3. at a line start
``name``                  5G, PM2.5, “246”, 17+1, “10+X”, 4号线, 2.0版, 每千人 (a denominator)
========================  =====================================================

Spans: ``raw == text[start:end]`` always. The span covers the qualifier words that sit right
next to the number (``约``, ``近``, ``超过``, ``突破``, ``不到`` before; ``左右``, ``以上``, ``以内``,
``多``, ``余`` after) and a ``每…`` prefix (``每立方米28微克``). A unit read from a noun further on
(``2000万农村人口`` → 人, table ``units_nouns.csv``) is *not* inside the span. Direction words
(``增长``, ``下降``) are never part of a quantity; a written sign is (``-1.4%`` → -1.4).

Qualifier vocabulary: ``""``, ``approx`` (约, 近, 左右), ``at_least`` (以上, 至少),
``at_most`` (以内, 以下, 前N), ``more_than`` (超过, 突破, 多, 余), ``less_than`` (不到, 不足).

Lists written with one unit share it (``6、7、8号线``, ``9.3万和5.5万元``, ``少3.2个、1.9个百分点``),
and so does the end of a per-period change (``由每月698元提高到937元`` → both 元/月). A
``由``/``从`` right before a number stops ``X到Y`` from being read as a range (two amounts).
A Chinese numeral (ordinary, financial 壹贰叁 or traditional) is a quantity with a unit
(``五年``, ``两千人``, ``两个亿卢布``), or alone when it cannot be a word: three characters or
more with a digit and a 十百千万亿 (``一百零一``), or with 负 or 点 (``负十点五``); never in a
word or set phrase of ``numerals_zh_words.csv`` (``统一``, ``最多跑一次``, ``不负``).

Money: the currencies of ``currencies.csv`` (ISO code column) normalize the unit (港币 → 港元,
台币 → 新台币, 日币 → 日元, 美金 → 美元), before or after the number (``新台币 177.1 亿元``,
``9000元日币``); sub-units are summed into the 元 before them (``十块三毛`` → 10.3 元, 块 alone
stays the measure word), and ``整`` closes a written amount; a sub-unit counts only where an
amount can end (clause end, 钱, 整, a smaller sub-unit): ``500元五分之一`` is 500 元 and a
fraction, ``2000元八角亭村`` 2000 元. ``个`` before ``亿`` belongs to the amount only after a
Chinese numeral the amount ends with (``两个亿``, ``两个亿卢布``; ``3个亿元以上项目`` and
``5个万亩`` are 3 个 and 5 个). Full-width thousands separators are read only where no list can
be: groups before decimals or one group before a magnitude or a currency (``82，225.00元``,
``1，234亿元``), never after 分别/依次 (``分别为120，150，180亿元`` and ``1，2，3`` are lists).
A text is read as the corpus cleans it (``corpus.cleaning.normalize_numbers``: zero-width
characters, soft hyphens and spaces inside a number or before its % left out, so ``1\xa0234亿元``
is 1234亿元), with offsets and ``raw`` in the text as given.
An Arabic fraction is not one before a unit (``3/4号线``, ``7/24小时``). Mixed numerals after 万/亿 are read whole (``200亿零四千230``) by :func:`to_number`.

Values are computed from the written digits with one decimal rounding (``16.4亿`` is exactly
1640000000.0, not 1639999999.9999998); a numeral of more than ``MAX_DIGITS`` (30) digits is not a
quantity (``to_number`` says why), so every value is finite. Cost is linear in the text: the
candidate search is a character class with a bounded look-ahead and every regular expression is
tried on at most ``_WINDOW`` characters (``tests/numbers/test_number_forms.py`` checks it without timing).

:func:`to_number` reads a whole numeral string exactly, in the modes of the numeral converters
(strict, normal, smart; see its docstring). Lexicons live in ``ningbo_analysis/data``:
``units.csv`` (surface, unit, scale, kind; the magnitude words 万/亿/万亿/千/百 combine with any
unit), ``currencies.csv``, ``numerals_zh.csv``, ``numerals_zh_words.csv``,
``units_qualifiers.csv`` and ``units_nouns.csv``. The patterns are compiled once, lazily.
``benchmarks/bench_quantities.py`` measures the speed, ``benchmarks/published_cases.py`` the
established parsers' own test cases.

The parser's modules, lowest first: ``numerals`` (the numeral tables and :func:`to_number`),
``quantity`` (the :class:`Quantity` record), ``patterns`` (the scanner's regular
expressions), ``lexicon`` (the data files loaded, and the look-ups in them), ``context`` (what
the text around a numeral says about it), ``forms`` and ``money`` (the readers of the
alternatives other than the main one, and of the money forms), ``scanner`` (the scan loop and
the main alternative) and this module, the entry points: :func:`parse_quantities`,
:func:`quantities_frame`, :func:`parse_chinese_number` and the names above, re-exported.
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache

import pandas as pd

from ningbo_analysis.corpus.cleaning import normalize_numbers, to_raw_offset
from ningbo_analysis.numbers.lexicon import _Lexicon, _load_lexicon, _parse_zh
from ningbo_analysis.numbers.numerals import MAX_DIGITS, MODES, _normalize, to_number
from ningbo_analysis.numbers.quantity import (
    KINDS,
    QUALIFIERS,
    Quantity,
    _replace,
    _scaled,
    date_parts,
)
from ningbo_analysis.numbers.scanner import _HANDLERS, _scan

__all__ = [
    "KINDS",
    "MAX_DIGITS",
    "MODES",
    "QUALIFIERS",
    "Quantity",
    "date_parts",
    "parse_chinese_number",
    "parse_quantities",
    "quantities_frame",
    "to_number",
]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load the data files and compile the scanner (once)."""
    return _load_lexicon(_HANDLERS)


def parse_chinese_number(numeral: str) -> float | None:
    """Value of a Chinese numeral (normal mode of :func:`to_number`), or None if it is not one.

    ``一千二百`` → 1200, ``两千`` → 2000, ``三万五千`` → 35000, ``二〇三五`` → 2035,
    ``十五`` → 15, ``三点五`` → 3.5.
    """
    return _parse_zh(numeral, _lexicon())


def _elliptic_units(quantities: list[Quantity], norm: str) -> list[Quantity]:
    """Fix units written once for a list or a change.

    ``6、7、8号线`` and ``9.3万和5.5万元``: the unit of the last item applies to all, and
    its magnitude to bare numbers (``1510.8、1723.4、1800亿元`` are all 亿元).
    ``少3.2个、1.9个百分点``: the first ``个`` is short for 个百分点.
    ``由每月698元提高到937元``: the second amount is also 元/月.
    """
    out = list(quantities)
    # only items at most 6 characters apart matter (changes below keep start and end)
    close = [i for i in range(1, len(out)) if out[i].start - out[i - 1].end <= 6]
    for i in reversed(close):
        prev, cur = out[i - 1], out[i]
        if not prev.unit:
            if (
                prev.kind == "amount"
                and cur.unit
                and cur.kind not in ("range", "ratio", "fraction", "year", "date", "month_range")
                and norm[prev.end : cur.start] in _LIST_JOINERS[:5]
            ):
                if prev.scale == 1.0 and cur.scale != 1.0:  # 1510.8、1723.4、1800亿元: all 亿元
                    scaled = _scaled(prev.value, cur.scale)
                    out[i - 1] = _replace(
                        prev, unit=cur.unit, kind=cur.kind, value=scaled, scale=cur.scale
                    )
                else:
                    out[i - 1] = _replace(prev, unit=cur.unit, kind=cur.kind)
        elif prev.unit == "个":
            if (
                cur.unit == "个百分点"
                and prev.raw.endswith("个")
                and norm[prev.end : cur.start] in _LIST_JOINERS
            ):
                out[i - 1] = _replace(prev, unit="个百分点", kind="percentage_point")
        elif "/" in prev.unit and cur.kind == "amount" and prev.unit.split("/")[0] == cur.unit:
            gap = norm[prev.end : cur.start]
            if gap[-1:] in ("到", "至", "为") and not any(c in gap for c in "，,。；;、"):
                out[i] = _replace(cur, unit=prev.unit)
    return out


_LIST_JOINERS = ("、", "和", "与", "及", "或", ",", "，")  # commas only for 个、个百分点


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, sorted by ``start``, non-overlapping; an empty list for an
    empty string; ``TypeError`` for anything but a ``str`` (``None``, bytes, a number, a pandas
    Series: read a column with ``series.map(parse_quantities)``).

    >>> [(q.value, q.unit, q.kind) for q in parse_quantities("地区生产总值达到1.7万亿元")]
    [(1700000000000.0, '元', 'amount')]
    >>> [(q.value, q.unit) for q in parse_quantities("出口额US$12.3亿, ¥1,234.50")]
    [(1230000000.0, '美元'), (1234.5, '元')]
    """
    if not isinstance(text, str):
        hint = "; decode bytes first" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(f"parse_quantities: text must be a str, got {type(text).__name__}{hint}")
    if not text or _lexicon().patterns.may_start.search(text) is None:
        return []  # no character a quantity can start on (most sentences): nothing to read
    clean, offset_map = normalize_numbers(text)  # the corpus's cleaning of numbers
    found = _parse_clean(clean)
    if clean is text:
        return found
    # offsets (and raw) back in the text as given: raw = text[start:end], noise included
    out = []
    for q in found:
        start = to_raw_offset(offset_map, q.start)
        end = to_raw_offset(offset_map, q.end - 1) + 1
        out.append(_replace(q, start=start, end=end, raw=text[start:end]))
    return out


def _parse_clean(text: str) -> list[Quantity]:
    """``parse_quantities`` of a text whose numbers are already clean."""
    lex = _lexicon()
    norm = _normalize(text)
    try:
        found = _scan(text, norm, lex)
    except RecursionError:  # pragma: no cover - defensive
        return []
    # _scan yields quantities in order and without overlap: each match starts after the end of
    # the previous one and qualifier words are only taken back to that end (``floor``).
    return _elliptic_units(found, norm)


def quantities_frame(text: str) -> pd.DataFrame:
    """``parse_quantities`` as a DataFrame, one row per quantity, columns = Quantity fields
    (the same columns and dtypes for a text without quantities); ``TypeError`` for a non-str."""
    columns = [f.name for f in fields(Quantity)]
    rows = [[getattr(q, c) for c in columns] for q in parse_quantities(text)]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {
            "value": "float64",
            "scale": "float64",
            "start": "int64",
            "end": "int64",
            "value_high": "float64",
        }
    )
