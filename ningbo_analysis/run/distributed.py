"""Figures of thousands of documents on a Dask cluster (``dask.distributed``).

The corpus is loaded here (:func:`ningbo_analysis.load_corpus`: regions are inferred per folder, so
loading stays in one process), its articles are sorted by ``doc_id`` and cut into partitions of
``docs_per_partition`` consecutive articles; each partition's figures are extracted by a worker
(:func:`ningbo_analysis.figures.extract.extract_figures` on those articles) and come back here.

* :func:`extract_figures_distributed` returns the figures table, equal row for row to
  ``extract_figures(corpus, region=region)`` in one process;
* :func:`write_figures_partitions` writes it as a folder of Parquet files ``part-00000.parquet``,
  ``part-00001.parquet`` … in that order (same corpus and partition size: same names and bytes;
  ``pd.read_parquet(folder)`` reads them back as one table), each file as soon as its partition is
  done, so only one partition's figures is held here at a time.

Without ``client`` or ``scheduler`` a ``LocalCluster`` of ``workers`` processes (one thread each:
extraction is pure Python) is started and closed; ``scheduler="tcp://host:8786"`` connects to a
running cluster (``dask scheduler`` / ``dask worker tcp://host:8786``), whose workers need this
package installed; ``client`` uses a client you already have (left open).

>>> import ningbo_analysis as na
>>> from ningbo_analysis.run.distributed import write_figures_partitions
>>> corpus = na.load_corpus("my_reports/", seeds=True)   # doctest: +SKIP
>>> write_figures_partitions(corpus, "figures/", workers=2)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ningbo_analysis.corpus.load import Mapper
from ningbo_analysis.errors import NingboAnalysisError, ParameterError, require_extra
from ningbo_analysis.figures.extract import (
    _article_figures,
    _checked_corpus,
    _corpus_article,
    _select_region,
)
from ningbo_analysis.figures.table import FIGURE_COLUMNS, _frame
from ningbo_analysis.files import probe_writable
from ningbo_analysis.present.tables import write_table

if TYPE_CHECKING:
    from distributed import Client

#: Articles per partition (and per task) unless told otherwise.
DOCS_PER_PARTITION = 25
#: Columns of a partition file: the figures table with ``value_display`` after ``value``, as in
#: ``ningbo-analysis figures --out figures.parquet``.
PARTITION_COLUMNS = (
    *FIGURE_COLUMNS[: FIGURE_COLUMNS.index("value") + 1],
    "value_display",
    *FIGURE_COLUMNS[FIGURE_COLUMNS.index("value") + 1 :],
)


def partition_name(i: int) -> str:
    """File name of partition ``i`` (``part-00000.parquet``): sorts in partition order."""
    return f"part-{i:05d}.parquet"


def extract_figures_distributed(
    source: pd.DataFrame | str | os.PathLike | Sequence[str | os.PathLike],
    *,
    region: str | None = None,
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    docs_per_partition: int = DOCS_PER_PARTITION,
    progress: bool = False,
) -> pd.DataFrame:
    """The figures table of ``source`` extracted on a Dask cluster; equal row for row to
    ``extract_figures(corpus, region=region)``.

    ``source`` is a corpus DataFrame (``load_corpus``) or folders/files of documents, loaded as
    ``load_corpus(*source)`` (only those documents; for the seeds plus yours pass
    ``load_corpus("my_reports/", seeds=True)``). See the module docstring for ``client``, ``scheduler``,
    ``workers``; ``progress`` shows a progress bar on stderr.
    """
    frames: dict[int, pd.DataFrame] = {}
    for i, frame in _partition_results(
        source, region, client, scheduler, workers, docs_per_partition, progress
    ):
        frames[i] = frame
    kept = [frames[i] for i in sorted(frames) if not frames[i].empty]
    if not kept:
        return _frame([])
    return pd.concat(kept, ignore_index=True)


def write_figures_partitions(
    source: pd.DataFrame | str | os.PathLike | Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    region: str | None = None,
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    docs_per_partition: int = DOCS_PER_PARTITION,
    progress: bool = False,
) -> list[Path]:
    """Write the figures of ``source`` as Parquet partitions in folder ``out``; return their paths.

    ``out`` is checked writable before anything is extracted. The partitions are built in a
    hidden folder inside ``out`` and moved in only when every one is written: a failed or killed
    run leaves the previous partitions as they were (a build folder a killed run left behind is
    removed by the next run). Files ``part-*.parquet`` of an earlier run beyond this run's
    partitions are removed, so the folder holds this table only. Other arguments as
    :func:`extract_figures_distributed`.
    """
    folder = check_out_folder(out)
    for left in folder.glob(".build-*"):
        shutil.rmtree(left, ignore_errors=True)
    build = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
    try:
        names: dict[int, str] = {}
        for i, frame in _partition_results(
            source, region, client, scheduler, workers, docs_per_partition, progress
        ):
            names[i] = _write_partition(frame, build / partition_name(i)).name
        keep = set(names.values())
        for stale in folder.glob("part-*.parquet"):
            if stale.name not in keep:
                stale.unlink()
        for name in keep:
            os.replace(build / name, folder / name)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return [folder / names[i] for i in sorted(names)]


def check_out_folder(out: str | os.PathLike) -> Path:
    """``out`` as a folder that exists (created) and takes files; else a ParameterError."""
    folder = Path(out)
    if folder.suffix.lower() in (".csv", ".parquet"):
        raise ParameterError(
            f"--out {folder}: the partitioned figures are a folder; give a folder name, "
            "not a .csv/.parquet file"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe_writable(folder)
    except OSError as err:
        raise ParameterError(
            f"--out {folder}: cannot write there ({err.strerror or err}); choose a writable folder"
        ) from None
    return folder


def check_workers(workers: int | None) -> int:
    """Number of local workers: ``workers``, or one per core when None; else a ParameterError.
    More workers than cores are capped at the number of cores, with a warning (each worker is a
    process holding its share of the corpus: more only compete for the cores and the memory)."""
    cores = os.cpu_count() or 1
    n = cores if workers is None else workers
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParameterError(f"--workers must be a whole number ≥ 1, got {workers!r}")
    if n > cores:
        warnings.warn(capped_workers_message(n, cores), RuntimeWarning, stacklevel=2)
        return cores
    return n


def capped_workers_message(workers: int, cores: int) -> str:
    """What is said when ``--workers`` asks for more workers than there are cores."""
    return f"--workers {workers} is more than this machine's {cores} cores; using {cores}"


def partition_figures(articles: list[dict[str, Any]], region: str | None = None) -> pd.DataFrame:
    """The figures of one partition's articles (corpus rows as dicts): the task a worker runs."""
    rows: list[tuple] = []
    for art in articles:
        rows.extend(_article_figures(_corpus_article(dict(art), None)))
    return _frame(rows)


