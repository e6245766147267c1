"""The public face (``src/fai/__init__.py``, ``src/fai/public.py``): what ``dir(fai)``, tab
completion and ``help(fai)`` show an analyst, every name with a docstring and an example that
runs, and the first five minutes — load, select, compute, chart, a section for two regions —
working from the docstrings alone."""

from __future__ import annotations

import doctest
import inspect
import pydoc

import matplotlib
import matplotlib.figure
import pandas as pd
import pytest

import fai
from fai.errors import ParameterError
from fai.public import PUBLIC

matplotlib.use("Agg")

INTERNALS = {"annotations", "Any", "importlib", "import_module", "PUBLIC", "_PUBLIC", "sys", "Path"}


def _complete(text: str) -> list[str]:
    """What IPython's tab completion (jedi) offers after ``text`` in a shell that imported fai."""
    from IPython.core.completer import provisionalcompleter
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("import fai", store_history=False)
    with provisionalcompleter():
        return [c.text for c in shell.Completer.completions(text, len(text))]


def test_dir_lists_the_public_face_only():
    assert sorted(dir(fai)) == sorted(["__version__", *PUBLIC])
    assert not INTERNALS & set(dir(fai))


def test_tab_completion_of_fai_lists_what_an_analyst_calls():
    offered = set(_complete("fai."))
    assert offered == set(PUBLIC), sorted(offered ^ set(PUBLIC))


def test_tab_completion_of_fai_plots_lists_the_charts_only():
    offered = set(_complete("fai.plots."))
    assert offered == set(fai.plots.__all__), sorted(offered ^ set(fai.plots.__all__))


def test_help_fai_opens_with_the_first_five_minutes_and_shows_no_internals():
    text = pydoc.render_doc(fai, renderer=pydoc.plaintext)
    description = text.split("DESCRIPTION", 1)[1].split("PACKAGE CONTENTS", 1)[0]
    for call in ("fai.load()", "fai.regions.resolve", "fai.metrics_table", "fai.plots.", "fai.sections.headline"):
        assert call in description, call
    functions = text.split("FUNCTIONS", 1)[1].split("VERSION", 1)[0]
    shown = {line.split("(", 1)[0].strip() for line in functions.splitlines() if line.startswith("    ") and
             not line.startswith("     ") and "(" in line}
    assert shown and shown <= set(PUBLIC), shown - set(PUBLIC)
    assert "__getattr__" not in text and "_PUBLIC" not in text and "import_module" not in text


def _examples(name: str, obj: object) -> list[doctest.DocTest]:
    module = obj if inspect.ismodule(obj) else inspect.getmodule(obj)
    globs = {**vars(module), "fai": fai}
    return doctest.DocTestFinder(recurse=False).find(obj, f"fai.{name}", module=module, globs=globs)


def _run(tests: list[doctest.DocTest]) -> str:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    for test in tests:
        runner.run(test, out=out.append, clear_globs=False)
    return "".join(out)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_name_has_a_docstring_with_an_example_that_runs(name):
    obj = getattr(fai, name)
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"fai.{name} has no docstring"
    assert ">>>" in doc, f"fai.{name}: its docstring has no example (>>>)"
    failures = _run(_examples(name, obj))
    assert not failures, failures


def test_the_first_five_minutes_in_help_fai_run_as_written():
    """load, filter a province, compute, chart, the same section for two regions."""
    tests = doctest.DocTestFinder(recurse=False).find(fai, "fai", globs={})
    assert sum(len(t.examples) for t in tests) >= 8
    failures = _run(tests)
    assert not failures, failures


# ----------------------------------------------------------------------------- fai.plots
def test_fai_plots_offers_every_chart_of_the_presentation():
    from fai.presentation import plots

    assert set(plots.__all__) <= set(fai.plots.__all__), "a new chart: add it to fai/reports/charts.py"


@pytest.mark.parametrize("name", sorted(fai.plots.__all__))
def test_every_chart_draws_from_the_table_an_analyst_has(name):
    """Each chart's docstring example — the tidy table of fai.load() (or fai.load_targets()) —
    draws a Figure with a title, instead of the KeyError the presentation functions raise."""
    chart = getattr(fai.plots, name)
    assert chart.__doc__.splitlines()[0].strip(), name
    assert inspect.signature(chart) == inspect.signature(chart.__wrapped__), "the chart's own arguments"
    tests = _examples(f"plots.{name}", chart)
    failures = _run(tests)
    assert not failures, failures
    fig = tests[0].globs["fig"]
    assert isinstance(fig, matplotlib.figure.Figure) and fig.get_suptitle(), name


def test_a_chart_of_derived_numbers_takes_the_tidy_table_and_never_changes_it(tidy):
    before = tidy.copy()
    fig = fai.plots.plot_single_month(tidy, "全国")
    assert fig.get_suptitle().startswith("全国固定资产投资：单月投资额")
    pd.testing.assert_frame_equal(tidy, before)
    derived = fai.derive_metrics(tidy)
    assert fai.plots.plot_single_month(derived, "全国").get_suptitle() == fig.get_suptitle()


def test_a_ranking_from_the_tidy_table_compares_all_children_in_a_common_period(tidy):
    """全国's children: 东北 publishes 2025 up to 1—11月, so the ranking is of 2025-11, with all four."""
    fig = fai.plots.plot_ranking(tidy, "全国")
    assert "2025年1—11月" in fig.get_suptitle()
    assert {t.get_text() for t in fig.axes[0].get_yticklabels()} == {"东部", "中部", "西部", "东北"}


def test_a_chart_handed_something_else_says_what_to_pass():
    with pytest.raises(ParameterError, match=r"fai.plots.* expected the tidy table \(df = fai.load\(\)\)"):
        fai.plots.plot_single_month({"region": "北京市"}, "北京市")


def test_outside_jupyter_a_chart_is_not_kept_by_pyplot(tidy):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fai.plots.plot_yoy_history(tidy, "北京市")
    assert plt.get_fignums() == before


# ----------------------------------------------------------------------------- fai.sections
def test_every_section_takes_a_region_name():
    # omitted(ctx) sums up the sections one report context has shown: a region name has shown none
    sections = [n for n in fai.sections.__all__ if n not in {"Section", "Line", "headline_data", "omitted"}]
    for name in sections:
        assert hasattr(getattr(fai.sections, name), "__wrapped__"), f"fai.sections.{name} takes a context only"


def test_a_section_for_one_region_then_another():
    beijing = fai.sections.headline("北京市")
    shanghai = fai.sections.headline("上海市")
    assert beijing.has_data and shanghai.has_data
    assert "北京市" in beijing.sentence and "上海市" in shanghai.sentence
    assert beijing.data["yoy_pct"] == 3.0  # 北京市 1—6月 2026: +3.0 % (published, provincial_panel.csv)


def test_a_section_handed_something_else_says_what_to_pass():
    with pytest.raises(ParameterError, match=r"fai.sections.headline: .*expected a report context"):
        fai.sections.headline(110000.0)
