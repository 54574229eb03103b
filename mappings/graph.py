"""All of an issue's records as one RDF graph (the issue's named graph), plus the shared registry graph."""
from __future__ import annotations

import hashlib
from importlib import import_module
from pathlib import Path

from rdflib import Graph

from gazette.corpus import IssueRecords
from gazette.kinds import KINDS
from gazette.registry import DEFAULT_DIR, Registry

from .citations import map_citations
from .documents import map_document, map_genres
from .force import map_force
from .heritage import map_categories
from .issue import map_issue
from .issuers import map_bodies
from .regulations import map_regulation
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
    map_force(rec, src, g, iris)
    for kind in KINDS:
        module, _, name = kind.mapper.partition(":")
        mapper = getattr(import_module(module), name)
        extra = (strict_privacy,) if kind.private else ()
        mapper(rec.tables.get(kind.key, []), src, g, iris, *extra)
    return g, bodies


def registry_graph(bodies: set[str], iris: IRIs, registry: Registry, registry_dir: Path | None) -> Graph:
    """Facts from the hand-kept registries: bodies and their hierarchy, genres, heritage categories."""
    g = new_graph(iris.graph("registry"))
    map_bodies(bodies, g, iris, registry)
    map_genres(g, iris)
    map_categories(g, iris, registry_dir or DEFAULT_DIR)
    return g
