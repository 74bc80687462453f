"""The ``ningbo-analysis`` command, run in-process: outputs, exit codes and error messages."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.run import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_corpus_csv_is_real_and_byte_identical(tmp_path, capsys):
    a, b = tmp_path / "a.csv", tmp_path / "sub" / "b.csv"
    assert run(capsys, "corpus", "--out", str(a))[:2] == (0, f"14 articles: {a}\n")
    assert run(capsys, "corpus", "--out", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    assert b"\r\n" not in a.read_bytes()
    table = rows(a)
    assert list(table[0]) == list(cli.CORPUS_COLUMNS)
    assert "offset_map" not in table[0]  # not a CSV value
    by_id = {r["doc_id"]: r for r in table}
    assert by_id["002-01"]["title"] == "宁波市政府工作报告"
    assert by_id["002-01"]["date"] == "2021-02-21"
    assert by_id["002-02"]["region"] == "余姚"
    assert "地区生产总值" in by_id["002-02"]["text"]


def test_corpus_for_one_region_without_text(tmp_path, capsys):
    out = tmp_path / "yuyao.csv"
    assert run(capsys, "corpus", "--out", str(out), "--region", "余姚", "--no-text")[0] == 0
    [row] = rows(out)
    assert (row["doc_id"], row["title"], row["kind"]) == (
        "002-02",
        "2021年余姚市政府工作报告",
        "work_report",
    )
    assert "text" not in row


def test_figures_csv_for_a_region(tmp_path, capsys):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    code, out, _ = run(capsys, "figures", "--out", str(a), "--region", "余姚")
    assert code == 0 and out.endswith(f"figures: {a}\n")
    assert run(capsys, "figures", "--out", str(b), "--region", "余姚")[0] == 0
    assert a.read_bytes() == b.read_bytes()
    table = rows(a)
    # the stage's columns in order, with the display column after the value
    assert [c for c in table[0] if c != "value_display"][: len(cli.FIGURE_COLUMNS)] == list(
        cli.FIGURE_COLUMNS
    )
    assert list(table[0])[list(table[0]).index("value") + 1] == "value_display"
    assert {r["region"] for r in table} == {"余姚"}
    # 余姚 2021 work report: 实现地区生产总值1220.7亿元 (2020), in base units 元
    gdp = [
        r
        for r in table
        if r["indicator"] == "地区生产总值" and r["kind"] == "actual" and r["period"] == "2020"
    ]
    assert {(r["value"], r["value_display"], r["unit"], r["raw"]) for r in gdp} >= {
        ("122070000000", "1,220.7亿元", "元", "1220.7亿元")
    }


def test_missing_seeds_folder_is_one_clear_line(tmp_path, capsys):
    for command in ("corpus", "figures"):
        code, _, err = run(
            capsys, command, "--out", str(tmp_path / "x.csv"), "--seeds", "/no/seeds"
        )
        assert code == 2
        assert err == "ningbo-analysis: error: seeds_dir: folder /no/seeds does not exist\n"
    code, _, err = run(capsys, "report", "--seeds", str(tmp_path / "none"), "--out", str(tmp_path))
    assert code == 2 and "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_unknown_region_lists_valid_regions(tmp_path, capsys):
    code, _, err = run(capsys, "figures", "--out", str(tmp_path / "f.csv"), "--region", "杭州")
    assert code == 2
    assert err.startswith("ningbo-analysis: error: region '杭州' is not one of the regions")
    assert err.rstrip().endswith("valid regions: 宁波, 余姚, 慈溪, 海曙区")
    code, _, err = run(
        capsys,
        "report",
        "--region",
        "杭州",
        "--out",
        str(tmp_path),
        "--notebooks",
        str(FIXTURES / "report_ok.ipynb"),
    )
    assert code == 2 and "'杭州'" in err and err.count("\n") == 1


def test_report_unknown_parameter(tmp_path, capsys):
    nb = str(FIXTURES / "report_ok.ipynb")
    code, _, err = run(
        capsys, "report", "--notebooks", nb, "--out", str(tmp_path), "-p", "colour=red"
    )
    assert code == 2
    assert err == (
        "ningbo-analysis: error: unknown parameter 'colour' for notebook report_ok.ipynb; "
        "valid parameters: region, seeds_dir, output_dir, rows\n"
    )
    code, _, err = run(capsys, "report", "--notebooks", nb, "--out", str(tmp_path), "-p", "rows")
    assert code == 2 and "expected KEY=VALUE" in err
    code, _, err = run(capsys, "report", "--notebooks", nb, "--out", str(tmp_path), "-p", "rows=x")
    assert (code, err) == (
        2,
        "ningbo-analysis: error: parameter 'rows' of notebook report_ok.ipynb must be an int "
        "like its default 3, got 'x'\n",
    )
    code, _, err = run(capsys, "report", "--notebooks", nb, "--workers", "0")
    assert (code, err) == (2, "ningbo-analysis: error: --workers must be 1 or more, got 0\n")


def test_report_runs_and_fails_with_notebook_and_cell(tmp_path, capsys):
    ok = str(FIXTURES / "report_ok.ipynb")
    code, out, err = run(
        capsys,
        "report",
        "--region",
        "余姚",
        "--out",
        str(tmp_path),
        "--notebooks",
        ok,
        "-p",
        "rows=1",
    )
    assert code == 0, err
    assert out == f"1 reports: {tmp_path / 'index.html'}\n"
    assert err.startswith("[1/1] 余姚 report_ok.ipynb: ok (")
    assert rows(tmp_path / "余姚" / "articles.csv") == [
        {"doc_id": "002-02", "title": "2021年余姚市政府工作报告", "kind": "work_report"}
    ]
    fails = str(FIXTURES / "report_fails.ipynb")
    code, _, err = run(
        capsys, "report", "--region", "宁波", "--out", str(tmp_path), "--notebooks", fails
    )
    assert code == 1
    assert err.startswith(
        "ningbo-analysis: error: notebook report_fails.ipynb (region 宁波) failed in cell 4 of 5"
    )
    assert "ZeroDivisionError" in err and "Traceback" not in err


def test_unwritable_output(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    code, _, err = run(capsys, "corpus", "--out", str(tmp_path / "file" / "c.csv"))
    assert code == 2 and err.startswith("ningbo-analysis: error: --out: cannot write")


def test_param_parsing_and_defaults(tmp_path):
    assert cli._param("rows=5") == ("rows", 5)
    assert cli._param("region=宁波") == ("region", "宁波")
    assert cli._param("ratio=0.5") == ("ratio", 0.5)
    with pytest.raises(ParameterError, match="KEY=VALUE"):
        cli._param("1x=2")
    with pytest.raises(ParameterError, match="no notebooks found in"):
        cli.default_notebooks(tmp_path)
    nb = tmp_path / "b.ipynb"
    nb.write_text("{}")
    (tmp_path / "a.ipynb").write_text("{}")
    assert [p.name for p in cli.default_notebooks(tmp_path)] == ["a.ipynb", "b.ipynb"]


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as err:
        cli.main(["figures"])  # --out is required
    assert err.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_write_csv_float_format(tmp_path):
    import pandas as pd

    df = pd.DataFrame({"value": [0.1 + 0.2, 1.24087e12, 6.5], "indicator": ["a", "b", "c"]})
    path = cli.write_csv(df, tmp_path / "x.csv", first=["indicator"])
    assert (
        path.read_text(encoding="utf-8") == "\ufeffindicator,value\na,0.3\nb,1240870000000\nc,6.5\n"
    )


def test_figures_parquet_is_byte_identical_and_real(tmp_path, capsys):
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    assert run(capsys, "figures", "--out", str(a), "--region", "宁波")[0] == 0
    assert run(capsys, "figures", "--out", str(b), "--region", "宁波")[0] == 0
    assert a.read_bytes() == b.read_bytes()
    table = pd.read_parquet(a)
    gdp = table[(table["raw"] == "12408.7亿元") & (table["measure"] == "level")]
    assert gdp["value"].tolist() == [1.24087e12]
    assert gdp["indicator"].tolist() == ["地区生产总值"]


DOCS = FIXTURES / "report_docs.ipynb"


def _made_up_reports(folder: Path) -> Path:
    """Two made-up reports of a made-up city (清河), one with front matter, one without."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026_清河.md").write_text(
        "---\ntitle: 2026年清河市政府工作报告\ndate: 2026-01-20\nregion: 清河\nkind: work_report\n"
        "---\n各位代表：\n\n一、过去五年工作回顾\n\n五年来，全市地区生产总值由3200亿元增加到4100亿元。\n",
        encoding="utf-8",
    )
    (folder / "2021_清河.txt").write_text(
        "---\ntitle: 2021年清河市政府工作报告\ndate: 2021-01-18\nregion: 清河\nkind: work_report\n"
        "---\n各位代表：\n\n二、“十四五”时期主要目标\n\n到2025年，全市地区生产总值突破4000亿元。\n",
        encoding="utf-8",
    )
    return folder


