"""Quantities read together rather than one by one: a 分别 group, or a list of as many names as
numbers, gives one figure per named item, and a nameless list right after such a group is split
over the same items (:func:`_distribution_group`, :func:`_distributed`); a 由X提高到Y /
从2015年的X增加到2020年的Y pair gives a base level and an end level (:func:`_from_to`,
:func:`_from_to_figures`), a peak (从最高4.1%下降到…) having no base year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ningbo_analysis.figures.cues import _clause_start, lexicon
from ningbo_analysis.figures.figure import _Figure, _Sentence
from ningbo_analysis.figures.list_names import _expand_collective, _share_modifier, _split_list
from ningbo_analysis.figures.measures import _flow_total, _measure, _plan_change, _split_predicate
from ningbo_analysis.figures.names import _clean_indicator, _inherit, _noun_unit, _share_subject
from ningbo_analysis.figures.periods import _kind_period, _periods_from_to
from ningbo_analysis.numbers.quantity import (
    Quantity,
    _replace,  # a Quantity with some fields changed (≈ 5× dataclasses.replace)
)

# the rate of every item of a list: (年均)增速, 增幅, 增长率 written after the last item
_LIST_RATE = re.compile(r"(年均|年平均|平均)?(?:增速|增幅|增长率|增长速度)$")
# 分别占到生产总值的…: what every item of the list is a share of
_EACH_SHARE = re.compile(
    r"(?:占到|占了|占)([\u4e00-\u9fff]{2,12}?)的?(?:比重|比例)?(?:分别)?(?:达到|达|为|超过)?"
)
_LIST_JOIN = re.compile(r"\s*[、和及与,，]\s*")
_RANK_FROM = r"(?:由|从)[^，,。；;由从]{0,6}$"
# 2019年和2020年分别…: the years are the list (收入于2019年前分别达到X和Y is not)
_YEARS_LISTED = re.compile(r"(?:19|20)\d\d年[和、及与](?:19|20)\d\d年")
# 由45.9%…, 从2015年的6500亿元…, 从人均9.1万元… (the year and 人均 belong to the base, not the name)
# 由“十二五”末的17.1%…: the end of a plan is the base year too
_FROM_LEAD = re.compile(
    r"(?:由|从)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?|[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期)?末的?)?"
    r"(?:人均|每人)?\s*$"
)
_TO_BETWEEN = re.compile(
    r"\s*([\u4e00-\u9fff]{0,3}?)(?:到|至)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?)?(?:人均|每人)?\s*"
)


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
    kind, end_period, base_period = _pair_periods(sent, pair)
    if _is_peak(qa, pair.verb, sent.text[qa.end : qb.start]):
        # 从最高4.1%下降到0.97%: a peak of no stated year (not a base year), and 最高 is no bound
        # (由最高30万元提高到50万元 is a cap raised: left as it is)
        base_period = ""
        qa = _replace(qa, qualifier="")
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


def _pair_periods(sent: _Sentence, pair: _FromTo) -> tuple[str, str, str]:
    """Kind, end period and base period of a from-to pair: its statement's, unless the pair names
    its years (由2020年的4.76万亿元增加到2025年的…)."""
    kind, end_period, base_period = _periods_from_to(
        sent.text, sent.stmt_start, pair.base.start, sent.ctx, sent.ref
    )
    base_period = pair.base_year or base_period
    if pair.end_year:
        end_period = pair.end_year
        if sent.ref is not None:
            kind = "actual" if int(pair.end_year) < sent.ref else "target"
    return kind, end_period, base_period


def _from_to_lists(text: str, qs: list[Quantity], i: int, k: int) -> _FromTo | None:
    """分别从29661元、10391元增加到43364元、16117元: the ``k`` quantities from ``i`` (a 分别 group)
    are base levels when 从/由 leads them and a to-phrase then ``k`` listed quantities follow (the
    end levels, item by item); the pair of the first items (its years are every item's), else
    None."""
    if i + 2 * k > len(qs):
        return None
    first, ends = qs[i], qs[i + k : i + 2 * k]
    lead = _FROM_LEAD.search(text[max(0, first.start - 14) : first.start])
    to = _TO_BETWEEN.fullmatch(text[qs[i + k - 1].end : ends[0].start]) if lead else None
    if to is None or not all(
        _LIST_JOIN.fullmatch(text[a.end : b.start]) for a, b in pairwise(ends)
    ):
        return None
    base_year = lead.group(1) or ""
    return _FromTo(first, ends[0], to.group(1), base_year, to.group(2) or "")


def _from_to_list_figures(
    sent: _Sentence, bases: list[_Figure], ends: list[Quantity], pair: _FromTo
) -> list[_Figure]:
    """The base and end levels of :func:`_from_to_lists`, named as the base group was."""
    kind, end_period, base_period = _pair_periods(sent, pair)
    out = []
    for period, k, qs in ((base_period, "actual", [f.q for f in bases]), (end_period, kind, ends)):
        for q, f in zip(qs, bases, strict=True):
            measure, _ = _measure("", "", q.unit, f.indicator, q.kind)
            out.append(
                _Figure(
                    q,
                    f.indicator,
                    measure,
                    k,
                    period,
                    q.value,
                    q.unit,
                    q.qualifier,
                    sent.start,
                    sent.end,
                )
            )
    return out


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
    base_year = ""
    if qa.kind != "rank" and lead.group(1):
        base_year = lead.group(1)
    elif qa.kind != "rank" and lead.group(2) in lexicon().plans:  # 由“十二五”末的…: 2015
        base_year = str(lexicon().plans[lead.group(2)][1])
    return _FromTo(qa, qb, m.group(1), base_year, m.group(2) or "")


def _distribution_group(
    text: str, qs: list[Quantity], i: int, pair_before: int = 0
) -> list[Quantity]:
    """Quantities i, i+1, … joined only by 、/和/及/与 and governed by 分别 (before the first), or
    written without a name right after a group of as many (``pair_before``) the sentence has just
    distributed: 城镇、农村居民…分别达到X、Y，年均增长A%、B% (A% is the first item's)."""
    group = [qs[i]]
    j = i
    each: bool | None = (
        None  # 分别 before the first: the numbers may differ in unit (41.5%、17.25平方米)
    )
    while j + 1 < len(qs):
        between = text[qs[j].end : qs[j + 1].start]
        if not _LIST_JOIN.fullmatch(between):
            break
        if qs[j + 1].unit != qs[i].unit and each is None:
            each = "分别" in text[_clause_start(text, qs[i].start, 0) : qs[i].start]
        listed = between.strip() in ("、", "和", "及", "与")  # not a comma: the next clause
        if qs[j + 1].unit == qs[i].unit or (each and listed):
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


def _distributed(
    sent: _Sentence, group: list[Quantity], clause0: int, previous: list[_Figure]
) -> list[_Figure]:
    """One figure per indicator for ``A、B分别增长X%、Y%`` and ``城乡居民…分别达到X和Y``."""
    text, ctx = sent.text, sent.ctx
    end = previous[-1].q.end if previous else -1
    if clause0 < end <= group[0].start and text.startswith("、", end):
        # 地区生产总值增长59.7%、…、全社会固定资产投资总额、社会消费品零售总额分别增长189%、82%:
        # the names listed after the clause's last figure (not 30户以上自然村寨…: a threshold)
        after = text[end + 1 : group[0].start].replace("分别", "")
        if len(_split_list(_clean_indicator(_split_predicate(after)[0]))) == len(group):
            clause0 = end + 1
    left = text[clause0 : group[0].start]
    pos = left.rfind("分别")
    if pos >= 0:
        np_part, mods_before, _ = _split_predicate(left[:pos])  # 城乡居民收入年均分别增长
        _, mods, verb = _split_predicate(left)
        mods = mods_before + mods
    else:
        np_part, mods, verb = _split_predicate(left)
    # 实际利用外资、外贸进出口总值年均增速分别达到9.9%、10.8%: the rate of every item
    rate = _LIST_RATE.search(left[:pos] if pos >= 0 else np_part)
    if rate and np_part.endswith(rate.group(0)):
        np_part = np_part[: -len(rate.group(0))]
    names = [_clean_indicator(p) for p in _split_list(_clean_indicator(np_part))]
    names = [n for n in names if n]
    k = len(group)
    if (
        len(names) > k
    ):  # 半导体及集成电路、新能源产业营收分别达600亿、800亿元: 及 joins inside an item
        items = [_clean_indicator(p) for p in _clean_indicator(np_part).split("、")]
        names = [n for n in items if n] if len([n for n in items if n]) == k else names
    if len(names) == 1 and not _YEARS_LISTED.search(np_part):  # …总额2019年和2020年分别: years
        names = _expand_collective(names[0], k) or names
    if len(names) > 1 and len(names) == k:
        names = _share_modifier(names)
    share = _EACH_SHARE.fullmatch(left[pos + 2 :].strip()) if pos >= 0 else None
    if share:  # 文化产业和旅游产业增加值分别占到生产总值的8%和5%以上: each item's share of GDP
        names = [f"{n}占{share.group(1)}比重" if n else n for n in names]
    if len(names) != k:
        prior: list[str] = []
        for f in reversed(previous):
            if f.indicator not in prior:
                prior.insert(0, f.indicator)
            if len(prior) == k:
                break
        # 城乡居民人均可支配收入均比2010年翻一番，年均分别增长6.9%、8.1%: else a collective
        # subject before, the numbers distributed over its members
        members = _expand_collective(prior[-1], k) if prior and not names else None
        if len(prior) == k:
            names = prior
        else:
            names = members or [names[0] if names else ""] * k
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
        if rate and q.unit == "%" and measure in ("level", "share"):
            measure = "avg_growth" if rate.group(1) else "growth"
        measure = _flow_total(measure, name, ctx, text[sent.stmt_start : q.start])
        measure = _plan_change(measure, verb, mods, text[sent.stmt_start : q.start], ctx)
        kind, period = _kind_period(text, sent.stmt_start, q.start, measure, mods, ctx, sent.ref)
        value = q.value * sign if measure in ("growth", "change", "avg_growth") else q.value
        out.append(
            _Figure(
                q, name, measure, kind, period, value, q.unit, q.qualifier, sent.start, sent.end
            )
        )
    return out


_STRUCTURE_JOIN = re.compile(r"\s*[:：∶]\s*")
# …从A∶B∶C优化为D∶E∶F, 由…调整到2020年的D∶E∶F: the words between a base structure and its end
_STRUCTURE_TO = re.compile(
    r"\s*[\u4e00-\u9fff]{0,3}?(?:为|到|至)\s*(?:((?:19|20)\d\d)年(?:底|末)?的?)?\s*"
)


def _structure_group(text: str, qs: list[Quantity], i: int) -> list[Quantity]:
    """Quantities i, i+1, … that are the parts of one structure (3∶27∶70: at least three
    percents joined by colons), or ``[qs[i]]``."""
    group = [qs[i]]
    while (
        group[0].unit == "%"
        and i + len(group) < len(qs)
        and qs[i + len(group)].unit == "%"
        and _STRUCTURE_JOIN.fullmatch(text[group[-1].end : qs[i + len(group)].start])
    ):
        group.append(qs[i + len(group)])
    return group if len(group) >= 3 else group[:1]


def _structure_names(np_text: str, k: int) -> list[str] | None:
    """三次产业结构 with three parts → 第一产业增加值比重, 第二产业…, 第三产业…; 三次产业就业结构 →
    第一产业就业比重 …: a collective (``distribution_prefixes.csv``) of k members, then a
    ``structure_word`` cue; None when the name is no such structure."""
    lex = lexicon()
    words = lex.cues.get("structure_word", ())
    default = next(iter(lex.cues.get("structure_default", ())), "")
    for prefix, members in sorted(lex.distribution.items(), key=lambda kv: -len(kv[0])):
        pos = np_text.find(prefix)
        if pos < 0 or len(members) != k:
            continue
        rest = np_text[pos + len(prefix) :]
        at = [rest.find(w) for w in words if w in rest]
        if not at:
            return None
        modifier = rest[: min(at)] or default
        return [f"{np_text[:pos]}{m}{modifier}比重" for m in members]
    return None


def _structure_figures(
    sent: _Sentence, qs: list[Quantity], i: int, clause0: int
) -> tuple[list[_Figure], int]:
    """The shares of a structure starting at quantity ``i`` (and of the structure it changes
    into: 由A∶B∶C调整为D∶E∶F, A… base levels), with how many quantities they use; ``([], 0)``
    when quantity ``i`` opens no structure of a known name."""
    text = sent.text
    base = _structure_group(text, qs, i)
    k = len(base)
    if k < 3:
        return [], 0
    np_raw, _, _ = _split_predicate(text[clause0 : base[0].start])
    names = _structure_names(_clean_indicator(np_raw), k)
    if names is None:
        return [], 0
    end: list[Quantity] = []
    to = None
    if _FROM_LEAD.search(text[max(clause0, base[0].start - 14) : base[0].start]):
        nxt = _structure_group(text, qs, i + k) if i + k < len(qs) else []
        to = _STRUCTURE_TO.fullmatch(text[base[-1].end : nxt[0].start]) if nxt else None
        end = nxt if to and len(nxt) == k else []
    if not end:
        kind, period = _kind_period(
            text, sent.stmt_start, base[0].start, "level", "", sent.ctx, sent.ref
        )
        return [
            _share_figure(sent, q, n, kind, period) for q, n in zip(base, names, strict=True)
        ], k
    kind, end_period, base_period = _periods_from_to(
        text, sent.stmt_start, base[0].start, sent.ctx, sent.ref
    )
    lead = _FROM_LEAD.search(text[max(clause0, base[0].start - 14) : base[0].start])
    base_period = (lead.group(1) if lead and lead.group(1) else "") or base_period
    if to.group(1):
        end_period = to.group(1)
        if sent.ref is not None:
            kind = "actual" if int(end_period) < sent.ref else "target"
    out = [
        _share_figure(sent, q, n, "actual", base_period) for q, n in zip(base, names, strict=True)
    ]
    out += [_share_figure(sent, q, n, kind, end_period) for q, n in zip(end, names, strict=True)]
    return out, 2 * k


def _share_figure(sent: _Sentence, q: Quantity, name: str, kind: str, period: str) -> _Figure:
    measure, _ = _measure("", "", q.unit, name, q.kind)
    return _Figure(
        q, name, measure, kind, period, q.value, q.unit, q.qualifier, sent.start, sent.end
    )


# 打造千亿级医药产业集群, 形成万亿级的新一代信息技术，千亿级的新材料、新能源…: what a class of size
# is said of (the noun after it, a list split into its items; a list before it ending in 等; the
# subject before it when the noun after it is generic: 经开区千亿级园区, 大健康产业形成千亿级产业集群)
_TIER_NOUNS = re.compile(
    r"的?([\u4e00-\u9fff、“”]{2,40}?)"
    r"(?=[，,。；;：:（(]|等|$|[一二三四五六七八九十两几]个|(\d|[一二三四五六七八九十两百千万]+亿|[百千万]+级))"
)
_TIER_SPLIT = re.compile(r"[、和及与“”]")
_STEP_WORDS = ("台阶", "关口", "大关", "规模", "基座")
_TIER_AFTER_VERB = re.compile(r"(?:迈进|迈上|进军|发展|转型|集聚|跃升)$")


_TIER_COUNT = re.compile(r"[0-9一二两三四五六七八九十]+[个大]$")


def q_is_tier(q: Quantity) -> bool:
    """``千亿级``, ``500亿级``, ``千万级``: a class of size (the parser's reading of X亿级, in
    money, or of a count whose unit its noun gives)."""
    return q.unit in ("元", "") and q.raw.endswith("级")


def _tier_names(left: str, after: list[str]) -> list[str]:
    """Names of what a class of size is said of: ``left`` is its clause before it, ``after`` the
    items of the noun after it. A generic noun (``tier_generic`` cues: 产业集群, 园区) takes the
    subjects before it: after a ``tier_verb`` (打造新材料千亿级产业集群), before it when nothing
    follows the verb (大健康产业形成千亿级…), else the list written just before (苏银产业园、贺兰
    工业园百亿级园区; 电子信息、清洁能源等百亿级产业集群)."""
    cues = lexicon().cues
    generics = cues.get("tier_generic", ())
    if len(after) != 1 or after[0] not in generics:
        return after
    lead = re.split(r"[，,；;]", left)[-1]
    for verb in cues.get("tier_verb", ()):
        pos = lead.rfind(verb)
        if pos >= 0:
            lead = lead[pos + len(verb) :] or lead[:pos]
            break
    lead = re.sub(r"[向朝往]$", "", lead)  # 推动鞋业、服装产业向千亿级产业链迈进
    lead = _TIER_COUNT.sub("", lead)  # 装备制造、泛家居两个万亿级产业集群: the list, counted
    subjects = [i for i in _TIER_SPLIT.split(lead.removesuffix("等")) if len(i) >= 2]
    subjects = [i for i in subjects if i not in generics]  # 园区、高新区500亿级: the tail before
    return [_joined(i, after[0]) for i in subjects] or after


def _joined(subject: str, noun: str) -> str:
    """经开区 + 园区 → 经开区园区; 大健康产业 + 产业集群 → 大健康产业集群; 苏银产业园 + 园区 → 苏银产业园."""
    if subject[-1] == noun[-1]:
        return subject
    for k in range(min(len(subject), len(noun)), 0, -1):
        if subject.endswith(noun[:k]):
            return subject + noun[k:]
    return subject + noun


def _tier_figures(sent: _Sentence, q: Quantity, left: str) -> list[_Figure] | None:
    """One level figure (at least the class's sum) per thing a class of size is said of;
    ``left`` is what is written before it in its clause. None when a step follows (跨上千亿级
    台阶: the class is of the thing named before, read as any other figure)."""
    text = sent.text
    if text.startswith(_STEP_WORDS, q.end):
        return None
    m = _TIER_NOUNS.match(text, q.end, sent.end)
    if not m:
        return []
    noun = _TIER_AFTER_VERB.sub("", m.group(1))  # 向千亿级产业链迈进: the verb after the noun
    after = [i for i in _TIER_SPLIT.split(noun) if len(i) >= 2]
    if m.group(2) is not None:  # 500亿级园区和苏银产业园、贺兰工业园百亿级…: the items after the
        after = after[:1]  # first are the next class's subjects
    kind, period = _kind_period(text, sent.stmt_start, q.start, "level", "", sent.ctx, sent.ref)
    out = []
    for item in _tier_names(left, after):
        name = _clean_indicator(item)
        unit = q.unit or _noun_unit(name)  # 千万级常住人口: 人
        if name and unit:
            fig = _Figure(
                q, name, "level", kind, period, q.value, unit, q.qualifier, sent.start, sent.end
            )
            out.append(fig)
    return out
