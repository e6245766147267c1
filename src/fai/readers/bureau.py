"""Read a statistics bureau's FAI table (xlsx, xls or CSV in UTF-8/GBK) into the tidy table.

The usual layout::

    2016年1-8月全区固定资产投资主要指标          ← title (year, sometimes the region)
                                   单位：万元    ← unit line (万元 → ÷ 10,000 to 亿元)
    指标名称          1-8月累计   同比增长(%)    ← header; may be two rows with merged cells
    固定资产投资        6294400        8.4
      其中：项目投资    2786800        8.4      ← indentation / 其中： / # mark "of which"
        #工业投资        553100          —      ← — not applicable, … below the unit, blank unknown

Labels go through the shared label map (``fai/model/data/indicator_labels.csv``), keyed by
the bureau's own wording after the 其中/#/numbering prefixes are removed. An unknown label raises
:class:`~fai.errors.UnknownIndicatorError` naming its cell; pass
``unknown="skip"`` to drop such rows with a note in the report instead. Unknown
labels are not mapped to the registry's ``other``: two of them would collide on
one key, and their sum means nothing.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from fai.cleaning.growth import parse_growth
from fai.cleaning.numbers import (
    BELOW_UNIT,
    NOT_APPLICABLE,
    amount_factor,
    money_unit_at_end,
    parse_amount,
    parse_number,
    plain_numbers,
    to_100m_yuan,
)
from fai.cleaning.period_labels import read_period_label
from fai.cleaning.text import compact
from fai.errors import (
    DuplicateFigureError,
    FaiError,
    InputFormatError,
    NumberError,
    ParameterError,
    PeriodError,
    SchemaValidationError,
    UnitError,
    UnknownIndicatorError,
)
from fai.model import labels, regions
from fai.model.schema import TIDY_COLUMNS, out_of_range, range_text
from fai.readers import grid as rawgrid
from fai.readers.base import Reader, ReadOptions, ReadResult, tidy_dtypes

_NAME_HEADERS = ("指标", "指标名称", "项目", "名称", "项目名称", "分组")
_PREFIX = re.compile(
    r"^(?:其中[:：]?|内[:：]|#+|＃+|[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|"
    r"\d+[.、)]|\(\d+\)|[①-⑳])\s*"
)
_UNIT_LINE = re.compile(r"(?:计量)?单位[:：]\s*(万亿元|亿元|千万元|百万元|万元|千元|元)")
_UNIT_IN_HEADER = re.compile(r"\((万亿元|亿元|万元|元)\)")
_NOTES = ("注", "说明", "资料来源", "数据来源", "备注")
_GROUP_ROWS = ("其中", "按产业分", "分产业", "分行业", "按行业分")
# a header naming one month, not a span: 9月, 2025年9月(亿元)
_SINGLE_MONTH = re.compile(r"(?:\d{4}年)?\d{1,2}月份?(?:\((?:万亿元|亿元|万元|元)\))?")


def read_bureau_table(
    path: str | Path,
    region: str | None = None,
    period: str | None = None,
    *,
    unknown: str = "error",
    report: list[pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Read a bureau table into the tidy table (levels in 亿元, growth as published).

    ``region`` (code or name) and ``period`` ("YYYY-MM" or e.g. ``2016年1-8月``)
    are read from the title and the level column's header when not given;
    when given they must agree with them. ``unknown="skip"`` drops rows with
    unknown labels (with a note) instead of raising. ``report``, when a list,
    receives the cleaning report (file, cell, action, reason, found).

    >>> df = read_bureau_table("tests/fixtures/bureau/yuhang_2016_08_gbk.csv", region="余杭区")
    >>> row = df.query("indicator == 'fai_total'").iloc[0]
    >>> row.period, float(row.value_100m_yuan), float(row.yoy_pct)
    ('2016-08', 629.44, 8.4)
    """
    options = ReadOptions(region=region, period=period, unknown=unknown)
    result = read(rawgrid.load(path), options)
    if report is not None:
        report.append(result.notes)
    return result.tidy


