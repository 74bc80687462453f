"""Peak memory of one very large document through load → figures → the report's tables.

Usage::

    .venv/bin/python benchmarks/bench_memory.py [--mb 50] [--docs ../shared/corpus/work_reports]
        [--region 宁波] [--plan 十四五] [--skip comparison] [--keep FOLDER]

One document of ``--mb`` MB (UTF-8) is built from real text: the bodies of the reports under
``--docs`` (front matter cut off), in file order, joined by blank lines and repeated until the size
is reached (the seeds when ``--docs`` is absent), with a front matter naming it a work report of
``--region``. Then, in a fresh process (so the peak is that run's own), the stages the report
runner goes through for it, in order:

1. ``load_corpus`` of its folder;
2. ``extract_figures`` (the ``figures`` table of the cache);
3. ``text.section_sentences`` (the ``sentences`` table);
4. ``present.overview.inventory`` (the ``inventory`` table);
5. ``text.segment_table`` of the sentences (the ``segments`` table: jieba's tokens);
6. ``text.remember_segments`` of them (what notebook 04's kernel keeps when it reads the cached
   sentences: ``run.cache.sentences``), the segments table then let go;
7. the region's scorecard and previous-plan comparison (``plan_scorecard``, ``compare_plans``).

``--skip`` leaves stages out (comma-separated names: ``comparison`` takes minutes on such a
document). After each stage: its wall time, the process's resident memory then and its peak so far
(``ru_maxrss``), and the rows of the table made. The goal (issue 24): the whole run stays under
2 GB. Nothing here is a test: the numbers depend on the machine (printed with the results).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "corpus" / "work_reports"
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
GOAL_MB = 2000


def body_texts(docs: Path) -> list[str]:
    """The bodies of the documents under ``docs`` (front matter cut off), in file order; the seed
    texts when the folder is absent."""
    if docs.is_dir():
        files = sorted(p for p in docs.rglob("*") if p.suffix in (".md", ".txt"))
        return [_FRONT.sub("", p.read_text(encoding="utf-8")) for p in files]
    import ningbo_analysis as na

    return list(na.load_corpus()["text"])


def write_document(folder: Path, mb: float, docs: Path, region: str) -> Path:
    """``folder/big.md``: about ``mb`` MB of real text with a work report's front matter."""
    target = int(mb * 1e6)
    pieces, size, i = [], 0, 0
    bodies = [b for b in body_texts(docs) if b.strip()]
    while size < target:
        body = bodies[i % len(bodies)]
        pieces.append(body)
        size += len(body.encode("utf-8")) + 2
        i += 1
    head = f"---\ntitle: 2021年政府工作报告（长文）\nregion: {region}\nkind: work_report\nyear: 2021\n---\n\n"
    path = folder / "big.md"
    path.write_text(head + "\n\n".join(pieces), encoding="utf-8")
    return path


def _rss_mb() -> float:
    """Resident memory of this process now (MB)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stages(folder: str, region: str, plan: str, skip: frozenset[str] = frozenset()) -> list[dict]:
    """Run the stages in this process; one record per stage."""
    import ningbo_analysis as na
    from ningbo_analysis.figures.extract import extract_figures
    from ningbo_analysis.plans.record import compare_plans
    from ningbo_analysis.plans.scorecard import plan_scorecard
    from ningbo_analysis.present.overview import inventory
    from ningbo_analysis.text import segmentation
    from ningbo_analysis.text.sections import section_sentences
    from ningbo_analysis.text.segmentation import remember_segments, segment_table

    out = [{"stage": "start", "s": 0.0, "rss": _rss_mb(), "peak": _peak_mb(), "rows": 0}]

    def step(name: str, func):
        if name in skip:
            return None
        t = time.perf_counter()
        result = func()
        out.append(
            {
                "stage": name,
                "s": time.perf_counter() - t,
                "rss": _rss_mb(),
                "peak": _peak_mb(),
                "rows": len(result),
            }
        )
        print(json.dumps(out[-1], ensure_ascii=False), file=sys.stderr, flush=True)
        return result

    corpus = step("load_corpus", lambda: na.load_corpus(folder))
    figures = step("figures", lambda: extract_figures(corpus))
    sents = step("sentences", lambda: section_sentences(corpus))
    step("inventory", lambda: inventory(corpus))
    segments = step("segments", lambda: segment_table(sents["sentence"].tolist()))

    def remember():
        remember_segments(sents["sentence"].tolist(), segments)
        return segmentation._KNOWN_SEGMENTS

    step("remember", remember)
    segments = None  # the table let go, as a kernel keeps only what was remembered
    regions = corpus["region"]
    step("scorecard", lambda: plan_scorecard(figures, region, plan, regions=regions))
    step("comparison", lambda: compare_plans(figures, region, plan, regions=regions))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    ap.add_argument("--region", default="宁波")
    ap.add_argument("--plan", default="十四五")
    ap.add_argument("--skip", default="", help="stages left out, comma-separated")
    ap.add_argument(
        "--keep", type=Path, help="write the document here (kept) instead of a temp dir"
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:  # the measured process
        skip = frozenset(s for s in args.skip.split(",") if s)
        print(json.dumps(stages(args.child, args.region, args.plan, skip), ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = write_document(folder, args.mb, args.docs, args.region)
        size = path.stat().st_size
        chars = len(path.read_text(encoding="utf-8"))
        cmd = [sys.executable, __file__, "--child", str(folder), "--region", args.region]
        cmd += ["--plan", args.plan, "--skip", args.skip]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        load0 = os.getloadavg()[0]
        # the child's progress (one line per stage) goes to stderr as it runs
        done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env)
        if done.returncode != 0:
            return done.returncode
        rows = json.loads(done.stdout.strip().splitlines()[-1])
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"## one document of {size / 1e6:.1f} MB ({chars:,} characters), {now}, Python "
        f"{platform.python_version()}, load average {load0:.2f}\n"
    )
    print("| stage | wall s | rows | RSS after MB | peak so far MB |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['stage']} | {r['s']:.1f} | {r['rows']:,} | {r['rss']:,.0f} | {r['peak']:,.0f} |"
        )
    peak = max(r["peak"] for r in rows)
    verdict = "met" if peak < GOAL_MB else "NOT met"
    print(f"\npeak {peak:,.0f} MB; goal < {GOAL_MB:,} MB: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
