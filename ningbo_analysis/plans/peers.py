"""Stage 4 — plans: every place of a corpus scored, and the places compared side by side.

``scorecards(figures, regions=None, plans=("十三五", "十四五"))`` is one tidy table of every
region × plan × target: the rows of :func:`~ningbo_analysis.plans.scorecard.plan_scorecard` (its
columns, ``region`` and ``plan`` first among them) for each region and plan, regions in the
order given (default: every region of the figures, sorted), plans in the order given. Each
region is scored on its own figures (:func:`region_scorecards`: the task a Dask worker runs, see
``ningbo_analysis.run.peers`` for many regions on a cluster and the cache).

``scorecard_summary(table)`` is one row per region and plan:

===================  ========================================================================
region, plan         the place and the plan
targets              targets scored (rows whose indicator names a quantity)
met, missed,         how many got each verdict; ``in_progress`` = ahead + on_track + behind
unclear, no_outcome  (an interim verdict of a plan under way); ``unscored``: rows whose
                     name is unclear, not counted anywhere else
decided              met + missed (an end-of-plan outcome compared with the target)
share_met            met / decided in % (NaN when nothing is decided)
rank                 rank of ``share_met`` among the places of the same plan (1 = best; ties
                     share the better rank; NaN when nothing is decided); ``ranked`` how many
                     places of that plan have a rank
<key>_target …       the headline indicators side by side (:data:`HEADLINE_FILE`: ``gdp``,
                     ``income``, ``rd``, ``urban``): ``<key>_indicator``, ``_measure``, ``_unit``,
                     ``_target``, ``_outcome``, ``_verdict``, ``_implied`` (the yearly growth
                     the target implies from the base year) and ``_achieved`` (the yearly
                     growth achieved), ``_rate_unit`` (% a year, or 个百分点 a year for a rate
                     in %)
===================  ========================================================================

:func:`headline_rows` gives the same headline figures as a long table (one row per region,
plan and headline indicator, with the sources), :func:`theme_verdicts` the verdict counts per
region, plan and theme (the heatmap of report 05).

Implied and achieved growth (:func:`implied_growth`): for a growth target (年均增长7%), the
target itself and the outcome on the same measure (stated growth: real for GDP); for a level of
an amount, the compound yearly rate from the base-year level to the target (to the outcome):
NOMINAL for money, never mixed with a stated real rate (``_basis`` says which); for a rate in %
(城镇化率), percentage points a year; for a change in % or points, the change divided by the
plan's years (a multiple, 翻一番, has no yearly rate here: its base year is not the plan's).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from ningbo_analysis.corpus.periods import plan as plan_period
from ningbo_analysis.errors import ParameterError, require_columns
from ningbo_analysis.plans.prepare import prepare_figures
from ningbo_analysis.plans.scorecard import SCORECARD_COLUMNS, prepared_scorecard
from ningbo_analysis.plans.verdicts import cagr, pp_per_year
from ningbo_analysis.resources import read_data_csv
from ningbo_analysis.schemas import HEADLINES, SCORECARD, SUMMARY, conform, filled

#: The plans compared by default: the previous plan (outcomes known) and the current one.
DEFAULT_PLANS = ("十三五", "十四五")
#: The headline indicators (package data): key, label_zh, concepts, measures.
HEADLINE_FILE = "peer_headlines.csv"
#: Verdicts of a plan under way, counted together as ``in_progress``.
IN_PROGRESS = ("ahead", "on_track", "behind")
#: Columns of :func:`scorecard_summary` before the headline columns.
SUMMARY_COLUMNS = [
    "region",
    "plan",
    "targets",
    "met",
    "missed",
    "unclear",
    "no_outcome",
    "in_progress",
    "unscored",
    "decided",
    "share_met",
    "rank",
    "ranked",
]
#: The per-headline columns of :func:`scorecard_summary` (``gdp_target`` …).
HEADLINE_FIELDS = (
    "indicator",
    "measure",
    "unit",
    "target",
    "target_qualifier",
    "outcome",
    "verdict",
    "implied",
    "achieved",
    "rate_unit",
    "basis",
)
#: Columns of :func:`headline_rows`.
HEADLINE_COLUMNS = [
    "region",
    "plan",
    "headline",
    "label_zh",
    "indicator",
    "concept",
    "measure",
    "unit",
    "target_value",
    "target_qualifier",
    "outcome_value",
    "outcome_qualifier",
    "verdict",
    "implied",
    "achieved",
    "rate_unit",
    "basis",
    "target_source",
    "outcome_source",
]


@lru_cache(maxsize=1)
def headlines() -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]:
    """The headline indicators of :data:`HEADLINE_FILE`: (key, label_zh, concepts, measures)."""
    df = read_data_csv(HEADLINE_FILE)
    return tuple(
        (r.key, r.label_zh, tuple(r.concepts.split("|")), tuple(r.measures.split("|")))
        for r in df.itertuples(index=False)
    )


def check_plans(plans: str | Iterable[str]) -> tuple[str, ...]:
    """The plans as names of ``data/plan_periods.csv``, each once (one plan may be a str)."""
    given = [plans] if isinstance(plans, str) else list(plans)
    if not given:
        raise ParameterError("plans: give at least one plan, e.g. ('十三五', '十四五')")
    return tuple(dict.fromkeys(plan_period(p).name for p in given))


def peer_regions(figures: pd.DataFrame, regions: Iterable[str] | None = None) -> list[str]:
    """The regions to score: ``regions`` (each once, in order), or every region of ``figures``
    sorted by name. A region given that has no figure is kept (its scorecard is empty)."""
    require_columns(
        figures,
        ["region"],
        function="peers.scorecards",
        argument="figures",
        made_by="extract_figures()",
    )
    if regions is None:
        names = {str(r) for r in figures["region"].dropna().unique()}  # each value once
        return sorted(r for r in names if r)
    if isinstance(regions, str):
        regions = [regions]
    out = list(dict.fromkeys(str(r) for r in regions))
    if not all(r.strip() for r in out):
        raise ParameterError("regions: every region must be a non-empty name")
    return out


def region_scorecards(
    figures: pd.DataFrame,
    region: str,
    plans: Sequence[str] = DEFAULT_PLANS,
    regions: Iterable[str] = (),
    statements: Sequence[Mapping[str, Any]] = (),
) -> pd.DataFrame:
    """The scorecards of one region for every plan of ``plans``, one table (the task of one
    worker). ``figures`` may hold that region's figures only: each region is scored on its own
    figures. ``regions``: the corpus' regions (a region of it without figures: empty table).
    ``statements``: the region's statements of achievement in words (``plans.verbal``)."""
    known = {*map(str, regions), region}
    periods = [plan_period(p) for p in plans]  # a wrong plan is named before a wrong region
    if not periods:
        return empty_scorecards()
    prepared = prepare_figures(figures, region, known)  # once for all the plans
    # each plan's table in order, conformed once joined (the same dtypes: SCORECARD)
    frames = [
        prepared_scorecard(prepared, region, p, conformed=False, statements=statements)
        for p in periods
    ]
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_scorecards()
    return conform(pd.concat(frames, ignore_index=True), SCORECARD)


