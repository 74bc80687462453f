"""The analyst has the last word: an overrides file kept beside the documents.

``overrides.csv`` (UTF-8, one override per line, ``#`` comment lines allowed)::

    action,region,plan,target_source,outcome_source,verdict,reason
    pin_outcome,青州,十四五,2021-01@120-126「1200亿元」,2026-01@88-95「1250亿元」,,the review's own figure
    forbid_join,青州,十四五,2021-01@130-134「6%左右」,2026-01@40-44「5.1%」,,that is the district's rate
    no_target,青州,十四五,2021-01@300-303「20个」,,,a task of the year, not a plan target
    verdict,青州,十四五,2021-01@140-144「3%以上」,,met,the statistics bureau's bulletin says 3.2%

- ``target_source`` is the scorecard's ``target_source`` cell as it is (``doc@start-end「raw」``);
  ``outcome_source`` a figure's source written the same way (the figures table's ``doc_id``,
  ``start``, ``end`` and ``raw``): copy them from the CSVs.
- ``pin_outcome``: that figure is the target's outcome (whatever its name or year);
  ``forbid_join``: that figure is never the target's outcome; ``no_target``: the row is no target
  (listed apart, not scored); ``verdict``: the verdict is the analyst's (met, missed, unclear,
  no_outcome), with the reason.
- Every row an override touches says so (``override``: the action and the reason). An override
  whose target or figure is no longer found (the document changed, a typo) is *stale*: it is
  never applied, and is listed in ``table.attrs["stale_overrides"]`` with why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.periods import PlanPeriod
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.plans.prepare import SOURCE_REF

ACTIONS = ("pin_outcome", "forbid_join", "no_target", "verdict")
COLUMNS = ["action", "region", "plan", "target_source", "outcome_source", "verdict", "reason"]
#: Verdicts an analyst may set.
ANALYST_VERDICTS = ("met", "missed", "unclear", "no_outcome")
FILE_NAME = "overrides.csv"
_SOURCE = re.compile(rf"^\s*{SOURCE_REF}\s*(?:「(?P<raw>.*)」)?\s*$")


def find_overrides(paths: object) -> Path | None:
    """The analyst's ``overrides.csv`` kept beside their documents: in a folder given (or the
    folder of a file given), the first found; None when there is none."""
    items = paths if isinstance(paths, list | tuple) else [paths]
    for item in items:
        if item in (None, ""):
            continue
        path = Path(item)  # type: ignore[arg-type]
        folder = path if path.is_dir() else path.parent
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    return None


def stale_table(table: pd.DataFrame) -> pd.DataFrame:
    """The stale overrides of a scorecard (``attrs["stale_overrides"]``) as a table."""
    return pd.DataFrame(list(table.attrs.get("stale_overrides", [])), columns=[*COLUMNS, "why"])


def parse_source(text: str) -> tuple[str, int, int, str] | None:
    """``doc@start-end「raw」`` → (doc, start, end, raw); None if it does not look like one."""
    m = _SOURCE.match(str(text))
    if not m:
        return None
    return m.group("doc"), int(m.group("start")), int(m.group("end")), m.group("raw") or ""


def read_overrides(source: str | os.PathLike | pd.DataFrame | None) -> pd.DataFrame:
    """The overrides of a file (or a table) checked line by line; an empty table for None.

    Errors name the file, the line and the problem (unknown action or verdict, a source that is
    not ``doc@start-end「raw」``, a missing reason)."""
    if source is None:
        return pd.DataFrame(columns=COLUMNS)
    if isinstance(source, pd.DataFrame):
        table, where = source.copy(), "overrides"
    else:
        path = Path(source)
        if not path.is_file():
            raise ParameterError(f"overrides file not found: {path}")
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
        except (UnicodeDecodeError, pd.errors.ParserError) as err:
            raise ParameterError(f"{path}: not a readable UTF-8 CSV ({err})") from None
        where = str(path)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ParameterError(f"{where}: missing column(s) {missing}; columns: {', '.join(COLUMNS)}")
    table = table[COLUMNS].fillna("").astype(str)
    for i, row in enumerate(table.itertuples(index=False), start=2):
        _check_row(row, f"{where} line {i}")
    return table.reset_index(drop=True)


def _check_row(row, where: str) -> None:
    if row.action not in ACTIONS:
        raise ParameterError(f"{where}: unknown action {row.action!r}; use one of {ACTIONS}")
    if parse_source(row.target_source) is None:
        raise ParameterError(
            f"{where}: target_source {row.target_source!r} is not doc@start-end「raw」"
        )
    needs_outcome = row.action in ("pin_outcome", "forbid_join")
    if needs_outcome and parse_source(row.outcome_source) is None:
        raise ParameterError(
            f"{where}: {row.action} needs outcome_source as doc@start-end「raw」, "
            f"got {row.outcome_source!r}"
        )
    if row.action == "verdict" and row.verdict not in ANALYST_VERDICTS:
        raise ParameterError(
            f"{where}: verdict {row.verdict!r}; use one of {', '.join(ANALYST_VERDICTS)}"
        )
    if not row.reason.strip():
        raise ParameterError(f"{where}: give a reason (the reports show it)")


def for_plan(overrides: pd.DataFrame, region: str, plan: str) -> pd.DataFrame:
    """The overrides of one region and plan (an empty region or plan applies to all)."""
    region_ok = overrides["region"].isin(["", region])
    plan_ok = overrides["plan"].isin(["", plan])
    return overrides[region_ok & plan_ok]


def figure_at(df: pd.DataFrame, source: str) -> pd.Index:
    """Index of the figures at ``source`` (same document, offsets and raw text)."""
    doc, start, end, raw = parse_source(source) or ("", -1, -1, "")
    hit = (df["doc_id"] == doc) & (df["start"] == start) & (df["end"] == end)
    if raw:
        hit &= df["raw"].astype(str).str.strip() == raw.strip()
    return df.index[hit]


def stale_line(row, why: str) -> dict:
    """One line of ``attrs["stale_overrides"]``."""
    return {**{c: getattr(row, c) for c in COLUMNS}, "why": why}


def same_source(text: str, t: pd.Series) -> bool:
    """Whether an override's ``target_source`` names the figure ``t`` (document, offsets, raw)."""
    parsed = parse_source(text)
    if parsed is None:
        return False
    doc, start, end, raw = parsed
    same = (doc, start, end) == (str(t["doc_id"]), int(t["start"]), int(t["end"]))
    return same and (not raw or raw.strip() == str(t["raw"]).strip())


