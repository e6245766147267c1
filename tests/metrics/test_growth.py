"""Growth metrics on real bundled national figures (data/raw/nbs_national_fai.csv)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fai.metrics import growth
from fai.presentation.labels import change_word


def _national(tidy: pd.DataFrame, indicator: str = "fai_total") -> pd.DataFrame:
    return tidy.loc[(tidy["region_code"] == "000000") & (tidy["indicator"] == indicator)]


def _at(df: pd.DataFrame, period: str) -> pd.Series:
    return df.set_index("period").loc[period]


def test_comparable_base_november_2024(tidy):
    out = growth.comparable_base(_national(tidy))
    # 465839 / 1.033 = 450957.41 ; 423222 / 1.034 = 409305.61
    assert _at(out, "2024-11")["comparable_base_100m_yuan"] == pytest.approx(450957.41, abs=0.01)
    assert _at(out, "2024-10")["comparable_base_100m_yuan"] == pytest.approx(409305.61, abs=0.01)


def test_single_month_november_2024(tidy):
    row = _at(growth.derive_single_month(_national(tidy)), "2024-11")
    # 465839 − 423222 = 42617 亿元
    assert row["month_value_100m_yuan"] == 42617.0
    # 42617 / (450957.41 − 409305.61) − 1 = 42617 / 41651.80 − 1 = +2.32 %
    assert row["month_yoy_pct"] == pytest.approx(2.317, abs=0.001)
    assert round(row["month_yoy_pct"], 1) == 2.3
    assert row["months_covered"] == 1


def test_single_month_december_2024(tidy):
    row = _at(growth.derive_single_month(_national(tidy)), "2024-12")
    # 514374 − 465839 = 48535; bases 514374/1.032 = 498424.42 and 450957.41 → 47467.01
    # 48535 / 47467.01 − 1 = +2.25 %
    assert row["month_value_100m_yuan"] == 48535.0
    assert row["month_yoy_pct"] == pytest.approx(2.25, abs=0.01)


def test_january_february_is_a_two_month_value(tidy):
    row = _at(growth.derive_single_month(_national(tidy)), "2024-02")
    # 1—2月 2024: 50847 亿元 +4.2 %: the two-month value is the YTD value itself
    assert row["month_value_100m_yuan"] == 50847.0
    assert row["months_covered"] == 2
    assert row["month_yoy_pct"] == pytest.approx(4.2)


def test_year_boundary_never_subtracts_december(tidy):
    row = _at(growth.derive_single_month(_national(tidy)), "2025-02")
    # 2025 1—2月 52619 stays 52619 (not 52619 − 514374 from 2024 1—12月)
    assert row["month_value_100m_yuan"] == 52619.0
    assert row["months_covered"] == 2


def test_missing_previous_month_gives_nan(tidy):
    out = growth.derive_single_month(_national(tidy))
    # 2016-09 has a growth rate but no level: 2016-10 (484400) cannot be split
    assert np.isnan(_at(out, "2016-10")["month_value_100m_yuan"])
    assert np.isnan(_at(out, "2016-10")["month_yoy_pct"])
    # 2018-02 is absent altogether: 2018-03 (100800) cannot be split either
    assert np.isnan(_at(out, "2018-03")["month_value_100m_yuan"])
    # … while 2018-04 (154358 − 100800 = 53558) can
    assert _at(out, "2018-04")["month_value_100m_yuan"] == 53558.0


def test_january_row_makes_february_a_single_month():
    # hand-made: some exports carry January; then February = 250 − 100 = 150 (one month)
    df = pd.DataFrame({
        "region_code": ["110000"] * 3, "indicator": ["fai_total"] * 3,
        "period": ["2024-01", "2024-02", "2025-02"], "value_100m_yuan": [100.0, 250.0, 260.0],
        "yoy_pct": [0.0, 25.0, 4.0],
    })
    out = growth.derive_single_month(df)
    assert out["month_value_100m_yuan"].tolist() == [100.0, 150.0, 260.0]
    assert out["months_covered"].tolist() == [1, 1, 2]
    # Feb base 250/1.25 − 100/1.00 = 100 → 150/100 − 1 = +50 %
    assert out["month_yoy_pct"].iloc[1] == pytest.approx(50.0)


def test_implied_yoy_and_revision_gap(tidy):
    row = _at(growth.implied_yoy(_national(tidy)), "2024-11")
    # 465839 / 460814 − 1 = +1.09 % against +3.3 % published → gap 2.21 pp
    assert row["implied_yoy_pct"] == pytest.approx(1.0905, abs=1e-4)
    assert row["revision_gap_pp"] == pytest.approx(2.2095, abs=1e-4)
    assert row["yoy_pct"] == 3.3  # the published rate is never overwritten


def test_implied_yoy_needs_last_years_level(tidy):
    out = growth.implied_yoy(_national(tidy))
    # 2025-02: 52619 / 50847 − 1 = +3.48 %
    assert _at(out, "2025-02")["implied_yoy_pct"] == pytest.approx(3.485, abs=1e-3)
    # 2016-10: 2015-10 has no level
    assert np.isnan(_at(out, "2016-10")["implied_yoy_pct"])


def test_yoy_change_words(tidy):
    """The numbers of a change in growth, and its word (presentation's, from the number)."""
    out = growth.yoy_change(_national(tidy)).set_index("period")
    # 3.3 − 3.4 = −0.1 pp, 回落, against 1—10月
    assert out.loc["2024-11", "yoy_change_pp"] == -0.1
    assert change_word(out.loc["2024-11", "yoy_change_pp"]) == "回落"
    assert out.loc["2024-11", "yoy_change_vs_period"] == "2024-10"
    # 1—2月 2025 (4.1) against the previous year's 1—12月 (3.2): +0.9 pp, 提高
    assert out.loc["2025-02", "yoy_change_pp"] == 0.9
    assert change_word(out.loc["2025-02", "yoy_change_pp"]) == "提高"
    assert out.loc["2025-02", "yoy_change_vs_period"] == "2024-12"
    # 2024-09 3.4 vs 2024-08 3.4: 持平
    assert out.loc["2024-09", "yoy_change_pp"] == 0.0
    assert change_word(out.loc["2024-09", "yoy_change_pp"]) == "持平"
    # a month whose previous release is missing: no comparison with an older release
    national = _national(tidy)
    gap = growth.yoy_change(national[national["period"] != "2018-02"]).set_index("period")
    assert out.loc["2018-03", "yoy_change_pp"] == pytest.approx(-0.4)  # 7.5 − 7.9 (the panel has 1—2月)
    assert np.isnan(gap.loc["2018-03", "yoy_change_pp"])
    assert change_word(gap.loc["2018-03", "yoy_change_pp"]) is None


@pytest.mark.parametrize(
    "fn", [growth.comparable_base, growth.derive_single_month, growth.implied_yoy, growth.yoy_change]
)
def test_functions_do_not_mutate_input(tidy, fn):
    before = tidy.copy(deep=True)
    out = fn(tidy)
    pd.testing.assert_frame_equal(tidy, before)
    assert out is not tidy
    assert len(out) == len(tidy)
    assert out.index.equals(tidy.index)


def test_output_columns_carry_units(tidy):
    out = growth.yoy_change(growth.implied_yoy(growth.derive_single_month(growth.comparable_base(tidy))))
    new = [c for c in out.columns if c not in tidy.columns]
    numeric = [c for c in new if out[c].dtype.kind == "f"]
    assert numeric and all(c.endswith(("_100m_yuan", "_pct", "_pp")) for c in numeric)


def test_empty_table():
    empty = pd.DataFrame({"region_code": [], "indicator": [], "period": [],
                          "value_100m_yuan": [], "yoy_pct": []})
    for fn in (growth.derive_single_month, growth.implied_yoy, growth.yoy_change):
        assert fn(empty).empty


# Property: cumulating the single-month values back reproduces the YTD series
# exactly wherever no month is missing (levels in whole 亿元, as NBS publishes).
@settings(max_examples=60, deadline=None)
@given(
    increments=st.lists(
        st.lists(st.integers(min_value=0, max_value=10**6), min_size=11, max_size=11),
        min_size=1, max_size=3,
    ),
    growth_rates=st.lists(st.floats(min_value=-50, max_value=80, allow_nan=False), min_size=33, max_size=33),
    n_regions=st.integers(min_value=1, max_value=3),
)
def test_cumulated_single_months_reproduce_ytd(increments, growth_rates, n_regions):
    rows = []
    for r in range(n_regions):
        for y, year_inc in enumerate(increments):
            level = 0
            for k, inc in enumerate(year_inc):  # months 2..12 (1—2月 first)
                level += inc + 1
                rows.append((f"{110000 + r * 10000}", 2020 + y, k + 2, float(level), growth_rates[y * 11 + k]))
    df = pd.DataFrame(rows, columns=["region_code", "year", "month", "value_100m_yuan", "yoy_pct"])
    df["period"] = [f"{y}-{m:02d}" for y, m in zip(df["year"], df["month"])]
    df["indicator"] = "fai_total"
    df = df.sample(frac=1.0, random_state=0)  # order must not matter
    out = growth.derive_single_month(df.drop(columns=["year", "month"]))
    out["year"] = df["year"]
    out = out.sort_values(["region_code", "year", "period"])
    cumulated = out.groupby(["region_code", "year"])["month_value_100m_yuan"].cumsum()
    assert (cumulated.to_numpy() == out["value_100m_yuan"].to_numpy()).all()
