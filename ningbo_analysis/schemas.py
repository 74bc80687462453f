"""The schema of every public table: its columns, their dtypes and what a missing value is.

One :class:`Schema` per table (:data:`CORPUS`, :data:`FIGURES`, :data:`SCORECARD`,
:data:`RECORD`, :data:`SUMMARY`, :data:`HEADLINES`), the same for an empty result and on
pandas 2.2 and 3. The functions that make a table end with :func:`conform`; the tests check
every table with :func:`problems`.

The conventions:

- text is ``string`` (``pd.StringDtype("python")``, the same storage on pandas 2.2 and 3);
  a missing text is ``pd.NA``, never ``""`` (a CSV writes both as an empty cell, and a CSV
  read back gives NA again);
- codes with a fixed vocabulary (``kind``, ``measure``, ``qualifier``, ``verdict``, ``status``
  …) are ``category`` with the vocabulary as categories, in a fixed order (the package's data
  files: ``value_labels.csv``, ``glossary.csv``, ``kind_names.csv``, ``theme_names.csv``), so
  a Parquet file has the same dictionary whatever rows it holds; a missing code (a figure
  without qualifier) is pandas' missing value of a categorical (``pd.isna`` is true);
- every year is ``Int64`` (``<NA>`` when unknown), offsets and counts ``int64``;
- values are ``float64`` in base units, ``NaN`` when unknown; flags are ``bool``.

>>> import pandas as pd
>>> t = conform(pd.DataFrame({"verdict": ["met"], "outcome_year": [""]}), SCORECARD)
>>> t["outcome_year"].dtype, t["verdict"].dtype.categories[:2].tolist(), problems(t, SCORECARD)
(Int64Dtype(), ['met', 'missed'], [])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ningbo_analysis.resources import read_data_csv

__all__ = [
    "CORPUS",
    "FIGURES",
    "HEADLINES",
    "RECORD",
    "SCORECARD",
    "STRING",
    "SUMMARY",
    "Column",
    "Schema",
    "conform",
    "describe",
    "filled",
    "markdown",
    "problems",
    "restored",
]

#: The dtype of every text column (NA for a missing text).
STRING = pd.StringDtype("python")

_SIMPLE = {"Int64": "Int64", "int64": "int64", "float64": "float64", "bool": "bool"}


@dataclass(frozen=True)
class Column:
    """One column: ``dtype`` is ``string``, ``category``, ``Int64``, ``int64``, ``float64``,
    ``bool`` or ``object``; ``categories`` the vocabulary of a ``category`` column."""

    name: str
    dtype: str
    doc: str = ""
    categories: tuple[str, ...] = ()

    def pandas_dtype(self) -> object:
        """The pandas dtype of the column."""
        if self.dtype == "string":
            return STRING
        if self.dtype == "category":
            return pd.CategoricalDtype(pd.Index(list(self.categories), dtype=object))
        return _SIMPLE.get(self.dtype, "object")


@dataclass(frozen=True)
class Schema:
    """A table's columns in order; ``patterns``: columns whose names are made from data (the
    record's ``base_2015``, the summary's ``gdp_target``), as (regex, column)."""

    name: str
    columns: tuple[Column, ...]
    patterns: tuple[tuple[str, Column], ...] = ()

    @property
    def names(self) -> list[str]:
        """The named columns, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column | None:
        """The column ``name`` (a named one, or the first pattern it matches), None if unknown."""
        for c in self.columns:
            if c.name == name:
                return c
        for pattern, c in self.patterns:
            if re.fullmatch(pattern, name):
                return Column(name, c.dtype, c.doc, c.categories)
        return None


