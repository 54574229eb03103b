"""SPARQL three ways (rdflib on the dump, the embedded store, `serve`), and the server's limits."""
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib

from tests.conftest import ROOT

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
BUILD = [sys.executable, str(ROOT / "build.py")]


@pytest.fixture(scope="module")
def out(seed_build):
    return seed_build[0]


@pytest.fixture(scope="module")
def server(seed_server):
    return seed_server


def http(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def rows_from_json(body: bytes) -> list[tuple]:
    data = json.loads(body)
    names = data["head"]["vars"]
    return sorted(tuple(b.get(v, {}).get("value") for v in names) for b in data["results"]["bindings"])


@pytest.fixture(scope="module")
def rdflib_dataset(out):
    ds = rdflib.Dataset(default_union=True)
    ds.parse(out / "dumps" / "all.nq", format="nquads")
    return ds


def rows_rdflib(ds, query):
    res = ds.query(query)
    return sorted(tuple(None if row[v] is None else str(row[v]) for v in res.vars) for row in res)


def test_every_example_query_says_what_it_answers():
    assert len(QUERIES) >= 5
    for q in QUERIES:
        assert q.read_text(encoding="utf-8").startswith("# "), q.name


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_same_answer_on_rdflib_store_and_server(query, out, server, rdflib_dataset):
    text = query.read_text(encoding="utf-8")
    from publish.outputs.store import run_query
    media, body = run_query(out, text, ["application/sparql-results+json"])
    oxi = rows_from_json(body)
    assert oxi, f"{query.name} answered nothing"
    assert rows_rdflib(rdflib_dataset, text) == oxi
    status, _, body = http(server["url"] + "/sparql?" + urllib.parse.urlencode({"query": text}),
                           headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and rows_from_json(body) == oxi


def test_chain_reaches_the_national_level(out):
    from publish.outputs.store import run_query
    _, body = run_query(out, (ROOT / "queries" / "chain.rq").read_text(encoding="utf-8"), ["application/sparql-results+json"])
    rows = rows_from_json(body)
    assert ("https://gongbao.example.org/eli/yu-gui-zi-gui-fan/2020/8", "http://data.europa.eu/eli/ontology#applies",
            "https://gongbao.example.org/eli/zi-ran-zi-gui/2019/4", "自然资规〔2019〕4号", "national") in rows


def test_query_command_prints_a_table_json_and_csv(out):
    q = "SELECT ?n WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> ?n } ORDER BY ?n LIMIT 2"
    for fmt, expect in (("table", "(2 rows)"), ("json", '"bindings"'), ("csv", "n\n国办发〔2018〕26号\n")):
        r = subprocess.run(BUILD + ["query", q, "--out", str(out), "--format", fmt], capture_output=True, text=True)
        assert r.returncode == 0 and expect in r.stdout, (fmt, r.stdout, r.stderr)


@pytest.mark.parametrize("accept,marker", [
    ("application/sparql-results+xml", b"<sparql"), ("text/csv", b"n\r\n"), ("text/tab-separated-values", b"?n"),
    ("application/sparql-results+json", b'"vars"')])
def test_result_formats(server, accept, marker):
    q = "SELECT ?n WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> ?n } LIMIT 1"
    status, headers, body = http(server["url"] + "/sparql", data=urllib.parse.urlencode({"query": q}).encode(),
                                 headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and marker in body and headers["Content-Type"].startswith(accept)
    assert headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("accept,marker", [("text/turtle", b"eli:id_local"), ("application/n-triples", b"<http://data.europa.eu/eli/ontology#id_local>"),
                                           ("application/ld+json", b'"@id"')])
def test_construct_and_conneg(server, accept, marker):
    status, headers, body = http(server["url"] + "/eli/sha-fu-fa/2020/39", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert "沙府发〔2020〕39号".encode() in body and (marker in body or b"id_local" in body)


def test_unknown_resource_is_404(server):
    status, _, _ = http(server["url"] + "/eli/nothing/1999/1", headers={"Accept": "text/turtle"})
    assert status == 404


def test_updates_are_refused(server):
    update = "INSERT DATA { <http://a> <http://b> <http://c> }"
    s1, _, b1 = http(server["url"] + "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    s2, _, _ = http(server["url"] + "/sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    s3, _, b3 = http(server["url"] + "/sparql?" + urllib.parse.urlencode({"query": update}))
    assert (s1, s2, s3) == (403, 403, 400)
    assert b"read-only" in b1 and b"updates are refused" in b3


def test_bad_query_gets_a_clear_error(server):
    status, _, body = http(server["url"] + "/sparql?" + urllib.parse.urlencode({"query": "SELEC ?x WHERE {"}))
    assert status == 400 and b"not valid SPARQL" in body


def test_query_time_limit(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    t = time.time()
    status, _, body = http(server["url"] + "/sparql?" + urllib.parse.urlencode({"query": slow}))
    assert status == 503 and b"limit of 2 s" in body and time.time() - t < 20


def test_a_runaway_query_is_stopped_while_the_others_are_served(server):
    """The query workers: one runs away and is killed at the limit (and replaced); the others keep
    answering quick queries, quickly, meanwhile and after."""
    import threading
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    runaway = {}

    def run_away():
        t = time.time()
        runaway["status"], _, _ = http(server["url"] + "/sparql?" + urllib.parse.urlencode({"query": slow}))
        runaway["took"] = time.time() - t

    th = threading.Thread(target=run_away)
    th.start()
    time.sleep(0.3)
    quick = []
    while th.is_alive() or len(quick) < 10:
        t = time.time()
        status, _, _ = http(server["url"] + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
        quick.append((status, time.time() - t))
    th.join()
    assert runaway["status"] == 503 and runaway["took"] < 20
    assert all(status == 200 for status, _ in quick)
    assert sorted(t for _, t in quick)[int(len(quick) * 0.95) - 1] < 1.5, quick


def test_request_size_limit(server):
    big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_000).encode()
    status, _, body = http(server["url"] + "/sparql", data=big, headers={"Content-Type": "application/sparql-query"})
    assert status == 413


@pytest.mark.parametrize("path", ["/../build.json", "/%2e%2e/build.json", "/..%2fbuild.json", "/store/CURRENT",
                                  "//etc/passwd", "/site/../../build.json"])
def test_no_file_outside_the_site(server, path):
    status, _, body = http(server["url"] + path)
    assert status == 404 and b"base" not in body


def test_binds_loopback_by_default(server):
    assert server["host"] == "127.0.0.1"


# 303 See Other, negotiation, charsets and 404s on resource IRIs: tests/test_static_hosts.py, the same checks
# on `serve` and on Apache and nginx serving the built site
def test_every_iri_the_data_mints_resolves(server, seed_build):
    """Every subject under the base in all.nq, asked for as HTML and as Turtle: 200 or 303, never 404."""
    import http.client
    import pyoxigraph as ox
    base = "https://gongbao.example.org/"
    subjects = sorted({q.subject.value for q in ox.parse(path=str(seed_build[0] / "dumps" / "all.nq"),
                                                            format=ox.RdfFormat.N_QUADS)
                       if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base)})
    assert len(subjects) > 400
    bad = []
    conn = None
    for i, iri in enumerate(subjects):
        for accept in ("text/html", "text/turtle"):
            if conn is None or i % 50 == 0:
                conn = http.client.HTTPConnection(server["host"], server["port"], timeout=30)
            path = "/" + urllib.parse.quote(iri[len(base):].split("#")[0])    # a fragment is its document's
            conn.request("GET", path, headers={"Accept": accept, "Connection": "close"})
            r = conn.getresponse()
            r.read()
            conn.close()
            conn = None
            if r.status not in (200, 303):
                bad.append((iri, accept, r.status))
    assert not bad, bad[:10]
