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

import pandas as pd

from fai.errors import DuplicateFigureError, SchemaValidationError

TIDY_COLUMNS = [
    "region_code", "region_name", "period", "indicator",
    "value_100m_yuan", "yoy_pct", "mom_sa_pct", "source", "source_url",
]
TARGET_COLUMNS = [
    "region_code", "region_name", "parent_name", "period", "item",
    "measure", "value", "unit", "source",
]
KEY = ["region_code", "period", "indicator"]


def _tidy_schema():  # built lazily: importing pandera costs ~0.5 s
    import pandera.pandas as pa

    from fai.model import indicators

    return pa.DataFrameSchema(
        {
            "region_code": pa.Column(str, pa.Check.str_matches(r"^[0-9]{6}$")),
            "region_name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "period": pa.Column(str, pa.Check.str_matches(r"^(19|20)\d{2}-(0[1-9]|1[0-2])$")),
            "indicator": pa.Column(str, pa.Check.isin(indicators.keys())),
            "value_100m_yuan": pa.Column(float, pa.Check.ge(0), nullable=True),
            "yoy_pct": pa.Column(float, pa.Check.gt(-100), nullable=True),
            "mom_sa_pct": pa.Column(float, pa.Check.in_range(-100, 100), nullable=True),
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
            "period": pa.Column(str, pa.Check.str_matches(r"^(19|20)\d{2}-(0[1-9]|1[0-2])$")),
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
            lines.append(f"  {src}row {idx}: column {column!r} is {found!r} — expected {check}")
    else:
        lines.append(f"  {exc}")
    shown = lines[:50] + ([f"  … and {len(lines) - 50} more"] if len(lines) > 50 else [])
    raise SchemaValidationError(
        f"{what}: {len(lines)} value(s) break the schema:\n" + "\n".join(shown)
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
            f"{what}: {int(dup.sum())} rows repeat a (region_code, period, indicator); "
            f"first {key} comes from {srcs} — expected one row per key"
        )
    return df


def validate_targets(df: pd.DataFrame, *, what: str = "targets table") -> pd.DataFrame:
    """Check the targets table (region, period, item, measure) against its schema."""
    import pandera.errors

    try:
        _targets_schema().validate(df, lazy=True)
    except (pandera.errors.SchemaErrors, pandera.errors.SchemaError) as exc:
        _raise_lazily(exc, df, what)
    dup = df.duplicated(["region_code", "period", "item", "measure"], keep=False)
    if dup.any():
        first = df.loc[dup].head(2)
        raise DuplicateFigureError(
            f"{what}: repeated (region, period, item, measure) from "
            + " and ".join(first["source"].astype(str))
        )
    return df


_KEY_TEXT = ("region_code", "region_name", "period", "indicator")
_OPTIONAL_TEXT = ("source", "source_url", "parent_name")


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
