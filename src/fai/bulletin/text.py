"""Text helpers of the bulletin parser: the canonical form of a bulletin's lines,
clauses, list heads, labels → indicator keys, and numbers.

Pure functions used by :mod:`fai.bulletin.reader`; the patterns live in
:mod:`fai.bulletin.patterns`.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from fai import re_cache
from fai.bulletin import patterns as P
from fai.bulletin.table import CELL, mark_cells
from fai.cleaning.hanzi import LEVEL1_LEADS, gb2312_hanzi
from fai.cleaning.mojibake import detect_mojibake
from fai.cleaning.text import normalize_text, replace_each

_T = TypeVar("_T")
_LINE_BREAK = "\ue000"  # a private-use character normalize_text leaves alone
_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "﹐": "，", "﹑": "、",
                        "﹔": "；", "﹕": "：", "﹖": "？", "﹗": "！", "﹒": ".",
                        "【": "(", "〔": "(", "[": "(", "】": ")", "〕": ")", "]": ")"})  # fmt: skip
# (_PUNCT as pairs: a line is quicker to test for each than to translate character by
# character; one replacement after another is the same, no character maps to a key)
_PUNCT_PAIRS = tuple((chr(k), v) for k, v in _PUNCT.items())
#: the characters a match of LIST_MARKER_RE starts with, but for \s and \d (tested apart)
_MARKER_FIRST = frozenset("一二三四五六七八九十(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_COMMAS = re_cache.compile(r"，{2,}")
_WIDE_GROUP = re_cache.compile(r"，\d{3}")  # what every match of WIDE_THOUSANDS_RE holds
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_CN_MULT = {"十": 10, "百": 100, "千": 1000}
#: the characters a caption (CAPTION_LINE_RE) or a links heading (LINKS_HEADING_RE) starts with
_ASIDE_FIRST = frozenset("▲△▼↑↓(图上下左右摄视资往推相延精热猜近")
_LABEL_CUT = re_cache.compile(r"关于|其中|看|以及|通报|的通知")
_LABEL_TAIL = re_cache.compile(r"(?:完成额|总额|额)$")
_LATIN = re_cache.compile(r"[\u0080-\u00ff\ufffd]")
_HTML_TAG = re_cache.compile(
    r"</?(?:p|br|div|span|td|th|tr|li|h[1-6]|table|font|strong|b|section)\b[^>]*>", re.IGNORECASE
)
_BLOCK_TAG = re_cache.compile(
    r"<(?:br|/?p|/?div|/?tr|/?li|/?h[1-6]|/?table|/?section)\b[^>]*>", re.IGNORECASE
)
_CELL_END = re_cache.compile(r"</t[dh]>", re.IGNORECASE)
_ANY_TAG = re_cache.compile(r"<[^<>]{1,400}>")
# a line that stops in the middle of a word or number (not after 。，% 元 …)
_WRAP_END = re_cache.compile(rf"[{P.CJK}\d.](?<![元点位倍名])$")
# a line that opens a sentence (2024年1-11月，… / 全县… / 天城县…) after a title line
_NEW_SENTENCE = re_cache.compile(
    rf"(?:{P.PERIOD_RE.pattern})|(?:全|我|本|该)(?:国|省|市|县|区|旗|州|盟)|今年|上半年|前三季度"
)
# … unless the line before stops on a word that needs what follows (增速比 / 高于 / 和)
_PIPE = re_cache.compile(r"[|｜]")
_PIPE_RULE = re_cache.compile(r"[\s|｜:：\-—–+]+")
_CONNECTIVE_END = re_cache.compile(r"[比较于的和与及在从对为是了至到、]$")
_ITEM_START = re_cache.compile(rf"^[{P.CJK}]{{1,10}}[：:]")


def clean_lines(text: str) -> list[str]:
    """The lines of a bulletin in the parser's canonical form, one per input line.

    HTML tags are dropped (block tags end a line) and entities decoded; one
    :func:`~fai.cleaning.normalize.normalize_text` pass over the whole text
    (traditional → simplified, full-width → ASCII, stray spaces, doubled
    commas); then pinyin glosses, thousands separators, list markers and
    ASCII clause punctuation line by line. A prose line broken in the middle
    of a sentence (as copied from a PDF) is joined to the next one, which is
    left empty so line numbers stay those of the input.

    >>> clean_lines("１．全县固定資產(chǎn)投資增長 26.22 %，，\\n其中,工业投资1,234.5亿元")
    ['全县固定资产投资增长26.22%，', '其中，工业投资1234.5亿元']
    >>> clean_lines("1-8月，全县固定资产投资完成56.3亿元，同比增\\n长12.5%。")
    ['1-8月，全县固定资产投资完成56.3亿元，同比增长12.5%。', '']
    """
    text = strip_html(str(text))
    if _has_emoji(text):
        text = P.EMOJI_RE.sub("", text)  # 🏭 工业投资增长19.2%: a post's pictures go
    marked = [mark_cells(_pipe_row(line)) for line in text.splitlines()]  # before spaces go
    normalized = normalize_text(_LINE_BREAK.join(marked))
    punct = tuple(pair for pair in _PUNCT_PAIRS if pair[0] in normalized)  # (no line has others)
    raw = normalized.split(_LINE_BREAK)
    if "百分之" in normalized:  # a speech that writes its numbers in words
        raw = [_words_to_digits(line) for line in raw]
    lines = [clean_line(line, normalized=True, punct=punct) for line in raw]
    _drop_asides(lines)
    last = -1
    for i, line in enumerate(lines):
        if not line:
            continue
        if last >= 0 and _wrapped(lines[last], raw[i].strip()):
            lines[last] += line
            lines[i] = ""
        else:
            last = i
    return lines


def _has_emoji(text: str) -> bool:
    """True when ``text`` holds an emoji or pictograph (EMOJI_RE). A long text holding a
    character past U+FFFF, as most emoji are, is kept 4 bytes a character: its size tells at
    once, and the others are looked for among the BMP's (a table of bits, a third quicker).

    >>> _has_emoji("工业🏭"), _has_emoji("工" * 5000 + "🏭"), _has_emoji("✅" + "工" * 5000), _has_emoji("工业")
    (True, True, True, False)
    """
    if len(text) < 4096:
        return P.EMOJI_RE.search(text) is not None
    try:
        wide = sys.getsizeof(text) > 3 * len(text)  # (CPython's storage of a str)
    except TypeError:  # pragma: no cover - a Python that does not size its objects
        return P.EMOJI_RE.search(text) is not None
    return wide or P.EMOJI_BMP_RE.search(text) is not None


def _drop_asides(lines: list[str]) -> None:
    """Empty (in place) the lines that are not the text's own: a picture's caption (图为2023年9月
    重点项目集中开工现场: its date is no period of the text) and, after a heading such as 往期推荐,
    the titles of other articles (up to the next line of prose, one ending a sentence).

    >>> lines = ["1-9月，全市投资增长6.8%。", "▲图为2023年9月开工现场", "往期推荐", "上半年投资增长6.1%"]
    >>> _drop_asides(lines); lines
    ['1-9月，全市投资增长6.8%。', '', '', '']
    """
    links = False
    for i, line in enumerate(lines):
        if links:
            if not line or "。" not in line:
                lines[i] = ""
                continue
            links = False
        if not line or line[0] not in _ASIDE_FIRST:  # (one test a line: most lines stop here)
            continue
        if P.CAPTION_LINE_RE.match(line):
            lines[i] = ""
        elif len(line) <= 8 and P.LINKS_HEADING_RE.fullmatch(line):
            lines[i] = ""
            links = True


def _words_to_digits(line: str) -> str:
    """A line's numbers written in words, as digits: 百分之六点八 → 6.8%, 二点一个百分点 →
    2.1个百分点, 二百三十五点六亿元 → 235.6亿元, 一百二十个重点项目 → 120个重点项目 (a text that
    writes its rates so, as a speech does). Numbers that cannot be read stay as written.

    >>> _words_to_digits("投资增长百分之六点八，高于全省二点一个百分点，一百二十个重点项目完成二百零五亿元")
    '投资增长6.8%，高于全省2.1个百分点，120个重点项目完成205亿元'
    """

    def figure(m: re.Match[str]) -> str:
        whole = cn_number(m.group(2))
        if whole is None:
            return m.group()
        decimals = "".join(str(_CN_DIGIT.get(c, 0)) for c in (m.group(3) or "").replace("〇", "零"))
        return f"{whole}.{decimals}" + ("%" if m.group(1) else "") if decimals else (
            f"{whole}" + ("%" if m.group(1) else ""))

    if "点" in line or "百分之" in line or "亿" in line or "万" in line or "倍" in line:
        line = P.WORDS_NUMBER_RE.sub(figure, line)
    if "个" in line and "项目" in line:
        line = P.WORDS_COUNT_RE.sub(lambda m: str(n) if (n := cn_number(m.group(1))) else m.group(), line)
    return line


def cn_number(text: str) -> int | None:
    """An integer written in Chinese numerals with their multipliers (二百三十五 → 235, 一万零五百
    → 10500, 十五 → 15), or None when it is not one number (四五: four or five).

    >>> cn_number("二百三十五"), cn_number("一万零五百"), cn_number("十五"), cn_number("四五")
    (235, 10500, 15, None)
    """
    total = section = 0
    digit: int | None = None
    for c in text.replace("〇", "零"):
        if c == "零":
            if digit is not None:
                return None
            continue
        if c in _CN_DIGIT:
            if digit is not None:
                return None  # two digits running: not one number
            digit = _CN_DIGIT[c]
        elif c in _CN_MULT:
            section += (1 if digit is None else digit) * _CN_MULT[c]
            digit = None
        elif c == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _pipe_row(line: str) -> str:
    """A row of a pipe table (markdown, text dumps of web pages) with tabs between its cells.

    >>> _pipe_row("| 安平县 | 45.6 | 12.3 |"), _pipe_row("|---|:--:|")
    ('安平县\\t45.6\\t12.3', '')
    """
    if line.count("|") + line.count("｜") < 2:
        return line
    if _PIPE_RULE.fullmatch(line):
        return ""
    return "\t".join(c.strip() for c in _PIPE.split(line.strip().strip("|｜")))


def _wrapped(previous: str, raw_next: str) -> bool:
    """True when ``previous`` is prose cut in the middle of a sentence and ``raw_next`` goes on."""
    return (
        len(previous) >= 25
        and previous.count("，") >= 1
        and bool(_WRAP_END.search(previous[-1:]))  # (its last character: lines end no \n)
        and not P.LIST_MARKER_RE.match(raw_next)
        and not _ITEM_START.match(raw_next)
        and CELL not in raw_next
        and CELL not in previous
        and not (_NEW_SENTENCE.match(raw_next) and not _CONNECTIVE_END.search(previous))
    )


def strip_html(text: str) -> str:
    """Text of an HTML page or fragment: block tags end lines, other tags go, entities decode.

    >>> strip_html("<p>1-8月，全县投资增长8%&nbsp;。</p><p>其中</p>")
    '\\n1-8月，全县投资增长8% 。\\n\\n其中\\n'
    """
    if _HTML_TAG.search(text):
        text = _CELL_END.sub("\t", text)  # the cells of a table row stay apart
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
    if "&" in text:
        import html  # (here: most texts hold no entity)

        text = html.unescape(text).replace("\xa0", " ")
    return text


def clean_line(
    line: str, *, normalized: bool = False, punct: tuple[tuple[str, str], ...] = _PUNCT_PAIRS
) -> str:
    """One line in the parser's canonical form (see :func:`clean_lines`); ``punct``: the
    pairs of ``_PUNCT`` to replace, when the caller knows the others are not in the line.

    >>> clean_line("１．全县固定資產(chǎn)投資增長 26.22 %，，")
    '全县固定资产投资增长26.22%，'
    """
    s = line.strip() if normalized else normalize_text(line)
    if not s:
        return s
    if "(" in s:
        s = P.PINYIN_RE.sub("", s)
    if "," in s:
        s = P.THOUSANDS_RE.sub("", s)
    if "万" in s and "亿" in s:
        s = P.WAN_GROUP_RE.sub(r"\1", s)
    if " " in s:
        s = P.SPACE_THOUSANDS_RE.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), s)
    if "，" in s and _WIDE_GROUP.search(s):  # (the quick scan first: a match holds one)
        s = P.WIDE_THOUSANDS_RE.sub(lambda m: m.group(1) + m.group(2).replace("，", ""), s)
    s = replace_each(s, punct)  # s.translate(_PUNCT), quicker
    if "." in s:
        s = P.CN_DECIMAL_RE.sub(_cn_decimal, s)
    first = s[:1]
    if first in _MARKER_FIRST or first.isdecimal() or first.isspace():
        s = P.LIST_MARKER_RE.sub("", s)
    if "，，" in s:
        s = _COMMAS.sub("，", s)
    return s.strip()


def _cn_decimal(m: re.Match[str]) -> str:
    """三.一 → 3.1, 十三.九 → 13.9, 〇.五 → 0.5 (Taiwanese wire copy writes decimals in words)."""
    whole = cn_int(m.group(1).replace("〇", "零"))
    digits = "".join(str(_CN_DIGIT.get(c, 0)) for c in m.group(2).replace("〇", "零"))
    return m.group() if whole is None else f"{whole}.{digits}"


def mojibake_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines :func:`~fai.cleaning.normalize.detect_mojibake` flags.

    Only lines that could be flagged are checked: those with Latin-1 letters
    or a replacement character, or with two or more characters outside the
    3,755 common ones (mojibake is made of those).

    >>> mojibake_lines(["全县投资增长8%", "投资" + "增长".encode("utf-8").decode("gbk")])
    {1}
    """
    from fai.cleaning.hanzi import is_common_hanzi  # the same test detect_mojibake uses

    text = "\n".join(lines)
    rare = {c for c in set(_maybe_rare_re().findall(text)) if not is_common_hanzi(c)}
    chars = re.escape("".join(sorted(rare)))
    rare_re = re.compile(f"[{chars}]") if rare else None
    either = re.compile(_LATIN.pattern[:-1] + chars + "]") if rare else _LATIN
    out = set()
    for i in _lines_with(either, text, len(lines)):
        line = lines[i]
        suspicious = _LATIN.search(line) or (
            rare_re is not None and len(rare_re.findall(line)) >= 2
        )
        if suspicious and detect_mojibake(line) and detect_mojibake(_without_place_names(line)):
            out.add(i)
    return out


