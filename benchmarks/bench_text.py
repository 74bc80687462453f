"""Benchmark: tokenizing the whole corpus with ningbo_analysis.text.segmentation after warm-up (chars/s).

Usage: ``python benchmarks/bench_text.py [--repeat N] [--seeds DIR]``. Prints one line per
variant: plain jieba ``cut`` with the same private tokenizer (baseline), ``segment`` (quote rules +
jieba) and ``tokenize`` (segment + filters). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import ningbo_analysis as na
from ningbo_analysis.text import segmentation as text


def _best_of(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Smallest wall time of ``repeat`` runs of ``fn`` and the count it returns."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - t0)
    return best, count


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print chars/s and tokens/s per variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs, best kept (default 5)")
    parser.add_argument("--seeds", default=None, help="seeds folder (default: the repository's)")
    args = parser.parse_args(argv)

    texts = na.load_corpus(args.seeds)["text"].tolist()
    chars = sum(len(t) for t in texts)
    tok = text._tokenizer()
    t0 = time.perf_counter()
    for t in texts:  # warm-up: dictionary, user terms, regexes, stopword lists
        text.tokenize(t)
    warm = time.perf_counter() - t0

    variants: dict[str, Callable[[], int]] = {
        "jieba.cut (baseline)": lambda: sum(len(list(tok.cut(t))) for t in texts),
        "text.segment": lambda: sum(len(text.segment(t)) for t in texts),
        "text.tokenize": lambda: sum(len(text.tokenize(t)) for t in texts),
    }
    print(f"corpus: {len(texts)} articles, {chars} chars; warm-up pass {warm:.2f} s")
    for name, fn in variants.items():
        secs, n = _best_of(fn, args.repeat)
        print(
            f"{name:22s} {n:7d} tokens  {secs * 1000:8.1f} ms  "
            f"{chars / secs:10.0f} chars/s  {n / secs:9.0f} tokens/s"
        )


if __name__ == "__main__":
    main()
