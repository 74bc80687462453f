"""How the texts write time: years (2020年, 比2015年, 到2025年, 由2020年的…, 自2013年…以来) and five-year plans
(“十四五”期间, “十三五”末, 今后五年) as patterns, and the small readers over them: the plan a text names
(:func:`plan_period`) or a year falls in (:func:`_plan_containing`), the year a total counts from
(:func:`_since_year`), a statement runs to (:func:`_to_year`) or a change is measured from
(:func:`_base_year`)."""

from __future__ import annotations

import re
from functools import lru_cache

from ningbo_analysis.corpus.structure import cn_small_number
from ningbo_analysis.figures.cues import _CLAUSE_SPLIT, lexicon

_YEAR_RE = re.compile(r"((?:19|20)\d\d)年(?:底|末|前)?")
# 比2015年, 较2015年末, 与2015年相比, and a ratio to a year: 是2010年的1.9倍, 达到2010年的三倍
_BASE_YEAR_RE = re.compile(
    r"(?:比|较|与|(?:是|为|相当于|达到|达)(?=(?:19|20)\d\d年(?:末|底)?的))"
    r"((?:19|20)\d\d)年(?:末|底)?(?:相比|的)?"
)
_TO_YEAR_RE = re.compile(r"(?<!达)(?:到|至|截至|截止)((?:19|20)\d\d)年")  # not 达到2010年的三倍
# 由2020年的4.76万亿元增加到…: the base year of a from-to pair, not the year of what follows it
_FROM_YEAR_RE = re.compile(
    r"(?:由|从)\s*(?:19|20)\d\d年(?:末|底)?(?:的|(?=[\d.]|$))"
)  # 从2020年38家增至…
_FROM_TO_RE = re.compile(r"(?:由|从)\s*$")
# 自2013年成立以来, 2016年以来: the year a total runs from, not the year of the figures after it
_SINCE_YEAR_RE = re.compile(r"(?:自|从)?((?:19|20)\d\d)年(?:[^，,。；;：:0-9]{0,8}?)以来")
_PLAN_BASE_RE = re.compile(r"(?:比|较|与)[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期末|末)")
_PLAN_SPAN_RE = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期间|时期|以来)")
# “十三五”发展的主要预期目标是：… / “十三五”规划目标: a plan named with its goals
_PLAN_GOAL_RE = re.compile(
    r"[“\"]?(十[一二三四五六七八九]五)[”\"]?[^，,。；;：:]{0,12}?(?:目标|主要任务)"
)
# 到“十四五”末: the year a statement runs to; never 比/较/与 (a base) or 由/从 (a from-value's year:
# 由“十二五”末的89微克下降到58微克)
_PLAN_END_RE = re.compile(
    r"(?<![比较由从与])(?<![比较由从与][“\"])(?:到|至)?(?<![比较由从与])[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期)?末"
)
_NEXT_FIVE_RE = re.compile(r"(?:今后|未来)五年")
# 力争三年…由7.8平方米提高到13平方米, 用两年时间, 三年内: a target's term of two to four years from the
# report's year, in the figure's own clause; never a span looked back on (近三年, 连续三年,
# 三年来, 前三年, 每三年), an average (三年平均) or a programme's name (三年行动计划, 三年攻坚)
_TERM_RE = re.compile(
    r"(?<![近过前续每第这十])(?:用|再用|力争|通过)?([两二三四])年(?:时间|的时间|内)?"
    r"(?!来|前|以来|平均|年均|级|多|的|间|行动|攻坚|计划|规划|改造|[一二三四五六七八九十两]|\d)"
)
_TERM_CLAUSE_RE = re.compile(r"\s*(?:力争|用|再用|通过)?([两二三四])年(?:时间|的时间|内)?\s*")
_PLAN_RE = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")


# 第十四个五年规划: the long name of a plan (十四五)
_PLAN_LONG_RE = re.compile(r"第(十[一二三四五六七八九])个五年(?:规划|计划)")


def plan_period(text: str) -> tuple[int, int] | None:
    """Years of the first five-year plan named in ``text`` (“十四五”, 第十四个五年规划 →
    (2021, 2025))."""
    m = _PLAN_RE.search(text)
    if m:
        return lexicon().plans.get(m.group(1))
    m = _PLAN_LONG_RE.search(text)
    return lexicon().plans.get(m.group(1) + "五") if m else None


def _term_end(left: str, ref: int | None) -> int | None:
    """The last year of a term a target statement ``left`` sets from the report's year ``ref``
    (力争三年人均道路面积由7.8平方米提高到… in a 2016 report → 2018), in the figure's clause or
    as the clause before it (用两年时间，…), else None."""
    if ref is None or "年" not in left:
        return None
    clauses = _CLAUSE_SPLIT.split(left)  # left starts after the sentence's last 。
    found = _TERM_RE.findall(clauses[-1])
    if not found and len(clauses) > 1:
        whole = _TERM_CLAUSE_RE.fullmatch(clauses[-2])
        found = [whole.group(1)] if whole else []
    return ref + cn_small_number(found[-1]) - 1 if found else None


def _since_year(left: str) -> int | None:
    """The year a statement counts from (自2013年成立以来 → 2013), else None."""
    if "以来" not in left:  # most statements: no regex scan
        return None
    found = _SINCE_YEAR_RE.findall(left)
    return int(found[-1]) if found else None


def _to_year(left: str) -> int | None:
    """The year a statement runs to: 到2025年 → 2025, 到“十四五”末 → 2025; else None."""
    # each pattern needs a character that most statements lack: looked for before the scan
    to_year = _TO_YEAR_RE.findall(left) if "年" in left else None
    if to_year:
        return int(to_year[-1])
    if "末" not in left:
        return None
    plans = lexicon().plans
    plan_end = _PLAN_END_RE.search(left)
    if plan_end and plan_end.group(1) in plans:
        return plans[plan_end.group(1)][1]
    return None


def _base_year(left: str) -> str:
    """The base year of a change: 比2015年 → "2015", 比“十三五”末 → "2020"; else ""."""
    plans = lexicon().plans
    plan_base = _PLAN_BASE_RE.search(left) if "末" in left else None
    if plan_base and plan_base.group(1) in plans:
        return str(plans[plan_base.group(1)][1])
    base = _BASE_YEAR_RE.findall(left) if "年" in left else None
    return base[-1] if base else ""


@lru_cache(maxsize=512)  # asked for every figure, of a few dozen years
def _plan_containing(year: int | None) -> tuple[int, int] | None:
    if year is None:
        return None
    for start, end in lexicon().plans.values():
        if start <= year <= end:
            return start, end
    return None
