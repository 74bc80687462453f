"""Stage 5 — text: segmentation and the tokenizer, and the filters that keep content tokens.

Segmentation uses a private ``jieba.Tokenizer`` (built once per process, cache file in a user
cache folder, no log output) with the domain user dictionary ``data/userdict.txt``.

Rules applied by :func:`segment` before jieba, all general (no seed text is special-cased):

1. Quote marks are normalised one character for one character (offsets stay valid): ``"`` / ``＂``
   alternate between “ and ”; ‘ ’ 「 」 『 』 〝 〞 become “ ”.
2. User-dictionary terms containing characters jieba cannot keep inside a word (quotes, dashes) are
   matched first by a regex in which every quote mark is optional, so ``“246”万千亿级产业集群``,
   ``"246"万千亿级产业集群`` and ``246万千亿级产业集群`` all give the token ``“246”万千亿级产业集群``.
3. A quoted span of 1-8 characters without punctuation inside is one name: ``“四知”`` → ``四知``,
   ``“十四五”`` → ``十四五``; a quoted code without Chinese characters keeps its quotes (``“225”``) so
   that it is not mistaken for a number.
4. Everything else goes to jieba (HMM on). The user dictionary keeps 十四五, 双循环 … whole.

Filtering (:func:`tokenize`, :func:`tokens_frame`):

- punctuation and whitespace tokens are always dropped;
- numbers are always dropped: digits / Chinese numerals, optionally preceded by 第 and followed
  by one unit from the ``unit`` list (``14594.9``, ``8.2%``, ``亿元``, ``万件``, ``三五年``); user
  dictionary terms and quoted names are never numbers (十四五 stays);
- ``drop_stopwords`` (default on): the stopwordsiso ``zh`` list plus the ``stop`` entries of
  ``data/stopwords_extra.txt`` (function words, report boilerplate such as 各位代表, 一是);
- ``drop_generic`` (off by default, on for keyword views): the ``generic`` entries (推进, 加快,
  实施, 建设, 大力 …), verbs and adverbs common to every section of a plan;
- ``keep`` entries (宁, 区, 坚持, 全面 …) are removed from both lists, so they are never dropped.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    import jieba

USERDICT = "userdict.txt"


STOPWORDS_EXTRA = "stopwords_extra.txt"


# Characters jieba keeps inside a word (its ``re_han_default``); other characters split words.
_JIEBA_WORD_CHARS = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


_HAN = re.compile(r"[\u4E00-\u9FFF]")


_CONTENT = re.compile(r"[^\W_]")


_OPEN, _CLOSE = "“", "”"


_QUOTE_MAP = str.maketrans(
    {"‘": _OPEN, "’": _CLOSE, "「": _OPEN, "」": _CLOSE, "『": _OPEN, "』": _CLOSE}
    | {"〝": _OPEN, "〞": _CLOSE, "„": _OPEN, "‟": _CLOSE}
)


_QUOTED_SPAN = r"“(?P<q>[^“”\s，。、；：！？,;:!?()（）《》【】\[\]]{1,8})”"


_NUMERALS = "0-9０-９.．,，%％‰+＋~～零〇一二两三四五六七八九十百千万亿"


_LISTS = ("stop", "generic", "keep", "unit")


# --------------------------------------------------------------------------- resources


def cache_dir() -> Path:
    """Writable folder for jieba's dictionary cache: the package's cache folder
    (:func:`ningbo_analysis.resources.cache_dir`, ``~/.cache/ningbo-analysis``), else the system
    temp folder (the cache switched off, or the folder cannot be created or written)."""
    from ningbo_analysis.resources import cache_dir as package_cache

    folder = package_cache()
    candidates = [Path(tempfile.gettempdir())] if folder is None else [folder]
    for candidate in (*candidates, Path(tempfile.gettempdir())):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK | os.X_OK):
            return candidate
    return Path(tempfile.gettempdir())


def _read_lines(name: str) -> list[list[str]]:
    """Non-comment, non-blank lines of a package data text file, split on whitespace."""
    path = data_path(name)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ParameterError(f"data file {path} is missing") from exc
    except UnicodeDecodeError as exc:
        raise ParameterError(f"data file {path} is not UTF-8: {exc}") from exc
    rows = []
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split())
    return rows


@functools.cache
def _user_entries() -> tuple[tuple[str, int | None, str | None], ...]:
    """``(term, freq, tag)`` of each line of ``data/userdict.txt`` (freq/tag None when absent)."""
    entries: dict[str, tuple[str, int | None, str | None]] = {}
    for parts in _read_lines(USERDICT):
        freq = parts[1] if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > (2 if freq else 1) else None
        if len(parts) > 3 or (len(parts) == 3 and freq is None):
            raise ParameterError(f"{USERDICT}: line {' '.join(parts)!r} is not 'term [freq] [pos]'")
        entries.setdefault(parts[0], (parts[0], int(freq) if freq else None, tag))
    return tuple(entries.values())


@functools.cache
def user_terms() -> tuple[str, ...]:
    """Terms of the domain user dictionary ``data/userdict.txt``, in file order."""
    return tuple(term for term, _freq, _tag in _user_entries())


@functools.cache
def stopword_lists() -> dict[str, frozenset[str]]:
    """The word lists used for filtering: ``stop``, ``generic``, ``keep`` and ``unit``.

    ``stop`` is stopwordsiso's ``zh`` list plus the ``stop`` entries of ``stopwords_extra.txt``;
    ``keep`` entries are removed from ``stop`` and ``generic``.
    """
    import stopwordsiso

    extra: dict[str, set[str]] = {name: set() for name in _LISTS}
    for parts in _read_lines(STOPWORDS_EXTRA):
        if len(parts) != 2 or parts[1] not in _LISTS:
            raise ParameterError(
                f"{STOPWORDS_EXTRA}: line {' '.join(parts)!r} is not '<word> <{'|'.join(_LISTS)}>'"
            )
        extra[parts[1]].add(parts[0])
    keep = extra["keep"]
    stop = (set(stopwordsiso.stopwords("zh")) | extra["stop"]) - keep
    return {
        "stop": frozenset(stop),
        "generic": frozenset(extra["generic"] - keep),
        "keep": frozenset(keep),
        "unit": frozenset(extra["unit"]),
    }


@functools.cache
def _number_re() -> re.Pattern[str]:
    units = sorted(stopword_lists()["unit"], key=lambda u: (-len(u), u))
    alt = "|".join(re.escape(u) for u in units)
    return re.compile(
        rf"^(?:第?[{_NUMERALS}]*[0-9０-９零〇一二两三四五六七八九十百千万亿][{_NUMERALS}]*(?:{alt})?|(?:{alt}))$"
    )


@functools.cache
def _protect_re() -> re.Pattern[str]:
    """Regex of the spans segmented before jieba (rules 2 and 3 of the module docstring)."""
    special = [t for t in user_terms() if not _JIEBA_WORD_CHARS.match(t)]
    alts = []
    for term in sorted(special, key=lambda t: (-len(t), t)):
        norm = normalize_quotes(term)
        alts.append(
            "".join(f"[{_OPEN}{_CLOSE}]?" if c in _OPEN + _CLOSE else re.escape(c) for c in norm)
        )
    term_part = f"(?P<t>{'|'.join(alts)})|" if alts else ""
    return re.compile(term_part + _QUOTED_SPAN)


@functools.cache
def _special_terms() -> dict[str, str]:
    """Map from the quote-free form of a special user term to the term as written."""
    return {re.sub(f"[{_OPEN}{_CLOSE}]", "", normalize_quotes(t)): t for t in user_terms()}


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    """The private jieba tokenizer with the user dictionary, built once per process, silent."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba

    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    log = logging.getLogger("jieba")  # jieba's own logger: left as the user set it
    disabled, log.disabled = log.disabled, True  # silent while our dictionary loads
    try:
        tok.initialize()
    finally:
        log.disabled = disabled
    for term, freq, tag in _user_entries():
        if _JIEBA_WORD_CHARS.match(term):
            tok.add_word(term, freq, tag)
    return tok


