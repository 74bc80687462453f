"""Bad input (issue 15): every input is checked where it enters and every failure is one line
naming the file or the parameter and the fix; document text is escaped in every HTML/Markdown
output. Each case asserts the exact message and the exception type.

The test documents are made up here (a made-up place 清河 and Ningbo-like sentences written
for these tests); nothing is copied from the seeds.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import mistune
import pandas as pd
import pytest

import ningbo_analysis as na
import ningbo_analysis.present.overview as ov
from ningbo_analysis import text
from ningbo_analysis.corpus import load as cp
from ningbo_analysis.corpus import reading
from ningbo_analysis.errors import NingboAnalysisError, NotFoundError, ParameterError, SeedError
from ningbo_analysis.plans import record as cmp
from ningbo_analysis.plans import scorecard as scm
from ningbo_analysis.present import display as nd
from ningbo_analysis.present import plots, record_view, text_charts
from ningbo_analysis.present import scorecard_view as view

matplotlib.use("Agg")

NEWS = "宁波新闻\n2021年1-10月，全市规上工业增加值增长12.5%。\n"
REPORT = (
    "各位代表：\n一、2020年工作回顾\n全市地区生产总值达到12408.7亿元，比上年增长3.3%。\n"
    "二、“十四五”主要目标\n到2025年，地区生产总值达到1.6万亿元，年均增长6%左右。\n"
)
HOSTILE = "标题<img src=x onerror=alert(1)>"


def one_line(err: pytest.ExceptionInfo) -> str:
    """The message of a raised error, checked to be one line."""
    message = str(err.value)
    assert "\n" not in message, message
    return message


# ----------------------------------------------------------------------------- manifest


def _seed_folder(tmp_path: Path, date: str = "2021-02-21", ref: str = "2021") -> Path:
    """Two documents and a manifest whose second row (line 3: the first row's description
    spans two lines) has ``date`` and ``ref``."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    files = {"001_a.txt": NEWS, "002_b.txt": REPORT}
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    sha = {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in files}
    (folder / "manifest.csv").write_text(
        "file,sha256,title,date,publisher,regions,kind,reference_year,description\n"
        f'001_a.txt,{sha["001_a.txt"]},宁波新闻,2021-11-02,报社,宁波,news,2021,"two\nlines"\n'
        f"002_b.txt,{sha['002_b.txt']},宁波市政府工作报告,{date},报社,宁波,work_report,{ref},x\n",
        encoding="utf-8",
    )
    return folder


def test_a_good_manifest_loads(tmp_path: Path) -> None:
    corpus = na.load_corpus(_seed_folder(tmp_path))
    assert corpus[["doc_id", "date", "year"]].values.tolist() == [
        ["001-01", "2021-11-02", 2021],
        ["002-01", "2021-02-21", 2021],
    ]


def test_manifest_fields_with_spaces_are_read_stripped(tmp_path: Path) -> None:
    corpus = na.load_corpus(_seed_folder(tmp_path, date=" 2021-02-03 ", ref=" 2021"))
    assert corpus[["doc_id", "date", "year", "reference_year"]].values.tolist()[1] == [
        "002-01",
        "2021-02-03",
        2021,
        2021,
    ]


@pytest.mark.parametrize("date", ["2021-13-45", "yesterday", "2021-02-30", "2021-00", "21-02-21"])
def test_manifest_date_that_is_no_real_date(tmp_path: Path, date: str) -> None:
    folder = _seed_folder(tmp_path, date=date)
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{folder / 'manifest.csv'}, line 4: date {date!r} of 002_b.txt is not a real date "
        "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2021-02-21)"
    )


def test_manifest_reference_year_that_is_no_year(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path, ref="next year")
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{folder / 'manifest.csv'}, line 4: reference_year 'next year' of 002_b.txt is not a "
        "year YYYY (or leave it empty)"
    )


