"""Concept joining: one key for an indicator however a document words it.

``concept_of(name)`` maps an indicator name to the concept it measures, through the alias table
(``data/indicators.csv``) and general rules (``data/concept_rules.csv``): scope prefixes (全市/全省),
collective prefixes (各类), verb prefixes before a count (建成/引进/培育), synonyms
(城市化率 → 城镇化率) and rate suffixes (居民消费价格涨幅 → 居民消费价格, a growth of it); a noun that
opens like a verb prefix (建成区) is never cut. Flow markers (新增…) are never cut, and nothing joins different things
(居民人均可支配收入 ≠ 城镇居民人均可支配收入). Whether a figure is a flow is a separate flag
(``compare.is_flow``): a scorecard joins on concept *and* flow.

>>> concept_of("各类人才总量") == concept_of("人才总量")
True
>>> concept_of("城市化率")
'常住人口城镇化率'
>>> concept_of("研究与试验发展经费支出占地区生产总值比重")
'研发投入强度'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.resources import read_data_csv

_STRIP = " \t\u3000“”\"'‘’「」《》"
_PREFIX_RULES = ("scope_prefix", "collective_prefix", "verb_prefix")
_CONNECTIVES = "和及与、"


@dataclass(frozen=True)
class ConceptRules:
    """The lexicon of concept joining: aliases, prefixes to cut and synonyms."""

    aliases: dict[str, str]
    prefixes: tuple[str, ...]
    synonyms: tuple[tuple[str, str], ...]
    suffixes: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()  # names opening like a verb prefix that are nouns (建成区)


@cache
def load_concept_rules() -> ConceptRules:
    """Read ``indicators.csv`` (alias → concept) and ``concept_rules.csv``."""
    ind = read_data_csv("indicators.csv")
    aliases = dict(zip(ind["alias"].str.strip(), ind["concept"].str.strip(), strict=True))
    rules = read_data_csv("concept_rules.csv")
    bad = sorted(set(rules["rule"]) - {*_PREFIX_RULES, "synonym", "rate_suffix", "noun"})
    if bad:
        raise NingboAnalysisError(f"concept_rules.csv: unknown rule(s) {bad}")
    prefixes = rules.loc[rules["rule"].isin(_PREFIX_RULES), "value"].str.strip()
    synonyms = []
    for value in rules.loc[rules["rule"] == "synonym", "value"]:
        written, sep, canonical = value.partition(">")
        if not sep or not written:
            raise NingboAnalysisError(
                f"concept_rules.csv: synonym {value!r} must look like 'written>canonical'"
            )
        synonyms.append((written, canonical))
    synonyms.sort(key=lambda p: len(p[0]), reverse=True)
    return ConceptRules(
        aliases=aliases,
        prefixes=tuple(sorted(prefixes, key=len, reverse=True)),
        synonyms=tuple(synonyms),
        suffixes=tuple(
            sorted(
                rules.loc[rules["rule"] == "rate_suffix", "value"].str.strip(),
                key=len,
                reverse=True,
            )
        ),
        nouns=tuple(rules.loc[rules["rule"] == "noun", "value"].str.strip()),
    )


def opens_with_noun(name: str, rules: ConceptRules | None = None) -> bool:
    """Whether ``name`` opens with a noun that looks like a verb prefix (``noun`` rules of
    concept_rules.csv: 建成区), not as the start of a longer word (建成区域性… is 建成 + 区域性…)."""
    nouns = (load_concept_rules() if rules is None else rules).nouns
    return any(name.startswith(n) and not name.startswith(n + "域") for n in nouns)


def _step(name: str, rules: ConceptRules) -> str:
    """One round: alias, then one prefix cut, then synonyms, then alias again."""
    name = rules.aliases.get(name, name)
    for prefix in rules.prefixes:
        if name.startswith(prefix) and len(name) - len(prefix) >= 2:
            if opens_with_noun(name, rules):
                break  # 建成区…面积占比: a noun, no verb to cut
            name = name[len(prefix) :]
            # 引进和培育总部企业: two verbs joined by a connective before the thing counted
            if name[:1] in _CONNECTIVES and any(name[1:].startswith(q) for q in rules.prefixes):
                name = name[1:]
            break
    for written, canonical in rules.synonyms:
        if written in name:
            name = _replace_synonym(name, written, canonical)
    for suffix in rules.suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    return rules.aliases.get(name, name)


def _replace_synonym(name: str, written: str, canonical: str) -> str:
    """``written`` → ``canonical`` everywhere in ``name`` except inside a ``canonical`` already
    there: 生产总值比重 → 地区生产总值比重 leaves 地区生产总值比重 alone (not 地区地区…)."""
    if written not in canonical:
        return name.replace(written, canonical)
    return canonical.join(part.replace(written, canonical) for part in name.split(canonical))


@cache
def concept_of(name: str) -> str:
    """The concept key of an indicator name (see the module docstring); "" for an empty name.

    >>> concept_of("全市地区生产总值"), concept_of("建成5G基站")
    ('地区生产总值', '5G基站')
    """
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    rules = load_concept_rules()
    current = str(name).strip(_STRIP)
    for _ in range(8):  # a fixed point is reached in a few rounds
        nxt = _step(current, rules)
        if nxt == current:
            break
        current = nxt
    return current


def concept_column(figures: pd.DataFrame) -> pd.Series:
    """``concept_of`` of every row (its ``concept`` when set, else its ``indicator``)."""
    if "concept" in figures.columns:
        names = figures["concept"].astype("string").fillna("")
        names = names.where(names.str.strip() != "", figures["indicator"].astype("string"))
    else:
        names = figures["indicator"].astype("string")
    return names.fillna("").map(concept_of).astype(str)