def _without_place_names(line: str) -> str:
    """The line without the names of real places in it: 麒麟区 | 142.5 | 8.5, a table's row of a
    county named with two rare characters, is no mojibake (the rest of the line decides).

    >>> _without_place_names("麒麟区\ue001142.5")
    '\ue001142.5'
    """
    from fai.model import regions

    return P.REGION_NAME_RE.sub(lambda m: "" if regions.lookup(m.group()) else m.group(), line)


@functools.lru_cache(maxsize=1)
def _maybe_rare_re() -> re.Pattern[str]:
    """``P.CJK_CHAR_RE`` but for the 3,755 characters of GB 2312 level 1, which
    :func:`~fai.cleaning.hanzi.is_common_hanzi` calls common in their own form: what it may
    call rare (one scan of a text finds them; a set of its every character costs ten times).

    >>> [bool(_maybe_rare_re().match(c)) for c in "投資鎶a"]
    [False, True, True, False]
    """
    level1 = {ord(c) for c in gb2312_hanzi(LEVEL1_LEADS)}
    ranges, start = [], 0x4E00
    for code in sorted(level1):
        if code > start:
            ranges.append(f"{chr(start)}-{chr(code - 1)}")
        start = code + 1
    ranges.append(f"{chr(start)}-\u9fff")
    return re_cache.compile("[\u3400-\u4dbf" + "".join(ranges) + "]")


