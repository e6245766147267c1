"""Target-versus-done tables of campaign reports, flattened into text.

A 百日会战 or 双比双看 report often lists its regions in a table — region, target,
done, completion — that a copied web page turns into one cell per line, or one row
per line with its cells apart (:data:`fai.bulletin.table.CELL`)::

    地区 | 百日会战投资目标(亿元) | 百日会战完成投资(亿元) | 完成比例%
    天城县 | 120.5 | 66.3 | 55.0
    合计   | 300.0 | 151.2 | 50.4

:func:`read_task_tables` finds such tables among the cleaned lines and reads each row as
a task of its region: the target, what was done, the completion as printed. A table is
read only when its header names a target column and a done column; a row whose cells do
not fit the header is left out, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fai import re_cache
from fai.bulletin.table import CELL, done_header
from fai.bulletin.table import HEADER_DONE as _DONE
from fai.bulletin.table import HEADER_TARGET as _TARGET

_CELL_LINE = re_cache.compile(r"[^。，；！？：]{1,24}")
_NUMBER = re_cache.compile(r"-?\d+(?:\.\d+)?%?")
_PCT = re_cache.compile(r"比例|比重|完成率|进度|%")
_UNIT = re_cache.compile(r"万亿元|亿元|万元|个|项")
_FACTOR = {"万亿元": Decimal(10000), "亿元": Decimal(1), "万元": Decimal("0.0001")}
_TOTAL = re_cache.compile(r"^(?:合计|总计|全省|全市|全县|全区|全州|全盟|全旗|总体|小计)$")
# 年度计划投资(亿元): the year's plan, whose completion is a project group's (not a task's)
_ANNUAL = re_cache.compile(r"年度|全年|年计划|计划投资")
_SUB_PERIOD = re_cache.compile(r"百日|会战|攻坚|季度|半年|序时|当月|月度|\d+月|[一二三四五六七八九十]+月")
_COUNT = re_cache.compile(r"个数|项目数|数量|\((?:个|项)\)")
_START_RATE = re_cache.compile(r"开(?:复)?工率")
_STARTED = re_cache.compile(r"已开(?:复)?工|开工在建|开(?:复)?工项目(?:数|个数)?\(|^开(?:复)?工(?:数|个数)")
# the group a table is of, named in its title (1-9月重点项目进度表 → 重点项目)
_TITLE_GROUP = re_cache.compile(r"((?:省|市|县|区)?(?:重点|重大)[\u4e00-\u9fff]{0,6}?(?:项目|工程))")


@dataclass
class TableTask:
    """One row of a target-versus-done table."""

    item: str
    unit: str
    region: str | None  # None: the text's own (合计, 全省)
    task: Decimal | None
    done: Decimal | None
    completion_pct: Decimal | None
    line: int
    evidence: str
    annual: bool = False  # the target is the year's plan: the row is a project group's
    count: Decimal | None = None  # its number of projects (项目个数), when a column says
    started: Decimal | None = None  # … started (已开工), of a group's row
    start_rate_pct: Decimal | None = None  # … its start rate (开工率), of a group's row
    group: str = ""  # the group named in the table's title (重点项目)


def _columns(header: list[str]) -> list[dict[str, int]] | None:
    """Which column holds the label, the target, the done amount and the completion: one
    set of roles per target, when a table has several (开工任务数 | 已开工 | 投资任务 | 完成投资
    | 完成率: the done and the rate after each target are its own)."""
    roles: dict[str, int] = {}
    targets: list[int] = []
    for i, cell in enumerate(header[1:], start=1):
        if "开" in cell and _START_RATE.search(cell):
            roles.setdefault("start_rate", i)  # 开工率(%): the groups' start rate
        elif "开" in cell and _STARTED.search(cell) and not _TARGET.search(cell):
            roles.setdefault("started", i)  # 已开工项目(个)
        elif _PCT.search(cell) and not re.search(r"亿元|万元", cell):
            roles.setdefault("pct", i)
        elif _TARGET.search(cell) and not _DONE.search(cell.replace("完成投资目标", "")):
            roles.setdefault("task", i)
            targets.append(i)
        elif done_header(cell):  # (已签约(个) too)
            roles.setdefault("done", i)
        elif _COUNT.search(cell):
            roles.setdefault("count", i)
    if len(targets) > 1:
        return _pairs(header, targets)
    if "task" in roles and "done" not in roles and roles.get("started", 0) > roles["task"]:
        roles["done"] = roles.pop("started")  # 开工任务(个) | 已开工(个): the target's done
    if "task" not in roles or "done" not in roles:
        return None
    return [roles]


def _pairs(header: list[str], targets: list[int]) -> list[dict[str, int]] | None:
    """The roles of a table of several targets: each target with the done column (完成…,
    已开工…) and the rate after it, before the next target; None when one has no done."""
    out = []
    for n, t in enumerate(targets):
        end = targets[n + 1] if n + 1 < len(targets) else len(header)
        roles = {"task": t}
        for i in range(t + 1, end):
            cell = header[i]
            if "done" not in roles and (_DONE.search(cell) or _STARTED.search(cell) or cell.startswith("已")):
                roles["done"] = i
            elif "done" in roles and "pct" not in roles and _PCT.search(cell) and not re.search(r"亿元|万元", cell):
                roles["pct"] = i
        if "done" not in roles:
            return None
        out.append(roles)
    return out


# what a target column counts when it names no unit: projects started, signed, finished
_COUNTED_ITEM = re_cache.compile(r"开工|竣工|签约|投产|落地|项目数")


def _unit(header: list[str], roles: dict[str, int]) -> tuple[str, Decimal]:
    text = header[roles["task"]] + header[roles["done"]]
    m = _UNIT.search(text)
    if m is None and _COUNTED_ITEM.search(text) and not re.search(r"投资|资金|金额", text):
        return "个", Decimal(1)  # 计划开工 | 实际开工 with no unit: projects counted
    if m is None or m.group() in ("个", "项"):
        return ("个", Decimal(1)) if m else ("亿元", Decimal(1))
    return "亿元", _FACTOR[m.group()]


def _rows(lines: list[str]) -> list[tuple[int, list[str]]]:
    """The table rows of the lines: (line number of the row's first cell, its cells)."""
    rows: list[tuple[int, list[str]]] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) >= 8:
            rows.extend(_vertical(run))
        run.clear()

    for lineno, line in enumerate(lines, start=1):
        if not line:
            continue
        if CELL in line:
            flush()
            rows.append((lineno, [c.strip() for c in line.split(CELL)]))
        elif _CELL_LINE.fullmatch(line):
            run.append((lineno, line.strip()))
        else:
            flush()
            rows.append((lineno, []))  # prose: a table ends here
    flush()
    return rows


