"""Chinese text of the English reasons ``plans/`` writes (``verdict_basis``, ``later_targets``,
notes of the previous plan's record), for readers: phrase by phrase with the rules of
``data/basis_phrases.csv``. Text already in Chinese passes unchanged; text that still holds
English words afterwards is replaced by the state's meaning (``data/glossary.csv``) and the
original is kept for the tooltip (:func:`basis_cell`).
"""

from __future__ import annotations

import html
import re
from functools import cache

from ningbo_analysis.labels import is_missing, state_meaning
from ningbo_analysis.resources import read_data_csv

#: Two or more Latin words of two letters or more in a row: English prose left over.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[\s,;:()'-]+[A-Za-z]{2,})+")


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = read_data_csv("basis_phrases.csv")
    return tuple(
        (re.compile(p), r) for p, r in zip(table["pattern"], table["replacement"], strict=True)
    )


def basis_zh(text: object) -> str:
    """``level: no outcome for 2025 and no interim actual on the target's basis`` →
    ``水平：尚无 2025 年结果，也无与目标口径一致的期中实际数`` ("" for a missing value)."""
    if is_missing(text):
        return ""
    out = str(text)
    for pattern, replacement in _rules():
        out = pattern.sub(replacement, out)
    return out


def is_english(text: str) -> bool:
    """True when ``text`` still holds English prose (two Latin words in a row)."""
    return bool(ENGLISH.search(text))


def basis_cell(text: object, column: str = "verdict", state: object = "") -> tuple[str, str]:
    """``(shown, tooltip)`` for a reason: its Chinese text, or the state's meaning when the
    translation left English in it; the tooltip holds the original (English) text."""
    original = "" if is_missing(text) else str(text)
    shown = basis_zh(original)
    if is_english(shown):
        shown = state_meaning(column, state) or "（说明见悬停提示）"
    return shown, original if original != shown else ""


def basis_html(text: object, column: str = "verdict", state: object = "") -> str:
    """:func:`basis_cell` as escaped HTML: ``<span title="original">中文</span>``."""
    shown, tip = basis_cell(text, column, state)
    if not tip:
        return html.escape(shown)
    return f'<span title="{html.escape(tip)}">{html.escape(shown)}</span>'


__all__ = ["basis_cell", "basis_html", "basis_zh", "is_english"]