def _lines_with(pattern: re.Pattern[str], text: str, n: int) -> list[int] | range:
    """Indexes of the lines of ``text`` (``n`` lines joined by newlines) in which
    ``pattern``, a pattern of one character, is found (every index when a line held a
    newline of its own).

    >>> _lines_with(re.compile("[x]"), "ax\\nb\\nxcx", 3)
    [0, 2]
    """
    if text.count("\n") != n - 1:
        return range(n)
    out: list[int] = []
    line = pos = 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if not out or out[-1] != line:
            out.append(line)
    return out


#: the longest sentence read as one (real ones have under 300 characters): a longer
#: one is read in pieces cut at its commas, so no sentence costs more than this
MAX_SENTENCE = 2000
#: the longest clause read (real ones have under 200 characters); a longer one is skipped
MAX_CLAUSE = 1000


def sentences(line: str) -> list[str]:
    """The sentences of a line; one longer than :data:`MAX_SENTENCE` in pieces cut after a
    comma or semicolon (or, without any, at the limit).

    >>> sentences("全县投资增长8%。工业投资增长9%")
    ['全县投资增长8%。', '工业投资增长9%']
    >>> [len(s) for s in sentences("增长8%，" * 600)]
    [2000, 1000]
    """
    out = []
    for sentence in P.SENTENCE_RE.findall(line):
        while len(sentence) > MAX_SENTENCE:
            cut = max(sentence.rfind(c, 0, MAX_SENTENCE) for c in "，；：") + 1 or MAX_SENTENCE
            out.append(sentence[:cut])
            sentence = sentence[cut:]
        out.append(sentence)
    return out


