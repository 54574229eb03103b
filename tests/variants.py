"""Variants of a real gazette text, made the way other PDF extractions differ from ours.

Each keeps the words and changes only the layout: the width lines are wrapped at, where
running headers and page numbers fall, and where page-break spaces are.
"""
from __future__ import annotations

import re
import unicodedata

from gazette.layout import HEADER_RE, PAGE_NO_RES
from gazette.dates import is_date_line
from gazette.orgnames import org_line
from gazette.paragraphs import ITEM_START

HEADER = "重庆市沙坪坝区人民政府公报 2020 年第 2 期"


def _w(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _furniture(line: str) -> bool:
    s = line.strip()
    return bool(HEADER_RE.match(s)) or any(r.match(s) for r in PAGE_NO_RES)


def content_lines(text: str) -> list[str]:
    return [l.strip() for l in text.split("\n") if l.strip() and not _furniture(l)]


TABLE_ROW = re.compile(r"^(ZH\d+|\d{1,3} (?![号年月日])\S|第[一二三四五六七八九十]+条)")


def _wrap(joined: str, width: int) -> list[str]:
    first, cur, rows = True, "", []
    for ch in joined:
        if _w(cur + ch) > (width - 4 if first else width):
            rows.append(cur)
            cur, first = "", False
        cur += ch
    # the last line of a paragraph stays clearly short, as a typesetter leaves it
    if rows and _w(cur) >= width - 6:
        rows.append(cur[:-4])
        cur = cur[-4:]
    rows.append(cur)
    return rows


STANDALONE = re.compile(r"(印发|\d\s*日)$")


def _wrap_body(para: list[str], width: int) -> list[str]:
    """Paragraphs of two lines or more take the new width; a one-line paragraph keeps its line."""
    if len(para) < 2:
        return list(para)
    return _wrap("".join(para), width)


def rewrap(text: str, width: int = 40, full: int = 56) -> str:
    """Re-wrap every paragraph of running text at another width (first line indented by two)."""
    out: list[str] = []
    para: list[str] = []
    for line in content_lines(text):
        structural = STANDALONE.search(line) or org_line(line) or is_date_line(line)
        if TABLE_ROW.match(line) or structural or (para and ITEM_START.match(line)):
            out.extend(_wrap_body(para, width))
            para = []
        if structural:
            out.append(line)
            continue
        if not para and (_w(line) < full - 6 or TABLE_ROW.match(line)):
            out.append(line)
            continue
        para.append(line)
        if _w(line) < full - 6 or line.endswith("："):
            out.extend(_wrap_body(para, width))
            para = []
    if para:
        out.extend(_wrap_body(para, width))
    return "\n\n".join(out) + "\n"


def move_headers(text: str, every: int = 37) -> str:
    """Running header and page number at other places (mid-paragraph, mid-table)."""
    lines = content_lines(text)
    out, page = [], 3
    for i, line in enumerate(lines, 1):
        out.append((" " if i % every == 1 and i > 1 else "") + line)
        if i % every == 0:
            out += ["", HEADER, "", f"- {page} -", ""]
            page += 1
    return "\n\n".join(out) + "\n"


def move_page_breaks(text: str, every: int = 29) -> str:
    """Page-break spaces on other lines than the original ones."""
    lines = content_lines(text)
    return "\n\n".join((" " if i % every == 0 else "") + l for i, l in enumerate(lines)) + "\n"