def _pinned(
    df: pd.DataFrame, t: pd.Series, ttype: str, p: PlanPeriod, at: pd.Index
) -> pd.DataFrame:
    """``df`` where the figure at ``at`` is the target's outcome and no other figure is."""
    out = df.copy()
    others = (out["key"] == t["key"]) & (out["kind"] == "actual") & (out["y1"] == p.end)
    out = out[~others | out.index.isin(at)].copy()
    measure = {"level": t["measure"], "growth": "avg_growth"}.get(ttype, ttype)
    y0 = {"level": p.end, "change": p.base_year}.get(ttype, p.start)
    out.loc[at, ["key", "kind", "measure", "y0", "y1"]] = [t["key"], "actual", measure, y0, p.end]
    out.loc[at, "flow"] = bool(t["flow"])
    return out


def scored_with_overrides(
    df: pd.DataFrame,
    group: pd.DataFrame | dict,
    ttype: str,
    p: PlanPeriod,
    mine: pd.DataFrame,
    score_row: Callable[[pd.DataFrame, pd.DataFrame, str, PlanPeriod], dict],
) -> tuple[dict, list[dict]]:
    """The row of one target (``score_row``: the scorecard's) with the analyst's overrides
    ``mine`` applied, and the stale ones. ``group``: the target's rows (without overrides, its
    first row as a dict may stand for them: it is only passed on to ``score_row``)."""
    if mine.empty:  # no override for this target (most of them): the row as scored
        return {**score_row(df, group, ttype, p), "override": ""}, []
    t, stale, notes = group.iloc[0], [], []
    for o in mine[mine["action"].isin(["pin_outcome", "forbid_join"])].itertuples(index=False):
        at = figure_at(df, o.outcome_source)
        if at.empty:
            stale.append(stale_line(o, "no figure at outcome_source (the document changed?)"))
            continue
        df = _pinned(df, t, ttype, p, at) if o.action == "pin_outcome" else df.drop(index=at)
        notes.append(f"{o.action}: {o.reason}")
    row = score_row(df, group, ttype, p)
    for o in mine[mine["action"] == "verdict"].itertuples(index=False):
        row["verdict_basis"] = f"分析师判定：{o.reason}; {row['verdict_basis']}".rstrip("; ")
        row["verdict"] = o.verdict
        notes.append(f"verdict {o.verdict}: {o.reason}")
    for o in mine[mine["action"] == "no_target"].itertuples(index=False):
        row["scored"], row["name_problem"] = False, f"分析师标注：不是规划目标（{o.reason}）"
        notes.append(f"no_target: {o.reason}")
    row["override"] = "; ".join(notes)
    return row, stale
