"""A report's 名词解释 as a SKOS concept scheme."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from gazette.glossary import GlossaryTerm

from .terms import GB, IRIs, provenance, zh


def map_glossary(terms: list[GlossaryTerm], source_iri, g: Graph, iris: IRIs) -> None:
    for t in terms:
        scheme = iris.glossary(t.glossary_key)
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, zh("名词解释")))
        g.add((scheme, DCTERMS.title, zh("名词解释")))
        g.add((scheme, GB.partOfDocument, iris.document(t.document)))
        s = iris.term(t.glossary_key, t.number)
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, scheme))
        g.add((s, SKOS.prefLabel, zh(t.term)))
        g.add((s, SKOS.definition, zh(t.definition)))
        g.add((s, SKOS.notation, Literal(str(t.number))))
        provenance(g, s, source_iri, t.lines[0], t.lines[-1])
