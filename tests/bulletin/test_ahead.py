"""fai.bulletin.ahead: the projects of a large text read in a forked child give exactly
the records, warnings and errors of the sequential path."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path

import pytest

from fai.bulletin import ahead
from fai.bulletin import projects as projects_module
from fai.bulletin.parse import decode_text, read_bulletin_records
from fai.errors import FaiError, FaiWarning, InputFormatError

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("*.txt"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork")

# a national release whose first line names no region (全国 only later): the figure
# reader's region is None when it settles and 全国 at the end, so the child guessed wrong
NATIONAL = (
    "2024年1—9月份，固定资产投资（不含农户）增长3.4%。\n"
    "分地区看，东部地区投资增长1.2%。\n"
    "列入年度计划的重点项目860个，1—9月新开工项目410个，开工率达47.7%；"
    "重点项目累计完成投资2650亿元，完成年度计划的71.2%。\n"
    "全国民间投资下降0.2%。\n"
)


@pytest.fixture
def uses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, bool]]:
    """(the child's guess, whether its result was used) of every parallel read."""
    seen: list[tuple[str | None, bool]] = []
    result = ahead.ProjectsAhead.result

    def spy(self: ahead.ProjectsAhead, lines: list[str], region: str | None):
        started = self.pid is not None
        out = result(self, lines, region)
        if started:
            seen.append((self.guess, self.used))
        return out

    monkeypatch.setattr(ahead.ProjectsAhead, "result", spy)
    monkeypatch.setattr(ahead, "usable_cpus", lambda: 2)
    monkeypatch.setattr(ahead, "single_threaded", lambda: True)  # (threads of other tests)
    return seen


@pytest.fixture
def pids(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pid of every child forked."""
    seen: list[int] = []
    start = ahead.ProjectsAhead.start

    def spy(self: ahead.ProjectsAhead, lines: list[str], region: str | None) -> None:
        start(self, lines, region)
        if self.pid is not None:
            seen.append(self.pid)

    monkeypatch.setattr(ahead.ProjectsAhead, "start", spy)
    return seen


def _reaped(pids: list[int]) -> bool:
    """Were these children all reaped (by this test's reads; other tests' children are not ours)?"""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(pids)


def _read(text: str, parallel: bool, **kw) -> tuple[str, list[str]]:
    """The records (as canonical JSON) and the warnings of one read, on either path."""
    saved = ahead.MIN_CHARS
    ahead.MIN_CHARS = 0 if parallel else 10**12
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            recs = read_bulletin_records(text, **kw)
    finally:
        ahead.MIN_CHARS = saved
    return json.dumps(recs, ensure_ascii=False), [
        f"{w.category.__name__}: {w.message}" for w in caught
    ]


@pytest.mark.parametrize("txt", CASES, ids=[p.stem for p in CASES])
def test_every_corpus_text_gives_the_same_records_in_parallel(txt: Path, uses):
    text = decode_text(txt.read_bytes())
    assert _read(text, True, file=txt.name) == _read(text, False, file=txt.name)
    assert _read(text, True, region="天城县", year=2024) == _read(
        text, False, region="天城县", year=2024
    )
    assert uses and all(used for _, used in uses)  # the region is given: always right


def test_a_large_text_gives_the_same_records_and_warnings_with_the_child_used(uses):
    parts = []
    for path in CASES:
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the GBK sample
            continue
    text = "\n".join(parts) * 10  # ~100,000 characters
    par, seq = _read(text, True, file="big.txt"), _read(text, False, file="big.txt")
    assert par == seq
    assert len(json.loads(par[0])) > 300 and any("mojibake" in w for w in par[1])
    assert '"kind": "project"' in par[0]
    assert uses == [("天城县", True)]  # the child's records were taken


def test_a_wrong_guess_of_the_region_reads_the_projects_again(uses):
    par, seq = _read(NATIONAL, True), _read(NATIONAL, False)
    assert par == seq
    groups = [r for r in json.loads(par[0]) if r["kind"] == "project"]
    assert groups and {g["region"] for g in groups} == {"全国"}
    assert uses == [(None, False)]  # guessed None, final 全国: read again in-process


def _raising(tmp_path: Path):
    """A project reader that notes its pid and raises as a bad input would."""

    def read_projects(lines, region=None, year=None, file=None):
        (tmp_path / f"pid-{os.getpid()}").touch()
        raise InputFormatError(file=file or "bulletin", found="a bad line", expected="a good one")

    return read_projects


def test_an_error_in_the_child_is_raised_as_the_sequential_path_raises_it(
    uses, pids, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setattr(projects_module, "read_projects", _raising(tmp_path))
    with pytest.raises(InputFormatError, match="a bad line") as seq:
        _read(NATIONAL, False, region="天城县", file="a.txt")
    (tmp_path / f"pid-{os.getpid()}").unlink()
    with pytest.raises(InputFormatError, match="a bad line") as par:
        _read(NATIONAL, True, region="天城县", file="a.txt")
    assert str(par.value) == str(seq.value)
    assert len(list(tmp_path.glob("pid-*"))) == 2  # the child raised, then this process did
    assert uses == []  # no result came back
    assert _reaped(pids)  # the child was reaped


def test_a_child_that_dies_or_warns_leaves_the_records_and_warnings_unchanged(
    uses, monkeypatch: pytest.MonkeyPatch
):
    real, parent = projects_module.read_projects, os.getpid()

    def dies(*args, **kw):
        if os.getpid() != parent:
            os._exit(3)
        return real(*args, **kw)

    def warns(*args, **kw):
        warnings.warn("a project warning", FaiWarning, stacklevel=2)
        return real(*args, **kw)

    seq = _read(NATIONAL, False, region="天城县")
    monkeypatch.setattr(projects_module, "read_projects", dies)
    assert _read(NATIONAL, True, region="天城县") == seq
    monkeypatch.setattr(projects_module, "read_projects", warns)
    par = _read(NATIONAL, True, region="天城县")
    assert par[0] == seq[0] and par[1] == [*seq[1], "FaiWarning: a project warning"]
    assert uses == [("天城县", False), ("天城县", False)]


def test_an_error_of_the_figure_reader_reaps_the_child(uses, pids, monkeypatch: pytest.MonkeyPatch):
    from fai.bulletin.reader import Reader

    def fails(self, lines):
        raise InputFormatError("a.txt: the figure reader failed")

    monkeypatch.setattr(Reader, "_fill_years", fails)
    with pytest.raises(FaiError, match="figure reader failed"):
        _read(NATIONAL, True, region="天城县")
    assert _reaped(pids)


def test_small_texts_and_single_cpus_are_read_in_sequence(monkeypatch: pytest.MonkeyPatch):
    assert not ahead.can_fork("全县投资增长8%。")
    monkeypatch.setattr(ahead, "MIN_CHARS", 0)
    monkeypatch.setattr(ahead, "single_threaded", lambda: True)
    monkeypatch.setattr(ahead, "usable_cpus", lambda: 1)
    assert not ahead.can_fork("全县投资增长8%。")
    monkeypatch.setattr(ahead, "usable_cpus", lambda: 2)
    assert ahead.can_fork("全县投资增长8%。")


def test_a_process_that_ignores_sigchld_reads_in_sequence(uses):
    import signal

    seq = _read(NATIONAL, False, region="天城县")
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    try:
        par = _read(NATIONAL, True, region="天城县")
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert par == seq and uses == []


def test_other_threads_keep_the_read_in_sequence(monkeypatch: pytest.MonkeyPatch):
    """numpy's BLAS or pyarrow started threads Python does not see, or Python has more: no fork."""
    import threading

    monkeypatch.setattr(ahead, "MIN_CHARS", 0)
    monkeypatch.setattr(ahead, "usable_cpus", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(ahead, "native_threads", lambda: 3)
    assert not ahead.can_fork("全县投资增长8%。")
    monkeypatch.setattr(ahead, "native_threads", lambda: 1)
    assert ahead.can_fork("全县投资增长8%。")
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not ahead.can_fork("全县投资增长8%。")
    assert ahead.native_threads() >= 1


def test_a_child_that_hangs_is_killed_and_the_projects_read_here(uses, pids, monkeypatch: pytest.MonkeyPatch):
    import time

    real, parent = projects_module.read_projects, os.getpid()

    def hangs(*args, **kw):
        if os.getpid() != parent:
            time.sleep(600)  # a lock the fork left held, say
        return real(*args, **kw)

    seq = _read(NATIONAL, False, region="天城县")
    monkeypatch.setattr(projects_module, "read_projects", hangs)
    monkeypatch.setattr(ahead, "GRACE_S", 0.3)
    started = time.monotonic()
    assert _read(NATIONAL, True, region="天城县") == seq
    assert time.monotonic() - started < 30
    assert uses == [("天城县", False)]
    assert _reaped(pids)  # the child was killed and reaped
