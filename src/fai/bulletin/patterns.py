"""Regular expressions and word lists of the bulletin parser (:mod:`fai.bulletin.parse`).

The parser reads a clause (the text between two commas or semicolons) as a
*head* — the subject, such as ``全县固定资产投资`` or ``东部地区投资`` — followed
by *facts*: a level in 亿元/万元, a growth rate, a comparison with the parent
region, a plan completion, a share, a rank. ``FACT_RE`` finds every fact of a
clause in one left-to-right pass; at one position the alternatives listed
first win, so the traps (``两年平均增长``, ``拉动…个百分点``, ``亿元以上``,
``开工率``, ``上年同期为…``) are consumed before the growth or level patterns can
read them. Each kind then has its own ``fullmatch`` pattern to take the
numbers out of the span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fai import re_cache
from fai.bulletin.lazy_re import bind_later, later

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_CHAR_RE = later(f"[{CJK}]")
# a number starts where no digit is before it: a run of 10,000 digits is one
# number tried once, not 10,000 numbers each tried to its end (quadratic time)
NUM = r"(?<!\d)[-+]?\d+(?:\.\d+)?"
CN_NUM = "一二三四五六七八九十两"
NUMCN = rf"(?:(?<!\d)\d+|(?<![{CN_NUM}])[{CN_NUM}]+)"
UNIT = r"(?:万亿元|千万元|百万元|亿元|万元|万亿(?![元美])|亿(?![元美]))"  # 56.3亿 as in headlines
SEP = r"(?:、|和|及|与|以及)"
STOP = "，；：。！？"  # clause punctuation, never inside a fact
PP = r"(?:个百分点|%)"

# --------------------------------------------------------------- periods
_CNM = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九]|[元正])"
# a year: 2023年, 二〇〇五年, and 20XX年 of templates that hide it (a year, not which one)
_YEAR = r"(?:(?:19|20)\d{2}|20[Xx×]{2}|[〇零○一二三四五六七八九]{4})年度?"
# (the alternatives that look behind do it after their first character, not before it as
# (?<!提)[前首] and (?<=预计)今年: the regex engine skips them at once where they cannot start,
# a third of the scan of a whole text for its year-to-date spans)
_PERIOD_CORE = (
    rf"(?:{_CNM}(?:-|至|到){_CNM}月份?(?:累计)?"
    rf"|[1一]月份?(?:-|至|到){_CNM}月份?(?:累计)?"  # 1月至11月 (wire copy)
    rf"|[前首](?<!提[前首])(?:{_CNM}|两)个?月份?(?:累计)?"  # 首10月 (Hong Kong); not 提前2个月完成
    # (前两个月: January and February, released together, written as a count of months)
    r"|今(?<=预计今)年"  # 预计今年…将完成: the whole year
    rf"|截[至止]到?(?:{_YEAR})?{_CNM}月份?(?:底|末)?"
    rf"|{_CNM}月份?(?:底|末)"
    r"|(?:第一|一|1|首)季度|首季"
    r"|上半年|[前首][两二三3]个?季度?|[一1][-至][二三四234]季度"
    r"|全年)"
)
# a YTD period, optionally with its year; a month of a year (2023年8月, not a date
# 2024年4月18日); or a bare year (annual, or 2023年以来)
PERIOD_RE = later(
    rf"(?:{_YEAR})?{_PERIOD_CORE}|{_YEAR}{_CNM}月份?(?![\d日号])|{_YEAR}(?!\d{{1,2}}月)"
)
YEAR_PREFIX_RE = later(_YEAR)
PERIOD_HINT_RE = later(r"[年月季]")  # no period without one of these
YTD_RE = later(_PERIOD_CORE)  # a year-to-date span (1-8月, 上半年, 截至8月末)
YEAR_ONLY_RE = later(rf"{_YEAR}$")
# a period written after these is a comparison base (比1-7月), not the text's period
PERIOD_BASE_BEFORE = later(r"(?:比|较|与|同|和|及|、|(?<!关)于|跟|如|去年|上年|上期|至|到)$")
# a single month (10月份, 9月份当月): dropped from a head without changing the period
BARE_MONTH_RE = later(rf"({_CNM})月份?")
SINGLE_MONTH_RE = later(r"当月|本月|单月")
# 创2001年以来新低, 为2019年以来最高, 2020年以来首次: a year named as a record's reference
HISTORIC_BEFORE_RE = later(r"(?:创出?|为|是|达|成为|刷新)$")
HISTORIC_AFTER_RE = later(
    r"(?:以来|来)(?:的|同期)?(?:逾?[\d一二三四五六七八九十两]+年)?(?:最|新[高低]|首次|首度|历史)"
)
SINCE_AFTER_RE = later(r"[^，；。]{1,10}?以来")  # 1995年有这项统计以来
# 全年 followed by these is the plan (全年目标), not the period
# 上半年计划…, 一季度目标…: the span of a plan, not of the figures
PLAN_AFTER_RE = later(r"(?:的)?(?:计划|目标|任务)")
PERIOD_NOT_AFTER = later(r"(?:目标|任务|计划|预期|力争|确保|争取|要|将|投资目标|以来|来|初)")

# --------------------------------------------------------------- regions
REGION_SUFFIX = "特别行政区|自治区|自治州|自治县|自治旗|经济区|地区|新区|开发区|高新区|园区|街道|省|市|县|区|旗|州|盟|镇|乡"
REGION_NAME_RE = later(
    rf"[{CJK}]{{1,8}}?(?:{REGION_SUFFIX})(?!场|域|级|民(?!间|营)|委|直|属|政府)"
)
# characters and words a region name never contains
NOT_IN_REGION_RE = later(
    r"[个增速幅居排位列在比较高低于第的、级]|投资|产业|项目|企业|房地产|工业|农业|完成|同比|增长"
    r"|重点|记者|获悉|消息|报道|实施|核定|我|[报讯]"
    r"|始终|坚持|通过|推动|推进|加快|围绕|聚焦|作为|全力|持续|不断|紧盯|锚定|抢抓|狠抓|入库|在库"  # 常州始终将省, 新入库市…
    r"|^[一二三四五六七八九十百两]+大"  # 十大城市建设工程项目: ten lists, no city
)
# 桃源工业园区, 云岭高新区: the words of the suffix may hold 工业/高; the name before it may not
ZONE_SUFFIX_RE = later(
    r"(?:经济技术开发区|高新技术产业开发区|经济开发区|工业园区|产业园区|开发区|高新区|经开区|园区)$"
)
REGION_SUFFIX_CHARS = set("省市县区旗镇乡")
# words that end like a region name but are not one
NOT_REGION = {
    "城市", "城区", "市区", "园区", "社区", "景区", "山区", "辖区", "片区", "库区", "矿区",
    "街区", "校区", "小区", "城镇", "乡镇", "集镇", "村镇", "县区", "县市", "市县", "区县", "省市", "自治区", "自治州", "自治县", "小城镇",
    "城乡", "分区", "地区", "老区", "新区", "特区", "郊区", "港区", "湾区", "厂区", "都市",
    "工业园区", "产业园区", "各县", "各市", "各区", "上市", "街道", "镇",
}  # fmt: skip
REGION_GROUP_RE = later(
    rf"等(?:{NUMCN}个)?(?:县|市|区|乡|镇|街道|园区|开发区)"
)  # 等5个县(市、区)
# the region word of the last item of a list (川南、川东北经济区: 经济区 is of both)
LIST_REGION_TAIL_RE = later(r"(?:经济区|地区|片区|新区|开发区|高新区|园区|自治州|自治县|街道)")
REGION_END_RE = later(rf"(?:{REGION_SUFFIX})$")
# generic sub-units a text names without their own name (经开区 of a city, 市本级)
SUBUNITS = {"经开区", "开发区", "高新区", "市本级", "县本级", "区本级", "州本级", "保税区", "综保区"}
# a region named as a zone (滨海新区, 苏州工业园区): its 区 is part of the name
ZONE_ENDS = ("新区", "园区", "开发区", "高新区", "经开区", "保税区")
OWN_SUFFIX_RE = later(r"(?:特别行政区|自治区|自治州|自治县|省|市|县|区|旗|州|盟)$")
NOT_REGION_START = tuple("全我本该各分其在据由对从按跨")
# in a title (…统计公报), or 中国 of wire copy before the figures: the nation, 全国
NATION_RE = later(
    r"中华人民共和国|(?:中国|国内|内地)(?=\d|1至|前|首|今年|全年|全国|固定资产|民间|民营|民企|国有|房地产|基础设施"
    r"|制造业|工业|高技术|第[一二三]产业|社会领域|服务业|投资|城镇固定资产)"  # 国内, 内地: wire copy
)
# ——2025年1月12日在临江市第十七届人民代表大会…: the region of a government work report
CONGRESS_RE = later(
    rf"在([{CJK}]{{2,10}}?(?:自治区|自治州|自治县|省|市|县|区|旗|州|盟))"
    rf"第[{CN_NUM}\d]+届人民代表大会"
)
# 2024年天城市政府工作报告, 关于2023年…计划执行情况与2024年…计划草案的报告, ——2024年1月10日在…
# 人民代表大会…会议上, 在全市经济工作会议上的讲话: a title or date line of a report to a congress or
# a meeting, whose review (过去一年, 去年) is of the year before the report's
REPORT_TITLE_RE = later(
    r"政府工作报告|工作报告|计划执行情况|计划草案|预算执行情况|人民代表大会|(?:会议|大会)上的(?:讲话|报告)"
)
YEAR4_RE = later(r"((?:19|20)\d{2})年")
# 过去一年，…; 去年，全县完成固定资产投资…; 过去的一年里，…: the head of a report's review (not
# 去年同期, 去年底, 去年以来 — a quote of last year's same span, a date, a start)
REVIEW_HEAD_RE = later(
    r"\s*(?:过去的?一年(?:里|中|来|间)?|去年(?:全年|一年(?:来|里|中)?)?|上一?年(?:全年)?)"
    r"(?!同期|底|末|年底|以来|来|同|比|相比|的同期)"
)
# 记者从安平县统计局获悉, 据临江市统计局发布: the region whose bureau gives the figures
BUREAU_REGION_RE = later(
    rf"(?:从|据|由|^)([{CJK}]{{2,8}}?(?:自治区|自治州|自治县|省|市|县|区|旗|州|盟))"
    r"(?:统计局|发展和改革委员会|发展改革委|发改委|发改局|统计部门)"
)
BUREAU_NOT_NAME_RE = later(r"[从据由记者讯获悉日月年]|^[全我本该各]")
# a line saying where the text was published (来源：余杭区发改局 / SOURCE: https://…): no
# title, no figures — the title under it still names the text's own region
SOURCE_LINE_RE = later(r"\s*(?:SOURCE|来源|资料来源|信息来源)\s*[:：][^。\n]{0,200}", re.IGNORECASE)
# a closing signature (天城县统计局, 来源：永和县统计局 2024年7月16日): its date is the text's
# dateline (its region is not the text's: the contract names only a title or first sentence's)
SIGNATURE_RE = later(
    rf"(?:(?:来源|信息来源|供稿|供稿单位|发布机构|发布单位)\s*[:：]\s*)?"
    rf"([{CJK}]{{2,8}}?(?:自治州|自治县|省|市|县|区|旗|州|盟))(?:人民政府)?"
    r"(?:统计局|发展和改革委员会|发展和改革局|发展改革委|发改委|发改局)"
    r"\s*(?:(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2}))?"
)
# a line that is only a date (the publication date under a title or a signature)
DATE_LINE_RE = later(
    r"(?:(?:发布|印发|成文|公布)?(?:日期|时间)[：:]?)?\(?"
    r"(?:(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?"
    r"|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)\)?"
)
URL_RE = later(r"(?:https?|ftp)[:：]//\S+|www\.\S+")
# a publication date: 2015-09-14, 2015年9月14日, 14/11/2025 (day first), 23.10.2014
DATELINE_RE = later(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:[-/.]|年)(?P<m>\d{1,2})(?:[-/.]|月)\d{1,2}(?:日|号)?(?!\d)"
    r"|(?<![\d.])\d{1,2}[/.](?P<m2>\d{1,2})[/.](?P<y2>(?:19|20)\d{2})(?!\d)"
)
# 我县, 本市: the author's own level, wherever it is first written
OWN_LEVEL_RE = later(r"[我本](自治区|自治州|自治县|省|市|县|区|旗|州|盟)(?![级委政部])")
LEVEL_DEPTH = {
    "区": 3,
    "县": 3,
    "旗": 3,
    "市": 2,
    "州": 2,
    "盟": 2,
    "省": 1,
}  # 自治区 → 区… as 省 below
SUBNATIONAL_RE = later(
    r"(?<![比较于出过超与和及、])全(自治区|省|市|县|区|旗|州|盟)(?![域场面级委政部长内外])"
)
# 全县, 我县, 本市, 该区 …: the text's own region
PRONOUN_RE = later(r"^(?:全|我|本|该)(?:自治区|自治州|自治县|国|省|市|县|区|旗|州|盟|镇|乡)")

# --------------------------------------------------------------- parents
_UP_PP = "高于|高出|超过|超出|超|快于|领先于?|多于"
_DOWN_PP = "低于|慢于|落后于?|滞后于?|少于"
PARENT_WORD = (
    r"(?:全国|全省|全市|全州|全盟|全区|全县|全旗|全自治区|全地区|全[省市]域"
    rf"|(?:(?!全部|全社会|去年|上年|同期|序时|时间|进度)[{CJK}]){{2,6}}?(?:省|市|州|盟|县|旗|地区))"
)
# (高于全市制造业投资6.2个百分点, 比全省同口径工业投资增速高…: the parent's figure of the same
# indicator, named; the reader keeps it only when it is the indicator compared: PARENT_NOUN_RE)
PARENT_NOUN = rf"(?:同口径)?(?:[{CJK}]{{1,8}}?投资(?!增长|下降|完成))?"
PARENT_TAIL = (
    rf"{PARENT_NOUN}(?:的?(?:平均|整体|总体)水平|平均增速|平均增幅|平均|水平|投资增速|的?增速|增幅|同期水平)?"
)
# the indicator named after a parent (全市制造业投资): group 1
PARENT_NOUN_RE = later(rf"^(?:{PARENT_WORD})(?:同口径)?([{CJK}]{{1,8}}?投资)")
PARENTS = rf"{PARENT_WORD}(?:{SEP}{PARENT_WORD})*"
# 高于全市(18.6%)20.9个百分点: the bracket holds the parent's own rate, never a row of ours
PARENT_RATE_BRACKET = later(
    rf"((?:{_UP_PP}|{_DOWN_PP}|比|较){PARENTS}{PARENT_TAIL})\((?:增长|下降)?{NUM}%\)"
)
# … with the gap right after it (高于全市(5.2%)1.2个百分点, 比全国(3.1%)高2.4个百分点): the
# parent's rate is a figure of its own (全市增长5.2%), as when it follows ours (6.4%(全市6.6%))
PARENT_OWN_BRACKET_RE = later(
    rf"((?:{_UP_PP}|{_DOWN_PP}|比|较)({PARENT_WORD}){PARENT_TAIL})\((增长|下降)?({NUM})%\)"
    rf"([^，；。()]{{0,6}}?{NUM}个百分点)"
)
PARENT_WORD_RE = later(PARENT_WORD)
SEP_RE = later(SEP)

_NUMS_PP = rf"{NUM}(?:(?:个百分点|个|%)?{SEP}{NUM})*"  # 14.2和10.5, 7.8个和5.1 (个百分点)
_NUMS_PCT = rf"{NUM}(?:%?{SEP}{NUM})*"  # 6.6%、5.3%和-1.2 (%)
_NUMS_AMT = rf"{NUM}{UNIT}?(?:{SEP}{NUM}{UNIT}?)*"  # 36.2亿元、94.3 (亿元)


# ------------------------------------------------------------ fact kinds
# (kind, pattern) in priority order: at one position the first that matches wins.
_FACTS: list[tuple[str, str]] = [
    # 完成投资.1亿元, 增长.3%: a number whose leading digits a repost stripped, never read
    (
        "skip",
        rf"(?:(?:同比)?(?:增长|下降|增加|减少)了?|(?:增速|增幅)为?)?(?<![\d.])\.\d+(?:{UNIT}|{PP})",
    ),
    # 10亿元以上项目: part of a name, not a figure
    ("inline", rf"{NUM}{UNIT}(?:及)?(?:以上|以下)"),
    # 投资超10亿元的乡镇有…, 增速超过20%的有…: a threshold, part of the frame
    (
        "inline",
        rf"(?:超过?|过|达到?|高于|低于|不足|突破|在){NUM}(?:{UNIT}|%)(?:及)?(?:以上|以下)?(?=的)",
    ),
    # 1-8月份为下降0.3%, 较1至10月的1.7%, 2020年全年为下降4.6%: the figure of an earlier
    # span, a record of that span
    (
        "earlier",
        (
            rf"(?:比|较|与|和)?(?:{_YEAR})?{_PERIOD_CORE}(?:的|为|是)(?:同比|按年)?"
            rf"(?:增长|下降|下跌|下滑|减少|增速|增幅|年增|年减|年降)?(?:为)?{NUM}%(?![\d.])"
        ),
    ),
    # ，去年同期为增长8.9%; ；上年同期下降2.3% after this year's rate: last year's figure of the
    # same span (not 比上年同期增长, this year's rate against last year)
    (
        "earlier",
        (
            rf"(?<![比较与和对同于])(?:去年|上年|上一年)同期(?:为|是)?(?:同比)?"
            rf"(?:增长|下降|下跌|下滑|减少|增速|增幅)?(?:为)?{NUM}%(?![\d.])"
        ),
    ),
    # 首次突破100亿元大关, 迈上千亿台阶: a milestone passed, not a figure
    (
        "skip",
        rf"(?:首次|首度|历史性地?|一举)?(?:突破|跨越|跨过|迈上|迈过|站上|超过|越过){NUM}{UNIT}(?:大关|关口|台阶|大台阶|门槛)",
    ),
    # 上年同期为下降2.1%: a reference figure of last year
    (
        "skip",
        (
            rf"(?:去年同期|上年同期|去年全年|上年全年|去年|上年|上月|同期|上一?季度"
            rf"|\d{{1,2}}-\d{{1,2}}月份?)(?:增速|增幅)?(?:分别)?(?:为|是)(?:增长|下降)?{NUM}{PP}"
        ),
    ),
    # 比2019年1-6月份增长9.1%, 比2019年同期增长: growth against another base, not year on year
    (
        "skip",
        (
            rf"(?:比|较)(?:{_YEAR})(?:{_PERIOD_CORE}|同期)?(?:分别)?"
            rf"(?:增长|下降|增加|减少)了?{_NUMS_PCT}(?:%|倍)"
        ),
    ),
    # 两年平均增长, 年均增长: not the year-on-year rate
    (
        "skip",
        (
            rf"(?:[两二三四五六七八九十\d]年|近[两二三四五\d]年)(?:平均|均)(?:增长|增速|增幅|下降)?"
            rf"(?:为|达到?)?{NUM}%"
        ),
    ),
    ("skip", rf"年均(?:增长|增速|增幅|下降)?(?:为|达到?)?{NUM}%"),
    # 拉动全县投资增长3.2个百分点, 贡献率: contributions
    ("skip", rf"拉动[^{STOP}]{{0,24}}?{NUM}{PP}"),
    # 高于全部投资增速14.1个百分点: a comparison with the whole, not with a parent region
    (
        "skip",
        (
            rf"(?:{_UP_PP}|{_DOWN_PP}|比|较)(?:全部|整体|总体|全社会)(?:固定资产)?投资"
            rf"(?:的?增速|的?增幅|平均水平)?(?:高出?|低|快|慢)?了?{NUM}{PP}"
        ),
    ),
    ("skip", rf"贡献率(?:为|达到?|是)?{NUM}%"),
    # 开工率达85%: rates of other things
    (
        "skip",
        (
            rf"(?:开工率|开复工率|复工率|竣工率|入库率|签约率|到位率|转化率|履约率|投产率"
            rf"|开工建设率|纳统率)(?:为|达到?|是)?{NUM}%"
        ),
    ),
    # 扣除价格因素实际增长9.3%: the real rate; yoy_pct is the nominal one as published
    ("skip", rf"(?:扣除价格因素后?[，]?)?实际(?:增长|下降)了?{NUM}%"),
    # (扣除价格因素影响，增长6.0%: written 扣除价格因素影响，实际增长6.0% first, PRICE_ADJUSTED_RE)
    # 是上年同期的2.1倍
    ("skip", rf"(?:是|为)[^{STOP}]{{0,12}}?的{NUM}倍"),
    # 高于序时进度1.5个百分点, 超序时进度3%, 比时间进度快2个百分点
    (
        "time",
        (
            rf"(?:{_UP_PP}|{_DOWN_PP})(?:年度|全年)?(?:序时进度|时间进度|时序进度|序时|进度)"
            rf"(?:要求)?{NUM}{PP}"
        ),
    ),
    (
        "time",
        (
            rf"(?:比|较)(?:年度|全年)?(?:序时进度|时间进度|时序进度)(?:要求)?"
            rf"(?:快|高|超|慢|低|落后)出?了?{NUM}{PP}"
        ),
    ),
    # 增幅高于全市3.2个百分点, 分别比全国和全省平均水平高14.2和10.5个百分点, 与全市持平
    (
        "parent",
        rf"(?:分别)?(?:{_UP_PP}|{_DOWN_PP})(?:当期|同期)?{PARENTS}{PARENT_TAIL}(?:分别)?{_NUMS_PP}{PP}",
    ),
    # 降幅比全省大1.5个百分点: a deeper fall, so a rate lower than the parent's
    (
        "parent",
        rf"(?:降幅|降速)(?:分别)?(?:比|较){PARENTS}{PARENT_TAIL}(?:分别)?(?:收窄|缩小|扩大|加深|大|小|多|少|深|窄)了?{_NUMS_PP}{PP}",
    ),
    (
        "parent",
        (
            rf"(?:分别)?(?:比|较){PARENTS}{PARENT_TAIL}(?:分别)?(?:高出?|低|快|慢|多|少)了?"
            rf"{_NUMS_PP}{PP}"
        ),
    ),
    ("parent", rf"(?:与|和|同){PARENT_WORD}{PARENT_TAIL}(?:基本)?持平"),
    # 占上半年目标任务的87%, 占百日会战目标任务的61.5%: a part of the year's or a campaign's
    # target, not the year's plan (its completion is no plan_completion_pct)
    (
        "skip",
        (
            rf"(?:完成|占)了?(?:上半年|一季度|前三季度|[一二三四]季度|百日会战|会战|攻坚战?)"
            rf"(?:目标任务|目标|任务|计划)(?:数)?的?(?:分别)?(?:为)?{_NUMS_PCT}%"
        ),
    ),
    # 完成年度目标任务的68.2%, 占年度计划的70.1%, 投资完成率68%
    (
        "plan",
        (
            rf"(?:完成|占|达到?|为|实现)了?(?:(?!完成|同比|增长|固定资产)[^{STOP}%\d]){{0,10}}?"
            rf"(?:计划|目标|任务)(?:数|投资额?|总额|额)?(?:{NUM}{UNIT})?的?(?:比例|比重)?(?:分别)?(?:为|是|达)?{_NUMS_PCT}%"
        ),
    ),
    # 全县完成固定资产投资任务的86.5%: the subject is inside the verb phrase (the head keeps it)
    ("plan", rf"(?<=固定资产投资)(?:年度|全年)?(?:计划|目标|任务)(?:任务)?的?(?:分别)?(?:为|是|达)?{_NUMS_PCT}%"),
    ("plan", rf"(?:计划|目标|任务)?完成(?:率|进度)(?:分别)?(?:为|达到?|是)?{_NUMS_PCT}%"),
    # 投资进度达42%, 当月进度为10.6%: the share of the year's plan done (not 工程进度, 序时进度)
    ("plan", rf"(?:当月|投资)(?:投资)?进度(?:分别)?(?:为|达到?|是|已达)?{_NUMS_PCT}%"),
    ("plan", rf"(?:年度|全年)?(?:计划|目标|任务)完成了?{NUM}%"),
    ("plan", rf"完成了?{_NUMS_PCT}%(?!以上|以下|左右)"),  # 安平县完成92.1%: of its plan
    # 占全部投资的比重为56.2%, 占比56.2%
    (
        "share",
        (
            rf"占(?:(?!计划|目标|任务)[^{STOP}%\d]){{0,20}}?(?:比重|比例|份额)?(?:分别)?"
            rf"(?:为|达到?|是)?{_NUMS_PCT}%"
        ),
    ),
    ("share", rf"(?:所占)?(?:比重|占比|比例)(?:分别)?(?:为|达到?|是)?{_NUMS_PCT}%"),
    # 居全市第1位, 排名第一
    (
        "rank",
        (
            rf"(?:居|位居|排名|排位|排在|排|位列|列|位于|名列|处于|稳居)"
            rf"(?:全[国省市县区州旗盟]|[^{STOP}第\d]{{0,10}}?)?"
            # (位居全市13个县(市、区)第2位: how many it is among, in the frame)
            rf"(?:(?<!\d)\d{{1,3}}个?[^{STOP}第\d]{{1,10}}?)?第{NUMCN}(?!方阵|梯队|档|批|产业|季度)"
            rf"(?:位|名)?(?:(?:、|和|及)第{NUMCN}(?:位|名)?)*"  # 分别居全市第2位和第4位
        ),
    ),
    # 在全省16个地市中 (not 60个计划开工项目中有47个…: a project group)
    ("rank_of", rf"{NUMCN}个(?![^{STOP}第\d%]{{0,12}}?项目)[^{STOP}第\d%]{{0,14}}?(?:中|当中|之中|里)"),
    # 同比增长12.5%, 比上年同期下降3.1%, 增长3.3倍, 从环比看…增长0.19%
    (
        "growth",
        (
            rf"(?:(?:同比|比上年同期|比去年同期|比上年|比去年|较上年同期|较去年同期|较上年|较去年"
            rf"|与上年同期相比|与去年同期相比|比上月|较上月|环比|按年)[，]?)?(?:分别)?"
            rf"(?:大幅|小幅|略有|略|稳步|快速|较快|持续|明显)?"  # 则大幅增长 (wire copy)
            rf"(?:增长|增加|上升|下降|减少|下滑|下跌|成长|衰退)了?(?:高达|达到?|为)?{_NUMS_PCT}(?:%|倍)"
            rf"(?!以上|以下|左右)"
        ),
    ),
    (
        "growth",
        (
            rf"(?:同比)?(?:增速|增幅|增长率|增长速度|年增率)(?:分别)?(?:为|达到?|是|保持在?"
            rf"|(?:回落|回升|提高|加快|放缓|下降|上升|提升|降|升)至)?了?{_NUMS_PCT}%(?!以上|以下|左右)"
        ),
    ),
    (
        "fall",
        rf"(?:同比)?(?:降幅|下降幅度|跌幅|减幅)(?:分别)?(?:为|达到?|是|(?:收窄|扩大|缩小|加深)至)?{_NUMS_PCT}%",
    ),
    # 同比降低4.7%: 降低 is a fall only against last year written before it (成本降低5% is no rate
    # of investment; 降低0.5个百分点 is a change of a rate, read by the 百分点 patterns)
    (
        "fall",
        rf"(?:同比|比上年同期|比去年同期|比上年|比去年|较上年同期|较去年同期|较上年|较去年)(?:分别)?降低了?{_NUMS_PCT}%",
    ),
    ("fall", rf"负增长{NUM}%"),
    ("fall", rf"(?:同比)?(?:增长|增速为?)负{NUM}%"),  # 同比增长负3.2%: a fall as written
    ("growth", rf"同比(?:分别)?{_NUMS_PCT}%(?!以上|以下|左右)"),  # 同比-3.2%
    # 同比增12.3%, 比上年降4.1%, 投资增8%: the verb cut to one character; 比增 (Fujian),
    # 年增/年减 (Taiwan), 微增 (wire copy)
    (
        "growth",
        (
            rf"(?:(?:同比|比上年同期|比去年同期|比上年|比去年|较上年)(?:分别)?|(?<=投资)|比|年|按年|微)"
            rf"增(?:达到?|为)?{_NUMS_PCT}%(?!以上|以下|左右)"
        ),
    ),
    (
        "fall",
        (
            rf"(?:(?:同比|比上年同期|比去年同期|比上年|比去年|较上年)(?:分别)?|(?<=投资)|比|年|按年|微)"
            rf"[降减跌](?:达到?|为)?{_NUMS_PCT}%"  # 按年跌9.1% (Hong Kong)
        ),
    ),
    ("flat", r"(?:同比|与上年同期|与去年同期|与上年|与去年|比上年同期|比去年同期)(?:基本)?持平"),
    # 比上半年加快0.4个百分点，达到6.2%, 回落0.8个百分点至5.1%: the rate the change reached
    (
        "reached",
        (
            rf"(?:(?:比|较)[^{STOP}%]{{0,14}}?)?(?:回落|提高|加快|放缓|收窄|扩大|上升|回升|提升|降低)了?"
            rf"{NUM}个百分点[，]?(?:至|达到?|为)(?:同比)?(?:增长|下降)?{NUM}%(?![\d.]|以上|以下|左右)"
        ),
    ),
    # changes of a rate (回落0.7个百分点) and any other 个百分点: not a figure of ours
    (
        "skip",
        (
            rf"(?:(?:比|较|与)[^{STOP}%]{{0,14}}?)?(?:回落|提高|加快|放缓|收窄|扩大|上升|下降|增加"
            rf"|减少|下滑|回升|提升|降低|增长|高出?|低|快|慢)了?{NUM}个?百分点"
        ),
    ),
    ("skip", rf"{NUM}个?百分点"),
    # 比上年增加12.3亿元, 较去年全年多增31.5亿元: an absolute change, not a level
    ("skip", rf"(?:增加|减少|增长|下降|多增|少增|多完成|少完成|多|少|净增|增量为?)了?{NUM}{UNIT}"),
    # 截至2019年底累计完成投资86.4亿元: what the projects had done by an earlier year's end
    (
        "skip",
        rf"(?:截至|截止|到|至)(?:19|20)\d{{2}}年(?:底|末)[，]?(?:已经?)?累计(?:完成)?(?:投资)?(?:为|达到?)?{NUM}{UNIT}",
    ),
    # 超广安1.21亿元, 领先第二名5亿元: the gap to a peer, no figure (nor a subject) of its own
    ("skip", rf"(?:超|领先|落后于?)(?!过|额|出|序|时|计划|年度|全年)[{CJK}]{{1,6}}?{NUM}{UNIT}"),
    # 年度计划投资50亿元, 总投资120亿元: targets and project sizes
    (
        "skip",
        (
            rf"(?:(?:年度|全年|本年度?)投资)?"  # 年度投资计划218.8亿元: the plan, not a new subject
            rf"(?:计划|目标|任务|总投资|概算|力争|确保|规划)(?:(?!完成|实现|累计)[^{STOP}\d]){{0,8}}?"
            rf"{NUM}{UNIT}"
        ),
    ),
    ("level", rf"{_NUMS_AMT}{UNIT}"),
    # 68个省市重点项目完成投资: a count inside the name is part of it
    (
        "inline",
        rf"{NUM}(?:个|项|家|宗|批|座|条)(?=[{CJK}])(?!百分点|月|增|下|同|比|较|完|占|共|累)",
    ),
    ("count", rf"{NUM}(?:个|项|家|宗|批|座|条)(?!百分点|月)"),
    ("skip", rf"{NUM}(?:万?平方米|万?亩|万?吨|万?人次?|公里|千米|万?千瓦时?|户|辆|套|台|元)"),
    ("skip", rf"{NUM}%"),
]


def _first_chars(pattern: str) -> str | None:
    """Every character a match of ``pattern`` can start with, or None when any can.

    Used to put one-character lookaheads in ``FACT_RE`` (:func:`guarded_alternation`):
    the regex engine then skips, in one step, the positions where no fact can start
    and the alternatives that cannot start there.
    """
    return _first_info(pattern)[0]


def _tests_first_char(pattern: str) -> bool:
    """True when ``pattern`` starts with a literal or a character class: an alternation
    skips such an alternative at a position it cannot start at by itself, with no
    lookahead (the regex engine's quick test of a branch's first character).

    >>> _tests_first_char(r"(?a:增长\\d+)"), _tests_first_char("(?:同比)?增长")
    (True, False)
    """
    return _first_info(pattern)[1]


def _first_info(pattern: str) -> tuple[str | None, bool]:
    """(:func:`_first_chars`, :func:`_tests_first_char`) of ``pattern``, from one parse (read
    from :func:`fai.re_cache.memo` when an earlier run of this module parsed it: the parse
    is Python's, a tenth of the figure reader's start-up for ``FACT_RE``'s alternatives).

    >>> _first_info("(?:同比)?增长")
    ('同增', False)
    """
    return re_cache.memo_of_module(__file__, lambda: _parse_first_info(pattern), "first_info", pattern)


def _parse_first_info(pattern: str) -> tuple[str | None, bool]:
    """:func:`_first_info`, parsed."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        return None, False

    def seq(items: list) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            chars, nullable = one(op, av)
            if chars is None:
                return None, False
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def one(op: object, av: object) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {chr(av)}, False  # type: ignore[arg-type]
        if op is c.IN:
            chars = set()
            for o, a in av:  # type: ignore[attr-defined]
                if o is c.LITERAL:
                    chars.add(chr(a))
                elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                    chars |= set("0123456789")
                elif o is c.RANGE and a[1] - a[0] < 64:
                    chars |= {chr(x) for x in range(a[0], a[1] + 1)}
                else:
                    return None, False
            return chars, False
        if op is c.SUBPATTERN:
            return seq(list(av[-1]))  # type: ignore[index]
        if op is c.BRANCH:
            chars, nullable = set(), False
            for alt in av[1]:  # type: ignore[index]
                sub, n = seq(list(alt))
                if sub is None:
                    return None, False
                chars, nullable = chars | sub, nullable or n
            return chars, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, sub_pattern = av  # type: ignore[misc]
            sub, n = seq(list(sub_pattern))
            return (None, False) if sub is None else (sub, low == 0 or n)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        return None, False

    try:
        items = list(parser.parse(pattern))
        chars, nullable = seq(items)
        while items and items[0][0] is c.SUBPATTERN and items[0][1][0] is None:
            items = list(items[0][1][-1])  # a group that captures nothing: its content
    except Exception:  # pragma: no cover - parser internals changed  # noqa: BLE001
        return None, False
    first = None if chars is None or nullable else "".join(sorted(chars))
    return first, bool(items) and items[0][0] in (c.LITERAL, c.IN)


def _required_chars(pattern: str) -> frozenset[str]:
    """The characters every match of ``pattern`` holds (its literals outside any optional
    part, alternative or lookaround): a text without one of them holds no match. Read from
    :func:`fai.re_cache.memo` as :func:`_first_info`; empty when the pattern cannot be read.

    >>> sorted(_required_chars(r"(?:同比)?增(?:长|加)\\d+%"))
    ['%', '增']
    """
    return frozenset(re_cache.memo_of_module(__file__, lambda: _parse_required_chars(pattern), "required", pattern))


def _parse_required_chars(pattern: str) -> str:
    """:func:`_required_chars`, parsed (as a sorted string: a value :mod:`marshal` writes)."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        return ""

    def seq(items: list) -> set[str]:
        return set().union(*(one(op, av) for op, av in items))

    def one(op: object, av: object) -> set[str]:
        if op is c.LITERAL:
            return {chr(av)}  # type: ignore[arg-type]
        if op is c.SUBPATTERN:
            return seq(list(av[-1]))  # type: ignore[index]
        if op is c.BRANCH:
            return set.intersection(*(seq(list(alt)) for alt in av[1]))  # type: ignore[index]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
            return seq(list(av[2]))  # type: ignore[index]
        return set()  # a class, an optional part, a lookaround: no one character

    try:
        return "".join(sorted(seq(list(parser.parse(pattern)))))
    except Exception:  # pragma: no cover - parser internals changed  # noqa: BLE001
        return ""


class AnyChar:
    """Holds every character: what :func:`first_chars` gives when it cannot tell."""

    def __contains__(self, char: object) -> bool:
        return True


def first_chars(pattern: re.Pattern[str]) -> str | AnyChar:
    """The characters a match of ``pattern`` can start with, for a quick test before it
    (``text[:1] in first_chars(P.PRONOUN_RE)``; the empty text passes: it is tried).

    >>> first_chars(PRONOUN_RE), "x" in first_chars(re.compile(".x"))
    ('全我本该', True)
    """
    first = _first_chars(pattern.pattern)
    return AnyChar() if first is None else first


def one_of(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern of one character of ``chars``, for a quick test before a longer pattern:
    ``one_of("省市县").search(text, 1, 9)`` tells whether ``text[1:9]`` holds one, without
    the slice, in a third of the time ``frozenset.isdisjoint`` takes on Chinese text (it
    makes a string of each character it reads).

    >>> one_of("省市县").search("天城县投资", 1, 9).group(), one_of("省市县").search("天城县", 3)
    ('县', None)
    """
    escaped = re.escape("".join(sorted(set(chars))))
    # (read from fai.re_cache: compiling a class of 20 Chinese characters takes ~2.7 M
    # instructions, as much as a tenth of what it saves a 1 MB text's reading)
    return re_cache.compile(f"[{escaped}]" if escaped else "(?!)")  # (none: never found)


# the characters a pronoun of a region (全市, 我县, 该区) starts with: tested before PRONOUN_RE
PRONOUN_FIRST = first_chars(PRONOUN_RE)


def guarded_alternation(
    patterns: list[str], shared: str = "", absent: str = "", common: str = ""
) -> str:
    """``patterns`` as one alternation in priority order, each followed by an empty named
    group (a match's ``lastgroup`` names the alternative that matched: ``k0``, ``k1`` …, or
    ``k1_2`` for a copy of ``k1``: :func:`group_kinds`), dispatched on the character a match
    starts with (``\\d`` read as ASCII: compile it with :data:`re.ASCII`).

    The alternatives that can start with the same characters (:func:`_first_chars`) make one
    group, in priority order, behind a lookahead on those characters; the groups sit in a
    binary tree of lookaheads on the union of their characters, behind the union of all. At
    a position the regex engine tests a few characters and then tries only the alternatives
    that can start there (each as many times as groups hold it; FACT_RE's scan of the 1 MB
    bench text's clauses ~10 % quicker than runs of four behind one lookahead). When the
    first characters of an alternative cannot be told, a plain alternation. The same
    matches as ``(?P<k0>…)|(?P<k1>…)|…``.

    ``shared``: a number pattern that several alternatives start with (``NUM``). Where such
    alternatives follow each other in a group, the number is read once, and their tails are
    tried after it in the same order (:func:`_shared_runs`): the same matches, as the
    number ends only one way before a tail can start.

    ``absent``: characters the texts it is for do not hold; the alternatives whose every
    match holds one of them (:func:`_required_chars`) are left out, the others keep their
    names: on such a text, the same matches (the ones left out match nowhere in it).

    ``common``: the characters a scan of the texts meets most often where a match may start,
    the most frequent first; the tree is then weighted (:func:`_weighted_tree`), the groups
    of the common characters near its root, so that the engine tests fewer lookaheads at
    most positions (FACT_RE's scan of the bench text's clauses ~6 % fewer instructions).
    Any tree gives the same matches: a position's character leads to one group only.

    >>> rx = re.compile(guarded_alternation([r"\\d+%", r"增长\\d+"]), re.ASCII)
    >>> [(m.lastgroup, m.group()) for m in rx.finditer("8%，增长9")]
    [('k0', '8%'), ('k1', '增长9')]
    >>> guarded_alternation([r"\\d+%", r"增长\\d+"], absent="%")
    '(?=[增])(?:(?:增长\\\\d+)(?P<k1>))'

    Read from :func:`fai.re_cache.memo` when an earlier run of this module wrote the same
    alternation (a run would otherwise read the first characters of each alternative).
    """
    return re_cache.memo_of_module(__file__, lambda: _guarded_alternation(patterns, shared, absent, common),
                                   "alternation", shared, absent, common, *patterns)


def _guarded_alternation(patterns: list[str], shared: str, absent: str, common: str = "") -> str:
    """:func:`guarded_alternation`, written."""
    kept = [
        i
        for i, p in enumerate(patterns)
        if not (absent and _required_chars(f"(?a:{p})") & set(absent))
    ]
    firsts = {i: _first_info(f"(?a:{patterns[i]})")[0] for i in kept}
    if not all(firsts.values()):
        return "|".join(f"(?:{patterns[i]})(?P<k{i}>)" for i in kept)
    by_alternatives: dict[tuple[int, ...], list[str]] = {}
    for char in sorted(set("".join(firsts.values()))):  # type: ignore[arg-type]
        able = tuple(i for i, first in firsts.items() if char in first)  # type: ignore[operator]
        by_alternatives.setdefault(able, []).append(char)
    copies: dict[int, int] = {}

    def name(i: int) -> str:
        copies[i] = copies.get(i, -1) + 1
        return f"k{i}" if not copies[i] else f"k{i}_{copies[i]}"

    def run_of(run: list[int]) -> str:
        if len(run) == 1:
            return f"(?:{patterns[run[0]]})(?P<{name(run[0])}>)"
        tails = (f"(?:{patterns[i][len(shared) :]})(?P<{name(i)}>)" for i in run)
        return f"{shared}(?:{'|'.join(tails)})"

    def tree(groups: list[tuple[tuple[int, ...], list[str]]]) -> str:
        if len(groups) == 1:
            return "|".join(run_of(run) for run in _shared_runs(groups[0][0], patterns, shared))
        if common:
            parts = _weighted_halves(groups, common)
        else:
            parts = groups[: len(groups) // 2], groups[len(groups) // 2 :]
        return "|".join(f"(?={_char_class(part)})(?:{tree(part)})" for part in parts)

    groups = list(by_alternatives.items())
    return f"(?={_char_class(groups)})(?:{tree(groups)})"


def _weighted_halves(
    groups: list[tuple[tuple[int, ...], list[str]]], common: str
) -> tuple[list[tuple[tuple[int, ...], list[str]]], list[tuple[tuple[int, ...], list[str]]]]:
    """``groups`` (of :func:`guarded_alternation`) in two parts of about equal weight, the
    heavier first: a character's weight is ``1/(1 + its place in common)``, a rarer one's
    a hundredth of the last's. Split so at each level, the common characters' group is
    reached after one or two lookaheads (the engine tests the first part's first).

    >>> [[c for _, cs in part for c in cs] for part in _weighted_halves(
    ...     [((0,), ["a"]), ((1,), ["b"]), ((2,), ["c"])], "c")]
    [['c'], ['a', 'b']]
    """
    rare = 1 / (100 * (len(common) + 1))

    def weight(group: tuple[tuple[int, ...], list[str]]) -> float:
        return sum(1 / (1 + common.index(c)) if c in common else rare for c in group[1])

    ordered = sorted(groups, key=weight, reverse=True)  # (stable: equal weights keep their order)
    total, first, taken = sum(map(weight, ordered)), [], 0.0
    for group in ordered[:-1]:
        if first and taken + weight(group) / 2 > total / 2:
            break
        first.append(group)
        taken += weight(group)
    return first, ordered[len(first) :]


def _shared_runs(indices: tuple[int, ...], patterns: list[str], shared: str) -> list[list[int]]:
    """The alternatives ``indices`` (of a group of :func:`guarded_alternation`), in order, as
    runs: a run of two or more holds alternatives that follow each other and start with the
    number pattern ``shared``, each with a tail whose first characters are known and hold
    no digit and no ``.``; every other alternative is a run of its own.

    A number (``(?<!\\d)[-+]?\\d+(?:\\.\\d+)?``) can end early only before a digit or a
    ``.``, where no such tail starts: after it, one end alone can be followed by a tail, so
    ``NUM(?:A|B)`` tries the same (number, tail) pairs as ``NUM A|NUM B``, in the same order.

    >>> _shared_runs((0, 1, 2, 3), [r"\\d+%", r"\\d+亿", r"增\\d+", r"\\d+个"], r"\\d+")
    [[0, 1], [2], [3]]
    """
    runs: list[list[int]] = []
    sharing = False  # the last run is one of alternatives that start with ``shared``
    for i in indices:
        if _number_led(patterns[i], shared):
            if sharing:
                runs[-1].append(i)
            else:
                runs.append([i])
            sharing = True
        else:
            runs.append([i])
            sharing = False
    return runs


def _number_led(pattern: str, number: str) -> bool:
    """True when ``pattern`` is the number pattern ``number`` and a tail whose first
    characters are known and hold no digit and no ``.`` (:func:`_shared_runs`).

    >>> _number_led(r"\\d+亿元", r"\\d+"), _number_led(r"\\d+\\.?", r"\\d+")
    (True, False)
    """
    if not number or not pattern.startswith(number) or len(pattern) == len(number):
        return False
    first = _first_info(f"(?a:{pattern[len(number) :]})")[0]
    return first is not None and not set(first) & set("0123456789.")


def _char_class(groups: list[tuple[tuple[int, ...], list[str]]]) -> str:
    """The class of the characters of groups of :func:`guarded_alternation`."""
    return "[" + re.escape("".join(sorted(c for _, chars in groups for c in chars))) + "]"


def group_kinds(kinds: list[str]) -> dict[str, str]:
    """The kind of each group name of a :func:`guarded_alternation` of patterns of these
    ``kinds`` (``k3`` and its copies ``k3_1`` … are ``kinds[3]``), found on first use.

    >>> group_kinds(["skip", "growth"])["k1_2"]
    'growth'
    """
    return _GroupKinds(kinds)


class _GroupKinds(dict):  # type: ignore[type-arg]
    """:func:`group_kinds`: a dict that fills itself (a hit is a plain dict look-up)."""

    def __init__(self, kinds: list[str]) -> None:
        super().__init__()
        self.kinds = kinds

    def __missing__(self, key: str) -> str:
        kind = self[key] = self.kinds[int(key[1:].partition("_")[0])]
        return kind


def guarded(pattern: str) -> str:
    """``pattern`` behind a one-character lookahead on the characters its matches start with
    (unchanged when they cannot be told): the same matches, found faster by a scan of a long
    text that few positions of can start (:func:`_first_chars`).

    >>> guarded(r"上半年|1-\\d+月")
    '(?=[1上])(?:上半年|1-\\\\d+月)'
    """
    first = _first_chars(pattern)
    return f"(?=[{re.escape(first)}])(?:{pattern})" if first else pattern


# YTD_RE behind its first characters: the same matches, a third quicker to scan for (a whole
# text's year-to-date spans, a clause head's)
YTD_SCAN_RE = later(guarded(YTD_RE.pattern))

FACT_KINDS = [kind for kind, _ in _FACTS]
# \d is ASCII here: the text is normalised (full-width digits are ASCII by then)
# the characters FACT_RE's scan of bulletin clauses meets most often where a fact may start,
# the most frequent first (digits and the decimal point are half of them)
_FACT_COMMON = "1.203546879投增元比全同完成年目计-分"
FACT_RE = later(
    lambda: guarded_alternation([p for _, p in _FACTS], shared=NUM, common=_FACT_COMMON), re.ASCII
)
# FACT_RE for a clause without %: the same matches, without the alternatives that need one
# (half the clauses; they are read in half the time)
FACT_NO_PCT_RE = later(
    lambda: guarded_alternation([p for _, p in _FACTS], shared=NUM, absent="%", common=_FACT_COMMON),
    re.ASCII,
)
# a quick filter: clauses without any of these carry no fact. As written,
# \d|持平|第[一二三四五六七八九十]|个.{0,14}中; here it starts with the class of its first
# characters (each alternative checks its own behind it), so the engine scans for those
# instead of trying every position (a third of the time)
HAS_FIGURE_RE = later(
    r"[\d持第个](?:(?<=\d)|(?<=持)平|(?<=第)[一二三四五六七八九十]|(?<=个).{0,14}中)"
)

# number lists inside a fact span
# NUM, written to start with its first character (a sign or a digit, which the engine scans
# for) and test the character before it behind that
NUM_RE = later(r"[-+\d](?<!\d[-+\d])(?:(?<=[-+])\d+|(?<=\d)\d*)(?:\.\d+)?")
AMOUNT_ITEM_RE = later(rf"({NUM})({UNIT})?")
AMOUNT_RE = later(rf"{NUM}{UNIT}")
EARLIER_FRAME_RE = later(
    r"(?:这一|这|此|其)?(?:增速|增幅|降幅|降速|跌幅|增长)?(?:远|明显|略|也)?(?:高于|低于|快于|慢于|超过|大于|小于)?"
)
FALL_CONTEXT_RE = later(r"降幅|降速|跌幅")  # 降幅较1至10月的1.7%扩大: that 1.7 is a fall
DOWN_WORDS_RE = later(r"下降|减少|下滑|下跌|衰退")  # 衰退 (Taiwan)
FALL_WORD_RE = later(r"^(?:降幅|降速)")
SMALLER_FALL_RE = later(r"(?:小|少|窄)了?[-+]?\d")  # 降幅比全省小/收窄/缩小1.5个百分点
DOWN_PP_RE = later(
    rf"{_DOWN_PP}|(?:比|较)[^{STOP}]*?(?:低|慢|少)|(?:慢|低|落后)(?=出?了?{NUM})"
)

# ------------------------------------------------------------- the head
# stripped from the front of a head: connectives, time words, 关于
_HEAD_PREFIX_WORDS = (
    r"其中|此外|另外|同时|而|但|且|并|另|除(?![^，；]*投资)|[一二三四五六七八九十]是|总体(?:来)?看|具体(?:来)?看|今年以来|今年|年初以来|以来"
    r"|截至目前|目前|当前|关于|累计|全年|年内|至|到|在(?!建|库|谈)|据统计|统计显示|数据显示|从|受|同期|共有|现有|共计|合计"
    r"|(?:[省市州盟县区](?:委|政府)?)?下达(?:给)?"  # 市下达我县固定资产投资任务: the task of 我县
    r"|各?(?:县市区|县区|县市|市州|市县|乡镇|镇街)|各(?:乡|镇|县|区|市|地|街道|开发区)"
    r"|[\d一二三四五六七八九十两]+个(?:县市区|县区|县市|区县|市州|地市|城区|乡镇|街道|园区|开发区|县|区|市|州|乡|镇)(?!级)"
)
HEAD_PREFIX_RE = later(rf"^(?:[{CJK}]{{0,6}}?[日晚时]?报讯|{_HEAD_PREFIX_WORDS})+")
#: the characters a match of HEAD_PREFIX_RE can start with but for its ``…报讯`` (any
#: character before 报讯) and its counts (any decimal digit): tested before it, the quicker
HEAD_PREFIX_FIRST = frozenset("其此另同而但且并除一二三四五六七八九十两总具今年以截目当关累全至到在据统数从受共现合各县市乡镇省州盟区下")
# stripped from the end of a head before reading the label (by text.strip_suffix: as a
# regex ``(?:累计完成|共完成|完成|…)+$`` it backtracks 2^k times over k repeated words)
HEAD_SUFFIX_WORDS = frozenset({
    "累计完成", "共完成", "完成了", "完成", "累计", "实现", "达到", "达", "为", "共计", "合计", "总计", "共", "同比", "增速",
    "增幅", "增长率", "增长速度", "总量", "总额", "规模", "完成额", "额", "分别", "均", "继续", "保持", "仍", "也", "亦",
    "已", "已经", "稳步", "持续", "的", "总体", "整体", "全年", "年度", "当年", "本年", "以来", "约", "近", "逾", "预计", "今年", "年内", "目前",
})  # fmt: skip
# words that leave a head without a subject of its own (增速, 总量, 年度 …)
TRIVIAL_RE = later(
    r"(?:同比|比上年同期|比去年同期|比上年|比去年|较上年同期|较去年同期|较上年|较去年|增速|增幅|降幅|降速|增长率|增长速度|总量|总额|规模"
    r"|完成额|完成|累计|实际|实现|达到|达|为|共计|合计|总计|共有|共|分别|其中|全年|年度|当年|本年|今年"
    r"|以来|的|其|均|亦|也|仍|继续|保持|稳步|持续|已经|已|较快|快速|平稳|稳定|总体|整体|约|近|超|逾"
    r"|有|并|且|而|但|同时|此外|另外|在|上|看|来看|全部|目前|截至|月份|月|份|额|其中|年|名义|这一|这|此|预计|进度"
    r"|最快|最慢|最高|最低|最多|最少|最大|最小|次之|其次"  # 西岭县增速最慢，北山县最少: a region alone
    r"|[全我本该](?:国|省|市|县|区|旗|州|盟))"
)
# the verb of ``完成投资`` / ``完成固定资产投资``
INVEST_VERB_RE = later(r"(?:累计完成|共完成|完成了|完成|实现|累计)(?=[^完实累]*投资)")
# a clause that only introduces what follows: 分产业看, 从投资主体看, 第二产业中
NEUTRAL_RE = later(
    r"(?:看|来看|而言|方面|中|如下|显示|表明|的是|分别是|依次是|依次为|有)$|^(?:分|从|按)"
    r"|^(?:完成|进展|推进|建设|投资完成)?(?:情况|进度)$"  # (各乡镇)完成情况：
)
# 安平县(18.2%), 工业投资(15.2%) in a sentence about growth: the rate of that name
# 三市镇(增长36.2%)、龙门镇(下降12.1%): the verb inside the brackets
RATE_BRACKET_RE = later(
    rf"(投资|[{CJK}](?:省|市|县|区|旗|州|盟|镇|乡|地区|街道))\((增长|下降)?({NUM})%\)"
)
# 藁城区(63.3亿元)、高新区(61.9亿元): a list of regions with their amounts in brackets
AMOUNT_BRACKET_RE = later(
    rf"([{CJK}](?:省|市|县|区|旗|州|盟|镇|乡|地区|街道))\(({NUM}(?:万亿元|亿元|万元))\)"
)
# 同比分别增长：东城区6.2%、西城区-1.8%: a list of regions with their rates
RATE_LIST_INTRO_RE = later(r"(?:增长|增速|增幅)(?:分别)?(?:为|是)?：")
REGION_RATE_RE = later(rf"(?<=[：、，；和及])([{CJK}]{{2,8}}?(?:{REGION_SUFFIX}))({NUM}%)")
# (低于全市平均水平的有：青峰县(-3.2%): regions against their parent's rate, a rate's context too)
GROWTH_CONTEXT_RE = later(r"增速|增幅|增长|下降|(?:高|低)于全[市省县区州盟旗国]")
PLAN_CONTEXT_RE = later(r"完成率|完成(?:年度|全年)?(?:目标|计划|任务)|计划完成|目标完成")
SHARE_CONTEXT_RE = later(r"比重|占比|占全|比例|份额|完成率|计划|目标|进度")
# 在基础设施投资中, 民间投资中: the figures that follow are parts of that investment
WITHIN_RE = later(r"^在?(.{2,20}投资)(?:当)?中$")
# 扣除房地产开发投资: qualifies the next subject
QUALIFIER_RE = later(r"^((?:扣除|剔除|不含|除)(.+?))(?:外|后|以外)?$")
QUALIFIED_NOUN_RE = later(r"的[^，；]*投资")  # …外的民间投资: the noun is written
# (港澳台及外商投资, 外商及港澳台投资: one kind of owner, one item of a list of them)
LIST_SPLIT_RE = later(r"、|(?<!港澳台)(?<!外商)(?:和|及|与|以及)")
# 第一、二、三产业 → 第一产业、第二产业、第三产业
SECTOR_LIST_RE = later(r"第?([一二三])、?第?([一二三])(?:[、和及]?第?([一二三]))?产业")
THREE_SECTORS_RE = later(r"三次产业(?=(?:固定资产)?(?:投资)?(?:分别|增速分别|增幅分别))")
SECTOR_SHORT_LIST_RE = later(r"([一二三])、([一二三])(?:[、和及]([一二三]))?产")
# a pinyin gloss written inside a word: 固定資產(chǎn)
PINYIN_RE = later(
    rf"(?<=[{CJK}])\((?=[^)]{{0,11}}[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ\u0300-\u036f ]{1,12}\)"
)
LIST_MARKER_RE = later(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}[、.．](?!\d)|[①-⑳])\s*"
)
# emoji and pictographs of social-media posts (🏭, ✅, 👉, 📍 and their joiners): no text, and
# in front of a label they hide it (🏭工业投资 is 工业投资)
EMOJI_RE = later("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u200D\u20E3]")
# … those of them in the BMP (✅, ⭐, the joiners): a table of bits, a third quicker a character
EMOJI_BMP_RE = later("[\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u200D\u20E3]")
# 图为2023年9月重点项目集中开工现场, ▲上图：…, (图片来源：…), 摄影：…: a picture's caption or
# credit, whose dates and places are not the text's period or region
CAPTION_LINE_RE = later(
    r"[▲△▼↑↓(]?\s*(?:图为|图片为|上图为?|下图为?|左图为?|右图为?|图[:：]|图片[:：]|图片来源|图源"
    r"|摄影|摄像|视频[:：]|资料图)"
)
# 往期推荐, 推荐阅读, 相关阅读: the links of other articles follow (their titles are not this
# text's: 上半年天城固定资产投资增长6.1% is another release's headline)
LINKS_HEADING_RE = later(
    r"(?:往期推荐|往期回顾|往期精彩|推荐阅读|相关阅读|延伸阅读|相关新闻|相关链接|精彩推荐|热文推荐|猜你喜欢|近期热文)"
    r"[:：]?"
)
# numbers written in words, in a text that writes rates so (百分之六点八): 百分之六点八,
# 二点一个百分点, 二百三十五点六亿元; group 1 百分之, 2 the whole part, 3 the decimals
WORDS_NUMBER_RE = later(
    r"(?<![第〇零一二两三四五六七八九十百千万])(百分之)?([〇零一二两三四五六七八九十百千万]+)"
    r"(?:点([〇零一二三四五六七八九]+))?(?(1)|(?=个百分点|万亿元|亿元|万元|亿|倍))"
)
# 一百二十个重点项目: a count in words (with 十, 百 or 千: not 一个, 三个) of projects
WORDS_COUNT_RE = later(
    r"(?<![第〇零一二两三四五六七八九十百千万])([〇零一二两三四五六七八九]?[十百千][〇零一二两三四五六七八九十百千]*)"
    r"(?=个[^，。；]{0,10}?项目)"
)
SENTENCE_RE = later(r"[^。！？!?]+[。！？!?]*[”’」』]*")  # a closing quote stays
# 安平县12.1%和西岭县8.8%: 和 after a figure starts the next item too. As written,
# [，；：,;:]|(?<=[%元位点倍名])(?:、(?=[^\d+\-])|(?:和|以及|及)(?=[^\d+\-第])(?!以[上下]));
# here every alternative starts with its literal (the figure's character behind it), so the
# engine scans for those characters instead of trying every position (half the time)
_AFTER_FIGURE = "[%元位点倍名]"
CLAUSE_SPLIT_RE = later(
    r"，|；|：|,|;|:"
    rf"|、(?<={_AFTER_FIGURE}、)(?=[^\d+\-])"
    rf"|和(?<={_AFTER_FIGURE}和)(?=[^\d+\-第])(?!以[上下])"
    rf"|以及(?<={_AFTER_FIGURE}以及)(?=[^\d+\-第])(?!以[上下])"
    rf"|及(?<={_AFTER_FIGURE}及)(?=[^\d+\-第])(?!以[上下])"
)
PAREN_RE = later(r"\(([^()]*)\)")
# 完成年度计划(240亿元)的89.9%: the bracket holds the plan itself, never a figure of ours
PLAN_BEFORE_PAREN_RE = later(r"(?:计划|目标|任务|计划投资|目标任务)$")
PAREN_FACT_RE = later(rf"{NUM}\s*(?:%|{UNIT}|倍|个百分点)|持平")
MARK_RE = later("\x00\\d+\x00")  # where a bracket with figures was taken out
NUMCN_RE = later(NUMCN)
# 六县市排名第四, 全市10个县区中居第3位: the regions a rank is among, never a region itself
RANK_AMONG_RE = later(
    rf"^(?:全[省市州盟县区])?{NUMCN}个?(?:县市区|县区|县市|区县|市县|市州|地市|城区|乡镇|镇街|旗县市区"
    rf"|旗县|县\(市、区\)|市|县|区|州|盟|旗|镇|乡|街道)(?:中|之中)?$"
)
RANK_RE = later(rf"第({NUMCN})")
# 分别居全市第一、二、三位: the ordinals after the first without their 第 (group 2)
RANK_RUN_RE = later(rf"第({NUMCN})((?:[、和及]{NUMCN})+)(?=位|名)")
# 居全国第5位、中部六省第1位: a second rank of the same figure, its verb left out
VERBLESS_RANK_RE = later(rf"(?:全[国省市县区州旗盟]|[{CJK}]{{2,8}}?)?第{NUMCN}(?:位|名)")
# 中部六省第1位, 全省16市第4位: how many the rank is among
RANK_OF_IN_SPAN_RE = later(
    rf"(?<![第\d])({NUMCN})个?(?:省份|省区|省|地市|城市|市州|市|州|县市区|县区|县市|县|区|旗|盟)"
)
# 均居全市第一: the rank of every figure of the sentence
ALL_BEFORE_RE = later(r"(?:均|都|皆)$")
SHARE_HEAD_RE = later(r"^占[^\d]*?(?=[-+]?\d)")
DOWN_TIME_RE = later(r"低于|慢于|落后|滞后|慢|低")
LAST_MONTH_BASE_RE = later(r"(?:比|较)上月")
PARENT_VERB_RE = later(rf"^(?:分别)?(?:比|较|与|和|同|{_UP_PP}|{_DOWN_PP})(?:当期|同期)?")
FIGURE_SPLIT_RE = later(r"[-+]?\d|持平")
CELL_IN_NUMBER_RE = later("(?<=[\\d.])\ue001(?=[-+\\d.])")  # 6 2: two figures, kept apart
NEGATIVE_BRACKET_RE = later(rf"负增长\(({NUM})%\)")  # 负增长(-4.2%)
# 全县固投增长6.4%: 固投 is short for 固定资产投资 (not 民间固投资, written out already)
SHORT_FAI_RE = later(r"固投(?!资)")
# 比1-8月(5.1%)加快, 较上半年(增长4.2%)回落: the rate of the earlier span in brackets (read
# as 比1-8月的5.1%: a record of that span)
EARLIER_BRACKET_RE = later(
    rf"((?:比|较)(?:{_YEAR})?{_PERIOD_CORE})\(((?:同比)?(?:增长|下降)?{NUM}%)\)"
)
# 工业技改投入, 固定资产投入: 投入 written for 投资 (never 研发投入, 财政投入)
INPUT_AS_INVEST_RE = later(r"(?<=技改|工业|改造|资产|项目|基建|设施)投入")
# 年减三﹒一％: a decimal in Chinese numerals (the point already an ASCII one). As written,
# (?<![〇零一二三四五六七八九十])([〇零一二三四五六七八九十]{1,3})\.…; here its first numeral
# comes first, so the engine scans for one instead of trying every position of a line
CN_DECIMAL_RE = later(
    r"([〇零一二三四五六七八九十](?<![〇零一二三四五六七八九十][〇零一二三四五六七八九十])"
    r"[〇零一二三四五六七八九十]{0,2})\.([〇零一二三四五六七八九]{1,3})(?=%|个百分点|亿|万|倍)"
)
# 33 323亿元: a thin space between groups of digits (not 5 9亿元, a point lost)
SPACE_THOUSANDS_RE = later(r"(?<![\d.])(\d{1,3})((?: \d{3})+)(?=(?:\.\d+)?[万亿元])")
THOUSANDS_RE = later(r"(?<=\d),(?=\d{3}(?!\d))")
# 32万1568亿元 (wire copy): 万 as a digit-group mark inside one amount, 321568亿元 as written
WAN_GROUP_RE = later(r"(?<![\d.])(\d{1,4})万(?=\d{4}(?:\.\d+)?亿)")
# 1，234.5亿元: a full-width comma as thousands separator, only before a decimal or a unit.
# As written, (?<![\d.，])(\d{1,3})((?:，\d{3})+)…; here its first digit comes first (a scan)
WIDE_THOUSANDS_RE = later(r"(\d(?<![\d.，]\d)\d{0,2})((?:，\d{3})+)(?=(?:\.\d+)?[万亿元])")
# 分产业看，第一产业增长9.8%: a bare sector under an investment subject is its investment
SECTOR_INTRO_RE = later(r"^(?:分|从|按)(?:三次)?产业(?:结构|类别|投向)?(?:看|来看|分)")
# 第一产业民间固定资产投资…: what the first sector written in full is the investment of
SECTOR_TAIL_RE = later(rf"第[一二三]产业((?:(?!产业)[^{STOP}\d]){{0,12}}?投资)")
BARE_SECTOR_RE = later(
    r"(第[一二三]产业|(?<=[，、；：])[一二三]产)"
    r"(?=(?:同比)?(?:增长|下降|增速|增幅|持平|完成\d|[-+]?\d)"
    r"|增势|增长势头|势头|较快增长|快速增长|稳步增长|保持|回升|回落|加快|放缓|平稳)"  # 第二产业增势强劲
)
# 其中：建筑工程36.1亿元: the parts of investment by composition, written without 投资
COMPONENT_RE = later(
    r"(?<![\u4e00-\u9fff])(建筑安装工程|建筑工程|安装工程|设备工器具购置|设备购置|其他费用|房地产开发)"
    r"(?=(?:累计)?(?:完成)?[-+]?\d|(?:同比)?(?:增长|下降))"
)
OUTPUT_CONTEXT_RE = later(r"产值|建筑业|营业收入|销售额|合同额")  # … not of investment
# 分县市区看, 从各县(市、区)看: a breakdown by region begins
REGION_BREAKDOWN_RE = later(
    r"^(?:分|从|按)各?(?:县市区|县区|县市|市州|市县|地市|区县|乡镇|镇街|镇|乡|县|区|市|州|地区|区域)"
    r"(?:\([^()]{0,8}\))?(?:看|来看|分)"
)
# 从投资完成情况看, 从完成率看 opening a paragraph: the text's main investment again
ASPECT_INTRO_RE = later(
    r"^(?:从|就|按)(?:投资)?(?:完成|进度|进展)[^，；。]{0,6}?(?:情况)?(?:看|来看)"
)
# a line that is no piece of a table header broken over lines (a sentence, a figure)
HEADER_BLOCK_STOP_RE = later(r"[。，；！？]|\d(?:\.\d+)?(?:%|亿|万)")
# (截至9月30日), (1-9月), (2024年1-5月), (2024年): a bracket holding only the span of what precedes
PERIOD_BRACKET_RE = later(
    r"\(((?:(?:19|20)\d{2}年)?(?:(?:截至|截止到?|至)?\d{1,2}月(?:\d{1,2}日)?(?:底|末)?"
    r"|\d{1,2}(?:-|至|到)\d{1,2}月份?)|(?:19|20)\d{2}年度?)\)(?=[，。；]|$)"
)
# 9个市完成率由高到低分别为：运城113.7%、晋中92.5%…: the measure of the list that follows
NAME_RATE_INTRO_RE = later(
    r"(完成率|增速|增幅)[^，。；：]{0,10}?(?:分别|依次)(?:为|是)?[：:]?"
)
NAME_RATE_RE = later(rf"(?:^|(?<=、))\s*([{CJK}]{{2,8}}?)\s*({NUM}%)(?=、|[，。；]|$)")
# what follows a region named without its 省/市 (广西全社会固定资产投资, 四川民间投资)
SHORT_REGION_NEXT_RE = later(
    r"全社会|固定资产投资|民间投资|工业投资|房地产开发投资|基础设施投资|制造业投资|重点项目|重大项目"
)
CJK_ONLY_RE = later(f"[{CJK}]+")
# 自治区及市层面…: a level named alone before a list's last item, and the words it shares
LEVEL_WORD_RE = later(r"自治区|自治州|自治县|省|市|县|区|州|旗|乡镇|镇")
LEVEL_TAIL_RE = later(r"(?:级|层面|层级|属|直属)")
# 市级部门、各区县牵头项目: the units that lead a list, named before one noun they share (the
# list of what each leads, from 牵头 on)
LEAD_TAIL_RE = later(r"(?:牵头|负责|实施|承担|主抓|包抓)的?[^、]{0,8}?项目")
# 同比增长6.4%(全市6.6%): the parent's rate after the text's own
# 比上半年加快0.4个百分点，达到6.2%: the rate reached is read with its change (one clause)
PP_THEN_RATE_RE = later(r"(?<=百分点)，(?=(?:至|达到?|为)(?:同比)?(?:增长|下降)?\d+(?:\.\d+)?%)")
# … written with its verb (增长4.6%(全省为3.9%), 下降3.5%(全省增长2.1%))
PARENT_OWN_RATE_RE = later(
    rf"(?<=%)\((全[国省市县区州盟旗])(?:平均)?(?:为|是)?(?:同比)?(增长|下降)?({NUM}%)\)"
)
# 500万元以上投资项目 next to 房地产开发: the project part of the investment
SIZE_PROJECTS_RE = later(r"\d+万元(?:及)?以上(?:投资|建设|施工|在建)?项目投资")
# 186个省市重点项目分别完成…: two levels written together, each with its own figure
PAIRED_LEVELS_RE = later(
    r"(?:^|(?<=全[省市县区]))(?:\d+(?:个|项))?(省|市|县)(市|县|区)(?=级?(?:重点|重大))"
)
# 排名由上月的第8位上升至第5位: the rank it moved to; 连续5个月位居…: the streak is no figure
RANK_MOVE_RE = later(
    r"由[^，；。第]{0,8}第[\d一二三四五六七八九十]+[位名](?:上升|提升|前移|跃升|下降|回落|后移|下滑)(?:至|到)(?=第)"
)
STREAK_RE = later(r"连续[\d一二三四五六七八九十两]+个?(?:月|季度|年)(?=[位居保排稳均])")
# 以综合得分95.6分, 得分92.8分, 以96.5分的考核得分: a campaign's score, no figure; without it the
# region before it keeps its rank and its figures after it (甲县得分92.8分排名第二，投资增长9.7%)
SCORE_RE = later(
    rf"(?:以|的)?(?:综合|考核|评价|评比|总)?得分(?:为|是|达)?{NUM}分|以{NUM}分的(?:综合|考核|评价|总)?得分"
)
# 分别是北关区下降4.6%: the list word before the first item
LIST_LEAD_RE = later(r"^(?:是|为)(?=.)")
# 城关镇、河口镇增速较快，分别增长…: what may follow a list of regions named before their figures
REGION_LIST_TAIL_RE = later(
    r"(?:投资)?(?:增速|增幅|增长|完成|进度|完成进度)?(?:较快|最快|较慢|最慢|领先|居前|靠前|靠后|滞后|突出|明显|较好|良好)?"
)
# 金川县、白河县增速超过20%，分别为23.1%和21.4%; 增速在10%—20%之间，分别增长…: the band the
# regions' rates fall in (no figure of anyone), then their rates: the measure is kept, the band dropped
RATE_BAND_RE = later(
    rf"(增速|增幅)均?(?:超过|高于|低于|达到?|在)?{NUM}%(?:(?:—|-|~|～|至|到){NUM}%)?"
    r"(?:以上|以下|之间|左右)?，(?=分别)"
)
# 城关镇、河口镇增速较快，分别为15.2%、12.1% (growth); 南山县、北湖区进度较慢，分别为38.6%、…
# (investment progress: the completion of the annual plan): the measure of the rates after 分别为
VERBLESS_LIST_RE = later(
    r"(?:(增速|增幅)|(进度|投资进度|完成进度))(较快|最快|较慢|最慢|领先|靠前|靠后|滞后|居前|居后)，?分别(?:为|是)"
    rf"(?=-?{NUM}%)"
)
# 菏泽市增速最高，为12.3%；聊城市次之，为9.8%: the rate after a region's place, its measure
# (增速, 完成率 …) written once before it (the amount after 最少，为 is a level as written)
SUPERLATIVE_RATE_RE = later(
    rf"(?<=最快|最慢|最高|最低|次之|其次|较快|较慢)，(?:为|达到?|是)(?={NUM}%)"
)
SUPERLATIVE_MEASURE_RE = later(r"增速|增幅|完成率|投资进度|进度")
# 增速高于全市平均水平的有安平县(12.1%): the frame before the first region of a list
# 排名前五位的分别为： a clause that only opens the list after it (of the current subject)
# (排名前三的乡镇分别为: 名/位 left out, the units named)
_FRAME_UNITS = "市州|县区|县市区|区县|地区|城市|乡镇|镇街|镇|乡|街道|市|县|区"
LIST_FRAME_END_RE = later(
    rf"[^投，；]{{0,12}}?(?:[前后]{NUMCN}(?:名|位)?|由高到低|由低到高)(?:的|依次)?(?:{_FRAME_UNITS})?"
    rf"(?:分别)?(?:是|为|有)?"
)
LIST_FRAME_RE = later(
    rf"^(?:[^投]|投资(?=进度|完成率|增速|增幅|总量|额))*?(?:的有|的是|的[{CJK}]{{1,4}}有|依次是|依次为"
    rf"|[前后]{NUMCN}(?:名|位)?的?(?:{_FRAME_UNITS})?(?:分别)?(?:是|为|有)[：:]?)(?=.)"
)