def clauses(body: str) -> list[tuple[str, str]]:
    """Clauses of a sentence with the punctuation that ends each ('' at the end).

    >>> clauses("工业投资：完成8.8亿元，增长13.0%")
    [('工业投资', '：'), ('完成8.8亿元', '，'), ('增长13.0%', '')]
    """
    out, last = [], 0
    for m in P.CLAUSE_SPLIT_RE.finditer(body):
        out.append((body[last : m.start()], m.group()))
        last = m.end()
    out.append((body[last:], ""))
    return out


def expand_sectors(form: str) -> Callable[[re.Match[str]], str]:
    """A replacement for 第一、二、三产业 → 第一产业、第二产业、第三产业."""

    def expand(m: re.Match[str]) -> str:
        return "、".join(form.format(g) for g in m.groups() if g)

    return expand


def split_list(np: str) -> list[str]:
    """The items of a list head before 分别, each completed from the last.

    >>> split_list("省、市级重点项目"), split_list("东部、中部和西部地区")
    (['省级重点项目', '市级重点项目'], ['东部地区', '中部地区', '西部地区'])
    >>> split_list("成都、攀西、川西北经济区投资"), split_list("自治区及市层面重大项目")
    (['成都经济区投资', '攀西经济区投资', '川西北经济区投资'], ['自治区层面重大项目', '市层面重大项目'])
    >>> split_list("省直部门、各市州牵头项目"), split_list("荣县、自流井区")
    (['省直部门牵头项目', '各市州牵头项目'], ['荣县', '自流井区'])
    """
    items = [x for x in P.LIST_SPLIT_RE.split(np) if x]
    if len(items) < 2:
        return [np]
    last = items[-1]
    head = "投资" if last.endswith("投资") else ""
    # the last item's region word and what follows it (经济区投资 of 川西北经济区投资)
    m = P.LIST_REGION_TAIL_RE.search(last, 1)
    tail = last[m.start() :] if m else ""
    lead = P.LEAD_TAIL_RE.search(last, 1)  # 市级部门、各区县牵头项目: 市级部门牵头项目
    out = []
    for item in items[:-1]:
        if tail and not P.REGION_END_RE.search(item) and "投资" not in item:
            item = item + tail
        elif lead and "项目" not in item and "投资" not in item:
            item = item + last[lead.start() :]
        elif (
            len(item) <= 2
            and len(item) < len(last)
            and "投资" not in item
            and not (P.REGION_END_RE.search(item) and P.REGION_END_RE.search(last))
        ):  # (not 荣县 of 荣县、自流井区: a region named in full)
            item = item + last[len(item) :]
        elif P.LEVEL_WORD_RE.fullmatch(item) and P.LEVEL_WORD_RE.match(last) and (
            m2 := P.LEVEL_TAIL_RE.match(last, P.LEVEL_WORD_RE.match(last).end())
        ):
            item = item + last[m2.start() :]  # 自治区及市层面重大项目: 自治区层面重大项目
        elif head and "投资" not in item:
            item = item + head
        out.append(item)
    return [*out, last]


