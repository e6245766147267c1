"""fai.bulletin on shapes the real texts of ``../shared/bulletins_dev`` do not all show, but
texts of the same genres will: each kind of error in several variants (traditional
characters, other labels and verbs, 万元 and 亿元, other month spans).

The sentences are our own; the numbers are made up, and what each sentence states is
written out by hand in the test.
"""

from __future__ import annotations

import warnings

import pytest

from fai.bulletin.parse import read_bulletin_records
from fai.errors import FaiWarning


def _records(text: str, **kw) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return read_bulletin_records(text, **kw)


def _figures(text: str, **kw) -> list[tuple]:
    """(region, month, indicator, value, yoy) of every scored figure, in order."""
    return [
        (r["region"], r["month"], r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
        for r in _records(text, **kw)
        if r["kind"] == "figure" and r["indicator"] != "other"
    ]


# ---------------------------------------------------------------- region rows of a list
_HEAD = "1—10月，全县固定资产投资同比增长7.6%。"
_TOWNS = [(None, 10, "fai_total", None, 7.6), ("三市镇", 10, "fai_total", None, 36.2),
          ("安定镇", 10, "fai_total", None, 28.5), ("城关镇", 10, "fai_total", None, -19.4)]  # fmt: skip


@pytest.mark.parametrize(
    "rows",
    [
        # the rate in brackets, with its verb
        "增速排名前三的乡镇是三市镇（增长36.2%）、安定镇（增长28.5%）、城关镇（下降19.4%）。",
        "分乡镇看，三市镇（增长36.2%）、安定镇（增长28.5%）、城关镇（下降19.4%）。",
        # a frame of the list without 名/位 (前三的乡镇分别为)
        "投资增速排名前三的乡镇分别为三市镇增长36.2%、安定镇增长28.5%、城关镇下降19.4%。",
        "增速前三的镇分别是：三市镇增长36.2%，安定镇增长28.5%，城关镇下降19.4%。",
        # traditional characters
        "投資增速排名前三的鄉鎮分別為三市鎮（增長36.2%）、安定鎮（增長28.5%）、城關鎮（下降19.4%）。",
    ],
)
def test_town_rows_of_a_ranking_carry_their_town_and_sign(rows):
    assert _figures(_HEAD + rows) == _TOWNS


def test_a_bracketed_rate_without_verb_keeps_reading_as_growth():
    text = _HEAD + "增速居前三位的乡镇分别是：三市镇(36.2%)、安定镇(28.5%)、城关镇(19.4%)。"
    assert [f[4] for f in _figures(text)] == [7.6, 36.2, 28.5, 19.4]


@pytest.mark.parametrize("joint", ["、", "和"])
def test_a_one_character_county_in_a_list_keeps_its_own_name(joint):
    # 荣县 (two characters) before 自流井区: not completed from the last item (荣县井区)
    text = (f"1-9月，全市固定资产投资同比增长5.8%。增速较快的是富顺县、荣县{joint}自流井区，"
            "分别增长15.6%、12.3%、9.8%。")  # fmt: skip
    assert [(f[0], f[4]) for f in _figures(text)] == [
        (None, 5.8), ("富顺县", 15.6), ("荣县", 12.3), ("自流井区", 9.8)
    ]


@pytest.mark.parametrize(
    "between",
    ["商品房销售面积下降11.2%。", "商品房銷售面積下降11.2%。", "社会消费品零售总额增长4.1%。"],
)
def test_a_region_breakdown_after_a_figure_that_is_no_investment(between):
    # 分县市区看 after 商品房销售面积…: the regions' figures are still of the whole investment
    text = ("前三季度，全市固定资产投资同比增长5.8%。房地产开发投资完成126.35亿元，同比下降6.8%；"
            f"{between}\n分县市区看，增速排名前三的是：富顺县增长15.6%、荣县增长12.3%、自流井区增长9.8%。")  # fmt: skip
    rows = _figures(text)
    assert rows[-3:] == [("富顺县", 9, "fai_total", None, 15.6), ("荣县", 9, "fai_total", None, 12.3),
                         ("自流井区", 9, "fai_total", None, 9.8)]  # fmt: skip
