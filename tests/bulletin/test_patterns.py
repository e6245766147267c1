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
    "HAS_FIGURE_RE": r"\d|持平|第[一二三四五六七八九十]|个.{0,14}中",
    "NUM_RE": P.NUM,
}

# the year-to-date spans as first written: each lookbehind before the character it is behind
_YTD_WRITTEN = P._PERIOD_CORE.replace("[前首](?<!提[前首])", "(?<!提)[前首]").replace(
    "今(?<=预计今)年", "(?<=预计)今年"
)
assert _YTD_WRITTEN.count("(?<!提)[前首]") == _YTD_WRITTEN.count("(?<=预计)今年") == 1
AS_WRITTEN["YTD_RE"] = _YTD_WRITTEN


_TOKENS = ["1", "23", "456", "7890", "，", "，123", ",", ".", ".5", "亿", "万", "元", "%", "倍",
           "个百分点", "一", "二三", "一二三", "十", "〇", "零", "九", ".九", "增长", "a", " ",
           "-", "+", "-1", "+.", "٣", "持", "平", "持平", "第", "第一", "个", "中", "\n",
           "提", "前", "首", "预计", "今", "年", "今年", "月", "份", "8月", "至", "季度", "上半年",
           "截至", "底", "全年"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=8).map("".join))
def test_scanning_patterns_match_as_written(s: str) -> None:
    for name, written in AS_WRITTEN.items():
        fast = getattr(P, name)
        assert fast.pattern != written, name
        got = [(m.span(), m.groups()) for m in fast.finditer(s)]
        assert got == [(m.span(), m.groups()) for m in re.finditer(written, s)], name


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_scanning_patterns_match_as_written_on_any_text(s: str) -> None:
    for name, written in AS_WRITTEN.items():
        got = [(m.span(), m.groups()) for m in getattr(P, name).finditer(s)]
        assert got == [(m.span(), m.groups()) for m in re.finditer(written, s)], name


def test_scanning_patterns_on_examples() -> None:
    # a sign before a digit starts a number; a dash after a digit (3-8月) is no sign
    numbers = P.NUM_RE.findall("增长-3.2%，+5，12.5亿元，-x，3-8月")
    assert numbers == ["-3.2", "+5", "12.5", "3", "8"]
    clauses = ("与全市持平", "居第三", "16个县市区中", "增长")
    assert [bool(P.HAS_FIGURE_RE.search(s)) for s in clauses] == [True, True, True, False]
    # four numerals are no decimal's whole part; a group after a comma is no number's start
    assert P.CN_DECIMAL_RE.sub("x", "年减三.一%，增长十三.九个百分点，一二三四.五亿") == (
        "年减x%，增长x个百分点，一二三四.五亿"
    )
    assert P.WIDE_THOUSANDS_RE.sub("x", "投资1，234.5亿元，共12，345万元，1.2，345亿") == (
        "投资x.5亿元，共x万元，1.2，345亿"
    )


_FACT_TOKENS = ["1", "23", "4.5", "-6", "+7", ".8", "9.", "亿元", "万元", "亿", "%", "个", "项",
                "个百分点", "百分点", "以上", "及", "和", "、", "平方米", "元", "增长", "同比",
                "完成", "占", "比重", "第", "三", "位", "全市", "高于", "中", "年", "1-8月",
                "，", "投资", "下降", "倍"]  # fmt: skip
# FACT_RE's alternatives as a plain alternation (each reads its own number)
_FACT_PLAIN = re.compile(
    "|".join(f"(?:{p})(?P<k{i}>)" for i, (_, p) in enumerate(P._FACTS)), re.ASCII
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_FACT_TOKENS), max_size=10).map("".join))
def test_fact_re_reads_each_number_once_with_the_same_matches(s: str) -> None:
    def found(rx: re.Pattern[str]) -> list[tuple[tuple[int, int], str]]:
        kinds = P.group_kinds(P.FACT_KINDS)
        return [(m.span(), kinds[m.lastgroup]) for m in rx.finditer(s) if m.lastgroup]

    assert found(P.FACT_RE) == found(_FACT_PLAIN)


def test_fact_re_reads_each_number_once() -> None:
    # number-led alternatives that follow each other share one reading of the number
    shared = P.guarded_alternation([r"\d+%", r"\d+亿"], shared=r"\d+")
    assert shared == r"(?=[0123456789])(?:\d+(?:(?:%)(?P<k0>)|(?:亿)(?P<k1>)))"
    # … not when a tail could start with a digit or a point (the number could end early)
    assert P.guarded_alternation([r"\d+%", r"\d+\.?亿"], shared=r"\d+").count(r"\d+") == 2


def _facts_found(rx: re.Pattern[str], s: str) -> list[tuple[tuple[int, int], str | None]]:
    """(span, group name) of each match of a FACT_RE form (a copy ``k3_1`` named as ``k3``)."""
    return [(m.span(), (m.lastgroup or "").partition("_")[0]) for m in rx.finditer(s)]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from([t for t in _FACT_TOKENS if "%" not in t]), max_size=10).map("".join))
def test_fact_re_without_percent_has_the_same_matches(s: str) -> None:
    assert _facts_found(P.FACT_NO_PCT_RE, s) == _facts_found(_FACT_PLAIN, s)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.-+亿万元个项%增长同比完成占第三位")))
def test_fact_re_without_percent_on_any_text_without_one(s: str) -> None:
    s = s.replace("%", "")
    assert _facts_found(P.FACT_NO_PCT_RE, s) == _facts_found(P.FACT_RE, s)


def test_fact_re_without_percent_leaves_out_what_needs_one() -> None:
    # 增长12.5% needs a %, 与全市持平 does not; 12亿元 is read by both
    assert P._required_chars("(?:同比)?增长\\d+%") == frozenset("增长%")
    assert P._required_chars("(?:与|和)全市(?:基本)?持平") == frozenset("全市持平")
    assert P._required_chars("[增减]\\d+(?:%|倍)") == frozenset()
    assert _facts_found(P.FACT_NO_PCT_RE, "完成投资12亿元，与全市持平") == [
        ((4, 8), _facts_found(P.FACT_RE, "12亿元")[0][1]),
        ((9, 14), _facts_found(P.FACT_RE, "与全市持平")[0][1]),
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("省市县区a-[]^\\.投资镇")),
    st.text(alphabet=st.sampled_from("省市县区a-[]^\\.投资镇"), max_size=4),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_one_of_tells_what_isdisjoint_tells(text: str, chars: str, i: int, j: int) -> None:
    # the quick tests before longer patterns: one_of(chars).search(text, i, j) for
    # not frozenset(chars).isdisjoint(text[i:j]), the same answer (any characters, any span)
    assert (P.one_of(chars).search(text, i, j) is not None) == (
        not frozenset(chars).isdisjoint(text[i:j])
    )
