"""fai.bulletin on project-tracking and campaign texts of shapes ``../shared/bulletins_dev``
does not all show: 重点项目 notices, 百日攻坚 reports, 双比双看 contests, 招商 bulletins and
county summaries, each kind of error in several variants (traditional characters, other
verbs and labels, other month spans).

The sentences are our own and the numbers made up; what each sentence states is written
out by hand in the test, following the dev README's conventions (a programme carries the
span the text reports; a task the span of its contest).
"""

from __future__ import annotations

import pytest

from .quiet import quiet_records

_records = quiet_records


def _of(kind: str, text: str, **kw) -> list[dict]:
    return [r for r in _records(text, **kw) if r["kind"] == kind]


# ---------------------------------------------------------------- a programme under a year alone
@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the programme first, the span of the text after it
        ("2024年，全縣共安排重點項目64個，總投資388.2億元。1—8月，全縣固定資產投資同比增長4.6%。",
         ("重点项目", 2024, 8, 64, 388.2, None)),
        ("2024年全区计划实施重大项目112个，年度计划投资96.4亿元。截至7月底，全区固定资产投资增长3.1%。",
         ("计划实施重大项目", 2024, 7, 112, None, 96.4)),
        ("2025年，全市共谋划实施省市重点项目150个，总投资1208亿元。上半年，全市固定资产投资增长2.9%。",
         ("谋划实施省市重点项目", 2025, 6, 150, 1208.0, None)),
        # the span in a title before it
        ("1-9月全县项目建设情况\n2024年，全县共实施重点项目58个，总投资73.5亿元。",
         ("重点项目", 2024, 9, 58, 73.5, None)),
    ],
)
def test_a_programme_under_a_year_alone_is_of_the_span_the_text_reports(text, want):
    # (as the dev texts read: a province's list of the year in a 1-5月 notice is of May)
    rows = _of("project", text)
    fields = ("group", "year", "month", "count", "total_investment_100m_yuan", "annual_plan_100m_yuan")
    assert [tuple(r[k] for k in fields) for r in rows] == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a text that states no month: the year's programme (an annual summary)
        ("2024年，全市共安排重点项目86个，总投资512.3亿元。", (2024, 12)),
        # a coming year's list in a text of 1-6月: that year's
        ("2024年1—6月，全市固定资产投资增长5.2%。2025年，全市初步安排重点项目90个。", (2025, 12)),
    ],
)
def test_a_year_alone_stays_the_full_year_without_a_span_of_the_same_year(text, want):
    assert [(r["year"], r["month"]) for r in _of("project", text)] == [want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (("2023年，全县重点项目建设扎实推进。今年以来，全县累计新开工亿元以上项目42个，总投资86.5亿元。"
         "1-5月，全县固定资产投资增长6.1%。"), ("新开工亿元以上项目", 2023, 5, 42)),
        ("今年以來，全縣累計新開工億元以上項目37個，總投資64.8億元。1-10月，全縣固定資產投資增長3.4%。",
         ("新开工亿元以上项目", None, 10, 37)),
        ("一季度，全区固定资产投资增长8.2%。今年以来，全区累计新开工项目21个，总投资15.6亿元。",
         ("新开工项目", None, 3, 21)),
    ],
)
def test_what_started_since_the_years_start_is_of_the_texts_span(text, want):
    # 累计 is how much, not which projects: no part of the group's name
    rows = _of("project", text)
    assert [(r["group"], r["year"], r["month"], r["count"]) for r in rows] == [want]


def test_a_programmes_progress_under_a_year_alone_keeps_the_figure_readers_span():
    # the amount is a figure of the figure reader too: the group and the figure agree
    text = "2023年，全市重点项目完成投资50.2亿元，占年度计划的48.6%。1-6月，全市固定资产投资同比增长5.2%。"
    months = {r["kind"]: r["month"] for r in _records(text) if r.get("value_100m_yuan") or r.get("done_100m_yuan")}
    assert months["project"] == months["figure"]


