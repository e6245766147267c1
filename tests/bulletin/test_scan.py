"""fai.bulletin.scan: a scan near the hints finds what a scan of the whole text finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fai.bulletin import facts as F
from fai.bulletin import patterns as P
from fai.bulletin.scan import findall_near, holds_one_of, max_width

_TOKENS = ["1", "8", "12", "-", "至", "到", "月", "份", "底", "末", "累计", "前", "首", "提", "个",
           "预计", "今", "年", "今年", "全年", "上半年", "一", "三", "季", "季度", "第一", "截至",
           "2023", "投资", "增长", "，", "\n", "x"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_year_to_date_spans_near_their_hints_are_those_of_the_whole_text(s: str) -> None:
    width = max_width(P.YTD_RE.pattern)
    assert findall_near(P.YTD_SCAN_RE, s, F.YTD_HINTS, width) == P.YTD_SCAN_RE.findall(s)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("12ab月x\n")))
def test_a_scan_near_the_hints_on_any_text(s: str) -> None:
    rx = re.compile(r"(?<!b)\d{1,2}a?月|x月?a")  # (holds 月 or a; at most 4 long)
    assert findall_near(rx, s, "月a", 4) == rx.findall(s)


def test_the_year_to_date_spans_hold_a_hint_and_look_ahead_of_none() -> None:
    # findall_near's conditions: a hint in every match, nothing read after a match
    assert holds_one_of(P.YTD_RE.pattern, F.YTD_HINTS)
    assert not re.search(r"\(\?[=!]|\$", P.YTD_RE.pattern)
    assert max_width(P.YTD_RE.pattern) == 14  # 截至2023年度10月份底
    assert F.ytd_months(["1-8月，全县投资增长5%。", "上半年…", "8月份当月…"]) == {6, 8}


def test_what_holds_a_hint() -> None:
    assert holds_one_of("(?:1|2)月份?|上半年", "月年")
    assert not holds_one_of("(?:1|2)月?份", "月")  # 1份
    assert not holds_one_of("(?=月)1", "月")  # a lookahead holds nothing
    assert max_width("(?:1[0-2]|[1-9])月份?") == 4
