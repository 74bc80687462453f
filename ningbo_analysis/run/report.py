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

import contextlib
import functools
import hashlib
import html
import json
import logging
import math
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO
from urllib.parse import quote

from ningbo_analysis.corpus.periods import DEFAULT_PLAN
from ningbo_analysis.errors import NingboAnalysisError, ParameterError
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
    return Path(__file__).resolve().parents[2]


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
    from ningbo_analysis.corpus.periods import plan as plan_period

    try:
        return plan_period(plan).name
    except ParameterError as err:
        raise ParameterError(f"plan: {err}") from None


def available_regions(
    seeds_dir: str | os.PathLike | None = None, *extra_docs: str | os.PathLike
) -> list[str]:
    """Regions of the corpus (seeds plus ``extra_docs``), in order of first appearance."""
    from ningbo_analysis.corpus.load import load_corpus

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
                write_atomic(path, text)  # parallel runs never read half a file
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
    #: files the run wrote, relative to the output folder (``宁波/scorecard_宁波_十四五.csv``):
    #: the next run of the same notebook and region removes those it does not write again
    outputs: list[str] = field(default_factory=list)


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


#: Inspected ``parameters`` cells: (path, mtime, size) → declared parameters.
_DECLARED: dict[tuple[str, int, int], dict[str, Any]] = {}


