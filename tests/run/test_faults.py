"""Faults of the report runner: parameters that fight, an unwritable output folder, a failing
notebook, a run killed by SIGTERM or Ctrl-C. Each case asserts the exact message and exit status,
or that the previous outputs are byte-identical (checksums of the whole output folder)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from ningbo_analysis.run import cli, report

#: Runs notebooks in Jupyter kernels (slow); `make test` runs it too.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FAULTS = ROOT / "tests" / "fixtures" / "report_faults.ipynb"
THEMES = ROOT / "notebooks" / "04_text_themes.ipynb"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (hidden ones too), by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "ningbo_analysis.run.cli", *argv]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


# ---------------------------------------------------------------- parameters that fight


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("region=余姚", "-p region=余姚: region is set by --region, not by -p (use --region 余姚)"),
        ("region=杭州", "-p region=杭州: region is set by --region, not by -p (use --region 杭州)"),
        ("output_dir=X", "-p output_dir=X: output_dir is set by --out, not by -p (use --out X)"),
        ("seeds_dir=x", "-p seeds_dir=x: seeds_dir is set by --seeds, not by -p (use --seeds x)"),
        ("plan=十三五", "-p plan=十三五: plan is set by --plan, not by -p (use --plan 十三五)"),
        (
            "extra_docs=['a']",
            "-p extra_docs=['a']: extra_docs is set by --docs, not by -p (use --docs ['a'])",
        ),
    ],
)
def test_p_may_not_set_what_an_option_sets(tmp_path, capsys, param, message):
    out = tmp_path / "reports"
    code, stdout, err = run(
        capsys, "report", "--region", "宁波", "--out", str(out), "--notebooks", str(FAULTS),
        "-p", param,
    )  # fmt: skip
    assert (code, stdout, err) == (2, "", f"ningbo-analysis: error: {message}\n")
    assert not out.exists()  # refused before anything was created


@pytest.mark.parametrize(
    ("param", "message"),
    [
        (
            "top_n=abc",
            "parameter 'top_n' of notebook 04_text_themes.ipynb must be an int like its "
            "default 10, got 'abc'",
        ),
        (
            "top_n=2.5",
            "parameter 'top_n' of notebook 04_text_themes.ipynb must be an int like its "
            "default 10, got 2.5",
        ),
        (
            "top_n=True",
            "parameter 'top_n' of notebook 04_text_themes.ipynb must be an int like its "
            "default 10, got True",
        ),
        (
            "top_n=-5",
            "parameter 'top_n' of notebook 04_text_themes.ipynb must be ≥ 1, got -5",
        ),
        (
            "top_n=0",
            "parameter 'top_n' of notebook 04_text_themes.ipynb must be ≥ 1, got 0",
        ),
        (
            "comparison=2021",
            "parameter 'comparison' of notebook 04_text_themes.ipynb must be a string like its "
            'default "review_vs_targets", got 2021',
        ),
        (
            "comparison=everything",
            "parameter 'comparison' of notebook 04_text_themes.ipynb must be one of "
            "review_vs_targets, ningbo_vs_yuyao, 2021_vs_2023; got 'everything'",
        ),
    ],
)
def test_parameter_types_are_checked_before_any_kernel(tmp_path, capsys, param, message):
    out = tmp_path / "reports"
    code, stdout, err = run(
        capsys, "report", "--out", str(out), "--notebooks", str(THEMES), "-p", param
    )
    assert (code, stdout, err) == (2, "", f"ningbo-analysis: error: {message}\n")
    assert not out.exists()


def test_declared_types_and_choices():
    declared = report.notebook_parameters(THEMES)
    assert report.declared_type(declared["top_n"]) == "int"
    assert report.declared_type(declared["extra_docs"]) == "list"
    assert report.declared_type({"inferred_type_name": "float", "default": "1"}) == "float"
    assert report.declared_type({"inferred_type_name": "None", "default": "None"}) is None
    assert report.declared_choices(declared["comparison"]) == (
        "review_vs_targets",
        "ningbo_vs_yuyao",
        "2021_vs_2023",
    )
    assert report.declared_choices(declared["top_n"]) == ()
    assert report.declared_minimum(declared["top_n"]) == 1
    assert report.declared_minimum(declared["comparison"]) is None
    # an int is a fine float; a list is not a string
    report.check_parameter_value(THEMES, "x", 3, {"inferred_type_name": "float", "default": "1.5"})
    with pytest.raises(report.ParameterError, match="must be a string like its default"):
        report.check_parameter_value(THEMES, "x", ["a"], {"default": '"a"'})


def test_run_notebooks_refuses_extra_parameters_it_sets(tmp_path):
    with pytest.raises(report.ParameterError) as err:
        report.run_notebooks([FAULTS], ["宁波"], tmp_path, region="余姚")
    assert str(err.value) == (
        "parameter 'region' is set by run_notebooks' regions argument, not as an extra parameter"
    )
    with pytest.raises(
        report.ParameterError, match="'output_dir' is set by run_notebooks' out_dir"
    ):
        report.run_notebooks([FAULTS], ["宁波"], tmp_path, output_dir=str(tmp_path / "x"))


# ---------------------------------------------------------------- unwritable output folder


@pytest.fixture
def unwritable(tmp_path):
    """An existing output folder holding an old index that this process cannot write: mode
    0555, or (root writes anywhere) the immutable attribute (chattr +i)."""
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("old index\n", encoding="utf-8")
    if os.geteuid() != 0:
        out.chmod(0o555)
        yield out
        out.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode != 0:
        pytest.skip("running as root and chattr +i is not available: no unwritable folder")
    try:
        yield out
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)


def test_existing_unwritable_output_folder_is_one_line(unwritable, capsys):
    before = checksums(unwritable)
    code, stdout, err = run(
        capsys, "report", "--region", "宁波", "--out", str(unwritable), "--notebooks", str(FAULTS)
    )
    assert (code, stdout) == (2, "")
    assert err == (
        f"ningbo-analysis: error: output folder {unwritable} is not writable; fix its "
        "permissions or choose another with --out\n"
    )
    assert checksums(unwritable) == before


# ---------------------------------------------------------------- failing and killed runs


@pytest.fixture(scope="session")  # once per worker: the tests below run on one (xdist_group)
def good_run_once(tmp_path_factory) -> Path:
    """A reports folder holding one good run of the fault notebook for 宁波; a temporary folder
    left by a run killed outright (SIGKILL, process gone) is cleaned up by it."""
    out = tmp_path_factory.mktemp("faults") / "reports"
    out.mkdir()
    stale = out / f"{report.STAGING_PREFIX}999999999-abc" / "001" / "宁波"
    stale.mkdir(parents=True)
    (stale / "rows.csv").write_text("half a file", encoding="utf-8")
    stdout, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
        code = cli.main(
            ["report", "--region", "宁波", "--out", str(out), "--notebooks", str(FAULTS)]
        )
    assert code == 0, err.getvalue()
    assert stdout.getvalue() == f"1 reports: {out / 'index.html'}\n"
    assert (out / "宁波" / "rows.csv").read_text(encoding="utf-8") == "region,fail\n宁波,False\n"
    assert sorted(checksums(out)) == [
        "index.html",
        "index.json",
        "宁波/report_faults.html",
        "宁波/report_faults.ipynb",
        "宁波/rows.csv",
    ]
    return out


@pytest.fixture
def good_run(good_run_once, tmp_path):
    """A copy of that folder for one test (which may try to change it), and its checksums."""
    out = tmp_path / "reports"
    shutil.copytree(good_run_once, out)
    return out, checksums(out)


@pytest.mark.xdist_group("faults")
def test_failing_notebook_keeps_the_previous_outputs(good_run, capsys):
    out, before = good_run
    code, stdout, err = run(
        capsys, "report", "--region", "宁波", "--out", str(out), "--notebooks", str(FAULTS),
        "-p", "fail=True",
    )  # fmt: skip
    failed = report.failed_notebooks_dir() / "宁波" / "report_faults.ipynb"
    assert (code, stdout) == (1, "")
    assert err == (
        "ningbo-analysis: error: notebook report_faults.ipynb (region 宁波) failed in cell 4 of 4 "
        "(In [4], starting 'if fail:'): RuntimeError: deliberate failure; executed notebook with "
        f"the traceback: {failed} (its previous report kept)\n"
    )
    assert checksums(out) == before  # no partial or temporary file either
    nb = nbformat.read(failed, as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [(o.ename, o.evalue) for o in errors] == [("RuntimeError", "deliberate failure")]


def _started(out: Path, timeout: float = 60) -> list[int]:
    """Pids of the kernels that reached the notebook's wait (they wrote started.txt)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = list(out.glob(f"{report.STAGING_PREFIX}*/*/*/started.txt"))
        pids = [p.read_text(encoding="utf-8") for p in found]
        if found and all(pids):
            return [int(p) for p in pids]
        time.sleep(0.05)
    raise AssertionError("the notebook never started")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.xdist_group("faults")
