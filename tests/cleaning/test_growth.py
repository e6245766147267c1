"""fai.cleaning.growth: growth words and changes in percentage points."""

from __future__ import annotations

import pytest

from fai.cleaning import growth
from fai.errors import (
    NumberError,
    PercentagePointError,
    UnitError,
)


# ----------------------------------------------------------------- growth
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("增长8.4%", 8.4),
        ("同比增长8.4%", 8.4),
        ("下降22%", -22.0),
        ("增长-1.7%", -1.7),
        ("增长3.3倍", 330.0),  # 3.3 times more = +330 %
        ("持平", 0.0),
        ("与上年持平", 0.0),
        ("增加2.1%", 2.1),
        ("上升0.5%", 0.5),
        ("减少3.0%", -3.0),
        ("下降了1.2%", -1.2),
        ("-1.7%", -1.7),
        ("增長８．４％", 8.4),
        ("增长百分之八点四", 8.4),
        ("投资增长速度下降2%", -2.0),  # the last direction word decides
    ],
)
def test_parse_growth(raw: str, expected: float) -> None:
    assert growth.parse_growth(raw) == expected


def test_parse_growth_flags_percentage_points() -> None:
    with pytest.raises(PercentagePointError, match="percentage points"):
        growth.parse_growth("回落0.1个百分点")
    assert issubclass(PercentagePointError, UnitError)


@pytest.mark.parametrize(
    ("raw", "exc"), [("增长8.4", UnitError), ("增长", NumberError), ("增长很快%", NumberError)]
)
def test_parse_growth_rejects(raw: str, exc: type) -> None:
    with pytest.raises(exc):
        growth.parse_growth(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("回落0.1个百分点", -0.1),
        ("比1—7月回落0.1个百分点", -0.1),
        ("提高1.5个百分点", 1.5),
        ("回升0.3个百分点", 0.3),
        ("下降2个百分点", -2.0),
        ("增速持平", 0.0),
    ],
)
def test_parse_pp_change(raw: str, expected: float) -> None:
    assert growth.parse_pp_change(raw) == expected


def test_parse_pp_change_rejects_a_rate() -> None:
    with pytest.raises(UnitError):
        growth.parse_pp_change("增长8.4%")


@pytest.mark.parametrize("raw", ["下降-5%", "下降+5%", "减少-3.2%", "同比下降-0.5%"])
def test_a_sign_after_a_fall_is_refused(raw: str) -> None:
    # 下降-5% is a double negative (a rise of 5?) or a typo: never stored as +5 or −5
    with pytest.raises(NumberError, match="x.csv line 4: .*sign after") as info:
        growth.parse_growth(raw, file="x.csv", where="line 4")
    assert info.value.where == "line 4" and info.value.file == "x.csv"


def test_a_signed_rise_is_the_rate_it_states() -> None:
    assert growth.parse_growth("增长-5%") == -5.0  # a growth of −5 %: plain
    assert growth.parse_growth("增长+5%") == 5.0
