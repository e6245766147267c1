"""The figure records of project-tracking notices, one kind of error each.

The sentences are our own, written in the shapes of real notices (never copied from
them); the numbers are made up and checked by hand in each test.
"""

from __future__ import annotations

import warnings

from fai.bulletin.parse import read_bulletin, to_records
from fai.errors import FaiWarning


def _records(text: str, **kw) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return to_records(read_bulletin(text, **kw))


def _rows(text: str, *fields: str, **kw) -> list[tuple]:
    """(region, month, indicator, *fields) of every record, in order."""
    return [
        (r["region"], r["month"], r["indicator"], *(r[f] for f in fields))
        for r in _records(text, **kw)
    ]


def test_a_district_named_before_its_group_and_count_owns_the_amount_that_follows():
    # 城口县 names the group (牵头…项目共12个); the amount two clauses on is 城口县's, and so is
    # its progress compared with the whole city's (整体/平均水平)
    text = (
        "1—6月，市级重点项目完成投资520.3亿元，同比增长12.1%。"
        "城口县牵头市级重点项目共12个，总投资160亿元，截至6月底完成投资9.6亿元，"
        "投资进度高于全市整体水平8个百分点。"
    )
    assert _rows(text, "value_100m_yuan", "vs_parent_pp", region="甲市")[-1] == (
        "城口县", 6, "fai_key_projects", 9.6, 8.0
    )


def test_the_estimate_of_the_whole_year_is_of_december():
    # 预计全年将完成: the estimate of the whole year (month 12), not a figure of 1-9月 nor a plan
    text = "1-9月，全县重点项目58个，完成投资29.8亿元，占年度计划的81.6%，预计全年将完成投资40亿元。"
    assert _rows(text, "value_100m_yuan", region="天城县") == [
        ("天城县", 9, "fai_key_projects", 29.8),
        ("天城县", 12, "fai_key_projects", 40.0),
    ]


def test_the_share_of_the_plan_done_in_one_month_or_to_date_is_plan_completion():
    # 当月进度为9.1%: of the month's record; 投资进度达71%: of the year to date
    text = (
        "8月份，全市重点项目完成投资30.5亿元，当月进度为9.1%。"
        "1-8月，全市重点项目完成投资130.5亿元，投资进度达71%，工程形象进度为80%。"
    )
    assert _rows(text, "value_100m_yuan", "plan_completion_pct", region="甲市") == [
        ("甲市", 8, "fai_key_projects", 30.5, 9.1),
        ("甲市", 8, "fai_key_projects", 130.5, 71.0),
    ]


def test_a_number_whose_leading_digits_were_stripped_is_never_read():
    # a repost lost the digits before the point: .1亿元 is no 0.1 nor 1 亿元, .3% no 3 %
    text = "1-8月份，全县重点项目完成投资.1亿元，同比增长.3%，占年度计划的78.6%。"
    rows = _records(text, region="甲县")
    assert [(r["value_100m_yuan"], r["yoy_pct"], r["plan_completion_pct"]) for r in rows] == [
        (None, None, 78.6)
    ]


def _figures(text: str, **kw) -> list[tuple]:
    """(indicator, label, value, plan completion) of every figure of ``fai parse``."""
    from fai.bulletin.parse import read_bulletin_records

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        recs = read_bulletin_records(text, **kw)
    return [(r["indicator"], r["label"], r["value_100m_yuan"], r["plan_completion_pct"])
            for r in recs if r["kind"] == "figure"]  # fmt: skip


def test_the_numbered_items_of_a_notices_programme_are_the_programmes_parts():
    # 八类项目…如下：1、…2、…: each numbered list is a part of the 重点项目 programme,
    # its amount of the programme's kind; the number is no part of its name
    # (a document flattened into one line, as reposts of uploaded documents are)
    text = (
        "全县重点项目共80个，年度计划投资30亿元，已完成投资15亿元，占年度计划的50%。"
        "各类项目具体情况如下： "
        "1、十大城市提升工程项目：今年计划投资60000万元，已完成投资36000万元，占年度计划的60%。 "
        "2、十大惠民工程项目：今年计划投资40000万元，已完成投资18000万元，占年度计划的45%。"
    )
    assert _figures(text, region="天城县") == [
        ("fai_key_projects", "重点项目投资", 15.0, 50.0),
        ("fai_key_projects", "十大城市提升工程项目投资", 3.6, 60.0),
        ("fai_key_projects", "十大惠民工程项目投资", 1.8, 45.0),
    ]


