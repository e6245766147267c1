"""Patterns of the project-tracking reader (:mod:`fai.bulletin.projects`).

A project-tracking notice (重点项目进展通报, 百日会战 report, 招商 bulletin) names
*groups* of projects — ``全县重点项目58个``, ``35个省重点项目``, ``续建项目`` — and
states, clause by clause, what each group did: its count, how many started, the
start rate, its total and annual-plan investment, the amount done, the share of
the annual plan done, the lead over the time schedule. A *task* is a target with
what was done against it (``签约任务数12个，完成19个``; ``计划开工20个，实际开工31个``;
``完成市政府下达任务数86.15亿元的103.2%``).

``FIELD_RE`` finds every fact of a clause in one left-to-right pass; at one
position the alternatives listed first win, so the traps (``亿元以上项目``,
``占全社会固定资产投资的21.8%``, ``同比提高16.7个百分点``) are consumed before a
field can read them. Every quantifier is bounded: the time is linear in the text.

The patterns are compiled on first use (:mod:`~fai.bulletin.lazy_re`): ``fai parse`` of a
large text reads its projects in a forked child (:mod:`~fai.bulletin.ahead`), and the
parent, reading the figures meanwhile, compiles only the few it merges with.
"""

from __future__ import annotations

import re

from fai.bulletin.lazy_re import bind_later, later
from fai.bulletin.patterns import guarded_alternation

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
NUM = r"(?<![\d.])\d{1,9}(?:\.\d{1,6})?(?![\d.]*\d)"
INT = r"(?<![\d.])\d{1,7}(?![\d.])"
AMT_UNIT = r"(?:万亿元|亿元|万元|亿(?![元美])|万亿(?![元美]))"
AMOUNT = rf"{NUM}{AMT_UNIT}"
PCT = rf"{NUM}%"
CLS = r"(?:个|项|家|宗)"  # the classifiers of a project count
# …not when the count is of regions or units (12个市州, 11个市)
# (a run of level words before 级 is a level: 500个市县级项目, 40个省市级重点项目)
NOT_UNITS = (r"(?:(?=(?:省市县|市县乡|省市|市县|县乡|市州|县区|区县|县市|乡镇)级)|"
             r"(?!百分点|(?:市州|地市|县市区|县区|城区|乡镇|市|县|区|州|镇|乡|省|部门|单位|地)(?!级|重|本|列|属|直|场|委|政)))")
APPROX = r"(?:近|约|逾|超过|超|达到|达|为|是|共|共计|合计|累计|有|已有|已达|突破)"
STOP = "，；：。！？"
# a numeral list inside a fact: 102.4%、80.8%、99%和102.8%
_PCTS = rf"{PCT}(?:(?:、|和|及|与){PCT}){{0,19}}"
_AMTS = rf"{NUM}{AMT_UNIT}?(?:(?:、|和|及|与){NUM}{AMT_UNIT}?){{0,19}}(?<=[元亿])(?!以上|以下|及以上|或)"
_CNT = rf"{INT}{CLS}{NOT_UNITS}"

# the words of a plan completion: 占年度计划的95.6%, 完成年度投资计划的68.14%, 为年计划的95.6%
_ANNUAL = r"(?:年度|全年|年|年初|当年|本年度?|今年)"
_PLAN_NOUN = (
    rf"(?:{_ANNUAL}?(?:投资)?(?:计划|目标)(?:任务)?(?:投资)?(?:额)?|{_ANNUAL}目标任务|目标任务|计划任务"
    r"|全年投资|年度投资|投资目标|年计划投资|全年任务|年度任务)"
)

