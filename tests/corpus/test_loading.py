"""Corpus stage: article metadata, offsets back to the raw bytes, cleaning, bad input."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ningbo_analysis.corpus.cleaning import clean_text, is_furniture_line, raw_span
from ningbo_analysis.corpus.load import (
    get_article,
    load_corpus,
    regions,
    split_articles,
    work_report,
)
from ningbo_analysis.corpus.metadata import delivery_date, find_regions, infer_kind, infer_region
from ningbo_analysis.corpus.structure import sentences
from ningbo_analysis.errors import SeedError

SEED_FILES = [
    "000_77daa02e0ee55e9d.txt",
    "001_9e33a95d76264634.txt",
    "002_5b94d7c343378b5a.txt",
    "003_f7ed5bf6a81e5e31.txt",
    "004_ad4e1f620afa6d52.txt",
]
AGGREGATOR = "002_5b94d7c343378b5a.txt"

# Read off the seed files by hand: doc_id, title, date, year, region, kind.
EXPECTED_ARTICLES = [
    ("000-01", "市委新闻发布会问答摘要", "2020-12-31", 2020, "宁波", "press_qa"),
    ("001-01", "宁波在“两个先行”新征程上担当示范(访谈问答)", "2022", 2022, "宁波", "interview"),
    ("002-01", "宁波市政府工作报告", "2021-02-21", 2021, "宁波", "work_report"),
    ("002-02", "2021年余姚市政府工作报告", "2021-01-20", 2021, "余姚", "work_report"),
    ("002-03", "宁波市属国企投资突破七百亿助推高质量发展", "2025-07-07", 2025, "宁波", "news"),
    ("002-04", "宁波外贸高开稳走铸就万亿之城显韧性", "2025-07-07", 2025, "宁波", "news"),
    ("002-05", "宁波天使引导基金赋能287家科技初创企业创新发展", "2025-07-07", 2025, "宁波", "news"),
    ("002-06", "宁波设立科技型服务站助企升级纾困解难", "2025-07-07", 2025, "慈溪", "news"),
    ("002-07", "宁波经济增长创历史新高 招商引资助力产业升级", "2025-07-07", 2025, "宁波", "news"),
    (
        "002-08",
        "海曙区:硬科技赋能产业升级 驱动经济高质量发展",
        "2025-07-04",
        2025,
        "海曙区",
        "news",
    ),
    ("002-09", "慈溪人才链耦合产业链赋能高质量发展", "2025-07-02", 2025, "慈溪", "news"),
    ("002-10", "宁波全面攻坚产业基础高级化与产业链现代化", "2025-07-02", 2025, "宁波", "news"),
    ("003-01", "宁波市政府工作报告(2023年工作安排片段)", "2023", 2023, "宁波", "work_report"),
    (
        "004-01",
        "市委经济工作会议解读:建设全球先进制造业基地、服务构建新发展格局",
        "2020-12",
        2020,
        "宁波",
        "conference",
    ),
]

# Continuation markers between newspaper pages, defined here independently of furniture.csv.
CONTINUATION = re.compile(r"[（(【\[]\s*(?:上接|下转|紧接|转|接)第\s*\d+\s*版\s*[】\]）)]")
_SPACES = re.compile(r"[\s\xa0\u3000]+")


def _squash(text: str) -> str:
    """Text without any whitespace (cleaning may join or re-space lines)."""
    return _SPACES.sub("", text)


# ----------------------------------------------------------------------------- the manifest


def test_manifest_lists_the_five_seeds_with_their_checksums(seeds_dir: Path) -> None:
    manifest = pd.read_csv(seeds_dir / "manifest.csv", dtype=str, keep_default_na=False)
    assert list(manifest["file"]) == SEED_FILES
    for row in manifest.itertuples(index=False):
        digest = hashlib.sha256((seeds_dir / row.file).read_bytes()).hexdigest()
        assert row.sha256 == digest, row.file
        assert row.title and row.date and row.regions and row.kind and row.description
    assert manifest.set_index("file").loc[AGGREGATOR, "regions"] == "宁波;余姚;海曙区;慈溪"


def test_seeds_are_byte_identical_to_the_shared_originals(seeds_dir: Path) -> None:
    shared = seeds_dir.resolve().parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip(f"no shared seeds folder at {shared}")
    for name in SEED_FILES:
        assert (seeds_dir / name).read_bytes() == (shared / name).read_bytes(), name


# ----------------------------------------------------------------------------- articles


def test_fourteen_articles_with_titles_dates_regions_and_kinds(corpus: pd.DataFrame) -> None:
    got = list(
        corpus[["doc_id", "title", "date", "year", "region", "kind"]].itertuples(
            index=False, name=None
        )
    )
    assert [tuple(int(v) if k == 3 else v for k, v in enumerate(row)) for row in got] == (
        EXPECTED_ARTICLES
    )


def test_corpus_columns_follow_the_conventions(corpus: pd.DataFrame) -> None:
    for column in ["doc_id", "seed_file", "title", "date", "year", "region", "kind", "text"]:
        assert column in corpus.columns
    assert list(corpus.columns[-7:]) == [
        "start", "end", "offset_map", "url", "encoding", "meta", "meta_source"
    ]  # fmt: skip
    assert str(corpus["year"].dtype) == "Int64"
    assert corpus["doc_id"].is_unique
    assert corpus.index.tolist() == list(range(14))


def test_aggregator_splits_into_ten_articles(corpus: pd.DataFrame) -> None:
    listing = corpus.loc[corpus["seed_file"] == AGGREGATOR]
    assert len(listing) == 10
    counts = listing["kind"].value_counts()  # a category: every kind of the vocabulary
    assert counts[counts > 0].to_dict() == {"news": 8, "work_report": 2}
    assert set(listing["region"]) == {"宁波", "余姚", "海曙区", "慈溪"}
    assert regions(corpus) == ["余姚", "宁波", "慈溪", "海曙区"]


def test_each_split_article_starts_after_its_own_title_line(
    corpus: pd.DataFrame, raw_texts: dict[str, str]
) -> None:
    raw = raw_texts[AGGREGATOR]
    listing = corpus.loc[corpus["seed_file"] == AGGREGATOR]
    previous_end = 0
    for art in listing.itertuples(index=False):
        assert previous_end <= art.start < art.end <= len(raw)
        title_line = raw[: art.start].rstrip("\n").rsplit("\n", 1)[-1]
        assert title_line.strip().endswith(art.title), art.doc_id
        assert art.title not in art.text[:200], art.doc_id
        posted = raw[art.end :].lstrip().split("\n", 1)[0].strip()
        assert re.fullmatch(r"2025-07-0[2-8]", posted), art.doc_id
        if art.kind == "news":
            assert art.date == posted, art.doc_id
        previous_end = art.end


def test_work_reports_are_dated_by_their_delivery(corpus: pd.DataFrame) -> None:
    ningbo = work_report(corpus, "宁波", 2021)
    assert ningbo["date"] == "2021-02-21"
    assert ningbo["text"].startswith("2021年2月21日在宁波市第十五届人民代表大会第六次会议上")
    assert int(ningbo["reference_year"]) == 2021
    yuyao = work_report(corpus, "余姚")
    assert yuyao["doc_id"] == "002-02" and yuyao["date"] == "2021-01-20"
    assert work_report(corpus, "宁波", 2023)["doc_id"] == "003-01"
    assert work_report(corpus, "宁波")["doc_id"] == "002-01"  # the earliest by default
    with pytest.raises(KeyError, match="慈溪"):
        work_report(corpus, "慈溪")


def test_reference_year_comes_from_the_manifest_for_single_files(corpus: pd.DataFrame) -> None:
    # The economic-work-conference article of December 2020 talks about 2021 as 今年.
    conference = get_article(corpus, "004-01")
    assert conference["year"] == 2020 and conference["reference_year"] == 2021
    assert get_article(corpus, "000-01")["reference_year"] == 2020
    with pytest.raises(KeyError, match="999-01"):
        get_article(corpus, "999-01")


def test_known_body_text_lands_in_the_right_article(corpus: pd.DataFrame) -> None:
    assert "全市地区生产总值达到12408.7亿元,比上年增长3.3%" in get_article(corpus, "002-01").text
    assert "宁波慈溪市启动科技型中小企业服务站建设" in get_article(corpus, "002-06").text
    assert get_article(corpus, "002-02").text.startswith(
        "2021年1月20日在余姚市第十七届人民代表大会"
    )
    press = get_article(corpus, "000-01").text
    assert press.startswith(
        "市委新闻发布会问答摘要\n问:宁波下一步将如何打造“全国文明城市典范城市”?"
    )
    assert press.endswith("打造离岸在岸融合、国内国际双循环互促的新型贸易格局。")


def test_loading_is_deterministic(seeds_dir: Path, corpus: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(load_corpus(seeds_dir), corpus)


def test_default_folder_is_the_repository_seeds(
    monkeypatch: pytest.MonkeyPatch, corpus: pd.DataFrame, tmp_seeds: Path
) -> None:
    monkeypatch.delenv("NINGBO_SEEDS", raising=False)
    assert load_corpus()["doc_id"].tolist() == corpus["doc_id"].tolist()
    with pytest.warns(DeprecationWarning, match="seeds=True"):
        assert load_corpus("")["title"].tolist() == corpus["title"].tolist()
    (tmp_seeds / "manifest.csv").unlink()
    (tmp_seeds / AGGREGATOR).unlink()
    monkeypatch.setenv("NINGBO_SEEDS", str(tmp_seeds))
    assert load_corpus()["doc_id"].tolist() == ["000-01", "001-01", "003-01", "004-01"]


# ----------------------------------------------------------------------------- offsets


def test_offset_map_segments_copy_the_raw_file(
    corpus: pd.DataFrame, raw_texts: dict[str, str]
) -> None:
    for art in corpus.itertuples(index=False):
        raw = raw_texts[art.seed_file]
        covered = [False] * len(art.text)
        for clean_start, raw_start, length in art.offset_map:
            assert art.start <= raw_start and raw_start + length <= art.end, art.doc_id
            raw_piece = raw[raw_start : raw_start + length].replace("\xa0", " ")
            assert raw_piece == art.text[clean_start : clean_start + length], art.doc_id
            covered[clean_start : clean_start + length] = [True] * length
        gaps = {ch for ch, ok in zip(art.text, covered, strict=True) if not ok}
        assert gaps <= {"\n"}, (art.doc_id, gaps)


def test_whole_article_maps_back_inside_its_raw_span(
    corpus: pd.DataFrame, raw_texts: dict[str, str]
) -> None:
    for _, art in corpus.iterrows():
        raw = raw_texts[art.seed_file]
        start, end = raw_span(art, 0, len(art.text))
        assert art.start <= start < end <= art.end, art.doc_id
        assert start == art.offset_map[0][1] and raw[start] == art.text[0], art.doc_id
        assert end == sum(art.offset_map[-1][1:]) and raw[end - 1] == art.text[-1], art.doc_id


def test_every_sentence_round_trips_to_the_raw_bytes(corpus: pd.DataFrame, seeds_dir: Path) -> None:
    raw_files = {name: (seeds_dir / name).read_bytes().decode("utf-8") for name in SEED_FILES}
    checked = 0
    for _, art in corpus.iterrows():
        for sent in sentences(art.text).itertuples(index=False):
            start, end = raw_span(art, sent.start, sent.end)
            raw = raw_files[art.seed_file][start:end]
            assert raw.replace("\xa0", " ") == sent.sentence, (art.doc_id, sent.sentence)
            checked += 1
    assert checked > 1000


def test_raw_span_of_a_known_figure(ningbo_2021: pd.Series, raw_texts: dict[str, str]) -> None:
    raw = raw_texts[AGGREGATOR]
    pos = ningbo_2021.text.index("12408.7亿元")
    start, end = raw_span(ningbo_2021, pos, pos + len("12408.7亿元"))
    assert raw[start:end] == "12408.7亿元"
    assert raw.index("12408.7亿元") == start
    assert raw_span(ningbo_2021, pos, pos) == (start, start)


def test_raw_span_across_a_removed_page_marker(
    yuyao_2021: pd.Series, raw_texts: dict[str, str]
) -> None:
    # Raw: "…模范县市。(下转第2版)(上接第1版) (五)民生福祉在补短中持续增进。" — markers cut out.
    raw = raw_texts[AGGREGATOR]
    text = yuyao_2021.text
    pos = text.index("模范县市。(五)民生福祉")
    start, end = raw_span(yuyao_2021, pos, pos + len("模范县市。(五)"))
    assert raw[start:end] == "模范县市。(下转第2版)(上接第1版) (五)"
    heading = text.index("(五)民生福祉在补短中持续增进")
    start, end = raw_span(yuyao_2021, heading, heading + 15)
    assert raw[start:end] == "(五)民生福祉在补短中持续增进"


# ----------------------------------------------------------------------------- cleaning


FURNITURE = [
    "上一版",
    "下一版",
    "上一篇",
    "下一篇",
    "放大 缩小 默认",
    "标题导航",
    "第A2版",
    "dlrb",
    "星期四",
    "上接第",
    "下转第",
    "毛永淮 摄",
    "有想补充的信息",
    "联系我们",
    "企业入驻",
    "(记者 张昊 整理)",
    "\xa0",
]


def test_page_furniture_is_removed(corpus: pd.DataFrame) -> None:
    for art in corpus.itertuples(index=False):
        for junk in FURNITURE:
            assert junk not in art.text, (art.doc_id, junk)
        lines = art.text.split("\n")
        assert "宁波日报" not in lines, art.doc_id
        assert all(line == line.strip() and line for line in lines), art.doc_id
        assert not any(re.fullmatch(r"[<>|｜]\s*\d*|\d+\.\s*>", line) for line in lines), art.doc_id


def test_every_continuation_marker_is_removed(corpus: pd.DataFrame) -> None:
    for art in corpus.itertuples(index=False):
        assert not CONTINUATION.search(art.text), (art.doc_id, CONTINUATION.search(art.text))


def test_furniture_occurs_in_the_raw_files(raw_texts: dict[str, str]) -> None:
    """The cleaning tests above are not vacuous: the raw files do carry that furniture."""
    everything = "".join(raw_texts.values())
    for junk in ["上一版", "下一篇 4 放大 缩小 默认", "标题导航", "宁波港 毛永淮 摄", "\xa0"]:
        assert junk in everything, junk
    assert len(CONTINUATION.findall(everything)) == 5
    assert "\n宁波日报" in raw_texts["000_77daa02e0ee55e9d.txt"]


def test_no_body_sentence_is_dropped(corpus: pd.DataFrame, raw_texts: dict[str, str]) -> None:
    """Every raw line longer than 30 characters with a 。 survives, continuation markers aside."""
    squashed = "\n".join(_squash(CONTINUATION.sub("", text)) for text in corpus["text"])
    checked = 0
    for name, raw in raw_texts.items():
        for line in raw.split("\n"):
            body = line.strip(" \t\r\xa0\u3000")
            if len(body) > 30 and "。" in body:
                assert _squash(CONTINUATION.sub("", body)) in squashed, (name, body[:60])
                checked += 1
    assert checked >= 70


def test_every_raw_body_character_is_mapped(
    corpus: pd.DataFrame, raw_texts: dict[str, str]
) -> None:
    """Through the offset maps: every non-space character of body lines is copied to some text."""
    covered = {name: [False] * len(raw) for name, raw in raw_texts.items()}
    for art in corpus.itertuples(index=False):
        for _, raw_start, length in art.offset_map:
            covered[art.seed_file][raw_start : raw_start + length] = [True] * length
    for name, raw in raw_texts.items():
        pos = 0
        for line in raw.split("\n"):
            body = line.strip(" \t\r\xa0\u3000")
            if len(body) > 30 and "。" in body:
                markers = [m.span() for m in CONTINUATION.finditer(line)]
                for i, ch in enumerate(line):
                    if ch.isspace() or any(s <= i < e for s, e in markers):
                        continue
                    assert covered[name][pos + i], (name, line[max(0, i - 10) : i + 10])
            pos += len(line) + 1


def test_clean_text_on_a_small_page() -> None:
    raw = (
        "第A2版:要闻 上一版3  4下一版\n标题导航\n\n 正文第一句。\xa0第二句。(下转第2版)\n宁波日报\n"
    )
    text, offset_map = clean_text(raw)
    assert text == "正文第一句。 第二句。"
    for clean_start, raw_start, length in offset_map:
        chunk = raw[raw_start : raw_start + length].replace("\xa0", " ")
        assert chunk == text[clean_start : clean_start + length]
    assert clean_text(raw, raw.index("第二句"), raw.index("(下转"))[0] == "第二句。"


def test_is_furniture_line() -> None:
    assert is_furniture_line("下一篇 4 放大 缩小 默认")
    assert is_furniture_line("  宁波港 毛永淮 摄 ")
    assert is_furniture_line("2020年12月31日 星期四  ")
    assert not is_furniture_line("全市地区生产总值达到12408.7亿元,比上年增长3.3%。")
    assert not is_furniture_line("宁波日报记者从市统计局获悉,全市经济持续向好。")


_BODY = st.text(alphabet="宁波增长亿元。；,12 \xa0\u3000", min_size=1, max_size=30)
_FURNITURE_LINES = st.sampled_from(
    ["上一版", "下一篇 4 放大 缩小 默认", "宁波日报", "标题导航", ""]
)
_LINE = st.one_of(_BODY, _FURNITURE_LINES, _BODY.map(lambda s: s + "(下转第2版)"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_clean_text_offset_map_property(lines: list[str]) -> None:
    raw = "\n".join(lines)
    text, offset_map = clean_text(raw)
    covered = [False] * len(text)
    last_raw = -1
    for clean_start, raw_start, length in offset_map:
        assert length > 0 and raw_start > last_raw
        chunk = raw[raw_start : raw_start + length].replace("\xa0", " ")
        assert chunk == text[clean_start : clean_start + length]
        covered[clean_start : clean_start + length] = [True] * length
        last_raw = raw_start + length - 1
    assert all(ok or ch == "\n" for ch, ok in zip(text, covered, strict=True))
    assert "\xa0" not in text and "下转第" not in text
    assert text == text.strip(" \n\u3000")


# ----------------------------------------------------------------------------- inference rules


def test_find_and_infer_region() -> None:
    assert find_regions("宁波慈溪市启动科技型中小企业服务站建设") == ["宁波", "慈溪"]
    assert find_regions("海曙区和余姚市") == ["海曙区", "余姚"]
    assert find_regions("没有地名") == []
    body = "宁波慈溪市启动科技型中小企业服务站建设,通过整合优质中介资源。"
    assert infer_region("宁波设立科技型服务站助企升级纾困解难", body) == "慈溪"
    assert infer_region("海曙区:硬科技赋能产业升级", "宁波海曙区围绕硬科技发展战略。") == "海曙区"
    assert infer_region("产业链现代化", "作为全国先进制造业基地,宁波于近年发布。") == "宁波"
    assert infer_region("产业链现代化", "没有地名。", channel="余姚市招商") == "余姚"
    assert infer_region("产业链现代化", "没有地名。", default="宁波") == "宁波"


def test_infer_kind_and_delivery_date() -> None:
    assert infer_kind("2021年余姚市政府工作报告") == "work_report"
    assert infer_kind("市委新闻发布会问答摘要") == "press_qa"
    assert infer_kind("市委经济工作会议解读:建设全球先进制造业基地") == "conference"
    assert infer_kind("宁波外贸高开稳走铸就万亿之城显韧性") == "news"
    assert delivery_date("2021年2月21日在宁波市第十五届人民代表大会第六次会议上 市长") == (
        "2021-02-21"
    )
    assert delivery_date("2021年1月20日在余姚市第十七届人民代表大会第五次会议上各位代表") == (
        "2021-01-20"
    )
    assert delivery_date("2021年全市地区生产总值增长8%。") == ""


def test_split_articles_of_a_listing_and_of_a_plain_file() -> None:
    raw = "-\n【余姚市招商】余姚新闻一\n正文一。\n2024-03-05\n-\n慈溪新闻二\n正文二。\n2024-03-04\n"
    spans = split_articles(raw)
    assert [(s.title, s.channel, s.posted) for s in spans] == [
        ("余姚新闻一", "余姚市招商", "2024-03-05"),
        ("慈溪新闻二", "", "2024-03-04"),
    ]
    assert [raw[s.start : s.end] for s in spans] == ["正文一。", "正文二。"]
    single = split_articles("标题\n正文。\n2024-03-05\n")
    assert len(single) == 1 and (single[0].start, single[0].end) == (0, 18)


# ----------------------------------------------------------------------------- other inputs


def test_plain_txt_folder_without_manifest_loads(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    for name in ["000_77daa02e0ee55e9d.txt", AGGREGATOR]:
        (folder / name).write_bytes((seeds_dir / name).read_bytes())
    (folder / "010_yuyao.txt").write_text(
        "余姚市召开经济工作会议\n2024年余姚市地区生产总值增长6.1%。\n", encoding="utf-8"
    )
    loaded = load_corpus(folder)
    assert len(loaded) == 12
    assert loaded["doc_id"].tolist()[-1] == "010-01"
    press = get_article(loaded, "000-01")
    assert (press["title"], press["region"], press["kind"]) == (
        "市委新闻发布会问答摘要",
        "宁波",
        "press_qa",
    )
    listing = loaded.loc[loaded["seed_file"] == AGGREGATOR]
    expected = [row for row in EXPECTED_ARTICLES if row[0].startswith("002-")]
    got = listing[["doc_id", "title", "date", "region", "kind"]].itertuples(index=False, name=None)
    assert list(got) == [(d, t, date, r, k) for d, t, date, _, r, k in expected]
    new = get_article(loaded, "010-01")
    assert (new["title"], new["region"], new["kind"]) == (
        "余姚市召开经济工作会议",
        "余姚",
        "conference",
    )
    assert new["text"].endswith("增长6.1%。")


def test_crlf_copy_gives_the_same_articles(tmp_path: Path, corpus: pd.DataFrame) -> None:
    raw = (Path(__file__).resolve().parents[2] / "seeds" / AGGREGATOR).read_text("utf-8")
    (tmp_path / AGGREGATOR).write_bytes(raw.replace("\n", "\r\n").encode("utf-8"))
    loaded = load_corpus(tmp_path)
    original = corpus.loc[corpus["seed_file"] == AGGREGATOR]
    assert loaded["title"].tolist() == original["title"].tolist()
    assert loaded["text"].tolist() == original["text"].tolist()
    with open(tmp_path / AGGREGATOR, encoding="utf-8", newline="") as handle:
        crlf = handle.read()
    art = loaded.iloc[1]
    pos = art["text"].index("(五)民生福祉")
    start, end = raw_span(art, pos, pos + len("(五)民生福祉"))
    assert crlf[start:end] == "(五)民生福祉"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "001_bom.txt").write_bytes("\ufeff余姚新闻\n全市经济增长6%。\n".encode())
    loaded = load_corpus(tmp_path)
    assert loaded.loc[0, "title"] == "余姚新闻"
    assert not loaded.loc[0, "text"].startswith("\ufeff")


def test_unchecked_load_of_an_edited_copy(tmp_seeds: Path) -> None:
    path = tmp_seeds / "004_ad4e1f620afa6d52.txt"
    path.write_text(path.read_text("utf-8") + "\n补充一句新的正文。\n", encoding="utf-8")
    loaded = load_corpus(tmp_seeds, verify=False)
    assert get_article(loaded, "004-01")["text"].endswith("补充一句新的正文。")


# ----------------------------------------------------------------------------- bad input


def test_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_seeds"
    with pytest.raises(SeedError, match=r"not found.*no_such_seeds"):
        load_corpus(missing)


def test_a_file_that_is_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "seeds.csv"
    path.write_text("宁波。", encoding="utf-8")
    with pytest.raises(
        SeedError, match=r"not a document this package reads \(\.txt, \.md, \.html.*seeds\.csv"
    ):
        load_corpus(path)


def test_folder_without_documents(tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_text("宁波", encoding="utf-8")
    with pytest.raises(SeedError, match=r"no documents \(\.txt, \.md, \.html"):
        load_corpus(tmp_path)


def test_a_word_file_that_is_no_word_file_names_the_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_text("宁波", encoding="utf-8")
    with pytest.raises(SeedError, match=r"notes\.docx: not a readable Word \(\.docx\) file"):
        load_corpus(tmp_path)


def test_empty_file(tmp_seeds: Path) -> None:
    (tmp_seeds / "005_empty.txt").write_bytes(b"")
    with pytest.raises(SeedError, match=r"empty.*005_empty\.txt"):
        load_corpus(tmp_seeds)


def test_whitespace_only_file(tmp_seeds: Path) -> None:
    (tmp_seeds / "005_blank.txt").write_bytes(b" \n\t\n")
    with pytest.raises(SeedError, match=r"empty.*005_blank\.txt"):
        load_corpus(tmp_seeds)


def test_file_with_nothing_but_furniture(tmp_seeds: Path) -> None:
    (tmp_seeds / "005_nav.txt").write_text(
        "上一版\n\xa0\n下一篇 4 放大 缩小 默认\n宁波日报\n", "utf-8"
    )
    with pytest.raises(SeedError, match=r"no article text.*005_nav\.txt"):
        load_corpus(tmp_seeds)


def test_gb18030_file_is_read_and_its_encoding_recorded(tmp_seeds: Path) -> None:
    text = "宁波市2021年政府工作报告\n全市地区生产总值达到12408.7亿元,比上年增长3.3%。\n"
    (tmp_seeds / "005_gbk.txt").write_bytes(text.encode("gb18030"))
    row = load_corpus(tmp_seeds).set_index("doc_id").loc["005-01"]
    assert row["encoding"] == "gb18030"
    assert row["text"] == text.strip()
    assert row["region"] == "宁波" and row["title"] == "宁波市2021年政府工作报告"
    assert row["year"] == 2021


def test_binary_file_that_is_not_gb18030_either(tmp_path: Path) -> None:
    (tmp_path / "005_bin.txt").write_bytes(b"\xff\xfe\x00\x81\x30")
    with pytest.raises(SeedError, match=r"005_bin\.txt") as info:
        load_corpus(tmp_path)
    assert "GB18030" not in str(info.value)


def test_checksum_mismatch_names_the_changed_file(tmp_seeds: Path) -> None:
    path = tmp_seeds / "003_f7ed5bf6a81e5e31.txt"
    data = bytearray(path.read_bytes())
    i = data.index("5家".encode())
    data[i] = ord("6")  # one byte: 新增省部级重点实验室5家 → 6家
    path.write_bytes(bytes(data))
    with pytest.raises(SeedError, match=r"changed.*003_f7ed5bf6a81e5e31\.txt"):
        load_corpus(tmp_seeds)


def test_manifest_lists_a_missing_file(tmp_seeds: Path) -> None:
    (tmp_seeds / "004_ad4e1f620afa6d52.txt").unlink()
    with pytest.raises(SeedError, match=r"missing.*004_ad4e1f620afa6d52\.txt"):
        load_corpus(tmp_seeds)


def test_manifest_without_required_columns(tmp_seeds: Path) -> None:
    (tmp_seeds / "manifest.csv").write_text("file,title\n000_x.txt,标题\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"manifest\.csv.*sha256"):
        load_corpus(tmp_seeds)


def test_doc_ids_stay_unique_when_files_share_leading_digits(tmp_path) -> None:
    for name, body in [("2022_wenzhou.txt", "温州市地区生产总值增长8.5%。"),
                       ("2022_taizhou.txt", "台州市地区生产总值增长8.4%。")]:  # fmt: skip
        (tmp_path / name).write_text(body, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert sorted(corpus["doc_id"]) == ["2022_taizhou-01", "2022_wenzhou-01"]
    assert sorted(corpus["region"]) == ["台州", "温州"]


# ----------------------------------------------------------------------------- users' documents
# Made-up reports of a made-up place (盘江): a header-less 2016 report (starts at 各位代表,
# markdown bold) and a 2021 report with YAML front matter, added to the seeds.

HEADERLESS_2016 = """各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

