"""Stage 1 — corpus: documents found, read, verified and cleaned; their metadata (place, year,
kind), their structure (outline, sentences, Q&A) and the plan periods they refer to.

Modules: ``load`` (files → one row per article, files skipped as problems; looking articles
up), ``walk`` (a folder's documents, recursively, and their ids), ``formats`` (.txt/.md in any
common encoding, .html, .docx, .pdf as text with tables as pipe rows), ``describe`` (a
document's metadata from everything it says, with its sources), ``reading`` (decoding text), ``manifest`` (manifest.csv and front matter: declared
metadata and its checks), ``cleaning`` (page furniture removed, offset map to the raw file),
``metadata`` (region, kind, date and year inferred from the text), ``structure`` (headings,
sentences, Q&A pairs with offsets), ``periods`` (five-year plan periods as data).
"""

from ningbo_analysis.corpus import formats, periods, structure
from ningbo_analysis.corpus.cleaning import clean_text, raw_span, to_raw_offset
from ningbo_analysis.corpus.formats import page_of, read_document
from ningbo_analysis.corpus.load import (
    CORPUS_COLUMNS,
    get_article,
    load_corpus,
    load_problems,
    regions,
    work_report,
)
from ningbo_analysis.corpus.manifest import front_matter
from ningbo_analysis.corpus.metadata import infer_region, infer_report_year, region_aliases
from ningbo_analysis.corpus.reading import read_seed

__all__ = [
    "CORPUS_COLUMNS",
    "clean_text",
    "formats",
    "front_matter",
    "get_article",
    "infer_region",
    "infer_report_year",
    "load_corpus",
    "load_problems",
    "page_of",
    "periods",
    "raw_span",
    "read_document",
    "read_seed",
    "region_aliases",
    "regions",
    "structure",
    "to_raw_offset",
    "work_report",
]
