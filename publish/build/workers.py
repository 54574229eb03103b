"""Running a stage's jobs: in forked worker processes when there is more than one job and core, or on a
Dask cluster when the build was given one (publish/build/cluster.py). Either way a stage hands
`run_parallel` the same jobs; only where they run differs.

Workers are forked, so they share what the main process set up before (the corpus's documents, the
list of pages) without it being sent to each task; each keeps one loaded registry per folder. A cluster's
workers are other processes, often on other machines: a stage says what its jobs share (`setup`, run in
every process before its first job), which folder they write into (`output`) and which folders of this
machine they read (`reads`); a job finds both through `here`.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

from gazette.registry import Registry, load_registry
from publish.build.progress import Stages

_REGISTRIES: dict = {}
_EXECUTOR: list = []          # the cluster the build sends its jobs to; empty: this machine
# per thread, as a cluster's worker may be a thread: the folders of the main machine as this worker has them
_PLACE = threading.local()


def registry_for(folder: str | Path | None) -> Registry:
    """The registry of a folder (None: the shipped one), loaded once per process."""
    key = str(here(folder)) if folder else None
    if key not in _REGISTRIES:
        _REGISTRIES[key] = load_registry(Path(key) if key else None)
    return _REGISTRIES[key]


def workers(n_jobs: int) -> int:
    return max(1, min(n_jobs, os.cpu_count() or 1))


@contextmanager
def use(executor):
    """Jobs go to `executor` (a cluster) inside the block; None: they run on this machine."""
    _EXECUTOR[:] = [executor] if executor is not None else []
    try:
        yield executor
    finally:
        _EXECUTOR.clear()


def cluster():
    """The cluster the build sends its jobs to, or None."""
    return _EXECUTOR[0] if _EXECUTOR else None


def place(folders: dict[str, str] | None) -> None:
    """Set by a cluster's worker before a stage's jobs: where the main machine's folders are here."""
    _PLACE.folders = folders


def remote() -> bool:
    """Whether this job runs on a cluster's worker, where the main machine's files are not to be read."""
    return getattr(_PLACE, "folders", None) is not None


def here(path: str | Path | None) -> Path | None:
    """A folder the main machine named, as this process reaches it: itself, except on a cluster's worker,
    which reads its copy of it and writes the build's output into a folder sent back after each job."""
    if path is None:
        return None
    folders = getattr(_PLACE, "folders", None) or {}
    return Path(folders.get(str(path), path))


def run_parallel(fn, jobs: list[tuple], stages: Stages, done: int = 0, total: int | None = None,
                 setup: tuple | None = None, output: Path | None = None, reads: list[Path] = ()):
    """fn(*job) for every job; results in job order.

    setup: (function, *args), called in every process that runs jobs before its first one (here: once,
    before the workers fork). output: the folder the jobs write into, as `here(output)`. reads: the folders
    of this machine the jobs read, as `here(folder)`."""
    total = len(jobs) + done if total is None else total
    if cluster() is not None:
        return cluster().map(fn, jobs, stages, done, total, setup, output, [p for p in reads if p is not None])
    if setup is not None:
        setup[0](*setup[1:])
    if len(jobs) > 1 and workers(len(jobs)) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers(len(jobs)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(fn, *job) for job in jobs]
            results = []
            for fut in futures:
                results.append(fut.result())
                done += 1
                stages.tick(done, total)
            return results
    results = []
    for job in jobs:
        results.append(fn(*job))
        done += 1
        stages.tick(done, total)
    return results
