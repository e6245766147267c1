"""Read files exported from the NBS data portal (data.stats.gov.cn) into the tidy table.

Layout as the portal writes it (CSV in UTF-8 with or without BOM or GBK,
.xls, .xlsx)::

    数据库：分省月度数据
    地区：北京市                      ← or 指标：固定资产投资额累计增长(%)
    时间：最近36个月
    指标,2019年12月,2019年11月,…      ← or 地区,2019年12月,…  (newest first; 2024年 = annual)
    房地产投资累计值(亿元),3838.38,…  ← one row per indicator (or per region)
    房地产投资累计增长(%),-0.9,…
    注：…                             ← footers
    数据来源：国家统计局

Row labels are read by :func:`fai.readers.nbs_labels.parse_label` through the shared label
maps (``fai/model/data/``): ``累计值`` goes to ``value_100m_yuan`` (converted from the unit in
the label), ``累计增长`` / ``比上年增长`` to ``yoy_pct``; single-month rows (当期值) are
dropped with a note. The national databases (月度数据, 年度数据) need no ``地区：`` line: their
region is 全国. January cells are dropped (January is published together with February). The
hot path is vectorised: cells are never visited one by one in Python.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from fai.cleaning.numbers import parse_number, to_100m_yuan
from fai.cleaning.period_labels import read_period_label
from fai.cleaning.region_names import resolve_region
from fai.cleaning.text import compact, normalize_text
from fai.errors import (
    DuplicateFigureError,
    FaiError,
    InputFormatError,
    NumberError,
    PeriodError,
    SchemaValidationError,
    UnknownRegionError,
)
from fai.model import regions
from fai.model.schema import TIDY_COLUMNS, out_of_range, range_text
from fai.readers import grid as rawgrid
from fai.readers.base import Reader, ReadOptions, ReadResult, tidy_dtypes
from fai.readers.nbs_labels import YTD_MEASURES, Label, parse_label

__all__ = ["READER", "Label", "parse_label", "read_nbs_export"]

_META_KEYS = ("数据库", "地区", "指标", "时间")
_FOOTERS = ("注", "数据来源", "资料来源", "说明", "备注")
NATIONAL_DATABASES = ("月度数据", "季度数据", "年度数据")
JANUARY_REASON = "January is not published (1—2月 are released together)"
SCOPE_REASON = "全社会 (with rural households) beside 不含农户 in one file: kept the 不含农户 figures"


# ------------------------------------------------------------------ layout


@dataclass
class _Layout:
    header_row: int  # 0-based row of 指标/地区
    orientation: str  # "indicator" (rows are indicators) or "region"
    meta: dict[str, tuple[str, int]]  # 数据库/地区/指标/时间 → (value, row)
    header: list[str]  # header row cells


def _layout(raw: rawgrid.RawFile) -> _Layout:
    meta: dict[str, tuple[str, int]] = {}
    for i, row in enumerate(raw.head_rows(40)):
        first = compact(row[0]) if row else ""
        for key in _META_KEYS:
            if first.startswith((key + "：", key + ":")):
                meta[key] = (first[len(key) + 1 :], i)
        if first in ("指标", "地区", "地区/指标", "指标/地区"):
            orientation = "indicator" if first.startswith("指标") else "region"
            return _Layout(i, orientation, meta, row)
    raise InputFormatError(
        file=str(raw.path), found="no header row starting with 指标 or 地区 in the first 40 lines",
        expected="an NBS data-portal export (数据库：…, 地区：…, then 指标,2019年12月,…)",
    )


def _frame(raw: rawgrid.RawFile, layout: _Layout) -> pd.DataFrame:
    """Cells below the header row, columns c0, c1, … (numbers already float where possible)."""
    ncols = len(layout.header)
    names = [f"c{i}" for i in range(ncols)]
    if raw.kind == "csv":
        assert raw.text is not None
        try:
            with warnings.catch_warnings():
                # a row longer than the header: pandas would drop cells with a warning
                warnings.simplefilter("error", pd.errors.ParserWarning)
                df = pd.read_csv(
                    io.StringIO(raw.text),
                    header=None,
                    names=names,
                    skiprows=layout.header_row + 1,
                    dtype={"c0": str},
                    keep_default_na=False,
                    na_values=[""],
                    skip_blank_lines=False,
                    index_col=False,
                    engine="c",
                )
        except (pd.errors.ParserError, pd.errors.ParserWarning):
            lines = raw.text.splitlines()
            long = next(
                (
                    i
                    for i, row in enumerate(csv.reader(lines[layout.header_row + 1 :]))
                    if len(row) > ncols and any(c.strip() for c in row[ncols:])
                ),
                None,
            )
            at = f"line {long + layout.header_row + 2}" if long is not None else None
            raise InputFormatError(
                file=str(raw.path), where=at,
                found=f"a row has more cells than the header row ({ncols})",
                expected="one cell per period column",
            ) from None
        except pd.errors.EmptyDataError:
            df = pd.DataFrame(columns=names)
        return df
    assert raw.grid is not None
    grid = raw.grid.iloc[layout.header_row + 1 :]
    grid = grid.reindex(columns=range(max(ncols, grid.shape[1]))).iloc[:, : max(ncols, 1)]
    extra = raw.grid.iloc[layout.header_row + 1 :, ncols:]
    if extra.notna().to_numpy().any():
        r, c = np.argwhere(extra.notna().to_numpy())[0]
        raise InputFormatError(
            file=str(raw.path), where=_short(raw, layout.header_row + 1 + r, ncols + c),
            found="a figure right of the last period column", expected="one cell per period column",
        )
    grid.columns = names
    return grid.reset_index(drop=True)


def _periods(
    raw: rawgrid.RawFile, layout: _Layout, frame: pd.DataFrame, today: dt.date
) -> tuple[list[int], list[str], np.ndarray]:
    """Positions, "YYYY-MM" labels and is-January flags of the period columns."""
    cols: list[int] = []
    labels: list[str] = []
    january: list[bool] = []
    seen: dict[str, int] = {}
    for i, text in enumerate(layout.header[1:], start=1):
        where = _short(raw, layout.header_row, i)
        file = str(raw.path)
        if not text.strip():
            if frame[f"c{i}"].notna().any():
                raise PeriodError(file=file, where=where, found="a column of figures without a period",
                                  expected="a label such as 2019年12月")
            continue
        year, month = read_period_label(text, file=file, where=where)
        if year is None:
            raise PeriodError(file=file, where=where, found=f"period {text!r} has no year",
                              expected="e.g. 2019年12月")
        if (year, month) > (today.year, today.month):
            raise PeriodError(file=file, where=where,
                              found=f"period {text!r} is in the future (today is {today:%Y-%m})",
                              expected="a published month")
        period = f"{year:04d}-{month:02d}"
        if period in seen:
            raise PeriodError(file=file, where=where,
                              found=f"period {text!r} repeats column {rawgrid.col_letter(seen[period])}",
                              expected="each period once")
        seen[period] = i
        cols.append(i)
        labels.append(period)
        # an annual column ("2024年") is not January even in a monthly file
        january.append(month == 1 and "月" in text)
    if not cols:
        raise InputFormatError(file=str(raw.path), where=_short(raw, layout.header_row, 0),
                               found="the header row has no period columns",
                               expected="2019年12月, 2019年11月, …")
    return cols, labels, np.array(january, dtype=bool)


def _numbers(
    raw: rawgrid.RawFile,
    frame: pd.DataFrame,
    rows: np.ndarray,
    cols: list[int],
    col_labels: list[str],
    notes: list[pd.DataFrame],
    first_row: int,
) -> np.ndarray:
    """Float matrix (rows × period columns) of the cells; text cells parsed or reported.

    Columns pandas read as floats are taken as they are; in the others, only
    the cells ``pd.to_numeric`` cannot read go through :func:`fai.cleaning.numbers.parse_number`.
    """
    block = frame.iloc[rows, cols]
    out = np.empty(block.shape, dtype=float)
    problems: list[str] = []
    for j, name in enumerate(block.columns):
        col = block[name]
        if pd.api.types.is_float_dtype(col) or pd.api.types.is_integer_dtype(col):
            out[:, j] = col.to_numpy(dtype=float)
            continue
        text = col.astype(object).where(col.notna(), None)
        num = pd.to_numeric(text, errors="coerce")
        out[:, j] = num.to_numpy(dtype=float)
        as_str = text.map(lambda v: "" if v is None else str(v).strip(), na_action=None)
        hard = num.isna().to_numpy() & (as_str != "").to_numpy()
        for k in np.flatnonzero(hard):  # only the few cells pandas cannot read
            r, c = first_row + int(rows[k]), cols[j]
            where = _short(raw, r, c, col_labels[j])
            try:
                out[k, j] = parse_number(as_str.iloc[k], file=str(raw.path), where=where)
            except FaiError as exc:
                problems.append(exc)
                continue
            notes.append(
                rawgrid.report_frame(
                    raw.path,
                    [where],
                    "converted",
                    f"text read as {out[k, j]:g}",
                    [as_str.iloc[k]],
                )
            )
    if problems:
        first = problems[0]
        others = ", ".join(str(p.where) for p in problems[1:5])
        more = f"; also {others}" + (f" and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise NumberError(file=str(raw.path), where=first.where, found=first.found,
                          expected=f"{first.expected}{more if len(problems) > 1 else ''}")
    return out


def sniff(raw: rawgrid.RawFile, head: list[list[str]]) -> bool:
    """A ``数据库：`` line; or a 指标/地区 header cell followed by distinct periods (2019年12月,
    2024年) with data rows under it. A bureau table's header — one period merged over a level
    and a growth column (2025年1-9月 | 2025年1-9月 over 累计 | 同比增长) — is not an export."""
    for i, row in enumerate(head):
        cell = compact(row[0]) if row else ""
        if cell.startswith(("数据库：", "数据库:")):
            return True
        if cell in ("指标", "地区") and len(row) > 1 and re.match(r"\s*\d{4}年", row[1]):
            periods = [compact(c) for c in row[1:] if c.strip()]
            below = head[i + 1] if i + 1 < len(head) else []
            sub_header = any(_SUB_HEADER.search(compact(c)) for c in below[1:])
            return len(set(periods)) == len(periods) and not sub_header
    return False


_SUB_HEADER = re.compile(r"累计|同比|增长|增速|本月|当月|绝对|%|万元|亿元")


def read_nbs_export(
    path: str | Path,
    *,
    report: list[pd.DataFrame] | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Read an NBS data-portal export (CSV, .xls or .xlsx) into the tidy table.

    ``report``, when a list, receives a DataFrame of the cleaning report
    (file, cell, action, reason, found): dropped blank and January cells,
    converted text cells and units, collapsed identical rows.

    >>> df = read_nbs_export("tests/fixtures/nbs/national_months_utf8.csv")
    >>> row = df.query("period == '2024-11' and indicator == 'fai_total'").iloc[0]
    >>> float(row.value_100m_yuan), float(row.yoy_pct)
    (465839.0, 3.3)
    """
    result = read(rawgrid.load(path), ReadOptions(today=today))
    if report is not None:
        report.append(result.notes)
    return result.tidy


