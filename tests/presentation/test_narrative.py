"""Bulletin-style sentences from the bundled figures, derived once (narrative takes derived numbers)."""

from __future__ import annotations

import re

import pytest

from fai.errors import MissingDataError, ParameterError
from fai.metrics import targets as T
from fai.metrics.comparison import compare_regions
from fai.metrics.table import derive_metrics
from fai.model import regions
from fai.presentation import narrative as N


@pytest.fixture(scope="module")
def derived(tidy):
    return derive_metrics(tidy)


def test_bulletin_sentence_zh(tidy, derived):
    assert N.bulletin_sentence(derived, "全国", "2024-11") == (
        "1—11月份，全国固定资产投资465839亿元，同比增长3.3%，增速比1—10月份回落0.1个百分点。"
        "其中，民间投资233689亿元，下降0.4%。"
    )


def test_bulletin_sentence_en(tidy, derived):
    # 465839 亿元 = 46,583.9 billion yuan
    assert N.bulletin_sentence(derived, "全国", "2024-11", lang="en") == (
        "In January–November, fixed-asset investment in China was 46,583.9 billion yuan, "
        "up 3.3% year on year; growth was 0.1 percentage points lower than in January–October. "
        "Private investment was 23,368.9 billion yuan, down 0.4%."
    )


def test_bulletin_first_release_of_the_year(tidy, derived):
    # 2025 1—2月 4.1 % against 2024 1—12月 3.2 %: +0.9 pp; private 0.0 % → 持平
    assert N.bulletin_sentence(derived, "全国", "2025-02", with_year=True) == (
        "2025年1—2月份，全国固定资产投资52619亿元，同比增长4.1%，增速比上年全年提高0.9个百分点。"
        "其中，民间投资26717亿元，持平。"
    )


def test_bulletin_two_declines_and_missing_level(tidy, derived):
    # 2025-12 −3.8 % after −2.6 %: 降幅扩大1.2个百分点; private has a rate but no level
    assert N.bulletin_sentence(derived, "全国", "2025-12") == (
        "1—12月份，全国固定资产投资485186亿元，同比下降3.8%，降幅比1—11月份扩大1.2个百分点。"
        "其中，民间投资下降6.4%。"
    )
    # 北京 2024: growth only (5.1 % after 5.6 % in 1—11月, both of the panel)
    assert N.bulletin_sentence(derived, "北京", "2024-12") == (
        "1—12月份，北京市固定资产投资同比增长5.1%，增速比1—11月份回落0.5个百分点。")


def test_no_nan_in_any_sentence(tidy, derived):
    for code in sorted(set(tidy["region_code"])):
        for lang in ("zh", "en"):
            try:
                text = N.bulletin_sentence(derived, code, "latest", lang=lang)
            except MissingDataError:
                continue
            assert not re.search(r"\bnan\b|None|<NA>", text, re.IGNORECASE), text  # "Henan" is fine
            assert text.endswith(("。", "."))


def test_structure_sentence(tidy, derived):
    text = N.structure_sentence(derived, "全国", "2024-11")
    # shares 8709/465839 = 1.9 %, 161632/465839 = 34.7 %; contributions 0.05, 3.84, −0.66 pp
    assert text == (
        "分产业看，第一产业投资8709亿元，同比增长2.4%，占全部投资的1.9%，拉动投资增长0.05个百分点；"
        "第二产业投资161632亿元，增长12.0%，占全部投资的34.7%，拉动投资增长3.8个百分点；"
        "第三产业投资295498亿元，下降1.0%，占全部投资的63.4%，下拉投资增速0.7个百分点。"
    )
    en = N.structure_sentence(derived, "全国", "2024-11", lang="en")
    assert en.startswith("By sector (January–November 2024): investment in primary industry was 870.9 billion yuan")
    # growth rates only (2019-12): shares and contributions are left out, not printed as nan
    only_rates = N.structure_sentence(derived, "全国", "2019-12")
    assert "占" not in only_rates and "nan" not in only_rates


