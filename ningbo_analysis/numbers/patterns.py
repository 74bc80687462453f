"""The scanner's regular expressions, built once from the units and numeral characters.

``_compile`` writes every alternative the scanner tries (dates, years, plan names, ordinals,
ranks, list markers, names, ratios, fractions, 百分之, 翻番, a bare magnitude and the main
one: a number with its magnitude, unit, qualifier words, maybe a range) from shared fragments
(``_Parts``: how numerals, magnitudes and units are written), and compiles them split by the
class of character they may start on, with the character-class search for candidates that
keeps the scan linear (``_Patterns``). Every pattern is tried on at most ``_WINDOW``
characters. Nothing here reads a text; ``lexicon`` loads the data files and calls
``_compile``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.numbers.numerals import _WIDTH_MAP, _numerals, _read


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
    # any character of a text as given (before widths are normalized) that ``candidate`` may
    # start on: a text without one holds no quantity (most sentences), found by one class search
    may_start: re.Pattern[str]


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
# 成 starting a word of its own after a numeral (普九成果, 三成员国, 九成熟): no share in tenths
_NOT_AFTER_TENTHS = (
    "果|功|为|员|效|长|本|熟|型|立|交|绩|品|就|都|人|套|片|批|群|色|材|才|像|全|事|了|行"
)
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
        rf"(?P<lo_many>{many}?)(?P<lo_mag>{mag}|)(?P<lo_many2>{many}?)"
        # 4000 公里: one space before a unit (a scraped table's spacing)
        rf"(?:(?<=\d)[ \u3000](?![年月日号])(?={unit}))?(?P<lo_unit>{unit}|)"
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
        # 3∶27∶70: a structure of three or more parts (read as parts or not at all, never as
        # a ratio of two of them)
        rf"(?P<chain>(?=[\d.,]+\s*[:：∶])(?<![0-9.:：∶]){arabic}(?:\s*[:：∶]\s*{arabic}){{2,}}"
        rf"(?![\d:：∶]))",
        rf"(?P<ratio>(?=[\d.,]+\s*[:：∶])(?<![0-9.:：∶]){arabic}\s*[:：∶]\s*{arabic}(?![\d:：∶]))",
        # 1/3, 三分之一: a fraction (numerator / denominator), maybe 左右 after it
        rf"(?P<frac>(?:(?<![\d./])(?P<fr_n>\d{{1,3}})/(?P<fr_d>\d{{1,3}})"
        # not before a letter or a unit of lines and schedules: 3/4号线 are two lines, 7/24小时
        # a schedule; 1/3人口, 2/3项目 are fractions
        rf"(?![\d./%A-Za-z])(?!{_NOT_AFTER_FRACTION})"
        rf"|(?<![{p.zall}])(?=[{p.zall}]*+分之)(?P<fr_zd>[{p.zd}{p.tens}][{p.zall}]*)分之"
        rf"(?P<fr_zn>{p.zh}|\d+(?:\.\d+)?))"
        rf"(?P<fr_post>{post}|))",
        rf"(?P<pct_zh>(?P<pz_base>百|千)分之(?P<pz_num>{arabic}|{p.zh}|百))",
        # 七成, 超七成五, 八成以上: a share in tenths (not 普九成果, 七成员, 一成不变)
        rf"(?P<tenths>(?<![{p.zall}0-9.])(?P<tn_n>[二三四五六七八九两])成"
        rf"(?P<tn_m>[一二三四五六七八九](?![{p.zall}成])|)(?!{_NOT_AFTER_TENTHS})"
        rf"(?P<tn_post>{post}|(?P<tn_many>多)|))",
        rf"(?P<fanfan>翻(?P<ff_n>[{p.zd}]|\d+)?番|(?<![加成年双])倍增(?![加长计行工发]))",  # 倍增: 翻一番 (not 倍增计划, 三年倍增, 双倍增)
        rf"(?P<bare_mag>(?=[{p.zsmall}{p.zbig}])(?<=[{pre_last}])(?:{pre_behind})"
        # 超过万人, 突破千万, 突破万亿元, 跃上万亿台阶: a magnitude word (千万 = 1e7) after a qualifier
        rf"(?P<bm_mag>[{p.zsmall}]?[{p.zbig}]{{1,2}}|[{p.zsmall}])(?P<bm_unit>{unit}(?!阶)|)"
        rf"(?![{p.zsmall}{p.zbig}{p.zd}0-9]))",
        # 千亿级产业集群, 五千亿级的高端装备制造: a class of size (read only for 亿 and more)
        rf"(?P<tier>(?<![{p.zall}0-9.])(?P<tr_mag>[{p.zd}]?[{p.zsmall}][{p.zbig}]{{1,2}}|[{p.zbig}]{{2}})(?=级))",
        rf"(?P<q>(?P<fromw>(?<=[由从]))?(?:每(?P<per>{p.unit_alt})|){lo}"
        rf"(?(fromw)|(?:{p.sep}{hi}|))(?P<post>{post}|))",
    ]


# The scanner's alternatives by the class of character they may start on (in priority order).
_DATE_ALTS = ("iso", "date", "mrange", "yrange", "year")
_CODE_ALTS = ("name", "chain", "ratio", "frac")
_DIGIT_ALTS = [*_DATE_ALTS, "marker", *_CODE_ALTS, "q"]
_ZH_ALTS = [
    "year",
    "plan",
    "ordinal",
    "marker",
    "frac",
    "pct_zh",
    "tenths",
    "bare_mag",
    "tier",
    "q",
]
_OTHER_ALTS = ["qrange", "plan", "ordinal", "rank", "per_den", "marker", "name", "fanfan", "q"]


def _scanner(
    alternatives: list[str], p: _Parts, unit_words: list[str], handlers: Collection[str]
) -> _Patterns:
    """Compile the alternatives: all of them, split by first character, and the candidates.

    ``handlers`` names the readers of the matches (``scanner._HANDLERS``): one per alternative.
    """
    zall = p.zall
    # A Chinese numeral character only starts something when a unit, a marker or a range
    # follows the numeral (一个, 一是, (三), 十四五, 百分之); 统一, 进一步 are skipped at once.
    follow = {u[0] for u in unit_words} | set("是、次年五分点多余成")
    follow |= set("到至~-–—)]）届周期。，,；;级")  # 级: 千亿级
    follow_cls = "".join(sorted(re.escape(c) for c in follow))
    body = "|".join(alternatives)
    starts = rf"\d第前每翻倍+\-A-Za-z①-⑳{p.minus}"
    full = re.compile(rf"(?=[{starts}{zall}])(?:{body})")
    # The same alternatives, in the same order, split by the class of the first character:
    # the scanner picks one of these at each candidate so fewer alternatives are tried.
    by_name = {re.match(r"\(\?P<(\w+)>", alt).group(1): alt for alt in alternatives}
    if set(by_name) != set(handlers):  # pragma: no cover - a programming error
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
            rf"(?:(?<=[{follow_cls}])|(?=[{zall}]{{0,15}}?[{follow_cls}])|(?=[{zall}]{{2}})"
            rf"|(?=[{zall}]{{0,3}}?(?:{_STEP_WORDS}))))"
        ),
        frozenset(zall),
        re.compile(rf"[{zall}]+"),
        frozenset(follow),
        re.compile(p.unit),
        # 100万三千, 200亿零四千230, 1万600: checked by ``to_number`` in smart mode
        re.compile(rf"(?:零|〇)?(?:[{p.zd}{p.tens}][{zall}]*\d*|\d{{2,}})(?![\d.{zall}])"),
        _may_start(starts, zall),
    )


#: A step or milestone after a sum written without a unit (突破万亿大关, 跨越万亿关口): the run of
#: numerals before it is worth a try though no unit follows (``forms._money_step`` reads it).
_STEP_WORDS = "大关|关口|基座"


def _may_start(starts: str, zall: str) -> re.Pattern[str]:
    """The first character class of the candidate search, plus every character the width
    normalization maps into it (全角 ０-９, Ａ-Ｚ, ＋, －): a text none of whose characters is
    in it has no candidate once normalized."""
    first = re.compile(_first_class(starts, zall))
    wide = "".join(chr(k) for k, v in sorted(_WIDTH_MAP.items()) if first.match(chr(v)))
    return re.compile(f"{first.pattern}|[{re.escape(wide)}]" if wide else first.pattern)


def _worth_a_try(p: _Parts) -> str:
    r"""Where a candidate on a character of ``starts`` (not a Chinese numeral) may start a match.

    Tested inside the candidate search, so that the scanner is not called back on characters
    where no alternative can match: 前 (目前, 当前), + and - need a number after them (前5,
    +5%), 负 a Chinese numeral (负十; 不辜负 is skipped), and a letter a digit after a run
    of letters (PM2.5; GDP is skipped; a run of more than 16 is left to the scanner).
    """
    return (
        rf"(?:(?<=[\d第每翻①-⑳])|(?<=倍)(?=增)"
        rf"|(?<=[前+\-])(?=[\d{p.zd}{p.tens}])"
        rf"|(?<=[{p.minus}])(?=[{p.zall}])"
        rf"|(?<=[A-Za-z])(?=[A-Za-z+\-._]{{0,16}}+[\dA-Za-z+\-._]))"
    )


def _bitmap_class(starts: str, zall: str) -> str:
    r"""``[{starts}{zall}]`` as :func:`_first_class` writes it, a character of another plane
    only when it is a digit."""
    return rf"{_first_class(starts, zall)}(?:(?<![\U00010000-\U0010FFFF])|(?<=\d))"


@lru_cache(maxsize=4)
def _first_class(starts: str, zall: str) -> str:
    r"""``[{starts}{zall}]`` (``starts`` holds ``\d``) written so that the regex engine tests it
    with one bitmap look-up per character.

    The candidate search tests this class on every character of the text; ``\d`` in a class
    is a Unicode category, tested by a function call after the bitmap. The decimal digits of
    the Basic Multilingual Plane are listed instead, and the other planes are let through (and
    checked with ``\d`` right after by :func:`_bitmap_class`: there is no candidate there but
    digits).
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
    return rf"[{digits}{others}{zall}\U00010000-\U0010FFFF]"


def _compile(
    units: dict[str, _Unit],
    digits: dict[str, int],
    small: dict[str, int],
    big: dict[str, int],
    before: list[str],
    after: list[str],
    handlers: Collection[str],
) -> _Patterns:
    """Build the scanner regexes; alternatives are tried in priority order.

    Every alternative starts on a digit, a Chinese numeral character or one of a few markers
    (第 前 每 翻 + - ①); qualifiers before a number, quotes and brackets around it are checked
    by look-behinds and added to the span afterwards, so that a one-character look-ahead can
    skip all other positions cheaply. ``handlers`` names the reader of each alternative.
    """
    p = _parts(units, digits, small, big)
    alternatives = (
        _date_alternatives(p) + _marker_alternatives(p) + _number_alternatives(p, before, after)
    )
    return _scanner(alternatives, p, list(units), handlers)


_OPEN_Q = '“"「『‘'
_CLOSE_Q = '”"」』’'


# Every regular expression of the scanner is tried on at most this many characters from where
# it starts (a quantity is far shorter), and the search for the next candidate is a single
# character class: the scanner's cost is then linear in the text whatever the text repeats
# (``"一" * 20000``, ``"1." * 10000``).
_WINDOW = 160


__all__: list[str] = []
