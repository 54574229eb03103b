"""From records to the published graph: map, validate (SHACL), reason (OWL), dump, describe."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from gazette.errors import ValidationFailed
from mappings.graph import map_issue_records, new_graph, registry_graph
from mappings.terms import IRIs

from .description import describe
from .dumps import turtle, write_dumps
from .store import build_store
from .reasoning import Inconsistent, check_consistency, java_available, load_ontology
from .validation import load_shapes, report_text, validate

ROOT = Path(__file__).resolve().parent.parent


def link_graphs(graphs, iris: IRIs, opts, log) -> list:
    """The heritage offices' linksets, each a named graph of its own."""
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, RDF

    from gazette.links import read_linksets
    from mappings.links import map_linkset
    from mappings.terms import ELI, GB

    folder = opts.links if getattr(opts, "links", None) else (opts.sources / "links" if opts.sources.is_dir() else None)
    if folder is None:
        return []
    items = {}
    for g in graphs:
        for item in g.subjects(RDF.type, GB.HeritageItem):
            items[str(item)] = str(item)
            ins = next(iter(g.subjects(GB.inscribes, item)), None)
            notice = g.value(ins, GB.inscribedBy) if ins is not None else None
            number = None
            for gg in graphs:
                number = number or gg.value(notice, ELI.id_local)
            if number is not None:
                items[f"{number} {g.value(item, DCTERMS.identifier)}"] = str(item)
    linksets = read_linksets(folder, lambda s: items.get(s) or items.get(" ".join(s.split())))
    out = [map_linkset(stem, links, iris) for stem, links in sorted(linksets.items())]
    if out:
        log(f"  links: {sum(len(v) for v in linksets.values())} links in {len(out)} linkset(s)")
    return out


def build_graph_outputs(issues, registry, out: Path, opts, log=print) -> dict:
    iris = IRIs(opts.base)
    issue_graphs = {}
    bodies: set[str] = set()
    for rec in issues:
        data = Path(rec.parsed.info.source_file).read_bytes()
        g, b = map_issue_records(rec, data, iris, registry, opts.strict_privacy)
        issue_graphs[rec.parsed.info.key] = g
        bodies |= b
    reg = registry_graph(bodies, iris, registry, opts.registry)

    shapes = load_shapes()
    violations = []
    for rec in issues:
        g = issue_graphs[rec.parsed.info.key]
        union = new_graph()
        for t in g:
            union.add(t)
        for t in reg:
            union.add(t)
        violations += validate(union, shapes, rec.parsed.info.path)
    report = report_text(violations) if violations else "0 SHACL violations: the graph conforms to shapes/gongbao-shapes.ttl"
    if violations:
        raise ValidationFailed(report)

    graphs = [reg] + [issue_graphs[k] for k in sorted(issue_graphs)]
    graphs += link_graphs(graphs, iris, opts, log)
    if java_available():
        try:
            n = check_consistency([load_ontology()] + graphs)
        except Inconsistent as e:
            raise ValidationFailed(f"OWL reasoner (HermiT): {e}") from None
        reasoning = f"consistent: HermiT found no contradiction in the ontology and {n} triples of data"
    else:
        reasoning = "skipped: no Java on this machine, so HermiT could not run"
    log(f"  SHACL: {len(violations)} violations; OWL: {reasoning}")

    union_count = len({t for g in graphs for t in g})
    counts = {k: len(g) for k, g in issue_graphs.items()}
    written = write_dumps(graphs, issue_graphs, out)
    desc = describe(iris, opts.licence, union_count, counts, list(written))
    (out / "dumps" / "void.ttl").write_text(turtle(desc), encoding="utf-8")
    (out / "ontology").mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "ontology" / "gongbao.ttl", out / "ontology" / "gongbao.ttl")
    shutil.copyfile(ROOT / "shapes" / "gongbao-shapes.ttl", out / "ontology" / "gongbao-shapes.ttl")
    (out / "build.json").write_text(json.dumps({"base": iris.base, "licence": opts.licence}, indent=1) + "\n",
                                    encoding="utf-8")
    build_store(out)
    validation_text = report + "\nOWL: " + reasoning + "\n"
    (out / "validation.txt").write_text(validation_text, encoding="utf-8")
    union = new_graph()
    for g in graphs:
        for t in g:
            union.add(t)
    from .exports import write_exports
    write_exports(union, out)
    from .reconcile import write_index
    write_index(union, iris.base, out)
    from .site import build_site
    build_site(union, load_ontology(), iris.base, out, issues, validation_text, log)
    log(f"  graph: {union_count} triples in {len(graphs)} named graphs, dumps in dumps/")
    return {"triples": union_count, "graphs": len(graphs)}
