"""What a whole-corpus output reads of the graph, as predicate and class IRIs.

An output (an export, the reconciliation index, an index page) declares what it reads; a rebuild in
place makes it again only when a changed triple's predicate, or the class a changed rdf:type triple
names, is among them. `Recorder` wraps a graph and notes every predicate and class an output asks
for, so a test holds each declaration to what its code really reads.
"""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

EVERYTHING = "*"     # read without naming a predicate: any change concerns the output


def concerns(reads: frozenset[str], changed: set[str] | None) -> bool:
    """Whether an output reading `reads` must be made again after the changes `changed` (None: a fresh build)."""
    return changed is None or EVERYTHING in reads or bool(reads & changed)


class Recorder:
    """A graph that notes what is read of it (the part of rdflib's read API our outputs use)."""

    def __init__(self, graph):
        self.g = graph
        self.read: set[str] = set()

    def _note(self, p, o=None) -> None:
        if p is None and o is None:
            self.read.add(EVERYTHING)
        if isinstance(o, URIRef) and (p is None or p == RDF.type):
            self.read.add(str(o))       # the members of a class: its rdf:type triples, named by the class
            if p == RDF.type:
                return
        if p is not None:
            self.read.add(str(p))

    def objects(self, subject=None, predicate=None):
        self._note(predicate)
        return self.g.objects(subject, predicate)

    def subjects(self, predicate=None, object=None):
        self._note(predicate, object)
        return self.g.subjects(predicate, object)

    def value(self, subject=None, predicate=None, object=None):
        self._note(predicate, object)
        return self.g.value(subject, predicate, object)

    def triples(self, pattern):
        self._note(pattern[1], pattern[2])
        return self.g.triples(pattern)

    def __contains__(self, triple) -> bool:
        self._note(triple[1], triple[2])
        return triple in self.g

    def predicate_objects(self, subject=None):
        self._note(None)
        return self.g.predicate_objects(subject)

    def subject_objects(self, predicate=None):
        self._note(predicate)
        return self.g.subject_objects(predicate)

    def subject_predicates(self, object=None):
        self._note(None)
        return self.g.subject_predicates(object)
