"""fai.bulletin.to_tidy and the build: bulletin texts into the tidy and targets tables.

Texts are our own, written in the shapes of published notices; the bundled 余杭区 and 株洲市
texts of data/raw/ carry the published figures of data/raw/local_examples.csv (whose project
and contest rows they replace).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from fai import data
from fai.bulletin.to_tidy import bulletin_tables, item_key, looks_like_bulletin, publisher_of
from fai.errors import DuplicateFigureError
from fai.model.schema import TARGET_COLUMNS, TIDY_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
BUREAU = ROOT / "tests" / "fixtures" / "bureau"

NOTICE = """来源：天城县统计局
天城县2023年1—9月投资和项目建设情况
1—9月，全县固定资产投资完成56.3亿元，同比增长12.5%，高于全市3.2个百分点，完成年度计划的78.2%。
全县安排重点项目64个，总投资412.6亿元，年度计划投资48.2亿元，1—9月完成投资35.7亿元，占年度计划的74.1%；已开工57个，开工率89.1%。
9月当月，全县签约亿元以上项目任务数4个，完成6个。
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_figures_become_tidy_rows_and_groups_and_tasks_targets_rows(tmp_path: Path):
    t = bulletin_tables(_write(tmp_path, "notice.txt", NOTICE))
    assert list(t.tidy.columns) == TIDY_COLUMNS and list(t.targets.columns) == TARGET_COLUMNS
    row = t.tidy.set_index("indicator").loc["fai_total"]
    assert (row.region_code, row.region_name, row.period, row.value_100m_yuan, row.yoy_pct) == (
        "990001", "天城县", "2023-09", 56.3, 12.5)  # fmt: skip
    got = {(r.item, r.measure): r.value for r in t.targets.itertuples()}
    assert got[("fai_total", "plan_completion_pct")] == 78.2 and got[("fai_total", "vs_parent_pp")] == 3.2
    assert {k: v for k, v in got.items() if k[0] == "projects_重点项目"} == {
        ("projects_重点项目", "count"): 64, ("projects_重点项目", "started"): 57,
        ("projects_重点项目", "start_rate_pct"): 89.1, ("projects_重点项目", "total_investment"): 412.6,
        ("projects_重点项目", "annual_plan"): 48.2, ("projects_重点项目", "ytd"): 35.7,
        ("projects_重点项目", "plan_completion_pct"): 74.1,
    }  # fmt: skip
    assert got[("signed_projects_over_100m_yuan", "target_count")] == 4
    assert got[("signed_projects_over_100m_yuan", "done_count")] == 6
    units = dict(zip(t.targets["measure"], t.targets["unit"], strict=True))
    assert (units["count"], units["ytd"], units["start_rate_pct"], units["done_count"]) == (
        "projects", "100m_yuan", "pct", "projects")  # fmt: skip


def test_every_source_names_file_line_sentence_and_publisher(tmp_path: Path):
    t = bulletin_tables(_write(tmp_path, "notice.txt", NOTICE))
    src = t.targets.set_index(["item", "measure"]).loc[("projects_重点项目", "count"), "source"]
    assert src.startswith("notice.txt line 4: 全县安排重点项目64个，") and src.endswith("(天城县统计局)")
    assert set(t.tidy["source_url"]) == {"天城县统计局"}
    assert t.tidy["source"].iloc[0].startswith("notice.txt line 3: 1-9月，全县固定资产投资完成56.3亿元")


def test_what_cannot_be_placed_is_listed_never_guessed(tmp_path: Path):
    text = ("1—9月，全县固定资产投资完成56.3亿元。\n"
            "2024年1—9月，河口镇重点项目12个，完成投资3.1亿元。\n"
            "力争2099年全年开工项目40个。")  # fmt: skip
    t = bulletin_tables(_write(tmp_path, "t.txt", text))
    assert t.tidy.empty and t.targets.empty
    reasons = " | ".join(t.notes["reason"])
    assert "names no region" in reasons and "河口镇 is not in the registry" in reasons
    t = bulletin_tables(_write(tmp_path, "t.txt", text), region="天城县", period="2024-09")
    assert t.tidy["period"].tolist() == ["2024-09"]
    assert "2099-12 has not begun" in " | ".join(t.notes["reason"])


def test_one_figure_twice_with_two_values_keeps_the_first_and_says_so(tmp_path: Path):
    text = ("2023年1—9月，天城县固定资产投资完成56.3亿元，同比增长12.5%。\n"
            "2023年1—9月，天城县固定资产投资完成56.8亿元。")  # fmt: skip
    t = bulletin_tables(_write(tmp_path, "t.txt", text))
    assert t.tidy["value_100m_yuan"].tolist() == [56.3]
    note = t.notes.loc[t.notes["action"] == "conflict"].iloc[0]
    assert note["cell"] == "line 2" and "56.8 vs kept 56.3" in note["found"]


