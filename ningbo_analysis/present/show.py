"""``na.show(df)``: any table of the pipeline shown in a notebook in display units, Chinese
headers (English names as tooltips) and coded values as labels, never ``1.700000e+12``.

    na.show(na.plan_scorecard(figures, "宁波"))   # the scorecard with verdicts and sources
    na.show(figures)                              # values in 亿元/万人, sentence and source
"""

from __future__ import annotations

import pandas as pd

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.present.display import Html, display_frame, html_table


def value_units(df: pd.DataFrame) -> dict[str, str]:
    """Value column → its unit column: ``value``/``unit``, ``target_value``/``unit``,
    ``<x>_value``/``<x>_unit`` (base_value/base_unit, outcome_value/outcome_unit …)."""
    out = {}
    for col in df.columns:
        if not str(col).endswith("value") or not pd.api.types.is_numeric_dtype(df[col]):
            continue
        stem = str(col)[: -len("value")]
        unit = f"{stem}unit" if f"{stem}unit" in df.columns else "unit"
        if unit in df.columns:
            out[str(col)] = unit
    return out


def show(df: pd.DataFrame, table_id: str = "table", page_size: int = 20) -> Html:
    """An HTML view of ``df`` for JupyterLab: a scorecard as its headline table (verdicts,
    reasons in Chinese, sources), any other table through :func:`display.display_frame` with
    its value columns in display units."""
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"show: expected a pandas DataFrame, got {type(df).__name__}")
    if {"verdict", "target_value", "target_source", "verdict_basis"} <= set(df.columns):
        from ningbo_analysis.present.scorecard_view import headline_html

        return headline_html(df, table_id=table_id)
    return html_table(display_frame(df, values=value_units(df)), table_id, page_size=page_size)


__all__ = ["show", "value_units"]
