"""Regular expressions compiled on first use, for the pattern modules of the bulletin parser.

Compiling the parser's patterns is most of ``fai parse``'s start-up; a pattern that a
run does not need (the project reader's, when a large text's projects are read in a
forked child) need not be compiled. A module writes ``NAME_RE = later(r"…")`` for each
pattern and calls :func:`bind_later` once at its end: the first use of ``NAME_RE``
compiles it and puts the compiled pattern in the module's namespace in its place, so
every later use (``W.NAME_RE.search``, or ``NAME_RE`` inside the module) finds the
compiled pattern itself, with no cost per call. A pattern compiled before, by an earlier
run of the same Python, is read from :mod:`fai.re_cache` (no compiling at all).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fai import re_cache


class Later:
    """A pattern not compiled yet; any attribute (``.search``, ``.pattern``) compiles it.

    >>> ns = {"X_RE": later(r"\\d+")}
    >>> bind_later(ns)
    >>> ns["X_RE"].findall("12 and 3"), type(ns["X_RE"]) is re.Pattern
    (['12', '3'], True)
    """

    __slots__ = ("flags", "name", "namespace", "source")

    def __init__(self, source: str | Callable[[], str], flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self.namespace: dict[str, Any] | None = None
        self.name = ""

    @property
    def pattern(self) -> str:
        """The pattern's text, as ``re.Pattern.pattern`` (without compiling it)."""
        if not isinstance(self.source, str):
            self.source = self.source()
        return self.source

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern, put in the module's namespace in place of this one."""
        pattern = re_cache.compile(self.pattern, self.flags)
        if self.namespace is not None and self.namespace.get(self.name) is self:
            self.namespace[self.name] = pattern
        return pattern

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.compiled(), attr)


def later(source: str | Callable[[], str], flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` on the first use of the module global it is assigned
    to (:func:`bind_later`); typed as the pattern it becomes. ``source`` may be a function
    that writes the pattern (when writing it is work too: :func:`~fai.bulletin.patterns.
    guarded_alternation`)."""
    return Later(source, flags)  # type: ignore[return-value]


def bind_later(namespace: dict[str, Any]) -> None:
    """Tell each :func:`later` pattern of a module (its ``globals()``) its name there."""
    for name, value in namespace.items():
        if isinstance(value, Later):
            value.namespace, value.name = namespace, name
