"""Readers: one per kind of input file, found by content, never by file name.

:data:`READERS` lists them in the order they are asked (the bundled reference CSVs by their
exact header first, then a tidy table, an NBS portal export, a bureau table). Each is a
:class:`~fai.readers.base.Reader` with ``sniff(raw, head)`` and ``read(raw, options)``;
adding a kind of input adds a module and one entry here.

>>> detect("tests/fixtures/nbs/regions_annual_gbk.csv").name
'nbs_export'
>>> result = read("tests/fixtures/bureau/yuhang_2016_08_gbk.csv")
>>> float(result.tidy.query("indicator == 'fai_private'").value_100m_yuan.iloc[0])
371.86
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from fai.errors import InputFormatError
from fai.model.schema import validate_tidy
from fai.readers import bundled, bureau, nbs_export, tidy_csv
from fai.readers.base import Reader, ReadOptions, ReadResult
from fai.readers.grid import RawFile, load

__all__ = ["READERS", "ReadOptions", "ReadResult", "Reader", "detect", "read", "read_any"]

READERS: tuple[Reader, ...] = (
    *bundled.READERS,
    tidy_csv.READER,
    nbs_export.READER,
    bureau.READER,
)


def _raw(source: str | Path | RawFile) -> RawFile:
    return source if isinstance(source, RawFile) else load(source)


def detect(source: str | Path | RawFile, readers: tuple[Reader, ...] = READERS) -> Reader:
    """The reader of a file, from its content (its first 40 rows).

    Raises :class:`~fai.errors.InputFormatError` when no reader knows the layout.
    """
    raw = _raw(source)
    head = raw.head_rows(40)
    for reader in readers:
        if reader.sniff(raw, head):
            return reader
    first = ",".join(head[0])[:60] if head else ""
    raise InputFormatError(
        file=str(raw.path), where="line 1", found=f"not a layout fai knows (it starts {first!r})",
        expected="an NBS portal export, a bureau table, a tidy CSV or a bundled data/raw CSV",
        row=1,
    )


def read(
    source: str | Path | RawFile,
    options: ReadOptions | None = None,
    *,
    readers: tuple[Reader, ...] = READERS,
    validate: bool = True,
) -> ReadResult:
    """Read one input of any supported kind: tidy rows (validated against the schema unless
    ``validate=False``: a caller that validates the merged table), targets rows and notes.

    >>> read("tests/fixtures/nbs/national_months_utf8.csv").format
    'nbs_export'
    """
    raw = _raw(source)
    reader = detect(raw, readers)
    result = reader.read(raw, options or ReadOptions())
    if validate:
        validate_tidy(result.tidy, what=str(raw.path))
    result.format = reader.name
    if raw.load_notes:
        result.notes = pd.concat([raw.notes(), result.notes], ignore_index=True)
    return result


def read_any(
    path: str | Path,
    *,
    region: str | None = None,
    period: str | None = None,
    report: list[pd.DataFrame] | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Read one input of any supported kind into the (validated) tidy table.

    ``region`` and ``period`` help a bureau table whose title names none; ``report``, when a
    list, receives the cleaning report of this file.

    >>> df = read_any("tests/fixtures/bureau/yuhang_2016_08_gbk.csv")
    >>> float(df.query("indicator == 'fai_private'").value_100m_yuan.iloc[0])
    371.86
    """
    result = read(path, ReadOptions(region=region, period=period, today=today))
    if report is not None:
        report.append(result.notes)
    return result.tidy
