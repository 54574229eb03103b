"""When a document stops being in force, and what changed it.

A document ends by its own expiry (有效期, read by gazette.force) or by another document's repeal (a
citation typed `repeals`: 原《…》同时废止), which takes effect when the repealing document enters into
force. An amendment (`amends`) changes it from the amending document's entry into force. A repeal of
some articles only (《…》第三条同时废止, 《…》中与本办法不一致的规定) is a partial repeal: the document
stays in force in part, so it gives no end.

ELI allows a document one eli:date_no_longer_in_force. Where several reasons give a date (an expiry
and a repeal, two repeals), the earliest is the document's and the others are kept as evidence. The
reasons may be printed in different issues, so the earliest is taken over the whole corpus: each issue
lists its reasons (`ends`), the build gathers them (`settle`, `earliest`), and each issue states the
date only where one of its own reasons gives the earliest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .force import ENTRY, EXPIRY, stated
from .identity import strip_issuers, title_key

REPEAL = "repeal"
PARTIAL_REPEAL = "partial_repeal"
AMENDMENT = "amendment"
KINDS = {"repeals": REPEAL, "amends": AMENDMENT}

# what stands between a repealed title and the word that repeals it when only part of it goes
_PART = re.compile(r"^(?:的)?(?:第[^，,。；;]{1,10}?[条款项章节]|中|部分|有关条款|相关条款|有关内容|相关内容|有关规定|相关规定)")
_BRACKETS = re.compile(r"《[^《》]*》|〈[^〈〉]*〉|[（(][^（）()]*[）)]")
_CLAUSE_END = re.compile(r"[，,。；;！？]")


@dataclass
class Change:
    """A repeal or an amendment one document makes of another."""
    kind: str                 # REPEAL | PARTIAL_REPEAL | AMENDMENT
    document: str             # the key of the document changed
    by: str                   # the key of the document whose text changes it
    date: str | None          # when it takes effect: the entry into force of `by`, where its text fixes one
    quote: str                # the clause that says so
    line: int
    line_end: int
    number: str | None        # the changed document's number as cited
    title: str | None         # its title as cited
    found_by_title: str | None = None   # the cited title (without issuers) when only the title names it


@dataclass(frozen=True)
class End:
    """One reason a document stops being in force, with its date."""
    document: str             # the key of the document that ends
    date: str
    how: str                  # EXPIRY | REPEAL
    by: str                   # the key of the document whose text gives the reason (itself, for an expiry)
    found_by_title: str | None = None


def _paragraph(doc, citation):
    if citation.location == "body":
        return doc.paragraphs[citation.paragraph] if citation.paragraph < len(doc.paragraphs) else None
    if citation.location.startswith("annex "):
        annex = doc.annexes[int(citation.location.split()[1]) - 1]
        return annex.paragraphs[citation.paragraph] if citation.paragraph < len(annex.paragraphs) else None
    return None


def is_partial(text: str, end: int) -> bool:
    """Whether what follows a repealed title, up to the end of its clause, names a part of it."""
    rest = text[end:]
    stop = _CLAUSE_END.search(rest)
    rest = _BRACKETS.sub("", rest[:stop.start() if stop else len(rest)]).strip()
    return bool(_PART.match(rest))


def changes(records) -> list[Change]:
    """The repeals and amendments an issue's documents make, in the order of the text."""
    docs = {d.key: d for d in records.parsed.documents}
    # a title cited once with its number is that numbered document wherever it is cited (as resolve reads it)
    numbered = {strip_issuers(c.title) for c in records.citations if c.title and c.number}
    out = []
    for c in sorted(records.citations, key=lambda c: (c.citing, c.line, c.location, c.paragraph, c.span)):
        kind = KINDS.get(c.relation)
        doc = docs.get(c.citing)
        if kind is None or doc is None or c.cited == c.citing:
            continue
        para = _paragraph(doc, c)
        if kind == REPEAL and para is not None and is_partial(para.text, c.span[1]):
            kind = PARTIAL_REPEAL
        by_title = None if c.number or not c.title or strip_issuers(c.title) in numbered else strip_issuers(c.title)
        out.append(Change(kind, c.cited, c.citing, stated(getattr(doc, "force", []), ENTRY), c.quote, c.line, c.line_end,
                          c.number, c.title, by_title))
    return out


def ends(records) -> list[End]:
    """Every dated reason an issue gives for a document to stop being in force: its documents' own expiries
    and the repeals they make."""
    out = []
    for d in records.parsed.documents:
        expiry = stated(getattr(d, "force", []), EXPIRY)
        if expiry:
            out.append(End(d.key, expiry, EXPIRY, d.key))
    for ch in changes(records):
        if ch.kind == REPEAL and ch.date:
            out.append(End(ch.document, ch.date, REPEAL, ch.by, ch.found_by_title))
    return sorted(set(out), key=lambda e: (e.document, e.date, e.how, e.by))


def settle(found: list[End], doc_by_title: dict[str, str] | None) -> list[End]:
    """The reasons with the keys their documents have in the corpus: a document named by its title alone
    resolves to the corpus document of that title (as gazette.citations.resolve does), else to its title's key."""
    if not doc_by_title:
        return list(found)
    return [End(doc_by_title.get(e.found_by_title) or title_key(e.found_by_title), e.date, e.how, e.by, e.found_by_title)
            if e.found_by_title else e for e in found]


def earliest(found: list[End]) -> dict[str, str]:
    """Each document's date of no longer being in force: the earliest any reason gives."""
    out: dict[str, str] = {}
    for e in found:
        if e.document not in out or e.date < out[e.document]:
            out[e.document] = e.date
    return out