def test_ten_lists_are_no_city():
    # 十大城市提升工程: the ten programmes of city works, not a city named 十大城市
    rows = _records("1-6月，全县十大城市提升工程项目完成投资3.6亿元。", region="天城县")
    assert [(r["region"], r["label"]) for r in rows] == [("天城县", "十大城市提升工程项目投资")]


def test_a_programme_run_as_a_campaign_is_the_key_projects():
    # 重点项目建设战役 / 重大项目攻坚: the 重点/重大 programme, named as a campaign
    text = "1至4月，市重点项目建设战役累计完成投资86.32亿元，占年度计划的37.8%。"
    assert _rows(text, "value_100m_yuan", "plan_completion_pct", region="甲市") == [
        ("甲市", 4, "fai_key_projects", 86.32, 37.8)
    ]


def test_a_titles_rounded_amount_restated_exactly_by_the_body_is_no_figure():
    # the title's 近87亿元 is the body's 86.32亿元 rounded, not a second figure
    text = (
        "1-4月甲市重点项目完成投资近87亿元\n"
        "1至4月，市重点项目建设战役累计完成投资86.32亿元，占年度计划的37.8%。"
    )
    assert _rows(text, "value_100m_yuan", region="甲市") == [("甲市", 4, "fai_key_projects", 86.32)]


def test_a_counted_list_of_sectors_owns_its_amount_and_its_items_take_their_rates():
    # 城建、交通、水利、能源4大板块项目: the list's amount is the list's (a part of the
    # programme, of its kind); 同比分别增长… are the four items' rates, in order
    text = (
        "1—4月，市级重点项目完成投资1250亿元。"
        "城建、交通、水利、能源4大基建板块项目作为稳经济的“顶梁柱”，"
        "1—4月累计完成投资640亿元，同比分别增长24.3%、8.7%、15.1%、3%。"
    )
    assert _figures(text, region="甲市") == [
        ("fai_key_projects", "市级重点项目投资", 1250.0, None),
        ("fai_key_projects", "4大基建板块项目投资", 640.0, None),
        ("fai_key_projects", "城建项目投资", None, None),
        ("fai_key_projects", "交通项目投资", None, None),
        ("fai_key_projects", "水利项目投资", None, None),
        ("fai_key_projects", "能源项目投资", None, None),
    ]
    rates = [r["yoy_pct"] for r in _records(text, region="甲市")]
    assert rates == [None, None, 24.3, 8.7, 15.1, 3.0]


def test_the_completion_rate_of_a_programmes_annual_plan_is_the_programmes():
    # 年度计划投资完成率: the completion of the programme's plan, a figure of the programme's
    # investment (its plan amount, 年度计划投资30亿元, stays no figure of it)
    text = (
        "2024年1—5月，全省864个省级重大项目年度计划投资完成率47.3%。"
        "全省重点项目年度计划投资2400亿元。"
    )
    rows = _records(text)
    assert [(r["indicator"], r["label"], r["value_100m_yuan"], r["plan_completion_pct"])
            for r in rows if r["indicator"] != "other"] == [
        ("fai_key_projects", "省级重大项目投资", None, 47.3)
    ]  # fmt: skip


