"""The package's layout rules (scripts/check_layout.py, also in make lint): layers point one way,
no import circles, modules and functions of a size a reader can hold; data file names unique."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check_layout():
    spec = importlib.util.spec_from_file_location(
        "check_layout", ROOT / "scripts" / "check_layout.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_layout"] = module
    spec.loader.exec_module(module)
    return module


def test_the_package_keeps_its_layout_rules():
    assert _check_layout().breaches() == []


def test_an_upward_import_and_a_circle_are_caught(tmp_path):
    check = _check_layout()
    pkg = tmp_path / "ningbo_analysis"
    for folder in ("figures", "present"):
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "figures" / "a.py").write_text(
        "from ningbo_analysis.present import b\nfrom . import c\n", encoding="utf-8"
    )
    (pkg / "figures" / "c.py").write_text("def f():\n    from . import a\n", encoding="utf-8")
    (pkg / "present" / "b.py").write_text("x = 1\n" * 801, encoding="utf-8")
    found = check.breaches(pkg)
    assert "ningbo_analysis.figures.a imports ningbo_analysis.present.b, a layer above it" in found
    assert "import circle: ningbo_analysis.figures.a ↔ ningbo_analysis.figures.c" in found
    assert "ningbo_analysis/present/b.py: 801 lines (at most 800)" in found


def test_data_file_names_are_unique_across_stages():
    names = Counter(p.name for p in (ROOT / "ningbo_analysis").glob("**/data/*") if p.is_file())
    assert [n for n, k in names.items() if k > 1] == []


def test_every_data_file_is_found_by_name():
    from ningbo_analysis.resources import data_path

    for path in (ROOT / "ningbo_analysis").glob("**/data/*"):
        assert data_path(path.name) == path.resolve()
