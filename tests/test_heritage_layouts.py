"""Heritage lists laid out in the ways gazettes print them (gazette/heritage.py).

Each case is a list as printed (real lines from the development corpus and the seed, with the
furniture the parser drops already out) or a variant made from one (re-wrapped cells, one cell per
line, another code form, a former category name), and the rows it must give. The stated totals of
a list decide whether its rows are published, published with the shortfall reviewed (a list printed
in part), or held back.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest

from gazette.heritage import load_categories, normalise_code, read_heritage, read_heritage_lists
from gazette.layout import Line
from gazette.paragraphs import build_paragraphs
from gazette.records import Annex
from gazette.registry import DEFAULT_DIR

CATS = load_categories(DEFAULT_DIR)


def _lines(text: str, start: int = 1) -> list[Line]:
    rows = [t for t in text.strip("\n").split("\n")]
    return [Line(no=i, raw=t, text=t.strip(), page_start=t.startswith(" ")) for i, t in enumerate(rows, start)]


def _annex(text: str, title: str, start: int = 1) -> Annex:
    lines = _lines(text, start)
    return Annex(None, None, title, "attachment", build_paragraphs(lines), [(l.no, l.text) for l in lines],
                 (lines[0].no, lines[-1].no))


@dataclass
class _Doc:
    title: str = "关于公布第五批市级非物质文化遗产代表性项目名录的通知"
    key: str = "test/2021/1"
    paragraphs: list = field(default_factory=list)
    annexes: list = field(default_factory=list)
    line_span: tuple = (1, 1)
    title_lines: list = field(default_factory=list)
    header_lines: list = field(default_factory=list)
    signature: object = None
    printed_by: object = None


def _doc_with(notice: str = "", annexes: list[Annex] = (), **kw) -> _Doc:
    paras = build_paragraphs(_lines(notice, 1000)) if notice else []
    return _Doc(paragraphs=paras, annexes=list(annexes), **kw)


def _rows(items) -> list[tuple]:
    return [(i.name, i.category, i.applicants) for i in items]


# ---------------------------------------------------------------- layouts (real lines)

# the seed: code column, merged category cells, names wrapped onto a second line
SEED_WRAPPED = """
序号 编号 项目名称 项目类别
申报地区或
单位
17 Ⅷ—52
曾胖娃番茄牛肉牛尾汤制作
技艺
覃家岗街道
 18 Ⅷ—53