def _quiet_imports() -> None:
    """Skip jsonschema's IRI format checker (``rfc3987_syntax`` builds a grammar for ~1 s at
    import; nbformat never validates IRIs): the command answers in a fraction of a second.
    Only when nothing imported it yet; the command line calls it before importing
    papermill/nbformat (a library call leaves the process' imports alone)."""
    if "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """Parameters declared by the notebook's ``parameters`` cell (papermill.inspect_notebook):
    name → ``{"name", "inferred_type_name", "default", "help"}``; inspected once per file."""
    notebook = Path(notebook)
    if not notebook.is_file():
        raise ParameterError(f"notebook {notebook} does not exist")
    if notebook.suffix != ".ipynb":
        raise ParameterError(f"notebook {notebook} is not a .ipynb file")
    stat = notebook.stat()
    key = (str(notebook.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _DECLARED:
        _DECLARED[key] = _inspect(notebook)
    return dict(_DECLARED[key])


def _inspect(notebook: Path) -> dict[str, Any]:
    import papermill as pm

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


#: Python types a parameter may be declared with (annotation or default's type).
_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,),
    "float": (float, int),
    "str": (str,),
    "bool": (bool,),
    "list": (list, tuple),
    "tuple": (list, tuple),
    "dict": (dict,),
}
_ARTICLE = {"int": "an int", "float": "a number", "str": "a string", "bool": "True or False"}
#: A help comment listing the values a parameter takes: ``"a" | "b" | "c"``.
_CHOICES = re.compile(r"""^\s*(["'][^"']*["'])(\s*\|\s*["'][^"']*["'])+\s*$""")


def declared_type(spec: Mapping[str, Any]) -> str | None:
    """The type name a notebook parameter takes (``int``, ``str``, ``list`` …): its annotation
    (``top_n: int = 10``), else the type of its literal default; None when neither says."""
    import ast

    name = str(spec.get("inferred_type_name") or "None")
    base = re.split(r"[\[| ]", name.strip(), maxsplit=1)[0].lower()
    if base in _TYPES:
        return base
    try:
        default = ast.literal_eval(str(spec.get("default", "")))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    found = type(default).__name__
    return found if found in _TYPES else None


def declared_choices(spec: Mapping[str, Any]) -> tuple[str, ...]:
    """The values a parameter takes when its help comment lists them (``"a" | "b"``), else ()."""
    help_text = str(spec.get("help") or "")
    if not _CHOICES.match(help_text):
        return ()
    return tuple(m[1:-1] for m in re.findall(r"""["'][^"']*["']""", help_text))


def declared_minimum(spec: Mapping[str, Any]) -> float | None:
    """The least value a number parameter takes when its help comment says so (``(≥ 1)`` or
    ``(>= 1)``), else None."""
    found = re.search(r"(?:≥|>=)\s*(-?\d+(?:\.\d+)?)", str(spec.get("help") or ""))
    return float(found.group(1)) if found else None


def check_parameter_value(notebook: Path, name: str, value: Any, spec: Mapping[str, Any]) -> None:
    """ParameterError unless ``value`` has the type the notebook declares for ``name`` (and is
    one of the values its help comment lists, if it lists them, and not below the least value
    it states)."""
    kind = declared_type(spec)
    if kind is not None:
        ok = isinstance(value, _TYPES[kind]) and not (kind != "bool" and isinstance(value, bool))
        if not ok:
            what = _ARTICLE.get(kind, f"a {kind}")
            raise ParameterError(
                f"parameter {name!r} of notebook {Path(notebook).name} must be {what} like its "
                f"default {spec.get('default')}, got {value!r}"
            )
    least = declared_minimum(spec)
    if least is not None and isinstance(value, int | float) and value < least:
        raise ParameterError(
            f"parameter {name!r} of notebook {Path(notebook).name} must be ≥ {least:g}, "
            f"got {value!r}"
        )
    choices = declared_choices(spec)
    if choices and value not in choices:
        raise ParameterError(
            f"parameter {name!r} of notebook {Path(notebook).name} must be one of "
            f"{', '.join(choices)}; got {value!r}"
        )


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

    Unknown parameter → ParameterError naming it and the valid ones; a value of the wrong type
    (see :func:`declared_type`) or not among the listed choices → ParameterError naming the
    parameter, its default and the value; a notebook missing one of
    :data:`STANDARD_PARAMETERS` is an error too.
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
        check_parameter_value(notebook, key, given[key], declared[key])
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


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal (SIGINT/Ctrl-C or SIGTERM): kernels stopped, nothing of
    the run kept. ``signum`` is the signal; the command exits with ``128 + signum``."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum


#: Kernel managers of the kernels running now (for :func:`stop_kernels`).
_RUNNING: set = set()
_RUNNING_LOCK = threading.Lock()


#: Silence on IOPub after which a new client's channel counts as drained (jupyter_client
#: waits 0.2 s; the runner's kernels run on this machine, their messages arrive within a
#: millisecond).
IOPUB_DRAIN_SECONDS = 0.01


async def _wait_for_local_kernel(kc, timeout: float | None = None) -> None:
    """``wait_for_ready`` of jupyter_client's async client for a kernel on this machine: the
    same handshake (kernel_info until a reply comes and IOPub carries a message), then IOPub
    drained until :data:`IOPUB_DRAIN_SECONDS` of silence instead of 0.2 s. nbclient ignores
    messages of other requests anyway; the 0.2 s cost every notebook of a report 0.2 s of an
    idle core (0.8 s per worker)."""
    from queue import Empty

    from jupyter_client.utils import ensure_async

    deadline = time.monotonic() + (timeout if timeout is not None else math.inf)
    while True:
        kc.kernel_info()
        try:
            reply = await ensure_async(kc.shell_channel.get_msg(timeout=1))
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:  # IOPub connected: the kernel's status for this request arrives on it
                await ensure_async(kc.iopub_channel.get_msg(timeout=0.2))
            except Empty:
                pass
            else:
                kc._handle_kernel_info_reply(reply)
                break
        if not await ensure_async(kc.is_alive()):
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
    while True:
        try:
            await ensure_async(kc.iopub_channel.get_msg(timeout=IOPUB_DRAIN_SECONDS))
        except Empty:
            return


def _kernel_manager_class():
    """AsyncKernelManager that registers its kernel while it runs, so that an interrupted
    run can stop every kernel it started (kernels run in their own session: Ctrl-C in the
    terminal does not reach them)."""
    from jupyter_client import AsyncKernelManager

    class TrackedKernelManager(AsyncKernelManager):
        def client(self, **kw):
            """A client, remembered so that :func:`_close_clients` can stop its channels
            (nbclient leaves them open on a kernel it did not start), that waits for its kernel
            as :func:`_wait_for_local_kernel` does."""
            kc = super().client(**kw)
            kc.wait_for_ready = types.MethodType(_wait_for_local_kernel, kc)
            self.__dict__.setdefault("_ningbo_clients", []).append(kc)
            return kc

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            await super()._async_launch_kernel(kernel_cmd, **kw)
            with _RUNNING_LOCK:
                _RUNNING.add(self)

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            with _RUNNING_LOCK:
                _RUNNING.discard(self)
            await super()._async_cleanup_resources(restart=restart)

    return TrackedKernelManager


def stop_kernels() -> int:
    """Kill every kernel this process started that still runs (and its process group);
    the number stopped."""
    with _RUNNING_LOCK:
        managers = list(_RUNNING)
        _RUNNING.clear()
    stopped = 0
    for km in managers:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is None or process.poll() is not None:
            continue
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: group id = its pid
        except OSError:
            try:
                process.kill()
            except OSError:
                continue
        stopped += 1
    return stopped


#: Run in a reused kernel before each notebook: what a fresh kernel would have (empty
#: namespace, execution count 1, the repository as working folder, matplotlib's rc file
#: settings, no open figure); imported modules stay loaded, which is the time saved.
#: Run when a reused kernel starts (before its first notebook): the process state a notebook
#: may change and a reset must put back — warnings filters, environment, import path.
_SNAPSHOT_KERNEL = (
    "__import__('sys')._ningbo_initial = (list(__import__('warnings').filters), "
    "dict(__import__('os').environ), list(__import__('sys').path))"
)

_RESET_KERNEL = """\
# IPython's reset ends with a full garbage collection (0.1 s with pandas and matplotlib loaded,
# three times per region); the collector's own runs free that memory later
__import__("sys")._ningbo_collect = __import__("gc").collect
__import__("gc").collect = lambda generation=2: 0
try:
    get_ipython().reset(new_session=True)
