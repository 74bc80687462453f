"""Signals across a report's commit (issue 24): SIGINT, SIGTERM and SIGKILL sent at random
moments while a run commits its reports, each trial checked to leave the old or the new set of
reports, each whole, and to say truthfully which.

Usage::

    .venv/bin/python benchmarks/commit_trials.py [--trials 100] [--regions 2] [--notebooks 4]
        [--files 40] [--seed 24]

Each trial makes an output folder holding a previous run (``index.json``, and per region and
notebook an HTML page, an executed notebook and CSVs, every file stamped ``old``), then starts a
child process that stages a new run (the same files stamped ``new``, one CSV renamed so a stale
file is removed) and commits it with the runner's own code (``run.report._publish``: the staged
region folders, one rename per region, the index last, signals held on every thread; a worker
thread is alive meanwhile). The parent sends SIGINT, SIGTERM or SIGKILL (in turn) after a random
delay spread over the child's commit window, then checks:

* every region folder holds the old files only or the new files only (never a mix, never a
  file missing), and index.json reads;
* SIGINT/SIGTERM: the child exits 130/143 and says ``committed`` exactly when the new set is in
  place (``unchanged`` when the old one is).

It prints one line per outcome and exits 1 if any trial fails. Not a test (it takes a minute
or two); ``tests/run/test_commit_signals.py`` runs a few trials of it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ["宁波", "余姚", "慈溪", "海曙区"]

CHILD = r"""
import os, signal, sys, threading, time, json
from pathlib import Path
from ningbo_analysis.run.index import ReportEntry, write_index
from ningbo_analysis.run.jobs import _Job
from ningbo_analysis.run.paths import Interrupted
from ningbo_analysis.run.report import _publish

out, staging = Path(sys.argv[1]), Path(sys.argv[2])
spec = json.loads(sys.argv[3])

def stop(signum, frame):
    raise Interrupted(signum)

signal.signal(signal.SIGTERM, stop)
threading.Thread(target=time.sleep, args=(60,), daemon=True).start()  # a worker thread
jobs = []
for i, (region, nb) in enumerate(spec["jobs"], 1):
    build = staging / f"{i:03d}" / region
    final = out / region
    entry = ReportEntry(region, Path(nb + ".ipynb"), nb, build / f"{nb}.html",
                        build / f"{nb}.ipynb", {"region": region})
    jobs.append(_Job(i, Path(nb + ".ipynb"), region, {}, {}, build, final, entry=entry))
print("ready", flush=True)
state = {"committed": False}
try:
    _publish(jobs, out, lambda msg: None, state)
    print("done", flush=True)
except KeyboardInterrupt as err:  # what run_notebooks and the command say
    committed = getattr(err, "committed", False) or state["committed"]
    print("committed" if committed else "unchanged", flush=True)
    sys.exit(128 + getattr(err, "signum", signal.SIGINT))
"""


def files_of(nb: str, version: str, n_files: int) -> dict[str, str]:
    csv = "b" if version == "new" else "a"  # one CSV renamed: the old one becomes stale
    names = [f"{nb}.html", f"{nb}.ipynb"] + [
        f"{nb}_{k}_{csv if k == 0 else ''}.csv" for k in range(n_files)
    ]
    return {name: f"{version} {name}\n" + "x" * 2000 for name in names}


def make_previous(out: Path, regions: list[str], notebooks: list[str], n_files: int) -> None:
    from ningbo_analysis.run.index import ReportEntry, write_index

    entries = []
    for region in regions:
        for nb in notebooks:
            files = files_of(nb, "old", n_files)
            for name, text in files.items():
                (out / region).mkdir(parents=True, exist_ok=True)
                (out / region / name).write_text(text, encoding="utf-8")
            entries.append(
                ReportEntry(
                    region,
                    Path(nb + ".ipynb"),
                    nb,
                    out / region / f"{nb}.html",
                    out / region / f"{nb}.ipynb",
                    {"region": region},
                    outputs=[f"{region}/{name}" for name in files],
                )
            )
    write_index(entries, out)


def stage_new(staging: Path, regions: list[str], notebooks: list[str], n_files: int) -> list:
    jobs = []
    for i, (region, nb) in enumerate(((r, n) for r in regions for n in notebooks), 1):
        build = staging / f"{i:03d}" / region
        build.mkdir(parents=True)
        for name, text in files_of(nb, "new", n_files).items():
            (build / name).write_text(text, encoding="utf-8")
        jobs.append((region, nb))
    return jobs


def state(out: Path, regions: list[str], notebooks: list[str], n_files: int) -> str:
    """ "old", "new", or a description of what is wrong."""
    seen = set()
    json.loads((out / "index.json").read_text(encoding="utf-8"))
    for region in regions:
        present = {
            p.name: p.read_text(encoding="utf-8").split(" ", 1)[0] for p in (out / region).iterdir()
        }
        for version in ("old", "new"):
            if present == {n: version for nb in notebooks for n in files_of(nb, version, n_files)}:
                seen.add(version)
                break
        else:
            return f"{region}: mixed {sorted(Counter(present.values()).items())}"
    return seen.pop() if len(seen) == 1 else "regions differ: " + ", ".join(sorted(seen))


def trial(rng: random.Random, sig: int, args, window: float) -> tuple[str, str]:
    regions, notebooks = (
        REGIONS[: args.regions],
        [f"0{k}_report" for k in range(1, args.notebooks + 1)],
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reports"
        out.mkdir()
        staging = out / ".ningbo-build-trial"
        make_previous(out, regions, notebooks, args.files)
        spec = {"jobs": stage_new(staging, regions, notebooks, args.files)}
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(out), str(staging), json.dumps(spec)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout.readline().strip() == "ready"
        ready = time.perf_counter()
        time.sleep(rng.uniform(0, window))
        child.send_signal(sig)
        said = child.stdout.read()  # the same buffered reader as "ready" (it may hold "done")
        err = child.stderr.read()
        child.wait(timeout=60)
        trial.seconds = time.perf_counter() - ready
        said = said.strip()
        left = state(out, regions, notebooks, args.files)
        if left not in ("old", "new"):
            return "FAIL", f"{signal.Signals(sig).name}: {left} ({said or err.strip()[-200:]})"
        if sig == signal.SIGKILL:
            return "ok", f"SIGKILL: {left}"
        if said == "done":
            return (
                "ok" if left == "new" else "FAIL"
            ), f"{signal.Signals(sig).name}: after the run ({left})"
        truthful = (said == "committed") == (left == "new") and child.returncode == 128 + sig
        told = said or f"nothing, status {child.returncode}, stderr {err.strip()[-300:]!r}"
        return ("ok" if truthful else "FAIL"), f"{signal.Signals(sig).name}: {left}, said {told}"


def commit_seconds(args) -> float:
    """How long one commit of this size takes here (the window the signals are spread over)."""
    trial(random.Random(0), signal.SIGCONT, args, 0)  # SIGCONT: ignored, the commit runs on
    return 0.8 * trial.seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--regions", type=int, default=2)
    parser.add_argument("--notebooks", type=int, default=4)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    window = commit_seconds(args)
    print(f"signals spread over {window:.3f} s from the start of the commit")
    rng = random.Random(args.seed)
    sigs = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
    outcomes: Counter[tuple[str, str]] = Counter()
    for i in range(args.trials):
        outcomes[trial(rng, sigs[i % 3], args, window)] += 1
    for (verdict, what), n in sorted(outcomes.items()):
        print(f"{n:4d} × {verdict}: {what}")
    failed = sum(n for (verdict, _), n in outcomes.items() if verdict == "FAIL")
    print(f"{args.trials} trials, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