def test_manifest_sha256_that_is_no_digest(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    manifest = folder / "manifest.csv"
    digest = hashlib.sha256((folder / "002_b.txt").read_bytes()).hexdigest()
    manifest.write_text(manifest.read_text("utf-8").replace(digest, "abc123"), "utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{manifest}, line 4: sha256 'abc123' of 002_b.txt is not 64 lowercase hex digits; "
        "compute it with sha256sum 002_b.txt"
    )


def test_a_utf16_manifest_gets_the_iconv_command(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    manifest = folder / "manifest.csv"
    manifest.write_bytes(manifest.read_text("utf-8").encode("utf-16"))
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{manifest}: looks like UTF-16 (not valid UTF-8); convert with iconv -f UTF-16 -t UTF-8 "
        f"{manifest} > {manifest}.utf8 and put the converted file in its place"
    )


def test_a_broken_manifest_csv_is_one_line(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    manifest = folder / "manifest.csv"
    manifest.write_text(manifest.read_text("utf-8") + '"unterminated\n', "utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"cannot read manifest {manifest}: Error tokenizing data. C error: EOF inside string "
        "starting at row 3"
    )


# ----------------------------------------------------------------------------- front matter


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (  # YAML itself fails to build a date of 2021-13-45
            "date: 2021-13-45",
            "front matter has a date that is no real date (month must be in 1..12); "
            "write it as YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            'date: "2021-02-30"',
            "front matter date '2021-02-30' is not YYYY, YYYY-MM or YYYY-MM-DD (a real date)",
        ),
        (
            "date: yesterday",
            "front matter date 'yesterday' is not YYYY, YYYY-MM or YYYY-MM-DD (a real date)",
        ),
        ("reference_year: soon", "front matter reference_year 'soon' is not a year YYYY"),
    ],
)
def test_front_matter_dates_are_real_dates(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "2021_qinghe.md"
    path.write_text(f"---\n{line}\n---\n" + REPORT, encoding="utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(path)
    assert one_line(err) == f"{path}: {problem}"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("region: ../../etc", "front matter region '../../etc' is not a place name "
         "(no / \\ ` < > | * ? \" or control characters)"),
        ("region: 清河`<img src=x>`", "front matter region '清河`<img src=x>`' is not a place "
         "name (no / \\ ` < > | * ? \" or control characters)"),
        ("kind: report", "front matter kind 'report' is not one of work_report, press_qa, "
         "interview, conference, news (data/kind_names.csv)"),
    ],
)  # fmt: skip
def test_front_matter_region_and_kind_are_checked(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "2021_qinghe.md"
    path.write_text(f"---\n{line}\n---\n" + REPORT, encoding="utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(path)
    assert one_line(err) == f"{path}: {problem}"


def test_manifest_file_outside_the_folder(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    manifest = folder / "manifest.csv"
    manifest.write_text(manifest.read_text("utf-8").replace("002_b.txt,", "../002_b.txt,"), "utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{manifest}, line 4: file '../002_b.txt' is not a plain file name; seed files sit "
        "beside the manifest"
    )


def test_manifest_region_and_kind_are_checked(tmp_path: Path) -> None:
    folder = _seed_folder(tmp_path)
    manifest = folder / "manifest.csv"
    original = manifest.read_text("utf-8")
    manifest.write_text(
        original.replace(",报社,宁波,work_report,", ",报社,宁波;<b>,work_report,"), "utf-8"
    )
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{manifest}, line 4: region '<b>' of 002_b.txt is not a place name "
        '(no / \\ ` < > | * ? " or control characters)'
    )
    manifest.write_text(original.replace(",work_report,", ",workreport,"), "utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(folder)
    assert one_line(err) == (
        f"{folder / '002_b.txt'}: kind 'workreport' (manifest) is not one of work_report, "
        "press_qa, interview, conference, news (data/kind_names.csv); a listing page of several "
        "articles is split by its date lines"
    )


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("codec", "text", "encoding"),
    [
        ("utf-16", REPORT, "utf-16"),  # with BOM
        ("utf-16-le", REPORT, "utf-16-le"),  # without BOM
        ("utf-16-be", REPORT, "utf-16-be"),
        ("utf-16-le", "2021 GDP 12408.7\n", "utf-16-le"),  # ASCII: valid UTF-8 + NULs
        ("utf-8-sig", REPORT, "utf-8-sig"),
        ("gb18030", REPORT, "gb18030"),
        ("gbk", REPORT, "gb18030"),
        ("big5", "寧波市政府工作報告\n全市地區生產總值達到12408.7億元，比上年增長3.3%。\n", "big5"),
    ],
)
def test_other_encodings_are_detected_and_recorded(
    tmp_path: Path, codec: str, text: str, encoding: str
) -> None:
    path = tmp_path / "my report.txt"
    path.write_bytes(text.encode(codec))
    row = na.load_corpus(tmp_path, region="宁波").iloc[0]
    assert row["encoding"] == encoding
    assert row["text"] == text.strip().replace("\n\n", "\n")


def test_the_iconv_command_it_names_gives_the_same_text(tmp_path: Path) -> None:
    """The guess is right: decoding with the named encoding gives back the document."""
    for codec, text_ in [
        ("utf-16-le", REPORT),
        ("gbk", REPORT),
        ("big5", "寧波報告\n增長3.3%。\n"),
    ]:
        data = text_.encode(codec)
        guessed = reading.guess_encoding(data)
        assert data.decode({"GB18030": "gb18030", "Big5": "big5"}.get(guessed, guessed)) == text_


def test_bytes_that_fit_no_encoding(tmp_path: Path) -> None:
    path = tmp_path / "005_bin.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xd8\xff")
    with pytest.raises(SeedError) as err:
        na.load_corpus(tmp_path)
    assert one_line(err) == (
        f"seed file is not valid UTF-8: {path} (byte 0: invalid start byte) and no known "
        "encoding (UTF-16, GBK, Big5) fits; save it as UTF-8 text"
    )


@pytest.mark.parametrize(
    ("body", "char", "line", "column"),
    [
        ("宁波新闻\n增长3%\x00\x00\x00\x00。\n", "0000", 2, 5),  # NULs: a binary file
        ("宁波新闻\n增长\x01\x02。\n", "0001", 2, 3),
        ("\x1b[31m宁波新闻\n", "001B", 1, 1),  # terminal colour codes
        ("宁波新闻\x7f\n", "007F", 1, 5),
        ("宁波\x85新闻\n", "0085", 1, 3),  # C1 control: text decoded with the wrong codec
    ],
)
def test_control_characters_are_refused_with_file_line_and_column(
    tmp_path: Path, body: str, char: str, line: int, column: int
) -> None:
    path = tmp_path / "001_ctl.txt"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(tmp_path)
    assert one_line(err) == (
        f"{path}: control character U+{char} at line {line}, column {column}: not a plain text "
        "document (a binary file?); remove the control characters or export the document as "
        "plain UTF-8 text"
    )


def test_a_folder_named_like_a_document_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "001_news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "002_notes.txt").mkdir()
    assert na.load_corpus(tmp_path)["doc_id"].tolist() == ["001-01"]


def test_tabs_form_feeds_and_crlf_are_text(tmp_path: Path) -> None:
    (tmp_path / "001_ok.txt").write_text("宁波新闻\r\n增长\t3%。\f\n\v", encoding="utf-8")
    assert na.load_corpus(tmp_path)["text"].tolist() == ["宁波新闻\n增长\t3%。"]


# ----------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (
            (123,),
            {},
            "load_corpus: argument 1 must be a folder or file path (str or Path), got int 123",
        ),
        (
            (b"seeds",),
            {},
            "load_corpus: argument 1 must be a folder or file path (str or Path), "
            "got bytes b'seeds'",
        ),
        (
            ("a", 5),
            {},
            "load_corpus: argument 2 must be a folder or file path (str or Path), got int 5",
        ),
        (
            (["a", 7],),
            {},
            "load_corpus: argument 1 must be a folder or file path (str or Path), got int 7",
        ),
        (
            ("a",),
            {"seeds": 3},
            "load_corpus: seeds must be a folder or file path (str or Path), got int 3",
        ),
        (
            (),
            {"seeds": False},
            "load_corpus: nothing to load: give folders or files of documents, or seeds=True",
        ),
        (("se\x00eds",), {}, "load_corpus: argument 1 contains a NUL character: 'se\\x00eds'"),
        ((), {"region": 5}, "load_corpus: region must be a non-empty place name, got 5"),
        ((), {"region": " "}, "load_corpus: region must be a non-empty place name, got ' '"),
        ((), {"region": "a/b"}, "load_corpus: region must be a non-empty place name, got 'a/b'"),
        ((), {"verify": "no"}, "load_corpus: verify must be True or False, got 'no'"),
    ],
)
def test_load_corpus_arguments_of_the_wrong_type(args, kwargs, message) -> None:
    with pytest.raises(ParameterError) as err:
        na.load_corpus(*args, **kwargs)
    assert one_line(err) == message
    assert isinstance(err.value, NingboAnalysisError)


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return na.extract_figures(na.load_corpus())


