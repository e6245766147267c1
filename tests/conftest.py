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
