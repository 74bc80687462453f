"""Join an outcome to its target like an analyst: names worded differently, one indicator.

A review seldom words an indicator as the plan did: 人均期望寿命高于82.4岁 is reviewed as
人均期望寿命提高到82.43岁, 万人发明专利拥有量 as 万人有效发明专利拥有量, 经济总量 as 地区生产总值,
高新技术产业产值占规模以上工业总产值比重 as 高新技术产业产值占比. The concept keys of
``figures.concepts`` join exact wordings; this module joins the rest, and says how:

=========  ===============================================================================
match      how the outcome's name was joined to the target's
exact      the same concept key
normalized the same name once the rules of ``data/indicator_match.csv`` are applied (a verb or
           comparison left in the name, a modifier that changes nothing, 总量/总数, a share's
           denominator): decides like an exact join
synonym    two names of one official indicator (``family`` rules: 经济总量 = 地区生产总值)
similar    names alike (rapidfuzz ratio ≥ the ``similar`` rule) with the same last character:
           shown, but never decides met/missed on its own (the verdict is unclear)
=========  ===============================================================================

Different things are kept apart whatever the score: a name with a word of the ``apart`` rules
that the other lacks (居民 vs 城镇居民, 出口 vs 进出口, GDP vs 人均GDP) never joins; a flow never
joins a stock (the scorecard compares ``flow`` too); units are compared by the scorecard.

Why rapidfuzz: a maintained C++ implementation of edit-distance ratios, exact and fast on short
strings; Chinese indicator names are compared character by character (each character is a
morpheme), which needs no segmenter and gives the same answer on every machine.

>>> normalize_name("人均期望寿命高于") == normalize_name("人均预期寿命")
True
>>> join_kind("居民人均可支配收入", "城镇居民人均可支配收入")
('', 0.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
from rapidfuzz import fuzz

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.resources import read_data_csv

#: Match kinds that may decide met/missed, strongest first.
DECIDING = ("exact", "normalized", "synonym")
#: ``rebased``: one indicator whose statistics changed basis (纯收入 → 可支配收入): it decides a level
#: only by more than ``rebased_margin``; ``similar`` never decides.
MATCHES = (*DECIDING, "rebased", "similar")
_ASIDE = re.compile(r"[（(][^（）()]{1,8}[）)]")
# 年 opening a name: "a year's" (年旅游总消费, 年产值); not 年内, 年末, 年底, 年初, 年度, 年均, 年平均
_ANNUAL = re.compile(r"年(?![内末底初度均平龄])[\u4e00-\u9fff]{2}")
# 服务业占生产总值, 海洋生产总值占全市GDP: a share named by its whole (not 占地面积)
_OF_A_WHOLE = re.compile(r"^(.{2,}?)占(?!地)的?(?:全[市省国区]|地区)?(?:生产总值|GDP)$")
# “工改工”拆除整备 (a concept key may have lost the opening quote): the quoted name, what follows
_QUOTED_HEAD = re.compile(r"^[“\"]?([^“”\"]{2,12})[”\"](.+)$")
_PUNCT = " \t\u3000，,、；;：:。“”\"'‘’「」《》()（）"


@dataclass(frozen=True)
class MatchRules:
    """The lexicon of ``data/indicator_match.csv``."""

    lead: tuple[str, ...]
    trail: tuple[str, ...]
    replace: tuple[tuple[str, str], ...]
    drop: tuple[str, ...]
    tail: tuple[str, ...]
    families: dict[str, str]
    apart: tuple[str, ...]
    similar: float
    own_zone: tuple[str, ...] = ()
    programme_verb: tuple[str, ...] = ()
    rebased: dict[str, str] = field(default_factory=dict)
    rebased_margin: float = 0.1


@cache
def load_match_rules() -> MatchRules:
    """Read ``indicator_match.csv`` (rule,value,note) into :class:`MatchRules`."""
    df = read_data_csv("indicator_match.csv")
    known = {"lead", "trail", "replace", "drop", "tail", "family", "apart", "similar"}
    known |= {"own_zone", "programme_verb", "rebased", "rebased_margin"}
    bad = sorted(set(df["rule"]) - known)
    if bad:
        raise NingboAnalysisError(f"indicator_match.csv: unknown rule(s) {bad}")

    def values(rule: str) -> tuple[str, ...]:
        found = df.loc[df["rule"] == rule, "value"].str.strip()
        return tuple(sorted(found, key=len, reverse=True))

    try:
        similar = float(values("similar")[0])
    except (IndexError, ValueError) as exc:
        raise NingboAnalysisError("indicator_match.csv: similar must be a number") from exc
    pairs = tuple(
        (w, c) for w, _, c in (v.partition(">") for v in values("replace")) if w and c is not None
    )
    rules = MatchRules(
        values("lead"),
        values("trail"),
        pairs,
        values("drop"),
        values("tail"),
        {},
        (),
        0,
        programme_verb=values("programme_verb"),
    )
    margin = values("rebased_margin")
    return MatchRules(
        rules.lead,
        rules.trail,
        rules.replace,
        rules.drop,
        rules.tail,
        _families(df, "family", rules),
        values("apart"),
        similar,
        values("own_zone"),
        rules.programme_verb,
        _families(df, "rebased", rules),
        float(margin[0]) if margin else 0.1,
    )


def _families(df: pd.DataFrame, rule: str, rules: MatchRules) -> dict[str, str]:
    """Each cut name of the ``rule`` rows ("A=B=C") → the row's first name."""
    families: dict[str, str] = {}
    for value in df.loc[df["rule"] == rule, "value"]:
        names = [_cut(n.strip(), rules) for n in value.split("=") if n.strip()]
        for name in names:
            families[name] = names[0]
    return families


