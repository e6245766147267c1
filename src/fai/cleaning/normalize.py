"""Normalisation of Chinese statistical text: characters, numbers, units,
growth words, periods, region names and mojibake.

Pure functions, shared by the file readers (NBS exports, bureau tables) and
the bulletin parser. Every parser raises a :class:`~fai.errors.FaiError`
subclass on text it cannot read — never anything else — and accepts a
``where`` prefix (file and cell) that is put in front of its message.

>>> parse_amount("1.2万亿元"), parse_growth("下降22%"), parse_period("1—8月份")
(12000.0, -22.0, (None, 8))
"""

from __future__ import annotations

import math
import re
import warnings
from decimal import Decimal

from fai.cleaning.hanzi import CJK_RANGES, to_simplified
from fai.cleaning.mojibake import detect_mojibake, repair_mojibake
from fai.errors import (
    FaiWarning,
    NumberError,
    PercentagePointError,
    PeriodError,
    UnitError,
)

__all__ = [
    "detect_mojibake",
    "normalize_text",
    "parse_amount",
    "parse_growth",
    "parse_number",
    "parse_period",
    "parse_pp_change",
    "repair_mojibake",
    "resolve_region",
]

# ---------------------------------------------------------------- characters

# Full-width forms kept as they are: Chinese sentence punctuation.
_KEEP_FULLWIDTH = set("，；：？！")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2212: ord("-")})  # ideographic space, nbsp, minus
_ZERO_WIDTH = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
_TRANSLATE = {**_FULLWIDTH, **_ZERO_WIDTH}

_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2e3a\uff5e\u301c~-"
# a dash-like character between two digits: 1—8月, 1～8月, 2016–2019
_DIGIT_DASH = re.compile(rf"(?<=\d)\s*[{_DASHES}]{{1,2}}\s*(?=\d)")
# "一" typed for a dash, only inside a month range of Arabic digits: 1一8月
_DIGIT_YI = re.compile(r"(?<=\d)\s*一\s*(?=\d{1,2}\s*月)")
_SPACE_NEAR_CJK = re.compile(rf"\s+(?=[{CJK_RANGES}{_CJK_PUNCT}%])|(?<=[{CJK_RANGES}{_CJK_PUNCT}])\s+")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)\s+(?=[.%])|(?<=\d\.)\s+(?=\d)")
_DOUBLE_COMMA = re.compile(r"([，,])\s*(?:[，,]\s*)+")




