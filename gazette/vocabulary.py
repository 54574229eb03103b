"""The words the whole project shares, declared once. Citation relations come from
sources/registry/relations.csv (key, Chinese label and short label, English label, colour), in their
order of strength; tiers are in gazette/tiers.py, genres in gazette/genres.py, table kinds in
gazette/kinds.py. The parser, the mappings, the site, the chain and the styles read them from there,
and tests/test_vocabulary.py fails when the shapes, the ontology, the property labels or the CSS disagree."""
from __future__ import annotations

import csv
from dataclasses import dataclass

from . import datafiles


@dataclass(frozen=True)
class Relation:
    key: str          # based_on, applies …: the value of gb:relation and of citations.json
    zh: str           # the property's label (依据, 贯彻落实 …)
    zh_short: str     # a short label for the chain drawing (贯彻)
    en: str
    colour: str       # the edge's colour on the site
    note: str


def _load() -> tuple[Relation, ...]:
    with open(datafiles.REGISTRY / "relations.csv", encoding="utf-8", newline="") as f:
        return tuple(Relation(**{k: (v or "").strip() for k, v in row.items()}) for row in csv.DictReader(f))


RELATIONS: tuple[Relation, ...] = _load()
RELATION_KEYS: tuple[str, ...] = tuple(r.key for r in RELATIONS)
RELATION = {r.key: r for r in RELATIONS}
