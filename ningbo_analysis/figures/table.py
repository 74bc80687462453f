"""The figures table: its columns (``FIGURE_COLUMNS``), the row of one figure (:func:`_figure_row`:
canonical indicator and concept, the section path by ``_SentenceAt``, offsets into the raw file by
``_RawOffsets``, confidence), the frame's types and order (:func:`_frame`), and the count per
article section the report shows (:func:`coverage_by_section`)."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import pandas as pd

from ningbo_analysis.corpus.structure import SectionIndex
from ningbo_analysis.figures.concepts import concept_of
from ningbo_analysis.figures.cues import canonical_indicator
from ningbo_analysis.figures.figure import _Figure
from ningbo_analysis.figures.names import _confidence

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


def _frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    for col in ("sentence_start", "start", "end", "raw_start", "raw_end"):
        out[col] = out[col].astype("int64")
    out["report_year"] = out["report_year"].astype("Int64")
    out["value"] = out["value"].astype("float64")
    out["value_high"] = out["value_high"].astype("float64")
    return out.sort_values(["doc_id", "start", "end", "indicator"], kind="stable").reset_index(
        drop=True
    )


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
        """``to_raw_offset(offset_map, pos)`` (its steps, on the segment found here)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return self.map[0][1]
        clean_start, raw_start, length = self.map[i]
        if pos - clean_start <= length:
            return raw_start + (pos - clean_start)
        return self.map[i + 1][1] if i + 1 < len(self.map) else raw_start + length

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
) -> dict:
    """The table row of figure ``f`` of article ``art``, named ``name`` (its noun phrase)."""
    text: str = art["text"]
    indicator, concept = canonical_indicator(name)
    concept = concept_of(concept)  # the join key of every stage (concepts.py)
    raw_s, raw_e = raw.span(f.q.start, f.q.end)
    return {
        "doc_id": art["doc_id"],
        "region": art.get("region", ""),
        "section_path": sents.section_path(f.q.start),
        "indicator": indicator,
        "concept": concept,
        "kind": f.kind,
        "measure": f.measure,
        "period": f.period,
        "value": f.value,
        "value_high": (
            f.q.value_high
            if f.q.value_high is not None and not math.isnan(f.q.value_high)
            else math.nan
        ),
        "unit": f.unit,
        "qualifier": f.qualifier,
        "raw": f.q.raw,
        "sentence": text[f.sent_start : f.sent_end],
        "sentence_start": f.sent_start,
        "start": f.q.start,
        "end": f.q.end,
        "raw_start": raw_s,
        "raw_end": raw_e,
        "report_year": ref,
        "title": art.get("title", ""),
        "confidence": _confidence(indicator),
        "attribute": getattr(f, "attribute", ""),  # 预期性/约束性 of a table row (figures.tables)
    }


def coverage_by_section(figures: pd.DataFrame) -> pd.DataFrame:
    """Number of figures per article and top-level section, split by kind (actual / target)."""
    if figures.empty:
        return pd.DataFrame(columns=["doc_id", "section", "actual", "target", "total"])
    top = figures["section_path"].str.split(" > ").str[0].replace("", "（首个标题之前）")
    table = (
        figures.assign(section=top)
        .pivot_table(index=["doc_id", "section"], columns="kind", values="value", aggfunc="size")
        .reindex(columns=["actual", "target"])
        .fillna(0)
        .astype(int)
    )
    table["total"] = table.sum(axis=1)
    return table.reset_index()
