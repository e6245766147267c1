"""The numbers of one fact span, and the periods of one head: pure functions of
the bulletin parser (:mod:`fai.bulletin.reader` keeps the state).
"""

from __future__ import annotations

import functools
from decimal import Decimal

from fai import re_cache
from fai.bulletin import patterns as P
from fai.bulletin import text as T
from fai.bulletin.scan import findall_near, holds_one_of, max_width
from fai.cleaning.period_labels import read_period_label as parse_period
from fai.errors import FaiError

Period = tuple[int | None, int | None]

UNIT_FACTOR = {"万亿元": Decimal(10000), "千万元": Decimal("0.1"), "百万元": Decimal("0.01"),
               "亿元": Decimal(1), "万元": Decimal("0.0001"), "万亿": Decimal(10000),
               "亿": Decimal(1)}  # fmt: skip
_SPAN_FORMS = [
    (re_cache.compile(r"^([1一])月份?(?=[-至到])"), r"\1"),  # 1月至11月 → 1至11月
    (re_cache.compile(r"首(?=[\d一二三四五六七八九十两]+个?[月季])"), "前"),  # 首10月 → 前10月, 首三季
    (re_cache.compile(r"(?<=前[两二三3])季$|(?<=前[两二三3]个)季$"), "季度"),  # 前三季 → 前三季度
    (re_cache.compile(r"^今年$"), "全年"),  # 预计今年: the estimate of the whole year
    (re_cache.compile(r"(?<=前)两(?=个?月)"), "二"),  # 前两个月 → 前二个月 (1—2月)
]


#: PERIOD_RE for the heads' scan (a third faster; the same matches: behind a lookahead on
#: its first characters, :func:`~fai.bulletin.patterns.guarded`)
_PERIOD_SCAN_RE = re_cache.compile(P.guarded(P.PERIOD_RE.pattern))
#: every year-to-date span holds one of these: a whole text is scanned for its spans only
#: near them (:func:`~fai.bulletin.scan.findall_near`; half of it)
YTD_HINTS = "月季年"


@functools.lru_cache(maxsize=1024)
def _parse_period(span: str) -> tuple[int | None, int | None]:
    """:func:`~fai.cleaning.normalize.parse_period` of a span, its wire forms made canonical.

    >>> _parse_period("1月至11月"), _parse_period("2025年首10月"), _parse_period("前三季")
    ((None, 11), (2025, 10), (None, 9))
    >>> _parse_period("20XX年"), _parse_period("20XX年上半年")
    ((None, 12), (None, 6))
    """
    year = ""
    if m := P.YEAR_PREFIX_RE.match(span):
        year, span = m.group(), span[m.end() :]
    for pattern, repl in _SPAN_FORMS:
        span = pattern.sub(repl, span)
    if year[2:4] in ("XX", "xx", "××"):  # 20XX年: a year the template hides
        return None, parse_period("2000" + year[4:] + span)[1]
    return parse_period(year + span)


def fact_values(kind: str, span: str, mom: bool = False) -> tuple[str | None, list[Decimal]]:
    """The output field a fact fills and its values (several for a list).

    ``mom``: the fact follows 环比 in its sentence, so a growth rate is the
    month-on-month one.

    >>> fact_values("level", "36.2亿元、9430万元")
    ('value_100m_yuan', [Decimal('36.2'), Decimal('0.9430')])
    >>> fact_values("growth", "增长3.3倍"), fact_values("growth", "同比下降8.4%")
    (('yoy_pct', [Decimal('330.0')]), ('yoy_pct', [Decimal('-8.4')]))
    """
    if kind == "level":
        out, unit = [], None
        for number, u in reversed(P.AMOUNT_ITEM_RE.findall(span)):
            unit = u or unit
            out.append(T.decimal(number) * UNIT_FACTOR[unit])
        return "value_100m_yuan", out[::-1]
    if kind == "plan":  # 完成年度计划21.5亿元的19.4%: the amount is the plan, not a figure
        return "plan_completion_pct", T.numbers(P.AMOUNT_RE.sub("", span))
    if kind == "share":
        return "share_pct", T.numbers(P.SHARE_HEAD_RE.sub("", span))
    if kind == "time":
        # 低于序时进度2个百分点: −2; 超序时进度-0.5个百分点: the sign as written
        sign = -1 if P.DOWN_TIME_RE.search(span) else 1
        return "vs_time_progress_pp", [v if v < 0 else sign * v for v in T.numbers(span)]
    if kind == "flat":
        return ("mom_sa_pct" if mom else "yoy_pct"), [Decimal(0)]
    if kind in ("growth", "fall"):
        if span[:1] in "比较" and P.LAST_MONTH_BASE_RE.match(span):
            return None, []  # 比上月增长: not seasonally adjusted, not year on year
        name = "mom_sa_pct" if mom or span.startswith("环比") else "yoy_pct"
        values = T.numbers(span)
        if span.endswith("倍"):
            values = [v * 100 for v in values]
        if kind == "fall" or (("下" in span or "减" in span or "衰" in span) and P.DOWN_WORDS_RE.search(span)):
            values = [-abs(v) for v in values]
        return name, values
    return None, []


