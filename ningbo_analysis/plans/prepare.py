"""What the scorecard and the previous plan's record share: the figures of one region prepared
for scoring (concept keys, full-year periods, flows), the comparison lexicon, indicator themes,
and the reading of bounds (以上 floors, 以内 ceilings) on rates computed from two figures."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.figures.concepts import concept_column
from ningbo_analysis.plans.match import without_own_name
from ningbo_analysis.plans.verdicts import LEVEL_MEASURES, bound_in, load_verdict_rules
from ningbo_analysis.resources import read_data_csv

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


_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")


#: Up to the last clause mark of a text (one match instead of a search per mark).
_LAST_CLAUSE_MARK = re.compile(r".*[，,；;。、：:]", re.S)

_SPAN = re.compile(r"^\s*(\d{4})\s*[-–—~至到]\s*(\d{4})\s*$")


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
    #: ``(collective, members)``: 城乡居民 → 城镇居民, 农村居民 (:func:`member_names`)
    members: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: words after a count that make it "all of them" (全部脱贫)
    completion: tuple[str, ...] = ()


@cache
def load_rules() -> CompareRules:
    """Read ``data/compare_rules.csv`` (rule,value,note) into a :class:`CompareRules`."""
    df = read_data_csv("compare_rules.csv")

    def values(rule: str) -> tuple[str, ...]:
        return tuple(df.loc[df["rule"] == rule, "value"].str.strip())

    def pair(rule: str, value: str, shape: str) -> tuple[str, str]:
        left, sep, right = value.partition(">")
        if not sep or not left or not right:
            raise NingboAnalysisError(
                f"compare_rules.csv: {rule} {value!r} must look like {shape!r}"
            )
        return left, right

    pairs = []
    for value, note in df.loc[df["rule"] == "scope_pair", ["value", "note"]].itertuples(
        index=False
    ):
        wide, narrow = pair("scope_pair", value, "wide>narrow")
        pairs.append((wide, narrow, note))
    members = []
    for value in values("members"):
        whole, parts = pair("members", value, "collective>member;member")
        members.append((whole, tuple(p for p in parts.split(";") if p)))
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
        members=tuple(members),
        completion=values("completion"),
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
    if lexicon is None:  # the package's lexicon: each name looked up once per process
        return _theme_of_name(str(name).strip())
    return _theme_in(str(name).strip(), lexicon)


@cache
def _theme_of_name(name: str) -> str:
    return _theme_in_lists(name, *_package_theme_lists())


def _theme_in(name: str, lex: pd.DataFrame) -> str:
    """:func:`theme_of` in the lexicon ``lex`` (``name`` stripped)."""
    if lex is load_indicator_themes():  # the package's, as ``plans.record`` passes it
        return _theme_of_name(name)
    return _theme_in_lists(name, *_theme_lists(lex))


@cache
def _package_theme_lists() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """:func:`_theme_lists` of the package's lexicon, read once per process."""
    return _theme_lists(load_indicator_themes())


def _theme_lists(lex: pd.DataFrame) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """The exact names of ``lex`` (name → theme, the first row of a name) and its keywords
    ((theme, pattern) in the lexicon's order)."""
    exact: dict[str, str] = {}
    for theme, pattern in lex.loc[lex["match"] == "exact", ["theme", "pattern"]].itertuples(
        index=False
    ):
        exact.setdefault(pattern, str(theme))
    keywords = lex.loc[lex["match"] == "keyword", ["theme", "pattern"]].itertuples(index=False)
    return exact, tuple((theme, pattern) for theme, pattern in keywords)


def _theme_in_lists(name: str, exact: dict[str, str], keywords: tuple[tuple[str, str], ...]) -> str:
    """The theme of an exact name, else of the longest keyword in ``name`` (the first of
    equally long ones), "" if none."""
    if name in exact:
        return exact[name]
    best, best_len = "", 0
    for theme, pattern in keywords:
        if pattern and pattern in name and len(pattern) > best_len:
            best, best_len = theme, len(pattern)
    return best


