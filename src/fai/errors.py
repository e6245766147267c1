"""The exceptions fai raises: one small hierarchy under :class:`FaiError`.

Every message names the file, the row or cell, what was found and what was
expected, so the CLI can print it as is (exit 2) and never a traceback.
"""

from __future__ import annotations


class FaiError(Exception):
    """Base class of every error fai raises on purpose.

    >>> str(FaiError("data/raw/x.csv line 14: 'yoy_pct' is '增长' — expected a number"))
    "data/raw/x.csv line 14: 'yoy_pct' is '增长' — expected a number"
    """

    def __init__(self, message: str, *, file: str | None = None, row: object = None) -> None:
        super().__init__(message)
        self.file = file
        self.row = row


class InputFormatError(FaiError):
    """A file is not in any layout fai can read (encoding, header, structure)."""


class EncodingError(InputFormatError):
    """Bytes that do not decode as GBK or UTF-8, or decode to mojibake."""


class UnitError(FaiError):
    """A unit is missing, unknown, or two units are mixed in one column."""


class PeriodError(FaiError):
    """A period label cannot be read, or names an impossible month or a future date."""


class UnknownIndicatorError(FaiError):
    """An indicator key or label is not in the indicator registry."""


class UnknownRegionError(FaiError):
    """A region name or code is not in the region registry."""


class DuplicateFigureError(FaiError):
    """Two different figures for the same region, period and indicator."""


class SchemaValidationError(FaiError):
    """Rows that break the tidy-table schema; the message lists every bad row."""


class MissingDataError(FaiError):
    """The data hold nothing for the region/period a report asks for (batch: skipped)."""


class ParameterError(FaiError):
    """A notebook or CLI parameter has an unknown or impossible value."""


class NumberError(InputFormatError):
    """Text that should be a figure cannot be read as a number (e.g. '增长' in a number cell)."""


class PercentagePointError(UnitError):
    """A change in percentage points (个百分点) where a growth rate (%) was expected."""


class FaiWarning(UserWarning):
    """Something fai kept but could not fully resolve (e.g. an unknown region name)."""
