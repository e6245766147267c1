"""Read an input file's bytes into cells, without judging them: format and
encoding detection (CSV in UTF-8/GBK, .xls, .xlsx), cell names for messages
(``x.csv line 7``, ``x.xlsx B7``), and the cleaning-report frame.

The readers of NBS exports and bureau tables build on this module; it knows
nothing about indicators or periods.

>>> col_letter(0), col_letter(27)
('A', 'AB')
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fai.cleaning.mojibake import detect_mojibake, repair_mojibake
from fai.errors import EncodingError, InputFormatError

#: Largest input read (bytes). Portal exports and bureau tables are far below
#: 1 MB; anything bigger than this is refused before it is read.
MAX_INPUT_BYTES = 32 * 1024 * 1024

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


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text and encoding of CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK.

    Raises :class:`EncodingError` naming the line of the first byte that
    decodes as neither, and when the decoded labels are mojibake.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    errors: list[UnicodeDecodeError] = []
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as exc:
            if (
                enc.startswith("utf-8")
                and exc.start >= len(raw) - 3
                and "end of data" in exc.reason
            ):
                line = raw[: exc.start].count(b"\n") + 1
                raise EncodingError(
                    file=str(path), where=f"line {line}",
                    found=f"the file ends inside a UTF-8 character (byte {exc.start})",
                    expected="a complete file (it looks truncated)", row=line,
                ) from None
            errors.append(exc)
            continue
        _check_mojibake(text, path, enc)
        return text, "gbk" if enc == "gb18030" else enc
    worst = max(errors, key=lambda e: e.start)
    line = raw[: worst.start].count(b"\n") + 1
    bad = raw[worst.start : worst.start + 4]
    what = "is cut off inside a character" if worst.start >= len(raw) - 3 else "does not decode"
    codecs = " or ".join("GBK" if c == "gb18030" else c.upper() for c in candidates)
    raise EncodingError(
        file=str(path), where=f"line {line}", found=f"byte {worst.start} ({bad!r}) {what} as {codecs}",
        expected="a UTF-8 or GBK text file", row=line,
    )


def _check_mojibake(text: str, path: Path, encoding: str) -> None:
    for number, line in enumerate(text.splitlines()[:40], start=1):
        found = detect_mojibake(line)
        if found:
            pos, segment = found[0]
            fixed = repair_mojibake(line)
            hint = f" (it reads {fixed[:30]!r} when re-encoded)" if fixed else ""
            raise EncodingError(
                file=str(path), where=f"line {number}",
                found=f"text {segment[:20]!r} at character {pos + 1} is not plausible Chinese as "
                f"{encoding}{hint}",
                expected="a file saved as UTF-8 or GBK without a double conversion", row=number,
            )


def _read_xls(raw: bytes, path: Path) -> tuple[pd.DataFrame, list[tuple[int, int, int, int]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=False, on_demand=True)
        sheet = next(
            (book.sheet_by_index(i) for i in range(book.nsheets) if book.sheet_by_index(i).nrows),
            book.sheet_by_index(0),
        )
        rows = [sheet.row_values(r) for r in range(sheet.nrows)]
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types on damaged files
        raise InputFormatError(
            file=str(path), found=f"not a readable .xls workbook ({type(exc).__name__}: {str(exc)[:80]})",
            expected="a complete Excel 97–2003 file",
        ) from None
    grid = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    return grid.where(grid.map(lambda v: not _blank(v)), None) if len(grid) else grid, []


def _read_xlsx(raw: bytes, path: Path) -> tuple[pd.DataFrame, list[tuple[int, int, int, int]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
        sheet = next(
            (ws for ws in book.worksheets if ws.max_row > 1 or ws.max_column > 1),
            book.worksheets[0],
        )
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        merged = [
            (m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
            for m in sheet.merged_cells.ranges
        ]
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files
        raise InputFormatError(
            file=str(path), found=f"not a readable .xlsx workbook ({type(exc).__name__}: {str(exc)[:80]})",
            expected="a complete Excel workbook",
        ) from None
    grid = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    for r0, c0, r1, c1 in merged:  # a merged cell's value stands for the whole range
        if r0 < len(grid) and c0 < grid.shape[1]:
            grid.iloc[r0 : r1 + 1, c0 : c1 + 1] = grid.iat[r0, c0]
    if len(grid):
        grid = grid.where(grid.map(lambda v: not _blank(v)), None)
    return grid, merged


def load(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> RawFile:
    """Read and decode an input file; nothing is interpreted yet.

    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes("指标,2019年12月\\n".encode("gbk"))
    >>> load(p).encoding
    'gbk'
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputFormatError(file=str(path), found=f"cannot be read ({exc.strerror or exc})",
                               expected="a readable file") from None
    if path.is_dir():
        raise InputFormatError(file=str(path), found="a folder", expected="a file")
    if size > max_bytes:
        raise InputFormatError(
            file=str(path), found=f"{size / 2**20:.1f} MB is larger than the "
            f"{max_bytes / 2**20:.0f} MB limit for one input",
            expected="an NBS export or bureau table (well under 1 MB); split the file",
        )
    raw = path.read_bytes()
    kind = sniff(raw, path)
    if kind == "parquet":
        return RawFile(path, kind, data=raw)
    if kind == "csv":
        text, encoding = decode(raw, path)
        return RawFile(path, kind, encoding=encoding, text=text)
    grid, merged = (_read_xls if kind == "xls" else _read_xlsx)(raw, path)
    return RawFile(path, kind, grid=grid, merged=merged)


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
