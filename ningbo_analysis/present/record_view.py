"""The previous plan's record for reading: display table, trajectories and growth charts, CSV
(report 03's second part); the table itself comes from ``plans.record.compare_plans``."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from ningbo_analysis.errors import ParameterError, require_extra
from ningbo_analysis.labels import theme_label
from ningbo_analysis.numbers.format import format_change, format_qualified, format_value
from ningbo_analysis.plans.implied_rates import PlanYears
from ningbo_analysis.plans.prepare import RATE_BOUND_SIGNS, load_rules
from ningbo_analysis.plans.record import COLUMNS
from ningbo_analysis.schemas import filled

THIS_PLAN, PREVIOUS_PLAN = "本规划 this plan", "上一规划 previous plan"


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write the comparison as UTF-8 CSV (stable bytes): the columns of its plan, values in base
    units as plain decimals with a ``_display`` column after each level and target."""
    std, y = _standard(table)
    missing = [c for c in COLUMNS if c not in std.columns]
    if missing:
        raise ParameterError(f"comparison table lacks column(s) {missing}")
    p = Path(path)
    if not p.parent.exists():
        raise ParameterError(f"output folder does not exist: {p.parent}")
    from ningbo_analysis.present.tables import write_table

    base, actual, target = f"base_{y.prev_base}", f"actual_{y.base}", f"target_{y.end}"
    values = {base: "level_unit", actual: "level_unit", target: "unit"}
    return write_table(table, p, list(table.columns), values=values)


def _standard(table: pd.DataFrame) -> tuple[pd.DataFrame, PlanYears]:
    """The table with the default year columns (base_2015 …) and the years it is about; a
    ParameterError naming the missing columns for anything but a :func:`compare_plans` table."""
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(
            f"not a compare_plans table: expected a pandas DataFrame, got {type(table).__name__}"
        )
    found = {}
    for col in table.columns:
        m = re.fullmatch(r"(base|actual|target)_(\d{4})", str(col))
        if m:
            found[m.group(1)] = (col, int(m.group(2)))
    if set(found) != {"base", "actual", "target"}:
        lacking = [f"{k}_<year>" for k in ("base", "actual", "target") if k not in found]
        raise ParameterError(
            f"not a compare_plans table: lacks column(s) {', '.join(lacking)} "
            "(base_/actual_/target_<year>)"
        )
    names = {"base": "base_2015", "actual": "actual_2020", "target": "target_2025"}
    renames = {col: names[k] for k, (col, _) in found.items()}
    for col in table.columns:  # achieved_12th → achieved_13th (the default's names)
        m = re.fullmatch(r"(achieved|target_vs)_\d+th", str(col))
        if m:
            renames[col] = f"{m.group(1)}_13th"
    table = table.rename(columns=renames)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ParameterError(f"not a compare_plans table: lacks column(s) {', '.join(missing)}")
    start, base, end = (found[k][1] for k in ("base", "actual", "target"))
    return table, PlanYears(start, base, end, end - base)


