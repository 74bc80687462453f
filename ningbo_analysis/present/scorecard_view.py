"""The plan scorecard for reading: summary sentences, headline and detail tables (report 03).

Everything here turns ``scorecard.plan_scorecard`` output into text and tables in display units
(``display``); nothing computes a verdict. Document text is HTML-escaped wherever it is shown.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ningbo_analysis.corpus.periods import plan as plan_period
from ningbo_analysis.errors import require_columns
from ningbo_analysis.plans.explain import is_yearly
from ningbo_analysis.plans.prepare import period_bounds
from ningbo_analysis.plans.scorecard import verdict_counts
from ningbo_analysis.present.display import (
    Html,
    display_frame,
    format_change,
    format_qualified,
    format_value,
    value_label,
)
from ningbo_analysis.schemas import filled

_MEASURE_WORD = {
    "level": "",
    "avg_growth": "年均增长 ",
    "growth": "增长 ",
    "cumulative": "累计 ",
    "change": "变化 ",
    "yearly": "每年 ",
}
#: The measure word before a qualified fall, which :func:`display.format_change` writes 下降….
_FALL_WORD = {"avg_growth": "年均", "growth": "", "change": ""}


def qualified(value: float, unit: str, qualifier: str = "", measure: str = "level") -> str:
    """A value with its qualifier as a document writes it: ``超过1.7万亿元``, ``3.5%以内``,
    ``年均增长 7%左右``, a qualified fall ``年均下降3%以上``; "" for NaN.

    >>> qualified(1.7e12, "元", "more_than")
    '超过1.7万亿元'
    """
    text = format_qualified(value, unit, qualifier)
    if not text:
        return ""
    if str(measure) in _FALL_WORD and text != format_change(value, unit, qualifier):
        # 年均下降3%以上 (a qualified fall; 年均增长 -3%以上 would read the other way)
        return _FALL_WORD[str(measure)] + format_change(value, unit, qualifier)
    return _MEASURE_WORD.get(str(measure), "") + text


def _shown_measure(r) -> str:
    """The row's measure as shown: ``yearly`` for an amount for every year of the plan (its
    basis says so: ``plans.outcomes``), else ``measure``."""
    basis = {"verdict_basis": getattr(r, "verdict_basis", "")}
    return "yearly" if is_yearly(basis) else str(r.measure)


def _base_text(r) -> str:
    """``4,500亿元 (2020)``, with its qualifier as written (``超过36.5万人 (2020)``), with a later
    restatement: ``4,500亿元 (2020; 修订为 4,620亿元)``."""
    if not r.base_unit or pd.isna(r.base_value):
        return ""
    qualifier = getattr(r, "base_qualifier", "")
    text = f"{format_qualified(r.base_value, r.base_unit, qualifier)} ({r.base_year}"
    if not pd.isna(r.base_restated):
        text += f"; 修订为 {format_value(r.base_restated, r.base_unit)}"
    return text + ")"


def _outcome_text(r) -> str:
    """``6,350亿元``, a range ``5%–6%``, ``累计 56亿美元``, with ``(推算)`` when derived."""
    if not r.outcome_unit:
        return ""
    text = qualified(r.outcome_value, r.outcome_unit, r.outcome_qualifier, _shown_measure(r))
    if not pd.isna(r.outcome_value_high):
        text += "–" + format_value(r.outcome_value_high, r.outcome_unit)
    return text + (" (推算)" if r.outcome_derived else "")


def headline_frame(sc: pd.DataFrame) -> pd.DataFrame:
    """One row per target: 指标, 目标, 基期, 结果, 判定 — strings in display units."""
    sc = filled(sc)
    require_columns(
        sc,
        [
            "indicator",
            "theme",
            "measure",
            "unit",
            "target_value",
            "target_qualifier",
            "base_year",
            "base_value",
            "base_unit",
            "base_restated",
            "outcome_unit",
            "verdict",
            "flow",
        ],
        function="scorecard_view.headline_frame",
        argument="sc",
        made_by="plan_scorecard()",
    )
    rows = []
    for r in sc.itertuples(index=False):
        rows.append(
            {
                "indicator": r.indicator,
                "theme": r.theme,
                "target_value": qualified(
                    r.target_value, r.unit, r.target_qualifier, _shown_measure(r)
                ),
                "base_value": _base_text(r),
                "outcome_value": _outcome_text(r),
                "verdict": r.verdict,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=["indicator", "theme", "target_value", "base_value", "outcome_value", "verdict"],
    )
    return display_frame(
        frame,
        labels={
            "target_value": "目标",
            "base_value": "基期",
            "outcome_value": "结果",
            "verdict": "判定",
        },
    )


def detail_frame(sc: pd.DataFrame) -> pd.DataFrame:
    """Per target: verdict, why (``verdict_basis``), later targets and every source used."""
    sc = filled(sc)
    require_columns(
        sc,
        [
            "indicator",
            "measure",
            "target_source",
            "base_source",
            "base_restated_source",
            "outcome_source",
            "later_targets",
            "verdict",
            "verdict_basis",
        ],
        function="scorecard_view.detail_frame",
        argument="sc",
        made_by="plan_scorecard()",
    )
    cols = [
        "indicator",
        "measure",
        "verdict",
        "verdict_basis",
        "target_source",
        "base_source",
        "base_restated_source",
        "outcome_source",
        "later_targets",
    ]
    return display_frame(
        sc[cols],
        labels={
            "verdict": "判定",
            "verdict_basis": "判定依据",
            "target_source": "目标出处",
            "base_source": "基期出处",
            "base_restated_source": "基期修订出处",
            "outcome_source": "结果出处",
            "later_targets": "后续目标（不作为证据）",
        },
    )


def _count_sentence(counts: dict[str, int]) -> str:
    parts = [f"{value_label('verdict', v)} {n} 项" for v, n in counts.items() if n]
    return "，".join(parts)


def summary_html(sc: pd.DataFrame, region: str, plan: str, figures: pd.DataFrame) -> Html:
    """A few sentences computed from the scorecard, first thing in the report."""
    sc = filled(sc)
    figures = filled(figures)
    require_columns(
        sc,
        ["indicator", "verdict"],
        function="scorecard_view.summary_html",
        argument="sc",
        made_by="plan_scorecard()",
    )
    require_columns(
        figures,
        ["region", "kind", "period"],
        function="scorecard_view.summary_html",
        argument="figures",
        made_by="extract_figures()",
    )
    p = plan_period(plan)
    esc = html.escape
    if sc.empty:
        return Html(f"<p>{esc(empty_explanation(figures, region, plan))}</p>")
    counts = verdict_counts(sc)
    ended = counts["met"] + counts["missed"] + counts["unclear"]
    lines = [
        f"<b>{esc(region)}</b> 的“{esc(p.name)}”规划（{p.start}–{p.end}）记分卡列出 <b>{len(sc)}</b> 项"
        f"以 {p.end} 年为期的量化目标：{esc(_count_sentence(counts))}。",
        f"列出的是抽取为数字、以 {p.end} 年为期的目标（{p.end} 年水平、年均增长、五年累计、变化或每年的量）；"
        "文中未抽取为数字的目标不在其中。",
    ]
    if ended:
        lines.append(
            f"已有 {ended} 项目标的期末结果见于后续文件（{p.end} 年水平、期内年均增长、五年累计或变化）。"
        )
    else:
        lines.append(
            f"语料中尚无文件给出 {p.end} 年的期末结果；“超前/符合进度/落后”只依据期内的实际数据，"
            "后续年份的目标只列出、不作为进展证据。"
        )
    missed = sc[sc["verdict"] == "missed"]["indicator"].tolist()
    if missed:
        lines.append("未达成：" + esc("、".join(missed)) + "。")
    unclear = sc[sc["verdict"] == "unclear"]["indicator"].tolist()
    if unclear:
        lines.append("不明确（口径、币种或“左右”无法判定）：" + esc("、".join(unclear)) + "。")
    return Html("<p>" + "<br>".join(lines) + "</p>")


def empty_explanation(figures: pd.DataFrame, region: str, plan: str) -> str:
    """Why a region has no targets of a plan, and what the corpus does hold for it."""
    figures = filled(figures)
    require_columns(
        figures,
        ["region", "kind", "period"],
        function="scorecard_view.empty_explanation",
        argument="figures",
        made_by="extract_figures()",
    )
    p = plan_period(plan)
    mine = figures[figures["region"].astype(str) == region] if len(figures) else figures
    if mine.empty:
        held = sorted({str(r) for r in figures.get("region", pd.Series(dtype=str)) if str(r)})
        return (
            f"{region}：语料中没有任何数字（figures）。有数字的地区：{'、'.join(held) or '无'}。"
            "请用 extra_docs 加入该地区的政府工作报告。"
        )
    targets = mine[mine["kind"] == "target"]
    periods = ", ".join(sorted(set(targets["period"].astype(str)))[:12]) or "无"
    return (
        f"{region}：没有“{p.name}”（{p.start}–{p.end}）的量化目标。语料中该地区有 {len(mine)} 个数字，"
        f"其中目标 {len(targets)} 个，目标年份/时期：{periods}。"
        f"加入设定“{p.name}”目标的报告（通常是 {p.start} 年或 {p.base_year} 年的政府工作报告）即可得到记分卡。"
    )


def rules_html() -> Html:
    """The verdict rule and the status rule, folded (``<details>``), for the end of report 03."""
    from ningbo_analysis.plans.record import status_rule_text
    from ningbo_analysis.plans.scorecard import scorecard_rule_text

    parts = [
        ("判定规则 Verdict rule (scorecard)", scorecard_rule_text()),
        ("进度规则 Status rule (previous record vs targets)", status_rule_text()),
    ]
    return Html(
        "".join(
            f"<details><summary>{html.escape(title)}</summary>"
            f'<pre style="white-space:pre-wrap">{html.escape(text)}</pre></details>'
            for title, text in parts
        )
    )


# ---------------------------------------------------------------- answer first (issue 22)

#: The verdict rule in Chinese (the plans stage states it in English: scorecard_rule_text()).
VERDICT_RULE_ZH = """\
1. 达成 / 未达成：后续文件给出规划期末的结果（期末水平、期内年均增长、五年累计或变化）时，按目标的方向判定：
   下限（达到、突破、超过、以上）须结果不低于目标；上限（以内、控制在、不超过）须结果不高于目标。
