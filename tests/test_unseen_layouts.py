"""Rules for layouts the seed does not show, each on lines printed in the development corpus
(../shared/corpus) or the seed, and on variants built from them. Table-driven: one row per form."""
import pytest

from gazette.citations import cite_paragraph
from gazette.dates import parse_date
from gazette.document import split_document
from gazette.identity import government_for_order, number_key
from gazette.docnumber import find_numbers
from gazette.issue import split_contents
from gazette.layout import Line
from gazette.paragraphs import Paragraph, build_paragraphs
from gazette.segment import Header, detect_start, number_at


def lines_of(*texts: str, start: int = 1) -> list[Line]:
    return [Line(no=start + i, raw=t, text=t, page_start=False) for i, t in enumerate(texts)]


# ------------------------------------------------------------------ signatures and dates
@pytest.mark.parametrize("texts,date,signer_lines", [
    # sealed, not signed by name: the date stands alone after the last sentence
    (["再接再厉镇、单位和广大党员干部要以先进典型为", "榜样，立足本职，振奋精神，扎实工作，为推动我",
      "县高质量发展做出新的更大贡献！", "2024年2 月6日", "（此件公开发布）"], "2024-02-06", [4]),
    (["化，为充分展示十堰人文魅力作出新的贡献。", "2018 年7月5 日"], "2018-07-05", [2]),
    # zeros printed as the letter O
    (["10日前报送市政务公开工作领导小组办公室。", "二OO三年十二月四日"], "2003-12-04", [2]),
    # an order: the head's office (and name), then the date
    (["2月1日起施行。", "省长", "二○一○年十二月二十五日"], "2010-12-25", [2, 3]),
    (["起施行。", "总理　李鹏", "1997年12月19日"], "1997-12-19", [2, 3]),
])
def test_a_signature_without_a_body_line(texts, date, signer_lines, registry):
    block = lines_of("标题", *texts)
    hdr = Header(0, 1, "titled", [], "标题", [0])
    parts = split_document(block, hdr, len(block), [])
    assert parts.signature is not None and parts.signature.date == date
    assert parts.signature.lines == [n + 1 for n in signer_lines]


def test_a_date_inside_a_sentence_is_no_signature(registry):
    block = lines_of("标题", "经研究，定于", "2024年2月6日", "召开会议。")
    parts = split_document(block, Header(0, 1, "titled", [], "标题", [0]), len(block), [])
    assert parts.signature is None


def test_the_adoption_note_under_a_title_dates_the_decision(registry):
    block = lines_of("关于授予国家勋章和国家荣誉称号的决定",
                     "（2019年9月17日第十三届全国人民代表大会常务委员会第十三次会议通过）",
                     "为了庆祝中华人民共和国成立70周年，")
    parts = split_document(block, Header(0, 1, "titled", [], "关于授予国家勋章和国家荣誉称号的决定", [0]), len(block), [])
    assert parse_date(parts.subtitle) == "2019-09-17"


# ------------------------------------------------------------------ numbers under a title
@pytest.mark.parametrize("texts,canonical,span", [
    (["（ 吉府发〔2003〕37号 ）"], "吉府发〔2003〕37号", 1),
    (["（国发〔2016〕56号）"], "国发〔2016〕56号", 1),
    (["冀政发〔2017〕", "9 号"], "冀政发〔2017〕9号", 2),
    (["（（78）交公路字412号）"], "交公路字〔1978〕412号", 1),
    (["国发〔2016〕56号"], "国发〔2016〕56号", 1),
])
def test_number_at(texts, canonical, span, registry):
    nm, took = number_at(lines_of(*texts), 0, registry)
    assert (nm.number.canonical, took) == (canonical, span)


def test_a_list_item_is_not_a_heading(registry):
    # the last item of a list of bodies, then the next document's heading
    block = lines_of("市规划建设局、市财政局、市国土局、市城管局、市房产局、", "市公安局", "吉安市人民政府办公室",
                     "关于印发吉安市市本级政务公开工作实施细则的通知", "（ 吉府发〔2003〕37号 ）")
    assert detect_start(block, 1, registry, False) is None
    h = detect_start(block, 2, registry, False)
    assert h.issuers == ["吉安市人民政府办公室"] and h.number.number.canonical == "吉府发〔2003〕37号"


def test_a_notice_headed_by_its_genre_alone(registry):
    block = lines_of("公示", "根据《全国绿化委员会 人力资源社会保障部 国家林", "业和草原局关于开展全国绿化先进集体的通知》")
    h = detect_start(block, 0, registry, False)
    assert h is not None and h.title == "公示" and h.issuers == []


# ------------------------------------------------------------------ orders numbered without a place
@pytest.mark.parametrize("code,named,government", [
    ("政府令", "河北省人工影响天气管理规定", "河北省人民政府"),
    ("省政府令", "江西省外商投资企业用地管理办法", "江西省人民政府"),
    ("省政府令", "上海市某某管理办法", None),          # a 省 order cannot be a 市's
    ("政府令", "关于加强管理的规定", None),            # no place named
])
def test_government_for_a_generic_order(code, named, government):
    assert government_for_order(code, named) == government


def test_two_governments_orders_of_one_number_have_two_keys(registry):
    num = next(n.number for n in find_numbers("政府令〔2010〕第15号", registry))
    a = number_key(num, registry, "河北省人民政府")
    b = number_key(num, registry, "山西省人民政府")
    assert a != b and a.endswith("/2010/15")


