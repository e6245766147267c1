"""Tables ready to show (fai.presentation.tables): names, rounding, "—", headings."""

from __future__ import annotations

import math

import pandas as pd

from fai.presentation import tables


def test_format_table_rounds_names_and_marks_missing():
    t = pd.DataFrame({"region_code": ["000000", "000000"], "indicator": ["fai_total", "fai_private"],
                      "period": ["2024-11", "2024-11"], "value_100m_yuan": [465839.0, math.nan],
                      "yoy_pct": [3.3, -0.4], "contribution_to_total_pp": [math.nan, -0.2149],
                      "rank": [pd.NA, 3]})
    out = tables.format_table(t, "en")
    assert list(out.columns) == ["Region", "Indicator", "Period", "YTD level (100m yuan)", "YTD y/y (%)",
                                 "Contribution to total (pp)", "Rank"]
    assert out.iloc[1].tolist() == ["China", "Private investment", "Jan–Nov 2024", "—", "-0.4", "-0.21", "3"]
    monthly = tables.format_table(t[["period", "value_100m_yuan"]], monthly=True)
    assert monthly.columns[0] == "月份" and monthly.iloc[0, 0] == "2024年11月"


def test_headline_table_of_the_national_report():
    head = {"region_code": "000000", "period": "2025-12", "value_100m_yuan": 485186.0, "yoy_pct": -3.8,
            "yoy_change_pp": -1.2, "vs_parent_pp": None, "parent_code": None}
    row = tables.headline_table(head).iloc[0].tolist()
    assert row == ["全国", "2025年1—12月", "485,186", "-3.8", "-1.2", "—", "—"]
    beijing = {"region_code": "110000", "period": "2025-12", "value_100m_yuan": None, "yoy_pct": 5.5,
               "yoy_change_pp": None, "vs_parent_pp": 13.9, "parent_code": "900001"}
    assert tables.headline_table(beijing, "en").iloc[0].tolist() == [
        "Beijing", "Jan–Dec 2025", "—", "5.5", "—", "East", "13.9"]


def test_contest_table_names_items_and_verdicts(targets):
    from fai.metrics import targets as T

    contest = T.task_contest(targets, "株洲市", "2020-09")
    out = tables.contest_table(contest)
    assert out["评价"].tolist() == ["先进"] * 4  # 株洲市 met all four tasks
    assert sorted(out["类别"]) == sorted(["签约亿元以上项目", "新开工5亿元以上项目", "重点项目开工", "重点项目竣工"])
    assert tables.contest_table(contest, "en")["Verdict"].tolist() == ["ahead"] * 4
