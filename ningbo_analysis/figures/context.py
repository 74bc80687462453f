"""Where an article places its statements in time before a sentence says so itself: the kind, year
and plan (``_Context``) that a section heading (回顾, 目标), a paragraph's opening (一年来, 五年来, 今后五年,
“十三五”期间) or the document (a work report without a review part) gives; the paragraph openings of an
article (:func:`_paragraph_openings`), the running year of a news article (``_RunningYear``) and
the reader that looks a context up per offset, each opening and heading read once
(``_ContextReader``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ningbo_analysis.corpus.structure import SectionIndex
from ningbo_analysis.figures.cues import _CLAUSE_SPLIT, lexicon
from ningbo_analysis.figures.time_phrases import (
    _NEXT_FIVE_RE,
    _PLAN_GOAL_RE,
    _PLAN_SPAN_RE,
    _SINCE_YEAR_RE,
    _TO_YEAR_RE,
    _YEAR_RE,
    _plan_containing,
    plan_period,
)

# a heading on a line of its own, without a number or an end mark (4 to 30 characters, maybe bold)
_BARE_HEADING = re.compile(r"^(?:\*\*)?([^\n。！？!?；;：:，,*#]{4,30})(?:\*\*)?[ \t]*$", re.M)
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_PARA_SPLIT = re.compile(r"\n| (?<=[。！？!?”] ) *(?=\S)")  # see structure._SENT_END


class _Context(NamedTuple):  # a tuple: made for every figure, twice as fast as a dataclass
    kind: str  # actual | target | ""
    year: int | None  # the year a level refers to
    plan: tuple[int, int] | None  # plan period for avg growth / totals


@cache
def _aims_re() -> re.Pattern[str]:
    """A ``heading_target`` cue as a heading's noun: at its end or before a joiner (主要目标和重点
    任务, 2021年工作安排), not inside a sentence (始终把绿色宜居城市作为第一任务，稳步推进…)."""
    cues = "|".join(map(re.escape, sorted(lexicon().cues["heading_target"], key=len, reverse=True)))
    return re.compile(rf"(?:{cues})(?=$|[和及与、\s”\"*（(]|[的])")


def _names_aims(heading: str) -> bool:
    """Whether a section heading announces aims (targets), not a review's sentence."""
    return lexicon().has("heading_target", heading) and bool(_aims_re().search(heading.strip()))


def _heading_context(heading: str, report_year: int | None) -> _Context:
    lex = lexicon()
    years = [int(y) for y in _YEAR_RE.findall(heading)]
    plan = plan_period(heading)
    if "开局" in heading and report_year is not None and (plan is None or plan[0] == report_year):
        return _Context("target", report_year, None)  # 全力以赴做好“十五五”开局工作: this year's
    if lex.has("heading_review", heading):
        if years:  # "2020年和“十三五”工作回顾": a one-year review; 五年来 paragraphs name the plan
            return _Context("actual", years[0], None)
        if plan is None and report_year is not None and lex.has("cue_review_plan", heading):
            plan = (report_year - 5, report_year - 1)  # 一、过去五年工作回顾: the plan just ended
        return _Context("actual", plan[1] if plan else None, plan)
    if _names_aims(heading):
        if plan and not years:
            return _Context("target", plan[1], plan)
        year = years[0] if years else report_year
        return _Context("target", year, plan)
    return _Context("", None, None)


# 这是民生福祉不断增进的五年: a paragraph of a review opened by what the five years were (never
# what they will be: 将是…的五年, 新的五年)
# a paragraph opening with a year named as the plan's first or last (2011年是“十二五”规划的开局之年,
# 今年是“十三五”收官之年): that year's
_FIRST_YEAR_WORDS = "第一年|开局之年|开局年|起步之年|首年"
_LAST_YEAR_WORDS = "最后一年|收官之年|收官年|决胜之年"
_A_YEAR_OF_THE_PLAN = re.compile(
    r"\s*(?:\*\*)?(?:((?:19|20)\d\d)年|今年)[，,]?(?:是|为)[^，,。]{0,8}?[“\"]?十[一二三四五六七八九]五"
    rf"[”\"]?(?:规划)?的?(?:{_FIRST_YEAR_WORDS}|{_LAST_YEAR_WORDS})"
)
# a paragraph opening with the year just past (刚刚过去的2015年，…; a bare 2012年，… may open a
# summary of a term: 2012年，全市生产总值…是2007年的2.5倍，年均增长16.1%)
_YEAR_OPENING = re.compile(r"\s*(?:\*\*)?(?:刚刚过去的|过去的)((?:19|20)\d\d)年(?:[，,]|$)")
_AN_ERA_RE = re.compile(r"(?<![将会要])是[^，,。；;：:将要]{2,40}(?<![新来后])的五年")


