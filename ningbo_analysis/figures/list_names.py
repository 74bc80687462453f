"""Names of a list's items (城镇居民和农村居民人均可支配收入, 规上工业产值、增加值、利税): the list split at its joiners
(:func:`_split_list`), a collective name expanded into its members (城乡居民 → 城镇居民, 农村居民:
:func:`_expand_collective`, ``data/distribution_prefixes.csv``), and the modifier, head noun or
tail the items share (:func:`_share_modifier`)."""

from __future__ import annotations

import re

from ningbo_analysis.figures.cues import _LIST_SEP, lexicon

_LIST_SPLIT = re.compile(rf"[{_LIST_SEP}]")
# a place before a collective name (宁波市三次产业…): an administrative unit's name
_PLACE_LEAD = re.compile(r"[\u4e00-\u9fff]{1,5}[省市县区]")
_MEASURE_END = "率量数额"  # the last character of a measure word (败诉率, 发案量)
_PER_UNIT = re.compile(r"(?:单位|万元)[^、和及与]{0,8}?(?:生产总值|增加值|GDP|产值)")


def _split_list(np_text: str) -> list[str]:
    return [p for p in _LIST_SPLIT.split(np_text) if p]


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


def _share_modifier(names: list[str]) -> list[str]:
    """规上工业产值、增加值、利税、利润 → the short heads take the first item's modifier (规上工业)."""
    first, others = names[0], names[1:]
    per_unit = _PER_UNIT.match(first)
    if per_unit and not any(_PER_UNIT.match(o) for o in others):
        # 单位生产总值能耗和二氧化碳排放 → 单位生产总值二氧化碳排放: the intensity base is shared
        return [first, *[per_unit.group(0) + o for o in others]]
    field_end = names[-1].find("业")  # the last item's field (软件和信息服务业) ends there
    fields = all(n.endswith("业") and not n.endswith("企业") for n in names[:-1])
    if 0 < field_end < len(names[-1]) - 2 and fields:
        # 金融业、软件和信息服务业增加值: whole fields share what follows the last one's field
        # (企业 are no field: 高新技术企业、工业企业建有研发机构率)
        tail = names[-1][field_end + 1 :]
        return [*(n + tail for n in names[:-1]), names[-1]]
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
        for n in range(len(name), 1, -1):  # the longest suffix first (公路、…公路总里程: all of it)
            head = name[-n:]
            pos = last.find(head)
            if pos > 0 and pos + n < len(last) and last[:pos] != name[:-n]:
                tail = last[pos + n :]
                break
        if not tail:
            return ""
        tails.add(tail)
    return tails.pop() if len(tails) == 1 else ""
