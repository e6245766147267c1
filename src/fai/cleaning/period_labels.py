"""Period labels as sources write them (1—8月, 2016年1-8月, 前三季度, 上半年, 元至八月,
2024年) → (year, last month of the year-to-date span).

Not to be confused with :func:`fai.model.periods.parse_period`, which checks the tidy
table's own ``"YYYY-MM"``.

>>> read_period_label("2016年1—8月"), read_period_label("前三季度", 2024)
((2016, 8), (2024, 9))
"""

from __future__ import annotations

import re

from fai import re_cache
from fai.cleaning.numbers import cn_integer
from fai.cleaning.text import compact
from fai.errors import PeriodError
from fai.model.years import FIRST_YEAR, LAST_YEAR

_CN_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九]|[元正])"
_YEAR_RE = re_cache.compile(r"(\d{4}|[〇零○一二三四五六七八九]{4})年度?")
_QUARTERS = {
    "一季度": 3, "第一季度": 3, "1季度": 3, "首季度": 3, "首季": 3, "q1": 3,
    "上半年": 6, "前两季度": 6, "前二季度": 6, "一至二季度": 6, "1-2季度": 6,
    "前三季度": 9, "前3季度": 9, "一至三季度": 9, "1-3季度": 9,
    "全年": 12, "前四季度": 12, "一至四季度": 12, "1-4季度": 12,
}  # fmt: skip
_NOT_YTD = ("二季度", "三季度", "四季度", "第二季度", "第三季度", "第四季度", "下半年")
_RANGE = re_cache.compile(rf"({_CN_MONTH})(?:-|至|到)({_CN_MONTH})月份?(?:累计)?")
_FIRST_N = re_cache.compile(rf"前({_CN_MONTH})个?月份?(?:累计)?")
_UNTIL = re_cache.compile(rf"({_CN_MONTH})月份?(?:底|末)?(?:累计)?")
_TIDY = re_cache.compile(r"(\d{4})-(\d{1,2})")
_EXPECTED = "a year-to-date period such as 1—8月, 2016年1-8月, 前三季度, 上半年 or 全年"


def _month(text: str, original: str, file: str | None, where: str | None) -> int:
    value = 1 if text in ("元", "正") else (int(text) if text.isdigit() else cn_integer(text))
    if value is None or not 1 <= value <= 12:
        raise PeriodError(file=file, where=where, found=f"period {original!r} names month {text}",
                          expected="1–12")
    return value


def read_period_label(
    text: str, default_year: int | None = None, *, file: str | None = None, where: str = ""
) -> tuple[int | None, int]:
    """(year, last month) of a year-to-date period label; year is ``default_year`` when absent.

    Reads 1—8月, 1-8月份, 1至8月, 一至八月, 元至八月, 前8个月, 截至8月底,
    2016年1-8月, 一季度 (3), 上半年 (6), 前三季度 (9), 全年 (12), an annual
    ``2024年`` (12), a month name ``2019年12月`` and the tidy ``2019-12``.
    A span that does not start in January, a single later quarter, a month
    outside 1–12 or a year outside 1949–2100 raises :class:`PeriodError`.

    >>> read_period_label("2016年1—8月"), read_period_label("前三季度", 2024)
    ((2016, 8), (2024, 9))
    >>> read_period_label("元至八月")
    (None, 8)
    """
    original = text
    at = where or None
    s = compact(text).lower()
    if len(s) > 40:
        raise PeriodError(file=file, where=at, found=f"period {original[:40]!r}… is too long",
                          expected=_EXPECTED)
    if m := _TIDY.fullmatch(s):
        year = int(m.group(1))
        _check_year(year, original, file, at)
        return year, _month(m.group(2), original, file, at)
    until = False
    if m := re.match(r"截至|截止到?|到|至", s):
        until, s = True, s[m.end() :]
    year = default_year
    if m := _YEAR_RE.match(s):
        y = m.group(1)
        year = int(y) if y.isdigit() else cn_integer(y)
        s = s[m.end() :]
        if year is not None:
            _check_year(year, original, file, at)
        if not s and not until:
            return year, 12  # annual column: 2024年
    if s in _QUARTERS and not until:
        return year, _QUARTERS[s]
    if s in _NOT_YTD:
        raise PeriodError(
            file=file, where=at, found=f"period {original!r} is a single quarter or half",
            expected="a year-to-date span (一季度, 上半年, 前三季度, 1—N月)",
        )
    if not until and (m := _RANGE.fullmatch(s)):
        if _month(m.group(1), original, file, at) != 1:
            raise PeriodError(
                file=file, where=at, found=f"period {original!r} does not start in January",
                expected="a year-to-date span such as 1—8月",
            )
        return year, _month(m.group(2), original, file, at)
    if not until and (m := _FIRST_N.fullmatch(s)):
        return year, _month(m.group(1), original, file, at)
    if m := _UNTIL.fullmatch(s):
        return year, _month(m.group(1), original, file, at)
    if m := re.fullmatch(r"(\d{1,3})(?:-|至|到)(\d{1,3})月份?(?:累计)?|(\d{1,3})月份?", s):  # 1-13月
        _month(m.group(2) or m.group(3), original, file, at)
    raise PeriodError(file=file, where=at,
                      found=f"period {original!r} is not a year-to-date period", expected=_EXPECTED)


def _check_year(year: int, original: str, file: str | None, where: str | None) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(file=file, where=where, found=f"period {original!r} has year {year}",
                          expected=f"a year from {FIRST_YEAR} to {LAST_YEAR}")
