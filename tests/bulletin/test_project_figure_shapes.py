"""The figure records of project-tracking notices, one kind of error each.

The sentences are our own, written in the shapes of real notices (never copied from
them); the numbers are made up and checked by hand in each test.
"""

from __future__ import annotations

import warnings

from fai.bulletin.parse import read_bulletin, to_records
from fai.errors import FaiWarning


def _records(text: str, **kw) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return to_records(read_bulletin(text, **kw))


def _rows(text: str, *fields: str, **kw) -> list[tuple]:
    """(region, month, indicator, *fields) of every record, in order."""
    return [
        (r["region"], r["month"], r["indicator"], *(r[f] for f in fields))
        for r in _records(text, **kw)
    ]


def test_a_district_named_before_its_group_and_count_owns_the_amount_that_follows():
    # 城口县 names the group (牵头…项目共12个); the amount two clauses on is 城口县's, and so is
    # its progress compared with the whole city's (整体/平均水平)
    text = (
        "1—6月，市级重点项目完成投资520.3亿元，同比增长12.1%。"
        "城口县牵头市级重点项目共12个，总投资160亿元，截至6月底完成投资9.6亿元，"
        "投资进度高于全市整体水平8个百分点。"
    )
    assert _rows(text, "value_100m_yuan", "vs_parent_pp", region="甲市")[-1] == (
        "城口县", 6, "fai_key_projects", 9.6, 8.0
    )
