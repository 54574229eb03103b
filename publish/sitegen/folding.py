"""How the search page folds what a reader types, so that the forms of one thing meet.

- Traditional characters fold to simplified ones: 剪紙 finds 磁器口剪纸. The table is OpenCC's own
  (t2s, read character by character through the converter the reconciliation service already uses),
  written into the site as a static file, so the browser folds a query with the same data and no
  request elsewhere.
- A code (文号, heritage code, unit code) folds its width, brackets, dashes and spaces, and the 号 at its
  end: 沙府办发[2020]127 and 沙府辦發〔2020〕127号 are one key; so are Ⅷ—41, VIII-41 and ⅷ－41.

site/static/search.js does the same in the browser; tests/test_search_sparql.py holds the two to one answer.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# the blocks of CJK ideographs, where OpenCC's character table lives (Unified, Extension A, Compatibility,
# and the supplementary plane's Extensions B–F and Compatibility Supplement)
CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
              (0x2F800, 0x2FA1F))
OPEN_BRACKETS = "〔［[（(【〖{｛〈《"
CLOSE_BRACKETS = "〕］]）)】〗}｝〉》"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc-"


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Every ideograph OpenCC's t2s conversion changes, with what it becomes (one character each)."""
    import opencc
    chars = [chr(c) for a, b in CJK_BLOCKS for c in range(a, b + 1)]
    # one character a line: the converter's phrase table never joins two of them
    out = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):
        raise RuntimeError("OpenCC changed the number of lines it was given")
    return {a: b for a, b in zip(chars, out) if a != b and len(b) == 1}


def t2s_file() -> dict:
    """The table as the browser takes it: two strings of equal length, character for character."""
    table = t2s_table()
    keys = sorted(table)
    return {"source": "OpenCC t2s (TSCharacters), one character at a time",
            "from": "".join(keys), "to": "".join(table[k] for k in keys)}


def fold(text: str) -> str:
    table = t2s_table()
    return "".join(table.get(c, c) for c in text)


_BRACKETS = str.maketrans({**{c: "[" for c in OPEN_BRACKETS}, **{c: "]" for c in CLOSE_BRACKETS},
                           **{c: "-" for c in DASHES}})


def code_key(text: str) -> str:
    """The key a code is looked up by: NFKC (full width to half, Ⅷ to VIII), simplified characters, upper
    case, one kind of bracket and dash, no spaces, no closing 号."""
    key = fold(unicodedata.normalize("NFKC", text)).upper().translate(_BRACKETS)
    key = re.sub(r"\s+", "", key)
    return key[:-1] if key.endswith("号") else key


def code_shard(key: str, shards: int) -> int:
    """Which file of the code list holds a key (FNV-1a over its UTF-8 bytes): the search page fetches the one
    file a typed code can be in, not the whole list."""
    h = 0x811C9DC5
    for b in key.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h % shards
