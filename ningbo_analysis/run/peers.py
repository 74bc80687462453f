"""Scorecards of every place of a corpus, region by region: in process for a few regions, on
Dask for many, with a progress bar, cached as Parquet keyed on the inputs.

:func:`scorecards` takes a figures table (``extract_figures``, ``run.cache.figures`` or
``run.distributed.extract_figures_distributed``) and returns
:func:`ningbo_analysis.plans.peers.scorecards` of it, equal row for row however it is computed.
Each region is one task (:func:`ningbo_analysis.plans.peers.region_scorecards` on that region's
figures only), largest first so that the workers finish together:

* in this process when there are at most ``in_process`` regions (default
  :data:`IN_PROCESS_REGIONS`) and no cluster is given, or when Dask is not installed;
* otherwise on Dask, with the options of ``figures`` (``run.distributed``): a ``LocalCluster``
  of ``workers`` processes (default one per core), ``scheduler="tcp://host:8786"`` for a running
  cluster, or a ``client`` you already have.

The table is cached in the cache folder (``run.cache``) as ``scorecards-<key>.parquet``, the key
a SHA-256 of the figures table (every row), the regions, the plans, the corpus' regions, its
statements of achievement in words and the package's code and data: the same inputs are computed once. ``cache=False`` (or
``$NINGBO_ANALYSIS_CACHE=off``) computes it again.

>>> import ningbo_analysis as na
>>> corpus = na.load_corpus("my_reports/", seeds=True)   # doctest: +SKIP
>>> table = na.run.peers.from_corpus(corpus, workers=2)  # doctest: +SKIP
>>> summary = na.plans.peers.scorecard_summary(table)    # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ningbo_analysis.errors import ParameterError
from ningbo_analysis.plans import peers
from ningbo_analysis.resources import cache_dir, package_digest
from ningbo_analysis.schemas import SCORECARD, restored

if TYPE_CHECKING:
    from distributed import Client

#: Regions scored in this process without a cluster (more: on Dask, if installed).
IN_PROCESS_REGIONS = 4
#: The cached table's name (file ``scorecards-<key>.parquet``).
CACHE_NAME = "scorecards"


def figures_digest(figures: pd.DataFrame) -> str:
    """SHA-256 of a figures table: its columns and every value of every row."""
    h = hashlib.sha256(repr(list(figures.columns)).encode())
    scalar = [c for c in figures.columns if figures[c].map(_scalar).all()]
    if len(figures):
        hashed = pd.util.hash_pandas_object(figures[scalar].astype(str), index=False)
        h.update(hashed.to_numpy().tobytes())
    return h.hexdigest()


def _scalar(v: object) -> bool:
    return not isinstance(v, list | tuple | dict | set)


def scorecards_key(
    figures: pd.DataFrame,
    regions: Iterable[str],
    plans: Iterable[str],
    corpus_regions: Iterable[str] = (),
    statements: pd.DataFrame | None = None,
) -> str:
    """The cache key of a scorecards table (24 hex): figures, regions, plans, the corpus'
    regions, its statements of achievement in words and the package's code and data."""
    parts = [
        figures_digest(figures),
        package_digest(),
        "|".join(regions),
        "|".join(plans),
        "|".join(sorted({str(r) for r in corpus_regions})),
        "" if statements is None else figures_digest(statements),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def scorecards(
    figures: pd.DataFrame,
    regions: Iterable[str] | None = None,
    plans: str | Iterable[str] = peers.DEFAULT_PLANS,
    *,
    corpus_regions: Iterable[str] = (),
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    in_process: int = IN_PROCESS_REGIONS,
    progress: bool = False,
    cache: bool = True,
    folder: str | os.PathLike | None = None,
    statements: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`ningbo_analysis.plans.peers.scorecards` of ``figures``, region by region in this
    process or on Dask, read from / written to the cache (see the module docstring).
    ``statements``: the corpus' statements of achievement in words (``plans.verbal``)."""
    names = peers.check_plans(plans)
    wanted = peers.peer_regions(figures, regions)
    known = [str(r) for r in dict.fromkeys(corpus_regions)]
    path = _cache_file(figures, wanted, names, known, folder, statements) if cache else None
    if path is not None and path.is_file():
        try:
            return restored(pd.read_parquet(path), SCORECARD)
        except Exception:  # truncated or foreign file: computed again below
            pass
    said = peers.statements_by_region(statements)
    table = _compute(
        figures, wanted, names, known, client, scheduler, workers, in_process, progress, said
    )
    if path is not None:
        _store(table, path)
    return table


def from_corpus(
    corpus: pd.DataFrame,
    regions: Iterable[str] | None = None,
    plans: str | Iterable[str] = peers.DEFAULT_PLANS,
    **options: Any,
) -> pd.DataFrame:
    """:func:`scorecards` of a corpus: its figures from the figures cache (``run.cache``), the
    corpus' regions known (a place of the corpus without figures: no rows, no error), and its
    statements of achievement in words (``plans.verbal``), as ``plan_scorecard(..., corpus=)``."""
    from ningbo_analysis.plans.verbal import review_statements
    from ningbo_analysis.run import cache

    figures = cache.figures(corpus)
    return scorecards(
        figures,
        regions,
        plans,
        corpus_regions=corpus["region"],
        statements=review_statements(corpus),
        **options,
    )


def _cache_file(
    figures: pd.DataFrame,
    regions: list[str],
    plans: tuple[str, ...],
    known: list[str],
    folder: str | os.PathLike | None,
    statements: pd.DataFrame | None = None,
) -> Path | None:
    base = Path(folder) if folder is not None else cache_dir()
    if base is None:
        return None
    key = scorecards_key(figures, regions, plans, known, statements)
    return base / f"{CACHE_NAME}-{key}.parquet"


def _store(table: pd.DataFrame, path: Path) -> None:
    """Write-then-rename (``run.cache``'s way); an unwritable cache folder only means nothing
    is cached."""
    from ningbo_analysis.run.cache import _write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(table, path)
    except OSError:
        pass


def _use_dask(n_regions: int, client: Any, scheduler: str | None, in_process: int) -> bool:
    if client is not None or scheduler:
        return True
    return n_regions > in_process and importlib.util.find_spec("distributed") is not None


def _compute(
    figures: pd.DataFrame,
    regions: list[str],
    plans: tuple[str, ...],
    known: list[str],
    client: Client | None,
    scheduler: str | None,
    workers: int | None,
    in_process: int,
    progress: bool,
    said: dict[str, list[dict]],
) -> pd.DataFrame:
    """The table, region by region: each region's figures alone, the largest region first."""
    parts = _region_parts(figures, regions)
    everyone = [*known, *regions]
    done: dict[str, pd.DataFrame] = {}
    if _use_dask(len(regions), client, scheduler, in_process):
        results = _on_dask(parts, plans, everyone, client, scheduler, workers, said)
    else:
        results = (
            (r, peers.region_scorecards(part, r, plans, everyone, said.get(r, [])))
            for r, part in parts.items()
        )
    with _progress_bar(len(regions), progress) as bar:
        for region, frame in results:
            done[region] = frame
            bar.update(1)
    return peers.combine(done[r] for r in regions)


def _region_parts(figures: pd.DataFrame, regions: list[str]) -> dict[str, pd.DataFrame]:
    """Each region's figures, the regions with the most figures first (ties by name)."""
    peers.peer_regions(figures)  # the table's own checks
    groups = dict(list(figures.groupby(figures["region"].astype(str), sort=True)))
    empty = figures.iloc[:0]
    parts = {r: groups.get(r, empty) for r in regions}
    return dict(sorted(parts.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _on_dask(
    parts: dict[str, pd.DataFrame],
    plans: tuple[str, ...],
    everyone: list[str],
    client: Client | None,
    scheduler: str | None,
    workers: int | None,
    said: dict[str, list[dict]],
) -> Iterator[tuple[str, pd.DataFrame]]:
    """``(region, its scorecards)`` as each task is done on the cluster."""
    from ningbo_analysis.errors import require_extra

    require_extra("dask", "dask", "distributed", "tqdm", feature="scorecards on Dask")
    from distributed import as_completed

    from ningbo_analysis.run.distributed import check_workers, cluster_client

    if client is None and not scheduler:
        check_workers(workers)
    with cluster_client(client, scheduler, workers) as dask_client:
        futures = {
            dask_client.submit(
                peers.region_scorecards,
                part,
                region,
                plans,
                everyone,
                said.get(region, []),
                pure=False,
            ): region
            for region, part in parts.items()
        }
        for future in as_completed(futures):
            frame = future.result()
            future.release()
            yield futures[future], frame


@contextmanager
def _progress_bar(total: int, show: bool) -> Iterator[Any]:
    if not show:
        yield _NoBar()
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="region", desc="scorecards", file=sys.stderr) as bar:
        yield bar


class _NoBar:
    def update(self, n: int) -> None:
        pass


def check_scheduler(scheduler: object) -> str | None:
    """``--scheduler``: None or an address string; else a ParameterError."""
    if scheduler in (None, ""):
        return None
    if not isinstance(scheduler, str):
        raise ParameterError(
            f"--scheduler must be an address like tcp://host:8786, got {scheduler!r}"
        )
    return scheduler


__all__ = [
    "CACHE_NAME",
    "IN_PROCESS_REGIONS",
    "check_scheduler",
    "figures_digest",
    "from_corpus",
    "scorecards",
    "scorecards_key",
]
