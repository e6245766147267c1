"""The public face of ``fai`` as data: each name ``fai.<name>`` resolves to (module, attribute).

``fai/__init__`` resolves them lazily (``import fai`` imports nothing heavy); the batch
planner reads the same table to know which modules a template reaches. What a notebook
or an analyst calls is here, and nothing else.
"""

from __future__ import annotations

# name -> (module, attribute or None for the module itself)
PUBLIC: dict[str, tuple[str, str | None]] = {
    # the data
    "load": ("fai.data", "load"),
    "load_targets": ("fai.data", "load_targets"),
    "read_nbs_export": ("fai.readers.nbs_export", "read_nbs_export"),
    "read_bureau_table": ("fai.readers.bureau", "read_bureau_table"),
    "read_any": ("fai.readers", "read_any"),
    "build": ("fai.data", "build"),
    "read_bulletin": ("fai.bulletin.parse", "read_bulletin"),
    "normalize": ("fai.cleaning.normalize", None),
    # registries
    "regions": ("fai.model.regions", None),
    "indicators": ("fai.model.indicators", None),
    "periods": ("fai.model.periods", None),
    # numbers
    "metrics": ("fai.metrics", None),
    "derive_metrics": ("fai.metrics.table", "derive_metrics"),
    "metrics_table": ("fai.metrics.table", "metrics_table"),
    "compare_regions": ("fai.metrics.comparison", "compare_regions"),
    # words, charts, tables
    "narrative": ("fai.presentation.narrative", None),
    "plots": ("fai.reports.charts", None),  # the charts of fai.presentation.plots, taking any table
    "tables": ("fai.presentation.tables", None),
    "use_chinese_font": ("fai.presentation.fonts", "use_chinese_font"),
    # reports
    "open_report": ("fai.reports.context", "open_report"),
    "sections": ("fai.reports.sections", None),
    "report": ("fai.reports.html", None),  # export_html, save_headline (the batch and probe notebooks)
    # errors
    "errors": ("fai.errors", None),
    "FaiError": ("fai.errors", "FaiError"),
    "MissingDataError": ("fai.errors", "MissingDataError"),
}
