"""`python build.py query`: SPARQL on the built store, printed as a table, JSON or CSV."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from .store import run_query


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def table(csv_bytes: bytes) -> str:
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8"))))
    if not rows:
        return "(no results)"
    widths = [max(_width(r[i]) if i < len(r) else 0 for r in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(_pad(c, w) for c, w in zip(rows[0], widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(c, w) for c, w in zip(r, widths)) for r in rows[1:]]
    lines.append(f"({len(rows) - 1} row{'s' if len(rows) != 2 else ''})")
    return "\n".join(lines)


def query(out: Path, text: str, fmt: str, timeout: float) -> str:
    if fmt == "json":
        media, body = run_query(out, text, ["application/sparql-results+json"], timeout)
    elif fmt == "csv":
        media, body = run_query(out, text, ["text/csv"], timeout)
    else:
        media, body = run_query(out, text, ["text/csv", "text/turtle"], timeout)
        if media == "text/csv":
            return table(body)
    if media == "application/sparql-results+json":
        return json.dumps(json.loads(body), ensure_ascii=False, indent=1)
    return body.decode("utf-8")
