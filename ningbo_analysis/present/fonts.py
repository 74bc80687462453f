"""Find a font that can draw Chinese (CJK) text, without hard-wiring one machine's fonts.

A face counts as Chinese-capable when its character map covers :data:`SAMPLE_TEXT`
(checked with fontTools, which matplotlib already depends on). Faces are looked for in

1. explicit ``search_dirs`` (tests, ``$NINGBO_FONT_DIR``, ``<venv>/share/fonts``);
2. the pip package ``noto-cjk-sans-otc`` when installed (no root needed);
3. fontconfig (``fc-list :lang=zh``) and matplotlib's own font list.

Among the candidates, simplified-Chinese faces of well-known families win (see
:data:`PREFERRED_FAMILIES`), so the "SC" face of a Noto CJK collection is chosen rather
than its first, Japanese, face.

``python -m ningbo_analysis.present.fonts`` prints the font found (exit 0) or what to install (exit 1).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ningbo_analysis.errors import NingboAnalysisError

#: Characters a face must cover to be used for the reports' labels (宁波, 生产总值, 年, 增长…).
SAMPLE_TEXT = "宁波市地区生产总值年增长率亿元万人"

#: Font file suffixes looked at when scanning folders.
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: Well-known families, best first (simplified Chinese, sans-serif before serif).
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Sarasa Gothic SC",
    "Droid Sans Fallback",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
)

#: Debian package installed by ``scripts/setup.py`` when we are root.
APT_PACKAGE = "fonts-wqy-microhei"
#: PyPI package (SIL OFL) installed into the venv otherwise.
PIP_PACKAGE = "noto-cjk-sans-otc"

INSTALL_HINT = (
    "no font that can draw Chinese text was found. Install one, e.g. "
    f"`sudo apt-get install -y --no-install-recommends {APT_PACKAGE}` (Debian/Ubuntu), "
    f"`.venv/bin/pip install {PIP_PACKAGE}` (no root needed), or put a CJK .ttf/.otf/.ttc "
    "file in the folder named by $NINGBO_FONT_DIR; then run `make test` again."
)


class MissingFontError(NingboAnalysisError, RuntimeError):
    """No installed font can draw Chinese characters."""


@dataclass(frozen=True)
class CJKFont:
    """One face of a font file that covers Chinese characters.

    ``face_index`` is the face inside a collection (.ttc/.otc); 0 for single fonts.
    """

    family: str
    path: Path
    face_index: int = 0


def default_search_dirs() -> list[Path]:
    """Folders scanned before the system fonts: ``$NINGBO_FONT_DIR`` and ``<venv>/share/fonts``."""
    dirs = []
    env = os.environ.get("NINGBO_FONT_DIR")
    if env:
        dirs.append(Path(env))
    dirs.append(Path(sys.prefix) / "share" / "fonts")
    return dirs


def font_files(dirs: Iterable[Path]) -> list[Path]:
    """Font files (``.ttf/.otf/.ttc/.otc``) under ``dirs``, recursively, sorted; missing dirs skipped."""
    found: set[Path] = set()
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            continue
        for p in d.rglob("*"):
            if p.suffix.lower() in FONT_SUFFIXES and p.is_file():
                found.add(p)
    return sorted(found)


def _faces(path: Path) -> tuple[list, object]:
    """``([(face_index, TTFont), ...], closable)`` for a font file (tables loaded lazily)."""
    from fontTools.ttLib import TTCollection, TTFont

    with open(path, "rb") as fh:
        tag = fh.read(4)
    if tag == b"ttcf":
        coll = TTCollection(str(path), lazy=True)
        return list(enumerate(coll.fonts)), coll
    tt = TTFont(str(path), lazy=True)
    return [(0, tt)], tt


def _family(tt) -> str:
    """Family name of a face: typographic family (name id 16) if present, else id 1."""
    name = tt["name"]
    return str(name.getDebugName(16) or name.getDebugName(1) or "").strip()


def _covers(tt, text: str) -> bool:
    """True when every character of ``text`` maps to its own glyph.

    Distinct glyphs are required so that placeholder fonts such as matplotlib's
    "Last Resort", which map whole Unicode blocks to one box, do not count.
    """
    cmap = tt.getBestCmap() or {}
    chars = {ch for ch in text if not ch.isspace()}
    if not all(ord(ch) in cmap for ch in chars):
        return False
    return len({cmap[ord(ch)] for ch in chars}) == len(chars)


@lru_cache(maxsize=512)
def _scan_file(path: str, size: int, mtime_ns: int, text: str) -> tuple[tuple[int, str], ...]:
    """Faces of one file that cover ``text``: ``((face_index, family), ...)``; cached by size
    and modification time."""
    out = []
    try:
        faces, handle = _faces(Path(path))
        try:
            for index, tt in faces:
                if _covers(tt, text):
                    out.append((index, _family(tt)))
        finally:
            handle.close()
    except Exception:  # unreadable or non-font file: simply not a candidate
        return ()
    return tuple(out)


#: File in the cache folder (``na.resources.cache_dir()``) remembering which faces of a font file
#: cover which text, so that a new process does not parse the character maps again. The scans
#: are those of one version of the package's code (``na.resources.package_digest()``, as for the
#: cached tables): another version, whose rules may differ, scans again.
SCAN_FILE = "font-faces.json"


def _scan_store() -> tuple[Path | None, dict[str, list]]:
    """The remembered scans (key → ``[[face_index, family], ...]``) and the file holding them
    (None when the cache is off); an unreadable file, or one written by another version of the
    package, is an empty memory."""
    from ningbo_analysis.resources import cache_dir, package_digest

    folder = cache_dir()
    if folder is None:
        return None, {}
    path = folder / SCAN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path, {}
    if not isinstance(data, dict) or data.get("package") != package_digest():
        return path, {}
    faces = data.get("faces")
    return path, faces if isinstance(faces, dict) else {}


def _remember_scans(path: Path, known: dict[str, list]) -> None:
    """Write the scans of files that still exist by write-then-rename; a cache folder that
    cannot be written is ignored."""
    from ningbo_analysis.resources import package_digest

    known = {k: v for k, v in known.items() if Path(k.split("\0", 1)[0]).is_file()}
    data = {"package": package_digest(), "faces": known}
    from ningbo_analysis.files import atomic_file

    try:
        with atomic_file(path) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    except OSError:
        pass


def cjk_faces(paths: Iterable[Path], text: str = SAMPLE_TEXT) -> list[CJKFont]:
    """Every face of the given font files whose character map covers ``text``.

    A file's faces are remembered in the cache folder under its path, size and modification
    time (:data:`SCAN_FILE`): a changed or replaced file is scanned again."""
    store, known = None, None
    faces, changed = [], False
    for p in paths:
        p = Path(p)
        try:
            st = p.stat()
        except OSError:
            continue
        if known is None:
            store, known = _scan_store()
        key = f"{p}\0{st.st_size}\0{st.st_mtime_ns}\0{text}"
        found = known.get(key)
        if not isinstance(found, list):
            found = [list(face) for face in _scan_file(str(p), st.st_size, st.st_mtime_ns, text)]
            known[key], changed = found, True
        for index, family in found:
            faces.append(CJKFont(family=str(family), path=p, face_index=int(index)))
    if changed and store is not None:
        _remember_scans(store, known)
    return faces


def _pip_font_files() -> list[Path]:
    """The collection shipped by the ``noto-cjk-sans-otc`` wheel, if installed."""
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]
    except ImportError:
        return []
    return [Path(str(noto_cjk_sans_otc.FONT_PATH))]


def _fontconfig_files() -> list[Path]:
    """Files fontconfig lists for Chinese (``fc-list :lang=zh``); empty without fontconfig."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        res = subprocess.run(
            [exe, ":lang=zh", "file"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({Path(line.rstrip().rstrip(":")) for line in res.stdout.splitlines() if line})


def _matplotlib_files() -> list[Path]:
    """Font files matplotlib knows about (its cached system font list)."""
    try:
        from matplotlib import font_manager
    except ImportError:
        return []
    return sorted({Path(e.fname) for e in font_manager.fontManager.ttflist})


def rank(font: CJKFont) -> tuple:
    """Sort key: preferred families first (in :data:`PREFERRED_FAMILIES` order), then by name."""
    try:
        pref = PREFERRED_FAMILIES.index(font.family)
    except ValueError:
        pref = len(PREFERRED_FAMILIES)
    mono = "mono" in font.family.lower()
    return (pref, mono, font.family, str(font.path), font.face_index)


def find_cjk_font(
    search_dirs: Sequence[Path] | None = None,
    *,
    system: bool = True,
    text: str = SAMPLE_TEXT,
) -> CJKFont | None:
    """Best installed face that covers Chinese ``text``, or ``None``.

    ``search_dirs`` defaults to :func:`default_search_dirs`; ``system=False`` skips the pip
    package, fontconfig and matplotlib (used by tests with a fake font folder).

    >>> font = find_cjk_font()  # doctest: +SKIP
    >>> font.family  # doctest: +SKIP
    'WenQuanYi Micro Hei'
    """
    dirs = default_search_dirs() if search_dirs is None else list(search_dirs)
    groups = [lambda: font_files(dirs)]
    if system:
        groups += [_pip_font_files, _fontconfig_files, _matplotlib_files]
    # Explicit folders win over system fonts; within a group the best-ranked face wins; a
    # group is only listed when the ones before it had no face
    for group in groups:
        faces = cjk_faces(group(), text)
        if faces:
            return min(faces, key=rank)
    return None


def extract_face(font: CJKFont, dest_dir: Path) -> Path:
    """Write face ``font.face_index`` of a collection as a standalone font file in ``dest_dir``.

    Needed for matplotlib versions that only read the first face of a .ttc/.otc.
    """
    from fontTools.ttLib import TTCollection

    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    out = dest_dir / f"{font.path.stem}-{font.face_index}.otf"
    if not out.exists():
        coll = TTCollection(str(font.path))
        tmp = out.with_suffix(".tmp")
        coll.fonts[font.face_index].save(str(tmp))
        tmp.replace(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the CJK font found (exit 0) or how to install one (exit 1)."""
    font = find_cjk_font()
    if font is None:
        print(f"ningbo-analysis: {INSTALL_HINT}", file=sys.stderr)
        return 1
    print(f"{font.family}\t{font.path}\t{font.face_index}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = [
    "APT_PACKAGE",
    "FONT_SUFFIXES",
    "INSTALL_HINT",
    "PIP_PACKAGE",
    "PREFERRED_FAMILIES",
    "SAMPLE_TEXT",
    "SCAN_FILE",
    "CJKFont",
    "MissingFontError",
    "cjk_faces",
    "default_search_dirs",
    "extract_face",
    "find_cjk_font",
    "font_files",
    "main",
    "rank",
]
