"""Every example in the package's docstrings runs as written (examples that need files of a run
say ``# doctest: +SKIP``): an example that no longer holds (data bundled since, a renamed
reads) fails here, not in a reader's notebook."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib
import pytest

import fai

matplotlib.use("Agg")

MODULES = sorted(m.name for m in pkgutil.walk_packages(fai.__path__, "fai.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_of_every_module_run_as_written(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             report=False, verbose=False)
    assert result.failed == 0, (f"{name}: {result.failed} of {result.attempted} examples fail "
                                f"(python -m pytest --doctest-modules {module.__file__})")
