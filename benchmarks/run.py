"""The corpus benchmark: for 1, 100 and 1,000 issues, wall time per stage, peak memory, triples and
pages, cold; each stage that has a floor (benchmarks/floor.py) beside its ratio to that floor, measured
on the same output in the same run; the stages without one per issue; then the rebuild after one issue
changes. Prints a table; not part of the test suite.

    .venv/bin/python benchmarks/run.py                      # 1, 100 and 1000 issues
    .venv/bin/python benchmarks/run.py 100                  # one size
    .venv/bin/python benchmarks/run.py 100 --stage site     # one size, the floor of one stage only
    .venv/bin/python benchmarks/run.py 1000 --no-change     # cold only
    .venv/bin/python benchmarks/run.py 20 --executor local-cluster        # on a Dask cluster of this machine's cores
    .venv/bin/python benchmarks/run.py 20 --executor dask://HOST:PORT --cache s3://bucket/gongbao-bench

Through a cluster (`--executor`), the peak memory column is the build's own process (the main one), and each
row adds every worker's peak (restarted before each build, so the peak is that build's) and the scheduler's
(its peak since it started). `local-cluster` starts a scheduler and one single-threaded worker per core here,
for the run.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.floor import FLOORS, floors  # noqa: E402

NO_FLOOR = ("parse", "issues", "reasoning")   # reported per issue


# runs one build and reports the peak resident memory of the largest process it started (the build itself,
# a worker, or the JVM of the reasoner), in kB, on its last stderr line
WRAPPER = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)")


def build(sources: Path, out: Path, cache: Path | str, executor: str = "local") -> tuple[float, int, str]:
    if executor != "local":
        restart_workers(executor)
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, str(ROOT / "build.py"), "--sources", str(sources),
                        "--out", str(out), "--registry", str(ROOT / "sources" / "registry"), "--cache", str(cache),
                        "--executor", executor], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode:
        raise SystemExit(f"build of {sources} failed:\n{r.stderr[-2000:]}")
    peak = int(r.stderr.strip().splitlines()[-1])
    return wall, peak, r.stdout


def restart_workers(executor: str) -> None:
    """Fresh worker processes, so that each one's peak memory is this build's."""
    from distributed import Client
    with Client("tcp://" + executor.removeprefix("dask://"), set_as_default=False) as client:
        client.restart()


def start_cluster(work: Path) -> tuple[str, list]:
    """A scheduler and one single-threaded worker process per core on this machine, as a cluster's would run."""
    import os
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(work / "cluster.log", "w")
    procs = [subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0"], stdout=log, stderr=log, cwd=ROOT)]
    procs.append(subprocess.Popen([sys.executable, "-m", "dask", "worker", f"tcp://127.0.0.1:{port}",
                                   "--nworkers", str(os.cpu_count() or 1), "--nthreads", "1", "--no-dashboard"],
                                  stdout=log, stderr=log, cwd=ROOT))
    from distributed import Client
    with Client(f"tcp://127.0.0.1:{port}", timeout="60s", set_as_default=False) as client:
        client.wait_for_workers(os.cpu_count() or 1, timeout=120)
    return f"dask://127.0.0.1:{port}", procs


def figures(stdout: str) -> dict:
    timings = re.search(r"^timings: (.*); total", stdout, re.M)
    stages = dict((n, float(v)) for n, v in re.findall(r"([\w+]+) ([\d.]+) s", timings.group(1))) if timings else {}
    triples = re.search(r"graph: (\d+) triples", stdout)
    pages = re.search(r"site: (\d+) resource pages and (\d+) index pages", stdout)
    cluster = re.search(r"peak memory per worker \(MB[^)]*\): ([\d, ]+); scheduler (\d+)", stdout)
    return {"stages": stages, "triples": int(triples.group(1)) if triples else 0,
            "pages": (int(pages.group(1)) + int(pages.group(2))) if pages else 0,
            "cluster": f"; workers' peak MB {cluster.group(1)}, scheduler's {cluster.group(2)}" if cluster else ""}


def ratios(stages: dict, floor: dict, n: int) -> str:
    parts = []
    for stage, secs in stages.items():
        if stage in NO_FLOOR:
            parts.append(f"{stage} {secs:.1f} ({1000 * secs / n:.0f} ms/issue)")
        elif floor.get(stage):
            parts.append(f"{stage} {secs:.1f} (floor {floor[stage]:.1f}, ×{secs / floor[stage]:.1f})")
        else:
            parts.append(f"{stage} {secs:.1f}")
    return ", ".join(parts)


def main(sizes: list[int], only: list[str] | None = None, change: bool = True, executor: str = "local",
         cache_root: str | None = None) -> None:
    work = Path(tempfile.mkdtemp(prefix="gongbao-bench-"))
    procs = []
    if executor == "local-cluster":
        executor, procs = start_cluster(work)
    print(f"{'issues':>7} {'run':<8} {'wall s':>8} {'peak MB':>8} {'triples':>9} {'pages':>7}  stages (s)"
          + (f"  [through {executor}]" if executor != "local" else ""))
    try:
        for n in sizes:
            src = work / f"corpus-{n}"
            paths = generate(n, src)
            cache = f"{cache_root.rstrip('/')}/cache-{n}" if cache_root else work / f"cache-{n}"
            out = work / f"dist-{n}"
            # each measured build runs in its own process, so ru_maxrss of children is that build's peak
            wall, peak, stdout = build(src, out, cache, executor)
            f = figures(stdout)
            floor = floors(out, only)
            print(f"{n:>7} {'cold':<8} {wall:>8.1f} {peak / 1024:>8.0f} {f['triples']:>9} {f['pages']:>7}  "
                  + ratios(f["stages"], floor, n) + f["cluster"], flush=True)
            if not change:
                shutil.rmtree(out, ignore_errors=True)
                continue
            changed = paths[len(paths) // 2]
            changed.write_text(changed.read_text(encoding="utf-8").replace("各位代表：", "各位代表、各位委员：", 1),
                               encoding="utf-8")
            wall, peak, stdout = build(src, out, cache, executor)
            f = figures(stdout)
            print(f"{n:>7} {'1 change':<8} {wall:>8.1f} {peak / 1024:>8.0f} {f['triples']:>9} {f['pages']:>7}  "
                  + ", ".join(f"{k} {v:.1f}" for k, v in f["stages"].items()) + f["cluster"], flush=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1, 100, 1000])
    ap.add_argument("--stage", action="append", choices=sorted(FLOORS), help="measure this stage's floor only")
    ap.add_argument("--no-change", action="store_true", help="the cold build only, not the rebuild after a change")
    ap.add_argument("--executor", default="local",
                    help="local (default), dask://HOST:PORT (a running cluster), or local-cluster (started here for the run)")
    ap.add_argument("--cache", help="where the builds' caches go (default: a temporary folder); a URL the workers reach")
    args = ap.parse_args()
    main(args.sizes, args.stage, not args.no_change, args.executor, args.cache)
