"""What the search index knows of a page besides its text, read from the graph.

The search title is the page's <title>, once and in Chinese (the pages carry both languages, the index
takes one: site/templates/search-meta.html). Here, the filters a reader narrows results by: the kind of
page, the genre (文种), the issuing body, the year, the level (tier) and the heritage category. A resource
read from a document (a heritage item, an award, a glossary term, a control unit) takes the body, year and
level of that document, not its genre (通知 lists notices, not what they list). Filter values are the
Chinese labels; `value_labels` gives the search page their English.

`exact_codes` lists the codes a reader may type whole (文号, heritage, category and unit codes) with the
page each names, so the search page can put that page first (folding.code_key makes the keys).

Pure functions of the graph: `label(node)` gives the {"zh", "en"} labels the pages use.
"""
from __future__ import annotations

from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from gazette.tiers import TIER_LABELS
from mappings.terms import ELI, GB, ORG, RELATIONS
from publish.outputs.timeline import level as document_level
from publish.sitegen.folding import code_key

# (Pagefind filter key, zh, en), in the order the search page shows them
FILTERS = (("kind", "类型", "kind"), ("genre", "文种", "genre"), ("body", "发文机关", "issuing body"),
           ("year", "年份", "year"), ("level", "层级", "level"), ("category", "非遗类别", "heritage category"))
KIND_NAMES = {
    "document": ("公文", "document"), "regulation": ("被引文件", "cited regulation"), "issue": ("公报", "gazette issue"),
    "body": ("机关", "body"), "heritage": ("非遗项目", "heritage item"), "category": ("非遗类别", "heritage category"),
    "award": ("表彰", "award"), "term": ("名词", "glossary term"), "unit": ("管控单元", "control unit"),
    "genre": ("文种", "genre"),
}


def kind_of(g, node, types: set) -> str | None:
    if GB.GazetteIssue in types:
        return "issue"
    if ELI.LegalResource in types and GB.Annex not in types:
        return "document" if g.value(node, ELI.is_member_of) is not None else "regulation"
    if ORG.Organization in types:
        return "body"
    if GB.HeritageItem in types:
        return "heritage"
    if GB.ControlUnit in types:
        return "unit"
    if GB.Award in types:
        return "award"
    if ELI.ResourceType in types:
        return "genre"
    if SKOS.Concept in types:
        if g.value(node, SKOS.definition) is not None:
            return "term"
        if g.value(node, SKOS.topConceptOf) is not None:     # the heritage categories are their scheme's top
            return "category"
    return None


def source_document(g, node):
    """The document a resource was read from: its own, its list's or glossary's, its award's notice."""
    for p in (GB.partOfDocument, GB.awardedBy):
        doc = g.value(node, p)
        if doc is not None:
            return doc
    scheme = g.value(node, SKOS.inScheme)
    if scheme is not None:
        doc = g.value(scheme, GB.partOfDocument)
        if doc is not None:
            return doc
    inscription = g.value(None, GB.inscribes, node)
    return g.value(inscription, GB.inscribedBy) if inscription is not None else None


def _year(g, doc) -> str | None:
    for p in (ELI.date_document, ELI.date_publication, GB.numberYear, DCTERMS.date):
        v = g.value(doc, p)
        if v is not None and str(v)[:4].isdigit():
            return str(v)[:4]
    return None


def _levels(g, doc) -> set[str]:
    """The document's one level, as the chain, the indexes and the timeline give it."""
    lv = document_level(g, doc)
    return {lv} if lv else set()


def filters_of(g, node, types: set, label) -> list[tuple[str, str]]:
    """The page's (filter, value) pairs, sorted: every value as the page's Chinese shows it."""
    kind = kind_of(g, node, types)
    out: set[tuple[str, str]] = set()
    if kind is not None:
        out.add(("kind", KIND_NAMES[kind][0]))
    if kind == "body":
        out.add(("body", label(node)["zh"]))
        out |= {("level", TIER_LABELS[str(lv)][0]) for lv in g.objects(node, GB.level) if str(lv) in TIER_LABELS}
    if kind == "category":
        out.add(("category", label(node)["zh"]))
    if kind == "genre":
        out.add(("genre", label(node)["zh"]))
    doc = node if kind in ("document", "regulation", "issue") else (
        source_document(g, node) if kind in ("heritage", "award", "term", "unit") else None)
    if kind in ("document", "regulation", "issue"):
        out |= {("genre", label(t)["zh"]) for t in g.objects(doc, ELI.type_document)}
    if doc is not None:
        out |= {("body", label(b)["zh"]) for b in g.objects(doc, ELI.passed_by)}
        out |= {("level", TIER_LABELS[lv][0]) for lv in _levels(g, doc) if lv in TIER_LABELS}
        year = _year(g, doc)
        if year:
            out.add(("year", year))
    if kind == "heritage":
        out |= {("category", label(c)["zh"]) for c in g.objects(node, GB.heritageCategory)}
    return sorted(out)


