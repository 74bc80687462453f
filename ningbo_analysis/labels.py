"""Chinese labels of codes, one glossary for tables, charts and text.

theme_label("urban_rural")      → "城乡融合"   (data/theme_names.csv)
column_label("indicator")       → "指标"       (data/column_names.csv)
value_label("verdict", "met")   → "达成"       (data/glossary.csv: states of a target;
                                               data/value_labels.csv: other codes)
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from ningbo_analysis.resources import read_data_csv


def is_missing(value: object) -> bool:
    """True for None, NA, NaT and NaN: a missing cell of any column, shown as ""."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(math.isnan(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@cache
def _labels(name: str, key: str) -> dict[str, str]:
    table = read_data_csv(name)
    return dict(zip(table[key], table["label_zh"], strict=True))


@cache
def _value_labels() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for name in ("value_labels.csv", "glossary.csv"):
        table = read_data_csv(name)
        for c, v, lab in zip(table.column, table.value, table.label_zh, strict=True):
            if (c, v) in found:
                raise ValueError(f"{name}: {c}/{v} has a second label {lab!r}")
            found[(c, v)] = lab
    return found


@cache
def glossary() -> dict[tuple[str, str], dict[str, str]]:
    """The states of a target (``data/glossary.csv``): ``(column, code)`` → its ``label_zh``,
    ``meaning_zh``, ``marker`` and ``colour``, in the file's order."""
    table = read_data_csv("glossary.csv")
    return {(r["column"], r["value"]): dict(r) for r in table.to_dict("records")}


def state_meaning(column: str, value: object) -> str:
    """What a state means (``verdict``/``met`` → ``后续文件给出的期末结果达到目标``); "" if unknown."""
    return glossary().get((column, str(value)), {}).get("meaning_zh", "")


def theme_label(theme: str) -> str:
    """Chinese name of a theme id (``urban_rural`` → ``城乡融合``); unknown ids unchanged."""
    return _labels("theme_names.csv", "theme").get(str(theme), str(theme))


def column_label(name: str) -> str:
    """Chinese header of a column (``indicator`` → ``指标``); unknown names unchanged."""
    return _labels("column_names.csv", "column").get(str(name), str(name))


def value_label(column: str, value: object) -> str:
    """Chinese label of a coded value (``verdict``/``met`` → ``达成``); themes and article kinds
    too; other values unchanged (as text, "" for NaN)."""
    if is_missing(value):
        return ""
    text = str(value)
    if column == "theme":
        return theme_label(text)
    found = _value_labels().get((column, text))
    if found is None and column == "kind":
        found = _labels("kind_names.csv", "kind").get(text)
    return found if found is not None else text


__all__ = [
    "column_label",
    "is_missing",
    "theme_label",
    "value_label",
]
