"""Stage 1 — corpus: load the seed files, verify them, split them into articles and clean them.

``load_corpus(seeds_dir)`` returns one row per **article** with these columns:

=============  ==============================================================================
doc_id         ``"002-01"``: seed number and article number within the file
seed_file      file name in the seeds folder
title          article title (``【channel】`` prefix removed; the manifest title for one-article files)
date           ISO date, as precise as the source allows (``2021-02-21``, ``2020-12``, ``2023``)
year           int, year of ``date``
reference_year int, the year the document's 今年 refers to (a report delivered in 2021 → 2021)
region         canonical region (宁波, 余姚, 海曙区, 慈溪 …) from ``data/regions.csv``
kind           work_report, press_qa, interview, news, conference …
text           cleaned article body (page furniture and non-breaking spaces removed)
start, end     character offsets of the article body in the raw (decoded) file
offset_map     tuple of ``(clean_start, raw_start, length)`` segments: cleaned → raw offsets
=============  ==============================================================================

Use :func:`raw_span` to map an offset range of ``text`` back to the raw file.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import hashlib
import io
import os
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from ningbo_analysis.errors import (
    NotFoundError,
    ParameterError,
    SeedError,
    require_columns,
    require_int,
)
from ningbo_analysis.resources import default_seeds_dir, read_data_csv

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = [
    "file",
    "sha256",
    "title",
    "date",
    "publisher",
    "regions",
    "kind",
    "reference_year",
    "description",
]
CORPUS_COLUMNS = [
    "doc_id",
    "seed_file",
    "title",
    "date",
    "year",
    "reference_year",
    "region",
    "kind",
    "text",
    "start",
    "end",
    "offset_map",
]

_WS = " \t\r\f\v\xa0\u3000\u2002\u2003\u2009\ufeff"
_DATE_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_SEPARATOR_LINE = re.compile(r"^\s*-\s*$")
_CHANNEL = re.compile(r"^\s*【([^】]{1,20})】\s*")
_DELIVERED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*在[^。]{0,40}?(?:会议|大会)上")


# --------------------------------------------------------------------------------------------
# Reading and verification
# --------------------------------------------------------------------------------------------


def read_seed(path: Path) -> str:
    """Read one seed file as UTF-8, raising :class:`SeedError` naming the file on any problem.

    A file in another encoding gets a named guess and the command that converts it
    (UTF-16 with or without BOM, GB18030/GBK, Big5); a file with control characters (NUL …,
    a binary file) is refused with the line and column of the first one.
    """
    if not path.is_file():
        problem = "is not a regular file" if path.exists() else "not found"
        raise SeedError(f"seed file {problem}: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(f"cannot read seed file {path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise SeedError(f"seed file is empty: {path}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(data)
        if guess:
            raise SeedError(_convert_hint(path, guess)) from None
        raise SeedError(
            f"seed file is not valid UTF-8: {path} (byte {exc.start}: {exc.reason}) and no "
            "known encoding (UTF-16, GBK, Big5) fits; save it as UTF-8 text"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _CONTROL.search(text)
    if bad:
        guess = guess_encoding(data) if "\x00" in text else ""
        if guess:
            raise SeedError(_convert_hint(path, guess))
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise SeedError(
            f"{path}: control character U+{ord(bad.group()):04X} at line {line}, column {column}: "
            "not a plain text document (a binary file?); remove the control characters or "
            "export the document as plain UTF-8 text"
        )
    return text


# C0 controls except tab, LF, VT, FF and CR; DEL; C1 controls (mis-decoded text).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# What text of this kind is made of: ASCII, Latin-1 letters, general and CJK punctuation,
# CJK ideographs, full-width forms.
_TEXTY = re.compile(
    r"[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u2100-\u22ff\u2460-\u24ff\u2500-\u25ff"
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
_ICONV_NAMES = {"UTF-16": "UTF-16", "UTF-16LE": "UTF-16LE", "UTF-16BE": "UTF-16BE",
                "GB18030": "GB18030", "Big5": "BIG5"}  # fmt: skip


def _texty(text: str, share: float = 0.95) -> bool:
    """True when ``text`` has no control characters and nearly all its characters are
    ASCII, CJK or punctuation (a wrong decoding gives Hangul, kana, private-use characters)."""
    if not text or _CONTROL.search(text.replace("\ufeff", "")):
        return False
    return len(_TEXTY.findall(text)) >= share * len(text)


def guess_encoding(data: bytes) -> str:
    """The encoding ``data`` most likely is in, among UTF-16 (BOM), UTF-16LE/BE (no BOM),
    GB18030 (GBK, GB2312) and Big5; "" when none decodes it as plausible text.

    >>> guess_encoding("宁波市".encode("utf-16")), guess_encoding("宁波市政府".encode("gbk"))
    ('UTF-16', 'GB18030')
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and _decodes(data, "utf-16"):
        return "UTF-16"
    for codec, name in (("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")):
        if len(data) % 2 == 0 and _decodes(data, codec):
            return name
    gb = _decoded(data, "gb18030")
    if gb is not None:
        hanzi = [c for c in gb if "\u4e00" <= c <= "\u9fff"]
        common = sum(1 for c in hanzi if _in_gb2312(c))
        if common >= 0.9 * len(hanzi):
            return "GB18030"
    if _decodes(data, "big5"):
        return "Big5"
    return "GB18030" if gb is not None else ""


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text if _texty(text) else None


