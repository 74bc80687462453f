"""Structure stage: outlines with Chinese numbering, sentences and Q&A pairs of the seed articles."""

from __future__ import annotations

import pandas as pd

from ningbo_analysis.corpus.load import get_article
from ningbo_analysis.corpus.structure import (
    QA_COLUMNS,
    cn_small_number,
    corpus_sentences,
    outline,
    qa_pairs,
    section_at,
    sentences,
    split_speaker,
)

# ----------------------------------------------------------------------------- outline


def _headings(sections: pd.DataFrame, path_prefix: str = "") -> dict[str, str]:
    rows = sections.loc[sections["section_path"].str.startswith(path_prefix)]
    return dict(zip(rows["section_path"], rows["heading"], strict=True))


def test_ningbo_2021_top_sections(ningbo_2021: pd.Series) -> None:
    sections = outline(ningbo_2021.text)
    top = sections.loc[sections["level"] == 1]
    assert list(zip(top["section_path"], top["heading"], strict=True)) == [
        ("一", "2020年和“十三五”工作回顾"),
        ("二", "“十四五”时期的主要目标任务"),
        ("三", "2021年工作安排"),
        ("四", "全面提高政府治理水平"),
    ]
    assert top["marker"].tolist() == ["一、", "二、", "三、", "四、"]
    # The sections tile the report from the first heading to the end, in order.
    assert top["end"].tolist()[:-1] == top["start"].tolist()[1:]
    assert top["end"].iloc[-1] == len(ningbo_2021.text)
    assert ningbo_2021.text[top["start"].iloc[2] :].startswith("三、2021年工作安排")


def test_ningbo_2021_subsections(ningbo_2021: pd.Series) -> None:
    sections = outline(ningbo_2021.text)
    headings = _headings(sections)
    assert headings["一 > (一)"] == "有力有效抓好疫情防控,抗疫斗争取得重大成果"
    assert headings["一 > (六)"] == "有力有效保障和改善民生,人民群众获得感更加充实"
    assert headings["三 > (二)"] == "奋力打造科技创新高地,提升创新发展优势"
    assert headings["三 > (十)"] == "奋力改善人民生活品质,加强社会治理创新"
    assert len(_headings(sections, "三 > (")) == 10
    assert len(_headings(sections, "一 > (")) == 6


def test_ningbo_2021_enumeration_of_the_five_year_tasks(ningbo_2021: pd.Series) -> None:
    sections = outline(ningbo_2021.text)
    items = sections.loc[sections["section_path"].str.startswith("二 > ")]
    assert items["section_path"].tolist() == [f"二 > {n}是" for n in "一二三四五"]
    assert items["level"].unique().tolist() == [5]
    first = items.iloc[0]
    assert first["heading"] == "推进高质量发展,加快提升科技和产业竞争力"
    # An enumeration item ends with its paragraph, before the next item.
    body = ningbo_2021.text[first["start"] : first["end"]]
    assert body.startswith("一是推进高质量发展") and "二是" not in body
    assert "研发投入强度提高到3.6%" in body


def test_every_section_lies_inside_its_parent(
    ningbo_2021: pd.Series, yuyao_2021: pd.Series
) -> None:
    for text in (ningbo_2021.text, yuyao_2021.text):
        sections = outline(text)
        spans = {r.section_path: (r.start, r.end) for r in sections.itertuples(index=False)}
        assert len(spans) == len(sections)
        for row in sections.itertuples(index=False):
            assert row.start < row.end <= len(text)
            assert text[row.start :].startswith(row.marker + row.heading)
            if " > " in row.section_path:
                parent = spans[row.section_path.rsplit(" > ", 1)[0]]
                assert parent[0] < row.start and row.end <= parent[1], row.section_path


def test_yuyao_2021_sections(yuyao_2021: pd.Series) -> None:
    sections = outline(yuyao_2021.text)
    top = sections.loc[sections["level"] == 1]
    # "知行合 一、砥砺奋进" in the closing words is not a fourth section (out of sequence).
    assert top["section_path"].tolist() == ["一", "二", "三"]
    headings = _headings(sections)
    assert headings["一"] == "2020年工作回顾和“十三五”发展成就"
    assert headings["二"].startswith("“十四五”发展主要目标和二〇三五年远景目标")
    assert headings["三"] == "2021年主要工作安排"
    assert headings["一 > (一)"] == "疫情防控在大考中赢得主动"
    assert headings["二 > (一)"] == "激发创新动能,发展质量显著提升"
    assert headings["三 > (七)"] == "致力效能增强,营造唯实惟先好氛围"
    assert len(_headings(sections, "三 > (")) == 7


def test_yuyao_2021_second_heading_stops_before_the_body(yuyao_2021: pd.Series) -> None:
    heading = _headings(outline(yuyao_2021.text))["二"]
    assert heading == "“十四五”发展主要目标和二〇三五年远景目标"


def test_fragment_starting_mid_report(corpus: pd.DataFrame) -> None:
    fragment = get_article(corpus, "003-01")
    sections = outline(fragment.text)
    assert sections["section_path"].iloc[0] == "(二)"
    assert sections["heading"].iloc[0] == "增强科教人才支撑,着力提升创新策源能力"
    assert _headings(sections)["三"] == "进一步加强高水平现代政府建设"
    assert len(_headings(sections, "三 > (")) == 5