def test_figures_with_the_users_documents(tmp_path, capsys):
    docs = _made_up_reports(tmp_path / "mine")
    out = tmp_path / "f.csv"
    code, _, err = run(
        capsys, "figures", "--out", str(out), "--region", "清河", "--docs", str(docs)
    )
    assert code == 0, err
    table = pd.read_csv(out)
    assert set(table["region"]) == {"清河"}
    gdp = table[table["raw"] == "4100亿元"]
    assert gdp["value"].tolist() == [410000000000]
    assert ",4.1e" not in out.read_text(encoding="utf-8")
    code, _, err = run(capsys, "corpus", "--out", str(out), "--docs", str(tmp_path / "nope"))
    assert code == 2 and "nope does not exist" in err


def test_docs_alone_are_only_mine_and_with_seeds_adds_the_seeds(tmp_path, capsys, monkeypatch):
    docs = _made_up_reports(tmp_path / "mine")
    monkeypatch.chdir(tmp_path)  # any working folder; relative paths are the current folder's
    code, _, err = run(capsys, "corpus", "--out", "only.csv", "--docs", "mine", "--no-text")
    assert code == 0, err
    assert [r["doc_id"] for r in rows(tmp_path / "only.csv")] == ["2021-01", "2026-01"]
    argv = ["corpus", "--out", "both.csv", "--docs", str(docs), "--with-seeds", "--no-text"]
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    both = rows(tmp_path / "both.csv")
    assert [r["doc_id"] for r in both][-3:] == ["004-01", "2021-01", "2026-01"]
    assert len(both) == 16 and {r["region"] for r in both} >= {"宁波", "余姚", "清河"}
    code, _, err = run(capsys, "figures", "--out", "f.csv", "--docs", "mine", "--region", "宁波")
    assert code == 2
    assert err.strip().endswith("region '宁波' is not one of the regions; valid regions: 清河")


