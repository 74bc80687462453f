"""Figures on Dask: a LocalCluster of two workers gives the single-process table row for row, and
the CLI writes it as a folder of Parquet partitions with stable names and bytes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.run import cli

distributed = pytest.importorskip("distributed")

from ningbo_analysis.run.distributed import (  # noqa: E402
    PARTITION_COLUMNS,
    dask_mapper,
    extract_figures_distributed,
    write_figures_partitions,
)
from ningbo_analysis.schemas import FIGURES, restored  # noqa: E402

# Made-up work reports of a made-up city (not copied from anywhere): one figure sentence per year.
REPORT = """---
title: 青川市{year}年政府工作报告
date: {year}-02-10
region: 青川
kind: work_report
---
一、{prev}年工作回顾
{prev}年，全市地区生产总值达到{gdp}亿元，增长{growth}%。一般公共预算收入完成{revenue}亿元。
二、{year}年工作安排
今年主要预期目标是：地区生产总值增长{target}%左右，城镇新增就业{jobs}万人。
"""

YEARS = {  # year: (gdp, growth, revenue, target, jobs)
    2016: (610, 7.1, 48, 7.0, 1.2),
    2017: (655, 7.4, 51, 7.0, 1.3),
    2018: (702, 7.2, 55, 6.5, 1.3),
    2019: (749, 6.7, 58, 6.5, 1.4),
    2020: (800, 6.8, 62, 6.0, 1.5),
    2021: (812, 1.5, 60, 7.0, 1.5),
    2022: (890, 8.1, 66, 6.5, 1.6),
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("qingchuan")
    for year, (gdp, growth, revenue, target, jobs) in YEARS.items():
        text = REPORT.format(
            year=year,
            prev=year - 1,
            gdp=gdp,
            growth=growth,
            revenue=revenue,
            target=target,
            jobs=jobs,
        )
        (folder / f"qc_{year}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(docs: Path) -> pd.DataFrame:
    return load_corpus(docs, seeds=True)  # the seeds plus the made-up reports


@pytest.fixture(scope="module")
def client():
    """One LocalCluster of two single-threaded worker processes for the module."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_two_workers_give_the_single_process_table(corpus, client) -> None:
    single = extract_figures(corpus)
    on_dask = extract_figures_distributed(corpus, client=client, docs_per_partition=3)
    assert len(client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(on_dask, single)
    # the made-up reports' figures are there, with their provenance
    qc = on_dask.loc[on_dask["region"] == "青川"]
    assert sorted(set(qc["doc_id"])) == sorted(
        set(corpus.loc[corpus["region"] == "青川", "doc_id"])
    )
    gdp_2020 = qc.loc[(qc["raw"] == "800亿元")].iloc[0]
    assert (gdp_2020["indicator"], gdp_2020["kind"], gdp_2020["period"]) == (
        "地区生产总值",
        "actual",
        "2019",
    )
    assert gdp_2020["value"] == 8.0e10
    art = corpus.loc[corpus["doc_id"] == gdp_2020["doc_id"]].iloc[0]
    assert art["text"][gdp_2020["start"] : gdp_2020["end"]] == "800亿元"
    target = qc.loc[(qc["doc_id"] == gdp_2020["doc_id"]) & (qc["kind"] == "target")]
    assert target[["indicator", "period", "value"]].values.tolist() == [
        ["地区生产总值", "2020", 6.0],
        ["城镇新增就业", "2020", 15000.0],
    ]


def test_files_read_on_the_workers_give_the_loaded_corpus(docs, client) -> None:
    from ningbo_analysis.corpus import load

    plain = load_corpus(docs)
    load._LOADED.clear()  # read again, on the workers
    with distributed.get_task_stream(client) as stream:
        mapped = load_corpus(docs, mapper=dask_mapper(client, per_task=3))
    pd.testing.assert_frame_equal(mapped, plain)
    assert mapped.loc[mapped["year"] == 2020, "text"].str.contains("800亿元").all()
    tasks = [t for t in stream.data if t["key"].startswith("_map_chunk")]
    assert len(tasks) == 3  # 7 files, 3 a task
    assert len({t["worker"] for t in tasks}) >= 1
    with pytest.raises(ParameterError, match="per_task must be a whole number ≥ 1, got 0"):
        dask_mapper(client, per_task=0)


def test_one_region_on_dask(corpus, client) -> None:
    single = extract_figures(corpus, region="青川")
    on_dask = extract_figures_distributed(
        corpus, region="青川", client=client, docs_per_partition=2
    )
    pd.testing.assert_frame_equal(on_dask, single)
    assert len(on_dask) == 5 * len(YEARS)  # GDP, its growth, revenue, growth target, new jobs
    with pytest.raises(ParameterError, match="unknown region '杭州'"):
        extract_figures_distributed(corpus, region="杭州", client=client)


def test_partitions_are_stable_and_read_back_as_the_table(corpus, client, tmp_path) -> None:
    a = write_figures_partitions(corpus, tmp_path / "a", client=client, docs_per_partition=4)
    b = write_figures_partitions(corpus, tmp_path / "b", client=client, docs_per_partition=4)
    n_parts = -(-len(corpus) // 4)
    assert [p.name for p in a] == [f"part-{i:05d}.parquet" for i in range(n_parts)]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    back = restored(pd.concat([pd.read_parquet(p) for p in a], ignore_index=True), FIGURES)
    assert list(back.columns) == list(PARTITION_COLUMNS)
    single = extract_figures(corpus)
    pd.testing.assert_frame_equal(back.drop(columns="value_display"), single, check_dtype=False)
    assert back.loc[back["raw"] == "800亿元", "value_display"].tolist() == ["800亿元"]
    assert len(pd.read_parquet(tmp_path / "a")) == len(single)  # the folder reads as one table
    # a run with fewer partitions leaves no stale file behind
    fewer = write_figures_partitions(corpus, tmp_path / "a", client=client, docs_per_partition=50)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [p.name for p in fewer]


def test_cli_writes_partitions_on_a_local_cluster(docs, tmp_path, capsys) -> None:
    out = tmp_path / "figures"
    single = tmp_path / "single.parquet"
    assert cli.main(["figures", "--docs", str(docs), "--out", str(single)]) == 0
    args = ["--docs", str(docs), "--out", str(out), "--workers", "2", "--docs-per-partition", "5"]
    code = cli.main(["figures", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip().endswith(f"partitions: {out}")
    assert "figures" in captured.err  # the progress bar
    parts = sorted(out.glob("*.parquet"))
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(len(parts))]
    back = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(back, pd.read_parquet(single))


def test_cli_checks_out_before_extracting(tmp_path, capsys, monkeypatch) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")

    def no_extraction(*args, **kwargs):
        raise AssertionError("extraction started although --out cannot be written")

    monkeypatch.setattr("ningbo_analysis.run.distributed.write_figures_partitions", no_extraction)
    monkeypatch.setattr(cli, "_load", no_extraction)
    code = cli.main(["figures", "--out", str(blocker / "figures"), "--workers", "2"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"--out {blocker / 'figures'}: cannot write there" in err
    code = cli.main(["figures", "--out", str(tmp_path / "f.csv"), "--workers", "2"])
    assert code == 2
    assert "give --out a folder name" in capsys.readouterr().err
    code = cli.main(["figures", "--out", str(tmp_path / "f"), "--workers", "0"])
    assert code == 2
    assert "--workers must be a whole number ≥ 1, got 0" in capsys.readouterr().err


def test_a_failed_run_leaves_the_previous_partitions(corpus, client, tmp_path, monkeypatch) -> None:
    import ningbo_analysis.run.distributed as dist

    out = tmp_path / "figs"
    write_figures_partitions(corpus, out, client=client, docs_per_partition=4)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / ".build-left-by-a-killed-run").mkdir()
    real = dist._partition_results

    def dies_after_one(*args, **kwargs):
        results = real(*args, **kwargs)
        yield next(results)
        raise RuntimeError("worker lost")

    monkeypatch.setattr(dist, "_partition_results", dies_after_one)
    with pytest.raises(RuntimeError, match="worker lost"):
        write_figures_partitions(corpus, out, client=client, docs_per_partition=2)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        k: v for k, v in before.items() if not k.startswith(".build-")
    }
