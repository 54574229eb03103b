"""Documents of an issue: eli:LegalResource + a zh-Hans eli:LegalExpression, annexes, issue membership."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from gazette.genres import GENRES
from gazette.records import Document
from gazette.registry import Registry

from .issuers import body_iri
from .terms import ELI, GB, LANG_ZHO, IRIs, date, en, integer, provenance, zh

GENRE_SLUGS = {g: e.replace(" ", "-").replace("é", "e") for g, e in GENRES.items()}


def map_genres(g: Graph, iris: IRIs) -> None:
    scheme = iris.genres()
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, zh("公文文种")))
    g.add((scheme, DCTERMS.title, zh("公文文种")))
    g.add((scheme, SKOS.prefLabel, en("Genres of official documents (GB/T 9704)")))
    for zh_name, en_name in sorted(GENRES.items()):
        c = iris.genre(GENRE_SLUGS[zh_name])
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, RDF.type, ELI.ResourceType))
        g.add((c, SKOS.inScheme, scheme))
        g.add((c, SKOS.prefLabel, zh(zh_name)))
        g.add((c, SKOS.prefLabel, en(en_name)))
    issue = iris.genre("gazette-issue")
    g.add((issue, RDF.type, SKOS.Concept))
    g.add((issue, RDF.type, ELI.ResourceType))
    g.add((issue, SKOS.inScheme, scheme))
    g.add((issue, SKOS.prefLabel, zh("政府公报期刊")))
    g.add((issue, SKOS.prefLabel, en("gazette issue")))


def map_number(g: Graph, s, number) -> None:
    g.add((s, ELI.id_local, Literal(number.canonical)))
    g.add((s, DCTERMS.identifier, Literal(number.canonical)))
    g.add((s, GB.numberCode, Literal(number.code)))
    g.add((s, GB.numberSerial, integer(number.number)))
    g.add((s, GB.numberSeries, Literal(number.series)))
    if number.year is not None:
        g.add((s, GB.numberYear, integer(number.year)))


def map_document(doc: Document, issue_iri, source_iri, g: Graph, iris: IRIs, registry: Registry) -> None:
    s = iris.document(doc.key)
    e = iris.expression(doc.key)
    g.add((s, RDF.type, ELI.LegalResource))
    g.add((s, ELI.is_member_of, issue_iri))
    g.add((issue_iri, ELI.has_member, s))
    if doc.number:
        map_number(g, s, doc.number)
        g.add((s, GB.numberSource, Literal(doc.number_source)))
    g.add((s, SKOS.prefLabel, zh(doc.title)))
    g.add((s, ELI.is_realized_by, e))
    g.add((e, RDF.type, ELI.LegalExpression))
    g.add((e, ELI.realizes, s))
    g.add((e, ELI.title, zh(doc.title)))
    g.add((e, ELI.language, LANG_ZHO))
    g.add((e, GB.fullText, zh("\n".join(p.text for p in doc.paragraphs))))
    if doc.genre:
        g.add((s, ELI.type_document, iris.genre(GENRE_SLUGS[doc.genre])))
    for name in doc.issuers:
        g.add((s, ELI.passed_by, body_iri(name, iris, registry)))
    if doc.date_document:
        g.add((s, ELI.date_document, date(doc.date_document)))
    if doc.printed_by:
        g.add((s, GB.printedBy, body_iri(doc.printed_by.office, iris, registry)))
        if doc.printed_by.date:
            g.add((s, GB.datePrinted, date(doc.printed_by.date)))
            if len(doc.printed_by.date) == 10:
                g.add((s, ELI.date_publication, date(doc.printed_by.date)))
    for r in doc.recipients:
        g.add((s, GB.recipient, zh(r)))
    for a in doc.attachments:
        g.add((s, GB.attachmentTitle, zh(a)))
    if doc.disclosure:
        g.add((s, GB.disclosure, zh(doc.disclosure)))
    if doc.section:
        g.add((s, GB.section, zh(doc.section)))
    if doc.forwarded_by:
        g.add((s, GB.reproducedIn, iris.document(doc.forwarded_by)))
    provenance(g, s, source_iri, *doc.line_span)
    for n, annex in enumerate(doc.annexes, 1):
        a = iris.annex(doc.key, n)
        g.add((a, RDF.type, ELI.LegalResource))
        g.add((a, RDF.type, GB.Annex))
        g.add((s, GB.hasAnnex, a))
        g.add((s, ELI.has_part, a))
        g.add((a, ELI.is_part_of, s))
        g.add((a, SKOS.prefLabel, zh(annex.title or f"附件{n}")))
        ae = iris.expression(f"{doc.key}/annex/{n}")
        g.add((a, ELI.is_realized_by, ae))
        g.add((ae, RDF.type, ELI.LegalExpression))
        g.add((ae, ELI.realizes, a))
        g.add((ae, ELI.title, zh(annex.title or f"附件{n}")))
        g.add((ae, ELI.language, LANG_ZHO))
        g.add((ae, GB.fullText, zh("\n".join(p.text for p in annex.paragraphs))))
        provenance(g, a, source_iri, *annex.line_span)
