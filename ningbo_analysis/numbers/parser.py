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
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import cache, lru_cache
from itertools import product
from typing import NamedTuple

import pandas as pd

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.resources import read_data_csv, read_data_lines

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

_UNIT_KINDS = {"amount", "percent", "percentage_point", "multiple", "ordinal", "name"}


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


# --------------------------------------------------------------------------- lexicons

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


_RATIO_SPLIT = re.compile(r"\s*[:：∶]\s*")


class _Unit(NamedTuple):
    unit: str
    scale: float
    kind: str


class _Patterns(NamedTuple):
    full: re.Pattern[str]  # every alternative (reference; the scanner uses the three below)
    digit: re.Pattern[str]  # alternatives that may start on a digit
    zh: re.Pattern[str]  # … on a Chinese numeral character
    other: re.Pattern[str]  # … on 第 前 每 翻 + - a letter or ①
    candidate: re.Pattern[str]  # any character where one of them may start
    zh_chars: frozenset[str]
    zh_run: re.Pattern[str]  # a run of Chinese numeral characters
    follow: frozenset[str]  # characters after such a run that make it worth a try (units …)
    unit: re.Pattern[str]  # a unit (after a mixed numeral: 100万三千元)
    mixed_tail: re.Pattern[str]  # the rest of a mixed numeral after 万/亿 (100万三千, 1万600)


class _Lexicon(NamedTuple):
    units: dict[str, _Unit]
    digits: dict[str, int]
    small: dict[str, int]
    big: dict[str, int]
    qualifiers: dict[str, str]
    pre_words: tuple[tuple[int, frozenset[str]], ...]  # (length, words), longest first
    pre_last: frozenset[str]  # last characters of those words (a cheap first test)
    noun_units: dict[str, str]
    word_numerals: dict[str, re.Pattern[str]]  # numeral char → the words around it (统一)
    patterns: _Patterns
    noun_pattern: re.Pattern[str]
    currency_before: tuple[tuple[int, dict[str, str]], ...]  # 港币 → 港元, longest first
    yuan_units: dict[str, str]  # written units sub-units may follow → their currency (块 → 元)
    money_next: frozenset[str]  # characters after a number that may start a money form
    currencies: frozenset[str]  # canonical currency units (元, 美元, 港元 …)
    currency_last: frozenset[str]  # characters that may end a currency before a number, space
    magnitudes: dict[str, float]  # every magnitude word the scanner reads → its scale (千万 → 1e7)
    financial: frozenset[str]  # characters of the financial style only (壹 … 玖 拾 佰 仟)


def _alt(words: list[str]) -> str:
    """Regex alternation of ``words``, longest first (so 平方公里 wins over 公里)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _guarded(words: list[str]) -> str:
    """Alternation of ``words`` as a prefix tree, longest match first (fails fast).

    ``["人", "人次", "元"]`` → ``(?:人(?:次|)|元)``; words that are a single character and
    the prefix of no other word are gathered in one character class.
    """
    return _trie({w: None for w in words})


def _trie(words: dict[str, None]) -> str:
    """Regex for a set of words sharing nothing yet (see ``_guarded``)."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    singles = sorted(c for c, rests in groups.items() if rests == [""])
    branches = []
    for c in sorted(groups):
        if c in singles:
            continue
        rests = groups[c]
        inner = _trie({r: None for r in rests if r})
        tail = "|" if "" in rests else ""  # the word may end here (人 after trying 人次)
        branches.append(f"{re.escape(c)}(?:{inner}{tail})")
    if singles:
        branches.append("[" + "".join(re.escape(c) for c in singles) + "]")
    return "(?:" + "|".join(branches) + ")"


def _words_around(words: list[tuple[int, str]]) -> re.Pattern[str]:
    """A pattern that matches (empty) at a numeral inside one of ``words`` ((offset, word)
    pairs): ``(?<=统)(?=一)|(?=一带一路)``; one regex call instead of a loop of ``startswith``."""
    alts = []
    for k, w in words:
        behind = f"(?<={re.escape(w[:k])})" if k else ""
        alts.append(f"{behind}(?={re.escape(w[k:])})")
    return re.compile("|".join(alts))


