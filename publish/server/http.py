"""`python build.py serve`: the built site, a read-only SPARQL 1.1 Protocol endpoint, and content
negotiation on resource IRIs. Binds 127.0.0.1 unless told otherwise."""
from __future__ import annotations

import functools
import html
import http.client
import json
import mimetypes
import posixpath
import re
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from gazette import datafiles
from mappings.terms import ROOTS
from publish.server.reconcile import BatchRefused
from publish.outputs.store import RDF_TYPES, QueryError, build_info
from publish.server.querypool import QueryPool

MAX_REQUEST = 64 * 1024
MAX_HEADERS = 16 * 1024       # the whole header block, request line excluded
SOCKET_TIMEOUT = 20.0         # seconds a client may stay silent mid-request (or idle) before it is dropped
LISTEN_BACKLOG = 128
WORKER_THREADS = 32           # requests served at once
QUEUED_REQUESTS = 256         # requests waiting for a thread; beyond them, 503 at once
BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
        b"Content-Length: 35\r\nConnection: close\r\n\r\nthe server is busy: try again soon\n")
# the data files the build writes beside each resource's page, by media type
BUILT_FILES = {"text/turtle": "index.ttl", "application/ld+json": "index.jsonld", "text/html": "index.html"}
# … and the one serve makes from index.ttl when asked: the static site keeps three files per resource
MADE_NT = "index.nt"
PAGE_FILES = {"text/turtle": "index.ttl", "application/n-triples": MADE_NT, "application/ld+json": "index.jsonld",
              "text/html": "index.html"}
# media types the standard library's table may not know
MEDIA = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
         ".nq": "application/n-quads", ".trig": "application/trig", ".rq": "application/sparql-query"}
LINGER_SECONDS = 2.0          # after refusing a request unread, how long its input is drained …
LINGER_BYTES = 8 * 1024 * 1024  # … and how much of it, so the client reads our answer, not a reset
_LENGTH = re.compile(r"[0-9]{1,12}")
# every root an IRI is minted under, but the dumps, which are files
RESOURCE_ROOTS = tuple(r for r in ROOTS if r != "dumps")


