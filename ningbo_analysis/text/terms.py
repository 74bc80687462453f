"""Stage 5 — text: the terms that characterise text. Keywords per group (article, section …) by
count or TF-IDF and their one-line table (:func:`keywords`, :func:`keyword_table`); term counts
of any text, tokens or counts (:func:`term_counts`); and the terms distinctive of one body of
sentences against another, by the weighted log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008, :func:`distinctive_terms`). Tokens come from
:mod:`ningbo_analysis.text.segmentation`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.text.segmentation import (
    _as_list,
    _check_flags,
    _keeps,
    tokenize,
    tokens_frame,
)

__all__ = [
    "distinctive_terms",
    "keyword_table",
    "keywords",
    "term_counts",
]


# --------------------------------------------------------------------------- keywords


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
    toks = toks.assign(_group=toks.groupby(by, dropna=False, sort=False, observed=True).ngroup())
    counts = (
        toks.groupby(["_group", *by, "token"], dropna=False, sort=True, observed=True)
        .size()
        .rename("count")
        .reset_index()
        .rename(columns={"token": "term"})
    )
    totals = counts.groupby(by, dropna=False, observed=True)["count"].transform("sum")
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
    ordered = kw.assign(_g=kw.groupby(by, dropna=False, sort=False, observed=True).ngroup())
    ordered = ordered.sort_values(["_g", "rank"], kind="stable")
    cells = ordered["term"] + "(" + ordered["count"].astype(str) + ")"
    table = cells.groupby([ordered[c] for c in by], sort=False, dropna=False, observed=True).agg(
        " ".join
    )
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
