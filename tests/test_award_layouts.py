"""Award and commendation lists in the layouts gazettes print them, read by structure (gazette/awards.py).

Every case is made of real lines: the development corpus (../shared/corpus) and the seed, copied here so
the cases run without the corpus, and variants made from them (re-wrapped at other widths, one name a
line, spaces for 、, a number changed). Each case gives the document's title, its body lines, its
annexes and what must be read: the entries (name, rank, person or body, and the annotation, unit or
group where there is one), and which numbers the text states are met.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from gazette.numerals import cn_int
from gazette.awards import (is_commendation, logical_lines, names_group, noun_kind, parse_clause, rank_of,
                            read_award_tables, read_name)
from gazette.layout import Line, collapse_letter_spacing, display_width, normalise_spaces
from gazette.paragraphs import build_paragraphs
from gazette.records import Annex
from tests.conftest import SHARED


# ---------------------------------------------------------------- helpers

def _lines(text: str, start: int) -> list[Line]:
    out = []
    for k, raw in enumerate(text.strip("\n").split("\n")):
        t = collapse_letter_spacing(normalise_spaces(raw))
        if t:
            out.append(Line(no=start + k, raw=raw, text=t, page_start=False, width=display_width(t)))
    return out


def make_doc(title: str, body: str = "", annexes: tuple = (), key: str = "test/2020/1"):
    """A document as the segmenter hands it over: paragraphs of the body, and annexes with their lines."""
    anx = []
    for n, (atitle, atext) in enumerate(annexes, 1):
        al = _lines(atext, 1000 * n)
        anx.append(Annex(label="附件", number=n, title=atitle, kind="attachment", paragraphs=build_paragraphs(al),
                         lines=[(x.no, x.text) for x in al], line_span=(al[0].no, al[-1].no)))
    return SimpleNamespace(title=title, key=key, paragraphs=build_paragraphs(_lines(body, 10)) if body else [],
                           annexes=anx)


def wrap(text: str, width: int) -> str:
    """Text cut into lines of `width` characters, as a narrower or wider page prints it."""
    flat = "".join(text.split("\n"))
    return "\n".join(flat[i:i + width] for i in range(0, len(flat), width))


def read(doc):
    t = read_award_tables(doc, "case.txt")
    return t, [(e.name, e.rank, e.person) for e in t.entries]


# ---------------------------------------------------------------- real lines

# dc-gazette-2024-02 (顺政办发〔2010〕39号): a list under a heading with its number, cut after three names
SHUNYI_TITLE = ("北京市顺义区人民政府办公室、北京市顺义区人民代表大会常务委员会办公室、政协北京市顺义区委员会办公室"
                "关于表彰2009年度人大代表议案建议政协委员提案办理工作先进单位和优秀承办件的通报")
SHUNYI_BODY = """各承办单位要以更加负责的工作态度，更加扎实的
工作作风，不断完善办理工作机制，努力提高办理
质量，营造我区团结、民主的政治氛围，为建设现
代文明和谐新顺义作出更大的贡献！"""
SHUNYI_LIST = """顺义区2009年度建议提案办理工作先进单位和优秀承办件名单
一、先进单位（15家）
区市政市容委、区发展改革委、区住房城乡建设委"""
SHUNYI_UNITS = ["区市政市容委", "区发展改革委", "区住房城乡建设委"]

# dc-gazette-2024-02 (嘉政发〔2024〕1号): two units in the decision sentence, counted further on
JIAYU_TITLE = "嘉鱼县人民政府关于给予县城管执法局、县供电公司集体嘉奖的决定"
JIAYU_BODY = """根据《嘉鱼县机关事业单位记功奖励办法（试行）
规定县政府研究决定，给予县城管执法局、县供电
公司集体嘉奖。希望受表彰的2家单位珍惜荣誉、
再接再厉镇、单位和广大党员干部要以先进典型为"""

# gwy-gazette-2022-16: headings per medal, then one 授予 clause per honorary title; annotations after names
MEDALS_TITLE = "全国人民代表大会常务委员会关于授予国家勋章和国家荣誉称号的决定"
MEDALS_BODY = """委员会第十三次会议决定：
一、授予下列人士“共和国勋章”：
于敏、申纪兰（女）、孙家栋、李延年、
张富清、袁隆平、黄旭华、屠呦呦（女）。
二、授予下列外国人士“友谊勋章”：
劳尔·卡斯特罗·鲁斯（古巴）、玛哈扎
克里·诗琳通（女，泰国）、萨利姆·艾
哈迈德·萨利姆（坦桑尼亚）、加林娜·维
尼阿米诺夫娜·库利科娃（女，俄罗斯）、
让-皮埃尔·拉法兰（法国）、伊莎白
·柯鲁克（女，加拿大）。
三、授予下列人士国家荣誉称号：
授予叶培建、吴文俊、南仁东（满族）、
顾方舟、程开甲“人民科学家”国家
荣誉称号；
授予于漪（女）、卫兴华、高铭暄“人民
教育家”国家荣誉称号；
授予热地（藏族）“民族团结杰出贡献者”
国家荣誉称号；
授予董建华“‘一国两制’杰出贡献
者”国家荣誉称号；"""
MEDALS = ([(n, "共和国勋章", True) for n in ("于敏", "申纪兰", "孙家栋", "李延年", "张富清", "袁隆平", "黄旭华", "屠呦呦")]
          + [(n, "友谊勋章", True) for n in ("劳尔·卡斯特罗·鲁斯", "玛哈扎克里·诗琳通", "萨利姆·艾哈迈德·萨利姆",
                                           "加林娜·维尼阿米诺夫娜·库利科娃", "让-皮埃尔·拉法兰", "伊莎白·柯鲁克")]
          + [(n, "“人民科学家”国家荣誉称号", True) for n in ("叶培建", "吴文俊", "南仁东", "顾方舟", "程开甲")]
          + [(n, "“人民教育家”国家荣誉称号", True) for n in ("于漪", "卫兴华", "高铭暄")]
          + [("热地", "“民族团结杰出贡献者”国家荣誉称号", True), ("董建华", "“‘一国两制’杰出贡献者”国家荣誉称号", True)])

# gwy-gazette-2022-16: only the first of each group named (…等497个单位), and a posthumous award
SOE_TITLE = "人力资源社会保障部国资委关于表彰中央企业先进集体和劳动模范的决定"
SOE_BODY = """人力资源社会保障部、国资委决定，
授予中国核工业集团公司核动力事业部第三代
核电ACP1000技术研发设计项目部等
497个单位“中央企业先进集体”
荣誉称号；授予郭明义等795名同志
“中央企业劳动模范”荣誉称号；追授王
振龙同志“中央企业劳动模范”荣誉称
号。被授予“中央企业劳动模范”荣誉"""

# pj-gazette-2021-02 (盘政发〔2010〕22号): names, then 为 and the award, groups closed by ；
DAYU_TITLE = "盘锦市人民政府关于表彰第二十二届农田基本建设“大禹杯”竞赛优胜单位和先进单位的决定"
DAYU_BODY = """贡献。为表彰先进，根据《盘锦市“十一五”期间农田基本建
设“大禹杯”竞赛考核评比办法》，市政府决定，盘山县人
民政府、大洼县人民政府为2009年度全市农田基本建设
第二十二届“大禹杯”竞赛县区级优胜单位，各奖励以奖
代补资金15万元；兴隆台区人民政府、盘锦监狱为200
9年度第二十二届农田基本建设“大禹杯”竞赛县区级先进单
位，各奖励以奖代补资金5万元；盘山县古城子镇人民政府
等七个场乡（镇）为2009年度第二十二届农田基本建设
“大禹杯”竞赛场乡（镇）级优胜单位，各奖励以奖代补资
金3万元；盘山县胡家镇人民政府等四个场乡（镇）为第二
十二届农田基本建设“大禹杯”竞赛场乡（镇）级先进单
位，各奖励以奖代补资金1万元。"""
DAYU = [("盘山县人民政府", "县区级优胜单位", False), ("大洼县人民政府", "县区级优胜单位", False),
        ("兴隆台区人民政府", "县区级先进单位", False), ("盘锦监狱", "县区级先进单位", False),
        ("盘山县古城子镇人民政府", "场乡（镇）级优胜单位", False), ("盘山县胡家镇人民政府", "场乡（镇）级先进单位", False)]

# pj-gazette-2021-02 (嘉政办发〔2009〕16号): parts and ranks, names after 一等奖：, wrapped inside a name
JIAXING_TITLE = "嘉兴市人民政府办公室关于表彰2008年度全市政务信息工作先进集体和先进个人的通报"
JIAXING_BODY = """经市政府研究，决定对2008年度政务信息工作成绩突出的平湖市政府办公室等35个先进集体和赵凌云等46名先进个人予以通报表彰。"""
JIAXING_LIST = """2008年度全市政务信息工作先进集体和先进个人名单
一、先进集体（35个）
（一）县（市、区）政府办公室
一等奖：平湖市政府办公室、嘉善县政府办公室
二等奖：海宁市政府办公室、桐乡市政府办公室、南湖区政府
办公室
三等奖：海盐县政府办公室、秀洲区政府办公室
（二）市级有关部门
一等奖：市监察局、市公安局、市经贸委、市国资委
二等奖：市卫生局、市发展改革委、市环保局、市信访局、人
行嘉兴市中心支行、市城管执法局、嘉兴银监分局、嘉兴电力
局"""
JIAXING = ([(n, "一等奖", "县（市、区）政府办公室") for n in ("平湖市政府办公室", "嘉善县政府办公室")]
           + [(n, "二等奖", "县（市、区）政府办公室") for n in ("海宁市政府办公室", "桐乡市政府办公室", "南湖区政府办公室")]
           + [(n, "三等奖", "县（市、区）政府办公室") for n in ("海盐县政府办公室", "秀洲区政府办公室")]
           + [(n, "一等奖", "市级有关部门") for n in ("市监察局", "市公安局", "市经贸委", "市国资委")]
           + [(n, "二等奖", "市级有关部门") for n in ("市卫生局", "市发展改革委", "市环保局", "市信访局", "人行嘉兴市中心支行",
                                                 "市城管执法局", "嘉兴银监分局", "嘉兴电力局")])

# pj-gazette-2021-02 (萍府办字〔2006〕18号): two units a line, separated by a full-width space
PINGXIANG_TITLE = ("萍乡市人民政府办公室关于表彰2005年度全市政府系统政务信息政务督查及建议提案办理工作先进单位和先进工作者的通报")
PINGXIANG_BODY = """方面发挥了积极作用，取得了新的成绩。为总结经验，表彰
先进，推动工作，现对已评选出的2005年度全市政府
系统23个政务信息工作先进单位、2个政务信息基层直
报点先进单位、29名政务信息先进工作者；7个政务督查
工作先进单位、14名政务督查先进工作者；10个建议提案
办理工作先进单位，16名建议提案办理先进工作者予以
通报表彰。"""
PINGXIANG_LIST = """2005年度全市政府系统政务信息政务督查和建议提案办理工作先进单位和先进工作者名单
一、政务信息工作先进单位（23个）
芦溪县政府办公室　上栗县政府办公室
安源区政府办公室　湘东区政府办公室
市旅游局"""
PINGXIANG_UNITS = ["芦溪县政府办公室", "上栗县政府办公室", "安源区政府办公室", "湘东区政府办公室", "市旅游局"]

# pj-gazette-2021-02 (赣市府字〔2009〕56号): the list in the body, after 名单如下：
GANZHOU_TITLE = "赣州市人民政府关于表彰2008年全市政府系统人大代表建议政协提案办理工作先进单位和先进个人的通报"
GANZHOU_BODY = """人。经市政府研究，决定对2008年度政府系统办理人
大代表建议政协提案工作的先进单位和先进个人予以通报表
彰，名单如下：
一、先进单位（16个）
赣县人民政府、安远县人民政府、宁都县人民政府、寻乌县人
民政府、石城县人民政府、全南县人民政府、市交通局、
市规划建设局、市财政局、市国土局、市城管局、市房产局、
市公安局"""
GANZHOU_UNITS = ["赣县人民政府", "安远县人民政府", "宁都县人民政府", "寻乌县人民政府", "石城县人民政府", "全南县人民政府",
                 "市交通局", "市规划建设局", "市财政局", "市国土局", "市城管局", "市房产局", "市公安局"]

# sc-gazette-2025-03 (川府函〔2014〕71号): only the first of each group named, no list printed
FLOOD_TITLE = "四川省人民政府关于表扬2013年防洪减灾先进集体和先进个人的通报"
FLOOD_BODY = """进集体和先进个人。为表扬先进、弘扬正气，进一步激
发广大干部群众的积极性、主动性和创造性，省政府决
定对成都市人民政府防汛指挥部办公室等80个先进集
体和闫波等170名先进个人予以通报表扬。"""

# sc-gazette-2025-03 (a 公示): those proposed, inline, each group closed by N家单位为 / N名同志为
GREEN_TITLE = "公示"
GREEN_BODY = """认真组织开展了评选推荐工作，并报全国绿化先进集体、
劳动模范和先进工作者评选表彰工作领导小组初审。现
确定我省正式推荐乐东佳源农林发展有限公司、海口市
琼山区农业农村局（林业局）、文昌市昌洒镇人民政府、
保亭黎族苗族自治县园林环卫服务中心、陵水自治县林
业局5家单位为全国绿化先进集体，推荐陶凤交、张少
华和蔡政堃3名同志为全国绿化劳动模范，推荐王壮、
王夏颖2名同志为全国绿化先进工作者，为充分发扬民
主，做到群众认可，现向社会予以公示，接受群众监督。"""
GREEN = ([(n, "全国绿化先进集体", False) for n in ("乐东佳源农林发展有限公司", "海口市琼山区农业农村局（林业局）",
                                              "文昌市昌洒镇人民政府", "保亭黎族苗族自治县园林环卫服务中心", "陵水自治县林业局")]
         + [(n, "全国绿化劳动模范", True) for n in ("陶凤交", "张少华", "蔡政堃")]
         + [(n, "全国绿化先进工作者", True) for n in ("王壮", "王夏颖")])

# the seed (沙府发〔2020〕42号): pupils with their schools, one a line, in two annexes checked by 等N人
SEED_TITLE = "重庆市沙坪坝区人民政府关于表彰第八届沙坪坝区青少年科技创新区长奖的决定"
SEED_BODY = """广大青少年中营造崇尚创新的新风尚，区政府决定，授予尹艺臻
等 10 人第八届沙坪坝区青少年科技创新区长奖，丁增赤列等 3
人第八届沙坪坝区青少年科技创新区长奖提名奖，并对获奖人员
予以表彰。"""
SEED_LIST_1 = """（按姓氏笔画排序）
尹艺臻 重庆市名校联合中学校
刘笑言 重庆市第一中学校
李靖宇 重庆市天星桥中学
李中豪 重庆市第一中学校
陈宇鸿 重庆市南渝中学校
陈智豪 重庆市天星桥中学
何政霖 重庆市南开中学校
欧阳聪睿 重庆市第一中学校
林初睿 重庆大学附属中学校
费思翔 重庆市树人凤天小学校"""
SEED_LIST_2 = """（按姓氏笔画排序）
丁增赤列 重庆西藏中学校
伍余林翰 重庆市第一中学校
罗 萱 重庆市南开中学校"""

# a document that commends no one (dc-gazette-2024-02, 京政办发〔2016〕26号 style): nothing is read
NOT_AN_AWARD_TITLE = "北京市人民政府办公厅关于印发《北京市2016年政务公开工作要点》的通知"
NOT_AN_AWARD_BODY = """各区人民政府，市政府各委、办、局，各市属机构：
经市政府同意，现将《北京市2016年政务公开工作要点》印发给
你们，请认真贯彻落实。市公安局、市财政局为牵头单位。"""


# ---------------------------------------------------------------- the cases

def _units(names, rank):
    return [(n, rank, False) for n in names]


CASES = [
    # (id, document, expected (name, rank, person) in order, stated numbers met?, review kinds)
    ("list under a numbered heading, cut short", make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[("附件：", SHUNYI_LIST)]),
     _units(SHUNYI_UNITS, "先进单位"), [False], ["table total"]),
    ("the same, one name a line", make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[("附件：", SHUNYI_LIST.replace("委、", "委\n"))]),
     _units(SHUNYI_UNITS, "先进单位"), [False], ["table total"]),
    ("the same, its number reached", make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[("附件：", SHUNYI_LIST.replace("15家", "3家"))]),
     _units(SHUNYI_UNITS, "先进单位"), [True], []),
    ("more names than its number: held back", make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[("附件：", SHUNYI_LIST.replace("15家", "2家"))]),
     [], [False], ["table rows"]),
    ("给予 A、B 集体嘉奖, counted by 受表彰的2家单位", make_doc(JIAYU_TITLE, JIAYU_BODY),
     _units(["县城管执法局", "县供电公司"], "集体嘉奖"), [True], []),
    ("the same, re-wrapped at 9 characters", make_doc(JIAYU_TITLE, wrap(JIAYU_BODY, 9)),
     _units(["县城管执法局", "县供电公司"], "集体嘉奖"), [True], []),
    ("medals by heading, titles by clause", make_doc(MEDALS_TITLE, MEDALS_BODY), MEDALS, [], []),
    ("…等N个 and …等N名 named first, 追授", make_doc(SOE_TITLE, SOE_BODY),
     [("中国核工业集团公司核动力事业部第三代核电ACP1000技术研发设计项目部", "中央企业先进集体", False),
      ("郭明义", "中央企业劳动模范", True), ("王振龙", "中央企业劳动模范（追授）", True)], [], []),
    ("A、B为…单位；C等七个…为…", make_doc(DAYU_TITLE, DAYU_BODY), DAYU, [], []),
    ("the same, re-wrapped at 40 characters", make_doc(DAYU_TITLE, wrap(DAYU_BODY, 40)), DAYU, [], []),
    ("parts and ranks (一等奖：…)", make_doc(JIAXING_TITLE, JIAXING_BODY, [("附件：", JIAXING_LIST)]),
     [(n, r, False) for n, r, _ in JIAXING], [False, False], ["table total", "table total"]),
    ("two units a line, separated by spaces", make_doc(PINGXIANG_TITLE, PINGXIANG_BODY, annexes=[("附件：", PINGXIANG_LIST)]),
     _units(PINGXIANG_UNITS, "政务信息工作先进单位"), [False], ["table total"]),
    ("the same, separated by 、", make_doc(PINGXIANG_TITLE, PINGXIANG_BODY, annexes=[("附件：", PINGXIANG_LIST.replace("　", "、"))]),
     _units(PINGXIANG_UNITS, "政务信息工作先进单位"), [False], ["table total"]),
    ("a list in the body after 名单如下：", make_doc(GANZHOU_TITLE, GANZHOU_BODY),
     _units(GANZHOU_UNITS, "先进单位"), [False], ["table total"]),
    ("the same, re-wrapped at 15 characters", make_doc(GANZHOU_TITLE, GANZHOU_BODY.split("\n一、")[0] + "\n一、先进单位（16个）\n"
                                                         + wrap(GANZHOU_BODY.split("（16个）\n")[1], 15)),
     _units(GANZHOU_UNITS, "先进单位"), [False], ["table total"]),
    ("only the first named, no list printed", make_doc(FLOOD_TITLE, FLOOD_BODY),
     [("成都市人民政府防汛指挥部办公室", "先进集体", False), ("闫波", "先进个人", True)], [], []),
    ("the same, first named with no number (等单位, 等同志)",
     make_doc(FLOOD_TITLE, FLOOD_BODY.replace("等80个先进集\n体", "等单位").replace("等170名先进个人", "等同志")),
     [("成都市人民政府防汛指挥部办公室", "通报表扬", False), ("闫波", "通报表扬", True)], [], []),
    ("推荐 A、B…5家单位为…, 和 before the last", make_doc(GREEN_TITLE, GREEN_BODY), GREEN, [True, True, True], []),
    ("the same, 和 printed as 、", make_doc(GREEN_TITLE, GREEN_BODY.replace("华和蔡", "华、蔡")), GREEN, [True, True, True], []),
    ("a stated number the names do not reach", make_doc(GREEN_TITLE, GREEN_BODY.replace("5家单位", "6家单位")),
     GREEN[5:], [False, True, True], ["table rows"]),
    ("pupils with schools, checked by 等N人", make_doc(SEED_TITLE, SEED_BODY, [
        ("第八届沙坪坝区青少年科技创新区长奖名单", SEED_LIST_1), ("第八届沙坪坝区青少年科技创新区长奖提名奖名单", SEED_LIST_2)]),
     [(n, "区长奖", True) for n in ("尹艺臻", "刘笑言", "李靖宇", "李中豪", "陈宇鸿", "陈智豪", "何政霖", "欧阳聪睿", "林初睿",
                                    "费思翔")] + [(n, "提名奖", True) for n in ("丁增赤列", "伍余林翰", "罗萱")], [True, True], []),
    # the first list left out: 尹艺臻等10人 names a list the text does not print
    ("the second list alone, with a header row and serial numbers", make_doc(SEED_TITLE, SEED_BODY, [
        ("第八届沙坪坝区青少年科技创新区长奖提名奖名单",
         "序号 姓名 学校\n" + "\n".join(f"{k} {x}" for k, x in enumerate(SEED_LIST_2.split("\n")[1:], 1)))]),
     [(n, "提名奖", True) for n in ("丁增赤列", "伍余林翰", "罗萱")], [False, True], ["table total"]),
    ("a list line that does not read: held back", make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[
        ("附件：", SHUNYI_LIST.replace("区住房城乡建设委", "区住房城乡建设委员").replace("15家", "3家"))]),
     [], [False], ["table rows", "row"]),
    ("a short part before a complete one: held back", make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[
        ("附件：", SHUNYI_LIST + "\n二、优秀承办件承办单位（2家）\n市旅游局、市公安局")]),
     _units(["市旅游局", "市公安局"], "优秀承办件承办单位"), [False, True], ["table rows"]),
    ("a document that commends no one", make_doc(NOT_AN_AWARD_TITLE, NOT_AN_AWARD_BODY), [], [], []),
]


@pytest.mark.parametrize("doc,expected,checks,review", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_layout(doc, expected, checks, review):
    t, got = read(doc)
    assert got == expected
    assert [c["ok"] for c in t.checks] == checks, [c["message"] for c in t.checks]
    assert sorted(r.kind for r in t.review) == sorted(review), [r.reason for r in t.review]
    # entries held back are in review with their lines; nothing is both published and held
    held = {(e.name, e.rank) for r in t.review if isinstance(r.record, list) for e in r.record}
    assert not held & {(e.name, e.rank) for e in t.entries}
    # every entry says where it was printed
    assert all(e.line and e.lines and e.line in e.lines for e in t.entries)


def test_annotations_units_and_groups_are_kept_apart_from_names():
    t, _ = read(make_doc(MEDALS_TITLE, MEDALS_BODY))
    notes = {e.name: e.annotation for e in t.entries}
    assert notes["申纪兰"] == "女" and notes["玛哈扎克里·诗琳通"] == "女，泰国" and notes["南仁东"] == "满族"
    assert notes["劳尔·卡斯特罗·鲁斯"] == "古巴" and notes["于敏"] is None
    t, _ = read(make_doc(JIAXING_TITLE, JIAXING_BODY, [("附件：", JIAXING_LIST)]))
    assert [(e.name, e.rank, e.group) for e in t.entries] == JIAXING
    assert {e.school for e in t.entries} == {""}
    t, _ = read(make_doc(SEED_TITLE, SEED_BODY, [("第八届沙坪坝区青少年科技创新区长奖提名奖名单", SEED_LIST_2)]))
    assert [(e.name, e.school) for e in t.entries] == [("丁增赤列", "重庆西藏中学校"), ("伍余林翰", "重庆市第一中学校"),
                                                        ("罗萱", "重庆市南开中学校")]
    # a person's unit in brackets after the name (a variant of the lists above)
    t, _ = read(make_doc(JIAXING_TITLE, annexes=[("附件：", "先进个人名单\n陶凤交（平湖市政府办公室）、张少华（嘉善县政府办公室）")]))
    assert [(e.name, e.school, e.person) for e in t.entries] == [("陶凤交", "平湖市政府办公室", True),
                                                                   ("张少华", "嘉善县政府办公室", True)]


def test_stated_numbers_and_keys():
    t, _ = read(make_doc(FLOOD_TITLE, FLOOD_BODY))
    assert [(e.stated, e.list_key) for e in t.entries] == [(80, "test/2020/1#text-1"), (170, "test/2020/1#text-2")]
    t, _ = read(make_doc(SHUNYI_TITLE, SHUNYI_BODY, annexes=[("附件：", SHUNYI_LIST)]))
    assert {e.stated for e in t.entries} == {15} and {e.list_key for e in t.entries} == {"test/2020/1#1"}
    assert t.review[0].lines == [1001] and "15家" in t.review[0].reason
    # one list per rank and part, numbered within its annex
    t, _ = read(make_doc(JIAXING_TITLE, JIAXING_BODY, [("附件：", JIAXING_LIST)]))
    assert sorted({e.list_key for e in t.entries}) == [f"test/2020/1#1-{k}" for k in range(1, 6)]
    # the first-named group of a list printed apart is a check, never an entry
    assert "赵凌云" not in {e.name for e in t.entries}


def test_first_named_pupils_are_not_named_in_messages():
    t, _ = read(make_doc(SEED_TITLE, SEED_BODY, [("第八届沙坪坝区青少年科技创新区长奖名单", SEED_LIST_1)]))
    assert t.checks and all("尹艺臻" not in c["message"] for c in t.checks)


@pytest.mark.parametrize("text,hint,expected", [
    ("申纪兰（女）", None, ("申纪兰", True, "女", "")),
    ("伊莎白·柯鲁克（女，加拿大）", None, ("伊莎白·柯鲁克", True, "女，加拿大", "")),
    ("王振龙同志", None, ("王振龙", True, None, "")),
    ("海口市琼山区农业农村局（林业局）", None, ("海口市琼山区农业农村局（林业局）", False, None, "")),
    ("盘锦监狱", None, ("盘锦监狱", False, None, "")),
    ("南湖区", None, ("南湖区", False, None, "")),
    ("获奖人员", None, None),
    ("市政府决定", None, None),
    ("2009年度优秀", None, None),
    ("张超", "org", None),
    ("市公安局", "person", None),
])
def test_read_name(text, hint, expected):
    it = read_name(text, hint)
    assert (it and (it.name, it.person, it.annotation, it.unit)) == expected


@pytest.mark.parametrize("award,rank", [
    ("“中央企业先进集体”荣誉称号", "中央企业先进集体"),
    ("“人民科学家”国家荣誉称号", "“人民科学家”国家荣誉称号"),
    ("2009年度全市农田基本建设第二十二届“大禹杯”竞赛县区级优胜单位", "县区级优胜单位"),
    ("全国绿化先进集体", "全国绿化先进集体"),
    ("“共和国勋章”", "共和国勋章"),
])
def test_rank_of(award, rank):
    assert rank_of(award) == rank


def test_small_parts():
    assert [cn_int(x) for x in ("七", "十二", "二十三", "一百零五", "497")] == [7, 12, 23, 105, 497]
    assert (noun_kind("先进集体和先进个人"), noun_kind("中央企业劳动模范"), noun_kind("集体嘉奖"), noun_kind("一等奖")) == \
        (None, "person", "org", None)
    g = names_group("陶凤交、张少华和蔡政堃3名同志")
    assert [i.name for i, _ in g.items] == ["陶凤交", "张少华", "蔡政堃"] and (g.stated, g.exact) == (3, True)
    assert parse_clause("为充分发扬民主") == [] and parse_clause("希望受表彰的2家单位珍惜荣誉") == []
    # a wrapped name is joined; names one a line are not
    assert [t for t, _ in logical_lines([(1, "二等奖：海宁市政府办公室、桐乡市政府办公室、南湖区政府"), (2, "办公室")], 52)] == \
        ["二等奖：海宁市政府办公室、桐乡市政府办公室、南湖区政府办公室"]
    assert [t for t, _ in logical_lines([(1, "市监察局"), (2, "市公安局")], 52)] == ["市监察局", "市公安局"]
    assert not is_commendation(make_doc(NOT_AN_AWARD_TITLE, NOT_AN_AWARD_BODY))
    assert is_commendation(make_doc(GREEN_TITLE, GREEN_BODY))


# ---------------------------------------------------------------- the corpus and the seed, end to end

def test_seed_award_rows_unchanged(seed):
    entries = seed.tables["awards"]
    assert len(entries) == 25 and all(e.person and e.school for e in entries)
    assert {e.list_key for e in entries} == {"sha-fu-fa/2020/42#1", "sha-fu-fa/2020/42#2"}
    assert all(c["ok"] for c in seed.table_checks)


@pytest.fixture(scope="module")
def corpus(registry):
    from pathlib import Path

    from gazette.corpus import read_issue
    folder = SHARED / "corpus"
    if not folder.is_dir():
        pytest.skip(f"the shared development corpus is absent ({folder})")
    return {p.stem: read_issue(Path(p), registry) for p in sorted(folder.glob("*.txt"))}


def test_corpus_persons_are_marked_and_the_graph_conforms(corpus, registry):
    from mappings.graph import map_issue_records, new_graph, registry_graph
    from mappings.terms import IRIs
    from publish.outputs.validation import load_shapes, validate
    rec = corpus["gwy-gazette-2022-16"]
    persons = [e for e in rec.tables["awards"] if e.person]
    assert len(persons) == 44 and all(e.person for e in persons)
    assert {e.annotation for e in persons if e.name == "都贵玛"} == {"女，蒙古族"}
    bodies = [e for rec in corpus.values() for e in rec.tables["awards"] if not e.person]
    assert {"区市政市容委", "县供电公司", "盘锦监狱", "市旅游局"} <= {e.name for e in bodies}
    iris = IRIs("https://gongbao.example.org")
    g, bodies = map_issue_records(rec, (SHARED / "corpus" / "gwy-gazette-2022-16.txt").read_bytes(), iris, registry)
    union = new_graph()
    for graph in (g, registry_graph(bodies, iris, registry, None)):
        for t in graph:
            union.add(t)
    assert validate(union, load_shapes(), "gwy-gazette-2022-16.txt") == []


def test_a_ranked_line_that_does_not_read_goes_to_review():
    broken = JIAXING_LIST.replace("市经贸委、市国资委", "市经贸委、市国资委员")
    t, got = read(make_doc(JIAXING_TITLE, JIAXING_BODY, [("附件：", broken)]))
    assert any(r.kind == "row" and "市国资委员" in r.reason for r in t.review)
    assert "市监察局" not in {n for n, _, _ in got}
