"""Tests of fai.bureau: statistics-bureau tables (fixtures in tests/fixtures/bureau)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from fai.errors import (
    DuplicateFigureError,
    NumberError,
    ParameterError,
    PeriodError,
    UnitError,
    UnknownIndicatorError,
)
from fai.model.schema import validate_tidy
from fai.readers.bureau import _clean_label, read_bureau_table

FIXTURES = Path(__file__).parents[1] / "fixtures" / "bureau"

# 余杭区 1—8月 2016 (data/raw/local_examples.csv), in 亿元 and %
YUHANG = {
    "fai_total": (629.44, 8.4),
    "fai_project": (278.68, 8.4),
    "fai_industry": (55.31, float("nan")),
    "fai_private": (371.86, 0.9),
}


def _figures(df: pd.DataFrame) -> dict[str, tuple[float, float]]:
    return {r.indicator: (r.value_100m_yuan, r.yoy_pct) for r in df.itertuples()}


def _equal(a: dict[str, tuple[float, float]], b: dict[str, tuple[float, float]]) -> bool:
    def same(x: float, y: float) -> bool:
        return (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, rel_tol=0, abs_tol=1e-9)

    return a.keys() == b.keys() and all(
        same(a[k][0], b[k][0]) and same(a[k][1], b[k][1]) for k in a
    )


@pytest.mark.parametrize(
    "name",
    [
        "yuhang_2016_08_gbk.csv",  # GBK, 单位：万元 (6,294,400 万元 ÷ 10,000 = 629.44 亿元)
        "yuhang_2016_08_utf8.csv",  # the same in UTF-8 with BOM
        "yuhang_2016_08_wanyuan.xlsx",  # the same as xlsx
        "yuhang_2016_08_merged.xlsx",  # 亿元, merged two-row header, — and … markers
    ],
)
def test_yuhang_layouts(name: str) -> None:
    df = read_bureau_table(FIXTURES / name)  # region and period come from the title/header
    validate_tidy(df)
    assert set(df.region_code) == {"330110"} and set(df.period) == {"2016-08"}
    assert _equal(_figures(df), YUHANG)


def test_given_region_and_period_must_agree() -> None:
    df = read_bureau_table(FIXTURES / "yuhang_2016_08_gbk.csv", region="330110", period="2016-08")
    assert set(df.region_name) == {"余杭区"}
    with pytest.raises(PeriodError, match="month 8"):
        read_bureau_table(FIXTURES / "yuhang_2016_08_gbk.csv", period="2016-07")


def test_tiancheng_benyue_zhi_leiji() -> None:
    report: list[pd.DataFrame] = []
    df = read_bureau_table(
        FIXTURES / "tiancheng_2005_q1.csv", region="天城县", period="2005年一季度", report=report
    )
    validate_tidy(df)
    assert set(df.period) == {"2005-03"}
    figures = _figures(df)
    assert figures["fai_total"] == (3.21, -22.0)  # 32,100 万元 = 3.21 亿元
    assert math.isnan(figures["fai_capital_construction"][0])  # — : not applicable
    assert figures["fai_capital_construction"][1] == 150.8
    assert figures["fai_renovation"][1] == -94.5
    assert figures["fai_real_estate"][1] == 330.0  # 增长3.3倍 = +330 %
    rep = report[0].set_index("cell")
    assert rep.at["line 7 (增速(%))", "found"] == "增长3.3倍"
    assert rep.at["line 7 (增速(%))", "action"] == "converted"
    assert rep.at["line 5 (本月止累计)", "reason"].startswith("—")


def test_period_needed_when_header_has_none() -> None:
    with pytest.raises(PeriodError, match="pass period="):
        read_bureau_table(FIXTURES / "tiancheng_2005_q1.csv", region="天城县")


def test_region_from_title_or_needed(tmp_path: Path) -> None:
    df = read_bureau_table(FIXTURES / "tiancheng_2005_q1.csv", period="2005-03")
    assert set(df.region_code) == {"990001"}  # 天城县 is named in the title
    path = _write(
        tmp_path,
        "全县固定资产投资\n单位：亿元,,\n指标名称,1-8月累计,同比增长(%)\n固定资产投资,1.5,2.0\n",
    )
    with pytest.raises(ParameterError, match="pass region="):
        read_bureau_table(path, period="2016-08")


@pytest.mark.parametrize("title, code", [
    ("安吉县2025年1-9月固定资产投资主要指标", "330523"),  # 安吉县, not 山西 吉县 inside it
    ("浙江省湖州市安吉县2025年1-9月固定资产投资", "330523"),  # the parents named too
    ("北京市朝阳区2025年1-9月固定资产投资", "110105"),  # a shared name with its parent
])
def test_region_named_in_the_title(tmp_path: Path, title: str, code: str) -> None:
    path = _write(tmp_path, f"{title}\n单位：万元,,\n指标名称,1-9月累计,同比增长(%)\n固定资产投资,2153400,5.1\n")
    assert set(read_bureau_table(path, period="2025-09").region_code) == {code}


def test_a_shared_name_alone_in_the_title_needs_region(tmp_path: Path) -> None:
    path = _write(tmp_path, "朝阳区2025年1-9月固定资产投资\n单位：万元,,\n指标名称,1-9月累计,同比增长(%)\n"
                            "固定资产投资,2153400,5.1\n")
    with pytest.raises(ParameterError, match="pass region="):
        read_bureau_table(path, period="2025-09")


def test_report_of_markers() -> None:
    report: list[pd.DataFrame] = []
    read_bureau_table(FIXTURES / "yuhang_2016_08_merged.xlsx", report=report)
    rep = report[0].set_index("cell")
    assert rep.at["C7", "action"] == "dropped"  # — : not applicable
    assert rep.at["B9", "action"] == "flagged"  # … : below the unit
    assert "below the unit" in rep.at["B9", "reason"]


@pytest.mark.parametrize(
    ("label", "clean"),
    [
        ("  其中：项目投资", "项目投资"),
        ("\u3000\u3000#工业投资", "工业投资"),
        ("＃＃住宅", "住宅"),
        ("1、基本建设投资", "基本建设投资"),
        ("（一）第一产业", "第一产业"),
        ("其中:民间投资(万元)", "民间投资"),
        ("按产业分：", "按产业分"),
    ],
)
def test_clean_label(label: str, clean: str) -> None:
    assert _clean_label(label) == clean


def _write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "2016年1-8月余杭区固定资产投资\n单位：亿元,,\n指标名称,1-8月累计,同比增长(%)\n"


def test_unknown_label_error_or_skip(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "固定资产投资,629.44,8.4\n养殖业产值,12.5,3.0\n")
    with pytest.raises(UnknownIndicatorError, match=r"t\.csv line 5: indicator '养殖业产值'"):
        read_bureau_table(path)
    report: list[pd.DataFrame] = []
    df = read_bureau_table(path, unknown="skip", report=report)
    assert df.indicator.tolist() == ["fai_total"]
    assert report[0].iloc[0]["found"] == "养殖业产值"


def test_cell_with_its_own_unit(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2016年1-8月余杭区\n指标名称,1-8月累计,同比增长(%)\n"
        "固定资产投资,629.44亿元,8.4\n民间投资,3718600万元,0.9\n",
    )
    assert _equal(
        _figures(read_bureau_table(path)),
        {"fai_total": (629.44, 8.4), "fai_private": (371.86, 0.9)},
    )


def test_mixed_units_in_a_column(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "固定资产投资,6294400万元,8.4\n")
    with pytest.raises(UnitError, match=r"line 4 \(1-8月累计\).*mixed units"):
        read_bureau_table(path)


def test_level_without_unit(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "2016年1-8月余杭区\n指标名称,1-8月累计,同比增长(%)\n固定资产投资,629.44,8.4\n"
    )
    with pytest.raises(UnitError, match="line 3 .*no unit"):
        read_bureau_table(path)


def test_text_in_number_cell(tmp_path: Path) -> None:
    path = _write(tmp_path, HEAD + "固定资产投资,较快增长,8.4\n")
    with pytest.raises(NumberError, match=r"line 4 \(1-8月累计\): level is '较快增长'"):
        read_bureau_table(path)


def test_duplicate_rows(tmp_path: Path) -> None:
    same = _write(
        tmp_path, HEAD + "固定资产投资,629.44,8.4\n全社会固定资产投资,629.44,8.4\n", "s.csv"
    )
    assert len(read_bureau_table(same)) == 1
    other = _write(tmp_path, HEAD + "固定资产投资,629.44,8.4\n固定资产投资总额,630,8.4\n", "o.csv")
    with pytest.raises(DuplicateFigureError, match=r"o\.csv line 5 .*o\.csv line 4"):
        read_bureau_table(other)


def test_ignored_columns_are_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2016年1-8月余杭区\n单位：亿元,,,\n指标名称,本月,1-8月累计,同比增长(%)\n"
        "固定资产投资,80.1,629.44,8.4\n",
    )
    report: list[pd.DataFrame] = []
    df = read_bureau_table(path, report=report)
    assert df.value_100m_yuan.tolist() == [629.44]
    assert report[0].iloc[0]["found"] == "本月"


# ------------------------------------------------------------- the layouts county bureaus send
# 安吉县 2025年1—9月, figures of our own (tests/fixtures/bureau/make_fixtures.py): 2,868,500 万元
# = 286.85 亿元 +6.3 %; 1,523,400 万元 = 152.34 亿元 +4.1 %; 905,300 = 90.53 +12.5 %;
# 612,800 = 61.28 −8.7 %
ANJI = {
    "fai_total": (286.85, 6.3),
    "fai_private": (152.34, 4.1),
    "fai_industry": (90.53, 12.5),
    "fai_real_estate": (61.28, -8.7),
}


def test_a_title_naming_the_county_and_a_period_merged_over_level_and_growth() -> None:
    from fai.readers import detect

    path = FIXTURES / "anji_2025_09_merged_period.xlsx"
    assert detect(path).name == "bureau"  # not a portal export whose period 'repeats column B'
    report: list[pd.DataFrame] = []
    df = read_bureau_table(path, report=report)
    assert set(df.region_code) == {"330523"} and set(df.period) == {"2025-09"}  # 安吉县
    assert _equal(_figures(df), ANJI)
    notes = report[0]
    # the note lines under the table are notes, never indicators
    assert notes.loc[notes.cell == "A8", "reason"].tolist() == ["a line of text across the table (a note)"]


def test_month_and_year_to_date_pairs_keep_the_year_to_date() -> None:
    report: list[pd.DataFrame] = []
    df = read_bureau_table(FIXTURES / "anji_2025_09_month_and_ytd.xlsx", report=report)
    assert set(df.period) == {"2025-09"}
    assert _equal(_figures(df), {k: ANJI[k] for k in ("fai_total", "fai_private", "fai_industry")})
    dropped = report[0].query("action == 'dropped'")
    assert dropped.found.tolist() == ["本月绝对数(万元)", "本月增长(%)"]
    assert dropped.reason.str.startswith("a single month's column").all()


def test_region_and_period_help_a_table_that_does_not_say() -> None:
    path = FIXTURES / "anji_no_title_yi.csv"
    with pytest.raises(ParameterError, match="names no known region .* pass region="):
        read_bureau_table(path)
    with pytest.raises(PeriodError, match="pass period="):
        read_bureau_table(path, region="安吉县")
    df = read_bureau_table(path, region="安吉县", period="2025-09")
    # 亿元 columns; the single month (9月) beside 1-9月 is left out
    assert _equal(_figures(df), {k: ANJI[k] for k in ("fai_total", "fai_private", "fai_real_estate")})
    with pytest.raises(PeriodError, match="the header says month 9"):
        read_bureau_table(path, region="安吉县", period="2025-08")


def test_the_region_comes_from_the_file_name_when_the_title_names_none(tmp_path: Path) -> None:
    path = tmp_path / "安吉县2025年9月.csv"
    path.write_bytes((FIXTURES / "anji_no_title_yi.csv").read_bytes())
    report: list[pd.DataFrame] = []
    df = read_bureau_table(path, period="2025-09", report=report)
    assert set(df.region_code) == {"330523"}
    assert "region read from the file name: 安吉县" in set(report[0].reason)
