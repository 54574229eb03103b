"""Search and SPARQL as a reader uses them (issue 19, point 5).

Search: one language indexed, titles once, filters read from the graph, an exact 文号 or code first,
traditional characters folded to simplified. SPARQL: the browser fetches the data a query needs (segments
by predicate), and answers as the server does, on the chain query, the examples and queries made to break
each rule of what a query needs; a shared link runs its query; results stay inside the page.

The pure parts run in the fast tier; the browser tests drive Debian's chromium over the seed build."""
import gzip
import json
import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote
from urllib.request import Request, urlopen

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from mappings.terms import ELI, GB, ORG
from publish.sitegen.folding import code_key, code_shard, fold, t2s_table
from publish.sitegen.searchmeta import exact_codes, filters_of, value_labels
from publish.sitegen.sparqldata import example_queries, write_segments
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NODE = shutil.which("node")
needs_browser = pytest.mark.skipif(not (CHROMIUM and NODE and (ROOT / "node_modules" / "playwright-core").exists()),
                                   reason="needs Debian's chromium, node and `npm install`; .ci/run installs them")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BASE = "https://gongbao.example.org/"
CHAIN = (ROOT / "queries" / "chain.rq").read_text(encoding="utf-8")
PREFIXES = ("PREFIX eli: <http://data.europa.eu/eli/ontology#>\nPREFIX gb: <https://gongbao.example.org/ontology#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n")
# queries made to break each rule of what a query needs (site/static/sparql-scope.js): each must give the
# server's answer in the browser, whether it fetched a few segments or all of them
RULES = {
    "variable predicate": "SELECT ?p (COUNT(*) AS ?n) WHERE { <https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127> ?p ?o } GROUP BY ?p",
    "values-bound predicate": "SELECT ?s ?p ?o WHERE { ?s ?p ?o VALUES ?p { eli:repeals gb:forwards } }",
    "filter-bound predicate": "SELECT ?s ?p WHERE { ?s ?p ?o FILTER (?p IN (eli:based_on, eli:amends)) }",
    "or is not a bound": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (?p = eli:cites || isLiteral(?o)) }",
    "zero-length path": "SELECT (COUNT(*) AS ?n) WHERE { ?a eli:cites* ?b }",
    "zero-length from a named node": "SELECT ?b WHERE { <https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127> eli:cites* ?b }",
    "negated property set": "SELECT (COUNT(*) AS ?n) WHERE { <https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127> !eli:cites ?o }",
    "every graph": "SELECT ?g WHERE { GRAPH ?g { } }",
    "graphs holding citations": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s eli:applies ?o } }",
    "a class": "SELECT ?x ?code WHERE { ?x a gb:HeritageItem ; skos:notation ?code }",
    "any class": "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c",
    "a path through types": "SELECT (COUNT(*) AS ?n) WHERE { ?x gb:heritageCategory/rdf:type ?t }",
    "exists with a variable predicate": "SELECT ?s WHERE { ?s eli:repeals ?o FILTER EXISTS { ?o ?q ?s } }",
    "describe a page": "DESCRIBE <https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127>",
    "describe by pattern": "DESCRIBE ?b WHERE { <https://gongbao.example.org/eli/sha-fu-ban-fa/2020/127> eli:passed_by ?b }",
    "construct": "CONSTRUCT { ?a eli:cites ?b } WHERE { ?a eli:cites ?b }",
    "ask": "ASK { ?x skos:prefLabel \"磁器口剪纸\"@zh-Hans }",
}


# --- the pure parts (fast) --------------------------------------------------------------------------------------
def test_a_code_folds_to_one_key_whatever_its_form():
    assert code_key("沙府办发〔2020〕127号") == code_key("沙府辦發[2020]127") == code_key(" 沙府办发（2020）127 号")
    assert code_key("Ⅷ—41") == code_key("VIII-41") == code_key("ⅷ－41") == "VIII-41"
    assert code_key("沙府办发〔2020〕127号") != code_key("沙府办发〔2020〕12号")


def test_traditional_characters_fold_by_opencc():
    table = t2s_table()
    assert table["紙"] == "纸" and table["辦"] == "办" and "剪" not in table
    assert fold("磁器口剪紙") == "磁器口剪纸"
    assert len(table) > 4000 and all(len(k) == len(v) == 1 for k, v in table.items())


