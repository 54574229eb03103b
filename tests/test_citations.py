"""Citations, eyecite style: one row per real citation sentence of the seed issue."""
import pytest

from gazette.citations import cite_paragraph
from gazette.paragraphs import Paragraph

# (citing text as printed in the gazette, expected [(relation, title, number)])
ROWS = [
    ("为保障铁路运输安全、畅通，根据《铁路安全管理条例》（国务院令第639号）第四章第二十七条规定，现将",
     [("based_on", "铁路安全管理条例", "国务院令第639号")]),
    ("请辖区铁路沿线单位和个人严格遵守《铁路安全管理条例》（国务院令第639号）有关规定，确保铁路运输安全、畅通。",
     [("cites", "铁路安全管理条例", "国务院令第639号")]),
    ("根据《中华人民共和国野生动物保护法》《全国人民代表大会常务委员会关于全面禁止非法野生动物交易、革除滥食野生动物陋习、切实保障人民群众生命健康安全的决定》等相关法律法规，",
     [("based_on", "中华人民共和国野生动物保护法", None),
      ("based_on", "全国人民代表大会常务委员会关于全面禁止非法野生动物交易、革除滥食野生动物陋习、切实保障人民群众生命健康安全的决定", None)]),
    ("本通告自发布之日起施行，原通告（沙府发〔2019〕18号）同时废止。",
     [("repeals", None, "沙府发〔2019〕18号")]),
    ("为贯彻落实《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54 号）精神，按照《重庆市人民政府办公厅关于全面推进基层政务公开标准化规范化工作的实施意见》（渝府办发〔2020〕58 号）要求，结合我区",
     [("applies", "国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见", "国办发〔2019〕54号"),
      ("applies", "重庆市人民政府办公厅关于全面推进基层政务公开标准化规范化工作的实施意见", "渝府办发〔2020〕58号")]),
    ("为贯彻落实《国务院办公厅关于促进 3 岁以下婴幼儿照护服务发展的指导意见》（国办发〔2019〕15 号）、《重庆市人民政府办公厅关于促进 3 岁以下婴幼儿照护服务发展的实施意见》（渝府办发〔2019〕119 号）精神，",
     [("applies", "国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见", "国办发〔2019〕15号"),
      ("applies", "重庆市人民政府办公厅关于促进3岁以下婴幼儿照护服务发展的实施意见", "渝府办发〔2019〕119号")]),
    ("按照《生态环境部、交通运输部、水利部、农业农村部、中科院、国家林草局、中国海警局关于联合开展“绿盾 2020”自然保护地强化监督工作的通知》（环生态函〔2020〕68 号）和《市生态环境局、市交通局、市水利局、市农业农村委、市林业局关于印发〈重庆市“绿盾 2020”自然保护地强化监督工作实施方案〉的函》（渝环函〔2020〕531号）相关文件精神，",
     [("applies", "生态环境部、交通运输部、水利部、农业农村部、中科院、国家林草局、中国海警局关于联合开展“绿盾2020”自然保护地强化监督工作的通知", "环生态函〔2020〕68号"),
      ("applies", "市生态环境局、市交通局、市水利局、市农业农村委、市林业局关于印发〈重庆市“绿盾2020”自然保护地强化监督工作实施方案〉的函", "渝环函〔2020〕531号")]),
    ("原《关于进一步完善设施农用地管理支持设施农业健康发展的通知》（渝国土房管〔2014〕799 号）和《关于进一步规范设施农用地管理的实施意见（试行）》（渝规资〔2019〕413 号）同时废止。",
     [("repeals", "关于进一步完善设施农用地管理支持设施农业健康发展的通知", "渝国土房管〔2014〕799号"),
      ("repeals", "关于进一步规范设施农用地管理的实施意见（试行）", "渝规资〔2019〕413号")]),
    ("是否按照《土地复垦条例》和《土地复垦条例实施办法》有关规定足额预存土地复垦费，",
     [("applies", "土地复垦条例", None), ("applies", "土地复垦条例实施办法", None)]),
    ("20.加强无障碍环境建设。贯彻落实中国残联等 13 部委《无障碍环境建设“十三五”实施方案》，加快推进",
     [("applies", "无障碍环境建设“十三五”实施方案", None)]),
    ("为全面贯彻《全民科学素质行动计划纲要》，加强青少年科技教育，",
     [("applies", "全民科学素质行动计划纲要", None)]),
    ("根据《国务院办公厅关于促进“互联网+医疗健康”发展的意见》（国办发〔2018〕26 号）和《重庆市人民政府办公厅关于印发重庆市智慧医疗工作方案（2020—2022 年）的通知》（渝府办发〔2020〕101 号）文件精神，",
     [("based_on", "国务院办公厅关于促进“互联网+医疗健康”发展的意见", "国办发〔2018〕26号"),
      ("based_on", "重庆市人民政府办公厅关于印发重庆市智慧医疗工作方案（2020—2022年）的通知", "渝府办发〔2020〕101号")]),
    ("修订《重庆市某某管理办法》（渝府令〔2020〕3号）部分条款", [("amends", "重庆市某某管理办法", "渝府令〔2020〕3号")]),
    # the corpus's sentences (../shared/corpus), each a rule of the trigger table
    # a modifier inside the governed list never overrides the leading trigger
    ("根据新修订的《中华人民共和国预算法》、《国务院关于深化预算管理制度改革的决定》和《某省预算审查监督条例》，",
     [("based_on", "中华人民共和国预算法", None), ("based_on", "国务院关于深化预算管理制度改革的决定", None),
      ("based_on", "某省预算审查监督条例", None)]),
    # 按照 alone applies; 根据…精神 stays based_on
    ("按照《中华人民共和国非物质文化遗产法》和《国务院办公厅关于加强我国非物质文化遗产保护工作的意见》（国办发〔2005〕18 号）要求，坚持",
     [("applies", "中华人民共和国非物质文化遗产法", None),
      ("applies", "国务院办公厅关于加强我国非物质文化遗产保护工作的意见", "国办发〔2005〕18号")]),
    ("根据《中华人民共和国非物质文化遗产法》和《国务院办公厅关于加强我国非物质文化遗产保护工作的意见》（国办发〔2005〕18号）精神，2013年",
     [("based_on", "中华人民共和国非物质文化遗产法", None),
      ("based_on", "国务院办公厅关于加强我国非物质文化遗产保护工作的意见", "国办发〔2005〕18号")]),
    # no trigger before the titles, but their 精神 is followed
    ("结合《国务院关于激发重点群体活力带动城乡居民增收的实施意见》（国发〔2016〕56号）等文件精神，制定本方案。",
     [("applies", "国务院关于激发重点群体活力带动城乡居民增收的实施意见", "国发〔2016〕56号")]),
    ("依照《中华人民共和国土地管理法》的规定，制定本办法。", [("based_on", "中华人民共和国土地管理法", None)]),
    ("批转《市发展改革委关于某某工作的意见》，请认真贯彻执行。", [("forwards", "市发展改革委关于某某工作的意见", None)]),
    ("《某某市政府信息公开办法》（某政发〔2008〕12号）同时停止执行。", [("repeals", "某某市政府信息公开办法", "某政发〔2008〕12号")]),
    ("参照《党政机关公文处理工作条例》执行。", [("cites", "党政机关公文处理工作条例", None)]),
]

