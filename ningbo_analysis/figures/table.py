"""The figures table: its columns (``FIGURE_COLUMNS``), the row of one figure (:func:`_figure_row`:
canonical indicator and concept, the section path by ``_SentenceAt``, offsets into the raw file by
``_RawOffsets``, confidence), the frame's types and order (:func:`_frame`), and the count per
article section the report shows (:func:`coverage_by_section`)."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ningbo_analysis.corpus.cleaning import to_raw_offset
from ningbo_analysis.corpus.structure import SectionIndex
from ningbo_analysis.figures import names
from ningbo_analysis.figures.concepts import concept_of
from ningbo_analysis.figures.cues import canonical_indicator
from ningbo_analysis.figures.figure import _Figure
from ningbo_analysis.schemas import FIGURES, conform

# concept_of and _confidence are pure functions of a name and a corpus repeats its names: the
# last 16,384 of each kept
_concept_of = lru_cache(maxsize=1 << 14)(concept_of)
_confidence = lru_cache(maxsize=1 << 14)(names._confidence)

FIGURE_COLUMNS = [
    "doc_id",
    "region",
    "section_path",
    "indicator",
    "concept",
    "kind",
    "measure",
    "period",
    "value",
    "value_high",
    "unit",
    "qualifier",
    "raw",
    "sentence",
    "sentence_start",
    "start",
    "end",
    "raw_start",
    "raw_end",
    "report_year",
    "title",
    "confidence",
    "attribute",
]


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The figures table of ``rows`` (tuples in ``FIGURE_COLUMNS`` order: :func:`_figure_row`)."""
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    for col in ("sentence_start", "start", "end", "raw_start", "raw_end"):
        out[col] = out[col].astype("int64")
    out["report_year"] = out["report_year"].astype("Int64")
    out["value"] = out["value"].astype("float64")
    out["value_high"] = out["value_high"].astype("float64")
    out = out.sort_values(["doc_id", "start", "end", "indicator"], kind="stable")
    return conform(out.reset_index(drop=True), FIGURES)


@dataclass(frozen=True)
class _SentenceAt:
    """The sentences of an article as sorted arrays: the section path of the sentence holding an
    offset, by ``bisect`` (the path of the section holding the sentence's start, looked up only
    for the sentences that have figures)."""

    starts: list[int]
    ends: list[int]
    sections: SectionIndex

    def section_path(self, pos: int) -> str:
        """``section_path`` of the sentence containing ``pos`` ('' if none)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.sections.path_at(self.starts[i]) if i >= 0 and pos < self.ends[i] else ""


class _RawOffsets:
    """An article's offset map (``corpus.to_raw_offset``) with its segment starts listed once: a
    lookup hands ``to_raw_offset`` only the segment holding the offset and the next one, instead
    of the whole map (whose starts it would list again for every figure)."""

    def __init__(self, offset_map: tuple | list) -> None:
        self.map = offset_map
        self.starts = [seg[0] for seg in offset_map]

    def at(self, pos: int) -> int:
        """``to_raw_offset(offset_map, pos)``."""
        i = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        return to_raw_offset(self.map[i : i + 2], pos)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``corpus.raw_span`` of ``text[start:end]``; (0, 0) without an offset map."""
        if not self.map:
            return 0, 0
        if end <= start:
            pos = self.at(start)
            return pos, pos
        return self.at(start), self.at(end - 1) + 1


def _figure_row(
    art: dict, f: _Figure, name: str, sents: _SentenceAt, raw: _RawOffsets, ref: int | None
) -> tuple:
    """The table row of figure ``f`` of article ``art``, named ``name`` (its noun phrase): a
    tuple in ``FIGURE_COLUMNS`` order (a quarter of a dict's memory; the frame is made faster)."""
    text: str = art["text"]
    indicator, concept = canonical_indicator(name)
    concept = _concept_of(concept)  # the join key of every stage (concepts.py)
    raw_s, raw_e = raw.span(f.q.start, f.q.end)
    high = f.q.value_high
    return (
        art["doc_id"],  # doc_id
        art.get("region", ""),  # region
        sents.section_path(f.q.start),  # section_path
        indicator,  # indicator
        concept,  # concept
        f.kind,  # kind
        f.measure,  # measure
        f.period,  # period
        f.value,  # value
        high if high is not None and not math.isnan(high) else math.nan,  # value_high
        f.unit,  # unit
        f.qualifier,  # qualifier
        f.q.raw,  # raw
        text[f.sent_start : f.sent_end],  # sentence
        f.sent_start,  # sentence_start
        f.q.start,  # start
        f.q.end,  # end
        raw_s,  # raw_start
        raw_e,  # raw_end
        ref,  # report_year
        art.get("title", ""),  # title
        _confidence(indicator),  # confidence
        getattr(f, "attribute", ""),  # attribute: 预期性/约束性 of a table row (figures.tables)
    )


def coverage_by_section(figures: pd.DataFrame) -> pd.DataFrame:
    """Number of figures per article and top-level section, split by kind (actual / target)."""
    if figures.empty:
        return pd.DataFrame(columns=["doc_id", "section", "actual", "target", "total"])
    paths = figures["section_path"].astype(object).fillna("")  # NA: before the first heading
    top = paths.str.split(" > ").str[0].replace("", "（首个标题之前）")
    table = (
        figures.assign(section=top, kind=figures["kind"].astype(object))
        .pivot_table(index=["doc_id", "section"], columns="kind", values="value", aggfunc="size")
        .reindex(columns=["actual", "target"])
        .fillna(0)
        .astype(int)
    )
    table["total"] = table.sum(axis=1)
    return table.reset_index()