# --------------------------------------------------------------------------- segmentation


def normalize_quotes(text: str) -> str:
    """Map every quote mark to “ or ”, one character for one (offsets unchanged).

    ``"十四五"`` → ``“十四五”``; 「双循环」 → “双循环”. Straight and full-width double quotes
    alternate opening/closing within the text.
    """
    if not isinstance(text, str):
        raise ParameterError(f"text must be a str, got {type(text).__name__}")
    text = text.translate(_QUOTE_MAP)
    if '"' not in text and "＂" not in text:
        return text
    out, opening = [], True
    for ch in text:
        if ch in '"＂':
            out.append(_OPEN if opening else _CLOSE)
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


class _Remembered:
    """The tokens of a segments table kept compact (token and kind as codes into their distinct
    values, offsets as arrays: ≈ 30 bytes a token instead of ≈ 200 as tuples, so the 9 million
    tokens of a 50 MB document fit); a text's tuples are made when it is asked for."""

    def __init__(self, table: pd.DataFrame) -> None:
        codes, tokens = pd.factorize(table["token"])
        self.codes, self.tokens = codes, np.asarray(tokens, dtype=object)
        kind_codes, kinds = pd.factorize(table["token_kind"])
        self.kind_codes, self.kinds = kind_codes, np.asarray(kinds, dtype=object)
        self.starts = table["start"].to_numpy(dtype="int64")
        self.ends = table["end"].to_numpy(dtype="int64")

    def rows(self, lo: int, hi: int) -> list[tuple[str, int, int, str]]:
        """The tokens of rows ``lo``…``hi - 1`` as :func:`segment` gives them."""
        return list(
            zip(
                self.tokens[self.codes[lo:hi]].tolist(),
                self.starts[lo:hi].tolist(),
                self.ends[lo:hi].tolist(),
                self.kinds[self.kind_codes[lo:hi]].tolist(),
                strict=True,
            )
        )


