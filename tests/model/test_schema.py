"""The tidy table's contract: plausible ranges, periods from 1949 to next month, targets units."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fai.errors import SchemaValidationError
from fai.model import schema


def test_out_of_range_levels_growth_and_mom() -> None:
    levels = np.array([0.0, 465839.0, 9.99e6, 1e7, 1e20, -1.0, np.inf, np.nan])
    assert schema.out_of_range(levels, "value_100m_yuan").tolist() == [
        False, False, False, True, True, True, True, False]
    growth = np.array([-99.9, -100.0, 330.0, 1e5, 1e300, -np.inf])
    assert schema.out_of_range(growth, "yoy_pct").tolist() == [False, True, False, True, True, True]
    assert schema.out_of_range(np.array([0.16, 100.5]), "mom_sa_pct").tolist() == [False, True]


def test_targets_ranges_by_unit() -> None:
    values = np.array([3.0, 1.2345678901234567e19, 2.5, 58.0, -1.0, 36.5, 81.6, 1e8])
    units = np.array(["rank", "rank", "rank", "projects", "projects", "100m_yuan", "pct", "pp"])
    assert schema.target_out_of_range(values, units).tolist() == [
        False, True, True, False, True, False, False, True]


def test_last_period_is_next_month() -> None:
    assert schema.last_period(dt.date(2026, 12, 7)) == "2027-01"
    assert schema.last_period(dt.date(2025, 3, 31)) == "2025-04"


def _row(**changes: object) -> pd.DataFrame:
    row = {"region_code": "000000", "region_name": "全国", "period": "2024-11",
           "indicator": "fai_total", "value_100m_yuan": 465839.0, "yoy_pct": 3.3,
           "mom_sa_pct": np.nan, "source": "x.csv line 2", "source_url": None}
    row.update(changes)
    return pd.DataFrame([row])


@pytest.mark.parametrize(("column", "value"), [
    ("period", "1900-12"), ("period", "2099-12"), ("value_100m_yuan", 1e20),
    ("yoy_pct", float("inf")), ("yoy_pct", 1e300), ("mom_sa_pct", -150.0),
])
def test_the_schema_refuses_implausible_figures(column: str, value: object) -> None:
    with pytest.raises(SchemaValidationError, match="x.csv line 2") as info:
        schema.validate_tidy(_row(**{column: value}), what="t")
    assert "\n" not in str(info.value)


def test_an_empty_targets_table_needs_only_its_columns() -> None:
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in schema.TARGET_COLUMNS})
    assert schema.validate_targets(empty) is empty