def join_vertical_rows(lines: list[str]) -> list[str]:
    """The lines with each row of a one-cell-per-line table (:func:`_vertical`) on the line
    of its first cell, its cells apart by :data:`CELL`, and the lines of its other cells
    left empty (line numbers stay); ``lines`` itself when they hold no such table.

    >>> rows = join_vertical_rows(["镇", "完成投资", "同比增长", "甲镇", "8236", "12.5", "乙镇", "4512", "-8.3"])
    >>> [r.split(CELL) for r in rows if r]
    [['镇', '完成投资', '同比增长'], ['甲镇', '8236', '12.5'], ['乙镇', '4512', '-8.3']]
    """
    out: list[str] | None = None
    run: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal out
        if len(run) >= 8 and (rows := _vertical(run)):
            out = out if out is not None else list(lines)
            at = {lineno: k for k, (lineno, _) in enumerate(run)}
            for lineno, cells in rows:
                for other, _ in run[at[lineno] : at[lineno] + len(cells)]:
                    out[other - 1] = ""
                out[lineno - 1] = CELL.join(cells)
        run.clear()

    for lineno, line in enumerate(lines, start=1):
        if not line:
            continue
        if len(line) <= 24 and CELL not in line and _CELL_LINE.fullmatch(line):
            run.append((lineno, line.strip()))
        elif run:
            flush()
    flush()
    return lines if out is None else out


