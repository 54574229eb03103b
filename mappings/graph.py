"""All of an issue's records as one RDF graph (the issue's named graph), plus the shared registry graph."""
from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph

from gazette.corpus import IssueRecords
from gazette.registry import DEFAULT_DIR, Registry

from .awards import map_awards
from .citations import map_citations
from .documents import map_document, map_genres
from .glossary import map_glossary
from .heritage import map_categories, map_heritage
from .issue import map_issue
from .issuers import map_bodies
from .regulations import map_regulation
from .tables import map_control_units, map_requirements, map_tasks
from rdflib.namespace import RDF

from .terms import ELI, PREFIXES, IRIs


def new_graph(identifier=None) -> Graph:
    g = Graph(identifier=identifier)
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True, replace=True)
    return g


def map_issue_records(rec: IssueRecords, source_bytes: bytes, iris: IRIs, registry: Registry,
                      strict_privacy: bool = False) -> tuple[Graph, set[str]]:
    info = rec.parsed.info
    g = new_graph(iris.graph(info.key))
    issue_iri, src = map_issue(info, g, iris, hashlib.sha256(source_bytes).hexdigest())
    bodies: set[str] = set()
    for doc in rec.parsed.documents:
        map_document(doc, issue_iri, src, g, iris, registry)
        bodies.update(doc.issuers)
        if doc.printed_by:
            bodies.add(doc.printed_by.office)
    own = {d.key for d in rec.parsed.documents}
    for key in sorted(rec.regulations):
        reg = rec.regulations[key]
        if reg.in_corpus and key not in own:
            # published in another issue, which describes it; this graph only says what it is
            g.add((iris.document(key), RDF.type, ELI.LegalResource))
        bodies |= map_regulation(reg, g, iris, registry)
    map_citations(rec.citations, src, g, iris)
    t = rec.tables
    map_heritage(t.get("heritage", []), src, g, iris)
    map_awards(t.get("awards", []), src, g, iris, strict_privacy)
    map_glossary(t.get("glossary", []), src, g, iris)
    map_control_units(t.get("control_units", []), src, g, iris)
    map_requirements(t.get("control_requirements", []), src, g, iris)
    map_tasks(t.get("tasks", []), src, g, iris)
    return g, bodies


def registry_graph(bodies: set[str], iris: IRIs, registry: Registry, registry_dir: Path | None) -> Graph:
    """Facts from the hand-kept registries: bodies and their hierarchy, genres, heritage categories."""
    g = new_graph(iris.graph("registry"))
    map_bodies(bodies, g, iris, registry)
    map_genres(g, iris)
    map_categories(g, iris, registry_dir or DEFAULT_DIR)
    return g
