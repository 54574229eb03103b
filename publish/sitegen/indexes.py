"""Index pages, declared once in INDEX_PAGES: each names its folder, its nav entry, its card on the
home page (with what it counts) and the function that gives its template and values. The nav
(site/templates/base.html) and the home cards are made from this one list, and no page writes HTML
from Python strings: the templates do (list.html, sparql.html, report.html, ontology.html, search.html).
Every build, and every rebuild in place, renders them all: they are few, and each reads the whole graph."""
from __future__ import annotations

from pathlib import Path

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from gazette.tiers import TIER_KEYS, TIER_LABELS
from mappings.terms import ELI, GB, ORG, RELATIONS
from publish.outputs.timeline import level as document_level, most_followed
from publish.sitegen.facts import day, term_anchor
from publish.sitegen.jsonld import inline_json

CITING = tuple(RELATIONS.values())
EXPORT_TYPES = {".csv": "text/csv", ".graphml": "application/graphml+xml", ".json": "application/json"}
LEVEL_NAMES = {**TIER_LABELS, None: ("未知层级", "level unknown")}


@dataclass(frozen=True)
class IndexPage:
    path: str                              # its folder in the site
    nav: tuple[str, str] | None            # its entry in the nav (zh, en), or None
    page: Callable | None                  # (site, here, context) -> (template, values); None: a card only
    card: tuple[str, str] | None = None    # its card on the home page (zh, en)
    count: Callable | None = None          # (graph, context) -> the number its card shows
    footer: bool = False                   # linked from the footer rather than the nav
    # what it reads, as predicate and class IRIs: a rebuild in place makes it again only when a changed
    # triple has one of them (as its predicate, or as its class); None: every rebuild
    reads: frozenset | None = None


def _lbl(zh: str, en: str | None = None) -> dict:
    return {"zh": zh, "en": en or zh, "zh_lang": None, "en_lang": None}


def _link(site, here: str, node) -> dict:
    return site.value_of(node, here)


def _cited(g) -> set:
    return {o for p in CITING for o in g.objects(None, p)}


def _documents(site, here, ctx):
    g = site.g
    by_issuer = defaultdict(list)
    for d in g.subjects(ELI.is_member_of, None):
        for body in g.objects(d, ELI.passed_by):
            date = g.value(d, ELI.date_document) or g.value(d, ELI.date_publication)
            by_issuer[body].append((str(date or ""), str(d), d))
    sections = []
    for body in sorted(by_issuer, key=lambda b: site.labels.of(b)["zh"]):
        rows = [[str(date) or "—", _link(site, here, d)] for date, _, d in sorted(by_issuer[body])]
        sections.append({"label": site.labels.of(body), "rows": rows})
    return "list.html", dict(title="公文", heading=_lbl("公文（按发文机关和日期）", "Documents by issuer and date"),
                             intro=None, sections=sections)


def _regulations(site, here, ctx):
    g = site.g
    by_level = defaultdict(list)
    for r in ctx["cited"]:
        citing = len({s for p in CITING for s in g.subjects(p, r)})
        by_level[document_level(g, r)].append((site.labels.of(r)["zh"], r, citing))
    sections = []
    for level in (*TIER_KEYS, None):
        if by_level.get(level):
            rows = [[_link(site, here, r), f"{n}"] for _, r, n in sorted(by_level[level], key=lambda x: (x[0], str(x[1])))]
            sections.append({"label": _lbl(*LEVEL_NAMES[level]), "rows": rows})
    return "list.html", dict(title="被引文件", heading=_lbl("被引文件（按层级）", "Cited regulations by level"),
                             intro=_lbl("右栏为引用它的文件数。", "The right column counts the documents that cite it."),
                             sections=sections)


ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"


def _numeral(text: str) -> int:
    """Ⅷ -> 8 (the categories' order); anything else after them."""
    return ROMAN.index(text) + 1 if text and text in ROMAN else len(ROMAN) + 1


def _code_number(code: str) -> int:
    digits = "".join(c for c in code.split("—")[-1].split("-")[-1] if c.isdigit())
    return int(digits) if digits else 0


