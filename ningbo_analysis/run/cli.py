"""Command line: ``ningbo-analysis report | figures | scorecards | corpus``.

    ningbo-analysis report                        # all notebooks for 宁波 and 余姚 → reports/
    ningbo-analysis report --docs my_reports/ --plan 十四五 --region 清河   # only my documents
    ningbo-analysis report --docs my_reports/ --with-seeds                 # mine and the seeds
    ningbo-analysis report --region 余姚 --out /tmp/r --notebooks notebooks/01_corpus_overview.ipynb
    ningbo-analysis figures --out figures.csv --region 宁波          # the seeds shipped with the package
    ningbo-analysis figures --docs my_reports/ --out f.parquet      # only my documents
    ningbo-analysis figures --docs my_reports/ --with-seeds --out f.csv   # mine and the seeds
    ningbo-analysis figures --docs my_reports/ --out figures/ [--workers 2] [--scheduler tcp://host:8786]
    ningbo-analysis scorecards --docs reports/ --out scorecards.parquet [--plan 十四五] [--workers 2]
    ningbo-analysis corpus --out corpus.csv --no-text

Bad input (missing folder, unknown region or parameter, a ``-p`` value of the wrong type, ``-p``
for what an option sets, an unwritable output folder) prints one line and exits 2 before any
notebook runs; a notebook that fails prints the notebook and cell and exits 1, its previous
report kept; Ctrl-C or SIGTERM stops the kernels and exits 130 or 143, outputs unchanged.
"""

from __future__ import annotations

import argparse
import ast
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ningbo_analysis.corpus.load import CORPUS_COLUMNS as _CORPUS_COLUMNS
from ningbo_analysis.corpus.load import Mapper
from ningbo_analysis.errors import NingboAnalysisError, ParameterError, require_extra
from ningbo_analysis.figures.table import FIGURE_COLUMNS as _FIGURE_COLUMNS
from ningbo_analysis.files import resolved
from ningbo_analysis.present.tables import write_table
from ningbo_analysis.run.distributed import DOCS_PER_PARTITION

PROG = "ningbo-analysis"
DEFAULT_REGIONS = ("宁波", "余姚")
NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"

#: Column order of the figures and corpus CSVs: the stages' own.
FIGURE_COLUMNS = tuple(_FIGURE_COLUMNS)
CORPUS_COLUMNS = tuple(c for c in _CORPUS_COLUMNS if c != "offset_map")


def default_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Every ``*.ipynb`` in the repository's ``notebooks/`` folder, sorted by name."""
    found = sorted(folder.glob("*.ipynb"))
    if not found:
        raise ParameterError(f"no notebooks found in {folder}")
    return found


def write_csv(
    table: pd.DataFrame,
    path: str | Path,
    first: Sequence[str] = (),
    values: dict[str, str] | None = None,
) -> Path:
    """Write ``table`` with stable bytes (CSV, or Parquet for ``.parquet``); see tables.write_table."""
    try:
        return write_table(table, path, first, values)
    except ParameterError as err:
        raise ParameterError(f"--out: {err}") from None


def _load(args: argparse.Namespace, mapper: Mapper | None = None) -> pd.DataFrame:
    """The corpus of ``figures``/``corpus``: ``--docs`` alone = only those documents (folders read
    recursively); the seeds without ``--docs``, with ``--with-seeds`` or ``--seeds DIR``;
    ``--region`` checked against it. Files skipped are summed up in one line and listed in
    ``problems.csv`` beside ``--out``; ``mapper`` reads the files (``load_corpus``)."""
    from ningbo_analysis.corpus.load import load_corpus, load_problems
    from ningbo_analysis.run.parameters import _resolve_seeds_dir, check_extra_docs, check_region

    docs = check_extra_docs([_here(d) for d in args.docs])
    with_seeds = _with_seeds(args)
    folder = _resolve_seeds_dir(_here(args.seeds)) if with_seeds else None
    corpus = load_corpus(*docs, seeds=folder or False, mapper=mapper)
    _report_problems(load_problems(corpus), args.out)
    if args.region is not None:
        regions = [str(r) for r in dict.fromkeys(corpus["region"].tolist()) if str(r)]
        where = folder if folder and not docs else None
        check_region(args.region, regions, where)
    return corpus


