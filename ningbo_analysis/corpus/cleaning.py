"""Stage 1 — corpus: cleaning an article's raw text with an offset map back to the file. Page
furniture (navigation, headers, photo credits of ``data/furniture.csv``), scraping noise
(zero-width characters, markdown marks, a space inside a number) and blank lines are dropped, a
hard line break in mid-sentence is joined; every kept piece is copied 1:1 from the raw text, so
the ``(clean_start, raw_start, length)`` segments map any offset of the cleaned text back to the
raw file (:func:`to_raw_offset`, :func:`raw_span`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ningbo_analysis.errors import require_columns, require_int
from ningbo_analysis.resources import read_data_csv

_WS = " \t\r\f\v\xa0\u3000\u2002\u2003\u2009\ufeff"


@dataclass(frozen=True)
class _Furniture:
    line: tuple[re.Pattern[str], ...]
    inline: re.Pattern[str] | None


@cache
def _furniture() -> _Furniture:
    table = read_data_csv("furniture.csv")
    line = tuple(re.compile(p) for p in table.loc[table["scope"] == "line", "pattern"])
    inline_patterns = list(table.loc[table["scope"] == "inline", "pattern"])
    inline = re.compile("|".join(f"(?:{p})" for p in inline_patterns)) if inline_patterns else None
    return _Furniture(line, inline)


def is_furniture_line(line: str) -> bool:
    """True for a line that is page furniture (navigation, page header, footer, photo credit).

    >>> is_furniture_line("下一篇 4 放大 缩小 默认")
    True
    """
    stripped = line.strip(_WS)
    return any(p.search(stripped) for p in _furniture().line)


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SOFT_HYPHEN = "\xad"
_NUMBER_SPACE = "[ \\t\xa0\u2009\u202f\u3000]+"  # plain, no-break, thin and full-width spaces

# The one normalization of every entry point (load_corpus, the readers, extract_figures(str),
# parse_quantities): cut out zero-width characters and soft hyphens (invisible anywhere) and a
# space inside a number or before its percent sign ("1 234", "12\xa0408.7", "14.9 %",
# "1\u200b4.9%"), but not before a time (2026-01-19 16:42). Full-width digits are read by the
# parser as they are (same length); a no-break space becomes a space.
_NUMBER_NOISE = (
    rf"[{_ZERO_WIDTH}{_SOFT_HYPHEN}]+"
    rf"|(?<=[0-9０-９]){_NUMBER_SPACE}(?![0-9０-９]{{1,2}}[:：][0-9０-９])(?=[0-9０-９.．%％‰])"
    rf"|(?<=[0-9０-９][.．]){_NUMBER_SPACE}(?=[0-9０-９])"
)
_NUMBER_NOISE_RE = re.compile(_NUMBER_NOISE)
# every match of _NUMBER_NOISE holds one of these characters (and so does a no-break space): a
# text without any is clean, found by one character-class search (most sentences: no space)
_NOISE_CHARS = re.compile(f"[{_ZERO_WIDTH}{_SOFT_HYPHEN} \t\xa0\u2009\u202f\u3000]")


def normalize_numbers(text: str) -> tuple[str, tuple]:
    """``text`` with the noise inside numbers cut out (see ``_NUMBER_NOISE``) and no-break spaces
    made spaces, and its offset map back to ``text`` (``(clean_start, raw_start, length)``
    segments, as :func:`clean_text` gives: :func:`to_raw_offset`). A clean text is returned as
    it is, with one segment.

    >>> normalize_numbers("达到1\xa0234亿元，增长1\u200b4.9 %")[0]
    '达到1234亿元，增长14.9%'
    """
    if _NOISE_CHARS.search(text) is None:
        return text, ((0, 0, len(text)),) if text else ()
    segments = []
    pieces = []
    cursor = pos_clean = 0
    for m in _NUMBER_NOISE_RE.finditer(text):
        if m.start() > cursor:
            pieces.append(text[cursor : m.start()])
            segments.append((pos_clean, cursor, m.start() - cursor))
            pos_clean += m.start() - cursor
        cursor = m.end()
    if not segments and cursor == 0:
        clean = text
        segments = [(0, 0, len(text))] if text else []
    else:
        if cursor < len(text):
            pieces.append(text[cursor:])
            segments.append((pos_clean, cursor, len(text) - cursor))
        clean = "".join(pieces)
    if "\xa0" in clean:
        clean = clean.replace("\xa0", " ")
    return clean, tuple(segments)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# Cut out of a line (offsets of what stays still map to the raw text): the number noise of
# normalize_numbers (zero-width characters, soft hyphens, a space inside a number), markdown
# emphasis (**一、…**), heading marks (## ), images (![alt](src)), a link's brackets and address
# ([text](url) keeps text) and an HTML comment on one line (<!-- … -->).
_SCRAPE_NOISE = (
    rf"{_NUMBER_NOISE}|\*\*|(?<![^\r\n])#{{1,6}}[ \t]+"
    r"|!\[[^\]\n]*\]\([^)\n]*\)|<!--.*?-->"
    r"|\[(?=[^\]\n]*\]\([^)\s]*\))|(?<=[^\]\n!])\]\([^)\s]*\)"
)


_MARKDOWN_HEADING = re.compile(r"^\s*(?:\*\*|#{1,6}[ \t])")


_LINE_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}[.．、](?![0-9０-９]))"
)


_SENTENCE_END = "。！？!?；;：:”’」』)）…"


def clean_text(raw: str, start: int = 0, end: int | None = None) -> tuple[str, tuple]:
    """Clean ``raw[start:end]``: drop furniture lines and markers, blank lines, edge whitespace.

    Lines end at LF, CRLF or a bare CR. Scraping noise is cut out (zero-width characters, markdown
    ``**``, a space inside a number); a hard line break in the middle of a sentence is dropped
    (the two lines are joined). Returns the cleaned text (one paragraph per line, non-breaking
    spaces turned into spaces) and the offset map: ``(clean_start, raw_start, length)`` segments,
    copied 1:1 from the raw text.
    """
    end = len(raw) if end is None else end
    pattern = _cut_pattern()
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos_clean = 0
    previous = ""  # the last kept line, "" after a heading
    for line_start, line_end in _line_spans(raw, start, end):
        line = raw[line_start:line_end]
        if not line.strip(_WS + _ZERO_WIDTH) or is_furniture_line(line):
            continue
        lead = len(line) - len(line.lstrip(_WS))
        content_start = line_start + lead
        content_end = line_start + len(line.rstrip(_WS))
        spans = _inline_keep_spans(raw, content_start, content_end, pattern)
        if not spans:
            continue
        text = "".join(raw[s:e] for s, e in spans)
        if pieces and not _continues(previous, text):
            pieces.append("\n")
            pos_clean += 1
        for s, e in spans:
            chunk = raw[s:e].replace("\xa0", " ")
            pieces.append(chunk)
            segments.append((pos_clean, s, e - s))
            pos_clean += e - s
        previous = "" if _MARKDOWN_HEADING.match(line) else text
    return "".join(pieces), tuple(segments)


def _line_spans(raw: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """(start, end) of every line of ``raw[start:end]``; LF, CRLF and a bare CR end a line."""
    cursor = start
    for m in _LINE_BREAK.finditer(raw, start, end):
        yield cursor, m.start()
        cursor = m.end()
    if cursor < end:
        yield cursor, end


def _continues(previous: str, line: str) -> bool:
    """True when ``line`` continues the sentence of ``previous`` (a hard line break of a scrape).

    ``previous`` must be a body line cut mid-sentence: it ends with a comma or with a character
    that cannot end a sentence and holds a sentence or clause mark, it is no heading, and ``line``
    opens no heading.
    """
    if not previous or _LINE_HEADING.match(line) or _LINE_HEADING.match(previous):
        return False
    if line.startswith("|") or previous.startswith("|"):
        return False  # a table row is never joined to the text or row around it
    last = previous[-1]
    if last in "，,、“（(":
        return True
    if last in _SENTENCE_END or len(previous) < 16:
        return False
    return bool(re.search(r"[。，；]", previous))


@cache
def _cut_pattern() -> re.Pattern[str]:
    """Inline furniture markers of ``data/furniture.csv`` and scraping noise, as one pattern."""
    inline = _furniture().inline
    parts = [f"(?:{inline.pattern})"] if inline is not None else []
    return re.compile("|".join([*parts, f"(?:{_SCRAPE_NOISE})"]), re.M)


def _inline_keep_spans(
    raw: str, start: int, end: int, inline: re.Pattern[str] | None
) -> list[tuple[int, int]]:
    """Spans of ``raw[start:end]`` to keep once inline furniture markers are cut out."""
    if inline is None:
        return [(start, end)]
    spans = []
    cursor = start
    for m in inline.finditer(raw, start, end):
        if m.start() > cursor:
            spans.append((cursor, m.start()))
        cursor = max(cursor, m.end())
    if cursor < end:
        spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and raw[s] in _WS:
            s += 1
        while e > s and raw[e - 1] in _WS:
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def to_raw_offset(offset_map: tuple, pos: int) -> int:
    """Map an offset in cleaned text to the raw file (a synthetic newline maps to the next kept char)."""
    if not offset_map:
        return 0
    starts = [seg[0] for seg in offset_map]
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return offset_map[0][1]
    clean_start, raw_start, length = offset_map[i]
    if pos - clean_start <= length:
        return raw_start + (pos - clean_start)
    nxt = offset_map[i + 1] if i + 1 < len(offset_map) else None
    return nxt[1] if nxt else raw_start + length


def raw_span(article: pd.Series | dict, start: int, end: int) -> tuple[int, int]:
    """Raw-file offsets of ``article.text[start:end]`` (``article`` is a corpus row)."""
    require_columns(
        article,
        ["offset_map"],
        function="corpus.raw_span",
        argument="article",
        made_by="a row of load_corpus()",
    )
    for name, value in (("start", start), ("end", end)):
        require_int(value, function="corpus.raw_span", argument=name, minimum=0)
    offset_map = article["offset_map"]
    if end <= start:
        pos = to_raw_offset(offset_map, start)
        return pos, pos
    return to_raw_offset(offset_map, start), to_raw_offset(offset_map, end - 1) + 1


__all__ = [
    "clean_text",
    "is_furniture_line",
    "normalize_numbers",
    "raw_span",
    "to_raw_offset",
]
