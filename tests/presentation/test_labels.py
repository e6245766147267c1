"""Words of the reports (fai.presentation.labels): labels in both languages, from data files."""

from __future__ import annotations

import csv

import pandas as pd

from fai.presentation import labels


def test_labels_in_both_languages():
    assert labels.period_label("2025-02") == "2025年1—2月"
    assert labels.month_label("2025-12", "en") == "Dec 2025"
    assert labels.span_label(["2024-12", "2023-12"], "en") == "Jan–Dec 2023 to Jan–Dec 2024"
    assert labels.region_label("540000", "en") == "Xizang (Tibet)"
    assert labels.short_region_label("540000") == "西藏"
    assert labels.text("time_progress") == "序时进度"
    assert labels.column_label("gap_pp") == "快于序时进度（个百分点）"
    assert labels.column_label("no_such_column") is None


def test_words_of_a_change_and_verdicts():
    # 1—11月 2024 3.3 % after 3.4 %: 回落; 1—2月 2025 4.1 % after 3.2 %: 提高
    assert [labels.change_word(v) for v in (-0.1, 0.9, 0.0)] == ["回落", "提高", "持平"]
    assert labels.change_word(float("nan")) is None
    assert labels.change_words(pd.Series([-0.1, None])).tolist() == ["回落", None]
    assert (labels.verdict(True), labels.verdict(False)) == ("先进", "后进")
    assert labels.verdict(True, "en") == "ahead"


def test_target_items():
    assert labels.item_label("projects_province_411_major") == "省“411”重大项目"
    assert labels.item_label("signed_projects_over_100m_yuan", "en") == "Signed projects ≥ 100 million yuan"
    assert labels.item_label("projects_new_kind") == "projects new kind"  # unknown: its key, readable


def test_every_label_file_has_both_languages():
    for path in sorted(labels.DATA.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if "zh" not in rows[0]:
            continue  # not a label file (the tile grid)
        first = next(iter(rows[0]))  # key (pattern in publishers.csv)
        keys = [r[first] for r in rows]
        assert len(keys) == len(set(keys)), f"{path.name}: a key twice"
        for r in rows:
            assert r["zh"] and r["en"], f"{path.name}: {r[first]} lacks a language"
