"""Tests for ``to_number`` and the number and money forms of ``parse_quantities`` (issue 13).

Round trips (an integer → its Chinese reading → ``to_number``), the forms the established
numeral and money parsers handle, the words and idioms that are not numbers, finite values, and
a timing-free linearity check of the scanner (characters its regular expressions may examine).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ningbo_analysis.numbers import parser as quantities
from ningbo_analysis.numbers.parser import MAX_DIGITS, parse_quantities, to_number

# --------------------------------------------------------------------------- readings

ORDINARY = ("零一二三四五六七八九", ("", "十", "百", "千"))
FINANCIAL = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"))


def reading(n: int, chars=ORDINARY, wan: str = "万", short_ten: bool = False) -> str:
    """The Chinese reading of 0 <= n < 10**16, written here independently of the package.

    Four-digit groups from the top (万亿, 亿, 万, units); a 零 stands for zeros between two
    digits read out, except trailing zeros of a group before a group that starts at its
    thousands (一千万一千). ``short_ten`` leaves out the 一 of a leading 一十 (十五).
    """
    digits, units = chars
    if n == 0:
        return digits[0]
    text = str(n).zfill(16)
    groups = [text[i : i + 4] for i in range(0, 16, 4)]  # 万亿, 亿, 万, units
    out: list[str] = []
    pending_zero = False
    for k, group in enumerate(groups):
        if group == "0000":
            pending_zero = pending_zero or bool(out)
            continue
        for j, ch in enumerate(group):
            d = int(ch)
            if d == 0:
                pending_zero = pending_zero or bool(out)
                continue
            if pending_zero:
                out.append(digits[0])
                pending_zero = False
            out.append(digits[d] + units[3 - j])
        if k == 0:
            out.append(wan + ("亿" if groups[1] == "0000" else ""))
        elif k == 1:
            out.append("亿")
        elif k == 2:
            out.append(wan)
        pending_zero = False  # a group's trailing zeros need no 零 before the next group
        # (a next group starting below its thousands sets it again from its own zeros)
    result = "".join(out)
    if short_ten and result.startswith(digits[1] + units[1]):
        result = result[1:]
    return result


def test_reading_helper_itself():
    assert reading(1010) == "一千零一十"
    assert reading(100000001) == "一亿零一"
    assert reading(10001000) == "一千万一千"
    assert reading(1000000000000) == "一万亿"
    assert (
        reading(1111111111111111)
        == "一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一"
    )
    assert reading(15, short_ten=True) == "十五"
    assert reading(12345, FINANCIAL) == "壹万贰仟叁佰肆拾伍"


integers = st.one_of(
    st.integers(min_value=0, max_value=10**16 - 1),
    st.integers(min_value=0, max_value=99_999),
    st.builds(lambda d, p: d * 10**p, st.integers(1, 9), st.integers(0, 15)),
)


@settings(max_examples=600, deadline=None)
@given(
    integers, st.sampled_from([ORDINARY, FINANCIAL]), st.sampled_from(["万", "萬"]), st.booleans()
)
@example(101, ORDINARY, "万", False)
@example(10011, ORDINARY, "万", False)
@example(100010001001, ORDINARY, "万", False)
@example(10**15, FINANCIAL, "萬", False)
def test_round_trip_integer_reading_number(n, chars, wan, short_ten):
    text = reading(n, chars, wan, short_ten)
    for mode in ("strict", "normal", "smart"):
        assert to_number(text, mode=mode) == n, (text, mode)
    assert to_number("负" + text) == -n
    assert to_number(str(n), mode="smart") == n
    assert to_number(f"{n:,}", mode="smart") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**8), st.text(alphabet="0123456789", min_size=1, max_size=8))
def test_round_trip_decimals(n, decimals):
    decimals = decimals.rstrip("0") or "5"
    text = reading(n) + "点" + "".join("零一二三四五六七八九"[int(c)] for c in decimals)
    assert to_number(text) == Decimal(f"{n}.{decimals}")


# --------------------------------------------------------------------------- to_number


@pytest.mark.parametrize(
    ("text", "mode", "value"),
    [
        ("一百零一", "strict", 101),
        ("一千零十一", "strict", 1011),
        ("一万一千一百一十一", "strict", 11111),
        ("负十点五", "strict", Decimal("-10.5")),
        ("二〇三五", "normal", 2035),
        ("廿二", "strict", 22),
        ("壹万贰仟叁佰肆拾伍元整", "strict", 12345),
        ("壹万贰仟叁佰肆拾伍元", "normal", 12345),
        ("肆佰叁拾萬圆整", "strict", 4300000),
        ("玖仟陆佰陆拾伍圆壹角捌分", "strict", Decimal("9665.18")),
        ("十块三毛", "normal", Decimal("10.3")),
        ("一百三十五块六角七分钱", "normal", Decimal("135.67")),
        ("123元1角1分", "smart", Decimal("123.11")),
        ("三万五", "normal", 35000),
        ("两千六", "normal", 2600),
        ("100万三千", "smart", 1003000),
        ("1万600", "smart", 10600),
        ("一百点123", "smart", Decimal("100.123")),
        ("200亿零四千230", "smart", 20000004230),
        ("16.4亿", "smart", 1640000000),
        ("-10.1万", "smart", -101000),
        ("82，225.00", "smart", 82225),
        ("二十二点三亿", "normal", 2230000000),
        ("肆角叁分", "strict", Decimal("0.43")),
        ("壹元零壹分", "strict", Decimal("1.01")),
        ("幺八九", "normal", 189),
    ],
)
def test_to_number_forms(text, mode, value):
    got = to_number(text, mode=mode)
    assert isinstance(got, Decimal)
    assert got == value


def test_to_number_is_exact():
    assert to_number("16.4亿", mode="smart") == Decimal(1640000000)
    assert str(to_number("16.4亿", mode="smart")) == "1640000000"
    assert to_number("零点" + "零" * 14 + "一") == Decimal("0.000000000000001")


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("", "strict"),
        ("一批", "smart"),
        ("统一", "smart"),
        ("元整", "normal"),
        ("负", "normal"),
        ("零点", "normal"),
        ("点零", "normal"),
        ("十一十二", "smart"),
        ("10..1万", "smart"),
        ("10.1万零100", "smart"),
        ("一一", "strict"),  # positional digits are normal mode
        ("三万五", "strict"),  # a spoken short form
        ("一千一十", "strict"),  # 一千零一十 in full
        ("壹拾壹元", "strict"),  # a written amount ends in 整 or 角/分
        ("100万", "normal"),  # Arabic digits are smart mode
        ("9" * (MAX_DIGITS + 1), "smart"),  # too long for a float
        ("零点" + "一" * (MAX_DIGITS + 1), "normal"),
    ],
)
def test_to_number_refuses_non_numbers(text, mode):
    with pytest.raises(ValueError) as err:
        to_number(text, mode=mode)
    assert repr(text) in str(err.value)


def test_to_number_mode_is_checked():
    with pytest.raises(ValueError, match="mode must be one of strict, normal, smart"):
        to_number("一", mode="loose")


def test_too_long_numbers_are_refused_not_infinite():
    with pytest.raises(ValueError, match="more than 30 digits"):
        to_number("1" * 300, mode="smart")
    with pytest.raises(ValueError, match="more than 30 digits"):
        to_number("一" + "〇" * 40, mode="normal")
    for text in ("1" * 300 + "亿元", "增长" + "9" * 400 + "%", "1" * 320 + "万亿吨", "1" * 400):
        for q in parse_quantities(text):
            assert math.isfinite(q.value), q
            assert q.value_high is None or math.isfinite(q.value_high), q


# --------------------------------------------------------------------------- running text


def one_of(text: str, raw: str):
    """The quantity of ``text`` whose raw text is ``raw``."""
    found = [q for q in parse_quantities(text) if q.raw == raw]
    assert len(found) == 1, [(q.raw, q.value, q.unit) for q in parse_quantities(text)]
    return found[0]


def triples(text: str) -> list[tuple[str, float, str]]:
    """(raw, value, unit) of every quantity of ``text``."""
    return [(q.raw, q.value, q.unit) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "kind"),
    [
        ("房间为一百零一，", "一百零一", 101, "", "amount"),
        ("全年共举办一百零一场活动", "一百零一场", 101, "场", "amount"),
        ("编号为一千零十一的档案", "一千零十一", 1011, "", "amount"),
        ("累计一万一千一百一十一人次", "一万一千一百一十一人次", 11111, "人次", "amount"),
        ("温差为负十点五。", "负十点五", -10.5, "", "amount"),
        ("合同金额壹万贰仟叁佰肆拾伍元，", "壹万贰仟叁佰肆拾伍元", 12345, "元", "amount"),
        ("补助资金肆佰叁拾萬圆整。", "肆佰叁拾萬圆整", 4.3e6, "元", "amount"),
        ("门票只要十块三毛", "十块三毛", 10.3, "元", "amount"),
        ("一共花了一百三十五块六角七分钱", "一百三十五块六角七分钱", 135.67, "元", "amount"),
        ("每份收费123元1角1分", "123元1角1分", 123.11, "元", "amount"),
        ("实现营收82，225.00元", "82，225.00元", 82225, "元", "amount"),
        ("完成投资1，234亿元", "1，234亿元", 1.234e11, "元", "amount"),
        ("售价港币两千九百六十元", "港币两千九百六十元", 2960, "港元", "amount"),
        ("营收新台币 177.1 亿元", "新台币 177.1 亿元", 1.771e10, "新台币", "amount"),
        ("月薪9000元日币", "9000元日币", 9000, "日元", "amount"),
        ("亏损不到1.9万台币", "不到1.9万台币", 1.9e4, "新台币", "amount"),
        ("融资两个亿卢布", "两个亿卢布", 2e8, "卢布", "amount"),
        ("收入100美金", "100美金", 100, "美元", "amount"),
        ("约占三分之一", "三分之一", 1 / 3, "", "fraction"),
        ("制造业增加值比重稳定在1/3左右", "1/3左右", 1 / 3, "", "fraction"),
        ("降低百分之五", "百分之五", 5, "%", "percent"),
        ("控制在千分之三", "千分之三", 0.3, "%", "percent"),
        ("一般公共预算支出七成以上投入民生", "七成以上", 70, "%", "percent"),
        ("坚持超七成五财力投入民生", "超七成五", 75, "%", "percent"),
        ("旅游总收入增长两成", "两成", 20, "%", "percent"),
        ("储备100万三千吨", "100万三千吨", 1003000, "吨", "amount"),
        ("新增1万600人", "1万600人", 10600, "人", "amount"),
        ("读数为一百点123", "一百点123", 100.123, "", "amount"),
        ("共计200亿零四千230元", "200亿零四千230元", 20000004230, "元", "amount"),
        ("总额16.4亿", "16.4亿", 1640000000, "", "amount"),
        ("装机两千六百千瓦", "两千六百千瓦", 2600, "千瓦", "amount"),
    ],
)
def test_forms_in_running_text(text, raw, value, unit, kind):
    q = one_of(text, raw)
    assert (q.value, q.unit, q.kind) == (value, unit, kind)
    assert text[q.start : q.end] == q.raw


def test_sixteen_point_four_yi_is_exact():
    (q,) = parse_quantities("16.4亿")
    assert q.value == 1640000000  # not 1639999999.9999998
    (q,) = parse_quantities("约35.1亿元")
    assert q.value == 3510000000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首批推出一批重点项目", []),
        ("统一部署、统一标准", []),
        ("排名全省第一", [("第一", 1, "")]),
        ("深化最多跑一次改革", []),
        ("推进长三角一体化发展", []),
        ("共建一带一路", []),
        ("一张蓝图绘到底", []),
        ("一次性告知", []),
        ("不负十四亿人民", [("十四亿人", 1.4e9, "人")]),  # 不负: 负 is not a minus sign
        # 个 before 万/亿 counts things, it does not multiply an amount
        ("新引进3个亿元以上项目。", [("3个", 3, "个")]),
        ("新引进两个亿元以上项目。", [("两个", 2, "个")]),
        ("建成5个万亩粮食生产功能区", [("5个", 5, "个")]),
        ("新增2个万人以上社区", [("2个", 2, "个")]),
        ("培育20个亿元级特色小镇", [("20个", 20, "个")]),
        ("打造3个万亿级产业集群", [("3个", 3, "个")]),
        # a/b before a unit is not a fraction
        (
            "2021年，全市地铁3/4号线完成投资300亿元。",
            [("2021年", 2021, "年"), ("3", 3, ""), ("4号线", 4, "号线"), ("300亿元", 3e10, "元")],
        ),
        (
            "12345热线提供7/24小时服务",
            [("12345", 12345, ""), ("7", 7, ""), ("24小时", 24, "小时")],
        ),
        # 分/角/毛 of another word after 元 is not a sub-unit
        ("补助500元五分之一由省级承担", [("500元", 500, "元"), ("五分之一", 0.2, "")]),
        ("补助100元三分之二由市级承担", [("100元", 100, "元"), ("三分之二", 2 / 3, "")]),
        ("奖励2000元八角亭村", [("2000元", 2000, "元")]),
        ("奖励800元七分靠政策", [("800元", 800, "元")]),
        ("补助300元5分之1", [("300元", 300, "元"), ("5", 5, ""), ("1", 1, "")]),
        # 一块 "together" and 块 of set phrases are not counts
        ("和群众一块干", []),
        ("啃下一块硬骨头", []),
        ("一套班子、两块牌子", [("一套", 1, "套")]),
    ],
)
def test_idioms_and_words_are_not_amounts(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("融资两个亿卢布", [("两个亿卢布", 2e8, "卢布")]),
        ("投入两个亿。", [("两个亿", 2e8, "")]),
        ("募集两个亿美元，", [("两个亿美元", 2e8, "美元")]),
        ("投资两个亿以上。", [("两个亿以上", 2e8, "")]),
        ("共计123元1角1分钱", [("123元1角1分钱", 123.11, "元")]),
        ("共计3元零5分。", [("3元零5分", 3.05, "元")]),
        ("五元八角整", [("五元八角整", 5.8, "元")]),
        ("门票十块三毛。", [("十块三毛", 10.3, "元")]),
        ("一百三十五块六角七分钱", [("一百三十五块六角七分钱", 135.67, "元")]),
        ("整理三块地", [("三块", 3, "块")]),
        ("发放10元5角的补贴", [("10元5角", 10.5, "元")]),
        ("票价2元5角和3元", [("2元5角", 2.5, "元"), ("3元", 3, "元")]),
        ("2000元八角亭村", [("2000元", 2000, "元")]),
    ],
)
def test_money_forms_keep_working_exactly(text, expected):
    assert triples(text) == expected


def test_financial_characters_in_ordinary_words():
    # 陆 is a surname and 拾 a verb: one financial character alone is a number only before a
    # currency, and a numeral does not mix the two styles
    assert parse_quantities("陆家嘴金融区和伍家岗区") == []
    assert [(q.raw, q.value, q.unit) for q in parse_quantities("收拾三间屋子")] == [
        ("三间", 3, "间")
    ]
    assert [(q.raw, q.value) for q in parse_quantities("支付壹元")] == [("壹元", 1)]


def test_first_is_an_ordinal_not_an_amount():
    (q,) = parse_quantities("排名全省第一")
    assert (q.kind, q.value) == ("ordinal", 1)


def test_a_list_is_not_one_number():
    qs = parse_quantities("分别排在第1，2，3位")
    assert [(q.raw, q.value) for q in qs] == [("第1", 1), ("2", 2), ("3位", 3)]
    assert triples("1，2，3") == [("1", 1, ""), ("2", 2, ""), ("3", 3, "")]
    assert triples("编号1，234，5") == [("1", 1, ""), ("234", 234, ""), ("5", 5, "")]
    # groups of three digits are a list too, each item its own number, the unit on the last
    assert triples("投资分别为120，150，180亿元") == [
        ("120", 120, ""),
        ("150", 150, ""),
        ("180亿元", 1.8e10, "元"),
    ]
    assert triples("新增350，380，420家") == [
        ("350", 350, ""),
        ("380", 380, ""),
        ("420家", 420, "家"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2019-2021年，全市固定资产投资分别为120，150，180亿元。",
            [
                ("2019-2021年", 2019, "年"),
                ("120", 120, ""),
                ("150", 150, ""),
                ("180亿元", 1.8e10, "元"),
            ],
        ),
        (
            "常住人口分别为102，115，128万人。",
            [("102", 102, ""), ("115", 115, ""), ("128万人", 1.28e6, "人")],
        ),
        (
            "规上企业数依次为350，380，420家。",
            [("350", 350, ""), ("380", 380, ""), ("420家", 420, "家")],
        ),
        ("投资额分别为120，150亿元。", [("120", 120, ""), ("150亿元", 1.5e10, "元")]),
        ("企业数为350，380家", [("350", 350, ""), ("380家", 380, "家")]),
        ("序号为1，234，5", [("1", 1, ""), ("234", 234, ""), ("5", 5, "")]),
        # a thousands separator where no list can be
        ("营收1，234，567.89元", [("1，234，567.89元", 1234567.89, "元")]),
        ("营收1，234元", [("1，234元", 1234, "元")]),
    ],
)
def test_a_list_of_three_digit_groups_is_a_list(text, expected):
    # each item is its own number; the unit stays on the last one (commas do not share it)
    assert triples(text) == expected


def test_a_year_is_not_an_amount():
    (q,) = parse_quantities("到2025年")
    assert (q.kind, q.value, q.unit) == ("year", 2025, "年")
    qs = parse_quantities("达到1万2025年完成")
    assert [(q.value, q.kind) for q in qs] == [(1e4, "amount"), (2025, "year")]


def test_mixed_tail_needs_a_unit_character_or_digits():
    qs = parse_quantities("补贴1万一年")  # not 1万 + 一(千) = 11000
    assert [(q.raw, q.value) for q in qs] == [("1万", 1e4)]


def test_measure_word_kuai_is_money_only_with_sub_units():
    (q,) = parse_quantities("整理三块地")
    assert (q.value, q.unit) == (3, "块")
    (q,) = parse_quantities("只要十块钱")
    assert (q.value, q.unit) == (10, "元")
    (q,) = parse_quantities("用时5分钟")
    assert (q.value, q.unit) == (5, "分钟")


# --------------------------------------------------------------------------- linear cost


def _reach(items) -> float:
    """Most characters one attempt of a parsed regex may examine (inf when unbounded)."""
    from re import _constants as c

    total = 0.0
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN, c.RANGE, c.CATEGORY):
            total += 1
        elif op is c.AT:
            continue
        elif op is c.BRANCH:
            total += max(_reach(p) for p in av[1])
        elif op is c.SUBPATTERN:
            total += _reach(av[-1])
        elif op is c.ATOMIC_GROUP:
            total += _reach(av)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _low, high, p = av
            total += math.inf if high == c.MAXREPEAT else high * _reach(p)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            total += _reach(av[1])
        elif op is c.GROUPREF_EXISTS:
            total += max(_reach(av[1]), _reach(av[2]) if av[2] else 0)
        else:
            total = math.inf
    return total


class _Spy:
    """A compiled pattern that adds to ``cost`` the characters each call may examine."""

    def __init__(self, pattern: re.Pattern[str], cost: list[float]):
        from re import _parser

        self._pattern = pattern
        self._reach = _reach(_parser.parse(pattern.pattern, pattern.flags))
        self._cost = cost

    def __getattr__(self, name):
        return getattr(self._pattern, name)

    def match(self, string, pos=0, endpos=None):
        endpos = len(string) if endpos is None else min(endpos, len(string))
        self._cost[0] += 1 + min(self._reach, endpos - pos)
        return self._pattern.match(string, pos, endpos)

    def search(self, string, pos=0, endpos=None):
        endpos = len(string) if endpos is None else min(endpos, len(string))
        found = self._pattern.search(string, pos, endpos)
        tried = (found.start() if found else endpos) - pos + 1
        self._cost[0] += tried * (1 + min(self._reach, endpos - pos))
        return found


def _scanner_cost(monkeypatch, text: str) -> float:
    """Characters the scanner's regular expressions may examine while parsing ``text``."""
    cost = [0.0]
    lex = quantities._lexicon()
    spied = lex._replace(
        patterns=lex.patterns._replace(
            **{
                name: _Spy(value, cost)
                for name, value in lex.patterns._asdict().items()
                if isinstance(value, re.Pattern)
            }
        ),
        noun_pattern=_Spy(lex.noun_pattern, cost),
    )
    with monkeypatch.context() as patch:
        patch.setattr(quantities, "_lexicon", lambda: spied)
        quantities.parse_quantities(text)
    return cost[0]


