"""Stage 4 — figures: every quantitative statement of an article as a tidy, sourced row.

``extract_figures(source, region=None, report_year=None)`` returns one row per figure:

=============  ==================================================================================
doc_id         article id (``"002-01"``; ``"text"`` for a plain string)
region         region the figure is about (the article's region)
section_path   outline path of the sentence (``"二 > 一是"``)
indicator      the measured thing, canonical through ``data/indicators.csv`` (地区生产总值)
concept        the concept shared by aliases (研发投入强度 for 研发经费支出占地区生产总值比重)
kind           ``actual`` (achieved) or ``target``
measure        level | growth | avg_growth | change | cumulative | share | rank
period         "2020", "2016-2020", "2015-2020" (change since 2015), "2025", "2021-2025",
               "2020-01~11" (January–November)
value          float in the base unit (12408.7亿元 → 1.24087e12); falls are negative; a fraction
               is a share in percent (比重稳定在1/3左右 → 33.33… %, unit %, like 比重达到33.5%)
value_high     upper end of a range (10%—15%), else NaN
unit           base unit (元, 美元, 人, %, 个百分点, 元/月 …)
qualifier      "" | approx | at_least | at_most | more_than | less_than
raw            the quantity as written (``12408.7亿元``)
sentence       the sentence it comes from
sentence_start offset of the sentence in the article's cleaned text (``raw`` is at
               ``start - sentence_start`` in ``sentence``, also when it is written there twice)
start, end     offsets of ``raw`` in the article's cleaned text
raw_start,     offsets of ``raw`` in the raw seed file (so the figure can be traced to the bytes)
raw_end
report_year    the year the document's 今年 refers to
title          article title
confidence     ``high``, or ``low`` when the indicator name has only two meaningful characters and
               is not in ``data/indicators.csv`` (工作, 项目, 总额: probably a fragment). Names are
               noun phrases: leading verbs and time words are trimmed (引进和培育总部企业 → 总部企业);
               a row whose name keeps fewer than two meaningful characters is not emitted
=============  ==================================================================================

How a figure's *kind* and *period* are read, nearest context first:

1. the clause itself: an explicit year (到2025年 → target 2025), 比2015年 (change 2015→), 1-11月,
   今年 (report year) / 去年 (report year − 1), 年均 / 每年 (average growth over the plan period),
   累计 / 五年 (total over the plan period), 自2013年…以来 (a start: totals since then are
   "2013-<the statement's year>"), 在现有X…基础上 (the existing stock: an actual of the year before
   the report, also among targets);
2. the paragraph's opening: 一年来 (the year before the report), 五年来 / 过去五年 (the plan period just
   ended), 今年 (the report year);
3. the section heading: 回顾 / 成就 → achievements (with the heading's year or plan), 目标 / 安排 →
   targets (with the heading's year or plan: “十四五” → 2025 levels, 2021-2025 growth and totals);
4. the document: figures about years before the report year are actual, the report year's are targets.

In a paragraph that reviews a finished plan (五年来, “十三五”时期) or states a plan's targets (今后五年,
“十四五”时期是…, 《纲要草案》提出…), a rise or fall without a single year (能耗下降16%) is a change over
the whole period (review: "2015-2020", targets: "2021-2025"), 新增… counts are totals, levels belong
to the plan's end year, and ``从人均X提高到Y`` gives an actual of the base year (plan start − 1) and
a target. A fall (下降, 减少, 降低, 缩小) makes a growth or change negative; ``由X提高到Y`` gives a base-year and an
end-year level; ``A、B分别达到X和Y`` gives one figure per indicator (城镇居民和农村居民人均可支配收入: items
that repeat a head share the last item's tail; items that leave out the last item's head noun,
``list_head_noun`` cues, share its tail from that noun on: 战略新兴、装备制造产业增加值), and a nameless list right after it
(…分别达到X元、Y元，年均增长A%、B%) is split over the same items. A share without a subject
(…达到800亿元，占地区生产总值比重达到13%) is the share of what the figure before it measures. A
percent of units that become or reach something (50%以上的区县成为X, 建成区5%以上的面积达到X;
``share_unit_verb`` cues) is a share: X占比, 建成区达到X面积占比.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cache

import numpy as np
import pandas as pd

from ningbo_analysis.corpus.load import region_aliases, to_raw_offset
from ningbo_analysis.corpus.periods import plan_periods
from ningbo_analysis.corpus.structure import (
    SectionIndex,
    cn_small_number,
    outline_rows,
    sentence_rows,
)
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.figures.concepts import concept_of, opens_with_noun
from ningbo_analysis.numbers.parser import parse_quantities
from ningbo_analysis.numbers.quantity import (
    Quantity,
    _replace,  # a Quantity with some fields changed (≈ 5× dataclasses.replace)
)
from ningbo_analysis.resources import read_data_csv

FIGURE_COLUMNS = [
    "doc_id",
    "region",
    "section_path",
    "indicator",
    "concept",
    "kind",
    "measure",
    "period",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "raw",
    "sentence",
    "sentence_start",
    "start",
    "end",
    "raw_start",
    "raw_end",
    "report_year",
    "title",
    "confidence",
]

FIGURE_KINDS = {
    "amount",
    "percent",
    "percentage_point",
    "ratio",
    "fraction",
    "range",
    "multiple",
    "rank",
}
_CLAUSE_SEP = "，,；;：:。！？!?\n"
_LIST_SEP = "、和及与"
_LIST_TAIL = ("及", "以及")  # a name ending so goes on after the number
_YEAR_RE = re.compile(r"((?:19|20)\d\d)年(?:底|末|前)?")
# 比2015年, 较2015年末, 与2015年相比, and a ratio to a year: 是2010年的1.9倍
_BASE_YEAR_RE = re.compile(
    r"(?:比|较|与|(?:是|为|相当于)(?=(?:19|20)\d\d年(?:末|底)?的))"
    r"((?:19|20)\d\d)年(?:末|底)?(?:相比|的)?"
)
_TO_YEAR_RE = re.compile(r"(?:到|至|截至|截止)((?:19|20)\d\d)年")
# 由2020年的4.76万亿元增加到…: the base year of a from-to pair, not the year of what follows it
_FROM_YEAR_RE = re.compile(r"(?:由|从)\s*(?:19|20)\d\d年(?:末|底)?的")
_FROM_TO_RE = re.compile(r"(?:由|从)\s*$")
# 自2013年成立以来, 2016年以来: the year a total runs from, not the year of the figures after it
_SINCE_YEAR_RE = re.compile(r"(?:自|从)?((?:19|20)\d\d)年(?:[^，,。；;：:0-9]{0,8}?)以来")
_MONTHS_RE = re.compile(r"(?:((?:19|20)\d\d)年)?\s*(1)\s*[-—–~～至到]\s*(1[0-2]|[1-9])\s*月")
_PLAN_BASE_RE = re.compile(r"(?:比|较)[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期末|末)")
_N_YEAR_AVG = re.compile(r"([两二三四五六七八九十0-9]{1,2})年(?:平均|年均)")
_SCOPE_LEAD = re.compile(r"^(?:全市|全区|全县|我市|本市|其中|并|同时)+")
_PLAN_SPAN_RE = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期间|时期|以来)")
_PLAN_END_RE = re.compile(
    r"(?<![比较])(?<![比较][“\"])(?:到|至)?(?<![比较])[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期)?末"
)
_NEXT_FIVE_RE = re.compile(r"(?:今后|未来)五年")
# small patterns of the per-sentence rules, compiled once
_BASE_YEAR_MOD = re.compile(r"(?:比|较)(?:19|20)\d\d年")
_GAP_TO_PLACE = re.compile(r"(?:比|较|高于|低于)(?:全国|全省|全市|国家|省|平均)")
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:]")
_DIGIT = re.compile(r"[0-9０-９]")
_ITEM_SPLIT = re.compile(r"[，,；;。：:、]")
_CATEGORY_NOUN = re.compile(r"的?(?![和及与或])[\u4e00-\u9fff]")
_SENTENCE_CLAUSE_SPLIT = re.compile(r"[，,；;。]")
_SHORT_QUOTE = re.compile(r"“[^”]{0,24}”")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_COUNT_SUFFIX = re.compile(r"(?:总量|总数|数量|规模|人数)$")
_LIST_JOIN = re.compile(r"\s*[、和及与,，]\s*")
_LIST_SPLIT = re.compile(rf"[{_LIST_SEP}]")
_PLACE = re.compile(
    r"(?:第[0-9一二三四五六七八九十百]+[位名]?|前[0-9一二三四五六七八九十百]+[位名]?)"
)
_PARTIAL_YEAR = {"前三季度": "01~09", "上半年": "01~06", "前两个月": "01~02"}
_PARTIAL_YEAR_RE = re.compile("|".join(_PARTIAL_YEAR))
_PLAN_RE = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")


# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    cues: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, str]]
    plans: dict[str, tuple[int, int]]
    distribution: dict[str, tuple[str, ...]]
    predicate: re.Pattern[str] = field(repr=False)
    # one alternation per role: "does text hold any cue of the role" in one regex search
    finders: dict[str, re.Pattern[str]] = field(repr=False, default_factory=dict)

    def has(self, role: str, text: str) -> bool:
        """Whether ``text`` contains a cue word of ``role`` (any of ``cues[role]``)."""
        finder = self.finders.get(role)
        return finder is not None and finder.search(text) is not None


@cache
def lexicon() -> _Lexicon:
    """The cue words, indicator aliases, plan periods and distribution prefixes (package data)."""
    table = read_data_csv("figure_cues.csv")
    cues: dict[str, list[str]] = {}
    for role, cue in zip(table["role"], table["cue"], strict=True):
        cues.setdefault(role, []).append(cue)
    sorted_cues = {r: tuple(sorted(c, key=len, reverse=True)) for r, c in cues.items()}
    ind = read_data_csv("indicators.csv")
    aliases = {
        a: (i, c) for a, i, c in zip(ind["alias"], ind["indicator"], ind["concept"], strict=True)
    }
    plans = {p.name: (p.start, p.end) for p in plan_periods()}
    dist_t = read_data_csv("distribution_prefixes.csv")
    distribution = {
        p: tuple(m.split(";")) for p, m in zip(dist_t["prefix"], dist_t["members"], strict=True)
    }
    verbs = [
        *sorted_cues["verb_to_level"],
        *sorted_cues["verb_to_level_down"],
        *sorted_cues["verb_up"],
        *sorted_cues["verb_down"],
    ]
    mods = [*sorted_cues["mod_avg"], *sorted_cues["mod_cumulative"], *sorted_cues["mod_yoy"]]
    alt_v = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    alt_m = "|".join(re.escape(m) for m in sorted(mods, key=len, reverse=True))
    predicate = re.compile(
        rf"(?P<mods>(?:{alt_m}|(?:比|较)(?:19|20)\d\d年(?:末|底)?)*)"
        rf"(?P<verb>{alt_v})?(?P<mods2>(?:了|为|到|至|{alt_m})*)\s*$"
    )
    finders = {r: re.compile("|".join(map(re.escape, c))) for r, c in sorted_cues.items() if c}
    return _Lexicon(sorted_cues, aliases, plans, distribution, predicate, finders)


def canonical_indicator(name: str) -> tuple[str, str]:
    """Canonical indicator and concept of a name as written (``全市地区生产总值`` → 地区生产总值)."""
    lex = lexicon()
    if name in lex.aliases:
        return lex.aliases[name]
    return name, name


# --------------------------------------------------------------------------------------------
# Context: what the paragraph and section say about time and kind
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    kind: str  # actual | target | ""
    year: int | None  # the year a level refers to
    plan: tuple[int, int] | None  # plan period for avg growth / totals


def plan_period(text: str) -> tuple[int, int] | None:
    """Years of the first five-year plan named in ``text`` (“十四五” → (2021, 2025))."""
    m = _PLAN_RE.search(text)
    return lexicon().plans.get(m.group(1)) if m else None


def _heading_context(heading: str, report_year: int | None) -> _Context:
    lex = lexicon()
    years = [int(y) for y in _YEAR_RE.findall(heading)]
    plan = plan_period(heading)
    if lex.has("heading_review", heading):
        if years:  # "2020年和“十三五”工作回顾": a one-year review; 五年来 paragraphs name the plan
            return _Context("actual", years[0], None)
        if plan is None and report_year is not None and lex.has("cue_review_plan", heading):
            plan = (report_year - 5, report_year - 1)  # 一、过去五年工作回顾: the plan just ended
        return _Context("actual", plan[1] if plan else None, plan)
    if lex.has("heading_target", heading):
        if plan and not years:
            return _Context("target", plan[1], plan)
        year = years[0] if years else report_year
        return _Context("target", year, plan)
    return _Context("", None, None)


def _paragraph_context(opening: str, report_year: int | None) -> _Context:
    lex = lexicon()
    if report_year is None:
        return _Context("", None, None)
    named = _named_plan_context(opening, report_year)
    if named is not None:
        return named
    if _NEXT_FIVE_RE.search(opening):  # 今后五年: the report year and the four after it
        return _Context("target", report_year + 4, (report_year, report_year + 4))
    if lex.has("cue_plan_target", opening):  # 《纲要草案》提出…: the plan the report year opens
        plan = _plan_containing(report_year)
        if plan is not None:
            return _Context("target", plan[1], plan)
    if lex.has("cue_review_plan", opening):  # 五年来: the five years before the report year
        end = report_year - 1
        return _Context("actual", end, (end - 4, end))
    if lex.has("cue_review_year", opening):
        return _Context("actual", report_year - 1, None)
    return _Context("", None, None)


def _named_plan_context(text: str, report_year: int | None) -> _Context | None:
    """“十三五”期间 / “十四五”时期: that plan's years; a review if the plan has ended by the report
    year (a 2020-12 press conference's 十三五 included), a target period otherwise."""
    m = _PLAN_SPAN_RE.search(text)
    if not m or m.group(1) not in lexicon().plans:
        return None
    start, end = lexicon().plans[m.group(1)]
    kind = "actual" if report_year is None or end <= report_year else "target"
    return _Context(kind, end, (start, end))


_PARA_SPLIT = re.compile(r"\n| (?<=[。！？!?”] ) *(?=\S)")  # see structure._SENT_END


@dataclass(frozen=True)
class _Openings:
    """Paragraph openings of an article (:func:`_paragraph_openings`) as two sorted arrays."""

    starts: list[int]
    firsts: list[str]

    def index_at(self, pos: int) -> int:
        """Number of the last opening at or before ``pos`` (-1 if none)."""
        return bisect.bisect_right(self.starts, pos) - 1


def _paragraph_openings(text: str) -> _Openings:
    """(start offset, first clause) of every paragraph, and of every sentence opening with a
    review cue (一年来, 五年来 …), which sets the context of what follows until the next opening."""
    starts_out: list[int] = []
    firsts: list[str] = []
    lex = lexicon()
    cues = [*lex.cues["cue_review_plan"], *lex.cues["cue_review_year"]]
    cue_re = re.compile(
        r"(?<=[。！？!?])(?:各位代表[,，!！])?(?=(?:" + "|".join(map(re.escape, cues)) + "))"
    )
    starts = sorted(
        {0}
        | {m.end() for m in _PARA_SPLIT.finditer(text)}
        | {m.end() for m in cue_re.finditer(text)}
    )
    for s in starts:
        m = _CLAUSE_SPLIT.search(text[s : s + 80])
        starts_out.append(s)
        firsts.append(text[s : s + (m.start() if m else 20)])
    return _Openings(starts_out, firsts)


# --------------------------------------------------------------------------------------------
# The clause grammar: indicator, predicate, quantity
# --------------------------------------------------------------------------------------------


@dataclass
class _Figure:
    q: Quantity
    indicator: str
    measure: str
    kind: str
    period: str
    value: float
    unit: str
    qualifier: str
    sent_start: int
    sent_end: int


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in _CLAUSE_SEP:
        i -= 1
    return i


_LEAD_TIME = re.compile(r"(?:(?:19|20)\d\d年(?:底|末)?|今年|去年|上年|预计全年|预计|全年)[，, ]?")


_TIME_PHRASE_END = re.compile(
    r"[0-9一二三四五六七八九十两半]+(?:个月|年|天|周|日|小时)(?:内|后|来)$"
)


_FROM_TIME_END = re.compile(r"(?:由|从)[\u4e00-\u9fff]{1,6}?(?:之初|伊始|初期|年初|之前|以前)$")
_LEAD_BRACKET = re.compile(r"^[（(][^）)]*[）)]")
_LEAD_PLACE_WORD = re.compile(r"^(?:到|至|在|于)")


@dataclass(frozen=True)
class _CleanWords:
    """The cue words :func:`_clean_indicator` strips, in its order, with their first (last)
    characters, so that a name no word can start (end) is not tried against every word."""

    prefixes: tuple[str, ...]
    prefix_firsts: frozenset[str]
    suffixes: tuple[str, ...]
    suffix_lasts: frozenset[str]
    mods: tuple[str, ...]
    mod_firsts: frozenset[str]


@cache
def _clean_words() -> _CleanWords:
    cues = lexicon().cues
    prefixes = (*cues["np_strip_prefix"], *cues["cue_target"], *cues["mod_cumulative"])
    suffixes = tuple(cues["np_strip_suffix"])
    mods = (*cues["mod_cumulative"], *cues["mod_avg"])
    return _CleanWords(
        prefixes,
        frozenset(p[0] for p in prefixes if p),
        suffixes,
        frozenset(p[-1] for p in suffixes if p),
        mods,
        frozenset(p[0] for p in mods if p),
    )


def _clean_indicator(np_text: str) -> str:
    """Trim connectors, scope words and brackets from an indicator phrase (``全市地区生产总值``)."""
    s = _PLAN_SPAN_RE.sub("", np_text)  # “十二五”期间年均增长…: a time phrase, not the name
    s = _PLAN_BASE_RE.sub("", s)  # 研发投入强度比“十三五”末提高…: the base, not the name
    s = s.strip(" \u3000“”\"'")
    s = _LEAD_BRACKET.sub("", s)
    words = _clean_words()
    changed = True
    while changed and s:
        changed = False
        year = _LEAD_TIME.match(s)
        if year and year.end() < len(s):
            s = s[year.end() :]  # 2021年全市常住人口城镇化率, 今年全市地区生产总值
            changed = True
        if s[0] in words.prefix_firsts:  # else no prefix can match (the loop leaves s as is)
            for p in words.prefixes:
                if s.startswith(p) and len(s) > len(p):
                    s = s[len(p) :]
                    changed = True
        if s and s[-1] in words.suffix_lasts:
            for p in words.suffixes:
                if s.endswith(p) and len(s) > len(p):
                    s = s[: -len(p)]
                    changed = True
    if s and s[0] in words.mod_firsts:
        for strip in words.mods:
            if s.startswith(strip):
                s = s[len(strip) :]
    s = _YEAR_RE.sub("", s) if _YEAR_RE.fullmatch(s) is None else ""
    s = _TIME_PHRASE_END.sub("", s)  # 口罩日产量1个月内 → 口罩日产量
    if "由" in s or "从" in s:  # 口罩日产量由疫情之初(的15万只): the base's time, not the name
        s = _FROM_TIME_END.sub("", s)
    s = _LEAD_PLACE_WORD.sub("", s)
    if s.count("“") != s.count("”"):  # a quote cut in half by the clause: 246”产业增加值
        s = s.replace("“", "").replace("”", "")
    return s.strip(" 、，,")


def _split_predicate(left: str) -> tuple[str, str, str]:
    """Split the text before a number into (indicator phrase, modifiers, verb)."""
    m = lexicon().predicate.search(left)
    if not m:
        return left, "", ""
    mods = (m.group("mods") or "") + (m.group("mods2") or "")
    return left[: m.start()], mods, m.group("verb") or ""


def _measure(verb: str, mods: str, unit: str, indicator: str, q_kind: str) -> tuple[str, int]:
    """Measure and sign (+1/−1) of a figure from its predicate."""
    lex = lexicon()
    if q_kind == "rank":
        return "rank", 1
    if unit == "倍" and q_kind == "multiple":
        return "change", 1
    if verb in lex.cues["verb_up"] or verb in lex.cues["verb_down"]:
        sign = -1 if verb in lex.cues["verb_down"] else 1
        if lex.has("mod_avg", mods):
            return "avg_growth", sign
        if unit == "%" and not _is_base_change(mods) and "累计" not in mods:
            return "growth", sign
        return "change", sign
    if lex.has("mod_cumulative", mods):
        return "cumulative", 1
    if unit == "%" and indicator.endswith(lex.cues["share_suffix"]):
        return "share", 1
    if unit == "%" and "占" in indicator:
        return "share", 1
    return "level", 1


def _strip_flow_verb(indicator: str) -> str:
    """新增高新技术企业 → 高新技术企业 (the stock the flow adds to)."""
    for verb in lexicon().cues["flow_verb"]:
        if indicator.startswith(verb) and len(indicator) > len(verb):
            return indicator[len(verb) :]
    return indicator


def _shared_verb(previous: str, indicator: str) -> str:
    """新增就业大学生16.6万人、高技能人才6.7万人: the second item shares the leading 新增."""
    for verb in lexicon().cues["flow_verb"]:
        if (
            previous.startswith(verb)
            and not indicator.startswith(verb)
            and len(previous) > len(verb)
        ):
            return verb + indicator
    return indicator


def _flow_total(measure: str, indicator: str, ctx: _Context) -> str:
    """A count of things built/created (建成…5个, 城镇新增就业…) in a five-year review is a total
    over the plan."""
    if measure == "level" and ctx.kind == "actual" and ctx.plan and _is_flow(indicator):
        return "cumulative"
    return measure


def _is_flow(indicator: str) -> bool:
    """Whether a name counts things built, created or done (建成…, 城镇新增就业…, 主动公开…)."""
    lex = lexicon()
    if indicator.startswith(lex.cues["flow_verb"]) or lex.has("flow_infix", indicator[:6]):
        return True
    for adverb in lex.cues["flow_adverb"]:  # 主动公开政务信息, 新缔结友好城市
        if indicator.startswith(adverb):
            return indicator[len(adverb) :].startswith(lex.cues["flow_verb"])
    return False


@cache
def _done_after_re() -> re.Pattern[str]:
    """A counted noun and a verb of things done after it (``flow_after`` cues): 学校完成, 作品获."""
    verbs = "|".join(map(re.escape, lexicon().cues["flow_after"]))
    return re.compile(rf"[\u4e00-\u9fff()（）]{{1,12}}?(?:{verbs})")


def _done_after(text: str, q: Quantity, end: int) -> bool:
    """132所学校完成新建, 5部文艺作品获…奖: a count of things that did something (not a stock)."""
    return (
        q.kind == "amount" and _done_after_re().match(text, q.end, min(end, q.end + 16)) is not None
    )


def _since_year(left: str) -> int | None:
    """The year a statement counts from (自2013年成立以来 → 2013), else None."""
    if "以来" not in left:  # most statements: no regex scan
        return None
    found = _SINCE_YEAR_RE.findall(left)
    return int(found[-1]) if found else None


_ONE_PERIOD = re.compile(r"(?:19|20)\d\d年|今年|去年|上年|[一二三四1-4]季度|上半年|\d月")


def _plan_change(measure: str, verb: str, mods: str, left: str, ctx: _Context) -> str:
    """单位生产总值能耗下降16% in a five-year review (or 降低12% among a plan's targets) is a
    change over the whole period, not one year's growth, unless the clause names a single period
    (2020年, 今年, 一季度) or a year-on-year basis (同比, 比上年). A rate held at a level
    (居民消费价格涨幅控制在3%) stays a growth."""
    lex = lexicon()
    moved = verb in lex.cues["verb_up"] or verb in lex.cues["verb_down"]
    if measure != "growth" or ctx.plan is None or not moved:
        return measure
    if _ONE_PERIOD.search(_TO_YEAR_RE.sub("", left)) or lexicon().has("mod_yoy_basis", mods):
        return measure
    return "change"


def _is_base_change(mods: str) -> bool:
    return bool(_BASE_YEAR_MOD.search(mods))


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def extract_figures(
    source: pd.DataFrame | pd.Series | str,
    *,
    region: str | None = None,
    report_year: int | None = None,
) -> pd.DataFrame:
    """Extract every quantitative statement of ``source`` as a tidy, sourced table.

    ``source`` is a corpus DataFrame (every article; ``region`` filters it), one corpus row, or a
    plain string (then ``region`` and ``report_year`` describe it: the year its 今年 refers to).

    >>> t = "一、2020年工作回顾 全市地区生产总值达到12408.7亿元,比上年增长3.3%。"
    >>> extract_figures(t, region="宁波", report_year=2021)[["indicator", "period", "value"]]
       indicator period         value
    0  地区生产总值   2020  1.240870e+12
    1  地区生产总值   2020  3.300000e+00
    """
    _check_arguments(region, report_year)
    if isinstance(source, str):
        return _frame(_article_figures(_text_article(source, region, report_year)))
    if isinstance(source, pd.Series):
        return _frame(_article_figures(_corpus_article(source.to_dict(), report_year)))
    rows: list[dict] = []
    for art in _select_region(_checked_corpus(source), region).to_dict("records"):
        rows.extend(_article_figures(_corpus_article(art, report_year)))
    return _frame(rows)


def _check_arguments(region: object, report_year: object) -> None:
    """ParameterError for a ``region`` that is not text or a ``report_year`` that is not a year."""
    if region is not None and not isinstance(region, str):
        raise ParameterError(f"extract_figures: region must be a place name (text), not {region!r}")
    if report_year is None:
        return
    if isinstance(report_year, bool) or not isinstance(report_year, int | np.integer):
        raise ParameterError(
            f"extract_figures: report_year must be a year such as 2021, not {report_year!r}"
        )
    if not 1900 <= int(report_year) <= 2200:
        raise ParameterError(f"extract_figures: report_year {report_year} is not a plausible year")


def _text_article(text: str, region: str | None, report_year: int | None) -> dict:
    """An article row for a plain string (its report year inferred when not given)."""
    if report_year is None:
        report_year = infer_report_year(text)
    return {
        "doc_id": "text",
        "region": region or "",
        "reference_year": report_year,
        "title": "",
        "text": text,
        "offset_map": (),
    }


def _corpus_article(art: dict, report_year: int | None) -> dict:
    """A checked corpus row, its reference year overridden by ``report_year`` when given."""
    _check_article(art)
    if report_year is not None:
        art["reference_year"] = report_year
    return art


def _checked_corpus(source: object) -> pd.DataFrame:
    """``source`` as a corpus DataFrame with ``doc_id`` and ``text``, else a ParameterError."""
    if not isinstance(source, pd.DataFrame):
        raise ParameterError(
            f"extract_figures: source must be a corpus DataFrame, a corpus row or a string, "
            f"not {type(source).__name__}"
        )
    missing = {"doc_id", "text"} - set(source.columns)
    if missing:
        raise ParameterError(f"extract_figures: corpus lacks columns {sorted(missing)}")
    return source


def _select_region(corpus: pd.DataFrame, region: str | None) -> pd.DataFrame:
    """The articles of ``region`` (all when None); a ParameterError for a region not there."""
    if region is None:
        return corpus
    if "region" not in corpus.columns:
        raise ParameterError("extract_figures: region given but the corpus has no 'region' column")
    known = sorted(set(corpus["region"].dropna()))
    if region not in known:
        raise ParameterError(
            f"unknown region {region!r}; regions in the corpus: {', '.join(known)}"
        )
    return corpus.loc[corpus["region"] == region]


_REVIEW_YEAR = re.compile(r"((?:19|20)\d\d)年[^。\n]{0,12}?(?:工作)?(?:回顾|总结)")


def infer_report_year(text: str) -> int | None:
    """The year a report's 今年 refers to, when not given: its review heading's year + 1
    (``一、2021年工作回顾`` → 2022); None when the text does not say."""
    m = _REVIEW_YEAR.search(text[:3000])
    return int(m.group(1)) + 1 if m else None


def _check_article(art: dict) -> None:
    """A clear error for an article row without usable text (instead of a deep TypeError)."""
    if "text" not in art:
        raise ParameterError("extract_figures: the article row has no 'text' field")
    if not isinstance(art["text"], str):
        raise ParameterError(
            f"extract_figures: article {art.get('doc_id', '?')!r} has no text "
            f"(got {type(art['text']).__name__})"
        )
    offset_map = art.get("offset_map")
    if offset_map is not None and not isinstance(offset_map, tuple | list):
        art["offset_map"] = ()  # not a corpus row from load_corpus: no raw offsets


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    for col in ("sentence_start", "start", "end", "raw_start", "raw_end"):
        out[col] = out[col].astype("int64")
    out["report_year"] = out["report_year"].astype("Int64")
    out["value"] = out["value"].astype("float64")
    out["value_high"] = out["value_high"].astype("float64")
    return out.sort_values(["doc_id", "start", "end", "indicator"], kind="stable").reset_index(
        drop=True
    )


def _article_figures(art: dict) -> list[dict]:
    """The figure rows of one article (a corpus row as a dict)."""
    text: str = art["text"]
    ref = art.get("reference_year")
    ref = int(ref) if ref is not None and not pd.isna(ref) else None
    index = SectionIndex(outline_rows(text))
    sents = sentence_rows(text, index)
    contexts = _ContextReader(index, _paragraph_openings(text), ref)
    default = _document_context(art, index.heading, ref)
    running = None if default.kind else _RunningYear(text)
    figures: list[_Figure] = []
    for sent in sents:
        if not sent["is_heading"]:
            figures.extend(
                _sentence_figures(text, sent["start"], sent["end"], contexts, default, running)
            )
    raw = _RawOffsets(art.get("offset_map") or ())
    sent_at = _SentenceAt(
        [s["start"] for s in sents], [s["end"] for s in sents], [s["section_path"] for s in sents]
    )
    rows = []
    own = _own_region_names(str(art.get("region") or ""))
    for f in figures:
        name = _without_own_region(noun_phrase(f.indicator), own)
        if name.endswith("占") and f.unit != "%":
            name = _own_part(name[:-1], (*own, str(art.get("region") or "")))
        if _meaningful(name) < 2:
            continue  # 与220多个国家, 内 (1个月内), 两 (两年平均): no indicator named
        rows.append(_figure_row(art, f, name, sent_at, raw, ref))
    return rows


@cache
def _own_region_names(region: str) -> tuple[str, ...]:
    """How a document names its own region before an indicator (宁波市GDP): the region's aliases
    in ``data/regions.csv`` that end in 市/区/县/省, and ``region`` + 市 (regions found by
    ``data/region_cues.csv`` drop their 市), longest first. A bare name (宁波) is not among them:
    宁波舟山港 is a port, not 宁波's 舟山港."""
    if not region:
        return ()
    names = {f"{region}市"} if not region.endswith(("市", "区", "县", "省")) else {region}
    names.update(a for a in region_aliases(region) if a.endswith(("市", "区", "县", "省")))
    return tuple(sorted(names, key=len, reverse=True))


def _without_own_region(name: str, own: tuple[str, ...]) -> str:
    """``name`` without a leading name of the article's own region (宁波市GDP → GDP in a Ningbo
    article; 余姚市GDP there stays: it is another place's figure). Not when the name's 市/区/县
    begins a word (宁波市区, 宁波市域, 宁波市级: ``region_word_start`` cues)."""
    starts = lexicon().cues.get("region_word_start", ())
    for prefix in own:
        rest = name[len(prefix) :]
        if name.startswith(prefix) and _meaningful(rest) >= 2 and not rest.startswith(starts):
            return rest
    return name


def _own_part(whole: str, own: tuple[str, ...]) -> str:
    """十大考古新发现宁波占到5个: a count of the region's own among a whole is named by the whole
    (十大考古新发现), without the region's name written before 占."""
    for name in own:
        if name and whole.endswith(name) and _meaningful(whole[: -len(name)]) >= 2:
            return whole[: -len(name)]
    return whole


@dataclass(frozen=True)
class _SentenceAt:
    """The sentences of an article as sorted arrays: the section path of the sentence holding an
    offset, by ``bisect``."""

    starts: list[int]
    ends: list[int]
    paths: list[str]

    def section_path(self, pos: int) -> str:
        """``section_path`` of the sentence containing ``pos`` ('' if none)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return str(self.paths[i]) if i >= 0 and pos < self.ends[i] else ""


class _RawOffsets:
    """An article's offset map (``corpus.to_raw_offset``) with its segment starts listed once: a
    lookup hands ``to_raw_offset`` only the segment holding the offset and the next one, instead
    of the whole map (whose starts it would list again for every figure)."""

    def __init__(self, offset_map: tuple | list) -> None:
        self.map = offset_map
        self.starts = [seg[0] for seg in offset_map]

    def at(self, pos: int) -> int:
        """``to_raw_offset(offset_map, pos)``."""
        i = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        return to_raw_offset(self.map[i : i + 2], pos)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``corpus.raw_span`` of ``text[start:end]``; (0, 0) without an offset map."""
        if not self.map:
            return 0, 0
        if end <= start:
            pos = self.at(start)
            return pos, pos
        return self.at(start), self.at(end - 1) + 1


def _figure_row(
    art: dict, f: _Figure, name: str, sents: _SentenceAt, raw: _RawOffsets, ref: int | None
) -> dict:
    """The table row of figure ``f`` of article ``art``, named ``name`` (its noun phrase)."""
    text: str = art["text"]
    indicator, concept = canonical_indicator(name)
    concept = concept_of(concept)  # the join key of every stage (concepts.py)
    raw_s, raw_e = raw.span(f.q.start, f.q.end)
    return {
        "doc_id": art["doc_id"],
        "region": art.get("region", ""),
        "section_path": sents.section_path(f.q.start),
        "indicator": indicator,
        "concept": concept,
        "kind": f.kind,
        "measure": f.measure,
        "period": f.period,
        "value": f.value,
        "value_high": (
            f.q.value_high
            if f.q.value_high is not None and not math.isnan(f.q.value_high)
            else math.nan
        ),
        "unit": f.unit,
        "qualifier": f.qualifier,
        "raw": f.q.raw,
        "sentence": text[f.sent_start : f.sent_end],
        "sentence_start": f.sent_start,
        "start": f.q.start,
        "end": f.q.end,
        "raw_start": raw_s,
        "raw_end": raw_e,
        "report_year": ref,
        "title": art.get("title", ""),
        "confidence": _confidence(indicator),
    }


_NOT_MEANINGFUL = re.compile(r"[\s“”\"'‘’（）()、，,《》<>·\-—]")


def _meaningful(name: str) -> int:
    """Number of characters of a name that are not punctuation, quotes or brackets."""
    return len(_NOT_MEANINGFUL.sub("", name))


def noun_phrase(name: str) -> str:
    """An indicator name without leading verbs, time words and connectives (``data/figure_cues.csv``
    roles ``np_strip_verb`` and ``np_strip_time``): 引进和培育总部企业 → 总部企业,
    力争建成高能级平台 → 高能级平台, 每年布局实施 → "" (the noun is written after the number).
    A name that is nothing but verbs gives ""."""
    by_first = _np_strip_words()
    s = name
    changed = True
    while changed and s:
        changed = False
        for w in by_first.get(s[0], ()):
            rest = s[len(w) :]
            if s.startswith(w) and _meaningful(rest) != 1 and not opens_with_noun(s):
                # 建成区 stays a name (one character left), and so does 建成区…面积 (a noun
                # rule of concept_rules.csv)
                s = rest
                changed = True
                break
    return s.strip(" 、，,")


@cache
def _np_strip_words() -> dict[str, tuple[str, ...]]:
    """The words :func:`noun_phrase` strips, longest first, by their first character."""
    lex = lexicon()
    words = (*lex.cues["np_strip_time"], *lex.cues["np_strip_verb"], *lex.cues["np_strip_prefix"])
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        if w:
            by_first.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in by_first.items()}


