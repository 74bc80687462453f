"""Runners: the report runner (papermill → nbconvert), the command line, the Parquet cache of
computed tables and figures on Dask. On top of everything; nothing imports them but users.

Submodules are imported on first use (``run.distributed`` loads Dask)."""

from ningbo_analysis.resources import lazy_submodules

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

__getattr__ = lazy_submodules(__name__, __all__)
