"""Stage 2 — structure: outline headings, sentences and Q&A pairs of an article, with offsets.

Chinese official documents number their parts in a fixed hierarchy, which gives the levels used here:

=====  ==============================  ======================  =============
level  marker                          example                 path label
=====  ==============================  ======================  =============
1      一、                            一、2020年和“十三五”工作回顾  ``一``
2      (一) / （一）                   (一)有力有效抓好疫情防控      ``(一)``
3      1. / 1、 / １．                 1.加快建设…                  ``1``
4      (1) / （1）                     (1)…                         ``(1)``
5      第一, / 一是 / 一要             一是推进高质量发展…           ``一是``
=====  ==============================  ======================  =============

A marker counts only at a paragraph or sentence start and only in sequence (the next number at its
level, or a first number under a new parent; enumerations of levels 3–5 may restart at 一), so that
"知行合 一、砥砺奋进" is not a heading. An enumeration item (level 5) ends with its paragraph.
``section_path`` joins the labels from the top: ``"二 > 一是"``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import cache, lru_cache

import pandas as pd

from ningbo_analysis.resources import read_data_lines

OUTLINE_COLUMNS = ["level", "marker", "number", "heading", "start", "end", "section_path"]
SENTENCE_COLUMNS = ["sent_id", "start", "end", "sentence", "section_path", "is_heading"]
QA_COLUMNS = ["qa_id", "question", "answer", "speaker", "speaker_title", "start", "end"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN = "一二三四五六七八九十"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Characters after which a marker may start: beginning, newline, space, sentence/clause end.
_BOUNDARY = "\n 。！？!?；;：:"
# a marker starts the text or follows a boundary (the lookbehind lets the scan skip every other
# position at once; no marker character is a boundary, so the matches are those of the pattern
# without it that start at a boundary)
_MARKER_BODY = (
    rf"(?P<marker>(?P<l1>[{_CN}]{{1,3}})、"
    rf"|[（(](?P<l2>[{_CN}]{{1,3}})[)）]"
    r"|(?P<l3>[0-9０-９]{1,2})[.．、](?![0-9０-９])"
    r"|[（(](?P<l4>[0-9０-９]{1,2})[)）]"
    rf"|第(?P<l5a>[{_CN}]{{1,3}})[,，、]"
    rf"|(?P<l5b>[{_CN}]{{1,3}})(?P<l5verb>[是要])(?=[^，,。])"
    r")"
)
_MARKER_AT_START = re.compile(_MARKER_BODY)
# after a boundary: the pattern opens with the boundary character itself (a literal class lets
# the regex engine skip to the next candidate at once, 7× faster than a look-behind); no marker
# character is a boundary, so these are the matches of "(?<=[…])marker", found in turn
_MARKER = re.compile(rf"[{re.escape(_BOUNDARY)}]{_MARKER_BODY}")


def _markers(text: str) -> Iterator[re.Match[str]]:
    """The list markers of ``text`` that start it or follow a boundary, in order (the ``marker``
    group is the marker itself)."""
    first = _MARKER_AT_START.match(text)
    if first:
        yield first
    yield from _MARKER.finditer(text, first.end() if first else 0)


_HEADING_END = re.compile(r"[ \n。！？!?；;]")
# Spaces after an end mark are written " (?<=[…] ) *": every alternative then opens with a literal
# character, which lets the regex engine skip to the next candidate at once (the same matches as
# "(?<=[…])[ ]+(?=\S)", three to four times faster)
_PARA_BREAK = re.compile(r"\n| (?<=[。！？!?：:；;”’」』)）] ) *(?=\S)")
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n| (?<=[。！？!?：:；;”’」』)）] ) *(?=\S)")


def cn_small_number(s: str) -> int:
    """Value of a small Chinese or Arabic numeral used in list markers (``"十二"`` → 12)."""
    s = s.translate(_FULLWIDTH_DIGITS)
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0))
    return _CN_DIGITS.get(s, 0)


def _label(level: int, number_text: str, verb: str = "", ordinal: bool = False) -> str:
    if level == 1:
        return number_text
    if level == 2:
        return f"({number_text})"
    if level == 3:
        return str(cn_small_number(number_text))
    if level == 4:
        return f"({cn_small_number(number_text)})"
    return f"第{number_text}" if ordinal else f"{number_text}{verb}"


def outline(text: str) -> pd.DataFrame:
    """Headings of an article: one row per accepted marker.

    Columns: ``level`` (1–5), ``marker`` (as written, e.g. ``"(一)"``), ``number`` (int),
    ``heading`` (text after the marker up to the first space, newline or sentence end, ≤ 60 chars),
    ``start``/``end`` (offsets of the section: from the marker to the next heading of the same or
    a higher level; level 5 stops at its paragraph's end), ``section_path``.

    >>> outline("一、回顾 内容。 二、目标 (一)创新 文字")["section_path"].tolist()
    ['一', '二', '二 > (一)']
    """
    return pd.DataFrame(outline_rows(text), columns=OUTLINE_COLUMNS)


def outline_rows(text: str) -> list[dict]:
    """The rows of :func:`outline` as dicts, for callers that want no DataFrame."""
    rows = []
    last: dict[int, int | None] = dict.fromkeys(range(1, 6))
    stack: list[tuple[int, str]] = []
    heading_ends = _Positions(_HEADING_END, text)
    for m in _markers(text):
        level, number_text, verb, ordinal = _classify(m)
        n = cn_small_number(number_text)
        if n <= 0:
            continue
        prev = last[level]
        if prev is None:
            ok = True
        else:
            ok = n == prev + 1 or (level >= 3 and n == 1)
        if not ok:
            continue
        h_start = m.end()  # 一、 2015年工作回顾: spaces after the marker open no empty heading
        while h_start < len(text) and text[h_start] in " \u3000\t":
            h_start += 1
        h_end = heading_ends.next(h_start, len(text))
        heading = _trim_heading(text[h_start : min(h_end, h_start + 60)])
        last[level] = n
        for deeper in range(level + 1, 6):
            last[deeper] = None
        stack = [(lv, lab) for lv, lab in stack if lv < level]
        stack.append((level, _label(level, number_text, verb, ordinal)))
        rows.append(
            {
                "level": level,
                "marker": m.group("marker"),
                "number": n,
                "heading": heading,
                "start": m.start("marker"),
                "end": len(text),
                "section_path": " > ".join(lab for _, lab in stack),
            }
        )
    open_rows: list[dict] = []  # rows not yet ended, levels increasing
    for row in rows:  # a section ends where the next one of its level or a higher one starts
        while open_rows and open_rows[-1]["level"] >= row["level"]:
            open_rows.pop()["end"] = row["start"]
        open_rows.append(row)
    breaks = _Positions(_PARA_BREAK, text)
    for row in rows:
        if row["level"] == 5:
            brk = breaks.next(row["start"], None)
            if brk is not None and brk < row["end"]:
                row["end"] = brk
    return rows


class _Positions:
    """Start offsets of every match of a pattern in ``text`` (found once), for "the first match at
    or after ``pos``" without searching the text again: ``pattern.search(text, pos).start()``."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.starts = _match_starts(pattern, text)

    def next(self, pos: int, default: int | None) -> int | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default


@lru_cache(maxsize=4)
def _match_starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Start offsets of the matches of ``pattern`` in ``text``; the last few texts remembered
    (:func:`outline_rows` and :func:`sentence_rows` both look for the ends of headings). Callers
    do not change the list."""
    return [m.start() for m in pattern.finditer(text)]


# a year right after a Chinese character starts the body, unless a conjunction lists it in the
# heading ("“十二五”时期和2015年工作回顾")
_RUN_ON_YEAR = re.compile(r"(?<=[\u4e00-\u9fff])(?<![和及与、])(?:19|20)\d\d年")


def _trim_heading(heading: str) -> str:
    """Cut a heading that runs on into its first sentence with no separator.

    "2020年工作回顾和“十三五”发展成就2020年极不平凡" → "2020年工作回顾和“十三五”发展成就": a year
    right after a Chinese character, or a body-opening word of ``data/heading_breaks.txt`` (根据 …),
    four or more characters in, starts the body.
    """
    heading = heading.strip()
    cut = len(heading)
    m = _RUN_ON_YEAR.search(heading, 4)
    if m:
        cut = m.start()
    for word in _heading_breaks():
        i = heading.find(word, 4)
        if 0 <= i < cut:
            cut = i
    return heading[:cut]


@cache
def _heading_breaks() -> tuple[str, ...]:
    return read_data_lines("heading_breaks.txt")


def _classify(m: re.Match[str]) -> tuple[int, str, str, bool]:
    for level, group in ((1, "l1"), (2, "l2"), (3, "l3"), (4, "l4")):
        if m.group(group):
            return level, m.group(group), "", False
    if m.group("l5a"):
        return 5, m.group("l5a"), "", True
    return 5, m.group("l5b"), m.group("l5verb"), False


class SectionIndex:
    """The sections of an outline table as plain arrays, for lookups by offset in per-sentence loops.

    ``containing(pos)`` gives the row numbers of the sections with ``start <= pos < end``, deepest
    (highest level) first; ``path_at(pos)`` the ``section_path`` of the innermost one.
    An outline from :func:`outline` is a tree (a section lies inside the one that contains its
    start, at a deeper level), so a lookup is a ``bisect`` and a walk up at most five parents; any
    other table gets a plain scan of its rows with the same answers.
    """

    def __init__(self, sections: pd.DataFrame | list[dict]) -> None:
        if isinstance(sections, pd.DataFrame):
            table = {c: sections[c].tolist() for c in sections.columns}
        else:  # rows of outline_rows()
            table = {c: [row[c] for row in sections] for c in OUTLINE_COLUMNS}
        n = len(sections)
        self.start: list[int] = [int(x) for x in table["start"]]
        self.end: list[int] = [int(x) for x in table["end"]]
        self.level: list[int] = [int(x) for x in table["level"]]
        self.marker: list[str] = [str(x) for x in table.get("marker", [""] * n)]
        self.path: list[str] = [str(x) for x in table.get("section_path", [""] * n)]
        self.heading: list[str] = [str(x) for x in table.get("heading", [""] * n)]
        self._parent = self._tree()

    def _tree(self) -> list[int] | None:
        """Parent row of every row when the sections nest (starts increasing, each section inside
        the open one that contains its start, one level deeper or more); None otherwise."""
        parent: list[int] = []
        open_rows: list[int] = []
        for i, (s, e, lv) in enumerate(zip(self.start, self.end, self.level, strict=True)):
            if i and s <= self.start[i - 1]:
                return None
            while open_rows and self.end[open_rows[-1]] <= s:
                open_rows.pop()
            if open_rows:
                top = open_rows[-1]
                if max(e, s) > self.end[top] or lv <= self.level[top]:
                    return None
            parent.append(open_rows[-1] if open_rows else -1)
            open_rows.append(i)
        return parent

    def containing(self, pos: int) -> list[int]:
        """Rows of the sections containing ``pos``, deepest level first (rows of one level in
        table order)."""
        if self._parent is None:
            rows = [
                i for i, (s, e) in enumerate(zip(self.start, self.end, strict=True)) if s <= pos < e
            ]
            return sorted(rows, key=lambda i: -self.level[i])
        out = []
        i = bisect.bisect_right(self.start, pos) - 1
        while i >= 0:
            if pos < self.end[i]:
                out.append(i)
            i = self._parent[i]
        return out

    def path_at(self, pos: int) -> str:
        """``section_path`` of the innermost section containing ``pos`` ('' if none): the deepest,
        of those the latest started (of equals, the last row)."""
        if self._parent is None:
            rows = self.containing(pos)
            if not rows:
                return ""
            return self.path[max(rows, key=lambda i: (self.level[i], self.start[i], i))]
        i = bisect.bisect_right(self.start, pos) - 1
        while i >= 0 and pos >= self.end[i]:
            i = self._parent[i]
        return self.path[i] if i >= 0 else ""

    def headings_at(self, pos: int) -> list[str]:
        """Headings of the sections containing ``pos``, innermost first."""
        return [self.heading[i] for i in self.containing(pos)]


def section_at(sections: pd.DataFrame | SectionIndex, pos: int) -> str:
    """``section_path`` of the innermost outline section containing offset ``pos`` ('' if none).

    For many offsets build a :class:`SectionIndex` once and pass it (a table is indexed per call).
    """
    index = sections if isinstance(sections, SectionIndex) else SectionIndex(sections)
    return index.path_at(pos)


def sentences(text: str, sections: pd.DataFrame | None = None) -> pd.DataFrame:
    """Split ``text`` into sentences with offsets and the section each belongs to.

    Sentences end at 。！？!? (with any closing quote), at ；/; (clause lists are split into their
    clauses), at line breaks and at paragraph-separating spaces. A heading (``一、…`` up to the
    space that ends it) is its own sentence with ``is_heading=True``. Columns: ``sent_id`` (0-based),
    ``start``, ``end``, ``sentence`` (stripped), ``section_path``, ``is_heading``.
    """
    index = SectionIndex(outline_rows(text) if sections is None else sections)
    return pd.DataFrame(sentence_rows(text, index), columns=SENTENCE_COLUMNS)


def sentence_rows(text: str, index: SectionIndex) -> list[dict]:
    """The rows of :func:`sentences` as dicts, the sections given as a :class:`SectionIndex`."""
    starts, ends, headings = sentence_spans(text, index)
    return [
        {
            "sent_id": i,
            "start": start,
            "end": end,
            "sentence": text[start:end],
            "section_path": index.path_at(start),
            "is_heading": heading,
        }
        for i, (start, end, heading) in enumerate(zip(starts, ends, headings, strict=True))
    ]


def sentence_spans(text: str, index: SectionIndex) -> tuple[list[int], list[int], list[bool]]:
    """The ``start``, ``end`` and ``is_heading`` columns of :func:`sentence_rows` as three lists
    (for a caller that reads the sentences' spans only: no strings, no section paths)."""
    cuts = {0, len(text)}
    for m in _SENT_END.finditer(text):
        cuts.add(m.end())
    heading_spans = {}
    heading_ends = _Positions(_HEADING_END, text)
    for level, start, marker in zip(index.level, index.start, index.marker, strict=True):
        if level <= 4:
            cuts.add(start)
            end = heading_ends.next(start + len(marker), None)
            if end is not None and text[end] in " \n":
                cuts.add(end)
                heading_spans[start] = end
    starts: list[int] = []
    ends: list[int] = []
    headings: list[bool] = []
    for s, e in itertools.pairwise(sorted(cuts)):
        if text[s].isspace() or text[e - 1].isspace():  # else the span is the sentence
            chunk = text[s:e]
            rest = chunk.lstrip()
            if not rest:
                continue
            start = s + len(chunk) - len(rest)
            end = start + len(rest.rstrip())
        else:
            start, end = s, e
        starts.append(start)
        ends.append(end)
        headings.append(heading_spans.get(start) == end)
    return starts, ends, headings


def corpus_sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """Sentences of every article of a corpus, with the article's ``doc_id, region, kind, year``."""
    frames = []
    for art in corpus.itertuples(index=False):
        sents = sentences(art.text)
        sents.insert(0, "doc_id", art.doc_id)
        sents.insert(1, "region", art.region)
        sents.insert(2, "kind", art.kind)
        sents.insert(3, "year", art.year)
        frames.append(sents)
    columns = ["doc_id", "region", "kind", "year", *SENTENCE_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


@cache
def _speaker_titles() -> tuple[str, ...]:
    return tuple(sorted(set(read_data_lines("speaker_titles.txt")), key=len, reverse=True))


_QUESTION = re.compile(r"^(?:问|记者问|提问)\s*[:：]\s*", re.M)
_ANSWER = re.compile(r"^答\s*[:：]\s*", re.M)
_SPEAKER = re.compile(r"^(?P<who>[^:：。，,！？!?\n]{3,40})[:：]", re.M)


def split_speaker(who: str) -> tuple[str, str]:
    """Split ``"市委常委、宣传部部长李军"`` into ``("李军", "市委常委、宣传部部长")``."""
    best = -1
    for title in _speaker_titles():
        i = who.rfind(title)
        if i >= 0:
            best = max(best, i + len(title))
    if best < 0:
        return "", ""
    name = who[best:].strip()
    if not 2 <= len(name) <= 4:
        return "", ""
    return name, who[:best].strip()


def qa_pairs(text: str) -> pd.DataFrame:
    """Question/answer pairs of a press conference or interview.

    A question starts a line with ``问:``; the answer runs to the next question. When the answer
    opens with ``<title><name>:`` (``市商务局党组书记、局长张延:``) the speaker and title are split
    out; ``答:`` answers have no speaker. Columns: ``qa_id`` (1-based), ``question``, ``answer``,
    ``speaker``, ``speaker_title``, ``start``/``end`` (offsets of the whole pair in ``text``).
    """
    starts = [m for m in _QUESTION.finditer(text)]
    rows = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        nl = text.find("\n", m.end(), end)
        q_end = nl if nl >= 0 else end
        question = text[m.end() : q_end].strip()
        rest_start = q_end
        rest = text[rest_start:end]
        speaker = title = ""
        body_offset = len(rest) - len(rest.lstrip())
        body = rest.lstrip()
        a = _ANSWER.match(body)
        if a:
            body = body[a.end() :]
        else:
            sp = _SPEAKER.match(body)
            if sp:
                name, job = split_speaker(sp.group("who"))
                if name:
                    speaker, title = name, job
                    body = body[sp.end() :]
        del body_offset
        rows.append(
            {
                "qa_id": i + 1,
                "question": question,
                "answer": _drop_trailing_item_number(body.strip()),
                "speaker": speaker,
                "speaker_title": title,
                "start": m.start(),
                "end": end,
            }
        )
    return pd.DataFrame(rows, columns=QA_COLUMNS)


def _drop_trailing_item_number(answer: str) -> str:
    """Drop a bare question number (``"\\n4"``) that precedes the next question in interviews."""
    return re.sub(r"\n\s*\d{1,2}\s*$", "", answer)


__all__ = [
    "OUTLINE_COLUMNS",
    "QA_COLUMNS",
    "SENTENCE_COLUMNS",
    "SectionIndex",
    "cn_small_number",
    "corpus_sentences",
    "outline",
    "outline_rows",
    "qa_pairs",
    "section_at",
    "sentence_rows",
    "sentence_spans",
    "sentences",
    "split_speaker",
]
