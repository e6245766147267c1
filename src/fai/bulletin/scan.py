"""A long text scanned for a pattern only near the characters its matches hold.

A pattern every match of which holds one of a few characters (a year-to-date span holds
月, 季 or 年) and is at most ``width`` characters long can only match within
``width - 1`` characters of one of them: :func:`findall_near` runs the pattern over those
stretches of a text alone (about half of a bulletin), with the matches of a scan of the
whole text.
"""

from __future__ import annotations

import re

from fai import re_cache


def findall_near(pattern: re.Pattern[str], text: str, hints: str, width: int) -> list[str]:
    """``pattern.findall(text)`` for a pattern with no group, every match of which holds a
    character of ``hints`` (:func:`holds_one_of`) and is at most ``width`` long, and which
    looks ahead of no match (no lookahead, no ``$``): scanned only within ``width - 1``
    characters of each hint.

    Every match lies in the stretch around a hint it holds, and the stretches that overlap
    are joined: a scan of the whole text meets no match outside them, enters each at its
    start (no match crosses it), and inside one tries the same positions with the same
    outcome as a scan of the stretch (``pattern.findall(text, start, end)``: it looks
    behind into the text as before, and a match at a position ends inside the stretch).

    >>> rx = re.compile(r"\\d+月")
    >>> findall_near(rx, "全年1-8月，9月份投资增长5%，其中8月当月", "月", 3)
    ['8月', '9月', '8月']
    """
    out: list[str] = []
    findall = pattern.findall  # (once: a lazy pattern compiles here)
    before, after = width - 1, width
    start, end = 0, -1  # the stretch being joined (none yet)
    for m in re.finditer(f"[{re.escape(hints)}]", text):
        at = m.start()
        if end < 0:
            start = max(0, at - before)
        elif at - before > end:
            out += findall(text, start, end)
            start = at - before
        end = at + after
    if end >= 0:
        out += findall(text, start, end)
    return out


def holds_one_of(pattern: str, chars: str) -> bool:
    """True when every match of ``pattern`` holds a character of ``chars`` outside any
    optional part or lookaround (read from :func:`fai.re_cache.memo` after the first run).

    >>> holds_one_of(r"\\d+月|上半年|(?:第一|一)季度", "月季年"), holds_one_of(r"\\d+月?", "月")
    (True, False)
    """
    return bool(re_cache.memo_of_module(__file__, lambda: _parse_holds(pattern, chars), "holds", pattern, chars))


def max_width(pattern: str) -> int:
    """The most characters a match of ``pattern`` can hold (read from :func:`fai.re_cache.
    memo` after the first run).

    >>> max_width(r"(?:1[0-2]|[1-9])月份?")
    4
    """
    return int(re_cache.memo_of_module(__file__, lambda: _parse_max_width(pattern), "max_width", pattern))


def _parse_max_width(pattern: str) -> int:
    """:func:`max_width`, parsed."""
    from re import _parser as parser  # type: ignore[attr-defined]

    return int(parser.parse(pattern).getwidth()[1])


def _parse_holds(pattern: str, chars: str) -> bool:
    """:func:`holds_one_of`, parsed."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    def seq(items: list) -> bool:
        return any(one(op, av) for op, av in items)

    def one(op: object, av: object) -> bool:
        if op is c.LITERAL:
            return chr(av) in chars  # type: ignore[arg-type]
        if op is c.SUBPATTERN:
            return seq(list(av[-1]))  # type: ignore[index]
        if op is c.BRANCH:
            return all(seq(list(alt)) for alt in av[1])  # type: ignore[index]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
            return seq(list(av[2]))  # type: ignore[index]
        return False

    return seq(list(parser.parse(pattern)))
