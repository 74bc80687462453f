"""ningbo-analysis: sourced figures and themes from Chinese government planning documents.

Pipeline, one module per stage::

    corpus → structure → quantities → figures → compare / scorecard → text → plots / report

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus()              # one row per article, with offsets into the raw files
>>> na.structure.outline(corpus.text[2])   # headings with section paths
"""

from . import compare, concepts, corpus, figures, plans, quantities, scorecard, structure, verdicts
from .compare import compare_plans
from .corpus import load_corpus, raw_span
from .errors import NingboAnalysisError, ParameterError, SeedError
from .figures import extract_figures
from .plans import plan_names
from .quantities import Quantity, parse_quantities, quantities_frame
from .scorecard import plan_scorecard, scorecard_rule_text

__version__ = "0.1.0"

__all__ = [
    "NingboAnalysisError",
    "ParameterError",
    "Quantity",
    "SeedError",
    "compare",
    "compare_plans",
    "concepts",
    "corpus",
    "extract_figures",
    "figures",
    "load_corpus",
    "parse_quantities",
    "plan_names",
    "plan_scorecard",
    "plans",
    "quantities",
    "quantities_frame",
    "raw_span",
    "scorecard",
    "scorecard_rule_text",
    "structure",
    "verdicts",
]


_LAZY = {
    "report",
    "plots",
    "text",
    "evaluate",
    "fonts",
    "cli",
    "overview",
    "resources",
    "display",
    "tables",
    "scorecard_view",
}


def __getattr__(name: str):
    """Import the heavier stages (plots, report, text …) on first use: ``na.report``."""
    if name in _LAZY:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'ningbo_analysis' has no attribute {name!r}")
