"""Workbooks (.xlsx, .xls) → one sheet's cells, bounded and without surprises.

- **Which sheet**: the active sheet when it is visible and holds data; else the only visible
  sheet with data. Hidden sheets are never read (a note names them). Several visible sheets
  with data and none of them active is an error naming them: fai does not guess.
- **Formulas**: a formula cell without a saved value (a workbook written by a script, never
  opened in a spreadsheet) is an error naming the cells, never a silent blank.
- **Bounds**: an .xlsx is checked before it is parsed — the unpacked size of its parts and the
  extent of every sheet (cells and merged ranges, ``A1:XFD1048576`` in a few bytes) — and an
  .xls by its rows × columns, so a small file cannot expand to gigabytes in memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fai.errors import InputFormatError

#: Most cells a sheet may span (rows × columns); bureau tables and portal exports have a few
#: thousand. An .xlsx parsed by openpyxl costs ~0.5 kB per cell.
MAX_SHEET_CELLS = 1_000_000
#: Most bytes the parts of an .xlsx may unpack to.
MAX_UNPACKED_BYTES = 128 * 1024 * 1024

_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
_MERGE = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
_FORMULA = re.compile(rb"<f[\s>/]")


@dataclass
class Sheet:
    """The cells of the sheet read (object cells, header=None), its merged ranges and notes."""

    grid: pd.DataFrame
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    name: str = ""
    notes: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # cell, action, reason, found


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and np.isnan(value))
        or (isinstance(value, str) and not value.strip())
    )


def _grid(rows: list[list[object]]) -> pd.DataFrame:
    grid = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    return grid.where(grid.map(lambda v: not _blank(v)), None) if len(grid) else grid


def _too_big(path: Path, found: str) -> InputFormatError:
    return InputFormatError(
        file=str(path), found=found,
        expected=f"a sheet of at most {MAX_SHEET_CELLS:,} cells (an NBS export or a bureau table "
        "has a few thousand)",
    )


def _xlsx_prescan(raw: bytes, path: Path) -> bool:
    """Check an .xlsx before parsing it: unpacked size and the extent of every sheet.
    Returns True when some sheet holds formulas."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED_BYTES:
                raise InputFormatError(
                    file=str(path), found=f"a workbook that unpacks to {total / 2**20:,.0f} MB",
                    expected=f"at most {MAX_UNPACKED_BYTES / 2**20:.0f} MB unpacked",
                )
            formulas = False
            for info in infos:
                if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                    continue
                xml = zf.read(info)
                rows = cols = 0
                for c, r in _REF.findall(xml):
                    cols, rows = max(cols, _col_number(c)), max(rows, int(r))
                for m in _MERGE.findall(xml):
                    c1, r1 = (m[2], m[3]) if m[2] else (m[0], m[1])
                    cols, rows = max(cols, _col_number(c1)), max(rows, int(r1))
                if rows * cols > MAX_SHEET_CELLS:
                    raise _too_big(path, f"a sheet spanning {rows:,} rows × {cols:,} columns "
                                   f"({info.filename.rsplit('/', 1)[-1]})")
                formulas = formulas or bool(_FORMULA.search(xml))
            return formulas
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputFormatError(
            file=str(path), found=f"a damaged .xlsx workbook ({type(exc).__name__})",
            expected="a complete Excel workbook",
        ) from None


def _choose(path: Path, sheets: list[tuple[str, bool, bool, bool]]) -> tuple[int, list[str]]:
    """Index of the sheet to read among (name, visible, active, has data), and notes."""
    visible_data = [i for i, (_, vis, _, data) in enumerate(sheets) if vis and data]
    active = [i for i, (_, vis, act, _) in enumerate(sheets) if vis and act]
    if active and active[0] in visible_data:
        pick = active[0]
    elif len(visible_data) == 1:
        pick = visible_data[0]
    elif not visible_data:
        visible = [i for i, s in enumerate(sheets) if s[1]]
        pick = visible[0] if visible else 0
    else:
        names = ", ".join(repr(sheets[i][0]) for i in visible_data)
        raise InputFormatError(
            file=str(path), found=f"several visible sheets hold data ({names}) and none of them "
            "is the active one",
            expected="one sheet to read: make it the active sheet (select it and save) or keep "
            "one table per workbook",
        )
    notes = [
        f"sheet {name!r} not read ({'hidden' if not vis else 'not the active sheet'})"
        for i, (name, vis, _, data) in enumerate(sheets) if i != pick and data
    ]
    return pick, notes


