"""`ningbo-analysis report` (what `make report` runs after its set-up check) against a yardstick:
the same runner on 4 one-line notebooks × the same 2 regions (8 notebooks, the runner's own cost:
kernels, papermill, HTML, index). Paired runs, interleaved, median of each and of the ratios.

    python benchmarks/bench_report.py [--pairs 3] [--workers N] [--cold]
                                      [--baseline-repo /path/to/other/checkout]

``--cold`` gives every report run an empty cache folder (first run after a code or seed change);
by default the cache is warmed once before timing (every later `make report`).
``--baseline-repo`` also times that checkout's runner on its notebooks and on the yardstick (e.g.
the code before a change) in the same interleaving. Prints a Markdown table; nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ("宁波", "余姚")


def yardstick_notebooks(folder: Path) -> list[Path]:
    """Four notebooks with the standard parameters cell and one one-line code cell."""
    import nbformat

    paths = []
    for i in range(1, 5):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
        params = nbformat.v4.new_code_cell(
            'region = "宁波"\nseeds_dir = ""\noutput_dir = "reports"'
        )
        params.metadata["tags"] = ["parameters"]
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# yardstick {i}"),
            params,
            nbformat.v4.new_code_cell("1 + 1"),
        ]
        path = folder / f"0{i}_one_line.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def timed(repo: Path, args: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one ``ningbo-analysis report`` run of ``repo``'s package."""
    cmd = [sys.executable, "-m", "ningbo_analysis.run.cli", "report", *args]
    for region in REGIONS:
        cmd += ["--region", region]
    started = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=repo, env={**env, "PYTHONPATH": str(repo)}, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"bench_report: {' '.join(cmd)} failed:\n{done.stderr}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=3, help="paired runs (default 3)")
    ap.add_argument("--workers", type=int, default=None, help="--workers of the runner")
    ap.add_argument("--cold", action="store_true", help="an empty cache for every report run")
    ap.add_argument("--baseline-repo", type=Path, default=None, help="also time this checkout")
    opts = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        yard = yardstick_notebooks(work)
        extra = ["--workers", str(opts.workers)] if opts.workers else []
        env = {**os.environ, "NINGBO_ANALYSIS_CACHE": str(work / "cache")}
        runs: dict[str, list[float]] = {"report": [], "yardstick": []}
        if opts.baseline_repo:
            runs["baseline report"] = []
            runs["baseline yardstick"] = []
        if not opts.cold:  # warm the cache (and the OS file cache) once, untimed
            timed(ROOT, ["--out", str(work / "warm")], env)
        for i in range(opts.pairs):
            if opts.cold:
                env["NINGBO_ANALYSIS_CACHE"] = str(work / f"cache-{i}")
            out = ["--out", str(work / f"r{i}")]
            runs["report"].append(timed(ROOT, [*out, *extra], env))
            yard_args = ["--out", str(work / f"y{i}"), "--notebooks", *map(str, yard)]
            runs["yardstick"].append(timed(ROOT, [*yard_args, *extra], env))
            if opts.baseline_repo:
                base = opts.baseline_repo.resolve()
                runs["baseline report"].append(timed(base, ["--out", str(work / f"b{i}")], env))
                base_yard = ["--out", str(work / f"by{i}"), "--notebooks", *map(str, yard)]
                runs["baseline yardstick"].append(timed(base, base_yard, env))
            line = ", ".join(f"{k} {v[-1]:.1f} s" for k, v in runs.items())
            print(f"pair {i + 1}: {line}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ratios = [r / y for r, y in zip(runs["report"], runs["yardstick"], strict=True)]
    print(
        f"\n{dt.date.today()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"workers {opts.workers or 'default (one per core)'}, "
        f"cache {'cold (empty for every report run)' if opts.cold else 'warm'}, "
        f"{opts.pairs} pairs\n"
    )
    print("| run | median s | runs s |\n|---|---:|---|")
    for name, values in runs.items():
        shown = ", ".join(f"{v:.1f}" for v in values)
        print(f"| {name} | {statistics.median(values):.1f} | {shown} |")
    print(f"\nreport / yardstick: median of paired ratios {statistics.median(ratios):.2f}×")
    if opts.baseline_repo:
        speed = [b / r for b, r in zip(runs["baseline report"], runs["report"], strict=True)]
        print(f"baseline report / report: median of paired ratios {statistics.median(speed):.2f}×")
        old_yard = runs["baseline yardstick"]
        vs_old = [r / y for r, y in zip(runs["report"], old_yard, strict=True)]
        print(
            f"report / baseline yardstick: median of paired ratios {statistics.median(vs_old):.2f}×"
        )


if __name__ == "__main__":
    main()
