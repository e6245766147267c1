"""fai.bulletin on the held-out corpus (tests/bulletin/holdout/).

Those texts were written by a second engineer before reading the parser, in
the shapes of published releases the first corpus did not cover (flattened
tables, work reports, news with quotes, NBS and provincial releases in full,
GB18030 files, two kinds of mojibake). Every expected record must come out
exactly, and every number of the output must be written in its evidence.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from fai.bulletin.parse import COLUMNS, decode_text, read_bulletin, to_records
from fai.errors import FaiWarning

HOLDOUT = Path(__file__).parent / "holdout"
CASES = sorted(HOLDOUT.glob("*.txt"))


def _records(path: Path) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FaiWarning)
        return to_records(read_bulletin(decode_text(path.read_bytes()), file=path.name))


def _canon(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


def test_holdout_corpus_has_forty_texts_or_more_each_with_its_records():
    assert len(CASES) >= 40
    for txt in CASES:
        assert txt.with_suffix(".json").exists(), txt.name
        assert re.fullmatch(r"\d{2,3}-[a-z0-9-]+\.txt", txt.name), txt.name


@pytest.mark.parametrize("txt", CASES, ids=[p.stem for p in CASES])
def test_holdout_text_gives_exactly_its_expected_records(txt: Path):
    expected = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    for rec in expected:
        assert list(rec)[:16] == COLUMNS and set(rec) - set(COLUMNS) <= {"mom_sa_pct"}
    assert _canon(_records(txt)) == _canon(expected)


def test_holdout_numbers_are_all_written_in_their_evidence():
    fields = ("value_100m_yuan", "yoy_pct", "plan_completion_pct", "vs_parent_pp", "share_pct",
              "vs_time_progress_pp", "mom_sa_pct")  # fmt: skip
    for txt in CASES:
        for rec in _records(txt):
            written = {float(x) for x in re.findall(r"\d+(?:\.\d+)?", rec["evidence"])}
            for name in fields:
                value = rec.get(name)
                if value is None or value == 0:
                    continue
                # as written, or 万元 → 亿元 (÷ 10,000), 万亿元 → 亿元 (× 10,000), 增长1.8倍 → 180
                candidates = {
                    abs(value),
                    abs(value) * 10_000,
                    abs(value) / 10_000,
                    abs(value) / 100,
                }
                assert any(abs(c - w) < 1e-6 for c in candidates for w in written), (
                    txt.name, name, value, rec["evidence"],
                )  # fmt: skip


def test_mojibake_paragraphs_of_the_holdout_are_skipped_with_a_warning():
    for name in ("21-mojibake-gbk-paragraph.txt", "42-mojibake-cp1252-paragraph.txt"):
        text = decode_text((HOLDOUT / name).read_bytes())
        with pytest.warns(FaiWarning, match="line 2: skipped"):
            read_bulletin(text, file=name)
