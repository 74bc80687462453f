"""Paths of the report runner: the repository folder, a path as a report shows it (never this
machine's absolute paths) and as the runner passes it to a notebook, a relative parameter path
located, a region's folder name, where a failed run's executed notebook is kept, and a file
written atomically (a reader sees the old file or the new one). The lowest of the runner's
modules: the others use these."""

from __future__ import annotations

import os
import re
import signal
import tempfile
from pathlib import Path


def repo_root() -> Path:
    """The repository folder (the one holding ``ningbo_analysis/``, ``notebooks/``, ``seeds/``);
    for an installed package the folder holding it (``site-packages``): see :func:`in_checkout`."""
    return Path(__file__).resolve().parents[2]


def in_checkout() -> bool:
    """Whether the package runs from the repository (a checkout or an editable install), not
    from an installation: only then are relative paths the repository's (``reports``)."""
    root = repo_root()
    return (root / "pyproject.toml").is_file() and (root / "notebooks").is_dir()


def shown_path(path: str | os.PathLike) -> str:
    """A path as reports show it: relative to the repository when inside it (``seeds``,
    ``reports/宁波``), a relative path as given, else ``…/<name>`` — never an absolute path."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.resolve().relative_to(repo_root()).as_posix() or "."
    except ValueError:
        return f"…/{p.name}"


def portable_path(path: str | os.PathLike) -> str:
    """What the runner passes to a notebook: relative to the repository when inside it (the
    notebook resolves it there), else the absolute path."""
    p = Path(path).resolve()
    try:
        return p.relative_to(repo_root()).as_posix() or "."
    except ValueError:
        return str(p)


def _locate(path: str | os.PathLike) -> Path:
    """A relative parameter path: the repository's (``reports``, ``seeds``) when it exists
    there, else relative to the current folder (``../seeds`` typed in ``notebooks/``); always
    the current folder's for an installed package."""
    p = Path(path)
    if p.is_absolute() or not in_checkout():
        return p if p.is_absolute() else p.resolve()
    in_repo = repo_root() / p
    return in_repo if in_repo.exists() or not p.exists() else p.resolve()


def region_dirname(region: str) -> str:
    """A safe folder name for a region: the name itself (UTF-8), path characters replaced.

    >>> region_dirname("宁波")
    '宁波'
    >>> region_dirname("../x/y")
    '_x_y'
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", region).strip().lstrip(".")
    name = re.sub(r"_+", "_", name)
    return name or "region"


def failed_notebooks_dir() -> Path:
    """Where the executed notebook of a failed run is kept for its traceback (outside the
    output folder, which a failed run leaves as it was)."""
    return Path(tempfile.gettempdir()) / "ningbo-analysis-failed"


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``path`` through a temporary file in its folder renamed over it: a reader (or an
    interrupted run) sees the old file or the new one, never half of one."""
    from ningbo_analysis.files import atomic_file

    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal (SIGINT/Ctrl-C or SIGTERM): kernels stopped, nothing of
    the run kept. ``signum`` is the signal; the command exits with ``128 + signum``."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum


def say_skipped(problems, folder: Path, say) -> Path | None:
    """The files a corpus skipped (``corpus.load_problems``): their list in ``folder/
    problems.csv`` and one line through ``say``; None (nothing written) when there are none."""
    from ningbo_analysis.present.tables import write_table

    if problems.empty:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    path = write_table(problems, folder / "problems.csv")
    counts = problems["problem"].value_counts().sort_index()
    what = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    say(f"{len(problems)} files skipped ({what}): {path}")
    return path


__all__ = [
    "Interrupted",
    "failed_notebooks_dir",
    "in_checkout",
    "portable_path",
    "region_dirname",
    "repo_root",
    "say_skipped",
    "shown_path",
    "write_atomic",
]
