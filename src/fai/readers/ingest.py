"""Read any supported input into the tidy table, with a cleaning report.

Formats are detected from the content, never from the file name:

=====================  =====================================================
format                 recognised by
=====================  =====================================================
``tidy``               a CSV (or parquet) with the tidy table's columns
                       (round trip of ``fai.load``)
``bundled_national``   the header of ``data/raw/nbs_national_fai.csv``
``bundled_provincial`` the header of ``data/raw/provincial_fai.csv``
``bundled_local``      the header of ``data/raw/local_examples.csv``
``nbs_export``         a 数据库：/地区：/指标： line or a 指标/地区 header row
                       followed by period columns (2019年12月, 2024年)
``bureau``             a header with a level (1-8月累计) or growth (同比增长)
                       column
=====================  =====================================================

:func:`clean` reads several inputs, collapses identical figures given twice
(with a note) and raises :class:`~fai.errors.DuplicateFigureError` naming
both sources when they differ.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from fai.errors import (
    DuplicateFigureError,
    InputFormatError,
    NumberError,
    PeriodError,
    SchemaValidationError,
    UnknownIndicatorError,
    UnknownRegionError,
)
from fai.model.schema import KEY, TARGET_COLUMNS, TIDY_COLUMNS, conform_text, validate_tidy
from fai.readers import grid as rawgrid

_BUNDLED_HEADERS = {
    "bundled_national": ["period", "indicator", "value_100m_yuan", "yoy_pct", "source_url"],
    "bundled_provincial": [
        "period",
        "region",
        "indicator",
        "value_100m_yuan",
        "yoy_pct",
        "source_url",
    ],
    "bundled_local": ["region", "parent", "period", "item", "measure", "value", "unit", "source"],
}
_TIDY_REQUIRED = ["region_code", "period", "indicator", "value_100m_yuan", "yoy_pct"]
_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class CleanResult:
    """What :func:`clean` returns: the tidy table, targets, the report and one line per file."""

    tidy: pd.DataFrame
    targets: pd.DataFrame
    report: pd.DataFrame
    files: list[dict[str, object]] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """One line per input file: format, figures, report notes."""
        return [
            f"{f['file']}: {f['format']}, {f['figures']} figures, {f['notes']} notes"
            for f in self.files
        ]


def detect_format(path: str | Path) -> str:
    """The format of an input file, read from its content.

    >>> detect_format("tests/fixtures/nbs/regions_annual_gbk.csv")
    'nbs_export'
    """
    path = Path(path)
    raw = _load(path)
    return _detect(raw)[0]


def _load(path: Path) -> rawgrid.RawFile:
    try:
        head = path.read_bytes()[:4] if path.is_file() else b""
    except OSError:
        head = b""
    if head == b"PAR1":
        return rawgrid.RawFile(path, "parquet")
    return rawgrid.load(path)


def _detect(raw: rawgrid.RawFile) -> tuple[str, list[list[str]]]:
    if raw.kind == "parquet":
        return "tidy", []
    rows = raw.head_rows(40)
    first = [c.strip().lstrip("\ufeff") for c in rows[0]] if rows else []
    if raw.kind == "csv":
        for name, header in _BUNDLED_HEADERS.items():
            if first == header:
                return name, rows
        if set(_TIDY_REQUIRED) <= set(first):
            return "tidy", rows
    from fai.cleaning import normalize
    from fai.readers import bureau

    for row in rows:
        cell = normalize.normalize_text(row[0]).replace(" ", "") if row else ""
        if cell.startswith(("数据库：", "数据库:")) or (
            cell in ("指标", "地区") and len(row) > 1 and re.match(r"\s*\d{4}年", row[1])
        ):
            return "nbs_export", rows
    for row in rows:
        cells = [normalize.normalize_text(c).replace(" ", "") for c in row[1:]]
        if any(bureau._kind(c) in ("level", "yoy") for c in cells):
            return "bureau", rows
    raise InputFormatError(
        f"{raw.path} line 1: not a layout fai knows (it starts {','.join(first)[:60]!r}) — "
        "expected an NBS portal export, a bureau table, a tidy CSV or a bundled data/raw CSV",
        file=str(raw.path),
    )


def read_any(
    path: str | Path,
    *,
    region: str | None = None,
    period: str | None = None,
    report: list[pd.DataFrame] | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Read one input of any supported format into the (validated) tidy table.

    ``region`` and ``period`` are passed to the bureau-table reader.
    ``report``, when a list, receives the cleaning report of this file.

    >>> df = read_any("tests/fixtures/bureau/yuhang_2016_08_gbk.csv")
    >>> float(df.query("indicator == 'fai_private'").value_100m_yuan.iloc[0])
    371.86
    """
    tidy, _targets, _fmt = _read_one(Path(path), region, period, report, today)
    return tidy


