"""Documentation: the README is short and for users (history in CHANGELOG.md), the LICENSE is
MIT, and ``make docs`` builds the site — tutorial, user guide, API reference — offline."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_readme_is_short_and_for_users() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    assert not re.search(r"\b(session|issue \d+)\b", readme, re.I)  # history: CHANGELOG.md
    for link in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (ROOT / link).exists(), link
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 0.2.0" in changelog and "fourth session" in changelog.lower()


def test_license_is_mit() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


@pytest.mark.slow
def test_make_docs_builds_the_site_offline(tmp_path: Path) -> None:
    pytest.importorskip("mkdocstrings")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists():
        mkdocs = Path(shutil.which("mkdocs") or "mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONPATH": str(ROOT),
            "https_proxy": "http://127.0.0.1:9",
            "http_proxy": "http://127.0.0.1:9",
        },
    )
    assert done.returncode == 0, done.stderr[-2000:]
    site = tmp_path / "site"
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "load_corpus" in api and "plan_scorecard" in api and "to_number" in api
    tutorial = (site / "tutorial" / "index.html").read_text(encoding="utf-8")
    assert "your own city" in tutorial and "seeds=True" in tutorial
    pages = list(site.rglob("*.html"))
    assert not any("fonts.googleapis.com" in p.read_text(encoding="utf-8") for p in pages)