def _heritage(site, here, ctx):
    g = site.g
    by_cat = defaultdict(list)
    for item in g.subjects(RDF.type, GB.HeritageItem):
        cat = g.value(item, GB.heritageCategory)
        applicants = sorted(str(a) for ins in g.subjects(GB.inscribes, item) for a in g.objects(ins, GB.applicant))
        by_cat[cat].append((str(g.value(item, SKOS.notation)), item, "、".join(applicants)))
    sections = []
    for cat in sorted(by_cat, key=lambda c: (_numeral(str(g.value(c, SKOS.notation) or "")), str(c))):
        rows = [[code, _link(site, here, item), apps]
                for code, item, apps in sorted(by_cat[cat], key=lambda x: (_code_number(x[0]), x[0], str(x[1])))]
        numeral = str(g.value(cat, SKOS.notation) or "") if cat is not None else ""
        label = site.labels.of(cat) if cat is not None else _lbl("未分类", "no category")
        sections.append({"label": dict(label, zh=f"{numeral} {label['zh']}".strip(), en=f"{numeral} {label['en']}".strip()),
                         "rows": rows, "columns": [("编号", "Code"), ("项目名称", "Item"), ("申报地区或单位", "Applicant")]})
    return "list.html", dict(title="非物质文化遗产", heading=_lbl("非物质文化遗产项目（按类别）", "Heritage items by category"),
                             intro=_lbl("全部项目也可下载为 CSV，可作为与本单位记录对应的起点：",
                                        "All items as CSV, a start for linking your own records:"),
                             links=[{"href": "../exports/heritage-items.csv", "name": "heritage-items.csv"}],
                             sections=sections)


def _awards(site, here, ctx):
    # persons' names are shown on their noindex pages only
    g = site.g
    sections = []
    for award in sorted(g.subjects(RDF.type, GB.Award), key=str):
        entries = sorted(g.subjects(GB.awardOf, award), key=lambda e: int(g.value(e, GB.sequence)))
        rows = [[str(g.value(e, GB.sequence)), _link(site, here, e), str(g.value(e, GB.school) or "")] for e in entries]
        sections.append({"label": site.labels.of(award), "rows": rows})
    return "list.html", dict(title="表彰", heading=_lbl("表彰名单", "Awards"), intro=None, sections=sections)


def _filing(term: str) -> str:
    """The part of a term it is filed by: from its first Chinese character (“一带一路” under Y, not “)."""
    for i, c in enumerate(term):
        if "\u4e00" <= c <= "\u9fff":
            return term[i:]
    return term.lstrip("“”\"'‘’《》（）()[]【】 ")


def _glossary(site, here, ctx):
    from pypinyin import Style, lazy_pinyin
    g = site.g
    by_letter = defaultdict(list)
    for t in g.subjects(SKOS.definition, None):
        core = _filing(str(g.value(t, SKOS.prefLabel) or ""))
        # syllable by syllable with its tone number: fan1 before fang2, fang2 before fang4
        key = (lazy_pinyin(core, style=Style.TONE3, neutral_tone_with_five=True), core, str(t))
        marks = " ".join(lazy_pinyin(core, style=Style.TONE))
        letter = (lazy_pinyin(core[:1], style=Style.FIRST_LETTER) or ["#"])[0][:1].upper()
        by_letter[letter if letter.isalpha() and letter.isascii() else "#"].append((key, marks, t))
    sections = [{"label": _lbl(letter), "columns": [("名词", "Term"), ("拼音", "Pinyin")],
                 "rows": [[_link(site, here, t), marks] for _, marks, t in sorted(by_letter[letter], key=lambda x: x[0])]}
                for letter in sorted(by_letter)]
    return "list.html", dict(title="名词解释", heading=_lbl("名词解释（按拼音）", "Glossary by pinyin"), intro=None,
                             sections=sections)


