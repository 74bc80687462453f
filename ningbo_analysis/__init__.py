"""ningbo-analysis: sourced figures and themes from Chinese government planning documents.

Pipeline, one module per stage::

    corpus → structure → quantities → figures → compare → text → plots / report

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus()              # one row per article, with offsets into the raw files
>>> na.structure.outline(corpus.text[2])   # headings with section paths
"""

from . import corpus, structure
from .corpus import load_corpus, raw_span
from .errors import NingboAnalysisError, ParameterError, SeedError

__version__ = "0.1.0"

__all__ = [
    "NingboAnalysisError",
    "ParameterError",
    "SeedError",
    "corpus",
    "load_corpus",
    "raw_span",
    "structure",
]
