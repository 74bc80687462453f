"""Corpus overview for notebook 01: inventory of articles, lengths, outline and Q&A tables, chart.

Every function takes the corpus of :func:`ningbo_analysis.load_corpus` and returns a small
DataFrame (or a matplotlib Figure), deterministic for a given corpus::

    corpus = na.load_corpus()
    na.overview.inventory(corpus)                 # one row per article
    na.overview.report_outline(corpus, "余姚")    # headings of 2021年余姚市政府工作报告
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .corpus import work_report
from .errors import ParameterError
from .resources import read_data_csv
from .structure import outline, qa_pairs, sentences

INVENTORY_COLUMNS = [
    "doc_id",
    "seed_file",
    "title",
    "date",
    "region",
    "kind",
    "kind_zh",
    "chars",
    "sentences",
    "headings",
    "qa_pairs",
]
OUTLINE_COLUMNS = ["doc_id", "level", "section_path", "heading", "chars", "sentences"]
QA_TABLE_COLUMNS = ["doc_id", "qa_id", "speaker", "speaker_title", "question", "answer_chars"]
QA_KINDS = ("press_qa", "interview")


@cache
def kind_names() -> dict[str, str]:
    """Chinese label of each article kind (``work_report`` → ``政府工作报告``), from data/kind_names.csv."""
    table = read_data_csv("kind_names.csv")
    return dict(zip(table["kind"], table["label_zh"], strict=True))


def _check_corpus(corpus: pd.DataFrame) -> None:
    needed = {"doc_id", "seed_file", "title", "date", "region", "kind", "text"}
    missing = sorted(needed - set(corpus.columns))
    if missing:
        raise ParameterError(f"corpus lacks columns {', '.join(missing)}; use na.load_corpus()")


def inventory(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per article: metadata plus cleaned length in characters and structure counts.

    ``chars`` counts the cleaned text without line breaks; ``headings`` the outline entries of
    levels 1–2 (一、 / (一)); ``qa_pairs`` the question/answer pairs (问:). Corpus order.
    """
    _check_corpus(corpus)
    names = kind_names()
    rows = []
    for art in corpus.itertuples(index=False):
        sections = outline(art.text)
        rows.append(
            {
                "doc_id": art.doc_id,
                "seed_file": art.seed_file,
                "title": art.title,
                "date": art.date,
                "region": art.region,
                "kind": art.kind,
                "kind_zh": names.get(art.kind, art.kind),
                "chars": len(art.text.replace("\n", "")),
                "sentences": len(sentences(art.text, sections)),
                "headings": int((sections["level"] <= 2).sum()),
                "qa_pairs": len(qa_pairs(art.text)),
            }
        )
    table = pd.DataFrame(rows, columns=INVENTORY_COLUMNS)
    for column in ("chars", "sentences", "headings", "qa_pairs"):
        table[column] = table[column].astype("int64")
    return table


