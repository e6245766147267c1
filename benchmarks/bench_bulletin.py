"""`fai parse` on a 1 MB bulletin text (goal < 1 s, command start-up included). One JSON line.

The text is the bundled test corpus (tests/bulletin/corpus/*.txt, UTF-8 ones) repeated
up to 1,000,000 bytes, cut at a line end: county notices, national releases,
statistical bulletins, mojibake and traditional-character paragraphs. Reported:
the wall clock and the CPU time of the whole command (median of 3; on a busy
machine the CPU time is the steadier figure), and the wall clock of
``read_bulletin`` alone in this process (best of 3).

The text repeats one corpus about 40 times: a reader that memoised its results by
sentence (or clause, or head) text across the file would look fast here and gain nothing
on a real 1 MB text, where sentences do not repeat. Speed work must make each sentence
cheaper to read, never skip one because it was seen before.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "bulletin" / "corpus"
SIZE = 1_000_000


def build_text(size: int = SIZE) -> str:
    """The corpus texts repeated to ``size`` bytes of UTF-8, cut at a line end."""
    parts = []
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the GBK sample
            continue
    unit = "\n".join(parts)
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    data = text.encode("utf-8")[:size]
    return data[: data.rfind(b"\n") + 1].decode("utf-8")


def main() -> None:
    from fai.bulletin.parse import read_bulletin

    text = build_text()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bulletin_1mb.txt"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "fai.cli", "parse", str(path), "--format", "json"]
        walls, cpus, records = [], [], 0
        for _ in range(3):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            out = subprocess.run(command, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            records = len(json.loads(out.stdout))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read_bulletin(text[:20000])  # warm-up: imports, caches
        inproc = []
        for _ in range(3):
            start = time.perf_counter()
            read_bulletin(text)
            inproc.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "benchmark": "bulletin",
                "bytes": len(text.encode("utf-8")),
                "fai_parse_s": round(statistics.median(walls), 3),
                "fai_parse_cpu_s": round(statistics.median(cpus), 3),
                "read_bulletin_s": round(min(inproc), 3),
                "records": records,
                "goal_fai_parse_s": 1.0,
            }
        )
    )


if __name__ == "__main__":
    main()
