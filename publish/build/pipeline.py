"""The build: every issue under the sources, written into a fresh folder that replaces the old one
only when every step has passed.

Memory stays flat as the corpus grows: each issue is parsed, resolved, written as records, mapped and
validated in a worker process, and its results go to the cache on disk; the main process holds only
what the corpus as a whole needs (each document's key, title and issuers, each issue's summary).
"""
from __future__ import annotations

import os
import shutil
import signal
from dataclasses import dataclass, field
from pathlib import Path

from gazette.codebook import apply_codebook, code_evidence, learn_codes
from gazette.corpus import IssueRecords, read_issue
from gazette.endings import earliest, ends, settle
from gazette.errors import GazetteError
from gazette.privacy import redact_pupils
from gazette.registry import load_registry

from publish.build.cache import Cache, code_fingerprint
from publish.build.outdir import MARKER, WorkFolder, check_output, sweep_leftovers
from publish.build.progress import Stages
from publish.build.workers import cluster, here, registry_for, remote, run_parallel, use
from publish.outputs.records import summary_lines, write_records


@dataclass
class BuildOptions:
    sources: Path
    out: Path
    registry: Path | None = None
    base: str = "https://gongbao.example.org"
    licence: str = "https://creativecommons.org/publicdomain/zero/1.0/"
    strict_privacy: bool = False
    graph: bool = True
    links: Path | None = None
    cache: Path | str | None = None   # where per-issue results are kept between builds: a folder or an fsspec URL
                                      # (None: no cache)
    sparql_url: str | None = None  # the public SPARQL endpoint, for the dataset's description
    publisher: str = "Gongbao"     # who publishes the dataset, for its description
    executor: str = "local"        # where the per-issue jobs run: this machine's cores, or dask://HOST:PORT


@dataclass
class DocStub:
    """What other issues need of a document to resolve their citations to it."""
    key: str
    title: str
    issuers: list[str]
    name: str
    line: int


@dataclass
class IssueIndex:
    key: str
    path: str            # as shown in messages (relative to the sources)
    source_file: str
    parse_key: str
    docs: list[DocStub]
    lookups: set = field(default_factory=set)     # the keys and titles its citations look for in the corpus
    codes: list = field(default_factory=list)     # its evidence of which body prints which 代字 (gazette.codebook)
    identity: tuple = ()                          # (series, year, number) as read; None where not read
    ends: list = field(default_factory=list)      # its reasons for documents to stop being in force (gazette.endings)


@dataclass
class IssueResult:
    """One issue's share of the build, as the main process sees it; the bulk stays in the cache."""
    key: str
    path: str
    source_file: str
    lines: list[str]
    review: list[str]                 # the records held back, one line each
    incomplete: list[str] = field(default_factory=list)   # lists printed in part (published), one line each
    ambiguous: list[str] = field(default_factory=list)    # dates of force not stated, being ambiguous, one line each
    graph_key: str = ""
    bodies: set = field(default_factory=set)
    violations: list = field(default_factory=list)
    heritage: dict = field(default_factory=dict)     # linkset keys -> heritage item IRI
    triples: int = 0
    documents: list[str] = field(default_factory=list)
    graph_cached: bool = False
    subjects: list = field(default_factory=list)     # the resources its graph describes (page IRIs)
    result_key: str = ""


def find_issues(sources: Path) -> list[Path]:
    """The gazettes under `sources`: every *.txt that is a regular file, outside the registry and links
    folders at its root. Anything else named *.txt (a pipe, a device, a dangling or looping link) stops
    the build with one line: reading it could hang or fail half-way."""
    try:
        if sources.is_file():
            return [_regular(sources)]
        if not sources.exists():
            raise GazetteError(str(sources), "no such file or folder")
        found = []
        for p in sorted(sources.rglob("*.txt")):
            rel = p.relative_to(sources).parts
            if rel[0] in ("registry", "links") and len(rel) > 1:
                continue
            if p.is_dir() and not p.is_symlink():
                continue        # a folder named x.txt: its files are found on their own
            found.append(_regular(p))
    except OSError as e:
        raise GazetteError(str(e.filename or sources), f"cannot list the sources: {e.strerror}") from None
    if not found:
        raise GazetteError(str(sources), "no gazette (.txt) found under this folder")
    return found