# (kind, pattern) in priority order.
_FIELDS: list[tuple[str, str]] = [
    # 亿元以上项目, 500万元以上, 总投资超5亿元或5000万美元项目: part of a name
    ("inline", rf"{NUM}(?:{AMT_UNIT}|亿美元|万美元)(?:及)?(?:以上|以下)"),
    ("inline", rf"(?:总投资)?(?:超过?|过|在){NUM}(?:{AMT_UNIT}|亿美元)(?=或|的|以上|项目)"),
    ("inline", rf"{NUM}(?:{AMT_UNIT}|亿美元)(?=或|至|—|-)"),
    # the lead over the time schedule: 超时序进度12.6个百分点, 高于序时进度9.7个百分点
    (
        "time",
        rf"(?:超过|超出|超|高于|高出|快于|领先|低于|慢于|落后于?|滞后于?)(?:年度|全年)?(?:时序|序时|时间)进度(?:要求)?-?{NUM}(?:个百分点|%)",
    ),
    # 比序时进度快11.7个百分点, 较时间进度落后3个百分点
    (
        "time",
        rf"(?:比|较)(?:年度|全年)?(?:时序|序时|时间)进度(?:要求)?(?:快|高|超|超出|领先|慢|低|落后|滞后)出?了?-?{NUM}(?:个百分点|%)",
    ),
    # shares of something else, contributions, changes of a rate: never a field
    ("skip", rf"占(?:同期)?(?:全社会|全省|全市|全县|全区|全部)?(?:固定资产)?投资(?:总量|总额)?的?{PCT}"),
    ("skip", rf"占[^{STOP}]{{0,12}}?固定资产投资[^{STOP}\d]{{0,6}}?(?:{AMOUNT})?的?{PCT}"),
    ("skip", rf"占[^{STOP}%]{{0,16}}?(?:完成投资|投资总量|投资总额|总量|比重)的?{PCT}"),
    ("skip", rf"(?:支撑率|贡献率|占比|比重|建成率|入库率|签约率|履约率|转化率)(?:为|达到?|是)?{PCT}"),
    ("skip", rf"拉动[^{STOP}]{{0,20}}?{NUM}(?:个百分点|%)"),
    (
        "skip",
        rf"(?:较|比|与)[^{STOP}%]{{0,14}}?(?:提高|增加|加快|快|高|低|下降|提升|回落)了?{NUM}个?百分点",
    ),
    ("skip", rf"(?:同比|比上年|比去年|较上年|较去年)?(?:分别)?(?:增长|增加|提高|下降|减少|增幅|增速)(?:为|达到?)?{_PCTS}"),
    ("skip", rf"(?:净增|增加|减少)(?:投资)?{AMOUNT}"),
    # 截至2019年底累计完成投资86.4亿元, 开工以来累计完成投资: before this year, since the start
    (
        "skip",
        rf"(?:截至|截止)(?:\d{{4}}年|上年|去年)底?(?:累计)?完成(?:投资)?(?:额)?{APPROX}?{AMOUNT}",
    ),
    ("skip", rf"(?:开工|建设|开建)以来(?:累计)?完成(?:投资)?(?:额)?{APPROX}?{AMOUNT}"),
    (
        "skip",
        (rf"(?:中央投资|到位资金|实际到位|已到位|累计到位|签约金额|签约资金|引资额|合同金额|增加值|产值|销售收入|税收|税金)"
        rf"(?:(?!任务|目标|计划)[^{STOP}\d]){{0,6}}{AMOUNT}"),  # (到位资金任务120亿元: a target)
    ),
    # the start rate: 开工率98.75%, 开复工率为86%
    ("start_rate", rf"(?:开复工率|开工率)(?:分别)?(?:为|达到?|是|已达)?{_PCTS}"),
    # tasks: completion of a sub-period or campaign target (占上半年目标任务的87%, 完成序时计划的132.3%)
    (
        "task_pct",
        rf"(?:占|完成|达到?)(?:了)?(?:[上下]半年|一季度|二季度|三季度|四季度|前三季度|百日会战|会战|攻坚|序时|阶段|季度|月度)(?:投资)?(?:目标任务|目标|任务|计划)(?:投资)?的?{_PCTS}",
    ),
    # 完成市政府下达任务数86.15亿元的103.2%, 完成全年目标任务9家的122.22%: a target with its size
    (
        "task_of",
        rf"完成(?:了)?[^{STOP}\d%]{{0,10}}?(?:任务数|目标任务|目标|任务|(?<!年度|全年)计划)(?:数)?{NUM}(?:{AMT_UNIT}|{CLS})的{PCT}",
    ),
    ("task_of", rf"(?:占|完成)(?:了)?(?:全年|年度)?(?:开工|竣工|签约|投产)(?:计划)?目标(?:任务)?的{PCT}"),
    ("task_of", rf"完成(?:了)?(?:全年|年度)(?:计划)?(?:开工|竣工|签约|投产)(?:计划|目标|任务)?的{PCT}"),
    ("task_size", rf"任务数(?:占比)?(?:为|是)?{NUM}(?:{AMT_UNIT}|{CLS}|%)"),
    ("task_size", rf"(?:目标)?任务(?:为|是)?{NUM}{AMT_UNIT}"),  # 到位资金任务120亿元(，实际到位96.5亿元)
    # a count target waiting for what was done: 计划开工20个(，实际开工31个), 应竣工项目33个
    (
        "target",
        (rf"(?<![\d])(?:计划|应|需)(?:开工建设|开工|开复工|竣工|完工|建成|签约|入库|投产)(?:或部分建成)?(?:建设)?"
        rf"(?:亿元以上)?(?:项目)?{APPROX}?{_CNT}(?!项目|重点)"),
    ),
    # “七一”前开工建设45个以上: a deadline target
    ("subtarget", rf"(?:开工建设|开工|开复工|竣工|完工|建成)(?:或部分建成)?(?:建设)?(?:项目)?{APPROX}?{_CNT}以上"),
    ("target", rf"任务(?:共)?{APPROX}?{_CNT}"),
    # the annual target of a whole investment: 完成年度工作目标1.3万亿元的14%
    ("target_of", rf"完成(?:了)?{_ANNUAL}?(?:工作)?目标{NUM}{AMT_UNIT}的{PCT}"),
    # plan completion: 占年度计划的95.6%, 完成率69.1%, 投资进度达42%, 年度计划投资完成率71.35%
    (
        "plan_pct",
        rf"(?:占|为|是|完成|达到?|实现)了?(?:{_PLAN_NOUN})(?:{AMOUNT})?(?:的)?(?:比例)?(?:分别)?(?:为|达)?{_PCTS}",
    ),
    ("plan_pct", rf"占(?:年度)?投资(?:计划)?比例(?:为|达)?{_PCTS}"),
    (
        "plan_pct",
        rf"(?:{_ANNUAL}?(?:计划)?(?:投资)?)?(?:完成率|完成进度|投资进度|投资完成率|进度)(?:分别)?(?:为|达到?|是|已达)?{_PCTS}",
    ),
    ("month_pct", rf"当月(?:投资)?进度(?:为|达到?)?{PCT}"),
    # amounts
    (
        "total",
        rf"(?:计划|概算|估算)?(?:总投资|投资总额)(?:额)?(?:分别)?{APPROX}?{_AMTS}",
    ),
    (
        "plan",
        (rf"(?:{_ANNUAL}|\d{{4}}年度?|年内)?(?:度)?(?:计划投资|投资计划|计划完成投资|计划完成|计划资|计划"
        rf"|(?<=[年度])(?:投资)?目标(?:任务)?)(?:额)?(?:分别)?{APPROX}?{_AMTS}"),
    ),
    (
        "done",
        rf"(?:本年度)?(?:截至目前)?(?:累计|共|已|已经|实际|共计|合计|全年)?(?:完成|实现)(?:了)?(?:投资|投资额)(?:额)?(?:分别)?{APPROX}?{_AMTS}",
    ),
    ("done", rf"(?:累计|共|已|已经|实际)(?:完成)?投资(?:额)?(?:分别)?{APPROX}?{_AMTS}"),
    ("done", rf"(?:累计|共|已|已经|实际)?完成(?:了)?{APPROX}?{_AMTS}"),  # 1-9月完成62.4亿元
    # counts: started, completed
    ("not", rf"(?:未|尚未|没有)(?:按期|按计划)?(?:开复工|开工|复工|竣工|建成|完工)(?:建设)?(?:项目)?{_CNT}"),
    ("not", rf"{_CNT}(?:项目)?(?:应开未开|未开复工|未开工|未复工|未竣工|未按期开工|未按计划开工|未建成)"),
    ("all_started", r"(?:已|均)?全部(?:实现)?(?:开工|开复工|复工)(?:建设)?"),
    ("all_done", r"(?:已|均)?全部(?:建成|竣工|完工)(?:投产)?"),
    ("all_finished", r"(?:已|均)?全部完成"),
    (
        "started",
        rf"(?<![新划应未需拟将])(?:开复工|开工建设|开工在建|开工|复工){APPROX}?{_CNT}",
    ),
    (
        "started",
        rf"(?:已|已经|实际|共|累计|共计|目前已|已有|现实)(?:开复工|开工建设|开工在建|开工|复工)(?:项目)?{APPROX}?{_CNT}",
    ),
    (
        "started",
        # (not 新开工项目38个已开工30个: 38 is the count)
        (rf"(?:有|已有|共有)?{_CNT}(?:项目)?(?:已经|已|相继|陆续|提前|实现|全部|均|基本){{0,3}}(?:开复工|开工建设|复工在建|开工|实现开工|转入开工建设|复工|在建)"
         rf"(?!(?:建设)?(?:项目)?{APPROX}?\d)"),
    ),
    (
        "completed",
        rf"(?<![划应未需拟将])(?:建成投产|竣工投产|建成|竣工|完工){APPROX}?{_CNT}",
    ),
    (
        "completed",
        rf"(?:已|已经|实际|共|累计|目前已|现实)(?:建成投产|竣工投产|建成|竣工|完工)(?:项目)?{APPROX}?{_CNT}",
    ),
    (
        "completed",
        (rf"(?:有|已有|共有)?{_CNT}(?:项目)?(?:已经|已|相继|陆续|提前|全部|均|基本|部分){{0,3}}(?:建成投产|竣工投产|建成|竣工|完工|投产)"
         rf"(?!(?:项目)?{APPROX}?\d)"),
    ),
    ("done_count", rf"(?:已|实际|已经)?(?:完成|签约|落地|引进|投产|开工|竣工|入库|纳统|新增入库){_CNT}"),
    ("count", rf"{_CNT}"),
    ("amount", rf"{AMOUNT}"),
]

