"""Records as JSON, so a user can see what was read before any RDF is made."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from gazette.corpus import IssueRecords
from gazette.force import ENTRY, EXPIRY
from gazette.records import to_json


def dump_json(obj, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def coverage_report(rec: IssueRecords) -> dict:
    p = rec.parsed
    by_reason = Counter()
    dropped = []
    for no in range(1, p.total_lines + 1):
        what = p.coverage[no]
        if what.startswith("dropped: "):
            reason = what[len("dropped: "):]
            by_reason[reason] += 1
            if reason != "blank":
                dropped.append({"line": no, "reason": reason})
        else:
            by_reason["kept: " + ("needs review" if what.startswith("needs review") else what.split(" ")[0])] += 1
    return {
        "file": p.info.path,
        "lines": p.total_lines,
        "kept": sum(v for k, v in by_reason.items() if k.startswith("kept")),
        "dropped": {k: v for k, v in sorted(by_reason.items()) if not k.startswith("kept")},
        "dropped_lines": dropped,
        "unaccounted": [no for no in range(1, p.total_lines + 1) if p.coverage[no] == "unaccounted"],
        "line_owner": {str(no): p.coverage[no] for no in range(1, p.total_lines + 1)},
    }


def write_records(rec: IssueRecords, out: Path) -> dict:
    p = rec.parsed
    d = out / "records" / p.info.key
    info = to_json(p.info)
    info.pop("source_file", None)
    dump_json(info, d / "issue.json")
    dump_json([to_json(doc) for doc in p.documents], d / "documents.json")
    dump_json([to_json(c) for c in rec.citations], d / "citations.json")
    regs = []
    for key in sorted(rec.regulations):
        r = rec.regulations[key]
        regs.append({"key": key, "number": to_json(r.number), "title": r.title, "titles": r.titles,
                     "issuers": r.issuers, "level": r.level, "code_known": r.code_known, "in_corpus": r.in_corpus})
    dump_json(regs, d / "regulations.json")
    for name, rows in sorted(rec.tables.items()):
        dump_json([to_json(r) for r in rows], d / f"{name}.json")
    if rec.table_checks:
        dump_json(rec.table_checks, d / "checks.json")
    dump_json([to_json(item) for item in rec.review], d / "review.json")
    dump_json([to_json(item) for item in rec.incomplete], d / "incomplete.json")
    dump_json([to_json(item) for item in rec.ambiguous], d / "ambiguous.json")
    cov = coverage_report(rec)
    dump_json(cov, d / "coverage.json")
    return cov


def summary_lines(rec: IssueRecords, cov: dict) -> list[str]:
    p = rec.parsed
    rel = Counter(c.relation for c in rec.citations)
    lines = [
        f"{p.info.path}: {p.info.series or '?'} {p.info.year or '?'}年第{p.info.number or '?'}期"
        + (f" ({'; '.join(p.info.notes)})" if p.info.notes else ""),
        f"  documents: {len(p.documents)} "
        f"({sum(1 for d in p.documents if d.number)} numbered, {sum(1 for d in p.documents if d.forwarded_by)} reproduced)",
        f"  lines: {cov['lines']} in all, {cov['kept']} in records, "
        + ", ".join(f"{v} dropped as {k}" for k, v in cov["dropped"].items()),
        f"  citations: {len(rec.citations)} (" + ", ".join(f"{k} {v}" for k, v in sorted(rel.items())) + ")",
        f"  cited resources: {len(rec.regulations)}; unknown 代字: {', '.join(rec.unknown_codes) or 'none'}",
    ]
    if rec.tables:
        lines.append("  tables: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(rec.tables.items())))
    if rec.review:
        lines.append(f"  needs review: {len(rec.review)} (held back from the graph)")
        lines += [f"    {item.describe(p.info.path)}" for item in rec.review]
    if rec.incomplete:
        lines.append(f"  printed in part: {len(rec.incomplete)} list(s) (the rows read are published; the rest is not in the text)")
        lines += [f"    {item.describe(p.info.path)}" for item in rec.incomplete]
    force = [f for d in p.documents for f in d.force if not f.problem]
    if force or rec.ambiguous:
        lines.append(f"  dates of force: {sum(f.kind == ENTRY for f in force)} entries into force, "
                     f"{sum(f.kind == EXPIRY for f in force)} ends read"
                     + (f"; {len(rec.ambiguous)} ambiguous (reported, not stated)" if rec.ambiguous else ""))
        lines += [f"    {item.describe(p.info.path)}" for item in rec.ambiguous]
    if cov["unaccounted"]:
        lines.append(f"  UNACCOUNTED lines: {cov['unaccounted'][:20]}")
    return lines
