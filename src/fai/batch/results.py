"""What one notebook of the batch came to: a status, an error with its fields, a result.

Named types instead of dicts with status strings (after notebooker's
``JobStatus`` and result classes). A :class:`TaskResult` travels from a worker
(a process or a Dask worker) back to the driver, so everything here pickles.

>>> err = TaskError.from_fields({"kind": "MissingDataError", "file": None, "where": None,
...     "found": "no fai_total figures for region '999999'", "expected": None,
...     "message": "no fai_total figures for region '999999'",
...     "classes": ["MissingDataError", "FaiError", "Exception"]}, cell=1)
>>> err.status_of(), err.line()
(<JobStatus.SKIPPED: 'skipped'>, "MissingDataError: no fai_total figures for region '999999'")
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fai.errors import FIELDS


class JobStatus(str, enum.Enum):
    """The state of one report in ``summary.json``, the index and the progress lines."""

    SUCCEEDED = "succeeded"
    SKIPPED = "skipped"  # the data hold nothing for it (a MissingDataError): not a failure
    FAILED = "failed"
    NOT_RUN = "not run"  # interrupted before it ran: its previous files are kept
    UP_TO_DATE = "up to date"  # nothing it shows changed since its files were written

    def __str__(self) -> str:
        return self.value

    @classmethod
    def of(cls, text: str) -> JobStatus:
        """The status written as ``text`` in a summary (an unknown word counts as failed)."""
        try:
            return cls(text)
        except ValueError:
            return cls.FAILED


#: errors that mean "no data for this report", not "the report is broken"
SKIP_ERRORS = ("MissingDataError",)


@dataclass(frozen=True)
class TaskError:
    """Why a notebook did not succeed.

    ``ename``/``evalue`` are the exception's class name and message as the
    kernel reported them; ``cell`` is the 1-based code cell of the template.
    A :class:`~fai.errors.FaiError` raised in the notebook also brings its
    fields (``file``, ``where``, ``found``, ``expected``) and its class
    names (``classes``, the class first), read from the kernel after the
    failure, so the batch classifies it by class, not by parsing text.
    """

    ename: str
    evalue: str = ""
    cell: int | None = None
    file: str | None = None
    where: str | None = None
    found: str | None = None
    expected: str | None = None
    classes: tuple[str, ...] = ()

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any], cell: int | None = None) -> TaskError:
        """From :meth:`fai.errors.FaiError.fields` plus ``classes`` (as the kernel sends them)."""
        classes = tuple(str(c) for c in fields.get("classes") or ()) or (str(fields.get("kind")),)
        values = {k: None if fields.get(k) is None else str(fields[k]) for k in FIELDS}
        return cls(ename=classes[0], evalue=str(fields.get("message") or ""), cell=cell,
                   classes=classes, **values)

    @classmethod
    def of(cls, exc: BaseException, cell: int | None = None) -> TaskError:
        """From an exception raised here (in the driver or a worker), with its fields."""
        classes = [c.__name__ for c in type(exc).__mro__]
        fields = getattr(exc, "fields", None)
        if "FaiError" in classes and callable(fields):
            return cls.from_fields({**fields(), "classes": classes}, cell=cell)
        return cls(type(exc).__name__, str(exc), cell=cell)

    @property
    def is_fai_error(self) -> bool:
        return "FaiError" in self.classes

    def is_a(self, name: str) -> bool:
        """Is the error of class ``name`` or a subclass of it?"""
        return name in self.classes or self.ename.rsplit(".", 1)[-1] == name

    def status_of(self) -> JobStatus:
        """``skipped`` for missing data, ``failed`` for everything else."""
        return JobStatus.SKIPPED if any(self.is_a(n) for n in SKIP_ERRORS) else JobStatus.FAILED

    def line(self) -> str:
        """``ename: evalue`` — the one line the CLI prints."""
        return f"{self.ename}: {self.evalue}" if self.evalue else self.ename

    def to_dict(self) -> dict[str, Any]:
        """The ``error`` of a ``summary.json`` row (the fields only for a FaiError)."""
        out: dict[str, Any] = {"ename": self.ename, "evalue": self.evalue, "cell": self.cell}
        if self.is_fai_error:
            out.update({k: getattr(self, k) for k in FIELDS})
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> TaskError | None:
        """Back from a ``summary.json`` row's ``error`` (None for none)."""
        if not data:
            return None
        ename = str(data.get("ename") or "")
        values = {k: data.get(k) for k in FIELDS}
        fai_error = any(k in data for k in FIELDS)
        return cls(ename=ename, evalue=str(data.get("evalue") or ""), cell=data.get("cell"),
                   classes=(ename, "FaiError") if fai_error else (), **values)


@dataclass
class TaskResult:
    """One executed (or not executed) notebook, as a worker returns it.

    ``notebook`` is the executed ``NotebookNode`` (None when the kernel could
    not start); ``headline`` the JSON the notebook saved for the index;
    ``seconds`` the wall time on the worker; ``worker`` ``host:pid``.
    """

    status: JobStatus
    error: TaskError | None = None
    seconds: float | None = None
    notebook: Any = None
    headline: dict[str, Any] | None = None
    worker: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # kernel_s, run_s, cells_s (profile)

    @classmethod
    def failure(cls, ename: str, evalue: str, **kwargs: Any) -> TaskResult:
        """A failed result that is not the notebook's own error (a worker died, Ctrl-C …)."""
        return cls(JobStatus.FAILED, TaskError(ename, evalue), **kwargs)

    @property
    def ok(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.SKIPPED, JobStatus.UP_TO_DATE)
