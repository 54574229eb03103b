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


# an order number that names no place (政府令〔2010〕第15号, 省政府令第114号): every government prints
# the same 代字, so the number alone does not say whose order it is
GENERIC_ORDER = re.compile(r"^(?P<tier>省|自治区|市|州|盟|县|区|旗)?(?:人民)?政府令$")
PLACE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,9}?(?P<tier>省|自治区|市|自治州|州|盟|自治县|县|区|自治旗|旗))")


def is_generic_order(code: str) -> bool:
    return bool(GENERIC_ORDER.match(code))


def government_for_order(code: str, named: str) -> str | None:
    """The government whose generic order number this is, from a name that places it: the rules'
    own title (河北省人工影响天气管理规定 → 河北省人民政府) or the body citing it. The number's tier word
    (省政府令) must agree with the place's."""
    g = GENERIC_ORDER.match(code)
    m = PLACE.match(named or "")
    if not g or not m:
        return None
    if g["tier"] and not m["tier"].endswith(g["tier"]):
        return None
    return m["place"] + "人民政府"


def number_key(number: DocNumber, registry: Registry | None, government: str | None = None) -> str:
    """`government` qualifies a generic order number (see GENERIC_ORDER), so two governments'
    orders of the same number never share a key."""
    slug = code_slug(number.code, registry)
    if government and is_generic_order(number.code):
        slug = f"{body_slug(government, registry)}/{slug}"
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
