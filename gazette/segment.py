"""Where documents start: issuer heading + 关于… title (+ 文号), an issuer-led report, or a 令.

Detection rests on the text alone, never on page breaks, so a gazette whose page breaks
fall elsewhere segments the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .docnumber import NumberMatch, number_line
from .genres import ends_like_title
from .layout import Line
from .orgnames import SECTION_LABEL_RE, is_org, org_line
from .paragraphs import join
from .registry import Registry

MAX_TITLE_LINES = 5
REPORT_TITLE_MAX = 40


@dataclass
class Header:
    start: int
    end: int
    kind: str                 # "titled" | "report" | "order"
    issuers: list[str]
    title: str
    title_idx: list[int]
    number: NumberMatch | None = None
    number_idx: int | None = None
    header_idx: list[int] = field(default_factory=list)


def _balanced(text: str) -> bool:
    return text.count("《") == text.count("》") and text.count("〈") == text.count("〉")


def _title_from(lines: list[Line], j: int, n: int) -> tuple[str, list[int]] | None:
    text, idx = "", []
    for k in range(j, min(n, j + MAX_TITLE_LINES)):
        t = lines[k].text
        if "。" in t or (k > j and (org_line(t) or number_line(t))):
            return None
        text = join(text, t)
        idx.append(k)
        if _balanced(text) and ends_like_title(text):
            return text, idx
    return None


def _org_prefix(text: str) -> str | None:
    """The issuer a title line starts with (重庆市人民政府关于… -> 重庆市人民政府)."""
    cut = text.find("关于")
    if cut > 1:
        prefix = text[:cut].strip()
        orgs = org_line(prefix)
        if orgs:
            return prefix
    return None


def detect_start(lines: list[Line], i: int, registry: Registry | None, after_break: bool) -> Header | None:
    n = len(lines)
    j, issuers, hdr = i, [], []
    while j < n and j - i < 4:
        orgs = org_line(lines[j].text)
        if not orgs:
            break
        issuers += orgs
        hdr.append(j)
        j += 1
    number = number_idx = None
    if issuers and j < n:
        nm = number_line(lines[j].text, registry)
        if nm:
            number, number_idx = nm, j
            j += 1
    if j >= n:
        return None
    t = lines[j].text
    title = None
    if t.startswith("关于") and issuers:
        title = _title_from(lines, j, n)
    elif not issuers and _org_prefix(t):
        got = _title_from(lines, j, n)
        if got:
            prefix = _org_prefix(t)
            issuers = org_line(prefix) or []
            title = (got[0][len(prefix):].strip(), got[1])
    if title:
        end = title[1][-1] + 1
        if number is None and end < n:
            nm = number_line(lines[end].text, registry)
            if nm:
                number, number_idx = nm, end
                end += 1
        return Header(i, end, "titled", issuers, title[0], title[1], number, number_idx, hdr)
    if issuers:
        return None
    return _report(lines, i, after_break, registry)


ORDER_HEAD = re.compile(r"^(?P<org>.+?)令$")
ORDER_NO = re.compile(r"^第\s*[0-9０-９]+\s*号$")


def _order_line(lines: list[Line], i: int, registry: Registry | None) -> Header | None:
    m = ORDER_HEAD.match(lines[i].text)
    if not m or not is_org(m["org"]) or i + 1 >= len(lines) or not ORDER_NO.match(lines[i + 1].text):
        return None
    nm = number_line(lines[i].text + lines[i + 1].text, registry)
    if not nm or not nm.number:
        return None
    return Header(i, i + 2, "order", [m["org"]], nm.number.canonical, [i], nm, i + 1, [i])


def _report(lines: list[Line], i: int, after_break: bool, registry: Registry | None) -> Header | None:
    order = _order_line(lines, i, registry)
    if order:
        return order
    t = lines[i].text
    if len(t) > REPORT_TITLE_MAX or "关于" in t or any(c in t for c in "。，；：《"):
        return None
    if not ends_like_title(t):
        return None
    prefix = None
    for cut in range(len(t) - 2, 1, -1):
        if is_org(t[:cut]):
            prefix = t[:cut]
            break
    if not prefix:
        return None
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    if not (after_break or nxt.startswith(("—", "──", "－－")) or number_line(nxt, registry)):
        return None
    return Header(i, i + 1, "report", [prefix], t, [i], None, None, [])


def is_section_label(line: Line) -> bool:
    return bool(SECTION_LABEL_RE.match(line.text))
