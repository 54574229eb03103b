"""发文字号: find, parse and print document numbers in canonical GB/T 9704 form.

Annual series: 代字〔年〕N号, in the wild with [], （）, 【】, ［］ brackets, stray spaces and
full-width digits. Order series: 国务院令第639号. Blank form templates (〔20 〕第 号),
dates and phone numbers are not numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .registry import Registry

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
OPEN = "〔[（(【［"
CLOSE = "〕]）)】］"
_D = "0-9０-９"
_CJK = "\u4e00-\u9fff"

ANNUAL_RE = re.compile(
    rf"(?P<code>[{_CJK}]{{1,14}})\s*[{re.escape(OPEN)}]\s*(?P<year>[{_D}][{_D} ]{{0,6}}?)\s*年?\s*[{re.escape(CLOSE)}]"
    rf"\s*第?\s*(?P<num>[{_D}]{{1,5}})\s*号"
)
# the form used before GB/T 9704-1999, the year first in round brackets: （78）交公路字412号, (1985)国办发12号
OLD_STYLE_RE = re.compile(rf"[（(]\s*(?P<year>[{_D}]{{2}}|(?:19|20)[{_D}]{{2}})\s*[）)]\s*"
                          rf"(?P<code>[{_CJK}]{{1,10}}?(?:字|发|函))\s*第?\s*(?P<num>[{_D}]{{1,5}})\s*号")
# a number printed without its brackets: 沙府发2020 39号
BARE_RE = re.compile(rf"(?P<code>[{_CJK}]{{1,14}})\s*(?P<year>(?:19|20)[0-9]{{2}})\s+(?P<num>[0-9]{{1,5}})\s*号")
ORDER_RE = re.compile(rf"(?P<issuer>[{_CJK}]{{2,24}}?)令\s*第\s*(?P<num>[{_D}]{{1,5}})\s*号")
# words that precede a 代字 in running text but are never part of one
LEAD_WORDS = re.compile(r"^.*?(?:根据|依据|按照|参照|贯彻落实|贯彻|落实|转发|印发|废止|关于|原|的|了|(?<!共)和|及|与|见|即|由|将|在|对|为|是|按|以)")
ORDER_ISSUER_END = re.compile(r"(国务院|政府|委员会|主席|部|局|厅)$")


@dataclass(frozen=True)
class DocNumber:
    code: str          # 代字 (for the order series: issuer + 令)
    year: int | None   # None for the order series
    number: int
    series: str        # "annual" | "order"

    @property
    def canonical(self) -> str:
        if self.series == "order":
            return f"{self.code}第{self.number}号"
        return f"{self.code}〔{self.year}〕{self.number}号"

    def to_dict(self) -> dict:
        return {"canonical": self.canonical, "code": self.code, "year": self.year,
                "number": self.number, "series": self.series}


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    raw: str
    number: DocNumber | None
    problem: str | None = None   # set when the text looks like a number but is malformed


def _digits(s: str) -> str:
    return s.translate(FULLWIDTH_DIGITS).replace(" ", "")


def trim_code(run: str, registry: Registry | None) -> tuple[str, int]:
    """The 代字 at the end of a run of CJK text, and where it starts in the run."""
    m = LEAD_WORDS.match(run)
    cut = m.end() if m and m.end() < len(run) else 0
    if registry is not None:
        hit = registry.match_code(run)
        # one character left before a known 代字 is part of the 代字, not a word of the sentence: 川财预 is
        # Sichuan's finance department, not the ministry's 财预, and 渝国资发 is not 国资发
        if hit and len(run) - len(hit.code) - cut != 1:
            return hit.code, len(run) - len(hit.code)
    code = run[cut:]
    if len(code) > 6:
        cut += len(code) - 6
        code = code[-6:]
    return code, cut


def _order_issuer(run: str, registry: Registry | None) -> tuple[str, int]:
    if registry is not None:
        hit = registry.match_code(run + "令")
        if hit:
            cut = len(run) - (len(hit.code) - 1)
            # 中华人民共和国国务院令: the state's name is part of the printed number, not running text
            return hit.code[:-1], 0 if run[:cut] == "中华人民共和国" else cut
    m = LEAD_WORDS.match(run)
    cut = m.end() if m and m.end() < len(run) else 0
    return run[cut:], cut


def find_numbers(text: str, registry: Registry | None = None) -> list[NumberMatch]:
    """Every document number in text, in order; malformed ones carry a problem."""
    found: list[NumberMatch] = []
    taken: list[tuple[int, int]] = []
    for m in ANNUAL_RE.finditer(text):
        code, cut = trim_code(m["code"], registry)
        start = m.start("code") + cut
        year = _digits(m["year"])
        num = int(_digits(m["num"]))
        if len(year) != 4:
            found.append(NumberMatch(start, m.end(), text[start:m.end()], None,
                                     f"year '{m['year'].strip()}' is not four digits"))
        elif num == 0:
            found.append(NumberMatch(start, m.end(), text[start:m.end()], None, "serial number 0"))
        else:
            found.append(NumberMatch(start, m.end(), text[start:m.end()], DocNumber(code, int(year), num, "annual")))
        taken.append((m.start(), m.end()))
    for m in OLD_STYLE_RE.finditer(text):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        year = _digits(m["year"])
        year = ("19" + year) if len(year) == 2 else year
        found.append(NumberMatch(m.start(), m.end(), text[m.start():m.end()],
                                 DocNumber(m["code"], int(year), int(_digits(m["num"])), "annual")))
        taken.append((m.start(), m.end()))
    for m in ORDER_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        issuer, cut = _order_issuer(m["issuer"], registry)
        if not ORDER_ISSUER_END.search(issuer) and not (registry and registry.codes.get(issuer + "令")):
            continue
        start = m.start("issuer") + cut
        found.append(NumberMatch(start, m.end(), text[start:m.end()],
                                 DocNumber(issuer + "令", None, int(_digits(m["num"])), "order")))
        taken.append((m.start(), m.end()))
    for m in BARE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        code, cut = trim_code(m["code"], registry)
        known = registry is not None and registry.codes.get(code)
        if known or code.endswith(("发", "函", "规", "令", "字")):
            start = m.start("code") + cut
            found.append(NumberMatch(start, m.end(), text[start:m.end()], None,
                                     "document number without brackets around the year"))
    found.sort(key=lambda n: n.start)
    return found


def parse_number(text: str, registry: Registry | None = None) -> DocNumber | None:
    """The number a whole string is (沙府发〔2020〕39 号), or None."""
    s = text.strip()
    for n in find_numbers(s, registry):
        if n.number and n.start == 0 and n.end == len(s):
            return n.number
    return None


NUMBER_LINE_HINT = re.compile(rf"^[{_CJK}]{{1,14}}\s*(?:[{re.escape(OPEN)}].*[{re.escape(CLOSE)}]|(?:19|20)\d\d\s)\s*第?\s*[{_D}]*\s*号$")


def number_line(text: str, registry: Registry | None = None) -> NumberMatch | None:
    """A line that is a document number and nothing else (valid or malformed)."""
    s = text.strip()
    matches = [n for n in find_numbers(s, registry) if n.start == 0 and n.end == len(s)]
    if matches:
        return matches[0]
    if NUMBER_LINE_HINT.match(s) and len(s) <= 30:
        return NumberMatch(0, len(s), s, None, "not a document number of the form 代字〔年〕N号")
    return None
