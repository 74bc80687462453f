"""Text side of the analysis: segmentation, keywords, distinctive vocabulary and themes.

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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from ningbo_analysis.errors import ParameterError, require_columns
from ningbo_analysis.resources import data_path, read_data_csv

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = [
    "COMPARISONS",
    "Comparison",
    "cache_dir",
    "check_comparison",
    "comparison_sentences",
    "distinctive_terms",
    "keyword_table",
    "keywords",
    "normalize_quotes",
    "section_sentences",
    "segment",
    "sentence_themes",
    "stopword_lists",
    "term_counts",
    "theme_lexicon",
    "themes",
    "tokenize",
    "tokens_frame",
    "user_terms",
]

USERDICT = "userdict.txt"
STOPWORDS_EXTRA = "stopwords_extra.txt"
THEMES = "themes.csv"
THEME_NAMES = "theme_names.csv"

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
    """Writable cache folder: ``$XDG_CACHE_HOME/ningbo_analysis`` or ``~/.cache/ningbo_analysis``.

    Falls back to the system temp folder when neither can be created or written.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for candidate in (Path(base) / "ningbo_analysis", Path(tempfile.gettempdir())):
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

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.cache"
    tok.initialize()
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


#: Segmentations known in advance (text → its :func:`segment` tokens), set by
#: :func:`remember_segments` from the per-corpus cache (``na.cache.sentences``): a text found
#: here is not run through jieba again. Replaced, never merged, so it holds one corpus at most.
_KNOWN_SEGMENTS: dict[str, tuple[tuple[str, int, int, str], ...]] = {}

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
        return list(known)
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


def segment_table(texts: Sequence[str]) -> pd.DataFrame:
    """Every :func:`segment` token of each text, one row per token: ``text_no`` (position of the
    text in ``texts``), ``token``, ``start``, ``end``, ``token_kind``. What the per-corpus cache
    keeps of the sentences' segmentation (:func:`remember_segments` reads it back)."""
    nos: list[int] = []
    rows: list[tuple[str, int, int, str]] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise ParameterError(f"segment_table: text {i} is {type(text).__name__}, not str")
        found = segment(text)
        nos.extend([i] * len(found))
        rows.extend(found)
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
    rows = list(
        zip(
            table["token"].tolist(),
            table["start"].tolist(),
            table["end"].tolist(),
            table["token_kind"].tolist(),
            strict=True,
        )
    )
    for i, text in enumerate(texts):
        _KNOWN_SEGMENTS[text] = tuple(rows[bounds[i] : bounds[i + 1]])
    return True


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


# --------------------------------------------------------------------------- keywords


