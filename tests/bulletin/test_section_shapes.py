"""fai.bulletin on the sections and tables of releases and progress notices: tables whose
columns say 比全市±, 年度目标 or 4月 beside 1-4月, headers over two lines, blank cells, a
合计 row, rows of sections (分产业), counties named with rare characters.

The sentences and tables are our own; the numbers are made up, and what each states is
written out by hand in the test.
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records, scored_figures

_records = quiet_records


_figures = scored_figures  # (region, month, indicator, value, yoy) of every scored figure


def _row(text: str, region: str) -> dict:
    """The one figure of ``region`` (its fields that hold a value)."""
    (rec,) = [r for r in _records(text) if r["kind"] == "figure" and r["region"] == region]
    return {k: v for k, v in rec.items() if v is not None and k in (
        "indicator", "value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp", "parent", "rank")}  # fmt: skip


# ---------------------------------------------------------------- what a column means
_NOTICE = "2023年1—9月各县区固定资产投资完成情况\n单位：亿元、%\n"


@pytest.mark.parametrize("sep", [" | ", "\t", "  "])
def test_a_column_against_the_city_is_the_gap_to_it_not_the_growth_rate(sep):
    head = sep.join(["县区", "1—9月完成", "同比增长", "比全市±", "位次"])
    row = sep.join(["北山县", "61.5", "8.4", "-1.3", "4"])
    assert _row(_NOTICE + head + "\n" + row, "北山县") == {
        "indicator": "fai_total", "value_100m_yuan": 61.5, "yoy_pct": 8.4, "vs_parent_pp": -1.3,
        "parent": "全市", "rank": 4}  # fmt: skip


@pytest.mark.parametrize("target", ["年度目标", "年度计划", "计划投资"])
def test_a_column_of_the_years_target_is_no_completion_rate(target):
    # 年度目标 is an amount (what was planned); 完成年度计划% is how much of it was done
    text = _NOTICE + f"县区 {target} 1—9月完成 完成年度计划% 同比增长%\n南湖区 320 215.4 67.3 9.8\n西岭县 120 / / /"
    assert _row(text, "南湖区") == {
        "indicator": "fai_total", "value_100m_yuan": 215.4, "plan_completion_pct": 67.3, "yoy_pct": 9.8}
    assert not [r for r in _records(text) if r["kind"] == "figure" and r["region"] == "西岭县"]


def test_a_months_own_column_beside_the_span_to_date_is_left_out():
    text = ("平江市2024年4月固定资产投资快报\n单位：万元，%\n指标\t4月\t1-4月\t1-4月同比±%\n"
            "固定资产投资\t1,285,600\t4,562,300\t6.2\n  民间投资\t702,100\t2,601,500\t4.8")  # fmt: skip
    assert _figures(text) == [("平江市", 4, "fai_total", 456.23, 6.2), ("平江市", 4, "fai_private", 260.15, 4.8)]


# ---------------------------------------------------------------- the shape of the table
def test_a_header_over_two_lines_names_the_investment_of_the_columns_under_it():
    text = ("平江市2023年1—9月各县（市、区）固定资产投资情况\n单位：%\n"
            "县（市、区）\t固定资产投资\t\t其中：工业投资\n\t增速\t位次\t增速\t位次\n"
            "全市\t8.2\t\t12.6\t\n东湖区\t10.5\t2\t15.3\t3\n南山县\t6.1\t5\t/\t\n")  # fmt: skip
    assert _figures(text) == [
        ("平江市", 9, "fai_total", None, 8.2), ("平江市", 9, "fai_industry", None, 12.6),
        ("东湖区", 9, "fai_total", None, 10.5), ("东湖区", 9, "fai_industry", None, 15.3),
        ("南山县", 9, "fai_total", None, 6.1),  # its blank industry cell: no figure (not its rank 5)
    ]  # fmt: skip


def test_growth_twice_with_nothing_over_it_is_not_read_as_one_rate():
    text = _NOTICE + "县区 增速 位次 增速 位次\n东湖区 10.5 2 15.3 3"
    assert _figures(text) == []


def test_the_second_header_line_and_section_rows_of_a_release_table():
    text = ("2024年1—10月份全国固定资产投资（不含农户）主要数据\n指标\t1—10月份\t\n"
            "\t绝对量（亿元）\t同比增长（%）\n固定资产投资（不含农户）\t425630\t3.4\n分产业\t\t\n"
            "第一产业\t7812\t3.1\n  其中：工业\t145210\t12.4\n分地区\t\t\n东部地区\t—\t1.2\n"
            "分行业\t\t\n制造业\t—\t9.3\n其中：汽车制造业\t—\t7.5\n")  # fmt: skip
    assert _figures(text) == [
        ("全国", 10, "fai_total", 425630, 3.4), ("全国", 10, "fai_primary", 7812, 3.1),
        ("全国", 10, "fai_industry", 145210, 12.4), ("东部地区", 10, "fai_total", None, 1.2),
        ("全国", 10, "fai_manufacturing", None, 9.3),
    ]  # fmt: skip


@pytest.mark.parametrize("total", ["合计", "全市合计", "总计"])
def test_the_sum_row_of_a_county_table_is_the_citys_own(total):
    text = ("2024年1-5月云岭市各县（市、区）固定资产投资完成情况表\n单位：亿元\n"
            f"地区 1-5月累计完成 完成年度计划% 同比增长%\n东湖区 58.2 38.8 -4.6\n{total} 342.8 36.1 5.2")  # fmt: skip
    assert _figures(text) == [("东湖区", 5, "fai_total", 58.2, -4.6), ("云岭市", 5, "fai_total", 342.8, 5.2)]


def test_a_county_named_with_rare_characters_is_no_mojibake():
    text = "2024年1-5月各县区固定资产投资完成情况\n单位：亿元\n地区 1-5月完成 同比增长%\n麒麟区 142.5 8.5\n崆峒区 41.0 3.2"
    assert _figures(text) == [("麒麟区", 5, "fai_total", 142.5, 8.5), ("崆峒区", 5, "fai_total", 41.0, 3.2)]


def test_an_html_table_keeps_its_blank_cells_in_place():
    text = ("<p>2024年1-9月各县区固定资产投资</p><table><tr><td>县区</td><td>1-9月完成(亿元)</td>"
            "<td>同比增长(%)</td><td>位次</td></tr><tr><td>东湖区</td><td></td><td>7.5</td><td>2</td></tr></table>")  # fmt: skip
    assert _row(text, "东湖区") == {"indicator": "fai_total", "yoy_pct": 7.5, "rank": 2}


# ---------------------------------------------------------------- last year's rate beside this year's
@pytest.mark.parametrize(
    "said",
    ["，去年同期为增长8.9%。", "，上年同期增长8.9%。", "（上年同期为增长8.9%）。", "，上一年同期为8.9%。"],
)
def test_last_years_rate_of_the_same_span_is_a_figure_of_last_year(said):
    text = "2024年1—7月，全市固定资产投资同比增长5.6%" + said
    assert [(r["year"], r["month"], r["yoy_pct"]) for r in _records(text)] == [(2024, 7, 5.6), (2023, 7, 8.9)]


@pytest.mark.parametrize(
    "text",
    [
        "2024年1—7月，全市完成固定资产投资56亿元，比上年同期增长9.7%。",  # this year's rate
        "2024年1—7月，全市固定资产投资增长5.6%，增速比上年同期加快2.1个百分点。",  # a change: no figure
        "1—7月，全市固定资产投资同比增长5.6%，去年同期为增长8.9%。",  # no year: not this year's rate
    ],
)
def test_a_rate_against_last_year_is_no_figure_of_last_year(text):
    assert [(r["year"], r["yoy_pct"]) for r in _records(text)] in ([(2024, 9.7)], [(2024, 5.6)], [(None, 5.6)])


# ---------------------------------------------------------------- the zones of a new area
@pytest.mark.parametrize(
    ("own", "said", "named"),
    [
        ("滨海新区", "经开区增长8.4%", "滨海新区经开区"),  # not 滨海新经开区
        ("滨海新区", "高新区（科技园）增长8.4%", "滨海新区高新区"),
        ("滨海新区", "保税区增长8.4%", "滨海新区保税区"),
        ("浦东新区", "区本级投资增长8.4%", "浦东新区本级"),
        ("达州市", "经开区增长8.4%", "达州经开区"),
    ],
)
def test_a_bare_zone_of_a_new_area_keeps_the_whole_name_in_front(own, said, named):
    text = f"2024年一季度，{own}固定资产投资同比增长5.3%。其中，{said}。"
    assert [(f[0], f[4]) for f in _figures(text)] == [(own, 5.3), (named, 8.4)]


# ---------------------------------------------------------------- scores of a campaign
@pytest.mark.parametrize(
    "said",
    [
        "东湖区得分92.8分排名第二，投资增长9.7%。",
        "东湖区以综合得分92.8分排名第二，投资增长9.7%。",
        "东湖区以92.8分的考核得分位居第二，投资增长9.7%。",
    ],
)
def test_a_score_is_no_figure_and_leaves_the_region_its_rank_and_rate(said):
    recs = [r for r in _records("2023年全年，全市固定资产投资增长6.8%。" + said) if r["region"] == "东湖区"]
    assert [(r["indicator"], r["yoy_pct"], r["rank"]) for r in recs] == [("fai_total", 9.7, 2)]


def test_a_score_alone_before_a_rate_leaves_the_rate_to_its_region():
    text = "2023年全年，全市固定资产投资增长6.8%。南山县得分68.2分，投资下降4.3%。"
    assert _figures(text) == [(None, 12, "fai_total", None, 6.8), ("南山县", 12, "fai_total", None, -4.3)]


# ---------------------------------------------------------------- a contest table of counts and 亿元
def test_a_contest_table_counts_projects_where_its_header_names_no_unit():
    text = ("2023年上半年各县区项目建设考核表\n县区\t计划开工\t实际开工\t年度计划投资(亿元)\t完成投资(亿元)\t完成率\n"
            "东湖区\t12\t14\t86.0\t52.3\t60.8%")  # fmt: skip
    tasks = [(r["item"], r["unit"], r["task"], r["done"]) for r in _records(text) if r["kind"] == "task"]
    assert ("实际开工", "个", 12, 14) in tasks and ("实际开工", "亿元", 12, 14) not in tasks
