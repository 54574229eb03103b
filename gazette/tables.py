"""One reader for the tables PDF extraction flattens into one cell per line.

The header row names the columns; each column name maps to a cell kind that can recognise
its own values (a sequence number, a code, a value from a vocabulary, a body's name, free
text). A row starts where the row's anchor (序号 or the code) starts a line. Inside a row,
anchored cells are found by their kind; free-text cells take what lies between anchors;
a vocabulary cell that is missing was a merged cell and repeats the value above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import tidy

UNIT_END = re.compile(r"(街道|镇|乡|馆|中心|单位|局|委|协会|学校|学校|公司|社区|村|院|站|所|团|会|办|部|队|厂|校)$")


@dataclass
class Column:
    name: str
    kind: str                       # seq | code | vocab | units | text | name | org
    pattern: re.Pattern | None = None
    vocab: tuple[str, ...] = ()
    merged: bool = False            # a missing value repeats the one above


@dataclass
class Row:
    cells: dict[str, object]
    lines: list[int]


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    header_lines: list[int]
    skipped: list[tuple[int, str]]   # (line, text) read as neither header nor row
    problems: list[tuple[int, str]] = field(default_factory=list)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def find_header(lines: list[tuple[int, str]], names: list[str], max_lines: int = 12) -> tuple[int, int] | None:
    """Where the header row is: the shortest run of lines whose text, joined, holds every name in order."""
    for i in range(len(lines)):
        text = ""
        for j in range(i, min(len(lines), i + max_lines)):
            text += squash(lines[j][1])
            pos, ok = 0, True
            for n in names:
                k = text.find(squash(n), pos)
                if k < 0:
                    ok = False
                    break
                pos = k + len(squash(n))
            if ok and squash(lines[i][1]).startswith(squash(names[0])[:2]):
                return i, j + 1
    return None


def _tokens(lines: list[tuple[int, str]]) -> list[tuple[str, int, bool]]:
    """(token, line, starts a line) for every space-separated token."""
    out = []
    for no, text in lines:
        for k, tok in enumerate(t for t in text.split(" ") if t):
            out.append((tok, no, k == 0))
    return out


def _matches(col: Column, tok: str) -> bool:
    if col.kind in ("seq",):
        return tok.isdigit()
    if col.kind == "code":
        return bool(col.pattern.fullmatch(tok))
    if col.kind == "vocab":
        return tok in col.vocab
    return False


def read_table(lines: list[tuple[int, str]], columns: list[Column], header: bool = True,
               row_start: re.Pattern | None = None, stop: re.Pattern | None = None,
               skip: re.Pattern | None = None) -> Table:
    """Read rows under a header. lines are (source line, text) in order."""
    header_lines: list[int] = []
    body = lines
    if header:
        found = find_header(lines, [c.name for c in columns])
        if found is None:
            return Table(columns, [], [], list(lines), [(lines[0][0] if lines else 0, "header row not found")])
        a, b = found
        header_lines = [no for no, _ in lines[a:b]]
        skipped = list(lines[:a])
        body = lines[b:]
    else:
        skipped = []
    anchor = columns[0]
    groups: list[list[tuple[int, str]]] = []
    expected = 1
    stopped = False
    for no, text in body:
        if skip and skip.match(text):
            skipped.append((no, text))
            continue
        if stopped or (stop and stop.match(text)):
            # a note closes the table; the lines after it are the note wrapping on
            stopped = True
            skipped.append((no, text))
            continue
        first = text.split(" ")[0]
        starts = False
        if row_start is not None:
            starts = bool(row_start.match(text))
        elif anchor.kind == "seq":
            starts = first.isdigit() and int(first) == expected
        elif anchor.kind == "code":
            starts = bool(anchor.pattern.fullmatch(first))
        else:
            starts = True
        if starts:
            groups.append([(no, text)])
            if anchor.kind == "seq":
                expected += 1
        elif groups:
            groups[-1].append((no, text))
        else:
            skipped.append((no, text))
    rows = []
    problems: list[tuple[int, str]] = []
    last: dict[str, object] = {}
    for g in groups:
        row = _read_row(g, columns, last, problems)
        rows.append(row)
        last = row.cells
    return Table(columns, rows, header_lines, skipped, problems)


def _read_row(group, columns, last, problems) -> Row:
    toks = _tokens(group)
    cells: dict[str, object] = {}
    anchors: list[tuple[int, Column]] = []
    used = set()
    for col in columns:
        if col.kind in ("seq", "code", "vocab"):
            for i, (tok, _, _) in enumerate(toks):
                if i not in used and _matches(col, tok):
                    cells[col.name] = int(tok) if col.kind == "seq" else tok
                    anchors.append((i, col))
                    used.add(i)
                    break
    # free columns take the stretches between anchors, in header order
    order = {c.name: k for k, c in enumerate(columns)}
    anchors.sort()
    bounds = [-1] + [i for i, _ in anchors] + [len(toks)]
    anchor_cols = [None] + [c for _, c in anchors] + [None]
    for g in range(len(bounds) - 1):
        lo, hi = bounds[g] + 1, bounds[g + 1]
        stretch = [t for t in toks[lo:hi]]
        left = order[anchor_cols[g].name] if anchor_cols[g] else -1
        right = order[anchor_cols[g + 1].name] if anchor_cols[g + 1] else len(columns)
        free = [c for c in columns[left + 1:right] if c.kind not in ("seq", "code", "vocab")]
        if not free or not stretch:
            continue
        if len(free) == 1:
            cells[free[0].name] = _value(free[0], stretch)
            continue
        # several free columns share a stretch (a merged cell between them is missing):
        # a units column takes the trailing tokens that look like bodies
        k = len(stretch)
        if free[0].kind == "name":
            k = 1
        elif free[-1].kind in ("units", "org"):
            while k > 1 and UNIT_END.search(stretch[k - 1][0]):
                tok, _, first = stretch[k - 1]
                # a body's name wrapped in its cell: 重庆市民间文艺家 / 协会
                if first and len(tok) <= 4 and k > 2 and not UNIT_END.search(stretch[k - 2][0]):
                    k -= 2
                    break
                k -= 1
            if k == len(stretch):
                k = len(stretch) - 1
        cells[free[0].name] = _value(free[0], stretch[:k])
        cells[free[-1].name] = _value(free[-1], stretch[k:])
    for col in columns:
        if col.name not in cells and col.merged and col.name in last:
            cells[col.name] = last[col.name]
    return Row(cells=cells, lines=[no for no, _ in group])


def _value(col: Column, stretch):
    if col.kind == "units":
        items = []
        for tok, _, first in stretch:
            if items and not UNIT_END.search(items[-1]):
                items[-1] += tok
            else:
                items.append(tok)
        out = []
        for it in items:
            out += [x for x in re.split(r"[、，,]", it) if x]
        return out
    if col.kind == "name":
        return "".join(t for t, _, _ in stretch)
    text = ""
    for tok, _, first in stretch:
        text += tok
    return tidy(text)


def detect_columns(lines: list[tuple[int, str]], known: dict[str, Column], first: str | None = None
                   ) -> tuple[list[Column], int, int] | None:
    """The columns a header row names, in printed order, and the lines it spans.

    The header may be wrapped over several lines (申报地区或 / 单位); the joined text must split
    exactly into known column names.
    """
    names = sorted(known, key=len, reverse=True)
    for i, (_, text) in enumerate(lines):
        head = squash(text)
        if not any(head.startswith(n) for n in names):
            continue
        joined = ""
        for j in range(i, min(len(lines), i + 10)):
            joined += squash(lines[j][1])
            cols = _segment(joined, names)
            if cols and (j + 1 >= len(lines) or _segment(joined + squash(lines[j + 1][1]), names, partial=True) is None):
                if len(cols) >= 2:
                    return [known[c] for c in cols], i, j + 1
    return None


def _segment(text: str, names: list[str], partial: bool = False) -> list[str] | None:
    """Split text into column names; with partial, the text may end part-way through a name."""
    out, pos = [], 0
    while pos < len(text):
        if partial and any(len(n) > len(text) - pos and n.startswith(text[pos:]) for n in names):
            return out
        for n in names:
            if text.startswith(n, pos):
                out.append(n)
                pos += len(n)
                break
        else:
            if partial and any(n.startswith(text[pos:]) for n in names):
                return out
            return None
    return out
