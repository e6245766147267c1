"""Regional comparison on the bundled macro-region and provincial growth rates."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fai.errors import FaiWarning, MissingDataError, UnknownRegionError
from fai.metrics import comparison
from fai.model import regions


def _quiet(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return comparison.compare_regions(*args, **kwargs)


def test_macro_regions_rank_and_rank_change(tidy):
    out = _quiet(tidy, "全国", period="2024-10").set_index("region_code")
    # 中部 4.6 > 东北 3.2 > 东部 1.8 > 西部 1.1
    assert out["rank"].to_dict() == {"900002": 1, "900004": 2, "900001": 3, "900003": 4}
    # 2024-08: 中部 4.6, 东部 2.7, 东北 2.5, 西部 −0.2 → 东北 3rd → 2nd (+1), 东部 2nd → 3rd (−1)
    assert out.loc["900004", "rank_change"] == 1
    assert out.loc["900001", "rank_change"] == -1
    assert out.loc["900002", "rank_change"] == 0
    # 东部 1.8 − 全国 3.4 = −1.6 pp
    assert out.loc["900001", "vs_parent_pp"] == -1.6
    assert (out["n_ranked"] == 4).all()


def test_tie_shares_the_smallest_rank(tidy):
    out = _quiet(tidy, "全国", period="2023-12", peers=regions.provinces()).set_index("region_name")
    # 2023: … 宁夏 5.5 (8th), 江苏 5.2 and 山东 5.2 (both 9th), 湖北 5.0 (11th)
    assert out.loc["宁夏回族自治区", "rank"] == 8
    assert out.loc["江苏省", "rank"] == 9
    assert out.loc["山东省", "rank"] == 9
    assert out.loc["湖北省", "rank"] == 11
    assert out.loc["西藏自治区", "rank"] == 1
    # 西藏 35.1 − 全国 3.0 = 32.1 pp
    assert out.loc["西藏自治区", "vs_parent_pp"] == pytest.approx(32.1)
    assert len(out) == 31


def test_rank_change_only_between_same_peer_sets(tidy):
    out = _quiet(tidy, "全国", period="2025-12")
    # 东北 has no 2025-12 figure: 3 regions ranked against 4 in 2025-11 → no rank change
    assert (out["n_ranked"] == 3).all()
    assert out["rank_change"].isna().all()


def test_children_levels_not_adding_up_warn(tidy):
    # 2016-02: 东部 19468 + 中部 9023 + 西部 8716 + 东北 529 = 37736 亿元, 全国 38008 亿元 (0.7 % apart)
    with pytest.warns(FaiWarning, match="37736.*38008"):
        out = comparison.compare_regions(tidy, "全国", period="2016-02")
    row = out.set_index("region_code").loc["900002"]
    # 中部: B = 9023 / 1.125 = 8020.44; 全国 B = 38008 / 1.102 = 34490.02
    # (9023 − 8020.44) / 34490.02 × 100 = 2.907 pp; share 9023 / 38008 = 23.74 %
    assert row["contribution_to_parent_pp"] == pytest.approx(2.907, abs=1e-3)
    assert row["share_of_parent_pct"] == pytest.approx(23.74, abs=0.01)


def test_children_adding_up_do_not_warn():
    # hand-made, on exact comparable bases B = L / (1 + g/100):
    # 东部 44 +10 % (B 40), 中部 31.5 +5 % (B 30), 西部 21 +5 % (B 20), 东北 9.5 −5 % (B 10);
    # 全国 106 = 44 + 31.5 + 21 + 9.5, +6 % (B 100)
    df = pd.DataFrame({
        "region_code": ["000000", "900001", "900002", "900003", "900004"],
        "region_name": ["全国", "东部地区", "中部地区", "西部地区", "东北地区"],
        "period": ["2024-11"] * 5, "indicator": ["fai_total"] * 5,
        "value_100m_yuan": [106.0, 44.0, 31.5, 21.0, 9.5], "yoy_pct": [6.0, 10.0, 5.0, 5.0, -5.0],
    })
    with warnings.catch_warnings():
        warnings.simplefilter("error", FaiWarning)
        out = comparison.compare_regions(df, "全国").set_index("region_code")
    # 中部 and 西部 tie at 5.0 → both 2nd; 东北 4th
    assert out["rank"].to_dict() == {"900001": 1, "900002": 2, "900003": 2, "900004": 4}
    # contributions (44 − 40)/100 = 4, 1.5, 1, −0.5 pp → Σ 6.0 = the parent's growth
    assert out["contribution_to_parent_pp"].tolist() == pytest.approx([4.0, 1.5, 1.0, -0.5])
    assert out["contribution_to_parent_pp"].sum() == pytest.approx(6.0)


def test_latest_period(tidy):
    out = _quiet(tidy, "全国", period="latest")
    assert set(out["period"]) == {"2025-12"}


def test_rank_growth_vectorised():
    t = pd.DataFrame({"period": ["2024-12"] * 3 + ["2025-12"] * 2, "indicator": ["fai_total"] * 5,
                      "yoy_pct": [1.0, 3.0, float("nan"), -1.0, -2.0]})
    out = comparison.rank_growth(t)
    assert out["rank"].tolist() == [2, 1, pd.NA, 1, 2]
    assert out["n_ranked"].tolist() == [2, 2, 2, 2, 2]


def test_errors(tidy):
    with pytest.raises(UnknownRegionError):
        comparison.compare_regions(tidy, "火星")
    with pytest.raises(MissingDataError, match="no children"):
        comparison.compare_regions(tidy, "余杭区")
    with pytest.raises(MissingDataError):
        _quiet(tidy, "全国", period="2013-01")


def test_does_not_mutate_input(tidy):
    before = tidy.copy(deep=True)
    _quiet(tidy, "全国")
    comparison.rank_growth(tidy)
    pd.testing.assert_frame_equal(tidy, before)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2024-11", "2024-12"]), st.sampled_from(["fai_total", "fai_private"]),
                          st.one_of(st.none(), st.integers(-30, 30).map(lambda x: x / 10))),
                min_size=0, max_size=40))
def test_rank_growth_matches_pandas_groupby(rows):
    t = pd.DataFrame(rows, columns=["period", "indicator", "yoy_pct"]).astype({"yoy_pct": float})
    out = comparison.rank_growth(t)
    expected = t.groupby(["period", "indicator"])["yoy_pct"].rank(ascending=False, method="min")
    assert out["rank"].astype(float).fillna(-1).tolist() == expected.fillna(-1).tolist()
    counts = t.groupby(["period", "indicator"])["yoy_pct"].transform("count")
    assert out["n_ranked"].astype(float).tolist() == counts.astype(float).tolist()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.floats(-50, 50, allow_nan=False)), min_size=1, max_size=60))
def test_both_rank_methods_match_pandas(rows):
    group = np.array([g for g, _ in rows], dtype=np.int64)
    values = np.array([v for _, v in rows])
    expected = pd.Series(values).groupby(group).rank(ascending=False, method="min").to_numpy()
    for counting in (True, False):
        got = comparison._min_rank_descending(group, values, 5, counting=counting)
        assert got.tolist() == expected.tolist()
