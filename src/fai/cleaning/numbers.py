"""Numbers and money: Arabic and Chinese numerals, thousands separators, money units → 亿元,
the cell markers of statistical tables (— not applicable, … below the unit), and the
vectorised reading of a column of number cells.

Every parser raises a :class:`~fai.errors.FaiError` subclass on text it cannot read, never
anything else, and names the place it was given (``file``, ``where``).

>>> parse_number("四万九千二百七十四"), parse_amount("1.2万亿元")
(49274.0, 12000.0)
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from fai import re_cache
from fai.cleaning.text import compact
from fai.errors import NumberError, UnitError
from fai.model import labels

if TYPE_CHECKING:  # numpy and pandas load on first use (the bulletin reader needs neither)
    import numpy as np
    import pandas as pd

#: Cells meaning "not applicable" and "below the unit shown" (not a zero).
NOT_APPLICABLE = frozenset({"—", "-", "--", "——", "－", "/", "×", "x"})
BELOW_UNIT = frozenset({"…", "...", "……", "·", "..", "。。。"})
#: Words that are not numbers though float() reads them.
NOT_A_NUMBER = re_cache.compile(r"[+-]?(?:nan|inf|infinity|none|null)", re.IGNORECASE)
_PLAIN = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_PLAIN_RE = re_cache.compile(_PLAIN)

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3,
    "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_CHARS = frozenset(_CN_DIGITS) | frozenset(_CN_SMALL) | {"万", "亿"}
_ARABIC = re_cache.compile(r"[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})")
_THOUSANDS = re_cache.compile(r"[+-]?\d{1,3}(?:,\d{3}){1,10}(?:\.\d{1,30})?")
_ARABIC_MULT = re_cache.compile(r"([+-]?(?:\d{1,30}(?:\.\d{1,30})?|\.\d{1,30}))(万亿|亿|万)")
_MULT = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def cn_integer(s: str) -> int | None:
    """Integer value of a Chinese numeral (四万九千二百七十四, 二〇一六), or None.

    >>> cn_integer("一千零五"), cn_integer("二〇一六"), cn_integer("二三十")
    (1005, 2016, None)
    """
    if not s or len(s) > 40 or any(c not in CN_CHARS for c in s):
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


def decimal_of(text: str, *, file: str | None = None, where: str | None = None) -> Decimal:
    """Exact value of a (normalised) number text; raises :class:`NumberError`.

    >>> decimal_of("1,234.5"), decimal_of("负三点五")
    (Decimal('1234.5'), Decimal('-3.5'))
    """
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
        integer = cn_integer(whole) if whole else None
        if integer is not None and len(frac) <= 30 and all(c in _CN_DIGITS for c in frac):
            digits = "".join(str(_CN_DIGITS[c]) for c in frac)
            value = Decimal(f"{integer}.{digits}" if digits else str(integer))
            if "点" in s and not frac:
                value = None
    if value is None or not value.is_finite():
        raise NumberError(
            file=file, where=where, found=f"{text[:60]!r} is not a number",
            expected="e.g. 629.44, 1,234.5 or 四万九千二百七十四",
        )
    return sign * value


def parse_number(text: str | float, *, file: str | None = None, where: str = "") -> float:
    """A number written in Arabic or Chinese numerals, as a float.

    Accepts thousands separators, a trailing ``%`` or a leading ``百分之``
    (the percentage value is returned: 28.9, not 0.289), ``负`` for minus,
    Chinese numerals with ``点`` as decimal point and a trailing ``万``/``亿``
    multiplier. Units (元, 倍, 个百分点) are not numbers: see
    :func:`parse_amount`, :func:`fai.cleaning.growth.parse_growth` and
    :func:`fai.cleaning.growth.parse_pp_change`.

    >>> parse_number("1,234.5"), parse_number("四万九千二百七十四"), parse_number("百分之二十八点九")
    (1234.5, 49274.0, 28.9)
    """
    at = where or None
    if isinstance(text, bool):
        raise NumberError(file=file, where=at, found=f"{text!r} is not a number", expected="a figure")
    if isinstance(text, int | float):
        value = float(text)
        if not math.isfinite(value):
            raise NumberError(file=file, where=at, found=f"{text!r} is not a finite number",
                              expected="a figure")
        return value
    result = float(decimal_of(compact(text), file=file, where=at))
    if not math.isfinite(result):
        raise NumberError(file=file, where=at, found=f"{text[:60]!r} is too large",
                          expected="a finite number")
    return result


def amount_factor(unit: str, *, file: str | None = None, where: str = "") -> float:
    """How many 亿元 one ``unit`` is: 万元 → 0.0001, 亿元 → 1, 万亿元 → 10000.

    Reads the money-unit table of :mod:`fai.model.labels`; a ``单位：`` prefix or brackets
    around the unit are ignored.

    >>> amount_factor("万元"), amount_factor("单位：亿元")
    (0.0001, 1.0)
    """
    u = compact(unit).strip("()（）单位:： ")
    return float(labels.money_factor(u, file=file, where=where or None))


def to_100m_yuan(values: float | np.ndarray, factor: float) -> float | np.ndarray:
    """Amounts in a unit worth ``factor`` 亿元 each, in 亿元 — as exact as the decimals
    written: a small unit is divided by its whole inverse (514374 万元 / 10,000 = 51.4374),
    never multiplied by an inexact 0.0001 (which gives 51.437400000000004).

    >>> to_100m_yuan(514374.0, 0.0001), to_100m_yuan(1.2, 10000.0)
    (51.4374, 12000.0)
    """
    if 0 < factor < 1:
        return values / round(1 / factor)
    return values * factor


def money_unit_at_end(text: str) -> str | None:
    """The money unit a text ends with (629.44亿元 → 亿元; a bare 亿 is 亿元), or None.

    >>> money_unit_at_end("629.44亿元"), money_unit_at_end("3万"), money_unit_at_end("8.4%")
    ('亿元', None, None)
    """
    for unit in labels.money_units():
        if text.endswith(unit) and len(text) > len(unit):
            return unit if unit.endswith("元") else unit + "元"
    return None


def parse_amount(text: str, *, file: str | None = None, where: str = "") -> float:
    """A money amount converted to 亿元 (100 million yuan).

    Units: those of ``money_units.csv`` (万亿元, 亿元, 千万元, 百万元, 万元, 千元, 元; a bare
    亿 or 万亿 as in headlines). No unit → :class:`UnitError`.

    >>> parse_amount("629.44亿元"), parse_amount("3.2万元"), parse_amount("四万九千二百七十四亿元")
    (629.44, 0.00032, 49274.0)
    """
    at = where or None
    s = compact(text)
    for unit, factor in labels.money_units().items():
        if s.endswith(unit) and len(s) > len(unit):
            head = s[: -len(unit)]
            try:
                number = decimal_of(head, file=file, where=at)
            except NumberError:
                if re.fullmatch(r"[\d.,+\-%负点百分之" + "".join(CN_CHARS) + "]*", head):
                    raise
                raise UnitError(file=file, where=at, found=f"{text[:60]!r} has an unknown unit",
                                expected="亿元, 万元, 元 or 万亿元") from None
            return float(number * factor)
    raise UnitError(
        file=file, where=at, found=f"{text[:60]!r} has no money unit",
        expected="a figure with 亿元, 万元, 元 or 万亿元 (e.g. 629.44亿元)",
    )


def plain_numbers(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised reading of text cells: (float values, mask of cells that need a closer look).

    A cell is read here when it is a plain decimal number (``-0.9``, ``3838.38``,
    ``1.2E+5``); blank cells are NaN and fine; every other cell — text, thousands
    separators, ``nan``/``inf`` spelled out — is NaN and flagged, for the caller to parse
    one by one (:func:`parse_number`) or refuse. Infinite values are flagged too.

    >>> import pandas as pd
    >>> v, look = plain_numbers(pd.Series(["-0.9", "", "1,234", "inf", None]))
    >>> v.tolist()[:2], look.tolist()
    ([-0.9, nan], [False, False, True, True, False])
    """
    import numpy as np
    import pandas as pd

    text = cells.astype(object).where(cells.notna(), "").astype(str).str.strip()
    blank = (text == "").to_numpy()
    plain = text.str.fullmatch(_PLAIN).fillna(False).to_numpy(dtype=bool)
    values = np.full(len(text), np.nan)
    if plain.any():
        values[plain] = pd.to_numeric(text[plain], errors="coerce").to_numpy(dtype=float)
    look = ~blank & (~plain | ~np.isfinite(np.where(plain, values, 0.0)))
    values[look] = np.nan
    return values, look


def is_plain_number(text: str) -> bool:
    """True for a plain decimal number (``-5``, ``1.2e3``): harmless to a spreadsheet.

    >>> is_plain_number("-0.9"), is_plain_number("-2+3")
    (True, False)
    """
    return bool(_PLAIN_RE.fullmatch(text.strip()))