def corpus_partitions(
    corpus: pd.DataFrame, region: str | None, docs_per_partition: int
) -> list[list[dict[str, Any]]]:
    """The articles of ``corpus`` (of ``region``) sorted by ``doc_id``, cut into partitions of
    ``docs_per_partition`` (the last may be shorter)."""
    if not isinstance(docs_per_partition, int) or docs_per_partition < 1:
        raise ParameterError(
            f"docs_per_partition must be a whole number ≥ 1, got {docs_per_partition!r}"
        )
    articles = _select_region(_checked_corpus(corpus), region).to_dict("records")
    articles.sort(key=lambda art: str(art["doc_id"]))
    return [
        articles[i : i + docs_per_partition] for i in range(0, len(articles), docs_per_partition)
    ]


def _partition_results(
    source: Any,
    region: str | None,
    client: Client | None,
    scheduler: str | None,
    workers: int | None,
    docs_per_partition: int,
    progress: bool,
) -> Iterator[tuple[int, pd.DataFrame]]:
    """``(partition number, figures)`` of every partition of ``source``, as they are done."""
    require_extra("dask", "dask", "distributed", "tqdm", feature="figures on Dask")
    if client is None and not scheduler:
        check_workers(workers)
    paths = _source_paths(source)  # checked before a cluster starts
    with cluster_client(client, scheduler, workers) as dask_client:
        corpus = source
        if paths is not None:
            from ningbo_analysis.corpus.load import load_corpus

            # read on a cluster this process started (its workers see these files); a running
            # cluster's workers may not, so then this process reads them
            local = client is None and not scheduler
            corpus = load_corpus(*paths, mapper=dask_mapper(dask_client) if local else None)
        parts = corpus_partitions(corpus, region, docs_per_partition)
        yield from _results(dask_client, parts, region, progress)


