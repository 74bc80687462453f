"""Notebook parameters and the HTML report runner (papermill → nbconvert, code hidden).

In a notebook (second cell)::

    params = na.report.check_parameters(region, seeds_dir, output_dir)
    params   # shows a small parameters table in the HTML report

From Python or the ``ningbo-analysis report`` command::

    run_notebooks(["notebooks/01_corpus_overview.ipynb"], ["宁波", "余姚"], "reports")

writes ``reports/<region>/<notebook>.ipynb`` (executed) and ``.html`` (code hidden), and
``reports/index.html`` linking every report.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO
from urllib.parse import quote

from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.resources import default_seeds_dir

#: Parameters every notebook declares in its cell tagged ``parameters`` (docs/conventions.md).
STANDARD_PARAMETERS = ("region", "seeds_dir", "output_dir")

#: Tags of the cells papermill inserts (parameters, error markers).
_ADDED_TAGS = {"injected-parameters", "papermill-error-cell-tag"}

#: CSS class of the parameters table; the runner adds a table only if the notebook shows none.
PARAMS_CLASS = "ningbo-params"

#: Environment of the notebook kernel: no library deprecation chatter, no debugger warning.
KERNEL_ENV = {
    "PYTHONWARNINGS": "ignore::DeprecationWarning,ignore::PendingDeprecationWarning",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


class NotebookError(NingboAnalysisError):
    """A notebook failed to execute (the message names the notebook, region and cell)."""


# ---------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Params:
    """Validated notebook parameters; displays as a small table in Jupyter/HTML reports."""

    region: str
    seeds_dir: Path
    output_dir: Path
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Parameters in display order: region, seeds_dir, output_dir, then extras by name."""
        out: dict[str, Any] = {
            "region": self.region,
            "seeds_dir": str(self.seeds_dir),
            "output_dir": str(self.output_dir),
        }
        out.update({k: self.extra[k] for k in sorted(self.extra)})
        return out

    def _repr_html_(self) -> str:
        return params_table_html(self.as_dict())

    def _repr_markdown_(self) -> str:
        rows = "".join(
            f"| `{k}` | {str(v).replace('|', chr(92) + '|')} |\n" for k, v in self.as_dict().items()
        )
        return "**参数 Parameters**\n\n| parameter | value |\n|---|---|\n" + rows


def params_table_html(params: Mapping[str, Any]) -> str:
    """A small HTML table of parameters (class ``ningbo-params``), values escaped."""
    rows = "".join(
        f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
        for k, v in params.items()
    )
    return (
        f'<table class="{PARAMS_CLASS}"><caption>参数 Parameters</caption>'
        f"<tbody>{rows}</tbody></table>"
    )


def _resolve_seeds_dir(seeds_dir: str | os.PathLike | None) -> Path:
    path = Path(seeds_dir) if seeds_dir not in (None, "") else default_seeds_dir()
    if not path.exists():
        raise ParameterError(f"seeds_dir: folder {path} does not exist")
    if not path.is_dir():
        raise ParameterError(f"seeds_dir: {path} is not a folder")
    return path.resolve()


def available_regions(seeds_dir: str | os.PathLike | None = None) -> list[str]:
    """Regions of the corpus in ``seeds_dir``, in order of first appearance (宁波, 余姚, …)."""
    from ningbo_analysis.corpus import load_corpus

    corpus = load_corpus(_resolve_seeds_dir(seeds_dir))
    return [str(r) for r in dict.fromkeys(corpus["region"].tolist()) if str(r)]


def check_region(region: str, regions: Sequence[str], seeds_dir: Path | None = None) -> str:
    """Return ``region`` if it is one of ``regions``; else a ParameterError listing them."""
    if not isinstance(region, str) or not region.strip():
        raise ParameterError(
            f"region must be a non-empty region name; valid regions: {_list(regions)}"
        )
    if region not in regions:
        where = f" of the corpus in {seeds_dir}" if seeds_dir else ""
        raise ParameterError(
            f"region {region!r} is not one of the regions{where}; valid regions: {_list(regions)}"
        )
    return region