def normalize_text(text: str) -> str:
    """Canonical form of Chinese statistical text, before any parsing.

    - traditional → simplified characters (OpenCC ``t2s``);
    - full-width digits, letters and ``％ ． － （ ） ＋``→ ASCII; the Chinese
      sentence punctuation ``，；：？！`` (and ``、。``) is kept;
    - a dash between two digits (``— – ～ ~ ― －``, or ``一`` inside ``1一8月``)
      → ``-``; dashes elsewhere (``——`` in prose, the ``—`` marker) are kept;
    - whitespace next to a Chinese character, before ``%`` or around a
      decimal point is removed (``26.22 %`` → ``26.22%``, ``北 京`` → ``北京``);
      digits separated by spaces (``6 2 9.44``) are left alone, since they may
      be two figures;
    - doubled commas collapse (``，，`` → ``，``), other whitespace runs → one space.

    >>> normalize_text("１—８月份，全省固定資產投資增長 ８．４ ％，，")
    '1-8月份，全省固定资产投资增长8.4%，'
    """
    s = str(text).translate(_TRANSLATE)
    if not s.isascii():
        s = to_simplified(s)
    s = _DIGIT_DASH.sub("-", s)
    s = _DIGIT_YI.sub("-", s)
    s = _SPACE_NEAR_CJK.sub("", s)
    s = _SPACE_IN_NUMBER.sub("", s)
    s = _DOUBLE_COMMA.sub(r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


def _at(where: str) -> str:
    return f"{where}: " if where else ""


# ------------------------------------------------------------------- numbers

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
    "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_CHARS = set(_CN_DIGITS) | set(_CN_SMALL) | {"万", "亿"}
_ARABIC = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ARABIC_MULT = re.compile(r"([+-]?(?:\d+(?:\.\d+)?|\.\d+))(万亿|亿|万)")
_MULT = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def _cn_integer(s: str) -> int | None:
    """Integer value of a Chinese numeral (四万九千二百七十四, 二〇一六), or None."""
    if not s or any(c not in _CN_CHARS for c in s):
        return None
    if all(c in _CN_DIGITS for c in s):  # 二〇一六, 八
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    result = wan = section = 0
    number: int | None = None
    for c in s:
        if c in _CN_DIGITS:
            if number not in (None, 0):  # two digits in a row: 二三
                return None
            number = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (1 if number is None else number) * _CN_SMALL[c]
            number = None
        elif c == "万":
            part = section + (number or 0)
            if part == 0 and wan == 0:
                return None
            wan = (wan + part) * 10**4
            section, number = 0, None
        else:  # 亿
            part = wan + section + (number or 0)
            if part == 0 and result == 0:
                return None
            result = (result + part) * 10**8
            wan = section = 0
            number = None
    return result + wan + section + (number or 0)


def _decimal(text: str, where: str = "") -> Decimal:
    """Exact value of a (normalised) number text; raises NumberError."""
    s = text.strip().replace(" ", "")
    sign = 1
    if s.startswith("负"):
        sign, s = -1, s[1:]
    percent = False
    if s.startswith("百分之"):
        percent, s = True, s[3:]
    elif s.endswith("%"):
        percent, s = True, s[:-1]
    value: Decimal | None = None
    if _ARABIC.fullmatch(s):
        value = Decimal(s)
    elif _THOUSANDS.fullmatch(s):
        value = Decimal(s.replace(",", ""))
    elif (m := _ARABIC_MULT.fullmatch(s)) and not percent:
        value = Decimal(m.group(1)) * _MULT[m.group(2)]
    elif s:
        whole, _, frac = s.partition("点")
        integer = _cn_integer(whole) if whole else None
        if integer is not None and all(c in _CN_DIGITS for c in frac):
            digits = "".join(str(_CN_DIGITS[c]) for c in frac)
            value = Decimal(f"{integer}.{digits}" if digits else str(integer))
            if "点" in s and not frac:
                value = None
    if value is None or not value.is_finite():
        raise NumberError(
            f"{_at(where)}{text!r} is not a number — expected e.g. 629.44, "
            "1,234.5 or 四万九千二百七十四"
        )
    return sign * value


def parse_number(text: str | float, *, where: str = "") -> float:
    """A number written in Arabic or Chinese numerals, as a float.

    Accepts thousands separators, a trailing ``%`` or a leading ``百分之``
    (the percentage value is returned: 28.9, not 0.289), ``负`` for minus,
    Chinese numerals with ``点`` as decimal point and a trailing ``万``/``亿``
    multiplier. Units (元, 倍, 个百分点) are not numbers: see
    :func:`parse_amount`, :func:`parse_growth` and :func:`parse_pp_change`.

    >>> parse_number("1,234.5"), parse_number("四万九千二百七十四"), parse_number("百分之二十八点九")
    (1234.5, 49274.0, 28.9)
    """
    if isinstance(text, bool):
        raise NumberError(f"{_at(where)}{text!r} is not a number — expected a figure")
    if isinstance(text, int | float):
        value = float(text)
        if not math.isfinite(value):
            raise NumberError(f"{_at(where)}{text!r} is not a finite number")
        return value
    result = float(_decimal(normalize_text(text), where))
    if result in (float("inf"), float("-inf")):
        raise NumberError(f"{_at(where)}{text!r} is too large — expected a finite number")
    return result


# --------------------------------------------------------------------- units

# unit → how many 亿元 one unit is (exact decimals)
_AMOUNT_UNITS: dict[str, Decimal] = {
    "万亿元": Decimal(10) ** 4,
    "万亿": Decimal(10) ** 4,
    "亿元": Decimal(1),
    "亿": Decimal(1),
    "千万元": Decimal("0.1"),
    "百万元": Decimal("0.01"),
    "十万元": Decimal("0.001"),
    "万元": Decimal("0.0001"),
    "千元": Decimal("0.00001"),
    "元": Decimal("0.00000001"),
}
_UNIT_ORDER = sorted(_AMOUNT_UNITS, key=len, reverse=True)


def amount_factor(unit: str, *, where: str = "") -> float:
    """How many 亿元 one ``unit`` is: 万元 → 0.0001, 亿元 → 1, 万亿元 → 10000.

    >>> amount_factor("万元")
    0.0001
    """
    u = normalize_text(unit).strip("()（）单位:： ")
    if u not in _AMOUNT_UNITS:
        raise UnitError(
            f"{_at(where)}unit {unit!r} is not a money unit — expected 亿元, 万元, 元 or 万亿元"
        )
    return float(_AMOUNT_UNITS[u])


def parse_amount(text: str, *, where: str = "") -> float:
    """A money amount converted to 亿元 (100 million yuan).

    Units: 万亿元, 亿元, 千万元, 百万元, 万元, 千元, 元; a bare 亿 or 万亿
    (as in headlines) is read as 亿元 / 万亿元. No unit → :class:`UnitError`.

    >>> parse_amount("629.44亿元"), parse_amount("3.2万元"), parse_amount("四万九千二百七十四亿元")
    (629.44, 0.00032, 49274.0)
    """
    s = normalize_text(text).replace(" ", "")
    for unit in _UNIT_ORDER:
        if s.endswith(unit) and len(s) > len(unit):
            head = s[: -len(unit)]
            try:
                number = _decimal(head, where)
            except NumberError:
                if re.fullmatch(r"[\d.,+\-%负点百分之" + "".join(_CN_CHARS) + "]*", head):
                    raise
                raise UnitError(
                    f"{_at(where)}{text!r} has an unknown unit — expected 亿元, 万元, 元 or 万亿元"
                ) from None
            return float(number * _AMOUNT_UNITS[unit])
    raise UnitError(
        f"{_at(where)}{text!r} has no money unit — expected a figure with 亿元, "
        "万元, 元 or 万亿元 (e.g. 629.44亿元)"
    )


# -------------------------------------------------------------------- growth

_UP = ("增长", "增加", "上升", "提高", "回升", "扩大", "加快")
_DOWN = ("下降", "减少", "回落", "降低", "收窄", "放缓", "下滑")
_GROWTH_UP = ("增长", "增加", "上升")
_GROWTH_DOWN = ("下降", "减少")
_GROWTH_RE = re.compile(rf"(?s)(.*)({'|'.join(_GROWTH_UP + _GROWTH_DOWN)})了?(.+)")
_PP_RE = re.compile(rf"(?s)(.*)({'|'.join(_UP + _DOWN)})了?(.+?)个?百分点")
_PLAIN_PCT = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)%")


