"""Stage 4 — plans: a plan's targets against their outcomes.

Modules: ``verdicts`` (required paths and verdict rules), ``prepare`` (the figures of a region
made ready for scoring; shared lexicon and themes), ``scorecard`` (every target of a plan and
its verdict), ``record`` (the previous plan's record against this plan's targets), ``peers``
(every place of a corpus scored and compared side by side),
``implied_rates`` (the yearly pace a target implies and the previous plan achieved, and the clause
of a rate from a bound). Plan periods themselves are data of the corpus stage
(``corpus.periods``), re-exported here.
"""

from ningbo_analysis.corpus.periods import DEFAULT_PLAN, PlanPeriod, plan, plan_names, plan_periods
from ningbo_analysis.plans import implied_rates, peers, prepare, record, scorecard, verdicts
from ningbo_analysis.plans.record import compare_plans
from ningbo_analysis.plans.scorecard import (
    SCORECARD_COLUMNS,
    plan_scorecard,
    scorecard_rule_text,
    verdict_counts,
)

__all__ = [
    "DEFAULT_PLAN",
    "SCORECARD_COLUMNS",
    "PlanPeriod",
    "compare_plans",
    "implied_rates",
    "peers",
    "plan",
    "plan_names",
    "plan_periods",
    "plan_scorecard",
    "prepare",
    "record",
    "scorecard",
    "scorecard_rule_text",
    "verdict_counts",
    "verdicts",
]
