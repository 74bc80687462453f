"""Stage 1 — corpus: documents found, read, verified and cleaned; their metadata (place, year,
kind), their structure (outline, sentences, Q&A) and the plan periods they refer to.

Modules: ``load`` (files → one row per article), ``structure`` (headings, sentences, Q&A pairs
with offsets), ``periods`` (five-year plan periods as data).
"""

from ningbo_analysis.corpus import periods, structure
from ningbo_analysis.corpus.load import (
    CORPUS_COLUMNS,
    clean_text,
    front_matter,
    get_article,
    infer_region,
    infer_report_year,
    load_corpus,
    raw_span,
    read_seed,
    region_aliases,
    regions,
    to_raw_offset,
    work_report,
)

__all__ = [
    "CORPUS_COLUMNS",
    "clean_text",
    "front_matter",
    "get_article",
    "infer_region",
    "infer_report_year",
    "load_corpus",
    "periods",
    "raw_span",
    "read_seed",
    "region_aliases",
    "regions",
    "structure",
    "to_raw_offset",
    "work_report",
]