def _bodies(site, here, ctx):
    """Every body, under the body it reports to, with its level and the documents it issued."""
    g = site.g
    bodies = set(g.subjects(RDF.type, ORG.Organization))
    children = defaultdict(list)
    roots = []
    for b in bodies:
        parent = g.value(b, ORG.subOrganizationOf)
        (children[parent] if parent in bodies else roots).append(b)
    rank = {k: i for i, k in enumerate(TIER_KEYS)}

    def order(b):
        level = g.value(b, GB.level)
        return (rank.get(str(level), len(rank)), site.labels.of(b)["zh"], str(b))

    def node(b, depth=0):
        level = g.value(b, GB.level)
        return {"link": _link(site, here, b), "level": _lbl(*LEVEL_NAMES[str(level) if level else None]),
                "documents": len(set(g.subjects(ELI.passed_by, b))),
                "children": [node(c, depth + 1) for c in sorted(children[b], key=order)] if depth < 8 else []}

    return "tree.html", dict(title="机关", heading=_lbl("发文机关（按隶属关系）", "Bodies, by whom they report to"),
                             intro=_lbl("括号内为本站所收该机关发布的文件数。",
                                        "In brackets, the documents of the body in this collection."),
                             tree=[node(b) for b in sorted(roots, key=order)])


def _control_units(site, here, ctx):
    g = site.g
    rows = [[str(g.value(u, SKOS.notation)), _link(site, here, u), str(g.value(u, GB.unitCategory)),
             "、".join(sorted(str(z) for z in g.objects(u, GB.elementZone)))]
            for u in sorted(g.subjects(RDF.type, GB.ControlUnit), key=lambda u: str(g.value(u, SKOS.notation)))]
    return "list.html", dict(title="环境管控单元", heading=_lbl("环境管控单元", "Environmental control units"),
                             intro=None, sections=[{"label": _lbl("全部", "all"), "rows": rows}])


def _followed(g, ctx) -> list:
    """The most-followed policies, worked out once per build (the page and its card on the home page)."""
    if "followed" not in ctx:
        ctx["followed"] = most_followed(g)
    return ctx["followed"]


def _day(iso: str | None):
    d = day(iso)
    return dict(d, key=iso) if d else "—"


def _policies(site, here, ctx):
    """The policies lower levels followed most, across the corpus (publish/outputs/timeline.py)."""
    rows = []
    for f in _followed(site.g, ctx):
        zh, en = LEVEL_NAMES.get(f.level, LEVEL_NAMES[None])
        rows.append([site.value_of(URIRef(f.policy), here), {"zh": zh, "en": en, "key": zh}, str(f.followers),
                     *(_day(d) for d in (f.first, f.last))])
    return "list.html", dict(title="政策扩散", heading=_lbl("被贯彻最多的政策", "Most-followed policies"),
                             intro=_lbl("下级文件贯彻落实、依据或转发它的次数，及最早与最晚的日期。各文件页列出逐件明细和间隔天数；"
                                        "全部明细见 exports/diffusion.csv。",
                                        "How many lower-level documents apply it, are based on it or forward it, and the first "
                                        "and last dates. Each document's page lists them with the lag; all of them are in "
                                        "exports/diffusion.csv."),
                             links=[{"href": "../exports/diffusion.csv", "name": "diffusion.csv"}],
                             sections=[{"label": _lbl("全部", "all"), "rows": rows,
                                        "columns": [("政策", "Policy"), ("层级", "Level"), ("下级文件", "Followers"),
                                                    ("最早", "First"), ("最晚", "Last")]}])


def _sparql(site, here, ctx):
    # SPARQL in the browser: the example queries as tabs, the data cut into segments that the page fetches
    # as a query needs them (publish/sitegen/sparqldata.py)
    from publish.sitegen.sparqldata import page_values
    values = page_values(site, ctx.get("changed"))
    # not in the search index: what it says changes with every build's counts, and it is in every page's nav
    return "sparql.html", dict(searchable=False, title="SPARQL", heading=_lbl("SPARQL 查询（在浏览器中运行）", "SPARQL, run in your browser"),
                               queries=values["queries"], config=inline_json(values["config"]))


def _report(site, here, ctx):
    return "report.html", dict(searchable=False, title="校验报告", heading=_lbl("校验报告", "Validation report"), text=ctx["validation"])


