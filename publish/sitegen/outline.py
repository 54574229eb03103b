"""The structure of a document's text: chapters (第一章), sections (第一节), articles (第十一条) and numbered
points (一、 （一） 1. （1）), each with a stable anchor, so that "第十一条 of X" can be cited as X#art_11.

Pure functions of the paragraphs' text. Anchors follow the ELI habit of naming a subdivision by its
kind and number (art_11, chp_2); numbered points nest (pt_1, pt_1_2, pt_1_2_3). An annex's anchors are
prefixed with it (annex_2-art_11), and an anchor met twice in one text gets a suffix, never a clash."""
from __future__ import annotations

import re
from dataclasses import dataclass

from gazette.numerals import CHARS, cn_int

_CN = CHARS + "两"

CHAPTER = re.compile(rf"^第([{_CN}]+)章")
SECTION = re.compile(rf"^第([{_CN}]+)节")
ARTICLE = re.compile(rf"^第([{_CN}]+|\d{{1,3}})条")
POINT_1 = re.compile(r"^([一二三四五六七八九十]{1,3})、")
POINT_2 = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")
POINT_3 = re.compile(r"^(\d{1,2})[.．、](?!\d)")
POINT_4 = re.compile(r"^[（(](\d{1,2})[）)]")
# a numbered point that is a heading: short, and not a sentence
HEADING_MAX = 32
_SENTENCE_END = ("。", "；", ";", "：", ":", "，")


@dataclass(frozen=True)
class Mark:
    kind: str          # chapter | section | article | point
    depth: int         # 1 chapter / point 一、, deeper for nested points
    number: int
    anchor: str
    heading: bool      # shown as a heading and listed in the table of contents


def _is_heading(text: str, m: re.Match) -> bool:
    rest = text[m.end():].strip()
    return bool(rest) and len(text) <= HEADING_MAX and not rest.endswith(_SENTENCE_END) and "。" not in rest


def outline(texts: list[str], prefix: str = "") -> list[Mark | None]:
    """For each paragraph, its mark, or None for running text."""
    marks: list[Mark | None] = []
    points: list[int] = []            # the open numbered points, outermost first
    levels: list[re.Pattern] = []     # which pattern opened each level, so 1. under （一） nests
    used: dict[str, int] = {}
    scope = ""                        # points inside an article are named under it: art_11-pt_1

    def unique(anchor: str) -> str:
        anchor = prefix + anchor
        used[anchor] = used.get(anchor, 0) + 1
        return anchor if used[anchor] == 1 else f"{anchor}-{used[anchor]}"

    for text in texts:
        text = text.strip()
        mark = None
        for kind, pattern in (("chapter", CHAPTER), ("section", SECTION), ("article", ARTICLE)):
            m = pattern.match(text)
            n = cn_int(m.group(1)) if m else None
            if n is not None:
                points.clear()
                levels.clear()
                short = {"chapter": "chp", "section": "sec", "article": "art"}[kind]
                mark = Mark(kind, {"chapter": 1, "section": 2, "article": 3}[kind], n, unique(f"{short}_{n}"),
                            kind != "article" or _is_heading(text, m))
                scope = f"{short}_{n}-" if kind == "article" else ""
                break
        if mark is None:
            for pattern in (POINT_1, POINT_2, POINT_3, POINT_4):
                m = pattern.match(text)
                if not m:
                    continue
                n = int(m.group(1)) if m.group(1).isdigit() else cn_int(m.group(1))
                if n is None:
                    continue
                if pattern in levels:
                    depth = levels.index(pattern)
                    del levels[depth + 1:], points[depth + 1:]
                    points[depth] = n
                else:
                    levels.append(pattern)
                    points.append(n)
                mark = Mark("point", len(points), n, unique(scope + "pt_" + "_".join(map(str, points))), _is_heading(text, m))
                break
        marks.append(mark)
    return marks
