"""``to_number`` and ``parse_quantities`` on the established parsers' own published test cases.

Usage::

    .venv/bin/pip install -e '.[bench]'          # cn2an and JioNLP
    .venv/bin/python benchmarks/published_cases.py [--show-failures]

Nothing is copied into this repository: the cases are read at run time from the installed
packages.

* cn2an ships its unit tests inside the package (``cn2an/cn2an_test.py``,
  ``cn2an/an2cn_test.py``, ``cn2an/transform_test.py``). Their ``setUp`` builds the case tables;
  the script instantiates the test classes and reads the tables:

  - ``cn2an`` strict / normal / smart: numeral → value, checked with ``to_number`` in the same
    mode; direct: numeral → digit string (leading zeros kept), checked by value in smart mode;
    the error lists: must raise ``ValueError`` in the default mode (strict), as in cn2an's test;
  - ``an2cn``: value → its readings (ordinary, financial, 元 amount rounded to 分, digit by
    digit), each read back with ``to_number`` (the amounts in strict mode, the others in normal
    mode: an2cn writes 12.0 as 十二点零, which cn2an's own strict mode refuses);
  - ``transform`` (text → text with the numbers converted): each Chinese sentence is given to
    ``parse_quantities`` and every number of the converted sentence must be found as a
    quantity's value (sentences whose conversion has no number must give no quantity).

* JioNLP's wheel ships no test module; its published cases are the docstring examples of
  ``MoneyParser`` (a written amount → value), ``MoneyNum2Char`` (value → financial reading, read
  back here) and ``MoneyExtractor`` (a text; the expected amounts are JioNLP's own
  ``parse_money`` of what its ``extract_money`` finds), read with ``inspect.getdoc``.

Prints the pass count per group and, with ``--show-failures``, every failure.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import io
import re
import sys
from decimal import ROUND_HALF_UP, Decimal

from ningbo_analysis.numbers.parser import parse_quantities, to_number


def _decimal(value) -> Decimal:
    """An expected value as a Decimal (floats by their shortest repr, as written in the test)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _value(text: str, mode: str) -> Decimal | str:
    """``to_number`` or the error message."""
    try:
        return to_number(text, mode=mode)
    except ValueError as exc:
        return f"ValueError: {exc}"


def cn2an_cases() -> dict[str, list[tuple[str, bool, str]]]:
    """cn2an's own test tables, checked: group → [(case, passed, detail)]."""
    out: dict[str, list[tuple[str, bool, str]]] = {}
    test = importlib.import_module("cn2an.cn2an_test").Cn2anTest()
    test.setUp()
    for mode in ("strict", "normal", "smart"):
        rows = []
        for text, expected in getattr(test, f"{mode}_data_dict").items():
            got = _value(text, mode)
            rows.append((text, got == _decimal(expected), f"{got} (expected {expected})"))
        out[f"cn2an {mode}"] = rows
    rows = []
    for text, expected in test.direct_data_dict.items():
        got = _value(text, "smart")
        rows.append((text, got == Decimal(expected), f"{got} (expected {expected!r})"))
    out["cn2an direct (by value)"] = rows
    rows = []
    errors = test.error_strict_datas + test.error_normal_datas + test.error_smart_datas
    for text in dict.fromkeys(errors):
        got = _value(text, "strict")
        rows.append((text, isinstance(got, str), f"{got} (expected ValueError)"))
    out["cn2an errors (strict)"] = rows

    an2cn = importlib.import_module("cn2an.an2cn_test").An2CnTest()
    an2cn.setUp()
    rows = []
    for number, (low, up, rmb, direct) in an2cn.input_data.items():
        exact = _decimal(number)
        cents = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        for text, mode, expected in (
            (low, "normal", exact),
            (up, "normal", exact),
            (rmb, "strict", cents),
            (direct, "normal", exact),
        ):
            got = _value(text, mode)
            rows.append((text, got == expected, f"{got} (expected {expected}, {mode})"))
    out["an2cn readings read back"] = rows

    transform = importlib.import_module("cn2an.transform_test").TransformTest()
    transform.setUp()
    pairs = [(zh, ar) for ar, zh in transform.strict_data_dict.items()]
    pairs += list(transform.smart_data_dict.items())
    pairs += list(transform.direct_cn2an_data_dict.items())
    rows = []
    for text, converted in pairs:
        expected = [
            Decimal(n) / Decimal(d) if d else Decimal(n)
            for n, d in re.findall(r"(-?\d+(?:\.\d+)?)(?:/(\d+))?", converted)
        ]
        found = [q for q in parse_quantities(text)]
        values = {_decimal(q.value) for q in found}
        if not expected:
            ok = not found
        else:
            ok = all(any(abs(v - e) <= abs(e) * Decimal("1e-12") for v in values) for e in expected)
        detail = f"found {[(q.raw, q.value) for q in found]}, expected {[str(e) for e in expected]}"
        rows.append((text, ok, detail))
    out["cn2an transform (in text)"] = rows
    return out


