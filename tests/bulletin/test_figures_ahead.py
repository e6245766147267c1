"""fai.bulletin.figures_ahead: the second part of a large text's figures read in a forked
child gives exactly the records, warnings (with their places) and errors of the
sequential path — whether the child's part is taken or read again."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest

from fai.bulletin import ahead, figures_ahead
from fai.bulletin.parse import read_bulletin_records
from fai.bulletin.reader import _NOT_STATE, _STATE_NAMES, Reader
from fai.errors import FaiError, InputFormatError

CORPUS = Path(__file__).parent / "corpus"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork")


def _corpus_text(times: int) -> str:
    parts = []
    for path in sorted(CORPUS.glob("*.txt")):
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the GBK sample
            continue
    return "\n".join(parts) * times


# two implausible figures late in the text: warnings given at a line of the reader
LATE = "\n1-8月，全县固定资产投资增长999999%。\n1-9月，全县民间投资增长888888%。\n"


@pytest.fixture
def adopted(monkeypatch: pytest.MonkeyPatch):
    """Whether the child's part was taken, for every read that split the text (a function:
    called after the reads)."""
    readers: list[Reader] = []
    plan = figures_ahead.plan_part

    def spy(reader, lines, lineno):
        out = plan(reader, lines, lineno)
        if out is not None:
            readers.append(reader)
        return out

    monkeypatch.setattr(figures_ahead, "plan_part", spy)
    monkeypatch.setattr(ahead, "usable_cpus", lambda: 2)
    monkeypatch.setattr(ahead, "single_threaded", lambda: True)  # (threads of other tests)
    return lambda: [r.ahead_used for r in readers]


def _read(text: str, split: bool, action: str = "always", **kw) -> tuple[str, list[tuple]]:
    """The records (as JSON) and the warnings (message and place) of one read, the projects
    read in a child, the figures split or not."""
    saved = ahead.MIN_CHARS, figures_ahead.PARENT_SHARE
    ahead.MIN_CHARS = 0
    if not split:
        figures_ahead.PARENT_SHARE = 1.0  # (the split line is past the end)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter(action)
            recs = read_bulletin_records(text, **kw)
    finally:
        ahead.MIN_CHARS, figures_ahead.PARENT_SHARE = saved
    return json.dumps(recs, ensure_ascii=False), [
        (w.category.__name__, str(w.message), w.filename, w.lineno, w.line) for w in caught
    ]


def test_the_childs_part_is_taken_and_gives_the_same_records_and_warnings(adopted):
    text = _corpus_text(12) + LATE
    seq = _read(text, False, file="big.txt")
    par = _read(text, True, file="big.txt")
    assert par == seq
    assert adopted()[-1] is True
    places = {(w[2], w[3]) for w in par[1]}
    assert len(places) >= 2  # a line's (mojibake) and a figure's warnings: their own places
    assert any("999999" in w[1] for w in par[1]) and any("mojibake" in w[1] for w in par[1])


def test_warnings_shown_once_per_place_as_in_sequence(adopted):
    """The default action shows a warning once per message and place: the registry of the
    place the child's warnings are given at is the sequential path's."""
    text = _corpus_text(12) + LATE + LATE
    assert _read(text, True, "default") == _read(text, False, "default")
    assert adopted()[-1] is True


def test_another_state_at_the_split_reads_the_part_again(adopted, monkeypatch: pytest.MonkeyPatch):
    text = _corpus_text(12) + LATE
    seq = _read(text, False, region="天城县", year=2024)
    monkeypatch.setattr(figures_ahead, "WARM_UP_CHARS", 0)  # the child starts from the old state
    assert _read(text, True, region="天城县", year=2024) == seq
    assert adopted()[-1] is False


def test_a_child_that_fails_leaves_the_records_and_warnings_unchanged(
    adopted, monkeypatch: pytest.MonkeyPatch
):
    text = _corpus_text(12) + LATE
    seq = _read(text, False)
    parent = os.getpid()
    read_part = Reader.read_part

    def fails(self, *args):
        if os.getpid() != parent:
            raise InputFormatError("a.txt: the child failed")
        return read_part(self, *args)

    monkeypatch.setattr(Reader, "read_part", fails)
    assert _read(text, True) == seq
    assert adopted()[-1] is False


def test_an_error_before_the_split_reaps_the_child(adopted, monkeypatch: pytest.MonkeyPatch):
    text = _corpus_text(12)
    pids: list[int] = []
    start = ahead.ProjectsAhead.start

    def spy(self, lines, region, part=None):
        out = start(self, lines, region, part)
        if self.pid is not None:
            pids.append(self.pid)
        return out

    calls = 0
    line = Reader._line

    def fails(self, lineno, text):
        nonlocal calls
        calls += 1
        if calls == 200:
            raise InputFormatError("a.txt: the figure reader failed")
        return line(self, lineno, text)

    monkeypatch.setattr(ahead.ProjectsAhead, "start", spy)
    monkeypatch.setattr(Reader, "_line", fails)
    with pytest.raises(FaiError, match="figure reader failed"):
        _read(text, True)
    assert pids
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped


def test_the_projects_are_taken_after_the_part_whether_it_was_taken_or_not(
    adopted, monkeypatch: pytest.MonkeyPatch
):
    """One child reads the part, then the projects: both come back in turn."""
    text = _corpus_text(12)
    used: list[bool] = []
    result = ahead.ProjectsAhead.result

    def spy(self, lines, region):
        out = result(self, lines, region)
        used.append(self.used)
        return out

    monkeypatch.setattr(ahead.ProjectsAhead, "result", spy)
    seq = _read(text, False)
    assert _read(text, True) == seq
    monkeypatch.setattr(figures_ahead, "WARM_UP_CHARS", 0)  # (the part is read again here)
    assert _read(text, True) == seq
    assert adopted()[-2:] == [True, False] and used[-2:] == [True, True]


def test_every_reader_attribute_is_state_or_said_not_to_be():
    """An attribute added to Reader must be added to _STATE (or _NOT_STATE, saying why):
    else the state compared at the split could miss what the reading depends on."""
    assert set(vars(Reader(None, None))) == _STATE_NAMES | _NOT_STATE


def test_a_short_text_is_not_split():
    assert figures_ahead.split_lines(["全县投资增长8%。"] * 100, 1) == (None, 0)