def _by_length(words) -> tuple[tuple[int, frozenset[str]], ...]:
    """Words grouped by length, longest first (for suffix/prefix look-ups)."""
    lengths = sorted({len(w) for w in words}, reverse=True)
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


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


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load the data files and compile the scanner (once)."""
    units_df = _read("units.csv", ["surface", "unit", "scale", "kind"])
    units: dict[str, _Unit] = {}
    for row in units_df.itertuples(index=False):
        if row.kind not in _UNIT_KINDS:
            raise NingboAnalysisError(f"data file units.csv: unknown kind {row.kind!r}")
        units[row.surface] = _Unit(row.unit, float(row.scale), row.kind)
    money = _read("currencies.csv", ["surface", "unit", "iso", "scale", "role", "before"])
    main = [r for r in money.itertuples(index=False) if r.role == "main"]
    for r in main:
        units[r.surface] = _Unit(r.unit, float(r.scale), "amount")
    # 元 followed by a currency name names that currency (9000元日币, 50元人民币)
    yuan = [r.surface for r in main if r.iso == "CNY" and len(r.surface) == 1]
    for r in main:
        if r.before == "1":
            for y in yuan:
                units.setdefault(y + r.surface, _Unit(r.unit, float(r.scale), "amount"))
    before_money = {r.surface: r.unit for r in main if r.before == "1"}
    yuan_units = {
        r.surface: r.unit for r in money.itertuples() if r.surface in yuan or r.role == "colloquial"
    }
    num_df = _read("numerals_zh.csv", ["char", "value", "role"])
    digits = {r.char: int(r.value) for r in num_df.itertuples() if r.role == "digit"}
    small = {r.char: int(r.value) for r in num_df.itertuples() if r.role == "small"}
    big = {r.char: int(r.value) for r in num_df.itertuples() if r.role == "big"}
    qual_df = _read("units_qualifiers.csv", ["surface", "position", "qualifier"])
    bad = set(qual_df["qualifier"]) - set(QUALIFIERS)
    if bad:
        raise NingboAnalysisError(f"data file units_qualifiers.csv: unknown qualifiers {bad}")
    before = [r.surface for r in qual_df.itertuples() if r.position == "before"]
    after = [r.surface for r in qual_df.itertuples() if r.position == "after"]
    qualifiers = {r.surface: r.qualifier for r in qual_df.itertuples()}
    nouns_df = _read("units_nouns.csv", ["noun", "unit"])
    noun_units = dict(zip(nouns_df["noun"], nouns_df["unit"], strict=True))
    words_df = _read("numerals_zh_words.csv", ["word"])
    numeral_chars = set(digits) | set(small) | set(big) | _numerals().minus
    word_numerals: dict[str, list[tuple[int, str]]] = {}
    for w in words_df["word"]:
        for k, c in enumerate(w):
            if c in numeral_chars:
                word_numerals.setdefault(c, []).append((k, w))
    pattern = _compile(units, digits, small, big, before, after)
    noun_pattern = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?({_alt(list(noun_units))})")
    return _Lexicon(
        units,
        digits,
        small,
        big,
        qualifiers,
        _by_length(before),
        frozenset(w[-1] for w in before),
        noun_units,
        {c: _words_around(v) for c, v in word_numerals.items()},
        pattern,
        noun_pattern,
        tuple(
            (n, {w: u for w, u in before_money.items() if len(w) == n})
            for n in sorted({len(w) for w in before_money}, reverse=True)
        ),
        yuan_units,
        frozenset(digits) | frozenset("0123456789") | _numerals().end,
        frozenset(r.unit for r in main),
        frozenset(w[-1] for w in before_money) | {" "},
        _magnitude_table(small, big),
        _numerals().financial,
    )


def _magnitude_table(small: dict[str, int], big: dict[str, int]) -> dict[str, float]:
    """Scale of every magnitude word after an Arabic number (``_parts``'s ``mag``: at most three
    of 个, a space, 十百千 and 万亿), so that the hot path reads it with one look-up."""
    chars = ["个", " ", *small, *big]
    words = ("".join(t) for n in range(4) for t in product(chars, repeat=n))
    return {w: _word_scale(w, small, big) for w in words}


def _word_scale(word: str, small: dict[str, int], big: dict[str, int]) -> float:
    """Product of the magnitude characters of ``word`` (千万 → 1e7; others count as 1)."""
    scale = 1.0
    for c in word:
        scale *= small.get(c) or big.get(c) or 1
    return scale


class _Parts(NamedTuple):
    """Regex fragments shared by the scanner's alternatives (built by ``_parts``)."""

    zd: str  # Chinese digit characters (一 … 九, 〇, 两)
    zd_nonzero: str  # the same without the zeros
    zall: str  # every Chinese numeral character: digits, 十百千, 万亿
    zsmall: str  # 十百千
    zbig: str  # 万亿
    ten: str  # the character for ten (十)
    tens: str  # every character for ten (十拾)
    minus: str  # the minus sign characters (负)
    unit_alt: str  # any unit of units.csv, as a prefix tree
    unit: str  # a unit, maybe per another one (元/月, 吨标准煤/万元)
    sep: str  # the separator of a range (到, 至, ~, -, –, —)
    arabic: str  # an Arabic number (12,408.7)
    zh: str  # a Chinese numeral (二十二点三亿)
    num: str  # an Arabic number, or a Chinese numeral followed by a unit or a range
    mag: str  # a magnitude word after an Arabic number (万, 千万, 亿)


@lru_cache(maxsize=1)
def _currency_units() -> frozenset[str]:
    """The canonical units of the currencies (currencies.csv, role main)."""
    cur = _read("currencies.csv", ["surface", "unit", "iso", "scale", "role", "before"])
    return frozenset(cur.loc[cur["role"] == "main", "unit"])


def _parts(
    units: dict[str, _Unit], digits: dict[str, int], small: dict[str, int], big: dict[str, int]
) -> _Parts:
    """The fragments numbers and units are written with (see ``_Parts``)."""
    zd = "".join(digits)
    zd_nonzero = "".join(c for c, v in digits.items() if v)
    zall = zd + "".join(small) + "".join(big)
    zsmall = "".join(small)
    zbig = "".join(big)
    ten = next((c for c, v in small.items() if v == 10), "十")
    tens = "".join(c for c, v in small.items() if v == 10)
    minus = "".join(sorted(_numerals().minus))
    unit_words = list(units)
    unit_alt = _guarded(unit_words)
    # a per form: 元/月, and with a magnitude in the denominator 吨标准煤/万元, 立方米/亿元
    unit = rf"(?:{unit_alt})(?:/(?:[{zsmall}{zbig}]{{0,2}}(?:{unit_alt})))?"
    sep = r"\s*(?:到|至|~|-|–|—(?!—))\s*"
    arabic = r"(?:\d{1,3}+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    # 82，225.00元, 1，234亿元: a full-width comma is a thousands separator only where the
    # digits cannot be a list (120，150，180亿元 is three numbers): groups of three digits
    # before a decimal part, two or more groups after one or two digits (1，234，567元), or
    # one group before a magnitude or a currency; never in the
    # middle of a list (no digits and ， before it, no ， and digits after it) nor after
    # 分别/依次 (checked by the parser)
    money_alt = _guarded([w for w, u in units.items() if u.unit in _currency_units()])
    grouped = (
        rf"(?:\d{{1,3}}+(?:,\d{{3}})+(?!\d)(?:\.\d+)?"
        rf"|(?<![\d，])\d{{1,2}}+(?:，\d{{3}}){{2,}}(?![\d，.])"
        rf"|(?<!\d，)\d{{1,3}}+(?:(?:，\d{{3}})+\.\d+"
        rf"|，\d{{3}}(?![\d，.])(?=[{zsmall}{zbig}]|{money_alt}))(?!，\d))"
    )
    # 二十二点三亿: a decimal Chinese numeral may end in a magnitude (split off by the parser);
    # 一百点123 has Arabic decimals
    zh = rf"(?:[{zd}{tens}][{zall}]*(?:点(?:[{zd}]+|\d+(?![\d.]))[{zbig}]{{0,2}})?)"
    # a Chinese numeral counts only with a unit (五年, 两千人), as the start of a range or as a
    # numeral that cannot be a word (一百零一, 负十点五; checked by the parser)
    # (not inside a numeral; a financial character before it may be a word's: 收拾三间)
    plain = "".join(c for c in zall if c not in _numerals().financial)
    zh_num = (
        rf"(?<![{plain}])(?:{zh}(?=[多余]?{unit_alt}|{sep}[{zd}{tens}]|个[{zbig}])"
        rf"|{zh}(?![{zall}点\d]))"
    )
    num = rf"(?:(?<![0-9A-Za-z._])(?:{grouped}|\d+(?:\.\d+)?)|{zh_num})"
    mag = _magnitude_regex(unit_words, zsmall, zbig, ten)
    return _Parts(
        zd,
        zd_nonzero,
        zall,
        zsmall,
        zbig,
        ten,
        tens,
        minus,
        unit_alt,
        unit,
        sep,
        arabic,
        zh,
        num,
        mag,
    )


