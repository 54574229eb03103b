"""Plain records the parser produces. Everything here is JSON-ready through to_json()."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .docnumber import DocNumber
from .paragraphs import Paragraph


@dataclass
class Signature:
    bodies: list[str]
    date: str | None
    lines: list[int]


@dataclass
class PrintedBy:
    office: str
    date: str | None
    line: int


@dataclass
class Annex:
    label: str | None           # 附件 1 as printed, or None for an enclosed text
    number: int | None
    title: str
    kind: str                   # "enclosed" (the text a notice issues) | "attachment"
    paragraphs: list[Paragraph]
    lines: list[tuple[int, str]]   # the annex's content lines, for the table readers
    line_span: tuple[int, int]
    attachments: list[str] = field(default_factory=list)
    signature: Signature | None = None
    is_form: bool = False


@dataclass
class Document:
    key: str                    # stable identity, minted from the number (or issuer, date and title)
    number: DocNumber | None
    number_source: str | None   # "printed" | "forwarding notice" | None
    title: str
    genre: str | None
    issuers: list[str]
    recipients: list[str]
    attachments: list[str]
    date_document: str | None
    signature: Signature | None
    printed_by: PrintedBy | None
    disclosure: str | None
    subtitle: str | None
    paragraphs: list[Paragraph]
    annexes: list[Annex]
    line_span: tuple[int, int]
    title_lines: list[int]
    header_lines: list[int]
    section: str | None = None
    forwarded_by: str | None = None      # key of the notice that reproduces this document
    forwards: list[str] = field(default_factory=list)
    issued_texts: list[str] = field(default_factory=list)   # titles of texts the notice issues itself
    force: list = field(default_factory=list)     # its dates of force as its own clauses set them (gazette.force.ForceFact)


def to_json(obj: Any) -> Any:
    if isinstance(obj, DocNumber):
        return obj.to_dict()
    if isinstance(obj, Paragraph):
        return obj.to_dict()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj
