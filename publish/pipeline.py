"""The build: every issue under the sources, written into a fresh folder that replaces the old one
only when every step has passed."""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from gazette.corpus import IssueRecords, read_issue, resolve_corpus
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
        shutil.rmtree(old, ignore_errors=True)


def _parse_worker(path: str, shown: str, registry_dir: str | None) -> IssueRecords:
    return read_issue(Path(path), _registry(registry_dir), display_path=shown)


_REGISTRIES: dict = {}


def _registry(registry_dir: str | None):
    if registry_dir not in _REGISTRIES:
        _REGISTRIES[registry_dir] = load_registry(Path(registry_dir) if registry_dir else None)
    return _REGISTRIES[registry_dir]


def workers(n_jobs: int) -> int:
    return max(1, min(n_jobs, os.cpu_count() or 1))


def parse_all(paths: list[tuple[Path, str]], opts: "BuildOptions", cache: Cache, stages: Stages) -> list[IssueRecords]:
    """Every issue parsed, in parallel processes, each unchanged issue taken from the cache."""
    results: dict[int, IssueRecords] = {}
    todo = []
    for i, (path, shown) in enumerate(paths):
        key = cache.key(path.read_bytes(), shown)
        hit = cache.get("parse", key)
        if hit is not None:
            hit.parsed.info.source_file = str(path.resolve())
            results[i] = hit
        else:
            todo.append((i, path, shown, key))
    reg = str(opts.registry) if opts.registry else None
    done = len(results)
    stages.note(f"parse: {done} of {len(paths)} issues unchanged (from the cache), {len(todo)} parsed")
    if len(todo) > 1 and workers(len(todo)) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers(len(todo))) as pool:
            futures = {pool.submit(_parse_worker, str(p), shown, reg): (i, key) for i, p, shown, key in todo}
            for fut in futures:
                i, key = futures[fut]
                results[i] = fut.result()
                cache.put("parse", key, results[i])
                done += 1
                stages.tick(done, len(paths))
    else:
        for i, p, shown, key in todo:
            results[i] = _parse_worker(str(p), shown, reg)
            cache.put("parse", key, results[i])
            done += 1
            stages.tick(done, len(paths))
    return [results[i] for i in range(len(paths))]


def build(opts: BuildOptions, log=print) -> list[IssueRecords]:
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    registry = load_registry(opts.registry)
    out = opts.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    tmp.chmod(0o755)
    stages = Stages()
    cache = Cache(opts.cache, code_fingerprint(opts.registry))
    try:
        stages.start("parse")
        paths = [(p, p.relative_to(opts.sources).as_posix() if opts.sources.is_dir() else p.name)
                 for p in find_issues(opts.sources)]
        issues = parse_all(paths, opts, cache, stages)
        resolve_corpus(issues, registry)
        stages.start("records")
        keys = [r.parsed.info.key for r in issues]
        dupes = {k for k in keys if keys.count(k) > 1}
        if dupes:
            raise GazetteError(str(opts.sources), f"two issues share the key {sorted(dupes)[0]}: rename one file")
        for rec in issues:
            if opts.strict_privacy:
                redact_pupils(rec)
            cov = write_records(rec, tmp)
            for line in summary_lines(rec, cov):
                log(line)
            failed = [c for c in rec.table_checks if not c["ok"]]
            if failed:
                raise ValidationFailed("; ".join(f"{c['file']}:{c['line']}: {c['message']}" for c in failed))
        if opts.graph:
            from .graph_build import build_graph_outputs
            build_graph_outputs(issues, registry, tmp, opts, log, stages=stages, cache=cache)
        stages.stop()
        log(stages.summary())
        # a pause point for the interruption test: the build is complete but not yet swapped in
        time.sleep(float(os.environ.get("GONGBAO_PAUSE_BEFORE_REPLACE", "0")))
        replace_dir(tmp, out)
        tmp = None
        log(f"wrote {out}")
        return issues
    finally:
        signal.signal(signal.SIGTERM, previous)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