一品红养生肚子鸡
制作技艺
天星桥街道
19 Ⅷ—54
耙二哥老火锅腰片
腌制技艺
双碑街道
20 Ⅷ—55
十吉酱香型火锅底料制作技
艺
渝碚路街道
21 Ⅷ—56 赵氏叫花鸡传统制作技艺 磁器口街道
"""
SEED_WRAPPED_ROWS = [
    ("曾胖娃番茄牛肉牛尾汤制作技艺", "传统技艺", ["覃家岗街道"]),
    ("一品红养生肚子鸡制作技艺", "传统技艺", ["天星桥街道"]),
    ("耙二哥老火锅腰片腌制技艺", "传统技艺", ["双碑街道"]),
    ("十吉酱香型火锅底料制作技艺", "传统技艺", ["渝碚路街道"]),
    ("赵氏叫花鸡传统制作技艺", "传统技艺", ["磁器口街道"]),
]

# the seed: sub-items in brackets over four lines, two applicants on two lines, a category printed once
SEED_FIRST = """
序号 编号 项目名称 项目类别
申报地区或
单位
1 Ⅰ—5 沙坪坝民间故事 民间文学 沙坪坝区文化馆
2 Ⅱ—2
泛川派古琴艺术
（“一缦居”古琴艺术、巴虞古
琴艺术、“芯”古琴艺术、沙磁
斫琴）
传统音乐
磁器口街道
沙坪坝街道
3 Ⅶ—8 柏木坊烙画
传统美术
沙坪坝区文化馆
4 Ⅶ—9 渝薇坊叶雕 磁器口街道
5 Ⅸ—6 重庆辅仁堂手缠法
传统医药
天星桥街道
"""
SEED_FIRST_ROWS = [
    ("沙坪坝民间故事", "民间文学", ["沙坪坝区文化馆"]),
    ("泛川派古琴艺术", "传统音乐", ["磁器口街道", "沙坪坝街道"]),
    ("柏木坊烙画", "传统美术", ["沙坪坝区文化馆"]),
    ("渝薇坊叶雕", "传统美术", ["磁器口街道"]),
]

# a municipal list: the category cell wrapped over two lines, the protection unit wrapped
# (rows of the printed list, numbered on: a list never skips a number)
ZIYANG = """
序号 项目类别 项目名称 申报县
（区）
项目保护单位
1 民间文学 丹山白塔传说 雁江区 雁江区丹山镇人民政府
2 传统体育、
游艺与竞技
安岳武台演战高狮 安岳县 安岳县文化馆
3 传统技艺 乐至外婆坛子肉制作技艺 乐至县 四川省兄妹
食品有限责任公司
4 传统技艺 乐至县缫丝技艺 乐至县 乐至县红旗丝绸有
限责任公司
"""

# a district list printed one cell per line; the code cell (VII, IX) only in some rows
TONGCHUAN = """
序号
代码
类别
申报项目名称
保护单位
1
民间文学
石莲花系列传说
达州市通川区文化馆
2
传统音乐
四川耍锣鼓（青宁天断锣鼓）
达州市通川区文化馆
3
VII
传统美术
何氏剪纸
达州市通川区文化馆
4
IX
传统医药
蒋氏传统近视疗法
达州市通川区文化馆
"""

# the category cell carries its numeral; a bearer column
GONGJING = """
序号 项目名称 项目类别 传承人 保护单位
1 龙滩场的传说 民间文学Ⅰ 社区传承 贡井区文化馆
2 兴吾桥的传说 民间文学Ⅰ 社区传承 贡井区文化馆
"""

# a wrapped title, its total, group headings with counts, the header repeated under each, 序号
# restarting, a code column holding only the numeral, a former category name (民间音乐)
HEYUAN = """
第七批河源市非物质文化遗产代表性项目
名录推荐项目公示名单
（共计7项）
一、传统体育、游艺与杂技（共计1项）
序号 分类（代码） 项目名称 申报地区
1 Ⅵ 九子堂林家打 和平县
二、民间音乐（共计1项）
序号 分类（代码） 项目名称 申报地区
1 Ⅱ 和平锣鼓板 和平县
三、传统技艺（共计5项）
序号 分类（代码） 项目名称 申报地区
1 Ⅷ 客家米粉制作技艺 东源县
2 Ⅷ 木鱼、木鸡制作技艺 和平县
3 Ⅷ 龙川古法榨油技艺 龙川县
4 Ⅷ 木雕工艺 紫金县
5 Ⅷ 连平土陶制作技艺 连平县
"""
HEYUAN_ROWS = [
    ("九子堂林家打", "传统体育、游艺与杂技", ["和平县"]),
    ("和平锣鼓板", "传统音乐", ["和平县"]),
    ("客家米粉制作技艺", "传统技艺", ["东源县"]),
    ("木鱼、木鸡制作技艺", "传统技艺", ["和平县"]),
    ("龙川古法榨油技艺", "传统技艺", ["龙川县"]),
    ("木雕工艺", "传统技艺", ["紫金县"]),
    ("连平土陶制作技艺", "传统技艺", ["连平县"]),
]

# a national list in a 公告's body: the category only in the group heading, applicants with ，
NATIONAL_BODY = """
荐项目名单向社会公示，公示期20天。
第四批国家级非物质文化遗产代表性项目名录推荐项目
（新入选项目，共计151项）
一、民间文学（30项，涉及31个申报地区或单位）
序号 项目名称 申报地区或单位
1 卢沟桥传说 北京市丰台区
2 鬼谷子传说 河北省临漳县
3 东海孝妇传说 江苏省连云港市
4 刘阮传说 浙江省天台县
5 孔雀东南飞传说 安徽省怀宁县
6 老子传说 安徽省涡阳县，河南省灵宝市
"""


def _variant(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


LAYOUTS = [
    # (id, annex title, text, rows (name, category, applicants))
    ("seed: names wrapped onto a second line", "名录名单", SEED_WRAPPED, SEED_WRAPPED_ROWS),
    ("seed: the same rows one per line", "名录名单",
     """序号 编号 项目名称 项目类别 申报地区或单位
17 Ⅷ—52 曾胖娃番茄牛肉牛尾汤制作技艺 覃家岗街道
18 Ⅷ—53 一品红养生肚子鸡制作技艺 天星桥街道
19 Ⅷ—54 耙二哥老火锅腰片腌制技艺 双碑街道
20 Ⅷ—55 十吉酱香型火锅底料制作技艺 渝碚路街道
21 Ⅷ—56 赵氏叫花鸡传统制作技艺 磁器口街道""", SEED_WRAPPED_ROWS),
    ("seed: names wrapped at other points", "名录名单",
     """序号 编号 项目名称 项目类别 申报地区或单位
17 Ⅷ—52
曾胖娃番茄牛肉
牛尾汤制作技艺
覃家岗街道
18 Ⅷ—53 一品红养生肚子鸡制
作技艺
天星桥街道
19 Ⅷ—54 耙二哥老火锅
腰片腌制
技艺
双碑街道
20 Ⅷ—55
十吉酱香型火锅底料制作技
艺
渝碚路街道
21 Ⅷ—56 赵氏叫花鸡传统制作技艺 磁器口街道""", SEED_WRAPPED_ROWS),
    ("seed: ASCII and Arabic codes", "名录名单",
     _variant(_variant(_variant(SEED_WRAPPED, "Ⅷ—52", "VIII-52"), "Ⅷ—54", "8-54"), "Ⅷ—55", "Ⅷ－55"),
     SEED_WRAPPED_ROWS),
    ("seed: sub-items, two applicants, merged category", "名录名单", SEED_FIRST, SEED_FIRST_ROWS + [
        ("重庆辅仁堂手缠法", "传统医药", ["天星桥街道"])]),
    ("municipal: category and protection unit wrapped", "第四批资阳市非物质文化遗产名录", ZIYANG, [
        ("丹山白塔传说", "民间文学", ["雁江区"]),
        ("安岳武台演战高狮", "传统体育、游艺与杂技", ["安岳县"]),
        ("乐至外婆坛子肉制作技艺", "传统技艺", ["乐至县"]),
        ("乐至县缫丝技艺", "传统技艺", ["乐至县"]),
    ]),
    ("municipal: the same rows one cell per line", "第四批资阳市非物质文化遗产名录",
     """序号 项目类别 项目名称 申报县（区） 项目保护单位
