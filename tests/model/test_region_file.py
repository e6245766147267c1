"""The project's own regions: data/regions.csv read, validated, and joined to the registry."""

from __future__ import annotations

import pytest

from fai.errors import InputFormatError
from fai.model import regions


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder of its own ($FAI_HOME) whose data/regions.csv the test writes."""
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("FAI_HOME", str(tmp_path))
    regions.reload()
    yield tmp_path
    regions.reload()


def _write(project, text: str, encoding: str = "utf-8"):
    (project / "data" / "regions.csv").write_bytes(text.encode(encoding))
    regions.reload()


def test_own_regions_come_from_data_regions_csv(project):
    _write(project, "# our zones\ncode,name,parent,level,name_en\n"
                    "990101,安吉经济开发区,安吉县,town,Anji Economic Development Zone\n"
                    "990103,高新区天元片区,990102,town,\n"
                    "990102,株洲高新区,430200,county,\n")
    assert regions.resolve("安吉经济开发区") == "990101"
    assert regions.ancestors("990103") == ["990102", "430200", "430000", "900002", "000000"]
    assert "990101" in regions.children("330523")
    assert regions.get("株洲高新区").parent_code == "430200"
    assert regions.slug("990101") == "990101-anji-economic-development-zone"
    assert regions.lookup("天城县") is None  # this project has no 天城县


def test_a_project_without_regions_csv_knows_the_official_regions(project):
    assert regions.resolve("安吉县") == "330523" and regions.lookup("天城县") is None


@pytest.mark.parametrize(
    "body, message",
    [
        ("330523,安吉,,county", r"line 2: code 330523 is 湖州市安吉县 \(330523\) in the official list"),
        ("99001,开发区,,county", r"line 2: code '99001' — expected six digits"),
        (",高新区,,county", r"line 2: '高新区' has no code — expected six digits of your own, e.g. 990001"),
        ("900001,东部,,county", r"code 900001 is 东部地区"),
        ("990002,高新区,湖洲市,county", r"line 2: parent '湖洲市' is not a known region"),
        ("990002,高新区,朝阳区,county", r"parent '朝阳区' is ambiguous: 北京市朝阳区 \(110105\)"),
        ("990002,高新区,安吉县,district", r"line 2: level 'district' — expected prefecture or county or town"),
        ("990002,<b>高新区</b>,,county", r"line 2: name '<b>高新区</b>' — expected a region name"),
        ("990002,新区,安吉县,prefecture", r"a prefecture under the county '安吉县' — expected a parent above"),
        ("990002,递铺街道,安吉县,town\n990002,孝丰镇,安吉县,town", r"line 3: code 990002 appears twice"),
        ("990002,安吉县,湖州市,county", r"'安吉县' is 湖州市安吉县 \(330523\) already"),
        ("990002,甲区,990003,county\n990003,乙区,990002,county", r"line 2: a county under the county '990003'"),
        ("990002,高新区,,county,Gaoxin,extra", r"line 2: 6 cells — expected 5"),
    ],
)
def test_faults_in_regions_csv_name_the_file_and_line(project, body, message):
    _write(project, "code,name,parent,level,name_en\n" + body + "\n")
    with pytest.raises(InputFormatError, match=message) as err:
        regions.lookup("北京")
    assert "regions.csv" in str(err.value) and "\n" not in str(err.value)


def test_a_misspelt_column_or_encoding_is_named(project):
    _write(project, "code,name,parnet,level\n990002,高新区,,county\n")
    with pytest.raises(InputFormatError, match=r"line 1: column 'parnet' \(did you mean 'parent'\?\)"):
        regions.registry()
    _write(project, "code,name,parent,level\n990002,高新区,,county\n", encoding="gbk")
    with pytest.raises(InputFormatError, match=r"not UTF-8"):
        regions.registry()


def test_a_huge_value_is_never_echoed_whole(project):
    _write(project, "code,name,parent,level\n990002," + "区" * 100_000 + ",,county\n")
    with pytest.raises(InputFormatError) as err:
        regions.registry()
    assert len(str(err.value)) < 300
