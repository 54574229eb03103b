"""What the SPARQL page runs on: the graph cut by predicate, which the browser fetches as a query needs it.

The page does not load the whole of dumps/all.nq (107 MB at 100 issues). The build cuts it into one
N-Quads file per predicate (rdf:type one per class), each holding every quad of its predicate in every
named graph, and the page's script (site/static/sparql-scope.js) reads a query for the predicates (and
classes) it can touch and fetches only those segments. A query whose patterns all name their predicates gives the same answer on the quads of those
predicates as on the whole graph; where a pattern can match any predicate (a variable not bound to named
predicates, a negated property set, DESCRIBE, a zero-length path between two variables, GRAPH ?g over
nothing), the script fetches every segment. Nothing is loaded per issue, so a citation chain crossing
issues is answered whole: the chain query touches nine small segments.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rdflib.namespace import RDF

from gazette import datafiles
from mappings.terms import PREFIXES

SEGMENTS = "sparql/data"       # under the site


def segment_name(predicate: str) -> str:
    """A segment's file: named by its predicate, so a rebuild writes the same name for the same predicate."""
    return hashlib.sha256(predicate.encode("utf-8")).hexdigest()[:16] + ".nq"


RDF_TYPE = str(RDF.type)


def write_segments(nquads: Path, folder: Path, changed: set[str] | None = None) -> tuple[dict[str, dict], dict[str, dict]]:
    """Cut an N-Quads file (the build's own: a quad a line, its predicate the second term) by predicate, and
    rdf:type by class besides (a query naming gb:HeritageItem needs its items' types, not every type).
    Returns ({predicate: {file, quads, bytes}}, {class: {file, quads, bytes}}), in the order of their IRIs.
    `changed`, on a rebuild in place, holds the predicates and classes of the changed triples: only their
    segments are written again (every segment is counted)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, object] = {}
    counts: dict[str, list[int]] = {}
    try:
        with open(nquads, encoding="utf-8") as f:
            for line in f:
                parts = line.split(" ", 3)
                if len(parts) < 4 or not parts[1].startswith("<"):
                    continue
                p = parts[1][1:-1]
                key = "type " + parts[2][1:-1] if p == RDF_TYPE and parts[2].startswith("<") else p
                out = files.get(key, False)
                if out is False:
                    kept = changed is not None and (key[len("type "):] if key.startswith("type ") else p) not in changed
                    out = files[key] = None if kept else open(folder / segment_name(key), "w", encoding="utf-8")
                    counts[key] = [0, 0]
                if out is not None:
                    out.write(line)
                counts[key][0] += 1
                counts[key][1] += len(line.encode("utf-8"))
    finally:
        for out in files.values():
            if out is not None:
                out.close()
    segments = {k: {"file": segment_name(k), "quads": n, "bytes": b} for k, (n, b) in sorted(counts.items())}
    return ({k: v for k, v in segments.items() if not k.startswith("type ")},
            {k[len("type "):]: v for k, v in segments.items() if k.startswith("type ")})


def description_terms(void_ttl: Path) -> set[str]:
    """The predicates of the dataset's description, and the classes it types things with."""
    from rdflib import Graph
    g = Graph().parse(void_ttl, format="turtle")
    return {str(p) for p in g.predicates()} | {str(o) for o in g.objects(None, RDF.type)}


def example_queries() -> list[dict]:
    """queries/*.rq, each named by its first comment line (what it answers) and, for its tab, the first
    clause of that line."""
    out = []
    for q in sorted(datafiles.QUERIES.glob("*.rq")):
        text = q.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        about = first.lstrip("#").strip() if first.startswith("#") else q.stem
        short = re.split(r"[:,;(（：，]", about, maxsplit=1)[0].strip().rstrip(".") or q.stem
        out.append({"id": q.stem, "about": about, "name": short, "text": text})
    return out


def page_values(site, changed: set[str] | None = None) -> dict:
    """The SPARQL page's values: the example queries, and its script's settings (the segments, the prefixes
    it shortens IRIs by, the base under which an IRI has a page here)."""
    if changed is not None:
        # the dataset's description (dumps/void.ttl, a named graph of all.nq) is made anew by every build, with
        # counts that change with any issue: its predicates' and classes' segments are written again too
        changed = changed | description_terms(site.out / "dumps" / "void.ttl")
    segments, types = write_segments(site.out / "dumps" / "all.nq", site.site / SEGMENTS, changed)
    roots = sorted({site.path_of(p).split("/", 1)[0] for p in site.pages})
    config = {"segments": segments, "types": types, "data": SEGMENTS, "base": site.base, "pageRoots": roots,
              "prefixes": {p: str(ns) for p, ns in sorted(PREFIXES.items())}}
    return {"queries": example_queries(), "config": config}
