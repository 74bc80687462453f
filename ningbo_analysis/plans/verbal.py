"""Stage 4 — plans: outcomes a review states in words, without a number.

A plan's review often says a target was reached without giving its figure: 城镇新增就业超额完成目标
任务, 现行标准下的农村贫困人口全部脱贫, 成功实现“两个翻番”目标. The figures table holds numbers only,
so such a target would have no outcome. :func:`review_statements` finds these statements in a
corpus (the words of ``data/verbal_outcomes.csv``), one row each:

==============  ===========================================================================
region          the article's region
doc_id          the article
reference_year  the year its 今年 refers to (a review of 十三五 is in a report of 2021)
subject         what the clause says was achieved: the words before the cue in its clause
                (城镇新增就业), or the set phrase (两个翻番)
cue             the words saying so (超额完成, 全部脱贫, 两个翻番)
start, end      character offsets of the cue in the article's text
clause          the clause, cue included (城镇新增就业超额完成目标任务)
sentence        the sentence
==============  ===========================================================================

:func:`stated_outcome` gives the statement of the plan's review report (the report of the year
after the plan) that says a target without an outcome was reached: one whose subject ends with
the target's name, a set phrase standing for the target's doubling, or the same topic as a target
written as "all of them", naming what it made all done (874名贫困人口全部脱贫 → 现行标准下农村贫困
人口全部脱贫、贫困村全部出列). A clause naming no indicator (全面完成“十三五”规划目标任务) or a
year's task (年度脱贫任务全面完成) joins no target; a number is never overridden: the scorecard
asks only for targets it found no outcome for.

>>> import pandas as pd
>>> corpus = pd.DataFrame({"region": ["青州"], "doc_id": ["2021-01"], "reference_year": [2021],
...     "text": ["五年来，城镇新增就业超额完成目标任务。"]})
>>> review_statements(corpus)[["subject", "cue"]].values.tolist()
[['城镇新增就业', '超额完成']]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.figures.time_phrases import _NEXT_FIVE_RE
from ningbo_analysis.plans import prepare
from ningbo_analysis.resources import read_data_csv

# words setting a goal before a cue (今后五年, 力争, 确保, 目标任务和政策措施 …) and 到 a year
_GOAL_WORDS = re.compile(rf"{_NEXT_FIVE_RE.pattern}|力争|确保|争取|目标任务和|提出了")
_TO_A_YEAR = re.compile(r"(?:到|至)((?:19|20)\d\d)年")

#: The ``match`` of a scorecard row whose outcome a review states in words.
STATED = "stated"

STATEMENT_COLUMNS = [
    "region",
    "doc_id",
    "reference_year",
    "subject",
    "cue",
    "start",
    "end",
    "clause",
    "sentence",
]

_CLAUSE_MARK = re.compile(r"[，,；;：:。！？!?\n]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_QUOTES = re.compile(r"[“”\"‘’「」『』《》\s]")
# a doubling achieved (完成翻番目标) is the outcome of a doubling target only
_DOUBLING = ("翻番", "翻一番", "翻两番")
# a year's own task (年度脱贫任务全面完成, 今年目标任务超额完成): not the plan's
_ONE_YEAR = ("年度", "今年", "全年", "当年")
# a set phrase counts only when the sentence says it was achieved before it (成功实现“两个翻番”目标)
_ACHIEVED = ("实现", "完成")


@dataclass(frozen=True)
class VerbalRules:
    """The words of ``data/verbal_outcomes.csv``."""

    done: tuple[str, ...]
    topics: tuple[str, ...]
    phrases: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]


@cache
def load_verbal_rules() -> VerbalRules:
    """Read ``data/verbal_outcomes.csv`` (rule,value,note)."""
    df = read_data_csv("verbal_outcomes.csv")
    bad = sorted(set(df["rule"]) - {"done", "topic", "phrase"})
    if bad:
        raise NingboAnalysisError(f"verbal_outcomes.csv: unknown rule(s) {bad}")

    def values(rule: str) -> tuple[str, ...]:
        return tuple(sorted(df.loc[df["rule"] == rule, "value"].str.strip(), key=len, reverse=True))

    phrases: dict[str, tuple[str, ...]] = {}
    for value in values("phrase"):
        phrase, sep, names = value.partition(">")
        if not sep or not phrase or not names:
            raise NingboAnalysisError(
                f"verbal_outcomes.csv: phrase {value!r} must look like 'phrase>name;name'"
            )
        phrases[phrase] = tuple(_plain(n) for n in names.split(";") if n)
    words = sorted({*values("done"), *phrases}, key=len, reverse=True)
    return VerbalRules(
        values("done"), values("topic"), phrases, re.compile("|".join(map(re.escape, words)))
    )


def _year(value: object) -> int | None:
    """A statement's reference year, None when the article has none (NA)."""
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _plain(name: str) -> str:
    """A name without quotes, spaces and 的 (现行标准下的农村贫困人口 → 现行标准下农村贫困人口)."""
    return _QUOTES.sub("", str(name)).replace("的", "")


def review_statements(corpus: pd.DataFrame) -> pd.DataFrame:
    """The statements of achievement in words of every article of ``corpus`` (columns
    :data:`STATEMENT_COLUMNS`, in the corpus' order)."""
    rules = load_verbal_rules()
    rows: list[dict[str, Any]] = []
    cols = ["region", "doc_id", "reference_year", "text"]
    for region, doc_id, year, text in corpus[cols].itertuples(index=False, name=None):
        text = str(text)
        for m in rules.pattern.finditer(text):
            row = _statement(text, m, rules)
            if row is not None:
                rows.append(
                    {
                        "region": str(region),
                        "doc_id": str(doc_id),
                        **row,
                        "reference_year": None if pd.isna(year) else int(year),
                    }
                )
    table = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    return table.astype({"reference_year": "Int64", "start": "int64", "end": "int64"})


