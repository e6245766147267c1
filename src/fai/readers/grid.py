"""Read an input file's bytes into cells, without judging them: container and encoding
detection (CSV in UTF-8/GBK/Big5, .xls, .xlsx, parquet), cell names for messages
(``x.csv line 7``, ``x.xlsx B7``), and the cleaning-report frame.

Only regular files are read (a FIFO or a link to ``/dev/zero`` would block or never end), and
never more than :data:`MAX_INPUT_BYTES`: the size is checked before reading, and reading stops
there. The readers of NBS exports and bureau tables build on this module; it knows nothing
about indicators or periods.

>>> col_letter(0), col_letter(27)
('A', 'AB')
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fai.errors import InputFormatError, os_reason
from fai.readers import sheets
from fai.readers.encoding import decode

#: Largest input read (bytes). Portal exports and bureau tables are far below
#: 1 MB; anything bigger than this is refused before it is read.
MAX_INPUT_BYTES = 32 * 1024 * 1024
#: Most cells a CSV may span (lines × the widest line's fields).
MAX_CSV_CELLS = 4_000_000

REPORT_COLUMNS = ["file", "cell", "action", "reason", "found"]

_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-zip archive",
    b"Rar!": "a RAR archive",
}


@dataclass
class RawFile:
    """The bytes of an input file, decoded: text for CSV, a cell grid for sheets."""

    path: Path
    kind: str  # "csv", "xls", "xlsx" or "parquet"
    encoding: str | None = None
    text: str | None = None
    grid: pd.DataFrame | None = None  # spreadsheets: object cells, header=None
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    data: bytes | None = None  # parquet: the bytes
    sheet: str = ""  # workbooks: the sheet read
    load_notes: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    def notes(self) -> pd.DataFrame:
        """Notes of loading (a sheet not read) as cleaning-report rows."""
        if not self.load_notes:
            return empty_report()
        cells, actions, reasons, found = zip(*self.load_notes, strict=True)
        frames = [report_frame(self.path, [c], a, r, [f])
                  for c, a, r, f in zip(cells, actions, reasons, found, strict=True)]
        return pd.concat(frames, ignore_index=True)

    @property
    def name(self) -> str:
        return self.path.name

    def cell(self, row: int, col: int, label: str | None = None) -> str:
        """Where a cell is, for messages: ``x.csv line 7 (2019年12月)`` or ``x.xlsx B7``.

        ``row`` and ``col`` count from 0 (row = line − 1 for CSV).
        """
        if self.kind == "csv":
            extra = f" ({label})" if label else ""
            return f"{self.path} line {row + 1}{extra}"
        return f"{self.path} {col_letter(col)}{row + 1}"

    def cells(
        self, rows: np.ndarray, cols: np.ndarray, labels: np.ndarray | None = None
    ) -> np.ndarray:
        """Vectorised short cell names (without the file): ``line 7 (2019年1月)`` or ``B7``."""
        rows = np.asarray(rows) + 1
        if self.kind == "csv":
            out = pd.Series(rows).astype(str).radd("line ")
            if labels is not None:
                out = out + " (" + pd.Series(labels, dtype=str).to_numpy() + ")"
            return out.to_numpy(dtype=object)
        letters = np.array([col_letter(c) for c in range(int(np.max(cols, initial=0)) + 1)])
        return (pd.Series(letters[np.asarray(cols)]) + pd.Series(rows).astype(str)).to_numpy(
            dtype=object
        )

    def head_rows(self, n: int = 40) -> list[list[str]]:
        """The first ``n`` rows as lists of stripped strings (for header detection)."""
        if self.kind == "csv":
            assert self.text is not None
            lines = self.text.splitlines()[:n]
            try:
                return [[c.strip() for c in row] for row in csv.reader(lines)]
            except csv.Error as exc:
                raise InputFormatError(file=str(self.path), found=f"not a readable CSV ({exc})",
                                       expected="comma-separated text") from None
        if self.grid is None:
            return []
        head = self.grid.iloc[:n]
        return [
            ["" if _blank(v) else _text(v) for v in row] for row in head.itertuples(index=False)
        ]


def col_letter(index: int) -> str:
    """Excel column letters of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and np.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def sniff(raw: bytes, path: Path) -> str:
    """The container of the bytes: ``xlsx``, ``xls`` or ``csv`` (text); else InputFormatError."""
    if not raw.strip():
        raise InputFormatError(
            file=str(path), where="line 1", found="the file is empty",
            expected="an NBS export, a bureau table or a tidy CSV", row=1,
        )
    if raw.startswith(b"PAR1"):
        return "parquet"
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                names = zf.namelist()
        except zipfile.BadZipFile:
            raise InputFormatError(
                file=str(path), found="a damaged or truncated ZIP/XLSX file",
                expected="a complete .xlsx workbook",
            ) from None
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise InputFormatError(file=str(path), found="a ZIP archive that is not an .xlsx workbook",
                               expected="CSV, .xls or .xlsx")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    for magic, what in _SIGNATURES.items():
        if raw.startswith(magic):
            raise InputFormatError(file=str(path), where="line 1", found=f"{what}, not a table",
                                   expected="CSV, .xls or .xlsx", row=1)
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        offset = head.index(b"\x00")
        line = head[:offset].count(b"\n") + 1
        raise InputFormatError(
            file=str(path), where=f"line {line}",
            found=f"binary content (a NUL byte at offset {offset})",
            expected="CSV text, .xls or .xlsx", row=line,
        )
    return "csv"


