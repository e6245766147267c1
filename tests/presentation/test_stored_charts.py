"""Charts kept between batch runs (fai.presentation.stored_charts): read when drawn before
from the same rows, drawn when anything they show changed, a real figure when touched."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from fai.presentation import plots
from fai.presentation.blocks import DPI, figure_png
from fai.presentation.stored_charts import STORE_ENV, StoredChart, chart_key, prune, stored_chart


def _table(growth: float = 8.4) -> pd.DataFrame:
    return pd.DataFrame({
        "region_code": ["110000", "120000", "130000"], "indicator": ["fai_total"] * 3,
        "period": ["2024-11"] * 3, "yoy_pct": [growth, -2.1, 3.0], "parent_yoy_pct": [3.3] * 3,
        "source_url": ["https://www.stats.gov.cn/x"] * 3,
    })


def _draw(table: pd.DataFrame):
    return stored_chart(plots.plot_ranking, table, "000000", "2024-11", png=figure_png, dpi=DPI, lang="zh")


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "charts"))
    return tmp_path / "charts"


def test_a_chart_drawn_once_is_read_the_next_time_with_the_same_picture(store):
    first = _draw(_table())
    assert not isinstance(first, StoredChart)
    (kept,) = store.glob("*.png")
    assert kept.read_bytes() == figure_png(first)
    again = _draw(_table())
    assert isinstance(again, StoredChart)
    assert figure_png(again) == figure_png(first)


def test_a_changed_value_or_argument_is_drawn_again(store):
    _draw(_table())
    assert not isinstance(_draw(_table(8.5)), StoredChart)
    other = stored_chart(plots.plot_ranking, _table(), "000000", "2024-11", png=figure_png, dpi=DPI, lang="en")
    assert not isinstance(other, StoredChart)
    assert len(list(store.glob("*.png"))) == 3


def test_a_matplotlib_setting_the_theme_leaves_alone_draws_its_own_picture(store):
    # a notebook (or a matplotlibrc) that sets a colour map, a marker, a DPI: the stored
    # picture drawn without it must not be shown; the theme's own settings do not count
    import matplotlib as mpl

    first = figure_png(_draw(_table()))
    with mpl.rc_context({"lines.marker": "o", "patch.force_edgecolor": True}):
        changed = _draw(_table())
        assert not isinstance(changed, StoredChart)
        assert figure_png(changed) != first
    with mpl.rc_context({"axes.titlesize": 30}):  # the theme sets it again before drawing
        assert isinstance(_draw(_table()), StoredChart)
    assert isinstance(_draw(_table()), StoredChart)
    assert len(list(store.glob("*.png"))) == 2


def test_a_stored_chart_becomes_the_figure_when_touched_and_shows_the_change(store):
    _draw(_table())
    chart = _draw(_table())
    stored = figure_png(chart)
    chart.axes[0].set_title("changed by the analyst")  # draws the figure, then changes it
    assert chart.figure is not None
    assert figure_png(chart) != stored


def test_a_file_cut_short_is_drawn_again_and_replaced(store):
    first = figure_png(_draw(_table()))
    (kept,) = store.glob("*.png")
    kept.write_bytes(kept.read_bytes()[:100])
    assert not isinstance(_draw(_table()), StoredChart)
    assert kept.read_bytes() == first


def test_without_a_store_charts_are_drawn_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv(STORE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert not isinstance(_draw(_table()), StoredChart)
    assert list(tmp_path.iterdir()) == []


def test_a_store_that_cannot_be_written_is_not_used(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(STORE_ENV, str(blocker / "charts"))
    assert not isinstance(_draw(_table()), StoredChart)


def test_only_fais_own_named_drawing_functions_are_stored(store):
    """A notebook's function or a lambda may change without fai changing (or share a name)."""
    assert chart_key(len, (_table(),), {}) is None
    assert chart_key(lambda t: t, (_table(),), {}) is None
    assert not isinstance(stored_chart(lambda t: plots.plot_ranking(t, "000000"), _table(), png=figure_png,
                                       dpi=DPI), StoredChart)
    assert not isinstance(stored_chart(lambda t: plots.plot_ranking(t, "000000"), _table(), png=figure_png,
                                       dpi=DPI), StoredChart)
    assert list(store.glob("*.png")) == []


