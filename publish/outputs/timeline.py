"""A document's history and a policy's diffusion, as plain records read from the graph.

`history` lists what happened to a document in date order (issued, in force, applied by X, amended
by Y, repealed by Z, expired), each with its evidence; `force` gives the dates a status banner needs;
`diffusion` lists the lower-level documents that apply, are based on or forward a policy, with the lag.
They read an rdflib Graph or the built store (publish.outputs.storegraph.StoreGraph) and compute only
from the dates the graph holds, never from the build's clock: what is in force on a given day is the
reader's to decide from these dates.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import PROV, SKOS

from gazette.endings import AMENDMENT, PARTIAL_REPEAL, REPEAL
from gazette.force import ENTRY, EXPIRY
from gazette.tiers import TIER_KEYS
from mappings.terms import ELI, GB, NOT_IN_FORCE, RELATIONS

# the citation relations through which a policy spreads, and each one's name seen from the cited document
FOLLOWING = ("applies", "based_on", "forwards")
INVERSE = {"applies": "applied_by", "based_on": "basis_for", "forwards": "forwarded_by", "cites": "cited_by",
           "repeals": "repealed_by", "amends": "amended_by"}
# the events of force, seen from the document they concern
FORCE_EVENTS = {ENTRY: "entry_into_force", EXPIRY: "expiry", REPEAL: "repealed_by",
                PARTIAL_REPEAL: "partially_repealed_by", AMENDMENT: "amended_by"}
# the order of events on one day: a document is issued, printed, enters into force, then others act on it
ORDER = ("issued", "printed", "entry_into_force", "applied_by", "basis_for", "forwarded_by", "cited_by",
         "amended_by", "partially_repealed_by", "repealed_by", "expiry")
DAYS = "days"
YEARS = "years"
# how a lag was measured: both documents' dates, or (in years) a document known only by its 文号 year
BY_DATES = "dates"
BY_NUMBER_YEAR = "number_year"


@dataclass
class Evidence:
    iri: str | None              # the evidence node (gb:ForceEvidence, gb:CitationEvidence), or None for the document
    quote: str | None
    line: int | None
    line_end: int | None
    source: str | None           # the gazette the line is in (its source IRI)


@dataclass
class Event:
    date: str | None             # ISO date, or None where the graph holds none
    kind: str                    # one of ORDER
    other: str | None = None     # the document that acts (applies, amends, repeals), by IRI
    other_label: str | None = None   # its 文号, else its title
    stated: bool = False         # this event's date is the document's eli:date_no_longer_in_force
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Force:
    """The dates a status banner is computed from. `last_day_in_force` is the day before a repeal takes effect,
    or an expiry's own last day (eli:date_no_longer_in_force is the repealing document's entry into force for a
    repeal, and the last day of validity for an expiry)."""
    entry_into_force: str | None
    no_longer_in_force: str | None
    ended_by: str | None         # "expiry" | "repeal" | None
    last_day_in_force: str | None
    not_in_force: bool           # the graph states eli:in_force notInForce (repealed by a published document)
    repealed_by: list[tuple[str, str | None, str | None]]   # (IRI, label, date the repeal takes effect)
    partially_repealed_by: list[tuple[str, str | None, str | None]]
    amended_by: list[tuple[str, str | None, str | None]]
    expiry: str | None           # the document's own last day of validity, stated or not


@dataclass
class Follower:
    """One document that follows a policy of a higher level."""
    policy: str
    policy_label: str | None
    policy_level: str | None
    policy_date: str | None
    policy_year: int | None      # the year of its date, else of its 文号
    document: str
    label: str | None
    relation: str                # applies | based_on | forwards
    bodies: list[str]
    level: str | None
    date: str | None
    year: int | None
    lag: int | None
    lag_unit: str | None         # DAYS | YEARS
    lag_basis: str | None        # BY_DATES | BY_NUMBER_YEAR (a document known only by its 文号 year)


def _node(node) -> URIRef:
    return node if isinstance(node, URIRef) else URIRef(str(node))


def _str(value) -> str | None:
    return None if value is None else str(value)


def _int(value) -> int | None:
    return None if value is None else int(value)


def _zh(g, node, prop=SKOS.prefLabel) -> str | None:
    values = sorted(g.objects(node, prop), key=lambda v: (getattr(v, "language", None) != "zh-Hans", str(v)))
    return str(values[0]) if values else None


def label(g, node) -> str | None:
    """A document's 文号, else its title."""
    node = _node(node)
    return _str(g.value(node, ELI.id_local)) or _zh(g, node)


