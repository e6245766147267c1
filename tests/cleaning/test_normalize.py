"""Tests of fai.normalize: text, numbers, units, growth words, periods, regions, mojibake."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fai.cleaning import normalize as nz
from fai.errors import (
    FaiError,
    FaiWarning,
    NumberError,
    PercentagePointError,
    PeriodError,
    UnitError,
)


# ------------------------------------------------------------------ text
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("固定資產投資", "固定资产投资"),  # traditional → simplified
        ("１２３．４５％", "123.45%"),  # full-width digits, point, percent
        ("（亿元）", "(亿元)"),
        ("增长，其中；民间：？", "增长，其中；民间：？"),  # Chinese punctuation kept
        ("1—8月", "1-8月"),
        ("1～8月", "1-8月"),
        ("1 – 8 月", "1-8月"),
        ("1一8月", "1-8月"),  # "一" typed for a dash inside a month range
        ("一至八月", "一至八月"),  # … but not a real 一
        ("26.22 %", "26.22%"),
        ("629 .44", "629.44"),
        ("6 2 9.44", "6 2 9.44"),  # digits apart may be two figures: kept
        ("北 京 市", "北京市"),
        ("增长 8.4%", "增长8.4%"),
        ("投资，，增长", "投资，增长"),
        ("a,,b", "a,b"),
        ("——其中", "——其中"),  # dashes in prose are kept
        ("\ufeff\u3000北京\u200b", "北京"),
        ("－1.7", "-1.7"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert nz.normalize_text(raw) == expected


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
    assert nz.parse_number(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "增长", "1,23", "nan", "inf", "1e5", "3.3倍", "二三十", "万", "十点", "1.2.3", "—"]
)
def test_parse_number_rejects(raw: str) -> None:
    with pytest.raises(NumberError, match="not a number|finite"):
        nz.parse_number(raw, where="x.csv line 3")


def test_parse_number_names_where() -> None:
    with pytest.raises(NumberError, match=r"^x\.csv line 3: '增长' is not a number"):
        nz.parse_number("增长", where="x.csv line 3")


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
    assert nz.parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["629.44", "629.44美元", "629.44个", "629.44吨"])
def test_parse_amount_needs_a_unit(raw: str) -> None:
    with pytest.raises(UnitError):
        nz.parse_amount(raw)


@pytest.mark.parametrize("raw", ["亿元", "很多亿元", "1.2.3亿元"])
def test_parse_amount_needs_a_number(raw: str) -> None:
    with pytest.raises((NumberError, UnitError)):
        nz.parse_amount(raw)


def test_amount_factor() -> None:
    assert nz.amount_factor("万元") == 0.0001
    assert nz.amount_factor("单位：亿元") == 1.0
    with pytest.raises(UnitError, match="not a money unit"):
        nz.amount_factor("吨")


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
    assert nz.parse_growth(raw) == expected


def test_parse_growth_flags_percentage_points() -> None:
    with pytest.raises(PercentagePointError, match="percentage points"):
        nz.parse_growth("回落0.1个百分点")
    assert issubclass(PercentagePointError, UnitError)


@pytest.mark.parametrize(
    ("raw", "exc"), [("增长8.4", UnitError), ("增长", NumberError), ("增长很快%", NumberError)]
)
def test_parse_growth_rejects(raw: str, exc: type) -> None:
    with pytest.raises(exc):
        nz.parse_growth(raw)


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
    assert nz.parse_pp_change(raw) == expected


def test_parse_pp_change_rejects_a_rate() -> None:
    with pytest.raises(UnitError):
        nz.parse_pp_change("增长8.4%")


# ---------------------------------------------------------------- periods
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1—8月", (None, 8)),
        ("1-8月份", (None, 8)),
        ("1至8月", (None, 8)),
        ("前8个月", (None, 8)),
        ("前八个月", (None, 8)),
        ("元至八月", (None, 8)),
        ("一至八月", (None, 8)),
        ("一季度", (None, 3)),
        ("上半年", (None, 6)),
        ("前三季度", (None, 9)),
        ("全年", (None, 12)),
        ("2016年1-8月", (2016, 8)),
        ("截至8月底", (None, 8)),
        ("截至2024年8月末", (2024, 8)),
        ("1-12月份", (None, 12)),
        ("1—2月", (None, 2)),
        ("2019年12月", (2019, 12)),
        ("2024年", (2024, 12)),
        ("2019-12", (2019, 12)),
        ("1-8月累计", (None, 8)),
        ("二〇一六年一至十一月", (2016, 11)),
        ("2016年1一8月", (2016, 8)),
    ],
)
def test_parse_period(raw: str, expected: tuple[int | None, int]) -> None:
    assert nz.parse_period(raw) == expected


def test_parse_period_default_year() -> None:
    assert nz.parse_period("1-8月", 2024) == (2024, 8)
    assert nz.parse_period("2016年1-8月", 2024) == (2016, 8)


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ("1-13月", "month 13"),
        ("2019年13月", "month 13"),
        ("2019-13", "month 13"),
        ("3-8月", "does not start in January"),
        ("二季度", "single quarter"),
        ("下半年", "single quarter"),
        ("上个月", "not a year-to-date period"),
        ("", "not a year-to-date period"),
        ("1850年1-8月", "expected 1900–2100"),
    ],
)
def test_parse_period_rejects(raw: str, match: str) -> None:
    with pytest.raises(PeriodError, match=match):
        nz.parse_period(raw)


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
        assert nz.resolve_region(raw) == code


def test_resolve_region_unknown_warns() -> None:
    with pytest.warns(FaiWarning, match="不存在县"):
        assert nz.resolve_region("不存在县") is None


# --------------------------------------------------------------- mojibake
TEXT = "全省固定资产投资同比增长3.2%"


def test_mojibake_utf8_read_as_gbk() -> None:
    garbled = TEXT.encode("utf-8").decode("gbk")
    found = nz.detect_mojibake(garbled)
    assert [pos for pos, _ in found] == [0]
    assert nz.repair_mojibake(garbled) == TEXT


def test_mojibake_inside_good_text() -> None:
    garbled = "投资" + "增长".encode().decode("gbk") + "8%"
    assert nz.detect_mojibake(garbled) == [(2, "澧為暱")]
    assert nz.repair_mojibake(garbled) == "投资增长8%"


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
def test_mojibake_gbk_read_as_latin(wrong: str) -> None:
    garbled = "房地产开发投资累计值".encode("gbk").decode(wrong)
    assert nz.detect_mojibake(garbled)
    assert nz.repair_mojibake(garbled) == "房地产开发投资累计值"


def test_mojibake_utf8_read_as_latin1() -> None:
    garbled = "北京市1-8月份".encode().decode("latin-1")
    assert nz.repair_mojibake(garbled) == "北京市1-8月份"


def test_mojibake_gbk_one_byte_off() -> None:
    # a stray byte before GBK text shifts every pair by one; the last byte is lost
    raw = b"\xb1" + "民间投资增长".encode("gbk")
    garbled = raw[:-1].decode("gbk")
    assert garbled == "泵窦渫蹲试龀"
    assert nz.detect_mojibake(garbled) == [(1, "窦渫蹲试龀")]
    assert nz.repair_mojibake(garbled) is None  # a byte is missing: no certain repair


def test_mojibake_lost_bytes_are_not_repaired() -> None:
    garbled = "第一产业投资".encode().decode("gbk", errors="replace")
    assert "\ufffd" in garbled
    assert nz.detect_mojibake(garbled)
    assert nz.repair_mojibake(garbled) is None


@pytest.mark.parametrize(
    "clean",
    [TEXT, "內蒙古自治區固定資產投資", "贵州黔东南", "亳州", "温度30°C，3×4", "“投资”——增长"],
)
def test_no_false_mojibake(clean: str) -> None:
    assert nz.detect_mojibake(clean) == []
    assert nz.repair_mojibake(clean) == clean


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
        nz.parse_number,
        nz.parse_amount,
        nz.parse_growth,
        nz.parse_pp_change,
        nz.parse_period,
    ):
        try:
            parse(text)
        except FaiError:
            pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_text_helpers_never_raise(text: str) -> None:
    assert isinstance(nz.normalize_text(text), str)
    assert nz.normalize_text(nz.normalize_text(text)) == nz.normalize_text(text)
    for pos, segment in nz.detect_mojibake(text):
        assert text[pos : pos + len(segment)] == segment
    repaired = nz.repair_mojibake(text)
    assert repaired is None or isinstance(repaired, str)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-1e6, max_value=1e6, places=2, allow_nan=False))
def test_parse_number_round_trips(value) -> None:  # type: ignore[no-untyped-def]
    assert nz.parse_number(str(value)) == float(value)
    assert nz.parse_growth(f"增长{value}%") == float(value)
