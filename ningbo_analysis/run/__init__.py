"""Runners: the report runner (papermill → nbconvert), the command line, the Parquet cache of
computed tables and figures on Dask. On top of everything; nothing imports them but users.

Submodules are imported on first use (``run.distributed`` loads Dask)."""

import importlib

_MODULES = (
    "cache",
    "cli",
    "declared",
    "distributed",
    "execute",
    "html_page",
    "index",
    "jobs",
    "kernels",
    "outputs",
    "parameters",
    "paths",
    "peers",
    "report",
)


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "cache",
    "cli",
    "declared",
    "distributed",
    "execute",
    "html_page",
    "index",
    "jobs",
    "kernels",
    "outputs",
    "parameters",
    "paths",
    "peers",
    "report",
]
