"""Region registry: build once, then look-ups in hot paths. Prints one JSON line.

``build_ms``: the first look-up of a process (the official list, former names, the
project's and the user's regions, the alias tables); then per call, in µs:
``resolve_us`` a name seen before (cached), ``resolve_cold_us`` every official
name once (uncached), ``qualified_us`` a name with its parent (北京市朝阳区,
uncached), ``get_us`` an entry by code, ``ancestors_us`` a county's chain,
``named_in_us`` the region named in a 30-character table title.
"""

from __future__ import annotations

import json
import time
import timeit

import pandas  # noqa: F401 - imported first so build_ms is the registry's own time


def main() -> None:
    from fai.model import regions

    start = time.perf_counter()
    regions.registry()
    build_ms = (time.perf_counter() - start) * 1000
    reg = regions._reg()  # the one instance, to time uncached look-ups
    names = list(regions.registry()["region_name"])
    start = time.perf_counter()
    for name in names:
        reg._candidates(name)
    cold_us = (time.perf_counter() - start) / len(names) * 1e6
    qualified = ["北京市朝阳区", "吉林省长春市朝阳区", "浙江安吉县", "朝阳区, 北京市"]
    start = time.perf_counter()
    for _ in range(200):
        for name in qualified:
            reg._candidates(name)
    qualified_us = (time.perf_counter() - start) / (200 * len(qualified)) * 1e6

    def per_call(stmt: str, n: int = 100_000) -> float:
        return round(timeit.timeit(stmt, globals={"regions": regions}, number=n) / n * 1e6, 2)

    print(json.dumps({
        "benchmark": "regions",
        "regions": len(names),
        "build_ms": round(build_ms, 1),
        "resolve_us": per_call('regions.resolve("余杭区")'),
        "resolve_cold_us": round(cold_us, 2),
        "qualified_us": round(qualified_us, 2),
        "get_us": per_call('regions.get("330110")'),
        "ancestors_us": per_call('regions.ancestors("330523")'),
        "named_in_us": per_call('regions.named_in("浙江省安吉县2025年1-9月固定资产投资主要指标")', 10_000),
    }))


if __name__ == "__main__":
    main()
