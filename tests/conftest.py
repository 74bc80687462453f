"""Shared fixtures: the repository's seeds corpus (loaded once) and a writable copy of seeds/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus

REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The per-corpus cache and the font scans go to a folder of the test session (also for
    the notebooks and commands the tests start), never to the user's cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path_factory.mktemp("cache")))
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
