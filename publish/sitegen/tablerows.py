"""Which resources are the rows of a table a document prints, and what its columns show: read from the
graph, so each row links to the very resource the build made of it.

A row is found from the document by a short path of predicates, and each column is a path from the
row; a column whose values are resources with pages shows them as links."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import RDF, SKOS

from mappings.terms import GB


@dataclass(frozen=True)
class TableSpec:
    kind: str
    row_class: object | None            # the rows' type, or None
    to_document: tuple                  # predicates from a row to its document
    columns: tuple                      # ((zh, en, (predicate, …)), …): () is the row itself
    private: tuple[int, ...] = ()       # columns holding a person's name (kept out of the search index)
    requires: object | None = None      # a predicate every row has


TABLES: tuple[TableSpec, ...] = (
    TableSpec("heritage", GB.HeritageInscription, (GB.inscribedBy,), (
        ("序号", "No.", (GB.sequence,)), ("编号", "Code", (GB.inscribes, SKOS.notation)),
        ("项目名称", "Item", (GB.inscribes,)), ("子项", "Sub-items", (GB.inscribes, GB.subItem)),
        ("项目类别", "Category", (GB.inscribes, GB.heritageCategory)),
        ("申报地区或单位", "Applicant", (GB.applicant,)))),
    TableSpec("awards", GB.AwardEntry, (GB.awardedBy,), (
        ("序号", "No.", (GB.sequence,)), ("奖项", "Award", (GB.rank,)), ("姓名", "Name", (GB.recipientName,)),
        ("学校", "School", (GB.school,))), private=(2,)),
    TableSpec("control_units", GB.ControlUnit, (GB.partOfDocument,), (
        ("序号", "No.", (GB.unitOrdinal,)), ("编码", "Code", (SKOS.notation,)), ("单元名称", "Unit", ()),
        ("单元类别", "Category", (GB.unitCategory,)), ("要素管控分区", "Zones", (GB.elementZone,)))),
    TableSpec("control_requirements", GB.ControlRequirement, (GB.partOfDocument,), (
        ("条", "Article", (SKOS.notation,)), ("类别", "Category", (GB.controlCategory,)),
        ("管控要求", "Requirement", (GB.text,)))),
    TableSpec("tasks", GB.TaskAssignment, (GB.partOfDocument,), (
        ("序号", "No.", (GB.item,)), ("任务", "Task", (GB.text,)), ("时限", "When", (GB.deadline,)),
        ("牵头单位", "Lead", (GB.leadUnit,)), ("责任单位", "Responsible", (GB.responsibleUnit,)))),
    TableSpec("glossary", None, (SKOS.inScheme, GB.partOfDocument), (
        ("序号", "No.", (SKOS.notation,)), ("名词", "Term", ()), ("释义", "Definition", (SKOS.definition,))),
        requires=SKOS.definition),
)


def rows_of(g, document, spec: TableSpec) -> list:
    """The resources that are rows of this kind of table in the document."""
    found = {document}
    for p in reversed(spec.to_document):
        found = {s for o in found for s in g.subjects(p, o)}
    if spec.row_class is not None:
        found = {s for s in found if (s, RDF.type, spec.row_class) in g}
    if spec.requires is not None:
        found = {s for s in found if g.value(s, spec.requires) is not None}
    return sorted(found, key=str)


def walk(g, node, path: tuple) -> list:
    values = [node]
    for p in path:
        values = [o for v in values for o in g.objects(v, p)]
    return values
