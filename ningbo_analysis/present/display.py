"""Display formatting: the one place where numbers, units, ranks, themes and tables become readable.

Every notebook table, chart label and CSV "display" column goes through this module, so a figure
reads the same everywhere and never in scientific notation. Values come in base units, as in
``extract_figures`` (元, 人, 标箱, %, 个百分点 …).

Stable API::

    format_value(1.24087e12, "元")             → "12,408.7亿元"
    format_value(1.7e12, "元")                 → "1.7万亿元"
    format_value(486000, "人")                 → "48.6万人"
    format_value(20630000, "标箱")             → "2,063万标箱"
    format_value(6.4, "%")                     → "6.4%"
    format_value(3, "位", measure="rank")      → "第3位"
    format_rate(7.2, "%", per_year=True)       → "7.2%/年"
    format_rate(0.15, "个百分点", per_year=True) → "0.15个百分点/年"   ("%/yr", "pp/yr" also accepted)
    format_rank(3)                             → "第3位"
    format_qualified(365000, "人", "more_than") → "超过36.5万人"   (qualifier as written)
    format_change(-3, "%", "at_least")        → "下降3%以上"      (a fall as a plan writes it)
    format_number(1234567.891)                 → "1,234,567.89"   (plain, thousands separators)
    plain_decimal(1.24087e12)                  → "1240870000000"  (CSV: full value, no e-notation)
    theme_label("urban_rural")                 → "城乡融合"        (data/theme_names.csv)
    column_label("indicator")                  → "指标"            (data/column_names.csv)
    value_label("verdict", "met")              → "达成"            (data/value_labels.csv)
    display_frame(df, values={"value": "unit"}) → strings in display units, Chinese headers
    add_display_columns(df, {"value": "unit"}) → df plus ``value_display`` (for CSV)
    html_table(df, "figures")                  → an offline HTML table (filter, sort, pages)
    escape_md("<img onerror=…> **x**")        → text safe to put into Markdown (shows as typed)

Why not itables: it embeds its JavaScript offline (``connected=False``), but as a 608 KB bundle
plus 108 KB CSS per page, draws the rows from JSON (the DOM holds no table until the script ran)
and numbers tables with random ids; a 2 KB inline script over a plain escaped ``<table>`` keeps
reports small, byte-identical and readable without JavaScript.

The multiplier of an amount is the one a document would write: the largest of 万亿/亿/万 in which
the value has at most two decimals (1.7万亿元, 12,408.7亿元 rather than 1.24087万亿元, 48.6万人),
else 亿 from 1亿 up and 万 from 100万 up, rounded to two decimals; smaller amounts are written out.
Binary noise (1639999999.9999998) is rounded away at display time. A unit written with the
classifier 个 (``units.csv``: 个工作日 → 工作日, 个月 → 月) gets it back: ``1个工作日``, ``3个月``.
"""

from __future__ import annotations

import html
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ningbo_analysis.errors import ParameterError, require_columns, require_int
from ningbo_analysis.labels import column_label, theme_label, value_label
from ningbo_analysis.numbers.format import (
    _missing,
    format_change,
    format_number,
    format_qualified,
    format_rank,
    format_rate,
    format_value,
    plain_decimal,
)

__all__ = [
    "Html",
    "add_display_columns",
    "code_md",
    "column_label",
    "display_frame",
    "escape_md",
    "format_change",
    "format_number",
    "format_qualified",
    "format_rank",
    "format_rate",
    "format_value",
    "html_table",
    "plain_decimal",
    "theme_label",
    "value_label",
]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_md(text: object) -> str:
    """Document text made safe for a Markdown cell or ``IPython.display.Markdown``: HTML
    escaped (``<img onerror=…>`` shows as text) and Markdown syntax backslash-escaped."""
    if _missing(text):
        return ""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def code_md(text: object) -> str:
    """A doc_id or file name as a Markdown code span; text holding a backtick or a line break
    (which would end the span and let HTML through) as escaped plain text instead.

    >>> code_md("002-01"), code_md("a`<b>") == "a\\\\`&lt;b&gt;"
    ('`002-01`', True)
    """
    s = "" if _missing(text) else str(text)
    if not s or "`" in s or "\n" in s or "\r" in s:
        return escape_md(s)
    return f"`{s}`"


# ---------------------------------------------------------------- labels


# ---------------------------------------------------------------- frames


def _unit_of(df: pd.DataFrame, spec: str) -> pd.Series:
    """The unit column ``spec`` of ``df``, or ``spec`` itself as a constant unit."""
    if spec in df.columns:
        return df[spec].astype(object)
    return pd.Series([spec] * len(df), index=df.index, dtype=object)


