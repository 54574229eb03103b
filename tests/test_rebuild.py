"""Rebuilding in place: a build over an earlier output redoes only what the changed issues touch, and
what it leaves is byte for byte what a fresh build of the same sources writes."""
import os
import subprocess
import sys

import pytest

from publish.build.commit import JOURNAL, commit, finish_commit
from tests.conftest import ROOT
from tests.test_corpus import corpus

BUILD = [sys.executable, str(ROOT / "build.py"), "--registry", str(ROOT / "sources" / "registry")]


def run(*args, **env):
    r = subprocess.run(BUILD + list(args), capture_output=True, text=True, timeout=600, env={**os.environ, **env})
    assert r.returncode == 0, r.stderr
    return r.stdout


def files(out):
    """Every output file but the store (a database) and the build's own state."""
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and not str(p.relative_to(out)).startswith("store/") and p.name != "build-state.pickle"}


def quads(out):
    import pyoxigraph as ox
    store = ox.Store.read_only(str(out / "store"))
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def same_as_fresh(src, out, tmp_path, name):
    fresh = tmp_path / name
    run("--sources", str(src), "--out", str(fresh), "--no-cache")
    a, b = files(out), files(fresh)
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    assert quads(out) == quads(fresh)


@pytest.fixture()
def built(tmp_path):
    src = corpus(tmp_path)
    out, cache = tmp_path / "dist", tmp_path / "cache"
    run("--sources", str(src), "--out", str(out), "--cache", str(cache))
    return src, out, cache


def test_an_edited_paragraph_rebuilds_one_issue_in_place(built, tmp_path):
    src, out, cache = built
    f = src / "yuzhong" / "yuzhong-2021-03.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("一、落实防汛责任。", "一、压实防汛责任。"), encoding="utf-8")
    untouched = out / "site" / "heritage" / "index.html"
    before = untouched.stat().st_mtime_ns
    # nor the exports and the reconciliation index: none reads a paragraph's text (publish/outputs/reads.py)
    kept = {p: p.stat().st_mtime_ns for p in [out / "reconcile.json", *sorted((out / "exports").iterdir())]}
    # nor the first search bundle (shared pages and index pages): none of its pages changed
    primary = out / "site" / "pagefind" / "pagefind-entry.json"
    primary_before = primary.stat().st_mtime_ns
    log = run("--sources", str(src), "--out", str(out), "--cache", str(cache))
    assert "rebuild in place: 1 issue(s) changed, 0 removed, 1 unchanged" in log and f"updated {out}" in log
    assert "压实防汛责任" in (out / "records" / "yuzhong-2021-03" / "documents.json").read_text(encoding="utf-8")
    # the Shapingba issue's heritage list was not written again, nor its index page: no changed triple is one
    # the page reads (an index page declares what it reads: publish/sitegen/indexes.py)
    assert (out / "site" / "heritage" / "item").exists() and untouched.stat().st_mtime_ns == before
    assert len(kept) == 5 and {p: p.stat().st_mtime_ns for p in kept} == kept
    assert primary.stat().st_mtime_ns == primary_before
    same_as_fresh(src, out, tmp_path, "fresh")


def test_a_retitled_notice_rebuilds_the_issues_that_cite_it(built, tmp_path):
    src, out, cache = built
    f = src / "shapingba" / "shapingba-2020-02.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("关于划定铁路线路安全保护区的公告", "关于划定铁路沿线安全保护区的公告", 1),
                 encoding="utf-8")
    log = run("--sources", str(src), "--out", str(out), "--cache", str(cache), GONGBAO_REBUILD_SHARE="1")
    # the Yuzhong issue cites the notice: its graph and pages change with the title
    assert "rebuild in place: 2 issue(s) changed" in log
    same_as_fresh(src, out, tmp_path, "fresh")


def test_a_removed_issue_takes_its_records_and_pages_with_it(built, tmp_path):
    src, out, cache = built
    (src / "yuzhong" / "yuzhong-2021-03.txt").unlink()
    # the Shapingba issue changes too: alone, it is no longer resolved against a corpus
    log = run("--sources", str(src), "--out", str(out), "--cache", str(cache), GONGBAO_REBUILD_SHARE="2")
    assert "rebuild in place: 1 issue(s) changed, 1 removed" in log
    assert not (out / "records" / "yuzhong-2021-03").exists()
    same_as_fresh(src, out, tmp_path, "fresh")


def test_nothing_changed_writes_nothing(built):
    src, out, cache = built
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    log = run("--sources", str(src), "--out", str(out), "--cache", str(cache))
    assert f"{out} is up to date" in log
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_a_commit_cut_short_is_finished_by_the_next_build(tmp_path):
    out, stage = tmp_path / "dist", tmp_path / ".dist.build-cut"
    (out / "site" / "old").mkdir(parents=True)
    (out / "site" / "old" / "index.html").write_text("old", encoding="utf-8")
    (out / "site" / "a.html").write_text("a1", encoding="utf-8")
    (stage / "site" / "new").mkdir(parents=True)
    (stage / "site" / "a.html").write_text("a2", encoding="utf-8")
    (stage / "site" / "new" / "index.html").write_text("new", encoding="utf-8")
    # the power fails after the journal is written and one file is moved
    import json
    (out / JOURNAL).write_text(json.dumps({"stage": str(stage), "moves": ["site/a.html", "site/new/index.html"],
                                           "deletes": ["site/old/index.html"]}), encoding="utf-8")
    os.replace(stage / "site" / "a.html", out / "site" / "a.html")
    assert finish_commit(out)
    assert (out / "site" / "a.html").read_text(encoding="utf-8") == "a2"
    assert (out / "site" / "new" / "index.html").read_text(encoding="utf-8") == "new"
    assert not (out / "site" / "old").exists() and not (out / JOURNAL).exists() and not stage.exists()
    assert not finish_commit(out)


def test_a_damaged_journal_never_deletes_a_folder_it_names(tmp_path):
    out, mine = tmp_path / "dist", tmp_path / "mine"
    (out / "site").mkdir(parents=True)
    (mine / "keep.txt").parent.mkdir()
    (mine / "keep.txt").write_text("keep", encoding="utf-8")
    import json
    (out / JOURNAL).write_text(json.dumps({"stage": str(mine), "moves": [], "deletes": []}), encoding="utf-8")
    assert finish_commit(out)
    assert (mine / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_a_commit_moves_folders_whole(tmp_path):
    out, stage = tmp_path / "dist", tmp_path / "stage"
    (out / "site" / "pagefind").mkdir(parents=True)
    (out / "site" / "pagefind" / "stale.pf").write_text("x", encoding="utf-8")
    (stage / "site" / "pagefind").mkdir(parents=True)
    (stage / "site" / "pagefind" / "fresh.pf").write_text("y", encoding="utf-8")
    commit(stage, out, ["site/pagefind"], [])
    assert sorted(p.name for p in (out / "site" / "pagefind").iterdir()) == ["fresh.pf"]


def test_a_fresh_build_writes_exactly_the_declared_outputs(seed_build):
    """The moves of a rebuild in place come from the stages' declared outputs: a build that wrote
    anything else at its top would leave it stale after a rebuild in place."""
    from publish.build.graph import OTHER_OUTPUTS, OUTPUTS
    written = {p.name for p in seed_build[0].iterdir()}
    assert written == {path for path, _ in OUTPUTS} | set(OTHER_OUTPUTS)
