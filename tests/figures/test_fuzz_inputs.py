"""Fuzzing (issue 15): ``load_corpus`` + ``extract_figures`` on generated folders — documents
in random encodings, with control characters, huge numbers (300 digits), odd punctuation,
front matter and manifests good and bad. Whatever the input, the package either raises one of
its own errors (``NingboAnalysisError``, one line) or returns figures whose values are finite
and whose offsets point at the figure: ``text[start:end] == raw`` and the raw-file offsets at
the same characters.
"""

from __future__ import annotations

import hashlib
import math
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import ningbo_analysis as na
from ningbo_analysis.corpus.cleaning import raw_span
from ningbo_analysis.corpus.reading import read_seed
from ningbo_analysis.errors import NingboAnalysisError

_WORDS = [
    "全市地区生产总值达到", "增长", "亿元", "万元", "%", "％", "‰", "，", "。", "；", "：", "\n",
    "到2025年", "2020年", "1-10月", "前三季度", "比上年", "年均增长", "万人", "第", "位", "居全省",
    "（", "）", "——", "、", "…", "一、", "(二)", "各位代表：", "今年", "去年", "“十四五”", "约",
    "以上", "左右", "倍", "～", "-", "至", "到", "“", "”", "【宁波】", "|", "#", "**", "<b>",
    "&amp;", "$", "\\", "提高到", "由", "下降", "个百分点", "累计", "0.", ".5", "1e308", "NaN",
    "inf", "−", "+", "﹪", "亿", "万亿", "千", "百分之", "三成", "两倍", "零", "〇",
]  # fmt: skip
_ODD = ["\u200b", "\xa0", "\u3000", "\ufeff", "\r", "\r\n", "０１２", "１．５％", "\u2028", "\t"]
_CONTROL = st.text(st.characters(codec="utf-8", categories=["Cc"]), min_size=1, max_size=3)

_NUMBER = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(str),
    st.from_regex(r"[1-9]\d{0,5}\.\d{1,3}", fullmatch=True),
    st.integers(min_value=20, max_value=320).map(lambda n: "9" * n),  # huge numbers
    st.integers(min_value=20, max_value=320).map(lambda n: "1" + "0" * n + ".5"),
    st.sampled_from(["０．５", "1,234.5", "12 408.7", "3.", ".5", "1e308", "三", "两", "一百二十"]),
)
_STATEMENT = st.tuples(
    st.sampled_from(
        ["全市地区生产总值", "规上工业增加值", "城镇居民人均可支配收入", "研发投入", "人口"]
    ),
    st.sampled_from(["达到", "增长", "提高到", "下降", "比上年增长", "年均增长", "突破", "由", ""]),
    _NUMBER,
    st.sampled_from(["亿元", "万元", "%", "％", "个百分点", "倍", "万人", "‰", "", "亿", "元"]),
    st.sampled_from(["。", "，", "；", "以上。", "左右，", "\n", ""]),
).map("".join)
_PIECE = st.one_of(
    _STATEMENT,
    _STATEMENT,
    _STATEMENT,
    st.sampled_from(_WORDS),
    st.sampled_from(_ODD),
    _NUMBER,
    st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=4),  # any other text
)
# Most documents are clean; some carry a control character somewhere.
_NOISE = st.one_of(*[st.just("")] * 6, _CONTROL)
_BODY = st.tuples(st.lists(_PIECE, min_size=1, max_size=30), _NOISE, st.integers(0, 30)).map(
    lambda t: "".join([*t[0][: t[2]], t[1], *t[0][t[2] :]])
)
_FRONT = st.sampled_from(
    [""] * 10
    + [
        "---\ndate: 2021-01-20\nregion: 宁波\nkind: work_report\n---\n",
        "---\ntitle: 清河<b>x</b>\n---\n",
        "---\ndate: 2021-13-45\n---\n",
        "---\ndate: yesterday\n---\n",
        "---\n: :\n---\n",
        "---\nreference_year: 2021\n---\n",
    ]
)
_ENCODING = st.sampled_from(
    ["utf-8"] * 12 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"]
)
_MANIFEST_DATE = st.sampled_from(["2021-02-21", "2021", "2021-13-45", "yesterday", "", "2021-02"])
_FOLDER = st.lists(st.tuples(_FRONT, _BODY, _ENCODING), min_size=1, max_size=2)


def _write(folder: Path, docs: list[tuple[str, str, str]], manifest_date: str | None) -> None:
    rows = []
    for i, (front, body, encoding) in enumerate(docs):
        name = f"{i:03d}_doc.txt"
        try:
            data = (front + body).encode(encoding)
        except UnicodeEncodeError:  # Big5/GB18030 cannot write every character: UTF-8 then
            data = (front + body).encode("utf-8", errors="surrogatepass")
        (folder / name).write_bytes(data)
        rows.append(
            f"{name},{hashlib.sha256(data).hexdigest()},标题,{manifest_date},p,宁波,news,,d"
        )
    if manifest_date is not None:
        header = "file,sha256,title,date,publisher,regions,kind,reference_year,description"
        (folder / "manifest.csv").write_text("\n".join([header, *rows]) + "\n", "utf-8")


def _check_figures(corpus: pd.DataFrame, figures: pd.DataFrame, folder: Path) -> None:
    articles = corpus.set_index("doc_id")
    for row in figures.itertuples(index=False):
        for value in (row.value, row.value_high):
            assert pd.isna(value) or math.isfinite(value), (row.raw, value)
        art = articles.loc[row.doc_id]
        text = art["text"]
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.raw
        assert row.raw in row.sentence
        raw_text = read_seed(folder / art["seed_file"])
        assert (row.raw_start, row.raw_end) == raw_span(art, row.start, row.end)
        assert 0 <= row.raw_start < row.raw_end <= len(raw_text)
        # the raw slice holds the figure's characters in order (cleaning only cuts noise out)
        source = iter(raw_text[row.raw_start : row.raw_end].replace("\xa0", " "))
        assert all(ch in source for ch in row.raw), (row.raw, raw_text[row.raw_start : row.raw_end])


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(docs=_FOLDER, manifest_date=st.one_of(st.none(), st.none(), _MANIFEST_DATE))
@example(docs=[("", "全市地区生产总值达到" + "9" * 300 + "亿元。\n", "utf-8")], manifest_date=None)
@example(docs=[("", "增长" + "9" * 310 + "%。\n", "utf-8")], manifest_date=None)
@example(docs=[("", "全市地区生产总值达到" + "9" * 301 + "亿元。\n", "utf-8")], manifest_date=None)
@example(docs=[("", "宁波新闻\n增长3%\x00。\n", "utf-8")], manifest_date="2021")
@example(docs=[("", "各位代表：\n一、2020年工作回顾\n增长3.3%。\n", "utf-16")], manifest_date=None)
def test_load_and_extract_never_fail_outside_the_package(
    docs: list[tuple[str, str, str]], manifest_date: str | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, docs, manifest_date)
        try:
            corpus = na.load_corpus(folder)
            figures = na.extract_figures(corpus)
        except NingboAnalysisError as err:
            assert str(err) and "\n" not in str(err), repr(str(err))
            return
        _check_figures(corpus, figures, folder)
