"""The static site: a page per resource, index pages, search, all local and relative.

Pages are rendered from the graph (what a resource is and links to) and, for documents, from
the records (the full text with every citation and glossary term linked).
"""
from __future__ import annotations

from gazette import datafiles
from gazette.kinds import KINDS
from gazette.vocabulary import RELATION_KEYS, RELATIONS as RELATION_WORDS
import csv
import html
import json
import re
import os
import shutil
import subprocess
from urllib.parse import quote
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from mappings.terms import ELI, GB, KIND_CLASSES, ORG, RELATIONS

from publish.sitegen.jsonld import inline_json
from publish.sitegen.titles import title_of
from publish.sitegen.fulltext import TableRows, layout
from publish.sitegen.tablerows import TABLES, rows_of, walk
from publish.outputs.timeline import level as document_level
from publish.sitegen import facts, timelineview
from publish.sitegen import searchmeta
from publish.sitegen.chain import LEVELS, REL_ZH, chain, edge_list, svg
from publish.outputs.dumps import page_jsonld, subject_turtle

SITE_SRC = datafiles.SITE
# node tools (the in-browser SPARQL engine, Pagefind) come with a checkout's npm install, never in a wheel
NODE_MODULES = (datafiles.checkout() or Path("/nonexistent")) / "node_modules"
SEARCH_SCRIPT = Path(__file__).resolve().parent / "search_index.mjs"
REL_EN = {r.key: r.en for r in RELATION_WORDS}
CITING_PREDICATES = {str(v): k for k, v in RELATIONS.items()}
# documents, bodies, issues, and the kinds of table declared searchable (gazette/kinds.py)
SEARCHABLE = {ELI.LegalResource, ORG.Organization, GB.GazetteIssue} | \
    {c for k in KINDS if k.searchable for c in KIND_CLASSES[k.key]}


# what the dataset's description speaks of is served from the store and dumps/void.ttl, not as pages:
# the dataset and its catalogue, the named graphs, the dump files (a page there would shadow the file)
NOT_PAGES = ("dataset", "graph/", "dumps/")


def is_page(node, base: str) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(base) and not str(node)[len(base):].startswith(NOT_PAGES)