# ---------------------------------------------------------------- the items of a campaign's list
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("9月，全县百日攻坚行动进展顺利。新开工项目：任务数15个，已完成13个。竣工投产项目：任务数8个，已完成6个。",
         [("新开工项目", 9, 15, 13, None), ("竣工投产项目", 9, 8, 6, None)]),
        (("截至9月底，百日攻坚各项指标完成情况如下：签约项目：任务数12个，完成15个，完成率125%；"
         "入库项目：任务数30个，完成24个。"),
         [("签约项目", 9, 12, 15, 125.0), ("入库项目", 9, 30, 24, None)]),
        ("1-8月，百日会战推进顺利。一是新开工项目，任务数15个，已完成13个；二是竣工投产项目，任务数8个，已完成6个。",
         [("新开工项目", 8, 15, 13, None), ("竣工投产项目", 8, 8, 6, None)]),
        ("截至10月底，百日攻堅行動：新開工項目：任務數15個，已完成13個。",
         [("新开工项目", 10, 15, 13, None)]),  # (read in simplified characters)
    ],
)
def test_a_campaign_items_name_is_the_label_before_its_task(text, want):
    rows = _of("task", text)
    assert [(r["item"], r["month"], r["task"], r["done"], r["completion_pct"]) for r in rows] == want


def test_a_target_written_in_the_completion_rate_is_of_the_item_done_before_it():
    text = ("2024年，高新区新引进规上企业6家，完成年度目标任务5家的120%；"
            "实际到位资金6.3亿元，完成年度目标任务5亿元的126%。")  # fmt: skip
    rows = _of("task", text)
    assert [(r["item"], r["unit"], r["task"], r["done"], r["completion_pct"]) for r in rows] == [
        ("新引进规上企业", "个", 5, 6, 120.0), ("实际到位资金", "亿元", 5.0, 6.3, 126.0)
    ]


# ---------------------------------------------------------------- a notice's table of its regions
_TABLE_FIELDS = ("region", "month", "count", "started", "start_rate_pct", "annual_plan_100m_yuan",
                 "done_100m_yuan", "plan_completion_pct")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a row per line, the header naming the count and the year's plan (no 重点项目 above it)
        (("1—8月，全市重点项目累计完成投资431.7亿元，占年度计划的70.5%。\n一、分县区推进情况\n"
         "县区 | 项目数（个） | 年度计划投资（亿元） | 1—8月完成投资（亿元） | 完成率（%） | 开工率（%）\n"
         "东城区 | 42 | 86.3 | 65.1 | 75.4 | 95.2\n西山县 | 38 | 54.7 | 33.2 | 60.7 | 86.8\n"),
         [("东城区", 8, 42, None, 95.2, 86.3, 65.1, 75.4), ("西山县", 8, 38, None, 86.8, 54.7, 33.2, 60.7)]),
        # one cell per line, 万元, a column of the projects started
        (("1—6月，全县纳入调度的重点项目共86个，累计完成投资24.3亿元，完成年度计划的53.3%。\n各乡镇完成情况如下：\n"
         "乡镇\n项目个数\n年度计划投资（万元）\n已开工项目（个）\n1—6月完成投资（万元）\n完成率%\n"
         "城关镇\n12\n68500\n11\n40200\n58.7\n河口镇\n9\n41300\n7\n19800\n47.9\n"),
         [("城关镇", 6, 12, 11, None, 6.85, 4.02, 58.7), ("河口镇", 6, 9, 7, None, 4.13, 1.98, 47.9)]),
        # traditional characters (the header marked as a table before it is read simplified)
        (("1-9月，全區重大項目完成投資86.4億元，佔年度計劃的78.2%。\n"
         "街道 | 項目數(個) | 年度計劃投資(億元) | 累計完成投資(億元) | 投資完成率(%) | 開工率(%)\n"
         "新華街道 | 15 | 22.4 | 18.3 | 81.7 | 100\n東關街道 | 11 | 16.8 | 12.1 | 72.0 | 90.9\n"),
         [("新华街道", 9, 15, None, 100.0, 22.4, 18.3, 81.7), ("东关街道", 9, 11, None, 90.9, 16.8, 12.1, 72.0)]),
    ],
)
def test_a_table_of_the_years_plan_by_region_gives_each_region_its_group(text, want):
    rows = [r for r in _of("project", text) if r["region"] is not None]
    assert [tuple(r[k] for k in _TABLE_FIELDS) for r in rows] == want
    assert not _of("task", text)  # the year's plan and its completion: no contest


