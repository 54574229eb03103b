"""Where documents start: issuer heading + 关于… title (+ 文号), an issuer-led report, or a 令.

Detection rests on the text alone, never on page breaks, so a gazette whose page breaks
fall elsewhere segments the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .docnumber import NumberMatch, number_line
from .genres import TEXT_KINDS, ends_like_title
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
    issuer_text: str = ""     # the bodies as the heading prints them, to head the full title

_ENCLOSED = re.compile(r"^[（(]\s*(?P<n>.+?)\s*[）)]$")
_OPEN_NUMBER = re.compile(r"[〔\[【［]\s*[0-9０-９]{4}\s*[〕\]】］]\s*第?$")


def number_at(lines: list[Line], j: int, registry: Registry | None):
    """The document number printed at lines[j], as (match, lines it takes): alone on its line, in
    parentheses under the title (（国发〔2016〕56号）), or wrapped after its year (冀政发〔2017〕 / 9 号)."""
    texts = [lines[j].text.strip()]
    if _OPEN_NUMBER.search(texts[0]) and j + 1 < len(lines):
        texts.append(texts[0] + lines[j + 1].text.strip())
    for span, text in enumerate(texts, 1):
        m = _ENCLOSED.match(text)
        for cand in ([m["n"]] if m else []) + [text]:
            nm = number_line(cand, registry)
            if nm and (nm.number or cand == text and span == 1):
                return nm, span
    return None


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


# where the 事由 begins after the bodies on a title line: 关于…, or 印发《…》/印发关于… (a body issuing a text)
_MATTER = re.compile(r"关于|印发(?=[《关])|转发(?=[《关])|批转(?=[《关])")


def _org_prefix(text: str) -> str | None:
    """The issuer a title line starts with (重庆市人民政府关于… -> 重庆市人民政府)."""
    m = _MATTER.search(text)
    if m and m.start() > 1:
        prefix = text[:m.start()].strip()
        orgs = org_line(prefix.replace("\u3000", " "))
        if orgs:
            return prefix
    return None


def _printed_bodies(lines: list[Line], idx: list[int]) -> str:
    """The bodies of a heading as the title prints them: one line as it stands, several joined by 、."""
    return "、".join(re.sub(r"\s+", "", lines[k].text) for k in idx)


def detect_start(lines: list[Line], i: int, registry: Registry | None, after_break: bool) -> Header | None:
    n = len(lines)
    if i > 0 and lines[i - 1].text.rstrip().endswith(("、", "，", ",")):
        return None     # the list before goes on: a body named here is one of its items, not a heading
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
        got = number_at(lines, j, registry)
        if got:
            number, number_idx = got[0], j
            j += got[1]
    if j >= n:
        return None
    t = lines[j].text
    title = None
    printed = _printed_bodies(lines, hdr)
    if issuers and (t.startswith("关于") or _MATTER.match(t)):
        title = _title_from(lines, j, n)
    elif not issuers and _org_prefix(t):
        got = _title_from(lines, j, n)
        if got:
            prefix = _org_prefix(t)
            issuers = org_line(prefix.replace("\u3000", " ")) or []
            printed = re.sub(r"\s+", "", prefix)
            title = (got[0][len(prefix):].strip(), got[1])
    if title:
        end = title[1][-1] + 1
        if number is None and end < n:
            got = number_at(lines, end, registry)
            if got:
                number, number_idx = got[0], end
                end += got[1]
        return Header(i, end, "titled", issuers, title[0], title[1], number, number_idx, hdr, printed)
    if issuers:
        return None
    if BARE_GENRE.match(t) and i + 1 < n and len(lines[i + 1].text) > 8 and not number_line(lines[i + 1].text, registry):
        # a notice headed by its 文种 alone (公示, 公告): the body that issues it signs at the end
        return Header(i, i + 1, "titled", [], t, [i], None, None, [], "")
    return _report(lines, i, after_break, registry)


BARE_GENRE = re.compile(r"^(?:公示|公告|通告|启事|声明)$")


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


RULES_TITLE = re.compile(rf"^\S.{{1,38}}(?:{'|'.join(TEXT_KINDS)})(?:（[^（）]{{1,8}}）)?$")
ARTICLE_START = re.compile(r"^第[一二三四五六七八九十]+[条章]")


def _rules(lines: list[Line], i: int, after_break: bool, registry: Registry | None) -> Header | None:
    """Rules or regulations printed under their own title (a 令's text, a reproduced 条例): the title,
    then the order heading (…政府令 / 第N号), its number, or straight away the first article."""
    t = lines[i].text
    if not RULES_TITLE.match(t) or any(c in t for c in "。，；：《》") or i + 1 >= len(lines):
        return None
    order = _order_line(lines, i + 1, registry)
    if order:
        return Header(i, order.end, "order", order.issuers, t, [i], order.number, order.number_idx, order.header_idx,
                      "")
    nm = number_line(lines[i + 1].text, registry)
    if nm and nm.number:
        return Header(i, i + 2, "order" if "令" in nm.number.code else "rules", [], t, [i], nm, i + 1, [], "")
    if (after_break or lines[i].page_start) and ARTICLE_START.match(lines[i + 1].text):
        return Header(i, i + 1, "rules", [], t, [i], None, None, [], "")
    return None


def _report(lines: list[Line], i: int, after_break: bool, registry: Registry | None) -> Header | None:
    order = _order_line(lines, i, registry) or _rules(lines, i, after_break, registry)
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
