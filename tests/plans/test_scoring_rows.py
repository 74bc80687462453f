"""A target's figures are found once per concept (plans.prepare.ScoringRows): its concept's rows
and those of its narrower scopes, the rows the region's table gives, in its order and index."""

from __future__ import annotations

import pandas as pd

from ningbo_analysis.plans.prepare import ScoringRows, scoring_records, scoring_rows

KEYS = [
    "地区生产总值",
    "货物和服务贸易进出口总额",
    "进出口总额",
    "地区生产总值",
    "外贸出口总额",
    "货物和服务贸易进出口总额",
    "人均地区生产总值",
]


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": KEYS,
            "unit": ["亿元", "亿美元", "亿元", "亿元", "亿元", "亿元", "元"],
            "kind": pd.Categorical(["actual"] * 7),
            "value": [100.0, 50.0, 40.0, 120.0, 20.0, 60.0, 9.0],
            "y1": [2020, 2020, 2020, 2025, 2025, 2025, 2025],
        },
        index=range(10, 17),
    ).astype({"key": "str", "unit": "str"})  # text as the prepared table holds it


def test_a_concepts_rows_are_its_own_in_the_tables_order():
    rows = scoring_rows(_table(), "地区生产总值")
    assert list(rows.index) == [10, 13]
    assert list(rows["value"]) == [100.0, 120.0]
    assert list(rows["unit"]) == ["亿元", "亿元"]
    assert rows["unit"].dtype == object and rows["kind"].dtype == object  # text as objects


def test_a_wide_concept_also_gets_its_narrower_scopes():
    rows = scoring_rows(_table(), "货物和服务贸易进出口总额")
    assert list(rows.index) == [11, 12, 14, 15]  # 进出口总额 and 外贸出口总额: goods only
    assert list(rows["key"]) == [KEYS[1], "进出口总额", "外贸出口总额", KEYS[5]]


def test_one_grouping_serves_every_concept_and_a_changed_table_is_read_again():
    table = _table()
    lookup = ScoringRows(table)
    assert list(lookup.rows(table, "人均地区生产总值")["value"]) == [9.0]
    assert lookup.rows(table, "地区生产总值") is lookup.rows(table, "地区生产总值")
    assert lookup.rows(table, "不存在").empty
    changed = table.drop(index=[10])  # e.g. an analyst's override dropped a figure
    assert list(lookup.rows(changed, "地区生产总值").index) == [13]


def test_records_are_the_rows_as_dicts_with_the_rows_values():
    table = _table()
    lookup = ScoringRows(table)
    for key in ("地区生产总值", "货物和服务贸易进出口总额", "不存在"):
        rows, records = lookup.rows(table, key), lookup.records(table, key)
        assert records == [dict(r.items()) for _, r in rows.iterrows()]
        assert records == scoring_records(table, key)
        assert all(type(r["value"]) is type(rows["value"].iloc[0]) for r in records)
    mine = lookup.records(table, "地区生产总值")
    mine.pop()  # the caller's list: the next lookup still has every row
    assert len(lookup.records(table, "地区生产总值")) == 2
    assert [r["value"] for r in lookup.records(table.drop(index=[10]), "地区生产总值")] == [120.0]
