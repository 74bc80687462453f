"""Find and normalize every number in Chinese policy text, with units, qualifiers and offsets.

``parse_quantities(text)`` returns one :class:`Quantity` per number-like span, sorted by
``start`` and never overlapping. Amounts are normalized to a canonical base unit
(``1.7万亿元`` → ``1.7e12`` 元); numbers that are not amounts keep their own ``kind`` so that
later stages can still use them:

========================  =====================================================
kind                      examples (value)
========================  =====================================================
``amount``                12408.7亿元 (1.24087e12 元), 2872万标箱, 五年 (5 年), 每月698元 (元/月)
``percent``               -1.4% (-1.4), 百分之三 (3), １２％ (12)
``percentage_point``      提高0.44个百分点 (0.44)
``multiple``              3.5倍 (3.5), 翻两番 (4)
``range``                 3到5万元 (3e4 .. 5e4 元), 10%—15% (10 .. 15 %)
``ratio``                 1.81:1 (1.81 = left / right)
``year``                  2020年, 二〇三五年 (2035), 2016—2020年 (2016 .. 2020)
``date``                  2021年2月21日, 12月31日, 2025-07-08 (value: the year, NaN if absent;
                          :func:`date_parts` gives year, month, day)
``month_range``           1-11月 (1 .. 11), 前三季度 (1 .. 9)
``ordinal`` / ``rank``    第十五届 (15, 届), 第3位 (3, rank), 前5 (rank 5, qualifier at_most)
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

Lexicons live in ``ningbo_analysis/data``: ``units.csv`` (surface, unit, scale, kind),
``numerals_zh.csv``, ``units_qualifiers.csv`` and ``units_nouns.csv``. The patterns are compiled
once, lazily.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.resources import read_data_csv

__all__ = [
    "KINDS",
    "QUALIFIERS",
    "Quantity",
    "date_parts",
    "parse_chinese_number",
    "parse_quantities",
    "quantities_frame",
]

KINDS = (
    "amount",
    "percent",
    "percentage_point",
    "ratio",
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

# Full-width and look-alike characters mapped one-to-one so offsets do not move.
_WIDTH_MAP = {0xFF10 + i: ord("0") + i for i in range(10)}
_WIDTH_MAP.update({0xFF21 + i: ord("A") + i for i in range(26)})
_WIDTH_MAP.update({0xFF41 + i: ord("a") + i for i in range(26)})
_WIDTH_MAP.update(
    {
        ord("％"): ord("%"),
        ord("．"): ord("."),
        ord("："): ord(":"),
        ord("∶"): ord(":"),
        ord("＋"): ord("+"),
        ord("－"): ord("-"),
        ord("−"): ord("-"),
        ord("～"): ord("~"),
        ord("〜"): ord("~"),
        ord("／"): ord("/"),
        ord("（"): ord("("),
        ord("）"): ord(")"),
        ord("＿"): ord("_"),
        ord("\u3000"): ord(" "),
    }
)


class _Unit(NamedTuple):
    unit: str
    scale: float
    kind: str


class _Lexicon(NamedTuple):
    units: dict[str, _Unit]
    digits: dict[str, int]
    small: dict[str, int]
    big: dict[str, int]
    qualifiers: dict[str, str]
    noun_units: dict[str, str]
    word_numerals: frozenset[str]
    pattern: re.Pattern[str]
    noun_pattern: re.Pattern[str]


def _alt(words: list[str]) -> str:
    """Regex alternation of ``words``, longest first (so 平方公里 wins over 公里)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


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
    word_numerals = frozenset(words_df["word"])
    pattern = _compile(units, digits, small, big, before, after)
    noun_pattern = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?({_alt(list(noun_units))})")
    return _Lexicon(
        units, digits, small, big, qualifiers, noun_units, word_numerals, pattern, noun_pattern
    )