**一、“十二五”时期发展回顾**

五年来，全市地区生产总值达到2210亿元，年均增长9.1%。

**二、“十三五”时期主要目标**

到2020年，地区生产总值突破3300亿元。
"""

FRONT_MATTER_2021 = """---
title: 盘江市政府工作报告
date: 2021-01-18
region: 盘江
kind: work_report
---
各位代表：
五年来，全市地区生产总值由2210亿元增加到3415.2亿元。
"""


def _user_docs(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "2016_panjiang.md").write_text(HEADERLESS_2016, encoding="utf-8")
    (folder / "2021_panjiang.txt").write_text(FRONT_MATTER_2021, encoding="utf-8")
    return folder


def test_seeds_plus_a_users_folder(tmp_path: Path, corpus: pd.DataFrame) -> None:
    both = load_corpus(_user_docs(tmp_path), seeds=True, region="盘江")
    assert list(both["doc_id"][: len(corpus)]) == list(corpus["doc_id"])
    mine = both.iloc[len(corpus) :].set_index("doc_id")
    assert list(mine.index) == ["2016-01", "2021-01"]
    # no header: kind from the opening salutation, year from the reviewed 十二五 (→ 2016),
    # region from region= because the gazetteer does not know 盘江
    assert mine.loc["2016-01", "kind"] == "work_report"
    assert mine.loc["2016-01", "year"] == 2016
    assert mine.loc["2016-01", "reference_year"] == 2016
    assert mine.loc["2016-01", "region"] == "盘江"
    assert mine.loc["2016-01", "title"] == "2016_panjiang"  # not the salutation
    # front matter wins and is not part of the text; offsets still point into the raw file
    assert mine.loc["2021-01", "title"] == "盘江市政府工作报告"
    assert mine.loc["2021-01", "date"] == "2021-01-18"
    assert mine.loc["2021-01", "text"].startswith("各位代表")
    raw = FRONT_MATTER_2021
    row = both.loc[both["doc_id"] == "2021-01"].iloc[0]
    pos = row["text"].index("3415.2亿元")
    s, e = raw_span(row, pos, pos + len("3415.2亿元"))
    assert raw[s:e] == "3415.2亿元"


def test_a_single_file_and_a_region_for_places_outside_the_gazetteer(tmp_path: Path) -> None:
    path = _user_docs(tmp_path) / "2016_panjiang.md"
    alone = load_corpus(path, region="盘江")
    assert list(alone["doc_id"]) == ["2016-01"] and alone["region"].iloc[0] == "盘江"
    assert "region=argument" in alone["meta_source"].iloc[0]
    with pytest.raises(SeedError, match=r"2016_panjiang\.md: place unknown"):
        load_corpus(path)  # no region= : never left empty silently


def test_the_same_folder_twice_loads_once(tmp_path: Path) -> None:
    folder = _user_docs(tmp_path)
    assert len(load_corpus(folder, folder / "2016_panjiang.md", region="盘江")) == 2


def test_a_report_whose_year_cannot_be_told_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "undated.md"
    path.write_text("各位代表：\n今年要把各项工作做得更好。\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"undated\.md: cannot tell which year.*date:"):
        load_corpus(path)


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        ("---\ndate: 21/01/2021\n---\n", r"front matter date '21/01/2021' is not YYYY"),
        ("---\n- a list\n---\n", r"front matter must be 'key: value' lines"),
    ],
)
def test_bad_front_matter_names_the_file(tmp_path: Path, head: str, problem: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(head + "各位代表：\n2020年工作回顾。\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"bad\.md: " + problem):
        load_corpus(path)


def test_ids_that_would_clash_between_sources_take_their_folders_name(tmp_path: Path) -> None:
    """Two city folders (or two files given one by one) each with a 2021 report: every id of a
    clashing source takes its folder's name; a source without a clash keeps its ids."""
    a, b, c = tmp_path / "盘江市", tmp_path / "青川市", tmp_path / "其他"
    for folder in (a, b, c):
        folder.mkdir()
    (a / "2021.txt").write_text(FRONT_MATTER_2021, encoding="utf-8")
    (a / "2016.txt").write_text(FRONT_MATTER_2021.replace("2021-01-18", "2016-01-18"), "utf-8")
    (b / "2021.txt").write_text(FRONT_MATTER_2021.replace("盘江", "青川"), encoding="utf-8")
    (c / "2010.txt").write_text(FRONT_MATTER_2021.replace("2021-01-18", "2010-01-18"), "utf-8")
    ids = load_corpus(a, b, c)["doc_id"].drop_duplicates().tolist()
    assert ids == ["盘江市/2016-01", "盘江市/2021-01", "青川市/2021-01", "2010-01"]
    one_by_one = load_corpus(a / "2021.txt", b / "2021.txt")["doc_id"].drop_duplicates()
    assert one_by_one.tolist() == ["盘江市/2021-01", "青川市/2021-01"]


