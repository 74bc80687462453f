"""Front matter and manifests as an attacker or an unlucky user writes them (issue 24): no YAML
bombs, size limits, scalars where scalars belong, conflicting duplicate rows and ragged rows
named by line and field, symbolic link loops one line."""

from __future__ import annotations

import os
import time

import pytest

import ningbo_analysis as na
from ningbo_analysis.corpus.manifest import MAX_FRONT_MATTER_BYTES, front_matter
from ningbo_analysis.errors import SeedError

HEADER = "file,sha256,title,date,publisher,regions,kind,reference_year,description\n"
BODY = "全市地区生产总值达到100亿元。\n"


def test_yaml_aliases_are_refused_before_they_expand() -> None:
    bomb = (
        "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
        + "".join(
            f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n"
            for p, n in zip("abcdefg", "bcdefgh", strict=True)
        )
        + "title: *h\n---\n正文"
    )  # 9**8 strings once expanded: gigabytes
    start = time.process_time()
    with pytest.raises(SeedError, match=r"^x\.md: front matter uses YAML anchors or aliases"):
        front_matter(bomb, "x.md")
    assert time.process_time() - start < 1


def test_front_matter_is_small_and_its_known_keys_are_single_values() -> None:
    huge = "---\ntitle: " + "长" * (MAX_FRONT_MATTER_BYTES // 3 + 1) + "\n---\n正文"
    with pytest.raises(SeedError, match=r"^x\.md: front matter is longer than 64 KB"):
        front_matter(huge, "x.md")
    with pytest.raises(SeedError, match=r"^x\.md: front matter title must be one value .* list$"):
        front_matter("---\ntitle: [a, b]\n---\n正文", "x.md")
    with pytest.raises(SeedError, match=r"front matter region must be one value .* mapping$"):
        front_matter("---\nregion: {a: 1}\n---\n正文", "x.md")
    # other keys may hold lists and mappings: kept in meta
    meta, _ = front_matter("---\ntitle: 报告\ntags: [a, b]\n---\n正文", "x.md")
    assert meta == {"title": "报告", "meta": '{"tags": ["a", "b"]}'}


def _folder(tmp_path, *rows: str):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_conflicting_manifest_rows_name_both_lines(tmp_path) -> None:
    folder = _folder(
        tmp_path,
        "a.txt,,临川市2021年政府工作报告,2021-02-01,p,临川,work_report,,d",
        "b.txt,,x,2020-01-01,p,临川,news,,d",
        "a.txt,,临川新闻,2016-02-01,p,青川,news,,d",
    )
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert str(err.value) == (
        f"{folder / 'manifest.csv'}: lines 2 and 4 both describe a.txt and differ in title, "
        "date, regions, kind; keep one row per file"
    )


def test_a_file_listed_twice_alike_is_read_once(tmp_path) -> None:
    row = "a.txt,,临川新闻,2021-02-01,p,临川,news,,d"
    corpus = na.load_corpus(_folder(tmp_path, row, row))
    assert corpus[["title", "region", "year"]].values.tolist() == [["临川新闻", "临川", 2021]]


def test_a_ragged_row_names_its_line_and_the_missing_field(tmp_path) -> None:
    folder = _folder(
        tmp_path,
        "a.txt,,临川新闻,2021-02-01,p,临川,news,,d",
        "a.txt,临川新闻,2021-02-01,p,临川,news,,d",  # sha256 left out: the rest shifted left
    )
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert str(err.value) == (
        f"{folder / 'manifest.csv'}, line 3: 8 fields where the header has 9; field 'sha256' "
        "is missing (after 'file': 'a.txt'); leave it empty between two commas"
    )


def test_a_row_with_an_extra_field_names_it(tmp_path) -> None:
    folder = _folder(tmp_path, "a.txt,,临川新闻,2021-02-01,p,临川,news,,d,多余")
    with pytest.raises(SeedError, match=r"line 2: 10 fields where the header has 9; an extra "):
        na.load_corpus(folder)


def test_symbolic_link_loops_are_one_line(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(
        "---\ntitle: 临川新闻\nregion: 临川\nkind: news\ndate: 2021-03-01\n---\n" + BODY,
        encoding="utf-8",
    )
    os.symlink("y.md", tmp_path / "x.md")
    os.symlink("x.md", tmp_path / "y.md")
    corpus = na.load_corpus(tmp_path, errors="report")
    assert corpus["title"].tolist() == ["临川新闻"]
    problems = na.corpus.load_problems(corpus)
    assert [os.path.basename(f) for f in problems["file"]] == ["x.md", "y.md"]
    assert problems["message"].str.contains("symbolic link that loops").all()
    with pytest.raises(SeedError, match=r"x\.md: a symbolic link that loops or points nowhere"):
        na.load_corpus(tmp_path / "x.md")
