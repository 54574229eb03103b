"""Benchmark (not a test): resource pages rendered per second on the seed issue.

    .venv/bin/python benchmarks/site_pages.py
"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazette.corpus import read_issue  # noqa: E402
from gazette.registry import load_registry  # noqa: E402
from mappings.graph import map_issue_records, new_graph, registry_graph  # noqa: E402
from mappings.terms import IRIs  # noqa: E402
from publish.outputs.reasoning import load_ontology  # noqa: E402
from publish.sitegen.render import Site  # noqa: E402


def main() -> None:
    seed = ROOT / "sources" / "gazettes" / "shapingba-2020-02.txt"
    registry = load_registry()
    rec = read_issue(seed, registry)
    iris = IRIs("https://gongbao.example.org")
    g, bodies = map_issue_records(rec, seed.read_bytes(), iris, registry)
    union = new_graph()
    for graph in (g, registry_graph(bodies, iris, registry, None)):
        for t in graph:
            union.add(t)
    with tempfile.TemporaryDirectory() as tmp:
        site = Site(union, load_ontology(), iris.base, Path(tmp), [rec])
        t = time.perf_counter()
        n = site.render()
        dt = time.perf_counter() - t
    print(f"{n} resource pages (each with Turtle, N-Triples and JSON-LD) in {dt:.2f} s: {n / dt:.0f} pages/s")


if __name__ == "__main__":
    main()
