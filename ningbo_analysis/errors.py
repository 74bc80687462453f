"""Exceptions raised for bad input: each names the file or parameter and the problem."""

from __future__ import annotations

import importlib.util
import numbers
from collections.abc import Iterable

__all__ = [
    "MissingExtraError",
    "NingboAnalysisError",
    "NotFoundError",
    "NumberError",
    "ParameterError",
    "SeedError",
    "require_columns",
    "require_extra",
    "require_int",
]


class NingboAnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class SeedError(NingboAnalysisError):
    """A seed file or folder is missing, empty, not UTF-8 or not matching the manifest."""


class ParameterError(NingboAnalysisError, ValueError):
    """A user-supplied parameter (region, folder, option) is not valid."""


class NumberError(ParameterError):
    """A text is not one number (``to_number``); a ``ValueError`` too, as before 0.2.0."""


class MissingExtraError(NingboAnalysisError, ImportError):
    """A feature needs an optional dependency that is not installed (an extra of the package:
    ``pip install 'ningbo-analysis[plots]'``)."""


def require_extra(extra: str, *modules: str, feature: str = "") -> None:
    """Raise :class:`MissingExtraError` unless every one of ``modules`` can be imported: one
    line naming the missing library, the feature and the extra that installs it.

    >>> require_extra("plots", "no_such_module_xyz", feature="charts")
    Traceback (most recent call last):
    ...
    ningbo_analysis.errors.MissingExtraError: charts need(s) no_such_module_xyz, which is not installed: pip install 'ningbo-analysis[plots]'
    """
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        what = feature or f"the [{extra}] features"
        raise MissingExtraError(
            f"{what} need(s) {', '.join(missing)}, which is not installed: "
            f"pip install 'ningbo-analysis[{extra}]'"
        )


class NotFoundError(NingboAnalysisError, KeyError):
    """Something asked for by name (a doc_id, a region's work report) is not in the corpus."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def require_columns(
    frame: object, columns: Iterable[str], *, function: str, argument: str, made_by: str = ""
) -> None:
    """Raise :class:`ParameterError` unless ``frame`` is a pandas DataFrame (a Series or dict for
    one row) holding every one of ``columns``: one line naming the function, the argument and the
    missing columns, instead of a ``KeyError`` from inside pandas.

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], function="f", argument="t")
    Traceback (most recent call last):
    ...
    ningbo_analysis.errors.ParameterError: f: t lacks column(s) b
    """
    import pandas as pd

    if isinstance(frame, pd.DataFrame):
        have = set(frame.columns)
    elif isinstance(frame, pd.Series | dict):
        have = set(frame.keys())
    else:
        what = "a row (pandas Series or dict)" if "row" in made_by else "a pandas DataFrame"
        raise ParameterError(f"{function}: {argument} must be {what}, got {type(frame).__name__}")
    missing = [c for c in columns if c not in have]
    if missing:
        hint = f" (use {made_by})" if made_by else ""
        raise ParameterError(f"{function}: {argument} lacks column(s) {', '.join(missing)}{hint}")


def require_int(value: object, *, function: str, argument: str, minimum: int | None = None) -> int:
    """``value`` as an int if it is an integer (numpy's too, not a bool) of at least
    ``minimum``, else a one-line :class:`ParameterError` naming the function and the argument."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterError(
            f"{function}: {argument} must be an integer, got {type(value).__name__} {value!r}"
        )
    if minimum is not None and value < minimum:
        raise ParameterError(f"{function}: {argument} must be at least {minimum}, got {value}")
    return int(value)
