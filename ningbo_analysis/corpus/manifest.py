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
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise SeedError(
                f"manifest {path} is larger than {MAX_MANIFEST_BYTES // 2**20} MB: not a manifest "
                "of documents (one row per file)"
            )
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
    _check_ragged(path, text)
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
    return _without_duplicates(path, manifest, text)


MAX_MANIFEST_BYTES = 16 * 2**20  # a manifest lists files: 16 MB is ~100,000 rows


def _check_ragged(path: Path, text: str) -> None:
    """A SeedError naming the line and the field when a record has more or fewer fields than
    the header (pandas would fill or shift them, and the next check blame the wrong column)."""
    if text.count('"') % 2:
        return  # an unterminated quote: the CSV reader says where it starts
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    start = reader.line_num + 1
    for row in reader:
        if row and len(row) != len(header):
            where = f"{path}, line {start}"
            if len(row) < len(header):
                gap = _missing_field(header, row)
                if gap is not None:
                    raise SeedError(
                        f"{where}: {len(row)} fields where the header has {len(header)}; field "
                        f"{header[gap]!r} is missing (after {header[gap - 1]!r}: "
                        f"{row[gap - 1]!r}); leave it empty between two commas"
                    )
                raise SeedError(
                    f"{where}: {len(row)} fields where the header has {len(header)}; "
                    f"missing from field {header[len(row)]!r} on"
                )
            raise SeedError(
                f"{where}: {len(row)} fields where the header has {len(header)}; an extra field "
                f"after {header[-1]!r} ({row[len(header)]!r}): quote a field holding a comma"
            )
        start = reader.line_num + 1


_FIELD_CHECKS = {
    "sha256": lambda v: not v or bool(_SHA256.fullmatch(v)),
    "date": lambda v: is_valid_date(v),
    "reference_year": lambda v: not v or bool(re.fullmatch(r"\d{4}", v)),
    "kind": lambda v: not v or v in article_kinds(),
    "regions": lambda v: all(not p or is_place_name(p) for p in v.split(";")),
}


def _missing_field(header: list[str], row: list[str]) -> int | None:
    """The index of the one field left out of ``row`` (one short of ``header``): the first
    position where an empty field put back makes every checked field (sha256, date, kind …)
    well formed; None when the row is short by more than one or no position fits."""
    if len(row) != len(header) - 1:
        return None
    for gap in range(1, len(header)):
        fixed = dict(zip(header, [*row[:gap], "", *row[gap:]], strict=True))
        if all(check(fixed[c].strip()) for c, check in _FIELD_CHECKS.items() if c in fixed):
            return gap
    return None


def _without_duplicates(path: Path, manifest: pd.DataFrame, text: str) -> pd.DataFrame:
    """``manifest`` with a file listed twice the same way kept once; a SeedError naming both
    lines when the two rows of a file say different things."""
    lines = _record_lines(text)
    first: dict[str, int] = {}
    keep = []
    rows = manifest.to_dict("records")
    for i, row in enumerate(rows):
        j = first.setdefault(row["file"], i)
        if j == i:
            keep.append(i)
            continue
        differ = [c for c in manifest.columns if rows[j][c] != row[c]]
        if differ:
            line_a = lines[j] if j < len(lines) else j + 2
            line_b = lines[i] if i < len(lines) else i + 2
            raise SeedError(
                f"{path}: lines {line_a} and {line_b} both describe {row['file']} and differ in "
                f"{', '.join(differ)}; keep one row per file"
            )
    return manifest.iloc[keep].reset_index(drop=True)


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
MAX_FRONT_MATTER_BYTES = 64 * 1024


def _refuse_aliases(block: str, path: Path | str) -> None:
    """A SeedError for YAML anchors and aliases (``&a`` / ``*a``): metadata needs none, and
    expanding nested aliases makes a few hundred bytes gigabytes. Read as a stream of events,
    before anything is built."""
    import yaml

    for event in yaml.parse(block, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise SeedError(
                f"{path}: front matter uses YAML anchors or aliases (&/*); write each value out"
            )


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

    block = m.group(1)
    if len(block.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise SeedError(
            f"{path}: front matter is longer than {MAX_FRONT_MATTER_BYTES // 1024} KB; it holds "
            "a few 'key: value' lines (title, date, region, kind …)"
        )
    try:
        _refuse_aliases(block, path)
        data = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise SeedError(f"{path}: front matter is not valid YAML: {problem}") from None
    except ValueError as exc:  # a date-like value that is no date: 2021-13-45
        raise SeedError(
            f"{path}: front matter has a date that is no real date ({exc}); "
            "write it as YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    if not isinstance(data, dict):
        raise SeedError(f"{path}: front matter must be 'key: value' lines, got {data!r:.80}")
    for key in FRONT_MATTER_KEYS:
        if isinstance(data.get(key), dict | list):
            raise SeedError(
                f"{path}: front matter {key} must be one value (text, a date or a year), not a "
                f"{'list' if isinstance(data[key], list) else 'mapping'}"
            )
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
    "MAX_FRONT_MATTER_BYTES",
    "MAX_MANIFEST_BYTES",
    "article_kinds",
    "front_matter",
    "is_place_name",
    "is_valid_date",
    "read_manifest",
    "verify_checksums",
]
