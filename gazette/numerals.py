"""Chinese numerals as printed in counts and ordinals: 二十三, 七, 一百零五, 两, and arabic digits alike.

One reader for the whole parser (articles 第十一条, editions 第八届, items 第三项, heritage codes). Years
printed digit by digit (二〇二〇年) are read in gazette/dates.py."""
from __future__ import annotations

DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CHARS = "".join(DIGITS) + "".join(UNITS)


def cn_int(s: str) -> int | None:
    """23, 二十三, 七, 十一, 一百零五 -> int; None where s is not a numeral."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s:
        return None
    total, num = 0, 0
    for ch in s:
        if ch in UNITS:
            total += (num or 1) * UNITS[ch]
            num = 0
        elif ch in DIGITS:
            num = DIGITS[ch]
        else:
            return None
    return total + num