1
民间文学
丹山白塔传说
雁江区
雁江区丹山镇人民政府
2
传统体育、游艺与竞技
安岳武台演战高狮
安岳县
安岳县文化馆
3
传统技艺
乐至外婆坛子肉制作技艺
乐至县
四川省
兄妹食品有限责任公司
4
传统技艺
乐至县缫丝技艺
乐至县
乐至县红旗丝绸有限责任公司""", [
        ("丹山白塔传说", "民间文学", ["雁江区"]),
        ("安岳武台演战高狮", "传统体育、游艺与杂技", ["安岳县"]),
        ("乐至外婆坛子肉制作技艺", "传统技艺", ["乐至县"]),
        ("乐至县缫丝技艺", "传统技艺", ["乐至县"]),
    ]),
    ("district: one cell per line, code in some rows", "首批区级非物质文化遗产代表性项目名单", TONGCHUAN, [
        ("石莲花系列传说", "民间文学", ["达州市通川区文化馆"]),
        ("四川耍锣鼓", "传统音乐", ["达州市通川区文化馆"]),
        ("何氏剪纸", "传统美术", ["达州市通川区文化馆"]),
        ("蒋氏传统近视疗法", "传统医药", ["达州市通川区文化馆"]),
    ]),
    ("district: numeral in the category cell, bearer column", "第三批区级非物质文化遗产代表性项目名录", GONGJING, [
        ("龙滩场的传说", "民间文学", ["贡井区文化馆"]),
        ("兴吾桥的传说", "民间文学", ["贡井区文化馆"]),
    ]),
    ("district: the numeral printed before the category", "第三批区级非物质文化遗产代表性项目名录",
     GONGJING.replace("民间文学Ⅰ", "Ⅰ民间文学"), [
         ("龙滩场的传说", "民间文学", ["贡井区文化馆"]),
         ("兴吾桥的传说", "民间文学", ["贡井区文化馆"]),
     ]),
    ("municipal: group headings, header repeated, 序号 restarting", "附件：", HEYUAN, HEYUAN_ROWS),
    ("municipal: former category names in the headings", "附件：",
     _variant(_variant(HEYUAN, "一、传统体育、游艺与杂技（", "一、杂技与竞技（"), "三、传统技艺（", "三、传统手工技艺（"),
     HEYUAN_ROWS),
    ("national: group heading and no category column", "推荐项目名单", NATIONAL_BODY.split("\n", 2)[2], [
        ("卢沟桥传说", "民间文学", ["北京市丰台区"]),
        ("鬼谷子传说", "民间文学", ["河北省临漳县"]),
        ("东海孝妇传说", "民间文学", ["江苏省连云港市"]),
        ("刘阮传说", "民间文学", ["浙江省天台县"]),
        ("孔雀东南飞传说", "民间文学", ["安徽省怀宁县"]),
        ("老子传说", "民间文学", ["安徽省涡阳县", "河南省灵宝市"]),
    ]),
    ("national: applicants wrapped, no heading but a code column", "第五批国家级非物质文化遗产代表性项目名录",
     """序号 编号 项目名称 申报地区或单位
1 Ⅰ-1 卢沟桥传说 北京市
丰台区
2 I-21 鬼谷子传说 河北省临漳县
3 VIII-3 老子传说 安徽省涡阳县，
河南省灵宝市
4 10-123 孟母教子传说 山东省邹城市""", [
        ("卢沟桥传说", "民间文学", ["北京市丰台区"]),
        ("鬼谷子传说", "民间文学", ["河北省临漳县"]),
        ("老子传说", "传统技艺", ["安徽省涡阳县", "河南省灵宝市"]),
        ("孟母教子传说", "民俗", ["山东省邹城市"]),
    ]),
    ("a protection unit wrapped after its place name", "名录",
     """序号 项目类别 项目名称 保护单位
