"""Running a stage's jobs: in forked worker processes when there is more than one job and core.

Workers are forked, so they share what the main process set up before (the corpus's documents, the
list of pages) without it being sent to each task; each keeps one loaded registry per folder."""
from __future__ import annotations

import os
from pathlib import Path

from gazette.registry import Registry, load_registry
from publish.build.progress import Stages

_REGISTRIES: dict = {}


def registry_for(folder: str | Path | None) -> Registry:
    """The registry of a folder (None: the shipped one), loaded once per process."""
    key = str(folder) if folder else None
    if key not in _REGISTRIES:
        _REGISTRIES[key] = load_registry(Path(key) if key else None)
    return _REGISTRIES[key]


def workers(n_jobs: int) -> int:
    return max(1, min(n_jobs, os.cpu_count() or 1))


def run_parallel(fn, jobs: list[tuple], stages: Stages, done: int = 0, total: int | None = None):
    """fn(*job) for every job; results in job order."""
    total = len(jobs) + done if total is None else total
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
