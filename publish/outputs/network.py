"""The citation network for researchers: an edge list (CSV) and GraphML, which networkx, Gephi and R read.

One edge per citing document, cited document and relation, counted over its occurrences (the
gb:CitationEvidence nodes); one node per document that cites or is cited, with its number, title,
date, level and dates of force.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from xml.sax.saxutils import escape, quoteattr

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from mappings.terms import ELI, GB

from .timeline import document_date, label, level

EDGE_COLUMNS = ["source", "target", "relation", "occurrences", "source_label", "target_label", "source_date",
                "target_date", "source_level", "target_level", "target_published"]
# (GraphML key, attribute name, type) of nodes and of edges
NODE_KEYS = [("n_label", "label", "string"), ("n_number", "number", "string"), ("n_title", "title", "string"),
             ("n_date", "date", "string"), ("n_level", "level", "string"), ("n_entry", "entry_into_force", "string"),
             ("n_end", "no_longer_in_force", "string"), ("n_published", "published", "boolean")]
EDGE_KEYS = [("e_relation", "relation", "string"), ("e_occurrences", "occurrences", "int")]


def edges(g) -> list[tuple[str, str, str, int]]:
    """(citing, cited, relation, occurrences), sorted."""
    count: Counter = Counter()
    for ev in g.subjects(RDF.type, GB.CitationEvidence):
        citing, cited, relation = g.value(ev, GB.citingDocument), g.value(ev, GB.citedResource), g.value(ev, GB.relation)
        if citing is not None and cited is not None and relation is not None:
            count[(str(citing), str(cited), str(relation))] += 1
    return sorted((a, b, r, n) for (a, b, r), n in count.items())


def _node(g, iri: str) -> dict:
    n = URIRef(iri)
    number = g.value(n, ELI.id_local)
    title = next((str(t) for e in g.objects(n, ELI.is_realized_by) for t in g.objects(e, ELI.title)), None) \
        or (str(g.value(n, SKOS.prefLabel)) if g.value(n, SKOS.prefLabel) is not None else None)
    entry, end = g.value(n, ELI.first_date_entry_in_force), g.value(n, ELI.date_no_longer_in_force)
    return {"label": label(g, n), "number": str(number) if number is not None else None, "title": title,
            "date": document_date(g, n), "level": level(g, n), "entry_into_force": str(entry) if entry else None,
            "no_longer_in_force": str(end) if end else None, "published": g.value(n, ELI.is_member_of) is not None}


def edge_list_csv(g, found: list | None = None) -> str:
    found = edges(g) if found is None else found
    nodes = {iri: _node(g, iri) for iri in sorted({x for a, b, _, _ in found for x in (a, b)})}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EDGE_COLUMNS)
    for a, b, relation, n in found:
        s, t = nodes[a], nodes[b]
        w.writerow([a, b, relation, n, s["label"] or "", t["label"] or "", s["date"] or "", t["date"] or "",
                    s["level"] or "", t["level"] or "", "true" if t["published"] else "false"])
    return buf.getvalue()


def _data(key: str, value) -> str:
    if value is None:
        return ""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return f'<data key="{key}">{escape(text)}</data>'


def graphml(g, found: list | None = None) -> str:
    """The whole network as GraphML (directed; parallel edges where one document cites another twice over)."""
    found = edges(g) if found is None else found
    nodes = {iri: _node(g, iri) for iri in sorted({x for a, b, _, _ in found for x in (a, b)})}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    out += [f'  <key id="{k}" for="node" attr.name="{name}" attr.type="{kind}"/>' for k, name, kind in NODE_KEYS]
    out += [f'  <key id="{k}" for="edge" attr.name="{name}" attr.type="{kind}"/>' for k, name, kind in EDGE_KEYS]
    out.append('  <graph id="citations" edgedefault="directed">')
    for iri, attrs in nodes.items():
        data = "".join(_data(k, attrs[name]) for k, name, _ in NODE_KEYS)
        out.append(f"    <node id={quoteattr(iri)}>{data}</node>")
    for i, (a, b, relation, n) in enumerate(found):
        out.append(f'    <edge id="e{i}" source={quoteattr(a)} target={quoteattr(b)}>'
                   f'{_data("e_relation", relation)}{_data("e_occurrences", n)}</edge>')
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"
