"""Exports for offices and researchers: every heritage item with its IRI and code (CSV); the citation network as
an edge list (CSV) and GraphML; the diffusion of each policy to the lower levels that follow it (CSV)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, SKOS

from mappings.terms import ELI, GB, RELATIONS

from .reads import concerns

from .network import edge_list_csv, edges, graphml
from .timeline import diffusion_table

COLUMNS = ["iri", "code_printed", "code", "name", "sub_items", "category", "applicants", "batch", "level", "notice"]


def heritage_csv(g: Graph) -> str:
    rows = []
    for item in g.subjects(predicate=None, object=GB.HeritageItem):
        ins = next(iter(g.subjects(GB.inscribes, item)), None)
        cat = g.value(item, GB.heritageCategory)
        notice = g.value(ins, GB.inscribedBy) if ins is not None else None
        rows.append([
            str(item), str(g.value(item, SKOS.notation)), str(g.value(item, DCTERMS.identifier)),
            str(g.value(item, SKOS.prefLabel)), "、".join(sorted(str(s) for s in g.objects(item, GB.subItem))),
            next((str(o) for o in g.objects(cat, SKOS.prefLabel) if o.language == "zh-Hans"), ""),
            "、".join(sorted(str(a) for a in g.objects(ins, GB.applicant))) if ins is not None else "",
            str(g.value(ins, GB.batch) or "") if ins is not None else "",
            str(g.value(ins, GB.listLevel) or "") if ins is not None else "",
            str(g.value(notice, ELI.id_local) or "") if notice is not None else "",
        ])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(sorted(rows, key=lambda r: (r[9], len(r[2]), r[2])))
    return buf.getvalue()


DIFFUSION_COLUMNS = ["policy", "policy_label", "policy_level", "policy_date", "policy_year", "document", "label",
                     "relation", "bodies", "level", "date", "year", "lag", "lag_unit", "lag_basis"]


def diffusion_csv(g: Graph) -> str:
    """One row per lower-level document following a policy; the lag in days where both dates are known, else
    in years, with lag_basis number_year where a 文号's year stood in for a date."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(DIFFUSION_COLUMNS)
    for r in diffusion_table(g):
        w.writerow(["" if v is None else v for v in (
            r.policy, r.policy_label, r.policy_level, r.policy_date, r.policy_year, r.document, r.label, r.relation,
            "、".join(r.bodies), r.level, r.date, r.year, r.lag, r.lag_unit, r.lag_basis)])
    return buf.getvalue()


LABELS = (SKOS.prefLabel, ELI.id_local, ELI.is_realized_by, ELI.title)
CITING = tuple(RELATIONS.values())
# what each export reads (publish/outputs/reads.py; tests/test_exports.py holds the code to it): a rebuild in
# place makes an export again only when a changed triple concerns it
READS = {
    "heritage": frozenset(map(str, (*LABELS, GB.HeritageItem, DCTERMS.identifier, SKOS.notation, GB.heritageCategory,
                                    GB.inscribes, GB.inscribedBy, GB.applicant, GB.batch, GB.listLevel, GB.subItem))),
    "diffusion": frozenset(map(str, (*LABELS, *CITING, ELI.passed_by, GB.level, ELI.date_document, ELI.date_publication,
                                     GB.numberYear))),
    "citations": frozenset(map(str, (*LABELS, *CITING, RDF.type, GB.CitationEvidence, GB.citedResource,
                                     GB.citingDocument, GB.relation, ELI.passed_by, GB.level, ELI.date_document,
                                     ELI.date_publication, ELI.first_date_entry_in_force, ELI.date_no_longer_in_force,
                                     ELI.is_member_of, GB.numberYear))),
}


# every export file, each with what it is made from (READS)
FILES = {"citations.csv": "citations", "citations.graphml": "citations", "diffusion.csv": "diffusion",
         "heritage-items.csv": "heritage"}


def write_exports(g: Graph, out: Path, changed: set[str] | None = None) -> list[str]:
    """The exports that `changed` concerns (all, on a fresh build); returns the files written."""
    d = out / "exports"
    d.mkdir(parents=True, exist_ok=True)
    written = []
    if concerns(READS["heritage"], changed):
        (d / "heritage-items.csv").write_text("\ufeff" + heritage_csv(g), encoding="utf-8")
        written.append("heritage-items.csv")
    # a spreadsheet opens a CSV as UTF-8 only with the mark; networkx and R read the GraphML and the plain CSVs
    if concerns(READS["diffusion"], changed):
        (d / "diffusion.csv").write_text("\ufeff" + diffusion_csv(g), encoding="utf-8")
        written.append("diffusion.csv")
    if concerns(READS["citations"], changed):
        found = edges(g)
        (d / "citations.csv").write_text("\ufeff" + edge_list_csv(g, found), encoding="utf-8")
        (d / "citations.graphml").write_text(graphml(g, found), encoding="utf-8")
        written += ["citations.csv", "citations.graphml"]
    return written
