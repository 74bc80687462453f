"""Notebook parameters as a notebook checks them (its second cell calls
:func:`check_parameters`): region, seeds folder, output folder, the user's own documents and
the plan period, validated with errors naming the parameter and the valid choices, and
returned as :class:`Params`, shown as a small parameters table in the HTML report. Also the
parameters the runner sets from its own arguments (:data:`DEDICATED_PARAMETERS`), which extra
parameters may not set."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ningbo_analysis.corpus.formats import DOCUMENT_SUFFIXES
from ningbo_analysis.corpus.periods import DEFAULT_PLAN
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.resources import default_seeds_dir
from ningbo_analysis.run.paths import _locate, in_checkout, repo_root, shown_path

#: Parameters every notebook declares in its cell tagged ``parameters`` (docs/conventions.md).
STANDARD_PARAMETERS = ("region", "seeds_dir", "output_dir")


#: Parameters of the project's notebooks besides the standard ones: the user's own documents
#: (folders or files), whether the seeds are read with them (``with_seeds``: False = only the
#: user's documents) and the plan period (十四五 …); the runner passes them to a notebook that
#: declares them.
DOCUMENT_PARAMETERS = ("extra_docs", "with_seeds", "plan")


#: CSS class of the parameters table; the runner adds a table only if the notebook shows none.
PARAMS_CLASS = "ningbo-params"


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
    with_seeds: bool = True

    @property
    def seeds(self) -> Path | bool:
        """``load_corpus``'s ``seeds``: the seeds folder, or False for only ``extra_docs``:
        ``na.load_corpus(*params.extra_docs, seeds=params.seeds)``."""
        return self.seeds_dir if self.with_seeds else False

    def as_dict(self) -> dict[str, Any]:
        """Parameters in display order: region, plan, seeds_dir, extra_docs, output_dir, then
        extras by name; paths as :func:`shown_path` shows them."""
        out: dict[str, Any] = {
            "region": self.region,
            "plan": self.plan,
            "seeds_dir": shown_path(self.seeds_dir) if self.with_seeds else "(not read)",
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
        f"<tr><th><code>{html.escape(str(k))}</code></th><td>{html.escape(str(v))}</td></tr>"
        for k, v in params.items()
    )
    return f'<table class="{PARAMS_CLASS}"><caption>参数</caption><tbody>{rows}</tbody></table>'


def _resolve_seeds_dir(seeds_dir: str | os.PathLike | None) -> Path:
    path = _locate(seeds_dir) if seeds_dir not in (None, "") else default_seeds_dir()
    if not path.exists():
        raise ParameterError(f"seeds_dir: folder {path} does not exist")
    if not path.is_dir():
        raise ParameterError(f"seeds_dir: {path} is not a folder")
    return path.resolve()


def check_extra_docs(extra_docs: Any) -> tuple[Path, ...]:
    """``extra_docs`` (a list of folders or documents: ``.txt``, ``.md``, ``.html``, ``.docx``, ``.pdf``; one path alone is accepted)
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
            raise ParameterError(f"extra_docs: {item} does not exist (a folder or a document)")
        if path.is_file() and path.suffix.lower() not in DOCUMENT_SUFFIXES:
            raise ParameterError(
                f"extra_docs: {item} is not a folder or a document ({', '.join(DOCUMENT_SUFFIXES)})"
            )
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
    seeds_dir: str | os.PathLike | None = None,
    *extra_docs: str | os.PathLike,
    with_seeds: bool = True,
) -> list[str]:
    """Regions of the corpus (seeds plus ``extra_docs``; only ``extra_docs`` when not
    ``with_seeds``), in order of first appearance."""
    from ningbo_analysis.corpus.load import load_corpus

    docs = check_extra_docs(list(extra_docs))
    seeds = _resolve_seeds_dir(seeds_dir) if with_seeds else False
    corpus = load_corpus(*docs, seeds=seeds)
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
    """The output folder, created; a relative one is inside the repository in a checkout
    (``reports`` → the repository's ``reports/``, also when a notebook runs from
    ``notebooks/``), else in the current folder — never inside an installation."""
    given = Path(output_dir) if output_dir not in (None, "") else Path("reports")
    if given.is_absolute():
        path = given
    else:
        path = repo_root() / given if in_checkout() else Path.cwd() / given
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
    with_seeds: Any = True,
    **extra: Any,
) -> Params:
    """Validate a notebook's parameters and return them as :class:`Params`.

    ``seeds_dir`` "" or None means the repository's ``seeds/``; relative paths are the
    repository's (``reports``, ``seeds``), else the current folder's; ``output_dir`` is created.
    ``extra_docs`` lists the user's own folders/files (the region may be one of theirs), read
    with the seeds unless ``with_seeds`` is False (only the user's documents: the command's
    ``--docs`` without ``--with-seeds``); ``plan`` names a plan of ``data/plan_periods.csv``. Raises
    :class:`ParameterError` naming the parameter and the valid choices, e.g.
    ``region '杭州' is not one of the regions …; valid regions: 宁波, 余姚, 慈溪, 海曙区``.
    """
    seeds = _resolve_seeds_dir(seeds_dir)
    docs = check_extra_docs(extra_docs)
    check_with_seeds(with_seeds, docs)
    plan_name = check_plan(plan)
    regions = available_regions(seeds, *docs, with_seeds=with_seeds)
    check_region(region, regions, seeds if with_seeds else None)
    out = _ensure_output_dir(output_dir)
    return Params(
        region=region,
        seeds_dir=seeds,
        output_dir=out,
        extra=dict(extra),
        extra_docs=docs,
        plan=plan_name,
        with_seeds=with_seeds,
    )


def check_with_seeds(with_seeds: Any, docs: tuple[Path, ...]) -> bool:
    """``with_seeds`` True or False; False needs documents of the user's own (``extra_docs``)."""
    if not isinstance(with_seeds, bool):
        raise ParameterError(f"with_seeds must be True or False, got {with_seeds!r}")
    if not with_seeds and not docs:
        raise ParameterError(
            "with_seeds=False reads only your documents: give extra_docs (--docs), "
            "or leave with_seeds True for the seeds"
        )
    return with_seeds


#: Notebook parameters the runner sets itself, each from its own argument (command-line
#: option): ``-p``/extra parameters may not set them.
DEDICATED_PARAMETERS = {
    "region": "--region",
    "seeds_dir": "--seeds",
    "output_dir": "--out",
    "extra_docs": "--docs",
    "with_seeds": "--docs/--with-seeds",
    "plan": "--plan",
    "focus": "--region",  # report 05's region: the place compared with its peers
    "plans": "--plan",  # report 05 compares every plan given
}


def check_dedicated(params: Mapping[str, Any], *, cli: bool = False) -> None:
    """ParameterError when an extra parameter is one the runner sets from its own argument
    (``region``, ``seeds_dir``, ``output_dir``, ``extra_docs``, ``plan``)."""
    api = {"region": "regions", "focus": "regions", "plans": "plan", "output_dir": "out_dir"}
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


__all__ = [
    "DEDICATED_PARAMETERS",
    "DOCUMENT_PARAMETERS",
    "PARAMS_CLASS",
    "STANDARD_PARAMETERS",
    "Params",
    "available_regions",
    "check_dedicated",
    "check_extra_docs",
    "check_parameters",
    "check_plan",
    "check_region",
    "check_with_seeds",
    "params_table_html",
]
