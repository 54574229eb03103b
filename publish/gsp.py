"""`python build.py publish`: each named graph to a store, by the SPARQL 1.1 Graph Store HTTP Protocol.

PUT replaces the graph. Basic and Digest authentication are answered when the store asks.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path



class PublishError(Exception):
    pass


def graphs_from_dump(out: Path) -> dict[str, str]:
    """N-Triples text per named graph, read from the N-Quads dump (sorted, so sends are repeatable)."""
    import pyoxigraph

    per: dict[str, list[str]] = {}
    for q in pyoxigraph.parse(path=str(out / "dumps" / "all.nq"), format=pyoxigraph.RdfFormat.N_QUADS):
        per.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    return {g: "".join(sorted(lines)) for g, lines in sorted(per.items())}


def opener(endpoint: str, user: str | None, password: str | None):
    handlers = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def graph_url(endpoint: str, graph: str, param: str = "graph") -> str:
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}{param}={urllib.parse.quote(graph, safe='')}"


def publish(out: Path, endpoint: str, user: str | None = None, password: str | None = None,
            param: str = "graph", log=print, timeout: float = 120) -> list[dict]:
    op = opener(endpoint, user, password)
    report = []
    for graph, body in graphs_from_dump(out).items():
        data = body.encode("utf-8")
        req = urllib.request.Request(graph_url(endpoint, graph, param), data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        try:
            with op.open(req, timeout=timeout) as r:
                status = r.status
        except urllib.error.HTTPError as e:
            raise PublishError(f"{endpoint}: PUT of <{graph}> refused with {e.code} {e.reason}: "
                               f"{e.read()[:300].decode('utf-8', 'replace')}") from None
        except (urllib.error.URLError, OSError) as e:
            raise PublishError(f"{endpoint}: cannot reach the store: {getattr(e, 'reason', e)}") from None
        row = {"graph": graph, "triples": body.count("\n"), "bytes": len(data), "status": status}
        report.append(row)
        log(f"  PUT <{graph}>: {row['triples']} triples, {row['bytes']} bytes -> HTTP {status}")
    return report
