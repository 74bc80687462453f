"""Stage 5 — compare: the 13th-period record against the 14th-period targets, per region.

``compare_plans(figures, region)`` takes the figures table (``extract_figures``) and returns one
row per indicator (concept) that has a 14th-period target — a 2025 level, a 2021-2025 cumulative
total or a 2021-2025 average growth rate — with these columns:

==================  ==========================================================================
indicator           the indicator as written next to the target (e.g. 地区生产总值)
unit                base unit of ``target_2025`` (元, 美元, 人, %, …)
theme               theme id from ``data/indicator_themes.csv`` (ids of ``theme_names.csv``)
base_2015           2015 level (stated, or derived: 2020 level minus the stated 2015-2020 change)
actual_2020         2020 level (never a flow such as 新增…, never a figure of another scope)
target_2025         the target as stated: a 2025 level, a five-year total or a growth rate (%)
target_qualifier    以上, 左右, 超过, 突破 … as written
achieved_13th       stated 2016-2020 average growth (%), five-year total, or 2015→2020 change (pp)
implied_annual      what the target requires per year from the 2020 level (see ``annual_unit``)
historical_annual   the same measure for 2015→2020 when both levels (or the total) are known
later_evidence      later figures in the corpus (2021 actuals, 2021 and later targets)
status              ahead / on track / behind / insufficient evidence (rule: ``STATUS_RULE``)
sources             doc_id@start-end 「raw」 for every number used
==================  ==========================================================================

Extra columns: ``concept``, ``target_type`` (level | cumulative | avg_growth | change),
``unit_kind`` (money | amount | percent), ``level_unit`` (unit of ``base_2015`` and
``actual_2020``, e.g. 元 for a growth-rate target whose ``unit`` is %), ``annual_unit`` (%/yr, pp/yr, <unit>/yr),
``implied_basis`` / ``historical_basis`` / ``achieved_basis`` (nominal, real, pp …),
``target_vs_13th`` (five-year total against the 13th-period total), ``status_basis``,
``progress_ratio`` and ``note``.

Growth of money, counts and physical amounts is a compound annual rate (CAGR, %); shares and
rates in % move in percentage points per year — never a CAGR of a percentage. A money target
implies a NOMINAL growth rate (current prices) while the stated growth of GDP and value added is
REAL (comparable prices): the two are labelled and never mixed in ``status``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .concepts import concept_column
from .errors import NingboAnalysisError, ParameterError
from .resources import read_data_csv

PLAN_END = 2025
BASE_YEAR = PLAN_END - 5  # 2020, last year of the 13th period
START_YEAR = BASE_YEAR - 5  # 2015, base of the 13th period
YEARS = PLAN_END - BASE_YEAR

STATUS_RULE = """\
Status rule (applied to the latest later evidence in the corpus, year 2021-2024):
1. Evidence, in order of preference: an actual of a later year, else a target of a later year
   (the latest year first). Levels are compared with levels of the same unit, growth rates with
   growth rates of the same concept and basis (a yearly nominal growth with a money target's
   nominal CAGR, never a real GDP growth rate), flows with the yearly share of a five-year total.
2. Required path from the 2020 level to the 2025 target: compound for money and amounts,
   straight line (pp per year) for shares and rates in %, target/5 per year for five-year totals,
   the stated rate for average-growth targets.
3. progress ratio = progress shown by the evidence / progress the path requires by that year
   (log scale for compound paths): 1 means exactly on the path.
4. ahead if ratio > 1 + t, behind if ratio < 1 - t, on track otherwise, with tolerance
   t = {tolerance:g} (a quarter of the required progress).
5. insufficient evidence when there is no 2020 base, no later evidence on the same basis (e.g. a
   real growth rate against a nominal money target), or the target requires no change.
6. Bounds (``target_qualifier``). A ceiling (at_most 以内/不超过, less_than 不到) is a limit, not a
   point to reach: evidence within the ceiling is on track (ahead when the 2020 level was above
   it, i.e. a required cut already made); evidence above it is behind, unless the 2020 level was
   above it too: then the cut is judged on the path (rules 2-4). Growth-rate and five-year-total
   ceilings: a rate (or a yearly flow, pro rata) within the ceiling is on track, above is behind.
   A floor (at_least 以上/不低于, more_than 超过/突破) on a level: evidence that already reaches it
   is ahead when the 2020 level was below it, on track when the 2020 level already met it (held);
   evidence below it is behind if the 2020 level met it, else judged on the path (rules 2-4).
   A yearly growth rate is applied to the 2020 level (2021 only) to check a level bound.
"""

COLUMNS = [
    "indicator",
    "unit",
    "theme",
    "base_2015",
    "actual_2020",
    "target_2025",
    "target_qualifier",
    "achieved_13th",
    "implied_annual",
    "historical_annual",
    "later_evidence",
    "status",
    "sources",
    "concept",
    "target_type",
    "unit_kind",
    "level_unit",
    "annual_unit",
    "implied_basis",
    "historical_basis",
    "achieved_basis",
    "target_vs_13th",
    "status_basis",
    "progress_ratio",
    "note",
]

REQUIRED_FIGURE_COLUMNS = [
    "doc_id",
    "region",
    "indicator",
    "kind",
    "measure",
    "period",
    "value",
    "unit",
    "raw",
    "sentence",
    "start",
    "end",
]

STATUSES = ("ahead", "on track", "behind", "insufficient evidence")
LEVEL_MEASURES = ("level", "share")

_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")
_SPAN = re.compile(r"^\s*(\d{4})\s*[-–—~至到]\s*(\d{4})\s*$")


# --------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareRules:
    """The comparison's lexicon, read from ``data/compare_rules.csv``."""

    flow_markers: tuple[str, ...]
    real_growth_markers: tuple[str, ...]
    money_units: tuple[str, ...]
    percent_units: tuple[str, ...]
    pp_units: tuple[str, ...]
    scope_pairs: tuple[tuple[str, str, str], ...]
    tolerance: float
    ceiling_qualifiers: tuple[str, ...] = ()
    floor_qualifiers: tuple[str, ...] = ()