def test_outline_marker_styles() -> None:
    text = (
        "一、总体要求 总的要求是：\n"
        "（一）创新驱动 第一，加强研发。第二，集聚人才。\n"
        "1.建设平台 一是建设实验室。二是引进院所。\n"
        "2、培育企业 内容。\n"
        "(1)小项 内容。\n"
        "二、保障措施 内容。"
    )
    sections = outline(text)
    assert sections["section_path"].tolist() == [
        "一",
        "一 > (一)",
        "一 > (一) > 第一",
        "一 > (一) > 第二",
        "一 > (一) > 1",
        "一 > (一) > 1 > 一是",
        "一 > (一) > 1 > 二是",
        "一 > (一) > 2",
        "一 > (一) > 2 > (1)",
        "二",
    ]
    assert sections["heading"].tolist()[:2] == ["总体要求", "创新驱动"]
    assert sections["number"].tolist() == [1, 1, 1, 2, 1, 1, 2, 2, 1, 2]


def test_outline_ignores_numbers_inside_sentences() -> None:
    text = "一、回顾 知行合一、砥砺奋进。增长3.3%,达到1.5万亿元。 三、安排 内容。"
    sections = outline(text)
    # 合一、 is inside a word; 三、 is out of sequence after 一、.
    assert sections["section_path"].tolist() == ["一"]
    assert outline("没有任何编号的正文。").empty
    assert list(outline("").columns) == [
        "level",
        "marker",
        "number",
        "heading",
        "start",
        "end",
        "section_path",
    ]


def test_cn_small_number() -> None:
    assert [
        cn_small_number(s) for s in ["一", "十", "十二", "二十", "二十三", "两", "２", "12"]
    ] == [
        1,
        10,
        12,
        20,
        23,
        2,
        2,
        12,
    ]


# ----------------------------------------------------------------------------- sentences


def test_sentence_with_the_2020_gdp(ningbo_2021: pd.Series) -> None:
    sents = sentences(ningbo_2021.text)
    hit = sents.loc[sents["sentence"].str.contains("12408.7亿元", regex=False)]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row["sentence"] == "全市地区生产总值达到12408.7亿元,比上年增长3.3%;"
    assert row["section_path"] == "一"
    assert row["sentence"][-1] in ";；。"
    assert not row["is_heading"]


def test_target_sentences_carry_their_section(ningbo_2021: pd.Series) -> None:
    sents = sentences(ningbo_2021.text)

    def section_of(fragment: str) -> str:
        hit = sents.loc[sents["sentence"].str.contains(fragment, regex=False)]
        assert len(hit) == 1, fragment
        return hit["section_path"].iloc[0]

    assert section_of("地区生产总值达到1.7万亿元") == "二"
    assert section_of("研发投入强度提高到3.6%") == "二 > 一是"
    assert section_of("社会消费品零售总额超过6000亿元") == "二 > 二是"
    assert section_of("抗疫斗争取得重大成果") == "一 > (一)"


def test_headings_are_their_own_sentences(ningbo_2021: pd.Series) -> None:
    sents = sentences(ningbo_2021.text)
    headings = sents.loc[sents["is_heading"], "sentence"].tolist()
    assert headings[0] == "一、2020年和“十三五”工作回顾"
    assert "二、“十四五”时期的主要目标任务" in headings
    assert headings[-1] == "四、全面提高政府治理水平"
    assert len(headings) == 20  # 4 sections + 6 + 10 subsections


