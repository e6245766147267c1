"""Read the second part of a large text's figures in a forked child, exactly as in sequence.

The figure reader (:class:`~fai.bulletin.reader.Reader`) reads a text line by line with
a state: the period, the subject, the text's own region, the table being read … A
line's reading depends only on that state and the line, and on the records gathered so
far in two ways only (the first investment of the text's own region, and whether it has
a whole investment: the child notes its answers, the parent checks them against its own
records). The state is every attribute as :meth:`~fai.bulletin.reader.Reader._state`
writes it. So when the text's region is settled, the project reader's child is forked
(:class:`~fai.bulletin.ahead.ProjectsAhead`) with the reader as it stands, and a line
``split`` is picked past :data:`PARENT_SHARE` of the text's characters; before the
projects, the child reads the lines just before ``split`` (to reach, from its
older state, the state the parent will most likely have there), notes its state at
``split``, and reads on to the end, noting each figure it files and each warning it
gives. The parent reads up to ``split`` and compares its own state there: when it is
the one the child noted, the child read the rest exactly as the parent would, and the
parent files the child's figures into its own records and gives its warnings, in
order; in any other case (another state, a child that failed, died or hung) the parent
reads the rest itself. The records, the warnings and the errors are those of the
sequential path either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from fai.bulletin.ahead import Forked


class Reader(Protocol):
    """What this module needs of :class:`~fai.bulletin.reader.Reader` (which imports it)."""

    def read_part(self, lines: list[str], start: int, split: int) -> tuple: ...

#: the characters the child reads before its part, from its older state, to reach the state
#: the parent will have where the part starts (1/200 of the 1 MB benchmark text, whose
#: state is the same after a 500-character warm-up already)
WARM_UP_CHARS = 5_000
#: the share of the text's characters the parent reads itself: the child reads the projects
#: of the whole text after its part (on the 1 MB benchmark text, counted in instructions, the
#: parent's figures to 85 % and their filing take about as long as the child's last 15 %,
#: its pickling and the projects)
PARENT_SHARE = 0.85


class Part:
    """The figures from line :attr:`split` on, to be read by a forked child (the project
    reader's, :class:`~fai.bulletin.ahead.ProjectsAhead`, before the projects): its
    :attr:`work` runs there, :meth:`result` gives what it read here."""

    def __init__(self, split: int, work: Callable[[], tuple]) -> None:
        self.split = split
        self.work = work
        self.source: Forked | None = None  # the child that reads it
        self.taken = False  # its result was asked for

    def result(self) -> Any:
        """What the child read (:meth:`~fai.bulletin.reader.Reader.read_part`), None when it
        failed or no child reads it."""
        self.taken = True
        return None if self.source is None else self.source.collect()

    def stop(self) -> None:
        """Nothing: the child is its source's, which reaps it."""


def plan_part(reader: Reader, lines: list[str], lineno: int) -> Part | None:
    """The part of ``lines`` a child can read ahead, with ``reader`` as it is before line
    ``lineno``; None when the text is too short past ``lineno``."""
    split, start = split_lines(lines, lineno)
    if split is None:
        return None
    return Part(split, lambda: _read_part(reader, lines, start, split))


def _read_part(reader: Reader, lines: list[str], start: int, split: int) -> tuple:
    """In the child: :meth:`~fai.bulletin.reader.Reader.read_part`, its warnings noted, not
    shown (the parent gives them)."""
    import warnings

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        return reader.read_part(lines, start, split)


def split_lines(lines: list[str], lineno: int) -> tuple[int | None, int]:
    """(the line the child's part starts at, the line it starts reading at) for a text whose
    lines from ``lineno`` on are still to read: the part starts past :data:`PARENT_SHARE` of
    those lines' characters, the reading :data:`WARM_UP_CHARS` before (not before
    ``lineno``); (None, 0) when there are too few lines.

    >>> split_lines(["甲" * 100] * 2000, 1)
    (1701, 1651)
    """
    sizes = [len(line) for line in lines]
    total = sum(sizes[lineno - 1 :])
    if total < 2 * WARM_UP_CHARS:
        return None, 0
    done, split = 0, lineno
    while split <= len(lines) and done < PARENT_SHARE * total:
        done += sizes[split - 1]
        split += 1
    if split > len(lines):
        return None, 0
    start, warm = split, 0
    while start > lineno and warm < WARM_UP_CHARS:
        start -= 1
        warm += sizes[start - 1]
    return split, start
