"""Small text normalisations shared by the readers."""
from __future__ import annotations

import re

_CJK = "\u4e00-\u9fff“”‘’《》〈〉（）〔〕"
_SPACE_AROUND_LATIN = re.compile(rf"(?<=[{_CJK}])\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])\s+(?=[{_CJK}])")


def tidy(text: str) -> str:
    """Drop the typographic spaces PDF extraction leaves between Chinese and digits (惠残 2020 工程)."""
    return _SPACE_AROUND_LATIN.sub("", text.strip())