def _formatted(df: pd.DataFrame, column: str, unit_spec: str) -> list[str]:
    units = _unit_of(df, unit_spec)
    measures = df["measure"] if "measure" in df.columns else [None] * len(df)
    return [
        format_value(v, u, measure=m) for v, u, m in zip(df[column], units, measures, strict=True)
    ]


def add_display_columns(df: pd.DataFrame, values: Mapping[str, str]) -> pd.DataFrame:
    """A copy of ``df`` with ``<column>_display`` after each value column: ``values`` maps a value
    column to its unit column (or a unit such as ``"%"``). The value columns stay numbers."""
    out = df.copy()
    for column, unit_spec in values.items():
        if column not in out.columns:
            raise ParameterError(f"add_display_columns: no column {column!r} in the table")
        shown = _formatted(df, column, unit_spec)
        out.insert(out.columns.get_loc(column) + 1, f"{column}_display", shown)
    return out


#: Integer columns that are positions, years or identifiers, shown without thousands
#: separators (character offsets 13520, year 2020, qa_id 3); other integers are counts (24,777).
_PLAIN_INTEGER = re.compile(r"(?:^|_)(?:start|end|offset|year|period|date|id|line|page)s?$")


def _cell(column: str, value: object, coded: bool) -> str:
    """One table cell as text: counts with thousands separators (24,777), floats by
    :func:`format_number`, positions/years/ids (:data:`_PLAIN_INTEGER`) as written."""
    if _missing(value):
        return ""
    if coded:
        return value_label(column, value)
    if isinstance(value, bool | np.bool_):
        return "是" if value else "否"
    if isinstance(value, numbers.Integral):
        return str(value) if _PLAIN_INTEGER.search(str(column)) else f"{int(value):,}"
    if isinstance(value, float):
        return format_number(value, 4)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def display_frame(
    df: pd.DataFrame,
    values: Mapping[str, str] | None = None,
    columns: Sequence[str] | None = None,
    coded: Iterable[str] = ("theme", "kind", "measure", "qualifier", "verdict", "status"),
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A table for reading: every cell a string, value columns in display units, coded columns
    (``theme``, ``verdict`` …) in Chinese, Chinese headers, a plain 0..n index (not shown by
    :func:`html_table`).

    ``values`` maps a value column to its unit column or a fixed unit; ``columns`` picks and
    orders the columns (default: all, without the unit columns used by ``values``); ``labels``
    overrides headers. ``attrs["english"]`` maps each header to the column name (tooltips) and
    ``attrs["numeric"]`` lists the headers of number columns (right-aligned).
    """
    require_columns(df, [], function="display.display_frame", argument="df")
    values = dict(values or {})
    used_units = {u for u in values.values() if u in df.columns}
    cols = list(columns) if columns is not None else [c for c in df.columns if c not in used_units]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ParameterError(f"display_frame: no column(s) {', '.join(map(repr, missing))}")
    coded = set(coded)
    labels = dict(labels or {})
    out: dict[str, list[str]] = {}
    english: dict[str, str] = {}
    numeric: list[str] = []
    for col in cols:
        head = labels.get(col) or column_label(col)
        if head in out:
            head = f"{head} ({col})"
        english[head] = col
        if col in values:
            out[head] = _formatted(df, col, values[col])
            numeric.append(head)
        else:
            out[head] = [_cell(col, v, col in coded) for v in df[col]]
            if pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col]):
                numeric.append(head)
    frame = pd.DataFrame(out, index=range(len(df)), dtype=object)
    frame.attrs["english"] = english
    frame.attrs["numeric"] = numeric
    return frame


# ---------------------------------------------------------------- HTML


class Html:
    """An HTML fragment that Jupyter shows as HTML (``_repr_html_``) and ``str()`` returns."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Html {len(self.text)} characters>"

    def _repr_html_(self) -> str:
        return self.text


_ID = re.compile(r"^[A-Za-z][\w-]*$")

#: One stylesheet and script for all tables of a page; defined once (guarded by the element id).
_STYLE = """<style>
.ningbo-table-wrap{margin:.5em 0 1.2em 0;max-width:100%;overflow-x:auto}
.ningbo-table-wrap .ningbo-tools{margin:.2em 0;font-size:90%}
.ningbo-table-wrap .ningbo-tools input{padding:.15em .4em;min-width:14em}
.ningbo-table-wrap .ningbo-tools button{margin:0 .2em}
table.ningbo-table{border-collapse:collapse;font-size:90%}
table.ningbo-table th,table.ningbo-table td{border:1px solid #ddd;padding:.25em .5em;
vertical-align:top;white-space:normal;max-width:36em;min-width:4.5em;text-align:left !important}
table.ningbo-table th{background:#f3f4f6;cursor:pointer;user-select:none}
table.ningbo-table td.num,table.ningbo-table th.num{text-align:right !important;white-space:nowrap}
table.ningbo-table tbody tr:nth-child(even){background:#fafafa}
table.ningbo-table caption{caption-side:top;text-align:left;font-weight:bold;padding:.2em 0}
table.ningbo-table tr:target,table.ningbo-table tr.ningbo-hit{background:#fff3b0 !important;
outline:2px solid #b08800}
table.ningbo-table .src{font-size:85%;color:#555}table.ningbo-table .src a{color:#0645ad}
</style>"""

_SCRIPT = """<script>
(function(){
if(window.ningboTable){return;}
function key(t){var s=t.replace(/,/g,'').replace(/^第/,'');
var m=s.match(/^([-+]?\\d+(?:\\.\\d+)?)(万亿|亿|万)?/);
if(!m){return null;}var f={'万亿':1e12,'亿':1e8,'万':1e4}[m[2]]||1;return parseFloat(m[1])*f;}
window.ningboTable=function(id,size){
var wrap=document.getElementById(id);if(!wrap){return;}
var table=wrap.querySelector('table'),body=table.tBodies[0];
var rows=Array.prototype.slice.call(body.rows),shown=rows,page=0,dir={};
var tools=wrap.querySelector('.ningbo-tools'),input=tools.querySelector('input');
var info=tools.querySelector('.ningbo-info'),prev=tools.querySelector('.prev'),next=tools.querySelector('.next');
function draw(){var pages=Math.max(1,Math.ceil(shown.length/size));page=Math.min(page,pages-1);
rows.forEach(function(r){r.style.display='none';});
shown.forEach(function(r,i){body.appendChild(r);
r.style.display=(i>=page*size&&i<(page+1)*size)?'':'none';});
info.textContent='第 '+(page+1)+' / '+pages+' 页，共 '+shown.length+' 行';
prev.disabled=page===0;next.disabled=page>=pages-1;}
input.addEventListener('input',function(){var q=input.value.trim().toLowerCase();
shown=rows.filter(function(r){return r.textContent.toLowerCase().indexOf(q)>=0;});page=0;draw();});
prev.addEventListener('click',function(){page-=1;draw();});
next.addEventListener('click',function(){page+=1;draw();});
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,c){
th.addEventListener('click',function(){var d=dir[c]=-(dir[c]||-1);
shown=shown.slice().sort(function(a,b){var x=a.cells[c].textContent,y=b.cells[c].textContent;
var kx=key(x),ky=key(y);if(kx!==null&&ky!==null){return d*(kx-ky);}
if(kx!==null){return -1;}if(ky!==null){return 1;}return d*x.localeCompare(y,'zh');});
page=0;draw();});});
function reveal(){var id=decodeURIComponent(location.hash.slice(1));if(!id){return;}
var i=rows.findIndex(function(r){return r.id===id;});if(i<0){return;}
input.value='';shown=rows;page=Math.floor(i/size);draw();
rows.forEach(function(r){r.classList.remove('ningbo-hit');});
rows[i].classList.add('ningbo-hit');rows[i].scrollIntoView({block:'center'});}
window.addEventListener('hashchange',reveal);
draw();reveal();};
})();
</script>"""


#: Rows an HTML table embeds at most (a row of the figures table is ≈ 0.5 KB of HTML: 5,000 rows
#: ≈ 2.5 MB). A longer table shows its first ``MAX_ROWS`` rows under a line that says how many
#: rows it has and where all of them are (the CSV written beside the page), so a very large
#: corpus gives pages a browser opens, not hundreds of MB.
MAX_ROWS = 5000


def _check_cut(max_rows: object, full_table: object) -> None:
    """ParameterError for a ``max_rows`` that is not a positive int or a ``full_table`` that is
    not a file name (text)."""
    require_int(max_rows, function="display.html_table", argument="max_rows", minimum=1)
    if not isinstance(full_table, str):
        raise ParameterError(
            f"html_table: full_table must be a file name, got {type(full_table).__name__}"
        )


def _cut_note(n_rows: int, max_rows: int, full_table: str) -> str:
    """The line above a table cut to its first ``max_rows`` rows."""
    if full_table:
        name = html.escape(full_table)
        where = f'全部 {n_rows:,} 行见数据文件 <a href="{name}">{name}</a>'
    else:
        where = f"其余 {n_rows - max_rows:,} 行未列出"
    return (
        f'<p class="ningbo-cut">本表共 {n_rows:,} 行，页面只列出前 {max_rows:,} 行'
        f"（筛选和排序只在这些行中）；{where}。</p>"
    )


def _numeric_columns(df: pd.DataFrame, numeric: Iterable[str] | None) -> set[str]:
    if numeric is not None:
        return set(numeric)
    if "numeric" in df.attrs:
        return set(df.attrs["numeric"])
    return {c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])}


