"""What the text around a numeral says about it: tests the readers of a match ask.

A qualifier word right before a number (``_pre``: 约, 超过, 不到), a numeral that is part of
a word or set phrase (``_in_word``: 统一, 最多跑一次), a list announced before a number
(``_after_list_cue``: 分别, 依次), a word that introduces a year (``_after_preposition``), a
counting noun that gives a unit (``_noun_unit``: 2000万农村人口 → 人), and the tests on a
run of Chinese numeral characters: where in it a quantity may start (``_zh_run_limit``),
whether a financial character is one (``_style_ok``) and whether a numeral stands without a
unit (``_stands_alone``, ``_bare_numeral``).
"""

from __future__ import annotations

from ningbo_analysis.numbers.lexicon import _Lexicon
from ningbo_analysis.numbers.numerals import _numerals
from ningbo_analysis.numbers.patterns import _WINDOW


def _pre(norm: str, start: int, floor: int, lex: _Lexicon) -> tuple[int, str]:
    """Start and qualifier of a qualifier word right before ``start`` (约, 超过, 不到)."""
    if start <= floor or norm[start - 1] not in lex.pre_last:
        return start, ""
    for length, words in lex.pre_words:
        s = start - length
        if s >= floor and norm[s:start] in words:
            return s, lex.qualifiers[norm[s:start]]
    return start, ""


def _in_word(norm: str, pos: int, lex: _Lexicon) -> bool:
    """True when the numeral at ``pos`` is part of a word such as 统一, 星期一 or 最多跑一次."""
    words = lex.word_numerals.get(norm[pos])
    return words is not None and words.match(norm, pos) is not None


_LIST_CUES = ("分别", "依次")  # 分别为120，150亿元: what follows is a list
_CLAUSE_STOPS = frozenset("。；;！!？?\n，,")


def _after_list_cue(norm: str, pos: int) -> bool:
    """True when a word announcing a list (分别, 依次) is in the clause before ``pos``."""
    i = pos
    while i > 0 and pos - i < 40 and norm[i - 1] not in _CLAUSE_STOPS:
        i -= 1
    return any(w in norm[i:pos] for w in _LIST_CUES)


def _after_preposition(norm: str, pos: int) -> bool:
    """True when ``pos`` starts the text or follows a word that introduces a year (到, 至, 在)."""
    return pos == 0 or norm[pos - 1] in "到至在于从自比较和与及、—-~ \n\t"


def _noun_unit(norm: str, end: int, lex: _Lexicon) -> str:
    """Unit from a counting noun after a unit-less number (2000万农村人口 → 人)."""
    m = lex.noun_pattern.match(norm, end, min(len(norm), end + _WINDOW))
    if m is None:
        return ""
    return lex.noun_units[m.group(1)]


def _zh_run_limit(norm: str, start: int, end: int, endpos: int, lex: _Lexicon) -> int:
    """Up to where, in the run of numeral characters ``norm[start:end]``, a quantity may start.

    A position is worth a try when a unit, a marker or a range follows somewhere after it in
    the run or right after the run (一个, 一是, 十四五, 三分之一, 五千瓦 where 千瓦 is a unit),
    or when the run is a numeral that cannot be a word (一百零一: three characters or more,
    with a digit and a 十百千万亿); 统一, 进一步 and 一带一路 are skipped at once. Returns
    the first position not worth a try (``start`` for none).
    """
    follow = lex.patterns.follow
    if end < endpos and norm[end] in follow:
        return end
    if end - start >= 3 and _bare_numeral(norm[start:end], lex):
        return end
    for j in range(end - 1, start, -1):
        if norm[j] in follow:
            return j
    return start


def _style_ok(numeral: str, unit_text: str, lex: _Lexicon) -> bool:
    """A numeral with financial characters is written in that style throughout, and one such
    character alone is a number only before a currency (壹元, 陆佰元; not 陆家, 拾三间)."""
    tab = _numerals()
    fin = tab.financial
    if fin.isdisjoint(numeral):
        return True
    if any(
        (c in lex.digits or c in lex.small)
        and c not in fin
        and c in tab.canon
        and tab.canon[c] == c
        and tab.digits.get(c) != 0
        for c in numeral
    ):
        return False
    if len(numeral) > 1:
        return True
    info = lex.units.get(unit_text)
    return info is not None and info.unit in lex.currencies


def _stands_alone(sign: str, numeral: str, lex: _Lexicon) -> bool:
    """A Chinese numeral that is a number without a unit: 负十, 三点五, 一百零一 (not 十一)."""
    tab = _numerals()
    if sign in tab.minus or not tab.point.isdisjoint(numeral):
        return True
    return len(numeral) >= 3 and _bare_numeral(numeral, lex)


def _bare_numeral(run: str, lex: _Lexicon) -> bool:
    """A numeral that reads as a number without a unit: a digit and a unit character in it."""
    return not lex.digits.keys().isdisjoint(run) and not (
        lex.small.keys().isdisjoint(run) and lex.big.keys().isdisjoint(run)
    )


__all__: list[str] = []
