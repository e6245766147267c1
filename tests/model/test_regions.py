"""Region registry: codes, parents, names, lookups."""

from __future__ import annotations

import pandas as pd
import pytest

from fai.errors import UnknownRegionError
from fai.model import regions


def test_31_provinces_each_with_code_and_macro_region_parent():
    reg = regions.registry().set_index("region_code")
    provs = regions.provinces()
    assert len(provs) == 31 and len(set(provs)) == 31
    assert reg.loc[provs, "parent_code"].value_counts().to_dict() == {
        "900003": 12, "900001": 10, "900002": 6, "900004": 3,
    }
    for code in ("900001", "900002", "900003", "900004"):
        assert reg.loc[code, "parent_code"] == regions.NATION


@pytest.mark.parametrize(
    "name, code",
    [
        ("北京", "110000"), ("北京市", "110000"), ("内蒙古", "150000"), ("内蒙古自治区", "150000"),
        ("广西壮族自治区", "450000"), ("广西", "450000"), ("新疆维吾尔自治区", "650000"),
        ("宁夏", "640000"), ("黑龙江省", "230000"), ("全国", "000000"), ("东部地区", "900001"),
        ("东北", "900004"), ("110000", "110000"), ("Inner Mongolia", "150000"), ("余杭区", "330110"),
        (" 上 海 ", "310000"),
    ],
)
def test_lookup_by_any_common_form(name, code):
    assert regions.lookup(name) == code


def test_every_province_in_bundled_data_resolves_to_code_and_parent(tidy):
    reg = regions.registry().set_index("region_code")
    provs = tidy[tidy["region_code"].isin(regions.provinces())]
    assert provs["region_code"].nunique() == 31
    assert set(reg.loc[provs["region_code"].unique(), "parent_code"]) == {
        "900001", "900002", "900003", "900004"
    }


def test_unknown_region_raises_with_the_name():
    with pytest.raises(UnknownRegionError, match="火星省"):
        regions.resolve("火星省")


def test_names_and_children():
    assert regions.name_of("150000") == "内蒙古自治区"
    assert regions.name_of("150000", "en") == "Inner Mongolia"
    assert regions.children("330100") == ["330110"]
    assert regions.get("椒江区").parent_code == "331000"


def test_slugs_are_ascii_and_unique():
    codes = regions.registry()["region_code"]
    slugs = pd.Series([regions.slug(c) for c in codes])
    assert slugs.is_unique
    assert slugs.str.fullmatch(r"[0-9a-z-]+").all()


def test_lower_levels_from_cpca_when_installed():
    pytest.importorskip("cpca", reason="cpca is optional: lower levels then come from the data only")
    assert regions.lookup("杭州市西湖区") == "330106"  # GB/T 2260: 杭州市西湖区
    assert regions.get("330106").parent_code == "330100"
    assert regions.lookup("芦淞区") == "430203"  # 株洲市芦淞区
    assert regions.get("芦淞区").parent_code == "430200"
    assert regions.lookup("天城县") == "990001"  # ours; cpca's guess (重庆市) is not taken
    assert regions.lookup("不存在县") is None


def test_register_adds_a_region_from_the_data():
    regions.register("430211", "天元区", "430200", "county", "Tianyuan District")
    assert regions.lookup("天元区") == "430211"
    assert "430211" in regions.children("430200")
