"""Stage 1 — corpus: reading one text document. UTF-8 (with or without BOM) is read as is; a file
in another encoding is decoded with the encoding detected (UTF-16 with or without BOM,
GB18030/GBK, Big5; then charset-normalizer), which is recorded; a file with control characters
(a binary file) is refused with the line and column of the first one. A manifest in another
encoding gets a named guess and the ``iconv`` command that converts it. Also the SHA-256 of a
file, which the manifest checks.
"""

from __future__ import annotations

import hashlib
import re
import shlex
from pathlib import Path

from ningbo_analysis.errors import SeedError


def read_seed(path: Path) -> str:
    """Read one text document (``.txt``/``.md``) as text, raising :class:`SeedError` naming the
    file on any problem (see :func:`decode_text`)."""
    return decode_text(read_bytes(path), path)[0]


def read_bytes(path: Path, what: str = "seed file") -> bytes:
    """The bytes of a document, or a one-line :class:`SeedError` naming it (``what`` it is):
    missing, not a regular file, a looping link, unreadable or empty."""
    if not path.is_file():
        problem = (
            "is not a regular file"
            if path.exists()
            else "is a symbolic link that loops or points nowhere"
            if path.is_symlink()
            else "not found"
        )
        raise SeedError(f"{what} {problem}: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise SeedError(f"seed file is empty: {path}")
    return data


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a document's bytes and the encoding it was read with: UTF-8 (``utf-8``, or
    ``utf-8-sig`` with a BOM, which is dropped), else the encoding detected (UTF-16 with or without
    BOM, GB18030/GBK, Big5: :func:`guess_encoding`, then charset-normalizer when installed).

    Bytes that fit no encoding, and text with control characters (a binary file), are refused
    with a :class:`SeedError` naming the file (and the line and column of the first control
    character).
    """
    encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, encoding = _detected(data, path, exc)
    else:
        if "\x00" in text:  # ASCII UTF-16 is valid UTF-8 with NULs
            guess = guess_encoding(data)
            if guess:
                text, encoding = data.decode(_CODECS[guess]), _CODECS[guess]
    if text.startswith("\ufeff"):
        text = text[1:]
        encoding = "utf-8-sig" if encoding == "utf-8" else encoding
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise SeedError(
            f"{path}: control character U+{ord(bad.group()):04X} at line {line}, column {column}: "
            "not a plain text document (a binary file?); remove the control characters or "
            "export the document as plain UTF-8 text"
        )
    return text, encoding


_CODECS = {"UTF-16": "utf-16", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be",
           "GB18030": "gb18030", "Big5": "big5"}  # fmt: skip


def _detected(data: bytes, path: Path, exc: UnicodeDecodeError) -> tuple[str, str]:
    """Text and codec of bytes that are not UTF-8, or a SeedError naming the file."""
    guess = guess_encoding(data)
    if guess:
        return data.decode(_CODECS[guess]), _CODECS[guess]
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        best = None
    else:
        best = from_bytes(data).best()
    if best is not None and _texty(str(best)):
        return str(best), best.encoding
    raise SeedError(
        f"seed file is not valid UTF-8: {path} (byte {exc.start}: {exc.reason}) and no "
        "known encoding (UTF-16, GBK, Big5) fits; save it as UTF-8 text"
    )


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


__all__ = [
    "decode_text",
    "guess_encoding",
    "read_bytes",
    "read_seed",
    "sha256_file",
]
