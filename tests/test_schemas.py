"""Every public table has one schema (ningbo_analysis.schemas): the same columns and dtypes for
an empty and a non-empty result, NA (never "") for a missing text, Int64 years, codes as
categoricals of a fixed vocabulary; the same after a Parquet round trip, and the same values
after a CSV round trip. (Run this module on pandas 2.2 too: the checks are text, not objects.)"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis import schemas
from ningbo_analysis.corpus.load import CORPUS_COLUMNS
from ningbo_analysis.figures.table import FIGURE_COLUMNS
from ningbo_analysis.plans import peers, record, scorecard
from ningbo_analysis.schemas import (
    CORPUS,
    FIGURES,
    HEADLINES,
    RECORD,
    SCORECARD,
    SUMMARY,
    conform,
    describe,
    filled,
    problems,
    restored,
)


@pytest.fixture(scope="module")
def figures(corpus: pd.DataFrame) -> pd.DataFrame:
    return na.extract_figures(corpus)


@pytest.fixture(scope="module")
def cards(figures: pd.DataFrame) -> pd.DataFrame:
    return peers.scorecards(figures)


def test_the_schemas_name_the_columns_the_modules_list() -> None:
    assert CORPUS.names == CORPUS_COLUMNS
    assert FIGURES.names == FIGURE_COLUMNS
    assert SCORECARD.names == scorecard.SCORECARD_COLUMNS
    assert RECORD.names == record.COLUMNS
    assert SUMMARY.names == peers.SUMMARY_COLUMNS
    assert HEADLINES.names == peers.HEADLINE_COLUMNS


def test_the_vocabularies_are_the_packages() -> None:
    from ningbo_analysis.corpus.manifest import article_kinds
    from ningbo_analysis.numbers.quantity import QUALIFIERS
    from ningbo_analysis.plans.fallbacks import MEMBERS
    from ningbo_analysis.plans.match import MATCHES
    from ningbo_analysis.plans.verbal import STATED
    from ningbo_analysis.plans.verdicts import VERDICTS

    assert schemas.QUALIFIERS == tuple(q for q in QUALIFIERS if q)  # "" is no qualifier: NA
    assert schemas.TARGET_MEASURES == scorecard.TARGET_TYPES
    assert schemas.MATCHES == (*MATCHES, STATED, MEMBERS)  # names joined, words, members
    assert set(VERDICTS) <= set(schemas.VERDICTS)
    assert schemas.ARTICLE_KINDS == article_kinds()
    assert SCORECARD.column("verdict").categories == schemas.VERDICTS
    assert FIGURES.column("qualifier").categories == (
        "approx",
        "at_least",
        "at_most",
        "more_than",
        "less_than",
    )


def _check(table: pd.DataFrame, schema: schemas.Schema, columns: list[str]) -> None:
    assert problems(table, schema, columns) == [], schema.name


def test_corpus_and_figures_follow_their_schemas(corpus, figures, tmp_path) -> None:
    _check(corpus, CORPUS, CORPUS_COLUMNS)
    assert corpus["year"].dtype == "Int64" and corpus["kind"].dtype == "category"
    _check(figures, FIGURES, FIGURE_COLUMNS)
    # a figure without qualifier: missing, not ""; a range's upper end NaN for one value
    assert figures["qualifier"].isna().sum() > 0 and (figures["qualifier"] == "at_least").any()
    assert figures["report_year"].dtype == "Int64"
    none = na.extract_figures("没有数字的一句话。", region="宁波", report_year=2021)
    assert len(none) == 0
    _check(none, FIGURES, FIGURE_COLUMNS)
    assert describe(none) == describe(figures)


def test_an_empty_corpus_has_the_corpus_schema(tmp_path: Path) -> None:
    for i in range(11):  # more than FEW_FILES: the bad files are skipped, not raised
        (tmp_path / f"{i:03d}.txt").write_text("", encoding="utf-8")
    empty = na.load_corpus(tmp_path, errors="report")
    assert len(empty) == 0 and len(na.corpus.load_problems(empty)) == 11
    _check(empty, CORPUS, CORPUS_COLUMNS)
    assert describe(empty) == describe(na.load_corpus())


# a made-up city's 13th plan (the seeds have no 十三五 targets): targets of 2016, review of 2021
PLAN_13 = "到2020年，全市地区生产总值达到1.2万亿元，城镇化率达到75%左右。"
REVIEW_13 = "2020年，全市地区生产总值达到1.24万亿元，城镇化率达到74%。"


@pytest.mark.parametrize("plan", ["十三五", "十四五"])
def test_scorecards_and_records_follow_their_schemas(figures, plan) -> None:
    if plan == "十三五":
        made_up = [
            na.extract_figures(t, region="甲城", report_year=y)
            for t, y in ((PLAN_13, 2016), (REVIEW_13, 2021))
        ]
        figures = pd.concat([figures, *made_up], ignore_index=True)
    regions = [*sorted(set(figures["region"])), "无名县"]  # a place of the corpus, no figure
    card = max((na.plan_scorecard(figures, r, plan, regions=regions) for r in regions), key=len)
    empty = na.plan_scorecard(figures, "无名县", plan, regions=regions)
    assert len(card) > 0 and len(empty) == 0
    for table in (card, empty):
        _check(table, SCORECARD, scorecard.SCORECARD_COLUMNS)
    assert card["outcome_year"].dtype == card["target_year"].dtype == "Int64"
    assert card["outcome_year"].isna().any() or card["outcome_year"].notna().all()
    cmp = max((na.compare_plans(figures, r, plan, regions=regions) for r in regions), key=len)
    none = na.compare_plans(figures, "无名县", plan, regions=regions)
    assert len(cmp) > 0 and len(none) == 0
    for table in (cmp, none):
        _check(table, RECORD, record.columns_for(plan))
    assert describe(none) == describe(cmp)


def test_the_14th_plan_scorecard_has_na_where_nothing_is_written(figures) -> None:
    card = na.plan_scorecard(figures, "宁波", "十四五", regions=sorted(set(figures["region"])))
    gdp = card[(card["concept"] == "地区生产总值") & (card["measure"] == "level")].iloc[0]
    assert gdp["target_year"] == 2025 and gdp["base_year"] == 2020
    no_outcome = card[card["outcome_value"].isna()]
    assert len(no_outcome) and no_outcome["outcome_year"].isna().all()
    unsourced = card[card["outcome_source"].isna()]  # no outcome and no interim actual
    assert len(unsourced) and unsourced["match"].isna().all()
    assert unsourced["outcome_indicator"].isna().all() and unsourced["outcome_unit"].isna().all()
    assert not (card.select_dtypes("string") == "").any().any()  # never "" for a missing text


def test_peers_tables_follow_their_schemas(figures, cards) -> None:
    empty = peers.scorecards(figures.iloc[:0], regions=["无名县"])
    for table in (cards, empty, peers.empty_scorecards()):
        _check(table, SCORECARD, scorecard.SCORECARD_COLUMNS)
    summary, none = peers.scorecard_summary(cards), peers.scorecard_summary(empty)
    assert len(summary) > 0 and len(none) == 0
    for table in (summary, none):
        assert problems(table, SUMMARY) == []
    assert describe(none) == describe(summary)
    heads, no_heads = peers.headline_rows(cards), peers.headline_rows(empty)
    assert len(heads) > 0 and len(no_heads) == 0
    for table in (heads, no_heads):
        _check(table, HEADLINES, peers.HEADLINE_COLUMNS)
    themes = peers.theme_verdicts(cards)
    assert themes["theme"].dtype == SCORECARD.column("theme").pandas_dtype()


def test_parquet_and_csv_round_trips_keep_the_table(figures, cards, tmp_path) -> None:
    for table, schema in ((figures, FIGURES), (cards, SCORECARD)):
        table.to_parquet(tmp_path / "t.parquet")
        back = restored(pd.read_parquet(tmp_path / "t.parquet"), schema)
        pd.testing.assert_frame_equal(back, table)
        # the same bytes for the same table: categories are the vocabulary, whatever the rows
        table.iloc[:0].to_parquet(tmp_path / "empty.parquet")
        assert describe(restored(pd.read_parquet(tmp_path / "empty.parquet"), schema)) == (
            describe(table)
        )
        table.to_csv(tmp_path / "t.csv", index=False)
        read = pd.read_csv(tmp_path / "t.csv", dtype=object, keep_default_na=False)
        pd.testing.assert_frame_equal(conform(read, schema), table, check_exact=False)


def test_conform_refuses_a_code_outside_its_vocabulary() -> None:
    with pytest.raises(ValueError, match=r"figures.kind: code\(s\) \['plan'\]"):
        conform(pd.DataFrame({"kind": ["plan"]}), FIGURES)


def test_filled_reads_missing_text_as_empty_for_display(cards) -> None:
    shown = filled(cards)
    assert (shown["match"] == "").sum() == cards["match"].isna().sum()
    assert shown["target_value"].equals(cards["target_value"])
    assert shown["outcome_year"].equals(cards["outcome_year"])


def test_the_tables_page_is_current() -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "tables.md"
    assert page.read_text(encoding="utf-8") == schemas.markdown(), (
        "python -m ningbo_analysis.schemas > docs/tables.md"
    )


def test_readers_of_missing_text_keep_their_rows(figures) -> None:
    """A figure before an article's first heading (section_path NA) is still counted there."""
    from ningbo_analysis.figures.table import coverage_by_section

    cov = coverage_by_section(figures)
    first = cov[(cov["doc_id"] == "000-01") & (cov["section"] == "（首个标题之前）")]
    assert first[["actual", "target", "total"]].values.tolist() == [[2, 0, 2]]
    assert cov["total"].sum() == len(figures)
