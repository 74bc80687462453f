"""Report 03 end to end: ``ningbo-analysis report --docs DIR --plan 十四五`` on a made-up city's
reports (tests/data/scorecard/临川) opens with the scorecard and its verdicts (issue 10)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from ningbo_analysis.run import cli

#: Runs notebooks in Jupyter kernels (slow); `make test` runs it too.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report03")]

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "03_targets_vs_achievements.ipynb"
DOCS = ROOT / "tests" / "data" / "scorecard" / "临川"


@pytest.fixture(scope="session")  # once per worker, even between other modules' tests
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("r03")
    args = ["report", "--region", "临川", "--docs", str(DOCS), "--plan", "十四五"]
    code = cli.main([*args, "--notebooks", str(NOTEBOOK), "--out", str(out)])
    assert code == 0
    return out / "临川"


def test_first_table_is_the_scorecard_with_verdicts(report: Path) -> None:
    page = (report / "03_targets_vs_achievements_十四五.html").read_text(encoding="utf-8")
    start = page.index("<table", page.index("结论"))
    first_table = page[start : page.index("</table>", start)]
    assert "<caption>记分卡</caption>" in first_table
    assert start < page.index("上一规划期实绩与本规划目标")
    assert page.index("ningbo-verdict-chart") < start  # the verdict chart above the table
    # the summary counts, computed from the scorecard of the 2021 targets vs the 2026 review
    assert re.search(
        r"记分卡列出 <b>12</b> 项以 2025 年为期的量化目标：达成 7 项，未达成 3 项，不明确 2 项",
        page,
    )
    # GDP: 突破6000亿元 (2021) against 6350亿元 stated for 2025 (2026) → 达成, in display units
    row = re.search(r"<tr><td>地区生产总值</td>.*?</tr>", first_table, re.S).group(0)
    assert "超过6,000亿元" in row and "6,350亿元" in row and "达成" in row
    text = re.sub(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", "", page)  # charts
    assert not re.search(r"\d\.?\d*e[+-]\d", text) and str(ROOT) not in text


def test_scorecard_csv_keeps_base_units_and_sources(report: Path) -> None:
    with open(report / "scorecard_临川_十四五.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    gdp = next(r for r in rows if r["concept"] == "地区生产总值" and r["measure"] == "level")
    assert (gdp["target_value"], gdp["target_value_display"]) == ("600000000000", "6,000亿元")
    assert gdp["outcome_value"] == "635000000000" and gdp["verdict"] == "met"
    assert gdp["verdict_label"] == "达成" and gdp["theme_label"] == "经济发展"
    assert gdp["base_value"] == "450000000000" and gdp["base_restated"] == "462000000000"
    assert gdp["outcome_source"].startswith("2026-01@") and "「6350亿元」" in gdp["outcome_source"]


def test_the_analysts_overrides_beside_the_documents_are_applied_and_shown(tmp_path) -> None:
    """An ``overrides.csv`` in the --docs folder: a verdict set by the analyst, said in the row,
    and a stale override listed as not applied (its target is no longer found)."""
    import shutil

    docs = tmp_path / "临川"
    shutil.copytree(DOCS, docs)
    out = tmp_path / "out"
    args = ["report", "--region", "临川", "--docs", str(docs), "--plan", "十四五"]
    args += ["--notebooks", str(NOTEBOOK), "--out", str(out)]
    first = cli.main(args)
    assert first == 0
    with open(out / "临川" / "scorecard_临川_十四五.csv", encoding="utf-8-sig", newline="") as fh:
        gdp = next(r for r in csv.DictReader(fh) if r["concept"] == "地区生产总值")
    (docs / "overrides.csv").write_text(
        "action,region,plan,target_source,outcome_source,verdict,reason\n"
        f"verdict,临川,十四五,{gdp['target_source']},,unclear,统计公报修订了基数\n"
        "no_target,临川,十四五,2021-01@1-4「9亿元」,,,旧的覆盖\n",
        encoding="utf-8",
    )
    second = cli.main(args)  # the same run, now with the overrides beside the documents
    assert second == 0
    page = (out / "临川" / "03_targets_vs_achievements_十四五.html").read_text(encoding="utf-8")
    assert "分析师覆盖文件 <code>overrides.csv</code>：1 个目标按其调整" in page
    assert "1 条覆盖已失效，未应用" in page and "旧的覆盖" not in page.split("已失效")[0]
    assert "分析师判定：统计公报修订了基数" in page
    with open(out / "临川" / "scorecard_临川_十四五.csv", encoding="utf-8-sig", newline="") as fh:
        gdp2 = next(r for r in csv.DictReader(fh) if r["concept"] == "地区生产总值")
    assert (
        gdp2["verdict"] == "unclear" and gdp2["override"] == "verdict unclear: 统计公报修订了基数"
    )