def test_amounts_of_several_project_lists_stay_in_the_targets_table(tmp_path: Path):
    text = ("2023年1—9月，天城县省重点项目完成投资12.1亿元，市重点项目完成投资20.4亿元。")
    t = bulletin_tables(_write(tmp_path, "t.txt", text))
    assert t.tidy.empty
    assert sorted(t.targets.loc[t.targets["measure"] == "ytd", "value"]) == [12.1, 20.4]


def test_names_map_to_the_report_vocabulary():
    assert item_key("省重点项目", "project") == "projects_province_key"
    assert item_key("“四水同治”项目", "project") == "projects_“四水同治”项目"
    assert item_key("签约亿元以上项目", "task") == "signed_projects_over_100m_yuan"
    assert looks_like_bulletin(NOTICE) and not looks_like_bulletin("region,period,item\n天城县,2023-09,x\n")
    assert publisher_of(NOTICE) == "天城县统计局"


# ------------------------------------------------------------------ the build
@pytest.mark.parametrize(("name", "encoding", "text"), [
    ("notice.txt", "gbk", NOTICE),
    ("notice.html", "utf-8", "<html><body><p>" + NOTICE.replace("\n", "</p><p>") + "</p></body></html>"),
    ("notice.md", "utf-8", "# 天城县项目建设\n\n" + NOTICE),
])  # fmt: skip
def test_the_build_reads_bulletins_beside_tables(tmp_path: Path, name: str, encoding: str, text: str):
    res = data.build([BUREAU / "yuhang_2016_08_gbk.csv", _write(tmp_path, name, text, encoding)])
    assert [f["format"] for f in res.files] == ["bureau", "bulletin"]
    tc = res.tidy.query("region_code == '990001' and indicator == 'fai_total'")
    assert tc[["period", "value_100m_yuan", "yoy_pct"]].values.tolist() == [["2023-09", 56.3, 12.5]]
    assert (res.targets["item"] == "projects_重点项目").sum() == 7


def test_a_bulletin_that_differs_from_a_bundled_figure_is_reported(tmp_path: Path):
    text = "2016年1—8月，余杭区固定资产投资完成629.44亿元，同比增长8.5%。"
    res = data.build([RAW / "local_examples.csv", _write(tmp_path, "yuhang.txt", text)])
    conflict = res.report.loc[res.report["action"] == "conflict"]
    assert len(conflict) == 1 and "8.5" in conflict["found"].iloc[0]
    row = res.tidy.query("region_code == '330110' and period == '2016-08' and indicator == 'fai_total'")
    assert row["yoy_pct"].tolist() == [8.4]  # the bundled source is kept, the text's figure listed


def test_a_bulletin_that_differs_from_an_analysts_table_stops_the_build(tmp_path: Path):
    text = "2016年1—8月，余杭区固定资产投资完成629.44亿元，同比增长8.5%。"
    with pytest.raises(DuplicateFigureError, match="yuhang.txt"):
        data.build([BUREAU / "yuhang_2016_08_gbk.csv", _write(tmp_path, "yuhang.txt", text)])


def test_targets_rows_of_two_inputs_collapse_or_are_listed(tmp_path: Path):
    a = _write(tmp_path, "a.txt", "2023年1—9月，天城县重点项目64个，完成投资35.7亿元。")
    b = _write(tmp_path, "b.txt", "2023年1—9月，天城县重点项目64个，完成投资35.9亿元。")
    res = data.build([a, b])
    rows = res.targets.query("item == 'projects_重点项目'").set_index("measure")["value"]
    assert rows.to_dict() == {"count": 64.0, "ytd": 35.7}
    notes = res.report.set_index("cell")["action"].to_dict()
    assert notes["projects_重点项目 count"] == "collapsed" and notes["projects_重点项目 ytd"] == "conflict"


def test_bundled_texts_agree_with_the_hand_keyed_rows_they_replace():
    """The 余杭区 projects and the 株洲市 contest of data/raw/*.txt against local_examples.csv."""
    hand = pd.read_csv(RAW / "local_examples.csv", dtype=str)
    hand = hand.loc[hand["item"].str.startswith("projects_") | hand["measure"].isin(["target_count",
                                                                                    "done_count"])]  # fmt: skip
    want = {(r.region, r.period, r.item, r.measure): float(r.value) for r in hand.itertuples()}
    assert len(want) == 35  # 27 project rows of 余杭区, 8 contest rows of 株洲市
    got = {}
    for name in ("yuhang_2016_08_projects.txt", "zhuzhou_2020_09_contest.txt"):
        t = bulletin_tables(RAW / name)
        got |= {(r.region_name, r.period, r.item, r.measure): r.value for r in t.targets.itertuples()}
    assert got == want
    built = data.build([RAW / "local_examples.csv", RAW / "yuhang_2016_08_projects.txt",
                        RAW / "zhuzhou_2020_09_contest.txt"])  # fmt: skip
    skipped = built.report.loc[built.report["action"] == "skipped", "reason"]
    assert skipped.str.contains("hand-keyed twins").any()  # the CSV's rows are not read twice
    assert not built.targets.duplicated(["region_code", "period", "item", "measure"]).any()
