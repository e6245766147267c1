"""Region aliases: the short names a region is called by, and names cleaned for look-up.

Pure functions over strings, used by :mod:`fai.model.regions` (aliases) and
:mod:`fai.model.region_file` (the user's regions).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# display short names (charts): the suffixes a province or prefecture drops (北京市 → 北京)
SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")
# lookup short names: what a prefecture or county drops (余杭区 → 余杭, 兴安盟 → 兴安)
ALIAS_SUFFIXES = ("自治州", "自治县", "自治旗", "新区", "林区", "特区", "矿区", "地区", "区", "县",
                  "市", "旗", "盟")


@functools.lru_cache(maxsize=1)
def _ethnic() -> tuple[str, ...]:
    lines = (DATA / "ethnic_groups.txt").read_text(encoding="utf-8").splitlines()
    return tuple(sorted((ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")),
                        key=len, reverse=True))


def display_short(name: str) -> str:
    """The short name charts show: 北京市 → 北京, 广西壮族自治区 → 广西; 余杭区 stays.

    >>> display_short("株洲市"), display_short("余杭区")
    ('株洲', '余杭区')
    """
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def short_names(name: str) -> list[str]:
    """The shorter names a prefecture or county is called by (lookup aliases).

    The type of unit (区, 县, 市, 旗, 盟, 地区, 自治州 …) and the nationalities of an
    autonomous unit are dropped while two characters or more remain; an
    autonomous unit is also called by its base and its type (延边州, 景宁县).

    >>> short_names("余杭区"), short_names("延边朝鲜族自治州"), short_names("城区")
    (['余杭'], ['延边', '延边州'], [])
    >>> short_names("元江哈尼族彝族傣族自治县"), short_names("鄂伦春自治旗")
    (['元江', '元江县'], ['鄂伦春', '鄂伦春旗'])
    """
    base, kind = name, ""
    for suffix in ALIAS_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base, kind = name[: -len(suffix)], suffix
            break
    if not kind:
        return []
    changed = kind.startswith("自治") or "族" in base
    while changed:
        changed = False
        for group in ("族", *_ethnic()):
            if base.endswith(group) and len(base) - len(group) >= 2:
                base, changed = base[: -len(group)], True
                break
    out = [base]
    if kind.startswith("自治"):
        out.append(base + kind[-1])
    return [a for a in out if a != name]


def clean(name: object) -> str:
    return "".join(str(name).split()).lower()


def show(value: object, limit: int = 40) -> str:
    """A value for an error message: one line, at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