def _paragraph_context(opening: str, report_year: int | None) -> _Context:
    lex = lexicon()
    if report_year is None:
        return _Context("", None, None)
    year_of_plan = _A_YEAR_OF_THE_PLAN.match(opening)
    if year_of_plan:  # 2011年是“十二五”规划的开局之年: that year's, not the plan's
        year = int(year_of_plan.group(1)) if year_of_plan.group(1) else report_year
        return _Context("actual" if year < report_year else "target", year, None)
    named = _named_plan_context(opening, report_year)
    if named is not None:
        return named
    if _NEXT_FIVE_RE.search(opening):  # 今后五年: the report year and the four after it
        return _Context("target", report_year + 4, (report_year, report_year + 4))
    if lex.has("cue_year_target", opening):  # 主要预期目标是：… (no plan named): this year's
        return _Context("target", report_year, None)
    if lex.has("cue_plan_target", opening):  # 《纲要草案》提出…: the plan the report year opens
        plan = _plan_containing(report_year)
        if plan is not None:
            return _Context("target", plan[1], plan)
    if lex.has("cue_review_plan", opening) or _AN_ERA_RE.search(opening):
        end = report_year - 1  # 五年来, 这是民生福祉不断增进的五年: the five years before
        return _Context("actual", end, (end - 4, end))
    if lex.has("cue_review_year", opening):
        return _Context("actual", report_year - 1, None)
    year = _YEAR_OPENING.match(opening)
    if year and int(year.group(1)) < report_year:
        # 刚刚过去的2015年，全市…: that year's, in a review of the plan it ends too
        return _Context("actual", int(year.group(1)), None)
    return _Context("", None, None)


def _times_a_span(opening: str, report_year: int | None) -> bool:
    """Whether a paragraph opening places what follows in a review or a plan's years by a time
    cue (五年来, 过去一年, 今后五年, “十三五”时期, 这是…的五年), not by citing a plan's outline."""
    lex = lexicon()
    return (
        lex.has("cue_review_plan", opening)
        or lex.has("cue_review_year", opening)
        or _NEXT_FIVE_RE.search(opening) is not None
        or _AN_ERA_RE.search(opening) is not None
        or _named_plan_context(opening, report_year) is not None
    )


def _named_plan_context(text: str, report_year: int | None) -> _Context | None:
    """“十三五”期间 / “十四五”时期 / “十三五”发展的主要目标: that plan's years; a review if the
    plan has ended by the report year (a 2020-12 press conference's 十三五 included), a target
    period otherwise."""
    if "五" not in text:  # both patterns name a plan (十X五): most statements do not
        return None
    m = _PLAN_SPAN_RE.search(text) or _PLAN_GOAL_RE.search(text)
    if not m or m.group(1) not in lexicon().plans:
        return None
    start, end = lexicon().plans[m.group(1)]
    kind = "actual" if report_year is None or end <= report_year else "target"
    return _Context(kind, end, (start, end))


@dataclass(frozen=True)
class _Openings:
    """Paragraph openings of an article (:func:`_paragraph_openings`): their start offsets,
    sorted; the first clause of one is read when it is asked for (most paragraphs: never)."""

    text: str
    starts: list[int]

    def index_at(self, pos: int) -> int:
        """Number of the last opening at or before ``pos`` (-1 if none)."""
        return bisect.bisect_right(self.starts, pos) - 1

    def first(self, i: int) -> str:
        """The first clause of opening ``i`` (at most 20 characters when no clause mark follows
        within 80)."""
        s = self.starts[i]
        m = _CLAUSE_SPLIT.search(self.text, s, s + 80)
        return self.text[s : m.start() if m else s + 20]