def test_an_increment_over_last_year_leaves_the_subject_and_investment_is_not_doubled():
    # 较去年全年多增27.8亿元: an increment over a base, neither a level nor a new subject, so
    # the growth rate after it is still 工业投资's; 工业投资累计完成投资: 工业投资, once
    text = "1至10月份，全县工业投资累计完成投资184.2亿元，较去年全年多增27.8亿元，同比增长16.4%。"
    rows = _records(text, region="天城县")
    assert [(r["label"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"]) for r in rows] == [
        ("工业投资", "fai_industry", 184.2, 16.4)
    ]


def test_a_count_of_city_level_projects_is_no_count_of_cities():
    # 20个市级重点项目: twenty projects of the city's list, not twenty cities' 级重点项目
    rows = _records("1-9月，全县20个市级重点项目完成投资12.3亿元，投资完成率为76%。", region="丁县")
    assert [(r["label"], r["value_100m_yuan"], r["plan_completion_pct"]) for r in rows] == [
        ("市级重点项目投资", 12.3, 76.0)
    ]


def test_the_ratio_to_the_plan_and_the_amount_actually_done_are_the_groups():
    # 占年度计划的比例为78%: plan completion; 实际完成投资: the group's amount (not 实际投资)
    text = (
        "1-10月，市重点项目完成投资120亿元，占年度计划的比例为78%。"
        "全区省重点项目8个，实际完成投资15.2亿元，完成年度计划的102.3%。"
    )
    rows = _records(text, region="庚区")
    assert [(r["label"], r["value_100m_yuan"], r["plan_completion_pct"]) for r in rows] == [
        ("市重点项目投资", 120.0, 78.0),
        ("省重点项目投资", 15.2, 102.3),
    ]


def test_a_list_of_cities_without_their_suffix_before_a_list_of_figures():
    # 长沙、株洲和湘潭分别增长…: three cities (the registry knows them), each its own region
    text = "1-9月，全省固定资产投资增长8.1%，长沙、株洲和湘潭分别增长9.5%、7.2%、6.1%。"
    assert _rows(text, "yoy_pct", region="湖南省") == [
        ("湖南省", 9, "fai_total", 8.1),
        ("长沙市", 9, "fai_total", 9.5),
        ("株洲市", 9, "fai_total", 7.2),
        ("湘潭市", 9, "fai_total", 6.1),
    ]
    # … while a list of words that are no regions stays a list of investments of the text's own
    text = "1-9月，全市重点项目完成投资36亿元。交通、能源分别完成投资5亿元、3亿元。"
    assert [(r["region"], r["label"]) for r in _records(text, region="甲市")] == [
        ("甲市", "重点项目投资"), ("甲市", "交通投资"), ("甲市", "能源投资")
    ]


def test_the_investment_of_a_list_of_regions_after_a_programme_is_the_programmes():
    # after 全省重点项目…, 长沙市、株洲市分别完成投资: their key projects' amounts, not their
    # whole investment
    text = "1-9月，全省重点项目完成投资360亿元。长沙市、株洲市分别完成投资82亿元、61亿元。"
    assert _rows(text, "value_100m_yuan", region="湖南省") == [
        ("湖南省", 9, "fai_key_projects", 360.0),
        ("长沙市", 9, "fai_key_projects", 82.0),
        ("株洲市", 9, "fai_key_projects", 61.0),
    ]


def test_a_titles_undated_figures_restated_with_their_period_under_another_name():
    # the title's 今年累计投资135亿 is the body's 截至4月20日…135亿元 (a longer name): one record
    # of May, its label without 今年
    text = (
        "甲省重点项目今年累计投资135亿 新开工项目6个\n"
        "截至4月20日，2022年省重点项目累计完成投资135亿元，完成率22%。"
    )
    assert _rows(text, "value_100m_yuan", "plan_completion_pct") == [
        ("甲省", 4, "fai_key_projects", 135.0, 22.0)
    ]


def test_a_months_amount_in_a_sentence_with_a_month_on_month_rate_is_that_months():
    # 9月份…完成投资35亿元，环比增长5%: the month's amount (当月), not a second 1-9月 figure;
    # the 环比 rate is no year-on-year one
    text = (
        "1-9月，全市重点项目累计完成投资300亿元，占年度计划的80%。"
        "9月份，全市重点项目完成投资35亿元，环比增长5%。"
    )
    rows = _records(text, region="壬市")
    assert [(r["label"], r["month"], r["value_100m_yuan"], r["yoy_pct"]) for r in rows] == [
        ("重点项目投资", 9, 300.0, None),
        ("当月重点项目投资", 9, 35.0, None),
    ]


def test_a_sector_described_before_its_rate_after_a_sector_intro_is_the_sectors():
    # 从三次产业看，第二产业增势强劲，…同比增长21.4%: the second sector's investment, not a
    # second growth rate of the whole investment
    text = (
        "1-9月，全区固定资产投资增长12.1%。"
        "从三次产业看，第二产业增势强劲，连续8个月保持两位数增长，同比增长21.4%。"
    )
    assert _rows(text, "yoy_pct", region="青城区") == [
        ("青城区", 9, "fai_total", 12.1),
        ("青城区", 9, "fai_secondary", 21.4),
    ]


def test_a_titles_rounded_amount_of_another_month_than_the_bodys_stays():
    # the title's 1-8月…逾100亿元 is not the body's 1-7月 99.6亿元 rounded: both are figures
    text = "1-8月甲市重点项目完成投资逾100亿元\n1-7月，全市重点项目完成投资99.6亿元。"
    assert _rows(text, "value_100m_yuan", region="甲市") == [
        ("甲市", 8, "fai_key_projects", 100.0),
        ("甲市", 7, "fai_key_projects", 99.6),
    ]


def test_in_a_notice_a_list_of_projects_of_no_other_kind_is_project_investment():
    # 大项目建设投资 of a project notice: a list of projects (fai_project); in a release of the
    # whole investment the same list stays other
    notice = "前三季度，省属企业完成大项目建设投资48.5亿元，同比增长106%。"
    assert [(f[0], f[2]) for f in _figures(notice, region="甲省")] == [("fai_project", 48.5)]
    release = "前三季度，全省固定资产投资增长8.2%。省属企业完成大项目建设投资48.5亿元，同比增长106%。"
    assert [(f[0], f[2]) for f in _figures(release, region="甲省")] == [
        ("fai_total", None), ("other", 48.5)
    ]


def test_a_rate_written_before_its_measure_with_a_rank():
    # 以95.2%的完成率居全市第一, 以12.5%的增速居全市第一: the rate of that measure, and the rank
    text = (
        "1-9月，全市重点项目完成投资300亿元，完成年度计划的80%。"
        "甲县以95.2%的完成率居全市第一，乙县以12.5%的增速位列第二。"
    )
    rows = _records(text, region="丙市")
    assert [(r["region"], r["plan_completion_pct"], r["yoy_pct"], r["rank"]) for r in rows] == [
        ("丙市", 80.0, None, None),
        ("甲县", 95.2, None, 1),
        ("乙县", None, 12.5, 2),
    ]
    release = "1-9月，全县固定资产投资完成56.3亿元，以12.5%的增速居全市第一。"
    assert _rows(release, "yoy_pct", "rank", region="天城县") == [("天城县", 9, "fai_total", 12.5, 1)]



def _parse_rows(text: str, *fields: str, **kw) -> list[tuple]:
    """(region, month, indicator, *fields) of every figure of ``fai parse``, in order."""
    from fai.bulletin.parse import read_bulletin_records

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        recs = read_bulletin_records(text, **kw)
    return [(r["region"], r["month"], r["indicator"], *(r[f] for f in fields))
            for r in recs if r["kind"] == "figure"]  # fmt: skip


def test_units_that_lead_a_list_share_the_noun_written_once_after_the_last():
    # 省直部门、各市州牵头的项目: 省直部门牵头的项目 and 各市州牵头的项目, two parts of the
    # programme named before (by who leads them), each with its own growth rate
    text = (
        "1-7月，省级重点项目完成投资412.6亿元，同比增长10.4%。"
        "省直部门、各市州牵头的项目完成投资同比分别增长8.7%和22%。"
    )
    assert _parse_rows(text, "value_100m_yuan", "yoy_pct", region="甲省") == [
        ("甲省", 7, "fai_key_projects", 412.6, 10.4),
        ("甲省", 7, "fai_key_projects", None, 8.7),
        ("甲省", 7, "fai_key_projects", None, 22.0),
    ]


def test_a_region_named_alone_after_a_list_of_the_programmes_parts_is_measured_by_the_programme():
    # 岳阳市以83%的投资进度…之首 after 省直部门、各市州牵头的项目…分别…: the city's progress in the
    # programme (省级重点项目), not in the first item of the list (省直部门牵头的项目)
    text = (
        "1-7月，省级重点项目完成投资412.6亿元，同比增长10.4%。"
        "省直部门、各市州牵头的项目完成投资同比分别增长8.7%和22%。"
        "岳阳市以83%的投资进度位列各市州第一。"
    )
    assert _parse_rows(text, "plan_completion_pct", "rank", region="甲省")[-1] == (
        "岳阳市", 7, "fai_key_projects", 83.0, 1
    )