def theme_order() -> list[str]:
    """Theme ids in the order of ``theme_names.csv``."""
    return list(_theme_order())


@cache
def _theme_order() -> tuple[str, ...]:
    """:func:`theme_order`, the file read once per process (every scorecard orders by it)."""
    return tuple(read_data_csv("theme_names.csv")["theme"])


def period_bounds(period: object) -> tuple[int, int] | None:
    """First and last year of a full-year period ("2020", "2016-2020"); None for partial periods.

    >>> period_bounds("2016-2020"), period_bounds("2020-01~11")
    ((2016, 2020), None)
    """
    if period is None or (isinstance(period, float) and math.isnan(period)):
        return None
    return _period_bounds(str(period))


@cache
def _period_bounds(text: str) -> tuple[int, int] | None:
    """:func:`period_bounds` of a period's text, once per text (a corpus has a few hundred)."""
    m = _YEAR.match(text)
    if m:
        return int(m.group(1)), int(m.group(1))
    m = _SPAN.match(text)
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


@cache
def load_count_classifiers() -> tuple[str, ...]:
    """Count words a report uses for one another (个, 家, 户 …: ``count_classifier`` rules)."""
    df = read_data_csv("compare_rules.csv")
    return tuple(df.loc[df["rule"] == "count_classifier", "value"].str.strip())


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


def is_flow(
    indicator: str, sentence: str = "", rules: CompareRules | None = None, at: int | None = None
) -> bool:
    """True if the figure counts what was added in a period (新增…, 新引进…, 累计…).

    Looks at the start of the indicator and at the few characters just before it in the sentence
    (only in the figure's own clause when its place ``at`` is known: in 新增企业789户、累计突破
    3300户 the 3300 is the stock).

    >>> is_flow("高新技术企业", "新增高新技术企业1023家")
    True
    >>> is_flow("企业", "新增企业789户、累计突破3300户", at=16)
    False
    """
    r = load_rules() if rules is None else rules
    ind = str(indicator)
    if ind.startswith(r.flow_markers):  # any of them
        return True
    sent = str(sentence or "")
    if at is not None and 0 <= at <= len(sent):
        last = _LAST_CLAUSE_MARK.match(sent, 0, at)  # the clause's start: after the last mark
        sent = sent[last.end() if last else 0 : at]
    pos = sent.find(ind) if ind else -1
    while pos >= 0:
        before = sent[max(0, pos - 4) : pos]
        if before.endswith(r.flow_markers):  # any of them
            return True
        pos = sent.find(ind, pos + 1)
    return False


#: A figure's place as the scorecard writes it, ``doc_id@start-end`` (then ``「raw」``): the one
#: pattern its readers share (overrides, the reports' links, the scorer).
SOURCE_REF = r"(?P<doc>[^@\s;,\[\]［］]+)@(?P<start>\d+)-(?P<end>\d+)"


def source(row: pd.Series | None) -> str:
    """``doc_id@start-end「raw」`` of one figure row ("" for None)."""
    if row is None:
        return ""
    return f"{row['doc_id']}@{row['start']}-{row['end']}「{str(row['raw']).strip()}」"


def text_after(row: Mapping[str, Any], chars: int) -> str:
    """What a figure's clause says after its number, at most ``chars`` characters ("" when the
    number is not found in its sentence).

    >>> text_after({"sentence": "20.1万贫困人口全面脱贫，3个县摘帽。", "raw": "20.1万"}, 20)
    '贫困人口全面脱贫'
    """
    sentence, raw = str(row["sentence"]), str(row["raw"])
    pos = sentence.find(raw)
    if pos < 0:
        return ""
    after = sentence[pos + len(raw) : pos + len(raw) + chars]
    return _CLAUSE_END.split(after, 1)[0]


_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")


