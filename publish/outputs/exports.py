"""CSV exports for offices to start from: every heritage item with its IRI and code."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, SKOS

from mappings.terms import ELI, GB

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


def write_exports(g: Graph, out: Path) -> Path:
    d = out / "exports"
    d.mkdir(parents=True, exist_ok=True)
    p = d / "heritage-items.csv"
    p.write_text("\ufeff" + heritage_csv(g), encoding="utf-8")
    return p