def write_csv(table: pd.DataFrame, output_dir: str | os.PathLike, name: str) -> Path:
    """Write ``table`` as ``output_dir/name`` (UTF-8, ``\\n`` line ends, no index): same bytes
    for the same table. ``name`` is a plain file name such as ``"corpus_inventory.csv"``."""
    if not name or Path(name).name != name or not name.endswith(".csv"):
        raise ParameterError(f"CSV name {name!r} must be a plain file name ending in .csv")
    folder = Path(output_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParameterError(f"output_dir: cannot create folder {folder}: {err}") from None
    from .tables import write_table

    return write_table(table, folder / name)


def region_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Articles and characters per region and kind, from an :func:`inventory` table."""
    summary = (
        table.groupby(["region", "kind_zh"], sort=True)
        .agg(articles=("doc_id", "size"), chars=("chars", "sum"))
        .reset_index()
    )
    return summary.sort_values(["chars", "region", "kind_zh"], ascending=[False, True, True])[
        ["region", "kind_zh", "articles", "chars"]
    ].reset_index(drop=True)


def region_work_report(corpus: pd.DataFrame, region: str) -> pd.Series | None:
    """The earliest government work report of ``region`` (as :func:`corpus.work_report`), or None."""
    _check_corpus(corpus)
    try:
        return work_report(corpus, region)
    except KeyError:
        return None


def report_outline(article: pd.Series, max_level: int = 2) -> pd.DataFrame:
    """Outline of one article down to ``max_level`` (1 = 一、, 2 = (一), … 5 = 一是).

    Columns: ``doc_id``, ``level``, ``section_path`` (``三 > (二)``), ``heading``, ``chars``
    (length of the section, subsections included), ``sentences`` (sentences starting in it).
    """
    if not 1 <= max_level <= 5:
        raise ParameterError(f"max_level must be between 1 and 5, got {max_level!r}")
    text = article["text"]
    sections = outline(text)
    sents = sentences(text, sections)
    rows = []
    for sec in sections.itertuples(index=False):
        if sec.level > max_level:
            continue
        inside = (sents["start"] >= sec.start) & (sents["start"] < sec.end)
        rows.append(
            {
                "doc_id": article["doc_id"],
                "level": sec.level,
                "section_path": sec.section_path,
                "heading": sec.heading,
                "chars": len(text[sec.start : sec.end].replace("\n", "")),
                "sentences": int(inside.sum()),
            }
        )
    return pd.DataFrame(rows, columns=OUTLINE_COLUMNS)


def qa_table(corpus: pd.DataFrame, region: str) -> pd.DataFrame:
    """Question/answer pairs of the region's press conferences and interviews.

    Columns: ``doc_id``, ``qa_id``, ``speaker``, ``speaker_title`` (empty when the answer is
    introduced by 答:), ``question``, ``answer_chars``. Empty when the region has none.
    """
    _check_corpus(corpus)
    frames = []
    chosen = corpus.loc[(corpus["region"] == region) & corpus["kind"].isin(QA_KINDS)]
    for art in chosen.itertuples(index=False):
        pairs = qa_pairs(art.text)
        if pairs.empty:
            continue
        pairs.insert(0, "doc_id", art.doc_id)
        pairs["answer_chars"] = pairs["answer"].str.replace("\n", "").str.len().astype("int64")
        frames.append(pairs[QA_TABLE_COLUMNS])
    if not frames:
        return pd.DataFrame(columns=QA_TABLE_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _short(title: str, width: int) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def lengths_chart(table: pd.DataFrame, region: str = "", title_width: int = 16) -> Figure:
    """Horizontal bar chart of article lengths (characters) from an :func:`inventory` table.

    Bars are coloured by kind (Chinese labels); articles of ``region`` are marked with ★.
    The Figure is made with pyplot, so a notebook shows it at the end of the cell (assign it,
    ``fig = lengths_chart(…)``, to show it once); elsewhere close it with ``plt.close(fig)``.
    Call :func:`ningbo_analysis.plots.setup_plotting` first so that Chinese labels render.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    if table.empty:
        raise ParameterError("lengths_chart: the inventory table is empty")
    data = table.assign(
        label=[
            f"{'★ ' if region and r == region else ''}{d} {_short(t, title_width)}"
            for d, r, t in zip(table["doc_id"], table["region"], table["title"], strict=True)
        ]
    )
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(data) + 1.4), layout="constrained")
    hue_order = [k for k in kind_names().values() if k in set(data["kind_zh"])]
    hue_order += sorted(set(data["kind_zh"]) - set(hue_order))
    sns.barplot(
        data=data, x="chars", y="label", hue="kind_zh", hue_order=hue_order, dodge=False, ax=ax
    )
    ax.set_xlabel("正文长度（字）")
    ax.set_ylabel("")
    title = "各篇文章正文长度"
    if region:
        title += f"（★ = {region}）"
    ax.set_title(title)
    ax.legend(title="类型", loc="lower right")
    return fig