def test_doc_id_clash_between_folders_of_one_name_is_a_clear_error(tmp_path: Path) -> None:
    a, b = tmp_path / "x" / "a", tmp_path / "y" / "a"
    a.mkdir(parents=True), b.mkdir(parents=True)
    (a / "2021_x.txt").write_text(FRONT_MATTER_2021, encoding="utf-8")
    (b / "2021_y.txt").write_text(FRONT_MATTER_2021.replace("盘江", "青川"), encoding="utf-8")
    with pytest.raises(SeedError, match=r"same doc_id 'a/2021-01'.*2021_x\.txt.*2021_y\.txt"):
        load_corpus(a, b)


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("各位代表：\n一、2015年工作回顾\n", 2016),
        ("各位代表：\n一、“十三五”时期发展成就\n", 2021),
        ("各位代表：\n今年是“十四五”开局之年。\n", 2021),
        ("各位代表：\n过去的2024年，我们……\n", 2025),
        ("各位代表：\n今年要把各项工作做得更好。\n", None),
    ],
)
def test_infer_report_year(opening: str, year: int | None) -> None:
    from ningbo_analysis.corpus.metadata import infer_report_year

    assert infer_report_year(opening) == year


def test_a_report_names_its_own_place_and_lends_it_to_its_folder(tmp_path: Path) -> None:
    folder = _user_docs(tmp_path)
    text = FRONT_MATTER_2021.replace("region: 盘江\n", "").replace(
        "各位代表：", "——2021年1月18日在盘江市第九届人民代表大会第五次会议上\n各位代表："
    )
    (folder / "2021_panjiang.txt").write_text(text, encoding="utf-8")
    both = load_corpus(folder).set_index("doc_id")
    assert both.loc["2021-01", "region"] == "盘江"  # 在盘江市第九届人民代表大会 (region_cues.csv)
    assert both.loc["2016-01", "region"] == "盘江"  # no place named: the folder's only one