def _list(items: Iterable[str]) -> str:
    return ", ".join(items) or "(none)"


def _ensure_output_dir(output_dir: str | os.PathLike | None) -> Path:
    path = Path(output_dir) if output_dir not in (None, "") else Path("reports")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParameterError(
            f"output_dir: cannot create folder {path}: {err.strerror or err}"
        ) from None
    return path


def check_parameters(
    region: str,
    seeds_dir: str | os.PathLike | None,
    output_dir: str | os.PathLike | None,
    **extra: Any,
) -> Params:
    """Validate a notebook's parameters and return them as :class:`Params`.

    ``seeds_dir`` "" or None means the repository's ``seeds/``; ``output_dir`` is created.
    Raises :class:`ParameterError` naming the parameter and the valid choices, e.g.
    ``region '杭州' is not one of the regions …; valid regions: 宁波, 余姚, 慈溪, 海曙区``.
    """
    seeds = _resolve_seeds_dir(seeds_dir)
    check_region(region, available_regions(seeds), seeds)
    out = _ensure_output_dir(output_dir)
    return Params(region=region, seeds_dir=seeds, output_dir=out, extra=dict(extra))


# ---------------------------------------------------------------- kernel


def ensure_kernel() -> str:
    """Install (if needed) a kernelspec for the current interpreter and return its name.

    The spec lives in ``<sys.prefix>/share/jupyter/kernels`` (or the user's Jupyter data
    folder when that is read-only), runs ``sys.executable`` and sets :data:`KERNEL_ENV`.
    """
    digest = hashlib.sha256(sys.prefix.encode()).hexdigest()[:8]
    name = f"ningbo-analysis-{digest}"
    spec = {
        "argv": [
            sys.executable,
            "-Xfrozen_modules=off",
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
        ],
        "display_name": f"Python {sys.version_info.major}.{sys.version_info.minor} (ningbo-analysis)",
        "language": "python",
        "env": KERNEL_ENV,
        "metadata": {"debugger": False},
    }
    text = json.dumps(spec, indent=1, ensure_ascii=False) + "\n"
    from jupyter_core.paths import jupyter_data_dir

    errors = []
    for base in (Path(sys.prefix) / "share" / "jupyter", Path(jupyter_data_dir())):
        path = base / "kernels" / name / "kernel.json"
        try:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"kernel.json.{os.getpid()}.tmp")
                tmp.write_text(text, encoding="utf-8")
                tmp.replace(path)  # atomic: parallel runs never read half a file
            return name
        except OSError as err:
            errors.append(f"{path}: {err.strerror or err}")
    raise NingboAnalysisError("cannot install the Jupyter kernelspec: " + "; ".join(errors))


# ---------------------------------------------------------------- notebooks


@dataclass
class ReportEntry:
    """One executed notebook for one region."""

    region: str
    notebook: Path
    title: str
    html: Path
    ipynb: Path
    parameters: dict[str, Any]
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def region_dirname(region: str) -> str:
    """A safe folder name for a region: the name itself (UTF-8), path characters replaced.

    >>> region_dirname("宁波")
    '宁波'
    >>> region_dirname("../x/y")
    '_x_y'
    """
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", region).strip().lstrip(".")
    name = re.sub(r"_+", "_", name)
    return name or "region"


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """Parameters declared by the notebook's ``parameters`` cell (papermill.inspect_notebook)."""
    import papermill as pm

    if not notebook.is_file():
        raise ParameterError(f"notebook {notebook} does not exist")
    if notebook.suffix != ".ipynb":
        raise ParameterError(f"notebook {notebook} is not a .ipynb file")
    # papermill logs "Unable to parse line …"; the error below explains it instead.
    logging.getLogger("papermill").setLevel(logging.ERROR)
    try:
        try:
            declared = pm.inspect_notebook(str(notebook))
        except ValueError as err:
            if "kernel name" not in str(err):
                raise
            declared = _inspect_without_kernelspec(notebook)
    except Exception as err:  # unreadable JSON, bad nbformat …
        raise ParameterError(f"notebook {notebook} cannot be read: {err}") from None
    if not declared:
        raise ParameterError(f"notebook {notebook.name} has no code cell tagged 'parameters'")
    return declared


