"""Intangible-heritage lists (非物质文化遗产代表性项目名录): one record per inscribed item."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .tables import Column, detect_columns, read_table
from .text import tidy

ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10,
         "Ⅺ": 11, "Ⅻ": 12}
ASCII_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X",
               11: "XI", 12: "XII"}
CODE_RE = re.compile(r"(?P<r>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[IVX]{1,4})\s*[—\-－–―]{1,2}\s*(?P<n>\d{1,4})")
BATCH_RE = re.compile(r"第(?P<b>[一二三四五六七八九十\d]{1,3})批")
LEVEL_RE = re.compile(r"(国家级|省级|市级|区级|县级|区县级)")
CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass
class Category:
    numeral: str
    number: int
    name: str
    name_en: str
    former: tuple[str, ...]


@dataclass
class HeritageItem:
    list_key: str
    seq: int
    code_printed: str
    code: str                 # VIII-41
    name: str
    sub_items: list[str]
    category: str
    category_number: int
    applicants: list[str]
    batch: str | None
    batch_number: int | None
    level: str | None
    notice: str
    list_title: str
    lines: list[int]


def load_categories(directory: Path) -> list[Category]:
    out = []
    with open(directory / "heritage-categories.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.append(Category(row["numeral"], int(row["arabic"]), row["name"], row["name_en"],
                                tuple(x for x in row["former_names"].split("|") if x)))
    return out


def category_names(cats: list[Category]) -> dict[str, Category]:
    names = {}
    for c in cats:
        names[c.name] = c
        for f in c.former:
            names[f] = c
    return names


def normalise_code(printed: str) -> tuple[str, int] | None:
    m = CODE_RE.fullmatch(printed.strip())
    if not m:
        return None
    r = m["r"]
    num = ROMAN.get(r) or next((k for k, v in ASCII_ROMAN.items() if v == r), None)
    if num is None:
        return None
    return f"{ASCII_ROMAN[num]}-{int(m['n'])}", num


def split_sub_items(name: str) -> tuple[str, list[str]]:
    m = re.match(r"^(?P<n>.+?)（(?P<s>[^（）]+)）$", name)
    if not m:
        return name, []
    return m["n"], [s.strip() for s in m["s"].split("、") if s.strip()]


def heritage_columns(cats: list[Category]) -> dict[str, Column]:
    vocab = tuple(category_names(cats))
    code = Column("编号", "code", pattern=CODE_RE)
    return {
        "序号": Column("序号", "seq"),
        "编号": code, "项目编号": Column("项目编号", "code", pattern=CODE_RE),
        "项目名称": Column("项目名称", "text"), "名称": Column("名称", "text"),
        "项目类别": Column("项目类别", "vocab", vocab=vocab, merged=True),
        "类别": Column("类别", "vocab", vocab=vocab, merged=True),
        "申报地区或单位": Column("申报地区或单位", "units"), "申报单位": Column("申报单位", "units"),
        "申报地区": Column("申报地区", "units"), "保护单位": Column("保护单位", "units"),
        "项目保护单位": Column("项目保护单位", "units"),
    }


def read_heritage(annex, doc, cats: list[Category], problems: list[dict]) -> list[HeritageItem]:
    known = heritage_columns(cats)
    got = detect_columns(annex.lines, known)
    if not got:
        return []
    columns, a, b = got
    kinds = {c.kind for c in columns}
    if "text" not in kinds or ("vocab" not in kinds and "code" not in kinds):
        return []
    table = read_table(annex.lines[a:], columns)
    by_name = category_names(cats)
    context = doc.title + " " + " ".join(p.text for p in doc.paragraphs[:3])
    bm = BATCH_RE.search(context)
    batch = f"第{bm['b']}批" if bm else None
    batch_number = (int(bm["b"]) if bm["b"].isdigit() else _cn(bm["b"])) if bm else None
    lm = LEVEL_RE.search(context)
    name_col = next(col.name for col in columns if col.kind == "text")
    code_col = next((col.name for col in columns if col.kind == "code"), None)
    cat_col = next((col.name for col in columns if col.kind == "vocab"), None)
    unit_col = next((col.name for col in columns if col.kind == "units"), None)
    items = []
    for row in table.rows:
        c = row.cells
        printed = c.get(code_col) if code_col else None
        cat_name = c.get(cat_col) if cat_col else None
        cat = by_name.get(cat_name) if cat_name else None
        norm = normalise_code(printed) if printed else None
        if printed and norm is None:
            problems.append({"line": row.lines[0], "lines": row.lines, "cells": dict(c),
                             "message": f"heritage code '{printed}' is not a category numeral and serial"})
            continue
        if cat is None and norm and cat_name is None:
            # no category column: the code's numeral names the category (Ⅷ—41, VIII-3, 8-123)
            cat = next((k for k in cats if k.number == norm[1]), None)
        if cat is None:
            problems.append({"line": row.lines[0], "lines": row.lines, "cells": dict(c),
                             "message": f"heritage row {c.get('序号')} has no category"})
            continue
        if norm and norm[1] != cat.number:
            problems.append({"line": row.lines[0], "lines": row.lines, "cells": dict(c),
                             "message": f"heritage code {printed} says category {ASCII_ROMAN[norm[1]]} "
                             f"but the row's category is {cat.name} ({cat.numeral})"})
            continue
        full = tidy(str(c.get(name_col, "")))
        name, subs = split_sub_items(full)
        items.append(HeritageItem(
            list_key=doc.key, seq=int(c.get("序号", len(items) + 1)), code_printed=printed or "",
            code=norm[0] if norm else f"{ASCII_ROMAN[cat.number]}-{len(items) + 1}",
            name=name, sub_items=subs, category=cat.name, category_number=cat.number,
            applicants=list(c.get(unit_col, [])) if unit_col else [],
            batch=batch, batch_number=batch_number, level=lm.group(1) if lm else None,
            notice=doc.key, list_title=annex.title, lines=row.lines,
        ))
    return items


def _cn(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_NUM[s[1]]
    if "十" in s:
        a, _, b = s.partition("十")
        return CN_NUM[a] * 10 + (CN_NUM[b] if b else 0)
    return CN_NUM[s]
