"""Writing files: atomically (a crash or Ctrl-C leaves the old file or the new one, never half of
one), several files together, and every CSV escaped against spreadsheet formula injection.

Formula injection: a spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-``,
``@`` (or a tab or carriage return) as a formula. Following OWASP's advice, such a text cell is
written with a leading apostrophe (``'=HYPERLINK(…)``), which spreadsheets show as text;
a plain number (``-0.9``) is left alone, since it is harmless and must stay a number.
:func:`unescape_formula` undoes it when fai reads its own CSV back.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from fai.errors import InputFormatError, OutputError, os_reason

if TYPE_CHECKING:  # pandas is imported by the functions that take a table: `fai run` writes
    import pandas as pd  # its files, and starts its workers, without it

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def tree_digest(root: Path, names: tuple[str, ...] | None = None) -> str:
    """sha256 of the files under ``root`` (only those under ``names``, folders or files, when
    given): each file's path relative to ``root`` and its bytes, in path order; compiled
    Python (``__pycache__``, ``.pyc``) left out. What a build or a batch ran with, as code."""
    h = hashlib.sha256()
    tops = [root / name for name in names] if names is not None else [root]
    for top in tops:
        for path in sorted(top.rglob("*") if top.is_dir() else [top]):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def escape_formula(value: object) -> object:
    """A CSV cell made safe to open in a spreadsheet (OWASP): text starting with = + - @ tab or
    CR gets a leading apostrophe; numbers, plain numeric text and other text are unchanged.

    >>> escape_formula("=1+2"), escape_formula("-0.9"), escape_formula(-0.9), escape_formula("北京")
    ("'=1+2", '-0.9', -0.9, '北京')
    """
    if (isinstance(value, str) and value.startswith(_FORMULA_START)
            and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def unescape_formula(value: object) -> object:
    """The cell as it was before :func:`escape_formula`.

    >>> unescape_formula("'=1+2"), unescape_formula("'quoted")
    ('=1+2', "'quoted")
    """
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def escape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with every text cell escaped (:func:`escape_formula`); column names too."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(escape_formula)
    out.columns = [escape_formula(str(c)) for c in out.columns]
    return out


def unescape_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table read from a CSV fai wrote, with the formula escapes undone."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(unescape_formula)
    return out


def to_csv_text(df: pd.DataFrame) -> str:
    """A table as CSV text (UTF-8), every text cell escaped against formula injection."""
    return escape_frame(df).to_csv(index=False)


def _not_written(path: str | Path, exc: OSError) -> OutputError:
    """The error of a file or folder that the system would not let fai write (a full disk …).

    >>> import errno
    >>> str(_not_written("out/a.csv", OSError(errno.ENOSPC, "No space left on device")))[:58]
    'out/a.csv: cannot be written (no space left on device) — e'
    """
    return OutputError(file=str(path), found=f"cannot be written ({os_reason(exc)})",
                       expected="a writable folder with free space")


def check_writable(path: str | Path) -> Path:
    """Raise :class:`OutputError` unless ``path`` can be written: its nearest existing folder
    is a folder (not a file) and accepts a new file. Leaves nothing behind (no folder made)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(file=str(path), found="is a folder", expected="a file name")
    existing = next((p for p in [path.parent, *path.parent.parents] if p.exists()), Path("."))
    if not existing.is_dir():
        raise OutputError(file=str(path), found=f"{existing} is a file, not a folder",
                          expected="an output under a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".fai-check.", dir=existing)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise _not_written(path, exc) from None
    return path


def _temp_beside(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def _chmod_normal(tmp: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file normal permissions


def write_atomic(path: str | Path, writer: Callable[[Path], None]) -> Path:
    """Write a file through ``writer(tmp_path)`` then rename it into place.

    A crash or Ctrl-C leaves either the old file or the new one, never half. An error of the
    file system (read-only, full, not a folder) is an :class:`OutputError` naming the file.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_beside(path)
    except OSError as exc:
        raise _not_written(path, exc) from None
    try:
        writer(tmp)
        _chmod_normal(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _not_written(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Atomically write UTF-8 text."""
    return write_atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def _table_writer(df: pd.DataFrame, path: Path) -> Callable[[Path], None]:
    if path.suffix == ".parquet":
        return lambda p: df.to_parquet(p, index=False)
    if path.suffix == ".csv":
        return lambda p: p.write_text(to_csv_text(df), encoding="utf-8")
    raise InputFormatError(file=str(path), found=f"cannot write {path.suffix!r}",
                           expected=".parquet or .csv")


def _text_writer(text: str) -> Callable[[Path], None]:
    return lambda p: p.write_text(text, encoding="utf-8")


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Atomically write a table as parquet (``.parquet``) or UTF-8 CSV (``.csv``, escaped)."""
    path = Path(path)
    return write_atomic(path, _table_writer(df, path))


def write_outputs(
    folder: str | Path,
    tables: Mapping[str, pd.DataFrame],
    texts: Mapping[str, str] | None = None,
) -> dict[str, Path]:
    """Write several files into ``folder`` together: each to a temporary name first, then all
    renamed into place (texts last: a manifest written last describes files already there).
    Nothing is renamed unless every file was written; on any error the temporary files go.
    """
    folder = Path(folder)
    targets = [*(folder / n for n in tables), *(folder / n for n in (texts or {}))]
    for path in targets:
        check_writable(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(file=str(folder), found=f"cannot be made ({os_reason(exc)})",
                          expected="a writable folder") from None
    writers = [_table_writer(df, folder / n) for n, df in tables.items()]
    writers += [_text_writer(t) for t in (texts or {}).values()]
    done: list[tuple[Path, Path]] = []
    try:
        for path, writer in zip(targets, writers, strict=True):
            tmp = _temp_beside(path)
            done.append((tmp, path))
            writer(tmp)
            _chmod_normal(tmp)
        for tmp, path in done:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise _not_written(folder, exc) from None
    except BaseException:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        raise
    return {path.name: path for path in targets}
