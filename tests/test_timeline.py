"""The policy timeline on the seed and the development corpus built together: repeals with their dates, in SPARQL
too; how policies spread (queries/diffusion.rq, exports/diffusion.csv); the citation network as GraphML, loaded in
networkx; a document's history; and an end another issue gives earlier, kept consistent across issues, in a
rebuild in place as in a fresh build."""
import csv
import json
import shutil
import subprocess
import sys

import pytest

from publish.outputs import timeline
from publish.outputs.storegraph import StoreGraph
from publish.outputs.store import run_query, store_dir
from tests.conftest import ROOT, SEED, SHARED
from tests.test_rebuild import quads, same_as_fresh

BUILD = [sys.executable, str(ROOT / "build.py"), "--registry", str(ROOT / "sources" / "registry")]
BASE = "https://gongbao.example.org/eli/"
ELI = "http://data.europa.eu/eli/ontology#"
PREFIXES = ("PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
            "PREFIX gb: <https://gongbao.example.org/ontology#>\n")


def run(*args, **env):
    import os
    r = subprocess.run(BUILD + list(args), capture_output=True, text=True, timeout=900, env={**os.environ, **env})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return r.stdout


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """The seed and the four issues of ../shared/corpus, built together (copied to a scratch folder, never to sources/)."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent: the development corpus comes with shared/")
    tmp = tmp_path_factory.mktemp("timeline")
    src = tmp / "sources"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    for p in sorted(corpus.glob("*.txt")):
        shutil.copy(p, src / p.name)
    out = tmp / "dist"
    log = run("--sources", str(src), "--out", str(out), "--no-cache")
    return out, log


def select(out, query: str) -> list[dict]:
    _, body = run_query(out, PREFIXES + query, ["application/sparql-results+json"])
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_a_repealed_document_is_repealed_by_and_ends_when_the_repealer_enters_into_force(corpus_build):
    out, _ = corpus_build
    rows = select(out, """SELECT DISTINCT ?by ?end ?entry ?status WHERE {
        ?old eli:id_local "渝国土房管〔2014〕799号" ; eli:repealed_by ?by ; eli:date_no_longer_in_force ?end ;
             eli:in_force ?status .
        ?by eli:id_local "渝规资规范〔2020〕8号" ; eli:first_date_entry_in_force ?entry }""")
    assert rows == [{"by": BASE + "yu-gui-zi-gui-fan/2020/8", "end": "2020-07-01", "entry": "2020-07-01",
                     "status": ELI + "InForce-notInForce"}]
    # and the evidence: the repeal's clause and line, the entry into force's clause and line
    ev = select(out, """SELECT DISTINCT ?event ?date ?quote ?line WHERE {
        ?e gb:forceOf ?d ; gb:forceEvent ?event ; gb:forceDate ?date ; gb:quote ?quote ; gb:sourceLine ?line .
        ?d eli:id_local ?n FILTER (?n IN ("渝国土房管〔2014〕799号", "渝规资规范〔2020〕8号")) } ORDER BY ?event""")
    assert [(r["event"], r["date"], r["line"]) for r in ev] == [("entry_into_force", "2020-07-01", "4315"),
                                                                 ("repeal", "2020-07-01", "4315")]
    assert "同时废止" in ev[1]["quote"] and "起实施" in ev[0]["quote"]


def test_every_date_of_force_in_the_corpus_has_its_clause_and_line(corpus_build):
    out, log = corpus_build
    rows = select(out, """SELECT DISTINCT ?d ?p ?date WHERE {
        VALUES ?p { eli:first_date_entry_in_force eli:date_no_longer_in_force } ?d ?p ?date .
        FILTER NOT EXISTS { ?e gb:forceOf ?d ; gb:forceDate ?date ; gb:quote ?q ; gb:sourceLine ?l } }""")
    assert rows == []
    found = select(out, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d eli:first_date_entry_in_force ?date }")
    assert found == [{"n": "4"}]
    assert "OWL: consistent" in log and "Dates of force not stated" not in (out / "validation.txt").read_text(encoding="utf-8")


FOLLOWERS = {"冀政发〔2017〕9号": ("applies", "河北省人民政府", "1"), "晋政发〔2018〕13号": ("based_on", "山西省人民政府", "2")}


def test_diffusion_lists_the_provinces_that_followed_a_state_council_opinion(corpus_build):
    out, _ = corpus_build
    q = (ROOT / "queries" / "diffusion.rq").read_text(encoding="utf-8")
    _, body = run_query(out, q, ["application/sparql-results+json"])
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]
    under = {r["number"]: (r["relation"].rpartition("#")[2], r["body"], r["lag"], r["lagUnit"], r["level"])
             for r in rows if r.get("policyNumber") == "国发〔2016〕56号"}
    # its date is not printed in the corpus: the lags are in years, from its 文号's year, and say so
    assert under == {n: (rel, body, lag, "years (文号 year)", "provincial") for n, (rel, body, lag) in FOLLOWERS.items()}
    # the same rows in rdflib, on the dump
    import rdflib
    ds = rdflib.Dataset(default_union=True)
    ds.parse(out / "dumps" / "all.nq", format="nquads")
    mine = sorted(tuple(None if row[v] is None else str(row[v]) for v in row.labels) for row in ds.query(q))
    assert mine == sorted(tuple(r.get(v) for v in json.loads(body)["head"]["vars"]) for r in rows)


def test_the_diffusion_export(corpus_build):
    out, _ = corpus_build
    rows = list(csv.DictReader((out / "exports" / "diffusion.csv").read_text(encoding="utf-8-sig").splitlines()))
    under = {r["label"]: (r["relation"], r["bodies"], r["lag"], r["lag_unit"], r["lag_basis"], r["policy_level"], r["level"])
             for r in rows if r["policy_label"] == "国发〔2016〕56号"}
    assert under == {n: (rel, body, lag, "years", "number_year", "national", "provincial")
                     for n, (rel, body, lag) in FOLLOWERS.items()}
    # where both dates are printed the lag is in days: 沙府办发〔2020〕127号 forwards 渝规资规范〔2020〕8号 (2020-06-28)
    fwd = next(r for r in rows if r["label"] == "沙府办发〔2020〕127号" and r["policy_label"] == "渝规资规范〔2020〕8号")
    assert (fwd["relation"], fwd["date"], fwd["policy_date"], fwd["lag"], fwd["lag_unit"], fwd["lag_basis"]) == \
        ("forwards", "2020-11-16", "2020-06-28", "141", "days", "dates")
    # only lower levels follow: no row whose follower is at or above its policy's level
    from gazette.tiers import TIER_KEYS
    assert rows and all(TIER_KEYS.index(r["level"]) > TIER_KEYS.index(r["policy_level"]) for r in rows)


def test_the_citation_network_loads_in_networkx(corpus_build):
    nx = pytest.importorskip("networkx")
    out, _ = corpus_build
    g = nx.read_graphml(out / "exports" / "citations.graphml")
    edges = list(csv.DictReader((out / "exports" / "citations.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert g.is_directed() and g.number_of_edges() == len(edges)
    assert set(g.nodes) == {e["source"] for e in edges} | {e["target"] for e in edges}
    hebei, state = BASE + "ji-he-zheng-fa/2017/9", BASE + "guo-fa/2016/56"
    assert g.nodes[state]["level"] == "national" and g.nodes[state]["published"] is True
    assert g.nodes[hebei]["date"] == "2017-07-07" and g.nodes[hebei]["level"] == "provincial"
    relations = [d["relation"] for d in (g.get_edge_data(hebei, state) or {}).values()] if g.is_multigraph() \
        else [g.get_edge_data(hebei, state)["relation"]]
    assert relations == ["applies"]
    old = BASE + "yu-guo-tu-fang-guan/2014/799"
    assert g.nodes[old]["no_longer_in_force"] == "2020-07-01" and g.nodes[old]["published"] is False


def test_a_documents_history_and_force(corpus_build):
    out, _ = corpus_build
    g = StoreGraph(store_dir(out))
    old = timeline.history(g, BASE + "yu-guo-tu-fang-guan/2014/799")
    assert [(e.date, e.kind, e.other_label, e.stated) for e in old] == [
        ("2020-07-01", "repealed_by", "渝规资规范〔2020〕8号", True)]
    assert old[0].evidence[0].line == 4315 and "同时废止" in old[0].evidence[0].quote
    f = timeline.force(g, BASE + "yu-guo-tu-fang-guan/2014/799")
    assert (f.no_longer_in_force, f.ended_by, f.last_day_in_force, f.not_in_force) == ("2020-07-01", "repeal", "2020-06-30", True)
    eight = timeline.history(g, BASE + "yu-gui-zi-gui-fan/2020/8")
    kinds = [(e.date, e.kind, e.other_label) for e in eight]
    assert kinds[:2] == [("2020-06-28", "issued", None), ("2020-07-01", "entry_into_force", None)]
    assert ("2020-11-16", "forwarded_by", "沙府办发〔2020〕127号") in kinds
    dates = [e.date for e in eight if e.date]
    assert dates == sorted(dates) and all(e.evidence for e in eight)
    top = {f.label: (f.followers, f.first, f.last) for f in timeline.most_followed(g)}
    assert top["国发〔2016〕56号"] == (2, "2017-07-07", "2018-03-27")
    spread = timeline.diffusion(g, BASE + "guo-fa/2016/56")
    assert [(r.label, r.relation, r.lag, r.lag_unit, r.lag_basis) for r in spread] == [
        ("冀政发〔2017〕9号", "applies", 1, "years", "number_year"), ("晋政发〔2018〕13号", "based_on", 2, "years", "number_year")]


@pytest.fixture()
def two_issues(tmp_path):
    """The seed with its 8号 notice valid five years (to 2025-06-30), and the Yuzhong issue."""
    src = tmp_path / "sources"
    (src / "shapingba").mkdir(parents=True)
    (src / "yuzhong").mkdir()
    text = SEED.read_text(encoding="utf-8")
    valid = text.replace("本通知自 2020 年 7 月 1 日起实施。", "本通知自 2020 年 7 月 1 日起实施，有效期 5 年。")
    assert valid != text
    (src / "shapingba" / SEED.name).write_text(valid, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "yuzhong-2021-03.txt", src / "yuzhong" / "yuzhong-2021-03.txt")
    return src


EIGHT = BASE + "yu-gui-zi-gui-fan/2020/8"


def ends_of(out, iri):
    return sorted(q.split(" ")[2] for q in quads(out) if q.startswith(f"<{iri}> <{ELI}date_no_longer_in_force>"))


def test_a_repeal_in_a_later_issue_ends_an_earlier_document_in_place(two_issues, tmp_path):
    src, out, cache = two_issues, tmp_path / "dist", tmp_path / "cache"
    run("--sources", str(src), "--out", str(out), "--cache", str(cache))
    assert ends_of(out, EIGHT) == ['"2025-06-30"^^<http://www.w3.org/2001/XMLSchema#date>']
    # the Yuzhong plan (印发 2021-03-08) now repeals the 8号 notice, earlier than it expires
    f = src / "yuzhong" / "yuzhong-2021-03.txt"
    text = f.read_text(encoding="utf-8")
    old = "（渝中府发〔2018〕\n\n5 号）同时废止。"
    assert old in text
    # and, by its title alone, a notice of the Shapingba issue: the key it resolves to in the corpus is the one that ends
    f.write_text(text.replace(old, "（渝中府发〔2018〕\n\n5 号）、《关于进一步规范设施农业用地管理的通知》（渝规资规范〔2020〕8号）"
                                   "和《重庆市沙坪坝区人民政府关于划定铁路线路安全保护区的公告》同时废止。本方案自印发之日起施行。"),
                 encoding="utf-8")
    log = run("--sources", str(src), "--out", str(out), "--cache", str(cache), GONGBAO_REBUILD_SHARE="1")
    # both issues change: the Shapingba one no longer states its own, later, end
    assert "rebuild in place: 2 issue(s) changed" in log and "OWL: consistent" in log, log
    assert ends_of(out, EIGHT) == ['"2021-03-08"^^<http://www.w3.org/2001/XMLSchema#date>']
    assert ends_of(out, BASE + "sha-fu-fa/2020/74") == ['"2021-03-08"^^<http://www.w3.org/2001/XMLSchema#date>']
    g = StoreGraph(store_dir(out))
    f8 = timeline.force(g, EIGHT)
    assert (f8.ended_by, f8.expiry, f8.not_in_force) == ("repeal", "2025-06-30", True)
    assert [r[1] for r in f8.repealed_by] == ["渝中府发〔2021〕12号"]
    # the earlier document's own data file on the site says so
    page = (out / "site" / "eli" / "yu-gui-zi-gui-fan" / "2020" / "8" / "index.ttl").read_text(encoding="utf-8")
    assert 'eli:date_no_longer_in_force "2021-03-08"^^xsd:date' in page
    same_as_fresh(src, out, tmp_path, "fresh")
