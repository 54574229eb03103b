"""OWL consistency: HermiT over the ontology and the built data.

HermiT knows only the OWL 2 datatype map, so it reasons over a copy in which xsd:date,
xsd:gYearMonth and rdf:langString are replaced by types it accepts; the published data keeps
the real ones (GUIDE §7).

The build asks HermiT one question, whether the ontology and the data are consistent (its `-k`), on an
N-Triples file it reads itself: loading the data into owlready2 first cost three times what HermiT
does. owlready2 (its copy of HermiT's jar) stays for what needs a model back: the inferred types.
"""
from __future__ import annotations

from gazette import datafiles
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

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
            if p == OWL.imports:        # HermiT would fetch them from the web; what we reason over is given whole
                continue
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


JAVA_MEMORY_MB = 2000
XSD_NS = str(XSD)
_DATE = re.compile(r'^"(\d{4}-\d{2}-\d{2})"\^\^<' + re.escape(XSD_NS) + r'date>$')
_TYPE_SWAPS = {f"<{XSD.date}>": f"<{XSD.dateTime}>", f"<{RDF.langString}>": f"<{PLAIN}>", f"<{XSD.gYearMonth}>": f"<{PLAIN}>"}


def reasoner_line(line: str) -> str:
    """One line of our N-Triples (IRIs, no blank nodes) as the reasoner copy has it (see reasoner_copy)."""
    from publish.outputs.dumps import split_line
    if "XMLSchema#date" not in line and "XMLSchema#gYearMonth" not in line and "#langString" not in line:
        return line
    s, p, o = split_line(line)
    m = _DATE.match(o)
    if m:
        o = f'"{m.group(1)}T00:00:00"^^<{XSD.dateTime}>'
    elif o.endswith(f'"^^<{XSD.gYearMonth}>'):
        o = o[:-len(f"^^<{XSD.gYearMonth}>")]
    else:
        o = _TYPE_SWAPS.get(o, o)
    return f"{s} {p} {o} .\n"


def hermit_consistent(path: Path) -> None:
    """HermiT's consistency check of an N-Triples file; Inconsistent with its words when it fails."""
    from owlready2.reasoning import _HERMIT_CLASSPATH
    r = subprocess.run(["java", f"-Xmx{JAVA_MEMORY_MB}M", "-cp", _HERMIT_CLASSPATH, "org.semanticweb.HermiT.cli.CommandLine",
                        "-k", path.resolve().as_uri()], capture_output=True, text=True)
    if r.returncode == 0 and "is satisfiable" in r.stdout:
        return
    words = (r.stderr or r.stdout).strip()
    if "InconsistentOntologyException" in words or "is not satisfiable" in r.stdout:
        raise Inconsistent("the ontology and the data are inconsistent (HermiT: Inconsistent ontology)")
    raise RuntimeError(f"HermiT exited with {r.returncode}: {words.splitlines()[0] if words else 'no output'}")


def check_consistency(graphs: list[Graph]) -> int:
    """Run HermiT; raise Inconsistent with the reasoner's words. Returns the triples reasoned over."""
    return check_consistency_files(graphs, [])


def check_consistency_files(graphs: list[Graph], nt_files: list[Path]) -> int:
    """As check_consistency, over `graphs` (the ontology: small, with blank nodes) and our N-Triples files,
    which are copied line by line rather than parsed. Returns the triples reasoned over."""
    copy = reasoner_copy(graphs)
    n = len(copy)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reasoner-input.nt"
        copy.serialize(path, format="nt", encoding="utf-8")
        with open(path, "a", encoding="utf-8", newline="\n") as out:
            for f in nt_files:
                with open(f, encoding="utf-8", newline="\n") as lines:
                    for line in lines:
                        if line.strip():
                            out.write(reasoner_line(line))
                            n += 1
        hermit_consistent(path)
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
