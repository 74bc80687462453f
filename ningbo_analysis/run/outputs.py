"""The output folder of a run: checked writable before anything runs, a staging folder inside
it where the jobs build (the same file system), and the commit: the files of each job that
succeeded moved into their region folder, one rename each, with signals held, and the files
its previous run wrote but this one did not removed. A failed job leaves its previous outputs
as they were."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.run.index import ReportEntry
from ningbo_analysis.run.jobs import _Job
from ningbo_analysis.run.paths import failed_notebooks_dir, region_dirname

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


@contextlib.contextmanager
def _signals_held():
    """Hold SIGINT/SIGTERM back (main thread only) until the block ends: moving the files and
    rewriting the index is never cut in half; a signal that came meanwhile acts right after."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    main = threading.current_thread() is threading.main_thread()
    if main:
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        if main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)


def _remove_stale(out: Path, folder: Path, old: Sequence[str], written: Sequence[str]) -> None:
    """Delete the files of ``old`` (relative to ``out``) not in ``written``, only inside the
    region folder ``folder`` (an edited index.json cannot make it delete anything else)."""
    root = folder.resolve()
    for name in sorted(set(old) - set(written)):
        stale = (out / name).resolve()
        if stale.is_relative_to(root) and stale.is_file():
            stale.unlink()


def _commit(
    jobs: Sequence[_Job], out: Path, previous: Sequence[ReportEntry] = ()
) -> list[ReportEntry]:
    """Move the files of the jobs that succeeded to their region folders, one rename each, and
    remove the files the previous run of the same notebook and region wrote but this one did
    not (a CSV named after a parameter that changed); their entries with the final paths.
    NingboAnalysisError naming the file if one cannot be moved."""
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
    entries = []
    for job in jobs:
        assert job.entry is not None
        written = []
        for path in sorted(p for p in job.build_dir.rglob("*") if p.is_file()):
            target = job.final_dir / path.relative_to(job.build_dir)
            written.append(target.relative_to(out).as_posix())
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
            except OSError as err:
                raise NingboAnalysisError(
                    f"cannot write {target}: {err.strerror or err}; fix the permissions of "
                    f"{job.final_dir} or choose another --out"
                ) from None
        e = job.entry
        stale = [o for o in before.get(job.key, []) if o not in kept]
        _remove_stale(out, job.final_dir, stale, written)
        entries.append(
            ReportEntry(
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
        )
        (failed_notebooks_dir() / region_dirname(job.region) / f"{job.stem}.ipynb").unlink(
            missing_ok=True
        )
    return entries


__all__ = [
    "STAGING_PREFIX",
]
