"""Presentation rules (fai.style): number formats, labels, colours, source lines, tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fai.errors import ParameterError
from fai.model import indicators
from fai.presentation import style


def test_levels_in_100m_yuan():
    assert style.fmt_level(485186.0) == "485,186亿元"  # 全国 2025年1—12月
    assert style.fmt_level(629.44) == "629.44亿元"  # 余杭区 2016年1—8月
    assert style.fmt_level(16.1, "en") == "16.1 (100m yuan)"  # 天城县 2005 target
    assert style.fmt_level(1030, unit=False) == "1,030"
    assert style.fmt_level(math.nan) == style.fmt_level(None) == "—"


def test_rates_and_points():
    assert style.fmt_pct(-3.8) == "-3.8%"
    assert style.fmt_pct(-1.13, 2) == "-1.13%"  # SA m/m, 2025年12月
    assert style.fmt_pct(2.3, sign=True) == "+2.3%"
    assert style.fmt_pp(-5.556, decimals=2) == "-5.56个百分点"  # 余杭区 behind 序时进度
    assert style.fmt_pp(2.2, "en") == "2.2 pp"


def test_labels_in_both_languages():
    assert style.period_label("2025-02") == "2025年1—2月"
    assert style.month_label("2025-12", "en") == "Dec 2025"
    assert style.span_label(["2024-12", "2023-12"], "en") == "Jan–Dec 2023 to Jan–Dec 2024"
    assert style.region_label("540000", "en") == "Xizang (Tibet)"
    assert style.text("time_progress") == "序时进度"
    with pytest.raises(ParameterError, match="lang is 'de'"):
        style.check_lang("de")


def test_every_indicator_has_a_colour_and_groups_shown_together_differ():
    assert set(indicators.keys()) <= set(style.PALETTE)
    together = ["fai_total", "fai_private", "fai_state_holding", "fai_primary", "fai_secondary", "fai_tertiary",
                "fai_industry", "fai_mining", "fai_manufacturing", "fai_utilities", "fai_infrastructure",
                "fai_real_estate"]  # the components of the national structure report
    assert len({style.color(k) for k in together}) == len(together)
    assert style.PARENT_COLOR not in {style.color(k) for k in together}


def test_source_line_is_nbs_unless_the_rows_name_a_local_source():
    nbs = pd.DataFrame({"source_url": ["https://www.stats.gov.cn/x", None]})
    assert style.source_line(nbs) == "数据来源：国家统计局"
    assert style.source_line(nbs, "en") == "Source: National Bureau of Statistics of China"
    local = pd.DataFrame({"source": ["local_examples.csv line 57 (Zhuzhou industry-information site, 2020)"]})
    assert style.source_line(local) == "数据来源：Zhuzhou industry-information site, 2020"
    many = pd.DataFrame({"source_url": ["a", "b", "c"]})
    assert style.source_line(many) == "数据来源：a；b等"


def test_format_table_rounds_names_and_marks_missing():
    t = pd.DataFrame({"region_code": ["000000", "000000"], "indicator": ["fai_total", "fai_private"],
                      "period": ["2024-11", "2024-11"], "value_100m_yuan": [465839.0, math.nan],
                      "yoy_pct": [3.3, -0.4], "contribution_to_total_pp": [math.nan, -0.2149],
                      "rank": [pd.NA, 3]})
    out = style.format_table(t, "en")
    assert list(out.columns) == ["Region", "Indicator", "Period", "YTD level (100m yuan)", "YTD y/y (%)",
                                 "Contribution to total (pp)", "Rank"]
    assert out.iloc[1].tolist() == ["China", "Private investment", "Jan–Nov 2024", "—", "-0.4", "-0.21", "3"]
    monthly = style.format_table(t[["period", "value_100m_yuan"]], monthly=True)
    assert monthly.columns[0] == "月份" and monthly.iloc[0, 0] == "2024年11月"


def test_headline_table_of_the_national_report():
    head = {"region_code": "000000", "period": "2025-12", "value_100m_yuan": 485186.0, "yoy_pct": -3.8,
            "yoy_change_pp": -1.2, "vs_parent_pp": None, "parent_code": None}
    row = style.headline_table(head).iloc[0].tolist()
    assert row == ["全国", "2025年1—12月", "485,186", "-3.8", "-1.2", "—", "—"]
    beijing = {"region_code": "110000", "period": "2025-12", "value_100m_yuan": None, "yoy_pct": 5.5,
               "yoy_change_pp": None, "vs_parent_pp": 13.9, "parent_code": "900001"}
    assert style.headline_table(beijing, "en").iloc[0].tolist() == [
        "Beijing", "Jan–Dec 2025", "—", "5.5", "—", "East", "13.9"]
