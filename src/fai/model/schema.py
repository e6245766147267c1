"""The tidy table's contract, checked with pandera (lazily: one error lists
every bad row with its index and its source row).

Tidy table columns
------------------
region_code      str   GB/T 2260 code or project code (see fai.regions)
region_name      str   Chinese short official name (全国, 东部地区, 北京市)
period           str   "YYYY-MM", the last month of the year-to-date span
indicator        str   key in fai.indicators
value_100m_yuan  float YTD level in 亿元, NaN when not published
yoy_pct          float YTD growth as published (comparable basis), NaN when not published
mom_sa_pct       float NBS seasonally adjusted month-on-month %, NaN elsewhere
source           str   raw file and line the figure came from
source_url       str   where the raw row says the figure was published

Targets table columns: region_code, region_name, parent_name, period, item,
measure, value, unit, source.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pandas as pd

from fai.errors import DuplicateFigureError, SchemaValidationError
from fai.model import indicators
from fai.model.years import FIRST_YEAR, LAST_YEAR  # noqa: F401  (the tidy table's years)

TIDY_COLUMNS = [
    "region_code", "region_name", "period", "indicator",
    "value_100m_yuan", "yoy_pct", "mom_sa_pct", "source", "source_url",
]
TARGET_COLUMNS = [
    "region_code", "region_name", "parent_name", "period", "item",
    "measure", "value", "unit", "source",
]
KEY = ["region_code", "period", "indicator"]

# ---- plausible ranges: a figure outside is refused (naming its cell), never stored
#: Periods: from the first year of PRC statistics to next month (``fai`` never stores a
#: figure for a month that has not begun): FIRST_YEAR and LAST_YEAR, from fai.model.years.
#: Levels in 亿元: China's whole-year FAI is about 5·10^5 亿元; 10^7 leaves room for error
#: in nothing but a misplaced unit.
LEVEL_MAX_100M_YUAN = 1e7
#: Growth in %: above −100 (a level cannot fall below zero) and below 10^5 % (a thousandfold).
YOY_MIN_PCT, YOY_MAX_PCT = -100.0, 1e5
#: Seasonally adjusted month-on-month %.
MOM_MIN_PCT, MOM_MAX_PCT = -100.0, 100.0
#: Ranks (第N位) and counts (projects, tasks): whole numbers up to these bounds.
RANK_MAX = 10_000
COUNT_MAX = 10_000_000
#: Other targets-table values (亿元 plans, % completion, pp): finite and within ±10^7.
TARGET_ABS_MAX = 1e7

_PERIOD_PATTERN = r"^(19|20)\d{2}-(0[1-9]|1[0-2])$"

RANGES: dict[str, tuple[float, float, str]] = {
    "value_100m_yuan": (0.0, LEVEL_MAX_100M_YUAN, "a level from 0 to 10,000,000 亿元"),
    "yoy_pct": (YOY_MIN_PCT, YOY_MAX_PCT, "a growth rate above −100 % and below 100,000 %"),
    "mom_sa_pct": (MOM_MIN_PCT, MOM_MAX_PCT, "a month-on-month rate from −100 % to 100 %"),
}


def out_of_range(values: np.ndarray | pd.Series, column: str) -> np.ndarray:
    """Mask of figures outside the plausible range of a tidy column (NaN is never out).

    The level range includes 0 and excludes 10^7; growth excludes −100 and 10^5; infinite
    values are always out.

    >>> out_of_range(np.array([3.3, -100.0, np.inf, np.nan, 1e6]), "yoy_pct").tolist()
    [False, True, True, False, True]
    """
    v = np.asarray(values, dtype=float)
    lo, hi, _ = RANGES[column]
    with np.errstate(invalid="ignore"):
        if column == "value_100m_yuan":
            bad = (v < lo) | (v >= hi)
        elif column == "yoy_pct":
            bad = (v <= lo) | (v >= hi)
        else:
            bad = (v < lo) | (v > hi)
    return bad | np.isinf(v)


_TARGET_RANGES: dict[str, tuple[float, float, bool, str]] = {
    # unit: (low, high, whole numbers only, what is plausible)
    "rank": (1, RANK_MAX, True, f"a rank from 1 to {RANK_MAX:,}"),
    "projects": (0, COUNT_MAX, True, f"a count from 0 to {COUNT_MAX:,}"),
    "100m_yuan": (0.0, LEVEL_MAX_100M_YUAN, False, "an amount from 0 to 10,000,000 亿元"),
    "pct": (YOY_MIN_PCT, YOY_MAX_PCT, False, "a rate from −100 % to 100,000 %"),
    "pp": (-YOY_MAX_PCT, YOY_MAX_PCT, False, "a gap within ±100,000 percentage points"),
}


def target_out_of_range(values: np.ndarray | pd.Series, units: np.ndarray | pd.Series) -> np.ndarray:
    """Mask of targets-table values implausible for their unit (NaN is never out).

    Ranks are whole numbers 1–10,000, counts 0–10,000,000, 亿元 amounts 0–10^7, rates
    −100–10^5 %; any other unit: finite and within ±10^7.

    >>> target_out_of_range(np.array([3.0, 1e19, 2.5, 50.0]), np.array(["rank", "rank", "rank", "pct"])).tolist()
    [False, True, True, False]
    """
    v = np.asarray(values, dtype=float)
    u = np.asarray(units, dtype=object)
    bad = np.isinf(v) | (np.abs(np.nan_to_num(v)) >= TARGET_ABS_MAX)
    with np.errstate(invalid="ignore"):
        for unit, (lo, hi, whole, _) in _TARGET_RANGES.items():
            sel = u == unit
            if sel.any():
                x = v[sel]
                out = (x < lo) | (x > hi) | np.isinf(x)
                if whole:
                    out |= np.isfinite(x) & (x != np.round(x))
                bad[sel] = out
    return bad


def target_range_text(unit: str) -> str:
    """What a plausible targets-table value in ``unit`` is, for messages.

    >>> target_range_text("rank")
    'a rank from 1 to 10,000'
    """
    found = _TARGET_RANGES.get(unit)
    return found[3] if found else "a finite value within ±10,000,000"


def range_text(column: str) -> str:
    """What a plausible figure of a tidy column is, for messages.

    >>> range_text("value_100m_yuan")
    'a level from 0 to 10,000,000 亿元'
    """
    return RANGES[column][2]


def last_period(today: dt.date | None = None) -> str:
    """The latest period a figure may have: next month (``"YYYY-MM"``).

    >>> last_period(dt.date(2026, 12, 7))
    '2027-01'
    """
    today = today or dt.date.today()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return f"{year:04d}-{month:02d}"


def _tidy_schema():  # built lazily: importing pandera costs ~0.5 s
    import pandera.pandas as pa

    def plausible(column: str):
        return pa.Check(lambda s: pd.Series(~out_of_range(s.to_numpy(dtype=float), column),
                                            index=s.index),
                        error=range_text(column))

    return pa.DataFrameSchema(
        {
            "region_code": pa.Column(str, pa.Check.str_matches(r"^[0-9]{6}$")),
            "region_name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "period": pa.Column(str, [
                pa.Check.str_matches(_PERIOD_PATTERN),
                pa.Check(lambda s: (s >= f"{FIRST_YEAR}-01") & (s <= last_period()),
                         error=f"a period from {FIRST_YEAR}-01 to next month"),
            ]),
            "indicator": pa.Column(str, pa.Check.isin(indicators.keys())),
            "value_100m_yuan": pa.Column(float, plausible("value_100m_yuan"), nullable=True),
            "yoy_pct": pa.Column(float, plausible("yoy_pct"), nullable=True),
            "mom_sa_pct": pa.Column(float, plausible("mom_sa_pct"), nullable=True),
            "source": pa.Column(str, nullable=True),
            "source_url": pa.Column(str, nullable=True),
        },
        strict=True,
        ordered=False,
        coerce=False,
    )


def _targets_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "region_code": pa.Column(str, pa.Check.str_matches(r"^[0-9]{6}$")),
            "region_name": pa.Column(str),
            "parent_name": pa.Column(str, nullable=True),
            "period": pa.Column(str, [
                pa.Check.str_matches(_PERIOD_PATTERN),
                pa.Check(lambda s: (s >= f"{FIRST_YEAR}-01") & (s <= last_period()),
                         error=f"a period from {FIRST_YEAR}-01 to next month"),
            ]),
            "item": pa.Column(str),
            "measure": pa.Column(str),
            "value": pa.Column(float, nullable=True),
            "unit": pa.Column(str),
            "source": pa.Column(str),
        },
        strict=True,
    )


def _raise_lazily(exc: Exception, df: pd.DataFrame, what: str) -> None:
    failures = getattr(exc, "failure_cases", None)
    lines: list[str] = []
    if failures is not None and len(failures):
        for case in failures.itertuples(index=False):
            idx = getattr(case, "index", None)
            src = ""
            if idx is not None and not pd.isna(idx) and "source" in df.columns and idx in df.index:
                src = f"{df.at[idx, 'source']}: "
            column = getattr(case, "column", None)
            found = getattr(case, "failure_case", None)
            check = getattr(case, "check", None)
            lines.append(f"{src}row {idx}: column {column!r} is {found!r} ({check})")
    else:
        lines.append(str(exc).splitlines()[0][:200])
    shown = lines[:20] + ([f"… and {len(lines) - 20} more"] if len(lines) > 20 else [])
    raise SchemaValidationError(
        file=what, found=f"{len(lines)} value(s) break the schema: " + "; ".join(shown),
        expected="values within the tidy-table contract (fai.model.schema)",
    ) from None


def validate_tidy(df: pd.DataFrame, *, what: str = "tidy table") -> pd.DataFrame:
    """Check a tidy table against the schema and the one-row-per-key rule.

    Raises :class:`SchemaValidationError` listing every bad row (lazy), or
    :class:`DuplicateFigureError` naming both sources of a repeated key.
    Returns the table unchanged.
    """
    import pandera.errors

    try:
        _tidy_schema().validate(df, lazy=True)
    except (pandera.errors.SchemaErrors, pandera.errors.SchemaError) as exc:
        _raise_lazily(exc, df, what)
    dup = df.duplicated(KEY, keep=False)
    if dup.any():
        first = df.loc[dup].sort_values(KEY).head(2)
        srcs = " and ".join(str(s) for s in first["source"])
        key = tuple(first.iloc[0][KEY])
        raise DuplicateFigureError(
            file=what, found=f"{int(dup.sum())} rows repeat a (region_code, period, indicator); "
            f"first {key} comes from {srcs}", expected="one row per key",
        )
    return df


def _check_columns(df: pd.DataFrame, columns: list[str], what: str) -> None:
    if list(df.columns) != columns:
        raise SchemaValidationError(file=what, found=f"columns {list(df.columns)}",
                                    expected=f"{columns}")


def validate_targets(df: pd.DataFrame, *, what: str = "targets table") -> pd.DataFrame:
    """Check the targets table (region, period, item, measure) against its schema.

    An empty table (inputs without targets) needs only the columns.
    """
    import pandera.errors

    if df.empty:
        _check_columns(df, TARGET_COLUMNS, what)
        return df
    try:
        _targets_schema().validate(df, lazy=True)
    except (pandera.errors.SchemaErrors, pandera.errors.SchemaError) as exc:
        _raise_lazily(exc, df, what)
    bad = target_out_of_range(df["value"], df["unit"])
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = df.iloc[i]
        raise SchemaValidationError(
            file=what, where=str(row["source"]),
            found=f"{row['measure']} of {row['item']} is {row['value']!r} ({row['unit']})",
            expected=target_range_text(str(row["unit"])),
        )
    dup = df.duplicated(["region_code", "period", "item", "measure"], keep=False)
    if dup.any():
        first = df.loc[dup].head(2)
        raise DuplicateFigureError(
            file=what, found="repeated (region, period, item, measure) from "
            + " and ".join(first["source"].astype(str)),
            expected="one row per region, period, item and measure",
        )
    return df


_KEY_TEXT = ("region_code", "region_name", "period", "indicator")
_OPTIONAL_TEXT = ("source", "source_url", "parent_name")


def frame_digest(df: pd.DataFrame) -> str:
    """A hash of a table's column names, their kinds (text or number) and values, the index
    aside: the same for a table and its copy written to parquet and read back (a text column
    may come back with another string dtype). :mod:`fai.data` stamps a build's validated tables
    with it, so loading them again need not validate them again.

    >>> a = pd.DataFrame({"period": ["2024-11"], "value": [1.0]})
    >>> frame_digest(a) == frame_digest(a.astype({"period": "string"}))
    True
    >>> frame_digest(a) == frame_digest(a.assign(value=[2.0]))
    False
    """
    head = repr((list(df.columns), [dtype.kind for dtype in df.dtypes])).encode()
    values = pd.util.hash_pandas_object(df, index=False).to_numpy()
    return hashlib.sha256(head + values.tobytes()).hexdigest()


def conform_text(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with the key text columns as ``str`` and the optional ones
    (source, source_url, parent_name) as objects holding None when missing —
    the dtypes the schemas expect, whichever reader or file the table came from.

    >>> conform_text(pd.DataFrame({"period": ["2024-11"], "source": [float("nan")]}))["source"].tolist()
    [None]
    """
    out = df.copy()
    for col in _KEY_TEXT:
        if col in out:
            out[col] = out[col].astype(str)
    for col in _OPTIONAL_TEXT:
        if col in out:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def empty_tidy() -> pd.DataFrame:
    """An empty tidy table with the right columns and dtypes."""
    return pd.DataFrame(
        {
            c: pd.Series(dtype=float if c in ("value_100m_yuan", "yoy_pct", "mom_sa_pct") else object)
            for c in TIDY_COLUMNS
        }
    )
