"""Numbers derived from the tidy table: single months, implied growth, shares,
contributions, ranks and target progress — numbers only, no words.

A report derives once (:func:`derive_metrics` of its table, in its context);
presentation takes the derived numbers.

>>> import fai
>>> d = derive_metrics(fai.load())  # every derived column, once
>>> row = d.query("region_code == '000000' and period == '2024-11' and indicator == 'fai_total'")
>>> float(row["month_value_100m_yuan"].iloc[0]), round(float(row["implied_yoy_pct"].iloc[0]), 2)
(42617.0, 1.09)
"""

from fai.metrics import comparison, growth, panel, structure, targets
from fai.metrics.table import (
    derive_metrics,
    ensure_derived,
    headline,
    is_derived,
    metrics_table,
    resolve_period,
    to_records,
)

__all__ = [
    "comparison",
    "derive_metrics",
    "ensure_derived",
    "growth",
    "headline",
    "is_derived",
    "metrics_table",
    "panel",
    "resolve_period",
    "structure",
    "targets",
    "to_records",
]
