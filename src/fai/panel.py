"""Integer keys over the tidy table for fast, vectorised row look-ups.

Every derived metric needs "the same series one month earlier", "the same
period last year" or "the parent indicator in the same region and period".
Instead of merging DataFrames on string columns, :class:`Panel` turns
(region_code, indicator, period) into one int64 key per row, sorts the keys
once, and answers each look-up with :func:`numpy.searchsorted`. A 3.6-million
row panel is keyed in well under a second; categorical columns are used as
they are (their codes are free).

Internal helper of growth.py, structure.py and comparison.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from fai import indicators


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
    """Sorted int64 keys of a tidy table (one per row) and the parts they are made of.

    key = (region × n_indicators + indicator) × stride + local, where local is
    the month index shifted so that local − 12 never leaves its series.
    Indicator codes follow the registry order, so parent links are plain
    integer maps.
    """

    region: np.ndarray      # int64 code of region_code per row
    indicator: np.ndarray   # int64 code in ``indicator_keys`` per row
    month_index: np.ndarray  # year × 12 + month − 1 per row
    local: np.ndarray       # month_index − start + 12
    indicator_keys: list[str]
    stride: int
    order: np.ndarray       # argsort of keys
    sorted_keys: np.ndarray

    @property
    def month(self) -> np.ndarray:
        """Calendar month (1–12) of each row."""
        return self.month_index % 12 + 1

    @property
    def year(self) -> np.ndarray:
        """Calendar year of each row."""
        return self.month_index // 12

    def key(self, region: np.ndarray, indicator: np.ndarray, local: np.ndarray) -> np.ndarray:
        """Keys of arbitrary (region, indicator, local month) triples."""
        return (region * len(self.indicator_keys) + indicator) * self.stride + local

    def find(
        self,
        *,
        month_shift: int = 0,
        indicator: np.ndarray | None = None,
    ) -> np.ndarray:
        """Row position of the same region's row ``month_shift`` months later
        (negative = earlier), optionally of another indicator; −1 when absent.

        ``indicator`` holds per-row indicator codes (−1 = no such row wanted).
        """
        ind = self.indicator if indicator is None else indicator
        if len(self.sorted_keys) == 0:
            return np.full(len(ind), -1, dtype=np.int64)
        local = self.local + month_shift
        wanted = (ind >= 0) & (local >= 0) & (local < self.stride)
        targets = self.key(self.region, np.where(ind >= 0, ind, 0), local)
        pos = np.minimum(np.searchsorted(self.sorted_keys, targets), len(self.sorted_keys) - 1)
        hit = wanted & (self.sorted_keys[pos] == targets)
        return np.where(hit, self.order[pos], -1)

    def indicator_map(self, mapping: dict[str, str | None]) -> np.ndarray:
        """Per-row code of ``mapping[indicator]`` (e.g. each row's parent), −1 when None."""
        position = {k: i for i, k in enumerate(self.indicator_keys)}
        table = np.array(
            [position.get(mapping.get(k) or "", -1) for k in self.indicator_keys], dtype=np.int64
        )
        return table[self.indicator] if len(self.indicator) else self.indicator.copy()


def build(df: pd.DataFrame) -> Panel:
    """Key a tidy table (needs region_code, indicator, period).

    >>> df = pd.DataFrame({"region_code": ["000000"] * 2, "indicator": ["fai_total"] * 2,
    ...                    "period": ["2024-10", "2024-11"]})
    >>> build(df).find(month_shift=-1).tolist()  # 2024-11's previous month is row 0
    [-1, 0]
    """
    region, _ = factorize(df["region_code"])
    ind_codes, ind_uniques = factorize(df["indicator"])
    registry_keys = indicators.keys()
    extra = [k for k in map(str, ind_uniques) if k not in set(registry_keys)]
    indicator_keys = registry_keys + extra
    position = {k: i for i, k in enumerate(indicator_keys)}
    to_registry = np.array([position[str(k)] for k in ind_uniques], dtype=np.int64)
    indicator = to_registry[ind_codes] if len(ind_codes) else ind_codes
    month_index = period_index(df["period"])
    start = int(month_index.min()) if len(month_index) else 0
    span = int(month_index.max()) - start + 1 if len(month_index) else 1
    local = month_index - start + 12
    stride = span + 24
    keys = (region * len(indicator_keys) + indicator) * stride + local
    order = np.argsort(keys, kind="stable")
    return Panel(
        region=region, indicator=indicator, month_index=month_index, local=local,
        indicator_keys=indicator_keys, stride=stride, order=order, sorted_keys=keys[order],
    )


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