finally:
    __import__("gc").collect = __import__("sys")._ningbo_collect
import os as _os, sys as _sys, warnings as _w
_os.chdir({cwd!r})
_init = getattr(_sys, "_ningbo_initial", None)
if _init is not None:
    _w.filters[:] = _init[0]
    getattr(_w, "_filters_mutated", lambda: None)()  # forget warnings already shown once
    _os.environ.clear()
    _os.environ.update(_init[1])
    _sys.path[:] = _init[2]
if "pandas" in _sys.modules:
    with _w.catch_warnings():
        _w.simplefilter("ignore")  # deprecated options warn when reset
        _sys.modules["pandas"].reset_option("all")
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
if "matplotlib" in _sys.modules:
    _sys.modules["matplotlib"].rc_file_defaults()
del _os, _sys, _w, _init
"""


def _start_kernel():
    """A started kernel (tracked by :func:`stop_kernels`) in the repository folder."""
    from jupyter_core.utils import run_sync

    km = _kernel_manager_class()(kernel_name=ensure_kernel())
    run_sync(km.start_kernel)(
        cwd=str(repo_root()),
        extra_arguments=[
            "--HistoryManager.hist_file=:memory:",
            f"--IPKernelApp.exec_lines={json.dumps([_SNAPSHOT_KERNEL])}",
        ],
    )
    return km


def _close_clients(km) -> None:
    """Stop the channels of every client of ``km`` still running."""
    clients = km.__dict__.get("_ningbo_clients", [])
    while clients:
        kc = clients.pop()
        try:
            if kc.channels_running:
                kc.stop_channels()
        except Exception:
            pass


def _shutdown_kernel(km) -> None:
    """Stop a kernel of :func:`_start_kernel` now (never raises)."""
    from jupyter_core.utils import run_sync

    _close_clients(km)
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()


def _ready_kernel(km):
    """``km`` reset for the next notebook (:data:`_RESET_KERNEL`), or a new kernel when there
    is none or the reset fails."""
    from jupyter_core.utils import run_sync

    if km is None:
        return _start_kernel()
    _close_clients(km)

    async def reset() -> bool:
        # the kernel is idle (it just finished a notebook): no wait_for_ready, whose IOPub flush
        # alone waits 0.2 s; only the shell reply to this request is awaited
        kc = km.client()
        kc.start_channels()
        try:
            code = _RESET_KERNEL.format(cwd=str(repo_root()))
            msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            while True:
                reply = await kc.get_shell_msg(timeout=60)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"]["status"] == "ok"
        finally:
            kc.stop_channels()

    try:
        if run_sync(km.is_alive)() and run_sync(reset)():
            return km
    except Exception:
        pass
    _shutdown_kernel(km)
    return _start_kernel()


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


def notebook_to_html(executed: Path, parameters: Mapping[str, Any], title: str = "") -> str:
    """HTML of an executed notebook with code hidden (like ``nbconvert --no-input``), without
    external scripts (no require.js/MathJax from a CDN) and with stable cell ids.

    A parameters table is inserted under the title unless an output already shows one.
    """
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    shown = any(PARAMS_CLASS in text for _, kind, text in _output_texts(nb) if kind == "text/html")
    if not shown:
        cell = nbformat.v4.new_markdown_cell(params_table_html(parameters))
        at = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
        nb.cells.insert(at, cell)
    stable_cell_ids(nb)
    body, _ = _exporter().from_notebook_node(
        nb, resources={"metadata": {"name": title or executed.stem}}
    )
    return body


_THREAD = threading.local()


def _exporter():
    """This thread's HTML exporter, made once per thread (and exporter class): its templates
    are compiled once instead of for every page (≈ 0.05 s a page)."""
    from jinja2 import DictLoader

    cls = _exporter_class()
    made = _THREAD.__dict__.setdefault("exporters", {})
    if cls not in made:
        quiet = logging.getLogger("ningbo_analysis.nbconvert")
        quiet.setLevel(logging.ERROR)  # e.g. "Alternative text is missing on 1 image(s)"
        made[cls] = cls(
            log=quiet,
            extra_loaders=[DictLoader({"ningbo_offline.html.j2": OFFLINE_TEMPLATE})],
            template_name="lab",
            template_file="ningbo_offline.html.j2",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return made[cls]


#: What nbconvert's HTML exporter adds to a page after rendering it (accessibility): a text
#: for images without one, and keyboard focus for cell inputs and outputs.
_NO_ALT = '<img alt="No description has been provided for this image" '
_IMG_WITHOUT_ALT = re.compile(r"<img (?![^>]*\balt=)")
_FOCUSABLE = re.compile(
    r'<div class="([^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*)"(?![^>]*\btabindex=)'
)


_CHAR_REF = re.compile(r"&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _char(ref: re.Match) -> str:
    """A numeric character reference as its character, unless that one means something in
    HTML (``& < > " '``) or is not printable: those stay references."""
    code = int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))
    ch = chr(code) if code < 0x110000 else ""
    return ch if ch and ch not in "&<>\"'" and ch.isprintable() else ref.group(0)


