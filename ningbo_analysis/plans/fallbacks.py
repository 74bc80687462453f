"""Stage 4 — plans: outcomes of targets not joined by name, tried when a target has none.

* :func:`with_members`: a collective's target (城乡居民人均收入年均增长9%以上) judged on its
  members' outcomes (城镇居民…6.4%、农村居民…8.6%; ``data/compare_rules.csv`` ``members``);
* :func:`with_stated`: a target the plan's review says in words was reached (``plans.verbal``).

Each wraps the scorecard's scoring of one target (``scorecard._score_row``) and returns its row,
changed only when the target had no outcome of its own: then with ``_match`` (how its outcome was
found: :data:`MEMBERS` or ``verbal.STATED``) and ``_zh`` (its Chinese line), which the scorecard
takes off the row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ningbo_analysis.corpus.periods import PlanPeriod
from ningbo_analysis.numbers.format import format_qualified
from ningbo_analysis.plans import explain, match, prepare, verbal
from ningbo_analysis.plans.prepare import Row

#: The ``match`` of a collective's row judged on its members' outcomes (城乡居民 → 城镇、农村居民).
MEMBERS = "members"


def with_members(
    df: pd.DataFrame,
    group: pd.DataFrame | Row,
    ttype: str,
    p: PlanPeriod,
    *,
    score_row: Any,
    keys: Sequence[str],
) -> dict:
    """``score_row``'s row of a target; a collective's target without an outcome of its own
    (城乡居民人均收入年均增长9%以上) judged on its members' outcomes (``prepare.member_names``):
    met when every member meets it, missed when every member misses it, else unclear; no
    verdict when a member has no outcome."""
    row = score_row(df, group, ttype, p)
    t = group if isinstance(group, dict) else dict(group.iloc[0].items())
    names_of = prepare.member_names(str(t["indicator"]))
    if row["verdict"] != "no_outcome" or not names_of:
        return row
    scored = []
    for name in names_of:
        key = _member_key(name, keys)
        if key is None:
            return row
        member = score_row(df, {**t, "key": key, "indicator": name}, ttype, p)
        if member["verdict"] not in ("met", "missed", "unclear"):
            return row
        scored.append((name, member))
    verdicts = {m["verdict"] for _, m in scored}
    verdict = verdicts.pop() if len(verdicts) == 1 else "unclear"
    said = "、".join(
        f"{m['outcome_indicator'] or name}"
        f"{format_qualified(m['outcome_value'], m['outcome_unit'], m['outcome_qualifier'])}"
        for name, m in scored
    )
    word = {"met": "均达到", "missed": "均未达到"}.get(verdict, "有达到有未达到，不作判定")
    if verdict == "unclear" and all(m["verdict"] == "unclear" for _, m in scored):
        word = "结果不能判定"
    return {
        **row,
        "verdict": verdict,
        "verdict_basis": "; ".join(
            f"member {name}: {m['verdict']} ({m['verdict_basis']})" for name, m in scored
        ),
        "outcome_year": scored[0][1]["outcome_year"],
        "outcome_source": "; ".join(m["outcome_source"] for _, m in scored),
        "outcome_indicator": "、".join(m["outcome_indicator"] or name for name, m in scored),
        "outcome_sentence": " / ".join(dict.fromkeys(m["outcome_sentence"] for _, m in scored)),
        "_outcome_keys": [],
        "_match": MEMBERS,
        "_zh": f"{explain.target_zh(row)}；{said}，{word}",
    }


def _member_key(name: str, keys: Sequence[str]) -> str | None:
    """The one actual concept key naming a member (城镇居民人均收入 → 城镇居民人均可支配收入)."""
    ending = match.join_ending(name)
    found = [
        k
        for k in keys
        if match.join_ending(k) == ending and match.join_kind(name, k)[0] in match.DECIDING
    ]
    return found[0] if len(found) == 1 else None


def with_stated(
    df: pd.DataFrame,
    group: pd.DataFrame | Row,
    ttype: str,
    p: PlanPeriod,
    *,
    score_row: Any,
    statements: Sequence[Mapping[str, Any]],
) -> dict:
    """``score_row``'s row of a target, met when it has no outcome figure and the plan's review
    report says in words it was reached (``plans.verbal.stated_outcome``)."""
    row = score_row(df, group, ttype, p)
    if row["verdict"] != "no_outcome":
        return row
    t = group if isinstance(group, dict) else dict(group.iloc[0].items())
    said = verbal.stated_outcome(t, ttype, statements, p.end + 1)
    if said is None:
        return row
    where = f"{said['doc_id']}@{said['start']}-{said['end']}「{said['cue']}」"
    return {
        **row,
        "verdict": "met",
        "verdict_basis": (
            f"stated in words in the {p.end + 1} report: {said['clause']} (no figure)"
        ),
        "outcome_year": str(p.end),
        "outcome_source": where,
        "outcome_indicator": str(said["subject"]),
        "outcome_sentence": str(said["sentence"]),
        "_outcome_keys": [],
        "_match": verbal.STATED,
        "_zh": f"{explain.target_zh(row)}；{p.end + 1}年报告文字表述：“{said['clause']}”（无数字），"
        "判为达成",
    }


__all__ = ["MEMBERS", "with_members", "with_stated"]
