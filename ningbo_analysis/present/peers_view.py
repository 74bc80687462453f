"""Places compared side by side (report 05): the answer, the league table, target vs outcome of
the headline indicators, the verdict heatmap and the ambition table of a plan.

Everything here turns ``plans.peers`` tables (``scorecards``, ``scorecard_summary``,
``headline_rows``, ``theme_verdicts``) into Chinese text, tables in display units and charts;
nothing computes a verdict. Document text is HTML-escaped wherever it is shown.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import pandas as pd

from ningbo_analysis.labels import theme_label, value_label
from ningbo_analysis.numbers.format import format_qualified, format_value
from ningbo_analysis.plans.peers import headlines
from ningbo_analysis.present.display import Html, html_table
from ningbo_analysis.schemas import filled

#: Colours: the focus place, the others, the outcome marker.
FOCUS_COLOUR, OTHER_COLOUR = "#d73027", "#4575b4"
_MEASURE_WORD = {"avg_growth": "年均增长", "growth": "每年增长", "change": "变化", "level": ""}
_BASIS_ZH = {"stated": "所述增速", "levels": "按水平推算（现价为名义）", "pp": "百分点/年"}


def _pct(value: float) -> str:
    return "" if _nan(value) else f"{value:.1f}%"


def _nan(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rate(value: float, unit: str) -> str:
    """A yearly rate: ``6.5%/年`` or ``0.60个百分点/年``; "" for NaN."""
    if _nan(value):
        return ""
    return f"{value:.2f}个百分点/年" if unit == "个百分点" else f"{value:.1f}%/年"


def _target_text(measure: str, value: float, unit: str, qualifier: str) -> str:
    text = format_qualified(value, unit, "" if _nan(qualifier) else str(qualifier))
    return f"{_MEASURE_WORD.get(str(measure), '')}{text}" if text else ""


def _plan_answer(summary: pd.DataFrame, focus: str, plan: str) -> str:
    """One sentence for the focus place and one plan."""
    mine = summary[(summary["region"] == focus) & (summary["plan"] == plan)]
    places = summary.loc[summary["plan"] == plan, "region"].nunique()
    if mine.empty and not places:
        return f"语料中没有任何地方的“{plan}”量化目标（需要该规划期开始时的报告）。"
    if mine.empty:
        return f"{focus}在语料中没有“{plan}”的量化目标（其他{places}个地方有）。"
    r = mine.iloc[0]
    said = f"{focus}“{plan}”规划共{r['targets']}项量化目标"
    if r["decided"]:
        said += (
            f"，已有期末结果可判定的{r['decided']}项中达成{r['met']}项（达成率{_pct(r['share_met'])}），"
            f"在{r['ranked']}个有判定结果的地方中排第{int(r['rank'])}位"
        )
    else:
        said += f"，尚无期末结果（暂无结果{r['no_outcome']}项、期中进度{r['in_progress']}项）"
    return f"{said}{_gdp_clause(r)}{_ambition_clause(summary, r)}。"


def _ambition_clause(summary: pd.DataFrame, r: pd.Series) -> str:
    """``，这一增速在N个同类目标的地方中排第k位`` (places whose GDP target implies a rate on
    the same basis: a stated growth, or a rate of levels), "" when it is alone or unknown."""
    if _nan(r.get("gdp_implied")):
        return ""
    same = summary[(summary["plan"] == r["plan"]) & (summary["gdp_basis"] == r["gdp_basis"])]
    rates = same["gdp_implied"].dropna()
    if len(rates) < 2:
        return ""
    rank = int((rates > r["gdp_implied"]).sum()) + 1
    return f"，这一目标增速在{len(rates)}个同类目标的地方中排第{rank}位（由高到低）"


def _gdp_clause(r: pd.Series) -> str:
    if _nan(r.get("gdp_implied")):
        return ""
    basis = "所定年均增长" if r["gdp_basis"] == "stated" else "目标水平隐含的年均增速（名义）"
    clause = f"；地区生产总值{basis}{_rate(r['gdp_implied'], r['gdp_rate_unit'])}"
    if not _nan(r.get("gdp_achieved")):
        clause += f"，实际{_rate(r['gdp_achieved'], r['gdp_rate_unit'])}"
    return clause


def answer_html(summary: pd.DataFrame, focus: str, plans: Sequence[str]) -> Html:
    """The answer first: where ``focus`` stands among the places of the corpus, per plan."""
    summary = filled(summary)
    places = list(dict.fromkeys(summary["region"]))
    items = "".join(f"<li>{html.escape(_plan_answer(summary, focus, p))}</li>" for p in plans)
    head = f"语料中共有{len(places)}个地方有量化目标：" + "、".join(places[:12])
    head += "等。" if len(places) > 12 else "。"
    wider = ""
    if len(places) <= 3:
        wider = (
            "<p>只有少数地方可比。加入其他地方的政府工作报告（notebook 参数 extra_docs，"
            "或 <code>ningbo-analysis report --docs 文件夹 --with-seeds</code>）可扩大比较范围。</p>"
        )
    return Html(
        f'<div class="ningbo-answer"><p><b>{html.escape(head)}</b></p><ul>{items}</ul>'
        f"{wider}<p>达成率 = 达成 ÷（达成 + 未达成），只计有期末结果的目标；"
        f"“暂无结果”“期中进度”不计入。</p></div>"
    )


def league_html(summary: pd.DataFrame, plan: str, focus: str, table_id: str) -> Html:
    """The league table of one plan: a row per place, best share met first (sortable and
    filterable offline when long); the focus place marked."""
    summary = filled(summary)
    rows = summary[summary["plan"] == plan].copy()
    if rows.empty:
        return Html(f"<p>语料中没有任何地方的“{html.escape(plan)}”量化目标。</p>")
    rows = rows.sort_values(["rank", "met", "region"], ascending=[True, False, True])
    out = []
    for _, r in rows.iterrows():
        name = f"{r['region']}（本报告）" if r["region"] == focus else r["region"]
        out.append(
            {
                "排名": "" if _nan(r["rank"]) else str(int(r["rank"])),
                "地方": name,
                "目标": r["targets"],
                "达成": r["met"],
                "未达成": r["missed"],
                "不明确": r["unclear"],
                "暂无结果": r["no_outcome"],
                "期中进度": r["in_progress"],
                "达成率": _pct(r["share_met"]),
                "GDP目标": _target_text(
                    r["gdp_measure"], r["gdp_target"], r["gdp_unit"], r["gdp_target_qualifier"]
                ),
                "GDP判定": value_label("verdict", r["gdp_verdict"]) if r["gdp_verdict"] else "",
            }
        )
    cols = ["排名", "地方", "目标", "达成", "未达成", "不明确", "暂无结果", "期中进度", "达成率"]
    frame = pd.DataFrame(out, columns=[*cols, "GDP目标", "GDP判定"])
    tips = {"达成率": "share_met = met / (met + missed)", "目标": "targets (scored)"}
    return html_table(
        frame,
        table_id,
        caption=f"“{plan}”规划目标达成情况（按达成率排序）",
        page_size=15,
        tooltips=tips,
        numeric=["排名", "目标", "达成", "未达成", "不明确", "暂无结果", "期中进度", "达成率"],
    )


def target_outcome_chart(heads: pd.DataFrame, focus: str, plan: str):
    """Per headline indicator, a row per place: the yearly growth its target implies (hollow)
    and the growth achieved (filled), joined by a line; the focus place in red."""
    heads = filled(heads)
    import matplotlib.pyplot as plt

    rows = heads[heads["plan"] == plan]
    keys = [(k, label) for k, label, *_ in headlines()]
    n = max(1, rows["region"].nunique())
    if rows.empty:
        return None
    height = max(2.6, 1.4 + 0.26 * n)
    fig, axes = plt.subplots(1, len(keys), figsize=(4 * len(keys), height), squeeze=False)
    for ax, (key, label) in zip(axes[0], keys, strict=True):
        mine = rows[rows["headline"] == key].sort_values("implied", na_position="first")
        _dumbbell(ax, mine, focus)
        unit = "个百分点/年" if (mine["rate_unit"] == "个百分点").any() else "%/年"
        ax.set_title(f"{label}\n（{unit}）", fontsize=10)
    fig.suptitle(f"“{plan}”：目标隐含的年均变化（空心）与实际（实心）", fontsize=11)
    fig.tight_layout()
    return fig


def _dumbbell(ax, rows: pd.DataFrame, focus: str) -> None:
    if rows.empty:
        ax.text(0.5, 0.5, "无此指标的目标", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
        return
    for y, r in enumerate(rows.itertuples(index=False)):
        colour = FOCUS_COLOUR if r.region == focus else OTHER_COLOUR
        marker = "o" if r.basis != "levels" else "s"
        if not _nan(r.implied) and not _nan(r.achieved):
            ax.plot([r.implied, r.achieved], [y, y], color=colour, lw=1, alpha=0.6)
        if not _nan(r.implied):
            ax.scatter(
                r.implied, y, s=36, facecolors="white", edgecolors=colour, marker=marker, zorder=3
            )
        if not _nan(r.achieved):
            ax.scatter(r.achieved, y, s=36, color=colour, marker=marker, zorder=3)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows["region"].tolist(), fontsize=8)
    for tick, region in zip(ax.get_yticklabels(), rows["region"], strict=True):
        if region == focus:
            tick.set_color(FOCUS_COLOUR)
            tick.set_fontweight("bold")


def verdict_heatmap(themes: pd.DataFrame, focus: str, plan: str):
    """Places × indicator families (themes): the share of decided targets met (colour), the
    counts met/decided written in each cell; a cell without a decided target is blank."""
    themes = filled(themes)
    import matplotlib.pyplot as plt
    import seaborn as sns

    rows = themes[themes["plan"] == plan]
    if rows.empty:
        return None
    share = rows.pivot(index="region", columns="theme", values="share_met")
    note = (
        rows.assign(
            note=[
                f"{m}/{d}" if d else f"({t})"
                for m, d, t in zip(rows["met"], rows["decided"], rows["targets"], strict=True)
            ]
        )
        .pivot(index="region", columns="theme", values="note")
        .fillna("")
    )
    order = [t for t in _theme_ids() if t in share.columns]
    share, note = share[order], note[order]
    fig, ax = plt.subplots(figsize=(1.2 * len(order) + 2.5, 0.3 * len(share) + 1.6))
    ax.set_facecolor("#eeeeee")  # a cell without a decided target
    sns.heatmap(
        share,
        annot=False,
        cmap="RdYlGn",
        vmin=0,
        vmax=100,
        ax=ax,
        cbar_kws={"label": "达成率（%）"},
        linewidths=0.5,
        linecolor="white",
    )
    for y, region in enumerate(note.index):
        for x, text in enumerate(note.loc[region]):
            ax.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=7)
    ax.set_xticklabels([theme_label(t) or "其他" for t in order], rotation=30, ha="right")
    ax.set_xlabel("")
    ax.set_ylabel("")
    for tick in ax.get_yticklabels():
        if tick.get_text() == focus:
            tick.set_color(FOCUS_COLOUR)
            tick.set_fontweight("bold")
    ax.set_title(
        f"“{plan}”各类指标的达成率（格内：达成/已判定；括号：目标数，尚无判定）", fontsize=10
    )
    fig.tight_layout()
    return fig


def _theme_ids() -> list[str]:
    from ningbo_analysis.plans.prepare import theme_order

    return [*theme_order(), ""]


def ambition_html(
    heads: pd.DataFrame, plan: str, previous: str, focus: str, table_id: str, urls=None
) -> Html:
    """The ambition table of ``plan``: per place, each headline target with the yearly growth it
    implies and the growth achieved in ``previous`` plan; places by GDP ambition; the target
    quoted from its source (tooltip: the source)."""
    heads = filled(heads)
    rows = heads[heads["plan"] == plan]
    prev = heads[heads["plan"] == previous].set_index(["region", "headline"])
    places = (
        rows[rows["headline"] == "gdp"].sort_values("implied", ascending=False)["region"].tolist()
    )
    places += sorted(set(rows["region"]) - set(places))
    out = []
    for region in places:
        row = {"地方": html.escape(f"{region}（本报告）" if region == focus else region)}
        for key, label, *_ in headlines():
            hit = rows[(rows["region"] == region) & (rows["headline"] == key)]
            row[label] = _ambition_cell(hit.iloc[0] if len(hit) else None, prev, region, key, urls)
        out.append(row)
    cols = ["地方", *[label for _, label, *_ in headlines()]]
    frame = pd.DataFrame(out, columns=cols)
    return html_table(
        frame,
        table_id,
        caption=f"“{plan}”目标的雄心：目标、隐含年均变化与“{previous}”实际年均变化",
        page_size=15,
        html_columns=cols,
    )


def _ambition_cell(r, prev: pd.DataFrame, region: str, key: str, urls) -> str:
    if r is None:
        return ""
    target = _target_text(r["measure"], r["target_value"], r["unit"], r["target_qualifier"])
    parts = [f"<div>{html.escape(target)}</div>"]
    if not _nan(r["implied"]):
        parts.append(f"<div>隐含 {html.escape(_rate(r['implied'], r['rate_unit']))}</div>")
    if (region, key) in prev.index:
        before = prev.loc[(region, key)]
        if not _nan(before["achieved"]):
            parts.append(
                f"<div>上期实际 {html.escape(_rate(before['achieved'], before['rate_unit']))}</div>"
            )
    parts.append(_quote(r["target_source"], urls))
    return "".join(parts)


def _quote(source: object, urls) -> str:
    """The target's quote 「…」 (tooltip: where it is) and 原文↗ when the document has an address."""
    from ningbo_analysis.present.sources import parse_sources

    out = []
    for src in parse_sources(source):
        link = f'<span title="{html.escape(src.text)}">「{html.escape(src.raw)}」</span>'
        url = (urls or {}).get(src.doc_id)
        if url:
            link += f' <a class="doc-link" href="{html.escape(url)}">原文↗</a>'
        out.append(link)
    return '<div class="src">' + " ".join(out) + "</div>" if out else ""


