"""The cue lexicons a figure is read by: the words of ``data/figure_cues.csv`` by role (verbs,
modifiers, time and review cues, name-trimming words …) with one regex per role, the indicator
aliases of ``data/indicators.csv`` (:func:`canonical_indicator`), the plan periods and the
distribution prefixes, all loaded once (:func:`lexicon`); and the punctuation that ends a clause or
joins a list's items, with where a clause starts (:func:`_clause_start`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ningbo_analysis.corpus.periods import plan_periods
from ningbo_analysis.resources import read_data_csv

_CLAUSE_SEP = "，,；;：:。！？!?\n"
_LIST_SEP = "、和及与"
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:]")
#: One Chinese character (of the CJK Unified Ideographs block).
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class _Lexicon:
    cues: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, str]]
    plans: dict[str, tuple[int, int]]
    distribution: dict[str, tuple[str, ...]]
    predicate: re.Pattern[str] = field(repr=False)
    # the characters a non-empty match of ``predicate`` starts with, besides a space
    predicate_firsts: frozenset[str] = field(repr=False, default=frozenset())
    # one alternation per role: "does text hold any cue of the role" in one regex search
    finders: dict[str, re.Pattern[str]] = field(repr=False, default_factory=dict)

    def has(self, role: str, text: str) -> bool:
        """Whether ``text`` contains a cue word of ``role`` (any of ``cues[role]``)."""
        finder = self.finders.get(role)
        return finder is not None and finder.search(text) is not None


@cache
def lexicon() -> _Lexicon:
    """The cue words, indicator aliases, plan periods and distribution prefixes (package data)."""
    table = read_data_csv("figure_cues.csv")
    cues: dict[str, list[str]] = {}
    for role, cue in zip(table["role"], table["cue"], strict=True):
        cues.setdefault(role, []).append(cue)
    sorted_cues = {r: tuple(sorted(c, key=len, reverse=True)) for r, c in cues.items()}
    ind = read_data_csv("indicators.csv")
    aliases = {
        a: (i, c) for a, i, c in zip(ind["alias"], ind["indicator"], ind["concept"], strict=True)
    }
    plans = {p.name: (p.start, p.end) for p in plan_periods()}
    dist_t = read_data_csv("distribution_prefixes.csv")
    distribution = {
        p: tuple(m.split(";")) for p, m in zip(dist_t["prefix"], dist_t["members"], strict=True)
    }
    verbs = [
        *sorted_cues["verb_to_level"],
        *sorted_cues["verb_to_level_down"],
        *sorted_cues["verb_up"],
        *sorted_cues["verb_down"],
    ]
    mods = [*sorted_cues["mod_avg"], *sorted_cues["mod_cumulative"], *sorted_cues["mod_yoy"]]
    alt_v = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    alt_m = "|".join(re.escape(m) for m in sorted(mods, key=len, reverse=True))
    predicate = re.compile(
        rf"(?P<mods>(?:{alt_m}|(?:比|较)(?:19|20)\d\d年(?:末|底)?)*)"
        rf"(?P<verb>{alt_v})?(?P<mods2>(?:了|为|到|至|{alt_m})*)\s*$"
    )
    # every part of the predicate opens with a modifier, 比/较 (比2015年), a verb, or 了为到至
    firsts = frozenset(w[0] for w in (*mods, *verbs, "比", "较", "了", "为", "到", "至") if w)
    finders = {r: re.compile("|".join(map(re.escape, c))) for r, c in sorted_cues.items() if c}
    return _Lexicon(sorted_cues, aliases, plans, distribution, predicate, firsts, finders)


def canonical_indicator(name: str) -> tuple[str, str]:
    """Canonical indicator and concept of a name as written (``全市地区生产总值`` → 地区生产总值)."""
    lex = lexicon()
    if name in lex.aliases:
        return lex.aliases[name]
    return name, name


# the text up to its last clause mark (a greedy match backs off from the end: the last mark)
_UP_TO_LAST_SEP = re.compile(rf"(?s:.*)[{re.escape(_CLAUSE_SEP)}]")


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Just after the last clause mark (``_CLAUSE_SEP``) of ``text[floor:pos]``, else ``floor``."""
    near = max(floor, pos - 24)  # most clauses are short: the last 24 characters first
    if pos <= near:
        return pos
    m = _UP_TO_LAST_SEP.match(text, near, pos)
    if m:
        return m.end()
    if near > floor:  # a long clause: the rest of it
        m = _UP_TO_LAST_SEP.match(text, floor, near)
        return m.end() if m else floor
    return near
