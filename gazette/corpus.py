"""Everything read from one issue, ready to write as records or map to RDF."""
from __future__ import annotations

from dataclasses import dataclass, field

from .citations import Citation, Regulation, cite_document, resolve
from .issue import ParsedIssue, parse_issue
from .registry import Registry
from .review import ReviewItem


@dataclass
class IssueRecords:
    parsed: ParsedIssue
    citations: list[Citation]
    regulations: dict[str, Regulation]
    tables: dict[str, list] = field(default_factory=dict)
    table_checks: list[dict] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)     # held back from the graph, with the reason
    incomplete: list[ReviewItem] = field(default_factory=list)  # lists printed in part: rows published, shortfall told


def read_issue(path, registry: Registry, issue_key: str | None = None, display_path: str | None = None) -> IssueRecords:
    parsed = parse_issue(path, registry, issue_key, display_path)
    citations = []
    for doc in parsed.documents:
        citations += cite_document(doc, registry)
    citations, regs = resolve(citations, parsed.documents, registry)
    unknown = sorted({r.number.code for r in regs.values() if r.number and not registry.codes.get(r.number.code)}
                     | {d.number.code for d in parsed.documents if d.number and not registry.codes.get(d.number.code)})
    records = IssueRecords(parsed=parsed, citations=citations, regulations=regs, unknown_codes=unknown,
                           review=list(parsed.review))
    from .tables_all import read_tables
    read_tables(records)
    return records