def _graph() -> tuple[Graph, callable]:
    g = Graph()
    doc, body, genre = URIRef(BASE + "eli/sha-fu-fa/2020/76"), URIRef(BASE + "org/spb"), URIRef(BASE + "genre/notice")
    lst, item, cat = URIRef(BASE + "heritage/list/x"), URIRef(BASE + "heritage/item/x/VII-10"), URIRef(BASE + "heritage/category/VII")
    ins = URIRef(str(item) + "/inscription")
    cited = URIRef(BASE + "eli/zi-ran-zi-gui/2019/4")
    g.add((doc, RDF.type, ELI.LegalResource))
    g.add((doc, ELI.is_member_of, URIRef(BASE + "issue/i")))
    g.add((doc, ELI.id_local, Literal("沙府发〔2020〕76号")))
    g.add((doc, ELI.passed_by, body))
    g.add((doc, ELI.type_document, genre))
    g.add((doc, ELI.date_document, Literal("2020-09-01")))
    g.add((body, RDF.type, ORG.Organization))
    g.add((body, GB.level, Literal("county")))
    g.add((genre, RDF.type, ELI.ResourceType))
    g.add((lst, GB.partOfDocument, doc))
    g.add((item, RDF.type, GB.HeritageItem))
    g.add((item, RDF.type, SKOS.Concept))
    g.add((item, SKOS.inScheme, lst))
    g.add((item, SKOS.notation, Literal("Ⅶ—10")))
    g.add((item, GB.heritageCategory, cat))
    g.add((ins, GB.inscribes, item))
    g.add((cat, RDF.type, SKOS.Concept))
    g.add((cat, SKOS.inScheme, URIRef(BASE + "heritage/category")))
    g.add((cited, RDF.type, ELI.LegalResource))
    g.add((cited, ELI.id_local, Literal("自然资规〔2019〕4号")))
    g.add((cited, GB.level, Literal("national")))
    g.add((cited, GB.numberYear, Literal(2019)))
    names = {doc: ("沙府发〔2020〕76号 通知", None), body: ("重庆市沙坪坝区人民政府", "Shapingba District People's Government"),
             genre: ("通知", "notice"), item: ("磁器口剪纸", None), cat: ("传统美术", "traditional fine arts"),
             cited: ("自然资规〔2019〕4号 通知", None)}

    def label(n):
        zh, en = names.get(n, (str(n), None))
        return {"zh": zh, "en": en or zh}
    return g, label


def test_filters_come_from_the_graph():
    g, label = _graph()
    doc, item = URIRef(BASE + "eli/sha-fu-fa/2020/76"), URIRef(BASE + "heritage/item/x/VII-10")
    assert filters_of(g, doc, set(g.objects(doc, RDF.type)), label) == [
        ("body", "重庆市沙坪坝区人民政府"), ("genre", "通知"), ("kind", "公文"), ("level", "区县级"), ("year", "2020")]
    # a heritage item takes the body, year and level of the notice that lists it, not its genre
    assert filters_of(g, item, set(g.objects(item, RDF.type)), label) == [
        ("body", "重庆市沙坪坝区人民政府"), ("category", "传统美术"), ("kind", "非遗项目"), ("level", "区县级"), ("year", "2020")]
    cited = URIRef(BASE + "eli/zi-ran-zi-gui/2019/4")
    assert filters_of(g, cited, {ELI.LegalResource}, label) == [("kind", "被引文件"), ("level", "国家级"), ("year", "2019")]
    labels = value_labels(g, label)
    assert labels["通知"] == "notice" and labels["区县级"] == "county" and labels["传统美术"] == "traditional fine arts"


def test_codes_name_their_pages():
    g, label = _graph()
    pages = set(g.subjects())
    codes = exact_codes(g, pages, label, lambda n: str(n)[len(BASE):])
    assert [e["url"] for e in codes[code_key("沙府发〔2020〕76号")]] == ["eli/sha-fu-fa/2020/76/"]
    assert codes["VII-10"][0]["title"] == "磁器口剪纸" and codes["VII-10"][0]["filters"]["category"] == ["传统美术"]


def test_example_tabs_are_named_by_what_each_query_answers():
    named = {q["id"]: q for q in example_queries()}
    assert named["chain"]["about"].startswith("The citation chain from a district notice")
    assert named["chain"]["name"] == "The citation chain from a district notice"
    for q in named.values():
        assert q["name"] != q["id"] and q["text"].startswith("# ")


