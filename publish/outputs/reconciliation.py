"""The reconciliation index: one entry per entity that can be reconciled (heritage items, categories,
documents, bodies, glossary terms), written at build time as reconcile.json for the server
(publish/server/reconcile.py). Pupils are never candidates: award entries are not in the index."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, SKOS

from mappings.terms import ELI, GB, ORG

TYPES = {
    "HeritageItem": "非物质文化遗产项目 heritage item",
    "HeritageCategory": "非物质文化遗产类别 heritage category",
    "Document": "公文 document",
    "Body": "发文机关 issuing body",
    "GlossaryTerm": "名词 glossary term",
}
# the reconciliation type of each table kind declared reconcilable (gazette/kinds.py)
KIND_TYPES = {"heritage": "HeritageItem", "glossary": "GlossaryTerm"}
PROPERTIES = {
    "HeritageItem": {"code": "编号 code", "category": "类别 category", "applicant": "申报地区或单位 applicant",
                     "batch": "批次 batch", "level": "级别 level", "notice": "公布文件 notice"},
    "HeritageCategory": {"code": "编号 code"},
    "Document": {"number": "发文字号 number", "date": "成文日期 date", "issuer": "发文机关 issuer", "genre": "文种 genre"},
    "Body": {"level": "层级 level", "parent": "上级机关 parent"},
    "GlossaryTerm": {"definition": "释义 definition"},
}


def _zh(g: Graph, s, p=SKOS.prefLabel) -> str | None:
    vals = sorted(g.objects(s, p))
    for v in vals:
        if getattr(v, "language", None) and v.language.lower() == "zh-hans":
            return str(v)
    return str(vals[0]) if vals else None


def build_index(g: Graph, base: str) -> list[dict]:
    """One entry per entity that can be reconciled, with what matching and extension need."""
    base = base.rstrip("/") + "/"
    rel = lambda s: str(s)[len(base):]  # noqa: E731
    out = []
    for item in g.subjects(RDF.type, GB.HeritageItem):
        cat = g.value(item, GB.heritageCategory)
        ins = next(iter(g.subjects(GB.inscribes, item)), None)
        notice = g.value(ins, GB.inscribedBy) if ins is not None else None
        out.append({"id": rel(item), "type": "HeritageItem", "name": _zh(g, item),
                    "code": str(g.value(item, DCTERMS.identifier)), "printed_code": str(g.value(item, SKOS.notation)),
                    "props": {"code": [str(g.value(item, SKOS.notation)), str(g.value(item, DCTERMS.identifier))],
                              "category": [_zh(g, cat)] if cat is not None else [],
                              "applicant": sorted(str(a) for a in g.objects(ins, GB.applicant)) if ins is not None else [],
                              "batch": sorted(str(b) for b in g.objects(ins, GB.batch)) if ins is not None else [],
                              "level": sorted(str(b) for b in g.objects(ins, GB.listLevel)) if ins is not None else [],
                              "notice": [str(g.value(notice, ELI.id_local) or "")] if notice is not None else []},
                    "sub_items": sorted(str(s) for s in g.objects(item, GB.subItem)),
                    # the values that are entities of the service too: extension returns them as ids
                    "links": {"category": [{"id": rel(cat), "name": _zh(g, cat)}] if cat is not None else [],
                              "notice": [{"id": rel(notice), "name": str(g.value(notice, ELI.id_local) or _zh(g, notice) or "")}]
                              if notice is not None and str(notice).startswith(base) else []}})
    for cat in g.subjects(SKOS.topConceptOf, None):
        out.append({"id": rel(cat), "type": "HeritageCategory", "name": _zh(g, cat), "code": None,
                    "props": {"code": [str(g.value(cat, SKOS.notation))]},
                    "alt": sorted(str(o) for o in g.objects(cat, SKOS.hiddenLabel))})
    for doc in set(g.subjects(RDF.type, ELI.LegalResource)):
        if (doc, RDF.type, GB.GazetteIssue) in g or (doc, RDF.type, GB.Annex) in g or not str(doc).startswith(base):
            continue
        expr = g.value(doc, ELI.is_realized_by)
        title = _zh(g, expr, ELI.title) if expr is not None else None
        number = g.value(doc, ELI.id_local)
        name = title or (str(number) if number else None)
        if not name:
            continue
        issuers = sorted(_zh(g, b) or "" for b in g.objects(doc, ELI.passed_by))
        genre = g.value(doc, ELI.type_document)
        out.append({"id": rel(doc), "type": "Document", "name": name, "code": str(number) if number else None,
                    "props": {"number": [str(number)] if number else [], "issuer": issuers,
                              "date": sorted(str(d) for d in g.objects(doc, ELI.date_document)),
                              "genre": [_zh(g, genre)] if genre is not None else []},
                    "links": {"issuer": [{"id": rel(b), "name": _zh(g, b) or ""} for b in sorted(g.objects(doc, ELI.passed_by))
                                         if str(b).startswith(base)]}})
    for body in g.subjects(RDF.type, ORG.Organization):
        parent = g.value(body, ORG.subOrganizationOf)
        out.append({"id": rel(body), "type": "Body", "name": _zh(g, body), "code": None,
                    "alt": sorted(str(a) for a in g.objects(body, SKOS.altLabel)),
                    "props": {"level": sorted(str(l) for l in g.objects(body, GB.level)),
                              "parent": [_zh(g, parent)] if parent is not None else []},
                    "links": {"parent": [{"id": rel(parent), "name": _zh(g, parent) or ""}]
                              if parent is not None and str(parent).startswith(base) else []}})
    for term in g.subjects(SKOS.definition, None):
        out.append({"id": rel(term), "type": "GlossaryTerm", "name": _zh(g, term), "code": None,
                    "props": {"definition": [str(g.value(term, SKOS.definition))]}})
    return sorted((e for e in out if e["name"]), key=lambda e: (e["type"], e["id"]))


# what the index reads (publish/outputs/reads.py; tests hold build_index to it)
READS = frozenset(map(str, (
    SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation, SKOS.definition, SKOS.topConceptOf, DCTERMS.identifier,
    RDF.type, GB.HeritageItem, GB.GazetteIssue, GB.Annex, ELI.LegalResource, ORG.Organization, ORG.subOrganizationOf,
    GB.heritageCategory, GB.inscribes, GB.inscribedBy, GB.applicant, GB.batch, GB.listLevel, GB.subItem, GB.level,
    ELI.id_local, ELI.is_realized_by, ELI.title, ELI.passed_by, ELI.type_document, ELI.date_document)))


def write_index(g: Graph, base: str, out: Path, changed: set[str] | None = None) -> Path | None:
    """The index, when `changed` (the changed predicates and classes; None on a fresh build) concerns it."""
    from .reads import concerns
    if not concerns(READS, changed):
        return None
    path = out / "reconcile.json"
    path.write_text(json.dumps(build_index(g, base), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
