"""Award entries: the pupils' names stay literals on the entry, never person IRIs (GUIDE §5)."""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from gazette.awards import AwardEntry

from .terms import GB, IRIs, integer, provenance, zh


def map_awards(entries: list[AwardEntry], source_iri, g: Graph, iris: IRIs, strict_privacy: bool) -> None:
    for e in entries:
        a = iris.award(e.list_key)
        g.add((a, RDF.type, GB.Award))
        g.add((a, RDFS.label, zh(e.list_title)))
        g.add((a, GB.rank, zh(e.rank)))
        if e.edition:
            g.add((a, GB.edition, zh(e.edition)))
        g.add((a, GB.awardedBy, iris.document(e.notice)))
        s = iris.award_entry(e.list_key, e.seq)
        g.add((s, RDF.type, GB.AwardEntry))
        g.add((s, GB.awardOf, a))
        g.add((s, GB.awardedBy, iris.document(e.notice)))
        g.add((s, GB.rank, zh(e.rank)))
        if e.edition:
            g.add((s, GB.edition, zh(e.edition)))
        g.add((s, GB.sequence, integer(e.seq)))
        g.add((s, GB.school, zh(e.school)))
        if not strict_privacy and e.name.strip("＊"):
            g.add((s, GB.recipientName, zh(e.name)))
        provenance(g, s, source_iri, e.line)
