"""The ontology: labelled in two languages, loaded by owlready2, consistent with the data and with ELI."""
import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from mappings.graph import map_issue_records, registry_graph
from mappings.terms import ELI, GB, IRIs
from publish.outputs.reasoning import Inconsistent, check_consistency, inferred_types, load_ontology
from tests.conftest import SEED, SHARED

IRI = IRIs("https://gongbao.example.org")
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no Java: HermiT cannot run here")
ELI_FILE = SHARED / "vendor" / "eli-1.2" / "eli-ontology-1.2.nt"


@pytest.fixture(scope="module")
def data(seed, registry):
    g, bodies = map_issue_records(seed, SEED.read_bytes(), IRI, registry)
    return [g, registry_graph(bodies, IRI, registry, None)]


def test_every_term_has_labels_and_definitions_in_both_languages():
    onto = load_ontology()
    terms = [s for s in onto.subjects(RDF.type, None) if str(s).startswith(str(GB))]
    assert len(terms) > 60
    for t in terms:
        for prop in (RDFS.label, SKOS.definition):
            langs = sorted(o.language for o in onto.objects(t, prop))
            assert langs == ["en", "zh-Hans"], (t, prop, langs)


def test_every_gongbao_term_the_data_uses_is_declared(data):
    onto = load_ontology()
    declared = {s for s in onto.subjects(RDF.type, None)}
    used = {p for g in data for _, p, _ in g if str(p).startswith(str(GB))}
    used |= {o for g in data for _, p, o in g if p == RDF.type and str(o).startswith(str(GB))}
    assert used and used <= declared, used - declared


def test_owlready2_loads_the_ontology(tmp_path):
    import owlready2
    path = tmp_path / "gongbao.nt"
    load_ontology().serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    assert world["https://gongbao.example.org/ontology#forwards"] is not None
    assert len(list(onto.classes())) >= 10
    world.close()


@needs_java
def test_ontology_and_data_are_consistent(data):
    assert check_consistency([load_ontology()] + data) > 4000


@needs_java
def test_a_contradiction_is_found(data):
    d = IRI.document("sha-fu-fa/2020/39")
    bad = Graph()
    bad.add((GB.Award, OWL.disjointWith, GB.AwardEntry))
    bad.add((d, RDF.type, GB.Award))
    bad.add((d, RDF.type, GB.AwardEntry))
    with pytest.raises(Inconsistent):
        check_consistency([load_ontology(), bad] + data)


@pytest.fixture(scope="module")
def eli():
    if not ELI_FILE.exists():
        pytest.skip(f"ELI ontology not present at {ELI_FILE}")
    return Graph().parse(ELI_FILE, format="nt")


@needs_java
def test_consistent_with_eli_axioms(data, eli):
    assert check_consistency([load_ontology(), eli] + data) > 5000


@needs_java
def test_eli_date_properties_are_functional(data, eli):
    d = IRI.document("sha-fu-fa/2020/39")
    second = Graph()
    second.add((d, ELI.date_document, Literal("2020-07-02", datatype=XSD.date)))
    with pytest.raises(Inconsistent):
        check_consistency([load_ontology(), eli, second] + data)


@needs_java
def test_two_ends_of_force_are_a_contradiction_the_build_finds(data):
    """The build reasons over our ontology alone, which restates ELI's functional dates of force: a second
    eli:date_no_longer_in_force (an expiry beside a repeal, both stated) is found without ELI's file."""
    repealed = IRI.document("yu-guo-tu-fang-guan/2014/799")
    assert any((repealed, ELI.date_no_longer_in_force, None) in g for g in data)
    second = Graph()
    second.add((repealed, ELI.date_no_longer_in_force, Literal("2025-06-30", datatype=XSD.date)))
    with pytest.raises(Inconsistent):
        check_consistency([load_ontology(), second] + data)
    entry = Graph()
    entry.add((IRI.document("yu-gui-zi-gui-fan/2020/8"), ELI.first_date_entry_in_force, Literal("2020-08-01", datatype=XSD.date)))
    with pytest.raises(Inconsistent):
        check_consistency([load_ontology(), entry] + data)


@needs_java
def test_eli_domains_type_what_uses_them(data, eli):
    doc = str(IRI.document("sha-fu-fa/2020/39"))
    expr = str(IRI.expression("sha-fu-fa/2020/39"))
    bare = "https://gongbao.example.org/eli/test/only-a-date"
    extra = Graph()
    extra.add((URIRef(bare), ELI.date_document, Literal("2020-01-01", datatype=XSD.date)))
    types = inferred_types([load_ontology(), eli, extra] + data, [doc, expr, bare])
    legal_resource, expression = str(ELI.LegalResource), str(ELI.LegalExpression)
    # eli:date_document's domain makes a LegalResource of anything that has one
    assert legal_resource in types[bare]
    # eli:title sits on the expression, so no document is mistaken for an expression
    assert expression in types[expr] and expression not in types[doc]


@needs_java
def test_a_first_line_longer_than_owlreadys_peek_is_still_read_as_n_triples():
    # a gazette paragraph runs to thousands of bytes; owlready2 once took such a file for RDF/XML
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS
    g = Graph()
    g.add((URIRef("https://gongbao.example.org/eli/x/2020/1"), RDFS.comment, Literal("沙坪坝区" * 400, lang="zh-Hans")))
    assert check_consistency([g]) == 1


@needs_java
def test_the_builds_line_by_line_copy_is_reasoned_over_like_the_graphs(data, tmp_path):
    """The build hands HermiT its N-Triples files copied line by line (not parsed): the seed is consistent
    that way, and a second end of force, written as the build writes dates, is still found."""
    from publish.outputs.dumps import ntriples
    from publish.outputs.reasoning import check_consistency_files
    files = []
    for n, g in enumerate(data):
        files.append(tmp_path / f"{n}.nt")
        files[-1].write_text(ntriples(g), encoding="utf-8")
    assert check_consistency_files([load_ontology()], files) == check_consistency([load_ontology()] + data)
    repealed = IRI.document("yu-guo-tu-fang-guan/2014/799")
    (tmp_path / "second.nt").write_text(f'<{repealed}> <{ELI.date_no_longer_in_force}> "2025-06-30"^^<{XSD.date}> .\n',
                                        encoding="utf-8")
    with pytest.raises(Inconsistent):
        check_consistency_files([load_ontology()], files + [tmp_path / "second.nt"])


def test_the_reasoner_copy_of_a_line_swaps_the_types_hermit_lacks():
    from publish.outputs.reasoning import reasoner_line
    s = "<https://gongbao.example.org/eli/x/2020/1>"
    assert reasoner_line(f'{s} <{ELI.date_document}> "2020-07-01"^^<{XSD.date}> .\n') == \
        f'{s} <{ELI.date_document}> "2020-07-01T00:00:00"^^<{XSD.dateTime}> .\n'
    assert reasoner_line(f'{s} <{GB.datePrinted}> "2020-07"^^<{XSD.gYearMonth}> .\n') == f'{s} <{GB.datePrinted}> "2020-07" .\n'
    assert reasoner_line(f'<{GB.quote}> <{RDFS.range}> <{RDF.langString}> .\n') == \
        f'<{GB.quote}> <{RDFS.range}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral> .\n'
    plain = f'{s} <{ELI.title}> "关于印发 XMLSchema#date 的通知"@zh-hans .\n'
    assert reasoner_line(plain) == plain