FIELD_KINDS = [kind for kind, _ in _FIELDS]
# one-character lookaheads let the engine skip the positions and the alternatives where
# no fact can start
FIELD_RE = later(lambda: guarded_alternation([p for _, p in _FIELDS]), re.ASCII)
NUM_RE = later(NUM)
AMOUNTS_TAIL_RE = later(rf"{NUM}{AMT_UNIT}?(?:(?:、|和|及|与){NUM}{AMT_UNIT}?){{0,19}}$")
AMOUNT_ITEM_RE = later(rf"({NUM})({AMT_UNIT})?")
COUNT_RE = later(rf"({INT}){CLS}")

# --------------------------------------------------------------- groups
# the noun phrase of a group: …项目 / …工程, bounded, no clause punctuation
_NP = rf"(?![个家宗]|项(?!目))(?:(?!\d+[个项家宗])[^{STOP}]){{0,30}}?(?:项目|工程)(?:群|包)?"
# 172个在建重点项目, 88个新开工项目中
COUNT_FIRST_RE = later(
    rf"({INT}){CLS}{NOT_UNITS}"
    rf"({_NP})(?!项目|建设项目)(中|里|当中)?"
)
# 收尾项目323个, 全市重点工程建设项目846项, 市重点项目共502个
COUNT_AFTER_RE = later(
    rf"({_NP})(?:数量|个数|总数)?(?:共确定|确定|共安排|安排|实施|共有|共计|共|合计|总计|达到|达|为|有)?({INT}){CLS}{NOT_UNITS}"
)
# 迅猛增长, 稳步推进: a group still growing (its facts follow)
_GROWING = r"(?:迅猛|快速|稳步|大幅|持续)(?:增长|推进)"
# 省重点项目完成投资…, 续建项目已累计完成…: a group named before its facts
BARE_RE = later(
    rf"({_NP})(?:建设|推进)?(?:中|里|当中|{_GROWING})?(?<!\d)[个项]?$"
)
# 重点项目个 at the end of a clause: a group whose count lost its digits (a stripped repost)
LOST_COUNT_RE = later(r"(?<!\d)(?:项目|工程)[个项]$")
# 占415个重点项目完成投资的27.9%: a share of a group, its count written in it
SHARE_OF_COUNT_RE = later(rf"^占({INT})[个项]([^{STOP}\d%]{{1,12}}?(?:项目|工程))(?:完成投资|投资)")
# 仅8月份就有…等3个项目开工: the projects of one month (not 1-8月, not 8月底)
MONTH_HEAD_RE = later(r"^(?:仅|单|光|其中)?(1[0-2]|[1-9])月份?(?:当月|单月)?(?:就|又|共|还|新)?有(?!\d)")
# 9月以来，…: since September (the window ends in it)
SINCE_MONTH_RE = later(r"^(?:自|从)?(1[0-2]|[1-9])月份?(?:\d{1,2}日)?以来")
STATE_VERB_RE = later(r"开复工|开工|复工|竣工|完工|建成|投产|在建")
# 总投资238.15亿元的陵水17-2气田开发项目: one project named by its total (not 总投资10亿元以上的项目,
# not …的36个项目, not …的重点项目)
ONE_BY_TOTAL_RE = later(
    rf"总投资(?:达|约|近|超过?)?{AMOUNT}的(?![^{STOP}]{{0,8}}?(?:重点|重大)?(?:建设)?项目(?:群|包)?$)"
    rf"(?![^{STOP}]{{0,30}}?\d+[个项家])[^{STOP}]{{2,30}}?(?:项目|工程)"
)
# 其中提前开工3项, 有11个项目已提前开工: ahead of schedule — a part of a programme's started,
# unless the group is one of projects not due to start (90个前期项目中有8个项目提前开工)
AHEAD_RE = later(r"提前(?:开工|开复工|复工)")
NOT_DUE_RE = later(r"^(?:前期|预备|储备|谋划)")
# the size words of a list's name: 亿元以上, 5000万元及以上, 500万元—1亿元
SIZE_WORDS_RE = later(
    rf"(?:{NUM})?(?:万元|亿元|亿)(?:及)?以[上下]|{NUM}(?:万元|亿元)[—\-－~至到](?:{NUM})?(?:万元|亿元|亿)"
)
# 完成年度计划投资298.6亿元的89.9%: the annual plan inside a plan completion
PLAN_IN_RATE_RE = later(rf"(?:年度|全年|年)(?:投资)?计划(?:投资)?({NUM})({AMT_UNIT})的")
# 续建项目45个全部复工: the count of the group, all of them started
ALL_OF_COUNT_RE = later(rf"^{INT}{CLS}(?:项目)?(?:已经|已)?(?:全部|均)")
# 计划新开工项目, 计划竣工项目: a stage planned for the year (its count a target)
PLANNED_STAGE_RE = later(r"^(?:全年|年度|今年)?计划(?:新开工|开工|竣工|建成|完工|投产)")
# 贵州宝能…、盘江矿区…项目等94个项目开工建设: named examples, then the count of the group's
EXAMPLES_COUNT_RE = later(rf"等{INT}{CLS}(?:重点|重大)?(?:建设)?项目(?:已经|已|相继|陆续|均|全部)*(?:开工|开复工|复工|竣工|建成|完工|投产)")
# 占全市固定资产投资计划2318亿元的41.6%: a share of the year's target of the whole investment
WHOLE_PLAN_RE = later(
    rf"^占((?:全省|全市|全县|全区|全州|全旗|全盟)?(?:全社会)?固定资产投资(?:年度)?(?:计划|目标)(?:任务)?)({NUM})({AMT_UNIT})的"
)
# a group at the head of a sentence, its facts in the next clauses: 4大基建板块项目作为…，1-5月…
TOPIC_RE = later(rf"({_NP})(?:作为|是|均|都|总体|整体|稳步|加快|进展)")
# 新开工项目迅猛增长(，达到8955个): a group whose facts follow in the next clauses
GROWING_RE = later(rf"{_GROWING}$")
# the words before a count standing alone in its clause (，达到8955个，): the group's size
COUNT_ALONE_RE = later(r"(?:总数|数量|个数)?(?:达到|达|共计|共有|共|合计|为|增至|增加到|有)?")
# 成渝经济区和天府新区累计完成投资(占…): the words after a list of regions
REGION_LIST_TAIL_RE = later(r"(?:的)?(?:累计|共)?(?:完成)?(?:投资)?(?:完成率|进度)?(?:分别)?$")
# 按行业划分，… / 分领域看，… / 从项目类别看，…: a breakdown of the programme follows
BREAKDOWN_RE = later(r"^(?:按|分|从)[^，。；]{0,12}?(?:划分|分类|分|来看|看|而言)$")
HEAD_TAIL_RE = later(r"(?:分别|均|共|共计|累计|已|已经|合计|全部|都|为|是|达到|达)+$")
# 共有19个项目列入市级重点项目名单: the count of the list named after it
LISTED_RE = later(rf"({INT}){CLS}项目列入([^{STOP}]{{1,20}}?(?:项目|工程))(?:名单|计划|清单|盘子)?")