def _vertical(run: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """One cell per line: the first row's label is the cell before the first number, the
    row is as wide as from there to the next label, and the header is as wide before it."""
    first = next((i for i, (_, c) in enumerate(run) if _NUMBER.fullmatch(c)), None)
    if first is None or first < 1:
        return []
    label = first - 1
    nxt = next((i for i in range(first, len(run)) if not _NUMBER.fullmatch(run[i][1])), len(run))
    width = nxt - label
    if width < 3 or label - width < 0:
        return []
    out = [(run[label - width][0], [c for _, c in run[label - width : label]])]
    i = label
    while i + width <= len(run):
        cells = [c for _, c in run[i : i + width]]
        if _NUMBER.fullmatch(cells[0]) or not all(_NUMBER.fullmatch(c) for c in cells[1:]):
            break
        out.append((run[i][0], cells))
        i += width
    return out


def read_task_tables(lines: list[str]) -> tuple[list[TableTask], set[int]]:
    """The tasks of every target-versus-done table in the lines, and the line numbers the
    tables take (the prose reader skips them).

    >>> lines = ["地区", "投资目标(亿元)", "完成投资(亿元)", "完成比例%", "天城县", "120.5", "66.3",
    ...          "55.0", "合计", "300.0", "151.2", "50.4"]
    >>> tasks, used = read_task_tables(lines)
    >>> [(t.region, t.task, t.done, t.completion_pct) for t in tasks]
    [('天城县', Decimal('120.5'), Decimal('66.3'), Decimal('55.0')), (None, Decimal('300.0'), Decimal('151.2'), Decimal('50.4'))]
    """
    tasks: list[TableTask] = []
    used: set[int] = set()
    roles: dict[str, int] | None = None
    sets: list[dict[str, int]] = []
    header: list[str] = []
    annual, group = False, ""
    for lineno, cells in _rows(lines):
        if not cells:
            roles = None
            continue
        if len(cells) >= 3 and not any(_NUMBER.fullmatch(c) for c in cells):
            sets = _columns(cells)
            roles = sets[0] if sets else None
            header = cells
            if roles is not None:
                used.add(lineno)
                target = header[roles["task"]]
                title = lines[lineno - 2] if lineno >= 2 else ""
                m = _TITLE_GROUP.search(title) if not _SUB_PERIOD.search(target) else None
                # 年度计划投资 | 完成投资 under a title naming 重点项目: the groups' progress; so
                # is a table of the year's plan with the projects' count (项目数 | 年度计划投资 |
                # 1—8月完成投资 …, its group the programme named before it)
                annual = (len(sets) == 1 and _ANNUAL.search(target) is not None
                          and _UNIT.search(target) is not None
                          and (m is not None or ("count" in roles and not _SUB_PERIOD.search(target))))  # fmt: skip
                group = m.group(1) if m and annual else ""
            continue
        if roles is None or len(cells) != len(header) or _NUMBER.fullmatch(cells[0]):
            continue
        label = cells[0].replace(" ", "")
        for roles in sets:
            if not all(_NUMBER.fullmatch(cells[i]) for i in roles.values()):
                continue
            unit, factor = _unit(header, roles)

            def num(role: str, scale: Decimal = Decimal(1), cells: list[str] = cells,
                    roles: dict[str, int] = roles) -> Decimal | None:  # fmt: skip
                i = roles.get(role)
                return None if i is None else Decimal(cells[i].rstrip("%")) * scale

            item = re.sub(r"\((?:亿元|万元|万亿元|个|项|%)\)|%", "", header[roles["done"]])
            item = item[1:] if item.startswith("已") and len(item) > 2 else item  # 已签约: 签约
            tasks.append(TableTask(item, unit, None if _TOTAL.match(label) else label,
                                   num("task", factor), num("done", factor), num("pct"),
                                   lineno, " | ".join(cells), annual=annual and unit == "亿元",
                                   count=num("count"), group=group, started=num("started"),
                                   start_rate_pct=num("start_rate")))  # fmt: skip
            used.update(range(lineno, lineno + 2 * len(cells)) if CELL not in lines[lineno - 1] else [lineno])
        roles = sets[0]
    return tasks, used
