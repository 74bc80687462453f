"""Presentation: numbers, tables and charts for readers (``display``, ``tables``, ``plots``,
``fonts``) and the views of each report page (``overview``, ``scorecard_view``,
``record_view``, ``peers_view``, ``text_charts``). Reads the stages' tables; no stage imports it.

Submodules are imported on first use (``present.plots`` loads matplotlib)."""

import importlib

_MODULES = (
    "display",
    "fonts",
    "overview",
    "peers_view",
    "plots",
    "record_view",
    "scorecard_view",
    "sources",
    "basis_text",
    "verdict_chart",
    "show",
    "tables",
    "text_charts",
)


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "display",
    "fonts",
    "overview",
    "peers_view",
    "plots",
    "record_view",
    "scorecard_view",
    "tables",
    "text_charts",
]
