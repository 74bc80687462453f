"""Notebook parameters and the HTML report runner (papermill → nbconvert, code hidden).

In a notebook (second cell)::

    params = na.run.report.check_parameters(region, seeds_dir, output_dir)
    params   # shows a small parameters table in the HTML report

From Python or the ``ningbo-analysis report`` command::

    run_notebooks(["notebooks/01_corpus_overview.ipynb"], ["宁波", "余姚"], "reports")

writes ``reports/<region>/<notebook>.ipynb`` (executed) and ``.html`` (code hidden), and
``reports/index.html`` linking every report.

This module holds :func:`run_notebooks` and re-exports the runner's public names from the
modules that hold them: :mod:`.paths` (repository paths, atomic writes), :mod:`.parameters`
(a notebook's own parameter check), :mod:`.declared` (the parameters a notebook declares),
:mod:`.kernels`, :mod:`.execute` (one notebook executed and read back), :mod:`.html_page`,
:mod:`.index`, :mod:`.jobs` (the worker threads) and :mod:`.outputs` (staging and commit).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NoReturn, TextIO

from ningbo_analysis.errors import ParameterError, require_extra
from ningbo_analysis.run.declared import (
    _notebook_arguments,
    check_notebook_parameters,
    check_parameter_value,
    declared_choices,
    declared_minimum,
    declared_type,
    notebook_parameters,
    region_parameter,
    runs_per_plan,
)
from ningbo_analysis.run.execute import (
    NotebookError,
    execute_notebook,
    notebook_problems,
    notebook_title,
    stable_cell_ids,
    tidy_executed,
)
from ningbo_analysis.run.html_page import OFFLINE_TEMPLATE, notebook_to_html
from ningbo_analysis.run.index import (
    INDEX_DATA,
    ReportEntry,
    merge_index,
    read_index,
    write_index,
)
from ningbo_analysis.run.jobs import (
    SECONDS_FILE,
    _Job,
    _job,
    _run_jobs,
    job_order,
    read_seconds,
    remember_seconds,
)
from ningbo_analysis.run.kernels import (
    IOPUB_DRAIN_SECONDS,
    KERNEL_ENV,
    _shutdown_kernel,
    _start_kernel,
    ensure_kernel,
    stop_kernels,
)
from ningbo_analysis.run.outputs import (
    STAGING_PREFIX,
    _check_writable,
    _commit,
    _make_staging,
    _remove_stale_staging,
    _signals_held,
)
from ningbo_analysis.run.parameters import (
    DEDICATED_PARAMETERS,
    DOCUMENT_PARAMETERS,
    PARAMS_CLASS,
    STANDARD_PARAMETERS,
    Params,
    _ensure_output_dir,
    _resolve_seeds_dir,
    available_regions,
    check_dedicated,
    check_extra_docs,
    check_parameters,
    check_plan,
    check_region,
    check_with_seeds,
    params_table_html,
)
from ningbo_analysis.run.paths import (
    Interrupted,
    failed_notebooks_dir,
    portable_path,
    region_dirname,
    repo_root,
    say_skipped,
    shown_path,
    write_atomic,
)

require_extra(
    "notebooks",
    *("papermill", "nbconvert", "nbformat", "jupyter_client", "ipykernel", "matplotlib", "seaborn"),
    feature="the report runner (ningbo-analysis report)",
)

__all__ = [
    "DEDICATED_PARAMETERS",
    "DOCUMENT_PARAMETERS",
    "INDEX_DATA",
    "IOPUB_DRAIN_SECONDS",
    "KERNEL_ENV",
    "OFFLINE_TEMPLATE",
    "PARAMS_CLASS",
    "SECONDS_FILE",
    "STAGING_PREFIX",
    "STANDARD_PARAMETERS",
    "Interrupted",
    "NotebookError",
    "ParameterError",
    "Params",
    "ReportEntry",
    "available_regions",
    "check_dedicated",
    "check_extra_docs",
    "check_notebook_parameters",
    "check_parameter_value",
    "check_parameters",
    "check_plan",
    "check_region",
    "check_with_seeds",
    "compares_places",
    "compile_package",
    "declared_choices",
    "declared_minimum",
    "declared_type",
    "default_plans",
    "default_workers",
    "ensure_kernel",
    "execute_notebook",
    "failed_notebooks_dir",
    "job_order",
    "merge_index",
    "notebook_parameters",
    "notebook_problems",
    "notebook_title",
    "notebook_to_html",
    "params_table_html",
    "portable_path",
    "read_index",
    "read_seconds",
    "region_dirname",
    "region_parameter",
    "remember_seconds",
    "repo_root",
    "run_notebooks",
    "runs_per_plan",
    "shown_path",
    "stable_cell_ids",
    "stop_kernels",
    "tidy_executed",
    "write_atomic",
    "write_index",
]


def _quiet_imports() -> None:
    """Skip jsonschema's IRI format checker (``rfc3987_syntax`` builds a grammar for ~1 s at
    import; nbformat never validates IRIs): the command answers in a fraction of a second.
    Only when nothing imported it yet; the command line calls it before importing
    papermill/nbformat (a library call leaves the process' imports alone)."""
    if "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]


def compile_package(folder: Path | None = None) -> bool:
    """Write the bytecode of the package's modules (``__pycache__``) where it is missing or
    stale, so that every kernel imports them compiled: where ``PYTHONDONTWRITEBYTECODE`` is set
    (as on many CI machines) Python never writes it itself, and each kernel compiled the
    package from source again (≈ 0.08 s). Checking an up-to-date folder costs a few stats; a
    folder that cannot be written is left alone. True when everything compiled."""
    import compileall

    folder = Path(__file__).resolve().parents[1] if folder is None else folder
    try:
        return bool(compileall.compile_dir(folder, quiet=2, maxlevels=1))
    except OSError:
        return False


def default_workers() -> int:
    """Notebooks run at the same time by default: one per core available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_notebooks(
    notebooks: Sequence[str | os.PathLike],
    regions: Sequence[str],
    out_dir: str | os.PathLike,
    seeds_dir: str | os.PathLike | None = None,
    *,
    extra_docs: Sequence[str | os.PathLike] = (),
    with_seeds: bool = True,
    plan: str | Sequence[str] | None = None,
    progress: TextIO | Literal["stderr"] | None = "stderr",
    strict: bool = False,
    timeout: int | None = None,
    workers: int | None = None,
    fresh_kernels: bool = False,
    **params: Any,
) -> list[ReportEntry]:
    """Execute every notebook for every region and write HTML reports plus ``index.html``.

    Everything is validated before anything runs (notebooks exist, declare the parameters
    given in ``params`` with values of the declared types, none of them is one the runner sets
    itself, regions are in the corpus: seeds plus ``extra_docs``, only ``extra_docs`` with
    ``with_seeds=False``; ``plan`` known, output folder writable; relative ``out_dir``: repo's).

    ``plan`` is one plan or several (十三五, 十四五): a notebook whose metadata says
    ``"ningbo": {"per_plan": true}`` (report 03) runs once per plan, its files and index entry
    carrying the plan (``03_targets_vs_achievements_十四五.html``), so the pages of two plans
    coexist; the other notebooks run once, with the first plan. None: every plan the corpus
    holds targets or a five-year review for in the regions (:func:`default_plans`), at least 十四五.

    Notebooks run ``workers`` at a time (default: one per core), after the corpus' figures,
    sentences and inventory are cached once (:mod:`ningbo_analysis.run.cache`). Each worker takes
    the next notebook of :func:`job_order` whenever it is free and runs it in its kernel, reset
    between notebooks to what a fresh kernel has (empty namespace, execution count 1, working folder,
    matplotlib settings) but with the modules already imported; ``fresh_kernels=True`` starts
    a kernel per notebook instead.

    Each notebook builds in a temporary folder inside ``out_dir``; when all have run, the files
    of each one that succeeded (HTML, executed notebook, CSVs) replace the region's previous
    ones by rename, and the index is rewritten (entries of other regions and notebooks kept).
    A notebook that failed leaves its previous outputs and index entry as they were:
    NotebookError naming it and its cell (its executed notebook is kept under
    :func:`failed_notebooks_dir`).
    Interrupted (KeyboardInterrupt, :class:`Interrupted`): the kernels are stopped, the
    temporary folder removed and the exception raised, its ``committed`` attribute saying what
    was left: False, the output folder byte-identical; True, the signal came while the outputs
    were being committed (held until the commit was whole), the run's outputs are in place.

    Each finished notebook prints one progress line (to ``progress``: stderr by default, None
    for silence). ``strict=True`` turns report noise (stderr output, missing glyphs) into a
    NotebookError; otherwise it is printed as a warning and shown in the index.
    """
    plans = _plan_list(plan)
    nbs, regs, seeds, docs, per_notebook, out = _checked_arguments(
        notebooks, regions, out_dir, seeds_dir, extra_docs, plans, workers, params, timeout,
        with_seeds)  # fmt: skip
    say = _printer(progress)
    ensure_kernel()  # once, before the threads
    n_workers = max(1, min(workers or default_workers(), len(regs) * len(nbs)))
    kernels: list = []
    entries: list[ReportEntry] = []
    state = {"committed": False}  # set while signals are held, right after the commit
    try:
        corpus = _warm_up(kernels, (not fresh_kernels) * n_workers, with_seeds and seeds, docs)
        _before_jobs(corpus, nbs, plans, out, say)
        if not plans:
            plans = default_plans(corpus, regs)
        staging = _make_staging(out)
        try:
            jobs = _all_jobs(nbs, regs, per_notebook, seeds, staging, out, plans)
            _run_jobs(jobs, n_workers, strict, timeout, say, fresh_kernels, kernels)
            failed = [j for j in jobs if j.error is not None]
            entries = _publish([j for j in jobs if j.entry is not None], out, say, state)
        finally:
            _remove_staging(staging, state)
    finally:
        while kernels:  # started but not taken by a worker (which stops its own)
            _shutdown_kernel(kernels.pop())
    if failed:
        _raise_failed(failed)
    return entries


def _checked_arguments(
    notebooks: Sequence[str | os.PathLike],
    regions: Sequence[str],
    out_dir: str | os.PathLike,
    seeds_dir: str | os.PathLike | None,
    extra_docs: Sequence[str | os.PathLike],
    plans: Sequence[str],
    workers: int | None,
    params: Mapping[str, Any],
    timeout: float | None = None,
    with_seeds: bool = True,
) -> tuple[list[Path], list[str], Path, tuple[Path, ...], list[dict[str, Any]], Path]:
    """:func:`run_notebooks`' arguments checked before anything runs: the notebooks and regions
    (each once, in order), the seeds folder, the user's documents, each notebook's arguments
    besides region/seeds_dir/output_dir, and the output folder (created, writable, temporary
    folders of killed runs removed). ParameterError naming what is wrong."""
    nbs = list(dict.fromkeys(Path(n) for n in notebooks))
    if not nbs:
        raise ParameterError("no notebooks to run")
    regs = list(dict.fromkeys(regions))
    if not regs:
        raise ParameterError("no regions given")
    check_dedicated(params)
    seeds = _resolve_seeds_dir(seeds_dir)
    docs = check_extra_docs(list(extra_docs))
    check_with_seeds(with_seeds, docs)
    plan_name = check_plan(plans[0]) if plans else None
    per_notebook = _notebook_arguments(nbs, params, docs, plan_name, plans, with_seeds)
    valid = available_regions(seeds, *docs, with_seeds=with_seeds)
    for region in regs:
        check_region(region, valid, seeds if with_seeds else None)
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ParameterError(f"workers must be a whole number >= 1, got {workers!r}")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0
    ):
        raise ParameterError(
            f"timeout must be a number of seconds > 0 (None for no limit), got {timeout!r}"
        )
    out = _ensure_output_dir(out_dir)
    _check_writable(out, [out / region_dirname(r) for r in regs])
    _remove_stale_staging(out)
    return nbs, regs, seeds, docs, per_notebook, out


def _printer(progress: TextIO | Literal["stderr"] | None) -> Callable[[str], None]:
    """``say(msg)``: print a progress line to ``progress`` (stderr for "stderr", nothing for
    None), flushed at once."""
    stream = sys.stderr if progress == "stderr" else progress

    def say(msg: str) -> None:
        if stream is not None:
            print(msg, file=stream, flush=True)

    return say


def _warm_up(kernels: list, count: int, seeds: Path | bool, docs: tuple[Path, ...]):
    """Start ``count`` kernels for the workers (appended to ``kernels`` as each one starts),
    cache the corpus' tables meanwhile and compile the package, before any job runs; the
    corpus (None when it cannot be loaded: a notebook names the failing cell instead)."""
    from ningbo_analysis.corpus.load import load_corpus
    from ningbo_analysis.run import cache

    # the workers' kernels boot while the cache is computed (≈ 1.3 s on one core after a
    # change of the corpus or the code)
    for _ in range(count):
        kernels.append(_start_kernel())
    corpus = None
    try:
        corpus = load_corpus(*docs, seeds=seeds)  # False: only the user's documents
        cache.warm(corpus)
    except Exception:  # a notebook computing the same table names the failing cell instead
        pass
    compile_package()
    return corpus


def _before_jobs(corpus, nbs: list[Path], plans: list[str], out: Path, say) -> None:
    """What the run says and computes once before the notebooks: the files the corpus skipped,
    and every place's scorecards when a notebook compares places (05)."""
    _report_skipped(corpus, out, say)
    if corpus is not None and any(compares_places(nb) for nb in nbs):
        _warm_peers(corpus, plans, say)


def _report_skipped(corpus, out: Path, say) -> None:
    """One line for the files the corpus skipped (unreadable, place unknown …) and their list
    in ``problems.csv`` beside the reports; nothing when every file loaded."""
    from ningbo_analysis.corpus.load import load_problems

    if corpus is not None:
        say_skipped(load_problems(corpus), out, say)


def compares_places(notebook: Path) -> bool:
    """True when the notebook's metadata says ``"ningbo": {"peers": true}`` (report 05): the
    scorecards of every place of the corpus are computed once before it runs."""
    import json

    try:
        meta = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return bool(isinstance(meta, dict) and meta.get("ningbo", {}).get("peers", False))


def _warm_peers(corpus, plans: Sequence[str], say: Callable[[str], None]) -> None:
    """Cache the scorecards of every place of the corpus (``run.peers``: on Dask, one worker
    per core, for many places) before the notebooks comparing places run; a failure is left to
    the notebook, which names its cell."""
    import time

    from ningbo_analysis.plans.peers import DEFAULT_PLANS
    from ningbo_analysis.run import peers

    start = time.perf_counter()
    try:
        table = peers.from_corpus(corpus, plans=plans or DEFAULT_PLANS, workers=default_workers())
    except Exception:  # the notebook computing the same table names the failing cell
        return
    places = table["region"].nunique()
    say(f"scorecards of {places} places: {time.perf_counter() - start:.1f} s")


def _plan_list(plan: str | Sequence[str] | None) -> list[str]:
    """The plans asked for, checked, each once ([] for the default)."""
    if plan is None:
        return []
    given = [plan] if isinstance(plan, str) else list(plan)
    return list(dict.fromkeys(check_plan(p) for p in given))


def default_plans(corpus, regions: Sequence[str]) -> list[str]:
    """The plans the corpus holds targets for (a non-empty scorecard) or a five-year review of
    (actual figures over the plan's years) in ``regions``, in order; always 十四五."""
    from ningbo_analysis.corpus.periods import DEFAULT_PLAN, plan_periods
    from ningbo_analysis.plans.prepare import period_bounds
    from ningbo_analysis.run import cache

    found = {DEFAULT_PLAN}
    if corpus is None:
        return [DEFAULT_PLAN]
    try:
        figures = cache.figures(corpus)
        mine = figures[figures["region"].astype(str).isin(list(regions))]
        spans = set(mine.loc[mine["kind"] == "actual", "period"].map(period_bounds))
        for p in plan_periods():
            if (p.start, p.end) in spans or any(
                len(cache.scorecard(corpus, r, p.name)) for r in regions
            ):
                found.add(p.name)
    except Exception:  # the notebooks report what fails
        pass
    return [p.name for p in plan_periods() if p.name in found]


def _all_jobs(
    nbs: Sequence[Path],
    regs: Sequence[str],
    per_notebook: Sequence[Mapping[str, Any]],
    seeds: Path,
    staging: Path,
    out: Path,
    plans: Sequence[str] = (),
) -> list[_Job]:
    """The jobs of the run, numbered from 1: region by region, each notebook with its
    arguments, a notebook run per plan (:func:`runs_per_plan`) once for each of ``plans``."""
    pairs = []
    for region in regs:
        for nb, more in zip(nbs, per_notebook, strict=True):
            if plans and "plan" in more and runs_per_plan(nb):
                pairs += [(region, nb, {**more, "plan": p}, p) for p in plans]
            elif plans and "plan" in more:
                pairs.append((region, nb, {**more, "plan": plans[0]}, ""))
            else:
                pairs.append((region, nb, more, ""))
    return [
        _job(i, nb, region, seeds, more, staging, out, plan)
        for i, (region, nb, more, plan) in enumerate(pairs, 1)
    ]


def _publish(
    done: Sequence[_Job],
    out: Path,
    say: Callable[[str], None],
    state: dict[str, bool] | None = None,
) -> list[ReportEntry]:
    """Commit the files of the jobs that succeeded and rewrite the index (signals held
    meanwhile), then remember their seconds; their entries with the final paths. ``state``
    gets ``committed`` True before the signals are let through again: an interrupt from then on
    carries ``committed`` True (the outputs are in place)."""
    state = {"committed": False} if state is None else state
    if not done:
        return []
    try:
        with _signals_held():
            previous = read_index(out, say)
            entries = _commit(done, out, previous)
            index = write_index(merge_index(previous, entries), out)
            state["committed"] = True
        say(f"index: {index}")
        remember_seconds([j.entry for j in done])
    except KeyboardInterrupt as stop:
        stop.committed = state["committed"]
        raise
    return entries


def _remove_staging(staging: Path, state: dict[str, bool]) -> None:
    """Remove the run's temporary folder; an interrupt meanwhile says whether the run's outputs
    were committed."""
    try:
        shutil.rmtree(staging, ignore_errors=True)
    except KeyboardInterrupt as stop:
        stop.committed = state["committed"]
        raise


def _raise_failed(failed: Sequence[_Job]) -> NoReturn:
    """Raise the first failed job's error, naming the other failed ones and saying that their
    previous reports were kept."""
    also = ", ".join(f"{j.region} {j.notebook.name}" for j in failed[1:])
    message = str(failed[0].error) + (f"; also failed: {also}" if also else "")
    kept = "their previous reports kept" if also else "its previous report kept"
    raise type(failed[0].error)(f"{message} ({kept})")