PARAGRAPH = (
    "2025年全市地区生产总值达到1.7万亿元，增长5.5%，其中一百零一个项目投资1，234亿元；"
    "统一部署一批重点工程，最多跑一次改革深化，第一产业增加值比重稳定在1/3左右，"
    "港币两千九百六十元、十块三毛、123元1角1分、100万三千吨。\n"
)


@pytest.mark.parametrize(
    "unit",
    ["一", "1.", "十一", "负一", "1，", "1/", "三分之", "1元1角", "1万", "1:", "一年", PARAGRAPH],
)
def test_scanner_cost_is_linear(monkeypatch, unit):
    """Doubling the text at most doubles what the regular expressions may read (+10 %).

    The old scanner let every regular expression read to the end of the text and looked
    ahead over whole runs of numeral characters at every position: quadratic.
    """
    n = 2000 if len(unit) < 10 else 40
    small = _scanner_cost(monkeypatch, unit * n)
    large = _scanner_cost(monkeypatch, unit * (2 * n))
    assert large <= 2.2 * small, (unit[:10], small, large)
    assert large <= 400 * len(unit) * 2 * n, (unit[:10], large)


# --------------------------------------------------------------------------- robustness

_MONEY_ALPHABET = list("0123456789.,，、%/:第负点零〇一二两三四五十百千万亿壹贰拾佰仟萬廿")
_MONEY_ALPHABET += list("元圆块角毛分钱整港币台美金日卢布之个年人吨左右约不到 统批")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=_MONEY_ALPHABET, max_size=40))
def test_money_heavy_text_gives_valid_finite_quantities(text):
    last_end = 0
    for q in parse_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.raw
        assert q.start >= last_end
        last_end = q.end
        assert isinstance(q.value, float)
        assert math.isfinite(q.value) or (q.kind == "date" and math.isnan(q.value)), q
        assert q.value_high is None or math.isfinite(q.value_high), q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sub-unit stays with its amount before any word but one it begins (the second review)
        ("公交票价由1元5角提高到2元。", [("1元5角", 1.5, "元"), ("2元", 2, "元")]),
        ("水价从2元8角调整为3元5角", [("2元8角", 2.8, "元"), ("3元5角", 3.5, "元")]),
        ("停车费2元5角/小时", [("2元5角", 2.5, "元")]),
        ("3元5角（含税）", [("3元5角", 3.5, "元")]),
        ("2元1角至3元", [("2元1角", 2.1, "元"), ("3元", 3, "元")]),
        ("10元5分钟", [("10元", 10, "元"), ("5分钟", 5, "分钟")]),
        # full-width separators: 分别 splits only a first group of three digits
        (
            "两市生产总值分别为1，234亿元和2，345亿元。",
            [("1，234亿元", 1.234e11, "元"), ("2，345亿元", 2.345e11, "元")],
        ),
        ("分别达到12，345.6亿元", [("12，345.6亿元", 1.23456e12, "元")]),
        ("其中财政资金分别安排2，000万元", [("2，000万元", 2e7, "元")]),
        ("合同金额1，234，567元", [("1，234，567元", 1234567, "元")]),
        ("共1，234，567人", [("1，234，567人", 1234567, "人")]),
        # 个 before 亿, Arabic numerals too; not when 亿元以上/级 and a noun follow
        ("投资5个亿", [("5个亿", 5e8, "")]),
        ("投资4个亿元左右", [("4个亿元左右", 4e8, "元")]),
        ("争取三个亿以上资金", [("三个亿以上", 3e8, "")]),
        ("新引进3个亿元以上项目", [("3个", 3, "个")]),
        # a fraction before a noun that starts with a unit character is still a fraction
        ("全省约1/3人口集中在城市", [("约1/3", 1 / 3, "")]),
        ("近2/3项目", [("近2/3", 2 / 3, "")]),
    ],
)
def test_review_cases_read_as_written(text, expected):
    assert [(r, pytest.approx(v), u) for r, v, u in triples(text)] == [
        (r, pytest.approx(v), u) for r, v, u in expected
    ]


@pytest.mark.parametrize("text", ["普九成果巩固提升", "欧盟三成员国", "九成熟的稻谷", "一成不变"])
def test_cheng_starting_a_word_is_no_share_in_tenths(text):
    assert parse_quantities(text) == []


def test_share_in_tenths_keeps_its_qualifiers():
    (q,) = parse_quantities("优良天数比例首次超九成。")
    assert (q.raw, q.value, q.unit, q.qualifier) == ("超九成", 90.0, "%", "more_than")
    (q,) = parse_quantities("全市国有困难企业八成多职工参保")
    assert (q.raw, q.value, q.qualifier) == ("八成多", 80.0, "more_than")