def test_segments_cut_the_dump_by_predicate_and_class(tmp_path):
    lines = ['<http://x/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/C> <http://x/g1> .\n',
             '<http://x/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://x/D> <http://x/g2> .\n',
             '<http://x/a> <http://x/p> "a b c" <http://x/g1> .\n',
             '<http://x/a> <http://x/p> <http://x/b> <http://x/g2> .\n',
             '_:b1 <http://x/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://x/g1> .\n']
    (tmp_path / "all.nq").write_text("".join(lines), encoding="utf-8")
    segments, types = write_segments(tmp_path / "all.nq", tmp_path / "data")
    assert sorted(segments) == ["http://x/p", "http://x/q"] and sorted(types) == ["http://x/C", "http://x/D"]
    assert segments["http://x/p"]["quads"] == 2
    got = [line for s in [*segments.values(), *types.values()]
           for line in (tmp_path / "data" / s["file"]).read_text(encoding="utf-8").splitlines(keepends=True)]
    assert sorted(got) == sorted(lines)
    # a rebuild in place writes again only the segments of what changed, and counts them all
    for f in (tmp_path / "data").iterdir():
        f.unlink()
    again, again_types = write_segments(tmp_path / "all.nq", tmp_path / "data", changed={"http://x/q", "http://x/D"})
    assert (again, again_types) == (segments, types)
    assert sorted(f.name for f in (tmp_path / "data").iterdir()) == sorted([segments["http://x/q"]["file"], types["http://x/D"]["file"]])


# --- the seed build (slow) ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(seed_build):
    return seed_build[0] / "site"


def _fragments(site: Path) -> dict[str, dict]:
    out = {}
    for f in site.glob("pagefind*/**/fragment/*.pf_fragment"):
        raw = gzip.decompress(f.read_bytes())
        page = json.loads(raw[raw.index(b"{"):])
        out[page["url"]] = page
    return out


