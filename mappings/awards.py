"""Award entries: recipients' names stay literals on the entry, never person IRIs (GUIDE §5).

One gb:Award per list (one rank of one list, or of one decision sentence), with the number of
recipients the text states for it where it states one (gb:statedCount: …等80个先进集体 names one of 80).
Each entry says whether its recipient is a person (gb:recipientIsPerson) and keeps what the text adds
after a person's name (gb:recipientNote: 女, 满族, 女，泰国) apart from the name.
"""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

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
        if e.group:
            g.add((a, GB.awardGroup, zh(e.group)))
        if e.stated is not None:
            g.add((a, GB.statedCount, integer(e.stated)))
        g.add((a, GB.awardedBy, iris.document(e.notice)))
        s = iris.award_entry(e.list_key, e.seq)
        g.add((s, RDF.type, GB.AwardEntry))
        g.add((s, GB.awardOf, a))
        g.add((s, GB.awardedBy, iris.document(e.notice)))
        g.add((s, GB.rank, zh(e.rank)))
        if e.edition:
            g.add((s, GB.edition, zh(e.edition)))
        g.add((s, GB.sequence, integer(e.seq)))
        if e.school:
            g.add((s, GB.school, zh(e.school)))
        g.add((s, GB.recipientIsPerson, Literal(bool(e.person), datatype=XSD.boolean)))
        # a person's name (and what is noted after it) is left out in strict privacy mode; a body's name is not
        # a person's, but it is masked too where the records masked it
        if e.name.strip("＊") and not (strict_privacy and e.person):
            g.add((s, GB.recipientName, zh(e.name)))
        if e.annotation and not strict_privacy:
            g.add((s, GB.recipientNote, zh(e.annotation)))
        provenance(g, s, source_iri, e.line, e.lines[-1] if len(e.lines) > 1 else None)