def read(raw: rawgrid.RawFile, options: ReadOptions) -> ReadResult:
    """Read a loaded NBS portal export (the reader of :data:`READER`)."""
    today = options.day
    file = str(raw.path)
    layout = _layout(raw)
    frame = _frame(raw, layout)
    first_data_row = layout.header_row + 1

    def to_sheet_row(i: int) -> int:
        return first_data_row + int(i)

    notes: list[pd.DataFrame] = []
    texts = frame["c0"].astype(object).where(frame["c0"].notna(), None)
    texts = texts.map(lambda v: "" if v is None else normalize_text(str(v)))
    footer = texts.str.replace(" ", "").str.startswith(_FOOTERS)
    stop = int(np.argmax(footer.to_numpy())) if footer.any() else len(frame)
    body = frame.iloc[:stop]
    data_cols = body.columns[1:]
    has_data = (
        body[data_cols].notna().any(axis=1).to_numpy()
        if len(data_cols)
        else np.zeros(len(body), dtype=bool)
    )
    unlabeled = (texts.iloc[:stop] == "").to_numpy()
    if (unlabeled & has_data).any():
        r = int(np.flatnonzero(unlabeled & has_data)[0])
        raise InputFormatError(file=file, where=_short(raw, to_sheet_row(r), 0),
                               found="figures in a row without a label",
                               expected="an indicator or region name in the first column")
    rows = np.flatnonzero(~unlabeled)
    if not len(rows):
        raise InputFormatError(file=file, where=_short(raw, layout.header_row, 0),
                               found="the header row is followed by no data rows",
                               expected="one row per indicator or region")
    cols, periods, january = _periods(raw, layout, body, today)

    # ---- row attributes: region and indicator label of every data row
    row_labels = texts.iloc[rows].tolist()
    if layout.orientation == "indicator":
        region_text, region_row = layout.meta.get("地区", ("", -1))
        if not region_text:
            database = layout.meta.get("数据库", ("", -1))[0]
            if database not in NATIONAL_DATABASES:
                raise InputFormatError(file=file, found="no 地区： line above the header",
                                       expected="the region of a 分省 export (e.g. 地区：北京市)")
            region_text, region_row = "全国", -1
        code = _region(raw, region_text, region_row)
        row_codes = [code] * len(rows)
        cache: dict[str, Label] = {}
        parsed = []
        for t, r in zip(row_labels, rows, strict=True):  # one per row, not per cell
            if t not in cache:
                cache[t] = parse_label(t, file=file, where=_short(raw, to_sheet_row(r), 0))
            parsed.append(cache[t])
    else:
        ind_text, ind_row = layout.meta.get("指标", ("", -1))
        if not ind_text:
            raise InputFormatError(
                file=file, found="no 指标： line above the 地区 header",
                expected="the indicator of a by-region export (e.g. 指标：固定资产投资额累计增长(%))",
            )
        one = parse_label(ind_text, file=file, where=_short(raw, ind_row, 0))
        parsed = [one] * len(rows)
        row_codes = [_region(raw, t, to_sheet_row(r)) for t, r in zip(row_labels, rows, strict=True)]

    # ---- rows the tidy table does not hold: single months, and 全社会 beside 不含农户
    scopes = {(c, p.key): set() for c, p in zip(row_codes, parsed, strict=True)}
    for c, p in zip(row_codes, parsed, strict=True):
        scopes[(c, p.key)].add(p.scope)
    keep = np.ones(len(rows), dtype=bool)
    for i, (p, c, r, t) in enumerate(zip(parsed, row_codes, rows, row_labels, strict=True)):
        reason = None
        if p.measure not in YTD_MEASURES:
            reason = "single-month figure: fai keeps year-to-date figures and derives single months"
        elif p.scope == "all" and "excl_rural" in scopes[(c, p.key)]:
            reason = SCOPE_REASON
        if reason:
            keep[i] = False
            notes.append(rawgrid.report_frame(raw.path, [_short(raw, to_sheet_row(r), 0)],
                                              "dropped", reason, [t]))
    rows = rows[keep]
    parsed = [p for p, k in zip(parsed, keep, strict=True) if k]
    row_codes = [c for c, k in zip(row_codes, keep, strict=True) if k]
    if not len(rows):
        raise InputFormatError(file=file, found="no year-to-date rows (累计值 or 累计增长)",
                               expected="at least one")

    headers = [layout.header[c] for c in cols]
    values = _numbers(raw, body, rows, cols, headers, notes, first_data_row)
    sheet_rows = first_data_row + rows

    # ---- January and blank cells are dropped, with notes
    blank = np.isnan(values)
    jan_cells = np.broadcast_to(january, values.shape)
    for mask, reason, found in (
        (jan_cells & ~blank, "January figure dropped: " + JANUARY_REASON, values),
        (jan_cells & blank, JANUARY_REASON, None),
        (~jan_cells & blank, "blank cell: not published", None),
    ):
        _note_cells(raw, notes, sheet_rows, cols, periods, layout.header[1:], mask, "dropped", reason, found)
    values[jan_cells] = np.nan

    factors = np.array([p.factor for p in parsed])
    is_level = np.array([p.measure == "level" for p in parsed])
    _check_ranges(raw, values, is_level, sheet_rows, cols, headers)
    scaled = is_level & (factors != 1.0)
    if scaled.any():
        conv = np.zeros(values.shape, dtype=bool)
        conv[scaled] = ~np.isnan(values[scaled])
        units = np.array([p.factor for p in parsed], dtype=float)
        _note_cells(
            raw,
            notes,
            sheet_rows,
            cols,
            periods,
            layout.header[1:],
            conv,
            "converted",
            "level converted to 亿元 (×"
            + pd.Series(units).map("{:g}".format).to_numpy().astype(object)[np.nonzero(conv)[0]]
            + ")",
            values,
        )
        for i in np.flatnonzero(scaled):  # one per row of a unit other than 亿元
            values[i] = to_100m_yuan(values[i], float(factors[i]))
    _check_plausible(raw, values, is_level, sheet_rows, cols, headers)

    tidy = _assemble(raw, values, parsed, row_codes, sheet_rows, periods, notes)
    report = pd.concat(notes, ignore_index=True) if notes else rawgrid.empty_report()
    return ReadResult(tidy_dtypes(tidy), notes=report, format=READER.name)


