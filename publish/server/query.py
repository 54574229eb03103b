"""`python build.py query`: SPARQL on the built store, printed as a table, JSON or CSV."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

from publish.outputs.store import run_query


# what a terminal would act on rather than show: control characters (an escape sequence can rewrite the
# screen or the title bar) and the direction overrides that reorder what is shown
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]")


def terminal_safe(text: str, keep_newlines: bool = True) -> str:
    """Text with every character a terminal would act on shown as its escape (\\x1b, \\u202e)."""
    def esc(m: re.Match) -> str:
        c = ord(m.group(0))
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    text = _UNSAFE.sub(esc, text)
    return text if keep_newlines else text.replace("\n", "\\n").replace("\t", "\\t")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def table(csv_bytes: bytes) -> str:
    rows = [[terminal_safe(c, keep_newlines=False) for c in r] for r in csv.reader(io.StringIO(csv_bytes.decode("utf-8")))]
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
