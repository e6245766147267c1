"""fai.cleaning.mojibake: text decoded with the wrong codec, found and repaired."""

from __future__ import annotations

import pytest

from fai.cleaning import mojibake

# --------------------------------------------------------------- mojibake
TEXT = "全省固定资产投资同比增长3.2%"


def test_mojibake_utf8_read_as_gbk() -> None:
    garbled = TEXT.encode("utf-8").decode("gbk")
    found = mojibake.detect_mojibake(garbled)
    assert [pos for pos, _ in found] == [0]
    assert mojibake.repair_mojibake(garbled) == TEXT


def test_mojibake_inside_good_text() -> None:
    garbled = "投资" + "增长".encode().decode("gbk") + "8%"
    assert mojibake.detect_mojibake(garbled) == [(2, "澧為暱")]
    assert mojibake.repair_mojibake(garbled) == "投资增长8%"


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
def test_mojibake_gbk_read_as_latin(wrong: str) -> None:
    garbled = "房地产开发投资累计值".encode("gbk").decode(wrong)
    assert mojibake.detect_mojibake(garbled)
    assert mojibake.repair_mojibake(garbled) == "房地产开发投资累计值"


def test_mojibake_utf8_read_as_latin1() -> None:
    garbled = "北京市1-8月份".encode().decode("latin-1")
    assert mojibake.repair_mojibake(garbled) == "北京市1-8月份"


def test_mojibake_gbk_one_byte_off() -> None:
    # a stray byte before GBK text shifts every pair by one; the last byte is lost
    raw = b"\xb1" + "民间投资增长".encode("gbk")
    garbled = raw[:-1].decode("gbk")
    assert garbled == "泵窦渫蹲试龀"
    assert mojibake.detect_mojibake(garbled) == [(1, "窦渫蹲试龀")]
    assert mojibake.repair_mojibake(garbled) is None  # a byte is missing: no certain repair


def test_mojibake_lost_bytes_are_not_repaired() -> None:
    garbled = "第一产业投资".encode().decode("gbk", errors="replace")
    assert "\ufffd" in garbled
    assert mojibake.detect_mojibake(garbled)
    assert mojibake.repair_mojibake(garbled) is None


@pytest.mark.parametrize(
    "clean",
    [TEXT, "內蒙古自治區固定資產投資", "贵州黔东南", "亳州", "温度30°C，3×4", "“投资”——增长"],
)
def test_no_false_mojibake(clean: str) -> None:
    assert mojibake.detect_mojibake(clean) == []
    assert mojibake.repair_mojibake(clean) == clean
