"""Tiers declared once (gazette/tiers.py): the registry, the shapes and the ontology agree with the
declaration, and a body's name places it where the registry does not."""
import re

import pytest
from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import SH

from gazette.codebook import learn_codes
from gazette.tiers import TIER_KEYS, placement, tier_of_title
from tests.conftest import ROOT


@pytest.mark.parametrize("name,tier,parent", [
    # the seed's bodies, and the chain up from a district
    ("重庆市沙坪坝区人民政府办公室", "county", "重庆市沙坪坝区人民政府"),
    ("重庆市沙坪坝区人民政府", "county", "重庆市人民政府"),
    ("重庆市人民政府", "provincial", "国务院"),
    ("国务院", "national", None),
    # bodies of the development corpus that the registry does not list
    ("亳州市谯城区人民政府办公室", "county", "亳州市谯城区人民政府"),
    ("四川省资阳市人民政府", "prefecture", "四川省人民政府"),
    ("十堰市人民政府", "prefecture", None),                # the name does not say which province
    ("嘉鱼县人民政府", "county", None),
    ("阿里地区行政公署", "prefecture", None),
    ("海口市发展和改革委员会", "prefecture", "海口市人民政府"),
    ("海南省绿化委员会办公室", "provincial", "海南省绿化委员会"),
    ("北京市顺义区人民代表大会常务委员会办公室", "county", "北京市顺义区人民代表大会常务委员会"),
    ("交通部", "national", "国务院"),
    ("文化部办公厅", "national", "文化部"),
    ("某某镇人民政府", "township", None),
    ("市公安局", None, None),                             # no place: no tier, reported
])
def test_placement(name, tier, parent, registry):
    place, conflict = placement(name, registry)
    assert (place.tier, place.parent) == (tier, parent)
    assert conflict is None


def test_registry_levels_are_tiers(registry):
    assert {c.level for c in registry.codes.values()} <= set(TIER_KEYS)
    assert {b.level for b in registry.bodies.values()} <= set(TIER_KEYS)


def test_a_registry_with_another_level_is_refused(tmp_path):
    from gazette.registry import load_registry
    src = ROOT / "sources" / "registry"
    for f in src.glob("*.csv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "bodies.csv").read_text(encoding="utf-8").replace(",provincial,", ",provincial-level,", 1)
    (tmp_path / "bodies.csv").write_text(text, encoding="utf-8")
    from gazette.errors import GazetteError
    with pytest.raises(GazetteError, match="not one of the tiers"):
        load_registry(tmp_path)


def test_shapes_allow_exactly_the_tiers():
    from rdflib import URIRef
    g = Graph().parse(ROOT / "shapes" / "gongbao-shapes.ttl")
    level = URIRef("https://gongbao.example.org/ontology#level")
    lists = [o for s in g.subjects(SH.path, level) for o in g.objects(s, SH["in"])]
    assert lists, "no sh:in list constrains gb:level"
    for node in lists:
        assert [str(x) for x in Collection(g, node)] == list(TIER_KEYS)


def test_the_ontology_names_every_tier():
    text = (ROOT / "ontology" / "gongbao.ttl").read_text(encoding="utf-8")
    definition = re.search(r"gb:level a owl:DatatypeProperty ;.*?\.\n", text, re.S).group(0)
    for tier in TIER_KEYS:
        assert tier in definition


def test_the_codebook_learns_from_headings_and_citations_and_reports_conflicts(registry):
    evidence = [
        [("沪建建", "上海市建设和管理委员会", "a.txt:258", "heading"),
         ("国发", "国务院", "a.txt:30", "citation"),
         ("国发", "国务院办公厅", "a.txt:31", "citation")],       # the registry gives 国发 to 国务院
        [("海府", "海口市人民政府", "b.txt:529", "heading"),
         ("海府", "海南省人民政府", "b.txt:600", "citation")],    # two bodies: not learned
    ]
    book = learn_codes(evidence, registry)
    assert set(book.learned) == {"沪建建"} and book.learned["沪建建"].body == "上海市建设和管理委员会"
    reasons = [c["reason"] for c in book.conflicts]
    assert any("国发" in r and "国务院办公厅" in r for r in reasons)
    assert any(r.startswith("海府 is printed with 2 bodies") for r in reasons)
    # the same evidence gives the same codebook; another gives another fingerprint
    assert learn_codes(evidence, registry).fingerprint() == book.fingerprint()
    assert learn_codes(evidence[:1], registry).fingerprint() != book.fingerprint()


def test_a_prefecture_regulation_has_its_place_in_the_index(tmp_path):
    """Regulations are indexed by every tier: a prefecture-level body's notice, cited by a district, is
    listed under 地市级 (the index once looped over three levels and dropped it)."""
    import subprocess
    import sys
    from tests.conftest import SEED
    src = tmp_path / "src"
    src.mkdir()
    text = (ROOT / "tests" / "fixtures" / "yuzhong-2021-03.txt").read_text(encoding="utf-8")
    old = "根据《中华人民共和国城乡规划法》"
    assert old in text
    text = text.replace(old, "根据《海口市人民政府关于加强城市规划管理的通知》（海府〔2011〕33号）和《中华人民共和国城乡规划法》", 1)
    (src / "yuzhong-2021-03.txt").write_text(text, encoding="utf-8")
    (src / SEED.name).write_bytes(SEED.read_bytes())
    out = tmp_path / "dist"
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "--sources", str(src), "--out", str(out), "--no-cache"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    page = (out / "site" / "regulations" / "index.html").read_text(encoding="utf-8")
    assert "地市级" in page
    section = page[page.index("地市级", page.index("<h2")):]      # its section, past the contents at the top
    assert "海口市人民政府关于加强城市规划管理的通知" in section.split("<h2")[0]


@pytest.mark.parametrize("title,tier", [
    ("中华人民共和国非物质文化遗产法", "national"),
    ("土地复垦条例", "national"),                     # a regulation that names no place is the state's
    ("铁路安全管理条例", "national"),
    ("重庆市非物质文化遗产条例", "provincial"),
    ("四川省非物质文化遗产条例", "provincial"),
    ("重庆市沙坪坝区征收工作规程", "county"),
    ("嘉鱼县机关事业单位记功奖励办法（试行）", None),   # the county's province is not named: not certain
    ("关于全面推进政务公开工作的意见", None),
    ("政府工作报告", None),
])
def test_the_tier_a_title_makes_certain(title, tier, registry):
    from gazette.tiers import tier_of_title
    assert tier_of_title(title, registry) == tier


def test_the_seeds_cited_laws_have_a_tier(seed):
    regs = {r.titles[0] if r.titles else r.key: r.level for r in seed.regulations.values()}
    assert regs.get("土地复垦条例") == "national"
    assert regs.get("中华人民共和国非物质文化遗产法") == "national"


def test_a_title_headed_by_a_place_the_registry_knows_takes_its_tier(registry):
    # the seed's 沙府发〔2020〕39号 cites its district's own rules by title alone
    assert tier_of_title("沙坪坝区集体土地征收工作规程", registry) == "county"
    assert tier_of_title("关于加快推进城市更新的意见", registry) is None     # a 市 in running words is no place