def _ontology(site, here, ctx):
    ontology = ctx["ontology"]
    rows = []
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for t in sorted(ontology.subjects(RDF.type, kind), key=str):
            rows.append({
                "local": str(t).rsplit("#", 1)[-1], "kind": kind.rsplit("#", 1)[-1],
                "zh": next((str(o) for o in ontology.objects(t, RDFS.label) if o.language == "zh-Hans"), ""),
                "en": next((str(o) for o in ontology.objects(t, RDFS.label) if o.language == "en"), ""),
                "dzh": next((str(o) for o in ontology.objects(t, SKOS.definition) if o.language == "zh-Hans"), ""),
                "den": next((str(o) for o in ontology.objects(t, SKOS.definition) if o.language == "en"), ""),
            })
    site.write("", "ontology.ttl", (site.out / "ontology" / "gongbao.ttl").read_text(encoding="utf-8"))
    # the standard terms the pages show, each with the label the site gives it and its own IRI
    ours = {r["local"] for r in rows}
    reused = sorted({(term_anchor(iri), iri) for iri in site.labels.terms
                     if term_anchor(iri) not in ours and not iri.startswith(str(GB))})
    reused_rows = [{"anchor": a, "iri": iri, "zh": site.labels.terms[iri].get("zh-hans", ""),
                    "en": site.labels.terms[iri].get("en", "")} for a, iri in reused]
    return "ontology.html", dict(title="本体", heading=_lbl("公报本体", "The Gongbao ontology"), rows=rows,
                                 reused=reused_rows)


def _count(kind):
    return lambda g, ctx: len(set(g.subjects(RDF.type, kind)))


# what every list of links reads: the labels of what it links to (publish/sitegen/render.py Labels)
LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, ELI.title, ELI.id_local, ELI.is_realized_by)


def _reads(*terms) -> frozenset:
    return frozenset(str(t) for t in (*terms, *LABELS))


INDEX_PAGES: tuple[IndexPage, ...] = (
    IndexPage("documents", ("公文", "Documents"), _documents, ("公文", "documents"),
              lambda g, ctx: len(set(g.subjects(ELI.is_member_of, None))),
              reads=_reads(ELI.is_member_of, ELI.passed_by, ELI.date_document, ELI.date_publication)),
    IndexPage("regulations", ("被引文件", "Cited regulations"), _regulations, ("被引文件", "cited regulations"),
              lambda g, ctx: len(ctx["cited"]), reads=_reads(*CITING, ELI.passed_by, GB.level)),
    IndexPage("heritage", ("非遗名录", "Heritage"), _heritage, ("非遗项目", "heritage items"), _count(GB.HeritageItem),
              reads=_reads(GB.HeritageItem, GB.heritageCategory, GB.inscribes, GB.applicant, SKOS.notation)),
    IndexPage("awards", ("表彰", "Awards"), _awards, ("获奖条目", "award entries"), _count(GB.AwardEntry),
              reads=_reads(GB.Award, GB.AwardEntry, GB.awardOf, GB.sequence, GB.school, GB.rank)),
    IndexPage("glossary", ("名词解释", "Glossary"), _glossary, ("名词", "glossary terms"),
              lambda g, ctx: len(set(g.subjects(SKOS.definition, None))), reads=_reads(SKOS.definition)),
    IndexPage("policies", ("政策扩散", "Policies followed"), _policies, ("被贯彻的政策", "policies followed"),
              lambda g, ctx: len(_followed(g, ctx)),
              reads=_reads(*CITING, ELI.passed_by, GB.level, ELI.date_document, ELI.date_publication, GB.numberYear)),
    IndexPage("bodies", ("机关", "Bodies"), _bodies, ("发文机关", "bodies"), _count(ORG.Organization),
              reads=_reads(ORG.Organization, ORG.subOrganizationOf, GB.level, ELI.passed_by)),
    IndexPage("control-units", ("管控单元", "Control units"), _control_units, ("管控单元", "control units"),
              _count(GB.ControlUnit),
              reads=_reads(GB.ControlUnit, SKOS.notation, GB.unitCategory, GB.elementZone)),
    IndexPage("sparql", ("SPARQL", "SPARQL"), _sparql),
    IndexPage("search", ("搜索", "Search"), None),          # rendered with the search bundles (render_search_page)
    IndexPage("report", ("校验报告", "Validation report"), _report, footer=True),
    IndexPage("ontology", ("本体", "Ontology"), _ontology, footer=True),
)
# the nav and the footer, for base.html
NAV = [{"path": p.path, "zh": p.nav[0], "en": p.nav[1]} for p in INDEX_PAGES if p.nav and not p.footer]
FOOTER = [{"path": p.path, "zh": p.nav[0], "en": p.nav[1]} for p in INDEX_PAGES if p.nav and p.footer]


