"""Stage 5 — text: segmentation (jieba with the package's dictionary) and content tokens
(``segmentation``), keywords and distinctive terms between two sets of sentences (``terms``),
themes of sentences and documents (``theme_tags``), and sentences by report section with the
comparisons built from them (``sections``)."""

from ningbo_analysis.text import sections, segmentation, terms, theme_tags
from ningbo_analysis.text.sections import (
    COMPARISONS,
    Comparison,
    check_comparison,
    comparison_sentences,
    section_sentences,
)
from ningbo_analysis.text.segmentation import (
    normalize_quotes,
    segment,
    stopword_lists,
    tokenize,
    tokens_frame,
    user_terms,
)
from ningbo_analysis.text.terms import (
    distinctive_terms,
    keyword_table,
    keywords,
    term_counts,
)
from ningbo_analysis.text.theme_tags import sentence_themes, theme_lexicon, themes

__all__ = [
    "COMPARISONS",
    "Comparison",
    "check_comparison",
    "comparison_sentences",
    "distinctive_terms",
    "keyword_table",
    "keywords",
    "normalize_quotes",
    "section_sentences",
    "sections",
    "segment",
    "segmentation",
    "sentence_themes",
    "stopword_lists",
    "term_counts",
    "terms",
    "theme_lexicon",
    "theme_tags",
    "themes",
    "tokenize",
    "tokens_frame",
    "user_terms",
]
