"""Shared fixtures: the bundled tidy table, and the path of ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("FAI_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def tidy() -> pd.DataFrame:
    import fai

    return fai.load()


@pytest.fixture(scope="session")
def targets() -> pd.DataFrame:
    import fai

    return fai.load_targets()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (tests-only files); skips with a reason when absent."""
    if not SHARED_DATA.exists():
        pytest.skip(f"{SHARED_DATA} is absent: the NBS portal exports are test-only reference files")
    return SHARED_DATA


# the default batch subset run once per session (test_batch.py, test_browser.py):
# all four templates, on the bundled data (余杭区 with its params/ override)
REAL_BATCH_REGIONS = ("全国", "北京市", "余杭区")


@pytest.fixture(scope="session")
def real_batch(tmp_path_factory) -> dict:
    """`fai run --region …` for a few bundled regions × their templates; skips before the templates exist."""
    import subprocess
    import sys

    if len(list((ROOT / "notebooks").glob("[0-9]*-*.ipynb"))) < 4:
        pytest.skip("the report templates are not there yet")
    base = tmp_path_factory.mktemp("real_batch")
    out = base / "reports"
    regions = [arg for name in REAL_BATCH_REGIONS for arg in ("--region", name)]
    proc = subprocess.run([sys.executable, "-m", "fai.cli", "run", *regions, "--out", str(out)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT, check=False)
    return {"proc": proc, "out": out}
