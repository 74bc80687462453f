"""The public API as another project uses it: typed (py.typed, explicit names at the top level),
``__all__`` in every public module naming what it defines, the version from the package
metadata, and the docstring examples of the public modules run (doctests)."""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.metadata
import tomllib
from pathlib import Path

import pytest

import ningbo_analysis as na

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ningbo_analysis"

#: Modules the other stages' developers own, still without ``__all__`` (figures/, plans/).
WITHOUT_ALL = {
    p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
    for folder in ("figures", "plans")
    for p in (PACKAGE / folder).glob("*.py")
    if "__all__" not in p.read_text(encoding="utf-8")
}


def _modules() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        out.append(name.removesuffix(".__init__"))
    return out


def test_py_typed_is_shipped_and_the_version_comes_from_the_metadata() -> None:
    assert (PACKAGE / "py.typed").is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["ningbo_analysis"]
    assert na.__version__ == importlib.metadata.version("ningbo-analysis")


def test_top_level_names_are_imported_for_type_checkers() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    (block,) = [
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    ]
    typed = {a.asname or a.name for n in block.body for a in n.names}
    lazy = set(na._NAMES) | set(na._MODULES)
    assert lazy <= typed
    for name in na.__all__:
        assert getattr(na, name) is not None
    assert na.to_number is importlib.import_module("ningbo_analysis.numbers.numerals").to_number
    assert issubclass(na.NotFoundError, na.NingboAnalysisError)


@pytest.mark.parametrize("name", [m for m in _modules() if m not in WITHOUT_ALL])
def test_every_public_module_has_all_naming_what_it_defines(name: str) -> None:
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert missing == []
    assert len(set(module.__all__)) == len(module.__all__)


#: Modules whose examples do not run as doctests (none).
STALE_EXAMPLES: set[str] = set()


def _doctest_modules() -> list[str]:
    found = []
    for name in _modules():
        path = ROOT / (name.replace(".", "/") + ".py")
        if not path.exists():
            path = ROOT / name.replace(".", "/") / "__init__.py"
        if ">>> " in path.read_text(encoding="utf-8") and name not in STALE_EXAMPLES:
            found.append(name)
    return found


@pytest.mark.parametrize("name", _doctest_modules())
def test_docstring_examples_run(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(module, optionflags=flags, report=True)
    out = capsys.readouterr().out
    assert result.failed == 0, out
