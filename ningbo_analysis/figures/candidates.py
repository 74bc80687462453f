"""Which quantities of a sentence are figures: ranks recognised (居全省第三, 居全国首位 → ``rank`` in 位:
:func:`_with_ranks`), quantities moved to article offsets with fractions as percents and ratios as
倍 (:func:`_shift`, on every quantity of every sentence), and the numbers that are no figures left
out (:func:`_skip`: durations, ages, counts in Chinese numerals, numbers in quotes or names, a
category's threshold, policy packages, unit-less amounts)."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache

from ningbo_analysis.figures.cues import _CLAUSE_SPLIT, _HAN, _Lexicon, lexicon
from ningbo_analysis.figures.measures import _split_predicate
from ningbo_analysis.figures.shares import _spent_share_re
from ningbo_analysis.numbers.quantity import (
    Quantity,
    _replace,  # a Quantity with some fields changed (≈ 5× dataclasses.replace)
)

_DIGIT = re.compile(r"[0-9０-９]")
# a scrape's regex replacement left in the text where digits were (５$1.$2３亿元)
_GARBLED = re.compile(r"\$\d\.\$\d")
_ITEM_SPLIT = re.compile(r"[，,；;。：:、]")
_CATEGORY_NOUN = re.compile(r"的?(?![和及与或])[\u4e00-\u9fff]")
# a count just before a size class (培育5个超5千亿元产业, 4个产值超2000亿元): what is counted
_COUNT_BEFORE = re.compile(
    r"[0-9０-９一二三四五六七八九十两]+\s*[个家项座条所批][\u4e00-\u9fff]{0,6}$"
)
# 总投资超过8000亿元的900个项目: the total of the things counted, not the class of each
_AGGREGATE_BEFORE = re.compile(r"总[\u4e00-\u9fff]{0,3}$")
_SENTENCE_CLAUSE_SPLIT = re.compile(r"[，,；;。]")
_PLACE = re.compile(
    r"(?:第[0-9一二三四五六七八九十百]+[位名]?|前[0-9一二三四五六七八九十百]+[位名]?)"
)
_RANK_VERB = re.compile(
    r"(?P<np>[^，,。；;：:]*?)(?:稳居|位居|跃居|跻身|迈入|名列|位列|挺进|进位|进入|排名|排在|排|居|列)(?P<scope>[^，,。；;：:第前首]{0,12})$"
)
# _RANK_VERB's verb and scope right before a place, read from the last 14 characters only (its
# name part may be empty, so this finds a match exactly when _RANK_VERB does, in constant time)
_RANK_VERB_TAIL = re.compile(
    r"(?:稳居|位居|跃居|跻身|名列|位列|挺进|进位|进入|排名|排在|排|居|列)[^，,。；;：:第前首]{0,12}$"
)
_RANK_TAIL = 14  # the longest verb (2) and scope (12) before a place
_FIRST_PLACE = re.compile(
    r"(?:稳居|位居|跃居|跻身|名列|位列|排名|居|列)[^，,。；;：:第前首]{0,12}(首位)"
)
_TIME_UNITS = {"年", "天", "月", "个月", "日", "小时", "周"}
_NAME_DURATION_UNITS = frozenset(_TIME_UNITS | {"分钟"})  # 15分钟便民生活服务圈
_NAME_FOLLOWS = re.compile(r"[\u4e00-\u9fff](?<![的等及和与或以左上之])")


def _with_ranks(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """Ranks: 居全省第三 (an ordinal after 居/位居 …) and 居全国首位 (1) become ``rank`` in 位."""
    if not quantities and "首位" not in sentence:
        return []  # most sentences: nothing to rank
    out = []
    for q in quantities:
        if (
            q.kind in ("ordinal", "rank")
            and _PLACE.fullmatch(q.raw)
            and _RANK_VERB_TAIL.search(sentence, max(0, q.start - _RANK_TAIL), q.start)
        ):
            qual = "at_most" if q.raw.startswith("前") else q.qualifier
            q = _replace(q, kind="rank", unit="位", qualifier=qual)
        elif q.kind == "rank" and not q.unit:
            q = _replace(q, unit="位")
        out.append(q)
    if "首位" not in sentence:
        return out  # in order already (the parser's order; no 首位 added)
    taken = [(q.start, q.end) for q in out]
    for m in _FIRST_PLACE.finditer(sentence):
        s, e = m.span(1)
        if not any(a < e and s < b for a, b in taken):
            out.append(Quantity(1.0, "位", 1.0, "首位", s, e, "", "rank", None, "首位"))
    return sorted(out, key=lambda q: q.start)


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
    if "$" in sentence and _GARBLED.search(sentence, max(0, q.start - 6), q.end + 6):
        return True  # 完成工业增加值５$1.$2３亿元: a scrape's regex left $1.$2 for the digits
    if q.unit in ("年", "岁", "批") and q.kind == "amount":
        # 人均预期寿命提高1岁, 平均受教育年限提高到11.5年: years of a life or schooling are figures
        clauses = _CLAUSE_SPLIT.split(sentence[: q.start])
        clause = clauses[-1]
        if len(clauses) > 1 and not _split_predicate(clause)[0].strip():
            clause = clauses[-2] + clause  # 人均预期寿命达到80.2岁，提高1.3岁: the name is before
        return q.unit == "批" or not lex.has("duration_indicator", clause)
    if q.unit == "天" and sentence[max(0, q.start - 3) : q.start].endswith(lex.cues["skip_before"]):
        return True
    if q.unit in _TIME_UNITS and sentence[q.end : q.end + 1] in ("内", "后", "来"):
        return True  # 1个月内提高到…, 3年后: a time phrase, not a figure
    if q.unit in _NAME_DURATION_UNITS and _duration_name().match(sentence, q.end):
        return True  # 打造15分钟便民生活服务圈: the name of an area, not a target
    record = q.unit in lex.cues.get("record_unit", ())  # “十连冠”: a record, a figure
    if q.kind == "amount" and not _DIGIT.search(q.number or q.raw) and q.value < 100 and not record:
        return True
    if q.raw == "倍增" and _SHORT_SPAN.search(_CLAUSE_SPLIT.split(sentence[: q.start])[-1]):
        return True  # 力争三年实现数字车间倍增: a doubling over another span than the text dates
    named = q.kind != "amount" or q.unit in lex.cues["spec_unit"]  # else: no call (most amounts)
    if named and q.end < len(sentence) and _names_something(sentence, q, lex):
        return True
    if q.kind == "amount" and q.raw.endswith(lex.cues["threshold_particle"]):
        rest = _ITEM_SPLIT.split(sentence[q.end :])[0]
        if _CATEGORY_NOUN.match(rest) and (
            _DIGIT.search(rest)
            or lex.has("threshold_group_verb", rest)
            or rest.startswith(lex.cues.get("threshold_scope", ()))
            or _COUNT_BEFORE.search(sentence, max(0, q.start - 8), q.start)
        ):
            # 10亿元以上项目5个, 50万元以上的村占比达到85%: a category's threshold;
            # 9000元以下低收入农户全面消除: the threshold of the group a policy clears;
            # 培育5个100亿元以上产业: the class of the things counted before it
            return True
    if (
        q.kind == "amount"
        and q.raw.startswith(lex.cues.get("threshold_lead", ()))
        and not _AGGREGATE_BEFORE.search(sentence, max(0, q.start - 6), q.start)
    ):
        rest = _ITEM_SPLIT.split(sentence[q.end :])[0]
        if _CATEGORY_NOUN.match(rest) and (
            _DIGIT.search(rest) or _COUNT_BEFORE.search(sentence, max(0, q.start - 8), q.start)
        ):
            # 主营业务收入超100亿元企业达到10家, 培育5个超5千亿元产业: the class of the things
            # counted, not a figure of its own
            return True
    if _units_share_before_units(sentence, q):
        return True
    left = sentence[: q.start]
    quoted = left.count("“") > left.count("”") or left.count('"') % 2 == 1
    closes = sentence[q.end : q.end + 1] in ("”", '"')
    whole = closes and (_DIGIT.search(q.number or q.raw) or q.kind == "multiple" or record)
    if quoted and whole and sentence.startswith(lex.cues["campaign_noun"], q.end + 1):
        return True  # 实施主营业务收入“三年翻番”计划: the name of a campaign
    if quoted and not whole and not _a_target_class(sentence, q):
        # “四个意识”, “1小时交通圈”: names; “最多80天”, 实现“倍增” (the quote is the figure): figures;
        # 打造“千亿级乳产业集群”: a class of size in a slogan is a target all the same
        return True
    if q.unit == "条" and q.kind == "amount":
        clause = _SENTENCE_CLAUSE_SPLIT.split(left)[-1]
        if lex.has("policy_count", clause):
            return True
    # a unit-less 万/亿 amount may take its unit from the indicator (人才总量达到48.6万); an
    # index has none (现代农业发展水平指数达到92)
    return (
        q.unit == ""
        and q.kind == "amount"
        and q.scale < 1e4
        and not _INDEX_BEFORE.search(sentence, max(0, q.start - 12), q.start)
    )


# what a clause may hold before a share of units opening it (全市近九成国家高新技术企业…)
_SCOPE_ONLY = re.compile(r"[\u4e00-\u9fff]{0,2}[市省县区国]?$")


def _units_share_before_units(sentence: str, q: Quantity) -> bool:
    """七成规上工业企业实施数字化转型, 全市近九成国家高新技术企业来自民营企业: a share in tenths opening
    its clause right before the units it counts names the units' share of something the clause
    tells in words, no figure to name from the text before it (八成财政支出用于民生 is one:
    :func:`~ningbo_analysis.figures.shares._spent_share`)."""
    if q.unit != "%" or "成" not in q.raw or _DIGIT.search(q.number or q.raw):
        return False
    if not _HAN.match(sentence, q.end) or _spent_share_re().match(sentence, q.end):
        return False
    before = sentence[max(0, q.start - 12) : q.start]  # the clause's start is near, or no match
    return bool(_SCOPE_ONLY.fullmatch(_ITEM_SPLIT.split(before)[-1])) and (
        _ITEM_SPLIT.search(before) is not None or q.start <= 12
    )


# a class of size of 万 and more (千亿级, 万亿级; 千万级常住人口 takes its unit from the noun)
_A_CLASS = re.compile(r"[一二三四五六七八九两]?[十百千万]?[亿万]+级")


def _a_target_class(sentence: str, q: Quantity) -> bool:
    """A class of size in a slogan that is a target of its own (打造“千亿级乳产业集群”): not the
    class of things counted before it or after it in its clause (“百亿级企业”达到14家)."""
    if not _A_CLASS.fullmatch(q.raw):
        return False
    quote = max(sentence.rfind("“", 0, q.start), sentence.rfind('"', 0, q.start))
    before = sentence[max(0, quote - 8) : max(quote, 0)]
    if before.endswith("等") or _COUNT_BEFORE.search(before):
        # 建成3个“千亿级规模、百亿级税收”高能级平台, …等“百亿级”项目: the whole quote is the class
        # of the things counted or listed
        return False
    rest = _SENTENCE_CLAUSE_SPLIT.split(sentence[q.end :])[0]
    return not _DIGIT.search(rest)


# the value of an index, written without a unit: 指数达到92, 综合指数下降到4.5
_INDEX_BEFORE = re.compile(
    r"指数(?:达到|达|提高到|提升到|提升至|保持在|稳定在|下降到|下降至|降至|降到|为|超过|突破)$"
)


# 三年, 2年: a span of years written in a doubling's clause
_SHORT_SPAN = re.compile(r"[一二三四两1-4]年")


@cache
def _duration_name() -> re.Pattern[str]:
    """A duration that begins a name: 15分钟便民生活服务圈, 1小时交通圈 (the name ends in a
    ``duration_name_tail`` cue of figure_cues.csv, at most 10 characters after the number)."""
    tails = "|".join(map(re.escape, lexicon().cues["duration_name_tail"]))
    return re.compile(rf"[\u4e00-\u9fff]{{0,10}}?(?:{tails})")


def _names_something(sentence: str, q: Quantity, lex: _Lexicon) -> bool:
    """A number that is part of a name: a class unit right before the name (500千伏春晖变,
    ``spec_unit`` cues) or a multiple or rate right before a campaign word (外贸双翻番行动,
    ``campaign_noun`` cues)."""
    if q.kind == "amount":
        return q.unit in lex.cues["spec_unit"] and _NAME_FOLLOWS.match(sentence, q.end) is not None
    return sentence.startswith(lex.cues["campaign_noun"], q.end)