def _paragraph_openings(text: str) -> _Openings:
    """(start offset, first clause) of every paragraph, and of every sentence opening with a
    review cue (一年来, 五年来 …) or the next five years (未来五年，我们肩负重大责任。全市经济总量
    要迈上万亿台阶), which sets the context of what follows until the next opening."""
    lex = lexicon()
    cues = [*lex.cues["cue_review_plan"], *lex.cues["cue_review_year"], "今后五年", "未来五年"]
    # the end mark is matched (not looked behind for: a literal class lets the regex engine skip
    # to the next candidate at once); the openings are the same ends (各位代表！一年来: the match
    # after ！ would end where the one before it ends)
    cue_re = re.compile(
        r"[。！？!?](?:各位代表[,，!！])?(?=(?:" + "|".join(map(re.escape, cues)) + "))"
    )
    starts = sorted(
        {0}
        | {m.end() for m in _PARA_SPLIT.finditer(text)}
        | {m.end() for m in cue_re.finditer(text)}
    )
    return _Openings(text, starts)


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
        self._lead: dict[int, tuple[_Context, int]] = {}
        self._section_lines: set[int] | None = None
        self._bare: tuple[list[int], list[_Context]] | None = None

    def at(self, pos: int) -> _Context:
        """The context of offset ``pos`` (kind "" when neither places it)."""
        i = self.openings.index_at(pos)
        para = self._paragraph(i)
        if para.kind:
            return para
        for row in self.sections.containing(pos):
            ctx = self._heading.get(row)
            if ctx is None:
                ctx = self._heading[row] = _heading_context(self.sections.heading[row], self.ref)
            if ctx.kind:
                return ctx
            lead, first = self._lead.get(row) or self._lead.setdefault(
                row, self._lead_of_items(row)
            )
            if lead.kind and self._bare_before(pos) <= first:
                return lead  # (a heading line after the first item ends the lead's reach: an
                # item the outline runs on to the end, 2009年工作安排 a line of its own after it)
        return self._bare_heading(pos)

    def _lead_of_items(self, row: int) -> tuple[_Context, int]:
        """The time of the paragraph announcing section ``row`` and its siblings as items (五年来，
        我们…重点抓了以下工作。 right before （一）…（八）, under a heading of the plan and its last
        year, “十三五”时期及2020年工作回顾): its last sentence's, when the line ends announcing
        (``_ANNOUNCES``), else no context; and where the first item starts."""
        sec = self.sections
        outer = sec.containing(sec.start[row])
        floor = sec.start[outer[1]] if len(outer) > 1 else 0
        first = row
        while (
            first > 0 and sec.start[first - 1] >= floor and sec.level[first - 1] >= sec.level[row]
        ):
            first -= 1  # back to the first of the items (a deeper row is inside an item)
        while sec.level[first] != sec.level[row]:
            first += 1
        at = sec.start[first]
        j = self.openings.index_at(at - 1)
        if j < 0 or self.openings.starts[j] < floor:
            return _Context("", None, None), at
        text, start = self.openings.text, self.openings.starts[j]
        end = text.find("\n", start, at)
        line = text[start : end if end >= 0 else at].strip(" *\u3000")
        if not _ANNOUNCES.search(line):
            return _Context("", None, None), at
        last = _SENTENCE_END.split(line.rstrip("。：:"))[-1]
        return _paragraph_context(last, self.ref), at

    def _plan_goal_of_sentence(self, i: int) -> _Context:
        """The plan whose goals the first sentence of paragraph ``i`` announces (a plan named with
        its goals: :func:`_named_plan_context` on ``_PLAN_GOAL_RE``), else no context."""
        text, start = self.openings.text, self.openings.starts[i]
        m = _SENTENCE_END.search(text, start, start + 200)
        sentence = text[start : m.start() if m else start + 200]
        if "五" not in sentence or not _PLAN_GOAL_RE.search(sentence):
            return _Context("", None, None)
        return _named_plan_context(sentence, self.ref) or _Context("", None, None)

    def _plan_of_paragraph(self, j: int) -> _Context:
        """:func:`_plan_context` of the paragraph opening ``j`` starts (up to its line end)."""
        text, start = self.openings.text, self.openings.starts[j]
        end = text.find("\n", start, start + 600)
        return _plan_context(text[start : end if end >= 0 else start + 600], self.ref)

    def _bare_heading(self, pos: int) -> _Context:
        """The context of the last unnumbered heading line before ``pos`` (“十四五”发展及2025年
        主要工作成效, **“十四五”主要目标及2021年工作安排**: a short line of its own without an end
        mark), for reports whose parts carry no 一、 marker."""
        starts, contexts = self._bare_headings()
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or not self._same_part(starts[i], pos):
            return _Context("", None, None)
        return contexts[i]

    def _bare_before(self, pos: int) -> int:
        """Where the last unnumbered heading line before ``pos`` starts (-1 when none); a
        section's own heading line (一、推进经济又好又快发展) is none."""
        starts = self._bare_headings()[0]
        if self._section_lines is None:
            text = self.openings.text
            self._section_lines = {text.rfind("\n", 0, s) + 1 for s in self.sections.start}
        i = bisect.bisect_right(starts, pos) - 1
        while i >= 0 and starts[i] in self._section_lines:
            i -= 1
        return starts[i] if i >= 0 else -1

    def _bare_headings(self) -> tuple[list[int], list[_Context]]:
        """The unnumbered heading lines (their starts) and their contexts, found once."""
        if self._bare is None:
            text = self.openings.text
            found = [(m.start(), m.group(1)) for m in _BARE_HEADING.finditer(text)]
            # a heading of a plan and a year (“十三五”主要目标及2016年工作安排) places its
            # statements in that year: five-year statements carry their own cues
            contexts = [_heading_context(h, self.ref) for _, h in found]
            contexts = [
                c._replace(plan=None) if c.plan and c.year != c.plan[1] else c for c in contexts
            ]
            self._bare = ([p for p, _ in found], contexts)
        return self._bare

    def _same_part(self, heading: int, pos: int) -> bool:
        """Whether offset ``pos`` lies in the numbered part (一、二、…: the outermost section) the
        bare heading at ``heading`` lies in, or the heading in none: a bare heading of part 二
        (**（三）“十三五”时期的重点任务**) does not reach into part 三 (2016年的工作安排). A part
        whose heading runs on into its text (**十、关于基本公共服务。**《规划纲要》提出，…) is an
        item under the bare heading, not a part of its own."""
        outer = self.sections.containing(heading)
        here = self.sections.containing(pos)
        return not outer or outer[-1] in here or (bool(here) and self._runs_on(here[-1]))

    def _runs_on(self, row: int) -> bool:
        """Whether section ``row``'s heading line goes on with text after the heading."""
        text, start = self.openings.text, self.sections.start[row]
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)].strip(" *")
        written = len(self.sections.marker[row]) + len(self.sections.heading[row])
        return len(line) > written + 2

    def _announced(self, i: int) -> _Context:
        """The context of the paragraph that announces paragraph ``i`` among the items after it:
        the nearest one before it, in the same section, ending with a colon (今后五年，我们要重点
        在五个方面实现新突破：), the paragraphs between placing nothing; for an item opening with
        a short title sentence (城市功能品质明显提升。…), also the first paragraph before the items
        that places itself in time (过去五年，是…的五年。); else no context."""
        text, starts = self.openings.text, self.openings.starts
        if _OWN_TIME.search(self.openings.first(i)):
            return _Context("", None, None)  # 2008年，是新一届政府的开局之年: its own year
        titled = _TITLED.match(text, starts[i]) is not None
        sections = self.sections.start
        for j in range(i - 1, max(-1, i - _ITEMS_ANNOUNCED - 1), -1):
            if bisect.bisect_right(sections, starts[i]) != bisect.bisect_right(sections, starts[j]):
                break  # a section starts between them
            end = text.find("\n", starts[j])
            line = text[starts[j] : end if end >= 0 else len(text)].strip()
            if not line:
                continue
            first = self.openings.first(j)
            own = _paragraph_context(first, self.ref)  # not what it took on
            if line.endswith(("：", ":")):
                return own
            if titled and _TITLED.match(line):
                continue  # an item before this one
            if titled and _times_a_span(first, self.ref):
                return own  # the paragraph before the items: 过去五年，是…的五年。
            if own.kind or _OWN_TIME.search(line[:40]) or _HEADING_LINE.fullmatch(line):
                break  # a paragraph placed in time of its own, or a heading, ends the items
        return _Context("", None, None)

    def _first_item(self, i: int) -> int:
        """The paragraph opening the list item ``i`` belongs to: for 二是…十是, the nearest 一是
        before it (paragraphs of the items between are no lead: 二是项目建设成效显著。…\n全力
        支持区域性重大项目建设…), else ``i``."""
        if not _LATER_ORDINAL.match(self.openings.first(i)):
            return i
        for j in range(i - 1, max(-1, i - _ITEMS_ANNOUNCED * 3), -1):
            if _FIRST_ORDINAL.match(self.openings.first(j)):
                return j
        return i

    def _paragraph(self, i: int) -> _Context:
        """The context paragraph ``i`` opens with; an item of a list (——我们要…, 一是…) without
        one of its own takes its list's: that of the paragraph before the list's first item
        (“十四五”时期，我们要……。——我们要聚焦……，力争五年实际投资超6000亿元; 过去五年是……。
        **一是……**城镇新增就业95.5万人)."""
        para = self._opening.get(i)
        if para is None:
            opening = self.openings.first(i) if i >= 0 else ""
            para = _paragraph_context(opening, self.ref)
            if not para.kind and i >= 0:  # 按照上述指导思想，《纲要（草案）》提出了全市“十三五”
                para = self._plan_goal_of_sentence(i)  # 经济社会发展的主要目标:…
            if not para.kind and _is_list_item(opening):
                for j in range(self._first_item(i) - 1, -1, -1):
                    lead = self.openings.first(j)
                    if lead.strip() and not _is_list_item(lead):
                        para = _paragraph_context(lead, self.ref)
                        if not para.kind:  # 站在新的历史起点上，…落实好“十三五”规划蓝图…
                            para = self._plan_of_paragraph(j)
                        break
            if not para.kind and i > 0:
                para = self._announced(i)
            self._opening[i] = para
        return para


