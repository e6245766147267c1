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

from fai.public import PUBLIC as _LAZY


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