def read(raw: rawgrid.RawFile, options: ReadOptions) -> ReadResult:
    """Read a loaded bureau table (the reader of :data:`READER`)."""
    if options.unknown not in ("error", "skip"):
        raise ParameterError(where="unknown", found=f"{options.unknown!r}", expected="'error' or 'skip'")
    grid = _grid(raw)
    notes: list[pd.DataFrame] = []
    table = _Table(raw, grid, notes)
    tidy = table.read(options.region, options.period, options.unknown)
    report = pd.concat(notes, ignore_index=True) if notes else rawgrid.empty_report()
    return ReadResult(tidy_dtypes(tidy), notes=report, format=READER.name)


def sniff(raw: rawgrid.RawFile, head: list[list[str]]) -> bool:
    """A header row with a year-to-date level (1-8月累计) or growth (同比增长) column."""
    return any(_kind(compact(c)) in ("level", "yoy") for row in head for c in row[1:])


def _grid(raw: rawgrid.RawFile) -> pd.DataFrame:
    """All cells as a DataFrame of strings ("" for blank), header=None."""
    if raw.kind == "csv":
        assert raw.text is not None
        try:
            rows = list(csv.reader(raw.text.splitlines()))
        except csv.Error as exc:
            raise InputFormatError(file=str(raw.path), found=f"not a readable CSV ({exc})",
                                   expected="comma-separated rows") from None
        width = max((len(r) for r in rows), default=0)
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    else:
        assert raw.grid is not None
        grid = raw.grid
    if grid.empty:
        raise InputFormatError(file=str(raw.path), found="no cells", expected="a bureau table")
    return grid.map(lambda v: "" if v is None else rawgrid._text(v))


