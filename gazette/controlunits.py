"""Environmental control units (环境管控单元) and the general control requirements (总体管控要求)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import Column, detect_columns, read_table
from .numerals import cn_int
from .text import tidy

UNIT_CODE = re.compile(r"ZH\d{6,14}")
UNIT_KINDS = ("优先保护单元", "重点管控单元", "一般管控单元")
ARTICLE_RE = re.compile(r"^第(?P<n>[一二三四五六七八九十百]{1,5})条\s*(?P<rest>.*)$")


@dataclass
class ControlUnit:
    table_key: str
    code: str
    name: str
    category: str
    ordinal: int | None
    zones: list[str]
    notes: list[str]
    document: str
    lines: list[int]


@dataclass
class ControlRequirement:
    table_key: str
    article: str          # 第一条
    number: int
    category: str         # 空间布局约束
    text: str
    document: str
    lines: list[int] = field(default_factory=list)


def unit_columns() -> dict[str, Column]:
    return {
        "环境管控单元编码": Column("环境管控单元编码", "code", pattern=UNIT_CODE),
        "单元编码": Column("单元编码", "code", pattern=UNIT_CODE),
        "环境管控单元名称": Column("环境管控单元名称", "text"),
        "单元名称": Column("单元名称", "text"),
        "环境管控单元分类": Column("环境管控单元分类", "vocab", vocab=UNIT_KINDS),
        "单元分类": Column("单元分类", "vocab", vocab=UNIT_KINDS),
        "环境管控单元要素分区组成": Column("环境管控单元要素分区组成", "text"),
        "要素分区组成": Column("要素分区组成", "text"),
    }


def read_control_units(annex, doc, number: int) -> tuple[list[ControlUnit], list[str]]:
    got = detect_columns(annex.lines, unit_columns())
    if not got:
        return [], []
    columns, a, _ = got
    table = read_table(annex.lines[a:], columns, stop=re.compile(r"^[*＊注]"))
    notes: list[str] = []
    for _, t in table.skipped:
        if t.startswith(("*", "＊", "注")):
            notes.append(t.lstrip("*＊"))
        elif notes:
            notes[-1] = tidy(notes[-1] + t)
    out = []
    name_col = next(c.name for c in columns if c.kind == "text")
    zone_col = [c.name for c in columns if c.kind == "text"][-1]
    cat_col = next(c.name for c in columns if c.kind == "vocab")
    code_col = next(c.name for c in columns if c.kind == "code")
    for row in table.rows:
        c = row.cells
        name = tidy(str(c.get(name_col, "")))
        unit_notes = []
        if name.endswith(("*", "＊")):
            name = name.rstrip("*＊")
            unit_notes = list(notes)
        zones_text = str(c.get(zone_col, ""))
        m = re.match(r"^(\d{1,2})(.*)$", zones_text)
        ordinal = int(m[1]) if m else None
        zones_text = m[2] if m else zones_text
        out.append(ControlUnit(f"{doc.key}#{number}", c[code_col], name, c.get(cat_col, ""), ordinal,
                               [z for z in re.split(r"[、，]", zones_text) if z], unit_notes, doc.key, row.lines))
    return out, notes


def read_requirements(annex, doc, number: int) -> list[ControlRequirement]:
    lines = annex.lines
    if not any(t.replace(" ", "").startswith("管控类别") for _, t in lines[:3]):
        return []
    out: list[ControlRequirement] = []
    pending: list[str] = []
    category = ""
    for no, text in lines:
        if text.replace(" ", "").startswith("管控类别"):
            continue
        m = ARTICLE_RE.match(text)
        if m:
            if pending:
                category, pending = "".join(pending), []
            out.append(ControlRequirement(f"{doc.key}#{number}", f"第{m['n']}条", cn_int(m["n"]), category,
                                          m["rest"].strip(), doc.key, [no]))
        elif len(text) <= 8 and text[-1] not in "。；，、）)" and " " not in text:
            pending.append(text)
        elif out:
            out[-1].text = tidy(out[-1].text + text)
            out[-1].lines.append(no)
    for r in out:
        r.text = tidy(r.text)
    return out

