"""Read the three bundled reference CSVs (``data/raw/``) into the tidy table
and the targets table. Maps are keyed by the files' own column names and
labels, never by column position.

* ``nbs_national_fai.csv``: period, indicator, value_100m_yuan, yoy_pct, source_url
  (``region_east`` … rows are macro-region fai_total YoY; ``fai_mom_sa`` rows
  hold the seasonally adjusted month-on-month % in yoy_pct).
* ``provincial_fai.csv``: period, region, indicator, value_100m_yuan, yoy_pct, source_url
* ``local_examples.csv``: region, parent, period, item, measure, value, unit, source
  (levels and YoY go to the tidy table; targets, projects, contests, ranks
  and pp comparisons go to the targets table).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from fai.errors import InputFormatError
from fai.model import regions
from fai.model.schema import TARGET_COLUMNS, TIDY_COLUMNS, conform_text

NATIONAL_FILE = "nbs_national_fai.csv"
PROVINCIAL_FILE = "provincial_fai.csv"
LOCAL_FILE = "local_examples.csv"

MACRO_ROWS = {
    "region_east": "900001",
    "region_central": "900002",
    "region_west": "900003",
    "region_northeast": "900004",
}
MOM_ROW = "fai_mom_sa"


def _read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputFormatError(f"{path}: cannot be read as UTF-8 CSV — {exc}", file=str(path)) from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise InputFormatError(
            f"{path} line 1: header lacks {missing} — expected columns {required}", file=str(path)
        )
    df["_line"] = np.arange(len(df)) + 2  # header is line 1
    df["_src"] = path.name + " line " + df["_line"].astype(str)
    return df


def _number(df: pd.DataFrame, column: str, path: Path) -> pd.Series:
    text = df[column].str.strip()
    out = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = out.isna() & (text != "")
    if bad.any():
        i = bad.idxmax()
        raise InputFormatError(
            f"{path} line {df.at[i, '_line']}: {column!r} is {df.at[i, column]!r} — expected a number",
            file=str(path), row=int(df.at[i, "_line"]),
        )
    return out.astype(float)


def _names(codes: pd.Series) -> pd.Series:
    reg = regions.registry().set_index("region_code")["region_name"]
    return codes.map(reg)


def read_national(path: Path) -> pd.DataFrame:
    """Tidy rows of ``nbs_national_fai.csv``: 全国 indicators, macro-region YoY, and
    the seasonally adjusted m/m % merged into the fai_total row of its period.

    >>> t = read_national(Path("data/raw/nbs_national_fai.csv"))  # doctest: +SKIP
    >>> t.query("period == '2024-11' and indicator == 'fai_total'")[["value_100m_yuan", "yoy_pct"]]  # doctest: +SKIP
       465839.0  3.3
    """
    raw = _read_csv(path, ["period", "indicator", "value_100m_yuan", "yoy_pct", "source_url"])
    raw["value_100m_yuan"] = _number(raw, "value_100m_yuan", path)
    raw["yoy_pct"] = _number(raw, "yoy_pct", path)
    raw["period"] = raw["period"].str.strip()
    ind = raw["indicator"].str.strip()
    macro = ind.isin(list(MACRO_ROWS))
    mom = ind == MOM_ROW
    raw["region_code"] = np.where(macro, ind.map(MACRO_ROWS), regions.NATION)
    raw["indicator"] = np.where(macro | mom, "fai_total", ind)
    raw["mom_sa_pct"] = np.nan
    raw["source"] = raw["_src"]

    figures = raw.loc[~mom].copy()
    moms = raw.loc[mom, ["region_code", "period", "yoy_pct", "source", "source_url"]].rename(
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
    merged.loc[has_mom, "source"] = merged.loc[has_mom, "source"] + "; mom_sa_pct: " + merged.loc[has_mom, "mom_source"]
    merged.loc[only_mom, "source"] = "mom_sa_pct: " + merged.loc[only_mom, "mom_source"]
    out = pd.concat([figures.loc[~totals], merged], ignore_index=True)
    out["region_name"] = _names(out["region_code"])
    return out[TIDY_COLUMNS].reset_index(drop=True)


def read_provincial(path: Path) -> pd.DataFrame:
    """Tidy rows of ``provincial_fai.csv`` (31 provinces; funds in place kept as
    its own indicator ``fai_funds_in_place``)."""
    raw = _read_csv(path, ["period", "region", "indicator", "value_100m_yuan", "yoy_pct", "source_url"])
    raw["value_100m_yuan"] = _number(raw, "value_100m_yuan", path)
    raw["yoy_pct"] = _number(raw, "yoy_pct", path)
    raw["region_code"] = [
        regions.resolve(name, where=f"{path} line {line}")
        for name, line in zip(raw["region"], raw["_line"])
    ]
    raw["region_name"] = _names(raw["region_code"])
    raw["indicator"] = raw["indicator"].str.strip()
    raw["period"] = raw["period"].str.strip()
    raw["mom_sa_pct"] = np.nan
    raw["source"] = raw["_src"]
    return raw[TIDY_COLUMNS].reset_index(drop=True)


TIDY_MEASURES = {"level": "value_100m_yuan", "yoy_pct": "yoy_pct"}


def read_local(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``local_examples.csv`` into (tidy rows, targets rows).

    Levels (measure ``level``, unit 100m_yuan) and YoY (``yoy_pct``) of fai_*
    items are figures of the tidy table; everything else (annual targets,
    project groups, contest counts, ranks, pp comparisons, plan completion) is
    a targets row keyed (region, period, item, measure).
    """
    raw = _read_csv(path, ["region", "parent", "period", "item", "measure", "value", "unit", "source"])
    raw = raw.rename(columns={"source": "source_note", "_src": "source"})
    raw["value"] = _number(raw, "value", path)
    raw["region_code"] = [
        regions.resolve(n, where=f"{path} line {line}") for n, line in zip(raw["region"], raw["_line"])
    ]
    raw["region_name"] = raw["region"].str.strip()
    is_fig = raw["item"].str.startswith("fai_") & raw["measure"].isin(list(TIDY_MEASURES))
    bad_unit = is_fig & (raw["measure"] == "level") & (raw["unit"] != "100m_yuan")
    if bad_unit.any():
        i = bad_unit.idxmax()
        raise InputFormatError(
            f"{path} line {raw.at[i, '_line']}: level unit is {raw.at[i, 'unit']!r} — expected '100m_yuan'"
        )
    figs = raw.loc[is_fig].copy()
    figs["column"] = figs["measure"].map(TIDY_MEASURES)
    key = ["region_code", "region_name", "period", "item"]
    dup = figs.duplicated(key + ["column"], keep=False)
    if dup.any():
        rows = figs.loc[dup, "source"].head(2).tolist()
        raise InputFormatError(f"{path}: the same figure is given twice ({' and '.join(rows)})")
    wide = figs.set_index(key + ["column"])["value"].unstack("column").reset_index()
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
        "value_100m_yuan": wide["value_100m_yuan"].astype(float), "yoy_pct": wide["yoy_pct"].astype(float),
        "mom_sa_pct": np.nan, "source": wide["src"], "source_url": wide["url"],
    })
    tgt = raw.loc[~is_fig].copy()
    tgt["parent_name"] = tgt["parent"].str.strip().replace("", None)
    tgt["source"] = tgt["source"] + " (" + tgt["source_note"] + ")"
    tgt = tgt[TARGET_COLUMNS].reset_index(drop=True)
    return tidy[TIDY_COLUMNS].reset_index(drop=True), tgt


def build(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build (tidy, targets) from the bundled raw folder; pure: writes nothing.

    >>> tidy, targets = build(Path("data/raw"))  # doctest: +SKIP
    >>> len(targets)  # doctest: +SKIP
    42
    """
    raw_dir = Path(raw_dir)
    local_tidy, targets = read_local(raw_dir / LOCAL_FILE)
    tidy = pd.concat(
        [read_national(raw_dir / NATIONAL_FILE), read_provincial(raw_dir / PROVINCIAL_FILE), local_tidy],
        ignore_index=True,
    )
    tidy = tidy.sort_values(["region_code", "indicator", "period"], kind="stable").reset_index(drop=True)
    return conform_text(tidy), targets