def _results(
    dask_client: Client, parts: list[list[dict[str, Any]]], region: str | None, progress: bool
) -> Iterator[tuple[int, pd.DataFrame]]:
    from distributed import as_completed

    with _progress_bar(sum(map(len, parts)), progress) as bar:
        # the longest partitions first, so that the workers finish together
        order = sorted(range(len(parts)), key=lambda i: -sum(len(a["text"]) for a in parts[i]))
        futures = {
            dask_client.submit(partition_figures, parts[i], region, pure=False): i for i in order
        }
        for future in as_completed(futures):
            i = futures[future]
            frame = future.result()
            future.release()
            bar.update(len(parts[i]))
            yield i, frame


def _source_paths(source: Any) -> list[str | os.PathLike] | None:
    """None for a corpus DataFrame; the folders/files of documents given; else a ParameterError."""
    if isinstance(source, pd.DataFrame):
        return None
    if isinstance(source, str | os.PathLike):
        return [source]
    if (
        isinstance(source, Sequence)
        and source
        and all(isinstance(s, str | os.PathLike) for s in source)
    ):
        return list(source)
    raise ParameterError(
        "extract_figures_distributed: source must be a corpus DataFrame or folders/files of "
        f"documents, not {type(source).__name__}"
    )


#: Files a task of :func:`dask_mapper` reads.
FILES_PER_TASK = 20


def dask_mapper(client: Client, per_task: int = FILES_PER_TASK) -> Mapper:
    """A ``mapper`` for :func:`ningbo_analysis.load_corpus` that reads the files on ``client``'s
    workers, ``per_task`` files a task, the results in the files' order. The workers must see
    the files at the same paths (a cluster on this machine, or a shared file system).

    >>> from distributed import Client                      # doctest: +SKIP
    >>> with Client(n_workers=2) as client:                 # doctest: +SKIP
    ...     corpus = na.load_corpus("reports/", mapper=dask_mapper(client))
    """
    if not isinstance(per_task, int) or per_task < 1:
        raise ParameterError(f"dask_mapper: per_task must be a whole number ≥ 1, got {per_task!r}")

    def mapper(function: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        items = list(items)
        chunks = [items[i : i + per_task] for i in range(0, len(items), per_task)]
        futures = client.map(_map_chunk, [function] * len(chunks), chunks, pure=False)
        return [result for chunk in client.gather(futures) for result in chunk]

    return mapper


def _map_chunk(function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    return [function(item) for item in items]


@contextmanager
def cluster_client(
    client: Client | None, scheduler: str | None, workers: int | None
) -> Iterator[Client]:
    """The given client; or one connected to ``scheduler``; or a LocalCluster's of ``workers``
    single-threaded processes (closed at the end)."""
    from distributed import Client, LocalCluster

    if client is not None:
        yield client
        return
    if scheduler:
        try:
            connected = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as err:
            raise ParameterError(
                f"--scheduler {scheduler}: no Dask scheduler answers there ({err}); start one with "
                "`dask scheduler` and give its address, e.g. tcp://host:8786"
            ) from None
        try:
            yield connected
        finally:
            connected.close()
        return
    n = check_workers(workers)
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clash with a running cluster
            silence_logs=40,  # errors only: no start-up chatter on the terminal
        ) as cluster,
        Client(cluster) as local,
    ):
        yield local


@contextmanager
def _progress_bar(total: int, show: bool) -> Iterator[Any]:
    from tqdm import tqdm

    with tqdm(total=total, unit="doc", desc="figures", disable=not show, file=sys.stderr) as bar:
        yield bar


def _write_partition(frame: pd.DataFrame, path: Path) -> Path:
    """Write one partition with stable bytes; an empty one keeps the string columns' type."""
    from ningbo_analysis.present.display import add_display_columns

    table = add_display_columns(frame, {"value": "unit"})[list(PARTITION_COLUMNS)]
    if table.empty:
        table = table.astype({c: "str" for c in table.columns if table[c].dtype == object})
    try:
        return write_table(table, path)
    except NingboAnalysisError as err:
        raise ParameterError(f"--out: {err}") from None


__all__ = [
    "DOCS_PER_PARTITION",
    "FILES_PER_TASK",
    "PARTITION_COLUMNS",
    "check_out_folder",
    "check_workers",
    "cluster_client",
    "corpus_partitions",
    "dask_mapper",
    "extract_figures_distributed",
    "partition_figures",
    "partition_name",
    "write_figures_partitions",
]
