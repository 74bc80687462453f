"""Stage 5 — text: work-report sentences by section, and the comparisons built from them. Each
sentence gets its section at a level of the outline (``一、…``, ``(一)…``) with the section's heading
(:func:`section_sentences`); the headings' roles (review, targets, annual plan, government
self-improvement) then split the sentences into the two sides of a named comparison: review vs
targets, one region vs another, one year's plan vs another's (:func:`comparison_sentences`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from ningbo_analysis.errors import ParameterError, require_columns

COMPARISONS = ("review_vs_targets", "ningbo_vs_yuyao", "2021_vs_2023")
"""Named comparisons of :func:`comparison_sentences`; any ``"<year>_vs_<year>"`` also works."""


# Level-1 headings of Chinese government work reports, by role (general report vocabulary).
HEADING_ROLES = {
    "review": re.compile(r"回顾|成就|成绩"),
    "targets": re.compile(r"目标"),
    "plan": re.compile(r"工作安排|主要工作|重点工作|工作任务"),
    "government": re.compile(r"政府.{0,8}(?:建设|治理)|自身建设"),
}


_REGION_PAIRS = {"ningbo_vs_yuyao": ("宁波", "余姚")}


class Comparison(NamedTuple):
    """Two bodies of sentences to compare, with their labels."""

    name: str
    label_a: str
    label_b: str
    a: pd.DataFrame
    b: pd.DataFrame


def section_sentences(corpus: pd.DataFrame, level: int = 1) -> pd.DataFrame:
    """Sentences of a corpus with their section at ``level`` (1 = 一、…, 2 = (一)…).

    Adds to :func:`ningbo_analysis.corpus.structure.corpus_sentences` the columns ``section`` (the
    ``section_path`` cut to ``level`` labels, ``""`` before the first heading), ``section_heading``
    (that section's heading text), ``section_label`` (``"一 2020年和“十三五”工作回顾"``) and the
    article's ``title``.
    """
    from ningbo_analysis.corpus import structure

    require_columns(
        corpus,
        ["doc_id", "title", "year", "region", "kind", "text"],
        function="text.section_sentences",
        argument="corpus",
        made_by="load_corpus()",
    )

    if not isinstance(level, int) or level < 1:
        raise ParameterError(f"level must be an int >= 1, got {level!r}")
    if not isinstance(corpus, pd.DataFrame):  # a row (dict, Series) passes require_columns
        raise ParameterError("section_sentences needs a corpus DataFrame with column 'doc_id'")
    sents = structure.corpus_sentences(corpus)
    headings: dict[tuple[str, str], str] = {}
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        out = structure.outline(text)
        for path, heading in zip(out["section_path"], out["heading"], strict=True):
            headings.setdefault((doc_id, path), heading)
    cut = sents["section_path"].map(lambda p: " > ".join(str(p).split(" > ")[:level]) if p else "")
    sents["section"] = cut.astype("str")
    sents["section_heading"] = pd.Series(
        [headings.get((d, p), "") for d, p in zip(sents["doc_id"], sents["section"], strict=True)],
        dtype="str",
        index=sents.index,
    )
    sents["section_label"] = (sents["section"] + " " + sents["section_heading"]).str.strip()
    titles = dict(zip(corpus["doc_id"], corpus["title"].astype(str), strict=True))
    sents["title"] = sents["doc_id"].map(titles).astype("str")
    return sents


def _role_mask(sents: pd.DataFrame, role: str) -> pd.Series:
    return sents["section_heading"].str.contains(HEADING_ROLES[role], regex=True)


def _plan_part(doc: pd.DataFrame) -> pd.DataFrame:
    """The annual work plan of one report: sections headed like 工作安排, else all sections that are
    not review, targets or government self-improvement."""
    plan = _role_mask(doc, "plan")
    if plan.any():
        return doc[plan]
    other = _role_mask(doc, "review") | _role_mask(doc, "targets") | _role_mask(doc, "government")
    return doc[~other]


def check_comparison(comparison: str) -> str:
    """Return ``comparison`` if it names a comparison of :func:`comparison_sentences`, else raise."""
    if comparison in COMPARISONS or comparison in _REGION_PAIRS:
        return comparison
    if isinstance(comparison, str) and re.fullmatch(r"\d{4}_vs_\d{4}", comparison):
        return comparison
    raise ParameterError(
        f"comparison must be one of {list(COMPARISONS)} or '<year>_vs_<year>', got {comparison!r}"
    )


def comparison_sentences(
    sentences: pd.DataFrame, comparison: str, region: str = "宁波"
) -> Comparison:
    """Split work-report sentences (from :func:`section_sentences`) into the two sides of a comparison.

    - ``"review_vs_targets"``: sections of ``region``'s work reports headed as a review (回顾,
      成就, 成绩) vs sections headed as targets (目标).
    - ``"ningbo_vs_yuyao"``: the 宁波 vs the 余姚 work reports of the years both have (``region`` is
      not used).
    - ``"<year>_vs_<year>"`` (e.g. ``"2021_vs_2023"``): the annual work plan of ``region``'s report
      of each year (sections headed 工作安排 …, else everything but review, targets and government
      self-improvement sections).
    """
    need = {"doc_id", "region", "kind", "year", "sentence", "section_heading"}
    if not isinstance(sentences, pd.DataFrame) or not need <= set(sentences.columns):
        raise ParameterError(
            f"comparison_sentences needs section_sentences() columns {sorted(need)}"
        )
    check_comparison(comparison)
    reports = sentences[sentences["kind"] == "work_report"]
    years = re.fullmatch(r"(\d{4})_vs_(\d{4})", str(comparison))
    if comparison == "review_vs_targets":
        own = reports[reports["region"] == region]
        review = _role_mask(own, "review")
        targets = _role_mask(own, "targets") & ~review
        result = Comparison(comparison, "回顾", "目标", own[review], own[targets])
    elif comparison in _REGION_PAIRS:
        ra, rb = _REGION_PAIRS[comparison]
        common = set(reports.loc[reports["region"] == ra, "year"]) & set(
            reports.loc[reports["region"] == rb, "year"]
        )
        both = reports[reports["year"].isin(common)]
        result = Comparison(
            comparison, ra, rb, both[both["region"] == ra], both[both["region"] == rb]
        )
    elif years:
        own = reports[reports["region"] == region]
        ya, yb = int(years.group(1)), int(years.group(2))
        parts = [
            pd.concat([_plan_part(d) for _, d in own[own["year"] == y].groupby("doc_id")])
            if (own["year"] == y).any()
            else own.iloc[0:0]
            for y in (ya, yb)
        ]
        result = Comparison(comparison, f"{ya}年", f"{yb}年", parts[0], parts[1])
    else:  # pragma: no cover - check_comparison() rejected it
        raise ParameterError(f"unknown comparison {comparison!r}")
    for label, side in ((result.label_a, result.a), (result.label_b, result.b)):
        if side.empty:
            raise ParameterError(
                f"comparison {comparison!r}: no work-report sentences for side {label!r} "
                f"(region {region!r})"
            )
    return result._replace(a=result.a.reset_index(drop=True), b=result.b.reset_index(drop=True))


__all__ = [
    "COMPARISONS",
    "HEADING_ROLES",
    "Comparison",
    "check_comparison",
    "comparison_sentences",
    "section_sentences",
]
