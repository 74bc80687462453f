"""Score the plan scorecard on real work reports against a hand-made gold standard.

    python benchmarks/score_scorecard.py                 # development cities
    python benchmarks/score_scorecard.py --heldout       # the cities kept aside (score at the end)
    python benchmarks/score_scorecard.py --city 合肥 -v  # one city, every row explained

Gold: ``tests/data/scorecard_gold_real/<city>.csv`` (README there): every quantitative 十三五 and
十四五 target of a city's 2016 and 2021 reports, the outcome its 2021/2026 report states, the
verdict — written by annotators who never ran the package. Texts:
``../shared/corpus/work_reports/<city>市/{2016,2021,2026}.md`` (absent on a user's clone: the
script says so and exits 0).

Printed per city and in total:
- targets found: gold targets with a scorecard row whose target is the gold's sentence number;
- verdicts right: of the gold targets with a met/missed verdict, rows with the same verdict;
- claimed without gold outcome: rows saying met/missed where the gold says no_outcome/unclear;
- rows no gold target: scorecard rows (scored ones) matching no gold target, share of all rows.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "scorecard_gold_real"
CORPUS = ROOT.parent / "shared" / "corpus" / "work_reports"
#: Annotated cities kept aside: scored only with --heldout, never tuned on.
HELDOUT = ("福州", "哈尔滨")
YEARS = ("2016", "2021", "2026")
PLANS = {"十三五": "2016", "十四五": "2021"}
DECIDED = ("met", "missed")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Tally:
    targets: int = 0
    found: int = 0
    decided: int = 0
    right: int = 0
    claimed_without: int = 0
    rows: int = 0
    rows_no_gold: int = 0
    lines: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("targets", "found", "decided", "right", "claimed_without", "rows"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rows_no_gold += other.rows_no_gold

    def summary(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.0f} %)" if b else f"{a}/0"

        return (
            f"targets found {pct(self.found, self.targets)} · verdicts right "
            f"{pct(self.right, self.decided)} · met/missed without gold outcome "
            f"{self.claimed_without} · rows no gold target {pct(self.rows_no_gold, self.rows)}"
        )


def load_city(city: str, folder: Path) -> pd.DataFrame:
    """The city's three reports as a corpus (front matter replaced by the loader's keys)."""
    import ningbo_analysis as na

    with tempfile.TemporaryDirectory() as tmp:
        for year in YEARS:
            path = CORPUS / f"{city}市" / f"{year}.md"
            text = _FRONT.sub("", path.read_text(encoding="utf-8"), count=1)
            head = f"---\ntitle: {city}市{year}年政府工作报告\nregion: {city}\n"
            head += f"kind: work_report\ndate: '{year}'\n---\n"
            Path(tmp, f"{city}_{year}.md").write_text(head + text, encoding="utf-8")
        corpus = na.load_corpus(tmp, seeds=True)
    return corpus[corpus["doc_id"].str.startswith(f"{city}_")].reset_index(drop=True)


def _doc_year(doc_id: str) -> str:
    return doc_id.split("_", 1)[1].split("-", 1)[0]


def _source_span(source: str) -> tuple[str, int, int] | None:
    m = re.match(r"(\S+?)@(\d+)-(\d+)", str(source))
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def _locate(quote: str, text: str) -> list[tuple[int, int]]:
    """Every span of ``quote`` in ``text`` (Markdown bold removed from both sides)."""
    quote = quote.replace("**", "")
    spans, pos = [], text.find(quote)
    while pos >= 0:
        spans.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    return spans


def gold_spans(gold: pd.DataFrame, corpus: pd.DataFrame) -> list[tuple[str, int, int] | None]:
    """(doc_id, start, end) of each gold target quote in the article text (None if not found):
    of several occurrences, the one nearest the gold's offset in the file."""
    out = []
    for row in gold.itertuples(index=False):
        year = str(row.target_file).split("/")[-1].split(".")[0]
        raw = (CORPUS / str(row.target_file)).read_text(encoding="utf-8")
        front = _FRONT.match(raw)
        want = int(row.target_start) - (front.end() if front else 0)
        best = None
        for art in corpus.itertuples(index=False):
            if _doc_year(art.doc_id) != year:
                continue
            spans = _locate(str(row.target_quote), art.text)
            if spans:
                start, end = min(spans, key=lambda s: abs(s[0] - want))
                best = (art.doc_id, start, end)
                break
        out.append(best)
    return out


