"""From records to the published graph: map, validate (SHACL), reason (OWL), dump, describe, store.

Mapping and validation run per issue in the workers (`map_issue`); each issue's graph is kept in the
cache as a sorted N-Triples file. The whole-corpus steps read those files as streams.
"""
from __future__ import annotations

from gazette import datafiles
import json
import shutil
from pathlib import Path

from gazette.errors import ValidationFailed
from mappings.graph import map_issue_records, registry_graph
from mappings.terms import IRIs

from publish.outputs.description import describe
from publish.outputs.dumps import append_graph, ntriples, turtle, write_dumps
from publish.outputs.reasoning import Inconsistent, check_consistency_files, java_available, load_ontology
from publish.outputs.store import build_store, store_dir
from publish.outputs.validation import load_shapes, report_text, validate

_SHAPES = []


def _shapes():
    if not _SHAPES:
        _SHAPES.append(load_shapes())
    return _SHAPES[0]


def _heritage_keys(g) -> dict[str, str]:
    """How a linkset may name each heritage item: its IRI, or the notice's 文号 and the item's code."""
    from rdflib.namespace import DCTERMS, RDF

    from mappings.terms import ELI, GB
    items = {}
    for item in g.subjects(RDF.type, GB.HeritageItem):
        items[str(item)] = str(item)
        ins = next(iter(g.subjects(GB.inscribes, item)), None)
        notice = g.value(ins, GB.inscribedBy) if ins is not None else None
        number = g.value(notice, ELI.id_local) if notice is not None else None
        if number is not None:
            items[f"{number} {g.value(item, DCTERMS.identifier)}"] = str(item)
    return items


def _signature(rec) -> str:
    """What an issue's graph depends on beyond its own text: how its citations resolved in the corpus."""
    return "\n".join(f"{c.cited} {c.resolved_in_corpus}" for c in rec.citations) + "\n" + \
        "\n".join(f"{k} {r.in_corpus} {r.title}" for k, r in sorted(rec.regulations.items())) + "\n" + \
        "\n".join(f"ends {k} {v}" for k, v in sorted(rec.ending_dates.items()))


def map_issue(rec, result, opts, cache, data: bytes) -> None:
    """One issue (in a worker), whose text is `data`: its graph as a sorted N-Triples file in the cache, its
    SHACL violations, the bodies it names; skipped when the issue and how its citations resolved are unchanged."""
    from publish.build.workers import here, registry_for
    key = cache.key(data, rec.parsed.info.path, opts.base, str(opts.strict_privacy), _signature(rec))
    meta = cache.get("graph", key) if cache.has_file("nt", key, "nt") else None
    result.graph_cached = meta is not None
    if meta is None:
        registry = registry_for(opts.registry)
        iris = IRIs(opts.base)
        g, bodies = map_issue_records(rec, data, iris, registry, opts.strict_privacy)
        text = ntriples(g)
        cache.write_file("nt", key, "nt", text)
        base = iris.base.rstrip("/") + "/"
        subjects = sorted({str(x) for x in g.subjects() if str(x).startswith(base)})
        heritage = _heritage_keys(g)
        # the shapes see the issue with the registry's facts on its bodies, added to the issue's own graph once
        # its triples are written (a copy of the graph cost as much as mapping it)
        for t in registry_graph(bodies, iris, registry, here(opts.registry)):
            g.add(t)
        violations = validate(g, _shapes(), rec.parsed.info.path)
        meta = {"bodies": bodies, "violations": violations, "heritage": heritage, "triples": text.count("\n"),
                "subjects": subjects}
        cache.put("graph", key, meta)
    if not cache.has("resolved", key):
        cache.put("resolved", key, rec)     # the pages show the records as resolved in this corpus
    result.graph_key = key
    result.bodies, result.violations = meta["bodies"], meta["violations"]
    result.heritage, result.triples = meta["heritage"], meta["triples"]
    result.subjects = meta["subjects"]


