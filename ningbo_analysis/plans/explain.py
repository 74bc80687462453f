"""The verdict of a scorecard row in one Chinese line a reader understands, with the sentences
the target and the outcome come from.

``verdict_zh`` says what was compared and how it came out (2025年实际2.61万亿元，未达到目标
2.8万亿元; 2016-2020年年均增长7.05%（由累计增长折算），未达到目标年均增长9%左右); for an
unclear verdict, why (实际增速与名义增速不可比, 结果只是下限, 指标名称仅相近); the technical
English basis stays in ``verdict_basis`` (CSV and tooltips). Reasons are read from the basis by
the cue phrases of ``data/verdict_reasons.csv``.

>>> row = {"verdict": "missed", "measure": "level", "target_value": 2.8e12, "unit": "元",
...        "target_qualifier": "", "outcome_value": 2.61e12, "outcome_unit": "元",
...        "outcome_qualifier": "", "outcome_year": "2025", "target_year": 2025,
...        "period": "2021-2025", "verdict_basis": "", "match": "exact", "outcome_derived": False,
...        "scored": True, "name_problem": "", "outcome_indicator": "地区生产总值"}
>>> verdict_zh(row)
'2025年实际2.61万亿元，未达到目标2.8万亿元'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from ningbo_analysis.labels import is_missing
from ningbo_analysis.numbers.format import format_change, format_qualified
from ningbo_analysis.resources import read_data_csv

_MILESTONE = re.compile(r"milestone (\d{4}): ")
#: A plan judged on a review of the term ending a year after it (``plans.end._a_year_late``).
_LATE = re.compile(r"a year late \((\d{4}-\d{4})\)")
_MEASURE_ZH = {
    "avg_growth": "年均增长",
    "growth": "每年增长",
    "cumulative": "累计",
    "change": "变化",
}


@cache
def _reasons() -> tuple[tuple[str, str], ...]:
    """(English cue phrase of a verdict basis, Chinese reason), in file order."""
    table = read_data_csv("verdict_reasons.csv")
    return tuple(zip(table["cue"], table["reason_zh"], strict=True))


def _missing(value: object) -> bool:
    return value == "" or is_missing(value)


def is_yearly(row: Mapping) -> bool:
    """A scorecard row of an amount for every year of the plan (its basis says so:
    ``plans.outcomes``), shown 每年… (a dict, a Series or a namedtuple's ``_asdict()``)."""
    return "a yearly amount" in str(row.get("verdict_basis", ""))


def target_zh(row: Mapping) -> str:
    """The target of a scorecard row in Chinese (目标17万元, 目标年均增长7%左右, 目标每年…)."""
    measure = str(row["measure"])
    value = format_change(row["target_value"], row["unit"], row["target_qualifier"])
    if is_yearly(row):
        return f"目标每年{value}"
    milestone = _MILESTONE.match(str(row.get("verdict_basis", "")))
    if milestone:  # 地区生产总值到2019年达到3850亿元, judged on a later year's level
        return f"{milestone.group(1)}年目标{value}"
    if measure in ("level", "share"):
        return f"目标{value}"
    if measure == "change" and str(row["unit"]) == "倍":
        return f"目标达到基期的{value}"
    return f"目标{_MEASURE_ZH.get(measure, '')}{value}"


def _outcome(row: Mapping) -> str:
    measure, year = str(row["measure"]), str(row["outcome_year"])
    value = format_qualified(row["outcome_value"], row["outcome_unit"], row["outcome_qualifier"])
    if is_yearly(row):
        derived = row.get("outcome_derived")
        return f"{row['period']}年{'平均' if derived else ''}每年{value}{'（由期间累计折算）' if derived else ''}"
    if measure in ("level", "share"):
        return f"{year}年实际{value}"
    late = _LATE.match(str(row.get("verdict_basis", "")))
    period = late.group(1) if late else row["period"]
    how = ""
    if row.get("outcome_derived"):
        stated = "average of a stated change" in str(row.get("verdict_basis", ""))
        how = "（由累计增长折算）" if stated else "（由起止年总量推算）"
    return f"{period}年{_MEASURE_ZH.get(measure, '')}{value}{how}"


def _unclear_reason(basis: str) -> str:
    for cue, reason in _reasons():
        if cue in basis:
            return reason
    return "结果与目标的口径无法直接比较"


def verdict_zh(row: Mapping) -> str:
    """One Chinese line for a scorecard row (a dict or a Series with its columns)."""
    if not row.get("scored", True):
        return f"未计分：{row.get('name_problem', '')}"
    verdict, basis = str(row["verdict"]), str(row.get("verdict_basis", ""))
    if basis.startswith("分析师判定："):
        return basis.split(";")[0]
    target = target_zh(row)
    pace = {"ahead": "快于", "on_track": "符合", "behind": "慢于"}
    if verdict in pace and _missing(row["outcome_value"]):  # interim actuals, no end-year outcome
        return f"{target}；规划期内的实际数{pace[verdict]}实现目标所需的进度（期末结果尚无）"
    if verdict == "no_outcome" or _missing(row["outcome_value"]):
        return f"{target}；后续报告未给出同口径的结果"
    outcome = _outcome(row)
    joined = ""
    if row.get("match") in ("normalized", "synonym", "similar", "rebased"):
        name = str(row.get("outcome_indicator", ""))
        joined = f"（结果按「{name}」对应）" if "“" in name else f"（结果按“{name}”对应）"
    ceiling = str(row["target_qualifier"]) in ("at_most", "less_than")
    if _LATE.match(basis) and verdict in ("met", "missed"):
        joined += "（后续报告只给出规划期后一年的数据，差距不小于一年的变化）"
    if verdict == "met":
        return f"{outcome}，{'控制在' if ceiling else '达到'}{target}{joined}"
    if verdict == "missed":
        return f"{outcome}，{'超出' if ceiling else '未达到'}{target}{joined}"
    if verdict in pace:
        return f"中期进展：{outcome}，{pace[verdict]}实现{target}所需的进度{joined}"
    return f"{outcome}，{target}：{_unclear_reason(basis)}{joined}"
