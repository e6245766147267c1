"""Integer keys over the tidy table for fast, vectorised row look-ups.

Every derived metric needs "the same series one month earlier", "the same
period last year" or "the parent indicator in the same region and period".
Instead of merging DataFrames on string columns, :func:`build` turns
(region_code, indicator, period) into small integers once, and
:meth:`Panel.find` answers each look-up for all rows at once:

* dense layout (the usual case): a grid of row positions indexed by
  (region, month, indicator) — a look-up is one gather;
* sparse layout (few rows spread over many regions × months × indicators):
  sorted int64 keys and :func:`numpy.searchsorted`.

A 3.6-million-row panel is keyed in about a quarter of a second; categorical
columns are used as they are (their codes are free). Internal helper of
growth.py, structure.py, comparison.py and metrics.py. One row per
(region_code, period, indicator) is expected, as the schema requires.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from fai.model import indicators

PAD = 12  # months of padding on both sides of each series: shifts of ±12 stay inside
GRID_CELLS_PER_ROW = 8  # use the dense grid while it has at most this many cells per row …
GRID_MIN_CELLS = 1_000_000  # … or at most this many cells (4 MB) in all


def factorize(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """(int64 codes, uniques) of a column; categorical columns reuse their codes.

    >>> codes, uniques = factorize(pd.Series(["b", "a", "b"]))
    >>> codes.tolist(), list(uniques)
    ([0, 1, 0], ['b', 'a'])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(np.int64), pd.Index(values.cat.categories)
    codes, uniques = pd.factorize(values, sort=False)
    return codes.astype(np.int64, copy=False), pd.Index(uniques)


def period_index(periods: pd.Series) -> np.ndarray:
    """Months since year 0 (year × 12 + month − 1) of "YYYY-MM" periods, as int64.

    Parses each distinct period once, so it costs one factorize on big panels.

    >>> period_index(pd.Series(["2024-11", "2024-02", "2024-11"])).tolist()
    [24298, 24289, 24298]
    """
    codes, uniques = factorize(periods)
    text = pd.Series(uniques.astype(str))
    idx = (text.str.slice(0, 4).astype(np.int64) * 12 + text.str.slice(5, 7).astype(np.int64) - 1)
    return idx.to_numpy(np.int64)[codes]


@dataclass(frozen=True)
class Panel:
    """Integer codes of a tidy table's rows and the index that finds rows by them.

    ``slot`` = region × stride + local month (local = month − first month + PAD),
    so a shift of up to ±PAD months never leaves a region's block. Indicator
    codes are positions in ``indicator_keys`` (alphabetical), so parent links
    are plain integer maps.
    """

    indicator: np.ndarray    # int64 code in ``indicator_keys`` per row
    month_index: np.ndarray  # year × 12 + month − 1 per row
    slot: np.ndarray         # region × stride + local month, per row
    indicator_keys: list[str]
    grid: np.ndarray | None         # row position per (slot, indicator), −1 = none (dense layout)
    sorted_keys: np.ndarray | None  # slot × n_indicators + indicator, sorted (sparse layout)
    order: np.ndarray | None        # argsort of those keys

    @property
    def month(self) -> np.ndarray:
        """Calendar month (1–12) of each row."""
        return self.month_index % 12 + 1

    def find(self, *, month_shift: int | np.ndarray = 0, indicator: np.ndarray | None = None) -> np.ndarray:
        """Row position of the same region's row ``month_shift`` months later
        (negative = earlier, |shift| ≤ 12; an int or one shift per row),
        optionally of another indicator (per-row codes, −1 = none wanted);
        −1 where there is no such row.

        >>> df = pd.DataFrame({"region_code": ["000000"] * 2, "indicator": ["fai_total"] * 2,
        ...                    "period": ["2024-10", "2024-11"]})
        >>> build(df).find(month_shift=-1).tolist()  # 2024-11's previous month is row 0
        [-1, 0]
        """
        shift = np.asarray(month_shift, dtype=np.int64)
        if shift.size and np.max(np.abs(shift)) > PAD:
            raise ValueError(f"month_shift must be within ±{PAD}")
        wanted_ind = self.indicator if indicator is None else np.asarray(indicator, dtype=np.int64)
        ok = wanted_ind >= 0
        ind = np.where(ok, wanted_ind, 0) if indicator is not None else wanted_ind
        n_ind = len(self.indicator_keys)
        key = (self.slot + shift) * n_ind + ind
        if self.grid is not None:
            found = self.grid[key] if len(key) else np.zeros(0, dtype=np.int64)
            found = found.astype(np.int64, copy=False)
        elif len(self.sorted_keys):
            pos = np.minimum(np.searchsorted(self.sorted_keys, key), len(self.sorted_keys) - 1)
            found = np.where(self.sorted_keys[pos] == key, self.order[pos], -1)
        else:
            found = np.full(len(key), -1, dtype=np.int64)
        return found if indicator is None else np.where(ok, found, -1)

    def indicator_map(self, mapping: dict[str, str | None]) -> np.ndarray:
        """Per-row code of ``mapping[indicator]`` (e.g. each row's parent), −1 when None."""
        position = {k: i for i, k in enumerate(self.indicator_keys)}
        table = np.array(
            [position.get(mapping.get(k) or "", -1) for k in self.indicator_keys], dtype=np.int64
        )
        return table[self.indicator] if len(self.indicator) else self.indicator.copy()


def build(df: pd.DataFrame) -> Panel:
    """Key a tidy table (needs region_code, indicator, period); see :class:`Panel`."""
    region, region_uniques = factorize(df["region_code"])
    ind_codes, ind_uniques = factorize(df["indicator"])
    indicator_keys = sorted(set(indicators.keys()) | set(map(str, ind_uniques)))
    position = {k: i for i, k in enumerate(indicator_keys)}
    to_code = np.array([position[str(k)] for k in ind_uniques], dtype=np.int64)
    indicator = to_code[ind_codes] if len(ind_codes) else ind_codes
    month_index = period_index(df["period"])
    n = len(month_index)
    start = int(month_index.min()) if n else 0
    span = int(month_index.max()) - start + 1 if n else 1
    stride = span + 2 * PAD
    slot = region * stride + (month_index - start + PAD)
    n_ind = len(indicator_keys)
    keys = slot * n_ind + indicator
    cells = len(region_uniques) * stride * n_ind
    if cells <= max(GRID_CELLS_PER_ROW * n, GRID_MIN_CELLS):
        dtype = np.int32 if n < 2**31 else np.int64
        grid = np.full(cells, -1, dtype=dtype)
        grid[keys[::-1]] = np.arange(n - 1, -1, -1, dtype=dtype)  # a repeated key keeps its first row
        return Panel(indicator, month_index, slot, indicator_keys, grid, None, None)
    order = np.argsort(keys, kind="stable")
    return Panel(indicator, month_index, slot, indicator_keys, None, keys[order], order)


def take(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``values[positions]`` as float with NaN where the position is −1.

    >>> take(np.array([1.0, 2.0]), np.array([1, -1])).tolist()
    [2.0, nan]
    """
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return np.full(len(positions), np.nan)
    out = values[np.maximum(positions, 0)]
    return np.where(positions >= 0, out, np.nan)
