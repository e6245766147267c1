"""fai — China fixed-asset-investment (固定资产投资) analytics for Jupyter.

Public API (imported lazily so ``import fai`` does no I/O and stays fast)::

    fai.load()            the validated tidy table of the bundled data
    fai.load_targets()    targets, project groups, contests, ranks
    fai.regions           region registry (codes, parents, names)
    fai.indicators        indicator registry (labels, units, parents)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> (module, attribute or None for the module itself)
_LAZY: dict[str, tuple[str, str | None]] = {
    "load": ("fai.store", "load"),
    "load_targets": ("fai.store", "load_targets"),
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
    "read_any": ("fai.readers.ingest", "read_any"),
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


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'fai' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = ["__version__", *_LAZY.keys()]  # noqa: PLE0604
