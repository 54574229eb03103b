"""The kinds of table the gazettes hold, declared once. Each entry names where its rows live in the
records (`rec.tables[key]`, `records/<issue>/<key>.json`), the function that maps them to RDF, the
first segment of its IRIs, the site's index page for it, and whether its pages are searchable,
whether the reconciliation service offers them, and whether they hold persons' names (masked under
--strict-privacy). The reader of each kind is called from gazette/tables_all.py, which keeps the
order of the rows' checks; everything else iterates this table.

Adding a kind: its reader (gazette/), its mapper (mappings/), one entry here, the ontology and shapes,
and its tests (docs/architecture.md, "A new table kind")."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableKind:
    key: str               # rec.tables key and records file name
    zh: str
    en: str
    mapper: str            # "module:function" in mappings/, called as f(rows, source_iri, graph, iris[, strict_privacy])
    iri_root: str          # the first path segment of its IRIs (mappings.terms.ROOTS)
    index: str | None      # the site's index page (a folder of site/), or None
    searchable: bool       # its resource pages go into the search index
    reconcilable: bool     # the reconciliation service offers its rows as candidates
    private: bool          # its rows hold persons' names


KINDS: tuple[TableKind, ...] = (
    TableKind("heritage", "非物质文化遗产", "heritage items", "mappings.heritage:map_heritage", "heritage", "heritage",
              True, True, False),
    TableKind("awards", "表彰", "awards", "mappings.awards:map_awards", "award", "awards", True, False, True),
    TableKind("glossary", "名词解释", "glossary", "mappings.glossary:map_glossary", "glossary", "glossary",
              True, True, False),
    TableKind("control_units", "环境管控单元", "control units", "mappings.tables:map_control_units", "control-unit",
              "control-units", True, False, False),
    TableKind("control_requirements", "管控要求", "control requirements", "mappings.tables:map_requirements",
              "control-requirement", None, False, False, False),
    TableKind("tasks", "任务", "tasks", "mappings.tables:map_tasks", "task", None, False, False, False),
)
KIND = {k.key: k for k in KINDS}