def parse_growth(text: str, *, where: str = "") -> float:
    """A year-on-year growth phrase as a signed percentage.

    增长/增加/上升 → +, 下降/减少 → −, ``增长3.3倍`` → +330 (3.3 times more),
    ``持平`` → 0, a bare signed ``-1.7%`` is read as it is. Words before the
    last direction word (同比, 比上年同期, …) are ignored. A change in
    ``个百分点`` raises :class:`PercentagePointError` (use
    :func:`parse_pp_change`).

    >>> parse_growth("同比增长8.4%"), parse_growth("增长-1.7%"), parse_growth("增长3.3倍")
    (8.4, -1.7, 330.0)
    """
    s = normalize_text(text).replace(" ", "")
    if "百分点" in s:
        raise PercentagePointError(
            f"{_at(where)}{text!r} is a change in percentage points — "
            "expected a growth rate in % (read it with parse_pp_change)"
        )
    if s.endswith("持平") or s == "0":
        return 0.0
    if _PLAIN_PCT.fullmatch(s):
        return float(Decimal(s[:-1]))
    m = _GROWTH_RE.fullmatch(s)
    if not m:
        raise NumberError(
            f"{_at(where)}{text!r} is not a growth rate — expected e.g. "
            "增长8.4%, 下降22%, 增长3.3倍 or 持平"
        )
    _, word, tail = m.groups()
    if tail.endswith("倍"):
        value = _decimal(tail[:-1], where) * 100
    elif tail.endswith("%") or tail.startswith("百分之"):
        value = _decimal(tail, where)
    else:
        _decimal(tail, where)  # not a number at all → NumberError
        raise UnitError(
            f"{_at(where)}{text!r} has no % or 倍 — expected a growth rate "
            "such as 增长8.4% or 下降22%"
        )
    sign = -1 if word in _GROWTH_DOWN else 1
    return float(sign * value)


def parse_pp_change(text: str, *, where: str = "") -> float:
    """A change in percentage points (个百分点) as a signed number.

    提高/回升/上升/加快/扩大 → +, 回落/下降/降低/收窄/放缓 → −; 持平 → 0.
    Words before the direction word (增速比1—7月…) are ignored.

    >>> parse_pp_change("比1—7月回落0.1个百分点"), parse_pp_change("提高1.5个百分点")
    (-0.1, 1.5)
    """
    s = normalize_text(text).replace(" ", "")
    if s.endswith("持平"):
        return 0.0
    m = _PP_RE.fullmatch(s)
    if not m:
        raise UnitError(
            f"{_at(where)}{text!r} is not a change in percentage points — "
            "expected e.g. 回落0.1个百分点 or 提高1.5个百分点"
        )
    value = _decimal(m.group(3), where)
    return float(-value if m.group(2) in _DOWN else value)


# ------------------------------------------------------------------- periods

