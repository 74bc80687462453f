"""The report index: one :class:`ReportEntry` per region and notebook, written as
``index.html`` (links and parameters) and ``index.json`` (the same entries as data, which a
later run reads back and merges with its own: entries of other regions and notebooks kept)."""

from __future__ import annotations

import csv
import html
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ningbo_analysis.labels import value_label
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
    #: the next run of the same notebook, region and plan removes those it does not write again
    outputs: list[str] = field(default_factory=list)
    #: the plan of a notebook run once per plan (its file names carry it), else ""
    plan: str = ""
    #: verdict → number of scored targets, read from the scorecard CSV the run wrote ({} without)
    verdicts: dict[str, int] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """What a later run replaces: region, notebook file name and plan."""
        return (self.region, self.notebook.name, self.plan)


def _index_title(entries: Sequence[ReportEntry]) -> str:
    """``宁波、余姚 规划分析报告`` (the regions reported on)."""
    regions = "、".join(dict.fromkeys(e.region for e in entries))
    return f"{regions} 规划分析报告".strip()


#: The index's entries as data, next to ``index.html``: a later run that reports on other
#: regions or notebooks keeps these entries and replaces only its own.
INDEX_DATA = "index.json"

#: Scorecard CSVs a notebook writes (``scorecard_宁波_十四五.csv``): the index counts their verdicts.
SCORECARD_CSV = "scorecard_*.csv"

#: Verdicts always shown on a card (zeros too), then any other verdict that occurs.
CARD_VERDICTS = ("met", "missed", "unclear", "no_outcome", "on_track")


def scorecard_verdicts(folder: Path, pattern: str = SCORECARD_CSV) -> dict[str, int]:
    """Verdict → number of scored targets in the scorecard CSVs of ``folder`` (``pattern``; rows
    with ``scored`` false counted as ``unscored``); {} when there is none."""
    counts: dict[str, int] = {}
    for path in sorted(folder.glob(pattern)):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if "verdict" not in row:
                    break
                scored = str(row.get("scored", "True")).strip().lower() not in ("false", "0")
                key = row["verdict"] if scored else "unscored"
                counts[key] = counts.get(key, 0) + 1
    return counts


def _card(e: ReportEntry, out_dir: Path) -> str:
    """One region × plan card: the plan, its verdict counts and the link to its page."""
    from ningbo_analysis.corpus.periods import plan as plan_period

    p = plan_period(e.plan)
    href = quote(e.html.relative_to(out_dir).as_posix())
    shown = [v for v in CARD_VERDICTS] + [
        v for v in e.verdicts if v not in CARD_VERDICTS and v != "unscored"
    ]
    items = "".join(
        f'<li class="v-{html.escape(v)}"><span class="n">{e.verdicts.get(v, 0)}</span> '
        f"{html.escape(value_label('verdict', v))}</li>"
        for v in shown
    )
    if e.verdicts.get("unscored"):
        items += (
            f'<li class="v-unscored"><span class="n">{e.verdicts["unscored"]}</span> '
            f"{html.escape(value_label('verdict', 'unscored'))}</li>"
        )
    total = sum(e.verdicts.values())
    warn = _warning(e)
    return (
        f'<div class="card" id="{html.escape(e.region)}-{html.escape(e.plan)}">'
        f"<h3>{html.escape(p.name)}规划（{p.start}–{p.end}）</h3>"
        f'<p class="total">量化目标 <b>{total}</b> 项</p><ul class="verdicts">{items}</ul>'
        f'<p><a href="{href}">{html.escape(e.title)} →</a>{warn}</p></div>'
    )


def _warning(e: ReportEntry) -> str:
    if not e.problems:
        return ""
    return f' <span class="warn" title="{html.escape("; ".join(e.problems))}">⚠ 有警告</span>'


_INDEX_STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:72em;color:#222}"
    ".cards{display:flex;flex-wrap:wrap;gap:1em;margin:.5em 0 1em}"
    ".card{border:1px solid #bbb;border-radius:6px;padding:.6em 1em;min-width:16em}"
    ".card h3{margin:.2em 0}.card ul{list-style:none;padding:0;margin:.3em 0}"
    ".card li{margin:.1em 0}.card .n{display:inline-block;min-width:2em;text-align:right;"
    "font-weight:bold;margin-right:.3em}.total{margin:.2em 0;color:#444}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;"
    "text-align:left;vertical-align:top}details{margin-top:2em}"
)


def _region_section(region: str, entries: Sequence[ReportEntry], out_dir: Path) -> str:
    planned = [e for e in entries if e.plan]
    others = [e for e in entries if not e.plan]
    cards = "".join(_card(e, out_dir) for e in planned)
    links = "".join(
        f'<li><a href="{quote(e.html.relative_to(out_dir).as_posix())}">'
        f"{html.escape(e.title)}</a>{_warning(e)}</li>"
        for e in others
    )
    return (
        f"<section><h2>{html.escape(region)}</h2>"
        + (f'<div class="cards">{cards}</div>' if cards else "")
        + (f"<p>其他报告：</p><ul>{links}</ul>" if links else "")
        + "</section>\n"
    )


