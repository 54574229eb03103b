"""Award lists (表彰名单): one entry per recipient, with the award, edition, rank and school.

Recipients are pupils: their names stay plain literals on the entry (see GUIDE §5).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .tables import Column, read_table

EDITION_RE = re.compile(r"第(?P<e>[一二三四五六七八九十百\d]{1,4})届")
LIST_SUFFIX = re.compile(r"(获奖)?(名单|名录)$")
NOTE_RE = re.compile(r"^[（(].*[）)]$")


@dataclass
class AwardEntry:
    list_key: str
    award: str             # 沙坪坝区青少年科技创新区长奖
    edition: str | None    # 第八届
    rank: str              # 区长奖 | 提名奖
    name: str
    school: str
    seq: int
    notice: str
    list_title: str
    line: int


def is_award_list(title: str) -> bool:
    return bool(LIST_SUFFIX.search(title)) and "奖" in title


def award_parts(title: str) -> tuple[str, str | None, str]:
    t = LIST_SUFFIX.sub("", title)
    m = EDITION_RE.search(t)
    edition = m.group(0) if m else None
    if m:
        t = t[:m.start()] + t[m.end():]
    rank = None
    for r in ("提名奖", "优秀奖", "特等奖", "一等奖", "二等奖", "三等奖", "鼓励奖"):
        if t.endswith(r) and len(t) > len(r) + 2:
            rank, t = r, t[: -len(r)]
            break
    if rank is None:
        k = max(t.rfind(x) for x in ("区", "市", "县", "省")) if any(x in t for x in ("区", "市", "县")) else -1
        rank = t[k:] if 0 <= k and t.endswith("奖") and len(t) - k <= 4 else "奖"
    return t, edition, rank


def read_awards(annex, doc, number: int) -> list[AwardEntry]:
    if not is_award_list(annex.title):
        return []
    award, edition, rank = award_parts(annex.title)
    columns = [Column("姓名", "name"), Column("学校", "org")]
    table = read_table(annex.lines, columns, header=False, row_start=re.compile(r"^\S{2,5} \S{4,}$"), skip=NOTE_RE)
    out = []
    for k, row in enumerate(table.rows, 1):
        out.append(AwardEntry(list_key=f"{doc.key}#{number}", award=award, edition=edition, rank=rank,
                              name=row.cells.get("姓名", ""), school=row.cells.get("学校", ""), seq=k, notice=doc.key, list_title=annex.title,
                              line=row.lines[0]))
    return out