def _confidence(indicator: str) -> str:
    """``high``, or ``low`` for a name of two meaningful characters that the indicator lexicon
    does not know (工作, 项目, 总额): probably a fragment rather than an indicator."""
    if _meaningful(indicator) <= 2 and indicator not in lexicon().aliases:
        return "low"
    return "high"


@dataclass(frozen=True)
class _Sentence:
    """A sentence being read: ``text[start:end]``, where its statement opens (``stmt_start``: a
    。-sentence may have been cut at ；), the context that places it in time, the report year."""

    text: str
    start: int
    end: int
    stmt_start: int
    ctx: _Context
    ref: int | None


@dataclass(frozen=True)
class _Slot:
    """A quantity of a sentence and what is written before it: its clause starts at ``clause0``,
    the quantity before it ends at ``prev_end``, and ``left`` = ``text[left_start:q.start]`` (from
    the later of the two) is what names it."""

    q: Quantity
    clause0: int
    prev_end: int
    left_start: int
    left: str


@dataclass(frozen=True)
class _Predicate:
    """The text before a quantity read as indicator phrase (``np_raw``), modifiers (年均, 累计,
    比2015年) and verb (增长, 达到)."""

    np_raw: str
    mods: str
    verb: str


def _sentence_figures(
    text: str,
    s_start: int,
    s_end: int,
    contexts: _ContextReader,
    default: _Context,
    running: _RunningYear | None,
) -> list[_Figure]:
    """Figures of one sentence ``text[s_start:s_end]``: placed in time by its paragraph or
    section (``contexts``), else by the document (``default``), else by the last year the text
    named before it (``running``, when the document does not place it)."""
    sentence = text[s_start:s_end]
    quantities = [
        _shift(q, s_start)
        for q in _with_ranks(sentence, parse_quantities(sentence))
        if q.kind in FIGURE_KINDS and not _skip(sentence, q)
    ]
    if not quantities:
        return []
    ref = contexts.ref
    ctx = contexts.at(s_start)
    if not ctx.kind:
        ctx = default if running is None else _running_year(running, s_start, ref)
    sent = _Sentence(text, s_start, s_end, _statement_start(text, s_start), ctx, ref)
    return _read_quantities(sent, quantities)


