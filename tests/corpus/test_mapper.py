"""``load_corpus(..., mapper=)``: the files read and cleaned through any map-like callable give
the same table, the same problems and the same first error as a plain load."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.corpus import load
from ningbo_analysis.errors import ParameterError, SeedError

# Made-up reports of made-up places (written for this test).
REPORT = "---\ntitle: 临川市{year}年政府工作报告\nregion: 临川\ndate: {year}-02-01\n---\n{body}\n"
BODY = "去年全市地区生产总值达到{gdp}亿元，增长{growth}%。今年预期增长6%左右。"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "临川市"
    folder.mkdir()
    for year, gdp, growth in ((2019, 512.4, 6.9), (2020, 540.8, 5.2), (2021, 566.0, 3.1)):
        body = BODY.format(gdp=gdp, growth=growth)
        (folder / f"{year}.md").write_text(REPORT.format(year=year, body=body), encoding="utf-8")
    (folder / "2022.md").write_text("", encoding="utf-8")  # empty: a problem
    (folder / "copy.md").write_bytes((folder / "2020.md").read_bytes())  # a copy: a problem
    return folder


class Recorder:
    """``map`` that remembers what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, list]] = []

    def __call__(self, function, items):
        items = list(items)
        self.calls.append((function, items))
        return [function(item) for item in items]


def test_a_mapper_reads_every_file_once_and_gives_the_plain_table(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    plain = na.load_corpus(folder, errors="report")
    load._LOADED.clear()  # not the memo: read again, through the mapper
    mapper = Recorder()
    mapped = na.load_corpus(folder, errors="report", mapper=mapper)
    pd.testing.assert_frame_equal(mapped, plain)
    assert mapped.attrs["problems"] == plain.attrs["problems"]
    [(function, files)] = mapper.calls
    assert function is load.read_file
    assert sorted(f.path.name for f in files) == [
        "2019.md",
        "2020.md",
        "2021.md",
        "2022.md",
        "copy.md",
    ]
    assert mapped["year"].tolist() == [2019, 2020, 2021]
    assert "540.8亿元" in mapped.loc[mapped["year"] == 2020, "text"].iloc[0]
    problems = na.corpus.load_problems(mapped)
    assert sorted(problems["problem"]) == ["duplicate", "empty"]


def test_a_process_pool_gives_the_plain_table(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    plain = na.load_corpus(folder, errors="report")
    load._LOADED.clear()
    with ProcessPoolExecutor(2) as pool:
        mapped = na.load_corpus(folder, errors="report", mapper=pool.map)
    pd.testing.assert_frame_equal(mapped, plain)
    assert mapped.attrs["problems"] == plain.attrs["problems"]


def test_errors_raise_as_without_a_mapper(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with pytest.raises(SeedError) as plain:
        na.load_corpus(folder, errors="raise")
    with pytest.raises(SeedError) as mapped:
        na.load_corpus(folder, errors="raise", mapper=Recorder())
    assert str(mapped.value) == str(plain.value)
    assert "2022.md" in str(plain.value)


def test_a_mapper_that_is_no_map_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with pytest.raises(ParameterError, match="mapper must be a map-like callable, got int"):
        na.load_corpus(folder, mapper=3)
    with pytest.raises(ParameterError, match="mapper gave 0 results for 5 files"):
        na.load_corpus(folder, mapper=lambda function, items: [])