# ---------------------------------------------------------------- 百日攻坚 and 双比双看 reports
def test_the_items_of_a_campaign_report_named_in_headings_of_their_own():
    text = ("截至9月30日，百日攻坚各项指标进展如下：\n（一）新开工项目。任务数25个，已开工21个，完成率84%。\n"
            "（二）竣工投产项目。任务数12个，已竣工9个，完成率75%。\n"
            "三、签约项目\n任务数10个，已签约12个。")  # fmt: skip
    rows = _of("task", text)
    assert [(r["item"], r["month"], r["task"], r["done"], r["completion_pct"]) for r in rows] == [
        ("新开工项目", 9, 25, 21, 84.0), ("竣工投产项目", 9, 12, 9, 75.0), ("签约项目", 9, 10, 12, None)
    ]


@pytest.mark.parametrize(
    "header",
    ["乡镇 | 开工任务数（个） | 已开工（个） | 投资任务（亿元） | 完成投资（亿元） | 完成率（%）",
     "鄉鎮 | 開工任務數（個） | 已開工（個） | 投資任務（億元） | 完成投資（億元） | 完成率（%）"],
)
def test_a_table_of_two_targets_pairs_each_with_the_done_after_it(header):
    text = f"百日攻坚各乡镇任务完成情况（截至10月底）\n{header}\n城关镇 | 6 | 6 | 3.2 | 3.5 | 109.4\n双河镇 | 4 | 3 | 1.8 | 1.1 | 61.1\n"
    rows = _of("task", text)
    assert [(r["region"], r["unit"], r["task"], r["done"], r["completion_pct"]) for r in rows] == [
        ("城关镇", "个", 6, 6, None), ("城关镇", "亿元", 3.2, 3.5, 109.4),
        ("双河镇", "个", 4, 3, None), ("双河镇", "亿元", 1.8, 1.1, 61.1),
    ]  # fmt: skip
    assert all(r["month"] == 10 for r in rows)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("9月当月，全市新入库项目任务数20个，实际入库16个。", (20, 16)),
        ("9月当月，全市新入库項目任務數20個，實際入庫16個。", (20, 16)),
        ("9月当月，全市亿元以上项目纳统任务12个，实际纳统9个。", (12, 9)),
    ],
)
def test_what_entered_the_statistics_answers_its_target(text, want):
    rows = _of("task", text)
    assert [(r["task"], r["done"], r["month"], r["monthly"]) for r in rows] == [(*want, 9, True)]


def test_a_contests_regions_named_in_front_of_their_tasks():
    text = ("9月，全市开展“双比双看”项目竞赛。分县区看，东湖区签约任务4个、完成6个，开工任务3个、完成4个；"
            "西岭县签约任务3个、完成2个，入库任务5个、完成3个。")  # fmt: skip
    rows = _of("task", text)
    assert [(r["region"], r["task"], r["done"], r["month"]) for r in rows] == [
        ("东湖区", 4, 6, 9), ("东湖区", 3, 4, 9), ("西岭县", 3, 2, 9), ("西岭县", 5, 3, 9)
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1-9月，全市累计签约亿元以上项目156个，新开工项目132个，新入库项目147个。",
         [("签约亿元以上项目", 156), ("新开工项目", 132), ("新入库项目", 147)]),
        ("1-9月，全市签约亿元以上项目156个，新开工亿元以上项目132个，竣工投产项目47个。",
         [("签约亿元以上项目", 156), ("新开工亿元以上项目", 132), ("竣工投产项目", 47)]),
        ("1-9月，全市新签约项目56个，新开工项目32个，竣工项目17个。",
         [("新签约项目", 56), ("新开工项目", 32), ("竣工项目", 17)]),
    ],
)
def test_lists_of_stages_side_by_side_are_no_parts_of_each_other(text, want):
    # (新开工项目 after a 重点项目 programme is its part: not after a list of signed projects)
    rows = _of("project", text)
    assert [(r["group"], r["count"], r["started"], r["completed"], r["month"]) for r in rows] == [
        (g, n, None, None, 9) for g, n in want
    ]


