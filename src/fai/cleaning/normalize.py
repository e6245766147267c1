"""The cleaning functions under the names they had before ``normalize`` was split.

New code imports the module of its concern — :mod:`~fai.cleaning.text`,
:mod:`~fai.cleaning.numbers`, :mod:`~fai.cleaning.growth`,
:mod:`~fai.cleaning.period_labels`, :mod:`~fai.cleaning.region_names`,
:mod:`~fai.cleaning.mojibake`. This module only re-exports them for code that has not
moved yet (the bulletin reader); ``parse_period`` here is
:func:`~fai.cleaning.period_labels.read_period_label`, not the tidy
:func:`fai.model.periods.parse_period`.

>>> parse_amount("1.2万亿元"), parse_growth("下降22%"), parse_period("1—8月份")
(12000.0, -22.0, (None, 8))
"""

from __future__ import annotations

from fai.cleaning.growth import parse_growth, parse_pp_change
from fai.cleaning.mojibake import detect_mojibake, repair_mojibake
from fai.cleaning.numbers import amount_factor, parse_amount, parse_number
from fai.cleaning.period_labels import read_period_label as parse_period
from fai.cleaning.region_names import resolve_region
from fai.cleaning.text import normalize_text

__all__ = [
    "amount_factor",
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
