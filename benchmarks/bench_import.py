"""How much `import fai` costs on top of `import pandas` (goal < 0.2 s). One JSON line."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time


def _time(code: str, runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    pandas_s = _time("import pandas")
    both_s = _time("import pandas, fai")
    load_s = _time("import fai; fai.load()")
    print(json.dumps({
        "benchmark": "import",
        "import_pandas_s": round(pandas_s, 3),
        "import_pandas_and_fai_s": round(both_s, 3),
        "fai_over_pandas_s": round(both_s - pandas_s, 3),
        "import_fai_and_load_s": round(load_s, 3),
        "goal_fai_over_pandas_s": 0.2,
    }))


if __name__ == "__main__":
    main()
