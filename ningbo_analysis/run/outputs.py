"""The output folder of a run: checked writable before anything runs, a staging folder inside
it where the jobs build (the same file system), and the commit as a whole: each region folder
built anew in the staging folder (the files of each job that succeeded over the live ones, the
files its previous run wrote but this one did not removed), then put in place with one rename
per region, and the index last (run.report), with SIGINT/SIGTERM held on every thread. A killed
run leaves each region folder old or new, whole. A failed job leaves its previous outputs as
they were."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.run.index import ReportEntry
from ningbo_analysis.run.jobs import _Job
from ningbo_analysis.run.paths import Interrupted, failed_notebooks_dir, region_dirname

#: Prefix of a run's temporary folder inside the output folder (removed when the run ends).
STAGING_PREFIX = ".ningbo-build-"


def _check_writable(out: Path, region_dirs: Iterable[Path]) -> None:
    """ParameterError naming the folder when the output folder or an existing region folder
    cannot be written (checked before anything runs)."""
    for folder in (out, *region_dirs):
        if folder.exists() and not folder.is_dir():
            raise ParameterError(f"output folder {folder} is a file, not a folder; choose --out")
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise ParameterError(
                f"output folder {folder} is not writable; fix its permissions or choose "
                "another with --out"
            )


def _remove_stale_staging(out: Path) -> None:
    """Remove temporary folders of runs that were killed outright (their process is gone)."""
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _make_staging(out: Path) -> Path:
    """The run's temporary folder inside ``out`` (same file system: moving a file out of it is
    an atomic rename); ParameterError when ``out`` cannot be written."""
    try:
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as err:
        raise ParameterError(
            f"output folder {out} is not writable ({err.strerror or err}); fix its permissions "
            "or choose another with --out"
        ) from None


class _Held:
    """The signals that came while :func:`_signals_held` held them (``signums``)."""

    def __init__(self) -> None:
        self.signums: list[int] = []


@contextlib.contextmanager
def _signals_held():
    """Hold SIGINT/SIGTERM back until the block ends: the files are moved and the index rewritten
    whole. A Python handler runs in the main thread whichever thread the signal was delivered to,
    so a deferring handler holds it on every thread (a signal mask would hold it in one). A signal
    that came meanwhile raises :class:`Interrupted` after the block, with ``committed`` True: the
    run's outputs were committed. Off the main thread (no handler can be set) nothing is held."""
    held = _Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {
        s: signal.signal(s, lambda signum, frame: held.signums.append(signum)) for s in wanted
    }
    try:
        yield held
    finally:
        try:
            for s, handler in previous.items():
                signal.signal(s, handler)
        except KeyboardInterrupt as stop:  # a signal let through as its handler came back
            stop.committed = True
            raise
    if held.signums:
        stop = Interrupted(held.signums[0])
        stop.committed = True
        raise stop


def _link_tree(source: Path, target: Path) -> None:
    """``target`` as a copy of the folder ``source`` made of hard links (files are only ever
    replaced, never written in place, so the live folder is not touched); copies where links
    cannot be made."""
    for folder, _dirs, files in os.walk(source):
        dest = target / Path(folder).relative_to(source)
        dest.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, dest / name)
            except OSError:
                shutil.copy2(Path(folder) / name, dest / name)


def _exchange(new: Path, live: Path) -> None:
    """Put the folder ``new`` at ``live`` in one step: ``renameat2(RENAME_EXCHANGE)`` swaps the two
    atomically (Linux; the old folder is left at ``new``), else two renames (the old folder moved
    to ``new`` first)."""
    if not live.exists():
        os.rename(new, live)
        return
    if _renameat2_exchange(new, live):
        return
    aside = new.with_name(new.name + ".old")
    os.rename(live, aside)
    os.rename(new, live)
    os.rename(aside, new)


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False when unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return done == 0


