"""`publish` into real stores on loopback: the Oxigraph server (PyPI) and Virtuoso (Debian), started here."""
import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from publish.gsp import graph_url, graphs_from_dump, opener
from tests.conftest import ROOT

BUILD = [sys.executable, str(ROOT / "build.py")]
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
VIRTUOSO_PASSWORD = "gongbao-ci-Pw1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, seconds: float = 60) -> None:
    end = time.time() + seconds
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def out(seed_build):
    return seed_build[0]


def publish(out, endpoint, *auth):
    args = BUILD + ["publish", "--out", str(out), "--endpoint", endpoint]
    if auth:
        args += ["--user", auth[0], "--password", auth[1]]
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


def graph_triples(endpoint, graph, auth=None):
    op = opener(endpoint, *(auth or (None, None)))
    req = urllib.request.Request(graph_url(endpoint, graph), headers={"Accept": "application/n-triples"})
    data = op.open(req, timeout=60).read()
    fmt = ox.RdfFormat.TURTLE if data.lstrip().startswith(b"@prefix") else ox.RdfFormat.N_TRIPLES
    return {str(t) for t in ox.parse(data, format=fmt)}


def chain_rows(url):
    text = (ROOT / "queries" / "chain.rq").read_text(encoding="utf-8")
    req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": text}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    data = json.loads(urllib.request.urlopen(req, timeout=60).read())
    names = data["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value") for v in names) for b in data["results"]["bindings"])


def local_chain(out):
    from publish.outputs.store import run_query
    from tests.test_sparql import rows_from_json
    _, body = run_query(out, (ROOT / "queries" / "chain.rq").read_text(encoding="utf-8"), ["application/sparql-results+json"])
    return rows_from_json(body)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    if not OXIGRAPH:
        pytest.skip("the Oxigraph server (PyPI oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxdb")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if not (VIRTUOSO and ISQL):
        pytest.skip("Virtuoso (Debian virtuoso-opensource-7-bin) is not installed")
    d = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=http), encoding="utf-8")
    proc = subprocess.Popen([VIRTUOSO, "+configfile", str(d / "virtuoso.ini"), "+foreground"], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(http, 120)
    wait_port(sql, 30)
    # the default dba password is public: change it before anything is sent
    r = subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba",
                        f"EXEC=USER_CHANGE_PASSWORD('dba', 'dba', '{VIRTUOSO_PASSWORD}');"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    yield f"http://127.0.0.1:{http}"
    proc.terminate()
    proc.wait(timeout=60)


def test_publish_to_oxigraph_server(out, oxigraph_server):
    endpoint = oxigraph_server + "/store"
    r = publish(out, endpoint)
    assert r.returncode == 0, r.stderr
    assert "PUT <https://gongbao.example.org/graph/shapingba-2020-02>" in r.stdout
    for graph, body in graphs_from_dump(out).items():
        assert graph_triples(endpoint, graph) == {str(t) for t in ox.parse(body.encode(), format=ox.RdfFormat.N_TRIPLES)}
    # publishing again replaces each graph rather than adding to it
    assert publish(out, endpoint).returncode == 0
    assert chain_rows(oxigraph_server + "/query?union-default-graph") == local_chain(out)


def test_publish_to_virtuoso_with_digest_auth(out, virtuoso):
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    denied = publish(out, endpoint, "dba", "dba")
    assert denied.returncode == 4 and "401" in denied.stderr
    r = publish(out, endpoint, "dba", VIRTUOSO_PASSWORD)
    assert r.returncode == 0, r.stderr
    for graph, body in graphs_from_dump(out).items():
        assert graph_triples(endpoint, graph, ("dba", VIRTUOSO_PASSWORD)) == \
            {str(t) for t in ox.parse(body.encode(), format=ox.RdfFormat.N_TRIPLES)}
    assert chain_rows(virtuoso + "/sparql") == local_chain(out)


class _BasicStore(BaseHTTPRequestHandler):
    """A Graph Store that demands Basic authentication, to prove the client answers it."""
    received: dict = {}

    def log_message(self, *a):
        pass

    def do_PUT(self):
        expected = "Basic " + base64.b64encode(b"editor:pw").decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.end_headers()
            return
        graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
        _BasicStore.received[graph] = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()


def test_publish_answers_basic_auth(out):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BasicStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/store"
        r = publish(out, endpoint, "editor", "pw")
        assert r.returncode == 0, r.stderr
        assert set(_BasicStore.received) == set(graphs_from_dump(out))
        wrong = publish(out, endpoint, "editor", "nope")
        assert wrong.returncode == 4 and "401" in wrong.stderr
    finally:
        server.shutdown()


def test_unreachable_store_is_a_clear_error(out):
    r = publish(out, f"http://127.0.0.1:{free_port()}/store")
    assert r.returncode == 4 and "cannot reach the store" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("store", ["oxigraph", "virtuoso"])
def test_ten_publishes_in_a_row_each_match_the_dumps(store, out, request):
    """Publishing cannot half-succeed: ten runs in a row, each replaces every graph, and the store holds
    exactly the dumps after each (Virtuoso's Digest is answered before any body is sent)."""
    if store == "oxigraph":
        endpoint, cred = request.getfixturevalue("oxigraph_server") + "/store", ()
    else:
        endpoint, cred = request.getfixturevalue("virtuoso") + "/sparql-graph-crud-auth", ("dba", VIRTUOSO_PASSWORD)
    expected = {g: {str(t) for t in ox.parse(b.encode(), format=ox.RdfFormat.N_TRIPLES)}
                for g, b in graphs_from_dump(out).items()}
    for n in range(10):
        r = publish(out, endpoint, *cred)
        assert r.returncode == 0, (n, r.stderr)
        assert f"published {len(expected)} graphs" in r.stdout
        for graph, triples in expected.items():
            assert graph_triples(endpoint, graph, cred or None) == triples, (n, graph)
