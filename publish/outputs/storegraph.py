"""The built store seen through the part of rdflib's Graph API the pages use.

The site, the exports and the reconciliation index read the corpus from the on-disk store rather
than from an in-memory graph, so their memory does not grow with the corpus. Every read is over
the union of the named graphs, each triple once, in a fixed order.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def canonical_lang(tag: str) -> str:
    """BCP 47's conventional case (the store keeps tags lower-cased): zh-hans -> zh-Hans, en-gb -> en-GB."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 and part.isalpha() else part.upper() if len(part) == 2 else part.lower())
    return "-".join(out)


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=canonical_lang(term.language))
        dt = term.datatype.value
        return Literal(term.value) if dt == XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise ValueError(f"the store holds a node the pages cannot show: {term}")


def to_ox(term):
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"not a term the store holds: {term!r}")


def _key(term) -> tuple:
    return (type(term).__name__, str(term), getattr(term, "language", None) or "", str(getattr(term, "datatype", "") or ""))


class StoreGraph:
    def __init__(self, store_path: Path):
        self.store = ox.Store.read_only(str(store_path))
        self._cache: OrderedDict = OrderedDict()     # subject -> all its (predicate, object) pairs, recent last
        self._terms: dict = {}                         # the store's terms as rdflib's, converted once
        self._lookups: dict = {}                       # (subject, predicate) -> its objects, sorted

    def _quads(self, s, p, o):
        return self.store.quads_for_pattern(to_ox(s), to_ox(p), to_ox(o), None)

    CACHED_LOOKUPS = 500000

    def _objects_of(self, s, p) -> tuple:
        """The distinct objects, sorted. A triple every issue restates (a body's name, a control unit's) comes
        back once per named graph, so the answer is kept: pages ask again and again of the same few nodes."""
        hit = self._lookups.get((s, p))
        if hit is None:
            if len(self._lookups) > self.CACHED_LOOKUPS:
                self._lookups.clear()
            hit = self._lookups[(s, p)] = tuple(sorted({self._term(x) for x in {q.object for q in self._quads(s, p, None)}},
                                                       key=_key))
        return hit

    def _term(self, x):
        hit = self._terms.get(x)
        if hit is None:
            if len(self._terms) > 200000:
                self._terms.clear()
            hit = self._terms[x] = to_rdflib(x)
        return hit

    CACHED_SUBJECTS = 20000

    def _outgoing(self, s) -> tuple:
        hit = self._cache.get(s)
        if hit is not None:
            self._cache.move_to_end(s)
            return hit
        pairs = {(self._term(p), self._term(o)) for p, o in {(q.predicate, q.object) for q in self._quads(s, None, None)}}
        hit = self._cache[s] = tuple(sorted(pairs, key=lambda po: (str(po[0]), _key(po[1]))))
        if len(self._cache) > self.CACHED_SUBJECTS:
            self._cache.popitem(last=False)
        return hit

    def predicate_objects(self, subject):
        return iter(self._outgoing(subject))

    def objects(self, subject=None, predicate=None):
        if subject is not None and (predicate is None or subject in self._cache):
            return iter([o for p, o in self._outgoing(subject) if predicate is None or p == predicate])
        if subject is not None:
            # one property of a subject not yet read: ask for that alone (index pages read many such)
            return iter(self._objects_of(subject, predicate))
        return iter(sorted({to_rdflib(q.object) for q in self._quads(None, predicate, None)}, key=_key))

    def value(self, subject=None, predicate=None, object=None):
        if subject is None:
            return next(self.subjects(predicate, object), None)
        return next(self.objects(subject, predicate), None)

    def subjects(self, predicate=None, object=None):
        if predicate is None and object is None:
            rows = self.store.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
            return iter(sorted((to_rdflib(r[0]) for r in rows), key=str))
        return iter(sorted({to_rdflib(q.subject) for q in self._quads(None, predicate, object)}, key=str))

    def subject_objects(self, predicate=None):
        return iter(sorted({(to_rdflib(q.subject), to_rdflib(q.object)) for q in self._quads(None, predicate, None)},
                           key=lambda so: (str(so[0]), _key(so[1]))))

    def subject_predicates(self, object=None):
        return iter(sorted({(to_rdflib(q.subject), to_rdflib(q.predicate)) for q in self._quads(None, None, object)},
                           key=lambda sp: (str(sp[0]), str(sp[1]))))

    def triples(self, pattern):
        s, p, o = pattern
        if s is not None and (p is None or s in self._cache):
            return iter([(s, pp, oo) for pp, oo in self._outgoing(s) if (p is None or pp == p) and (o is None or oo == o)])
        if s is not None:
            return iter([(s, p, x) for x in self._objects_of(s, p) if o is None or x == o])
        return iter(sorted({(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in self._quads(None, p, o)},
                           key=lambda t: (str(t[0]), str(t[1]), _key(t[2]))))

    def __contains__(self, triple) -> bool:
        s, p, o = triple
        if s is not None and p is not None and o is not None and s not in self._cache:
            # asked of a node not yet read, whose description may be large (a control unit every issue restates)
            return next(iter(self._quads(s, p, o)), None) is not None
        return next(self.triples(triple), None) is not None

    def __len__(self) -> int:
        rows = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        return int(next(iter(rows))[0].value)
