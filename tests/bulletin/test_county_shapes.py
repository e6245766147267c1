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
