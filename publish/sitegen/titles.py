"""Human titles for the resources that have no name of their own: a citation, an award entry, a task, a
control requirement, a document's text. Without them, lists of links read 1, 10, 11, …, 2.

A pupil's name is never part of a title (the privacy rule in the README): an award entry is titled by
its rank, its place on the list and its school."""
from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from mappings.terms import ELI, GB
from publish.sitegen.facts import value_words

SHORT = 24


def _clip(text: str, n: int = SHORT) -> str:
    return text if len(text) <= n else text[:n] + "…"


def short_name(g, node) -> str:
    """A document by its 文号 where it has one, else by its clipped title."""
    if node is None:
        return "?"
    number = g.value(node, ELI.id_local)
    if number is not None:
        return str(number)
    expr = g.value(node, ELI.is_realized_by)
    t = g.value(expr, ELI.title) if expr is not None else None
    if t is not None:
        return _clip(str(t))
    t = g.value(node, SKOS.prefLabel)
    return _clip(str(t)) if t is not None else str(node).rstrip("/").rsplit("/", 1)[-1]


def _last(node) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def title_of(g, node) -> dict | None:
    """{'zh', 'en'} for a resource of a kind titled from its facts, or None."""
    types = set(g.objects(node, RDF.type))
    v = lambda p: g.value(node, p)  # noqa: E731
    if GB.CitationEvidence in types:
        citing, cited = short_name(g, v(GB.citingDocument)), v(GB.citedResource)
        cited = short_name(g, cited) if cited is not None else _clip(str(v(GB.citedTitle) or "?"))
        n = _last(node)
        return {"zh": f"引用{n}：{citing} → {cited}", "en": f"Citation {n} of {citing} → {cited}"}
    if GB.AwardEntry in types:
        rank, seq, school = str(v(GB.rank) or ""), str(v(GB.sequence) or _last(node)), v(GB.school)
        where = f"（{school}）" if school is not None else ""
        return {"zh": f"{rank} · 第{seq}条{where}", "en": f"{rank} · entry {seq}" + (f" ({school})" if school else "")}
    if GB.TaskAssignment in types:
        item, doc, text = str(v(GB.item) or _last(node)), short_name(g, v(GB.partOfDocument)), str(v(GB.text) or "")
        return {"zh": f"{doc} 任务{item}：{_clip(text)}", "en": f"Task {item} of {doc}: {_clip(text)}"}
    if GB.ControlRequirement in types:
        doc, cat = short_name(g, v(GB.partOfDocument)), v(GB.controlCategory)
        notation, n = v(SKOS.notation), str(v(GB.articleNumber) or _last(node))
        zh_cat, en_cat = (f"（{cat}）", f" ({cat})") if cat is not None else ("", "")
        return {"zh": f"{doc} 总体管控要求{notation or n}{zh_cat}", "en": f"Control requirement {n} of {doc}{en_cat}"}
    if GB.ForceEvidence in types:
        doc, event = short_name(g, v(GB.forceOf)), str(v(GB.forceEvent) or "")
        words = value_words(event) or (event, event)
        n = _last(node)
        return {"zh": f"{doc} 时效{n}：{words[0]}", "en": f"Force {n} of {doc}: {words[1]}"}
    if PROV.Entity in types and v(GB.sha256) is not None:     # a gazette's source text
        name = str(v(DCTERMS.title) or _last(node))
        return {"zh": f"来源文本 {name}", "en": f"Source text {name}"}
    if ELI.LegalExpression in types:
        doc = v(ELI.realizes)
        return {"zh": f"{short_name(g, doc)}（中文文本）", "en": f"Text (Chinese) of {short_name(g, doc)}"}
    return None
