"""Numbers derived from the tidy table: single months, implied growth, shares,
contributions, ranks and target progress — numbers only, no words.

A report derives once (:func:`derive_metrics` of its table, in its context);
presentation takes the derived numbers.
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
