"""Namespaces, and IRIs minted from record keys under one configurable base."""
from __future__ import annotations

import re

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
GB = Namespace("https://gongbao.example.org/ontology#")
LANG_ZHO = URIRef("http://publications.europa.eu/resource/authority/language/ZHO")

PREFIXES = {
    "eli": ELI, "org": ORG, "skos": SKOS, "prov": PROV, "dcat": DCAT, "dcterms": DCTERMS, "schema": SCHEMA,
    "void": VOID, "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "gb": GB,
}
SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$")

# the predicate of each relation of gazette.vocabulary (a test holds the two to the same keys)
RELATIONS = {
    "based_on": ELI.based_on, "applies": ELI.applies, "repeals": ELI.repeals, "amends": ELI.amends,
    "forwards": GB.forwards, "cites": ELI.cites,
}


# ELI's in-force table: the graph states only what follows from it alone (a repeal by a published document),
# never what a clock would decide
NOT_IN_FORCE = ELI["InForce-notInForce"]
IN_FORCE_VALUES = (ELI["InForce-inForce"], NOT_IN_FORCE, ELI["InForce-partiallyInForce"])

# the first path segment of every IRI minted: the server's content negotiation serves these and no others
ROOTS = ("eli", "org", "genre", "issue", "graph", "source", "citation", "force", "heritage", "award", "glossary",
         "control-unit", "control-requirement", "task", "linkset", "dataset", "dumps")


# the classes of each table kind's resources (gazette/kinds.py): what the site searches and shows
KIND_CLASSES = {
    "heritage": (GB.HeritageItem, SKOS.Concept), "awards": (GB.Award,), "glossary": (SKOS.Concept,),
    "control_units": (GB.ControlUnit, SKOS.Concept), "control_requirements": (GB.ControlRequirement,),
    "tasks": (GB.TaskAssignment,),
}


class IRIs:
    """Every IRI the graph uses, from record keys. Keys are ASCII paths made by gazette.identity."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def _mint(self, *parts: str) -> URIRef:
        path = "/".join(str(p).replace("#", "/") for p in parts)
        if not SAFE_PATH.match(path) or ".." in path.split("/") or "//" in path or path.split("/")[0] not in ROOTS:
            raise ValueError(f"refusing to mint an IRI from {path!r}")
        return URIRef(f"{self.base}/{path}")

    def document(self, key: str) -> URIRef:
        return self._mint("eli", key)

    def expression(self, key: str) -> URIRef:
        return self._mint("eli", key, "zho")

    def annex(self, key: str, n: int) -> URIRef:
        return self._mint("eli", key, "annex", str(n))

    def issue(self, key: str) -> URIRef:
        return self._mint("issue", key)

    def graph(self, key: str) -> URIRef:
        return self._mint("graph", key)

    def source(self, key: str) -> URIRef:
        return self._mint("source", key)

    def body(self, slug: str) -> URIRef:
        return self._mint("org", slug)

    def genre(self, slug: str) -> URIRef:
        return self._mint("genre", slug)

    def genres(self) -> URIRef:
        return self._mint("genre")

    def citation(self, citing: str, n: int) -> URIRef:
        return self._mint("citation", citing, str(n))

    def force(self, holder: str, n: int) -> URIRef:
        """The evidence of a date of force, numbered within the document whose text gives it."""
        return self._mint("force", holder, str(n))

    def heritage_list(self, key: str) -> URIRef:
        return self._mint("heritage", "list", key)

    def heritage_item(self, list_key: str, code: str) -> URIRef:
        return self._mint("heritage", "item", list_key, code)

    def category_scheme(self) -> URIRef:
        return self._mint("heritage", "category")

    def category(self, numeral_ascii: str) -> URIRef:
        return self._mint("heritage", "category", numeral_ascii)

    def award(self, list_key: str) -> URIRef:
        return self._mint("award", list_key)

    def award_entry(self, list_key: str, seq: int) -> URIRef:
        return self._mint("award", list_key, "entry", str(seq))

    def glossary(self, key: str) -> URIRef:
        return self._mint("glossary", key)

    def term(self, key: str, n: int) -> URIRef:
        return self._mint("glossary", key, str(n))

    def control_unit(self, code: str) -> URIRef:
        return self._mint("control-unit", code)

    def control_unit_scheme(self) -> URIRef:
        return self._mint("control-unit")

    def requirement(self, key: str, n: int) -> URIRef:
        return self._mint("control-requirement", key, str(n))

    def task(self, key: str, item: str) -> URIRef:
        return self._mint("task", key, item)

    def linkset(self, slug: str) -> URIRef:
        return self._mint("linkset", slug)

    def catalog(self) -> URIRef:
        return self._mint("dataset", "catalog")

    def dataset(self) -> URIRef:
        return self._mint("dataset")

    def dump(self, name: str) -> URIRef:
        return self._mint("dumps", name)


def zh(text: str) -> Literal:
    return Literal(text, lang="zh-Hans")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def date(iso: str) -> Literal:
    if len(iso) == 10:
        return Literal(iso, datatype=XSD.date)
    return Literal(iso, datatype=XSD.gYearMonth)


def integer(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.integer)


def provenance(g, node, source_iri, first: int, last: int | None = None) -> None:
    """Where a record came from: the source file and its first and last lines."""
    g.add((node, PROV.wasDerivedFrom, source_iri))
    g.add((node, GB.sourceLine, integer(first)))
    g.add((node, GB.sourceLineEnd, integer(last if last is not None else first)))
