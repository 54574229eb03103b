"""Dates as printed (2020 年 11月 25 日, 二〇一〇年二月二十日) -> ISO 8601."""
from __future__ import annotations

import re

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "0": 0, "０": 0, "o": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_NUM = r"[0-9０-９]"
_CN = r"[〇零○OＯ0０o一二三四五六七八九十]"     # a zero is printed in many ways: 二OO三年, 二0一0年
ARABIC_DATE = re.compile(
    rf"(?P<y>{_NUM}{{4}})\s*年\s*(?P<m>{_NUM}{{1,2}})\s*月(?:\s*(?P<d>{_NUM}{{1,2}})\s*日)?"
)
CN_DATE = re.compile(rf"(?P<y>{_CN}{{4}})\s*年\s*(?P<m>{_CN}{{1,2}})\s*月(?:\s*(?P<d>{_CN}{{1,3}})\s*日)?")


def cn_number(s: str) -> int:
    """十 -> 10, 二十 -> 20, 二十五 -> 25, 十二 -> 12."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    return int("".join(str(CN_DIGITS[c]) for c in s))


def _iso(y: int, m: int, d: int | None) -> str | None:
    if not (1 <= m <= 12) or y < 1900 or y > 2200:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not (1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_date(text: str) -> str | None:
    """The first date in text as ISO (YYYY-MM-DD, or YYYY-MM when the day is missing)."""
    m = ARABIC_DATE.search(text)
    if m:
        y, mo = int(m["y"].translate(FULLWIDTH)), int(m["m"].translate(FULLWIDTH))
        d = int(m["d"].translate(FULLWIDTH)) if m["d"] else None
        return _iso(y, mo, d)
    m = CN_DATE.search(text)
    if m:
        y = cn_number(m["y"])
        return _iso(y, cn_number(m["m"]), cn_number(m["d"]) if m["d"] else None)
    return None


DATE_LINE = re.compile(
    rf"^(?:{ARABIC_DATE.pattern}|{CN_DATE.pattern.replace('(?P<y>', '(?P<cy>').replace('(?P<m>', '(?P<cm>').replace('(?P<d>', '(?P<cd>')})$"
)


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text.strip()))