def _statement_start(text: str, s_start: int) -> int:
    """Where the statement of a sentence opens: a 。-sentence may have been cut at ；, so look back
    to the last 。！？ or line break (at most about 400 characters)."""
    stmt_start = s_start
    while stmt_start > 0 and text[stmt_start - 1] not in "。！？!?\n":
        stmt_start -= 1
        if s_start - stmt_start > 400:
            break
    return stmt_start


def _read_quantities(sent: _Sentence, quantities: list[Quantity]) -> list[_Figure]:
    """Figures of a sentence's quantities, in order: a 分别 group gives one per name, a 由X提高到Y
    pair a base and an end level, any other quantity at most one figure."""
    out: list[_Figure] = []
    pair_before = 0  # size of the 分别 group the figures so far end with (0: none)
    i = 0
    while i < len(quantities):
        slot = _slot(sent, quantities, i)
        group = _distribution_group(sent.text, quantities, i, pair_before)
        if len(group) > 1:
            figures = _distributed(sent, group, slot.clause0, out)
            out.extend(figures)
            pair_before = len(group) if len(figures) == len(group) else 0
            i += len(group)
            continue
        pair_before = 0
        pair = _from_to(sent.text, quantities, i)
        if pair is not None:
            out.extend(_from_to_figures(sent, pair, slot.clause0, out))
            i += 2
            continue
        figure = _single_figure(sent, slot, out)
        if figure is not None:
            out.append(figure)
        i += 1
    return out


