"""Page furniture: running headers, page numbers, page-break marks and letter spacing.

The PDF extraction marks a page break only by a leading space, repeats the running header
and the page number wherever the page ended (mid-sentence or mid-table), and prints some
words letter-spaced. This module turns raw lines into content lines and says why each
dropped line was dropped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HEADER_RE = re.compile(r"^\S.{1,40}?公报\s*\d{4}\s*年\s*第\s*\d{1,3}\s*期$")
HEADER_PARTS_RE = re.compile(r"^(?P<series>.{2,40}?公报)\s*(?P<year>\d{4})\s*年\s*第\s*(?P<no>\d{1,3})\s*期$")
PAGE_NO_RES = (
    re.compile(r"^[-－—–]\s*\d{1,4}\s*[-－—–]$"),
    re.compile(r"^第\s*\d{1,4}\s*页$"),
    re.compile(r"^[·•]\s*\d{1,4}\s*[·•]$"),
)


@dataclass
class Line:
    no: int            # 1-based source line number
    raw: str
    text: str          # stripped, letter spacing collapsed
    page_start: bool   # the extraction marked a page break before this line
    width: int = 0     # printed width, letter spacing included (a letter-spaced line is a full line)


def is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and ch.isalpha()


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def collapse_letter_spacing(text: str) -> str:
    """名 词 解 释 -> 名词解释; 罗 萱 重庆市南开中学校 -> 罗萱 重庆市南开中学校.

    Two or more single CJK characters in a row, each separated by one space, are one word
    printed letter-spaced. A single CJK character between longer tokens is left alone.
    """
    tokens = text.split(" ")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run.clear()

    for tok in tokens:
        if len(tok) == 1 and is_cjk(tok):
            run.append(tok)
        else:
            flush()
            out.append(tok)
    flush()
    return " ".join(out)


def normalise_spaces(text: str) -> str:
    text = text.replace("\u3000", " ").replace("\t", " ")
    return re.sub(r" {2,}", " ", text).strip()


def classify(raw_lines: list[str]) -> tuple[list[Line], dict[int, str], list[dict]]:
    """Content lines, the reason each other line was dropped, and the running headers seen."""
    content: list[Line] = []
    dropped: dict[int, str] = {}
    headers: list[dict] = []
    pending_break = False
    for no, raw in enumerate(raw_lines, 1):
        stripped = normalise_spaces(raw)
        if not stripped:
            dropped[no] = "blank"
            continue
        if raw[:1] in (" ", "\u3000", "\t"):
            pending_break = True
        m = HEADER_PARTS_RE.match(stripped) if HEADER_RE.match(stripped) else None
        if m:
            dropped[no] = "running header"
            headers.append({"line": no, "series": m["series"], "year": int(m["year"]), "number": int(m["no"])})
            pending_break = True
            continue
        if any(r.match(stripped) for r in PAGE_NO_RES):
            dropped[no] = "page number"
            pending_break = True
            continue
        content.append(Line(no=no, raw=raw, text=collapse_letter_spacing(stripped), page_start=pending_break,
                            width=display_width(stripped)))
        pending_break = False
    return content, dropped, headers
