"""Speed of ``extract_figures``: against the parser, over document sizes, and on 1 vs 2 Dask workers.

Usage::

    .venv/bin/python benchmarks/bench_figures.py [--parts ratio,corpus,sweep,dask]
        [--chars 1000000] [--repeat 5] [--sweep-max 5000000] [--docs 500] [--doc-chars 15000]
        [--dask-repeat 3] [--corpus ../shared/corpus/work_reports]

Four parts, each printed as a table:

* ``ratio``: ``extract_figures`` and ``parse_quantities`` on the same text (the seed texts joined
  and repeated to ``--chars`` characters, one article), in paired runs (parser, figures, parser,
  …); the medians of ``--repeat`` pairs, wall clock and CPU, and their ratio (goal ≤ 5×);
* ``corpus``: the same on real reports: every k-th document of ``--corpus`` (in ``doc_id`` order,
  k chosen for about ``--chars`` characters), loaded with ``load_corpus``; the parser on each
  document's text against ``extract_figures`` of the whole table (skipped when the folder is
  absent);
* ``sweep``: one single-line file of 10 k, 20 k, 40 k … ``--sweep-max`` characters (the seed
  texts repeated, line breaks removed) loaded with ``load_corpus`` and its figures extracted (raw
  offsets included); characters per second at each size and the slope of log(time) over
  log(size) (1.0 = linear, 2.0 = quadratic);
* ``dask``: a corpus of ``--docs`` made-up work reports of about ``--doc-chars`` characters each,
  generated here from templates with random numbers (seeded), written to a temporary folder and
  loaded with ``load_corpus``; its figures extracted by
  :func:`ningbo_analysis.run.distributed.extract_figures_distributed` on a LocalCluster of 1 and of
  2 worker processes in alternating rounds (cluster start-up timed apart; the best of
  ``--dask-repeat`` rounds kept), each run checked equal to the single-process table; throughput
  in characters per second and the 2-worker speed-up.

Nothing here is a test: timings depend on the machine and its load (printed with the results).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

import ningbo_analysis as na
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.numbers.parser import parse_quantities

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "work_reports"


def seed_text(n_chars: int, one_line: bool = False) -> str:
    """The seed texts joined and repeated to exactly ``n_chars`` characters."""
    base = "\n".join(na.load_corpus()["text"])
    if one_line:
        base = base.replace("\n", "")
    return (base * (n_chars // len(base) + 1))[:n_chars]


def clocked(func: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


def part_ratio(n_chars: int, repeat: int) -> None:
    text = seed_text(n_chars)
    extract_figures(text[:20_000], region="x")  # lexicons loaded outside the timed runs
    parser, figures = [], []
    for _ in range(repeat):
        parser.append(clocked(lambda: parse_quantities(text)))
        figures.append(clocked(lambda: extract_figures(text, region="x")))
    n_q, n_f = len(parse_quantities(text)), len(extract_figures(text, region="x"))
    print(f"\n## figures vs parser: one article of {len(text):,} characters, {repeat} pairs\n")
    print("| function           | wall s (median) | chars/s (wall) | chars/s (CPU) | found   |")
    print("|--------------------|----------------:|---------------:|--------------:|--------:|")
    medians = {}
    for name, runs, found in (("parse_quantities", parser, n_q), ("extract_figures", figures, n_f)):
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        medians[name] = (wall, cpu)
        print(
            f"| `{name}` | {wall:15.3f} | {len(text) / wall:14,.0f} | {len(text) / cpu:13,.0f} "
            f"| {found:7,} |"
        )
    wall_ratio = medians["extract_figures"][0] / medians["parse_quantities"][0]
    cpu_ratio = medians["extract_figures"][1] / medians["parse_quantities"][1]
    print(f"\nfigures / parser time: {wall_ratio:.1f}× (wall), {cpu_ratio:.1f}× (CPU); goal ≤ 5×")


def part_corpus(folder: Path, n_chars: int, repeat: int) -> None:
    if not folder.is_dir():
        print(f"\n## figures vs parser on real reports: {folder} absent, skipped")
        return
    whole = na.load_corpus(folder).sort_values("doc_id", kind="stable")
    step = max(1, int(whole["text"].str.len().sum() // n_chars))
    corpus = whole.iloc[::step].reset_index(drop=True)
    texts = list(corpus["text"])
    extract_figures(corpus.iloc[:3])  # lexicons loaded outside the timed runs
    parser, figures = [], []
    for _ in range(repeat):
        parser.append(clocked(lambda: [parse_quantities(t) for t in texts]))
        figures.append(clocked(lambda: extract_figures(corpus)))
    chars = sum(map(len, texts))
    print(
        f"\n## figures vs parser on real reports: every {step}th of {len(whole)} documents, "
        f"{len(corpus)} documents, {chars:,} characters, {repeat} pairs\n"
    )
    print("| function           | wall s (median) | CPU s (median) | chars/s (CPU) |")
    print("|--------------------|----------------:|---------------:|--------------:|")
    medians = {}
    for name, runs in (("parse_quantities", parser), ("extract_figures", figures)):
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        medians[name] = (wall, cpu)
        print(f"| `{name}` | {wall:15.3f} | {cpu:14.3f} | {chars / cpu:13,.0f} |")
    wall_ratio = medians["extract_figures"][0] / medians["parse_quantities"][0]
    cpu_ratio = medians["extract_figures"][1] / medians["parse_quantities"][1]
    print(f"\nfigures / parser time: {wall_ratio:.1f}× (wall), {cpu_ratio:.1f}× (CPU); goal ≤ 5×")


def part_sweep(max_chars: int) -> None:
    sizes = []
    n = 10_000
    while n < max_chars:
        sizes.append(n)
        n *= 2
    sizes.append(max_chars)
    base = seed_text(max_chars, one_line=True)
    extract_figures(base[:20_000], region="x")
    print(f"\n## size sweep: one single-line file, 10 k → {max_chars:,} characters\n")
    print(
        "| characters | MB (UTF-8) | load s | figures wall s | CPU s  | chars/s (CPU) | figures |"
    )
    print(
        "|-----------:|-----------:|-------:|---------------:|-------:|--------------:|--------:|"
    )
    points = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "one_line.txt"
            head = "---\ntitle: one line\nregion: x\nkind: news\n---\n"
            path.write_text(head + base[:size], encoding="utf-8")
            wall0 = time.perf_counter()
            corpus = na.load_corpus(tmp)
            load_s = time.perf_counter() - wall0
            mb = path.stat().st_size / 1e6
        found: list[int] = []
        wall, cpu = clocked(lambda c=corpus, out=found: out.append(len(extract_figures(c))))
        points.append((size, cpu))
        print(
            f"| {size:10,} | {mb:10.1f} | {load_s:6.2f} | {wall:14.2f} | {cpu:6.2f} "
            f"| {size / cpu:13,.0f} | {found[0]:7,} |"
        )
    big = [(math.log(s), math.log(t)) for s, t in points if s >= 80_000]
    if len(big) >= 2:
        mx = statistics.mean(x for x, _ in big)
        my = statistics.mean(y for _, y in big)
        slope = sum((x - mx) * (y - my) for x, y in big) / sum((x - mx) ** 2 for x, _ in big)
        print(
            f"\nslope of log(CPU time) over log(size), ≥ 80 k characters: {slope:.2f} (1 = linear)"
        )


# -------------------------------------------------------------------------- generated corpus

CITIES = ["青川", "临澜", "江岚", "东陵", "南屿", "北湖", "西津", "云溪", "石港", "白沙"]
INDICATORS = [
    ("地区生产总值", "亿元", 300, 20000),
    ("一般公共预算收入", "亿元", 20, 2000),
    ("规上工业增加值", "亿元", 100, 8000),
    ("社会消费品零售总额", "亿元", 100, 9000),
    ("固定资产投资", "亿元", 100, 9000),
    ("外贸进出口总额", "亿元", 50, 9000),
    ("城镇居民人均可支配收入", "元", 30000, 90000),
    ("农村居民人均可支配收入", "元", 15000, 50000),
    ("城镇新增就业", "万人", 1, 30),
    ("高新技术企业", "家", 100, 5000),
    ("研发经费支出占地区生产总值比重", "%", 1, 4),
    ("常住人口城镇化率", "%", 50, 85),
]
VERBS = ["达到", "完成", "实现", "突破"]
# prose without figures, most of a real report: (subject, action, object) pieces combined at random
SUBJECTS = ["我们", "全市上下", "各级政府", "有关部门", "各地"]
ACTIONS = ["深入推进", "持续深化", "扎实推进", "加快建设", "全面落实", "积极探索", "大力发展"]
OBJECTS = [
    "营商环境优化提升行动",
    "城乡融合发展改革",
    "现代化基础设施体系",
    "数字经济和实体经济融合",
    "生态环境综合治理",
    "公共服务均等化",
    "科技创新平台建设",
    "乡村振兴示范带",
]


def _amount(rng: random.Random, low: float, high: float, unit: str) -> str:
    value = rng.uniform(low, high)
    return f"{value:.1f}{unit}" if unit in ("亿元", "万人", "%") else f"{round(value)}{unit}"


def made_up_report(rng: random.Random, city: str, year: int, n_chars: int) -> str:
    """A made-up work report: review, plan and work sections of template sentences."""
    lines = [f"{city}市{year}年政府工作报告", "", "各位代表："]
    sections = [
        f"一、{year - 1}年工作回顾",
        f"二、{year}年工作安排",
        "三、重点工作",
    ]
    per_section = max(1, n_chars // 3)
    for heading in sections:
        lines.append(heading)
        size = 0
        item = 1
        while size < per_section:
            name, unit, low, high = rng.choice(INDICATORS)
            verb = rng.choice(VERBS)
            growth = rng.uniform(-3, 12)
            sentence = (
                f"{item}.全市{name}{verb}{_amount(rng, low, high, unit)}，"
                f"比上年增长{growth:.1f}%，其中{rng.choice(['第一季度', '上半年', '全年'])}"
                f"贡献{rng.uniform(10, 60):.1f}%。"
            )
            for _ in range(rng.randint(2, 4)):  # prose between the figures
                prose = (
                    f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，"
                    f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，"
                    f"推动{rng.choice(OBJECTS)}取得新成效。"
                )
                sentence += prose
            if rng.random() < 0.3:
                sentence += (
                    f"五年来，{name}年均增长{rng.uniform(2, 10):.1f}%，"
                    f"到{year + 4}年力争达到{_amount(rng, low, high, unit)}。"
                )
            lines.append(sentence)
            size += len(sentence)
            item = item + 1 if item < 9 else 1
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n_docs: int, doc_chars: int, seed: int = 14) -> int:
    """Write ``n_docs`` made-up reports with front matter to ``folder``; their total characters."""
    rng = random.Random(seed)
    total = 0
    for i in range(n_docs):
        city, year = CITIES[i % len(CITIES)], 2016 + (i // len(CITIES)) % 10
        body = made_up_report(rng, city, year, doc_chars)
        head = (
            f"---\ntitle: {city}市{year}年政府工作报告 {i:04d}\ndate: {year}-02-10\n"
            f"region: {city}\nkind: work_report\n---\n"
        )
        (folder / f"report_{i:04d}.txt").write_text(head + body, encoding="utf-8")
        total += len(body)
    return total


def part_dask(n_docs: int, doc_chars: int, repeat: int) -> None:
    from distributed import Client, LocalCluster

    from ningbo_analysis.run.distributed import extract_figures_distributed

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, n_docs, doc_chars)
        wall0 = time.perf_counter()
        corpus = na.load_corpus(folder)
        load_s = time.perf_counter() - wall0
    chars = int(corpus["text"].str.len().sum())
    wall0 = time.perf_counter()
    single = extract_figures(corpus)
    single_s = time.perf_counter() - wall0
    print(f"\n## Dask: {len(corpus)} generated reports, {chars:,} characters\n")
    print(
        f"load_corpus: {load_s:.1f} s; one process, no Dask: {single_s:.1f} s "
        f"({chars / single_s:,.0f} chars/s), {len(single):,} figures\n"
    )
    best: dict[int, float] = {}
    starts: dict[int, float] = {}
    cpu_share: dict[int, float] = {}
    here_cpu: dict[int, float] = {}
    for _ in range(repeat):  # rounds of 1 then 2 workers, so that load changes hit both
        for n in (1, 2):
            wall0 = time.perf_counter()
            with (
                LocalCluster(
                    n_workers=n, threads_per_worker=1, dashboard_address=":0", silence_logs=40
                ) as cluster,
                Client(cluster) as client,
            ):
                client.wait_for_workers(n)
                starts[n] = min(starts.get(n, math.inf), time.perf_counter() - wall0)
                client.run(lambda: extract_figures("全市地区生产总值达到1亿元。", region="x"))
                cpu0 = client.run(time.process_time)
                wall0, here0 = time.perf_counter(), time.process_time()
                table = extract_figures_distributed(corpus, client=client)
                run_s, here_s = time.perf_counter() - wall0, time.process_time() - here0
                cpu = sum(client.run(time.process_time)[w] - cpu0[w] for w in cpu0)
                if run_s < best.get(n, math.inf):
                    best[n], cpu_share[n], here_cpu[n] = run_s, cpu / (run_s * n), here_s
            pd.testing.assert_frame_equal(table, single)
    print(f"best of {repeat} rounds (1 worker, 2 workers, 1, 2 …):\n")
    print(
        "| workers | cluster start s | extraction s | chars/s   | speed-up "
        "| workers' CPU share | client+scheduler CPU s |"
    )
    print(
        "|--------:|----------------:|-------------:|----------:|---------:"
        "|-------------------:|-----------------------:|"
    )
    for n in (1, 2):
        print(
            f"| {n:7} | {starts[n]:15.1f} | {best[n]:12.1f} | {chars / best[n]:9,.0f} | "
            f"{best[1] / best[n]:7.2f}× | {cpu_share[n]:18.0%} | {here_cpu[n]:22.1f} |"
        )
    print(
        "\n(every run checked equal to the one-process table; goal: 2 workers ≥ 1.6×. CPU share:"
        "\nthe workers' CPU time over wall time × workers; below 100 % they waited for a core.)"
    )


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", default="ratio,corpus,sweep,dask")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sweep-max", type=int, default=5_000_000)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--doc-chars", type=int, default=15_000)
    ap.add_argument("--dask-repeat", type=int, default=3)
    args = ap.parse_args(argv)
    parts = args.parts.split(",")
    print(
        f"# bench_figures ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, load average "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())})"
    )
    if "ratio" in parts:
        part_ratio(args.chars, args.repeat)
    if "corpus" in parts:
        part_corpus(args.corpus, args.chars, args.repeat)
    if "sweep" in parts:
        part_sweep(args.sweep_max)
    if "dask" in parts:
        part_dask(args.docs, args.doc_chars, args.dask_repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
