"""Stage 1 — corpus: the loader. Find a folder's documents, split each file into articles and
give every article its metadata (declared in the manifest or front matter, else inferred from
its text), memoised per state of the files; and look articles up in a loaded corpus.

``load_corpus(seeds_dir)`` returns one row per **article** with these columns:

=============  ==============================================================================
doc_id         ``"002-01"``, ``"上海市/2003-01"``: the file's path relative to the folder given
               (its name shortened to its leading digits when unique in its folder: the seeds'
               ``001_9e33….txt`` → ``001``) and the article number within the file
seed_file      the file's path relative to the folder given (``上海市/2003.md``)
title          article title (``【channel】`` prefix removed; the manifest title for one-article files)
date           ISO date, as precise as the source allows (``2021-02-21``, ``2020-12``, ``2023``)
year           int, year of ``date``
reference_year int, the year the document's 今年 refers to (a report delivered in 2021 → 2021)
region         canonical region (宁波, 余姚, 海曙区, 慈溪 …) from ``data/regions.csv``
kind           work_report, press_qa, interview, news, conference …
text           cleaned article body (page furniture and non-breaking spaces removed)
start, end     character offsets of the article body in the raw (decoded) file
offset_map     tuple of ``(clean_start, raw_start, length)`` segments: cleaned → raw offsets
url            the document's address (front matter ``source:``/``url:``, a web page's own), or ""
encoding       how the file was read: ``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16`` …, or
               ``html``, ``docx``, ``pdf`` (offsets then point into the extracted text)
meta           the front matter's other keys, as JSON (``{"author": "…"}``), or ""
meta_source    where each field came from: ``date=delivery line; region=path; title=front
               matter; year=delivery line`` (manifest, front matter, file, delivery line, title,
               text, path, folder, argument, listing)
=============  ==============================================================================

Files that cannot be loaded are skipped or raise (``errors=``); :func:`load_problems` lists the
skipped ones.

Use :func:`~ningbo_analysis.corpus.cleaning.raw_span` to map an offset range of ``text`` back to
the raw file. Reading a file (:mod:`.reading`), the manifest and front matter (:mod:`.manifest`),
cleaning (:mod:`.cleaning`) and metadata inference (:mod:`.metadata`) have modules of their own.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.cleaning import _WS, clean_text, is_furniture_line
from ningbo_analysis.corpus.describe import describe, source_text
from ningbo_analysis.corpus.formats import Document, read_document
from ningbo_analysis.corpus.manifest import MANIFEST, front_matter, is_place_name
from ningbo_analysis.corpus.metadata import (
    _year,
    delivery_date,
    infer_kind,
    infer_region,
    infer_region_from_cues,
)
from ningbo_analysis.corpus.walk import DocumentFile, documents, folder_entries, source_path
from ningbo_analysis.errors import (
    NotFoundError,
    ParameterError,
    SeedError,
    require_columns,
    require_int,
)
from ningbo_analysis.resources import default_seeds_dir
from ningbo_analysis.schemas import CORPUS, conform

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
    "url",
    "encoding",
    "meta",
    "meta_source",
]

_DATE_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_SEPARATOR_LINE = re.compile(r"^\s*-\s*$")
_CHANNEL = re.compile(r"^\s*【([^】]{1,20})】\s*")


# --------------------------------------------------------------------------------------------
# Splitting a file into articles
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


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


#: A folder or file argument of :func:`load_corpus`.
Source = str | os.PathLike[str]


def load_corpus(
    *docs: Source | Sequence[Source] | None,
    seeds: bool | Source | None = None,
    region: str | None = None,
    verify: bool = True,
    errors: str | None = None,
    mapper: Mapper | None = None,
) -> pd.DataFrame:
    """Load documents as a DataFrame with one row per article.

    ``load_corpus()`` loads the seeds shipped with the package (``$NINGBO_SEEDS`` overrides
    them), from any working folder; ``load_corpus("my_reports/")`` loads only your documents;
    ``load_corpus("my_reports/", seeds=True)`` both (the seeds first). Each of ``docs`` is a
    folder (read recursively: ``corpus/上海市/2003.md``; hidden folders and ``README*`` skipped)
    or a single document (``.txt``, ``.md``, ``.html``, ``.docx``, ``.pdf``), or a list of them;
    ``seeds`` is True, False or another seeds folder, by default True only when no documents
    are given. A folder's ``manifest.csv`` checksums are verified (``verify=False`` skips that).
    Metadata comes from everything a file says (:mod:`.describe`: manifest, front matter, the
    delivery line and title, the folder and file names), each field's source in
    ``meta_source``. A document's region is, after those, the only region of the other
    documents of its folder, then ``region`` — the place of documents whose region is still
    unknown (``load_corpus("hefei/", region="合肥")``).

    ``errors``: what a file that cannot be loaded does (unreadable, empty, a PDF without text,
    place or year unknown, the same text as another file, the same doc_id). ``"raise"`` stops at
    the first with a one-line :class:`SeedError`; ``"report"`` skips the file and lists it in the
    problems table (:func:`load_problems`: ``corpus.attrs["problems"]``). The default (None) is
    ``"report"`` for sources of more than :data:`FEW_FILES` documents, else ``"raise"``; a
    single file given by name always raises.

    ``mapper``: how the files are read and cleaned (the costly part), a ``map``-like callable
    ``mapper(function, files)`` giving the results in order: the built-in ``map`` by default,
    ``concurrent.futures.ProcessPoolExecutor().map`` or
    :func:`ningbo_analysis.run.distributed.dask_mapper` to spread thousands of files over cores
    or a Dask cluster. The table is the same whichever reads the files.

    (Before 0.2.0 the first argument was the seeds folder: ``load_corpus(None, "mine/")`` still
    means the seeds plus ``mine/``, with a DeprecationWarning; write ``seeds=True``.)

    >>> corpus = load_corpus()
    >>> corpus.loc[2, ["doc_id", "region", "kind"]].tolist(), int(corpus.loc[2, "year"])
    (['002-01', '宁波', 'work_report'], 2021)
    """
    sources = _sources(docs, seeds)
    if region is not None and (not isinstance(region, str) or not is_place_name(region)):
        raise ParameterError(f"load_corpus: region must be a non-empty place name, got {region!r}")
    if not isinstance(verify, bool):
        raise ParameterError(f"load_corpus: verify must be True or False, got {verify!r}")
    if errors not in (None, "raise", "report"):
        raise ParameterError(f"load_corpus: errors must be 'raise' or 'report', got {errors!r}")
    if mapper is not None and not callable(mapper):
        raise ParameterError(
            f"load_corpus: mapper must be a map-like callable, got {type(mapper).__name__}"
        )
    state = _sources_state(sources)
    key = (state, region, verify, errors)
    if state is not None and key in _LOADED:
        return _copy(_LOADED[key])  # a copy: changing it leaves the memo alone
    loader = _Loader(region)
    listed = _distinct_ids([(source, documents(source, verify)) for source in sources])
    if mapper is not None:
        loader.read_ahead([doc for _, files in listed for doc in files], mapper)
    for source, files in listed:
        single = source_path(source).is_file()
        mode = errors or ("report" if len(files) > FEW_FILES else "raise")
        loader.load_source(files, "raise" if single else mode)
    corpus = conform(pd.DataFrame(loader.rows, columns=CORPUS_COLUMNS), CORPUS)
    corpus.attrs["problems"] = tuple(loader.problems)
    if state is not None:
        while len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = corpus
        return _copy(corpus)
    return corpus


def _sources(docs: tuple, seeds: object) -> list[Path]:
    """The folders and files :func:`load_corpus` reads, the seeds first: ``docs`` flattened
    (a list of paths counts as its paths), a leading None or "" (the old seeds argument) as
    ``seeds=True``."""
    first = 1
    if docs and docs[0] in (None, ""):
        first = 2
        warnings.warn(
            "load_corpus(None, ...): the first argument is no longer the seeds folder; "
            "write load_corpus(..., seeds=True)",
            DeprecationWarning,
            stacklevel=3,
        )
        docs = docs[1:]
        seeds = True if seeds is None else seeds
    paths: list[Path] = []
    for i, doc in enumerate(docs, start=first):
        items = doc if isinstance(doc, list | tuple) else [doc]
        for item in items:
            _check_source(f"argument {i}", item)
            paths.append(Path(item))
    if seeds is None:
        seeds = not paths
    if isinstance(seeds, bool):
        return [default_seeds_dir(), *paths] if seeds else _nonempty(paths)
    _check_source("seeds", seeds)
    return [Path(seeds), *paths]


def _nonempty(paths: list[Path]) -> list[Path]:
    if not paths:
        raise ParameterError(
            "load_corpus: nothing to load: give folders or files of documents, or seeds=True"
        )
    return paths


#: Sources of more than this many documents skip a bad file by default (``errors="report"``).
FEW_FILES = 10

PROBLEM_COLUMNS = ["file", "doc_id", "problem", "message"]


def load_problems(corpus: pd.DataFrame) -> pd.DataFrame:
    """The files :func:`load_corpus` skipped (``errors="report"``), one row each: ``file`` (its
    path), ``doc_id`` (the id it would have had), ``problem`` (``unreadable``, ``empty``,
    ``no_text_layer``, ``reader_missing``, ``place_unknown``, ``year_unknown``, ``duplicate``,
    ``doc_id_clash``, ``bad_metadata``) and ``message`` (the one-line error ``errors="raise"``
    gives). Empty when nothing was skipped."""
    return pd.DataFrame(list(corpus.attrs.get("problems", ())), columns=PROBLEM_COLUMNS)


def _copy(corpus: pd.DataFrame) -> pd.DataFrame:
    out = corpus.copy()
    out.attrs = dict(corpus.attrs)
    return out


_PROBLEM_KINDS = (
    ("is empty", "empty"),
    ("no text found", "empty"),
    ("no article text", "empty"),
    ("no text layer", "no_text_layer"),
    ("ningbo-analysis[formats]", "reader_missing"),
    ("cannot tell which year", "year_unknown"),
    ("place unknown", "place_unknown"),
    ("same text as", "duplicate"),
    ("same doc_id", "doc_id_clash"),
    ("front matter", "bad_metadata"),
    ("kind ", "bad_metadata"),
)


def _problem_kind(message: str) -> str:
    return next((kind for cue, kind in _PROBLEM_KINDS if cue in message), "unreadable")


def _distinct_ids(listed: list[tuple[object, list[DocumentFile]]]) -> list[tuple[object, list]]:
    """Sources whose documents' ids would clash (南京市/2021.md and 南宁市/2021.md given one by
    one, or two city folders each with a 2021.md) take their folder's name in every id
    (南京市/2021-01); sources without a clash keep theirs."""
    paths: dict[str, set[str]] = {}
    for _, files in listed:
        for doc in files:
            paths.setdefault(doc.number, set()).add(os.path.abspath(doc.path))
    counts = {number: len(found) for number, found in paths.items()}
    if all(n == 1 for n in counts.values()):
        return listed
    out = []
    for source, files in listed:
        top = source_path(source)
        folder = top.parent.name if top.is_file() else top.name
        if folder and any(counts[doc.number] > 1 for doc in files):  # the whole source, alike
            files = [replace(doc, number=f"{folder}/{doc.number}") for doc in files]
        out.append((source, files))
    return out


class _Loader:
    """The rows and problems of a load, source by source."""

    def __init__(self, region: str | None) -> None:
        self.region = region
        self.rows: list[dict] = []
        self.problems: list[tuple[str, str, str, str]] = []
        self.ids: dict[str, str] = {}  # doc id stem → file
        self.texts: dict[str, str] = {}  # SHA-256 of a document's text → file
        self.seen: set[Path] = set()
        self.ready: dict[str, ReadFile | SeedError] = {}  # read ahead, by path

    def read_ahead(self, files: list[DocumentFile], mapper: Mapper) -> None:
        """Read and clean ``files`` through ``mapper`` now; :meth:`load_source` then takes
        each file's result from here (the checks across files stay in order, in this process)."""
        wanted = list({str(doc.path): doc for doc in files}.values())
        results = list(mapper(read_file, wanted))
        if len(results) != len(wanted):
            raise ParameterError(
                f"load_corpus: mapper gave {len(results)} results for {len(wanted)} files; "
                "it must map like map(function, files)"
            )
        self.ready = {str(doc.path): res for doc, res in zip(wanted, results, strict=True)}

    def _fail(self, err: SeedError, doc: DocumentFile, mode: str) -> None:
        if mode == "raise":
            raise err
        message = " ".join(str(err).split())
        self.problems.append((str(doc.path), f"{doc.number}-01", _problem_kind(message), message))

    def load_source(self, files: list[DocumentFile], mode: str) -> None:
        found: list[dict] = []
        for doc in files:
            try:
                resolved = doc.path.resolve()
            except (RuntimeError, OSError):  # a loop of symbolic links: reading it says so
                resolved = doc.path.absolute()
            if resolved in self.seen:
                continue
            self.seen.add(resolved)
            try:
                self._check_id(doc)
                found.extend(self._read(doc))
            except SeedError as err:
                self._fail(err, doc, mode)
        for row in _folder_region(found):
            if not row["region"] and self.region:
                row["region"] = self.region
                row["_src"]["region"] = "argument"
        bad: set[str] = set()
        for row in found:
            if not row["region"] and row["path"] not in bad:
                bad.add(row["path"])
                doc = row["_doc"]
                self._fail(SeedError(_place_unknown(doc.path)), doc, mode)
        for row in found:
            if row["path"] in bad:
                continue
            row["meta_source"] = source_text(row.pop("_src"))
            del row["_doc"], row["path"]
            self.rows.append(row)

    def _check_id(self, doc: DocumentFile) -> None:
        other = self.ids.setdefault(doc.number, str(doc.path))
        if other != str(doc.path):
            raise SeedError(
                f"two documents get the same doc_id {doc.number + '-01'!r}: {other} and "
                f"{doc.path}; rename one of them (doc_ids come from the path, the file name's "
                "leading digits or stem)"
            )

    def _read(self, doc: DocumentFile) -> list[dict]:
        done = self.ready.pop(str(doc.path), None)
        read = read_file(doc) if done is None else done
        if isinstance(read, SeedError):
            raise read
        digest, rows = read
        other = self.texts.setdefault(digest, str(doc.path))
        if other != str(doc.path):
            raise SeedError(f"{doc.path}: same text as {other} (a copy); one of them is skipped")
        if isinstance(rows, SeedError):
            raise rows
        return [{**row, "_doc": doc} for row in rows]