def html_table(
    df: pd.DataFrame,
    table_id: str,
    *,
    caption: str = "",
    page_size: int = 20,
    tooltips: Mapping[str, str] | None = None,
    numeric: Iterable[str] | None = None,
    row_ids: Sequence[str] | None = None,
    html_columns: Iterable[str] = (),
    max_rows: int = MAX_ROWS,
    full_table: str = "",
) -> Html:
    """An HTML table that works offline: no index column, text left-aligned, numbers
    right-aligned, every cell escaped, headers with a ``title`` tooltip (the English column name
    of a :func:`display_frame`). Tables longer than ``page_size`` rows get a filter box,
    sortable headers and pages from a small inline script; without JavaScript every row shows.
    ``table_id`` (letters, digits, ``_``, ``-``) keeps the page byte-identical from run to run.
    ``row_ids`` gives each row an ``id`` (a link ``page.html#id`` opens the page holding the
    row and marks it); cells of ``html_columns`` are HTML made by the caller (escaped there).
    A table of more than ``max_rows`` rows embeds its first ``max_rows`` under a line giving its
    length and, when ``full_table`` names the CSV written beside the page, a link to it.
    """
    require_columns(df, [], function="display.html_table", argument="df")
    if not isinstance(table_id, str) or not _ID.match(table_id):
        raise ParameterError(f"html_table: table_id {table_id!r} must be letters, digits, _ or -")
    require_int(page_size, function="display.html_table", argument="page_size", minimum=1)
    _check_cut(max_rows, full_table)
    if not isinstance(caption, str):
        raise ParameterError(f"html_table: caption must be a string, got {type(caption).__name__}")
    tips = dict(df.attrs.get("english", {}))
    tips.update(tooltips or {})
    nums = _numeric_columns(df, numeric)
    heads = []
    for col in df.columns:
        cls = ' class="num"' if col in nums else ""
        tip = tips.get(col)
        title = f' title="{html.escape(str(tip))}"' if tip and str(tip) != str(col) else ""
        heads.append(f"<th{cls}{title}>{html.escape(str(col))}</th>")
    raw = set(html_columns)
    ids = list(row_ids) if row_ids is not None else [""] * len(df)
    if len(ids) != len(df):
        raise ParameterError(f"html_table: {len(ids)} row_ids for {len(df)} rows")
    note = ""
    if len(df) > max_rows:
        note = _cut_note(len(df), max_rows, full_table)
        df, ids = df.iloc[:max_rows], ids[:max_rows]
    body = []
    for row, rid in zip(df.itertuples(index=False), ids, strict=True):
        cells = "".join(
            ('<td class="num">' if col in nums else "<td>")
            + (str(v) if col in raw else html.escape(_cell(col, v, False)))
            + "</td>"
            for col, v in zip(df.columns, row, strict=True)
        )
        attr = f' id="{html.escape(rid)}"' if rid else ""
        body.append(f"<tr{attr}>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    paged = len(df) > page_size
    tools = (
        '<div class="ningbo-tools"><input type="search" placeholder="筛选 filter…" '
        'aria-label="筛选"> <button class="prev" type="button">上一页</button>'
        '<button class="next" type="button">下一页</button> <span class="ningbo-info"></span>'
        "</div>"
        if paged
        else ""
    )
    script = (
        f"{_SCRIPT}\n<script>window.ningboTable({table_id!r}, {int(page_size)});</script>"
        if paged
        else ""
    )
    text = (
        f'{_STYLE}\n<div class="ningbo-table-wrap" id="{table_id}">{note}{tools}'
        f'<table class="ningbo-table">{cap}<thead><tr>{"".join(heads)}</tr></thead>\n'
        f"<tbody>\n" + "\n".join(body) + f"\n</tbody></table></div>{script}"
    )
    return Html(text)


def file_links(files: Iterable[tuple[object, int | None]], caption: str = "本页数据文件") -> Html:
    """Links to the tables a report wrote beside it (``[(path, rows), …]``): the file's name,
    its row count (None: not shown); CSV opens in Excel (UTF-8 with BOM)."""
    from pathlib import Path

    items = "".join(
        f'<li><a href="{html.escape(Path(str(p)).name)}">{html.escape(Path(str(p)).name)}</a>'
        + ("" if n is None else f"（{int(n):,} 行）")
        + "</li>"
        for p, n in files
    )
    return Html(f'<div class="ningbo-files"><p>{html.escape(caption)}：</p><ul>{items}</ul></div>')
