"""Stage 1 — corpus: the loader. Find a folder's documents, split each file into articles and
give every article its metadata (declared in the manifest or front matter, else inferred from
its text), memoised per state of the files; and look articles up in a loaded corpus.

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

Use :func:`~ningbo_analysis.corpus.cleaning.raw_span` to map an offset range of ``text`` back to
the raw file. Reading a file (:mod:`.reading`), the manifest and front matter (:mod:`.manifest`),
cleaning (:mod:`.cleaning`) and metadata inference (:mod:`.metadata`) have modules of their own.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.cleaning import _WS, clean_text, is_furniture_line
from ningbo_analysis.corpus.manifest import (
    MANIFEST,
    article_kinds,
    front_matter,
    is_place_name,
    read_manifest,
    verify_checksums,
)
from ningbo_analysis.corpus.metadata import (
    _year,
    delivery_date,
    infer_kind,
    infer_region,
    infer_region_from_cues,
    infer_report_year,
    is_salutation,
)
from ningbo_analysis.corpus.reading import read_seed
from ningbo_analysis.errors import (
    NotFoundError,
    ParameterError,
    SeedError,
    require_columns,
    require_int,
)
from ningbo_analysis.resources import default_seeds_dir

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


def _seed_number(name: str) -> str:
    m = re.match(r"(\d+)", name)
    return m.group(1) if m else Path(name).stem


#: A folder or file argument of :func:`load_corpus`.
Source = str | os.PathLike[str]


def load_corpus(
    *docs: Source | Sequence[Source] | None,
    seeds: bool | Source | None = None,
    region: str | None = None,
    verify: bool = True,
) -> pd.DataFrame:
    """Load documents as a DataFrame with one row per article.

    ``load_corpus()`` loads the seeds shipped with the package (``$NINGBO_SEEDS`` overrides
    them), from any working folder; ``load_corpus("my_reports/")`` loads only your documents;
    ``load_corpus("my_reports/", seeds=True)`` both (the seeds first). Each of ``docs`` is a
    folder or a single ``.txt``/``.md`` file, or a list of them (a folder's ``README*`` is not a
    document); ``seeds`` is True, False or another seeds folder, by default True only when no
    documents are given. A folder's ``manifest.csv`` checksums are verified (``verify=False``
    skips that); files not in a manifest load with metadata from their YAML front matter
    (``title``, ``date``, ``region``, ``kind``) or inferred from their text. A document's region
    is, in order: front matter / manifest, the gazetteer (``regions.csv``), the place the report
    names itself (``在临川市第十六届人民代表大会``, ``region_cues.csv``), the only region of the
    other documents of its folder, then ``region`` — the place of documents whose region is
    still unknown (``load_corpus("hefei/", region="合肥")``).

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
    state = _sources_state(sources)
    key = (state, region, verify)
    if state is not None and key in _LOADED:
        return _LOADED[key].copy()  # a copy: changing it leaves the memo alone
    rows: list[dict] = []
    seen: set[Path] = set()
    for source in sources:
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


def _sources_state(sources: Iterable[Path]) -> tuple | None:
    """The state (:func:`_file_state`) of every file load_corpus may read for ``sources`` (a
    folder's entries; a file and its folder's manifest.csv); None when a source cannot be
    listed (load_corpus then reports why)."""
    state: list[tuple] = []
    for source in sources:
        try:
            path = source.resolve()
            entries = sorted(path.iterdir()) if path.is_dir() else [path, path.parent / MANIFEST]
        except OSError:
            return None
        state.append((str(path),))
        state.extend(_file_state(entry) for entry in entries)
    return tuple(state)


DOCUMENT_SUFFIXES = (".txt", ".md")


def _check_source(name: str, source: object) -> None:
    """A folder or file argument of :func:`load_corpus`: a non-empty string or a path."""
    if not isinstance(source, str | os.PathLike) or source == "":
        raise ParameterError(
            f"load_corpus: {name} must be a folder or file path (str or Path), "
            f"got {type(source).__name__} {source!r}"[:300]
        )
    if isinstance(source, str) and "\x00" in source:
        raise ParameterError(f"load_corpus: {name} contains a NUL character: {source!r}")


def _documents(path: Path, verify: bool, seen: set[Path]) -> Iterable[tuple[Path, dict, str]]:
    """(file, manifest row, doc number) for every document of a folder or of one file."""
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


__all__ = [
    "CORPUS_COLUMNS",
    "DOCUMENT_SUFFIXES",
    "Source",
    "get_article",
    "load_corpus",
    "regions",
    "split_articles",
    "work_report",
]
