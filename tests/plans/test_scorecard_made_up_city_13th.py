"""Blind check of the 十三五 plan scorecard on a third made-up city, 南屿市 (2016 and 2021 reports).

``tests/data/scorecard/南屿/`` was written by hand in the forms real reports use (a 十二五 review in
五年来 paragraphs, 到2020年… targets, 年均增长7.5%左右 next to 比2010年翻一番, 分别达到…和…元 with
年均分别增长…, 下降17%, 保持在…以上, 控制在…以内 both as a target and as an outcome, 超过/左右
outcomes, a GDP reviewed only by its levels) and ``expected_scorecard.csv`` was filled in and
committed (9caad6a) before the scorecard code was run on it. The corpus is loaded without
``region=``: the region must come from the delivery line (``在南屿市第十五届人民代表大会…``).
The first run got 11 of 14 rows right; the 3 misses were two extraction problems of figures.py
(tests below), fixed since. The rows of the expected scorecard are checked in
test_scorecard_made_up_sets.py.
"""

from __future__ import annotations

import ningbo_analysis as na

REGION = "南屿"


# --------------------------------------------------------------------------------------------
# the two extraction problems the first run found (figures.py, fixed since)
# --------------------------------------------------------------------------------------------


def _names(text: str, year: int) -> list[tuple[str, float, str]]:
    f = na.extract_figures(text, region=REGION, report_year=year)
    return list(zip(f["indicator"], f["value"], f["measure"], strict=True))


def test_a_pair_of_full_nouns_before_fenbie_shares_the_suffix():
    text = "到2020年，城镇居民和农村居民人均可支配收入分别达到55000元和28000元。"
    assert _names(text, 2016) == [
        ("城镇居民人均可支配收入", 55000.0, "level"),
        ("农村居民人均可支配收入", 28000.0, "level"),
    ]


def test_a_value_pair_after_a_fenbie_clause_is_split_over_the_pair():
    text = "城镇、农村居民人均可支配收入分别达到56200元、27500元，年均增长7.8%、6.8%。"
    assert _names(text, 2021)[2:] == [
        ("城镇居民人均可支配收入", 7.8, "avg_growth"),
        ("农村居民人均可支配收入", 6.8, "avg_growth"),
    ]