def document_date(g, node) -> str | None:
    """The date a document was issued: its 成文日期, else its 印发 date."""
    node = _node(node)
    return _str(g.value(node, ELI.date_document) or g.value(node, ELI.date_publication))


def level(g, node) -> str | None:
    """A document's tier: the highest of its issuers', else the one the graph gives the cited document itself."""
    node = _node(node)
    tiers = {str(t) for b in g.objects(node, ELI.passed_by) for t in g.objects(b, GB.level)}
    tiers = [t for t in TIER_KEYS if t in tiers]
    if tiers:
        return tiers[0]
    own = g.value(node, GB.level)
    return str(own) if own is not None else None


def _evidence(g, ev) -> Evidence:
    return Evidence(str(ev), _str(g.value(ev, GB.quote)), _int(g.value(ev, GB.sourceLine)),
                    _int(g.value(ev, GB.sourceLineEnd)), _str(g.value(ev, PROV.wasDerivedFrom)))


def _document_evidence(g, node) -> list[Evidence]:
    line = g.value(node, GB.sourceLine)
    if line is None:
        return []
    return [Evidence(None, None, int(line), _int(g.value(node, GB.sourceLineEnd)), _str(g.value(node, PROV.wasDerivedFrom)))]


def _force_evidence(g, node) -> list:
    return sorted(g.subjects(GB.forceOf, node), key=str)


def history(g, node) -> list[Event]:
    """Everything that happened to a document, in date order (events without a date last), each with its evidence."""
    node = _node(node)
    end = _str(g.value(node, ELI.date_no_longer_in_force))
    events: list[Event] = []
    issued = _str(g.value(node, ELI.date_document))
    if issued:
        events.append(Event(issued, "issued", evidence=_document_evidence(g, node)))
    printed = _str(g.value(node, GB.datePrinted) or g.value(node, ELI.date_publication))
    if printed:
        events.append(Event(printed, "printed", evidence=_document_evidence(g, node)))
    for ev in _force_evidence(g, node):
        kind = FORCE_EVENTS.get(str(g.value(ev, GB.forceEvent)))
        if kind is None:
            continue
        when = _str(g.value(ev, GB.forceDate))
        by = g.value(ev, GB.byDocument)
        events.append(Event(when, kind, _str(by), label(g, by) if by is not None else None,
                            stated=bool(end) and when == end and kind in ("expiry", "repealed_by"),
                            evidence=[_evidence(g, ev)]))
    # citations of the document by others, one event per citing document and relation, all occurrences as evidence
    cited: dict[tuple[str, str], list] = {}
    for ev in g.subjects(GB.citedResource, node):
        relation = str(g.value(ev, GB.relation))
        citing = g.value(ev, GB.citingDocument)
        if relation in ("repeals", "amends") or citing is None or citing == node:
            continue     # a repeal or an amendment is told by its evidence of force, with its date
        cited.setdefault((str(citing), relation), []).append(ev)
    for (citing, relation), evs in sorted(cited.items()):
        events.append(Event(document_date(g, citing), INVERSE[relation], citing, label(g, citing),
                            evidence=[_evidence(g, ev) for ev in sorted(evs, key=lambda e: (_int(g.value(e, GB.sourceLine)) or 0, str(e)))]))
    return sorted(events, key=lambda e: (e.date is None, e.date or "", ORDER.index(e.kind), e.other or ""))


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def force(g, node) -> Force:
    """The dates of force the graph holds for a document, and what changed it."""
    node = _node(node)
    entry = _str(g.value(node, ELI.first_date_entry_in_force))
    end = _str(g.value(node, ELI.date_no_longer_in_force))
    changed: dict[str, list] = {"repealed_by": [], "partially_repealed_by": [], "amended_by": []}
    expiry, reasons = None, set()
    for ev in _force_evidence(g, node):
        kind = FORCE_EVENTS.get(str(g.value(ev, GB.forceEvent)))
        when = _str(g.value(ev, GB.forceDate))
        if kind == "expiry":
            expiry = min(filter(None, (expiry, when)), default=None)
        elif kind in changed:
            by = g.value(ev, GB.byDocument)
            changed[kind].append((str(by), label(g, by), when))
        if end and when == end and kind in ("expiry", "repealed_by"):
            reasons.add(kind)
    # a repeal and an expiry on the same day: the repeal, which ends the document first (see Force)
    ended_by = "repeal" if "repealed_by" in reasons else "expiry" if reasons else None
    last = None
    if end:
        last = _day_before(end) if ended_by == "repeal" else end
    return Force(entry, end, ended_by, last, (node, ELI.in_force, NOT_IN_FORCE) in g,
                 sorted(set(changed["repealed_by"]), key=lambda x: (x[2] or "", x[0])),
                 sorted(set(changed["partially_repealed_by"]), key=lambda x: (x[2] or "", x[0])),
                 sorted(set(changed["amended_by"]), key=lambda x: (x[2] or "", x[0])), expiry)


