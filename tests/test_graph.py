"""The published graph: the SPARQL contract, provenance, and every dump read back by two parsers."""

import pyoxigraph
import pytest
import rdflib

from tests.conftest import ROOT, SHARED

BASE = "https://gongbao.example.org"


@pytest.fixture(scope="session")
def built(seed_build):
    return seed_build


@pytest.fixture(scope="session")
def store(built):
    s = pyoxigraph.Store()
    s.bulk_load(path=str(built[0] / "dumps" / "all.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    return s


PREFIXES = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX gb: <https://gongbao.example.org/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def select(store, query):
    res = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return [tuple(None if v is None else v.value for v in row) for row in res]


def test_contract_every_published_document(store):
    rows = select(store, """
        SELECT ?doc ?num ?title ?date ?body ?label ?genre ?issue WHERE {
          ?doc eli:is_member_of ?issue ; a eli:LegalResource ; eli:passed_by ?body ; eli:type_document ?genre ;
               eli:is_realized_by ?e .
          ?e eli:title ?title . FILTER(langMatches(lang(?title), "zh-Hans"))
          ?body a org:Organization ; skos:prefLabel ?label . FILTER(langMatches(lang(?label), "zh-Hans"))
          ?genre a skos:Concept .
          OPTIONAL { ?doc eli:id_local ?num } OPTIONAL { ?doc eli:date_document ?date }
        }""")
    docs = {r[0] for r in rows}
    assert len(docs) == 14
    numbered = {r[1] for r in rows if r[1]}
    assert {"沙府发〔2020〕39号", "渝规资规范〔2020〕8号", "沙府办发〔2020〕131号"} <= numbered and len(numbered) == 13
    assert f"{BASE}/eli/sha-fu-fa/2020/39" in docs
    dates = {r[0]: r[3] for r in rows}
    assert dates[f"{BASE}/eli/sha-fu-fa/2020/39"] == "2020-07-01"


def test_dates_are_typed_and_single(store):
    rows = select(store, "SELECT ?d (COUNT(?x) AS ?n) (SAMPLE(DATATYPE(?x)) AS ?t) WHERE { ?d eli:date_document ?x } GROUP BY ?d")
    assert rows and all(int(n) == 1 and t == "http://www.w3.org/2001/XMLSchema#date" for _, n, t in rows)


def test_chain_from_district_to_state_council_level(store):
    rows = select(store, f"""
        SELECT ?mid ?top WHERE {{
          <{BASE}/eli/sha-fu-ban-fa/2020/127> gb:forwards ?mid .
          ?mid eli:applies ?top .
          ?top eli:passed_by/gb:level "national" .
        }}""")
    assert rows == [(f"{BASE}/eli/yu-gui-zi-gui-fan/2020/8", f"{BASE}/eli/zi-ran-zi-gui/2019/4")]
    # forwards is a kind of eli:cites, declared in the ontology
    onto = rdflib.Graph().parse(ROOT / "ontology" / "gongbao.ttl")
    assert (rdflib.URIRef("https://gongbao.example.org/ontology#forwards"), rdflib.RDFS.subPropertyOf,
            rdflib.URIRef("http://data.europa.eu/eli/ontology#cites")) in onto


def test_body_hierarchy(store):
    rows = select(store, f"""SELECT ?l WHERE {{
        <{BASE}/org/cq-spb-government-office> org:subOrganizationOf+ ?p . ?p skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) }}""")
    assert {r[0] for r in rows} == {"重庆市沙坪坝区人民政府", "重庆市人民政府", "国务院"}


def test_every_citation_has_evidence(store):
    rows = select(store, "SELECT ?rel (COUNT(?ev) AS ?n) WHERE { ?ev a gb:CitationEvidence ; gb:relation ?rel ; gb:quote ?q ; gb:sourceLine ?l } GROUP BY ?rel")
    assert {r: int(n) for r, n in rows} == {"applies": 17, "based_on": 7, "cites": 12, "forwards": 2, "repeals": 3}


def test_records_are_all_in_the_graph(store):
    def count(cls):
        return int(select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a {cls} }}")[0][0])
    assert count("gb:HeritageItem") == 31
    assert count("gb:HeritageInscription") == 31
    assert count("gb:AwardEntry") == 25
    assert count("gb:ControlUnit") == 11
    assert count("gb:ControlRequirement") == 14
    assert int(select(store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s skos:definition ?d }")[0][0]) == 32


def test_heritage_item_iri_and_labels(store):
    item = f"{BASE}/heritage/item/sha-fu-fa/2020/76/VIII-50"
    rows = select(store, f"""SELECT ?l ?n ?c WHERE {{ <{item}> skos:prefLabel ?l ; skos:notation ?n ;
                            gb:heritageCategory/skos:prefLabel ?c FILTER(langMatches(lang(?c), "zh-Hans")) }}""")
    assert rows == [("磁器口糍粑传统制作技艺", "Ⅷ—50", "传统技艺")]


def test_pupils_are_literals_never_resources(store):
    rows = select(store, "SELECT ?n WHERE { ?e a gb:AwardEntry ; gb:recipientName ?n FILTER(isLiteral(?n)) }")
    assert len(rows) == 25
    assert select(store, "SELECT ?o WHERE { ?e a gb:AwardEntry ; ?p ?o FILTER(isIRI(?o) && ?p NOT IN (gb:awardOf, gb:awardedBy, prov:wasDerivedFrom, rdf:type)) }".replace("rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")) == []


def test_provenance_named_graph_and_lines(store):
    graphs = {g.value for g in store.named_graphs()}
    # each issue, the registry's facts, and the dataset's description (a graph of its own, in the store too)
    assert graphs == {f"{BASE}/graph/shapingba-2020-02", f"{BASE}/graph/registry", f"{BASE}/graph/dataset"}
    rows = select(store, f"SELECT ?l WHERE {{ <{BASE}/eli/sha-fu-fa/2020/74> gb:sourceLine ?l ; prov:wasDerivedFrom ?src . ?src gb:sha256 ?h }}")
    assert rows == [("1979",)]


DUMPS = [("all.nt", "nt", pyoxigraph.RdfFormat.N_TRIPLES), ("all.ttl", "turtle", pyoxigraph.RdfFormat.TURTLE),
         ("all.nq", "nquads", pyoxigraph.RdfFormat.N_QUADS), ("all.trig", "trig", pyoxigraph.RdfFormat.TRIG),
         ("all.jsonld", "json-ld", pyoxigraph.RdfFormat.JSON_LD)]


def _triples_oxi(path, fmt):
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in pyoxigraph.parse(path=str(path), format=fmt)}


def _triples_rdflib(path, fmt):
    if fmt in ("nquads", "trig", "json-ld"):
        ds = rdflib.Dataset()
        ds.parse(path, format=fmt)
        triples = {(s, p, o) for s, p, o, _ in ds.quads()}
    else:
        triples = set(rdflib.Graph().parse(path, format=fmt))
    return {(t[0].n3(), t[1].n3(), t[2].n3()) for t in triples}


@pytest.mark.parametrize("name,rdflib_fmt,oxi_fmt", DUMPS, ids=[d[0] for d in DUMPS])
def test_every_dump_parses_the_same_with_both_parsers(built, name, rdflib_fmt, oxi_fmt):
    dumps = built[0] / "dumps"
    reference = _triples_oxi(dumps / "all.nt", pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(reference) > 4000
    assert _triples_oxi(dumps / name, oxi_fmt) == reference
    assert _triples_rdflib(dumps / name, rdflib_fmt) == _triples_rdflib(dumps / "all.nt", "nt")


def test_named_graphs_survive_in_quads_and_trig(built):
    dumps = built[0] / "dumps"
    nq = {str(q.graph_name) for q in pyoxigraph.parse(path=str(dumps / "all.nq"), format=pyoxigraph.RdfFormat.N_QUADS)}
    trig = {str(q.graph_name) for q in pyoxigraph.parse(path=str(dumps / "all.trig"), format=pyoxigraph.RdfFormat.TRIG)}
    assert nq == trig and len(nq) == 3      # the issue, the registry's facts, the dataset's description


def test_description_counts_triples_and_names_dumps(built):
    g = rdflib.Graph().parse(built[0] / "dumps" / "void.ttl")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = rdflib.URIRef(f"{BASE}/dataset")
    n = int(g.value(ds, void.triples))
    # the union dump holds the description too, which does not count itself
    union = _triples_oxi(built[0] / "dumps" / "all.nt", pyoxigraph.RdfFormat.N_TRIPLES)
    description = _triples_oxi(built[0] / "dumps" / "void.ttl", pyoxigraph.RdfFormat.TURTLE)
    assert n == len(union - description) and description <= union
    assert str(g.value(ds, rdflib.URIRef("http://purl.org/dc/terms/publisher"))).endswith("/dataset/catalog/publisher")
    subsets = {str(o) for o in g.objects(ds, void.subset)}
    assert {f"{BASE}/graph/shapingba-2020-02", f"{BASE}/graph/registry"} <= subsets
    dumps = {str(o) for o in g.objects(ds, void.dataDump)}
    assert f"{BASE}/dumps/all.ttl" in dumps and f"{BASE}/dumps/all.nq" in dumps


def test_description_passes_dcat_ap_3_shapes(built):
    shapes = SHARED / "vendor" / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"
    if not shapes.exists():
        pytest.skip(f"DCAT-AP shapes not present at {shapes}")
    import pyshacl
    # the whole graph with its description: every concept scheme has its dct:title, as DCAT-AP asks
    data = rdflib.Graph().parse(built[0] / "dumps" / "void.ttl")
    data.parse(built[0] / "dumps" / "all.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(shapes), inference="none")
    assert conforms, text


def test_build_reports_validation(built):
    out, stdout = built
    assert "SHACL: 0 violations" in stdout
    assert (out / "validation.txt").read_text(encoding="utf-8").startswith("0 SHACL violations")


def test_eli_cites_walks_the_chain_to_the_ministry(seed_build):
    """Every typed citation is also an eli:cites, so the obvious path query finds the chain:
    沙府办发〔2020〕127号 → 渝规资规范〔2020〕8号 → 自然资规〔2019〕4号."""
    from publish.outputs.store import run_query
    q = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
    ASK { <https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127> eli:cites+ <https://gongbao.example.org/eli/zi-ran-zi-gui/2019/4> }"""
    _, body = run_query(seed_build[0], q, ["application/sparql-results+json"])
    assert b'"boolean":true' in body.replace(b" ", b"")


def test_the_description_names_its_endpoint_publisher_and_every_graph():
    from mappings.terms import IRIs
    from publish.outputs.description import describe
    g = describe(IRIs(BASE), "https://creativecommons.org/publicdomain/zero/1.0/", 10, {"a": 7}, ["all.ttl"],
                 {f"{BASE}/graph/registry": 3}, "https://example.org/sparql", "某某区人民政府办公室")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = rdflib.URIRef(f"{BASE}/dataset")
    assert str(g.value(ds, void.sparqlEndpoint)) == "https://example.org/sparql"
    assert {str(o) for o in g.objects(ds, void.subset)} == {f"{BASE}/graph/a", f"{BASE}/graph/registry"}
    agent = g.value(ds, rdflib.URIRef("http://purl.org/dc/terms/publisher"))
    assert str(g.value(agent, rdflib.URIRef("http://xmlns.com/foaf/0.1/name"))) == "某某区人民政府办公室"
    assert (rdflib.URIRef(f"{BASE}/dataset/catalog"), rdflib.URIRef("http://www.w3.org/ns/dcat#dataset"), ds) in g