def _short(raw: rawgrid.RawFile, row: int, col: int, label: str | None = None) -> str:
    """A cell's name without the file: ``line 5`` (CSV) or ``B5`` (sheets)."""
    return raw.cell(row, col, label).removeprefix(f"{raw.path} ")


def _region(raw: rawgrid.RawFile, text: str, row: int) -> str:
    code = resolve_region(text, warn=False)
    if code is None:
        raise UnknownRegionError(
            file=str(raw.path), where=_short(raw, row, 0) if row >= 0 else None,
            found=f"region {text[:40]!r} is not in the registry",
            expected="a province, macro-region or 全国 (e.g. 北京市, 内蒙古自治区)",
        )
    return code


def _note_cells(
    raw: rawgrid.RawFile,
    notes: list[pd.DataFrame],
    sheet_rows: np.ndarray,
    cols: list[int],
    periods: list[str],
    header: list[str],
    mask: np.ndarray,
    action: str,
    reason: str | np.ndarray,
    values: np.ndarray | None,
) -> None:
    if not mask.any():
        return
    r, c = np.nonzero(mask)
    col_index = np.asarray(cols)[c]
    labels = np.asarray(header, dtype=object)[col_index - 1]
    cells = raw.cells(sheet_rows[r], col_index, labels)
    found = None if values is None else values[r, c]
    notes.append(rawgrid.report_frame(raw.path, cells, action, reason, found))