def _cut(name: str, rules: MatchRules) -> str:
    """Lead and trail words, modifiers and count tails cut (see the module docstring)."""
    name = _programme(name.strip(_PUNCT), rules.programme_verb)
    aside = _ASIDE.sub("", name)  # 研究与试验发展（R&D）投入: the abbreviation in brackets
    name = aside if len(aside) >= 2 else name
    for written, canonical in rules.replace:
        name = name.replace(written, canonical)
    changed = True
    while changed:
        changed = False
        for lead in rules.lead:
            if name.startswith(lead) and len(name) - len(lead) >= 2:
                name, changed = name[len(lead) :].strip(_PUNCT), True
        for trail in rules.trail:
            if name.endswith(trail) and len(name) - len(trail) >= 2:
                name, changed = name[: -len(trail)].strip(_PUNCT), True
    if _ANNUAL.match(name):  # 年旅游总消费 = 旅游总消费: a year's amount, as every level is
        name = name[1:]
    for word in rules.drop:
        if word in name and len(name) - len(word) >= 2:
            name = name.replace(word, "")
    cut = True
    while cut:
        cut = False
        for tail in rules.tail:
            if name.endswith(tail) and len(name) - len(tail) >= 2:
                name, cut = name[: -len(tail)], True
                break
    return _share(name)


def _programme(name: str, verbs: tuple[str, ...]) -> str:
    """A programme named in quotes and the verbs of carrying it out after it (``programme_verb``
    rules) name the programme: “工改工”拆除整备 = 工改工 (what is counted is its size)."""
    m = _QUOTED_HEAD.match(name)
    if not m or not verbs:
        return name
    rest = m.group(2)
    while rest:
        verb = next((v for v in verbs if rest.startswith(v)), "")
        if not verb:
            return name
        rest = rest[len(verb) :]
    return m.group(1)


def without_own_name(key: str, region: str) -> str:
    """A concept key without the region's own name before one of its zones (``own_zone`` rules):
    合肥经开区全国排名 in 合肥's scorecard is its 经开区全国排名, as its own report writes it;
    other names keep a place before them (宁波舟山港 is a port's name)."""
    if not region:
        return key
    for prefix in (f"{region}市", region):
        rest = key[len(prefix) :]
        if key.startswith(prefix) and rest.startswith(load_match_rules().own_zone):
            return rest
    return key


def _share(name: str) -> str:
    """X占Y比重 / X占Y比例 / X比重 / X占比 → X占比 (a share without its denominator); X占Y of a
    whole (服务业占生产总值, 占全市) → X占比 too."""
    for end in ("比重", "比例"):
        if name.endswith(end) and len(name) > len(end) + 1:
            head = name[: -len(end)]
            cut = head.find("占")
            head = head[:cut] if cut > 0 else head
            return f"{head}占比"
    whole = _OF_A_WHOLE.match(name)
    return f"{whole.group(1)}占比" if whole else name


@cache
def normalize_name(name: str) -> str:
    """The name an indicator is compared by (``family`` names to the family's first name).

    >>> normalize_name("高新技术产业产值占规模以上工业总产值比重")
    '高新技术产业产值占比'
    """
    cut = _cut_name(str(name))  # the cut once per name, shared with join_kind
    return load_match_rules().families.get(cut, cut)


def _apart(a: str, b: str, rules: MatchRules) -> bool:
    """True when one name has a distinguishing word (``apart`` rules) the other lacks."""
    return _words_in(a, rules.apart) != _words_in(b, rules.apart)


@cache
def _words_in(name: str, words: tuple[str, ...]) -> tuple[bool, ...]:
    """Which of ``words`` ``name`` holds, once per name (a name is compared with every target)."""
    return tuple(word in name for word in words)


@cache
def _cut_name(name: str) -> str:
    """:func:`_cut` with the package's rules, once per name and process (a name is compared
    with every target of a plan)."""
    return _cut(name, load_match_rules())