def test_the_index_holds_one_language_titles_once_and_no_iris(site):
    pages = _fragments(site)
    item = pages["/heritage/item/sha-fu-fa/2020/76/VII-10/"]
    assert item["meta"]["title"] == "磁器口剪纸"
    assert item["filters"]["category"] == ["传统美术"] and item["filters"]["year"] == ["2020"]
    body = pages["/org/cq-spb-government-office/"]
    assert body["meta"]["title"] == "重庆市沙坪坝区人民政府办公室"
    for page in pages.values():
        text = page["content"].replace("\u200b", "")
        assert "https://" not in text and "intangible heritage item" not in text and "zh-hans" not in text.lower(), page["url"]
        title = page["meta"]["title"]
        assert title and title[: len(title) // 2] * 2 != title, page["url"]
    doc = pages["/eli/sha-fu-ban-fa/2020/127/"]
    assert doc["filters"] == {"body": ["重庆市沙坪坝区人民政府办公室"], "genre": ["通知"], "kind": ["公文"],
                              "level": ["区县级"], "year": ["2020"]}


def test_pupils_pages_stay_out_of_the_codes_and_the_index(site):
    codes = {}
    for part in (site / "search" / "codes").glob("*.json"):
        codes.update(json.loads(part.read_text(encoding="utf-8")))
    assert codes["沙府办发[2020]127"][0]["url"] == "eli/sha-fu-ban-fa/2020/127/"
    # each key is in the file its hash names, where the search page looks
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    files = json.loads(page.split('id="search-config">', 1)[1].split("</script>", 1)[0])["codeFiles"]
    for n in range(files):
        part = json.loads((site / "search" / "codes" / f"{n}.json").read_text(encoding="utf-8"))
        assert all(code_shard(key, files) == n for key in part)
    assert not any("/entry/" in e["url"] for entries in codes.values() for e in entries)
    assert not any("/entry/" in url for url in _fragments(site))


def test_segments_hold_the_whole_dump_once(site, seed_build):
    page = (site / "sparql" / "index.html").read_text(encoding="utf-8")
    config = json.loads(page.split('id="sparql-config">', 1)[1].split("</script>", 1)[0])
    files = [*config["segments"].values(), *config["types"].values()]
    got = sorted(line for s in files for line in (site / "sparql" / "data" / s["file"]).open(encoding="utf-8"))
    assert got == sorted((seed_build[0] / "dumps" / "all.nq").open(encoding="utf-8"))
    assert sum(s["quads"] for s in files) == len(got)


def test_the_browser_folds_as_python_does(site, tmp_path):
    if not NODE:
        pytest.skip("no node")
    samples = ["沙府办发〔2020〕127号", "沙府辦發[2020]127", "Ⅷ—41", "ⅷ－41", "磁器口剪紙", "ＺＨ５００１０６１０００１", "國務院令第639號"]
    script = tmp_path / "fold.mjs"
    script.write_text(
        f'import {{ codeKey, codeShard, fold, useTable }} from {json.dumps((site / "static" / "fold.js").as_uri())};\n'
        f'import {{ readFileSync }} from "node:fs";\n'
        f'useTable(JSON.parse(readFileSync({json.dumps(str(site / "search" / "t2s.json"))}, "utf8")));\n'
        f'console.log(JSON.stringify({json.dumps(samples, ensure_ascii=False)}.map((s) => '
        f'[fold(s), codeKey(s), codeShard(codeKey(s), 7), codeShard(s, 64)])));\n',
        encoding="utf-8")
    r = subprocess.run([NODE, "--no-warnings", str(script)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [[fold(s), code_key(s), code_shard(code_key(s), 7), code_shard(s, 64)] for s in samples]


# --- in the browser (slow) ------------------------------------------------------------------------------------------
class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(site):
    handler = partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


SEARCHES = [
    {"name": "number", "query": "沙府办发〔2020〕127号"},
    {"name": "number, other brackets", "query": "沙府办发[2020]127"},
    {"name": "heritage code", "query": "Ⅷ—41"},
    {"name": "traditional", "query": "剪紙"},
    {"name": "filter", "query": "磁器口", "filter": ["kind", "公文"]},
    {"name": "level filter", "query": "通知", "filter": ["level", "国家级"]},
]


@pytest.fixture(scope="module")
def browser(served, tmp_path_factory):
    if not (CHROMIUM and NODE and (ROOT / "node_modules" / "playwright-core").exists()):
        pytest.skip("no browser")
    queries = {f"example {q['id']}": q["text"] for q in example_queries()}
    queries.update({name: PREFIXES + text for name, text in RULES.items()})
    config = {"base": served, "chromium": CHROMIUM, "search": SEARCHES, "axe": AXE.exists(),
              "sparql": {"queries": queries, "shared": CHAIN, "tab": "heritage_by_category"}}
    cfg = tmp_path_factory.mktemp("search-sparql") / "config.json"
    cfg.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([NODE, str(ROOT / "tests" / "browser" / "search_sparql.mjs"), str(cfg)], capture_output=True,
                       text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _term(t):
    if t is None:
        return None
    kind = "literal" if t["type"] in ("literal", "typed-literal") else t["type"]
    return (kind, "_:" if kind == "bnode" else t["value"], t.get("xml:lang", "").lower(), t.get("datatype", ""))


def rows(answer: dict):
    if "boolean" in answer:
        return answer["boolean"]
    names = answer["head"]["vars"]
    return sorted((tuple(_term(b.get(v)) for v in names) for b in answer["results"]["bindings"]), key=repr)


def _triples(text: str, fmt) -> set[str]:
    import pyoxigraph as ox
    return {str(t) for t in ox.parse(text.encode("utf-8"), format=fmt)}


def server_answer(seed_server, query: str, accept: str) -> bytes:
    req = Request(f"{seed_server['url']}/sparql?query={quote(query)}", headers={"Accept": accept})
    with urlopen(req, timeout=30) as r:
        return r.read()


@needs_browser
def test_an_exact_document_number_finds_its_document_first(browser):
    for name in ("number", "number, other brackets"):
        first = browser["search"][name]["before"][0]
        assert first["href"].endswith("/eli/sha-fu-ban-fa/2020/127/") and first["exact"], (name, first)
        assert first["title"].startswith("沙府办发〔2020〕127号")
    first = browser["search"]["heritage code"]["before"][0]
    assert first["href"].endswith("/heritage/item/sha-fu-fa/2020/76/VIII-41/") and first["title"] == "朱氏木雕技艺"


@needs_browser
def test_traditional_characters_find_simplified_text(browser):
    found = browser["search"]["traditional"]["before"]
    assert found[0]["title"] == "磁器口剪纸" and found[0]["href"].endswith("/heritage/item/sha-fu-fa/2020/76/VII-10/")
    # titles once, excerpts without IRIs
    for r in found:
        assert "https://" not in r["excerpt"] and r["title"][: len(r["title"]) // 2] * 2 != r["title"]


@needs_browser
def test_a_filter_narrows_the_results(browser, site):
    r = browser["search"]["filter"]
    before, after = {x["href"] for x in r["before"]}, {x["href"] for x in r["after"]}
    assert any("/heritage/item/" in h for h in before)
    assert after and after < before and all("/eli/" in h for h in after), after
    assert "kind=" in r["url"]          # the filter is in the address, so the search can be shared
    national = browser["search"]["level filter"]
    assert national["after"] and len(national["after"]) < len(national["before"])
    pages = _fragments(site)
    for x in national["after"]:
        assert "国家级" in pages[x["href"][x["href"].index("/", 8):]]["filters"]["level"], x
    assert any(x["href"].endswith("/eli/zi-ran-zi-gui/2019/4/") for x in national["after"])


@needs_browser
def test_the_chain_query_gives_the_servers_rows_from_a_few_segments(browser, seed_server, site):
    got = browser["sparql"]["answers"]["example chain"]
    assert rows(got["json"]) == rows(json.loads(server_answer(seed_server, CHAIN, "application/sparql-results+json")))
    assert len(got["json"]["results"]["bindings"]) >= 8
    # it fetched what it names, not the whole graph
    page = (site / "sparql" / "index.html").read_text(encoding="utf-8")
    config = json.loads(page.split('id="sparql-config">', 1)[1].split("</script>", 1)[0])
    assert not got["all"] and got["load"]["fetched"] <= 12
    assert got["load"]["bytes"] < sum(s["bytes"] for s in config["segments"].values()) / 10


@needs_browser
@pytest.mark.parametrize("name", [f"example {q['id']}" for q in example_queries()] + sorted(RULES))
def test_every_query_gives_the_servers_answer(name, browser, seed_server):
    got = browser["sparql"]["answers"][name]
    query = (ROOT / "queries" / f"{name[len('example '):]}.rq").read_text(encoding="utf-8") \
        if name.startswith("example ") else PREFIXES + RULES[name]
    if got["text"] is not None:          # CONSTRUCT, DESCRIBE
        import pyoxigraph as ox
        want = server_answer(seed_server, query, "application/n-triples").decode("utf-8")
        assert _triples(got["text"], ox.RdfFormat.TURTLE) == _triples(want, ox.RdfFormat.N_TRIPLES)
        assert want.strip()
    else:
        assert rows(got["json"]) == rows(json.loads(server_answer(seed_server, query, "application/sparql-results+json")))


@needs_browser
def test_what_a_query_fetches_follows_what_it_names(browser):
    a = browser["sparql"]["answers"]
    assert a["variable predicate"]["all"] and a["zero-length path"]["all"] and a["negated property set"]["all"]
    assert a["every graph"]["all"] and a["exists with a variable predicate"]["all"] and a["or is not a bound"]["all"]
    for name in ("values-bound predicate", "filter-bound predicate", "zero-length from a named node",
                 "graphs holding citations", "a class", "construct", "ask", "describe a page"):
        assert not a[name]["all"], name
    assert a["a class"]["load"]["fetched"] == 2          # the items' rdf:type segment and skos:notation


@needs_browser
def test_a_shared_query_link_runs_and_its_results_download(browser, seed_server):
    shared = browser["sparql"]["shared"]
    assert shared["editor"] == CHAIN
    want = json.loads(server_answer(seed_server, CHAIN, "application/sparql-results+json"))
    assert shared["rows"] == len(want["results"]["bindings"])
    assert rows(json.loads(shared["jsonText"])) == rows(want)
    csv_lines = shared["csvText"].split("\r\n")
    assert csv_lines[0] == ",".join(want["head"]["vars"]) and len([x for x in csv_lines[1:] if x]) == shared["rows"]
    # resources are shown by their labels and link to their pages here
    first = shared["links"][0]
    assert first["href"].endswith("/eli/sha-fu-ban-fa/2020/127/") and first["text"].startswith("沙府办发〔2020〕127号 重庆市")
    assert shared["linkStatus"] and set(shared["linkStatus"]) == {200}
    # and stay inside the page at 1280 px
    assert shared["pageWidth"] <= shared["viewport"] and shared["tableWidth"] <= shared["boxWidth"] + 1


@needs_browser
def test_example_tabs_are_named_in_words_and_run_on_click(browser):
    tabs = {t["name"]: t["text"] for t in browser["sparql"]["tabs"]}
    assert tabs["chain"] == "The citation chain from a district notice" and tabs["heritage_by_category"] == "Heritage items by category"
    tab = browser["sparql"]["tab"]
    assert tab["pressed"] == "heritage_by_category" and tab["rows"] == 32 and "HeritageItem" in tab["editor"]
    assert tab["address"].startswith("?query=") and tab["label"]


@needs_browser
def test_no_console_errors_and_nothing_from_elsewhere(browser):
    assert browser["errors"] == [] and browser["outside"] == []


@needs_browser
def test_axe_finds_no_violation_with_results_drawn(browser):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    assert browser["search"]["filter"]["axe"] == []
    assert browser["sparql"]["shared"]["axe"] == []
