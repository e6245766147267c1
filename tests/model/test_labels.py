"""The shared vocabularies (fai/model/data/*.csv): one label map per concept."""

from __future__ import annotations

import csv
from decimal import Decimal
from importlib import resources

import pytest

from fai.errors import UnitError
from fai.model import indicators, labels


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("fai.model.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_every_label_names_a_registered_indicator_once() -> None:
    rows = _rows("indicator_labels.csv")
    keys = [labels.canonical(r["label"]) for r in rows]
    assert len(keys) == len(set(keys)), "a label is listed twice"
    assert {r["indicator"] for r in rows} <= set(indicators.keys())
    assert {r["scope"] for r in rows} <= {"", "all", "excl_rural"}


def test_every_registry_label_is_in_the_map() -> None:
    reg = indicators.registry()
    for zh, key in zip(reg["label_zh"], reg["key"], strict=True):
        assert labels.indicator_of(zh) == (key, ""), zh


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("固定资产投资", ("fai_total", "")),  # bureau and bulletin
        ("固定资产投资（不含农户）", ("fai_total", "excl_rural")),  # full-width brackets
        ("固定资产投资 (不含农户)", ("fai_total", "excl_rural")),  # a space
        ("全社会固定资产投资", ("fai_total", "all")),
        ("房地产开发投资额_住宅", ("fai_residential", "")),  # portal
        ("技改投资", ("fai_tech_renovation", "")),  # bureau
        ("基建投资", ("fai_infrastructure", "")),  # bulletin
        ("民间投资(不含农户)", ("fai_private", "excl_rural")),  # qualifier taken off
        ("汽车产量", None),
        ("民间投资(美元)", None),  # a bracket that is no qualifier
    ],
)
def test_indicator_of(label: str, expected: tuple[str, str] | None) -> None:
    assert labels.indicator_of(label) == expected


def test_money_units_are_exact_and_longest_first() -> None:
    units = labels.money_units()
    assert units["万元"] == Decimal("0.0001") and units["元"] == Decimal("0.00000001")
    assert units["万亿"] == units["万亿元"] == Decimal(10000)
    names = list(units)
    assert names.index("万亿元") < names.index("亿元") < names.index("元")
    with pytest.raises(UnitError, match="'美元' is not a money unit"):
        labels.money_factor("美元", file="x.csv", where="B3")


def test_measures_and_column_words() -> None:
    m = labels.label_measures()
    assert (m["累计值"], m["累计增长"], m["比上年增长"], m["当期值"]) == (
        "level", "yoy", "yoy", "single_level")
    assert next(iter(m)) in ("累计同比增长", "比上年同期增长", "当期同比增长", "当月同比增长")
    w = labels.column_words()
    assert (w["累计"], w["同比"], w["本月"], w["占比"]) == ("level", "yoy", "month", "ignored")
