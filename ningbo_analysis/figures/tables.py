"""Tables as data: the rows of a plan outline's main-indicator table (指标 | 2020年 | 2025年 | 年均增长 |
属性), written in an article's text as Markdown pipe rows (a ``.md`` table, or a table of a
``.docx``/``.html``/``.pdf`` as the corpus stage renders it), become figures, one per cell:

- a year column (``2020年``, ``2025年目标``) gives a level of that year: an actual before the
  report year (the 2020 column of a 2021 outline), a target from it on (the 2025 column); a header
  saying 目标/预期 makes a target, 基数/实际/完成 an actual;
- a growth column (``年均增长``, ``年均增速``) gives the average growth over the plan period, from the
  year after the first year column to the last (``2021-2025``);
- a cumulative column (``累计``, ``五年累计``), or a year column's value in brackets (``〔13.5〕``,
  ``[3.5]``: the period's total as such tables print it), gives the period's total (a change for
  a rate; negative for 降低/下降/减少);
- ``属性`` (预期性/约束性) is kept in the figure's ``attribute``.

The unit comes from the indicator's parentheses (``地区生产总值（亿元）``) or a ``单位`` column; a
cell's offsets are those of its number in the text. Rows of a table read here are not read again as
sentences (:func:`table_lines`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ningbo_analysis.figures.figure import _Figure
from ningbo_analysis.numbers.parser import parse_quantities

_SEPARATOR = re.compile(r"^\|[\s\-:|]+\|?$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
_UNIT = re.compile(r"[（(]\s*([^（）()]{1,10}?)\s*[）)]\s*$")
_BRACKETS = re.compile(r"^[\[〔【［(（]\s*(.*?)\s*[\]〕】］)）]$")
_FALL = re.compile(r"降低|下降|减少|缩减|压减")
_GROWTH_NAME = re.compile(r"增长|增速|增幅")


@dataclass
class _TableFigure(_Figure):
    attribute: str = ""


@dataclass(frozen=True)
class _Column:
    role: str  # indicator | year | growth | cumulative | attribute | unit | other
    year: int | None = None
    kind: str = ""  # target | actual | "" (by the report year)


def _cells(line: str, start: int) -> list[tuple[str, int, int]]:
    """(text, start, end) of each cell of a pipe row at offset ``start`` (text stripped)."""
    out = []
    body = line.strip()
    lead = len(line) - len(line.lstrip())
    pos = start + lead + (1 if body.startswith("|") else 0)
    inner = body[1:] if body.startswith("|") else body
    if inner.endswith("|"):
        inner = inner[:-1]
    for cell in inner.split("|"):
        s = len(cell) - len(cell.lstrip())
        text = cell.strip()
        out.append((text, pos + s, pos + s + len(text)))
        pos += len(cell) + 1
    return out


def _blocks(text: str) -> list[list[tuple[str, int]]]:
    """Runs of consecutive pipe lines: [(line, start)] each."""
    blocks: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            current.append((line, pos))
        elif current:
            blocks.append(current)
            current = []
        pos += len(line) + 1
    if current:
        blocks.append(current)
    return blocks


def _columns(header: list[str]) -> list[_Column] | None:
    """The role of each header cell; None when the table holds no year or growth column."""
    cols = []
    for cell in header:
        m = _YEAR.search(cell)
        if "属性" in cell:
            cols.append(_Column("attribute"))
        elif "单位" in cell:
            cols.append(_Column("unit"))
        elif "累计" in cell:
            cols.append(_Column("cumulative"))
        elif "年均" in cell or ("增长" in cell and not m) or "增速" in cell:
            cols.append(_Column("growth"))
        elif m:
            kind = (
                "target"
                if re.search(r"目标|预期|规划", cell)
                else "actual"
                if re.search(r"基数|实际|完成|现状", cell)
                else ""
            )
            cols.append(_Column("year", int(m.group(1)), kind))
        else:
            cols.append(_Column("other"))
    if not any(c.role in ("year", "growth", "cumulative") for c in cols):
        return None
    named = [i for i, c in enumerate(cols) if c.role == "other" and "指标" in header[i]]
    others = [i for i, c in enumerate(cols) if c.role == "other" and header[i] not in ("序号",)]
    pick = named[-1] if named else (others[-1] if others else None)
    if pick is None:
        return None
    cols[pick] = _Column("indicator")
    return cols


def table_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every row of the indicator tables of ``text`` (header and separator
    included): the sentence reader leaves them to :func:`table_figures`."""
    spans = []
    for block in _blocks(text):
        header = [c[0] for c in _cells(*block[0])]
        if _columns(header) is not None:
            spans.extend((s, s + len(line)) for line, s in block)
    return spans


