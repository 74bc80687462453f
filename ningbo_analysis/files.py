"""Files written safely: whole or not at all, and checked writable before any work."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ningbo_analysis.errors import ParameterError


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


def resolved(path: str | os.PathLike) -> Path:
    """``path`` made absolute with its symbolic links followed; a ParameterError naming it when
    the links loop (pathlib raises RuntimeError or OSError ELOOP there, not a message a user
    can act on)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError) as err:
        raise ParameterError(
            f"{path}: a loop of symbolic links ({getattr(err, 'strerror', None) or err}); "
            "fix or remove the link"
        ) from None


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


__all__ = [
    "atomic_file",
    "check_writable",
    "probe_writable",
]
