"""fai.bulletin on county and prefecture bulletins: 我县/本区 monthly reports signed by the
bureau, prefecture releases listing their counties in prose, ownership and contribution
statements, texts whose year stands in odd places (二〇二四年 titles, datelines, 去年全年).

The sentences are our own and the numbers made up; what each sentence states is written
out by hand in the test, following the dev README's conventions.
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records


def _figures(text: str, **kw) -> list[tuple]:
    return [
        (r["region"], r["year"], r["month"], r["indicator"], r["yoy_pct"])
        for r in quiet_records(text, **kw)
        if r["kind"] == "figure"
    ]


# ---------------------------------------------------------------- a tally of the regions
@pytest.mark.parametrize(
    "tally",
    [
        "其中增速高于全省平均水平的有6个。",
        "增速高于全省的有6个。",
        "增速超过全省平均水平的市州有6个。",
        "投资增速低于全省的县市区有4个。",
    ],
)
def test_a_tally_of_regions_does_not_block_the_list_after_it(tally):
    # (the tally read as a group of projects with a count: the next sentence's regions lost)
    text = ("1—9月，全省固定资产投资同比增长4.1%。" + tally
            + "增速居前两位的分别是：丰宁市（增长9.3%）、云溪市（增长8.4%）。")
    assert _figures(text) == [
        (None, None, 9, "fai_total", 4.1),
        ("丰宁市", None, 9, "fai_total", 9.3),
        ("云溪市", None, 9, "fai_total", 8.4),
    ]


def test_a_project_group_with_a_count_still_takes_the_amount_after_it():
    rows = quiet_records("1—9月，全县重点项目有45个，完成投资20.1亿元。")
    assert [(r["kind"], r.get("count"), r.get("value_100m_yuan") or r.get("done_100m_yuan")) for r in rows] == [
        ("figure", None, 20.1), ("project", 45, 20.1)]


# ---------------------------------------------------------------- last year's sentence
@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("去年全年，全县固定资产投资增长5.6%，工业投资增长11.3%。",
         [(None, 2023, 12, "fai_total", 5.6), (None, 2023, 12, "fai_industry", 11.3)]),
        ("上年，全县投资下降1.4%。", [(None, 2023, 12, "fai_total", -1.4)]),
        ("去年同期，全县固定资产投资增长2.7%。", [(None, 2023, 9, "fai_total", 2.7)]),
        # the stock at last year's end is no rate of a span: nothing
        ("去年底，全县在建项目126个。", []),
    ],
)
def test_a_sentence_of_last_year_is_of_the_year_before(sentence, want):
    text = "2024年1—9月，全县固定资产投资同比增长7.2%。" + sentence + "房地产开发投资下降8.1%。"
    assert _figures(text) == [(None, 2024, 9, "fai_total", 7.2), *want,
                              (None, 2024, 9, "fai_real_estate", -8.1)]


def test_last_years_sentence_takes_its_year_from_a_dateline():
    text = ("本报讯 2024-10-18 记者从统计部门获悉，1-9月，全县固定资产投资增长6.9%。\n"
            "去年全年，全县固定资产投资增长4.8%。")
    assert _figures(text) == [(None, 2024, 9, "fai_total", 6.9), (None, 2023, 12, "fai_total", 4.8)]


def test_last_years_sentence_without_any_year_is_not_read():
    # (no year to count back from: the figure would pass for this year's whole year)
    assert _figures("1—9月，全县固定资产投资增长6.9%。去年全年，全县固定资产投资增长4.8%。") == [
        (None, None, 9, "fai_total", 6.9)]


def test_a_closing_date_under_the_signature_gives_the_year():
    text = "1—9月，我县固定资产投资同比增长8.1%，居全市第3位。\n云岭县统计局\n2024年10月16日"
    assert _figures(text) == [(None, 2024, 9, "fai_total", 8.1)]
    # a date inside the body's last sentence (past the lines a dateline stands in) is none
    body = "1—9月，我县固定资产投资同比增长8.1%。\n" + "项目建设有序推进。\n" * 4
    assert _figures(body + "全县于2024年10月16日召开了项目调度会，部署四季度工作。") == [
        (None, None, 9, "fai_total", 8.1)]


# ---------------------------------------------------------------- investment less real estate
@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("扣除房地产开发投资，全市项目投资增长6.2%。", "fai_project"),
        ("扣除房地产开发投资后，项目投资增长6.2%。", "fai_project"),
        ("扣除房地产开发投资，全市投资增长6.2%。", "fai_project"),
        # another indicator less real estate is a part of that one: not scored
        ("扣除房地产开发投资，全市工业投资增长6.2%。", "other"),
    ],
)
def test_project_investment_less_real_estate_is_project_investment(sentence, key):
    assert _figures("1—10月，全市固定资产投资增长2.8%。" + sentence) == [
        (None, None, 10, "fai_total", 2.8), (None, None, 10, key, 6.2)]


# ---------------------------------------------------------------- counties listed in prose
_LEAD = "1—9月，全市固定资产投资同比增长3.4%。"


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        # a band the rates fall in, then the rates: the band is no one's figure
        ("分县区看，松岗县、柳河县增速超过20%，分别为24.6%和20.8%。",
         [("松岗县", 24.6), ("柳河县", 20.8)]),
        ("桂山区、梅林县增速在10%—20%之间，分别增长16.3%、10.5%。", [("桂山区", 16.3), ("梅林县", 10.5)]),
        ("甲县、乙县增速均在15%以上，分别达到18.2%和16.0%。", [("甲县", 18.2), ("乙县", 16.0)]),
        # regions against the parent's rate, their own rates in brackets (no 增速 written)
        ("低于全市平均水平的有：桐乡县（-2.5%）、沙湾区（-6.3%）。", [("桐乡县", -2.5), ("沙湾区", -6.3)]),
        ("高于全市平均水平的有桐乡县（12.5%）和沙湾区（6.3%）。", [("桐乡县", 12.5), ("沙湾区", 6.3)]),
    ],
)
def test_counties_listed_in_prose_get_their_own_rates(sentence, want):
    assert _figures(_LEAD + sentence) == [
        (None, None, 9, "fai_total", 3.4), *[(r, None, 9, "fai_total", v) for r, v in want]]


def test_a_band_alone_gives_no_rate():
    # 有3个县增速超过20%: how many, not whose rate
    assert _figures(_LEAD + "有3个县增速超过20%。") == [(None, None, 9, "fai_total", 3.4)]


# ---------------------------------------------------------------- the parent's indicator named
def _gaps(text: str) -> list[tuple]:
    return [(r["indicator"], r["vs_parent_pp"], r["parent"]) for r in quiet_records(text)
            if r["kind"] == "figure" and r["vs_parent_pp"] is not None]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1—9月，我县制造业投资增长15.8%，高于全市制造业投资6.2个百分点。", [("fai_manufacturing", 6.2, "全市")]),
        ("1—9月，我县工业投资增长11.1%，比全省同口径工业投资增速高3.4个百分点。", [("fai_industry", 3.4, "全省")]),
        ("1—9月，我县投资增长5.8%，高于全市投资增速2.2个百分点。", [("fai_total", 2.2, "全市")]),
        # against another indicator (of the parent or of the text's own region): no gap of ours
        ("1—9月，我县民间投资增长15.8%，高于全市工业投资6.2个百分点。", []),
        ("1—6月，全市民间投资增长2.4%，比全市固定资产投资增速慢3.9个百分点。", []),
    ],
)
def test_a_gap_to_the_parents_named_indicator_is_kept_only_for_that_indicator(text, want):
    assert _gaps(text) == want


# ---------------------------------------------------------------- ranks
def _ranks(text: str) -> list[tuple]:
    return [(r["region"], r["yoy_pct"], r["rank"], r["rank_of"]) for r in quiet_records(text)
            if r["kind"] == "figure" and r["rank"] is not None]


def test_ranks_given_respectively_without_their_second_di_go_to_each_region():
    text = _LEAD + "青石区、白沙县、桃溪县投资增速分别为12.6%、9.8%、7.3%，分别居全市第一、二、三位。"
    assert _ranks(text) == [("青石区", 12.6, 1, None), ("白沙县", 9.8, 2, None), ("桃溪县", 7.3, 3, None)]


def test_ranks_given_respectively_with_their_di_go_to_each_region():
    text = _LEAD + "甲县、乙县投资分别增长9.1%、8.2%，分别居全市第2位和第4位。"
    assert _ranks(text) == [("甲县", 9.1, 2, None), ("乙县", 8.2, 4, None)]


def test_two_ranks_of_one_region_stay_two_rows():
    assert [r[2] for r in _ranks("1—9月，全县投资总量和增速分别居全市第2位和第4位。")] == [2, 4]


@pytest.mark.parametrize(
    ("clause", "want"),
    [("位居全市13个县（市、区）第2位", (2, 13)), ("居全省105个县第12位", (12, 105)), ("居全市第2位", (2, None))],
)
def test_a_rank_whose_frame_counts_the_regions(clause, want):
    assert _ranks(f"1—9月，全县工业投资增长21.3%，{clause}。") == [(None, 21.3, *want)]


# ---------------------------------------------------------------- owners listed with 分别
@pytest.mark.parametrize("owner", ["港澳台及外商投资", "港澳台和外商投资"])
def test_an_owner_named_with_ji_stays_one_item_of_a_list(owner):
    rows = [(r["indicator"], r["label"], r["yoy_pct"]) for r in quiet_records(
        f"1—9月，全县国有控股投资、民间投资、{owner}分别增长5.1%、2.3%和-11.6%。") if r["kind"] == "figure"]
    assert rows == [("fai_state_holding", "国有控股投资", 5.1), ("fai_private", "民间投资", 2.3),
                    ("other", owner, -11.6)]


def test_owners_listed_apart_stay_apart():
    rows = [(r["label"], r["yoy_pct"]) for r in quiet_records(
        "1—9月，全县内资、港澳台、外商投资分别增长3.3%、1.1%和-12.6%。") if r["kind"] == "figure"]
    assert rows == [("内资投资", 3.3), ("港澳台投资", 1.1), ("外商投资", -12.6)]


def test_a_page_date_with_its_time_closing_a_news_story_dates_last_years_sentence():
    text = ("本报讯（通讯员 林青）今年前三季度，我市固定资产投资同比增长4.2%。\n"
            "去年全年，全市固定资产投资增长3.0%。\n2024-10-21 10:32 来源：市统计局")
    assert _figures(text) == [(None, 2024, 9, "fai_total", 4.2), (None, 2023, 12, "fai_total", 3.0)]