@cache
def load_rules() -> CompareRules:
    """Read ``data/compare_rules.csv`` (rule,value,note) into a :class:`CompareRules`."""
    df = read_data_csv("compare_rules.csv")

    def values(rule: str) -> tuple[str, ...]:
        return tuple(df.loc[df["rule"] == rule, "value"].str.strip())

    pairs = []
    for value, note in df.loc[df["rule"] == "scope_pair", ["value", "note"]].itertuples(
        index=False
    ):
        wide, sep, narrow = value.partition(">")
        if not sep or not wide or not narrow:
            raise NingboAnalysisError(
                f"compare_rules.csv: scope_pair {value!r} must look like 'wide>narrow'"
            )
        pairs.append((wide, narrow, note))
    tol = values("status_tolerance")
    try:
        tolerance = float(tol[0])
    except (IndexError, ValueError) as exc:
        raise NingboAnalysisError("compare_rules.csv: status_tolerance must be a number") from exc
    return CompareRules(
        flow_markers=tuple(sorted(values("flow_marker"), key=len, reverse=True)),
        real_growth_markers=values("real_growth_marker"),
        money_units=values("money_unit"),
        percent_units=values("percent_unit"),
        pp_units=values("pp_unit"),
        scope_pairs=tuple(pairs),
        tolerance=tolerance,
        ceiling_qualifiers=values("ceiling_qualifier"),
        floor_qualifiers=values("floor_qualifier"),
    )


@cache
def load_indicator_themes() -> pd.DataFrame:
    """Read ``data/indicator_themes.csv`` and check its theme ids against ``theme_names.csv``."""
    df = read_data_csv("indicator_themes.csv")
    known = set(read_data_csv("theme_names.csv")["theme"])
    bad = sorted(set(df["theme"]) - known)
    if bad:
        raise NingboAnalysisError(f"indicator_themes.csv: unknown theme id(s) {bad}")
    bad_match = sorted(set(df["match"]) - {"exact", "keyword"})
    if bad_match:
        raise NingboAnalysisError(
            f"indicator_themes.csv: match must be exact|keyword, got {bad_match}"
        )
    return df


def theme_of(name: str, lexicon: pd.DataFrame | None = None) -> str:
    """Theme id of an indicator name: exact match first, else the longest keyword ("" if none).

    >>> theme_of("常住人口城镇化率")
    'urban_rural'
    """
    lex = load_indicator_themes() if lexicon is None else lexicon
    name = str(name).strip()
    exact = lex[(lex["match"] == "exact") & (lex["pattern"] == name)]
    if len(exact):
        return str(exact["theme"].iloc[0])
    best, best_len = "", 0
    for theme, pattern in lex.loc[lex["match"] == "keyword", ["theme", "pattern"]].itertuples(
        index=False
    ):
        if pattern and pattern in name and len(pattern) > best_len:
            best, best_len = theme, len(pattern)
    return best


def theme_order() -> list[str]:
    """Theme ids in the order of ``theme_names.csv``."""
    return list(read_data_csv("theme_names.csv")["theme"])


# --------------------------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------------------------


def period_bounds(period: object) -> tuple[int, int] | None:
    """First and last year of a full-year period ("2020", "2016-2020"); None for partial periods.

    >>> period_bounds("2016-2020"), period_bounds("2020-01~11")
    ((2016, 2020), None)
    """
    if period is None or (isinstance(period, float) and math.isnan(period)):
        return None
    text = str(period)
    m = _YEAR.match(text)
    if m:
        return int(m.group(1)), int(m.group(1))
    m = _SPAN.match(text)
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in % from ``start`` to ``end`` over ``years`` (NaN if undefined).

    >>> round(cagr(1.24087e12, 1.7e12, 5), 2)
    6.5
    """
    if not (years > 0) or not (start > 0) or not (end > 0):
        return math.nan
    return ((end / start) ** (1.0 / years) - 1.0) * 100.0


def pp_per_year(start: float, end: float, years: float) -> float:
    """Average change in percentage points per year (for shares and rates in %).

    >>> pp_per_year(71.1, 75.0, 5)
    0.78
    """
    if not (years > 0) or math.isnan(start) or math.isnan(end):
        return math.nan
    return round((end - start) / years, 10)


def unit_kind(unit: str, rules: CompareRules | None = None) -> str:
    """``money`` (元, 美元 …), ``percent`` (%), ``pp`` (个百分点) or ``amount`` (counts, tonnes …)."""
    r = load_rules() if rules is None else rules
    if unit in r.money_units:
        return "money"
    if unit in r.percent_units:
        return "percent"
    if unit in r.pp_units:
        return "pp"
    return "amount"


def growth_basis(concept: str, rules: CompareRules | None = None) -> str:
    """Basis of a *stated* growth rate: ``real`` for GDP and value added, else ``nominal``."""
    r = load_rules() if rules is None else rules
    return "real" if any(m in concept for m in r.real_growth_markers) else "nominal"


def is_flow(indicator: str, sentence: str = "", rules: CompareRules | None = None) -> bool:
    """True if the figure counts what was added in a period (新增…, 新引进…, 累计…).

    Looks at the start of the indicator and at the few characters just before it in the sentence.

    >>> is_flow("高新技术企业", "新增高新技术企业1023家")
    True
    """
    r = load_rules() if rules is None else rules
    ind = str(indicator)
    if any(ind.startswith(m) for m in r.flow_markers):
        return True
    sent = str(sentence or "")
    pos = sent.find(ind) if ind else -1
    while pos >= 0:
        before = sent[max(0, pos - 4) : pos]
        if any(before.endswith(m) for m in r.flow_markers):
            return True
        pos = sent.find(ind, pos + 1)
    return False


def classify_status(ratio: float, tolerance: float | None = None) -> str:
    """Status from a progress ratio (1 = exactly on the required path), see ``STATUS_RULE``."""
    tol = load_rules().tolerance if tolerance is None else tolerance
    if ratio is None or math.isnan(ratio):
        return "insufficient evidence"
    if ratio > 1 + tol:
        return "ahead"
    if ratio < 1 - tol:
        return "behind"
    return "on track"


def status_rule_text(tolerance: float | None = None) -> str:
    """The status rule as shown in the report."""
    tol = load_rules().tolerance if tolerance is None else tolerance
    return STATUS_RULE.format(tolerance=tol)


def _fmt(value: float) -> str:
    """Compact number for notes and evidence strings (1.45949e+12, 76, 0.78)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NA"
    if abs(value) >= 1e6:
        return f"{value:.6g}"
    return f"{round(value, 4):g}"


# --------------------------------------------------------------------------------------------
# Preparing the figures table
# --------------------------------------------------------------------------------------------


