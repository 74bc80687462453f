"""ningbo-analysis: sourced figures, plan scorecards and themes from Chinese government
planning documents.

The pipeline, a subpackage per stage, dependencies pointing one way (docs/architecture.md)::

    corpus → numbers → figures → plans → text        (stages: tidy DataFrames between them)
    present (tables, charts, report views)   run (report runner, CLI, cache, Dask)

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus()          # the seeds shipped with the package, one row per article
>>> len(corpus), corpus["region"].iloc[2]
(14, '宁波')
>>> na.to_number("12,408.7", mode="smart")
Decimal('12408.7')

Stages and the names below are imported on first use (``na.figures``, ``na.load_corpus``), so
``import ningbo_analysis`` itself is cheap: the command line answers a bad option at once and a
notebook pays only for the stages it uses. Type checkers see them through the imports under
``TYPE_CHECKING`` below.
"""

from __future__ import annotations

import os as _os
import sys as _sys


def _interrupt_while_starting(kind, value, traceback) -> None:
    """``sys.excepthook`` of the ``ningbo-analysis`` command: Ctrl-C before its ``main`` catches
    it (while the modules load, ~0.5 s) is one line and status 130, not an import's traceback."""
    if issubclass(kind, KeyboardInterrupt):
        print(
            "ningbo-analysis: interrupted by SIGINT while starting; nothing was done",
            file=_sys.stderr,
        )
        _sys.stderr.flush()
        _os._exit(130)
    _sys.__excepthook__(kind, value, traceback)


if _sys.argv and _os.path.basename(_sys.argv[0]) == "ningbo-analysis":  # the command only
    _sys.excepthook = _interrupt_while_starting

import importlib  # noqa: E402
from importlib.metadata import PackageNotFoundError, version  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from .errors import MissingExtraError, NingboAnalysisError, NotFoundError, ParameterError, SeedError  # noqa: E402

try:
    __version__: str = version("ningbo-analysis")
except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:  # what the lazy loading below returns, for type checkers and IDEs
    from . import (
        corpus,
        errors,
        figures,
        files,
        labels,
        numbers,
        plans,
        present,
        resources,
        run,
        schemas,
        text,
    )
    from .corpus.cleaning import raw_span
    from .corpus.load import load_corpus
    from .corpus.periods import plan_names
    from .figures.extract import extract_figures
    from .numbers.numerals import to_number
    from .numbers.parser import parse_quantities, quantities_frame
    from .numbers.quantity import Quantity
    from .plans.record import compare_plans
    from .plans.scorecard import plan_scorecard, scorecard_rule_text
    from .present.show import show

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
    "to_number": "numbers.numerals",
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
    "schemas",
}

__all__ = [
    "MissingExtraError",
    "NingboAnalysisError",
    "NotFoundError",
    "ParameterError",
    "Quantity",
    "SeedError",
    "__version__",
    "compare_plans",
    "corpus",
    "errors",
    "extract_figures",
    "figures",
    "files",
    "labels",
    "load_corpus",
    "numbers",
    "parse_quantities",
    "plan_names",
    "plan_scorecard",
    "plans",
    "present",
    "quantities_frame",
    "raw_span",
    "resources",
    "run",
    "schemas",
    "scorecard_rule_text",
    "show",
    "text",
    "to_number",
]


def __getattr__(name: str) -> Any:
    """Import a stage (``na.figures``) or a top-level name (``na.load_corpus``) on first use."""
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
