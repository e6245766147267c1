"""Numbers derived from the tidy table: single months, implied growth, shares, contributions,
ranks and target progress — numbers only, no words."""

from fai.metrics.table import derive_metrics, headline, metrics_table, resolve_period, to_records

__all__ = ["derive_metrics", "headline", "metrics_table", "resolve_period", "to_records"]
