"""Task assignments: who leads and who shares each task of a plan.

Two layouts: a 任务分解表 (项目名称 / 项目内容 / 完成时限 / 责任单位) flattened one cell per
line, and plan items that end with （牵头单位：…，责任单位：…）.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .orgnames import split_list
from .text import tidy

LEAD_RE = re.compile(r"[（(]牵头单位[：:](?P<lead>[^，,）)；]+)(?:[，,；]\s*责任单位[：:](?P<resp>[^）)]+))?[）)]")
ITEM_RE = re.compile(r"^(?P<n>\d{1,2})[.．、](?P<title>[^。]{2,40}?)。")
DEADLINE_RE = re.compile(r"(全年|每季度|每月|每半年|\d{1,2}\s*月|底前|前完成|根据.{0,8}安排|根据申报|元旦|春节)")
UNIT_LINE = re.compile(r"^(区[\u4e00-\u9fff]{1,10}|各镇街|团区委|残工委成员|单位|局|[\u4e00-\u9fff]{2,8}(局|委|办|部|中心|联|会))$")
PROJECT_RE = re.compile(r"^(?P<n>\d{1,2})\.(?P<t>\S{1,8})$")


@dataclass
class TaskAssignment:
    table_key: str
    item: str                     # the item's number as printed (1, 1.2 …)
    title: str
    content: str
    deadline: str | None
    lead: list[str]
    responsible: list[str]
    document: str
    lines: list[int] = field(default_factory=list)


def _bodies(text: str | None) -> list[str]:
    if not text:
        return []
    return [tidy(x).rstrip("等") for x in split_list(text.replace("，", "、")) if tidy(x).rstrip("等")]


def read_plan_assignments(paragraphs, key: str, doc_key: str) -> list[TaskAssignment]:
    out = []
    for p in paragraphs:
        m = LEAD_RE.search(p.text)
        if not m:
            continue
        im = ITEM_RE.match(p.text)
        out.append(TaskAssignment(key, im["n"] if im else str(len(out) + 1), tidy(im["title"]) if im else "",
                                  tidy(p.text[:m.start()]), None, _bodies(m["lead"]), _bodies(m["resp"]),
                                  doc_key, p.lines))
    return out


def is_task_table(title: str) -> bool:
    return "任务分解表" in title or "任务清单" in title or "责任分工表" in title


def read_task_table(annex, doc_key: str, number: int) -> list[TaskAssignment]:
    """Best effort on a 任务分解表: projects, their content items, deadlines and units."""
    if not is_task_table(annex.title):
        return []
    key = f"{doc_key}#{number}"
    projects: list[dict] = []
    expected = 1
    for no, text in annex.lines:
        if text.replace(" ", "").startswith("项目名称"):
            continue
        m = PROJECT_RE.match(text)
        if m and int(m["n"]) == expected and not DEADLINE_RE.search(text):
            projects.append({"n": expected, "title": m["t"], "lines": [no], "items": [], "units": [], "open_title": True})
            expected += 1
            continue
        if not projects:
            continue
        pr = projects[-1]
        pr["lines"].append(no)
        for part in text.split(" "):
            _place(pr, part)
    out = []
    for pr in projects:
        units = pr["units"]
        for k, it in enumerate(pr["items"] or [{"n": "1", "content": "", "deadline": None}], 1):
            out.append(TaskAssignment(key, f"{pr['n']}.{it['n']}", tidy(pr["title"]), tidy(it["content"]),
                                      tidy(it["deadline"]) if it["deadline"] else None, units[:1], units[1:],
                                      doc_key, pr["lines"]))
    return out


ITEM_START = re.compile(r"^(?P<n>\d{1,2})[.．](?P<t>.+)$")


def _place(pr: dict, part: str) -> None:
    if not part:
        return
    m = ITEM_START.match(part)
    if m and not DEADLINE_RE.match(m["t"]):
        pr["open_title"] = False
        pr["items"].append({"n": m["n"], "content": m["t"], "deadline": None, "open_deadline": False})
        return
    if UNIT_LINE.match(part) and not DEADLINE_RE.search(part):
        pr["open_title"] = False
        if part in ("局", "单位") and pr["units"]:
            pr["units"][-1] += part
        else:
            pr["units"].append(part)
        return
    if pr["open_title"]:
        pr["title"] += part
        return
    if not pr["items"]:
        pr["items"].append({"n": "1", "content": "", "deadline": None, "open_deadline": False})
    it = pr["items"][-1]
    if DEADLINE_RE.search(part) and (it["deadline"] is None or not it["open_deadline"]):
        if it["deadline"] is None:
            it["deadline"] = part
            it["open_deadline"] = not part.endswith(("完成", "前", "年", "度", "月", "排", "等", "动", "贴", "配", "务"))
            return
    if it["deadline"] is not None and it["open_deadline"]:
        it["deadline"] += part
        it["open_deadline"] = False
        return
    it["content"] += part