def parent_values(span: str) -> tuple[list[str], list[Decimal]]:
    """The parents named in a comparison and the signed differences in percentage points.

    >>> parent_values("分别比全国和全省平均水平高14.2和10.5个百分点")
    (['全国', '全省'], [Decimal('14.2'), Decimal('10.5')])
    >>> parent_values("比全州低2.6个百分点"), parent_values("降幅比全省大1.5个百分点")
    ((['全州'], [Decimal('-2.6')]), (['全省'], [Decimal('-1.5')]))
    """
    words = P.PARENT_VERB_RE.sub("", P.FALL_WORD_RE.sub("", span))
    segment = P.FIGURE_SPLIT_RE.split(words, maxsplit=1)[0]
    parents = [m.group() for w in P.SEP_RE.split(segment) if (m := P.PARENT_WORD_RE.match(w))]
    if "持平" in span:
        return parents, [Decimal(0)]
    if span.startswith(("降幅", "降速")):  # a larger fall is a lower rate
        sign = 1 if P.SMALLER_FALL_RE.search(span) else -1
    else:
        sign = -1 if P.DOWN_PP_RE.search(span) else 1
    return parents, [sign * abs(v) for v in T.numbers(span)]


def read_periods(head: str, current: Period) -> tuple[Period, str]:
    """The period a head sets (or ``current``) and the head without its period words.

    A period written after 比/较/与 is a comparison base: dropped, the period kept;
    ``全年`` before 目标/计划 is a plan; a bare ``2023年`` is the full year
    unless a month is already known for that year; single months
    (``10月份`` of a 环比 sentence) are dropped without changing the period.

    >>> read_periods("2023年1-8月全县", (None, None))
    ((2023, 8), '全县')
    >>> read_periods("增速比1-7月", (2023, 8))
    ((2023, 8), '增速比')
    >>> read_periods("2022年三季度全县经济运行情况", (None, None))
    ((2022, 9), '全县经济运行情况')
    """
    if not P.PERIOD_HINT_RE.search(head):
        return current, head
    out, last = [], 0
    for m in _PERIOD_SCAN_RE.finditer(head):
        before = head[max(0, m.start() - 3) : m.start()]
        after = head[m.end() : m.end() + 4]
        span = m.group()
        if span.endswith("全年") and P.PERIOD_NOT_AFTER.match(after) and not before.endswith("预计"):
            continue  # 全年目标: the plan (预计全年将完成: the estimate of the whole year)
        if span.endswith(("半年", "季度")) and P.PLAN_AFTER_RE.match(after):
            continue  # 上半年计划投资完成率60%的目标, 一季度目标任务: a plan's span, not the figures'
        if P.PERIOD_BASE_BEFORE.search(before) and not (
            before.endswith(("至", "到")) and span.endswith(("底", "末"))  # 启动至9月底: up to
        ):  # 比1-7月: a comparison base, dropped
            out.append(head[last : m.start()])
            last = m.end()
            continue
        try:
            year, month = _parse_period(span)
        except FaiError:
            continue
        year_only = P.YEAR_ONLY_RE.fullmatch(span) is not None  # (tested once: 2023年)
        if (
            (year_only and P.HISTORIC_BEFORE_RE.search(before))
            or ("来" in after and P.HISTORIC_AFTER_RE.match(head, m.end()))  # (以来…: it needs 来)
            or (
                year_only
                and P.SINCE_AFTER_RE.match(head, m.end())
                and T.strip_suffix(head[: m.start()]) not in ("", "自", "从")
            )
        ):
            # 创2001年以来新低, 为2019年以来最高, 出现1995年有统计以来的负增长: a reference
            continue
        quarter = P.YEAR_QUARTER_RE.match(head, m.end()) if year_only and "季" in after else None
        if quarter is not None:
            # 2022年三季度(经济运行情况), 2022年第三季度: the bulletin of the quarter, whose
            # investment figures run from January to its end (a year-to-date span, as every
            # FAI figure); a text that also gives 1—9月 spans reads a bare 三季度 in a
            # sentence as that quarter alone (the reader's single-quarter rule)
            month = 3 * (" 一二三四".find(quarter.group(1)) if quarter.group(1) in "二三四" else int(quarter.group(1)))
            current = (year, month)
            out.append(head[last : m.start()])
            last = quarter.end()
            continue
        if year_only:
            if after.startswith(("以来", "来", "初", "上", "前", "1", "一", "元", "全年")):
                month = current[1] if after.startswith(("以来", "来", "初")) else None
            elif current[1] is not None and current[0] in (None, year):
                month = current[1]
            if month is None:
                current = (year, current[1])
                out.append(head[last : m.start()])
                last = m.end()
                continue
        elif year is None and current[0] is not None and "今年" not in before:
            year = current[0]
        current = (year, month)
        out.append(head[last : m.start()])
        last = m.end()
    out.append(head[last:])
    return current, P.BARE_MONTH_RE.sub("", "".join(out))


