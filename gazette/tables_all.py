"""Run every table reader over every annex; check the totals the text states."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .awards import read_awards
from .controlunits import read_control_units, read_requirements
from .glossary import read_glossary
from .heritage import load_categories, read_heritage
from .registry import DEFAULT_DIR
from .tasks import read_plan_assignments, read_task_table
from .totals import check_counted, check_first_named


def read_tables(records, registry_dir: Path | None = None) -> None:
    cats = load_categories(registry_dir or DEFAULT_DIR)
    path = records.parsed.info.path
    tables: dict[str, list] = {"heritage": [], "awards": [], "glossary": [], "control_units": [],
                               "control_requirements": [], "tasks": []}
    checks: list[dict] = []
    for doc in records.parsed.documents:
        for n, annex in enumerate(doc.annexes, 1):
            problems: list[dict] = []
            items = read_heritage(annex, doc, cats, problems)
            for p in problems:
                checks.append({"check": "heritage row", "file": path, "line": p["line"], "ok": False, "message": p["message"]})
            if items:
                tables["heritage"] += items
                checks += check_first_named(doc, items[0].name, len(items), annex.title, path)
            entries = read_awards(annex, doc, n)
            if entries:
                tables["awards"] += entries
                checks += check_first_named(doc, entries[0].name, len(entries), annex.title, path)
            tables["glossary"] += read_glossary(annex, doc)
            units, _ = read_control_units(annex, doc, n)
            if units:
                tables["control_units"] += units
                checks += check_counted(doc, "环境管控单元", len(units), annex.title, path)
                for cat, k in sorted(Counter(u.category for u in units).items()):
                    checks += check_counted(doc, cat, k, annex.title, path)
            tables["control_requirements"] += read_requirements(annex, doc, n)
            tables["tasks"] += read_task_table(annex, doc.key, n)
            if annex.kind == "enclosed":
                tables["tasks"] += read_plan_assignments(annex.paragraphs, f"{doc.key}#{n}", doc.key)
    records.tables = {k: v for k, v in tables.items() if v}
    records.table_checks = checks