def _report_problems(problems: pd.DataFrame, out: str | None) -> None:
    """One line for the files load_corpus skipped, and ``problems.csv`` beside ``out``."""
    from ningbo_analysis.run.paths import say_skipped

    if out is not None:
        say_skipped(problems, Path(out) if not Path(out).suffix else Path(out).parent, print)


def _here(path: str | None) -> str | None:
    """A path typed on the command line, relative to the current folder (made absolute)."""
    return str(resolved(path)) if path not in (None, "") else path


def _param(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` → ``(key, value)``; the value as a Python literal when it is one."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip().isidentifier():
        raise ParameterError(f"-p/--param: expected KEY=VALUE, got {text!r}")
    try:
        parsed: Any = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        parsed = value
    return key.strip(), parsed


def cmd_report(args: argparse.Namespace) -> int:
    """Run notebooks for each region and write HTML reports and ``index.html``."""
    from ningbo_analysis.run.parameters import check_dedicated
    from ningbo_analysis.run.report import _quiet_imports

    params = dict(_param(p) for p in args.param)
    check_dedicated(params, cli=True)  # before anything is loaded: one line, at once
    if args.workers is not None and args.workers < 1:
        raise ParameterError(f"--workers must be 1 or more, got {args.workers}")
    if args.timeout is not None and args.timeout <= 0:
        raise ParameterError(
            f"--timeout must be a number of seconds > 0 (leave it out for no limit), "
            f"got {args.timeout}"
        )
    _cap_workers(args)
    _quiet_imports()
    from ningbo_analysis.run.report import run_notebooks

    notebooks = [Path(n) for n in args.notebooks] if args.notebooks else default_notebooks()
    docs = [_here(d) for d in args.docs]
    with_seeds = _with_seeds(args)
    regions = args.region or (list(DEFAULT_REGIONS) if with_seeds else _regions_of(docs))
    entries = run_notebooks(
        notebooks,
        regions,
        _here(args.out),
        _here(args.seeds),
        extra_docs=docs,
        with_seeds=with_seeds,
        plan=args.plan,
        strict=args.strict,
        timeout=args.timeout,
        workers=args.workers,
        fresh_kernels=args.fresh_kernels,
        **params,
    )
    noisy = sum(bool(e.problems) for e in entries)
    note = f" ({noisy} with warnings)" if noisy else ""
    print(f"{len(entries)} reports{note}: {Path(args.out) / 'index.html'}")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """Write the figures table (``extract_figures``) as CSV or Parquet; to a folder (an ``--out``
    that is not ``.csv``/``.parquet``): as Parquet partitions extracted on Dask."""
    from ningbo_analysis.run import cache

    if _partitioned(args):
        return _figures_on_dask(args)
    _check_out(args.out)  # before any work
    corpus = _load(args)
    figures = cache.figures(corpus, region=args.region)  # = extract_figures, read when cached
    path = write_csv(figures, args.out, FIGURE_COLUMNS, values={"value": "unit"})
    print(f"{len(figures)} figures: {path}")
    return 0


def _check_out(out: str) -> None:
    """``--out`` writable, checked before the corpus is loaded (one line, exit 2, otherwise)."""
    from ningbo_analysis.files import check_writable

    try:
        check_writable(out)
    except ParameterError as err:
        raise ParameterError(f"--out: {err}") from None


def _partitioned(args: argparse.Namespace) -> bool:
    """True when ``figures`` writes a folder of partitions on Dask (``--out`` is a folder)."""
    out = Path(args.out)
    suffix = out.suffix.lower()
    single = suffix in (".csv", ".parquet")
    if suffix and not single and not out.is_dir():
        raise ParameterError(
            f"--out {args.out}: write a .csv or .parquet file, or give a folder name (no "
            "suffix) for Parquet partitions extracted on Dask"
        )
    if single and (args.workers is not None or args.scheduler):
        raise ParameterError(
            f"--out {args.out}: --workers/--scheduler write a folder of Parquet partitions; "
            "give --out a folder name"
        )
    return not single


def _cap_workers(args: argparse.Namespace) -> None:
    """``--workers`` above the number of cores: capped, with a one-line warning on stderr."""
    cores = os.cpu_count() or 1
    if args.workers is not None and args.workers > cores:
        print(
            f"{PROG}: warning: --workers {args.workers} is more than this machine's {cores} "
            f"cores; using {cores}",
            file=sys.stderr,
        )
        args.workers = cores


def _figures_on_dask(args: argparse.Namespace) -> int:
    """``figures --out DIR``: the figures as Parquet partitions, extracted on a Dask cluster."""
    from ningbo_analysis.run.distributed import (
        check_out_folder,
        check_workers,
        cluster_client,
        dask_mapper,
        write_figures_partitions,
    )

    require_extra("dask", "dask", "distributed", "tqdm", feature="figures --out FOLDER (Dask)")
    folder = check_out_folder(_here(args.out))  # before any work
    _cap_workers(args)
    check_workers(args.workers)
    with cluster_client(None, args.scheduler, args.workers) as client:
        # the files are read on a local cluster's workers; a running cluster's may not see them
        corpus = _load(args, mapper=None if args.scheduler else dask_mapper(client))
        paths = write_figures_partitions(
            corpus,
            folder,
            region=args.region,
            client=client,
            docs_per_partition=args.docs_per_partition,
            progress=True,
        )
    print(f"{len(corpus)} articles, {len(paths)} partitions: {folder}")
    return 0


def cmd_scorecards(args: argparse.Namespace) -> int:
    """Write the scorecards of every place × plan (``plans.peers.scorecards``) as CSV or
    Parquet, and with ``--summary`` one row per place and plan (``scorecard_summary``)."""
    from ningbo_analysis.plans.peers import DEFAULT_PLANS, check_plans, scorecard_summary
    from ningbo_analysis.run import peers
    from ningbo_analysis.run.distributed import check_workers

    plans = check_plans(args.plan or list(DEFAULT_PLANS))  # before any work
    for out in (args.out, args.summary):
        if out is not None:
            _check_table_out(out)
    if args.workers is not None:
        check_workers(args.workers)
    corpus = _load(args)
    regions = args.scorecard_region or None
    if regions:
        known = [str(r) for r in dict.fromkeys(corpus["region"].tolist()) if str(r)]
        from ningbo_analysis.run.parameters import check_region

        for r in regions:
            check_region(r, known)
    table = peers.from_corpus(
        corpus,
        regions,
        plans,
        workers=args.workers,
        scheduler=peers.check_scheduler(args.scheduler),
        progress=True,
    )
    units = {"target_value": "unit", "base_value": "base_unit", "outcome_value": "outcome_unit"}
    path = write_csv(table, args.out, values=units)
    places = table["region"].nunique()
    print(f"{len(table)} targets of {places} places × {len(plans)} plans: {path}")
    if args.summary:
        summary = scorecard_summary(table)
        print(f"{len(summary)} rows (place × plan): {write_csv(summary, args.summary)}")
    return 0


def _check_table_out(out: str) -> None:
    """A .csv or .parquet file that can be written; else one line, exit 2."""
    if Path(out).suffix.lower() not in (".csv", ".parquet"):
        raise ParameterError(f"--out {out}: write a .csv or .parquet file")
    _check_out(out)


def cmd_corpus(args: argparse.Namespace) -> int:
    """Write the corpus (one row per article) as CSV."""
    _check_out(args.out)
    corpus = _load(args)
    if args.region is not None:
        corpus = corpus[corpus["region"] == args.region]
    if args.no_text:
        corpus = corpus.drop(columns=["text"])
    path = write_csv(corpus, args.out, CORPUS_COLUMNS)
    print(f"{len(corpus)} articles: {path}")
    return 0


def _with_seeds(args: argparse.Namespace) -> bool:
    """The seeds are read without ``--docs``, with ``--with-seeds`` or with ``--seeds DIR``;
    ``--docs`` alone means only those documents (every command alike)."""
    return not args.docs or args.with_seeds or args.seeds not in (None, "")


def _regions_of(docs: list[str]) -> list[str]:
    """Every region of the user's documents: the report's default regions without the seeds."""
    from ningbo_analysis.run.parameters import available_regions

    return available_regions(None, *docs, with_seeds=False)


def _add_docs(parser: argparse.ArgumentParser) -> None:
    """``--docs`` (repeatable, read alone) and ``--with-seeds``."""
    parser.add_argument(
        "--docs",
        action="append",
        default=[],
        metavar="PATH",
        help=(
            "a folder (read recursively) or a document (.txt, .md, .html, .docx, .pdf) of your "
            "own (repeatable); read alone, without the seeds, unless --with-seeds"
        ),
    )
    parser.add_argument(
        "--with-seeds",
        action="store_true",
        help="also read the seeds shipped with the package (or --seeds DIR)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with the ``report``, ``figures`` and ``corpus`` subcommands."""
    ap = argparse.ArgumentParser(prog=PROG, description="Ningbo planning documents analysis.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _add_report_command(sub)
    _add_figures_command(sub)
    _add_corpus_command(sub)
    _add_scorecards_command(sub)
    return ap


def _add_report_command(sub: argparse._SubParsersAction) -> None:
    """The ``report`` subcommand: regions, output and seeds folders, documents, plan,
    notebooks, extra parameters, strictness, timeout, workers and kernels."""
    rep = sub.add_parser("report", help="run the notebooks and write HTML reports")
    rep.add_argument(
        "--region",
        action="append",
        metavar="R",
        help="region to report on (repeatable; default: 宁波 and 余姚)",
    )
    rep.add_argument("--out", default="reports", help="output folder (default: reports)")
    rep.add_argument("--seeds", default=None, help="seeds folder (default: the package's seeds)")
    _add_docs(rep)
    rep.add_argument(
        "--plan",
        action="append",
        default=None,
        metavar="PLAN",
        help="plan period, a name of data/plan_periods.csv (repeatable: 03 runs once per plan; "
        "default: every plan the corpus holds targets or a review for, at least 十四五)",
    )
    rep.add_argument(
        "--notebooks", nargs="+", metavar="NB", help="notebooks (default: notebooks/*.ipynb)"
    )
    rep.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra notebook parameter (repeatable)",
    )
    rep.add_argument(
        "--strict", action="store_true", help="fail when a report contains stderr/glyph warnings"
    )
    rep.add_argument("--timeout", type=int, default=None, help="per-cell timeout in seconds")
    rep.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="notebooks run at the same time (default: one per core)",
    )
    rep.add_argument(
        "--fresh-kernels",
        action="store_true",
        help="a new kernel for every notebook (default: one per worker, reset between notebooks)",
    )
    rep.set_defaults(func=cmd_report)


def _add_figures_command(sub: argparse._SubParsersAction) -> None:
    """The ``figures`` subcommand: a CSV or Parquet file, or a folder of Parquet partitions
    extracted on Dask (workers, scheduler, articles per partition)."""
    fig = sub.add_parser("figures", help="write the figures table as CSV, Parquet or partitions")
    fig.add_argument(
        "--out",
        required=True,
        help="a .csv or .parquet file, or a folder (a name without suffix) of Parquet partitions "
        "(part-00000.parquet …) extracted on Dask",
    )
    fig.add_argument("--seeds", default=None, help="another seeds folder (read with --docs too)")
    _add_docs(fig)
    fig.add_argument("--region", default=None, help="only this region's figures")
    fig.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="Dask worker processes of the local cluster (default: one per core)",
    )
    fig.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="use the running Dask cluster of this scheduler (tcp://host:8786) instead",
    )
    fig.add_argument(
        "--docs-per-partition",
        type=int,
        default=DOCS_PER_PARTITION,
        metavar="K",
        help=f"articles per partition and per task (default: {DOCS_PER_PARTITION})",
    )
    fig.set_defaults(func=cmd_figures)


def _add_scorecards_command(sub: argparse._SubParsersAction) -> None:
    """The ``scorecards`` subcommand: every place × plan × target, on Dask for many places."""
    sc = sub.add_parser(
        "scorecards", help="write the scorecards of every place and plan (CSV or Parquet)"
    )
    sc.add_argument("--out", required=True, help="a .csv or .parquet file: every target")
    sc.add_argument(
        "--summary", default=None, metavar="FILE", help="also one row per place and plan (.csv)"
    )
    sc.add_argument("--seeds", default=None, help="another seeds folder (read with --docs too)")
    _add_docs(sc)
    sc.add_argument(
        "--plan",
        action="append",
        default=None,
        metavar="PLAN",
        help="plan to score (repeatable; default: 十三五 and 十四五)",
    )
    sc.add_argument(
        "--region",
        dest="scorecard_region",
        action="append",
        default=None,
        metavar="R",
        help="only these places (repeatable; default: every place of the documents)",
    )
    sc.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="Dask worker processes of the local cluster (default: one per core)",
    )
    sc.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="use the running Dask cluster of this scheduler (tcp://host:8786) instead",
    )
    sc.set_defaults(func=cmd_scorecards, region=None)


def _add_corpus_command(sub: argparse._SubParsersAction) -> None:
    """The ``corpus`` subcommand: one row per article as CSV, optionally without texts."""
    cor = sub.add_parser("corpus", help="write the corpus (one row per article) as CSV")
    cor.add_argument("--out", required=True, help="CSV file to write")
    cor.add_argument("--seeds", default=None, help="another seeds folder (read with --docs too)")
    _add_docs(cor)
    cor.add_argument("--region", default=None, help="only this region's articles")
    cor.add_argument("--no-text", action="store_true", help="leave out the article texts")
    cor.set_defaults(func=cmd_corpus)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``ningbo-analysis``; returns the exit status (0 ok, 1 notebook failed,
    2 bad input, 128 + signal number when stopped: 130 Ctrl-C, 143 SIGTERM)."""
    from ningbo_analysis.run.paths import Interrupted  # imported here, never inside the handler

    def stop(signum: int, frame: Any) -> None:
        """SIGTERM: stop like Ctrl-C (the report runner stops its kernels and cleans up)."""
        raise Interrupted(signum)

    args = build_parser().parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, stop)
    try:
        return args.func(args)
    except NingboAnalysisError as err:
        from ningbo_analysis.run.execute import NotebookError

        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 1 if isinstance(err, NotebookError) else 2
    except KeyboardInterrupt as err:
        signum = getattr(err, "signum", signal.SIGINT)
        name = signal.Signals(signum).name
        kept = (
            " (after this run's reports were committed: they are in place)"
            if getattr(err, "committed", False)
            else " (outputs of this run discarded, previous outputs unchanged)"
        )
        print(
            f"{PROG}: interrupted by {name}{kept if args.command == 'report' else ''}",
            file=sys.stderr,
        )
        return 128 + signum
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = [
    "CORPUS_COLUMNS",
    "DEFAULT_REGIONS",
    "FIGURE_COLUMNS",
    "NOTEBOOKS_DIR",
    "PROG",
    "build_parser",
    "cmd_corpus",
    "cmd_figures",
    "cmd_report",
    "cmd_scorecards",
    "default_notebooks",
    "main",
    "write_csv",
]
