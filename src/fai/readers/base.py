"""What every reader is and returns: :class:`Reader` (a name, ``sniff`` and ``read``),
:class:`ReadOptions` (what the caller knows about a file) and :class:`ReadResult` (tidy rows,
targets rows and the cleaning notes of one file).

A reader is found by content, never by file name: :func:`fai.readers.detect` asks each
reader of :data:`fai.readers.READERS` in turn whether it ``sniff``\\ s the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from fai.model.schema import TARGET_COLUMNS, TIDY_COLUMNS, conform_text
from fai.readers.grid import RawFile, empty_report

FIGURES = ("value_100m_yuan", "yoy_pct", "mom_sa_pct")


@dataclass(frozen=True)
class ReadOptions:
    """What the caller knows that a file may not say.

    ``region`` and ``period`` ("YYYY-MM" or e.g. ``2016年1-8月``) help a bureau table whose
    title or header names none (when the file names one, they must agree); ``today`` bounds
    the periods (no figure for a month that has not ended); ``unknown="skip"`` drops rows
    with unknown labels (with a note) instead of raising.
    """

    region: str | None = None
    period: str | None = None
    today: dt.date | None = None
    unknown: str = "error"

    @property
    def day(self) -> dt.date:
        """``today``, or the real date."""
        return self.today or dt.date.today()


@dataclass
class ReadResult:
    """One file read: tidy rows, targets rows, cleaning notes, and the reader's name."""

    tidy: pd.DataFrame
    targets: pd.DataFrame = field(default_factory=lambda: empty_targets())
    notes: pd.DataFrame = field(default_factory=empty_report)
    format: str = ""


@dataclass(frozen=True)
class Reader:
    """A kind of input: ``sniff(raw, head)`` says whether a file is one (``head`` = its
    first 40 rows as stripped strings), ``read(raw, options)`` reads it.

    ``precedence`` ranks bundled sources: where two inputs give one figure, the higher
    one's row is kept (0 = none: a difference is an error naming both files).
    """

    name: str
    sniff: Callable[[RawFile, list[list[str]]], bool]
    read: Callable[[RawFile, ReadOptions], ReadResult]
    precedence: int = 0
    description: str = ""


def tidy_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    """The tidy columns in order with the schema's dtypes (text as str/None, figures float).

    >>> tidy_dtypes(pd.DataFrame({c: [None] for c in TIDY_COLUMNS}))["yoy_pct"].dtype
    dtype('float64')
    """
    out = conform_text(df[TIDY_COLUMNS])
    for col in FIGURES:
        out[col] = out[col].astype(float)
    return out.reset_index(drop=True)


def empty_targets() -> pd.DataFrame:
    """A targets table without rows, with the schema's dtypes."""
    return pd.DataFrame(
        {c: pd.Series(dtype=float if c == "value" else object) for c in TARGET_COLUMNS}
    )
