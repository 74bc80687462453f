"""Locate package data files and the repository's seeds folder."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pandas as pd


def data_path(name: str) -> Path:
    """Path of a file shipped in ``ningbo_analysis/data`` (e.g. ``"units.csv"``)."""
    return Path(str(resources.files("ningbo_analysis") / "data" / name))


def read_data_csv(name: str) -> pd.DataFrame:
    """Read a package data CSV as strings (UTF-8, comment lines start with ``#``)."""
    return pd.read_csv(data_path(name), dtype=str, keep_default_na=False, comment="#")


def read_data_lines(name: str) -> tuple[str, ...]:
    """The words of a package data word list (``heading_breaks.txt`` …): one per line, stripped,
    blank lines and ``#`` comment lines left out, in file order."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def default_seeds_dir() -> Path:
    """The seeds folder: ``$NINGBO_SEEDS`` if set, else ``seeds/`` next to the package."""
    env = os.environ.get("NINGBO_SEEDS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "seeds"
