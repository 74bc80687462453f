"""The analyst's overrides (plans.overrides): pin an outcome, forbid a join, no target, a verdict;
stale overrides reported, never applied; bad files named with the line (made-up reports)."""

from __future__ import annotations

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.plans.overrides import COLUMNS, read_overrides

PLAN = (
    "二、“十四五”时期主要目标\n到2025年，地区生产总值突破1200亿元，城镇新增就业累计达到20万人。\n"
)
REVIEW = (
    "一、“十四五”时期发展回顾\n五年来，地区生产总值达到1150亿元，新区地区生产总值达到1300亿元。\n"
)


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    docs = (("2021-01", 2021, PLAN), ("2026-01", 2026, REVIEW))
    return pd.concat(
        [
            na.extract_figures(text, region="青州", report_year=year).assign(doc_id=doc)
            for doc, year, text in docs
        ],
        ignore_index=True,
    )


def _source(figures: pd.DataFrame, raw: str, doc: str) -> str:
    row = figures[(figures["raw"] == raw) & (figures["doc_id"] == doc)].iloc[0]
    return f"{row['doc_id']}@{row['start']}-{row['end']}「{row['raw']}」"


def _overrides(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in rows])


def _gdp(sc: pd.DataFrame) -> pd.Series:
    return sc[sc["target_value"] == 1.2e11].iloc[0]


def test_without_overrides_the_review_decides(figures):
    gdp = _gdp(na.plan_scorecard(figures, "青州"))
    assert (gdp["verdict"], gdp["outcome_value"]) == ("missed", 1.15e11)
    assert pd.isna(gdp["override"])  # no override applied


def test_a_pinned_outcome_is_the_outcome_and_says_so(figures):
    target = _gdp(na.plan_scorecard(figures, "青州"))["target_source"]
    pin = _source(figures, "1300亿元", "2026-01")
    sc = na.plan_scorecard(
        figures,
        "青州",
        overrides=_overrides(
            {
                "action": "pin_outcome",
                "target_source": target,
                "outcome_source": pin,
                "reason": "the review counts the new district",
            }
        ),
    )
    gdp = _gdp(sc)
    assert (gdp["verdict"], gdp["outcome_value"]) == ("met", 1.3e11)
    assert gdp["override"] == "pin_outcome: the review counts the new district"
    assert sc.attrs["stale_overrides"] == []


def test_a_forbidden_join_is_never_the_outcome(figures):
    target = _gdp(na.plan_scorecard(figures, "青州"))["target_source"]
    wrong = _source(figures, "1150亿元", "2026-01")
    sc = na.plan_scorecard(
        figures,
        "青州",
        overrides=_overrides(
            {
                "action": "forbid_join",
                "target_source": target,
                "outcome_source": wrong,
                "reason": "a preliminary figure",
            }
        ),
    )
    assert _gdp(sc)["verdict"] == "no_outcome"  # the district's 1300亿元 is not joined either
    assert _gdp(sc)["override"] == "forbid_join: a preliminary figure"


def test_no_target_and_an_analysts_verdict(figures, tmp_path):
    sc0 = na.plan_scorecard(figures, "青州")
    jobs = sc0[sc0["target_value"] == 200000].iloc[0]["target_source"]
    gdp = _gdp(sc0)["target_source"]
    path = tmp_path / "overrides.csv"
    _overrides(
        {"action": "no_target", "target_source": jobs, "reason": "a task of the year"},
        {
            "action": "verdict",
            "target_source": gdp,
            "verdict": "unclear",
            "reason": "the bureau revised the base",
        },
    ).to_csv(path, index=False)
    sc = na.plan_scorecard(figures, "青州", overrides=path)
    row = sc[sc["target_value"] == 200000].iloc[0]
    assert (bool(row["scored"]), row["name_problem"]) == (
        False,
        "分析师标注：不是规划目标（a task of the year）",
    )
    assert _gdp(sc)["verdict"] == "unclear"
    assert _gdp(sc)["verdict_basis"].startswith("分析师判定：the bureau revised the base")
    assert na.plans.verdict_counts(sc)["unclear"] == 1


def test_a_stale_override_is_reported_not_applied(figures):
    sc = na.plan_scorecard(
        figures,
        "青州",
        overrides=_overrides(
            {
                "action": "verdict",
                "target_source": "2021-01@1-5「9亿元」",
                "verdict": "met",
                "reason": "old",
            },
            {
                "action": "pin_outcome",
                "target_source": _gdp(na.plan_scorecard(figures, "青州"))["target_source"],
                "outcome_source": "2026-01@999-1003「1亿元」",
                "reason": "old",
            },
        ),
    )
    whys = [s["why"] for s in sc.attrs["stale_overrides"]]
    assert whys == [
        "no figure at outcome_source (the document changed?)",
        "no target of this scorecard has this target_source",
    ]
    assert _gdp(sc)["verdict"] == "missed" and pd.isna(_gdp(sc)["override"])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("guess,青州,十四五,2021-01@1-5,,,x", "line 2: unknown action 'guess'"),
        (
            "verdict,青州,十四五,here,,met,x",
            "line 2: target_source 'here' is not doc@start-end「raw」",
        ),
        ("verdict,青州,十四五,2021-01@1-5,,great,x", "line 2: verdict 'great'"),
        ("pin_outcome,青州,十四五,2021-01@1-5,,,x", "line 2: pin_outcome needs outcome_source"),
        ("no_target,青州,十四五,2021-01@1-5,,,", "line 2: give a reason"),
    ],
)
def test_a_bad_overrides_file_names_the_line(tmp_path, line, message):
    path = tmp_path / "overrides.csv"
    path.write_text(",".join(COLUMNS) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=message):
        read_overrides(path)
