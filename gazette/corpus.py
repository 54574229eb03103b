"""Everything read from one issue, ready to write as records or map to RDF."""
from __future__ import annotations

from dataclasses import dataclass, field

from .citations import Citation, Regulation, cite_document, resolve
from .endings import earliest, ends
from .force import ENTRY, read_force
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
    ambiguous: list[ReviewItem] = field(default_factory=list)   # dates of force read but not certain: told, not stated
    # the date each document this issue gives an end for stops being in force: the earliest of every reason the
    # corpus gives (gazette.endings); read_issue knows this issue alone, the build the whole corpus
    ending_dates: dict[str, str] = field(default_factory=dict)


def read_issue(path, registry: Registry, issue_key: str | None = None, display_path: str | None = None) -> IssueRecords:
    parsed = parse_issue(path, registry, issue_key, display_path)
    citations = []
    for doc in parsed.documents:
        citations += cite_document(doc, registry)
        doc.force = read_force(doc)
    citations, regs = resolve(citations, parsed.documents, registry)
    unknown = sorted({r.number.code for r in regs.values() if r.number and not registry.codes.get(r.number.code)}
                     | {d.number.code for d in parsed.documents if d.number and not registry.codes.get(d.number.code)})
    records = IssueRecords(parsed=parsed, citations=citations, regulations=regs, unknown_codes=unknown,
                           review=list(parsed.review), ambiguous=ambiguous_dates(parsed.documents))
    records.ending_dates = earliest(ends(records))
    from .tables_all import read_tables
    read_tables(records)
    return records


def ambiguous_dates(documents) -> list[ReviewItem]:
    """Each clause of force whose date could not be fixed with certainty, for the report."""
    out = []
    for d in documents:
        for f in d.force:
            if f.problem:
                what = "entry into force" if f.kind == ENTRY else "end of force"
                out.append(ReviewItem("date of force", f"{d.key} {what}", f"{f.problem}: '{f.clause}'",
                                      list(range(f.line, f.line_end + 1)), f.line, f, d.key))
    return out
