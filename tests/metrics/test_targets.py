"""Targets, project pipelines and task contests on the bundled local examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fai.errors import MissingDataError
from fai.metrics import targets as T
from fai.presentation.labels import item_label, verdict


def test_target_progress_yuhang():
    r = T.target_progress(629.44, 1030, 8).iloc[0]
    # 629.44 / 1030 = 61.11 %; 8 / 12 = 66.67 %; 61.11 − 66.67 = −5.56 pp (behind)
    assert r["completion_pct"] == pytest.approx(61.11, abs=0.005)
    assert r["time_progress_pct"] == pytest.approx(66.67, abs=0.005)
    assert r["gap_pp"] == pytest.approx(-5.56, abs=0.005)
    # (1030 − 629.44) / (12 − 8) = 100.14 亿元 a month
    assert r["monthly_needed_100m_yuan"] == pytest.approx(100.14)


def test_target_progress_vectorised_and_december():
    out = T.target_progress([100.0, 120.0], 120.0, [6, 12])
    # 100 / 120 = 83.33 % vs 50 % → +33.33 pp; December: nothing left to spread
    assert out["gap_pp"].round(2).tolist() == [33.33, 0.0]
    assert out["monthly_needed_100m_yuan"].iloc[0] == pytest.approx(20.0 / 6)
    assert np.isnan(out["monthly_needed_100m_yuan"].iloc[1])


def test_target_progress_for_tables(tidy, targets):
    r = T.target_progress_for("余杭区", "2016-08", tidy, targets).iloc[0]
    assert (r["region_code"], r["level_100m_yuan"], r["target_100m_yuan"]) == ("330110", 629.44, 1030.0)
    assert r["gap_pp"] == pytest.approx(-5.56, abs=0.005)
    assert r["published_completion_pct"] == 61.11
    # 天城县 2005-03: 3.21 / 16.1 = 19.94 % (published 19.9 %) vs 25 % → −5.06 pp
    t = T.target_progress_for("天城县", "latest", tidy, targets).iloc[0]
    assert t["period"] == "2005-03"
    assert t["completion_pct"] == pytest.approx(19.94, abs=0.005)
    assert t["gap_pp"] == pytest.approx(-5.06, abs=0.005)
    assert t["published_completion_pct"] == 19.9
    # (16.1 − 3.21) / 9 = 1.432 亿元 a month
    assert t["monthly_needed_100m_yuan"] == pytest.approx(1.432, abs=1e-3)


def test_target_progress_for_missing(tidy, targets):
    with pytest.raises(MissingDataError, match="targets hold nothing for 全国"):
        T.target_progress_for("全国", "2024-11", tidy, targets)
    with pytest.raises(MissingDataError, match="2016-09"):
        T.target_progress_for("余杭区", "2016-09", tidy, targets)


def test_project_pipeline_yuhang(targets):
    out = T.project_pipeline(targets, "余杭区", "2016-08").set_index("item")
    assert list(out.index) == [
        "projects_all", "projects_province_411_major", "projects_province_key", "projects_city_key"
    ]
    a = out.loc["projects_all"]
    # 538 / 782 = 68.80 % (published 68.8); 266.85 / 404.16 = 66.03 % (published 66.03)
    assert a["start_rate_pct"] == pytest.approx(68.80, abs=0.005)
    assert a["start_rate_published_pct"] == 68.8
    assert a["plan_completion_pct"] == pytest.approx(66.03, abs=0.005)
    assert a["plan_completion_published_pct"] == 66.03
    assert (a["count"], a["count_new"], a["count_continuing"]) == (782, 282, 500)
    # 411 major projects: 30.02 / 16.9 = 177.63 %; no "started" count → computed start rate NaN
    m = out.loc["projects_province_411_major"]
    assert m["plan_completion_pct"] == pytest.approx(177.63, abs=0.005)
    assert np.isnan(m["start_rate_pct"]) and m["start_rate_published_pct"] == 100.0
    # city key projects: 62 / 67 = 92.54 %
    assert out.loc["projects_city_key", "start_rate_pct"] == pytest.approx(92.54, abs=0.005)
    assert item_label("projects_city_key") == "市重点项目"  # the group's name is presentation's


def test_task_contest_zhuzhou(targets):
    out = T.task_contest(targets, "株洲市", "2020-09").set_index("task")
    assert out["target_count"].tolist() == [15, 6, 18, 8]
    assert out["done_count"].tolist() == [26, 11, 38, 23]
    # 26/15 = 173.33 %, 11/6 = 183.33 %, 38/18 = 211.11 %, 23/8 = 287.5 %
    assert out["done_over_target_pct"].round(2).tolist() == [173.33, 183.33, 211.11, 287.5]
    assert out["met"].all()
    assert {verdict(m) for m in out["unit_met_all"]} == {"先进"} and set(out["unit_rank"]) == {1}
    assert (out["tasks_met"] == 4).all()


def test_task_contest_ranks_units_and_labels_laggards():
    # hand-made: a city and two districts; 乙区 misses one task → 后进
    rows = []
    for name, code, parent, done in [("株洲市", "430200", "湖南省", (26, 11)),
                                    ("甲区", "430201", "株洲市", (5, 3)),
                                    ("乙区", "430202", "株洲市", (2, 4))]:
        for task, target, d in [("signed_projects_over_100m_yuan", 3, done[0]),
                                ("key_projects_started", 3, done[1])]:
            rows += [(code, name, parent, "2020-09", task, "target_count", float(target), "projects", "x"),
                     (code, name, parent, "2020-09", task, "done_count", float(d), "projects", "x")]
    t = pd.DataFrame(rows, columns=["region_code", "region_name", "parent_name", "period", "item",
                                    "measure", "value", "unit", "source"])
    units = T.task_contest(t, "株洲市").drop_duplicates("region_code").set_index("region_name")
    # 株洲 (26+11)/3 … mean 616.7 %; 甲区 mean (166.7+100)/2 = 133.3 %; 乙区 met 1 of 2
    assert units["unit_rank"].to_dict() == {"株洲市": 1, "甲区": 2, "乙区": 3}
    assert units["unit_met_all"].map(verdict).to_dict() == {"株洲市": "先进", "甲区": "先进", "乙区": "后进"}


def test_functions_do_not_mutate_input(tidy, targets):
    before_t, before_d = targets.copy(deep=True), tidy.copy(deep=True)
    T.project_pipeline(targets, "余杭区")
    T.task_contest(targets, "株洲市")
    T.target_progress_for("余杭区", "latest", tidy, targets)
    pd.testing.assert_frame_equal(targets, before_t)
    pd.testing.assert_frame_equal(tidy, before_d)
