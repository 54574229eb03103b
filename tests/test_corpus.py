"""Several issues: citations resolve across them, duplicates are refused, unchanged issues come from the cache."""
import re
import subprocess
import sys

from tests.conftest import ROOT, SEED

BUILD = [sys.executable, str(ROOT / "build.py")]
OTHER = ROOT / "tests" / "fixtures" / "yuzhong-2021-03.txt"


def run(*args):
    return subprocess.run(BUILD + list(args), capture_output=True, text=True, timeout=600)


def corpus(tmp_path, cite_seed=True):
    src = tmp_path / "sources"
    (src / "shapingba").mkdir(parents=True)
    (src / "yuzhong").mkdir(parents=True)
    (src / "shapingba" / "shapingba-2020-02.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    text = OTHER.read_text(encoding="utf-8")
    if cite_seed:
        # the Yuzhong notice now also applies a notice published in the Shapingba issue
        text = text.replace("（渝府办发［2020］120号）要求，", "（渝府办发［2020］120号）和《重庆市沙坪坝区人民政府关于划定铁路线路安全保护区的公告》（沙府发〔2020〕74号）要求，")
    (src / "yuzhong" / "yuzhong-2021-03.txt").write_text(text, encoding="utf-8")
    return src


def test_a_document_cited_across_issues_is_one_resource(tmp_path):
    src = corpus(tmp_path)
    out = tmp_path / "dist"
    r = run("--sources", str(src), "--out", str(out), "--registry", str(ROOT / "sources" / "registry"), "--no-cache")
    assert r.returncode == 0, r.stderr
    import json
    cites = json.loads((out / "records" / "yuzhong-2021-03" / "citations.json").read_text(encoding="utf-8"))
    hit = [c for c in cites if c["number"] == "沙府发〔2020〕74号"]
    assert hit and hit[0]["cited"] == "sha-fu-fa/2020/74" and hit[0]["resolved_in_corpus"] is True
    regs = json.loads((out / "records" / "yuzhong-2021-03" / "regulations.json").read_text(encoding="utf-8"))
    assert next(r for r in regs if r["key"] == "sha-fu-fa/2020/74")["in_corpus"] is True
    # one resource: the published document's label only, no stub label beside it
    import pyoxigraph as ox
    labels = [q for q in ox.parse(path=str(out / "dumps" / "all.nq"), format=ox.RdfFormat.N_QUADS)
              if q.subject.value == "https://gongbao.example.org/eli/sha-fu-fa/2020/74"
              and q.predicate.value == "http://www.w3.org/2004/02/skos/core#prefLabel"]
    assert len({str(q.object) for q in labels}) == 1


def test_the_same_document_in_two_issues_is_refused(tmp_path):
    src = corpus(tmp_path, cite_seed=False)
    # another issue (its own number) that reprints a document: the document, not the issue, is at fault
    reprint = SEED.read_text(encoding="utf-8").replace("2020 年第 2 期", "2020 年第 3 期")
    assert "2020 年第 3 期" in reprint
    (src / "shapingba" / "shapingba-2020-03.txt").write_text(reprint, encoding="utf-8")
    r = run("--sources", str(src), "--out", str(tmp_path / "dist"), "--registry", str(ROOT / "sources" / "registry"),
            "--records-only", "--no-cache")
    assert r.returncode == 2 and "is also published in" in r.stderr and "Traceback" not in r.stderr


def test_unchanged_issues_come_from_the_cache(tmp_path):
    src = corpus(tmp_path)
    cache = tmp_path / "cache"
    args = ["--sources", str(src), "--registry", str(ROOT / "sources" / "registry"), "--cache", str(cache)]
    first = run(*args, "--out", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    assert "parse: 0 of 2 issues unchanged" in first.stdout
    second = run(*args, "--out", str(tmp_path / "b"))
    assert "parse: 2 of 2 issues unchanged" in second.stdout and "map+shacl: 2 of 2 issues unchanged" in second.stdout
    f = src / "yuzhong" / "yuzhong-2021-03.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("一、落实防汛责任。", "一、压实防汛责任。"), encoding="utf-8")
    third = run(*args, "--out", str(tmp_path / "c"))
    assert "parse: 1 of 2 issues unchanged" in third.stdout
    # the cache never changes what is published
    same = run("--sources", str(src), "--registry", str(ROOT / "sources" / "registry"), "--no-cache", "--out", str(tmp_path / "d"))
    assert same.returncode == 0
    for name in ("dumps/all.nq", "dumps/all.ttl", "records/yuzhong-2021-03/documents.json"):
        assert (tmp_path / "c" / name).read_bytes() == (tmp_path / "d" / name).read_bytes(), name
    assert re.search(r"timings: parse [\d.]+ s, issues [\d.]+ s, reasoning [\d.]+ s, dumps [\d.]+ s, store [\d.]+ s, site [\d.]+ s, search", third.stdout)


def test_every_issue_of_the_development_corpus_builds(tmp_path):
    """The four gazettes of ../shared/corpus, each in a layout of its own, build in full (graph, SHACL,
    site) straight from where they are: the corpus is never copied into sources/."""
    import json

    import pytest

    from tests.conftest import SHARED
    corpus_dir = SHARED / "corpus"
    if not corpus_dir.is_dir():
        pytest.skip(f"{corpus_dir} is absent: the development corpus comes with shared/")
    out = tmp_path / "dist"
    r = run("--sources", str(corpus_dir), "--out", str(out), "--cache", str(tmp_path / "cache"))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    issues = sorted(p.name for p in (out / "records").iterdir())
    assert issues == sorted(p.stem for p in corpus_dir.glob("*.txt"))
    for key in issues:
        docs = json.loads((out / "records" / key / "documents.json").read_text(encoding="utf-8"))
        info = json.loads((out / "records" / key / "issue.json").read_text(encoding="utf-8"))
        gold = json.loads((corpus_dir / f"{key}.gold.json").read_text(encoding="utf-8"))
        assert info["series"] and info["year"] and info["number"], key
        # a 目录 names documents but is none; every document found is one the gold knows
        assert len(docs) >= len(gold["documents"]) - 3, key
        assert all(d["genre"] for d in docs), key
    assert not list((ROOT / "sources").rglob("*-gazette-*"))