def test_a_time_after_a_date_is_not_glued_to_it() -> None:
    assert clean_text("会议于2026-01-19 16:42开幕")[0] == "会议于2026-01-19 16:42开幕"
    assert clean_text("增长14.9 %，达到12 408.7亿元")[0] == "增长14.9%，达到12408.7亿元"


def test_a_corpus_loaded_again_is_remembered_until_a_file_changes(tmp_path: Path) -> None:
    from ningbo_analysis.corpus import load as corpus_module

    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "report.txt"
    front = "---\ntitle: 测试市2024年新闻\ndate: 2024-03-01\nregion: 测试市\nkind: news\n---\n"
    doc.write_text(front + "全市地区生产总值达到1234.5亿元。\n", encoding="utf-8")
    first = load_corpus(folder)
    calls = []
    real = corpus_module._articles_of_file
    corpus_module._articles_of_file = lambda *a: calls.append(a) or real(*a)
    try:
        again = load_corpus(folder)
        assert calls == []  # remembered: no file read again
        pd.testing.assert_frame_equal(again, first)
        again.loc[0, "text"] = "changed by the caller"  # a copy: the memory is untouched
        assert "1234.5亿元" in load_corpus(folder)["text"].iloc[0]
        doc.write_text(front + "全市地区生产总值达到1300.2亿元。\n", encoding="utf-8")
        changed = load_corpus(folder)  # a changed file is read again
        assert len(calls) == 1 and "1300.2亿元" in changed["text"].iloc[0]
        (folder / "more.txt").write_text(front.replace("2024", "2025") + "正文。\n", "utf-8")
        assert len(load_corpus(folder)) == 2  # so is an added one
    finally:
        corpus_module._articles_of_file = real


