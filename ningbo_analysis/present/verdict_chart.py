"""The verdict chart of report 03: one row per target, the stated outcome as a percentage of the
target on one common scale (100 % = the target), a marker per verdict whose shape and colour
come from ``data/glossary.csv`` (shapes keep it readable in grey-scale), the source quote on
hover (an SVG ``<title>``). Inline SVG: no script, no library, a few KB, byte-stable, works
offline in a browser and in JupyterLab. Targets without a comparable outcome sit in the lane
on the left (暂无可比结果) with their verdict's marker.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from ningbo_analysis.errors import require_columns
from ningbo_analysis.labels import glossary, is_missing, value_label
from ningbo_analysis.present.display import Html, format_value
from ningbo_analysis.schemas import filled

ROW = 24
LABEL_W = 220
LANE_W = 70
PLOT_W = 440
TOP = 56


def outcome_ratio(r) -> float:
    """The stated outcome as a percentage of the target (NaN when not comparable: no outcome,
    another unit, a zero target)."""
    t, o = r.get("target_value"), r.get("outcome_value")
    if is_missing(t) or is_missing(o) or float(t) == 0:
        return math.nan
    if str(r.get("outcome_unit") or "") != str(r.get("unit") or ""):
        return math.nan
    return 100.0 * float(o) / float(t)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    s = 6
    c = "#" + html.escape(colour.lstrip("#") or "444444")
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s}" fill="{c}"/>'
    if shape == "ring":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s - 1}" fill="#fff" stroke="{c}" stroke-width="2"/>'
    if shape == "square":
        return f'<rect x="{x - s + 1:.1f}" y="{y - s + 1:.1f}" width="{2 * s - 2}" height="{2 * s - 2}" fill="{c}"/>'
    if shape == "cross":
        return (
            f'<path d="M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},{y + s:.1f}'
            f'L{x + s:.1f},{y - s:.1f}" stroke="{c}" stroke-width="3"/>'
        )
    if shape == "diamond":
        return f'<path d="M{x:.1f},{y - s - 1:.1f}L{x + s + 1:.1f},{y:.1f}L{x:.1f},{y + s + 1:.1f}L{x - s - 1:.1f},{y:.1f}Z" fill="{c}"/>'
    if shape in ("triangle_up", "triangle_down"):
        d = -1 if shape == "triangle_up" else 1
        return f'<path d="M{x:.1f},{y + d * s:.1f}L{x + s:.1f},{y - d * s:.1f}L{x - s:.1f},{y - d * s:.1f}Z" fill="{c}"/>'
    return f'<path d="M{x - s:.1f},{y:.1f}L{x + s:.1f},{y:.1f}" stroke="{c}" stroke-width="3"/>'


def _state(r) -> str:
    scored = r.get("scored", True)
    return str(r["verdict"]) if is_missing(scored) or bool(scored) else "unscored"


def _tip(r, ratio: float) -> str:
    parts = [str(r["indicator"]), f"判定：{value_label('verdict', _state(r))}"]
    parts.append("目标：" + format_value(r["target_value"], r["unit"], measure=r.get("measure")))
    if not is_missing(r.get("outcome_value")):
        parts.append(
            "结果："
            + format_value(
                r["outcome_value"], r.get("outcome_unit") or "", measure=r.get("measure")
            )
            + ("" if math.isnan(ratio) else f"（目标的 {ratio:.0f}%）")
        )
    for col, word in (("target_source", "目标出处"), ("outcome_source", "结果出处")):
        if not is_missing(r.get(col)) and str(r.get(col)):
            parts.append(f"{word}：{r[col]}")
    return "\n".join(parts)


def _legend(present: list[str], styles: dict) -> list[str]:
    """Marker and label of each verdict shown, in a row under the title."""
    out, lx = [], 4
    for v in present:
        g = styles[v]
        out.append(_marker(g["marker"], lx + 7, 34, g["colour"]))
        out.append(f'<text x="{lx + 18}" y="38">{html.escape(g["label_zh"])}</text>')
        lx += 30 + 13 * len(g["label_zh"])
    return out


def scorecard_chart(sc: pd.DataFrame, title: str = "") -> Html:
    """The verdict chart of a scorecard (:func:`ningbo_analysis.plans.plan_scorecard`) as inline
    SVG: rows = targets, x = outcome as % of target, marker = verdict."""
    sc = filled(sc)
    require_columns(
        sc,
        ["indicator", "verdict", "target_value", "unit", "outcome_value", "outcome_unit"],
        function="plots.scorecard_chart",
        argument="sc",
        made_by="plan_scorecard()",
    )
    styles = {v: g for (c, v), g in glossary().items() if c == "verdict"}
    order = list(styles)
    rows = [r for _, r in sc.iterrows()]
    rows.sort(key=lambda r: order.index(_state(r)) if _state(r) in order else 99)
    ratios = [outcome_ratio(r) for r in rows]
    top = max([150.0] + [min(x, 300.0) for x in ratios if not math.isnan(x)])
    top = math.ceil(top / 50) * 50
    x0 = LABEL_W + LANE_W

    def xpos(p: float) -> float:
        return x0 + PLOT_W * max(0.0, min(p, top)) / top

    height = TOP + ROW * len(rows) + 30
    width = x0 + PLOT_W + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ningbo-verdict-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="12" aria-label="{html.escape(title or "判定图")}">'
    ]
    if title:
        out.append(
            f'<text x="4" y="16" font-size="14" font-weight="bold">{html.escape(title)}</text>'
        )
    out += _legend([v for v in order if any(_state(r) == v for r in rows)], styles)
    bottom = TOP + ROW * len(rows)
    for p in range(0, int(top) + 1, 50):
        x = xpos(p)
        dash = "" if p == 100 else ' stroke-dasharray="2,3"'
        colour = "#333" if p == 100 else "#bbb"
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{colour}"{dash}/>'
        )
        out.append(f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">{p}%</text>')
    out.append(f'<text x="{xpos(100):.1f}" y="{TOP - 10}" text-anchor="middle">目标 = 100%</text>')
    out.append(
        f'<text x="{LABEL_W + LANE_W / 2:.1f}" y="{TOP - 10}" text-anchor="middle" fill="#555">暂无可比结果</text>'
    )
    out.append(
        f'<text x="{width - 4}" y="{bottom + 28}" text-anchor="end" fill="#555">结果占目标的百分比</text>'
    )
    for i, (r, ratio) in enumerate(zip(rows, ratios, strict=True)):
        y = TOP + ROW * i + ROW / 2
        g = styles.get(_state(r), styles["no_outcome"])
        name = str(r["indicator"])
        short = name if len(name) <= 15 else name[:14] + "…"
        x = LABEL_W + LANE_W / 2 if math.isnan(ratio) else xpos(ratio)
        if i % 2 == 0:
            out.append(
                f'<rect x="0" y="{y - ROW / 2:.1f}" width="{width}" height="{ROW}" fill="#f5f5f5"/>'
            )
        out.append(f"<g><title>{html.escape(_tip(r, ratio))}</title>")
        out.append(
            f'<text x="{LABEL_W - 6}" y="{y + 4:.1f}" text-anchor="end">{html.escape(short)}</text>'
        )
        if not math.isnan(ratio):
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#999"/>')
        out.append(_marker(g["marker"], x, y, g["colour"]))
        if not math.isnan(ratio) and ratio > top:
            out.append(
                f'<text x="{x - 8:.1f}" y="{y - 7:.1f}" text-anchor="end">{ratio:.0f}%</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return Html("\n".join(out))


__all__ = ["outcome_ratio", "scorecard_chart"]