def trajectory_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Long frame for the 2015 → 2020 → 2025 chart on comparable scales.

    Levels of money and amounts are indexed (2020 = 100); shares and rates in % are shown as pp
    relative to 2020. Columns: indicator, theme, scale, year, value, point (actual | target).
    """
    table = filled(table)
    table, y = _standard(table)
    rows = []
    for r in table.itertuples(index=False):
        if r.target_type not in ("level", "change") or math.isnan(r.actual_2020):
            continue
        pct = r.unit_kind in ("percent", "pp") or r.annual_unit == "pp/yr"
        if not pct and r.actual_2020 <= 0:
            continue
        scale = _pp_scale(y.base) if pct else _index_scale(y.base)

        def tr(v: float, pct: bool = pct, a: float = r.actual_2020) -> float:
            return v - a if pct else v / a * 100.0

        for year, v, point in (
            (y.prev_base, r.base_2015, "actual"),
            (y.base, r.actual_2020, "actual"),
            (y.end, r.target_2025, "target"),
        ):
            if not math.isnan(v):
                rows.append(
                    {
                        "indicator": r.indicator,
                        "theme": r.theme or "unclassified",
                        "scale": scale,
                        "year": year,
                        "value": round(tr(v), 10),
                        "point": point,
                    }
                )
    return pd.DataFrame(rows, columns=["indicator", "theme", "scale", "year", "value", "point"])


_RATE_AXIS = {"%/yr": "%/年", "pp/yr": "个百分点/年"}


def _index_scale(base: int) -> str:
    return f"指数 index ({base} = 100)"


def _pp_scale(base: int) -> str:
    return f"较{base}年 个百分点 (pp vs {base})"


GROWTH_COLUMNS = ["indicator", "theme", "annual_unit", "role", "basis", "series", "value", "bound"]


def _basis_word(basis: str, annual_unit: str) -> str:
    """``nominal`` / ``real`` / ``volume`` / ``pp`` from a basis text such as ``real (stated …)``."""
    if annual_unit == "pp/yr":
        return "pp"
    return basis.split(" (")[0].strip() or "unknown basis"


def growth_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Long frame of implied vs historical yearly change (rows with a rate or pp/yr).

    Each value says its basis (nominal, real, volume, pp) in ``basis`` and in its ``series`` label,
    e.g. ``implied 2020→2025 (nominal)`` next to ``stated 2016-2020 average (real)`` for GDP;
    ``role`` is ``this plan`` (implied or target rate) or ``previous plan`` (record); ``bound``
    the :func:`rate_bound` kind of a rate computed from a bound ("" for exact figures).
    """
    table = filled(table)
    table, y = _standard(table)
    rows = []
    for r in table.itertuples(index=False):
        if r.annual_unit not in ("%/yr", "pp/yr"):
            continue
        if r.target_type == "avg_growth":
            imp_label = f"target {y.base + 1}-{y.end} average"
        else:
            imp_label = f"implied {y.base}→{y.end}"
        hist, hist_label = r.historical_annual, f"historical {y.prev_base}→{y.base}"
        hist_basis = r.historical_basis
        if math.isnan(hist) and r.annual_unit == "%/yr" and not math.isnan(r.achieved_13th):
            hist, hist_label = r.achieved_13th, f"stated {y.prev_base + 1}-{y.base} average"
            hist_basis = r.achieved_basis
        for role, label, v, basis in (
            (THIS_PLAN, imp_label, r.implied_annual, r.implied_basis),
            (PREVIOUS_PLAN, hist_label, hist, hist_basis),
        ):
            if not math.isnan(v):
                word = _basis_word(basis, r.annual_unit)
                rows.append(
                    {
                        "indicator": r.indicator,
                        "theme": r.theme or "unclassified",
                        "annual_unit": r.annual_unit,
                        "role": role,
                        "basis": word,
                        "series": f"{label} ({word})",
                        "value": v,
                        "bound": basis.partition("; ")[2].split(":")[0],
                    }
                )
    return pd.DataFrame(rows, columns=GROWTH_COLUMNS)