#: Parts of a page that are not markup: the contents of ``<script>`` and ``<style>`` (raw text,
#: where ``&#25688;`` is eight characters of code, not 摘) and comments. Left as they are, as
#: BeautifulSoup leaves them.
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)


def _accessible(page: str) -> str:
    """``page`` with what nbconvert's HTMLExporter adds through BeautifulSoup, added by regular
    expressions on the template's own tags (document text in a page is escaped, so ``<img`` or
    ``<div class=`` only ever come from the template), and headings' characters written as
    characters (``&#25688;&#35201;`` → ``摘要``, as BeautifulSoup writes them); scripts, styles
    and comments (:data:`_RAW_TEXT`) untouched."""
    parts, pos = [], 0
    for raw in _RAW_TEXT.finditer(page):
        parts += [_markup(page[pos : raw.start()]), raw.group(0)]
        pos = raw.end()
    parts.append(_markup(page[pos:]))
    return "".join(parts)


def _markup(part: str) -> str:
    part = _IMG_WITHOUT_ALT.sub(_NO_ALT, part)
    part = _FOCUSABLE.sub(r'<div class="\1" tabindex="0"', part)
    return _CHAR_REF.sub(_char, part)


@functools.cache
def _exporter_class():
    """nbconvert's HTMLExporter without its last step, a BeautifulSoup parse and re-serialisation
    of the whole page (0.1–0.3 s for a page with a long table, in the runner's one process while
    the kernels compute); :func:`_accessible` adds the same attributes. The same page, parsed,
    as nbconvert's (checked by tests/run/test_report_runner.py on a page with a chart, tables, Markdown,
    a script and a style)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PlainHTMLExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            highlight = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            widgets = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", widgets)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _accessible(page), resources

    return PlainHTMLExporter


def _index_title(entries: Sequence[ReportEntry]) -> str:
    """``宁波、余姚 规划分析报告 · ningbo-analysis reports`` (the regions reported on)."""
    regions = "、".join(dict.fromkeys(e.region for e in entries))
    return f"{regions} 规划分析报告 · ningbo-analysis reports".strip()


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write ``path`` through a temporary file in its folder renamed over it: a reader (or an
    interrupted run) sees the old file or the new one, never half of one."""
    from ningbo_analysis.files import atomic_file

    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


#: The index's entries as data, next to ``index.html``: a later run that reports on other
#: regions or notebooks keeps these entries and replaces only its own.
INDEX_DATA = "index.json"


