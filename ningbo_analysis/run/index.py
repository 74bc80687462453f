"""The report index: one :class:`ReportEntry` per region and notebook, written as
``index.html`` (links and parameters) and ``index.json`` (the same entries as data, which a
later run reads back and merges with its own: entries of other regions and notebooks kept)."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ningbo_analysis.run.paths import write_atomic


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


def _index_title(entries: Sequence[ReportEntry]) -> str:
    """``宁波、余姚 规划分析报告 · ningbo-analysis reports`` (the regions reported on)."""
    regions = "、".join(dict.fromkeys(e.region for e in entries))
    return f"{regions} 规划分析报告 · ningbo-analysis reports".strip()


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


__all__ = [
    "INDEX_DATA",
    "ReportEntry",
    "merge_index",
    "read_index",
    "write_index",
]
