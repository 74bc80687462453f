"""Shared fixtures: the repository's seeds corpus (loaded once) and a writable copy of seeds/."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# As the command line does (ningbo_analysis.run.report._quiet_imports): no IRI format checker
# for jsonschema, whose rfc3987_syntax builds a grammar at import (≈ 1.5 s of CPU in each
# worker, the test modules import nbformat); nbformat never validates IRIs.
if "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]


def xdist_groups(item: pytest.Item) -> list[str]:
    """The names of the ``xdist_group`` marks on a test, sorted (as pytest-xdist joins them)."""
    names = set()
    for mark in item.iter_markers("xdist_group"):
        names.add(str(mark.args[0] if mark.args else mark.kwargs.get("name", "default")))
    return sorted(names)


def slow_first(items: list[pytest.Item]) -> None:
    """The test files holding a ``slow`` test (notebooks, browser, wheel) first, each file's
    tests in their order: under xdist the long ones start at once and the quick ones fill in
    at the end, so the workers finish together (the longest test last kept a worker alone)."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--dist loadgroup`` sends the tests of one ``xdist_group`` to one worker: pytest-xdist
    (3.8) says so by appending ``@group`` to each test's id through ``item._nodeid``, which
    pytest 9.2 no longer reads (its ids are structured, ``item._id``): the groups were silently
    spread over the workers, each computing the groups' session fixtures (the reports the
    browser reads, the wheel's venv …) again (pytest-dev/pytest-xdist#1386). Here the suffix
    is written where this pytest reads it; nothing happens where xdist's own already took."""
    slow_first(items)
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        groups = xdist_groups(item)
        suffix = "@" + "_".join(groups)
        if not groups or item.nodeid.endswith(suffix):
            continue
        try:
            from _pytest.nodeid import NodeId
        except ImportError:  # pytest < 9.2: xdist's own renaming works
            return
        item._id = NodeId.parse(item.nodeid + suffix)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The per-corpus cache, jieba's dictionary cache and the font scans go to a folder of the
    test run (also for the notebooks and commands the tests start), never to the user's cache.
    One folder for all the xdist workers of the run (their ``basetemp`` folders' parent): a
    table or dictionary one worker wrote is read by the other instead of computed again (the
    cache writes each file under a temporary name and renames it, so workers never read half
    a file)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "ningbo-cache"
    folder.mkdir(exist_ok=True)
    patch = pytest.MonkeyPatch()
    patch.setenv("NINGBO_ANALYSIS_CACHE", str(folder))
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def _one_kernel_per_run():
    """Under pytest-xdist (``make test``: a worker per core already), ``run_notebooks`` without
    ``workers=`` runs its notebooks in one kernel instead of one kernel per core: a kernel
    start (≈ 1.5 s of CPU) saved per run, the cores kept for the other worker. Tests of the
    parallel runner pass ``workers=`` themselves."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield
        return
    try:
        from ningbo_analysis.run import report
    except ImportError:  # the [notebooks] extra is not installed: no runner to tune
        yield
        return
    patch = pytest.MonkeyPatch()
    patch.setattr(report, "default_workers", lambda: 1)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The repository's ``seeds/`` folder (passed explicitly, so ``$NINGBO_SEEDS`` is ignored)."""
    return REPO_SEEDS


@pytest.fixture(scope="session")
def corpus(seeds_dir: Path) -> pd.DataFrame:
    """The seeds corpus, one row per article, indexed 0..n-1 (do not modify it in a test)."""
    return load_corpus(seeds_dir)


@pytest.fixture(scope="session")
def raw_texts(seeds_dir: Path) -> dict[str, str]:
    """Each seed file decoded independently of the package (UTF-8, BOM dropped), by file name."""
    return {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(seeds_dir.glob("*.txt"))}


def article_by_title(corpus: pd.DataFrame, title: str) -> pd.Series:
    """The single corpus row whose title is ``title`` (fails the test otherwise)."""
    hits = corpus.loc[corpus["title"] == title]
    assert len(hits) == 1, f"{len(hits)} articles titled {title!r}: {list(corpus['title'])}"
    return hits.iloc[0]


@pytest.fixture(scope="session")
def ningbo_2021(corpus: pd.DataFrame) -> pd.Series:
    """The Ningbo 2021 government work report (delivered 2021-02-21)."""
    return article_by_title(corpus, "宁波市政府工作报告")


@pytest.fixture(scope="session")
def yuyao_2021(corpus: pd.DataFrame) -> pd.Series:
    """The Yuyao 2021 government work report (delivered 2021-01-20)."""
    return article_by_title(corpus, "2021年余姚市政府工作报告")


@pytest.fixture(scope="session")
def press_conference(corpus: pd.DataFrame) -> pd.Series:
    """The Q&A digest of the Ningbo press conference of 2020-12-31 (seed 000)."""
    return article_by_title(corpus, "市委新闻发布会问答摘要")


@pytest.fixture
def tmp_seeds(tmp_path: Path, seeds_dir: Path) -> Path:
    """A copy of ``seeds/`` (text files and manifest) in a temporary folder, free to modify."""
    target = tmp_path / "seeds"
    target.mkdir()
    for path in sorted(seeds_dir.iterdir()):
        if path.is_file() and path.suffix in {".txt", ".csv"}:
            shutil.copy2(path, target / path.name)
    return target


#: The made-up city's document title in the shared reports (HTML in it must show as text).
HTML_TITLE = "清河<img src=x onerror=alert(1)>报告"


@pytest.fixture(scope="session")  # once per worker, even between other modules' tests
def ningbo_reports(tmp_path_factory) -> Path:
    """Reports 01 and 02 for 宁波 and 01 for a made-up city whose title holds HTML, run once
    and only read by the tests using it (the browser's and the runner's: keep them on one
    xdist worker with ``pytest.mark.xdist_group("browser")``)."""
    from ningbo_analysis.run import report

    notebooks = Path(__file__).resolve().parent.parent / "notebooks"
    docs = tmp_path_factory.mktemp("docs")
    (docs / "qinghe.md").write_text(
        f"---\ntitle: {HTML_TITLE}\ndate: 2026-01-20\nregion: 清河\nkind: work_report\n---\n"
        "各位代表：\n\n一、过去五年工作回顾\n\n五年来，全市地区生产总值由3200亿元增加到4100亿元。\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("reports")
    nbs = [notebooks / "01_corpus_overview.ipynb", notebooks / "02_figures.ipynb"]
    report.run_notebooks(nbs, ["宁波"], out, progress=None, strict=True)
    report.run_notebooks(
        nbs[:1], ["清河"], out / "made_up", extra_docs=[docs], progress=None, strict=True
    )
    return out
