"""Lean start-up for fai's own processes (the ``fai`` command and the batch's workers).

``nbformat`` validates notebooks with ``jsonschema``. Where JupyterLab is installed,
``jsonschema`` finds the optional ``rfc3987-syntax`` package and imports it for its
``iri`` format checker, which compiles a Lark grammar at import: about 1 s of every
``fai run`` start and 2 s of every worker's start on a 2-core machine, for a checker
nbformat never calls (the notebook schema has no ``iri`` field and nbformat checks no
formats). :func:`skip_slow_optional_imports` makes that import fail in our own
processes, so ``jsonschema`` goes without that checker, as it does wherever the package
is absent. Notebooks' kernels and the analyst's own Python are never touched.

A batch worker goes further (:func:`lean_worker`): ``papermill`` imports ``pyarrow.fs``
for its ``hdfs://`` paths (and with it pyarrow and numpy: ~0.3 s of CPU), while a
worker only ever hands papermill a notebook in memory; the worker's kernel is another
process and imports what it likes.

>>> SLOW_OPTIONAL, WORKER_UNUSED
(('rfc3987_syntax',), ('pyarrow.fs',))
"""

from __future__ import annotations

import sys

#: optional packages that cost much at import and that nothing fai runs uses
SLOW_OPTIONAL = ("rfc3987_syntax",)
#: what papermill imports for paths a batch worker never gives it (hdfs://)
WORKER_UNUSED = ("pyarrow.fs",)


def skip_slow_optional_imports(names: tuple[str, ...] = SLOW_OPTIONAL) -> None:
    """Make ``import`` of each of ``names`` raise ImportError in this process (unless it is
    imported already)."""
    for name in names:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type] - None: "not importable"


def lean_worker() -> None:
    """:func:`skip_slow_optional_imports`, and :data:`WORKER_UNUSED` too: for fai's own
    worker processes, which run papermill on notebooks in memory and nothing else."""
    skip_slow_optional_imports((*SLOW_OPTIONAL, *WORKER_UNUSED))
