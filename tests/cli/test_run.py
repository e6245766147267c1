"""`fai run` starts its workers first: papermill, pandas, the data and the HTML exporter are
imported while the workers' kernels warm up, not before (~0.5 s of every run that re-makes a
report, ~1 s of a first run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fai.batch.cache import cached_templates
from fai.batch.manifest import Manifest, write_manifest

ROOT = Path(__file__).resolve().parents[2]
# Each run's `fai run` process stops where its workers would start, and says what it imported.
STOP_AT_START = r"""
import json, os, sys
import fai.batch.pool

def start_workers(*args, **kwargs):
    print(json.dumps(sorted(m for m in sys.modules if m in json.loads(sys.argv[2]))), flush=True)
    os._exit(0)

fai.batch.pool.start_workers = start_workers
from fai.cli.main import main
sys.exit(main(["run", "--out", sys.argv[1]]))
"""
HEAVY = ["pandas", "numpy", "pyarrow", "fai.data", "fai.reports.html", "nbformat", "papermill",
         "nbconvert", "jupyter_client", "yaml"]


def imported_at_start(out: Path, heavy: list[str]) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", STOP_AT_START, str(out), json.dumps(heavy)], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip(), proc.stderr[-2000:]  # the workers were started
    return json.loads(proc.stdout)


def test_a_rerun_after_a_data_change_starts_its_workers_before_any_heavy_import(tmp_path):
    """The run after `make data` changed a figure: the templates' inspection is cached, the data
    changed (a stale key), so the workers start — with none of HEAVY imported yet."""
    cache: dict = {"tidy:": {"key": "stale", "value": {}}}
    cached_templates(None, cache)
    out = tmp_path / "reports"
    out.mkdir()
    write_manifest(out, Manifest({}, cache))
    assert imported_at_start(out, HEAVY) == []


def test_a_first_run_starts_its_workers_before_it_inspects_the_templates_or_reads_the_data(tmp_path):
    """A first run (no manifest: nothing cached) reads only the templates' imports from their
    JSON before its workers start; papermill inspects their parameters while the kernels warm up."""
    assert imported_at_start(tmp_path / "reports", HEAVY) == []
