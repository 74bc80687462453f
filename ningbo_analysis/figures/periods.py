"""Kind and period of one figure: what its statement writes (到2025年, 今年, 去年, 比2015年, 1-11月, 前三季度,
两年平均, 每年) over what its context says (``context``), read into ``(kind, period)`` for its measure
(:func:`_kind_period`): a year, a part of one, or a span for averages, totals, changes since a base
and levels held through a plan; and the end and base periods of a 由X提高到Y pair
(:func:`_periods_from_to`)."""

from __future__ import annotations

import re

from ningbo_analysis.corpus.structure import cn_small_number
from ningbo_analysis.figures.context import _Context, _named_plan_context
from ningbo_analysis.figures.cues import lexicon
from ningbo_analysis.figures.measures import yearly_amount
from ningbo_analysis.figures.time_phrases import (
    _BASE_YEAR_RE,
    _FROM_YEAR_RE,
    _NEXT_FIVE_RE,
    _PLAN_RE,
    _SINCE_YEAR_RE,
    _TO_YEAR_RE,
    _YEAR_RE,
    _base_year,
    _plan_containing,
    _since_year,
    _term_end,
    _to_year,
)

_MONTHS_RE = re.compile(r"(?:((?:19|20)\d\d)年)?\s*(1)\s*[-—–~～至到]\s*(1[0-2]|[1-9])\s*月")
_N_YEAR_AVG = re.compile(r"([两二三四五六七八九十0-9]{1,2})年(?:平均|年均)")
_PARTIAL_YEAR = {"前三季度": "01~09", "上半年": "01~06", "前两个月": "01~02"}
_PARTIAL_YEAR_RE = re.compile("|".join(_PARTIAL_YEAR))
_PARTIAL_FIRSTS = frozenset(w[0] for w in _PARTIAL_YEAR)


# a title in 《》 (its years are part of its name)
_TITLE_RE = re.compile(r"《[^》]{0,80}》")
#: A year of a goal the statement works towards (围绕2025年实现碳排放达峰的目标，…使非化石能源占比
#: 保持在18%以上): it dates that goal, not the figures after it.
_GOAL_YEAR_RE = re.compile(
    r"(?:围绕|按照|对照|瞄准|向着|朝着|为实现|为了实现)(?:19|20)\d\d年[^，,。；;：:\d]{0,16}?目标"
)
#: A clause that opens with its year (，2020年超过3000亿元), not with a base (2020年的, 以来).
_CLAUSE_YEAR_RE = re.compile(r"[，,]\s*((?:19|20)\d\d)年(?!以来|的|基础|水平)")
_DIGITS = re.compile(r"\d+")


def _kind_period(
    text: str,
    stmt_start: int,
    pos: int,
    measure: str,
    mods: str,
    ctx: _Context,
    ref: int | None,
) -> tuple[str, str]:
    """``(kind, period)`` of a figure at ``pos`` from its statement and context (the years of a
    title, 《国土空间总体规划（2021-2035年）》, date nothing)."""
    left = text[stmt_start:pos]
    if "《" in left:
        left = _TITLE_RE.sub(lambda m: _DIGITS.sub("", m.group()), left)
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
    elif ref is not None and "五年" in left and _NEXT_FIVE_RE.search(left):
        kind, year, plan = "target", ref + 4, (ref, ref + 4)
    elif _opens_plan(left, ref):  # 《纲要草案》…包括：… in the plan's first year
        opening = _plan_containing(ref)
        kind, year, plan = "target", opening[1], opening
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
    if written is None and kind == "target" and (term := _term_end(left, ref)) is not None:
        year, plan = term, None  # 力争三年…: the term's last year, not the plan's
    if year is None:
        year = ref - 1 if (ref is not None and kind == "actual") else ref
    if plan is None or (year is not None and not plan[0] <= year <= plan[1]):
        plan = _plan_containing(year)
    return _Context(kind, year, plan)


def _opens_plan(left: str, ref: int | None) -> bool:
    """A statement of the plan a report opens: its year is a plan's first year (2021 for 十四五)
    and the statement cites the plan's outline (cue_plan_target: 纲要草案, 规划纲要) without naming
    another plan (“十三五”规划纲要确定的目标 in a 2016 review is no target)."""
    if ref is None or not lexicon().has("cue_plan_target", left):
        return False
    plan = _plan_containing(ref)
    if plan is None or plan[0] != ref:
        return False
    named = {lexicon().plans.get(m) for m in _PLAN_RE.findall(left)}
    return named <= {plan}


def _year_of_a_later_clause(left: str) -> int | None:
    """A year written in a clause after the last 到/至 year (到2019年达到3850亿元，2020年迈上4000亿元
    台阶: 2020 for the second figure), else the year a clause in between opens with, up to a
    semicolon (到2017年…翻一番，2020年超过3000亿元，人均生产总值达到76000元: 2020 runs on), else
    None."""
    found = list(_TO_YEAR_RE.finditer(left))
    if not found:
        return None
    rest = left[found[-1].end() :]
    cut = max(rest.rfind(mark) for mark in "，,；;")
    if cut < 0:
        return None
    placed = _FROM_YEAR_RE.sub("", _BASE_YEAR_RE.sub("", rest[cut + 1 :]))
    if "以来" in placed:
        placed = _SINCE_YEAR_RE.sub("", placed)
    years = [int(y) for y in _YEAR_RE.findall(placed)]
    if years:
        return years[-1]
    part = rest[: cut + 1]
    part = part[max(part.rfind("；"), part.rfind(";")) + 1 :]
    to_year = int(found[-1].group(1))
    # only a later year runs on (到2025年…，2020年为2.4%，…: a base stated in passing, no run)
    opening = [int(y) for y in _CLAUSE_YEAR_RE.findall(part) if int(y) > to_year]
    return opening[-1] if opening else None


