"""The hand-kept registry of outside facts: which 代字 belongs to which body, and bodies' hierarchy."""
from __future__ import annotations

from . import datafiles
import csv
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GazetteError
from .tiers import TIER_KEYS

DEFAULT_DIR = datafiles.REGISTRY


@dataclass(frozen=True)
class IssuerCode:
    code: str
    bodies: tuple[str, ...]
    level: str
    parent: str
    jurisdiction: str
    valid_from: int | None
    valid_to: int | None
    slug: str
    name_en: str
    source: str = ""   # where the pairing is shown (corpus:/seed: line, a citation) or "unverified"


@dataclass(frozen=True)
class Body:
    name: str
    slug: str
    level: str
    parent: str
    jurisdiction: str
    name_en: str
    aliases: tuple[str, ...] = ()
    source: str = ""   # where the body is shown by that name, or "unverified"


@dataclass
class Registry:
    codes: dict[str, IssuerCode] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def match_code(self, text: str) -> IssuerCode | None:
        """Longest known 代字 that text ends with (渝规资规范 is not 渝规资)."""
        for n in range(min(len(text), 12), 0, -1):
            hit = self.codes.get(text[-n:])
            if hit:
                return hit
        return None

    def body(self, name: str) -> Body | None:
        name = self.aliases.get(name, name)
        return self.bodies.get(name)

    def canonical_body_name(self, name: str) -> str:
        return self.aliases.get(name, name)


def _tier(v: str, path: Path, what: str) -> str:
    v = (v or "").strip()
    if v not in TIER_KEYS:
        raise GazetteError(str(path), f"{what}: level '{v}' is not one of the tiers {', '.join(TIER_KEYS)}")
    return v


def _int(v: str) -> int | None:
    v = (v or "").strip()
    return int(v) if v else None


def load_registry(directory: str | Path | None = None) -> Registry:
    d = Path(directory) if directory else DEFAULT_DIR
    reg = Registry()
    with open(d / "issuers.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"].strip()
            if code in reg.codes:
                raise GazetteError(str(d / "issuers.csv"), f"代字 {code} listed twice")
            reg.codes[code] = IssuerCode(
                code=code,
                bodies=tuple(b.strip() for b in row["body"].split(";") if b.strip()),
                level=_tier(row["level"], d / "issuers.csv", f"代字 {code}"),
                parent=row["parent"].strip(),
                jurisdiction=row["jurisdiction"].strip(),
                valid_from=_int(row["valid_from"]),
                valid_to=_int(row["valid_to"]),
                slug=row["slug"].strip(),
                name_en=row["name_en"].strip(),
                source=(row.get("source") or "").strip(),
            )
    with open(d / "bodies.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            b = Body(
                name=row["name"].strip(), slug=row["slug"].strip(),
                level=_tier(row["level"], d / "bodies.csv", row["name"].strip()),
                parent=row["parent"].strip(), jurisdiction=row["jurisdiction"].strip(),
                name_en=row["name_en"].strip(), aliases=aliases,
                source=(row.get("source") or "").strip(),
            )
            reg.bodies[b.name] = b
            for a in aliases:
                reg.aliases[a] = b.name
    return reg
