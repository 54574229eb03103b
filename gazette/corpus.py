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


def resolve_corpus(issues: list[IssueRecords], registry: Registry) -> None:
    """Citations resolved against every issue's documents: a notice published in one issue and cited in
    another is one resource. The same document published in two issues is an error."""
    from .errors import GazetteError

    seen: dict[str, str] = {}
    documents = []
    for rec in issues:
        for d in rec.parsed.documents:
            if d.key in seen:
                name = d.number.canonical if d.number else d.title
                raise GazetteError(rec.parsed.info.path, f"document {name} is also published in {seen[d.key]}",
                                   line=d.line_span[0])
            seen[d.key] = rec.parsed.info.path
            documents.append(d)
    if len(issues) < 2:
        return
    for rec in issues:
        rec.citations, rec.regulations = resolve(rec.citations, documents, registry)
