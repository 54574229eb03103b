"""Load on the endpoint, one load client for every server (so the ratio is fair where the client limits).

    python benchmarks/sparql_load.py sparql BUILD [--clients 20] [--seconds 10]
        `gongbao serve` and `oxigraph serve-read-only` on the same build's store: the example queries and
        the chain query, round robin. Prints req/s, p50, p95 and errors for each, and serve's ratio.
    python benchmarks/sparql_load.py mixed BUILD [--clients 50] [--seconds 30]
        the reliability profile on `gongbao serve`: pages, SPARQL, reconciliation and negotiated
        resource requests in turn. Prints req/s, p95 and errors (the aim: 0 errors, p95 under 1 s).

Each client is a thread that opens a connection per request (the server closes each one), sends it,
reads the whole answer and records the time; a non-2xx status, a reset or a 30 s stall is an error.
"""
from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(port: int, deadline: float = 60.0) -> None:
    end = time.time() + deadline
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def start_serve(build: Path, timeout: float = 10.0):
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--build", str(build), "--port", str(port),
                             "--timeout", str(timeout)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.readline()
    wait_for(port)
    return proc, port


def start_oxigraph(build: Path, tmp: Path):
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    # a copy: the Oxigraph server may not share a store folder with another reader's lock
    store = tmp / "oxigraph-store"
    shutil.copytree(build / "store", store)
    port = free_port()
    proc = subprocess.Popen([exe, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(port)
    return proc, port


def sparql_requests(union: bool, only: str | None = None) -> list[tuple[str, str, dict]]:
    """(method, path, headers) for the example queries (the chain query among them), or the one named.
    Oxigraph's server takes the union of the named graphs as the default graph with `union-default-graph`."""
    out = []
    for q in sorted((ROOT / "queries").glob("*.rq")):
        if only and q.stem != only:
            continue
        params = {"query": q.read_text(encoding="utf-8")}
        if union:
            params["union-default-graph"] = ""
        out.append(("GET", "/sparql?" + urllib.parse.urlencode(params) if not union else
                    "/query?" + urllib.parse.urlencode(params), {"Accept": "application/sparql-results+json"}))
    return out


def mixed_requests(build: Path) -> list[tuple[str, str, dict]]:
    pages = sorted(p for p in (build / "site" / "eli").rglob("index.html"))[:20]
    paths = ["/" + str(p.parent.relative_to(build / "site")) + "/" for p in pages]
    base = json.loads((build / "build.json").read_text(encoding="utf-8"))["base"]
    out = [("GET", "/", {}), ("GET", "/documents/", {})]
    out += [("GET", p, {}) for p in paths[:8]]
    out += [("GET", p.rstrip("/"), {"Accept": "text/turtle"}) for p in paths[8:14]]
    out += [("GET", p.rstrip("/"), {"Accept": "application/ld+json"}) for p in paths[14:20]]
    out += sparql_requests(False)
    rq = {"q0": {"query": "沙磁金缮修复技艺"}, "q1": {"query": "重庆市沙坪坝区人民政府"}}
    out.append(("GET", "/reconcile?" + urllib.parse.urlencode({"queries": json.dumps(rq, ensure_ascii=False)}), {}))
    del base
    return out


def load(port: int, requests: list, clients: int, seconds: float) -> dict:
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.time() + seconds

    def client(k: int) -> None:
        i = k
        while time.time() < stop:
            method, path, headers = requests[i % len(requests)]
            i += clients
            t = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(method, path, headers=headers)
                r = conn.getresponse()
                r.read()
                conn.close()
                ok = 200 <= r.status < 300
                err = None if ok else f"{r.status} {path[:60]}"
            except OSError as e:
                err = f"{type(e).__name__} {path[:60]}"
            took = time.perf_counter() - t
            with lock:
                if err:
                    errors.append(err)
                else:
                    times.append(took)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.time()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.time() - t0
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))] * 1000 if times else float("nan")

    return {"req_s": len(times) / wall, "p50_ms": pct(0.50), "p95_ms": pct(0.95), "ok": len(times),
            "errors": len(errors), "error_kinds": sorted(set(re.sub(r" /.*", "", e) for e in errors))[:5]}


def show(name: str, r: dict) -> str:
    return (f"{name:<28} {r['req_s']:8.1f} req/s   p50 {r['p50_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms   "
            f"errors {r['errors']}" + (f" {r['error_kinds']}" if r["errors"] else ""))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("profile", choices=["sparql", "mixed"])
    ap.add_argument("build", type=Path)
    ap.add_argument("--clients", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=None)
    ap.add_argument("--only", default=None, help="one example query by name (sparql profile), e.g. chain")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile == "sparql":
            clients, seconds = args.clients or 20, args.seconds or 10
            serve, port = start_serve(args.build)
            try:
                ours = load(port, sparql_requests(False, args.only), clients, seconds)
            finally:
                serve.terminate()
                serve.wait()
            ox, oport = start_oxigraph(args.build, Path(tmp))
            try:
                theirs = load(oport, sparql_requests(True, args.only), clients, seconds)
            finally:
                ox.terminate()
                ox.wait()
            print(f"{clients} clients, {seconds:g} s, " + (f"the query {args.only}" if args.only else "the example queries"))
            print(show("gongbao serve", ours))
            print(show("oxigraph serve-read-only", theirs))
            print(f"ratio of req/s: {ours['req_s'] / theirs['req_s']:.2f}; of p95: {ours['p95_ms'] / theirs['p95_ms']:.2f}")
        else:
            clients, seconds = args.clients or 50, args.seconds or 30
            serve, port = start_serve(args.build)
            try:
                r = load(port, mixed_requests(args.build), clients, seconds)
            finally:
                serve.terminate()
                serve.wait()
            print(f"{clients} clients, {seconds:g} s: pages, SPARQL, reconciliation, negotiated resources")
            print(show("gongbao serve", r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
