"""ningbo-analysis: sourced figures and themes from Chinese government planning documents.

Pipeline, one module per stage::

    corpus → structure → quantities → figures → compare / scorecard → text → plots / report

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus()              # one row per article, with offsets into the raw files
>>> na.structure.outline(corpus.text[2])   # headings with section paths

Stages and the names below are imported on first use (``na.figures``, ``na.load_corpus``), so
``import ningbo_analysis`` itself is cheap: the command line answers a bad option at once and a
notebook pays only for the stages it uses.
"""

from __future__ import annotations

import importlib

from .errors import NingboAnalysisError, ParameterError, SeedError

__version__ = "0.1.0"

#: Functions and classes of the top level: name → the module defining it.
_NAMES = {
    "compare_plans": "compare",
    "load_corpus": "corpus",
    "raw_span": "corpus",
    "extract_figures": "figures",
    "plan_names": "plans",
    "Quantity": "quantities",
    "parse_quantities": "quantities",
    "quantities_frame": "quantities",
    "plan_scorecard": "scorecard",
    "scorecard_rule_text": "scorecard",
}

#: Submodules, imported on first attribute access (``na.report``, ``na.cache`` …).
_MODULES = {
    "cache",
    "cli",
    "compare",
    "concepts",
    "corpus",
    "display",
    "errors",
    "evaluate",
    "figures",
    "fonts",
    "overview",
    "plans",
    "plots",
    "quantities",
    "report",
    "resources",
    "scorecard",
    "scorecard_view",
    "structure",
    "tables",
    "text",
    "verdicts",
}

__all__ = [
    "NingboAnalysisError",
    "ParameterError",
    "Quantity",
    "SeedError",
    "cache",
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


def __getattr__(name: str):
    """Import a stage (``na.report``) or a top-level name (``na.load_corpus``) on first use."""
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _NAMES:
        value = getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ningbo_analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _MODULES | set(_NAMES))
