"""Incremental `fai run`: a report runs again only when something it shows changed.

Fast tests check the fingerprints on tables of our own; the slow one runs the
test template (as a `growth` and a `regions` template) over 浙江省, 杭州市 and two
of its districts, five times: first, unchanged, one district's figure changed,
one template edited, one output deleted and another corrupted. (``--force`` is
tested by the Ctrl-C test in test_run.py: its unchanged probes run again.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from fai import data as fai_data
from fai.batch.cache import Tables, cached_templates
from fai.batch.fingerprint import Fingerprints, RegionSets, reads_of, region_digests
from fai.batch.manifest import Manifest, read_manifest
from fai.batch.plan import Task, find_templates
from fai.model import regions

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "notebooks" / "10-probe.ipynb"
FAI = [sys.executable, "-m", "fai.cli"]
# 余杭区 and 萧山区 are districts of 杭州市, in 浙江省 (东部地区, 全国)
CODES = ["000000", "900001", "330000", "330100", "330110", "330109"]


def tidy_rows() -> pd.DataFrame:
    """fai_total rows for our regions: 余杭区's bundled figures, copied for the others."""
    base = fai_data.load().query("region_code == '330110' and indicator == 'fai_total'")
    frames = []
    for i, code in enumerate(CODES):
        rows = base.copy()
        rows["region_code"] = code
        rows["region_name"] = regions.name_of(code)
        rows["yoy_pct"] = rows["yoy_pct"] + i  # each region its own figures
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)


def task(code: str, template: str, data_path: str = "") -> Task:
    return Task(code, code, regions.name_of(code), regions.slug(code), template, f"params/{code}.yaml",
                {"region": code, "data_path": data_path})


def templates_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("10-growth.ipynb", "30-regions.ipynb"):
        shutil.copy(PROBE, folder / name)
    return folder


# --------------------------------------------------------------------------- fingerprints (fast)
def test_reads_come_from_the_table_or_the_template_metadata():
    assert reads_of("growth", {}) == ("region", "ancestors")
    assert reads_of("regions", {}) == ("region", "ancestors", "children", "peers")
    assert reads_of("new-topic", {}) == ("region", "ancestors", "descendants", "siblings")
    assert reads_of("growth", {"fai": {"reads": ["region", "siblings"]}}) == ("region", "siblings")
    assert reads_of("growth", {"fai": {"reads": ["everything"]}}) == ("region", "ancestors")  # unknown word


def test_region_families_follow_the_registry():
    family = RegionSets(CODES)
    assert family.around("330110", ("region", "ancestors")) == {"330110", "330100", "330000", "900001",
                                                                 "000000"}
    assert family.around("330100", ("descendants",)) == {"330110", "330109"}
    assert family.around("000000", ("descendants",)) == set(CODES) - {"000000"}
    assert family.around("330110", ("siblings",)) == {"330110", "330109"}
    # a regions report shows its children and theirs, not every region below it
    assert family.around("330000", ("children",)) == {"330100", "330110", "330109"}
    assert family.around("000000", ("children",)) == {"900001", "330000"}
    # a province is compared among the provinces, a district among its prefecture's districts
    assert family.around("330000", ("peers",)) == {"330000"}
    assert family.around("330110", ("peers",)) == {"330110", "330109"}


def test_a_district_figure_changes_its_reports_and_the_regions_reports_showing_it_only(tmp_path):
    templates = find_templates(templates_in(tmp_path / "nb"))
    tidy = tidy_rows()
    changed = tidy.copy()
    changed.loc[changed["region_code"] == "330110", "value_100m_yuan"] += 1.0
    tasks = [task(c, t) for c in CODES for t in ("growth", "regions")]
    targets = fai_data.load_targets()

    def inputs(table: pd.DataFrame) -> dict:
        fp = Fingerprints(templates, Tables({}, lambda path: table, lambda: targets))
        return {(t.region_code, t.template): fp.inputs(t) for t in tasks}

    before, after = inputs(tidy), inputs(changed)
    moved = {k for k in before if before[k] != after[k]}
    # its own, 杭州市's (its child) and 浙江省's (its grandchild); 东部地区's and 全国's show
    # provinces and macro-regions only: not run again
    assert moved == {("330110", "growth"), ("330110", "regions"), ("330100", "regions"),
                     ("330000", "regions"), ("330109", "regions")}
    assert all(before[k]["data"] != after[k]["data"] for k in moved)  # the data part said so
    assert before == inputs(tidy.sample(frac=1.0, random_state=1))  # row order does not matter
    # 余杭区's target (targets table) is its reports' input too, not 萧山区's
    more = targets.copy()
    more.loc[more["region_code"] == "330110", "value"] += 1
    fp = Fingerprints(templates, Tables({}, lambda path: tidy, lambda: more))
    assert fp.inputs(task("330110", "growth"))["targets"] != before[("330110", "growth")]["targets"]
    assert fp.inputs(task("330109", "growth"))["targets"] == before[("330109", "growth")]["targets"]


def test_an_unreadable_table_makes_its_reports_run(tmp_path):
    templates = find_templates(templates_in(tmp_path / "nb"))

    def broken(path):
        raise OSError("no such file")

    fp = Fingerprints(templates, Tables({}, broken, fai_data.load_targets))
    inputs = fp.inputs(task("330110", "growth", "/nonexistent.parquet"))
    manifest = Manifest({})
    assert manifest.why("330110-yuhang-district/growth", inputs, tmp_path) == ["new"]
    assert region_digests(pd.DataFrame(columns=["region_code"])) == {}