def parse_accept(header: str | None) -> list[str]:
    """Media types in the order the client prefers them."""
    items = []
    for n, part in enumerate((header or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        items.append((-q, n, bits[0].lower()))
    return [m for _, _, m in sorted(items) if m]


class _BoundedHeaders:
    """The request's stream while its headers are read: past MAX_HEADERS bytes the read stops, and the
    standard parser answers 431 (it only bounds each line and their number, which allows 6 MB)."""

    def __init__(self, stream, limit: int):
        self.stream, self.left = stream, limit

    def readline(self, size: int = -1) -> bytes:
        if self.left < 0:
            raise http.client.LineTooLong(f"header block over {MAX_HEADERS} bytes")
        line = self.stream.readline(self.left + 1 if size < 0 else min(size, self.left + 1))
        self.left -= len(line)
        if self.left < 0:
            raise http.client.LineTooLong(f"header block over {MAX_HEADERS} bytes")
        return line


class Handler(BaseHTTPRequestHandler):
    server_version = "Gongbao"
    timeout = SOCKET_TIMEOUT      # set per server by make_server
    out: Path
    base: str
    timeout_s: float

    unread = False                # set when we answer without reading what the client is still sending

    def parse_request(self) -> bool:
        stream, self.rfile = self.rfile, _BoundedHeaders(self.rfile, MAX_HEADERS)
        try:
            ok = super().parse_request()
        finally:
            self.rfile = stream
        self.unread = self.unread or not ok
        return ok

    def finish(self) -> None:
        super().finish()
        if self.unread:
            self._linger()

    def _linger(self) -> None:
        """Closing a socket with unread input makes the kernel send a reset, which can destroy the
        answer before the client reads it. So: end our side, then discard the client's input, in
        bounded chunks, for a bounded time."""
        sock = self.connection
        try:
            sock.shutdown(socket.SHUT_WR)
            deadline, left = time.monotonic() + LINGER_SECONDS, LINGER_BYTES
            while left > 0:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    break
                sock.settimeout(wait)
                chunk = sock.recv(min(65536, left))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _body_length(self) -> int | None:
        """The declared body length, or None after answering a bad one: nothing of the body is read
        unless the length is a plain number within the limit."""
        values = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = self.unread = True
            self._error(411, "send the body with a Content-Length, not Transfer-Encoding")
            return None
        if not values:
            return 0
        if len(set(v.strip() for v in values)) > 1 or not _LENGTH.fullmatch(values[0].strip()):
            self.close_connection = self.unread = True
            self._error(400, "Content-Length must be one whole number of bytes")
            return None
        length = int(values[0])
        if length > MAX_REQUEST:
            self.close_connection = self.unread = True
            self._error(413, f"request of {length} bytes: the limit is {MAX_REQUEST}")
            return None
        return length

    def log_message(self, fmt, *args):  # quiet unless asked
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)

    def _send(self, status: int, body: bytes, media: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media if ";" in media or not media.startswith("text/") else media + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain")

    # --- SPARQL protocol ---
    def _sparql(self, query: str | None, params: dict | None = None) -> None:
        """One SPARQL query, with the protocol's dataset (default-graph-uri, named-graph-uri) from
        `params`, relative IRIs resolved against the endpoint."""
        params = params or {}
        if not query:
            self._error(400, "no query: send ?query=… (GET), a form field query=…, or application/sparql-query (POST)")
            return
        accept = parse_accept(self.headers.get("Accept"))
        dataset = {"default": params.get("default-graph-uri") or [], "named": params.get("named-graph-uri") or [],
                   "base": self.base + "/sparql"}
        if any(any(c in i for c in "<>\" {}|\\^`") for i in dataset["default"] + dataset["named"]):
            self._error(400, "default-graph-uri and named-graph-uri must be IRIs")
            return
        try:
            media, body = self.server.queries.run(query, accept, self.timeout_s, dataset)
        except QueryError as e:
            self._error(e.status, str(e))
            return
        self._send(200, body, media)

    def _protocol(self, params: dict, describe_when_empty: bool) -> None:
        """The query parameters of a GET or a form POST: updates refused, one query, its dataset."""
        if "update" in params:
            self._error(403, "this endpoint is read-only: SPARQL updates are refused")
        elif len(params.get("query") or []) > 1:
            self._error(400, "one query per request")
        elif not params.get("query") and describe_when_empty:
            self._service_description()
        else:
            self._sparql((params.get("query") or [None])[0], params)

    def _service_description(self) -> None:
        """GET /sparql with no query: the SPARQL 1.1 Service Description of the endpoint, in Turtle."""
        body = _service_template().render(endpoint=self.base + "/sparql")
        self._send(200, body.encode("utf-8"), "text/turtle; charset=utf-8", {"Vary": "Accept"})

    def _refuse_method(self) -> None:
        self.close_connection = self.unread = True
        self._send(405, f"{self.command} is not allowed: this endpoint is read-only (GET, HEAD, POST, OPTIONS)\n".encode(),
                   "text/plain", {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def do_OPTIONS(self):
        self._send(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                             "Access-Control-Allow-Headers": "Content-Type, Accept"})

    # --- reconciliation (W3C Reconciliation Service API 0.2) ---
    def _json(self, obj, params: dict) -> None:
        body = json.dumps(obj, ensure_ascii=False)
        callback = (params.get("callback") or [None])[0]
        if callback and callback.replace("_", "").replace(".", "").isalnum():
            self._send(200, f"{callback}({body})".encode("utf-8"), "application/javascript")
        else:
            self._send(200, body.encode("utf-8"), "application/json")

    def _reconcile(self, path: str, params: dict) -> None:
        service = self.server.reconciler
        first = lambda k: (params.get(k) or [None])[0]  # noqa: E731
        try:
            if path == "/reconcile":
                if first("queries"):
                    self._json(service.reconcile(json.loads(first("queries")), self.timeout_s), params)
                elif first("extend"):
                    self._json(service.extend(json.loads(first("extend"))), params)
                else:
                    root = f"http://{self.headers.get('Host') or '127.0.0.1'}"
                    self._json(service.manifest(root), params)
            elif path == "/reconcile/suggest/entity":
                self._json(service.suggest_entity(first("prefix") or "", first("type")), params)
            elif path == "/reconcile/suggest/type":
                self._json(service.suggest_type(first("prefix") or ""), params)
            elif path == "/reconcile/suggest/property":
                self._json(service.suggest_property(first("prefix") or "", first("type")), params)
            elif path == "/reconcile/propose_properties":
                self._json(service.propose_properties(first("type") or "HeritageItem", int(first("limit") or 10)), params)
            elif path == "/reconcile/preview":
                html_ = service.preview(first("id") or "")
                if html_ is None:
                    self._error(404, "no such entity")
                else:
                    self._send(200, html_.encode("utf-8"), "text/html")
            else:
                self._error(404, "not found")
        except BatchRefused as e:
            self._error(e.status, str(e))
        except (ValueError, TypeError, AttributeError) as e:
            self._error(400, f"bad reconciliation request: {e}")

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        length = self._body_length()
        if length is None:
            return
        raw = self.rfile.read(length)
        if len(raw) < length:
            self.close_connection = True
            self._error(400, f"the body ended after {len(raw)} of the {length} bytes declared")
            return
        raw_bytes, raw = raw, raw.decode("utf-8", "replace")
        if path.startswith("/reconcile"):
            self._reconcile(path, urllib.parse.parse_qs(raw))
            return
        if path.rstrip("/") != "/sparql":
            self._error(405, "only /sparql accepts POST")
            return
        try:
            text = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "the request body is not UTF-8")
            return
        url_params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        charset = re.search(r"charset\s*=\s*\"?([\w-]+)", self.headers.get("Content-Type") or "", re.I)
        if charset and charset[1].lower() not in ("utf-8", "utf8", "us-ascii"):
            self._error(400, f"the body must be UTF-8, not {charset[1]}")
            return
        if ctype == "application/sparql-update":
            self._error(403, "this endpoint is read-only: SPARQL updates are refused")
            return
        if ctype == "application/sparql-query":
            self._sparql(text, url_params)
        elif ctype == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(text, errors="strict")
            except UnicodeDecodeError:
                self._error(400, "the form is not UTF-8")
                return
            self._protocol(form, describe_when_empty=False)
        elif not ctype:
            self._error(400, "say what the body is: Content-Type application/x-www-form-urlencoded or application/sparql-query")
        else:
            self._error(415, f"a query is sent as application/x-www-form-urlencoded or application/sparql-query, not {ctype}")

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if len(self.path) > MAX_REQUEST:
            self._error(414, "request line too long")
            return
        parts = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parts.path)
        if path.startswith("/reconcile"):
            self._reconcile(path, urllib.parse.parse_qs(parts.query))
            return
        if path.rstrip("/") == "/sparql":
            try:
                q = urllib.parse.parse_qs(parts.query, errors="strict")
            except UnicodeDecodeError:
                self._error(400, "the query string is not UTF-8")
                return
            self._protocol(q, describe_when_empty=True)
            return
        first = path.strip("/").split("/")[0]
        accept = parse_accept(self.headers.get("Accept"))
        rdf = next((m for m in accept if m in RDF_TYPES), None)
        if self._is_file(path):
            self._static(path)      # a file the build wrote (…/index.ttl) is itself, whatever is asked
            return
        if path.endswith("/" + MADE_NT) and self._page_file(path[:-len(MADE_NT)], "application/n-triples"):
            self._send(200, _ntriples(self._in_site(path[:-len(MADE_NT)], "index.ttl")), "application/n-triples",
                       {"Vary": "Accept"})
            return
        if first in RESOURCE_ROOTS and rdf and (not accept or accept.index(rdf) <= _html_rank(accept)):
            built = self._page_file(path, rdf)
            if built is not None and not path.endswith("/"):
                # the Linked Data way: the resource's IRI points to its description, a document of its own
                self._see_other(path.rstrip("/") + "/" + built.name, path)
                return
            self._describe(path, rdf)
            return
        if first in RESOURCE_ROOTS and not path.endswith("/") and self._page_file(path, "text/html") is not None:
            # a resource IRI copied from the data: its page lives at …/, where its relative links work
            self._see_other(path + "/", path)
            return
        if first in RESOURCE_ROOTS and self._page_file(path, "text/html") is None and not self._is_file(path) \
                and not (self.out / "site" / path.strip("/")).is_dir():
            # known to the data but without a page of its own (the dataset, a named graph): its description
            self._describe(path, "text/turtle")
            return
        self._static(path)

    def _alternates(self, path: str) -> str:
        page = path.rstrip("/") + "/"
        return ", ".join(f'<{page}{name}>; rel="alternate"; type="{media}"' for media, name in PAGE_FILES.items()
                         if self._page_file(path, media) is not None)

    def _see_other(self, location: str, path: str) -> None:
        extra = {"Location": location, "Vary": "Accept"}
        links = self._alternates(path)
        if links:
            extra["Link"] = links
        self._send(303, f"See {location}\n".encode("utf-8"), "text/plain", extra)

    def _describe(self, path: str, media: str) -> None:
        iri = self.base + path.rstrip("/")
        if any(c in iri for c in "<>\"{}|\\^` \n"):
            self._error(400, "not an IRI path")
            return
        # the data the build wrote beside the resource's page, when there is a page: no query at all
        built = self._page_file(path, media)
        if built is not None:
            body = _ntriples(built.with_name("index.ttl")) if built.name == MADE_NT else built.read_bytes()
            self._send(200, body, media, {"Vary": "Accept"})
            return
        try:
            _, known = self.server.queries.run(f"ASK {{ <{iri}> ?p ?o }}", ["application/sparql-results+json"],
                                               self.timeout_s)
            if b"true" not in known:
                self._error(404, f"nothing is known about {iri}")
                return
            media, body = self.server.queries.run(f"DESCRIBE <{iri}>", [media], self.timeout_s)
        except QueryError as e:
            self._error(e.status, str(e))
            return
        if not body.strip() or body.strip() in (b"[]", b"{}"):
            self._error(404, f"nothing is known about {iri}")
            return
        self._send(200, body, media, {"Vary": "Accept"})

    def _in_site(self, path: str, name: str = "") -> Path | None:
        """The file a request path (and a file name under it) names inside the site, or None."""
        root = (self.out / "site").resolve()
        clean = posixpath.normpath("/" + path).lstrip("/")
        if "\x00" in clean or not (clean or name):
            return None
        target = (root / clean / name).resolve()
        return target if root in target.parents and target.is_file() else None

    def _is_file(self, path: str) -> bool:
        return self._in_site(path) is not None

    def _page_file(self, path: str, media: str) -> Path | None:
        """The description of a resource in a media type: a file the build wrote, or where serve makes
        N-Triples from its Turtle (…/index.nt, which the static site does not hold)."""
        if media == "application/n-triples":
            ttl = self._in_site(path, "index.ttl")
            return ttl.with_name(MADE_NT) if ttl is not None else None
        name = BUILT_FILES.get(media)
        return self._in_site(path, name) if name else None

    def _static(self, path: str) -> None:
        root = (self.out / "site").resolve()
        clean = posixpath.normpath("/" + path).lstrip("/")
        if "\x00" in clean or clean.startswith(".."):
            self._error(404, "not found")
            return
        target = (root / clean).resolve()
        if target != root and root not in target.parents:
            self._error(404, "not found")
            return
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            if clean == "" :
                self._send(200, _fallback_home(self.base).encode("utf-8"), "text/html")
                return
            self._error(404, "not found")
            return
        media = MEDIA.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, target.read_bytes(), media, {"Vary": "Accept"})


