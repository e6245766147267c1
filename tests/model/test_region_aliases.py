"""Region aliases: short names for look-up and display."""

from __future__ import annotations

import pytest

from fai.model import region_aliases


@pytest.mark.parametrize("name, short", [
    ("余杭区", ["余杭"]), ("株洲市", ["株洲"]), ("兴安盟", ["兴安"]), ("喀什地区", ["喀什"]),
    ("神农架林区", ["神农架"]), ("六枝特区", ["六枝"]), ("浦东新区", ["浦东"]),
    ("延边朝鲜族自治州", ["延边", "延边州"]), ("景宁畲族自治县", ["景宁", "景宁县"]),
    ("元江哈尼族彝族傣族自治县", ["元江", "元江县"]), ("隆林各族自治县", ["隆林", "隆林县"]),
    ("莫力达瓦达斡尔族自治旗", ["莫力达瓦", "莫力达瓦旗"]), ("鄂伦春自治旗", ["鄂伦春", "鄂伦春旗"]),
    ("梅里斯达斡尔族区", ["梅里斯"]),
    ("城区", []), ("和县", []), ("北京", []),  # nothing shorter than two characters, nothing to drop
])
def test_short_names(name, short):
    assert region_aliases.short_names(name) == short


def test_display_short_keeps_county_names():
    assert [region_aliases.display_short(n) for n in ("北京市", "广西壮族自治区", "株洲市", "余杭区")] == [
        "北京", "广西", "株洲", "余杭区"]


def test_clean_and_show():
    assert region_aliases.clean(" 上 海\u3000") == "上海"
    assert region_aliases.show("区" * 500).startswith("'区") and len(region_aliases.show("区" * 500)) <= 42
    assert "\n" not in region_aliases.show("a\nb")
