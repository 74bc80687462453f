"""The parser's lexicon: the data files loaded once, and the look-ups the readers make in it.

``_load_lexicon`` reads ``units.csv``, ``currencies.csv``, ``numerals_zh.csv``,
``numerals_zh_words.csv``, ``units_qualifiers.csv`` and ``units_nouns.csv`` into a
``_Lexicon`` (units, numeral characters, qualifier words, nouns that give a unit, the words a
numeral may be part of, currencies written before a number) and compiles the scanner's
patterns with it (``patterns._compile``); ``parser._lexicon`` keeps the one instance. The
look-ups every reader of a match shares sit here too: the value of a numeral (``_number``),
the scale of a magnitude word (``_magnitude``) and the canonical unit of a written unit
(``_unit_of``, which remembers per forms such as ``元/人``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from itertools import product
from typing import NamedTuple

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.numbers.numerals import _numerals, _read, _zh_float
from ningbo_analysis.numbers.patterns import _alt, _compile, _Patterns, _Unit
from ningbo_analysis.numbers.quantity import QUALIFIERS, _scaled

_UNIT_KINDS = {"amount", "percent", "percentage_point", "multiple", "ordinal", "name"}


class _Lexicon(NamedTuple):
    units: dict[str, _Unit]
    digits: dict[str, int]
    small: dict[str, int]
    big: dict[str, int]
    qualifiers: dict[str, str]
    pre_words: tuple[tuple[int, frozenset[str]], ...]  # (length, words), longest first
    pre_last: frozenset[str]  # last characters of those words (a cheap first test)
    noun_units: dict[str, str]
    word_numerals: dict[str, re.Pattern[str]]  # numeral char → the words around it (统一)
    patterns: _Patterns
    noun_pattern: re.Pattern[str]
    currency_before: tuple[tuple[int, dict[str, str]], ...]  # 港币 → 港元, longest first
    yuan_units: dict[str, str]  # written units sub-units may follow → their currency (块 → 元)
    money_next: frozenset[str]  # characters after a number that may start a money form
    currencies: frozenset[str]  # canonical currency units (元, 美元, 港元 …)
    currency_last: frozenset[str]  # characters that may end a currency before a number, space
    magnitudes: dict[str, float]  # every magnitude word the scanner reads → its scale (千万 → 1e7)
    financial: frozenset[str]  # characters of the financial style only (壹 … 玖 拾 佰 仟)


def _words_around(words: list[tuple[int, str]]) -> re.Pattern[str]:
    """A pattern that matches (empty) at a numeral inside one of ``words`` ((offset, word)
    pairs): ``(?<=统)(?=一)|(?=一带一路)``; one regex call instead of a loop of ``startswith``."""
    alts = []
    for k, w in words:
        behind = f"(?<={re.escape(w[:k])})" if k else ""
        alts.append(f"{behind}(?={re.escape(w[k:])})")
    return re.compile("|".join(alts))


def _by_length(words) -> tuple[tuple[int, frozenset[str]], ...]:
    """Words grouped by length, longest first (for suffix/prefix look-ups)."""
    lengths = sorted({len(w) for w in words}, reverse=True)
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths)


def _load_lexicon(handlers: Collection[str]) -> _Lexicon:
    """Load the data files and compile the scanner, whose alternatives are the names of
    ``handlers`` (``parser._lexicon`` calls it once)."""
    units_df = _read("units.csv", ["surface", "unit", "scale", "kind"])
    units: dict[str, _Unit] = {}
    for row in units_df.itertuples(index=False):
        if row.kind not in _UNIT_KINDS:
            raise NingboAnalysisError(f"data file units.csv: unknown kind {row.kind!r}")
        units[row.surface] = _Unit(row.unit, float(row.scale), row.kind)
    money = _read("currencies.csv", ["surface", "unit", "iso", "scale", "role", "before"])
    main = [r for r in money.itertuples(index=False) if r.role == "main"]
    for r in main:
        if r.before != "only":  # ¥, US$, USD: a currency before the number only
            units[r.surface] = _Unit(r.unit, float(r.scale), "amount")
    # 元 followed by a currency name names that currency (9000元日币, 50元人民币)
    yuan = [r.surface for r in main if r.iso == "CNY" and len(r.surface) == 1]
    for r in main:
        if r.before == "1":  # not "only": 元¥ is no currency
            for y in yuan:
                units.setdefault(y + r.surface, _Unit(r.unit, float(r.scale), "amount"))
    before_money = {r.surface: r.unit for r in main if r.before in ("1", "only")}
    yuan_units = {
        r.surface: r.unit for r in money.itertuples() if r.surface in yuan or r.role == "colloquial"
    }
    num_df = _read("numerals_zh.csv", ["char", "value", "role"])
    digits = {r.char: int(r.value) for r in num_df.itertuples() if r.role == "digit"}
    small = {r.char: int(r.value) for r in num_df.itertuples() if r.role == "small"}
    big = {r.char: int(r.value) for r in num_df.itertuples() if r.role == "big"}
    qual_df = _read("units_qualifiers.csv", ["surface", "position", "qualifier"])
    bad = set(qual_df["qualifier"]) - set(QUALIFIERS)
    if bad:
        raise NingboAnalysisError(f"data file units_qualifiers.csv: unknown qualifiers {bad}")
    before = [r.surface for r in qual_df.itertuples() if r.position == "before"]
    after = [r.surface for r in qual_df.itertuples() if r.position == "after"]
    qualifiers = {r.surface: r.qualifier for r in qual_df.itertuples()}
    nouns_df = _read("units_nouns.csv", ["noun", "unit"])
    noun_units = dict(zip(nouns_df["noun"], nouns_df["unit"], strict=True))
    words_df = _read("numerals_zh_words.csv", ["word"])
    numeral_chars = set(digits) | set(small) | set(big) | _numerals().minus
    word_numerals: dict[str, list[tuple[int, str]]] = {}
    for w in words_df["word"]:
        for k, c in enumerate(w):
            if c in numeral_chars:
                word_numerals.setdefault(c, []).append((k, w))
    pattern = _compile(units, digits, small, big, before, after, handlers)
    noun_pattern = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?({_alt(list(noun_units))})")
    return _Lexicon(
        units,
        digits,
        small,
        big,
        qualifiers,
        _by_length(before),
        frozenset(w[-1] for w in before),
        noun_units,
        {c: _words_around(v) for c, v in word_numerals.items()},
        pattern,
        noun_pattern,
        tuple(
            (n, {w: u for w, u in before_money.items() if len(w) == n})
            for n in sorted({len(w) for w in before_money}, reverse=True)
        ),
        yuan_units,
        frozenset(digits) | frozenset("0123456789") | _numerals().end,
        frozenset(r.unit for r in main),
        frozenset(w[-1] for w in before_money) | {" "},
        _magnitude_table(small, big),
        _numerals().financial,
    )


def _magnitude_table(small: dict[str, int], big: dict[str, int]) -> dict[str, float]:
    """Scale of every magnitude word after an Arabic number (``_parts``'s ``mag``: at most three
    of 个, a space, 十百千 and 万亿), so that the hot path reads it with one look-up."""
    chars = ["个", " ", *small, *big]
    words = ("".join(t) for n in range(4) for t in product(chars, repeat=n))
    return {w: _word_scale(w, small, big) for w in words}


def _word_scale(word: str, small: dict[str, int], big: dict[str, int]) -> float:
    """Product of the magnitude characters of ``word`` (千万 → 1e7; others count as 1)."""
    scale = 1.0
    for c in word:
        scale *= small.get(c) or big.get(c) or 1
    return scale


def _magnitude(word: str | None, lex: _Lexicon) -> float:
    """Scale of a magnitude word after an Arabic number: 万 → 1e4, 万亿 → 1e12, 千万 → 1e7."""
    if not word:
        return 1.0
    scale = lex.magnitudes.get(word)
    return _word_scale(word, lex.small, lex.big) if scale is None else scale


def _parse_zh(numeral: str, lex: _Lexicon | None = None, mode: str = "normal") -> float | None:
    """Float value of a Chinese (or, in smart mode, mixed) numeral; None if it is not one."""
    if not numeral:
        return None
    return _zh_float(numeral, mode)


def _number(numeral: str, lex: _Lexicon) -> float | None:
    """Value of an Arabic (12,408.7) or Chinese numeral."""
    if not numeral:
        return None
    if numeral[0].isdigit():
        try:
            return float(numeral.replace(",", ""))
        except ValueError:
            return None
    return _zh_float(numeral, "normal")


def _unit_of(unit_text: str | None, scale: float, lex: _Lexicon) -> tuple[str, str, float]:
    """Canonical unit, kind and total scale of a written unit (``元/人`` → 元/人)."""
    if not unit_text:
        return "", "amount", scale
    info = lex.units.get(unit_text)
    if info is None:  # a per form written with a slash: remember it
        main, _, per = unit_text.partition("/")
        base = lex.units[main]
        # a magnitude in the denominator stays in the unit (吨标准煤/万元), unless the whole
        # denominator is a unit of its own (千米, 千克)
        mag = ""
        while per not in lex.units and per[:1] in lex.small.keys() | lex.big.keys():
            mag, per = mag + per[0], per[1:]
        info = _Unit(f"{base.unit}/{mag}{lex.units[per].unit}", base.scale, base.kind)
        lex.units[unit_text] = info
    return info.unit, info.kind, _scaled(scale, info.scale)


__all__: list[str] = []
