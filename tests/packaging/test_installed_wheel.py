"""The built wheel installed into a fresh virtual environment outside the repository: the
README's library example and the command line work from another folder, on the seeds shipped
inside the wheel and on a folder of the user's own reports; the core installs few packages; a
missing extra is one line naming it; a type checker sees the public API typed.

Slow (a wheel build and two installs, ~20 s): marked ``slow``, still run by ``make test``.
Offline-friendly: the installs use uv's cache (``--offline``) and fall back to the index."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
MADE_UP_CITY = ROOT / "tests" / "data" / "scorecard" / "临川"

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


def _user_cache_uv() -> Path:
    """Where scripts/setup.py bootstraps uv (the user's cache folder; read before the test
    session points ``NINGBO_ANALYSIS_CACHE`` to a temporary folder)."""
    spec = importlib.util.spec_from_file_location("ningbo_setup", ROOT / "scripts" / "setup.py")
    setup_script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup_script)
    return setup_script.UV_HOME / "bin" / "uv"


USER_CACHE_UV = _user_cache_uv()


def _uv() -> str:
    for candidate in (shutil.which("uv"), USER_CACHE_UV, ROOT / ".cache" / "uv" / "bin" / "uv"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    for candidate in Path("/work/main/.cache/uv/bin/uv"), Path.home() / ".local" / "bin" / "uv":
        if candidate.is_file():
            return str(candidate)
    pytest.skip("uv is not installed (make test installs it in ~/.cache/ningbo-analysis/uv)")


def _run(cmd: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess[str]:
    # PYTHONDONTWRITEBYTECODE dropped (a user's shell seldom sets it; CI and this machine do):
    # without it every command here compiled pandas, numpy and pyarrow from source again
    drop = ("PYTHONPATH", "NINGBO_SEEDS", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(kw.pop("env", {}))
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )


def _install(uv: str, python: Path, requirement: str, cwd: Path) -> None:
    base = [uv, "pip", "install", "-q", "--python", str(python)]
    done = _run([*base, "--offline", requirement], cwd)
    if done.returncode != 0:  # not all in uv's cache: ask the index
        done = _run([*base, requirement], cwd)
    if done.returncode != 0:
        pytest.skip(f"cannot install {requirement} (offline, no cache?): {done.stderr[-300:]}")


def readme_example() -> str:
    """The README's library example: the python block after ``<!-- library example -->``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- library example -->\s*```python\n(.*?)```", text, re.S)
    assert m, "README.md has no <!-- library example --> python block"
    return m.group(1)