def empty_scorecards() -> pd.DataFrame:
    """A scorecards table without rows (the columns of ``plan_scorecard``)."""
    return conform(pd.DataFrame(columns=SCORECARD_COLUMNS), SCORECARD)


def scorecards(
    figures: pd.DataFrame,
    regions: Iterable[str] | None = None,
    plans: str | Iterable[str] = DEFAULT_PLANS,
    *,
    corpus_regions: Iterable[str] = (),
    statements: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every region × plan × target of ``figures`` in one table, computed here region by region
    (see the module docstring; ``ningbo_analysis.run.peers.scorecards`` runs it on Dask and
    caches it). ``corpus_regions``: regions of the corpus without figures are not an error.
    ``statements``: the corpus' statements of achievement in words
    (``plans.verbal.review_statements``), as ``plan_scorecard(..., corpus=)`` reads them."""
    names = check_plans(plans)
    wanted = peer_regions(figures, regions)
    by_region = {r: g for r, g in figures.groupby(figures["region"].astype(str), sort=False)}
    said = statements_by_region(statements)
    frames = [
        region_scorecards(
            by_region.get(r, figures.iloc[:0]),
            r,
            names,
            [*corpus_regions, *wanted],
            said.get(r, []),
        )
        for r in wanted
    ]
    return combine(frames)


def statements_by_region(statements: pd.DataFrame | None) -> dict[str, list[dict]]:
    """The rows of a statements table (``plans.verbal``) by region, as plain rows."""
    if statements is None or not len(statements):
        return {}
    return {
        str(r): g.to_dict("records")
        for r, g in statements.groupby(statements["region"].astype(str), sort=False)
    }


def combine(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Region tables (:func:`region_scorecards`, in region order) as one table, index 0..n."""
    kept = [f for f in frames if len(f)]
    if not kept:
        return empty_scorecards()
    return conform(pd.concat(kept, ignore_index=True)[SCORECARD_COLUMNS], SCORECARD)


# ---------------------------------------------------------------- summary


def _years(row: pd.Series, outcome: bool) -> float:
    base = row.get("base_year")
    end = row.get("outcome_year") if outcome else row.get("target_year")
    try:
        return float(int(end) - int(base))
    except (TypeError, ValueError):
        return math.nan


def _num(value: object) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return out


def implied_growth(row: pd.Series) -> tuple[float, float, str, str]:
    """(implied, achieved, rate unit, basis) of one scorecard row: the yearly growth its target
    implies from the base year and the yearly growth achieved (NaN when unknown; see the module
    docstring). Rate unit ``%`` (a year) or ``个百分点`` (a year); basis ``stated``,
    ``levels`` (a compound rate of levels: nominal for money) or ``pp`` (a rate in %)."""
    measure, unit = str(row.get("measure", "")), str(row.get("unit", ""))
    target, outcome = _num(row.get("target_value")), _num(row.get("outcome_value"))
    same_unit = str(row.get("outcome_unit", "")) == unit
    if measure in ("avg_growth", "growth"):
        return target, outcome if same_unit else math.nan, "%", "stated"
    n, n_out = _years(row, False), _years(row, True)
    if (
        measure == "change"
    ):  # pp over the plan; a multiple (翻一番: 2倍 over 2010-2020) has no rate here
        if unit not in ("%", "个百分点") or not n > 0:
            return math.nan, math.nan, "", ""
        return target / n, outcome / n if same_unit else math.nan, "个百分点", "pp"
    if measure != "level":
        return math.nan, math.nan, "", ""
    base = _num(row.get("base_value")) if str(row.get("base_unit", "")) == unit else math.nan
    outcome = outcome if same_unit else math.nan
    if unit == "%":
        return pp_per_year(base, target, n), pp_per_year(base, outcome, n_out), "个百分点", "pp"
    return cagr(base, target, n), cagr(base, outcome, n_out), "%", "levels"


def _headline_pick(rows: pd.DataFrame, concepts: Sequence[str], measures: Sequence[str]):
    """The scored row of the best concept and measure (first in the data file), or None."""
    for concept in concepts:
        mine = rows[rows["concept"] == concept]
        for measure in measures:
            hit = mine[mine["measure"] == measure]
            if len(hit):
                return hit.iloc[0]
    return None


def headline_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The headline indicators of every region and plan of a scorecards table, one row each
    (:data:`HEADLINE_COLUMNS`; a region without the indicator has no row)."""
    _check_table(table, "headline_rows")
    out = []
    scored = table[table["scored"].astype(bool)] if len(table) else table
    for (region, plan), rows in scored.groupby(["region", "plan"], sort=False):
        for key, label, concepts, measures in headlines():
            r = _headline_pick(rows, concepts, measures)
            if r is None:
                continue
            implied, achieved, rate_unit, basis = implied_growth(r)
            out.append(
                {
                    "region": region,
                    "plan": plan,
                    "headline": key,
                    "label_zh": label,
                    **{c: r[c] for c in ("indicator", "concept", "measure", "unit")},
                    "target_value": _num(r["target_value"]),
                    "target_qualifier": r["target_qualifier"],
                    "outcome_value": _num(r["outcome_value"]),
                    "outcome_qualifier": r["outcome_qualifier"],
                    "verdict": r["verdict"],
                    "implied": implied,
                    "achieved": achieved,
                    "rate_unit": rate_unit,
                    "basis": basis,
                    "target_source": r["target_source"],
                    "outcome_source": r["outcome_source"],
                }
            )
    frame = pd.DataFrame(out, columns=HEADLINE_COLUMNS)
    for c in ("target_value", "outcome_value", "implied", "achieved"):
        frame[c] = frame[c].astype(float)
    return conform(frame, HEADLINES)


def _check_table(table: pd.DataFrame, function: str) -> None:
    require_columns(
        table,
        ["region", "plan", "verdict", "scored", "concept", "measure", "theme"],
        function=f"peers.{function}",
        argument="table",
        made_by="scorecards()",
    )


def _counts(rows: pd.DataFrame) -> dict[str, float]:
    scored = rows[rows["scored"].astype(bool)]
    v = scored["verdict"].value_counts()
    met, missed = int(v.get("met", 0)), int(v.get("missed", 0))
    decided = met + missed
    return {
        "targets": len(scored),
        "met": met,
        "missed": missed,
        "unclear": int(v.get("unclear", 0)),
        "no_outcome": int(v.get("no_outcome", 0)),
        "in_progress": int(sum(v.get(x, 0) for x in IN_PROGRESS)),
        "unscored": len(rows) - len(scored),
        "decided": decided,
        "share_met": 100.0 * met / decided if decided else math.nan,
    }


def scorecard_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per region and plan of a scorecards table: verdict counts, share met, rank and
    the headline indicators side by side (see the module docstring). Rows in the table's order
    of regions and plans."""
    _check_table(table, "scorecard_summary")
    rows = [
        {"region": region, "plan": plan, **_counts(group)}
        for (region, plan), group in table.groupby(["region", "plan"], sort=False)
    ]
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    ranks = summary.groupby("plan")["share_met"].rank(method="min", ascending=False)
    summary["rank"] = ranks.astype(float)
    summary["ranked"] = summary.groupby("plan")["share_met"].transform("count").astype(int)
    heads = headline_rows(table).set_index(["region", "plan", "headline"])
    for key, *_ in headlines():
        for field in HEADLINE_FIELDS:
            source = {"target": "target_value", "outcome": "outcome_value"}.get(field, field)
            values = [
                heads[source].get((r, p, key), math.nan if field in _FLOATS else "")
                for r, p in zip(summary["region"], summary["plan"], strict=True)
            ]
            summary[f"{key}_{field}"] = values
            if field in _FLOATS:
                summary[f"{key}_{field}"] = summary[f"{key}_{field}"].astype(float)
    for c in SUMMARY_COLUMNS[2:10]:
        summary[c] = summary[c].astype("int64")
    return conform(summary, SUMMARY)


_FLOATS = ("target", "outcome", "implied", "achieved")


def theme_verdicts(table: pd.DataFrame) -> pd.DataFrame:
    """Verdict counts per region, plan and theme (scored rows): region, plan, theme, targets,
    met, missed, decided, share_met (% of decided)."""
    _check_table(table, "theme_verdicts")
    out = []
    keys = filled(table[["region", "plan", "theme"]])  # a target without theme: its own group
    for (region, plan, theme), rows in table.groupby([keys.region, keys.plan, keys.theme]):
        c = _counts(rows)
        out.append({"region": region, "plan": plan, "theme": theme, **c})
    cols = ["region", "plan", "theme", "targets", "met", "missed", "decided", "share_met"]
    frame = pd.DataFrame(out, columns=[*cols, "unclear", "no_outcome", "in_progress", "unscored"])
    return conform(frame[cols], SCORECARD)  # region, plan, theme in the scorecard's dtypes


__all__ = [
    "DEFAULT_PLANS",
    "HEADLINE_COLUMNS",
    "HEADLINE_FIELDS",
    "HEADLINE_FILE",
    "IN_PROGRESS",
    "SUMMARY_COLUMNS",
    "check_plans",
    "combine",
    "empty_scorecards",
    "headline_rows",
    "headlines",
    "implied_growth",
    "peer_regions",
    "region_scorecards",
    "scorecard_summary",
    "scorecards",
    "statements_by_region",
    "theme_verdicts",
]
