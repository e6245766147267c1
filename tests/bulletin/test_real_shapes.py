"""fai.bulletin on the shapes of real published texts (issue 12), one kind of error each.

The sentences are our own, written in the shapes of the real texts of
``../shared/bulletins_dev`` (never copied from them); the numbers are made up and
checked by hand in each test.
"""

from __future__ import annotations

import warnings

from fai.bulletin.parse import read_bulletin, to_records
from fai.errors import FaiWarning


def _records(text: str, **kw) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return to_records(read_bulletin(text, **kw))


def _brief(text: str, **kw) -> list[tuple]:
    """(region, year, month, indicator, value, yoy) of every record, in order."""
    return [
        (r["region"], r["year"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
        for r in _records(text, **kw)
    ]


def test_macro_region_rows_of_a_private_investment_release_are_private_investment():
    text = (
        "2019年1-4月份，全国民间固定资产投资52000亿元，同比增长6.1%。\n"
        "分地区看，东部地区民间固定资产投资25000亿元，同比增长7.2%；"
        "中部地区14000亿元，增长8.3%；西部地区11000亿元，增长4.4%。"
    )
    assert _brief(text) == [
        ("全国", 2019, 4, "fai_private", 52000, 6.1),
        ("东部地区", 2019, 4, "fai_private", 25000, 7.2),
        ("中部地区", 2019, 4, "fai_private", 14000, 8.3),
        ("西部地区", 2019, 4, "fai_private", 11000, 4.4),
    ]


def test_sectors_of_private_investment_are_a_breakdown_not_the_sectors_investment():
    # 第二产业 after 第一产业民间固定资产投资 is the second sector's *private* investment
    text = (
        "1-4月份，民间固定资产投资52000亿元，同比增长6.1%。"
        "分产业看，第一产业民间固定资产投资1500亿元，同比增长11.0%；"
        "第二产业21000亿元，增长5.5%；第三产业29500亿元，增长6.2%。"
    )
    rows = _records(text)
    assert [(r["indicator"], r["label"], r["value_100m_yuan"]) for r in rows] == [
        ("fai_private", "民间固定资产投资", 52000),
        ("other", "第一产业民间固定资产投资", 1500),
        ("other", "第二产业民间固定资产投资", 21000),
        ("other", "第三产业民间固定资产投资", 29500),
    ]
    # … while bare sectors after 分产业看 in a release of the whole investment stay the sectors'
    whole = "1-4月份，固定资产投资9000亿元。分产业看，第一产业投资300亿元，增长3.0%；第二产业2700亿元，增长4.0%。"
    assert [r["indicator"] for r in _records(whole)] == [
        "fai_total",
        "fai_primary",
        "fai_secondary",
    ]


def test_small_form_punctuation_separates_clauses():
    text = "1-4月份，东部地区投资25000亿元，增长7.2%﹔中部地区投资14000亿元，增长8.3%。"
    assert [(r["region"], r["value_100m_yuan"]) for r in _records(text)] == [
        ("东部地区", 25000),
        ("中部地区", 14000),
    ]


def test_macro_region_rows_of_a_real_estate_release_are_real_estate_investment():
    # 中部地区投资 after 东部地区房地产开发投资 in the same breakdown is real estate, not the total
    text = (
        "1-9月份，全国房地产开发投资80000亿元，同比增长5.8%。"
        "1-9月份，东部地区房地产开发投资41000亿元，同比增长6.5%；中部地区投资15200亿元，"
        "增长10.8%；东北地区投资2600亿元，下降4.3%，降幅收窄1.2个百分点。"
    )
    assert _brief(text) == [
        ("全国", None, 9, "fai_real_estate", 80000, 5.8),
        ("东部地区", None, 9, "fai_real_estate", 41000, 6.5),
        ("中部地区", None, 9, "fai_real_estate", 15200, 10.8),
        ("东北地区", None, 9, "fai_real_estate", 2600, -4.3),
    ]
    # towns after a county's total: each town's 投资 is its whole investment
    towns = "1-9月，全县固定资产投资增长8.0%。分乡镇看，城关镇完成固定资产投资3.1亿元；河口镇完成投资1.2亿元。"
    assert [(r["region"], r["indicator"], r["label"]) for r in _records(towns)][1:] == [
        ("城关镇", "fai_total", "固定资产投资"),
        ("河口镇", "fai_total", "投资"),
    ]


def test_parts_outside_the_bulletin_vocabulary_are_other_with_their_label():
    # 住宅 is a part of 房地产开发投资 and 到位资金 is no investment at all: 'other', label kept
    text = (
        "1-6月份，全国房地产开发投资50000亿元，同比下降8.0%；其中，住宅投资38000亿元，下降7.5%。"
        "固定资产投资到位资金240000亿元，下降3.0%。"
    )
    assert [(r["indicator"], r["label"]) for r in _records(text)] == [
        ("fai_real_estate", "房地产开发投资"),
        ("other", "住宅投资"),
        ("other", "固定资产投资到位资金"),
    ]


def test_urban_investment_is_the_total_unless_the_whole_society_is_also_given():
    monthly = "2009年1-10月份，城镇固定资产投资150000亿元，同比增长33.1%。"
    assert [r["indicator"] for r in _records(monthly)] == ["fai_total"]
    annual = (
        "2009年全年，全社会固定资产投资220000亿元，比上年增长30.1%。"
        "其中，城镇固定资产投资190000亿元，增长30.5%。"
    )
    assert [(r["indicator"], r["label"]) for r in _records(annual)] == [
        ("fai_total", "全社会固定资产投资"),
        ("other", "城镇固定资产投资"),
    ]


def test_utilities_written_with_de_or_without_heat_or_commas():
    text = (
        "1-10月份，电力、热力、燃气及水的生产和供应业投资15000亿元，增长17.2%；"
        "1-9月份，电力燃气及水生产和供应业投资增长5.8%。"
    )
    assert [r["indicator"] for r in _records(text)] == ["fai_utilities", "fai_utilities"]


def test_a_year_named_as_a_records_reference_is_not_the_period():
    text = (
        "前三季度投资增速为2002年以来最低\n"
        "1-9月，全国固定资产投资(不含农户)400000亿元，同比增长7.5%，创2003年以来新低。"
    )
    assert _brief(text) == [("全国", None, 9, "fai_total", 400000, 7.5)]
    # … while a year the figures are counted from is their year
    assert _brief("2023年以来，全县固定资产投资完成56.3亿元，同比增长12.5%。") == [
        (None, 2023, None, "fai_total", 56.3, 12.5)
    ]


def test_a_single_month_in_a_text_of_year_to_date_spans_is_that_month_only():
    text = (
        "1-8月，全国基础设施投资同比增长6.4%；8月基础设施投资同比增长7.9%。"
        "前三季度，制造业投资150000亿元，增长8.1%；制造业9月投资19000亿元，增长9.3%。"
        "11月份，全市工业投资完成21.4亿元，同比增长31.0%；1至11月份累计完成投资180.2亿元，同比增长12.0%。"
    )
    rows = [
        (r["month"], r["indicator"], r["label"], r["value_100m_yuan"], r["yoy_pct"])
        for r in _records(text)
    ]
    assert rows == [
        (8, "fai_infrastructure", "基础设施投资", None, 6.4),
        (8, "other", "当月基础设施投资", None, 7.9),
        (9, "fai_manufacturing", "制造业投资", 150000, 8.1),
        (9, "other", "当月制造业投资", 19000, 9.3),
        (11, "other", "当月工业投资", 21.4, 31.0),
        (11, "fai_industry", "工业投资", 180.2, 12.0),
    ]
    # a month of a month-on-month rate, and a county text without year-to-date spans, stay
    mom = "1-5月，全市固定资产投资同比增长4.8%。5月份，全市固定资产投资环比增长2.3%。"
    assert [(r["indicator"], r["yoy_pct"], r.get("mom_sa_pct")) for r in _records(mom)] == [
        ("fai_total", 4.8, 2.3)
    ]
    plain = "8月份，全县固定资产投资完成5.6亿元，同比增长9.0%。"
    assert [r["indicator"] for r in _records(plain)] == ["fai_total"]


def test_figures_within_a_part_of_investment_are_a_breakdown_of_it():
    text = (
        "1-8月，全国基础设施投资同比增长8.4%。在基础设施投资中，民间投资增长12.1%。"
        "在固定资产投资中，第一产业投资下降7.9%。"
    )
    assert [(r["indicator"], r["label"], r["yoy_pct"]) for r in _records(text)] == [
        ("fai_infrastructure", "基础设施投资", 8.4),
        ("other", "基础设施投资中的民间投资", 12.1),
        ("fai_primary", "第一产业投资", -7.9),
    ]


def test_wire_and_hong_kong_spans_and_china_for_the_nation():
    text = (
        "国家统计局15日公布数据显示，1月至11月，中国固定资产投资同比增长3.1%。"
        "首10月民间固投资同比下降1.2%。前九月房地产开发投资年减9.1%。"
    )
    assert [(r["region"], r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)] == [
        ("全国", 11, "fai_total", 3.1),
        ("全国", 10, "fai_private", -1.2),
        ("全国", 9, "fai_real_estate", -9.1),
    ]


def test_label_variants_of_county_and_wire_texts():
    text = (
        "1-9月，全镇完成工业性投资6.2亿元，增长14.0%；民间经济投资完成3.1亿元，比增8.0%；"
        "房地产行业投资下降5.5%；工业技改投入增长9.9%；规模以上固定资产投资增长7.7%。"
    )
    assert [r["indicator"] for r in _records(text)] == [
        "fai_industry",
        "fai_private",
        "fai_real_estate",
        "fai_tech_renovation",
        "fai_total",
    ]


def test_wire_verbs_chinese_numeral_decimals_and_a_lead_restated_with_its_period():
    text = (
        "报告指出，中国民企投资年减二﹒四％。\n"
        "值得注意的是，中国前九月固定资产投资年减〇﹒七％，其中民企投资年减二﹒四％；"
        "前九月房地产开发投资年减十一﹒二％。"
        "前九月，全国基础设施投资按年增长1.3%，制造业投资则大幅增长高达9.1%，高技术产业投资微增0.6%。"
    )
    assert [(r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)] == [
        (9, "fai_total", -0.7),
        (9, "fai_private", -2.4),  # the lead's figure joined its restatement
        (9, "fai_real_estate", -11.2),
        (9, "fai_infrastructure", 1.3),
        (9, "fai_manufacturing", 9.1),
        (9, "fai_high_tech", 0.6),
    ]
    fujian = "1—4月，全市完成固定资产投资420.5亿元，比增9.8%；第一产业投资完成20.1亿元，比降3.2%。"
    assert [(r["indicator"], r["yoy_pct"]) for r in _records(fujian)] == [
        ("fai_total", 9.8),
        ("fai_primary", -3.2),
    ]


def test_earlier_span_figures_are_records_of_their_own_span():
    def rows(text: str) -> list[tuple]:
        return [(r["year"], r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)]

    assert rows("1-9月份，全国固定资产投资同比增长1.2%，1-8月份为下降0.4%。") == [
        (None, 9, "fai_total", 1.2),
        (None, 8, "fai_total", -0.4),
    ]
    assert rows("2023年1-2月份，道路运输业投资增长6.1%，2022年全年为下降2.3%。") == [
        (2023, 2, "other", 6.1),
        (2022, 12, "other", -2.3),
    ]
    assert rows("1至11月，基础设施投资年减2.2%，降幅远高于1至10月的0.8%。") == [
        (None, 11, "fai_infrastructure", -2.2),
        (None, 10, "fai_infrastructure", -0.8),  # 降幅…的0.8%: a fall
    ]


def test_estimates_are_figures_and_targets_are_not():
    report = (
        "2023年，全县经济稳中有进。预计全县地区生产总值完成150亿元，增长6.5%；"
        "固定资产投资62.3亿元，增长9%；社会消费品零售总额40亿元，增长7%。"
        "2024年主要预期目标是：固定资产投资增长10%。"
    )
    assert _brief(report) == [(None, 2023, 12, "fai_total", 62.3, 9.0)]
    template = "20XX年，全县固定资产投资增长11.5%，社会消费品零售总额增长8%。"
    assert _brief(template) == [(None, None, 12, "fai_total", None, 11.5)]


def test_estimates_of_counties_and_key_project_programmes_named_with_their_count():
    text = (
        "1至9月，全州规模以上固定资产投资预计同比增长12%。其中，甲山市预计完成80亿元，"
        "同比增长17.5%，完成年度目标任务的70.2%；乙水县预计完成21亿元，同比下降3.0%。"
        "截至8月，州级120项重点建设项目共开复工101项，开复工率为84.2%；完成投资65.3亿元，"
        "完成年度投资计划的55.0%。省重大工程项目完成投资12.1亿元。"
    )
    rows = [(r["region"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"],
             r["plan_completion_pct"]) for r in _records(text)]  # fmt: skip
    assert rows == [
        (None, 9, "fai_total", None, 12.0, None),
        ("甲山市", 9, "fai_total", 80, 17.5, 70.2),
        ("乙水县", 9, "fai_total", 21, -3.0, None),
        (None, 8, "fai_key_projects", 65.3, None, 55.0),
        (None, 8, "fai_key_projects", 12.1, None, None),
    ]


def test_county_scopes_sub_units_and_region_lists_that_name_no_investment():
    text = (
        "1至9月，全区累计完成全社会固定资产投资96.3亿元，同比增长7.4%，提前3个月完成年度任务。"
        "社会事业完成投资6.1亿元，同比增长30.2%。"
        "甲区、乙县、丙县等3个县(市、区)投资增速高于全市平均水平，其中，经开区完成投资21.6亿元，"
        "比增18.3%。预计今年，全区固定资产投资将完成150亿元。"
    )
    rows = [
        (r["region"], r["month"], r["indicator"], r["value_100m_yuan"])
        for r in _records(text, region="天城区")
    ]
    assert rows == [
        ("天城区", 9, "fai_total", 96.3),  # 全社会 is the total where no narrower scope is named
        ("天城区", 9, "fai_social", 6.1),
        ("天城经开区", 9, "fai_total", 21.6),  # 经开区 of 天城区
        ("天城区", 12, "fai_total", 150),  # 预计今年: the estimate of the whole year
    ]


def test_region_lists_sharing_one_region_word_and_a_fall_in_brackets():
    text = (
        "1-4月，四川全省完成全社会固定资产投资4200亿元，同比增长6.9%。三是9个市州投资出现回升。"
        "全省21市州，除乙山州负增长(-4.2%)外，均保持了正增长。"
        "川南、川东北经济区投资增长最快，分别增长9.6%、8.4%，分别高于全省平均水平2.7、1.5个百分点；"
        "成都、攀西经济区投资分别增长5.2%、0.8%。"
    )
    rows = [(r["region"], r["indicator"], r["yoy_pct"], r["vs_parent_pp"]) for r in _records(text)]
    assert rows == [
        ("四川省", "fai_total", 6.9, None),  # 四川全省: the province
        ("乙山州", "fai_total", -4.2, None),
        ("川南经济区", "fai_total", 9.6, 2.7),
        ("川东北经济区", "fai_total", 8.4, 1.5),
        ("成都经济区", "fai_total", 5.2, None),
        ("攀西经济区", "fai_total", 0.8, None),
    ]


def test_thin_space_thousands_other_bases_parents_of_the_period_and_spaced_table_heads():
    text = (
        "1-2月全国固定资产投资(不含农户)41 250亿元，同比下降12.5%；比2019年1-2月份增长3.1%。"
        "全年完成固定资产投资800.00亿元，同比增长9.0%，高于当期全国平均增速0.4个百分点。\n"
        "2024年1-8月份固定资产投资(不含农户)主要数据\n"
        "指 标\t同比增长(%)\n"
        "固定资产投资(不含农户)\t3.4\n"
        "其中：国有控股\t6.0\n"
    )
    rows = [(r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"], r["vs_parent_pp"])
            for r in _records(text)]  # fmt: skip
    assert rows == [
        (2, "fai_total", 41250, -12.5, None),  # the 3.1 % against 2019 is no year-on-year rate
        (12, "fai_total", 800, 9.0, 0.4),
        (8, "fai_total", None, 3.4, None),
        (8, "fai_state_holding", None, 6.0, None),
    ]


def test_the_year_of_a_dateline_or_of_the_one_year_the_text_names():
    dated = "全县投资稳步增长\n发布时间：2024-10-25 来源：县统计局\n前三季度，全县固定资产投资同比增长7.3%。"
    assert _brief(dated) == [(None, 2024, 9, "fai_total", None, 7.3)]
    # a later month than the page date's: last year's whole year, or a repost's page date
    # (发布时间 2021-04-05 over 1-5月) — no year is inferred
    january = "发布时间：2025-01-17\n全年，全县固定资产投资同比增长4.1%。"
    assert _brief(january) == [(None, None, 12, "fai_total", None, 4.1)]
    wire = "1至11月中国固定资产投资下滑2.6%。日媒推断，中国2025年全年的固定资产投资将出现负增长。"
    assert _brief(wire) == [("全国", 2025, 11, "fai_total", None, -2.6)]
    url = "SOURCE: http://example.cn/2014-03/04/a.htm\n全年完成固定资产投资980亿元，同比增长20.0%。"
    assert _brief(url) == [(None, None, 12, "fai_total", 980, 20.0)]  # a date in a URL is none


def test_milestones_are_no_figures_and_a_programmes_parts_are_the_programmes():
    text = (
        "1至10月，全市投资增长18%。10月份，我市固定资产投资首次突破80亿元大关，达到86.2亿元。"
        "截至6月底，我市120个小城镇建设项目累计完成投资30.5亿元。"
        "其中，甲镇、乙镇分别完成投资7.8亿元、1.9亿元。"
    )
    rows = [(r["region"], r["indicator"], r["label"], r["value_100m_yuan"]) for r in _records(text)]
    assert rows == [
        (None, "fai_total", "投资", None),
        (None, "other", "当月固定资产投资", 86.2),  # not 80: that is the milestone passed
        (None, "other", "小城镇建设项目投资", 30.5),
        ("甲镇", "other", "小城镇建设项目投资", 7.8),  # the towns' part of the programme
        ("乙镇", "other", "小城镇建设项目投资", 1.9),
    ]


def test_the_title_under_a_source_line_names_the_texts_own_region():
    # a 来源/SOURCE line above the title is where the text was published: the title still
    # names the region of 全区 in the body, as the project reader takes it
    text = ("来源：某某区发改局门户网站 2019-10-12 (综合科)\n天城区2019年1—9月项目建设进展情况\n"
            "2019年1—9月，全区共实施项目120个，累计完成投资45.6亿元，完成年度计划的71.2%。")
    assert {r["region"] for r in _records(text)} == {"天城区"}
    text = "SOURCE: http://example.cn/a.htm\n天城县2019年1—9月固定资产投资情况\n1—9月，全县固定资产投资增长8.5%。"
    assert _brief(text) == [("天城县", 2019, 9, "fai_total", None, 8.5)]


def test_a_newspapers_byline_and_paired_levels_are_no_region():
    # 临江日报讯 before the county: the newspaper, not part of the name; 省市两级 is no region
    text = "临江日报讯 天城县一季度固定资产投资完成20.5亿元，同比增长6.1%。"
    assert _brief(text) == [("天城县", None, 3, "fai_total", 20.5, 6.1)]
    text = "省市两级重点工程项目已确定300项\n1-8月，全省重点工程完成投资120.4亿元，完成率65.1%。"
    assert {r["region"] for r in _records(text)} == {None}


def test_a_project_group_that_grew_without_figures_owns_the_investment_that_follows():
    # 新开工项目快速增长，…完成投资: the new projects' investment (other), never the total
    text = "一季度，天城县新开工项目快速增长，达到125个；完成投资58.5亿元，同比增长19.4%。"
    assert [(r["indicator"], r["value_100m_yuan"]) for r in _records(text)] == [("other", 58.5)]


def test_ranked_lists_of_regions_with_amounts_or_rates_in_brackets():
    # 从投资完成情况看 opens a paragraph about the notice's own programme again, after its
    # parts (计划开工项目…); 排名前三位的分别为：opens the list; 高邑县 is a name though 高 is
    # a word of comparisons; amounts and plan completion rates in brackets
    text = ("1-8月，全市120个重点项目完成投资310.5亿元。其中，60个计划开工项目中有52个项目开工"
            "建设，完成投资120.2亿元；40个续建项目已有6个项目竣工，完成投资150.3亿元。\n"
            "从投资完成情况看，排名前三位的分别为：天城县(43.3亿元)、高邑县(31.9亿元)、河口县"
            "(21.7亿元)。\n从投资完成率情况看，排名前两位的为临江区(128%)、天城县(114.6%)。")
    got = {(r["region"], r["indicator"], r["value_100m_yuan"], r["plan_completion_pct"])
           for r in _records(text)}  # fmt: skip
    assert got == {
        (None, "fai_key_projects", 310.5, None),
        (None, "other", 120.2, None),  # 计划开工项目投资: a part, never the total
        (None, "other", 150.3, None),  # 续建项目投资
        ("天城县", "fai_key_projects", 43.3, 114.6),
        ("高邑县", "fai_key_projects", 31.9, None),
        ("河口县", "fai_key_projects", 21.7, None),
        ("临江区", "fai_key_projects", None, 128.0),
    }
    text = "1-8月，全市固定资产投资增长8.1%。分县看，增速排名前两位的分别为天城县(15.3%)、河口县(12.1%)。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text)] == [
        (None, 8.1), ("天城县", 15.3), ("河口县", 12.1)]


def test_a_table_whose_header_cells_wrap_over_several_lines():
    # a web table copied as text: each header cell wrapped over lines (one piece a line),
    # two column groups (the whole investment's growth; the key projects' plan, amount and
    # completion), a row without its growth rate, and a plan column of 前三季度 that is no
    # period of the figures
    text = ("2020年1-8月各县(区)固定资产投资及重点项目完成情况表\n单位：亿元\n"
            "县(区)  1-8月固投\n  增速\n1-8月重点项目完成情况\n年度投资计划  前三季度\n"
            "  投资计划\n1-8月\n  完成投资\n完成前三季度目标任务占比(%)\n"
            "天城县 9.5% 60.2 45.1 38.3 84.9%\n河口县   30.1 22.2 16.6 74.8%\n")
    got = sorted((r["region"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"],
                  r["plan_completion_pct"]) for r in _records(text))  # fmt: skip
    assert got == [
        ("天城县", 8, "fai_key_projects", 38.3, None, 84.9),
        ("天城县", 8, "fai_total", None, 9.5, None),
        ("河口县", 8, "fai_key_projects", 16.6, None, 74.8),
    ]


def test_a_size_threshold_and_the_gap_to_a_peer_are_no_figures():
    # 3500万元及以上项目: the threshold is part of the name (not 0.35亿元 of the last subject);
    # 超河口1.21亿元: the gap to a peer, after which the growth is still the total's
    text = ("民间投资完成300.09亿元，同比增长7.6%。3500万元及以上项目完成投资281.36亿元，同比增长13.2%。"
            "1-11月，全市固定资产投资608.93亿元，总量居全省第6位，超河口1.21亿元；同比增长15.7%，"
            "高于全省平均水平4.8个百分点。")
    got = [(r["indicator"], r["label"], r["value_100m_yuan"], r["yoy_pct"], r["vs_parent_pp"])
           for r in _records(text)]  # fmt: skip
    assert got == [
        ("fai_private", "民间投资", 300.09, 7.6, None),
        ("other", "3500万元及以上项目投资", 281.36, 13.2, None),
        ("fai_total", "固定资产投资", 608.93, 15.7, 4.8),
    ]


def test_a_span_in_brackets_after_a_title_is_the_texts_period():
    # 2017年…推进情况(截至9月30日): the bracket holds the span, so a bare 2017年 in the body
    # is this year to date, not the whole year
    text = ("2017年天城县重点项目调度推进情况(截至9月30日)\n2017年，我县列入重点项目40项，"
            "本年度截至目前完成投资23.63亿元，完成投资目标的68%。")
    assert [(r["year"], r["month"], r["value_100m_yuan"]) for r in _records(text)] == [(2017, 9, 23.63)]


def test_a_list_of_cities_written_without_their_suffix_and_their_rates():
    # 9个市完成率由高到低分别为：运城113.7%、… after a part of the programme (跨市项目): the
    # cities' completion of the programme itself, each city named in full
    text = ("1-7月，全省重点工程项目完成投资483.6亿元，完成率58.4%。跨市项目17项，完成投资"
            "16.5亿元，完成率49.2%。9个市完成率由高到低分别为：运城79.6%、晋中71.8%、吕梁66.3%。")
    got = [(r["region"], r["indicator"], r["plan_completion_pct"]) for r in _records(text)][-3:]
    assert got == [("运城市", "fai_key_projects", 79.6), ("晋中市", "fai_key_projects", 71.8),
                   ("吕梁市", "fai_key_projects", 66.3)]  # fmt: skip


def test_a_province_named_without_its_suffix_before_its_investment():
    # 广西全社会固定资产投资: 广西 is 广西壮族自治区 (the registry's short name), not part of the label
    text = "据悉，一季度广西全社会固定资产投资826.3亿元，同比增长16.1%，完成年度工作目标的14%。"
    got = [(r["region"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"], r["plan_completion_pct"])
           for r in _records(text)]  # fmt: skip
    assert got == [("广西壮族自治区", "fai_total", 826.3, 16.1, 14.0)]


def test_levels_named_alone_in_a_list_of_programmes():
    # 自治区及市层面重大项目分别…: 自治区 is no region here but the first level of the list
    text = ("一季度全区重大项目完成投资306.3亿元，占年度计划的13.6%，其中自治区及市层面重大项目分别"
            "完成投资172亿元和134.3亿元，占年度计划的12.3%和14.8%。")
    got = [(r["label"], r["indicator"], r["value_100m_yuan"], r["plan_completion_pct"])
           for r in _records(text, region="天城县")][1:]  # fmt: skip
    assert got == [("自治区层面重大项目投资", "fai_key_projects", 172.0, 12.3),
                   ("市层面重大项目投资", "fai_key_projects", 134.3, 14.8)]  # fmt: skip


def test_a_date_in_a_paragraph_about_one_project_does_not_carry_over():
    # 截至9月底 of one project's progress (no figure of ours) does not make the next
    # paragraph's figures September's: they stay of the span the text's figures had
    text = ("1月至8月，全区重点建设项目累计完成投资178.1亿元，完成年度计划的70.2%。\n"
            "记者在园区看到，该项目截至9月底主体工程已经完工。\n"
            "分行业看，工业项目完成投资65.3亿元，完成年度投资计划的72.1%。")
    assert [(r["month"], r["value_100m_yuan"]) for r in _records(text)] == [(8, 178.1), (8, 65.3)]


def test_a_campaign_span_up_to_the_end_of_a_month_is_the_period():
    # 自6月15日…会战启动至8月底: the figures are of the span up to September (至 here is no
    # comparison base as in 比1-7月)
    text = "自6月15日全县重点项目百日攻坚会战启动至8月底，重点项目完成投资58.4亿元，占年度计划的43.7%。"
    assert [(r["month"], r["value_100m_yuan"]) for r in _records(text)] == [(8, 58.4)]


def test_the_parents_rate_in_brackets_and_size_projects_beside_real_estate():
    # 增长5.7%(全市6.6%): the parent's own rate is a figure of region 全市; 500万元以上投资项目
    # in the sentence that splits the investment with 房地产开发 is the project part
    text = "一季度，全县固定资产投资同比增长5.7%(全市6.6%)，较去年同期加快3.3个百分点。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text, region="天城县")] == [
        ("天城县", 5.7), ("全市", 6.6)]
    text = ("前三季度，全区固定资产投资同比增长5.9%。从项目类型看，500万元以上投资项目完成投资同比"
            "增长11.9%，拉动全部投资增长8.9个百分点；房地产开发完成投资同比下降10.8%。")
    assert [(r["indicator"], r["yoy_pct"]) for r in _records(text)] == [
        ("fai_total", 5.9), ("fai_project", 11.9), ("fai_real_estate", -10.8)]


def test_a_ranked_list_of_regions_after_a_count_of_projects():
    # …建成项目33个。完成投资进度前三位的市州是甲市、乙州，分别占年度计划的…: after a count
    # (no investment) the regions' rates are the programme's; the frame may speak of 投资进度
    text = ("1-4月，全省重大工程项目累计完成投资736.28亿元，占年度计划32.6%；建成项目21个。"
            "完成投资进度占年度计划比例前两位的市州是遵义市、黔东南州，分别占年度计划的41.7%、38.9%。")
    got = [(r["region"], r["indicator"], r["plan_completion_pct"]) for r in _records(text)]
    assert got[1:] == [("遵义市", "fai_key_projects", 41.7), ("黔东南州", "fai_key_projects", 38.9)]


def test_two_levels_written_together_before_their_figures():
    # 186个省市重点项目分别完成年度投资计划的93.5%、88.1%: 省重点项目 and 市重点项目
    text = "1-9月，全市186个省市重点项目分别完成年度投资计划的83.5%、78.1%。"
    got = [(r["label"], r["plan_completion_pct"]) for r in _records(text)]
    assert got == [("省重点项目投资", 83.5), ("市重点项目投资", 78.1)]


def test_completion_of_a_half_year_or_campaign_target_is_no_plan_completion():
    # 占上半年目标任务的87%, 占百日会战目标任务的61.5%: not the year's plan
    text = ("1-4月，全市重点项目完成投资193.7亿元，占上半年目标任务的87%；百日会战项目完成投资"
            "52.4亿元，占百日会战目标任务的61.5%；续建项目完成投资33.8亿元，占年度计划的39.6%。")
    got = [(r["value_100m_yuan"], r["plan_completion_pct"]) for r in _records(text)]
    assert got == [(193.7, None), (52.4, None), (33.8, 39.6)]


def test_a_market_forecast_does_not_turn_the_rest_of_the_sentence_into_targets():
    # 预期增长3.6%, 低于市场预期的4.0%: the consensus for the figure just read (no subject of
    # its own); what follows in the sentence is results again, unlike 投资力争增长8%，工业投资…
    text = ("中国首8个月固定资产投资按年增长2.9%，预期增长3.1%；其中房地产开发投资按年下降9.4%。"
            "1—5月份，全国固定资产投资同比增长4.2%，低于市场预期的4.6%；制造业投资增长6.3%，"
            "基础设施投资增长5.8%。")  # fmt: skip
    got = [(r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)]
    assert got == [(8, "fai_total", 2.9), (8, "fai_real_estate", -9.4), (5, "fai_total", 4.2),
                   (5, "fai_manufacturing", 6.3), (5, "fai_infrastructure", 5.8)]  # fmt: skip
    # a target listing still goes on: every figure after 力争 is a plan
    plan = "全年全县固定资产投资力争增长9%，工业投资增长12%。"
    assert _records(plan) == []


def test_the_lead_over_the_time_schedule_keeps_a_written_minus_sign():
    # 超序时进度-0.6个百分点: behind the schedule, as written (not +0.6); 比序时进度慢2.5个百分点
    text = ("截至11月末，全區重點項目完成投資52.7億元，佔年度計劃的91.1%，超序時進度-0.6個百分點。"
            "1—7月，全县重大项目完成投资18.9亿元，完成年度计划的55.8%，比时间进度慢2.5个百分点。")
    got = [(r["month"], r["value_100m_yuan"], r["vs_time_progress_pp"]) for r in _records(text)]
    assert got == [(11, 52.7, -0.6), (7, 18.9, -2.5)]


def test_the_span_of_a_plan_does_not_become_the_period_of_the_figures_after_it():
    # 按一季度目标任务…, 上半年计划完成率…的要求: the span of a plan; the figures that follow are
    # still of 1至9月
    text = ("1至9月，全县重点项目累计完成投资58.3亿元，完成年度计划的77.2%。按照上半年计划投资完成率"
            "55%的要求推进。县级重点项目完成投资21.6亿元，完成年度计划的69.8%。")
    got = [(r["month"], r["value_100m_yuan"]) for r in _records(text) if r["value_100m_yuan"]]
    assert got == [(9, 58.3), (9, 21.6)]
    text = "1—11月，全市民间投资增长4.4%。全市对照一季度目标任务，工业投资增长9.1%。"
    assert [r["month"] for r in _records(text)] == [11, 11]


def test_a_task_handed_down_by_the_parent_names_the_texts_own_investment():
    # 市下达我区…投资任务N亿元: the whole investment of the text's region (not an 'other' series
    # named 市下达我区固定资产投资), its completion the share of that task
    text = ("今年州下达我县固定资产投资任务86亿元，1—10月完成70.9亿元，完成年度任务的82.4%。"
            "市政府下达我区年度固定资产投资目标任务为215亿元，1-5月全区完成固定资产投资93.5亿元，"
            "完成目标任务的43.5%。")  # fmt: skip
    got = [(r["indicator"], r["month"], r["value_100m_yuan"], r["plan_completion_pct"])
           for r in _records(text)]  # fmt: skip
    assert got == [("fai_total", 10, 70.9, 82.4), ("fai_total", 5, 93.5, 43.5)]


def test_hong_kong_quarters_and_a_one_character_fall():
    # 首三季 (the first three quarters), 按年跌 (fell year on year): wire copy from Hong Kong
    text = ("國家統計局公佈，首三季全國固定資產投資按年增長2.7%。其中，製造業投資增長7.4%，"
            "房地產開發投資按年跌10.3%。首兩季民間投資按年跌0.4%。")
    got = [(r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)]
    assert got == [(9, "fai_total", 2.7), (9, "fai_manufacturing", 7.4),
                   (9, "fai_real_estate", -10.3), (6, "fai_private", -0.4)]  # fmt: skip


def test_a_negative_growth_written_with_fu():
    # 同比增长负2.6%, 增速为负4.1%: falls as written
    text = "1—4月，全县固定资产投资同比增长负2.6%，民间投资增速为负4.1%。"
    assert [(r["indicator"], r["yoy_pct"]) for r in _records(text)] == [
        ("fai_total", -2.6), ("fai_private", -4.1)]


def test_a_verb_phrase_before_a_level_word_is_no_region():
    # 宜州始终将省…, 全市坚持把市重点…: no region 宜州始终将省 for the figures that follow
    text = ("今年以来，宜州始终将省重点项目建设作为头号工程。1-6月，省重点项目完成投资31.7亿元，"
            "占年度计划的58.2%。")
    got = [(r["region"], r["value_100m_yuan"]) for r in _records(text)]
    assert all(region is None or "始终" not in region for region, _ in got), got
    assert [v for _, v in got] == [31.7]


def test_last_years_figures_quoted_in_a_head_of_their_own_are_no_figures_of_the_period():
    # 去年同期，…增长3.4%: last year's rate; 1-8月 read again after it is this year's
    text = ("上年同期，全区固定资产投资增长3.4%，工业投资下降2.2%。1-8月，全区固定资产投资增长7.9%。"
            "去年全年全县民间投资增长1.6%，今年1—8月增长4.8%。去年以来，全县技改投资增长12.5%。")
    got = [(r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)]
    assert got == [(8, "fai_total", 7.9), (8, "fai_private", 4.8), (8, "fai_tech_renovation", 12.5)]


def test_the_whole_investment_less_real_estate_is_project_investment():
    # 扣除房地产开发投资(后)，全省投资增长…: 项目投资 (fai_project), never the total; a part of
    # another indicator less real estate (…外的民间投资) stays other, its label as written
    text = ("1—10月，全省固定资产投资同比下降1.3%；剔除房地产开发投资后，全省投资增长5.9%。"
            "除房地产开发投资以外的民间投资增长2.2%，不含房地产开发投资的全社会投资增长6.0%。")
    got = [(r["indicator"], r["label"], r["yoy_pct"]) for r in _records(text)]
    assert got == [("fai_total", "固定资产投资", -1.3),
                   ("fai_project", "剔除房地产开发投资的固定资产投资", 5.9),
                   ("other", "除房地产开发投资以外的民间投资", 2.2),
                   ("fai_project", "不含房地产开发投资的全社会投资", 6.0)]  # fmt: skip
    # 限额以上固定资产投资 (a county's 500万元 threshold) is the investment reported, as 规模以上
    assert [r["indicator"] for r in _records("1—3月，全县限额以上固定资产投资增长4.4%。")] == ["fai_total"]


def test_wire_words_for_the_nation_and_for_real_estate():
    # 国内/内地 (Hong Kong wire copy) are the nation; 房地产建造投资 is real-estate investment
    text = ("首11个月，國內固定資產投資約46.82萬億元，按年增長2.9%。"
            "前5个月，内地城镇固定资产投资按年增长6.1%，房地产建造投资按年下跌4.6%。")
    got = [(r["region"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
           for r in _records(text)]  # fmt: skip
    assert got == [("全国", 11, "fai_total", 468200, 2.9), ("全国", 5, "fai_total", None, 6.1),
                   ("全国", 5, "fai_real_estate", None, -4.6)]  # fmt: skip


def test_a_plan_completion_whose_verb_comes_before_the_investment():
    # 全区完成固定资产投资任务的…%: the subject sits between 完成 and 任务
    text = ("截至11月末，全区完成全社会固定资产投资目标任务的91.3%；其中重点项目完成投资任务的96.2%。"
            "1—5月，全县完成固定资产投资年度计划的41.7%。")
    got = [(r["month"], r["indicator"], r["plan_completion_pct"]) for r in _records(text)]
    assert got == [(11, "fai_total", 91.3), (11, "fai_key_projects", 96.2), (5, "fai_total", 41.7)]


def test_a_single_quarters_rate_is_no_year_on_year_figure():
    # 三季度当季, 二季度单季: one quarter (the YTD figure read after it is kept)
    text = ("三季度当季，全市固定资产投资增长8.8%；1—9月，全市固定资产投资增长5.1%。"
            "二季度单季全区民间投资下降1.9%。")
    got = [(r["month"], r["indicator"], r["yoy_pct"]) for r in _records(text)]
    assert got == [(9, "fai_total", 5.1)]