2. 不明确：有结果但不能判定：实际增速与名义增速、美元与元、口径不同，或“左右”、区间跨越目标值。
3. 超前 / 符合进度 / 落后：规划期内只有期中实际数时，按达成目标所需的复合（或线性）路径比较进度。
4. 暂无结果：既无期末结果，也无与目标口径一致的期中实际数。后续年份的目标只列出，不作为证据。
5. 推算：由基期与期末水平推算的年均增速或变化（标注“推算”）；基期值被后续文件修订时采用修订值并注明。
6. 未计分（名称不明）：指标名称疑为残缺，列在表外，不计入判定统计。"""

STATUS_RULE_ZH = """\
上一规划期实绩与本规划目标：按基期水平计算目标隐含的年均变化，与上一规划期的年均变化比较。
金额、数量按复合增速（%/年），比重、比率按每年百分点变化；现价金额隐含名义增速，GDP 与增加值的年均增长为实际增速，
两者不混比。上期快于所需为“超前”，相当为“符合进度”，慢于所需为“落后”，缺少基期或同口径数据为“暂无结果”。"""


def _value_cell(text: str, source: object, urls, sentences) -> str:
    from ningbo_analysis.present.sources import source_links

    if not text:
        return ""
    return f"<div>{html.escape(text)}</div>{source_links(source, urls, sentences)}"


def _reason_html(r: pd.Series) -> str:
    """The verdict's reason in Chinese: the scorecard's own line (``verdict_zh``) when it has
    one, the English basis in the tooltip; else the basis translated (``basis_text``)."""
    from ningbo_analysis.present.basis_text import basis_html

    said = str(r.get("verdict_zh", "") or "")
    by_analyst = str(r.get("override", "") or "")
    mark = f"<br><small>分析师覆盖：{html.escape(by_analyst)}</small>" if by_analyst else ""
    if not said:
        return basis_html(r["verdict_basis"], "verdict", r["verdict"]) + mark
    tip = html.escape(str(r["verdict_basis"]))
    return f'<span title="{tip}">{html.escape(said)}</span>{mark}'


def overrides_html(sc: pd.DataFrame, path: object) -> Html:
    """What the analyst's overrides file did: the rows it touched and the stale overrides (not
    applied: their target or figure is no longer found), in Chinese; empty without a file."""
    sc = filled(sc)
    if path is None:
        return Html("")
    touched = int((sc["override"].astype(str) != "").sum()) if "override" in sc else 0
    stale = list(sc.attrs.get("stale_overrides", []))
    lines = [
        f"<p>分析师覆盖文件 <code>{html.escape(Path(str(path)).name)}</code>：{touched} 个目标按其调整。</p>"
    ]
    if stale:
        items = "".join(
            f"<li>{html.escape(str(s['action']))} {html.escape(str(s['target_source']))}："
            f"{html.escape(str(s['why']))}</li>"
            for s in stale
        )
        lines.append(
            f"<p><b>{len(stale)} 条覆盖已失效，未应用</b>（原句已找不到）：</p><ul>{items}</ul>"
        )
    return Html("".join(lines))


def headline_html(
    sc: pd.DataFrame,
    figures: pd.DataFrame | None = None,
    corpus: pd.DataFrame | None = None,
    table_id: str = "scorecard",
    caption: str = "记分卡",
) -> Html:
    """The scorecard's headline table with sources one click away: each target, base and
    outcome cell shows its value, then its quote linking to the figure's row on the figures
    page (02; tooltip: the sentence) and to the document's address when the corpus has one;
    the verdict and its reason in Chinese (the English original in the tooltip)."""
    from ningbo_analysis.present.display import html_table
    from ningbo_analysis.present.sources import document_urls, sentence_lookup

    urls, sentences = document_urls(corpus), sentence_lookup(figures)
    sc = filled(sc)
    shown = headline_frame(sc)
    rows = []
    for (_, r), (_, h) in zip(sc.iterrows(), shown.iterrows(), strict=True):
        rows.append(
            {
                "指标": html.escape(str(r["indicator"])),
                "主题": html.escape(h["主题"] if "主题" in h else value_label("theme", r["theme"])),
                "目标": _value_cell(h["目标"], r["target_source"], urls, sentences),
                "基期": _value_cell(h["基期"], r["base_source"], urls, sentences),
                "结果": _value_cell(h["结果"], r["outcome_source"], urls, sentences),
                "判定": html.escape(value_label("verdict", r["verdict"])),
                "判定依据": _reason_html(r),
            }
        )
    cols = ["指标", "主题", "目标", "基期", "结果", "判定", "判定依据"]
    frame = pd.DataFrame(rows, columns=cols)
    tips = {
        "指标": "indicator",
        "主题": "theme",
        "目标": "target_value, target_source",
        "基期": "base_value, base_source",
        "结果": "outcome_value, outcome_source",
        "判定": "verdict",
        "判定依据": "verdict_basis",
    }
    return html_table(
        frame, table_id, caption=caption, page_size=40, tooltips=tips, html_columns=cols
    )


def split_scored(sc: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(scored, unscored)`` rows: rows whose ``scored`` is False (name unclear) apart."""
    sc = filled(sc)
    if "scored" not in sc.columns or sc.empty:
        return sc, sc.iloc[0:0]
    ok = sc["scored"].map(lambda v: True if is_missing_value(v) else bool(v))
    return sc[ok], sc[~ok]


