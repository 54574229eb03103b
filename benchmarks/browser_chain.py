"""Benchmark (not a test): the chain query in Chromium, on the in-browser engine, over the built site.

    .venv/bin/python build.py && .venv/bin/python benchmarks/browser_chain.py
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


def main() -> None:
    site = ROOT / "dist" / "site"
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chain = (ROOT / "queries" / "chain.rq").read_text(encoding="utf-8")
    config = {"base": f"http://127.0.0.1:{server.server_address[1]}/", "pages": [],
              "chromium": shutil.which("chromium"), "sparql": {f"run{i}": chain for i in range(5)}}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config, f)
    r = subprocess.run(["node", str(ROOT / "tests" / "browser" / "check.mjs"), f.name], capture_output=True, text=True, cwd=ROOT)
    server.shutdown()
    if r.returncode:
        sys.exit(r.stderr)
    times = [a["ms"] for a in json.loads(r.stdout)["sparql"]["answers"].values()]
    print("chain query in Chromium (ms, 5 runs):", ", ".join(f"{t:.1f}" for t in times))


if __name__ == "__main__":
    main()
