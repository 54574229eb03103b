"""Matching names for Chinese: width, brackets, traditional/simplified, Roman numerals, pinyin."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI", "Ⅶ": "VII", "Ⅷ": "VIII", "Ⅸ": "IX",
         "Ⅹ": "X", "Ⅺ": "XI", "Ⅻ": "XII"}
DASHES = "—－–―‐-‑﹣"
CODE_RE = re.compile(r"^(?P<r>(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I))-(?P<n>\d{1,4})$")
PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉【】\[\]·•・,，。、；;:：!！?？]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return _t2s().convert(text)


def fold(text: str) -> str:
    """Name as compared: NFKC (full width -> half), simplified characters, no brackets' contents, no punctuation."""
    t = unicodedata.normalize("NFKC", text or "")
    t = simplified(t)
    t = re.sub(r"[（(][^（）()]*[）)]", "", t)
    return PUNCT.sub("", t).lower()


def code(text: str) -> str | None:
    """Ⅷ—50, VIII-50, viii－50 -> VIII-50; None when text is not a heritage code."""
    t = "".join(ROMAN.get(c, c) for c in (text or "").strip())
    t = unicodedata.normalize("NFKC", t)
    for d in DASHES:
        t = t.replace(d, "-")
    t = re.sub(r"\s+", "", t).upper()
    t = re.sub(r"-+", "-", t)
    m = CODE_RE.match(t)
    return f"{m['r']}-{int(m['n'])}" if m else None


@lru_cache(maxsize=4096)
def pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin
    return "".join(lazy_pinyin(fold(text)))


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()