def member_names(name: str) -> tuple[str, ...]:
    """The names of a collective's members (城乡居民人均收入 → 城镇居民人均收入, 农村居民人均收入),
    () for a name of no collective.

    >>> member_names("城乡居民人均收入")
    ('城镇居民人均收入', '农村居民人均收入')
    """
    for whole, parts in load_rules().members:
        at = name.find(whole)
        if at >= 0 and len(name) > at + len(whole):
            return tuple(name[:at] + part + name[at + len(whole) :] for part in parts)
    return ()


def text_before(row: Mapping[str, Any], chars: int | None = None, whole: bool = False) -> str:
    """What a figure's sentence says before its number: the last ``chars`` characters (all when
    None); when the number is not found in the sentence, the whole sentence if ``whole`` else "".

    >>> text_before({"sentence": "粮食产量稳定在100万吨。", "raw": "100万吨"}, 4)
    '量稳定在'
    """
    sentence, raw = str(row["sentence"]), str(row["raw"])
    pos = sentence.find(raw)
    if pos < 0:
        return sentence if whole else ""
    return sentence[:pos] if chars is None else sentence[max(0, pos - chars) : pos]


def prepare_figures(
    figures: pd.DataFrame, region: str, regions: Iterable[str] = ()
) -> pd.DataFrame:
    """Validate the figures table and return the region's full-year rows with helper columns:
    ``key`` (the concept, ``concepts.concept_of``), ``y0``/``y1`` (years of ``period``),
    ``flow`` (新增… figures) and ``report_year`` (9999 when unknown).

    A region without any figure is an error (a typo, or a region of another corpus), unless it is
    one of ``regions``: the regions of the corpus the figures were extracted from (e.g.
    ``corpus["region"]``), where a document without figures is a region with nothing to score."""
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"figures must be a pandas DataFrame, got {type(figures).__name__}")
    missing = [c for c in REQUIRED_FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise ParameterError(f"figures table lacks column(s) {missing} (see docs/conventions.md)")
    if not isinstance(region, str) or not region.strip():
        raise ParameterError(f"region must be a non-empty string, got {region!r}")
    present = sorted({str(r) for r in figures["region"].dropna().unique()})  # each value once
    if region in present or region in {str(r) for r in regions}:
        pass  # a region with figures, or of the corpus: its rows (maybe none)
    elif region not in set(read_data_csv("regions.csv")["region"]):
        raise ParameterError(
            f"region {region!r} is neither in the figures table nor in regions.csv; "
            f"regions with figures: {present}"
        )
    else:
        raise ParameterError(
            f"unknown region {region!r}: the figures table has no figure of it; "
            f"regions with figures: {', '.join(present) or '(none: the table is empty)'}"
        )
    df = figures.loc[figures["region"].astype(str) == region].copy()
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df.loc[df["value"].notna()].copy()
    for col in ("concept", "qualifier", "report_year"):
        if col not in df.columns:
            df[col] = pd.NA
    df["indicator"] = df["indicator"].astype(str).str.strip()
    df["key"] = [without_own_name(k, region) for k in concept_column(df).tolist()]
    for col in ("kind", "measure", "unit", "raw", "sentence", "doc_id"):
        df[col] = df[col].astype("string").fillna("").astype(str)
    df["qualifier"] = df["qualifier"].astype("string").fillna("").astype(str)
    bounds = [period_bounds(period) for period in df["period"].tolist()]
    df = df.loc[np.array([b is not None for b in bounds], dtype=bool)].copy()
    full = [b for b in bounds if b is not None]
    df["y0"] = np.array([b[0] for b in full], dtype=int)
    df["y1"] = np.array([b[1] for b in full], dtype=int)
    df["report_year"] = pd.to_numeric(df["report_year"], errors="coerce").fillna(9999).astype(int)
    rules = load_rules()
    df["start"] = pd.to_numeric(df["start"], errors="coerce").fillna(-1).astype(int)
    df["end"] = pd.to_numeric(df["end"], errors="coerce").fillna(-1).astype(int)
    if "sentence_start" in df.columns:  # where the figure stands in its sentence
        within = df["start"] - pd.to_numeric(df["sentence_start"], errors="coerce").fillna(-1e9)
    else:
        within = pd.Series(-1, index=df.index)
    df["flow"] = [  # columns as lists: iterating Arrow-backed text costs more than is_flow
        is_flow(i, s, rules, at=int(w) if w >= 0 else None)
        for i, s, w in zip(
            df["indicator"].tolist(), df["sentence"].tolist(), within.tolist(), strict=True
        )
    ]
    df = df.sort_values(["report_year", "doc_id", "start", "end"], kind="stable").reset_index(
        drop=True
    )
    df.attrs = {}  # the extraction's notes, which pandas would deep-copy on every lookup
    return df


def narrower_scope(
    df: pd.DataFrame, key: str, year: int, rules: CompareRules
) -> Iterator[tuple[pd.DataFrame, str]]:
    """Actual levels of ``year`` whose concept is a narrower scope of ``key`` (goods trade for a
    goods-and-services concept, ``scope_pair`` rules), with the rule's reason, rule by rule."""
    for wide, narrow, why in rules.scope_pairs:
        if wide not in key:
            continue
        rows = df[
            df["key"].str.contains(narrow, regex=False)
            & ~df["key"].str.contains(wide, regex=False)
            & (df["kind"] == "actual")
            & df["measure"].isin(LEVEL_MEASURES)
            & (df["y0"] == year)
            & (df["y1"] == year)
        ]
        yield rows, why


#: One figure of a prepared table as its column → value dict (the values a pandas row of the
#: table holds: numpy scalars for numbers, ``str`` for text); what a target is scored from.
Row = dict[str, Any]


def object_arrays(df: pd.DataFrame) -> list[np.ndarray]:
    """Each column of ``df`` as a numpy array, text and codes as objects (``astype(object)``)."""
    text = (pd.StringDtype, pd.CategoricalDtype)
    return [
        (s.astype(object) if isinstance(s.dtype, text) else s).to_numpy() for _, s in df.items()
    ]


def positions_by(values: np.ndarray) -> dict[Any, np.ndarray]:
    """The positions of each distinct value of ``values`` (ascending; missing values in no
    group), as ``groupby(...).indices`` gives them, from one ``pd.factorize``.

    >>> {k: v.tolist() for k, v in positions_by(np.array(["b", "a", "b"], dtype=object)).items()}
    {'b': [0, 2], 'a': [1]}
    """
    codes, uniques = pd.factorize(values)
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]
    if not len(order):
        return {}
    cuts = [0, *(np.flatnonzero(np.diff(codes[order])) + 1).tolist(), len(order)]
    return {k: order[a:b] for k, a, b in zip(uniques.tolist(), cuts[:-1], cuts[1:], strict=True)}