def test_sentence_offsets_and_ids(corpus: pd.DataFrame) -> None:
    for art in corpus.itertuples(index=False):
        sents = sentences(art.text)
        assert sents["sent_id"].tolist() == list(range(len(sents)))
        assert (sents["start"].iloc[1:].to_numpy() >= sents["end"].iloc[:-1].to_numpy()).all()
        for row in sents.itertuples(index=False):
            assert art.text[row.start : row.end] == row.sentence
            assert row.sentence == row.sentence.strip() and "\n" not in row.sentence
        # Nothing but whitespace is left between sentences.
        bounds = [0, *[x for r in sents.itertuples() for x in (r.start, r.end)], len(art.text)]
        gaps = [art.text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
        assert all(not gap.strip() for gap in gaps), art.doc_id


def test_sentence_splitting_rules() -> None:
    text = "增长3.3%,达到1.5万亿元。他说:“好!”下一句?主要是:一是甲;二是乙；三是丙。\n末句"
    assert sentences(text)["sentence"].tolist() == [
        "增长3.3%,达到1.5万亿元。",
        "他说:“好!”",
        "下一句?",
        "主要是:一是甲;",
        "二是乙；",
        "三是丙。",
        "末句",
    ]
    assert sentences("")["sentence"].tolist() == []


def test_corpus_sentences(corpus: pd.DataFrame) -> None:
    table = corpus_sentences(corpus)
    assert list(table.columns[:9]) == [
        "doc_id",
        "region",
        "kind",
        "year",
        "sent_id",
        "start",
        "end",
        "sentence",
        "section_path",
    ]
    per_doc = table.groupby("doc_id").size()
    assert per_doc.index.tolist() == corpus["doc_id"].tolist()
    for art in corpus.itertuples(index=False):
        assert per_doc[art.doc_id] == len(sentences(art.text))
    gdp = table.loc[table["sentence"].str.contains("12408.7亿元", regex=False)].iloc[0]
    assert (gdp["doc_id"], gdp["region"], gdp["kind"], gdp["year"]) == (
        "002-01",
        "宁波",
        "work_report",
        2021,
    )
    yuyao = table.loc[table["sentence"].str.contains("突破1700亿元", regex=False)]
    assert yuyao[["doc_id", "region", "section_path"]].values.tolist() == [["002-02", "余姚", "二"]]


def test_section_at(ningbo_2021: pd.Series) -> None:
    sections = outline(ningbo_2021.text)
    text = ningbo_2021.text
    assert section_at(sections, 0) == ""
    assert section_at(sections, text.index("12408.7")) == "一"
    assert section_at(sections, text.index("研发投入强度提高到3.6%")) == "二 > 一是"
    assert section_at(sections, len(text) - 1) == "四"
    assert section_at(outline(""), 0) == ""


# ----------------------------------------------------------------------------- Q&A


PRESS_SPEAKERS = [
    ("李军", "市委常委、宣传部部长"),
    ("阎勤", "市委改革办常务副主任"),
    ("张文杰", "市发改委党组书记、主任"),
    ("张世方", "市经信局党组书记、局长"),
    ("黄志明", "市科技局党组书记、局长"),
    ("张延", "市商务局党组书记、局长"),
]


def test_press_conference_has_six_pairs_with_speakers(press_conference: pd.Series) -> None:
    pairs = qa_pairs(press_conference.text)
    assert list(pairs.columns) == QA_COLUMNS
    assert pairs["qa_id"].tolist() == [1, 2, 3, 4, 5, 6]
    assert list(zip(pairs["speaker"], pairs["speaker_title"], strict=True)) == PRESS_SPEAKERS
    assert pairs["question"].iloc[0] == "宁波下一步将如何打造“全国文明城市典范城市”?"
    assert pairs["question"].iloc[3] == "作为制造业大市,“十四五”时期宁波如何推进制造业高质量发展?"
    assert pairs["answer"].iloc[0].startswith("全国文明城市典范城市是全国文明城市的升级版")
    assert pairs["answer"].iloc[5].endswith("打造离岸在岸融合、国内国际双循环互促的新型贸易格局。")


def test_qa_answers_do_not_leak_into_each_other(press_conference: pd.Series) -> None:
    text = press_conference.text
    pairs = qa_pairs(text)
    assert pairs["end"].tolist()[:-1] == pairs["start"].tolist()[1:]
    assert pairs["end"].iloc[-1] == len(text)
    for row in pairs.itertuples(index=False):
        span = text[row.start : row.end]
        assert span.startswith("问:" + row.question)
        assert row.answer in span
        assert "问:" not in row.answer and row.speaker not in row.answer[:10]
    # "一是…四是" of the first answer stay inside it.
    assert "四是高标准高水平推进城乡融合发展" in pairs["answer"].iloc[0]


def test_interview_pairs_without_speakers(corpus: pd.DataFrame) -> None:
    interview = get_article(corpus, "001-01")
    pairs = qa_pairs(interview.text)
    assert len(pairs) == 5
    assert pairs["question"].iloc[0].startswith("宁波提出,要在全省“两个先行”的新征程上担当示范")
    assert set(pairs["speaker"]) == {""} and set(pairs["speaker_title"]) == {""}
    assert pairs["answer"].iloc[0].startswith("宁波要在“两个先行”新征程中担当示范")
    for answer in pairs["answer"]:
        assert answer[-1] in "。!", answer[-20:]  # the next question's bare number is dropped
        assert not answer.startswith("答")
    assert "毛永淮" not in "".join(pairs["answer"])


def test_work_report_has_no_qa_pairs(ningbo_2021: pd.Series) -> None:
    pairs = qa_pairs(ningbo_2021.text)
    assert pairs.empty and list(pairs.columns) == QA_COLUMNS


def test_qa_pairs_on_a_small_text() -> None:
    text = "问:今年目标是什么?\n市发改委主任王小明:增长6%左右。\n问:如何实现?\n答:抓项目。\n"
    pairs = qa_pairs(text)
    assert pairs[["question", "answer", "speaker", "speaker_title"]].values.tolist() == [
        ["今年目标是什么?", "增长6%左右。", "王小明", "市发改委主任"],
        ["如何实现?", "抓项目。", "", ""],
    ]


def test_split_speaker() -> None:
    assert split_speaker("市委常委、宣传部部长李军") == ("李军", "市委常委、宣传部部长")
    assert split_speaker("市商务局党组书记、局长张延") == ("张延", "市商务局党组书记、局长")
    assert split_speaker("宁波下一步将如何打造") == ("", "")
