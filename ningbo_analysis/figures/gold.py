"""Measure the figures extractor against a hand-made gold standard (``tests/data/gold_figures.csv``).

A gold row names its article (``seed_file``, ``article_title``), an exact ``context`` from the source
sentence and the ``raw`` number inside it; that locates a span of the article text. An extracted row
*matches* a gold row when it comes from the same article and its span overlaps the gold span. The
match is *correct* when value (relative tolerance 1e-6), unit, kind, measure and period all agree.

``score_figures`` returns one row per gold figure (with what the extractor said) and the summary
``found`` (a matching row exists), ``correct`` and ``wrong_rows`` (extracted rows inside the scored
parts of the text that match no gold figure or match it wrongly).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ningbo_analysis.errors import ParameterError

# The gold file keeps measure words as written; the extractor may use the canonical base unit.
UNIT_EQUIVALENTS = {"名": "人", "位": "位"}
COMPARED = ("value", "unit", "kind", "measure", "period")


@dataclass(frozen=True)
class Score:
    """Summary of a comparison with the gold standard."""

    gold: int
    found: int
    correct: int
    extracted_in_scope: int
    wrong_rows: int

    @property
    def recall(self) -> float:
        """Share of gold figures found with the right value, unit, kind, measure and period."""
        return self.correct / self.gold if self.gold else math.nan

    @property
    def error_rate(self) -> float:
        """Share of extracted rows in the scored parts that are wrong or not figures at all."""
        return self.wrong_rows / self.extracted_in_scope if self.extracted_in_scope else math.nan


def read_gold(path) -> pd.DataFrame:
    """Read a gold CSV with every column as text (periods like ``2020`` stay strings)."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold["value"] = gold["value"].astype(float)
    return gold


def locate_gold(gold: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Add ``doc_id``, ``start`` and ``end`` (span of ``raw`` in the article text) to gold rows."""
    out = []
    for row in gold.to_dict("records"):
        arts = corpus.loc[corpus["seed_file"] == row["seed_file"]]
        if row["article_title"]:
            arts = arts.loc[arts["title"].str.contains(row["article_title"], regex=False)]
        hit = None
        for art in arts.itertuples(index=False):
            c = art.text.find(row["context"])
            if c >= 0:
                r = row["context"].find(row["raw"])
                if r < 0:
                    raise ParameterError(
                        f"gold raw {row['raw']!r} not in context {row['context']!r}"
                    )
                hit = (art.doc_id, c + r, c + r + len(row["raw"]))
                break
        if hit is None:
            raise ParameterError(
                f"gold context {row['context']!r} not found in {row['seed_file']} {row['article_title']}"
            )
        out.append({**row, "doc_id": hit[0], "start": hit[1], "end": hit[2]})
    return pd.DataFrame(out)


def _same_unit(a: str, b: str) -> bool:
    return UNIT_EQUIVALENTS.get(a, a) == UNIT_EQUIVALENTS.get(b, b)


def _agree(gold: dict, got: dict) -> dict[str, bool]:
    return {
        "value": math.isclose(
            float(gold["value"]), float(got["value"]), rel_tol=1e-6, abs_tol=1e-9
        ),
        "unit": _same_unit(gold["unit"], got["unit"]),
        "kind": gold["kind"] == got["kind"],
        "measure": gold["measure"] == got["measure"],
        "period": str(gold["period"]) == str(got["period"]),
    }


def score_figures(
    figures: pd.DataFrame, gold: pd.DataFrame, corpus: pd.DataFrame, scope: pd.DataFrame
) -> tuple[pd.DataFrame, Score]:
    """Compare extracted ``figures`` with located ``gold`` rows.

    ``scope`` lists the scored parts of the text: ``doc_id, start, end`` spans (extracted rows
    outside them are not counted as errors, because the gold file does not cover them).
    Returns the per-gold-row comparison and the :class:`Score`.
    """
    located = gold if "doc_id" in gold.columns else locate_gold(gold, corpus)
    detail = []
    used: set[int] = set()
    wrong_matches = 0
    for g in located.to_dict("records"):
        cands = figures.loc[
            (figures["doc_id"] == g["doc_id"])
            & (figures["start"] < g["end"])
            & (figures["end"] > g["start"])
        ]
        best, best_ok = None, None
        for idx, f in cands.iterrows():
            ok = _agree(g, f)
            if best is None or sum(ok.values()) > sum(best_ok.values()):
                best, best_ok = (idx, f), ok
        if best is None:
            detail.append({**g, "found": False, "correct": False, "got": "", "mismatch": "missing"})
            continue
        idx, f = best
        used.add(idx)
        correct = all(best_ok.values())
        wrong_matches += 0 if correct else 1
        detail.append(
            {
                **g,
                "found": True,
                "correct": correct,
                "got": f"{f['indicator']}|{f['kind']}|{f['measure']}|{f['period']}|{f['value']}|{f['unit']}",
                "mismatch": ",".join(k for k, v in best_ok.items() if not v),
            }
        )
    in_scope = _in_scope(figures, scope)
    unmatched = [i for i in in_scope if i not in used]
    detail_df = pd.DataFrame(detail)
    score = Score(
        gold=len(located),
        found=int(detail_df["found"].sum()),
        correct=int(detail_df["correct"].sum()),
        extracted_in_scope=len(in_scope),
        wrong_rows=len(unmatched) + wrong_matches,
    )
    return detail_df, score


def _in_scope(figures: pd.DataFrame, scope: pd.DataFrame) -> list[int]:
    keep = []
    for idx, f in figures.iterrows():
        spans = scope.loc[scope["doc_id"] == f["doc_id"]]
        if ((spans["start"] <= f["start"]) & (f["end"] <= spans["end"])).any():
            keep.append(idx)
    return keep


def unmatched_rows(
    figures: pd.DataFrame, detail: pd.DataFrame, scope: pd.DataFrame
) -> pd.DataFrame:
    """Extracted rows in scope that match no gold figure (false positives, for inspection)."""
    in_scope = figures.loc[_in_scope(figures, scope)]
    hit = []
    for idx, f in in_scope.iterrows():
        g = detail.loc[
            (detail["doc_id"] == f["doc_id"])
            & (detail["start"] < f["end"])
            & (detail["end"] > f["start"])
        ]
        if g.empty:
            hit.append(idx)
    return in_scope.loc[hit]
