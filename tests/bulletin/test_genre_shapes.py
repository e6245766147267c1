"""fai.bulletin on genres the real texts of ``../shared/bulletins_dev`` do not show: government
work reports and plan reports (their review of the year before, their targets), press
conferences, texts copied from PDFs, social-media posts (emoji, captions, links to other
articles), tables whose columns are periods, and speeches that write numbers in words.

The sentences are our own; the numbers are made up, and what each text states is written
out by hand in the test.
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records, scored_figures

_records = quiet_records


def _figures(text: str, **kw) -> list[tuple]:
    """(year, month, indicator, value, yoy) of every scored figure, in order."""
    return scored_figures(text, ("year", "month", "indicator", "value_100m_yuan", "yoy_pct"), **kw)


def _groups(text: str, **kw) -> list[tuple]:
    """(year, month, group, count, done, plan completion) of every project group."""
    return [
        (r["year"], r["month"], r["group"], r["count"], r["done_100m_yuan"], r["plan_completion_pct"])
        for r in _records(text, **kw)
        if r["kind"] == "project"
    ]


# ---------------------------------------------------------------- a work report's review
_REVIEW = "全市固定资产投资增长8.1%，其中工业投资增长15.3%。"
_REVIEWED = [(2023, 12, "fai_total", None, 8.1), (2023, 12, "fai_industry", None, 15.3)]


@pytest.mark.parametrize(
    "title",
    [
        "2024年临江市政府工作报告",
        "政府工作报告\n——2024年1月10日在临江市第十六届人民代表大会第四次会议上",
        "关于临江市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
        "在全市经济工作会议上的讲话\n（2024年1月5日）",
    ],
)
@pytest.mark.parametrize("head", ["过去一年，", "过去的一年里，", "去年，", "去年全年，"])
def test_a_reports_review_is_of_the_year_before_the_report(title, head):
    # not the title's 2024: the review of a report delivered in 2024 is of 2023, the whole year
    assert _figures(f"{title}\n各位代表：\n{head}{_REVIEW}") == _REVIEWED


def test_a_reports_review_without_a_heading_gives_its_groups_the_year_before():
    text = ("政府工作报告\n——2023年2月16日在平安县第十八届人民代表大会第三次会议上\n"
            "去年，全县完成固定资产投资126.8亿元，增长9.6%。全年实施县级重点项目68个，完成投资75.2亿元，"
            "完成年度计划的108.6%。")  # fmt: skip
    assert _figures(text) == [(2022, 12, "fai_total", 126.8, 9.6), (2022, 12, "fai_key_projects", 75.2, None)]
    assert _groups(text) == [(2022, 12, "县级重点项目", 68, 75.2, 108.6)]


@pytest.mark.parametrize(
    ("text", "last"),
    [
        # a monthly release: last year's same span quoted is a figure of that span (the dev
        # conventions record a quoted earlier period with its own period), not this year's
        ("2024年1-8月全市固定资产投资运行情况\n1-8月，全市固定资产投资增长8.1%。去年同期，全市固定资产投资增长2.3%。",
         (2023, 8)),
        # … and in a report: 去年同期 opening a sentence is no review of the whole year
        ("2024年临江市政府工作报告\n1-11月，全市固定资产投资增长8.1%。去年同期，全市固定资产投资增长2.3%。",
         (2023, 11)),
    ],
)
def test_last_years_same_span_is_a_figure_of_that_span(text, last):
    assert [(f[0], f[1], f[4]) for f in _figures(text)][1:] == [(*last, 2.3)]


def test_a_title_year_alone_is_no_report():
    # a release titled with its year: 去年 quotes last year's whole year, not a review of the
    # year before a report's
    text = "2024年1-8月全市经济运行简况\n去年，全市固定资产投资增长5.1%。1-8月，全市固定资产投资增长8.1%。"
    assert [(f[0], f[1], f[4]) for f in _figures(text)] == [(2023, 12, 5.1), (2024, 8, 8.1)]


@pytest.mark.parametrize(
    "sentence",
    [
        "固定资产投资增长9%的目标未能完成。",
        "全年固定资产投资增长10%以上的预期目标没有实现。",
        "确定的固定资产投资增长9%左右的年度目标任务未完成。",
    ],
)
def test_a_figure_naming_a_target_is_not_a_result(sentence):
    text = "2024年临江市政府工作报告\n" + sentence + "1-11月，全市固定资产投资增长5.6%。"
    assert [f[4] for f in _figures(text)] == [5.6]


# ---------------------------------------------------------------- press conferences
@pytest.mark.parametrize(
    "real",
    [
        "扣除价格因素影响，增长6.0%。",
        "扣除价格因素影响，同比增长6.0%。",
        "剔除价格因素后，全国固定资产投资增长6.0%。",
    ],
)
def test_a_price_adjusted_rate_is_not_the_yoy_rate(real):
    text = "付晓明：\n1—10月份，全国固定资产投资（不含农户）419409亿元，同比增长2.9%；" + real
    assert _figures(text) == [(None, 10, "fai_total", 419409.0, 2.9)]


def test_a_spokesmans_figures_are_read_and_a_journalists_quote_of_last_year_is_last_years():
    text = ("临江市2024年上半年经济运行情况新闻发布会实录\n"
            "钱文华（市统计局局长）：\n上半年，全市固定资产投资同比增长6.3%，高于全省1.5个百分点。民间投资增长2.4%。\n"
            "临江日报记者：\n去年同期全市房地产开发投资下降12.5%，今年降幅有所收窄，请问下半年走势如何？\n"
            "问：刚才您提到上半年全市固定资产投资增长6.3%，请问有哪些亮点？")  # fmt: skip
    assert set(_figures(text)) == {(2024, 6, "fai_total", None, 6.3), (2024, 6, "fai_private", None, 2.4),
                                   (2023, 6, "fai_real_estate", None, -12.5)}  # (the question adds nothing)


# ---------------------------------------------------------------- social-media posts
@pytest.mark.parametrize("mark", ["🏭 ", "📍", "✅", "👉 ", "🏗️ "])
def test_an_emoji_before_a_label_does_not_hide_it(mark):
    text = f"1-9月，全市固定资产投资同比增长6.8%👍。\n{mark}工业投资增长19.2%；\n{mark}民间投资增长6.7%"
    assert _figures(text) == [(None, 9, "fai_total", None, 6.8), (None, 9, "fai_industry", None, 19.2),
                              (None, 9, "fai_private", None, 6.7)]  # fmt: skip


@pytest.mark.parametrize(
    "caption",
    ["▲ 图为2023年9月重点项目集中开工现场", "图为2023年9月，临江经开区项目建设现场。", "（图片来源：2023年12月拍摄）"],
)
def test_a_captions_date_is_not_the_texts_period(caption):
    text = ("前三季度临江经济运行稳中向好\n前三季度，全市固定资产投资同比增长6.8%。\n" + caption
            + "\n前三季度，全市286个市级重点项目完成投资402.7亿元，完成年度计划的83.6%。")  # fmt: skip
    assert {(f[0], f[1]) for f in _figures(text)} == {(None, 9)}
    assert _groups(text) == [(None, 9, "市级重点项目", 286, 402.7, 83.6)]


@pytest.mark.parametrize("heading", ["往期推荐", "推荐阅读：", "相关阅读"])
def test_the_titles_of_other_articles_after_a_links_heading_are_not_read(heading):
    text = ("1-9月，全市固定资产投资同比增长6.8%。\n来源：市统计局\n编辑：刘晓\n"
            f"{heading}\n👉 上半年临江固定资产投资增长6.1%\n1-8月全市固定资产投资增长5.9%\n分享 收藏 点赞 在看")  # fmt: skip
    assert _figures(text) == [(None, 9, "fai_total", None, 6.8)]


# ---------------------------------------------------------------- numbers written in words
def test_a_speech_that_writes_its_numbers_in_words_is_read():
    text = ("1至7月，全市固定资产投资同比增长百分之六点八，高于全省平均水平二点一个百分点；民间投资下降百分之二点四。"
            "全市一百二十个重点项目完成投资二百三十五点六亿元，完成年度计划的百分之五十八点四。")  # fmt: skip
    recs = [r for r in _records(text) if r["kind"] == "figure"]
    assert [(r["indicator"], r["value_100m_yuan"], r["yoy_pct"], r["vs_parent_pp"], r["plan_completion_pct"])
            for r in recs] == [("fai_total", None, 6.8, 2.1, None), ("fai_private", None, -2.4, None, None),
                               ("fai_key_projects", 235.6, None, None, 58.4)]  # fmt: skip
    assert _groups(text) == [(None, 7, "重点项目", 120, 235.6, 58.4)]


def test_numbers_in_words_are_left_alone_in_a_text_that_writes_rates_in_digits():
    # no 百分之 in the text: 十四五 and 一个 stay words, and nothing new is read
    text = "“十四五”以来，全县新建一个产业园。1-8月，全县固定资产投资增长8.1%，三个百分点来自工业。"
    assert _figures(text) == [(None, 8, "fai_total", None, 8.1)]


# ---------------------------------------------------------------- tables of periods as columns
_RATES = [(2024, m, key, None, v) for key, vals in (("fai_total", (5.2, 5.6, 6.1)), ("fai_industry", (12.3, 13.1, 14.0)),
                                                    ("fai_private", (1.2, 1.5, 1.9)))
          for m, v in zip((6, 7, 8), vals, strict=True)]  # fmt: skip


@pytest.mark.parametrize(
    "table",
    [
        # tabs, 单位：% above, 其中 as # in front of a row
        ("临江市2024年固定资产投资主要指标增速\n单位：%\n指标\t1-6月\t1-7月\t1-8月\n固定资产投资\t5.2\t5.6\t6.1\n"
         "#工业投资\t12.3\t13.1\t14.0\n民间投资\t1.2\t1.5\t1.9"),
        # a pipe table, the year in brackets in the title, the measure in each row's label
        ("临江市主要经济指标（2024年）\n| 指标 | 1-6月 | 1-7月 | 1-8月 |\n| --- | --- | --- | --- |\n"
         "| 固定资产投资增速（%） | 5.2 | 5.6 | 6.1 |\n| 其中：工业投资增速（%） | 12.3 | 13.1 | 14.0 |\n"
         "| 民间投资增速（%） | 1.2 | 1.5 | 1.9 |"),
        # spaces, em dashes and 份 in the header cells
        ("2024年临江市固定资产投资增速\n指标    1—6月份    1—7月份    1—8月份\n固定资产投资    5.2    5.6    6.1\n"
         "  工业投资    12.3    13.1    14.0\n  民间投资    1.2    1.5    1.9"),
    ],
)
def test_a_table_of_periods_as_columns_gives_each_cell_its_period(table):
    assert sorted(_figures(table)) == sorted(_RATES)


def test_a_table_of_periods_with_a_level_and_a_rate_for_each():
    table = ("临江市2024年固定资产投资月度情况\n指标\t1-6月\t1-6月增速(%)\t1-7月\t1-7月增速(%)\n"
             "固定资产投资(亿元)\t45.2\t6.1\t52.8\t6.5\n工业投资(亿元)\t15.1\t12.0\t17.9\t12.8")  # fmt: skip
    assert _figures(table) == [(2024, 6, "fai_total", 45.2, 6.1), (2024, 7, "fai_total", 52.8, 6.5),
                               (2024, 6, "fai_industry", 15.1, 12.0), (2024, 7, "fai_industry", 17.9, 12.8)]  # fmt: skip


def test_a_single_months_column_beside_the_year_to_date_is_left_out():
    # 9月: that month's level; 1-9月 and its growth: the figures of the year to date
    table = ("2024年9月临江县固定资产投资主要指标\n指标\t单位\t9月\t1-9月\t1-9月同比增长（%）\n"
             "固定资产投资\t万元\t325600\t2856400\t8.6\n其中：民间投资\t万元\t156200\t1325800\t4.2")  # fmt: skip
    assert _figures(table) == [(2024, 9, "fai_total", 285.64, 8.6), (2024, 9, "fai_private", 132.58, 4.2)]


def test_a_table_of_periods_keeps_non_investment_rows_out_and_the_latest_period_after_it():
    text = ("临江县主要指标完成情况（2024年）\n指标名称\t1-7月增速\t1-8月增速\n固定资产投资\t6.5\t7.0\n"
            "社会消费品零售总额\t4.1\t4.3\n全县重点项目完成投资25.1亿元。")  # fmt: skip
    assert _figures(text) == [(2024, 7, "fai_total", None, 6.5), (2024, 8, "fai_total", None, 7.0),
                              (2024, 8, "fai_key_projects", 25.1, None)]  # fmt: skip