def prepare_figures(figures: pd.DataFrame, region: str) -> pd.DataFrame:
    """Validate the figures table and return the region's full-year rows with helper columns:
    ``key`` (the concept, ``concepts.concept_of``), ``y0``/``y1`` (years of ``period``),
    ``flow`` (新增… figures) and ``report_year`` (9999 when unknown)."""
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"figures must be a pandas DataFrame, got {type(figures).__name__}")
    missing = [c for c in REQUIRED_FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise ParameterError(f"figures table lacks column(s) {missing} (see docs/conventions.md)")
    if not isinstance(region, str) or not region.strip():
        raise ParameterError(f"region must be a non-empty string, got {region!r}")
    present = sorted(set(figures["region"].dropna().astype(str)))
    known = set(read_data_csv("regions.csv")["region"])
    if region not in present and region not in known:
        raise ParameterError(
            f"region {region!r} is neither in the figures table nor in regions.csv; "
            f"regions with figures: {present}"
        )
    df = figures.loc[figures["region"].astype(str) == region].copy()
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df.loc[df["value"].notna()].copy()
    for col in ("concept", "qualifier", "report_year"):
        if col not in df.columns:
            df[col] = pd.NA
    df["indicator"] = df["indicator"].astype(str).str.strip()
    df["key"] = concept_column(df)
    for col in ("kind", "measure", "unit", "raw", "sentence", "doc_id"):
        df[col] = df[col].astype("string").fillna("").astype(str)
    df["qualifier"] = df["qualifier"].astype("string").fillna("").astype(str)
    bounds = df["period"].map(period_bounds)
    df = df.loc[bounds.notna()].copy()
    df["y0"] = bounds[bounds.notna()].map(lambda b: b[0]).astype(int)
    df["y1"] = bounds[bounds.notna()].map(lambda b: b[1]).astype(int)
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce").fillna(9999).astype(int)
    rules = load_rules()
    df["flow"] = [
        is_flow(i, s, rules) for i, s in zip(df["indicator"], df["sentence"], strict=True)
    ]
    df["start"] = pd.to_numeric(df["start"], errors="coerce").fillna(-1).astype(int)
    df["end"] = pd.to_numeric(df["end"], errors="coerce").fillna(-1).astype(int)
    return df.sort_values(["report_year", "doc_id", "start", "end"], kind="stable").reset_index(
        drop=True
    )


def _source(label: str, row: pd.Series | None) -> str:
    """``label: 002-01@1234-1245 「raw」`` for one figure row."""
    if row is None:
        return ""
    raw = str(row["raw"]).strip() or _fmt(float(row["value"]))
    return f"{label}: {row['doc_id']}@{row['start']}-{row['end']} 「{raw}」"


def _pick(rows: pd.DataFrame, prefer_doc: str | None = None) -> pd.Series | None:
    """The preferred row: same document as the target first, then earliest report, doc, offset."""
    if rows.empty:
        return None
    if prefer_doc is not None:
        same = rows[rows["doc_id"] == prefer_doc]
        if len(same):
            return same.iloc[0]
    return rows.iloc[0]


def _conflicts(rows: pd.DataFrame, chosen: pd.Series | None) -> str:
    """Note listing other values stated for the same figure, if any differ from the chosen one."""
    if chosen is None or len(rows) < 2:
        return ""
    others = rows[~rows["value"].sub(float(chosen["value"])).abs().le(1e-9 * abs(chosen["value"]))]
    if others.empty:
        return ""
    vals = ", ".join(
        f"{_fmt(v)} ({d})" for v, d in zip(others["value"], others["doc_id"], strict=True)
    )
    return f"other values stated for {chosen['period']}: {vals}"


# --------------------------------------------------------------------------------------------
# The comparison
# --------------------------------------------------------------------------------------------


def _target_type(row: pd.Series) -> str | None:
    """level | cumulative | avg_growth | change for a 14th-period target row, else None."""
    if row["kind"] != "target" or row["y1"] != PLAN_END:
        return None
    single = row["y0"] == PLAN_END
    span = row["y0"] == BASE_YEAR + 1
    from_base = row["y0"] == BASE_YEAR  # 比2020年提高… : "2020-2025"
    measure = row["measure"]
    if measure in LEVEL_MEASURES and single:
        return "level"
    if measure == "cumulative" and (span or single):
        return "cumulative"
    if measure == "avg_growth" and (span or single):
        return "avg_growth"
    if measure == "change" and (span or single or from_base):
        return "change"
    return None


def _targets(df: pd.DataFrame) -> pd.DataFrame:
    """One target per (concept, target type): the earliest report's first statement."""
    types = df.apply(_target_type, axis=1) if len(df) else pd.Series(dtype=object)
    t = df.assign(target_type=types).loc[lambda d: d["target_type"].notna()]
    return t


def _level_rows(df: pd.DataFrame, key: str, unit: str, year: int) -> pd.DataFrame:
    """Stock level rows (actual) of a concept for one full year in the given unit."""
    return df[
        (df["key"] == key)
        & (df["kind"] == "actual")
        & df["measure"].isin(LEVEL_MEASURES)
        & (df["y0"] == year)
        & (df["y1"] == year)
        & (df["unit"] == unit)
    ]


def _thirteenth(df: pd.DataFrame, key: str, measure: str) -> pd.DataFrame:
    """Actual rows of a concept covering the 13th period (2016-2020 or 2015-2020)."""
    return df[
        (df["key"] == key)
        & (df["kind"] == "actual")
        & (df["measure"] == measure)
        & df["y0"].isin([START_YEAR, START_YEAR + 1])
        & (df["y1"] == BASE_YEAR)
    ]


def _later(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Rows of a concept about a later year of the 14th period (2021-2024), actuals first."""
    later = df[
        (df["key"] == key)
        & (df["y1"] > BASE_YEAR)
        & (df["y1"] < PLAN_END)
        & (df["measure"] != "rank")
    ]
    later = later.assign(_actual=(later["kind"] != "actual").astype(int))
    return later.sort_values(
        ["_actual", "y1", "report_year", "doc_id", "start"],
        ascending=[True, False, True, True, True],
        kind="stable",
    )


def _evidence_text(rows: pd.DataFrame) -> str:
    """``2021 actual 1.45949e+12 元 [002-05]; 2021 target growth 7 % [002-01]``."""
    parts = []
    seen = set()
    for r in rows.itertuples(index=False):
        measure = "" if r.measure in LEVEL_MEASURES else f"{r.measure} "
        q = f" {r.qualifier}" if r.qualifier else ""
        text = f"{r.period} {r.kind} {measure}{_fmt(r.value)} {r.unit}{q} [{r.doc_id}]"
        if text not in seen:
            seen.add(text)
            parts.append(text)
    return "; ".join(parts)


def _scope_note(df: pd.DataFrame, key: str, kind: str, rules: CompareRules) -> str:
    """Note naming figures of a different scope (e.g. goods trade for a goods-and-services target)."""
    notes = []
    seen: set[tuple[str, int]] = set()
    for wide, narrow, why in rules.scope_pairs:
        if wide not in key:
            continue
        other = df[
            df["key"].str.contains(narrow, regex=False)
            & ~df["key"].str.contains(wide, regex=False)
            & (df["kind"] == "actual")
            & df["measure"].isin(LEVEL_MEASURES)
            & (df["y1"] == BASE_YEAR)
            & (df["y0"] == BASE_YEAR)
            & df["unit"].map(lambda u: unit_kind(u, rules) == kind)
        ]
        for r in other.itertuples(index=False):
            if (r.doc_id, r.start) in seen:
                continue
            seen.add((r.doc_id, r.start))
            notes.append(
                f"different scope: {BASE_YEAR} {r.key} {_fmt(r.value)} {r.unit} [{r.doc_id}] "
                f"({why}); no ratio computed"
            )
    return "; ".join(dict.fromkeys(notes))


def _progress(
    target_type: str, kind: str, a2020: float, target: float, ev: pd.Series
) -> tuple[float, str]:
    """Progress ratio of one evidence row against the required path, with a short reason."""
    years = int(ev["y1"]) - BASE_YEAR
    value = float(ev["value"])
    if target_type in ("level", "change") and ev["measure"] in LEVEL_MEASURES:
        if kind == "percent":
            need = (target - a2020) / YEARS * years
            if abs(need) < 1e-12:
                return math.nan, "target equals the 2020 level"
            return (value - a2020) / need, "pp path"
        if a2020 > 0 and target > 0 and value > 0:
            need = math.log(target / a2020) / YEARS * years
            if abs(need) < 1e-12:
                return math.nan, "target equals the 2020 level"
            return math.log(value / a2020) / need, "compound path"
        return math.nan, "non-positive level"
    if target_type in ("level", "change") and ev["measure"] == "growth" and kind != "percent":
        if a2020 > 0 and target > 0 and value > -100:
            need = math.log(target / a2020) / YEARS
            if abs(need) < 1e-12:
                return math.nan, "target equals the 2020 level"
            return math.log(1 + value / 100) / need, "yearly growth vs required CAGR"
        return math.nan, "non-positive level"
    if target_type == "cumulative" and ev["measure"] not in ("growth", "avg_growth", "change"):
        span = int(ev["y1"]) - int(ev["y0"]) + 1
        if ev["measure"] == "cumulative" and int(ev["y0"]) == BASE_YEAR + 1:
            return value / (target * span / YEARS), "share of the five-year total"
        if span == 1:
            return value / (target / YEARS), "yearly flow vs target/5"
        return math.nan, "span not comparable"
    if target_type == "avg_growth" and ev["measure"] in ("growth", "avg_growth"):
        if abs(target) < 1e-12:
            return math.nan, "target growth is zero"
        return value / target, "growth rate vs required rate"
    return math.nan, "not comparable"


def bound_of(qualifier: str, rules: CompareRules | None = None) -> str:
    """``ceiling`` (以内, 不超过, 不到), ``floor`` (以上, 超过, 突破) or "" for a target qualifier.

    >>> bound_of("at_most"), bound_of("more_than"), bound_of("approx")
    ('ceiling', 'floor', '')
    """
    r = load_rules() if rules is None else rules
    if qualifier in r.ceiling_qualifiers:
        return "ceiling"
    if qualifier in r.floor_qualifiers:
        return "floor"
    return ""


def _bound_check(
    bound: str,
    qualifier: str,
    target_type: str,
    a2020: float,
    target: float,
    ev: pd.Series,
) -> tuple[str, str] | str | None:
    """Status of one evidence row against a ceiling or floor (rule 6 of ``STATUS_RULE``).

    Returns (status, reason), ``"path"`` when the evidence is to be judged on the required path,
    or None when the evidence cannot be checked against the bound.
    """
    value = float(ev["value"])
    strict = qualifier in ("less_than", "more_than")
    if target_type == "avg_growth":
        if bound == "floor":
            return "path"
        level, what = value, f"{_fmt(value)} %"
    elif target_type == "cumulative":
        if bound == "floor":
            return "path"
        span = int(ev["y1"]) - int(ev["y0"]) + 1
        target = target * span / YEARS
        level, what = value, f"{_fmt(value)} {ev['unit']} ({span} yr, pro rata)"
    else:  # level
        if ev["measure"] in LEVEL_MEASURES:
            level = value
            what = _fmt(value)
        elif ev["measure"] == "growth" and int(ev["y1"]) == BASE_YEAR + 1 and value > -100:
            level = a2020 * (1 + value / 100)
            what = f"{_fmt(level)} = {BASE_YEAR} level × (1 + {_fmt(value)}%)"
        else:
            level, what = math.nan, ""
        must_move = a2020 > target if bound == "ceiling" else a2020 < target
        if math.isnan(level):
            return "path" if must_move else None
    if bound == "ceiling":
        within = level < target if strict else level <= target
        if within:
            cut = target_type == "level" and a2020 > target
            status = "ahead" if cut else "on track"
            return status, f"{what} within the ceiling of {_fmt(target)}"
        if target_type == "level" and a2020 > target:
            return "path"
        return "behind", f"{what} above the ceiling of {_fmt(target)}"
    reached = level > target if strict else level >= target
    rise = a2020 < target
    if reached:
        if rise:
            return "ahead", f"{what}: floor reached ({_fmt(target)})"
        return "on track", f"{what}: floor held ({_fmt(target)})"
    return "path" if rise else ("behind", f"{what} below the floor of {_fmt(target)}")


def _status(
    target_type: str,
    kind: str,
    unit: str,
    a2020: float,
    target: float,
    later: pd.DataFrame,
    rules: CompareRules,
    growth_comparable: bool = False,
    qualifier: str = "",
) -> tuple[str, str, float, pd.Series | None]:
    """Status, its basis, the progress ratio and the evidence row used (see ``STATUS_RULE``).

    ``growth_comparable``: a yearly growth rate of the concept is on the same basis as the CAGR
    the target implies (nominal money such as retail sales, or volumes); never for real GDP.
    """
    if target_type in ("level", "change") and math.isnan(a2020):
        return "insufficient evidence", "no 2020 level", math.nan, None
    for _, ev in later.iterrows():
        if ev["y0"] < BASE_YEAR + 1:
            continue
        if target_type in ("level", "change"):
            ok = ev["measure"] in LEVEL_MEASURES and ev["unit"] == unit and not ev["flow"]
            growth = growth_comparable and ev["measure"] == "growth"
            ok = (ok or (growth and ev["unit"] in rules.percent_units)) and ev["y0"] == ev["y1"]
        elif target_type == "cumulative":
            ok = ev["unit"] == unit and ev["measure"] in ("level", "cumulative")
        else:  # avg_growth
            ok = ev["measure"] in ("growth", "avg_growth") and ev["unit"] in rules.percent_units
        if not ok:
            continue
        ratio, why = _progress(target_type, kind, a2020, target, ev)
        bound = bound_of(qualifier, rules)
        if bound:
            check = _bound_check(bound, qualifier, target_type, a2020, target, ev)
            if check is None:
                continue
            if check != "path":
                status, why = check
                must_move = (a2020 > target) if bound == "ceiling" else (a2020 < target)
                shown = round(ratio, 4) if must_move and not math.isnan(ratio) else math.nan
                basis = f"{ev['period']} {ev['kind']} ({why})"
                return status, basis, shown, ev
        if math.isnan(ratio):
            continue
        basis = f"{ev['period']} {ev['kind']} ({why})"
        return classify_status(ratio, rules.tolerance), basis, round(ratio, 4), ev
    why = "no later evidence on the same basis" if len(later) else "no later evidence"
    return "insufficient evidence", why, math.nan, None


def _compare_one(
    df: pd.DataFrame, trow: pd.Series, target_type: str, rules: CompareRules, lex: pd.DataFrame
) -> dict:
    """Build the comparison row of one 14th-period target."""
    key, unit = trow["key"], trow["unit"]
    kind = unit_kind(unit, rules)
    if kind == "pp":
        kind = "percent"
    target = float(trow["value"])
    notes: list[str] = []
    src = [_source("target_2025", trow)]
    high = pd.to_numeric(pd.Series([trow.get("value_high")]), errors="coerce").iloc[0]
    if not pd.isna(high):
        notes.append(
            f"target is a range {_fmt(float(trow['value']))}–{_fmt(high)}: the lower end is used"
        )
    nan = math.nan
    out = {c: nan for c in COLUMNS}
    out.update(
        indicator=trow["indicator"],
        unit=unit,
        theme=theme_of(key, lex) or theme_of(trow["indicator"], lex),
        target_2025=target,
        target_qualifier=trow["qualifier"],
        concept=key,
        target_type=target_type,
        unit_kind=unit_kind(unit, rules),
        later_evidence="",
        note="",
        level_unit="",
        implied_basis="",
        historical_basis="",
        achieved_basis="",
        annual_unit="",
    )
    level_unit = unit
    if target_type == "change" and unit in rules.pp_units:
        level_unit = rules.percent_units[0]
    # -- 2020 level and 2015 base ------------------------------------------------------------
    a2020, b2015 = nan, nan
    if target_type in ("level", "change", "avg_growth"):
        lv_unit = level_unit if target_type != "avg_growth" else None
        rows = df[
            (df["key"] == key)
            & (df["kind"] == "actual")
            & df["measure"].isin(LEVEL_MEASURES)
            & (df["y0"] == BASE_YEAR)
            & (df["y1"] == BASE_YEAR)
        ]
        if lv_unit is not None:
            wrong_unit = rows[rows["unit"] != lv_unit]
            rows = rows[rows["unit"] == lv_unit]
            if len(wrong_unit) and rows.empty:
                notes.append(f"{BASE_YEAR} figure in another unit ({wrong_unit['unit'].iloc[0]})")
        flows = rows[rows["flow"]]
        stocks = rows[~rows["flow"]]
        if len(flows) and not bool(trow["flow"]):
            f = flows.iloc[0]
            notes.append(
                f"{BASE_YEAR} figure {_fmt(f['value'])} {f['unit']} [{f['doc_id']}] is a flow "
                "(新增…): not a base for the stock target"
            )
        base_rows = flows if bool(trow["flow"]) else stocks
        chosen = _pick(base_rows, trow["doc_id"])
        if chosen is not None:
            a2020 = float(chosen["value"])
            src.append(_source(f"actual_{BASE_YEAR}", chosen))
            c = _conflicts(base_rows, chosen)
            if c:
                notes.append(c)
            level_unit = chosen["unit"]
            if target_type == "avg_growth":
                kind = unit_kind(level_unit, rules)
        b_rows = df[
            (df["key"] == key)
            & (df["kind"] == "actual")
            & df["measure"].isin(LEVEL_MEASURES)
            & (df["y0"] == START_YEAR)
            & (df["y1"] == START_YEAR)
            & (df["unit"] == level_unit)
            & (df["flow"] == bool(trow["flow"]))
        ]
        b = _pick(b_rows, trow["doc_id"])
        if b is not None and (target_type != "avg_growth" or chosen is not None):
            b2015 = float(b["value"])
            src.append(_source(f"base_{START_YEAR}", b))
    if target_type == "change" and not math.isnan(a2020):
        target = a2020 + float(trow["value"])
        out["target_2025"] = target
        out["unit"] = level_unit
        notes.append(f"target stated as a change of {_fmt(float(trow['value']))} {unit}")
        unit = level_unit
        target_type_eff = "level"
    else:
        target_type_eff = target_type
    if target_type in ("level", "change") and math.isnan(a2020):
        scope = _scope_note(df, key, kind, rules)
        if scope:
            notes.append(scope)
        else:
            notes.append(f"no {BASE_YEAR} level in the corpus")
        if not bool(trow["flow"]):
            flow_keys = {m + key for m in rules.flow_markers}
            for f in df[
                df["key"].isin(flow_keys)
                & (df["kind"] == "actual")
                & (df["y0"] == BASE_YEAR)
                & (df["y1"] == BASE_YEAR)
            ].itertuples(index=False):
                notes.append(
                    f"{BASE_YEAR} flow {f.key} {_fmt(f.value)} {f.unit} [{f.doc_id}] "
                    "is not a base for the stock target"
                )
    # -- 13th-period record -------------------------------------------------------------------
    achieved, ach_basis = nan, ""
    if target_type_eff == "avg_growth" or (
        target_type_eff == "level" and kind in ("money", "amount")
    ):
        g = _pick(_thirteenth(df, key, "avg_growth"), trow["doc_id"])
        if g is not None:
            achieved = float(g["value"])
            ach_basis = f"{growth_basis(key, rules)} (stated avg growth, %/yr)"
            src.append(_source("achieved_13th", g))
    elif target_type_eff == "level" and kind == "percent":
        ch = _thirteenth(df, key, "change")
        ch = ch[ch["unit"].isin(rules.pp_units)]
        c = _pick(ch, trow["doc_id"])
        if c is not None:
            achieved = float(c["value"])
            ach_basis = f"pp change {START_YEAR}-{BASE_YEAR} (stated)"
            src.append(_source("achieved_13th", c))
            if math.isnan(b2015) and not math.isnan(a2020):
                b2015 = round(a2020 - achieved, 10)
                notes.append(f"base_{START_YEAR} derived: {BASE_YEAR} level minus stated change")
        elif not math.isnan(b2015) and not math.isnan(a2020):
            achieved = round(a2020 - b2015, 10)
            ach_basis = f"pp change {START_YEAR}-{BASE_YEAR} (from levels)"
    elif target_type_eff == "cumulative":
        cum = _thirteenth(df, key, "cumulative")
        cum = cum[cum["unit"] == unit]
        c = _pick(cum, trow["doc_id"])
        if c is not None:
            achieved = float(c["value"])
            ach_basis = f"five-year total {int(c['y0'])}-{BASE_YEAR} (stated)"
            src.append(_source("achieved_13th", c))
        else:
            scope = _scope_note(df, key, unit_kind(unit, rules), rules)
            if scope:
                notes.append(scope)
        flow = _pick(
            df[
                (df["key"] == key)
                & (df["kind"] == "actual")
                & df["measure"].isin(("level", "cumulative"))
                & (df["y0"] == BASE_YEAR)
                & (df["y1"] == BASE_YEAR)
                & (df["unit"] == unit)
            ],
            trow["doc_id"],
        )
        if flow is not None:
            notes.append(
                f"{BASE_YEAR} yearly flow {_fmt(float(flow['value']))} {unit} [{flow['doc_id']}] "
                f"vs {_fmt(target / YEARS)} {unit} a year required"
            )
            src.append(_source(f"flow_{BASE_YEAR}", flow))
    out["base_2015"] = b2015
    out["actual_2020"] = a2020
    if target_type in ("level", "change") or not math.isnan(a2020):
        out["level_unit"] = level_unit
    else:
        out["level_unit"] = ""  # no level: a five-year total, or a growth target without base
    out["achieved_13th"] = achieved
    out["achieved_basis"] = ach_basis
    # -- implied vs historical ----------------------------------------------------------------
    if target_type_eff == "level":
        if kind == "percent":
            out["implied_annual"] = pp_per_year(a2020, target, YEARS)
            out["historical_annual"] = pp_per_year(b2015, a2020, YEARS)
            out["annual_unit"] = "pp/yr"
            out["implied_basis"] = "pp (straight line)"
            out["historical_basis"] = "pp" if not math.isnan(b2015) else ""
        else:
            out["implied_annual"] = cagr(a2020, target, YEARS)
            out["historical_annual"] = cagr(b2015, a2020, YEARS)
            out["annual_unit"] = "%/yr"
            if kind == "money":
                out["implied_basis"] = "nominal (CAGR of current-price levels)"
                out["historical_basis"] = (
                    "nominal (CAGR of levels)" if not math.isnan(b2015) else ""
                )
                if ach_basis.startswith("real"):
                    notes.append(
                        "implied growth is nominal (current prices); the stated 13th-period "
                        "growth is real (comparable prices): not directly comparable"
                    )
            else:
                out["implied_basis"] = "volume (CAGR of levels)"
                out["historical_basis"] = "volume (CAGR of levels)" if not math.isnan(b2015) else ""
    elif target_type_eff == "cumulative":
        out["implied_annual"] = target / YEARS
        out["annual_unit"] = f"{unit}/yr"
        out["implied_basis"] = "yearly average of the five-year total"
        if not math.isnan(achieved):
            out["historical_annual"] = achieved / YEARS
            out["historical_basis"] = "yearly average of the 13th-period total"
            out["target_vs_13th"] = round(target / achieved, 6) if achieved else nan
    elif target_type_eff == "avg_growth":
        out["implied_annual"] = target
        out["annual_unit"] = "%/yr"
        out["implied_basis"] = f"{growth_basis(key, rules)} (stated target rate)"
        if not math.isnan(b2015) and not math.isnan(a2020):
            out["historical_annual"] = cagr(b2015, a2020, YEARS)
            out["historical_basis"] = "nominal (CAGR of levels)" if kind == "money" else "volume"
    # -- later evidence and status ------------------------------------------------------------
    later = _later(df, key)
    out["later_evidence"] = _evidence_text(later)
    comparable = kind == "amount" or (kind == "money" and growth_basis(key, rules) == "nominal")
    status, basis, ratio, ev = _status(
        target_type_eff, kind, unit, a2020, target, later, rules, comparable, trow["qualifier"]
    )
    out["status"], out["status_basis"], out["progress_ratio"] = status, basis, ratio
    if ev is not None:
        src.append(_source("status_evidence", ev))
    elif len(later):
        notes.append("later evidence not on the target's basis")
    out["sources"] = "; ".join(s for s in src if s)
    out["note"] = "; ".join(dict.fromkeys(n for n in notes if n))
    return out


def _pick_target(df: pd.DataFrame, key: str, group: pd.DataFrame) -> pd.Series:
    """The target statement of a concept: in the unit of its 2020 level when units differ."""
    if group["unit"].nunique() > 1:
        base_units = set(
            df.loc[
                (df["key"] == key)
                & (df["kind"] == "actual")
                & (df["y1"] == BASE_YEAR)
                & (df["y0"] >= START_YEAR),
                "unit",
            ]
        )
        same = group[group["unit"].isin(base_units)]
        if len(same):
            return same.iloc[0]
    return group.iloc[0]


def compare_plans(figures: pd.DataFrame, region: str) -> pd.DataFrame:
    """Line up the 13th-period record with the 14th-period targets of one region.

    One row per concept and target type (2025 level, 2021-2025 total or average growth), sorted
    by theme (order of ``theme_names.csv``) then indicator; columns ``COLUMNS``.

    >>> # compare_plans(extract_figures(load_corpus()), "宁波")  # 地区生产总值: implied 6.50 %/yr
    """
    df = prepare_figures(figures, region)
    rules = load_rules()
    lex = load_indicator_themes()
    targets = _targets(df)
    rows = []
    for (key, ttype), group in targets.groupby(["key", "target_type"], sort=True):
        trow = _pick_target(df, key, group)
        out = _compare_one(df, trow, ttype, rules, lex)
        odd = group[group["unit"] != trow["unit"]]
        if len(odd):
            vals = ", ".join(
                f"{_fmt(v)} {u} ({d})"
                for v, u, d in zip(odd["value"], odd["unit"], odd["doc_id"], strict=True)
            )
            out["note"] = "; ".join(
                x for x in (out["note"], f"targets in another unit ignored: {vals}") if x
            )
        group = group[group["unit"] == trow["unit"]]
        other = group[group["value"] != trow["value"]]
        if len(other):
            vals = ", ".join(
                f"{_fmt(v)} ({d})" for v, d in zip(other["value"], other["doc_id"], strict=True)
            )
            out["note"] = "; ".join(x for x in (out["note"], f"other targets stated: {vals}") if x)
        rows.append(out)
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = {t: i for i, t in enumerate(theme_order())}
    if len(table):
        table = (
            table.assign(_o=table["theme"].map(lambda t: order.get(t, len(order))))
            .sort_values(["_o", "indicator", "target_type"], kind="stable")
            .drop(columns="_o")
            .reset_index(drop=True)
        )
    float_cols = [
        "base_2015",
        "actual_2020",
        "target_2025",
        "achieved_13th",
        "implied_annual",
        "historical_annual",
        "target_vs_13th",
        "progress_ratio",
    ]
    for c in float_cols:
        table[c] = table[c].astype(float)
    for c in [c for c in COLUMNS if c not in float_cols]:
        table[c] = table[c].astype(object).where(table[c].notna(), "").astype(str)
    return table


# --------------------------------------------------------------------------------------------
# Output helpers for the notebook and the report
# --------------------------------------------------------------------------------------------


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write the comparison as UTF-8 CSV with fixed columns and ``\\n`` line ends (stable bytes)."""
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ParameterError(f"comparison table lacks column(s) {missing}")
    p = Path(path)
    if not p.parent.exists():
        raise ParameterError(f"output folder does not exist: {p.parent}")
    from .tables import write_table

    return write_table(table[COLUMNS], p)


def sources_list(table: pd.DataFrame) -> pd.DataFrame:
    """Long table (indicator, label, source) of every number used, for listing under the table."""
    rows = []
    for ind, srcs in zip(table["indicator"], table["sources"], strict=True):
        for s in str(srcs).split("; "):
            if s:
                label, _, where = s.partition(": ")
                rows.append({"indicator": ind, "figure": label, "source": where})
    return pd.DataFrame(rows, columns=["indicator", "figure", "source"])


def trajectory_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Long frame for the 2015 → 2020 → 2025 chart on comparable scales.

    Levels of money and amounts are indexed (2020 = 100); shares and rates in % are shown as pp
    relative to 2020. Columns: indicator, theme, scale, year, value, point (actual | target).
    """
    rows = []
    for r in table.itertuples(index=False):
        if r.target_type not in ("level", "change") or math.isnan(r.actual_2020):
            continue
        pct = r.unit_kind in ("percent", "pp") or r.annual_unit == "pp/yr"
        if not pct and r.actual_2020 <= 0:
            continue
        scale = "pp vs 2020" if pct else "index (2020 = 100)"

        def tr(v: float, pct: bool = pct, a: float = r.actual_2020) -> float:
            return v - a if pct else v / a * 100.0

        for year, v, point in (
            (START_YEAR, r.base_2015, "actual"),
            (BASE_YEAR, r.actual_2020, "actual"),
            (PLAN_END, r.target_2025, "target"),
        ):
            if not math.isnan(v):
                rows.append(
                    {
                        "indicator": r.indicator,
                        "theme": r.theme or "unclassified",
                        "scale": scale,
                        "year": year,
                        "value": round(tr(v), 10),
                        "point": point,
                    }
                )
    return pd.DataFrame(rows, columns=["indicator", "theme", "scale", "year", "value", "point"])


GROWTH_COLUMNS = ["indicator", "theme", "annual_unit", "role", "basis", "series", "value"]


def _basis_word(basis: str, annual_unit: str) -> str:
    """``nominal`` / ``real`` / ``volume`` / ``pp`` from a basis text such as ``real (stated …)``."""
    if annual_unit == "pp/yr":
        return "pp"
    return basis.split(" (")[0].strip() or "unknown basis"


def growth_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Long frame of implied vs historical yearly change (rows with a rate or pp/yr).

    Each value says its basis (nominal, real, volume, pp) in ``basis`` and in its ``series`` label,
    e.g. ``implied 2020→2025 (nominal)`` next to ``stated 2016-2020 average (real)`` for GDP;
    ``role`` is ``14th period`` (implied or target rate) or ``13th period`` (record).
    """
    rows = []
    for r in table.itertuples(index=False):
        if r.annual_unit not in ("%/yr", "pp/yr"):
            continue
        if r.target_type == "avg_growth":
            imp_label = f"target {BASE_YEAR + 1}-{PLAN_END} average"
        else:
            imp_label = f"implied {BASE_YEAR}→{PLAN_END}"
        hist, hist_label = r.historical_annual, f"historical {START_YEAR}→{BASE_YEAR}"
        hist_basis = r.historical_basis
        if math.isnan(hist) and r.annual_unit == "%/yr" and not math.isnan(r.achieved_13th):
            hist, hist_label = r.achieved_13th, f"stated {START_YEAR + 1}-{BASE_YEAR} average"
            hist_basis = r.achieved_basis
        for role, label, v, basis in (
            ("14th period", imp_label, r.implied_annual, r.implied_basis),
            ("13th period", hist_label, hist, hist_basis),
        ):
            if not math.isnan(v):
                word = _basis_word(basis, r.annual_unit)
                rows.append(
                    {
                        "indicator": r.indicator,
                        "theme": r.theme or "unclassified",
                        "annual_unit": r.annual_unit,
                        "role": role,
                        "basis": word,
                        "series": f"{label} ({word})",
                        "value": v,
                    }
                )
    return pd.DataFrame(rows, columns=GROWTH_COLUMNS)


def growth_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Bar-group label per indicator: ``name (theme)``, plus ``— nominal vs real`` when the bases differ.

    >>> # growth_labels(growth_frame(table))["地区生产总值"] == "地区生产总值 (economy) — nominal vs real"
    """
    labels = {}
    for name, g in frame.groupby("indicator", sort=False):
        bases = list(dict.fromkeys(g.sort_values("role", ascending=False)["basis"]))
        text = f"{name} ({g['theme'].iloc[0]})"
        if len(bases) > 1:
            text += " — " + " vs ".join(bases)
        labels[name] = text
    return labels


def plot_trajectories(table: pd.DataFrame):
    """Seaborn small multiples: 2015 → 2020 → 2025 per indicator on comparable scales.

    Left panel: money and amounts as an index (2020 = 100); right panel: shares and rates in % as
    pp relative to 2020. Solid line = record, dashed = path to the 2025 target (× marker).
    Returns the matplotlib Figure (None when no indicator has a 2020 level).
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = trajectory_frame(table)
    if data.empty:
        return None
    scales = [s for s in ("index (2020 = 100)", "pp vs 2020") if s in set(data["scale"])]
    names = list(dict.fromkeys(data["indicator"]))
    colors = dict(zip(names, sns.color_palette("tab10", len(names)), strict=True))
    fig, axes = plt.subplots(1, len(scales), figsize=(6.0 * len(scales), 4.5), squeeze=False)
    for ax, scale in zip(axes[0], scales, strict=True):
        sub = data[data["scale"] == scale]
        for name, g in sub.groupby("indicator", sort=False):
            g = g.sort_values("year")
            rec, tgt = g[g["point"] == "actual"], g[g["year"] >= BASE_YEAR]
            ax.plot(rec["year"], rec["value"], "-o", color=colors[name], label=name)
            ax.plot(tgt["year"], tgt["value"], "--", color=colors[name])
            end = g[g["point"] == "target"]
            ax.plot(end["year"], end["value"], "X", color=colors[name], markersize=9)
        ax.axhline(100.0 if scale.startswith("index") else 0.0, color="grey", lw=0.8)
        ax.set_xticks([START_YEAR, BASE_YEAR, PLAN_END])
        ax.set_title(scale)
        ax.set_xlabel("year")
        ax.legend(fontsize="small", frameon=False)
    sns.despine(fig)
    fig.tight_layout()
    return fig


def plot_growth_comparison(table: pd.DataFrame):
    """Bars: 14th-period (implied or target) vs 13th-period yearly change; %/yr and pp/yr apart.

    Every bar is labelled with its value and basis (nominal, real, volume, pp), and an indicator
    whose two bars are on different bases says so in its label (``— nominal vs real``): a real
    stated rate is never set against a nominal CAGR silently. Returns the Figure (None if empty).
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = growth_frame(table)
    if data.empty:
        return None
    labels = growth_labels(data)
    units = [u for u in ("%/yr", "pp/yr") if u in set(data["annual_unit"])]
    sizes = [data.loc[data["annual_unit"] == u, "indicator"].nunique() for u in units]
    fig, axes = plt.subplots(
        len(units),
        1,
        figsize=(9.0, 1.0 + 0.7 * sum(sizes) + 0.8 * len(units)),
        gridspec_kw={"height_ratios": sizes},
        squeeze=False,
    )
    roles = ["14th period", "13th period"]
    colors = dict(zip(roles, sns.color_palette("tab10", 2), strict=True))
    height = 0.38
    for ax, unit in zip(axes[:, 0], units, strict=True):
        sub = data[data["annual_unit"] == unit].sort_values(["theme", "indicator"], kind="stable")
        names = list(dict.fromkeys(sub["indicator"]))
        for j, role in enumerate(roles):
            part = sub[sub["role"] == role]
            ys = [names.index(n) + (j - 0.5) * height for n in part["indicator"]]
            ax.barh(ys, part["value"], height=height, color=colors[role], label=role)
            for y, v, basis in zip(ys, part["value"], part["basis"], strict=True):
                digits = 3 if unit == "pp/yr" else 2
                ax.annotate(
                    f" {v:.{digits}f} {basis} ",
                    (v, y),
                    va="center",
                    ha="left" if v >= 0 else "right",
                    fontsize="small",
                )
        ax.set_yticks(range(len(names)), [labels[n] for n in names])
        ax.invert_yaxis()
        ax.axvline(0.0, color="grey", lw=0.8)
        ax.margins(x=0.25)
        ax.set_xlabel(unit)
    sns.despine(fig)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    handles: dict = {}
    for ax in axes[:, 0]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    fig.legend(list(handles.values()), list(handles), loc="upper center", ncol=2, frameon=False)
    return fig


def human_value(value: float, unit: str) -> str:
    """A readable figure with a Chinese multiplier: ``1.24087e12, "元"`` → ``"12408.7亿元"``.

    >>> human_value(250000.0, "人"), human_value(2.85, "%")
    ('25万人', '2.85%')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit in load_rules().percent_units or unit in load_rules().pp_units:
        return f"{round(value, 4):g}{unit}"
    for factor, prefix in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= factor:
            return f"{round(value / factor, 4):g}{prefix}{unit}"
    return f"{round(value, 4):g}{unit}"


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison with readable values (亿/万 multipliers, 'x %/yr'), for the report.

    Levels (2015, 2020) are shown in ``level_unit`` (元 even when the target is a rate in %).
    """
    levels = table["level_unit"] if "level_unit" in table.columns else table["unit"]
    out = pd.DataFrame(
        {
            "theme": table["theme"],
            "indicator": table["indicator"],
            "target type": table["target_type"],
            "2015": [human_value(v, u) for v, u in zip(table["base_2015"], levels, strict=True)],
            "2020": [human_value(v, u) for v, u in zip(table["actual_2020"], levels, strict=True)],
            "2025 target": [
                (human_value(v, "%") if t == "avg_growth" else human_value(v, u))
                + (f" ({q})" if q else "")
                for v, u, t, q in zip(
                    table["target_2025"],
                    table["unit"],
                    table["target_type"],
                    table["target_qualifier"],
                    strict=True,
                )
            ],
            "achieved 13th": [
                _achieved(v, u, b)
                for v, u, b in zip(
                    table["achieved_13th"], table["unit"], table["achieved_basis"], strict=True
                )
            ],
            "implied / yr": [
                _rate(v, au, b)
                for v, au, b in zip(
                    table["implied_annual"],
                    table["annual_unit"],
                    table["implied_basis"],
                    strict=True,
                )
            ],
            "historical / yr": [
                _rate(v, au, b)
                for v, au, b in zip(
                    table["historical_annual"],
                    table["annual_unit"],
                    table["historical_basis"],
                    strict=True,
                )
            ],
            "later evidence": table["later_evidence"],
            "status": table["status"],
            "note": table["note"],
        }
    )
    return out


def _rate(value: float, annual_unit: str, basis: str) -> str:
    """``6.5 %/yr (nominal …)`` or ``26亿美元/yr``."""
    if value is None or math.isnan(value):
        return ""
    if annual_unit in ("%/yr", "pp/yr"):
        digits = 3 if annual_unit == "pp/yr" else 2
        text = f"{value:.{digits}f} {annual_unit}"
    else:
        text = human_value(value, annual_unit.removesuffix("/yr")) + "/yr"
    short = basis.split(" (")[0]
    return f"{text} ({short})" if short else text


def _achieved(value: float, unit: str, basis: str) -> str:
    """``6.4% real (stated avg growth, %/yr)``, ``0.44个百分点 pp change …``, ``119亿美元 …``."""
    if value is None or math.isnan(value):
        return ""
    if basis.startswith(("real", "nominal")):
        unit = "%"
    elif basis.startswith("pp"):
        unit = load_rules().pp_units[0]
    return f"{human_value(value, unit)} {basis}".strip()
