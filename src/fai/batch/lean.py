"""Lean start-up for fai's own processes (the ``fai`` command and the batch's workers).

``nbformat`` validates notebooks with ``jsonschema``. Where JupyterLab is installed,
``jsonschema`` finds the optional ``rfc3987-syntax`` package and imports it for its
``iri`` format checker, which compiles a Lark grammar at import: about 1 s of every
``fai run`` start and 2 s of every worker's start on a 2-core machine, for a checker
nbformat never calls (the notebook schema has no ``iri`` field and nbformat checks no
formats). :func:`skip_slow_optional_imports` makes that import fail in our own
processes, so ``jsonschema`` goes without that checker, as it does wherever the package
is absent. Notebooks' kernels and the analyst's own Python are never touched.

>>> SLOW_OPTIONAL
('rfc3987_syntax',)
"""

from __future__ import annotations

import sys

#: optional packages that cost much at import and that nothing fai runs uses
SLOW_OPTIONAL = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """Make ``import`` of each :data:`SLOW_OPTIONAL` package raise ImportError in this
    process (unless it is imported already)."""
    for name in SLOW_OPTIONAL:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type] - None: "not importable"