def _ntriples(ttl: Path) -> bytes:
    """A resource's Turtle as N-Triples, a triple a line in a fixed order: the same bytes every time."""
    import pyoxigraph as ox
    lines = sorted(f"{t} .\n" for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    return "".join(lines).encode("utf-8")


@functools.lru_cache(maxsize=1)
def _service_template():
    from jinja2 import Environment, FileSystemLoader
    env = Environment(loader=FileSystemLoader(str(datafiles.SITE / "templates")), autoescape=False,
                      keep_trailing_newline=True)
    return env.get_template("service-description.ttl")


def _html_rank(accept: list[str]) -> int:
    for i, m in enumerate(accept):
        if m in ("text/html", "application/xhtml+xml"):
            return i
    return len(accept)


def _fallback_home(base: str) -> str:
    return ("<!doctype html><html lang=\"zh-Hans\"><meta charset=\"utf-8\"><title>Gongbao</title>"
            f"<h1>Gongbao</h1><p>SPARQL: <a href=\"sparql\">/sparql</a>. Data base: {html.escape(base)}</p></html>")


class _Server(HTTPServer):
    """A bounded pool of handler threads: at most WORKER_THREADS requests are served at once and
    QUEUED_REQUESTS more wait; beyond that a client is told 503 at once, so idle or slow clients can
    never hold an unbounded number of threads."""
    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True

    def __init__(self, address, handler, threads: int = WORKER_THREADS):
        # made before binding: a failed bind closes the server, and closing shuts the pool down
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="http")
        self.slots = threading.BoundedSemaphore(threads + QUEUED_REQUESTS)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        self.pool.submit(self._serve, request, client_address)

    def _serve(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - one client's failure is logged and the server goes on
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self.slots.release()

    def server_close(self):
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)
        queries = getattr(self, "queries", None)
        if queries is not None:
            queries.close()


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000, timeout_s: float = 10.0,
                client_timeout: float = SOCKET_TIMEOUT, query_workers: int | None = None) -> HTTPServer:
    info = build_info(out)
    if not (out / "store").exists():
        raise FileNotFoundError(f"{out} holds no store: rebuild with `python build.py --out {out}`")
    handler = type("BoundHandler", (Handler,), {"out": out, "base": info["base"], "timeout_s": timeout_s,
                                                "timeout": client_timeout})
    server = _Server((host, port), handler)
    from publish.server.reconcile import load_service
    server.reconciler = load_service(out, info["base"])
    server.queries = QueryPool(out, query_workers)
    return server
