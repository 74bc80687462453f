"""Write tidy tables with stable bytes: the same table gives the same CSV or Parquet file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .errors import ParameterError


def scalar_column(col: pd.Series) -> bool:
    """False for columns holding lists, dicts or arrays (e.g. an offset map), which CSV can't keep."""
    if col.dtype != object:
        return True
    return not any(isinstance(v, list | tuple | dict | set) or hasattr(v, "shape") for v in col)


def write_table(table: pd.DataFrame, path: str | Path, first: Sequence[str] = ()) -> Path:
    """Write ``table`` as UTF-8 CSV, or as Parquet when ``path`` ends in ``.parquet``.

    Columns in ``first`` come first (those present), then the others in table order; non-scalar
    columns are dropped; CSV has ``\\n`` line ends and floats with 15 significant digits
    (``1.24087e12`` → ``1240870000000``, no ``0.30000000000000004`` noise). The folder is created.
    """
    cols = [c for c in first if c in table.columns]
    cols += [c for c in table.columns if c not in cols]
    cols = [c for c in cols if scalar_column(table[c])]
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".parquet":
            table[cols].reset_index(drop=True).to_parquet(path, index=False)
        else:
            table[cols].to_csv(
                path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.15g"
            )
    except OSError as err:
        raise ParameterError(f"cannot write {path}: {err.strerror or err}") from None
    return path
