"""Dumps: Turtle (per issue and all), N-Triples, N-Quads, TriG and JSON-LD, byte-identical run to run.

Line-based formats are written sorted; JSON-LD is written here from sorted triples, so neither
depends on the order a store happens to hold triples in.
"""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from mappings.terms import PREFIXES

RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _nt(term) -> str:
    """A term in N-Triples syntax (rdflib's n3() writes Turtle's long strings for multi-line text)."""
    if isinstance(term, BNode):
        raise ValueError("blank nodes are not published: every node gets an IRI")
    if isinstance(term, Literal):
        text = "".join(_ESCAPES.get(c, c) for c in str(term))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return f"<{term}>"


_LOCAL = __import__("re").compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


def _ttl(term, used: set) -> str:
    if isinstance(term, URIRef):
        iri = str(term)
        for p, ns in PREFIXES.items():
            ns = str(ns)
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
                used.add(p)
                return f"{p}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, Literal) and term.datatype and term.datatype != XSD.string and not term.language:
        used.add("xsd") if str(term.datatype).startswith(str(XSD)) else None
        text = "".join(_ESCAPES.get(c, c) for c in str(term))
        return f'"{text}"^^{_ttl(term.datatype, used)}'
    return _nt(term)


def subject_turtle(subject, graph: Graph) -> str:
    """A small Turtle document for one subject's triples, written directly (rdflib's writer is slow per page)."""
    used: set = set()
    by_pred: dict[str, list[str]] = {}
    for p, o in graph.predicate_objects(subject):
        key = "a" if p == RDF_TYPE else _ttl(p, used)
        by_pred.setdefault(key, []).append(_ttl(o, used))
    head = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(used))
    if not by_pred:
        return head
    parts = [f"{k} {', '.join(sorted(v))}" for k, v in sorted(by_pred.items(), key=lambda kv: (kv[0] != "a", kv[0]))]
    return head + "\n" + _ttl(subject, set()) + "\n    " + " ;\n    ".join(parts) + " .\n"


def ntriples(graph: Graph) -> str:
    return "".join(sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in graph))


def nquads(graphs: list[Graph]) -> str:
    lines = set()
    for g in graphs:
        gid = _nt(g.identifier)
        for s, p, o in g:
            lines.add(f"{_nt(s)} {_nt(p)} {_nt(o)} {gid} .\n")
    return "".join(sorted(lines))


def turtle(graph: Graph) -> str:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True, replace=True)
    for t in graph:
        g.add(t)
    return g.serialize(format="turtle")


def trig(graphs: list[Graph]) -> str:
    """Each named graph's Turtle inside its braces, graphs in IRI order (rdflib's TriG writer varies run to run)."""
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    parts = [head]
    for g in sorted(graphs, key=lambda g: str(g.identifier)):
        body = [l for l in turtle(g).splitlines() if not l.startswith("@prefix")]
        # no indenting: multi-line literals would take the indent into their text
        parts.append(f"\n<{g.identifier}> {{\n" + "\n".join(body).strip() + "\n}\n")
    return "".join(parts)


def context() -> dict:
    return {"@context": {p: str(ns) for p, ns in sorted(PREFIXES.items())}}


def _compact(iri: str) -> str:
    best = None
    for p, ns in PREFIXES.items():
        ns = str(ns)
        if iri.startswith(ns) and len(iri) > len(ns) and (best is None or len(ns) > len(best[1])):
            best = (p, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def _value(o) -> dict:
    if isinstance(o, URIRef):
        return {"@id": _compact(str(o))}
    if isinstance(o, Literal):
        if o.language:
            return {"@value": str(o), "@language": o.language}
        if o.datatype and o.datatype != XSD.string:
            return {"@value": str(o), "@type": _compact(str(o.datatype))}
        return {"@value": str(o)}
    raise ValueError("blank nodes are not published")


def _nodes(graph: Graph) -> list[dict]:
    by_subject: dict[str, dict[str, list]] = {}
    for s, p, o in graph:
        node = by_subject.setdefault(str(s), {})
        key = "@type" if str(p) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" else _compact(str(p))
        node.setdefault(key, []).append(_compact(str(o)) if key == "@type" else _value(o))
    out = []
    for s in sorted(by_subject):
        node = {"@id": _compact(s)}
        for k in sorted(by_subject[s]):
            node[k] = sorted(by_subject[s][k], key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        out.append(node)
    return out


def jsonld(graphs: list[Graph]) -> str:
    doc = {"@context": "context.jsonld",
           "@graph": [{"@id": _compact(str(g.identifier)), "@graph": _nodes(g)}
                      for g in sorted(graphs, key=lambda g: str(g.identifier))]}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def jsonld_inline(graphs: list[Graph]) -> str:
    """The same JSON-LD with its context inlined, for parsers that do not fetch context files."""
    doc = json.loads(jsonld(graphs))
    doc["@context"] = context()["@context"]
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def write_dumps(graphs: list[Graph], issue_graphs: dict[str, Graph], out: Path) -> dict[str, Path]:
    d = out / "dumps"
    d.mkdir(parents=True, exist_ok=True)
    union = Graph()
    for g in graphs:
        for t in g:
            union.add(t)
    files = {
        "all.ttl": turtle(union),
        "all.nt": ntriples(union),
        "all.nq": nquads(graphs),
        "all.trig": trig(graphs),
        "all.jsonld": jsonld_inline(graphs),
        "context.jsonld": json.dumps(context(), ensure_ascii=False, indent=1) + "\n",
    }
    for key, g in sorted(issue_graphs.items()):
        files[f"issues/{key}.ttl"] = turtle(g)
    written = {}
    for name, text in files.items():
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        written[name] = p
    return written