def _env() -> Environment:
    from publish.sitegen.indexes import FOOTER, NAV
    # auto_reload off: a build's templates do not change under it, and the check stats a file per lookup
    env = Environment(loader=FileSystemLoader(SITE_SRC / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.globals.update(nav=NAV, footer=FOOTER)
    # escaping as the standard library does it (&quot;, &#x27;), for text put into attributes and <pre>
    env.filters["h"] = lambda text: Markup(html.escape(str(text)))
    return env


class Labels:
    """Human labels for resources and terms, falling back zh-Hans -> en -> any, with the fallback marked."""

    def __init__(self, graph: Graph, ontology: Graph):
        self.g = graph
        self._memo: dict = {}
        self.terms: dict[str, dict[str, str]] = defaultdict(dict)
        for s, o in ontology.subject_objects(RDFS.label):
            if o.language:
                self.terms[str(s)][o.language.lower()] = str(o)
        with open(SITE_SRC / "labels.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                self.terms[row["iri"]].update({"zh-hans": row["zh"], "en": row["en"]})

    def _candidates(self, node) -> dict[str, str]:
        found: dict[str, str] = {}
        for prop in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
            for o in self.g.objects(node, prop):
                found.setdefault((o.language or "").lower(), str(o))
        expr = self.g.value(node, ELI.is_realized_by)
        if expr is not None:
            for o in self.g.objects(expr, ELI.title):
                found.setdefault((o.language or "").lower(), str(o))
        if not found and str(node) in self.terms:
            found = dict(self.terms[str(node)])
        return found

    def of(self, node) -> dict:
        hit = self._memo.get(node)
        if hit is None:
            hit = self._memo[node] = self._of(node)
            if len(self._memo) > 200000:
                self._memo.clear()
        return dict(hit)

    def _of(self, node) -> dict:
        titled = title_of(self.g, node)
        if titled is not None:
            return {"zh": titled["zh"], "en": titled["en"], "zh_lang": None, "en_lang": None}
        c = self._candidates(node)
        number = self.g.value(node, ELI.id_local)
        if not c:
            text = str(number) if number else str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            return {"zh": text, "en": text, "zh_lang": None, "en_lang": None}
        zh_lang = "zh-hans" if "zh-hans" in c else ("en" if "en" in c else sorted(c)[0])
        en_lang = "en" if "en" in c else ("zh-hans" if "zh-hans" in c else sorted(c)[0])
        zh, en = c[zh_lang], c[en_lang]
        if number and str(number) not in zh:
            zh, en = f"{number} {zh}", f"{number} {en}"
        return {"zh": zh, "en": en, "zh_lang": zh_lang or None, "en_lang": en_lang or None}


def _merge(outgoing: list[dict], incoming: list[dict]) -> list[dict]:
    """One list of sections: in each, what the resource states, then what states something of it."""
    by_key = {sec["key"]: dict(sec, groups=list(sec["groups"])) for sec in outgoing}
    shown = [{v["key"] for v in g["vals"]} for sec in outgoing for g in sec["groups"]]
    for sec in incoming:
        # a link stated both ways (has_member / is_member_of) is shown once, forward
        sec = dict(sec, groups=[g for g in sec["groups"] if not any({v["key"] for v in g["vals"]} <= keys for keys in shown)])
        if not sec["groups"]:
            continue
        if sec["key"] in by_key:
            by_key[sec["key"]]["groups"] += sec["groups"]
        else:
            by_key[sec["key"]] = dict(sec, groups=list(sec["groups"]))
    return [by_key[k] for k, _, _ in facts.SECTIONS if k in by_key]


def citation_edges(graph) -> tuple[dict, dict]:
    """Who cites whom, both ways, for the chain drawings."""
    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p, rel in CITING_PREDICATES.items():
        for s, o in graph.subject_objects(URIRef(p)):
            if isinstance(o, URIRef):
                edges[str(s)].append((rel, str(o)))
                cited_by[str(o)].append((rel, str(s)))
    # every typed citation is stated as eli:cites too: the drawing shows the typed relation alone
    for d in (edges, cited_by):
        for k, pairs in d.items():
            typed = {o for rel, o in pairs if rel != "cites"}
            d[k] = sorted(set((rel, o) for rel, o in pairs if rel != "cites" or o not in typed))
    return edges, cited_by


def site_href(from_dir: str, target_dir: str) -> str:
    """The relative link from one site folder to another ("" for itself, else ending in "/"), as
    os.path.relpath gives it for the site's clean paths, without its cost (a page makes hundreds)."""
    a = from_dir.split("/") if from_dir else []
    b = target_dir.split("/") if target_dir else []
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    parts = [".."] * (len(a) - n) + b[n:]
    return "/".join(parts) + "/" if parts else ""


class Site:
    """Pages for resources. `graph` is anything with rdflib's read API (the built store, in a build);
    `records` are the issues whose documents get full-text pages; `pages` and `edges`, when given,
    spare each worker the corpus-wide queries."""

    def __init__(self, graph, ontology: Graph, base: str, out: Path, records: list = (), pages=None, edges=None,
                 previous: Path | None = None):
        self.g, self.base, self.out = graph, base.rstrip("/") + "/", out
        # a rebuild in place: the site as it stands; a file that would be written the same is left to it
        self.previous = previous
        self.unchanged: list[str] = []
        self.site = out / "site"
        self.labels = Labels(graph, ontology)
        self.env = _env()
        self.use_records(records)
        if pages is None:
            pages = sorted({s for s in graph.subjects() if is_page(s, self.base)})
        self.pages = pages
        self.page_set = set(pages)
        self.edges, self.cited_by = edges if edges is not None else citation_edges(graph)
        self.triples = None
        self._anchor_memo: dict = {}
        self._last_days: dict = {}
        # pupils' names, wherever a text prints them, are kept out of the search index (the privacy rule)
        self.pupil_names = sorted({str(n) for e in graph.subjects(GB.recipientIsPerson, Literal(True))
                                   for n in graph.objects(e, GB.recipientName)}, key=lambda n: (-len(n), n))
        # one pattern for them all, longest first, with the spaces the source may print inside (罗 萱)
        self.pupil_pattern = re.compile("|".join(r"\s*".join(map(re.escape, n.replace(" ", ""))) for n in self.pupil_names)) \
            if self.pupil_names else None
        self.searchable: list[str] = []     # the pages written that the search index takes
        self._last_dir = None

    def use_records(self, records: list) -> None:
        self.records = list(records)
        self.citations_by_doc: dict[str, list] = defaultdict(list)
        for rec in self.records:
            for c in rec.citations:
                self.citations_by_doc[c.citing].append(c)
        # a document's text links the terms its own issue explains
        self.terms = sorted(((t.term, t) for rec in self.records for t in rec.tables.get("glossary", [])),
                            key=lambda x: (-len(x[0]), x[0], x[1].glossary_key))
        self.docs_by_iri = {URIRef(self.base + "eli/" + d.key): d for rec in self.records for d in rec.parsed.documents}


    def incoming(self, node) -> list:
        return [(p, s) for s, p in self.g.subject_predicates(node) if p != RDF.type]

    # --- paths -------------------------------------------------------------------------------
    def path_of(self, iri) -> str:
        path = str(iri)[len(self.base):].strip("/")
        if not path or ".." in path.split("/") or "\\" in path or any(ord(c) < 32 for c in path):
            raise ValueError(f"refusing to write a page for {iri!r}")
        return path

    def href(self, from_dir: str, target_dir: str, file: str = "") -> str:
        return site_href(from_dir, target_dir) + file

    def _folder(self, rel_dir: str) -> str:
        """The page's folder, made and checked once per page (a page writes four files into it)."""
        if self._last_dir is None or self._last_dir[0] != rel_dir:
            root = os.path.realpath(self.site)
            folder = os.path.realpath(os.path.join(root, rel_dir))
            if folder != root and not folder.startswith(root + os.sep):
                raise ValueError(f"refusing to write outside the site: {folder}")
            os.makedirs(folder, exist_ok=True)
            self._last_dir = (rel_dir, folder)
        return self._last_dir[1]

    def write(self, rel_dir: str, name: str, text: str) -> None:
        if "/" in name or name in ("", ".", ".."):
            raise ValueError(f"refusing to write outside the site: {name}")
        if self.previous is not None and self._same(rel_dir, name, text):
            self.unchanged.append(f"{rel_dir}/{name}" if rel_dir else name)
            return
        with open(os.path.join(self._folder(rel_dir), name), "w", encoding="utf-8") as f:
            f.write(text)
        if name == "index.html" and "data-pagefind-body" in text:
            self.searchable.append(f"{rel_dir}/{name}" if rel_dir else name)

    def _same(self, rel_dir: str, name: str, text: str) -> bool:
        """Whether the site as it stands has this file with this text (so a rebuild need not write, move
        or re-index it)."""
        try:
            with open(os.path.join(self.previous, rel_dir, name), encoding="utf-8", newline="") as f:
                return f.read() == text
        except (OSError, UnicodeDecodeError):
            return False

    # --- values --------------------------------------------------------------------------------
    def value_of(self, node, here: str) -> dict:
        if isinstance(node, URIRef):
            if node in self.page_set:
                return {"href": self.href(here, self.path_of(node)), "label": self.labels.of(node), "key": str(node),
                        "order": self._order(node)}
            if str(node) in self.labels.terms:
                return {"href": None, "iri": None, "label": self._type_label(node), "key": str(node)}
            return {"iri": str(node), "key": str(node)}
        assert isinstance(node, Literal)
        text = str(node)
        dt = node.datatype.rsplit("#", 1)[-1] if node.datatype else None
        words = None
        if dt in ("date", "gYear", "gYearMonth", "dateTime"):
            words = facts.date_words(text[:10])
        elif node.language is None:
            words = facts.value_words(text)
        v = {"text": text, "lang": node.language, "key": text}
        if words:
            v.update(zh=words[0], en=words[1])
        return v

    def _date(self, node, p) -> str | None:
        v = self.g.value(node, p)
        return str(v) if v is not None else None

    def _link(self, iri, label, here: str) -> dict:
        """A document named in a timeline: linked where it has a page, its label as the timeline gives it."""
        node = URIRef(iri)
        if node in self.page_set:
            v = self.value_of(node, here)
            if label:       # the timeline names documents by their 文号, shorter than the page's label
                v["label"] = {"zh": label, "en": label, "zh_lang": None, "en_lang": None}
            return v
        return {"text": label or str(iri), "key": str(iri)}

    def _order(self, node) -> tuple:
        """Linked resources in the order the gazette prints them (an issue's documents, a list's items),
        then by name."""
        line = self.g.value(node, GB.sourceLine)
        return (int(line) if line is not None else 1 << 40, self.labels.of(node)["zh"], str(node))

    def _term_href(self, p, here: str) -> str:
        """A property's name links to its entry on the ontology page (ours, and the reused terms)."""
        return self.href(here, "ontology") + "#" + facts.term_anchor(str(p))

    def _groups(self, pairs, here: str) -> list[dict]:
        groups: dict = defaultdict(list)
        for p, node in pairs:
            groups[p].append(node)
        out = []
        for p in sorted(groups, key=str):
            values = sorted((self.value_of(n, here) for n in groups[p]), key=lambda v: v.get("order", (0, "", v["key"])))
            label = self.labels.terms.get(str(p))
            lab = ({"zh": label.get("zh-hans", str(p)), "en": label.get("en", str(p)), "zh_lang": None, "en_lang": None}
                   if label else {"zh": str(p), "en": str(p), "zh_lang": None, "en_lang": None})
            out.append({"iri": str(p), "label": lab, "href": self._term_href(p, here), "vals": values})
        return out

    # --- schema.org ----------------------------------------------------------------------------
    def _schema(self, s, types: set) -> str | None:
        lab = self.labels.of(s)
        doc: dict = {"@context": "https://schema.org", "@id": str(s)}
        if ELI.LegalResource in types and GB.GazetteIssue not in types:
            doc.update({"@type": "Legislation", "name": lab["zh"], "inLanguage": "zh-Hans"})
            for p, key in ((ELI.id_local, "legislationIdentifier"), (ELI.date_document, "legislationDate"),
                           (ELI.date_publication, "datePublished")):
                v = self.g.value(s, p)
                if v is not None:
                    doc[key] = str(v)
            issuers = sorted((str(o), self.labels.of(o)["zh"]) for o in self.g.objects(s, ELI.passed_by))
            if issuers:
                doc["legislationPassedBy"] = [{"@id": i, "@type": "GovernmentOrganization", "name": n} for i, n in issuers]
        elif GB.GazetteIssue in types:
            doc.update({"@type": "PublicationIssue", "name": lab["zh"]})
        elif ORG.Organization in types:
            doc.update({"@type": "GovernmentOrganization", "name": lab["zh"]})
        elif SKOS.Concept in types:
            doc.update({"@type": "DefinedTerm", "name": lab["zh"]})
            code = self.g.value(s, SKOS.notation)
            if code is not None:
                doc["termCode"] = str(code)
            scheme = self.g.value(s, SKOS.inScheme)
            if scheme is not None:
                doc["inDefinedTermSet"] = {"@id": str(scheme)}
            d = self.g.value(s, SKOS.definition)
            if d is not None:
                doc["description"] = str(d)
        elif GB.AwardEntry in types:
            return None
        elif SKOS.ConceptScheme in types:       # a heritage list, a glossary, the categories
            doc.update({"@type": "DefinedTermSet", "name": lab["zh"]})
        elif GB.Award in types:                  # an award's list of recipients
            doc.update({"@type": "ItemList", "name": lab["zh"]})
        else:
            doc.update({"@type": "Thing", "name": lab["zh"]})
        return inline_json(doc)

    # --- documents ----------------------------------------------------------------------------
    def _segments(self, cites: dict, here: str, loc: str, i: int, p) -> list[dict]:
        """One paragraph with its citations and the glossary terms of its issue linked."""
        marks = []
        # names first: a term or a citation overlapping one never leaves it for the search index
        for m in (self.pupil_pattern.finditer(p.text) if self.pupil_pattern else ()):
            marks.append((m.start(), m.end(), "name", None, "", None))
        for c in cites.get((loc, i), []):
            target = URIRef(self.base + "eli/" + c.cited)
            href = self.href(here, self.path_of(target)) if target in self.page_set else None
            if href and c.article:
                href += self._article_anchor(target, c.article, here)
            if not any(a < c.span[1] and c.span[0] < b for a, b, *_ in marks):
                marks.append((c.span[0], c.span[1], "cite", c.relation, href, None))
        for term, t in self.terms:
            start = p.text.find(term)
            while start >= 0:
                end = start + len(term)
                if not any(a < end and start < b for a, b, *_ in marks):
                    iri = URIRef(f"{self.base}glossary/{t.glossary_key.replace('#', '/')}/{t.number}")
                    if iri in self.page_set:
                        marks.append((start, end, "term", None, self.href(here, self.path_of(iri)), t.definition))
                    break
                start = p.text.find(term, end)
        segs, pos = [], 0
        for a, b, kind, rel, href, definition in sorted(marks):
            if a < pos:
                continue
            segs.append({"kind": "text", "text": p.text[pos:a]})
            segs.append({"kind": kind if href or kind == "name" else "text", "text": p.text[a:b], "relation": rel, "href": href,
                         "definition": definition})
            pos = b
        segs.append({"kind": "text", "text": p.text[pos:]})
        return segs

    def _tables(self, s, here: str) -> list[TableRows]:
        """The tables read from the document's text, row by row, each row and cell linked."""
        out = []
        for spec in TABLES:
            rows = []
            for r in rows_of(self.g, s, spec):
                first = self.g.value(r, GB.sourceLine)
                if first is None:
                    continue
                last = self.g.value(r, GB.sourceLineEnd) or first
                cells = []
                for n, (_, _, path) in enumerate(spec.columns):
                    vals = sorted((self.value_of(v, here) for v in walk(self.g, r, path)), key=lambda v: v["key"])
                    cells.append({"vals": vals, "private": n in spec.private})
                href = self.href(here, self.path_of(r)) if r in self.page_set else None
                rows.append({"first": int(first), "last": int(last), "cells": cells, "href": href, "iri": str(r)})
            if rows:
                rows.sort(key=lambda x: (x["first"], x["iri"]))
                out.append(TableRows(spec.kind, [(zh, en) for zh, en, _ in spec.columns], rows))
        return out

    def _timeline(self, s, here: str) -> dict:
        link = lambda iri, label: self._link(iri, label, here)  # noqa: E731
        return {"status": timelineview.status(self.g, s, link), "history": timelineview.history(self.g, s, link),
                "diffusion": timelineview.diffusion(self.g, s, link)}

    def _last_day(self, node) -> str | None:
        """A chained document's last day in force, worked out once per worker: a regulation every issue
        repeals carries evidence from each of them, and is drawn in each of their chains."""
        if node not in self._last_days:
            if len(self._last_days) > 100000:
                self._last_days.clear()
            self._last_days[node] = timelineview.last_day(self.g, node)
        return self._last_days[node]

    def _outside(self, s, here: str) -> dict | None:
        """A cited document whose text is not in the corpus: the issues whose documents cite it."""
        if self.g.value(s, ELI.is_member_of) is not None or self.g.value(s, ELI.is_realized_by) is not None and \
                self.g.value(self.g.value(s, ELI.is_realized_by), GB.fullText) is not None:
            return None
        if GB.Annex in set(self.g.objects(s, RDF.type)):
            return None
        issues = {i for _, citing in self.cited_by.get(str(s), []) for i in self.g.objects(URIRef(citing), ELI.is_member_of)}
        return {"issues": sorted((self.value_of(i, here) for i in issues), key=lambda v: v["key"])}

    def _anchors(self, iri, doc, here: str) -> dict:
        """Where each paragraph of a document is on its page (its anchor, or its table's), computed once."""
        if iri not in self._anchor_memo:
            plain = lambda loc, i, p: [{"kind": "text", "text": p.text}]  # noqa: E731
            self._anchor_memo[iri] = layout(doc, plain, self._tables(iri, here))["anchors"]
        return self._anchor_memo[iri]

    def _article_anchor(self, target, article: int, here: str) -> str:
        """`#art_N` where the cited text is on its page here and has that article (in its body, else in one
        annex only); nothing otherwise, so a link never points at a place that is not there."""
        doc = self.docs_by_iri.get(target)
        if doc is None:
            return ""
        anchors = set(self._anchors(target, doc, here).values())
        found = [a for a in sorted(anchors) if a == f"art_{article}" or a.endswith(f"-art_{article}")]
        if f"art_{article}" in found:
            return f"#art_{article}"
        return f"#{found[0]}" if len(found) == 1 else ""

    def _occurrences(self, s, here: str) -> list[dict]:
        """Where a glossary term of these records occurs: each document and paragraph, linked to its place."""
        term = next((t for text, t in self.terms
                     if URIRef(f"{self.base}glossary/{t.glossary_key.replace('#', '/')}/{t.number}") == s), None)
        if term is None:
            return []
        found = []
        for iri, doc in sorted(self.docs_by_iri.items(), key=lambda kv: str(kv[0])):
            if iri not in self.page_set:
                continue
            parts = [("body", doc.paragraphs)] + [(f"annex {n}", a.paragraphs) for n, a in enumerate(doc.annexes, 1)]
            for loc, paras in parts:
                for i, p in enumerate(paras):
                    at = p.text.find(term.term)
                    if at < 0:
                        continue
                    found.append({"href": self.href(here, self.path_of(iri)) + "#" + self._anchors(iri, doc, here)[(loc, i)],
                                  "document": self.labels.of(iri),
                                  "excerpt": p.text[max(0, at - 20):at + len(term.term) + 20]})
        return found

    def _document(self, s, doc, here: str) -> dict:
        cites = defaultdict(list)
        for c in self.citations_by_doc.get(doc.key, []):
            cites[(c.location, c.paragraph)].append(c)
        return layout(doc, lambda loc, i, p: self._segments(cites, here, loc, i, p), self._tables(s, here))

    def _chain(self, s, here: str) -> dict | None:
        """The chain drawing and its edges as text; or None where the document cites and is cited by nothing."""
        edges, reverse = self.edges, False
        if not self.edges.get(str(s)):
            # a regulation cites nothing we know of: draw what cites it instead
            edges, reverse = self.cited_by, True
            if not edges.get(str(s)):
                return None
        labels, levels, hrefs, dates = {}, {}, {}, {}
        cols, _ = chain(str(s), edges)
        nodes = {n for col in cols for n in col}
        for n in nodes:
            node = URIRef(n)
            number = self.g.value(node, ELI.id_local)
            lab = self.labels.of(node)["zh"]
            labels[n] = str(number) if number else lab
            levels[n] = document_level(self.g, node)
            if node in self.page_set:
                hrefs[n] = self.href(here, self.path_of(node))
            dates[n] = {"issued": self._date(node, ELI.date_document),
                        "entry": self._date(node, ELI.first_date_entry_in_force),
                        "last": self._last_day(node)}
        drawing = svg(str(s), edges, labels, levels, hrefs, reverse=reverse, dates=dates)
        if drawing is None:
            return None
        listed = edge_list(str(s), edges, labels, levels, hrefs)
        if reverse:     # the edges were walked backwards: say them citing -> cited
            listed = [dict(e, **{"from": e["to"], "from_href": e["to_href"], "to": e["from"], "to_href": e["from_href"],
                                 "from_level": e["to_level"], "to_level": e["from_level"]}) for e in listed]
        return {"svg": drawing, "edges": listed, "reverse": reverse,
                "levels": [{"key": k, "zh": zh, "en": en, "colour": c} for k, zh, en, c in LEVELS
                           if k in set(levels.values())]}

    # --- pages ---------------------------------------------------------------------------------
    def render(self) -> int:
        return self.render_pages(self.pages)

    def render_pages(self, subjects) -> int:
        resource = self.env.get_template("resource.html")
        document = self.env.get_template("document.html")
        relations = [(r, REL_ZH[r], REL_EN[r]) for r in RELATION_KEYS]
        rel_words = {r: (zh, en) for r, zh, en in relations}
        for s in subjects:
            here = self.path_of(s)
            pairs = list(self.g.predicate_objects(s))
            types = {o for p, o in pairs if p == RDF.type}
            self.write(here, "index.ttl", subject_turtle(s, pairs))
            self.write(here, "index.jsonld", page_jsonld(s, pairs, "../" * (here.count("/") + 1) + "dumps/context.jsonld"))
            # the static site's three files per resource (N-Triples per resource come from `serve`)
            alternates = [{"media": "text/turtle", "href": "index.ttl", "name": "Turtle"},
                          {"media": "application/ld+json", "href": "index.jsonld", "name": "JSON-LD"}]
            page = {
                "iri": str(s), "label": self.labels.of(s),
                "types": [self.labels.of(t) if t in self.page_set else self._type_label(t) for t in sorted(types)],
                "sections": _merge(facts.arrange(self._groups(pairs, here)),
                                   facts.arrange(self._groups(self.incoming(s), here), incoming=True)),
                "sparql": self.href(here, "sparql") + "?query=" + quote(f"DESCRIBE <{s}>", safe=""),
                "chain": self._chain(s, here) if ELI.LegalResource in types else None,
                "fulltext": self._document(s, self.docs_by_iri[s], here) if s in self.docs_by_iri else None,
                "occurrences": self._occurrences(s, here) if SKOS.definition in {p for p, _ in pairs} else [],
                "outside": self._outside(s, here) if ELI.LegalResource in types else None,
                **(self._timeline(s, here) if ELI.LegalResource in types and GB.GazetteIssue not in types
                   and GB.Annex not in types else {}),
            }
            pupil = GB.AwardEntry in types
            # the search index holds what people look for; evidence nodes, expressions, annex pages and task
            # rows are reached from their documents (and would multiply the indexer's memory)
            searchable = not pupil and bool(types & SEARCHABLE) and GB.Annex not in types
            template = document if page["fulltext"] else resource
            html = template.render(page=page, title=page["label"]["zh"], root=self.href(here, ""), alternates=alternates,
                                   jsonld=self._schema(s, types), noindex=pupil, searchable=searchable, relations=relations,
                                   rel_words=rel_words,
                                   search=searchmeta.page_search(self.g, s, types, self.labels.of) if searchable else None)
            if not pupil and self.pupil_pattern is not None and self.pupil_pattern.search(html):
                # a page that shows a pupil's name (the notice as printed, a quote from it) is kept from
                # search engines too (the privacy rule)
                html = html.replace("<head>\n", '<head>\n<meta name="robots" content="noindex">\n', 1)
            self.write(here, "index.html", html)
        return len(subjects)

    def _type_label(self, t) -> dict:
        lab = self.labels.terms.get(str(t), {})
        short = str(t).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return {"zh": lab.get("zh-hans", short), "en": lab.get("en", short), "zh_lang": None, "en_lang": None}


# what the page workers share, set in each before its first page (see workers.run_parallel)
_SETUP: dict = {}
_WORKER: dict = {}


def _share(values: dict) -> None:
    _WORKER.clear()
    _SETUP.clear()
    _SETUP.update(values)


def _worker_site() -> "Site":
    from publish.build.workers import here, remote
    from publish.outputs.storegraph import StoreGraph
    pid = os.getpid()
    if pid not in _WORKER:
        _WORKER.clear()
        st = _SETUP
        # a cluster's worker reads its own copy of the store, and writes pages into a folder sent back per task
        # on a cluster's worker the site as it stands is not at hand: every page is written
        previous = st.get("previous")
        _WORKER[pid] = Site(StoreGraph(here(st["store"])), st["ontology"], st["base"], here(st["out"]), [],
                            pages=st["pages"], edges=st["edges"],
                            previous=None if previous is None or remote() else previous)
    return _WORKER[pid]


def _render_task(subjects: list[str], resolved_key: str | None) -> tuple[int, list[str], list[str]]:
    site = _worker_site()
    site.use_records([_SETUP["cache"].get("resolved", resolved_key)] if resolved_key else [])
    site.searchable, site.unchanged = [], []
    return site.render_pages([URIRef(s) for s in subjects]), site.searchable, site.unchanged


PAGES_PER_TASK = 2000


def _render_all(store_path: Path, ontology: Graph, base: str, out: Path, subjects: list, pages: list, edges,
                results: list, cache, stages, previous: Path | None = None) -> tuple[int, list[str], list[str]]:
    """The pages of `subjects`, rendered by worker processes; a document's page with its issue's records.
    Returns how many, the searchable files written, and (a rebuild in place, `previous` the site as it
    stands) the files left as they were because they came out the same."""
    from publish.build.workers import run_parallel
    page_set = set(pages)
    wanted = set(subjects)
    jobs, owned = [], set()
    # a glossary term's page lists where its issue's texts use it: it is rendered with the issue's records
    terms_of: dict[str, list[str]] = defaultdict(list)
    doc_issue = {d: r.key for r in results for d in r.documents}
    for x in subjects:
        path = str(x)[len(base):]
        if path.startswith("glossary/"):
            parts = path[len("glossary/"):].split("/")
            key = next((doc_issue["/".join(parts[:n])] for n in range(len(parts), 0, -1)
                        if "/".join(parts[:n]) in doc_issue), None)
            if key is not None:
                terms_of[key].append(str(x))
    for r in results:
        docs = [URIRef(base + "eli/" + d) for d in r.documents]
        docs = [str(d) for d in docs if d in page_set and d in wanted] + terms_of.get(r.key, [])
        owned.update(docs)
        if docs:
            jobs.append((docs, r.graph_key))
    rest = [str(x) for x in subjects if str(x) not in owned]
    jobs += [(rest[i:i + PAGES_PER_TASK], None) for i in range(0, len(rest), PAGES_PER_TASK)]
    setup = (_share, dict(store=store_path, ontology=ontology, base=base, out=out, pages=pages, edges=edges, cache=cache,
                          previous=previous))
    try:
        done = run_parallel(_render_task, jobs, stages, setup=setup, output=out, reads=[store_path])
    finally:
        _SETUP.clear()
        _WORKER.clear()
    return sum(k for k, _, _ in done), [p for _, paths, _ in done for p in paths], [p for *_, same in done for p in same]


def _site_files(site: "Site", out: Path, log) -> None:
    """Static assets, the SPARQL engine, and the dumps and exports (linked, not copied: they are big)."""
    shutil.copytree(SITE_SRC / "static", site.site / "static", dirs_exist_ok=True)
    shutil.copytree(out / "dumps", site.site / "dumps", dirs_exist_ok=True, copy_function=_link_or_copy)
    if (out / "exports").exists():
        shutil.copytree(out / "exports", site.site / "exports", dirs_exist_ok=True)
    from publish.sitegen.hosting import write_hosting
    write_hosting(site.site, site.base, [site.path_of(p) for p in site.pages], log)
    engine = NODE_MODULES / "oxigraph"
    if (engine / "web_bg.wasm").exists():
        (site.site / "static" / "oxigraph").mkdir(parents=True, exist_ok=True)
        for name in ("web.js", "web_bg.wasm"):
            shutil.copyfile(engine / name, site.site / "static" / "oxigraph" / name)
    else:
        log("  site: the oxigraph WebAssembly build is not installed (npm ci): the SPARQL page cannot run queries")


# --- search bundles ------------------------------------------------------------------------------
# The search index is cut into bundles, so the indexer's memory is bounded and a rebuild re-indexes only
# the bundles whose pages changed: the pages that belong to one issue go in the bundle of its group of
# issues; pages shared by several issues (bodies, much-cited regulations) and the index pages go in the
# first bundle, which the search page loads itself; it merges the others.
PRIMARY = "pagefind"
ISSUES_PER_BUNDLE = 10


def issues_per_bundle() -> int:
    return max(1, int(os.environ.get("GONGBAO_SEARCH_ISSUES_PER_BUNDLE", ISSUES_PER_BUNDLE)))


def page_owners(results: list) -> dict[str, str]:
    """Each resource described by exactly one issue, with that issue's key."""
    seen: dict[str, str | None] = {}
    for r in results:
        for x in r.subjects:
            seen[x] = r.key if x not in seen else None
    return {x: k for x, k in seen.items() if k is not None}


def assign_bundles(paths, base: str, owners: dict[str, str], results: list, per_bundle: int) -> dict[str, str]:
    order = {k: i for i, k in enumerate(sorted(r.key for r in results))}
    out = {}
    for path in paths:
        iri = base + path[:-len("/index.html")] if path.endswith("/index.html") else None
        key = owners.get(iri) if iri else None
        out[path] = PRIMARY if key is None else f"pagefind-bundles/{order[key] // per_bundle + 2}"
    return out


def _bundle_lists(searchable: dict[str, str]) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = defaultdict(list)
    for path, bundle in searchable.items():
        lists[bundle].append(path)
    return {b: sorted(v) for b, v in lists.items()}


def build_site(store_path: Path, ontology: Graph, base: str, out: Path, results: list, cache, validation_text: str,
               triples: int, stages, log=print) -> dict:
    """Every resource's page, rendered by worker processes reading the store; then the index pages and search.
    Returns what a rebuild in place needs to know of the site."""
    from publish.outputs.storegraph import StoreGraph

    base = base.rstrip("/") + "/"
    g = StoreGraph(store_path)
    pages = [x for x in g.subjects() if is_page(x, base)]
    edges = citation_edges(g)
    del g   # the workers fork: none may inherit an open store
    n, searchable, _ = _render_all(store_path, ontology, base, out, pages, pages, edges, results, cache, stages)
    site = Site(StoreGraph(store_path), ontology, base, out, [], pages=pages, edges=edges)
    site.triples = triples
    from publish.sitegen.indexes import render_indexes, render_search_page
    m = render_indexes(site, validation_text, ontology)
    per_bundle = issues_per_bundle()
    assigned = assign_bundles(searchable + site.searchable, base, page_owners(results), results, per_bundle)
    lists = _bundle_lists(assigned)
    m += render_search_page(site, [b for b in sorted(lists) if b != PRIMARY])
    _site_files(site, out, log)
    stages.start("search")
    searched = run_pagefind(site.site, {b: [(p, site.site / p) for p in v] for b, v in lists.items()}, site.site)
    log(f"  site: {n} resource pages and {m} index pages in site/; search: {searched}")
    return {"pages": [str(x) for x in pages], "searchable": assigned, "per_bundle": per_bundle,
            "issues": {r.key: r.result_key for r in results}}


LABEL_PREDICATES = {str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.title), str(ELI.id_local),
                    str(ELI.is_realized_by), str(ELI.title)}


def _lines(path: Path | None) -> set[str]:
    if path is None or not path.exists():
        return set()
    with open(path, encoding="utf-8") as f:
        return set(f)


def changed_lines(changed: list, removed: list[str], previous: dict, cache) -> set[str]:
    """The N-Triples lines the changed and removed issues' graphs gained or lost since the previous build."""
    diff: set[str] = set()
    for key in [r.key for r in changed] + removed:
        before = cache.get("result", previous["issues"][key]) if key in previous["issues"] else None
        now = next((r for r in changed if r.key == key), None)
        diff |= _lines(cache.file("nt", before.graph_key, "nt") if before is not None else None) ^ \
            _lines(cache.file("nt", now.graph_key, "nt") if now is not None else None)
    return diff


def _reach(starts: set[str], table: dict, depth: int = 6) -> set[str]:
    """Nodes from which `starts` are reached in up to `depth` steps of `table` (node -> [(relation, node)])."""
    seen, frontier = set(starts), set(starts)
    for _ in range(depth):
        frontier = {b for a in frontier for _, b in table.get(a, [])} - seen
        seen |= frontier
    return seen


_NT_LINE = re.compile(r"^(\S+) <([^>]*)> (.*) \.$")


def terms_of(diff: set[str]) -> set[str]:
    """The predicates of changed N-Triples lines, and the classes they type things with."""
    found = set()
    for line in diff:
        m = _NT_LINE.match(line.strip())
        if m:
            found.add(m.group(2))
            if m.group(2) == str(RDF.type) and m.group(3).startswith("<"):
                found.add(m.group(3)[1:-1])
    return found


def pages_touched(diff: set[str], edges: tuple[dict, dict], graph) -> set[str]:
    """The resources whose pages show something that the changed triples `diff` (N-Triples lines) change.

    A page shows its resource's triples, what links to it, the labels of both sides, and (for a cited
    resource) a citation chain six steps deep. So: every subject and object of a changed triple; where a
    label changed or a resource came or went, everything linked to it and every chain that passes through
    it; where a citation changed, every chain through either end."""
    from publish.outputs.dumps import split_line
    edges_out, edges_in = edges
    touched, relabelled, chained = set(), set(), set()
    for line in diff:
        s, p, o = split_line(line)
        s, p = s[1:-1], p[1:-1]
        touched.add(s)
        if o.startswith("<"):
            o = o[1:-1]
            touched.add(o)
        if p in LABEL_PREDICATES or p == str(RDF.type):
            relabelled.add(s)
        if p in CITING_PREDICATES:
            chained |= {s, o}
        if p == str(GB.level):
            chained.add(s)
    for x in list(relabelled):
        # an expression's title is its work's label
        relabelled |= {str(w) for w in graph.subjects(ELI.is_realized_by, URIRef(x))}
    for x in relabelled:
        node = URIRef(x)
        touched |= {str(sub) for sub, _ in graph.subject_predicates(node)}
        touched |= {str(o) for _, o in graph.predicate_objects(node) if isinstance(o, URIRef)}
    chained |= relabelled
    # a chain drawn from a document reaches what it cites; a regulation's drawing, what cites it
    touched |= _reach(chained, edges_in) | _reach(chained, edges_out)
    return touched


def update_site(store_path: Path, ontology: Graph, base: str, stage: Path, out: Path, results: list, changed: list,
                removed: list[str], previous: dict, cache, validation_text: str, triples: int, stages,
                log=print, *, diff: set[str]) -> tuple[list[str], list[str], dict]:
    """The pages a few changed issues touch, rendered into `stage`; the index pages; the search bundles that hold
    a page that changed. Returns the moves and deletions that commit them, and the site's new state.

    A page shows its resource's triples, the labels of what it links to and what links to it, and (for a
    document) its citation chain six steps deep. So the pages written again are: every resource the changed
    issues described before or describe now, everything those link to or are linked from, and every document
    within six citation steps of them."""
    from publish.outputs.storegraph import StoreGraph

    base = base.rstrip("/") + "/"
    old_results = {k: cache.get("result", previous["issues"][k]) for k in [r.key for r in changed] + removed
                   if k in previous["issues"]}
    old_subjects = {x for r in old_results.values() if r is not None for x in r.subjects}
    new_subjects = {x for r in changed for x in r.subjects}
    g = StoreGraph(store_path)
    gone = {x for x in old_subjects - new_subjects if next(g.predicate_objects(URIRef(x)), None) is None}
    pages_str = (set(previous["pages"]) - gone) | new_subjects
    pages = [URIRef(x) for x in sorted(pages_str)]
    edges = citation_edges(g)
    touched = pages_touched(diff, edges, g)
    # the document pages of a changed issue show its records (the full text), not only its triples
    touched |= {base + "eli/" + d for r in changed for d in r.documents}
    del g
    affected = [URIRef(x) for x in sorted(touched & pages_str)]
    n, searchable, same = _render_all(store_path, ontology, base, stage, affected, pages, edges, results, cache, stages,
                                      previous=out / "site")
    site = Site(StoreGraph(store_path), ontology, base, stage, [], pages=pages, edges=edges, previous=out / "site")
    site.triples = triples
    from publish.sitegen.indexes import render_indexes, render_search_page
    changed_terms = terms_of(diff)
    m = render_indexes(site, validation_text, ontology, changed=changed_terms)

    per_bundle = previous["per_bundle"]
    # a page that came out as it was is neither moved nor indexed again
    rendered = ({f"{site.path_of(x)}/index.html" for x in affected} | set(site.searchable)) - set(same)
    removed_pages = {f"{site.path_of(URIRef(x))}/index.html" for x in gone}
    keep = {p: b for p, b in previous["searchable"].items() if p not in rendered and p not in removed_pages}
    if sorted(previous["issues"]) != sorted(r.key for r in results):
        # issues came or went: the groups of issues shift, so every bundle is made again
        dirty = None
        assigned = assign_bundles(list(keep) + searchable + site.searchable, base, page_owners(results), results,
                                  per_bundle)
    else:
        fresh = assign_bundles(searchable + site.searchable, base, page_owners(results), results, per_bundle)
        assigned = {**keep, **fresh}
        dirty = {previous["searchable"][p] for p in (rendered | removed_pages) if p in previous["searchable"]}
        dirty |= set(fresh.values())
    lists = _bundle_lists(assigned)
    m += render_search_page(site, [b for b in sorted(lists) if b != PRIMARY], changed=changed_terms,
                            previous_bundles=sorted(set(previous["searchable"].values()) - {PRIMARY}))
    (site.site / "dumps").mkdir(parents=True, exist_ok=True)
    shutil.copytree(stage / "dumps", site.site / "dumps", dirs_exist_ok=True, copy_function=_link_or_copy)
    shutil.copytree(stage / "exports", site.site / "exports", dirs_exist_ok=True)
    from publish.sitegen.hosting import write_hosting    # _redirects lists the pages, which may have come or gone
    write_hosting(site.site, base, [site.path_of(p) for p in pages], log)
    stages.start("search")
    build = {b: [(p, site.site / p if (site.site / p).exists() else out / "site" / p) for p in v]
             for b, v in lists.items() if dirty is None or b in dirty}
    searched = run_pagefind(site.site, build, site.site)
    log(f"  site: {n} resource pages and {m} index pages made again, {len(same) + len(site.unchanged)} of their files "
        f"the same as before; search: {searched}")

    moves = [str(p.relative_to(stage)) for p in sorted(site.site.rglob("*"))
             if p.is_file() and not str(p.relative_to(site.site)).startswith(("pagefind/", "pagefind-bundles/"))]
    moves += [f"site/{b}" for b in build]
    deletes = []
    for x in sorted(gone):
        here = site.path_of(URIRef(x))
        deletes += [f"site/{here}/{name}" for name in ("index.html", "index.ttl", "index.jsonld")]
    old_bundles = set(previous["searchable"].values())
    deletes += [f"site/{b}" for b in sorted(old_bundles - set(lists))]
    state = {"pages": sorted(pages_str), "searchable": assigned, "per_bundle": per_bundle,
             "issues": {r.key: r.result_key for r in results}}
    return moves, deletes, state


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def run_pagefind(site_dir: Path, bundles: dict[str, list[tuple[str, Path]]], write_to: Path) -> str:
    """Pagefind over the searchable pages, a bundle at a time (publish/search_index.mjs): `bundles` maps
    a bundle's folder (under `write_to`) to its pages, as (path in the site, file to read)."""
    import tempfile
    if not (NODE_MODULES / "pagefind").exists() or not shutil.which("node"):
        return "skipped: Pagefind is not installed (npm ci)"
    spec = [{"output": str((write_to / b).resolve()), "pages": [[p, str(f)] for p, f in pages]}
            for b, pages in sorted(bundles.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    # bundles are independent: one indexer per core, each given bundles of about the same total size
    parts: list[list] = [[] for _ in range(max(1, min(len(spec), os.cpu_count() or 1)))]
    for bundle in spec:
        min(parts, key=lambda part: sum(len(b["pages"]) for b in part)).append(bundle)
    files, procs = [], []
    try:
        for part in parts:
            with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
                json.dump(part, f, ensure_ascii=False)
            files.append(f.name)
            procs.append(subprocess.Popen(["node", str(SEARCH_SCRIPT), str(site_dir.resolve()),
                                           f.name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=NODE_MODULES.parent))
        failed = [err for proc in procs for _, err in [proc.communicate()] if proc.returncode != 0]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        for name in files:
            os.unlink(name)
    if failed:
        return f"failed: {failed[0].strip()[:300]}"
    pages = sum(len(v) for v in bundles.values())
    return f"Pagefind index of {pages} pages in {len(bundles)} bundle(s)"
