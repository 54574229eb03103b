"""What each whole-corpus output declares it reads is what its code reads: a rebuild in place skips an output
when no changed triple concerns it (publish/outputs/reads.py), so a declaration that left out a predicate
would leave that output stale."""
import pytest
from rdflib import URIRef

from mappings.graph import map_issue_records, new_graph, registry_graph
from mappings.terms import IRIs
from publish.outputs import exports, reconciliation
from publish.outputs.network import edge_list_csv, edges, graphml
from publish.outputs.reads import EVERYTHING, Recorder, concerns
from tests.conftest import SEED

IRI = IRIs("https://gongbao.example.org")


@pytest.fixture(scope="module")
def graph(seed, registry):
    g, bodies = map_issue_records(seed, SEED.read_bytes(), IRI, registry)
    union = new_graph()
    for part in (g, registry_graph(bodies, IRI, registry, None)):
        for t in part:
            union.add(t)
    return union


OUTPUTS = {
    "heritage": (exports.READS["heritage"], exports.heritage_csv),
    "diffusion": (exports.READS["diffusion"], exports.diffusion_csv),
    "citations": (exports.READS["citations"], lambda g: (edge_list_csv(g, edges(g)), graphml(g, edges(g)))),
    "reconcile": (reconciliation.READS, lambda g: reconciliation.build_index(g, IRI.base)),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_an_output_reads_only_what_it_declares(graph, name):
    declared, make = OUTPUTS[name]
    r = Recorder(graph)
    make(r)
    assert r.read, "the recorder saw nothing: the output did not read the graph through it"
    assert EVERYTHING not in r.read
    assert sorted(r.read - declared) == []


def test_the_search_pages_files_read_only_what_they_declare(graph, tmp_path):
    from publish.outputs.reasoning import load_ontology
    from publish.sitegen.render import Site
    from publish.sitegen.searchmeta import READS, search_files
    r = Recorder(graph)
    site = Site(r, load_ontology(), IRI.base, tmp_path, [])    # its labels read through the recorder too
    r.read.clear()
    files, _ = search_files(site, [])
    assert any(name.startswith("codes/") for name in files) and r.read
    assert sorted(r.read - READS) == []


def test_the_recorder_names_a_class_read_by_its_members_and_a_predicate_read_by_value(graph):
    from mappings.terms import GB, ELI
    r = Recorder(graph)
    list(r.subjects(None, GB.HeritageItem))
    r.value(URIRef(IRI.base + "x"), ELI.id_local)
    assert r.read == {str(GB.HeritageItem), str(ELI.id_local)}
    list(r.predicate_objects(URIRef(IRI.base + "x")))
    assert EVERYTHING in r.read


def test_an_output_is_made_again_only_when_a_change_concerns_it():
    reads = frozenset({"p", "C"})
    assert concerns(reads, None)                 # a fresh build makes everything
    assert concerns(reads, {"q", "p"})
    assert not concerns(reads, {"q"})
    assert not concerns(reads, set())
    assert concerns(frozenset({EVERYTHING}), {"q"})
