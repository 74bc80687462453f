"""Scorecard presentation (report 03): qualifiers of bases and later targets, themes, chart text.

Values are those of the seeds: 余姚's 2020 talent pool is 「人才总量超过36.5万人」 (002-02), the
2021 yearly targets of 宁波 are in 002-01 (「社会消费品零售总额增长8%以上」), of 余姚 in 002-02
(「地区生产总值增长7%左右」).
"""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis import scorecard_view as view
from ningbo_analysis.scorecard import SCORECARD_COLUMNS


@pytest.fixture(scope="module")
def scorecards(corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {r: na.cache.scorecard(corpus, r, "十四五") for r in ("宁波", "余姚")}


def _row(sc: pd.DataFrame, indicator: str) -> pd.Series:
    rows = sc[sc["indicator"] == indicator]
    assert len(rows) == 1, sc["indicator"].tolist()
    return rows.iloc[0]


def test_base_keeps_its_qualifier(scorecards):
    """余姚 各类人才总量: the base is 「超过36.5万人」, a lower bound, not 36.5万人."""
    talent = _row(scorecards["余姚"], "各类人才总量")
    assert talent["base_value"] == 365000.0
    assert talent["base_qualifier"] == "more_than"
    assert "base_qualifier" in SCORECARD_COLUMNS
    head = view.headline_frame(scorecards["余姚"])
    shown = head.loc[head["指标"] == "各类人才总量", "基期"].iloc[0]
    assert shown == "超过36.5万人 (2020)"
    # an exact base stays as it is
    gdp = _row(scorecards["余姚"], "地区生产总值")
    assert gdp["base_qualifier"] == ""
    assert head.loc[head["指标"] == "地区生产总值", "基期"].iloc[0] == "1,220.7亿元 (2020)"


def test_later_targets_are_written_as_targets_with_their_qualifier(scorecards):
    """A later target reads as a target (目标), with 以上/左右 as written, never as a level."""
    retail = _row(scorecards["宁波"], "社会消费品零售总额")["later_targets"]
    assert retail.startswith("2021 target: growth 8%以上 [002-01@"), retail
    gdp = _row(scorecards["余姚"], "地区生产总值")["later_targets"]
    assert gdp.startswith("2021 target: growth 7%左右 [002-02@"), gdp
    skills = _row(scorecards["宁波"], "新增高技能人才")["later_targets"]
    assert skills.startswith("2021 target: 5万人 ["), skills
    fdi = _row(scorecards["宁波"], "实际利用外资")["later_targets"]
    assert fdi.startswith("2023 target: 50亿美元 [003-01@"), fdi
    for sc in scorecards.values():
        text = " ".join(sc["later_targets"])
        assert " level " not in text and "2021 growth" not in text


def test_every_seed_target_has_a_theme(scorecards):
    """宁波 高能级平台 (「3个…高能级平台」, development zones) is economy; platform words
    that name another field keep that field."""
    assert _row(scorecards["宁波"], "高能级平台")["theme"] == "economy"
    for sc in scorecards.values():
        assert (sc["theme"] != "").all(), sc.loc[sc["theme"] == "", "indicator"].tolist()
    assert na.compare.theme_of("高能级科创平台") == "innovation"
    assert na.compare.theme_of("政务服务平台") == "governance_security"
    assert na.compare.theme_of("工业互联网平台") == "innovation"
