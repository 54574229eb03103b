"""The floor of each stage that has one: the least a stage could cost on this machine, measured on the
build's own output, in the same run, so the ratio stage / floor holds whatever the machine's speed.

- dumps: pyoxigraph loads the build's all.nq and writes the same quads in every dump format;
- store: a bulk load of the same quads into a fresh store;
- site: writing the same site files (same paths, same sizes) from a trivial jinja2 template;
- search: Pagefind over the same searchable pages, in one run.

Parsing, mapping, SHACL and the reasoner have no floor: report them per issue.

    .venv/bin/python benchmarks/floor.py DIST          # a build's output folder; prints seconds per floor
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"all.ttl": "text/turtle", "all.nt": "application/n-triples", "all.nq": "application/n-quads",
           "all.trig": "application/trig", "all.jsonld": "application/ld+json"}
SEARCH_SCRIPT = ROOT / "publish" / "sitegen" / "search_index.mjs"


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def dumps_floor(dist: Path, work: Path) -> float:
    import pyoxigraph as ox

    def run():
        store = ox.Store()
        with open(dist / "dumps" / "all.nq", "rb") as f:
            store.bulk_load(f, ox.RdfFormat.N_QUADS)
        for name, media in FORMATS.items():
            fmt = ox.RdfFormat.from_media_type(media)
            with open(work / name, "wb") as out:
                # the dataset formats keep the graphs; Turtle and N-Triples take the union, as the build's do
                quads = store.quads_for_pattern(None, None, None, None)
                ox.serialize(quads if fmt.supports_datasets else (q.triple for q in quads), out, fmt)
    return _timed(run)


def store_floor(dist: Path, work: Path) -> float:
    import pyoxigraph as ox

    def run():
        store = ox.Store(str(work / "store"))
        with open(dist / "dumps" / "all.nq", "rb") as f:
            store.bulk_load(f, ox.RdfFormat.N_QUADS)
        store.flush()
    return _timed(run)


def site_floor(dist: Path, work: Path) -> float:
    """Every file the site stage wrote for its pages, written again at the same path and size from a
    trivial template: what rendering would cost if a page cost nothing to compute."""
    from jinja2 import Template
    template = Template("{{ head }}{{ body }}")
    files = [(p.relative_to(dist / "site"), p.stat().st_size) for p in (dist / "site").rglob("index.*")]
    target = work / "site"

    def run():
        made = set()
        for rel, size in files:
            folder = target / rel.parent
            if folder not in made:
                folder.mkdir(parents=True, exist_ok=True)
                made.add(folder)
            with open(folder / rel.name, "w", encoding="utf-8") as f:
                f.write(template.render(head="<!doctype html>", body="x" * max(0, size - 15)))
    return _timed(run)


def search_floor(dist: Path, work: Path) -> float | None:
    """Pagefind over the pages the build indexed, in one bundle and one run."""
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "pagefind").exists():
        return None
    site = dist / "site"
    pages = [p for p in site.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    spec = [{"output": str((work / "pagefind").resolve()),
             "pages": [[str(p.relative_to(site)), str(p)] for p in pages]}]
    spec_file = work / "spec.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    try:
        return _timed(lambda: subprocess.run([node, str(SEARCH_SCRIPT), str(site.resolve()), str(spec_file)], check=True,
                                             capture_output=True, cwd=ROOT))
    except subprocess.CalledProcessError as e:
        # one index of every page may not fit this machine's memory (the reason the build cuts bundles)
        print(f"search floor: Pagefind in one run failed ({e.returncode}): {e.stderr.decode()[-300:]}", file=sys.stderr)
        return None


FLOORS = {"dumps": dumps_floor, "store": store_floor, "site": site_floor, "search": search_floor}


def floors(dist: Path, only: list[str] | None = None) -> dict[str, float | None]:
    work = Path(tempfile.mkdtemp(prefix="gongbao-floor-"))
    try:
        out = {}
        for name, fn in FLOORS.items():
            if only and name not in only:
                continue
            folder = work / name
            folder.mkdir()
            out[name] = fn(dist, folder)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 2 or not Path(sys.argv[1], "dumps", "all.nq").exists():
        raise SystemExit(__doc__)
    sys.path.insert(0, str(ROOT))
    for stage, seconds in floors(Path(sys.argv[1]), sys.argv[2:] or None).items():
        print(f"{stage:<8} {'—' if seconds is None else f'{seconds:.2f} s'}")
    os._exit(0)
