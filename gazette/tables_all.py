"""Run every table reader over every annex; check the totals the text states."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .awards import read_awards
from .controlunits import read_control_units, read_requirements
from .glossary import read_glossary
from .heritage import load_categories, read_heritage
from .registry import DEFAULT_DIR
from .review import ReviewItem
from .tasks import read_plan_assignments, read_task_table
from .totals import check_counted, check_first_named


def read_tables(records, registry_dir: Path | None = None) -> None:
    """Every table of every published document. A row that cannot be read, and the rows of a table whose
    stated total they do not reach, go to review instead of the tables."""
    cats = load_categories(registry_dir or DEFAULT_DIR)
    path = records.parsed.info.path
    tables: dict[str, list] = {"heritage": [], "awards": [], "glossary": [], "control_units": [],
                               "control_requirements": [], "tasks": []}
    checks: list[dict] = []
    review: list[ReviewItem] = []

    def counted(doc, name: str, rows: list, found: list[dict], what: str) -> None:
        checks.extend(found)
        failed = [c for c in found if not c["ok"]]
        if not failed:
            tables[name] += rows
            return
        lines = sorted({no for r in rows for no in (getattr(r, "lines", None) or [r.line])})
        review.append(ReviewItem("table rows", f"{doc.key} {name}: {what}", "; ".join(c["message"] for c in failed),
                                 lines, failed[0]["line"], rows, doc.key))

    for doc in records.parsed.documents:
        for n, annex in enumerate(doc.annexes, 1):
            problems: list[dict] = []
            items = read_heritage(annex, doc, cats, problems)
            for p in problems:
                review.append(ReviewItem("row", f"{doc.key} heritage line {p['line']}", p["message"], p["lines"],
                                         p["line"], p["cells"], doc.key))
            if items:
                counted(doc, "heritage", items, check_first_named(doc, items[0].name, len(items), annex.title, path),
                        annex.title)
            entries = read_awards(annex, doc, n)
            if entries:
                counted(doc, "awards", entries, check_first_named(doc, entries[0].name, len(entries), annex.title, path),
                        annex.title)
            tables["glossary"] += read_glossary(annex, doc)
            units, _ = read_control_units(annex, doc, n)
            if units:
                found = check_counted(doc, "环境管控单元", len(units), annex.title, path)
                for cat, k in sorted(Counter(u.category for u in units).items()):
                    found += check_counted(doc, cat, k, annex.title, path)
                counted(doc, "control_units", units, found, annex.title)
            tables["control_requirements"] += read_requirements(annex, doc, n)
            tables["tasks"] += read_task_table(annex, doc.key, n)
            if annex.kind == "enclosed":
                tables["tasks"] += read_plan_assignments(annex.paragraphs, f"{doc.key}#{n}", doc.key)
    records.tables = {k: v for k, v in tables.items() if v}
    records.table_checks = checks
    records.review += review
    for item in review:
        for no in item.lines:
            records.parsed.coverage[no] = f"needs review: {item.kind} {item.key}"
