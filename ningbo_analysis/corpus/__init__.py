"""Stage 1 — corpus: documents found, read, verified and cleaned; their metadata (place, year,
kind), their structure (outline, sentences, Q&A) and the plan periods they refer to.

Modules: ``load`` (files → one row per article; looking articles up), ``reading`` (a seed file
as UTF-8 text, other encodings named), ``manifest`` (manifest.csv and front matter: declared
metadata and its checks), ``cleaning`` (page furniture removed, offset map to the raw file),
``metadata`` (region, kind, date and year inferred from the text), ``structure`` (headings,
sentences, Q&A pairs with offsets), ``periods`` (five-year plan periods as data).
"""

from ningbo_analysis.corpus import periods, structure
from ningbo_analysis.corpus.cleaning import clean_text, raw_span, to_raw_offset
from ningbo_analysis.corpus.load import (
    CORPUS_COLUMNS,
    get_article,
    load_corpus,
    regions,
    work_report,
)
from ningbo_analysis.corpus.manifest import front_matter
from ningbo_analysis.corpus.metadata import infer_region, infer_report_year, region_aliases
from ningbo_analysis.corpus.reading import read_seed

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
