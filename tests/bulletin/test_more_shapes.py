"""fai.bulletin on shapes of real releases and notices that the other shape tests do not show:
Jan–Feb written 前两个月, falls written 跌幅/减幅/同比降低, counties ranked in words (增速最快,
次之, 最少，为…), a real-estate release titled without 投资, a year's target answered by a month's
done, task tables whose done columns start with 已, and a table's span given in its title in words.

The sentences are our own; the numbers are made up.
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records


def _figures(text: str, **kw) -> list[tuple]:
    """(region, month, indicator, value, yoy) of every scored figure, in order."""
    return [
        (r["region"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
        for r in quiet_records(text, **kw)
        if r["kind"] == "figure" and r["indicator"] != "other"
    ]


def _of(kind: str, text: str) -> list[dict]:
    return [r for r in quiet_records(text) if r["kind"] == kind]


@pytest.mark.parametrize("span", ["今年前两个月", "前两月", "2024年前两个月"])
def test_the_first_two_months_written_as_a_count_are_the_span_of_february(span):
    text = f"{span}，全市固定资产投资同比增长9.2%，其中工业投资增长15.6%。"
    assert [(m, k, y) for _, m, k, _, y in _figures(text, region="德阳市")] == [
        (2, "fai_total", 9.2), (2, "fai_industry", 15.6)
    ]  # fmt: skip


def test_a_plan_finished_two_months_early_is_no_span():
    text = "1-8月，全县投资增长5%。该项目提前两个月完成，工业投资增长7%。"
    assert [m for _, m, *_ in _figures(text)] == [8, 8]


def test_falls_written_as_a_fall_rate_or_a_lowering_against_last_year():
    text = ("1—7月，全县固定资产投资同比下降6.3%。其中，房地产开发投资跌幅扩大至15.2%；"
            "第三产业投资同比降低4.7%；工业投资减幅为3.2%；民间投资比上年降低2.1个百分点。")  # fmt: skip
    assert [(k, y) for *_, k, _, y in _figures(text)] == [
        ("fai_total", -6.3), ("fai_real_estate", -15.2), ("fai_tertiary", -4.7), ("fai_industry", -3.2)
    ]  # fmt: skip


def test_a_lowering_without_a_yoy_base_is_no_rate():
    assert _figures("1—7月，全县工业投资完成8.2亿元，单位成本降低5%。") == [
        (None, 7, "fai_industry", 8.2, None)
    ]


COUNTIES = ("1—10月，全市固定资产投资同比增长8.1%。分县区看，安平县投资增速最快，同比增长15.2%；"
            "东湖区次之，增长11.6%；西岭县增速最慢，同比下降3.1%。从投资总量看，东湖区完成投资最多，"
            "达186.2亿元；北山县最少，为23.6亿元。")  # fmt: skip


def test_counties_named_by_their_place_keep_their_own_figures():
    assert _figures(COUNTIES) == [
        (None, 10, "fai_total", None, 8.1),
        ("安平县", 10, "fai_total", None, 15.2),
        ("东湖区", 10, "fai_total", 186.2, 11.6),
        ("西岭县", 10, "fai_total", None, -3.1),
        ("北山县", 10, "fai_total", 23.6, None),
    ]


def test_a_rate_after_a_place_takes_the_measure_written_before_it():
    text = ("1—10月，全省固定资产投资增长5.1%。分市看，菏泽市增速最高，为12.3%；聊城市次之，为9.8%；"
            "东营市增速最低，下降5.6%。")  # fmt: skip
    assert _figures(text)[1:] == [
        ("菏泽市", 10, "fai_total", None, 12.3),
        ("聊城市", 10, "fai_total", None, 9.8),
        ("东营市", 10, "fai_total", None, -5.6),
    ]
    plan = ("1—10月，全市重点项目完成投资86.1亿元，完成年度计划的80.2%。分县看，甲县完成率最高，"
            "为95.1%；乙县次之，为90.2%。")  # fmt: skip
    rows = [(r["region"], r["plan_completion_pct"], r["yoy_pct"]) for r in _of("figure", plan)]
    assert rows[1:] == [("甲县", 95.1, None), ("乙县", 90.2, None)]


def test_a_place_without_a_measure_gives_no_rate():
    text = "1—10月，全市固定资产投资完成326.5亿元。甲县最高，为12.3%。"
    assert [r["yoy_pct"] for r in _of("figure", text)] == [None]


def test_a_real_estate_release_titled_without_investment_gives_its_regions_real_estate():
    text = ("2023年1—11月全市房地产开发和销售情况\n"
            "1—11月，全市房地产开发投资完成286.3亿元，同比下降12.5%。其中，住宅投资215.6亿元，下降10.9%。\n"
            "分区域看，东城区投资178.2亿元，下降9.6%；西城区投资108.1亿元，下降16.8%。")  # fmt: skip
    assert _figures(text) == [
        (None, 11, "fai_real_estate", 286.3, -12.5),
        ("东城区", 11, "fai_real_estate", 178.2, -9.6),
        ("西城区", 11, "fai_real_estate", 108.1, -16.8),
    ]
    assert not any(k == "fai_total" for _, _, k, *_ in _figures(text))


def test_a_years_count_target_answered_by_a_month_is_of_that_month():
    text = ("截至9月底，全镇固定资产投资完成4.68亿元。招商引资方面，全年签约项目任务12个，已签约15个；"
            "新开工项目任务8个，已开工6个。")  # fmt: skip
    assert [(r["month"], r["task"], r["done"]) for r in _of("task", text)] == [(9, 12, 15), (9, 8, 6)]


def test_a_years_target_alone_is_still_of_the_year():
    text = "全年计划开工项目80个，完成投资目标50亿元。"
    assert {r["month"] for r in _of("task", text)} <= {12, None}


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_task_table_whose_done_columns_start_with_yi(sep):
    rows = ["镇（街道）", "签约任务（个）", "已签约（个）", "开工任务（个）", "已开工（个）"], \
           ["城南街道", "10", "12", "6", "5"], ["石门镇", "8", "6", "5", "5"]  # fmt: skip
    text = "2024年上半年各镇（街道）项目建设考核情况\n" + "\n".join(sep.join(r) for r in rows)
    assert [(r["region"], r["item"], r["month"], r["task"], r["done"]) for r in _of("task", text)] == [
        ("城南街道", "签约", 6, 10, 12), ("城南街道", "开工", 6, 6, 5),
        ("石门镇", "签约", 6, 8, 6), ("石门镇", "开工", 6, 5, 5),
    ]  # fmt: skip


def test_a_one_target_table_with_its_started_column():
    text = "2024年上半年各镇开工考核情况\n镇 | 开工任务（个） | 已开工（个）\n城南镇 | 6 | 5\n石门镇 | 5 | 5"
    assert [(r["region"], r["task"], r["done"]) for r in _of("task", text)] == [("城南镇", 6, 5), ("石门镇", 5, 5)]


def test_a_tables_span_in_the_words_of_its_title():
    text = ("上半年各镇街固定资产投资目标完成情况\n| 镇街 | 年度目标（万元） | 1-6月完成（万元） | 完成率（%） |\n"
            "| 城关镇 | 120000 | 68400 | 57.0 |\n| 龙门镇 | 45000 | 21150 | 47.0 |")  # fmt: skip
    assert [(r["region"], r["month"], r["task"], r["done"], r["completion_pct"]) for r in _of("task", text)] == [
        ("城关镇", 6, 12.0, 6.84, 57.0), ("龙门镇", 6, 4.5, 2.115, 47.0)
    ]  # fmt: skip
