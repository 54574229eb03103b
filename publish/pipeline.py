"""The build: every issue under the sources, written into a fresh folder that replaces the old one
only when every step has passed."""
from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from gazette.corpus import IssueRecords, read_issue
from gazette.errors import GazetteError, ValidationFailed
from gazette.privacy import redact_pupils
from gazette.registry import load_registry

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


def build(opts: BuildOptions, log=print) -> list[IssueRecords]:
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    registry = load_registry(opts.registry)
    out = opts.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        issues = []
        for path in find_issues(opts.sources):
            shown = path.relative_to(opts.sources).as_posix() if opts.sources.is_dir() else path.name
            rec = read_issue(path, registry, display_path=shown)
            issues.append(rec)
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
            build_graph_outputs(issues, registry, tmp, opts, log)
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
