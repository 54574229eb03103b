"""How a resource page lays out its properties: key facts first, then relations, parts, and the
provenance last; controlled values and dates in the reader's language; incoming links under their
reverse label (被…废止, not 废止).

The order, the sections and the reverse labels are data (site/properties.csv), as are the words for
controlled values (site/values.csv, with the tiers and relations from their own registries)."""
from __future__ import annotations

from functools import lru_cache

import csv
import re
from dataclasses import dataclass

from gazette import datafiles
from gazette.tiers import TIERS
from gazette.vocabulary import RELATIONS
from mappings.terms import PREFIXES

SECTIONS = (("facts", "基本信息", "Key facts"), ("text", "全文", "Text"), ("relations", "关系", "Relations"),
            ("parts", "所属与组成", "Parts and wholes"), ("other", "其他属性", "Other properties"),
            ("provenance", "来源与出处", "Provenance"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ANNEX = re.compile(r"^annex (\d+)$")


@dataclass(frozen=True)
class Property:
    iri: str
    section: str
    rank: int
    zh_inverse: str
    en_inverse: str
    once: bool        # its values are said once: a value an earlier property shows (a name, a typed citation) is left out


def _load_properties() -> dict[str, Property]:
    with open(datafiles.SITE / "properties.csv", encoding="utf-8", newline="") as f:
        return {row["iri"]: Property(row["iri"], row["section"], i, row["zh_inverse"], row["en_inverse"],
                                       row["once"] == "yes")
                for i, row in enumerate(csv.DictReader(f))}


def _load_values() -> dict[str, tuple[str, str]]:
    words = {k: (zh, en) for k, zh, en in TIERS}
    words.update({r.key: (r.zh, r.en) for r in RELATIONS})
    with open(datafiles.SITE / "values.csv", encoding="utf-8", newline="") as f:
        words.update({row["value"]: (row["zh"], row["en"]) for row in csv.DictReader(f)})
    return words


PROPERTIES = _load_properties()
VALUES = _load_values()
UNLISTED = len(PROPERTIES)


def place(iri: str) -> tuple[str, int]:
    """The section a property belongs in and its rank there; unknown properties go to 'other'."""
    p = PROPERTIES.get(iri)
    return (p.section, p.rank) if p else ("other", UNLISTED)


def inverse_label(iri: str, forward: dict) -> dict:
    """The label of a property read backwards (被…废止); where none is declared, the forward label marked
    with an arrow, so a reader never takes an incoming link for an outgoing one."""
    p = PROPERTIES.get(iri)
    if p and p.zh_inverse:
        return {"zh": p.zh_inverse, "en": p.en_inverse, "zh_lang": None, "en_lang": None}
    return dict(forward, zh="← " + forward["zh"], en="← " + forward["en"])


def date_words(lexical: str) -> tuple[str, str] | None:
    """2020-11-16 as 2020年11月16日 and 16 November 2020; a year or a year-month likewise."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", lexical)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo and not 1 <= int(mo) <= 12:
        return None
    zh = f"{y}年" + (f"{int(mo)}月" if mo else "") + (f"{int(d)}日" if d else "")
    en = " ".join(x for x in ((str(int(d)) if d else ""), (_MONTHS[int(mo) - 1] if mo else ""), y) if x)
    return zh, en


def day(iso: str | None) -> dict | None:
    """A date for the templates: {'iso', 'zh', 'en'}, or None where there is none."""
    words = date_words(iso) if iso else None
    return {"iso": iso, "zh": words[0], "en": words[1]} if words else None


def value_words(text: str) -> tuple[str, str] | None:
    """A controlled value (a tier, a relation, where a citation stands) in both languages, or None."""
    if text in VALUES:
        return VALUES[text]
    m = _ANNEX.match(text)
    if m:
        return f"附件{m.group(1)}", f"annex {m.group(1)}"
    return None


def arrange(groups: list[dict], incoming: bool = False) -> list[dict]:
    """Groups of one direction ({'iri', 'label', 'vals'}) into sections in their declared order. A property
    declared `once` leaves out the values an earlier property shows: 名称 once, not twice; a citation typed
    依据 is not listed again under 引用 (the graph states both, for eli:cites+ queries)."""
    sections: dict[str, list[dict]] = {}
    shown: set[str] = set()
    for g in sorted(groups, key=lambda g: (place(g["iri"])[1], g["iri"])):
        section = place(g["iri"])[0]
        if section == "hidden":
            continue
        if incoming:
            g = dict(g, label=inverse_label(g["iri"], g["label"]))
            section = "relations" if section == "relations" else "parts" if section in ("parts", "facts") else section
        elif g["iri"] in PROPERTIES and PROPERTIES[g["iri"]].once:
            g = dict(g, vals=[v for v in g["vals"] if v["key"] not in shown])
            if not g["vals"]:
                continue
        shown |= {v["key"] for v in g["vals"]}
        sections.setdefault(section, []).append(g)
    return [{"key": k, "zh": zh, "en": en, "groups": sections[k]} for k, zh, en in SECTIONS if k in sections]


@lru_cache(maxsize=4096)
def term_anchor(iri: str) -> str:
    """gb:forwards -> forwards (the ontology page's own anchors); a reused term -> its CURIE, eli-applies."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(ns)):
            local = iri[len(str(ns)):]
            return local if prefix == "gb" else f"{prefix}-{local}"
    return "term-" + "".join(c if c.isalnum() else "-" for c in iri)
