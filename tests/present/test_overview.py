"""Corpus overview helpers and notebook 01 (executed once with papermill)."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from ningbo_analysis.corpus.structure import sentences
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.present import display as nd
from ningbo_analysis.present import overview as ov
from ningbo_analysis.present import plots
from ningbo_analysis.run import report

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "01_corpus_overview.ipynb"


@pytest.fixture(scope="module")
def inventory(corpus: pd.DataFrame) -> pd.DataFrame:
    return ov.inventory(corpus)


def test_inventory_rows_and_counts(inventory: pd.DataFrame, corpus: pd.DataFrame) -> None:
    assert list(inventory.columns) == ov.INVENTORY_COLUMNS
    assert inventory["doc_id"].tolist() == corpus["doc_id"].tolist()
    rows = inventory.set_index("doc_id")
    assert rows.loc["002-01", ["title", "date", "region", "kind_zh"]].tolist() == [
        "宁波市政府工作报告",
        "2021-02-21",
        "宁波",
        "政府工作报告",
    ]
    assert rows.loc["002-01", "headings"] == 20  # 一…四 and (一)–(六), (一)–(十)
    assert rows.loc["002-02", "headings"] == 22  # 一…三 and (一)–(六), (一)–(六), (一)–(七)
    assert rows.loc["000-01", "qa_pairs"] == 6
    assert rows.loc["001-01", "qa_pairs"] == 5
    assert rows.loc["002-01", "qa_pairs"] == 0
    assert rows.loc["000-01", "kind_zh"] == "新闻发布会问答"
    text = corpus.loc[corpus["doc_id"] == "002-01", "text"].iloc[0]
    assert rows.loc["002-01", "chars"] == len(text) - text.count("\n")
    assert rows.loc["002-01", "sentences"] == len(sentences(text))


def test_inventory_rejects_a_table_that_is_not_a_corpus() -> None:
    with pytest.raises(ParameterError, match=r"corpus lacks columns.*text"):
        ov.inventory(pd.DataFrame({"doc_id": ["x"]}))


def test_kind_names_cover_the_corpus(corpus: pd.DataFrame) -> None:
    names = ov.kind_names()
    assert names["work_report"] == "政府工作报告"
    assert set(corpus["kind"]) <= set(names)


def test_csv_is_written_with_the_same_bytes(inventory: pd.DataFrame, tmp_path: Path) -> None:
    first = ov.write_csv(inventory, tmp_path / "a", "corpus_inventory.csv").read_bytes()
    second = ov.write_csv(inventory.copy(), tmp_path / "b", "corpus_inventory.csv").read_bytes()
    assert first == second
    lines = first.decode("utf-8").split("\n")
    assert lines[0] == "\ufeff" + ",".join(ov.INVENTORY_COLUMNS)  # BOM: Excel reads UTF-8
    assert lines[3].startswith(
        "002-01,002_5b94d7c343378b5a.txt,宁波市政府工作报告,2021-02-21,宁波,"
    )
    assert b"\r" not in first and lines[-1] == ""
    with pytest.raises(ParameterError, match="plain file name"):
        ov.write_csv(inventory, tmp_path, "../up.csv")


def test_region_summary(inventory: pd.DataFrame) -> None:
    summary = ov.region_summary(inventory)
    first = summary.iloc[0]
    assert (first["region"], first["kind_zh"], first["articles"]) == ("宁波", "政府工作报告", 2)
    news = summary.loc[(summary["region"] == "慈溪") & (summary["kind_zh"] == "新闻")]
    assert news["articles"].tolist() == [2]
    assert summary["articles"].sum() == 14


def test_region_work_report(corpus: pd.DataFrame) -> None:
    assert ov.region_work_report(corpus, "宁波")["doc_id"] == "002-01"
    assert ov.region_work_report(corpus, "余姚")["title"] == "2021年余姚市政府工作报告"
    assert ov.region_work_report(corpus, "慈溪") is None


def test_report_outline_of_ningbo(ningbo_2021: pd.Series) -> None:
    table = ov.report_outline(ningbo_2021)
    assert list(table.columns) == ov.OUTLINE_COLUMNS
    top = table.loc[table["level"] == 1]
    assert top["heading"].tolist() == [
        "2020年和“十三五”工作回顾",
        "“十四五”时期的主要目标任务",
        "2021年工作安排",
        "全面提高政府治理水平",
    ]
    assert len(table) == 20 and set(table["doc_id"]) == {"002-01"}
    # sections tile the text from 一、 on, so their lengths add up to that part of the report
    start = ningbo_2021.text.index("一、2020年")
    assert top["chars"].sum() == len(ningbo_2021.text[start:].replace("\n", ""))
    sents = sentences(ningbo_2021.text)
    assert top["sentences"].sum() == int((sents["start"] >= start).sum())
    deep = ov.report_outline(ningbo_2021, max_level=5)
    assert "二 > 一是" in deep["section_path"].tolist()
    assert ov.report_outline(ningbo_2021, max_level=1)["section_path"].tolist() == list("一二三四")
    with pytest.raises(ParameterError, match="max_level"):
        ov.report_outline(ningbo_2021, max_level=0)


def test_qa_table(corpus: pd.DataFrame) -> None:
    table = ov.qa_table(corpus, "宁波")
    assert list(table.columns) == ov.QA_TABLE_COLUMNS
    assert table["doc_id"].value_counts().to_dict() == {"000-01": 6, "001-01": 5}
    press = table.loc[table["doc_id"] == "000-01"]
    assert press["speaker"].tolist() == ["李军", "阎勤", "张文杰", "张世方", "黄志明", "张延"]
    assert press["speaker_title"].iloc[5] == "市商务局党组书记、局长"
    assert (table["answer_chars"] > 200).all()
    empty = ov.qa_table(corpus, "余姚")
    assert empty.empty and list(empty.columns) == ov.QA_TABLE_COLUMNS


def test_lengths_chart(inventory: pd.DataFrame) -> None:
    font = plots.setup_plotting(require_font=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = ov.lengths_chart(inventory, "余姚")
        fig.canvas.draw()
    try:
        [ax] = fig.axes
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[3] == "★ 002-02 2021年余姚市政府工作报告"
        assert labels[2] == "002-01 宁波市政府工作报告"
        assert labels[1].endswith("…") and len(labels[1]) == len("001-01 ") + 16
        widths = sorted(round(p.get_width()) for p in ax.patches if p.get_width() > 0)
        assert widths == sorted(inventory["chars"].tolist())
        assert ax.get_xlabel() == "正文长度（字）"
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        assert "20,000" in ticks and "2,500" in ticks  # the Ningbo report: 20,109 characters
        assert ax.get_title() == "各篇文章正文长度（★ = 余姚）"
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["政府工作报告", "新闻发布会问答", "访谈", "会议解读", "新闻"]
        if font is not None:
            glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message)]
            assert glyphs == []
    finally:
        plt.close(fig)
    with pytest.raises(ParameterError, match="empty"):
        ov.lengths_chart(inventory.iloc[0:0])


# ----------------------------------------------------------------------------- notebook 01


def test_notebook_is_committed_without_outputs_and_declares_parameters() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    declared = report.notebook_parameters(NOTEBOOK)
    assert {k: v["default"] for k, v in declared.items()} == {
        "region": '"宁波"',
        "seeds_dir": '""',
        "extra_docs": "[]",
        "with_seeds": "True",
        "plan": '"十四五"',
        "output_dir": '"reports"',
    }
    assert all(len(c.source.splitlines()) <= 15 for c in code)


def test_notebook_runs_for_yuyao_with_papermill(
    tmp_path: Path, inventory: pd.DataFrame, seeds_dir: Path
) -> None:
    import papermill as pm

    out = tmp_path / "out"
    executed = tmp_path / "01.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(executed),
        parameters={"region": "余姚", "seeds_dir": str(seeds_dir), "output_dir": str(out)},
        kernel_name=report.ensure_kernel(),
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    expected = inventory.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    assert (out / "corpus_inventory.csv").read_bytes() == expected
    nb = nbformat.read(executed, as_version=4)
    assert report.notebook_problems(nb) == []
    texts = [
        "".join(o.get("data", {}).get(mime, ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        for mime in ("text/markdown", "text/html")
    ]
    joined = "\n".join(texts)
    assert "**2021年余姚市政府工作报告** (2021-01-20, `002-02`" in joined
    assert "致力效能增强,营造唯实惟先好氛围" in joined  # 三 > (七) of the Yuyao outline
    assert "语料中没有余姚的新闻发布会或访谈。" in joined
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 1


def test_figures_summary_headline_is_the_latest_achieved_level(corpus: pd.DataFrame) -> None:
    from ningbo_analysis import extract_figures

    text = ov.figures_summary(extract_figures(corpus, region="余姚"), corpus, "余姚")
    # not the first period in string order (规上工业增加值 2015 269.2亿元)
    assert "主要数字：地区生产总值 2020 1,220.7亿元（实际，`002-02`）。" in text


def test_inventory_table_groups_counts_but_not_offsets(inventory: pd.DataFrame) -> None:
    """Counts read with thousands separators (the Ningbo 2021 work report: 20,109 characters);
    offsets, years and ids stay as written (they are positions, not amounts)."""
    frame = nd.display_frame(inventory, columns=["doc_id", "chars", "sentences"])
    row = frame[frame["文档"] == "002-01"].iloc[0]
    assert row.tolist() == ["002-01", "20,109", "469"]
    spans = pd.DataFrame({"start": [13520], "raw_end": [40227], "year": [2020], "qa_id": [12345]})
    assert nd.display_frame(spans).iloc[0].tolist() == ["13520", "40227", "2020", "12345"]
    page = str(nd.html_table(inventory[["doc_id", "chars"]], "plain"))
    assert '<td class="num">20,109</td>' in page


def test_marked_sentences_mark_the_rows_own_number(corpus: pd.DataFrame) -> None:
    """A sentence writing the same number twice marks the one the row is about (by offsets):
    the Ningbo 2021 report's 「…国家“双创”示范基地2家、国家企业技术中心2家」."""
    from ningbo_analysis import extract_figures

    figs = extract_figures(corpus[corpus["doc_id"] == "002-01"])
    row = figs[figs["indicator"] == "新增国家企业技术中心"].iloc[0]
    assert row["sentence"][row["start"] - row["sentence_start"] :].startswith("2家")
    [marked] = ov.marked_sentences(figs[figs["indicator"] == "新增国家企业技术中心"])
    assert "示范基地2家、国家企业技术中心【2家】" in marked
    growth = figs[(figs["indicator"] == "数字经济核心产业增加值") & (figs["raw"] == "15%")]
    [marked] = ov.marked_sentences(growth)
    assert "集成电路产业产值增长15%" in marked and marked.endswith("增加值增长【15%】。")
    assert ov.marked_sentence("新增2家、累计2家", "2家", at=7) == "新增2家、累计【2家】"
    assert ov.marked_sentence("新增2家", "2家", at=0) == "新增【2家】"  # offset off: first one
