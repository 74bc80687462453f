"""Stage 3 — figures: every quantitative statement of an article as a tidy, sourced row
(``extract``), indicator names joined into concepts (``concepts``), scored against a gold
standard (``gold``)."""

from ningbo_analysis.figures import concepts
from ningbo_analysis.figures.extract import (
    FIGURE_COLUMNS,
    FIGURE_KINDS,
    coverage_by_section,
    extract_figures,
    lexicon,
)

__all__ = [
    "FIGURE_COLUMNS",
    "FIGURE_KINDS",
    "concepts",
    "coverage_by_section",
    "extract_figures",
    "lexicon",
]