def _slot(sent: _Sentence, quantities: list[Quantity], i: int) -> _Slot:
    """Quantity ``i`` of a sentence with where its clause starts and what is written before it."""
    q = quantities[i]
    clause0 = _clause_start(sent.text, q.start, sent.start)
    prev_end = quantities[i - 1].end if i > 0 else sent.start
    left_start = max(clause0, prev_end)
    return _Slot(q, clause0, prev_end, left_start, sent.text[left_start : q.start])


def _from_to_figures(
    sent: _Sentence, pair: _FromTo, clause0: int, previous: list[_Figure]
) -> list[_Figure]:
    """由X提高到Y: X is the base level (always an achieved one), Y the end level."""
    qa, qb = pair.base, pair.end
    np_left = sent.text[clause0 : qa.start]
    scope = re.search(_RANK_FROM, np_left) if qa.kind == "rank" else None
    np_left = np_left[: scope.start()] if scope else _FROM_LEAD.sub("", np_left)
    np_raw, _, _ = _split_predicate(np_left)
    indicator = _share_subject(_clean_indicator(np_raw), previous) or _inherit(previous)
    if scope:  # 工业增加值由全国城市第12位… → 工业增加值全国城市排名
        indicator = f"{indicator}{scope.group(0)[1:].strip()}排名"
    kind, end_period, base_period = _periods_from_to(
        sent.text, sent.stmt_start, qa.start, sent.ctx, sent.ref
    )
    if pair.base_year:
        base_period = pair.base_year
    if _is_peak(qa, pair.verb, sent.text[qa.end : qb.start]):
        # 从最高4.1%下降到0.97%: a peak of no stated year (not a base year), and 最高 is no bound
        # (由最高30万元提高到50万元 is a cap raised: left as it is)
        base_period = ""
        qa = _replace(qa, qualifier="")
    if pair.end_year:
        end_period = pair.end_year
        if sent.ref is not None:
            kind = "actual" if int(pair.end_year) < sent.ref else "target"
    unit_b = qb.unit if "/" in qb.unit or "/" not in qa.unit else qa.unit
    out = []
    for q, k, period, unit in (
        (qa, "actual", base_period, qa.unit),
        (qb, kind, end_period, unit_b),
    ):
        measure, _ = _measure("", "", unit, indicator, q.kind)
        fig = _Figure(
            q, indicator, measure, k, period, q.value, unit, q.qualifier, sent.start, sent.end
        )
        out.append(fig)
    return out


def _single_figure(sent: _Sentence, slot: _Slot, previous: list[_Figure]) -> _Figure | None:
    """The figure of a quantity read on its own, or None when it is not one."""
    q = slot.q
    pred = _predicate(sent, slot)
    indicator = _written_indicator(sent, slot, pred, previous)
    if indicator is None:
        return None
    inherited_growth = False
    if not indicator:
        if q.unit in _TIME_UNITS:
            return None  # 五年 / 23天 as a time phrase, not a figure of the previous indicator
        indicator = _inherit(previous)
        inherited_growth = bool(previous) and previous[-1].measure == "growth"
        if "累计" in pred.mods + pred.verb:  # 新增高新技术企业1200家，累计达到5000家: the stock
            indicator = _strip_flow_verb(indicator)
            pred = replace(pred, mods=pred.mods.replace("累计", ""))
    indicator, rate_name = _growth_rate_name(indicator)
    indicator = _share_subject(indicator, previous)
    if q.unit == "" and q.kind == "amount":
        unit = _noun_unit(indicator)
        if not unit:
            return None
        q = _replace(q, unit=unit)
    measure, sign = _measure(pred.verb, pred.mods, q.unit, indicator, q.kind)
    if measure == "level" and q.unit == "%" and (rate_name or inherited_growth):
        measure = "growth"  # 经济增速…回升到二季度的5.1%: a growth rate's level is a growth
    measure, indicator = _measure_in_context(sent, slot, pred, measure, indicator, previous)
    kind, period = _kind_period(
        sent.text, sent.stmt_start, q.start, measure, pred.mods, sent.ctx, sent.ref
    )
    if kind == "target" and sent.ref is not None and _existing_stock(slot.left):
        kind, period = "actual", str(sent.ref - 1)  # 在现有171个中心基础上, 新建10个: the stock
    quarter = _QUARTER.search(slot.left)
    if quarter and period.isdigit():
        period = f"{period}-Q{cn_small_number(quarter.group(1))}"  # 一季度的-7% → 2020-Q1
    value = q.value * sign if measure in ("growth", "change", "avg_growth") else q.value
    qualifier = q.qualifier
    if not qualifier and measure == "level" and _level_mark_floor(sent.text, q, sent.end):
        qualifier = "at_least"
    if not indicator:
        return None
    return _Figure(
        q, indicator, measure, kind, period, value, q.unit, qualifier, sent.start, sent.end
    )


def _existing_stock(left: str) -> bool:
    """A number right after 现有 / 已有 (``stock_lead`` cues): what exists when the text is written."""
    return left.rstrip(" 的").endswith(lexicon().cues["stock_lead"])


