"""Write tidy tables with stable bytes: the same table gives the same CSV or Parquet file."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ningbo_analysis.errors import ParameterError


def scalar_column(col: pd.Series) -> bool:
    """False for columns holding lists, dicts or arrays (e.g. an offset map), which CSV can't keep."""
    if col.dtype != object:
        return True
    return not any(isinstance(v, list | tuple | dict | set) or hasattr(v, "shape") for v in col)


#: Coded columns that get a ``<column>_label`` column (Chinese) right after them in files.
LABELLED_COLUMNS = ("verdict", "status", "theme")


def add_label_columns(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with ``<column>_label`` after each coded column of
    :data:`LABELLED_COLUMNS` it has (``met`` → ``达成``, ``economy`` → ``经济发展``)."""
    from ningbo_analysis.labels import value_label

    out = table
    for col in LABELLED_COLUMNS:
        if col in out.columns and f"{col}_label" not in out.columns:
            if out is table:
                out = table.copy()
            labels = [value_label(col, v) for v in out[col]]
            out.insert(out.columns.get_loc(col) + 1, f"{col}_label", labels)
    return out


# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @ first, or a
# tab or carriage return first (Excel strips them and reads what follows)
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
# ... unless it is a signed number, with a unit or percent sign after it (-3.5%, -12.3亿元)
_SIGNED_NUMBER = re.compile(r"[-+][0-9][0-9,.]*(?:[eE][-+]?[0-9]+)?[%‰\u4e00-\u9fff]*")


def safe_cell(value: object) -> object:
    """A text cell as a spreadsheet must show it: a formula-leading text gets a ``'`` in front
    (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``), so Excel or LibreOffice shows it instead of running
    it; signed numbers (``-3.5%``) and anything not text are kept as they are.

    >>> print(safe_cell('=HYPERLINK("http://evil.example","点我")'), safe_cell("-3.5%"))
    '=HYPERLINK("http://evil.example","点我") -3.5%
    """
    if not isinstance(value, str):
        return value
    if "\r" in value:  # a bare CR is not quoted by the CSV writer (LF line ends): it would cut
        value = value.replace("\r\n", "\n").replace("\r", "\n")  # the row for a reader
        lead_cr = True
    else:
        lead_cr = False
    if not (lead_cr and value.startswith("\n")) and not value.startswith(_FORMULA_LEAD):
        return value
    if _SIGNED_NUMBER.fullmatch(value):
        return value
    return "'" + value


def write_table(
    table: pd.DataFrame,
    path: str | Path,
    first: Sequence[str] = (),
    values: Mapping[str, str] | None = None,
) -> Path:
    """Write ``table`` as UTF-8 CSV with a byte-order mark (Excel on Windows reads it as
    UTF-8), or as Parquet when ``path`` ends in ``.parquet``. Coded columns get a Chinese
    label column beside them (``verdict`` → ``verdict_label`` 达成, ``theme`` → ``theme_label``).

    Columns in ``first`` come first (those present), then the others in table order; non-scalar
    columns are dropped; CSV has ``\\n`` line ends and floats as plain decimals with 15
    significant digits, never e-notation (``1.24087e12`` → ``1240870000000``, no
    ``0.30000000000000004`` noise). ``values`` maps value columns to their unit column (or a
    unit): each gets a ``<column>_display`` column beside it (``12,408.7亿元``,
    :func:`ningbo_analysis.present.display.add_display_columns`). The folder is created. A CSV
    text cell a spreadsheet would run as a formula is written with a ``'`` first
    (:func:`safe_cell`); Parquet keeps the values as they are.
    """
    from ningbo_analysis.present.display import add_display_columns, plain_decimal

    if values:
        table = add_display_columns(table, values)
    table = add_label_columns(table)
    cols = [c for c in first if c in table.columns]
    cols += [c for c in table.columns if c not in cols]
    for column in values or {}:  # each display column right after its value column
        cols.remove(f"{column}_display")
        cols.insert(cols.index(column) + 1, f"{column}_display")
    for column in LABELLED_COLUMNS:  # each label column right after its code column
        if column in cols and f"{column}_label" in cols:
            cols.remove(f"{column}_label")
            cols.insert(cols.index(column) + 1, f"{column}_label")
    cols = [c for c in cols if scalar_column(table[c])]
    path = Path(path)
    # written beside the target, then renamed over it: a reader (or a killed run) never sees
    # half a file, and a failure leaves the previous file as it was
    part = path.with_name(f".{os.getpid()}.part.{path.name}")  # same suffixes: .csv.gz stays gzip
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            table[cols].reset_index(drop=True).to_parquet(part, index=False)
        else:
            out = table[cols].reset_index(drop=True)
            for col in cols:
                if pd.api.types.is_float_dtype(out[col]):
                    out[col] = [plain_decimal(v) for v in out[col]]
                elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                    out[col] = [
                        plain_decimal(v) if isinstance(v, float) else safe_cell(v) for v in out[col]
                    ]
            out.to_csv(part, index=False, encoding="utf-8-sig", lineterminator="\n")
        os.replace(part, path)
    except OSError as err:
        raise ParameterError(f"cannot write {path}: {err.strerror or err}") from None
    finally:
        part.unlink(missing_ok=True)
    return path


__all__ = [
    "safe_cell",
    "scalar_column",
    "write_table",
]
