"""The gazette issue: an eli:LegalResource of type gazette issue, and the source file it was read from."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from gazette.issue import IssueInfo

from .terms import ELI, GB, SCHEMA, IRIs, zh


def map_issue(info: IssueInfo, g: Graph, iris: IRIs, sha256: str):
    s = iris.issue(info.key)
    src = iris.source(info.key)
    g.add((s, RDF.type, ELI.LegalResource))
    g.add((s, RDF.type, GB.GazetteIssue))
    g.add((s, RDF.type, SCHEMA.PublicationIssue))
    g.add((s, ELI.type_document, iris.genre("gazette-issue")))
    title = f"{info.series or '政府公报'} {info.year or ''}年第{info.number or '?'}期".replace(" 年", "年")
    g.add((s, SKOS.prefLabel, zh(title)))
    if info.series:
        g.add((s, SCHEMA.name, zh(info.series)))
    if info.year:
        g.add((s, DCTERMS.date, Literal(str(info.year))))
    if info.number:
        g.add((s, SCHEMA.issueNumber, Literal(str(info.number))))
    g.add((s, PROV.wasDerivedFrom, src))
    g.add((src, RDF.type, PROV.Entity))
    g.add((src, DCTERMS.title, Literal(info.path)))
    g.add((src, GB.sha256, Literal(sha256)))
    g.add((src, DCTERMS.format, Literal("text/plain; charset=" + info.encoding)))
    return s, src