# near misses: must not be citations
MISSES = [
    # the certificate a person holds
    "主要为持有沙坪坝区常住户口和《中华人民共和国残疾人证》，有康复、就学、就业需求的城乡贫困残疾人",
    # a business licence named in a form
    "经营者为非自然人的，提交《营业执照》及法定代表人身份证明书和身份证",
    # the text the notice itself issues
    "编制了《重庆市沙坪坝区试点领域基层政务公开标准目录》，现印发给你们，并提出如下工作要求。",
    "将《标准目录》中公开渠道和载体为“政府网站”的信息，于 2020 年 12 月 31 日前在对应栏目全部公开到位；",
    # a phone number in brackets
    "监督举报电话：（023）65213353",
]
OWN = ["试点领域基层政务公开标准目录"]


def _cite(text, registry, forwarded=()):
    para = Paragraph(text, [(0, 1)])
    return [(c.relation, c.title, c.number) for c in cite_paragraph("x", para, 0, "body", OWN, list(forwarded), registry)]


@pytest.mark.parametrize("text,expected", ROWS)
def test_citation_rows(text, expected, registry):
    assert _cite(text, registry) == expected


@pytest.mark.parametrize("text", MISSES)
def test_near_misses(text, registry):
    assert _cite(text, registry) == []


@pytest.mark.parametrize("cut", [3, 10, 25])
def test_line_breaks_inside_titles_and_numbers(cut, registry):
    text = "按照《自然资源部 农业农村部关于设施农业用地管理有关问题的通知》（自然资规〔2019〕4 号）有关要求，"
    lines = [text[:cut], text[cut:cut + 30], text[cut + 30:]]
    para = Paragraph("".join(lines), [(0, 10), (cut, 12), (cut + 30, 14)])
    got = cite_paragraph("x", para, 0, "body", [], [], registry)
    assert [(c.relation, c.number) for c in got] == [("applies", "自然资规〔2019〕4号")]
    # the title starts at offset 2, on the first source line; the number ends on a later one
    assert got[0].line == 10 and got[0].line_end > 10