def link_graphs(heritage: dict[str, str], iris: IRIs, opts, log) -> list:
    """The heritage offices' linksets, each a named graph of its own."""
    from gazette.links import read_linksets
    from mappings.links import map_linkset

    folder = opts.links if getattr(opts, "links", None) else (opts.sources / "links" if opts.sources.is_dir() else None)
    if folder is None:
        return []
    linksets = read_linksets(folder, lambda s: heritage.get(s) or heritage.get(" ".join(s.split())))
    out = [map_linkset(stem, links, iris) for stem, links in sorted(linksets.items())]
    if out:
        log(f"  links: {sum(len(v) for v in linksets.values())} links in {len(out)} linkset(s)")
    return out


REASONING_CHUNK = 20   # issues per HermiT run: bounds the reasoner's memory, and a change re-reasons one chunk


def _reason_chunk(fixed: str, cache, graph_keys: list[str], names: list[str]) -> int:
    import tempfile
    try:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "fixed.nt").write_text(fixed, encoding="utf-8", newline="\n")
            return check_consistency_files([load_ontology()], [Path(tmp) / "fixed.nt"] +
                                           [Path(cache.file("nt", k, "nt")) for k in graph_keys])
    except Inconsistent as e:
        raise ValidationFailed(f"OWL reasoner (HermiT) on issues {', '.join(names)}: {e}") from None
    except Exception as e:  # noqa: BLE001 - the reasoner's own failure, reported in its words rather than as a traceback
        raise ValidationFailed(f"OWL reasoner (HermiT) could not run on issues {', '.join(names)}: "
                               f"{type(e).__name__}: {e}") from None


def _reason_in_chunks(fixed_files: list[Path], results, cache, stages) -> str:
    """HermiT over the ontology, the registry facts and the issues not yet known to be consistent with them,
    a chunk of issues at a time, chunks in parallel processes.

    OWL is monotonic: when a chunk is consistent, so is each of its issues with the ontology and the
    registry facts, and that is recorded per issue. An issue already known consistent is not reasoned over
    again, so a rebuild reasons over the changed issues alone. Documents are described by the one issue
    that publishes them, so no contradiction is expected to span two issues; a cold build (or --no-cache)
    still reasons over them twenty at a time.
    """
    from publish.build.workers import run_parallel
    fixed = "".join(p.read_text(encoding="utf-8") for p in fixed_files)
    todo = [r for r in results if cache.get("reasoned", cache.key(fixed, r.graph_key)) is None]
    chunks = [todo[i:i + REASONING_CHUNK] for i in range(0, len(todo), REASONING_CHUNK)]
    run_parallel(_reason_chunk, [(fixed, cache, [r.graph_key for r in chunk], [r.key for r in chunk])
                                 for chunk in chunks], stages)
    for r in todo:
        cache.put("reasoned", cache.key(fixed, r.graph_key), True)
    # the data reasoned over, counted the same way whichever issues this build reasoned over
    total = fixed.count("\n") + sum(_lines_in(cache.file("nt", r.graph_key, "nt")) for r in results)
    stages.note(f"reasoning: {len(results) - len(todo)} of {len(results)} issues known consistent (from the cache), "
                f"{len(todo)} reasoned over in {len(chunks)} run(s)")
    return f"consistent: HermiT found no contradiction in the ontology and {total} triples of data"


