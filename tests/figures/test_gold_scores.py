"""Figures measured against the hand-made gold standard (386 figures of the Ningbo and Yuyao 2021
reports and the 004 article). The thresholds are a ratchet: raise them when the extractor improves."""

from __future__ import annotations

from gold import GOLD, gold_scope

import ningbo_analysis as na
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.figures.gold import read_gold, score_figures


def test_gold_recall_and_error_rate():
    corpus = na.load_corpus()
    detail, score = score_figures(
        extract_figures(corpus), read_gold(GOLD), corpus, gold_scope(corpus)
    )
    assert score.gold == len(read_gold(GOLD)) >= 380
    # found with the right value, unit, kind, measure and period
    assert score.recall >= 0.95, detail.loc[~detail["correct"], ["context", "mismatch", "got"]]
    # rows in the annotated parts that are wrong or not figures at all
    assert score.error_rate <= 0.05
    # the headline figures are among the correct ones
    correct = set(detail.loc[detail["correct"], "raw"])
    assert {"12408.7亿元", "1.7万亿元", "130亿美元", "119亿美元", "0.44个百分点"} <= correct


def test_heldout_recall_and_error_rate():
    """157 figures annotated after the rules were written (the 2023 plan fragment and the 2021 work
    plan): a check that the rules generalize. Report only; never tune the extractor on this file."""
    from gold import HELDOUT, heldout_scope

    corpus = na.load_corpus()
    detail, score = score_figures(
        extract_figures(corpus), read_gold(HELDOUT), corpus, heldout_scope(corpus)
    )
    assert score.gold == len(read_gold(HELDOUT)) >= 150
    assert score.recall >= 0.94, detail.loc[~detail["correct"], ["context", "mismatch", "got"]]
    assert score.error_rate <= 0.04


def test_made_up_reports_recall_and_error_rate():
    """84 figures of three made-up reports of other levels and years (a national-style 2021
    report, a 2016 province report, a scraped 2021 city report), annotated before the extractor
    was run on them (tests/data/README.md). A ratchet for issue 12's five-year reviews, plan
    targets and scraped text."""
    from gold import REPORTS, REPORTS_DIR, reports_scope

    corpus = na.load_corpus(REPORTS_DIR)
    detail, score = score_figures(
        extract_figures(corpus), read_gold(REPORTS), corpus, reports_scope(corpus)
    )
    assert score.gold == len(read_gold(REPORTS)) >= 80
    assert score.recall >= 0.97, detail.loc[~detail["correct"], ["context", "mismatch", "got"]]
    assert score.error_rate <= 0.05
    correct = set(detail.loc[detail["correct"], "raw"])
    assert {"1.3万亿斤以上", "11.4年", "1岁", "不到68万亿元", "90.2%"} <= correct


def test_made_up_2026_reports_recall_and_error_rate():
    """178 figures of two made-up January-2026 reports (a province report reviewing 2025 and the
    十四五 and setting 十五五 and 2026 targets; a county report as scraped), annotated before the
    extractor was run on them (tests/data/README.md). Blind score 94.4 % right, 6.7 % wrong rows;
    178 / 178 and no wrong row after the general rules of tests/figures/test_other_cities_wording.py (so no longer
    blind)."""
    from gold import REPORTS_2026, REPORTS_2026_DIR, reports_2026_scope

    corpus = na.load_corpus(REPORTS_2026_DIR)
    detail, score = score_figures(
        extract_figures(corpus), read_gold(REPORTS_2026), corpus, reports_2026_scope(corpus)
    )
    assert score.gold == len(read_gold(REPORTS_2026)) >= 170
    assert score.recall >= 0.99, detail.loc[~detail["correct"], ["context", "mismatch", "got"]]
    assert score.error_rate <= 0.02
    correct = set(detail.loc[detail["correct"], "raw"])
    assert {"４８６．３亿元", "6万亿元", "1.3岁", "4位", "96.5%", "6.82万亿元"} <= correct


def test_blind3_reports_recall_and_error_rate():
    """152 figures of a third blind set (tests/data/made_up_reports_blind3/): a 岚州市 2021 city
    report in newspaper print (2020 and 十三五 review, 十四五 and 2021 targets) and a 2026
    national-style excerpt (2025 and 十四五 review, 2026 targets), annotated and committed before the
    extractor was run on them. Blind score 99.3 % right (151 / 152), 0.7 % wrong rows (1 / 152).
    Report only: do not tune the extractor on this file (it stays blind for the next round)."""
    from gold import BLIND3, BLIND3_DIR, blind3_scope

    corpus = na.load_corpus(BLIND3_DIR)
    detail, score = score_figures(
        extract_figures(corpus), read_gold(BLIND3), corpus, blind3_scope(corpus)
    )
    assert score.gold == len(read_gold(BLIND3)) >= 150
    assert score.recall >= 0.99, detail.loc[~detail["correct"], ["context", "mismatch", "got"]]
    assert score.error_rate <= 0.01
    correct = set(detail.loc[detail["correct"], "raw"])
    assert {"3856.4亿元", "1.70:1", "第14位", "4%左右", "1.4万亿斤左右"} <= correct
