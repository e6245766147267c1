"""fai.cleaning.text: the canonical form of Chinese statistical text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fai.cleaning import mojibake, text


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
    assert text.normalize_text(raw) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_text_helpers_never_raise(s: str) -> None:
    assert isinstance(text.normalize_text(s), str)
    assert text.normalize_text(text.normalize_text(s)) == text.normalize_text(s)
    for pos, segment in mojibake.detect_mojibake(s):
        assert s[pos : pos + len(segment)] == segment
    repaired = mojibake.repair_mojibake(s)
    assert repaired is None or isinstance(repaired, str)


# the four spacing patterns of normalize_text as first written (each starts with a lookbehind);
# the module writes them to start with their first character's class, a faster scan
_AS_WRITTEN = {
    "_DIGIT_DASH": rf"(?<=\d)\s*[{text._DASHES}]{{1,2}}\s*(?=\d)",
    "_DIGIT_YI": r"(?<=\d)\s*一\s*(?=\d{1,2}\s*月)",
    "_SPACE_NEAR_CJK": rf"\s+(?=[{text.CJK_RANGES}{text._CJK_PUNCT}%])"
    rf"|(?<=[{text.CJK_RANGES}{text._CJK_PUNCT}])\s+",
    "_SPACE_IN_NUMBER": r"(?<=\d)\s+(?=[.%])|(?<=\d\.)\s+(?=\d)",
}


@settings(max_examples=3000)
@given(st.text(alphabet=" \t\u3000\xa0\n12.%—～~-–一月中，a", max_size=14))
def test_spacing_patterns_match_as_written(s: str) -> None:
    for name, written in _AS_WRITTEN.items():
        fast = getattr(text, name)
        assert fast.pattern != written and fast.sub("|", s) == re.sub(written, "|", s), name
