"""The source line under every chart and table (fai.presentation.sources)."""

from __future__ import annotations

import pandas as pd

from fai.presentation import sources


def test_source_line_is_nbs_unless_the_rows_name_a_local_source():
    nbs = pd.DataFrame({"source_url": ["https://www.stats.gov.cn/x", None]})
    assert sources.source_line(nbs) == "数据来源：国家统计局"
    assert sources.source_line(nbs, "en") == "Source: National Bureau of Statistics of China"
    local = pd.DataFrame({"source": ["local_examples.csv line 57 (Zhuzhou industry-information site, 2020)"]})
    assert sources.source_line(local) == "数据来源：Zhuzhou industry-information site, 2020"
    many = pd.DataFrame({"source_url": ["a", "b", "c"]})
    assert sources.source_line(many) == "数据来源：a；b等"


def test_targets_charts_never_credit_nbs_without_a_source():
    assert sources.targets_source_line({"completion_pct": 61.1}) == "数据来源：目标任务表（fai.load_targets）"