def _decodes(data: bytes, codec: str) -> bool:
    return _decoded(data, codec) is not None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _convert_hint(path: Path, encoding: str) -> str:
    """``<file>: looks like UTF-16 (not valid UTF-8); convert with iconv … > <file>.utf8 …``."""
    out = path.with_name(path.name + ".utf8")
    label = "GB18030/GBK" if encoding == "GB18030" else encoding
    return (
        f"{path}: looks like {label} (not valid UTF-8); convert with "
        f"iconv -f {_ICONV_NAMES[encoding]} -t UTF-8 {shlex.quote(str(path))} > "
        f"{shlex.quote(str(out))} and put the converted file in its place"
    )


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(seeds_dir: Path) -> pd.DataFrame | None:
    """The folder's ``manifest.csv`` (all columns strings), or ``None`` when there is none."""
    path = seeds_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise SeedError(f"cannot read manifest {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        guess = guess_encoding(data)
        if guess:
            raise SeedError(_convert_hint(path, guess)) from None
        raise SeedError(f"manifest {path} is not UTF-8 text; save it as UTF-8 CSV") from None
    if b"\x00" in data:
        raise SeedError(f"manifest {path} holds NUL bytes: not a CSV text file")
    try:
        manifest = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        problem = " ".join(str(exc).split())
        raise SeedError(f"cannot read manifest {path}: {problem}") from None
    manifest.columns = [str(c).strip() for c in manifest.columns]
    missing = [c for c in MANIFEST_COLUMNS if c not in manifest.columns]
    if missing:
        raise SeedError(f"manifest {path} lacks columns: {', '.join(missing)}")
    # fields as typed may hold spaces (" 2021-02-03"): stripped once, for checks and use alike
    manifest = manifest.apply(lambda col: col.str.strip())
    _check_manifest(path, manifest, text)
    return manifest


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _record_lines(text: str) -> list[int]:
    """First line number of every data record of a CSV text (quoted fields may span lines)."""
    starts = []
    reader = csv.reader(io.StringIO(text, newline=""))
    previous = next(reader, None) and reader.line_num
    for row in reader:
        if row:
            starts.append(previous + 1)
        previous = reader.line_num
    return starts


def _check_manifest(path: Path, manifest: pd.DataFrame, text: str) -> None:
    """Every row names a file and has a real date, a year as reference_year and a SHA-256:
    a one-line SeedError naming the manifest (``path``, read as ``text``) and the line
    otherwise. The fields are stripped already (:func:`read_manifest`)."""
    lines = _record_lines(text)
    for i, row in enumerate(manifest.to_dict("records")):
        where = f"{path}, line {lines[i] if i < len(lines) else i + 2}"
        name = row["file"]
        if not name:
            raise SeedError(f"{where}: the file column is empty; name the seed file")
        if Path(name).name != name or name in (".", ".."):
            raise SeedError(
                f"{where}: file {name!r} is not a plain file name; seed files sit beside the "
                "manifest"
            )
        for place in row["regions"].split(";"):
            if place and not is_place_name(place):
                raise SeedError(f"{where}: region {place!r} of {name} {_PLACE_RULE}")
        if not is_valid_date(row["date"]):
            raise SeedError(
                f"{where}: date {row['date']!r} of {name} is not a real date YYYY, YYYY-MM or "
                "YYYY-MM-DD (e.g. 2021-02-21)"
            )
        ref = row["reference_year"]
        if ref and not re.fullmatch(r"\d{4}", ref):
            raise SeedError(
                f"{where}: reference_year {ref!r} of {name} is not a year YYYY (or leave it empty)"
            )
        digest = row["sha256"]
        if digest and not _SHA256.fullmatch(digest):
            raise SeedError(
                f"{where}: sha256 {digest!r} of {name} is not 64 lowercase hex digits; "
                f"compute it with sha256sum {name}"
            )


_NOT_IN_PLACE = re.compile(r"[\\/`<>|*?\"\x00-\x1f\x7f-\x9f]")
_PLACE_RULE = 'is not a place name (no / \\ ` < > | * ? " or control characters)'


def is_place_name(text: str) -> bool:
    """True for a region name usable in tables, Markdown and a report's folder name: not empty,
    not ``.``/``..``, without path separators, Markdown/HTML marks or control characters.

    >>> is_place_name("海曙区"), is_place_name("../x"), is_place_name("宁波<b>")
    (True, False, False)
    """
    stripped = text.strip()
    return bool(stripped) and stripped not in (".", "..") and not _NOT_IN_PLACE.search(text)


@cache
def article_kinds() -> tuple[str, ...]:
    """The article kinds a document may declare (``data/kind_names.csv``)."""
    return tuple(read_data_csv("kind_names.csv")["kind"])


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def is_valid_date(text: str) -> bool:
    """True for "" and for a real date written YYYY, YYYY-MM or YYYY-MM-DD.

    >>> is_valid_date("2021-02-21"), is_valid_date("2021-13-45"), is_valid_date("yesterday")
    (True, False, False)
    """
    if not text:
        return True
    m = _ISO_DATE.fullmatch(text)
    if not m:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return year >= 1000


def verify_checksums(seeds_dir: Path, manifest: pd.DataFrame) -> None:
    """Check every file of the manifest exists and matches its SHA-256; name the file that changed."""
    for row in manifest.itertuples(index=False):
        path = seeds_dir / row.file
        if not path.is_file():
            raise SeedError(f"seed file listed in {seeds_dir / MANIFEST} is missing: {path}")
        actual = sha256_file(path)
        if row.sha256 and actual != row.sha256:
            raise SeedError(
                f"seed file changed: {path} has sha256 {actual}, manifest says {row.sha256}"
            )


# --------------------------------------------------------------------------------------------
# Cleaning with an offset map
# --------------------------------------------------------------------------------------------


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
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Cut out of a line (offsets of what stays still map to the raw text): zero-width characters,
# markdown emphasis (**一、…**) and heading marks (## ), and a space, NBSP or zero-width space
# inside a number ("14.9 %", "1\u200b4.9%"), but not before a time (2026-01-19 16:42).
_SCRAPE_NOISE = (
    rf"[{_ZERO_WIDTH}]+|\*\*|(?<![^\r\n])#{{1,6}}[ \t]+"
    r"|(?<=[0-9０-９])[ \t\xa0\u2009\u202f]+(?![0-9０-９]{1,2}[:：][0-9０-９])(?=[0-9０-９.．%％])"
    r"|(?<=[0-9０-９][.．])[ \t\xa0\u2009\u202f]+(?=[0-9０-９])"
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


# --------------------------------------------------------------------------------------------
# Splitting into articles and metadata
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ArticleSpan:
    title: str
    channel: str
    posted: str
    start: int
    end: int


def split_articles(raw: str) -> list[_ArticleSpan]:
    """Split a file into article spans.

    A *listing* page (several blocks ``title / body / YYYY-MM-DD`` separated by ``-`` lines, as on
    aggregator sites) gives one span per block, with its title, ``【channel】`` and posting date.
    Any other file is one article spanning the whole text (title and date then come from the manifest).
    """
    lines = []
    pos = 0
    for line in raw.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    date_idx = [i for i, (_, line) in enumerate(lines) if _DATE_LINE.match(line)]
    if len(date_idx) < 2:
        return [_ArticleSpan("", "", "", 0, len(raw))]
    spans = []
    prev = -1
    for di in date_idx:
        block = [
            i
            for i in range(prev + 1, di)
            if lines[i][1].strip(_WS)
            and not _SEPARATOR_LINE.match(lines[i][1])
            and not is_furniture_line(lines[i][1])
        ]
        prev = di
        if len(block) < 2:
            continue
        title_line = lines[block[0]][1].strip(_WS)
        m = _CHANNEL.match(title_line)
        channel = m.group(1) if m else ""
        title = title_line[m.end() :].strip(_WS) if m else title_line
        body_start = lines[block[1]][0]
        last = block[-1]
        body_end = lines[last][0] + len(lines[last][1])
        posted = "-".join(_DATE_LINE.match(lines[di][1]).groups())
        spans.append(_ArticleSpan(title, channel, posted, body_start, body_end))
    return spans


@cache
def _gazetteer() -> pd.DataFrame:
    table = read_data_csv("regions.csv")
    rows = []
    for r in table.itertuples(index=False):
        for alias in r.aliases.split(";"):
            if alias:
                rows.append((alias, r.region, r.level, r.parent))
    out = pd.DataFrame(rows, columns=["alias", "region", "level", "parent"])
    out["length"] = out["alias"].str.len()
    return out.sort_values(["length", "alias"], ascending=[False, True]).reset_index(drop=True)


def region_aliases(region: str) -> tuple[str, ...]:
    """The names ``data/regions.csv`` gives ``region`` (宁波 → 宁波市, 宁波), longest first; () for
    a region it does not list."""
    gaz = _gazetteer()
    return tuple(gaz.loc[gaz["region"] == region, "alias"])


def find_regions(text: str) -> list[str]:
    """Canonical regions named in ``text``, in order of first mention (longest alias wins).

    >>> find_regions("宁波慈溪市启动科技型中小企业服务站建设")
    ['宁波', '慈溪']
    """
    gaz = _gazetteer()
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for alias, region in zip(gaz["alias"], gaz["region"], strict=True):
        for m in re.finditer(re.escape(alias), text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            found.append((m.start(), region))
    seen: dict[str, None] = {}
    for _, region in sorted(found):
        seen.setdefault(region, None)
    return list(seen)


def infer_region(title: str, body: str, channel: str = "", default: str = "") -> str:
    """The region an article is about.

    Regions named in the title come first; when the title names only a parent region and the
    body's first sentence names one of its sub-regions, the sub-region wins
    (标题 "宁波设立科技型服务站…", 首句 "宁波慈溪市启动…" → 慈溪). The ``【channel】`` and the
    manifest default are fallbacks.
    """
    gaz = _gazetteer()
    parent_of = dict(zip(gaz["region"], gaz["parent"], strict=True))
    candidates = find_regions(title) or find_regions(channel)
    first_sentence = re.split(r"[。！？!?]", body, maxsplit=1)[0]
    if candidates:
        region = candidates[-1] if len(candidates) > 1 else candidates[0]
        children = [r for r in find_regions(first_sentence) if parent_of.get(r) == region]
        return children[0] if children else region
    in_body = find_regions(first_sentence)
    return in_body[0] if in_body else default


@cache
def _region_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = read_data_csv("region_cues.csv")
    return tuple((re.compile(p), w) for p, w in zip(table["pattern"], table["where"], strict=True))


def infer_region_from_cues(title: str, text: str) -> str:
    """The place a work report names for itself when the gazetteer does not know it
    (``data/region_cues.csv``): ``在临川市第十六届人民代表大会`` → 临川; "" if none.

    >>> infer_region_from_cues("", "——2021年1月20日在临川市第十六届人民代表大会第六次会议上")
    '临川'
    """
    opening = text[:300]
    for pattern, where in _region_cues():
        m = pattern.search(title if where == "title" else opening)
        if m:
            place = m.group("place")
            return place[:-1] if place[-1] in "市省" else place
    return ""


@cache
def _kind_rules() -> tuple[tuple[str, str, str], ...]:
    table = read_data_csv("article_kinds.csv")
    return tuple(zip(table["pattern"], table["kind"], table["field"], strict=True))


def infer_kind(title: str, text: str = "") -> str:
    """Article kind by the rules of ``data/article_kinds.csv`` (title keywords, then the opening).

    >>> infer_kind("宁波市政府工作报告"), infer_kind("", "各位代表：\\n现在，我代表市人民政府…")
    ('work_report', 'work_report')
    """
    first_line = text.lstrip(_WS + "#*\n").split("\n", 1)[0]
    for pattern, kind, field in _kind_rules():
        if not pattern:
            return kind
        if field == "opening" and first_line.startswith(pattern):
            return kind
        if field == "title" and pattern in title:
            return kind
    return "news"


def is_salutation(line: str) -> bool:
    """True for an opening salutation line such as ``各位代表：`` (not a title)."""
    stripped = line.strip(_WS + "#*：:，,！!")
    return any(
        field == "opening" and pattern and stripped.startswith(pattern) and len(stripped) <= 12
        for pattern, _, field in _kind_rules()
    )


@cache
def _year_cues() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    table = read_data_csv("report_year_cues.csv")
    return tuple(
        (re.compile(p), a, int(s))
        for p, a, s in zip(table["pattern"], table["anchor"], table["shift"], strict=True)
    )


def infer_report_year(text: str, window: int = 3000) -> int | None:
    """The year of a work report without a date line, from its opening part
    (``data/report_year_cues.csv``): ``一、“十二五”时期发展回顾`` → 2016, ``2015年工作回顾`` → 2016.

    >>> infer_report_year("各位代表：\\n一、2015年工作回顾\\n过去的一年……")
    2016
    """
    from ningbo_analysis.corpus.periods import plan as _plan

    best: tuple[int, int] | None = None
    head = text[:window]
    for pattern, anchor, shift in _year_cues():
        m = pattern.search(head)
        if not m or (best is not None and m.start() >= best[0]):
            continue
        if anchor == "year":
            year = int(m.group("year"))
        else:
            p = _plan(m.group("plan"))
            year = p.start if anchor == "plan_start" else p.end
        best = (m.start(), year + shift)
    return best[1] if best else None


def delivery_date(body: str) -> str:
    """ISO date on which a report was delivered (``2021年2月21日在…会议上`` → ``2021-02-21``), or ''."""
    m = _DELIVERED.search(body[:300])
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _year(date: str) -> int | None:
    m = re.match(r"(\d{4})", date or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


def _seed_number(name: str) -> str:
    m = re.match(r"(\d+)", name)
    return m.group(1) if m else Path(name).stem


def load_corpus(
    seeds_dir: str | Path | None = None,
    *more: str | Path,
    region: str | None = None,
    verify: bool = True,
) -> pd.DataFrame:
    """Load the seeds and any further documents as a DataFrame with one row per article.

    ``seeds_dir=None`` (or ``""``) is the repository's ``seeds/`` folder; each of ``more`` is a
    further folder or a single ``.txt``/``.md`` file (the user's own reports), e.g.
    ``load_corpus(None, "my_reports/")`` = seeds + mine (a folder's ``README*`` is not a document). A folder's ``manifest.csv`` checksums are
    verified (``verify=False`` skips that); files not in a manifest load with metadata from their
    YAML front matter (``title``, ``date``, ``region``, ``kind``) or inferred from their text.
    A document's region is, in order: front matter / manifest, the gazetteer (``regions.csv``),
    the place the report names itself (``在临川市第十六届人民代表大会``, ``region_cues.csv``), the
    only region of the other documents of its folder, then ``region`` — the place of documents
    whose region is still unknown (``load_corpus(None, "hefei/", region="合肥")``).
    """
    _check_source("seeds_dir", seeds_dir)
    for i, source in enumerate(more, start=2):
        _check_source(f"argument {i} (a further document folder or file)", source)
    if region is not None and (not isinstance(region, str) or not is_place_name(region)):
        raise ParameterError(f"load_corpus: region must be a non-empty place name, got {region!r}")
    if not isinstance(verify, bool):
        raise ParameterError(f"load_corpus: verify must be True or False, got {verify!r}")
    state = _sources_state((seeds_dir, *more))
    key = (state, region, verify)
    if state is not None and key in _LOADED:
        return _LOADED[key].copy()  # a copy: changing it leaves the memo alone
    rows: list[dict] = []
    seen: set[Path] = set()
    for source in (seeds_dir, *more):
        found: list[dict] = []
        for path, meta, number in _documents(source, verify, seen):
            found.extend(_articles_of_file(path, meta, number))
        for row in _folder_region(found):
            row["region"] = row["region"] or region or ""
            rows.append(row)
    _check_unique_ids(rows)
    corpus = pd.DataFrame(rows, columns=CORPUS_COLUMNS)
    corpus["year"] = corpus["year"].astype("Int64")
    corpus["reference_year"] = corpus["reference_year"].astype("Int64")
    if state is not None:
        while len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = corpus
        return corpus.copy()
    return corpus


#: Corpora loaded in this process, by the state of their files (:func:`_sources_state`): the
#: notebooks of a report each load the same corpus in one kernel; a changed, added or removed
#: file (content, size, modification or change time, inode) is a new key, so a stale corpus is
#: never returned. Deep copies are handed out: with pandas < 3 (no copy-on-write) a shallow
#: copy shares its values with the memo, and a caller's ``corpus.loc[…] = …`` would change it.
_LOADED: dict[tuple, pd.DataFrame] = {}
_LOADED_MAX = 4


def _file_state(entry: Path) -> tuple:
    """What :func:`_sources_state` keeps of one folder entry: its size, modification and change
    times and inode, and for a document or manifest (the files load_corpus reads) the SHA-256
    of its bytes: an edit that keeps the size and the modification time (a tool restoring it,
    a coarse file-system clock) still changes the key."""
    try:
        st = entry.stat()
    except OSError:
        return (str(entry), None)
    state = (str(entry), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    readable = entry.suffix.lower() in DOCUMENT_SUFFIXES or entry.name == MANIFEST
    if readable and entry.is_file():
        try:
            state += (hashlib.sha256(entry.read_bytes()).hexdigest(),)
        except OSError:
            return (str(entry), None)
    return state


def _sources_state(sources: Iterable[str | Path | None]) -> tuple | None:
    """The state (:func:`_file_state`) of every file load_corpus may read for ``sources`` (a
    folder's entries; a file and its folder's manifest.csv); None when a source cannot be
    listed (load_corpus then reports why)."""
    state: list[tuple] = []
    for source in sources:
        path = Path(source) if source not in (None, "") else default_seeds_dir()
        try:
            path = path.resolve()
            entries = sorted(path.iterdir()) if path.is_dir() else [path, path.parent / MANIFEST]
        except OSError:
            return None
        state.append((str(path),))
        state.extend(_file_state(entry) for entry in entries)
    return tuple(state)


DOCUMENT_SUFFIXES = (".txt", ".md")


def _check_source(name: str, source: object) -> None:
    """A folder or file argument of :func:`load_corpus`: None, a string or a path."""
    if source is not None and not isinstance(source, str | os.PathLike):
        raise ParameterError(
            f"load_corpus: {name} must be a folder or file path (str or Path), "
            f"got {type(source).__name__} {source!r}"[:300]
        )
    if isinstance(source, str) and "\x00" in source:
        raise ParameterError(f"load_corpus: {name} contains a NUL character: {source!r}")


def _documents(
    source: str | Path | None, verify: bool, seen: set[Path]
) -> Iterable[tuple[Path, dict, str]]:
    """(file, manifest row, doc number) for every document of a folder or of one file."""
    path = Path(source) if source not in (None, "") else default_seeds_dir()
    if not path.exists():
        raise SeedError(f"documents folder or file not found: {path}")
    if path.is_file():
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise SeedError(f"not a .txt or .md document: {path}")
        folder, names = path.parent, [path.name]
    else:
        folder, names = path, None
    manifest = read_manifest(folder)
    meta = {} if manifest is None else {r["file"]: r for r in manifest.to_dict("records")}
    if names is None:
        if manifest is not None and verify:
            verify_checksums(folder, manifest)
        try:
            entries = list(folder.iterdir())
        except OSError as exc:
            raise SeedError(
                f"cannot list documents folder {folder}: {exc.strerror or exc}"
            ) from None
        found = {
            p.name
            for p in entries
            if p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.lower().startswith("readme")
        }
        names = sorted(found | set(meta))
        if not names:
            raise SeedError(f"documents folder has no .txt or .md files: {folder}")
    elif verify and names[0] in meta:
        verify_checksums(folder, manifest.loc[manifest["file"] == names[0]])
    prefixes = [_seed_number(name) for name in names]
    for name, prefix in zip(names, prefixes, strict=True):
        file = (folder / name).resolve()
        if file in seen:
            continue
        seen.add(file)
        # 000_….txt → "000"; when two files share leading digits (2022_wenzhou, 2022_taizhou)
        # their whole stems keep doc_ids unique.
        number = prefix if prefixes.count(prefix) == 1 else Path(name).stem
        yield folder / name, meta.get(name, {}), number


def _folder_region(rows: list[dict]) -> list[dict]:
    """A folder of one place's reports: documents that name no place take the folder's only one
    (a 2016 report printed from 各位代表 beside the same city's 2021 and 2026 reports)."""
    places = {r["region"] for r in rows if r["region"]}
    if len(places) == 1:
        (place,) = places
        for r in rows:
            r["region"] = r["region"] or place
    return rows


def _check_unique_ids(rows: list[dict]) -> None:
    """Two documents of different folders with the same doc_id: a clear error naming both."""
    first: dict[str, str] = {}
    for row in rows:
        other = first.setdefault(row["doc_id"], row["path"])
        if other != row["path"]:
            raise SeedError(
                f"two documents get the same doc_id {row['doc_id']!r}: {other} and {row['path']}; "
                "rename one of them (doc_ids come from the file name's leading digits or stem)"
            )
    for row in rows:
        del row["path"]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_KEYS = ("title", "date", "region", "kind", "reference_year")


def front_matter(raw: str, path: Path | str = "<text>") -> tuple[dict, int]:
    """YAML front matter of a document (``---`` lines around ``key: value`` pairs) and the
    offset where the body starts; ``({}, 0)`` when there is none.

    >>> front_matter("---\\ntitle: 合肥市政府工作报告\\ndate: 2021-01-20\\n---\\n各位代表：")
    ({'title': '合肥市政府工作报告', 'date': '2021-01-20'}, 42)
    """
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise SeedError(f"{path}: front matter is not valid YAML: {problem}") from None
    except ValueError as exc:  # a date-like value that is no date: 2021-13-45
        raise SeedError(
            f"{path}: front matter has a date that is no real date ({exc}); "
            "write it as YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    if not isinstance(data, dict):
        raise SeedError(f"{path}: front matter must be 'key: value' lines, got {data!r}")
    unknown = sorted(str(k) for k in data if k not in FRONT_MATTER_KEYS)
    if unknown:
        raise SeedError(
            f"{path}: unknown front matter key(s) {unknown}; known: {', '.join(FRONT_MATTER_KEYS)}"
        )
    meta = {k: ("" if v is None else str(v).strip()) for k, v in data.items()}
    if meta.get("region") and not is_place_name(meta["region"]):
        raise SeedError(f"{path}: front matter region {meta['region']!r} {_PLACE_RULE}")
    if meta.get("kind") and meta["kind"] not in article_kinds():
        raise SeedError(
            f"{path}: front matter kind {meta['kind']!r} is not one of "
            f"{', '.join(article_kinds())} (data/kind_names.csv)"
        )
    if not is_valid_date(meta.get("date", "")):
        raise SeedError(
            f"{path}: front matter date {meta['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD "
            "(a real date)"
        )
    if meta.get("reference_year") and not re.fullmatch(r"\d{4}", meta["reference_year"]):
        raise SeedError(
            f"{path}: front matter reference_year {meta['reference_year']!r} is not a year YYYY"
        )
    return meta, m.end()


def _articles_of_file(path: Path, meta: dict, number: str) -> Iterable[dict]:
    raw = read_seed(path)
    head, body_start = front_matter(raw, path)
    meta = {**meta, **head}
    spans = (
        split_articles(raw) if not body_start else [_ArticleSpan("", "", "", body_start, len(raw))]
    )
    listing = len(spans) > 1 or bool(spans and spans[0].title)
    manifest_regions = [
        r for r in str(meta.get("regions", "") or meta.get("region", "")).split(";") if r
    ]
    for i, span in enumerate(spans, start=1):
        text, offset_map = clean_text(raw, span.start, span.end)
        if not text:
            raise SeedError(f"seed file has no article text after cleaning: {path}")
        info = _listing_meta(span, text) if listing else _document_meta(path, meta, text)
        default_region = manifest_regions[0] if manifest_regions else ""
        region = infer_region(info["title"], text, span.channel, default=default_region)
        if not listing and manifest_regions:
            region = manifest_regions[0]
        if not region:
            region = infer_region_from_cues(info["title"], text)
        yield {
            "doc_id": f"{number}-{i:02d}",
            "seed_file": path.name,
            **info,
            "region": region,
            "text": text,
            "start": span.start,
            "end": span.end,
            "offset_map": offset_map,
            "path": str(path),
        }


def _listing_meta(span: _ArticleSpan, text: str) -> dict:
    """Title, date, years and kind of one article of an aggregator (listing) page."""
    date = delivery_date(text) or span.posted
    return {
        "title": span.title,
        "date": date,
        "year": _year(date),
        "reference_year": _year(date),
        "kind": infer_kind(span.title, text),
    }


def _document_meta(path: Path, meta: dict, text: str) -> dict:
    """Title, date, years and kind of a one-article file: front matter / manifest, else inferred.

    A work report without a date gets its year from its content (a first section reviewing 2015
    → 2016, see :func:`infer_report_year`) or a clear error asking for a date.
    """
    first_line = text.split("\n", 1)[0].strip("#* \t")
    title = meta.get("title") or ("" if is_salutation(first_line) else first_line[:60])
    kind = meta.get("kind") or infer_kind(title, text)
    if kind not in article_kinds():
        raise SeedError(
            f"{path}: kind {kind!r} (manifest) is not one of {', '.join(article_kinds())} "
            "(data/kind_names.csv); a listing page of several articles is split by its date lines"
        )
    date = meta.get("date", "") or delivery_date(text)
    ref = str(meta.get("reference_year", "")).strip()
    reference_year = int(ref) if ref.isdigit() else _year(date)
    if reference_year is None and kind == "work_report":
        reference_year = infer_report_year(text)
        if reference_year is None:
            raise SeedError(
                f"{path}: cannot tell which year this work report is of (no date line, no "
                "reviewed year); add front matter '---\\ndate: 2021-01-20\\n---' or a manifest row"
            )
    year = _year(date) if date else reference_year
    return {
        "title": title or path.stem,
        "date": date or (str(year) if year else ""),
        "year": year,
        "reference_year": reference_year,
        "kind": kind,
    }


def regions(corpus: pd.DataFrame) -> list[str]:
    """Sorted list of the regions present in a corpus."""
    require_columns(
        corpus, ["region"], function="corpus.regions", argument="corpus", made_by="load_corpus()"
    )
    return sorted(set(corpus["region"].dropna()) - {""})


def get_article(corpus: pd.DataFrame, doc_id: str) -> pd.Series:
    """The corpus row of ``doc_id`` (KeyError naming the valid ids when absent)."""
    require_columns(
        corpus,
        ["doc_id"],
        function="corpus.get_article",
        argument="corpus",
        made_by="load_corpus()",
    )
    hit = corpus.loc[corpus["doc_id"] == doc_id]
    if hit.empty:
        raise NotFoundError(f"unknown doc_id {doc_id!r}; known: {', '.join(corpus['doc_id'])}")
    return hit.iloc[0]


def work_report(corpus: pd.DataFrame, region: str, year: int | None = None) -> pd.Series:
    """The (first, or of ``year``) government work report of ``region`` in the corpus."""
    require_columns(
        corpus,
        ["doc_id", "year", "region", "kind"],
        function="corpus.work_report",
        argument="corpus",
        made_by="load_corpus()",
    )
    if not isinstance(region, str) or not region.strip():
        raise ParameterError(f"corpus.work_report: region must be a place name, got {region!r}")
    if year is not None:
        require_int(year, function="corpus.work_report", argument="year")
    hits = corpus.loc[(corpus["region"] == region) & (corpus["kind"] == "work_report")]
    if year is not None:
        hits = hits.loc[hits["year"] == year]
    if hits.empty:
        reports = corpus.loc[corpus["kind"] == "work_report"]
        held = ", ".join(
            f"{r} ({', '.join(str(y) for y in sorted(set(g['year'].dropna())))})"
            for r, g in reports.groupby("region", sort=True)
            if r
        )
        raise NotFoundError(
            f"no work report for region {region!r}"
            + (f" in {year}" if year else "")
            + f"; work reports in the corpus: {held or 'none'}"
        )
    return hits.sort_values(["year", "doc_id"]).iloc[0]
