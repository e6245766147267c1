"""The exceptions fai raises: one small hierarchy under :class:`FaiError`.

Every error carries its fields — ``file`` (the input or params file), ``where``
(line, cell, row, key or parameter), ``found`` (what was there) and ``expected``
(what would have been right) — and composes them into one message format::

    <file> <where>: <found> — expected <expected>

so the CLI prints it as one line (exit 2), never a traceback, and the batch and
the CLI classify an error by its fields and its class, not by parsing its text.

>>> import fai
>>> try:
...     fai.regions.resolve("北京省")
... except FaiError as e:
...     print(type(e).__name__, "|", e.where, "|", e.found)
UnknownRegionError | region | region '北京省' is not in the registry
"""

from __future__ import annotations

from typing import Any

FIELDS = ("file", "where", "found", "expected")


class FaiError(Exception):
    """Base class of every error fai raises on purpose.

    >>> e = FaiError(file="data/raw/x.csv", where="line 14", found="'yoy_pct' is '增长'",
    ...              expected="a number")
    >>> str(e)
    "data/raw/x.csv line 14: 'yoy_pct' is '增长' — expected a number"
    >>> e.fields()["where"]
    'line 14'

    A message already composed by the caller is kept as it is (``found`` holds it):

    >>> str(FaiError("params/x.yaml: key 'regon' is unknown — expected region"))
    "params/x.yaml: key 'regon' is unknown — expected region"
    """

    def __init__(
        self,
        found: str = "",
        *,
        file: str | None = None,
        where: str | None = None,
        expected: str | None = None,
        row: object = None,
    ) -> None:
        self.file = None if file is None else str(file)
        self.where = None if where is None else str(where)
        self.found = str(found)
        self.expected = expected
        self.row = row
        # a caller that passed the whole message keeps it verbatim
        self._composed = bool(found) and where is None and expected is None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message: ``<file> <where>: <found> — expected <expected>``."""
        if self._composed:
            return self.found
        place = " ".join(p for p in (self.file, self.where) if p)
        text = f"{place}: {self.found}" if place else self.found
        if self.expected:
            text += f" — expected {self.expected}"
        return text

    def __str__(self) -> str:
        return self.message

    def fields(self) -> dict[str, Any]:
        """The error as a JSON-able dict: kind (class name), file, where, found, expected, message."""
        return {"kind": type(self).__name__, **{k: getattr(self, k) for k in FIELDS},
                "message": self.message}

    def __reduce__(self):  # picklable with its fields (process pools, Dask)
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls: type[FaiError], state: dict[str, Any]) -> FaiError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, err.message)
    return err


def os_reason(exc: OSError) -> str:
    """The reason of an operating-system error as every fai message words it: the system's
    text in lower case, so a full disk reads the same from ``fai build``, ``fai run`` and the CLI.

    >>> import errno
    >>> os_reason(OSError(errno.ENOSPC, "No space left on device", "reports/summary.json"))
    'no space left on device'
    """
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


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


class AmbiguousRegionError(UnknownRegionError):
    """A region name that several regions share (朝阳区): name the parent or the code."""


class DuplicateFigureError(FaiError):
    """Two different figures for the same region, period and indicator."""


class SchemaValidationError(FaiError):
    """Rows that break the tidy-table schema; the message lists every bad row."""


class MissingDataError(FaiError):
    """The data hold nothing for the region/period a report asks for (batch: skipped).

    >>> str(MissingDataError(found="the data hold no figures for 株洲市 (430200)",
    ...                      expected="at least one level or growth rate"))
    'the data hold no figures for 株洲市 (430200) — expected at least one level or growth rate'
    """


class ParameterError(FaiError):
    """A notebook or CLI parameter has an unknown or impossible value."""


class NumberError(InputFormatError):
    """Text that should be a figure cannot be read as a number (e.g. '增长' in a number cell)."""


class PercentagePointError(UnitError):
    """A change in percentage points (个百分点) where a growth rate (%) was expected."""


class StaleDataError(FaiError):
    """``data/processed/`` was built from other inputs than ``data/raw/`` holds now."""


class OutputError(FaiError):
    """An output path that cannot be written: an input, read-only, full, or under a file."""


class FaiWarning(UserWarning):
    """Something fai kept but could not fully resolve (e.g. an unknown region name)."""