def _magnitude_regex(unit_words: list[str], zsmall: str, zbig: str, ten: str) -> str:
    """A magnitude after an Arabic number; 千/百 must not eat the start of a unit (千瓦, 百分点)."""
    guards = {}
    for ch in zsmall:
        rests = [u[1:] for u in unit_words if u.startswith(ch) and len(u) > 1]
        guards[ch] = f"(?!{_alt(rests)})" if rests else ""
    small_mag = "|".join(f"{ch}{guards[ch]}" for ch in zsmall if ch != ten)
    # 177.1 亿元 (one space before the magnitude); 两个亿, 5个亿 (个 before 亿), but not
    # 3个亿元以上项目 (three projects), 20个亿元级小镇, 5个万亩 (never 个万); 三个亿以上资金 is 3亿
    yi = "".join(c for c in zbig if _numerals().big.get(c) == 8)
    ge = (
        rf"个(?=[{yi}](?![{zbig}级])"
        rf"(?!元[^{_CLAUSE_CHARS}]{{0,2}}?(?:以上|以下|以内|级)[\u4e00-\u9fff]))"
    )
    return rf"(?:{ge}| (?=[{zbig}])|)(?:(?:{small_mag})(?:[{zbig}]{{1,2}})?|[{zbig}]{{1,2}})"


#: Units after a/b that make it two numbers (3/4号线) or a schedule (7/24小时, 5/2天), not a
#: fraction.
_NOT_AFTER_FRACTION = "号|小时|时|天|日|周|个月|月|年|分钟|秒|路|期|版|层|楼|次|班|栋|座|届"

_CLAUSE_CHARS = re.escape("。；;，,、：:！!？?）)]】」』”’ \t\r\n")


def _date_alternatives(p: _Parts) -> list[str]:
    """Alternatives for dates and years: iso, date, mrange, qrange, yrange, year."""
    zd = p.zd
    year4 = r"(?:19\d\d|20\d\d|2100)"
    zyear = rf"[{zd}]{{4}}"
    month = r"(?:1[0-2]|0?[1-9])"
    day = r"(?:3[01]|[12]\d|0?[1-9])"
    return [
        rf"(?P<iso>(?=\d{{4}}-)(?<![\d.]){year4}-(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9])(?!\d))",
        rf"(?P<date>(?=\d{{1,4}}[年月])(?<![\d.])(?:(?P<d_y>{year4})年)?(?P<d_m>{month})月(?:(?P<d_d>{day})[日号])?)",
        rf"(?P<mrange>(?=\d{{1,2}}\s*[-–—~至到])(?<![\d.])(?P<mr_lo>{month})\s*(?:-|–|—|~|至|到)\s*(?P<mr_hi>{month})月)",
        rf"(?P<qrange>前(?P<qr_n>[{zd}]|\d)(?P<qr_u>季度|个季度|个月))",
        rf"(?P<yrange>(?=\d{{4}}年?\s*[-–—~至到])(?<![\d.])(?P<yr_lo>{year4})年?\s*(?:-|–|—|~|至|到)\s*(?P<yr_hi>{year4})年)",
        rf"(?P<year>(?=[\d{zd}]{{4}}年)(?<![\d.])(?P<y_num>{year4}|{zyear})年(?!代))",
    ]


# what a list marker follows: a line start, punctuation (一是, 3.) or an opening bracket ((三))
_MARKER_AFTER = r"\s。；;:：!！?？，,"
_MARKER_IN = r"(\[（"


def _marker_alternatives(p: _Parts) -> list[str]:
    """Alternatives for names and counters: plan, ordinal, rank, per_den, marker, name."""
    zd, zall, ten, arabic, zh = p.zd, p.zall, p.ten, p.arabic, p.zh
    ordinal_words = "位|名|届|次|个|批|期|轮|季度|年|条|项|号|版|章|节|部分|家|大|"
    marker_start = rf"(?:^|(?<=[{_MARKER_AFTER}]))"
    open_q, close_q = '“"「『‘', '”"」』’'
    return [
        rf"(?P<plan>第(?P<pl_num>[{zd}{ten}]{{1,3}})个五年(?:规划|计划)"
        rf"|(?<![{zall}]){ten}(?P<pl_n>[{p.zd_nonzero}])五(?![{zall}]))",
        rf"(?P<ordinal>第\s*(?P<or_num>{arabic}|{zh})(?P<or_unit>{ordinal_words})"
        rf"|(?<![{zall}])(?P<or_num2>[{zd}{ten}]{{1,3}})(?P<or_unit2>次)(?=全会|全体会议|会议))",
        rf"(?P<rank>前(?<![提门目此之以事眼向当超空]前)(?P<rk_num>\d+|[{zd}{ten}]{{1,3}})"
        rf"(?P<rk_unit>位|名)?(?![\d.{zall}]|{p.unit_alt}))",
        rf"(?P<per_den>每(?P<pd_num>\d+(?:\.\d+)?|[{zall}]{{1,4}})(?P<pd_unit>{p.unit_alt}))",
        rf"(?P<marker>(?=[\d{zd}{ten}①-⑳])(?:{marker_start}(?:[{zd}{ten}]{{1,3}}(?:是|、)|\d{{1,2}}(?:\.(?!\d)|、))"
        rf"|(?<=[{_MARKER_IN}])(?:[{zd}{ten}]{{1,3}}|\d{{1,2}})(?=[)\]）])|[①-⑳]))",
        rf"(?P<name>(?=[0-9A-Za-z])(?:(?<=[{open_q}])(?P<nm_q>[0-9A-Za-z+\-._]*\d[0-9A-Za-z+\-._]*)(?=[{close_q}])"
        r"|(?<![0-9A-Za-z_.])[A-Za-z][A-Za-z_]*\d+(?:\.\d+)?(?:[A-Za-z_]+\d*(?:\.\d+)?)*"
        r"|(?<![0-9A-Za-z_.])\d++(?:\.\d++)?(?:[A-Za-z]+(?:\d+[A-Za-z]*)*(?![0-9A-Za-z_])"
        r"|(?:\+(?:\d++|[A-Za-z](?![A-Za-z])))+)))",
    ]


