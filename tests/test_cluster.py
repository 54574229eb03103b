"""Building on a Dask cluster (`--executor dask://HOST:PORT`): the same output, byte for byte, as a build on
this machine's cores, with the cache at an fsspec URL the workers share; and one clear line for every way
the cluster or its cache cannot be used.

fsspec's memory file system is a dictionary inside one process. A LocalCluster with worker processes
cannot share it (each worker has its own, empty), so the build refuses it there; it is tested with a
cluster whose worker is a thread of this process, which does share it. The folder is tested as a
file:// URL with worker processes, as workers on other machines would share a mounted folder.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import uuid

import pytest

pytest.importorskip("distributed", reason="dask and distributed are not installed (pip install '.[cluster]')")

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.same_build import compare  # noqa: E402
from tests.conftest import ROOT, SEED  # noqa: E402

BUILD = [sys.executable, str(ROOT / "build.py"), "--registry", str(ROOT / "sources" / "registry")]
# a scheduler that cannot be reached is given up on after this, not after dask's 30 s
QUICK = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}


def run(*args, **env):
    return subprocess.run(BUILD + list(args), capture_output=True, text=True, timeout=600,
                          env={**os.environ, **env})


def address(cluster) -> str:
    return "dask://" + cluster.scheduler_address.removeprefix("tcp://")


def jobs_done(cluster) -> int:
    """How many of our jobs the cluster's workers have finished, as the scheduler counts them."""
    from distributed import Client

    def count(dask_scheduler):
        prefix = dask_scheduler.task_prefixes.get("job")
        return prefix.state_counts.get("memory", 0) if prefix is not None else 0
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        return client.run_on_scheduler(count)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seed and two issues made from it (benchmarks/corpus.py): citations that cross issues, a re-wrapped
    issue with its .meta.json."""
    src = tmp_path_factory.mktemp("cluster") / "src"
    (src / "shapingba").mkdir(parents=True)
    (src / "shapingba" / SEED.name).write_bytes(SEED.read_bytes())
    generate(2, src)
    return src


@pytest.fixture(scope="module")
def local(corpus):
    out, cache = corpus.parent / "local", corpus.parent / "local-cache"
    r = run("--sources", str(corpus), "--out", str(out), "--cache", str(cache))
    assert r.returncode == 0, r.stderr
    return out, cache


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def on_cluster(corpus, cluster):
    out, cache = corpus.parent / "on-cluster", corpus.parent / "cluster-cache"
    before = jobs_done(cluster)
    r = run("--sources", str(corpus), "--out", str(out), "--cache", cache.as_uri(), "--executor", address(cluster))
    assert r.returncode == 0, r.stderr
    return out, cache, r.stdout, jobs_done(cluster) - before


def test_a_build_on_worker_processes_is_the_local_build_byte_for_byte(local, on_cluster):
    out, cache, stdout, jobs = on_cluster
    # every stage's jobs went to the workers: parse and issues (3 each), reasoning, pages
    assert jobs >= 8
    m = re.search(r"cluster dask://\S+: 2 workers; peak memory per worker \(MB[^)]*\): (\d+), (\d+); scheduler (\d+)",
                  stdout)
    assert m and all(int(x) > 0 for x in m.groups()), stdout[-2000:]
    assert compare(local[0], out) == []
    # what went between the machines is gone from the cache; the results stay, for the next build
    assert not [p for p in (cache / "transfer").rglob("*") if p.is_file()]
    assert not [p for p in (cache / "snapshot").rglob("*") if p.is_file()]
    assert list((cache / "nt").rglob("*.nt"))


def test_a_rebuild_in_place_on_the_cluster_is_the_local_one(corpus, local, on_cluster, cluster, tmp_path):
    """One issue edited: both rebuild it in place, from their outputs and caches above, to the same output."""
    changed = tmp_path / "changed"
    shutil.copytree(corpus, changed)
    f = changed / "yuzhong" / "yuzhong-0001.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("各位代表：", "各位代表、各位委员：", 1), encoding="utf-8")
    outs = {}
    for name, (out, cache, *_), extra in (("local", local, []), ("cluster", on_cluster, ["--executor", address(cluster)])):
        shutil.copytree(out, tmp_path / name)
        shutil.copytree(cache, tmp_path / f"{name}-cache")
        cache = tmp_path / f"{name}-cache"
        r = run("--sources", str(changed), "--out", str(tmp_path / name),
                "--cache", cache.as_uri() if extra else str(cache), *extra)
        assert r.returncode == 0, r.stderr
        assert "rebuild in place: 1 issue(s) changed, 0 removed, 2 unchanged" in r.stdout
        outs[name] = tmp_path / name
    assert compare(outs["local"], outs["cluster"]) == []


# the worker thread leaves pyoxigraph iterators that this thread's garbage collector drops: pyoxigraph objects
# may not change threads, and say so, harmlessly
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_memory_cache_shared_with_a_worker_thread_builds_the_same(corpus, local, tmp_path, capsys):
    import fsspec
    from distributed import LocalCluster

    from publish.build.pipeline import BuildOptions, build
    url = f"memory://gongbao-test-{uuid.uuid4().hex}"
    out = tmp_path / "memory-built"
    try:
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                          dashboard_address=":0") as c:
            build(BuildOptions(sources=corpus, out=out, registry=ROOT / "sources" / "registry", cache=url,
                               executor=address(c)))
        assert "cluster dask://" in capsys.readouterr().out
        assert compare(local[0], out) == []
        fs, root = fsspec.core.url_to_fs(url)
        assert fs.find(root + "/nt")     # the graphs went to the memory file system, not to a folder
    finally:
        fs, root = fsspec.core.url_to_fs(url)
        if fs.exists(root):
            fs.rm(root, recursive=True)
        from publish.build.storage import files_at
        shutil.rmtree(files_at(url).mirror, ignore_errors=True)


def test_a_memory_cache_with_worker_processes_is_refused(corpus, cluster, tmp_path):
    r = run("--sources", str(corpus), "--out", str(tmp_path / "x"), "--cache", "memory://gongbao-refused",
            "--executor", address(cluster))
    assert r.returncode == 2, r.stderr
    assert "cannot read this cache: the memory file system is a dictionary inside one process" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "x").exists()


def test_a_memory_cache_with_this_machines_forked_workers_is_refused(corpus, tmp_path):
    r = run("--sources", str(corpus), "--out", str(tmp_path / "x"), "--cache", "memory://gongbao-refused")
    assert r.returncode == 2 and "the memory file system is a dictionary inside one process" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("value", ["dask:/127.0.0.1:8786", "spark://127.0.0.1:7077", "dask://127.0.0.1:99999"])
def test_a_bad_executor_is_one_line_and_exit_2(value, tmp_path):
    r = run("--sources", str(SEED), "--out", str(tmp_path / "x"), "--executor", value)
    assert r.returncode == 2, r.stderr
    assert r.stderr.splitlines()[0] == f"error: --executor: {value!r} is neither 'local' nor dask://HOST:PORT (a Dask scheduler)"
    assert "Traceback" not in r.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as s:      # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = run("--sources", str(SEED), "--out", str(tmp_path / "x"), "--executor", f"dask://127.0.0.1:{port}", **QUICK)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"error: --executor: cannot reach the Dask scheduler at dask://127.0.0.1:{port}: ")
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 2
