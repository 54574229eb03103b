"""What cannot be read with certainty: kept with its lines and the reason, and held back from the graph.

The build publishes what is certain and reports the rest. A whole-file fault (empty, binary, no
document) still stops the build; a fault of one record (a document cut off, a malformed 文号, a row
without a category, a stated total the rows do not reach) makes that record a review item instead:
it stays in the records and in the coverage, with its lines and reason, and nothing in the graph
points at it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReviewItem:
    kind: str                 # "document" | "table rows" | "row"
    key: str                  # the document's key, or the table and row it concerns
    reason: str
    lines: list[int]          # the source lines it holds
    line: int | None = None   # where the reason is seen (the line to look at first)
    record: Any = None        # what was read of it, as far as it could be read
    document: str | None = None   # the key of the document it belongs to
    held: list[str] = field(default_factory=list)   # what was held back with it (citations, rows)

    def describe(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        span = f"lines {self.lines[0]}–{self.lines[-1]}" if self.lines else "no lines"
        return f"{where}: {self.kind} {self.key} ({span}): {self.reason}"