1 传统音乐 川江号子 重庆市民间文艺家
协会
2 传统技艺 荣昌夏布织造技艺 荣昌区
文化馆
3 荣昌陶器制作技艺
荣昌区安富街道""", [
        ("川江号子", "传统音乐", ["重庆市民间文艺家协会"]),
        ("荣昌夏布织造技艺", "传统技艺", ["荣昌区文化馆"]),
        ("荣昌陶器制作技艺", "传统技艺", ["荣昌区安富街道"]),
    ]),
]


@pytest.mark.parametrize("title,text,rows", [c[1:] for c in LAYOUTS], ids=[c[0] for c in LAYOUTS])
def test_layout_gives_its_rows(title, text, rows):
    problems: list[dict] = []
    items = read_heritage(_annex(text, title), _Doc(), CATS, problems)
    got = _rows(items)
    want = [(n, c, a if a is not None else got[k][2]) for k, (n, c, a) in enumerate(rows)]
    assert got == want
    assert not problems


def test_the_protection_unit_is_kept_apart_from_the_applicant():
    items = read_heritage(_annex(ZIYANG, "第四批资阳市非物质文化遗产名录"), _Doc(), CATS, [])
    assert [i.protection_units for i in items] == [
        ["雁江区丹山镇人民政府"], ["安岳县文化馆"], ["四川省兄妹食品有限责任公司"], ["乐至县红旗丝绸有限责任公司"]]
    # a list with no applicant column names its protection unit as the row's body
    items = read_heritage(_annex(TONGCHUAN, "首批区级非物质文化遗产代表性项目名单"), _Doc(), CATS, [])
    assert all(i.applicants == i.protection_units == ["达州市通川区文化馆"] for i in items)


def test_sub_items_codes_and_numerals():
    items = read_heritage(_annex(SEED_FIRST, "名录名单"), _Doc(), CATS, [])
    assert items[1].sub_items == ["“一缦居”古琴艺术", "巴虞古琴艺术", "“芯”古琴艺术", "沙磁斫琴"]
    assert [(i.code_printed, i.code) for i in items] == [
        ("Ⅰ—5", "I-5"), ("Ⅱ—2", "II-2"), ("Ⅶ—8", "VII-8"), ("Ⅶ—9", "VII-9"), ("Ⅸ—6", "IX-6")]
    assert items[4].applicants == ["天星桥街道"]
    # a bare numeral names the category only; the item's code is its numeral and 序号
    items = read_heritage(_annex(HEYUAN, "附件："), _Doc(), CATS, [])
    assert [i.code for i in items] == ["VI-1", "II-1", "VIII-1", "VIII-2", "VIII-3", "VIII-4", "VIII-5"]
    assert {i.code_printed for i in items} == {""}
    items = read_heritage(_annex(TONGCHUAN, "首批区级非物质文化遗产代表性项目名单"), _Doc(), CATS, [])
    assert [i.code for i in items] == ["I-1", "II-2", "VII-3", "IX-4"] and items[1].sub_items == ["青宁天断锣鼓"]


@pytest.mark.parametrize("printed,code", [
    ("Ⅷ—41", ("VIII-41", 8)), ("VIII-3", ("VIII-3", 8)), ("I-21", ("I-21", 1)), ("Ⅰ—1", ("I-1", 1)),
    ("8-123", ("VIII-123", 8)), ("Ⅹ－3", ("X-3", 10)), ("ⅰ—1", None), ("XI-2", None), ("Ⅷ", None), ("41", None)])
def test_codes(printed, code):
    assert normalise_code(printed) == code


def test_title_total_batch_and_level_come_from_the_list():
    doc = _doc_with("我局于2018年开展了第七批市级代表性项目名录的申报和评审工作。", annexes=[_annex(HEYUAN, "附件：")],
                    title="河源市文广新局关于第七批河源市非物质文化遗产代表性项目名录推荐项目名单的公示")
    (lst,) = read_heritage_lists(doc, CATS, [])
    assert lst.title == "第七批河源市非物质文化遗产代表性项目名录推荐项目公示名单"
    assert [(c["stated"], c["parsed"], c["ok"]) for c in lst.checks] == [(7, 7, True), (1, 1, True), (1, 1, True),
                                                                        (5, 5, True)]
    assert lst.cut is None and {i.batch for i in lst.items} == {"第七批"} and {i.level for i in lst.items} == {"市级"}


# ---------------------------------------------------------------- body text, extensions

def test_a_list_in_the_body_of_a_notice():
    lines = _lines("关于公示第四批国家级非物质文化遗产代表性项目\n名录推荐项目名单的公告\n" + NATIONAL_BODY.strip("\n"), 101)
    doc = _Doc(title="文化部办公厅关于公示第四批国家级非物质文化遗产代表性项目名录推荐项目名单的公告", key="x/1",
               line_span=(101, lines[-1].no), title_lines=[101, 102])
    problems: list[dict] = []
    (lst,) = read_heritage_lists(doc, CATS, problems, lines)
    assert [i.name for i in lst.items][:3] == ["卢沟桥传说", "鬼谷子传说", "东海孝妇传说"] and len(lst.items) == 6
    assert lst.title == "第四批国家级非物质文化遗产代表性项目名录推荐项目" and not lst.extension
    assert {i.level for i in lst.items} == {"国家级"} and {i.batch for i in lst.items} == {"第四批"}
    # 151 stated, 30 under the heading, 6 printed in order: published, and the shortfall goes to review
    assert lst.cut is not None and "30 items but 6 rows" in lst.cut.reason and lst.cut.line == 105
    assert 104 in lst.cut.lines and not any(no in lst.cut.lines for i in lst.items for no in i.lines)


def test_body_text_without_a_header_is_not_a_list():
    lines = _lines("第五批国家级非物质文化遗产代表性项目名录\n（共计185项）\n一、民间文学（共计12项）\n二、传统音乐（共计19项）")
    doc = _Doc(title="国务院关于公布第五批国家级非物质文化遗产代表性项目名录的通知", line_span=(1, 4))
    assert read_heritage_lists(doc, CATS, [], lines) == []


EXTENSION = """
第一批区级非物质文化遗产代表性项目名录扩展项目名录
序号 项目名称 项目类别 保护单位
1 成佳大头菜传统制作技艺 传统技艺 贡井区文化馆
"""


def test_an_extension_list_flags_its_items():
    doc = _doc_with(annexes=[_annex(GONGJING, "自贡市贡井区第三批区级非物质文化遗产代表性项目名录"),
                             _annex(EXTENSION, "附件2", 100)])
    first, ext = read_heritage_lists(doc, CATS, [])
    assert [i.extension for i in first.items] == [False, False] and first.key == doc.key
    assert [(i.name, i.extension, i.batch) for i in ext.items] == [("成佳大头菜传统制作技艺", True, "第一批")]
    assert ext.key == f"{doc.key}/extension" and ext.extension


def test_an_extension_section_inside_one_table():
    text = HEYUAN.strip("\n") + "\n四、扩展项目（共计2项）\n1 Ⅷ 客家酿豆腐制作技艺 河源市\n2 Ⅹ 忠信花灯 连平县"
    lists = read_heritage_lists(_doc_with(annexes=[_annex(text, "附件：")]), CATS, [])
    assert [(len(l.items), l.extension) for l in lists] == [(7, False), (2, True)]
    assert [(i.name, i.category) for i in lists[1].items] == [("客家酿豆腐制作技艺", "传统技艺"), ("忠信花灯", "民俗")]
    assert lists[1].cut is None and all(c["ok"] for l in lists for c in l.checks)


# ---------------------------------------------------------------- stated totals and review

NOTICE_TOTAL = "第四批市级非物质文化遗产名录（共{n} 项）已经市政府同意，现予公布。"
NOTICE_NAMED = ("将“龙滩场的传说、兴吾桥的传说、袁氏月饼制作技艺、桥头三嫩制作技艺、谭八爷冷吃兔传统制作技艺、"
                "艾叶家会蘸水兔”等{n}个项目列为第三批区级非物质文化遗产代表性项目名录。")

ZY, GJ = "第四批资阳市非物质文化遗产名录", "自贡市贡井区第三批区级非物质文化遗产代表性项目名录"
TOTALS = [
    # (id, notice, annex title, annex text, rows read, cut (rows published, shortfall reviewed), every check ok)
    ("notice total met", NOTICE_TOTAL.format(n=4), ZY, ZIYANG, 4, False, True),
    ("notice total not reached: printed in part", NOTICE_TOTAL.format(n=11), ZY, ZIYANG, 4, True, False),
    ("notice total exceeded: held back", NOTICE_TOTAL.format(n=3), ZY, ZIYANG, 4, False, False),
    ("first item named, 等N个项目, not reached", NOTICE_NAMED.format(n=6), GJ, GONGJING, 2, True, False),
    ("first item named, 等N个项目, met", NOTICE_NAMED.format(n=2), GJ, GONGJING, 2, False, True),
    ("group short before the last group: held back", "", "附件：",
     HEYUAN.replace("（共计1项）\n序号 分类（代码） 项目名称 申报地区\n1 Ⅵ", "（共计2项）\n序号 分类（代码） 项目名称 申报地区\n1 Ⅵ"),
     7, False, False),
    ("last group short: printed in part", "", "附件：", HEYUAN.replace("（共计5项）", "（共计9项）").replace("（共计7项）", "（共计11项）"),
     7, True, False),
    ("list total exceeded: held back", "", "附件：", HEYUAN.replace("（共计7项）", "（共计6项）"), 7, False, False),
]


@pytest.mark.parametrize("notice,title,text,rows,cut,ok", [c[1:] for c in TOTALS], ids=[c[0] for c in TOTALS])
def test_stated_totals(notice, title, text, rows, cut, ok):
    doc = _doc_with(notice, annexes=[_annex(text, title)])
    (lst,) = read_heritage_lists(doc, CATS, [])
    assert len(lst.items) == rows
    assert (lst.cut is not None) == cut
    assert all(c["ok"] for c in lst.checks) == ok and lst.checks
    if cut:
        assert lst.cut.lines and lst.cut.line in lst.cut.lines and "published" in lst.cut.reason


def test_a_list_with_only_its_title_and_headings_goes_to_review():
    text = """（共计185项）
