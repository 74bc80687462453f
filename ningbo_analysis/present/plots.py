"""Plot set-up shared by the notebooks: seaborn theme, a Chinese-capable font, quiet logs.

Call :func:`setup_plotting` once at the top of a notebook (calling it again is harmless)::

    import ningbo_analysis as na
    na.plots.setup_plotting()
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ningbo_analysis.errors import ParameterError, require_columns, require_extra
from ningbo_analysis.present.fonts import (
    INSTALL_HINT,
    CJKFont,
    MissingFontError,
    extract_face,
    find_cjk_font,
)

if TYPE_CHECKING:
    import pandas as pd

require_extra("plots", "matplotlib", "seaborn", feature="charts (ningbo_analysis.present.plots)")

_FONT: CJKFont | None = None
_FONT_NAME: str | None = None
_WARNED = False


def quiet_logs() -> None:
    """Silence matplotlib's font-manager messages (jieba's logger is left alone: the package's
    tokenizer loads its dictionary silently, see :mod:`ningbo_analysis.text.segmentation`)."""
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def register_font(font: CJKFont) -> str:
    """Make ``font`` known to matplotlib and return the family name matplotlib gives it.

    Collections (.ttc/.otc) are read face by face on matplotlib ≥ 3.10; on older versions the
    wanted face is first written out as a standalone file (see :func:`fonts.extract_face`).
    """
    import matplotlib
    from matplotlib import font_manager

    path, index = font.path, font.face_index
    if index and not hasattr(font_manager, "FontPath"):  # old matplotlib: face 0 only
        path = extract_face(font, Path(matplotlib.get_cachedir()) / "ningbo_fonts")
        index = 0
    fm = font_manager.fontManager
    wanted = str(Path(path).resolve())
    for _ in range(2):
        for entry in fm.ttflist:
            same = str(Path(entry.fname).resolve()) == wanted
            if same and getattr(entry, "index", 0) == index:
                return entry.name
        fm.addfont(str(path))
    raise MissingFontError(f"matplotlib could not load the font file {path} (face {index})")


def setup_plotting(
    context: str = "notebook",
    style: str = "whitegrid",
    palette: str = "deep",
    font_scale: float = 1.0,
    *,
    require_font: bool = True,
) -> CJKFont | None:
    """Apply the seaborn theme, then a CJK font, so that Chinese labels render; idempotent.

    ``sns.set_theme`` resets the font family, so the CJK family is put first in
    ``font.sans-serif`` after it. ``axes.unicode_minus`` is switched off because most CJK
    fonts lack U+2212. Raises :class:`MissingFontError` (what to install) when no font can
    draw Chinese; with ``require_font=False`` it warns once instead and returns ``None``.
    """
    global _FONT, _FONT_NAME, _WARNED
    import matplotlib as mpl
    import seaborn as sns

    quiet_logs()
    sns.set_theme(context=context, style=style, palette=palette, font_scale=font_scale)
    # Labels are document text: a title with $…$ is shown as typed, never parsed as mathtext.
    mpl.rcParams["text.parse_math"] = False
    if _FONT is None:
        _FONT = find_cjk_font()
    if _FONT is None:
        if require_font:
            raise MissingFontError(INSTALL_HINT)
        if not _WARNED:
            warnings.warn(f"ningbo-analysis: {INSTALL_HINT}", stacklevel=2)
            _WARNED = True
        return None
    if _FONT_NAME is None:
        _FONT_NAME = register_font(_FONT)
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f != _FONT_NAME]
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["font.sans-serif"] = [_FONT_NAME, *rest]
    mpl.rcParams["axes.unicode_minus"] = False
    draw_once()
    return _FONT


def draw_once() -> bool:
    """Under Jupyter's inline backend, draw each chart only to show it.

    pyplot hooks itself into IPython to redraw every changed figure at the end of a cell (for
    interactive windows); with the inline backend that draw is thrown away, and the backend
    draws the figure again to show it as an image, so each chart cost two renderings. The hook
    is taken out (``pyplot.uninstall_repl_displayhook``) only when the backend is the inline
    one; charts are shown exactly as before. Returns True when it was taken out.
    """
    import sys

    ipython = sys.modules.get("IPython")
    if ipython is None or ipython.get_ipython() is None:
        return False
    import matplotlib
    import matplotlib.pyplot as plt

    backend = matplotlib.get_backend()
    if "inline" not in backend.lower():
        return False
    # pyplot (re)installs the hook when it loads a backend, lazily at the first figure: load
    # the backend now if it is not yet (the same one, so no figure is closed), then take the
    # hook out
    if getattr(plt, "_backend_mod", None) is None:
        plt.switch_backend(backend)
    plt.uninstall_repl_displayhook()
    return True


def save_figure(
    fig, output_dir: str | Path, name: str, formats: tuple[str, ...] = ("png",)
) -> list[Path]:
    """Save ``fig`` as ``output_dir/name.<fmt>`` for each format (deterministic metadata).

    ``name`` is a plain file stem (Chinese allowed, e.g. ``"文章长度"``), not a path.
    """
    if not name or Path(name).name != name or name in {".", ".."}:
        raise ParameterError(f"figure name {name!r} must be a plain file name without folders")
    out_dir = Path(output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        meta = {"Software": None} if fmt == "png" else {"Creator": None, "CreationDate": None}
        if fmt == "svg":
            meta = {"Date": None}
        fig.savefig(path, format=fmt, bbox_inches="tight", metadata=meta)
        paths.append(path)
    return paths


def plain_text(fig):
    """Show every text of ``fig`` (titles, tick labels, legends: document text) as typed: a
    ``$`` never starts mathtext (``价格$\\foo$`` would fail to draw). Returns ``fig``."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return fig


def count_chart(figures: pd.DataFrame, region: str = ""):
    """Horizontal bars: number of figures per measure (水平, 增长 …), achieved vs targeted, with
    Chinese labels and the count written at each bar. Returns the matplotlib Figure."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ningbo_analysis.present.display import value_label

    require_columns(
        figures,
        ["kind", "measure"],
        function="plots.count_chart",
        argument="figures",
        made_by="extract_figures()",
    )

    data = figures.assign(
        measure_zh=[value_label("measure", m) for m in figures["measure"]],
        kind_zh=[value_label("kind", k) for k in figures["kind"]],
    )
    order = data["measure_zh"].value_counts().index.tolist()
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(order) + 1.5), layout="constrained")
    sns.countplot(data=data, y="measure_zh", hue="kind_zh", order=order, ax=ax)
    for bars in ax.containers:
        ax.bar_label(bars, fmt="{:,.0f}", padding=2, fontsize="small")
    ax.set(
        title=f"{region}：数字个数（按口径与类型）" if region else "数字个数（按口径与类型）",
        xlabel="个数",
        ylabel="口径",
    )
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(title="类型")
    return plain_text(fig)


def scorecard_chart(sc, title: str = ""):
    """The verdict chart of a scorecard (inline SVG, offline, grey-scale readable):
    :func:`ningbo_analysis.present.verdict_chart.scorecard_chart`."""
    from ningbo_analysis.present.verdict_chart import scorecard_chart as chart

    return chart(sc, title)


__all__ = [
    "count_chart",
    "draw_once",
    "plain_text",
    "quiet_logs",
    "register_font",
    "save_figure",
    "scorecard_chart",
    "setup_plotting",
]