def read_xlsx(raw: bytes, path: Path) -> Sheet:
    """The cells of the sheet to read of an .xlsx workbook (merged ranges filled in)."""
    import openpyxl

    formulas = _xlsx_prescan(raw, path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
        active = book.active
        sheets = [(ws.title, ws.sheet_state == "visible", ws is active,
                   ws.max_row > 1 or ws.max_column > 1 or not _blank(ws.cell(1, 1).value))
                  for ws in book.worksheets]
        pick, notes = _choose(path, sheets)
        sheet = book.worksheets[pick]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                  for m in sheet.merged_cells.ranges]
    except InputFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on damaged files
        raise _unreadable(path, exc, ".xlsx workbook", "a complete Excel workbook") from None
    if formulas:
        _check_formulas(raw, path, pick, rows)
    grid = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    for r0, c0, r1, c1 in merged:  # a merged cell's value stands for the whole range
        if r0 < len(grid) and c0 < grid.shape[1]:
            grid.iloc[r0 : r1 + 1, c0 : c1 + 1] = grid.iat[r0, c0]
    if len(grid):
        grid = grid.where(grid.map(lambda v: not _blank(v)), None)
    note_rows = [("", "flagged", n, None) for n in notes]
    return Sheet(grid, merged, sheet.title, note_rows)


def _check_formulas(raw: bytes, path: Path, pick: int, values: list[list[object]]) -> None:
    """Formula cells of the chosen sheet whose saved value is missing raise, naming them."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), data_only=False)
    sheet = book.worksheets[pick]
    missing: list[tuple[str, str]] = []
    for row in sheet.iter_rows():
        for cell in row:
            text = cell.value
            if cell.data_type == "f" or (isinstance(text, str) and text.startswith("=")):
                r, c = cell.row - 1, cell.column - 1
                saved = values[r][c] if r < len(values) and c < len(values[r]) else None
                if saved is None:
                    missing.append((cell.coordinate, str(text)[:40]))
    if missing:
        cells = ", ".join(c for c, _ in missing[:5])
        more = f" (and {len(missing) - 5} more)" if len(missing) > 5 else ""
        raise InputFormatError(
            file=str(path), where=f"{cells}{more}",
            found=f"formula cells without a saved value ({missing[0][1]})",
            expected="the computed values: open the workbook in Excel or LibreOffice and save it, "
            "or paste the values",
        )


def read_xls(raw: bytes, path: Path) -> Sheet:
    """The cells of the sheet to read of an Excel 97–2003 workbook."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=False, on_demand=True)
        sheets = []
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            if sh.nrows * sh.ncols > MAX_SHEET_CELLS:
                raise _too_big(path, f"sheet {sh.name!r} spans {sh.nrows:,} rows × {sh.ncols:,} "
                               "columns")
            sheets.append((sh.name, sh.visibility == 0, bool(sh.sheet_visible), sh.nrows > 0))
        pick, notes = _choose(path, sheets)
        sheet = book.sheet_by_index(pick)
        rows = [sheet.row_values(r) for r in range(sheet.nrows)]
    except InputFormatError:
        raise
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types on damaged files
        raise _unreadable(path, exc, ".xls workbook", "a complete Excel 97–2003 file") from None
    return Sheet(_grid(rows), [], sheet.name, [("", "flagged", n, None) for n in notes])


def _unreadable(path: Path, exc: Exception, what: str, expected: str) -> InputFormatError:
    """The error of a workbook its library could not open (the library's own words, cut short)."""
    return InputFormatError(file=str(path), found=f"not a readable {what} ({type(exc).__name__}: {str(exc)[:80]})",
                            expected=expected)