# a table's row naming the rows under it, its cells blank (分产业, 按登记注册类型分, 其中：)
TABLE_SECTION_RE = later(r"(?:[分按][^\d，。；、：:%]{1,10}|其中[：:]?)")
# a table's row of the sum of its regions' (合计, 总计, 全市合计): the text's own region
TOTAL_ROW_RE = later(r"(?:全[市县区州盟旗省])?(?:合计|总计|小计|汇总)")

# --------------------------------------------------------- indicators
# 扣除房地产开发投资，全省投资增长…: the whole investment less real estate is 项目投资 (not
# the total; 除房地产开发投资外的民间投资 is a part of another indicator: other); so is
# 扣除房地产开发投资，全市项目投资增长…, which names it
EX_REAL_ESTATE_RE = later(
    r"(?:扣除|剔除|不含|除)房地产(?:开发)?投资(?:外|后|以外)?的?(?:全社会|全部)?(?:固定资产|项目)?投资"
)
# exact labels (after the region words and brackets are removed) → registry key
LABELS: dict[str, str] = {}
for _key, _words in {
    "fai_total": "固定资产投资 全社会固定资产投资 投资 固定资产投资额 固投 全部投资 全部固定资产投资 "
                 "全社会投资 固定资产投资总额 固定资产投资总量 全口径固定资产投资 规模以上固定资产投资 "
                 "固定资产投资(不含农户) 全社会固定资产投资(不含农户) 限额以上固定资产投资",
    "fai_private": "民间投资 民间固定资产投资 民营投资 民间资本投资 民营经济投资 民间经济投资 民企投资 "
                   "民营企业投资 民间固投 民间固投资 民营固定资产投资",
    "fai_state_holding": "国有控股投资 国有投资 国有及国有控股投资 国有控股企业投资 国有控股固定资产投资",
    "fai_primary": "第一产业投资 一产投资 第一产业固定资产投资",
    "fai_secondary": "第二产业投资 二产投资 第二产业固定资产投资",
    "fai_tertiary": "第三产业投资 三产投资 第三产业固定资产投资 服务业投资 第三产业(服务业)投资",
    "fai_industry": "工业投资 工业固定资产投资 全部工业投资 工业领域投资 工业性投资 工业性固定资产投资",
    "fai_mining": "采矿业投资",
    "fai_manufacturing": "制造业投资 制造业固定资产投资",
    "fai_utilities": "电力、热力、燃气及水生产和供应业投资",
    "fai_infrastructure": "基础设施投资 基础设施建设投资 基建投资 基础设施领域投资 基础设施类投资",
    "fai_urban_infrastructure": "城市基础设施投资 城市基础设施建设投资",
    "fai_real_estate": "房地产开发投资 房地产投资 房地产开发完成投资 房地产行业投资 房地产业投资 "
                       "房地产项目投资 房地产开发项目投资 房地产建造投资",
    "fai_residential": "住宅投资 住宅开发投资",
    "fai_project": "项目投资 固定资产项目投资",
    "fai_tech_renovation": "技改投资 技术改造投资 工业技改投资 工业技术改造投资 工业技改投入 技改投入",
    "fai_capital_construction": "基本建设投资",
    "fai_renovation": "更新改造投资",
    "fai_high_tech": "高技术产业投资 高新技术产业投资",
    "fai_social": "社会领域投资 社会事业投资 社会事业类投资",
    "fai_urban": "城镇固定资产投资",
    "fai_funds_in_place": "固定资产投资到位资金 固定资产投资实际到位资金 到位资金 实际到位资金",
}.items():  # fmt: skip
    for _word in _words.split():
        LABELS[_word] = _key
