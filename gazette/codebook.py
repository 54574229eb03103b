"""The 代字 → body table learned from the corpus itself, in one pass before the per-issue work.

Two kinds of evidence teach a 代字:
- a published document whose heading names its one body and prints its number (重庆市沙坪坝区人民政府 /
  沙府发〔2020〕39号 teaches 沙府发 → 重庆市沙坪坝区人民政府);
- a citation of a title that begins with its body, with the number beside it
  (《国务院关于…的通知》（国发〔2005〕42号） teaches 国发 → 国务院).

What the registry already pairs is confirmed, or, where a document shows another body, reported as a
conflict; nothing is silently resolved. A 代字 two bodies are seen with is reported and not learned.
The table is part of every issue's cache key, so caching and rebuilds stay correct. What is learned
never changes a key: a 代字 the registry does not list keeps the slug of its characters.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from .citations import issuers_from_title
from .docnumber import find_numbers
from .identity import is_generic_order
from .registry import Registry
from .tiers import placement


@dataclass(frozen=True)
class LearnedCode:
    code: str
    body: str
    evidence: str      # path:line of the first document or citation that shows the pairing
    how: str           # "heading" | "citation"
    seen: int          # how many times the corpus shows it


@dataclass
class Codebook:
    learned: dict[str, LearnedCode]
    conflicts: list[dict]

    def fingerprint(self) -> str:
        data = json.dumps({"learned": [asdict(v) for _, v in sorted(self.learned.items())],
                           "conflicts": self.conflicts}, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def bodies(self, code: str) -> list[str]:
        hit = self.learned.get(code)
        return [hit.body] if hit else []

    def to_json(self) -> dict:
        return {"learned": [asdict(v) for _, v in sorted(self.learned.items())], "conflicts": self.conflicts}


def code_evidence(rec) -> list[tuple[str, str, str, str]]:
    """One issue's evidence, as (代字, body, where, how), in the order of its lines."""
    out: list[tuple[str, str, str, str]] = []
    path = rec.parsed.info.path
    for d in rec.parsed.documents:
        # a document that names its one body and prints its own number (not one a forwarding notice gave it)
        if d.number and d.number.series == "annual" and len(d.issuers) == 1 and d.number_source == "printed" \
                and not is_generic_order(d.number.code):
            out.append((d.number.code, d.issuers[0], f"{path}:{d.title_lines[0] if d.title_lines else d.line_span[0]}",
                        "heading"))
    for c in rec.citations:
        if not (c.title and c.number):
            continue
        bodies = issuers_from_title(c.title)
        num = next((n.number for n in find_numbers(c.number) if n.number), None)
        if len(bodies) == 1 and num and num.series == "annual" and not is_generic_order(num.code):
            out.append((num.code, bodies[0], f"{path}:{c.line}", "citation"))
    return out


def learn_codes(evidence: list[list[tuple[str, str, str, str]]], registry: Registry) -> Codebook:
    """The codebook of a corpus from its issues' evidence (each issue's list, in a stable order)."""
    seen: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for issue in evidence:
        for code, body, where, how in issue:
            seen.setdefault(code, {}).setdefault(registry.canonical_body_name(body), []).append((where, how))
    learned: dict[str, LearnedCode] = {}
    conflicts: list[dict] = []
    for code, bodies in sorted(seen.items()):
        known = registry.codes.get(code)
        if known:
            listed = {registry.canonical_body_name(b) for b in known.bodies}
            for body, ev in sorted(bodies.items()):
                if body not in listed:
                    conflicts.append({"code": code, "registry": sorted(listed), "document": [body],
                                      "evidence": ev[0][0], "reason": f"the registry gives {code} to "
                                      f"{'、'.join(sorted(listed))}; {ev[0][0]} shows it with {body}"})
            continue
        if len(bodies) > 1:
            where = sorted(ev[0][0] for ev in bodies.values())
            conflicts.append({"code": code, "registry": [], "document": sorted(bodies), "evidence": where[0],
                              "reason": f"{code} is printed with {len(bodies)} bodies: " + "、".join(sorted(bodies))
                              + f" ({', '.join(where)})"})
            continue
        (body, ev), = bodies.items()
        learned[code] = LearnedCode(code, body, ev[0][0], ev[0][1], len(ev))
    return Codebook(learned, conflicts)


def apply_codebook(rec, codebook: Codebook, registry: Registry) -> None:
    """A cited document whose 代字 the registry does not list, and whose issuer its citation does not
    name, gets the body the corpus prints with that 代字, and that body's tier."""
    for reg in rec.regulations.values():
        if reg.number is None or reg.issuers or registry.codes.get(reg.number.code):
            continue
        bodies = codebook.bodies(reg.number.code)
        if bodies:
            reg.issuers = bodies
            reg.level = placement(bodies[0], registry)[0].tier


def tier_conflicts(names: set[str], registry: Registry) -> list[dict]:
    """Bodies whose registry tier their own name contradicts."""
    out = []
    for name in sorted({registry.canonical_body_name(n) for n in names}):
        _, conflict = placement(name, registry)
        if conflict:
            out.append({"body": name, "reason": conflict})
    return out


def untiered_bodies(names: set[str], registry: Registry) -> list[str]:
    return sorted(n for n in {registry.canonical_body_name(x) for x in names} if placement(n, registry)[0].tier is None)
