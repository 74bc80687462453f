"""Tests for ningbo_analysis.numbers.parser: real figures from the seeds, non-amount kinds, properties."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import cache

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ningbo_analysis.numbers.parser import (
    KINDS,
    QUALIFIERS,
    Quantity,
    date_parts,
    parse_chinese_number,
    parse_quantities,
    quantities_frame,
)
from ningbo_analysis.resources import default_seeds_dir


@cache
def seed(prefix: str) -> str:
    """Text of the seed file whose name starts with ``prefix`` (e.g. "002")."""
    (path,) = sorted(default_seeds_dir().glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


@cache
def seed_quantities(prefix: str) -> tuple[Quantity, ...]:
    return tuple(parse_quantities(seed(prefix)))


def find(quantities, raw: str, nth: int = 0) -> Quantity:
    """The ``nth`` quantity whose raw text is ``raw``."""
    hits = [q for q in quantities if q.raw == raw]
    assert len(hits) > nth, f"{raw!r} not found; near: {[q.raw for q in quantities][:40]}"
    return hits[nth]


def one(text: str) -> Quantity:
    """The single quantity of ``text``."""
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- real seed figures


@pytest.mark.parametrize(
    ("raw", "value", "unit", "scale", "qualifier"),
    [
        ("12408.7亿元", 1.24087e12, "元", 1e8, ""),
        ("1.7万亿元", 1.7e12, "元", 1e12, ""),
        ("9.3万元", 9.3e4, "元", 1e4, ""),
        ("5.5万元", 5.5e4, "元", 1e4, ""),
        ("2872万标箱", 2.872e7, "标箱", 1e4, ""),
        ("11.7亿吨", 1.17e9, "吨", 1e8, ""),
        ("13.5亿斤", 1.35e9, "斤", 1e8, ""),
        ("166.9万亩", 1.669e6, "亩", 1e4, ""),
        ("24.7亿美元", 2.47e9, "美元", 1e8, ""),
        ("145万人次", 1.45e6, "人次", 1e4, ""),
        ("7.45万剂次", 7.45e4, "剂次", 1e4, ""),
        ("462.4平方公里", 462.4, "平方公里", 1.0, ""),
        ("384万平方米", 3.84e6, "平方米", 1e4, ""),
        ("68008元", 68008.0, "元", 1.0, ""),
        ("近19万户", 1.9e5, "户", 1e4, "approx"),
        ("超过200万平方米", 2e6, "平方米", 1e4, "more_than"),
        ("突破1万亿元", 1e12, "元", 1e12, "more_than"),
        ("100项以上", 100.0, "项", 1.0, "at_least"),
        ("30万元/人以上", 3e5, "元/人", 1e4, "at_least"),
        ("每月698元", 698.0, "元/月", 1.0, ""),
        ("3816台", 3816.0, "台", 1.0, ""),
        ("302天", 302.0, "天", 1.0, ""),
        ("近28万名", 2.8e5, "人", 1e4, "approx"),
        ("超万个", 1e4, "个", 1e4, "more_than"),
    ],
)
def test_seed_002_amounts(raw, value, unit, scale, qualifier):
    q = find(seed_quantities("002"), raw)
    assert q.kind == "amount"
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.scale == pytest.approx(scale)
    assert q.qualifier == qualifier
    assert seed("002")[q.start : q.end] == raw


def test_seed_002_change_of_a_per_month_amount_keeps_its_unit():
    # 最低生活保障标准平均由每月698元提高到937元
    qs = seed_quantities("002")
    low = find(qs, "每月698元")
    high = qs[qs.index(low) + 1]
    assert (high.raw, high.value, high.unit) == ("937元", 937.0, "元/月")


def test_seed_002_doctors_per_thousand_people():
    text = seed("002")
    start = text.index("每千人执业(助理)医师数由2.8人提高到3.2人")
    qs = [q for q in seed_quantities("002") if start <= q.start < start + 24]
    assert [(q.raw, q.kind, q.value, q.unit) for q in qs] == [
        ("每千人", "name", 1000.0, "人"),
        ("2.8人", "amount", 2.8, "人"),
        ("3.2人", "amount", 3.2, "人"),
    ]


def test_seed_002_percentage_points_and_percent_stay_distinct():
    qs = seed_quantities("002")
    pp = find(qs, "0.44个百分点")
    assert (pp.kind, pp.value, pp.unit) == ("percentage_point", 0.44, "个百分点")
    pct = find(qs, "3.3%")
    assert (pct.kind, pct.value, pct.unit) == ("percent", 3.3, "%")
    # 全省分别少3.2个、1.9个百分点: the first 个 is short for 个百分点
    elliptic = find(qs, "3.2个")
    assert (elliptic.kind, elliptic.value, elliptic.unit) == (
        "percentage_point",
        3.2,
        "个百分点",
    )
    # 增速由一季度的-7%快速回升
    neg = find(qs, "-7%")
    assert (neg.kind, neg.value) == ("percent", -7.0)


def test_seed_002_ratio_and_multiples():
    qs = seed_quantities("002")
    ratio = find(qs, "1.81:1")
    assert (ratio.kind, ratio.value, ratio.number) == ("ratio", 1.81, "1.81:1")
    assert find(qs, "1.74:1").value == pytest.approx(1.74)
    times = find(qs, "3.5倍")
    assert (times.kind, times.value, times.unit) == ("multiple", 3.5, "倍")


def test_seed_004_negative_growth_list():
    # 分别同比增长-1.4%、4.3%、9.2%和14.9%
    text = seed("004")
    start = text.index("-1.4%")
    qs = [q for q in seed_quantities("004") if start <= q.start < start + 25]
    assert [(q.value, q.kind, q.unit) for q in qs] == [
        (-1.4, "percent", "%"),
        (4.3, "percent", "%"),
        (9.2, "percent", "%"),
        (14.9, "percent", "%"),
    ]
    assert qs[0].raw == "-1.4%" and qs[0].number == "-1.4"


def test_seed_004_month_range_and_names():
    qs = seed_quantities("004")
    mr = find(qs, "1-11月")
    assert (mr.kind, mr.value, mr.value_high, mr.unit) == ("month_range", 1.0, 11.0, "月")
    assert find(qs, "“246”").kind == "name"
    assert find(qs, "“10+X”").kind == "name"
    assert find(qs, "17+1").kind == "name"
    assert find(qs, "“十三五”").kind == "plan_name"


def test_seed_non_amount_kinds():
    qs = seed_quantities("002")
    date = find(qs, "2021年2月21日")
    assert date.kind == "date" and date.value == 2021.0
    assert date_parts(date) == (2021, 2, 21)
    assert (find(qs, "第十五届").kind, find(qs, "第十五届").value) == ("ordinal", 15.0)
    rank = find(qs, "第3位")
    assert (rank.kind, rank.value) == ("rank", 3.0)
    assert (find(qs, "“十四五”").kind, find(qs, "“十四五”").value) == ("plan_name", 14.0)
    plan = find(qs, "第十四个五年规划")
    assert (plan.kind, plan.value) == ("plan_name", 14.0)
    year = find(qs, "二〇三五年")
    assert (year.kind, year.value) == ("year", 2035.0)
    y2015 = find(qs, "2015年")
    assert (y2015.kind, y2015.value, y2015.unit) == ("year", 2015.0, "年")
    assert find(qs, "(三)").kind == "list_marker"
    assert find(qs, "(三)").value == 3.0
    assert find(qs, "一是").kind == "list_marker"
    assert find(qs, "5G").kind == "name"
    assert find(qs, "PM_2.5").kind == "name"
    assert find(qs, "4号线").kind == "name"
    assert find(seed_quantities("000"), "“225”").kind == "name"
    assert find(seed_quantities("003"), "“1612”").kind == "name"


def test_list_markers_and_plan_names_are_not_amounts():
    qs = seed_quantities("000")
    assert find(qs, "一是").value == 1.0
    assert find(qs, "四是").value == 4.0
    assert all(q.kind != "amount" for q in qs if q.raw in ("一是", "十四五", "“十四五”"))


def test_whole_corpus_invariants():
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed(prefix)
        qs = seed_quantities(prefix)
        assert qs, prefix
        last_end = -1
        for q in qs:
            assert text[q.start : q.end] == q.raw
            assert q.start >= last_end
            last_end = q.end
            assert q.kind in KINDS
            assert q.qualifier in QUALIFIERS


# --------------------------------------------------------------------------- written forms


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "kind", "qualifier"),
    [
        ("常住人口300多万", "300多万", 3e6, "", "amount", "more_than"),
        ("帮扶资金不到5万元的项目", "不到5万元", 5e4, "元", "amount", "less_than"),
        ("转移2000万农村人口", "2000万", 2e7, "人", "amount", ""),
        ("两千人参加", "两千人", 2000.0, "人", "amount", ""),
        ("新增一千二百家", "一千二百家", 1200.0, "家", "amount", ""),
        ("降低百分之三", "百分之三", 3.0, "%", "percent", ""),
        ("新增１２３家", "１２３家", 123.0, "家", "amount", ""),
        ("增长１２．５％", "１２．５％", 12.5, "%", "percent", ""),
        ("达到12,408.7亿元", "12,408.7亿元", 1.24087e12, "元", "amount", ""),
        ("五年来", "五年", 5.0, "年", "amount", ""),
        ("3天内", "3天", 3.0, "天", "amount", ""),
        ("GDP翻两番", "翻两番", 4.0, "倍", "multiple", ""),
        ("实现翻一番", "翻一番", 2.0, "倍", "multiple", ""),
        ("浓度降到每立方米28微克", "每立方米28微克", 28.0, "微克/立方米", "amount", ""),
        ("发电50万千瓦", "50万千瓦", 5e5, "千瓦", "amount", ""),
        ("用电3千瓦时", "3千瓦时", 3.0, "千瓦时", "amount", ""),
        ("年均增长7%左右", "7%左右", 7.0, "%", "percent", "approx"),
        ("控制在3.5%以内", "3.5%以内", 3.5, "%", "percent", "at_most"),
        ("约5万元", "约5万元", 5e4, "元", "amount", "approx"),
        ("引进20余家", "20余家", 20.0, "家", "amount", "more_than"),
        ("三万五千人", "三万五千人", 35000.0, "人", "amount", ""),
        ("提高2.5个百分点", "2.5个百分点", 2.5, "个百分点", "percentage_point", ""),
        ("价格50元/吨", "50元/吨", 50.0, "元/吨", "amount", ""),
    ],
)
def test_written_forms(text, raw, value, unit, kind, qualifier):
    q = find(parse_quantities(text), raw)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.kind, q.qualifier) == (unit, kind, qualifier)
    assert text[q.start : q.end] == raw


def test_ranges():
    q = one("补助3到5万元")
    assert (q.kind, q.value, q.value_high, q.unit, q.raw) == ("range", 3e4, 5e4, "元", "3到5万元")
    q = one("增长10%—15%")
    assert (q.kind, q.value, q.value_high, q.unit) == ("range", 10.0, 15.0, "%")
    q = one("年均增长5-6%")
    assert (q.kind, q.value, q.value_high, q.unit) == ("range", 5.0, 6.0, "%")
    q = one("用时三到五年")
    assert (q.kind, q.value, q.value_high, q.unit) == ("range", 3.0, 5.0, "年")


def test_from_to_is_two_amounts_not_a_range():
    qs = parse_quantities("由2.8人到3.2人")
    assert [(q.value, q.kind) for q in qs] == [(2.8, "amount"), (3.2, "amount")]


def test_direction_words_are_outside_the_span():
    qs = parse_quantities("增长3.3%,下降0.7%")
    assert [q.raw for q in qs] == ["3.3%", "0.7%"]
    assert [q.value for q in qs] == [3.3, 0.7]


def test_years_dates_and_month_ranges():
    assert [(q.kind, q.value) for q in parse_quantities("2020年")] == [("year", 2020.0)]
    q = one("到12月31日")
    assert q.kind == "date" and math.isnan(q.value)
    assert date_parts(q) == (None, 12, 31)
    q = one("1—11月")
    assert (q.kind, q.value, q.value_high) == ("month_range", 1.0, 11.0)
    q = one("前三季度")
    assert (q.kind, q.value, q.value_high) == ("month_range", 1.0, 9.0)
    q = one("2016—2020年")
    assert (q.kind, q.value, q.value_high) == ("year", 2016.0, 2020.0)
    q = one("发布于2025-07-08")
    assert q.kind == "date" and date_parts(q) == (2025, 7, 8)
    # a year outside 1949–2100 is a duration
    q = one("建城1200年")
    assert (q.kind, q.value, q.unit) == ("amount", 1200.0, "年")


def test_ordinals_ranks_markers():
    assert (one("第十五届").kind, one("第十五届").value) == ("ordinal", 15.0)
    assert (one("居全国第3位").kind, one("居全国第3位").value) == ("rank", 3.0)
    top = one("跻身全国城市前十")
    assert (top.kind, top.value, top.qualifier) == ("rank", 10.0, "at_most")
    assert one("提前3年").kind == "amount"
    assert one("（三）加强").kind == "list_marker"
    assert one("3. 加强").kind == "list_marker"
    # 十三届九次全会 holds two ordinals, no amount
    qs = parse_quantities("市委十三届九次全会")
    assert [(q.raw, q.kind, q.value) for q in qs] == [
        ("十三届", "ordinal", 13.0),
        ("九次", "ordinal", 9.0),
    ]


def test_names():
    for text, raw in [
        ("推进“225”外贸双万亿行动", "“225”"),
        ("深化17+1经贸合作", "17+1"),
        ("建设4G和5G基站", "5G"),
        ("PM2.5浓度", "PM2.5"),
        ("“10+X”产业链", "“10+X”"),
        ("改造提升2.0版", "2.0版"),
    ]:
        assert find(parse_quantities(text), raw).kind == "name", text
    # 中国制造2025 is a name, 到2025 a year
    assert find(parse_quantities("“中国制造2025”"), "2025").kind == "name"
    assert find(parse_quantities("到2025,"), "2025").kind == "year"


def test_bare_chinese_numerals_are_not_quantities():
    assert parse_quantities("统一部署、万千亿级产业、一带一路") == []


def test_lists_share_a_unit_written_once():
    qs = parse_quantities("开工6、7、8号线")
    assert [(q.raw, q.unit, q.kind) for q in qs] == [
        ("6", "号线", "name"),
        ("7", "号线", "name"),
        ("8号线", "号线", "name"),
    ]


def test_parse_chinese_number():
    assert parse_chinese_number("一千二百") == 1200
    assert parse_chinese_number("两千") == 2000
    assert parse_chinese_number("十五") == 15
    assert parse_chinese_number("一百零五") == 105
    assert parse_chinese_number("三万五千") == 35000
    assert parse_chinese_number("十二亿三千万") == 1_230_000_000
    assert parse_chinese_number("二〇三五") == 2035
    assert parse_chinese_number("三点五") == 3.5
    assert parse_chinese_number("abc") is None


def test_quantities_frame():
    frame = quantities_frame("地区生产总值达到1.7万亿元,增长3.3%")
    assert list(frame.columns) == [
        "value",
        "unit",
        "scale",
        "raw",
        "start",
        "end",
        "qualifier",
        "kind",
        "value_high",
        "number",
    ]
    assert frame["value"].tolist() == [1.7e12, 3.3]
    assert frame["unit"].tolist() == ["元", "%"]
    assert frame["kind"].tolist() == ["amount", "percent"]
    assert str(frame["start"].dtype) == "int64"
    assert quantities_frame("").empty and "value" in quantities_frame("").columns


def test_never_raises_on_odd_text():
    assert parse_quantities("") == []
    for text in [
        "9" * 5000,
        "万" * 300 + "元",
        "第" * 50,
        "1:0",
        "-" * 10 + "5%",
        "１" * 400 + "亿元",
    ]:
        for q in parse_quantities(text):
            assert text[q.start : q.end] == q.raw


# --------------------------------------------------------------------------- properties

_AMOUNT_UNITS = ["元", "美元", "人", "人次", "户", "家", "吨", "标箱", "平方米", "亩", "公里", "头"]
_MAGNITUDES = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}


@settings(max_examples=300, deadline=None)
@given(
    whole=st.integers(min_value=0, max_value=999_999),
    frac=st.one_of(st.none(), st.integers(min_value=0, max_value=99)),
    mag=st.sampled_from(sorted(_MAGNITUDES)),
    unit=st.sampled_from(_AMOUNT_UNITS),
    lead=st.sampled_from(["达到", "新增", "完成", "，", ""]),
)
def test_amount_round_trip(whole, frac, mag, unit, lead):
    numeral = f"{whole}.{frac:02d}" if frac is not None else str(whole)
    text = f"{lead}{numeral}{mag}{unit}，"
    q = one(text)
    assert q.kind == "amount"
    assert q.unit == unit
    assert q.value == pytest.approx(float(numeral) * _MAGNITUDES[mag])
    assert q.scale == _MAGNITUDES[mag]
    assert q.number == numeral
    assert q.raw == f"{numeral}{mag}{unit}"


@settings(max_examples=300, deadline=None)
@given(
    digits=st.integers(min_value=0, max_value=10**9),
    places=st.integers(min_value=0, max_value=4),
    mag=st.sampled_from(sorted(_MAGNITUDES)),
)
def test_scaled_value_is_the_float_nearest_the_written_number(digits, places, mag):
    """Issue 11: 16.4亿 is 1640000000.0, not 1639999999.9999998 (no binary noise from scaling)."""
    numeral = str(Decimal(digits).scaleb(-places)) if places else str(digits)
    q = one(f"达到{numeral}{mag}元，")
    exact = float(Decimal(numeral) * Decimal(int(_MAGNITUDES[mag])))
    assert q.value == exact


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16.4亿元", 1640000000.0),
        ("12408.7亿元", 1240870000000.0),
        ("0.44个百分点", 0.44),
        ("1.7万亿元", 1700000000000.0),
        ("2.35万人", 23500.0),
        ("千分之三", 0.3),
        ("3.3到5.7万元", 33000.0),
    ],
)
def test_written_decimals_scale_exactly(text, value):
    assert one(text).value == value


@settings(max_examples=200, deadline=None)
@given(
    value=st.decimals(min_value=-99, max_value=999, places=2, allow_nan=False),
    unit=st.sampled_from(["%", "个百分点", "倍"]),
)
def test_percent_round_trip(value, unit):
    numeral = str(value)
    if value < 0 and unit != "%":
        numeral = str(-value)
    q = one(f"增长{numeral}{unit}。")
    assert q.value == pytest.approx(float(numeral))
    assert q.unit == unit
    assert q.kind == {"%": "percent", "个百分点": "percentage_point", "倍": "multiple"}[unit]


def _to_chinese(n: int) -> str:
    """Independent formatter: 12345 → 一万二千三百四十五 (for the round-trip test)."""
    digits = "零一二三四五六七八九"

    def below_10k(x: int) -> str:
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += digits[d] + name
                zero = False
            else:
                zero = True
        return out

    if n == 0:
        return "零"
    parts = []
    for value, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // value % 10**4
        if chunk:
            text = below_10k(chunk)
            if parts and chunk < 1000:
                text = "零" + text
            parts.append(text + name)
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numeral_round_trip(n):
    assert parse_chinese_number(_to_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["家", "个", "人", "项"]))
def test_chinese_amount_round_trip(n, unit):
    q = one(f"新建{_to_chinese(n)}{unit}")
    assert (q.value, q.unit, q.kind) == (n, unit, "amount")


def _check_valid(text: str) -> None:
    found = parse_quantities(text)
    last_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.raw
        assert q.start >= last_end
        last_end = q.end
        assert q.kind in KINDS and q.qualifier in QUALIFIERS
        assert isinstance(q.value, float)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    _check_valid(text)


_ALPHABET = list(
    '0123456789０１２３.．,，、%％:：-—~到至第每前由从约近超多余左右以上内不到“”"()（）'
)
_ALPHABET += list("万亿千百十一二两三四五〇年月日元人个家吨倍是号线GPM+ \n")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_number_heavy_text_never_raises(text):
    _check_valid(text)


# --------------------------------------------------------------------------- scanner internals


def _dispatch_agrees(text: str) -> None:
    """At every position, the per-character-class pattern the scanner picks matches exactly
    what the single reference pattern (all alternatives, in order) matches."""
    from ningbo_analysis.numbers.parser import _lexicon

    pats = _lexicon().patterns
    for i, ch in enumerate(text):
        ref = pats.full.match(text, i)
        pat = pats.digit if ch.isdigit() else pats.zh if ch in pats.zh_chars else pats.other
        got = pat.match(text, i)
        if ref is None:
            # the reference only starts on a candidate character; the split patterns may match
            # elsewhere but are never tried there
            continue
        assert got is not None and got.span() == ref.span(), (text, i)
        assert got.lastgroup == ref.lastgroup, (text, i)


def test_fast_scanner_agrees_with_reference_pattern_on_the_seeds():
    for prefix in ("000", "001", "002", "003", "004"):
        _dispatch_agrees(seed(prefix)[:20000])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_fast_scanner_agrees_with_reference_pattern(text):
    _dispatch_agrees(text)


def test_more_forms():
    assert [(q.raw, q.kind, q.value) for q in parse_quantities("\xa0\xa0一是高标准")] == [
        ("一是", "list_marker", 1.0)
    ]
    q = one("三季度进一步提高")
    assert (q.kind, q.value, q.unit) == ("ordinal", 3.0, "季度")
    q = one("装机五千瓦")
    assert (q.value, q.unit, q.kind) == (5.0, "千瓦", "amount")
    qs = parse_quantities("建成5G基站超万个")  # 5G is a name, 超万个 more than 10000
    assert [(x.raw, x.kind, x.value, x.qualifier) for x in qs] == [
        ("5G", "name", 5.0, ""),
        ("超万个", "amount", 1e4, "more_than"),
    ]


def test_seed_age_with_qualifier_and_bare_year_span():
    # 为近28万名70岁及以上老年人 (seed 002)
    qs = seed_quantities("002")
    people = find(qs, "近28万名")
    assert (people.value, people.unit, people.qualifier) == (2.8e5, "人", "approx")
    age = find(qs, "70岁及以上")
    assert (age.value, age.unit, age.qualifier) == (70.0, "岁", "at_least")
    span = one("规划期2021-2025，")
    assert (span.kind, span.value, span.value_high, span.unit) == ("year", 2021.0, 2025.0, "年")
    low = one("人均年收入9000元以下")
    assert (low.value, low.unit, low.qualifier) == (9000.0, "元", "at_most")


def test_a_list_takes_the_magnitude_of_its_last_item():
    # 1510.8、1723.4、1800亿元 are three amounts in 亿元 (the unit and 亿 written once)
    qs = parse_quantities("一般公共预算收入分别为1510.8、1723.4、1800亿元。")
    assert [(q.raw, q.value, q.unit) for q in qs] == [
        ("1510.8", 151080000000.0, "元"),
        ("1723.4", 172340000000.0, "元"),
        ("1800亿元", 180000000000.0, "元"),
    ]
    # an item with its own magnitude keeps it; a percent list has none to take
    assert [q.value for q in parse_quantities("9.3万和5.5亿元")] == [93000.0, 550000000.0]
    assert [q.value for q in parse_quantities("分别增长3、5、8%")] == [3.0, 5.0, 8.0]


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit", "qualifier"),
    [
        ("常住人口突破千万", "突破千万", 1e7, "", "more_than"),  # a compound magnitude alone
        ("地区生产总值突破万亿元", "突破万亿元", 1e12, "元", "more_than"),
        # 台阶 is no unit 台; a step of 亿 or more without a unit is one of money
        ("经济总量跃上万亿台阶", "跃上万亿", 1e12, "元", "at_least"),
        # a milestone word is read with a bare sum (突破万亿大关, 迈上万亿关口; 台阶 is left to the name)
        ("塑料城市场交易额突破千亿大关", "突破千亿大关", 1e11, "元", "more_than"),
        ("地区生产总值突破万亿大关", "突破万亿大关", 1e12, "元", "more_than"),
        ("经济总量迈上万亿关口", "迈上万亿关口", 1e12, "元", "at_least"),
        ("跨上千亿级台阶", "跨上千亿级", 1e11, "元", "at_least"),
        ("超过万人", "超过万人", 1e4, "人", "more_than"),
    ],
)
def test_a_magnitude_word_after_a_qualifier_is_a_number(text, raw, value, unit, qualifier):
    [q] = parse_quantities(text)
    assert (q.raw, q.value, q.unit, q.qualifier) == (raw, value, unit, qualifier)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "parse_quantities: text must be a str, got NoneType"),
        (123, "parse_quantities: text must be a str, got int"),
        (b"\xe5\xa2\x9e5%", "parse_quantities: text must be a str, got bytes; decode bytes first"),
        (pd.Series(["增长5%"]), "parse_quantities: text must be a str, got Series"),
    ],
)
def test_wrong_input_types_are_a_clear_type_error(value, message):
    with pytest.raises(TypeError) as err:
        parse_quantities(value)
    assert str(err.value) == message
    with pytest.raises(TypeError, match="text must be a str"):
        quantities_frame(value)


@pytest.mark.parametrize(
    ("text", "value", "unit", "raw"),
    [
        ("价格为¥1,234.50。", 1234.5, "元", "¥1,234.50"),
        ("价格为￥1,234.50。", 1234.5, "元", "￥1,234.50"),
        ("售价$1,234.50", 1234.5, "美元", "$1,234.50"),
        ("出口额US$12.3亿", 1.23e9, "美元", "US$12.3亿"),
        ("融资HK$300万", 3e6, "港元", "HK$300万"),
        ("投资€12.5万", 125000.0, "欧元", "€12.5万"),
        ("收入£7", 7.0, "英镑", "£7"),
        ("合同额USD 100万", 1e6, "美元", "USD 100万"),
        ("结算RMB 100", 100.0, "元", "RMB 100"),
        ("结算ＲＭＢ １００", 100.0, "元", "ＲＭＢ １００"),  # glued (RMB100) reads as a code
    ],
)
def test_currency_symbols_and_iso_codes_before_the_number(text, value, unit, raw):
    (q,) = parse_quantities(text)
    assert (q.value, q.unit, q.kind, q.raw) == (pytest.approx(value), unit, "amount", raw)
    assert text[q.start : q.end] == raw


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("国家级创新平台实现倍增", ["倍增"]),  # a doubling, as 翻一番
        ("指标实现“倍增”", ["倍增"]),
        ("成倍增长", []),  # an adverb, not a target
        ("加倍增长", []),
        ("实施企业倍增计划", []),  # a programme's name
        ("推动现代服务业倍增发展", []),
        ("实现三年倍增", []),  # a doubling over another span than the plan's
    ],
)
def test_a_doubling_written_as_beizeng(text, raws):
    got = [q for q in parse_quantities(text) if q.kind == "multiple"]
    assert [q.raw for q in got] == raws
    assert all((q.value, q.unit, q.kind) == (2.0, "倍", "multiple") for q in got)


def test_a_structure_of_three_parts_is_read_as_three_percents():
    # 三次产业结构 3∶27∶70 is no ratio of 27 to 70: its parts, each a percent of the whole
    qs = parse_quantities("三次产业比重调整为3∶27∶70，农产品加工业产值与农业总产值之比提高到2.81∶1")
    parts = [(q.value, q.unit, q.kind, q.raw) for q in qs if q.kind != "ratio" and q.unit == "%"]
    assert parts == [
        (3.0, "%", "amount", "3"),
        (27.0, "%", "amount", "27"),
        (70.0, "%", "amount", "70"),
    ]
    assert [q.value for q in qs if q.kind == "ratio"] == [2.81]
    # a chain whose parts do not add up to 100 (a time) is no quantity, nor a ratio of two parts
    assert [q.kind for q in parse_quantities("10:30:45")] == []


def test_a_class_of_size_is_at_least_its_sum_of_money():
    # 千亿级产业集群: at least 1000亿元; 500亿级园区 too; not after a count of the things (5个千亿级
    # 产业: the count is the figure), not for a bare 亿级 (“万、千、百”亿级) or below 亿 (千吨级)
    def read(text):
        return [(q.raw, q.value, q.unit, q.qualifier) for q in parse_quantities(text)]

    assert read("打造千亿级医药产业集群") == [("千亿级", 1e11, "元", "at_least")]
    assert read("形成万亿级的新一代信息技术") == [("万亿级", 1e12, "元", "at_least")]
    assert read("五千亿级的高端装备制造") == [("五千亿级", 5e11, "元", "at_least")]
    assert read("高新区500亿级园区") == [("500亿级", 5e10, "元", "at_least")]
    assert read("形成5个千亿级产业") == [("5个", 5.0, "个", "")]
    assert read("“万、千、百”亿级产业集群") == []
    assert read("千吨级以上泊位43个") == [("43个", 43.0, "个", "")]