# a line announcing the items after it: 重点抓了以下工作。, 主要做了以下几个方面的工作：
_ANNOUNCES = re.compile(r"(?:以下|如下)[^，,。；;]{0,12}[。：:]$|[：:]$")
# how many paragraphs after a colon its announcement reaches (今后五年…五个方面…：)
_ITEMS_ANNOUNCED = 12
# a paragraph opening with its own time (2008年，…; 今年…): no item of an announcement
_OWN_TIME = re.compile(r"(?:19|20)\d\d年|今年|明年|去年|一年来|五年来|过去的?一年|这一年")
# a paragraph opening with a short title sentence (高质量发展迈出坚实步伐。…: a bold title, its
# Markdown gone): an item of the paragraph before the items
_TITLED = re.compile(r"[^，,。；;：:！？!?\d\n]{4,16}。")
# a line without an end mark: a heading (一、立足扩大内需，着力保持经济平稳较快增长)
_HEADING_LINE = re.compile(r"[^。！？!?；;]{1,40}")


# a plan named in a list's lead paragraph: “十三五”规划, “十四五”时期/期间, “十四五”目标
_LEAD_PLAN = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:规划|时期|期间|目标)")
# 二是…十是 opening a paragraph (an item after the first), 一是 (the first)
_LATER_ORDINAL = re.compile(r"\s*(?:\*\*)?[二三四五六七八九十]是")
_FIRST_ORDINAL = re.compile(r"\s*(?:\*\*)?一是")
# ——我们要…, **一是“强”的基础更加稳固…: an item of a dash list or of a 一是/二是 list
# (and 此外/另外/同时…: a paragraph that goes on with the one before)
_LIST_ITEM = re.compile(
    r"\s*(?:\*\*)?(?:——|－－|[一二三四五六七八九十]是|此外|另外|与此同时|同时[，,])"
)


