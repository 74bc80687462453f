"""Stage 1 — corpus: documents in the formats users have, as text with offsets. ``.txt``/``.md``
in any common encoding (UTF-8 with or without BOM, GB18030/GBK, UTF-16, Big5; detected, the
encoding recorded), ``.html`` (the page's main text by trafilatura; title, date and address from
its metadata), ``.docx`` (python-docx: paragraphs and tables in document order) and ``.pdf`` with a
text layer (pdfplumber: text and ruled tables page by page; a scanned PDF without text asks for
OCR). A table of any of them becomes Markdown pipe rows (``| 指标 | 2020年 | 2025年 |``), one line
per row, which the figures stage reads as a table (``figures.tables``).

For ``.html``, ``.docx`` and ``.pdf`` the "raw" text that offsets point into is the extracted text
(:class:`Document.raw`); a PDF's pages are separated by a form feed, and :func:`page_of` gives the
page of a raw offset. The readers of ``.html``/``.docx``/``.pdf`` are an optional extra
(``pip install 'ningbo-analysis[formats]'``): without it such a file gets a one-line error naming
the package to install.
"""

from __future__ import annotations

import bisect
import importlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ningbo_analysis.corpus.reading import decode_text, read_bytes
from ningbo_analysis.errors import SeedError

TEXT_SUFFIXES = (".txt", ".md")
RICH_SUFFIXES = (".html", ".htm", ".docx", ".pdf")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + RICH_SUFFIXES

#: Page break written between the pages of a PDF's text.
PAGE_BREAK = "\f"


@dataclass(frozen=True)
class Document:
    """A document as text: ``raw`` (what offsets point into), the ``encoding`` it was read with
    (``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16`` …; ``html``, ``docx``, ``pdf`` for the rich
    formats) and the metadata the file itself carries (``title``, ``date``, ``source``)."""

    raw: str
    encoding: str
    meta: dict = field(default_factory=dict)


def read_document(path: Path) -> Document:
    """Read one document of any supported format (:data:`DOCUMENT_SUFFIXES`); a
    :class:`SeedError` naming the file and the problem otherwise."""
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text, encoding = decode_text(data, path)
        return Document(text, encoding)
    reader = {".html": _html, ".htm": _html, ".docx": _docx, ".pdf": _pdf}.get(suffix)
    if reader is None:
        raise SeedError(
            f"not a document this package reads ({', '.join(DOCUMENT_SUFFIXES)}): {path}"
        )
    doc = reader(data, path)
    if not doc.raw.strip():
        raise SeedError(f"{path}: no text found in this {suffix[1:]} file")
    return doc


def _read_bytes(path: Path) -> bytes:
    return read_bytes(path, "document")


