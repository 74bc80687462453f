"""How a figure's indicator is named: a phrase trimmed of connectors, scope and time words
(:func:`_clean_indicator`) and of leading verbs (:func:`noun_phrase`), its meaningful length and
the confidence it gives (:func:`_meaningful`, :func:`_confidence`), the article's own region taken
off (:func:`_without_own_region`); the name written after a count (:func:`_forward_indicator`), of
a rank (:func:`_rank_indicator`), of a growth rate (:func:`_growth_rate_name`), of a share without
a subject (:func:`_share_subject`) or taken from the figure before (:func:`_inherit`, with a flow
verb shared or stripped); and the unit a unit-less count takes from its noun
(:func:`_noun_unit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ningbo_analysis.corpus.metadata import region_aliases
from ningbo_analysis.figures.candidates import _RANK_VERB, _TIME_UNITS
from ningbo_analysis.figures.concepts import opens_with_noun
from ningbo_analysis.figures.cues import _HAN, _LIST_SEP, canonical_indicator, lexicon
from ningbo_analysis.figures.figure import _Figure
from ningbo_analysis.figures.measures import _split_predicate
from ningbo_analysis.figures.time_phrases import _PLAN_BASE_RE, _PLAN_SPAN_RE, _YEAR_RE
from ningbo_analysis.numbers.parser import Quantity, parse_quantities
from ningbo_analysis.resources import read_data_csv

_SHORT_QUOTE = re.compile(r"“[^”]{0,24}”")
_COUNT_SUFFIX = re.compile(r"(?:总量|总数|数量|规模|人数)$")
_LEAD_TIME = re.compile(
    r"(?:(?:19|20)\d\d年(?:底|末)?|今年|去年|上年|预计全年|预计|全年|(?:今后|未来)五年)[，, ]?"
)
_LEAD_BASE = re.compile(r"(?:比|较|到|至)(?:19|20)\d\d年(?:末|底)?[，,]?")
_TIME_PHRASE_END = re.compile(
    r"[0-9一二三四五六七八九十两半]+(?:个月|年|天|周|日|小时)(?:内|后|来)$"
    r"|(?:连续|已连续|持续)[0-9一二三四五六七八九十两]+(?:个)?(?:年|季度|个月)$"  # 连续7年(保持…)
)
_FROM_TIME_END = re.compile(r"(?:由|从)[\u4e00-\u9fff]{1,6}?(?:之初|伊始|初期|年初|之前|以前)$")
# a milestone passed without a number of its own, left in a name: 生产总值突破万亿大关
_MILESTONE_TAIL = re.compile(
    r"(?:突破|跨越|跨上|迈上|迈过|站上|跃上|跃过|登上|冲破)[^，,、；;]{0,8}?(?:大关|台阶|关口)$"
)
_LEAD_BRACKET = re.compile(r"^[（(][^）)]*[）)]")
_LEAD_PLACE_WORD = re.compile(r"^(?:到|至(?![少多今])|在|于)")
# 在汉世界500强企业, 在甬高校: 在 + a city's one-character name is part of the name (place_short)
_IN_PLACE = re.compile(r"^在(.)")
_NOT_MEANINGFUL = re.compile(r"[\s“”\"'‘’（）()、，,《》<>·\-—]")
_COUNT_LEAD = re.compile(r"^[两二三四五六七八九十0-9]{1,2}个")
_RATE_SUFFIX = re.compile(r"(?:增速|增幅|涨幅|增长率|增长速度)$")


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


@cache
def _reporting_verb_re() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, lexicon().cues.get("report_verb", ())))
    return re.compile(rf"^.{{0,30}}?(?:{verbs})了?[，,：:]?") if verbs else re.compile(r"(?!)")


def _after_reporting_verb(s: str) -> str:
    """《纲要（草案）》提出未来五年全市地区生产总值 → 未来五年全市地区生产总值: who states a goal
    (``report_verb`` cues) is not part of its name."""
    m = _reporting_verb_re().match(s)
    return s[m.end() :] if m and len(s) - m.end() >= 2 else s


def _clean_indicator(np_text: str) -> str:
    """Trim connectors, scope words and brackets from an indicator phrase (``全市地区生产总值``)."""
    s = _PLAN_SPAN_RE.sub("", np_text)  # “十二五”期间年均增长…: a time phrase, not the name
    if " " in s or "\u3000" in s:  # 社会消费品零 售总额: a scrape's space inside a word
        s = _SPACE_IN_WORD.sub("", s)
    s = _PLAN_BASE_RE.sub("", s)  # 研发投入强度比“十三五”末提高…: the base, not the name
    s = s.strip(" \u3000“”\"'")
    s = _LEAD_BRACKET.sub("", s)
    s = _after_reporting_verb(s)
    words = _clean_words()
    changed = True
    while changed and s:
        changed = False
        year = _LEAD_TIME.match(s) or _LEAD_BASE.match(s)
        if year and year.end() < len(s):
            # 2021年全市常住人口城镇化率, 今年全市地区生产总值, 较2010年人均生产总值
            s = s[year.end() :]
            changed = True
        if s[0] in words.prefix_firsts and not opens_with_noun(s):
            # (else no prefix can match; 使用外资 opens like the causative 使: a noun rule)
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
    if "大关" in s or "台阶" in s or "关口" in s:  # 生产总值突破万亿大关、达10159亿元
        s = _MILESTONE_TAIL.sub("", s.rstrip(" 、，,")) or s
    if len(s) > 2 and s[-1] in "到至于向":  # 地区生产总值到2020年突破…, …收入于2019年前,
        # 生产总值向1万亿元迈进: cut
        s = s[:-1]
    s = _TIME_PHRASE_END.sub("", s)  # 口罩日产量1个月内 → 口罩日产量
    if "由" in s or "从" in s:  # 口罩日产量由疫情之初(的15万只): the base's time, not the name
        s = _FROM_TIME_END.sub("", s)
    in_place = _IN_PLACE.match(s)
    if not (in_place and in_place.group(1) in lexicon().cues.get("place_short", ())):
        s = _LEAD_PLACE_WORD.sub("", s)
    if (
        "在" in s[2:]
    ):  # 城乡居民收入在“十一五”末(翻一番), 生产总值在的基础上再: the base, not the name
        named = _BASE_AFTER_NAME.sub("", s)
        s = named if len(named) >= 2 else s
    if "”、" in s:  # 中心城区累计建成“40桥24隧”、城市道路突破7000公里: an item with numbers of
        s = _COUNTED_ITEM.sub("", s)  # its own is no part of what the number measures
    if s.count("“") != s.count("”"):  # a quote cut in half by the clause: 246”产业增加值
        s = s.replace("“", "").replace("”", "")
    # a name opens with no stop or closing mark (增长4.2%.一般公共预算收入: a scrape's full stop)
    return s.strip(" 、，,").lstrip(".．;；:：)）]】》")


# a space between two Chinese characters in a name: the scrape's line wrap (生 产总值)
_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
# a base phrase after a name (在“十一五”末, 在2010年基础上, 在…的基础上再), what is left of it, and
# a bare 在 before the number (城镇登记失业率在4%以内); not 现在, 存在, 所在, 正在
_BASE_AFTER_NAME = re.compile(
    r"(?<![现存所正实])在(?:[“\"]?十[一二三四五六七八九]五[”\"]?(?:期)?末|(?:19|20)\d\d年(?:末|底)?)?"
    r"(?:的)?(?:基础上)?(?:再|又)?$"
)
# a quoted list item holding numbers of its own (“40桥24隧”、)
_COUNTED_ITEM = re.compile(r"“[^“”]*\d[^“”]*”、")


def _strip_flow_verb(indicator: str) -> str:
    """新增高新技术企业 → 高新技术企业 (the stock the flow adds to)."""
    for verb in lexicon().cues["flow_verb"]:
        if indicator.startswith(verb) and len(indicator) > len(verb):
            return indicator[len(verb) :]
    return indicator


def _shared_verb(previous: str, indicator: str) -> str:
    """新增就业大学生16.6万人、高技能人才6.7万人: the second item shares the leading 新增; an
    item with a verb of its own (新建口袋公园20个、改造老旧小区300个) keeps it."""
    lex = lexicon()
    own = (*lex.cues["flow_verb"], *lex.cues["np_strip_verb"], *lex.cues.get("own_verb", ()))
    if indicator.startswith(own):
        return indicator
    for verb in lex.cues["flow_verb"]:
        if previous.startswith(verb) and len(previous) > len(verb):
            return verb + indicator
    return indicator


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
    scope = _peer_scope(np_text, scope)
    if np_text in lexicon().cues["np_strip_prefix"]:
        np_text = ""  # 并跻身全国城市前十: the thing ranked is the one before
    if not np_text and previous:
        np_text = _rank_tail().sub("", previous[-1].indicator)
    return f"{np_text}{scope}排名" if np_text else ""


def _peer_scope(subject: str, scope: str) -> str:
    """合肥经开区居国家级经开区第7位: a rank among the subject's peers of a level is a rank in the
    level's whole (全国; ``rank_peer_level`` cues: 国家级>全国, 省级>全省); any other scope as it is."""
    for cue in lexicon().cues.get("rank_peer_level", ()):
        level, whole = cue.split(">")
        peers = scope[len(level) :]
        if scope.startswith(level) and len(peers) >= 2 and subject.endswith(peers):
            return whole
    return scope


