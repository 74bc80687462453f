"""CSV cells a spreadsheet would run as formulas are written as text (issue 24, OWASP): a ``'``
before a text starting with = + - @, a tab or a carriage return, in every text column."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from ningbo_analysis.present.tables import safe_cell, write_table

LEADERS = {
    '=HYPERLINK("http://evil.example/?q=1","点我")': '\'=HYPERLINK("http://evil.example/?q=1","点我")',
    "+1+cmd|' /C calc'!A0": "'+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0": "'-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0": "'@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\n=1+1",  # a CR becomes a LF (quoted by the CSV writer)
}


@pytest.mark.parametrize("text", list(LEADERS))
def test_formula_leading_text_is_neutralized(text: str) -> None:
    assert safe_cell(text) == LEADERS[text]


def test_signed_numbers_and_plain_text_stay_as_they_are() -> None:
    for text in ("-3.5%", "+0.4个百分点", "-1,234.5亿元", "地区生产总值", "1=1", ""):
        assert safe_cell(text) == text
    assert safe_cell(-3.5) == -3.5


def test_every_text_column_of_a_csv_is_safe(tmp_path) -> None:
    table = pd.DataFrame(
        {
            "title": list(LEADERS),
            "indicator": ["=1+1", "地区生产总值", "-x", "@a", "ok", "+"],
            "value": [-3.5, 1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    path = write_table(table, tmp_path / "t.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["title"] for r in rows] == list(LEADERS.values())
    assert [r["indicator"] for r in rows] == ["'=1+1", "地区生产总值", "'-x", "'@a", "ok", "'+"]
    assert rows[0]["value"] == "-3.5"  # numbers are numbers
    # Parquet keeps the values as they are
    back = pd.read_parquet(write_table(table, tmp_path / "t.parquet"))
    assert back["title"].tolist() == list(LEADERS)