def _number_alternatives(p: _Parts, before: list[str], after: list[str]) -> list[str]:
    """Alternatives for plain numbers: ratio, pct_zh, fanfan, bare_mag and the main one, q.

    ``q`` is a number with its magnitude, unit and qualifier words, maybe a range (``3到5万元``).
    Optional parts are written as ``(?P<x>...|)`` (the group matches "" when absent) rather
    than ``(?P<x>...)?``: the regex engine then does not save every group on each attempt.
    A look-ahead or look-behind on one character class in front of an alternative is a cheap
    test it needs (分之 after the numerals, the last character of a qualifier word).
    """
    num, mag, unit, arabic = p.num, p.mag, p.unit, p.arabic
    many = "[多余]"
    post = _guarded([a for a in after if a not in ("多", "余")])
    pre_behind = "|".join(f"(?<={re.escape(w)})" for w in sorted(before, key=len, reverse=True))
    pre_last = "".join(sorted({re.escape(w[-1]) for w in before}))  # a cheap first test
    lo = (
        rf"(?P<lo_sign>(?<!\d)[-+]|[{p.minus}](?=[{p.zd}{p.tens}])|)(?P<lo_num>{num})"
        rf"(?P<lo_many>{many}?)(?P<lo_mag>{mag}|)(?P<lo_many2>{many}?)(?P<lo_unit>{unit}|)"
    )
    # the high end of a range: a Chinese numeral only with a unit or a further range after it
    hi_num = (
        rf"(?:(?<![0-9A-Za-z._]){arabic}"
        rf"|(?<![{p.zall}]){p.zh}(?=[多余]?{p.unit_alt}|{p.sep}[{p.zd}{p.tens}]))"
    )
    hi = (
        rf"(?P<hi_sign>[-+]?)(?P<hi_num>{hi_num})(?P<hi_many>{many}?)"
        rf"(?P<hi_mag>{mag}|)(?P<hi_many2>{many}?)(?P<hi_unit>{unit}|)"
    )
    return [
        rf"(?P<ratio>(?=[\d.,]+\s*[:：∶])(?<![0-9.]){arabic}\s*[:：∶]\s*{arabic}(?![\d:：∶]))",
        # 1/3, 三分之一: a fraction (numerator / denominator), maybe 左右 after it
        rf"(?P<frac>(?:(?<![\d./])(?P<fr_n>\d{{1,3}})/(?P<fr_d>\d{{1,3}})"
        # not before a letter or a unit of lines and schedules: 3/4号线 are two lines, 7/24小时
        # a schedule; 1/3人口, 2/3项目 are fractions
        rf"(?![\d./%A-Za-z])(?!{_NOT_AFTER_FRACTION})"
        rf"|(?<![{p.zall}])(?=[{p.zall}]*+分之)(?P<fr_zd>[{p.zd}{p.tens}][{p.zall}]*)分之"
        rf"(?P<fr_zn>{p.zh}|\d+(?:\.\d+)?))"
        rf"(?P<fr_post>{post}|))",
        rf"(?P<pct_zh>(?P<pz_base>百|千)分之(?P<pz_num>{arabic}|{p.zh}|百))",
        rf"(?P<fanfan>翻(?P<ff_n>[{p.zd}]|\d+)?番)",
        rf"(?P<bare_mag>(?=[{p.zsmall}{p.zbig}])(?<=[{pre_last}])(?:{pre_behind})"
        rf"(?P<bm_mag>[{p.zsmall}{p.zbig}])(?P<bm_unit>{unit}))",
        rf"(?P<q>(?P<fromw>(?<=[由从]))?(?:每(?P<per>{p.unit_alt})|){lo}"
        rf"(?(fromw)|(?:{p.sep}{hi}|))(?P<post>{post}|))",
    ]


# The scanner's alternatives by the class of character they may start on (in priority order).
_DATE_ALTS = ("iso", "date", "mrange", "yrange", "year")
_CODE_ALTS = ("name", "ratio", "frac")
_DIGIT_ALTS = ["iso", "date", "mrange", "yrange", "year", "marker", "name", "ratio", "frac", "q"]
_ZH_ALTS = ["year", "plan", "ordinal", "marker", "frac", "pct_zh", "bare_mag", "q"]
_OTHER_ALTS = ["qrange", "plan", "ordinal", "rank", "per_den", "marker", "name", "fanfan", "q"]


