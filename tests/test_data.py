"""The tidy table of the bundled data: real figures, every raw row exactly once."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

import fai
from conftest import ROOT
from fai import data, files
from fai.errors import DuplicateFigureError, InputFormatError, SchemaValidationError
from fai.model.schema import TIDY_COLUMNS, validate_tidy
from fai.readers import bundled

RAW = ROOT / "data" / "raw"


def _raw_rows(name: str) -> list[dict]:
    with open(RAW / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _one(tidy, region, period, indicator):
    row = tidy.query("region_code == @region and period == @period and indicator == @indicator")
    assert len(row) == 1, (region, period, indicator, len(row))
    return row.iloc[0]


def test_national_2024_jan_nov_total_equals_raw_row(tidy):
    raw = [r for r in _raw_rows("nbs_national_fai.csv")
           if r["period"] == "2024-11" and r["indicator"] == "fai_total"]
    assert len(raw) == 1
    row = _one(tidy, "000000", "2024-11", "fai_total")
    assert row["value_100m_yuan"] == float(raw[0]["value_100m_yuan"]) == 465839.0
    assert row["yoy_pct"] == float(raw[0]["yoy_pct"]) == 3.3
    assert row["region_name"] == "全国"


def test_macro_region_rows_become_fai_total_of_that_region(tidy):
    raw = {r["period"]: float(r["yoy_pct"]) for r in _raw_rows("nbs_national_fai.csv")
           if r["indicator"] == "region_east"}
    east = tidy.query("region_code == '900001' and indicator == 'fai_total'")
    assert dict(zip(east["period"], east["yoy_pct"])) == raw
    assert set(east["region_name"]) == {"东部地区"}


def test_mom_sa_goes_to_its_own_column_never_yoy(tidy):
    raw = {r["period"]: float(r["yoy_pct"]) for r in _raw_rows("nbs_national_fai.csv")
           if r["indicator"] == "fai_mom_sa"}
    nat = tidy.query("region_code == '000000' and indicator == 'fai_total'").set_index("period")
    for period, mom in raw.items():
        assert nat.at[period, "mom_sa_pct"] == mom
    # 2024-11: the YoY column still holds the published YoY, not the m/m figure
    assert nat.at["2024-11", "yoy_pct"] == 3.3


def test_every_raw_row_appears_exactly_once(tidy, targets):
    """Count and sum checks: each raw line is cited by exactly one tidy/targets row."""
    cited = []
    for src in tidy["source"].dropna():
        for part in src.split("; "):
            cited.append(part.removeprefix("mom_sa_pct: "))
    cited += [s.split(" (")[0] for s in targets["source"]]
    expected = []
    for name in (bundled.NATIONAL_FILE, bundled.PROVINCIAL_FILE, bundled.LOCAL_FILE):
        expected += [f"{name} line {i + 2}" for i in range(len(_raw_rows(name)))]
    assert len(cited) == len(set(cited)), "a raw line is cited twice"
    assert sorted(cited) == sorted(expected)
    # sums: every published national level and YoY survives unchanged
    nat = [r for r in _raw_rows("nbs_national_fai.csv") if r["indicator"] != "fai_mom_sa"]
    raw_level = sum(float(r["value_100m_yuan"]) for r in nat if r["value_100m_yuan"])
    raw_yoy = sum(float(r["yoy_pct"]) for r in nat if r["yoy_pct"])
    t = tidy[tidy["source"].fillna("").str.startswith("nbs_national_fai.csv")]
    assert math.isclose(t["value_100m_yuan"].sum(), raw_level, rel_tol=1e-12)
    assert math.isclose(t["yoy_pct"].sum(), raw_yoy, rel_tol=1e-9)


def test_funds_in_place_kept_apart_from_fai_total(tidy):
    bj = tidy.query("region_code == '110000' and period == '2024-12'").set_index("indicator")
    assert bj.at["fai_total", "yoy_pct"] != bj.at["fai_funds_in_place", "yoy_pct"]
    assert bj.at["fai_funds_in_place", "yoy_pct"] == -4.7


def test_local_figures_and_targets_are_split(tidy, targets):
    yh = _one(tidy, "330110", "2016-08", "fai_total")
    assert (yh["value_100m_yuan"], yh["yoy_pct"]) == (629.44, 8.4)
    tc = _one(tidy, "990001", "2005-03", "fai_real_estate")
    assert tc["yoy_pct"] == 330.0  # 增长3.3倍
    tgt = targets.query("region_code == '330110' and measure == 'annual_target'")
    assert tgt["value"].tolist() == [1030.0]
    assert set(targets["item"]) >= {"projects_city_key", "signed_projects_over_100m_yuan"}
    assert not targets["item"].isin(["fai_total"]).any() or set(
        targets.loc[targets["item"] == "fai_total", "measure"]
    ) <= {"vs_parent_pp", "plan_completion_pct", "annual_target", "annual_target_yoy_pct",
          "rank_in_parent", "vs_province_pp"}


def test_processed_round_trip(tmp_path):
    tidy_path, targets_path = data.build_processed(tmp_path)
    a = fai.load(tidy_path)
    b = data.load_targets(targets_path)
    pd.testing.assert_frame_equal(a, fai.load(), check_dtype=False)
    assert len(b) == len(fai.load_targets())
    # CSV round-trip in the project's own schema
    files.write_table(a, tmp_path / "fai.csv")
    pd.testing.assert_frame_equal(fai.load(tmp_path / "fai.csv"), a, check_dtype=False)
    assert not list(tmp_path.glob("*.tmp"))


def test_duplicate_key_is_an_error_naming_both_sources(tidy):
    dup = pd.concat([tidy.head(1), tidy.head(1).assign(source="other.csv line 9")])
    with pytest.raises(DuplicateFigureError, match="other.csv line 9"):
        validate_tidy(dup)


def test_schema_lists_every_bad_row(tidy):
    bad = tidy.head(3).copy()
    bad["value_100m_yuan"] = [-1.0, -2.0, 5.0]
    bad["period"] = ["2024-13", bad["period"].iloc[1], bad["period"].iloc[2]]
    with pytest.raises(SchemaValidationError) as info:
        validate_tidy(bad, what="x.csv")
    msg = str(info.value)
    assert "x.csv" in msg and "2024-13" in msg and "-1.0" in msg and "-2.0" in msg
    assert msg.count("row ") >= 3


def test_missing_file_and_bad_suffix(tmp_path):
    with pytest.raises(InputFormatError, match="nope.parquet"):
        fai.load(tmp_path / "nope.parquet")
    (tmp_path / "t.txt").write_text("x")
    with pytest.raises(InputFormatError, match="t.txt"):
        fai.load(tmp_path / "t.txt")


def test_columns_are_the_documented_ones(tidy):
    assert list(tidy.columns) == TIDY_COLUMNS


def test_raw_files_are_identical_to_shared(shared_data):
    for name in (bundled.NATIONAL_FILE, bundled.PROVINCIAL_FILE, bundled.LOCAL_FILE):
        assert (RAW / name).read_bytes() == (shared_data / name).read_bytes()