def test_seed_issue_relations(seed):
    from collections import Counter
    assert Counter(c.relation for c in seed.citations) == {
        "applies": 17, "based_on": 7, "cites": 12, "forwards": 2, "repeals": 3}


def test_evidence_is_kept(seed):
    c = next(c for c in seed.citations if c.number == "沙府发〔2019〕18号")
    assert (c.citing, c.relation, c.trigger, c.line) == ("sha-fu-fa/2020/75", "repeals", "同时废止", 2094)
    assert "原通告（沙府发〔2019〕18号）" in c.quote


def test_chain_district_to_state(seed):
    edges = {(c.citing, c.cited, c.relation) for c in seed.citations}
    assert ("sha-fu-ban-fa/2020/127", "yu-gui-zi-gui-fan/2020/8", "forwards") in edges
    assert ("yu-gui-zi-gui-fan/2020/8", "zi-ran-zi-gui/2019/4", "applies") in edges
    reg = seed.regulations["zi-ran-zi-gui/2019/4"]
    assert reg.issuers == ["自然资源部"] and reg.level == "national"


def test_title_only_mention_resolves_to_the_numbered_document(seed):
    keys = {c.cited for c in seed.citations if c.title == "重庆市工业项目环境准入规定"}
    assert keys == {"yu-ban-fa/2012/142"}


def test_citation_inside_reproduced_document_belongs_to_it(seed):
    c = next(c for c in seed.citations if c.number == "重庆市人民政府令第204号")
    assert c.citing == "yu-gui-zi-gui-fan/2020/8"


# the article a citation names, read right after its title or number: the seed's own clause and variants
ARTICLES = [
    ("不缴纳的，由乡镇人民政府责令限期缴纳；逾期不缴纳的，按《土地复垦条例》第四十二条的规定处以罚款。", 42),
    ("按《土地复垦条例》（国务院令第592号）第四十二条的规定处以罚款。", 42),
    ("依照《土地复垦条例》的第十一条执行。", 11),
    ("根据《土地复垦条例》第一百零五条", 105),
    ("按《土地复垦条例》第 42 条的规定处以罚款。", 42),            # in digits, as some gazettes print it
    ("按《土地复垦条例》的规定处以罚款。", None),
    ("按《土地复垦条例》和第四十二条", None),          # an article not attached to the title
]


@pytest.mark.parametrize("text,article", ARTICLES)
def test_the_article_a_citation_names(text, article, registry):
    found = [c for c in cite_paragraph("x", Paragraph(text, [(0, 1)]), 0, "body", [], [], registry)
             if c.title == "土地复垦条例"]
    assert [c.article for c in found] == [article]


def test_seed_citation_of_an_article(seed):
    c = next(c for c in seed.citations if c.title == "土地复垦条例" and c.line == 4311)
    assert c.article == 42