def test_the_cache_answers_for_unchanged_files_and_reads_again_when_one_changes(tmp_path):
    nb = templates_in(tmp_path / "nb")
    cache: dict = {}
    first = cached_templates(nb, cache)
    assert first == find_templates(nb)
    cache = json.loads(json.dumps(cache))  # kept in manifest.json between runs
    assert cached_templates(nb, cache) == first
    edited = nbformat.read(nb / "30-regions.ipynb", as_version=4)
    params_cell = next(c for c in edited.cells if "parameters" in c.metadata.get("tags", []))
    params_cell.source += '\nextra: int = 1  # a new parameter'
    nbformat.write(edited, nb / "30-regions.ipynb")
    assert "extra" in cached_templates(nb, cache)["regions"].parameters  # inspected again

    table = tmp_path / "tidy.csv"
    tidy_rows().to_csv(table, index=False)
    calls: list = []

    def load(path):
        calls.append(path)
        return fai_data.load(path)

    tables = Tables({}, load)
    digests = tables.tidy_digests(str(table))
    kept = json.loads(json.dumps(tables.for_manifest()))
    assert Tables(kept, load).tidy_digests(str(table)) == digests and len(calls) == 1  # not read again
    changed = tidy_rows()
    changed.loc[changed["region_code"] == "330109", "yoy_pct"] += 1
    changed.to_csv(table, index=False)
    again = Tables(kept, load).tidy_digests(str(table))
    assert len(calls) == 2 and {c for c in digests if digests[c] != again[c]} == {"330109"}


def test_data_changed_looks_at_the_tables_the_last_run_read(tmp_path):
    table = tmp_path / "tidy.parquet"
    tidy_rows().to_parquet(table, index=False)
    assert Tables({}).data_changed()  # no run before: something will run
    first = Tables({})
    first.tidy_digests(str(table))  # a params file's data_path, not the project's data
    kept = json.loads(json.dumps(first.for_manifest()))
    assert not Tables(kept).data_changed()  # unchanged: no worker need start
    changed = tidy_rows()
    changed["yoy_pct"] += 1
    changed.to_parquet(table, index=False)
    assert Tables(kept).data_changed()


# --------------------------------------------------------------------------- five runs (slow)
def fai_run(params: Path, templates: Path, out: Path) -> tuple[dict, str]:
    proc = subprocess.run([*FAI, "run", str(params), "--templates-dir", str(templates), "--out", str(out),
                           "--workers", "1"], capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return summary, proc.stdout


def ran(summary: dict) -> set[tuple[str, str]]:
    """The reports this run executed (the others are up to date); every one of them succeeded."""
    statuses = {(e["region_code"], e["template"]): e["status"] for e in summary["notebooks"]}
    assert set(statuses.values()) <= {"succeeded", "up to date"}, statuses
    return {k for k, status in statuses.items() if status == "succeeded"}


@pytest.mark.slow
def test_five_runs_execute_only_what_changed(tmp_path):
    data = tmp_path / "tidy.parquet"
    tidy_rows().to_parquet(data, index=False)
    nb_dir = templates_in(tmp_path / "notebooks")
    params = tmp_path / "params"
    params.mkdir()
    plan = {"330000": "[growth, regions]", "330100": "[growth, regions]", "330110": "[growth]",
            "330109": "[growth]"}
    for code, topics in plan.items():
        (params / f"{code}.yaml").write_text(
            f'region: "{code}"\ntemplates: {topics}\nparameters: {{data_path: "{data}"}}\n', encoding="utf-8")
    out = tmp_path / "reports"
    every = {(c, t) for c, topics in plan.items() for t in ("growth", "regions") if t in topics}

    first, _ = fai_run(params, nb_dir, out)
    assert ran(first) == every and len(every) == 6
    files = {p: p.read_bytes() for p in out.glob("*/*.*")}

    # unchanged: nothing runs, no worker even starts, every file stays as it was
    second, stdout = fai_run(params, nb_dir, out)
    assert ran(second) == set() and second["run"]["counts"]["up to date"] == 6
    assert stdout.count("] up to date ") == 6 and "workers_backend" not in second["run"]
    assert {p: p.read_bytes() for p in out.glob("*/*.*")} == files
    assert all(e["kept"] == "succeeded" for e in second["notebooks"])

    # one figure of 余杭区: its report and the regions reports of 杭州市 and 浙江省
    table = pd.read_parquet(data)
    table.loc[(table["region_code"] == "330110") & (table["period"] == table["period"].max()),
              "value_100m_yuan"] += 10.0
    table.to_parquet(data, index=False)
    third, _ = fai_run(params, nb_dir, out)
    assert ran(third) == {("330110", "growth"), ("330100", "regions"), ("330000", "regions")}

    # an edited template: its reports only
    growth = nbformat.read(nb_dir / "10-growth.ipynb", as_version=4)
    growth.cells.append(nbformat.v4.new_markdown_cell("注：本表为测试。"))
    nbformat.write(growth, nb_dir / "10-growth.ipynb")
    fourth, _ = fai_run(params, nb_dir, out)
    assert ran(fourth) == {(c, "growth") for c in plan}

    # a deleted and a corrupted output are made again
    (out / regions.slug("330109") / "growth.html").unlink()
    with open(out / regions.slug("330100") / "regions.ipynb", "a", encoding="utf-8") as f:
        f.write("garbage")
    fifth, _ = fai_run(params, nb_dir, out)
    assert ran(fifth) == {("330109", "growth"), ("330100", "regions")}
    assert nbformat.read(out / regions.slug("330100") / "regions.ipynb", as_version=4).cells
    assert set(read_manifest(out).reports) == {f"{regions.slug(c)}/{t}" for c, t in every}