# the indicators a bulletin's figures are given as (the vocabulary of the real texts read by
# hand in ../shared/bulletins_dev): a registry key outside it is a part of one of these
# (住宅 of 房地产, 城市基础设施 of 基础设施) or not fixed-asset investment (到位资金): other;
# 城镇固定资产投资 is the headline of releases before 2011, 500万元以上项目 the projects' part
BULLETIN_KEYS = {
    "fai_total", "fai_private", "fai_state_holding", "fai_primary", "fai_secondary",
    "fai_tertiary", "fai_industry", "fai_manufacturing", "fai_mining", "fai_utilities",
    "fai_infrastructure", "fai_real_estate", "fai_project", "fai_tech_renovation",
    "fai_capital_construction", "fai_renovation", "fai_key_projects", "fai_high_tech",
    "fai_social", "other",
}  # fmt: skip
KEY_AS = {"fai_urban": "fai_total", "fai_project_500k_plus": "fai_project"}
PROJECTS_500K_RE = later(r"^500万元(?:及)?以上(?:项目)?(?:固定资产)?投资$")
# what may follow the last 投资 of a head: nothing of substance (增速, 总量, 完成 …)
FUNDS_RE = later(r"^(?:实际)?到位资金")
COUNT_IN_LABEL_RE = later(r"(?<!\d)\d+(?:个|项|家|宗|批|座|条)")
# 有9个市州投资增速高于…: a count of regions before the investment, not part of its name
REGION_COUNT_RE = later(
    rf"^(?:其中)?(?:有|共有)?{NUMCN}个(?:县市区|县区|县市|市州|市县|乡镇|镇街|地市|市|县|区|州|镇|乡|街道|旗)(?!级)"
)
# 居全市首位, 位列全省榜首: the first place
FIRST_PLACE_RE = later(r"(?<=[居列名排])(全[国省市县区州旗盟])?(?:首位|榜首)")
# 重点项目完成年度计划的88.6%: a project group's figures are its investment
# 亿元以上项目, 重点项目建设; 新开工项目迅猛增长 (a head without figures: how the group fared)
PROJECT_NOUN_RE = later(
    r"项目(?:建设)?(?:[^，；。\d]{0,4}?(?:增长|增加|推进|提速|加快|向好|良好|顺利))?$"
)
# a stage of a programme, or what of it is under way (新开工项目, 续建项目, 已开工项目)
STAGE_NOUN_RE = later(
    r"(?:已|已经)?(?:新开工|开工|开复工|复工|新建|续建|竣工|建成|完工|投产|建成投产|在建|开工在建)项目"
)
# 75个续建项目已有5个项目竣工, 60个计划开工项目中有47个开工: the group, then what some did
PROJECT_STATUS_RE = later(
    r"项目(?:中|当中)?(?:(?:已经?|共|均)?有?[\d一二三四五六七八九十]+(?:个|项|宗)(?:项目)?(?:已经?)?"
    r"|已经?|均已?|已?全部|全面|顺利|陆续)(?:开工|竣工|复工|开复工|投产|建成|完工|在建|部分竣工|提前开工)"
)
# 五年累计, “十四五”以来: figures of several years, not of the period
MULTI_YEAR_RE = later(
    r"(?<![两二三四五六七八九十\d])[两二三四五六七八九十\d]+年(?:来|间|中|累计|共)|过去[两二三四五\d]年|十[一二三四五]五"
)
# 2季度当季, 三季度单季: one quarter's rate, not the year to date
SINGLE_QUARTER_RE = later(r"当季|单季")
# 三季度，全市投资增长6.5% in a text of 前三季度 (1-9月): that quarter alone (not 前三季度,
# 1-3季度, 三季度末); its number in group 1
BARE_QUARTER_RE = later(r"(?<![前首至到\-、和])([二三四234])季度(?!末|底|以来)")
# 2022年三季度, 2022年第四季度, 2022年三季度末 right after a year: the quarter (its number in
# group 1), not the year's whole span
YEAR_QUARTER_RE = later(r"第?([二三四234])季度(?:末|底)?")
# 去年同期，全县固定资产投资增长2.3%; 上年全县…: last year's figures, quoted (not 去年以来: since)
PAST_HEAD_RE = later(r"(?:去年|上年|上一年)(?:同期|全年|底)?(?!以来|来|[底末]以来|开工|结转|续建)")
# a head that announces a target: its figures are plans, not results
# (预计, an estimate of the outcome, is a figure: the real texts record it)
TARGET_HEAD_RE = later(r"力争|确保|预期|预(?<=市场预)估|争取|目标是|计划完成|计划实现|任务是")
# 预期增长3.6%, 低于市场预期的3.6%: the market's forecast of the figure just read, no subject of
# its own; the figures after it are results again (not a list of targets)
MARKET_FORECAST_RE = later(r"[^投]{0,10}预(?:期|估)(?:值|的|为|是)?")
# 扣除价格因素影响，增长6.0%; 剔除价格因素后，全国固定资产投资增长6.0%: the real rate, the
# clause's 实际 left unsaid (group 1 is what stays before it)
PRICE_ADJUSTED_RE = later(
    r"((?:扣除|剔除)价格因素(?:影响|的影响)?后?[，,]?[^，。；%\d]{0,14}?)(?:同比)?(?=(?:增长|下降)\d)"
)
# 增长9%的目标未能完成, 完成投资500亿元的年度目标任务: a figure that names a target (after it)
AIM_AFTER_RE = later(r"(?:以上|左右)?(?:的)?(?:预期|年度|全年|既定)?(?:目标|任务)")
# 主要预期目标是：…: every figure after the colon, to the end of the sentence, is a target
TARGET_INTRO_RE = later(r"(?:目标|任务|安排)(?:是|为)?$|力争|确保|预期|争取")
# foreign direct investment and other flows that are not fixed-asset investment
NOT_FAI_RE = later(
    r"直接投资|对外投资|境外投资|外资|证券投资|股权投资|投资收益|投资者|投资额度"
    r"|签约|协议|意向|带动|撬动|吸引|中央预算内|预算内投资"  # promises and funding
)
# 重点项目投资, 省重大工程项目投资, 重点推进的省级项目投资: lists named 重点/重大/龙头
# 城建、交通、水利、能源4大基建板块项目投资: the items of a counted list, then the list's name
COUNTED_LIST_RE = later(
    rf"(?P<items>[{CJK}]{{1,8}}(?:、[{CJK}]{{1,8}})+)等?"
    r"(?P<group>(?P<n>\d{1,2}|[一二三四五六七八九十])(?:大|类|个)[^、]{0,8}?项目(?:建设)?投资)"
)
BARE_LIST_SPLIT_RE = later(r"、|和|及|与")  # 长沙、株洲和湘潭
# 甲县以95.2%的完成率居全市第一: the rate written before its measure
RATE_BEFORE_MEASURE_RE = later(rf"以({NUM})%的(?:投资)?(完成率|进度|增速|增幅)[，]?")
# ，长沙、株洲和湘潭分别…: a list of short words before 分别 (regions without their 市?)
BARE_LIST_RE = later(rf"(?<![{CJK}])[{CJK}]{{2,4}}(?:(?:、|和|及|与)[{CJK}]{{2,4}})+(?=分别)")
# 年度计划投资 closing a label whose completion rate is given: the plan of the investment named
PLAN_IN_LABEL_RE = later(r"(?:年度|全年|年)?(?:投资)?计划(?:投资|完成)?投资?$")
# 增速高于全省平均水平的有7个, 增速超过全市的县区有5个: a tally of the regions whose rate is so,
# about the current indicator (the next sentence lists them), no group of a later amount
REGION_TALLY_RE = later(
    r".*(?:增速|增幅|增长|高于|低于|超过|快于|慢于|持平).*的(?:[县市区州旗盟乡镇街道个]{0,5}|地区)?有"
)
# 城建、交通、水利、能源4大基建板块项目作为…: a counted list of projects, the group of what follows
COUNTED_GROUP_RE = later(
    rf"[{CJK}]{{1,8}}(?:、[{CJK}]{{1,8}})+等?(?:\d{{1,2}}|[一二三四五六七八九十])(?:大|类|个)[^、]{{0,8}}?项目"
)
# 重点项目投资, 重大工程建设完成投资, 重点项目建设战役投资 (the programme as a campaign)
KEY_PROJECTS_RE = later(
    r"(?:重点|重大|龙头)[^投]{0,12}?(?:项目|工程)(?:建设)?(?:大?会战|战役|攻坚战?)?(?:完成)?投资$"
)
# 电力、热力、燃气及水生产和供应业 as releases write it: with 的, without 热力, without 顿号
UTILITIES_RE = later(
    r"^电力、?(?:热力、?)?燃气(?:及|和|、)?水的?生产(?:和|及)供应业(?:投资)?$"
)
# the range of each figure a bulletin can state; a value outside is left out with a warning
BOUNDS = {
    "value_100m_yuan": (0, 10**7), "yoy_pct": (-100, 10**5), "mom_sa_pct": (-100, 10**5),
    "plan_completion_pct": (0, 1000), "vs_parent_pp": (-1000, 1000),
    "vs_time_progress_pp": (-1000, 1000), "share_pct": (0, 100), "rank": (1, 10000),
    "rank_of": (1, 10000),
}  # fmt: skip

# (last: every pattern above is compiled on its first use)
bind_later(globals())
