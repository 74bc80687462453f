"""Sources one click away: the scorecard's ``doc_id@start-end「raw」`` strings as links to the
row of report 02's figures table that holds the figure (its sentence, the number marked) and to
the document's URL when the corpus has one (a ``url`` or ``source`` column).

    anchor("002-01", 8251)                      → "f-002-01-8251"   (the row id in 02)
    parse_sources("002-01@8251-8255「17万元」")  → [Source("002-01", 8251, 8255, "17万元")]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

from ningbo_analysis.labels import is_missing
from ningbo_analysis.plans.prepare import SOURCE_REF
from ningbo_analysis.schemas import filled

#: The figures page of the same region folder, whose table rows carry :func:`anchor` ids.
FIGURES_PAGE = "02_figures.html"
SOURCE = re.compile(SOURCE_REF + r"「(?P<raw>[^」]*)」")
#: Corpus columns that may hold a document's address (the first present is used).
URL_COLUMNS = ("url", "source")


@dataclass(frozen=True)
class Source:
    doc_id: str
    start: int
    end: int
    raw: str

    @property
    def anchor(self) -> str:
        return anchor(self.doc_id, self.start)

    @property
    def text(self) -> str:
        return f"{self.doc_id}@{self.start}-{self.end}「{self.raw}」"


def anchor(doc_id: object, start: object) -> str:
    """Row id of a figure in 02's table: ``f-<doc_id>-<start>`` (other characters → ``_``)."""
    return "f-" + re.sub(r"[^\w-]", "_", str(doc_id)) + f"-{int(start)}"  # type: ignore[call-overload]


def figure_anchors(figures: pd.DataFrame) -> list[str]:
    """One row id per figure (:func:`anchor`), "" for a later row of the same place."""
    figures = filled(figures)
    seen: set[str] = set()
    out = []
    for doc, start in zip(figures["doc_id"], figures["start"], strict=True):
        a = anchor(doc, start)
        out.append("" if a in seen else a)
        seen.add(a)
    return out


def parse_sources(text: object) -> list[Source]:
    """Every ``doc_id@start-end「raw」`` in ``text`` ([] for a missing value)."""
    if is_missing(text):
        return []
    return [
        Source(m["doc"], int(m["start"]), int(m["end"]), m["raw"])
        for m in SOURCE.finditer(str(text))
    ]


def document_urls(corpus: pd.DataFrame | None) -> dict[str, str]:
    """doc_id → the document's address (``url`` or ``source`` column, http(s) only); {} when
    the corpus has no such column."""
    if corpus is None or "doc_id" not in corpus.columns:
        return {}
    for col in URL_COLUMNS:
        if col in corpus.columns:
            return {
                str(d): str(u)
                for d, u in zip(corpus["doc_id"], corpus[col], strict=True)
                if not is_missing(u) and str(u).startswith(("http://", "https://"))
            }
    return {}


def sentence_lookup(figures: pd.DataFrame | None) -> dict[str, str]:
    """Row id → the figure's sentence (the tooltip of a source link)."""
    if figures is None or not {"doc_id", "start", "sentence"} <= set(figures.columns):
        return {}
    return {
        anchor(d, s): str(t)
        for d, s, t in zip(figures["doc_id"], figures["start"], figures["sentence"], strict=True)
    }


def source_links(
    text: object,
    urls: dict[str, str] | None = None,
    sentences: dict[str, str] | None = None,
    page: str = FIGURES_PAGE,
) -> str:
    """HTML: each source's quote 「raw」 linking to its row in ``page`` (tooltip: the sentence),
    then 原文↗ to the document's address when known; "" when ``text`` holds no source."""
    parts = []
    for src in parse_sources(text):
        tip = (sentences or {}).get(src.anchor) or src.text
        link = (
            f'<a class="src-link" href="{html.escape(page)}#{quote(src.anchor)}" '
            f'title="{html.escape(tip)}">「{html.escape(src.raw)}」</a>'
        )
        url = (urls or {}).get(src.doc_id)
        if url:
            link += f' <a class="doc-link" href="{html.escape(url)}" title="{html.escape(src.doc_id)}">原文↗</a>'
        parts.append(link)
    return '<div class="src">' + " ".join(parts) + "</div>" if parts else ""


__all__ = [
    "FIGURES_PAGE",
    "URL_COLUMNS",
    "Source",
    "anchor",
    "document_urls",
    "figure_anchors",
    "parse_sources",
    "sentence_lookup",
    "source_links",
]
