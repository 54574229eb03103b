"""Environmental control units, control requirements and task assignments."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from .terms import GB, IRIs, integer, provenance, zh


def _prov(g, s, source_iri, line_nos):
    provenance(g, s, source_iri, min(line_nos), max(line_nos))


def map_control_units(units, source_iri, g: Graph, iris: IRIs) -> None:
    scheme = iris.control_unit_scheme()
    if units:
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, zh("环境管控单元")))
        g.add((scheme, DCTERMS.title, zh("环境管控单元")))
    for u in units:
        s = iris.control_unit(u.code)
        g.add((s, SKOS.inScheme, scheme))
        g.add((s, RDF.type, GB.ControlUnit))
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.prefLabel, zh(u.name)))
        g.add((s, SKOS.notation, Literal(u.code)))
        g.add((s, GB.unitCategory, zh(u.category)))
        if u.ordinal is not None:
            g.add((s, GB.unitOrdinal, integer(u.ordinal)))
        for z in u.zones:
            g.add((s, GB.elementZone, zh(z)))
        for n in u.notes:
            g.add((s, GB.note, zh(n)))
        g.add((s, GB.partOfDocument, iris.document(u.document)))
        _prov(g, s, source_iri, u.lines)


def map_requirements(reqs, source_iri, g: Graph, iris: IRIs) -> None:
    for r in reqs:
        s = iris.requirement(r.table_key, r.number)
        g.add((s, RDF.type, GB.ControlRequirement))
        g.add((s, GB.articleNumber, integer(r.number)))
        g.add((s, SKOS.notation, Literal(r.article)))
        if r.category:
            g.add((s, GB.controlCategory, zh(r.category)))
        g.add((s, GB.text, zh(r.text)))
        g.add((s, GB.partOfDocument, iris.document(r.document)))
        _prov(g, s, source_iri, r.lines)


def map_tasks(tasks, source_iri, g: Graph, iris: IRIs) -> None:
    seen = set()
    for t in tasks:
        item = t.item
        while (t.table_key, item) in seen:
            item += "b"
        seen.add((t.table_key, item))
        s = iris.task(t.table_key, item)
        g.add((s, RDF.type, GB.TaskAssignment))
        g.add((s, GB.item, Literal(t.item)))
        if t.title:
            g.add((s, GB.text, zh(t.title if not t.content else f"{t.title}：{t.content}")))
        elif t.content:
            g.add((s, GB.text, zh(t.content)))
        if t.deadline:
            g.add((s, GB.deadline, zh(t.deadline)))
        for u in t.lead:
            g.add((s, GB.leadUnit, zh(u)))
        for u in t.responsible:
            g.add((s, GB.responsibleUnit, zh(u)))
        g.add((s, GB.partOfDocument, iris.document(t.document)))
        _prov(g, s, source_iri, t.lines)
