"""Mojibake: find text that is not plausible Chinese (bytes decoded with the wrong
codec) and repair it only when the repair is certain.

Re-exported by :mod:`fai.cleaning.normalize` (``detect_mojibake``, ``repair_mojibake``).

>>> repair_mojibake("固定资产投资".encode("utf-8").decode("gbk"))
'固定资产投资'
"""

from __future__ import annotations

import re

from fai import re_cache
from fai.cleaning.hanzi import CJK_RANGES, is_common_hanzi

_RUN = re_cache.compile(r"[^\x00-\x7f\s]+")
_LATIN = re_cache.compile(
    r"[\u0080-\u00ff\ufffd\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6"
    r"\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013"
    r"\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]{2,}"
)
_IS_CJK = re_cache.compile(rf"[{CJK_RANGES}]")


def _rare_spans(run: str) -> list[tuple[int, int]]:
    """Spans of ``run`` that are not plausible Chinese: groups of rare CJK characters
    (gaps of at most two common ones) with under half (over 8 characters: under
    three quarters) of common characters."""
    flags = [(i, is_common_hanzi(c)) for i, c in enumerate(run) if _IS_CJK.match(c)]
    rare = [i for i, common in flags if not common]
    spans: list[tuple[int, int]] = []
    groups: list[list[int]] = []
    for i in rare:
        between = [j for j, _ in flags if (groups and groups[-1][-1] < j < i)]
        if groups and len(between) <= 2:
            groups[-1].append(i)
        else:
            groups.append([i])
    for g in groups:
        a, b = g[0], g[-1] + 1
        n = sum(1 for j, _ in flags if a <= j < b)
        share = 1 - len(g) / n
        if len(g) >= 2 and (share < 0.5 or (n > 8 and share < 0.75)):
            spans.append((a, b))
    return spans


def _plausible(text: str) -> bool:
    if "\ufffd" in text or re.search(r"[\u0080-\u00ff]", text):
        return False
    cjk = _IS_CJK.findall(text)
    return bool(cjk) and sum(map(is_common_hanzi, cjk)) / len(cjk) >= 0.9


def detect_mojibake(text: str) -> list[tuple[int, str]]:
    """Positions and text of segments that are not plausible Chinese.

    Flags runs of Latin-1 letters (UTF-8 or GBK bytes read as Latin-1/cp1252),
    groups of rare CJK characters (UTF-8 read as GBK, GBK read one byte off:
    under half of them among the 3,755 common characters of GB 2312 level 1,
    traditional forms counted as their simplified ones) and replacement
    characters (U+FFFD: bytes lost in decoding). GBK read one byte off can
    also yield common characters in nonsense order; that is found only when
    the shifted run has enough rare characters.

    >>> detect_mojibake("投资" + "增长".encode("utf-8").decode("gbk") + "8%")
    [(2, '澧為暱')]
    """
    found: list[tuple[int, str]] = []
    for m in _RUN.finditer(str(text)):
        run, base = m.group(), m.start()
        spans: list[tuple[int, int]] = []
        for lat in _LATIN.finditer(run):
            if re.search(r"[\u00c0-\u00ff\ufffd]", lat.group()):
                spans.append(lat.span())
        spans += _rare_spans(run)
        spans += [(i, i + 1) for i, c in enumerate(run) if c == "\ufffd"]
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        found += [(base + a, run[a:b]) for a, b in merged]
    return found


def _candidates(segment: str) -> list[str]:
    out: list[str] = []
    for enc, dec, trim in (
        ("gbk", "utf-8", None),  # UTF-8 bytes shown as GBK
        ("gbk", "gbk", "first"),  # GBK one byte off: a stray leading byte
        ("gbk", "gbk", "last"),
        ("cp1252", "utf-8", None),  # UTF-8 shown as Windows-1252 / Latin-1
        ("latin-1", "utf-8", None),
        ("cp1252", "gbk", None),  # GBK shown as Latin-1
        ("latin-1", "gbk", None),
    ):
        try:
            raw = segment.encode(enc)
            raw = raw[1:] if trim == "first" else raw[:-1] if trim == "last" else raw
            fixed = raw.decode(dec)
        except (UnicodeError, LookupError):
            continue
        if _plausible(fixed) and fixed not in out:
            out.append(fixed)
    return out


def repair_mojibake(text: str) -> str | None:
    """The text with every mojibake segment repaired, or None when a repair is not certain.

    A segment is repaired only when exactly one re-encode/decode round trip
    (GBK↔UTF-8, Latin-1/cp1252→UTF-8 or GBK, GBK one byte off) decodes
    strictly to plausible Chinese. Text without mojibake is returned unchanged.

    >>> repair_mojibake("固定资产投资".encode("utf-8").decode("gbk"))
    '固定资产投资'
    """
    text = str(text)
    for start, segment in reversed(detect_mojibake(text)):
        end = start + len(segment)
        lo, hi = start, end  # the segment may miss up to 2 common characters at each edge
        while lo > start - 2 and lo > 0 and _RUN.fullmatch(text[lo - 1]):
            lo -= 1
        while hi < end + 2 and hi < len(text) and _RUN.fullmatch(text[hi]):
            hi += 1
        results = {
            text[:a] + fixed + text[b:]
            for a in range(lo, start + 1)
            for b in range(end, hi + 1)
            for fixed in _candidates(text[a:b])
        }
        if len(results) != 1:
            return None
        text = results.pop()
    return text
