"""Stage 1 — corpus: the metadata a folder or a document declares. A folder's ``manifest.csv``
(file, SHA-256, title, date, regions, kind …) is read, checked row by row and its checksums
verified; a document's YAML front matter (``---`` lines around ``key: value`` pairs) is read and
checked the same way. The rules both share live here too: what a place name may hold, what a real
date looks like, which article kinds exist (``data/kind_names.csv``).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.reading import _convert_hint, guess_encoding, sha256_file
from ningbo_analysis.errors import SeedError
from ningbo_analysis.resources import read_data_csv

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


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


FRONT_MATTER_KEYS = ("title", "date", "region", "kind", "reference_year")


def _plain(value: object) -> object:
    """A front-matter value as JSON can hold it (dates as ISO text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _urls(value: object) -> list[str]:
    """The addresses of a ``source:`` (or ``url:``) key: a string or a list of them."""
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def front_matter(raw: str, path: Path | str = "<text>") -> tuple[dict, int]:
    """YAML front matter of a document (``---`` lines around ``key: value`` pairs) and the
    offset where the body starts; ``({}, 0)`` when there is none.

    The known keys (``title``, ``date``, ``region``, ``kind``, ``reference_year``) are checked;
    ``source`` (or ``url``: an address or a list of them) becomes ``source`` (the first address;
    a list is kept whole in ``meta`` as ``sources``); any other key is kept, as JSON, in ``meta``.

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
    meta = {
        str(k): ("" if v is None else str(v).strip())
        for k, v in data.items()
        if k in FRONT_MATTER_KEYS
    }
    extra = {str(k): _plain(v) for k, v in data.items() if k not in FRONT_MATTER_KEYS}
    urls = _urls(extra.pop("source", None)) + _urls(extra.pop("url", None))
    if urls:
        meta["source"] = urls[0]
        if len(urls) > 1:
            extra["sources"] = urls
    if extra:
        meta["meta"] = json.dumps(extra, ensure_ascii=False, sort_keys=True)
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


__all__ = [
    "FRONT_MATTER_KEYS",
    "MANIFEST",
    "MANIFEST_COLUMNS",
    "article_kinds",
    "front_matter",
    "is_place_name",
    "is_valid_date",
    "read_manifest",
    "verify_checksums",
]