def _lines_in(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def _checked(results) -> str:
    violations = [v for r in sorted(results, key=lambda r: r.key) for v in r.violations]
    if violations:
        raise ValidationFailed(report_text(violations))
    return "0 SHACL violations: the graph conforms to shapes/gongbao-shapes.ttl"


def _fixed_graphs(results, registry, iris: IRIs, opts, log, work: Path) -> dict[str, Path]:
    """The registry's graph (the bodies every issue names) and the linksets, as N-Triples files in `work`."""
    work.mkdir(parents=True, exist_ok=True)
    bodies = set().union(*(r.bodies for r in results)) if results else set()
    reg = registry_graph(bodies, iris, registry, opts.registry)
    heritage = {}
    for r in results:
        heritage.update(r.heritage)
    files: dict[str, Path] = {}
    for n, g in enumerate([reg] + link_graphs(heritage, iris, opts, log)):
        files[str(g.identifier)] = work / f"graph-{n}.nt"
        files[str(g.identifier)].write_text(ntriples(g), encoding="utf-8", newline="\n")
    return files


def _digest(files: dict[str, Path]) -> str:
    import hashlib
    h = hashlib.sha256()
    for iri in sorted(files):
        h.update(iri.encode() + b"\x00" + files[iri].read_bytes())
    return h.hexdigest()


def _graph_files(results, fixed: dict[str, Path], iris: IRIs, cache) -> tuple[dict[str, Path], dict[str, str]]:
    files = dict(fixed)
    issue_keys = {}
    for r in results:
        files[str(iris.graph(r.key))] = cache.file("nt", r.graph_key, "nt")
        issue_keys[str(iris.graph(r.key))] = r.key
    return files, issue_keys


def _reason(fixed, results, cache, stages, log, report) -> str:
    stages.start("reasoning")
    if java_available():
        reasoning = _reason_in_chunks(list(fixed.values()), results, cache, stages)
    else:
        reasoning = "skipped: no Java on this machine, so HermiT could not run"
    log(f"  SHACL: 0 violations; OWL: {reasoning}")
    held = [line for r in sorted(results, key=lambda r: r.key) for line in r.review]
    review = (f"\nNeeds review: {len(held)} record(s) held back from the graph (see records/<issue>/review.json)\n"
              + "".join(f"  {line}\n" for line in held)) if held else "\nNeeds review: none\n"
    part = [line for r in sorted(results, key=lambda r: r.key) for line in r.incomplete]
    if part:
        review += (f"\nPrinted in part: {len(part)} list(s) whose rows read are published, the rest not being in the "
                   f"text (see records/<issue>/incomplete.json)\n" + "".join(f"  {line}\n" for line in part))
    unsure = [line for r in sorted(results, key=lambda r: r.key) for line in r.ambiguous]
    if unsure:
        review += (f"\nDates of force not stated: {len(unsure)} clause(s) whose date is ambiguous, reported rather than "
                   f"guessed (see records/<issue>/ambiguous.json)\n" + "".join(f"  {line}\n" for line in unsure))
    return report + "\nOWL: " + reasoning + "\n" + review


def _make_segment(cache, key: str, graph_key: str | None, path: str | None) -> None:
    from publish.outputs.dumps import read_lines, segment_text
    source = Path(cache.file("nt", graph_key, "nt")) if graph_key is not None else Path(path)
    cache.write_file("dumpseg", key, "seg", segment_text(read_lines(source)))


def _segments(files: dict[str, Path], graph_keys: dict[str, str], cache, stages) -> dict[str, Path]:
    """Each graph's dump segment (publish/outputs/dumps.py), from the cache or made now: an issue's on the
    workers, keyed by its graph's cache key; the registry's and the links' here, keyed by their content."""
    import hashlib
    from publish.build.workers import run_parallel
    keys, jobs, local = {}, [], []
    for g in sorted(files):
        if g in graph_keys:
            keys[g] = cache.key("dump-segment", g, graph_keys[g])
            job = (cache, keys[g], graph_keys[g], None)
        else:
            keys[g] = cache.key("dump-segment", g, hashlib.sha256(files[g].read_bytes()).hexdigest())
            job = (cache, keys[g], None, str(files[g]))
        if not cache.has_file("dumpseg", keys[g], "seg"):
            (jobs if g in graph_keys else local).append(job)
    for job in local:
        _make_segment(*job)
    run_parallel(_make_segment, jobs, stages)
    return {g: Path(cache.file("dumpseg", keys[g], "seg")) for g in files}


def _write_dumps_and_description(files, issue_keys, results, iris: IRIs, opts, out: Path, validation_text: str,
                                 only: set | None = None, cache=None, stages=None) -> int:
    graph_keys = {str(iris.graph(r.key)): r.graph_key for r in results}
    written, union_count = write_dumps(_segments(files, graph_keys, cache, stages), issue_keys, out / "dumps", only)
    others = {g: sum(1 for _ in open(path, encoding="utf-8")) for g, path in files.items() if g not in issue_keys}
    desc = describe(iris, opts.licence, union_count, {r.key: r.triples for r in results},
                    written if only is None else written + [f"issues/{r.key}.ttl" for r in results if r.key not in only],
                    others, opts.sparql_url, opts.publisher)
    (out / "dumps" / "void.ttl").write_text(turtle(desc), encoding="utf-8")
    append_graph(out / "dumps", str(desc.identifier), ntriples(desc).splitlines(keepends=True))
    (out / "ontology").mkdir(exist_ok=True)
    shutil.copyfile(datafiles.ONTOLOGY, out / "ontology" / "gongbao.ttl")
    shutil.copyfile(datafiles.SHAPES, out / "ontology" / "gongbao-shapes.ttl")
    (out / "build.json").write_text(json.dumps({"base": iris.base, "licence": opts.licence}, indent=1) + "\n",
                                    encoding="utf-8")
    (out / "validation.txt").write_text(validation_text, encoding="utf-8")
    return union_count


def _exports(out: Path, iris: IRIs, changed: set[str] | None = None) -> None:
    """The exports and the reconciliation index; on a rebuild in place, only those that read a predicate or
    class among `changed` (the others stay as the output has them)."""
    from publish.outputs.exports import write_exports
    from publish.outputs.reconciliation import write_index
    from publish.outputs.storegraph import StoreGraph
    graph = StoreGraph(store_dir(out))
    write_exports(graph, out, changed)
    write_index(graph, iris.base, out, changed)


def registry_report(results, registry, codebook) -> str:
    """What the corpus taught the registry, and where the two disagree: reported, never resolved."""
    from gazette.codebook import tier_conflicts, untiered_bodies
    bodies = set().union(*(r.bodies for r in results)) if results else set()
    tiers = tier_conflicts(bodies, registry)
    learned = sorted(codebook.learned.values(), key=lambda c: c.code) if codebook else []
    conflicts = (codebook.conflicts if codebook else []) + tiers
    lines = [f"\nRegistry: {len(learned)} 代字 learned from the corpus; {len(conflicts)} conflict(s) with the registry"]
    lines += [f"  learned {c.code} → {c.body} ({c.how}, {c.evidence}, seen {c.seen}×)" for c in learned]
    lines += [f"  conflict: {c['reason']}" for c in conflicts]
    untiered = untiered_bodies(bodies, registry)
    if untiered:
        lines.append(f"  of unknown tier (neither the registry nor the name places them): {'、'.join(untiered)}")
    return "\n".join(lines) + "\n"


# What the stages after the per-issue work write at the top of a build, declared once. A fresh build
# writes them all into its own folder; a rebuild in place stages them and its commit moves these (each
# file, for a folder rewritten only in part), plus records/<issue> of the changed issues and the pages
# the site stage names. tests/test_rebuild.py holds a fresh build's folder to exactly these.
OUTPUTS: tuple[tuple[str, bool], ...] = (
    # (path, moved file by file)
    ("dumps", True),            # the dumps stage: the union dumps, each changed issue's Turtle, and void.ttl
    ("ontology", False),        # the description stage: ontology, shapes, build.json, validation.txt
    ("build.json", False),
    ("validation.txt", False),
    ("store", False),           # the store stage
    ("exports", True),          # the exports stage: the CSV exports that read what changed
    ("reconcile.json", False),  # and the reconciliation index, when it reads what changed
)
# and these, written by their own stages: records/<issue> (per issue), site/ (the site stage), and the
# build's state and marker (the pipeline)
OTHER_OUTPUTS = ("records", "site", "build-state.pickle", ".gongbao-output")


def graph_outputs(results, registry, stage: Path, opts, log=print, stages=None, cache=None, codebook=None,
                  changed=None, removed: list[str] = (), previous: dict | None = None, out: Path | None = None):
    """Everything after the per-issue work, run as the same stages whether the build is fresh or a rebuild
    in place: a fresh build (`previous` None) is a rebuild in which every issue changed, written whole
    into `stage`, and returns the state the next rebuild starts from. A rebuild in place writes into
    `stage` what changed since `previous` (the output in `out`), and returns the moves and deletions
    that commit it with the new state; or None when the registry's facts or the linksets changed, so
    the build must start afresh."""
    from publish.build.progress import Stages
    from publish.sitegen.render import build_site, update_site

    fresh = previous is None
    changed = results if fresh else changed
    stages = stages or Stages()
    iris = IRIs(opts.base)
    report = _checked(results) + registry_report(results, registry, codebook)
    fixed = _fixed_graphs(results, registry, iris, opts, log, stage / ".work")
    digest = _digest(fixed)
    if not fresh and digest != previous["fixed"]:
        return None
    files, issue_keys = _graph_files(results, fixed, iris, cache)
    validation_text = _reason(fixed, results, cache, stages, log, report)
    stages.start("dumps")
    changed_keys = {r.key for r in changed}
    union_count = _write_dumps_and_description(files, issue_keys, results, iris, opts, stage, validation_text,
                                               only=None if fresh else changed_keys, cache=cache, stages=stages)
    shutil.rmtree(stage / ".work")
    stages.start("store")
    if fresh:
        build_store(stage)
    else:
        update_store(store_dir(out), store_dir(stage), iris, changed, removed, cache)
    stages.start("site")
    if fresh:
        _exports(stage, iris)
    else:
        from publish.sitegen.render import changed_lines, terms_of
        diff = changed_lines(changed, removed, previous, cache)
        _exports(stage, iris, terms_of(diff))
    if fresh:
        state = {"fixed": digest}
        state.update(build_site(store_dir(stage), load_ontology(), iris.base, stage, results, cache, validation_text,
                                union_count, stages, log))
        log(f"  graph: {union_count} triples in {len(files)} named graphs, dumps in dumps/")
        return state
    moves = []
    for path, each_file in OUTPUTS:
        if not (stage / path).exists():     # not written again: nothing it reads changed
            continue
        moves += ([str(p.relative_to(stage)) for p in sorted((stage / path).rglob("*")) if p.is_file()]
                  if each_file else [path])
    moves += [f"records/{k}" for k in sorted(changed_keys)]
    deletes = [f"records/{k}" for k in removed] + [f"dumps/issues/{k}.ttl" for k in removed]
    site_moves, site_deletes, state = update_site(store_dir(stage), load_ontology(), iris.base, stage, out, results,
                                                 changed, removed, previous, cache, validation_text, union_count,
                                                 stages, log, diff=diff)
    state["fixed"] = previous["fixed"]
    log(f"  graph: {union_count} triples in {len(files)} named graphs, dumps in dumps/; "
        f"rebuilt in place for {len(changed)} changed and {len(removed)} removed issue(s)")
    return moves + site_moves, deletes + site_deletes, state


def update_store(old: Path, new: Path, iris: IRIs, changed: list, removed: list[str], cache) -> None:
    """The new store as a checkpoint of the old one (hard links: instant), with the changed issues' graphs replaced."""
    import pyoxigraph as ox
    src = ox.Store(str(old))
    src.backup(str(new))
    del src
    store = ox.Store(str(new))
    for key in [r.key for r in changed] + removed + ["dataset"]:
        store.remove_graph(ox.NamedNode(str(iris.graph(key))))
    # the description counts every graph: it is written again by every build
    store.bulk_load(path=str(new.parent / "dumps" / "void.ttl"), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(str(iris.graph("dataset"))))
    for r in changed:
        store.bulk_load(path=str(cache.file("nt", r.graph_key, "nt")), format=ox.RdfFormat.N_TRIPLES,
                        to_graph=ox.NamedNode(str(iris.graph(r.key))))
    store.flush()
    del store


