"""The report context (fai.open_report): parameters checked, data loaded, metrics derived once.
The params/ files and planning are tested in tests/batch/test_plan.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import fai
from fai.errors import (
    FaiError,
    MissingDataError,
    ParameterError,
    PeriodError,
    UnknownIndicatorError,
    UnknownRegionError,
)
from fai.model import regions
from fai.reports import context as params  # the report context (fai.open_report)

ROOT = Path(__file__).resolve().parents[2]


# ----------------------------------------------------------------------------- open_report
def test_defaults_resolve_the_national_report():
    ctx = params.open_report("全国")
    # 2026年1—6月 is the last national fai_total period (−5.7 %, the NBS portal, provincial_panel.csv)
    assert (ctx.region, ctx.period, ctx.lang, ctx.data_source) == ("000000", "2026-06", "zh", "bundled")
    assert len(ctx.data) == len(fai.load())
    # the context line names the data loaded: who published it, from which files, how many figures
    assert str(ctx) == ("全国（000000）· 2026年1—6月 · 数据：国家统计局（nbs_national_fai.csv、provincial_panel.csv；"
                        "本地区879条，共8,089条）")


def test_any_form_of_a_region_name_and_an_explicit_period():
    ctx = params.open_report("内蒙古", "2024-12", "en")
    assert (ctx.region, ctx.period, ctx.region_name) == ("150000", "2024-12", "Inner Mongolia")


def _without_the_panel() -> pd.DataFrame:
    """The bundled figures but those of provincial_panel.csv (scattered provincial releases)."""
    df = fai.load()
    parts = df["source"].fillna("").str.split("; ")
    return df[parts.map(lambda ps: any(not p.startswith("provincial_panel.csv") for p in ps))]


def test_latest_prefers_the_last_period_with_total_investment(tmp_path):
    # 河北 without the panel: latest figure of any kind is 2025-06 (industry), the last fai_total 2024-12
    path = tmp_path / "hebei.csv"
    _without_the_panel().query("region_code == '130000'").to_csv(path, index=False)
    assert params.open_report("河北", data_path=str(path)).period == "2024-12"
    assert params.open_report("河北").period == "2026-06"  # the panel's last month


def test_targets_report_of_a_region_with_only_targets():
    ctx = params.open_report("株洲市", targets_path="")  # the 2020 September contest only
    assert ctx.period == "2020-09" and ctx.targets is not None
    assert params.open_report("余杭区", targets_path="", target_100m_yuan=1030).period == "2016-08"


def test_a_region_without_any_data_raises_missing_data():
    with pytest.raises(MissingDataError, match="杭州市"):
        params.open_report("杭州市")
    with pytest.raises(MissingDataError, match="株洲市"):  # no tidy figures and no targets asked for
        params.open_report("株洲市")


@pytest.mark.parametrize("kwargs,error,message", [
    ({"region": "火星"}, UnknownRegionError, "parameter region: region '火星' is not in the registry"),
    ({"region": "全国", "period_end": "2025-13"}, PeriodError, "month must be 1–12"),
    ({"region": "全国", "period_end": "2025年12月"}, PeriodError, "expected 'YYYY-MM'"),
    ({"region": "全国", "period_end": "2030-12"}, PeriodError, "has no figures for 全国"),
    ({"region": "全国", "lang": "fr"}, ParameterError, "parameter lang: 'fr' — expected 'zh'"),
    ({"region": "全国", "data_path": "nowhere.parquet"}, ParameterError,
     "parameter data_path: 'nowhere.parquet': no such file"),
    ({"region": "全国", "peer": "北京"}, ParameterError, "unknown parameter 'peer'"),
    ({"region": "全国", "peers": "北京,火星"}, UnknownRegionError, "parameter peers"),
    ({"region": "全国", "peers": "", "indicators": "fai_bogus"}, UnknownIndicatorError, "fai_bogus"),
    ({"region": "余杭区", "target_100m_yuan": "1030"}, ParameterError, "parameter target_100m_yuan: '1030'"),
    ({"region": "余杭区", "target_100m_yuan": -1}, ParameterError, "≥ 0"),
    ({"region": 3.5}, ParameterError, "parameter region: 3.5 (float) — expected a string"),
])
def test_bad_parameters_raise_a_fai_error_that_says_what_is_wrong(kwargs, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        params.open_report(**kwargs)
    assert isinstance(info.value, FaiError)


def test_a_data_path_is_loaded(tmp_path):
    path = tmp_path / "beijing.csv"
    fai.load().query("region_code == '110000'").to_csv(path, index=False)
    ctx = params.open_report("北京", data_path=str(path))
    assert ctx.data_source == str(path) and set(ctx.data["region_code"]) == {"110000"}


def test_peers_default_to_children_with_data_and_their_children():
    ctx = params.open_report("全国", peers="")
    assert ctx.peers == ["900001", "900002", "900003", "900004"]
    assert sorted(ctx.subpeers) == sorted(regions.provinces())
    east = params.open_report("东部地区", peers="")
    assert len(east.peers) == 10 and east.subpeers == []  # 杭州市, 台州市 publish nothing
    listed = params.open_report("全国", peers="北京，天津、河北", indicators="fai_total")
    assert (listed.peers, listed.subpeers, listed.indicators) == (["110000", "120000", "130000"], [], ["fai_total"])


def test_peer_periods_need_half_of_the_peers_and_two():
    df = _without_the_panel()
    # provinces, fai_total: 2025-12 has 4 of 31, 2025-06 has 5, 2023-12 and 2024-12 all 31
    assert params.well_covered_periods(df, regions.provinces(), "fai_total", "2025-12") == ["2023-12", "2024-12"]
    assert params.peer_period(df, regions.provinces(), "fai_total", "2025-12") == "2024-12"
    assert params.peer_period(df, regions.provinces(), "fai_total", "2023-12") == "2023-12"
    # 余杭区 and 椒江区 never publish in the same period: no comparison
    assert params.peer_period(df, ["330110", "331002"], "fai_total", "2025-12") is None
