"""fai.cleaning.period_labels: period labels as sources write them."""

from __future__ import annotations

import pytest

from fai.cleaning import period_labels
from fai.errors import (
    PeriodError,
)


# ---------------------------------------------------------------- periods
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1—8月", (None, 8)),
        ("1-8月份", (None, 8)),
        ("1至8月", (None, 8)),
        ("前8个月", (None, 8)),
        ("前八个月", (None, 8)),
        ("元至八月", (None, 8)),
        ("一至八月", (None, 8)),
        ("一季度", (None, 3)),
        ("上半年", (None, 6)),
        ("前三季度", (None, 9)),
        ("全年", (None, 12)),
        ("2016年1-8月", (2016, 8)),
        ("截至8月底", (None, 8)),
        ("截至2024年8月末", (2024, 8)),
        ("1-12月份", (None, 12)),
        ("1—2月", (None, 2)),
        ("2019年12月", (2019, 12)),
        ("2024年", (2024, 12)),
        ("2019-12", (2019, 12)),
        ("1-8月累计", (None, 8)),
        ("二〇一六年一至十一月", (2016, 11)),
        ("2016年1一8月", (2016, 8)),
    ],
)
def test_parse_period(raw: str, expected: tuple[int | None, int]) -> None:
    assert period_labels.read_period_label(raw) == expected


def test_parse_period_default_year() -> None:
    assert period_labels.read_period_label("1-8月", 2024) == (2024, 8)
    assert period_labels.read_period_label("2016年1-8月", 2024) == (2016, 8)


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ("1-13月", "month 13"),
        ("2019年13月", "month 13"),
        ("2019-13", "month 13"),
        ("3-8月", "does not start in January"),
        ("二季度", "single quarter"),
        ("下半年", "single quarter"),
        ("上个月", "not a year-to-date period"),
        ("", "not a year-to-date period"),
        ("1850年1-8月", "expected a year from 1949 to 2100"),
        ("1900年1-8月", "has year 1900"),  # before the first year of PRC statistics
    ],
)
def test_parse_period_rejects(raw: str, match: str) -> None:
    with pytest.raises(PeriodError, match=match):
        period_labels.read_period_label(raw)
