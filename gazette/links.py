"""Heritage offices' linksets (sources/links/*.csv): read and checked, before any RDF is made."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import GazetteError

REQUIRED = ("subject_id", "predicate_id", "object_id", "creator_id", "mapping_date")
PREDICATES = {"skos:exactMatch": "exactMatch", "skos:closeMatch": "closeMatch"}


@dataclass
class Link:
    file: str
    line: int
    subject: str        # our item's IRI, resolved
    predicate: str      # exactMatch | closeMatch
    object: str         # the office's record IRI
    object_label: str | None
    creator: str
    date: str


def read_linksets(folder: Path, resolve) -> dict[str, list[Link]]:
    """Links per file stem. resolve(subject_id) gives our item's IRI or None."""
    out: dict[str, list[Link]] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise GazetteError(str(path), f"linkset lacks the column(s) {', '.join(missing)}", line=1)
            links = []
            for n, row in enumerate(reader, 2):
                pred = PREDICATES.get((row["predicate_id"] or "").strip())
                if pred is None:
                    raise GazetteError(str(path), f"predicate '{row['predicate_id']}' is neither skos:exactMatch nor skos:closeMatch", line=n)
                subject = resolve((row["subject_id"] or "").strip())
                if subject is None:
                    raise GazetteError(str(path), f"no heritage item '{row['subject_id']}' in the graph", line=n)
                obj = (row["object_id"] or "").strip()
                source = (row.get("object_source") or "").strip()
                if source:
                    obj = source + obj
                if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", obj):
                    raise GazetteError(str(path), f"object '{obj}' is not an IRI (give object_source for plain IDs)", line=n)
                if not re.match(r"^\d{4}-\d{2}-\d{2}$", (row["mapping_date"] or "").strip()):
                    raise GazetteError(str(path), f"mapping_date '{row['mapping_date']}' is not YYYY-MM-DD", line=n)
                links.append(Link(path.name, n, subject, pred, obj, (row.get("object_label") or "").strip() or None,
                                  row["creator_id"].strip(), row["mapping_date"].strip()))
            out[path.stem] = links
    return out
