"""Shares and contributions on real bundled national figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fai.errors import UnknownIndicatorError
from fai.metrics import structure


def _nat(tidy: pd.DataFrame, period: str) -> pd.DataFrame:
    return tidy.loc[(tidy["region_code"] == "000000") & (tidy["period"] == period)]


def test_shares_of_parent_and_total(tidy):
    out = structure.shares(_nat(tidy, "2024-11")).set_index("indicator")
    # private 233689 / total 465839 × 100 = 50.17 %
    assert out.loc["fai_private", "share_pct"] == pytest.approx(50.165, abs=1e-3)
    # the three sectors add up to the total exactly (8709 + 161632 + 295498 = 465839)
    sectors = out.loc[["fai_primary", "fai_secondary", "fai_tertiary"], "share_pct"]
    assert sectors.sum() == pytest.approx(100.0)
    # fai_total has no parent; it is 100 % of itself
    assert np.isnan(out.loc["fai_total", "share_pct"])
    assert out.loc["fai_total", "share_of_total_pct"] == 100.0
    # manufacturing has a growth rate but no level in 2024-11
    assert np.isnan(out.loc["fai_manufacturing", "share_pct"])


def test_share_of_total_for_a_grandchild(tidy):
    out = structure.shares(_nat(tidy, "2025-02")).set_index("indicator")
    # real estate 10720 / total 52619 × 100 = 20.37 %
    assert out.loc["fai_real_estate", "share_of_total_pct"] == pytest.approx(20.373, abs=1e-3)


def test_separate_series_have_no_share(tidy):
    funds = tidy.loc[tidy["indicator"] == "fai_funds_in_place"]
    out = structure.shares(funds)
    assert out["share_pct"].isna().all() and out["share_of_total_pct"].isna().all()


def test_contribution_of_secondary_industry(tidy):
    out = structure.contributions(_nat(tidy, "2024-11")).set_index("indicator")
    # B_sec = 161632 / 1.12 = 144314.29; B_tot = 465839 / 1.033 = 450957.41
    # (161632 − 144314.29) / 450957.41 × 100 = 3.840 pp
    assert out.loc["fai_secondary", "contribution_pp"] == pytest.approx(3.840, abs=1e-3)
    # tertiary falls: 295498 / 0.99 = 298482.83 → (295498 − 298482.83) / 450957.41 × 100 = −0.662 pp
    assert out.loc["fai_tertiary", "contribution_pp"] == pytest.approx(-0.662, abs=1e-3)
    # fai_total's contribution to itself is its growth rate
    assert out.loc["fai_total", "contribution_to_total_pp"] == pytest.approx(3.3)


def test_three_sectors_sum_to_total_growth(tidy):
    out = structure.contributions(_nat(tidy, "2024-11")).set_index("indicator")
    # primary (8709 − 8709/1.024) = 204.12; secondary 17317.71; tertiary −2984.83
    # Σ = 14537.00 / 450957.41 × 100 = 3.224 pp against 3.3 % published
    total = out.loc[["fai_primary", "fai_secondary", "fai_tertiary"], "contribution_pp"].sum()
    assert total == pytest.approx(3.224, abs=1e-3)
    assert abs(total - 3.3) < 0.1


def test_contribution_residual(tidy):
    out = structure.contribution_residual(tidy, "sector").set_index(["region_code", "period"])
    row = out.loc[("000000", "2024-11")]
    assert row["parent_indicator"] == "fai_total"
    assert row["members_with_level"] == 3
    assert row["members_level_100m_yuan"] == row["parent_level_100m_yuan"] == 465839.0
    assert row["residual_pp"] == pytest.approx(3.3 - 3.224, abs=1e-3)
    # 2019-12: the sectors have growth rates but no levels → no sum, no residual
    assert np.isnan(out.loc[("000000", "2019-12"), "contribution_sum_pp"])
    assert np.isnan(out.loc[("000000", "2019-12"), "residual_pp"])


def test_unknown_group():
    with pytest.raises(UnknownIndicatorError, match="sector"):
        structure.contribution_residual(pd.DataFrame(), "sectors")


@pytest.mark.parametrize("fn", [structure.shares, structure.contributions, structure.contribution_residual])
def test_functions_do_not_mutate_input(tidy, fn):
    before = tidy.copy(deep=True)
    out = fn(tidy)
    pd.testing.assert_frame_equal(tidy, before)
    assert out is not tidy
