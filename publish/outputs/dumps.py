"""Dumps: Turtle (per issue and all), N-Triples, N-Quads, TriG and JSON-LD, byte-identical run to run.

Every whole-corpus dump is written as a stream from per-graph segments (each graph's lines, Turtle
blocks and JSON-LD nodes, made from the sorted N-Triples files the workers wrote and kept in the cache),
so no step holds the corpus graph in memory: N-Triples and Turtle from a merge of the graphs on the
subject, N-Quads, TriG and JSON-LD a graph at a time.
"""
from __future__ import annotations

import heapq
from functools import lru_cache
import json
import re
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from mappings.terms import PREFIXES

RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_TYPE_NT = f"<{RDF_TYPE}>"

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\r": "\r", "\\t": "\t", "\\'": "'", "\\b": "\b", "\\f": "\f"}
_ESCAPED = re.compile(r'\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)')


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def _unescape(text: str) -> str:
    def one(m):
        s = m.group(0)
        return chr(int(s[2:], 16)) if s[1] in "uU" else _UNESCAPES.get(s, s[1])
    return _ESCAPED.sub(one, text) if "\\" in text else text


def nt_term(term) -> str:
    """A term in N-Triples syntax (rdflib's n3() writes Turtle's long strings for multi-line text)."""
    if isinstance(term, BNode):
        raise ValueError("blank nodes are not published: every node gets an IRI")
    if isinstance(term, Literal):
        text = _escape(str(term))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return f"<{term}>"


# --- terms as N-Triples text -------------------------------------------------------------------

def split_line(line: str) -> tuple[str, str, str]:
    """An N-Triples line (as written here: IRIs, no blank nodes) as its three terms' text."""
    i = line.index("> ") + 1
    j = line.index("> ", i + 1) + 1
    return line[:i], line[i + 1:j], line[j + 1:line.rindex(" .")]


def parse_literal(o: str) -> tuple[str, str | None, str | None]:
    """The text, language and datatype of an N-Triples literal."""
    end = o.rindex('"')
    text, rest = _unescape(o[1:end]), o[end + 1:]
    if rest.startswith("@"):
        return text, rest[1:], None
    if rest.startswith("^^<"):
        return text, None, rest[3:-1]
    return text, None, None


_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_BY_LENGTH = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda x: (-len(x[1]), x[0]))


@lru_cache(maxsize=1 << 18)
def _prefix_of(iri: str) -> tuple[str, str] | None:
    """(prefix, prefixed name) of an IRI, or None; kept, since the same predicates and classes recur
    on every line of a dump."""
    for p, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return p, f"{p}:{iri[len(ns):]}"
    return None


def _prefixed(iri: str, used: set | None) -> str | None:
    found = _prefix_of(iri)
    if found is None:
        return None
    if used is not None:
        used.add(found[0])
    return found[1]


def ttl_term(term: str, used: set | None = None) -> str:
    """An N-Triples term as Turtle: IRIs and datatypes as prefixed names where they can be."""
    if term.startswith("<"):
        return _prefixed(term[1:-1], used) or term
    if term.endswith(">") and '"^^<' in term:
        cut = term.rindex('"^^<')
        return term[:cut + 3] + ttl_term(term[cut + 3:], used)
    return term


def _block(subject: str, pairs: list[tuple[str, str]], used: set | None) -> str:
    by_pred: dict[str, list[str]] = {}
    for p, o in pairs:
        key = "a" if p == RDF_TYPE_NT else ttl_term(p, used)
        by_pred.setdefault(key, []).append(ttl_term(o, used))
    parts = [f"{k} {', '.join(sorted(set(v)))}" for k, v in sorted(by_pred.items(), key=lambda kv: (kv[0] != "a", kv[0]))]
    return ttl_term(subject, used) + "\n    " + " ;\n    ".join(parts) + " .\n"


def by_subject(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Sorted N-Triples lines grouped into (subject, [(predicate, object)])."""
    current, pairs = None, []
    for line in lines:
        s, p, o = split_line(line)
        if s != current:
            if current is not None:
                yield current, pairs
            current, pairs = s, []
        pairs.append((p, o))
    if current is not None:
        yield current, pairs


def prefix_header(prefixes: Iterable[str] | None = None) -> str:
    names = sorted(PREFIXES) if prefixes is None else sorted(prefixes)
    return "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in names)


def turtle_lines(lines: Iterable[str], out, header: bool = True) -> None:
    """Sorted N-Triples lines written to `out` as Turtle, a subject block at a time."""
    if header:
        out.write(prefix_header())
    for s, pairs in by_subject(lines):
        out.write("\n" + _block(s, pairs, None))


def turtle_text(lines: Iterable[str]) -> str:
    """A small Turtle document with only the prefixes it uses (for pages and per-issue dumps)."""
    used: set = set()
    body = "".join("\n" + _block(s, pairs, used) for s, pairs in by_subject(lines))
    return prefix_header(used) + body


def subject_turtle(subject, pairs) -> str:
    """One subject's triples as Turtle; `pairs` are rdflib (predicate, object) terms."""
    s = nt_term(subject)
    return turtle_text(sorted(f"{s} {nt_term(p)} {nt_term(o)} .\n" for p, o in pairs))


def ntriples(graph) -> str:
    return "".join(sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in graph))