def headline_table(heads: pd.DataFrame) -> pd.DataFrame:
    """The headline rows for a CSV: values with display columns beside them."""
    heads = filled(heads)
    out = heads.copy()
    out["target_display"] = [
        _target_text(m, v, u, q)
        for m, v, u, q in zip(
            out["measure"], out["target_value"], out["unit"], out["target_qualifier"], strict=True
        )
    ]
    out["outcome_display"] = [
        format_value(v, u) for v, u in zip(out["outcome_value"], out["unit"], strict=True)
    ]
    return out


METHOD_ZH = """\
每个地方、每个规划的目标逐一计分（plan_scorecard，与 03 页同一规则：期末结果达到目标为“达成”，未达到为
“未达成”，口径、币种不同或“左右”跨越目标为“不明确”，尚无期末结果为“暂无结果”，只有期中实际数时按进度判为
“超前/符合进度/落后”，合称“期中进度”）。达成率 = 达成 ÷（达成 + 未达成），排名按达成率（并列取较高名次），
只排有期末结果的地方。主要指标每个地方取一项目标：增速目标优先，其次期末水平；隐含年均变化由基期水平算到目标，
实际年均变化由基期算到期末结果：金额与数量为复合增速（现价金额为名义增速），比重与比率为每年百分点。热力图的
指标类别为指标主题（data/indicator_themes.csv）。地方的文件越少，缺的目标与结果越多：表中空白是“文件未说”，
不是“为零”。"""


def method_html() -> Html:
    """How the places are compared, in Chinese (the page's last section)."""
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in METHOD_ZH.split("\n\n"))
    return Html(f'<div class="ningbo-method">{paras}</div>')


__all__ = [
    "FOCUS_COLOUR",
    "METHOD_ZH",
    "OTHER_COLOUR",
    "ambition_html",
    "answer_html",
    "headline_table",
    "league_html",
    "method_html",
    "target_outcome_chart",
    "verdict_heatmap",
]
