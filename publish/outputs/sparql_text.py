"""What a SPARQL query's text asks for, read before the engine sees it.

pyoxigraph runs `SERVICE <iri> { … }` by sending HTTP requests from this machine, and `Store.query`
takes no handler to stop it. So a query is read here first: a tokenizer that knows strings, IRIs and
comments finds the keyword wherever the engine would, and nowhere else (not in `"SERVICE"`,
`<http://x/SERVICE>`, `ex:service` or `# SERVICE`).
"""
from __future__ import annotations

import re
from functools import lru_cache

# SPARQL 1.1 §19.2: \uXXXX and \UXXXXXXXX are replaced before the query is parsed, anywhere in it, so a
# keyword can be spelt with them (\u0053ERVICE); the engine does the same.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_LONG_STRING = {'"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.S),
                "'''": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.S)}
_SHORT_STRING = {'"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"'), "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'")}
# the grammar's longest matches: a variable has no '-' or '.', a number may hold '.', and a name (keyword,
# prefixed name, blank node label) may hold '-', '.' and ':' but never ends with '.'
_VARIABLE = re.compile(r"[?$][\w\u00B7\u00C0-\uFFFF]*")
_NUMBER = re.compile(r"[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_:\u00C0-\uFFFF][\w\-.:\u00B7\u00C0-\uFFFF]*")


def _unescape(text: str) -> str:
    def repl(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _CODEPOINT.sub(repl, text)


def keywords(text: str) -> list[str]:
    """The bare words of a query (keywords and names), upper-cased, outside strings, IRIs and comments.
    An unterminated string ends the query, as it would for the engine (which then refuses it)."""
    text = _unescape(text)
    words, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl + 1
        elif c in "\"'":
            three = text[i:i + 3]
            m = (_LONG_STRING[three] if three in _LONG_STRING else _SHORT_STRING[c]).match(text, i)
            i = m.end() if m else n
        elif c == "<" and (m := _IRIREF.match(text, i)):
            i = m.end()
        elif m := _VARIABLE.match(text, i) or _NUMBER.match(text, i):
            i = m.end()
        elif m := _NAME.match(text, i):
            word = m.group(0).rstrip(".")
            words.append(word.upper())
            i += len(word)
        else:
            i += 1
    return words


@lru_cache(maxsize=4096)
def uses_service(text: str) -> bool:
    """Whether the query would make the engine call another endpoint (a SERVICE clause)."""
    if "service" not in _unescape(text).lower():
        return False
    return "SERVICE" in keywords(text)
