"""Growth words: a year-on-year rate written out (同比增长8.4%, 下降22%, 增长3.3倍, 持平) and a
change in percentage points (回落0.1个百分点).

>>> parse_growth("同比下降22%"), parse_pp_change("比1—7月回落0.1个百分点")
(-22.0, -0.1)
"""

from __future__ import annotations

import re
from decimal import Decimal

from fai.cleaning.numbers import decimal_of
from fai.cleaning.text import compact
from fai.errors import NumberError, PercentagePointError, UnitError

UP = ("增长", "增加", "上升", "提高", "回升", "扩大", "加快")
DOWN = ("下降", "减少", "回落", "降低", "收窄", "放缓", "下滑")
GROWTH_UP = ("增长", "增加", "上升")
GROWTH_DOWN = ("下降", "减少")
_GROWTH_RE = re.compile(rf"(?s)(.*)({'|'.join(GROWTH_UP + GROWTH_DOWN)})了?(.+)")
_PP_RE = re.compile(rf"(?s)(.*)({'|'.join(UP + DOWN)})了?(.+?)个?百分点")
_PLAIN_PCT = re.compile(r"[+-]?(?:\d{1,30}(?:\.\d{1,30})?|\.\d{1,30})%")
_SIGNED = re.compile(r"[+-]")


def parse_growth(text: str, *, file: str | None = None, where: str = "") -> float:
    """A year-on-year growth phrase as a signed percentage.

    增长/增加/上升 → +, 下降/减少 → −, ``增长3.3倍`` → +330 (3.3 times more),
    ``持平`` → 0, a bare signed ``-1.7%`` is read as it is. Words before the
    last direction word (同比, 比上年同期, …) are ignored. A sign after the word is read only
    where the meaning is plain: ``增长-1.7%`` is a fall of 1.7 %; ``下降-5%`` (a fall of
    minus five) and ``下降+5%`` are contradictory and raise :class:`NumberError` naming the
    text. A change in ``个百分点`` raises :class:`PercentagePointError` (use
    :func:`parse_pp_change`).

    >>> parse_growth("同比增长8.4%"), parse_growth("增长-1.7%"), parse_growth("增长3.3倍")
    (8.4, -1.7, 330.0)
    """
    at = where or None
    s = compact(text)
    if "百分点" in s:
        raise PercentagePointError(
            file=file, where=at, found=f"{text[:60]!r} is a change in percentage points",
            expected="a growth rate in % (read it with parse_pp_change)",
        )
    if s.endswith("持平") or s == "0":
        return 0.0
    if _PLAIN_PCT.fullmatch(s):
        return float(Decimal(s[:-1]))
    m = _GROWTH_RE.fullmatch(s)
    if not m:
        raise NumberError(
            file=file, where=at, found=f"{text[:60]!r} is not a growth rate",
            expected="e.g. 增长8.4%, 下降22%, 增长3.3倍 or 持平",
        )
    _, word, tail = m.groups()
    if word in GROWTH_DOWN and _SIGNED.match(tail):
        raise NumberError(
            file=file, where=at,
            found=f"{text[:60]!r} puts a sign after {word} (a double negative or a contradiction)",
            expected=f"{word} with an unsigned rate (e.g. {word}5%) or a signed rate alone (-5%)",
        )
    if tail.endswith("倍"):
        value = decimal_of(tail[:-1], file=file, where=at) * 100
    elif tail.endswith("%") or tail.startswith("百分之"):
        value = decimal_of(tail, file=file, where=at)
    else:
        decimal_of(tail, file=file, where=at)  # not a number at all → NumberError
        raise UnitError(
            file=file, where=at, found=f"{text[:60]!r} has no % or 倍",
            expected="a growth rate such as 增长8.4% or 下降22%",
        )
    sign = -1 if word in GROWTH_DOWN else 1
    return float(sign * value)


def parse_pp_change(text: str, *, file: str | None = None, where: str = "") -> float:
    """A change in percentage points (个百分点) as a signed number.

    提高/回升/上升/加快/扩大 → +, 回落/下降/降低/收窄/放缓 → −; 持平 → 0.
    Words before the direction word (增速比1—7月…) are ignored.

    >>> parse_pp_change("比1—7月回落0.1个百分点"), parse_pp_change("提高1.5个百分点")
    (-0.1, 1.5)
    """
    at = where or None
    s = compact(text)
    if s.endswith("持平"):
        return 0.0
    m = _PP_RE.fullmatch(s)
    if not m:
        raise UnitError(
            file=file, where=at, found=f"{text[:60]!r} is not a change in percentage points",
            expected="e.g. 回落0.1个百分点 or 提高1.5个百分点",
        )
    value = decimal_of(m.group(3), file=file, where=at)
    return float(-value if m.group(2) in DOWN else value)