# 完成投资进度前三位的行业是城市建设、节能环保、制造业(，分别…): the items are groups
LIST_FRAME_RE = later(
    rf"(?:前|后)[{'一二三四五六七八九十'}\d]{{1,2}}(?:位|名)的([{CJK}]{{1,6}})(?:是|为|分别是|分别为|依次是|依次为)"
    rf"([{CJK}、和及]{{2,60}})$"
)
REGION_WORD_RE = later(r"市州|地市|县|区|市|州|盟|旗|乡镇|街道|地区|园区|单位|部门")
# stripped from the front of a group's phrase
PREFIX_RE = later(
    r"^(?:其中|此外|另外|同时|另|而|并|且|共|共有|共计|合计|总计|累计|全年|年内|今年|当年|本年度?|年度|目前|截至目前|截止目前"
    r"|据统计|据了解|据悉|统计显示|数据显示|从整体数据看|整体看|总体看|以上|上述|这些|这批|此次|本次|该批"
    r"|全面推进的|已|已有|有|在(?!建|库|谈)|对|按照|按|根据|分|从|由|包含|包括|其余|另有|还有|安排|确定|实施|推进"
    r"|列入|纳入|实现|的|\d{1,3}个(?:市州|地市|县市区|县区|城区|乡镇|市|县|区|州|镇|乡)"
    r"|(?:1[0-2]|[1-9])-(?!\d))+"  # (8- left of 8-9月 once its period is read)
)
# 百日会战, 项目建设战役: a campaign whose projects a text may call only 项目
CAMPAIGN_RE = later(r"百日会战|百日攻坚|大会战|会战|攻坚战|攻坚行动")
# 市重点项目建设攻坚战(共)完成投资…: a campaign named as the subject of its projects' figures
CAMPAIGN_SUBJECT_RE = later(
    rf"[省市县区州]?([{CJK}]{{0,8}}?(?:项目)?建设(?:百日会战|大会战|会战|攻坚战|战役|攻坚行动))(?:共|累计|已|共计)?"
)
# the text's own region or a named region in front of a phrase
PRONOUN_RE = later(
    r"^(?:(?:全|我|本|该)(?:自治区|自治州|自治县|国|省|市|县|区|旗|州|盟|镇|乡)|自治区(?![级层]))"
)
# a verb in the words before a count: they are no part of the group's name
VERB_RE = later(r"安排|确定|实施|完成|列入|纳入|推进(?!的)|开工|竣工|建成|签约|新增|共|有|是|为|获悉|报道|记者")
REGION_RE = later(
    rf"^([{CJK}]{{1,6}}?(?:自治区|自治州|自治县|高新区|开发区|经开区|新区|省|市|县|区|旗|州|盟|镇|乡))"
    r"(?![级委政部直属本])(?!列(?!入))(?!(?<=市)州|(?<=县)[区市]|(?<=区)县)"
)
# characters a region's name never holds (海南共安排省 is not a region)
SUFFIX_CHARS = set("省市县区州旗盟镇乡")
NOT_REGION_RE = later(
    r"[的了及对等个为是年月日]|共有|安排|确定|实施|列入|纳入|项目|重点|重大|工程|建设|计划|新开工|续建|竣工|开工|完成"
    r"|投资|增速|增长|同比|其中|此外|据悉|记者|获悉|报道|包含|包括|^[全各我本该在从据由对今跨]"
    r"|始终|坚持|通过|推动|推进|加快|围绕|聚焦|作为|全力|持续|不断|紧盯|锚定|抢抓|狠抓|以来|入库|在库"  # 常州始终将省, 新入库市…
    r"|^(?:自治区|自治州|自治县|开发区|高新区|经开区|新区|上市|城市|城区|城乡|市区|乡镇|县区|县市|市县|区县|社区"
    r"|景区|山区|库区|矿区|老区|特区|郊区|港区|湾区|辖区|片区|园区|街区|校区|小区|城镇|小城镇|集镇|村镇|都市)$"
    r"|^[省市县区州乡镇旗]+$"
)
# words of a phrase that is not a group of projects
NOT_GROUP_RE = later(
    r"单个项目|该项目|此项目|个别项目|这个项目|一期项目|二期项目|项目库|招商项目签约|项目的"
)
# a stage word: the phrase is a stage of the programme (新开工项目, 竣工项目)
STAGE_RE = later(
    r"^(?:计划)?(?:新开工|开工|开复工|复工|新建|续建|竣工|建成|完工|投产|建成投产|收尾|预备|前期|在建|储备|签约|新签约|新投产)"
)
# a stage and nothing else (续建项目, 新开工项目): never a programme of its own
PURE_STAGE_RE = later(
    r"^(?:计划)?(?:新开工|开工|新建|续建|竣工|建成|完工|投产|建成投产|收尾|预备|前期|在建|储备)项目$"
)
START_STAGE_RE = later(r"^(?:计划)?(?:新开工|开工)")
# 开工在建项目, 开复工项目, 已开工项目: what of a programme is under way (not its new projects)
STARTED_STATE_RE = later(r"(?:已)?(?:开工在建|开复工|开工|复工)项目")
DONE_STAGE_RE = later(r"^(?:计划)?(?:竣工|建成|完工|投产|建成投产)")
GENERIC_RE = later(r"^(?:项目|工程|这些项目|上述项目)$")
# words of a head that block it: the facts are of something else
BLOCK_RE = later(
    r"固定资产投资|民间投资|工业投资|技改投资|房地产|到位资金|签约资金|生产总值|增加值|产值|收入|税收|社会消费品|招商引资"
    r"|资金|单个|该项目|此项目|征收|交地"
)
# words left of a head that names nothing: when more is left, the head is about something else
TRIVIAL_RE = later(
    r"项目|投资|建设|进度|整体|总体|累计|完成|分别|均|已经|已|共|为|达到|达|目前|截至|截止|底|末|月份|月|日|年度|年"
    r"|的|中|看|来看|从|按|情况|数据显示|同比|今年|以来|全年|当年|本年|其中|此外|同时|另外|期间|前|上半|下半|季度|一|二|三|四"
    r"|实际|现实|计划|任务|目标|新开工|开工|竣工|数量|总量|规模|额|元|亿|万|实现|超额|提前|全部|均|都|有|在|内|以|上|下"
    r"|较|比|与|去年|上年|同期|净增|增长|增加"
)
# 全年 before the plan's verbs: the plan, not the period
# (全年签约项目任务12个，已签约15个: the item between, the contest of the span of what was done)
PLAN_YEAR_RE = later(r"全年(?=共|安排|计划|目标|任务|确定|实施|列入|[^，。；\d完]{1,8}?(?:任务|目标))")
# 自7月27日百日会战启动至9月底: a campaign's figures are as at the end of September
CAMPAIGN_END_RE = later(r"(?:自|从)[^，。；]{0,30}?(?:至|到)(?:今年)?(1[0-2]|[1-9])月(?:底|末)")
# 8至9月底: the months 8-9
RANGE_END_RE = later(r"(?<!\d)(1[0-2]|[1-9])至(1[0-2]|[1-9])月(?:底|末|份)?")
# “七一”前, 元旦前, 国庆前: a deadline, never the period
DEADLINE_RE = later(r"“?(?:七一|八一|十一|五一)”?前|(?:元旦|国庆|春节|年底|年末)前")
QUARTERS = ["一", "二", "三", "四"]
QUARTER_RE = later(r"(?<![前上下])([一二三四])季度")
# 4月27日上午，…集中开工: the date of an event, the period of its groups
DATE_RE = later(r"(?<![至到止])(?<!\d)(1[0-2]|[1-9])月(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日")
# (第三季度重大项目集中开工: a batch of the year, not a span; 前三季度, 一季度 are)
YTD_HINT_RE = later(r"\d月份?(?:底|末)|[-至]\d{1,2}月|前\S{1,2}个?月|(?<!第[一二三四1234])季度|上半年|截至|截止|以来")
# a line without these names no group and no task
PROJECT_LINE_RE = later(r"项目|工程|任务|目标|开工|竣工|建成|完工|投产|签约|开复工")
# a clause without these holds no fact
FACT_HINT_RE = later(r"\d|全部")
# where the figures of a clause start (its head is before)
FIGURE_START_RE = later(rf"{NUM}(?:{AMT_UNIT}|%|个百分点)")
# a clause with the period of a forecast or a plan: its figures are not results
FORECAST_RE = later(r"预计|预期|有望|将(?:陆续|有|可|会|实现|完成|达到|具备)")
# 9个重点项目已建成: the count of a state, not a group of its own
STATE_AFTER_RE = later(
    r"^(?:已经|已|相继|陆续|提前|全部|均|基本|部分){0,3}(?:建成|竣工|完工|投产|开工|开复工|复工)(?:建设|投产)?(?!\d|率|项目?\d)"
)
# a project described by its size (日供水3000吨的…水厂项目): one project, not a group
ONE_PROJECT_RE = later(r"\d(?:吨|米|千瓦|兆瓦|万吨|亩|平方米|公里|座|台|套|床|万锭|MW|KV|kV)")
# a ceremony (集中开工, 签约仪式) and the groups it is about (这次开工、投产的15个重点项目)
EVENT_RE = later(r"集中(?:开工|竣工|签约|开竣工|开复工)|(?:开工|签约|竣工)仪式")
THIS_EVENT_RE = later(r"(?:这次|此次|本次)(?:开工|竣工|签约|集中|共有|全市|全县|全区|全省)")
# 仪式近日举行: held lately, on the dateline's month
RECENT_RE = later(r"近日|日前|近期")
TARGET_RE = later(r"力争|确保|目标(?:任务)?是|计划到")
KEY_RE = later(r"重点|重大|龙头")
# the stage a count target is of (新开工亿元以上项目40个): a count started or completed answers it
TARGET_STAGE_RE = later(r"(?:计划)?(?:新)?(开工|开复工|竣工|建成|完工)")
TARGET_WORDS_RE = later(r"^.*?(?:力争|确保|争取|目标(?:任务)?是)(?:在|于)?|实现|完成")
FUNDS_RE = later(r"到位资金|实际到位|已到位|累计到位|签约金额|签约资金|引资额|合同金额")
# a figure label that names no investment of its own (投资, 项目投资): a group's amount may name it
# 2018年, 2018年度 as written in a sentence (not 比2019年同期, 2019年以来)
ONE_YEAR_RE = later(r"(?<![比较与同\d])(?<!安排)((?:19|20)\d{2})年(?!以来|同期|来)")
# 初步安排2019年市级重点项目236项: the preliminary list of a coming year (its own period)
NEXT_PLAN_RE = later(r"(?:初步|拟)安排((?:19|20)\d{2})年度?")
TRIVIAL_LABEL_RE = later(r"(?:项目)?(?:投资|固定资产投资)")
# 工业项目投资, 跨市项目投资, 总投资50亿元以上项目投资: a part of the programme named before it
# (by sector, stage, size, reach or who leads it), not a programme of its own
PART_LABEL_RE = later(
    r"(?:\d+(?:个|项|宗))?(?:其中)?(?:工业|服务业|农业|基础设施|社会事业|民生|城建|交通|水利|能源|产业"
    r"|续建|新开工|计划开工|计划新开工|竣工|在建|前期|跨市|跨县|跨区|省级|市级|县级|区级"
    r"|总投资[\d.]+亿元以上|[\d.]+亿元以上)(?:重大|重点)?(?:建设)?项目(?:完成)?投资"
    r"|(?:\d{1,2}|[一二三四五六七八九十])(?:大|类)(?:(?!重点|重大|龙头)[^投、]){0,8}?项目投资"  # 4大板块项目
    r"|[^、投]{0,8}?(?:牵头|负责|实施|承担|主抓|包抓)的?项目(?:完成)?投资"  # 市级部门牵头项目: by who leads
)
# 3、十大城市建设工程项目投资, (二)民生项目投资: a numbered item of a notice's breakdown of its
# programme (八大类项目具体情况如下：1、…2、…), the number in front
NUMBERED_PART_RE = later(
    r"(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|\(?[一二三四五六七八九十\d]{1,3}\))"
    r"(?=[^、]*(?:项目|工程)(?:建设)?(?:完成)?投资$)"
)
# 大项目建设投资, 园区项目投资: a list of projects' amount (not what was signed or planned)
LIST_LABEL_RE = later(r"^(?!.*(?:签约|招商|引资|引进|合同|协议|意向|拟|计划|总投资|到位)).*项目(?:建设)?投资$")
# 一是新开工项目, (二)签约项目, 3、入库项目: the number of an item of a campaign's list
ITEM_ORDINAL_RE = later(r"^(?:[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．]"
                        r"|[(（][一二三四五六七八九十\d]{1,3}[)）])")
