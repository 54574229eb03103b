"""The dumps put together from per-graph segments (publish/outputs/dumps.py): every format holds exactly the
named graphs' triples, a subject several graphs describe is merged into one Turtle block, and a literal with
a character Python's splitlines takes for a line break comes through whole."""
import json

import pyoxigraph as ox
import pytest

from mappings.graph import map_issue_records
from mappings.terms import IRIs
from publish.outputs.dumps import _compact, append_graph, ntriples, segment_text, write_dumps
from tests.conftest import SEED

IRI = IRIs("https://gongbao.example.org")
G1, G2 = "https://gongbao.example.org/graph/a", "https://gongbao.example.org/graph/b"
DESC = "https://gongbao.example.org/dataset"


@pytest.fixture(scope="module")
def graphs(seed, registry, tmp_path_factory):
    """The seed's triples in two named graphs that share some subjects and some triples, as segments."""
    g, _ = map_issue_records(seed, SEED.read_bytes(), IRI, registry)
    lines = ntriples(g).splitlines(keepends=True)
    odd = '<https://gongbao.example.org/x> <http://www.w3.org/2000/01/rdf-schema#comment> "一行\u2028两行\u0085" .\n'
    a = sorted(set(lines[0::2] + lines[:50] + [odd]))
    b = sorted(set(lines[1::2] + lines[:50]))
    d = tmp_path_factory.mktemp("segments")
    segs = {}
    for name, part in ((G1, a), (G2, b)):
        segs[name] = d / (name[-1] + ".seg")
        segs[name].write_text(segment_text(part), encoding="utf-8", newline="")
    out = d / "dumps"
    names, count = write_dumps(segs, {G1: "a", G2: "b"}, out)
    # as the build does: the dataset's description last, which closes all.jsonld
    append_graph(out, DESC, [f'<{DESC}> <http://rdfs.org/ns/void#triples> "{count}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'])
    return a, b, out, names, count


def quads(path, fmt):
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in ox.parse(path=str(path), format=fmt)}


def triples(lines):
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES)}


def test_the_union_dumps_hold_each_triple_once_in_sorted_order(graphs):
    a, b, out, _, count = graphs
    union = sorted(set(a) | set(b))
    assert (out / "all.nt").read_text(encoding="utf-8").startswith("".join(union))
    assert count == len(union)
    assert {q[:3] for q in quads(out / "all.ttl", ox.RdfFormat.TURTLE)} - {q[:3] for q in quads(out / "all.nq", ox.RdfFormat.N_QUADS)
                                                                           if q[3] == f"<{DESC}>"} == triples(union)


def test_a_subject_two_graphs_describe_is_one_turtle_block(graphs):
    a, b, out, _, _ = graphs
    shared = {line.split(" ", 1)[0] for line in a} & {line.split(" ", 1)[0] for line in b}
    assert len(shared) > 5
    blocks = (out / "all.ttl").read_text(encoding="utf-8").split("\n\n")[1:]
    heads = [block.split("\n", 1)[0] for block in blocks]
    assert len(heads) == len(set(heads)) == len({line.split(" ", 1)[0] for line in a + b}) + 1    # and the description


def test_the_graph_formats_keep_each_graph_apart(graphs):
    a, b, out, _, _ = graphs
    expected = {(*t, f"<{G1}>") for t in triples(a)} | {(*t, f"<{G2}>") for t in triples(b)} | \
        {(f"<{DESC}>", "<http://rdfs.org/ns/void#triples>", f'"{graphs[4]}"^^<http://www.w3.org/2001/XMLSchema#integer>', f"<{DESC}>")}
    assert quads(out / "all.nq", ox.RdfFormat.N_QUADS) == expected
    assert quads(out / "all.trig", ox.RdfFormat.TRIG) == expected
    doc = json.loads((out / "all.jsonld").read_text(encoding="utf-8"))
    assert [g["@id"] for g in doc["@graph"]] == [_compact(G1), _compact(G2), _compact(DESC)]
    assert quads(out / "all.jsonld", ox.RdfFormat.JSON_LD) == expected


def test_an_issues_turtle_is_its_graph_alone(graphs):
    a, _, out, names, _ = graphs
    assert "issues/a.ttl" in names
    assert {q[:3] for q in quads(out / "issues" / "a.ttl", ox.RdfFormat.TURTLE)} == triples(a)


def test_a_line_separator_inside_a_literal_survives(graphs):
    _, _, out, _, _ = graphs
    found = [q for q in quads(out / "all.nq", ox.RdfFormat.N_QUADS) if q[0] == "<https://gongbao.example.org/x>"]
    assert found and "\u2028" in found[0][2] and "\u0085" in found[0][2]
