"""Stage 4 — figures: every quantitative statement of an article as a tidy, sourced row.

``extract_figures(source, region=None, report_year=None)`` returns one row per figure:

=============  ==================================================================================
doc_id         article id (``"002-01"``; ``"text"`` for a plain string)
region         region the figure is about (the article's region)
section_path   outline path of the sentence (``"二 > 一是"``)
indicator      the measured thing, canonical through ``data/indicators.csv`` (地区生产总值)
concept        the concept shared by aliases (研发投入强度 for 研发经费支出占地区生产总值比重)
kind           ``actual`` (achieved) or ``target``
measure        level | growth | avg_growth | change | cumulative | share | rank
period         "2020", "2016-2020", "2015-2020" (change since 2015), "2025", "2021-2025",
               "2020-01~11" (January–November)
value          float in the base unit (12408.7亿元 → 1.24087e12); falls are negative; a fraction
               is a share in percent (比重稳定在1/3左右 → 33.33… %, unit %, like 比重达到33.5%)
value_high     upper end of a range (10%—15%), else NaN
unit           base unit (元, 美元, 人, %, 个百分点, 元/月 …)
qualifier      "" | approx | at_least | at_most | more_than | less_than
raw            the quantity as written (``12408.7亿元``)
sentence       the sentence it comes from
sentence_start offset of the sentence in the article's cleaned text (``raw`` is at
               ``start - sentence_start`` in ``sentence``, also when it is written there twice)
start, end     offsets of ``raw`` in the article's cleaned text
raw_start,     offsets of ``raw`` in the raw seed file (so the figure can be traced to the bytes)
raw_end
report_year    the year the document's 今年 refers to
title          article title
confidence     ``high``, or ``low`` when the indicator name has only two meaningful characters and
               is not in ``data/indicators.csv`` (工作, 项目, 总额: probably a fragment). Names are
               noun phrases: leading verbs and time words are trimmed (引进和培育总部企业 → 总部企业);
               a row whose name keeps fewer than two meaningful characters is not emitted
attribute      预期性 / 约束性 for a row of a plan's indicator table (:mod:`.tables`), else ""
=============  ==================================================================================

A table (Markdown pipe rows, as the corpus stage also writes the tables of .docx/.html/.pdf
files) is data: each cell of its year, growth and cumulative columns is a figure
(:mod:`.tables`), its rows are not read as sentences.

How a figure's *kind* and *period* are read, nearest context first:

1. the clause itself: an explicit year (到2025年 → target 2025), 比2015年 (change 2015→), 1-11月,
   今年 (report year) / 去年 (report year − 1), 年均 / 每年 (average growth over the plan period),
   累计 / 五年 (total over the plan period), 自2013年…以来 (a start: totals since then are
   "2013-<the statement's year>"), 在现有X…基础上 (the existing stock: an actual of the year before
   the report, also among targets);
2. the paragraph's opening: 一年来 (the year before the report), 五年来 / 过去五年 (the plan period just
   ended), 今年 (the report year);
3. the section heading: 回顾 / 成就 → achievements (with the heading's year or plan), 目标 / 安排 →
   targets (with the heading's year or plan: “十四五” → 2025 levels, 2021-2025 growth and totals);
4. the document: figures about years before the report year are actual, the report year's are targets.

In a paragraph that reviews a finished plan (五年来, “十三五”时期) or states a plan's targets (今后五年,
“十四五”时期是…, 《纲要草案》提出…), a rise or fall without a single year (能耗下降16%) is a change over
the whole period (review: "2015-2020", targets: "2021-2025"), 新增… counts are totals, levels belong
to the plan's end year, and ``从人均X提高到Y`` gives an actual of the base year (plan start − 1) and
a target. A fall (下降, 减少, 降低, 缩小) makes a growth or change negative; ``由X提高到Y`` gives a base-year and an
end-year level; ``A、B分别达到X和Y`` gives one figure per indicator (城镇居民和农村居民人均可支配收入: items
that repeat a head share the last item's tail; items that leave out the last item's head noun,
``list_head_noun`` cues, share its tail from that noun on: 战略新兴、装备制造产业增加值), and a nameless list right after it
(…分别达到X元、Y元，年均增长A%、B%) is split over the same items. A share without a subject
(…达到800亿元，占地区生产总值比重达到13%) is the share of what the figure before it measures. A
percent of units that become or reach something (50%以上的区县成为X, 建成区5%以上的面积达到X;
``share_unit_verb`` cues) is a share: X占比, 建成区达到X面积占比.

The driver is here (:func:`extract_figures`: arguments checked, articles read one by one in
:func:`_article_figures`); what it drives are the modules beside it: the cue lexicons (``cues``),
how the texts write time (``time_phrases``), the context and the period of a statement
(``context``, ``periods``), which numbers are figures (``candidates``), measures (``measures``),
indicator names (``names``, ``list_names``), reading a sentence (``sentence``, ``groups``,
``figure``) and the table (``table``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ningbo_analysis.corpus.cleaning import normalize_numbers
from ningbo_analysis.corpus.structure import SectionIndex, outline_rows, sentence_spans
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.figures.context import (
    _ContextReader,
    _document_context,
    _paragraph_openings,
    _RunningYear,
)
from ningbo_analysis.figures.figure import _Figure
from ningbo_analysis.figures.names import (
    _meaningful,
    _own_part,
    _own_region_names,
    _without_own_region,
)
from ningbo_analysis.figures.sentence import _sentence_figures, noun_phrase
from ningbo_analysis.figures.table import _figure_row, _frame, _RawOffsets, _SentenceAt
from ningbo_analysis.figures.tables import table_figures, table_lines

_REVIEW_YEAR = re.compile(r"((?:19|20)\d\d)年[^。\n]{0,12}?(?:工作)?(?:回顾|总结)")
# A "sentence" longer than this (a statistics table pasted as one line, a hostile input) is read in
# pieces cut at a clause mark: every look-back and look-ahead of a number stays within its piece,
# so reading is linear in the length (real sentences: at most ~800 characters)
MAX_SENTENCE = 1000
_PIECE_CUT = re.compile(r"[，,；;、：:。！？!?\s|]")
_NUMBERISH = re.compile(r"[0-9０-９.．,，%％‰\-−~～至]")


def extract_figures(
    source: pd.DataFrame | pd.Series | str,
    *,
    region: str | None = None,
    report_year: int | None = None,
) -> pd.DataFrame:
    """Extract every quantitative statement of ``source`` as a tidy, sourced table.

    ``source`` is a corpus DataFrame (every article; ``region`` filters it), one corpus row, or a
    plain string (then ``region`` and ``report_year`` describe it: the year its 今年 refers to).

    >>> t = "一、2020年工作回顾 全市地区生产总值达到12408.7亿元,比上年增长3.3%。"
    >>> extract_figures(t, region="宁波", report_year=2021)[["indicator", "period", "value"]]
       indicator period         value
    0  地区生产总值   2020  1.240870e+12
    1  地区生产总值   2020  3.300000e+00
    """
    _check_arguments(region, report_year)
    splits: list[tuple] = []
    if isinstance(source, str):
        art = _text_article(source, region, report_year)
        return _with_splits(_frame(_article_figures(art, splits)), splits)
    if isinstance(source, pd.Series):
        art = _corpus_article(source.to_dict(), report_year)
        return _with_splits(_frame(_article_figures(art, splits)), splits)
    rows: list[tuple] = []
    splits: list[tuple] = []
    for art in _select_region(_checked_corpus(source), region).to_dict("records"):
        rows.extend(_article_figures(_corpus_article(art, report_year), splits))
    return _with_splits(_frame(rows), splits)


def _with_splits(table: pd.DataFrame, splits: list[tuple]) -> pd.DataFrame:
    """``table`` with ``attrs["split_sentences"]``: (doc_id, start, end, pieces) of every sentence
    longer than ``MAX_SENTENCE`` characters read in pieces (see :func:`split_sentences`)."""
    table.attrs["split_sentences"] = tuple(splits)
    return table


def split_sentences(figures: pd.DataFrame) -> pd.DataFrame:
    """The over-long sentences (more than ``MAX_SENTENCE`` characters: a table pasted as one
    line) that :func:`extract_figures` read in pieces cut at clause marks, one row each:
    ``doc_id``, ``start``, ``end`` (offsets in the article's text) and ``pieces``. Empty when
    every sentence was read whole."""
    rows = list(figures.attrs.get("split_sentences", ()))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "pieces"])


def _check_arguments(region: object, report_year: object) -> None:
    """ParameterError for a ``region`` that is not text or a ``report_year`` that is not a year."""
    if region is not None and not isinstance(region, str):
        raise ParameterError(f"extract_figures: region must be a place name (text), not {region!r}")
    if report_year is None:
        return
    if isinstance(report_year, bool) or not isinstance(report_year, int | np.integer):
        raise ParameterError(
            f"extract_figures: report_year must be a year such as 2021, not {report_year!r}"
        )
    if not 1900 <= int(report_year) <= 2200:
        raise ParameterError(f"extract_figures: report_year {report_year} is not a plausible year")


def _text_article(text: str, region: str | None, report_year: int | None) -> dict:
    """An article row for a plain string (its report year inferred when not given), its numbers
    cleaned as ``load_corpus`` cleans them (``corpus.cleaning.normalize_numbers``): ``start``,
    ``end`` and ``sentence`` are in the cleaned string, ``raw_start``, ``raw_end`` in ``text``."""
    if report_year is None:
        report_year = infer_report_year(text)
    clean, offset_map = normalize_numbers(text)
    return {
        "doc_id": "text",
        "region": region or "",
        "reference_year": report_year,
        "title": "",
        "text": clean,
        "offset_map": offset_map,
    }


def _corpus_article(art: dict, report_year: int | None) -> dict:
    """A checked corpus row, its reference year overridden by ``report_year`` when given."""
    _check_article(art)
    if report_year is not None:
        art["reference_year"] = report_year
    return art


def _checked_corpus(source: object) -> pd.DataFrame:
    """``source`` as a corpus DataFrame with ``doc_id`` and ``text``, else a ParameterError."""
    if not isinstance(source, pd.DataFrame):
        raise ParameterError(
            f"extract_figures: source must be a corpus DataFrame, a corpus row or a string, "
            f"not {type(source).__name__}"
        )
    missing = {"doc_id", "text"} - set(source.columns)
    if missing:
        raise ParameterError(f"extract_figures: corpus lacks columns {sorted(missing)}")
    return source


def _select_region(corpus: pd.DataFrame, region: str | None) -> pd.DataFrame:
    """The articles of ``region`` (all when None); a ParameterError for a region not there."""
    if region is None:
        return corpus
    if "region" not in corpus.columns:
        raise ParameterError("extract_figures: region given but the corpus has no 'region' column")
    known = sorted(set(corpus["region"].dropna()))
    if region not in known:
        raise ParameterError(
            f"unknown region {region!r}; regions in the corpus: {', '.join(known)}"
        )
    return corpus.loc[corpus["region"] == region]


def infer_report_year(text: str) -> int | None:
    """The year a report's 今年 refers to, when not given: its review heading's year + 1
    (``一、2021年工作回顾`` → 2022); None when the text does not say."""
    m = _REVIEW_YEAR.search(text[:3000])
    return int(m.group(1)) + 1 if m else None


def _check_article(art: dict) -> None:
    """A clear error for an article row without usable text (instead of a deep TypeError)."""
    if "text" not in art:
        raise ParameterError("extract_figures: the article row has no 'text' field")
    if not isinstance(art["text"], str):
        raise ParameterError(
            f"extract_figures: article {art.get('doc_id', '?')!r} has no text "
            f"(got {type(art['text']).__name__})"
        )
    offset_map = art.get("offset_map")
    if offset_map is not None and not isinstance(offset_map, tuple | list):
        art["offset_map"] = ()  # not a corpus row from load_corpus: no raw offsets


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces of at most ``MAX_SENTENCE`` characters: each cut after the
    last clause mark (，；、 space …) of its second half, else where no number is cut in two."""
    out = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = limit
        for m in _PIECE_CUT.finditer(text, start + MAX_SENTENCE // 2, limit):
            cut = m.end()
        if cut == limit:  # no clause mark: back off while the cut would split a number
            while cut > start + MAX_SENTENCE // 2 and (
                _NUMBERISH.match(text, cut - 1) or _NUMBERISH.match(text, cut)
            ):
                cut -= 1
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _article_figures(art: dict, splits: list[tuple] | None = None) -> list[tuple]:
    """The figure rows of one article (a corpus row as a dict); over-long sentences read in
    pieces are added to ``splits``."""
    text: str = art["text"]
    ref = art.get("reference_year")
    ref = int(ref) if ref is not None and not pd.isna(ref) else None
    index = SectionIndex(outline_rows(text))
    starts, ends, headings = sentence_spans(text, index)
    contexts = _ContextReader(index, _paragraph_openings(text), ref)
    default = _document_context(art, index.heading, ref)
    running = None if default.kind else _RunningYear(text)
    # each sentence's figures become rows at once (plain tuples): the figures of a whole long
    # article are not kept as objects the garbage collector goes through again and again
    to_rows = _RowMaker(art, _SentenceAt(starts, ends, index), ref)
    rows = to_rows(table_figures(text, ref))  # tables are data (figures.tables)
    rows_at = sorted(table_lines(text))
    row_starts = [s for s, _ in rows_at]
    for start, end, heading in zip(starts, ends, headings, strict=True):
        i = bisect.bisect_right(row_starts, start) - 1
        if heading or (i >= 0 and start < rows_at[i][1]):
            continue  # a heading, or a row of a table (read by table_figures)
        pieces = _pieces(text, start, end) if end - start > MAX_SENTENCE else [(start, end)]
        if len(pieces) > 1 and splits is not None:
            splits.append((art.get("doc_id", "text"), start, end, len(pieces)))
        for s, e in pieces:
            rows.extend(to_rows(_sentence_figures(text, s, e, contexts, default, running)))
    return rows


class _RowMaker:
    """The table rows of figures of one article (``_figure_row``), figures without a name (a
    noun phrase of fewer than two meaningful characters) left out."""

    def __init__(self, art: dict, sent_at: _SentenceAt, ref: int | None) -> None:
        self.art, self.sent_at, self.ref = art, sent_at, ref
        self.raw = _RawOffsets(art.get("offset_map") or ())
        self.region = str(art.get("region") or "")
        self.own = _own_region_names(self.region)

    def __call__(self, figures: Iterable[_Figure]) -> list[tuple]:
        rows = []
        for f in figures:
            name = _without_own_region(noun_phrase(f.indicator), self.own)
            if name.endswith("占") and f.unit != "%":
                name = _own_part(name[:-1], (*self.own, self.region))
            if _meaningful(name) < 2:
                continue  # 与220多个国家, 内 (1个月内), 两 (两年平均): no indicator named
            rows.append(_figure_row(self.art, f, name, self.sent_at, self.raw, self.ref))
        return rows