@pytest.mark.parametrize("function", [na.compare_plans, na.plan_scorecard])
def test_a_region_without_figures_is_an_error_not_an_empty_table(figures, function) -> None:
    with pytest.raises(ParameterError) as err:
        function(figures, "杭州")  # a city of regions.csv the seeds have no figure of
    assert one_line(err) == (
        "unknown region '杭州': the figures table has no figure of it; "
        "regions with figures: 余姚, 宁波, 慈溪, 海曙区"
    )


@pytest.mark.parametrize("function", [na.compare_plans, na.plan_scorecard])
def test_a_corpus_region_without_figures_has_nothing_to_score(figures, function) -> None:
    # the corpus' regions tell a region with documents but no figure from a typo
    table = function(figures, "清河", regions=["宁波", "清河"])
    assert table.empty
    with_regions = function(figures, "宁波", regions=["宁波", "清河"])
    assert len(with_regions) > 10  # the seeds' 宁波 targets, unchanged by the keyword
    pd.testing.assert_frame_equal(with_regions, function(figures, "宁波"))
    with pytest.raises(ParameterError, match="'清和' is neither in the figures table"):
        function(figures, "清和", regions=["宁波", "清河"])


@pytest.fixture(scope="module")
def no_theme_region(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A made-up region whose one article holds no number and no theme keyword."""
    folder = tmp_path_factory.mktemp("qinghe")
    (folder / "qinghe.md").write_text(
        "---\ntitle: 清河要闻\ndate: 2021-03-01\nregion: 清河\n---\n"
        "清河召开会议，部署今年工作。会议强调要坚持稳中求进。\n",
        encoding="utf-8",
    )
    sents = text.section_sentences(na.load_corpus(folder))
    return sents, sents[sents["section"] != ""]


def test_themes_of_no_sentences_keep_their_columns(no_theme_region) -> None:
    _, no_sections = no_theme_region
    assert no_sections.empty
    by_section = text.themes(no_sections, by=["doc_id", "section_label"])
    assert by_section.empty and {"doc_id", "section_label", "share"} <= set(by_section.columns)


def test_a_region_without_theme_words_says_so(no_theme_region) -> None:
    sents, _ = no_theme_region
    by_doc = text.themes(sents, by=["doc_id", "title"])
    assert by_doc["share"].max() == 0
    summary = ov.text_summary(sents, sents, by_doc, None, None, "清河", 10)
    assert "没有句子包含主题词表" in summary
    assert "most frequent theme" not in summary
    ax = text_charts.plot_theme_heatmap(by_doc, index=["doc_id", "title"], vmax=float("nan"))
    assert [t.get_text() for t in ax.texts] == [
        "没有含主题词的句子 (no sentence with a theme keyword)"
    ]
    plt.close("all")


@pytest.mark.parametrize("function", [na.compare_plans, na.plan_scorecard])
def test_a_region_nobody_knows(figures, function) -> None:
    with pytest.raises(ParameterError) as err:
        function(figures, "火星")
    assert one_line(err) == (
        "region '火星' is neither in the figures table nor in regions.csv; "
        "regions with figures: ['余姚', '宁波', '慈溪', '海曙区']"
    )


def test_extract_figures_of_a_region_not_in_the_corpus() -> None:
    with pytest.raises(ParameterError) as err:
        na.extract_figures(na.load_corpus(), region="杭州")
    assert one_line(err) == "unknown region '杭州'; regions in the corpus: 余姚, 宁波, 慈溪, 海曙区"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"report_year": "x"}, "extract_figures: report_year must be a year such as 2021, not 'x'"),
        (
            {"report_year": 2021.0},
            "extract_figures: report_year must be a year such as 2021, not 2021.0",
        ),
        ({"report_year": 20210}, "extract_figures: report_year 20210 is not a plausible year"),
        ({"region": 5}, "extract_figures: region must be a place name (text), not 5"),
    ],
)
def test_extract_figures_argument_types(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError) as err:
        na.extract_figures("2020年全市地区生产总值达到12408.7亿元。", **kwargs)
    assert one_line(err) == message


@pytest.mark.parametrize(
    ("region", "year", "message"),
    [
        ("杭州", None, "no work report for region '杭州'; work reports in the corpus: "
         "余姚 (2021), 宁波 (2021, 2023)"),
        ("宁波", 1999, "no work report for region '宁波' in 1999; work reports in the corpus: "
         "余姚 (2021), 宁波 (2021, 2023)"),
    ],
)  # fmt: skip
def test_work_report_not_there_names_those_that_are(region, year, message) -> None:
    with pytest.raises(NotFoundError) as err:
        cp.work_report(na.load_corpus(), region, year)
    assert one_line(err) == message


def test_a_folder_of_nothing_but_readmes_is_an_error_not_an_empty_corpus(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    with pytest.raises(SeedError) as err:
        na.load_corpus(tmp_path)
    assert one_line(err) == (
        f"documents folder has no documents (.txt, .md, .html, .htm, .docx, .pdf): {tmp_path}"
    )


# ----------------------------------------------------------------------------- undated documents


def test_an_undated_document_loads_without_a_year(tmp_path: Path) -> None:
    (tmp_path / "001_news.txt").write_text(NEWS, encoding="utf-8")
    row = na.load_corpus(tmp_path).iloc[0]
    assert row["date"] is pd.NA and row["year"] is pd.NA and row["reference_year"] is pd.NA


def test_a_dated_document_gives_its_months_a_year(tmp_path: Path) -> None:
    (tmp_path / "001_news.txt").write_text("---\ndate: 2021-11-02\n---\n" + NEWS, "utf-8")
    (tmp_path / "002_news.txt").write_text(NEWS.replace("2021年1-10月", "1-10月"), "utf-8")
    figs = na.extract_figures(na.load_corpus(tmp_path))
    assert figs[["doc_id", "period", "value"]].values.tolist()[0] == ["001-01", "2021-01~10", 12.5]


def test_a_folder_without_manifest_gives_no_none_periods(tmp_path: Path) -> None:
    (tmp_path / "001_news.txt").write_text(
        "宁波新闻\n1-10月，全市规上工业增加值增长12.5%。\n", "utf-8"
    )
    figs = na.extract_figures(na.load_corpus(tmp_path))
    assert figs["value"].tolist() == [12.5]
    assert figs["period"].tolist() == [pd.NA]  # no year known: no period, never "None-01~10"


# ----------------------------------------------------------------------------- missing columns


@pytest.fixture(scope="module")
def tables(figures) -> dict[str, object]:
    corpus = na.load_corpus()
    sents = text.section_sentences(corpus)
    own = sents[sents["region"] == "宁波"]
    comp = text.comparison_sentences(sents, "review_vs_targets", "宁波")
    return {
        "corpus": corpus,
        "article": cp.get_article(corpus, "002-01"),
        "inventory": ov.inventory(corpus),
        "figures": figures,
        "ningbo": figures[figures["region"] == "宁波"],
        "scorecard": na.plan_scorecard(figures, "宁波"),
        "comparison": cmp.compare_plans(figures, "宁波"),
        "own": own,
        "by_doc": text.themes(own, by=["doc_id", "title"]),
        "dist": text.distinctive_terms(comp.a, comp.b, prior=sents),
    }


# (function, table it is given, how it is called, a column it needs, the exact message)
MISSING = [
    ("corpus.regions", "corpus", lambda d, t: cp.regions(d), "region",
     "corpus.regions: corpus lacks column(s) region (use load_corpus())"),
    ("corpus.get_article", "corpus", lambda d, t: cp.get_article(d, "002-01"), "doc_id", None),
    ("corpus.work_report", "corpus", lambda d, t: cp.work_report(d, "宁波"), "kind", None),
    ("raw_span", "article", lambda d, t: na.raw_span(d, 0, 3), "offset_map",
     "corpus.raw_span: article lacks column(s) offset_map (use a row of load_corpus())"),
    ("compare_plans", "figures", lambda d, t: na.compare_plans(d, "宁波"), "period",
     "figures table lacks column(s) ['period'] (see docs/conventions.md)"),
    ("plan_scorecard", "figures", lambda d, t: na.plan_scorecard(d, "宁波"), "value", None),
    ("extract_figures", "corpus", lambda d, t: na.extract_figures(d), "text", None),
    ("overview.inventory", "corpus", lambda d, t: ov.inventory(d), "seed_file", None),
    ("overview.region_summary", "inventory", lambda d, t: ov.region_summary(d), "kind_zh", None),
    ("overview.report_outline", "article", lambda d, t: ov.report_outline(d), "text", None),
    ("overview.lengths_chart", "inventory", lambda d, t: ov.lengths_chart(d), "chars", None),
    ("overview.region_holdings", "corpus", lambda d, t: ov.region_holdings(d, "宁波"), "date",
     None),
    ("overview.corpus_summary", "inventory",
     lambda d, t: ov.corpus_summary(t["corpus"], d, "宁波"), "qa_pairs", None),
    ("overview.headline_figures", "ningbo", lambda d, t: ov.headline_figures(d), "concept", None),
    ("overview.figures_summary", "ningbo",
     lambda d, t: ov.figures_summary(d, t["corpus"], "宁波"), "section_path", None),
    ("overview.theme_table", "by_doc", lambda d, t: ov.theme_table(d), "label_zh", None),
    ("overview.distinctive_table", "dist", lambda d, t: ov.distinctive_table(d, 3, "a", "b"), "z",
     None),
    ("overview.text_summary", "by_doc",
     lambda d, t: ov.text_summary(t["own"], t["own"], d, None, None, "宁波"), "n_theme", None),
    ("scorecard_view.headline_frame", "scorecard", lambda d, t: view.headline_frame(d), "verdict",
     "scorecard_view.headline_frame: sc lacks column(s) verdict (use plan_scorecard())"),
    ("scorecard_view.detail_frame", "scorecard", lambda d, t: view.detail_frame(d),
     "target_source", None),
    ("scorecard_view.summary_html", "figures",
     lambda d, t: view.summary_html(t["scorecard"], "宁波", "十四五", d), "kind", None),
    ("scorecard.verdict_counts", "scorecard", lambda d, t: scm.verdict_counts(d), "verdict", None),
    ("plots.count_chart", "ningbo", lambda d, t: plots.count_chart(d), "measure", None),
    ("compare.display_table", "comparison", lambda d, t: record_view.display_table(d), "status",
     "not a compare_plans table: lacks column(s) status"),
    ("compare.plot_trajectories", "comparison", lambda d, t: record_view.plot_trajectories(d),
     "target_2025",
     "not a compare_plans table: lacks column(s) target_<year> (base_/actual_/target_<year>)"),
    ("compare.plot_growth_comparison", "comparison", lambda d, t: record_view.plot_growth_comparison(d),
     "theme", None),
    ("text.section_sentences", "corpus", lambda d, t: text.section_sentences(d), "year", None),
]  # fmt: skip


@pytest.mark.parametrize(("name", "table", "call", "column", "message"), MISSING,
                         ids=[m[0] for m in MISSING])  # fmt: skip
def test_a_table_without_a_needed_column_is_named_not_a_keyerror(
    tables, name, table, call, column, message
) -> None:
    frame = tables[table]
    dropped = frame.drop(column) if isinstance(frame, pd.Series) else frame.drop(columns=[column])
    with pytest.raises(ParameterError) as err:
        call(dropped, tables)
    assert re.sub(r"_\d{4}$", "_<year>", column) in one_line(err)
    if message is not None:
        assert str(err.value) == message
    plt.close("all")


WRONG_TYPES = [
    (lambda c: na.raw_span(c.iloc[0], "a", 3), "corpus.raw_span: start must be an integer, got str 'a'"),
    (lambda c: na.raw_span(None, 0, 3),
     "corpus.raw_span: article must be a row (pandas Series or dict), got NoneType"),
    (lambda c: cp.work_report(c, "宁波", year="2021"),
     "corpus.work_report: year must be an integer, got str '2021'"),
    (lambda c: cp.work_report(c, None), "corpus.work_report: region must be a place name, got None"),
    (lambda c: nd.html_table(c, 5), "html_table: table_id 5 must be letters, digits, _ or -"),
    (lambda c: nd.html_table(c, "t", page_size="20"),
     "display.html_table: page_size must be an integer, got str '20'"),
    (lambda c: nd.html_table(c.to_dict("records"), "t"),
     "display.html_table: df must be a pandas DataFrame, got list"),
    (lambda c: nd.display_frame(c.to_dict("records")),
     "display.display_frame: df must be a pandas DataFrame, got list"),
    (lambda c: ov.report_outline(c.iloc[0], max_level="2"),
     "overview.report_outline: max_level must be an integer, got str '2'"),
    (lambda c: ov.report_outline(c.iloc[0], max_level=0),
     "overview.report_outline: max_level must be at least 1, got 0"),
    (lambda c: ov.inventory(c.to_dict("records")),
     "corpus must be a pandas DataFrame, got list; use na.load_corpus()"),
    (lambda c: ov.lengths_chart(ov.inventory(c), title_width=None),
     "overview.lengths_chart: title_width must be an integer, got NoneType None"),
    (lambda c: ov.write_csv(c, 5, "x.csv"), "output_dir must be a folder path (str or Path), got int"),
    (lambda c: text.section_sentences(5),
     "text.section_sentences: corpus must be a pandas DataFrame, got int"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "message"), WRONG_TYPES)
def test_arguments_of_the_wrong_type_are_named(call, message) -> None:
    corpus = na.load_corpus()
    with pytest.raises(ParameterError) as err:
        call(corpus)
    assert one_line(err) == message


def test_numpy_integers_are_integers() -> None:
    import numpy as np

    article = na.load_corpus().iloc[2]
    assert na.raw_span(article, np.int64(3), np.int32(7)) == na.raw_span(article, 3, 7)


def test_a_table_that_is_no_table() -> None:
    with pytest.raises(ParameterError) as err:
        view.headline_frame([{"indicator": "地区生产总值"}])
    assert one_line(err) == "scorecard_view.headline_frame: sc must be a pandas DataFrame, got list"
    with pytest.raises(ParameterError) as err:
        record_view.display_table("宁波")
    assert one_line(err) == "not a compare_plans table: expected a pandas DataFrame, got str"


# ----------------------------------------------------------------------------- escaping


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> pd.DataFrame:
    """A corpus whose title, headings, sentences and doc_id carry HTML and Markdown."""
    folder = tmp_path_factory.mktemp("hostile")
    body = REPORT.replace("工作回顾", "工作回顾<script>alert(2)</script>").replace(
        "3.3%。", "3.3%<img src=y onerror=alert(3)>。"
    )
    (folder / "2021_hostile.md").write_text(
        f"---\ntitle: {HOSTILE}\ndate: 2021-01-20\nregion: 宁波\nkind: work_report\n---\n" + body,
        encoding="utf-8",
    )
    (folder / "x`<img src=z onerror=alert(4)>`.txt").write_text(
        "---\ndate: 2021-03-01\nregion: 宁波\n---\n宁波新闻<i>斜</i>\n全市出口增长5%。\n", "utf-8"
    )
    return na.load_corpus(folder)


def _live_tags(html_text: str) -> list[str]:
    return re.findall(r"<(?:img|script|b|i)\b[^>]*>", html_text)


def _markdown_html(markdown_text: str) -> str:
    """What the report shows for a Markdown output (nbconvert renders it with mistune)."""
    return mistune.html(markdown_text)


def test_markdown_summaries_show_document_text_as_text(hostile: pd.DataFrame) -> None:
    inventory = ov.inventory(hostile)
    figs = na.extract_figures(hostile)
    summaries = {
        "corpus_summary": ov.corpus_summary(hostile, inventory, "宁波"),
        "region_holdings": ov.region_holdings(hostile, "宁波"),
        "figures_summary": ov.figures_summary(figs, hostile, "宁波"),
    }
    for name, markdown_text in summaries.items():
        shown = _markdown_html(markdown_text)
        assert _live_tags(shown) == [], (name, shown)
    holdings = _markdown_html(summaries["region_holdings"])
    assert "「标题&lt;img src=x onerror=alert(1)&gt;」" in holdings
    assert (
        "x`&lt;img src=z onerror=alert(4)&gt;`-01。" in holdings
    )  # a backtick in a doc_id: no code span
    assert "标题&lt;img src=x onerror=alert(1)&gt;" in _markdown_html(summaries["corpus_summary"])


def test_html_tables_show_document_text_as_text(hostile: pd.DataFrame) -> None:
    inventory = ov.inventory(hostile)
    article = ov.region_work_report(hostile, "宁波")
    figs = na.extract_figures(hostile)
    pages = {
        "inventory": nd.html_table(nd.display_frame(inventory), "inventory"),
        "outline": nd.html_table(nd.display_frame(ov.report_outline(article)), "outline"),
        "figures": nd.html_table(nd.display_frame(figs), "figures"),
    }
    for name, page in pages.items():
        assert _live_tags(str(page)) == [], name
    assert "<td>标题&lt;img src=x onerror=alert(1)&gt;</td>" in str(pages["inventory"])
    assert "工作回顾&lt;script&gt;alert(2)&lt;/script&gt;" in str(pages["outline"])
    assert "3.3%&lt;img src=y onerror=alert(3)&gt;" in str(pages["figures"])


def test_scorecard_summary_escapes_the_region(figures: pd.DataFrame) -> None:
    renamed = figures.assign(region=figures["region"].replace("宁波", "宁波<b>x</b>"))
    sc = na.plan_scorecard(figures, "宁波")
    page = str(view.summary_html(sc, "宁波<b>x</b>", "十四五", renamed))
    assert "宁波&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page


@pytest.mark.filterwarnings("ignore:Glyph:UserWarning")  # no CJK font set: not the point
def test_a_dollar_in_a_title_is_drawn_as_typed(tmp_path: Path) -> None:
    (tmp_path / "001_d.md").write_text(
        "---\ntitle: 价格$\\frac{1$与$x^2$\n---\n宁波新闻\n增长3%。\n", encoding="utf-8"
    )
    inventory = ov.inventory(na.load_corpus(tmp_path))
    fig = ov.lengths_chart(inventory)
    fig.savefig(io.BytesIO(), format="png")  # mathtext would fail to parse \frac{1$
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["001-01 价格$\\frac{1$与$x^…"]
    assert all(not t.get_parse_math() for t in fig.axes[0].get_yticklabels())
    plt.close("all")


def test_report_01_shows_a_hostile_file_name_and_date_as_text(tmp_path: Path) -> None:
    # the doc_id comes from the file name: a backtick in it would end a Markdown code span
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a`<img src=x onerror=alert(1)>`.txt").write_text(
        "---\ntitle: 清河市政府工作报告<b>x</b>\ndate: 2021-02-01\nregion: 清河\n"
        "kind: work_report\n---\n各位代表：\n一、2020年工作回顾\n全市地区生产总值增长3%。\n",
        encoding="utf-8",
    )
    report = na.load_corpus(docs).iloc[0]
    line = ov.report_line(report)
    assert _live_tags(_markdown_html(line)) == []
    assert "a\\`&lt;img src=x onerror=alert\\(1\\)&gt;\\`" in line
    from ningbo_analysis.run import cli

    out = tmp_path / "out"
    nb = str(Path(__file__).resolve().parents[2] / "notebooks" / "01_corpus_overview.ipynb")
    argv = ["report", "--region", "清河", "--docs", str(docs), "--notebooks", nb, "--out", str(out)]
    assert cli.main(argv) == 0
    page = (out / "清河" / "01_corpus_overview.html").read_text(encoding="utf-8")
    body = page.split("<body", 1)[1]
    # the page's own images are charts (data: URLs); the file name's tag is text
    assert [t for t in _live_tags(body) if 'src="data:image/png' not in t] == []
    assert "onerror=" not in body.replace("onerror=alert(1)&gt;", "")
    assert "清河市政府工作报告&lt;b&gt;x&lt;/b&gt;" in body