def single_month(head: str) -> int | None:
    """The month of a single month named in a head (``8月``, ``9月份``), not part of a
    year-to-date span and not a comparison base (``比8月份``), or None.

    >>> single_month("8月基础设施投资"), single_month("制造业9月投资"), single_month("1-8月全县")
    (8, 9, None)
    """
    if "月" not in head:
        return None
    rest = P.PERIOD_RE.sub("\x00", head) if P.PERIOD_HINT_RE.search(head) else head
    for m in P.BARE_MONTH_RE.finditer(rest):
        if P.PERIOD_BASE_BEFORE.search(rest[max(0, m.start() - 3) : m.start()]):
            continue
        if rest[m.end() : m.end() + 1] in ("末", "底", "日", "号", "至", "到", "-"):
            continue
        month = T.cn_int(m.group(1))
        if month is not None and 1 <= month <= 12:
            return month
    return None


def ytd_months(lines: list[str]) -> set[int]:
    """The months that close a year-to-date span written somewhere in the text (1-8月 → 8,
    上半年 → 6), so a bare ``8月`` elsewhere is that one month.

    >>> sorted(ytd_months(["1-8月，全县投资增长5%。", "上半年，全县投资增长4%。", "8月份当月…"]))
    [6, 8]
    """
    out: set[int] = set()
    text = "\n".join(lines)
    if holds_one_of(P.YTD_RE.pattern, YTD_HINTS):
        spans = findall_near(P.YTD_SCAN_RE, text, YTD_HINTS, max_width(P.YTD_RE.pattern))
    else:  # (a span without one: the whole text)
        spans = P.YTD_SCAN_RE.findall(text)
    for span in set(spans):
        try:
            month = _parse_period(span)[1]
        except FaiError:
            continue
        if month is not None:
            out.add(month)
    return out


def earlier_period(span: str, current: Period) -> Period | None:
    """The span of an earlier-period figure (``1-8月份为下降0.3%``), in the current year
    unless it writes its own; None when it cannot be read.

    >>> earlier_period("1-8月份为下降0.3%", (2024, 9)), earlier_period("2020年全年为下降4.6%", (2021, 3))
    ((2024, 8), (2020, 12))
    >>> earlier_period("去年同期为增长8.9%", (2024, 7)), earlier_period("上年同期增长1.2%", (None, 7))
    ((2023, 7), None)
    """
    if "同期" in span and span.lstrip("比较与和")[:1] in "去上":
        # last year's figure of the current span: of no year when the current one has none
        # (it would be taken for the current figure)
        return (current[0] - 1, current[1]) if current[0] is not None and current[1] else None
    m = P.PERIOD_RE.search(span)
    if m is None:
        return None
    try:
        year, month = _parse_period(m.group())
    except FaiError:
        return None
    if month is None:
        return None
    return (year if year is not None else current[0]), month


