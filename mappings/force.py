"""Dates of force and what changed a document, with their evidence.

A document's own clauses give eli:first_date_entry_in_force and, by expiry, eli:date_no_longer_in_force.
A repeal gives eli:repealed_by, eli:in_force notInForce (which follows from the published repeal alone,
whatever today's date) and the repealing document's entry into force as the end; an amendment gives
eli:amended_by. ELI makes eli:date_no_longer_in_force functional, so only the earliest end the corpus gives
is stated (records.ending_dates), by each issue whose reason gives it; every other reason stays as evidence.
For an expiry that date is the last day of validity; for a repeal, the day the repealing document enters into
force (同时废止: the day the repeal takes effect), as issue 20 sets it; the evidence's gb:forceEvent says which.

Each fact has a gb:ForceEvidence node, as each citation has its gb:CitationEvidence: the clause, its
source lines, the source, the date and how it was fixed, numbered within the document whose text gives it.
"""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF

from gazette.endings import AMENDMENT, PARTIAL_REPEAL, REPEAL, changes
from gazette.force import BASES, ENTRY, EXPIRY, stated

from .terms import ELI, GB, NOT_IN_FORCE, IRIs, date, integer, zh

# what the date of a change is: the changing document's entry into force (a gb:dateBasis value)
BY_ENTRY = "entry_into_force_of_changing_document"
# every gb:forceEvent and gb:dateBasis the graph holds (the shapes' sh:in lists name the same, tests/test_force.py)
EVENTS = (ENTRY, EXPIRY, REPEAL, PARTIAL_REPEAL, AMENDMENT)
DATE_BASES = BASES + (BY_ENTRY,)


def _evidence(g: Graph, ev, of, event: str, quote: str, line: int, line_end: int, source_iri, when: str | None,
              basis: str | None) -> None:
    g.add((ev, RDF.type, GB.ForceEvidence))
    g.add((ev, GB.forceOf, of))
    g.add((ev, GB.forceEvent, Literal(event)))
    g.add((ev, GB.quote, zh(quote)))
    g.add((ev, GB.sourceLine, integer(line)))
    g.add((ev, GB.sourceLineEnd, integer(line_end)))
    g.add((ev, PROV.wasDerivedFrom, source_iri))
    if when:
        g.add((ev, GB.forceDate, date(when)))
    if basis:
        g.add((ev, GB.dateBasis, Literal(basis)))


def map_force(rec, source_iri, g: Graph, iris: IRIs) -> None:
    """Every date of force an issue's documents set and every change they make, with evidence."""
    by_holder: dict[str, list] = {}
    for doc in rec.parsed.documents:
        by_holder[doc.key] = [("own", f) for f in doc.force if not f.problem]
    for ch in changes(rec):
        by_holder.setdefault(ch.by, []).append(("change", ch))
    for holder in sorted(by_holder):
        s = iris.document(holder)
        facts = sorted(by_holder[holder], key=lambda x: (x[0] != "own", x[1].line))
        # the entry into force that periods and repeals count from, wherever its clause stands: a validity
        # clause may come first (本意见有效期5年，自2020年1月1日起施行)
        entry_ev = next((iris.force(holder, n) for n, (what, f) in enumerate(facts, 1) if what == "own" and f.kind == ENTRY),
                        None)
        for n, (what, fact) in enumerate(facts, 1):
            ev = iris.force(holder, n)
            if what == "own":
                _own(fact, holder, s, ev, entry_ev, rec, source_iri, g)
            else:
                _change(fact, ev, entry_ev, rec, source_iri, g, iris)
        own = [f for what, f in by_holder[holder] if what == "own"]
        start = stated(own, ENTRY)
        if start:
            g.add((s, ELI.first_date_entry_in_force, date(start)))


def _own(f, key: str, s, ev, entry_ev, rec, source_iri, g: Graph) -> None:
    """An entry into force or an expiry the document's own clause sets."""
    _evidence(g, ev, s, f.kind, f.clause, f.line, f.line_end, source_iri, f.date, f.basis)
    if f.anchor is not None and f.anchor.line is not None:
        g.add((ev, GB.anchorLine, integer(f.anchor.line)))
    if f.period:
        g.add((ev, GB.period, Literal(f.period)))
        if entry_ev is not None:
            g.add((ev, GB.dateGivenBy, entry_ev))
    if f.kind == EXPIRY and rec.ending_dates.get(key) == f.date:
        g.add((s, ELI.date_no_longer_in_force, date(f.date)))


def _change(ch, ev, entry_ev, rec, source_iri, g: Graph, iris: IRIs) -> None:
    """A repeal or an amendment: the changed document's side of the citation, and when it takes effect."""
    changed, by = iris.document(ch.document), iris.document(ch.by)
    _evidence(g, ev, changed, ch.kind, ch.quote, ch.line, ch.line_end, source_iri, ch.date, BY_ENTRY if ch.date else None)
    g.add((ev, GB.byDocument, by))
    if ch.date and entry_ev is not None:
        g.add((ev, GB.dateGivenBy, entry_ev))
    if ch.kind in (REPEAL, PARTIAL_REPEAL):
        g.add((changed, ELI.repealed_by, by))
    if ch.kind == REPEAL:
        g.add((changed, ELI.in_force, NOT_IN_FORCE))
        if ch.date and rec.ending_dates.get(ch.document) == ch.date:
            g.add((changed, ELI.date_no_longer_in_force, date(ch.date)))
    elif ch.kind == AMENDMENT:
        g.add((changed, ELI.amended_by, by))
