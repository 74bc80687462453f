"""The parameters a notebook declares in its cell tagged ``parameters`` (read with papermill,
once per file) and the runner's checks of the values given for them before anything runs:
known names, the declared type, the choices or the least value its help comment states; and,
per notebook, the arguments the runner passes besides region, seeds and output folder."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ningbo_analysis.corpus.periods import DEFAULT_PLAN
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.run.parameters import STANDARD_PARAMETERS
from ningbo_analysis.run.paths import portable_path

#: Inspected ``parameters`` cells: (path, mtime, size) → declared parameters.
_DECLARED: dict[tuple[str, int, int], dict[str, Any]] = {}


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
    missing = [
        p
        for p in STANDARD_PARAMETERS
        if p not in declared and not (p == "region" and FOCUS_PARAMETER in declared)
    ]
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


#: A notebook comparing places (report 05) declares the report's region as ``focus``: the
#: place it puts among its peers. The runner passes the region under that name.
FOCUS_PARAMETER = "focus"
#: A notebook comparing plans (report 05) takes every plan of the run as ``plans`` (a list).
PLANS_PARAMETER = "plans"


def region_parameter(notebook: Path) -> str:
    """The name under which the notebook takes the report's region: ``region``, or ``focus``
    for a notebook that declares ``focus`` and not ``region`` (report 05)."""
    declared = notebook_parameters(notebook)
    return FOCUS_PARAMETER if FOCUS_PARAMETER in declared and "region" not in declared else "region"


def runs_per_plan(notebook: Path) -> bool:
    """True when the notebook's metadata says ``"ningbo": {"per_plan": true}`` (report 03): the
    runner runs it once per plan, its file names carrying the plan; other notebooks run once."""
    import json

    try:
        meta = json.loads(Path(notebook).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return bool(isinstance(meta, dict) and meta.get("ningbo", {}).get("per_plan", False))


def _notebook_arguments(
    nbs: Sequence[Path],
    params: Mapping[str, Any],
    docs: tuple[Path, ...],
    plan: str | None,
    plans: Sequence[str] = (),
    with_seeds: bool = True,
) -> list[dict[str, Any]]:
    """Per notebook: the parameters to pass besides region/seeds_dir/output_dir, checked
    against what it declares, types included (``extra_docs`` and ``plan`` only to notebooks
    declaring them, an error if the user gave them and a notebook cannot take them; a notebook
    declaring ``plans`` instead of ``plan`` gets every plan given, its own default without)."""
    out = []
    for nb in nbs:
        check_notebook_parameters(nb, params)
        declared = notebook_parameters(nb)
        args: dict[str, Any] = {}
        if PLANS_PARAMETER in declared and "plan" not in declared and plans:
            args[PLANS_PARAMETER] = list(plans)
        for name, value, given in (
            ("extra_docs", [portable_path(d) for d in docs], bool(docs)),
            ("with_seeds", with_seeds, not with_seeds),
            ("plan", plan or DEFAULT_PLAN, plan is not None and PLANS_PARAMETER not in declared),
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


__all__ = [
    "FOCUS_PARAMETER",
    "PLANS_PARAMETER",
    "check_notebook_parameters",
    "check_parameter_value",
    "declared_choices",
    "declared_minimum",
    "declared_type",
    "notebook_parameters",
    "region_parameter",
]
