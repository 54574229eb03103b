"""schema.org markup put inline in the pages."""
from __future__ import annotations

import json


def inline_json(doc) -> str:
    """JSON for a <script> element: `<` escaped, so no text (a gazette line holding "</script>" or
    "<!--") can close or comment out the element."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