def _as_list(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def _ensure_tokens(
    data: pd.DataFrame, drop_generic: bool, min_len: int, text_col: str | None = None
) -> pd.DataFrame:
    """A tokens frame from ``data`` (tokenising it when it has no ``token`` column), re-filtered
    (tokens without a ``token_kind`` column are filtered as jieba words)."""
    if isinstance(data, pd.DataFrame) and "token" in data.columns and text_col is None:
        toks = data
        kinds = (
            toks["token_kind"].astype(str).tolist()
            if "token_kind" in toks.columns
            else ["word"] * len(toks)
        )
        mask = [
            _keeps(t, k, True, drop_generic, min_len)
            for t, k in zip(toks["token"].astype(str).tolist(), kinds, strict=True)
        ]
        return toks[np.asarray(mask, dtype=bool)] if len(toks) else toks
    return tokens_frame(data, text_col=text_col, drop_generic=drop_generic, min_len=min_len)


def keywords(
    data: pd.DataFrame,
    by: str | Sequence[str] = "doc_id",
    *,
    top_n: int | None = 20,
    score: str = "tfidf",
    drop_generic: bool = True,
    min_len: int = 2,
    text_col: str | None = None,
) -> pd.DataFrame:
    """Top terms per group (article, section …) by frequency or TF-IDF.

    ``data`` is a tokens frame (column ``token``) or a frame with a ``text``/``sentence`` column.
    Each group of ``by`` is one document for TF-IDF: ``tf = count / tokens of the group``,
    ``idf = ln((1 + N) / (1 + df)) + 1`` (N groups, df groups containing the term), ``tfidf = tf *
    idf``. ``score`` is ``"tfidf"`` or ``"count"``; ties are broken by the other score, then term.

    Returns ``by… , rank, term, count, tf, df, idf, tfidf``, groups in order of first appearance
    in ``data`` (document order), then by rank (1 = best).
    Stopwords, generic verbs (``drop_generic``), punctuation, numbers and terms shorter than
    ``min_len`` never appear.
    """
    if score not in ("tfidf", "count"):
        raise ParameterError(f"score must be 'tfidf' or 'count', got {score!r}")
    if top_n is not None and (not isinstance(top_n, int) or top_n < 1):
        raise ParameterError(f"top_n must be a positive int or None, got {top_n!r}")
    _check_flags(min_len)
    by = _as_list(by)
    toks = _ensure_tokens(data, drop_generic, min_len, text_col)
    missing = [c for c in by if c not in toks.columns]
    if missing:
        raise ParameterError(f"keywords: grouping column(s) {missing} not in {list(toks.columns)}")
    columns = [*by, "rank", "term", "count", "tf", "df", "idf", "tfidf"]
    if toks.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    toks = toks.assign(_group=toks.groupby(by, dropna=False, sort=False).ngroup())
    counts = (
        toks.groupby(["_group", *by, "token"], dropna=False, sort=True)
        .size()
        .rename("count")
        .reset_index()
        .rename(columns={"token": "term"})
    )
    totals = counts.groupby(by, dropna=False)["count"].transform("sum")
    n_groups = counts[by].drop_duplicates().shape[0]
    df = counts.groupby("term")["term"].transform("size")
    counts["tf"] = counts["count"] / totals
    counts["df"] = df.astype("int64")
    counts["idf"] = np.log((1 + n_groups) / (1 + counts["df"])) + 1.0
    counts["tfidf"] = counts["tf"] * counts["idf"]
    other = "count" if score == "tfidf" else "tfidf"
    counts = counts.sort_values(
        ["_group", score, other, "term"], ascending=[True, False, False, True], kind="stable"
    )
    counts["rank"] = counts.groupby("_group", sort=False).cumcount() + 1
    if top_n is not None:
        counts = counts[counts["rank"] <= top_n]
    return counts[columns].reset_index(drop=True)


def keyword_table(kw: pd.DataFrame, by: str | Sequence[str] = "doc_id") -> pd.DataFrame:
    """One row per group of a :func:`keywords` result (same group order): ``by…, terms`` with
    ``terms`` like ``"港口(12) 开放(9) …"`` (count in brackets, by rank)."""
    by = _as_list(by)
    need = {*by, "term", "count", "rank"}
    if not need <= set(kw.columns):
        raise ParameterError(f"keyword_table needs keywords() columns {sorted(need)}")
    ordered = kw.assign(_g=kw.groupby(by, dropna=False, sort=False).ngroup())
    ordered = ordered.sort_values(["_g", "rank"], kind="stable")
    cells = ordered["term"] + "(" + ordered["count"].astype(str) + ")"
    table = cells.groupby([ordered[c] for c in by], sort=False, dropna=False).agg(" ".join)
    return table.rename("terms").reset_index()


# --------------------------------------------------------------------------- distinctive terms


def term_counts(
    data: Any, *, drop_generic: bool = True, min_len: int = 2, text_col: str | None = None
) -> pd.Series:
    """Term counts (int Series indexed by term, sorted by term) of text, tokens or counts.

    Accepts a ``str`` (tokenised), a tokens frame (``token`` column), a text/sentence frame, a
    ``Mapping`` term → count, or an iterable of tokens. Filtering options apply to text input.
    """
    if isinstance(data, str):
        tokens: Iterable[str] = tokenize(data, drop_generic=drop_generic, min_len=min_len)
        series = pd.Series(Counter(tokens), dtype="int64")
    elif isinstance(data, pd.DataFrame):
        toks = _ensure_tokens(data, drop_generic, min_len, text_col)
        series = toks["token"].astype(str).value_counts()
    elif isinstance(data, pd.Series) and pd.api.types.is_numeric_dtype(data.dtype):
        series = data
    elif isinstance(data, Mapping):
        series = pd.Series(dict(data), dtype="float64")
    elif isinstance(data, Iterable):
        items = list(data)
        if not all(isinstance(t, str) for t in items):
            raise ParameterError("an iterable of tokens must contain only str")
        series = pd.Series(Counter(items), dtype="int64")
    else:
        raise ParameterError(f"cannot count terms of a {type(data).__name__}")
    series = pd.Series(series.to_numpy(), index=series.index.astype(str), name="count")
    if series.isna().any() or (series < 0).any():
        raise ParameterError("term counts must be non-negative numbers")
    series = series[series > 0]
    series.index.name = "term"
    return series.sort_index(kind="stable")


def distinctive_terms(
    a: Any,
    b: Any,
    prior: Any = None,
    *,
    alpha0: float | None = 500.0,
    min_count: int = 1,
    drop_generic: bool = True,
    min_len: int = 2,
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For term w with counts y_a, y_b (totals n_a, n_b) and prior pseudo-counts α_w (α_0 = Σ α_w)::

        δ_w = ln((y_a+α_w) / (n_a+α_0-y_a-α_w)) - ln((y_b+α_w) / (n_b+α_0-y_b-α_w))
        var_w ≈ 1/(y_a+α_w) + 1/(y_b+α_w),   z_w = δ_w / sqrt(var_w)

    ``prior`` holds background counts c_w (any input of :func:`term_counts`, e.g. the whole corpus);
    ``None`` uses a + b. The prior is scaled to ``α_w = alpha0 · c_w / Σ c`` (``alpha0=None``: α_w =
    c_w). Terms of a or b missing from the prior get the smallest prior count. The vocabulary is
    the prior's terms plus those of a and b.

    Returns ``term, count_a, count_b, delta, var, z`` for terms with ``count_a + count_b >=
    min_count``, sorted by z descending (positive = typical of a), ties by term.
    """
    ya = term_counts(a, drop_generic=drop_generic, min_len=min_len)
    yb = term_counts(b, drop_generic=drop_generic, min_len=min_len)
    if ya.sum() == 0 or yb.sum() == 0:
        raise ParameterError("distinctive_terms: both a and b need at least one term")
    if alpha0 is not None and not (isinstance(alpha0, int | float) and alpha0 > 0):
        raise ParameterError(f"alpha0 must be a positive number or None, got {alpha0!r}")
    observed = ya.index.union(yb.index)
    if prior is None:
        c = ya.reindex(observed, fill_value=0) + yb.reindex(observed, fill_value=0)
    else:
        c = term_counts(prior, drop_generic=drop_generic, min_len=min_len).astype("float64")
        if c.sum() == 0:
            raise ParameterError("distinctive_terms: the prior has no terms")
        c = c.reindex(c.index.union(observed))
        c = c.fillna(c.min())
    c = c.astype("float64")
    alpha = c * (alpha0 / c.sum()) if alpha0 is not None else c
    a0 = float(alpha.sum())
    al = alpha.reindex(observed).to_numpy()
    y1 = ya.reindex(observed, fill_value=0).to_numpy(dtype="float64")
    y2 = yb.reindex(observed, fill_value=0).to_numpy(dtype="float64")
    n1, n2 = float(ya.sum()), float(yb.sum())
    delta = np.log((y1 + al) / (n1 + a0 - y1 - al)) - np.log((y2 + al) / (n2 + a0 - y2 - al))
    var = 1.0 / (y1 + al) + 1.0 / (y2 + al)
    out = pd.DataFrame(
        {
            "term": pd.Series(list(observed), dtype="str"),
            "count_a": y1.astype("int64"),
            "count_b": y2.astype("int64"),
            "delta": delta,
            "var": var,
            "z": delta / np.sqrt(var),
        }
    )
    out = out[(out["count_a"] + out["count_b"]) >= min_count]
    out = out.sort_values(["z", "term"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- themes


@functools.cache
def _theme_names() -> pd.DataFrame:
    names = read_data_csv(THEME_NAMES)
    if list(names.columns[:2]) != ["theme", "label_zh"]:
        raise ParameterError(f"{THEME_NAMES}: expected columns theme,label_zh")
    return names


def theme_lexicon(source: str | os.PathLike[str] | pd.DataFrame | None = None) -> pd.DataFrame:
    """The validated theme lexicon ``theme, keyword, weight, label_zh``.

    ``source`` is a CSV path, a DataFrame or ``None`` (``data/themes.csv``). Theme ids must be those
    of ``theme_names.csv``; weights are numbers >= 0 (default 1; 0 marks a neutral phrase that only
    masks shorter keywords, e.g. 经济社会发展); keywords are unique and non-empty.
    """
    if isinstance(source, pd.DataFrame):
        where = "(DataFrame)"
        lex = source.astype({c: str for c in source.columns if c != "weight"}).copy()
    else:
        where = str(source) if source is not None else str(data_path(THEMES))
        try:
            lex = pd.read_csv(where, dtype=str, keep_default_na=False, comment="#")
        except FileNotFoundError as exc:
            raise ParameterError(f"theme lexicon {where} does not exist") from exc
    if not {"theme", "keyword"} <= set(lex.columns):
        raise ParameterError(f"theme lexicon {where}: needs columns theme,keyword[,weight]")
    if "weight" not in lex.columns:
        lex["weight"] = 1.0
    lex["keyword"] = lex["keyword"].str.strip()
    raw_weight = lex["weight"].map(lambda w: 1.0 if w == "" else w)
    weight = pd.to_numeric(raw_weight, errors="coerce")
    bad = lex.loc[weight.isna() | (weight < 0), "keyword"].tolist()
    if bad:
        raise ParameterError(f"theme lexicon {where}: weight is not a number >= 0 for {bad}")
    lex["weight"] = weight.astype("float64")
    names = _theme_names()
    unknown = sorted(set(lex["theme"]) - set(names["theme"]))
    if unknown:
        raise ParameterError(
            f"theme lexicon {where}: unknown theme id(s) {unknown}; use {list(names['theme'])}"
        )
    if (lex["keyword"] == "").any():
        raise ParameterError(f"theme lexicon {where}: empty keyword")
    dup = sorted(lex.loc[lex["keyword"].duplicated(), "keyword"].unique())
    if dup:
        raise ParameterError(f"theme lexicon {where}: keyword(s) listed twice {dup}")
    lex = lex[["theme", "keyword", "weight"]].merge(
        names[["theme", "label_zh"]], on="theme", how="left"
    )
    return lex[["theme", "keyword", "weight", "label_zh"]].reset_index(drop=True)


def _lexicon_matcher(lex: pd.DataFrame) -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    words = sorted(lex["keyword"].tolist(), key=lambda k: (-len(k), k))
    pattern = re.compile("|".join(re.escape(w) for w in words))
    table = {k: (t, w) for k, t, w in zip(lex["keyword"], lex["theme"], lex["weight"], strict=True)}
    return pattern, table


def sentence_themes(
    sentences: pd.DataFrame,
    lexicon: str | os.PathLike[str] | pd.DataFrame | None = None,
    *,
    min_score: float = 1.0,
    text_col: str | None = None,
) -> pd.DataFrame:
    """Themes of each sentence (long format), from the theme lexicon.

    Keywords are found longest first, left to right, without overlap (科技创新 before 创新), in the
    sentence text with quotes normalised; a theme's score is the sum of the weights of its matches
    (every occurrence). A sentence has a theme when its score >= ``min_score``; it may have several
    or none. Returns every input column plus ``theme, label_zh, score, matched`` (matched keywords
    joined by ``;`` in text order), one row per (sentence, theme), in input order then theme order.
    """
    col = _text_column(sentences, text_col)
    lex = theme_lexicon(lexicon)
    pattern, table = _lexicon_matcher(lex)
    order = {t: i for i, t in enumerate(_theme_names()["theme"])}
    labels = dict(zip(_theme_names()["theme"], _theme_names()["label_zh"], strict=True))
    rows, themes_, scores, matched = [], [], [], []
    for i, text in enumerate(sentences[col].tolist()):
        if not isinstance(text, str):
            continue
        per: dict[str, tuple[float, list[str]]] = {}
        for m in pattern.finditer(normalize_quotes(text)):
            theme, weight = table[m.group(0)]
            score, words = per.get(theme, (0.0, []))
            per[theme] = (score + weight, [*words, m.group(0)])
        for theme in sorted(per, key=lambda t: order.get(t, len(order))):
            score, words = per[theme]
            if score >= min_score and score > 0:
                rows.append(i)
                themes_.append(theme)
                scores.append(score)
                matched.append(";".join(words))
    out = sentences.iloc[rows].reset_index(drop=True)
    out["theme"] = pd.Series(themes_, dtype="str")
    out["label_zh"] = pd.Series([labels.get(t, t) for t in themes_], dtype="str")
    out["score"] = np.asarray(scores, dtype="float64")
    out["matched"] = pd.Series(matched, dtype="str")
    return out


def themes(
    sentences: pd.DataFrame,
    by: str | Sequence[str] = "doc_id",
    lexicon: str | os.PathLike[str] | pd.DataFrame | None = None,
    *,
    min_score: float = 1.0,
    text_col: str | None = None,
) -> pd.DataFrame:
    """Share of sentences per theme for each group of ``by`` (document, section …).

    Returns ``by…, theme, label_zh, n_sentences, n_theme, share`` with every theme of
    ``theme_names.csv`` for every group (zeros included): ``n_sentences`` sentences in the group,
    ``n_theme`` of them with the theme (see :func:`sentence_themes`), ``share = n_theme /
    n_sentences``. A sentence can count for several themes, so shares need not sum to 1.
    Groups in order of first appearance (document order), themes in ``theme_names.csv`` order.
    """
    by = _as_list(by)
    col = _text_column(sentences, text_col)
    missing = [c for c in by if c not in sentences.columns]
    if missing:
        raise ParameterError(
            f"themes: grouping column(s) {missing} not in {list(sentences.columns)}"
        )
    base = sentences[[*by, col]].reset_index(drop=True)
    is_text = base[col].map(lambda s: isinstance(s, str)).astype(bool)  # bool even when empty
    base = base.loc[is_text].reset_index(drop=True)
    base["_row"] = np.arange(len(base))
    tagged = sentence_themes(base, lexicon, min_score=min_score, text_col=col)
    names = _theme_names()[["theme", "label_zh"]]
    groups = base.groupby(by, dropna=False, sort=False).size().rename("n_sentences").reset_index()
    groups["_group"] = np.arange(len(groups))
    grid = groups.merge(names, how="cross")
    hits = tagged.groupby([*by, "theme"], dropna=False).size().rename("n_theme").reset_index()
    out = grid.merge(hits, on=[*by, "theme"], how="left")
    out["n_theme"] = out["n_theme"].fillna(0).astype("int64")
    out["n_sentences"] = out["n_sentences"].astype("int64")
    out["share"] = out["n_theme"] / out["n_sentences"]
    order = {t: i for i, t in enumerate(names["theme"])}
    out["_order"] = out["theme"].map(order)
    out = out.sort_values(["_group", "_order"], kind="stable")
    return out[[*by, "theme", "label_zh", "n_sentences", "n_theme", "share"]].reset_index(drop=True)


# --------------------------------------------------------------------------- sections, comparisons

COMPARISONS = ("review_vs_targets", "ningbo_vs_yuyao", "2021_vs_2023")
"""Named comparisons of :func:`comparison_sentences`; any ``"<year>_vs_<year>"`` also works."""

# Level-1 headings of Chinese government work reports, by role (general report vocabulary).
HEADING_ROLES = {
    "review": re.compile(r"回顾|成就|成绩"),
    "targets": re.compile(r"目标"),
    "plan": re.compile(r"工作安排|主要工作|重点工作|工作任务"),
    "government": re.compile(r"政府.{0,8}(?:建设|治理)|自身建设"),
}
_REGION_PAIRS = {"ningbo_vs_yuyao": ("宁波", "余姚")}


class Comparison(NamedTuple):
    """Two bodies of sentences to compare, with their labels."""

    name: str
    label_a: str
    label_b: str
    a: pd.DataFrame
    b: pd.DataFrame


def section_sentences(corpus: pd.DataFrame, level: int = 1) -> pd.DataFrame:
    """Sentences of a corpus with their section at ``level`` (1 = 一、…, 2 = (一)…).

    Adds to :func:`ningbo_analysis.corpus.structure.corpus_sentences` the columns ``section`` (the
    ``section_path`` cut to ``level`` labels, ``""`` before the first heading), ``section_heading``
    (that section's heading text), ``section_label`` (``"一 2020年和“十三五”工作回顾"``) and the
    article's ``title``.
    """
    from ningbo_analysis.corpus import structure

    require_columns(
        corpus,
        ["doc_id", "title", "year", "region", "kind", "text"],
        function="text.section_sentences",
        argument="corpus",
        made_by="load_corpus()",
    )

    if not isinstance(level, int) or level < 1:
        raise ParameterError(f"level must be an int >= 1, got {level!r}")
    if not isinstance(corpus, pd.DataFrame):  # a row (dict, Series) passes require_columns
        raise ParameterError("section_sentences needs a corpus DataFrame with column 'doc_id'")
    sents = structure.corpus_sentences(corpus)
    headings: dict[tuple[str, str], str] = {}
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        out = structure.outline(text)
        for path, heading in zip(out["section_path"], out["heading"], strict=True):
            headings.setdefault((doc_id, path), heading)
    cut = sents["section_path"].map(lambda p: " > ".join(str(p).split(" > ")[:level]) if p else "")
    sents["section"] = cut.astype("str")
    sents["section_heading"] = pd.Series(
        [headings.get((d, p), "") for d, p in zip(sents["doc_id"], sents["section"], strict=True)],
        dtype="str",
        index=sents.index,
    )
    sents["section_label"] = (sents["section"] + " " + sents["section_heading"]).str.strip()
    titles = dict(zip(corpus["doc_id"], corpus["title"].astype(str), strict=True))
    sents["title"] = sents["doc_id"].map(titles).astype("str")
    return sents


def _role_mask(sents: pd.DataFrame, role: str) -> pd.Series:
    return sents["section_heading"].str.contains(HEADING_ROLES[role], regex=True)


def _plan_part(doc: pd.DataFrame) -> pd.DataFrame:
    """The annual work plan of one report: sections headed like 工作安排, else all sections that are
    not review, targets or government self-improvement."""
    plan = _role_mask(doc, "plan")
    if plan.any():
        return doc[plan]
    other = _role_mask(doc, "review") | _role_mask(doc, "targets") | _role_mask(doc, "government")
    return doc[~other]


def check_comparison(comparison: str) -> str:
    """Return ``comparison`` if it names a comparison of :func:`comparison_sentences`, else raise."""
    if comparison in COMPARISONS or comparison in _REGION_PAIRS:
        return comparison
    if isinstance(comparison, str) and re.fullmatch(r"\d{4}_vs_\d{4}", comparison):
        return comparison
    raise ParameterError(
        f"comparison must be one of {list(COMPARISONS)} or '<year>_vs_<year>', got {comparison!r}"
    )


def comparison_sentences(
    sentences: pd.DataFrame, comparison: str, region: str = "宁波"
) -> Comparison:
    """Split work-report sentences (from :func:`section_sentences`) into the two sides of a comparison.

    - ``"review_vs_targets"``: sections of ``region``'s work reports headed as a review (回顾,
      成就, 成绩) vs sections headed as targets (目标).
    - ``"ningbo_vs_yuyao"``: the 宁波 vs the 余姚 work reports of the years both have (``region`` is
      not used).
    - ``"<year>_vs_<year>"`` (e.g. ``"2021_vs_2023"``): the annual work plan of ``region``'s report
      of each year (sections headed 工作安排 …, else everything but review, targets and government
      self-improvement sections).
    """
    need = {"doc_id", "region", "kind", "year", "sentence", "section_heading"}
    if not isinstance(sentences, pd.DataFrame) or not need <= set(sentences.columns):
        raise ParameterError(
            f"comparison_sentences needs section_sentences() columns {sorted(need)}"
        )
    check_comparison(comparison)
    reports = sentences[sentences["kind"] == "work_report"]
    years = re.fullmatch(r"(\d{4})_vs_(\d{4})", str(comparison))
    if comparison == "review_vs_targets":
        own = reports[reports["region"] == region]
        review = _role_mask(own, "review")
        targets = _role_mask(own, "targets") & ~review
        result = Comparison(comparison, "回顾", "目标", own[review], own[targets])
    elif comparison in _REGION_PAIRS:
        ra, rb = _REGION_PAIRS[comparison]
        common = set(reports.loc[reports["region"] == ra, "year"]) & set(
            reports.loc[reports["region"] == rb, "year"]
        )
        both = reports[reports["year"].isin(common)]
        result = Comparison(
            comparison, ra, rb, both[both["region"] == ra], both[both["region"] == rb]
        )
    elif years:
        own = reports[reports["region"] == region]
        ya, yb = int(years.group(1)), int(years.group(2))
        parts = [
            pd.concat([_plan_part(d) for _, d in own[own["year"] == y].groupby("doc_id")])
            if (own["year"] == y).any()
            else own.iloc[0:0]
            for y in (ya, yb)
        ]
        result = Comparison(comparison, f"{ya}年", f"{yb}年", parts[0], parts[1])
    else:  # pragma: no cover - check_comparison() rejected it
        raise ParameterError(f"unknown comparison {comparison!r}")
    for label, side in ((result.label_a, result.a), (result.label_b, result.b)):
        if side.empty:
            raise ParameterError(
                f"comparison {comparison!r}: no work-report sentences for side {label!r} "
                f"(region {region!r})"
            )
    return result._replace(a=result.a.reset_index(drop=True), b=result.b.reset_index(drop=True))


# --------------------------------------------------------------------------- plots
