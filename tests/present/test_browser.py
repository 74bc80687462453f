"""The reports in a real browser (headless chromium, as `make screenshots` uses it): each page
loads, makes no network request, shows numbers in display units and never e-notation, and
document text with HTML in it shows as text. Skipped when chromium is not installed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from ningbo_analysis.run import report

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
TITLE = "清河<img src=x onerror=alert(1)>报告"

spec = importlib.util.spec_from_file_location("browser", ROOT / "scripts" / "browser.py")
browser = importlib.util.module_from_spec(spec)
spec.loader.exec_module(browser)

pytestmark = [
    pytest.mark.slow,  # a headless browser; make test runs it too
    pytest.mark.skipif(
        browser.find_chromium() is None,
        reason="chromium not installed (make setup installs it as root: apt-get install chromium)",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Reports of 01 and 02 for 宁波, and of 01 for a made-up city whose title holds HTML."""
    docs = tmp_path_factory.mktemp("docs")
    (docs / "qinghe.md").write_text(
        f"---\ntitle: {TITLE}\ndate: 2026-01-20\nregion: 清河\nkind: work_report\n---\n"
        "各位代表：\n\n一、过去五年工作回顾\n\n五年来，全市地区生产总值由3200亿元增加到4100亿元。\n",
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("reports")
    nbs = [NOTEBOOKS / "01_corpus_overview.ipynb", NOTEBOOKS / "02_figures.ipynb"]
    report.run_notebooks(nbs, ["宁波"], out, progress=None, strict=True)
    report.run_notebooks(
        nbs[:1], ["清河"], out / "made_up", extra_docs=[docs], progress=None, strict=True
    )
    return out


def test_every_page_loads_offline_without_e_notation(built):
    pages = browser.reports_in(built)
    assert len(pages) == 5  # two index pages, three reports
    for page in pages:
        dom, problems = browser.check_page(page)
        assert problems == [], (page, problems)
        assert "</table>" in dom


def test_figures_page_shows_display_units(built):
    dom, _ = browser.check_page(built / "宁波" / "02_figures.html")
    text = browser.visible_text(dom)
    # 宁波 2021 work report: 全市地区生产总值达到12408.7亿元 (2020)
    assert "12,408.7亿元" in text
    assert "1.24087e" not in dom
    # the long table is paginated by its script: 20 rows shown of all, the pager filled in
    assert re.search(r"第 1 / \d+ 页，共 \d+ 行", text)
    # summary before the first table
    assert text.index("摘要 Summary") < text.index("主要指标")
    assert "Name: count" not in text and "dtype:" not in text


def test_document_html_shows_as_text(built):
    dom, problems = browser.check_page(built / "made_up" / "清河" / "01_corpus_overview.html")
    assert problems == []
    assert "<img src=x" not in dom and '<img src="x"' not in dom
    assert "清河&lt;img src=x onerror=alert(1)&gt;报告" in dom


def test_two_runs_give_byte_identical_html(built, tmp_path):
    again = tmp_path / "again"
    report.run_notebooks(
        [NOTEBOOKS / "01_corpus_overview.ipynb"], ["宁波"], again, progress=None, strict=True
    )
    first = (built / "宁波" / "01_corpus_overview.html").read_text(encoding="utf-8")
    second = (again / "宁波" / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert first == second
    assert str(ROOT) not in first and "/tmp/" not in first


def test_screenshot_is_a_png(built, tmp_path):
    png = browser.screenshot(built / "宁波" / "01_corpus_overview.html", tmp_path / "s.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000
