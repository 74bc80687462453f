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

import itertools
import re
from functools import cache

import pandas as pd

from .resources import data_path

OUTLINE_COLUMNS = ["level", "marker", "number", "heading", "start", "end", "section_path"]
SENTENCE_COLUMNS = ["sent_id", "start", "end", "sentence", "section_path", "is_heading"]
QA_COLUMNS = ["qa_id", "question", "answer", "speaker", "speaker_title", "start", "end"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN = "一二三四五六七八九十"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Characters after which a marker may start: beginning, newline, space, sentence/clause end.
_BOUNDARY = "\n 。！？!?；;：:"
_MARKER = re.compile(
    rf"(?P<l1>[{_CN}]{{1,3}})、"
    rf"|[（(](?P<l2>[{_CN}]{{1,3}})[)）]"
    r"|(?P<l3>[0-9０-９]{1,2})[.．、](?![0-9０-９])"
    r"|[（(](?P<l4>[0-9０-９]{1,2})[)）]"
    rf"|第(?P<l5a>[{_CN}]{{1,3}})[,，、]"
    rf"|(?P<l5b>[{_CN}]{{1,3}})(?P<l5verb>[是要])(?=[^，,。])"
)
_HEADING_END = re.compile(r"[ \n。！？!?；;]")
_PARA_BREAK = re.compile(r"\n|(?<=[。！？!?：:；;”’」』)）])[ ]+(?=\S)")
_SENT_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n|(?<=[。！？!?：:；;”’」』)）])[ ]+(?=\S)")


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
    rows = []
    last: dict[int, int | None] = dict.fromkeys(range(1, 6))
    stack: list[tuple[int, str]] = []
    for m in _MARKER.finditer(text):
        if m.start() > 0 and text[m.start() - 1] not in _BOUNDARY:
            continue
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
        heading_end = _HEADING_END.search(text, m.end())
        h_end = heading_end.start() if heading_end else len(text)
        heading = _trim_heading(text[m.end() : min(h_end, m.end() + 60)])
        last[level] = n
        for deeper in range(level + 1, 6):
            last[deeper] = None
        stack = [(lv, lab) for lv, lab in stack if lv < level]
        stack.append((level, _label(level, number_text, verb, ordinal)))
        rows.append(
            {
                "level": level,
                "marker": m.group(0),
                "number": n,
                "heading": heading,
                "start": m.start(),
                "end": len(text),
                "section_path": " > ".join(lab for _, lab in stack),
            }
        )
    for i, row in enumerate(rows):
        for later in rows[i + 1 :]:
            if later["level"] <= row["level"]:
                row["end"] = later["start"]
                break
        if row["level"] == 5:
            brk = _PARA_BREAK.search(text, row["start"])
            if brk and brk.start() < row["end"]:
                row["end"] = brk.start()
    return pd.DataFrame(rows, columns=OUTLINE_COLUMNS)


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
    lines = data_path("heading_breaks.txt").read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _classify(m: re.Match[str]) -> tuple[int, str, str, bool]:
    for level, group in ((1, "l1"), (2, "l2"), (3, "l3"), (4, "l4")):
        if m.group(group):
            return level, m.group(group), "", False
    if m.group("l5a"):
        return 5, m.group("l5a"), "", True
    return 5, m.group("l5b"), m.group("l5verb"), False


def section_at(sections: pd.DataFrame, pos: int) -> str:
    """``section_path`` of the innermost outline section containing offset ``pos`` ('' if none)."""
    if sections.empty:
        return ""
    inside = sections.loc[(sections["start"] <= pos) & (pos < sections["end"])]
    if inside.empty:
        return ""
    return str(inside.sort_values(["level", "start"]).iloc[-1]["section_path"])


def sentences(text: str, sections: pd.DataFrame | None = None) -> pd.DataFrame:
    """Split ``text`` into sentences with offsets and the section each belongs to.

    Sentences end at 。！？!? (with any closing quote), at ；/; (clause lists are split into their
    clauses), at line breaks and at paragraph-separating spaces. A heading (``一、…`` up to the
    space that ends it) is its own sentence with ``is_heading=True``. Columns: ``sent_id`` (0-based),
    ``start``, ``end``, ``sentence`` (stripped), ``section_path``, ``is_heading``.
    """
    sections = outline(text) if sections is None else sections
    cuts = {0, len(text)}
    for m in _SENT_END.finditer(text):
        cuts.add(m.end())
    heading_spans = {}
    for row in sections.itertuples(index=False):
        if row.level <= 4:
            cuts.add(row.start)
            end = _HEADING_END.search(text, row.start + len(row.marker))
            if end and end.group(0) in " \n":
                cuts.add(end.start())
                heading_spans[row.start] = end.start()
    bounds = sorted(cuts)
    rows = []
    for s, e in itertools.pairwise(bounds):
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail <= lead:
            continue
        start, end = s + lead, s + trail
        rows.append(
            {
                "sent_id": len(rows),
                "start": start,
                "end": end,
                "sentence": text[start:end],
                "section_path": section_at(sections, start),
                "is_heading": heading_spans.get(start) == end,
            }
        )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


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
    words = [
        w.strip()
        for w in data_path("speaker_titles.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    return tuple(sorted(set(words), key=len, reverse=True))


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
