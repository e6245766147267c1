"""What every report section is: a sentence, optionally a figure and a table,
shown by Jupyter in that order; and the pieces sections share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from fai.model import indicators
from fai.presentation.narrative import no_data_sentence
from fai.reports.context import Context, tree_indicators


@dataclass
class Section:
    """What a report section shows: a sentence, optionally a figure and a table.

    ``data`` keeps the unformatted numbers (a metrics table or a dict) for
    whoever wants to reuse them; ``has_data`` is False for a "no data" section.
    """

    sentence: str
    figure: Any = None
    table: pd.DataFrame | None = None
    data: Any = None
    has_data: bool = True

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display({"text/markdown": self.sentence, "text/plain": self.sentence}, raw=True)
        if self.figure is not None:
            display(self.figure)
        if self.table is not None:
            table = self.table
            if isinstance(table.index, pd.RangeIndex):  # the first column names the rows
                table = table.set_index(table.columns[0])
            display(table)

    def __repr__(self) -> str:
        return self.sentence


def no_data(ctx: Context, key: str) -> Section:
    """The one-sentence section of a region without data for it (``key``: the
    section, e.g. "single_month")."""
    return Section(no_data_sentence(key, ctx.region_name, ctx.lang), data=None, has_data=False)


def upto(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Rows up to ``period`` (a report never shows what comes after its period)."""
    return frame[frame["period"] <= period]


def components(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows of the parts of total investment that have ``column``."""
    in_tree = set(tree_indicators()) - {"fai_total"}
    return frame[frame["indicator"].isin(in_tree) & frame[column].notna()]


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in registry order of their indicators."""
    order = {k: i for i, k in enumerate(indicators.keys())}
    return frame.assign(_o=frame["indicator"].map(order)).sort_values("_o").drop(columns="_o")