@pytest.mark.parametrize(
    ("signum", "status", "name"),
    [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "SIGINT")],
)
def test_killed_run_leaves_outputs_byte_identical(good_run, signum, status, name):
    out, before = good_run
    argv = ["report", "--region", "宁波", "--out", str(out), "--notebooks", str(FAULTS)]
    proc = subprocess.Popen(
        command(*argv, "-p", "sleep=120", "-p", "fail=True"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
        # as a terminal's foreground job: SIGINT not ignored even when pytest runs in the
        # background (a non-interactive shell starts background jobs with SIGINT ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        kernels = _started(out)
        proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (proc.returncode, stdout) == (status, "")
    assert stderr == (
        f"ningbo-analysis: interrupted by {name} "
        "(outputs of this run discarded, previous outputs unchanged)\n"
    )
    assert checksums(out) == before  # the run's temporary folder is gone too
    time.sleep(0.2)
    assert [pid for pid in kernels if _alive(pid)] == []  # its kernel was stopped


def test_atomic_file_keeps_the_old_file_when_writing_fails(tmp_path):
    from ningbo_analysis.files import atomic_file

    path = tmp_path / "sub" / "index.json"
    with atomic_file(path) as fh:
        fh.write(b"old")
    assert path.read_bytes() == b"old" and path.stat().st_mode & 0o777 == 0o644
    with pytest.raises(RuntimeError), atomic_file(path) as fh:
        fh.write(b"half")
        raise RuntimeError("killed while writing")
    assert path.read_bytes() == b"old"
    assert [p.name for p in path.parent.iterdir()] == ["index.json"]  # no temporary file left
