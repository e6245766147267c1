"""The public face of ``fai`` as data: each name ``fai.<name>`` resolves to (module, attribute).

``fai/__init__`` resolves them lazily (``import fai`` imports nothing heavy); the batch
planner reads the same table to know which modules a template reaches.
"""

from __future__ import annotations

# name -> (module, attribute or None for the module itself)
PUBLIC: dict[str, tuple[str, str | None]] = {
    "load": ("fai.data", "load"),
    "load_targets": ("fai.data", "load_targets"),
    "regions": ("fai.model.regions", None),
    "indicators": ("fai.model.indicators", None),
    "periods": ("fai.model.periods", None),
    "errors": ("fai.errors", None),
    "FaiError": ("fai.errors", "FaiError"),
    "MissingDataError": ("fai.errors", "MissingDataError"),
    "use_chinese_font": ("fai.presentation.fonts", "use_chinese_font"),
    # added by later modules (cleaning, metrics, bulletin); resolved on first use
    "normalize": ("fai.cleaning.normalize", None),
    "read_nbs_export": ("fai.readers.nbs_export", "read_nbs_export"),
    "read_bureau_table": ("fai.readers.bureau", "read_bureau_table"),
    "read_any": ("fai.readers", "read_any"),
    "build": ("fai.data", "build"),
    "metrics": ("fai.metrics", None),
    "narrative": ("fai.presentation.narrative", None),
    "growth": ("fai.metrics.growth", None),
    "structure": ("fai.metrics.structure", None),
    "comparison": ("fai.metrics.comparison", None),
    "targets": ("fai.metrics.targets", None),
    "plots": ("fai.presentation.plots", None),
    "params": ("fai.reports.context", None),
    "sections": ("fai.reports.sections", None),
    "style": ("fai.presentation.style", None),
    "report": ("fai.reports.html", None),
    "read_bulletin": ("fai.bulletin.parse", "read_bulletin"),
}