@cache
def join_kind(target: str, outcome: str) -> tuple[str, float]:
    """How an outcome named ``outcome`` joins a target named ``target`` (concept keys):
    ``(match, score)`` with match one of :data:`MATCHES`, or ``("", 0.0)`` for no join."""
    if target == outcome:
        return "exact", 100.0
    rules = load_match_rules()
    a, b = _cut_name(target), _cut_name(outcome)
    if a == b or _swapped(a, b):
        return "normalized", 100.0
    fa, fb = rules.families.get(a), rules.families.get(b)
    if fa is not None and fa == fb:  # named one indicator by the lexicon, apart words or not
        return "synonym", 100.0  # (技术合同成交额 = 技术交易额 though 合同 keeps FDI apart)
    if rules.rebased.get(a) is not None and rules.rebased.get(a) == rules.rebased.get(b):
        return "rebased", 100.0  # 农民人均纯收入 = 农村居民人均可支配收入 on another basis
    if _apart(a, b, rules):
        return "", 0.0
    a, b = fa or a, fb or b
    if a == b:
        return "synonym", 100.0
    score = float(fuzz.ratio(a, b))
    if score >= rules.similar and a[-1:] == b[-1:]:
        return "similar", round(score, 1)
    return "", 0.0


def _swapped(a: str, b: str) -> bool:
    """Two words written in either order, a verb and its object (收储土地 = 土地收储): ``b`` is
    ``a`` rotated, both parts of at least two characters.

    >>> _swapped("收储土地", "土地收储"), _swapped("城镇新增就业", "新增城镇就业")
    (True, False)
    """
    return len(a) == len(b) >= 4 and any(a == b[k:] + b[:k] for k in range(2, len(b) - 1))


def _swapped_endings(name: str) -> tuple[str, ...]:
    """The endings of ``name``'s normalized name written in another order (:func:`_swapped`):
    a name ending so may join it too."""
    cut = _cut_name(name)
    return tuple(cut[k - 1] for k in range(2, len(cut) - 1)) if len(cut) >= 4 else ()


def join_ending(name: str) -> str:
    """The last character of a name's normalized name: :func:`join_kind` joins only names that
    end alike (a normalized or synonym join compares the normalized names whole, a similar
    join asks for the same last character), so a name is compared with the targets of its
    ending only (a region has thousands of names, a plan a hundred targets).

    >>> join_ending("高新技术产业产值占规模以上工业总产值比重"), join_ending("经济总量")
    ('比', '值')
    """
    return normalize_name(name)[-1:]


@dataclass(frozen=True)
class Join:
    """One outcome name joined to a target's concept."""

    target: str
    outcome: str
    match: str
    score: float


def best_join(name: str, keys: Iterable[str]) -> Join | None:
    """The one target of ``keys`` an outcome named ``name`` joins best (the strongest match,
    then the highest score); None when none joins or two tie."""
    best: list[Join] = []
    for key in keys:
        match, score = join_kind(key, name)
        if not match:
            continue
        rank = (MATCHES.index(match), -score)
        if not best or rank < (MATCHES.index(best[0].match), -best[0].score):
            best = [Join(key, name, match, score)]
        elif rank == (MATCHES.index(best[0].match), -best[0].score):
            best.append(Join(key, name, match, score))
    return best[0] if len(best) == 1 else None


def join_outcomes(df: pd.DataFrame, target_keys: list[str]) -> tuple[pd.DataFrame, list[Join]]:
    """Give the actual figures whose name joins a target the target's key.

    ``df``: prepared figures (``prepare.prepare_figures``); ``target_keys``: the plan's target
    concepts. A name that is itself a target's key keeps it; a name joining several targets
    joins the best (a tie joins none). The written key stays in ``key_written``. Returns the
    figures and the joins made (exact ones are not listed)."""
    out = df.copy()
    out["key_written"] = out["key"]
    targets = sorted(set(target_keys))
    own = set(targets)
    names = sorted(set(out.loc[out["kind"] == "actual", "key"].tolist()) - own)  # not Arrow scalars
    joins: list[Join] = []
    by_ending: dict[str, list[str]] = {}  # the targets a name may join (see join_ending)
    for key in targets:
        for ending in dict.fromkeys((join_ending(key), *_swapped_endings(key))):
            by_ending.setdefault(ending, []).append(key)
    for name in names:
        join = best_join(name, by_ending.get(join_ending(name), ()))
        if join is not None:
            joins.append(join)
    if joins:  # each joined name's actual figures take its target's key (at once: no name is a key)
        rows = out["key"].isin([j.outcome for j in joins]) & (out["kind"] == "actual")
        out.loc[rows, "key"] = out.loc[rows, "key"].map({j.outcome: j.target for j in joins})
    return out, joins
