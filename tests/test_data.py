"""The one build path (fai.data): the tidy table of data/raw/ with real figures and every raw
row exactly once, merging inputs, the manifest, and load() never returning other inputs."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

import fai
from conftest import ROOT
from fai import data, files
from fai.data import build
from fai.errors import DuplicateFigureError, InputFormatError, SchemaValidationError
from fai.model.schema import TIDY_COLUMNS, validate_tidy

RAW = ROOT / "data" / "raw"
NBS = ROOT / "tests" / "fixtures" / "nbs"
BUREAU = ROOT / "tests" / "fixtures" / "bureau"
BUNDLED = ("nbs_national_fai.csv", "provincial_fai.csv", "provincial_panel.csv", "local_examples.csv")


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


def _read_from_texts(row: dict) -> bool:
    """The project and contest rows of local_examples.csv: read from the bulletin texts of
    data/raw/ instead (tests/bulletin/test_to_tidy.py checks that the two agree)."""
    return row.get("item", "").startswith("projects_") or row.get("measure") in ("target_count",
                                                                                 "done_count")


def test_every_raw_row_appears_exactly_once(tidy, targets):
    """Count and sum checks: each raw line is cited by exactly one tidy/targets row, or listed
    in the cleaning report as a conflict with the row that was kept (never silently dropped)."""
    report = build(data.raw_inputs()).report
    conflicts = report.loc[report["action"] == "conflict"]
    cited = [f"{Path(f).name} {cell}" for f, cell in zip(conflicts["file"], conflicts["cell"])]
    for src in tidy["source"].dropna():
        for part in src.split("; "):
            cited.append(part.removeprefix("mom_sa_pct: "))
    cited += [s.split(" (")[0] for s in targets["source"]]
    cited = [c for c in cited if c.split(" line ")[0] in BUNDLED]  # not the bulletin texts' rows
    expected = []
    for name in BUNDLED:
        expected += [f"{name} line {i + 2}" for i, r in enumerate(_raw_rows(name))
                     if not _read_from_texts(r)]  # fmt: skip
    assert len(cited) == len(set(cited)), "a raw line is cited twice"
    assert sorted(cited) == sorted(expected)
    # sums: every published national level and YoY survives unchanged
    nat = [r for r in _raw_rows("nbs_national_fai.csv") if r["indicator"] != "fai_mom_sa"]
    raw_level = sum(float(r["value_100m_yuan"]) for r in nat if r["value_100m_yuan"])
    raw_yoy = sum(float(r["yoy_pct"]) for r in nat if r["yoy_pct"])
    t = tidy[tidy["source"].fillna("").str.startswith("nbs_national_fai.csv")]
    assert math.isclose(t["value_100m_yuan"].sum(), raw_level, rel_tol=1e-12)
    assert math.isclose(t["yoy_pct"].sum(), raw_yoy, rel_tol=1e-9)


def test_the_panel_is_bundled_and_every_figure_equals_its_source_row(tidy):
    """provincial_panel.csv: 全国 and 31 provinces, every published month 2010-02…2026-06."""
    rows = _raw_rows("provincial_panel.csv")
    assert len(rows) == 6813
    names = {r["region_name"] for r in rows if r["indicator"] == "fai_total"}
    assert len(names) == 32 and "全国" in names
    by_source: dict[str, pd.Series] = {}
    for _, row in tidy.dropna(subset=["source"]).iterrows():
        for part in row["source"].split("; "):
            by_source[part] = row
    conflicts = {"provincial_panel.csv line 269"}  # 北京市 2017-11: 4.9 here, 4.5 in a local release
    for i, raw in enumerate(rows):
        line = f"provincial_panel.csv line {i + 2}"
        row = by_source[line]
        assert row["period"] == raw["period"] and row["indicator"] == raw["indicator"], line
        for col in ("value_100m_yuan", "yoy_pct"):
            if raw[col]:
                assert row[col] == float(raw[col]), (line, col, row[col], raw[col])
        assert line not in conflicts or row["yoy_pct"] == 4.9
    # the panel gives every province 16 years of monthly growth
    zj = tidy.query("region_code == '330000' and indicator == 'fai_total' and yoy_pct.notna()")
    assert zj["period"].min() <= "2010-02" and zj["period"].max() >= "2026-06"
    assert len(zj) >= 181


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
    assert (tmp_path / "manifest.json").exists() and (tmp_path / "cleaning_report.csv").exists()
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
    for name in BUNDLED:
        assert (RAW / name).read_bytes() == (shared_data / name).read_bytes()


# --------------------------------------------------------------- merging inputs
def test_the_build_of_data_raw_is_what_load_returns_in_any_input_order() -> None:
    inputs = data.raw_inputs()
    result = build(inputs)
    backwards = build(list(reversed(inputs)))
    pd.testing.assert_frame_equal(result.tidy, backwards.tidy)
    pd.testing.assert_frame_equal(result.tidy, fai.load(), check_dtype=False)
    pd.testing.assert_frame_equal(result.targets, fai.load_targets(), check_dtype=False)
    formats = {Path(str(f["file"])).name: f["format"] for f in result.files}
    assert {formats[n] for n in BUNDLED} == {"bundled_local", "bundled_national",
                                              "bundled_provincial", "bundled_panel"}


def test_identical_figures_across_inputs_collapse() -> None:
    # the national export fixture repeats 17 published figures of nbs_national_fai.csv
    result = build([RAW / "nbs_national_fai.csv", NBS / "national_months.xlsx"])
    alone = build([RAW / "nbs_national_fai.csv"])
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
        build([NBS / "national_months_utf8.csv", other])
    message = str(info.value)
    assert "national_months_utf8.csv lines 4, 5" in message and "other.csv line 3" in message
    assert "3.4" in message and "3.3" in message


def test_report_lists_every_converted_and_dropped_cell() -> None:
    result = build([NBS / "county_traditional_gbk.csv", BUREAU / "yuhang_2016_08_merged.xlsx"])
    rep = result.report
    assert set(rep.action) == {"converted", "dropped", "flagged", "collapsed"}
    # county file: 2 levels in 万元 + 1 full-width cell converted; merged table: … flagged
    assert (rep.action == "converted").sum() == 3
    assert rep[rep.action == "flagged"].cell.tolist() == ["B9"]


# --------------------------------------------------------------- data/raw is the data
YUHANG_2017 = (  # an analyst's own bureau table, in our own figures
    "2017年1-8月余杭区固定资产投资主要指标\n"
    ",,单位：亿元\n"
    "指标名称,1-8月累计,同比增长(%)\n"
    "固定资产投资,702.35,11.6\n"
    "其中：民间投资,402.18,13.2\n"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's data/raw/ under $FAI_HOME, nothing processed yet."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for p in RAW.iterdir():
        if p.is_file():
            (raw / p.name).write_bytes(p.read_bytes())
    regions_file = ROOT / "data" / "regions.csv"  # the project's own regions (天城县)
    if regions_file.exists():
        (tmp_path / "data" / "regions.csv").write_bytes(regions_file.read_bytes())
    monkeypatch.setenv("FAI_HOME", str(tmp_path))
    return tmp_path


def _yuhang_2017(df: pd.DataFrame) -> tuple[float, float]:
    row = df.query("region_code == '330110' and period == '2017-08' and indicator == 'fai_total'")
    assert len(row) == 1
    return float(row.value_100m_yuan.iloc[0]), float(row.yoy_pct.iloc[0])


def test_the_analysts_own_table_in_data_raw(project: Path, capsys: pytest.CaptureFixture) -> None:
    """Issue 10, exactly the analyst's steps: build, re-save an own table in data/raw/, load,
    run the hint command; their figures are never replaced by a build of other inputs."""
    from fai.cli.main import main

    processed = project / "data" / "processed"
    assert main(["build"]) == 0  # `make data`
    bundled_figures = len(pd.read_parquet(processed / "fai.parquet"))
    assert data.is_current(data.read_manifest(), data.raw_inputs())

    # the analyst saves their table in data/raw/, then saves it again (an older mtime than
    # data/processed/: timestamps must not matter, contents do)
    own = project / "data" / "raw" / "余杭区2017年8月.csv"
    own.write_text(YUHANG_2017, encoding="gbk")
    own.write_text(YUHANG_2017, encoding="gbk")
    import os

    os.utime(own, (1_000_000_000, 1_000_000_000))
    assert not data.is_current(data.read_manifest(), data.raw_inputs())
    with pytest.raises(fai.errors.StaleDataError, match="fai build"):
        data.current_tables(strict=True)
    # fai.load() shows their figures at once (built from all of data/raw/ in memory) …
    assert _yuhang_2017(fai.load()) == (702.35, 11.6)
    # … and the hint command rebuilds WITH their file
    capsys.readouterr()
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert "余杭区2017年8月.csv: bureau, 2 figures" in out
    built = pd.read_parquet(processed / "fai.parquet")
    assert len(built) == bundled_figures + 2
    assert _yuhang_2017(built) == (702.35, 11.6)
    assert data.is_current(data.read_manifest(), data.raw_inputs())
    assert _yuhang_2017(fai.load()) == (702.35, 11.6)
    # a second build with nothing changed writes nothing
    assert main(["build"]) == 0
    assert "up to date" in capsys.readouterr().out
    # `fai metrics` finds their period
    assert main(["metrics", "余杭区", "--period", "2017-08", "--format", "json"]) == 0
    assert "702.35" in capsys.readouterr().out


def test_a_build_of_other_inputs_is_never_loaded(project: Path) -> None:
    processed = project / "data" / "processed"
    data.write_processed(build([NBS / "national_months_utf8.csv"]),
                         [NBS / "national_months_utf8.csv"], processed)
    assert len(pd.read_parquet(processed / "fai.parquet")) == 17
    df = fai.load()
    assert len(df) == len(build(data.raw_inputs()).tidy) > 17
    with pytest.raises(fai.errors.StaleDataError, match="other inputs"):
        data.current_tables(strict=True)


def test_load_reads_data_processed_only_when_the_manifest_matches(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data.build_processed()
    calls = []
    monkeypatch.setattr(data, "build", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(data, "_MEMO", {})  # no build of this data/raw/ kept in memory
    fai.load()
    assert calls == []  # read from data/processed/, not rebuilt
    (project / "data" / "processed" / "fai.parquet").unlink()
    with pytest.raises(AttributeError):  # the stub build returns None: load() tried to build
        fai.load()
    assert len(calls) == 1


def test_an_edit_of_data_regions_csv_makes_the_build_stale(project: Path) -> None:
    data.build_processed()
    assert data.is_current(data.read_manifest(), data.raw_inputs())
    regions_file = project / "data" / "regions.csv"
    regions_file.write_text(regions_file.read_text(encoding="utf-8") + "990002,地城县,,county,\n",
                            encoding="utf-8")
    assert not data.is_current(data.read_manifest(), data.raw_inputs())


def test_hidden_files_and_readmes_are_not_inputs(project: Path) -> None:
    raw = project / "data" / "raw"
    (raw / ".gitkeep").write_text("")
    (raw / "README.md").write_text("# my notes\n")
    assert [p.name for p in data.raw_inputs()] == sorted(p.name for p in RAW.iterdir()
                                                         if p.is_file())


def _rows(*rows: tuple[str, float, float, int, int]) -> pd.DataFrame:
    return pd.DataFrame([
        {"region_code": "110000", "region_name": "北京市", "period": "2017-11",
         "indicator": "fai_total", "value_100m_yuan": level, "yoy_pct": yoy, "mom_sa_pct": math.nan,
         "source": src, "source_url": None, "_precedence": rank, "_order": order}
        for src, level, yoy, rank, order in rows])


def test_merge_keeps_the_higher_source_and_lists_a_disagreement_with_both_figures():
    tidy, notes = data.merge(_rows(("yearbook.csv line 494", 7866.6, 4.5, 2, 0),
                                   ("panel.csv line 269", math.nan, 4.9, 3, 1)))
    assert len(tidy) == 1 and tidy["yoy_pct"].iloc[0] == 4.9
    assert math.isnan(tidy["value_100m_yuan"].iloc[0])  # a gap of the kept row stays a gap
    assert tidy["source"].iloc[0] == "panel.csv line 269"
    note = notes.iloc[0]
    assert (note["file"], note["cell"], note["action"]) == ("yearbook.csv", "line 494", "conflict")
    assert note["reason"] == "disagrees with (kept) panel.csv line 269"
    assert note["found"] == "7866.6, 4.5, — vs kept —, 4.9, —"


def test_merge_fills_gaps_from_an_agreeing_source_and_names_both():
    tidy, notes = data.merge(_rows(("releases.csv line 4", math.nan, 3.3, 4, 0),
                                   ("panel.csv line 53", 465839.0, 3.3, 3, 1)))
    assert (tidy["value_100m_yuan"].iloc[0], tidy["yoy_pct"].iloc[0]) == (465839.0, 3.3)
    assert tidy["source"].iloc[0] == "releases.csv line 4; panel.csv line 53"
    assert notes["action"].tolist() == ["collapsed"]
    assert notes["reason"].iloc[0] == "agrees with (kept) releases.csv line 4"


def test_merge_of_unranked_inputs_that_disagree_is_an_error():
    with pytest.raises(DuplicateFigureError, match="yours.csv line 3 and panel.csv line 269"):
        data.merge(_rows(("panel.csv line 269", math.nan, 4.9, 3, 0),
                         ("yours.csv line 3", math.nan, 5.0, 0, 1)))


def test_a_build_by_other_reading_code_is_not_current():
    """Same inputs, other code (an upgrade of the readers): data/processed/ is built again."""
    inputs = data.raw_inputs()
    manifest = data.manifest_of(build(inputs), inputs)
    assert data.is_current(manifest, inputs)
    assert not data.is_current({**manifest, "code": "0" * 64}, inputs)
    assert not data.is_current({k: v for k, v in manifest.items() if k != "code"}, inputs)


def test_the_built_tables_load_without_a_second_validation(project: Path) -> None:
    """`fai build` validated the tables it wrote and stamped their digests in the manifest: a
    fresh process loads them without importing pandera (a report kernel's ~0.3 s), and gets the
    same tables as the validated in-memory build."""
    import json
    import subprocess
    import sys

    data.build_processed()
    stamps = data.read_manifest()["validated"]
    assert set(stamps) == {"tidy", "targets"}
    code = ("import json, sys, fai.data as d\n"
            "t, g = d.load(), d.load_targets()\n"
            "print(json.dumps(['pandera' in sys.modules, len(t), len(g)]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "FAI_HOME": str(project)})
    imported, rows, targets = json.loads(out.stdout)
    assert not imported
    built = build(data.raw_inputs())
    assert (rows, targets) == (len(built.tidy), len(built.targets))
    assert data.validated_before(data.load(), "tidy") and data.validated_before(data.load_targets(), "targets")


def test_a_processed_table_edited_after_the_build_is_validated_again(project: Path) -> None:
    """The stamp covers the content the build validated, nothing else: a figure changed in
    data/processed/fai.parquet by hand (out of range) is caught as before."""
    data.build_processed()
    assert len(data.load())  # read (and kept) before the edit: the edit is read all the same
    path = project / "data" / "processed" / "fai.parquet"
    table = pd.read_parquet(path)
    table.loc[0, "yoy_pct"] = 1e9
    table.to_parquet(path, index=False)
    assert data.is_current(data.read_manifest(), data.raw_inputs())  # the inputs did not change
    with pytest.raises(SchemaValidationError, match="yoy_pct"):
        data.load()


def test_a_stamp_of_other_code_does_not_spare_the_validation(project: Path, monkeypatch) -> None:
    data.build_processed()
    table = data.load()
    assert data.validated_before(table, "tidy")
    manifest = data.read_manifest()
    monkeypatch.setattr(data, "read_manifest", lambda folder=None: {**manifest, "fai_version": "0.0.0"})
    assert not data.validated_before(table, "tidy")
    monkeypatch.setattr(data, "read_manifest", lambda folder=None: {**manifest, "code": "0" * 64})
    assert not data.validated_before(table, "tidy")
    monkeypatch.setattr(data, "read_manifest", lambda folder=None: {k: v for k, v in manifest.items()
                                                                     if k != "validated"})
    assert not data.validated_before(table, "tidy")


def test_the_processed_tables_are_read_once_per_content_and_handed_out_as_copies(project: Path) -> None:
    data.build_processed()
    folder = project / "data" / "processed"
    first, _ = data.processed_tables(folder)
    first.loc[0, "yoy_pct"] = -99.0  # a caller's change stays its own
    second, targets = data.processed_tables(folder)
    assert second.loc[0, "yoy_pct"] != -99.0
    assert second.equals(data.processed_tables(folder)[0]) and len(targets)
    edited = pd.read_parquet(folder / "fai.parquet").iloc[:10]
    edited.to_parquet(folder / "fai.parquet", index=False)
    assert len(data.processed_tables(folder)[0]) == 10