def _statement(text: str, m: re.Match[str], rules: VerbalRules) -> dict[str, Any] | None:
    """The statement of one cue found in ``text`` (None: a set phrase not said achieved)."""
    start, end = m.span()
    clause_start = max(
        (c.end() for c in _CLAUSE_MARK.finditer(text, max(0, start - 80), start)),
        default=max(0, start - 80),
    )
    sentence_start = max(
        (c.end() for c in _SENTENCE_END.finditer(text, max(0, start - 300), start)),
        default=max(0, start - 300),
    )
    stop = _SENTENCE_END.search(text, end)
    sentence_end = stop.start() if stop else len(text)
    clause_stop = _CLAUSE_MARK.search(text, end)
    clause_end = clause_stop.start() if clause_stop else len(text)
    cue = m.group(0)
    if cue in rules.phrases:
        if not any(w in text[sentence_start:start] for w in _ACHIEVED):
            return None
        subject = cue
    else:  # the list item before the cue (…421个贫困村全部出列、现行标准下的农村贫困人口全部脱贫)
        subject = _plain(re.split(r"[、及和]", text[clause_start:start])[-1])
    return {
        "subject": subject,
        "cue": cue,
        "start": start,
        "end": end,
        "clause": text[clause_start:clause_end],
        "sentence": text[sentence_start:sentence_end],
    }


def stated_outcome(
    target: Mapping[str, Any], measure: str, statements: Sequence[Mapping[str, Any]], year: int
) -> Mapping[str, Any] | None:
    """The statement of the report of ``year`` (the plan's review) saying ``target`` (a figures
    row of the target: indicator, key, sentence, raw) was reached, else None: the first naming
    it, else the first of a set phrase standing for it, else the first of its topic."""
    rules = load_verbal_rules()
    mine = [s for s in statements if _year(s["reference_year"]) == year]
    if not mine:
        return None
    names = {n for n in (_plain(target["indicator"]), _plain(target["key"])) if len(n) >= 3}
    after = prepare.text_after(target, 16)
    done = next((w for w in rules.done if w in after), "")
    topics = [t for t in rules.topics if t in done]
    # what the target makes all done (…万贫困人口全部脱贫: 贫困人口; 25362人全部…: 人), which a
    # statement of its topic must name (not 空壳村全部摘帽 for 低收入村全部摘帽)
    noun = _plain(after.split(done)[0]) if done else ""
    noun = noun or str(target.get("unit") or "")
    # 城镇和农村居民人均可支配收入提前一年完成翻番目标: a doubling's outcome, not a level's; a
    # year's task done (年度脱贫任务全面完成) is no plan's
    mine = [
        s
        for s in mine
        if (measure == "change" or not any(w in s["clause"] for w in _DOUBLING))
        and not any(w in s["clause"] for w in _ONE_YEAR)
        and not _a_goal(s, year)
    ]
    named = [s for s in mine if any(str(s["subject"]).endswith(n) for n in names)]
    named += [s for s in mine if s not in named and _names_every_member(target, s["clause"])]
    phrased = [
        s
        for s in mine
        if measure == "change" and names & set(rules.phrases.get(str(s["subject"]), ()))
    ]
    # the same topic: a statement whose cue is of it first (全部脱贫 before 全部摘帽 for 脱贫)
    topical = [s for t in topics for s in mine if t in s["cue"] and noun and noun in s["clause"]]
    topical += [
        s for t in topics for s in mine if t in s["clause"] and noun and noun in s["clause"]
    ]
    found = [*named, *phrased, *topical]
    return found[0] if found else None


def _a_goal(statement: Mapping[str, Any], year: int) -> bool:
    """A statement the sentence sets as a goal (提出了今后五年…的目标任务，地区生产总值提前实现比
    2010年翻一番，到2020年…; 力争…提前完成): the next plan's, not an outcome of this one. Read in
    the sentence up to the cue: a next-five-years or aim word, or 到 a year from the review's on."""
    sentence, clause = str(statement["sentence"]), str(statement["clause"])
    cut = sentence.find(clause)
    before = sentence[: cut if cut >= 0 else len(sentence)] + clause.split(statement["cue"])[0]
    if _GOAL_WORDS.search(before):
        return True
    return any(int(y) >= year for y in _TO_A_YEAR.findall(before))


def _names_every_member(target: Mapping[str, Any], clause: str) -> bool:
    """A collective's target (城乡居民收入比2010年翻一番) said of its members together: the clause
    names every member and the measured noun (城镇和农村居民人均可支配收入提前一年完成翻番目标)."""
    members = prepare.member_names(str(target["indicator"]))
    if not members:
        return False
    tail = 0  # the length of what each is of: 居民收入
    while tail < min(map(len, members)) and len({m[len(m) - tail - 1] for m in members}) == 1:
        tail += 1
    heads = [m[: len(m) - tail] for m in members]  # 城镇, 农村
    noun = members[0][len(members[0]) - tail :][-2:]  # 收入
    return all(h and h in clause for h in heads) and bool(noun) and noun in clause


__all__ = [
    "STATED",
    "STATEMENT_COLUMNS",
    "VerbalRules",
    "load_verbal_rules",
    "review_statements",
    "stated_outcome",
]