def _predicate(sent: _Sentence, slot: _Slot) -> _Predicate:
    """The predicate before a quantity, without a quarter (一季度的), a base period (比上年) or a
    ratio's base year (是2010年的); a growth word after a percent (2%左右的增幅) is its verb, and a
    clause opening with 累计 (or 五年) makes the figure a total."""
    lex = lexicon()
    text = sent.text
    bare = _RATIO_BASE.sub(r"\1", _QUARTER.sub("", _BASE_PERIOD.sub("", slot.left)))
    np_raw, mods, verb = _split_predicate(bare)
    if verb not in lex.cues["verb_up"] + lex.cues["verb_down"] and _growth_after(text, slot.q):
        verb = "增长"  # 保持每年2%左右的增幅: read as 每年增长2%左右
    scoped = _SCOPE_LEAD.sub("", np_raw)
    cumulative = lex.cues["mod_cumulative"]
    cumulative_lead = text[slot.clause0 : slot.left_start].startswith(cumulative) or (
        scoped.startswith(cumulative)
    )
    if cumulative_lead and "累计" not in mods and "五年" not in mods:
        mods = mods + "累计"
    return _Predicate(np_raw, mods, verb)


def _written_indicator(
    sent: _Sentence, slot: _Slot, pred: _Predicate, previous: list[_Figure]
) -> str | None:
    """The name written for a quantity: before it (全市地区生产总值达到…), the thing ranked (工业经济总量
    稳居全省第三), or after a count (10个民生实事项目圆满完成). "" when none is written (the name is
    the one before), None when the quantity is no figure (比全国高0.4个百分点, or a verb whose noun
    is not found: 力争建成3个…)."""
    text, q = sent.text, slot.q
    indicator = _clean_indicator(_ADVERB_END.sub("", pred.np_raw))
    if _RATE_SUFFIX.fullmatch(indicator):
        indicator = ""  # 全年增速比一季度回升10.3个百分点: the rate of the indicator before
    if _meaningful(noun_phrase(indicator)) == 1:
        indicator = ""  # 1个月内提高到…, 两年平均增速: a fragment, not a name
    if _GAP_TO_PLACE.match(indicator):
        return None  # 比全国高0.4个百分点: a gap to another place, not a figure of this region
    if (
        previous
        and slot.left_start == slot.prev_end
        and _after_counted_item(slot, previous[-1], indicator)
    ):
        return _forward_indicator(text, q, sent.end) or indicator
    if q.kind == "rank":
        indicator = _rank_indicator(slot.left) or _rank_indicator(
            text[_clause_start(text, q.start, sent.stmt_start) : q.start], previous
        )
    if indicator.endswith(_LIST_TAIL):
        # 两县及6个挂牌督战村: the list goes on with the number, whose noun follows it
        return _forward_indicator(text, q, sent.end) or None
    cues = lexicon().cues
    if (
        q.unit == "%"
        and text.startswith("的", q.end)
        and pred.verb not in cues["verb_up"] + cues["verb_down"]  # 增长10%以上的企业: a criterion
    ):
        share = _share_of_units(text, q, sent.end, indicator)
        if share:
            return share
    if not indicator:
        return _forward_indicator(text, q, sent.end)
    if (
        indicator in cues["flow_verb"]
        or indicator in cues["attributive_lead"]
        or not noun_phrase(indicator)
    ):
        # 力争建成3个高能级平台, 每年布局实施100个攻关项目, 省定41件…事项: the noun follows
        forward = _forward_indicator(text, q, sent.end)
        return indicator + forward if forward else None
    return indicator


@cache
def _share_of_units_re() -> re.Pattern[str]:
    """``的<units><verb><what>`` after a percent (``share_unit_verb`` cues of figure_cues.csv)."""
    verbs = "|".join(map(re.escape, lexicon().cues["share_unit_verb"]))
    return re.compile(
        rf"的([^，,。；;：:、]{{1,8}}?)({verbs})([^，,。；;：:、]{{3,24}})(?=[，,。；;：:]|$)"
    )


def _share_of_units(text: str, q: Quantity, s_end: int, indicator: str) -> str:
    """50%以上的区县成为义务教育优质均衡发展区县: the share of the units (区县) that become or reach
    something, named by what they become (义务教育优质均衡发展区县占比) or by the whole, what is
    reached and the units (建成区5%以上的面积新达到海绵城市要求 → 建成区新达到海绵城市要求面积占比).
    "" when the percent is not followed so."""
    m = _share_of_units_re().match(text, q.end, s_end)
    if not m:
        return ""
    units, verb, what = m.groups()
    if units.startswith(lexicon().cues.get("share_unit_not", ())):
        return ""  # 60%的基础上, 3.5%的水平, 15%的目标: not units
    if any(ch.isdigit() for ch in what):
        return ""  # 的企业达到500家: the units are counted, not a share of them
    if verb == "成为":
        return f"{what}占比"
    return f"{indicator}{verb}{what}{units}占比" if indicator else ""


def _after_counted_item(slot: _Slot, before: _Figure, indicator: str) -> bool:
    """222件人大代表建议、305件政协委员提案, 新建5所小学和3所中学: what stands between the two counts
    is the noun the count before named after itself (``before``) and a joiner, so the second
    count names its own noun after it too."""
    left = slot.left.rstrip()
    stem = indicator.rstrip(_LIST_SEP + "、")
    return (
        slot.left_start == slot.prev_end == before.q.end
        and left[-1:] in _LIST_SEP + "、"
        and bool(stem)
        and stem in before.indicator  # the previous count's noun (新建小学, 省级美丽城镇样板)
    )


def _measure_in_context(
    sent: _Sentence,
    slot: _Slot,
    pred: _Predicate,
    measure: str,
    indicator: str,
    previous: list[_Figure],
) -> tuple[str, str]:
    """``(measure, indicator)`` as the context reads them: a flow in a plan's review is a total and
    a rise over a plan a change; an item of a list (建成示范县5个、示范乡镇55个) shares the total and
    the flow verb of the item before; a 累计 total in a one-year review is that year's level."""
    text, ctx, start = sent.text, sent.ctx, slot.q.start
    measure = _flow_total(measure, pred.np_raw.strip("、，, ") or indicator, ctx)
    if (
        measure == "level"
        and ctx.kind == "actual"
        and ctx.plan
        and _done_after(text, slot.q, sent.end)
    ):
        measure = "cumulative"  # 五年来…132所学校完成新建: a total over the plan
    measure = _plan_change(measure, pred.verb, pred.mods, text[sent.stmt_start : start], ctx)
    listed = text[slot.prev_end : slot.left_start].strip() == "" and slot.left.startswith("、")
    if listed and previous and previous[-1].measure == "cumulative" and measure == "level":
        measure = "cumulative"  # 建成示范县5个、示范乡镇55个: the list shares its verb
    if listed and previous:
        indicator = _shared_verb(previous[-1].indicator, indicator)
    if ctx.kind == "target" or measure not in ("level", "cumulative"):
        return measure, indicator
    # 以来 looked up in place: the statement is sliced only when it has one (or for a 累计 total)
    since = (
        _since_year(text[sent.stmt_start : start])
        if text.find("以来", sent.stmt_start, start) >= 0
        else None
    )
    year = ctx.year if ctx.year is not None else (sent.ref - 1 if sent.ref is not None else None)
    if since is not None and (year is None or since < year):
        # 自2013年以来，已累计投资270家, 带动287家企业受益: totals since then (2020年以来 in a review
        # of 2020 is that year's)
        if measure == "level" and ("累计" in pred.np_raw or _is_flow(indicator)):
            measure = "cumulative"
    elif measure == "cumulative" and ctx.plan is None:
        stmt = text[sent.stmt_start : start]
        if "五年" not in pred.mods + pred.np_raw and not _PLAN_SPAN_RE.search(stmt):
            measure = "level"  # 累计减免税费28.6亿元 in a one-year review: that year's total
    return measure, indicator


_RANK_VERB = re.compile(
    r"(?P<np>[^，,。；;：:]*?)(?:稳居|位居|跃居|跻身|名列|位列|挺进|进位|进入|排名|排在|排|居|列)(?P<scope>[^，,。；;：:第前首]{0,12})$"
)
_FIRST_PLACE = re.compile(
    r"(?:稳居|位居|跃居|跻身|名列|位列|排名|居|列)[^，,。；;：:第前首]{0,12}(首位)"
)


