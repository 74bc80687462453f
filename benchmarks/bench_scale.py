"""Scale: a whole corpus through load → figures → scorecards (every place, every plan) on Dask.

Usage::

    .venv/bin/python benchmarks/bench_scale.py [--docs ../shared/corpus/work_reports]
        [--workers 1,2] [--plan 十三五 --plan 十四五]

For each number of workers, in a fresh process (so that peak memory is that run's own): a
LocalCluster of N worker processes is started (timed apart: it is paid once per run, not per
document), the corpus is loaded with its files read on the workers
(``load_corpus(docs, mapper=run.distributed.dask_mapper(client))``, as ``ningbo-analysis figures
--workers N`` does), the figures are extracted on it (``run.distributed.extract_figures_distributed``) and every place's
scorecards for every plan computed on it (``run.peers.scorecards``, cache off). Printed per run:
the load average when it starts, the wall time of each stage (and the CPU seconds of the
process tree in it: far below workers × wall time means other jobs took the cores), the total (load + figures + scorecards, cluster start-up apart), the
peak memory of the whole process tree (this process and its Dask workers, sampled every 0.2 s
with psutil), the rows and places; then the throughput of 2 workers against 1 and the
whole-run / figures-stage ratio. Both runs are checked to give the same tables (digests).

Nothing here is a test: timings depend on the machine and its load (printed with the results).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DOCS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "work_reports"


class PeakMemory:
    """Peak resident memory of this process and its children, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self.proc, self.every, self.peak = psutil.Process(), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:  # a worker that just ended
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(self.every)

    def cpu(self) -> float:
        """CPU seconds (user + system) of this process and its children alive now."""
        total = 0.0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except Exception:
                pass
        return total

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def one_run(docs: str, workers: int, plans: list[str]) -> dict:
    """load → figures → scorecards on a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    import ningbo_analysis as na
    from ningbo_analysis.run import peers
    from ningbo_analysis.run.distributed import dask_mapper, extract_figures_distributed

    out: dict = {"workers": workers, "load_before": os.getloadavg()[0]}
    with PeakMemory() as mem:
        t = time.perf_counter()
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=40,
            ) as cluster,
            Client(cluster) as client,
        ):
            out["cluster_s"] = time.perf_counter() - t
            t, c = time.perf_counter(), mem.cpu()
            corpus = na.load_corpus(docs, mapper=dask_mapper(client))
            out["load_s"], out["load_cpu"] = time.perf_counter() - t, mem.cpu() - c
            out["articles"] = len(corpus)
            out["chars"] = int(corpus["text"].str.len().sum())
            t, c = time.perf_counter(), mem.cpu()
            figures = extract_figures_distributed(corpus, client=client)
            out["figures_s"], out["figures_cpu"] = time.perf_counter() - t, mem.cpu() - c
            t, c = time.perf_counter(), mem.cpu()
            table = peers.scorecards(
                figures, plans=plans, corpus_regions=corpus["region"], client=client, cache=False
            )
            out["scorecards_s"], out["scorecards_cpu"] = time.perf_counter() - t, mem.cpu() - c
    out["peak_mb"] = mem.peak / 2**20
    out["figures"] = len(figures)
    out["targets"] = len(table)
    out["places"] = int(table["region"].nunique())
    out["figures_digest"] = peers.figures_digest(figures)[:16]
    out["scorecards_digest"] = peers.figures_digest(table)[:16]
    out["total_s"] = out["load_s"] + out["figures_s"] + out["scorecards_s"]
    return out


def report(runs: list[dict], docs: str, plans: list[str]) -> str:
    """The results as Markdown (pasted into benchmarks/README.md)."""
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; "
        f"{docs}: {runs[0]['articles']} articles, {runs[0]['chars']:,} characters; plans "
        f"{', '.join(plans)}",
        "",
        "| workers | load average | cluster start s | load s (CPU s) | figures s (CPU s) | "
        "scorecards s (CPU s) | total s | peak memory MB | figures | targets | places |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r['workers']} | {r['load_before']:.2f} | {r['cluster_s']:.1f} | "
            f"{r['load_s']:.1f} ({r['load_cpu']:.0f}) | {r['figures_s']:.1f} ({r['figures_cpu']:.0f}) "
            f"| {r['scorecards_s']:.1f} ({r['scorecards_cpu']:.0f}) | {r['total_s']:.1f} | "
            f"{r['peak_mb']:,.0f} | {r['figures']:,} | {r['targets']:,} | {r['places']} |"
        )
    for r in runs:
        lines.append(
            f"\n{r['workers']} worker(s): whole run / figures stage = "
            f"{r['total_s'] / r['figures_s']:.1f}×"
        )
    by = {r["workers"]: r for r in runs}
    if 1 in by and 2 in by:
        lines.append(
            f"2 workers vs 1: load {by[1]['load_s'] / by[2]['load_s']:.2f}×, "
            f"figures {by[1]['figures_s'] / by[2]['figures_s']:.2f}×, "
            f"scorecards {by[1]['scorecards_s'] / by[2]['scorecards_s']:.2f}×, whole run "
            f"{by[1]['total_s'] / by[2]['total_s']:.2f}× the throughput"
        )
    same = len({(r["figures_digest"], r["scorecards_digest"]) for r in runs}) == 1
    lines.append(f"same tables on every run: {same}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--docs", default=str(DEFAULT_DOCS.resolve()))
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--plan", action="append", default=None)
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    plans = args.plan or ["十三五", "十四五"]
    if args.one is not None:  # a child run: one worker count, JSON on stdout
        print(json.dumps(one_run(args.docs, args.one, plans)))
        return 0
    runs = []
    for n in [int(x) for x in args.workers.split(",")]:
        cmd = [sys.executable, __file__, "--docs", args.docs, "--one", str(n)]
        for p in plans:
            cmd += ["--plan", p]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{n} worker(s): {runs[-1]['total_s']:.1f} s", file=sys.stderr, flush=True)
    print(report(runs, args.docs, plans))
    return 0


if __name__ == "__main__":
    sys.exit(main())
