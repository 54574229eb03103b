"""The shared words are declared once (gazette/vocabulary.py, gazette/tiers.py, mappings/terms.py's
IRI roots); every other place that spells them must agree, or this fails."""
import csv
import inspect
import re

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from gazette.citations import AFTER_TRIGGERS, TRIGGERS
from gazette.vocabulary import RELATION, RELATION_KEYS, RELATIONS
from mappings import terms
from tests.conftest import ROOT

GB = "https://gongbao.example.org/ontology#"


def test_every_relation_has_one_predicate():
    assert list(terms.RELATIONS) and set(terms.RELATIONS) == set(RELATION_KEYS)
    assert len(set(terms.RELATIONS.values())) == len(RELATION_KEYS)


def test_the_shapes_allow_exactly_the_relations():
    g = Graph().parse(ROOT / "shapes" / "gongbao-shapes.ttl")
    lists = [o for s in g.subjects(SH.path, URIRef(GB + "relation")) for o in g.objects(s, SH["in"])]
    assert lists, "no sh:in list constrains gb:relation"
    assert all([str(x) for x in Collection(g, node)] == list(RELATION_KEYS) for node in lists)


def test_the_ontology_names_every_relation():
    text = (ROOT / "ontology" / "gongbao.ttl").read_text(encoding="utf-8")
    definition = re.search(r"gb:relation a owl:DatatypeProperty ;.*?\.\n", text, re.S).group(0)
    assert all(k in definition for k in RELATION_KEYS)


def test_the_property_labels_are_the_relations_labels():
    labels = {row[0]: (row[1], row[2]) for row in csv.reader(open(ROOT / "site" / "labels.csv", encoding="utf-8"))}
    for key, predicate in terms.RELATIONS.items():
        if str(predicate) in labels:
            assert labels[str(predicate)] == (RELATION[key].zh, RELATION[key].en), key


def test_the_styles_colour_each_relation_as_declared():
    css = (ROOT / "site" / "static" / "style.css").read_text(encoding="utf-8")
    for r in RELATIONS:
        assert f"a.cite.{r.key} {{ border-color:{r.colour}; }}" in css, r.key


def test_every_trigger_names_a_relation():
    used = {rel.removesuffix("_if_tail") for rel, _, _ in TRIGGERS} | {rel for _, rel, _ in AFTER_TRIGGERS}
    assert used <= set(RELATION_KEYS)


def test_every_iri_is_minted_under_a_declared_root():
    iris = terms.IRIs("https://example.org")
    for name, method in inspect.getmembers(iris, inspect.ismethod):
        if name.startswith("_"):
            continue
        args = [("k" if p.annotation in (str, "str") else 1) for p in inspect.signature(method).parameters.values()]
        iri = str(method(*args))
        assert iri.split("/")[3] in terms.ROOTS, (name, iri)


def test_each_table_kind_is_declared_whole():
    from importlib import import_module

    from gazette.kinds import KINDS
    for k in KINDS:
        module, _, name = k.mapper.partition(":")
        assert callable(getattr(import_module(module), name)), k.key
        assert k.iri_root in terms.ROOTS, k.key
        if k.index:
            from publish.sitegen.indexes import INDEX_PAGES
            assert k.index in {p.path for p in INDEX_PAGES if p.page}, k.key
    # the readers fill exactly the declared kinds
    from gazette.corpus import read_issue
    from gazette.registry import load_registry
    from tests.conftest import SEED
    rec = read_issue(SEED, load_registry())
    assert set(rec.tables) <= {k.key for k in KINDS}


def test_the_kinds_flags_are_what_the_site_and_the_reconciliation_service_do():
    from gazette.kinds import KINDS
    from mappings.terms import KIND_CLASSES
    from publish.outputs.reconciliation import KIND_TYPES, TYPES
    from publish.sitegen.render import SEARCHABLE
    assert set(KIND_CLASSES) == {k.key for k in KINDS}
    for k in KINDS:
        assert bool(set(KIND_CLASSES[k.key]) & SEARCHABLE) == k.searchable, k.key
    assert set(KIND_TYPES) == {k.key for k in KINDS if k.reconcilable}
    assert set(KIND_TYPES.values()) <= set(TYPES)
    assert {k.key for k in KINDS if k.private} == {"awards"}
