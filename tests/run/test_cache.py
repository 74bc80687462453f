"""The per-corpus cache: a cached table equals a fresh one; a changed seed, manifest row or
package file makes a new key (so stale tables are never read); broken files are recomputed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ningbo_analysis.corpus.load import load_corpus
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.plans.scorecard import SCORECARD_COLUMNS
from ningbo_analysis.present.overview import inventory
from ningbo_analysis.run import cache
from ningbo_analysis.text import segmentation
from ningbo_analysis.text.sections import section_sentences


def test_cached_tables_equal_fresh_ones(tmp_path, corpus):
    folder = tmp_path / "cache"
    written = cache.warm(corpus, folder=folder)
    key = cache.cache_key(corpus)
    assert [p.name for p in written] == [
        f"figures-{key}.parquet",
        f"sentences-{key}.parquet",
        f"inventory-{key}.parquet",
        f"segments-{key}.parquet",
    ]
    assert all(p.is_file() for p in written)
    # read back (not recomputed): same columns, dtypes, index and values
    pd.testing.assert_frame_equal(cache.figures(corpus, folder=folder), extract_figures(corpus))
    pd.testing.assert_frame_equal(
        cache.figures(corpus, "余姚", folder=folder), extract_figures(corpus, region="余姚")
    )
    pd.testing.assert_frame_equal(cache.sentences(corpus, folder=folder), section_sentences(corpus))
    pd.testing.assert_frame_equal(cache.inventory(corpus, folder=folder), inventory(corpus))
    gdp = cache.figures(corpus, "宁波", folder=folder).query("raw == '12408.7亿元'")
    assert gdp[["doc_id", "indicator", "period", "value"]].values.tolist() == [
        ["002-01", "地区生产总值", "2020", 1240870000000.0]
    ]


def test_the_cache_is_read_not_recomputed(tmp_path, corpus, monkeypatch):
    folder = tmp_path / "cache"
    cache.warm(corpus, folder=folder)

    def fail(_corpus, _folder):
        raise AssertionError("recomputed although cached")

    monkeypatch.setitem(cache.TABLES, "figures", fail)
    assert len(cache.figures(corpus, folder=folder)) == len(extract_figures(corpus))


def _rewrite_seed(seeds: Path, name: str, old: str, new: str) -> None:
    """Edit a seed file and its manifest checksum (as a user updating a seed would)."""
    path = seeds / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    manifest = (seeds / "manifest.csv").read_text(encoding="utf-8")
    old_sum = next(line.split(",")[1] for line in manifest.splitlines() if line.startswith(name))
    new_sum = hashlib.sha256(path.read_bytes()).hexdigest()
    (seeds / "manifest.csv").write_text(manifest.replace(old_sum, new_sum), encoding="utf-8")


def test_a_changed_seed_makes_a_new_key(tmp_seeds, tmp_path):
    folder = tmp_path / "cache"
    before = load_corpus(tmp_seeds)
    old = cache.figures(before, "宁波", folder=folder)
    _rewrite_seed(tmp_seeds, "002_5b94d7c343378b5a.txt", "12408.7亿元", "12409.9亿元")
    after = load_corpus(tmp_seeds)
    assert cache.cache_key(after) != cache.cache_key(before)
    new = cache.figures(after, "宁波", folder=folder)
    assert old.query("raw == '12408.7亿元'")["value"].tolist() == [1240870000000.0]
    assert new.query("raw == '12409.9亿元'")["value"].tolist() == [1240990000000.0]
    assert len(list(folder.glob("figures-*.parquet"))) == 2
    # a manifest change alone (the date of an article) is a new corpus too
    manifest = tmp_seeds / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(",2020-12-31,", ",2020-12-30,"),
        encoding="utf-8",
    )
    assert cache.cache_key(load_corpus(tmp_seeds)) != cache.cache_key(after)


def test_a_changed_package_makes_a_new_key(tmp_path, corpus, monkeypatch):
    from ningbo_analysis import resources

    copy = tmp_path / "ningbo_analysis"
    shutil.copytree(
        resources.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    cache.package_digest.cache_clear()  # the files as they are now, as copied
    original = cache.cache_key(corpus)
    monkeypatch.setattr(resources, "PACKAGE_DIR", copy)
    cache.package_digest.cache_clear()
    try:
        assert cache.cache_key(corpus) == original  # same files elsewhere: same key
        (copy / "numbers" / "data" / "units.csv").write_text(
            (copy / "numbers" / "data" / "units.csv").read_text(encoding="utf-8") + "\n",
            encoding="utf-8",
        )
        cache.package_digest.cache_clear()
        changed_data = cache.cache_key(corpus)
        assert changed_data != original
        (copy / "figures" / "extract.py").write_text(
            (copy / "figures" / "extract.py").read_text(encoding="utf-8") + "\n# a change\n",
            encoding="utf-8",
        )
        cache.package_digest.cache_clear()
        assert cache.cache_key(corpus) not in (original, changed_data)
        (copy / "README.txt").write_text("not code, not data", encoding="utf-8")
        key = cache.cache_key(corpus)
        cache.package_digest.cache_clear()
        assert cache.cache_key(corpus) == key  # files other than code and data do not count
    finally:
        cache.package_digest.cache_clear()


def test_a_broken_cache_file_is_recomputed(tmp_path, corpus):
    folder = tmp_path / "cache"
    path = cache.cache_path("inventory", corpus, folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PAR1 not really parquet")
    pd.testing.assert_frame_equal(cache.inventory(corpus, folder=folder), inventory(corpus))
    pd.testing.assert_frame_equal(pd.read_parquet(path), inventory(corpus))  # rewritten


def test_cache_folder_and_switching_it_off(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", "off")
    assert cache.cache_dir() is None
    assert cache.warm(corpus) == []
    assert len(cache.inventory(corpus)) == len(corpus)  # computed, nothing written
    monkeypatch.delenv("NINGBO_ANALYSIS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "ningbo-analysis"
    assert cache.clear(tmp_path / "nothing") == 0
    cache.inventory(corpus, folder=tmp_path / "c")
    assert cache.clear(tmp_path / "c") == 1
    assert list((tmp_path / "c").iterdir()) == []


def test_bad_input_is_a_package_error(tmp_path):
    with pytest.raises(cache.ParameterError, match="expected a corpus DataFrame"):
        cache.figures("not a corpus", folder=tmp_path)
    with pytest.raises(cache.ParameterError, match="unknown table 'tokens'"):
        cache.table("tokens", pd.DataFrame({"text": []}), folder=tmp_path)


def test_old_keys_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setitem(cache.TABLES, "toy", lambda c, _folder: c[["doc_id"]])
    corpora = [pd.DataFrame({"doc_id": [f"d{i}"], "text": [f"文本{i}"]}) for i in range(11)]
    for c in corpora:
        assert cache.table("toy", c, folder=tmp_path)["doc_id"].tolist() == c["doc_id"].tolist()
    kept = sorted(p.name for p in tmp_path.glob("toy-*.parquet"))
    newest = sorted(cache.cache_path("toy", c, tmp_path).name for c in corpora[-cache.KEEP :])
    assert kept == newest


def test_a_region_is_checked_as_extract_figures_checks_it(tmp_path, corpus):
    from ningbo_analysis.errors import ParameterError

    with pytest.raises(ParameterError) as err:
        cache.figures(corpus, "杭州", folder=tmp_path)
    assert (
        str(err.value) == "unknown region '杭州'; regions in the corpus: 余姚, 宁波, 慈溪, 海曙区"
    )
    with pytest.raises(ParameterError, match="region must be a place name"):
        cache.figures(corpus, 123, folder=tmp_path)


def test_clear_and_prune_touch_only_the_cache_files(tmp_path, corpus):
    folder = tmp_path / "data"
    folder.mkdir()
    mine = {name: folder / name for name in ("figures-2021.parquet", "sales.parquet")}
    for path in mine.values():
        pd.DataFrame({"x": [1]}).to_parquet(path)
    written = cache.warm(corpus, folder=folder)
    assert cache.clear(folder) == len(written) == len(cache.TABLES) == 4
    assert sorted(p.name for p in folder.iterdir()) == ["figures-2021.parquet", "sales.parquet"]


def test_cached_sentences_are_tokenised_as_jieba_does_without_jieba(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(segmentation, "_KNOWN_SEGMENTS", {})
    sents = section_sentences(corpus)
    fresh = segmentation.tokens_frame(sents)  # jieba: nothing remembered yet
    folder = tmp_path / "cache"
    cache.warm(corpus, folder=folder)
    monkeypatch.setattr(segmentation, "_KNOWN_SEGMENTS", {})
    cached = cache.sentences(corpus, folder=folder)  # remembers the cached segmentation

    def no_jieba():
        raise AssertionError("jieba used for a cached sentence")

    monkeypatch.setattr(segmentation, "_tokenizer", no_jieba)
    pd.testing.assert_frame_equal(segmentation.tokens_frame(cached), fresh)
    gdp = cached[cached["sentence"].str.contains("12408.7亿元", regex=False)]
    words = [t for t, *_ in segmentation.segment(gdp["sentence"].iloc[0])]
    assert words[:6] == ["全市", "地区", "生产总值", "达到", "12408.7", "亿元"]
    with pytest.raises(AssertionError, match="jieba used"):  # any other text still goes to jieba
        segmentation.segment("这句话不在语料里")


def test_a_segment_table_of_other_texts_is_not_remembered(monkeypatch):
    monkeypatch.setattr(segmentation, "_KNOWN_SEGMENTS", {})
    table = segmentation.segment_table(["宁波舟山港", "港口"])
    assert table["text_no"].tolist() == [0, 1]
    assert segmentation.remember_segments(["宁波舟山港"], table) is False  # text 1 out of range
    assert segmentation.remember_segments(["a", "b"], table.drop(columns="end")) is False
    assert segmentation._KNOWN_SEGMENTS == {}
    assert segmentation.remember_segments(["宁波舟山港", "港口"], table) is True
    assert segmentation.segment("港口") == [("港口", 0, 2, "word")]


@pytest.mark.parametrize("plan", ["十四五", "十三五"])
def test_cached_scorecard_and_comparison_equal_fresh_ones(tmp_path, corpus, plan):
    from ningbo_analysis.plans.record import compare_plans
    from ningbo_analysis.plans.scorecard import plan_scorecard

    figures = extract_figures(corpus)
    regions = corpus["region"]
    for region in ("宁波", "余姚"):
        fresh_card = plan_scorecard(figures, region, plan, regions=regions)
        fresh_cmp = compare_plans(figures, region, plan, regions=regions)
        for _ in range(2):  # computed and cached, then read back
            card = cache.scorecard(corpus, region, plan, folder=tmp_path)
            pd.testing.assert_frame_equal(card, fresh_card)
            pd.testing.assert_frame_equal(
                cache.comparison(corpus, region, plan, folder=tmp_path), fresh_cmp
            )
    if plan == "十四五":  # 2025 target of 17,000亿元, read back from the cache
        card = cache.scorecard(corpus, "宁波", plan, folder=tmp_path)
        gdp = card.loc[card["concept"] == "地区生产总值", ["target_value", "unit", "verdict"]]
        assert gdp.values.tolist() == [[1.7e12, "元", "ahead"]]


def test_region_tables_are_read_not_recomputed_and_keyed_by_region_and_plan(
    tmp_path, corpus, monkeypatch
):
    card = cache.scorecard(corpus, "宁波", folder=tmp_path)
    other = cache.scorecard(corpus, "余姚", folder=tmp_path)
    assert cache.cache_path("scorecard", corpus, tmp_path, ("宁波", "十四五")).is_file()
    assert len(list(tmp_path.glob("scorecard-*.parquet"))) == 2

    def fail(*_args):
        raise AssertionError("recomputed although cached")

    monkeypatch.setitem(cache.REGION_TABLES, "scorecard", fail)
    pd.testing.assert_frame_equal(cache.scorecard(corpus, "宁波", "十四五", folder=tmp_path), card)
    pd.testing.assert_frame_equal(cache.scorecard(corpus, "余姚", folder=tmp_path), other)
    with pytest.raises(AssertionError, match="recomputed"):  # another plan: another key
        cache.scorecard(corpus, "宁波", "十三五", folder=tmp_path)
    assert cache.clear(tmp_path) >= 2 and not list(tmp_path.glob("scorecard-*"))


def test_region_tables_give_the_errors_and_empty_tables_of_the_functions(tmp_path, corpus):
    from ningbo_analysis.errors import ParameterError

    with pytest.raises(ParameterError, match="杭州"):
        cache.scorecard(corpus, "杭州", folder=tmp_path)
    with pytest.raises(ParameterError, match="十九五"):
        cache.comparison(corpus, "宁波", "十九五", folder=tmp_path)
    for bad in ("not a corpus", None, pd.DataFrame({"region": ["宁波"]})):
        for table in (cache.scorecard, cache.comparison):
            with pytest.raises(ParameterError, match="expected a corpus DataFrame"):
                table(bad, "宁波", folder=tmp_path)
    # a region of the corpus without targets (慈溪: one news item): an empty scorecard
    empty = cache.scorecard(corpus, "慈溪", folder=tmp_path)
    assert empty.empty and list(empty.columns) == SCORECARD_COLUMNS