def _same_number(row_raw: str, gold_value: str) -> bool:
    nums = _NUMBER.findall(str(row_raw).replace(",", ""))
    if not nums:
        return True  # a number written in words (翻一番, 突破万亿元): the span decides
    try:
        want = float(str(gold_value).split("-")[0].split("~")[0])
    except ValueError:
        return True  # a gold value written in words (万亿, 翻一番): the span decides
    return any(abs(float(n) - want) < 1e-9 for n in nums)


def _overlap(a: str, b: str) -> int:
    """Characters two names share (how alike a row's name and the gold's are)."""
    return len(set(str(a)) & set(str(b)))


def score_city(city: str, verbose: bool = False) -> Tally:
    import ningbo_analysis as na

    gold = pd.read_csv(GOLD / f"{city}.csv", dtype=str, keep_default_na=False)
    corpus = load_city(city, CORPUS)
    figures = na.extract_figures(corpus)
    spans = gold_spans(gold, corpus)
    tally = Tally()
    for plan in PLANS:
        g = gold[gold["plan"] == plan]
        card = na.plan_scorecard(figures, city, plan, regions=[city])
        if "scored" in card.columns:
            card = card[card["scored"]]
        matched_rows: set[int] = set()
        for i, grow in g.iterrows():
            span = spans[i]
            tally.targets += 1
            hits = []
            for j, crow in card.iterrows():
                src = _source_span(crow["target_source"])
                if src is None or span is None or src[0] != span[0]:
                    continue
                if src[1] < span[2] + 2 and src[2] > span[1] - 2:
                    if _same_number(crow["target_source"].split("「")[-1], grow.target_value):
                        hits.append(j)
            # several rows on one number (地区生产总值和城乡居民人均收入翻一番): a free one, named alike
            hit = min(
                hits,
                key=lambda j: (
                    j in matched_rows,
                    -_overlap(card.at[j, "indicator"], grow.indicator),
                ),
                default=None,
            )
            verdict = "" if hit is None else str(card.at[hit, "verdict"])
            if hit is not None:
                tally.found += 1
                matched_rows.add(hit)
            if grow.verdict in DECIDED:
                tally.decided += 1
                tally.right += verdict == grow.verdict
            elif verdict in DECIDED:
                tally.claimed_without += 1
            ok = (
                "ok"
                if (
                    hit is not None
                    and (
                        verdict == grow.verdict
                        or (grow.verdict not in DECIDED and verdict not in DECIDED)
                    )
                )
                else "XX"
            )
            tally.lines.append(
                f"  {ok} {plan} {grow.indicator} [{grow.measure}] gold {grow.verdict}"
                f" | got {'no row' if hit is None else verdict + ' ' + str(card.at[hit, 'indicator'])}"
                f" | {grow.target_quote} → {grow.outcome_quote}"
            )
        tally.rows += len(card)
        extra = [j for j in card.index if j not in matched_rows]
        tally.rows_no_gold += len(extra)
        for j in extra:
            tally.lines.append(
                f"  ++ {plan} row no gold: {card.at[j, 'indicator']} [{card.at[j, 'measure']}] "
                f"{card.at[j, 'verdict']} {card.at[j, 'target_source']}"
            )
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heldout", action="store_true", help="score the cities kept aside")
    parser.add_argument("--all", action="store_true", help="development and held-out cities")
    parser.add_argument("--city", action="append", help="only these cities")
    parser.add_argument("-v", "--verbose", action="store_true", help="every gold row and extra row")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"score_scorecard: {CORPUS} absent (the development corpus); nothing scored")
        return 0
    cities = sorted(p.stem for p in GOLD.glob("*.csv"))
    if args.city:
        cities = [c for c in cities if c in args.city]
    elif not args.all:
        cities = [c for c in cities if (c in HELDOUT) == args.heldout]
    total = Tally()
    for city in cities:
        tally = score_city(city, args.verbose)
        total.add(tally)
        print(f"{city}: {tally.summary()}")
        if args.verbose:
            print("\n".join(tally.lines))
    print(f"ALL ({len(cities)} cities): {total.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