def jionlp_cases() -> dict[str, list[tuple[str, bool, str]]]:
    """JioNLP's docstring examples, checked: group → [(case, passed, detail)]."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
        from jionlp.algorithm.ner.money_extractor import MoneyExtractor
        from jionlp.gadget.money_num2char import MoneyNum2Char
        from jionlp.gadget.money_parser import MoneyParser
    rows = []
    doc = inspect.getdoc(MoneyParser)
    examples = doc[doc.index("Examples") :]  # (the Args section shows a result format too)
    for text, num in zip(
        re.findall(r'>>> money = "([^"]+)"', examples),
        re.findall(r"'num': '([\d.]+)", examples),
        strict=True,
    ):
        got = _value(text, "smart")
        rows.append((text, got == Decimal(num), f"{got} (expected {num})"))
    doc = inspect.getdoc(MoneyNum2Char)
    nums = re.findall(r">>> num = '?([\d.,]+)'?", doc)
    readings = re.findall(r"^\s*# (\S+)$", doc, flags=re.MULTILINE)
    for num, text in zip(nums, readings, strict=True):
        got = _value(text, "normal")
        expected = Decimal(num.replace(",", ""))
        rows.append((text, got == expected, f"{got} (expected {expected})"))
    doc = inspect.getdoc(MoneyExtractor)
    text = "".join(re.findall(r"'([^']+)'", doc.split(">>> text =", 1)[1].split(">>> res", 1)[0]))
    with contextlib.redirect_stdout(io.StringIO()):
        found = jionlp.ner.extract_money(text, with_parsing=False)
        expected = [jionlp.parse_money(item["text"]) for item in found]
    ours = [(Decimal(repr(q.value)), q.unit) for q in parse_quantities(text) if q.kind == "amount"]
    for item, parsed in zip(found, expected, strict=True):
        want = (Decimal(parsed["num"]), parsed["case"])
        rows.append((item["text"], want in ours, f"ours {ours}, JioNLP {want}"))
    return {"JioNLP docstring examples": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args(argv)
    groups: dict[str, list[tuple[str, bool, str]]] = {}
    for name, load in (("cn2an", cn2an_cases), ("jionlp", jionlp_cases)):
        try:
            groups.update(load())
        except ImportError as exc:
            print(f"{name} NOT AVAILABLE ({exc}); pip install -e '.[bench]'")
    total = passed = 0
    for group, rows in groups.items():
        ok = sum(1 for _case, good, _detail in rows if good)
        total, passed = total + len(rows), passed + ok
        print(f"{group:32} {ok:4} / {len(rows):4} pass")
        if args.show_failures:
            for case, good, detail in rows:
                if not good:
                    print(f"    FAIL {case!r}: {detail}")
    if total:
        print(f"{'all':32} {passed:4} / {total:4} pass ({passed / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
