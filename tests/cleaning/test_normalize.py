"""fai.cleaning.normalize keeps the names the cleaning functions had before the split, for code
that has not moved yet; each is the function of its concern module."""

from __future__ import annotations

from fai.cleaning import growth, mojibake, normalize, numbers, period_labels, region_names, text
from fai.model import periods


def test_the_old_names_are_the_concern_modules_functions() -> None:
    assert normalize.normalize_text is text.normalize_text
    assert normalize.parse_number is numbers.parse_number
    assert normalize.parse_amount is numbers.parse_amount
    assert normalize.amount_factor is numbers.amount_factor
    assert normalize.parse_growth is growth.parse_growth
    assert normalize.parse_pp_change is growth.parse_pp_change
    assert normalize.resolve_region is region_names.resolve_region
    assert normalize.detect_mojibake is mojibake.detect_mojibake
    assert normalize.repair_mojibake is mojibake.repair_mojibake


def test_two_period_parsers_two_names() -> None:
    # labels as sources write them (year may be absent) vs the tidy table's own "YYYY-MM"
    assert normalize.parse_period is period_labels.read_period_label
    assert period_labels.read_period_label("1—8月份") == (None, 8)
    assert periods.parse_period("2016-08") == (2016, 8)
