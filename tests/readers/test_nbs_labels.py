"""Every shape of FAI label the NBS data portal writes, read from the shared label maps:
年度/月度, 全国/分省, 不含农户/全社会, 累计值/累计增长/比上年增长/当期值 …"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from fai.errors import UnitError, UnknownIndicatorError
from fai.readers.nbs_export import read_nbs_export
from fai.readers.nbs_labels import Label, parse_label

FIXTURES = Path(__file__).parents[1] / "fixtures" / "nbs"
REAL = Path("nbs_exports") / "real_estate_by_province"


@pytest.mark.parametrize(
    ("label", "key", "measure", "factor", "scope"),
    [
        # 月度数据 (national, monthly): year-to-date value and growth
        ("固定资产投资额累计值(亿元)", "fai_total", "level", 1.0, ""),
        ("固定资产投资额累计增长(%)", "fai_total", "yoy", 1.0, ""),
        ("民间固定资产投资累计值(亿元)", "fai_private", "level", 1.0, ""),
        ("民间固定资产投资累计增长(%)", "fai_private", "yoy", 1.0, ""),
        ("国有及国有控股固定资产投资额累计增长(%)", "fai_state_holding", "yoy", 1.0, ""),
        ("第一产业固定资产投资额累计增长(%)", "fai_primary", "yoy", 1.0, ""),
        ("第三产业固定资产投资额(不含农户)累计增长(%)", "fai_tertiary", "yoy", 1.0, "excl_rural"),
        ("制造业固定资产投资额累计增长(%)", "fai_manufacturing", "yoy", 1.0, ""),
        ("采矿业固定资产投资额累计增长(%)", "fai_mining", "yoy", 1.0, ""),
        ("电力、热力、燃气及水生产和供应业固定资产投资额累计增长(%)", "fai_utilities", "yoy", 1.0, ""),
        ("基础设施投资(不含电力、热力、燃气及水生产和供应业)累计增长(%)", "fai_infrastructure",
         "yoy", 1.0, ""),
        ("房地产开发投资额_住宅累计值(亿元)", "fai_residential", "level", 1.0, ""),
        ("固定资产投资实际到位资金累计增长(%)", "fai_funds_in_place", "yoy", 1.0, ""),
        ("城镇固定资产投资完成额累计值(亿元)", "fai_urban", "level", 1.0, ""),  # before 2011
        ("固定资产投资额累计同比增长(%)", "fai_total", "yoy", 1.0, ""),
        ("固定资产投资额累计增速(%)", "fai_total", "yoy", 1.0, ""),
        # 分省月度数据 (provinces, monthly)
        ("固定资产投资(不含农户)累计增长(%)", "fai_total", "yoy", 1.0, "excl_rural"),
        ("房地产投资累计值(亿元)", "fai_real_estate", "level", 1.0, ""),
        ("房地产住宅投资累计增长(%)", "fai_residential", "yoy", 1.0, ""),
        # 年度数据 / 分省年度数据 (annual): 全社会 and 不含农户, 比上年增长
        ("全社会固定资产投资(亿元)", "fai_total", "level", 1.0, "all"),
        ("全社会固定资产投资比上年增长(%)", "fai_total", "yoy", 1.0, "all"),
        ("全社会固定资产投资增长(%)", "fai_total", "yoy", 1.0, "all"),
        ("固定资产投资(不含农户)(亿元)", "fai_total", "level", 1.0, "excl_rural"),
        ("固定资产投资(不含农户)比上年增长(%)", "fai_total", "yoy", 1.0, "excl_rural"),
        ("房地产开发投资(亿元)", "fai_real_estate", "level", 1.0, ""),
        # 当期值: single months (dropped by the reader, with a note)
        ("固定资产投资额当期值(亿元)", "fai_total", "single_level", 1.0, ""),
        ("固定资产投资额当期同比增长(%)", "fai_total", "single_yoy", 1.0, ""),
        # units and the forms text takes
        ("固定资产投资额(不含农户)累计值(万元)", "fai_total", "level", 0.0001, "excl_rural"),
        ("固定资产投资（不含农户）比上年增长（％）", "fai_total", "yoy", 1.0, "excl_rural"),
        ("固定資產投資額累計值(億元)", "fai_total", "level", 1.0, ""),  # traditional
    ],
)
def test_label_shape(label: str, key: str, measure: str, factor: float, scope: str) -> None:
    got = parse_label(label)
    assert got == Label(key, measure, factor) and got.scope == scope


@pytest.mark.parametrize(
    ("label", "exc"),
    [("农户固定资产投资(亿元)", UnknownIndicatorError),  # rural households alone: not fai
     ("固定资产投资(不含农户)比上年增长(亿元)", UnitError)],
)
def test_labels_that_are_refused(label: str, exc: type) -> None:
    with pytest.raises(exc):
        parse_label(label, file="x.csv", where="line 5")


def test_an_annual_provincial_export_with_the_portals_label_of_today() -> None:
    # issue 13: 固定资产投资(不含农户)比上年增长(%) was an UnknownIndicatorError
    df = read_nbs_export(FIXTURES / "regions_annual_bishangnian.csv")
    same = read_nbs_export(FIXTURES / "regions_annual_gbk.csv")  # the same yearbook figures
    pd.testing.assert_frame_equal(df.drop(columns="source"), same.drop(columns="source"))
    got = df.set_index(["region_code", "period"])["yoy_pct"]
    assert (got[("110000", "2024-12")], got[("540000", "2023-12")]) == (5.1, 35.1)


def test_the_national_annual_database_keeps_the_excl_rural_figures() -> None:
    report: list[pd.DataFrame] = []
    df = read_nbs_export(FIXTURES / "national_annual.xlsx", report=report)
    got = df.set_index("period")[["value_100m_yuan", "yoy_pct"]]
    # equal to data/raw/nbs_national_fai.csv: 514374 亿元 +3.2 % (2024), 503036 +3.0 (2023)
    assert got.loc["2024-12"].tolist() == [514374.0, 3.2]
    assert got.loc["2023-12"].tolist() == [503036.0, 3.0]
    dropped = report[0]
    assert dropped.cell.tolist() == ["A4", "A5"]  # the 全社会 rows, with their reason
    assert dropped.reason.str.startswith("全社会 (with rural households) beside 不含农户").all()


def test_every_cell_of_the_31_real_monthly_exports_read_exactly(shared_data: Path) -> None:
    """The 31 real 分省月度数据 exports against the panel's real-estate rows, which were read
    from the same files cell by cell by hand (../shared/data/README.md)."""
    panel = pd.read_csv(shared_data / "provincial_panel.csv", dtype={"period": str})
    panel = panel[panel.indicator == "fai_real_estate"]
    from fai.model import regions

    panel = panel.assign(region_code=panel.region_name.map(regions.resolve))
    expected = panel.set_index(["region_code", "period"])[["value_100m_yuan", "yoy_pct"]]
    seen = 0
    for path in sorted((shared_data / REAL / "csv").glob("*.csv")):
        df = read_nbs_export(path)
        got = df[df.indicator == "fai_real_estate"].set_index(["region_code", "period"])
        for key, row in got.iterrows():
            want = expected.loc[key]
            for col in ("value_100m_yuan", "yoy_pct"):
                a, b = row[col], want[col]
                assert (math.isnan(a) and math.isnan(b)) or a == b, (path.name, key, col, a, b)
            seen += 1
    assert seen == len(expected) == 1023
