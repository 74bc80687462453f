"""Figures in linear time: the per-sentence lookups (running year, sections, openings) must not
rescan the text before a sentence, and must give the answers of the plain definitions.

No timings: the linearity test counts the characters the module's regular expressions are given
to scan, which grows with the square of the length when a prefix is rescanned per sentence."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ningbo_analysis.corpus import structure
from ningbo_analysis.corpus.structure import SectionIndex, outline, section_at, sentences
from ningbo_analysis.figures import (
    candidates,
    context,
    cues,
    extract,
    figure,
    groups,
    list_names,
    measures,
    names,
    periods,
    sentence,
    time_phrases,
)
from ningbo_analysis.figures import table as figure_table
from ningbo_analysis.figures.context import _RunningYear
from ningbo_analysis.figures.extract import extract_figures

# the modules the figures stage reads with (their patterns are counted, where they live)
FIGURE_MODULES = (
    extract,
    candidates,
    context,
    cues,
    figure,
    groups,
    list_names,
    measures,
    names,
    periods,
    sentence,
    figure_table,
    time_phrases,
)

# A made-up news article (no headings: the running year places its figures).
NEWS = (
    "2019年，青川市经济运行总体平稳。全市生产总值达到820亿元，增长6.1%。"
    "一般公共预算收入完成61亿元，增长4.3%。到2025年，全市常住人口城镇化率提高到70%。"
    "城镇居民人均可支配收入4.8万元，增长7.2%；农村居民人均可支配收入2.6万元，增长8.0%。"
    "2020年全市新增城镇就业3.1万人。进出口总额达到150亿元。"
    "截至2021年底，全市高新技术企业达到420家。规上工业增加值增长9.5%。\n"
)


def _old_running_year(text: str, pos: int) -> int | None:
    """The definition the incremental reading must match: the last year of ``text[:pos]`` once
    到…年 phrases are taken out."""
    years = time_phrases._YEAR_RE.findall(time_phrases._TO_YEAR_RE.sub("", text[:pos]))
    return int(years[-1]) if years else None


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="到至截止20219年底末前。，x", max_size=60),
    st.lists(st.integers(0, 60), max_size=12),
)
def test_running_year_matches_the_prefix_definition(text: str, cuts: list[int]) -> None:
    running = _RunningYear(text)
    for pos in [*sorted(min(c, len(text)) for c in cuts), *cuts[:2]]:  # then back: starts over
        pos = min(pos, len(text))
        assert running.last_year(pos) == _old_running_year(text, pos), (text, pos)


def test_running_year_at_every_offset() -> None:
    text = "2018年末到2030年收入增长5%。至20" + "22年投资9亿元。截至2020年，20到2021年21年"
    running = _RunningYear(text)
    got = [running.last_year(p) for p in range(len(text) + 1)]
    assert got == [_old_running_year(text, p) for p in range(len(text) + 1)]
    assert got[text.index("收入")] == 2018  # 到2030年 is where it runs to, not its year
    assert got[text.index("投资")] == 2018  # 至2022年 is taken out once it is complete
    assert got[-1] == 2021  # "20到2021年21年": the 到…年 taken out joins 20 and 21年


def _old_section_at(sections: pd.DataFrame, pos: int) -> str:
    inside = sections.loc[(sections["start"] <= pos) & (pos < sections["end"])]
    if inside.empty:
        return ""
    return str(inside.sort_values(["level", "start"]).iloc[-1]["section_path"])


def _old_headings(sections: pd.DataFrame, pos: int) -> list[str]:
    inside = sections.loc[(sections["start"] <= pos) & (pos < sections["end"])]
    return list(inside.sort_values("level", ascending=False)["heading"])


REPORT = (
    "一、2020年工作回顾 全市生产总值达到900亿元。(一)产业 一是工业增长5%，二是服务业增长6%。\n"
    "1.制造业 产值达到300亿元。2.建筑业 产值达到80亿元。(二)民生 就业增加1万人。\n"
    "二、2021年目标 (一)增长 生产总值增长6%。1.投资 增长8%。(1)基建 增长9%。三、其他 无。"
)


def test_section_index_answers_like_the_table(corpus: pd.DataFrame) -> None:
    texts = [REPORT, *corpus["text"]]
    for text in texts:
        sections = outline(text)
        index = SectionIndex(sections)
        for pos in range(0, len(text) + 1, 7 if text is REPORT else 31):
            assert index.path_at(pos) == _old_section_at(sections, pos)
            assert index.headings_at(pos) == _old_headings(sections, pos)
    sections = outline(REPORT)
    assert section_at(sections, REPORT.index("300亿元")) == "一 > (一) > 1"
    assert section_at(sections, REPORT.index("增长9%")) == "二 > (一) > 1 > (1)"
    headings = SectionIndex(sections).headings_at(REPORT.index("增长5%"))
    assert headings == ["工业增长5%，二是服务业增长6%", "产业", "2020年工作回顾"]


def test_section_index_of_a_table_that_does_not_nest() -> None:
    """A hand-made table whose sections overlap is scanned row by row, with the same answers."""
    table = pd.DataFrame(
        {
            "level": [1, 2, 2, 3],
            "start": [0, 5, 8, 9],
            "end": [30, 12, 20, 25],  # (5, 12) and (8, 20) overlap; (9, 25) leaves its parent
            "section_path": ["一", "一 > (一)", "一 > (二)", "一 > (二) > 1"],
            "heading": ["a", "b", "c", "d"],
        }
    )
    index = SectionIndex(table)
    for pos in range(32):
        assert index.path_at(pos) == _old_section_at(table, pos)
        assert index.headings_at(pos) == _old_headings(table, pos)
    assert index.path_at(10) == "一 > (二) > 1"
    assert index.path_at(22) == "一 > (二) > 1"
    assert index.path_at(27) == "一"


def test_sentences_keep_their_sections() -> None:
    table = sentences(REPORT)
    row = table.loc[table["sentence"].str.startswith("产值达到300亿元")].iloc[0]
    assert row["section_path"] == "一 > (一) > 1"
    assert table.loc[table["is_heading"], "sentence"].tolist()[:3] == [
        "一、2020年工作回顾",
        "(一)产业",
        "1.制造业",
    ]


def test_a_repeated_article_gives_its_figures_again() -> None:
    """The reading state carried from sentence to sentence gives each copy the same figures."""
    one = extract_figures(NEWS, region="青川")
    two = extract_figures(NEWS * 2, region="青川")
    assert len(one) == 13
    assert len(two) == 2 * len(one)
    cols = ["indicator", "kind", "measure", "period", "value", "unit", "raw"]
    second = two.iloc[len(one) :].reset_index(drop=True)
    pd.testing.assert_frame_equal(second[cols], one[cols])
    assert (second["start"] - one["start"]).eq(len(NEWS)).all()
    gdp = one.loc[one["raw"] == "820亿元"].iloc[0]
    assert (gdp["indicator"], gdp["period"], gdp["value"]) == ("地区生产总值", "2019", 8.2e10)
    # 到2025年 and 截至2021年 are not running years: the next sentences stay in 2019 and 2020
    assert one.loc[one["raw"] == "4.8万元", "period"].item() == "2019"
    assert one.loc[one["raw"] == "150亿元", "period"].item() == "2020"
    assert one.loc[one["raw"] == "420家", "period"].item() == "2021"
    assert one.loc[one["raw"] == "9.5%", "period"].item() == "2020"


class _Counting:
    """A compiled pattern that adds the characters each call is given to scan to ``counter``."""

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self._p, self._n = pattern, counter

    def __getattr__(self, name: str):
        return getattr(self._p, name)

    def _scan(self, name: str, string: str, *args, **kw):
        self._n[0] += len(string)
        return getattr(self._p, name)(string, *args, **kw)

    def search(self, string, *a, **k):
        m = self._p.search(string, *a, **k)
        start = a[0] if a else k.get("pos", 0)
        self._n[0] += (m.end() if m else len(string)) - start
        return m

    def findall(self, string, *a, **k):
        return self._scan("findall", string, *a, **k)

    def finditer(self, string, *a, **k):
        return self._scan("finditer", string, *a, **k)

    def split(self, string, *a, **k):
        return self._scan("split", string, *a, **k)

    def sub(self, repl, string, *a, **k):
        self._n[0] += len(string)
        return self._p.sub(repl, string, *a, **k)


def _scanned(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    counter = [0]
    for module in (*FIGURE_MODULES, structure):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _Counting(value, counter))
    extract_figures(text, region="青川")
    monkeypatch.undo()
    return counter[0]


def test_scanning_grows_linearly_with_the_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice the text, twice the scanning (a per-sentence rescan of the prefix gives ~4×)."""
    n = 60 * len(NEWS)
    small = _scanned(monkeypatch, NEWS * 60)
    large = _scanned(monkeypatch, NEWS * 120)
    assert small > n  # the counter does count: every character is scanned at least once
    assert large / small < 2.2, (small, large)  # old code: 7.4 M → 29.0 M characters, 3.9×


