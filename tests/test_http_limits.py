"""The endpoint as a hostile client meets it, over raw sockets (so these rows hold whatever HTTP stack
serves): each request gets its status without the server reading what it should not, the server keeps
answering others, and its memory stays bounded. SERVICE reaches nothing."""
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import ROOT


def rss_kb(pid: int) -> int:
    for line in open(f"/proc/{pid}/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def exchange(port: int, head: bytes, body_stream: bytes = b"", chunk: int = 65536, wait: float = 10.0) -> tuple[int | None, float]:
    """Send `head`, then push `body_stream` while the server lets us; return the status it answered
    (None when it closed without one) and the seconds it took."""
    t = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    try:
        stream, sent = head + body_stream, 0
        try:
            while sent < len(stream):
                s.sendall(stream[sent:sent + chunk])
                sent += chunk
        except (BrokenPipeError, ConnectionResetError):
            pass        # the server closed on us: it did not read the rest, which is the point
        data = b""
        try:
            while b"\r\n" not in data:
                got = s.recv(4096)
                if not got:
                    break
                data += got
        except (ConnectionResetError, socket.timeout):
            pass
    finally:
        s.close()
    status = int(data.split(b" ")[1]) if data.startswith(b"HTTP/") else None
    return status, time.time() - t


def still_answers(url: str) -> bool:
    with urllib.request.urlopen(url + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), timeout=30) as r:
        return r.status == 200


def post(path: str, headers: list[str]) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode()


MiB = 1024 * 1024
# 101 queries, one over the cap, in a body well under the size limit
_BATCH = ("queries=" + urllib.parse.quote(json.dumps({f"q{i}": {"query": "卢沟桥传说"} for i in range(101)}))).encode()
FORM = ["Content-Type: application/x-www-form-urlencoded"]
# (name, request head, body pushed after it, expected status (None: closed without one), memory bound in MiB)
CASES = [
    ("negative Content-Length", post("/sparql", FORM + ["Content-Length: -1"]), b"q" * (64 * MiB), 400, 40),
    ("non-numeric Content-Length", post("/sparql", FORM + ["Content-Length: abc"]), b"query=ASK{}", 400, 20),
    ("Content-Length in other digits", post("/sparql", FORM + ["Content-Length: ١٢"]), b"query=ASK{}", 400, 20),
    ("oversized Content-Length", post("/sparql", FORM + ["Content-Length: 1000000000"]), b"q" * (64 * MiB), 413, 40),
    ("two Content-Lengths", post("/sparql", FORM + ["Content-Length: 5", "Content-Length: 11"]), b"query=ASK{}", 400, 20),
    ("chunked body", post("/sparql", FORM + ["Transfer-Encoding: chunked"]), b"b\r\nquery=ASK{}\r\n0\r\n\r\n", 411, 20),
    ("3 MB of headers", post("/sparql", FORM + [f"X-Pad-{i}: " + "h" * 30000 for i in range(100)]), b"", 431, 40),
    ("body shorter than declared", post("/sparql", FORM + ["Content-Length: 500"]), b"query=ASK{}", None, 20),
    ("reconciliation batch over the limit", post("/reconcile", FORM + [f"Content-Length: {200 * 1024}"]),
     b"q" * (200 * 1024), 413, 20),
    ("reconciliation batch of too many queries", post("/reconcile", FORM + [f"Content-Length: {len(_BATCH)}"]),
     _BATCH, 413, 20),
]


@pytest.mark.parametrize("name,head,body,status,bound", CASES, ids=[c[0] for c in CASES])
def test_hostile_request(name, head, body, status, bound, seed_server):
    pid = seed_server["proc"].pid
    before = rss_kb(pid)
    got, _ = exchange(seed_server["port"], head, body)
    assert got == status, name
    assert still_answers(seed_server["url"])
    assert rss_kb(pid) - before < bound * 1024, f"server memory grew by {(rss_kb(pid) - before) // 1024} MiB"


def test_a_silent_client_is_dropped(seed_server):
    """A Content-Length longer than the body once held the connection for ever; the client timeout
    (3 s in the fixture) ends it."""
    _, took = exchange(seed_server["port"], post("/sparql", FORM + ["Content-Length: 500"]), b"query=ASK{}", wait=60)
    assert took < 30


