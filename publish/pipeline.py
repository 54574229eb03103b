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
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from gazette.corpus import IssueRecords, read_issue
from gazette.errors import GazetteError, ValidationFailed
from gazette.privacy import redact_pupils
from gazette.registry import load_registry

from .cache import Cache, code_fingerprint
from .progress import Stages
from .records import summary_lines, write_records


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
    cache: Path | None = None     # where per-issue results are kept between builds (None: no cache)


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


@dataclass
class IssueResult:
    """One issue's share of the build, as the main process sees it; the bulk stays in the cache."""
    key: str
    path: str
    source_file: str
    lines: list[str]
    failed_checks: list[dict]
    graph_key: str = ""
    bodies: set = field(default_factory=set)
    violations: list = field(default_factory=list)
    heritage: dict = field(default_factory=dict)     # linkset keys -> heritage item IRI
    triples: int = 0
    documents: list[str] = field(default_factory=list)
    graph_cached: bool = False


def find_issues(sources: Path) -> list[Path]:
    if sources.is_file():
        return [sources]
    if not sources.exists():
        raise GazetteError(str(sources), "no such file or folder")
    found = sorted(p for p in sources.rglob("*.txt") if "registry" not in p.parts and "links" not in p.parts)
    if not found:
        raise GazetteError(str(sources), "no gazette (.txt) found under this folder")
    return found


class Interrupted(Exception):
    exit_code = 130


def _raise_interrupt(signum, frame):
    raise Interrupted(f"interrupted by signal {signum}")


def replace_dir(tmp: Path, out: Path) -> None:
    """Swap the finished build in; the old output survives until the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(tmp, out)
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


_REGISTRIES: dict = {}


def _registry(registry_dir: str | None):
    if registry_dir not in _REGISTRIES:
        _REGISTRIES[registry_dir] = load_registry(Path(registry_dir) if registry_dir else None)
    return _REGISTRIES[registry_dir]


def workers(n_jobs: int) -> int:
    return max(1, min(n_jobs, os.cpu_count() or 1))


def run_parallel(fn, jobs: list[tuple], stages: Stages, done: int = 0, total: int | None = None):
    """fn(*job) for every job, in worker processes when there is more than one job and core; results in job order.

    Workers are forked, so they share what the main process set up before (the corpus's documents,
    the list of pages) without it being sent to each task."""
    total = len(jobs) + done if total is None else total
    if len(jobs) > 1 and workers(len(jobs)) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers(len(jobs)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(fn, *job) for job in jobs]
            results = []
            for fut in futures:
                results.append(fut.result())
                done += 1
                stages.tick(done, total)
            return results
    results = []
    for job in jobs:
        results.append(fn(*job))
        done += 1
        stages.tick(done, total)
    return results


def _parse_worker(path: str, shown: str, registry_dir: str | None, cache: Cache, key: str) -> IssueIndex:
    rec = read_issue(Path(path), _registry(registry_dir), display_path=shown)
    cache.put("parse", key, rec)
    return _index(rec, key)


def _index(rec: IssueRecords, key: str) -> IssueIndex:
    info = rec.parsed.info
    docs = [DocStub(d.key, d.title, list(d.issuers), d.number.canonical if d.number else d.title, d.line_span[0])
            for d in rec.parsed.documents]
    return IssueIndex(info.key, info.path, info.source_file, key, docs)


def parse_all(paths: list[tuple[Path, str]], opts: "BuildOptions", cache: Cache, stages: Stages) -> list[IssueIndex]:
    """Every issue parsed, in parallel processes; an unchanged issue's index comes from the cache."""
    results: dict[int, IssueIndex] = {}
    todo = []
    for i, (path, shown) in enumerate(paths):
        key = cache.key(path.read_bytes(), shown)
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
    seen: dict[str, str] = {}
    for ix in indexes:
        for d in ix.docs:
            if d.key in seen:
                raise GazetteError(ix.path, f"document {d.name} is also published in {seen[d.key]}", line=d.line)
            seen[d.key] = ix.path