#: Levels a count's noun is of, joined (国家级和省级, 省级、市级).
_LEVELS = re.compile(r"(?:[\u4e00-\u9fff]{1,3}级[和及与、])+[\u4e00-\u9fff]{1,3}级")
#: The work done on what a count counts, written after its noun (10个…平台建设).
_WORK_ON = "建设"
_COUNT_WORDS = frozenset("个项家所条座处批支")


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


def _forward_indicator(text: str, q: Quantity, s_end: int) -> str:
    """Indicator written after a counted number: 10个民生实事项目圆满完成 → 民生实事项目."""
    if q.kind != "amount" or q.unit in _TIME_UNITS or q.end >= s_end:
        return ""
    after = _SHORT_QUOTE.sub("", text[q.end : s_end])  # 3个“千亿级规模…”高能级平台
    size = _size_class(after)  # 培育5个超5千亿元产业: the class is part of the name
    if size:
        m = _forward_np().match(after, len(size))
        return _clean_indicator(size + m.group(0)) if m else ""
    if not _HAN.match(after):
        return ""
    if _COUNT_LEAD.sub("", after).startswith(lexicon().cues["level_mark"]):
        return ""  # 迈上6万亿元台阶, 7000亿元两个台阶: the level of the thing named before
    m = _forward_np().match(after)
    levels = _LEVELS.match(after) if m is None else None
    if levels:  # 10个以上国家级和省级战略性新兴产业集聚发展基地: the levels, then the noun
        m = _forward_np().match(after, levels.end())
        return _clean_indicator(levels.group(0) + m.group(0)) if m else ""
    if not m:
        return ""
    size = _size_class(after[m.end() :])  # 5家以上交易额超百亿元的电商企业: a class inside the name
    if size:
        noun = _forward_np().match(after.lstrip()[m.end() + len(size) :].lstrip("的"))
        if noun:
            return _clean_indicator(m.group(0) + size + "的" + noun.group(0))
    noun = _clean_indicator(m.group(0) + _shared_head(m.group(0), after[m.end() :]))
    if noun.endswith(_WORK_ON) and len(noun) > len(_WORK_ON) + 1 and q.unit in _COUNT_WORDS:
        noun = noun[: -len(_WORK_ON)]  # 推进10个新型协同创新平台建设: the platforms are counted
    return noun


