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

# a running header: the series name, the year and the issue, in the forms gazettes print them
# (…公报 2020年第2期, …公报 2021年第2期（总第236期）, …公报 2022·16, …公报 2022年第16号), with the page
# number before or after it on the same line in some layouts
_PAGE = r"(?:[-－—–·•]?\s*\d{1,4}\s*[-－—–·•]?)"
_ISSUE = (r"(?P<year>\d{4})\s*(?:年\s*第\s*(?P<no>\d{1,3})\s*[期号]|[·.．]\s*(?P<no2>\d{1,3}))"
          r"(?:\s*[（(]\s*总第\s*(?P<total>\d{1,5})\s*[期号]\s*[）)])?")
HEADER_PARTS_RE = re.compile(rf"^(?:{_PAGE}\s+)?(?P<series>\S.{{1,40}}?公报)\s*{_ISSUE}(?:\s+{_PAGE})?$")
HEADER_RE = HEADER_PARTS_RE
PAGE_NO_RES = (
    re.compile(r"^[-－—–]\s*\d{1,4}\s*[-－—–]$"),
    re.compile(r"^第\s*\d{1,4}\s*页$"),
    re.compile(r"^[·•]\s*\d{1,4}\s*[·•]$"),
)
# a page number printed as a bare number is one only beside a running header or at the end of the text
BARE_PAGE_NO = re.compile(r"^\d{1,4}$")
# a line printed on many pages is furniture even in a form not listed above
RECURRING_MIN = 3


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


def _recurring_headers(stripped: list[str]) -> set[str]:
    """Lines that recur, with their digits set aside, on several pages and name a 公报: the running
    header of a layout whose form HEADER_PARTS_RE does not know."""
    from collections import Counter
    shapes = Counter(re.sub(r"[\d\s]", "", s) for s in stripped if "公报" in s and len(s) <= 60)
    return {k for k, v in shapes.items() if v >= RECURRING_MIN and len(k) >= 4}


def _header(stripped: str, recurring: set[str]) -> dict | None:
    m = HEADER_PARTS_RE.match(stripped)
    if m:
        return {"series": m["series"], "year": int(m["year"]), "number": int(m["no"] or m["no2"]),
                "total": int(m["total"]) if m["total"] else None}
    if re.sub(r"[\d\s]", "", stripped) in recurring:
        return {"series": None, "year": None, "number": None, "total": None}
    return None


def classify(raw_lines: list[str], page_breaks: set[int] = frozenset()) -> tuple[list[Line], dict[int, str], list[dict]]:
    """Content lines, the reason each other line was dropped, and the running headers seen.
    `page_breaks` are lines a form feed opened a page with."""
    content: list[Line] = []
    dropped: dict[int, str] = {}
    headers: list[dict] = []
    stripped_all = [normalise_spaces(raw) for raw in raw_lines]
    recurring = _recurring_headers(stripped_all)
    header_at = {no: h for no, s in enumerate(stripped_all, 1) if s and (h := _header(s, recurring))}
    filled = [no for no, s in enumerate(stripped_all, 1) if s]
    neighbours = {}
    for k, no in enumerate(filled):
        neighbours[no] = (filled[k - 1] if k else None, filled[k + 1] if k + 1 < len(filled) else None)
    last = filled[-1] if filled else None
    pending_break = False
    for no, raw in enumerate(raw_lines, 1):
        stripped = stripped_all[no - 1]
        if no in page_breaks:
            pending_break = True
        if not stripped:
            dropped[no] = "blank"
            continue
        if raw[:1] in (" ", "\u3000", "\t"):
            pending_break = True
        if no in header_at:
            dropped[no] = "running header"
            headers.append({"line": no, **header_at[no]})
            pending_break = True
            continue
        prev, nxt = neighbours[no]
        if any(r.match(stripped) for r in PAGE_NO_RES) or (
                BARE_PAGE_NO.match(stripped) and (prev in header_at or nxt in header_at or no == last)):
            dropped[no] = "page number"
            pending_break = True
            continue
        content.append(Line(no=no, raw=raw, text=collapse_letter_spacing(stripped), page_start=pending_break,
                            width=display_width(stripped)))
        pending_break = False
    return content, dropped, headers