一、民间文学（共计12项）
二、传统音乐（共计19项）
国家级非物质文化遗产
代表性项目名录扩展项目名录
（共计140项）"""
    doc = _doc_with("国务院批准第五批国家级非物质文化遗产代表性项目名录（共计185 项）和国家级非物质文化遗产代表性项目名录"
                    "扩展项目名录（共计140项），现予公布。",
                    annexes=[_annex(text, "第五批国家级非物质文化遗产代表性项目名录")])
    new, ext = read_heritage_lists(doc, CATS, [])
    assert (new.extension, ext.extension) == (False, True)
    assert not new.items and not ext.items
    assert sorted(c["stated"] for c in new.checks) == [12, 19, 185, 185]
    assert sorted(c["stated"] for c in ext.checks) == [140, 140]
    assert "prints no row" in new.cut.reason and "prints no row" in ext.cut.reason


PROBLEMS = [
    # (id, text, words of the problem, rows still read)
    ("category cell against the code's numeral",
     "序号 编号 项目名称 项目类别 申报单位\n1 Ⅶ—8 柏木坊烙画 传统技艺 沙坪坝区文化馆", "category VII", 0),
    ("numeral in the category cell against the heading",
     "一、民间文学（共计2项）\n" + GONGJING.strip("\n").replace("2 兴吾桥的传说 民间文学Ⅰ", "2 兴吾桥的传说 传统技艺Ⅷ"),
     "under the heading", 1),
    ("a row with no body",
     "序号 项目类别 项目名称 保护单位\n1 传统音乐 川江号子 重庆市民间文艺家协会\n2 传统技艺 荣昌夏布织造技艺", "no applicant", 1),
    ("sub-items cut off (brackets not closed)",
     "序号 编号 项目名称 项目类别 申报地区或单位\n1 Ⅱ—2\n泛川派古琴艺术\n（“一缦居”古琴艺术、巴虞古\n传统音乐\n磁器口街道",
     "cannot be told apart", 0),
    ("a code printed twice",
     "序号 编号 项目名称 申报地区或单位\n1 Ⅷ—41 朱氏木雕技艺 新桥街道\n2 Ⅷ—41 陶器刻花装饰技艺 沙坪坝街道", "printed twice", 1),
    ("no category anywhere",
     "序号 项目名称 申报地区或单位\n1 卢沟桥传说 北京市丰台区", "no category", 0),
]


@pytest.mark.parametrize("text,words,rows", [c[1:] for c in PROBLEMS], ids=[c[0] for c in PROBLEMS])
def test_a_row_that_cannot_be_read_goes_to_review(text, words, rows):
    problems: list[dict] = []
    doc = _doc_with(annexes=[_annex(text, "第一批非物质文化遗产代表性项目名录")])
    (lst,) = read_heritage_lists(doc, CATS, problems)
    assert len(lst.items) == rows
    assert problems and any(words in p["message"] for p in problems), problems
    assert all(p["lines"] and p["line"] in p["lines"] for p in problems)
    # a list with a row in review is never taken for a list printed in part
    assert lst.cut is None


def test_other_tables_are_not_heritage_lists():
    text = "序号 项目名称 申报单位\n1 智慧园区建设 区经济信息委\n2 老旧小区改造 区住房城乡建委"
    doc = _doc_with(annexes=[_annex(text, "2021年区级重点项目名单")], title="关于下达2021年区级重点项目计划的通知")
    problems: list[dict] = []
    assert read_heritage_lists(doc, CATS, problems) == [] and problems == []


@pytest.mark.parametrize("seed", range(20))
def test_shuffled_lines_never_crash(seed):
    """Lines in any order (a broken extraction): rows are read or reviewed, never a crash, never a row
    without a category or a body."""
    rng = random.Random(seed)
    text = rng.choice([SEED_WRAPPED, SEED_FIRST, ZIYANG, TONGCHUAN, HEYUAN, NATIONAL_BODY])
    lines = text.strip("\n").split("\n")
    head, body = lines[:3], lines[3:]
    rng.shuffle(body)
    problems: list[dict] = []
    for lst in read_heritage_lists(_doc_with(annexes=[_annex("\n".join(head + body), "非物质文化遗产代表性项目名录")]),
                                   CATS, problems):
        for it in lst.items:
            assert it.name and it.category and (it.applicants or it.protection_units)
        assert lst.cut is None or not lst.problems


def test_seed_list_in_full(seed):
    items = seed.tables["heritage"]
    assert len(items) == 31 and [i.seq for i in items] == list(range(1, 32))
    names = {i.seq: i.name for i in items}
    assert names[19] == "耙二哥老火锅腰片腌制技艺" and names[30] == "义合公雷神艾灸条制作技艺"
    assert {i.extension for i in items} == {False}
    assert [c for c in seed.table_checks if "沙坪坝民间故事等31项" in c["check"]][0]["ok"]


# ---------------------------------------------------------------- what else a printed list may hold

MORE = [
    # (id, annex title, text, rows (name, category, applicants), extension flags or None)
    ("a 续表 mark between rows", "名录名单",
     SEED_WRAPPED.replace("19 Ⅷ—54", "续表\n序号 编号 项目名称 项目类别 申报地区或单位\n19 Ⅷ—54"), SEED_WRAPPED_ROWS, None),
    ("a second table (bearers) after the list", "名录名单",
     SEED_WRAPPED.strip("\n") + "\n第六批区级非物质文化遗产代表性传承人名单\n序号 姓名 性别 项目名称\n1 张三 男 沙坪坝民间故事\n2 李四 女 柏木坊烙画",
     SEED_WRAPPED_ROWS, None),
    ("Roman-numbered headings, 类 after the name", "第二批非物质文化遗产代表性项目名录",
     "Ⅰ、民间文学类（共计1项）\n序号 项目名称 申报地区或单位\n1 卢沟桥传说 北京市丰台区\n"
     "Ⅷ、传统技艺类（共计1项）\n序号 项目名称 申报地区或单位\n1 客家米粉制作技艺 东源县",
     [("卢沟桥传说", "民间文学", ["北京市丰台区"]), ("客家米粉制作技艺", "传统技艺", ["东源县"])], None),
    ("a 备注 cell naming an extension", "第三批非物质文化遗产代表性项目名录",
     "序号 项目名称 类别 申报单位 备注\n1 龙滩场的传说 民间文学 贡井区文化馆\n2 成佳大头菜传统制作技艺 传统技艺 贡井区文化馆 扩展项目",
     [("龙滩场的传说", "民间文学", ["贡井区文化馆"]), ("成佳大头菜传统制作技艺", "传统技艺", ["贡井区文化馆"])],
     [False, True]),
    ("序号 glued to the name, and 1. as 序号", "第四批国家级非物质文化遗产代表性项目名录",
     "一、民间文学（共计3项）\n序号 项目名称 申报地区或单位\n1. 卢沟桥传说 北京市丰台区\n2鬼谷子传说 河北省临漳县\n3 东海孝妇传说 江苏省连云港市",
     [("卢沟桥传说", "民间文学", ["北京市丰台区"]), ("鬼谷子传说", "民间文学", ["河北省临漳县"]),
      ("东海孝妇传说", "民间文学", ["江苏省连云港市"])], None),
    ("codes printed with spaces, a heading with its count outside brackets", "第五批国家级非物质文化遗产代表性项目名录",
     "（一）民间文学 2项\n序号 编号 项目名称 申报地区或单位\n1 Ⅰ - 168 尧的传说 山西省临汾市\n2 I -169 舜的传说 山西省运城市\n"
     "传统音乐：\n序号 编号 项目名称 申报地区或单位\n3 Ⅱ- 178 左权小花戏 山西省左权县",
     [("尧的传说", "民间文学", ["山西省临汾市"]), ("舜的传说", "民间文学", ["山西省运城市"]),
      ("左权小花戏", "传统音乐", ["山西省左权县"])], None),
    ("several applicants, one per line", "第四批国家级非物质文化遗产代表性项目名录",
     "一、民间文学（共计2项）\n序号 项目名称 申报地区或单位\n1 老子传说 安徽省涡阳县\n河南省灵宝市\n2 卢沟桥传说 北京市\n丰台区",
     [("老子传说", "民间文学", ["安徽省涡阳县", "河南省灵宝市"]), ("卢沟桥传说", "民间文学", ["北京市丰台区"])], None),
]


@pytest.mark.parametrize("title,text,rows,ext", [c[1:] for c in MORE], ids=[c[0] for c in MORE])
def test_more_layouts(title, text, rows, ext):
    problems: list[dict] = []
    items = read_heritage(_annex(text, title), _Doc(), CATS, problems)
    assert _rows(items) == rows and not problems
    if ext is not None:
        assert [i.extension for i in items] == ext


def test_prose_after_a_list_in_a_body_is_not_a_cell():
    body = NATIONAL_BODY.strip("\n") + "\n各省、自治区、直辖市文化厅（局）\n要认真组织做好公示期间的各项工作。"
    prose = "根据《中华人民共和国非物质文化遗产法》，文化部组织开展了第四批国家级非物质文化遗产代表性项目名录的申报工作。"
    lines = _lines("\n".join([prose[i:i + 18] for i in range(0, len(prose), 18)]) + "\n" + body, 101)
    doc = _Doc(title="文化部办公厅关于公示第四批国家级非物质文化遗产代表性项目名录推荐项目名单的公告",
               line_span=(101, lines[-1].no))
    problems: list[dict] = []
    (lst,) = read_heritage_lists(doc, CATS, problems, lines)
    assert lst.items[-1].applicants == ["安徽省涡阳县", "河南省灵宝市"] and not problems


def test_lines_that_start_no_row_go_to_review():
    text = "序号 项目名称 申报地区或单位\n1 卢沟桥传说 北京市丰台区\n3 东海孝妇传说 江苏省连云港市\n"
    doc = _doc_with(annexes=[_annex("一、民间文学（共计2项）\n" + text, "第四批国家级非物质文化遗产代表性项目名录")])
    problems: list[dict] = []
    (lst,) = read_heritage_lists(doc, CATS, problems)
    # 序号 3 after 1 is not the next row: the line joins row 1, which can no longer be read with certainty
    assert problems and lst.cut is None and not any(c["ok"] for c in lst.checks if c["stated"] == 2)


def test_a_row_without_its_number_is_not_dropped():
    text = "一、民间文学\n序号 项目名称 申报地区或单位\n卢沟桥传说 北京市丰台区\n2 鬼谷子传说 河北省临漳县\n3 东海孝妇传说 江苏省连云港市"
    problems: list[dict] = []
    (lst,) = read_heritage_lists(_doc_with(annexes=[_annex(text, "第四批国家级非物质文化遗产代表性项目名录")]), CATS, problems)
    assert [i.name for i in lst.items] == ["鬼谷子传说", "东海孝妇传说"]
    assert [(p["lines"], "start no row" in p["message"]) for p in problems] == [([3], True)]


def test_a_statement_about_another_batch_is_not_checked():
    notice = "我市第四批市级非物质文化遗产名录（共30项）已于2016年公布。第五批市级非物质文化遗产名录（共4 项）现予公布。"
    text = ZIYANG.replace("第四批", "第五批")
    (lst,) = read_heritage_lists(_doc_with(notice, annexes=[_annex(text, "第五批资阳市非物质文化遗产名录")]), CATS, [])
    assert [(c["stated"], c["ok"]) for c in lst.checks] == [(4, True)]


# ---------------------------------------------------------------- the same rows, re-wrapped

# rows of the corpus lists, cell by cell: (序号 form, category, name as printed, applicants, protection unit)
CORPUS_ROWS = [
    ("民间文学", "丹山白塔传说", "雁江区", "雁江区丹山镇人民政府"),
    ("传统体育、游艺与竞技", "安岳武台演战高狮", "安岳县", "安岳县文化馆"),
    ("传统技艺", "乐至外婆坛子肉制作技艺", "乐至县", "四川省兄妹食品有限责任公司"),
    ("传统技艺", "乐至县缫丝技艺", "乐至县", "乐至县红旗丝绸有限责任公司"),
    ("传统音乐", "四川耍锣鼓（青宁天断锣鼓）", "达州市通川区", "达州市通川区文化馆"),
    ("民间文学", "老子传说", "安徽省涡阳县，河南省灵宝市", "涡阳县文化馆"),
    ("传统技艺", "耙二哥老火锅腰片腌制技艺", "双碑街道", "沙坪坝区文化馆"),
    ("传统医药", "义合公雷神艾灸条制作技艺", "土湾街道", "天星桥街道"),
]


def _dwidth(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _wrap(text: str, width: int) -> list[str]:
    """Cut a printed line at a display width, as a typesetter does (anywhere, spaces dropped at the cut)."""
    out, cur = [], ""
    for ch in text:
        if _dwidth(cur + ch) > width and cur:
            out.append(cur.strip())
            cur = ch
        else:
            cur += ch
    return [x for x in out + [cur.strip()] if x]


@pytest.mark.parametrize("layout", ["row", "cell"])
@pytest.mark.parametrize("width", [16, 20, 26, 34, 48])
def test_rows_rewrapped_read_the_same(layout, width):
    header = "序号 项目类别 项目名称 申报地区或单位 保护单位"
    lines = [header]
    for n, (cat, name, app, prot) in enumerate(CORPUS_ROWS, 1):
        cells = [str(n), cat, name, app, prot]
        if layout == "row":
            lines += _wrap(" ".join(cells), max(width, 14))
        else:
            lines += [part for c in cells for part in _wrap(c, width)]
    problems: list[dict] = []
    items = read_heritage(_annex("\n".join(lines), "第一批非物质文化遗产代表性项目名录"), _Doc(), CATS, problems)
    assert not problems
    assert [(i.name + ("（" + "、".join(i.sub_items) + "）" if i.sub_items else ""), i.applicants, i.protection_units)
            for i in items] == [(name, app.split("，"), [prot]) for _, name, app, prot in CORPUS_ROWS]


BODIES = [
    # (id, cell as printed over lines, role, bodies)
    ("a county with a one-character name", "四川省茂县，汶川县，理县，北\n川羌族自治县", "applicant",
     ["四川省茂县", "汶川县", "理县", "北川羌族自治县"]),
    ("a city, then one of its districts", "达州市\n通川区", "applicant", ["达州市通川区"]),
    ("a province, then a city of another", "安徽省涡阳县\n河南省灵宝市", "applicant", ["安徽省涡阳县", "河南省灵宝市"]),
    ("a municipality, then another", "北京市\n天津市", "applicant", ["北京市", "天津市"]),
    ("two bodies on two lines", "磁器口街道\n沙坪坝街道", "applicant", ["磁器口街道", "沙坪坝街道"]),
    ("a company's name in brackets", "中国北京同仁堂\n（集团）有限责任公司", "protector", ["中国北京同仁堂（集团）有限责任公司"]),
    ("a company's suffix cut", "中国北京同仁堂（集团）有限\n责任公司", "protector", ["中国北京同仁堂（集团）有限责任公司"]),
    ("an autonomous county cut", "威宁彝族回族苗族自\n治县", "applicant", ["威宁彝族回族苗族自治县"]),
    ("a township, then its village committee", "江山市廿八都镇\n浔里村村民委员会", "protector", ["江山市廿八都镇浔里村村民委员会"]),
    ("a generic body after a place", "泸州市龙马潭区\n文化馆", "protector", ["泸州市龙马潭区文化馆"]),
]


@pytest.mark.parametrize("cell,role,bodies", [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_bodies_in_a_cell(cell, role, bodies):
    from gazette.heritage import _units
    pieces = [(part, k, True) for k, line in enumerate(cell.split("\n")) for part in [line]]
    assert _units(pieces, role) == bodies