def _size_class(after: str) -> str:
    """A size class opening the text after a count (超5千亿元, 100亿元以上): an amount written
    after a ``threshold_lead`` cue (超) or ending in a ``threshold_particle`` cue (以上); ""
    otherwise."""
    cues = lexicon().cues
    lead = next((w for w in cues.get("threshold_lead", ()) if after.startswith(w)), "")
    if not lead and not after[:1].isdigit():
        return ""
    found = parse_quantities(after[:24])
    if not found or found[0].kind != "amount":
        return ""
    first = found[0]
    if (
        first.start == 0
        and first.raw.startswith(lead)
        and (lead or first.raw.endswith(cues["threshold_particle"]))
    ):
        return after[: first.end]
    return ""


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
        if head.endswith(noun) or indicator.endswith(noun):
            return unit
    return ""


def _growth_rate_name(indicator: str) -> tuple[str, bool]:
    """规上工业增加值增速 → (规上工业增加值, True); 经济增速 → (地区生产总值, True) by the lexicon."""
    m = _RATE_SUFFIX.search(indicator)
    if not m or m.start() == 0:
        return indicator, bool(m)
    if indicator.endswith(lexicon().cues.get("rate_indicator", ())):
        return indicator, False  # 人口自然增长率控制在5‰以内: a rate that is an indicator itself
    base = re.sub(r"(?:年均|年平均|平均)$", "", indicator[: m.start()])  # 年均增速: the rate's
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


def _inherit(previous: list[_Figure]) -> str:
    return previous[-1].indicator if previous else ""
