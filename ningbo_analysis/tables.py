"""Write tidy tables with stable bytes: the same table gives the same CSV or Parquet file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from .errors import ParameterError


def scalar_column(col: pd.Series) -> bool:
    """False for columns holding lists, dicts or arrays (e.g. an offset map), which CSV can't keep."""
    if col.dtype != object:
        return True
    return not any(isinstance(v, list | tuple | dict | set) or hasattr(v, "shape") for v in col)


def check_writable(path: str | Path) -> Path:
    """``path`` if a file can be written there (its nearest existing folder is a writable
    folder), else ParameterError naming it — checked before any work, not after it."""
    path = Path(path)
    if path.is_dir():
        raise ParameterError(f"cannot write {path}: it is a folder, give a file name")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise ParameterError(f"cannot write {path}: {folder} is not a folder")
    try:
        probe_writable(folder)
    except OSError as err:
        raise ParameterError(
            f"cannot write {path}: folder {folder} is not writable ({err.strerror or err})"
        ) from None
    return path


def probe_writable(folder: str | Path) -> None:
    """Create and remove a file in ``folder``; OSError when it cannot take files (a real probe:
    permission bits say nothing for root or a read-only file system)."""
    fd, probe = tempfile.mkstemp(dir=folder, prefix=".ningbo-probe-")
    os.close(fd)
    os.unlink(probe)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` with: a temporary file beside it, renamed over it when
    the block ends without an error (a reader, or a parallel run, sees the old file or the new
    one, never half of one; a failure leaves the old one and no temporary file). The folder is
    created; the file is readable by others (0644, not mkstemp's 0600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table(
    table: pd.DataFrame,
    path: str | Path,
    first: Sequence[str] = (),
    values: Mapping[str, str] | None = None,
) -> Path:
    """Write ``table`` as UTF-8 CSV, or as Parquet when ``path`` ends in ``.parquet``.

    Columns in ``first`` come first (those present), then the others in table order; non-scalar
    columns are dropped; CSV has ``\\n`` line ends and floats as plain decimals with 15
    significant digits, never e-notation (``1.24087e12`` → ``1240870000000``, no
    ``0.30000000000000004`` noise). ``values`` maps value columns to their unit column (or a
    unit): each gets a ``<column>_display`` column beside it (``12,408.7亿元``,
    :func:`ningbo_analysis.display.add_display_columns`). The folder is created.
    """
    from .display import add_display_columns, plain_decimal

    if values:
        table = add_display_columns(table, values)
    cols = [c for c in first if c in table.columns]
    cols += [c for c in table.columns if c not in cols]
    for column in values or {}:  # each display column right after its value column
        cols.remove(f"{column}_display")
        cols.insert(cols.index(column) + 1, f"{column}_display")
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
                elif out[col].dtype == object:
                    out[col] = [plain_decimal(v) if isinstance(v, float) else v for v in out[col]]
            out.to_csv(part, index=False, encoding="utf-8", lineterminator="\n")
        os.replace(part, path)
    except OSError as err:
        raise ParameterError(f"cannot write {path}: {err.strerror or err}") from None
    finally:
        part.unlink(missing_ok=True)
    return path
