"""Shared checks of a scorecard against a hand-made ``expected_scorecard.csv`` (the blind sets
tests/data/scorecard/东陵 and 南屿): pick the row of an expected target, compare it, read tokens."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

import ningbo_analysis as na


def expected_rows(folder: Path) -> list[dict]:
    """The rows of ``folder/expected_scorecard.csv`` (all strings, "" for empty)."""
    table = pd.read_csv(folder / "expected_scorecard.csv", dtype=str, keep_default_na=False)
    return table.to_dict("records")


def row_id(exp: dict) -> str:
    return f"{exp['indicator']}-{exp['measure']}-{exp['verdict']}"


def missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def approx(value: str):
    return pytest.approx(float(value), rel=1e-9)


def has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![A-Za-z_]){re.escape(word)}", text) is not None


def pick(sc: pd.DataFrame, exp: dict) -> pd.Series:
    """The one scorecard row of an expected target (same concept, target year and measure)."""
    key = na.figures.concepts.concept_of(exp["indicator"])
    measures = {"level", "share"} if exp["measure"] == "level" else {exp["measure"]}
    year = pd.to_numeric(sc["target_year"], errors="coerce")
    hits = sc.loc[
        (sc["concept"] == key) & (year == int(exp["target_year"])) & sc["measure"].isin(measures)
    ]
    assert len(hits) == 1, (
        f"{len(hits)} rows for {exp['indicator']} (concept {key!r}) {exp['measure']}:\n"
        f"{sc[['indicator', 'concept', 'measure', 'target_value', 'verdict']]}"
    )
    return hits.iloc[0]


def check_row(r: pd.Series, exp: dict) -> None:
    """Verdict, target, base and outcome of a scorecard row as expected."""
    assert r["verdict"] == exp["verdict"], r["verdict_basis"]
    assert r["target_value"] == approx(exp["target_value"])
    assert r["unit"] == exp["unit"]
    qualifier = "" if missing(r["target_qualifier"]) else r["target_qualifier"]
    assert qualifier == exp["target_qualifier"]
    if exp["base_value"]:
        assert int(r["base_year"]) == int(exp["base_year"])
        assert r["base_value"] == approx(exp["base_value"])
    if exp["verdict"] == "no_outcome":
        assert missing(r["outcome_value"]), r["outcome_value"]
    if exp["outcome_value"]:
        assert r["outcome_value"] == approx(exp["outcome_value"]), r["outcome_source"]
        assert int(r["outcome_year"]) == int(exp["outcome_year"])


def check_basis(basis: str, tokens: str) -> None:
    """Every expected token (level, floor, real, 美元 …) is a word of ``verdict_basis``; no base
    was restated in the blind sets."""
    assert isinstance(basis, str) and basis
    for token in tokens.split():
        ok = ("level", "share") if token == "level" else (token,)
        assert any(has_word(basis, t) for t in ok), f"{token!r} not in verdict_basis {basis!r}"
    assert not has_word(basis, "restated"), basis
