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
from ningbo_analysis.plans import DEFAULT_PLAN
from ningbo_analysis.resources import default_seeds_dir

#: Parameters every notebook declares in its cell tagged ``parameters`` (docs/conventions.md).
STANDARD_PARAMETERS = ("region", "seeds_dir", "output_dir")

#: Parameters of the project's notebooks besides the standard ones: the user's own documents
#: (folders or files added to the seeds) and the plan period (十四五 …); the runner passes them
#: to a notebook that declares them.
DOCUMENT_PARAMETERS = ("extra_docs", "plan")

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
    """Validated notebook parameters; displays as a small table in Jupyter/HTML reports.

    Paths are absolute; the table shows them as :func:`shown_path` does (relative to the
    repository, never this machine's absolute paths).
    """

    region: str
    seeds_dir: Path
    output_dir: Path
    extra: Mapping[str, Any] = field(default_factory=dict)
    extra_docs: tuple[Path, ...] = ()
    plan: str = DEFAULT_PLAN

    def as_dict(self) -> dict[str, Any]:
        """Parameters in display order: region, plan, seeds_dir, extra_docs, output_dir, then
        extras by name; paths as :func:`shown_path` shows them."""
        out: dict[str, Any] = {
            "region": self.region,
            "plan": self.plan,
            "seeds_dir": shown_path(self.seeds_dir),
            "extra_docs": ", ".join(shown_path(p) for p in self.extra_docs) or "(none)",
            "output_dir": shown_path(self.output_dir),
        }
        out.update({k: self.extra[k] for k in sorted(self.extra)})
        return out

    def _repr_html_(self) -> str:
        return params_table_html(self.as_dict())

    def _repr_markdown_(self) -> str:
        rows = "".join(
            f"| `{k}` | {html.escape(str(v)).replace('|', chr(92) + '|')} |\n"
            for k, v in self.as_dict().items()
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


def repo_root() -> Path:
    """The repository folder (the one holding ``ningbo_analysis/``, ``notebooks/``, ``seeds/``)."""
    return Path(__file__).resolve().parent.parent


def shown_path(path: str | os.PathLike) -> str:
    """A path as reports show it: relative to the repository when inside it (``seeds``,
    ``reports/宁波``), a relative path as given, else ``…/<name>`` — never an absolute path."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.resolve().relative_to(repo_root()).as_posix() or "."
    except ValueError:
        return f"…/{p.name}"


def portable_path(path: str | os.PathLike) -> str:
    """What the runner passes to a notebook: relative to the repository when inside it (the
    notebook resolves it there), else the absolute path."""
    p = Path(path).resolve()
    try:
        return p.relative_to(repo_root()).as_posix() or "."
    except ValueError:
        return str(p)


def _locate(path: str | os.PathLike) -> Path:
    """A relative parameter path: the repository's (``reports``, ``seeds``) when it exists
    there, else relative to the current folder (``../seeds`` typed in ``notebooks/``)."""
    p = Path(path)
    if p.is_absolute():
        return p
    in_repo = repo_root() / p
    return in_repo if in_repo.exists() or not p.exists() else p.resolve()


def _resolve_seeds_dir(seeds_dir: str | os.PathLike | None) -> Path:
    path = _locate(seeds_dir) if seeds_dir not in (None, "") else default_seeds_dir()
    if not path.exists():
        raise ParameterError(f"seeds_dir: folder {path} does not exist")
    if not path.is_dir():
        raise ParameterError(f"seeds_dir: {path} is not a folder")
    return path.resolve()


def check_extra_docs(extra_docs: Any) -> tuple[Path, ...]:
    """``extra_docs`` (a list of folders or ``.txt``/``.md`` files; one path alone is accepted)
    as absolute paths; ParameterError naming a path that does not exist or is not a document."""
    if extra_docs in (None, ""):
        return ()
    items = [extra_docs] if isinstance(extra_docs, str | os.PathLike) else extra_docs
    if not isinstance(items, list | tuple):
        raise ParameterError(
            f"extra_docs must be a list of folders or files, got {type(extra_docs).__name__}"
        )
    out = []
    for item in items:
        path = _locate(item)
        if not path.exists():
            raise ParameterError(f"extra_docs: {item} does not exist (folder or .txt/.md file)")
        if path.is_file() and path.suffix not in (".txt", ".md"):
            raise ParameterError(f"extra_docs: {item} is not a folder or a .txt/.md file")
        out.append(path.resolve())
    return tuple(out)


def check_plan(plan: Any) -> str:
    """The name of a plan of ``data/plan_periods.csv`` (十三五, 十四五 …); else ParameterError
    listing the valid ones."""
    from ningbo_analysis.plans import plan as plan_period

    try:
        return plan_period(plan).name
    except ParameterError as err:
        raise ParameterError(f"plan: {err}") from None


def available_regions(
    seeds_dir: str | os.PathLike | None = None, *extra_docs: str | os.PathLike
) -> list[str]:
    """Regions of the corpus (seeds plus ``extra_docs``), in order of first appearance."""
    from ningbo_analysis.corpus import load_corpus

    corpus = load_corpus(_resolve_seeds_dir(seeds_dir), *check_extra_docs(list(extra_docs)))
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
    """The output folder, created; a relative one is inside the repository (``reports`` →
    the repository's ``reports/``, also when a notebook runs from ``notebooks/``)."""
    given = Path(output_dir) if output_dir not in (None, "") else Path("reports")
    path = given if given.is_absolute() else repo_root() / given
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParameterError(
            f"output_dir: cannot create folder {path}: {err.strerror or err}"
        ) from None
    return path.resolve()


def check_parameters(
    region: str,
    seeds_dir: str | os.PathLike | None,
    output_dir: str | os.PathLike | None,
    extra_docs: Any = (),
    plan: Any = DEFAULT_PLAN,
    **extra: Any,
) -> Params:
    """Validate a notebook's parameters and return them as :class:`Params`.

    ``seeds_dir`` "" or None means the repository's ``seeds/``; relative paths are the
    repository's (``reports``, ``seeds``), else the current folder's; ``output_dir`` is created.
    ``extra_docs`` lists the user's own folders/files (added to the seeds; the region may be one
    of theirs); ``plan`` names a plan of ``data/plan_periods.csv``. Raises
    :class:`ParameterError` naming the parameter and the valid choices, e.g.
    ``region '杭州' is not one of the regions …; valid regions: 宁波, 余姚, 慈溪, 海曙区``.
    """
    seeds = _resolve_seeds_dir(seeds_dir)
    docs = check_extra_docs(extra_docs)
    plan_name = check_plan(plan)
    check_region(region, available_regions(seeds, *docs), seeds)
    out = _ensure_output_dir(output_dir)
    return Params(
        region=region,
        seeds_dir=seeds,
        output_dir=out,
        extra=dict(extra),
        extra_docs=docs,
        plan=plan_name,
    )


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
            cwd=str(repo_root()),  # relative parameter paths are the repository's
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


#: nbconvert's lab template without the CDN scripts (require.js, MathJax, mermaid): offline.
OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def stable_cell_ids(nb) -> None:
    """Give every cell a deterministic id (``cell-1`` …) in place: papermill's injected cell and
    the markdown cells added here would otherwise get random ids (HTML differing run to run)."""
    for i, cell in enumerate(nb.cells, 1):
        cell["id"] = f"cell-{i}"


def tidy_executed(executed: Path) -> None:
    """Rewrite an executed notebook without what changes from run to run or names this machine:
    stable cell ids, no timings, papermill's paths as :func:`shown_path` shows them."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    stable_cell_ids(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.get("papermill", {}).clear()
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "environment_variables"):
        pm.pop(key, None)
    for key in ("input_path", "output_path"):
        if pm.get(key):
            pm[key] = shown_path(pm[key])
    pm["parameters"] = {
        k: (shown_path(v) if k in ("seeds_dir", "output_dir") and v else v)
        for k, v in pm.get("parameters", {}).items()
    }
    nbformat.write(nb, executed)


def notebook_to_html(executed: Path, parameters: Mapping[str, Any], title: str = "") -> str:
    """HTML of an executed notebook with code hidden (like ``nbconvert --no-input``), without
    external scripts (no require.js/MathJax from a CDN) and with stable cell ids.

    A parameters table is inserted under the title unless an output already shows one.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    shown = any(PARAMS_CLASS in text for _, kind, text in _output_texts(nb) if kind == "text/html")
    if not shown:
        cell = nbformat.v4.new_markdown_cell(params_table_html(parameters))
        at = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
        nb.cells.insert(at, cell)
    stable_cell_ids(nb)
    quiet = logging.getLogger("ningbo_analysis.nbconvert")
    quiet.setLevel(logging.ERROR)  # e.g. "Alternative text is missing on 1 image(s)"
    exporter = HTMLExporter(
        log=quiet,
        extra_loaders=[DictLoader({"ningbo_offline.html.j2": OFFLINE_TEMPLATE})],
        template_name="lab",
        template_file="ningbo_offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title or executed.stem}}
    )
    return body


def _index_title(entries: Sequence[ReportEntry]) -> str:
    """``宁波、余姚 规划分析报告 · ningbo-analysis reports`` (the regions reported on)."""
    regions = "、".join(dict.fromkeys(e.region for e in entries))
    return f"{regions} 规划分析报告 · ningbo-analysis reports".strip()


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
        f"</style>\n</head>\n<body>\n<h1>{html.escape(_index_title(entries))}</h1>\n"
        "<table>\n<thead><tr><th>地区 Region</th><th>报告 Report</th><th>Notebook</th>"
        "<th>参数 Parameters</th><th>Status</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _notebook_arguments(
    nbs: Sequence[Path], params: Mapping[str, Any], docs: tuple[Path, ...], plan: str | None
) -> list[dict[str, Any]]:
    """Per notebook: the parameters to pass besides region/seeds_dir/output_dir, checked
    against what it declares (``extra_docs`` and ``plan`` only to notebooks declaring them,
    an error if the user gave them and a notebook cannot take them)."""
    out = []
    for nb in nbs:
        check_notebook_parameters(nb, params)
        declared = notebook_parameters(nb)
        args: dict[str, Any] = {}
        for name, value, given in (
            ("extra_docs", [portable_path(d) for d in docs], bool(docs)),
            ("plan", plan or DEFAULT_PLAN, plan is not None),
        ):
            if name in declared:
                args[name] = value
            elif given:
                raise ParameterError(
                    f"notebook {nb.name} does not declare parameter {name!r}; "
                    f"valid parameters: {', '.join(declared)}"
                )
        out.append({**args, **params})
    return out


def run_notebooks(
    notebooks: Sequence[str | os.PathLike],
    regions: Sequence[str],
    out_dir: str | os.PathLike,
    seeds_dir: str | os.PathLike | None = None,
    *,
    extra_docs: Sequence[str | os.PathLike] = (),
    plan: str | None = None,
    progress: TextIO | Literal["stderr"] | None = "stderr",
    strict: bool = False,
    timeout: int | None = None,
    **params: Any,
) -> list[ReportEntry]:
    """Execute every notebook for every region and write HTML reports plus ``index.html``.

    Everything is validated before anything runs (notebooks exist, declare the parameters
    given in ``params``, regions are in the corpus of the seeds plus ``extra_docs``, ``plan``
    is a known plan). A relative ``out_dir`` is the repository's. Each finished notebook prints
    one progress line (to ``progress``: stderr by default, None for silence). ``strict=True``
    turns report noise (stderr output, missing glyphs) into a NotebookError; otherwise it is
    printed as a warning and shown in the index.
    """
    nbs = [Path(n) for n in notebooks]
    if not nbs:
        raise ParameterError("no notebooks to run")
    regs = list(dict.fromkeys(regions))
    if not regs:
        raise ParameterError("no regions given")
    seeds = _resolve_seeds_dir(seeds_dir)
    docs = check_extra_docs(list(extra_docs))
    plan_name = check_plan(plan) if plan is not None else None
    valid = available_regions(seeds, *docs)
    for region in regs:
        check_region(region, valid, seeds)
    per_notebook = _notebook_arguments(nbs, params, docs, plan_name)
    out = _ensure_output_dir(out_dir)

    stream = sys.stderr if progress == "stderr" else progress

    def say(msg: str) -> None:
        if stream is not None:
            print(msg, file=stream, flush=True)

    entries: list[ReportEntry] = []
    total = len(regs) * len(nbs)
    for region in regs:
        region_dir = out / region_dirname(region)
        for nb, more in zip(nbs, per_notebook, strict=True):
            entry = _run_one(nb, region, seeds, region_dir, more, strict=strict, timeout=timeout)
            entries.append(entry)
            say(
                f"[{len(entries)}/{total}] {region} {nb.name}: ok ({entry.seconds:.1f} s) "
                f"→ {entry.html}"
            )
            for p in entry.problems:
                say(f"  warning: {nb.name} ({region}) {p}")
    index = write_index(entries, out)
    say(f"index: {index}")
    return entries


def _run_one(
    nb: Path,
    region: str,
    seeds: Path,
    region_dir: Path,
    more: Mapping[str, Any],
    *,
    strict: bool,
    timeout: int | None,
) -> ReportEntry:
    """Execute one notebook for one region and write its HTML report."""
    import nbformat

    parameters = {
        "region": region,
        "seeds_dir": portable_path(seeds),
        "output_dir": portable_path(region_dir),
        **more,
    }
    shown = {
        k: (
            ", ".join(shown_path(p) for p in v) or "(none)"
            if k == "extra_docs"
            else shown_path(v)
            if k in ("seeds_dir", "output_dir")
            else v
        )
        for k, v in parameters.items()
    }
    executed = region_dir / nb.name
    started = time.monotonic()
    execute_notebook(nb, executed, parameters, region=region, timeout=timeout)
    tidy_executed(executed)
    done = nbformat.read(executed, as_version=4)
    title = notebook_title(done) or nb.stem
    problems = notebook_problems(done)
    if problems and strict:
        raise NotebookError(
            f"notebook {nb.name} (region {region}) wrote noise into its report: "
            + "; ".join(problems)
        )
    page = region_dir / f"{nb.stem}.html"
    page.write_text(notebook_to_html(executed, shown, title), encoding="utf-8")
    return ReportEntry(
        region=region,
        notebook=nb,
        title=title,
        html=page,
        ipynb=executed,
        parameters=shown,
        seconds=time.monotonic() - started,
        problems=problems,
    )
