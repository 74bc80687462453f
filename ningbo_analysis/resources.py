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


def default_seeds_dir() -> Path:
    """The seeds folder: ``$NINGBO_SEEDS`` if set, else ``seeds/`` next to the package."""
    env = os.environ.get("NINGBO_SEEDS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "seeds"
