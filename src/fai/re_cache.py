"""Compiled regular expressions kept on disk between runs, as Python keeps compiled modules.

Python's regex compiler is written in Python: the bulletin parser's patterns (a few
hundred, some of thousands of characters, many with the CJK class, whose 27,000
characters the compiler sets one by one) cost ``fai parse`` ~0.15 s of CPU a run in each
of its two processes. :func:`compile` keeps the program the compiler makes of a pattern
(the list of codes the regex engine runs, with the pattern's groups) in a cache file, and
the next run hands it to the engine directly: the same :class:`re.Pattern`, built in
microseconds. :func:`memo` keeps other values derived from fixed inputs alone the same way
(the first characters of patterns, the region registry's tables).

A program is only read back by the Python that wrote it (the file's name hashes the
interpreter's version with the pattern and its flags; the engine's format has its own
number in the directory name) and only for the very pattern and flags it was made of
(both are stored with it and compared). Anything unexpected — no cache directory, a file
unreadable or corrupt, another Python implementation, the engine refusing the program —
and the pattern is compiled as :func:`re.compile` does. ``FAI_RE_CACHE`` names the
directory (default ``$XDG_CACHE_HOME/fai`` or ``~/.cache/fai``); ``FAI_RE_CACHE=off``
turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # the compiler's internals (Python 3.11 on: re._parser, re._compiler)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10, another implementation
    try:
        import _sre
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    except ImportError:
        _sre = None  # type: ignore[assignment]

_DIR: list[Path | None] = []  # the cache directory, found once a process
_DIGESTS: dict[str, str | None] = {}  # source_digest's, by module file


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, the compiler's program read from the cache when this
    Python compiled the pattern before (else compiled, and written there).

    >>> compile(r"(?P<n>\\d+)个", re.ASCII).findall("12个项目、3个")
    ['12', '3']
    """
    flags = int(flags)
    folder = cache_dir()
    if folder is None:
        return re.compile(source, flags)
    path = folder / _file_name(source, flags)
    pattern = _read(path, source, flags)
    if pattern is not None:
        return pattern
    pattern, program = _compile_program(source, flags)
    if program:
        _write(path, (source, flags, program))
    return pattern


def memo(make: Callable[[], Any], *key: str) -> Any:
    """``make()``, a value derived from patterns or bundled tables alone (the characters a
    pattern's matches start with: :func:`~fai.bulletin.patterns.guarded_alternation` parses
    each alternative for them; the region registry's look-up tables), read from the cache
    when this Python made it before for the same ``key``.
    The key names everything the value depends on: the pattern, and the code that derives
    it (:func:`source_digest` of its module); the value is one :mod:`marshal` writes.

    >>> memo(lambda: ("0123456789", True), "example", r"\\d+")
    ('0123456789', True)
    """
    folder = cache_dir()
    if folder is None:
        return make()
    path = folder / _file_name("\x00".join(key), 0, ".memo")
    try:
        cached_key, value = marshal.loads(path.read_bytes())
        if cached_key == key:
            return value
    except Exception:  # noqa: BLE001, S110 - none yet, or corrupt: made anew
        pass
    value = make()
    _write(path, (key, value))
    return value


def memo_of_module(module_file: str, make: Callable[[], Any], *key: str) -> Any:
    """:func:`memo` of a value derived by the module ``module_file`` (its ``__file__``): the
    module's :func:`source_digest` joins ``key``; ``make()`` uncached when it cannot be read.

    >>> memo_of_module(__file__, lambda: 7, "example")
    7
    """
    digest = source_digest(module_file)
    if digest is None:
        return make()
    return memo(make, key[0], digest, *key[1:])


def source_digest(path: str) -> str | None:
    """A digest of a module's text (``__file__``), for the key of :func:`memo`; None when
    it cannot be read (then nothing derived by that module is cached)."""
    if path not in _DIGESTS:
        try:
            _DIGESTS[path] = hashlib.sha1(Path(path).read_bytes()).hexdigest()
        except OSError:
            _DIGESTS[path] = None
    return _DIGESTS[path]


def cache_dir() -> Path | None:
    """The directory of this Python's compiled patterns, made when missing; None when the
    cache is off or cannot be used (another Python implementation, no writable place)."""
    if not _DIR:
        _DIR.append(_find_dir())
    return _DIR[0]


def _find_dir() -> Path | None:
    """:func:`cache_dir`, looked for."""
    setting = os.environ.get("FAI_RE_CACHE", "")
    if setting.lower() == "off" or _sre is None or sys.implementation.name != "cpython":
        return None
    if setting:
        base = Path(setting)
    else:
        home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = Path(home) / "fai"
    folder = base / f"re-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _file_name(source: str, flags: int, suffix: str = ".re") -> str:
    """The cache file of a pattern: a hash of the interpreter's version, the flags and the
    pattern (of a :func:`memo` value: of its key)."""
    key = f"{sys.version}\x00{sys.maxunicode}\x00{flags}\x00{source}".encode(
        "utf-8", "surrogatepass"
    )
    return hashlib.sha1(key).hexdigest() + suffix  # (a file name, not a signature)


def _read(path: Path, source: str, flags: int) -> re.Pattern[str] | None:
    """The pattern built from the program cached in ``path``; None when there is none, or
    it is of another pattern, or unreadable, or the engine refuses it."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        cached_source, cached_flags, program = marshal.loads(data)
        if cached_source != source or cached_flags != flags:
            return None
        return _sre.compile(source, *program)
    except Exception:  # noqa: BLE001 - a corrupt or foreign file: compiled anew
        return None


def _compile_program(source: str, flags: int) -> tuple[re.Pattern[str], tuple[Any, ...]]:
    """The pattern :func:`re.compile` makes, and the arguments the engine builds it from (the
    program and its groups: what :func:`_read` gives the engine again) — or no program when
    the pattern built from them differs from re.compile's in its flags or groups (the
    compiler's internals are not what this module expects: nothing is cached)."""
    pattern = re.compile(source, flags)
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (  # (plain ints: the compiler's named codes are int subclasses)
            int(flags | parsed.state.flags),
            [int(c) for c in code],
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        rebuilt = _sre.compile(source, *program)
    except Exception:  # noqa: BLE001 - the compiler's internals changed: no cache
        return pattern, ()
    same = (rebuilt.flags, rebuilt.groups, dict(rebuilt.groupindex)) == (
        pattern.flags, pattern.groups, dict(pattern.groupindex))
    return pattern, program if same else ()


def _write(path: Path, entry: tuple[Any, ...]) -> None:
    """Write a cache entry whole or not at all (a reader never sees half of one)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(entry))
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            tmp.unlink()
        except OSError:
            pass