def _read_one(
    path: Path,
    region: str | None,
    period: str | None,
    report: list[pd.DataFrame] | None,
    today: dt.date | None,
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    from fai.readers import bundled

    raw = _load(path)
    fmt, _rows = _detect(raw)
    notes: list[pd.DataFrame] = []
    targets = pd.DataFrame(columns=TARGET_COLUMNS)
    if fmt == "nbs_export":
        from fai.readers.nbs_export import read_nbs_export

        tidy = read_nbs_export(path, report=notes, today=today)
    elif fmt == "bureau":
        from fai.readers.bureau import read_bureau_table

        tidy = read_bureau_table(path, region=region, period=period, report=notes)
    elif fmt == "tidy":
        tidy = _read_tidy(raw, notes, today or dt.date.today())
    elif fmt == "bundled_national":
        tidy = bundled.read_national(path)
    elif fmt == "bundled_provincial":
        tidy = bundled.read_provincial(path)
    else:
        tidy, targets = bundled.read_local(path)
    tidy = _tidy_dtypes(tidy)
    validate_tidy(tidy, what=str(path))
    if report is not None:
        report.append(pd.concat(notes, ignore_index=True) if notes else rawgrid.empty_report())
    return tidy, targets, fmt


def _tidy_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    out = conform_text(df[TIDY_COLUMNS])
    for col in ("value_100m_yuan", "yoy_pct", "mom_sa_pct"):
        out[col] = out[col].astype(float)
    return out


# ----------------------------------------------------------------- tidy CSV


def _read_tidy(raw: rawgrid.RawFile, notes: list[pd.DataFrame], today: dt.date) -> pd.DataFrame:
    """A CSV or parquet in the project's own schema, checked cell by cell (vectorised)."""
    from fai.model import indicators, regions

    path = raw.path
    if raw.kind == "parquet":
        try:
            df = pd.read_parquet(path).astype(object)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises many types
            raise InputFormatError(f"{path}: not a readable parquet file — {exc}") from None
        df = df.where(df.notna(), "")
        df = df.astype(str).replace({"nan": "", "None": ""})
        line0, word = 2, "row"  # row 2 = first data row, as in a spreadsheet
    else:
        assert raw.text is not None
        try:
            df = pd.read_csv(io.StringIO(raw.text), dtype=str, keep_default_na=False)
        except pd.errors.ParserError as exc:
            raise InputFormatError(f"{path}: not a readable CSV — {exc}") from None
        line0, word = 2, "line"
    df.columns = [c.strip().lstrip("\ufeff") for c in df.columns]
    missing = [c for c in _TIDY_REQUIRED if c not in df.columns]
    if missing:
        raise InputFormatError(
            f"{path} {word} 1: columns {missing} are missing — expected {TIDY_COLUMNS}",
            file=str(path),
            row=1,
        )
    if df.empty:
        raise InputFormatError(
            f"{path} {word} 2: the file ends after its header — expected tidy figures",
            file=str(path),
            row=2,
        )
    lines = np.arange(len(df)) + line0

    original = df.copy()

    def fail(exc: type, mask: pd.Series | np.ndarray, column: str, expected: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            i = int(np.argmax(mask))
            more = f" (and {int(mask.sum()) - 1} more rows)" if mask.sum() > 1 else ""
            found = original[column].iloc[i] if column in original else ""
            raise exc(
                f"{path} {word} {lines[i]}: {column!r} is {found!r} — expected {expected}{more}",
                file=str(path),
                row=int(lines[i]),
            )

    for col in ("region_code", "region_name", "period", "indicator"):
        if col in df:
            df[col] = df[col].str.strip()
    df["region_code"] = df["region_code"].str.zfill(6).where(df["region_code"] != "", "")
    reg = regions.registry().set_index("region_code")["region_name"]
    fail(
        UnknownRegionError,
        ~df["region_code"].isin(reg.index),
        "region_code",
        "a code of fai.regions (e.g. 110000)",
    )
    if "region_name" not in df or (df["region_name"] == "").all():
        df["region_name"] = df["region_code"].map(reg)
    parts = df["period"].str.extract(_PERIOD_RE)
    fail(PeriodError, parts[0].isna(), "period", "'YYYY-MM'")
    year, month = parts[0].astype(int), parts[1].astype(int)
    fail(PeriodError, (month < 1) | (month > 12), "period", "a month 01–12")
    future = year * 12 + month > today.year * 12 + today.month
    fail(PeriodError, future, "period", f"a published month (today is {today:%Y-%m})")
    fail(
        UnknownIndicatorError,
        ~df["indicator"].isin(indicators.keys()),
        "indicator",
        "a key of fai.indicators (e.g. fai_total)",
    )
    for col in ("value_100m_yuan", "yoy_pct", "mom_sa_pct"):
        if col not in df:
            df[col] = ""
        text = df[col].str.strip()
        num = pd.to_numeric(text.where(text != ""), errors="coerce")
        fail(NumberError, num.isna() & (text != ""), col, "a number")
        df[col] = num.astype(float)
    fail(SchemaValidationError, df["value_100m_yuan"] < 0, "value_100m_yuan", "a level ≥ 0 (亿元)")
    fail(SchemaValidationError, df["yoy_pct"] <= -100, "yoy_pct", "a growth rate above −100")
    empty = df["value_100m_yuan"].isna() & df["yoy_pct"].isna() & df["mom_sa_pct"].isna()
    if empty.any():
        notes.append(
            rawgrid.report_frame(
                path,
                [f"{word} {n}" for n in lines[empty.to_numpy()]],
                "dropped",
                "row without any figure",
                None,
            )
        )
    src = f"{path.name} {word} " + pd.Series(lines).astype(str)
    if "source" not in df:
        df["source"] = src
    df["source"] = df["source"].where(df["source"] != "", src)
    if "source_url" not in df:
        df["source_url"] = None
    df["source_url"] = df["source_url"].where(df["source_url"] != "", None)
    df["_line"] = lines
    df = df.loc[~empty]
    df = _collapse(df, notes, f"{path} {word} ")
    return df[TIDY_COLUMNS].reset_index(drop=True)


def _collapse(df: pd.DataFrame, notes: list[pd.DataFrame], where: str) -> pd.DataFrame:
    """Within one file: identical repeated keys collapse (noted), different ones raise."""
    dup = df.duplicated(KEY, keep=False)
    if not dup.any():
        return df
    figures = ["value_100m_yuan", "yoy_pct", "mom_sa_pct"]
    sub = df.loc[dup]
    for _key, group in sub.groupby(KEY, sort=False):  # one loop per repeated key, not per cell
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            a = first[figures].to_numpy(dtype=float)
            b = other[figures].to_numpy(dtype=float)
            if not np.all((np.isnan(a) & np.isnan(b)) | (a == b)):
                raise DuplicateFigureError(
                    f"{where}{other['_line']} repeats {where}{first['_line']} "
                    f"({first['region_code']}, {first['period']}, {first['indicator']}) with "
                    f"another figure ({_fmt(b)} vs {_fmt(a)}) — expected one row per key",
                    row=int(other["_line"]),
                )
    drop = df.duplicated(KEY, keep="first")
    notes.append(
        rawgrid.report_frame(
            where.split(" ")[0],
            [f"{where.split(' ', 1)[1]}{n}" for n in df.loc[drop, "_line"]],
            "dropped",
            "identical duplicate of an earlier row",
            None,
        )
    )
    return df.loc[~drop]


def _fmt(values: np.ndarray) -> str:
    return ", ".join("—" if np.isnan(v) else f"{v:g}" for v in values)


# ----------------------------------------------------------------- several inputs


def clean(
    paths: list[str | Path],
    *,
    region: str | None = None,
    period: str | None = None,
    today: dt.date | None = None,
) -> CleanResult:
    """Read every input, merge them into one validated tidy table, and report.

    Figures given by two inputs for the same (region_code, period, indicator)
    collapse when they agree (where both are published) — the report notes it
    — and raise :class:`~fai.errors.DuplicateFigureError` naming both sources
    when they differ.

    >>> res = clean(["tests/fixtures/bureau/yuhang_2016_08_gbk.csv",
    ...              "tests/fixtures/bureau/yuhang_2016_08_merged.xlsx"])
    >>> len(res.tidy), int((res.report.action == "collapsed").sum())
    (4, 4)
    """
    tables: list[pd.DataFrame] = []
    targets: list[pd.DataFrame] = []
    reports: list[pd.DataFrame] = []
    files: list[dict[str, object]] = []
    for p in paths:
        path = Path(p)
        notes: list[pd.DataFrame] = []
        tidy, tgt, fmt = _read_one(path, region, period, notes, today)
        tables.append(tidy)
        if len(tgt):
            targets.append(tgt)
        reports += notes
        files.append(
            {
                "file": str(path),
                "format": fmt,
                "figures": len(tidy),
                "notes": int(sum(len(n) for n in notes)),
            }
        )
    if not tables:
        raise InputFormatError("no input files — expected at least one path")
    tidy = pd.concat(tables, ignore_index=True)
    tidy, merge_notes = _merge_inputs(tidy)
    reports.append(merge_notes)
    tidy = tidy.sort_values(["region_code", "indicator", "period"], kind="stable")
    tidy = _tidy_dtypes(tidy.reset_index(drop=True))
    validate_tidy(tidy, what="cleaned inputs")
    target_table = (
        pd.concat(targets, ignore_index=True) if targets else pd.DataFrame(columns=TARGET_COLUMNS)
    )
    report = (
        pd.concat([r for r in reports if len(r)], ignore_index=True)
        if any(len(r) for r in reports)
        else rawgrid.empty_report()
    )
    return CleanResult(tidy, target_table, report, files)


def _merge_inputs(tidy: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    dup = tidy.duplicated(KEY, keep=False)
    if not dup.any():
        return tidy, rawgrid.empty_report()
    figures = ["value_100m_yuan", "yoy_pct", "mom_sa_pct"]
    sub = tidy.loc[dup].copy()
    first = sub.groupby(KEY, sort=False)[figures + ["source"]].transform("first")
    a, b = sub[figures].to_numpy(dtype=float), first[figures].to_numpy(dtype=float)
    conflict = ~(np.isnan(a) | np.isnan(b) | (a == b))
    if conflict.any():
        i = int(np.flatnonzero(conflict.any(axis=1))[0])
        row = sub.iloc[i]
        raise DuplicateFigureError(
            f"{row['source']} and {first['source'].iloc[i]} give different figures for "
            f"({row['region_code']}, {row['period']}, {row['indicator']}): {_fmt(a[i])} vs "
            f"{_fmt(b[i])} — expected one figure per key (fix or drop one input)"
        )
    merged = (
        sub.groupby(KEY, sort=False)
        .agg(
            {
                **dict.fromkeys(figures, "first"),
                "region_name": "first",
                "source_url": "first",
                "source": lambda s: "; ".join(dict.fromkeys(s.astype(str))),
            }
        )
        .reset_index()
    )
    later = sub.loc[sub.duplicated(KEY, keep="first")]
    sources = later["source"].astype(str)
    notes = rawgrid.report_frame(
        sources.str.replace(r" (?:lines?|rows?) [\d, ]+$", "", regex=True).to_numpy(),
        sources.str.extract(r"((?:lines?|rows?) [\d, ]+)$")[0].fillna("").to_numpy(),
        "collapsed",
        "same figure as " + first.loc[later.index, "source"].astype(str).to_numpy(),
        None,
    )
    return pd.concat([tidy.loc[~dup], merged[TIDY_COLUMNS]], ignore_index=True), notes