def _scanner(alternatives: list[str], p: _Parts, unit_words: list[str]) -> _Patterns:
    """Compile the alternatives: all of them, split by first character, and the candidates."""
    zall = p.zall
    # A Chinese numeral character only starts something when a unit, a marker or a range
    # follows the numeral (一个, 一是, (三), 十四五, 百分之); 统一, 进一步 are skipped at once.
    follow = {u[0] for u in unit_words} | set("是、次年五分点多余")
    follow |= set("到至~-–—)]）届周期")
    follow_cls = "".join(sorted(re.escape(c) for c in follow))
    body = "|".join(alternatives)
    starts = rf"\d第前每翻+\-A-Za-z①-⑳{p.minus}"
    full = re.compile(rf"(?=[{starts}{zall}])(?:{body})")
    # The same alternatives, in the same order, split by the class of the first character:
    # the scanner picks one of these at each candidate so fewer alternatives are tried.
    by_name = {re.match(r"\(\?P<(\w+)>", alt).group(1): alt for alt in alternatives}
    if set(by_name) != set(_HANDLERS):  # pragma: no cover - a programming error
        raise NingboAnalysisError(f"scanner alternatives without a handler: {set(by_name)}")
    order = list(by_name)

    def subset(names: list[str], prefix: str = "") -> re.Pattern[str]:
        chosen = [by_name[n] for n in sorted(names, key=order.index)]
        return re.compile(prefix + "(?:" + "|".join(chosen) + ")")

    # on a digit, the date alternatives come first; one look-ahead (what all of them need:
    # 1 to 4 digits, then 年/月 or a range sign) skips them for every other number
    # and names, ratios and fractions need a letter, +, a colon or / after the digits (or a
    # quote before them): what the main alternative reads is tried after two look-aheads
    if _DIGIT_ALTS != [*_DATE_ALTS, "marker", *_CODE_ALTS, "q"]:  # pragma: no cover
        raise NingboAnalysisError("scanner: the digit alternatives are out of order")
    # Each of the first three parts starts with a cheap test that it needs (a class after the
    # digits, a character before them) so that a plain number (12.5万元) fails them at once:
    # most candidates are plain numbers, read by the last alternative.
    open_q = re.escape(_OPEN_Q)
    digit = re.compile(
        rf"(?:(?=\d{{1,4}}+[年月\s\-–—~至到])(?=\d{{1,4}}(?:[年月]|年?\s*[-–—~至到]))"
        rf"(?:{'|'.join(by_name[n] for n in _DATE_ALTS)})"
        rf"|(?:^|(?<=[{_MARKER_AFTER}{_MARKER_IN}])|(?=[①-⑳])){by_name['marker']}"
        rf"|(?:(?<=[{open_q}])|(?=[\d.,]*+\s*[A-Za-z+:：∶/]))"
        rf"(?:{'|'.join(by_name[n] for n in _CODE_ALTS)})"
        rf"|{by_name['q']})"
    )

    return _Patterns(
        full,
        digit,
        subset(_ZH_ALTS),
        subset(_OTHER_ALTS),
        # one character class first (the engine skips to it in C). A Chinese numeral character
        # counts only at the start of a run of them, when a unit or marker is in or right after
        # the run (checked on at most 16 characters, so the search stays linear) or when the
        # run is three characters or more (the scanner then judges it: ``_zh_run_limit``)
        re.compile(
            rf"{_bitmap_class(starts, zall)}(?:{_worth_a_try(p)}|(?<![{zall}].)"
            rf"(?:(?<=[{follow_cls}])|(?=[{zall}]{{0,15}}?[{follow_cls}])|(?=[{zall}]{{2}})))"
        ),
        frozenset(zall),
        re.compile(rf"[{zall}]+"),
        frozenset(follow),
        re.compile(p.unit),
        # 100万三千, 200亿零四千230, 1万600: checked by ``to_number`` in smart mode
        re.compile(rf"(?:零|〇)?(?:[{p.zd}{p.tens}][{zall}]*\d*|\d{{2,}})(?![\d.{zall}])"),
    )


def _worth_a_try(p: _Parts) -> str:
    r"""Where a candidate on a character of ``starts`` (not a Chinese numeral) may start a match.

    Tested inside the candidate search, so that the scanner is not called back on characters
    where no alternative can match: 前 (目前, 当前), + and - need a number after them (前5,
    +5%), 负 a Chinese numeral (负十; 不辜负 is skipped), and a letter a digit after a run
    of letters (PM2.5; GDP is skipped; a run of more than 16 is left to the scanner).
    """
    return (
        rf"(?:(?<=[\d第每翻①-⑳])"
        rf"|(?<=[前+\-])(?=[\d{p.zd}{p.tens}])"
        rf"|(?<=[{p.minus}])(?=[{p.zall}])"
        rf"|(?<=[A-Za-z])(?=[A-Za-z+\-._]{{0,16}}+[\dA-Za-z+\-._]))"
    )


def _bitmap_class(starts: str, zall: str) -> str:
    r"""``[{starts}{zall}]`` (``starts`` holds ``\d``) written so that the regex engine tests it
    with one bitmap look-up per character.

    The candidate search tests this class on every character of the text; ``\d`` in a class
    is a Unicode category, tested by a function call after the bitmap. The decimal digits of
    the Basic Multilingual Plane are listed instead, and the other planes are let through and
    checked with ``\d`` right after (there is no candidate there but digits).
    """
    bmp_digits = "".join(c for c in map(chr, range(0x10000)) if c.isdecimal())
    ranges = []
    for c in bmp_digits:  # consecutive digits as ranges: 0-9٠-٩…
        if ranges and ord(c) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    digits = "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges)
    others = starts.replace(r"\d", "")
    return (
        rf"[{digits}{others}{zall}\U00010000-\U0010FFFF]"
        rf"(?:(?<![\U00010000-\U0010FFFF])|(?<=\d))"
    )


def _compile(
    units: dict[str, _Unit],
    digits: dict[str, int],
    small: dict[str, int],
    big: dict[str, int],
    before: list[str],
    after: list[str],
) -> _Patterns:
    """Build the scanner regexes; alternatives are tried in priority order.

    Every alternative starts on a digit, a Chinese numeral character or one of a few markers
    (第 前 每 翻 + - ①); qualifiers before a number, quotes and brackets around it are checked
    by look-behinds and added to the span afterwards, so that a one-character look-ahead can
    skip all other positions cheaply.
    """
    p = _parts(units, digits, small, big)
    alternatives = (
        _date_alternatives(p) + _marker_alternatives(p) + _number_alternatives(p, before, after)
    )
    return _scanner(alternatives, p, list(units))


