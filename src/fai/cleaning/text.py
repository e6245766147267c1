"""Canonical text: the one pass every reader makes over Chinese statistical text before
parsing it (traditional → simplified, full-width → ASCII, dashes, spaces).

>>> normalize_text("１—８月份，全省固定資產投資增長 ８．４ ％，，")
'1-8月份，全省固定资产投资增长8.4%，'
"""

from __future__ import annotations

from fai import re_cache
from fai.cleaning.hanzi import CJK_RANGES, to_simplified

# Full-width forms kept as they are: Chinese sentence punctuation.
_KEEP_FULLWIDTH = set("，；：？！")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2212: ord("-")})  # ideographic space, nbsp, minus
_ZERO_WIDTH = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
_TRANSLATE = {**_FULLWIDTH, **_ZERO_WIDTH}
# a long text is quicker to test for each character of _TRANSLATE and replace the few it
# holds than to translate character by character (the same text: no character maps to a key)
_TRANSLATE_PAIRS = tuple((chr(k), chr(v) if v is not None else "") for k, v in _TRANSLATE.items())
_LONG = 5000

_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2e3a\uff5e\u301c~-"
# Each of the four patterns below starts with the class of its first character, so the
# regex engine skips in one fast scan the positions that cannot start a match (a pattern
# starting with a lookbehind is tried at every position: 8 times slower on a 1 MB text).
# What each matches, as first written (tests/cleaning/test_text.py holds these forms):
#   _DIGIT_DASH       (?<=\d)\s*[dashes]{1,2}\s*(?=\d)
#   _DIGIT_YI         (?<=\d)\s*一\s*(?=\d{1,2}\s*月)
#   _SPACE_NEAR_CJK   \s+(?=[CJK punct %])|(?<=[CJK punct])\s+
#   _SPACE_IN_NUMBER  (?<=\d)\s+(?=[.%])|(?<=\d\.)\s+(?=\d)
# a dash-like character between two digits: 1—8月, 1～8月, 2016–2019
_DIGIT_DASH = re_cache.compile(
    rf"[\s{_DASHES}](?:(?<=\d\s)\s*[{_DASHES}]{{1,2}}|(?<=\d[{_DASHES}])[{_DASHES}]?)\s*(?=\d)"
)
# "一" typed for a dash, only inside a month range of Arabic digits: 1一8月
_DIGIT_YI = re_cache.compile(r"[\s一](?:(?<=\d\s)\s*一|(?<=\d一))\s*(?=\d{1,2}\s*月)")
_SPACE_NEAR_CJK = re_cache.compile(
    rf"\s(?:\s*(?=[{CJK_RANGES}{_CJK_PUNCT}%])|(?<=[{CJK_RANGES}{_CJK_PUNCT}]\s)\s*)"
)
_SPACE_IN_NUMBER = re_cache.compile(r"\s(?:(?<=\d\s)\s*(?=[.%])|(?<=\d\.\s)\s*(?=\d))")
_DOUBLE_COMMA = re_cache.compile(r"([，,])\s*(?:[，,]\s*)+")
_WHITESPACE = re_cache.compile(r"\s+")


def replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` with the first of each ``(old, new)`` of ``pairs`` replaced by the second, each
    tested for first: the same text as ``str.translate`` of the pairs when no ``new`` holds an
    ``old``, and quicker where few of them occur (a long text, a line's ASCII punctuation).

    >>> replace_each("１，２", (("１", "1"), ("２", "2"), ("３", "3")))
    '1，2'
    """
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


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
    s = str(text)
    s = s.translate(_TRANSLATE) if len(s) < _LONG else replace_each(s, _TRANSLATE_PAIRS)
    if not s.isascii():
        s = to_simplified(s)
    s = _DIGIT_DASH.sub("-", s)
    s = _DIGIT_YI.sub("-", s)
    if _has_space(s):  # (the three patterns of spaces each scan the whole text)
        s = _SPACE_NEAR_CJK.sub("", s)
        s = _SPACE_IN_NUMBER.sub("", s)
        s = _DOUBLE_COMMA.sub(r"\1", s)
        return _WHITESPACE.sub(" ", s).strip() if _has_space(s) else s
    return _DOUBLE_COMMA.sub(r"\1", s)


def _has_space(text: str) -> bool:
    """True when ``text`` holds whitespace (``str.split``'s is the regex engine's ``\\s``:
    both test ``Py_UNICODE_ISSPACE``); one quick pass, no regex.

    >>> _has_space("投资\\u3000增长"), _has_space("投资增长"), _has_space(" ")
    (True, False, True)
    """
    parts = text.split(maxsplit=1)
    return len(parts) != 1 or len(parts[0]) != len(text)


def compact(text: str) -> str:
    """Canonical text without any space: how labels and header cells are compared.

    >>> compact(" 其中： 民间 投资 ")
    '其中：民间投资'
    """
    return normalize_text(text).replace(" ", "")
