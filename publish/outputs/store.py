"""The embedded store: pyoxigraph on disk, loaded from the N-Quads dump, queried read-only."""
from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

from publish.outputs.sparql_text import uses_service

RDF_TYPES = {
    "text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML", "application/n-quads": "N_QUADS", "application/trig": "TRIG",
}
RESULT_TYPES = {
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}


class QueryError(Exception):
    """A query that cannot run: bad syntax, an update, or too slow."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def store_dir(out: Path) -> Path:
    return out / "store"


def build_store(out: Path) -> Path:
    import pyoxigraph

    path = store_dir(out)
    if path.exists():
        shutil.rmtree(path)
    store = pyoxigraph.Store(str(path))
    store.bulk_load(path=str(out / "dumps" / "all.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    del store
    return path


def build_info(out: Path) -> dict:
    p = out / "build.json"
    if not p.exists():
        raise FileNotFoundError(f"{out} holds no build: run `python build.py --out {out}` first")
    return json.loads(p.read_text(encoding="utf-8"))


def evaluate(store, query: str, accept: list[str], dataset: dict | None = None) -> tuple:
    """One query on an open store: ("ok", media type, body) or ("error", HTTP status, message).
    `dataset` is the protocol's dataset: default-graph-uri and named-graph-uri (lists of IRIs), and the
    base IRI relative IRIs resolve against. Without default-graph-uri the default graph is the union of
    every graph (the endpoint's service description says so)."""
    import pyoxigraph

    dataset = dataset or {}
    try:
        kw = {"base_iri": dataset.get("base")} if dataset.get("base") else {}
        if dataset.get("default"):
            kw["default_graph"] = [pyoxigraph.NamedNode(i) for i in dataset["default"]]
        else:
            kw["use_default_graph_as_union"] = True
        if dataset.get("named"):
            kw["named_graphs"] = [pyoxigraph.NamedNode(i) for i in dataset["named"]]
        result = store.query(query, **kw)
        if isinstance(result, pyoxigraph.QueryTriples):
            media = next((m for m in accept if m in RDF_TYPES), "text/turtle")
            body = result.serialize(format=getattr(pyoxigraph.RdfFormat, RDF_TYPES[media]))
        else:
            media = next((m for m in accept if m in RESULT_TYPES), "application/sparql-results+json")
            if isinstance(result, pyoxigraph.QueryBoolean) and RESULT_TYPES[media] in ("CSV", "TSV"):
                media = "application/sparql-results+json"   # a yes/no answer has no table form
            body = result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media]))
        return ("ok", media, body)
    except SyntaxError as e:
        return ("error", 400, f"the query is not valid SPARQL 1.1 Query (updates are refused): {e}")
    except Exception as e:  # noqa: BLE001 - reported to the client as the store's own words
        return ("error", 400, f"the query failed: {e}")


def _run(path: str, query: str, accept: list[str], conn) -> None:
    import pyoxigraph

    try:
        conn.send(evaluate(pyoxigraph.Store.read_only(path), query, accept))
    except Exception as e:  # noqa: BLE001 - the store could not be opened
        conn.send(("error", 500, f"the store could not be opened: {e}"))
    finally:
        conn.close()


def run_query(out: Path, query: str, accept: list[str], timeout: float = 10.0) -> tuple[str, bytes]:
    """Run one read-only query in a child process of its own, so a slow one can be stopped: for the
    command line, which runs one query. The server keeps worker processes (publish/server/querypool.py).
    A query that would call another endpoint (SERVICE) is refused before anything runs."""
    if uses_service(query):
        raise QueryError("SERVICE is refused: this endpoint answers from its own data and calls no other", 403)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run, args=(str(store_dir(out)), query, accept, child), daemon=True)
    proc.start()
    child.close()
    if not parent.poll(timeout):
        proc.kill()
        proc.join()
        raise QueryError(f"the query ran longer than the limit of {timeout:g} s and was stopped", 503)
    kind, a, b = parent.recv()
    proc.join()
    if kind == "error":
        raise QueryError(b, a)
    return a, b