def page_search(g, node, types: set, label) -> dict:
    """What a page's <head> tells the indexer besides its title (site/templates/search-meta.html)."""
    return {"filters": filters_of(g, node, types, label)}


def value_labels(g, label) -> dict[str, str]:
    """Each filter value's English, for the search page: kinds, tiers, genres, bodies, heritage categories."""
    out = {zh: en for zh, en in KIND_NAMES.values()}
    out.update({zh: en for zh, en in TIER_LABELS.values()})
    nodes = set(g.subjects(RDF.type, ELI.ResourceType)) | set(g.subjects(RDF.type, ORG.Organization)) | \
        set(g.objects(None, GB.heritageCategory))
    for n in sorted(nodes, key=str):
        lab = label(n)
        if lab["en"] != lab["zh"]:
            out.setdefault(lab["zh"], lab["en"])
    return dict(sorted(out.items()))


CODED = ("document", "regulation", "heritage", "category", "unit")

# what the search page's files read (publish/outputs/reads.py; tests/test_reads.py holds search_files to it):
# a rebuild in place makes them again only when a changed triple concerns them, or the bundles changed
READS = frozenset(map(str, (
    RDF.type, ELI.ResourceType, ORG.Organization, GB.heritageCategory, ELI.id_local, SKOS.notation, SKOS.definition,
    SKOS.topConceptOf, SKOS.inScheme, SKOS.prefLabel, RDFS.label, DCTERMS.title, DCTERMS.date, ELI.title,
    ELI.is_realized_by, ELI.is_member_of, ELI.type_document, ELI.passed_by, ELI.date_document, ELI.date_publication,
    GB.numberYear, GB.level, GB.partOfDocument, GB.awardedBy, GB.inscribes, GB.inscribedBy, ELI.cites,
    *(p for p in RELATIONS.values()))))


def exact_codes(g, pages, label, path_of) -> dict[str, list[dict]]:
    """{code key: [{url, title, filters}]} for every page named by a code a reader may type whole."""
    found: dict[str, list[dict]] = {}
    candidates = {s for s in g.subjects(ELI.id_local, None)} | {s for s in g.subjects(SKOS.notation, None)}
    for node in sorted(candidates & set(pages), key=str):
        types = set(g.objects(node, RDF.type))
        if kind_of(g, node, types) not in CODED:
            continue
        codes = {str(c) for c in g.objects(node, ELI.id_local)} | {str(c) for c in g.objects(node, SKOS.notation)}
        filters: dict[str, list[str]] = {}
        for key, value in filters_of(g, node, types, label):
            filters.setdefault(key, []).append(value)
        entry = {"url": path_of(node) + "/", "title": label(node)["zh"], "filters": filters}
        for key in sorted({code_key(c) for c in codes} - {""}):
            found.setdefault(key, []).append(entry)
    return dict(sorted(found.items()))


CODES_PER_FILE = 128      # pages named by codes, about, in each file of the code list


def search_files(site, bundles: list[str]) -> tuple[dict[str, str], dict]:
    """The search page's files (path beside it -> text) and its settings (inline in the page). The code list
    is cut into files by a hash of the key (folding.code_shard): a typed code fetches one small file."""
    import json
    from math import ceil
    from publish.sitegen.folding import code_shard, t2s_file
    codes = exact_codes(site.g, site.pages, site.labels.of, site.path_of)
    shards = max(1, ceil(sum(len(v) for v in codes.values()) / CODES_PER_FILE))
    parts: list[dict] = [{} for _ in range(shards)]
    for key, entries in codes.items():
        parts[code_shard(key, shards)][key] = entries
    files = {"t2s.json": json.dumps(t2s_file(), ensure_ascii=False, sort_keys=True) + "\n"}
    for n, part in enumerate(parts):
        files[f"codes/{n}.json"] = json.dumps(part, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    config = {"bundles": list(bundles), "codeFiles": shards,
              "filters": [{"key": k, "zh": zh, "en": en} for k, zh, en in FILTERS],
              "values": value_labels(site.g, site.labels.of)}
    return files, config