def is_missing_value(v: object) -> bool:
    from ningbo_analysis.labels import is_missing

    return is_missing(v)


def rules_zh_html() -> Html:
    """The verdict and status rules in Chinese, folded, for the end of report 03."""
    parts = [
        ("判定规则（记分卡）", VERDICT_RULE_ZH),
        ("进度规则（上一规划期实绩与本规划目标）", STATUS_RULE_ZH),
    ]
    return Html(
        "".join(
            f"<details><summary>{html.escape(t)}</summary>"
            f'<pre style="white-space:pre-wrap;font-family:inherit">{html.escape(x)}</pre></details>'
            for t, x in parts
        )
    )


def review_outcomes(figures: pd.DataFrame, region: str, plan: str) -> pd.DataFrame:
    """What the review report states for ``plan``'s five years in ``region``: actual figures
    whose period is the plan's years (2016-2020) or its end year stated in the year after."""
    figures = filled(figures)
    p = plan_period(plan)
    if figures.empty:
        return figures
    mine = figures[(figures["region"].astype(str) == region) & (figures["kind"] == "actual")]
    spans = mine["period"].map(period_bounds)
    whole = spans == (p.start, p.end)
    end_year = (spans == (p.end, p.end)) & (mine.get("report_year", p.end + 1) == p.end + 1)
    return mine[whole | end_year]


