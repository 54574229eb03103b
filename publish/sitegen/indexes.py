"""Index pages, declared once in INDEX_PAGES: each names its folder, its nav entry, its card on the
home page (with what it counts) and the function that gives its template and values. The nav
(site/templates/base.html) and the home cards are made from this one list, and no page writes HTML
from Python strings: the templates do (list.html, sparql.html, report.html, ontology.html, search.html).
Every build, and every rebuild in place, renders them all: they are few, and each reads the whole graph."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from rdflib.namespace import OWL, RDF, RDFS, SKOS

from gazette import datafiles
from gazette.tiers import TIER_KEYS, TIER_LABELS
from mappings.terms import ELI, GB, ORG, RELATIONS
from publish.sitegen.jsonld import inline_json

CITING = tuple(RELATIONS.values())
LEVEL_NAMES = {**TIER_LABELS, None: ("未知层级", "level unknown")}


@dataclass(frozen=True)
class IndexPage:
    path: str                              # its folder in the site
    nav: tuple[str, str] | None            # its entry in the nav (zh, en), or None
    page: Callable | None                  # (site, here, context) -> (template, values); None: a card only
    card: tuple[str, str] | None = None    # its card on the home page (zh, en)
    count: Callable | None = None          # (graph, context) -> the number its card shows
    footer: bool = False                   # linked from the footer rather than the nav


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
        body = g.value(r, ELI.passed_by)
        level = g.value(body, GB.level) if body is not None else g.value(r, GB.level)
        citing = len({s for p in CITING for s in g.subjects(p, r)})
        by_level[str(level) if level else None].append((site.labels.of(r)["zh"], r, citing))
    sections = []
    for level in (*TIER_KEYS, None):
        if by_level.get(level):
            rows = [[_link(site, here, r), f"{n}"] for _, r, n in sorted(by_level[level], key=lambda x: (x[0], str(x[1])))]
            sections.append({"label": _lbl(*LEVEL_NAMES[level]), "rows": rows})
    return "list.html", dict(title="被引文件", heading=_lbl("被引文件（按层级）", "Cited regulations by level"),
                             intro=_lbl("右栏为引用它的文件数。", "The right column counts the documents that cite it."),
                             sections=sections)


def _heritage(site, here, ctx):
    g = site.g
    by_cat = defaultdict(list)
    for item in g.subjects(RDF.type, GB.HeritageItem):
        cat = g.value(item, GB.heritageCategory)
        applicants = sorted(str(a) for ins in g.subjects(GB.inscribes, item) for a in g.objects(ins, GB.applicant))
        by_cat[cat].append((str(g.value(item, SKOS.notation)), item, "、".join(applicants)))
    sections = []
    for cat in sorted(by_cat, key=lambda c: str(c)):
        rows = [[code, _link(site, here, item), apps] for code, item, apps in sorted(by_cat[cat], key=lambda x: (len(x[0]), x[0]))]
        sections.append({"label": site.labels.of(cat), "rows": rows})
    return "list.html", dict(title="非物质文化遗产", heading=_lbl("非物质文化遗产项目（按类别）", "Heritage items by category"),
                             intro=_lbl("全部项目的 CSV：exports/heritage-items.csv（可作为与本单位记录对应的起点）。",
                                        "All items as CSV: exports/heritage-items.csv (a start for linking your own records)."),
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


def _glossary(site, here, ctx):
    g = site.g
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pinyin order is a nicety; the glossary still lists every term
        def lazy_pinyin(text):
            return [text]
    terms = [(" ".join(lazy_pinyin(str(g.value(t, SKOS.prefLabel)))), t) for t in g.subjects(SKOS.definition, None)]
    by_letter = defaultdict(list)
    for py, t in terms:
        by_letter[(py[:1] or "#").upper()].append((py, t))
    sections = [{"label": _lbl(letter), "rows": [[_link(site, here, t), py] for py, t in sorted(by_letter[letter], key=lambda x: (x[0], str(x[1])))]}
                for letter in sorted(by_letter)]
    return "list.html", dict(title="名词解释", heading=_lbl("名词解释（按拼音）", "Glossary by pinyin"), intro=None,
                             sections=sections)


def _control_units(site, here, ctx):
    g = site.g
    rows = [[str(g.value(u, SKOS.notation)), _link(site, here, u), str(g.value(u, GB.unitCategory)),
             "、".join(sorted(str(z) for z in g.objects(u, GB.elementZone)))]
            for u in sorted(g.subjects(RDF.type, GB.ControlUnit), key=lambda u: str(g.value(u, SKOS.notation)))]
    return "list.html", dict(title="环境管控单元", heading=_lbl("环境管控单元", "Environmental control units"),
                             intro=None, sections=[{"label": _lbl("全部", "all"), "rows": rows}])


def _sparql(site, here, ctx):
    # SPARQL in the browser, with the example queries as tabs
    queries = [{"name": q.stem, "text": q.read_text(encoding="utf-8")} for q in sorted(datafiles.QUERIES.glob("*.rq"))]
    return "sparql.html", dict(title="SPARQL", heading=_lbl("SPARQL 查询（在浏览器中运行）", "SPARQL, run in your browser"),
                               queries=queries)


def _report(site, here, ctx):
    return "report.html", dict(title="校验报告", heading=_lbl("校验报告", "Validation report"), text=ctx["validation"])


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
    return "ontology.html", dict(title="本体", heading=_lbl("公报本体", "The Gongbao ontology"), rows=rows)


def _count(kind):
    return lambda g, ctx: len(set(g.subjects(RDF.type, kind)))


INDEX_PAGES: tuple[IndexPage, ...] = (
    IndexPage("documents", ("公文", "Documents"), _documents, ("公文", "documents"),
              lambda g, ctx: len(set(g.subjects(ELI.is_member_of, None)))),
    IndexPage("regulations", ("被引文件", "Cited regulations"), _regulations, ("被引文件", "cited regulations"),
              lambda g, ctx: len(ctx["cited"])),
    IndexPage("heritage", ("非遗名录", "Heritage"), _heritage, ("非遗项目", "heritage items"), _count(GB.HeritageItem)),
    IndexPage("awards", ("表彰", "Awards"), _awards, ("获奖条目", "award entries"), _count(GB.AwardEntry)),
    IndexPage("glossary", ("名词解释", "Glossary"), _glossary, ("名词", "glossary terms"),
              lambda g, ctx: len(set(g.subjects(SKOS.definition, None)))),
    IndexPage("control-units", ("管控单元", "Control units"), _control_units, ("管控单元", "control units"),
              _count(GB.ControlUnit)),
    # the bodies have no index of their own: their card leads to the documents by issuer
    IndexPage("documents", None, None, ("发文机关", "bodies"), _count(ORG.Organization)),
    IndexPage("sparql", ("SPARQL", "SPARQL"), _sparql),
    IndexPage("search", ("搜索", "Search"), None),          # rendered with the search bundles (render_search_page)
    IndexPage("report", ("校验报告", "Validation report"), _report, footer=True),
    IndexPage("ontology", ("本体", "Ontology"), _ontology, footer=True),
)
# the nav and the footer, for base.html
NAV = [{"path": p.path, "zh": p.nav[0], "en": p.nav[1]} for p in INDEX_PAGES if p.nav and not p.footer]
FOOTER = [{"path": p.path, "zh": p.nav[0], "en": p.nav[1]} for p in INDEX_PAGES if p.nav and p.footer]


def _render(site, here: str, template: str, **kw) -> None:
    html = site.env.get_template(template).render(root=site.href(here, ""), alternates=[], jsonld=None,
                                                 noindex=False, searchable=True, **kw)
    site.write(here, "index.html", html)


def render_indexes(site, validation_text: str, ontology) -> int:
    g = site.g
    ctx = {"cited": _cited(g), "validation": validation_text, "ontology": ontology}
    pages = 0
    for page in INDEX_PAGES:
        if page.page is None:
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
    html = site.env.get_template("home.html").render(root="", alternates=[], jsonld=inline_json(markup), noindex=False, searchable=True,
                                                     title="公报 Gongbao", issues=issues, counts=counts, dumps=dumps,
                                                     triples=site.triples if site.triples is not None else len(g))
    site.write("", "index.html", html)
    return pages + 1


def render_search_page(site, bundles: list[str]) -> int:
    """The search page; the index comes in bundles (pagefind/, then pagefind-bundles/2/ …), merged on search."""
    html = site.env.get_template("search.html").render(root="../", alternates=[], jsonld=None, noindex=False,
                                                       searchable=False, title="搜索", heading=_lbl("搜索", "Search"),
                                                       bundles=bundles)
    site.write("search", "index.html", html)
    return 1
