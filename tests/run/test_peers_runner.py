"""Scorecards of every place, region by region in process or on Dask, cached as Parquet keyed on
the inputs; the ``scorecards`` command; the report runner's focus and plans parameters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.plans import peers as plans_peers
from ningbo_analysis.run import cli, peers
from ningbo_analysis.run.declared import _notebook_arguments, region_parameter

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "05_peers.ipynb"
HEAD = "---\ntitle: {year}年{city}市政府工作报告\ndate: {year}-01-20\nregion: {city}\nkind: work_report\n---\n"
DOCS = {  # made-up reports written here
    (
        "丙城",
        2016,
    ): "今后五年的主要目标是：到2020年，地区生产总值年均增长7%，常住人口城镇化率达到60%。",
    ("丙城", 2021): "过去五年，地区生产总值年均增长7.2%，常住人口城镇化率达到59%。",
    ("丁城", 2016): "今后五年的主要目标是：到2020年，地区生产总值年均增长6.5%。",
    ("丁城", 2021): "过去五年，地区生产总值年均增长6.9%。",
}


@pytest.fixture(scope="session")  # once per worker, even between other modules' tests
def docs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("peer_docs")
    for (city, year), text in DOCS.items():
        (root / city).mkdir(exist_ok=True)
        (root / city / f"{year}.md").write_text(HEAD.format(city=city, year=year) + text, "utf-8")
    return root


@pytest.fixture(scope="session")  # once per worker, even between other modules' tests
def figures(docs) -> pd.DataFrame:
    return extract_figures(load_corpus(docs))


def test_in_process_equals_the_plans_table_and_is_cached(figures, tmp_path) -> None:
    here = peers.scorecards(figures, cache=False)
    pd.testing.assert_frame_equal(here, plans_peers.scorecards(figures))
    assert here["verdict"].tolist() == ["met", "met", "missed"]  # 丁城 GDP; 丙城 GDP, 城镇化率
    first = peers.scorecards(figures, folder=tmp_path)
    files = list(tmp_path.glob("scorecards-*.parquet"))
    assert len(files) == 1
    again = peers.scorecards(figures, folder=tmp_path)
    pd.testing.assert_frame_equal(again, first)
    peers.scorecards(figures, plans=["十三五"], folder=tmp_path)  # other inputs, other key
    assert len(list(tmp_path.glob("scorecards-*.parquet"))) == 2


def test_the_key_follows_every_input(figures) -> None:
    key = peers.scorecards_key(figures, ["丙城", "丁城"], ["十三五"])
    assert key == peers.scorecards_key(figures.copy(), ["丙城", "丁城"], ["十三五"])
    changed = figures.copy()
    changed.loc[0, "value"] = changed.loc[0, "value"] + 1
    assert peers.scorecards_key(changed, ["丙城", "丁城"], ["十三五"]) != key
    assert peers.scorecards_key(figures, ["丁城", "丙城"], ["十三五"]) != key


@pytest.mark.slow
def test_on_dask_gives_the_in_process_table(figures) -> None:
    pytest.importorskip("distributed")
    here = peers.scorecards(figures, cache=False)
    dask = peers.scorecards(figures, cache=False, workers=1, in_process=0)
    pd.testing.assert_frame_equal(dask, here)


def test_cli_writes_every_place_and_the_summary(docs, tmp_path, capsys) -> None:
    out, summary = tmp_path / "sc.csv", tmp_path / "sum.csv"
    code = cli.main(
        ["scorecards", "--docs", str(docs), "--out", str(out), "--summary", str(summary)]
    )
    assert code == 0
    assert "3 targets of 2 places × 2 plans" in capsys.readouterr().out
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["target_value_display"].tolist() == ["6.5%", "7%", "60%"]
    s = pd.read_csv(summary, encoding="utf-8-sig").set_index("region")
    assert s.loc["丁城", ["met", "share_met", "rank"]].tolist() == [1, 100.0, 1.0]
    assert s.loc["丙城", ["met", "missed", "share_met", "rank"]].tolist() == [1, 1, 50.0, 2.0]


def test_cli_bad_input_is_one_line(docs, tmp_path, capsys) -> None:
    assert cli.main(["scorecards", "--docs", str(docs), "--out", str(tmp_path / "x.txt")]) == 2
    assert "write a .csv or .parquet file" in capsys.readouterr().err
    args = ["scorecards", "--docs", str(docs), "--out", str(tmp_path / "x.csv"), "--plan", "九五"]
    assert cli.main(args) == 2
    assert "unknown plan '九五'" in capsys.readouterr().err


def test_report_05_takes_the_region_as_focus_and_every_plan() -> None:
    assert region_parameter(NOTEBOOK) == "focus"
    (args,) = _notebook_arguments([NOTEBOOK], {}, (), "十三五", ["十三五", "十四五"])
    assert args == {"plans": ["十三五", "十四五"], "extra_docs": [], "with_seeds": True}
    (default,) = _notebook_arguments([NOTEBOOK], {}, (), None, [])
    assert "plans" not in default  # the notebook's own default


@pytest.mark.slow
def test_report_05_on_the_seeds_compares_ningbo_and_yuyao(tmp_path) -> None:
    from ningbo_analysis.run import report

    (entry,) = report.run_notebooks([NOTEBOOK], ["宁波"], tmp_path, progress=None, strict=True)
    page = entry.html.read_text(encoding="utf-8")
    assert "语料中共有2个地方有量化目标：余姚、宁波。" in page
    # 23: 每年布局实施100个以上攻关项目 is a target for every year of the plan
    assert "宁波“十四五”规划共23项量化目标，尚无期末结果（暂无结果22项、期中进度1项）" in page
    assert "这一目标增速在2个同类目标的地方中排第2位（由高到低）" in page  # 6.5% < 余姚's 6.8%
    assert "加入其他地方的政府工作报告" in page  # more places widen the comparison
    assert "宁波（本报告）" in page and "隐含 6.5%/年" in page  # 1.7万亿元 from the 2020 level
    summary = pd.read_csv(tmp_path / "宁波" / "peers_summary_宁波.csv", encoding="utf-8-sig")
    assert summary[["region", "targets"]].values.tolist() == [["余姚", 8], ["宁波", 23]]
