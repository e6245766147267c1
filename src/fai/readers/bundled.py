"""Readers of the four reference CSVs bundled in ``data/raw/`` (see ``data/README.md``), each
recognised by its exact header, never by its file name. Maps are keyed by the files' own
column names and labels, never by column position.

=====================  ===============================================================
reader                 header
=====================  ===============================================================
``bundled_national``   period, indicator, value_100m_yuan, yoy_pct, source_url
                       (``region_east`` … rows are macro-region fai_total YoY;
                       ``fai_mom_sa`` rows hold the seasonally adjusted m/m % in yoy_pct)
``bundled_panel``      region_name, period, indicator, value_100m_yuan, yoy_pct, source,
                       source_url (the 31-province NBS panel, one source per row)
``bundled_provincial`` period, region, indicator, value_100m_yuan, yoy_pct, source_url
``bundled_local``      region, parent, period, item, measure, value, unit, source
                       (levels and YoY → tidy rows; targets, projects, contests, ranks and
                       pp comparisons → targets rows)
=====================  ===============================================================

Where two bundled files give the same figure, the build keeps the row of the higher
``precedence`` (national releases 4 > NBS portal panel 3 > yearbook and scattered provincial
rows 2 > local reports 1) and lists the other in the cleaning report, agreeing or not.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from fai.cleaning.numbers import plain_numbers
from fai.cleaning.region_names import resolve_region
from fai.errors import (
    DuplicateFigureError,
    InputFormatError,
    NumberError,
    UnitError,
    UnknownRegionError,
)
from fai.model import regions
from fai.model.schema import (
    TARGET_COLUMNS,
    TIDY_COLUMNS,
    out_of_range,
    range_text,
    target_out_of_range,
    target_range_text,
)
from fai.readers.base import Reader, ReadOptions, ReadResult, empty_targets, tidy_dtypes
from fai.readers.grid import RawFile, empty_report, report_frame

NATIONAL_HEADER = ["period", "indicator", "value_100m_yuan", "yoy_pct", "source_url"]
PROVINCIAL_HEADER = ["period", "region", "indicator", "value_100m_yuan", "yoy_pct", "source_url"]
PANEL_HEADER = ["region_name", "period", "indicator", "value_100m_yuan", "yoy_pct", "source",
                "source_url"]
LOCAL_HEADER = ["region", "parent", "period", "item", "measure", "value", "unit", "source"]

MACRO_ROWS = {
    "region_east": "900001",
    "region_central": "900002",
    "region_west": "900003",
    "region_northeast": "900004",
}
MOM_ROW = "fai_mom_sa"
TIDY_MEASURES = {"level": "value_100m_yuan", "yoy_pct": "yoy_pct"}


def _header_is(header: list[str]):
    def sniff(raw: RawFile, head: list[list[str]]) -> bool:
        return raw.kind == "csv" and bool(head) and [c.lstrip("\ufeff") for c in head[0]] == header

    return sniff


def _frame(raw: RawFile) -> pd.DataFrame:
    """Cells as strings, a ``_line`` (header = line 1) and a ``_src`` ("x.csv line 7")."""
    try:
        df = pd.read_csv(io.StringIO(raw.text or ""), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputFormatError(file=str(raw.path), found=f"not a readable CSV ({str(exc)[:80]})",
                               expected="the bundled file's columns") from None
    df.columns = [c.lstrip("\ufeff") for c in df.columns]
    df["_line"] = np.arange(len(df)) + 2
    df["_src"] = raw.path.name + " line " + df["_line"].astype(str)
    return df


def _number(df: pd.DataFrame, column: str, raw: RawFile, kind: str | None = None) -> pd.Series:
    """A column of figures; a cell that is no plain number, or out of range, raises."""
    values, look = plain_numbers(df[column])
    bad = look | (out_of_range(values, kind) if kind else np.zeros(len(values), dtype=bool))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        line = int(df["_line"].iloc[i])
        raise NumberError(
            file=str(raw.path), where=f"line {line}",
            found=f"{column!r} is {str(df[column].iloc[i])[:60]!r}",
            expected=range_text(kind) if kind and not look[i] else "a number", row=line,
        )
    return pd.Series(values, index=df.index, dtype=float)


def _codes(names: pd.Series, lines: pd.Series, raw: RawFile) -> pd.Series:
    """Region codes of a column of names (each distinct name resolved once)."""
    unique = {n: resolve_region(n, warn=False) for n in names.unique()}
    codes = names.map(unique)
    if codes.isna().any():
        i = int(np.flatnonzero(codes.isna().to_numpy())[0])
        raise UnknownRegionError(
            file=str(raw.path), where=f"line {int(lines.iloc[i])}",
            found=f"region {names.iloc[i]!r} is not in the registry",
            expected="a province, macro-region, 全国 or a region of fai.regions",
        )
    return codes.astype(str)


def _names(codes: pd.Series) -> pd.Series:
    return codes.map({c: regions.name_of(c) for c in codes.unique()})


# ----------------------------------------------------------------- national


def read_national(raw: RawFile, options: ReadOptions) -> ReadResult:
    """Tidy rows of ``nbs_national_fai.csv``: 全国 indicators, macro-region YoY, and
    the seasonally adjusted m/m % merged into the fai_total row of its period."""
    df = _frame(raw)
    df["value_100m_yuan"] = _number(df, "value_100m_yuan", raw, "value_100m_yuan")
    df["period"] = df["period"].str.strip()
    ind = df["indicator"].str.strip()
    macro = ind.isin(list(MACRO_ROWS))
    mom = ind == MOM_ROW
    df["yoy_pct"] = _number(df, "yoy_pct", raw)
    bad_mom = mom.to_numpy() & out_of_range(df["yoy_pct"].to_numpy(), "mom_sa_pct")
    bad_yoy = ~mom.to_numpy() & out_of_range(df["yoy_pct"].to_numpy(), "yoy_pct")
    for bad, kind in ((bad_mom, "mom_sa_pct"), (bad_yoy, "yoy_pct")):
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise NumberError(file=str(raw.path), where=f"line {df['_line'].iloc[i]}",
                              found=f"'yoy_pct' is {df['yoy_pct'].iloc[i]:g}",
                              expected=range_text(kind))
    df["region_code"] = np.where(macro, ind.map(MACRO_ROWS), regions.NATION)
    df["indicator"] = np.where(macro | mom, "fai_total", ind)
    df["mom_sa_pct"] = np.nan
    df["source"] = df["_src"]

    figures = df.loc[~mom].copy()
    moms = df.loc[mom, ["region_code", "period", "yoy_pct", "source", "source_url"]].rename(
        columns={"yoy_pct": "mom_sa_pct", "source": "mom_source", "source_url": "mom_url"}
    )
    key = ["region_code", "period"]
    totals = figures["indicator"] == "fai_total"
    merged = figures.loc[totals].drop(columns="mom_sa_pct").merge(
        moms, on=key, how="outer", indicator="_m"
    )
    only_mom = merged["_m"] == "right_only"
    merged.loc[only_mom, "indicator"] = "fai_total"
    merged["source"] = merged["source"].where(~only_mom, None)
    merged["source_url"] = merged["source_url"].where(~only_mom, merged["mom_url"])
    # provenance of a merged m/m figure stays in the source string
    has_mom = merged["mom_source"].notna() & ~only_mom
    merged.loc[has_mom, "source"] = (
        merged.loc[has_mom, "source"] + "; mom_sa_pct: " + merged.loc[has_mom, "mom_source"]
    )
    merged.loc[only_mom, "source"] = "mom_sa_pct: " + merged.loc[only_mom, "mom_source"]
    out = pd.concat([figures.loc[~totals], merged], ignore_index=True)
    out["region_name"] = _names(out["region_code"])
    out["source_url"] = out["source_url"].replace("", None)
    return ReadResult(tidy_dtypes(_sorted(out)), format=NATIONAL.name)


# ----------------------------------------------------------------- provincial, panel


def read_provincial(raw: RawFile, options: ReadOptions) -> ReadResult:
    """Tidy rows of ``provincial_fai.csv`` (31 provinces; funds in place kept as its own
    indicator ``fai_funds_in_place``)."""
    df = _frame(raw)
    df["value_100m_yuan"] = _number(df, "value_100m_yuan", raw, "value_100m_yuan")
    df["yoy_pct"] = _number(df, "yoy_pct", raw, "yoy_pct")
    df["region_code"] = _codes(df["region"].str.strip(), df["_line"], raw)
    return ReadResult(tidy_dtypes(_sorted(_tidy_rows(df))), format=PROVINCIAL.name)


def read_panel(raw: RawFile, options: ReadOptions) -> ReadResult:
    """Tidy rows of ``provincial_panel.csv``: YTD growth of FAI (不含农户) for 全国 and the
    31 provinces every month 2010–2026, provincial real-estate levels and growth 2017–2019.
    Each row's ``source`` names the panel's line (whose own source column gives the NBS
    report and the collector)."""
    df = _frame(raw)
    df["value_100m_yuan"] = _number(df, "value_100m_yuan", raw, "value_100m_yuan")
    df["yoy_pct"] = _number(df, "yoy_pct", raw, "yoy_pct")
    df["region_code"] = _codes(df["region_name"].str.strip(), df["_line"], raw)
    return ReadResult(tidy_dtypes(_sorted(_tidy_rows(df))), format=PANEL.name)


def _tidy_rows(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "region_code": df["region_code"], "region_name": _names(df["region_code"]),
        "period": df["period"].str.strip(), "indicator": df["indicator"].str.strip(),
        "value_100m_yuan": df["value_100m_yuan"], "yoy_pct": df["yoy_pct"],
        "mom_sa_pct": np.nan, "source": df["_src"],
        "source_url": df["source_url"].replace("", None),
    })
    return out[TIDY_COLUMNS]


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["region_code", "indicator", "period"], kind="stable")


# ----------------------------------------------------------------- local


def read_local(raw: RawFile, options: ReadOptions) -> ReadResult:
    """Split ``local_examples.csv`` into tidy rows and targets rows.

    Levels (measure ``level``, unit 100m_yuan) and YoY (``yoy_pct``) of fai_*
    items are figures of the tidy table; everything else (annual targets,
    project groups, contest counts, ranks, pp comparisons, plan completion) is
    a targets row keyed (region, period, item, measure).
    """
    path = str(raw.path)
    df = _frame(raw).rename(columns={"source": "source_note", "_src": "source"})
    df["_text"] = df["value"]
    df["value"] = _number(df, "value", raw)
    df["region_code"] = _codes(df["region"].str.strip(), df["_line"], raw)
    df["region_name"] = df["region"].str.strip()
    is_fig = df["item"].str.startswith("fai_") & df["measure"].isin(list(TIDY_MEASURES))
    bad_unit = is_fig & (df["measure"] == "level") & (df["unit"] != "100m_yuan")
    if bad_unit.any():
        i = bad_unit.idxmax()
        raise UnitError(file=path, where=f"line {df.at[i, '_line']}",
                        found=f"level unit is {df.at[i, 'unit']!r}", expected="'100m_yuan'")
    figs = df.loc[is_fig].copy()
    figs["column"] = figs["measure"].map(TIDY_MEASURES)
    for column in TIDY_MEASURES.values():
        sel = (figs["column"] == column).to_numpy()
        bad = sel & out_of_range(figs["value"].to_numpy(), column)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise NumberError(file=path, where=f"line {figs['_line'].iloc[i]}",
                              found=f"'value' is {figs['_text'].iloc[i][:40]!r}",
                              expected=range_text(column))
    key = ["region_code", "region_name", "period", "item"]
    dup = figs.duplicated([*key, "column"], keep=False)
    if dup.any():
        rows = figs.loc[dup, "source"].head(2).tolist()
        raise DuplicateFigureError(file=path, found=f"the same figure is given twice ({' and '.join(rows)})",
                                   expected="one row per region, period, item and measure")
    wide = figs.set_index([*key, "column"])["value"].unstack("column").reset_index()
    wide.columns.name = None
    grouped = figs.groupby(key, sort=False)
    wide = wide.join(grouped["source"].agg("; ".join).rename("src"), on=key)
    wide = wide.join(grouped["source_note"].first().rename("url"), on=key)
    for col in ("value_100m_yuan", "yoy_pct"):
        if col not in wide:
            wide[col] = np.nan
    tidy = pd.DataFrame({
        "region_code": wide["region_code"], "region_name": wide["region_name"],
        "period": wide["period"], "indicator": wide["item"],
        "value_100m_yuan": wide["value_100m_yuan"].astype(float),
        "yoy_pct": wide["yoy_pct"].astype(float),
        "mom_sa_pct": np.nan, "source": wide["src"], "source_url": wide["url"],
    })
    tgt = df.loc[~is_fig].copy()
    # project groups and task contests come from the bulletin texts beside this file
    # (data/raw/*.txt, read by fai.bulletin.to_tidy); the rows here are their hand-keyed twins
    texts = tgt["item"].str.startswith("projects_") | tgt["measure"].isin(["target_count", "done_count"])
    notes = empty_report()
    if texts.any():
        lines = tgt.loc[texts, "_line"].astype(int)
        notes = report_frame(path, [f"lines {lines.min()}-{lines.max()}"], "skipped",
                             "project groups and task contests are read from the bulletin texts in "
                             "data/raw/ (data/README.md); these rows are their hand-keyed twins",
                             [f"{int(texts.sum())} rows"])  # fmt: skip
    tgt = tgt.loc[~texts]
    bad = target_out_of_range(tgt["value"].to_numpy(), tgt["unit"].to_numpy())
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise NumberError(file=path, where=f"line {tgt['_line'].iloc[i]}",
                          found=f"'value' is {tgt['_text'].iloc[i][:40]!r} ({tgt['unit'].iloc[i]})",
                          expected=target_range_text(str(tgt["unit"].iloc[i])))
    tgt["parent_name"] = tgt["parent"].str.strip().replace("", None)
    tgt["source"] = tgt["source"] + " (" + tgt["source_note"] + ")"
    targets = pd.concat([empty_targets(), tgt[TARGET_COLUMNS]], ignore_index=True)
    return ReadResult(tidy_dtypes(tidy), targets=targets.reset_index(drop=True), notes=notes,
                      format=LOCAL.name)


NATIONAL = Reader("bundled_national", _header_is(NATIONAL_HEADER), read_national, precedence=4,
                  description="data/raw/nbs_national_fai.csv: NBS monthly releases, 全国")
PANEL = Reader("bundled_panel", _header_is(PANEL_HEADER), read_panel, precedence=3,
               description="data/raw/provincial_panel.csv: NBS portal, 31 provinces 2010–2026")
PROVINCIAL = Reader("bundled_provincial", _header_is(PROVINCIAL_HEADER), read_provincial,
                    precedence=2, description="data/raw/provincial_fai.csv: yearbook and releases")
LOCAL = Reader("bundled_local", _header_is(LOCAL_HEADER), read_local, precedence=1,
               description="data/raw/local_examples.csv: local government reports")
READERS = (NATIONAL, PANEL, PROVINCIAL, LOCAL)
