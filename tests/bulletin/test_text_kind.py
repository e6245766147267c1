"""The kind of a text (statistical release or project tracking) and how each reads its
project lists. Sentences are our own, in the shapes of the two kinds."""

from __future__ import annotations

from fai.bulletin.parse import read_bulletin_records
from fai.bulletin.text_kind import (
    RELEASE_SHARE,
    TextFeatures,
    apply_kind,
    decide_kind,
    text_features,
)

# a county's monthly release: growth of the whole and of four breakdowns, then one
# paragraph on its key projects with the county-level part of them
RELEASE = (
    "1-10月，全县固定资产投资同比增长7.4%。其中，工业投资增长9.2%，民间投资增长3.5%，"
    "基础设施投资下降2.1%，房地产开发投资增长1.8%。全县重点项目完成投资41.6亿元，"
    "占年度计划的88.0%；其中县级重点项目完成投资12.3亿元，占年度计划的76.4%。"
)
# a progress notice: the programme with its count, starts and plan, then two of its parts
NOTICE = (
    "全市安排重点项目120个，年度计划投资210亿元。1-9月已开工108个，开工率90%，"
    "完成投资175.2亿元，占年度计划的83.4%。其中，市级重点项目46个，完成投资80.1亿元；"
    "工业项目35个，完成投资40.5亿元。"
)
# half and half: two growth rates of the whole, as much on new projects and a 重大项目 list
# with its start count — the lists are the news, so the project reading stays
MIXED = (
    "1-6月，全区固定资产投资增长6.0%，工业投资增长8.5%。全区新开工项目86个，完成投资35.0亿元。"
    "全区重大项目完成投资52.4亿元，占年度计划的47.0%，其中区级重大项目完成投资20.2亿元；"
    "新开工重大项目30个，开工率62.5%。"
)


def _figures(text: str) -> dict[str, str]:
    recs = read_bulletin_records(text, region="天城县")
    return {r["label"]: r["indicator"] for r in recs if r["kind"] == "figure"}


def _kind(text: str) -> str:
    recs = read_bulletin_records(text, region="天城县")
    figures = [r for r in recs if r["kind"] == "figure"]
    groups = [r for r in recs if r["kind"] == "project"]
    tasks = [r for r in recs if r["kind"] == "task"]
    return decide_kind(text_features(figures, groups, tasks))


def test_a_release_keeps_the_programme_and_drops_its_part_to_other() -> None:
    assert _kind(RELEASE) == "release"
    figs = _figures(RELEASE)
    assert figs["重点项目投资"] == "fai_key_projects"
    assert figs["县级重点项目投资"] == "other"  # the label is kept, only the indicator goes
    assert figs["工业投资"] == "fai_industry"


def test_a_notice_reads_the_parts_of_its_key_list_as_key_projects() -> None:
    assert _kind(NOTICE) == "projects"
    figs = _figures(NOTICE)
    assert figs["市级重点项目投资"] == "fai_key_projects"
    assert figs["工业项目投资"] == "fai_key_projects"


def test_project_records_are_the_same_in_either_kind() -> None:
    groups = [r for r in read_bulletin_records(RELEASE) if r["kind"] == "project"]
    assert [g["group"] for g in groups] == ["重点项目", "县级重点项目"]
    assert [g["done_100m_yuan"] for g in groups] == [41.6, 12.3]


def test_a_mixed_text_below_the_share_keeps_the_project_reading() -> None:
    assert _kind(MIXED) == "projects"
    assert _figures(MIXED)["区级重大项目投资"] == "fai_key_projects"


def test_the_share_decides_at_its_threshold() -> None:
    # 2 release pairs to 1 project fact: 2/3 ≥ 0.65; 3 to 2: 0.6 < 0.65
    assert RELEASE_SHARE == 0.65
    assert decide_kind(TextFeatures(release=2, projects=1)) == "release"
    assert decide_kind(TextFeatures(release=3, projects=2)) == "projects"
    assert decide_kind(TextFeatures(release=0, projects=0)) == "projects"  # nothing to go by
    assert decide_kind(TextFeatures(release=1, projects=0)) == "release"


def test_a_release_keeps_a_level_enumerated_as_the_programme() -> None:
    # 省、市重点项目分别完成…: two levels in one sentence with no whole before them
    figs = [{"indicator": "fai_key_projects", "label": "省重点项目投资", "region": None, "evidence": "s"},
            {"indicator": "fai_key_projects", "label": "市重点项目投资", "region": None, "evidence": "s"},
            {"indicator": "fai_key_projects", "label": "8个园区重点产业项目投资", "region": None,
             "evidence": "s"},
            {"indicator": "fai_key_projects", "label": "重点项目投资", "region": "甲县", "evidence": "t"},
            {"indicator": "fai_project", "label": "500万元以上项目投资", "region": None, "evidence": "u"}]
    out = [f["indicator"] for f in apply_kind(figs, "release")]
    assert out == ["fai_key_projects", "fai_key_projects", "other", "fai_key_projects", "fai_project"]
    assert figs[2]["indicator"] == "fai_key_projects"  # the input is not modified
