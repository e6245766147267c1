"""The vocabularies the readers share, as data files in ``fai/model/data/``.

One table per concept, read once and cached (PUDL keeps its column maps the same way):

=========================  ==============================================================
``indicator_labels.csv``   label → indicator key and scope (``all`` = 全社会, incl. rural
                           households; ``excl_rural`` = 不含农户; blank = as the source
                           says). Used by the NBS-export, bureau-table and bulletin readers.
``label_qualifiers.csv``   a bracket after a label that names a scope, not a unit (不含农户)
``label_measures.csv``     the measure word ending an NBS portal label (累计值 → level,
                           累计增长 / 比上年增长 → yoy, 当期值 → single_level …)
``column_words.csv``       words of a bureau table's column header → what the column holds
                           (level, yoy, month = a single month, ignored)
``money_units.csv``        money unit → how many 亿元 one unit is (万元 → 0.0001)
=========================  ==============================================================

Labels are compared after :func:`canonical` (full-width brackets → ASCII, no spaces), so
``固定资产投资（不含农户）`` and ``固定资产投资(不含农户)`` are one label.

>>> indicator_of("固定资产投资（不含农户）")
('fai_total', 'excl_rural')
>>> float(money_factor("万元"))
0.0001
"""

from __future__ import annotations

import csv
import functools
import re
from decimal import Decimal

from fai.errors import UnitError

_DATA = "fai.model.data"
_SPACES = re.compile(r"\s+")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "＿": "_"})


def _rows(name: str) -> list[dict[str, str]]:
    from importlib import resources  # (here: a parse whose tables are cached never reads one)

    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def canonical(label: str) -> str:
    """A label as the maps key it: ASCII brackets, no whitespace.

    >>> canonical(" 固定资产投资（不含农户） ")
    '固定资产投资(不含农户)'
    """
    return _SPACES.sub("", str(label).translate(_BRACKETS))


@functools.lru_cache(maxsize=1)
def indicator_labels() -> dict[str, tuple[str, str]]:
    """Every known indicator label → (indicator key, scope), from ``indicator_labels.csv``.

    >>> indicator_labels()["全社会固定资产投资"]
    ('fai_total', 'all')
    """
    out: dict[str, tuple[str, str]] = {}
    for row in _rows("indicator_labels.csv"):
        out[canonical(row["label"])] = (row["indicator"], row["scope"])
    return out


@functools.lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    """Brackets that qualify a label's scope rather than give its unit: 不含农户 → excl_rural.

    >>> qualifiers()["不含农户"]
    'excl_rural'
    """
    return {row["qualifier"]: row["scope"] for row in _rows("label_qualifiers.csv")}


@functools.lru_cache(maxsize=4096)
def indicator_of(label: str) -> tuple[str, str] | None:
    """(indicator key, scope) of a label, or None when the label is not known.

    A trailing qualifier in brackets (``(不含农户)``) is taken off when the label without it
    is known; its scope is then the qualifier's.

    >>> indicator_of("民间固定资产投资"), indicator_of("汽车产量")
    (('fai_private', ''), None)
    >>> indicator_of("房地产开发投资(不含农户)")
    ('fai_real_estate', 'excl_rural')
    """
    text = canonical(label)
    found = indicator_labels().get(text)
    if found is not None:
        return found
    m = re.fullmatch(r"(.+)\(([^()]+)\)", text)
    if m and m.group(2) in qualifiers():
        base = indicator_labels().get(m.group(1))
        if base is not None:
            return base[0], qualifiers()[m.group(2)] or base[1]
    return None


@functools.lru_cache(maxsize=1)
def label_measures() -> dict[str, str]:
    """Measure words that end an NBS portal label → measure, longest first.

    >>> label_measures()["比上年增长"], label_measures()["当期值"]
    ('yoy', 'single_level')
    """
    rows = {row["word"]: row["measure"] for row in _rows("label_measures.csv")}
    return dict(sorted(rows.items(), key=lambda kv: -len(kv[0])))


@functools.lru_cache(maxsize=1)
def column_words() -> dict[str, str]:
    """Words of a bureau table's column header → level, yoy, month or ignored.

    >>> column_words()["同比"], column_words()["本月"]
    ('yoy', 'month')
    """
    return {row["word"]: row["kind"] for row in _rows("column_words.csv")}


@functools.lru_cache(maxsize=1)
def money_units() -> dict[str, Decimal]:
    """Money units → 亿元 per unit (exact decimals), longest unit first.

    >>> [u for u in money_units()][:3]
    ['万亿元', '千万元', '百万元']
    """
    rows = {row["unit"]: Decimal(row["factor_100m_yuan"]) for row in _rows("money_units.csv")}
    return dict(sorted(rows.items(), key=lambda kv: -len(kv[0])))


def money_factor(unit: str, *, file: str | None = None, where: str | None = None) -> Decimal:
    """How many 亿元 one ``unit`` is: 万元 → 0.0001, 亿元 → 1, 万亿元 → 10000.

    >>> money_factor("亿元"), money_factor("万亿元")
    (Decimal('1'), Decimal('10000'))
    """
    factor = money_units().get(canonical(unit))
    if factor is None:
        raise UnitError(
            file=file, where=where, found=f"unit {unit!r} is not a money unit",
            expected="亿元, 万元, 元 or 万亿元",
        )
    return factor
