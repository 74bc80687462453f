"""Check that every report of a real corpus laid out as ``<city>/<year>.md`` loads with the right
city and year, told by the folder and file names (not by the loader, which reads them last).

    python benchmarks/check_corpus_metadata.py [FOLDER]   # default ../shared/corpus/work_reports

For each document: the region must be the gazetteer's name of its folder (``上海市`` → 上海) and
the year the file name's (``2003.md``, ``2021-10.md`` → 2021). Prints one line per disagreement
(with the title and the source of each field, ``meta_source``), the files the loader skipped
(``load_problems``), two documents of one city and year, and a summary; exits 1 when a
document's region is empty or wrong, or its year disagrees with its file name and its own title
does not explain it (a report whose title and delivery line both give another year is listed
as a misnamed file, not a loader error).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

import ningbo_analysis as na
from ningbo_analysis.corpus.load import load_problems
from ningbo_analysis.corpus.metadata import canonical_region, title_year
from ningbo_analysis.schemas import filled

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "work_reports"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    corpus = na.load_corpus(args.folder, errors="report")
    problems = load_problems(corpus)
    wrong = misnamed = 0
    no_region = int(corpus["region"].isna().sum())  # a missing text is NA, never ""
    for row in filled(corpus).itertuples(index=False):  # text: "" when missing; year: <NA>
        parts = row.seed_file.split("/")
        city = canonical_region(parts[0]) if len(parts) > 1 else ""
        m = re.match(r"((?:19|20)\d\d)", parts[-1])
        year = int(m.group(1)) if m else None
        bad = []
        if not row.region or (city and row.region != city):
            bad.append(f"region {row.region!r} (folder: {city!r})")
        if year is not None and (pd.isna(row.year) or row.year != year):
            bad.append(f"year {row.year} (file name: {year})")
        if not bad:
            continue
        own = title_year(row.title)
        same = row.region == city and not pd.isna(row.year) and own == row.year
        explained = (same and "year=delivery line" in row.meta_source) or (
            same and str(row.date).startswith(str(own - 1))
        )
        label = "file name disagrees with the document" if explained else "WRONG"
        misnamed += explained
        wrong += not explained
        print(f"{label}: {row.seed_file}: {'; '.join(bad)}; title {row.title!r}, date {row.date}, "
              f"{row.meta_source}")  # fmt: skip
    for p in problems.itertuples(index=False):
        print(f"skipped: {p.file}: {p.problem}: {p.message}")
    reports = corpus.loc[corpus["kind"] == "work_report"]
    twice = reports.groupby(["region", "year"])["seed_file"].agg(list)
    for (region, year), files in twice[twice.map(len) > 1].items():
        print(f"two reports of {region} {year}: {', '.join(files)}")
    print(
        f"{len(corpus)} documents, {corpus['region'].nunique()} regions, "
        f"{no_region} without a region; {wrong} wrong, "
        f"{misnamed} misnamed files, {len(problems)} skipped"
    )
    return 1 if wrong or no_region else 0


if __name__ == "__main__":
    sys.exit(main())
