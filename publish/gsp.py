"""`python build.py publish`: each named graph to a store, by the SPARQL 1.1 Graph Store HTTP Protocol.

PUT replaces the graph. Basic and Digest authentication are answered when the store asks.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import re
import secrets
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


def _challenge_of(header: str | None) -> dict | None:
    """The scheme and parameters of a WWW-Authenticate header (Digest or Basic)."""
    if not header:
        return None
    scheme, _, rest = header.strip().partition(" ")
    params = {k.lower(): v.strip('"') for k, v in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', rest)}
    return {"scheme": scheme.lower(), **params}


class _Auth:
    """Credentials answered up front, so a body is never sent to be refused: Digest needs a challenge
    first, which a HEAD (no body) brings."""

    def __init__(self, user: str, password: str):
        self.user, self.password, self.challenge, self.nc = user, password, None, 0

    def header(self, method: str, url: str) -> str | None:
        c = self.challenge
        if c is None:
            return None
        if c["scheme"] == "basic":
            return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        if c["scheme"] != "digest":
            return None
        uri = urllib.parse.urlsplit(url)
        uri = uri.path + (f"?{uri.query}" if uri.query else "")
        md5 = lambda x: hashlib.md5(x.encode()).hexdigest()  # noqa: E731 - the scheme's hash
        ha1 = md5(f"{self.user}:{c.get('realm', '')}:{self.password}")
        ha2 = md5(f"{method}:{uri}")
        self.nc += 1
        nc, cnonce = f"{self.nc:08x}", secrets.token_hex(8)
        qop = "auth" if "auth" in c.get("qop", "").split(",") else None
        response = md5(f"{ha1}:{c['nonce']}:{nc}:{cnonce}:{qop}:{ha2}") if qop else md5(f"{ha1}:{c['nonce']}:{ha2}")
        parts = [f'username="{self.user}"', f'realm="{c.get("realm", "")}"', f'nonce="{c["nonce"]}"', f'uri="{uri}"',
                 f'response="{response}"', 'algorithm=MD5']
        if qop:
            parts += [f"qop={qop}", f"nc={nc}", f'cnonce="{cnonce}"']
        if "opaque" in c:
            parts.append(f'opaque="{c["opaque"]}"')
        return "Digest " + ", ".join(parts)


def _request(method: str, url: str, data: bytes | None, headers: dict, timeout: float):
    u = urllib.parse.urlsplit(url)
    conn = (http.client.HTTPSConnection if u.scheme == "https" else http.client.HTTPConnection)(
        u.hostname, u.port, timeout=timeout)
    try:
        conn.request(method, u.path + (f"?{u.query}" if u.query else ""), body=data, headers=headers)
        r = conn.getresponse()
        return r.status, r.getheader("WWW-Authenticate"), r.read()[:300].decode("utf-8", "replace")
    finally:
        conn.close()


def publish(out: Path, endpoint: str, user: str | None = None, password: str | None = None,
            param: str = "graph", log=print, timeout: float = 120, attempts: int = 3) -> list[dict]:
    """PUT each named graph, answering the store's authentication before any body is sent, retrying a
    failed graph. Returns a row per graph replaced; raises PublishError naming which graphs were replaced
    and which were not when any failed."""
    auth = _Auth(user, password or "") if user is not None else None
    graphs = graphs_from_dump(out)
    if auth is not None and graphs:
        try:
            status, challenge, _ = _request("HEAD", graph_url(endpoint, next(iter(graphs)), param), None, {}, timeout)
            if status == 401:
                auth.challenge = _challenge_of(challenge)
        except OSError as e:
            raise PublishError(f"{endpoint}: cannot reach the store: {e}") from None
    report, failed = [], []
    for graph, body in graphs.items():
        data = body.encode("utf-8")
        url = graph_url(endpoint, graph, param)
        outcome = None
        for _ in range(attempts):
            headers = {"Content-Type": "application/n-triples"}
            if auth is not None and auth.header("PUT", url):
                headers["Authorization"] = auth.header("PUT", url)
            try:
                status, challenge, text = _request("PUT", url, data, headers, timeout)
            except OSError as e:
                outcome = f"cannot reach the store: {e}"
                if auth is not None:        # the store may have refused unread: ask for its challenge
                    try:
                        s2, ch2, _ = _request("HEAD", url, None, {}, timeout)
                        if s2 == 401:
                            auth.challenge = _challenge_of(ch2)
                    except OSError:
                        pass
                continue
            if status == 401 and auth is not None and challenge and _challenge_of(challenge) != auth.challenge:
                auth.challenge = _challenge_of(challenge)       # a new or stale nonce: answer it and send again
                outcome = f"refused with 401: {text}"
                continue
            if 200 <= status < 300:
                outcome = None
                row = {"graph": graph, "triples": body.count("\n"), "bytes": len(data), "status": status}
                report.append(row)
                log(f"  PUT <{graph}>: {row['triples']} triples, {row['bytes']} bytes -> HTTP {status}")
                break
            outcome = f"refused with {status}: {text}"
            if status < 500:
                break           # the store's answer will not change
        if outcome is not None:
            failed.append((graph, outcome))
    if failed:
        done = ", ".join(f"<{r['graph']}>" for r in report) or "none"
        raise PublishError(f"{endpoint}: {len(failed)} of {len(graphs)} graphs were not replaced: "
                           + "; ".join(f"<{g}> {why}" for g, why in failed) + f". Replaced: {done}")
    return report