def _render(site, here: str, template: str, **kw) -> None:
    kw.setdefault("searchable", True)
    html = site.env.get_template(template).render(root=site.href(here, ""), alternates=[], jsonld=None,
                                                 noindex=False, **kw)
    site.write(here, "index.html", html)


def render_indexes(site, validation_text: str, ontology, changed: set[str] | None = None) -> int:
    """The index pages and the home page. `changed`, on a rebuild in place, holds the predicates and
    classes of the triples that changed: a page that reads none of them is left as it was."""
    g = site.g
    ctx = {"cited": _cited(g), "validation": validation_text, "ontology": ontology, "changed": changed}
    pages = 0
    for page in INDEX_PAGES:
        if page.page is None or changed is not None and page.reads is not None and not page.reads & changed:
            continue
        template, values = page.page(site, page.path, ctx)
        _render(site, page.path, template, **values)
        pages += 1
    issues = [{"href": site.href("", site.path_of(i)), "label": site.labels.of(i)["zh"]}
              for i in sorted(g.subjects(RDF.type, GB.GazetteIssue), key=str)]
    counts = [{"zh": p.card[0], "en": p.card[1], "href": f"{p.path}/", "n": p.count(g, ctx)}
              for p in INDEX_PAGES if p.card]
    dumps = [{"href": f"dumps/{n}", "name": n, "media": m} for n, m in (
        ("all.ttl", "text/turtle"), ("all.nt", "application/n-triples"), ("all.nq", "application/n-quads"),
        ("all.trig", "application/trig"), ("all.jsonld", "application/ld+json"), ("void.ttl", "text/turtle"))]
    markup = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": site.base, "url": site.base, "name": "公报 Gongbao", "inLanguage": "zh-Hans"},
        {"@type": "Dataset", "@id": site.base + "dataset", "name": "公报 Gongbao",
         "description": "Chinese government gazettes (政府公报) as linked data: documents, issuing bodies, typed "
                        "citations, heritage lists, awards, glossaries and tables.",
         "distribution": [{"@type": "DataDownload", "contentUrl": site.base + d["href"], "encodingFormat": d["media"]}
                          for d in dumps]}]}
    # the declared exports, not the folder: a rebuild in place writes again only those that changed
    from publish.outputs.exports import FILES
    exports = [{"href": f"exports/{name}", "name": name, "media": EXPORT_TYPES.get(Path(name).suffix, "")}
               for name in sorted(FILES)]
    html = site.env.get_template("home.html").render(exports=exports, root="", alternates=[], jsonld=inline_json(markup), noindex=False,
                                                     # not indexed: its counts change with every build (as the report's)
                                                     searchable=False,
                                                     title="公报 Gongbao", issues=issues, counts=counts, dumps=dumps,
                                                     triples=site.triples if site.triples is not None else len(g))
    site.write("", "index.html", html)
    return pages + 1


def render_search_page(site, bundles: list[str], changed: set[str] | None = None,
                       previous_bundles: list[str] | None = None) -> int:
    """The search page; the index comes in bundles (pagefind/, then pagefind-bundles/2/ …), merged on search.
    Beside it, the files its script reads (publish/sitegen/searchmeta.py search_files): the traditional ->
    simplified table a query is folded by, and the pages named by codes, which rank first. On a rebuild in
    place (`changed` given), left as it is when the bundles are the same and no changed triple concerns it."""
    from publish.outputs.reads import concerns
    from publish.sitegen.searchmeta import READS, search_files
    if changed is not None and bundles == previous_bundles and not concerns(READS, changed):
        return 0
    files, config = search_files(site, bundles)
    for path, text in files.items():
        folder, _, name = path.rpartition("/")
        site.write(f"search/{folder}".rstrip("/"), name, text)
    html = site.env.get_template("search.html").render(root="../", alternates=[], jsonld=None, noindex=False,
                                                       searchable=False, title="搜索", heading=_lbl("搜索", "Search"),
                                                       config=inline_json(config))
    site.write("search", "index.html", html)
    return 1