def _check_ranges(
    raw: rawgrid.RawFile,
    values: np.ndarray,
    is_level: np.ndarray,
    sheet_rows: np.ndarray,
    cols: list[int],
    headers: list[str],
) -> None:
    bad_level = is_level[:, None] & (values < 0)
    bad_growth = ~is_level[:, None] & (values <= -100)
    for mask, found, expected in (
        (bad_level, "a negative level", "a figure ≥ 0 (亿元)"),
        (bad_growth, "a fall of 100 % or more", "a growth rate above −100"),
    ):
        if mask.any():
            r, c = np.argwhere(mask)[0]
            raise SchemaValidationError(
                file=str(raw.path), where=_short(raw, int(sheet_rows[r]), cols[c], headers[c]),
                found=f"{values[r, c]:g} is {found}", expected=expected, row=int(sheet_rows[r]) + 1,
            )


def _check_plausible(
    raw: rawgrid.RawFile,
    values: np.ndarray,
    is_level: np.ndarray,
    sheet_rows: np.ndarray,
    cols: list[int],
    headers: list[str],
) -> None:
    """Levels (in 亿元) and growth rates outside the plausible ranges raise, naming the cell."""
    for rows, column in ((is_level, "value_100m_yuan"), (~is_level, "yoy_pct")):
        mask = np.zeros(values.shape, dtype=bool)
        mask[rows] = out_of_range(values[rows], column)
        if mask.any():
            r, c = np.argwhere(mask)[0]
            exc = NumberError if np.isinf(values[r, c]) else SchemaValidationError
            raise exc(
                file=str(raw.path), where=_short(raw, int(sheet_rows[r]), cols[c], headers[c]),
                found=f"{values[r, c]:g} is not " + ("a finite number" if exc is NumberError
                                                      else "plausible"),
                expected=range_text(column), row=int(sheet_rows[r]) + 1,
            )