class Columns:
    """A table's columns as numpy arrays (:func:`object_arrays`), its rows made into a
    :data:`Row` (:meth:`row`) only where one is kept, or read a field at a time in place
    (:meth:`view`: typing thousands of rows reads a few fields of each)."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.arrays = dict(zip([str(c) for c in df.columns], object_arrays(df), strict=True))
        self.length = len(df)

    def row(self, i: int) -> Row:
        """Row ``i`` as a dict: the values ``df.iloc[i]`` holds (numpy scalars for numbers)."""
        return {name: values[i] for name, values in self.arrays.items()}

    def view(self, i: int) -> RowView:
        """Row ``i`` read in place (the same values as :meth:`row`)."""
        return RowView(self.arrays, i)


class RowView(Mapping[str, Any]):
    """One row of :class:`Columns` as a read-only mapping, each field read when asked."""

    __slots__ = ("_arrays", "_i")

    def __init__(self, arrays: dict[str, np.ndarray], i: int) -> None:
        self._arrays, self._i = arrays, i

    def __getitem__(self, name: str) -> Any:
        return self._arrays[name][self._i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)


def scoring_rows(df: pd.DataFrame, key: str, rules: CompareRules | None = None) -> pd.DataFrame:
    """The rows of ``df`` a target of concept ``key`` is scored from: the concept's own and
    those of its narrower scopes (:func:`narrower_scope`), in the table's order with its index,
    text and codes in object columns. Every lookup of one target filters on the concept, so it
    may filter this small frame instead of the region's table (the same rows). Many targets:
    :class:`ScoringRows` finds them for all at once; :func:`scoring_records` as dicts."""
    return ScoringRows(df, rules).rows(df, key)


def scoring_records(df: pd.DataFrame, key: str, rules: CompareRules | None = None) -> list[Row]:
    """:func:`scoring_rows` as one :data:`Row` per figure, in the table's order."""
    return ScoringRows(df, rules).records(df, key)