def table_figures(text: str, ref: int | None) -> list[_TableFigure]:
    """The figures of every indicator table of ``text`` (``ref``: the report year)."""
    out: list[_TableFigure] = []
    for block in _blocks(text):
        header = [c[0] for c in _cells(*block[0])]
        cols = _columns(header)
        if cols is None:
            continue
        years = sorted({c.year for c in cols if c.year is not None})
        for line, start in block[1:]:
            if _SEPARATOR.match(line.strip()):
                continue
            cells = _cells(line, start)
            if len(cells) != len(cols):
                continue
            out.extend(_row_figures(cols, cells, years, ref, (start, start + len(line))))
    return out


def _row_figures(
    cols: list[_Column],
    cells: list[tuple[str, int, int]],
    years: list[int],
    ref: int | None,
    line: tuple[int, int],
) -> list[_TableFigure]:
    by_role = {c.role: cells[i][0] for i, c in enumerate(cols)}
    name = by_role.get("indicator", "")
    unit = by_role.get("unit", "")
    m = _UNIT.search(name)
    if m:
        unit = unit or m.group(1)
        name = name[: m.start()].strip()
    name = re.sub(r"^[\d.、．\s]+", "", name)  # a row number: 1.地区生产总值
    if not name:
        return []
    attribute = by_role.get("attribute", "")
    end = years[-1] if years else None
    base = years[0] if len(years) > 1 else (end - 5 if end else None)
    span = f"{base + 1}-{end}" if base is not None and end is not None else ""
    out = []
    for col, (cell, s, _) in zip(cols, cells, strict=True):
        if col.role not in ("year", "growth", "cumulative") or not cell:
            continue
        bracket = _BRACKETS.match(cell)
        core_start = s + (bracket.start(1) if bracket else 0)
        core = bracket.group(1) if bracket else cell
        if col.role == "growth":
            measure, period, value_unit = "avg_growth", span, "%"
        elif col.role == "cumulative" or bracket:
            measure, period, value_unit = "cumulative", span, unit
        else:
            measure, period, value_unit = "level", str(col.year), unit
        q = _quantity(core, value_unit, core_start)
        if q is None:
            continue
        year = col.year if col.role == "year" and not bracket else end
        kind = col.kind or _kind(year, ref, end)
        if measure == "level" and q.unit == "%" and _GROWTH_NAME.search(name):
            measure = "growth"
        if measure == "cumulative" and q.unit in ("%", "个百分点"):
            measure = "change"
        value = -q.value if measure == "change" and _FALL.search(name) else q.value
        out.append(
            _TableFigure(
                q, name, measure, kind, period, value, q.unit, q.qualifier, line[0], line[1],
                attribute,
            )
        )  # fmt: skip
    return out


def _kind(year: int | None, ref: int | None, end: int | None) -> str:
    if year is None:
        return "target"
    if ref is not None:
        return "target" if year >= ref else "actual"
    return "target" if year == end else "actual"


_COMPARE = (("≥", "at_least"), ("≤", "at_most"), (">", "more_than"), ("＞", "more_than"),
            ("<", "less_than"), ("＜", "less_than"))  # fmt: skip


def _quantity(cell: str, unit: str, start: int):
    """The cell's number as a Quantity (offsets ``start`` + its place in the cell), read with the
    column's unit when the cell has none; None for a cell without a number (—, 待定)."""
    qualifier = ""
    for mark, name in _COMPARE:
        if cell.startswith(mark):
            qualifier = name
    found = parse_quantities(cell)
    if not found:
        return None
    q = found[0]
    end = q.end
    if not q.unit and unit:
        probe = cell[: q.end] + unit + cell[q.end :]
        with_unit = [p for p in parse_quantities(probe) if p.start == q.start]
        if with_unit and with_unit[0].unit:
            u = with_unit[0]
            end = max(q.end, u.end - len(unit))  # the cell's own text: 6 of 6左右 + %
            q = u
    return dataclasses.replace(
        q, start=start + q.start, end=start + end, raw=cell[q.start : end],
        qualifier=q.qualifier or qualifier,
    )  # fmt: skip
