"""Chinese characters: their Unicode ranges, how common a character is, traditional → simplified."""

from __future__ import annotations

import functools
from typing import Any

#: Unicode ranges of Chinese characters (ext. A, unified, compatibility ideographs).
CJK_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@functools.lru_cache(maxsize=1)
def converter() -> Any:
    """The OpenCC traditional → simplified converter, created on first use (opencc loads tables)."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones: ``to_simplified("固定資產投資")`` → ``"固定资产投资"``."""
    return converter().convert(text)


@functools.lru_cache(maxsize=65536)
def is_common_hanzi(char: str) -> bool:
    """True for the 3,755 most common characters (GB 2312 level 1), in simplified or traditional form.

    >>> is_common_hanzi("投"), is_common_hanzi("資"), is_common_hanzi("鎶")
    (True, True, False)
    """
    for c in (char, to_simplified(char)):
        try:
            b = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    return False
