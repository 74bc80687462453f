"""Compute once per corpus: the corpus' tables cached as Parquet.

Cached: the corpus' figures, sentences (with jieba's segmentation of them) and inventory
(:data:`TABLES`), and per region and plan the scorecard and the comparison (:data:`REGION_TABLES`).
A report runs four notebooks per region; each needs the same tables of the same corpus. They are
computed once and read back from ``<cache folder>/<name>-<key>.parquet``, where the key is a
SHA-256 of

* the corpus as loaded (every column: texts, metadata from the manifest or front matter, offset
  maps), so editing a seed, the manifest or a document of ``extra_docs`` makes a new key;
* the package's code and data files (``ningbo_analysis/**/*.py`` and ``ningbo_analysis/data/**``):
  the version string stays the same while the code changes, so any change of the package makes a
  new key too; the versions of jieba, pandas and pyarrow (:data:`KEY_LIBRARIES`); and
* for a table of one region and plan, the region and the plan.

The cache folder is ``$NINGBO_ANALYSIS_CACHE`` if set (``off`` disables the cache), else
``$XDG_CACHE_HOME/ningbo-analysis`` or ``~/.cache/ningbo-analysis``. Deleting it is always safe;
the :data:`KEEP` (:data:`KEEP_REGION`) most recent keys of each table are kept, older ones deleted.
A table read from the cache equals the freshly computed one (same columns, dtypes and values);
files are written to a temporary name and renamed, so parallel readers never see half a file.

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus()
>>> figures = na.run.cache.figures(corpus, region="宁波")  # == na.extract_figures(corpus, region="宁波")
>>> card = na.run.cache.scorecard(corpus, "宁波", "十四五")  # == na.plan_scorecard(na.extract_figures(corpus), …)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.periods import DEFAULT_PLAN
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.resources import CACHE_ENV, cache_dir, package_digest
from ningbo_analysis.schemas import FIGURES, RECORD, SCORECARD, Schema, restored


def _jsonable(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _check_corpus(corpus: object) -> None:
    if not isinstance(corpus, pd.DataFrame) or "text" not in corpus.columns:
        raise ParameterError(
            "cache: expected a corpus DataFrame (na.load_corpus()) with a text column"
        )


def corpus_digest(corpus: pd.DataFrame) -> str:
    """SHA-256 of a corpus table: every column of every row (texts, metadata, offset maps)."""
    _check_corpus(corpus)
    h = hashlib.sha256(json.dumps(list(corpus.columns), ensure_ascii=False).encode())
    for row in corpus.itertuples(index=False):
        h.update(json.dumps(_jsonable(tuple(row)), ensure_ascii=False).encode())
        h.update(b"\n")
    return h.hexdigest()


def cache_key(corpus: pd.DataFrame, extra: tuple[str, ...] = ()) -> str:
    """The key of a corpus' cached tables: corpus digest and package digest together (24 hex);
    ``extra``: the arguments of a table of one region and plan (``("宁波", "十四五")``)."""
    both = ":".join([corpus_digest(corpus), package_digest(), *extra])
    return hashlib.sha256(both.encode()).hexdigest()[:24]


def cache_path(
    name: str,
    corpus: pd.DataFrame,
    folder: str | os.PathLike | None = None,
    extra: tuple[str, ...] = (),
) -> Path:
    """Where table ``name`` of ``corpus`` is cached (``folder`` overrides :func:`cache_dir`)."""
    base = Path(folder) if folder is not None else cache_dir()
    if base is None:
        raise ParameterError(f"cache: disabled (${CACHE_ENV}=off), no cache path")
    return base / f"{name}-{cache_key(corpus, extra)}.parquet"


def _compute_figures(corpus: pd.DataFrame, folder: Path | None) -> pd.DataFrame:
    from ningbo_analysis.figures.extract import extract_figures

    return extract_figures(corpus)


def _compute_sentences(corpus: pd.DataFrame, folder: Path | None) -> pd.DataFrame:
    from ningbo_analysis.text.sections import section_sentences

    return section_sentences(corpus)


def _compute_inventory(corpus: pd.DataFrame, folder: Path | None) -> pd.DataFrame:
    from ningbo_analysis.present.overview import inventory

    return inventory(corpus)


def _compute_segments(corpus: pd.DataFrame, folder: Path | None) -> pd.DataFrame:
    from ningbo_analysis.text.segmentation import segment_table

    return segment_table(table("sentences", corpus, folder=folder)["sentence"].tolist())


#: The cached tables: name → function of the corpus (and cache folder) computing it.
#: ``segments`` is jieba's segmentation of the ``sentences`` (``text.segment_table``).
TABLES: dict[str, Callable[[pd.DataFrame, Path | None], pd.DataFrame]] = {
    "figures": _compute_figures,
    "sentences": _compute_sentences,
    "inventory": _compute_inventory,
    "segments": _compute_segments,
}


def _compute_scorecard(
    figures: pd.DataFrame, region: str, plan: str, regions, corpus: pd.DataFrame
) -> pd.DataFrame:
    from ningbo_analysis.plans.scorecard import plan_scorecard

    return plan_scorecard(figures, region, plan, regions=regions, corpus=corpus)


def _compute_comparison(
    figures: pd.DataFrame, region: str, plan: str, regions, corpus: pd.DataFrame
) -> pd.DataFrame:
    from ningbo_analysis.plans.record import compare_plans

    return compare_plans(figures, region, plan, regions=regions)


#: Cached tables of one region and plan, computed from the corpus' cached figures:
#: name → function of (figures, region, plan, the corpus' regions).
REGION_TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "scorecard": _compute_scorecard,
    "comparison": _compute_comparison,
}

#: Other tables cached in the same folder by other modules (``run.peers``: the scorecards of
#: every place); :func:`clear` removes them too.
OTHER_TABLES = ("scorecards",)

#: Cache files kept per table: older keys (previous versions of the corpus or of the code) are
#: deleted when a new one is written, so the folder does not grow with every change.
KEEP = 8

#: The same for a table of one region and plan (one file per region and plan in use).
KEEP_REGION = 64


def _cache_files(folder: Path, name: str) -> list[Path]:
    """The cache files of table ``name`` in ``folder``: exactly ``<name>-<24 hex>.parquet``, so
    that a cache folder pointed at a folder of other Parquet files never touches them."""
    own = re.compile(rf"{re.escape(name)}-[0-9a-f]{{24}}\.parquet")
    return [p for p in folder.glob(f"{name}-*.parquet") if own.fullmatch(p.name)]


def _prune(folder: Path, name: str, keep: int | None = None) -> None:
    """Delete all but the ``keep`` most recently written files of table ``name``."""
    if keep is None:
        keep = KEEP_REGION if name in REGION_TABLES else KEEP
    files = sorted(_cache_files(folder, name), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


def _write(table: pd.DataFrame, path: Path) -> None:
    """Write-then-rename, then prune old keys; any OSError is left to the caller."""
    from ningbo_analysis.files import atomic_file

    with atomic_file(path) as fh:
        table.to_parquet(fh, index=True)
    _prune(path.parent, path.name.split("-", 1)[0])


#: The schemas of the cached tables that have one (``ningbo_analysis.schemas``).
SCHEMAS: dict[str, Schema] = {"figures": FIGURES, "scorecard": SCORECARD, "comparison": RECORD}


def _cached(path: Path, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The table cached at ``path``, else ``compute()`` cached there: an unreadable cache file
    is recomputed; an unwritable cache folder only means nothing is cached. A table read back
    has the dtypes it was written with (``schemas.restored``)."""
    if path.is_file():
        try:
            return restored(pd.read_parquet(path), SCHEMAS.get(path.name.rsplit("-", 1)[0]))
        except Exception:  # truncated or foreign file: recompute below
            pass
    fresh = compute()
    try:
        _write(fresh, path)
    except OSError:
        pass
    return fresh