def dateline(lines: list[str], first: int = 4) -> Period | None:
    """(year, month) of a publication date in the first lines of a text (a dateline, a page
    timestamp: 发布时间:2015-09-14, 2016年9月22日, 14/11/2025), or None.

    >>> dateline(["前八月投资增速回落", "发布时间:2015-09-14 来源:财新网"]), dateline(["全县投资增长5%"])
    ((2015, 9), None)
    >>> dateline(["SOURCE： http：//example.cn/data/2014-03/04/content.htm", "全年完成投资"])
    """
    for line in [x for x in lines if x][:first]:
        line = P.URL_RE.sub(" ", line)  # a date in a web address is no dateline
        if m := P.DATELINE_RE.search(line):
            year, month = m.group("y") or m.group("y2"), m.group("m") or m.group("m2")
            if year and month and 1 <= int(month) <= 12:
                return int(year), int(month)
    return None


def closing_lines(lines: list[str], last: int = 3) -> list[str]:
    """The last ``last`` non-empty lines of a text, stripped (where a signature and its date stand)."""
    out: list[str] = []
    for line in reversed(lines):
        if line.strip():
            out.append(line.strip())
            if len(out) == last:
                break
    return out


_CLOCK_RE = re_cache.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)")  # a time of day


def closing_date(lines: list[str]) -> Period | None:
    """(year, month) of the date closing a text (天城县统计局 / 2024年10月18日 under the body,
    来源：永和县统计局 2024年7月16日), or None: a dateline at the end, not a period.

    >>> closing_date(["1—9月，我县投资增长8.6%。", "天城县统计局", "2024年10月18日"])
    (2024, 10)
    >>> closing_date(["1—9月，我县投资增长8.6%。", "2024-10-21 10:32 来源：市统计局"])
    (2024, 10)
    >>> closing_date(["1—9月，我县投资增长8.6%，2024年10月18日召开会议。"])
    """
    for line in closing_lines(lines):
        if len(line) > 40 or "。" in line or (m := P.DATELINE_RE.search(line)) is None:
            continue
        rest = _CLOCK_RE.sub("", line[: m.start()] + line[m.end() :]).strip()  # 2024-10-21 10:32
        if rest and not (P.SIGNATURE_RE.fullmatch(rest) or P.SOURCE_LINE_RE.fullmatch(rest)):
            continue
        year, month = m.group("y") or m.group("y2"), m.group("m") or m.group("m2")
        if year and month and 1 <= int(month) <= 12:
            return int(year), int(month)
    return None


def report_year(lines: list[str], first: int = 6) -> int | None:
    """The year of a report to a congress or a meeting (政府工作报告, 计划执行情况…的报告, a
    speech at a 工作会议), from its title and date lines among the first ``first`` lines
    (the latest year they write: 2023年…执行情况与2024年…草案的报告 is of 2024), or None for
    any other text. A report's review (过去一年, 去年) is of the year before it.

    >>> report_year(["政府工作报告", "——2024年1月10日在临江市第十六届人民代表大会第四次会议上"])
    2024
    >>> report_year(["2023年1-8月全县固定资产投资运行情况", "1-8月，全县投资增长5%。"])
    """
    named = False
    for line in [x for x in lines if x][:first]:
        if "。" in line or len(line) > 100:
            continue  # prose: a monthly bulletin may name the work report's targets
        if P.REPORT_TITLE_RE.search(line):
            named = True
            if years := [int(y) for y in P.YEAR4_RE.findall(line)]:
                return max(years)
        elif named and (m := P.DATELINE_RE.search(line)) and m.group("y"):
            return int(m.group("y"))  # 政府工作报告 / ——2024年1月10日在市政协…: the date under it
    return None


def review_head(head: str, year: int) -> str | None:
    """``head`` with its review words (过去一年, 去年 at its start) written as the year before
    the report's ``year`` (过去一年，… → 2023年，…), or None when it does not open so.

    >>> review_head("过去一年", 2024), review_head("去年全县", 2023), review_head("去年同期", 2024)
    ('2023年', '2022年全县', None)
    """
    m = P.REVIEW_HEAD_RE.match(head)
    if m is None:
        return None
    return f"{year - 1}年" + head[m.end() :]

