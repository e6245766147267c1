"""Tests of fai.nbs_export: NBS data-portal exports (fixtures we wrote, and the 31 real files)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from fai.errors import UnitError, UnknownIndicatorError
from fai.model.schema import TIDY_COLUMNS, validate_tidy
from fai.readers.nbs_export import Label, parse_label, read_nbs_export

FIXTURES = Path(__file__).parents[1] / "fixtures" / "nbs"
REAL = Path("nbs_exports") / "real_estate_by_province"


def _figure(df: pd.DataFrame, code: str, period: str, indicator: str) -> tuple[float, float]:
    row = df[(df.region_code == code) & (df.period == period) & (df.indicator == indicator)]
    assert len(row) == 1, (code, period, indicator)
    return float(row.value_100m_yuan.iloc[0]), float(row.yoy_pct.iloc[0])


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# ------------------------------------------------------------- labels
@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("房地产投资累计值(亿元)", Label("fai_real_estate", "level", 1.0)),
        ("房地产投资累计增长(%)", Label("fai_real_estate", "yoy", 1.0)),
        ("房地产住宅投资累计值(亿元)", Label("fai_residential", "level", 1.0)),
        ("民间固定资产投资累计增长(%)", Label("fai_private", "yoy", 1.0)),
        ("固定资产投资额累计值(万元)", Label("fai_total", "level", 0.0001)),
        ("固定资产投资(不含农户)累计值(亿元)", Label("fai_total", "level", 1.0)),
        ("固定資產投資額累計增長（％）", Label("fai_total", "yoy", 1.0)),  # traditional, full-width
        ("房地产开发投资额当期值(亿元)", Label("fai_real_estate", "single_level", 1.0)),
        ("制造业投资(%)", Label("fai_manufacturing", "yoy", 1.0)),  # registry label, no measure
    ],
)
def test_parse_label(label: str, expected: Label) -> None:
    assert parse_label(label) == expected


@pytest.mark.parametrize(
    ("label", "exc", "match"),
    [
        ("固定资产投资额累计值", UnitError, "no unit"),
        ("固定资产投资额累计增长(亿元)", UnitError, "expected \\(%\\)"),
        ("固定资产投资额累计值(%)", UnitError, "money unit"),
        ("固定资产投资额累计值(吨)", UnitError, "has unit '吨'"),
        ("固定资产投资(不含农户)", UnitError, "no unit"),
        ("汽车产量累计值(万辆)", UnknownIndicatorError, "not known"),
    ],
)
def test_parse_label_rejects(label: str, exc: type, match: str) -> None:
    with pytest.raises(exc, match=match):
        parse_label(label, where="x.csv A5")


# ------------------------------------------------------------- fixtures
def test_national_indicators_by_month() -> None:
    df = read_nbs_export(FIXTURES / "national_months_utf8.csv")
    validate_tidy(df)
    assert list(df.columns) == TIDY_COLUMNS
    assert set(df.region_code) == {"000000"}  # 数据库：月度数据 without 地区： → 全国
    assert _figure(df, "000000", "2024-11", "fai_total") == (465839.0, 3.3)
    assert _figure(df, "000000", "2024-08", "fai_private") == (167911.0, -0.2)
    assert _figure(df, "000000", "2024-12", "fai_real_estate") == (100280.0, -10.6)
    level, growth = _figure(df, "000000", "2024-12", "fai_private")  # level blank
    assert math.isnan(level) and growth == -0.1
    # 3 indicators × 6 months = 18 cells pairs; 2024-09 private has neither figure → 17 rows
    assert len(df) == 17
    assert df.set_index(["indicator", "period"]).at[("fai_total", "2024-07"), "source"] == (
        "national_months_utf8.csv lines 4, 5"
    )


@pytest.mark.parametrize("twin", ["national_months_bom.csv", "national_months.xlsx"])
def test_csv_bom_and_xlsx_twins_read_the_same(twin: str) -> None:
    a = read_nbs_export(FIXTURES / "national_months_utf8.csv").drop(columns="source")
    b = read_nbs_export(FIXTURES / twin).drop(columns="source")
    pd.testing.assert_frame_equal(a, b)


def test_regions_by_year_gbk() -> None:
    df = read_nbs_export(FIXTURES / "regions_annual_gbk.csv")
    validate_tidy(df)
    assert len(df) == 10  # 5 regions × 2 years
    assert set(df.indicator) == {"fai_total"}
    assert df.value_100m_yuan.isna().all()
    # "2024年" is the annual column → period 2024-12
    assert _figure(df, "150000", "2024-12", "fai_total")[1] == 13.6
    assert _figure(df, "440000", "2024-12", "fai_total")[1] == -4.5
    assert _figure(df, "540000", "2023-12", "fai_total")[1] == 35.1
    xlsx = read_nbs_export(FIXTURES / "regions_annual.xlsx")
    pd.testing.assert_frame_equal(df.drop(columns="source"), xlsx.drop(columns="source"))
    assert xlsx.source.iloc[0] == "regions_annual.xlsx row 5"


def test_county_traditional_wanyuan_and_report() -> None:
    report: list[pd.DataFrame] = []
    df = read_nbs_export(FIXTURES / "county_traditional_gbk.csv", report=report)
    validate_tidy(df)
    # 6,294,400 万元 ÷ 10,000 = 629.44 亿元; 3,718,600 万元 → 371.86 亿元
    assert _figure(df, "330110", "2016-08", "fai_total") == (629.44, 8.4)
    assert _figure(df, "330110", "2016-08", "fai_private") == (371.86, 0.9)
    assert len(df) == 2
    rep = report[0]
    assert set(rep.columns) == {"file", "cell", "action", "reason", "found"}
    converted = rep[rep.action == "converted"].set_index("cell")
    assert converted.at["line 6 (2016年8月)", "found"] == "８．４"  # full-width text read as 8.4
    assert "亿元" in converted.at["line 5 (2016年8月)", "reason"]
    dropped = rep[rep.action == "dropped"]
    assert (dropped.reason.str.startswith("January")).sum() == 4  # 4 rows × 1 January column
    assert (dropped.reason == "blank cell: not published").sum() == 4  # the 2016年7月 column


def test_does_not_modify_or_need_file_name(tmp_path: Path) -> None:
    # the format is read from content: a misleading extension does not matter
    src = FIXTURES / "regions_annual.xlsx"
    odd = tmp_path / "download.dat"
    odd.write_bytes(src.read_bytes())
    before = src.read_bytes()
    a = read_nbs_export(odd)
    assert src.read_bytes() == before
    assert _figure(a, "110000", "2024-12", "fai_total")[1] == 5.1


def test_future_period_uses_today(tmp_path: Path) -> None:
    from fai.errors import PeriodError

    with pytest.raises(PeriodError, match="in the future"):
        read_nbs_export(FIXTURES / "national_months_utf8.csv", today=dt.date(2024, 10, 15))


def test_single_month_rows_are_dropped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "数据库：月度数据\n指标,2024年12月,2024年11月\n"
        "房地产开发投资额当期值(亿元),8000,9000\n"
        "房地产开发投资额累计值(亿元),100280,\n",
        encoding="utf-8",
    )
    report: list[pd.DataFrame] = []
    df = read_nbs_export(path, report=report)
    assert df[["period", "value_100m_yuan"]].values.tolist() == [["2024-12", 100280.0]]
    assert "single-month" in report[0].iloc[0]["reason"]


def test_identical_duplicate_rows_collapse(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "数据库：月度数据\n指标,2024年12月\n"
        "房地产投资累计值(亿元),100280\n房地产开发投资额累计值(亿元),100280\n",
        encoding="utf-8",
    )
    report: list[pd.DataFrame] = []
    df = read_nbs_export(path, report=report)
    assert len(df) == 1
    note = report[0].iloc[0]
    assert note.cell == "line 4" and note.action == "dropped" and "line 3" in note.reason


# ------------------------------------------------------------- real exports
def test_all_real_exports_read(shared_data: Path) -> None:
    folder = shared_data / REAL
    csvs = sorted((folder / "csv").glob("*.csv"))
    assert len(csvs) == 31
    for path in csvs:
        csv_df = read_nbs_export(path)
        xls_df = read_nbs_export(folder / "xls" / f"{path.stem}.xls")
        validate_tidy(csv_df, what=str(path))
        # 3 years × 11 published months × 2 indicators (January dropped)
        assert len(csv_df) == 66, path.name
        assert set(csv_df.indicator) == {"fai_real_estate", "fai_residential"}
        pd.testing.assert_frame_equal(csv_df.drop(columns="source"), xls_df.drop(columns="source"))


@pytest.mark.parametrize(
    ("province", "code", "period", "indicator", "expected"),
    [
        ("北京", "110000", "2019-12", "fai_real_estate", (3838.38, -0.9)),
        ("北京", "110000", "2019-12", "fai_residential", (2039.76, 0.7)),
        ("北京", "110000", "2017-02", "fai_real_estate", (288.78, -4.6)),
        ("宁夏回族自治区", "640000", "2017-02", "fai_residential", (2.99, 46.1)),
        ("宁夏回族自治区", "640000", "2018-12", "fai_real_estate", (449.57, -31.1)),
        ("西藏自治区", "540000", "2019-12", "fai_real_estate", (129.56, 39.9)),
        ("西藏自治区", "540000", "2019-02", "fai_residential", (0.22, float("nan"))),  # blank yoy
    ],
)
def test_real_export_figures(
    shared_data: Path,
    province: str,
    code: str,
    period: str,
    indicator: str,
    expected: tuple[float, float],
) -> None:
    for sub, ext in (("csv", "csv"), ("xls", "xls")):
        df = read_nbs_export(shared_data / REAL / sub / f"{province}.{ext}")
        got = _figure(df, code, period, indicator)
        assert all(_same(g, e) for g, e in zip(got, expected, strict=True)), (sub, got)


def test_real_export_january_never_a_figure(shared_data: Path) -> None:
    report: list[pd.DataFrame] = []
    df = read_nbs_export(shared_data / REAL / "csv" / "北京.csv", report=report)
    assert not df.period.str.endswith("-01").any()
    jan = report[0][report[0].reason.str.startswith("January")]
    assert len(jan) == 12  # 4 rows × 3 Januaries
    assert jan.cell.iloc[0] == "line 5 (2019年1月)"


# ------------------------------------------------------------- speed
def test_reads_a_large_export_vectorised(tmp_path: Path) -> None:
    import importlib.util
    import time

    spec = importlib.util.spec_from_file_location(
        "bench_ingest", Path(__file__).parents[2] / "benchmarks" / "bench_ingest.py"
    )
    bench = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(bench)
    path = tmp_path / "big.csv"
    cells = bench.write_export(path, rows=200, months=600)  # 120,000 cells
    warm = tmp_path / "warm.csv"  # the first read of a process loads opencc's tables: not timed
    bench.write_export(warm, rows=4, months=12)
    read_nbs_export(warm, today=dt.date(2025, 1, 1))
    times = []
    for _ in range(3):  # the best of three, as the benchmark: a shared machine stalls at times
        start = time.perf_counter()
        df = read_nbs_export(path, today=dt.date(2025, 1, 1))
        times.append(time.perf_counter() - start)
    elapsed = min(times)
    # 16 indicators × (600 − 50 Januaries) periods
    assert len(df) == 16 * 550
    assert cells / elapsed > 200_000  # generous floor for a shared CI machine (goal: 1 M/s)
    assert np.isfinite(df.value_100m_yuan).all()
