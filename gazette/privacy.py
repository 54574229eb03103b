"""Strict privacy: no pupil's name left in any output (GUIDE §5, PIPL art. 28).

Names are masked character for character, so every offset and line map stays valid.
"""
from __future__ import annotations

import re


def _is_person(entry) -> bool:
    # an entry that does not say is taken for a person: masking a body's name loses less than showing a pupil's
    return getattr(entry, "person", True) is not False


def _mask(name: str) -> str:
    return "＊" * len(name)


def redact_pupils(records) -> int:
    """Mask every person's name among the award recipients wherever the records hold text; a body that
    is awarded (区发展改革委) keeps its name. Returns the names masked."""
    names = sorted({e.name for e in records.tables.get("awards", []) if e.name and _is_person(e)}, key=len, reverse=True)
    if not names:
        return 0
    # as printed too: two-character names letter-spaced (罗 萱)
    pattern = re.compile("|".join(re.escape(n) if len(n) != 2 else f"{re.escape(n[0])} ?{re.escape(n[1])}" for n in names))

    def mask(text: str) -> str:
        return pattern.sub(lambda m: "".join("＊" if c != " " else " " for c in m.group(0)), text)

    for e in records.tables["awards"]:
        if e.name in names:
            e.name = _mask(e.name)
            if getattr(e, "annotation", None):
                e.annotation = None     # 女, an ethnic group: personal too
    for doc in records.parsed.documents:
        for p in doc.paragraphs:
            p.text = mask(p.text)
        for a in doc.annexes:
            for p in a.paragraphs:
                p.text = mask(p.text)
            a.lines = [(no, mask(t)) for no, t in a.lines]
    for c in records.citations:
        c.quote = mask(c.quote)
    for check in records.table_checks:
        check["check"] = mask(check.get("check", ""))
        check["message"] = mask(check.get("message", ""))
    return len(names)