def write_index(entries: Sequence[ReportEntry], out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` (one row per region × notebook with link and parameters)
    and ``out_dir/index.json`` (the same entries as data), each by write-then-rename."""
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
    data = [
        {
            "region": e.region,
            "notebook": e.notebook.name,
            "title": e.title,
            "html": e.html.relative_to(out_dir).as_posix(),
            "ipynb": e.ipynb.relative_to(out_dir).as_posix(),
            "parameters": {k: str(v) for k, v in e.parameters.items()},
            "problems": list(e.problems),
            "outputs": list(e.outputs),
        }
        for e in entries
    ]
    write_atomic(out_dir / INDEX_DATA, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return write_atomic(out_dir / "index.html", page)


def read_index(out_dir: Path) -> list[ReportEntry]:
    """The entries of ``out_dir/index.json`` whose HTML report still exists ([] without one)."""
    try:
        data = json.loads((out_dir / INDEX_DATA).read_text(encoding="utf-8"))
        entries = [
            ReportEntry(
                region=str(d["region"]),
                notebook=Path(d["notebook"]),
                title=str(d["title"]),
                html=out_dir / d["html"],
                ipynb=out_dir / d["ipynb"],
                parameters=dict(d["parameters"]),
                problems=list(d.get("problems", [])),
                outputs=[str(o) for o in d.get("outputs", [])],
            )
            for d in data
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [e for e in entries if e.html.is_file()]


def merge_index(old: Sequence[ReportEntry], new: Sequence[ReportEntry]) -> list[ReportEntry]:
    """``old`` with each entry of the same region and notebook replaced by the ``new`` one (in
    place), then the other new entries in their order."""
    fresh = {(e.region, e.notebook.name): e for e in new}
    merged = [fresh.pop((e.region, e.notebook.name), e) for e in old]
    return merged + [e for e in new if (e.region, e.notebook.name) in fresh]


#: Notebook parameters the runner sets itself, each from its own argument (command-line
#: option): ``-p``/extra parameters may not set them.
DEDICATED_PARAMETERS = {
    "region": "--region",
    "seeds_dir": "--seeds",
    "output_dir": "--out",
    "extra_docs": "--docs",
    "plan": "--plan",
}


def check_dedicated(params: Mapping[str, Any], *, cli: bool = False) -> None:
    """ParameterError when an extra parameter is one the runner sets from its own argument
    (``region``, ``seeds_dir``, ``output_dir``, ``extra_docs``, ``plan``)."""
    api = {"region": "regions", "output_dir": "out_dir"}
    for key, value in params.items():
        if key in DEDICATED_PARAMETERS:
            if cli:
                flag = DEDICATED_PARAMETERS[key]
                raise ParameterError(
                    f"-p {key}={value}: {key} is set by {flag}, not by -p (use {flag} {value})"
                )
            raise ParameterError(
                f"parameter {key!r} is set by run_notebooks' {api.get(key, key)} argument, "
                "not as an extra parameter"
            )


def _notebook_arguments(
    nbs: Sequence[Path], params: Mapping[str, Any], docs: tuple[Path, ...], plan: str | None
) -> list[dict[str, Any]]:
    """Per notebook: the parameters to pass besides region/seeds_dir/output_dir, checked
    against what it declares, types included (``extra_docs`` and ``plan`` only to notebooks
    declaring them, an error if the user gave them and a notebook cannot take them)."""
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


#: Prefix of a run's temporary folder inside the output folder (removed when the run ends).
STAGING_PREFIX = ".ningbo-build-"


def _check_writable(out: Path, region_dirs: Iterable[Path]) -> None:
    """ParameterError naming the folder when the output folder or an existing region folder
    cannot be written (checked before anything runs)."""
    for folder in (out, *region_dirs):
        if folder.exists() and not folder.is_dir():
            raise ParameterError(f"output folder {folder} is a file, not a folder; choose --out")
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise ParameterError(
                f"output folder {folder} is not writable; fix its permissions or choose "
                "another with --out"
            )


def _remove_stale_staging(out: Path) -> None:
    """Remove temporary folders of runs that were killed outright (their process is gone)."""
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def _make_staging(out: Path) -> Path:
    """The run's temporary folder inside ``out`` (same file system: moving a file out of it is
    an atomic rename); ParameterError when ``out`` cannot be written."""
    try:
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as err:
        raise ParameterError(
            f"output folder {out} is not writable ({err.strerror or err}); fix its permissions "
            "or choose another with --out"
        ) from None


def failed_notebooks_dir() -> Path:
    """Where the executed notebook of a failed run is kept for its traceback (outside the
    output folder, which a failed run leaves as it was)."""
    return Path(tempfile.gettempdir()) / "ningbo-analysis-failed"


def compile_package(folder: Path | None = None) -> bool:
    """Write the bytecode of the package's modules (``__pycache__``) where it is missing or
    stale, so that every kernel imports them compiled: where ``PYTHONDONTWRITEBYTECODE`` is set
    (as on many CI machines) Python never writes it itself, and each kernel compiled the
    package from source again (≈ 0.08 s). Checking an up-to-date folder costs a few stats; a
    folder that cannot be written is left alone. True when everything compiled."""
    import compileall

    folder = Path(__file__).resolve().parents[1] if folder is None else folder
    try:
        return bool(compileall.compile_dir(folder, quiet=2, maxlevels=1))
    except OSError:
        return False


def default_workers() -> int:
    """Notebooks run at the same time by default: one per core available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Job:
    """One notebook for one region: where it builds, where its files go once it succeeded."""

    number: int
    notebook: Path
    region: str
    parameters: dict[str, Any]  # passed to papermill (the build folder as output_dir)
    shown: dict[str, Any]  # shown in the report and the index (the final folder)
    build_dir: Path
    final_dir: Path
    entry: ReportEntry | None = None
    error: NingboAnalysisError | None = None


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
    workers: int | None = None,
    fresh_kernels: bool = False,
    **params: Any,
) -> list[ReportEntry]:
    """Execute every notebook for every region and write HTML reports plus ``index.html``.

    Everything is validated before anything runs (notebooks exist, declare the parameters
    given in ``params`` with values of the declared types, none of them is one the runner sets
    itself, regions are in the corpus of the seeds plus ``extra_docs``, ``plan`` is a known
    plan, the output folder is writable). A relative ``out_dir`` is the repository's.

    Notebooks run ``workers`` at a time (default: one per core), after the corpus' figures,
    sentences and inventory are cached once (:mod:`ningbo_analysis.run.cache`). Each worker takes
    the next notebook of :func:`job_order` whenever it is free and runs it in its kernel, reset
    between notebooks to what a fresh kernel has (empty namespace, execution count 1, working folder,
    matplotlib settings) but with the modules already imported; ``fresh_kernels=True`` starts
    a kernel per notebook instead.

    Each notebook builds in a temporary folder inside ``out_dir``; when all have run, the files
    of each one that succeeded (HTML, executed notebook, CSVs) replace the region's previous
    ones by rename, and the index is rewritten (entries of other regions and notebooks kept).
    A notebook that failed leaves its previous outputs and index entry as they were:
    NotebookError naming it and its cell (its executed notebook is kept under
    :func:`failed_notebooks_dir`).
    Interrupted (KeyboardInterrupt, :class:`Interrupted`): the kernels are stopped, the
    temporary folder removed, the output folder left byte-identical, and the exception raised.

    Each finished notebook prints one progress line (to ``progress``: stderr by default, None
    for silence). ``strict=True`` turns report noise (stderr output, missing glyphs) into a
    NotebookError; otherwise it is printed as a warning and shown in the index.
    """
    nbs = list(dict.fromkeys(Path(n) for n in notebooks))
    if not nbs:
        raise ParameterError("no notebooks to run")
    regs = list(dict.fromkeys(regions))
    if not regs:
        raise ParameterError("no regions given")
    check_dedicated(params)
    seeds = _resolve_seeds_dir(seeds_dir)
    docs = check_extra_docs(list(extra_docs))
    plan_name = check_plan(plan) if plan is not None else None
    per_notebook = _notebook_arguments(nbs, params, docs, plan_name)
    valid = available_regions(seeds, *docs)
    for region in regs:
        check_region(region, valid, seeds)
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ParameterError(f"workers must be a whole number >= 1, got {workers!r}")
    out = _ensure_output_dir(out_dir)
    _check_writable(out, [out / region_dirname(r) for r in regs])
    _remove_stale_staging(out)

    stream = sys.stderr if progress == "stderr" else progress

    def say(msg: str) -> None:
        if stream is not None:
            print(msg, file=stream, flush=True)

    from ningbo_analysis.corpus.load import load_corpus
    from ningbo_analysis.run import cache

    ensure_kernel()  # once, before the threads
    n_workers = max(1, min(workers or default_workers(), len(regs) * len(nbs)))
    kernels: list = []
    entries: list[ReportEntry] = []
    try:
        # the workers' kernels boot while the cache is computed (≈ 1.3 s on one core after a
        # change of the corpus or the code)
        for _ in range(0 if fresh_kernels else n_workers):
            kernels.append(_start_kernel())
        try:
            cache.warm(load_corpus(seeds, *docs))
        except Exception:  # a notebook computing the same table names the failing cell instead
            pass
        compile_package()
        staging = _make_staging(out)
        try:
            jobs = [
                _job(i, nb, region, seeds, more, staging, out)
                for i, (region, (nb, more)) in enumerate(
                    ((r, pair) for r in regs for pair in zip(nbs, per_notebook, strict=True)), 1
                )
            ]
            _run_jobs(jobs, n_workers, strict, timeout, say, fresh_kernels, kernels)
            done = [j for j in jobs if j.entry is not None]
            failed = [j for j in jobs if j.error is not None]
            if done:
                with _signals_held():
                    previous = read_index(out)
                    entries = _commit(done, out, previous)
                    index = write_index(merge_index(previous, entries), out)
                say(f"index: {index}")
                remember_seconds([j.entry for j in done])
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        while kernels:  # started but not taken by a worker (which stops its own)
            _shutdown_kernel(kernels.pop())
    if failed:
        also = ", ".join(f"{j.region} {j.notebook.name}" for j in failed[1:])
        message = str(failed[0].error) + (f"; also failed: {also}" if also else "")
        kept = "their previous reports kept" if also else "its previous report kept"
        raise type(failed[0].error)(f"{message} ({kept})")
    return entries


def _job(
    number: int,
    nb: Path,
    region: str,
    seeds: Path,
    more: Mapping[str, Any],
    staging: Path,
    out: Path,
) -> _Job:
    """The job of one notebook for one region: it builds in ``staging/<number>/<region>``
    (the same last name as the final folder, so paths shown outside the repository agree)."""
    final_dir = out / region_dirname(region)
    build_dir = staging / f"{number:03d}" / region_dirname(region)
    parameters = {
        "region": region,
        "seeds_dir": portable_path(seeds),
        "output_dir": portable_path(build_dir),
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
        for k, v in {**parameters, "output_dir": portable_path(final_dir)}.items()
    }
    return _Job(number, nb, region, parameters, shown, build_dir, final_dir)


def job_order(
    keys: Sequence[tuple[str, str]], seconds: Mapping[tuple[str, str], float] | None = None
) -> list[int]:
    """The order in which the workers take the jobs (``keys`` are (region, notebook) in run
    order, region by region). Each free worker takes the next job, whichever region it is for
    (its kernel is reset between notebooks, so which kernel ran a notebook never shows).

    Without ``seconds`` (or for keys it lacks): notebook by notebook across the regions (宁波 01,
    余姚 01, 宁波 02, …). With each job's ``seconds`` from an earlier run: the longest first,
    so that the workers run out of work at about the same time (no long notebook left alone
    at the end)."""
    regions = list(dict.fromkeys(region for region, _ in keys))
    seen: dict[str, int] = {}
    rank = []
    for i, (region, _) in enumerate(keys):
        rank.append((seen.get(region, 0), regions.index(region), i))
        seen[region] = seen.get(region, 0) + 1
    order = [i for *_, i in sorted(rank)]
    if not seconds:
        return order
    return sorted(order, key=lambda i: -seconds.get(tuple(keys[i]), math.inf))


#: File in the cache folder with each notebook's seconds in the last run (by region and file
#: name): :func:`job_order` starts the longest first. Only a hint: losing it changes nothing
#: but the order.
SECONDS_FILE = "report-seconds.json"


def _seconds_path() -> Path | None:
    from ningbo_analysis.resources import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / SECONDS_FILE


def read_seconds() -> dict[tuple[str, str], float]:
    """(region, notebook file name) → seconds of the last run ({} when unknown or unreadable)."""
    path = _seconds_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        return {(str(r), str(n)): float(t) for r, n, t in data}
    except (OSError, ValueError, TypeError):
        return {}


def remember_seconds(entries: Sequence[ReportEntry]) -> None:
    """Record the entries' seconds in :data:`SECONDS_FILE` (a cache folder that cannot be
    written is ignored)."""
    path = _seconds_path()
    if path is None or not entries:
        return
    known = read_seconds()
    known.update({(e.region, e.notebook.name): round(e.seconds, 2) for e in entries})
    rows = [[r, n, t] for (r, n), t in sorted(known.items())]
    try:
        write_atomic(path, json.dumps(rows, ensure_ascii=False) + "\n")  # creates the folder
    except OSError:
        pass


def _run_jobs(
    jobs: list[_Job],
    workers: int,
    strict: bool,
    timeout: int | None,
    say,
    fresh_kernels: bool = False,
    kernels: list | None = None,
) -> None:
    """Run the jobs on ``workers`` threads, each driving one kernel (a kernel per job with
    ``fresh_kernels``) and taking the next job of :func:`job_order` whenever it is free; on
    KeyboardInterrupt stop every kernel, wait briefly for the threads and re-raise. A worker
    takes its kernel from ``kernels`` (started already, removed from the list) if any."""
    ready_kernels = kernels if kernels is not None else []
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in job_order([(j.region, j.notebook.name) for j in jobs], read_seconds()):
        todo.put(i)
    workers = max(1, min(workers, len(jobs)))
    finished: queue.Queue[_Job] = queue.Queue()
    stop = threading.Event()

    def failed(job: _Job, err: Exception) -> NingboAnalysisError:
        if isinstance(err, NingboAnalysisError):
            return err
        return NotebookError(  # a bug here must not hang the run
            f"notebook {job.notebook.name} (region {job.region}): {type(err).__name__}: {err}"
        )

    def finish(pending: queue.Queue) -> None:
        """Tidy and convert executed notebooks while the worker's kernel runs the next one."""
        while (item := pending.get()) is not None:
            job, started = item
            try:
                job.entry = _finish_job(job, strict, started)
            except Exception as err:
                job.error = failed(job, err)
            finished.put(job)

    def work() -> None:
        try:
            kernel = ready_kernels.pop()
        except IndexError:
            kernel = None
        pending: queue.Queue = queue.Queue()
        finisher = threading.Thread(target=finish, args=(pending,), daemon=True)
        finisher.start()
        try:
            while not stop.is_set():
                try:
                    job = jobs[todo.get_nowait()]
                except queue.Empty:
                    return
                try:
                    if not fresh_kernels:
                        kernel = _ready_kernel(kernel)
                    started = time.monotonic()
                    _execute_job(job, timeout, stop, kernel)
                    pending.put((job, started))
                    continue
                except Exception as err:
                    job.error = failed(job, err)
                if kernel is not None:
                    _shutdown_kernel(kernel)  # the next job gets a new one
                    kernel = None
                finished.put(job)
        finally:
            pending.put(None)
            if kernel is not None:
                _shutdown_kernel(kernel)
            finisher.join()

    threads = [
        threading.Thread(target=work, name=f"ningbo-report-{w}", daemon=True)
        for w in range(workers)
    ]
    reported = 0
    try:
        for t in threads:
            t.start()
        while reported < len(jobs):
            try:
                job = finished.get(timeout=0.2)
            except queue.Empty:
                if not any(t.is_alive() for t in threads) and finished.empty():
                    break
                continue
            reported += 1
            if job.entry is not None:
                e = job.entry
                final_html = job.final_dir / e.html.name
                say(
                    f"[{reported}/{len(jobs)}] {job.region} {job.notebook.name}: ok "
                    f"({e.seconds:.1f} s) → {final_html}"
                )
                for p in e.problems:
                    say(f"  warning: {job.notebook.name} ({job.region}) {p}")
    except KeyboardInterrupt:
        previous = _ignore_signals()
        try:
            stop.set()
            stop_kernels()
            for t in threads:
                t.join(timeout=5)
            stop_kernels()  # one that started while we waited
        finally:
            _restore_signals(previous)
        raise


def _ignore_signals() -> dict[int, Any]:
    """Ignore SIGINT/SIGTERM while cleaning up (main thread only); the previous handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}


def _restore_signals(previous: Mapping[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def _execute_job(job: _Job, timeout: int | None, stop: threading.Event, km=None) -> None:
    """Execute one notebook into its build folder (NotebookError naming the cell)."""
    nb = job.notebook
    execute_notebook(
        nb,
        job.build_dir / nb.name,
        job.parameters,
        region=job.region,
        timeout=timeout,
        failed_copy=failed_notebooks_dir() / region_dirname(job.region) / nb.name,
        km=km,
    )
    if stop.is_set():
        raise NotebookError(f"notebook {nb.name} (region {job.region}): interrupted")


def _finish_job(job: _Job, strict: bool, started: float) -> ReportEntry:
    """Tidy an executed notebook (the build folder's paths shown as the final folder's), check
    it for noise and write its HTML next to it."""
    nb = job.notebook
    executed = job.build_dir / nb.name
    build, final = job.build_dir, job.final_dir
    pairs = [(f(build), f(final)) for f in (str, portable_path, shown_path)]
    # papermill writes the injected parameters as ASCII-escaped literals ("\u5b81\u6ce2")
    pairs += [(json.dumps(a)[1:-1], json.dumps(b)[1:-1]) for a, b in pairs]
    done = tidy_executed(executed, replace=dict(pairs))
    title = notebook_title(done) or nb.stem
    problems = notebook_problems(done)
    if problems and strict:
        raise NotebookError(
            f"notebook {nb.name} (region {job.region}) wrote noise into its report: "
            + "; ".join(problems)
        )
    page = job.build_dir / f"{nb.stem}.html"
    page.write_text(notebook_to_html(executed, job.shown, title), encoding="utf-8")
    return ReportEntry(
        region=job.region,
        notebook=nb,
        title=title,
        html=page,
        ipynb=executed,
        parameters=job.shown,
        seconds=time.monotonic() - started,
        problems=problems,
    )


@contextlib.contextmanager
def _signals_held():
    """Hold SIGINT/SIGTERM back (main thread only) until the block ends: moving the files and
    rewriting the index is never cut in half; a signal that came meanwhile acts right after."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    main = threading.current_thread() is threading.main_thread()
    if main:
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        if main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)


def _remove_stale(out: Path, folder: Path, old: Sequence[str], written: Sequence[str]) -> None:
    """Delete the files of ``old`` (relative to ``out``) not in ``written``, only inside the
    region folder ``folder`` (an edited index.json cannot make it delete anything else)."""
    root = folder.resolve()
    for name in sorted(set(old) - set(written)):
        stale = (out / name).resolve()
        if stale.is_relative_to(root) and stale.is_file():
            stale.unlink()


def _commit(
    jobs: Sequence[_Job], out: Path, previous: Sequence[ReportEntry] = ()
) -> list[ReportEntry]:
    """Move the files of the jobs that succeeded to their region folders, one rename each, and
    remove the files the previous run of the same notebook and region wrote but this one did
    not (a CSV named after a parameter that changed); their entries with the final paths.
    NingboAnalysisError naming the file if one cannot be moved."""
    before = {(e.region, e.notebook.name): e.outputs for e in previous}
    now = {(j.region, j.notebook.name) for j in jobs}
    # files another notebook wrote (in the index) or this run writes are never stale
    kept = {o for e in previous if (e.region, e.notebook.name) not in now for o in e.outputs}
    kept |= {
        (j.final_dir / p.relative_to(j.build_dir)).relative_to(out).as_posix()
        for j in jobs
        for p in j.build_dir.rglob("*")
        if p.is_file()
    }
    entries = []
    for job in jobs:
        assert job.entry is not None
        written = []
        for path in sorted(p for p in job.build_dir.rglob("*") if p.is_file()):
            target = job.final_dir / path.relative_to(job.build_dir)
            written.append(target.relative_to(out).as_posix())
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
            except OSError as err:
                raise NingboAnalysisError(
                    f"cannot write {target}: {err.strerror or err}; fix the permissions of "
                    f"{job.final_dir} or choose another --out"
                ) from None
        e = job.entry
        stale = [o for o in before.get((e.region, job.notebook.name), []) if o not in kept]
        _remove_stale(out, job.final_dir, stale, written)
        entries.append(
            ReportEntry(
                region=e.region,
                notebook=e.notebook,
                title=e.title,
                html=job.final_dir / e.html.name,
                ipynb=job.final_dir / e.ipynb.name,
                parameters=e.parameters,
                seconds=e.seconds,
                problems=e.problems,
                outputs=written,
            )
        )
        (failed_notebooks_dir() / region_dirname(job.region) / job.notebook.name).unlink(
            missing_ok=True
        )
    return entries
