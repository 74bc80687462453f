"""Whether a scorecard row's indicator name names a quantity (a noun phrase), or is a verb, a
pronoun, a clause, a document title or a count of the plan's indicators.

A target whose name is no indicator (推动, 三个, 《纲要》…30项主要指标, 编制实施全市) cannot be
scored honestly: the scorecard lists it apart as "not scored (name unclear)" (``scored`` False,
``name_problem`` the reason in Chinese). Rules: ``data/indicator_names.csv``.

>>> name_problem("地区生产总值"), name_problem("投入")
('', '名称不是指标：“投入”')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.resources import read_data_csv


@dataclass(frozen=True)
class NameRules:
    """The lexicon of ``data/indicator_names.csv`` and the names the indicator lexicon knows."""

    words: tuple[str, ...]
    ends: tuple[str, ...]
    exact: frozenset[str]
    short: int
    known: frozenset[str]


@cache
def load_name_rules() -> NameRules:
    """Read ``indicator_names.csv`` (rule,value,note) and the indicator lexicon's names."""
    df = read_data_csv("indicator_names.csv")
    bad = sorted(set(df["rule"]) - {"word", "end", "exact", "short"})
    if bad:
        raise NingboAnalysisError(f"indicator_names.csv: unknown rule(s) {bad}")

    def values(rule: str) -> tuple[str, ...]:
        return tuple(df.loc[df["rule"] == rule, "value"].str.strip())

    try:
        short = int(values("short")[0])
    except (IndexError, ValueError) as exc:
        raise NingboAnalysisError("indicator_names.csv: short must be an integer") from exc
    lexicon = read_data_csv("indicators.csv")
    known = frozenset(lexicon["alias"].str.strip()) | frozenset(lexicon["concept"].str.strip())
    return NameRules(values("word"), values("end"), frozenset(values("exact")), short, known)


@cache
def name_problem(name: str) -> str:
    """Why ``name`` is no indicator, in Chinese ("" when it is one)."""
    rules = load_name_rules()
    text = str(name).strip()
    if not text:
        return "无指标名称"
    if text in rules.exact:
        return f"名称不是指标：“{text}”"
    for word in rules.words:
        if word in text:
            return f"名称含“{word}”，不是指标：“{text}”"
    for end in rules.ends:
        if text.endswith(end):
            return f"名称以“{end}”结尾，不完整：“{text}”"
    if len(text) < rules.short and text not in rules.known:
        return f"名称过短，不是指标：“{text}”"
    return ""