def conform(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """``frame`` with each column of ``schema`` in its dtype: "" and None become NA in text and
    year columns; a code outside its vocabulary is an error (a bug of the package, not of the
    input). Columns the schema does not know are left as they are."""
    if not frame.columns.is_unique:  # a column at a time (rare: no table of the package)
        out = frame.copy()
        for name in out.columns:
            col = schema.column(str(name))
            if col is not None:
                out[name] = _cast(out[name], col, schema)
        return out
    cast = {}
    for i, (name, series) in enumerate(frame.items()):
        col = schema.column(str(name))
        cast[i] = series if col is None else _cast(series, col, schema)
    out = pd.DataFrame(cast, index=frame.index)  # one frame built, not a column set at a time
    out.columns = frame.columns
    return out.__finalize__(frame, method="copy")  # attrs and flags, as frame.copy() keeps them


def _blank_to_na(series: pd.Series) -> pd.Series:
    """``series`` as objects, NA for None, NaN, NaT, NA and ""."""
    values = series.astype(object).to_numpy(copy=True)
    blank = pd.isna(values)
    values[blank] = None
    blank |= values == ""
    values[blank] = pd.NA
    return pd.Series(values, index=series.index, name=series.name, dtype=object)


@cache
def _dtype(col: Column) -> object:
    """:meth:`Column.pandas_dtype`, made once per column."""
    return col.pandas_dtype()


def _conformed(series: pd.Series, col: Column) -> bool:
    """A text or code column already in its dtype without a blank (a table conformed before,
    e.g. a concat of conformed tables): nothing to change."""
    if series.dtype != _dtype(col):
        return False
    if col.dtype == "category":
        return "" not in col.categories
    return not bool((series == "").any())


def _cast(series: pd.Series, col: Column, schema: Schema) -> pd.Series:
    if col.dtype == "object":
        return series.astype(object)
    if col.dtype in ("string", "category"):
        if _conformed(series, col):
            return series
        values = _blank_to_na(series)
        if col.dtype == "string":
            return values.astype(STRING)
        unknown = sorted({str(v) for v in values.dropna()} - set(col.categories))
        if unknown:
            raise ValueError(
                f"{schema.name}.{col.name}: code(s) {unknown} are not in its vocabulary "
                f"{list(col.categories)}"
            )
        return values.astype(_dtype(col))
    if col.dtype == "bool" and series.dtype == object:  # read from text: "True" / "False"
        series = series.map(
            lambda v: {"True": True, "False": False}.get(v, v) if isinstance(v, str) else v
        )
    if col.dtype in ("Int64", "float64", "int64") and not pd.api.types.is_numeric_dtype(series):
        series = pd.to_numeric(_blank_to_na(series.astype(object)), errors="coerce")
    return series.astype(_dtype(col))


def describe(frame: pd.DataFrame) -> list[tuple[str, str, tuple[str, ...]]]:
    """(column, dtype name, categories) of ``frame``: the same text on pandas 2.2 and 3."""
    out = []
    for name in frame.columns:
        dtype = frame[name].dtype
        cats = tuple(map(str, dtype.categories)) if isinstance(dtype, pd.CategoricalDtype) else ()
        out.append((str(name), _dtype_name(dtype), cats))
    return out


def _dtype_name(dtype: object) -> str:
    if isinstance(dtype, pd.StringDtype):
        return f"string[{dtype.storage}]" if dtype.na_value is pd.NA else f"str[{dtype.storage}]"
    return str(dtype)


def problems(
    frame: pd.DataFrame, schema: Schema, columns: Iterable[str] | None = None
) -> list[str]:
    """What differs between ``frame`` and ``schema`` (empty if nothing): an unknown column, a
    dtype, categories, a ``""`` in a text column. ``columns``: the order expected (default:
    the schema's named columns, when the frame has no pattern column)."""
    found = []
    expected = list(columns) if columns is not None else None
    if expected is not None and list(map(str, frame.columns)) != expected:
        found.append(f"columns {list(frame.columns)} != {expected}")
    for name, dtype, cats in describe(frame):
        col = schema.column(name)
        if col is None:
            found.append(f"{name}: not in the {schema.name} schema")
            continue
        want = (
            "object"
            if col.dtype == "object"
            else _dtype_name(pd.api.types.pandas_dtype(col.pandas_dtype()))
        )
        if dtype != want:
            found.append(f"{name}: dtype {dtype}, schema {want}")
        if cats != col.categories:
            found.append(f"{name}: categories {cats}, schema {col.categories}")
        if col.dtype == "string" and bool((frame[name] == "").any()):
            found.append(f"{name}: '' where a missing text is NA")
    return found


# ------------------------------------------------------------------------------ vocabularies


@cache
def _codes(file: str, column: str | None = None, key: str = "value") -> tuple[str, ...]:
    table = read_data_csv(file)
    if column is not None:
        table = table[table["column"] == column]
    return tuple(str(v) for v in table[key])


def _s(name: str, doc: str = "") -> Column:
    return Column(name, "string", doc)


def _c(name: str, categories: tuple[str, ...], doc: str = "") -> Column:
    return Column(name, "category", doc, categories)


def _f(name: str, doc: str = "") -> Column:
    return Column(name, "float64", doc)


def _year(name: str, doc: str = "") -> Column:
    return Column(name, "Int64", doc)


def _i(name: str, doc: str = "") -> Column:
    return Column(name, "int64", doc)


def _b(name: str, doc: str = "") -> Column:
    return Column(name, "bool", doc)


ARTICLE_KINDS = _codes("kind_names.csv", key="kind")
FIGURE_KINDS = _codes("value_labels.csv", "kind")
MEASURES = _codes("value_labels.csv", "measure")
QUALIFIERS = _codes("value_labels.csv", "qualifier")
VERDICTS = _codes("glossary.csv", "verdict")
STATUSES = _codes("glossary.csv", "status")
THEMES = _codes("theme_names.csv", key="theme")
#: What a scorecard target fixes (``plans.scorecard.TARGET_TYPES``).
TARGET_MEASURES = ("level", "avg_growth", "growth", "cumulative", "change")
#: How an outcome was joined to its target (``plans.match.MATCHES``).
MATCHES = ("exact", "normalized", "synonym", "rebased", "similar", "stated", "members")
CONFIDENCES = ("high", "low")
UNIT_KINDS = ("money", "amount", "percent", "pp")

CORPUS = Schema(
    "corpus",
    (
        _s("doc_id", "seed number-article number, or the path relative to the folder given"),
        _s("seed_file", "that path with its suffix"),
        _s("title"),
        _s("date", "ISO date (2021-02-21); NA if unknown"),
        _year("year", "year of the document"),
        _year("reference_year", "the year the document is about, when stated"),
        _s("region"),
        _c("kind", ARTICLE_KINDS, "article kind (data/kind_names.csv)"),
        _s("text", "the cleaned text"),
        _i("start", "offset of the article in the raw file"),
        _i("end"),
        Column("offset_map", "object", "cleaned → raw offsets (tuples)"),
        _s("url", "address of the original, from the front matter's source"),
        _s("encoding", "the file's encoding"),
        _s("meta", "the front matter as JSON"),
        _s("meta_source", "where the metadata came from"),
    ),
)

FIGURES = Schema(
    "figures",
    (
        _s("doc_id"),
        _s("region"),
        _s("section_path", "headings above the sentence; NA before the first heading"),
        _s("indicator"),
        _s("concept", "join key across documents (figures.concepts)"),
        _c("kind", FIGURE_KINDS, "actual | target"),
        _c("measure", MEASURES),
        _s("period", "2020, 2016-2020 …"),
        _f("value", "in base units"),
        _f("value_high", "upper end of a range; NaN for one value"),
        _s("unit", "base unit (元, 人, % …); NA for a bare number"),
        _c("qualifier", QUALIFIERS, "以上, 左右 … as a code; NA for an exact figure"),
        _s("raw", "the figure as written"),
        _s("sentence"),
        _i("sentence_start"),
        _i("start", "offsets of raw in the article's text"),
        _i("end"),
        _i("raw_start", "offsets in the raw file"),
        _i("raw_end"),
        _year("report_year", "year of the document"),
        _s("title"),
        _c("confidence", CONFIDENCES, "low: a two-character name, probably a fragment"),
        _s("attribute", "属性 of a plan's indicator table (预期性, 约束性)"),
    ),
)

SCORECARD = Schema(
    "scorecard",
    (
        _s("region"),
        _s("plan"),
        _s("indicator"),
        _s("concept"),
        _c("theme", THEMES),
        _c("measure", TARGET_MEASURES, "what the target fixes"),
        _s("unit"),
        _year("target_year"),
        _s("period"),
        _f("target_value"),
        _c("target_qualifier", QUALIFIERS),
        _s("target_source", "doc_id@start-end「raw」"),
        _year("base_year"),
        _f("base_value"),
        _s("base_unit"),
        _c("base_qualifier", QUALIFIERS),
        _s("base_source"),
        _f("base_restated"),
        _s("base_restated_source"),
        _f("outcome_value"),
        _f("outcome_value_high"),
        _s("outcome_unit"),
        _c("outcome_qualifier", QUALIFIERS),
        _year("outcome_year"),
        _b("outcome_derived"),
        _s("outcome_source"),
        _s("outcome_indicator"),
        _c(
            "match",
            MATCHES,
            "how the outcome was joined to the target (stated: said in words, no figure; members: "
            "the outcomes of a collective's members, 城镇/农村居民 for 城乡居民; rebased: the same "
            "indicator on another statistical basis, 纯收入 → 可支配收入, deciding a level only by "
            "more than 10 %); NA without one",
        ),
        _f("match_score"),
        _s("later_targets"),
        _c("verdict", VERDICTS),
        _s("verdict_basis"),
        _b("flow"),
        _b("scored"),
        _s("name_problem", "why the name is not scored; NA if scored"),
        _s("override", "the analyst's overrides applied; NA if none"),
        _s("verdict_zh"),
        _s("target_sentence"),
        _s("outcome_sentence"),
    ),
)

_TEXT_OF_RECORD = (
    "indicator unit later_evidence sources concept level_unit annual_unit implied_basis "
    "historical_basis achieved_basis status_basis note"
).split()

RECORD = Schema(
    "record",
    (
        *(_s(n) for n in _TEXT_OF_RECORD[:2]),
        _c("theme", THEMES),
        _f("base_2015"),
        _f("actual_2020"),
        _f("target_2025"),
        _c("target_qualifier", QUALIFIERS),
        _f("achieved_13th"),
        _f("implied_annual"),
        _f("historical_annual"),
        _s("later_evidence"),
        _c("status", STATUSES),
        _s("sources"),
        _s("concept"),
        _c("target_type", ("level", "cumulative", "avg_growth", "change")),
        _c("unit_kind", UNIT_KINDS),
        *(_s(n) for n in _TEXT_OF_RECORD[5:10]),
        _f("target_vs_13th"),
        _s("status_basis"),
        _f("progress_ratio"),
        _s("note"),
        _c("actual_qualifier", QUALIFIERS),
        _c("base_qualifier", QUALIFIERS),
    ),
    # another plan's years and ordinals (十三五: base_2010, actual_2015, target_2020, …_12th)
    patterns=(
        (r"(base|actual|target)_\d{4}", _f("year")),
        (r"(achieved|target_vs)_\d+th", _f("previous plan")),
    ),
)

_SUMMARY_HEADLINE = {
    "target": _f("target"),
    "outcome": _f("outcome"),
    "implied": _f("implied"),
    "achieved": _f("achieved"),
    "verdict": _c("verdict", VERDICTS),
    "measure": _c("measure", TARGET_MEASURES),
    "target_qualifier": _c("target_qualifier", QUALIFIERS),
}

SUMMARY = Schema(
    "summary",
    (
        _s("region"),
        _s("plan"),
        *(_i(n) for n in "targets met missed unclear no_outcome in_progress unscored".split()),
        _i("decided"),
        _f("share_met", "met / decided in %; NaN when nothing is decided"),
        _f("rank", "NaN when nothing is decided"),
        _i("ranked"),
    ),
    # <key>_<field> of each headline indicator (plans.peers.HEADLINE_FIELDS)
    patterns=(
        *((rf"[a-z]+_{f}", c) for f, c in _SUMMARY_HEADLINE.items()),
        (r"[a-z]+_(indicator|unit|rate_unit|basis)", _s("text")),
    ),
)

HEADLINES = Schema(
    "headlines",
    (
        _s("region"),
        _s("plan"),
        _s("headline"),
        _s("label_zh"),
        _s("indicator"),
        _s("concept"),
        _c("measure", TARGET_MEASURES),
        _s("unit"),
        _f("target_value"),
        _c("target_qualifier", QUALIFIERS),
        _f("outcome_value"),
        _c("outcome_qualifier", QUALIFIERS),
        _c("verdict", VERDICTS),
        _f("implied"),
        _f("achieved"),
        _s("rate_unit"),
        _s("basis"),
        _s("target_source"),
        _s("outcome_source"),
    ),
)


def filled(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text and code columns as Python ``str``, ``""`` for a missing value:
    for code that writes text for readers (``present/``), where a missing value shows as
    nothing. Other columns are left as they are.

    >>> filled(conform(pd.DataFrame({"qualifier": [None, "approx"]}), FIGURES))["qualifier"].tolist()
    ['', 'approx']
    """
    if not isinstance(frame, pd.DataFrame):
        return frame  # the caller's own check names the argument
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if isinstance(col.dtype, pd.StringDtype | pd.CategoricalDtype):
            out[name] = col.astype(object).where(col.notna(), "")
    return out


def restored(frame: pd.DataFrame, schema: Schema | None = None) -> pd.DataFrame:
    """A table read back from Parquet in the package's dtypes: text ``string`` (the reader's
    default storage differs between pandas versions), categories as the vocabulary's plain
    strings; with its ``schema``, :func:`conform` too (an empty column's categories are not
    in the file).

    >>> t = conform(pd.DataFrame({"kind": ["target"], "doc_id": ["001-01"]}), FIGURES)
    >>> describe(restored(t.astype({"doc_id": "string[pyarrow]"}))) == describe(t)
    True
    """
    out = frame.copy()
    for name in out.columns:
        dtype = out[name].dtype
        if isinstance(dtype, pd.StringDtype) and dtype != STRING and dtype.na_value is pd.NA:
            out[name] = out[name].astype(STRING)
        elif isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype != object:
            cats = pd.Index([str(c) for c in dtype.categories], dtype=object)
            out[name] = out[name].astype(object).astype(pd.CategoricalDtype(cats, dtype.ordered))
    return out if schema is None else conform(out, schema)


PIPE = "\\|"  # a | inside a Markdown table cell
#: Every schema, in the order of the pipeline.
ALL = (CORPUS, FIGURES, SCORECARD, RECORD, SUMMARY, HEADLINES)


def markdown() -> str:
    """The schemas as Markdown tables (``docs/tables.md``: ``python -m ningbo_analysis.schemas``)."""
    out = [
        "# Tables: columns, dtypes, missing values",
        "",
        "Generated by `python -m ningbo_analysis.schemas > docs/tables.md` from",
        "`ningbo_analysis.schemas` (a test checks this page is current). A missing text is `<NA>`,",
        "a missing year `<NA>` (`Int64`), a missing value `NaN`; codes are categoricals of the",
        "vocabulary listed. Read a table back from Parquet with `schemas.restored(frame, schema)`;",
        '`schemas.filled(frame)` gives `""` for missing text where a display wants it.',
    ]
    for schema in ALL:
        out += ["", f"## {schema.name}", "", "| column | dtype | meaning |", "|---|---|---|"]
        rows = [(c.name, c) for c in schema.columns] + [(f"`{p}`", c) for p, c in schema.patterns]
        for name, c in rows:
            dtype = f"category: {', '.join(c.categories)}" if c.dtype == "category" else c.dtype
            label = (name if name.startswith("`") else f"`{name}`").replace("|", PIPE)
            out.append(f"| {label} | {dtype} | {c.doc} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
