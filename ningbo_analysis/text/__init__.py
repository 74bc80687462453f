"""Stage 5 — text: segmentation (jieba with the package's dictionary), keywords, distinctive
terms between two sets of sentences, and themes of sentences and documents (``terms``)."""

from ningbo_analysis.text import terms
from ningbo_analysis.text.terms import (
    COMPARISONS,
    Comparison,
    check_comparison,
    comparison_sentences,
    distinctive_terms,
    keyword_table,
    keywords,
    normalize_quotes,
    section_sentences,
    segment,
    sentence_themes,
    stopword_lists,
    term_counts,
    theme_lexicon,
    themes,
    tokenize,
    tokens_frame,
    user_terms,
)

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
    "segment",
    "sentence_themes",
    "stopword_lists",
    "term_counts",
    "terms",
    "theme_lexicon",
    "themes",
    "tokenize",
    "tokens_frame",
    "user_terms",
]