def _compile(
    units: dict[str, _Unit],
    digits: dict[str, int],
    small: dict[str, int],
    big: dict[str, int],
    before: list[str],
    after: list[str],
) -> re.Pattern[str]:
    """Build the one scanner regex; alternatives are tried in priority order."""
    zd = "".join(digits)
    zd_nonzero = "".join(c for c, v in digits.items() if v)
    zall = zd + "".join(small) + "".join(big)
    zsmall = "".join(small)
    zbig = "".join(big)
    ten = next((c for c, v in small.items() if v == 10), "十")
    arabic = r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    zh = rf"(?:[{zd}{ten}][{zall}]*(?:点[{zd}]+)?)"
    num = rf"(?:(?<![0-9A-Za-z._]){arabic}|(?<![{zall}]){zh})"
    unit_words = [u for u, info in units.items() if info.kind != "name" or u]
    unit_alt = _alt(unit_words)
    # A magnitude word after an Arabic number; 千/百 must not eat the start of a unit (千瓦).
    guards = {}
    for ch in zsmall:
        rests = [u[1:] for u in unit_words if u.startswith(ch) and len(u) > 1]
        guards[ch] = f"(?!{_alt(rests)})" if rests else ""
    small_mag = "|".join(f"{ch}{guards[ch]}" for ch in zsmall if ch != ten)
    mag = rf"(?:(?:{small_mag})(?:[{zbig}]{{1,2}})?|[{zbig}]{{1,2}})"
    unit = rf"(?:{unit_alt})(?:/(?:{unit_alt}))?"
    many = "[多余]"
    pre = _alt(before)
    post = _alt([a for a in after if a not in ("多", "余")])
    sep = r"\s*(?:到|至|~|-|–|—(?!—))\s*"
    year4 = r"(?:19\d\d|20\d\d|2100)"
    zyear = rf"[{zd}]{{4}}"
    month = r"(?:1[0-2]|0?[1-9])"
    day = r"(?:3[01]|[12]\d|0?[1-9])"
    ordinal_words = "位|名|届|次|个|批|期|轮|季度|年|条|项|号|版|章|节|部分|家|大|"
    # Parts of the main alternative share one layout, twice for ranges.
    lo = (
        rf"(?P<lo_sign>(?<![\d])[-+])?(?P<lo_num>{num})(?P<lo_many>{many})?"
        rf"(?P<lo_mag>{mag})?(?P<lo_many2>{many})?(?P<lo_unit>{unit})?"
    )
    hi = (
        rf"(?P<hi_sign>[-+])?(?P<hi_num>{num})(?P<hi_many>{many})?"
        rf"(?P<hi_mag>{mag})?(?P<hi_many2>{many})?(?P<hi_unit>{unit})?"
    )
    marker_start = r"(?:^|(?<=[\n\r\t 。；;:：!！?？，,]))"
    alternatives = [
        rf"(?P<iso>(?<![\d.]){year4}-(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9])(?!\d))",
        rf"(?P<date>(?<![\d.])(?:(?P<d_y>{year4})年)?(?P<d_m>{month})月(?:(?P<d_d>{day})[日号])?)",
        rf"(?P<mrange>(?<![\d.])(?P<mr_lo>{month})\s*(?:-|–|—|~|至|到)\s*(?P<mr_hi>{month})月)",
        rf"(?P<qrange>前(?P<qr_n>[{zd}]|\d)(?P<qr_u>季度|个季度|个月))",
        rf"(?P<yrange>(?<![\d.])(?P<yr_lo>{year4})年?\s*(?:-|–|—|~|至|到)\s*(?P<yr_hi>{year4})年)",
        rf"(?P<year>(?<![\d.])(?P<y_num>{year4}|{zyear})年(?!代))",
        rf"(?P<plan>第(?P<pl_num>[{zd}{ten}]{{1,3}})个五年(?:规划|计划)"
        rf"|(?P<pl_q>[“\"])?(?<![{zall}]){ten}(?P<pl_n>[{zd_nonzero}])五(?![{zall}])"
        r"(?(pl_q)[”\"]|))",
        rf"(?P<ordinal>第\s*(?P<or_num>{arabic}|{zh})(?P<or_unit>{ordinal_words})"
        rf"|(?<![{zall}])(?P<or_num2>[{zd}{ten}]{{1,3}})(?P<or_unit2>次)(?=全会|全体会议|会议))",
        rf"(?P<rank>(?<![提门目此之以事眼向当超空])前(?P<rk_num>\d+|[{zd}{ten}]{{1,3}})(?P<rk_unit>位|名)?"
        rf"(?![\d.{zall}]|{unit_alt}))",
        rf"(?P<per_den>每(?P<pd_num>\d+(?:\.\d+)?|[{zall}]{{1,4}})(?P<pd_unit>{unit_alt}))",
        rf"(?P<marker>{marker_start}(?:(?P<mk_zh>[{zd}{ten}]{{1,3}})(?:是|、)"
        rf"|\d{{1,2}}(?:\.(?!\d)|、))|[(\[](?:[{zd}{ten}]{{1,3}}|\d{{1,2}})[)\]]|[①-⑳])",
        r"(?P<name>[“\"「『‘](?P<nm_q>[0-9A-Za-z+\-._]*\d[0-9A-Za-z+\-._]*)[”\"」』’]"
        r"|(?<![0-9A-Za-z_.])[A-Za-z][A-Za-z_]*\d+(?:\.\d+)?(?:[A-Za-z_]+\d*(?:\.\d+)?)*"
        r"|(?<![0-9A-Za-z_.])\d+(?:\.\d+)?[A-Za-z]+(?:\d+[A-Za-z]*)*(?![0-9A-Za-z_])"
        r"|(?<![0-9A-Za-z_.])\d+(?:\+(?:\d+|[A-Za-z](?![A-Za-z])))+)",
        rf"(?P<ratio>(?<![0-9.]){arabic}\s*:\s*{arabic}(?![\d:]))",
        rf"(?P<pct_zh>(?P<pz_pre>{pre})?(?P<pz_base>百|千)分之(?P<pz_num>{arabic}|{zh}|百))",
        rf"(?P<fanfan>翻(?P<ff_n>[{zd}]|\d+)?番)",
        rf"(?P<bare_mag>(?P<bm_pre>{pre})(?P<bm_mag>[{zsmall}{zbig}])(?P<bm_unit>{unit}))",
        rf"(?P<q>(?P<fromw>(?<=[由从]))?(?P<pre>{pre})?(?:每(?P<per>{unit_alt}))?{lo}"
        rf"(?(fromw)|(?:{sep}{hi})?)(?P<post>{post})?)",
    ]
    return re.compile("|".join(alternatives))


