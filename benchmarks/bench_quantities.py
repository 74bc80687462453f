"""Throughput of ``parse_quantities`` against JioNLP's ``extract_money`` on the seed corpus.

Usage::

    .venv/bin/python benchmarks/bench_quantities.py [--mb 10] [--repeat 3] [--seeds DIR]

The seed texts are concatenated and repeated until the text is at least ``--mb`` megabytes of
UTF-8 (10 MB = 10 000 000 bytes, about 3.6 million characters of Chinese). Both extractors run
on the same text in two modes:

* ``whole``: the whole corpus in one call (the issue's wording: "the whole corpus repeated to
  at least 10 MB");
* ``blocks``: one call per blank-line separated block (a few hundred characters), the way a
  pipeline calls it per document or paragraph.

Runs are interleaved (ours, JioNLP, ours, …) so that load changes hit both alike, and the best
of ``--repeat`` is kept, as wall-clock and as CPU time (the fairer figure on a shared machine).
JioNLP is an optional dependency (``pip install -e '.[bench]'``); when it cannot be imported
the script says so and reports our figures only.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ningbo_analysis.numbers.parser import parse_quantities
from ningbo_analysis.resources import default_seeds_dir


def corpus_blocks(seeds_dir: Path, target_bytes: int) -> list[str]:
    """Blank-line separated blocks of the seed texts, repeated to at least ``target_bytes``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed texts (*.txt) in {seeds_dir}")
    blocks = [block for text in texts for block in text.split("\n\n") if block.strip()]
    size = sum(len(b.encode("utf-8")) for b in blocks)
    out: list[str] = []
    total = 0
    while total < target_bytes:
        out.extend(blocks)
        total += size
    return out


def timed(func: Callable[[str], list], chunks: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time and number of items found for one run over ``chunks``."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        found = sum(len(func(chunk)) for chunk in chunks)
    return time.perf_counter() - wall0, time.process_time() - cpu0, found


def load_jionlp():
    """JioNLP's ``extract_money`` and version, or (None, None) with the reason printed."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp

            extract = jionlp.ner.extract_money
            extract("预热1.5万元")  # load its lexicons outside the timed runs
        return extract, getattr(jionlp, "__version__", "?")
    except Exception as exc:  # any import failure is reported, not raised
        print(f"JioNLP NOT AVAILABLE ({type(exc).__name__}: {exc}); reporting our figures only.")
        return None, None


def run_mode(mode: str, chunks: list[str], runners, repeat: int) -> None:
    """Time every runner on ``chunks`` (interleaved) and print one line each plus the ratio."""
    n_chars = sum(map(len, chunks))
    best = {name: [math.inf, math.inf, 0] for name, _ in runners}
    for _ in range(repeat):
        for name, func in runners:
            wall, cpu, found = timed(func, chunks)
            b = best[name]
            best[name] = [min(b[0], wall), min(b[1], cpu), found]
    print(f"\n[{mode}] {len(chunks):,} call(s), {n_chars:,} chars, best of {repeat}")
    for name, (wall, cpu, found) in best.items():
        print(
            f"  {name:34} wall {wall:6.2f} s {n_chars / wall:11,.0f} chars/s | "
            f"cpu {cpu:6.2f} s {n_chars / cpu:11,.0f} chars/s | {found:,} found"
        )
    if len(runners) > 1:
        ours, theirs = best[runners[0][0]], best[runners[1][0]]
        print(
            f"  ratio: {theirs[0] / ours[0]:.1f}x JioNLP's throughput (wall clock), "
            f"{theirs[1] / ours[1]:.1f}x (CPU time); target >= 5x"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB of UTF-8")
    parser.add_argument("--repeat", type=int, default=3, help="runs per extractor (best kept)")
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder")
    parser.add_argument("--mode", choices=["both", "whole", "blocks"], default="both")
    args = parser.parse_args(argv)

    seeds_dir = args.seeds or default_seeds_dir()
    blocks = corpus_blocks(seeds_dir, int(args.mb * 1_000_000))
    n_bytes = sum(len(c.encode("utf-8")) for c in blocks)
    print(f"python {platform.python_version()} on {platform.machine()}")
    print(f"corpus: {seeds_dir} repeated to {n_bytes / 1e6:.1f} MB UTF-8")

    parse_quantities("预热1.5万元")  # compile the scanner outside the timed runs
    extract, version = load_jionlp()
    runners = [("ningbo_analysis.parse_quantities", parse_quantities)]
    if extract is not None:
        runners.append((f"jionlp {version} extract_money", extract))
    if args.mode in ("both", "whole"):
        run_mode("whole", ["\n\n".join(blocks)], runners, args.repeat)
    if args.mode in ("both", "blocks"):
        run_mode("blocks", blocks, runners, args.repeat)
    print("\nparse_quantities finds every number with its unit and kind; extract_money only money.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
