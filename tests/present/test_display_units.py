"""Display formatting (ningbo_analysis.present.display): numbers as a report reader expects them."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import ningbo_analysis as na
from ningbo_analysis.errors import ParameterError
from ningbo_analysis.present import display as nd

E_NOTATION = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("地区生产总值12408.7亿元", "12,408.7亿元"),
        ("突破1.7万亿元", "1.7万亿元"),
        ("人才总量达到48.6万人", "48.6万人"),
        ("集装箱吞吐量2063万标箱", "2,063万标箱"),
        ("实际利用外资50亿美元", "50亿美元"),
        ("新增16.4亿元", "16.4亿元"),  # parsed as 1639999999.9999998
        ("建成200万平方米", "200万平方米"),
        ("增长6.4%", "6.4%"),
        ("提高0.44个百分点", "0.44个百分点"),
        ("城镇新增就业8500人", "8,500人"),
    ],
)
def test_parsed_figures_read_back_as_written(written: str, shown: str) -> None:
    (q,) = na.parse_quantities(written)
    assert nd.format_value(q.value, q.unit) == shown


def test_multiplier_is_the_one_a_document_would_write() -> None:
    # not exact in 万亿 at two decimals → 亿 (GDP is written 12408.7亿元, not 1.24087万亿元)
    assert nd.format_value(1.45949e12, "元") == "14,594.9亿元"
    assert nd.format_value(9.787e11, "元") == "9,787亿元"
    assert nd.format_value(2e12, "元") == "2万亿元"
    # computed values: rounded to two decimals in the magnitude's multiplier
    assert nd.format_value(1234567890.0, "元") == "12.35亿元"
    assert nd.format_value(2345678.0, "元") == "234.57万元"
    # small amounts written out, separators kept
    assert nd.format_value(12345.0, "人") == "12,345人"
    assert nd.format_value(0.5, "元") == "0.5元"
    assert nd.format_value(-3.2, "%") == "-3.2%"


def test_rates_ranks_and_per_year() -> None:
    assert nd.format_rate(7.2, "%", per_year=True) == "7.2%/年"
    assert nd.format_rate(0.15, "个百分点", per_year=True) == "0.15个百分点/年"
    assert nd.format_value(7.2, "%/yr") == "7.2%/年"  # compare's annual units
    assert nd.format_value(0.15, "pp/yr") == "0.15个百分点/年"
    assert nd.format_rate(2.6e9, "美元/yr") == "26亿美元/年"
    assert nd.format_rank(3) == "第3位"
    assert nd.format_value(9.0, "位", measure="rank") == "第9位"
    assert nd.format_value(float("nan"), "元") == ""
    assert nd.format_rank(None) == ""


@pytest.mark.parametrize(
    "value", [1.24087e12, 1e21, 5e9, 3e-7, 1639999999.9999998, 0.30000000000000004, -2e6]
)
def test_never_e_notation(value: float) -> None:
    for text in (
        nd.format_value(value, "元"),
        nd.format_value(value, "%"),
        nd.format_number(value),
        nd.plain_decimal(value),
    ):
        assert not E_NOTATION.search(text), text


def test_plain_decimal_keeps_the_full_value() -> None:
    assert nd.plain_decimal(1.24087e12) == "1240870000000"
    assert nd.plain_decimal(1639999999.9999998) == "1640000000"
    assert nd.plain_decimal(0.30000000000000004) == "0.3"
    assert nd.plain_decimal(1e-7) == "0.0000001"
    assert float(nd.plain_decimal(486000.0)) == 486000.0
    assert nd.plain_decimal(math.nan) == ""


def test_labels_come_from_data_files() -> None:
    themes = pd.read_csv(na.resources.data_path("theme_names.csv"))
    for theme, label in zip(themes.theme, themes.label_zh, strict=True):
        assert nd.theme_label(theme) == label
    assert nd.theme_label("urban_rural") == "城乡融合"
    assert nd.column_label("indicator") == "指标"
    assert nd.value_label("verdict", "met") == "达成"
    assert nd.value_label("kind", "work_report") == "政府工作报告"
    assert nd.value_label("theme", "green") == "绿色低碳"
    assert nd.value_label("verdict", "something new") == "something new"


def _figures() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["地区生产总值", "人才总量", "全国城市排名"],
            "theme": ["economy", "innovation", "economy"],
            "measure": ["level", "level", "rank"],
            "value": [1.24087e12, 486000.0, 9.0],
            "unit": ["元", "人", "位"],
            "start": [120, 480, 900],
        }
    )


def test_display_frame_and_display_columns() -> None:
    frame = nd.display_frame(_figures(), values={"value": "unit"})
    assert list(frame.columns) == ["指标", "主题", "口径", "数值", "起"]
    assert frame["数值"].tolist() == ["12,408.7亿元", "48.6万人", "第9位"]
    assert frame["主题"].tolist() == ["经济发展", "科技创新", "经济发展"]
    assert frame.attrs["english"]["数值"] == "value"
    assert set(frame.attrs["numeric"]) == {"数值", "起"}
    with_display = nd.add_display_columns(_figures(), {"value": "unit"})
    assert with_display.columns.tolist()[3:5] == ["value", "value_display"]
    assert with_display["value"].tolist()[0] == 1.24087e12
    assert with_display["value_display"].tolist()[1] == "48.6万人"
    with pytest.raises(ParameterError, match=r"no column\(s\) 'nope'"):
        nd.display_frame(_figures(), columns=["nope"])


def test_html_table_escapes_aligns_and_has_no_index() -> None:
    df = _figures()
    df.loc[0, "indicator"] = '<img src=x onerror="alert(1)">'
    page = str(nd.html_table(nd.display_frame(df, values={"value": "unit"}), "t1"))
    assert "<img" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert '<th class="num" title="value">数值</th>' in page
    assert '<td class="num">12,408.7亿元</td>' in page
    assert "<td>人才总量</td>" in page
    assert ">0<" not in page  # no index column
    assert "window.ningboTable" not in page  # short: no pager
    assert "http" not in page and "src=" not in page.replace("src=x", "")


def test_html_table_pages_long_tables_deterministically() -> None:
    df = pd.DataFrame({"indicator": [f"指标{i}" for i in range(45)], "value": range(45)})
    one = str(nd.html_table(nd.display_frame(df, values={"value": "个"}), "long", page_size=20))
    two = str(nd.html_table(nd.display_frame(df, values={"value": "个"}), "long", page_size=20))
    assert one == two
    assert "window.ningboTable('long', 20)" in one
    assert one.count("<tr>") == 46  # every row present without JavaScript
    with pytest.raises(ParameterError, match="table_id"):
        nd.html_table(df, "bad id")


def test_html_table_embeds_at_most_max_rows_and_links_the_full_csv() -> None:
    df = pd.DataFrame({"indicator": [f"指标{i}" for i in range(12)], "value": range(12)})
    shown = nd.display_frame(df, values={"value": "个"})
    ids = [f"f-{i}" for i in range(12)]
    page = str(nd.html_table(shown, "cut", max_rows=5, row_ids=ids, full_table="figures_宁波.csv"))
    assert page.count("<tr id=") == 5  # the first five rows, in order
    assert 'id="f-4"' in page and 'id="f-5"' not in page
    assert "<td>指标4</td>" in page and "指标5" not in page
    assert (
        '<p class="ningbo-cut">本表共 12 行，页面只列出前 5 行（筛选和排序只在这些行中）；'
        '全部 12 行见数据文件 <a href="figures_宁波.csv">figures_宁波.csv</a>。</p>'
    ) in page
    assert page.index("ningbo-cut") < page.index("<table")  # read before the table
    # no CSV named: the line says how many rows are left out
    bare = str(nd.html_table(shown, "cut", max_rows=5))
    assert "本表共 12 行，页面只列出前 5 行（筛选和排序只在这些行中）；其余 7 行未列出。" in bare
    # a table of max_rows rows is whole, with no line
    whole = str(nd.html_table(shown, "cut", max_rows=12, full_table="figures_宁波.csv"))
    assert whole.count("<tr>") == 13 and "ningbo-cut" not in whole
    # the file name is escaped like every cell
    odd = str(nd.html_table(shown, "cut", max_rows=5, full_table='a"><script>.csv'))
    assert "<script>.csv" not in odd and "a&quot;&gt;&lt;script&gt;.csv" in odd
    with pytest.raises(ParameterError, match="max_rows"):
        nd.html_table(shown, "cut", max_rows=0)


def test_html_table_cuts_a_very_long_table_to_max_rows_by_default() -> None:
    n = nd.MAX_ROWS + 1
    df = pd.DataFrame({"indicator": ["指标"] * n, "value": range(n)})
    page = str(nd.html_table(nd.display_frame(df, values={"value": "个"}), "big"))
    assert page.count("<tr>") == 1 + nd.MAX_ROWS
    assert f"本表共 {n:,} 行，页面只列出前 {nd.MAX_ROWS:,} 行" in page
    assert "window.ningboTable('big', 20)" in page  # the rows shown are still paged
