"""fai — China fixed-asset-investment (固定资产投资) statistics for Jupyter.

An analyst's first five minutes, on the bundled data (in JupyterLab every
chart and section below shows itself; ``help(fai.<name>)`` has more)::

    >>> import fai
    >>> df = fai.load()                            # the tidy table: a row per region, period, indicator
    >>> df.columns.tolist()[:6]
    ['region_code', 'region_name', 'period', 'indicator', 'value_100m_yuan', 'yoy_pct']
    >>> bj = df[df["region_code"] == fai.regions.resolve("北京")]      # one province ('110000')
    >>> float(bj.query("indicator == 'fai_total' and period == '2025-12'")["yoy_pct"].iloc[0])
    5.5
    >>> m = fai.metrics_table(df, "全国", "2024-11")  # single months, implied growth, shares, 拉动
    >>> float(m.set_index("indicator").loc["fai_total", "month_value_100m_yuan"])
    42617.0
    >>> fig = fai.plots.plot_yoy_history(df, "北京市")  # a chart: a matplotlib Figure
    >>> section = fai.sections.headline("北京市")    # a report section: sentence, chart, table
    >>> section = fai.sections.headline("上海市")    # the same section for another region

The public face — ``dir(fai)``; ``import fai`` does no I/O and stays fast::

    data         load() the tidy table, load_targets() targets and projects, build() from data/raw/;
                 read_any(path), read_nbs_export, read_bureau_table, read_bulletin(text) one input
    registries   regions (names, codes, parents), indicators (keys, labels), periods ("YYYY-MM")
    numbers      derive_metrics(df), metrics_table(df, region, period), compare_regions(df, parent),
                 metrics (the functions behind them)
    charts       plots.plot_*(df, region, …) — any table: the tidy one is derived first
    reports      open_report(region, period_end, lang) → ctx; sections.<name>(ctx or region);
                 narrative (sentences), tables (formatted), report (HTML export), use_chinese_font()
    errors       FaiError (every error fai raises on purpose), MissingDataError, errors

Where things live: ``src/fai/public.py`` maps each name to its module.
"""

from fai.public import PUBLIC as _PUBLIC

__version__ = "0.1.0"


def __getattr__(name: str):
    try:
        module_name, attr = _PUBLIC[name]
    except KeyError:
        raise AttributeError(f"module 'fai' has no attribute {name!r}") from None
    from importlib import import_module

    module = import_module(module_name)
    value = module if attr is None else getattr(module, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(["__version__", *_PUBLIC])


__all__ = ["__version__", *_PUBLIC]  # noqa: PLE0604
