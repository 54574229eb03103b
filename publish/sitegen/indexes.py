"""Index pages: home, documents by issuer and date, regulations by level, heritage by category,
awards, glossary by pinyin, control units, search, the validation report and the ontology."""
from __future__ import annotations

from gazette import datafiles
from collections import defaultdict
from html import escape

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from gazette.tiers import TIER_KEYS, TIER_LABELS
from mappings.terms import ELI, GB, ORG



LEVEL_NAMES = {**TIER_LABELS, None: ("未知层级", "level unknown")}


def _lbl(zh: str, en: str | None = None) -> dict:
    return {"zh": zh, "en": en or zh, "zh_lang": None, "en_lang": None}


def _link(site, here: str, node) -> dict:
    return site.value_of(node, here)


def _render(site, here: str, template: str, **kw) -> None:
    html = site.env.get_template(template).render(root=site.href(here, ""), alternates=[], jsonld=None,
                                                 noindex=False, searchable=True, **kw)
    site.write(here, "index.html", html)


def render_indexes(site, validation_text: str, ontology: Graph) -> int:
    g = site.g
    pages = 0

    # documents by issuer and date
    here = "documents"
    by_issuer = defaultdict(list)
    for d in g.subjects(ELI.is_member_of, None):
        for body in g.objects(d, ELI.passed_by):
            date = g.value(d, ELI.date_document) or g.value(d, ELI.date_publication)
            by_issuer[body].append((str(date or ""), str(d), d))
    sections = []
    for body in sorted(by_issuer, key=lambda b: site.labels.of(b)["zh"]):
        rows = [[str(date) or "—", _link(site, here, d)] for date, _, d in sorted(by_issuer[body])]
        sections.append({"label": site.labels.of(body), "rows": rows})
    _render(site, here, "list.html", title="公文", heading=_lbl("公文（按发文机关和日期）", "Documents by issuer and date"),
            intro=None, sections=sections)
    pages += 1

    # regulations by level: everything cited
    here = "regulations"
    cited = {o for p in (ELI.cites, ELI.based_on, ELI.applies, ELI.repeals, ELI.amends, GB.forwards)
             for o in g.objects(None, p)}
    by_level = defaultdict(list)
    for r in cited:
        body = g.value(r, ELI.passed_by)
        level = g.value(body, GB.level) if body is not None else g.value(r, GB.level)
        citing = len({s for p in (ELI.cites, ELI.based_on, ELI.applies, ELI.repeals, ELI.amends, GB.forwards)
                      for s in g.subjects(p, r)})
        by_level[str(level) if level else None].append((site.labels.of(r)["zh"], r, citing))
    sections = []
    for level in (*TIER_KEYS, None):
        if by_level.get(level):
            rows = [[_link(site, here, r), f"{n}"] for _, r, n in sorted(by_level[level], key=lambda x: (x[0], str(x[1])))]
            sections.append({"label": _lbl(*LEVEL_NAMES[level]), "rows": rows})
    _render(site, here, "list.html", title="被引文件", heading=_lbl("被引文件（按层级）", "Cited regulations by level"),
            intro=_lbl("右栏为引用它的文件数。", "The right column counts the documents that cite it."), sections=sections)
    pages += 1

    # heritage by category with applicants
    here = "heritage"
    by_cat = defaultdict(list)
    for item in g.subjects(RDF.type, GB.HeritageItem):
        cat = g.value(item, GB.heritageCategory)
        applicants = sorted(str(a) for ins in g.subjects(GB.inscribes, item) for a in g.objects(ins, GB.applicant))
        by_cat[cat].append((str(g.value(item, SKOS.notation)), item, "、".join(applicants)))
    sections = []
    for cat in sorted(by_cat, key=lambda c: str(c)):
        rows = [[code, _link(site, here, item), apps] for code, item, apps in sorted(by_cat[cat], key=lambda x: (len(x[0]), x[0]))]
        sections.append({"label": site.labels.of(cat), "rows": rows})
    _render(site, here, "list.html", title="非物质文化遗产", heading=_lbl("非物质文化遗产项目（按类别）", "Heritage items by category"),
            intro=_lbl("全部项目的 CSV：exports/heritage-items.csv（可作为与本单位记录对应的起点）。",
                       "All items as CSV: exports/heritage-items.csv (a start for linking your own records)."),
            sections=sections)
    pages += 1

    # awards (pupils' names are shown on their noindex pages only)
    here = "awards"
    sections = []
    for award in sorted(g.subjects(RDF.type, GB.Award), key=str):
        entries = sorted(g.subjects(GB.awardOf, award), key=lambda e: int(g.value(e, GB.sequence)))
        rows = [[str(g.value(e, GB.sequence)), _link(site, here, e), str(g.value(e, GB.school) or "")] for e in entries]
        sections.append({"label": site.labels.of(award), "rows": rows})
    _render(site, here, "list.html", title="表彰", heading=_lbl("表彰名单", "Awards"), intro=None, sections=sections)
    pages += 1

    # glossary by pinyin
    here = "glossary"
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
    _render(site, here, "list.html", title="名词解释", heading=_lbl("名词解释（按拼音）", "Glossary by pinyin"),
            intro=None, sections=sections)
    pages += 1

    # control units
    here = "control-units"
    rows = [[str(g.value(u, SKOS.notation)), _link(site, here, u), str(g.value(u, GB.unitCategory)),
             "、".join(sorted(str(z) for z in g.objects(u, GB.elementZone)))]
            for u in sorted(g.subjects(RDF.type, GB.ControlUnit), key=lambda u: str(g.value(u, SKOS.notation)))]
    _render(site, here, "list.html", title="环境管控单元", heading=_lbl("环境管控单元", "Environmental control units"),
            intro=None, sections=[{"label": _lbl("全部", "all"), "rows": rows}])
    pages += 1

    # SPARQL in the browser, with the example queries as tabs
    here = "sparql"
    queries = sorted(datafiles.QUERIES.glob("*.rq"))
    tabs = "".join(f'<button type="button" data-query="{escape(q.read_text(encoding="utf-8"))}">{escape(q.stem)}</button> '
                   for q in queries)
    first = escape(queries[0].read_text(encoding="utf-8")) if queries else ""
    content = (f'<p id="sparql-status">…</p><p>{tabs}</p>'
               f'<textarea id="sparql-query" rows="14" style="width:100%;font-family:monospace">{first}</textarea>'
               '<p><button type="button" id="sparql-run">Run / 运行</button></p><div id="sparql-results"></div>'
               '<script type="module" src="../static/sparql.js"></script>')
    _render_page(site, here, "SPARQL", _lbl("SPARQL 查询（在浏览器中运行）", "SPARQL, run in your browser"), content)
    pages += 1

    # validation report
    here = "report"
    _render_page(site, here, "校验报告", _lbl("校验报告", "Validation report"), f"<pre>{escape(validation_text)}</pre>")
    pages += 1

    # ontology documentation
    here = "ontology"
    rows = []
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for t in sorted(ontology.subjects(RDF.type, kind), key=str):
            zh = next((str(o) for o in ontology.objects(t, RDFS.label) if o.language == "zh-Hans"), "")
            en = next((str(o) for o in ontology.objects(t, RDFS.label) if o.language == "en"), "")
            dzh = next((str(o) for o in ontology.objects(t, SKOS.definition) if o.language == "zh-Hans"), "")
            den = next((str(o) for o in ontology.objects(t, SKOS.definition) if o.language == "en"), "")
            local = str(t).rsplit("#", 1)[-1]
            rows.append(f'<tr id="{escape(local)}"><td><code>gb:{escape(local)}</code><br>{escape(kind.rsplit("#", 1)[-1])}</td>'
                        f'<td><span class="ui-zh">{escape(zh)}</span><span class="ui-en">{escape(en)}</span></td>'
                        f'<td><span class="ui-zh">{escape(dzh)}</span><span class="ui-en">{escape(den)}</span></td></tr>')
    content = ('<p><a href="../ontology.ttl">gongbao.ttl</a></p><table class="props">' + "".join(rows) + "</table>")
    _render_page(site, here, "本体", _lbl("公报本体", "The Gongbao ontology"), content)
    site.write("", "ontology.ttl", (site.out / "ontology" / "gongbao.ttl").read_text(encoding="utf-8"))
    pages += 1

    # home
    issues = [{"href": site.href("", site.path_of(i)), "label": site.labels.of(i)["zh"]}
              for i in sorted(g.subjects(RDF.type, GB.GazetteIssue), key=str)]
    counts = [
        {"zh": "公文", "en": "documents", "href": "documents/", "n": len(set(g.subjects(ELI.is_member_of, None)))},
        {"zh": "被引文件", "en": "cited regulations", "href": "regulations/", "n": len(cited)},
        {"zh": "非遗项目", "en": "heritage items", "href": "heritage/", "n": len(set(g.subjects(RDF.type, GB.HeritageItem)))},
        {"zh": "获奖条目", "en": "award entries", "href": "awards/", "n": len(set(g.subjects(RDF.type, GB.AwardEntry)))},
        {"zh": "名词", "en": "glossary terms", "href": "glossary/", "n": len(set(g.subjects(SKOS.definition, None)))},
        {"zh": "管控单元", "en": "control units", "href": "control-units/", "n": len(set(g.subjects(RDF.type, GB.ControlUnit)))},
        {"zh": "发文机关", "en": "bodies", "href": "documents/", "n": len(set(g.subjects(RDF.type, ORG.Organization)))},
    ]
    dumps = [{"href": f"dumps/{n}", "name": n, "media": m} for n, m in (
        ("all.ttl", "text/turtle"), ("all.nt", "application/n-triples"), ("all.nq", "application/n-quads"),
        ("all.trig", "application/trig"), ("all.jsonld", "application/ld+json"), ("void.ttl", "text/turtle"))]
    html = site.env.get_template("home.html").render(root="", alternates=[], jsonld=None, noindex=False, searchable=True,
                                                     title="公报 Gongbao", issues=issues, counts=counts, dumps=dumps,
                                                     triples=site.triples if site.triples is not None else len(g))
    site.write("", "index.html", html)
    return pages + 1


