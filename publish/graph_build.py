"""From records to the published graph: map, validate (SHACL), reason (OWL), dump, describe."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from gazette.errors import ValidationFailed
from mappings.graph import map_issue_records, new_graph, registry_graph
from mappings.terms import IRIs

from .description import describe
from .dumps import ntriples, turtle, write_dumps
from .store import build_store
from .reasoning import Inconsistent, check_consistency, java_available, load_ontology
from .validation import load_shapes, report_text, validate

ROOT = Path(__file__).resolve().parent.parent


def link_graphs(graphs, iris: IRIs, opts, log) -> list:
    """The heritage offices' linksets, each a named graph of its own."""
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


def _map_and_validate(rec, base: str, registry_dir: str | None, strict: bool) -> tuple[str, set, list]:
    """One issue: its graph (as sorted N-Triples), the bodies it names, its SHACL violations."""
    from .pipeline import _registry
    registry = _registry(registry_dir)
    iris = IRIs(base)
    data = Path(rec.parsed.info.source_file).read_bytes()
    g, bodies = map_issue_records(rec, data, iris, registry, strict)
    union = new_graph()
    for t in g:
        union.add(t)
    for t in registry_graph(bodies, iris, registry, Path(registry_dir) if registry_dir else None):
        union.add(t)
    violations = validate(union, load_shapes(), rec.parsed.info.path)
    return ntriples(g), bodies, violations


REASONING_CHUNK = 20   # issues per HermiT run: bounds the reasoner's memory, and a change re-reasons one chunk


def _reason_in_chunks(graphs, reg, issue_graphs, graph_keys, cache, stages) -> str:
    """HermiT over the ontology, the registry facts and the issues, a chunk of issues at a time.

    Each chunk's verdict is cached: an unchanged chunk is not reasoned over again. Documents are
    described by the one issue that publishes them, so no contradiction can span two chunks.
    """
    keys = sorted(issue_graphs)
    extra = [g for g in graphs if g is not reg and g.identifier not in {issue_graphs[k].identifier for k in keys}]
    fixed = ntriples(reg) + "".join(ntriples(g) for g in extra)
    total, skipped = 0, 0
    ontology = load_ontology()
    for start in range(0, len(keys), REASONING_CHUNK):
        chunk = keys[start:start + REASONING_CHUNK]
        ckey = cache.key(fixed, *(graph_keys[k] for k in chunk))
        hit = cache.get("reasoning", ckey)
        if hit is not None:
            total += hit
            skipped += 1
            continue
        try:
            n = check_consistency([ontology, reg] + extra + [issue_graphs[k] for k in chunk])
        except Inconsistent as e:
            raise ValidationFailed(f"OWL reasoner (HermiT) on issues {', '.join(chunk)}: {e}") from None
        cache.put("reasoning", ckey, n)
        total += n
        stages.tick(start + len(chunk), len(keys))
    chunks = (len(keys) + REASONING_CHUNK - 1) // REASONING_CHUNK
    stages.note(f"reasoning: {skipped} of {chunks} chunks unchanged (from the cache)")
    return f"consistent: HermiT found no contradiction in the ontology and {total} triples of data"


def _signature(rec) -> str:
    """What an issue's graph depends on beyond its own text: how its citations resolved in the corpus."""
    return "\n".join(f"{c.cited} {c.resolved_in_corpus}" for c in rec.citations) + "\n" + \
        "\n".join(f"{k} {r.in_corpus} {r.title}" for k, r in sorted(rec.regulations.items()))


def build_graph_outputs(issues, registry, out: Path, opts, log=print, stages=None, cache=None) -> dict:
    from .cache import Cache
    from .pipeline import workers
    from .progress import Stages

    stages = stages or Stages()
    cache = cache or Cache(None, "")
    iris = IRIs(opts.base)
    stages.start("map+shacl")
    reg_dir = str(opts.registry) if opts.registry else None
    results: dict[str, tuple] = {}
    todo = []
    graph_keys: dict[str, str] = {}
    for rec in issues:
        key = cache.key(Path(rec.parsed.info.source_file).read_bytes(), rec.parsed.info.path, opts.base,
                        str(opts.strict_privacy), _signature(rec))
        graph_keys[rec.parsed.info.key] = key
        hit = cache.get("graph", key)
        if hit is not None:
            results[rec.parsed.info.key] = hit
        else:
            todo.append((rec, key))
    done = len(results)
    stages.note(f"map+shacl: {done} of {len(issues)} issues unchanged (from the cache), {len(todo)} mapped and validated")
    if len(todo) > 1 and workers(len(todo)) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers(len(todo))) as pool:
            futures = {pool.submit(_map_and_validate, rec, opts.base, reg_dir, opts.strict_privacy): (rec, key)
                       for rec, key in todo}
            for fut in futures:
                rec, key = futures[fut]
                results[rec.parsed.info.key] = fut.result()
                cache.put("graph", key, results[rec.parsed.info.key])
                done += 1
                stages.tick(done, len(issues))
    else:
        for rec, key in todo:
            results[rec.parsed.info.key] = _map_and_validate(rec, opts.base, reg_dir, opts.strict_privacy)
            cache.put("graph", key, results[rec.parsed.info.key])
            done += 1
            stages.tick(done, len(issues))
    violations = [v for k in sorted(results) for v in results[k][2]]
    report = report_text(violations) if violations else "0 SHACL violations: the graph conforms to shapes/gongbao-shapes.ttl"
    if violations:
        raise ValidationFailed(report)
    issue_graphs = {}
    bodies: set[str] = set()
    for k in sorted(results):
        g = new_graph(iris.graph(k))
        g.parse(data=results[k][0], format="nt")
        issue_graphs[k] = g
        bodies |= results[k][1]
    reg = registry_graph(bodies, iris, registry, opts.registry)
    graphs = [reg] + [issue_graphs[k] for k in sorted(issue_graphs)]
    graphs += link_graphs(graphs, iris, opts, log)
    stages.start("reasoning")
    if java_available():
        reasoning = _reason_in_chunks(graphs, reg, issue_graphs, graph_keys, cache, stages)
    else:
        reasoning = "skipped: no Java on this machine, so HermiT could not run"
    log(f"  SHACL: {len(violations)} violations; OWL: {reasoning}")

    stages.start("dumps")
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
    stages.start("site")
    from .exports import write_exports
    write_exports(union, out)
    from .reconcile import write_index
    write_index(union, iris.base, out)
    from .site import build_site
    build_site(union, load_ontology(), iris.base, out, issues, validation_text, log)
    log(f"  graph: {union_count} triples in {len(graphs)} named graphs, dumps in dumps/")
    return {"triples": union_count, "graphs": len(graphs)}
