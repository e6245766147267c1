"""fai.bulletin on shapes the real texts of ``../shared/bulletins_dev`` do not all show, but
texts of the same genres will: each kind of error in several variants (traditional
characters, other labels and verbs, 万元 and 亿元, other month spans).

The sentences are our own; the numbers are made up, and what each sentence states is
written out by hand in the test.
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records, scored_figures

_records = quiet_records


_figures = scored_figures  # (region, month, indicator, value, yoy) of every scored figure


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


# ---------------------------------------------------------------- rates in brackets
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("1-9月全省固定资产投资增长5.5%，比1-8月（5.1%）加快0.4个百分点。", (8, 5.1)),
        ("1-9月全省固定資產投資增長5.5%，比1-8月（5.1%）加快0.4個百分點。", (8, 5.1)),
        ("1—9月，全市固定资产投资同比增长5.5%，增速较上半年（增长4.3%）加快1.2个百分点。", (6, 4.3)),
        ("1—9月，全县固定资产投资同比下降2.3%，降幅较1—8月（下降3.0%）收窄0.7个百分点。", (8, -3.0)),
    ],
)
def test_an_earlier_span_with_its_rate_in_brackets_is_a_record_of_that_span(text, earlier):
    rows = _figures(text)
    assert [(r[1], r[4]) for r in rows] == [(9, rows[0][4]), earlier]


@pytest.mark.parametrize(
    ("gap", "parent"),
    [
        ("高于全市(5.2%)1.2个百分点", ("全市", 5.2, 1.2)),
        ("高于全市（增长5.2%）1.2个百分点", ("全市", 5.2, 1.2)),
        ("比全省(3.1%)高3.3个百分点", ("全省", 3.1, 3.3)),
        ("高于平顶山市(5.2%)1.2个百分点", ("平顶山市", 5.2, 1.2)),
    ],
)
def test_the_parents_rate_in_brackets_before_the_gap_is_the_parents_figure(gap, parent):
    # the parent's stated rate is a figure of the parent (never computed: both are written);
    # the rank after it stays with the county's own figure
    text = f"一季度，我县固投同比增长6.4%，{gap}，增速居全市第二。"
    rows = _records(text)
    assert [(r["region"], r["yoy_pct"], r["vs_parent_pp"], r["rank"]) for r in rows] == [
        (None, 6.4, parent[2], 2), (parent[0], parent[1], None, None)
    ]


def test_a_falling_parent_rate_in_brackets_keeps_its_sign():
    text = "1-6月，全县民间投资下降2.0%，低于全省(下降1.2%)0.8个百分点。"
    assert [(r[0], r[2], r[4]) for r in _figures(text)] == [
        (None, "fai_private", -2.0), ("全省", "fai_private", -1.2)
    ]


# ---------------------------------------------------------------- ranks
@pytest.mark.parametrize(
    "rank",
    ["六县市排名第四", "六縣市排名第四", "全市十县区排名第四", "十县区中居第四位", "在全市六县市中排名第四"],
)
def test_the_regions_a_rank_is_among_are_no_region_of_their_own(rank):
    rows = _records(f"1-8月，我县固投较上年同期增长6.4%，{rank}。")
    assert [(r["region"], r["yoy_pct"], r["rank"]) for r in rows] == [(None, 6.4, 4)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("一季度，我县固投同比增长6.4%。", (None, 6.4)),
        ("1-8月，全市完成固投256.3亿元，同比增长5.1%。", (256.3, 5.1)),
        ("1-8月，全市固投完成256.3亿元，增长5.1%。", (256.3, 5.1)),
        ("1-8月，全縣固投同比下降2.5%。", (None, -2.5)),
    ],
)
def test_gutou_is_short_for_fixed_asset_investment(text, want):
    assert [(r[2], r[3], r[4]) for r in _figures(text)] == [("fai_total", *want)]


def test_a_named_countys_parent_rate_is_the_citys_even_after_a_rank_among_the_city():
    # 居全市第三 made 市 the text's level; the text names 临河县 as its own: 全市 is its parent
    text = "1—7月，临河县固定资产投资增长11.3%，高于全市（4.9%）6.4个百分点，增速居全市第三。"
    rows = _records(text)
    assert [(r["region"], r["yoy_pct"], r["vs_parent_pp"], r["rank"]) for r in rows] == [
        ("临河县", 11.3, 6.4, 3), ("全市", 4.9, None, None)
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (("1-9月，全县固投同比增长8.3%。城关镇、河口镇增速较快，分别为15.2%、12.1%；"
         "龙门镇、加义镇增速较慢，分别为-3.2%、-1.5%。"),
         [(None, 8.3), ("城关镇", 15.2), ("河口镇", 12.1), ("龙门镇", -3.2), ("加义镇", -1.5)]),
        ("1-9月，全縣固投同比增長8.3%。城關鎮、河口鎮增速較快，分別為15.2%、12.1%。",
         [(None, 8.3), ("城关镇", 15.2), ("河口镇", 12.1)]),
    ],
)
def test_regions_named_before_their_verbless_rates(text, want):
    assert [(r[0], r[4]) for r in _figures(text)] == want


@pytest.mark.parametrize("verb", ["分别为", "分别完成年度计划的"])
def test_regions_investment_progress_is_the_completion_of_the_annual_plan(verb):
    text = ("1-6月，全市重大项目完成投资338.6亿元，占年度计划的55.3%。"
            f"南山县、北湖区进度较慢，{verb}38.6%、41.2%。")  # fmt: skip
    rows = [r for r in _records(text) if r["kind"] == "figure"]
    assert [(r["region"], r["indicator"], r["plan_completion_pct"]) for r in rows] == [
        (None, "fai_key_projects", 55.3), ("南山县", "fai_key_projects", 38.6),
        ("北湖区", "fai_key_projects", 41.2),
    ]  # fmt: skip


# ---------------------------------------------------------------- programmes and their stages
def _projects(text: str) -> list[dict]:
    return [r for r in _records(text) if r["kind"] == "project"]


_STAGE_FIELDS = ("group", "month", "count", "new", "continuing", "completed", "started", "done_100m_yuan")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the stages listed with ， after 其中, then the programme's amount in the same sentence
        ("全镇共实施500万元以上项目27个，其中新开工项目9个，续建项目18个，累计完成投资3.12亿元。",
         ("500万元以上项目", None, 27, 9, 18, None, None, 3.12)),
        ("全區共實施重點項目56個，其中新開工項目21個，續建項目35個，1-5月完成投資18.6億元。",
         ("重点项目", 5, 56, 21, 35, None, None, 18.6)),
        # … in a sentence of their own, the progress after them is the programme's
        (("2023年，全市共安排市级重大项目286个。其中新开工项目98个，续建项目156个，竣工项目32个。"
         "1—6月，已开工项目251个；累计完成投资338.6亿元。"),
         ("市级重大项目", 6, 286, 98, 156, 32, 251, 338.6)),
        # without 其中, right after the programme
        ("今年全县共实施重点项目120个，新开工项目45个，续建项目75个。1-9月累计完成投资7020万元。",
         ("重点项目", 9, 120, 45, 75, None, None, 0.702)),
    ],
)
def test_the_stages_listed_after_a_programme_are_its_composition(text, want):
    rows = _projects(text)
    assert [tuple(r[k] for k in _STAGE_FIELDS) for r in rows] == [want]
    # its completed amount is the programme's figure, not the last stage's
    fig = [r for r in _records(text) if r["kind"] == "figure" and r["value_100m_yuan"] is not None]
    assert [f["value_100m_yuan"] for f in fig] == [want[-1]]
    assert want[0] in fig[0]["label"], fig[0]["label"]


def test_a_stage_named_alone_with_its_amount_is_a_group_of_its_own():
    text = ("1-9月，全市重点项目120个，完成投资50亿元。其中新开工项目45个，完成投资12亿元；"
            "续建项目75个，完成投资38亿元。")  # fmt: skip
    rows = _projects(text)
    assert [(r["group"], r["count"], r["done_100m_yuan"]) for r in rows] == [
        ("重点项目", 120, 50), ("新开工项目", 45, 12), ("续建项目", 75, 38)
    ]
    figs = [r for r in _records(text) if r["kind"] == "figure"]
    assert [(r["label"], r["value_100m_yuan"]) for r in figs] == [
        ("重点项目投资", 50), ("新开工项目投资", 12), ("续建项目投资", 38)
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "9月28日上午，我县2023年第三季度重大项目集中开工仪式举行。此次集中开工项目共18个，总投资56.8亿元。",
        "2023年9月28日，全市第三季度重大项目集中开工活动举行，此次集中开工项目18个，总投资56.8亿元。",
        "9月28日，全縣第三季度重大項目集中開工儀式舉行。此次集中開工項目共18個，總投資56.8億元。",
    ],
)
def test_a_ceremony_named_after_its_quarter_is_of_its_date(opening):
    rows = _projects(opening)
    assert [(r["month"], r["count"], r["total_investment_100m_yuan"]) for r in rows] == [(9, 18, 56.8)]