#: Segmentations known in advance (text → where its :func:`segment` tokens are kept), set by
#: :func:`remember_segments` from the per-corpus cache (``na.cache.sentences``): a text found
#: here is not run through jieba again. Replaced, never merged, so it holds one corpus at most.
_KNOWN_SEGMENTS: dict[str, tuple[_Remembered, int, int]] = {}


#: Columns of :func:`segment_table`.
SEGMENT_COLUMNS = ["text_no", "token", "start", "end", "token_kind"]


def segment(text: str) -> list[tuple[str, int, int, str]]:
    """All tokens of ``text`` as ``(token, start, end, kind)``, before any filtering.

    ``kind`` is ``"term"`` (user term matched by regex), ``"quoted"`` (quoted name) or ``"word"``
    (jieba). ``start``/``end`` are offsets into ``text``. See the module docstring for the rules.

    >>> [t[0] for t in segment("加快培育“246”万千亿级产业集群")]
    ['加快', '培育', '“246”万千亿级产业集群']
    """
    known = _KNOWN_SEGMENTS.get(text) if isinstance(text, str) else None  # else: the error below
    if known is not None:
        store, lo, hi = known
        return store.rows(lo, hi)
    norm = normalize_quotes(text)
    out: list[tuple[str, int, int, str]] = []

    def cut(start: int, end: int) -> None:
        if end > start:
            tok = _tokenizer()
            for word, s, e in tok.tokenize(norm[start:end]):
                out.append((word, start + s, start + e, "word"))

    pos = 0
    for m in _protect_re().finditer(norm):
        cut(pos, m.start())
        if "t" in m.re.groupindex and m.group("t"):
            key = re.sub(f"[{_OPEN}{_CLOSE}]", "", m.group(0))
            out.append((_special_terms().get(key, m.group(0)), m.start(), m.end(), "term"))
        else:
            inner = m.group("q")
            token = inner if _HAN.search(inner) else m.group(0)
            out.append((token, m.start(), m.end(), "quoted"))
        pos = m.end()
    cut(pos, len(norm))
    return out


