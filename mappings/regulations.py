"""Cited documents that are not in the corpus: stubs with number, title, issuer and level."""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from gazette.citations import Regulation
from gazette.registry import Registry

from .documents import map_number
from .issuers import body_iri
from .terms import ELI, GB, LANG_ZHO, IRIs, zh


def map_regulation(reg: Regulation, g: Graph, iris: IRIs, registry: Registry) -> set[str]:
    """Triples for a cited resource; returns the bodies it names. Corpus documents map themselves."""
    if reg.in_corpus:
        return set()
    s = iris.document(reg.key)
    g.add((s, RDF.type, ELI.LegalResource))
    if reg.number:
        map_number(g, s, reg.number)
    title = reg.title
    if title:
        e = iris.expression(reg.key)
        g.add((s, SKOS.prefLabel, zh(title)))
        g.add((s, ELI.is_realized_by, e))
        g.add((e, RDF.type, ELI.LegalExpression))
        g.add((e, ELI.realizes, s))
        g.add((e, ELI.title, zh(title)))
        g.add((e, ELI.language, LANG_ZHO))
    elif reg.number:
        g.add((s, SKOS.prefLabel, zh(reg.number.canonical)))
    for name in reg.issuers:
        g.add((s, ELI.passed_by, body_iri(name, iris, registry)))
    if reg.level:
        from rdflib import Literal
        g.add((s, GB.level, Literal(reg.level)))
    return set(reg.issuers)
