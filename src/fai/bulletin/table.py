"""Tables flattened into text lines, as copied from a bulletin's PDF or web page.

A county's monthly release often ends with its figures as a table; copied as
text, each row becomes one line whose cells are separated by tabs or spaces::

    指标 单位 1-10月 同比增长(%)
    固定资产投资 亿元 45.62 11.3
      其中：工业投资 亿元 16.85 22.7

The normaliser removes spaces next to Chinese characters, which would glue
the cells together (``固定资产投资亿元45.6211.3``), so :func:`mark_cells` runs
first, on the raw line, and puts :data:`CELL` between the cells of lines that
look like a table's header or rows. :func:`read_header` turns a header into
the meaning of each column; :func:`read_row` reads one row with it. A row is
never read without a header that says which column is the level and which the
growth rate, and a level without a unit (in its row, its label, the header or a
``单位：万元`` line) is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from fai import re_cache
from fai.bulletin import patterns as P

CELL = "\ue001"  # a private-use character normalize_text leaves alone
_GAP = re_cache.compile(r"[ \t\u3000\xa0]+")
_PROSE = re_cache.compile(r"[，。；！？;]|,(?!\d{3})")
_RAW_NUMBER = re_cache.compile(r"[-+－]?[\d０-９]+(?:[.．,][\d０-９]+)*[%％]?")
_RAW_DATA = re_cache.compile(r"[-+－]?[\d０-９]+(?:[.．,][\d０-９]+)*[%％]?|[-—–－…/／·]+")
_HEADER_GROWTH = re_cache.compile(r"同比|增长|增速|增幅|±|增减")
# a column of targets (also fai.bulletin.task_table); of what was done — in either script:
# a header is marked before the text is read in simplified characters (年度計劃投資)
HEADER_TARGET = re_cache.compile(r"目[标標]|任[务務]|[计計][划劃]")
HEADER_DONE = re_cache.compile(r"完成|[实實][际際]|累[计計]")
_UNITS = {"亿元": Decimal(1), "万元": Decimal("0.0001"), "万亿元": Decimal(10000), "亿": Decimal(1)}
UNIT_RE = re_cache.compile(r"万亿元|亿元|万元|亿(?!元)")
UNIT_CELL_RE = re_cache.compile(
    r"(?:万亿元|亿元|万元|千元|元|%|个|项|万平方米|平方米|吨|万吨|亿千瓦时|人)"
)
UNIT_LINE_RE = re_cache.compile(r"(?:计量)?单位[：:](万亿元|亿元|万元|%)(?:[，、/].*)?")  # %: a table of rates
NUMBER_CELL_RE = re_cache.compile(rf"{P.NUM}%?")
EMPTY_CELL_RE = re_cache.compile(r"[-—–…/·.]*")
# the investment a first header line names over the columns under it
_GROUP_NOUN_RE = re_cache.compile(r"投资|固投")
# a column of a region's gap to its parent (比全市±, 与全省比较(百分点), 高于全市): its name in group 1
_HEADER_PARENT_RE = re_cache.compile(r"(?:比|较|与|高于|低于|快于|慢于)(全[国省市县区州盟旗])")
# a column of what was planned (年度目标, 计划投资): an amount, no completion rate
_HEADER_PLAN_AMOUNT_RE = re_cache.compile(r"计划|目标|任务")
_HEADER_PLAN_RATE_RE = re_cache.compile(r"完成率|进度|(?:完成|占)[^%]{0,8}?(?:计划|目标|任务)|%")
# a column of one month beside the span to date (4月 | 1-4月): the month alone
_HEADER_ONE_MONTH_RE = re_cache.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})月份?(?:\(.*\))?")
# a header cell that is a period alone, as written in the raw line (1-6月, 1—6月份, 2024年1-6月,
# 上半年, 一季度, 前三季度, 1-6月累计, 1-6月(%)): two or more make a header of periods as columns
_RAW_PERIOD_CELL = re_cache.compile(
    r"(?:(?:19|20)\d{2}年)?(?:[1１一][-—–－~～至到](?:[\d０-９]{1,2}|十[一二]?|[二三四五六七八九])月份?"
    r"|上半年|前三季度|[一二三四1-4１-４]季度)(?:累计)?(?:[（(][%％][）)])?"
)
# a header cell that is a span and nothing else (1-6月, 2024年1-6月, 1-6月累计(%)), normalised
_BARE_SPAN = re_cache.compile(rf"(?:(?:19|20)\d{{2}}年)?(?:{P.YTD_RE.pattern})(?:\(%\))?")
# a row or a table of growth rates (固定资产投资增速(%), a title …主要指标增速, 单位：%)
GROWTH_WORDS = re_cache.compile(r"增速|增长|增幅|%")
# the measure a row's label ends on (固定资产投资增速): not part of the investment's name
_LABEL_MEASURE = re_cache.compile(r"(?:同比增长|增长速度|增长率|增速|增幅|增长)$")
_REGION_COLUMN = re_cache.compile(
    r"^(?:各?县|区|市|地区|乡镇|镇|乡|街道|园区|开发区|单位)|县区|县市区|市县"
)


def mark_cells(line: str) -> str:
    """The raw line with :data:`CELL` between its cells when it looks like a table
    header or row (no sentence punctuation; a label, then numbers; or three or more
    short cells one of which speaks of growth); any other line unchanged.

    >>> mark_cells("固定资产投资 亿元 45.62 11.3").split(CELL)
    ['固定资产投资', '亿元', '45.62', '11.3']
    >>> mark_cells("全县固定资产投资完成 38.19 亿元，同比增长 26.22 %") == "全县固定资产投资完成 38.19 亿元，同比增长 26.22 %"
    True
    """
    s = line.strip(" \u3000\xa0\r\n")
    if not s.strip() or _PROSE.search(s) or not _GAP.search(s.strip()):
        return line
    cells = _cells(s)
    if cells and not cells[0] and len(cells) >= 3 and _continued_header(cells[1:]):
        return CELL.join(cells)  # (blank) | 绝对量(亿元) | 同比增长(%): a header's second line
    while cells and not cells[0]:
        cells.pop(0)  # a row indented with a tab
    if len(cells) < 2 or not P.CJK_CHAR_RE.search(cells[0]):
        return line
    data = 0  # cells at the end that hold a number or a dash (no figure), or are blank
    while data < len(cells) - 1 and (not cells[-1 - data] or _RAW_DATA.fullmatch(cells[-1 - data])):
        data += 1
    row = any(cells[len(cells) - data :])  # (a label and blank cells only: a section's name)
    header = (
        len(cells) >= 3
        and not row  # (a row's numbers end the test at once)
        and all(len(c) <= 16 and not _RAW_NUMBER.fullmatch(c) for c in cells)
        and (
            any(_HEADER_GROWTH.search(c) for c in cells)
            or _task_header(cells)
            or group_header(cells)
            or sum(bool(_RAW_PERIOD_CELL.fullmatch(c)) for c in cells[1:]) >= 2  # 指标 1-6月 1-7月
        )
    )
    return CELL.join(cells) if row or header else line


def _cells(s: str) -> list[str]:
    """The cells of a raw table line: between tabs every cell counts, an empty one too (a web
    or spreadsheet table's blank cell, a merged header cell), and a run of tabs is empty cells;
    without tabs the cells are apart by runs of spaces (a blank cell then cannot be seen).

    >>> _cells("大余县\\t6.9\\t4\\t—\\t"), _cells("麒麟区  330  142.5")
    (['大余县', '6.9', '4', '—', ''], ['麒麟区', '330', '142.5'])
    """
    if "\t" not in s:
        return _GAP.split(s.strip())
    cells = [c.strip(" \u3000\xa0") for c in s.split("\t")]
    if all(" " not in c for c in cells):
        return cells
    return [p for c in cells for p in (_GAP.split(c) if c else [c])]


def _continued_header(cells: list[str]) -> bool:
    """True for the cells of a header's second line under a first cell left blank (the label
    column's cell merged with the line above): short words, one of growth or of an amount.

    >>> _continued_header(["绝对量(亿元)", "同比增长(%)"]), _continued_header(["45.6", "12.3"])
    (True, False)
    """
    words = [c for c in cells if c]
    return (
        len(words) >= 2
        and all(len(c) <= 16 and not _RAW_DATA.fullmatch(c) for c in words)
        and any(_HEADER_GROWTH.search(c) for c in words)
    )


def group_header(cells: list[str]) -> bool:
    """True for the first line of a header written over two lines whose cells name the
    investment of the columns under them (县区 | 固定资产投资 | (blank) | 其中：工业投资).

    >>> group_header(["县区", "固定资产投资", "", "其中：工业投资"]), group_header(["县区", "投资"])
    (True, False)
    """
    return sum(1 for c in cells[1:] if _GROUP_NOUN_RE.search(c)) >= 2


def _task_header(cells: list[str]) -> bool:
    """True for the header of a target-versus-done table (地区 | 开工目标(个) | 实际开工(个) | 完成率%):
    a column of targets and one of what was done.

    >>> _task_header(["地区", "开工目标(个)", "实际开工(个)", "完成率%"]), _task_header(["指标", "单位", "1-10月"])
    (True, False)
    """
    return any(HEADER_TARGET.search(c) for c in cells[1:]) and any(done_header(c) for c in cells[1:])


def done_header(cell: str) -> bool:
    """True for a header cell of what was done: 实际开工, 1-9月完成, and 已签约 beside 签约任务.

    >>> done_header("实际开工(个)"), done_header("已签约(个)"), done_header("签约任务(个)")
    (True, True, False)
    """
    return HEADER_DONE.search(cell) is not None or cell.startswith("已")


@dataclass
class Table:
    """What the columns of a flattened table mean."""

    columns: list[str]  # label, unit, value, yoy, share, plan, rank, parent, skip
    unit: str | None = None  # of the value column
    period_cell: str = ""  # 1-10月 of the value column
    regions: bool = False  # the first column names regions (县区, 乡镇)
    label: str = ""  # the investment named in the header or title line
    rows: int = field(default=0)
    # of a header written over several lines: the investment each column is of (固投 | 重点项目)
    column_labels: list[str] = field(default_factory=list)
    parent: str = ""  # 全市 of a column 比全市±
    # of a header whose columns are periods (指标 | 1-6月 | 1-7月 | 1-8月): each column's span
    # ("" for the label and unit); its "period" columns hold a rate or a level by the row
    column_periods: list[str] = field(default_factory=list)
    growth: bool = False  # the table's figures are rates (…增速 in its title, 单位：%)


def read_header(cells: list[str], unit: str | None = None, title: str = "") -> Table | None:
    """The meaning of a header's columns, or None when it is not a table header.

    >>> t = read_header(["指标", "单位", "1-10月", "同比增长(%)"])
    >>> t.columns, t.period_cell
    (['label', 'unit', 'value', 'yoy'], '1-10月')
    >>> read_header(["县区", "完成投资(亿元)", "同比增长(%)"]).unit
    '亿元'
    """
    if len(cells) < 2 or any(NUMBER_CELL_RE.fullmatch(c) for c in cells):
        return None
    while len(cells) > 2 and len(cells[0]) == 1 and len(cells[1]) == 1:
        cells = [cells[0] + cells[1], *cells[2:]]  # 指 标: one word spaced out
    while len(cells) > 2 and not cells[-1]:
        cells = cells[:-1]  # <td> … </td> ends each cell with a tab: the last one is no column
    columns, period_cell, label, parent = [], "", "", ""
    spans = ["" if i == 0 else _column_span(c) for i, c in enumerate(cells)]
    for i, cell in enumerate(cells):
        if i == 0:
            kind = "label"
        elif not cell:
            kind = "skip"  # a blank header cell (merged with the one before): no figure read
        elif cell in ("单位", "计量单位"):
            kind = "unit"
        elif m := _HEADER_PARENT_RE.search(cell):
            kind, parent = "parent", m.group(1)
        elif re.search(r"百分点|拉动|贡献", cell):
            kind = "skip"
        elif re.search(r"比重|占比", cell):
            kind = "share"
        elif _HEADER_PLAN_RATE_RE.search(cell) and re.search(r"完成率|计划|目标|进度|任务", cell):
            kind = "plan"
        elif _HEADER_PLAN_AMOUNT_RE.search(cell):
            kind = "skip"  # 年度目标, 计划投资: what was planned, an amount (not its completion)
        elif re.search(r"位次|排名|排序|名次|排位", cell):
            kind = "rank"
        elif _HEADER_GROWTH.search(cell):
            kind = "yoy"
        elif re.search(r"当月|本月(?!止|末|累计)|上年|去年|同期", cell):
            kind = "skip"  # one month, or last year's level
        else:
            kind = "value"
            if m := UNIT_RE.search(cell):
                unit = m.group()
            if P.PERIOD_HINT_RE.search(cell):
                period_cell = cell
            if "投资" in cell:
                label = cell
        columns.append(kind)
    if len({s for s, k in zip(spans, columns, strict=True) if s and k in ("value", "yoy")}) >= 2:
        # 1-6月 | 1-7月, 1-7月增速 | 1-8月增速, 1-7月 | 1-7月增速 | 1-8月 | 1-8月增速: periods as
        # columns (a column of no span among them is of none: skipped; a bare span, 1-6月 |
        # 1-7月 | 1-8月, holds a rate or a level, as the row says)
        columns = ["period" if k == "value" and _BARE_SPAN.fullmatch(c) else k if s or k in ("label", "unit")
                   else "skip" for k, s, c in zip(columns, spans, cells, strict=True)]  # fmt: skip
        table = Table(columns, unit, column_periods=spans)
        table.growth = unit == "%" or any(GROWTH_WORDS.search(c) for c in [title, *cells])
        table.regions = bool(_REGION_COLUMN.search(cells[0]))
        table.label = title if "投资" in title else ""
        return table
    if columns.count("value") > 1:
        # 4月 | 1-4月: the month's own amount beside the span to date (that of the header)
        months = [i for i, c in enumerate(cells) if columns[i] == "value" and _HEADER_ONE_MONTH_RE.fullmatch(c)]
        if len(months) < columns.count("value"):
            for i in months:
                columns[i] = "skip"
            spans = [c for i, c in enumerate(cells) if columns[i] == "value"]
            period_cell = next((c for c in spans if P.PERIOD_HINT_RE.search(c)), "")
    if "yoy" not in columns or columns.count("value") > 1:
        return None
    table = Table(columns, unit, period_cell, parent=parent)
    table.regions = bool(_REGION_COLUMN.search(cells[0]))
    table.label = title if "投资" in title else label
    return table


def _column_span(cell: str) -> str:
    """The year-to-date span a header cell is of (1-8月 of 1-8月, 1-8月同比增长(%)), or ""."""
    m = P.YTD_RE.search(cell) if cell and P.PERIOD_HINT_RE.search(cell) else None
    return m.group() if m else ""


def period_parts(table: Table, label: str) -> list[tuple[str, Table]]:
    """A table of periods as columns read one period at a time: (span, a table whose other
    periods' columns are skipped and whose period columns hold this row's measure — a rate
    when the row or the table says so (固定资产投资增速(%), 单位：%), else a level).

    >>> t = read_header(["指标", "1-6月", "1-7月"], "%")
    >>> [(span, part.columns) for span, part in period_parts(t, "固定资产投资")]
    [('1-6月', ['label', 'yoy', 'skip']), ('1-7月', ['label', 'skip', 'yoy'])]
    """
    rate = bool(GROWTH_WORDS.search(label)) or (table.growth and not UNIT_RE.search(label))
    out = []
    for span in dict.fromkeys(s for s in table.column_periods if s):
        columns = [k if not s else ("yoy" if rate else "value") if k == "period" and s == span
                   else k if s == span else "skip"
                   for k, s in zip(table.columns, table.column_periods, strict=True)]  # fmt: skip
        out.append((span, Table(columns, table.unit, regions=table.regions, label=table.label)))
    return out


def grouped_columns(table: Table, groups: list[str]) -> Table:
    """The table of a header's second line whose first line (``groups``) names the investment
    over its columns: 县区 | 固定资产投资 | (blank) | 其中：工业投资 over (blank) | 增速 | 位次 | 增速 |
    位次. Between tabs, each name stands over its own cell and the blank ones after it; without
    blank cells, the names share the columns evenly (a merged cell copied once). The table
    unchanged when neither fits.

    >>> t = grouped_columns(read_header(["", "增速", "位次", "增速", "位次"]), ["县区", "固定资产投资", "", "其中：工业投资"])
    >>> t.columns, t.column_labels, t.regions
    (['label', 'yoy', 'rank', 'yoy', 'rank'], ['', '固定资产投资', '固定资产投资', '工业投资', '工业投资'], True)
    """
    names = [re.sub(r"^其中[：:]?|\(.*?\)$", "", c) for c in groups[1:]]
    width = len(table.columns) - 1
    if "" in names and len(names) <= width:
        labels, last = [], ""
        for name in names + [""] * (width - len(names)):
            last = name or last
            labels.append(last)
    elif names and "" not in names and width % len(names) == 0:
        labels = [n for n in names for _ in range(width // len(names))]
    else:
        return table
    if not labels[0] or not all("投资" in n or "固投" in n for n in labels):
        return table
    table.column_labels = ["", *(_BLOCK_LABELS.get(n, n) for n in labels)]
    table.regions = table.regions or bool(_REGION_COLUMN.search(groups[0]))
    return table


def repeated_columns(table: Table) -> bool:
    """True when a column's meaning comes twice for one investment (增速 | 位次 | 增速 | 位次 and
    nothing says of what each is): the second would overwrite the first.

    >>> repeated_columns(read_header(["县区", "增速", "位次", "增速", "位次"]))
    True
    """
    labels = table.column_labels or table.column_periods or [""] * len(table.columns)  # (of each span)
    kinds = [(k, lab) for k, lab in zip(table.columns, labels, strict=True) if k not in ("skip", "label")]
    return len(kinds) != len(set(kinds))


def read_row(cells: list[str], table: Table) -> tuple[str, dict[str, Decimal | int]] | None:
    """The label of a row and its figures by output field, or None when the row
    does not fit the header.

    >>> t = read_header(["指标", "单位", "1-10月", "同比增长(%)"])
    >>> read_row(["其中：工业投资", "亿元", "16.85", "22.7"], t)
    ('工业投资', {'value_100m_yuan': Decimal('16.85'), 'yoy_pct': Decimal('22.7')})
    >>> read_row(["固定资产投资(万元)", "563000", "12.5"], read_header(["指标名称", "1-8月累计", "同比增长(%)"]))
    ('固定资产投资', {'value_100m_yuan': Decimal('56.3000'), 'yoy_pct': Decimal('12.5')})
    """
    data_kinds = [k for k in table.columns if k not in ("label", "unit")]
    while len(cells) > len(table.columns) and "" in cells[1:]:
        cells = [cells[0], *cells[1:]]
        del cells[len(cells) - 1 - cells[::-1].index("")]  # blank cells of the layout: the last first
    split = len(cells) - len(data_kinds)
    if split < 1:
        return None
    head, data = cells[:split], cells[split:]
    unit = table.unit
    if "unit" in table.columns and len(head) >= 2 and UNIT_CELL_RE.fullmatch(head[-1]):
        unit = head.pop()
    elif "unit" in table.columns:
        return None
    label = re.sub(r"^(?:其中[：:]?|[#＃]+)", "", "".join(head))  # #工业投资: 其中 in NBS tables
    if m := re.search(r"\((万亿元|亿元|万元)\)", label):
        unit = m.group(1)
    label = re.sub(r"\([^()]*\)", "", label).strip()
    if label.endswith(("速", "长", "幅", "率", "度")) and "投资" in label:
        label = _LABEL_MEASURE.sub("", label)  # 固定资产投资增速(%): the investment's row
    if not label:
        return None
    values: dict[str, Decimal | int] = {}
    for kind, cell in zip(data_kinds, data, strict=True):
        if EMPTY_CELL_RE.fullmatch(cell):
            continue
        if not NUMBER_CELL_RE.fullmatch(cell):
            return None  # text where a number belongs: not a row of this table
        number = Decimal(cell.rstrip("%").lstrip("+"))
        if kind == "value" and unit in _UNITS:
            values["value_100m_yuan"] = number * _UNITS[unit]
        elif kind == "yoy":
            values["yoy_pct"] = number
        elif kind == "share":
            values["share_pct"] = number
        elif kind == "plan":
            values["plan_completion_pct"] = number
        elif kind == "rank" and number == number.to_integral_value() and number > 0:
            values["rank"] = int(number)
        elif kind == "parent" and table.parent:
            values["vs_parent_pp"] = number
            values["parent"] = table.parent  # type: ignore[assignment]
    return label, values


# the words of a header broken over several lines (a web table's cells wrapped): what each
# column holds, tried in this order at each place — 完成…目标任务占比(%) is one column
_BLOCK_TERM_RE = re_cache.compile(
    r"(?P<plan>完成(?:(?!投资|完成)[^，。\d]){0,10}?(?:占比|完成率|比例|比重|进度|(?:计划|目标|任务)\(%\))|占比|完成率|进度)"
    r"|(?P<yoy>增速|增幅|同比增长|增长率)"
    r"|(?P<value>完成投资|投资额|完成额|累计完成)"
    r"|(?P<skip>(?:年度)?(?:投资)?计划(?:投资)?|目标任务|比重)"
)
# the investments such a header names; each column is of the last one named before it
_BLOCK_NOUN_RE = re_cache.compile(
    r"全社会固定资产投资|固定资产投资|固投|重点项目|重大项目|民间投资|工业投资|房地产开发投资|项目投资"
)
_BLOCK_LABELS = {"固投": "固定资产投资", "全社会固定资产投资": "固定资产投资", "重点项目": "重点项目投资",
                 "重大项目": "重大项目投资"}  # fmt: skip


def read_header_block(lines: list[str], ndata: int, unit: str | None = None) -> Table | None:
    """The meaning of the columns of a header written over several lines (the cells of a
    web table wrapped, one piece a line), for rows of ``ndata`` figures; None unless its
    words name exactly that many columns, one a growth rate or an amount.

    >>> t = read_header_block(["县(市、区) 1-7月固投", "增速情况", "1-7月全市重点项目完成情况",
    ...                        "年度投资计划", "1-7月", "完成投资", "完成年度计划(%)"], 4, "亿元")
    >>> t.columns, t.column_labels[1:]
    (['label', 'yoy', 'skip', 'value', 'plan'], ['固定资产投资', '重点项目投资', '重点项目投资', '重点项目投资'])
    """
    text = "".join(lines)
    if not text or len(text) > 240:
        return None
    columns, labels = ["label"], [""]
    period_cell = ""
    for m in _BLOCK_TERM_RE.finditer(text):
        if m.lastgroup in ("yoy", "value") and not period_cell:
            spans = [s.group() for s in P.YTD_RE.finditer(text, 0, m.start())]
            period_cell = spans[-1] if spans else ""  # 1-7月固投增速: of 1-7月
        nouns = _BLOCK_NOUN_RE.findall(text, 0, m.start())
        if not nouns:
            return None  # a column of no investment named
        columns.append(str(m.lastgroup))
        labels.append(_BLOCK_LABELS.get(nouns[-1], nouns[-1]))
    if len(columns) != ndata + 1 or not ({"yoy", "value"} & set(columns)):
        return None
    for label in set(labels[1:]):
        if [k for k, lab in zip(columns, labels, strict=True) if lab == label].count("value") > 1:
            return None
    table = Table(columns, unit, period_cell, column_labels=labels)
    table.regions = bool(_REGION_COLUMN.search(text))
    return table

