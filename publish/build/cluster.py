"""A Dask cluster as the place where a stage's jobs run (`--executor dask://HOST:PORT`).

The main process keeps the whole-corpus steps (the plan, the codebook, the merges into dumps and store,
the index pages, search) and sends every job `run_parallel` is given to the cluster. Nothing goes between
the two machines but the job's arguments, its result, and files in the shared cache (a folder the workers
mount, or an object store URL):
- what a stage's jobs share (`setup`) is scattered to every worker once per stage, and installed there
  before its first job of that stage;
- a folder of the main machine the jobs read (the registry, the built store for the pages) is put into the
  cache as one archive, and each worker unpacks its own copy once per stage;
- the files a job writes into the build (an issue's records, pages) are packed into one archive per job,
  put into the cache, and unpacked by the main process into the build folder, in job order.

Each worker must run one job at a time (`dask worker --nthreads 1`; one worker process per core): what a
stage shares is installed per process, as forked workers have it.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tarfile
import tempfile
import threading
import uuid
from pathlib import Path

from gazette.errors import GazetteError

from publish.build.workers import place

ADDRESS = re.compile(r"^dask://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})/?$")


def scheduler_address(value: str) -> str | None:
    """The scheduler's address for `--executor`: None for `local` (this machine's cores)."""
    if value == "local":
        return None
    m = ADDRESS.match(value)
    if not m or not 0 < int(m["port"]) < 65536:
        raise GazetteError("--executor", f"{value!r} is neither 'local' nor dask://HOST:PORT (a Dask scheduler)")
    return f"tcp://{m['host']}:{m['port']}"


def connect(value: str, cache) -> "DaskCluster | None":
    """The cluster named by `--executor`, checked: reachable, with workers that run one job at a time and
    read the cache the main process writes. None for `local`."""
    address = scheduler_address(value)
    if address is None:
        return None
    try:
        import dask
        from distributed import Client
    except ImportError:
        raise GazetteError("--executor", "Dask is not installed: pip install 'gongbao[cluster]'") from None
    import logging
    # the client's own log lines (reconnection attempts, a lost worker) would interleave with the build's
    # report; what fails reaches the build as the job's exception
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    timeout = dask.config.get("distributed.comm.timeouts.connect")
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise GazetteError("--executor", f"cannot reach the Dask scheduler at {value}: {_first_line(e)}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError):
            raise GazetteError("--executor", f"the Dask scheduler at {value} has no workers "
                                             f"(start some: dask worker {address} --nthreads 1)") from None
        threads = {w: info["nthreads"] for w, info in client.scheduler_info()["workers"].items()}
        many = sorted(w for w, n in threads.items() if n != 1)
        if many:
            raise GazetteError("--executor", f"worker {many[0]} runs {threads[many[0]]} jobs at once: start workers "
                                             "with --nthreads 1 (one worker process per core: --nworkers N)")
        _check_code(client, value)
        _check_cache(client, cache)
    except BaseException:
        client.close()
        raise
    return DaskCluster(client, value, cache)


def _first_line(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text.splitlines()[0]


_LOADED: list[str] = []


def _code() -> str:
    """The fingerprint of the code this process loaded (taken the first time a build asks): a worker keeps the
    modules it imported, so one started before an upgrade runs the old code."""
    if not _LOADED:
        from publish.build.cache import output_fingerprint
        _LOADED.append(output_fingerprint())
    return _LOADED[0]


def _check_code(client, value: str) -> None:
    mine = _code()
    try:
        theirs = client.run(_code)
    except Exception:  # noqa: BLE001 - a worker whose modules lack this function: it loaded another version
        theirs = {"a worker": None}
    other = sorted(w for w, code in theirs.items() if code != mine)
    if other:
        raise GazetteError("--executor", f"{other[0]} of {value} runs other code than this build: install the same "
                                         "version there, and restart the workers after an upgrade")


def _can_read(cache, token: str) -> bool:
    return cache.has_file("probe", token, "txt")


def _check_cache(client, cache) -> None:
    """Every worker must read what the main process writes into the cache: else each would work alone."""
    token = uuid.uuid4().hex
    cache.write_file("probe", token, "txt", token)
    try:
        seen = client.run(_can_read, cache, token)
    finally:
        cache.remove("probe", token, "txt")
    blind = sorted(w for w, ok in seen.items() if not ok)
    if blind:
        why = ("the memory file system is a dictionary inside one process, and the workers are other processes"
               if str(cache.where).startswith("memory://") else
               "give a folder every worker mounts at the same path, or an object store URL (s3://…)")
        raise GazetteError(str(cache.where), f"the cluster's worker {blind[0]} cannot read this cache: {why}")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode() + b"\x00")
            with open(f, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()


def _pack_folder(folder: Path, cache) -> str:
    key = _digest(folder)
    if not cache.has_file("snapshot", key, "tar"):
        with tempfile.NamedTemporaryFile(suffix=".tar", delete=False) as f:
            name = f.name
        try:
            with tarfile.open(name, "w") as tar:
                tar.add(folder, arcname=".")
            cache.upload("snapshot", key, "tar", Path(name))
        finally:
            os.unlink(name)
    return key


def _extract(tar: tarfile.TarFile, dest: Path) -> None:
    if hasattr(tarfile, "data_filter"):
        tar.extractall(dest, filter="data")
    else:
        tar.extractall(dest)


# --- on a worker -----------------------------------------------------------------------------------

_STATE = threading.local()
_FOLDERS: set[Path] = set()     # every scratch folder of this process, for the cluster's close (another thread)
SHM = Path("/dev/shm")


def _forget() -> None:
    for folder in (getattr(_STATE, "scratch", None), getattr(_STATE, "out", None)):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            _FOLDERS.discard(folder)
    _STATE.scratch = _STATE.out = _STATE.token = None
    place(None)


def _forget_all() -> None:
    for folder in list(_FOLDERS):
        shutil.rmtree(folder, ignore_errors=True)
    _FOLDERS.clear()


def _scratch(kind: str, where: Path | None = None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"gongbao-{kind}-{os.getpid()}-", dir=where))
    _FOLDERS.add(folder)
    return folder


def _out_folder() -> Path:
    """Where a job writes its files, which are packed and deleted as it ends: in memory (tmpfs) where there is
    one, as creating a file on disk costs more than rendering the page in it."""
    return _scratch("out", SHM if SHM.is_dir() and os.access(SHM, os.W_OK) else None)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _sweep() -> None:
    """The scratch folders of this machine's worker processes that are gone (killed, restarted by their nanny):
    nothing else would remove them."""
    for top in {Path(tempfile.gettempdir()), SHM}:
        for folder in top.glob("gongbao-*-*-*"):
            kind, _, rest = folder.name[len("gongbao-"):].partition("-")
            pid = rest.partition("-")[0]
            if kind in ("worker", "out") and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


def _unpack_snapshot(cache, key: str, dest: Path) -> Path:
    dest.mkdir(parents=True)
    archive = dest.with_suffix(".tar")
    cache.download("snapshot", key, "tar", archive)
    with tarfile.open(archive) as tar:
        _extract(tar, dest)
    archive.unlink()
    return dest


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _send(cache, key: str, out: Path) -> str | None:
    """The files the job wrote, as one archive in the cache; removed here (their folders stay: a worker's
    page writer remembers the folder it made last)."""
    files = _files(out)
    if not files:
        return None
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for f in files:
            tar.add(f, arcname=f.relative_to(out).as_posix())
    cache.write_file("transfer", key, "tar", buf.getvalue())
    for f in files:
        f.unlink()
    return key


def _job(fn, index: int, job: tuple, shared: tuple, cache):
    token, setup, output, reads = shared
    if getattr(_STATE, "token", None) != token:
        if not _FOLDERS:
            _sweep()
        _forget()
        scratch = _scratch("worker")
        _STATE.scratch = scratch
        folders = {path: str(_unpack_snapshot(cache, key, scratch / f"read-{n}")) for n, (path, key) in enumerate(reads)}
        if output is not None:
            _STATE.out = _out_folder()
            folders[output] = str(_STATE.out)
        place(folders)
        if setup is not None:
            setup[0](*setup[1:])
        _STATE.token = token
    if output is not None:
        for f in _files(_STATE.out):       # what a failed job left
            f.unlink()
    result = fn(*job)
    return result, (_send(cache, f"{token}-{index:07d}", _STATE.out) if output is not None else None)


def _peak_mb() -> tuple[int, int]:
    """This process's peak resident memory and that of its largest finished child (the reasoner's JVM), MB."""
    import resource
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)


# --- on the main machine -----------------------------------------------------------------------------

class DaskCluster:
    def __init__(self, client, name: str, cache):
        self.client, self.name, self.cache = client, name, cache
        self.reads: list[Path] = []      # folders every stage's jobs may read (the registry)

    def map(self, fn, jobs: list[tuple], stages, done: int, total: int, setup, output, reads) -> list:
        token = uuid.uuid4().hex
        folders = list(dict.fromkeys(Path(p) for p in [*self.reads, *reads] if p is not None))
        snapshots = [(str(p), _pack_folder(p, self.cache)) for p in folders]
        shared = (token, setup, str(output) if output is not None else None, snapshots)
        futures = []
        try:
            [handle] = self.client.scatter([shared], broadcast=True, hash=False)
            futures = [self.client.submit(_job, fn, i, job, handle, self.cache, pure=False)
                       for i, job in enumerate(jobs)]
            results = []
            for fut in futures:
                result, sent = fut.result()
                if sent is not None:
                    self._receive(sent, Path(output))
                results.append(result)
                done += 1
                stages.tick(done, total)
            futures = []
            return results
        finally:
            if futures:
                self.client.cancel(futures)
                for fut in futures:
                    if fut.status == "finished":
                        sent = fut.result()[1]
                        if sent is not None:
                            self.cache.remove("transfer", sent, "tar")
            for _, key in snapshots:
                self.cache.remove("snapshot", key, "tar")

    def _receive(self, key: str, output: Path) -> None:
        data = self.cache.read_file("transfer", key, "tar")
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            _extract(tar, output)
        self.cache.remove("transfer", key, "tar")

    def memory(self) -> str:
        """Peak memory of each worker and of the scheduler, for the build's report."""
        workers = self.client.run(_peak_mb)
        own, _ = self.client.run_on_scheduler(_peak_mb)
        each = ", ".join(f"{max(mb)}" for _, mb in sorted(workers.items()))
        return (f"cluster {self.name}: {len(workers)} workers; peak memory per worker (MB, the worker or its "
                f"reasoner's JVM, whichever was larger): {each}; scheduler {own}")

    def close(self) -> None:
        try:
            self.client.run(_forget_all)
        finally:
            self.client.close()