def test_report_passes_docs_as_a_list_and_the_plan(tmp_path, capsys):
    docs = _made_up_reports(tmp_path / "mine")
    code, _, err = run(
        capsys,
        "report",
        "--region",
        "清河",
        "--out",
        str(tmp_path / "out"),
        "--notebooks",
        str(DOCS),
        "--docs",
        str(docs),
        "--docs",
        str(docs / "2026_清河.md"),
        "--plan",
        "十五五",
    )
    assert code == 0, err
    articles = rows(tmp_path / "out" / "清河" / "articles.csv")
    # the file given twice (in the folder and by name) is loaded once
    assert [(r["title"], r["year"]) for r in articles] == [
        ("2021年清河市政府工作报告", "2021"),
        ("2026年清河市政府工作报告", "2026"),
    ]
    page = (tmp_path / "out" / "清河" / "report_docs.html").read_text(encoding="utf-8")
    assert "list 2 十五五" in page  # injected as a list, not as its string
    assert "<th><code>plan</code></th><td>十五五</td>" in page
    assert "<th><code>extra_docs</code></th><td>…/mine, …/2026_清河.md</td>" in page
    assert str(tmp_path) not in page
    # --docs alone: only those documents, the seeds not read (like figures/corpus/scorecards)
    assert "regions: 清河" in page
    assert "<th><code>seeds_dir</code></th><td>(not read)</td>" in page
    code, _, err = run(
        capsys, "report", "--region", "宁波", "--out", str(tmp_path / "both"),
        "--notebooks", str(DOCS), "--docs", str(docs), "--with-seeds",
    )  # fmt: skip
    assert code == 0, err
    both = (tmp_path / "both" / "宁波" / "report_docs.html").read_text(encoding="utf-8")
    assert "regions: 宁波、余姚、慈溪、海曙区、清河" in both
    assert "宁波市政府工作报告" in [
        r["title"] for r in rows(tmp_path / "both" / "宁波" / "articles.csv")
    ]
    # only yours and a region of the seeds: the region is not in your documents
    code, _, err = run(
        capsys, "report", "--region", "宁波", "--out", str(tmp_path / "none"),
        "--notebooks", str(DOCS), "--docs", str(docs),
    )  # fmt: skip
    assert code == 2 and "region '宁波' is not one of the regions; valid regions: 清河" in err
    # a notebook that cannot take the documents is refused before anything runs
    code, _, err = run(
        capsys,
        "report",
        "--out",
        str(tmp_path / "out2"),
        "--notebooks",
        str(FIXTURES / "report_ok.ipynb"),
        "--docs",
        str(docs),
    )
    assert code == 2 and "does not declare parameter 'extra_docs'" in err
    code, _, err = run(capsys, "report", "--notebooks", str(DOCS), "--plan", "十六五")
    assert code == 2 and "valid plans: 十一五, 十二五, 十三五, 十四五, 十五五" in err


