"""The 14 documents of the seed issue, read from the real text."""
import pytest

from tests.conftest import doc

EXPECTED = [
    # number, title, genre, issuers, 成文日期, 印发 date
    (None, "重庆市沙坪坝区人民政府工作报告", "报告", ["重庆市沙坪坝区人民政府"], "2021-01-13", None),
    ("沙府发〔2020〕39号", "重庆市沙坪坝区人民政府关于印发《沙坪坝区征地征收工作从业人员“八条禁令”》的通知", "通知", ["重庆市沙坪坝区人民政府"], "2020-07-01", "2020-07-01"),
    ("沙府发〔2020〕42号", "重庆市沙坪坝区人民政府关于表彰第八届沙坪坝区青少年科技创新区长奖的决定", "决定", ["重庆市沙坪坝区人民政府"], "2020-07-09", "2020-07-09"),
    ("沙府发〔2020〕65号", "重庆市沙坪坝区人民政府关于落实生态保护红线、环境质量底线、资源利用上线制定生态环境准入清单实施生态环境分区管控的实施意见", "意见", ["重庆市沙坪坝区人民政府"], "2020-09-17", "2020-09-22"),
    ("沙府发〔2020〕73号", "重庆市沙坪坝区人民政府关于印发试点领域基层政务公开标准目录的通知", "通知", ["重庆市沙坪坝区人民政府"], None, "2020-11-18"),
    ("沙府发〔2020〕74号", "重庆市沙坪坝区人民政府关于划定铁路线路安全保护区的公告", "公告", ["重庆市沙坪坝区人民政府"], "2020-11-25", "2020-11-25"),
    ("沙府发〔2020〕75号", "重庆市沙坪坝区人民政府关于禁止猎捕野生动物的通告", "通告", ["重庆市沙坪坝区人民政府"], "2020-12-02", "2020-12-02"),
    ("沙府发〔2020〕76号", "重庆市沙坪坝区人民政府关于公布沙坪坝区第六批区级非物质文化遗产代表性项目名录的通知", "通知", ["重庆市沙坪坝区人民政府"], "2020-12-14", "2020-12-14"),
    ("沙府办发〔2020〕79号", "重庆市沙坪坝区人民政府办公室关于印发《重庆市沙坪坝区“惠残2020工程”实施意见》的通知", "通知", ["重庆市沙坪坝区人民政府办公室"], "2020-07-14", "2020-07-14"),
    ("沙府办发〔2020〕108号", "重庆市沙坪坝区人民政府办公室关于印发《沙坪坝区促进3岁以下婴幼儿照护服务发展实施方案》的通知", "通知", ["重庆市沙坪坝区人民政府办公室"], "2020-09-10", "2020-09-10"),
    ("沙府办发〔2020〕112号", "重庆市沙坪坝区人民政府办公室关于印发《重庆市沙坪坝区“绿盾2020”自然保护地强化监督工作实施方案》的通知", "通知", ["重庆市沙坪坝区人民政府办公室"], "2020-09-24", "2020-09-24"),
    ("沙府办发〔2020〕127号", "重庆市沙坪坝区人民政府办公室关于转发《重庆市规划和自然资源局 重庆市农业农村委员会关于进一步规范设施农业用地管理的通知》的通知", "通知", ["重庆市沙坪坝区人民政府办公室"], "2020-11-16", "2020-11-16"),
    ("渝规资规范〔2020〕8号", "重庆市规划和自然资源局、重庆市农业农村委员会关于进一步规范设施农业用地管理的通知", "通知", ["重庆市规划和自然资源局", "重庆市农业农村委员会"], "2020-06-28", None),
    ("沙府办发〔2020〕131号", "重庆市沙坪坝区人民政府办公室关于印发《沙坪坝区智慧医疗工作方案（2020—2022年）》的通知", "通知", ["重庆市沙坪坝区人民政府办公室"], "2020-11-26", "2020-11-27"),
]


def test_fourteen_documents_in_order(seed):
    got = [(d.number.canonical if d.number else None) for d in seed.parsed.documents]
    assert got == [e[0] for e in EXPECTED]


@pytest.mark.parametrize("number,title,genre,issuers,date,printed", EXPECTED)
def test_document_fields(seed, number, title, genre, issuers, date, printed):
    d = doc(seed, number or title)
    assert d.title == title
    assert d.genre == genre
    assert d.issuers == issuers
    assert d.date_document == date
    assert (d.printed_by.date if d.printed_by else None) == printed


def test_recipients_are_a_list(seed):
    assert doc(seed, "沙府发〔2020〕39号").recipients == ["各街道办事处", "镇人民政府", "区政府有关部门", "有关单位"]
    assert doc(seed, "沙府发〔2020〕74号").recipients == []   # a 公告 has none
    assert len(doc(seed, "沙府办发〔2020〕112号").recipients) == 18


def test_attachments_and_annexes(seed):
    d42 = doc(seed, "沙府发〔2020〕42号")
    assert d42.attachments == ["第八届沙坪坝区青少年科技创新区长奖名单", "第八届沙坪坝区青少年科技创新区长奖提名奖名单"]
    assert [a.title for a in d42.annexes] == d42.attachments
    d79 = doc(seed, "沙府办发〔2020〕79号")
    assert [(a.kind, a.title) for a in d79.annexes] == [
        ("enclosed", "重庆市沙坪坝区“惠残2020工程”实施意见"),
        ("attachment", "重庆市沙坪坝区“惠残2020工程”任务分解表")]
    report = seed.parsed.documents[0]
    assert [a.title for a in report.annexes] == ["名词解释"]
    assert report.annexes[0].signature.bodies == ["沙坪坝区十八届人大七次会议秘书处"]


def test_reproduced_document_is_its_own_document(seed):
    notice = doc(seed, "沙府办发〔2020〕127号")
    higher = doc(seed, "渝规资规范〔2020〕8号")
    assert higher.number_source == "forwarding notice"
    assert higher.forwarded_by == notice.key and notice.forwards == [higher.key]
    # the 印发 line at the very end is the forwarding notice's, not the reproduced one's
    assert higher.printed_by is None and notice.printed_by.line == 4844
    assert len(higher.annexes) == 5


def test_no_signature_means_no_date(seed):
    d = doc(seed, "沙府发〔2020〕73号")
    assert d.signature is None and d.date_document is None


def test_every_line_is_accounted_for(seed):
    cov = seed.parsed.coverage
    assert len(cov) == seed.parsed.total_lines
    assert "unaccounted" not in cov.values()
    assert cov[444] == "dropped: running header" and cov[446] == "dropped: page number"
    assert cov[1] == "section label"
    assert cov[3].startswith("document ")


def test_section_labels_are_not_documents(seed):
    assert [s["label"] for s in seed.parsed.info.sections] == ["区政府发文", "区政府办公室文件"]
    assert doc(seed, "沙府办发〔2020〕79号").section == "区政府办公室文件"


def test_issue_metadata_from_running_header(seed):
    info = seed.parsed.info
    assert (info.series, info.year, info.number) == ("重庆市沙坪坝区人民政府公报", 2020, 2)
