"""Heritage lists, items, inscriptions and the ten categories (SKOS)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from gazette.heritage import ASCII_ROMAN, HeritageItem, load_categories

from .terms import GB, IRIs, en, integer, provenance, zh


def map_categories(g: Graph, iris: IRIs, registry_dir: Path) -> None:
    scheme = iris.category_scheme()
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, zh("非物质文化遗产项目类别")))
    g.add((scheme, DCTERMS.title, zh("非物质文化遗产项目类别")))
    g.add((scheme, SKOS.prefLabel, en("Categories of intangible cultural heritage")))
    for c in load_categories(registry_dir):
        s = iris.category(ASCII_ROMAN[c.number])
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, scheme))
        g.add((s, SKOS.topConceptOf, scheme))
        g.add((s, SKOS.prefLabel, zh(c.name)))
        g.add((s, SKOS.prefLabel, en(c.name_en)))
        g.add((s, SKOS.notation, Literal(c.numeral)))
        for f in c.former:
            g.add((s, SKOS.hiddenLabel, zh(f)))


def map_heritage(items: list[HeritageItem], source_iri, g: Graph, iris: IRIs) -> None:
    for it in items:
        lst = iris.heritage_list(it.list_key)
        g.add((lst, RDF.type, GB.HeritageList))
        g.add((lst, RDF.type, SKOS.ConceptScheme))
        g.add((lst, SKOS.prefLabel, zh(it.list_title)))
        g.add((lst, DCTERMS.title, zh(it.list_title)))
        g.add((lst, GB.partOfDocument, iris.document(it.notice)))
        if it.batch:
            g.add((lst, GB.batch, zh(it.batch)))
        if it.batch_number:
            g.add((lst, GB.batchNumber, integer(it.batch_number)))
        if it.level:
            g.add((lst, GB.listLevel, zh(it.level)))
        s = iris.heritage_item(it.list_key, it.code)
        g.add((s, RDF.type, GB.HeritageItem))
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, lst))
        g.add((s, SKOS.prefLabel, zh(it.name)))
        g.add((s, SKOS.notation, Literal(it.code_printed or it.code)))
        g.add((s, DCTERMS.identifier, Literal(it.code)))
        g.add((s, GB.heritageCategory, iris.category(ASCII_ROMAN[it.category_number])))
        for sub in it.sub_items:
            g.add((s, GB.subItem, zh(sub)))
        ins = iris.heritage_item(it.list_key, it.code + "/inscription")
        g.add((ins, RDF.type, GB.HeritageInscription))
        g.add((ins, RDFS.label, zh(f"{it.name} 列入{it.list_title}（申报：{'、'.join(it.applicants)}）")))
        g.add((ins, GB.inscribes, s))
        g.add((ins, GB.inscribedBy, iris.document(it.notice)))
        g.add((ins, GB.onList, lst))
        g.add((ins, GB.sequence, integer(it.seq)))
        if it.batch:
            g.add((ins, GB.batch, zh(it.batch)))
        if it.level:
            g.add((ins, GB.listLevel, zh(it.level)))
        for a in it.applicants:
            g.add((ins, GB.applicant, zh(a)))
        for u in it.protection_units:
            g.add((ins, GB.protectionUnit, zh(u)))
        g.add((ins, GB.isExtension, Literal(bool(it.extension), datatype=XSD.boolean)))
        for node in (s, ins):
            provenance(g, node, source_iri, it.lines[0], it.lines[-1])
