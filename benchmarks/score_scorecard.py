"""Score the plan scorecard on real work reports against a hand-made gold standard.

    python benchmarks/score_scorecard.py                 # development cities
    python benchmarks/score_scorecard.py --heldout       # the cities kept aside (score at the end)
    python benchmarks/score_scorecard.py --city 合肥 -v  # one city, every row explained
    python benchmarks/score_scorecard.py --gold tests/data/scorecard_gold_12th  # 十二五 gold

Gold: ``tests/data/scorecard_gold_real/<city>.csv`` (README there): every quantitative 十三五 and
十四五 target of a city's 2016 and 2021 reports, the outcome its 2021/2026 report states, the
verdict — written by annotators who never ran the package. Texts:
``../shared/corpus/work_reports/<city>市/{2016,2021,2026}.md`` (absent on a user's clone: the
script says so and exits 0). ``--gold DIR`` scores another gold folder of the same columns, for
the plans its rows name (``tests/data/scorecard_gold_12th``: 十二五 targets of the 2011 reports,
their outcomes in the 2016 reports): the reports read are each plan's first year and five
years later.

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
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "scorecard_gold_real"
CORPUS = ROOT.parent / "shared" / "corpus" / "work_reports"
#: Annotated cities kept aside: scored only with --heldout, never tuned on. Empty: every annotated
#: city has been scored once and used (see the gold README); annotate new cities to hold out.
HELDOUT: tuple[str, ...] = ()
GOLD_12TH = ROOT / "tests" / "data" / "scorecard_gold_12th"
DECIDED = ("met", "missed")
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


def plan_years(plans: list[str]) -> list[str]:
    """The reports a scorecard of ``plans`` reads: each plan's first year (its targets) and five
    years later (its review): 十三五, 十四五 → 2016, 2021, 2026."""
    from ningbo_analysis.corpus.periods import plan

    return sorted({str(plan(p).start + k) for p in plans for k in (0, 5)})


def load_city(
    city: str, folder: Path = CORPUS, plans: tuple[str, ...] = ("十三五", "十四五")
) -> pd.DataFrame:
    """The city's reports of ``plans`` (2016, 2021 and 2026 for 十三五 and 十四五) as they are (front
    matter, Markdown and all); a year the corpus lacks (西宁 2026, 郑州 2016) is left out."""
    import ningbo_analysis as na

    files = [folder / f"{city}市" / f"{year}.md" for year in plan_years(list(plans))]
    return na.load_corpus([f for f in files if f.is_file()])


def _source_span(source: str) -> tuple[str, int, int] | None:
    from ningbo_analysis.plans.overrides import parse_source

    parsed = parse_source(source.split("「")[0])  # the scorecard's own doc@start-end「raw」
    return parsed[:3] if parsed else None


def raw_spans(card: pd.DataFrame, figures: pd.DataFrame) -> list[tuple[str, int, int] | None]:
    """(file year, raw start, raw end) of each scorecard row's target: its figure's offsets in
    the file, as the gold's are."""
    where = {
        (d, int(s), int(e)): (str(d).split("-")[0], int(rs), int(re_))
        for d, s, e, rs, re_ in figures[["doc_id", "start", "end", "raw_start", "raw_end"]]
        .dropna()
        .itertuples(index=False)
    }
    return [where.get(_source_span(src) or ("", -1, -1)) for src in card["target_source"]]


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


def score_city(city: str, verbose: bool = False, gold_dir: Path = GOLD) -> Tally:
    import ningbo_analysis as na

    gold = pd.read_csv(gold_dir / f"{city}.csv", dtype=str, keep_default_na=False)
    plans = tuple(dict.fromkeys(gold["plan"])) if gold_dir != GOLD else ("十三五", "十四五")
    corpus = load_city(city, plans=plans)
    figures = na.extract_figures(corpus)
    tally = Tally()
    for plan in plans:
        g = gold[gold["plan"] == plan]
        card = na.plan_scorecard(figures, city, plan, regions=[city], corpus=corpus)
        card = card[card["scored"]].reset_index(drop=True)
        spans = raw_spans(card, figures)
        matched_rows: set[int] = set()
        for grow in g.itertuples(index=False):
            year = str(grow.target_file).split("/")[-1].split(".")[0]
            start, end = int(grow.target_start), int(grow.target_end)
            tally.targets += 1
            hits = [
                j
                for j, span in enumerate(spans)
                if span is not None
                and span[0] == year
                and start - 2 <= span[1] < end  # the row's number inside the gold quote
                and start < span[2] <= end + 2
                and _same_number(card.at[j, "target_source"].split("「")[-1], grow.target_value)
            ]
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
            ok = hit is not None and (
                verdict == grow.verdict or (grow.verdict not in DECIDED and verdict not in DECIDED)
            )
            got = "no row" if hit is None else f"{verdict} {card.at[hit, 'indicator']}"
            tally.lines.append(
                f"  {'ok' if ok else 'XX'} {plan} {grow.indicator} [{grow.measure}] gold "
                f"{grow.verdict} | got {got} | {grow.target_quote} → {grow.outcome_quote}"
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
    parser.add_argument("--gold", type=Path, default=GOLD, help="another gold folder")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"score_scorecard: {CORPUS} absent (the development corpus); nothing scored")
        return 0
    gold_dir = args.gold.resolve()
    cities = sorted(p.stem for p in gold_dir.glob("*.csv"))
    if args.city:
        cities = [c for c in cities if c in args.city]
    elif not args.all:
        cities = [c for c in cities if (c in HELDOUT) == args.heldout or gold_dir != GOLD]
    total = Tally()
    for city in cities:
        tally = score_city(city, args.verbose, gold_dir)
        total.add(tally)
        print(f"{city}: {tally.summary()}")
        if args.verbose:
            print("\n".join(tally.lines))
    print(f"ALL ({len(cities)} cities): {total.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