def _assemble(
    raw: rawgrid.RawFile,
    values: np.ndarray,
    parsed: list[Label],
    row_codes: list[str],
    sheet_rows: np.ndarray,
    periods: list[str],
    notes: list[pd.DataFrame],
) -> pd.DataFrame:
    """One tidy row per (region, period, indicator): levels and growth rows merged."""
    keys = pd.DataFrame(
        {
            "region_code": row_codes,
            "indicator": [p.key for p in parsed],
            "measure": [p.measure for p in parsed],
            "line": sheet_rows + 1,
        }
    )
    # duplicates of a (region, indicator, measure) row: identical → collapse, else error
    dup = keys.duplicated(["region_code", "indicator", "measure"], keep="first").to_numpy()
    if dup.any():
        first_of = keys.groupby(["region_code", "indicator", "measure"], sort=False).ngroup()
        firsts = pd.Series(np.arange(len(keys))).groupby(first_of.to_numpy()).transform("first")
        i_dup = np.flatnonzero(dup)
        j_dup = firsts.to_numpy()[i_dup]
        a, b = values[j_dup], values[i_dup]
        differ = ~((np.isnan(a) & np.isnan(b)) | (a == b))
        if differ.any():
            k, c = np.argwhere(differ)[0]
            i, j = int(i_dup[k]), int(j_dup[k])
            raise DuplicateFigureError(
                file=str(raw.path), where=_short(raw, int(sheet_rows[i]), 0),
                found=f"repeats {_short(raw, int(sheet_rows[j]), 0)} "
                f"({parsed[i].key}, {keys.at[i, 'region_code']}, {parsed[i].measure}) with another "
                f"figure for {periods[c]}: {b[k, c]:g} vs {a[k, c]:g}",
                expected="one row per indicator and region", row=int(sheet_rows[i]) + 1,
            )
        zeros = np.zeros(len(i_dup), dtype=int)
        notes.append(
            rawgrid.report_frame(
                raw.path,
                raw.cells(sheet_rows[i_dup], zeros),
                "dropped",
                "identical duplicate of "
                + pd.Series(raw.cells(sheet_rows[j_dup], zeros), dtype=object).to_numpy(
                    dtype=object
                ),
                None,
            )
        )
        keep = ~dup
        values, keys = values[keep], keys.loc[keep].reset_index(drop=True)
    group = keys.groupby(["region_code", "indicator"], sort=False).ngroup().to_numpy()
    n_groups, n_periods = int(group.max()) + 1, values.shape[1]
    level = np.full((n_groups, n_periods), np.nan)
    growth = np.full((n_groups, n_periods), np.nan)
    is_level = (keys["measure"] == "level").to_numpy()
    level[group[is_level]] = values[is_level]
    growth[group[~is_level]] = values[~is_level]
    g_keys = keys.groupby(group, sort=True).agg(
        region_code=("region_code", "first"),
        indicator=("indicator", "first"),
        lines=("line", lambda s: ", ".join(map(str, s))),
    )
    many = g_keys["lines"].str.contains(",")
    word = "line" if raw.kind == "csv" else "row"
    g_source = (
        raw.name + " " + np.where(many, word + "s ", word + " ") + g_keys["lines"]
    ).to_numpy(dtype=object)
    present = ~(np.isnan(level) & np.isnan(growth))
    g, c = np.nonzero(present)
    codes = g_keys["region_code"].to_numpy(dtype=object)
    names = {code: regions.name_of(code) for code in set(codes)}
    tidy = pd.DataFrame(
        {
            "region_code": codes[g],
            "region_name": pd.Series(codes[g]).map(names).to_numpy(dtype=object),
            "period": np.asarray(periods, dtype=object)[c],
            "indicator": g_keys["indicator"].to_numpy(dtype=object)[g],
            "value_100m_yuan": level[g, c],
            "yoy_pct": growth[g, c],
            "mom_sa_pct": np.full(len(g), np.nan),
            "source": g_source[g],
            "source_url": np.full(len(g), None, dtype=object),
        },
        columns=TIDY_COLUMNS,
    )
    for col in ("region_code", "region_name", "period", "indicator", "source"):
        tidy[col] = tidy[col].astype(str)
    return tidy.sort_values(["region_code", "indicator", "period"], ignore_index=True)


READER = Reader("nbs_export", sniff, read,
                description="an NBS data-portal export (data.stats.gov.cn), CSV, .xls or .xlsx")