# ---------------------------------------------------------------- county summaries
@pytest.mark.parametrize(
    "funds",
    ["到位资金12.4亿元，完成年度目标任务的51.7%", "實際到位資金12.4億元，完成年度目標任務的51.7%",
     "到位资金124000万元，完成全年目标任务的51.7%"],
)
def test_a_completion_after_the_funds_in_place_is_the_funds_not_the_signed_projects(funds):
    text = f"上半年，全县固定资产投资增长8.6%。招商引资方面，上半年新签约项目23个，签约金额56.2亿元；{funds}。"
    groups = [(r["group"], r["count"], r["plan_completion_pct"]) for r in _of("project", text)]
    tasks = [(r["unit"], r["task"], r["done"], r["completion_pct"], r["month"]) for r in _of("task", text)]
    assert groups == [("新签约项目", 23, None)]
    assert tasks == [("亿元", None, 12.4, 51.7, 6)]


@pytest.mark.parametrize("joint", ["。", "；"])
def test_what_is_under_way_after_a_programmes_parts_is_the_programmes(joint):
    text = ("1-10月，全區68個重點項目累計完成投資42.6億元，佔年度計劃的84.7%。其中，產業項目31個，完成投資21.8億元；"
            f"基礎設施項目22個，完成投資13.5億元；社會民生項目15個，完成投資7.3億元{joint}已開工項目64個，開工率94.1%。")  # fmt: skip
    rows = {r["group"]: r for r in _of("project", text)}
    assert (rows["重点项目"]["count"], rows["重点项目"]["started"], rows["重点项目"]["start_rate_pct"]) == (68, 64, 94.1)
    assert (rows["社会民生项目"]["started"], rows["社会民生项目"]["start_rate_pct"]) == (None, None)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("9月当月，全市计划签约亿元以上项目15个，实际签约19个。", (15, 19)),
        ("9月当月，全市计划入库项目20个，实际入库16个。", (20, 16)),
        ("9月當月，全市計劃投產項目8個，實際投產9個。", (8, 9)),
    ],
)
def test_a_planned_count_of_signings_intake_or_output_with_what_was_done_is_a_task(text, want):
    assert not _of("project", text)
    rows = _of("task", text)
    assert [(r["task"], r["done"], r["month"], r["monthly"]) for r in rows] == [(*want, 9, True)]


def test_a_contest_table_of_three_targets_by_county():
    text = ("9月份“双比双看”竞赛活动考评情况\n"
            "县区 | 签约任务（个） | 实际签约（个） | 开工任务（个） | 实际开工（个） | 入库任务（个） | 实际入库（个）\n"
            "东湖区 | 4 | 5 | 3 | 4 | 5 | 6\n西岭县 | 3 | 2 | 2 | 2 | 4 | 3\n")  # fmt: skip
    rows = _of("task", text)
    assert [(r["region"], r["item"], r["task"], r["done"], r["month"]) for r in rows] == [
        ("东湖区", "实际签约", 4, 5, 9), ("东湖区", "实际开工", 3, 4, 9), ("东湖区", "实际入库", 5, 6, 9),
        ("西岭县", "实际签约", 3, 2, 9), ("西岭县", "实际开工", 2, 2, 9), ("西岭县", "实际入库", 4, 3, 9),
    ]  # fmt: skip
