"""Citations: a direct edge per relation, with eli:cites beside every typed one (ELI's cites is "cited in
the text", which each is; its applies and based_on are not sub-properties of it), and an evidence node
for every occurrence."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF

from gazette.citations import Citation

from .terms import ELI, GB, RELATIONS, IRIs, integer, zh


def map_citations(citations: list[Citation], source_iri, g: Graph, iris: IRIs) -> None:
    counters: dict[str, int] = {}
    for c in sorted(citations, key=lambda c: (c.citing, c.line, c.location, c.paragraph, c.span)):
        n = counters[c.citing] = counters.get(c.citing, 0) + 1
        citing, cited = iris.document(c.citing), iris.document(c.cited)
        g.add((citing, RELATIONS[c.relation], cited))
        # every typed citation is also a citation in the text: eli:cites, so eli:cites+ walks the network
        g.add((citing, ELI.cites, cited))
        ev = iris.citation(c.citing, n)
        g.add((ev, RDF.type, GB.CitationEvidence))
        g.add((ev, GB.citingDocument, citing))
        g.add((ev, GB.citedResource, cited))
        g.add((ev, GB.relation, Literal(c.relation)))
        if c.trigger:
            g.add((ev, GB.triggerWord, zh(c.trigger)))
        g.add((ev, GB.quote, zh(c.quote)))
        if c.title:
            g.add((ev, GB.citedTitle, zh(c.title)))
        if c.number:
            g.add((ev, GB.citedNumber, Literal(c.number)))
        if c.article:
            g.add((ev, GB.citedArticle, integer(c.article)))
        g.add((ev, GB.location, Literal(c.location)))
        g.add((ev, GB.charStart, integer(c.span[0])))
        g.add((ev, GB.charEnd, integer(c.span[1])))
        g.add((ev, GB.sourceLine, integer(c.line)))
        g.add((ev, GB.sourceLineEnd, integer(c.line_end)))
        g.add((ev, PROV.wasDerivedFrom, source_iri))