def pair(targets: list[_T], values: list[Decimal], clause: str) -> list[tuple[_T, Decimal]]:
    """Targets with their values: one each, or one value for all when the clause says 均."""
    if len(values) == len(targets):
        return list(zip(targets, values, strict=True))
    if len(values) == 1 and "均" in clause:
        return [(t, values[0]) for t in targets]
    return []


def strip_prefix(text: str) -> str:
    """A head without its connectives and time words in front (``HEAD_PREFIX_RE``); the
    regex runs only where a match can start (:data:`~fai.bulletin.patterns.HEAD_PREFIX_FIRST`).

    >>> strip_prefix("其中重点项目"), strip_prefix("本报讯 全县投资"), strip_prefix("工业投资")
    ('重点项目', ' 全县投资', '工业投资')
    """
    first = text[:1]
    if (
        (first in P.HEAD_PREFIX_FIRST and (first != "全" or text[1:2] == "年"))  # 全: only 全年
        or "报讯" in text
        or first.isdecimal()
    ):
        return P.HEAD_PREFIX_RE.sub("", text)
    return text


def strip_suffix(text: str) -> str:
    """A head without its connectives in front and its verbs at the end.

    >>> strip_suffix("其中重点项目累计完成")
    '重点项目'
    """
    text = strip_prefix(text)
    if not text or text[-1] not in _SUFFIX_LAST:
        return text.strip()
    return text[: _suffix_start(text)].strip()


