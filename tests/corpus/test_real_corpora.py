"""A corpus as users have it: nested folders, the metadata real files carry, web/Word/PDF
documents and their tables, other encodings, and one bad file that does not stop a big run."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.corpus.cleaning import raw_span
from ningbo_analysis.corpus.formats import page_of
from ningbo_analysis.corpus.load import load_corpus, load_problems
from ningbo_analysis.corpus.metadata import canonical_region, find_regions, path_region
from ningbo_analysis.errors import SeedError

REPORT = (
    "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、2020年工作回顾\n"
    "全市地区生产总值达到12408.7亿元，比上年增长3.3%。\n"
)
TABLE_ROWS = [
    ["指标", "2020年", "2025年", "年均增长", "属性"],
    ["地区生产总值（亿元）", "12408.7", "17500", "6%左右", "预期性"],
    ["常住人口城镇化率（%）", "78", "80", "—", "预期性"],
]


def _md_table() -> str:
    lines = ["| " + " | ".join(r) + " |" for r in TABLE_ROWS]
    return "\n".join([lines[0], "|---|---|---|---|---|", *lines[1:]]) + "\n"


def _shanghai(folder: Path) -> Path:
    """The four failures of issue 27 at once: a nested folder, a ``source:`` key, a year only in
    the title / first line / file name, and two files of the same name in two folders."""
    for city in ("上海市", "东莞市"):
        (folder / city).mkdir(parents=True)
    (folder / "上海市" / "2003.md").write_text(
        "---\nsource: http://www.shanghai.gov.cn/a.html\ntitle: 上海市2003年政府工作报告\n---\n\n"
        "（2003年2月16日 陈良宇）\n\n" + REPORT,
        encoding="utf-8",
    )
    (folder / "东莞市" / "2003.md").write_text(
        "---\nsource:\n  - http://www.dg.gov.cn/a.html\n  - http://www.dg.gov.cn/b.html\n"
        "title: 政府工作报告\nauthor: 某某\n---\n\n" + REPORT.replace("12408.7", "888.8"),
        encoding="utf-8",
    )
    (folder / "README.md").write_text("# 说明\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "x.md").write_text("不是文件", encoding="utf-8")
    return folder


def test_a_folder_of_city_folders_loads_with_city_year_and_address(tmp_path: Path) -> None:
    corpus = load_corpus(_shanghai(tmp_path / "corpus"))
    got = corpus.set_index("doc_id")
    assert list(got.index) == ["上海市/2003-01", "东莞市/2003-01"]
    sh, dg = got.loc["上海市/2003-01"], got.loc["东莞市/2003-01"]
    assert (sh["region"], sh["year"], sh["date"], sh["kind"]) == (
        "上海",
        2003,
        "2003-02-16",
        "work_report",
    )
    assert sh["url"] == "http://www.shanghai.gov.cn/a.html"
    assert sh["seed_file"] == "上海市/2003.md"
    assert "date=delivery line" in sh["meta_source"] and "title=front matter" in sh["meta_source"]
    assert (dg["region"], dg["year"], dg["date"]) == ("东莞", 2003, "2003")
    assert "region=path" in dg["meta_source"] and "year=path" in dg["meta_source"]
    assert dg["url"] == "http://www.dg.gov.cn/a.html"
    assert json.loads(dg["meta"]) == {
        "author": "某某", "sources": ["http://www.dg.gov.cn/a.html", "http://www.dg.gov.cn/b.html"]
    }  # fmt: skip
    figures = na.extract_figures(corpus)
    gdp = figures.loc[figures["raw"] == "12408.7亿元"].iloc[0]
    assert (gdp["doc_id"], gdp["region"], gdp["period"]) == ("上海市/2003-01", "上海", "2020")


def test_doc_ids_are_stable_across_runs_and_seeds_keep_theirs(tmp_path: Path) -> None:
    folder = _shanghai(tmp_path / "corpus")
    both = load_corpus(folder, seeds=True)
    assert list(both["doc_id"][:2]) == ["000-01", "001-01"]
    assert list(both["doc_id"][-2:]) == ["上海市/2003-01", "东莞市/2003-01"]
    assert load_corpus(folder, seeds=True)["doc_id"].tolist() == both["doc_id"].tolist()


@pytest.mark.parametrize(
    ("title", "opening", "path", "region", "year", "date"),
    [
        ("", "——2021年1月23日在北京市第十五届人民代表大会第四次会议上\n", "x/a.md", "北京", 2021,
         "2021-01-23"),
        ("", "二〇二一年一月二十三日在杭州市第十四届人民代表大会第五次会议上\n", "x/a.md", "杭州",
         2021, "2021-01-23"),
        ("合肥市2023年政府工作报告", "——2022年12月30日在合肥市第十七届人民代表大会第二次会议上\n",
         "x/a.md", "合肥", 2023, "2022-12-30"),
        ("政府工作报告（2019年）", "", "浙江/余姚市/a.md", "余姚", 2019, "2019"),
        ("政府工作报告", "", "广东省/东莞市/2004年报告.md", "东莞", 2004, "2004"),
    ],
)  # fmt: skip
def test_metadata_from_the_delivery_line_the_title_and_the_path(
    tmp_path: Path, title: str, opening: str, path: str, region: str, year: int, date: str
) -> None:
    file = tmp_path / path
    file.parent.mkdir(parents=True)
    head = f"---\ntitle: {title}\n---\n" if title else ""
    file.write_text(head + opening + REPORT, encoding="utf-8")
    row = load_corpus(tmp_path).iloc[0]
    assert (row["region"], row["year"], row["date"]) == (region, year, date)
    assert row["reference_year"] == year


def test_the_manifest_comes_before_front_matter_and_text(tmp_path: Path) -> None:
    body = "---\ntitle: 宁波市政府工作报告\ndate: 2020-01-10\nregion: 宁波\n---\n" + REPORT
    (tmp_path / "a.md").write_text(body, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,sha256,title,date,publisher,regions,kind,reference_year,description\n"
        "a.md,,余姚市政府工作报告,2021-01-20,,余姚,work_report,,\n",
        encoding="utf-8",
    )
    row = load_corpus(tmp_path).iloc[0]
    assert (row["title"], row["date"], row["region"]) == (
        "余姚市政府工作报告",
        "2021-01-20",
        "余姚",
    )
    assert "region=manifest" in row["meta_source"]


def test_gazetteer_of_china() -> None:
    assert canonical_region("南京市") == "南京" and canonical_region("浦东新区") == "浦东新区"
    assert canonical_region("乌鲁木齐市") == "乌鲁木齐" and canonical_region("临川市") == "临川"
    assert find_regions("在乌鲁木齐市第十六届人民代表大会") == ["乌鲁木齐"]
    assert find_regions("中心城区和郊区") == []  # two-character 区/县 names are not looked for
    assert path_region(("广东省", "东莞市", "2003.md")) == "东莞"
    assert path_region(("安徽", "和县", "2003.md")) == "和县"
    assert find_regions("宁波慈溪市启动") == ["宁波", "慈溪"]  # the curated names come first


# ------------------------------------------------------------------------- one bad file


def _many(folder: Path, n: int = 11) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{2010 + i}.md").write_text(
            f"——{2010 + i}年1月20日在临川市第十六届人民代表大会第六次会议上\n" + REPORT
            + f"第{i}份。\n",
            encoding="utf-8",
        )  # fmt: skip
    return folder


def test_one_bad_file_never_stops_a_big_run(tmp_path: Path) -> None:
    folder = _many(tmp_path / "linchuan")
    (folder / "2030.md").write_bytes(b"")
    (folder / "2031.md").write_text((folder / "2010.md").read_text("utf-8"), encoding="utf-8")
    (folder / "2032.md").write_text("各位代表：\n今年要把工作做好。\n", encoding="utf-8")
    (folder / "2033.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "sub").mkdir()
    (folder / "sub" / "note.md").write_text("一则新闻，没有地名。\n", encoding="utf-8")
    corpus = load_corpus(folder)
    assert len(corpus) == 12 and set(corpus["region"]) == {"临川"}  # 11 + 2032 (year from its name)
    problems = load_problems(corpus).set_index("file")
    assert problems.loc[str(folder / "2030.md"), "problem"] == "empty"
    assert problems.loc[str(folder / "2031.md"), "problem"] == "duplicate"
    assert problems.loc[str(folder / "2033.pdf"), "problem"] == "unreadable"
    assert problems.loc[str(folder / "sub" / "note.md"), "problem"] == "place_unknown"
    assert problems.loc[str(folder / "sub" / "note.md"), "doc_id"] == "sub/note-01"
    with pytest.raises(SeedError, match=r"2030\.md"):
        load_corpus(folder, errors="raise")  # today's clear message, at the first
    with pytest.raises(SeedError, match=r"seed file is empty"):
        load_corpus(folder / "2030.md")  # a single file fails loudly


def test_the_cli_prints_a_summary_and_writes_problems_csv(tmp_path: Path, capsys) -> None:
    from ningbo_analysis.run.cli import main

    folder = _many(tmp_path / "linchuan")
    (folder / "2030.md").write_bytes(b"")
    out = tmp_path / "out" / "figures.csv"
    out.parent.mkdir()
    assert main(["figures", "--docs", str(folder), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"1 files skipped (1 empty): {out.parent / 'problems.csv'}" in printed
    table = pd.read_csv(out.parent / "problems.csv")
    assert table[["file", "problem"]].values.tolist() == [[str(folder / "2030.md"), "empty"]]


# ------------------------------------------------------------------------------ formats


def test_markdown_marks_are_stripped_with_offsets_into_the_raw_file(tmp_path: Path) -> None:
    raw = (
        "---\nregion: 宁波\ndate: 2021-01-20\n---\n## 一、回顾\n<!-- 说明 -->\n"
        "全市**地区生产总值**达到[12408.7亿元](http://x.cn/a)，比上年增长3.3%。![图](a.png)\n"
    )
    (tmp_path / "a.md").write_text(raw, encoding="utf-8")
    row = load_corpus(tmp_path).iloc[0]
    assert row["text"] == "一、回顾\n全市地区生产总值达到12408.7亿元，比上年增长3.3%。"
    pos = row["text"].index("12408.7亿元")
    s, e = raw_span(row, pos, pos + len("12408.7亿元"))
    assert raw[s:e] == "12408.7亿元"


def _table_figures(corpus: pd.DataFrame) -> list[tuple]:
    figures = na.extract_figures(corpus)
    rows = figures.loc[figures["attribute"] != ""]
    return sorted(
        zip(rows["indicator"], rows["kind"], rows["measure"], rows["period"], rows["value"],
            rows["unit"], rows["attribute"], strict=True)
    )  # fmt: skip


EXPECTED_TABLE = sorted(
    [
        ("地区生产总值", "actual", "level", "2020", 1.240870e12, "元", "预期性"),
        ("地区生产总值", "target", "level", "2025", 1.75e12, "元", "预期性"),
        ("地区生产总值", "target", "avg_growth", "2021-2025", 6.0, "%", "预期性"),
        ("常住人口城镇化率", "actual", "level", "2020", 78.0, "%", "预期性"),
        ("常住人口城镇化率", "target", "level", "2025", 80.0, "%", "预期性"),
    ]
)
HEAD = "---\nregion: 宁波\ndate: 2021-02-21\nkind: work_report\n---\n"


def test_a_markdown_table_is_data(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HEAD + REPORT + "主要指标如下：\n" + _md_table(), "utf-8")
    corpus = load_corpus(tmp_path)
    assert _table_figures(corpus) == EXPECTED_TABLE
    figures = na.extract_figures(corpus)
    cell = figures.loc[figures["raw"] == "17500"].iloc[0]
    row = corpus.iloc[0]
    raw = (tmp_path / "a.md").read_text("utf-8")
    assert raw[cell["raw_start"] : cell["raw_end"]] == "17500"
    assert cell["sentence"].startswith("| 地区生产总值（亿元） |")  # one row, not a run of rows
    assert row["text"].count("\n| ") == 3


def _html_page() -> bytes:
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in TABLE_ROWS)
    paragraphs = "".join(f"<p>{line}</p>" for line in REPORT.strip().split("\n"))
    return (
        "<html><head><title>宁波市2021年政府工作报告</title>"
        '<meta name="PubDate" content="2021-02-21">'
        '<link rel="canonical" href="http://www.ningbo.gov.cn/a.html"></head><body>'
        '<div class="nav">首页 | 新闻</div><article><h1>宁波市2021年政府工作报告</h1>'
        f"{paragraphs}<table>{rows}</table><p>以上为主要指标。</p></article></body></html>"
    ).encode()


def test_a_web_page_loads_with_its_title_date_address_and_table(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    (tmp_path / "2021.html").write_bytes(_html_page())
    corpus = load_corpus(tmp_path)
    row = corpus.iloc[0]
    assert (row["title"], row["region"], row["date"], row["encoding"]) == (
        "宁波市2021年政府工作报告",
        "宁波",
        "2021-02-21",
        "html",
    )
    assert row["url"] == "http://www.ningbo.gov.cn/a.html"
    assert "首页" not in row["text"] and "12408.7亿元" in row["text"]
    assert _table_figures(corpus) == EXPECTED_TABLE


def _docx(path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "宁波市2021年政府工作报告"
    for line in REPORT.strip().split("\n"):
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE_ROWS), cols=len(TABLE_ROWS[0]))
    for i, r in enumerate(TABLE_ROWS):
        for j, c in enumerate(r):
            table.cell(i, j).text = c
    document.add_paragraph("以上为主要指标。")
    document.save(path)


def test_a_word_file_loads_with_its_table(tmp_path: Path) -> None:
    _docx(tmp_path / "2021.docx")
    corpus = load_corpus(tmp_path)
    row = corpus.iloc[0]
    assert (row["title"], row["region"], row["year"], row["encoding"]) == (
        "宁波市2021年政府工作报告",
        "宁波",
        2021,
        "docx",
    )
    assert row["text"].startswith("各位代表：")
    assert _table_figures(corpus) == EXPECTED_TABLE


def _pdf(path: Path, pages: list[list], with_text: bool = True) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, wordWrap="CJK")
    story = []
    for i, page in enumerate(pages):
        if i:
            story.append(PageBreak())
        for item in page:
            if isinstance(item, str):
                story.append(Paragraph(item, style) if with_text else Paragraph("", style))
            else:
                t = Table(item)
                t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))  # fmt: skip
                story.append(t)
    SimpleDocTemplate(str(path)).build(story)


def test_a_pdf_loads_with_pages_and_its_table(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    lines = REPORT.strip().split("\n")
    _pdf(
        tmp_path / "2021.pdf", [["宁波市2021年政府工作报告", *lines[:2]], [*lines[2:], TABLE_ROWS]]
    )
    corpus = load_corpus(tmp_path)
    row = corpus.iloc[0]
    assert (row["region"], row["year"], row["encoding"]) == ("宁波", 2021, "pdf")
    assert _table_figures(corpus) == EXPECTED_TABLE
    figures = na.extract_figures(corpus)
    gdp = figures.loc[figures["raw"] == "12408.7亿元"].iloc[0]
    raw = na.corpus.formats.read_document(tmp_path / "2021.pdf").raw
    assert raw[gdp["raw_start"] : gdp["raw_end"]] == "12408.7亿元"
    assert page_of(raw, int(gdp["raw_start"])) == 2 and page_of(raw, 0) == 1


def test_a_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    _pdf(tmp_path / "scan.pdf", [["x"]], with_text=False)
    with pytest.raises(SeedError, match=r"scan\.pdf: this PDF has no text layer .*OCR"):
        load_corpus(tmp_path / "scan.pdf")


def test_a_missing_reader_names_the_extra(tmp_path: Path, monkeypatch) -> None:
    import ningbo_analysis.corpus.formats as formats

    real = formats.importlib.import_module

    def no_docx(name: str):
        if name == "docx":
            raise ImportError(name)
        return real(name)

    monkeypatch.setattr(formats.importlib, "import_module", no_docx)
    (tmp_path / "a.docx").write_bytes(b"PK")
    with pytest.raises(SeedError) as err:
        load_corpus(tmp_path / "a.docx")
    assert str(err.value) == (
        f"{tmp_path / 'a.docx'}: reading .docx files needs python-docx: "
        "pip install 'ningbo-analysis[formats]'"
    )