def read_bounded(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``: anything else is refused before
    it is read (a folder, a FIFO, a device such as ``/dev/zero``, a file too large), and
    reading stops at the bound even if the file grows meanwhile."""
    path = Path(path)
    file = str(path)
    try:
        info = os.stat(path)  # follows a link: a link to /dev/zero is a device
    except OSError as exc:
        raise InputFormatError(file=file, found=f"cannot be read ({os_reason(exc)})",
                               expected="a readable file") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFormatError(file=file, found="a folder", expected="a file")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
        raise InputFormatError(file=file, found=f"{kind}, not a regular file",
                               expected="a regular file (a table saved on disk)")
    too_big = InputFormatError(
        file=file, found=f"{max(info.st_size, max_bytes + 1) / 2**20:.1f} MB is larger than the "
        f"{max_bytes / 2**20:.0f} MB limit for one input",
        expected="an NBS export or bureau table (well under 1 MB); split the file",
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputFormatError(file=file, found=f"cannot be read ({os_reason(exc)})",
                               expected="a readable file") from None
    if len(raw) > max_bytes:
        raise too_big
    return raw


def _check_csv_extent(text: str, path: Path) -> None:
    """Refuse a CSV spanning more than :data:`MAX_CSV_CELLS` (lines × widest line)."""
    rows = text.splitlines()
    lines = len(rows)
    widest = max((line.count(",") + 1 for line in rows), default=1)
    if lines * widest > MAX_CSV_CELLS:
        raise InputFormatError(
            file=str(path), found=f"a table spanning {lines:,} lines × {widest:,} columns",
            expected=f"at most {MAX_CSV_CELLS:,} cells (an NBS export or a bureau table has a "
            "few thousand)",
        )


def load(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> RawFile:
    """Read and decode an input file; nothing is interpreted yet.

    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes("指标,2019年12月\\n".encode("gbk"))
    >>> load(p).encoding
    'gbk'
    """
    path = Path(path)
    raw = read_bounded(path, max_bytes)
    kind = sniff(raw, path)
    if kind == "parquet":
        return RawFile(path, kind, data=raw)
    if kind == "csv":
        text, encoding = decode(raw, path)
        _check_csv_extent(text, path)
        return RawFile(path, kind, encoding=encoding, text=text)
    sheet = (sheets.read_xls if kind == "xls" else sheets.read_xlsx)(raw, path)
    return RawFile(path, kind, grid=sheet.grid, merged=sheet.merged, sheet=sheet.name,
                   load_notes=sheet.notes)


def report_frame(
    file: str | Path | np.ndarray,
    cells: np.ndarray | list[str],
    action: str,
    reason: str | np.ndarray,
    found: np.ndarray | list[object] | None = None,
) -> pd.DataFrame:
    """Rows of the cleaning report: file, cell, action (converted/dropped/flagged), reason, found.

    >>> report_frame("x.csv", ["line 5 (2019年1月)"], "dropped", "not published").iloc[0]["cell"]
    'line 5 (2019年1月)'
    """
    n = len(cells)
    if found is None:
        found_col: object = [None] * n
    else:
        values = pd.Series(list(found), dtype=object)
        found_col = values.astype(str).where(values.notna(), None).to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "file": [str(file)] * n if isinstance(file, str | Path) else [str(f) for f in file],
            "cell": list(cells),
            "action": [action] * n,
            "reason": reason if not isinstance(reason, str) else [reason] * n,
            "found": found_col,
        },
        columns=REPORT_COLUMNS,
    )


def empty_report() -> pd.DataFrame:
    """A cleaning report without rows."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in REPORT_COLUMNS})
