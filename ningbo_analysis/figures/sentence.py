"""Reading one sentence into figures: its quantities that are figures (``candidates``), placed in
time by its paragraph, section, document or running year (:func:`_sentence_figures`), then read in
order (:func:`_read_quantities`): groups and from-to pairs (``groups``), any other quantity on its
own (:func:`_single_figure`) with its predicate (:func:`_predicate`), the name written for it
(:func:`_written_indicator`) and the measure its context gives (:func:`_measure_in_context`)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import NamedTuple

from ningbo_analysis.corpus.structure import cn_small_number
from ningbo_analysis.figures import names
from ningbo_analysis.figures.candidates import _TIME_UNITS, _shift, _skip, _with_ranks
from ningbo_analysis.figures.context import _Context, _ContextReader, _running_year, _RunningYear
from ningbo_analysis.figures.cues import _HAN, _LIST_SEP, _clause_start, lexicon
from ningbo_analysis.figures.figure import FIGURE_KINDS, _Figure, _Sentence
from ningbo_analysis.figures.groups import (
    _distributed,
    _distribution_group,
    _from_to,
    _from_to_figures,
    _from_to_list_figures,
    _from_to_lists,
    _structure_figures,
    _tier_figures,
    q_is_tier,
)
from ningbo_analysis.figures.list_names import _share_modifier
from ningbo_analysis.figures.measures import (
    _done_after,
    _flow_total,
    _growth_after,
    _is_base_change,
    _is_flow,
    _level_mark_floor,
    _measure,
    _names_one_period,
    _plan_change,
    _split_predicate,
)
from ningbo_analysis.figures.names import (
    _RATE_SUFFIX,
    _forward_indicator,
    _growth_rate_name,
    _inherit,
    _meaningful,
    _noun_unit,
    _rank_indicator,
    _share_subject,
    _shared_verb,
    _strip_flow_verb,
)
from ningbo_analysis.figures.periods import _kind_period
from ningbo_analysis.figures.shares import _share_of_units, _spent_share
from ningbo_analysis.figures.time_phrases import _PLAN_SPAN_RE, _since_year
from ningbo_analysis.numbers.parser import parse_quantities
from ningbo_analysis.numbers.quantity import (
    Quantity,
    _replace,  # a Quantity with some fields changed (≈ 5× dataclasses.replace)
)

# A name is a pure function of its text (the lexicons are read once) and a corpus repeats its
# indicator names: the reader remembers the last 16,384 cleaned names and noun phrases
_clean_indicator = lru_cache(maxsize=1 << 14)(names._clean_indicator)
noun_phrase = lru_cache(maxsize=1 << 14)(names.noun_phrase)
_split = lru_cache(maxsize=1 << 14)(_split_predicate)  # so are predicates (增长, 年均增长)

_LIST_TAIL = ("及", "以及", "和", "与")  # a name ending so goes on after the number
# a condition, not a name: 确保现行标准下40.3万农村贫困人口全部脱贫 (the noun follows the number),
# 地方一般公共预算收入在更大规模减税降费的情况下… (the name precedes it)
_CONDITION = re.compile(
    r"(?:在[^，,、；;在]{0,24}|[^，,、；;]{0,4})(?:标准|条件|情况|背景|常态|形势)下$"
)
_SCOPE_LEAD = re.compile(r"^(?:全市|全区|全县|我市|本市|其中|并|同时)+")
_GAP_TO_PLACE = re.compile(r"(?:比|较|高于|低于)(?:全国|全省|全市|国家|省|平均)")
_QUARTER = re.compile(r"(?:由|从)?(?<![前比较])([一二三四1-4])季度的?")
_BASE_PERIOD = re.compile(r"(?:比|较)(?:上年|去年|同期|[一二三四1-4]季度)")
_ADVERBS = tuple(
    "快速 进一步 稳步 持续 大幅 明显 显著 逐步 继续 较快 始终 一直 均 双双 连续 先后 接连".split()
)
_ADVERB_END = re.compile(rf"(?:{'|'.join(_ADVERBS)})+$")
_ADVERB_END_NEEDS = (*_ADVERBS, "\n")  # what a text must end with for _ADVERB_END to match
_RATIO_BASE = re.compile(
    r"(是|为|相当于|达到|达)(?:19|20)\d\d年(?:末|底)?的\s*$"
)  # 是2010年的1.9倍, 达到2010年的三倍


class _Slot(NamedTuple):  # NamedTuples: made for every quantity, twice as fast as dataclasses
    """A quantity of a sentence and what is written before it: its clause starts at ``clause0``,
    the quantity before it ends at ``prev_end``, and ``left`` = ``text[left_start:q.start]`` (from
    the later of the two) is what names it."""

    q: Quantity
    clause0: int
    prev_end: int
    left_start: int
    left: str


class _Predicate(NamedTuple):
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
    found = parse_quantities(sentence)
    if not found and "首位" not in sentence:
        return []  # no number and no 居…首位 (most sentences): no figure
    quantities = [
        _shift(q, s_start)
        for q in _with_ranks(sentence, [_top_n(sentence, q) for q in found])
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


_TOP_N_VERB = re.compile(r"(?:稳居|位居|跻身|迈入|进入|挺进|保持|居)[^，,。；;：:]{0,10}[“\"]?$")


def _top_n(sentence: str, q: Quantity) -> Quantity:
    """跻身全国十强, 迈入全国城市二十强, 稳居省会城市“十强”: a place among the first N is a rank
    of at most N (``N强`` is otherwise a name: 中国企业500强)."""
    if q.kind != "name" or q.unit != "强":
        return q
    if not _TOP_N_VERB.search(sentence[max(0, q.start - 14) : q.start]):
        return q
    return _replace(q, kind="rank", unit="位", qualifier="at_most")


def _read_quantities(sent: _Sentence, quantities: list[Quantity]) -> list[_Figure]:
    """Figures of a sentence's quantities, in order: a 分别 group gives one per name, a 由X提高到Y
    pair a base and an end level, any other quantity at most one figure."""
    out: list[_Figure] = []
    pair_before = 0  # size of the 分别 group the figures so far end with (0: none)
    i = 0
    while i < len(quantities):
        slot = _slot(sent, quantities, i)
        parts, used = _structure_figures(sent, quantities, i, slot.clause0)
        if used:
            out.extend(parts)
            pair_before = 0
            i += used
            continue
        group = _distribution_group(sent.text, quantities, i, pair_before)
        if len(group) > 1:
            figures = _distributed(sent, group, slot.clause0, out)
            k = len(group)
            lists = _from_to_lists(sent.text, quantities, i, k) if len(figures) == k else None
            if lists is not None:  # 分别从A、B增加到C、D
                out.extend(
                    _from_to_list_figures(sent, figures, quantities[i + k : i + 2 * k], lists)
                )
                pair_before, i = k, i + 2 * k
                continue
            out.extend(figures)
            pair_before = k if len(figures) == k else 0
            i += k
            continue
        pair_before = 0
        pair = _from_to(sent.text, quantities, i)
        if pair is not None:
            pair_figures = _from_to_figures(sent, pair, slot.clause0, out)
            if pair_figures and not pair_figures[0].indicator:
                # 生产总值跨越四个千亿元台阶，从5666亿元增加到9300亿元: the subject of the clause
                # before, which holds no number of its own
                subject = _statement_subject(sent, pair.base.start)
                pair_figures = [replace(f, indicator=subject) for f in pair_figures]
            out.extend(pair_figures)
            i += 2
            continue
        tier = _tier_figures(sent, slot.q, slot.left) if q_is_tier(slot.q) else None
        if tier is not None:
            out.extend(tier)
            i += 1
            continue
        figure = _single_figure(sent, slot, out)
        if figure is not None:
            out.extend(_shared_multiple(figure, slot.left))
        i += 1
    return out


def _slot(sent: _Sentence, quantities: list[Quantity], i: int) -> _Slot:
    """Quantity ``i`` of a sentence with where its clause starts and what is written before it."""
    q = quantities[i]
    clause0 = _clause_start(sent.text, q.start, sent.start)
    prev_end = quantities[i - 1].end if i > 0 else sent.start
    left_start = max(clause0, prev_end)
    return _Slot(q, clause0, prev_end, left_start, sent.text[left_start : q.start])


def _single_figure(sent: _Sentence, slot: _Slot, previous: list[_Figure]) -> _Figure | None:
    """The figure of a quantity read on its own, or None when it is not one."""
    q = slot.q
    pred = _predicate(sent, slot)
    indicator = _written_indicator(sent, slot, pred, previous)
    if indicator is None:
        return None
    inherited_growth = False
    if indicator in _MODAL_ONLY:
        indicator = ""  # 预计达1.2万亿元: an estimate of what the statement is about
    if not indicator:
        if q.unit in _TIME_UNITS:
            return None  # 五年 / 23天 as a time phrase, not a figure of the previous indicator
        indicator = _inherit(previous) or _statement_subject(sent, q.start)
        inherited_growth = bool(previous) and previous[-1].measure == "growth"
        moved = pred.verb in lexicon().cues["verb_up"] + lexicon().cues["verb_down"]
        total = "累计" in pred.mods + pred.verb or pred.np_raw.strip("、，, ").startswith("累计")
        if total and not moved:  # 新增…1200家，累计达到5000家 (…789户、累计突破3300户): the stock
            # (…提高到6733.79亿元，累计增长40.6%: a change over the period, not a stock)
            indicator = _strip_flow_verb(indicator)
            pred = pred._replace(mods=pred.mods.replace("累计", ""))
    avg_rate = bool(_AVG_RATE.search(indicator))  # 地区生产总值年均增速达到6.4%
    indicator, rate_name = _growth_rate_name(indicator)
    indicator = _share_subject(indicator, previous)
    indicator = _elliptic_subject(indicator, previous)
    indicator = _facility_owner(sent, slot, indicator)
    if q.unit == "" and q.kind == "amount":
        unit = _noun_unit(indicator)
        if not unit and not indicator.endswith("指数"):  # an index has no unit (指数达到92)
            return None
        q = _replace(q, unit=unit)
    measure, sign = _measure(pred.verb, pred.mods, q.unit, indicator, q.kind)
    if measure == "level" and q.unit == "%" and (rate_name or inherited_growth):
        # 经济增速…回升到二季度的5.1%: a growth rate's level is a growth (an average for 年均增速)
        measure = "avg_growth" if avg_rate and rate_name else "growth"
    measure, indicator = _measure_in_context(sent, slot, pred, measure, indicator, previous)
    kind, period = _kind_period(
        sent.text, sent.stmt_start, q.start, measure, pred.mods, sent.ctx, sent.ref
    )
    if kind == "target" and sent.ref is not None and _existing_stock(slot.left):
        kind, period = "actual", str(sent.ref - 1)  # 在现有171个中心基础上, 新建10个: the stock
    quarter = _QUARTER.search(slot.left) if "季度" in slot.left else None
    if quarter and period.isdigit():
        period = f"{period}-Q{cn_small_number(quarter.group(1))}"  # 一季度的-7% → 2020-Q1
    value = q.value * sign if measure in ("growth", "change", "avg_growth") else q.value
    qualifier = q.qualifier
    if not qualifier and measure == "level" and _level_mark_floor(sent.text, q, sent.end):
        qualifier = "at_least"
    if not indicator or _counts_its_list(indicator, q, sent.text):
        return None
    if _names_its_list(indicator, q, sent.text):
        # 延寿、木兰、巴彦3个贫困县全部摘帽: the count is of the noun after it (贫困县), whose
        # members the list names
        indicator = _forward_indicator(sent.text, q, sent.end) or indicator
    if q.unit in lexicon().cues.get("record_unit", ()):
        # a record (“十连冠”) is a figure as a plan's target or in a plan's review (what a
        # scorecard reads), not as one more honour of a year (tests/data/README.md)
        if kind == "actual" and not sent.ctx.plan:
            return None
        indicator = _record_title(indicator)
    return _Figure(
        q, indicator, measure, kind, period, value, q.unit, qualifier, sent.start, sent.end
    )


def _goes_on_without_verb(
    text: str, slot: _Slot, pred: _Predicate, previous: list[_Figure]
) -> bool:
    """A clause of a name and a number only (no verb, no modifier), right after a clause whose total
    ends with a number in the same unit: the total goes on (累计完成外贸进出口总额206.82亿美元，
    实际利用外资78.25亿美元: both five-year totals)."""
    if pred.verb or pred.mods or not previous or previous[-1].measure != "cumulative":
        return False
    before = previous[-1]
    if before.unit != slot.q.unit or before.q.end != slot.prev_end or _is_flow(pred.np_raw):
        return False  # 新成立民办医院44家: a verb of its own
    if not slot.q.raw[:1].isdigit():
        return False  # 一般公共预算收入突破200亿元: a verb of its own, the level passed
    if not text.startswith(("，", ","), slot.prev_end):
        return False
    between = text[slot.prev_end : slot.q.start]
    if _names_one_period(between):
        return False  # 累计…3000亿元，2020年1000亿元; 其中2020年12万人: one year's part (其中城镇
        # 115万人 is a part of the total: a total too)
    # the clause of the total, looked for within 60 characters only
    opening = _clause_start(text, before.q.start, max(0, before.q.start - 60))
    return "累计" in text[opening : before.q.start]


#: cue roles whose words make a facility's name a clause (提升港口, 预计全年完成海港)
_NOT_IN_AN_OWNER = (
    "np_strip_verb",
    "np_strip_time",
    "verb_up",
    "verb_to_level",
    "report_verb",
    "rank_scope",
    "flow_verb",
)
_NOT_A_PORT = ("香港", "粤港")
_NOT_A_FACILITY = (
    *("位居", "居", "入选", "打好", "开通", "增强", "提升"),
    *("对接", "融入", "依托", "借助", "联通"),  # 对接香港国际机场: another place's airport
)


@cache
def _facility_re() -> re.Pattern[str]:
    """A clause opening with a facility: up to 8 characters, then a ``facility_head`` cue."""
    heads = sorted(lexicon().cues.get("facility_head", ()), key=len, reverse=True)
    if not heads:
        return re.compile(r"(?!)")  # no facility named: never an owner
    return re.compile(rf"[\u4e00-\u9fff]{{0,8}}(?:{'|'.join(map(re.escape, heads))})")


def _facility_owner(sent: _Sentence, slot: _Slot, indicator: str) -> str:
    """A facility's measure written alone (``owned_measure`` cues: 旅客吞吐量) after a clause of
    its sentence that opens with the facility (``facility_head`` cues): 长乐国际机场定位为超大型机场，
    旅客吞吐量突破1600万人次 → 长乐国际机场旅客吞吐量."""
    cues = lexicon().cues
    if indicator not in cues.get("owned_measure", ()):
        return indicator
    text, start = sent.text, sent.stmt_start
    end = start + len(text[start : slot.clause0].rstrip("，,；; "))  # the clause before this one
    opening = text[_clause_start(text, end, start) : end]
    opening = _NICKNAME.sub("", opening, count=1)  # “850+”城市轨道交通成网计划…
    found = _facility_re().match(opening)
    if not found:
        return indicator
    if found.group(0).endswith(_NOT_A_PORT) or opening.startswith("澳", found.end()):
        return indicator  # 香港, 粤港澳: places, not a port
    owner = _clean_indicator(found.group(0))  # 全市港口 → 港口: a scope cut, no verb
    if noun_phrase(owner) != owner:
        return indicator  # 实施天津机场, 积极融入…: a verb before it, not the clause's subject
    if len(owner) < 2 or any(lexicon().has(role, owner) for role in _NOT_IN_AN_OWNER):
        return indicator  # 提升港口, 位居世界港口: a verb or a scope, not the facility's name
    if any(word in owner for word in _NOT_A_FACILITY):
        return indicator
    return owner + indicator


def _record_title(indicator: str) -> str:
    """The title a record is of: the last of a list (…示范市、全国双拥模范城“十连冠”), without the
    verbs around it (高分夺得全国文明城市, 平安余姚建设有望获得: ``record_verb`` cues)."""
    title = indicator.rsplit("、", 1)[-1]
    for verb in lexicon().cues.get("record_verb", ()):
        head, found, tail = title.rpartition(verb)
        if found:
            title = tail if len(tail) >= 2 else head
    return title or indicator


def _counts_its_list(indicator: str, q: Quantity, text: str) -> bool:
    """单位地区生产总值能源消耗、…、地表水…比例4项。: a count of the items its own name lists,
    not an indicator (延寿、木兰、巴彦3个贫困县全部摘帽 names what it counts after it: kept)."""
    return _as_many_as_listed(indicator, q) and not _HAN.match(text, q.end)


def _names_its_list(indicator: str, q: Quantity, text: str) -> bool:
    """延寿、木兰、巴彦3个贫困县: a count of as many things as its name lists, with a noun after
    it (what the listed things are)."""
    return _as_many_as_listed(indicator, q) and bool(_HAN.match(text, q.end))


def _as_many_as_listed(indicator: str, q: Quantity) -> bool:
    """A count (个, 项 …) equal to the number of items its name lists (A、B和C)."""
    if "、" not in indicator or q.unit not in _LIST_COUNT_UNITS:
        return False
    return q.value == len([i for i in _ITEMS.split(indicator) if i])


_DURATION_ONLY = re.compile(r"^(?:近|这|过去)?[0-9一二三四五六七八九十两]{1,2}年(?:来|间|里)?$")
_AVG_RATE = re.compile(r"(?:年均|年平均|平均)(?:增速|增幅|增长率|增长速度)$")
# 均超6%, 都达到, 双双突破 (not 年均, 平均, 人均); 分别 before one number: each item has it
_EACH = re.compile(r"(?<![年平人])均|都|分别|双双")
_ITEMS = re.compile(r"[、和及与]")
_ITEMS_JOIN = re.compile(r"[和及与]")
_LIST_COUNT_UNITS = frozenset(("个", "项", "家", "所", "条", "座", "县", "区"))
_BOTH = re.compile(r"^([^和及与、]{2,})(?:和|及|与)([^和及与、]{2,})$")
_PER_UNIT_LEAD = re.compile(r"(?:单位|万元)(?:地区)?(?:生产总值|GDP)")
_LIST_OF_INDICATORS = re.compile(r"(?:等[\u4e00-\u9fff]{0,4}?指标|等)?(?:实现|达到)?$")


_MODAL_ONLY = frozenset(("预计", "预期", "估计"))
# 力争五年…, 五年内…, 今后五年累计…: a sum over the five years written before its name
_FIVE_YEAR_LEAD = re.compile(
    r"[，,、\s]*(?:力争|确保|争取|努力|计划)?(?:今后|未来)?五年(?:内|间|累计|共)?(?!来|前|后)"
)
_DIGIT = re.compile(r"[0-9０-９]")
_CLAUSE_MARKS = re.compile(r"[，,；;：:]")


def _shares_the_average(
    measure: str, pred: _Predicate, slot: _Slot, previous: list[_Figure], ctx: _Context
) -> bool:
    """A plan's 增长N% right after an average growth of the same statement, of a like size and
    with no 累计 or base of its own, is an average too (生产总值年均增长7.5%左右，城乡居民人均可支配
    收入增长7.5%以上); a fall (能耗下降16%) or a rise of another size stays a change."""
    if measure != "change" or ctx.kind != "target" or slot.q.unit != "%" or not previous:
        return False
    before = previous[-1]
    if before.measure != "avg_growth" or before.q.end < slot.clause0 - 40 or pred.verb != "增长":
        return False
    alike = 0 < before.value and 0.5 <= slot.q.value / before.value <= 2
    return (
        alike
        and "累计" not in pred.mods
        and not _is_base_change(pred.mods)
        and "比" not in slot.left
    )


def _statement_subject(sent: _Sentence, pos: int) -> str:
    """The subject of the clause before a figure's when it holds no number (五年来，生产总值突破
    万亿大关，预计达1.2万亿元: 生产总值), for a figure written without a name of its own; else ""."""
    text = sent.text
    first = _clause_start(text, pos, sent.stmt_start)
    if first <= sent.stmt_start:
        return ""
    clause = _CLAUSE_MARKS.split(text[sent.stmt_start : first].rstrip("，,；; "))[-1]
    if _DIGIT.search(clause):
        return ""
    cues = lexicon().cues
    verbs = (*cues["verb_to_level"], *cues["verb_up"], *cues["verb_down"])
    at = min((i for i in (clause.find(v) for v in verbs) if i > 1), default=-1)
    if at < 0:
        return ""
    subject = _clean_indicator(clause[:at])
    return subject if len(subject) >= 2 and noun_phrase(subject) else ""


def _list_items(text: str) -> list[str]:
    """The items of a list of names: split at 、, and at 和/及/与 only where both sides are names
    of four characters or more (研究与试验发展投入 is one name; 高新技术企业数和技术交易额 two).

    >>> _list_items("高新技术企业数和技术交易额、研究与试验发展（R&D）投入")
    ['高新技术企业数', '技术交易额', '研究与试验发展（R&D）投入']
    """
    items: list[str] = []
    for part in (p for p in text.split("、") if p):
        pieces = [x for x in _ITEMS.split(part) if x]
        items.extend(pieces if all(len(x) >= 4 for x in pieces) else [part])
    return items


def _shared_multiple(figure: _Figure, left: str = "") -> list[_Figure]:
    """One figure said of several things at once, one figure for each: a multiple
    (地区生产总值和城乡居民人均收入比2010年翻一番) or a number after 均/都 (地区生产总值、一般公共
    预算收入年均增长均超6%); any other figure as it is."""
    if figure.measure == "change" and figure.unit == "倍":
        both = _BOTH.match(figure.indicator)
        if both:
            return [replace(figure, indicator=both.group(i)) for i in (1, 2)]
        # 高新技术企业数量、全社会研发投入、技术交易合同额等指标实现“倍增”: each item doubles
        items = _list_items(_LIST_OF_INDICATORS.sub("", figure.indicator))
        if "、" in figure.indicator and len(items) > 1 and all(len(i) >= 2 for i in items):
            return [replace(figure, indicator=i) for i in items]
    listed = "、" in figure.indicator and "等" not in figure.indicator  # 等: a shared head follows
    if listed and figure.measure == "change" and _PER_UNIT_LEAD.match(figure.indicator):
        # 万元GDP建设用地面积、用水量、煤炭消耗下降15%: every intensity of the list falls by it
        items = [i for i in _ITEMS.split(figure.indicator) if i]
        if len(items) > 1 and all(len(i) >= 2 for i in items):
            return [replace(figure, indicator=i) for i in _share_modifier(items)]
    if listed and figure.measure != "rank" and _EACH.search(left, max(0, len(left) - 8)):
        items = [i for i in _ITEMS.split(figure.indicator) if i]
        if len(items) > 1 and all(len(i) >= 4 for i in items):
            # 城乡居民基本养老、基本医疗保险参保率均达98%: the items share the last one's tail
            return [replace(figure, indicator=i) for i in _share_modifier(items)]
    if figure.measure == "rank":
        return [figure]
    if "、" not in figure.indicator and _EACH.search(left, max(0, len(left) - 8)):
        # 污水集中处理率和生活垃圾无害化处理率均达到90%: each name ending as the last one does once
        # they share its modifier (else one collective name: 人大代表建议和政协委员提案办结率均达
        # 100%); without 均 two things' growth may be their sum's (新注册个体工商户和私营企业5.3万户，
        # 增长40.6%)
        names = _share_modifier(_two_names(figure.indicator) or [figure.indicator])
        if len(names) == 2 and names[0][-1:] == names[1][-1:]:
            return [replace(figure, indicator=i) for i in names]
    if figure.unit == "%" and figure.value == 100 and figure.measure == "level":
        # a rate of 100% pooled over distinct things is each one's (国控、省控河流断面水质和县级以上
        # 集中式饮用水水源地水质达标率稳定保持在100%); not over grades of one scale (满意和基本满意率)
        names = _pooled_rates(figure.indicator)
        if names:
            return [replace(figure, indicator=i) for i in names]
    return [figure]


def _two_names(indicator: str) -> list[str] | None:
    """The two names of ``A和B`` (及, 与), each of four characters or more; A may list modifiers
    (国控、省控河流断面水质和…): None for one name (研究与试验发展经费), a longer list, or 等."""
    parts = _ITEMS_JOIN.split(indicator)
    if len(parts) != 2 or "等" in indicator or "、" in parts[1]:
        return None
    return parts if all(len(p) >= 4 for p in parts) else None


def _pooled_rates(indicator: str) -> list[str]:
    """The rates a name of several lists (行政村客运通达率、邮政快递覆盖率和自然村宽带覆盖率: each a
    whole name; 国控、省控河流断面水质和…水质达标率: two names sharing the tail), each ending in 率;
    [] for one name, names that are no rates, or a grade after another (基本满意率)."""
    items = [i for i in _ITEMS.split(indicator) if i]
    if len(items) < 2 or not all(len(i) >= 4 for i in items):
        items = _two_names(indicator) or []
    names = _share_modifier(items) if len(items) > 1 else []
    grades = lexicon().cues.get("grade_lead", ())
    if not names or any(not n.endswith("率") or n.startswith(grades) for n in names):
        return []
    return names


def _elliptic_subject(indicator: str, previous: list[_Figure]) -> str:
    """A measure written alone (``elliptic_head`` cues: 增加值) right after another measure of a
    subject in the sentence takes that subject: 规模以上工业总产值突破万亿元，增加值年均增长8% →
    规模以上工业增加值."""
    heads = lexicon().cues.get("elliptic_head", ())
    if previous and indicator in lexicon().cues.get("elliptic_total", ()):
        # 生产总值年均增长11%左右，总量突破5000亿元: its level; 新设市场主体近19万户，总量增长
        # 8.3%: the stock the flow adds to (市场主体)
        return _strip_flow_verb(previous[-1].indicator)
    if indicator not in heads or not previous:
        return indicator
    before = previous[-1].indicator
    for head in sorted(heads, key=len, reverse=True):
        if before.endswith(head) and before != head and head != indicator:
            return before[: -len(head)] + indicator
    return indicator


def _existing_stock(left: str) -> bool:
    """A number right after 现有 / 已有 (``stock_lead`` cues): what exists when the text is written."""
    return left.rstrip(" 的").endswith(lexicon().cues["stock_lead"])


def _predicate(sent: _Sentence, slot: _Slot) -> _Predicate:
    """The predicate before a quantity, without a quarter (一季度的), a base period (比上年) or a
    ratio's base year (是2010年的); a growth word after a percent (2%左右的增幅) is its verb, and a
    clause opening with 累计 (or 五年) makes the figure a total."""
    lex = lexicon()
    text = sent.text
    bare = slot.left  # each pattern is tried only when its key character is there
    if "比" in bare or "较" in bare:
        bare = _BASE_PERIOD.sub("", bare)
    if "季度" in bare:
        bare = _QUARTER.sub("", bare)
    if "年" in bare:
        bare = _RATIO_BASE.sub(r"\1", bare)
    np_raw, mods, verb = _split(bare)
    if verb not in lex.cues["verb_up"] + lex.cues["verb_down"] and _growth_after(text, slot.q):
        verb = "增长"  # 保持每年2%左右的增幅: read as 每年增长2%左右
    scoped = _SCOPE_LEAD.sub("", np_raw)
    cumulative = lex.cues["mod_cumulative"]
    cumulative_lead = text[slot.clause0 : slot.left_start].startswith(cumulative) or (
        scoped.startswith(cumulative)
    )
    if cumulative_lead and "累计" not in mods and "五年" not in mods:
        mods = mods + "累计"
    elif not mods and verb in _BOUND_VERBS and _in_five_year_list(sent, slot):
        mods = "五年"
    return _Predicate(np_raw, mods, verb)


# a name that is only a nickname in quotes (“一环八线”)
_NICKNAME = re.compile(r"[“\"][^”\"]{1,12}[”\"]")
#: Verbs of a total's bound (超6000亿元, 突破…): a level is 达到/提高到 it.
_BOUND_VERBS = ("超", "超过", "突破", "逾", "")
# 力争五年实际投资超6000亿元: a clause opening with the five years (not 五年来/五年间, a review)
_FIVE_YEAR_RUN = re.compile(r"\s*(?:力争|确保|计划|争取)?(?:今后|未来)?五年(?![来间前])")


def _in_five_year_list(sent: _Sentence, slot: _Slot) -> bool:
    """Whether an amount's clause goes on a run of amount clauses that a clause opening with
    五年 leads: 力争五年实际投资超6000亿元，进出口总额超7万亿元，外企出口产品转内销超2.5万亿元 —
    three five-year totals. Only amounts (not rates, shares or multiples)."""
    if (
        slot.q.unit in ("%", "％", "‰", "倍", "个百分点")
        or "五年" not in sent.text[sent.stmt_start : slot.clause0]
    ):
        return False
    clauses = _CLAUSE_MARKS.split(sent.text[sent.stmt_start : slot.clause0])
    for clause in reversed(clauses[:-1] if clauses and not clauses[-1].strip() else clauses):
        if not _DIGIT.search(clause):
            return False  # the run of amounts is broken
        if _FIVE_YEAR_RUN.match(clause):
            return True
    return False


def _written_indicator(
    sent: _Sentence, slot: _Slot, pred: _Predicate, previous: list[_Figure]
) -> str | None:
    """The name written for a quantity: before it (全市地区生产总值达到…), the thing ranked (工业经济总量
    稳居全省第三), or after a count (10个民生实事项目圆满完成). "" when none is written (the name is
    the one before), None when the quantity is no figure (比全国高0.4个百分点, or a verb whose noun
    is not found: 力争建成3个…)."""
    text, q = sent.text, slot.q
    np_raw = pred.np_raw
    if np_raw.endswith(_ADVERB_END_NEEDS):  # most names: no regex tried
        np_raw = _ADVERB_END.sub("", np_raw)
    indicator = _clean_indicator(np_raw)
    if _RATE_SUFFIX.fullmatch(indicator):
        indicator = ""  # 全年增速比一季度回升10.3个百分点: the rate of the indicator before
    if _meaningful(noun_phrase(indicator)) == 1 or _DURATION_ONLY.match(indicator):
        indicator = ""  # 1个月内提高到…, 两年平均增速, 5年年均增长: a fragment, not a name
    if _GAP_TO_PLACE.match(indicator):
        return None  # 比全国高0.4个百分点: a gap to another place, not a figure of this region
    if _NICKNAME.fullmatch(noun_phrase(np_raw.strip())):
        # 建成“一环八线”415公里城市轨道交通网: a nickname, then the noun measured after the number
        return _forward_indicator(text, q, sent.end) or indicator
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
    condition = _CONDITION.search(indicator) if indicator.endswith("下") else None
    if condition:
        head = indicator[: condition.start()]
        if _meaningful(noun_phrase(head)) < 2:
            return _forward_indicator(text, q, sent.end) or None
        indicator = head
    if indicator.endswith(_LIST_TAIL):
        # 两县及6个挂牌督战村: the list goes on with the number, whose noun follows it
        return _forward_indicator(text, q, sent.end) or None
    if indicator.endswith("等") and q.unit in _LIST_COUNT_UNITS:
        # 推进中科大先研院等10个以上新型协同创新平台建设: examples, then the count of its noun
        return _forward_indicator(text, q, sent.end) or indicator
    cues = lexicon().cues
    if (
        q.unit == "%"
        and text.startswith("的", q.end)
        and pred.verb not in cues["verb_up"] + cues["verb_down"]  # 增长10%以上的企业: a criterion
    ):
        share = _share_of_units(text, q, sent.end, indicator)
        if share:
            return share
    if q.unit == "%":
        spent = _spent_share(text, q, sent.end, indicator)
        if spent:
            return spent  # 一般公共预算支出七成以上投入民生领域: 民生支出占一般公共预算支出比重
    if not indicator:
        return _forward_indicator(text, q, sent.end)
    if indicator in cues.get("count_verb", ()):  # 发展5家以上…电商企业: the noun, without the verb
        return _forward_indicator(text, q, sent.end) or None
    if (
        indicator in cues["flow_verb"]
        or indicator in cues["attributive_lead"]
        or not noun_phrase(indicator)
    ):
        # 力争建成3个高能级平台, 每年布局实施100个攻关项目, 省定41件…事项: the noun follows
        forward = _forward_indicator(text, q, sent.end)
        return indicator + forward if forward else None
    return indicator


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
    left = text[sent.stmt_start : start]
    measure = _flow_total(measure, pred.np_raw.strip("、，, ") or indicator, ctx, left)
    if measure == "level" and slot.q.unit not in ("%", "") and _FIVE_YEAR_LEAD.match(pred.np_raw):
        measure = "cumulative"  # 力争五年实际投资超6000亿元: a total over the five years
    if (
        measure == "level"
        and ctx.kind == "actual"
        and ctx.plan
        and _done_after(text, slot.q, sent.end)
    ):
        measure = "cumulative"  # 五年来…132所学校完成新建: a total over the plan
    measure = _plan_change(measure, pred.verb, pred.mods, text[sent.stmt_start : start], ctx)
    if _shares_the_average(measure, pred, slot, previous, ctx):
        measure = "avg_growth"  # 生产总值年均增长7.5%左右，城乡居民人均可支配收入增长7.5%以上
    listed = text[slot.prev_end : slot.left_start].strip() == "" and slot.left.startswith("、")
    if listed and slot.left.lstrip("、").startswith("累计"):
        listed = False  # 新增…789户、累计突破3300户: the stock after the flow, not a list item
    if listed and previous and previous[-1].measure == "cumulative" and measure == "level":
        measure = "cumulative"  # 建成示范县5个、示范乡镇55个: the list shares its verb
    elif measure == "level" and _goes_on_without_verb(text, slot, pred, previous):
        measure = "cumulative"  # 累计完成外贸进出口总额206.82亿美元，实际利用外资78.25亿美元
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
