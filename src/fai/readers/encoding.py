"""Text encodings of CSV inputs, decided over the whole file: UTF-8 (with or without BOM),
UTF-16 with BOM, GBK/GB18030 and Big5 — the one whose text is plausible Chinese throughout.

A file in one encoding with a line in another (a GBK line pasted late into a UTF-8 file) is
refused naming that line: decoding the whole file as either would store mojibake.

>>> decode("指标,2019年12月\\n".encode("gbk"), Path("t.csv"))[1]
'gbk'
>>> decode("指標,2019年12月\\n".encode("big5"), Path("t.csv"))
('指標,2019年12月\\n', 'big5')
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from fai.cleaning.hanzi import CJK_RANGES
from fai.cleaning.mojibake import detect_mojibake, repair_mojibake
from fai.errors import EncodingError

_RUN = re.compile(r"[^\x00-\x7f\s]+")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]+")
_CJK = re.compile(f"[{CJK_RANGES}]")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GBK",
          "big5": "Big5"}


def _line_of(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def first_mojibake(text: str) -> tuple[int, int, str] | None:
    """(line, character, segment) of the first text that is not plausible Chinese, or None.

    Every run of non-ASCII characters of the whole file is looked at, each distinct run once
    (a label repeated on every line costs one look), so a large file costs little.

    >>> first_mojibake("a,1\\n投资" + "增长".encode("utf-8").decode("gbk") + ",2")
    (2, 3, '澧為暱')
    """
    seen: set[str] = set()
    for start, chunk in _non_ascii_chunks(text):
        for m in _RUN.finditer(chunk):
            run = m.group()
            if run in seen:
                continue
            seen.add(run)
            found = detect_mojibake(run)
            if not found and (pua := _PRIVATE_USE.search(run)):  # bytes no codec maps
                found = [(pua.start(), pua.group())]
            if found:
                pos, segment = found[0]
                at = start + m.start()
                line_start = text.rfind("\n", 0, at) + 1
                return text.count("\n", 0, at) + 1, at - line_start + pos + 1, segment
    return None


def _non_ascii_chunks(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the stretches of ``text`` that hold non-ASCII characters, found with
    numpy (a regex scan of a large ASCII file would cost far more)."""
    if text.isascii():
        return []
    codes = np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
    where = np.flatnonzero(codes > 127)
    breaks = np.flatnonzero(np.diff(where) > 1)
    starts = np.concatenate([[where[0]], where[breaks + 1]])
    ends = np.concatenate([where[breaks], [where[-1]]]) + 1
    return [(int(a), text[a:b]) for a, b in zip(starts, ends, strict=True)]


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Text and encoding of CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GBK or
    Big5 — the first that decodes strictly to plausible Chinese in every line.

    Raises :class:`EncodingError` naming the line: of a byte that decodes as none, of a line
    in another encoding than the lines before it, or of text that is mojibake in all.
    """
    file = str(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030", "big5"]
    errors: list[UnicodeDecodeError] = []
    implausible: list[tuple[str, tuple[int, int, str]]] = []
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as exc:
            if enc.startswith("utf-8"):
                _check_utf8_failure(raw, exc, file)
            errors.append(exc)
            continue
        found = first_mojibake(text)
        if found is None:
            return text, "gbk" if enc == "gb18030" else enc
        implausible.append((enc, found))
    if implausible:
        enc, (line, char, segment) = implausible[0]
        fixed = repair_mojibake(text_line(raw, enc, line))
        hint = f" (it reads {fixed[:30]!r} when re-encoded)" if fixed else ""
        raise EncodingError(
            file=file, where=f"line {line}",
            found=f"text {segment[:20]!r} at character {char} is not plausible Chinese as "
            f"{_NAMES[enc]}{hint}",
            expected="a file saved as UTF-8 or GBK without a double conversion", row=line,
        )
    worst = max(errors, key=lambda e: e.start)
    line = _line_of(raw, worst.start)
    bad = raw[worst.start : worst.start + 4]
    what = "is cut off inside a character" if worst.start >= len(raw) - 3 else "does not decode"
    codecs = " or ".join(dict.fromkeys(_NAMES[c] for c in candidates))
    raise EncodingError(
        file=file, where=f"line {line}", found=f"byte {worst.start} ({bad!r}) {what} as {codecs}",
        expected="a UTF-8 or GBK text file", row=line,
    )


def text_line(raw: bytes, encoding: str, line: int) -> str:
    """One line (1-based) of the bytes decoded leniently, for messages."""
    lines = raw.split(b"\n")
    return lines[line - 1].decode(encoding, errors="replace") if line <= len(lines) else ""


def _check_utf8_failure(raw: bytes, exc: UnicodeDecodeError, file: str) -> None:
    """A UTF-8 file cut inside its last character, or a UTF-8 file with a line in another
    encoding: both raise here, naming the line."""
    line = _line_of(raw, exc.start)
    if exc.start >= len(raw) - 3 and "end of data" in exc.reason:
        raise EncodingError(
            file=file, where=f"line {line}",
            found=f"the file ends inside a UTF-8 character (byte {exc.start})",
            expected="a complete file (it looks truncated)", row=line,
        )
    before = raw[: raw.rfind(b"\n", 0, exc.start) + 1].decode("utf-8", errors="replace")
    if _CJK.search(before) and first_mojibake(before) is None:  # Chinese in UTF-8 before: mixed
        raise EncodingError(
            file=file, where=f"line {line}",
            found=f"byte {exc.start} ({raw[exc.start : exc.start + 4]!r}) is not UTF-8, while the "
            "lines before it are",
            expected="one encoding for the whole file (save it again as UTF-8)", row=line,
        )