@pytest.fixture(scope="session")  # once per worker, even between other modules' tests
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(python of a fresh venv with the wheel's core installed, a work folder outside the repo)."""
    uv = _uv()
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            ".cache",
            "reports",
            "build",
            "dist",
            "__pycache__",
            "*.egg-info",
            "tests",
            "notebooks",
            "benchmarks",
            ".hypothesis",
            ".pytest_cache",
            ".ruff_cache",
        ),
    )
    built = _run([uv, "build", "-q", "--wheel", "--offline", "-o", tmp / "dist", src], tmp)
    if built.returncode != 0:
        built = _run([uv, "build", "-q", "--wheel", "-o", tmp / "dist", src], tmp)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp / "dist").glob("ningbo_analysis-*.whl")
    venv = tmp / "venv"
    made = _run([uv, "venv", "-q", "--python", sys.executable, venv], tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    _install(uv, python, str(wheel), tmp)
    work = tmp / "work"
    shutil.copytree(MADE_UP_CITY, work / "my_reports", ignore=shutil.ignore_patterns("*.csv"))
    (tmp / "wheel.txt").write_text(str(wheel), encoding="utf-8")
    return python, work


def test_core_installs_few_packages_and_ships_the_seeds(installed) -> None:
    python, work = installed
    listed = _run([python, "-m", "pip", "list"], work)
    if listed.returncode != 0:  # a uv venv has no pip: count the dist-infos
        site = next((python.parent.parent / "lib").glob("python*/site-packages"))
        names = sorted(p.name for p in site.glob("*.dist-info"))
    else:
        names = listed.stdout.splitlines()[2:]
    assert len(names) <= 40, names
    code = (
        "import ningbo_analysis as na, pathlib\n"
        "c = na.load_corpus()\n"
        "print(na.__version__, len(c), ','.join(c['doc_id'][:3]))\n"
        "print(pathlib.Path(na.resources.default_seeds_dir()).relative_to("
        "pathlib.Path(na.__file__).parent).as_posix())\n"
    )
    done = _run([python, "-c", code], work)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["0.2.0 14 000-01,001-01,002-01", "seeds"]
    assert not any(n.split()[0] in ("jupyterlab", "dask", "papermill", "matplotlib") for n in names)


def test_readme_example_and_cli_work_outside_the_repository(installed) -> None:
    python, work = installed
    core, _, _plots = readme_example().partition("# pip install 'ningbo-analysis[plots]'")
    (work / "example.py").write_text(core, encoding="utf-8")
    done = _run([python, "example.py"], work)
    assert done.returncode == 0, done.stderr
    assert re.search(r"地区生产总值\s+6\.0+e\+11\s+6\.350*e\+11\s+met", done.stdout), done.stdout
    assert "Verdict rule" in done.stdout
    cli = python.parent / "ningbo-analysis"
    done = _run([cli, "figures", "--docs", "my_reports", "--out", "f.parquet"], work)
    assert done.returncode == 0, done.stderr
    table = pd.read_parquet(work / "f.parquet")
    assert set(table["region"]) == {"临川"}  # only mine: no seed figure
    assert done.stdout.strip() == f"{len(table)} figures: f.parquet"
    assert 600e9 in set(table["value"]) and 635e9 in set(table["value"])
    done = _run([cli, "corpus", "--out", "c.csv", "--no-text"], work)  # the shipped seeds
    assert (done.returncode, done.stdout.strip()) == (0, "14 articles: c.csv")
    assert sorted(p.name for p in work.iterdir()) == [
        "c.csv",
        "example.py",
        "f.parquet",
        "my_reports",
    ]  # outputs in the current folder, nothing else written


def test_a_missing_extra_is_one_line_naming_it(installed) -> None:
    python, work = installed
    done = _run([python, "-c", "import ningbo_analysis as na; na.present.plots"], work)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "ningbo_analysis.errors.MissingExtraError: charts (ningbo_analysis.present.plots) "
        "need(s) matplotlib, seaborn, which is not installed: pip install 'ningbo-analysis[plots]'"
    )
    cli = python.parent / "ningbo-analysis"
    done = _run([cli, "figures", "--docs", "my_reports", "--out", "parts"], work)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "ningbo-analysis: error: figures --out FOLDER (Dask) need(s) dask, distributed, tqdm, "
        "which is not installed: pip install 'ningbo-analysis[dask]'"
    ]
    done = _run([cli, "report", "--docs", "my_reports", "--region", "临川"], work)
    assert done.returncode == 2
    assert "pip install 'ningbo-analysis[notebooks]'" in done.stderr.strip().splitlines()[-1]


def test_a_type_checker_sees_the_public_api_typed(installed) -> None:
    python, work = installed
    pytest.importorskip("mypy")
    script = work / "user_script.py"
    script.write_text(
        "import ningbo_analysis as na\n"
        "reveal_type(na.load_corpus)\n"
        "reveal_type(na.to_number)\n"
        "corpus = na.load_corpus('my_reports/')\n",
        encoding="utf-8",
    )
    done = _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--python-executable",
            python,
            "--no-incremental",
            "--follow-imports",
            "silent",
            script.name,
        ],
        work,
    )
    out = done.stdout
    assert "import-untyped" not in out and "missing library stubs" not in out, out
    assert 'Revealed type is "def (*docs:' in out, out
    assert 'Revealed type is "def (s: str, mode: str =) -> decimal.Decimal"' in out


def test_the_plots_extra_draws_the_readme_chart(installed) -> None:
    python, work = installed
    wheel = (work.parent / "wheel.txt").read_text(encoding="utf-8")
    _install(_uv(), python, f"{wheel}[plots]", work)
    (work / "example.py").write_text(readme_example(), encoding="utf-8")
    done = _run([python, "example.py"], work, env={"MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr
    assert (work / "counts.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