#: Measures a review of several years states for its whole span (年均增长, 累计, 比…增长).
SPAN_MEASURES = ("avg_growth", "cumulative", "change")


def top_section(row: Row) -> str:
    """The first part of a figure's ``section_path`` (一 of ``一 > (五)``), "" without one."""
    path = row.get("section_path")
    return "" if not isinstance(path, str) else path.split(">")[0].strip()


def term_reviews(df: pd.DataFrame, end: int) -> frozenset[tuple[str, str]]:
    """(doc_id, top section) of the reviews of a term of four or five years ending in ``end``:
    parts that state an actual average growth, total or change from ``end`` − 5 or − 4 to ``end``
    (过去五年工作回顾: 地区生产总值从2016年的…增加到2021年的…，年均增长5.5%)."""
    if df.empty:
        return frozenset()
    spans = df[
        (df["kind"] == "actual")
        & df["measure"].isin(SPAN_MEASURES)
        & (df["y1"] == end)
        & df["y0"].isin((end - 5, end - 4))
    ]
    return frozenset((str(r["doc_id"]), top_section(r)) for r in spans.to_dict("records"))


class ScoringRows:
    """:func:`scoring_rows` of every concept of one prepared table, its rows grouped by concept
    once (a region's table holds thousands of figures; a plan has a hundred targets). A
    concept's rows are also given as plain dicts (:meth:`records`): a target's lookups filter
    them in Python, without a pandas operation each."""

    def __init__(self, df: pd.DataFrame, rules: CompareRules | None = None) -> None:
        self.figures = df
        self.rules = load_rules() if rules is None else rules
        # each column as a numpy array, text and codes as objects (what ``astype(object)`` of
        # the table gives): a concept's rows are taken from these
        self._names = [str(c) for c in df.columns]
        self._arrays = object_arrays(df)
        self._at = positions_by(self._arrays[self._names.index("key")]) if len(df) else {}
        self._rows: dict[str, pd.DataFrame] = {}
        self._records: dict[str, list[Row]] = {}
        self._terms: dict[int, frozenset[tuple[str, str]]] = {}

    def rows(self, df: pd.DataFrame, key: str) -> pd.DataFrame:
        """:func:`scoring_rows` of ``df`` for ``key`` (looked up again if ``df`` is another table
        than the one grouped, e.g. one an analyst's override changed)."""
        if df is not self.figures:
            return ScoringRows(df, self.rules).rows(df, key)
        if key not in self._rows:
            at = self._positions(key)
            index = df.index[at]
            self._rows[key] = pd.DataFrame(
                {  # each array's own dtype (text stays object: no string inference)
                    n: pd.Series(a[at], index=index, dtype=a.dtype)
                    for n, a in zip(self._names, self._arrays, strict=True)
                },
                index=index,
            )
        return self._rows[key]

    def records(self, df: pd.DataFrame, key: str) -> list[Row]:
        """:meth:`rows` of ``df`` for ``key`` as one :data:`Row` per figure (a new list: the
        caller may filter it; the dicts are shared, never to be changed)."""
        if df is not self.figures:
            return ScoringRows(df, self.rules).records(df, key)
        if key not in self._records:
            at = self._positions(key)
            names = self._names
            columns = [a[at] for a in self._arrays]
            self._records[key] = [
                dict(zip(names, v, strict=True)) for v in zip(*columns, strict=True)
            ]
        return list(self._records[key])

    def term_reviews(self, df: pd.DataFrame, end: int) -> frozenset[tuple[str, str]]:
        """:func:`term_reviews` of ``df``, once per ``end``."""
        if df is not self.figures:
            return term_reviews(df, end)
        if end not in self._terms:
            self._terms[end] = term_reviews(df, end)
        return self._terms[end]

    def _positions(self, key: str) -> np.ndarray:
        """Positions of the concept's rows and of its narrower scopes' rows, ascending."""
        keys = {key}
        for wide, narrow, _ in self.rules.scope_pairs:
            if wide in key:
                keys.update(k for k in self._at if narrow in k and wide not in k)
        found = [self._at[k] for k in keys if k in self._at]
        return np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)


