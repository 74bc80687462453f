"""The job runner: one job per notebook and region, run by worker threads that each drive a
kernel and take the next job whenever they are free (the longest first, by the seconds the
last run took); a job executes its notebook into its build folder, then is tidied, checked
for noise and written as HTML while the worker's kernel runs the next one. Ctrl-C stops every
kernel."""

from __future__ import annotations

import json
import math
import queue
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.run.declared import region_parameter
from ningbo_analysis.run.execute import (
    NotebookError,
    execute_notebook,
    notebook_problems,
    notebook_title,
    tidy_executed,
)
from ningbo_analysis.run.html_page import notebook_to_html
from ningbo_analysis.run.index import ReportEntry, scorecard_verdicts
from ningbo_analysis.run.kernels import (
    _ready_kernel,
    _shutdown_kernel,
    close_thread_loop,
    stop_kernels,
)
from ningbo_analysis.run.paths import (
    failed_notebooks_dir,
    portable_path,
    region_dirname,
    shown_path,
    write_atomic,
)


@dataclass
class _Job:
    """One notebook for one region: where it builds, where its files go once it succeeded."""

    number: int
    notebook: Path
    region: str
    parameters: dict[str, Any]  # passed to papermill (the build folder as output_dir)
    shown: dict[str, Any]  # shown in the report and the index (the final folder)
    build_dir: Path
    final_dir: Path
    entry: ReportEntry | None = None
    error: NingboAnalysisError | None = None
    #: the plan of a notebook run once per plan, else ""
    plan: str = ""

    @property
    def stem(self) -> str:
        """File name of its report without suffix: ``03_targets_vs_achievements_十四五`` for a
        notebook run per plan, else the notebook's."""
        return f"{self.notebook.stem}_{self.plan}" if self.plan else self.notebook.stem

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.region, self.notebook.name, self.plan)


def _job(
    number: int,
    nb: Path,
    region: str,
    seeds: Path,
    more: Mapping[str, Any],
    staging: Path,
    out: Path,
    plan: str = "",
) -> _Job:
    """The job of one notebook for one region (and ``plan``, for a notebook run once per plan:
    its files carry the plan's name): it builds in ``staging/<number>/<region>`` (the same
    last name as the final folder, so paths shown outside the repository agree)."""
    final_dir = out / region_dirname(region)
    build_dir = staging / f"{number:03d}" / region_dirname(region)
    parameters = {
        region_parameter(nb): region,
        "seeds_dir": portable_path(seeds),
        "output_dir": portable_path(build_dir),
        **more,
    }
    shown = {
        k: (
            ", ".join(shown_path(p) for p in v) or "(none)"
            if k == "extra_docs"
            else shown_path(v)
            if k in ("seeds_dir", "output_dir")
            else v
        )
        for k, v in {**parameters, "output_dir": portable_path(final_dir)}.items()
    }
    return _Job(number, nb, region, parameters, shown, build_dir, final_dir, plan=plan)


def job_order(
    keys: Sequence[tuple[str, str]], seconds: Mapping[tuple[str, str], float] | None = None
) -> list[int]:
    """The order in which the workers take the jobs (``keys`` are (region, notebook) in run
    order, region by region). Each free worker takes the next job, whichever region it is for
    (its kernel is reset between notebooks, so which kernel ran a notebook never shows).

    Without ``seconds`` (or for keys it lacks): notebook by notebook across the regions (宁波 01,
    余姚 01, 宁波 02, …). With each job's ``seconds`` from an earlier run: the longest first,
    so that the workers run out of work at about the same time (no long notebook left alone
    at the end)."""
    regions = list(dict.fromkeys(region for region, _ in keys))
    seen: dict[str, int] = {}
    rank = []
    for i, (region, _) in enumerate(keys):
        rank.append((seen.get(region, 0), regions.index(region), i))
        seen[region] = seen.get(region, 0) + 1
    order = [i for *_, i in sorted(rank)]
    if not seconds:
        return order
    return sorted(order, key=lambda i: -seconds.get(tuple(keys[i]), math.inf))


#: File in the cache folder with each notebook's seconds in the last run (by region and file
#: name): :func:`job_order` starts the longest first. Only a hint: losing it changes nothing
#: but the order.
SECONDS_FILE = "report-seconds.json"


