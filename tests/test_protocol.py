"""The W3C SPARQL 1.1 Protocol test suite (../shared/vendor/w3c-sparql11-protocol), run against `serve` on
a store holding the suite's data as named graphs: every query test passes, every update is refused."""
import http.client
import re
import subprocess
import sys

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from tests.conftest import ROOT, SHARED

SUITE = SHARED / "vendor" / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
pytestmark = pytest.mark.skipif(not (SUITE / "manifest.ttl").exists(), reason=f"the W3C protocol suite is absent ({SUITE})")


def protocol_tests():
    if not (SUITE / "manifest.ttl").exists():
        return []
    g = Graph().parse(SUITE / "manifest.ttl", publicID="http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    out = []
    for t in Collection(g, g.value(manifest, MF.entries)):
        name = str(t).rsplit("#", 1)[1]
        requests = []
        for req in Collection(g, g.value(g.value(t, MF.action), HT.requests)):
            headers = {str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue))
                       for h in (Collection(g, g.value(req, HT.headers)) if g.value(req, HT.headers) else [])}
            body = g.value(req, HT.body)
            resp = g.value(req, HT.resp)
            requests.append({
                "method": str(g.value(req, HT.methodName)), "path": str(g.value(req, HT.absolutePath)),
                "headers": headers, "body": str(g.value(body, CNT.chars)) if body is not None else None,
                "encoding": str(g.value(body, CNT.characterEncoding) or "UTF-8") if body is not None else None,
                "status": sorted(str(x).rsplit("#", 1)[1] for x in g.objects(resp, MF.expectedStatus)),
                "format": str(g.value(resp, MF.expectedFormat) or ""),
                "boolean": g.value(resp, MF.expectedBoolean),
            })
        data = [(str(g.value(d, RDFS.label)), str(g.value(d, UT.graph))) for d in g.objects(t, UT.graphData)]
        out.append((name, requests, data))
    return out


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """`serve` on a store with data1–3 as the named graphs the suite's requests name."""
    import pyoxigraph as ox
    out = tmp_path_factory.mktemp("protocol") / "dist"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    for n in (1, 2, 3):
        store.load(path=str(SUITE / f"data{n}.nt"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(f"http://kasei.us/2009/09/sparql/data/data{n}.rdf"))
    store.flush()
    del store
    (out / "build.json").write_text('{"base": "http://www.example"}\n', encoding="utf-8")
    (out / "reconcile.json").write_text("[]\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--build", str(out), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(re.search(r":(\d+)/", line)[1])
    yield port
    proc.terminate()
    proc.wait()


def _fmt(media: str) -> str:
    if "sparql-results" in media or media in ("application/json", "text/csv", "text/tab-separated-values"):
        return "tabular"
    return "RDF"


@pytest.mark.parametrize("name,requests,data", protocol_tests(), ids=[t[0] for t in protocol_tests()])
def test_protocol(name, requests, data, endpoint):
    for r in requests:
        path = r["path"].replace("/sparql/", "/sparql", 1)
        body = r["body"].encode(r["encoding"]) if r["body"] is not None else None
        conn = http.client.HTTPConnection("127.0.0.1", endpoint, timeout=30)
        conn.request(r["method"], path, body=body, headers=r["headers"])
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        klass = f"StatusCode{str(resp.status)[0]}xx"
        if name.startswith("update_"):
            # a read-only endpoint refuses the update; the queries that would check its effect are not asked
            if "update=" in (r["body"] or "") or "sparql-update" in str(r["headers"]):
                assert 400 <= resp.status < 500, (name, resp.status, payload[:200])
            continue
        assert klass in r["status"], (name, resp.status, payload[:300])
        if resp.status >= 300:
            continue
        media = (resp.getheader("Content-Type") or "").split(";")[0]
        if r["format"] == "boolean":
            assert b'"boolean"' in payload or b"<boolean>" in payload, (name, payload[:200])
            if r["boolean"] is not None:
                want = b"true" if r["boolean"].toPython() else b"false"
                assert want in payload.lower(), (name, payload[:200])
        elif r["format"] == "tabular":
            assert _fmt(media) == "tabular", (name, media)
        elif r["format"] == "RDF":
            assert _fmt(media) == "RDF", (name, media)