#: What :func:`read_file` gives: the SHA-256 of the file's text and its articles' rows (or the
#: error that stopped them); or the error reading the file.
ReadFile = tuple[str, list[dict] | SeedError]
#: ``map``-like: ``mapper(function, items)`` → the results, in the order of the items.
Mapper = Callable[[Callable[[DocumentFile], ReadFile | SeedError], list[DocumentFile]], Iterable]


def read_file(doc: DocumentFile) -> ReadFile | SeedError:
    """Read and clean one document (the part of :func:`load_corpus` that can run anywhere):
    the SHA-256 of its text and its articles' rows, without the checks across files. An error
    is returned, not raised, so that a mapper hands it back like a result."""
    try:
        document = read_document(doc.path)
    except SeedError as err:
        return err
    digest = hashlib.sha256(document.raw.encode("utf-8")).hexdigest()
    try:
        rows = list(_articles_of_file(doc, document))
    except SeedError as err:
        return digest, err
    return digest, rows  # without the DocumentFile: the caller's is put back


def _place_unknown(path: Path) -> str:
    return (
        f"{path}: place unknown: no region in a manifest, front matter, delivery line, title or "
        "folder name the gazetteer knows; add front matter '---\\nregion: 宁波\\n---', name "
        "its folder after the place, or pass region="
    )