#: Tokens :func:`segment_table` holds as Python objects at a time: each piece of that many is
#: made a DataFrame (compact string columns) before the next is read, so a very long corpus
#: (a 50 MB document: ≈ 9 million tokens, ≈ 200 bytes each as tuples) stays within memory.
_TABLE_PIECE = 1 << 18


def segment_table(texts: Sequence[str]) -> pd.DataFrame:
    """Every :func:`segment` token of each text, one row per token: ``text_no`` (position of the
    text in ``texts``), ``token``, ``start``, ``end``, ``token_kind``. What the per-corpus cache
    keeps of the sentences' segmentation (:func:`remember_segments` reads it back)."""
    pieces: list[pd.DataFrame] = []
    nos: list[int] = []
    rows: list[tuple[str, int, int, str]] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise ParameterError(f"segment_table: text {i} is {type(text).__name__}, not str")
        found = segment(text)
        nos.extend([i] * len(found))
        rows.extend(found)
        if len(rows) >= _TABLE_PIECE:
            pieces.append(_segment_frame(nos, rows))
            nos, rows = [], []
    if rows or not pieces:
        pieces.append(_segment_frame(nos, rows))
    if len(pieces) == 1:
        return pieces[0]
    return pd.concat(pieces, ignore_index=True)


def _segment_frame(nos: list[int], rows: list[tuple[str, int, int, str]]) -> pd.DataFrame:
    """The rows of :func:`segment_table` for tokens ``rows`` of texts ``nos``."""
    toks, starts, ends, kinds = zip(*rows, strict=True) if rows else ((), (), (), ())
    return pd.DataFrame(
        {
            "text_no": np.asarray(nos, dtype="int64"),
            "token": pd.Series(toks, dtype="str"),
            "start": np.asarray(starts, dtype="int64"),
            "end": np.asarray(ends, dtype="int64"),
            "token_kind": pd.Series(kinds, dtype="str"),
        },
        columns=SEGMENT_COLUMNS,
    )


def remember_segments(texts: Sequence[str], table: pd.DataFrame) -> bool:
    """Let :func:`segment` answer ``texts`` from ``table`` (``segment_table(texts)``, e.g. read
    back from the cache) instead of running jieba; replaces what was remembered before.

    Returns False, remembering nothing, when ``table`` cannot be the table of ``texts`` (other
    columns, a text number out of range or out of order)."""
    _KNOWN_SEGMENTS.clear()
    if list(table.columns) != SEGMENT_COLUMNS:
        return False
    nos = table["text_no"].to_numpy()
    if len(nos) and (nos[0] < 0 or nos[-1] >= len(texts) or (np.diff(nos) < 0).any()):
        return False
    bounds = np.searchsorted(nos, np.arange(len(texts) + 1)).tolist()
    store = _Remembered(table)
    for i, text in enumerate(texts):
        _KNOWN_SEGMENTS[text] = (store, bounds[i], bounds[i + 1])
    return True


# --------------------------------------------------------------------------- filtering


@functools.lru_cache(maxsize=1 << 16)
def _keeps(token: str, kind: str, drop_stopwords: bool, drop_generic: bool, min_len: int) -> bool:
    """Whether a segmented token survives the filters of :func:`tokenize` (remembered: a
    corpus repeats its words)."""
    if not _CONTENT.search(token) or len(token) < min_len:
        return False
    lists = stopword_lists()
    if token in lists["keep"]:
        return True
    if kind == "word" and token not in _user_set() and _number_re().match(token):
        return False
    if drop_stopwords and token in lists["stop"]:
        return False
    return not (drop_generic and token in lists["generic"])