def narrower_scope_records(
    rows: list[Row], key: str, year: int, rules: CompareRules
) -> Iterator[tuple[list[Row], str]]:
    """:func:`narrower_scope` of a concept's records (:meth:`ScoringRows.records`)."""
    for wide, narrow, why in rules.scope_pairs:
        if wide not in key:
            continue
        found = [
            r
            for r in rows
            if narrow in r["key"]
            and wide not in r["key"]
            and r["kind"] == "actual"
            and r["measure"] in LEVEL_MEASURES
            and r["y0"] == year
            and r["y1"] == year
        ]
        yield found, why


def bound_of(qualifier: str, rules: CompareRules | None = None) -> str:
    """``ceiling`` (以内, 不超过, 不到), ``floor`` (以上, 超过, 突破) or "" for a target qualifier.

    >>> bound_of("at_most"), bound_of("more_than"), bound_of("approx")
    ('ceiling', 'floor', '')
    """
    r = load_rules() if rules is None else rules
    return bound_in(qualifier, r.ceiling_qualifiers, r.floor_qualifiers)


#: The symbol ``display_table`` writes before a rate of each :func:`rate_bound` kind.
RATE_BOUND_SIGNS = {
    "lower bound": "≥",
    "upper bound": "≤",
    "approximate": "≈",
    "approximate lower bound": "≳",
    "approximate upper bound": "≲",
}


def rate_bound(start_qualifier: str, end_qualifier: str, rules: CompareRules | None = None) -> str:
    """What a rate computed from a start and an end figure is, given their qualifiers: a rate
    rises with the end and falls with the start, so an end that is a floor (以上, 超过) or a start
    that is a ceiling (以内, 不到) makes it a ``lower bound`` (the true rate is at least this); an
    end ceiling or a start floor an ``upper bound``; a 左右 figure makes it ``approximate`` (an
    ``approximate upper bound`` with a bound too); bounds pulling both ways leave it
    ``indicative only``; exact figures give "".

    >>> rate_bound("more_than", ""), rate_bound("", "at_least"), rate_bound("", "")
    ('upper bound', 'lower bound', '')
    """
    r = load_rules() if rules is None else rules
    approx = load_verdict_rules().approx_qualifiers
    sides, rough = set(), False
    for qualifier, sign in ((start_qualifier, -1), (end_qualifier, 1)):
        q = "" if pd.isna(qualifier) else str(qualifier)
        bound = bound_of(q, r)
        if bound:
            sides.add(sign if bound == "floor" else -sign)
        elif q in approx:
            rough = True
    if len(sides) > 1:
        return "indicative only"
    side = "" if not sides else ("lower bound" if 1 in sides else "upper bound")
    if rough:
        return f"approximate {side}".strip()
    return side