#: Corpora loaded in this process, by the state of their files (:func:`_sources_state`): the
#: notebooks of a report each load the same corpus in one kernel; a changed, added or removed
#: file (content, size, modification or change time, inode) is a new key, so a stale corpus is
#: never returned. Deep copies are handed out: with pandas < 3 (no copy-on-write) a shallow
#: copy shares its values with the memo, and a caller's ``corpus.loc[…] = …`` would change it.
_LOADED: dict[tuple, pd.DataFrame] = {}
_LOADED_MAX = 4


def _file_state(entry: Path) -> tuple:
    """What :func:`_sources_state` keeps of one file: its size, modification and change times
    and inode, and for a document or manifest (the files load_corpus reads) the SHA-256 of its
    bytes: an edit that keeps the size and the modification time (a tool restoring it, a coarse
    file-system clock) still changes the key."""
    try:
        st = entry.stat()
    except OSError:
        return (str(entry), None)
    state = (str(entry), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    if entry.is_file():
        try:
            state += (hashlib.sha256(entry.read_bytes()).hexdigest(),)
        except OSError:
            return (str(entry), None)
    return state


def _sources_state(sources: Iterable[str | Path | None]) -> tuple | None:
    """The state (:func:`_file_state`) of every file load_corpus may read for ``sources`` (a
    folder's documents and manifests, recursively; a file and its folder's manifest.csv); None
    when a source cannot be listed (load_corpus then reports why)."""
    state: list[tuple] = []
    for source in sources:
        path = source_path(source)
        try:
            path = path.resolve()
            if path.is_dir():
                entries = list(folder_entries(path))
            else:
                entries = [path, path.parent / MANIFEST]
        except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
            return None
        state.append((str(path),))
        state.extend(_file_state(entry) for entry in entries)
    return tuple(state)


def _check_source(name: str, source: object) -> None:
    """A folder or file argument of :func:`load_corpus`: a non-empty string or a path."""
    if not isinstance(source, str | os.PathLike) or source == "":
        raise ParameterError(
            f"load_corpus: {name} must be a folder or file path (str or Path), "
            f"got {type(source).__name__} {source!r}"[:300]
        )
    if isinstance(source, str) and "\x00" in source:
        raise ParameterError(f"load_corpus: {name} contains a NUL character: {source!r}")


def _folder_region(rows: list[dict]) -> list[dict]:
    """A folder of one place's reports: documents that name no place take the only one of the
    other documents of their folder (a 2016 report printed from 各位代表 beside the same city's
    2021 and 2026 reports)."""
    by_folder: dict[tuple, list[dict]] = {}
    for r in rows:
        by_folder.setdefault(r["_doc"].parts[:-1], []).append(r)
    for group in by_folder.values():
        places = {r["region"] for r in group if r["region"]}
        if len(places) == 1:
            (place,) = places
            for r in group:
                if not r["region"]:
                    r["region"] = place
                    r["_src"]["region"] = "folder"
    return rows


def _articles_of_file(doc: DocumentFile, document: Document) -> Iterable[dict]:
    raw = document.raw
    path = doc.path
    head, body_start = front_matter(raw, path) if document.encoding not in RICH else ({}, 0)
    declared = [("manifest", doc.manifest), ("front matter", head), ("file", document.meta)]
    url = next((str(d.get("source") or "") for _, d in declared if d.get("source")), "")
    extra = str(head.get("meta", "") or "")
    spans = (
        split_articles(raw) if not body_start else [_ArticleSpan("", "", "", body_start, len(raw))]
    )
    listing = len(spans) > 1 or bool(spans and spans[0].title)
    manifest_regions = [
        r for r in str(doc.manifest.get("regions", "") or head.get("region", "")).split(";") if r
    ]
    for i, span in enumerate(spans, start=1):
        text, offset_map = clean_text(raw, span.start, span.end)
        if not text:
            raise SeedError(f"seed file has no article text after cleaning: {path}")
        if listing:
            info = _listing_meta(span, text)
            default_region = manifest_regions[0] if manifest_regions else ""
            region = infer_region(info["title"], text, span.channel, default=default_region)
            region = region or infer_region_from_cues(info["title"], text)
            src = {"title": "listing", "date": "listing", "region": "text" if region else ""}
        else:
            info, src = _document_meta(doc, declared, text)
            region = info.pop("region", "")
        yield {
            "doc_id": f"{doc.number}-{i:02d}",
            "seed_file": doc.relative,
            **info,
            "region": region,
            "text": text,
            "start": span.start,
            "end": span.end,
            "offset_map": offset_map,
            "url": url,
            "encoding": document.encoding,
            "meta": extra,
            "path": str(path),
            "_src": src,
        }


RICH = ("html", "docx", "pdf")


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


def _document_meta(doc: DocumentFile, declared: list, text: str) -> tuple[dict, dict]:
    """Title, date, years, kind and region of a one-article file (:func:`.describe.describe`)
    and the source of each. A work report whose year nothing tells is a clear error."""
    got, src = describe(str(doc.path), doc.parts, declared, text)
    if got.get("reference_year") is None and got["kind"] == "work_report":
        raise SeedError(
            f"{doc.path}: cannot tell which year this work report is of (no date line, no year "
            "in its title or file name, no reviewed year); add front matter "
            "'---\\ndate: 2021-01-20\\n---' or a manifest row"
        )
    year = got.get("year")
    info = {
        "title": got.get("title") or doc.path.stem,
        "date": got.get("date", ""),
        "year": year,
        "reference_year": got.get("reference_year"),
        "kind": got["kind"],
        "region": got.get("region", ""),
    }
    return info, src


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


__all__ = [
    "CORPUS_COLUMNS",
    "FEW_FILES",
    "PROBLEM_COLUMNS",
    "Mapper",
    "ReadFile",
    "Source",
    "get_article",
    "load_corpus",
    "load_problems",
    "read_file",
    "regions",
    "split_articles",
    "work_report",
]
