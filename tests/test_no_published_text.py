"""No sentence of the real published texts (../shared/bulletins_dev) is copied into src/ or tests/.

Tests and comments use our own sentences in the same shape (other places, other numbers,
other wording). This test looks at every run of Chinese text with figures in src/ and tests/
(at least one digit and six ideographs) and fails when any WINDOW-character stretch of it
occurs verbatim in a text of the dev folder, that stretch itself holding a digit and six
ideographs. Label vocabulary (industry names, indicator names) carries no digit and so is
never looked at. WINDOW is 14, not 12: at 12 a label with the first digit of its figure
(``全县固定资产投资同比增长1``) is common to any two bulletins, while 14 still finds a
sentence copied with its numbers changed (14 characters up to its first digit). Skipped
with a reason when the folder is absent. The two snapshot files of numbers
(tests/bulletin/dev_records.json, dev_parse_records.json) are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fai.bulletin.devscore import dev_folder
from fai.bulletin.source import decode_text

ROOT = Path(__file__).resolve().parents[1]
WINDOW = 14
RUN = re.compile(r"[\u4e00-\u9fff0-9０-９.%，、：；（）—～]{" + str(WINDOW) + ",}")
CJK = re.compile(r"[\u4e00-\u9fff]")
DIGIT = re.compile(r"[0-9０-９]")
SKIP = {
    Path("tests/bulletin/dev_records.json"),
    Path("tests/bulletin/dev_parse_records.json"),
}
SUFFIXES = {".py", ".json", ".txt", ".md", ".csv", ".toml", ".yaml", ".yml", ".html", ".js"}


def _dev_folder() -> Path | None:
    return dev_folder(ROOT)


def _windows(folder: Path) -> set[str]:
    out: set[str] = set()
    for path in sorted(folder.glob("*/*.txt")):
        text = decode_text(path.read_bytes())
        text = re.sub(r"\s+", "", text)
        out.update(text[i : i + WINDOW] for i in range(len(text) - WINDOW + 1))
    return out


def _our_files() -> list[Path]:
    files = []
    for top in ("src", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            rel = path.relative_to(ROOT)
            keep = path.is_file() and path.suffix in SUFFIXES and rel not in SKIP
            if keep and "__pycache__" not in path.parts:
                files.append(path)
    return files


def _stretches(run: str) -> list[str]:
    return [run[i : i + WINDOW] for i in range(len(run) - WINDOW + 1)]


def _figure_window(window: str) -> bool:
    """A stretch with a figure in it: a digit and six ideographs (a label alone is vocabulary)."""
    return bool(DIGIT.search(window)) and len(CJK.findall(window)) >= 6


def copied_runs(folder: Path) -> list[str]:
    """``file:line: run`` for every run of our text that has a stretch of a dev text in it."""
    seen = _windows(folder)
    hits = []
    for path in _our_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in RUN.finditer(line):
                run = m.group()
                if not DIGIT.search(run) or len(CJK.findall(run)) < 6:
                    continue
                if any(_figure_window(w) and w in seen for w in _stretches(run)):
                    hits.append(f"{path.relative_to(ROOT)}:{lineno}: {run}")
    return hits


def test_no_sentence_of_the_dev_texts_is_copied():
    folder = _dev_folder()
    if folder is None:
        pytest.skip("../shared/bulletins_dev is absent: nothing to compare our sentences with")
    hits = copied_runs(folder)
    assert not hits, "copied from the dev texts (write our own sentence):\n" + "\n".join(hits)
