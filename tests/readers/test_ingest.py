"""Tests of fai.ingest (format detection, merging inputs, the bad-input corpus) and `fai clean`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fai.cli import clean as clean_cmd
from fai.errors import (
    DuplicateFigureError,
    EncodingError,
    FaiError,
    InputFormatError,
    NumberError,
    PeriodError,
    SchemaValidationError,
    UnitError,
    UnknownIndicatorError,
    UnknownRegionError,
)
from fai.readers import bundled
from fai.readers.ingest import clean, detect_format, read_any

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad_inputs"
NBS = ROOT / "tests" / "fixtures" / "nbs"
BUREAU = ROOT / "tests" / "fixtures" / "bureau"
RAW = ROOT / "data" / "raw"

# file → (exact error class, the row or cell the message must name)
BAD_INPUTS: dict[str, tuple[type[FaiError], str]] = {
    "empty.csv": (InputFormatError, "line 1"),
    "blank_lines.csv": (InputFormatError, "line 1"),
    "binary.bin": (InputFormatError, "line 1"),
    "png_renamed.csv": (InputFormatError, "line 1"),
    "undecodable.csv": (EncodingError, "line 3"),
    "truncated_utf8.csv": (EncodingError, "line 7"),
    "mojibake_double_encoded.csv": (EncodingError, "line 1"),
    "header_only.csv": (InputFormatError, "line 4"),
    "no_layout.csv": (InputFormatError, "line 1"),
    "ragged_row.csv": (InputFormatError, "line 5"),
    "figures_without_label.csv": (InputFormatError, "line 7"),
    "unknown_indicator.csv": (UnknownIndicatorError, "line 5"),
    "unknown_indicator_gbk.csv": (UnknownIndicatorError, "line 5"),
    "unit_missing.csv": (UnitError, "line 5"),
    "unit_unknown.csv": (UnitError, "line 5"),
    "text_in_number.csv": (NumberError, "line 5 (2019年12月)"),
    "negative_level.csv": (SchemaValidationError, "line 5 (2019年12月)"),
    "duplicate_row_other_value.csv": (DuplicateFigureError, "line 7"),
    "unknown_region.csv": (UnknownRegionError, "line 5"),
    "future_period.csv": (PeriodError, "line 4"),
    "month_13.csv": (PeriodError, "line 4"),
    "single_quarter.csv": (PeriodError, "line 4"),
    "tidy_text_in_number.csv": (NumberError, "line 14"),
    "tidy_month_13.csv": (PeriodError, "line 2"),
    "tidy_future_period.csv": (PeriodError, "line 3"),
    "tidy_negative_level.csv": (SchemaValidationError, "line 2"),
    "tidy_growth_below_minus_100.csv": (SchemaValidationError, "line 2"),
    "tidy_duplicate_other_value.csv": (DuplicateFigureError, "line 3"),
    "tidy_unknown_region.csv": (UnknownRegionError, "line 2"),
    "tidy_unknown_indicator.csv": (UnknownIndicatorError, "line 2"),
    "tidy_header_only.csv": (InputFormatError, "line 2"),
    "bureau_mixed_units.csv": (UnitError, "line 5"),
    "bureau_no_unit.csv": (UnitError, "line 3"),
    "bureau_unknown_label.xlsx": (UnknownIndicatorError, "A5"),
    "bureau_text_in_cell.xlsx": (NumberError, "B5"),
    "bureau_duplicate_other_value.xlsx": (DuplicateFigureError, "A6"),
}


def test_corpus_is_complete() -> None:
    files = {p.name for p in BAD.iterdir() if p.suffix != ".py"}
    assert files == set(BAD_INPUTS)
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input(name: str) -> None:
    exc_class, where = BAD_INPUTS[name]
    path = BAD / name
    with pytest.raises(FaiError) as info:
        read_any(path)
    assert type(info.value) is exc_class, str(info.value)
    message = str(info.value)
    assert str(path) in message  # names the file …
    assert re.search(rf"(?<![\w]){re.escape(where)}(?![\d])", message), message  # … and the row
    assert "\n" not in message  # one line


def test_tidy_text_in_number_message_is_exact() -> None:
    path = BAD / "tidy_text_in_number.csv"
    with pytest.raises(NumberError) as info:
        read_any(path)
    assert str(info.value) == f"{path} line 14: 'yoy_pct' is '增长' — expected a number"


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    # our choice: inputs over rawgrid.MAX_INPUT_BYTES (32 MB) get a clear size error,
    # since real exports and bureau tables are far below 1 MB
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(50 * 2**20)  # a sparse 50 MB file: nothing to write, nothing read
    with pytest.raises(InputFormatError, match=r"huge\.csv: 50\.0 MB is larger than the 32 MB"):
        read_any(path)


# --------------------------------------------------------------- formats
@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        (RAW / "nbs_national_fai.csv", "bundled_national"),
        (RAW / "provincial_fai.csv", "bundled_provincial"),
        (RAW / "local_examples.csv", "bundled_local"),
        (NBS / "national_months_utf8.csv", "nbs_export"),
        (NBS / "regions_annual.xlsx", "nbs_export"),
        (NBS / "county_traditional_gbk.csv", "nbs_export"),
        (BUREAU / "yuhang_2016_08_gbk.csv", "bureau"),
        (BUREAU / "yuhang_2016_08_merged.xlsx", "bureau"),
    ],
)
def test_detect_format(path: Path, fmt: str) -> None:
    assert detect_format(path) == fmt


def test_detect_format_ignores_the_file_name(tmp_path: Path) -> None:
    odd = tmp_path / "export.xlsx"  # a GBK CSV under a spreadsheet name
    odd.write_bytes((NBS / "regions_annual_gbk.csv").read_bytes())
    assert detect_format(odd) == "nbs_export"
    assert read_any(odd)["yoy_pct"].notna().all()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tidy_round_trip(tidy: pd.DataFrame, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"tidy{suffix}"
    if suffix == ".csv":
        tidy.to_csv(path, index=False)
    else:
        tidy.to_parquet(path, index=False)
    assert detect_format(path) == "tidy"
    pd.testing.assert_frame_equal(read_any(path), tidy)


def test_clean_of_data_raw_equals_the_bundled_build() -> None:
    result = clean(sorted(RAW.glob("*.csv")))
    tidy, targets = bundled.build(RAW)
    pd.testing.assert_frame_equal(result.tidy, tidy)
    pd.testing.assert_frame_equal(result.targets.reset_index(drop=True), targets)
    assert [f["format"] for f in result.files] == [
        "bundled_local",
        "bundled_national",
        "bundled_provincial",
    ]


def test_identical_figures_across_inputs_collapse() -> None:
    # the national export fixture repeats 17 published figures of nbs_national_fai.csv
    result = clean([RAW / "nbs_national_fai.csv", NBS / "national_months.xlsx"])
    alone = clean([RAW / "nbs_national_fai.csv"])
    assert len(result.tidy) == len(alone.tidy)
    collapsed = result.report[result.report.action == "collapsed"]
    assert len(collapsed) == 17
    row = result.tidy.query(
        "period == '2024-11' and indicator == 'fai_total' and region_code == '000000'"
    ).iloc[0]
    assert (row.value_100m_yuan, row.yoy_pct) == (465839.0, 3.3)
    assert (
        "nbs_national_fai.csv line" in row.source and "national_months.xlsx rows 4, 5" in row.source
    )


def test_conflicting_figures_across_inputs(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(
        "数据库：月度数据\n指标,2024年11月\n固定资产投资额累计增长(%),3.4\n", encoding="utf-8"
    )
    with pytest.raises(DuplicateFigureError) as info:
        clean([NBS / "national_months_utf8.csv", other])
    message = str(info.value)
    assert "national_months_utf8.csv lines 4, 5" in message and "other.csv line 3" in message
    assert "3.4" in message and "3.3" in message


def test_report_lists_every_converted_and_dropped_cell() -> None:
    result = clean([NBS / "county_traditional_gbk.csv", BUREAU / "yuhang_2016_08_merged.xlsx"])
    rep = result.report
    assert set(rep.action) == {"converted", "dropped", "flagged", "collapsed"}
    # county file: 2 levels in 万元 + 1 full-width cell converted; merged table: … flagged
    assert (rep.action == "converted").sum() == 3
    assert rep[rep.action == "flagged"].cell.tolist() == ["B9"]


# --------------------------------------------------------------- CLI
def test_cli_clean_writes_table_and_report(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from fai.cli.main import main

    out, rep, tgt = tmp_path / "fai.parquet", tmp_path / "report.csv", tmp_path / "t.parquet"
    code = main(
        [
            "clean",
            str(BUREAU / "yuhang_2016_08_gbk.csv"),
            str(RAW / "local_examples.csv"),
            "--out",
            str(out),
            "--report",
            str(rep),
            "--targets",
            str(tgt),
        ]
    )
    assert code == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].endswith("yuhang_2016_08_gbk.csv: bureau, 4 figures, 5 notes")
    assert lines[1].endswith("local_examples.csv: bundled_local, 9 figures, 0 notes")
    written = pd.read_parquet(out)
    row = written.query("region_code == '330110' and indicator == 'fai_total'").iloc[0]
    assert (row.value_100m_yuan, row.yoy_pct) == (629.44, 8.4)  # both inputs agree
    report = pd.read_csv(rep)
    assert "collapsed" in set(report.action)
    assert len(pd.read_parquet(tgt)) > 0
    assert not list(tmp_path.glob(".*.tmp"))  # atomic: no temp file left


def test_cli_report_as_json(tmp_path: Path) -> None:
    import json

    from fai.cli.main import main

    rep = tmp_path / "r.json"
    assert (
        main(
            [
                "clean",
                str(NBS / "national_months_utf8.csv"),
                "--out",
                str(tmp_path / "x.csv"),
                "--report",
                str(rep),
            ]
        )
        == 0
    )
    notes = json.loads(rep.read_text(encoding="utf-8"))
    assert notes[0]["reason"] == "blank cell: not published"


def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "fai.parquet"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "fai.cli",
            "clean",
            str(BAD / "tidy_text_in_number.csv"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 2
    err = proc.stderr.strip()
    assert err.count("\n") == 0 and "Traceback" not in proc.stderr
    assert err.startswith("fai clean: ") and "line 14" in err
    assert not out.exists()


def test_cli_parser_has_an_example() -> None:
    import argparse

    sub = argparse.ArgumentParser().add_subparsers()
    clean_cmd.add_parser(sub)
    parser = sub.choices["clean"]
    assert "fai clean data/raw/*.csv" in parser.epilog


# --------------------------------------------------------------- property tests

_TOKENS = st.sampled_from(
    [
        "数据库：分省月度数据",
        "地区：北京市",
        "指标：房地产投资累计增长(%)",
        "指标",
        "地区",
        "北京市",
        "2019年12月",
        "2019年1月",
        "2024年",
        "2019年13月",
        "房地产投资累计值(亿元)",
        "累计增长(%)",
        "1-8月累计",
        "同比增长(%)",
        "单位：万元",
        "其中：民间投资",
        "—",
        "…",
        "3838.38",
        "-0.9",
        "",
        "增长",
        "region_code",
        "period",
        "indicator",
        "value_100m_yuan",
        "yoy_pct",
        "110000",
        "2019-12",
        "fai_total",
        "数据来源：国家统计局",
        '"',
        "１２",
        "內蒙古",
    ]
)
_LINES = st.lists(st.lists(_TOKENS, min_size=1, max_size=5).map(",".join), max_size=8)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=_LINES, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_read_any_returns_rows_or_raises_fai_error(
    tmp_path: Path, lines: list[str], encoding: str
) -> None:
    path = tmp_path / "any.csv"
    path.write_bytes("\n".join(lines).encode(encoding))
    try:
        df = read_any(path)
    except FaiError:
        return
    assert list(df.columns)[:3] == ["region_code", "region_name", "period"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_read_any_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.bin"
    path.write_bytes(data)
    try:
        read_any(path)
    except FaiError:
        pass


def test_tidy_csv_in_gbk() -> None:
    df = read_any(ROOT / "tests" / "fixtures" / "tidy" / "mixed_gbk.csv")
    assert detect_format(ROOT / "tests" / "fixtures" / "tidy" / "mixed_gbk.csv") == "tidy"
    got = df.set_index(["region_code", "indicator"])
    assert tuple(got.loc[("330110", "fai_total"), ["value_100m_yuan", "yoy_pct"]]) == (629.44, 8.4)
    assert tuple(got.loc[("000000", "fai_total"), ["value_100m_yuan", "yoy_pct"]]) == (
        465839.0,
        3.3,
    )
    assert got.loc[("330110", "fai_total"), "source"] == "区发改局 2016-09-22"  # kept as given
    assert got.loc[("330110", "fai_private"), "source"] == "mixed_gbk.csv line 3"  # filled in
