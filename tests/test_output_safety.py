"""A build replaces its output whole, so it must never replace what it did not write: a user's file, a
folder of theirs, the gazettes it reads. Every refusal is one line, exit 2, and nothing is touched."""
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazette.errors import GazetteError
from publish.build.outdir import MARKER, describe_os_error, sweep_leftovers
from publish.build.pipeline import replace_dir
from tests.conftest import ROOT, SEED, held_build

BUILD = [sys.executable, str(ROOT / "build.py")]


def build(*args):
    return subprocess.run(BUILD + list(args) + ["--records-only"], capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def gazettes(tmp_path):
    """A sources folder of the user's: the seed gazette, a registry and a note of theirs."""
    src = tmp_path / "src"
    (src / "registry").mkdir(parents=True)
    (src / "seed.txt").write_bytes(SEED.read_bytes())
    for f in (ROOT / "sources" / "registry").iterdir():
        (src / "registry" / f.name).write_bytes(f.read_bytes())
    (src / "notes.md").write_text("mine\n", encoding="utf-8")
    return src


def refused(r, words):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert words in r.stderr
    assert len([l for l in r.stderr.splitlines() if l.startswith("error:")]) == 1


def test_out_is_an_existing_file(gazettes, tmp_path):
    target = tmp_path / "thesis.docx"
    target.write_bytes(b"years of work")
    refused(build("--sources", str(gazettes), "--out", str(target)), "not a folder")
    assert target.read_bytes() == b"years of work"


@pytest.mark.parametrize("where,words", [
    ("same", "--out is --sources"),
    ("inside", "--out lies inside --sources"),
    ("registry", "--out is --registry"),
])
def test_out_overlapping_the_sources(where, words, gazettes):
    before = snapshot(gazettes)
    if where == "registry":
        r = build("--sources", str(gazettes / "seed.txt"), "--registry", str(gazettes / "registry"),
                  "--out", str(gazettes / "registry"))
    else:
        r = build("--sources", str(gazettes), "--out", str(gazettes if where == "same" else gazettes / "dist"))
    refused(r, words)
    assert snapshot(gazettes) == before


def test_out_holding_the_sources(gazettes):
    before = snapshot(gazettes)
    refused(build("--sources", str(gazettes / "seed.txt"), "--out", str(gazettes)), "--out holds --sources")
    assert snapshot(gazettes) == before


def test_out_is_the_cache(gazettes, tmp_path):
    cache = tmp_path / "cache"
    assert build("--sources", str(gazettes), "--out", str(tmp_path / "dist"), "--cache", str(cache)).returncode == 0
    refused(subprocess.run(BUILD + ["--sources", str(gazettes), "--out", str(cache), "--cache", str(cache)],
                           capture_output=True, text=True, timeout=300), "--out is --cache")


def test_a_folder_of_someone_elses(gazettes, tmp_path):
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")
    refused(build("--sources", str(gazettes), "--out", str(out)), "did not write")
    assert (out / "holiday.jpg").read_bytes() == b"\xff\xd8"


def test_an_empty_folder_and_our_own_output_are_replaced(gazettes, tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    assert build("--sources", str(gazettes), "--out", str(out)).returncode == 0
    assert (out / MARKER).is_file()
    assert build("--sources", str(gazettes), "--out", str(out)).returncode == 0


def test_an_output_from_before_the_marker_is_ours(gazettes, tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "build.json").write_text("{}\n", encoding="utf-8")
    (out / "old-page.html").write_text("old", encoding="utf-8")
    assert build("--sources", str(gazettes), "--out", str(out)).returncode == 0
    assert not (out / "old-page.html").exists() and (out / MARKER).is_file()


def test_replace_dir_refuses_a_foreign_folder(tmp_path):
    new, target = tmp_path / "new", tmp_path / "target"
    new.mkdir()
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(GazetteError):
        replace_dir(new, target)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "keep"


def _leftover(parent: Path, name: str, ours: bool = True) -> Path:
    d = parent / name
    (d / "records").mkdir(parents=True)
    if ours:
        (d / MARKER).write_text("x", encoding="utf-8")
    return d


def test_leftovers_of_a_dead_build_are_removed_and_a_running_ones_kept(tmp_path):
    out = tmp_path / "dist"
    dead = _leftover(tmp_path, ".dist.build-dead")
    scratch = _leftover(tmp_path, ".gongbao-scratch-dead")
    running = _leftover(tmp_path, ".dist.build-running")
    foreign = _leftover(tmp_path, ".dist.build-notours", ours=False)
    other = _leftover(tmp_path, ".site.build-otheroutput")
    fd = os.open(running, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)     # as the running build holds it
    try:
        removed = sweep_leftovers(out)
    finally:
        os.close(fd)
    assert sorted(removed) == sorted([dead, scratch])
    assert running.is_dir() and foreign.is_dir() and other.is_dir()


def test_a_killed_build_leaves_nothing_after_the_next(gazettes, tmp_path):
    out = tmp_path / "dist"
    proc = subprocess.Popen(held_build("--sources", str(gazettes), "--out", str(out), "--records-only", "--no-cache"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import time
    deadline = time.time() + 120
    while time.time() < deadline and not list(tmp_path.glob(".dist.build-*/records/*/coverage.json")):
        time.sleep(0.1)
    proc.kill()
    proc.wait()
    assert list(tmp_path.glob(".dist.build-*")) and list(tmp_path.glob(".gongbao-scratch-*"))
    assert build("--sources", str(gazettes), "--out", str(out)).returncode == 0
    assert not list(tmp_path.glob(".dist.build-*")) and not list(tmp_path.glob(".gongbao-scratch-*"))


@pytest.mark.parametrize("case", ["cache is a file", "registry nowhere"])
def test_file_system_errors_are_one_line(case, gazettes, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file", encoding="utf-8")
    args = {"cache is a file": ["--cache", str(blocker / "cache")],
            "registry nowhere": ["--registry", str(tmp_path / "nowhere")]}[case]
    r = build("--sources", str(gazettes / "seed.txt"), "--out", str(tmp_path / "dist"), *args)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("error: ") and str(tmp_path) in r.stderr.splitlines()[0]


def test_describe_os_error_names_path_and_remedy():
    import errno
    line = describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/data/dist/site/x.html"))
    assert line.startswith("/data/dist/site/x.html: No space left on device") and "free some space" in line
