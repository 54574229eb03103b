"""Totals the text states (尹艺臻等 10 人, 等 31 项, 优先保护单元 9 个) checked against the rows read."""
from __future__ import annotations

import re


def _find(doc, pattern: re.Pattern):
    for p in doc.paragraphs:
        for m in pattern.finditer(p.text):
            yield m, p.line_at(m.start())


def check_first_named(doc, first: str, rows: int, what: str, path: str) -> list[dict]:
    """'<first row's name>等 N 人/项' in the notice must count the rows."""
    pat = re.compile(re.escape(first) + r"”?\s*等\s*(?P<n>\d+)\s*(?P<u>人|项|个|名|家|件)")
    out = []
    for m, line in _find(doc, pat):
        stated = int(m["n"])
        out.append({"check": f"{what}: {first}等{stated}{m['u']}", "file": path, "line": line, "stated": stated,
                    "parsed": rows, "ok": stated == rows,
                    "message": f"the text states {first}等{stated}{m['u']} but {rows} rows of {what} were read"})
    return out


def check_counted(doc, label: str, rows: int, what: str, path: str) -> list[dict]:
    """'N 个<label>' or '<label> N 个' in the text must count the rows."""
    pat = re.compile(rf"(?:(?P<a>\d+)\s*个\s*{re.escape(label)}|{re.escape(label)}\s*(?P<b>\d+)\s*个)")
    out = []
    for m, line in _find(doc, pat):
        stated = int(m["a"] or m["b"])
        out.append({"check": f"{what}: {label} {stated}", "file": path, "line": line, "stated": stated,
                    "parsed": rows, "ok": stated == rows,
                    "message": f"the text states {stated} {label} but {rows} were read in {what}"})
    return out
