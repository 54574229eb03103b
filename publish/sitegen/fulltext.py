"""A document's text laid out as a document: the body with its headings and anchors, the closing block
as printed (附件 list, signature, date, 公开 note), each annex under its 附件N heading, the 印发 line;
a table of contents; and, where an annex is a table the build read row by row, the rows as a real
table in place of the PDF's broken lines.

Pure: it takes the document record, a function that marks up one paragraph, and the table rows read
from the text (each with its source lines), and returns plain dicts for the template."""
from __future__ import annotations

from dataclasses import dataclass, field

from publish.sitegen.facts import day
from publish.sitegen.outline import outline

TOC_TEXT = 40
_HEADER_MAX = 40       # a table's printed header row: short, and no sentence in it
_FRAGMENT_MAX = 12     # a cell's words broken onto lines of their own


@dataclass
class TableRows:
    """Rows of one kind read from the text, in source order: cells already marked up by the caller."""
    kind: str
    columns: list[tuple[str, str]]        # (zh, en)
    rows: list[dict] = field(default_factory=list)   # {"first": line, "last": line, "cells": [...]}


def _lines(p) -> tuple[int, int]:
    nums = [no for _, no in p.line_map] or [0]
    return min(nums), max(nums)


def _outside(p, first: int, last: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Where in a paragraph the text printed before a table's first row and after its last lies (a note
    such as （按姓氏笔画排序） run into the rows by the PDF's extraction), as character ranges, so that the
    table replaces only rows."""
    offsets = p.line_map + [(len(p.text), None)]
    before = [(off, end) for (off, no), (end, _) in zip(offsets, offsets[1:]) if no < first]
    after = [(off, end) for (off, no), (end, _) in zip(offsets, offsets[1:]) if no > last]
    span = lambda parts: (parts[0][0], parts[-1][1]) if parts and p.text[parts[0][0]:parts[-1][1]].strip() else None  # noqa: E731
    return span(before), span(after)


def cut(segs: list[dict], start: int, end: int) -> list[dict]:
    """The marked-up segments of a paragraph between two character offsets."""
    out, pos = [], 0
    for seg in segs:
        a, b = pos, pos + len(seg["text"])
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(dict(seg, text=seg["text"][lo - a:hi - a]) if (lo, hi) != (a, b) else seg)
    return out


def _cell_fragment(text: str) -> bool:
    """A piece of a table cell the PDF's lines left on its own (空间布局 / 约束): short, no sentence, no
    numbered heading. A heading among the rows means they were read from running text."""
    text = text.strip()
    return len(text) <= _FRAGMENT_MAX and "。" not in text and outline([text])[0] is None


def place_tables(paragraphs, tables: list[TableRows]) -> tuple[dict[int, TableRows], dict[int, tuple[str, str]]]:
    """Where each table goes among the paragraphs, and which paragraphs it replaces: a table the PDF broke
    into lines is replaced whole, with the printed header just before its first row. A replaced
    paragraph's text outside the rows is kept: {index: (before, after)}. Rows read from running text (tasks
    numbered in prose, with headings between them) are not a table: where a paragraph among the rows holds
    no row, the text stays as printed. Only rows that lie among these paragraphs count."""
    at: dict[int, TableRows] = {}
    replaced: dict[int, tuple[str, str]] = {}
    spans = [_lines(p) for p in paragraphs]
    if not spans:
        return at, replaced
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    for t in tables:
        rows = [r for r in t.rows if lo <= r["first"] <= hi]
        if not rows:
            continue
        first, last = min(r["first"] for r in rows), max(r["last"] for r in rows)
        inside = [i for i, (a, b) in enumerate(spans) if a <= last and b >= first and i not in replaced]
        if not inside:
            continue
        row_lines = [(r["first"], r["last"]) for r in rows]
        if not all(any(spans[i][0] <= rl and spans[i][1] >= rf for rf, rl in row_lines) or _cell_fragment(paragraphs[i].text)
                   for i in inside):
            continue
        start = inside[0]
        # the header row printed just before the first row: one or two short lines, no sentence
        while start > 0 and inside[0] - start < 2 and start - 1 not in replaced and spans[start - 1][1] < first:
            text = paragraphs[start - 1].text.strip()
            if len(text) > _HEADER_MAX or "。" in text or "：" in text or text.startswith(("（", "(")):
                break       # a sentence, or a note in brackets (（按姓氏笔画排序）), is text, not the header
            start -= 1
        for i in range(start, inside[-1] + 1):
            replaced[i] = _outside(paragraphs[i], first, last) if i in inside else (None, None)
        at[start] = TableRows(t.kind, t.columns, rows)
    return at, replaced


def closing(attachments: list[str], signature, disclosure: str | None) -> dict | None:
    """The block after the text as the document prints it: 附件 list, signature, date, 公开 note."""
    if not attachments and signature is None and not disclosure:
        return None
    return {"attachments": list(attachments),
            "bodies": list(signature.bodies) if signature is not None else [],
            "date": day(signature.date) if signature is not None else None,
            "disclosure": disclosure}


def _sources(doc) -> list[tuple]:
    """The document's parts: (location, annex or None, paragraphs, anchor prefix, 附件 label)."""
    out = [("body", None, doc.paragraphs, "", None)]
    for n, a in enumerate(doc.annexes, 1):
        label = (f"附件{a.number}" if a.number else (a.label or "")) if a.kind == "attachment" else ""
        out.append((f"annex {n}", a, a.paragraphs, f"annex_{n}-", label))
    return out