_SUFFIX_LONGEST = max(map(len, P.HEAD_SUFFIX_WORDS))
_SUFFIX_LAST = {w[-1] for w in P.HEAD_SUFFIX_WORDS}


def _suffix_start(text: str) -> int:
    """Where the run of :data:`~fai.bulletin.patterns.HEAD_SUFFIX_WORDS` ending ``text`` begins
    (the earliest position from which the rest is made of those words only), in linear time.

    >>> _suffix_start("重点项目累计完成额"), _suffix_start("工业投资")
    (4, 4)
    """
    longest, words = _SUFFIX_LONGEST, P.HEAD_SUFFIX_WORDS
    oks = [len(text)]  # the positions from which the rest is made of suffix words (descending)
    i = oks[0] - 1
    while i >= 0 and oks[-1] - i <= longest:  # (no word reaches back over a longer gap)
        for j in reversed(oks):  # a word text[i:j] ending where such a rest begins, nearest first
            if j - i > longest:
                break
            if text[i:j] in words:
                oks.append(i)
                break
        i -= 1
    return oks[-1]


def trivial(text: str) -> bool:
    """True when a head holds no subject of its own (增速, 投资总量, 全县…).

    >>> trivial("增速"), trivial("工业增加值")
    (True, False)
    """
    if len(text) <= 1:  # (the quick test first: most heads tested are empty)
        return True
    return len(P.TRIVIAL_RE.sub("", text)) <= 1


