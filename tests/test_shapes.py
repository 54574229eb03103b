"""The SHACL gate: the seed graph conforms; graphs broken on purpose give the expected violations."""
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS, XSD

from mappings.graph import map_issue_records, new_graph, registry_graph
from mappings.terms import ELI, GB, IRIs
from publish.outputs.validation import load_shapes, report_text, validate
from tests.conftest import SEED

IRI = IRIs("https://gongbao.example.org")
DOC = IRI.document("sha-fu-fa/2020/39")


@pytest.fixture(scope="module")
def graph(seed, registry):
    g, bodies = map_issue_records(seed, SEED.read_bytes(), IRI, registry)
    reg = registry_graph(bodies, IRI, registry, None)
    union = new_graph()
    for t in g:
        union.add(t)
    for t in reg:
        union.add(t)
    return union


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


def broken(graph, remove=(), add=()):
    g = new_graph()
    for t in graph:
        g.add(t)
    for t in remove:
        g.remove(t)
    for t in add:
        g.add(t)
    return g


def test_seed_graph_conforms(graph, shapes):
    assert validate(graph, shapes, "gazettes/shapingba-2020-02.txt") == []


ITEM = IRI.heritage_item("sha-fu-fa/2020/76", "VIII-50")
BODY = IRI.body("cq-spb-government")
ENTRY = IRI.award_entry("sha-fu-fa/2020/42/1", 1)
REPEALED = IRI.document("yu-guo-tu-fang-guan/2014/799")
FORCE = IRI.force("yu-gui-zi-gui-fan/2020/8", 1)

BREAKS = {
    "malformed 文号": (
        [(DOC, ELI.id_local, None)], [(DOC, ELI.id_local, Literal("沙府发〔202〕39号"))], "eli:id_local", "GB/T 9704"),
    "two document dates": (
        [], [(DOC, ELI.date_document, Literal("2020-07-02", datatype=XSD.date))], "eli:date_document", "More than 1"),
    "date as a plain string": (
        [(DOC, ELI.date_document, None)], [(DOC, ELI.date_document, Literal("2020-07-01"))], "eli:date_document", "datatype"),
    "document without issuer": (
        [(DOC, ELI.passed_by, None)], [], "eli:passed_by", "issuer"),
    "body without a zh-Hans label": (
        [(BODY, SKOS.prefLabel, Literal("重庆市沙坪坝区人民政府", lang="zh-Hans"))], [], "skos:prefLabel", "zh-Hans"),
    "heritage code not normalised": (
        [(ITEM, URIRef("http://purl.org/dc/terms/identifier"), None)],
        [(ITEM, URIRef("http://purl.org/dc/terms/identifier"), Literal("Ⅷ—50"))], "dcterms:identifier", "pattern"),
    "a pupil as a resource": (
        [(ENTRY, GB.recipientName, None)], [(ENTRY, GB.recipientName, URIRef("https://example.org/person/1"))],
        "gb:recipientName", "never a resource"),
    "an extra property on an award entry": (
        [], [(ENTRY, URIRef("https://schema.org/birthDate"), Literal("2008-01-01"))], "schema:birthDate", "closed"),
    # dates of force: one of each (ELI makes them functional), each with the evidence of its clause
    "two dates of no longer being in force": (
        [], [(REPEALED, ELI.date_no_longer_in_force, Literal("2025-06-30", datatype=XSD.date))],
        "eli:date_no_longer_in_force", "one date of no longer being in force"),
    "an entry into force without its clause": (
        [(None, GB.forceOf, IRI.document("yu-gui-zi-gui-fan/2020/8"))], [], "gb:ForceEvidence", "evidence of its clause"),
    "an end without its expiry or repeal": (
        [], [(DOC, ELI.date_no_longer_in_force, Literal("2025-06-30", datatype=XSD.date))], "gb:ForceEvidence",
        "evidence of its expiry or repeal"),
    "evidence of an entry into force without its date": (
        [(FORCE, GB.forceDate, None)], [], "gb:ForceEvidence", "gives the date"),
    "an in-force status outside ELI's table": (
        [], [(DOC, ELI.in_force, URIRef("https://example.org/in-force-until-further-notice"))], "eli:in_force", "value"),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_broken_graph_is_refused(name, graph, shapes):
    remove, add, path, words = BREAKS[name]
    removed = [t for pattern in remove for t in graph.triples(pattern)]
    assert removed or not remove, f"{name}: nothing to remove"
    g = broken(graph, removed, add)
    violations = validate(g, shapes, "gazettes/shapingba-2020-02.txt")
    assert violations, name
    v = [v for v in violations if v["path"] == path or path in (v["message"] + str(v["path"]))]
    assert v, report_text(violations)
    text = report_text(violations)
    assert words.lower() in text.lower() or any(words.lower() in (x["message"] or "").lower() for x in v), text


def test_report_names_the_gazette_line(graph, shapes):
    g = broken(graph, add=[(DOC, ELI.date_document, Literal("2020-07-02", datatype=XSD.date))])
    v = validate(g, shapes, "gazettes/shapingba-2020-02.txt")
    assert v[0]["line"] == 1366 and v[0]["focus"] == str(DOC)
    assert "gazettes/shapingba-2020-02.txt:1366" in report_text(v)
