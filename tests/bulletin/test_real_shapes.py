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
