"""Stage 3 — figures: every quantitative statement of an article as a tidy, sourced row
(``extract``, reading sentences with ``sentence`` and the modules it draws on), indicator names
joined into concepts (``concepts``), scored against a gold standard (``gold``)."""

from ningbo_analysis.figures import concepts
from ningbo_analysis.figures.cues import lexicon
from ningbo_analysis.figures.extract import extract_figures
from ningbo_analysis.figures.figure import FIGURE_KINDS
from ningbo_analysis.figures.table import FIGURE_COLUMNS, coverage_by_section

__all__ = [
    "FIGURE_COLUMNS",
    "FIGURE_KINDS",
    "concepts",
    "coverage_by_section",
    "extract_figures",
    "lexicon",
]