def _segments_handed(monkeypatch: pytest.MonkeyPatch, folder, text: str) -> tuple[int, int]:
    """Offset-map segments handed to ``to_raw_offset`` while extracting a file holding ``text``,
    and the number of figures."""
    from ningbo_analysis.corpus import cleaning as corpus_module
    from ningbo_analysis.corpus.load import load_corpus

    folder.mkdir()
    (folder / "news.txt").write_text(
        "---\ntitle: 青川新闻\nregion: 青川\nkind: news\n---\n" + text, encoding="utf-8"
    )
    loaded = load_corpus(folder)
    counter = [0]
    original = corpus_module.to_raw_offset

    def counting(offset_map, pos):
        counter[0] += len(offset_map)
        return original(offset_map, pos)

    monkeypatch.setattr(corpus_module, "to_raw_offset", counting)
    monkeypatch.setattr(figure_table, "to_raw_offset", counting)
    table = extract_figures(loaded)
    monkeypatch.undo()
    art = loaded.iloc[0]
    raw = (folder / "news.txt").read_text(encoding="utf-8")
    for row in table.itertuples(index=False):  # provenance: the raw bytes hold what was read
        assert raw[row.raw_start : row.raw_end] == art["text"][row.start : row.end] == row.raw
    return counter[0], len(table)


