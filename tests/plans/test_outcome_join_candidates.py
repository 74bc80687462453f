"""join_outcomes compares a name only with the targets ending alike (plans.match.join_ending):
the joins it makes are those of comparing every name with every target."""

from __future__ import annotations

import itertools

import pandas as pd

from ningbo_analysis.plans.match import Join, best_join, join_ending, join_kind, join_outcomes

NAMES = [
    "地区生产总值",
    "经济总量",
    "经济总量冲刺",
    "GDP",
    "人均地区生产总值",
    "居民人均可支配收入",
    "城镇居民人均可支配收入",
    "农村居民人均可支配收入",
    "城乡居民人均可支配收入",
    "人均期望寿命高于",
    "人均预期寿命",
    "万人发明专利拥有量",
    "万人有效发明专利拥有量",
    "每万人口高价值发明专利拥有量",
    "万人高价值发明专利拥有量",
    "高新技术产业产值占规模以上工业总产值比重",
    "高新技术产业产值占比",
    "高新技术产业增加值占规上工业比重",
    "高层次人才总量",
    "高层次人才",
    "——高等教育毛入学率",
    "高等教育毛入学率",
    "PM2.5年平均浓度",
    "PM2.5年均浓度",
    "细颗粒物平均浓度",
    "研发投入占GDP的比重",
    "全社会研发经费支出占GDP比重",
    "研究与开发经费占地区生产总值比重",
    "服务业增加值占生产总值的比重",
    "服务业增加值占GDP的比重",
    "服务业增加值",
    "三产增加值",
    "现代服务业增加值占服务业比重",
    "城镇新增就业",
    "新增城镇就业",
    "城镇调查失业率",
    "城镇登记失业率",
    "进出口总额",
    "外贸进出口总额",
    "出口总额",
    "常住人口",
    "市区常住人口",
    "常住人口城镇化率",
    "城镇化率",
    "建成区面积",
    "市域建成区面积",
    "中心城区建成区面积",
    "空气质量优良率",
    "环境空气质量优良率",
    "高水平新型研发机构",
    "新型研发机构总数",
    "单位GDP能耗",
    "单位地区生产总值能耗降低",
]


def _every_pair(targets: list[str], names: list[str]) -> list[Join]:
    """The joins of comparing every name with every target (join_outcomes' rule)."""
    return [j for j in (best_join(name, targets) for name in names) if j is not None]


def test_names_that_join_end_alike():
    for a, b in itertools.permutations(NAMES, 2):
        if join_kind(a, b)[0]:
            assert join_ending(a) == join_ending(b), (a, b, join_kind(a, b))


def test_join_outcomes_makes_the_joins_of_every_pair():
    targets = sorted(NAMES[::3])
    df = pd.DataFrame({"key": NAMES, "kind": "actual"})
    out, joins = join_outcomes(df, targets)
    expected = _every_pair(targets, sorted(set(NAMES) - set(targets)))
    assert joins == expected
    assert len(joins) >= 5  # the list holds joins of every kind
    assert {j.match for j in joins} >= {"normalized", "synonym"}
    renamed = dict(zip(out["key_written"], out["key"], strict=True))
    assert all(renamed[j.outcome] == j.target for j in joins)
    assert renamed["经济总量"] == "经济总量"  # a target's own key stays