def plan_targets_said(figures: pd.DataFrame, region: str, plan: str) -> pd.DataFrame:
    """Targets of ``region`` dated within ``plan``'s years (yearly targets, targets without an
    end-year level): what the target report does say when the scorecard is empty."""
    figures = filled(figures)
    p = plan_period(plan)
    if figures.empty:
        return figures
    mine = figures[(figures["region"].astype(str) == region) & (figures["kind"] == "target")]
    ends = mine["period"].map(lambda x: (period_bounds(x) or (0, 0))[1])
    return mine[(ends >= p.start) & (ends <= p.end)]


METHOD_ZH = """\
记分卡只列出抽取为数字、以规划末年为期的目标（期末水平、年均增长、五年累计、变化或每年的量）；每年的量（每年新增…）按期内每年的结果或五年累计÷5判定；未抽取为数字的表述不在其中，见 02 数字页。
“结果占目标的百分比”= 文件所述结果 ÷ 目标 × 100%，只在两者单位相同时计算；上限目标（以内）超过 100% 为未达成。
各数字下方的「引文」链接到 02 数字页中该数字所在的行（整句，数字以【】标出）；语料有原文地址时另附“原文↗”。
值以基本单位写入 CSV（元、人、%），旁附 _display 列（如 12,408.7亿元）与中文标签列（verdict_label、theme_label）。"""


def method_html(plan: str = "") -> Html:
    """Method notes and rules, folded (``<details>``), for the end of report 03."""
    notes = (
        "<details><summary>方法与口径</summary>"
        f'<pre style="white-space:pre-wrap;font-family:inherit">{html.escape(METHOD_ZH)}</pre>'
        "</details>"
    )
    return Html(notes + str(rules_zh_html()))


__all__ = [
    "METHOD_ZH",
    "STATUS_RULE_ZH",
    "VERDICT_RULE_ZH",
    "detail_frame",
    "empty_explanation",
    "headline_frame",
    "headline_html",
    "is_missing_value",
    "method_html",
    "overrides_html",
    "plan_targets_said",
    "qualified",
    "review_outcomes",
    "rules_html",
    "rules_zh_html",
    "split_scored",
    "summary_html",
]
