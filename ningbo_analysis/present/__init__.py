"""Presentation: numbers, tables and charts for readers (``display``, ``tables``, ``plots``,
``fonts``) and the views of each report page (``overview``, ``scorecard_view``,
``record_view``, ``text_charts``, ``verdict_chart``, ``sources``, ``basis_text``, ``show``). Reads
the stages' tables; no stage imports it.

Submodules are imported on first use (``present.plots`` loads matplotlib)."""

from ningbo_analysis.resources import lazy_submodules

__all__ = [
    "basis_text",
    "display",
    "fonts",
    "overview",
    "peers_view",
    "plots",
    "record_view",
    "scorecard_view",
    "show",
    "sources",
    "tables",
    "text_charts",
    "verdict_chart",
]

__getattr__ = lazy_submodules(__name__, __all__)