# the corpus's documents, set before the workers fork (see run_parallel)
CORPUS_DOCS: list[DocStub] = []


def load_issue(ix: IssueIndex, opts: "BuildOptions", cache: Cache) -> IssueRecords:
    """An issue's records from the cache, its citations resolved against the whole corpus."""
    from gazette.citations import resolve
    rec = cache.get("parse", ix.parse_key)
    if rec is None:
        raise GazetteError(ix.path, "its parse is missing from the cache: build again")
    rec.parsed.info.source_file = ix.source_file
    if len(CORPUS_DOCS) > len(rec.parsed.documents):
        rec.citations, rec.regulations = resolve(rec.citations, CORPUS_DOCS, _registry(_reg_dir(opts)))
    if opts.strict_privacy:
        redact_pupils(rec)
    return rec


def _reg_dir(opts) -> str | None:
    return str(opts.registry) if opts.registry else None


def _issue_worker(ix: IssueIndex, opts: "BuildOptions", cache: Cache, tmp: Path) -> IssueResult:
    rec = load_issue(ix, opts, cache)
    cov = write_records(rec, tmp)
    result = IssueResult(ix.key, ix.path, ix.source_file, summary_lines(rec, cov),
                         [c for c in rec.table_checks if not c["ok"]],
                         documents=[d.key for d in rec.parsed.documents])
    if opts.graph and not result.failed_checks:
        from .graph_build import map_issue
        map_issue(rec, result, opts, cache)
    return result


def process_issues(indexes: list[IssueIndex], opts: "BuildOptions", cache: Cache, tmp: Path, stages: Stages) -> list[IssueResult]:
    CORPUS_DOCS[:] = [d for ix in indexes for d in ix.docs] if len(indexes) > 1 else []
    try:
        return run_parallel(_issue_worker, [(ix, opts, cache, tmp) for ix in indexes], stages)
    finally:
        CORPUS_DOCS.clear()


def build(opts: BuildOptions, log=print) -> list[IssueResult]:
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    out = opts.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    tmp.chmod(0o755)
    stages = Stages()
    # without a cache folder the per-issue results still go to disk, in one that is thrown away after
    scratch = None if opts.cache else Path(tempfile.mkdtemp(prefix=".gongbao-scratch-", dir=out.parent))
    cache = Cache(opts.cache or scratch, code_fingerprint(opts.registry))
    try:
        registry = load_registry(opts.registry)
        stages.start("parse")
        paths = [(p, p.relative_to(opts.sources).as_posix() if opts.sources.is_dir() else p.name)
                 for p in find_issues(opts.sources)]
        indexes = parse_all(paths, opts, cache, stages)
        check_corpus(indexes, opts.sources)
        stages.start("issues")
        results = process_issues(indexes, opts, cache, tmp, stages)
        if opts.graph:
            hits = sum(r.graph_cached for r in results)
            stages.note(f"map+shacl: {hits} of {len(results)} issues unchanged (from the cache), "
                        f"{len(results) - hits} mapped and validated")
        for r in results:
            for line in r.lines:
                log(line)
            if r.failed_checks:
                raise ValidationFailed("; ".join(f"{c['file']}:{c['line']}: {c['message']}" for c in r.failed_checks))
        if opts.graph:
            from .graph_build import build_graph_outputs
            build_graph_outputs(results, registry, tmp, opts, log, stages=stages, cache=cache)
        stages.stop()
        log(stages.summary())
        # a pause point for the interruption test: the build is complete but not yet swapped in
        time.sleep(float(os.environ.get("GONGBAO_PAUSE_BEFORE_REPLACE", "0")))
        replace_dir(tmp, out)
        tmp = None
        log(f"wrote {out}")
        return results
    finally:
        signal.signal(signal.SIGTERM, previous)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
