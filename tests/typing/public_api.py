"""A user's script of the public API, checked by ``mypy --strict`` in ``make lint``
(``[tool.mypy]`` in pyproject.toml): the top-level names resolve to typed functions, not Any."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

import ningbo_analysis as na


def scorecard_of(folder: Path, region: str) -> pd.DataFrame:
    corpus: pd.DataFrame = na.load_corpus(folder, seeds=True)
    figures: pd.DataFrame = na.extract_figures(corpus, region=region)
    return na.plan_scorecard(figures, region, plan="十四五")


def amounts(text: str) -> list[float]:
    return [q.value for q in na.parse_quantities(text) if q.kind == "amount"]


def exact(text: str) -> Decimal:
    try:
        return na.to_number(text, mode="smart")
    except na.NingboAnalysisError:
        return Decimal(0)


version: str = na.__version__
rule: str = na.scorecard_rule_text()
plans: list[str] = list(na.plan_names())
