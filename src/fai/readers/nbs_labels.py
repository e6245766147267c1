"""The row labels of NBS data-portal exports (data.stats.gov.cn): indicator, scope, measure and
unit of a label such as ``固定资产投资(不含农户)比上年增长(%)``, read through the shared maps of
:mod:`fai.model.labels`.

A portal label is ``<indicator>[(<qualifier>)][_<part>]<measure>(<unit>)``: the indicator
(固定资产投资额, 民间固定资产投资, 房地产投资 …, ``indicator_labels.csv``), a scope
qualifier (不含农户; 全社会 is part of the indicator), the measure (累计值, 累计增长,
比上年增长, 当期值 … in ``label_measures.csv``; none: a level when the unit is money, a
growth rate when it is %) and the unit (亿元, 万元, %).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from fai.cleaning.numbers import amount_factor
from fai.cleaning.text import compact
from fai.errors import UnitError, UnknownIndicatorError
from fai.model import labels

_UNIT_RE = re.compile(r"\(([^()]*)\)$")
YTD_MEASURES = ("level", "yoy")


@dataclass(frozen=True)
class Label:
    """A row label read: indicator key, measure (level/yoy/…), factor to 亿元 and scope
    (``all`` = 全社会, ``excl_rural`` = 不含农户, ``""`` = as the source says)."""

    key: str
    measure: str
    factor: float
    scope: str = field(default="", compare=False)


@functools.lru_cache(maxsize=1)
def _measure_re() -> re.Pattern[str]:
    words = labels.label_measures()
    return re.compile("(" + "|".join(map(re.escape, words)) + ")$")


def parse_label(
    label: str, *, file: str | None = None, where: str = "", default_unit: str | None = None
) -> Label:
    """Indicator, measure, unit factor and scope of a portal label.

    >>> parse_label("房地产投资累计值(亿元)")
    Label(key='fai_real_estate', measure='level', factor=1.0, scope='')
    >>> parse_label("固定资产投资(不含农户)比上年增长(%)")
    Label(key='fai_total', measure='yoy', factor=1.0, scope='excl_rural')
    >>> parse_label("全社会固定资产投资(亿元)").scope
    'all'
    """
    at = where or None
    text = compact(label)
    unit = default_unit
    if m := _UNIT_RE.search(text):
        candidate = m.group(1)
        if candidate not in labels.qualifiers():
            unit, text = candidate, text[: m.start()]
    base = text
    measure = None
    if m := _measure_re().search(text):
        measure, base = labels.label_measures()[m.group(1)], text[: m.start()]
    found = labels.indicator_of(base.rstrip("_"))
    if found is None and measure is not None:  # a measure word that is part of the name
        found, measure = labels.indicator_of(text.rstrip("_")), None
    if found is None:
        raise UnknownIndicatorError(
            file=file, where=at, found=f"indicator label {label[:80]!r} is not known",
            expected="a portal label such as 固定资产投资额累计值(亿元) or 房地产投资累计增长(%) "
            "(see fai/model/data/indicator_labels.csv)",
        )
    key, scope = found
    if unit is not None and unit != "%" and not unit.endswith("元") and unit not in ("亿", "万亿"):
        raise UnitError(file=file, where=at, found=f"indicator label {label!r} has unit {unit!r}",
                        expected="(亿元), (万元) or (%)")
    if unit is None:
        raise UnitError(file=file, where=at, found=f"indicator label {label!r} has no unit",
                        expected="(亿元), (万元) or (%) at its end")
    if measure is None:
        measure = "yoy" if unit == "%" else "level"
    if measure in ("yoy", "single_yoy"):
        if unit != "%":
            raise UnitError(file=file, where=at, found=f"{label!r} is a growth rate in {unit!r}",
                            expected="(%)")
        return Label(key, measure, 1.0, scope)
    if unit == "%":
        raise UnitError(file=file, where=at, found=f"{label!r} is a level in (%)",
                        expected="a money unit such as (亿元)")
    return Label(key, measure, amount_factor(unit, file=file, where=where), scope)
