"""Issuing bodies (org:Organization) and their hierarchy 区 -> 市 -> 国家: tiers and parents from the
registry where it knows a body, else from the body's name (gazette.tiers)."""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from gazette.identity import body_slug
from gazette.registry import Registry
from gazette.tiers import placement

from .terms import ELI, GB, ORG, IRIs, en, zh


def body_iri(name: str, iris: IRIs, registry: Registry):
    return iris.body(body_slug(registry.canonical_body_name(name), registry))


def map_bodies(names: set[str], g: Graph, iris: IRIs, registry: Registry) -> None:
    """Each body named anywhere, with every ancestor the registry knows."""
    todo = sorted({registry.canonical_body_name(n) for n in names})
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        s = body_iri(name, iris, registry)
        g.add((s, RDF.type, ORG.Organization))
        g.add((s, RDF.type, ELI.Agent))
        g.add((s, SKOS.prefLabel, zh(name)))
        place, _ = placement(name, registry)
        if place.tier:
            g.add((s, GB.level, _lit(place.tier)))
        if place.parent:
            g.add((s, ORG.subOrganizationOf, body_iri(place.parent, iris, registry)))
            todo.append(registry.canonical_body_name(place.parent))
        b = registry.body(name)
        if b is None:
            continue
        if b.name_en:
            g.add((s, SKOS.prefLabel, en(b.name_en)))
        for alias in b.aliases:
            g.add((s, SKOS.altLabel, zh(alias)))
        g.add((s, GB.jurisdiction, _lit(b.jurisdiction)))


def _lit(v: str):
    from rdflib import Literal
    return Literal(v)
