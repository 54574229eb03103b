"""The issue's tables, read by the one header-driven reader."""


from gazette.heritage import heritage_columns, load_categories, read_heritage
from gazette.layout import Line
from gazette.paragraphs import build_paragraphs
from gazette.records import Annex
from gazette.registry import DEFAULT_DIR
from gazette.tables import detect_columns


def test_heritage_items(seed):
    items = seed.tables["heritage"]
    assert len(items) == 31
    rows = {i.seq: i for i in items}
    assert (rows[1].code_printed, rows[1].code, rows[1].name, rows[1].category, rows[1].applicants) == \
        ("Ⅰ—5", "I-5", "沙坪坝民间故事", "民间文学", ["沙坪坝区文化馆"])
    assert rows[2].sub_items == ["“一缦居”古琴艺术", "巴虞古琴艺术", "“芯”古琴艺术", "沙磁斫琴"]
    assert rows[2].applicants == ["磁器口街道", "沙坪坝街道"]
    # merged category cell printed once on row 3 applies to rows 4 and 5
    assert (rows[5].name, rows[5].category, rows[5].code) == ("磁器口剪纸", "传统美术", "VII-10")
    assert (rows[15].name, rows[15].code) == ("磁器口糍粑传统制作技艺", "VIII-50")
    assert (rows[20].name, rows[20].applicants) == ("十吉酱香型火锅底料制作技艺", ["渝碚路街道"])
    assert rows[31].category == "民俗" and rows[31].code == "X-3"
    assert {i.batch for i in items} == {"第六批"} and {i.level for i in items} == {"区级"}
    assert {i.notice for i in items} == {"sha-fu-fa/2020/76"}
    assert all(i.code.split("-")[0] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][i.category_number - 1] for i in items)


def test_award_entries(seed):
    entries = seed.tables["awards"]
    assert [e.rank for e in entries].count("区长奖") == 10 and [e.rank for e in entries].count("提名奖") == 15
    assert {e.edition for e in entries} == {"第八届"} and {e.award for e in entries} == {"沙坪坝区青少年科技创新区长奖"}
    # two-character names are printed with a space inside
    assert ("罗萱", "重庆市南开中学校") in [(e.name, e.school) for e in entries]
    assert ("欧阳聪睿", "重庆市第一中学校") in [(e.name, e.school) for e in entries]


def test_glossary(seed):
    terms = seed.tables["glossary"]
    assert [t.number for t in terms] == list(range(1, 33))
    assert terms[0].term == "放管服"
    # term 25 runs across the running header and page number of page 30
    assert terms[24].term == "云联数算融"
    assert "构建共享共用共连的云平台服务体系" in terms[24].definition
    assert "公报" not in terms[24].definition


def test_control_units(seed):
    units = seed.tables["control_units"]
    assert len(units) == 11
    assert [u.category for u in units].count("优先保护单元") == 9
    u2 = units[1]
    assert (u2.code, u2.name, u2.zones) == ("ZH50010610002", "嘉陵江沙坪坝水厂水源保护区（含中渡口、高家花园水厂）",
                                           ["生态保护红线", "水环境优先保护区"])
    last = units[-1]
    assert last.name == "沙坪坝区重点管控单元2-梁滩河西溪桥段" and last.zones == ["水环境工业-城镇生活污染重点管控区"]
    assert last.notes and last.notes[0].startswith("沙坪坝区“三线一单”编制基准年为2017年")


def test_control_requirements(seed):
    reqs = seed.tables["control_requirements"]
    assert [r.number for r in reqs] == list(range(1, 15))
    assert [r.category for r in reqs][:7] == ["空间布局约束"] * 6 + ["污染物排放管控"]
    assert reqs[12].category == "环境风险防控" and reqs[13].category == "资源利用效率"


def test_plan_assignments(seed):
    plan = [t for t in seed.tables["tasks"] if t.document == "sha-fu-ban-fa/2020/108"]
    assert len(plan) == 21
    assert (plan[0].lead, plan[0].responsible) == (["区人力社保局"], ["区卫生健康委", "区总工会"])
    assert plan[3].responsible == []


def test_stated_totals_all_hold(seed):
    checks = seed.table_checks
    assert {(c["stated"], c["ok"]) for c in checks} >= {(10, True), (15, True), (31, True), (11, True), (9, True), (2, True)}
    assert all(c["ok"] for c in checks)


def _annex(text: str, title: str) -> Annex:
    lines = [Line(no=i, raw=t, text=t, page_start=False) for i, t in enumerate(text.strip().split("\n"), 1)]
    return Annex(None, None, title, "attachment", build_paragraphs(lines), [(l.no, l.text) for l in lines], (1, len(lines)))


class _Doc:
    key = "test/2021/1"
    title = "关于公布第五批市级非物质文化遗产代表性项目名录的通知"
    paragraphs = []


OTHER_COLUMNS = """
序号 项目类别 项目名称 保护单位
1 传统音乐 川江号子 重庆市民间文艺家
协会
2 传统技艺 荣昌夏布织造技艺 荣昌区文化馆
3 荣昌陶器制作技艺
荣昌区安富街道
4 民俗 秀山花灯 秀山县文化馆
"""


def test_reader_on_another_layout():
    cats = load_categories(DEFAULT_DIR)
    problems = []
    items = read_heritage(_annex(OTHER_COLUMNS, "第五批名录"), _Doc(), cats, problems)
    assert [(i.name, i.category, i.applicants) for i in items] == [
        ("川江号子", "传统音乐", ["重庆市民间文艺家协会"]),
        ("荣昌夏布织造技艺", "传统技艺", ["荣昌区文化馆"]),
        ("荣昌陶器制作技艺", "传统技艺", ["荣昌区安富街道"]),
        ("秀山花灯", "民俗", ["秀山县文化馆"]),
    ]
    assert {i.batch for i in items} == {"第五批"} and {i.level for i in items} == {"市级"}


def test_code_disagreeing_with_category_is_an_error():
    cats = load_categories(DEFAULT_DIR)
    text = "序号 编号 项目名称 项目类别 申报单位\n1 Ⅶ—8 柏木坊烙画 传统技艺 沙坪坝区文化馆"
    problems = []
    read_heritage(_annex(text, "名录"), _Doc(), cats, problems)
    assert problems and "category VII" in problems[0]["message"]


def test_header_wrapped_over_lines_is_found():
    cats = load_categories(DEFAULT_DIR)
    lines = [(1, "序号 编号 项目名称 项目类别"), (2, "申报地区或"), (3, "单位"), (4, "1 Ⅰ—5 沙坪坝民间故事 民间文学 沙坪坝区文化馆")]
    cols, a, b = detect_columns(lines, heritage_columns(cats))
    assert [c.name for c in cols] == ["序号", "编号", "项目名称", "项目类别", "申报地区或单位"] and (a, b) == (0, 3)