_CN_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九]|[元正])"
_YEAR_RE = re.compile(r"(\d{4}|[〇零○一二三四五六七八九]{4})年度?")
_QUARTERS = {
    "一季度": 3, "第一季度": 3, "1季度": 3, "首季度": 3, "首季": 3, "q1": 3,
    "上半年": 6, "前两季度": 6, "前二季度": 6, "一至二季度": 6, "1-2季度": 6,
    "前三季度": 9, "前3季度": 9, "一至三季度": 9, "1-3季度": 9,
    "全年": 12, "前四季度": 12, "一至四季度": 12, "1-4季度": 12,
}  # fmt: skip
_NOT_YTD = ("二季度", "三季度", "四季度", "第二季度", "第三季度", "第四季度", "下半年")
_RANGE = re.compile(rf"({_CN_MONTH})(?:-|至|到)({_CN_MONTH})月份?(?:累计)?")
_FIRST_N = re.compile(rf"前({_CN_MONTH})个?月份?(?:累计)?")
_UNTIL = re.compile(rf"({_CN_MONTH})月份?(?:底|末)?(?:累计)?")


def _month(text: str, where: str, original: str) -> int:
    value = 1 if text in ("元", "正") else (int(text) if text.isdigit() else _cn_integer(text))
    if value is None or not 1 <= value <= 12:
        raise PeriodError(f"{_at(where)}period {original!r} names month {text} — expected 1–12")
    return value


def parse_period(
    text: str, default_year: int | None = None, *, where: str = ""
) -> tuple[int | None, int]:
    """(year, last month) of a year-to-date period label; year is ``default_year`` when absent.

    Reads 1—8月, 1-8月份, 1至8月, 一至八月, 元至八月, 前8个月, 截至8月底,
    2016年1-8月, 一季度 (3), 上半年 (6), 前三季度 (9), 全年 (12), an annual
    ``2024年`` (12), a month name ``2019年12月`` and the tidy ``2019-12``.
    A span that does not start in January, a single later quarter, or a month
    outside 1–12 raises :class:`PeriodError`.

    >>> parse_period("2016年1—8月"), parse_period("前三季度", 2024), parse_period("元至八月")
    ((2016, 8), (2024, 9), (None, 8))
    """
    original = text
    s = normalize_text(text).replace(" ", "").lower()
    if m := re.fullmatch(r"((?:19|20)\d{2})-(\d{1,2})", s):
        return int(m.group(1)), _month(m.group(2), where, original)
    until = False
    if m := re.match(r"截至|截止到?|到|至", s):
        until, s = True, s[m.end() :]
    year = default_year
    if m := _YEAR_RE.match(s):
        y = m.group(1)
        year = int(y) if y.isdigit() else _cn_integer(y)
        s = s[m.end() :]
        if not s and not until:
            return year, 12  # annual column: 2024年
    if year is not None and not 1900 <= year <= 2100:
        raise PeriodError(f"{_at(where)}period {original!r} has year {year} — expected 1900–2100")
    if s in _QUARTERS and not until:
        return year, _QUARTERS[s]
    if s in _NOT_YTD:
        raise PeriodError(
            f"{_at(where)}period {original!r} is a single quarter or half — "
            "expected a year-to-date span (一季度, 上半年, 前三季度, 1—N月)"
        )
    if not until and (m := _RANGE.fullmatch(s)):
        if _month(m.group(1), where, original) != 1:
            raise PeriodError(
                f"{_at(where)}period {original!r} does not start in January — "
                "expected a year-to-date span such as 1—8月"
            )
        return year, _month(m.group(2), where, original)
    if not until and (m := _FIRST_N.fullmatch(s)):
        return year, _month(m.group(1), where, original)
    if m := _UNTIL.fullmatch(s):
        return year, _month(m.group(1), where, original)
    if m := re.fullmatch(r"(\d+)(?:-|至|到)(\d+)月份?(?:累计)?|(\d+)月份?", s):  # 1-13月
        bad = m.group(2) or m.group(3)
        _month(bad, where, original)
    raise PeriodError(
        f"{_at(where)}period {original!r} is not a year-to-date period — expected "
        "e.g. 1—8月, 2016年1-8月, 前三季度, 上半年 or 全年"
    )


# ------------------------------------------------------------------- regions


def resolve_region(name: str) -> str | None:
    """Registry code of a region name in any form (traditional, full-width, spaced).

    Unknown names return None with a :class:`~fai.errors.FaiWarning`; the
    caller keeps the row.

    >>> resolve_region("內蒙古"), resolve_region("北 京 市"), resolve_region("東部地區")
    ('150000', '110000', '900001')
    """
    from fai.model.regions import lookup

    text = normalize_text(name).replace(" ", "")
    code = lookup(text) if text else None
    if code is None:
        warnings.warn(
            f"region {name!r} is not in the registry — kept without a code",
            FaiWarning,
            stacklevel=2,
        )
    return code
