"""Stage 1 — corpus: finding the documents of a folder, recursively. Hidden files and folders
(``.git``, ``.ipynb_checkpoints``) and ``README*`` files are skipped; each folder may have its own
``manifest.csv`` (checked, its checksums verified). A document's id is its path relative to the
folder given, without the suffix, its file part shortened to the name's leading digits when they
are unique in its folder (the seeds' ``001_9e33….txt`` → ``001``; ``上海市/2003.md`` →
``上海市/2003``; ``南昌市/2021.md`` and ``南昌市/2021-10.md`` → ``南昌市/2021``,
``南昌市/2021-10``): unique by construction, the same on every run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ningbo_analysis.corpus.formats import DOCUMENT_SUFFIXES
from ningbo_analysis.corpus.manifest import MANIFEST, read_manifest, verify_checksums
from ningbo_analysis.errors import SeedError
from ningbo_analysis.resources import default_seeds_dir


@dataclass(frozen=True)
class DocumentFile:
    """One document to load: its file, its path relative to the folder given (``parts``: the
    folders and the file name), its id stem and its manifest row (``{}`` when none)."""

    path: Path
    parts: tuple[str, ...]
    number: str
    manifest: dict = field(default_factory=dict)

    @property
    def relative(self) -> str:
        return "/".join(self.parts)


def source_path(source: str | os.PathLike | None) -> Path:
    """The folder or file a ``load_corpus`` argument names (None, "" → the seeds)."""
    return Path(source) if source not in (None, "") else default_seeds_dir()


def is_document(name: str) -> bool:
    """A file load_corpus reads: a document suffix, not hidden, not a README."""
    return (
        Path(name).suffix.lower() in DOCUMENT_SUFFIXES
        and not name.startswith(".")
        and not name.lower().startswith("readme")
    )


def folder_entries(folder: Path) -> Iterable[Path]:
    """Every file below ``folder`` load_corpus may read (documents and manifests), sorted, hidden
    folders skipped; unreadable sub-folders are skipped here (load_corpus reports them)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_document(name) or name == MANIFEST:
                yield Path(root) / name


def _seed_number(name: str) -> str:
    m = re.match(r"(\d+)", name)
    return m.group(1) if m else Path(name).stem


def documents(source: str | os.PathLike | None, verify: bool) -> list[DocumentFile]:
    """The documents of a folder (recursively) or of one file, in path order."""
    path = source_path(source)
    if not path.exists():
        if path.is_symlink():
            raise SeedError(
                f"{path}: a symbolic link that loops or points nowhere; fix or remove the link"
            )
        raise SeedError(f"documents folder or file not found: {path}")
    if path.is_file():
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise SeedError(
                f"not a document this package reads ({', '.join(DOCUMENT_SUFFIXES)}): {path}"
            )
        return _folder_documents(path.parent, (), verify, only=path.name)
    found = []
    for folder in _folders(path):
        parts = folder.relative_to(path).parts
        found.extend(_folder_documents(folder, parts, verify))
    if not found:
        raise SeedError(
            f"documents folder has no documents ({', '.join(DOCUMENT_SUFFIXES)}): {path}"
        )
    return found


def _folders(top: Path) -> list[Path]:
    """``top`` and its sub-folders, hidden ones skipped, in path order."""
    out = []
    try:
        for root, dirs, _ in os.walk(top, onerror=_raise):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out.append(Path(root))
    except OSError as exc:
        raise SeedError(
            f"cannot list documents folder {exc.filename or top}: {exc.strerror or exc}"
        ) from None
    return sorted(out, key=lambda p: p.relative_to(top).parts)


def _raise(exc: OSError) -> None:
    raise exc


def _folder_documents(
    folder: Path, parts: tuple[str, ...], verify: bool, only: str | None = None
) -> list[DocumentFile]:
    """The documents of one folder (not its sub-folders), with its manifest's rows."""
    manifest = read_manifest(folder)
    meta = {} if manifest is None else {r["file"]: r for r in manifest.to_dict("records")}
    if only is not None:
        names = [only]
        if verify and manifest is not None and only in meta:
            verify_checksums(folder, manifest.loc[manifest["file"] == only])
    else:
        if manifest is not None and verify:
            verify_checksums(folder, manifest)
        try:
            # a link that loops or points nowhere is listed too: reading it says what is wrong
            found = {
                p.name
                for p in folder.iterdir()
                if (p.is_file() or (p.is_symlink() and not p.exists())) and is_document(p.name)
            }
        except OSError as exc:
            raise SeedError(
                f"cannot list documents folder {folder}: {exc.strerror or exc}"
            ) from None
        names = sorted(found | set(meta))
    prefixes = [_seed_number(name) for name in names]
    out = []
    for name, prefix in zip(names, prefixes, strict=True):
        # 000_….txt → "000"; when two files share leading digits (2022_wenzhou, 2022_taizhou)
        # their whole stems keep doc_ids unique.
        number = prefix if prefixes.count(prefix) == 1 else Path(name).stem
        out.append(
            DocumentFile(
                folder / name, (*parts, name), "/".join((*parts, number)), meta.get(name, {})
            )
        )
    return out


__all__ = ["DocumentFile", "documents", "folder_entries", "is_document", "source_path"]
