"""ningbo-analysis: sourced figures and themes from Chinese government planning documents.

The pipeline, a subpackage per stage, dependencies pointing one way (docs/architecture.md)::

    corpus → numbers → figures → plans → text        (stages: tidy DataFrames between them)
    present (tables, charts, report views)   run (report runner, CLI, cache, Dask)

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus()                     # one row per article, offsets into the files
>>> na.corpus.structure.outline(corpus.text[2])   # headings with section paths

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
    "compare_plans": "plans.record",
    "load_corpus": "corpus.load",
    "raw_span": "corpus.cleaning",
    "extract_figures": "figures.extract",
    "plan_names": "corpus.periods",
    "Quantity": "numbers.quantity",
    "parse_quantities": "numbers.parser",
    "quantities_frame": "numbers.parser",
    "plan_scorecard": "plans.scorecard",
    "scorecard_rule_text": "plans.scorecard",
    "show": "present.show",
}

#: Stage subpackages and shared modules, imported on first attribute access (``na.figures`` …).
_MODULES = {
    "corpus",
    "numbers",
    "figures",
    "plans",
    "text",
    "present",
    "run",
    "errors",
    "files",
    "labels",
    "resources",
}

__all__ = [
    "NingboAnalysisError",
    "ParameterError",
    "Quantity",
    "SeedError",
    "compare_plans",
    "corpus",
    "extract_figures",
    "figures",
    "load_corpus",
    "numbers",
    "parse_quantities",
    "plan_names",
    "plan_scorecard",
    "plans",
    "present",
    "quantities_frame",
    "raw_span",
    "run",
    "scorecard_rule_text",
    "show",
    "text",
]


def __getattr__(name: str):
    """Import a stage (``na.report``) or a top-level name (``na.load_corpus``) on first use."""
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name == "plots":  # na.plots.scorecard_chart …
        return importlib.import_module(".present.plots", __name__)
    if name in _NAMES:
        value = getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ningbo_analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _MODULES | set(_NAMES) | {"plots"})
