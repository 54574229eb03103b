"""SPARQL for the server without a process per query: long-lived worker processes, each holding the
store open, one query at a time each. A query goes to a free worker; a worker that overruns the time
limit is killed and replaced, so a runaway query stops while the other workers go on serving. A worker
opens the store again when a rebuild in place has replaced it (build.json changed). Measured against
a process per query and against threads in one process: see the README, "The endpoint's speed"."""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from pathlib import Path

from publish.outputs.sparql_text import uses_service
from publish.outputs.store import QueryError, evaluate, store_dir


def _stamp(build_json: str) -> tuple:
    try:
        st = os.stat(build_json)
        return st.st_ino, st.st_mtime_ns, st.st_size
    except OSError:
        return ()


def _worker(store_path: str, build_json: str, conn) -> None:
    import pyoxigraph
    store, stamp = pyoxigraph.Store.read_only(store_path), _stamp(build_json)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        now = _stamp(build_json)
        if now != stamp:        # a rebuild in place moved a new store in
            store, stamp = pyoxigraph.Store.read_only(store_path), now
        query, accept, dataset = msg
        conn.send(evaluate(store, query, accept, dataset))


class QueryPool:
    def __init__(self, out: Path, size: int | None = None):
        self.store = str(store_dir(out))
        self.build_json = str(out / "build.json")
        # two per core: a long query then holds one worker while the others go on with the short ones
        self.size = size or 2 * (os.cpu_count() or 1)
        # spawn, not fork: the server runs threads, and a fork would copy their locks mid-use
        self.ctx = multiprocessing.get_context("spawn")
        self.free: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.workers: list = []
        for w in [self._start() for _ in range(self.size)]:
            self.free.put(w)

    def _start(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(self.store, self.build_json, child), daemon=True)
        proc.start()
        child.close()
        with self.lock:
            self.workers.append(proc)
        return proc, parent

    def _replace(self, worker):
        proc, conn = worker
        proc.kill()
        proc.join()
        conn.close()
        with self.lock:
            self.workers.remove(proc)
        return self._start()

    def run(self, query: str, accept: list[str], timeout: float, dataset: dict | None = None) -> tuple[str, bytes]:
        if uses_service(query):
            raise QueryError("SERVICE is refused: this endpoint answers from its own data and calls no other", 403)
        try:
            worker = self.free.get(timeout=timeout)
        except queue.Empty:
            raise QueryError(f"every query worker was busy for {timeout:g} s: try again later", 503) from None
        proc, conn = worker
        try:
            conn.send((query, accept, dataset))
            if not conn.poll(timeout):
                worker = self._replace(worker)
                raise QueryError(f"the query ran longer than the limit of {timeout:g} s and was stopped", 503)
            kind, a, b = conn.recv()
        except (EOFError, OSError):
            worker = self._replace(worker)
            raise QueryError("the query stopped its worker; it was started again", 500) from None
        finally:
            self.free.put(worker)
        if kind == "error":
            raise QueryError(b, a)
        return a, b

    def close(self) -> None:
        with self.lock:
            procs = list(self.workers)
        for proc in procs:
            proc.kill()
            proc.join()
