"""Runs interrupted, killed or given odd options (issue 24): a commit is whole, a corrupt index is
rebuilt from disk, --timeout ≤ 0 refused, --workers capped with a warning."""

from __future__ import annotations

import importlib.util
import json
import random
import signal
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from ningbo_analysis.run.cli import main
from ningbo_analysis.run.index import ReportEntry, read_index, write_index

ROOT = Path(__file__).resolve().parents[2]


def _trials_module():
    spec = importlib.util.spec_from_file_location(
        "commit_trials", ROOT / "benchmarks/commit_trials.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_signals_across_a_commit_leave_old_or_new_reports_whole() -> None:
    """A few trials of benchmarks/commit_trials.py (100 there): SIGINT, SIGTERM and SIGKILL at
    random moments of a commit leave every region folder old or new, never mixed, and the
    interrupted run says which."""
    trials = _trials_module()
    args = SimpleNamespace(regions=2, notebooks=2, files=10)
    window = trials.commit_seconds(args)
    rng = random.Random(24)
    for sig in [signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * 3:
        verdict, what = trials.trial(rng, sig, args, window)
        assert verdict == "ok", what


def _reports(out: Path) -> list[ReportEntry]:
    entries = []
    for region in ("临川", "青川"):
        for nb, plan in (("01_overview", ""), ("03_targets", "十四五")):
            stem = f"{nb}_{plan}" if plan else nb
            (out / region).mkdir(parents=True, exist_ok=True)
            (out / region / f"{stem}.html").write_text(
                f"<html><head><title>{region}{nb}</title></head></html>", encoding="utf-8"
            )
            notebook = {"cells": [{"cell_type": "code", "source": [f'region = "{region}"\n']}]}
            (out / region / f"{stem}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
            entries.append(
                ReportEntry(region, Path(f"{nb}.ipynb"), f"{region}{nb}",
                            out / region / f"{stem}.html", out / region / f"{stem}.ipynb", {},
                            plan=plan)
            )  # fmt: skip
    return entries


def test_a_corrupt_index_is_rebuilt_from_the_report_folders(tmp_path) -> None:
    write_index(_reports(tmp_path), tmp_path)
    good = [(e.region, e.notebook.name, e.plan, e.title) for e in read_index(tmp_path)]
    assert len(good) == 4
    (tmp_path / "index.json").write_text('[{"region": "临川", "note', encoding="utf-8")
    said: list[str] = []
    rebuilt = read_index(tmp_path, said.append)
    assert sorted((e.region, e.notebook.name, e.plan, e.title) for e in rebuilt) == sorted(good)
    assert (tmp_path / "index.json.corrupt").read_text(encoding="utf-8").startswith('[{"reg')
    assert said == [
        f"warning: {tmp_path / 'index.json'} was corrupt (kept as index.json.corrupt); the "
        f"index is rebuilt from the 4 reports found in {tmp_path}"
    ]


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_timeout_of_zero_or_less_is_refused(value: str, capsys) -> None:
    assert main(["report", "--timeout", value, "--out", "x"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "ningbo-analysis: error: --timeout must be a number of seconds > 0 (leave it out for no "
        f"limit), got {value}\n"
    )


def test_run_notebooks_refuses_a_timeout_of_zero() -> None:
    from ningbo_analysis.errors import ParameterError
    from ningbo_analysis.run.report import run_notebooks

    with pytest.raises(ParameterError, match=r"^timeout must be a number of seconds > 0"):
        run_notebooks([ROOT / "notebooks/01_corpus_overview.ipynb"], ["宁波"], "x", timeout=0)


def test_too_many_workers_are_capped_with_a_warning(monkeypatch, capsys) -> None:
    from ningbo_analysis.run import cli

    monkeypatch.setattr(cli.os, "cpu_count", lambda: 2)
    args = SimpleNamespace(workers=64)
    cli._cap_workers(args)
    assert args.workers == 2
    assert capsys.readouterr().err == (
        "ningbo-analysis: warning: --workers 64 is more than this machine's 2 cores; using 2\n"
    )


def test_a_symlink_loop_on_the_command_line_is_one_line(tmp_path, capsys) -> None:
    import os

    os.symlink("b.md", tmp_path / "a.md")
    os.symlink("a.md", tmp_path / "b.md")
    status = main(["figures", "--docs", str(tmp_path / "a.md"), "--out", str(tmp_path / "f.csv")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "a loop of symbolic links" in err, err


def test_an_early_ctrl_c_is_one_line(tmp_path) -> None:
    """SIGINT while the command loads its modules: one line, status 130 (it was a traceback)."""
    import os
    import subprocess
    import time

    script = Path(sys.executable).with_name("ningbo-analysis")
    if not script.exists():
        pytest.skip("the ningbo-analysis command is not installed beside this Python")
    # made-up reports enough for a run of a second or two, the cache off: under a loaded
    # machine the signal may come later than 0.25 s, and the run must not be over by then
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(20):
        body = "\n".join(
            f"{2000 + j % 20}年，全市地区生产总值达到{100 + j}亿元，增长{j % 9 + 1}.5%。"
            for j in range(300)
        )
        (docs / f"r{i:02d}.md").write_text(
            f"---\ntitle: 青川市政府工作报告{i}\nregion: 青川\ndate: {2010 + i}-02-01\n---\n"
            f"一、工作回顾\n{body}\n",
            encoding="utf-8",
        )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NINGBO_ANALYSIS_CACHE": "off"}
    out = str(tmp_path / "x.csv")
    child = subprocess.Popen([str(script), "figures", "--docs", str(docs), "--out", out],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             # as a terminal's foreground job: SIGINT not ignored even when
                             # pytest runs in the background (a shell without job control
                             # starts background jobs with SIGINT ignored, and the command
                             # then ran to the end: status 0, its CSV written)
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    time.sleep(0.25)
    if _ignores_sigint(child.pid):
        child.kill()
        child.communicate()
        pytest.skip("the child was started with SIGINT ignored or blocked (the test's harness)")
    child.send_signal(signal.SIGINT)
    stdout, err = child.communicate(timeout=60)
    assert child.returncode == 130, (child.returncode, stdout, err)
    assert err.count("\n") == 1 and err.startswith("ningbo-analysis: interrupted by SIGINT"), err


def _ignores_sigint(pid: int) -> bool:
    """Whether process ``pid`` ignores or blocks SIGINT (its /proc status; False elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    bit = 1 << (signal.SIGINT - 1)
    masks = {
        k: int(v, 16)
        for k, v in (
            line.split(":\t")
            for line in status.splitlines()
            if line.startswith(("SigIgn:", "SigBlk:"))
        )
    }
    return any(m & bit for m in masks.values())