def turtle(graph: Graph) -> str:
    return turtle_text(ntriples(graph).splitlines(keepends=True))


# --- JSON-LD ------------------------------------------------------------------------------------

def context() -> dict:
    return {"@context": {p: str(ns) for p, ns in sorted(PREFIXES.items())}}


@lru_cache(maxsize=1 << 18)
def _compact(iri: str) -> str:
    for p, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri


def _json_value(o: str) -> dict:
    if o.startswith("<"):
        return {"@id": _compact(o[1:-1])}
    text, lang, dt = parse_literal(o)
    if lang:
        return {"@value": text, "@language": lang}
    if dt and dt != str(XSD.string):
        return {"@value": text, "@type": _compact(dt)}
    return {"@value": text}


def json_node(subject: str, pairs: list[tuple[str, str]]) -> dict:
    props: dict[str, list] = {}
    for p, o in pairs:
        if p == RDF_TYPE_NT:
            props.setdefault("@type", []).append(_compact(o[1:-1]))
        else:
            props.setdefault(_compact(p[1:-1]), []).append(_json_value(o))
    node = {"@id": _compact(subject[1:-1])}
    for k in sorted(props):
        node[k] = sorted(props[k], key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node


def json_nodes(lines: Iterable[str]) -> list[dict]:
    return [json_node(s, pairs) for s, pairs in by_subject(lines)]


def page_jsonld(subject, pairs, context_href: str) -> str:
    s = nt_term(subject)
    lines = sorted(f"{s} {nt_term(p)} {nt_term(o)} .\n" for p, o in pairs)
    return json.dumps({"@context": context_href, "@graph": json_nodes(lines)}, ensure_ascii=False, indent=1) + "\n"


# --- whole-corpus dumps -----------------------------------------------------------------------

def read_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as f:
        yield from f


# --- per-graph segments ------------------------------------------------------------------------
# A graph's part of every dump, kept in the build's cache: per subject, its N-Triples lines, its Turtle
# block and its JSON-LD node; then the prefixes its blocks use. The dumps are put together from them:
# N-Quads, TriG and JSON-LD graph after graph, N-Triples and Turtle by a merge on the subject that renders a
# block again only for a subject several graphs describe. So a rebuild renders the changed graphs alone.

def segment_text(lines: Iterable[str]) -> str:
    """A graph's segment, from its sorted N-Triples lines. Each record: a line of four lengths (in
    characters), then its subject, lines, block and node; the last line names the prefixes used."""
    used: set = set()
    out = []
    for s, pairs in by_subject(lines):
        rec = (s, "".join(f"{s} {p} {o} .\n" for p, o in pairs), _block(s, pairs, used),
               json.dumps(json_node(s, pairs), ensure_ascii=False))
        out.append(" ".join(str(len(x)) for x in rec) + "\n")
        out.extend(rec)
    out.append("prefixes " + " ".join(sorted(used)) + "\n")
    return "".join(out)


class Segment:
    """A segment file read a record at a time; `prefixes` is known once every record has been read."""

    def __init__(self, path: Path):
        self.path = path
        self.prefixes: list[str] | None = None

    def __iter__(self) -> Iterator[tuple[str, str, str, str]]:
        with open(self.path, encoding="utf-8", newline="") as f:
            while True:
                head = f.readline()
                if not head or head.startswith("prefixes"):
                    self.prefixes = head.split()[1:] if head else []
                    return
                yield tuple(f.read(int(n)) for n in head.split())


def _lines_of(text: str) -> list[str]:
    """N-Triples lines, split at their newlines only (a literal may hold U+2028, which splitlines takes for one)."""
    return [line + "\n" for line in text.split("\n")[:-1]]


def write_dumps(segments: dict[str, Path], issue_keys: dict[str, str], d: Path,
                only: set | None = None) -> tuple[list[str], int]:
    """The dumps, from named graphs given as {graph IRI: its segment file (segment_text)}.

    `issue_keys` maps an issue's graph IRI to its key, for the per-issue Turtle (written for the
    issues in `only`, when given). Returns the file names written and the number of distinct triples.
    """
    d.mkdir(parents=True, exist_ok=True)
    (d / "issues").mkdir(exist_ok=True)
    names = ["all.ttl", "all.nt", "all.nq", "all.trig", "all.jsonld", "context.jsonld"]
    order = sorted(segments)
    count = 0

    def keyed(n: int, g: str):
        for rec in Segment(segments[g]):
            yield rec[0], n, rec

    with open(d / "all.nt", "w", encoding="utf-8", newline="\n") as nt, \
            open(d / "all.ttl", "w", encoding="utf-8", newline="\n") as ttl:
        ttl.write(prefix_header())
        group: list = []
        for subject, _, rec in heapq.merge(*(keyed(n, g) for n, g in enumerate(order))):
            if group and group[0][0] != subject:
                count += _write_subject(group, nt, ttl)
                group = []
            group.append(rec)
        if group:
            count += _write_subject(group, nt, ttl)
    with open(d / "all.nq", "w", encoding="utf-8", newline="\n") as nq, \
            open(d / "all.trig", "w", encoding="utf-8", newline="\n") as trig, \
            open(d / "all.jsonld", "w", encoding="utf-8", newline="\n") as js:
        trig.write(prefix_header())
        ctx = json.dumps(context()["@context"], ensure_ascii=False, indent=1).replace("\n", "\n ")
        js.write('{\n "@context": ' + ctx + ',\n "@graph": [')
        for n, g in enumerate(order):
            gid = f"<{g}>"
            tail = f" {gid} .\n"
            # no indenting: multi-line literals would take the indent into their text
            trig.write(f"\n{gid} {{\n")
            js.write(("," if n else "") + '\n  {"@id": ' + json.dumps(_compact(g)) + ', "@graph": [')
            blocks = []
            seg = Segment(segments[g])
            for m, (_, lines, block, node) in enumerate(seg):
                nq.write("".join(line[:-3] + tail for line in _lines_of(lines)))
                trig.write("\n" + block)
                js.write(("," if m else "") + "\n   " + node)
                blocks.append(block)
            trig.write("}\n")
            js.write("\n  ]}")
            if g in issue_keys and (only is None or issue_keys[g] in only):
                names.append(f"issues/{issue_keys[g]}.ttl")
                (d / names[-1]).write_text(prefix_header(seg.prefixes) + "".join("\n" + b for b in blocks),
                                           encoding="utf-8", newline="\n")
        # left open: append_graph adds the dataset's description, then closes it
    (d / "context.jsonld").write_text(json.dumps(context(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return names, count


def _write_subject(group: list, nt, ttl) -> int:
    """One subject's lines and block in the union dumps; the lines of several graphs merged, each once."""
    if len(group) == 1:
        _, lines, block, _ = group[0]
        nt.write(lines)
        ttl.write("\n" + block)
        return lines.count("\n")
    lines = sorted({line for rec in group for line in _lines_of(rec[1])})
    nt.write("".join(lines))
    pairs = [split_line(line)[1:] for line in lines]
    ttl.write("\n" + _block(group[0][0], pairs, None))
    return len(lines)


def append_graph(d: Path, graph: str, lines: list[str]) -> None:
    """A named graph added to the dumps after the others (the dataset's description, which needs the
    others' counts): every dump gets it at its end, and all.jsonld (which write_dumps leaves open) its
    closing."""
    gid = f"<{graph}>"
    with open(d / "all.nt", "a", encoding="utf-8", newline="\n") as nt:
        nt.writelines(lines)
    with open(d / "all.ttl", "a", encoding="utf-8", newline="\n") as ttl:
        turtle_lines(lines, ttl, header=False)
    with open(d / "all.nq", "a", encoding="utf-8", newline="\n") as nq:
        for line in lines:
            nq.write(line[:line.rindex(" .")] + f" {gid} .\n")
    with open(d / "all.trig", "a", encoding="utf-8", newline="\n") as trig:
        trig.write(f"\n{gid} {{\n")
        turtle_lines(lines, trig, header=False)
        trig.write("}\n")
    nodes = ",".join("\n   " + json.dumps(json_node(s, pairs), ensure_ascii=False) for s, pairs in by_subject(lines))
    with open(d / "all.jsonld", "a", encoding="utf-8", newline="\n") as js:
        js.write(',\n  {"@id": ' + json.dumps(_compact(graph)) + ', "@graph": [' + nodes + "\n  ]}" + "\n ]\n}\n")