def index_page(entries: Sequence[ReportEntry], out_dir: Path) -> str:
    """``index.html``: per region a card per plan (verdict counts, link), the other reports,
    and the parameters of every report folded at the end."""
    regions = list(dict.fromkeys(e.region for e in entries))
    sections = "".join(
        _region_section(r, [e for e in entries if e.region == r], out_dir) for r in regions
    )
    rows = []
    for e in entries:
        href = quote(e.html.relative_to(out_dir).as_posix())
        params = "<br>".join(
            f"{html.escape(str(k))} = {html.escape(str(v))}" for k, v in e.parameters.items()
        )
        rows.append(
            f"<tr><td>{html.escape(e.region)}</td>"
            f'<td><a href="{href}">{html.escape(e.title)}</a></td>'
            f"<td><code>{html.escape(e.notebook.name)}</code></td><td><code>{params}</code></td>"
            f"<td>{'正常' if not e.problems else '有警告'}{_warning(e)}</td></tr>"
        )
    title = html.escape(_index_title(entries))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{_INDEX_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n<p>每张卡片是一个地区的一个五年规划：各判定的目标数，点击进入记分卡。"
        "判定的含义见记分卡页末的“判定规则”。</p>\n"
        + sections
        + "<details><summary>各报告的运行参数</summary>\n<table>\n<thead><tr><th>地区</th>"
        "<th>报告</th><th>笔记本</th><th>参数</th><th>状态</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</details>\n</body>\n</html>\n"
    )


def write_index(entries: Sequence[ReportEntry], out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` (:func:`index_page`) and ``out_dir/index.json`` (the same
    entries as data), each by write-then-rename."""
    data = [
        {
            "region": e.region,
            "notebook": e.notebook.name,
            "plan": e.plan,
            "title": e.title,
            "html": e.html.relative_to(out_dir).as_posix(),
            "ipynb": e.ipynb.relative_to(out_dir).as_posix(),
            "parameters": {k: str(v) for k, v in e.parameters.items()},
            "problems": list(e.problems),
            "outputs": list(e.outputs),
            "verdicts": dict(e.verdicts),
        }
        for e in entries
    ]
    write_atomic(out_dir / INDEX_DATA, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return write_atomic(out_dir / "index.html", index_page(entries, out_dir))


def read_index(out_dir: Path, say: Callable[[str], None] | None = None) -> list[ReportEntry]:
    """The entries of ``out_dir/index.json`` whose HTML report still exists ([] without one). A
    corrupt index.json is never read as empty (the next index would drop every report it does not
    redo): it is kept aside as ``index.json.corrupt`` and its entries are rebuilt from the report
    folders on disk (:func:`entries_on_disk`), said through ``say``."""
    path = out_dir / INDEX_DATA
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    try:
        entries = [_entry(d, out_dir) for d in json.loads(text)]
    except (ValueError, KeyError, TypeError, AttributeError):
        os.replace(path, path.with_name(INDEX_DATA + ".corrupt"))
        entries = entries_on_disk(out_dir)
        if say is not None:
            say(
                f"warning: {path} was corrupt (kept as {INDEX_DATA}.corrupt); the index is "
                f"rebuilt from the {len(entries)} reports found in {out_dir}"
            )
    return [e for e in entries if e.html.is_file()]


def _entry(d: dict, out_dir: Path) -> ReportEntry:
    return ReportEntry(
        region=str(d["region"]),
        notebook=Path(d["notebook"]),
        title=str(d["title"]),
        html=out_dir / d["html"],
        ipynb=out_dir / d["ipynb"],
        parameters=dict(d["parameters"]),
        problems=list(d.get("problems", [])),
        outputs=[str(o) for o in d.get("outputs", [])],
        plan=str(d.get("plan", "")),
        verdicts={str(k): int(v) for k, v in d.get("verdicts", {}).items()},
    )


_REGION_PARAMETER = re.compile(r"^region\s*=\s*(['\"])(.+?)\1", re.M)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def entries_on_disk(out_dir: Path) -> list[ReportEntry]:
    """The reports in the region folders of ``out_dir``: each page (``<notebook>[_<plan>].html``)
    with its executed notebook beside it, its region read from the notebook's parameters (else
    the folder's name), its title from the page, its verdicts from its plan's scorecard CSV."""
    from ningbo_analysis.corpus.periods import plan_names

    plans = sorted(plan_names(), key=len, reverse=True)
    entries = []
    for page in sorted(out_dir.glob("*/*.html")):
        ipynb = page.with_suffix(".ipynb")
        if page.parent.name.startswith(".") or not ipynb.is_file():
            continue
        stem, plan = page.stem, ""
        for name in plans:
            if stem.endswith(f"_{name}"):
                stem, plan = stem[: -len(name) - 1], name
                break
        source = ipynb.read_text(encoding="utf-8", errors="replace")
        region = _REGION_PARAMETER.search(json_source(source))
        title = _TITLE.search(page.read_text(encoding="utf-8", errors="replace")[:20000])
        pattern = f"scorecard_*_{plan}.csv" if plan else "-"
        entries.append(
            ReportEntry(
                region=region.group(2) if region else page.parent.name,
                notebook=Path(f"{stem}.ipynb"),
                title=html.unescape(title.group(1)).strip() if title else stem,
                html=page,
                ipynb=ipynb,
                parameters={},
                outputs=[p.relative_to(out_dir).as_posix() for p in (page, ipynb)],
                plan=plan,
                verdicts=scorecard_verdicts(page.parent, pattern),
            )
        )
    return entries


def json_source(notebook: str) -> str:
    """The code of a notebook's cells (its JSON as text when it cannot be read)."""
    try:
        cells = json.loads(notebook).get("cells", [])
        return "\n".join(
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return notebook


def merge_index(old: Sequence[ReportEntry], new: Sequence[ReportEntry]) -> list[ReportEntry]:
    """``old`` with each entry of the same region, notebook and plan replaced by the ``new`` one
    (in place), then the other new entries in their order."""
    fresh = {e.key: e for e in new}
    merged = [fresh.pop(e.key, e) for e in old]
    return merged + [e for e in new if e.key in fresh]


__all__ = [
    "INDEX_DATA",
    "ReportEntry",
    "entries_on_disk",
    "merge_index",
    "read_index",
    "write_index",
]
