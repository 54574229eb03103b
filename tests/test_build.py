"""The whole build from the command line: determinism, the SHACL gate, strict privacy."""
import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT, SEED

BUILD = [sys.executable, str(ROOT / "build.py")]


def run(*args, env=None):
    return subprocess.run(BUILD + list(args), capture_output=True, text=True, timeout=600, env=env)


def snapshot(out, store=False):
    """Every output file's bytes; the store (a database, rebuilt from the dumps) only when asked."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and (store or p.relative_to(out).parts[0] != "store")}


def test_two_full_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    # different hash seeds, so nothing may depend on the order of a set or dict of strings
    assert run("--out", str(a), env=dict(os.environ, PYTHONHASHSEED="1")).returncode == 0
    assert run("--out", str(b), env=dict(os.environ, PYTHONHASHSEED="2")).returncode == 0
    sa, sb = snapshot(a), snapshot(b)
    assert sa.keys() == sb.keys() and {"dumps/all.ttl", "dumps/all.nq", "dumps/all.jsonld", "dumps/void.ttl"} <= sa.keys()
    assert [k for k in sa if sa[k] != sb[k]] == []


def test_shacl_violation_fails_the_build_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "dist"
    assert run("--sources", str(SEED), "--out", str(out)).returncode == 0
    before = snapshot(out)
    reg = tmp_path / "registry"
    shutil.copytree(ROOT / "sources" / "registry", reg)
    bodies = (reg / "bodies.csv").read_text(encoding="utf-8")
    # the district's office given the district government's slug: one IRI, two zh-Hans names, which the
    # shapes do not allow (the registry loader checks a row alone; only the graph shows the clash)
    (reg / "bodies.csv").write_text(bodies.replace("cq-spb-government-office,county", "cq-spb-government,county"),
                                    encoding="utf-8")
    r = run("--sources", str(SEED), "--out", str(out), "--registry", str(reg))
    assert r.returncode == 3, r.stderr
    assert "SHACL violation" in r.stderr and "prefLabel" in r.stderr and "cq-spb-government" in r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(out) == before


def test_strict_privacy_leaves_no_pupil_name_anywhere(tmp_path):
    out = tmp_path / "dist"
    r = run("--out", str(out), "--strict-privacy")
    assert r.returncode == 0, r.stderr
    names = ["尹艺臻", "罗萱", "罗 萱", "欧阳聪睿", "谭巍", "丁增赤列"]
    files = snapshot(out, store=True)
    assert any(p.startswith("store/") for p in files)
    for path, data in files.items():
        assert not [n for n in names if n.encode("utf-8") in data], path
    # the entries are still there, with their schools
    assert "重庆市南开中学校" in (out / "records" / "shapingba-2020-02" / "awards.json").read_text(encoding="utf-8")
