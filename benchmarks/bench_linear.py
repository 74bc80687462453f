"""Is figure extraction linear in the length of one sentence? (issue 24)

Usage::

    .venv/bin/python benchmarks/bench_linear.py [--max 100000] [--repeat 3] [--cases yi,growth,…]

Each case is one "sentence" without a full stop, its piece repeated to 1,562, 6,250, 25,000 and
100,000 characters (each size 4× the one before): numbers of one unit (``1亿元``), growth rates
(``增长5%，``), a statistics table pasted as one line, a list of ordinals (``第一、第二、…``) and
ranks (``居全省第三、``). ``extract_figures`` (and ``parse_quantities``, for reference) runs on
each, the best of ``--repeat`` runs kept (CPU time). The goal: at most 5× the time for 4× the
characters at every step up to 100 k characters (linear: 4×; quadratic: 16×). The script prints
a table per case and exits with status 1 when a step misses the goal.

Nothing here is a test: timings depend on the machine and its load (printed with the results).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime

from ningbo_analysis.figures.extract import extract_figures, split_sentences
from ningbo_analysis.numbers.parser import parse_quantities

ORDINALS = "一二三四五六七八九十"
CASES = {
    "yi": "1亿元",
    "growth": "增长5%，",
    "named": "全市地区生产总值达到12408.7亿元，比上年增长3.3%，",
    "table": "地区生产总值 12408.7 亿元 增长 3.3% 一般公共预算收入 1510.8 亿元 ",
    "ordinals": "".join(f"第{a}{b}、" for a in ORDINALS for b in ORDINALS),
    "ranks": "工业总产值居全省第三、",
}
GOAL = 5.0  # at most this many times the time for 4× the characters


def sizes(largest: int) -> list[int]:
    out = [largest]
    while out[-1] // 4 >= 1_000:
        out.append(out[-1] // 4)
    return sorted(out)


def cpu_time(func, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


def run_case(name: str, piece: str, largest: int, repeat: int) -> bool:
    print(f"\n## {name}: `{piece[:24]}…` repeated\n")
    print("| characters | figures | pieces | extract_figures CPU s | × previous | parser CPU s |")
    print("|-----------:|--------:|-------:|----------------------:|-----------:|-------------:|")
    ok, previous = True, None
    for size in sizes(largest):
        text = (piece * (size // len(piece) + 1))[:size]
        table = extract_figures(text, region="青川")
        pieces = int(split_sentences(table)["pieces"].sum()) or 1
        figures_s = cpu_time(lambda t=text: extract_figures(t, region="青川"), repeat)
        parser_s = cpu_time(lambda t=text: parse_quantities(t), repeat)
        step = figures_s / previous if previous else None
        if step is not None and step > GOAL:
            ok = False
        shown = f"{step:10.1f}×" if step is not None else " " * 11
        print(
            f"| {size:10,} | {len(table):7,} | {pieces:6,} | {figures_s:21.3f} | {shown} "
            f"| {parser_s:12.3f} |"
        )
        previous = figures_s
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"# bench_linear {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}"
        f", {os.cpu_count()} cores, load {load:.2f}"
    )
    extract_figures("全市地区生产总值达到12408.7亿元。", region="青川")  # lexicons loaded first
    failed = [
        name
        for name in args.cases.split(",")
        if not run_case(name, CASES[name], args.max, args.repeat)
    ]
    print(
        f"\ngoal: ≤ {GOAL:g}× the time for 4× the characters; "
        + (f"missed by {', '.join(failed)}" if failed else "met by every case")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