def _seconds_path() -> Path | None:
    from ningbo_analysis.resources import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / SECONDS_FILE


def _seconds_name(e: ReportEntry) -> str:
    """The notebook's file name, with the plan for a notebook run per plan (as :class:`_Job`)."""
    return f"{e.notebook.stem}_{e.plan}.ipynb" if e.plan else e.notebook.name


def read_seconds() -> dict[tuple[str, str], float]:
    """(region, notebook file name) → seconds of the last run ({} when unknown or unreadable)."""
    path = _seconds_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        return {(str(r), str(n)): float(t) for r, n, t in data}
    except (OSError, ValueError, TypeError):
        return {}


def remember_seconds(entries: Sequence[ReportEntry]) -> None:
    """Record the entries' seconds in :data:`SECONDS_FILE` (a cache folder that cannot be
    written is ignored)."""
    path = _seconds_path()
    if path is None or not entries:
        return
    known = read_seconds()
    known.update({(e.region, _seconds_name(e)): round(e.seconds, 2) for e in entries})
    rows = [[r, n, t] for (r, n), t in sorted(known.items())]
    try:
        write_atomic(path, json.dumps(rows, ensure_ascii=False) + "\n")  # creates the folder
    except OSError:
        pass


def _run_jobs(
    jobs: list[_Job],
    workers: int,
    strict: bool,
    timeout: int | None,
    say,
    fresh_kernels: bool = False,
    kernels: list | None = None,
) -> None:
    """Run the jobs on ``workers`` threads, each driving one kernel (a kernel per job with
    ``fresh_kernels``) and taking the next job of :func:`job_order` whenever it is free; on
    KeyboardInterrupt stop every kernel, wait briefly for the threads and re-raise. A worker
    takes its kernel from ``kernels`` (started already, removed from the list) if any."""
    ready_kernels = kernels if kernels is not None else []
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in job_order([(j.region, f"{j.stem}.ipynb") for j in jobs], read_seconds()):
        todo.put(i)
    workers = max(1, min(workers, len(jobs)))
    finished: queue.Queue[_Job] = queue.Queue()
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=_worker,
            args=(jobs, todo, finished, stop, ready_kernels, strict, timeout, fresh_kernels),
            name=f"ningbo-report-{w}",
            daemon=True,
        )
        for w in range(workers)
    ]
    reported = 0
    try:
        for t in threads:
            t.start()
        while reported < len(jobs):
            try:
                job = finished.get(timeout=0.2)
            except queue.Empty:
                if not any(t.is_alive() for t in threads) and finished.empty():
                    break
                continue
            reported += 1
            _say_finished(job, reported, len(jobs), say)
    except KeyboardInterrupt:
        _stop_workers(stop, threads)
        raise


def _as_error(job: _Job, err: Exception) -> NingboAnalysisError:
    """The error of a failed job: ``err`` itself when it is a NingboAnalysisError, else a
    NotebookError naming the notebook and region."""
    if isinstance(err, NingboAnalysisError):
        return err
    return NotebookError(  # a bug here must not hang the run
        f"notebook {job.notebook.name} (region {job.region}): {type(err).__name__}: {err}"
    )


def _finisher(pending: queue.Queue, finished: queue.Queue[_Job], strict: bool) -> None:
    """Tidy and convert executed notebooks while the worker's kernel runs the next one."""
    while (item := pending.get()) is not None:
        job, started = item
        try:
            job.entry = _finish_job(job, strict, started)
        except Exception as err:
            job.error = _as_error(job, err)
        finished.put(job)


