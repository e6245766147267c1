"""fai.files: atomic writes, several files together, CSV cells escaped against formula injection."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from fai import data, files
from fai.errors import OutputError
from fai.readers import read_any

FORMULAS = ["=HYPERLINK(\"http://x.example\",\"点击\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1",
            "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_formula_cell_is_written_as_text_and_read_back(cell: str) -> None:
    assert files.escape_formula(cell) == "'" + cell
    assert files.unescape_formula(files.escape_formula(cell)) == cell


@pytest.mark.parametrize("cell", ["-0.9", "+3.3", "1e5", "-12%", "北京市", "'quoted", ""])
def test_numbers_and_plain_text_are_left_alone(cell: str) -> None:
    assert files.escape_formula(cell) == cell
    assert files.escape_formula(-0.9) == -0.9


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_every_csv_fai_writes_opens_as_data(tmp_path: Path) -> None:
    """The tidy table and the cleaning report of a build whose inputs carry formulas: opened
    as CSV, no text cell starts a formula, the numbers are numbers, and fai reads its own
    tidy CSV back unchanged."""
    bureau = tmp_path / "yuhang.csv"
    bureau.write_text(
        "2016年1-8月余杭区固定资产投资\n单位：亿元,,\n指标名称,1-8月累计,同比增长(%)\n"
        "固定资产投资,629.44,8.4\n" + '"=HYPERLINK(""http://x.example"",""点击"")",,\n',
        encoding="utf-8")
    tidy = tmp_path / "own.csv"
    tidy.write_text(
        "region_code,region_name,period,indicator,value_100m_yuan,yoy_pct,source\n"
        "110000,北京市,2019-12,fai_real_estate,3838.38,-0.9,=1+2\n", encoding="utf-8")
    out = tmp_path / "p"
    result = data.build([bureau, tidy])
    assert "=1+2" in set(result.tidy["source"])
    assert any(str(f).startswith("=HYPERLINK") for f in result.report["found"])
    data.write_processed(result, [bureau, tidy], out, csv=True)
    for name in ("fai.csv", "cleaning_report.csv", "targets.csv"):
        text = (out / name).read_text(encoding="utf-8")
        for cell in _cells(text):
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
            assert not cell.startswith("-") or files.escape_formula(cell) == cell, (name, cell)
    report = pd.read_csv(out / "cleaning_report.csv")
    assert "'=HYPERLINK(\"http://x.example\",\"点击\")" in set(report["found"])
    table = pd.read_csv(out / "fai.csv")
    assert table["yoy_pct"].dtype == float and -0.9 in set(table["yoy_pct"])
    assert "'=1+2" in set(table["source"])
    back = read_any(out / "fai.csv")  # fai reads its own CSV: the escape is undone
    assert "=1+2" in set(back["source"])
    pd.testing.assert_frame_equal(back.sort_values(["region_code", "period"]).reset_index(drop=True),
                                  result.tidy.sort_values(["region_code", "period"])
                                  .reset_index(drop=True))


def test_write_outputs_renames_nothing_unless_all_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = pd.DataFrame({"a": [1.0]})
    files.write_outputs(tmp_path, {"one.parquet": old, "two.csv": old}, {"m.json": "{}"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def full(df: pd.DataFrame) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "to_csv_text", full)  # the second file fails, the first was fine
    new = pd.DataFrame({"a": [2.0]})
    with pytest.raises(OutputError, match=r"cannot be written \(no space left on device\)"):
        files.write_outputs(tmp_path, {"one.parquet": new, "two.csv": new}, {"m.json": "[]"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp file left


def test_check_writable_names_the_problem(tmp_path: Path) -> None:
    a_file = tmp_path / "f"
    a_file.write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        files.check_writable(a_file / "sub" / "out.csv")
    with pytest.raises(OutputError, match="is a folder"):
        files.check_writable(tmp_path)
    files.check_writable(tmp_path / "new" / "deeper" / "out.csv")
    assert not (tmp_path / "new").exists()  # checked, not made
