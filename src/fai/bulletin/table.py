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
# a header cell that is a period alone, as written in the raw line (1-6月, 1—6月份, 2024年1-6月,
# 上半年, 一季度, 前三季度, 1-6月累计, 1-6月(%)): two or more make a header of periods as columns
_RAW_PERIOD_CELL = re_cache.compile(
    r"(?:(?:19|20)\d{2}年)?(?:[1１一][-—–－~～至到](?:[\d０-９]{1,2}|十[一二]?|[二三四五六七八九])月份?"
    r"|上半年|前三季度|[一二三四1-4１-４]季度)(?:累计)?(?:[（(][%％][）)])?"
)
# a header cell that is a span and nothing else (1-6月, 2024年1-6月, 1-6月累计(%)), normalised
_BARE_SPAN = re_cache.compile(rf"(?:(?:19|20)\d{{2}}年)?(?:{P.YTD_RE.pattern})(?:\(%\))?")
# a single month as a column (9月, 9月份, 本月) beside a year-to-date one: that month's level
_MONTH_CELL = re_cache.compile(r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月份?|本月|当月")
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
    s = line.strip()
    if not s or _PROSE.search(s) or not _GAP.search(s):
        return line
    cells = _GAP.split(s)
    if len(cells) < 2 or not P.CJK_CHAR_RE.search(cells[0]):
        return line
    data = 0  # cells at the end that hold a number or a dash (no figure)
    while data < len(cells) - 1 and _RAW_DATA.fullmatch(cells[-1 - data]):
        data += 1
    row = data >= 1
    header = (
        len(cells) >= 3
        and (
            any(_HEADER_GROWTH.search(c) for c in cells)
            or _task_header(cells)
            or sum(bool(_RAW_PERIOD_CELL.fullmatch(c)) for c in cells[1:]) >= 2  # 指标 1-6月 1-7月
        )
        and all(len(c) <= 16 and not _RAW_NUMBER.fullmatch(c) for c in cells)
    )
    return CELL.join(cells) if row or header else line


def _task_header(cells: list[str]) -> bool:
    """True for the header of a target-versus-done table (地区 | 开工目标(个) | 实际开工(个) | 完成率%):
    a column of targets and one of what was done.

    >>> _task_header(["地区", "开工目标(个)", "实际开工(个)", "完成率%"]), _task_header(["指标", "单位", "1-10月"])
    (True, False)
    """
    return any(HEADER_TARGET.search(c) for c in cells[1:]) and any(HEADER_DONE.search(c) for c in cells[1:])


@dataclass
class Table:
    """What the columns of a flattened table mean."""

    columns: list[str]  # label, unit, value, yoy, share, plan, rank, skip
    unit: str | None = None  # of the value column
    period_cell: str = ""  # 1-10月 of the value column
    regions: bool = False  # the first column names regions (县区, 乡镇)
    label: str = ""  # the investment named in the header or title line
    rows: int = field(default=0)
    # of a header written over several lines: the investment each column is of (固投 | 重点项目)
    column_labels: list[str] = field(default_factory=list)
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
    columns, period_cell, label = [], "", ""
    spans = ["" if i == 0 else _column_span(c) for i, c in enumerate(cells)]
    for i, cell in enumerate(cells):
        if i == 0:
            kind = "label"
        elif cell in ("单位", "计量单位"):
            kind = "unit"
        elif re.search(r"百分点|拉动|贡献", cell):
            kind = "skip"
        elif re.search(r"比重|占比", cell):
            kind = "share"
        elif re.search(r"完成率|计划|目标|进度", cell):
            kind = "plan"
        elif re.search(r"位次|排名|排序|名次|排位", cell):
            kind = "rank"
        elif _HEADER_GROWTH.search(cell):
            kind = "yoy"
        elif re.search(r"当月|本月(?!止|末|累计)|上年|去年|同期", cell):
            kind = "skip"  # one month, or last year's level
        elif _MONTH_CELL.fullmatch(cell) and any(spans):
            kind = "skip"  # 9月 beside 1-9月: that one month's level
        else:
            kind = "value"
            if m := UNIT_RE.search(cell):
                unit = m.group()
            if P.PERIOD_HINT_RE.search(cell):
                period_cell = cell
            if "投资" in cell:
                label = cell
        columns.append(kind)
    if len({s for s, k in zip(spans, columns, strict=True) if s and k in ("value", "yoy", "period")}) >= 2:
        # 1-6月 | 1-7月, 1-7月增速 | 1-8月增速, 1-7月 | 1-7月增速 | 1-8月 | 1-8月增速: periods as
        # columns (a column of no span among them is of none: skipped)
        # (a bare span, 1-6月 | 1-7月 | 1-8月: a rate or a level, as the row says)
        columns = ["period" if k == "value" and _BARE_SPAN.fullmatch(c) else k if s or k in ("label", "unit")
                   else "skip" for k, s, c in zip(columns, spans, cells, strict=True)]  # fmt: skip
        table = Table(columns, unit, column_periods=spans)
        table.growth = unit == "%" or any(GROWTH_WORDS.search(c) for c in [title, *cells])
        table.regions = bool(_REGION_COLUMN.search(cells[0]))
        table.label = title if "投资" in title else ""
        return table
    if "yoy" not in columns or columns.count("value") > 1:
        return None
    table = Table(columns, unit, period_cell)
    table.regions = bool(_REGION_COLUMN.search(cells[0]))
    table.label = title if "投资" in title else label
    return table


def _column_span(cell: str) -> str:
    """The year-to-date span a header cell is of (1-8月 of 1-8月, 1-8月同比增长(%)), or ""."""
    m = P.YTD_RE.search(cell) if P.PERIOD_HINT_RE.search(cell) else None
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

