"""metrics_table, headline, resolve_period and the `fai metrics` command."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from fai.cli.main import main
from fai.errors import MissingDataError, PeriodError, UnknownRegionError
from fai.metrics import table as metrics


def test_metrics_table_columns_and_values(tidy):
    t = metrics.metrics_table(tidy, "全国", "2024-11")
    assert list(t.columns) == metrics.METRIC_COLUMNS == [
        "indicator", "period", "value_100m_yuan", "yoy_pct", "month_value_100m_yuan", "month_yoy_pct",
        "implied_yoy_pct", "revision_gap_pp", "yoy_change_pp", "share_pct", "contribution_pp",
    ]
    assert t["indicator"].iloc[0] == "fai_total"  # registry order
    row = t.set_index("indicator").loc["fai_total"]
    # 465839 − 423222 = 42617; (42617 / (465839/1.033 − 423222/1.034) − 1) × 100 = +2.3 %
    assert row["month_value_100m_yuan"] == 42617.0
    assert round(row["month_yoy_pct"], 1) == 2.3
    # 465839 / 460814 − 1 = +1.09 %; 3.3 − 1.09 = 2.21 pp; 3.3 − 3.4 = −0.1 pp
    assert row["implied_yoy_pct"] == pytest.approx(1.09, abs=0.005)
    assert row["revision_gap_pp"] == pytest.approx(2.21, abs=0.005)
    assert row["yoy_change_pp"] == -0.1
    sec = t.set_index("indicator").loc["fai_secondary"]
    # 161632 / 465839 = 34.70 %; (161632 − 161632/1.12) / (465839/1.033) × 100 = 3.84 pp
    assert sec["share_pct"] == pytest.approx(34.70, abs=0.005)
    assert sec["contribution_pp"] == pytest.approx(3.84, abs=0.005)


def test_metrics_table_jan_feb(tidy):
    row = metrics.metrics_table(tidy, "000000", "2025-02").set_index("indicator").loc["fai_total"]
    # 1—2月: the two-month value is the YTD value; growth vs 2024 1—12月 (3.2): +0.9 pp
    assert row["month_value_100m_yuan"] == 52619.0
    assert row["yoy_change_pp"] == 0.9


def test_resolve_period(tidy):
    assert metrics.resolve_period(tidy, "全国") == "2026-06"  # provincial_panel.csv
    assert metrics.resolve_period(tidy, "余杭区", "latest") == "2016-08"
    assert metrics.resolve_period(tidy, "全国", "2024-11") == "2024-11"
    with pytest.raises(PeriodError, match="2030-01"):
        metrics.resolve_period(tidy, "全国", "2030-01")
    with pytest.raises(PeriodError):
        metrics.resolve_period(tidy, "全国", "2024-13")
    with pytest.raises(MissingDataError, match="杭州市"):
        metrics.resolve_period(tidy, "杭州市")
    with pytest.raises(UnknownRegionError):
        metrics.resolve_period(tidy, "火星")


def test_headline(tidy):
    h = metrics.headline(tidy, "广东", "2024-12")
    # 广东 −4.5 % against 全国 +3.2 % → −7.7 pp (no 2024-12 figure for 东部地区)
    assert (h["region_code"], h["yoy_pct"], h["vs_parent_pp"], h["parent_name"]) == ("440000", -4.5, -7.7, "全国")
    n = metrics.headline(tidy, "全国", "2024-11")
    assert (n["value_100m_yuan"], n["yoy_pct"], n["yoy_change_pp"], n["month_value_100m_yuan"]) == (
        465839.0, 3.3, -0.1, 42617.0)
    assert n["parent_name"] is None and n["vs_parent_pp"] is None
    assert "period_label" not in n  # a label is presentation's: the report context adds it (test_context)
    # JSON as is: no NaN anywhere
    for h in (metrics.headline(tidy, code) for code in ["000000", "900004", "330110", "990001"]):
        json.dumps(h, allow_nan=False)
        assert not any(isinstance(v, float) and math.isnan(v) for v in h.values())


def test_does_not_mutate_input(tidy):
    before = tidy.copy(deep=True)
    metrics.metrics_table(tidy, "全国", "2024-11")
    metrics.headline(tidy, "全国")
    pd.testing.assert_frame_equal(tidy, before)


def test_cli_json(capsys):
    assert main(["metrics", "全国", "--period", "2024-11", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(list(r) == metrics.METRIC_COLUMNS for r in rows)
    total = next(r for r in rows if r["indicator"] == "fai_total")
    assert total["value_100m_yuan"] == 465839.0 and total["month_value_100m_yuan"] == 42617.0
    assert total["share_pct"] is None and total["contribution_pp"] is None  # null, never NaN


def test_cli_table(capsys):
    assert main(["metrics", "000000", "--period", "2024-11"]) == 0
    out = capsys.readouterr().out
    assert "全国 (000000) 2024-11" in out and "42,617.00" in out and "民间投资" in out


@pytest.mark.parametrize("argv, message", [
    (["metrics", "火星"], "火星"),
    (["metrics", "全国", "--period", "2030-01"], "2030-01"),
    (["metrics", "杭州市"], "杭州市"),
])
def test_cli_errors_exit_2_with_one_line(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_derive_metrics_matches_the_functions_in_any_row_order(tidy):
    from fai.metrics import growth, structure

    chained = structure.contributions(structure.shares(growth.yoy_change(growth.implied_yoy(
        growth.derive_single_month(growth.comparable_base(tidy))))))
    shuffled = tidy.sample(frac=1.0, random_state=1)
    for source in (tidy, shuffled):
        one_pass = metrics.derive_metrics(source).loc[tidy.index]
        pd.testing.assert_frame_equal(one_pass[list(chained.columns)], chained, check_categorical=False)


def test_sparse_and_dense_lookups_agree(tidy, monkeypatch):
    from fai.metrics import panel

    dense = metrics.derive_metrics(tidy)
    assert panel.build(tidy).grid is not None
    monkeypatch.setattr(panel, "GRID_CELLS_PER_ROW", 0)
    monkeypatch.setattr(panel, "GRID_MIN_CELLS", 0)
    assert panel.build(tidy).grid is None
    pd.testing.assert_frame_equal(metrics.derive_metrics(tidy), dense)
    shuffled = tidy.sample(frac=1.0, random_state=2)
    pd.testing.assert_frame_equal(metrics.derive_metrics(shuffled).loc[tidy.index], dense)


def test_headline_prefers_the_published_comparison_with_the_parent():
    import fai
    from fai.metrics.table import headline

    # 余杭区 2016-08: published "高于全市2.0个百分点" (local_examples.csv line 4), parent 杭州市
    h = headline(fai.load(), "余杭区", "2016-08", targets=fai.load_targets())
    assert (h["yoy_pct"], h["vs_parent_pp"], h["parent_name"], h["vs_parent_source"]) == (
        8.4, 2.0, "杭州市", "published")
    # 椒江区 2019-12: "高于全省平均增速23个百分点" → parent 浙江省
    h = headline(fai.load(), "椒江区", "2019-12", targets=fai.load_targets())
    assert (h["vs_parent_pp"], h["parent_name"]) == (23.0, "浙江省")
    # without targets: computed against the nearest ancestor with a rate
    # 广东省 2024-12: −4.5 − 3.2 (全国) = −7.7
    h = headline(fai.load(), "广东", "2024-12")
    assert (h["vs_parent_pp"], h["vs_parent_source"]) == (-7.7, "computed")