# --------------------------------------------------------------------------- numerals


def parse_chinese_number(numeral: str) -> float | None:
    """Value of a Chinese numeral, or None if it is not one.

    ``一千二百`` → 1200, ``两千`` → 2000, ``三万五千`` → 35000, ``二〇三五`` → 2035,
    ``十五`` → 15, ``三点五`` → 3.5.
    """
    lex = _lexicon()
    if not numeral:
        return None
    integer, _, decimals = numeral.partition("点")
    frac = 0.0
    if decimals:
        if not all(c in lex.digits for c in decimals):
            return None
        frac = float("0." + "".join(str(lex.digits[c]) for c in decimals))
    if not integer:
        return None
    if all(c in lex.digits for c in integer):
        # positional (二〇三五) or a single digit
        return float("".join(str(lex.digits[c]) for c in integer)) + frac
    total = 0  # finished big sections (亿, 万)
    section = 0  # current section below 万
    digit: int | None = None
    for c in integer:
        if c in lex.digits:
            digit = lex.digits[c]
        elif c in lex.small:
            section += (1 if digit is None else digit) * lex.small[c]
            digit = None
        elif c in lex.big:
            mult = lex.big[c]
            current = section + (digit or 0)
            if current == 0 and total == 0:
                current = 1
            if total and total < mult:
                total = (total + current) * mult
            else:
                total += current * mult
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0)) + frac


def _split_zh_magnitude(numeral: str, big: dict[str, int]) -> tuple[str, float]:
    """Split trailing 万/亿 from a Chinese numeral: ``两千万`` → (``两千``, 1e4)."""
    scale = 1.0
    body = numeral
    while body and body[-1] in big and len(body) > 1:
        scale *= big[body[-1]]
        body = body[:-1]
    return body, scale


