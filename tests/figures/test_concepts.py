"""Concept joining: which indicator names written differently are one thing, and which are not.

``na.figures.concepts.concept_of(name)`` is the key the plan scorecard joins targets and outcomes on. Each
pair below is pinned both ways (``concept_of(a) == concept_of(b)`` and the reverse call order), so a
rule that only normalizes one side cannot pass.

Decisions taken here (issue 10, "Concepts, not strings"):

- Wording variants of one measure join: 城市化率 / 城镇化率 (and the 常住人口 forms), 人才总量 /
  各类人才总量, 研究与试验发展经费支出占地区生产总值比重 / 研发投入强度, GDP / 地区生产总值.
- Scope prefixes 全市 / 全省 / 我市 are not part of the concept.
- Verb prefixes 建成 / 培育 / 引进 (and 引进和培育) before a count join the counted thing
  (建成5G基站 = 5G基站; 引进和培育总部企业 = 总部企业, the seeds' 2025 target). 引进高层次人才 joins
  高层次人才 too: both count the same people; whether a figure is a five-year inflow or a stock is
  its *measure* (cumulative vs level), and the scorecard never compares those with each other.
- 新增 marks a flow that is an indicator of its own (城镇新增就业 is a statistic with its own
  definition): 新增城镇就业 ≠ 城镇就业人数 and 新增高新技术企业 ≠ 高新技术企业.
- Different things never join: 居民 ≠ 城镇居民 ≠ 农村居民人均可支配收入; 进出口总额 ≠ 货物和服务贸易总额
  ≠ 出口总额; 城镇调查失业率 ≠ 城镇登记失业率; 人均地区生产总值 ≠ 地区生产总值.
"""

from __future__ import annotations

import pytest

import ningbo_analysis as na


def concept(name: str) -> str:
    return na.figures.concepts.concept_of(name)


SAME = [
    ("人才总量", "各类人才总量"),
    ("城市化率", "城镇化率"),
    ("城市化率", "常住人口城镇化率"),
    ("常住人口城市化率", "常住人口城镇化率"),
    ("城镇化率", "常住人口城镇化率"),
    ("研究与试验发展经费支出占地区生产总值比重", "研发投入强度"),
    ("研发经费支出占地区生产总值比重", "研发投入强度"),
    ("GDP", "地区生产总值"),
    ("全市地区生产总值", "地区生产总值"),
    ("全省地区生产总值", "地区生产总值"),
    ("全市城镇就业人数", "城镇就业人数"),
    ("全省进出口总额", "进出口总额"),
    ("外贸进出口总额", "进出口总额"),
    ("我市居民人均可支配收入", "居民人均可支配收入"),
    ("新增城镇就业", "城镇新增就业"),
    ("建成5G基站", "5G基站"),
    ("培育专精特新小巨人企业", "专精特新小巨人企业"),
    ("引进和培育总部企业", "总部企业"),
    ("引进高层次人才", "高层次人才"),
]

DIFFERENT = [
    ("居民人均可支配收入", "城镇居民人均可支配收入"),
    ("居民人均可支配收入", "农村居民人均可支配收入"),
    ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
    ("进出口总额", "货物和服务贸易总额"),
    ("外贸进出口总额", "货物和服务贸易总额"),
    ("进出口总额", "出口总额"),
    ("新增城镇就业", "城镇就业人数"),
    ("城镇新增就业", "城镇就业人数"),
    ("新增城镇就业", "全市城镇就业人数"),
    ("新增高新技术企业", "高新技术企业"),
    ("城镇调查失业率", "城镇登记失业率"),
    ("人均地区生产总值", "地区生产总值"),
    ("研发投入强度", "地区生产总值"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_same_concept_both_ways(a, b):
    assert concept(a) == concept(b), (a, concept(a), b, concept(b))
    assert concept(b) == concept(a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[f"{a}!={b}" for a, b in DIFFERENT])
def test_different_concepts_both_ways(a, b):
    assert concept(a) != concept(b), (a, b, concept(a))
    assert concept(b) != concept(a)


@pytest.mark.parametrize("name", sorted({n for pair in SAME + DIFFERENT for n in pair}))
def test_concept_is_a_fixed_point(name):
    """A concept key is a non-empty string and its own concept (joining twice changes nothing)."""
    key = concept(name)
    assert isinstance(key, str) and key
    assert concept(key) == key


def test_figures_carry_the_concept_of_their_indicator():
    """extract_figures' `concept` column is the same key, so tables join on it directly."""
    text = "到2025年，各类人才总量达到120万人，常住人口城市化率达到72%。"
    figs = na.extract_figures(text, region="临川", report_year=2021)
    by_raw = figs.set_index("raw")["concept"]
    assert by_raw["120万人"] == concept("人才总量")
    assert by_raw["72%"] == concept("常住人口城镇化率")


def test_pm25_wordings_join():
    concept_of = na.figures.concepts.concept_of
    assert concept_of("PM2.5平均浓度") == concept_of("PM2.5年均浓度") == concept_of("PM2.5浓度")
    assert concept_of("PM2.5平均浓度") != concept_of("空气质量优良天数比例")
