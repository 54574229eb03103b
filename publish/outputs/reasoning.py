"""OWL consistency: owlready2 runs HermiT over the ontology and the built data.

HermiT knows only the OWL 2 datatype map, so it reasons over a copy in which xsd:date,
xsd:gYearMonth and rdf:langString are replaced by types it accepts; the published data keeps
the real ones (GUIDE §7).
"""
from __future__ import annotations

from gazette import datafiles
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

ONTOLOGY = datafiles.ONTOLOGY
PLAIN = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral")


class Inconsistent(Exception):
    pass


def java_available() -> bool:
    return shutil.which("java") is not None


def reasoner_copy(graphs: list[Graph]) -> Graph:
    out = Graph()
    for g in graphs:
        for s, p, o in g:
            if isinstance(o, Literal) and o.datatype == XSD.date:
                o = Literal(f"{o}T00:00:00", datatype=XSD.dateTime)
            elif isinstance(o, Literal) and o.datatype == XSD.gYearMonth:
                o = Literal(str(o))
            elif o == XSD.date:
                o = XSD.dateTime
            elif o in (RDF.langString, XSD.gYearMonth):
                o = PLAIN
            out.add((s, p, o))
    return out


@contextmanager
def _reasoned(graphs: list[Graph]):
    """An owlready2 world holding the reasoner copy of graphs, after HermiT has run over it."""
    import owlready2

    copy = reasoner_copy(graphs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reasoner-input.nt"
        copy.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        # said outright: owlready2 guesses RDF/XML when the first line is longer than the 1,000 bytes it peeks at
        world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with world.get_ontology("http://gongbao.example.org/inferences#"):
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            yield world, len(copy)
        except owlready2.OwlReadyInconsistentOntologyError as e:
            raise Inconsistent(str(e) or "the ontology and the data are inconsistent") from None
        finally:
            world.close()


def check_consistency(graphs: list[Graph]) -> int:
    """Run HermiT; raise Inconsistent with the reasoner's words. Returns the triples reasoned over."""
    with _reasoned(graphs) as (_, n):
        return n


def load_ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def inferred_types(graphs: list[Graph], subjects: list[str]) -> dict[str, set[str]]:
    """The classes HermiT puts each subject in (asserted and inferred), by IRI."""
    with _reasoned(graphs) as (world, _):
        out = {}
        for s in subjects:
            ind = world[s]
            out[s] = {c.iri for c in ind.INDIRECT_is_a if hasattr(c, "iri")} if ind is not None else set()
        return out