def _number(numeral: str) -> float | None:
    """Value of an Arabic (12,408.7) or Chinese numeral."""
    if not numeral:
        return None
    if numeral[0].isdigit():
        try:
            return float(numeral.replace(",", ""))
        except ValueError:
            return None
    return parse_chinese_number(numeral)


def _magnitude(word: str | None, lex: _Lexicon) -> float:
    """Scale of a magnitude word after an Arabic number: 万 → 1e4, 万亿 → 1e12, 千万 → 1e7."""
    scale = 1.0
    for c in word or "":
        scale *= lex.small.get(c) or lex.big.get(c) or 1
    return scale


# --------------------------------------------------------------------------- scanning


def _qual(m: re.Match[str], names: tuple[str, ...], lex: _Lexicon) -> str:
    """First qualifier found among groups ``names`` (a pre-qualifier wins)."""
    for name in names:
        word = m.group(name)
        if word:
            return lex.qualifiers.get(word, "")
    return ""


def _date_value(m: re.Match[str]) -> float:
    year = m.group("d_y")
    return float(year) if year else math.nan


def _one(m: re.Match[str], text: str, norm: str, lex: _Lexicon) -> Quantity | None:
    """Turn one scanner match into a Quantity (None: not a quantity after all)."""
    start, end = m.span()
    group = m.lastgroup

    def make(value, unit, kind, *, scale=1.0, qualifier="", high=None, number="", s=start, e=end):
        return Quantity(
            float(value), unit, float(scale), text[s:e], s, e, qualifier, kind, high, number
        )

    if group == "iso":
        return make(norm[start : start + 4], "", "date", number=text[start:end])
    if group == "date":
        return make(_date_value(m), "", "date", number=text[start:end])
    if group == "mrange":
        lo, hi = int(m.group("mr_lo")), int(m.group("mr_hi"))
        if lo >= hi:
            return None
        return make(lo, "月", "month_range", high=float(hi), number=text[start:end])
    if group == "qrange":
        n = _number(m.group("qr_n")) or 0
        months = n * 3 if "季度" in m.group("qr_u") else n
        if not 1 <= months <= 12:
            return None
        return make(1, "月", "month_range", high=float(months), number=m.group("qr_n"))
    if group == "yrange":
        lo, hi = int(m.group("yr_lo")), int(m.group("yr_hi"))
        if not (1949 <= lo < hi <= 2100):
            return None
        return make(lo, "年", "year", high=float(hi), number=text[start:end])
    if group == "year":
        numeral = m.group("y_num")
        value = _number(numeral)
        if value is None:
            return None
        if not 1949 <= value <= 2100:
            # 1900年 is read as a duration: only 1949–2100 are years
            return make(value, "年", "amount", number=text[m.start("y_num") : m.end("y_num")])
        return make(value, "年", "year", number=text[m.start("y_num") : m.end("y_num")])
    if group == "plan":
        numeral = m.group("pl_num") or ("十" + (m.group("pl_n") or ""))
        value = _number(numeral)
        if value is None:
            return None
        return make(value, "", "plan_name", number=numeral)
    if group == "ordinal":
        numeral = m.group("or_num") or m.group("or_num2")
        value = _number(numeral)
        if value is None:
            return None
        word = m.group("or_unit") if m.group("or_num") else m.group("or_unit2")
        kind = "rank" if word in ("位", "名") else "ordinal"
        return make(value, word, kind, number=numeral)
    if group == "rank":
        numeral = m.group("rk_num")
        value = _number(numeral)
        if value is None:
            return None
        return make(value, m.group("rk_unit") or "", "rank", qualifier="at_most", number=numeral)
    if group == "per_den":
        numeral = m.group("pd_num")
        if all(c in lex.small or c in lex.big for c in numeral):
            value: float | None = _magnitude(numeral, lex)  # 每千人, 每百名
        else:
            value = _number(numeral)
        if value is None:
            return None
        info = lex.units[m.group("pd_unit")]
        return make(value * info.scale, info.unit, "name", number=numeral)
    if group == "marker":
        numeral = text[start:end].strip("()[]（）、.是．")
        value = _number(norm[start:end].strip("()[].、是"))
        if value is None and numeral and "①" <= numeral[0] <= "⑳":
            value = ord(numeral[0]) - ord("①") + 1
        if value is None:
            return None
        return make(value, "", "list_marker", number=numeral)
    if group == "name":
        numeral = text[start:end]
        inner = m.group("nm_q")
        value = _number(inner) if inner else None
        if value is None:
            digits = re.search(r"\d+(?:\.\d+)?", norm[start:end])
            value = float(digits.group()) if digits else math.nan
        return make(value, "", "name", number=numeral)
    if group == "ratio":
        left, right = (float(p.replace(",", "")) for p in norm[start:end].split(":"))
        if right == 0:
            return None
        return make(left / right, "", "ratio", number=text[start:end])
    if group == "pct_zh":
        numeral = m.group("pz_num")
        value = 100.0 if numeral == "百" else _number(numeral)
        if value is None:
            return None
        scale = 0.1 if m.group("pz_base") == "千" else 1.0
        qual = _qual(m, ("pz_pre",), lex)
        return make(value * scale, "%", "percent", scale=scale, qualifier=qual, number=numeral)
    if group == "fanfan":
        n_text = m.group("ff_n")
        n = _number(n_text) if n_text else 1.0
        if n is None:
            return None
        return make(2.0**n, "倍", "multiple", number=n_text or "")
    if group == "bare_mag":
        scale = _magnitude(m.group("bm_mag"), lex)
        return _with_unit(m, "bm_unit", 1.0, scale, "", text, start, end, lex, make, "bm_pre")
    if group == "q":
        return _main(m, text, norm, lex, make)
    return None  # pragma: no cover - every alternative is handled above


