"""Read the second part of a large text's figures in a forked child, exactly as in sequence.

The figure reader (:class:`~fai.bulletin.reader.Reader`) reads a text line by line with
a state: the period, the subject, the text's own region, the table being read … A
line's reading depends only on that state and the line, and on the records gathered so
far in two ways only (the first investment of the text's own region, and whether it has
a whole investment: the child notes its answers, the parent checks them against its own
records). The state is every attribute as :meth:`~fai.bulletin.reader.Reader._state`
writes it. So when the text's region is settled, :meth:`FiguresAhead.start` forks a
child with the reader as it stands and picks a line ``split`` past 60 % of the
text's characters; the child reads the lines just before ``split`` (to reach, from its
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

from typing import Any, Protocol

from fai.bulletin.ahead import Forked


class Reader(Protocol):
    """What this module needs of :class:`~fai.bulletin.reader.Reader` (which imports it)."""

    def read_part(self, lines: list[str], start: int, split: int) -> tuple: ...

#: the characters the child reads before its part, from its older state, to reach the state
#: the parent will have where the part starts (1/200 of the 1 MB benchmark text, whose
#: state is the same after a 500-character warm-up already)
WARM_UP_CHARS = 5_000
#: the share of the text's characters the parent reads itself: more than half, as the child
#: shares the second CPU with the project reader's child (at 0.5 the parent waited ~0.2 s
#: for the child at the split on the 1 MB benchmark text, at 0.6 not)
PARENT_SHARE = 0.6


class FiguresAhead(Forked):
    """The figures from line :attr:`split` on, read by a forked child."""

    def __init__(self, split: int) -> None:
        super().__init__()
        self.split = split

    @classmethod
    def start(cls, reader: Reader, lines: list[str], lineno: int) -> FiguresAhead | None:
        """Fork a child that reads ``lines`` from a split line on, with ``reader`` as it is
        before line ``lineno``; None when the text is too short past ``lineno`` or the fork
        fails (the parent then reads on alone)."""
        split, start = split_lines(lines, lineno)
        if split is None:
            return None
        ahead = cls(split)
        if not ahead.fork(lambda: _read_part(reader, lines, start, split)):
            return None
        return ahead

    def result(self) -> Any:
        """What the child read (:meth:`~fai.bulletin.reader.Reader.read_part`), None when it
        failed; the child is reaped either way."""
        try:
            return self.collect() if self.pid is not None else None
        finally:
            self.stop()


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
    (1201, 1151)
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