def _optional(module: str, package: str, path: Path):
    """Import an optional reader, or a one-line error saying what to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise SeedError(
            f"{path}: reading {path.suffix} files needs {package}: "
            "pip install 'ningbo-analysis[formats]'"
        ) from None


# ------------------------------------------------------------------------------------ tables


def pipe_row(cells: list[str | None]) -> str:
    """One table row as a Markdown pipe line; a cell's own line breaks and pipes become spaces.

    >>> pipe_row(["指标", "2020年", None])
    '| 指标 | 2020年 |  |'
    """
    clean = [re.sub(r"\s+", " ", str(c or "").replace("|", " ")).strip() for c in cells]
    return "| " + " | ".join(clean) + " |"


def pipe_table(rows: list[list[str | None]]) -> str:
    """Rows as pipe lines, a ``|---|`` line after the header (empty rows dropped)."""
    rows = [r for r in rows if any(str(c or "").strip() for c in r)]
    if not rows:
        return ""
    lines = [pipe_row(rows[0]), "|" + "---|" * len(rows[0])]
    lines.extend(pipe_row(r) for r in rows[1:])
    return "\n".join(lines)


# -------------------------------------------------------------------------------------- html


def _html(data: bytes, path: Path) -> Document:
    trafilatura = _optional("trafilatura", "trafilatura", path)
    text = trafilatura.extract(
        data, include_tables=True, include_comments=False, output_format="txt", favor_recall=True
    )
    if not text:
        raise SeedError(f"{path}: no main text found in this web page")
    # no extensive search: a date the page states in its metadata, not one guessed from its text
    meta = trafilatura.extract_metadata(data.decode("utf-8", "replace"), extensive=False)
    found = {}
    if meta is not None:
        for key, value in (("title", meta.title), ("date", meta.date), ("source", meta.url)):
            if value:
                found[key] = str(value).strip()
    # trafilatura ends a table row with "| " and the text with no newline
    text = re.sub(r"[ \t]+\n", "\n", text).strip("\n") + "\n"
    return Document(text, "html", found)


# -------------------------------------------------------------------------------------- docx


def _docx(data: bytes, path: Path) -> Document:
    docx = _optional("docx", "python-docx", path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a zip that is no Word file, a damaged file
        raise SeedError(f"{path}: not a readable Word (.docx) file ({exc})") from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            blocks.append(pipe_table([[cell.text for cell in row.cells] for row in table.rows]))
    props = document.core_properties
    meta = {}
    if props.title:
        meta["title"] = props.title.strip()
    return Document("\n".join(blocks).strip("\n") + "\n", "docx", meta)


# --------------------------------------------------------------------------------------- pdf


def _pdf(data: bytes, path: Path) -> Document:
    pdfplumber = _optional("pdfplumber", "pdfplumber", path)
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(_pdf_page(page))
            info = pdf.metadata or {}
    except SeedError:
        raise
    except Exception as exc:  # pdfminer's many errors on a damaged file
        raise SeedError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not any(p.strip() for p in pages):
        raise SeedError(
            f"{path}: this PDF has no text layer (a scan?): run OCR on it first "
            "(e.g. ocrmypdf) and load the result"
        )
    meta = {}
    title = info.get("Title")
    if isinstance(title, str) and title.strip() and title.strip() not in _NO_TITLE:
        meta["title"] = title.strip()
    return Document(PAGE_BREAK.join(pages), "pdf", meta)


# what PDF writers put in the Title field when the author gave none
_NO_TITLE = {"(anonymous)", "untitled", "Untitled", "(untitled)", "无标题"}


def _pdf_page(page) -> str:
    """A page's text top to bottom, each ruled table as pipe rows in its place."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    parts = []
    top = 0.0
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            parts.append(_text_between(page, top, t_top))
        parts.append(pipe_table(table.extract()))
        top = t_bottom
    parts.append(_text_between(page, top, float(page.height)))
    return "\n".join(p for p in parts if p.strip()) + "\n"


def _text_between(page, top: float, bottom: float) -> str:
    """The text of a band of a page, a paragraph's wrapped lines joined: a line that reaches
    the right margin (within a character's width) goes on on the next line."""
    if bottom - top < 1:
        return ""
    box = (0, max(top, 0), float(page.width), min(bottom, float(page.height)))
    lines = page.crop(box).extract_text_lines()
    if not lines:
        return ""
    right = max(float(line["x1"]) for line in lines)
    out = []
    for line in lines:
        chars = line.get("chars") or []
        width = max((float(c["x1"]) - float(c["x0"]) for c in chars), default=10.0)
        out.append(line["text"])
        out.append("" if float(line["x1"]) >= right - 1.5 * width else "\n")
    return "".join(out).rstrip("\n")


def page_of(raw: str, offset: int) -> int:
    """Page number (1-based) of a raw offset of a PDF's text (1 for any other document).

    >>> page_of("第一页\\f第二页", 5)
    2
    """
    breaks = [m.start() for m in re.finditer(PAGE_BREAK, raw)]
    return bisect.bisect_right(breaks, offset - 1) + 1 if breaks else 1


__all__ = [
    "DOCUMENT_SUFFIXES",
    "PAGE_BREAK",
    "RICH_SUFFIXES",
    "TEXT_SUFFIXES",
    "Document",
    "page_of",
    "pipe_row",
    "pipe_table",
    "read_document",
]