def _with_ranks(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """Ranks: 居全省第三 (an ordinal after 居/位居 …) and 居全国首位 (1) become ``rank`` in 位."""
    if not quantities and "首位" not in sentence:
        return []  # most sentences: nothing to rank
    out = []
    for q in quantities:
        if (
            q.kind in ("ordinal", "rank")
            and _PLACE.fullmatch(q.raw)
            and _RANK_VERB.search(sentence[: q.start])
        ):
            qual = "at_most" if q.raw.startswith("前") else q.qualifier
            q = _replace(q, kind="rank", unit="位", qualifier=qual)
        elif q.kind == "rank" and not q.unit:
            q = _replace(q, unit="位")
        out.append(q)
    taken = [(q.start, q.end) for q in out]
    for m in _FIRST_PLACE.finditer(sentence):
        s, e = m.span(1)
        if not any(a < e and s < b for a, b in taken):
            out.append(Quantity(1.0, "位", 1.0, "首位", s, e, "", "rank", None, "首位"))
    return sorted(out, key=lambda q: q.start)


@cache
def _rank_tail() -> re.Pattern[str]:
    """``…全省…排名`` at the end of a rank's name: the scopes a rank is taken in
    (``rank_scope`` cues of figure_cues.csv: 全省, 全国, 长三角 …)."""
    scopes = "|".join(map(re.escape, lexicon().cues.get("rank_scope", ())))
    return re.compile(rf"(?:{scopes})[^排]{{0,12}}排名$")


def _rank_indicator(left: str, previous: list[_Figure] | None = None) -> str:
    """工业经济总量稳居全省 → 工业经济总量全省排名 (the thing ranked, where, and 排名)."""
    m = _RANK_VERB.search(left)
    if not m:
        return ""
    np_text = _clean_indicator(m.group("np"))
    scope = _split_predicate(m.group("scope").strip())[0]  # 排名上升至: the move is no scope
    if np_text and _rank_tail().fullmatch(f"{np_text}排名"):
        np_text, scope = "", np_text + scope  # 全国排名上升至第10位: ranked in 全国
    if np_text in lexicon().cues["np_strip_prefix"]:
        np_text = ""  # 并跻身全国城市前十: the thing ranked is the one before
    if not np_text and previous:
        np_text = _rank_tail().sub("", previous[-1].indicator)
    return f"{np_text}{scope}排名" if np_text else ""


def _shift(q: Quantity, offset: int) -> Quantity:
    """Move a sentence-relative quantity to article offsets; a ratio 1.81:1 is 1.81 倍, a
    fraction is a share in percent (比重稳定在1/3左右 → 33.33… %, like 比重达到33.5%)."""
    if q.kind == "fraction":
        # numerator/denominator back from the float (denominators are small), then × 100
        value = float(Fraction(q.value).limit_denominator(10**6) * 100)
        return _replace(
            q, start=q.start + offset, end=q.end + offset, value=value, unit="%", kind="percent"
        )
    unit = "倍" if q.kind == "ratio" and not q.unit else q.unit
    # every quantity of every sentence passes here: built positionally (fields in their order)
    return Quantity(
        q.value,
        unit,
        q.scale,
        q.raw,
        q.start + offset,
        q.end + offset,
        q.qualifier,
        q.kind,
        q.value_high,
        q.number,
    )


def _skip(sentence: str, q: Quantity) -> bool:
    """Numbers that are not figures.

    Durations (连续14年, 提前3年, 三年行动) and ages (70岁); small counts written in Chinese numerals,
    which are rhetoric or names (四个意识, 一批, 八项规定), not statistics; numbers inside quotes
    (“最多跑一次”); policy packages named by their article count (出台…20条); unit-less amounts.
    """
    lex = lexicon()
    before = sentence[max(0, q.start - 3) : q.start]
    if q.unit in ("年", "岁", "批") and q.kind == "amount":
        # 人均预期寿命提高1岁, 平均受教育年限提高到11.5年: years of a life or schooling are figures
        clauses = _CLAUSE_SPLIT.split(sentence[: q.start])
        clause = clauses[-1]
        if len(clauses) > 1 and not _split_predicate(clause)[0].strip():
            clause = clauses[-2] + clause  # 人均预期寿命达到80.2岁，提高1.3岁: the name is before
        return q.unit == "批" or not lex.has("duration_indicator", clause)
    if q.unit in ("天",) and before.endswith(lex.cues["skip_before"]):
        return True
    if q.unit in _TIME_UNITS and sentence[q.end : q.end + 1] in ("内", "后", "来"):
        return True  # 1个月内提高到…, 3年后: a time phrase, not a figure
    if q.unit in _TIME_UNITS | {"分钟"} and _duration_name().match(sentence, q.end):
        return True  # 打造15分钟便民生活服务圈: the name of an area, not a target
    if q.kind == "amount" and not _DIGIT.search(q.number or q.raw) and q.value < 100:
        return True
    named = q.kind != "amount" or q.unit in lex.cues["spec_unit"]  # else: no call (most amounts)
    if named and q.end < len(sentence) and _names_something(sentence, q, lex):
        return True
    if q.kind == "amount" and q.raw.endswith(lex.cues["threshold_particle"]):
        rest = _ITEM_SPLIT.split(sentence[q.end :])[0]
        if _CATEGORY_NOUN.match(rest) and (
            _DIGIT.search(rest) or lex.has("threshold_group_verb", rest)
        ):
            # 10亿元以上项目5个, 50万元以上的村占比达到85%: a category's threshold;
            # 9000元以下低收入农户全面消除: the threshold of the group a policy clears
            return True
    left = sentence[: q.start]
    quoted = left.count("“") > left.count("”") or left.count('"') % 2 == 1
    closes = sentence[q.end : q.end + 1] in ("”", '"')
    if quoted and not (closes and _DIGIT.search(q.number or q.raw)):
        return True  # “四个意识”, “1小时交通圈”: names; “最多80天” (digits, then the quote ends): a figure
    if q.unit == "条" and q.kind == "amount":
        clause = _SENTENCE_CLAUSE_SPLIT.split(left)[-1]
        if lex.has("policy_count", clause):
            return True
    # a unit-less 万/亿 amount may take its unit from the indicator (人才总量达到48.6万)
    return q.unit == "" and q.kind == "amount" and q.scale < 1e4


_TIME_UNITS = {"年", "天", "月", "个月", "日", "小时", "周"}


@cache
def _duration_name() -> re.Pattern[str]:
    """A duration that begins a name: 15分钟便民生活服务圈, 1小时交通圈 (the name ends in a
    ``duration_name_tail`` cue of figure_cues.csv, at most 10 characters after the number)."""
    tails = "|".join(map(re.escape, lexicon().cues["duration_name_tail"]))
    return re.compile(rf"[\u4e00-\u9fff]{{0,10}}?(?:{tails})")


_NAME_FOLLOWS = re.compile(r"[\u4e00-\u9fff](?<![的等及和与或以左上之])")


def _names_something(sentence: str, q: Quantity, lex: _Lexicon) -> bool:
    """A number that is part of a name: a class unit right before the name (500千伏春晖变,
    ``spec_unit`` cues) or a multiple or rate right before a campaign word (外贸双翻番行动,
    ``campaign_noun`` cues)."""
    if q.kind == "amount":
        return q.unit in lex.cues["spec_unit"] and _NAME_FOLLOWS.match(sentence, q.end) is not None
    return sentence.startswith(lex.cues["campaign_noun"], q.end)


@cache
def _forward_np() -> re.Pattern[str]:
    """The noun written after a count: up to a clause mark or a word that ends it (``forward_end``
    cues of figure_cues.csv: 圆满, 实现, 入选 …, adverbs such as 义无反顾)."""
    ends = "|".join(map(re.escape, lexicon().cues["forward_end"]))
    # words that end the noun only where they end the clause (6个挂牌督战村脱贫，…; not 省级脱贫
    # 攻坚示范村): forward_end_final cues
    finals = "|".join(map(re.escape, lexicon().cues.get("forward_end_final", ())))
    if finals:
        ends += rf"|(?:{finals})(?=[，,。；;、]|$)"
    # a joiner before the next count ends it too (新建5所小学和3所中学)
    next_count = (
        r"[和及与](?:[0-9０-９][0-9０-９.]*[\u4e00-\u9fff]"  # 和3所, not 和5G应用
        r"|[一二三四五六七八九十两百千万]+(?:个|家|所|项|座|条|件|名|位|台|辆|套|处|批|支|种|类|部|次))"
    )
    return re.compile(
        rf"[\u4e00-\u9fffA-Za-z（）()“”]{{2,16}}?(?=[，,。；;、]|{next_count}|{ends}|$)"
    )


_COUNT_LEAD = re.compile(r"^[两二三四五六七八九十0-9]{1,2}个")


def _level_mark_floor(text: str, q: Quantity, s_end: int) -> bool:
    """跨越6000亿元、7000亿元两个台阶, 迈上6万亿元台阶: an amount whose clause ends in a level mark
    (``level_mark`` cues) is a level reached, a floor."""
    rest = _CLAUSE_SPLIT.split(text[q.end : s_end])[0]
    return q.kind == "amount" and lexicon().has("level_mark", rest)


def _forward_indicator(text: str, q: Quantity, s_end: int) -> str:
    """Indicator written after a counted number: 10个民生实事项目圆满完成 → 民生实事项目."""
    if q.kind != "amount" or q.unit in _TIME_UNITS or q.end >= s_end:
        return ""
    after = _SHORT_QUOTE.sub("", text[q.end : s_end])  # 3个“千亿级规模…”高能级平台
    if not _HAN.match(after):
        return ""
    if _COUNT_LEAD.sub("", after).startswith(lexicon().cues["level_mark"]):
        return ""  # 迈上6万亿元台阶, 7000亿元两个台阶: the level of the thing named before
    m = _forward_np().match(after)
    if not m:
        return ""
    return _clean_indicator(m.group(0) + _shared_head(m.group(0), after[m.end() :]))


def _shared_head(noun: str, rest: str) -> str:
    """The head noun a count's modifier shares with the next count of its list: 10个省级和10个
    市级美丽城镇样板 → 省级 + 美丽城镇样板 (the modifier ends in an ``attributive_end`` cue, 级,
    and so does the next count's noun, whose tail after it is the head); "" otherwise."""
    ends = lexicon().cues.get("attributive_end", ())
    if not noun.endswith(ends) or rest[:1] not in _LIST_SEP + "、":
        return ""
    following = parse_quantities(rest[1:40])
    if not following or following[0].start != 0:
        return ""
    m = _forward_np().match(rest, 1 + following[0].end)
    if not m:
        return ""
    for end in ends:
        i = m.group(0).find(end)
        if 0 <= i and i + len(end) < len(m.group(0)):
            # 5个县级以上文化中心: the head is 文化中心 (以上 is the second item's own)
            return _threshold_lead().sub("", m.group(0)[i + len(end) :])
    return ""


@cache
def _threshold_lead() -> re.Pattern[str]:
    """A threshold particle (``threshold_particle`` cues: 以上, 以下) opening a name, 及 allowed."""
    particles = "|".join(map(re.escape, lexicon().cues["threshold_particle"]))
    return re.compile(rf"^及?(?:{particles})")


@cache
def _noun_units() -> tuple[tuple[str, str], ...]:
    table = read_data_csv("units_nouns.csv")
    pairs = zip(table["noun"], table["unit"], strict=True)
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _noun_unit(indicator: str) -> str:
    """Unit of a unit-less count from the counted noun: 各类人才总量 → 人 (``data/units_nouns.csv``)."""
    head = _COUNT_SUFFIX.sub("", indicator)
    for noun, unit in _noun_units():
        if head.endswith(noun):
            return unit
    return ""


_QUARTER = re.compile(r"(?:由|从)?(?<![前比较])([一二三四1-4])季度的?")
_BASE_PERIOD = re.compile(r"(?:比|较)(?:上年|去年|同期|[一二三四1-4]季度)")
_ADVERB_END = re.compile(r"(?:快速|进一步|稳步|持续|大幅|明显|显著|逐步|继续|较快|始终|一直|均)+$")
_RATIO_BASE = re.compile(r"(是|为|相当于)(?:19|20)\d\d年(?:末|底)?的\s*$")  # 是2010年的1.9倍
_RATE_SUFFIX = re.compile(r"(?:增速|增幅|涨幅|增长率|增长速度)$")


def _growth_rate_name(indicator: str) -> tuple[str, bool]:
    """规上工业增加值增速 → (规上工业增加值, True); 经济增速 → (地区生产总值, True) by the lexicon."""
    m = _RATE_SUFFIX.search(indicator)
    if not m or m.start() == 0:
        return indicator, bool(m)
    base = indicator[: m.start()]
    return canonical_indicator(base)[0], True


def _share_subject(indicator: str, previous: list[_Figure]) -> str:
    """A share without a subject (``share_lead`` cues: 数字经济核心产业增加值达到800亿元，
    占地区生产总值比重达到13%) is the share of what the figure before it in the sentence
    measures: 数字经济核心产业增加值占地区生产总值比重, so that two shares of GDP stay apart.
    The subject is that figure's name without a rank's scope (出口额全国城市排名 → 出口额) or
    a share's base (A占B比重 → A)."""
    leads = lexicon().cues["share_lead"]
    if not previous or not indicator.startswith(leads):
        return indicator
    subject = _rank_tail().sub("", previous[-1].indicator)
    for lead in leads:
        subject = subject.split(lead, 1)[0]
    return subject + indicator if _meaningful(subject) >= 2 else indicator


def _growth_after(text: str, q: Quantity) -> bool:
    """A percent followed by a growth word (2%左右的增幅, 8%的增长): the number is a growth rate."""
    if q.unit != "%":
        return False
    after = text[q.end : q.end + 4]
    return after.startswith(lexicon().cues["growth_after"])


def _inherit(previous: list[_Figure]) -> str:
    return previous[-1].indicator if previous else ""


_RANK_FROM = r"(?:由|从)[^，,。；;由从]{0,6}$"


# 由45.9%…, 从2015年的6500亿元…, 从人均9.1万元… (the year and 人均 belong to the base, not the name)
_FROM_LEAD = re.compile(r"(?:由|从)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?)?(?:人均|每人)?\s*$")
_TO_BETWEEN = re.compile(
    r"\s*([\u4e00-\u9fff]{0,3}?)(?:到|至)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?)?(?:人均|每人)?\s*"
)


@dataclass(frozen=True)
class _FromTo:
    base: Quantity
    end: Quantity
    verb: str
    base_year: str  # written years (从2015年的…增加到2020年的…), else ""
    end_year: str


def _is_peak(q: Quantity, verb: str, between: str) -> bool:
    """The start of a from-to pair written as a peak: 从最高4.1%下降到…, 从最低…提高到… (a
    ``peak_word`` cue before the number, then a move away from it)."""
    if not q.number or q.raw.startswith(q.number):
        return False
    lex = lexicon()
    words = f"{verb}{between}"
    if q.raw.startswith(lex.cues.get("peak_high", ())):
        return any(v in words for v in lex.cues["verb_down"])
    if q.raw.startswith(lex.cues.get("peak_low", ())):
        return any(v in words for v in lex.cues["verb_up"])
    return False


def _from_to(text: str, qs: list[Quantity], i: int) -> _FromTo | None:
    """由X提高到Y / 从2015年的X增加到2020年的Y: a base and an end level."""
    if i + 1 >= len(qs):
        return None
    qa, qb = qs[i], qs[i + 1]
    before = text[max(0, qa.start - 14) : qa.start]
    between = text[qa.end : qb.start]
    # 由45.9%提高到…; a rank may name its scope first: 由全国城市第12位提升到第9位
    lead = re.search(_RANK_FROM, before) if qa.kind == "rank" else _FROM_LEAD.search(before)
    if not lead:
        return None
    m = _TO_BETWEEN.fullmatch(between)
    if not m:
        return None
    base_year = lead.group(1) if qa.kind != "rank" and lead.group(1) else ""
    return _FromTo(qa, qb, m.group(1), base_year, m.group(2) or "")


def _distribution_group(
    text: str, qs: list[Quantity], i: int, pair_before: int = 0
) -> list[Quantity]:
    """Quantities i, i+1, … joined only by 、/和/及/与 and governed by 分别 (before the first), or
    written without a name right after a group of as many (``pair_before``) the sentence has just
    distributed: 城镇、农村居民…分别达到X、Y，年均增长A%、B% (A% is the first item's)."""
    group = [qs[i]]
    j = i
    while j + 1 < len(qs):
        between = text[qs[j].end : qs[j + 1].start]
        if _LIST_JOIN.fullmatch(between) and qs[j + 1].unit == qs[i].unit:
            group.append(qs[j + 1])
            j += 1
        else:
            break
    if len(group) < 2:
        return group
    clause0 = _clause_start(text, qs[i].start, 0)
    left = text[clause0 : qs[i].start]
    if "分别" in left:
        return group
    # Without 分别, a list of exactly as many names distributes too: 城镇和农村居民…达到X和Y.
    np_raw, _, _ = _split_predicate(left)
    names = [n for n in _split_list(_clean_indicator(np_raw)) if n]
    if not names and len(group) == pair_before:
        return group  # …分别达到X、Y，年均增长A%、B%: the same items, in the same order
    return group if len(names) == len(group) else [qs[i]]


def _split_list(np_text: str) -> list[str]:
    return [p for p in _LIST_SPLIT.split(np_text) if p]


def _distributed(
    sent: _Sentence, group: list[Quantity], clause0: int, previous: list[_Figure]
) -> list[_Figure]:
    """One figure per indicator for ``A、B分别增长X%、Y%`` and ``城乡居民…分别达到X和Y``."""
    text, ctx = sent.text, sent.ctx
    left = text[clause0 : group[0].start]
    pos = left.rfind("分别")
    if pos >= 0:
        np_part, mods_before, _ = _split_predicate(left[:pos])  # 城乡居民收入年均分别增长
        _, mods, verb = _split_predicate(left)
        mods = mods_before + mods
    else:
        np_part, mods, verb = _split_predicate(left)
    names = [_clean_indicator(p) for p in _split_list(_clean_indicator(np_part))]
    names = [n for n in names if n]
    k = len(group)
    if len(names) == 1 and not _YEAR_RE.search(np_part):  # …总额2019年和2020年分别: years
        names = _expand_collective(names[0], k) or names
    if len(names) > 1 and len(names) == k:
        names = _share_modifier(names)
    if len(names) != k:
        prior: list[str] = []
        for f in reversed(previous):
            if f.indicator not in prior:
                prior.insert(0, f.indicator)
            if len(prior) == k:
                break
        names = prior if len(prior) == k else [names[0] if names else ""] * k
    # 分别突破1700亿元、13万元: a qualifier written before the first number (not after it, as in
    # 8%以上和10%) bounds every number of the group that has none of its own
    first = group[0]
    if first.qualifier and first.number and not first.raw.startswith(first.number):
        group = [q if q.qualifier else _replace(q, qualifier=first.qualifier) for q in group]
    out = []
    for q, name in zip(group, names, strict=True):
        if not name:
            continue
        measure, sign = _measure(verb, mods, q.unit, name, q.kind)
        measure = _flow_total(measure, name, ctx)
        measure = _plan_change(measure, verb, mods, text[sent.stmt_start : q.start], ctx)
        kind, period = _kind_period(text, sent.stmt_start, q.start, measure, mods, ctx, sent.ref)
        value = q.value * sign if measure in ("growth", "change", "avg_growth") else q.value
        out.append(
            _Figure(
                q, name, measure, kind, period, value, q.unit, q.qualifier, sent.start, sent.end
            )
        )
    return out


def _expand_collective(name: str, k: int) -> list[str] | None:
    """城乡居民人均可支配收入 with two values → 城镇居民人均可支配收入, 农村居民人均可支配收入; the
    collective may follow a place (宁波市三次产业…贡献率 with three values → 宁波市第一产业…)."""
    for prefix, members in sorted(lexicon().distribution.items(), key=lambda kv: -len(kv[0])):
        pos = name.find(prefix)
        # at the start, after a place, or after a scope word (collective_lead cues): 人民币存贷款余额
        # → 人民币存款余额, 人民币贷款余额 (外贸进出口总额2019年和2020年分别… is not expanded)
        lead = (
            pos == 0
            or _PLACE_LEAD.fullmatch(name[:pos])
            or name[:pos] in lexicon().cues.get("collective_lead", ())
        )
        if pos >= 0 and len(members) == k and lead:
            head, rest = name[:pos], name[pos + len(prefix) :]
            return [head + m + rest for m in members]
    return None


# a place before a collective name (宁波市三次产业…): an administrative unit's name
_PLACE_LEAD = re.compile(r"[\u4e00-\u9fff]{1,5}[省市县区]")
_MEASURE_END = "率量数额"  # the last character of a measure word (败诉率, 发案量)
_PER_UNIT = re.compile(r"单位[^、和及与]{0,8}?(?:生产总值|增加值|GDP|产值)")


def _share_modifier(names: list[str]) -> list[str]:
    """规上工业产值、增加值、利税、利润 → the short heads take the first item's modifier (规上工业)."""
    first, others = names[0], names[1:]
    per_unit = _PER_UNIT.match(first)
    if per_unit and not any(_PER_UNIT.match(o) for o in others):
        # 单位生产总值能耗和二氧化碳排放 → 单位生产总值二氧化碳排放: the intensity base is shared
        return [first, *[per_unit.group(0) + o for o in others]]
    if len(names) == 2 and len(first) <= 3 < len(others[0]):
        return [first + others[0][len(first) :], others[0]]  # 城镇和农村居民人均可支配收入
    tail = _shared_tail(names[:-1], names[-1]) or _head_noun_tail(names[:-1], names[-1])
    if tail:
        return [*(n + tail for n in names[:-1]), names[-1]]  # 城镇居民和农村居民人均可支配收入
    if len(first) >= 5 and all(len(o) <= 3 for o in others):
        # 规上工业产值、增加值: a two-character head; 行政争议发案量和败诉率: measures of three
        # characters (X量, Y率) replace a head of three
        three = all(len(o) == 3 and o[-1] in _MEASURE_END for o in others)
        modifier = first[:-3] if three and first[-1] in _MEASURE_END else first[:-2]
        return [first, *[modifier + o for o in others]]
    return names


def _head_noun_tail(heads: list[str], last: str) -> str:
    """战略新兴、装备制造、“246”产业增加值: items without the head noun the last item names after
    its own modifier (``list_head_noun`` cues: 产业, 行业 …) share the last item's tail from that
    noun on (产业增加值); "" when an item has a head noun or the last item's end of its own
    (工业投资、高新技术产业投资: two whole names)."""
    if any(h.endswith(last[-2:]) for h in heads):
        return ""
    for noun in lexicon().cues.get("list_head_noun", ()):
        pos = last.find(noun)
        if pos > 0 and not any(noun in h for h in heads):
            if any(h.endswith(noun[-1]) for h in heads):
                # 规上工业、农业、服务业…产业增加值: an item ending like the head noun (业) is a
                # whole field: it shares only what follows the head (增加值)
                return last[pos + len(noun) :] if pos + len(noun) < len(last) else ""
            return last[pos:]
    return ""


def _shared_tail(heads: list[str], last: str) -> str:
    """The tail the last item of a list gives to the others when each of them ends with a head
    the last one repeats before it: 城镇居民、农村居民人均可支配收入 → 人均可支配收入 (head 居民).
    The head has at least two characters and follows a modifier of its own in every item (研发投入和
    研发投入强度 shares nothing); "" when there is no such tail."""
    tails = set()
    for name in heads:
        tail = ""
        for n in range(len(name) - 1, 1, -1):  # the longest proper suffix first
            head = name[-n:]
            pos = last.find(head)
            if pos > 0 and pos + n < len(last) and last[:pos] != name[:-n]:
                tail = last[pos + n :]
                break
        if not tail:
            return ""
        tails.add(tail)
    return tails.pop() if len(tails) == 1 else ""


# --------------------------------------------------------------------------------------------
# Kind and period
# --------------------------------------------------------------------------------------------


def _document_context(art: dict, headings: list[str], ref: int | None) -> _Context:
    """Context of statements no paragraph or heading places in time.

    A work report (or fragment) with no review section is its plan part: its unplaced figures are
    targets of the reference year (a 2023 report's 新增高新技术企业1500家 is a 2023 target).
    """
    if art.get("kind") != "work_report" or ref is None:
        return _Context("", None, None)
    lex = lexicon()
    if any(lex.has("heading_review", h) for h in headings):
        return _Context("", None, None)
    return _Context("target", ref, None)


def _running_year(running: _RunningYear, pos: int, ref: int | None) -> _Context:
    """News and other articles: an unplaced figure belongs to the last year the text named before
    it ("宁波市在2021年间…GDP达到14594.9亿元…。一般公共预算收入…" → 2021), not to the posting year;
    a year the text runs to (到2025年) does not count."""
    year = running.last_year(pos)
    if year is None:
        return _Context("", None, None)
    return _Context("actual" if ref is None or year < ref else "target", year, None)


def _since_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``_SINCE_YEAR_RE`` in ``text``, looked for only before each 以来 (a regex scan of
    the whole text costs four times as much as the 到…年 one)."""
    spans = []
    i = text.find("以来")
    while i >= 0:
        m = _SINCE_YEAR_RE.search(text, max(0, i - 16), i + 2)
        if m and m.end() == i + 2:
            spans.append(m.span())
        i = text.find("以来", i + 2)
    return spans


class _RunningYear:
    """The last year an article names before an offset, read once from the start however many
    offsets are asked (in increasing order; an earlier one starts the reading over).

    ``last_year(pos)`` is the last match of ``_YEAR_RE`` in ``text[:pos]`` with the matches of
    ``_TO_YEAR_RE`` (到2025年) taken out. It keeps the prefix read so far with those matches taken
    out (``_read``: up to ``_done``, never inside a 到…年 match), of which it only needs the last
    year found and the last four characters (where a year may still be completed by what follows).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # years that place nothing after them: 到2025年 (a target year), 2016年以来 (a start)
        spans = sorted([m.span() for m in _TO_YEAR_RE.finditer(text)] + _since_spans(text))
        self._to = [sp for i, sp in enumerate(spans) if i == 0 or sp[0] >= spans[i - 1][1]]
        self._start_over()

    def _start_over(self) -> None:
        self._next_to = 0  # first 到…年 match not yet taken out
        self._done = 0  # text[:_done] is read
        self._tail = ""  # the last four characters of what was read (matches taken out)
        self._year: int | None = None  # the last year in what was read
        self._asked = 0

    def last_year(self, pos: int) -> int | None:
        """The running year at offset ``pos`` (None when no year is named before it)."""
        if pos < self._asked:
            self._start_over()
        self._asked = pos
        text, k, i = self._text, self._next_to, self._done
        pieces = [self._tail]
        while k < len(self._to) and self._to[k][1] <= pos:
            pieces.append(text[i : self._to[k][0]])
            i = self._to[k][1]
            k += 1
        # a 到…年 cut by pos stays in text[:pos]; the reading stops before it
        stop = self._to[k][0] if k < len(self._to) and self._to[k][0] < pos else pos
        pieces.append(text[i:stop])
        read = "".join(pieces)
        years = _YEAR_RE.findall(read)
        if years:
            self._year = int(years[-1])
        self._next_to, self._done, self._tail = k, stop, read[-4:]
        cut = _YEAR_RE.findall(read[-4:] + text[stop:pos])
        return int(cut[-1]) if cut else self._year


class _ContextReader:
    """Kind/year/plan of an offset of an article from its paragraph opening, else from the
    innermost informative section heading; each opening and heading is read once."""

    def __init__(self, sections: SectionIndex, openings: _Openings, ref: int | None) -> None:
        self.sections, self.openings, self.ref = sections, openings, ref
        self._opening: dict[int, _Context] = {}
        self._heading: dict[int, _Context] = {}

    def at(self, pos: int) -> _Context:
        """The context of offset ``pos`` (kind "" when neither places it)."""
        i = self.openings.index_at(pos)
        para = self._opening.get(i)
        if para is None:
            opening = self.openings.firsts[i] if i >= 0 else ""
            para = self._opening[i] = _paragraph_context(opening, self.ref)
        if para.kind:
            return para
        for row in self.sections.containing(pos):
            ctx = self._heading.get(row)
            if ctx is None:
                ctx = self._heading[row] = _heading_context(self.sections.heading[row], self.ref)
            if ctx.kind:
                return ctx
        return _Context("", None, None)


def _kind_period(
    text: str,
    stmt_start: int,
    pos: int,
    measure: str,
    mods: str,
    ctx: _Context,
    ref: int | None,
) -> tuple[str, str]:
    """``(kind, period)`` of a figure at ``pos`` from its statement and context."""
    left = text[stmt_start:pos]
    stated = _stated_time(left, ctx, ref)
    return stated.kind, _period(left, measure, mods, ctx, stated, ref)


def _stated_time(left: str, ctx: _Context, ref: int | None) -> _Context:
    """Kind, year and plan of a statement ``left``: what it writes (到2025年, 2020年, 今年, 去年,
    到“十四五”末, “十三五”期间, 今后五年) over what its paragraph or section says (``ctx``)."""
    lex = lexicon()
    kind, year, plan = ctx.kind, ctx.year, ctx.plan
    to_year = _to_year(left)
    named = _named_plan_context(left, ref)
    if named is not None:
        kind, year, plan = named.kind, named.year, named.plan
    elif ref is not None and _NEXT_FIVE_RE.search(left):
        kind, year, plan = "target", ref + 4, (ref, ref + 4)
    written = _written_year(left, to_year, ref)
    if written is not None:
        year = written
    if year is not None and ref is not None:
        if year >= ref and (to_year is not None or lex.has("cue_target", left) or kind != "actual"):
            kind = "target"
        elif year < ref:
            kind = "actual"
    if not kind:
        kind = "target" if lex.has("cue_target", left) else "actual"
    if year is None:
        year = ref - 1 if (ref is not None and kind == "actual") else ref
    if plan is None or (year is not None and not plan[0] <= year <= plan[1]):
        plan = _plan_containing(year)
    return _Context(kind, year, plan)


def _to_year(left: str) -> int | None:
    """The year a statement runs to: 到2025年 → 2025, 到“十四五”末 → 2025; else None."""
    to_year = _TO_YEAR_RE.findall(left)
    if to_year:
        return int(to_year[-1])
    plans = lexicon().plans
    plan_end = _PLAN_END_RE.search(left)
    if plan_end and plan_end.group(1) in plans:
        return plans[plan_end.group(1)][1]
    return None


def _written_year(left: str, to_year: int | None, ref: int | None) -> int | None:
    """The year a statement names: its ``to_year``, else its last year that is not a base (比2015年)
    or a from-year (由2020年的…), else 今年 (``ref``) or 去年 (``ref`` − 1); else None."""
    if to_year is not None:
        return to_year
    placed = _FROM_YEAR_RE.sub("", _BASE_YEAR_RE.sub("", left))
    if "以来" in placed:
        placed = _SINCE_YEAR_RE.sub("", placed)  # 2016年以来: where a total starts
    years = [int(y) for y in _YEAR_RE.findall(placed)]
    if years:
        return years[-1]
    if "今年" in left and ref is not None:
        return ref
    if lexicon().has("cue_last_year", left) and ref is not None:
        return ref - 1
    return None


def _period(
    left: str, measure: str, mods: str, ctx: _Context, stated: _Context, ref: int | None
) -> str:
    """Period of a figure of ``measure`` whose statement ``left`` has the ``stated`` kind, year and
    plan: a span for averages, totals, changes since a base and levels held through a plan; a
    quarter-less part of a year (1-11月, 前三季度); else the year."""
    lex = lexicon()
    kind, year, plan = stated.kind, stated.year, stated.plan
    n_years = _N_YEAR_AVG.search(left[-12:])
    if measure == "avg_growth" and n_years and year is not None:
        n = cn_small_number(n_years.group(1))  # 两年平均增速5.7% → 2020-2021
        return f"{year - n + 1}-{year}"
    if measure in ("avg_growth", "cumulative", "change") and year is not None:
        since = _since_year(left)
        if since is not None and since < year:
            return f"{since}-{year}"  # 自2013年成立以来累计投资270家: 2013 to the statement's year
    if measure in ("avg_growth", "cumulative"):
        return f"{plan[0]}-{plan[1]}" if plan else str(year)
    base = _base_year(left)
    if base and measure in ("change", "growth"):  # 比2015年提高…: a change since the base year
        return f"{base}-{year}"
    if measure == "change" and plan and ("累计" in mods or ctx.plan):
        if kind == "target":  # 能耗降低13.5% over the plan: 2021-2025
            return f"{plan[0]}-{plan[1]}"
        return f"{plan[0] - 1}-{plan[1]}"  # 累计下降49%, 增长3倍 over the five years
    per_year = _per_year_span(left, measure, kind, ctx, year, ref)
    if per_year:
        return per_year
    steady = kind == "actual" and lex.has("steady_level", left[-12:])
    if measure in ("level", "share") and ctx.plan and steady:
        return f"{plan[0]}-{plan[1]}"  # 稳定在43%以上 throughout the period
    return _part_of_year(left, measure, year)


def _base_year(left: str) -> str:
    """The base year of a change: 比2015年 → "2015", 比“十三五”末 → "2020"; else ""."""
    plans = lexicon().plans
    plan_base = _PLAN_BASE_RE.search(left)
    if plan_base and plan_base.group(1) in plans:
        return str(plans[plan_base.group(1)][1])
    base = _BASE_YEAR_RE.findall(left)
    return base[-1] if base else ""


def _part_of_year(left: str, measure: str, year: int | None) -> str:
    """``year``, or the part of it a level, growth, share or change covers: 1-11月 → "2020-01~11",
    前三季度 → "2021-01~09"; "" without a year."""
    if measure in ("level", "growth", "share", "change"):
        months = _MONTHS_RE.search(left)
        if months:
            y = int(months.group(1)) if months.group(1) else year
            if y is None:
                return ""  # months of an unknown year: no period rather than "None-01~10"
            return f"{y}-{int(months.group(2)):02d}~{int(months.group(3)):02d}"
        partial = _PARTIAL_YEAR_RE.search(left)
        if partial and year is not None:
            return f"{year}-{_PARTIAL_YEAR[partial.group(0)]}"  # 前三季度 → 2021-01~09
    return "" if year is None else str(year)


def _per_year_span(
    left: str, measure: str, kind: str, ctx: _Context, year: int | None, ref: int | None
) -> str:
    """每年布局实施100个攻关项目 among targets: an amount for every year of the plan, so the period is
    the plan's span (a plan's last year looks ahead to the next plan), not one year."""
    clause = _CLAUSE_SPLIT.split(left)[-1]
    if measure != "level" or kind != "target" or "每年" not in clause or year is None:
        return ""
    plan = ctx.plan or _plan_containing(year)
    if plan and plan[1] == year == ref and ctx.plan is None:
        plan = _plan_containing(year + 1)
    return f"{plan[0]}-{plan[1]}" if plan else ""


def _plan_containing(year: int | None) -> tuple[int, int] | None:
    if year is None:
        return None
    for start, end in lexicon().plans.values():
        if start <= year <= end:
            return start, end
    return None


def _periods_from_to(
    text: str, stmt_start: int, pos: int, ctx: _Context, ref: int | None
) -> tuple[str, str, str]:
    """(kind, end period, base period) of ``由X提高到Y``: base is the year before the period."""
    kind, period = _kind_period(text, stmt_start, pos, "level", "", ctx, ref)
    end = int(period[:4]) if period[:4].isdigit() else None
    if end is None:
        return kind, period, ""
    base_years = _BASE_YEAR_RE.findall(text[stmt_start:pos])
    if base_years:
        return kind, str(end), base_years[-1]
    plan = ctx.plan if ctx.plan and ctx.plan[0] <= end <= ctx.plan[1] else _plan_containing(end)
    if kind == "actual" and plan and ctx.plan:
        return kind, str(end), str(plan[0] - 1)
    if kind == "target" and plan:
        return kind, str(plan[1]), str(plan[0] - 1)
    return kind, str(end), str(end - 1)


# --------------------------------------------------------------------------------------------
# Views for the report
# --------------------------------------------------------------------------------------------


def coverage_by_section(figures: pd.DataFrame) -> pd.DataFrame:
    """Number of figures per article and top-level section, split by kind (actual / target)."""
    if figures.empty:
        return pd.DataFrame(columns=["doc_id", "section", "actual", "target", "total"])
    top = figures["section_path"].str.split(" > ").str[0].replace("", "(before the first heading)")
    table = (
        figures.assign(section=top)
        .pivot_table(index=["doc_id", "section"], columns="kind", values="value", aggfunc="size")
        .reindex(columns=["actual", "target"])
        .fillna(0)
        .astype(int)
    )
    table["total"] = table.sum(axis=1)
    return table.reset_index()