# a span of years written in passing (在2003-2011年仅有…的情况下, 国土空间总体规划（2020-2035年）):
# no year of the statement (a span opening it, 2001—2005年累计…, is its period: kept)
_SPAN_OF_YEARS = re.compile(r"(?<=[在（(])(?:19|20)\d\d年?\s*[-–—~至到]\s*(?:19|20)\d\d年")


def _written_year(left: str, to_year: int | None, ref: int | None) -> int | None:
    """The year a statement names: its ``to_year``, else its last year that is not a base (比2015年)
    or a from-year (由2020年的…), else 今年 (``ref``) or 去年 (``ref`` − 1); else None."""
    if to_year is not None:
        later = _year_of_a_later_clause(left)
        return to_year if later is None else later
    if "年" in left:  # every pattern below needs it (most statements name no year)
        placed = _FROM_YEAR_RE.sub("", _BASE_YEAR_RE.sub("", left))
        if "-" in placed or "—" in placed or "至" in placed:
            placed = _SPAN_OF_YEARS.sub("", placed)  # 在2003-2011年仅有2家企业上市的情况下
        if "以来" in placed:
            placed = _SINCE_YEAR_RE.sub("", placed)  # 2016年以来: where a total starts
        if "目标" in placed:
            placed = _GOAL_YEAR_RE.sub("", placed)  # 围绕2025年实现碳排放达峰的目标: that goal's
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
    n_years = _N_YEAR_AVG.search(left[-12:]) if measure == "avg_growth" else None
    if n_years and year is not None:
        n = cn_small_number(n_years.group(1))  # 两年平均增速5.7% → 2020-2021
        return f"{year - n + 1}-{year}"
    if measure in ("avg_growth", "cumulative", "change") and year is not None:
        since = _since_year(left)
        if since is not None and since < year:
            return f"{since}-{year}"  # 自2013年成立以来累计投资270家: 2013 to the statement's year
    if measure in ("avg_growth", "cumulative"):
        return f"{plan[0]}-{plan[1]}" if plan else str(year)
    base = _base_year(left) if measure in ("change", "growth") else ""
    if base:  # 比2015年提高…: a change since the base year
        return f"{base}-{year}"
    if measure == "change" and plan and ("累计" in mods or ctx.plan):
        if kind == "target":  # 能耗降低13.5% over the plan: 2021-2025
            return f"{plan[0]}-{plan[1]}"
        return f"{plan[0] - 1}-{plan[1]}"  # 累计下降49%, 增长3倍 over the five years
    per_year = _per_year_span(left, measure, kind, ctx, year, ref)
    if per_year:
        return per_year
    if (
        measure in ("level", "share")
        and ctx.plan
        and kind == "actual"
        and lex.has("steady_level", left[-12:])
    ):
        return f"{plan[0]}-{plan[1]}"  # 稳定在43%以上 throughout the period
    return _part_of_year(left, measure, year)


def _part_of_year(left: str, measure: str, year: int | None) -> str:
    """``year``, or the part of it a level, growth, share or change covers: 1-11月 → "2020-01~11",
    前三季度 → "2021-01~09"; "" without a year."""
    if measure in ("level", "growth", "share", "change"):
        months = _MONTHS_RE.search(left) if "月" in left else None
        if months:
            y = int(months.group(1)) if months.group(1) else year
            if y is None:
                return ""  # months of an unknown year: no period rather than "None-01~10"
            return f"{y}-{int(months.group(2)):02d}~{int(months.group(3)):02d}"
        # the pattern is tried only when a first character of its words is there
        partial = None if _PARTIAL_FIRSTS.isdisjoint(left) else _PARTIAL_YEAR_RE.search(left)
        if partial and year is not None:
            return f"{year}-{_PARTIAL_YEAR[partial.group(0)]}"  # 前三季度 → 2021-01~09
    return "" if year is None else str(year)


def _per_year_span(
    left: str, measure: str, kind: str, ctx: _Context, year: int | None, ref: int | None
) -> str:
    """每年布局实施100个攻关项目 among targets, 每年城镇新增就业超10万人 in a plan's review: an amount
    for every year of the plan, so the period is the plan's span (a plan's last year looks ahead
    to the next plan), not one year."""
    if measure != "level" or year is None or not (kind == "target" or ctx.plan):
        return ""
    if not yearly_amount(left):
        return ""
    plan = ctx.plan or _plan_containing(year)
    if plan and plan[1] == year == ref and ctx.plan is None:
        plan = _plan_containing(year + 1)
    return f"{plan[0]}-{plan[1]}" if plan else ""


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
    if kind == "target" and ref is not None and end == _term_end(text[stmt_start:pos], ref):
        return kind, str(end), str(ref - 1)  # 力争三年由7.8平方米提高到13平方米: 2016 → 2018
    plan = ctx.plan if ctx.plan and ctx.plan[0] <= end <= ctx.plan[1] else _plan_containing(end)
    if kind == "actual" and plan and ctx.plan:
        return kind, str(end), str(plan[0] - 1)
    if kind == "target" and plan:
        return kind, str(plan[1]), str(plan[0] - 1)
    return kind, str(end), str(end - 1)
