"""Rejoin wrapped lines into paragraphs, keeping where every character came from.

A PDF line is full when it reaches the block's usual width; a paragraph ends on a line
clearly shorter than that, on a heading, or before a line that starts a numbered item.
The first line of a paragraph was indented in print (the extraction dropped the indent),
so a complete one-line paragraph is a little short and ends with a stop.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .layout import Line, display_width

ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|[0-9０-９]{1,2}[.．、](?![0-9])|"
    r"第[一二三四五六七八九十百]{1,4}[条章节]|附件)"
)
STOPS = "。！？；：”！"


@dataclass
class Paragraph:
    text: str
    # (offset in text, source line) for each source line the paragraph spans
    line_map: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        line = self.line_map[0][1]
        for off, no in self.line_map:
            if off > offset:
                break
            line = no
        return line

    @property
    def lines(self) -> list[int]:
        return [no for _, no in self.line_map]

    def to_dict(self) -> dict:
        return {"text": self.text, "line_map": [list(x) for x in self.line_map]}


def _w(line: Line) -> int:
    return line.width or display_width(line.text)


def typical_width(lines: list[Line]) -> int:
    widths = [_w(l) for l in lines if _w(l) >= 16]     # a narrow column is still 8 characters wide
    if not widths:
        return max((_w(l) for l in lines), default=0)
    counts = Counter(widths)
    top = max(counts.values())
    mode = max(w for w, c in counts.items() if c == top)
    # neighbours of the mode are full lines too (digits and Latin letters are narrower)
    return mode


# a line ending on these is mid-sentence however short it is (a ragged extraction, a narrow column)
GOES_ON = "，、《〈（“‘,和及与或"
CANNOT_START = re.compile(r"^[，。、；：）》〉”’！？,.;:)]")
UNIT_AFTER_NUMBER = re.compile(r"^[0-9０-９]*(?:年|月|日|号|条|项|个|名|家|万|亿|次|届|%|％)")


def ends_paragraph(line: Line, nxt: Line | None, width: int, open_title: bool = False) -> bool:
    if nxt is None:
        return True
    w = _w(line)
    text = line.text
    if (text[-1] in GOES_ON or open_title) and not ITEM_START.match(nxt.text):
        return False
    if CANNOT_START.match(nxt.text) or text[-1] in "》〉" and nxt.text.startswith(("（", "(")) \
            or text[-1].isdigit() and UNIT_AFTER_NUMBER.match(nxt.text):
        return False    # no paragraph opens on a closing mark, a 文号 after its title, or a number's unit
    if text[-1] not in STOPS and nxt.text.endswith("。") and len(nxt.text) <= 8 and not ITEM_START.match(nxt.text):
        return False    # the short rest of an unfinished sentence (…原通告（沙府发〔2019〕18号） / 同时废止。)
    if w < width - 6:
        return True
    if text[-1] in STOPS and w <= width - 3:
        return True
    if ITEM_START.match(nxt.text) and text[-1] in STOPS + "）)":
        return True
    return False


def join(a: str, b: str) -> str:
    # Chinese wraps without a hyphen or space, numbers included (绿盾 20|20)
    return a + b


def build_paragraphs(lines: list[Line], width: int | None = None) -> list[Paragraph]:
    if not lines:
        return []
    width = width or typical_width(lines)
    paras: list[Paragraph] = []
    cur: Paragraph | None = None
    for i, line in enumerate(lines):
        if cur is None:
            cur = Paragraph(text="", line_map=[])
        joined = join(cur.text, line.text)
        cur.line_map.append((len(joined) - len(line.text), line.no))
        cur.text = joined
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        open_title = cur.text.count("《") > cur.text.count("》") and len(cur.text) - cur.text.rfind("《") < 120
        if ends_paragraph(line, nxt, width, open_title):
            paras.append(cur)
            cur = None
    if cur is not None:
        paras.append(cur)
    return paras