# --------------------------------------------------------------------------- numerals


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

    Raises ``ValueError`` naming the string for anything else, including numbers of more than
    ``MAX_DIGITS`` (30) digits before or after the point (they would not fit a float).
    """
    if mode not in MODES:
        raise ValueError(f"to_number: mode must be one of {', '.join(MODES)}, not {mode!r}")
    if not isinstance(s, str):
        raise ValueError(f"to_number: expected a string, not {type(s).__name__} {s!r}")
    value, why = _to_decimal(_normalize(s).strip(), mode, _numerals())
    if value is None:
        raise ValueError(f"not a number in {mode} mode: {s!r} ({why})")
    return value


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


def parse_chinese_number(numeral: str) -> float | None:
    """Value of a Chinese numeral (normal mode of :func:`to_number`), or None if it is not one.

    ``一千二百`` → 1200, ``两千`` → 2000, ``三万五千`` → 35000, ``二〇三五`` → 2035,
    ``十五`` → 15, ``三点五`` → 3.5.
    """
    return _parse_zh(numeral, _lexicon())


def _parse_zh(numeral: str, lex: _Lexicon | None = None, mode: str = "normal") -> float | None:
    """Float value of a Chinese (or, in smart mode, mixed) numeral; None if it is not one."""
    if not numeral:
        return None
    return _zh_float(numeral, mode)


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


def _number(numeral: str, lex: _Lexicon) -> float | None:
    """Value of an Arabic (12,408.7) or Chinese numeral."""
    if not numeral:
        return None
    if numeral[0].isdigit():
        try:
            return float(numeral.replace(",", ""))
        except ValueError:
            return None
    return _zh_float(numeral, "normal")


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


def _magnitude(word: str | None, lex: _Lexicon) -> float:
    """Scale of a magnitude word after an Arabic number: 万 → 1e4, 万亿 → 1e12, 千万 → 1e7."""
    if not word:
        return 1.0
    scale = lex.magnitudes.get(word)
    return _word_scale(word, lex.small, lex.big) if scale is None else scale


# --------------------------------------------------------------------------- scanning


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


def _pre(norm: str, start: int, floor: int, lex: _Lexicon) -> tuple[int, str]:
    """Start and qualifier of a qualifier word right before ``start`` (约, 超过, 不到)."""
    if start <= floor or norm[start - 1] not in lex.pre_last:
        return start, ""
    for length, words in lex.pre_words:
        s = start - length
        if s >= floor and norm[s:start] in words:
            return s, lex.qualifiers[norm[s:start]]
    return start, ""


def _unit_of(unit_text: str | None, scale: float, lex: _Lexicon) -> tuple[str, str, float]:
    """Canonical unit, kind and total scale of a written unit (``元/人`` → 元/人)."""
    if not unit_text:
        return "", "amount", scale
    info = lex.units.get(unit_text)
    if info is None:  # a per form written with a slash: remember it
        main, _, per = unit_text.partition("/")
        base = lex.units[main]
        # a magnitude in the denominator stays in the unit (吨标准煤/万元), unless the whole
        # denominator is a unit of its own (千米, 千克)
        mag = ""
        while per not in lex.units and per[:1] in lex.small.keys() | lex.big.keys():
            mag, per = mag + per[0], per[1:]
        info = _Unit(f"{base.unit}/{mag}{lex.units[per].unit}", base.scale, base.kind)
        lex.units[unit_text] = info
    return info.unit, info.kind, _scaled(scale, info.scale)


_OPEN_Q = '“"「『‘'
_CLOSE_Q = '”"」』’'
_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RANGE_KINDS = ("amount", "percent", "percentage_point", "multiple")

# Every handler below turns one kind of scanner match (named by the alternative, see
# ``_compile``) into a Quantity, or None when it is not a quantity after all. They share one
# signature: (match, text, width-normalized text, lexicon, floor), ``floor`` being the end of
# the previous quantity (qualifier words before a number are not taken back beyond it).
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
    if m.group("nm_q"):
        start, end = start - 1, end + 1  # “246”: the quotes belong to the name
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


def _doubling(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """``翻番`` (2 倍), ``翻两番`` (4 倍): a multiple."""
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
    start, qual = _pre(norm, start, floor, lex)
    return _make(text, scale, unit, kind, start, end, scale, qual, number="")


def _main(m: re.Match[str], text: str, norm: str, lex: _Lexicon, floor: int) -> Quantity | None:
    """The main alternative: a number, its magnitude and unit, qualifiers, maybe a range.

    Reads the low (or only) number and the qualifier words, then hands over to ``_single`` or
    ``_range``. The most common case (a number with a unit of ``units.csv``, no 每 before it,
    no money form around it: 12.5万元, 3.2%, 50个) is finished here, without ``_single``: this
    is the hot path of the scanner, run for most quantities of a text.
    """
    start, end = m.span()
    lo_num, lo_unit_text, hi_num, sign, lo_mag, many, many2, post, per = m.group(
        "lo_num", "lo_unit", "hi_num", "lo_sign", "lo_mag", "lo_many", "lo_many2", "post", "per"
    )
    # the number starts after 每 and its unit and after the sign (the group fromw is empty):
    # computed rather than asked of the match (m.span), on the hot path
    lo_pos = start
    if sign or per:
        lo_pos += len(sign) + (len(per) + 1 if per else 0)
        if sign and sign in _numerals().minus and _in_word(norm, lo_pos - 1, lex):
            return _rescan(text, norm, lex, [(lo_pos, m.end())])  # 不负十四亿: 负 is a verb
    if lo_num[0].isdigit():
        if "，" in lo_num and lo_num.index("，") == 3 and _after_list_cue(norm, lo_pos):
            # 分别为120，150亿元: a list, not 120150亿元 (1，234亿元 and 2，000万元 are numbers)
            cut = norm.index("，", lo_pos)
            return _rescan(text, norm, lex, [(m.start(), cut), (cut + 1, m.end())])
        # the numeral as written: the group itself when ``norm`` is ``text`` (no slice)
        if text is norm and not sign:
            numeral = lo_num
        else:
            numeral = text[lo_pos - len(sign) : lo_pos + len(lo_num)]
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
    if sign and sign != "+":
        lo_value = -lo_value
    # qualifier words: 多, 余, 以上 … after the number; 约, 超过 … before it (not before 每)
    qual = ""
    word = many or many2 or post
    if word:
        qual = lex.qualifiers.get(word, "")
    pre_start = start
    if not per and start > floor and norm[start - 1] in lex.pre_last:
        pre_start, pre_qual = _pre(norm, start, floor, lex)
        qual = pre_qual or qual
    if hi_num is not None:
        return _range(m, text, norm, lex, lo_value, lo_scale, numeral, qual, pre_start)
    info = lex.units.get(lo_unit_text)
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
            m,
            text,
            norm,
            lex,
            lo_value,
            lo_scale,
            lo_unit_text,
            per,
            numeral,
            qual,
            pre_start,
            floor,
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


_CLAUSE_END = frozenset("。；;，,、：:！!？?）)]】」』”’ \t\r\n")


def _money(
    m: re.Match[str],
    text: str,
    norm: str,
    lex: _Lexicon,
    read: tuple[float, float, str, str, str, str, int],
    floor: int,
) -> Quantity | None:
    """A single number of ``_single`` with the money and mixed forms around it, or None.

    ``read`` is what ``_single`` has read: (value, scale, unit as written, unit, qualifier,
    numeral, start with the qualifier). Handles the rest of a mixed numeral (100万三千元, 1万600), sub-units summed into
    the 元 before them (123元1角1分, 十块三毛, 六角七分钱), 整 closing an amount (圆整) and
    a currency written before the number (港币两千九百六十元, 新台币 177.1 亿元). None when
    none of these is there (the caller goes on as before).
    """
    value, scale, unit_text, unit, qual, numeral, pre_start = read
    tab = _numerals()
    end = m.end()
    limit = min(len(norm), end + _WINDOW)
    changed = False
    whole = cents = None
    lo_num = m.group("lo_num")
    if not unit_text and m.group("lo_mag") and lo_num[0].isdigit() and not m.group("lo_many2"):
        tail = lex.patterns.mixed_tail.match(norm, end, limit)
        if tail is not None and _mixed_tail_ok(tail.group(), norm, tail.end(), lex):
            lo_start = m.start("lo_sign") if m.group("lo_sign") else m.start("lo_num")
            written = norm[lo_start : tail.end()].replace(" ", "").replace("，", "")
            whole, _why = _to_decimal(written, "smart", tab)
            if whole is not None:
                u = lex.patterns.unit.match(norm, tail.end(), limit)
                unit_text = u.group() if u else ""
                unit, kind, scale = _unit_of(unit_text, 1.0, lex)
                if kind != "amount":
                    return None
                end = u.end() if u else tail.end()
                numeral = text[lo_start : tail.end()]
                changed = True
    if unit_text in lex.yuan_units and scale == 1.0:
        cents, cents_end = _cents(norm, end, limit, lex, tab)
        if cents_end > end:
            unit, end, changed = lex.yuan_units[unit_text], cents_end, True
        else:
            cents = None
    yuan = lex.units.get(unit_text)
    if (
        yuan is not None
        and yuan.unit in lex.yuan_units.values()
        and end < len(norm)
        and norm[end] in tab.end
        and (end + 1 == len(norm) or norm[end + 1] in _CLAUSE_END)
    ):
        end, changed = end + 1, True  # 肆佰叁拾萬圆整
    if unit in ("", *lex.yuan_units.values()):
        k = pre_start
        while k > floor and pre_start - k < 2 and norm[k - 1] == " ":
            k -= 1
        for n, words in lex.currency_before:
            if k - n >= floor and norm[k - n : k] in words:
                unit, pre_start, changed = words[norm[k - n : k]], k - n, True
                break
    if not changed:
        return None
    if whole is not None:
        amount = whole * Decimal(repr(scale))
    else:
        amount = Decimal(repr(value)) * Decimal(repr(scale))
    if cents is not None:
        amount += cents
    return _make(text, float(amount), unit, "amount", pre_start, end, scale, qual, None, numeral)


def _mixed_tail_ok(tail: str, norm: str, end: int, lex: _Lexicon) -> bool:
    """Whether the rest after 万/亿 belongs to the number: 三千, 零四千230, 600 (not 一 of
    1万一年, nor the year of 1万2021年)."""
    if tail.isdigit():
        return not (_is_year_like(tail) and norm.startswith("年", end))
    return any(c in lex.small or c in lex.big for c in tail)


def _cents(norm: str, pos: int, limit: int, lex: _Lexicon, tab: _Numerals) -> tuple[Decimal, int]:
    """Sub-units right after 元/块 at ``pos``: (their value in 元, where they end).

    ``1角1分`` → 0.11, ``六角七分钱`` → 0.67 (钱 belongs to the span), ``零五分`` → 0.05;
    each sub-unit once and in order, one digit each; 分钟 is a unit, not 分.
    """
    total = Decimal(0)
    last = Decimal(1)
    i = pos
    while i < limit:
        j = i + 1 if tab.digits.get(norm[i]) == 0 else i
        if j + 1 >= limit:
            break
        c = norm[j]
        digit = tab.digits.get(c)
        if digit is None and "0" <= c <= "9":
            digit = int(c)
        sub = tab.sub.get(norm[j + 1]) if digit is not None else None
        if sub is None or sub >= last:
            break
        longer = lex.patterns.unit.match(norm, j + 1, limit)
        if longer is not None and longer.end() > j + 2:
            break  # 5分钟
        if not _sub_unit_ends(norm, j + 2, sub, tab):
            break  # 500元五分之一, 2000元八角亭村, 800元七分靠政策: 分/角 of another word
        total += digit * sub
        last, i = sub, j + 2
    if i > pos and i < limit and norm[i] in tab.suffix:
        i += 1
    return total, i


def _sub_unit_ends(norm: str, k: int, sub: Decimal, tab: _Numerals) -> bool:
    """Whether a sub-unit (角/毛/分) ending at ``k`` belongs to the amount before it: yes unless
    the character begins another word — 之 (五分之一) or a word of ``data/sub_unit_words.txt``
    (八角亭, 七分靠政策). 1元5角提高到2元, 3元5角一斤, 10元5角的补贴 keep their 角."""
    if k >= len(norm):
        return True
    if norm[k] == "之":
        return False
    return not norm.startswith(_sub_unit_words(), k - 1)


@cache
def _sub_unit_words() -> tuple[str, ...]:
    """Words beginning with 角/毛/分 (``data/sub_unit_words.txt``)."""
    return read_data_lines("sub_unit_words.txt")


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
    "ratio": _ratio,
    "frac": _fraction,
    "pct_zh": _percent_zh,
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


def _in_word(norm: str, pos: int, lex: _Lexicon) -> bool:
    """True when the numeral at ``pos`` is part of a word such as 统一, 星期一 or 最多跑一次."""
    words = lex.word_numerals.get(norm[pos])
    return words is not None and words.match(norm, pos) is not None


_LIST_CUES = ("分别", "依次")  # 分别为120，150亿元: what follows is a list
_CLAUSE_STOPS = frozenset("。；;！!？?\n，,")


def _after_list_cue(norm: str, pos: int) -> bool:
    """True when a word announcing a list (分别, 依次) is in the clause before ``pos``."""
    i = pos
    while i > 0 and pos - i < 40 and norm[i - 1] not in _CLAUSE_STOPS:
        i -= 1
    return any(w in norm[i:pos] for w in _LIST_CUES)


def _is_year_like(numeral: str) -> bool:
    """A bare 4-digit integer between 1949 and 2100."""
    return len(numeral) == 4 and numeral.isdigit() and 1949 <= int(numeral) <= 2100


def _after_preposition(norm: str, pos: int) -> bool:
    """True when ``pos`` starts the text or follows a word that introduces a year (到, 至, 在)."""
    return pos == 0 or norm[pos - 1] in "到至在于从自比较和与及、—-~ \n\t"


def _noun_unit(norm: str, end: int, lex: _Lexicon) -> str:
    """Unit from a counting noun after a unit-less number (2000万农村人口 → 人)."""
    m = lex.noun_pattern.match(norm, end, min(len(norm), end + _WINDOW))
    if m is None:
        return ""
    return lex.noun_units[m.group(1)]


_ERRORS = (ValueError, OverflowError, KeyError, ZeroDivisionError, TypeError, IndexError)


# Every regular expression of the scanner is tried on at most this many characters from where
# it starts (a quantity is far shorter), and the search for the next candidate is a single
# character class: the scanner's cost is then linear in the text whatever the text repeats
# (``"一" * 20000``, ``"1." * 10000``).
_WINDOW = 160


def _zh_run_limit(norm: str, start: int, end: int, endpos: int, lex: _Lexicon) -> int:
    """Up to where, in the run of numeral characters ``norm[start:end]``, a quantity may start.

    A position is worth a try when a unit, a marker or a range follows somewhere after it in
    the run or right after the run (一个, 一是, 十四五, 三分之一, 五千瓦 where 千瓦 is a unit),
    or when the run is a numeral that cannot be a word (一百零一: three characters or more,
    with a digit and a 十百千万亿); 统一, 进一步 and 一带一路 are skipped at once. Returns
    the first position not worth a try (``start`` for none).
    """
    follow = lex.patterns.follow
    if end < endpos and norm[end] in follow:
        return end
    if end - start >= 3 and _bare_numeral(norm[start:end], lex):
        return end
    for j in range(end - 1, start, -1):
        if norm[j] in follow:
            return j
    return start


def _style_ok(numeral: str, unit_text: str, lex: _Lexicon) -> bool:
    """A numeral with financial characters is written in that style throughout, and one such
    character alone is a number only before a currency (壹元, 陆佰元; not 陆家, 拾三间)."""
    tab = _numerals()
    fin = tab.financial
    if fin.isdisjoint(numeral):
        return True
    if any(
        (c in lex.digits or c in lex.small)
        and c not in fin
        and c in tab.canon
        and tab.canon[c] == c
        and tab.digits.get(c) != 0
        for c in numeral
    ):
        return False
    if len(numeral) > 1:
        return True
    info = lex.units.get(unit_text)
    return info is not None and info.unit in lex.currencies


def _stands_alone(sign: str, numeral: str, lex: _Lexicon) -> bool:
    """A Chinese numeral that is a number without a unit: 负十, 三点五, 一百零一 (not 十一)."""
    tab = _numerals()
    if sign in tab.minus or not tab.point.isdisjoint(numeral):
        return True
    return len(numeral) >= 3 and _bare_numeral(numeral, lex)


def _bare_numeral(run: str, lex: _Lexicon) -> bool:
    """A numeral that reads as a number without a unit: a digit and a unit character in it."""
    return not lex.digits.keys().isdisjoint(run) and not (
        lex.small.keys().isdisjoint(run) and lex.big.keys().isdisjoint(run)
    )


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


def _finite(q: Quantity) -> bool:
    """False for a value or high end that is infinite, or NaN where a number is expected."""
    if math.isinf(q.value) or (q.value_high is not None and not math.isfinite(q.value_high)):
        return False
    return not math.isnan(q.value) or q.kind == "date"


def _replace(q: Quantity, **changes) -> Quantity:
    """Copy of ``q`` with some fields changed."""
    values = {f: getattr(q, f) for f in Quantity.__slots__}
    values.update(changes)
    return Quantity(**values)


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
    """Every quantity in ``text``, sorted by ``start``, non-overlapping; never raises.

    >>> [(q.value, q.unit, q.kind) for q in parse_quantities("地区生产总值达到1.7万亿元")]
    [(1700000000000.0, '元', 'amount')]
    """
    if not isinstance(text, str) or not text:
        return []
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
    """``parse_quantities`` as a DataFrame, one row per quantity, columns = Quantity fields."""
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