# the plan's first year named right after the plan (规划的第一年, 开局之年): the report's own year
_FIRST_YEAR = re.compile(rf"的?(?:{_FIRST_YEAR_WORDS})")
# and its last year (规划的最后一年, 收官之年): the year the report reviews
_LAST_YEAR = re.compile(rf"的?(?:{_LAST_YEAR_WORDS})")


def _plan_context(text: str, ref: int | None) -> _Context:
    """The plan a list's lead paragraph is about (“十三五”规划蓝图, “十四五”时期): its years, a
    review when it has ended by the report year, else its targets."""
    m = _LEAD_PLAN.search(text)
    if not m or ref is None or m.group(1) not in lexicon().plans:
        return _Context("", None, None)
    start, end = lexicon().plans[m.group(1)]
    if start == ref and _FIRST_YEAR.match(text, m.end()):
        # 今年是全面实施“十二五”规划的第一年…主要预期目标是: this year's tasks, not the plan's
        return _Context("target", ref, None)
    if end == ref - 1 and _LAST_YEAR.match(text, m.end()):
        # 2010年，是“十一五”规划的最后一年。…: that year's review, not the plan's
        return _Context("actual", end, None)
    return _Context("actual" if end < ref else "target", end, (start, end))


def _is_list_item(opening: str) -> bool:
    """Whether a paragraph opens an item of a list whose lead paragraph places it in time."""
    return _LIST_ITEM.match(opening) is not None
