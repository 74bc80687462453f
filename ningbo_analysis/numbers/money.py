"""Amounts of money and mixed numerals around a single number of the main alternative.

``_money`` completes what ``scanner._single`` has read when a money form is around it: the
rest of a mixed numeral after 万/亿 (100万三千元, 1万600), sub-units summed into the 元 before
them (123元1角1分, 十块三毛, 六角七分钱; only where an amount can end, so 500元五分之一 and
2000元八角亭村 keep their fraction and place name), 整 closing a written amount (圆整) and a
currency written before the number (港币两千九百六十元 → 港元).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ningbo_analysis.numbers.lexicon import _Lexicon, _unit_of
from ningbo_analysis.numbers.numerals import _is_year_like, _Numerals, _numerals, _to_decimal
from ningbo_analysis.numbers.patterns import _WINDOW
from ningbo_analysis.numbers.quantity import Quantity, _make
from ningbo_analysis.resources import read_data_lines

_CLAUSE_END = frozenset("。；;，,、：:！!？?）)]】」』”’ \t\r\n")


def _money(
    m: re.Match[str],
    text: str,
    norm: str,
    lex: _Lexicon,
    read: tuple[float, float, str, str, str, str, int],
    floor: int,
) -> Quantity | None:
    """A single number of ``_single`` with the money and mixed forms around it, or None.

    ``read`` is what ``_single`` has read: (value, scale, unit as written, unit, qualifier,
    numeral, start with the qualifier). Handles the rest of a mixed numeral (100万三千元, 1万600), sub-units summed into
    the 元 before them (123元1角1分, 十块三毛, 六角七分钱), 整 closing an amount (圆整) and
    a currency written before the number (港币两千九百六十元, 新台币 177.1 亿元). None when
    none of these is there (the caller goes on as before).
    """
    value, scale, unit_text, unit, qual, numeral, pre_start = read
    tab = _numerals()
    end = m.end()
    limit = min(len(norm), end + _WINDOW)
    changed = False
    whole = cents = None
    lo_num = m.group("lo_num")
    if not unit_text and m.group("lo_mag") and lo_num[0].isdigit() and not m.group("lo_many2"):
        tail = lex.patterns.mixed_tail.match(norm, end, limit)
        if tail is not None and _mixed_tail_ok(tail.group(), norm, tail.end(), lex):
            lo_start = m.start("lo_sign") if m.group("lo_sign") else m.start("lo_num")
            written = norm[lo_start : tail.end()].replace(" ", "").replace("，", "")
            whole, _why = _to_decimal(written, "smart", tab)
            if whole is not None:
                u = lex.patterns.unit.match(norm, tail.end(), limit)
                unit_text = u.group() if u else ""
                unit, kind, scale = _unit_of(unit_text, 1.0, lex)
                if kind != "amount":
                    return None
                end = u.end() if u else tail.end()
                numeral = text[lo_start : tail.end()]
                changed = True
    if unit_text in lex.yuan_units and scale == 1.0:
        cents, cents_end = _cents(norm, end, limit, lex, tab)
        if cents_end > end:
            unit, end, changed = lex.yuan_units[unit_text], cents_end, True
        else:
            cents = None
    yuan = lex.units.get(unit_text)
    if (
        yuan is not None
        and yuan.unit in lex.yuan_units.values()
        and end < len(norm)
        and norm[end] in tab.end
        and (end + 1 == len(norm) or norm[end + 1] in _CLAUSE_END)
    ):
        end, changed = end + 1, True  # 肆佰叁拾萬圆整
    if unit in ("", *lex.yuan_units.values()):
        k = pre_start
        while k > floor and pre_start - k < 2 and norm[k - 1] == " ":
            k -= 1
        for n, words in lex.currency_before:
            if k - n >= floor and norm[k - n : k] in words:
                unit, pre_start, changed = words[norm[k - n : k]], k - n, True
                break
    if not changed:
        return None
    if whole is not None:
        amount = whole * Decimal(repr(scale))
    else:
        amount = Decimal(repr(value)) * Decimal(repr(scale))
    if cents is not None:
        amount += cents
    return _make(text, float(amount), unit, "amount", pre_start, end, scale, qual, None, numeral)


def _mixed_tail_ok(tail: str, norm: str, end: int, lex: _Lexicon) -> bool:
    """Whether the rest after 万/亿 belongs to the number: 三千, 零四千230, 600 (not 一 of
    1万一年, nor the year of 1万2021年)."""
    if tail.isdigit():
        return not (_is_year_like(tail) and norm.startswith("年", end))
    return any(c in lex.small or c in lex.big for c in tail)


def _cents(norm: str, pos: int, limit: int, lex: _Lexicon, tab: _Numerals) -> tuple[Decimal, int]:
    """Sub-units right after 元/块 at ``pos``: (their value in 元, where they end).

    ``1角1分`` → 0.11, ``六角七分钱`` → 0.67 (钱 belongs to the span), ``零五分`` → 0.05;
    each sub-unit once and in order, one digit each; 分钟 is a unit, not 分.
    """
    total = Decimal(0)
    last = Decimal(1)
    i = pos
    while i < limit:
        j = i + 1 if tab.digits.get(norm[i]) == 0 else i
        if j + 1 >= limit:
            break
        c = norm[j]
        digit = tab.digits.get(c)
        if digit is None and "0" <= c <= "9":
            digit = int(c)
        sub = tab.sub.get(norm[j + 1]) if digit is not None else None
        if sub is None or sub >= last:
            break
        longer = lex.patterns.unit.match(norm, j + 1, limit)
        if longer is not None and longer.end() > j + 2:
            break  # 5分钟
        if not _sub_unit_ends(norm, j + 2, sub, tab):
            break  # 500元五分之一, 2000元八角亭村, 800元七分靠政策: 分/角 of another word
        total += digit * sub
        last, i = sub, j + 2
    if i > pos and i < limit and norm[i] in tab.suffix:
        i += 1
    return total, i


def _sub_unit_ends(norm: str, k: int, sub: Decimal, tab: _Numerals) -> bool:
    """Whether a sub-unit (角/毛/分) ending at ``k`` belongs to the amount before it: yes unless
    the character begins another word — 之 (五分之一) or a word of ``data/sub_unit_words.txt``
    (八角亭, 七分靠政策). 1元5角提高到2元, 3元5角一斤, 10元5角的补贴 keep their 角."""
    if k >= len(norm):
        return True
    if norm[k] == "之":
        return False
    return not norm.startswith(_sub_unit_words(), k - 1)


@cache
def _sub_unit_words() -> tuple[str, ...]:
    """Words beginning with 角/毛/分 (``data/sub_unit_words.txt``)."""
    return read_data_lines("sub_unit_words.txt")


__all__: list[str] = []
