"""Period helpers."""

from __future__ import annotations

import pandas as pd
import pytest

from fai.errors import PeriodError
from fai.model import periods


def test_parse_and_format():
    assert periods.parse_period("2024-11") == (2024, 11)
    assert periods.format_period(2024, 2) == "2024-02"


@pytest.mark.parametrize("bad", ["2024-13", "2024-00", "24-11", "2024/11", ""])
def test_bad_periods(bad):
    with pytest.raises(PeriodError):
        periods.parse_period(bad)


def test_vectorised_parts_and_month_index():
    s = pd.Series(["2023-12", "2024-02", "2024-03"])
    assert periods.period_year(s).tolist() == [2023, 2024, 2024]
    assert periods.period_index(s).diff().tolist()[1:] == [2.0, 1.0]  # Dec→Feb is 2 months
    assert periods.months_covered(s).tolist() == [1, 2, 1]


def test_labels():
    assert periods.period_label_zh("2024-02") == "2024年1—2月"
    assert periods.period_label_en("2024-11") == "Jan–Nov 2024"