# ------------------------------------------------------------------ citations
def cite(text: str, own: list[str] | None = None, itself: str = "", short=frozenset(), registry=None):
    return [(c.title or c.number, c.relation) for c in
            cite_paragraph("x", Paragraph(text, [(0, 1)]), 0, "body", own or [], [], registry,
                           itself=itself, short=short)]


@pytest.mark.parametrize("text,expected", [
    # a body's name between the trigger and the title
    ("根据国务院《人工影响天气管理条例》，结合本省实际，制定本规定。", [("人工影响天气管理条例", "based_on")]),
    ("按照北京市委办公厅、北京市政府办公厅《关于全面推进政务公开工作的实施意见》和北京市政府办公厅《2017年政务公开工作要点》要求",
     [("关于全面推进政务公开工作的实施意见", "applies"), ("2017年政务公开工作要点", "applies")]),
    # a clause break: 按照 governs 部署, not the title
    ("按照区委十二届九次全会部署，我们编制了《沙坪坝区国民经济和社会发展第十四个五年规划纲要（草案）》，提请大会审议。",
     [("沙坪坝区国民经济和社会发展第十四个五年规划纲要（草案）", "cites")]),
    # 按 and 执行 apply a text's provisions, and only those
    ("逾期不缴纳的，按《土地复垦条例》第四十二条的规定处以罚款。", [("土地复垦条例", "applies")]),
    ("必须严格执行《沙坪坝区集体土地征收工作规程》等文件，不得违规操作。", [("沙坪坝区集体土地征收工作规程", "cites")]),
    ("严格执行《土地复垦条例》有关规定。", [("土地复垦条例", "applies")]),
    # a booklet handed out is not cited
    ("3.发放《残疾人精准康复服务手册》。", []),
    # a 《 the source never closes: the status in brackets ends the title
    ("根据《嘉鱼县机关事业单位记功奖励办法（试行）规定县政府研究决定，给予县城管执法局集体嘉奖。",
     [("嘉鱼县机关事业单位记功奖励办法（试行）", "based_on")]),
    ("根据《关于进一步加强管理的若干规定要求，现通知如下。", []),    # no certain end: not read
    # a title named unquoted after its body
    ("按照市政府办公厅2017 年政务公开工作要点精神，全面推进", [("2017年政务公开工作要点", "applies")]),
    ("按照市政府统一部署要求，全面推进", []),
])
def test_citation_relations(text, expected, registry):
    assert cite(text, registry=registry) == expected


def test_a_short_name_and_the_documents_own_title_are_not_citations(registry):
    text = "现将《2021年市〈政府工作报告〉任务分解和责任分工方案》（以下简称《方案》）印发给你们，并就抓好《方案》确定的工作通知如下："
    got = cite(text, own=["2021年市〈政府工作报告〉任务分解和责任分工方案"], short=frozenset({"方案"}), registry=registry)
    assert got == []
    assert cite("《河北省人工影响天气管理规定》已经省政府第76次常务会议通过，现予公布。",
                itself="河北省人工影响天气管理规定", registry=registry) == []


def test_another_bodys_text_of_the_same_words_is_cited(registry):
    own = ["东城区2017年政务公开工作要点"]
    assert cite("按照北京市政府办公厅《2017年政务公开工作要点》要求，", own=own, registry=registry) == [
        ("2017年政务公开工作要点", "applies")]
    assert cite("按照《2017年政务公开工作要点》要求，", own=own, registry=registry) == []


# ------------------------------------------------------------------ paragraphs of ragged or narrow text
def test_ragged_lines_join_into_one_paragraph():
    texts = ["紧紧围绕党中央、国务院重", "大决策部署和公众关切，深", "入贯彻中共中央办公厅、国",
             "务院办公厅《关于全面推进", "政务公开工作的意见》和", "《中华人民共和国政府信息", "公开条例》，认真落实《政",
             "府工作报告》有关要求。"]
    paras = build_paragraphs(lines_of(*texts))
    assert len(paras) == 1 and paras[0].text == "".join(texts)


@pytest.mark.parametrize("texts,count", [
    (["本通告自发布之日起施行，原通告（沙府发〔2019〕18号）", "同时废止。"], 1),
    (["文化遗产保护工作的意见》", "（国办发〔2005〕18号）精", "神，2013", "年文化部部署开展了工作。"], 1),
    # a heading stays a paragraph of its own
    (["第一章　总　则", "第一条　为加强管理，制定本规定。"], 2),
])
def test_paragraph_ends(texts, count):
    assert len(build_paragraphs(lines_of(*texts))) == count


# ------------------------------------------------------------------ 目录
def test_contents_with_the_page_on_the_next_line():
    content = lines_of("目　录", "【国务院文件】", "国务院关于公布第五批国家级非物质文化遗产代表性项目名录的通知……", "（1）",
                       "自贡市贡井区人民政府关于公布第三批区级非物质文化遗产代表性项目名", "录的通知……", "（13）",
                       "国务院关于公布第五批国家级非物质文化遗产代表性项目名录的通知")
    content[0] = Line(1, "目　录", "目录", False)
    entries, rest = split_contents(content)
    assert [(e["title"][-12:], e["page"]) for e in entries] == [("遗产代表性项目名录的通知", 1), ("遗产代表性项目名录的通知", 13)]
    assert [l.no for l in rest] == [8]
