"""What a figure measures: the text before a number split into indicator phrase, modifiers (年均, 累计,
比2015年) and verb (增长, 达到) by the lexicon's predicate pattern (:func:`_split_predicate`); the
measure and sign that predicate gives (:func:`_measure`: level, growth, avg_growth, change,
cumulative, share or rank, −1 for a fall); a flow in a plan's review read as a total
(:func:`_flow_total`, :func:`_is_flow`, :func:`_done_after`), a rise over a plan as a change
(:func:`_plan_change`), a growth word after a percent as its verb (:func:`_growth_after`) and a
level mark as a floor (:func:`_level_mark_floor`)."""

from __future__ import annotations

import re
from functools import cache

from ningbo_analysis.figures.concepts import opens_with_noun
from ningbo_analysis.figures.context import _Context
from ningbo_analysis.figures.cues import _CLAUSE_SPLIT, lexicon
from ningbo_analysis.figures.time_phrases import (
    _BASE_YEAR_RE,
    _FROM_YEAR_RE,
    _SINCE_YEAR_RE,
    _TO_YEAR_RE,
)
from ningbo_analysis.numbers.quantity import Quantity

# small patterns of the per-sentence rules, compiled once
# 比2015年, 比“十二五”期末 / 比十二五末: a change since a base, not one year's growth
_BASE_YEAR_MOD = re.compile(
    r"(?:比|较)(?:(?:19|20)\d\d年|[“\"]?十[一二三四五六七八九]五[”\"]?期?末)"
)
_ONE_PERIOD = re.compile(r"(?:19|20)\d\d年|今年|去年|上年|[一二三四1-4]季度|上半年|\d月")
# the year a clause is about (全年经济增长11%): of its own clause only
_THE_YEAR = re.compile(r"全年|当年")


def _split_predicate(left: str) -> tuple[str, str, str]:
    """Split the text before a number into (indicator phrase, modifiers, verb)."""
    lex = lexicon()
    # lex.predicate.search(left), trying the match only where one can start (search tries every
    # position in turn): at a character that opens a part of it, at a space, or at the end
    firsts, match = lex.predicate_firsts, lex.predicate.match
    m = None
    for pos, ch in enumerate(left):
        if (ch in firsts or ch.isspace()) and (m := match(left, pos)):
            break
    else:
        m = match(left, len(left))
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


def _flow_total(measure: str, indicator: str, ctx: _Context, left: str = "") -> str:
    """A count of things built/created (建成…5个, 城镇新增就业…) in a five-year review is a total
    over the plan, unless its statement ``left`` names one year (2020年…新增就业37.1万人)."""
    if measure == "level" and ctx.kind == "actual" and ctx.plan and _is_flow(indicator):
        return measure if _names_one_period(left) or yearly_amount(left) else "cumulative"
    return measure


#: not a yearly amount of the plan: a rate per person (每年每人补助1270元), a rate of growth
#: (每年递增10%以上) or a shorter run of years (连续三年每年筹资, 三年内)
_NOT_YEARLY = re.compile(
    r"每年每人|每人每年|每年人均|递增|递减|增幅|增速|连续[一二两三四五六七八九十\d]+年|[一二两三四\d]年内"
)


def yearly_amount(left: str) -> bool:
    """Whether the clause ending at a number says it is an amount for every year of a plan, not
    a total over it: 每年 (每年城镇新增就业超10万人, 城镇新增就业平均每年不少于4万人) or 年均 before
    a flow verb (城镇就业年均新增10万人); not 年均 before a noun (PM2.5年均浓度: an average
    level), a rate per person or a shorter run of years.

    >>> yearly_amount("今后五年，城镇新增就业平均每年不少于"), yearly_amount("PM2.5年均浓度")
    (True, False)
    """
    clause = _CLAUSE_SPLIT.split(left)[-1]
    if "每年" not in clause and "年均" not in clause and "年平均" not in clause:
        return False
    if _NOT_YEARLY.search(clause):
        return False
    if "每年" in clause:
        return True
    verbs = (*lexicon().cues["flow_verb"], "增加", "减少")
    return any(f"{avg}{verb}" in clause for avg in ("年均", "年平均") for verb in verbs)


def _names_one_period(left: str) -> bool:
    """Whether a statement names one year or part of one (2020年, 今年, 一季度) for what follows,
    not a base (比2015年), a from-year (由2015年的) or the start of a span (2016年以来)."""
    if not left:
        return False
    placed = _BASE_YEAR_RE.sub("", _FROM_YEAR_RE.sub("", _TO_YEAR_RE.sub("", left)))
    if "以来" in placed:
        placed = _SINCE_YEAR_RE.sub("", placed)
    return _ONE_PERIOD.search(placed) is not None or _of_the_year(left)


def _of_the_year(left: str) -> bool:
    """Whether the clause ending at a number says it is the year's (全年新建道路73公里, 全年经济增长
    11%): a clause of a review of several years may be about its last year."""
    return _THE_YEAR.search(_CLAUSE_SPLIT.split(left)[-1]) is not None


def _is_flow(indicator: str) -> bool:
    """Whether a name counts things built, created or done (建成…, 城镇新增就业…, 主动公开…)."""
    lex = lexicon()
    if opens_with_noun(indicator):
        return False  # 建成区绿化覆盖率: a noun that opens like the verb 建成
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
    if _of_the_year(left):
        return measure
    return "change"


def _is_base_change(mods: str) -> bool:
    return bool(_BASE_YEAR_MOD.search(mods))


def _level_mark_floor(text: str, q: Quantity, s_end: int) -> bool:
    """跨越6000亿元、7000亿元两个台阶, 迈上6万亿元台阶: an amount whose clause ends in a level mark
    (``level_mark`` cues) is a level reached, a floor."""
    rest = _CLAUSE_SPLIT.split(text[q.end : s_end])[0]
    return q.kind == "amount" and lexicon().has("level_mark", rest)


def _growth_after(text: str, q: Quantity) -> bool:
    """A percent followed by a growth word (2%左右的增幅, 8%的增长): the number is a growth rate."""
    if q.unit != "%":
        return False
    after = text[q.end : q.end + 4]
    return after.startswith(lexicon().cues["growth_after"])
