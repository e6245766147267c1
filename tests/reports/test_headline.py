"""The headline JSON a report writes for the batch index."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fai.reports import context, headline


def test_save_headline_writes_plain_json_and_is_a_no_op_without_path(tmp_path):
    path = tmp_path / "h" / "headline.json"
    # national 2025 1—12月: 485,186 亿元, −3.8 % (nbs_national_fai.csv)
    headline.save_headline({"region_code": "000000", "period": "2025-12",
                          "value_100m_yuan": np.float64(485186.0), "yoy_pct": np.float64(-3.8),
                          "vs_parent_pp": float("nan"), "n": np.int64(3)}, str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"region_code": "000000", "period": "2025-12", "value_100m_yuan": 485186.0,
                    "yoy_pct": -3.8, "vs_parent_pp": None, "n": 3}
    assert [p.name for p in path.parent.iterdir()] == ["headline.json"]  # no temp file left
    headline.save_headline({"yoy_pct": 1.0}, "")  # outside the batch: nothing happens
    with pytest.raises(Exception, match="expected a dict"):
        headline.save_headline([1, 2], str(path))


def test_the_report_context_writes_its_headline_with_the_period_label(tmp_path):
    path = tmp_path / "headline.json"
    ctx = context.open_report("全国", "2024-11", headline_path=str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    # 全国 2024年1—11月: 465839 亿元 +3.3 %, November alone 465839 − 423222 = 42617 亿元
    assert data["period_label"] == "2024年1—11月" == ctx.headline["period_label"]
    assert (data["value_100m_yuan"], data["yoy_pct"], data["month_value_100m_yuan"]) == (465839.0, 3.3, 42617.0)
    zhuzhou = context.open_report("株洲市", targets_path="").headline  # targets only: name and period
    assert (zhuzhou["period"], zhuzhou["period_label"], zhuzhou["yoy_pct"]) == ("2020-09", "2020年1—9月", None)
