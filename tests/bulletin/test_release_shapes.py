"""fai.bulletin on *statistical releases* in shapes the real texts of ``../shared/bulletins_dev``
do not all show: an NBS-style national release with its 分领域/分产业/分地区 rows and the
macro-region rows of its private-investment and real-estate sections, a provincial release
quoting 全国, a prefecture release ranking its counties, a county report in 万元 with its
towns, Hong Kong and Taiwan wire copy (首10月, 按年, 微增, 年減, 約…萬億元), a release whose
year is only in its title, earlier-period values quoted in passing, two-year averages and
month-on-month rates.

The texts are our own; the numbers are made up. What each text states is written out by
hand in the test, read by the conventions of the dev corpus's README (macro-region rows get
their own region and the section's indicator; a sub-breakdown such as 第二产业民间投资 is
``other``; 两年平均, 环比 and 比2019年 rates are no ``yoy_pct``; a rate of an earlier span is a
record of that span).
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records

_records = quiet_records


def _figures(text: str, **kw) -> list[tuple]:
    """(region, year, month, indicator, value, yoy) of every scored figure, in order."""
    return [
        (r["region"], r["year"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
        for r in _records(text, **kw)
        if r["kind"] == "figure" and r["indicator"] != "other"
    ]


# ------------------------------------------------------------ an NBS-style national release
NATIONAL = """国家统计局：2023年1—9月份全国固定资产投资保持增长
1—9月份，全国固定资产投资（不含农户）375112亿元，同比增长3.2%。其中，民间固定资产投资195870亿元，同比下降0.7%。从环比看，9月份固定资产投资（不含农户）增长0.31%。
分产业看，第一产业投资7086亿元，同比下降0.8%；第二产业投资118542亿元，增长8.8%；第三产业投资249484亿元，增长0.9%。第二产业中，工业投资同比增长8.9%，其中制造业投资增长6.0%。
分领域看，基础设施投资同比增长6.1%，房地产开发投资下降9.3%。
分地区看，东部地区投资同比增长4.6%，中部地区投资增长0.8%，西部地区投资增长0.7%，东北地区投资下降1.9%。
民间投资方面，第二产业民间投资增长9.4%，第三产业民间投资下降6.2%。分地区看，东部地区民间投资下降1.1%，中部地区民间投资增长1.6%，西部地区民间投资下降3.4%，东北地区民间投资下降5.8%。
房地产开发方面，东部地区房地产开发投资48561亿元，同比下降7.9%；中部地区投资18322亿元，下降8.6%；西部地区投资17980亿元，下降14.9%；东北地区投资2760亿元，下降19.8%。
"""
_N = ("全国", 2023, 9)
NATIONAL_WANT = [
    (*_N, "fai_total", 375112, 3.2),
    (*_N, "fai_private", 195870, -0.7),  # (9月份环比0.31%: no yoy)
    (*_N, "fai_primary", 7086, -0.8),
    (*_N, "fai_secondary", 118542, 8.8),
    (*_N, "fai_tertiary", 249484, 0.9),
    (*_N, "fai_industry", None, 8.9),
    (*_N, "fai_manufacturing", None, 6.0),
    (*_N, "fai_infrastructure", None, 6.1),
    (*_N, "fai_real_estate", None, -9.3),
    ("东部地区", 2023, 9, "fai_total", None, 4.6),
    ("中部地区", 2023, 9, "fai_total", None, 0.8),
    ("西部地区", 2023, 9, "fai_total", None, 0.7),
    ("东北地区", 2023, 9, "fai_total", None, -1.9),
    # 第二/三产业民间投资: other (a sub-breakdown), not fai_secondary / fai_tertiary
    ("东部地区", 2023, 9, "fai_private", None, -1.1),
    ("中部地区", 2023, 9, "fai_private", None, 1.6),
    ("西部地区", 2023, 9, "fai_private", None, -3.4),
    ("东北地区", 2023, 9, "fai_private", None, -5.8),
    # the real-estate section's 中部地区投资: that region's real-estate investment
    ("东部地区", 2023, 9, "fai_real_estate", 48561, -7.9),
    ("中部地区", 2023, 9, "fai_real_estate", 18322, -8.6),
    ("西部地区", 2023, 9, "fai_real_estate", 17980, -14.9),
    ("东北地区", 2023, 9, "fai_real_estate", 2760, -19.8),
]


def test_a_national_release_with_its_breakdowns_and_macro_region_sections():
    assert _figures(NATIONAL) == NATIONAL_WANT


# ------------------------------------------------------- a provincial release quoting 全国
PROVINCE = """湖北省统计局
2024年1—8月全省固定资产投资运行简况
1—8月，全省固定资产投资同比增长6.3%，高于全国3.9个百分点，增速居全国第5位。分领域看，工业投资增长14.2%，其中制造业投资增长12.6%；基础设施投资增长5.1%；房地产开发投资下降7.4%。民间投资增长2.7%，高于全国2.5个百分点。
分产业看，第一产业投资增长3.6%，第二产业投资增长14.0%，第三产业投资增长2.2%。
同期，全国固定资产投资增长2.4%，全国民间投资增长0.2%。
"""


def test_a_provincial_release_names_itself_in_the_bureau_and_quotes_the_nation():
    rows = [r for r in _records(PROVINCE) if r["kind"] == "figure"]
    got = [(r["region"], r["year"], r["month"], r["indicator"], r["yoy_pct"], r["vs_parent_pp"],
            r["parent"], r["rank"]) for r in rows]  # fmt: skip
    h = ("湖北省", 2024, 8)
    assert got == [
        (*h, "fai_total", 6.3, 3.9, "全国", 5),
        (*h, "fai_industry", 14.2, None, None, None),
        (*h, "fai_manufacturing", 12.6, None, None, None),
        (*h, "fai_infrastructure", 5.1, None, None, None),
        (*h, "fai_real_estate", -7.4, None, None, None),
        (*h, "fai_private", 2.7, 2.5, "全国", None),
        (*h, "fai_primary", 3.6, None, None, None),
        (*h, "fai_secondary", 14.0, None, None, None),
        (*h, "fai_tertiary", 2.2, None, None, None),
        ("全国", 2024, 8, "fai_total", 2.4, None, None, None),
        ("全国", 2024, 8, "fai_private", 0.2, None, None, None),
    ]


# ------------------------------------------------------ a prefecture release ranking counties
PREFECTURE = """前三季度衡阳市固定资产投资稳中有进
1—9月，全市固定资产投资同比增长5.2%，比上半年回落0.6个百分点，高于全省1.1个百分点。分县市区看，12个县市区中有9个实现正增长。其中，祁东县增长12.4%，居全市第一；耒阳市增长10.9%，居全市第二；常宁市增长9.7%，居全市第三。增速后三位的是南岳区（下降3.1%）、珠晖区（下降4.5%）和雁峰区（下降6.2%）。
分领域看，全市工业投资增长11.3%，民间投资增长4.8%，房地产开发投资下降8.7%。
"""


def test_a_prefecture_release_ranking_its_counties():
    rows = [r for r in _records(PREFECTURE) if r["kind"] == "figure"]
    got = [(r["region"], r["month"], r["indicator"], r["yoy_pct"], r["vs_parent_pp"], r["rank"])
           for r in rows]  # fmt: skip
    assert got == [
        ("衡阳市", 9, "fai_total", 5.2, 1.1, None),  # (比上半年回落0.6个百分点: no figure)
        ("祁东县", 9, "fai_total", 12.4, None, 1),
        ("耒阳市", 9, "fai_total", 10.9, None, 2),
        ("常宁市", 9, "fai_total", 9.7, None, 3),
        ("南岳区", 9, "fai_total", -3.1, None, None),
        ("珠晖区", 9, "fai_total", -4.5, None, None),
        ("雁峰区", 9, "fai_total", -6.2, None, None),
        ("衡阳市", 9, "fai_industry", 11.3, None, None),
        ("衡阳市", 9, "fai_private", 4.8, None, None),
        ("衡阳市", 9, "fai_real_estate", -8.7, None, None),
    ]


# ------------------------------------------------ a county report in 万元 with its towns
COUNTY = """隆回县2024年上半年固定资产投资情况
上半年，全县完成固定资产投资386500万元，同比增长8.3%，完成年度计划的52.6%。其中，工业投资完成145200万元，增长15.1%；房地产开发投资完成61800万元，下降12.4%。
各乡镇完成情况如下：
桃洪镇完成投资52300万元，增长9.2%；
六都寨镇完成投资18650万元，增长21.4%；
滩头镇完成投资9870万元，下降5.3%。
"""


def test_a_county_report_in_wanyuan_with_its_towns():
    h = ("隆回县", 2024, 6)
    assert _figures(COUNTY) == [
        (*h, "fai_total", 38.65, 8.3),  # 386500万元 ÷ 10000
        (*h, "fai_industry", 14.52, 15.1),
        (*h, "fai_real_estate", 6.18, -12.4),
        ("桃洪镇", 2024, 6, "fai_total", 5.23, 9.2),
        ("六都寨镇", 2024, 6, "fai_total", 1.865, 21.4),
        ("滩头镇", 2024, 6, "fai_total", 0.987, -5.3),
    ]
    assert _records(COUNTY)[0]["plan_completion_pct"] == 52.6


# ------------------------------------------------------------ Hong Kong and Taiwan wire copy
HK = """【經濟通訊社16日專訊】國家統計局公布，首10月全國固定資產投資（不含農戶）約41.23萬億元人民幣，按年微增0.3%，遜於市場預期的增長0.5%，首9月為增長0.2%。
其中，基礎設施投資按年增長4.1%，製造業投資增長8.2%，房地產開發投資則大幅下跌10.3%。民間投資按年下跌0.6%。
"""


def test_hong_kong_wire_copy_with_a_market_forecast_and_the_earlier_span():
    assert _figures(HK) == [
        ("全国", None, 10, "fai_total", 412300, 0.3),  # 約41.23萬億元 × 10000; 預期的0.5%: no figure
        ("全国", None, 9, "fai_total", None, 0.2),  # 首9月為增長0.2%, after the forecast
        ("全国", None, 10, "fai_infrastructure", None, 4.1),
        ("全国", None, 10, "fai_manufacturing", None, 8.2),
        ("全国", None, 10, "fai_real_estate", None, -10.3),
        ("全国", None, 10, "fai_private", None, -0.6),
    ]


HK_GROUPED = """內地首8月固定資產投資按年增長3.1%
【新華社北京9月15日電】國家統計局今日發布數據顯示，首8月全國固定資產投資（不含農戶）達32萬1,568億元人民幣，按年增長3.1%，增速較首7月回落0.3個百分點；首7月為增長3.4%。8月份固定資產投資按月增長0.12%。
分領域看，基建投資按年增長高達7.8%，製造業投資增長5.9%，房地產開發投資則按年下降8.8%。同期，民間投資按年微增0.1%。扣除房地產開發投資，全國固定資產投資增長7.9%。
"""


def test_wire_copy_with_wan_as_a_digit_group_and_the_total_without_real_estate():
    assert _figures(HK_GROUPED) == [
        ("全国", None, 8, "fai_total", 321568, 3.1),  # 32萬1,568億元 as written
        ("全国", None, 7, "fai_total", None, 3.4),
        # 8月份…按月增長0.12%: month on month, no yoy of a scored indicator
        ("全国", None, 8, "fai_infrastructure", None, 7.8),
        ("全国", None, 8, "fai_manufacturing", None, 5.9),
        ("全国", None, 8, "fai_real_estate", None, -8.8),
        ("全国", None, 8, "fai_private", None, 0.1),
        ("全国", None, 8, "fai_project", None, 7.9),  # 扣除房地产开发投资: never fai_total
    ]


@pytest.mark.parametrize(
    "quoted",
    ["較1至10月的年減1.7%進一步擴大", "较1-10月的下降1.7%进一步扩大", "較1至10月的下跌1.7%擴大",
     "1至10月為年減1.7%"],
)
def test_a_fall_of_the_earlier_span_in_taiwan_wording_is_of_that_span(quoted):
    text = f"（中央社台北2025年12月15日電）中國國家統計局今天公布，1至11月全國固定資產投資年減2.6%，{quoted}。"
    assert _figures(text) == [
        ("全国", 2025, 11, "fai_total", None, -2.6),
        ("全国", 2025, 10, "fai_total", None, -1.7),
    ]


# ---------------------------------------------- the parent's own rates in brackets, with verbs
PARENT_BRACKETS = """一季度全市投资运行分析
一季度，全市固定资产投资同比增长4.6%（全省为3.9%），高于全省0.7个百分点。其中，制造业投资增长10.2%（全省8.4%）；基础设施投资下降3.5%（全省增长2.1%）；房地产开发投资下降15.3%（全省下降9.6%）。3月当月，全市投资增长6.8%。
"""


def test_the_parents_rates_in_brackets_with_their_verbs_and_the_gap_after_them():
    rows = [r for r in _records(PARENT_BRACKETS) if r["kind"] == "figure" and r["indicator"] != "other"]
    got = [(r["region"], r["month"], r["indicator"], r["yoy_pct"], r["vs_parent_pp"]) for r in rows]
    assert got == [
        (None, 3, "fai_total", 4.6, 0.7),  # 高于全省0.7个百分点: ours, not the bracket's
        ("全省", 3, "fai_total", 3.9, None),  # (全省为3.9%)
        (None, 3, "fai_manufacturing", 10.2, None),
        ("全省", 3, "fai_manufacturing", 8.4, None),
        (None, 3, "fai_infrastructure", -3.5, None),
        ("全省", 3, "fai_infrastructure", 2.1, None),  # (全省增长2.1%) after our fall
        (None, 3, "fai_real_estate", -15.3, None),
        ("全省", 3, "fai_real_estate", -9.6, None),
        # 3月当月: a single month, no scored figure
    ]


# --------------------------------------------------- earlier spans and the rate a change reached
EARLIER = """1—8月全省投资运行情况分析
1—8月，全省固定资产投资同比增长4.1%，较1—7月加快0.3个百分点。民间投资同比增长1.2%，1—7月份为下降0.6%，由负转正。制造业投资增长7.4%，较1—6月的8.9%回落1.5个百分点。房地产开发投资下降6.5%，降幅比1—7月份收窄0.8个百分点。
"""


def test_earlier_spans_quoted_in_passing_are_records_of_their_own_span():
    assert _figures(EARLIER) == [
        (None, None, 8, "fai_total", None, 4.1),
        (None, None, 8, "fai_private", None, 1.2),
        (None, None, 7, "fai_private", None, -0.6),
        (None, None, 8, "fai_manufacturing", None, 7.4),
        (None, None, 6, "fai_manufacturing", None, 8.9),
        (None, None, 8, "fai_real_estate", None, -6.5),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1-9月，全市制造业投资比上半年加快0.4个百分点，达到6.2%。", 6.2),
        ("1-9月，全市制造业投资增速较上半年回落0.8个百分点至5.1%。", 5.1),
        ("1-9月，全市制造业投资增速比1-8月提高0.5个百分点，为6.2%。", 6.2),
        ("1-9月，全市制造業投資增速較上半年回落0.8個百分點，為5.1%。", 5.1),
        # 降幅…为3.2%: a fall
        ("1-9月，全市房地产开发投资降幅比1-8月收窄0.5个百分点，为3.2%。", -3.2),
    ],
)
def test_the_rate_a_change_reached_is_the_current_rate(text, want):
    assert [f[5] for f in _figures(text)] == [want]


@pytest.mark.parametrize(
    "text",
    [
        "1-9月，全市工业投资占全部投资的比重提高1.2个百分点，达到38.5%。",  # a share
        "1-9月，全市民间投资占比提高1.2个百分点，达到58.5%。",
        "1-9月，全市投资高于全国0.8个百分点，为近年最高。",
    ],
)
def test_a_share_or_a_word_after_a_change_is_no_rate(text):
    assert [f[5] for f in _figures(text)] in ([], [None])


# ------------------------------------------------ a provincial real-estate release by zones
REAL_ESTATE = """2023年1—11月全省房地产开发和销售情况
1—11月，全省房地产开发投资3876.5亿元，同比下降6.9%。其中，住宅投资2950.3亿元，下降5.1%。分区域看，苏南地区房地产开发投资1980.2亿元，下降4.2%；苏中地区投资870.6亿元，下降9.3%；苏北地区投资1025.7亿元，下降9.8%。
商品房销售面积10235万平方米，下降12.6%。
"""


def test_the_zones_of_a_real_estate_release_are_their_real_estate_investment():
    assert _figures(REAL_ESTATE) == [
        (None, 2023, 11, "fai_real_estate", 3876.5, -6.9),
        # 住宅投资: other; the zones' 投资 in a real-estate section: their real-estate investment
        ("苏南地区", 2023, 11, "fai_real_estate", 1980.2, -4.2),
        ("苏中地区", 2023, 11, "fai_real_estate", 870.6, -9.3),
        ("苏北地区", 2023, 11, "fai_real_estate", 1025.7, -9.8),
    ]


# --------------------------------------------------------------- the same texts in other encodings
@pytest.mark.parametrize(
    ("text", "encoding"),
    [(HK, "big5"), (HK_GROUPED, "big5"), (HK, "gb18030"), (NATIONAL, "gbk"), (COUNTY, "gbk"),
     (PROVINCE, "gb18030")],
)
def test_a_release_in_a_legacy_encoding_reads_as_in_utf8(tmp_path, text, encoding):
    from fai.bulletin.source import read_text_file

    path = tmp_path / f"release.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert _records(read_text_file(path)) == _records(text)


# ------------------------------------------- the regions of a real-estate or private release
RE_RELEASE = """2024年1—7月份全国房地产开发投资情况
1—7月份，全国房地产开发投资60877亿元，同比下降10.2%；其中，住宅投资46262亿元，下降10.6%。
分地区看，东部地区投资32145亿元，同比下降9.3%；中部地区投资13562亿元，下降9.9%；西部地区投资12770亿元，下降11.4%；东北地区投资2400亿元，下降15.1%。
"""
PRIVATE_RELEASE = """2024年1—7月份全国民间投资情况
1—7月份，全国民间固定资产投资同比下降0.2%。
分地区看，东部地区投资增长0.8%，中部地区投资增长1.9%，西部地区投资下降5.1%，东北地区投资下降4.4%。
"""


@pytest.mark.parametrize(
    ("text", "key", "rows"),
    [
        (RE_RELEASE, "fai_real_estate",
         [(60877, -10.2), (32145, -9.3), (13562, -9.9), (12770, -11.4), (2400, -15.1)]),
        (RE_RELEASE.replace("房地产", "房地產"), "fai_real_estate",
         [(60877, -10.2), (32145, -9.3), (13562, -9.9), (12770, -11.4), (2400, -15.1)]),
        (PRIVATE_RELEASE, "fai_private",
         [(None, -0.2), (None, 0.8), (None, 1.9), (None, -5.1), (None, -4.4)]),
    ],
)  # fmt: skip
def test_the_regions_of_a_part_release_in_a_paragraph_of_their_own_are_of_that_part(text, key, rows):
    regions = ["全国", "东部地区", "中部地区", "西部地区", "东北地区"]
    assert _figures(text) == [(r, 2024, 7, key, v, y) for r, (v, y) in zip(regions, rows, strict=True)]


def test_the_regions_of_a_release_of_the_whole_investment_stay_its_whole_investment():
    text = ("2024年1—7月份全国房地产开发投资情况\n1—7月份，全国固定资产投资同比增长3.6%，房地产开发投资下降10.2%。\n"
            "分地区看，东部地区投资增长1.2%，中部地区投资增长4.3%。")  # fmt: skip
    assert [(f[0], f[3]) for f in _figures(text)][2:] == [("东部地区", "fai_total"), ("中部地区", "fai_total")]


def test_an_earlier_span_written_with_fen_and_its_rate_in_brackets():
    text = "1—7月份，全国民间投资下降0.2%，较1—6月份（增长0.1%）回落0.3个百分点。"
    assert _figures(text) == [("全国", None, 7, "fai_private", None, -0.2), ("全国", None, 6, "fai_private", None, 0.1)]


# ------------------------------------------------------------------ Taiwan press wording
@pytest.mark.parametrize(
    ("text", "want"),
    [
        # 成長 / 衰退: growth and decline in Taiwan copy
        ("中國1至8月全國固定資產投資較去年同期成長3.4%，房地產開發投資衰退10.2%。",
         [("fai_total", 3.4), ("fai_real_estate", -10.2)]),
        # 年增率為: the yoy rate; 市場預估的3.5%: the market's guess, no figure
        ("中國前8月固定資產投資年增率為3.4%，低於市場預估的3.5%，其中民間投資衰退0.5%。",
         [("fai_total", 3.4), ("fai_private", -0.5)]),
    ],
)  # fmt: skip
def test_taiwan_words_for_growth_decline_and_the_markets_guess(text, want):
    assert [(f[3], f[5]) for f in _figures(text)] == want


# ----------------------------------------------------- a town table copied one cell per line
TOWN_CELLS = """2024年1-9月各镇（街道）固定资产投资完成情况
单位：万元、%
镇（街道）
完成投资
同比增长
城南街道
82360
12.5
石门镇
45120
-8.3
白沙镇
30980
6.1
"""


def test_a_town_table_of_one_cell_per_line_gives_each_town_its_row():
    assert _figures(TOWN_CELLS) == [
        ("城南街道", 2024, 9, "fai_total", 8.236, 12.5),  # 82360万元 ÷ 10000
        ("石门镇", 2024, 9, "fai_total", 4.512, -8.3),
        ("白沙镇", 2024, 9, "fai_total", 3.098, 6.1),
    ]


# ------------------------------------------------------ one quarter alone in a 前三季度 text
@pytest.mark.parametrize(
    "quarter",
    ["三季度，全市投资同比增长6.5%。", "第三季度，全市投资同比增长6.5%。", "3季度，全市投资增长6.5%。"],
)
def test_a_bare_quarter_in_a_text_of_its_year_to_date_is_that_quarter_alone(quarter):
    text = ("2022年前三季度全市固定资产投资运行情况\n前三季度，全市固定资产投资同比增长8.1%，"
            f"增速比全省高2.3个百分点。\n9月份，全市固定资产投资环比增长1.2%。{quarter}")  # fmt: skip
    assert _figures(text) == [(None, 2022, 9, "fai_total", None, 8.1)]


@pytest.mark.parametrize("span", ["1-3季度", "前三季度", "一至三季度"])
def test_a_year_to_date_of_quarters_stays_the_year_to_date(span):
    assert [f[2] for f in _figures(f"{span}，全市固定资产投资同比增长8.1%。")] == [9]


@pytest.mark.parametrize(("title", "month"), [
    ("2022年三季度天城县经济运行情况", 9),
    ("2022年第二季度天城县经济运行简析", 6),
    ("2022年四季度天城县投资运行情况", 12),
    ("2022年3季度天城县经济运行情况", 9),
])
def test_a_title_naming_a_year_and_its_quarter_dates_the_figures_to_the_quarters_end(title, month):
    # the bulletin of a quarter gives the year to its end (FAI is year-to-date); `2022年`
    # alone would be the whole year, which the quarter right after it says it is not
    text = f"{title}\n全县固定资产投资同比增长8.1%，其中工业投资增长12.3%。"
    assert _figures(text, region="天城县") == [
        ("天城县", 2022, month, "fai_total", None, 8.1),
        ("天城县", 2022, month, "fai_industry", None, 12.3),
    ]


def test_a_bare_quarter_in_a_text_of_year_to_date_spans_stays_that_quarter_alone():
    text = ("2022年前三季度天城县经济运行情况\n前三季度，全县固定资产投资同比增长8.1%。"
            "2022年三季度，全县固定资产投资增长5.2%。")
    assert _figures(text, region="天城县") == [("天城县", 2022, 9, "fai_total", None, 8.1)]


def test_a_label_after_a_county_in_the_same_sentence_is_that_countys():
    # a prefecture's release: the clause after a county's rank names the indicator alone; its
    # rate and gap are the county's, not the city's (whose own rate came first)
    text = ("1-9月黄冈市固定资产投资运行情况\n1-9月，全市固定资产投资同比增长6.8%。\n"
            "分县市区看，麻城市固定资产投资总量排名全市第一，固定资产投资增长12.1%，高于全市5.3个百分点；"
            "武穴市工业投资增长15.2%，固定资产投资增长9.1%。")
    rows = [(r["region"], r["indicator"], r["yoy_pct"], r["vs_parent_pp"], r["rank"])
            for r in _records(text) if r["kind"] == "figure"]
    assert rows == [
        ("黄冈市", "fai_total", 6.8, None, None),
        ("麻城市", "fai_total", 12.1, 5.3, 1),
        ("武穴市", "fai_industry", 15.2, None, None),
        ("武穴市", "fai_total", 9.1, None, None),
    ]


def test_a_towns_parts_stay_the_towns_but_not_past_a_semicolon():
    text = ("1-6月，全县固定资产投资增长7.2%。其中，城关镇完成投资5.2亿元，增长10.3%，工业投资完成3.1亿元；"
            "工业投资增长8.8%。")
    rows = [(r["region"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
            for r in _records(text, region="天城县") if r["kind"] == "figure"]
    assert ("城关镇", "fai_industry", 3.1, None) in rows
    assert ("天城县", "fai_industry", None, 8.8) in rows
    assert ("天城县", "fai_industry", 3.1, None) not in rows
