"""The one build path of the tidy table and the targets table, and how they are loaded.

``fai.load()`` returns the validated tidy table: the processed parquet file
(``data/processed/fai.parquet``) when it is up to date, else a fresh build
from ``data/raw/`` in memory.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fai.errors import InputFormatError
from fai.files import write_table
from fai.model.schema import (
    TARGET_COLUMNS,
    TIDY_COLUMNS,
    conform_text,
    validate_targets,
    validate_tidy,
)
from fai.paths import processed_dir, raw_dir
from fai.readers import bundled

PROCESSED_TIDY = "fai.parquet"
PROCESSED_TARGETS = "targets.parquet"


def _is_fresh(target: Path, inputs: Path) -> bool:
    if not target.exists():
        return False
    newest = max((p.stat().st_mtime for p in inputs.glob("*") if p.is_file()), default=0.0)
    return target.stat().st_mtime >= newest


def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        raise InputFormatError(f"{path}: no such file — expected a processed table (run `make data`)")
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    elif path.suffix == ".csv":
        df = pd.read_csv(path, dtype={"region_code": str, "period": str}, encoding="utf-8-sig")
    else:
        raise InputFormatError(f"{path}: unknown table type {path.suffix!r} — expected .parquet or .csv")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputFormatError(f"{path}: columns {missing} are missing — expected {columns}")
    return conform_text(df[columns])


def _bundled() -> tuple[pd.DataFrame, pd.DataFrame]:
    return bundled.build(raw_dir())


def load(path: str | Path | None = None) -> pd.DataFrame:
    """The validated tidy table: of the bundled data, or of a processed file.

    >>> df = load()
    >>> row = df.query("region_code == '000000' and period == '2024-11' and indicator == 'fai_total'")
    >>> float(row["value_100m_yuan"].iloc[0]), float(row["yoy_pct"].iloc[0])
    (465839.0, 3.3)
    """
    if path is None:
        target = processed_dir() / PROCESSED_TIDY
        if _is_fresh(target, raw_dir()):
            return validate_tidy(_read_table(target, TIDY_COLUMNS), what=str(target))
        tidy, _ = _bundled()
        return validate_tidy(tidy, what=str(raw_dir()))
    path = Path(path)
    return validate_tidy(_read_table(path, TIDY_COLUMNS), what=str(path))


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """The targets table (annual targets, project groups, contests, ranks).

    >>> t = load_targets()
    >>> float(t.query("region_name == '余杭区' and measure == 'annual_target'")["value"].iloc[0])
    1030.0
    """
    if path is None:
        target = processed_dir() / PROCESSED_TARGETS
        if _is_fresh(target, raw_dir()):
            return validate_targets(_read_table(target, TARGET_COLUMNS), what=str(target))
        _, targets = _bundled()
        return validate_targets(targets, what=str(raw_dir()))
    path = Path(path)
    return validate_targets(_read_table(path, TARGET_COLUMNS), what=str(path))


def build_processed(out_dir: str | Path | None = None) -> tuple[Path, Path]:
    """Build ``fai.parquet`` and ``targets.parquet`` from the bundled raw files."""
    out = Path(out_dir) if out_dir else processed_dir()
    tidy, targets = _bundled()
    validate_tidy(tidy, what=str(raw_dir()))
    validate_targets(targets, what=str(raw_dir()))
    return write_table(tidy, out / PROCESSED_TIDY), write_table(targets, out / PROCESSED_TARGETS)
