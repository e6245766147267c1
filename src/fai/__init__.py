"""fai — China fixed-asset-investment (固定资产投资) analytics for Jupyter.

The public face (resolved lazily: ``import fai`` does no I/O and stays fast)::

    fai.load()                    the validated tidy table (data/processed, else data/raw)
    fai.load_targets()            targets, project groups, task contests, ranks
    fai.read_any(path)            read an NBS export, a bureau table or a tidy CSV
    fai.read_bulletin(text)       figures read from a bulletin's text
    fai.regions, fai.indicators   registries: codes, parents, Chinese and English names
    fai.periods                   "YYYY-MM" periods and their labels
    fai.derive_metrics(df)        single months, implied growth, shares, contributions
    fai.metrics_table(df, region, period)   one region's metrics in one period
    fai.compare_regions(df, parent, ...)    peers ranked, gaps to the parent
    fai.open_report(region, period_end, lang)   a report's context: data loaded, metrics derived once
    fai.sections.<name>(ctx)      one report section: sentence, chart, table
    fai.plots, fai.narrative, fai.tables    charts, bulletin sentences, formatted tables
    fai.FaiError                  every error fai raises on purpose

>>> import fai
>>> ctx = fai.open_report("全国", "2024-11")        # doctest: +SKIP
>>> fai.sections.headline(ctx)                      # doctest: +SKIP
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