class _Table:
    def __init__(self, raw: rawgrid.RawFile, grid: pd.DataFrame, notes: list[pd.DataFrame]):
        self.raw, self.grid, self.notes = raw, grid, notes
        self.norm = grid.map(lambda v: compact(v) if v else "")

    texts: dict[int, str] = {}  # noqa: RUF012 - set per table by header()

    def where(self, r: int, c: int) -> str:
        return self.raw.cell(r, c, self.texts.get(c) if c else None)

    def short(self, r: int, c: int) -> str:
        return self.where(r, c).removeprefix(f"{self.raw.path} ")

    def note(self, r: int, c: int, action: str, reason: str, found: object = None) -> None:
        self.notes.append(
            rawgrid.report_frame(self.raw.path, [self.short(r, c)], action, reason, [found])
        )

    # ------------------------------------------------------------ header
    def header(self) -> tuple[int, int, dict[int, str]]:
        """First header row, first data row and the combined header text of each column."""
        norm = self.norm
        start = None
        for r in range(min(len(norm), 30)):
            cells = norm.iloc[r].tolist()
            if cells[0] in _NAME_HEADERS or any(_kind(c) in ("level", "yoy") for c in cells[1:]):
                start = r
                break
        if start is None:
            raise InputFormatError(
                f"{self.raw.path}: no header row (指标名称 | 1-8月累计 | 同比增长(%)) in the first "
                "30 rows — expected a bureau table with a level and a growth column",
                file=str(self.raw.path),
            )
        end = start + 1
        while (
            end < len(norm)
            and norm.iat[end, 0] in ("", norm.iat[start, 0])
            and not _has_figure(norm.iloc[end, 1:])
        ):
            end += 1  # second header row (merged "1-8月" over 累计 | 增长)
        texts: dict[int, str] = {}
        for c in range(1, norm.shape[1]):
            parts: list[str] = []
            for r in range(start, end):
                t = norm.iat[r, c]
                if t and t not in parts:
                    parts.append(t)
            if parts:
                texts[c] = "".join(parts)
        self.texts = texts
        return start, end, texts

    # ------------------------------------------------------------ reading
    def read(self, region: str | None, period: str | None, unknown: str) -> pd.DataFrame:
        raw, norm = self.raw, self.norm
        start, first_data, texts = self.header()
        above = [t for r in range(start) for t in norm.iloc[r].tolist() if t]
        level_cols = [c for c, t in texts.items() if _kind(t) == "level"]
        growth_cols = [c for c, t in texts.items() if _kind(t) == "yoy"]
        singles = [c for c in level_cols if _SINGLE_MONTH.fullmatch(texts[c])]
        if len(level_cols) > len(singles) >= 1:  # 9月 beside 1-9月: the single month goes
            level_cols = [c for c in level_cols if c not in singles]
            for c in singles:
                self.note(start, c, "dropped", "a single month's column: fai keeps year-to-date "
                          "figures and derives single months", texts[c])
        for c, t in texts.items():
            if _kind(t) == "ignored":
                self.note(start, c, "dropped", "column is not a year-to-date level or growth", t)
            elif _kind(t) == "month":
                self.note(start, c, "dropped", "a single month's column: fai keeps year-to-date "
                          "figures and derives single months", t)
        if len(level_cols) > 1 or len(growth_cols) > 1:
            which = level_cols if len(level_cols) > 1 else growth_cols
            raise InputFormatError(
                file=str(raw.path), found="several columns could hold the figures ("
                + ", ".join(f"{rawgrid.col_letter(c)} {texts[c]!r}" for c in which) + ")",
                expected="one year-to-date level and one growth column",
            )
        if not level_cols and not growth_cols:
            raise InputFormatError(
                file=str(raw.path), where=self.short(start, 0),
                found=f"header {list(texts.values())} has no level or growth column",
                expected="a level (1-8月累计, 本月止累计) or growth (同比增长(%), 增速) column",
                row=start + 1,
            )
        level_col = level_cols[0] if level_cols else None
        growth_col = growth_cols[0] if growth_cols else None
        code = self.region(region, above)
        the_period = self.period(period, above, start, level_col, growth_col, texts)
        unit_factor, unit_cell = self.unit(above, start, level_col, texts)

        rows: list[dict[str, object]] = []
        for r in range(first_data, len(norm)):
            label_raw = self.grid.iat[r, 0]
            label = norm.iat[r, 0]
            if not label:
                if _has_number(norm.iloc[r, 1:]):
                    raise InputFormatError(
                        file=str(raw.path), where=self.short(r, 0),
                        found="figures in a row without a label",
                        expected="an indicator name in the first column", row=r + 1,
                    )
                continue
            if label.startswith(_NOTES):
                break
            filled = [t for t in norm.iloc[r].tolist() if t]
            if len(filled) > 1 and len(set(filled)) == 1:  # one text merged across the table
                self.note(r, 0, "dropped", "a line of text across the table (a note)", label_raw)
                continue
            name = _clean_label(label)
            cells = [c for c in (level_col, growth_col) if c is not None]
            if not name or all(not norm.iat[r, c] for c in cells):
                if name and name not in _GROUP_ROWS:
                    self.note(r, 0, "dropped", "row without figures", label_raw)
                continue
            found = labels.indicator_of(name)
            if found is None:
                if unknown == "skip":
                    self.note(r, 0, "dropped", "label not in the label map (unknown='skip')",
                              label_raw)
                    continue
                raise UnknownIndicatorError(
                    file=str(raw.path), where=self.short(r, 0),
                    found=f"indicator {label_raw.strip()[:60]!r} is not known",
                    expected="a label of fai/model/data/indicator_labels.csv such as 固定资产投资, "
                    "其中：民间投资, #工业投资 (or pass unknown='skip')", row=r + 1,
                )
            key = found[0]
            level = self.level(r, level_col, unit_factor, unit_cell) if level_col else np.nan
            growth = self.growth(r, growth_col) if growth_col else np.nan
            if np.isnan(level) and np.isnan(growth):
                continue
            rows.append(
                {
                    "indicator": key,
                    "value_100m_yuan": level,
                    "yoy_pct": growth,
                    "row": r,
                    "label": label_raw.strip(),
                }
            )
        if not rows:
            raise InputFormatError(file=str(raw.path), found="no figures below the header",
                                   expected="one row per indicator")
        return self.assemble(rows, code, the_period)

    def region(self, region: str | None, above: list[str]) -> str:
        """The region: ``region`` when given, else the one the title names, else the one the
        file name names (noted); several or none is an error asking for ``region``."""
        if region is not None:
            return regions.resolve(str(region), where="region=")
        title = "".join(above)
        found = regions.named_in(title) if title else []
        if not found and (from_name := regions.named_in(self.raw.path.stem)):
            if len(from_name) == 1:
                self.note(0, 0, "flagged", f"region read from the file name: "
                          f"{regions.name_of(from_name[0])}", self.raw.path.name)
            found = from_name
        if len(found) == 1:
            return found[0]
        names = "、".join(regions.name_of(c) for c in found[:4])
        raise ParameterError(
            file=str(self.raw.path),
            found=f"the title names {'no known region' if not found else 'several regions: ' + names}",
            expected="one; pass region=… (e.g. region='余杭区', or --region 余杭区)",
        )

    def period(
        self,
        period: str | None,
        above: list[str],
        start: int,
        level_col: int | None,
        growth_col: int | None,
        texts: dict[int, str],
    ) -> str:
        year = month = None
        for t in above:  # title: 2016年1-8月… or 2016年…
            if m := re.search(r"((?:19|20)\d{2})年", t):
                year = int(m.group(1))
                if m2 := re.search(r"((?:19|20)\d{2}年[^\s，,]*?月)", t):
                    try:
                        year, month = read_period_label(m2.group(1))
                    except FaiError:
                        pass
                break
        col = level_col if level_col is not None else growth_col
        head = texts.get(col, "") if col is not None else ""
        head_period = re.sub(
            r"(累计|完成|绝对值|总量|金额|投资额|\(.*?\)|同比增长|增长|增速|%)", "", head
        )
        if head_period and not head_period.startswith("本月"):
            try:
                y, m = read_period_label(head_period, year, file=str(self.raw.path),
                                         where=self.short(start, col or 0))
                year, month = y, m
            except PeriodError:
                if re.search(r"\d+月", head_period) and re.search(r"1[3-9]|[2-9]\d", head_period):
                    raise
        if period is not None:
            py, pm = read_period_label(str(period), year, file=str(self.raw.path), where="period=")
            if py is None:
                raise PeriodError(file=str(self.raw.path), where="period=",
                                  found=f"{period!r} has no year",
                                  expected="'YYYY-MM' or e.g. 2016年1-8月")
            if month is not None and pm != month:
                raise PeriodError(
                    file=str(self.raw.path), where=self.short(start, col or 0),
                    found=f"the header says month {month} but period={period!r}",
                    expected="the same period",
                )
            year, month = py, pm
        if year is None or month is None:
            raise PeriodError(
                file=str(self.raw.path),
                found=f"cannot tell the period from the title or header ({head or 'no level column'})",
                expected="a period in the title or header; pass period='YYYY-MM' (e.g. period='2016-08', "
                "or --period 2016-08)",
            )
        return f"{year:04d}-{month:02d}"

    def unit(
        self, above: list[str], start: int, level_col: int | None, texts: dict[int, str]
    ) -> tuple[float | None, str]:
        declared: list[tuple[str, str]] = []
        for r in range(start):
            for c in range(self.norm.shape[1]):
                if m := _UNIT_LINE.search(self.norm.iat[r, c]):
                    declared.append(
                        (m.group(1), self.raw.cell(r, c).removeprefix(f"{self.raw.path} "))
                    )
        if level_col is not None and (m := _UNIT_IN_HEADER.search(texts[level_col])):
            declared.append((m.group(1), self.short(start, level_col)))
        units = {u for u, _ in declared}
        if len(units) > 1:
            raise UnitError(
                file=str(self.raw.path), found="two units declared for the levels: "
                + ", ".join(f"{u} in {cell}" for u, cell in declared),
                expected="one (单位：万元 or 单位：亿元)",
            )
        if not declared:
            return None, ""
        unit, cell = declared[0]
        return amount_factor(unit), f"{unit} ({cell})"

    # ------------------------------------------------------------ cells
    def level(self, r: int, c: int, factor: float | None, unit_cell: str) -> float:
        text = self.norm.iat[r, c]
        value = self.cell_number(r, c, text, "level")
        if isinstance(value, float):
            if factor is None:
                raise UnitError(
                    file=str(self.raw.path), where=self.short(r, c),
                    found=f"level {self.grid.iat[r, c]!r} has no unit",
                    expected="a 单位：万元 or 单位：亿元 line above the header, or a unit in the cell",
                    row=r + 1,
                )
            if value < 0:
                raise SchemaValidationError(file=str(self.raw.path), where=self.short(r, c),
                                            found=f"level {value:g} is negative",
                                            expected="a figure ≥ 0", row=r + 1)
            if factor != 1.0:
                self.note(r, c, "converted", f"{unit_cell} → 亿元 (×{factor:g})", text)
            return self.plausible(r, c, to_100m_yuan(value, factor), "value_100m_yuan")
        if value is None:
            return np.nan
        # a cell with its own unit: 629.44亿元
        amount, unit = value
        if factor is not None and unit_cell.split(" ")[0] != unit:
            raise UnitError(
                file=str(self.raw.path), where=self.short(r, c),
                found=f"{self.grid.iat[r, c]!r} is in {unit} but the column is in {unit_cell}",
                expected="one unit per column (mixed units)", row=r + 1,
            )
        self.note(r, c, "converted", f"amount with its own unit ({unit}) → 亿元", text)
        return self.plausible(r, c, amount, "value_100m_yuan")

    def growth(self, r: int, c: int) -> float:
        text = self.norm.iat[r, c]
        value = self.cell_number(r, c, text, "growth")
        if value is None:
            return np.nan
        if not isinstance(value, float):
            raise UnitError(file=str(self.raw.path), where=self.short(r, c),
                            found=f"growth {self.grid.iat[r, c]!r} carries a money unit",
                            expected="a percentage", row=r + 1)
        if value <= -100:
            raise SchemaValidationError(file=str(self.raw.path), where=self.short(r, c),
                                        found=f"growth {value:g} % is −100 or less",
                                        expected="a rate above −100", row=r + 1)
        return self.plausible(r, c, value, "yoy_pct")

    def plausible(self, r: int, c: int, value: float, column: str) -> float:
        """The value, or a :class:`SchemaValidationError` naming the cell when it is implausible."""
        if out_of_range(np.array([value]), column)[0]:
            raise SchemaValidationError(
                file=str(self.raw.path), where=self.short(r, c),
                found=f"{self.grid.iat[r, c]!r} ({value:g}) is not plausible",
                expected=range_text(column), row=r + 1,
            )
        return value

    def cell_number(self, r: int, c: int, text: str, what: str) -> float | tuple[float, str] | None:
        """A number, (amount in 亿元, unit) for a cell with a money unit, or None for a marker."""
        if not text:
            self.note(r, c, "dropped", "blank cell: unknown", None)
            return None
        if text in NOT_APPLICABLE:
            self.note(r, c, "dropped", "— : not applicable", text)
            return None
        if text in BELOW_UNIT:
            self.note(r, c, "flagged", "… : below the unit shown (not a zero)", text)
            return None
        value_, look = plain_numbers(pd.Series([text]))
        if not look[0]:
            return float(value_[0])
        file, where = str(self.raw.path), self.short(r, c)
        try:
            if what == "level" and (unit := money_unit_at_end(text)):
                return parse_amount(text, file=file, where=where), unit
            if what == "growth" and re.search(r"[增长下降减少增加]", text):
                value = parse_growth(text, file=file, where=where)
            else:
                value = parse_number(text, file=file, where=where)
        except NumberError as exc:
            if "sign after" in exc.found:
                raise
            raise NumberError(
                file=file, where=where, found=f"{what} is {str(self.grid.iat[r, c])[:60]!r}",
                expected="a number (or — for not applicable, … for below the unit)", row=r + 1,
            ) from None
        self.note(r, c, "converted", f"text read as {value:g}", text)
        return value

    # ------------------------------------------------------------ output
    def assemble(self, rows: list[dict[str, object]], code: str, period: str) -> pd.DataFrame:
        df = pd.DataFrame(rows)
        dup = df.duplicated("indicator", keep=False)
        if dup.any():
            for key, group in df[dup].groupby("indicator", sort=False):
                first = group.iloc[0]
                for _, other in group.iloc[1:].iterrows():
                    same = all(
                        (np.isnan(a) and np.isnan(b)) or a == b
                        for a, b in (
                            (first.value_100m_yuan, other.value_100m_yuan),
                            (first.yoy_pct, other.yoy_pct),
                        )
                    )
                    if not same:
                        raise DuplicateFigureError(
                            file=str(self.raw.path),
                            where=f"{self.short(int(other.row), 0)} ({other.label})",
                            found=f"gives {key} again after {self.where(int(first.row), 0)} "
                            f"({first.label}), with other figures ({other.value_100m_yuan:g}, "
                            f"{other.yoy_pct:g} vs {first.value_100m_yuan:g}, {first.yoy_pct:g})",
                            expected="one row per indicator", row=int(other.row) + 1,
                        )
                    self.note(
                        int(other.row),
                        0,
                        "dropped",
                        f"identical duplicate of {self.short(int(first.row), 0)}",
                        other.label,
                    )
            df = df.drop_duplicates("indicator", keep="first")
        word = "line" if self.raw.kind == "csv" else "row"
        return pd.DataFrame(
            {
                "region_code": code,
                "region_name": regions.name_of(code),
                "period": period,
                "indicator": df["indicator"].astype(str).to_numpy(),
                "value_100m_yuan": df["value_100m_yuan"].astype(float).to_numpy(),
                "yoy_pct": df["yoy_pct"].astype(float).to_numpy(),
                "mom_sa_pct": np.full(len(df), np.nan),
                "source": (f"{self.raw.name} {word} " + (df["row"] + 1).astype(str)).to_numpy(),
                "source_url": None,
            },
            columns=TIDY_COLUMNS,
        ).astype(
            {"region_code": str, "region_name": str, "period": str, "indicator": str, "source": str}
        )


