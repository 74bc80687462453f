"""Set-up: environment.yml vs pyproject.toml, the set-up script's logic, CJK font discovery, plots."""

from __future__ import annotations

import importlib.util
import io
import re
import tomllib
import warnings
from pathlib import Path

import matplotlib
import pytest
import yaml

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import seaborn as sns
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.present import fonts, plots

ROOT = Path(__file__).resolve().parents[2]

# conda-forge names that differ from the PyPI distribution name.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}


def _load_setup_script():
    spec = importlib.util.spec_from_file_location("ningbo_setup", ROOT / "scripts" / "setup.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


setup_script = _load_setup_script()


# ---------------------------------------------------------------- dependency lists


def _norm(name: str) -> str:
    """PEP 503 normalised distribution name (``Jupyter_Lab`` → ``jupyter-lab``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(req: str) -> tuple[str, str]:
    """``"pandas >= 2.2"`` → ``("pandas", ">=2.2")``."""
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$", req)
    assert m, f"cannot parse requirement {req!r}"
    return _norm(m.group(1)), re.sub(r"\s+", "", m.group(2))


def pyproject_deps(text: str) -> dict[str, str]:
    """The core dependencies and the ``[all]`` extra (what make report/test and conda install)."""
    project = tomllib.loads(text)["project"]
    return dict(
        _split(r) for r in [*project["dependencies"], *project["optional-dependencies"]["all"]]
    )


def conda_deps(text: str) -> dict[str, str]:
    env = yaml.safe_load(text)
    assert "conda-forge" in env["channels"]
    out: dict[str, str] = {}
    for item in env["dependencies"]:
        reqs = item["pip"] if isinstance(item, dict) else [item]
        for req in reqs:
            if req.startswith("-"):  # "-e ." installs the package itself
                continue
            name, spec = _split(req)
            name = CONDA_TO_PYPI.get(name, name)
            if name not in {"python", "pip"}:
                out[name] = spec
    return out


def dependency_mismatches(pyproject_text: str, env_text: str) -> list[str]:
    """Human-readable differences between the two dependency lists (empty when in sync)."""
    py, co = pyproject_deps(pyproject_text), conda_deps(env_text)
    problems = [f"{n} only in pyproject.toml" for n in sorted(py.keys() - co.keys())]
    problems += [f"{n} only in environment.yml" for n in sorted(co.keys() - py.keys())]
    problems += [
        f"{n}: pyproject.toml says {py[n]!r}, environment.yml says {co[n]!r}"
        for n in sorted(py.keys() & co.keys())
        if py[n] != co[n]
    ]
    return problems


def test_environment_yml_matches_pyproject():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert dependency_mismatches(pyproject, env) == []
    assert {"jupyterlab", "pandas", "seaborn", "jieba", "papermill"} <= conda_deps(env).keys()


def test_all_extra_is_every_feature_extra_and_the_core_is_lean():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    union = {r for name in ("plots", "notebooks", "dask", "formats") for r in extras[name]}
    assert sorted(extras["all"]) == sorted(union)
    core = {_split(r)[0] for r in project["dependencies"]}
    assert core == {"pandas", "numpy", "pyarrow", "jieba", "pyyaml", "stopwordsiso", "rapidfuzz"}
    assert project["license"] == "MIT" and project["version"] == "0.2.0"


def test_dependency_check_detects_disagreement():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    missing = env.replace("  - seaborn>=0.13\n", "")
    assert dependency_mismatches(pyproject, missing) == ["seaborn only in pyproject.toml"]
    bumped = env.replace("pandas>=2.2", "pandas>=3")
    assert dependency_mismatches(pyproject, bumped) == [
        "pandas: pyproject.toml says '>=2.2', environment.yml says '>=3'"
    ]
    renamed = env.replace("- matplotlib>=3.8", "- matplotlib-base>=3.8").replace(
        "jupyterlab", "JupyterLab"
    )
    assert dependency_mismatches(pyproject, renamed) == []


# ---------------------------------------------------------------- set-up script, make, CI


def test_ci_run_calls_exactly_make_test():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    commands = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert commands[-1] == "make test"


def test_makefile_targets_set_up_first():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^report: setup$", text, re.M)
    assert re.search(r"^test: setup$", text, re.M)
    assert "$(BIN)/python -m pytest" in text
    assert "scripts/setup.py" in text


def test_stamp_key_follows_pyproject(tmp_path):
    a, b = tmp_path / "pyproject.toml", tmp_path / "setup.py"
    a.write_text("[project]\nname='x'\n")
    b.write_text("print(1)\n")
    k1 = setup_script.stamp_key([a, b], "3.11.7")
    assert k1 == setup_script.stamp_key([a, b], "3.11.7")
    assert k1 != setup_script.stamp_key([a, b], "3.12.0")
    a.write_text("[project]\nname='y'\n")
    assert k1 != setup_script.stamp_key([a, b], "3.11.7")


def test_is_up_to_date_needs_key_venv_and_font(tmp_path):
    py = tmp_path / "python"
    font = tmp_path / "font.ttc"
    stamp = tmp_path / "stamp"
    stamp.write_text(f"KEY\n{font}\n")
    assert not setup_script.is_up_to_date(stamp, "KEY", py)  # no venv yet
    py.write_text("")
    assert not setup_script.is_up_to_date(stamp, "KEY", py)  # font gone
    font.write_bytes(b"x")
    assert setup_script.is_up_to_date(stamp, "KEY", py)
    assert not setup_script.is_up_to_date(stamp, "OTHER", py)  # pyproject changed
    assert not setup_script.is_up_to_date(tmp_path / "missing", "KEY", py)


def test_font_install_plan():
    assert setup_script.font_install_plan(is_root=True, has_apt=True) == ["apt", "pip"]
    assert setup_script.font_install_plan(is_root=False, has_apt=True) == ["pip"]
    assert setup_script.font_install_plan(is_root=True, has_apt=False) == ["pip"]


def test_ensure_font_says_what_to_install_when_all_fail(monkeypatch, tmp_path):
    tried = []
    monkeypatch.setattr(setup_script, "find_font", lambda py: "")
    monkeypatch.setattr(setup_script, "clear_font_cache", lambda py: None)

    def failing_install(py, method):
        tried.append(method)
        raise setup_script.SetupError(f"{method} unavailable")

    monkeypatch.setattr(setup_script, "install_font", failing_install)
    monkeypatch.setattr(setup_script.os, "geteuid", lambda: 1000)  # not root
    with pytest.raises(setup_script.SetupError) as err:
        setup_script.ensure_font(tmp_path / "python")
    assert tried == ["pip"]
    assert "fonts-wqy-microhei" in str(err.value)
    assert "noto-cjk-sans-otc" in str(err.value)


def test_ensure_font_clears_cache_after_install(monkeypatch, tmp_path):
    events = []
    found = iter(["", "/fonts/wqy.ttc"])
    monkeypatch.setattr(setup_script, "find_font", lambda py: next(found))
    monkeypatch.setattr(setup_script, "install_font", lambda py, m: events.append(f"install {m}"))
    monkeypatch.setattr(setup_script, "clear_font_cache", lambda py: events.append("clear cache"))
    monkeypatch.setattr(setup_script.os, "geteuid", lambda: 0)
    monkeypatch.setattr(setup_script.shutil, "which", lambda exe: "/usr/bin/" + exe)
    assert setup_script.ensure_font(tmp_path / "python") == "/fonts/wqy.ttc"
    assert events == ["install apt", "clear cache"]


def _record_run(monkeypatch, fail_on: str = ""):
    """Replace setup.run by a recorder; a command containing ``fail_on`` fails."""
    calls = []

    def fake_run(cmd, **kw):
        cmd = [str(c) for c in cmd]
        calls.append(cmd)
        if fail_on and any(fail_on in c for c in cmd):
            raise setup_script.SetupError(f"command failed (exit 1): {' '.join(cmd)}")

    monkeypatch.setattr(setup_script, "run", fake_run)
    return calls


def test_install_package_uses_uv_when_found(monkeypatch, tmp_path):
    monkeypatch.delenv("NINGBO_INSTALLER", raising=False)
    monkeypatch.setattr(
        setup_script.shutil, "which", lambda exe: "/opt/bin/uv" if exe == "uv" else None
    )
    calls = _record_run(monkeypatch)
    py = setup_script.install_package(tmp_path / "venv")
    assert py == tmp_path / "venv" / "bin" / "python"
    assert [c[:3] for c in calls] == [
        ["/opt/bin/uv", "venv", "-q"],
        ["/opt/bin/uv", "pip", "install"],
    ]
    assert "--seed" in calls[0] and calls[1][-2:] == ["-e", ".[all,dev]"]
    assert "--offline" in calls[1]  # from uv's cache first: no request to the index
    # not every module compiled ahead (25 s of CPU): the Makefile lets Python write .pyc files
    assert "--compile-bytecode" not in calls[1]
    assert "\nunexport PYTHONDONTWRITEBYTECODE\n" in (ROOT / "Makefile").read_text("utf-8")


def test_uv_is_bootstrapped_once_per_user_in_the_one_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "c"))
    assert setup_script._user_cache() == tmp_path / "c"
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert setup_script._user_cache() == tmp_path / "x" / "ningbo-analysis"
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", "off")
    assert setup_script._user_cache() == setup_script.ROOT / ".cache"


def test_uv_asks_the_index_when_its_cache_lacks_a_package(monkeypatch, tmp_path):
    monkeypatch.delenv("NINGBO_INSTALLER", raising=False)
    monkeypatch.setattr(
        setup_script.shutil, "which", lambda exe: "/opt/bin/uv" if exe == "uv" else None
    )
    calls = _record_run(monkeypatch, fail_on="--offline")
    setup_script.install_package(tmp_path / "venv")
    assert [c[:3] for c in calls] == [
        ["/opt/bin/uv", "venv", "-q"],
        ["/opt/bin/uv", "pip", "install"],
        ["/opt/bin/uv", "pip", "install"],
    ]
    assert "--offline" in calls[1] and "--offline" not in calls[2]
    assert calls[2][-2:] == ["-e", ".[all,dev]"]


def test_uv_hard_links_from_its_cache_on_the_same_file_system(monkeypatch, tmp_path):
    assert setup_script.link_mode(tmp_path, tmp_path / "venv") == "hardlink"
    assert setup_script.link_mode(tmp_path / "missing", tmp_path / "venv") == "copy"
    monkeypatch.setattr(setup_script.Path, "stat", _stat_on_device({tmp_path / "cache": 1}))
    assert setup_script.link_mode(tmp_path / "cache", tmp_path / "venv") == "copy"
    monkeypatch.setenv("UV_LINK_MODE", "symlink")  # the user's choice is kept
    assert setup_script.uv_env("hardlink")["UV_LINK_MODE"] == "symlink"
    monkeypatch.delenv("UV_LINK_MODE")
    assert setup_script.uv_env("hardlink")["UV_LINK_MODE"] == "hardlink"
    monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "uvc"))
    assert setup_script.uv_cache_dir() == tmp_path / "uvc"


def _stat_on_device(devices):
    """A ``Path.stat`` whose ``st_dev`` is ``devices[path]`` for the paths given, 0 otherwise."""
    import types

    def fake(self, **kw):
        return types.SimpleNamespace(st_dev=devices.get(self, 0))

    return fake


def test_install_package_falls_back_to_pip_when_uv_fails(monkeypatch, tmp_path):
    monkeypatch.delenv("NINGBO_INSTALLER", raising=False)
    monkeypatch.setattr(
        setup_script.shutil, "which", lambda exe: "/opt/bin/uv" if exe == "uv" else None
    )
    calls = _record_run(monkeypatch, fail_on="/opt/bin/uv")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")  # a half-made venv without pip is removed
    monkeypatch.setattr(setup_script, "ensure_venv", lambda v: v / "bin" / "python")
    setup_script.install_package(venv)
    assert not venv.exists()
    assert calls[-1][1:4] == ["-m", "pip", "install"] and calls[-1][-2:] == ["-e", ".[all,dev]"]


def test_pip_installer_forced_by_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NINGBO_INSTALLER", "pip")
    monkeypatch.setattr(setup_script.shutil, "which", lambda exe: "/opt/bin/uv")
    assert setup_script.find_uv() == ""
    calls = _record_run(monkeypatch)
    monkeypatch.setattr(setup_script, "ensure_venv", lambda v: v / "bin" / "python")
    setup_script.install_package(tmp_path / "venv")
    assert len(calls) == 1 and calls[0][1:4] == ["-m", "pip", "install"]


# ---------------------------------------------------------------- font discovery (fake fonts)


def _square():
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((600, 700))
    pen.lineTo((600, 0))
    pen.closePath()
    return pen.glyph()


def make_font(family: str, chars: str, one_glyph: bool = False) -> TTFont:
    """A tiny TrueType font whose cmap covers ``chars`` (or maps them all to one glyph)."""
    names = [".notdef"] + (["box"] if one_glyph else [f"g{ord(c):x}" for c in chars])
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): ("box" if one_glyph else f"g{ord(c):x}") for c in chars})
    fb.setupGlyf({n: _square() for n in names})
    fb.setupHorizontalMetrics({n: (700, 100) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    return fb.font


CJK = fonts.SAMPLE_TEXT + "中文测试"


def test_find_cjk_font_in_fake_font_dir(tmp_path):
    (tmp_path / "sub").mkdir()
    make_font("Fake Latin", "abcdefg").save(tmp_path / "latin.ttf")
    make_font("Fake Boxes", CJK, one_glyph=True).save(tmp_path / "boxes.ttf")
    assert fonts.find_cjk_font([tmp_path], system=False) is None  # Latin-only, placeholder
    make_font("Fake Hei", CJK).save(tmp_path / "sub" / "hei.ttf")
    found = fonts.find_cjk_font([tmp_path], system=False)
    assert found == fonts.CJKFont("Fake Hei", tmp_path / "sub" / "hei.ttf", 0)


def test_font_scans_are_remembered_until_the_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "fonts" / "hei.ttf"
    path.parent.mkdir()
    make_font("Fake Hei", CJK).save(path)
    first = fonts.find_cjk_font([path.parent], system=False)
    assert first == fonts.CJKFont("Fake Hei", path, 0)
    assert (tmp_path / "cache" / fonts.SCAN_FILE).is_file()

    def no_scan(*_args):
        raise AssertionError("scanned again")

    monkeypatch.setattr(fonts, "_scan_file", no_scan)
    assert fonts.find_cjk_font([path.parent], system=False) == first  # another process: read
    make_font("Fake Latin", "abcdefg").save(path)  # the file replaced: scanned again
    with pytest.raises(AssertionError, match="scanned again"):
        fonts.find_cjk_font([path.parent], system=False)
    monkeypatch.undo()
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "cache"))
    assert fonts.find_cjk_font([path.parent], system=False) is None


def test_font_scans_of_another_version_of_the_package_are_not_used(tmp_path, monkeypatch):
    # the remembered scans are the results of this version's rules (_faces, _covers): another
    # version of the package (its code digest, as for the cached tables) scans again
    from ningbo_analysis import resources

    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "fonts" / "hei.ttf"
    path.parent.mkdir()
    make_font("Fake Hei", CJK).save(path)
    monkeypatch.setattr(resources, "package_digest", lambda: "older rules")
    monkeypatch.setattr(fonts, "_covers", lambda tt, text: False)  # e.g. a rule since fixed
    assert fonts.find_cjk_font([path.parent], system=False) is None
    fonts._scan_file.cache_clear()
    monkeypatch.undo()
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "cache"))
    assert fonts.find_cjk_font([path.parent], system=False) == fonts.CJKFont("Fake Hei", path, 0)


def test_preferred_family_wins_and_missing_dir_is_skipped(tmp_path):
    make_font("AAA Some Hei", CJK).save(tmp_path / "a.ttf")
    make_font("WenQuanYi Micro Hei", CJK).save(tmp_path / "z.ttf")
    found = fonts.find_cjk_font([tmp_path / "nope", tmp_path], system=False)
    assert found.family == "WenQuanYi Micro Hei"


def test_collection_picks_simplified_chinese_face(tmp_path):
    coll = TTCollection()
    coll.fonts = [make_font("Noto Sans CJK JP", CJK), make_font("Noto Sans CJK SC", CJK)]
    path = tmp_path / "NotoSansCJK-Regular.ttc"
    coll.save(str(path))
    found = fonts.find_cjk_font([tmp_path], system=False)
    assert (found.family, found.face_index) == ("Noto Sans CJK SC", 1)
    single = fonts.extract_face(found, tmp_path / "out")
    assert single.name == "NotoSansCJK-Regular-1.otf"
    assert TTFont(str(single))["name"].getDebugName(1) == "Noto Sans CJK SC"


def test_font_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NINGBO_FONT_DIR", str(tmp_path))
    assert fonts.default_search_dirs()[0] == tmp_path


def test_fonts_module_main_reports_missing_font(monkeypatch, capsys):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    assert fonts.main([]) == 1
    assert (
        "apt-get install -y --no-install-recommends fonts-wqy-microhei" in capsys.readouterr().err
    )


# ---------------------------------------------------------------- plots with the real font


def test_machine_has_a_cjk_font():
    font = fonts.find_cjk_font()
    assert font is not None, fonts.INSTALL_HINT
    assert font.path.exists()


def test_chinese_labels_render_without_missing_glyphs():
    font = plots.setup_plotting()
    sns.set_theme()  # resets the font family ...
    assert plots.setup_plotting() == font  # ... and set-up again restores it (idempotent)
    name = matplotlib.rcParams["font.sans-serif"][0]
    assert matplotlib.rcParams["font.sans-serif"].count(name) == 1
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    fig, ax = plt.subplots()
    try:
        ax.bar(["宁波", "余姚"], [1.24087, -0.5])
        ax.set_title("地区生产总值（万亿元）")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(io.BytesIO(), format="png")
    finally:
        plt.close(fig)
    glyph = [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert glyph == []
    from matplotlib import font_manager

    used = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert Path(used).resolve() == font.path.resolve()


def test_setup_plotting_without_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(plots, "_FONT", None)
    monkeypatch.setattr(plots, "_FONT_NAME", None)
    monkeypatch.setattr(plots, "find_cjk_font", lambda: None)
    with pytest.raises(fonts.MissingFontError, match="fonts-wqy-microhei") as err:
        plots.setup_plotting()
    assert isinstance(err.value, NingboAnalysisError)
    with pytest.warns(UserWarning, match="noto-cjk-sans-otc"):
        assert plots.setup_plotting(require_font=False) is None


def test_save_figure(tmp_path):
    fig, ax = plt.subplots()
    try:
        ax.plot([2015, 2020, 2025], [71.1, 75, 80])
        paths = plots.save_figure(fig, tmp_path / "figs", "城镇化率", formats=("png", "svg"))
        with pytest.raises(ParameterError, match="plain file name"):
            plots.save_figure(fig, tmp_path, "../escape")
    finally:
        plt.close(fig)
    assert [p.name for p in paths] == ["城镇化率.png", "城镇化率.svg"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
