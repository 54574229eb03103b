"""Whether two builds are the same: the acceptance test of a change that must not change outputs.

    python benchmarks/same_build.py build DIR [--rev REV]   build the three input sets into DIR/<set>
    python benchmarks/same_build.py compare A B             compare two such folders

`build` builds, with the code of the working tree (or of git revision REV, checked out into a
temporary worktree), the seed (sources/), the test fixtures (tests/fixtures) and the development
corpus (../shared/corpus, when present), each with a fresh cache. `compare` holds every file to be
byte-identical, except two that are compared by meaning:
- the store (`store/`), by its quads, sorted;
- `build-state.pickle`, which records code fingerprints, by its content with those left out.

It prints each difference and exits 1 if there is one.
"""
from __future__ import annotations

import argparse
import filecmp
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# name -> the folders (or files) its sources are assembled from
SETS = {"seed": [ROOT / "sources"],
        # the fixture issue cites the seed and its linkset names the seed's heritage items: built together
        "fixtures": [ROOT / "sources" / "gazettes", ROOT / "tests" / "fixtures"],
        "corpus": [ROOT.parent / "shared" / "corpus"]}


def _assemble(parts: list[Path], dest: Path) -> Path:
    if len(parts) == 1:
        return parts[0]
    dest.mkdir(parents=True)
    for part in parts:
        for f in part.iterdir():
            target = dest / f.name
            if f.is_dir():
                shutil.copytree(f, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(f, target)
    return dest
# build-state entries that fingerprint the code, not the output: `marks` is (code, output, settings)
# fingerprints; `issues` maps each issue to a cache key that hashes the code too
CODE_KEYS = ("marks",)


def build(dest: Path, rev: str | None) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="same-build-") as tmp:
        code = ROOT
        if rev:
            code = Path(tmp) / "code"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(code), rev], check=True,
                           capture_output=True)
        try:
            for name, parts in SETS.items():
                if not all(p.exists() for p in parts):
                    print(f"{name}: {', '.join(str(p) for p in parts if not p.exists())} absent, skipped")
                    continue
                src = _assemble(parts, Path(tmp) / f"src-{name}")
                out = dest / name
                if out.exists():
                    shutil.rmtree(out)
                cmd = [sys.executable, str(code / "build.py"), "--sources", str(src), "--out", str(out),
                       "--cache", str(Path(tmp) / f"cache-{name}")]
                r = subprocess.run(cmd, capture_output=True, text=True, cwd=code)
                print(f"{name}: exit {r.returncode}")
                if r.returncode not in (0, 3):
                    print(r.stderr[-3000:])
        finally:
            if rev:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(code)], capture_output=True)


def _quads(store: Path) -> list[str]:
    import pyoxigraph as ox
    s = ox.Store.read_only(str(store))
    return sorted(str(q) for q in s)


def _state(path: Path):
    with open(path, "rb") as f:
        state = pickle.load(f)
    if isinstance(state, dict):
        state = {k: v for k, v in state.items() if k not in CODE_KEYS}
        if isinstance(state.get("issues"), dict):
            state["issues"] = sorted(state["issues"])
    return state


def compare(a: Path, b: Path) -> list[str]:
    diffs: list[str] = []
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file() and "store" not in p.relative_to(a).parts[:2]}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and "store" not in p.relative_to(b).parts[:2]}
    for rel in sorted(files_a ^ files_b):
        diffs.append(f"only in {'A' if rel in files_a else 'B'}: {rel}")
    for rel in sorted(files_a & files_b):
        if rel.name == "build-state.pickle":
            if _state(a / rel) != _state(b / rel):
                diffs.append(f"differs by meaning: {rel}")
        elif not filecmp.cmp(a / rel, b / rel, shallow=False):
            diffs.append(f"differs: {rel}")
    for store_a in sorted(p for p in a.rglob("store") if p.is_dir()):
        rel = store_a.relative_to(a)
        store_b = b / rel
        if not store_b.is_dir():
            diffs.append(f"only in A: {rel}/")
        elif _quads(store_a) != _quads(store_b):
            diffs.append(f"differs by quads: {rel}/")
    return diffs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("dest", type=Path)
    b.add_argument("--rev")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "build":
        build(args.dest, args.rev)
        return 0
    diffs = compare(args.a, args.b)
    for d in diffs:
        print(d)
    print(f"{len(diffs)} difference(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
