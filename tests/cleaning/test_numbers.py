"""fai.cleaning.numbers: Arabic and Chinese numerals, money units → 亿元; every parser of
fai.cleaning raises only FaiError."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fai.cleaning import growth, numbers, period_labels
from fai.errors import (
    FaiError,
    NumberError,
    UnitError,
)


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("629.44", 629.44),
        ("1,234.5", 1234.5),
        ("-0.9", -0.9),
        ("３８３８．３８", 3838.38),
        ("四万九千二百七十四", 49274.0),
        ("二十八点九", 28.9),
        ("百分之二十八点九", 28.9),
        ("28.9%", 28.9),
        ("十二", 12.0),
        ("一千零五", 1005.0),
        ("两千", 2000.0),
        ("三亿四千万", 340_000_000.0),
        ("一万亿", 1e12),
        ("二〇一六", 2016.0),
        ("负三点五", -3.5),
        ("3.2万", 32000.0),
        (3.5, 3.5),
        (12, 12.0),
    ],
)
def test_parse_number(raw: str, expected: float) -> None:
    assert numbers.parse_number(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "增长", "1,23", "nan", "inf", "1e5", "3.3倍", "二三十", "万", "十点", "1.2.3", "—"]
)
def test_parse_number_rejects(raw: str) -> None:
    with pytest.raises(NumberError, match="not a number|finite"):
        numbers.parse_number(raw, where="x.csv line 3")


def test_parse_number_names_where() -> None:
    with pytest.raises(NumberError, match=r"^x\.csv line 3: '增长' is not a number"):
        numbers.parse_number("增长", where="x.csv line 3")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("629.44亿元", 629.44),
        ("3.2万元", 0.00032),  # 3.2 × 10^4 / 10^8
        ("1.2万亿元", 12000.0),  # 1.2 × 10^12 / 10^8
        ("四万九千二百七十四亿元", 49274.0),
        ("5000元", 0.00005),  # 5000 / 10^8
        ("12,345万元", 1.2345),
        ("五万亿元", 50000.0),
        ("1.5亿", 1.5),
        ("629.44 亿元", 629.44),
    ],
)
def test_parse_amount(raw: str, expected: float) -> None:
    assert numbers.parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["629.44", "629.44美元", "629.44个", "629.44吨"])
def test_parse_amount_needs_a_unit(raw: str) -> None:
    with pytest.raises(UnitError):
        numbers.parse_amount(raw)


@pytest.mark.parametrize("raw", ["亿元", "很多亿元", "1.2.3亿元"])
def test_parse_amount_needs_a_number(raw: str) -> None:
    with pytest.raises((NumberError, UnitError)):
        numbers.parse_amount(raw)


def test_amount_factor() -> None:
    assert numbers.amount_factor("万元") == 0.0001
    assert numbers.amount_factor("单位：亿元") == 1.0
    with pytest.raises(UnitError, match="not a money unit"):
        numbers.amount_factor("吨")


# ------------------------------------------------------ property tests
ALPHABET = st.sampled_from(
    list(
        "0123456789.,-+%一二三四五六七八九十百千万亿零点负元至月年季度前半全上下增长减少回落个百分点倍持平截底 ،ａ（）—~"
    )
)
TEXTS = st.one_of(st.text(max_size=30), st.text(ALPHABET, max_size=20))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_parsers_raise_only_fai_errors(text: str) -> None:
    for parse in (
        numbers.parse_number,
        numbers.parse_amount,
        growth.parse_growth,
        growth.parse_pp_change,
        period_labels.read_period_label,
    ):
        try:
            parse(text)
        except FaiError:
            pass


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-1e6, max_value=1e6, places=2, allow_nan=False))
def test_parse_number_round_trips(value) -> None:  # type: ignore[no-untyped-def]
    assert numbers.parse_number(str(value)) == float(value)
    assert growth.parse_growth(f"增长{value}%") == float(value)


def test_plain_numbers_flags_what_needs_a_closer_look() -> None:
    import numpy as np
    import pandas as pd

    values, look = numbers.plain_numbers(pd.Series(["-0.9", "", "1,234", "inf", "NaN", "1e300",
                                                    "3838.38", None]))
    assert look.tolist() == [False, False, True, True, True, False, False, False]
    assert values[0] == -0.9 and values[5] == 1e300 and values[6] == 3838.38
    assert np.isnan(values[[1, 2, 3, 4, 7]]).all()


def test_conversion_to_100m_yuan_is_exact() -> None:
    assert numbers.to_100m_yuan(514374.0, 0.0001) == 51.4374  # not 51.437400000000004
    assert numbers.to_100m_yuan(6294400.0, 0.0001) == 629.44
    assert numbers.to_100m_yuan(3.5, 10000.0) == 35000.0
    assert numbers.parse_amount("514374万元") == 51.4374
