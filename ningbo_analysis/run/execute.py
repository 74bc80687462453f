"""One notebook executed with papermill (:func:`execute_notebook`; NotebookError naming the
failing cell as the input notebook numbers it), and the executed notebook read back: its
title, the noise that must not reach a report (stderr, missing glyphs, bare values), and the
notebook tidied of what changes from run to run or names this machine."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.run.kernels import _kernel_manager_class, ensure_kernel
from ningbo_analysis.run.paths import repo_root, shown_path


class NotebookError(NingboAnalysisError):
    """A notebook failed to execute (the message names the notebook, region and cell)."""


#: Tags of the cells papermill inserts (parameters, error markers).
_ADDED_TAGS = {"injected-parameters", "papermill-error-cell-tag"}


def notebook_title(nb) -> str:
    """First Markdown heading of a notebook (``# 语料概览`` → ``语料概览``), or ""."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            m = re.match(r"\s*#+\s+(.+?)\s*#*\s*$", line)
            if m:
                return m.group(1)
    return ""


def _own_cells(nb) -> list:
    """The notebook's own cells, without those papermill inserted (parameters, error marks)."""
    return [c for c in nb.cells if not _ADDED_TAGS & set(c.metadata.get("tags", []))]


def _output_texts(nb) -> Iterable[tuple[int, str, str]]:
    """``(cell_number, kind, text)`` for every text output; cells numbered from 1 as in the
    input notebook, 0 for cells papermill inserted."""
    own = {id(c): i for i, c in enumerate(_own_cells(nb), 1)}
    for cell in nb.cells:
        i = own.get(id(cell), 0)
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                yield i, out.name, "".join(out.text)
            elif out.output_type == "error":
                yield i, "error", f"{out.ename}: {out.evalue}"
            else:
                for mime in ("text/plain", "text/html", "text/markdown"):
                    if mime in out.get("data", {}):
                        yield i, mime, "".join(out.data[mime])


def notebook_problems(nb) -> list[str]:
    """Noise that must not reach a report: stderr output, missing-glyph warnings, and a bare
    value a cell happened to end with (a result with only a text/plain repr, e.g.
    ``CJKFont(family=…)``; tables, Markdown and charts have a rich representation)."""
    problems = []
    for i, kind, text in _output_texts(nb):
        first = text.strip().splitlines()[0][:120] if text.strip() else ""
        if kind == "stderr":
            problems.append(f"cell {i}: stderr output: {first}")
        elif "Glyph" in text and "missing" in text:
            problems.append(f"cell {i}: missing-glyph warning: {first}")
    own = {id(c): i for i, c in enumerate(_own_cells(nb), 1)}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "execute_result" and set(out.get("data", {})) == {"text/plain"}:
                first = "".join(out.data["text/plain"]).strip().splitlines()[0][:120]
                problems.append(f"cell {own.get(id(cell), 0)}: bare value shown: {first}")
    return problems


def _failed_cell_message(executed: Path, err) -> str:
    """Where a papermill execution failed: the cell's number in the input notebook and its
    first line (papermill's own ``cell_index`` counts the cells it inserted)."""
    import nbformat

    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:
        return f"cell In [{err.exec_count}]"
    own = _own_cells(nb)
    for cell in nb.cells:
        failed = any(o.output_type == "error" for o in cell.get("outputs", []))
        if failed or (err.source and cell.source == err.source):
            if "injected-parameters" in cell.metadata.get("tags", []):
                return "the injected parameters cell"
            number = next(i for i, c in enumerate(own, 1) if c is cell)
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            return (
                f"cell {number} of {len(own)} (In [{err.exec_count}], "
                f"starting {first.strip()[:80]!r})"
            )
    return f"cell In [{err.exec_count}]"


def execute_notebook(
    notebook: Path,
    executed: Path,
    parameters: Mapping[str, Any],
    *,
    region: str = "",
    timeout: int | None = None,
    failed_copy: Path | None = None,
    km=None,
):
    """Run one notebook with papermill in this interpreter's kernel and write the executed
    notebook to ``executed``; return it (a NotebookNode). NotebookError on failure, naming the
    cell; the executed notebook with the traceback is moved to ``failed_copy`` when given.

    The kernel starts in the repository (relative parameter paths are the repository's) without
    changing this process' working folder (safe in threads); the notebook is written once, at
    the end (no partial file while it runs), and the kernel is stopped at once when done —
    unless ``km``, a kernel already started (:func:`_start_kernel`), is given: it is used and
    left running.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    executed.parent.mkdir(parents=True, exist_ok=True)
    label = f"notebook {notebook.name}" + (f" (region {region})" if region else "")
    # nbclient logs "Kernel died …" through papermill's logger; the NotebookError says it once
    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    kernel: dict[str, Any] = (
        {"km": km}  # a started kernel, left running
        if km is not None
        else {
            "resources": {"metadata": {"path": str(repo_root())}},  # the kernel's cwd
            "kernel_manager_class": _kernel_manager_class(),
            "shutdown_kernel": "immediate",
        }
    )
    try:
        return pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=dict(parameters),
            kernel_name=ensure_kernel(),
            language="python",
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            request_save_on_cell_execute=False,
            **kernel,
        )
    except PapermillExecutionError as err:
        where = _failed_cell_message(executed, err)
        kept = executed
        if failed_copy is not None and executed.is_file():
            failed_copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(executed, failed_copy)
            kept = failed_copy
        raise NotebookError(
            f"{label} failed in {where}: {err.ename}: {err.evalue}; "
            f"executed notebook with the traceback: {kept}"
        ) from None
    except Exception as err:  # dead kernel, timeout, unreadable notebook …
        raise NotebookError(f"{label} could not be executed: {type(err).__name__}: {err}") from None


def stable_cell_ids(nb) -> None:
    """Give every cell a deterministic id (``cell-1`` …) in place: papermill's injected cell and
    the markdown cells added here would otherwise get random ids (HTML differing run to run)."""
    for i, cell in enumerate(nb.cells, 1):
        cell["id"] = f"cell-{i}"


def _replace_strings(node: Any, pairs: Sequence[tuple[str, str]]) -> Any:
    """``node`` (nested dicts/lists of a notebook) with every ``old`` replaced by ``new``."""
    if isinstance(node, str):
        for old, new in pairs:
            node = node.replace(old, new)
        return node
    if isinstance(node, list):
        return [_replace_strings(v, pairs) for v in node]
    if isinstance(node, dict):
        for key in list(node):
            node[key] = _replace_strings(node[key], pairs)
    return node


def tidy_executed(executed: Path, replace: Mapping[str, str] | None = None):
    """Rewrite an executed notebook without what changes from run to run or names this machine:
    stable cell ids, no timings, papermill's paths as :func:`shown_path` shows them, and every
    ``old`` string of ``replace`` (the run's temporary folder) as its ``new`` (the final one).
    Returns the notebook as written (a NotebookNode)."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    stable_cell_ids(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).clear()
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "environment_variables"):
        pm.pop(key, None)
    if replace:
        pairs = sorted(replace.items(), key=lambda kv: -len(kv[0]))
        _replace_strings(nb, [(old, new) for old, new in pairs if old and old != new])
    for key in ("input_path", "output_path"):
        if pm.get(key):
            pm[key] = shown_path(pm[key])
    pm["parameters"] = {
        k: (shown_path(v) if k in ("seeds_dir", "output_dir") and v else v)
        for k, v in pm.get("parameters", {}).items()
    }
    nbformat.write(nb, executed)
    return nb


__all__ = [
    "NotebookError",
    "execute_notebook",
    "notebook_problems",
    "notebook_title",
    "stable_cell_ids",
    "tidy_executed",
]