def _remove_stale(folder: Path, staged: Path, names: Sequence[str], out: Path) -> None:
    """Delete the files ``names`` (relative to ``out``) from ``staged``, the staged copy of the
    region folder ``folder``; only inside it (an edited index.json cannot make it delete anything
    else)."""
    root = folder.resolve()
    for name in sorted(names):
        stale = (out / name).resolve()
        if stale.is_relative_to(root):
            copy = staged / stale.relative_to(root)
            if copy.is_file():
                copy.unlink()


def _commit(
    jobs: Sequence[_Job], out: Path, previous: Sequence[ReportEntry] = ()
) -> list[ReportEntry]:
    """Commit the files of the jobs that succeeded as a whole: each region folder is built anew
    in the staging folder (the live one's files linked in, the run's files moved over them, the
    files the previous run of the same notebook and region wrote but this one did not removed:
    a CSV named after a parameter that changed), then put in place with one rename per region.
    Their entries with the final paths; NingboAnalysisError naming the file if one cannot be
    moved (nothing is changed then)."""
    before = {e.key: e.outputs for e in previous}
    now = {j.key for j in jobs}
    # files another notebook (or plan) wrote (in the index) or this run writes are never stale
    kept = {o for e in previous if e.key not in now for o in e.outputs}
    kept |= {
        (j.final_dir / p.relative_to(j.build_dir)).relative_to(out).as_posix()
        for j in jobs
        for p in j.build_dir.rglob("*")
        if p.is_file()
    }
    staged: dict[Path, Path] = {}
    entries = []
    for job in jobs:
        assert job.entry is not None
        if job.final_dir not in staged:
            staged[job.final_dir] = _staged_region(job, len(staged))
        written = _move_files(job, staged[job.final_dir], out)
        stale = [o for o in before.get(job.key, []) if o not in kept and o not in written]
        _remove_stale(job.final_dir, staged[job.final_dir], stale, out)
        entries.append(_final_entry(job, written))
    for live, new in staged.items():  # one rename per region
        try:
            _exchange(new, live)
        except OSError as err:
            raise NingboAnalysisError(
                f"cannot replace {live}: {err.strerror or err}; fix its permissions or choose "
                "another --out"
            ) from None
    for job in jobs:
        (failed_notebooks_dir() / region_dirname(job.region) / f"{job.stem}.ipynb").unlink(
            missing_ok=True
        )
    return entries


def _staged_region(job: _Job, number: int) -> Path:
    """A new copy of ``job``'s region folder in the run's staging folder (empty if none yet)."""
    staged = job.build_dir.parents[1] / f"commit-{number:03d}" / job.final_dir.name
    if job.final_dir.is_dir():
        _link_tree(job.final_dir, staged)
    staged.mkdir(parents=True, exist_ok=True)
    return staged


def _move_files(job: _Job, staged: Path, out: Path) -> list[str]:
    """Move the files ``job`` built into ``staged``; their final names relative to ``out``."""
    written = []
    for path in sorted(p for p in job.build_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(job.build_dir)
        written.append((job.final_dir / relative).relative_to(out).as_posix())
        target = staged / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        except OSError as err:
            raise NingboAnalysisError(
                f"cannot write {job.final_dir / relative}: {err.strerror or err}; fix the "
                f"permissions of {job.final_dir} or choose another --out"
            ) from None
    return written


def _final_entry(job: _Job, written: list[str]) -> ReportEntry:
    """``job``'s index entry with its final paths and the files it wrote."""
    e = job.entry
    assert e is not None
    return ReportEntry(
        region=e.region,
        notebook=e.notebook,
        title=e.title,
        html=job.final_dir / e.html.name,
        ipynb=job.final_dir / e.ipynb.name,
        parameters=e.parameters,
        seconds=e.seconds,
        problems=e.problems,
        outputs=written,
        plan=e.plan,
        verdicts=e.verdicts,
    )


__all__ = [
    "STAGING_PREFIX",
]
