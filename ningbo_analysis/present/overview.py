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
from typing import TYPE_CHECKING

import pandas as pd

from ningbo_analysis.corpus.load import work_report
from ningbo_analysis.corpus.manifest import is_valid_date
from ningbo_analysis.corpus.structure import outline, qa_pairs, sentences
from ningbo_analysis.errors import ParameterError, require_columns, require_extra, require_int
from ningbo_analysis.resources import read_data_csv
from ningbo_analysis.schemas import filled

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    "url",
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
    if not isinstance(corpus, pd.DataFrame):
        raise ParameterError(
            f"corpus must be a pandas DataFrame, got {type(corpus).__name__}; use na.load_corpus()"
        )
    needed = {"doc_id", "seed_file", "title", "date", "region", "kind", "text"}
    missing = sorted(needed - set(corpus.columns))
    if missing:
        raise ParameterError(f"corpus lacks columns {', '.join(missing)}; use na.load_corpus()")


def inventory(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per article: metadata plus cleaned length in characters and structure counts.

    ``chars`` counts the cleaned text without line breaks; ``headings`` the outline entries of
    levels 1–2 (一、 / (一)); ``qa_pairs`` the question/answer pairs (问:). Corpus order.
    """
    corpus = filled(corpus)
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
                "url": str(getattr(art, "url", "") or ""),  # the document's address, if given
            }
        )
    table = pd.DataFrame(rows, columns=INVENTORY_COLUMNS)
    for column in ("chars", "sentences", "headings", "qa_pairs"):
        table[column] = table[column].astype("int64")
    return table


def write_csv(table: pd.DataFrame, output_dir: str | os.PathLike, name: str) -> Path:
    """Write ``table`` as ``output_dir/name`` (UTF-8, ``\\n`` line ends, no index): same bytes
    for the same table. ``name`` is a plain file name such as ``"corpus_inventory.csv"``."""
    if (
        not isinstance(name, str)
        or not name
        or Path(name).name != name
        or not name.endswith(".csv")
    ):
        raise ParameterError(f"CSV name {name!r} must be a plain file name ending in .csv")
    if not isinstance(output_dir, str | os.PathLike):
        raise ParameterError(
            f"output_dir must be a folder path (str or Path), got {type(output_dir).__name__}"
        )
    folder = Path(output_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParameterError(f"output_dir: cannot create folder {folder}: {err}") from None
    from ningbo_analysis.present.tables import write_table

    return write_table(table, folder / name)


def region_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Articles and characters per region and kind, from an :func:`inventory` table."""
    table = filled(table)
    require_columns(
        table,
        ["doc_id", "region", "kind_zh", "chars"],
        function="overview.region_summary",
        argument="table",
        made_by="inventory()",
    )
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
    corpus = filled(corpus)
    _check_corpus(corpus)
    try:
        return work_report(corpus, region)
    except KeyError:
        return None


def report_line(article: pd.Series) -> str:
    """One Markdown line naming an article: **title** (date, `doc_id`, N characters), every
    part escaped (titles, dates and doc_ids come from users' files).

    ``**政府工作报告** (2021-02-21, `002-01`, 30,512 characters)``.
    """
    from ningbo_analysis.present.display import code_md, escape_md, format_number

    require_columns(
        article,
        ["title", "date", "doc_id", "text"],
        function="overview.report_line",
        argument="article",
        made_by="a row of load_corpus()",
    )
    chars = format_number(len(str(article["text"])))
    date = str(article["date"])
    if not is_valid_date(date):  # a real YYYY-MM-DD date needs no escaping
        date = escape_md(article["date"])
    return (
        f"**{escape_md(article['title'])}** ({date}, "
        f"{code_md(article['doc_id'])}, {chars} characters)"
    )


def report_outline(article: pd.Series, max_level: int = 2) -> pd.DataFrame:
    """Outline of one article down to ``max_level`` (1 = 一、, 2 = (一), … 5 = 一是).

    Columns: ``doc_id``, ``level``, ``section_path`` (``三 > (二)``), ``heading``, ``chars``
    (length of the section, subsections included), ``sentences`` (sentences starting in it).
    """
    require_columns(
        article,
        ["doc_id", "text"],
        function="overview.report_outline",
        argument="article",
        made_by="a row of load_corpus()",
    )
    require_int(max_level, function="overview.report_outline", argument="max_level", minimum=1)
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
    corpus = filled(corpus)
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
    Call :func:`ningbo_analysis.present.plots.setup_plotting` first so that Chinese labels render.
    """
    table = filled(table)
    require_extra("plots", "matplotlib", "seaborn", feature="lengths_chart")
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.ticker import StrMethodFormatter

    require_int(title_width, function="overview.lengths_chart", argument="title_width", minimum=2)
    require_columns(
        table,
        ["doc_id", "title", "region", "kind_zh", "chars"],
        function="overview.lengths_chart",
        argument="table",
        made_by="inventory()",
    )

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
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))  # 20,000 like the tables
    title = "各篇文章正文长度"
    if region:
        title += f"（★ = {region}）"
    ax.set_title(title)
    ax.legend(title="类型", loc="lower right")
    from ningbo_analysis.present.plots import plain_text

    return plain_text(fig)


# ---------------------------------------------------------------- summaries (reports open with them)


def region_holdings(corpus: pd.DataFrame, region: str) -> str:
    """What the corpus holds for ``region``, as Markdown (for an empty answer to say why):
    ``慈溪: 1 article — 新闻 (2025) 「…」 [002-07]``; titles escaped."""
    corpus = filled(corpus)
    from ningbo_analysis.present.display import code_md, escape_md, value_label

    require_columns(
        corpus,
        ["doc_id", "title", "date", "region", "kind"],
        function="overview.region_holdings",
        argument="corpus",
        made_by="load_corpus()",
    )

    own = corpus.loc[corpus["region"] == region]
    if own.empty:
        return f"语料中没有{escape_md(region)}的文章。"
    items = [
        f"{escape_md(value_label('kind', a.kind))} ({escape_md(a.date)}) 「{escape_md(a.title)}」 {code_md(a.doc_id)}"
        for a in own.itertuples(index=False)
    ]
    return f"{escape_md(region)}：{len(own):,} 篇文章 — " + "；".join(items) + "。"


def corpus_summary(corpus: pd.DataFrame, table: pd.DataFrame, region: str) -> str:
    """Two or three sentences of Markdown on the corpus and the region, from the data."""
    corpus = filled(corpus)
    table = filled(table)
    from ningbo_analysis.present.display import code_md, escape_md, format_number

    require_columns(
        corpus,
        ["seed_file"],
        function="overview.corpus_summary",
        argument="corpus",
        made_by="load_corpus()",
    )
    require_columns(
        table,
        ["doc_id", "title", "region", "kind_zh", "chars", "headings", "qa_pairs"],
        function="overview.corpus_summary",
        argument="table",
        made_by="inventory()",
    )

    own = table.loc[table["region"] == region]
    kinds = table.groupby("kind_zh")["doc_id"].size().sort_values(ascending=False)
    parts = [
        f"语料共 **{len(table):,} 篇文章**，来自 {corpus['seed_file'].nunique():,} 个文件，"
        f"清洗后正文 {format_number(int(table['chars'].sum()))} 字，涉及 "
        f"{table['region'].nunique():,} 个地区："
        + "，".join(f"{escape_md(k)} {n} 篇" for k, n in kinds.items())
        + "。"
    ]
    if own.empty:
        parts.append(f"其中没有关于{escape_md(region)}的文章。")
    else:
        longest = own.sort_values(["chars", "doc_id"], ascending=[False, True]).iloc[0]
        parts.append(
            f"**{escape_md(region)}**：{len(own):,} 篇文章，"
            f"{format_number(int(own['chars'].sum()))} 字；最长的是"
            f"「{escape_md(longest['title'])}」（{code_md(longest['doc_id'])}，"
            f"{format_number(int(longest['chars']))} 字，"
            f"{int(longest['headings']):,} 个标题）。"
        )
        qa = int(own["qa_pairs"].sum())
        if qa:
            parts.append(f"其新闻发布会与访谈共有 {qa:,} 组问答。")
    return "".join(parts)


def headline_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures of the indicators named in the indicator lexicon (``data/indicators.csv``)."""
    figures = filled(figures)
    from ningbo_analysis.figures.cues import lexicon

    require_columns(
        figures,
        ["indicator", "concept"],
        function="overview.headline_figures",
        argument="figures",
        made_by="extract_figures()",
    )

    known = set(lexicon().aliases.values())
    keep = [(i, c) in known for i, c in zip(figures["indicator"], figures["concept"], strict=True)]
    return figures.loc[keep].reset_index(drop=True)


def figures_summary(figures: pd.DataFrame, corpus: pd.DataFrame, region: str) -> str:
    """A few sentences of Markdown on what the region's figures are, computed from them; for a
    region without figures, what the corpus holds for it."""
    figures = filled(figures)
    corpus = filled(corpus)
    from ningbo_analysis.present.display import code_md, escape_md, format_value

    require_columns(
        figures,
        [
            "doc_id",
            "section_path",
            "indicator",
            "concept",
            "kind",
            "measure",
            "period",
            "value",
            "unit",
            "start",
        ],
        function="overview.figures_summary",
        argument="figures",
        made_by="extract_figures()",
    )

    if figures.empty:
        return (
            f"**{escape_md(region)}没有抽取到数字。**"
            + region_holdings(corpus, region)
            + "数字来自这些文章中的数量表述（达到…亿元、增长…%）。"
        )
    kinds = figures["kind"].value_counts()
    top = figures["section_path"].str.split(" > ").str[0].replace("", "（无标题）")
    busiest = (
        figures.assign(section=top)
        .groupby(["doc_id", "section"])
        .size()
        .sort_values(ascending=False, kind="stable")
    )
    (doc, section), n_busy = busiest.index[0], int(busiest.iloc[0])
    parts = [
        f"**{escape_md(region)}：{len(figures):,} 个数字**，来自 "
        f"{figures['doc_id'].nunique():,} 篇文章 — 实际 {kinds.get('actual', 0):,} 个、"
        f"目标 {kinds.get('target', 0):,} 个，涉及 {figures['indicator'].nunique():,} 个指标。",
        f"最多的来自 {code_md(doc)} 的章节 {escape_md(section)}（{n_busy:,} 个）。",
    ]
    head = headline_figures(figures)
    levels = head.loc[(head["measure"] == "level") & (head["unit"] == "元")]
    if not levels.empty:  # the latest achieved level (a target only when none), first stated
        year = levels["period"].astype(str).str[-4:]
        pick = (
            levels.assign(_year=year)
            .sort_values(
                ["kind", "_year", "doc_id", "start"],
                ascending=[True, False, True, True],
                kind="stable",
            )
            .iloc[0]
        )
        parts.append(
            f"主要数字：{escape_md(pick['indicator'])} {escape_md(pick['period'])} "
            f"{format_value(pick['value'], pick['unit'])}（{value_kind(pick['kind'])}，"
            f"{code_md(pick['doc_id'])}）。"
        )
    return "".join(parts)


def value_kind(kind: str) -> str:
    """``actual`` → ``实际``, ``target`` → ``目标`` (the glossary's labels)."""
    from ningbo_analysis.present.display import value_label

    return value_label("kind", kind)


def marked_sentence(sentence: str, raw: str, at: int | None = None) -> str:
    """The sentence with the figure ``raw`` marked 【…】, as plain text: at offset ``at`` of the
    sentence when ``raw`` is written there, else its first occurrence.

    >>> marked_sentence("新增2家、累计2家", "2家", at=7)
    '新增2家、累计【2家】'
    """
    if not raw or raw not in sentence:
        return sentence
    if at is None or sentence[at : at + len(raw)] != raw:
        at = sentence.index(raw)
    return f"{sentence[:at]}【{raw}】{sentence[at + len(raw) :]}"


def marked_sentences(figures: pd.DataFrame) -> list[str]:
    """Each figure's sentence with its own number marked 【…】 (by its offsets: a sentence that
    writes the same number twice marks the one the row is about)."""
    figures = filled(figures)
    require_columns(
        figures,
        ["sentence", "raw", "start", "sentence_start"],
        function="overview.marked_sentences",
        argument="figures",
        made_by="extract_figures()",
    )
    return [
        marked_sentence(s, r, int(start - s0))
        for s, r, start, s0 in zip(
            figures["sentence"],
            figures["raw"],
            figures["start"],
            figures["sentence_start"],
            strict=True,
        )
    ]


def theme_table(by_doc: pd.DataFrame) -> pd.DataFrame:
    """One row per article, one column per theme (Chinese), the share of sentences as ``12%``
    (from :func:`ningbo_analysis.text.theme_tags.themes` by ``doc_id, title``)."""
    from ningbo_analysis.present.display import format_number

    require_columns(
        by_doc,
        ["doc_id", "title", "label_zh", "n_sentences", "share"],
        function="overview.theme_table",
        argument="by_doc",
        made_by="text.themes(…, by=['doc_id', 'title'])",
    )

    wide = by_doc.pivot_table(
        index=["doc_id", "title"], columns="label_zh", values="share", aggfunc="first", sort=False
    )
    wide = wide[list(dict.fromkeys(by_doc["label_zh"]))]
    sizes = by_doc.drop_duplicates(["doc_id", "title"]).set_index(["doc_id", "title"])
    out = wide.map(lambda v: f"{format_number(100 * v, 0)}%")
    out.insert(0, "n_sentences", sizes["n_sentences"].reindex(wide.index).astype("int64"))
    return out.reset_index()


def distinctive_table(dist: pd.DataFrame, top_n: int, label_a: str, label_b: str) -> pd.DataFrame:
    """The ``top_n`` terms most typical of each side of a :func:`text.distinctive_terms`
    result, side by side: ``side, term, count_a, count_b, z`` (z with two decimals)."""
    from ningbo_analysis.present.display import format_number

    require_int(top_n, function="overview.distinctive_table", argument="top_n", minimum=1)
    require_columns(
        dist,
        ["term", "count_a", "count_b", "z"],
        function="overview.distinctive_table",
        argument="dist",
        made_by="text.distinctive_terms()",
    )

    a = dist.head(top_n).assign(side=label_a)
    b = dist.tail(top_n).iloc[::-1].assign(side=label_b)
    both = pd.concat([a, b], ignore_index=True)
    both["z"] = [format_number(v, 2) for v in both["z"]]
    return both[["side", "term", "count_a", "count_b", "z"]]


def _top_themes(overall: pd.Series) -> str:
    """The sentence on the two most frequent themes (shares sorted descending), or that no
    sentence holds a theme keyword."""
    from ningbo_analysis.present.display import escape_md, format_number

    overall = overall[overall > 0]
    if overall.empty:
        return "没有句子包含主题词表（`data/themes.csv`）中的关键词。"
    first = (
        f"最常见的主题是 **{escape_md(overall.index[0])}**"
        f"（{format_number(100 * overall.iloc[0], 0)}% 的句子）"
    )
    if len(overall) < 2:
        return first + "，没有其他主题。"
    return f"{first}，其次是{escape_md(overall.index[1])}（{format_number(100 * overall.iloc[1], 0)}%）。"


def text_summary(
    own: pd.DataFrame,
    scope: pd.DataFrame,
    by_doc: pd.DataFrame,
    comp,
    dist: pd.DataFrame | None,
    region: str,
    top_n: int = 10,
) -> str:
    """A few sentences of Markdown on the region's text: size, leading theme, distinctive terms."""
    from ningbo_analysis.present.display import escape_md, format_number

    fn = "overview.text_summary"
    made = "text.section_sentences()"
    require_columns(own, ["doc_id"], function=fn, argument="own", made_by=made)
    require_columns(scope, ["doc_id"], function=fn, argument="scope", made_by=made)
    require_columns(
        by_doc,
        ["label_zh", "n_theme", "n_sentences"],
        function=fn,
        argument="by_doc",
        made_by="text.themes()",
    )
    if dist is not None:
        require_columns(dist, ["term"], function=fn, argument="dist", made_by="distinctive_terms()")
    if own.empty:
        return f"语料中没有{escape_md(region)}的句子。"
    shares = by_doc.groupby("label_zh", sort=False)[["n_theme", "n_sentences"]].sum()
    overall = (shares["n_theme"] / shares["n_sentences"]).sort_values(ascending=False)
    parts = [
        f"**{escape_md(region)}：{format_number(len(own))} 句**，来自 "
        f"{own['doc_id'].nunique():,} 篇文章；章节取自 {scope['doc_id'].nunique():,} 篇。",
        _top_themes(overall),
    ]
    if comp is not None and dist is not None and len(dist):
        first = "、".join(escape_md(t) for t in dist.head(3)["term"])
        second = "、".join(escape_md(t) for t in dist.tail(3).iloc[::-1]["term"])
        parts.append(
            f"最具{escape_md(comp.label_a)}特征的词：{first}；"
            f"最具{escape_md(comp.label_b)}特征的词：{second}。"
        )
    return "".join(parts)


def write_text_tables(
    folder: Path, region: str, comparison: str, **tables: pd.DataFrame | None
) -> list[Path]:
    """Write the text tables of notebook 04 as ``text_<name>_<region>.csv`` (stable bytes)."""
    names = {
        "kw": "keywords",
        "by_section": "themes_by_section",
        "by_doc": "themes_by_document",
        "dist": f"distinctive_{comparison}",
    }
    written = []
    for key, table in tables.items():
        if table is not None:
            written.append(write_csv(table, folder, f"text_{names[key]}_{region}.csv"))
    return written


__all__ = [
    "INVENTORY_COLUMNS",
    "OUTLINE_COLUMNS",
    "QA_KINDS",
    "QA_TABLE_COLUMNS",
    "corpus_summary",
    "distinctive_table",
    "figures_summary",
    "headline_figures",
    "inventory",
    "kind_names",
    "lengths_chart",
    "marked_sentence",
    "marked_sentences",
    "qa_table",
    "region_holdings",
    "region_summary",
    "region_work_report",
    "report_line",
    "report_outline",
    "text_summary",
    "theme_table",
    "value_kind",
    "write_csv",
    "write_text_tables",
]
