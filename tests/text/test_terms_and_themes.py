"""Tests of ningbo_analysis.text: segmentation, keywords, weighted log-odds and themes.

Sentences quoted here are copied from the seed texts (file named in each test).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis import text
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.present import tables as na_tables
from ningbo_analysis.present import text_charts
from ningbo_analysis.text import segmentation

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- segmentation

# seed 004: "去年以来，我市加快培育“246”万千亿级产业集群，4个集群列入国家先进制造集群培育计划…"
CLUSTER_SENTENCE = (
    "去年以来，我市加快培育“246”万千亿级产业集群，4个集群列入国家先进制造集群培育计划，"
    "国家级制造业单项冠军数量居全国城市首位。"
)


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        # seed 002 (Ningbo 2021 report) and seed 000 (press Q&A)
        ("“十四五”时期是宁波高水平全面建设社会主义现代化的关键五年", "十四五"),
        ("十四五时期经济社会发展主要目标", "十四五"),
        ("加快实现更高层次、更高水平的双循环。", "双循环"),
        ("加快建设甬江科创大走廊和三大科创高地,研发投入强度提高到2.85%", "甬江科创大走廊"),
        ("宁波舟山港货物吞吐量稳居全球第1位,集装箱吞吐量跃居全球第3位。", "宁波舟山港"),
        ("二是以培育单项冠军为抓手,打造产业生态融合发展新高地", "单项冠军"),
        ("新增专精特新“小巨人”企业30家", "专精特新"),
        ("扎实推动共同富裕", "共同富裕"),
        ("全面推进数字化改革", "数字化改革"),
        ("制定实施碳达峰行动方案", "碳达峰"),
        (CLUSTER_SENTENCE, "“246”万千亿级产业集群"),
    ],
)
def test_domain_terms_are_single_tokens(sentence: str, term: str) -> None:
    assert term in text.tokenize(sentence)


@pytest.mark.parametrize(
    "variant",
    [
        "加快培育“246”万千亿级产业集群",
        '加快培育"246"万千亿级产业集群',
        "加快培育「246」万千亿级产业集群",
        "加快培育246万千亿级产业集群",
    ],
)
def test_quoted_user_term_matches_with_any_or_no_quotes(variant: str) -> None:
    assert text.tokenize(variant, drop_generic=True) == ["“246”万千亿级产业集群"]


def test_real_sentence_tokens_exactly() -> None:
    # seed 004; numbers (4个) and punctuation are gone, 制造业单项冠军 is one user term
    assert text.tokenize(CLUSTER_SENTENCE, drop_generic=True, min_len=2) == [
        "“246”万千亿级产业集群",
        "集群",
        "列入",
        "先进",
        "制造",
        "集群",
        "计划",
        "国家级",
        "制造业单项冠军",
        "数量",
        "城市",
        "首位",
    ]


def test_quoted_names_are_one_token() -> None:
    # seed 000: 大力弘扬“四知”宁波精神 … 思想“走心工程”
    toks = text.tokenize(
        "大力弘扬“四知”宁波精神,深入实施习近平新时代中国特色社会主义思想“走心工程”"
    )
    assert "四知" in toks and "走心工程" in toks
    # a quoted code keeps its quotes, so it is not dropped as a number
    assert text.tokenize("实施“225”外贸双万亿行动") == ["实施", "“225”", "外贸", "双", "行动"]


def test_numbers_and_units_are_dropped() -> None:
    # seed 002: 地区生产总值(GDP)达到14594.9亿元,同比增长8.2%
    toks = text.tokenize(
        "地区生产总值(GDP)达到14594.9亿元,同比增长8.2%;有效发明专利拥有量达5.3万件"
    )
    assert toks == ["地区", "生产总值", "GDP", "达到", "增长", "有效", "发明专利", "拥有量", "达"]
    assert text.tokenize("到二〇三五年基本实现") == ["基本", "实现"]
    assert text.tokenize("二〇三五年远景目标") == ["二〇三五年远景目标"]  # a user term
    # seed 002: 一般公共预算收入进位全国第10位 (一般 is a stopword, 第10位 an ordinal with unit)
    assert text.tokenize("一般公共预算收入进位全国第10位") == [
        "公共",
        "预算",
        "收入",
        "进位",
        "全国",
    ]
    assert text.tokenize("排名第三") == ["排名"]


def test_segment_offsets_point_into_the_text() -> None:
    s = "宁波作为全国改革开放先行区,“十四五”时期要率先探索"
    for token, start, end, kind in text.segment(s):
        if kind == "word":
            assert s[start:end] == token
    quoted = [t for t in text.segment(s) if t[3] == "quoted"]
    assert quoted == [("十四五", 14, 19, "quoted")]
    assert s[14:19] == "“十四五”"


def test_normalize_quotes_keeps_length() -> None:
    s = '他说"双循环"和「共同富裕」‘重要窗口’'
    out = text.normalize_quotes(s)
    assert out == "他说“双循环”和“共同富裕”“重要窗口”"
    assert len(out) == len(s)


def test_stopword_lists_roles() -> None:
    lists = text.stopword_lists()
    for word in ("坚持", "全面", "宁", "区"):
        assert word not in lists["stop"] and word not in lists["generic"]
    for word in ("的", "我们", "各位代表", "一是"):
        assert word in lists["stop"]
    for word in ("推进", "加快", "实施"):
        assert word in lists["generic"] and word not in lists["stop"]
    # seed 002: 坚持全面推进 … generic verbs only go in keyword views
    s = "坚持全面推进乡村振兴,加快实施。我们"
    assert text.tokenize(s) == ["坚持", "全面", "推进", "乡村振兴", "加快", "实施"]
    assert text.tokenize(s, drop_generic=True) == ["坚持", "全面", "乡村振兴"]
    assert text.tokenize(s, drop_stopwords=False) == [
        "坚持",
        "全面",
        "推进",
        "乡村振兴",
        "加快",
        "实施",
        "我们",
    ]


def test_tokens_frame_columns_and_offsets() -> None:
    frame = pd.DataFrame(
        {"doc_id": ["a", "b"], "sentence": ["建设宁波舟山港。", "推动共同富裕"], "n": [1, 2]}
    )
    toks = text.tokens_frame(frame)
    assert list(toks.columns) == ["doc_id", "n", "token_no", "token", "token_kind", "offset"]
    assert toks[["doc_id", "token", "offset", "token_no"]].values.tolist() == [
        ["a", "建设", 0, 0],
        ["a", "宁波舟山港", 2, 1],
        ["b", "推动", 0, 0],
        ["b", "共同富裕", 2, 1],
    ]
    # a quoted numeral name (seed 002: 制定实施“八五”普法规划) survives re-filtering of a tokens frame
    quoted = text.tokens_frame(pd.DataFrame({"doc_id": ["x"], "text": ["制定实施“八五”普法规划"]}))
    assert quoted[["token", "token_kind"]].values.tolist() == [
        ["制定", "word"],
        ["实施", "word"],
        ["八五", "quoted"],
        ["普法", "word"],
        ["规划", "word"],
    ]
    # keywords drop the generic 实施; all counts tie, so terms come in code-point order
    assert text.keywords(quoted, top_n=None)["term"].tolist() == ["八五", "制定", "普法", "规划"]


def test_no_log_output_in_process(capfd: pytest.CaptureFixture[str]) -> None:
    text.tokenize("宁波舟山港")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def _run(code: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=False
    )


def test_fresh_process_is_silent_and_caches_in_the_one_cache_folder(tmp_path: Path) -> None:
    code = "from ningbo_analysis import text; print(text.tokenize('推进“十四五”规划'))"
    env = {"XDG_CACHE_HOME": str(tmp_path), "NINGBO_ANALYSIS_CACHE": ""}
    for _ in range(2):  # first builds the cache, second loads it
        proc = _run(code, env)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        assert proc.stdout.strip() == "['推进', '十四五', '规划']"
    assert (tmp_path / "ningbo-analysis" / "jieba.cache").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ningbo-analysis"]  # one folder


def test_jieba_cache_follows_the_cache_variable(tmp_path: Path) -> None:
    proc = _run(
        "from ningbo_analysis import text; text.tokenize('宁波')",
        {"NINGBO_ANALYSIS_CACHE": str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path / "x")},
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert (tmp_path / "c" / "jieba.cache").is_file()
    assert not (tmp_path / "x").exists()


def test_jieba_logger_is_left_as_the_user_set_it(tmp_path: Path) -> None:
    code = (
        "import logging, warnings; warnings.simplefilter('ignore')\n"
        "import jieba; log = logging.getLogger('jieba'); log.setLevel(logging.INFO)\n"
        "before = (log.level, log.disabled, list(log.handlers), list(log.filters))\n"
        "from ningbo_analysis import text; print(text.tokenize('宁波舟山港'))\n"
        "from ningbo_analysis.present import plots; plots.quiet_logs()\n"
        "assert (log.level, log.disabled, list(log.handlers), list(log.filters)) == before\n"
        "print(logging.getLevelName(log.level))"
    )
    proc = _run(code, {"NINGBO_ANALYSIS_CACHE": str(tmp_path)})
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.split("\n")[1] == "INFO"


def test_cache_dir_falls_back_to_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("x")
    monkeypatch.delenv("NINGBO_ANALYSIS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert segmentation.cache_dir() == Path(tempfile.gettempdir())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert segmentation.cache_dir() == tmp_path / "ningbo-analysis"
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", "off")
    assert segmentation.cache_dir() == Path(tempfile.gettempdir())


def test_bad_input_errors() -> None:
    with pytest.raises(ParameterError, match="text must be a str"):
        text.tokenize(42)  # type: ignore[arg-type]
    for unhashable in (["宁波"], pd.Series(["宁波"])):  # looked up among remembered texts first
        for function in (text.tokenize, text.segment):
            with pytest.raises(ParameterError, match=r"text must be a str, got (list|Series)"):
                function(unhashable)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="'text' or 'sentence' column"):
        text.tokens_frame(pd.DataFrame({"body": ["宁波"]}))
    with pytest.raises(ParameterError, match="min_len"):
        text.tokenize("宁波", min_len=0)
    with pytest.raises(ParameterError, match="score must be"):
        text.keywords(pd.DataFrame({"doc_id": ["a"], "text": ["宁波"]}), score="bm25")
    with pytest.raises(ParameterError, match=r"grouping column\(s\) \['section'\]"):
        text.keywords(pd.DataFrame({"doc_id": ["a"], "text": ["宁波"]}), by="section")


# --------------------------------------------------------------------------- keywords


def test_keywords_tfidf_hand_computed() -> None:
    tokens = pd.DataFrame(
        {
            "doc_id": ["d1"] * 7 + ["d2"] * 4 + ["d3"] * 2,
            "token": [
                *["港口", "港口", "创新", "我们", "推进", "，", "2020"],
                *["创新", "绿色", "绿色", "绿色"],
                *["蓝天", "海洋"],
            ],
        }
    )
    kw = text.keywords(tokens, by="doc_id", top_n=None)
    # N = 3 groups; idf = ln((1+N)/(1+df)) + 1: df=1 → ln 2 + 1, df=2 (创新) → ln(4/3) + 1
    idf1, idf2 = math.log(4 / 2) + 1, math.log(4 / 3) + 1
    expected = [
        # d1 keeps 港口×2, 创新×1 (我们 stopword, 推进 generic, punctuation, number dropped)
        ("d1", 1, "港口", 2, 2 / 3, 1, idf1, 2 / 3 * idf1),
        ("d1", 2, "创新", 1, 1 / 3, 2, idf2, 1 / 3 * idf2),
        ("d2", 1, "绿色", 3, 3 / 4, 1, idf1, 3 / 4 * idf1),
        ("d2", 2, "创新", 1, 1 / 4, 2, idf2, 1 / 4 * idf2),
        # tie on tfidf and count: broken by term (海 U+6D77 < 蓝 U+84DD)
        ("d3", 1, "海洋", 1, 1 / 2, 1, idf1, 1 / 2 * idf1),
        ("d3", 2, "蓝天", 1, 1 / 2, 1, idf1, 1 / 2 * idf1),
    ]
    assert list(kw.columns) == ["doc_id", "rank", "term", "count", "tf", "df", "idf", "tfidf"]
    got = list(kw.itertuples(index=False, name=None))
    assert [g[:4] for g in got] == [e[:4] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[4:] == pytest.approx(e[4:])
    assert kw.loc[kw["term"] == "港口", "tfidf"].item() == pytest.approx(1.128765, abs=1e-6)
    by_count = text.keywords(tokens, by="doc_id", top_n=1, score="count")
    assert by_count["term"].tolist() == ["港口", "绿色", "海洋"]


def test_keywords_on_corpus_never_show_stopwords_punctuation_or_numbers(
    corpus: pd.DataFrame,
) -> None:
    kw = text.keywords(corpus, by="doc_id", top_n=None)
    lists = text.stopword_lists()
    terms = set(kw["term"])
    assert not terms & lists["stop"]
    assert not terms & lists["generic"]
    assert all(len(t) >= 2 for t in terms)
    assert not [t for t in terms if not any(ch.isalnum() for ch in t)]
    # numeral-only terms are user terms (十四五) or quoted names (“八五”) only
    quoted = {
        tok for doc in corpus["text"] for tok, _s, _e, kind in text.segment(doc) if kind == "quoted"
    }
    numeric = {t for t in terms if segmentation._number_re().match(t)}
    assert numeric <= set(text.user_terms()) | quoted
    assert not [t for t in terms if t.replace(".", "").isdigit()]
    # the Ningbo 2021 report writes 十四五 8 times (grep -o 十四五 on its line of seed 002):
    # every one survives the numeral filter, quoted or not
    ningbo = kw[kw["doc_id"] == "002-01"].set_index("term")
    assert ningbo.loc["十四五", "count"] == 8
    top = text.keywords(corpus, by="doc_id", top_n=5)
    assert top.groupby("doc_id").size().max() == 5
    # seed 002-05 is about the angel investment guidance fund
    assert {"基金", "财政资金"} <= set(top.loc[top["doc_id"] == "002-05", "term"])


# --------------------------------------------------------------------------- distinctive terms


def test_distinctive_terms_hand_computed() -> None:
    a = ["港口"] * 3 + ["创新"]  # n_a = 4
    b = ["港口"] + ["创新"] * 2 + ["绿色"]  # n_b = 4
    # prior = a + b: c = 港口 4, 创新 3, 绿色 1 (Σ 8); alpha0 = 8 → α_w = c_w, α_0 = 8
    out = text.distinctive_terms(a, b, alpha0=8).set_index("term")
    # 港口: δ = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7); var = 1/7 + 1/5
    d, v = math.log(7 / 5) - math.log(5 / 7), 1 / 7 + 1 / 5
    assert out.loc["港口", ["delta", "var", "z"]].tolist() == pytest.approx(
        [d, v, d / math.sqrt(v)]
    )
    assert out.loc["港口", "z"] == pytest.approx(1.149271, abs=1e-6)
    # 创新: δ = ln(4/8) - ln(5/7) = -0.356675; var = 1/4 + 1/5; z = -0.531700
    assert out.loc["创新", "delta"] == pytest.approx(math.log(4 / 8) - math.log(5 / 7))
    assert out.loc["创新", "z"] == pytest.approx(-0.531700, abs=1e-6)
    # 绿色: δ = ln(1/11) - ln(2/10) = -0.788457; var = 1 + 1/2; z = -0.643772
    assert out.loc["绿色", "z"] == pytest.approx(-0.643772, abs=1e-6)
    assert out.index.tolist() == ["港口", "创新", "绿色"]  # sorted by z
    assert out.loc["港口", ["count_a", "count_b"]].tolist() == [3, 1]
    # alpha0=None: the prior counts are used unscaled (here the same as alpha0 = 8)
    same = text.distinctive_terms(a, b, alpha0=None)
    assert same["z"].tolist() == pytest.approx(out["z"].tolist())


def test_distinctive_terms_external_prior_scaled() -> None:
    a = ["港口"] * 3 + ["创新"]
    b = ["港口"] + ["创新"] * 2 + ["绿色"]
    prior = {"港口": 10, "创新": 10, "绿色": 20, "其他": 60}
    # alpha0 = 10 → α: 港口 1, 创新 1, 绿色 2, 其他 6; α_0 = 10
    out = text.distinctive_terms(a, b, prior, alpha0=10).set_index("term")
    # 港口: δ = ln((3+1)/(4+10-3-1)) - ln((1+1)/(4+10-1-1)) = ln(0.4) - ln(1/6) = ln 2.4
    assert out.loc["港口", "delta"] == pytest.approx(math.log(2.4))
    assert out.loc["港口", "var"] == pytest.approx(1 / 4 + 1 / 2)
    assert "其他" not in out.index  # only terms seen in a or b are reported
    with pytest.raises(ParameterError, match="alpha0"):
        text.distinctive_terms(a, b, alpha0=-1)
    with pytest.raises(ParameterError, match="at least one term"):
        text.distinctive_terms(a, [])


def test_distinctive_terms_review_vs_targets(corpus: pd.DataFrame) -> None:
    sents = text.section_sentences(corpus)
    comp = text.comparison_sentences(sents, "review_vs_targets", region="宁波")
    assert comp.label_a == "回顾" and comp.label_b == "目标"
    assert set(comp.a["section_heading"]) == {"2020年和“十三五”工作回顾"}
    assert set(comp.b["section_heading"]) == {"“十四五”时期的主要目标任务"}
    out = text.distinctive_terms(comp.a, comp.b).set_index("term")
    # the targets section is about the 14th plan, the review names the 13th
    assert out.loc["十四五", "count_a"] == 0 and out.loc["十四五", "z"] < -2
    assert out.loc["十三五", "count_a"] > out.loc["十三五", "count_b"]
    assert out.loc["十三五", "z"] > 0


def test_comparisons_on_corpus(corpus: pd.DataFrame) -> None:
    sents = text.section_sentences(corpus)
    years = text.comparison_sentences(sents, "2021_vs_2023", region="宁波")
    assert set(years.a["section_heading"]) == {"2021年工作安排"}
    assert set(years.b["doc_id"]) == {"003-01"}
    assert "进一步加强高水平现代政府建设" not in set(years.b["section_heading"])
    regions = text.comparison_sentences(sents, "ningbo_vs_yuyao")
    assert set(regions.a["region"]) == {"宁波"} and set(regions.b["region"]) == {"余姚"}
    assert set(regions.a["year"]) == {2021} and set(regions.b["year"]) == {2021}
    with pytest.raises(ParameterError, match="comparison must be one of"):
        text.comparison_sentences(sents, "north_vs_south")
    with pytest.raises(ParameterError, match="no work-report sentences"):
        text.comparison_sentences(sents, "review_vs_targets", region="慈溪")


# --------------------------------------------------------------------------- themes

HAND_LEXICON = pd.DataFrame(
    {
        "theme": ["innovation", "innovation", "governance_security", "economy", "economy"],
        "keyword": ["科技创新", "创新", "社会治理创新", "市场", "经济社会发展"],
        "weight": [1, 1, 1, 0.5, 0],
    }
)


def test_sentence_themes_longest_match_and_weights() -> None:
    sents = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d1", "d2", "d2"],
            "sentence": [
                "加强社会治理创新",  # 社会治理创新 masks 创新 → governance only
                "推动科技创新和制度创新",  # 科技创新 + 创新 → innovation, score 2
                "培育市场",  # 0.5 < 1 → no theme
                "开拓市场、繁荣市场",  # 0.5 + 0.5 → economy
                "促进经济社会发展",  # weight 0 → no theme
            ],
        }
    )
    tagged = text.sentence_themes(sents, HAND_LEXICON)
    assert tagged[["sentence", "theme", "score", "matched"]].values.tolist() == [
        ["加强社会治理创新", "governance_security", 1.0, "社会治理创新"],
        ["推动科技创新和制度创新", "innovation", 2.0, "科技创新;创新"],
        ["开拓市场、繁荣市场", "economy", 1.0, "市场;市场"],
    ]
    shares = text.themes(sents, by="doc_id", lexicon=HAND_LEXICON)
    assert list(shares.columns) == [
        "doc_id",
        "theme",
        "label_zh",
        "n_sentences",
        "n_theme",
        "share",
    ]
    assert len(shares) == 2 * 8  # every theme for every group
    got = shares.set_index(["doc_id", "theme"])
    assert got.loc[("d1", "governance_security"), "share"] == pytest.approx(1 / 3)
    assert got.loc[("d1", "innovation"), "share"] == pytest.approx(1 / 3)
    assert got.loc[("d1", "economy"), "share"] == 0
    assert got.loc[("d2", "economy"), ["n_sentences", "n_theme", "share"]].tolist() == [2, 1, 0.5]
    assert got.loc[("d2", "green"), "label_zh"] == "绿色低碳"


def test_sentence_themes_real_sentences() -> None:
    sents = pd.DataFrame(
        {
            "sentence": [
                # seed 002 (Ningbo 2021 report)
                "宁波舟山港货物吞吐量稳居全球第1位,集装箱吞吐量跃居全球第3位。",
                "加快建设甬江科创大走廊和三大科创高地,研发投入强度提高到2.85%",
                # seed 000
                "全面从严治党向纵深推进,党风廉政建设持续加强。",
            ]
        }
    )
    tagged = text.sentence_themes(sents)
    assert tagged["theme"].tolist() == ["opening_up", "innovation", "party_building"]
    assert tagged["matched"].tolist()[0] == "宁波舟山港;吞吐量;集装箱;吞吐量"


def test_theme_lexicon_file_is_valid_and_uses_shared_ids() -> None:
    lex = text.theme_lexicon()
    names = pd.read_csv(REPO / "ningbo_analysis" / "data" / "theme_names.csv")
    assert set(lex["theme"]) == set(names["theme"])
    assert (lex["weight"] >= 0).all() and not lex["keyword"].duplicated().any()


def test_theme_lexicon_errors(tmp_path: Path) -> None:
    bad = tmp_path / "themes.csv"
    bad.write_text("theme,keyword,weight\ntechnology,创新,1\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"unknown theme id\(s\) \['technology'\]"):
        text.theme_lexicon(bad)
    bad.write_text("theme,keyword,weight\ninnovation,创新,heavy\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="weight is not a number"):
        text.theme_lexicon(bad)
    with pytest.raises(ParameterError, match="does not exist"):
        text.theme_lexicon(tmp_path / "missing.csv")


def test_themes_by_section_on_corpus(corpus: pd.DataFrame) -> None:
    sents = text.section_sentences(corpus)
    ningbo = sents[sents["doc_id"] == "002-01"]
    shares = text.themes(ningbo, by=["doc_id", "section_label"]).set_index(
        ["section_label", "theme"]
    )
    plan = "三 2021年工作安排"
    assert shares.loc[(plan, "economy"), "n_sentences"] == (ningbo["section_label"] == plan).sum()
    # party building is a minor theme of a government work report's annual plan
    assert shares.loc[(plan, "party_building"), "share"] < shares.loc[(plan, "economy"), "share"]


# --------------------------------------------------------------------------- determinism

DETERMINISM_CODE = """
import ningbo_analysis as na
from ningbo_analysis import text
corpus = na.load_corpus()
sents = text.section_sentences(corpus)
comp = text.comparison_sentences(sents, "ningbo_vs_yuyao")
print(text.keywords(corpus, top_n=10).to_csv(index=False))
print(text.distinctive_terms(comp.a, comp.b).head(40).to_csv(index=False))
print(text.themes(sents, by=["doc_id", "section"]).to_csv(index=False))
"""


def test_outputs_identical_across_processes(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        proc = _run(DETERMINISM_CODE, {"PYTHONHASHSEED": seed, "XDG_CACHE_HOME": str(tmp_path)})
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert "天使投资引导基金" in outs[0]


def test_keyword_table_and_group_order() -> None:
    tokens = pd.DataFrame(
        {
            "section": ["二", "二", "二", "一", "一"],
            "token": ["目标", "目标", "开放", "回顾", "开放"],
        }
    )
    kw = text.keywords(tokens, by="section", top_n=None, score="count")
    # groups keep document order (二 before 一), not code-point order
    assert kw["section"].tolist() == ["二", "二", "一", "一"]
    table = text.keyword_table(kw, by="section")
    assert table.values.tolist() == [["二", "目标(2) 开放(1)"], ["一", "回顾(1) 开放(1)"]]


def test_check_comparison() -> None:
    assert text.check_comparison("review_vs_targets") == "review_vs_targets"
    assert text.check_comparison("2020_vs_2025") == "2020_vs_2025"
    with pytest.raises(ParameterError, match="comparison must be one of"):
        text.check_comparison("ningbo_vs_hangzhou")


# --------------------------------------------------------------------------- notebook

NOTEBOOK = REPO / "notebooks" / "04_text_themes.ipynb"


def test_notebook_is_thin_and_committed_without_outputs() -> None:
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].metadata.get("tags") == ["parameters"]
    for name in ("region", "seeds_dir", "extra_docs", "plan", "output_dir", "comparison", "top_n"):
        assert f"{name} = " in code[0].source
    assert all(len(c.source.splitlines()) <= 15 for c in code)
    assert all(not c.outputs and c.execution_count is None for c in code)


def test_notebook_runs_for_yuyao(tmp_path: Path, seeds_dir: Path, corpus: pd.DataFrame) -> None:
    import nbformat
    import papermill as pm

    from ningbo_analysis.run import report

    out = tmp_path / "out"
    executed = tmp_path / "04.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(executed),
        parameters={
            "region": "余姚",
            "seeds_dir": str(seeds_dir),
            "output_dir": str(out),
            "comparison": "review_vs_targets",
            "top_n": 8,
        },
        kernel_name=report.ensure_kernel(),
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    nb = nbformat.read(executed, as_version=4)
    assert report.notebook_problems(nb) == []
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 3  # diverging bars, heatmap by section, heatmap by document
    # the CSV is the package's result, byte for byte
    sents = text.section_sentences(corpus)
    yuyao = sents[(sents["region"] == "余姚") & (sents["kind"] == "work_report")]
    kw = text.keywords(yuyao, by=["doc_id", "section_label"], top_n=8)
    expected = na_tables.write_table(kw, tmp_path / "expected.csv")  # plain decimals
    assert (out / "text_keywords_余姚.csv").read_bytes() == expected.read_bytes()
    dist = pd.read_csv(out / "text_distinctive_review_vs_targets_余姚.csv")
    # Yuyao's targets section (二、“十四五”发展主要目标…) is where 十四五 is typical
    assert dist.set_index("term").loc["十四五", "z"] < 0
    by_doc = pd.read_csv(out / "text_themes_by_document_余姚.csv")
    assert set(by_doc["doc_id"]) == {"002-02"} and len(by_doc) == 8


def test_malformed_data_files_raise_clear_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad_stop = tmp_path / "stopwords_extra.txt"
    bad_stop.write_text("# comment\n推进 generic\n加快 verbs\n", encoding="utf-8")
    bad_dict = tmp_path / "userdict.txt"
    bad_dict.write_text("十四五 n\n双循环 5 n\n宁波 舟山 港\n", encoding="utf-8")
    files = {"stopwords_extra.txt": bad_stop, "userdict.txt": bad_dict}
    monkeypatch.setattr(segmentation, "data_path", lambda name: files[name])
    with pytest.raises(ParameterError, match=r"stopwords_extra.txt: line '加快 verbs' is not"):
        segmentation.stopword_lists.__wrapped__()
    with pytest.raises(ParameterError, match=r"userdict.txt: line '宁波 舟山 港' is not"):
        segmentation._user_entries.__wrapped__()
    bad_dict.write_text("十四五 n\n双循环 5 n\n", encoding="utf-8")
    assert segmentation._user_entries.__wrapped__() == (("十四五", None, "n"), ("双循环", 5, "n"))


def test_theme_heatmap_is_seaborns_heatmap_pixel_for_pixel(corpus):
    # plot_theme_heatmap draws with matplotlib (seaborn.heatmap draws the figure once more to
    # test tick labels for overlap); the image is the one seaborn made, and its numbers are
    # the sentence shares
    import io

    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import PercentFormatter

    from ningbo_analysis.present import plots

    plots.setup_plotting()
    sents = text.section_sentences(corpus)
    own = sents[sents["region"] == "宁波"]
    scope = own[(own["kind"] == "work_report") & (own["section"] != "")]
    shares = text.themes(scope, by=["doc_id", "section_label"])
    ax = text_charts.plot_theme_heatmap(shares, index=["doc_id", "section_label"], vmax=0.5)
    cells = [t.get_text() for t in ax.texts]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows[0] == "002-01 一 2020年和“十三五”工作回顾"
    assert cells[:8] == ["28%", "10%", "8%", "26%", "19%", "8%", "17%", "3%"]
    white = [t.get_text() for t in ax.texts if t.get_color() == "w"]
    assert "86%" in white and "3%" not in white
    ours = io.BytesIO()
    ax.figure.savefig(ours, format="png", bbox_inches="tight")
    plt.close(ax.figure)

    table = shares.pivot_table(
        index=["doc_id", "section_label"], columns="label_zh", values="share", sort=False
    )
    table = table[list(dict.fromkeys(shares["label_zh"]))]
    table.index = [
        " ".join(k) if len(" ".join(k)) <= 28 else " ".join(k)[:27] + "…" for k in table.index
    ]
    fig, ref = plt.subplots(figsize=(1.0 * table.shape[1] + 3, 0.4 * table.shape[0] + 1.5))
    cbar = {"format": PercentFormatter(1.0, decimals=0), "label": "句子占比", "shrink": 0.8}
    sns.heatmap(
        table, annot=True, fmt=".0%", cmap="YlGnBu", vmin=0, vmax=0.5, cbar_kws=cbar, ax=ref
    )
    ref.tick_params(axis="y", labelrotation=0)
    ref.tick_params(axis="x", labelrotation=30)
    ref.set_xlabel("")
    ref.set_ylabel("")
    theirs = io.BytesIO()
    fig.savefig(theirs, format="png", bbox_inches="tight")
    plt.close(fig)
    assert ours.getvalue() == theirs.getvalue()
