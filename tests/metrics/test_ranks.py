"""Ranks over time (fai.metrics.ranks) on the bundled provinces and a hand-made panel."""

from __future__ import annotations

import pandas as pd
import pytest

from fai.metrics import ranks
from fai.model import regions


def test_rank_among_all_and_within_the_macro_region(tidy):
    r = ranks.rank_panel(tidy, regions.provinces(), "全国").set_index(["region_code", "period"])
    tibet = r.loc[("540000", "2024-12")]
    # 西藏 +19.6 % fastest of 31 and of the 12 western provinces; 全国 +3.2 % → +16.4 pp
    assert (tibet["rank"], tibet["n_ranked"], tibet["rank_in_macro"], tibet["n_in_macro"]) == (1, 31, 1, 12)
    assert tibet["vs_parent_pp"] == 16.4 and tibet["macro_code"] == "900003"
    beijing = r.loc[("110000", "2024-12")]
    assert (beijing["rank"], beijing["vs_parent_pp"]) == (12, 1.9)  # 5.1 − 3.2


def _panel(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region_code", "period", "yoy_pct"]).assign(indicator="fai_total")


def test_rank_changes_against_a_month_and_a_year_before():
    # hand-made: 北京 and 天津 swap places between 2024-11 and 2024-12; 河北 only ranked in 2024-12
    df = _panel([("110000", "2023-12", 5.0), ("120000", "2023-12", 1.0),
                 ("110000", "2024-11", 2.0), ("120000", "2024-11", 3.0),
                 ("110000", "2024-12", 4.0), ("120000", "2024-12", 3.5)])
    r = ranks.rank_panel(df, ["110000", "120000"], "全国").set_index(["region_code", "period"])
    assert r.loc[("110000", "2024-12"), "rank_change_1m"] == 1  # 2nd → 1st
    assert r.loc[("120000", "2024-12"), "rank_change_1m"] == -1
    assert r.loc[("110000", "2024-12"), "rank_change_12m"] == 0  # 1st a year before too
    assert pd.isna(r.loc[("110000", "2024-11"), "rank_change_1m"])  # 2024-10 not ranked
    with_third = _panel([("110000", "2024-11", 2.0), ("120000", "2024-11", 3.0), ("110000", "2024-12", 4.0),
                         ("120000", "2024-12", 3.5), ("130000", "2024-12", 9.0)])
    r3 = ranks.rank_panel(with_third, ["110000", "120000", "130000"], "全国").set_index(["region_code", "period"])
    assert pd.isna(r3.loc[("110000", "2024-12"), "rank_change_1m"])  # 3 ranked against 2: not comparable


def test_biggest_moves_first_and_closest_peers():
    df = _panel([(c, p, v) for p, values in {"2023-12": [1, 2, 3], "2024-12": [3, 2, 1]}.items()
                 for c, v in zip(["110000", "120000", "130000"], values)])
    r = ranks.rank_panel(df, ["110000", "120000", "130000"], "全国")
    moves = ranks.rank_moves(r, "2024-12")
    # 北京 3rd → 1st (+2), 河北 1st → 3rd (−2), 天津 unchanged
    assert moves["region_code"].tolist() == ["110000", "130000", "120000"]
    close = ranks.closest_peers(df, "110000", ["110000", "120000", "130000"], ["2023-12", "2024-12"], n=1)
    # |2 − 1| and |2 − 3| → 1.0 pp for 天津; |3 − 1| and |1 − 3| → 2.0 for 河北
    assert close["region_code"].tolist() == ["120000"] and close["mean_abs_gap_pp"].iloc[0] == pytest.approx(1.0)