def layout(doc, mark_up, tables: list[TableRows]) -> dict:
    """{'parts': [{'heading', 'anchor', 'blocks', 'closing'}], 'toc': [...], 'printed': {...}, 'anchors': {...}}.
    `mark_up(location, index, paragraph)` gives a paragraph's segments (citations and terms linked);
    `anchors` gives each paragraph's place on the page by (location, index): its own anchor, or that of
    the table that replaced it."""
    parts, toc, anchors = [], [], {}
    for loc, annex, paras, prefix, label in _sources(doc):
        marks = outline([p.text for p in paras], prefix)
        at, replaced = place_tables(paras, tables)
        blocks = []
        last_level = 2 if annex is None else 3
        table_anchor = prefix.rstrip("-") or "text"
        for i, p in enumerate(paras):
            before, after = replaced.get(i, (None, None))
            if before:
                blocks.append({"kind": "para", "anchor": f"{prefix}para_{i + 1}", "depth": 0,
                               "segs": cut(mark_up(loc, i, p), *before)})
            if i in at:
                t = at[i]
                table_anchor = f"{prefix}table_{t.kind}"
                blocks.append({"kind": "table", "columns": t.columns, "rows": t.rows, "table_kind": t.kind,
                               "anchor": table_anchor})
            if after:
                blocks.append({"kind": "para", "anchor": f"{prefix}para_{i + 1}-after", "depth": 0,
                               "segs": cut(mark_up(loc, i, p), *after)})
            if i in replaced:
                anchors[(loc, i)] = table_anchor
                continue
            m = marks[i]
            anchor = m.anchor if m else f"{prefix}para_{i + 1}"
            anchors[(loc, i)] = anchor
            # headings nest under 全文 (h2) and an annex's heading (h3), never more than one level deeper
            # than the heading before them
            level = min(6, (2 if annex is None else 3) + (m.depth if m else 1), last_level + 1)
            if m and m.heading:
                last_level = level
            blocks.append({"kind": "heading" if m and m.heading else "para", "anchor": anchor,
                           "depth": m.depth if m else 0, "level": level, "segs": mark_up(loc, i, p)})
            if m and (m.heading or m.kind in ("chapter", "section")) and m.depth <= 2:
                toc.append({"anchor": anchor, "text": _clip(p.text), "depth": m.depth + (1 if annex is not None else 0)})
        part = {"anchor": prefix.rstrip("-") or "text", "blocks": blocks}
        if annex is None:
            part["closing"] = closing(doc.attachments, doc.signature, doc.disclosure)
        else:
            part["heading"] = {"label": label, "title": annex.title}
            part["closing"] = closing(annex.attachments, annex.signature, None)
            toc.append({"anchor": part["anchor"], "text": " ".join(x for x in (label, annex.title) if x), "depth": 0,
                        "annex": True})
        parts.append(part)
    # the table of contents in reading order: annex headings before their own entries
    order = {p["anchor"]: i for i, p in enumerate(parts)}
    toc.sort(key=lambda e: (order.get(e["anchor"].split("-", 1)[0] if "-" in e["anchor"] else e["anchor"], 0),
                            not e.get("annex", False)))
    printed = None
    if doc.printed_by is not None:
        printed = {"office": doc.printed_by.office, "date": day(doc.printed_by.date)}
    return {"parts": parts, "toc": toc, "printed": printed, "anchors": anchors}


def _clip(text: str) -> str:
    text = text.strip()
    return text if len(text) <= TOC_TEXT else text[:TOC_TEXT] + "…"