def test_no_traceback_for_any_of_them(seed_server):
    proc = seed_server["proc"]
    exchange(seed_server["port"], post("/sparql", FORM + ["Content-Length: abc"]), b"")
    assert still_answers(seed_server["url"])
    # the server's stderr is a pipe: read what is there without blocking
    os.set_blocking(proc.stderr.fileno(), False)
    try:
        err = os.read(proc.stderr.fileno(), 1 << 20)
    except BlockingIOError:
        err = b""
    assert b"Traceback" not in err


class Listener:
    """A loopback listener that must never be called: it counts the connections it accepts."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ ?x ?y ?z .service <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "PREFIX s: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ # a comment\n SERVICE s: {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_reaches_nothing(template, listener, seed_server):
    q = template.format(port=listener.port)
    url = seed_server["url"] + "/sparql?" + urllib.parse.urlencode({"query": q})
    try:
        urllib.request.urlopen(url, timeout=30)
        status, body = 200, b""
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    time.sleep(0.5)
    assert listener.accepted == 0
    assert status == 403 and b"SERVICE is refused" in body
    # the message is the same whatever is at the address: no port scanning through it
    assert str(listener.port).encode() not in body


def test_service_refused_by_the_query_command(listener, seed_build):
    q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "query", q, "--out", str(seed_build[0])],
                       capture_output=True, text=True, timeout=120)
    time.sleep(0.5)
    assert r.returncode == 2 and "SERVICE is refused" in r.stderr
    assert listener.accepted == 0


@pytest.mark.parametrize("query", [
    'SELECT ?o WHERE { ?s ?p "SERVICE" } LIMIT 1',
    "SELECT ?service WHERE { ?service <http://example.org/SERVICE> ?o } # SERVICE <http://x/>",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { ?s ex:service ?o }",
])
def test_the_word_service_elsewhere_is_no_service(query, seed_server):
    with urllib.request.urlopen(seed_server["url"] + "/sparql?" + urllib.parse.urlencode({"query": query}),
                                timeout=30) as r:
        assert r.status == 200


def test_a_short_burst_of_mixed_load_gets_no_error(seed_server):
    """The smoke version of benchmarks/sparql_load.py's mixed profile: 20 clients for 3 s, pages,
    SPARQL, reconciliation and a negotiated resource in turn; every answer a 200."""
    url = seed_server["url"]
    paths = [("/", {}), ("/documents/", {}), ("/eli/sha-fu-fa/2020/39/", {}),
             ("/eli/sha-fu-fa/2020/39", {"Accept": "text/turtle"}),
             ("/sparql?" + urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a ?c } LIMIT 5"}), {}),
             ("/reconcile?" + urllib.parse.urlencode({"queries": json.dumps({"q0": {"query": "沙磁金缮修复技艺"}})}), {})]
    errors, done = [], []
    stop = time.time() + 3

    def client(k):
        i = k
        while time.time() < stop:
            path, headers = paths[i % len(paths)]
            i += 1
            try:
                with urllib.request.urlopen(urllib.request.Request(url + path, headers=headers), timeout=30) as r:
                    r.read()
                    done.append(r.status)
            except (urllib.error.URLError, OSError) as e:
                errors.append(f"{path}: {e}")

    threads = [threading.Thread(target=client, args=(k,)) for k in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:5]
    assert len(done) > 60 and set(done) == {200}


def threads_of(pid: int) -> int:
    for line in open(f"/proc/{pid}/status", encoding="ascii"):
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


def test_idle_connections_hold_a_bounded_number_of_threads(seed_server):
    """300 clients that connect and say nothing: the server's threads stay bounded (32 serving, the rest
    queued or told 503), the silent ones are dropped after the client timeout, and others are answered."""
    pid = seed_server["proc"].pid
    socks = []
    try:
        for _ in range(300):
            socks.append(socket.create_connection(("127.0.0.1", seed_server["port"]), timeout=5))
        time.sleep(0.5)
        assert threads_of(pid) < 60, threads_of(pid)
    finally:
        for s in socks:
            s.close()
    t = time.time()
    assert still_answers(seed_server["url"]) and time.time() - t < 15
