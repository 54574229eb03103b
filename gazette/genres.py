"""文种: the genre of a document is the last word of its title (GB/T 9704, 党政机关公文处理工作条例)."""
from __future__ import annotations

import re

# the 15 genres of the 2012 regulations, with their English names
GENRES: dict[str, str] = {
    "决议": "resolution", "决定": "decision", "命令": "order", "公报": "communiqué", "公告": "announcement",
    "通告": "public notice", "意见": "opinion", "通知": "notice", "通报": "circular", "报告": "report",
    "请示": "request for instructions", "批复": "reply", "议案": "motion", "函": "letter", "纪要": "minutes",
}
# what a document whose title ends in none of them is filed under (and reported)
OTHER = "其他"
GENRES[OTHER] = "other"
# what a rule or regulation printed under an order number (政府令 第N号) is: an order
ORDER = "命令"
# other words that end the titles of texts a notice issues (方案, 办法 …), longest first
TEXT_KINDS = ("实施方案", "工作方案", "方案", "实施办法", "办法", "实施细则", "细则", "规定", "条例", "规则",
              "规程", "纲要", "规划", "计划", "目录", "名单", "名录", "清单", "禁令", "标准")
# 公示 (a public notice of a list, before it is decided) heads many documents but is not one of the 15
_GENRE_ALT = "|".join(sorted([g for g in GENRES if g != OTHER] + ["令", "公示"], key=len, reverse=True))
TITLE_END_RE = re.compile(rf"(?:{_GENRE_ALT})(?:（[^（）]{{1,20}}）)?$")


def genre_of(title: str) -> str | None:
    """The genre a title ends with (…的实施意见 -> 意见), or None."""
    t = re.sub(r"（[^（）]{1,20}）$", "", title.strip())
    for g in sorted(set(GENRES) - {OTHER}, key=len, reverse=True):
        if t.endswith(g):
            return g
    if t.endswith("令"):
        return "命令"
    return None


def ends_like_title(text: str) -> bool:
    return bool(TITLE_END_RE.search(text.strip()))
