"""Region registry: codes, parents, names, lookups."""

from __future__ import annotations

import pandas as pd
import pytest

from fai.errors import AmbiguousRegionError, UnknownRegionError
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
    # 杭州市's 10 districts, 2 counties and 1 county-level city (official list), in code order
    assert regions.children("330100") == ["330102", "330105", "330106", "330108", "330109", "330110",
                                          "330111", "330112", "330113", "330114", "330122", "330127",
                                          "330182"]
    assert regions.get("椒江区").parent_code == "331000"


def test_slugs_are_ascii_and_unique():
    codes = regions.registry()["region_code"]
    slugs = pd.Series([regions.slug(c) for c in codes])
    assert slugs.is_unique
    assert slugs.str.fullmatch(r"[0-9a-z-]+").all()


def test_lower_levels_from_the_official_list():
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


# --------------------------------------------------------------------------- every region of China
@pytest.mark.parametrize(
    "name, code, parent",
    [
        ("余杭区", "330110", "330100"), ("临平区", "330113", "330100"), ("安吉县", "330523", "330500"),
        ("椒江区", "331002", "331000"), ("株洲市", "430200", "430000"),
        # short and former names
        ("余杭", "330110", "330100"), ("株洲", "430200", "430000"), ("内蒙古", "150000", "900003"),
        ("余杭市", "330110", "330100"),  # 撤市设区 2001
        ("襄樊市", "420600", "420000"),  # renamed 襄阳市 2010
        ("延边", "222400", "220000"), ("黔南州", "522700", "520000"), ("景宁", "331127", "331100"),
        # directly under the province: 直辖市 districts, 省直辖县级行政区
        ("浦东新区", "310115", "310000"), ("仙桃市", "429004", "420000"),
        # the higher level wins a shared name; the full name finds the lower one
        ("吉林", "220000", "900004"), ("吉安", "360800", "360000"), ("吉安县", "360821", "360800"),
    ],
)
def test_every_region_resolves_with_its_parent(name, code, parent):
    assert regions.resolve(name) == code
    assert regions.get(name).parent_code == parent


def test_ancestors_of_a_county_reach_the_nation():
    assert regions.ancestors("安吉县") == ["330500", "330000", "900001", "000000"]
    assert regions.ancestors("朝阳区, 北京市") == ["110000", "900001", "000000"]


def test_the_official_list_is_complete_and_consistent():
    reg = regions.registry()
    counts = reg["level"].value_counts().to_dict()
    # 民政部 list (国家地名信息库, fetched 2026-09): 31 provinces, 333 prefectures, 2,847 counties
    assert counts["province"] == 31 and counts["prefecture"] == 333 and counts["county"] >= 2847
    assert reg["region_code"].is_unique
    known = set(reg["region_code"])
    lower = reg[reg["level"].isin(["prefecture", "county"]) & ~reg["region_code"].str.startswith("99")]
    assert lower["region_code"].str.fullmatch(r"[1-6]\d{5}").all()
    assert lower["parent_code"].isin(known).all()
    # a county's code starts with its province's two digits; every chain ends at 全国
    assert (lower["region_code"].str[:2] == lower["parent_code"].str[:2]).all()
    for code in lower["region_code"].sample(200, random_state=1):
        assert regions.ancestors(code)[-1] == regions.NATION


def test_the_projects_own_codes_are_kept():
    assert [regions.resolve(n) for n in ("全国", "东部地区", "中部", "西部地区", "东北")] == [
        "000000", "900001", "900002", "900003", "900004"]
    assert not hasattr(regions, "LOCAL")


@pytest.mark.parametrize("name", ["北京市朝阳区", "北京朝阳区", "朝阳区, 北京市", "朝阳区（北京市）", "朝阳区 北京",
                                  "110105"])
def test_a_shared_name_with_its_parent_resolves(name):
    assert regions.resolve(name) == "110105"


def test_a_shared_name_alone_asks_for_the_parent():
    assert regions.lookup("朝阳区") is None
    assert regions.candidates("朝阳区") == ["110105", "220104"]
    with pytest.raises(AmbiguousRegionError) as err:
        regions.resolve("朝阳区", where="parameter region")
    message = str(err.value)
    assert "北京市朝阳区 (110105)" in message and "长春市朝阳区 (220104)" in message
    assert "parent" in message and "parameter region" in message
    assert isinstance(err.value, UnknownRegionError)  # callers catching unknown regions catch it too
    assert regions.resolve("长春市朝阳区") == "220104" and regions.resolve("吉林省长春市朝阳区") == "220104"


@pytest.mark.parametrize("name", ["北京大学", "火星省", "不存在县", "", "  ", "朝" * 500, "<script>"])
def test_unknown_names_are_none(name):
    assert regions.lookup(name) is None


def test_an_unknown_name_is_echoed_on_one_short_line():
    with pytest.raises(UnknownRegionError) as err:
        regions.resolve("火星" * 400)
    assert "\n" not in str(err.value) and len(str(err.value)) < 300


def test_the_region_a_title_names():
    assert regions.named_in("浙江省安吉县2025年1-9月固定资产投资情况") == ["330523"]
    assert regions.named_in("安吉县统计局 2025年9月") == ["330523"]
    assert regions.named_in("北京市朝阳区固定资产投资") == ["110105"]
    assert regions.named_in("朝阳区统计局") == []  # two 朝阳区, no parent named
    assert regions.named_in("2025年1-9月固定资产投资") == []


def test_short_names_drop_the_unit_and_nationalities():
    assert regions.short_names("余杭区") == ["余杭"]
    assert regions.short_names("延边朝鲜族自治州") == ["延边", "延边州"]
    assert regions.short_names("莫力达瓦达斡尔族自治旗") == ["莫力达瓦", "莫力达瓦旗"]
    assert regions.short_names("城区") == [] and regions.short_names("和县") == []


def test_slugs_of_counties_without_an_english_name_are_their_code():
    assert regions.slug("330522") == "330522"
    assert regions.slug("330523") == "330523-anji-county"
    assert regions.name_of("330522", "en") == "长兴县"  # no English name known: the Chinese one


def test_the_bundled_regions_file_holds_tiancheng():
    assert regions.user_file().name == "regions.csv"
    assert regions.resolve("天城县") == "990001" and regions.get("990001").parent_code is None
    assert regions.slug("990001") == "990001-tiancheng-county"