def _inspect_without_kernelspec(notebook: Path) -> dict[str, Any]:
    """inspect_notebook for a notebook saved without kernel metadata (we run it in Python)."""
    import tempfile

    import nbformat
    import papermill as pm

    nb = nbformat.read(notebook, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python"}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / notebook.name
        nbformat.write(nb, copy)
        return pm.inspect_notebook(str(copy))


def _assigned_names(notebook: Path) -> set[str]:
    """Names assigned at the start of a line in the notebook's ``parameters`` cell."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    names: set[str] = set()
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            names |= set(re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]+)?=", cell.source, re.M))
    return names


def check_notebook_parameters(notebook: Path, given: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``given`` against the parameters the notebook declares; return ``given`` as a dict.

    Unknown parameter → ParameterError naming it and the valid ones; a notebook missing one
    of :data:`STANDARD_PARAMETERS` is an error too.
    """
    declared = notebook_parameters(notebook)
    missing = [p for p in STANDARD_PARAMETERS if p not in declared]
    if missing:
        hint = ""
        unparsed = _assigned_names(notebook) & set(missing)
        if unparsed:
            hint = (
                f"; papermill could not parse the line assigning {', '.join(sorted(unparsed))}"
                " (a quote character such as ' in its comment breaks papermill's parser)"
            )
        raise ParameterError(
            f"notebook {notebook.name} does not declare parameter(s) {', '.join(missing)} "
            f"in its 'parameters' cell (every notebook needs {', '.join(STANDARD_PARAMETERS)})"
            + hint
        )
    for key in given:
        if key not in declared:
            raise ParameterError(
                f"unknown parameter {key!r} for notebook {notebook.name}; "
                f"valid parameters: {', '.join(declared)}"
            )
    return dict(given)


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
    """Noise that must not reach a report: stderr output and missing-glyph warnings."""
    problems = []
    for i, kind, text in _output_texts(nb):
        first = text.strip().splitlines()[0][:120] if text.strip() else ""
        if kind == "stderr":
            problems.append(f"cell {i}: stderr output: {first}")
        elif "Glyph" in text and "missing" in text:
            problems.append(f"cell {i}: missing-glyph warning: {first}")
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
) -> None:
    """Run one notebook with papermill in this interpreter's kernel; NotebookError on failure."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    executed.parent.mkdir(parents=True, exist_ok=True)
    label = f"notebook {notebook.name}" + (f" (region {region})" if region else "")
    try:
        pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=dict(parameters),
            kernel_name=ensure_kernel(),
            language="python",
            cwd=str(notebook.resolve().parent),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
        )
    except PapermillExecutionError as err:
        where = _failed_cell_message(executed, err)
        raise NotebookError(
            f"{label} failed in {where}: {err.ename}: {err.evalue}; "
            f"executed notebook with the traceback: {executed}"
        ) from None
    except Exception as err:  # dead kernel, timeout, unreadable notebook …
        raise NotebookError(f"{label} could not be executed: {type(err).__name__}: {err}") from None


def notebook_to_html(executed: Path, parameters: Mapping[str, Any], title: str = "") -> str:
    """HTML of an executed notebook with code hidden (like ``nbconvert --no-input``).

    A parameters table is inserted under the title unless an output already shows one.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    shown = any(PARAMS_CLASS in text for _, kind, text in _output_texts(nb) if kind == "text/html")
    if not shown:
        cell = nbformat.v4.new_markdown_cell(params_table_html(parameters))
        cell["id"] = "ningbo-parameters"
        at = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
        nb.cells.insert(at, cell)
    quiet = logging.getLogger("ningbo_analysis.nbconvert")
    quiet.setLevel(logging.ERROR)  # e.g. "Alternative text is missing on 1 image(s)"
    exporter = HTMLExporter(
        log=quiet,
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title or executed.stem}}
    )
    return body