def _regular(p: Path) -> Path:
    import stat
    try:
        mode = p.stat().st_mode
    except OSError as e:
        what = "a link that leads nowhere" if p.is_symlink() else "unreadable"
        raise GazetteError(str(p), f"{what}: {e.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else \
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise GazetteError(str(p), f"{kind}, not a regular file: a gazette must be a text file")
    return p


class Interrupted(Exception):
    exit_code = 130


def _raise_interrupt(signum, frame):
    raise Interrupted(f"interrupted by signal {signum}")


def replace_dir(tmp: Path, out: Path) -> None:
    """Swap the finished build in; the old output survives until the new one is in place. Only a folder
    this program wrote (or none, or an empty one) is ever replaced."""
    from publish.build.outdir import is_ours
    old = None
    if out.exists() or out.is_symlink():
        if out.is_symlink() or not out.is_dir() or (any(out.iterdir()) and not is_ours(out)):
            raise GazetteError(str(out), "refusing to replace it: it is not a folder a build wrote")
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except OSError:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        _remove_in_background(old)


def _remove_in_background(old: Path) -> None:
    """The replaced output is deleted by a detached process: on a large site (a million files) that takes
    minutes, and the new output is already in place."""
    import subprocess
    try:
        subprocess.Popen(["rm", "-rf", "--", str(old)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def _parse_worker(path: str, shown: str, registry_dir: str | None, cache: Cache, key: str) -> IssueIndex:
    if not remote():
        rec = read_issue(Path(path), registry_for(registry_dir), display_path=shown)
    else:
        # a cluster's worker reads the copy the main process put into the cache, under the file's own name (the
        # issue's key and its .meta.json follow from it); an error names the file as the user knows it
        local = _fetch_source(path, cache, key)
        try:
            rec = read_issue(local, registry_for(registry_dir), display_path=shown)
        except GazetteError as e:
            named = {str(local): path, str(local.with_suffix(".meta.json")): str(Path(path).with_suffix(".meta.json"))}
            if e.path not in named:
                raise
            raise GazetteError(named[e.path], e.message, e.line) from None
        finally:
            shutil.rmtree(local.parent, ignore_errors=True)
        rec.parsed.info.source_file = str(Path(path).resolve())
    cache.put("parse", key, rec)
    return _index(rec, key)


def _ship_source(path: Path, cache: Cache, key: str) -> None:
    """An issue's text (and its .meta.json) into the cache, for a cluster's workers, which cannot read this machine."""
    if not cache.has_file("source", key, "txt"):
        meta = path.with_suffix(".meta.json")
        if meta.is_file():
            cache.write_file("source", key, "meta.json", meta.read_bytes())
        cache.write_file("source", key, "txt", path.read_bytes())


def _fetch_source(path: str, cache: Cache, key: str) -> Path:
    import tempfile
    local = Path(tempfile.mkdtemp(prefix="gongbao-source-")) / Path(path).name
    local.write_bytes(cache.read_file("source", key, "txt"))
    if cache.has_file("source", key, "meta.json"):
        local.with_suffix(".meta.json").write_bytes(cache.read_file("source", key, "meta.json"))
    return local


def source_bytes(ix: "IssueIndex", cache: Cache) -> bytes:
    """An issue's text, as this process can read it."""
    return cache.read_file("source", ix.parse_key, "txt") if remote() else Path(ix.source_file).read_bytes()


def _index(rec: IssueRecords, key: str) -> IssueIndex:
    info = rec.parsed.info
    docs = [DocStub(d.key, d.title, list(d.issuers), d.number.canonical if d.number else d.title, d.line_span[0])
            for d in rec.parsed.documents]
    from gazette.identity import strip_issuers
    lookups = {c.cited for c in rec.citations} | {strip_issuers(c.title) for c in rec.citations if c.title}
    return IssueIndex(info.key, info.path, info.source_file, key, docs, lookups, code_evidence(rec),
                      (info.series, info.year, info.number), ends(rec))


def parse_all(paths: list[tuple[Path, str]], opts: "BuildOptions", cache: Cache, stages: Stages) -> list[IssueIndex]:
    """Every issue parsed, in parallel processes; an unchanged issue's index comes from the cache."""
    results: dict[int, IssueIndex] = {}
    todo = []
    for i, (path, shown) in enumerate(paths):
        meta = path.with_suffix(".meta.json")
        key = cache.key(path.read_bytes(), shown, meta.read_bytes() if meta.is_file() else b"")
        if cluster() is not None:
            _ship_source(path, cache, key)
        hit = cache.get("index", key) if cache.has("parse", key) else None
        if hit is not None:
            hit.source_file = str(path.resolve())
            results[i] = hit
        else:
            todo.append((i, path, shown, key))
    reg = str(opts.registry) if opts.registry else None
    stages.note(f"parse: {len(results)} of {len(paths)} issues unchanged (from the cache), {len(todo)} parsed")
    parsed = run_parallel(_parse_worker, [(str(p), shown, reg, cache, key) for _, p, shown, key in todo], stages,
                          done=len(results), total=len(paths))
    for (i, *_rest, key), index in zip(todo, parsed):
        cache.put("index", key, index)
        results[i] = index
    return [results[i] for i in range(len(paths))]


def check_corpus(indexes: list[IssueIndex], sources: Path) -> None:
    """Two issues with one key, or one document published twice, stop the build."""
    keys = [ix.key for ix in indexes]
    dupes = {k for k in keys if keys.count(k) > 1} if len(set(keys)) != len(keys) else set()
    if dupes:
        raise GazetteError(str(sources), f"two issues share the key {sorted(dupes)[0]}: rename one file")
    # the same issue twice under two names: only a fully read identity counts, an unread part never matches
    first: dict[tuple, str] = {}
    for ix in indexes:
        if ix.identity and all(x is not None for x in ix.identity):
            if ix.identity in first:
                series, year, number = ix.identity
                raise GazetteError(ix.path, f"the same issue as {first[ix.identity]}: {series} {year}年第{number}期")
            first[ix.identity] = ix.path
    seen: dict[str, str] = {}
    for ix in indexes:
        for d in ix.docs:
            if d.key in seen:
                raise GazetteError(ix.path, f"document {d.name} is also published in {seen[d.key]}", line=d.line)
            seen[d.key] = ix.path


# the corpus's documents and their index, its codebook, and the date each document stops being in force, set
# in every process that runs the issues' jobs before its first (see run_parallel)
CORPUS_DOCS: list[DocStub] = []
CORPUS_INDEX: list = []
CODEBOOK: list = []
CORPUS_ENDINGS: dict[str, str] = {}


def _share_corpus(docs: list[DocStub], endings: dict[str, str], codebook: list) -> None:
    from gazette.citations import document_index
    CORPUS_DOCS[:] = docs
    CORPUS_INDEX[:] = [document_index(CORPUS_DOCS)]
    CORPUS_ENDINGS.clear()
    CORPUS_ENDINGS.update(endings)
    CODEBOOK[:] = codebook


def corpus_ends(indexes: list[IssueIndex]) -> tuple[dict[str, list], dict[str, str]]:
    """Each issue's reasons for documents to stop being in force, keyed as its citations resolve in this corpus
    (as load_issue resolves them), and the date each document stops: the earliest reason over the corpus."""
    from gazette.citations import document_index
    by_title = document_index([d for ix in indexes for d in ix.docs])[1] if len(indexes) > 1 else None
    held = {ix.key: settle(ix.ends, by_title) for ix in indexes}
    return held, earliest([e for found in held.values() for e in found])


def load_issue(ix: IssueIndex, opts: "BuildOptions", cache: Cache) -> IssueRecords:
    """An issue's records from the cache, its citations resolved against the whole corpus."""
    from gazette.citations import resolve
    rec = cache.get("parse", ix.parse_key)
    if rec is None:
        raise GazetteError(ix.path, "its parse is missing from the cache: build again")
    rec.parsed.info.source_file = ix.source_file
    if len(CORPUS_DOCS) > len(rec.parsed.documents):
        rec.citations, rec.regulations = resolve(rec.citations, CORPUS_DOCS, registry_for(opts.registry), CORPUS_INDEX[0])
    # an end another issue gives earlier than this one's is that document's date: this issue keeps its reason as
    # evidence and states no date of its own
    rec.ending_dates = {k: min(v, CORPUS_ENDINGS.get(k, v)) for k, v in earliest(ends(rec)).items()}
    if CODEBOOK:
        apply_codebook(rec, CODEBOOK[0], registry_for(opts.registry))
    if opts.strict_privacy:
        redact_pupils(rec)
    return rec


def _issue_worker(ix: IssueIndex, opts: "BuildOptions", cache: Cache, tmp: Path, rkey: str) -> IssueResult:
    rec = load_issue(ix, opts, cache)
    cov = write_records(rec, here(tmp))
    result = IssueResult(ix.key, ix.path, ix.source_file, summary_lines(rec, cov),
                         [item.describe(ix.path) for item in rec.review],
                         [item.describe(ix.path) for item in rec.incomplete],
                         [item.describe(ix.path) for item in rec.ambiguous],
                         documents=[d.key for d in rec.parsed.documents], result_key=rkey)
    if opts.graph:
        from publish.build.graph import map_issue
        map_issue(rec, result, opts, cache, source_bytes(ix, cache))
        cache.put("result", rkey, result)
    return result


def result_keys(indexes: list[IssueIndex], opts: "BuildOptions", cache: Cache, codebook: str = "") -> dict[str, str]:
    """Per issue, a key for everything it yields: its text, the options, the corpus documents its
    citations can resolve to, and what the corpus taught the registry (the codebook's fingerprint).
    An issue whose key is unchanged needs no work in a rebuild."""
    from gazette.identity import strip_issuers
    multi = len(indexes) > 1
    held, endings = corpus_ends(indexes)
    by_key, by_title = {}, {}
    for ix in indexes:
        for d in ix.docs:
            by_key.setdefault(d.key, d)
            by_title.setdefault(strip_issuers(d.title), []).append(d)
    keys = {}
    for ix in indexes:
        relevant = []
        if multi:
            for look in sorted(ix.lookups):
                relevant += [d for d in [by_key.get(look)] + by_title.get(look, []) if d is not None]
        # which of its reasons for a document to end gives that document's date depends on the other issues' reasons
        ending = sorted({(e.document, endings[e.document]) for e in held[ix.key]})
        keys[ix.key] = cache.key(ix.parse_key, opts.base, str(opts.strict_privacy), str(opts.graph), str(multi),
                                 repr(relevant), codebook, repr(ending))
    return keys


def process_issues(indexes: list[IssueIndex], opts: "BuildOptions", cache: Cache, tmp: Path, stages: Stages,
                   rkeys: dict[str, str], every: list[IssueIndex] | None = None) -> list[IssueResult]:
    """`indexes` are processed; `every` (default: the same) is the corpus they are resolved against."""
    every = indexes if every is None else every
    setup = (_share_corpus, [d for ix in every for d in ix.docs] if len(every) > 1 else [], corpus_ends(every)[1],
             list(CODEBOOK))
    try:
        return run_parallel(_issue_worker, [(ix, opts, cache, tmp, rkeys[ix.key]) for ix in indexes], stages,
                            setup=setup, output=tmp)
    finally:
        CORPUS_DOCS.clear()
        CORPUS_INDEX.clear()
        CORPUS_ENDINGS.clear()


def _settings(opts: BuildOptions) -> tuple:
    """The options an output depends on (with the linksets' content): a rebuild in place needs them unchanged."""
    import hashlib
    folder = opts.links if opts.links else (opts.sources / "links" if opts.sources.is_dir() else None)
    h = hashlib.sha256()
    if folder is not None and folder.is_dir():
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                h.update(str(f.relative_to(folder)).encode() + b"\x00" + f.read_bytes())
    return (opts.base, opts.licence, opts.strict_privacy, str(opts.registry), h.hexdigest(), opts.sparql_url,
            opts.publisher)


REBUILD_SHARE = 0.25    # above this share of changed issues, a fresh build is quicker than one in place


def _plan(state: dict | None, marks: tuple, indexes: list[IssueIndex], rkeys: dict[str, str], cache: Cache):
    """Which issues changed since the build in `state`; None when the output must be built afresh."""
    if state is None or state.get("marks") != marks:
        return None
    before = state["issues"]
    changed = [ix for ix in indexes if before.get(ix.key) != rkeys[ix.key] or not cache.has("result", rkeys[ix.key])]
    removed = sorted(set(before) - {ix.key for ix in indexes})
    # what the changed issues described before is needed to know which pages to write again
    if any(not cache.has("result", before[k]) for k in [ix.key for ix in changed] + removed if k in before):
        return None
    share = float(os.environ.get("GONGBAO_REBUILD_SHARE", REBUILD_SHARE))
    if len(changed) + len(removed) > max(1, share * len(indexes)):
        return None
    return changed, removed, state


def build(opts: BuildOptions, log=print) -> list[IssueResult]:
    from publish.build.cache import output_fingerprint
    from publish.build.cluster import connect
    from publish.build.commit import finish_commit, load_state, save_state
    from publish.build.storage import local_folder

    check_output(opts.out, {"--sources": opts.sources, "--registry": opts.registry, "--cache": local_folder(opts.cache),
                            "--links": opts.links})
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    out = opts.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(out)
    if out.is_dir():
        finish_commit(out)
    work = WorkFolder(out.parent, f".{out.name}.build-")
    tmp = work.path
    stages = Stages()
    # without a cache folder the per-issue results still go to disk, in one that is thrown away after
    scratch = None if opts.cache else WorkFolder(out.parent, ".gongbao-scratch-")
    fingerprint = code_fingerprint(opts.registry)
    marks = (fingerprint, output_fingerprint(), _settings(opts))
    executor = None
    try:
        cache = Cache(opts.cache or scratch.path, fingerprint)
        executor = connect(opts.executor, cache)
        if executor is None and not cache.files.shared:
            raise GazetteError(str(opts.cache), "the memory file system is a dictionary inside one process, and this "
                                                "machine's workers are forked processes: give a folder or a URL")
        if executor is not None:
            executor.reads = [opts.registry]    # a cluster's workers read their own copy of the registry folder
        with use(executor):
            registry = load_registry(opts.registry)
            stages.start("parse")
            paths = [(p, p.relative_to(opts.sources).as_posix() if opts.sources.is_dir() else p.name)
                     for p in find_issues(opts.sources)]
            indexes = parse_all(paths, opts, cache, stages)
            check_corpus(indexes, opts.sources)
            codebook = learn_codes([ix.codes for ix in indexes], registry)
            CODEBOOK[:] = [codebook]
            rkeys = result_keys(indexes, opts, cache, codebook.fingerprint())
            plan = _plan(load_state(out) if opts.graph and opts.cache and out.is_dir() else None, marks, indexes, rkeys,
                         cache)
            if plan is not None:
                done = _rebuild_in_place(plan, indexes, rkeys, registry, opts, cache, tmp, out, stages, marks, log)
                if done is not None:
                    tmp = None
                    return done
                work.remove()
                work = WorkFolder(out.parent, f".{out.name}.build-")
                tmp = work.path
            stages.start("issues")
            results = process_issues(indexes, opts, cache, tmp, stages, rkeys)
            _report(results, opts, stages, log)
            if opts.graph:
                from publish.build.graph import graph_outputs
                state = graph_outputs(results, registry, tmp, opts, log, stages=stages, cache=cache, codebook=codebook)
                save_state(tmp, {**state, "marks": marks})
            _summary(stages, log)
        replace_dir(tmp, out)
        tmp = None
        log(f"wrote {out}")
        return results
    finally:
        CODEBOOK.clear()
        signal.signal(signal.SIGTERM, previous)
        if executor is not None:
            executor.close()
        if tmp is not None:
            work.remove()
        else:
            work.release()
        if scratch is not None:
            scratch.remove()


def _summary(stages: Stages, log) -> None:
    stages.stop()
    if cluster() is not None:
        stages.note(cluster().memory())
    log(stages.summary())


def _report(results: list[IssueResult], opts: BuildOptions, stages: Stages, log) -> None:
    for r in results:
        for line in r.lines:
            log(line)
    if opts.graph:
        hits = sum(r.graph_cached for r in results)
        stages.note(f"map+shacl: {hits} of {len(results)} issues unchanged (from the cache), "
                    f"{len(results) - hits} mapped and validated")


def _rebuild_in_place(plan, indexes, rkeys, registry, opts, cache, stage: Path, out: Path, stages: Stages, marks,
                      log) -> list[IssueResult] | None:
    """Only the changed issues' work, and only the outputs they touch, staged and then committed into `out`.
    None when that cannot be done (the registry's facts changed): the caller builds afresh."""
    from publish.build.graph import graph_outputs
    from publish.build.commit import STATE, commit, save_state

    changed, removed, previous = plan
    stages.start("issues")
    fresh = {r.key: r for r in process_issues(changed, opts, cache, stage, stages, rkeys, every=indexes)}
    results = [fresh.get(ix.key) or cache.get("result", rkeys[ix.key]) for ix in indexes]
    for ix, r in zip(indexes, results):
        r.source_file, r.graph_cached = ix.source_file, ix.key not in fresh or r.graph_cached
    stages.note(f"rebuild in place: {len(changed)} issue(s) changed, {len(removed)} removed, "
                f"{len(indexes) - len(changed)} unchanged")
    _report(results, opts, stages, log)
    if not changed and not removed:
        _summary(stages, log)
        log(f"{out} is up to date")
        shutil.rmtree(stage, ignore_errors=True)
        return results
    made = graph_outputs(results, registry, stage, opts, log, stages, cache, CODEBOOK[0] if CODEBOOK else None,
                         changed=[fresh[ix.key] for ix in changed], removed=removed, previous=previous, out=out)
    if made is None:
        return None
    moves, deletes, state = made
    save_state(stage, {**state, "marks": marks})
    _summary(stages, log)
    commit(stage, out, moves + [STATE, MARKER], deletes)
    log(f"updated {out}")
    return results
