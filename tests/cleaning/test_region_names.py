"""fai.cleaning.region_names: region names in any written form → codes."""

from __future__ import annotations

import warnings

import pytest

from fai.cleaning import region_names
from fai.errors import (
    FaiWarning,
)


# ---------------------------------------------------------------- regions
@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("北京", "110000"),
        ("北京市", "110000"),
        ("内蒙古", "150000"),
        ("内蒙古自治区", "150000"),
        ("內蒙古自治區", "150000"),  # traditional
        ("全国", "000000"),
        ("東部地區", "900001"),
        (" 广 东 省 ", "440000"),
    ],
)
def test_resolve_region(raw: str, code: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert region_names.resolve_region(raw) == code


def test_resolve_region_unknown_warns() -> None:
    with pytest.warns(FaiWarning, match="不存在县"):
        assert region_names.resolve_region("不存在县") is None