def _with_unit(m, unit_group, value, scale, numeral, text, start, end, lex, make, pre_group):
    """Quantity for ``value`` × ``scale`` with the unit written in ``unit_group``."""
    unit_text = m.group(unit_group)
    unit, kind, scale = _unit_of(unit_text, scale, lex)
    qual = _qual(m, (pre_group,), lex)
    return make(value * scale, unit, kind, scale=scale, qualifier=qual, number=numeral)


def _unit_of(unit_text: str | None, scale: float, lex: _Lexicon) -> tuple[str, str, float]:
    """Canonical unit, kind and total scale of a written unit (``元/人`` → 元/人)."""
    if not unit_text:
        return "", "amount", scale
    main, _, per = unit_text.partition("/")
    if main + "/" + per in lex.units:
        main, per = main + "/" + per, ""
    info = lex.units[main]
    unit = info.unit
    if per:
        unit = f"{unit}/{lex.units[per].unit}"
    return unit, info.kind, scale * info.scale


def _main(m: re.Match[str], text: str, norm: str, lex: _Lexicon, make) -> Quantity | None:
    """The main alternative: qualifiers, a number, its magnitude and unit, maybe a range."""
    start, end = m.span()
    lo_num = m.group("lo_num")
    hi_num = m.group("hi_num")
    lo_unit_text = m.group("lo_unit")
    hi_unit_text = m.group("hi_unit")
    is_zh = not lo_num[0].isdigit()
    if is_zh and not (lo_unit_text or hi_unit_text):
        return None  # bare Chinese numerals are words (万千, 一带一路), not quantities
    if is_zh and _in_word(norm, m.start("lo_num"), lex):
        return None  # 统一部署 is not 1 部
    lo_value = _number(lo_num)
    if lo_value is None:
        return None
    lo_scale = _magnitude(m.group("lo_mag"), lex)
    num_start = m.start("lo_sign") if m.group("lo_sign") else m.start("lo_num")
    lo_numeral = text[num_start : m.end("lo_num")]
    if is_zh:
        body, zh_scale = _split_zh_magnitude(lo_num, lex.big)
        if zh_scale != 1.0:
            lo_value = _number(body)
            if lo_value is None:
                return None
            lo_scale *= zh_scale
            lo_numeral = text[num_start : m.start("lo_num") + len(body)]
    if m.group("lo_sign") == "-":
        lo_value = -lo_value
    qual = _qual(m, ("pre", "lo_many", "lo_many2", "post"), lex)
    per = m.group("per")

    if hi_num is None:
        unit, kind, scale = _unit_of(lo_unit_text, lo_scale, lex)
        if per and kind == "amount" and unit:
            unit = f"{unit}/{lex.units[per].unit}"
        elif per:
            # 每 does not belong to this number (每年2%): leave it out of the span
            lo_start = m.start("lo_sign") if m.group("lo_sign") else m.start("lo_num")
            return _rescan(text, norm, lex, [(lo_start, end)])
        if kind == "amount" and not unit:
            unit = _noun_unit(norm, end, lex)
            if not unit and scale == 1.0 and _is_year_like(lo_num):
                # 到2025 is a year, 中国制造2025 a name
                kind = "year" if _after_preposition(norm, start) else "name"
                return make(lo_value, "年" if kind == "year" else "", kind, number=lo_numeral)
            if not unit and _after_open_quote(norm, m.start("lo_num")):
                return make(lo_value, "", "name", number=lo_numeral, s=start)
        return make(
            lo_value * scale,
            unit,
            kind,
            scale=scale,
            qualifier=qual,
            number=lo_numeral,
            s=start,
        )

    # a range: the low end borrows the magnitude and unit of the high end (3到5万元)
    hi_value = _number(hi_num)
    if hi_value is None:
        return None
    hi_scale = _magnitude(m.group("hi_mag"), lex)
    if not hi_num[0].isdigit():
        body, zh_scale = _split_zh_magnitude(hi_num, lex.big)
        hi_value = _number(body) if zh_scale != 1.0 else hi_value
        if hi_value is None:
            return None
        hi_scale *= zh_scale
    if m.group("hi_sign") == "-":
        hi_value = -hi_value
    hi_unit, hi_kind, hi_total = _unit_of(hi_unit_text or lo_unit_text, hi_scale, lex)
    if m.group("lo_mag") is None and lo_unit_text is None:
        lo_total = hi_total
    else:
        lo_unit, _lo_kind, lo_total = _unit_of(lo_unit_text or hi_unit_text, lo_scale, lex)
        if lo_unit != hi_unit:
            # different units on both sides: not a range, rescan the two halves
            return _rescan(text, norm, lex, _halves(m, start, end))
    if hi_kind not in ("amount", "percent", "percentage_point", "multiple"):
        return _rescan(text, norm, lex, _halves(m, start, end))
    low, high = lo_value * lo_total, hi_value * hi_total
    if low > high:
        return _rescan(text, norm, lex, _halves(m, start, end))
    if per and hi_kind == "amount" and hi_unit:
        hi_unit = f"{hi_unit}/{lex.units[per].unit}"
    return make(low, hi_unit, "range", scale=hi_total, qualifier=qual, high=high, number=lo_numeral)


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
    """True when the numeral at ``pos`` ends a word such as 统一 or 星期一."""
    return any(
        norm[max(0, pos - len(w) + 1) : pos + 1] == w
        for w in lex.word_numerals
        if len(w) <= pos + 1
    )


