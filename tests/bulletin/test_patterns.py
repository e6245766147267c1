"""fai.bulletin.patterns written for speed match what they match as first written."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fai.bulletin import patterns as P

# as first written (each starts with a lookbehind, so the engine tries every position);
# the module writes them to start with their first character, which it scans for
AS_WRITTEN = {
    "CN_DECIMAL_RE": r"(?<![〇零一二三四五六七八九十])([〇零一二三四五六七八九十]{1,3})\.([〇零一二三四五六七八九]{1,3})"
    r"(?=%|个百分点|亿|万|倍)",
    "WIDE_THOUSANDS_RE": r"(?<![\d.，])(\d{1,3})((?:，\d{3})+)(?=(?:\.\d+)?[万亿元])",
}


_TOKENS = ["1", "23", "456", "7890", "，", "，123", ",", ".", ".5", "亿", "万", "元", "%", "倍",
           "个百分点", "一", "二三", "一二三", "十", "〇", "零", "九", ".九", "增长", "a", " "]  # fmt: skip


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_TOKENS), max_size=8).map("".join))
def test_scanning_patterns_match_as_written(s: str) -> None:
    for name, written in AS_WRITTEN.items():
        fast = getattr(P, name)
        assert fast.pattern != written, name
        got = [(m.span(), m.groups()) for m in fast.finditer(s)]
        assert got == [(m.span(), m.groups()) for m in re.finditer(written, s)], name


def test_scanning_patterns_on_examples() -> None:
    # four numerals are no decimal's whole part; a group after a comma is no number's start
    assert P.CN_DECIMAL_RE.sub("x", "年减三.一%，增长十三.九个百分点，一二三四.五亿") == (
        "年减x%，增长x个百分点，一二三四.五亿"
    )
    assert P.WIDE_THOUSANDS_RE.sub("x", "投资1，234.5亿元，共12，345万元，1.2，345亿") == (
        "投资x.5亿元，共x万元，1.2，345亿"
    )