def _year(g, node, when: str | None) -> tuple[int | None, bool]:
    """The year of a document's date, else of its 文号 (and whether the 文号 gave it)."""
    if when:
        return int(when[:4]), False
    y = g.value(node, GB.numberYear)
    return (int(y), True) if y is not None else (None, False)


def _lag(policy_date, policy_year, by_number_policy, date, year, by_number) -> tuple[int | None, str | None, str | None]:
    if policy_date and date and len(policy_date) == 10 and len(date) == 10:
        return (dt.date.fromisoformat(date) - dt.date.fromisoformat(policy_date)).days, DAYS, BY_DATES
    if policy_year is not None and year is not None:
        return year - policy_year, YEARS, BY_NUMBER_YEAR if (by_number_policy or by_number) else BY_DATES
    return None, None, None


def _higher(a: str | None, b: str | None) -> bool:
    return a in TIER_KEYS and b in TIER_KEYS and TIER_KEYS.index(a) < TIER_KEYS.index(b)


def diffusion(g, node, lower_only: bool = True) -> list[Follower]:
    """The documents that apply a policy, are based on it or forward it (of a lower level than it, unless
    `lower_only` is False), each with its bodies, level and date, and the lag: in days where both dates are
    known, else in years where a year is known (lag_basis says whether a 文号's year stood in for a date)."""
    node = _node(node)
    p_level, p_date = level(g, node), document_date(g, node)
    p_year, p_by_number = _year(g, node, p_date)
    rows = []
    for relation in FOLLOWING:
        for doc in g.subjects(RELATIONS[relation], node):
            if doc == node:
                continue
            d_level, d_date = level(g, doc), document_date(g, doc)
            if lower_only and not _higher(p_level, d_level):
                continue
            year, by_number = _year(g, doc, d_date)
            lag, unit, basis = _lag(p_date, p_year, p_by_number, d_date, year, by_number)
            bodies = sorted({_zh(g, b) or str(b) for b in g.objects(doc, ELI.passed_by)})
            rows.append(Follower(str(node), label(g, node), p_level, p_date, p_year, str(doc), label(g, doc), relation,
                                 bodies, d_level, d_date, year, lag, unit, basis))
    return sorted(rows, key=lambda r: (r.date is None, r.date or "", r.year or 0, r.document, r.relation))


def policies(g) -> list[str]:
    """Every document something follows (applies, is based on or forwards), by IRI."""
    found = set()
    for relation in FOLLOWING:
        found |= {str(o) for _, o in g.subject_objects(RELATIONS[relation])}
    return sorted(found)


def diffusion_table(g) -> list[Follower]:
    """Every policy's lower-level followers across the corpus: the rows of exports/diffusion.csv."""
    rows = []
    for p in policies(g):
        rows += diffusion(g, p)
    return rows


@dataclass
class Followed:
    """A policy and how far it spread: the lower-level documents that follow it, and when the first and last did."""
    policy: str
    label: str | None
    level: str | None
    followers: int
    first: str | None
    last: str | None


def most_followed(g) -> list[Followed]:
    """Every policy with lower-level followers, the most followed first: the rows of a "most-followed policies" page."""
    by_policy: dict[str, list[Follower]] = {}
    for r in diffusion_table(g):
        by_policy.setdefault(r.policy, []).append(r)
    out = []
    for policy, rows in by_policy.items():
        dates = sorted(r.date for r in rows if r.date)
        out.append(Followed(policy, rows[0].policy_label, rows[0].policy_level, len({r.document for r in rows}),
                            dates[0] if dates else None, dates[-1] if dates else None))
    return sorted(out, key=lambda f: (-f.followers, f.label or "", f.policy))
