"""Bulletin texts into the data: figures become tidy rows, project groups and tasks rows of
the targets table (the build's input for ``.txt`` / ``.html`` / ``.md`` texts).

:func:`bulletin_tables` reads one text with :func:`fai.bulletin.parse.read_bulletin_records`
and places every record it can:

- a figure of a registry indicator → one tidy row (level, YoY, seasonally adjusted m/m) and
  targets rows for what the tidy table has no column for (``plan_completion_pct``,
  ``vs_parent_pp``, ``vs_time_progress_pp``, ``rank``) with the indicator as item;
- a project group → targets rows of item ``projects_*`` with the vocabulary of the targets
  report: ``count``, ``count_new``, ``count_continuing``, ``completed``, ``started``,
  ``start_rate_pct``, ``total_investment``, ``annual_plan``, ``ytd``, ``plan_completion_pct``,
  ``vs_time_progress_pp``;
- a task → ``target_count`` / ``done_count`` (counts) or ``target_100m_yuan`` /
  ``done_100m_yuan`` (amounts) and ``completion_pct``.

Group and task names map to the report's item keys through ``data/target_items.csv``
(全部项目 → ``projects_all``, 签约亿元以上项目 → ``signed_projects_over_100m_yuan`` …); a name
the file does not know keeps its own words (``projects_重点建设项目``, ``亿元以上项目签约``).

Every row's ``source`` names the file and line and keeps the sentence it was read from. A
record that cannot be placed — no region the registry knows, no year, an indicator outside
the registry, a value out of the plausible range, a period that has not begun — is left out
and listed in the notes; two records of one key that differ keep the first and list the
other (never silently overwritten).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from fai.bulletin import text as T
from fai.bulletin.parse import read_bulletin_records, read_text_file
from fai.model import indicators, regions
from fai.model.schema import (
    TARGET_COLUMNS,
    TIDY_COLUMNS,
    last_period,
    out_of_range,
    range_text,
    target_out_of_range,
    target_range_text,
)

#: the cleaning report's columns (as :mod:`fai.readers` writes them)
NOTE_COLUMNS = ["file", "cell", "action", "reason", "found"]
FORMAT = "bulletin"
#: figure fields the tidy table has no column for: targets rows (measure, unit)
FIGURE_MEASURES = {"plan_completion_pct": "pct", "vs_parent_pp": "pp", "vs_time_progress_pp": "pp",
                   "rank": "rank"}  # fmt: skip
#: project fields → targets measure and unit
PROJECT_MEASURES = {
    "count": ("count", "projects"), "new": ("count_new", "projects"),
    "continuing": ("count_continuing", "projects"), "completed": ("completed", "projects"),
    "started": ("started", "projects"), "start_rate_pct": ("start_rate_pct", "pct"),
    "total_investment_100m_yuan": ("total_investment", "100m_yuan"),
    "annual_plan_100m_yuan": ("annual_plan", "100m_yuan"), "done_100m_yuan": ("ytd", "100m_yuan"),
    "plan_completion_pct": ("plan_completion_pct", "pct"),
    "vs_time_progress_pp": ("vs_time_progress_pp", "pp"),
}  # fmt: skip
_PROSE = re.compile(r"[\u4e00-\u9fff][^\n]{0,200}?[，。；]")
# the first line of a text may say where it was published: 来源：余杭区发改局 / SOURCE: https://…
_SOURCE_LINE = re.compile(r"^\s*(?:SOURCE|来源|资料来源|信息来源)\s*[:：]\s*(.{1,200}?)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass
class BulletinTables:
    """One text placed in the data: tidy rows, targets rows and the notes of what was left out."""

    tidy: pd.DataFrame
    targets: pd.DataFrame
    notes: pd.DataFrame


def looks_like_bulletin(text: str) -> bool:
    """True for prose (sentences with Chinese and clause punctuation), not a table.

    >>> looks_like_bulletin("1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。")
    True
    >>> looks_like_bulletin("指标,2019年12月\\n固定资产投资,12.5")
    False
    """
    return len(_PROSE.findall(text[:20000])) >= 1 and text.count("，") + text.count("。") >= 2


@functools.lru_cache(maxsize=1)
def _item_map() -> dict[str, str]:
    path = resources.files("fai.bulletin") / "data" / "target_items.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["label"]: row["item"] for row in csv.DictReader(fh)}


def item_key(label: str, kind: str) -> str:
    """The targets item of a group or task name.

    >>> item_key("省重点项目", "project"), item_key("重点建设项目", "project"), item_key("重点项目开工", "task")
    ('projects_province_key', 'projects_重点建设项目', 'key_projects_started')
    """
    known = _item_map().get(label)
    if known:
        return known
    return f"projects_{label}" if kind == "project" else label


def bulletin_tables(
    path: str | Path,
    *,
    region: str | None = None,
    period: str | None = None,
    today: dt.date | None = None,
    text: str | None = None,
) -> BulletinTables:
    """The tidy rows, targets rows and notes of one bulletin file.

    ``region`` names the text's own region when it only says 全县/我市; ``period``
    ("YYYY-MM" or 2016年1-8月) gives the year when the text writes none.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "notice.txt"
    >>> _ = p.write_text("2016年1—8月，余杭区固定资产投资完成629.44亿元，同比增长8.4%。"
    ...                  "全区共实施项目782个，已开工538个，开工率68.8%。", encoding="utf-8")
    >>> t = bulletin_tables(p)
    >>> t.tidy[["region_code", "period", "indicator", "value_100m_yuan", "yoy_pct"]].values.tolist()
    [['330110', '2016-08', 'fai_total', 629.44, 8.4]]
    >>> t.targets[["item", "measure", "value"]].values.tolist()
    [['projects_all', 'count', 782.0], ['projects_all', 'started', 538.0], ['projects_all', 'start_rate_pct', 68.8]]
    """
    path = Path(path)
    if text is None:
        text = read_text_file(path)
    year = _year_of(period)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        records = read_bulletin_records(text, region, year, file=str(path))
    return records_to_tables(records, T.clean_lines(text), path, region=region, today=today,
                             publisher=publisher_of(text))  # fmt: skip


def _year_of(period: str | None) -> int | None:
    m = re.search(r"(19|20)\d{2}", period or "")
    return int(m.group()) if m else None


def publisher_of(text: str) -> str | None:
    """Where a text says it was published (its first 来源/SOURCE line), else None.

    >>> publisher_of("来源：天城县统计局\\n1-8月，全县…"), publisher_of("1-8月，全县…")
    ('天城县统计局', None)
    """
    m = _SOURCE_LINE.search(text.lstrip("\ufeff")[:2000])
    return m.group(1) if m else None


class _Notes:
    def __init__(self, file: Path) -> None:
        self.file = str(file)
        self.rows: list[dict[str, Any]] = []

    def add(self, cell: str, action: str, reason: str, found: Any = None) -> None:
        self.rows.append({"file": self.file, "cell": cell, "action": action, "reason": reason,
                          "found": None if found is None else str(found)[:200]})  # fmt: skip

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=NOTE_COLUMNS).astype(object)


def records_to_tables(
    records: list[dict[str, Any]],
    lines: list[str],
    file: str | Path,
    *,
    region: str | None = None,
    today: dt.date | None = None,
    publisher: str | None = None,
) -> BulletinTables:
    """Place the records of one text (see the module's docstring); ``lines`` are the text's
    cleaned lines (for the line numbers of the sources). Every ``source`` ends with the
    publisher in brackets — the text's own 来源 line, else the file — so a report credits it;
    the tidy rows' ``source_url`` is that 来源 line."""
    file = Path(file)
    notes = _Notes(file)
    latest = last_period(today)
    tidy_rows: dict[tuple, dict[str, Any]] = {}
    target_rows: dict[tuple, dict[str, Any]] = {}
    lists = _list_amounts(records)
    for rec in records:
        line = rec.get("line") or _line_of(lines, rec.get("evidence") or "")
        cell = f"line {line}" if line else "text"
        said = (rec.get("evidence") or "").replace("(", "（").replace(")", "）")  # the publisher's are last
        source = f"{file.name} {cell}: {said} ({publisher or file.name})"
        where = _place(rec, region, latest, notes, cell)
        if where is None:
            continue
        code, period = where
        kind = rec.get("kind", "figure")
        if kind == "figure":
            if _list_amount(rec, lists):
                notes.add(cell, "skipped", "the amount of one project list among several: in the targets "
                          "table as that list's ytd, not a figure of the region", rec.get("label"))  # fmt: skip
                continue
            _figure_rows(rec, code, period, source, publisher, tidy_rows, target_rows, notes, cell)
        elif kind == "project":
            item = item_key(rec["group"], "project") + ("(当月)" if rec.get("monthly") else "")
            for field, (measure, unit) in PROJECT_MEASURES.items():
                _target(target_rows, notes, cell, code, period, item, measure, rec.get(field), unit, source)
        elif kind == "task":
            item = item_key(rec["item"], "task")
            pairs = (("target_count", "done_count", "projects") if rec.get("unit") == "个"
                     else ("target_100m_yuan", "done_100m_yuan", "100m_yuan"))  # fmt: skip
            _target(target_rows, notes, cell, code, period, item, pairs[0], rec.get("task"), pairs[2], source)
            _target(target_rows, notes, cell, code, period, item, pairs[1], rec.get("done"), pairs[2], source)
            _target(target_rows, notes, cell, code, period, item, "completion_pct", rec.get("completion_pct"),
                    "pct", source)  # fmt: skip
    tidy = pd.DataFrame(list(tidy_rows.values()), columns=TIDY_COLUMNS)
    targets = pd.DataFrame(list(target_rows.values()), columns=TARGET_COLUMNS)
    for col in ("value_100m_yuan", "yoy_pct", "mom_sa_pct"):
        tidy[col] = tidy[col].astype(float)
    targets["value"] = targets["value"].astype(float)
    return BulletinTables(tidy, targets, notes.frame())


_LIST_INDICATORS = ("fai_key_projects", "fai_project")


def _list_amounts(records: list[dict[str, Any]]) -> list[tuple]:
    """(region, year, month, done) of every project group with a completed amount."""
    return [(r.get("region"), r.get("year"), r.get("month"), r["done_100m_yuan"]) for r in records
            if r.get("kind") == "project" and r.get("done_100m_yuan") is not None]  # fmt: skip


def _list_amount(rec: dict[str, Any], lists: list[tuple]) -> bool:
    """True for a figure that is a project list's amount the tidy table cannot hold: a list
    other than 重点/重大 (项目投资 is the statistic, not a list), a list of another region, or
    one of several key lists of the region and period."""
    if rec.get("indicator") not in _LIST_INDICATORS:
        return False
    mine = [g for g in lists if g[3] == rec.get("value_100m_yuan")]
    if not mine:
        return False
    where = (rec.get("region"), rec.get("year"), rec.get("month"))
    if rec["indicator"] == "fai_project" or any(g[:3] != where for g in mine):
        return True
    return sum(g[:3] == where for g in lists) > 1


def _line_of(lines: list[str], evidence: str) -> int | None:
    """The line of the first sentence of an evidence text."""
    first = re.split(r"(?<=[。！？；])| ", evidence.strip(), maxsplit=1)[0][:40]
    if not first:
        return None
    for i, line in enumerate(lines, start=1):
        if first in line:
            return i
    return None


def _place(rec: dict[str, Any], region: str | None, latest: str, notes: _Notes,
           cell: str) -> tuple[str, str] | None:  # fmt: skip
    """(region code, period) of a record, or None with a note."""
    name = rec.get("region") or region
    what = rec.get("indicator") or rec.get("group") or rec.get("item")
    if not name:
        notes.add(cell, "skipped", "the text names no region of its own: pass --region", what)
        return None
    code = regions.lookup(name)
    if code is None:
        notes.add(cell, "skipped", f"region {name} is not in the registry (or is ambiguous): add it "
                  "to data/regions.csv or give its parent", what)  # fmt: skip
        return None
    year, month = rec.get("year"), rec.get("month")
    if year is None or month is None:
        notes.add(cell, "skipped", "no year or month in the text: pass --period (e.g. 2024-09)", what)
        return None
    period = f"{int(year):04d}-{int(month):02d}"
    if period > latest:
        notes.add(cell, "skipped", f"period {period} has not begun (a target, not a result)", what)
        return None
    return code, period


def _figure_rows(rec: dict[str, Any], code: str, period: str, source: str, source_url: str | None,
                 tidy_rows: dict, target_rows: dict, notes: _Notes, cell: str) -> None:  # fmt: skip
    key = rec.get("indicator")
    known = indicators.keys()  # the registry's keys (a list)
    if key not in known:
        if any(rec.get(f) is not None for f in ("value_100m_yuan", "yoy_pct")):
            notes.add(cell, "skipped", f"{rec.get('label') or key} is no indicator of the registry", key)
        return
    values = {f: rec.get(f) for f in ("value_100m_yuan", "yoy_pct", "mom_sa_pct")}
    for f, v in list(values.items()):
        if v is not None and bool(out_of_range(np.array([float(v)]), f)[0]):
            notes.add(cell, "skipped", f"{f} {v} is out of range — expected {range_text(f)}", key)
            values[f] = None
    if any(v is not None for v in values.values()):
        row = {"region_code": code, "region_name": regions.name_of(code), "period": period,
               "indicator": key, **values, "source": source, "source_url": source_url}  # fmt: skip
        _put(tidy_rows, (code, period, key), row, list(values), notes, cell)
    for field, unit in FIGURE_MEASURES.items():
        if rec.get(field) is not None:
            measure = field
            if field == "vs_parent_pp" and rec.get("parent") and not str(rec["parent"]).startswith("全"):
                measure = f"vs_{rec['parent']}_pp"  # 比杭州市高2.0个百分点: named, beside 全省
            _target(target_rows, notes, cell, code, period, key, measure, rec[field], unit, source)


def _target(rows: dict, notes: _Notes, cell: str, code: str, period: str, item: str, measure: str,
            value: Any, unit: str, source: str) -> None:  # fmt: skip
    if value is None:
        return
    value = float(value)
    if bool(target_out_of_range(np.array([value]), np.array([unit]))[0]):
        notes.add(cell, "skipped", f"{item} {measure} {value:g} is out of range — expected "
                  f"{target_range_text(unit)}", value)  # fmt: skip
        return
    parent = regions.get(code).parent_code
    row = {"region_code": code, "region_name": regions.name_of(code),
           "parent_name": regions.name_of(parent) if parent else None, "period": period,
           "item": item, "measure": measure, "value": value, "unit": unit, "source": source}  # fmt: skip
    _put(rows, (code, period, item, measure), row, ["value"], notes, cell)


def _put(rows: dict, key: tuple, row: dict[str, Any], fields: list[str], notes: _Notes, cell: str) -> None:
    """One row per key: a second record fills the gaps of the first; one that differs is listed."""
    first = rows.get(key)
    if first is None:
        rows[key] = row
        return
    clash = [f for f in fields if row[f] is not None and first[f] is not None and float(row[f]) != float(first[f])]
    if clash:
        notes.add(cell, "conflict", f"differs from (kept) {first['source'].split(': ')[0]}",
                  "; ".join(f"{f} {row[f]:g} vs kept {first[f]:g}" for f in clash))  # fmt: skip
        return
    for f in fields:
        if first[f] is None:
            first[f] = row[f]
