"""Stage 5 — text: themes of sentences and documents from the theme lexicon. The lexicon
(``data/themes.csv``: theme, keyword, weight; theme ids and labels of ``data/theme_names.csv``) is
validated; its keywords are found longest first, without overlap, in each sentence (quotes
normalised), a theme's score being the sum of its matches' weights (:func:`sentence_themes`); and
the share of a group's sentences that carry each theme is counted (:func:`themes`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.resources import data_path, read_data_csv
from ningbo_analysis.text.segmentation import _as_list, _text_column, normalize_quotes

THEMES = "themes.csv"


THEME_NAMES = "theme_names.csv"


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
    groups = (
        base.groupby(by, dropna=False, sort=False, observed=True)
        .size()
        .rename("n_sentences")
        .reset_index()
    )
    groups["_group"] = np.arange(len(groups))
    grid = groups.merge(names, how="cross")
    hits = (
        tagged.groupby([*by, "theme"], dropna=False, observed=True)
        .size()
        .rename("n_theme")
        .reset_index()
    )
    out = grid.merge(hits, on=[*by, "theme"], how="left")
    out["n_theme"] = out["n_theme"].fillna(0).astype("int64")
    out["n_sentences"] = out["n_sentences"].astype("int64")
    out["share"] = out["n_theme"] / out["n_sentences"]
    order = {t: i for i, t in enumerate(names["theme"])}
    out["_order"] = out["theme"].map(order)
    out = out.sort_values(["_group", "_order"], kind="stable")
    return out[[*by, "theme", "label_zh", "n_sentences", "n_theme", "share"]].reset_index(drop=True)


__all__ = [
    "THEMES",
    "THEME_NAMES",
    "sentence_themes",
    "theme_lexicon",
    "themes",
]
