"""Charts of the text stage: distinctive terms (diverging bars) and theme heatmaps (report 04)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ningbo_analysis.errors import ParameterError, require_extra
from ningbo_analysis.text.segmentation import _as_list

if TYPE_CHECKING:
    from matplotlib.axes import Axes

require_extra(
    "plots", "matplotlib", "seaborn", feature="charts (ningbo_analysis.present.text_charts)"
)


def plot_distinctive(
    dist: pd.DataFrame,
    *,
    top_n: int = 15,
    labels: tuple[str, str] = ("A", "B"),
    ax: Axes | None = None,
) -> Axes:
    """Diverging horizontal bar chart (seaborn) of the ``top_n`` terms on each side by z-score."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    need = {"term", "z"}
    if not need <= set(dist.columns):
        raise ParameterError(f"plot_distinctive needs columns {sorted(need)} (distinctive_terms())")
    pos = dist[dist["z"] > 0].nlargest(top_n, "z", keep="first")
    neg = dist[dist["z"] < 0].nsmallest(top_n, "z", keep="first")
    data = pd.concat([pos, neg.iloc[::-1]]).reset_index(drop=True)
    data["side"] = np.where(data["z"] > 0, f"{labels[0]} 特有", f"{labels[1]} 特有")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * max(len(data), 4) + 1))
    sns.barplot(
        data=data,
        x="z",
        y="term",
        hue="side",
        dodge=False,
        palette="RdBu_r",
        ax=ax,
        hue_order=[f"{labels[1]} 特有", f"{labels[0]} 特有"],
    )
    ax.axvline(0, color="0.3", lw=0.8)
    if ax.get_legend() is not None:
        ax.get_legend().set_title(None)
    ax.set_xlabel(f"z (加权对数优势比: {labels[0]} vs {labels[1]})")
    ax.set_ylabel("")
    from ningbo_analysis.present.plots import plain_text

    plain_text(ax.figure)
    return ax


def plot_theme_heatmap(
    theme_shares: pd.DataFrame,
    *,
    index: str | Sequence[str] = "doc_id",
    max_label: int = 28,
    ax: Axes | None = None,
    vmax: float | None = None,
) -> Axes:
    """Heatmap of theme shares: rows are groups of ``index`` (labels cut to ``max_label``
    characters), columns the theme labels, cells the share of sentences written in them.

    Every heatmap uses the same scale (0–``vmax``, default the largest share, at least 50 %)
    with a colour bar in %, so two heatmaps of a report can be compared; row labels are
    horizontal, also for a single row. Drawn like ``seaborn.heatmap`` (colour map, light or
    dark cell text by luminance, no spines), but directly with matplotlib: seaborn draws the
    whole figure once more to test whether tick labels overlap, which the fixed label rotation
    here makes useless."""
    import matplotlib.pyplot as plt
    from seaborn.utils import relative_luminance

    idx = _as_list(index)
    need = {*idx, "label_zh", "share", "theme"}
    if not need <= set(theme_shares.columns):
        raise ParameterError(f"plot_theme_heatmap needs columns {sorted(need)} (themes())")
    if not (theme_shares["share"] > 0).any():  # no sentence holds a theme: say so, no heatmap
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, "没有含主题词的句子 (no sentence with a theme keyword)", ha="center")
        ax.set_axis_off()
        return ax
    table = theme_shares.pivot_table(
        index=idx, columns="label_zh", values="share", aggfunc="first", sort=False
    )
    ordered = list(dict.fromkeys(theme_shares["label_zh"]))
    table = table[[c for c in ordered if c in table.columns]]
    rows = [" ".join(map(str, k)) if isinstance(k, tuple) else str(k) for k in table.index]
    rows = [r if len(r) <= max_label else r[: max_label - 1] + "…" for r in rows]
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 * table.shape[1] + 3, 0.4 * table.shape[0] + 1.5))
    from matplotlib.ticker import PercentFormatter

    top = max(0.5, float(theme_shares["share"].max()))
    if vmax is not None and vmax == vmax and vmax > 0:  # NaN (max of an empty table) is ignored
        top = vmax
    values = np.ma.masked_invalid(table.to_numpy(dtype=float))
    n_rows, n_cols = values.shape
    mesh = ax.pcolormesh(values, cmap="YlGnBu", vmin=0, vmax=top, linewidth=0)
    ax.set(xlim=(0, n_cols), ylim=(0, n_rows))
    ax.invert_yaxis()
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(
        mesh, ax=ax, format=PercentFormatter(1.0, decimals=0), label="句子占比", shrink=0.8
    )
    bar.outline.set_linewidth(0)
    mesh.update_scalarmappable()  # the cells' colours, for the text colour on each
    cells = zip(
        values.data.flat, np.ma.getmaskarray(values).flat, mesh.get_facecolors(), strict=True
    )
    for k, (share, masked, colour) in enumerate(cells):
        if not masked:
            text = "w" if relative_luminance(colour) <= 0.408 else ".15"
            row, col = divmod(k, n_cols)
            ax.text(col + 0.5, row + 0.5, f"{share:.0%}", ha="center", va="center", color=text)
    ax.set_xticks(np.arange(n_cols) + 0.5, [str(c) for c in table.columns])
    ax.set_yticks(np.arange(n_rows) + 0.5, rows, va="center")
    ax.tick_params(axis="y", labelrotation=0)
    ax.tick_params(axis="x", labelrotation=30)
    ax.set_xlabel("")
    ax.set_ylabel("")
    from ningbo_analysis.present.plots import plain_text

    plain_text(ax.figure)
    return ax


__all__ = [
    "plot_distinctive",
    "plot_theme_heatmap",
]