def write_index(entries: Sequence[ReportEntry], out_dir: Path) -> Path:
    """Write ``out_dir/index.html``: one row per region × notebook with link and parameters."""
    rows = []
    for e in entries:
        href = quote(e.html.relative_to(out_dir).as_posix())
        params = "<br>".join(
            f"{html.escape(str(k))} = {html.escape(str(v))}" for k, v in e.parameters.items()
        )
        status = "ok" if not e.problems else "⚠ " + html.escape("; ".join(e.problems))
        rows.append(
            f"<tr><td>{html.escape(e.region)}</td>"
            f'<td><a href="{href}">{html.escape(e.title)}</a></td>'
            f"<td>{html.escape(e.notebook.name)}</td><td>{params}</td><td>{status}</td></tr>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<title>ningbo-analysis reports</title>\n<style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
        "</style>\n</head>\n<body>\n<h1>宁波规划分析报告 · ningbo-analysis reports</h1>\n"
        "<table>\n<thead><tr><th>地区 Region</th><th>报告 Report</th><th>Notebook</th>"
        "<th>参数 Parameters</th><th>Status</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def run_notebooks(
    notebooks: Sequence[str | os.PathLike],
    regions: Sequence[str],
    out_dir: str | os.PathLike,
    seeds_dir: str | os.PathLike | None = None,
    *,
    progress: TextIO | Literal["stderr"] | None = "stderr",
    strict: bool = False,
    timeout: int | None = None,
    **params: Any,
) -> list[ReportEntry]:
    """Execute every notebook for every region and write HTML reports plus ``index.html``.

    Everything is validated before anything runs (notebooks exist, declare the parameters
    given in ``params``, regions are in the corpus). Each finished notebook prints one
    progress line (to ``progress``: stderr by default, None for silence). ``strict=True`` turns report noise (stderr output, missing glyphs) into
    a NotebookError; otherwise it is printed as a warning and shown in the index.
    """
    nbs = [Path(n) for n in notebooks]
    if not nbs:
        raise ParameterError("no notebooks to run")
    regs = list(dict.fromkeys(regions))
    if not regs:
        raise ParameterError("no regions given")
    seeds = _resolve_seeds_dir(seeds_dir)
    valid = available_regions(seeds)
    for region in regs:
        check_region(region, valid, seeds)
    for nb in nbs:
        check_notebook_parameters(nb, params)
    out = _ensure_output_dir(out_dir).resolve()

    stream = sys.stderr if progress == "stderr" else progress

    def say(msg: str) -> None:
        if stream is not None:
            print(msg, file=stream, flush=True)

    entries: list[ReportEntry] = []
    total = len(regs) * len(nbs)
    for region in regs:
        region_dir = out / region_dirname(region)
        for nb in nbs:
            n = len(entries) + 1
            parameters = {
                "region": region,
                "seeds_dir": str(seeds),
                "output_dir": str(region_dir),
                **params,
            }
            executed = region_dir / nb.name
            started = time.monotonic()
            execute_notebook(nb, executed, parameters, region=region, timeout=timeout)
            import nbformat

            done = nbformat.read(executed, as_version=4)
            title = notebook_title(done) or nb.stem
            problems = notebook_problems(done)
            if problems and strict:
                raise NotebookError(
                    f"notebook {nb.name} (region {region}) wrote noise into its report: "
                    + "; ".join(problems)
                )
            page = region_dir / f"{nb.stem}.html"
            page.write_text(notebook_to_html(executed, parameters, title), encoding="utf-8")
            entry = ReportEntry(
                region=region,
                notebook=nb,
                title=title,
                html=page,
                ipynb=executed,
                parameters=parameters,
                seconds=time.monotonic() - started,
                problems=problems,
            )
            entries.append(entry)
            say(f"[{n}/{total}] {region} {nb.name}: ok ({entry.seconds:.1f} s) → {page}")
            for p in problems:
                say(f"  warning: {nb.name} ({region}) {p}")
    index = write_index(entries, out)
    say(f"index: {index}")
    return entries
