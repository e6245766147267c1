"""fai.bulletin: Chinese FAI prose → tidy records with evidence.

The corpus under tests/bulletin/corpus/ holds texts we wrote ourselves in the shapes
of published releases, each with its expected records (NN-topic.json); every
one of them must come out exactly. The unit tests below pin single shapes with
hand-checked numbers.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fai.bulletin import patterns as P
from fai.bulletin.parse import COLUMNS, EXTRA_COLUMNS, decode_text, read_bulletin, to_records
from fai.errors import FaiError, FaiWarning, InputFormatError

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("*.txt"))


def _records(text: str, **kw) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return to_records(read_bulletin(text, **kw))


def _one(text: str, indicator: str = "fai_total", **kw) -> dict:
    rows = [r for r in _records(text, **kw) if r["indicator"] == indicator]
    assert len(rows) == 1, rows
    return rows[0]


def _canon(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


# ------------------------------------------------------------------ corpus
def test_corpus_is_large_enough_and_every_text_has_its_records():
    assert len(CASES) >= 60
    for txt in CASES:
        assert txt.with_suffix(".json").exists(), txt.name
        assert re.fullmatch(r"\d{2}-[a-z0-9-]+\.txt", txt.name), txt.name


@pytest.mark.parametrize("txt", CASES, ids=[p.stem for p in CASES])
def test_corpus_text_gives_exactly_its_expected_records(txt: Path):
    expected = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    for rec in expected:  # the output contract: 16 keys, mom_sa_pct only where stated
        assert list(rec)[:16] == COLUMNS and set(rec) - set(COLUMNS) <= {"mom_sa_pct"}
    got = _records(decode_text(txt.read_bytes()), file=txt.name)
    assert _canon(got) == _canon(expected)


def test_every_number_in_the_output_is_written_in_the_text():
    """Never invent: each figure is in its evidence (万元, 倍 and signs converted back)."""
    fields = ("value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp", "share_pct",
              "vs_time_progress_pp", "mom_sa_pct")  # fmt: skip
    for txt in CASES:
        for rec in _records(decode_text(txt.read_bytes())):
            written = {float(x) for x in re.findall(r"\d+(?:\.\d+)?", rec["evidence"])}
            for name in fields:
                value = rec.get(name)
                if value is None or value == 0:
                    continue
                # as written, or 万元 → 亿元 (÷ 10,000), or 增长3.3倍 → 330
                candidates = {abs(value), abs(value) * 10_000, abs(value) / 100}
                assert any(abs(c - w) < 1e-6 for c in candidates for w in written), (
                    txt.name, name, value, rec["evidence"],
                )  # fmt: skip


# ------------------------------------------------------------------ shapes
def test_county_notice_with_level_growth_parent_rank_plan_and_time_progress():
    rec = _one(
        "1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%，增速高于全市3.2个百分点，"
        "居全市第2位。完成年度目标任务的68.2%，高于序时进度1.5个百分点。",
        region="天城县",
        year=2023,
    )
    assert (rec["region"], rec["year"], rec["month"]) == ("天城县", 2023, 8)
    assert (rec["value_100m_yuan"], rec["yoy_pct"], rec["vs_parent_pp"], rec["parent"]) == (
        56.3, 12.5, 3.2, "全市",
    )  # fmt: skip
    assert (rec["rank"], rec["plan_completion_pct"], rec["vs_time_progress_pp"]) == (2, 68.2, 1.5)


@pytest.mark.parametrize(
    ("period", "month"),
    [("1-9月", 9), ("1—4月", 4), ("1至5月", 5), ("1-10月份", 10), ("前7个月", 7),
     ("元至九月", 9), ("一季度", 3), ("上半年", 6), ("前三季度", 9), ("截至6月底", 6),
     ("1-12月份", 12), ("全年", 12)],
)  # fmt: skip
def test_period_words_give_the_last_month_of_the_span(period: str, month: int):
    rec = _one(f"{period}，全县固定资产投资同比增长5.5%。")
    assert (rec["year"], rec["month"], rec["yoy_pct"]) == (None, month, 5.5)


def test_bare_year_is_a_full_year_and_year_argument_fills_jinnian():
    assert _one("2018年，全县固定资产投资比上年增长7.0%。")["month"] == 12
    rec = _one("今年1-5月，全县固定资产投资增长4.0%。", year=2024)
    assert (rec["year"], rec["month"]) == (2024, 5)


@pytest.mark.parametrize(
    ("phrase", "yoy"),
    [("同比增长8.4%", 8.4), ("比上年同期增长8.4%", 8.4), ("同比增加8.4%", 8.4), ("增幅为8.4%", 8.4),
     ("同比下降8.4%", -8.4), ("增长-8.4%", -8.4), ("增速同比下降8.4%", -8.4), ("增长3.3倍", 330.0),
     ("同比持平", 0.0), ("降幅为8.4%", -8.4)],
)  # fmt: skip
def test_growth_phrasings(phrase: str, yoy: float):
    assert _one(f"1-6月，全县固定资产投资{phrase}。")["yoy_pct"] == yoy


@pytest.mark.parametrize(
    "trap",
    ["两年平均增长5.4%", "增速比1-7月份回落2.1个百分点", "较上月下降0.7个百分点",
     "拉动全部投资增长3.2个百分点", "比上年同期增加6.8亿元", "开工率达47.7%", "比上月增长2.0%"],
)  # fmt: skip
def test_numbers_that_are_not_figures_of_ours(trap: str):
    rec = _one(f"1-8月，全县固定资产投资同比增长7.0%，{trap}。")
    assert rec["yoy_pct"] == 7.0
    assert all(rec[k] is None for k in ("value_100m_yuan", "vs_parent_pp", "share_pct",
                                        "plan_completion_pct", "vs_time_progress_pp"))  # fmt: skip


def test_share_and_plan_phrases():
    rows = {r["indicator"]: r for r in _records(
        "1-9月，全县民间投资占全部投资的比重为56.2%。工业投资占年度计划的70.1%，"
        "超序时进度3.4%。重点项目投资完成率81.3%。"
    )}  # fmt: skip
    assert rows["fai_private"]["share_pct"] == 56.2
    assert rows["fai_industry"]["plan_completion_pct"] == 70.1
    assert rows["fai_industry"]["vs_time_progress_pp"] == 3.4
    assert rows["fai_key_projects"]["plan_completion_pct"] == 81.3


def test_parent_comparisons_signs_and_two_parents():
    assert _one("全县固定资产投资增长3.1%，增速比全州低2.6个百分点。")["vs_parent_pp"] == -2.6
    # the parent's rate in brackets is the parent's own figure (全市 18.6), as (全市6.6%) after ours
    rows = _records("全县投资增长39.5%，高于全市(18.6%)20.9个百分点。")
    assert [(r["region"], r["yoy_pct"], r["vs_parent_pp"]) for r in rows] == [
        (None, 39.5, 20.9), ("全市", 18.6, None)
    ]
    rows = _records("全县固定资产投资增长22.7%，分别比全国和全省平均水平高14.2和10.5个百分点。")
    assert [(r["parent"], r["vs_parent_pp"]) for r in rows] == [("全国", 14.2), ("全省", 10.5)]
    not_parent = _one("全县工业投资增长18.0%，高于去年同期5.5个百分点，高于全部投资增速7.2个百分点。",
                      "fai_industry")  # fmt: skip
    assert not_parent["vs_parent_pp"] is None and not_parent["parent"] is None


def test_lists_with_fenbie_and_mixed_units():
    rows = _records(
        "1-8月，省、市级重点项目分别完成投资36.2亿元、94.3亿元。城关镇完成投资5320万元。"
    )
    assert [(r["label"], r["value_100m_yuan"]) for r in rows[:2]] == [
        ("省级重点项目投资", 36.2), ("市级重点项目投资", 94.3),
    ]  # fmt: skip
    assert (rows[2]["region"], rows[2]["indicator"], rows[2]["value_100m_yuan"]) == (
        "城关镇", "fai_total", 0.532,  # 5320万元 ÷ 10,000 = 0.532亿元
    )  # fmt: skip


def test_other_indicators_and_project_counts_are_not_investment():
    rows = _records(
        "全县规模以上工业增加值完成30.2亿元，同比增长8.1%。社会消费品零售总额25.3亿元，增长6.2%。"
        "新开工项目125个，增长15.3%。全县固定资产投资增长9.6%。"
    )
    assert [(r["indicator"], r["yoy_pct"]) for r in rows] == [("fai_total", 9.6)]


def test_unknown_investment_is_other_with_its_label():
    rec = _one("1-9月，全市水利投资完成12.7亿元，同比增长33.1%。", "other")
    assert (rec["label"], rec["value_100m_yuan"], rec["yoy_pct"]) == ("水利投资", 12.7, 33.1)


def test_traditional_pinyin_spaces_and_doubled_commas():
    rec = _one("1-6月，，全縣固定資產(chǎn)投資完成 30.2 億元，同比增長 26.22 %。")
    assert (rec["label"], rec["value_100m_yuan"], rec["yoy_pct"]) == ("固定资产投资", 30.2, 26.22)


def test_macro_regions_and_seasonally_adjusted_month_on_month():
    rows = _records(
        "2024年1—10月份，全国固定资产投资（不含农户）421567亿元，同比增长3.6%。"
        "从环比看，10月份固定资产投资（不含农户）增长0.16%。"
        "分地区看，东部地区投资同比增长1.4%，东北地区投资下降4.7%。"
    )
    total = rows[0]
    assert (total["region"], total["value_100m_yuan"], total["mom_sa_pct"]) == (
        "全国",
        421567.0,
        0.16,
    )
    assert [(r["region"], r["yoy_pct"]) for r in rows[1:]] == [
        ("东部地区", 1.4),
        ("东北地区", -4.7),
    ]
    assert all("mom_sa_pct" not in r for r in rows[1:])  # the 17th key only where stated


def test_mojibake_paragraph_is_skipped_with_a_warning_naming_the_line():
    bad = "全县工业投资完成12.1亿元，同比增长18.2%。".encode().decode("gbk", errors="replace")
    text = f"1-8月，全县固定资产投资增长8.5%。\n{bad}\n"
    with pytest.warns(FaiWarning, match=r"x\.txt line 2: skipped"):
        df = read_bulletin(text, file="x.txt")
    assert df["indicator"].tolist() == ["fai_total"]
    assert df.attrs["warnings"] and "mojibake" in df.attrs["warnings"][0]


def test_dataframe_columns_and_types():
    df = read_bulletin("1-8月，全县固定资产投资完成56.3亿元，居全市第2位。", file="a.txt")
    assert list(df.columns) == COLUMNS + EXTRA_COLUMNS
    assert str(df["month"].dtype) == "Int64" and str(df["rank"].dtype) == "Int64"
    assert df.loc[0, "file"] == "a.txt" and df.loc[0, "value_100m_yuan"] == 56.3
    empty = read_bulletin("")
    assert list(empty.columns) == COLUMNS + EXTRA_COLUMNS and empty.empty


def test_input_errors_are_fai_errors():
    with pytest.raises(InputFormatError, match="expected the text as str"):
        read_bulletin(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InputFormatError, match="binary file"):
        decode_text(b"\x00\x01\x02", "blob.bin")
    assert decode_text("投资增长".encode("gbk")) == "投资增长"


@pytest.mark.parametrize("facts", ["FACT", "FIELD"])
def test_first_character_lookaheads_find_the_same_facts(facts):
    from fai.bulletin import project_words as W

    pairs, guarded = (P._FACTS, P.FACT_RE) if facts == "FACT" else (W._FIELDS, W.FIELD_RE)
    plain = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(pairs)), re.ASCII)
    assert guarded.pattern.startswith("(?=[")
    # every alternative is there (k3, and its copies k3_1 … in other groups of first characters)
    assert {name.partition("_")[0] for name in guarded.groupindex} == {f"k{i}" for i in range(len(pairs))}
    found = 0
    for txt in CASES:
        text = decode_text(txt.read_bytes())
        got = [(m.span(), m.lastgroup.partition("_")[0]) for m in guarded.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        found += len(got)
    assert found > 100


def test_weighted_tree_of_lookaheads_finds_the_same_facts():
    """FACT_RE's tree weighted by its common characters: the same matches as the halved
    tree, every group of characters once in it, the most common one nearest the root."""
    pats = [p for _, p in P._FACTS]
    halved = re.compile(P._guarded_alternation(pats, P.NUM, ""), re.ASCII)
    assert P.FACT_RE.pattern != halved.pattern  # (FACT_RE is the weighted one)
    for txt in CASES:
        text = decode_text(txt.read_bytes())
        assert [(m.span(), m.lastgroup.partition("_")[0]) for m in P.FACT_RE.finditer(text)] == [
            (m.span(), m.lastgroup.partition("_")[0]) for m in halved.finditer(text)
        ]
    groups = [((0,), ["a", "x"]), ((1,), ["b"]), ((2,), ["c"]), ((3,), ["d"])]
    first, second = P._weighted_halves(groups, "dc")
    assert first[0] == ((3,), ["d"]) and sorted(first + second) == sorted(groups)
    assert P._weighted_halves(groups, "")[0]  # (no common character: still two parts)


def test_strip_prefix_leaves_its_results_as_they_are():
    """The reader strips a head once (Reader._take_region(…, stripped=True), cut_label):
    strip_prefix of its own result must be that result."""
    from fai.bulletin import text as T

    heads = ["其中今年以来全县", "1-8月，全县", "本报讯 全县投资", "各乡镇在建项目", "除房地产开发投资外"]
    for txt in CASES:
        for line in T.clean_lines(decode_text(txt.read_bytes())):
            heads += [c for s in T.sentences(line) for c, _ in T.clauses(s)]
    for head in heads:
        for start in range(min(len(head), 12)):
            once = T.strip_prefix(head[start:])
            assert T.strip_prefix(once) == once, head[start:]


def test_quick_first_character_tests_hold_every_start():
    """The character sets tested before a regex hold every character its matches start with
    (digits aside for HEAD_PREFIX_FIRST: strip_prefix tests str.isdecimal, as \\d does)."""
    from fai.bulletin import reader

    words = set(P._first_chars(f"(?:{P._HEAD_PREFIX_WORDS})"))
    assert words - set("0123456789") == set(P.HEAD_PREFIX_FIRST)
    assert "全" not in P._first_chars(f"(?:{P._HEAD_PREFIX_WORDS.replace('|全年|', '|')})")
    assert set(P._first_chars(f"(?:{P.REGION_SUFFIX})")) == set(reader._REGION_SUFFIX_FIRST)
    assert set(P._first_chars(P.TARGET_HEAD_RE.pattern)) == set(reader._TARGET_HEAD_FIRST)


def test_replacements_in_turn_translate_the_same():
    """clean_line and normalize_text (of a long text) replace characters one after another
    instead of translating: the same only while no character maps to one of the keys."""
    from fai.bulletin import text as T
    from fai.cleaning import text as C

    for pairs in (T._PUNCT_PAIRS, C._TRANSLATE_PAIRS):
        keys = {k for k, _ in pairs}
        assert not any(set(v) & keys for _, v in pairs)
    long = "１—８月份，全省固定資產投資增長 ８．４ ％，，\u200b" * 400
    assert long.translate(C._TRANSLATE) == _replace_in_turn(long, C._TRANSLATE_PAIRS)


def _replace_in_turn(text: str, pairs: tuple) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def test_clause_split_as_written_splits_the_same():
    written = re.compile(
        r"[，；：,;:]|(?<=[%元位点倍名])(?:、(?=[^\d+\-])|(?:和|以及|及)(?=[^\d+\-第])(?!以[上下]))"
    )
    texts = [decode_text(txt.read_bytes()) for txt in CASES]
    texts += ["增长8%和9%", "8%、工业", "8%、9", "8%以及以上", "8元及第一", "居第2位和民间", "点及", "，；：,;:"]
    for text in texts:
        assert [m.span() for m in P.CLAUSE_SPLIT_RE.finditer(text)] == [
            m.span() for m in written.finditer(text)
        ]


# ------------------------------------------------------------------ properties
_TOKENS = ["1-8月", "全县", "固定资产投资", "完成", "56.3", "亿元", "万元", "同比", "增长", "下降", "%",
           "，", "。", "；", "个百分点", "高于", "全市", "居", "第", "2", "位", "其中", "民间投资", "占",
           "比重", "(", ")", "分别", "、", "和", "倍", "\n", "环比", "年", "月", "-", "持平", "计划",
           "工业增加值", "项目", "个", "中", "0", ".", " ", "\t", "指标", "单位", "同比增长(%)",
           "县区", "：", "目标是", "”"]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join))
)
def test_arbitrary_text_never_raises_anything_but_fai_error(text: str):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            df = read_bulletin(text)
    except FaiError:
        return
    assert list(df.columns) == COLUMNS + EXTRA_COLUMNS


_UNRELATED = [
    "1-8月，全县工业投资完成20.3亿元，同比增长18.6%。",
    "1-8月，全县民间投资同比下降1.4%，占全部投资的比重为51.7%。",
    "1-8月，全县房地产开发投资完成16.2亿元，同比增长5.3%。",
    "全县规模以上工业增加值同比增长8.1%。",
    "1-8月，全县基础设施投资同比增长9.9%，高于全市2.0个百分点。",
    "社会消费品零售总额完成25.3亿元，增长6.2%。",
    "1-8月，全县技改投资完成8.2亿元，增长25.1%，居全市第1位。",
    "1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。",
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(_UNRELATED))
def test_shuffling_unrelated_sentences_does_not_change_the_records(order: list[str]):
    assert _canon(_records("".join(order))) == _canon(_records("".join(_UNRELATED)))


def test_one_megabyte_text_reads_in_reasonable_time():
    """Sanity bound only (the 2 s goal of `fai parse` is measured by benchmarks/bench_bulletin.py)."""
    unit = "\n".join(p.read_text(encoding="utf-8") for p in CASES if "gbk" not in p.name)
    data = (unit * (1_000_000 // len(unit.encode()) + 1)).encode()[:1_000_000]
    text = data.decode("utf-8", errors="ignore")
    start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = read_bulletin(text)
    assert time.process_time() - start < 10
    assert isinstance(df, pd.DataFrame) and len(df) > 100


@pytest.mark.parametrize(
    "module",
    ["fai.bulletin.parse", "fai.bulletin.text", "fai.bulletin.facts", "fai.bulletin.evaluate", "fai.bulletin.records",
     "fai.bulletin.table", "fai.bulletin.reader", "fai.bulletin.patterns"],
)  # fmt: skip
def test_docstring_examples_hold(module: str):
    import doctest
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def test_read_bulletin_is_public_on_the_package():
    import fai

    df = fai.read_bulletin("1-8月，全县固定资产投资同比增长7.0%。")
    assert df.loc[0, "yoy_pct"] == 7.0


def test_html_pages_are_read_as_text():
    page = (
        "<html><body><h1>天城县1-8月固定资产投资情况</h1><p>1-8月，全县固定资产投资完成56.3亿元，"
        "同比增长12.5%&nbsp;。</p><p>其中，工业投资增长<b>18.6%</b>。</p></body></html>"
    )
    rows = _records(page)
    assert [(r["region"], r["indicator"], r["yoy_pct"]) for r in rows] == [
        ("天城县", "fai_total", 12.5),
        ("天城县", "fai_industry", 18.6),
    ]
    assert rows[1]["evidence"] == "其中，工业投资增长18.6%。"


# ------------------------------------------------------------- shapes of the holdout
def test_flattened_table_rows_with_unit_column_and_wan_yuan_label():
    text = (
        "指标 单位 1-10月 同比增长(%)\n"
        "地区生产总值 亿元 — —\n"
        "固定资产投资 亿元 45.62 11.3\n"
        "  其中：工业投资 万元 168500 22.7\n"
        "社会消费品零售总额 亿元 38.27 5.6\n"
    )
    rows = {r["indicator"]: r for r in _records(text)}
    assert set(rows) == {"fai_total", "fai_industry"}  # 社零 is not investment
    assert (rows["fai_total"]["month"], rows["fai_total"]["value_100m_yuan"]) == (10, 45.62)
    # 168500万元 ÷ 10,000 = 16.85亿元
    assert (rows["fai_industry"]["value_100m_yuan"], rows["fai_industry"]["yoy_pct"]) == (
        16.85,
        22.7,
    )
    assert rows["fai_industry"]["evidence"] == "其中：工业投资 万元 168500 22.7"


def test_table_without_unit_gives_rates_only_and_region_rows_take_the_title():
    text = "各县区固定资产投资完成情况\n县区 1-9月 同比增长(%)\n东江区 86.4 7.2\n南屏县 41.9 -3.5\n"
    rows = _records(text)
    assert [(r["region"], r["label"], r["value_100m_yuan"], r["yoy_pct"]) for r in rows] == [
        ("东江区", "固定资产投资", None, 7.2),  # no unit anywhere: the level is not guessed
        ("南屏县", "固定资产投资", None, -3.5),
    ]


def test_spaces_in_prose_are_not_table_cells():
    rows = _records("1-7月 全县固定资产投资 同比增长 12.5%\n")
    assert [(r["indicator"], r["yoy_pct"]) for r in rows] == [("fai_total", 12.5)]


def test_title_restated_by_the_body_is_not_glued_into_the_evidence():
    text = (
        "1-11月份全国固定资产投资增长3.3%\n"
        "2024年1-11月份，全国固定资产投资(不含农户)465839亿元，同比增长3.3%。\n"
    )
    [rec] = _records(text)
    assert (rec["year"], rec["month"], rec["value_100m_yuan"], rec["yoy_pct"]) == (
        2024,
        11,
        465839.0,
        3.3,
    )
    assert rec["evidence"] == "2024年1-11月份，全国固定资产投资(不含农户)465839亿元，同比增长3.3%。"


def test_targets_after_a_colon_and_publication_dates_are_not_figures():
    text = (
        "青禾县2023年国民经济和社会发展统计公报\n2024年3月\n"
        "全年全县固定资产投资比上年增长6.1%。\n"
        "2024年主要预期目标是：地区生产总值增长6%左右，固定资产投资增长8%。\n"
    )
    assert [(r["region"], r["year"], r["month"], r["yoy_pct"]) for r in _records(text)] == [
        ("青禾县", 2023, 12, 6.1)
    ]


def test_ranks_without_verb_all_figures_and_plan_bracket():
    rows = _records("1-6月，全省固定资产投资增长5.8%，增速居全国第5位、中部六省第1位。")
    assert [(r["rank"], r["rank_of"]) for r in rows] == [(5, None), (1, 6)]
    rows = _records("全年固定资产投资增长12.0%，其中工业投资增长24.6%，均居全市第一。")
    assert [(r["indicator"], r["rank"]) for r in rows] == [("fai_total", 1), ("fai_industry", 1)]
    [rec] = _records("截至11月底，全区完成固定资产投资215.7亿元，完成年度计划(240亿元)的89.9%。")
    assert (rec["value_100m_yuan"], rec["plan_completion_pct"]) == (215.7, 89.9)  # 240 is the plan


def test_region_lists_and_zones():
    rows = _records("1-5月，我市四个城区固定资产投资同比分别增长：东城区6.2%、西城区-1.8%。")
    assert [(r["region"], r["label"], r["yoy_pct"]) for r in rows] == [
        ("东城区", "固定资产投资", 6.2), ("西城区", "固定资产投资", -1.8)
    ]  # fmt: skip
    rows = _records("分乡镇看：城关镇完成投资4821万元；桃源工业园区完成投资5640万元，增长23.5%。")
    assert [(r["region"], r["indicator"], r["value_100m_yuan"]) for r in rows] == [
        ("城关镇", "fai_total", 0.4821), ("桃源工业园区", "fai_total", 0.564)
    ]  # fmt: skip


def test_html_table_cells_and_comparisons_with_the_whole_and_falls():
    page = (
        "<table><tr><th>指标</th><th>单位</th><th>1-9月</th><th>同比增长(%)</th></tr>"
        "<tr><td>固定资产投资</td><td>亿元</td><td>52.37</td><td>8.6</td></tr></table>"
    )
    [rec] = _records(page)
    assert (rec["value_100m_yuan"], rec["yoy_pct"], rec["evidence"]) == (
        52.37, 8.6, "固定资产投资 亿元 52.37 8.6"
    )  # fmt: skip
    rows = _records(
        "1-10月，全县工业投资同比增长23.8%，高于全部投资增速14.1个百分点，占全部投资的比重为45.2%。"
    )
    assert [(r["indicator"], r["share_pct"], r["vs_parent_pp"]) for r in rows] == [
        ("fai_industry", 45.2, None)  # 全部投资 is not a parent region
    ]
    [rec] = _records(
        "1-9月，全县固定资产投资增速为-5.3%，降幅较1-8月收窄2.1个百分点，比全市低3.6个百分点。"
    )
    assert (rec["yoy_pct"], rec["vs_parent_pp"], rec["parent"]) == (-5.3, -3.6, "全市")


def test_sector_lists_without_commas_falls_against_parent_and_rank_frames():
    rows = _records("1-8月，全县三次产业投资分别增长-3.1%、10.2%、2.4%。")
    assert [(r["indicator"], r["yoy_pct"]) for r in rows] == [
        ("fai_primary", -3.1), ("fai_secondary", 10.2), ("fai_tertiary", 2.4)
    ]  # fmt: skip
    rows = _records("1-8月，全县一二三产业投资分别增长1.2%、13.4%和5.6%。")
    assert [r["indicator"] for r in rows] == ["fai_primary", "fai_secondary", "fai_tertiary"]
    # a deeper fall than the parent's is a lower rate; a narrower one a higher rate
    [rec] = _records("1-10月，全县固定资产投资同比下降3.2%，降幅比全省大1.5个百分点。")
    assert (rec["vs_parent_pp"], rec["parent"]) == (-1.5, "全省")
    [rec] = _records(
        "1-10月，全县固定资产投资下降3.2%，降幅较全市收窄1.5个百分点，较1-9月收窄0.3个百分点。"
    )
    assert (rec["vs_parent_pp"], rec["parent"]) == (1.5, "全市")
    # 全省排名第15位: 全省 is where the rank is, not a region with figures
    [rec] = _records("1-9月，全县固定资产投资同比增长-2.3%，全省排名第15位，较上月提升3位。")
    assert (rec["region"], rec["yoy_pct"], rec["rank"]) == (None, -2.3, 15)


def test_rank_lists_and_qualifier_with_its_own_rate():
    rows = _records("1-9月，全县固定资产投资增长12.3%，总量、增速分别居全市第3位、第1位。")
    assert [r["rank"] for r in rows] == [3, 1]  # two ranks of one figure: two rows
    rows = _records("1-9月，全市固定资产投资增长4.2%，扣除房地产开发投资后增长8.7%。")
    assert [(r["indicator"], r["label"], r["yoy_pct"]) for r in rows] == [
        ("fai_total", "固定资产投资", 4.2),
        ("fai_project", "扣除房地产开发投资的固定资产投资", 8.7),  # 项目投资 (issue 12)
    ]


def test_foreign_direct_investment_is_not_fixed_asset_investment():
    text = "1-9月，全市对外直接投资1.5亿美元，下降3.2%；在建项目共完成投资56.8亿元，同比增长9.3%。"
    assert [(r["label"], r["value_100m_yuan"]) for r in _records(text)] == [("在建项目投资", 56.8)]


def test_title_line_is_not_joined_to_a_sentence_that_opens_with_a_period_or_region():
    from fai.bulletin.text import clean_lines

    title = "2024年1-11月，全县固定资产投资运行平稳，主要指标稳中有进"  # ≥ 25 characters, a comma
    body = "2024年1-11月，全县固定资产投资同比增长3.3%。"
    assert clean_lines(f"{title}\n{body}") == [title, body]
    # a PDF line cut after 增速比 goes on with its comparison base: joined
    cut = "1-11月，全县固定资产投资同比增长3.3%，增速比\n1-10月份提高0.5个百分点。"
    assert clean_lines(cut)[0].endswith("增速比1-10月份提高0.5个百分点。")


def test_nation_and_province_named_before_the_county_are_other_regions():
    rows = _records("今年以来，全国固定资产投资增长3.2%，全省增长5%，我县增长12%。")
    assert [(r["region"], r["yoy_pct"]) for r in rows] == [
        ("全国", 3.2),
        ("全省", 5.0),
        (None, 12.0),
    ]
    # a national release that names 全国 only after its title: every figure is national
    text = "2024年前三季度国民经济运行情况\n初步核算，前三季度国内生产总值增长4.8%。\n前三季度，全国固定资产投资同比增长3.4%。分领域看，基础设施投资增长4.1%。"
    assert {r["region"] for r in _records(text)} == {"全国"}


def test_a_list_of_targets_goes_on_past_a_new_subject():
    assert _records("2025年，全区固定资产投资力争增长8%以上，工业投资增长12%。") == []
    [rec] = _records("全县上下确保项目建设进度，固定资产投资完成56.3亿元，增长12.5%。")
    assert (rec["value_100m_yuan"], rec["yoy_pct"]) == (56.3, 12.5)


def test_single_month_clause_before_its_subject():
    rows = _records("1-8月，全县固定资产投资同比增长5.1%；8月份当月，全县固定资产投资增长10.2%。")
    assert [(r["label"], r["yoy_pct"]) for r in rows] == [
        ("固定资产投资", 5.1), ("当月固定资产投资", 10.2)
    ]  # fmt: skip


def test_full_width_thousands_separator_bare_sectors_and_list_lead():
    rec = _one("1-6月，全市固定资产投资完成1，234.5亿元，同比增长6.2%。")
    assert rec["value_100m_yuan"] == 1234.5
    # a full-width comma between figures without a unit or decimal stays a list comma
    rows = _records("1-6月，全市固定资产投资、工业投资分别增长12，345.6%。")
    assert 12345.6 not in [r["yoy_pct"] for r in rows]
    rows = _records(
        "前三季度，全省固定资产投资增长2.7%。分产业看，第一产业增长9.8%，第三产业下降3.1%。"
    )
    assert [(r["indicator"], r["yoy_pct"]) for r in rows] == [
        ("fai_total", 2.7), ("fai_primary", 9.8), ("fai_tertiary", -3.1)
    ]  # fmt: skip
    # under a GDP sentence the bare sectors are value added, not investment
    gdp = "前三季度，全省地区生产总值增长5.2%。分产业看，第一产业增长3.8%，第二产业增长6.1%。"
    assert _records(gdp) == []
    rows = _records(
        "1-10月，全市固定资产投资增长6.2%。增速为负的有2个，分别是北关区下降4.6%、山口县下降1.9%。"
    )
    assert [(r["region"], r["yoy_pct"]) for r in rows] == [
        (None, 6.2), ("北关区", -4.6), ("山口县", -1.9)
    ]  # fmt: skip


def test_short_sectors_first_place_region_counts_and_list_frames():
    rows = _records("1-9月，全县固定资产投资增长5.5%。从产业结构看，一产增长3.2%，三产下降1.4%。")
    assert [(r["indicator"], r["yoy_pct"]) for r in rows] == [
        ("fai_total", 5.5), ("fai_primary", 3.2), ("fai_tertiary", -1.4)
    ]  # fmt: skip
    text = "1-9月，全市固定资产投资增长5.5%。其中，安平县增长12.1%，增速居全市首位；西岭县增长8.3%，位列全市榜首。"
    assert [(r["region"], r["rank"]) for r in _records(text)] == [
        (None, None), ("安平县", 1), ("西岭县", 1)
    ]  # fmt: skip
    # 有9个市州投资…: a count of regions is not part of the investment's name
    text = "前三季度，全省固定资产投资下降1.2%。全省14个市州中，有9个市州投资增速高于全省。其中，金川市增长6.8%。"
    assert [(r["region"], r["indicator"], r["yoy_pct"]) for r in _records(text)] == [
        (None, "fai_total", -1.2), ("金川市", "fai_total", 6.8)
    ]  # fmt: skip
    # the frame before the first region of a list: 的有, 的是
    text = "1-9月，全市固定资产投资增长5.5%。增速高于全市平均水平的有安平县(12.1%)、西岭县(8.3%)。增速最快的是临川区，增长15.2%。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text)] == [
        (None, 5.5), ("安平县", 12.1), ("西岭县", 8.3), ("临川区", 15.2)
    ]  # fmt: skip


def test_one_character_verbs_after_a_base_or_investment():
    rows = _records("全市1-9月固定资产投资同比增12.3%，工业投资同比降4.1%，民间投资减2.5%。")
    assert [(r["indicator"], r["yoy_pct"]) for r in rows] == [
        ("fai_total", 12.3), ("fai_industry", -4.1), ("fai_private", -2.5)
    ]  # fmt: skip
    # 新增 is not a verb of growth
    assert [r["yoy_pct"] for r in _records("1-9月，全市固定资产投资增长5%，新增8.5%的项目。")] == [
        5.0
    ]


def test_pipe_tables_read_like_tab_tables():
    text = (
        "2025年1-9月各县区固定资产投资情况\n| 县区 | 投资额(亿元) | 增速(%) | 位次 |\n|---|---|---|---|\n"
        "| 安平县 | 45.6 | 12.3 | 1 |\n| 西岭县 | 38.1 | -2.3 | 9 |"
    )
    rows = _records(text)
    assert [(r["region"], r["value_100m_yuan"], r["yoy_pct"], r["rank"]) for r in rows] == [
        ("安平县", 45.6, 12.3, 1), ("西岭县", 38.1, -2.3, 9)
    ]  # fmt: skip
    assert rows[0]["evidence"] == "安平县 45.6 12.3 1"


def test_bureau_in_the_first_sentence_names_the_region_and_bare_zones_are_regions():
    [rec] = _records("近日，记者从安平县统计局获悉，1-9月全县固定资产投资同比增长8.8%。")
    assert rec["region"] == "安平县"
    # 市统计局 names no region; a city's bureau does not name a county's text
    assert _records("记者从市统计局获悉，1-9月全市固定资产投资增长3.1%。")[0]["region"] is None
    assert _records("据临江市统计局反馈，我县1-9月固定资产投资增长8.8%。")[0]["region"] is None
    text = "1-9月，全市固定资产投资增长5%，高新区增长15.1%，经开区下降3.3%。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text)] == [
        (None, 5.0), ("高新区", 15.1), ("经开区", -3.3)
    ]  # fmt: skip


def test_a_progress_heading_before_a_town_list_leaves_the_subject():
    text = "1-9月，全县固定资产投资完成56.2亿元。各乡镇完成情况：城关镇12,345万元，增长12.1%，完成目标任务的81.2%。"
    assert [(r["region"], r["value_100m_yuan"], r["plan_completion_pct"]) for r in _records(text)] == [
        (None, 56.2, None), ("城关镇", 1.2345, 81.2)
    ]  # fmt: skip


def test_signed_and_leveraged_investment_is_not_fixed_asset_investment():
    assert _records("1-9月，全市签约项目投资额达到562亿元，协议投资增长12%。") == []
    assert _records("全市发行专项债券45亿元，带动有效投资120亿元。") == []


def test_a_list_mixing_investment_with_other_indicators_keeps_the_places():
    rows = _records("1-9月，全市投资、消费、出口分别增长5.2%、4.5%和3.1%。")
    assert [(r["label"], r["yoy_pct"]) for r in rows] == [("投资", 5.2)]
    rows = _records("1-9月，全县规上工业增加值、社零额分别增长12.1%和8.2%，固定资产投资增长3%。")
    assert [(r["label"], r["yoy_pct"]) for r in rows] == [("固定资产投资", 3.0)]


def test_completion_rates_in_brackets_bare_completion_and_he_between_items():
    text = "1-9月，全市固定资产投资完成年度目标的76.2%。按完成率排名，前三名为安平县（92.1%）、西岭县（88.5%）。"
    assert [(r["region"], r["plan_completion_pct"]) for r in _records(text)] == [
        (None, 76.2), ("安平县", 92.1), ("西岭县", 88.5)
    ]  # fmt: skip
    text = "1-9月，全市固定资产投资完成年度目标的76.2%。其中，安平县完成92.1%。"
    assert [(r["region"], r["plan_completion_pct"]) for r in _records(text)] == [
        (None, 76.2), ("安平县", 92.1)
    ]  # fmt: skip
    text = "1-9月，全市固定资产投资增长5%。增速前两位分别为安平县(12.1%)和西岭县(8.8%)。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text)] == [
        (None, 5.0), ("安平县", 12.1), ("西岭县", 8.8)
    ]  # fmt: skip


def test_regions_listed_before_their_figures():
    text = "1-9月，全县固定资产投资增长5%，其中城关镇、河口镇增速较快，分别增长25.1%、21.3%。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text)] == [
        (None, 5.0), ("城关镇", 25.1), ("河口镇", 21.3)
    ]  # fmt: skip
    # a list of regions without figures of their own gives nothing
    text = "1-9月，全县固定资产投资增长5%。城关镇、河口镇增速较快。工业投资增长3%。"
    assert [r["region"] for r in _records(text)] == [None, None]


def test_thresholds_before_de_are_not_figures():
    text = "1-9月，全县固定资产投资增长5%。投资超10亿元的乡镇有城关镇、河口镇，分别完成12.5亿元、10.8亿元。"
    assert 10.0 not in [r["value_100m_yuan"] for r in _records(text)]
    text = "1-9月，全县固定资产投资增长5%。增速超过20%的有城关镇和河口镇，分别增长25.1%和21.3%。"
    assert [(r["region"], r["yoy_pct"]) for r in _records(text)] == [
        (None, 5.0), ("城关镇", 25.1), ("河口镇", 21.3)
    ]  # fmt: skip


def test_composition_parts_written_without_touzi():
    text = "1-9月，全县固定资产投资完成56.3亿元，其中：建筑工程36.1亿元，设备工器具购置12.3亿元。"
    assert [(r["label"], r["value_100m_yuan"]) for r in _records(text)] == [
        ("固定资产投资", 56.3), ("建筑工程投资", 36.1), ("设备工器具购置投资", 12.3)
    ]  # fmt: skip
    text = "1-9月，全县固定资产投资增长5%。全县建筑业总产值45亿元，其中建筑工程38亿元。"
    assert [r["label"] for r in _records(text)] == ["固定资产投资"]


def test_region_breakdown_after_a_project_group_is_of_the_whole_investment():
    text = (
        "1-8月份，全市固定资产投资同比增长3.2%。新开工项目536个，完成投资增长12.6%。\n"
        "五、分县市区看，12个县市区中有8个投资保持正增长。增速居前三位的是：安平县（15.2%）、西岭县（11.8%）。"
    )
    assert [(r["region"], r["indicator"]) for r in _records(text)][2:] == [
        ("安平县", "fai_total"), ("西岭县", "fai_total")
    ]  # fmt: skip
    # a projects notice without the whole investment keeps its group
    [_, rec] = _records("1-9月，市级重大项目完成投资348.7亿元。分县区看，安平县完成45.2亿元。")
    assert (rec["region"], rec["label"]) == ("安平县", "市级重大项目投资")


def test_region_breakdown_opening_a_paragraph_is_of_the_whole_investment():
    text = "1-8月份，全市固定资产投资同比增长3.2%。房地产开发投资下降9.1%。\n分县市区看，安平县增长15.2%。"
    assert [(r["region"], r["indicator"]) for r in _records(text)][-1] == ("安平县", "fai_total")
    # a real-estate release keeps its indicator
    text = "1-8月份，全省房地产开发投资下降9.1%。\n分市州看，金川市下降15.2%。"
    assert [(r["region"], r["indicator"]) for r in _records(text)][-1] == (
        "金川市",
        "fai_real_estate",
    )


def test_rank_moves_and_streaks():
    [rec] = _records("1-9月，全县固定资产投资增长12.3%，增速排名由上月的第8位上升至第5位。")
    assert rec["rank"] == 5
    [rec] = _records("1-9月，全县固定资产投资增长12.3%，增速连续5个月位居全市第一。")
    assert rec["rank"] == 1