def test_a_remembered_corpus_sees_an_edit_that_keeps_size_and_modification_time(
    tmp_path: Path,
) -> None:
    # e.g. a tool that restores the modification time (cp -p, rsync -t, tar) or a file system
    # with a coarse clock: the same size and mtime, other text
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "report.txt"
    front = "---\ntitle: 测试市2024年新闻\ndate: 2024-03-01\nregion: 测试市\nkind: news\n---\n"
    doc.write_text(front + "全市地区生产总值达到1234.5亿元。\n", encoding="utf-8")
    before = doc.stat()
    assert "1234.5亿元" in load_corpus(folder)["text"].iloc[0]
    doc.write_text(front + "全市地区生产总值达到1300.2亿元。\n", encoding="utf-8")
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (doc.stat().st_size, doc.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert "1300.2亿元" in load_corpus(folder)["text"].iloc[0]


def test_changing_a_loaded_corpus_in_place_leaves_later_loads_alone(tmp_path: Path) -> None:
    # the memo hands out copies that share nothing with it: with pandas < 3 (no copy-on-write)
    # even corpus.loc[…] = … on a shallow copy writes into the memo
    folder = tmp_path / "docs"
    folder.mkdir()
    front = "---\ntitle: 测试市2024年新闻\ndate: 2024-03-01\nregion: 测试市\nkind: news\n---\n"
    (folder / "report.txt").write_text(front + "全市地区生产总值达到1234.5亿元。\n", "utf-8")
    first = load_corpus(folder)
    first.loc[0, "title"] = "changed by the caller"
    first["year"].array[0] = 1900  # the values themselves, past copy-on-write
    again = load_corpus(folder)
    assert (again.loc[0, "title"], again.loc[0, "year"]) == ("测试市2024年新闻", 2024)


# ----------------------------------------------------------------------------- any folder


def test_documents_alone_seeds_alone_or_both(
    tmp_path: Path, corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NINGBO_SEEDS", raising=False)
    mine = _user_docs(tmp_path)
    monkeypatch.chdir(tmp_path)  # another working folder: the seeds are still found
    assert load_corpus()["doc_id"].tolist() == corpus["doc_id"].tolist()
    alone = load_corpus("mine", region="盘江")
    assert alone["doc_id"].tolist() == ["2016-01", "2021-01"]
    both = load_corpus("mine", seeds=True, region="盘江")
    assert both["doc_id"].tolist() == [*corpus["doc_id"], "2016-01", "2021-01"]
    files = [mine / "2021_panjiang.txt", str(mine / "2016_panjiang.md")]
    listed = load_corpus(files, region="盘江")  # a list of paths: the same as two arguments
    assert listed["doc_id"].tolist() == ["2021-01", "2016-01"]
    pd.testing.assert_frame_equal(listed, load_corpus(*files, region="盘江"))


def test_old_seeds_first_argument_still_works_with_a_warning(
    tmp_path: Path, corpus: pd.DataFrame
) -> None:
    with pytest.warns(DeprecationWarning, match=r"load_corpus\(None, ...\)"):
        old = load_corpus(None, _user_docs(tmp_path), region="盘江")
    new = load_corpus(tmp_path / "mine", seeds=True, region="盘江")
    pd.testing.assert_frame_equal(old, new)


def test_another_seeds_folder(tmp_seeds: Path, tmp_path: Path) -> None:
    (tmp_seeds / "manifest.csv").unlink()
    (tmp_seeds / AGGREGATOR).unlink()
    mine = _user_docs(tmp_path)
    got = load_corpus(mine, seeds=tmp_seeds, region="盘江")
    assert got["doc_id"].tolist() == ["000-01", "001-01", "003-01", "004-01", "2016-01", "2021-01"]