def render_search_page(site, bundles: list[str]) -> int:
    """The search page; the index comes in bundles (pagefind/, then pagefind-bundles/2/ …), merged on search."""
    merge = ",".join(f'{{bundlePath:new URL("../{b}/",location.href).pathname}}' for b in bundles)
    content = ('<link rel="stylesheet" href="../pagefind/pagefind-ui.css"><div id="search"></div>'
               '<script src="../pagefind/pagefind-ui.js"></script>'
               '<script>window.addEventListener("DOMContentLoaded",function(){'
               f'if(window.PagefindUI){{new PagefindUI({{element:"#search",showSubResults:true,mergeIndex:[{merge}]}});}}'
               'else{document.getElementById("search").textContent="搜索索引尚未生成 / the search index was not built";}});</script>')
    html = site.env.get_template("page.html").render(root="../", alternates=[], jsonld=None, noindex=False, searchable=False,
                                                     title="搜索", heading=_lbl("搜索", "Search"), content=content)
    site.write("search", "index.html", html)
    return 1


def _render_page(site, here, title, heading, content):
    html = site.env.get_template("page.html").render(root=site.href(here, ""), alternates=[], jsonld=None, noindex=False,
                                                     searchable=True, title=title, heading=heading, content=content)
    site.write(here, "index.html", html)
