"""Locate package data files, the repository's seeds folder and the cache folder.

Data files sit beside the stage that reads them (``corpus/data/regions.csv``,
``numbers/data/units.csv`` …; the shared glossary in ``data/``); a file is named by its file
name alone, unique across the package (a test checks it)."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import pandas as pd

#: The folders holding package data files, shared glossary first, then stage by stage.
DATA_FOLDERS = ("data", "corpus/data", "numbers/data", "figures/data", "plans/data", "text/data")


def data_path(name: str) -> Path:
    """Path of a package data file by its name (e.g. ``"units.csv"`` → ``numbers/data/units.csv``);
    the glossary's folder when no stage has it."""
    package = Path(__file__).resolve().parent
    for folder in DATA_FOLDERS:
        path = package / folder / name
        if path.is_file():
            return path
    return package / DATA_FOLDERS[0] / name


def read_data_csv(name: str) -> pd.DataFrame:
    """Read a package data CSV as strings (UTF-8, comment lines start with ``#``)."""
    return pd.read_csv(data_path(name), dtype=str, keep_default_na=False, comment="#")


def read_data_lines(name: str) -> tuple[str, ...]:
    """The words of a package data word list (``heading_breaks.txt`` …): one per line, stripped,
    blank lines and ``#`` comment lines left out, in file order."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


#: Where the built package holds the seeds (the build copies the repository's ``seeds/`` there).
PACKAGED_SEEDS = "seeds"


def default_seeds_dir() -> Path:
    """The seeds folder: ``$NINGBO_SEEDS`` if set, else the seeds shipped inside the installed
    package (``ningbo_analysis/seeds/``), else the repository's ``seeds/`` beside the package
    (a checkout or an editable install)."""
    env = os.environ.get("NINGBO_SEEDS")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    shipped = package / PACKAGED_SEEDS
    return shipped if shipped.is_dir() else package.parent / "seeds"


#: Environment variable naming the cache folder (``off`` disables caching).
CACHE_ENV = "NINGBO_ANALYSIS_CACHE"


PACKAGE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The package's one cache folder (not created here): ``$NINGBO_ANALYSIS_CACHE``, else
    ``$XDG_CACHE_HOME/ningbo-analysis``, else ``~/.cache/ningbo-analysis``; None when
    ``$NINGBO_ANALYSIS_CACHE`` is ``off``."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env.lower() in ("off", "none", "0", "false"):
        return None
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "ningbo-analysis"


#: Libraries whose version changes a cached table: jieba (its dictionary segments the
#: sentences), pandas and pyarrow (how a table is written and read back).
KEY_LIBRARIES = ("jieba", "pandas", "pyarrow")


@cache
def package_digest() -> str:
    """SHA-256 of the package's code and data files (relative path and bytes of each, sorted)
    and of the versions of :data:`KEY_LIBRARIES`."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    for lib in KEY_LIBRARIES:
        try:
            h.update(f"{lib}=={version(lib)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{lib} missing\0".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR).as_posix()
        if not path.is_file() or "__pycache__" in rel or path.suffix in (".pyc", ".pyo"):
            continue
        if path.suffix != ".py" and "data" not in rel.split("/")[:-1]:
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


__all__ = [
    "CACHE_ENV",
    "DATA_FOLDERS",
    "KEY_LIBRARIES",
    "PACKAGED_SEEDS",
    "PACKAGE_DIR",
    "cache_dir",
    "data_path",
    "default_seeds_dir",
    "package_digest",
    "read_data_csv",
    "read_data_lines",
]


def lazy_submodules(package: str, names: list[str]):
    """A package's ``__getattr__`` that imports its submodules ``names`` on first use
    (``na.present.plots`` loads matplotlib only when asked for)."""
    import importlib

    known = frozenset(names)

    def __getattr__(name: str):
        if name in known:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
