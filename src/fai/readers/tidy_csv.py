"""Read a table in the project's own tidy schema: a CSV (UTF-8 or GBK) or parquet file with
the columns of :data:`fai.model.schema.TIDY_COLUMNS` (``fai.load()`` written out and read back,
or an analyst's own table in that shape).

Recognised by its header: ``region_code`` (or ``region_name``), ``period``, ``indicator``,
``value_100m_yuan`` and ``yoy_pct``. Every cell is checked, vectorised: a bad cell raises the
error of its kind naming the line (``x.csv line 14: 'yoy_pct' is '增长' — expected a number``).
A row without any figure is dropped with a note; a key given twice with the same figures
collapses (noted), with different figures raises :class:`~fai.errors.DuplicateFigureError`.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from fai.cleaning.numbers import NOT_A_NUMBER, plain_numbers
from fai.cleaning.region_names import resolve_region
from fai.errors import (
    DuplicateFigureError,
    FaiError,
    InputFormatError,
    NumberError,
    PeriodError,
    SchemaValidationError,
    UnknownIndicatorError,
    UnknownRegionError,
)
from fai.files import unescape_frame
from fai.model import indicators, regions
from fai.model.schema import FIRST_YEAR, KEY, TIDY_COLUMNS, out_of_range, range_text
from fai.readers.base import FIGURES, Reader, ReadOptions, ReadResult, tidy_dtypes
from fai.readers.grid import RawFile, empty_report, report_frame

REQUIRED = ["period", "indicator", "value_100m_yuan", "yoy_pct"]
#: Characters no region name holds: markup, paths, quotes, control characters.
UNSAFE_NAME = r"[<>&\"'/\\|`$\x00-\x1f\x7f]|\.\."
#: Markup and control characters in a free-text source.
UNSAFE_TEXT = r"[<>\x00-\x1f\x7f]"
_PERIOD_RE = r"^(\d{4})-(\d{2})$"


def sniff(raw: RawFile, head: list[list[str]]) -> bool:
    """A parquet file, or a CSV whose header holds the tidy columns (with a code or a name)."""
    if raw.kind == "parquet":
        return True
    if raw.kind != "csv" or not head:
        return False
    first = {c.strip().lstrip("\ufeff") for c in head[0]}
    return set(REQUIRED) <= first and bool({"region_code", "region_name"} & first)


def _frame(raw: RawFile) -> tuple[pd.DataFrame, str]:
    """All cells as stripped strings ('' for blank) and the word for a row (line/row)."""
    if raw.kind == "parquet":
        try:
            df = pd.read_parquet(io.BytesIO(raw.data or b"")).astype(object)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises many types on damaged files
            raise InputFormatError(
                file=str(raw.path), found=f"not a readable parquet file ({type(exc).__name__})",
                expected="a complete parquet file (e.g. written by `fai build`)",
            ) from None
        df = df.where(df.notna(), "")
        return df.astype(str).replace({"nan": "", "None": ""}), "row"
    try:
        df = pd.read_csv(io.StringIO(raw.text or ""), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputFormatError(file=str(raw.path), found=f"not a readable CSV ({str(exc)[:80]})",
                               expected="comma-separated rows under one header") from None
    return unescape_frame(df), "line"


def read(raw: RawFile, options: ReadOptions) -> ReadResult:
    """Read a tidy CSV or parquet file, checked cell by cell.

    >>> from fai.readers import read
    >>> read("tests/fixtures/tidy/mixed_gbk.csv").tidy["region_code"].tolist()[:2]
    ['330110', '330110']
    """
    path, file = raw.path, str(raw.path)
    df, word = _frame(raw)
    df.columns = [str(c).strip().lstrip("\ufeff") for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if "region_code" not in df.columns and "region_name" not in df.columns:
        missing.insert(0, "region_code")
    if missing:
        raise InputFormatError(file=file, where=f"{word} 1", found=f"columns {missing} are missing",
                               expected=f"{TIDY_COLUMNS}", row=1)
    if df.empty:
        raise InputFormatError(file=file, where=f"{word} 2", found="the file ends after its header",
                               expected="tidy figures", row=2)
    lines = np.arange(len(df)) + 2  # row 1 is the header, as in a spreadsheet
    original = df.copy()

    def fail(exc: type[FaiError], mask: object, column: str, expected: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            i = int(np.argmax(mask))
            more = f" (and {int(mask.sum()) - 1} more rows)" if mask.sum() > 1 else ""
            found = original[column].iloc[i] if column in original else ""
            raise exc(file=file, where=f"{word} {lines[i]}",
                      found=f"{column!r} is {str(found)[:60]!r}", expected=expected + more,
                      row=int(lines[i]))

    for col in ("region_code", "region_name", "period", "indicator"):
        if col in df:
            df[col] = df[col].astype(str).str.strip()
    names = regions.registry().set_index("region_code")["region_name"]
    if "region_code" in df:
        code = df["region_code"]
        df["region_code"] = code.str.zfill(6).where(code != "", "")
    else:
        unique = {n: resolve_region(n, warn=False) for n in df["region_name"].unique()}
        df["region_code"] = df["region_name"].map(unique).fillna("")
        fail(UnknownRegionError, df["region_code"] == "", "region_name",
             "a region of fai.regions (e.g. 北京市)")
    fail(UnknownRegionError, ~df["region_code"].isin(names.index), "region_code",
         "a code of fai.regions (e.g. 110000)")
    if "region_name" in df:
        fail(InputFormatError, df["region_name"].str.contains(UNSAFE_NAME, regex=True),
             "region_name", "a region name (no markup, path or control characters)")
        given = df["region_name"] != ""
        pairs = df.loc[given, ["region_name", "region_code"]].drop_duplicates()
        wrong = {(n, c) for n, c in pairs.itertuples(index=False) if c not in regions.candidates(n)}
        contradicts = given & pd.Series(list(zip(df["region_name"], df["region_code"],
                                                  strict=True)), index=df.index).isin(wrong)
        if contradicts.any():
            code = df.loc[contradicts, "region_code"].iloc[0]
            fail(UnknownRegionError, contradicts, "region_name",
                 f"{names[code]}, the name of region_code {code}")
    for col, pattern, expected in (
        ("source", UNSAFE_TEXT, "a source (no markup or control characters)"),
        ("source_url", UNSAFE_TEXT, "a source address (no markup or control characters)"),
    ):
        if col in df:
            fail(InputFormatError, df[col].astype(str).str.contains(pattern, regex=True), col,
                 expected)
    if "region_name" not in df or (df["region_name"] == "").all():
        df["region_name"] = df["region_code"].map(names)
    else:  # the registry's own name (a short or old name becomes the official one)
        df["region_name"] = df["region_code"].map(names)
    parts = df["period"].str.extract(_PERIOD_RE)
    fail(PeriodError, parts[0].isna(), "period", "'YYYY-MM'")
    year, month = parts[0].astype(int), parts[1].astype(int)
    fail(PeriodError, (month < 1) | (month > 12), "period", "a month 01–12")
    today = options.day
    fail(PeriodError, year < FIRST_YEAR, "period",
         f"a period from {FIRST_YEAR}-01 to {today:%Y-%m}")
    future = year * 12 + month > today.year * 12 + today.month
    fail(PeriodError, future, "period", f"a published month (today is {today:%Y-%m})")
    fail(UnknownIndicatorError, ~df["indicator"].isin(indicators.keys()), "indicator",
         "a key of fai.indicators (e.g. fai_total)")
    for col in FIGURES:
        if col not in df:
            df[col] = ""
        values, look = plain_numbers(df[col])
        spelled = df[col].astype(str).str.strip().str.fullmatch(NOT_A_NUMBER.pattern, case=False)
        fail(NumberError, look & spelled.to_numpy(dtype=bool), col,
             f"a finite number ({range_text(col)})")
        fail(NumberError, look, col, "a number")
        df[col] = values
    fail(SchemaValidationError, df["value_100m_yuan"] < 0, "value_100m_yuan", "a level ≥ 0 (亿元)")
    fail(SchemaValidationError, df["yoy_pct"] <= -100, "yoy_pct", "a growth rate above −100")
    for col in FIGURES:
        fail(SchemaValidationError, out_of_range(df[col].to_numpy(), col), col, range_text(col))
    notes: list[pd.DataFrame] = []
    empty = df["value_100m_yuan"].isna() & df["yoy_pct"].isna() & df["mom_sa_pct"].isna()
    if empty.any():
        notes.append(report_frame(path, [f"{word} {n}" for n in lines[empty.to_numpy()]],
                                  "dropped", "row without any figure", None))
    src = f"{path.name} {word} " + pd.Series(lines).astype(str)
    if "source" not in df:
        df["source"] = src
    df["source"] = df["source"].where(df["source"] != "", src)
    if "source_url" not in df:
        df["source_url"] = None
    df["source_url"] = df["source_url"].where(df["source_url"] != "", None)
    df["_line"] = lines
    df = df.loc[~empty]
    df = _collapse(df, notes, file, word)
    return ReadResult(tidy_dtypes(df[TIDY_COLUMNS]), notes=_notes(notes), format=READER.name)


def _notes(notes: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(notes, ignore_index=True) if notes else empty_report()


def _collapse(df: pd.DataFrame, notes: list[pd.DataFrame], file: str, word: str) -> pd.DataFrame:
    """Within one file: identical repeated keys collapse (noted), different ones raise."""
    dup = df.duplicated(KEY, keep=False)
    if not dup.any():
        return df
    figures = list(FIGURES)
    for _key, group in df.loc[dup].groupby(KEY, sort=False):  # one loop per repeated key
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            a = first[figures].to_numpy(dtype=float)
            b = other[figures].to_numpy(dtype=float)
            if not np.all((np.isnan(a) & np.isnan(b)) | (a == b)):
                raise DuplicateFigureError(
                    file=file, where=f"{word} {other['_line']}",
                    found=f"repeats {word} {first['_line']} ({first['region_code']}, "
                    f"{first['period']}, {first['indicator']}) with another figure "
                    f"({fmt_figures(b)} vs {fmt_figures(a)})",
                    expected="one row per key", row=int(other["_line"]),
                )
    drop = df.duplicated(KEY, keep="first")
    notes.append(report_frame(file, [f"{word} {n}" for n in df.loc[drop, "_line"]], "dropped",
                              "identical duplicate of an earlier row", None))
    return df.loc[~drop]


def fmt_figures(values: np.ndarray) -> str:
    """Figures for a message: ``629.44, 8.4, —``.

    >>> fmt_figures(np.array([629.44, 8.4, np.nan]))
    '629.44, 8.4, —'
    """
    return ", ".join("—" if np.isnan(v) else f"{v:g}" for v in values)


READER = Reader("tidy", sniff, read, description="a CSV or parquet file in the tidy schema")
