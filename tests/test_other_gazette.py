"""A gazette of our own in the same layout, with other issuers, numbers and dates."""
from pathlib import Path

from gazette.corpus import read_issue

FIXTURE = Path(__file__).parent / "fixtures" / "yuzhong-2021-03.txt"


def test_other_gazette(registry):
    rec = read_issue(FIXTURE, registry)
    docs = rec.parsed.documents
    assert [(d.number.canonical, d.genre, d.issuers, d.date_document, d.printed_by.date) for d in docs] == [
        ("渝中府发〔2021〕12号", "通知", ["重庆市渝中区人民政府"], "2021-03-05", "2021-03-08"),
        ("渝中府办发〔2021〕30号", "通知", ["重庆市渝中区人民政府办公室"], "2021-04-01", "2021-04-02"),
    ]
    assert docs[0].title == "重庆市渝中区人民政府关于印发《渝中区老旧小区改造提升实施方案》的通知"
    assert docs[0].annexes[0].kind == "enclosed" and docs[0].disclosure == "此件公开发布"
    assert docs[1].recipients == ["各街道办事处", "区政府有关部门"]
    # an unknown 代字 is kept and reported, and its documents get a stable key
    assert rec.unknown_codes == ["渝中府办发", "渝中府发"]
    assert docs[0].key.startswith("x-") and docs[0].key.endswith("/2021/12")
    rels = sorted((c.relation, c.number or c.title) for c in rec.citations)
    assert rels == sorted([
        ("applies", "国办发〔2020〕23号"), ("applies", "渝府办发〔2020〕120号"),
        ("based_on", "中华人民共和国城乡规划法"), ("repeals", "渝中府发〔2018〕5号"),
        ("based_on", "中华人民共和国防洪法"), ("based_on", "重庆市防汛抗旱条例"),
    ])
    assert rec.parsed.info.number == 3 and "unaccounted" not in rec.parsed.coverage.values()