def _is_year_like(numeral: str) -> bool:
    """A bare 4-digit integer between 1949 and 2100."""
    return len(numeral) == 4 and numeral.isdigit() and 1949 <= int(numeral) <= 2100


def _after_preposition(norm: str, pos: int) -> bool:
    """True when ``pos`` starts the text or follows a word that introduces a year (到, 至, 在)."""
    return pos == 0 or norm[pos - 1] in "到至在于从自比较和与及、—-~ \n\t"


def _after_open_quote(norm: str, pos: int) -> bool:
    """True when a number directly follows an opening quote (“3315计划”)."""
    return pos > 0 and norm[pos - 1] in '“"「『‘'


def _noun_unit(norm: str, end: int, lex: _Lexicon) -> str:
    """Unit from a counting noun after a unit-less number (2000万农村人口 → 人)."""
    m = lex.noun_pattern.match(norm, end)
    if m is None:
        return ""
    return lex.noun_units[m.group(1)]


def _scan(text: str, norm: str, lex: _Lexicon, pos: int = 0, endpos: int | None = None):
    """Quantities in ``text[pos:endpos]`` (``norm`` is the width-normalized text)."""
    out: list[Quantity] = []
    endpos = len(text) if endpos is None else endpos
    for m in lex.pattern.finditer(norm, pos, endpos):
        try:
            q = _one(m, text, norm, lex)
        except _Rescan as again:
            out.extend(again.pieces)
            continue
        except (ValueError, OverflowError, KeyError, ZeroDivisionError, TypeError, IndexError):
            continue  # a malformed numeral: skip it rather than fail the whole text
        if q is not None:
            out.append(q)
    return out


