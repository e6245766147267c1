"""fai.re_cache: a pattern read back from the cache is the pattern re.compile makes (Pattern
equality compares the engine's program too), and anything amiss falls back to re.compile."""

from __future__ import annotations

import re

import pytest

from fai import re_cache
from fai.bulletin import patterns as P

PATTERNS = [
    (r"(?P<n>\d+)个(?:项目)?", re.ASCII),
    (rf"[{P.CJK}]{{2,8}}?(?:省|市|县)(?!级)", 0),
    (r"\s*(?:SOURCE|来源)\s*[:：]", re.IGNORECASE),
    (r"(a)|(?P<b>b)(?(1)c|d)", 0),
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache directory of this test's own."""
    monkeypatch.setenv("FAI_RE_CACHE", str(tmp_path))
    monkeypatch.setattr(re_cache, "_DIR", [])
    folder = re_cache.cache_dir()
    assert folder is not None and folder.parent == tmp_path
    return folder


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_pattern_compiled_and_read_back_is_the_one_re_compile_makes(cache, source, flags):
    fresh = re_cache.compile(source, flags)
    assert len(list(cache.iterdir())) == 1
    again = re_cache.compile(source, flags)  # read from the file
    expected = re.compile(source, flags)
    for pattern in (fresh, again):
        assert pattern == expected  # (same pattern, flags and program)
        assert (pattern.flags, pattern.groups, pattern.groupindex) == (
            expected.flags, expected.groups, expected.groupindex
        )  # fmt: skip


def test_the_parsers_patterns_are_read_back_as_compiled(cache):
    source = P.FACT_RE.pattern
    re_cache.compile(source, re.ASCII)
    assert re_cache.compile(source, re.ASCII) == re.compile(source, re.ASCII)


def test_a_corrupt_or_foreign_file_is_compiled_anew(cache):
    re_cache.compile(r"\d+亿元")
    (path,) = cache.iterdir()
    path.write_bytes(b"not marshal data")
    assert re_cache.compile(r"\d+亿元") == re.compile(r"\d+亿元")
    re_cache._write(path, (r"\d+万元", 0, re_cache._compile_program(r"\d+万元", 0)[1]))
    assert re_cache.compile(r"\d+亿元") == re.compile(r"\d+亿元")  # another pattern's program


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("FAI_RE_CACHE", "off")
    monkeypatch.setattr(re_cache, "_DIR", [])
    assert re_cache.cache_dir() is None
    assert re_cache.compile(r"\d+%") == re.compile(r"\d+%")


def test_an_unusable_directory_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("FAI_RE_CACHE", str(blocker / "sub"))
    monkeypatch.setattr(re_cache, "_DIR", [])
    assert re_cache.cache_dir() is None
    assert re_cache.compile(r"\d+%") == re.compile(r"\d+%")


def test_a_bad_pattern_raises_as_re_compile_does(cache):
    with pytest.raises(re.error):
        re_cache.compile(r"(unclosed")


def test_a_memo_is_made_once_and_read_back_by_its_key(cache):
    made = []

    def make():
        made.append(1)
        return ("0123456789", False)

    assert re_cache.memo(make, "first_info", "digest", r"\d+") == ("0123456789", False)
    assert re_cache.memo(make, "first_info", "digest", r"\d+") == ("0123456789", False)
    assert len(made) == 1
    re_cache.memo(make, "first_info", "another digest", r"\d+")  # the code changed: made anew
    assert len(made) == 2


def test_the_first_characters_of_a_pattern_are_the_same_read_back(cache):
    source = [p for _, p in P._FACTS][5]
    parsed = P._parse_first_info(source)
    assert P._first_info(source) == parsed  # made, written
    assert P._first_info(source) == parsed  # read back


def test_an_alternation_of_the_parser_is_the_same_read_back(cache):
    patterns = [p for _, p in P._FACTS]
    written = P._guarded_alternation(patterns, P.NUM, "%")
    assert P.guarded_alternation(patterns, shared=P.NUM, absent="%") == written  # made
    assert P.guarded_alternation(patterns, shared=P.NUM, absent="%") == written  # read back
    assert P.guarded_alternation(patterns, shared=P.NUM) != written  # (another key)
    assert P.guarded_alternation(patterns, shared=P.NUM) == P._guarded_alternation(
        patterns, P.NUM, ""
    )


def test_the_required_characters_of_a_pattern_are_the_same_read_back(cache):
    source = [p for _, p in P._FACTS][-1]  # NUM%
    assert P._required_chars(source) == frozenset(P._parse_required_chars(source)) == {"%"}
    assert P._required_chars(source) == {"%"}  # read back


def test_the_region_registry_read_back_is_the_one_built(cache, monkeypatch):
    from fai.model import regions

    built = regions._Registry(regions.user_file())  # written to the cache
    assert list(cache.glob("*.memo"))
    read = regions._Registry(regions.user_file())
    monkeypatch.setattr(re_cache, "_DIR", [None])  # the cache off: built
    plain = regions._Registry(regions.user_file())
    for reg in (built, read):
        for field in ("entries", "short", "official", "old_names", "tiers", "max_alias", "children"):
            assert getattr(reg, field) == getattr(plain, field), field
        assert list(reg.entries) == list(plain.entries)
        assert [list(tier) for tier in reg.tiers] == [list(tier) for tier in plain.tiers]
