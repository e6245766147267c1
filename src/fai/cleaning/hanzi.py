"""Chinese characters: their Unicode ranges, how common a character is, traditional → simplified."""

from __future__ import annotations

import functools
from typing import Any

#: Unicode ranges of Chinese characters (ext. A, unified, compatibility ideographs).
CJK_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


#: the lead bytes of GB 2312's hanzi: level 1 (its 3,755 most common), and levels 1 and 2
LEVEL1_LEADS = range(0xB0, 0xD8)
HANZI_LEADS = range(0xB0, 0xF8)


def gb2312_hanzi(leads: range = HANZI_LEADS) -> list[str]:
    """The hanzi of GB 2312 whose lead byte is in ``leads``, in code order.

    >>> len(gb2312_hanzi()), len(gb2312_hanzi(LEVEL1_LEADS)), gb2312_hanzi()[0]
    (6763, 3755, '啊')
    """
    out = []
    for lead in leads:
        for cell in range(0xA1, 0xFF):
            try:
                out.append(bytes((lead, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


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
        if len(b) == 2 and b[0] in LEVEL1_LEADS:
            return True
    return False