@functools.cache
def _user_set() -> frozenset[str]:
    return frozenset(user_terms())


def _check_flags(min_len: int) -> None:
    if not isinstance(min_len, int) or isinstance(min_len, bool) or min_len < 1:
        raise ParameterError(f"min_len must be an int >= 1, got {min_len!r}")


def tokenize(
    text: str,
    *,
    drop_stopwords: bool = True,
    drop_generic: bool = False,
    min_len: int = 1,
) -> list[str]:
    """Content tokens of ``text``: no punctuation, numbers or (by default) stopwords.

    ``drop_generic=True`` also removes generic policy verbs (推进, 加快 …); ``min_len`` is the
    minimum token length in characters.

    >>> tokenize("加快推进“十四五”规划,建设宁波舟山港。", drop_generic=True)
    ['十四五', '规划', '宁波舟山港']
    """
    _check_flags(min_len)
    return [
        t
        for t, _s, _e, kind in segment(text)
        if _keeps(t, kind, drop_stopwords, drop_generic, min_len)
    ]


def _text_column(frame: pd.DataFrame, text_col: str | None) -> str:
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"expected a DataFrame with a text column, got {type(frame).__name__}")
    if text_col is not None:
        if text_col not in frame.columns:
            raise ParameterError(f"text_col {text_col!r} is not a column ({list(frame.columns)})")
        return text_col
    for col in ("text", "sentence"):
        if col in frame.columns:
            return col
    raise ParameterError(
        f"the DataFrame needs a 'text' or 'sentence' column, it has {list(frame.columns)}"
    )


def tokens_frame(
    frame: pd.DataFrame,
    *,
    text_col: str | None = None,
    drop_stopwords: bool = True,
    drop_generic: bool = False,
    min_len: int = 1,
) -> pd.DataFrame:
    """One row per content token of a corpus, sentences or sections DataFrame.

    The text is read from ``text_col`` (default ``text``, else ``sentence``). Output columns: every
    input column except the text column, then ``token_no`` (0-based position among the kept tokens
    of the row), ``token``, ``token_kind`` (``word``, ``term`` or ``quoted``, see :func:`segment`)
    and ``offset`` (start of the token in the row's text).
    """
    col = _text_column(frame, text_col)
    _check_flags(min_len)
    keep_cols = [c for c in frame.columns if c != col]
    rows: list[int] = []
    tokens: list[str] = []
    offsets: list[int] = []
    numbers: list[int] = []
    kinds: list[str] = []
    for i, text in enumerate(frame[col].tolist()):
        if text is None or (isinstance(text, float) and math.isnan(text)):
            continue
        if not isinstance(text, str):
            raise ParameterError(f"column {col!r} row {i} is {type(text).__name__}, not str")
        n = 0
        for tok, start, _end, kind in segment(text):
            if _keeps(tok, kind, drop_stopwords, drop_generic, min_len):
                rows.append(i)
                tokens.append(tok)
                offsets.append(start)
                numbers.append(n)
                kinds.append(kind)
                n += 1
    out = frame[keep_cols].iloc[rows].reset_index(drop=True)
    out["token_no"] = np.asarray(numbers, dtype="int64")
    out["token"] = pd.Series(tokens, dtype="str")
    out["token_kind"] = pd.Series(kinds, dtype="str")
    out["offset"] = np.asarray(offsets, dtype="int64")
    return out


def _as_list(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


__all__ = [
    "SEGMENT_COLUMNS",
    "STOPWORDS_EXTRA",
    "USERDICT",
    "cache_dir",
    "normalize_quotes",
    "remember_segments",
    "segment",
    "segment_table",
    "stopword_lists",
    "tokenize",
    "tokens_frame",
    "user_terms",
]
