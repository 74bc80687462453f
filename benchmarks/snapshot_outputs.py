"""Snapshot every table the package computes, to show a refactoring changes no output.

    python benchmarks/snapshot_outputs.py OUT_DIR [--reports REPORTS_DIR] [--sample N]
    diff -r before/ after/            # identical outputs print nothing

Writes into OUT_DIR, with the package's public API only:
- ``seeds/``: the corpus (without text), the figures of every article, and for each region of
  the seeds and each plan (十三五, 十四五) its scorecard and previous-plan comparison;
- ``corpus/``: the same for a sample of N real reports of ``../shared/corpus/work_reports``
  (every city's 2016, 2021 and 2026 reports, cities in name order; skipped with a note when the
  corpus is absent), copied to a temporary folder as ``<city>_<year>.md``;
- ``reports/`` (with ``--reports``): a copy of a built report folder (``make report``) without
  the run's timing files, so its HTML pages, notebooks and CSVs are compared too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

import pandas as pd

import ningbo_analysis as na

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "work_reports"
PLANS = ("十三五", "十四五")
YEARS = ("2016", "2021", "2026")


def _write(table: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")


def snapshot(corpus: pd.DataFrame, out: Path) -> None:
    """The corpus, its figures and every region × plan scorecard and comparison under ``out``."""
    _write(corpus.drop(columns=["text", "offset_map"], errors="ignore"), out / "corpus.csv")
    figures = na.extract_figures(corpus)
    _write(figures, out / "figures.csv")
    regions = sorted({str(r) for r in corpus["region"] if str(r)})
    for region in regions:
        for plan in PLANS:
            scorecard = partial(na.plan_scorecard, corpus=corpus)  # as the reports make it
            for name, make in (("scorecard", scorecard), ("compare", na.compare_plans)):
                try:
                    table = make(figures, region, plan, regions=regions)
                except na.NingboAnalysisError as err:
                    table = pd.DataFrame({"error": [str(err)]})
                _write(table, out / f"{name}_{region}_{plan}.csv")


_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def corpus_sample(folder: Path, size: int) -> list[tuple[str, str, str]]:
    """(city, year, text without front matter) of the first ``size`` reports of the sample."""
    picked = []
    for city in sorted(p.name for p in folder.iterdir() if p.is_dir()):
        if not all((folder / city / f"{y}.md").exists() for y in YEARS):
            continue
        for year in YEARS:
            text = (folder / city / f"{year}.md").read_text(encoding="utf-8")
            picked.append((city, year, _FRONT.sub("", text, count=1)))
        if len(picked) >= size:
            break
    return picked[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=Path, help="a built reports folder to copy")
    parser.add_argument("--sample", type=int, default=24, help="real reports (default 24)")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    snapshot(na.load_corpus(), args.out / "seeds")
    if CORPUS.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            for city, year, text in corpus_sample(CORPUS, args.sample):
                short = city.removesuffix("市")
                head = f"---\ntitle: {city}{year}年政府工作报告\nregion: {short}\n"
                head += f"kind: work_report\ndate: '{year}'\n---\n"
                Path(tmp, f"{short}_{year}.md").write_text(head + text, encoding="utf-8")
            corpus = na.load_corpus(tmp, seeds=True)
            corpus = corpus[corpus["doc_id"].str.contains("_")].reset_index(drop=True)
            snapshot(corpus, args.out / "corpus")
    else:
        print(f"note: {CORPUS} absent, real-report sample skipped", file=sys.stderr)
    if args.reports:
        shutil.copytree(
            args.reports, args.out / "reports", ignore=shutil.ignore_patterns("*.json", "*.log")
        )
    print(f"snapshot written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