def _words(kind: str) -> tuple[str, ...]:
    return tuple(w for w, k in labels.column_words().items() if k == kind)


def _kind(text: str) -> str:
    """What a header cell's column holds: level, yoy, ignored or '' (no header).

    The words are those of ``fai/model/data/column_words.csv``; 本月止 (up to this month) is a
    year-to-date level although it contains 本月.

    >>> _kind("1-8月累计"), _kind("同比增长(%)"), _kind("本月"), _kind("本月止累计")
    ('level', 'yoy', 'month', 'level')
    """
    if not text:
        return ""
    if "本月止" not in text and any(w in text for w in _words("month")):
        return "month"
    if any(w in text for w in _words("ignored")):
        return "ignored"
    if any(w in text for w in _words("yoy")):
        return "yoy"
    if any(w in text for w in _words("level")) or re.fullmatch(r".*\d+月份?(\(.*\))?", text):
        return "level"
    return "ignored"


def _has_figure(cells: pd.Series) -> bool:
    """True when a cell is a plain number or a marker (a data row, not a header)."""
    text = cells.astype(str)
    numeric = pd.to_numeric(text.where(text != ""), errors="coerce").notna()
    return bool(numeric.any() or text.isin(NOT_APPLICABLE | BELOW_UNIT).any())


def _has_number(cells: pd.Series) -> bool:
    return bool(cells.astype(str).str.contains(r"\d").any())


def _clean_label(label: str) -> str:
    """A row label without 其中/#/numbering prefixes, a trailing colon or a unit in brackets.

    >>> _clean_label("  其中：#工业投资(万元)")
    '工业投资'
    """
    text = compact(label)
    while (m := _PREFIX.match(text)) and m.end() > 0:
        text = text[m.end() :]
    text = re.sub(r"\((?:万亿元|亿元|万元|元|%)\)$", "", text)
    return text.rstrip(":：")


READER = Reader("bureau", sniff, read,
                description="a statistics bureau's table: 指标名称 | 1-8月累计 | 同比增长(%)")
