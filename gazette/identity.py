"""Identities minted from the data, so the same document gets the same key wherever it is met.

A numbered document: <代字 slug>/<year>/<number> (order series: <slug>/<number>). A 代字 the
registry does not know still gets a stable ASCII slug (its punycode), so its documents keep
their identity when the registry learns it later only if the slug is set to the same value.
"""
from __future__ import annotations

import hashlib
import re

from .docnumber import DocNumber
from .registry import Registry

SAFE = re.compile(r"[^a-z0-9-]+")


def ascii_slug(text: str) -> str:
    """A stable ASCII slug for any text: ASCII kept, the rest as punycode."""
    if text.isascii():
        s = SAFE.sub("-", text.lower()).strip("-")
        return s or "x"
    return "x-" + SAFE.sub("-", text.encode("punycode").decode("ascii").lower()).strip("-")


def code_slug(code: str, registry: Registry | None) -> str:
    hit = registry.codes.get(code) if registry else None
    return hit.slug if hit else ascii_slug(code)


def number_key(number: DocNumber, registry: Registry | None) -> str:
    slug = code_slug(number.code, registry)
    if number.series == "order":
        return f"{slug}/{number.number}"
    return f"{slug}/{number.year}/{number.number}"


def short_hash(text: str, n: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def body_slug(name: str, registry: Registry | None) -> str:
    b = registry.body(name) if registry else None
    return b.slug if b else ascii_slug(name)


def unnumbered_key(issuers: list[str], date: str | None, title: str, registry: Registry | None) -> str:
    who = body_slug(issuers[0], registry) if issuers else "unknown"
    return f"{who}/{date or 'undated'}/{short_hash(normalise_title(title))}"


def normalise_title(title: str) -> str:
    """Title as compared: no spaces, unified brackets and quotes, issuers before 关于 dropped."""
    t = re.sub(r"\s+", "", title)
    t = t.translate(str.maketrans({"(": "（", ")": "）", "〈": "《", "〉": "》", "\"": "“", "'": "‘",
                                   "[": "〔", "]": "〕"}))
    t = t.replace("《", "").replace("》", "")
    return t


def strip_issuers(title: str) -> str:
    t = normalise_title(title)
    i = t.find("关于")
    return t[i:] if i > 0 else t


def title_key(title: str) -> str:
    return f"title/{short_hash(normalise_title(title), 16)}"
