"""Atomic writes: a crash or Ctrl-C leaves the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from fai.errors import InputFormatError


def write_atomic(path: str | Path, writer: Callable[[Path], None]) -> Path:
    """Write a file through ``writer(tmp_path)`` then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        writer(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file normal permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Atomically write UTF-8 text."""
    return write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Atomically write a table as parquet (``.parquet``) or UTF-8 CSV (``.csv``)."""
    path = Path(path)
    if path.suffix == ".parquet":
        return write_atomic(path, lambda p: df.to_parquet(p, index=False))
    if path.suffix == ".csv":
        return write_atomic(path, lambda p: df.to_csv(p, index=False, encoding="utf-8"))
    raise InputFormatError(f"{path}: cannot write {path.suffix!r} — expected .parquet or .csv")