def table(
    name: str, corpus: pd.DataFrame, *, folder: str | os.PathLike | None = None
) -> pd.DataFrame:
    """Table ``name`` (one of :data:`TABLES`) of ``corpus``: read from the cache, else computed
    and cached. An unreadable cache file is recomputed; an unwritable cache folder only means
    nothing is cached."""
    if name not in TABLES:
        raise ParameterError(f"cache: unknown table {name!r}; cached tables: {', '.join(TABLES)}")
    if folder is None and cache_dir() is None:
        return TABLES[name](corpus, None)
    path = cache_path(name, corpus, folder)
    return _cached(path, lambda: TABLES[name](corpus, Path(folder) if folder is not None else None))


def figures(
    corpus: pd.DataFrame, region: str | None = None, *, folder: str | os.PathLike | None = None
) -> pd.DataFrame:
    """``extract_figures(corpus, region=region)`` from the cache of the whole corpus' figures
    (figures are extracted article by article, so one region's are a filter of the whole)."""
    if region is not None:  # the checks and messages of extract_figures
        from ningbo_analysis.figures.extract import (
            _check_arguments,
            _checked_corpus,
            _select_region,
        )

        _check_arguments(region, None)
        _select_region(_checked_corpus(corpus), region)
    found = table("figures", corpus, folder=folder)
    if region is None:
        return found
    return found[found["region"] == region].reset_index(drop=True)


