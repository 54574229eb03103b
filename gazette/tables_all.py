"""Run every table reader over every annex; check the totals the text states."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .awards import read_award_tables
from .controlunits import read_control_units, read_requirements
from .glossary import read_glossary
from .heritage import load_categories, read_heritage_lists
from .kinds import KINDS
from .registry import DEFAULT_DIR
from .review import ReviewItem
from .tasks import read_plan_assignments, read_task_table
from .totals import check_counted


def read_tables(records, registry_dir: Path | None = None) -> None:
    """Every table of every published document. A row that cannot be read, and the rows of a table whose
    stated total they do not reach, go to review instead of the tables; a list the text prints only in
    part (every row read certain, only its end missing) publishes its rows and is reported as incomplete."""
    cats = load_categories(registry_dir or DEFAULT_DIR)
    path = records.parsed.info.path
    tables: dict[str, list] = {k.key: [] for k in KINDS}
    checks: list[dict] = []
    review: list[ReviewItem] = []
    # lists printed only in part: the rows read are certain and published, the shortfall is reported
    incomplete: list[ReviewItem] = []

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
        # heritage lists, in the annexes and in the body: a list printed only in part publishes its rows
        # and reviews the shortfall (lst.cut); any other stated total not met holds the list back
        problems: list[dict] = []
        for lst in read_heritage_lists(doc, cats, problems, records.parsed.lines, path):
            if lst.cut is None:
                counted(doc, "heritage", lst.items, lst.checks, lst.title)
            else:
                checks.extend(lst.checks)
                tables["heritage"] += lst.items
                incomplete.append(lst.cut)
        for p in problems:
            review.append(ReviewItem("row", f"{doc.key} heritage line {p['line']}", p["message"], p["lines"],
                                     p["line"], p["cells"], doc.key))
        # award lists and decision sentences, in the body and the annexes: entries held back for review
        # are in award.review, a list printed only in part publishes its entries and reviews the shortfall
        award = read_award_tables(doc, path)
        tables["awards"] += award.entries
        checks.extend(award.checks)
        review.extend(r for r in award.review if r.kind != "table total")
        incomplete.extend(r for r in award.review if r.kind == "table total")
        for n, annex in enumerate(doc.annexes, 1):
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
    records.incomplete += incomplete
    for item in review:
        for no in item.lines:
            records.parsed.coverage[no] = f"needs review: {item.kind} {item.key}"