def test_regions_sentence(tidy, derived):
    assert N.regions_sentence(compare_regions(tidy, "全国", "fai_total", "2024-10"), "全国", region="东北") == (
        "分区域看，中部地区投资增长4.6%，东北地区投资增长3.2%，东部地区投资增长1.8%，西部地区投资增长1.1%。"
        "增速最快的是中部地区，比全国高1.2个百分点；最慢的是西部地区，比全国低2.3个百分点。"
        "东北地区投资增长3.2%，增速居4个地区第2位，比上期前移1位，比全国低0.2个百分点。"
    )
    provinces = compare_regions(tidy, "全国", "fai_total", "2024-12", regions.provinces())
    many = N.regions_sentence(provinces, "全国", region="北京")
    # 西藏 19.6 − 3.2 = 16.4 pp; 云南 −7.7 − 3.2 = −10.9 pp; 北京 5.1 is 12th of 31
    assert many == (
        "分地区看，增速最快的是西藏自治区（增长19.6%），比全国高16.4个百分点；"
        "最慢的是云南省（下降7.7%），比全国低10.9个百分点。"
        "北京市投资增长5.1%，增速居31个地区第12位，比上期后移4位，比全国高1.9个百分点。"
    )
    assert "ranked 12 of 31" in N.regions_sentence(provinces, "全国", region="北京", lang="en")


def test_target_sentence(tidy, targets):
    p = T.target_progress_for("余杭区", "2016-08", tidy, targets)
    assert N.target_sentence(p) == (
        "1—8月份，余杭区固定资产投资629.44亿元，完成年度目标1030亿元的61.11%，"
        "低于序时进度（66.67%）5.56个百分点；后4个月平均每月需完成100.14亿元。"
    )
    en = N.target_sentence(p, lang="en")
    assert "5.56 percentage points behind time progress (66.67%)" in en


def test_single_month_sentence(tidy, derived):
    assert N.single_month_sentence(derived, "全国", "2024-11") == (
        "11月份，全国固定资产投资42617亿元，同比增长2.3%（由累计数推算）。"
    )
    # 2016-10 cannot be split (2016-09 has no level)
    assert N.single_month_sentence(derived, "全国", "2016-10") == ""


def test_bad_language(tidy, derived):
    with pytest.raises(ParameterError, match="lang"):
        N.bulletin_sentence(derived, "全国", "2024-11", lang="fr")


def test_formats():
    assert N.format_level(629.44) == "629.44亿元"
    assert N.format_level(1030.0) == "1030亿元"
    assert N.growth_phrase(12.0) == "增长12.0%"
    assert N.change_phrase(-2.6, 0.9, "2025-11", "2025-10") == "降幅比1—10月份收窄0.9个百分点"


def test_does_not_mutate_input(tidy, derived, targets):
    import pandas as pd

    before, before_derived = tidy.copy(deep=True), derived.copy(deep=True)
    table = compare_regions(tidy, "全国", "fai_total", "2024-10")
    before_table = table.copy(deep=True)
    N.bulletin_sentence(derived, "全国", "2024-11")
    N.structure_sentence(derived, "全国", "2024-11")
    N.regions_sentence(table, "全国")
    N.single_month_sentence(derived, "全国", "2024-11")
    pd.testing.assert_frame_equal(tidy, before)
    pd.testing.assert_frame_equal(derived, before_derived)
    pd.testing.assert_frame_equal(table, before_table)


def test_sentences_take_derived_numbers_and_say_so_when_handed_the_tidy_table(tidy):
    # the tidy table has no yoy_change_pp, month_value_100m_yuan …: a clear error, never a
    # sentence that silently drops the change since the previous release
    with pytest.raises(ParameterError, match="derive_metrics"):
        N.bulletin_sentence(tidy, "全国", "2024-11")


def test_no_sentence_module_derives_anything():
    """Narrative never imports the metrics layer (it takes derived numbers)."""
    import ast
    from pathlib import Path

    folder = Path(N.__file__).parent
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("fai.metrics"), f"{path.name} imports {node.module}"