def _elliptic_units(quantities: list[Quantity], norm: str) -> list[Quantity]:
    """Fix units written once for a list or a change.

    ``少3.2个、1.9个百分点``: the first ``个`` is elliptic for 个百分点.
    ``由每月698元提高到937元``: the second amount is also 元/月.
    """
    out = list(quantities)
    for i in range(len(out) - 1, 0, -1):
        prev, cur = out[i - 1], out[i]
        gap = norm[prev.end : cur.start]
        if (
            prev.kind == "amount"
            and not prev.unit
            and cur.unit
            and cur.kind not in ("range", "ratio", "year", "date", "month_range")
            and gap in ("、", "和", "与", "及", "或")
        ):
            # 6、7、8号线; 9.3万和5.5万元: a unit written once for the whole list
            out[i - 1] = Quantity(
                prev.value,
                cur.unit,
                prev.scale,
                prev.raw,
                prev.start,
                prev.end,
                prev.qualifier,
                cur.kind,
                prev.value_high,
                prev.number,
            )
        elif (
            prev.unit == "个"
            and cur.unit == "个百分点"
            and gap in ("、", "和", "与", "及", ",", "，")
            and prev.raw.endswith("个")
        ):
            out[i - 1] = Quantity(
                prev.value,
                "个百分点",
                prev.scale,
                prev.raw,
                prev.start,
                prev.end,
                prev.qualifier,
                "percentage_point",
                prev.value_high,
                prev.number,
            )
        elif (
            "/" in prev.unit
            and prev.unit.split("/")[0] == cur.unit
            and cur.kind == "amount"
            and len(gap) <= 6
            and gap[-1:] in ("到", "至", "为")
            and not any(c in gap for c in "，,。；;、")
        ):
            out[i] = Quantity(
                cur.value,
                prev.unit,
                cur.scale,
                cur.raw,
                cur.start,
                cur.end,
                cur.qualifier,
                cur.kind,
                cur.value_high,
                cur.number,
            )
    return out


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, sorted by ``start``, non-overlapping; never raises.

    >>> [(q.value, q.unit, q.kind) for q in parse_quantities("地区生产总值达到1.7万亿元")]
    [(1700000000000.0, '元', 'amount')]
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        lex = _lexicon()
    except NingboAnalysisError:
        raise
    norm = text.translate(_WIDTH_MAP)
    try:
        found = _scan(text, norm, lex)
        found.sort(key=lambda q: q.start)
        kept: list[Quantity] = []
        for q in found:
            if kept and q.start < kept[-1].end:
                continue
            kept.append(q)
        return _elliptic_units(kept, norm)
    except RecursionError:  # pragma: no cover - defensive
        return []


def quantities_frame(text: str) -> pd.DataFrame:
    """``parse_quantities`` as a DataFrame, one row per quantity, columns = Quantity fields."""
    columns = [f.name for f in fields(Quantity)]
    rows = [[getattr(q, c) for c in columns] for q in parse_quantities(text)]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.astype(
        {
            "value": "float64",
            "scale": "float64",
            "start": "int64",
            "end": "int64",
            "value_high": "float64",
        }
    )
    return frame


def date_parts(q: Quantity) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a ``date`` or ``year`` quantity; None for a missing part.

    ``2021年2月21日`` → (2021, 2, 21); ``12月31日`` → (None, 12, 31).
    """
    if q.kind == "year":
        return int(q.value), None, None
    if q.kind != "date":
        return None, None, None
    norm = q.raw.translate(_WIDTH_MAP)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", norm)
    if iso:
        y, mo, d = (int(g) for g in iso.groups())
        return y, mo, d
    parts = re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?", norm)
    if not parts:
        return None, None, None
    y, mo, d = parts.groups()
    return (int(y) if y else None, int(mo), int(d) if d else None)