def cut_label(text: str) -> str:
    """The investment phrase of a head: up to its last 投资, after the last connective.

    >>> cut_label("统计局关于全市固定资产投资运行情况")
    '固定资产投资'
    """
    end = text.rfind("投资")
    if end < 0:
        return ""
    label = _LABEL_CUT.split(text[: end + 2])[-1]
    label = strip_prefix(label)
    if label[:1] in P.PRONOUN_FIRST and (bare := P.PRONOUN_RE.sub("", label)) != label:
        label = strip_prefix(bare)  # (strip_prefix of its own result is that result)
    return label


@functools.lru_cache(maxsize=4096)
def indicator(label: str) -> tuple[str, str]:
    """Registry key and scope ('all' for 全社会…) of a label; anything unknown is ``other``.

    >>> indicator("技改投资"), indicator("全社会固定资产投资"), indicator("水利管理业投资")
    (('fai_tech_renovation', ''), ('fai_total', 'all'), ('other', ''))
    """
    if label == "":
        return "fai_total", ""
    text = _LABEL_TAIL.sub("", label) if not label.endswith("投资") else label
    scope = "all" if text.startswith("全社会") else "urban" if text.startswith("城镇") else ""
    if text in P.LABELS:
        return _bulletin_key(P.LABELS[text]), scope
    if text[:1] in "扣剔不除" and P.EX_REAL_ESTATE_RE.fullmatch(text):
        return "fai_project", ""
    if P.PROJECTS_500K_RE.match(text):
        return _bulletin_key("fai_project_500k_plus"), ""
    if P.UTILITIES_RE.match(text):
        return "fai_utilities", ""
    if P.KEY_PROJECTS_RE.search(text):
        return "fai_key_projects", ""
    return "other", ""


def _bulletin_key(key: str) -> str:
    """A registry key as a bulletin figure's indicator (:data:`~fai.bulletin.patterns.BULLETIN_KEYS`).

    >>> _bulletin_key("fai_residential"), _bulletin_key("fai_urban"), _bulletin_key("fai_private")
    ('other', 'fai_total', 'fai_private')
    """
    key = P.KEY_AS.get(key, key)
    return key if key in P.BULLETIN_KEYS else "other"


def decimal(text: str) -> Decimal:
    """A number of the text, exactly."""
    return Decimal(text.lstrip("+"))


def numbers(span: str) -> list[Decimal]:
    """Every number in a fact span, in order.

    >>> numbers("分别比全国和全省高14.2和10.5个百分点")
    [Decimal('14.2'), Decimal('10.5')]
    """
    return [Decimal(x.lstrip("+")) for x in P.NUM_RE.findall(span)]  # (decimal, inlined)


def cn_int(text: str) -> int | None:
    """An integer in Arabic or simple Chinese numerals (第十一 → 11), else None.

    >>> cn_int("十一"), cn_int("3"), cn_int("二十")
    (11, 3, 20)
    """
    if text.isdigit():
        return int(text)
    if text and all(c in _CN_DIGIT or c == "十" for c in text):
        if "十" not in text:
            return int("".join(str(_CN_DIGIT[c]) for c in text))
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return None


def first(pattern: re.Pattern[str], text: str, group: int = 0) -> Any:
    """The first match of a compiled pattern (a group of it), or None."""
    m = pattern.search(text)
    return m.group(group) if m else None