# 已完成, 实际完成: what was done, no item's name
DONE_WORD_RE = later(r"(?:已经?|实际|累计)?(?:完成|实现|达到?)")
# 9月份“双比双看”竞赛考评情况: a title named after its month (not 9月28日, a date)
TITLE_MONTH_RE = later(r"(?:(?:19|20)\d{2}年)?(1[0-2]|[1-9])月份?(?![\d日号])")
SINGLE_MONTH_RE = later(r"当月|本月|单月")
# 7月，…: a month alone at the head of a sentence (not 1-7月)
MONTH_ONLY_RE = later(r"^(?:(?:19|20)\d{2}年)?(1[0-2]|[1-9])月份?(?:当月|单月)?$")
# a spam rewriter's synonyms (伪原创) before the words of a contest: 妄想开工项目68个，现实开工73个
# is 计划开工项目68个，实际开工73个 (only there: elsewhere the words keep their meaning)
SPUN = {"妄想": "计划", "现实": "实际"}
SPUN_RE = later(r"(妄想|现实)(?=(?:新开工|开工|开复工|竣工|完工|建成|投资|完成投资)(?:项目)?\d)")


def unspin(line: str) -> str:
    """A line with a spam rewriter's synonyms of 计划/实际 put back where a count or an amount follows.

    >>> unspin("重点项目妄想开工项目68个，现实开工73个，开工率107.4%")
    '重点项目计划开工项目68个，实际开工73个，开工率107.4%'
    """
    return SPUN_RE.sub(lambda m: SPUN[m.group(1)], line) if "妄想" in line or "现实" in line else line


# the kana and spam characters some reposts insert after 的
JUNK_RE = later(r"[\u3040-\u30ff]")

# (last: every pattern above is compiled on its first use)
bind_later(globals())
