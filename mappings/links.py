"""Linksets as SKOS mapping triples in a named graph of their own, described as void:Linkset."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, VOID, XSD

from gazette.identity import ascii_slug

from .graph import new_graph
from .terms import IRIs


def map_linkset(stem: str, links, iris: IRIs):
    g = new_graph(iris.graph(f"links/{ascii_slug(stem)}"))
    ls = iris.linkset(ascii_slug(stem))
    g.add((ls, RDF.type, VOID.Linkset))
    g.add((ls, RDFS.label, Literal(f"{stem}: {len(links)} links")))
    g.add((ls, VOID.subjectsTarget, iris.dataset()))
    g.add((ls, VOID.triples, Literal(len(links), datatype=XSD.integer)))
    for pred in sorted({l.predicate for l in links}):
        g.add((ls, VOID.linkPredicate, SKOS[pred]))
    for creator in sorted({l.creator for l in links}):
        g.add((ls, DCTERMS.creator, Literal(creator)))
    for date in sorted({l.date for l in links}):
        g.add((ls, DCTERMS.date, Literal(date, datatype=XSD.date)))
    g.add((ls, DCTERMS.source, Literal(links[0].file if links else stem)))
    for l in links:
        obj = URIRef(l.object)
        g.add((URIRef(l.subject), SKOS[l.predicate], obj))
        if l.object_label:
            g.add((obj, RDFS.label, Literal(l.object_label)))
    return g
