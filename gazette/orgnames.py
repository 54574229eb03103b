"""Recognising names of bodies as printed in headings, signatures and recipient lists."""
from __future__ import annotations

import re

ORG_SUFFIX = (r"(?:人民政府|政府|办公室|办公厅|常务委员会|委员会|管理委员会|管委会|联合会|秘书处|总局|局|部|厅|委|院|署|"
              r"中心|法院|检察院|人大常委会|政协)")
ORG_RE = re.compile(rf"^[\u4e00-\u9fff（）·]{{2,40}}?{ORG_SUFFIX}(?:文件)?$")
SECTION_LABEL_RE = re.compile(r"^【[^】]{2,24}】$")
RECIPIENT_HINT = re.compile(r"(政府|部门|单位|办事处|机关|局|委|镇|街道|企业|团体|机构|学校|公司|组织|各区县|主管部门)")


def is_org(text: str) -> bool:
    return bool(ORG_RE.match(text)) and "关于" not in text


def org_line(text: str) -> list[str] | None:
    """The bodies a heading or signature line names (joint issuers are space-separated), or None."""
    parts = [p for p in text.split(" ") if p]
    if not parts or not all(is_org(p) for p in parts):
        return None
    return [p[:-2] if p.endswith("文件") else p for p in parts]


def split_list(text: str) -> list[str]:
    """Split 各镇人民政府、街道办事处，区政府各部门 on 、，； outside brackets."""
    items, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(《":
            depth += 1
        elif ch in "）)》" and depth:
            depth -= 1
        if ch in "、，,；;" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i.strip().rstrip("：:").strip() for i in items if i.strip().rstrip("：:").strip()]
