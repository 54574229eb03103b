"""名词解释: a numbered glossary attached to a report. One term per entry, page breaks mended."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .paragraphs import join

ENTRY_RE = re.compile(r"^(?P<n>\d{1,3})\s*[.．、]\s*(?P<term>[^：:。]{1,40}?)\s*[：:](?P<rest>.*)$")


@dataclass
class GlossaryTerm:
    glossary_key: str
    number: int
    term: str
    definition: str
    document: str
    lines: list[int]


def is_glossary(title: str) -> bool:
    return title.replace(" ", "") in ("名词解释", "名词术语解释", "术语解释", "名词注释")


def read_glossary(annex, doc) -> list[GlossaryTerm]:
    if not is_glossary(annex.title):
        return []
    terms: list[GlossaryTerm] = []
    expected = 1
    for no, text in annex.lines:
        m = ENTRY_RE.match(text)
        if m and int(m["n"]) == expected:
            terms.append(GlossaryTerm(f"{doc.key}#glossary", expected, m["term"].strip(), m["rest"].strip(), doc.key, [no]))
            expected += 1
        elif terms:
            terms[-1].definition = join(terms[-1].definition, text)
            terms[-1].lines.append(no)
    return terms