def test_raw_offsets_grow_linearly_with_the_length(monkeypatch, tmp_path) -> None:
    """Each figure's raw offsets come from the segments around it, not from the whole offset map
    (whose size grows with the file: a per-figure pass over it is quadratic, ~4× at 2n)."""
    small, n_small = _segments_handed(monkeypatch, tmp_path / "a", NEWS * 40)
    large, n_large = _segments_handed(monkeypatch, tmp_path / "b", NEWS * 80)
    assert n_small == 40 * 13 and n_large == 80 * 13
    assert large / small < 2.2, (small, large)  # old code: 41,600 → 166,400 segments, 4×


def test_shift_copies_every_field_of_a_quantity() -> None:
    """candidates._shift builds its Quantity positionally (a hot path): it must equal a copy by
    field names, so a field added to Quantity cannot be dropped or swapped there."""
    from ningbo_analysis.figures.candidates import _shift
    from ningbo_analysis.numbers.parser import parse_quantities
    from ningbo_analysis.numbers.quantity import _replace

    [q] = parse_quantities("地区生产总值达到1.7万亿元左右")
    moved = _shift(q, 100)
    assert moved == _replace(q, start=q.start + 100, end=q.end + 100)
    assert (moved.value, moved.unit, moved.qualifier, moved.start) == (
        1.7e12,
        "元",
        "approx",
        108,
    )  # 1.7 is at 8


def test_end_mark_patterns_match_as_their_plain_lookbehind_form() -> None:
    """structure._SENT_END/_PARA_BREAK and context._PARA_SPLIT write "spaces after an end mark" with
    a literal space first (fast); they must find exactly what the plain lookbehind form finds."""
    import random

    plain = {
        structure._SENT_END: r"[。！？!?；;]+[”’」』)）]*|\n|(?<=[。！？!?：:；;”’」』)）])[ ]+(?=\S)",
        structure._PARA_BREAK: r"\n|(?<=[。！？!?：:；;”’」』)）])[ ]+(?=\S)",
        context._PARA_SPLIT: r"\n|(?<=[。！？!?”])[ ]+(?=\S)",
    }
    rng = random.Random(7)
    chars = "。！？!?；;：:”’」』)）  \n\ta文\u3000"
    texts = ["".join(rng.choice(chars) for _ in range(rng.randint(0, 300))) for _ in range(300)]
    for fast, slow in plain.items():
        reference = re.compile(slow)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in reference.finditer(text)
            ], (fast.pattern, text)