def test_the_key_names_every_argument_by_its_content():
    draw = plots.plot_ranking
    assert chart_key(draw, (_table(),), {}) == chart_key(draw, (_table(),), {})
    assert chart_key(draw, (_table(),), {}) != chart_key(draw, (_table().rename(columns={"yoy_pct": "x"}),), {})
    assert chart_key(draw, (_table(),), {}) != chart_key(draw, (_table().astype({"yoy_pct": "float32"}),), {})
    assert chart_key(draw, (_table(),), {"lang": "zh"}) != chart_key(draw, (_table(),), {"lang": "en"})
    assert chart_key(draw, (_table(),), {}) != chart_key(plots.plot_heatmap, (_table(),), {})
    assert chart_key(draw, (object(),), {}) is None  # content unknown: not stored
    # the same values typed otherwise, a category's order, an index, a time zone: other keys
    same = pd.DataFrame({"a": ["1", None]})
    assert chart_key(draw, (same,), {}) == chart_key(draw, (same.copy(),), {})
    assert chart_key(draw, (same,), {}) != chart_key(draw, (pd.DataFrame({"a": [1, None]}),), {})
    cats = pd.DataFrame({"a": pd.Categorical(["x", "y"], categories=["x", "y"])})
    flipped = pd.DataFrame({"a": pd.Categorical(["x", "y"], categories=["y", "x"])})
    assert chart_key(draw, (cats,), {}) != chart_key(draw, (flipped,), {})
    assert chart_key(draw, (same,), {}) != chart_key(draw, (same.set_axis([5, 6]),), {})
    times = pd.DataFrame({"t": pd.to_datetime(["2024-01-01"]).tz_localize("Asia/Shanghai")})
    assert chart_key(draw, (times,), {}) == chart_key(draw, (times.copy(),), {})
    assert chart_key(draw, (times,), {}) != chart_key(draw, (times.assign(t=times["t"] + pd.Timedelta("1h")),), {})


def test_prune_keeps_this_version_and_its_most_recent_charts(tmp_path):
    old, now = tmp_path / "old", tmp_path / "now"
    old.mkdir(), now.mkdir()
    (old / "a.png").write_bytes(b"x")
    for i in range(5):
        (now / f"{i}.png").write_bytes(b"x")
        os.utime(now / f"{i}.png", (1_000_000 + i, 1_000_000 + i))
    prune(tmp_path, "now", 3)
    assert not old.exists()
    assert sorted(p.name for p in now.iterdir()) == ["2.png", "3.png", "4.png"]
    prune(tmp_path, "now", 0)
    assert list(now.iterdir()) == []
    prune(tmp_path / "absent", "now", 3)  # nothing there: nothing to do


def test_fai_run_gives_its_kernels_the_store_for_the_run_only(tmp_path, monkeypatch):
    from fai.cli.run import CHART_STORE, chart_store

    monkeypatch.delenv(STORE_ENV, raising=False)
    out = tmp_path / "reports"
    with chart_store(out, force=False) as folder:
        assert os.environ[STORE_ENV] == str(folder.absolute())
        assert folder.parent == out / CHART_STORE
        folder.mkdir(parents=True)
        (folder / "a.png").write_bytes(b"x")
    assert STORE_ENV not in os.environ  # a caller's environment is left as it was
    with chart_store(out, force=False):
        assert (folder / "a.png").exists()
    with chart_store(out, force=True):  # --force: every chart drawn again
        assert not (folder / "a.png").exists()