def growth_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Bar-group label per indicator: ``name (theme)``, plus ``— nominal vs real`` when the bases differ.

    >>> # growth_labels(growth_frame(table))["地区生产总值"] == "地区生产总值 (经济发展) — nominal vs real"
    """
    labels = {}
    for name, g in frame.groupby("indicator", sort=False):
        bases = list(dict.fromkeys(g.sort_values("role", ascending=False)["basis"]))
        text = f"{name} ({theme_label(g['theme'].iloc[0])})"
        if len(bases) > 1:
            text += " — " + " vs ".join(bases)
        labels[name] = text
    return labels


def plot_trajectories(table: pd.DataFrame):
    """Seaborn small multiples: 2015 → 2020 → 2025 per indicator on comparable scales.

    Left panel: money and amounts as an index (2020 = 100); right panel: shares and rates in % as
    pp relative to 2020. Solid line = record, dashed = path to the 2025 target (× marker).
    Returns the matplotlib Figure (None when no indicator has a 2020 level).
    """
    table = filled(table)
    require_extra("plots", "matplotlib", "seaborn", feature="plot_trajectories")
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = trajectory_frame(table)
    if data.empty:
        return None
    _, y = _standard(table)
    scales = [s for s in (_index_scale(y.base), _pp_scale(y.base)) if s in set(data["scale"])]
    names = list(dict.fromkeys(data["indicator"]))
    colors = dict(zip(names, sns.color_palette("tab10", len(names)), strict=True))
    fig, axes = plt.subplots(1, len(scales), figsize=(6.0 * len(scales), 4.5), squeeze=False)
    for ax, scale in zip(axes[0], scales, strict=True):
        sub = data[data["scale"] == scale]
        for name, g in sub.groupby("indicator", sort=False):
            g = g.sort_values("year")
            rec, tgt = g[g["point"] == "actual"], g[g["year"] >= y.base]
            ax.plot(rec["year"], rec["value"], "-o", color=colors[name], label=name)
            ax.plot(tgt["year"], tgt["value"], "--", color=colors[name])
            end = g[g["point"] == "target"]
            ax.plot(end["year"], end["value"], "X", color=colors[name], markersize=9)
        ax.axhline(100.0 if scale == _index_scale(y.base) else 0.0, color="grey", lw=0.8)
        ax.set_xticks([y.prev_base, y.base, y.end])
        ax.set_title(scale)
        ax.set_xlabel("年份 year")
        ax.legend(fontsize="small", frameon=False)
    sns.despine(fig)
    fig.tight_layout()
    return fig


def plot_growth_comparison(table: pd.DataFrame):
    """Bars: this plan's (implied or target) vs the previous plan's yearly change; %/yr, pp/yr apart.

    Every bar is labelled with its value and basis as the table writes it (``6.5%/年 (nominal)``,
    ``0.09个百分点/年 (pp)``: :func:`display_table`'s rates), and an indicator
    whose two bars are on different bases says so in its label (``— nominal vs real``): a real
    stated rate is never set against a nominal CAGR silently. Returns the Figure (None if empty).
    """
    table = filled(table)
    require_extra("plots", "matplotlib", "seaborn", feature="plot_growth_comparison")
    import matplotlib.pyplot as plt
    import seaborn as sns

    data = growth_frame(table)
    if data.empty:
        return None
    labels = growth_labels(data)
    units = [u for u in ("%/yr", "pp/yr") if u in set(data["annual_unit"])]
    sizes = [data.loc[data["annual_unit"] == u, "indicator"].nunique() for u in units]
    fig, axes = plt.subplots(
        len(units),
        1,
        figsize=(9.0, 1.0 + 0.7 * sum(sizes) + 0.8 * len(units)),
        gridspec_kw={"height_ratios": sizes},
        squeeze=False,
    )
    roles = [THIS_PLAN, PREVIOUS_PLAN]
    colors = dict(zip(roles, sns.color_palette("tab10", 2), strict=True))
    height = 0.38
    for ax, unit in zip(axes[:, 0], units, strict=True):
        sub = data[data["annual_unit"] == unit].sort_values(["theme", "indicator"], kind="stable")
        names = list(dict.fromkeys(sub["indicator"]))
        for j, role in enumerate(roles):
            part = sub[sub["role"] == role]
            ys = [names.index(n) + (j - 0.5) * height for n in part["indicator"]]
            ax.barh(ys, part["value"], height=height, color=colors[role], label=role)
            for y, v, basis, bound in zip(
                ys, part["value"], part["basis"], part["bound"], strict=True
            ):
                sign = RATE_BOUND_SIGNS.get(bound, "")  # as in the table: ≥7.2%/年 (nominal)
                ax.annotate(
                    f" {sign}{_rate(v, unit, basis)} ",
                    (v, y),
                    va="center",
                    ha="left" if v >= 0 else "right",
                    fontsize="small",
                )
        ax.set_yticks(range(len(names)), [labels[n] for n in names])
        ax.invert_yaxis()
        ax.axvline(0.0, color="grey", lw=0.8)
        ax.margins(x=0.25)
        ax.set_xlabel(_RATE_AXIS[unit])
    sns.despine(fig)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    handles: dict = {}
    for ax in axes[:, 0]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
    fig.legend(list(handles.values()), list(handles), loc="upper center", ncol=2, frameon=False)
    return fig


def human_value(value: float, unit: str) -> str:
    """A readable figure in display units (``display.format_value``): ``1.24087e12, "元"`` →
    ``"12,408.7亿元"``.

    >>> human_value(250000.0, "人"), human_value(2.85, "%")
    ('25万人', '2.85%')
    """
    return format_value(value, unit)


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison for reading (report 03): values in display units (12,408.7亿元, 6.5%/年,
    0.78个百分点/年) with their basis, Chinese headers (English column names as tooltips).

    Levels (base years) are shown in ``level_unit`` (元 even when the target is a rate in %).
    """
    table = filled(table)
    from ningbo_analysis.present.display import display_frame, value_label

    t, y = _standard(table)
    levels = t["level_unit"]
    frame = pd.DataFrame(
        {
            "theme": t["theme"],
            "indicator": t["indicator"],
            "target_type": [value_label("measure", v) for v in t["target_type"]],
            f"{y.prev_base}": [
                format_qualified(v, u, q)
                for v, u, q in zip(
                    t["base_2015"], levels, _qualifiers(t, "base_qualifier"), strict=True
                )
            ],
            f"{y.base}": [
                format_qualified(v, u, q)
                for v, u, q in zip(t["actual_2020"], levels, _qualifiers(t), strict=True)
            ],
            f"{y.end} target": [
                _target_text(v, u, k, q)
                for v, u, k, q in zip(
                    t["target_2025"],
                    t["unit"],
                    t["target_type"],
                    t["target_qualifier"],
                    strict=True,
                )
            ],
            "achieved": list(map(_achieved, t["achieved_13th"], t["unit"], t["achieved_basis"])),
            "implied / yr": list(
                map(_rate, t["implied_annual"], t["annual_unit"], t["implied_basis"])
            ),
            "historical / yr": list(
                map(_rate, t["historical_annual"], t["annual_unit"], t["historical_basis"])
            ),
            "later_evidence": t["later_evidence"],
            "status": t["status"],
            "note": t["note"],
        }
    )
    labels = {
        f"{y.prev_base}": f"{y.prev_base}年",
        f"{y.base}": f"{y.base}年",
        f"{y.end} target": f"{y.end}年目标",
        "target_type": "目标类型",
        "achieved": "上一规划期实绩",
        "implied / yr": "目标隐含年均",
        "historical / yr": "上期年均",
        "later_evidence": "后续数据（目标不作证据）",
        "status": "进度",
        "note": "说明",
    }
    return display_frame(frame, labels=labels, coded=("theme", "status"))


def _qualifiers(table: pd.DataFrame, column: str = "actual_qualifier") -> list[str]:
    """``column`` (a qualifier column) of each row ("" for a table written before it existed)."""
    if column not in table.columns:
        return [""] * len(table)
    return ["" if pd.isna(q) else str(q) for q in table[column]]


def _target_text(value: float, unit: str, target_type: str, qualifier: str) -> str:
    """A target as the plan writes it, qualifier included: ``超过6,000亿元``, ``6%左右``,
    ``下降3%以上``."""
    return format_change(value, "%" if target_type == "avg_growth" else unit, qualifier)


def value_label_of_qualifier(qualifier: str) -> str:
    """以上 / 超过 / 以内 / 不到 / 左右 for a qualifier code ("" for none)."""
    from ningbo_analysis.present.display import value_label

    return value_label("qualifier", qualifier) if qualifier else ""


def _rate(value: float, annual_unit: str, basis: str) -> str:
    """``6.5%/年 (nominal)``, ``0.78个百分点/年 (pp)`` or ``26亿美元/年``; a rate from a bound
    (:func:`rate_bound`) with its sign and why: ``≤5.89%/年 (volume; upper bound: 2020 超过36.5万人)``."""
    from ningbo_analysis.present.display import format_rate

    if value is None or math.isnan(value):
        return ""
    if annual_unit in ("%/yr", "pp/yr"):
        text = format_rate(round(value, 3 if annual_unit == "pp/yr" else 2), annual_unit)
    else:
        text = format_rate(value, annual_unit.removesuffix("/yr"), per_year=True)
    head, sep, clause = basis.partition("; ")
    short = head.split(" (")[0]
    kind = clause.split(":")[0] if sep else ""
    text = RATE_BOUND_SIGNS.get(kind, "") + text
    inside = "; ".join(x for x in (short, clause) if x)
    return f"{text} ({inside})" if inside else text


def _achieved(value: float, unit: str, basis: str) -> str:
    """``6.4% real (stated avg growth, %/yr)``, ``0.44个百分点 pp change …``, ``119亿美元 …``."""
    if value is None or math.isnan(value):
        return ""
    if basis.startswith(("real", "nominal")):
        unit = "%"
    elif basis.startswith("pp"):
        unit = load_rules().pp_units[0]
    return f"{human_value(value, unit)} {basis}".strip()


#: Columns of :func:`display_table` written as English phrases by the plans stage.
_PHRASE_COLUMNS = ("上一规划期实绩", "目标隐含年均", "上期年均", "后续数据（目标不作证据）", "说明")


def display_html(table: pd.DataFrame, table_id: str = "comparison", page_size: int = 15):
    """:func:`display_table` as an HTML table whose reasons read in Chinese
    (``basis_text``; the English original in each cell's tooltip)."""
    table = filled(table)
    import html

    from ningbo_analysis.present.basis_text import basis_html
    from ningbo_analysis.present.display import html_table

    frame = display_table(table)
    out = frame.copy()
    for col in out.columns:
        if col in _PHRASE_COLUMNS:
            out[col] = [basis_html(v, "status") for v in frame[col]]
        else:
            out[col] = [html.escape(str(v)) for v in frame[col]]
    out.attrs = frame.attrs
    return html_table(out, table_id, page_size=page_size, html_columns=list(out.columns))


__all__ = [
    "GROWTH_COLUMNS",
    "display_html",
    "display_table",
    "growth_frame",
    "growth_labels",
    "human_value",
    "plot_growth_comparison",
    "plot_trajectories",
    "trajectory_frame",
    "value_label_of_qualifier",
    "write_table",
]
