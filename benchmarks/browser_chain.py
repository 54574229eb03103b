"""Benchmark (not a test): the SPARQL page in Chromium over a built site: how soon the engine is ready, and
the chain query, each run in a fresh page, so it fetches its own data segments; its rows are checked
against the build's store (the engine `serve` answers with).

    .venv/bin/python build.py && .venv/bin/python benchmarks/browser_chain.py [BUILD DIR] [RUNS] [START IRI]

START IRI replaces the document the chain starts from (沙府办发〔2020〕127号). On the 100-issue corpus
(benchmarks/corpus.py) the chain that crosses every issue starts at the last issue's repealing notice,
https://gongbao.example.org/eli/sha-fu-fa/2002/9875: it repeals the previous issue's, and so on back.
"""
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    from publish.outputs.store import run_query
    from tests.test_search_sparql import rows
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(out / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chain = (ROOT / "queries" / "chain.rq").read_text(encoding="utf-8")
    if len(sys.argv) > 3:
        chain = chain.replace("https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127", sys.argv[3])
    config = {"base": f"http://127.0.0.1:{server.server_address[1]}/", "chromium": shutil.which("chromium"),
              "sparql": {"queries": {f"run{i}": chain for i in range(runs)}}}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config, f)
    r = subprocess.run(["node", str(ROOT / "tests" / "browser" / "search_sparql.mjs"), f.name], capture_output=True,
                       text=True, cwd=ROOT)
    server.shutdown()
    if r.returncode:
        sys.exit(r.stderr)
    answers = json.loads(r.stdout)["sparql"]["answers"].values()
    _, body = run_query(out, chain, ["application/sparql-results+json"], timeout=600)
    same = all(rows(a["json"]) == rows(json.loads(body)) for a in answers)
    print(f"chain query in Chromium, {runs} fresh pages; the same rows as the store: {same} "
          f"({len(json.loads(body)['results']['bindings'])} rows)")
    for a in answers:
        print(f"  engine ready {a['ready']:.0f} ms; fetched {a['load']['fetched']} segments, "
              f"{a['load']['bytes'] / 1e6:.2f} MB, in {a['load']['ms']:.0f} ms; query {a['ms']:.0f} ms")


if __name__ == "__main__":
    main()