def _worker(
    jobs: list[_Job],
    todo: queue.SimpleQueue[int],
    finished: queue.Queue[_Job],
    stop: threading.Event,
    ready_kernels: list,
    strict: bool,
    timeout: int | None,
    fresh_kernels: bool,
) -> None:
    """One worker thread: with a kernel of ``ready_kernels`` if one is left, take the next job
    of ``todo`` until none is left or ``stop`` is set, execute it in the kernel (reset between
    jobs; a new one after a failure, or for every job with ``fresh_kernels``) and hand it to
    its :func:`_finisher` thread, which puts it in ``finished``; a failed job goes there at
    once. Stops its kernel and waits for its finisher when done."""
    try:
        kernel = ready_kernels.pop()
    except IndexError:
        kernel = None
    pending: queue.Queue = queue.Queue()
    finisher = threading.Thread(target=_finisher, args=(pending, finished, strict), daemon=True)
    finisher.start()
    try:
        while not stop.is_set():
            try:
                job = jobs[todo.get_nowait()]
            except queue.Empty:
                return
            try:
                if not fresh_kernels:
                    kernel = _ready_kernel(kernel)
                started = time.monotonic()
                _execute_job(job, timeout, stop, kernel)
                pending.put((job, started))
                continue
            except Exception as err:
                job.error = _as_error(job, err)
            if kernel is not None:
                _shutdown_kernel(kernel)  # the next job gets a new one
                kernel = None
            finished.put(job)
    finally:
        pending.put(None)
        if kernel is not None:
            _shutdown_kernel(kernel)
        finisher.join()
        close_thread_loop()


def _say_finished(job: _Job, reported: int, total: int, say) -> None:
    """The progress line of a finished job that succeeded (``[2/8] 宁波 01_….ipynb: ok``) and
    a warning line per problem of its report; nothing for a failed one (raised at the end)."""
    if job.entry is not None:
        e = job.entry
        final_html = job.final_dir / e.html.name
        plan = f" {job.plan}" if job.plan else ""
        say(
            f"[{reported}/{total}] {job.region} {job.notebook.name}{plan}: ok "
            f"({e.seconds:.1f} s) → {final_html}"
        )
        for p in e.problems:
            say(f"  warning: {job.notebook.name} ({job.region}) {p}")


def _stop_workers(stop: threading.Event, threads: Sequence[threading.Thread]) -> None:
    """After Ctrl-C, with SIGINT/SIGTERM ignored meanwhile: tell the workers to stop, kill
    every kernel, wait briefly for the threads, then kill a kernel that started meanwhile."""
    previous = _ignore_signals()
    try:
        stop.set()
        stop_kernels()
        for t in threads:
            t.join(timeout=5)
        stop_kernels()  # one that started while we waited
    finally:
        _restore_signals(previous)


def _ignore_signals() -> dict[int, Any]:
    """Ignore SIGINT/SIGTERM while cleaning up (main thread only); the previous handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}


def _restore_signals(previous: Mapping[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def _execute_job(job: _Job, timeout: int | None, stop: threading.Event, km=None) -> None:
    """Execute one notebook into its build folder (NotebookError naming the cell)."""
    nb = job.notebook
    execute_notebook(
        nb,
        job.build_dir / f"{job.stem}.ipynb",
        job.parameters,
        region=job.region,
        timeout=timeout,
        failed_copy=failed_notebooks_dir() / region_dirname(job.region) / f"{job.stem}.ipynb",
        km=km,
    )
    if stop.is_set():
        raise NotebookError(f"notebook {nb.name} (region {job.region}): interrupted")


def _finish_job(job: _Job, strict: bool, started: float) -> ReportEntry:
    """Tidy an executed notebook (the build folder's paths shown as the final folder's), check
    it for noise and write its HTML next to it."""
    nb = job.notebook
    executed = job.build_dir / f"{job.stem}.ipynb"
    build, final = job.build_dir, job.final_dir
    pairs = [(f(build), f(final)) for f in (str, portable_path, shown_path)]
    # papermill writes the injected parameters as ASCII-escaped literals ("\u5b81\u6ce2")
    pairs += [(json.dumps(a)[1:-1], json.dumps(b)[1:-1]) for a, b in pairs]
    done = tidy_executed(executed, replace=dict(pairs))
    title = notebook_title(done) or nb.stem
    problems = notebook_problems(done)
    if problems and strict:
        raise NotebookError(
            f"notebook {nb.name} (region {job.region}) wrote noise into its report: "
            + "; ".join(problems)
        )
    page = job.build_dir / f"{job.stem}.html"
    page.write_text(notebook_to_html(executed, job.shown, title), encoding="utf-8")
    return ReportEntry(
        region=job.region,
        notebook=nb,
        title=title,
        html=page,
        ipynb=executed,
        parameters=job.shown,
        seconds=time.monotonic() - started,
        problems=problems,
        plan=job.plan,
        verdicts=scorecard_verdicts(job.build_dir),
    )


__all__ = [
    "SECONDS_FILE",
    "job_order",
    "read_seconds",
    "remember_seconds",
]