def sentences(corpus: pd.DataFrame, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """``text.section_sentences(corpus)`` (level 1 sections) from the cache.

    When the cache is on, the sentences' jieba segmentation is read from it too and handed to
    ``text.remember_segments``: tokenising these sentences later (keywords, distinctive terms)
    gives the same tokens without loading jieba's dictionary or running it again."""
    found = table("sentences", corpus, folder=folder)
    if folder is not None or cache_dir() is not None:
        from ningbo_analysis.text.segmentation import remember_segments

        remember_segments(found["sentence"].tolist(), table("segments", corpus, folder=folder))
    return found


def inventory(corpus: pd.DataFrame, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """``overview.inventory(corpus)`` (one row per article with its counts) from the cache."""
    return table("inventory", corpus, folder=folder)


def _region_table(
    name: str, corpus: pd.DataFrame, region: str, plan: str, folder: str | os.PathLike | None
) -> pd.DataFrame:
    """Table ``name`` of :data:`REGION_TABLES` for ``region`` and ``plan``: read from the
    cache, else computed from the cached figures (with the corpus' regions, so a region of the
    corpus without figures gets an empty table, an unknown one the usual error) and cached."""
    from ningbo_analysis.corpus.periods import plan as plan_period

    _check_corpus(corpus)  # before its columns are read
    if not isinstance(region, str):
        raise ParameterError(f"region must be a str, got {type(region).__name__}")
    plan_name = plan_period(plan).name  # an unknown plan: the plans' own error
    compute = REGION_TABLES[name]
    regions = corpus["region"] if "region" in corpus.columns else ()
    if folder is None and cache_dir() is None:
        return compute(table("figures", corpus), region, plan_name, regions, corpus)
    path = cache_path(name, corpus, folder, (region, plan_name))
    return _cached(
        path,
        lambda: compute(
            table("figures", corpus, folder=folder), region, plan_name, regions, corpus
        ),
    )


def scorecard(
    corpus: pd.DataFrame,
    region: str,
    plan: str = DEFAULT_PLAN,
    *,
    folder: str | os.PathLike | None = None,
    overrides: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """``plan_scorecard(figures, region, plan, regions=corpus["region"], corpus=corpus)`` of the
    corpus' figures, from the cache (computed once per corpus, region, plan and package). With the
    analyst's ``overrides`` file it is computed from the cached figures each time (its stale
    overrides in ``attrs["stale_overrides"]``, which a cached table could not keep)."""
    if overrides is None:
        return _region_table("scorecard", corpus, region, plan, folder)
    from ningbo_analysis.plans.scorecard import plan_scorecard

    regions = corpus["region"] if "region" in corpus.columns else ()
    figures = table("figures", corpus, folder=folder)
    return plan_scorecard(
        figures, region, plan, regions=regions, overrides=overrides, corpus=corpus
    )


def comparison(
    corpus: pd.DataFrame,
    region: str,
    plan: str = DEFAULT_PLAN,
    *,
    folder: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """``compare.compare_plans(figures, region, plan, regions=corpus["region"])`` of the
    corpus' figures, from the cache (computed once per corpus, region, plan and package)."""
    return _region_table("comparison", corpus, region, plan, folder)


def warm(corpus: pd.DataFrame, *, folder: str | os.PathLike | None = None) -> list[Path]:
    """Compute and cache every table of :data:`TABLES` not cached yet; the cache files (empty
    when the cache is disabled). The report runner calls it once before starting kernels."""
    if folder is None and cache_dir() is None:
        return []
    out = []
    for name in TABLES:
        table(name, corpus, folder=folder)
        out.append(cache_path(name, corpus, folder))
    return out


def clear(folder: str | os.PathLike | None = None) -> int:
    """Delete every cached table (only the cache's own files); the number of files removed."""
    base = Path(folder) if folder is not None else cache_dir()
    if base is None or not base.is_dir():
        return 0
    removed = 0
    for name in [*TABLES, *REGION_TABLES, *OTHER_TABLES]:
        for path in _cache_files(base, name):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


__all__ = [
    "KEEP",
    "KEEP_REGION",
    "OTHER_TABLES",
    "REGION_TABLES",
    "TABLES",
    "cache_key",
    "cache_path",
    "clear",
    "comparison",
    "corpus_digest",
    "figures",
    "inventory",
    "scorecard",
    "sentences",
    "table",
    "warm",
]