def test_csv_floats_are_plain_decimals_with_display_columns(tmp_path, capsys):
    import pandas as pd

    df = pd.DataFrame({"value": [1e15, 3e-7, 1639999999.9999998], "unit": ["元", "%", "元"]})
    path = cli.write_csv(df, tmp_path / "x.csv", values={"value": "unit"})
    assert path.read_text(encoding="utf-8-sig") == (
        "value,value_display,unit\n"
        '1000000000000000,"1,000万亿元",元\n'  # %.15g would write 1e+15
        "0.0000003,0.0000003%,%\n"
        "1640000000,16.4亿元,元\n"
    )
    out = tmp_path / "f.csv"
    assert run(capsys, "figures", "--out", str(out), "--region", "宁波")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert ",1240870000000,12,408.7亿元," not in text  # the display column is quoted
    assert ',1240870000000,"12,408.7亿元",,元,' in text  # value, display, value_high, unit
    assert not re.search(r"\d[eE][+-]?\d", text)


@pytest.mark.parametrize("command", ["figures", "corpus"])
def test_unwritable_out_is_refused_before_any_work(monkeypatch, capsys, command):
    def no_work(*args, **kwargs):
        raise AssertionError("the corpus was loaded before --out was checked")

    monkeypatch.setattr(cli, "_load", no_work)
    code, out, err = run(capsys, command, "--out", "/proc/ningbo/x.csv")
    assert (code, out) == (2, "")
    assert err == (
        "ningbo-analysis: error: --out: cannot write /proc/ningbo/x.csv: folder /proc is not "
        "writable (No such file or directory)\n"
    )


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_part(tmp_path, monkeypatch):
    from ningbo_analysis.present.tables import write_table

    out = tmp_path / "t.csv"
    write_table(pd.DataFrame({"value": [1.5]}), out)
    before = out.read_bytes()

    def broken(self, path, **kwargs):
        Path(path).write_text("half a ta", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(ParameterError, match=f"cannot write {out}: No space left on device"):
        write_table(pd.DataFrame({"value": [2.5]}), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_figures_out_with_an_unknown_suffix_is_refused(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "_load", lambda *a, **k: pytest.fail("loaded before --out check"))
    out = tmp_path / "f.xlsx"
    code, stdout, err = run(capsys, "figures", "--out", str(out))
    assert (code, stdout) == (2, "")
    assert err == (
        f"ningbo-analysis: error: --out {out}: write a .csv or .parquet file, or give a folder "
        "name (no suffix) for Parquet partitions extracted on Dask\n"
    )
    assert not out.exists()


def test_a_gzip_csv_is_still_compressed(tmp_path):
    import gzip

    from ningbo_analysis.present.tables import write_table

    out = write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.csv.gz")
    assert gzip.decompress(out.read_bytes()) == b"\xef\xbb\xbfa\n1\n"  # BOM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv.gz"]
