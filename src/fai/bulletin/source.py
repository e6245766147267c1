"""Bulletin files as text: only regular files, read up to a bound, in whatever encoding they
were saved (UTF-8, GBK/GB18030 or Big5, also a UTF-8 file with a few lines in a legacy one).

A FIFO or a link to ``/dev/zero`` named ``.txt`` would block or never end, and a 2 GB file
would be read whole before being refused: :func:`read_text_file` checks the file first and
stops reading at :data:`MAX_BYTES` however the file grows meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fai.cleaning.hanzi import is_common_hanzi
from fai.errors import InputFormatError, os_reason

#: the largest bulletin file read (a release has 5-50 KB; a year of them, a few hundred KB)
MAX_BYTES = 2 * 2**20
#: the longest text :func:`fai.read_bulletin` reads (as many characters as a file has bytes)
MAX_CHARS = MAX_BYTES
_LEGACY = ("gb18030", "big5hkscs")


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of a bulletin file: a regular file of at most ``max_bytes``, decoded by
    :func:`decode_text`; anything else a clear :class:`~fai.errors.InputFormatError`.

    >>> read_text_file("/dev/null")
    Traceback (most recent call last):
    ...
    fai.errors.InputFormatError: /dev/null: a device, not a regular file — expected a bulletin text file (.txt, .html, .md)
    """
    file = str(path)
    try:
        info = os.stat(path)  # follows a link: a link to /dev/zero is a device
    except OSError as exc:
        raise InputFormatError(
            file=file,
            found=f"cannot read the file ({os_reason(exc)})",
            expected="a readable file",
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFormatError(file=file, found="a folder", expected="a bulletin text file")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode)
            else "not a file"
        )  # fmt: skip
        raise InputFormatError(
            file=file,
            found=f"{kind}, not a regular file",
            expected="a bulletin text file (.txt, .html, .md)",
        )
    too_big = InputFormatError(
        file=file,
        found=f"more than {max_bytes / 2**20:.0f} MB",
        expected=f"a bulletin text of at most {max_bytes / 2**20:.0f} MB (split the file)",
    )
    if info.st_size > max_bytes:
        raise too_big
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputFormatError(
            file=file,
            found=f"cannot read the file ({os_reason(exc)})",
            expected="a readable file",
        ) from None
    if len(raw) > max_bytes:
        raise too_big
    return decode_text(raw, file)


def decode_text(raw: bytes, where: str = "bulletin") -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM); else the legacy encoding
    (GB18030, which holds GBK, or Big5) whose reading gives the more common characters; a
    UTF-8 file with some lines in a legacy encoding has those lines decoded on their own.

    >>> decode_text("增长".encode("gbk")), decode_text("固定資產投資增長".encode("big5"))
    ('增长', '固定資產投資增長')
    >>> decode_text("全县投资\\n".encode() + "增长".encode("gbk"))
    '全县投资\\n增长'
    """
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFormatError(
            file=where,
            found="a binary file (NUL bytes)",
            expected="a text file (UTF-8, GBK or Big5)",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    utf8 = 0
    for line in lines:
        if max(line, default=0) >= 0x80:
            try:
                line.decode("utf-8")
                utf8 += 1
            except UnicodeDecodeError:
                pass
    if utf8:  # mostly UTF-8, a few lines pasted from a legacy file
        return "\n".join(_decode_line(line) for line in lines).removeprefix("\ufeff")
    text = _best_legacy(raw)
    if text is None:
        raise InputFormatError(
            file=where,
            found="bytes that are neither UTF-8 nor GBK/GB18030 nor Big5",
            expected="a text file",
        )
    return text


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return _best_legacy(line) or line.decode("utf-8", errors="replace")


def _best_legacy(raw: bytes) -> str | None:
    """The reading of ``raw`` in the legacy encoding that gives the most common characters."""
    best, best_score = None, None
    for encoding in _LEGACY:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _commonness(text)
        if best_score is None or score > best_score:
            best, best_score = text, score
    return best


def _commonness(text: str) -> int:
    """Common Chinese characters minus rare ones (a wrong decoding gives rare ones).

    >>> _commonness("固定資產投資"), _commonness("鍏ㄥ幙")
    (6, -2)
    """
    score = 0
    for char in text:
        if "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
            score += 1 if is_common_hanzi(char) else -1
        elif "\ue000" <= char <= "\uf8ff":  # private use: a byte pair no character has
            score -= 1
    return score
