"""The citation chain of a document drawn at build time as SVG, and the same edges as a list.

Columns are distances along the longest citation path from the document, so an edge into a node
already placed (127号 forwards 8号, which applies 自然资规〔2019〕4号, which 127号 also cites) runs
forward and is drawn like any other. Boxes are coloured by level, edges by relation, and each edge's
label sits on its own edge near its target, where edges no longer share a path."""
from __future__ import annotations

from html import escape

from gazette.tiers import TIERS
from gazette.vocabulary import RELATIONS

LEVEL_COLOURS = {"national": "#fbeaea", "provincial": "#eaf5ec", "prefecture": "#fdf3e1", "county": "#e8f0fb",
                 "township": "#f1ecf8", None: "#f2f2f2"}
LEVELS = [(k, zh, en, LEVEL_COLOURS[k]) for k, zh, en in TIERS if k in LEVEL_COLOURS]
REL_ZH = {r.key: r.zh_short for r in RELATIONS}
REL_EN = {r.key: r.en for r in RELATIONS}
REL_COLOUR = {r.key: r.colour for r in RELATIONS}
MAX_DEPTH = 6


def chain(start: str, edges: dict[str, list[tuple[str, str]]], max_depth: int = MAX_DEPTH
          ) -> tuple[list[list[str]], list[tuple[str, str, str]]]:
    """Columns of the nodes reached from start (at most max_depth steps), each node in the column of
    its longest path from start, and every edge between reached nodes."""
    reached = {start: 0}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for _, target in edges.get(node, []):
                if target not in reached and reached[node] < max_depth:
                    reached[target] = reached[node] + 1
                    nxt.append(target)
        frontier = sorted(set(nxt))
    used = sorted({(a, rel, b) for a in reached for rel, b in edges.get(a, []) if b in reached})
    # longest path over the edges that do not close a cycle (found by a depth-first walk from start)
    # iteratively: a regulation every issue cites, drawn from what cites it, has chains among its citers as long
    # as the corpus (each issue repealing the last one's notice), deeper than Python's recursion
    order, state = [], {start: 1}
    stack = [(start, iter(sorted(edges.get(start, []))))]
    while stack:
        node, targets = stack[-1]
        for _, target in targets:
            if target in reached and target not in state:
                state[target] = 1
                stack.append((target, iter(sorted(edges.get(target, [])))))
                break
        else:
            state[node] = 2
            order.append(node)
            stack.pop()
    position = {n: i for i, n in enumerate(reversed(order))}
    depth = {n: 0 for n in reached}
    for node in reversed(order):
        for _, target in edges.get(node, []):
            if target in position and position[target] > position[node]:
                depth[target] = min(max_depth, max(depth[target], depth[node] + 1))
    cols: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node in sorted(depth, key=lambda n: (depth[n], n)):
        cols[depth[node]].append(node)
    return [c for c in cols if c], used


def edge_list(start: str, edges, labels: dict[str, str], levels: dict, hrefs: dict[str, str]) -> list[dict]:
    """The drawing's edges as text, in column order: the accessible version of the chain."""
    cols, used = chain(start, edges)
    col = {n: i for i, c in enumerate(cols) for n in c}
    out = []
    for a, rel, b in sorted(used, key=lambda e: (col[e[0]], e[0], col[e[2]], e[2], e[1])):
        out.append({"from": labels.get(a, a), "from_href": hrefs.get(a), "to": labels.get(b, b), "to_href": hrefs.get(b),
                    "rel": rel, "zh": REL_ZH.get(rel, rel), "en": REL_EN.get(rel, rel),
                    "from_level": levels.get(a), "to_level": levels.get(b)})
    return out


def _label(x: float, y: float, rels: list[str]) -> str:
    """A relation's label in both UI languages (the page shows one), on a white ground."""
    zh = "、".join(REL_ZH.get(r, r) for r in rels)
    en = ", ".join(REL_EN.get(r, r) for r in rels)
    common = f'x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="#1d2330" stroke="#fff" stroke-width="4" paint-order="stroke"'
    return f'<text class="ui-zh" {common}>{escape(zh)}</text><text class="ui-en" {common}>{escape(en)}</text>'


def _data(dates: dict | None, node: str) -> str:
    """A node's dates as attributes, for the page's "as of" view (site/static/status.js)."""
    d = (dates or {}).get(node) or {}
    return "".join(f' data-{k}="{escape(v)}"' for k, v in sorted(d.items()) if v)


def svg(start: str, edges, labels: dict[str, str], levels: dict[str, str | None], hrefs: dict[str, str],
        reverse: bool = False, dates: dict | None = None) -> str | None:
    """With reverse, edges lead to start (what cites it, and what cites those), arrows still citing -> cited.
    `dates` gives each node's issued / entry / end dates, written on its box and on the edges it cites by,
    so the page can show the chain as it stood on a chosen day."""
    cols, used = chain(start, edges)
    if len(cols) < 2:
        return None
    bw, bh, gx, gy, pad = 230, 54, 120, 22, 12
    pos = {}
    for c, nodes in enumerate(cols):
        for r, node in enumerate(nodes):
            pos[node] = (pad + c * (bw + gx), pad + r * (bh + gy))
    width = pad * 2 + len(cols) * bw + (len(cols) - 1) * gx
    height = pad * 2 + max(len(c) for c in cols) * (bh + gy) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-size="12" aria-labelledby="chain-title">',
           '<title id="chain-title">引用链 citation chain</title>',
           '<defs>' + "".join(
               f'<marker id="arrow-{k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
               f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{c}"/></marker>'
               for k, c in sorted(REL_COLOUR.items())) + '</defs>']
    pairs: dict[tuple[str, str], list[str]] = {}
    for a, rel, b in used:
        pairs.setdefault((a, b), []).append(rel)
    labels_out = []
    for (a, b), rels in sorted(pairs.items()):
        rels = sorted(set(rels), key=lambda r: list(REL_COLOUR).index(r) if r in REL_COLOUR else 99)
        colour = REL_COLOUR.get(rels[0], "#5b6475")
        (x1, y1), (x2, y2) = pos[a], pos[b]
        marker = f'marker-start="url(#arrow-{rels[0]})"' if reverse else f'marker-end="url(#arrow-{rels[0]})"'
        if x2 > x1 + bw + gx:   # past a column: below the boxes between, in the gap under their row
            sx, sy, ex, ey = x1 + bw, y1 + bh / 2, x2, y2 + bh / 2
            low = max(y1, y2) + bh + gy / 2
            d = f"M {sx} {sy} C {sx + gx / 2} {low}, {ex - gx / 2} {low}, {ex} {ey}"
            lx, ly = (sx + ex) / 2, 0.125 * sy + 0.75 * low + 0.125 * ey - 4
        elif x2 > x1:
            sx, sy, ex, ey = x1 + bw, y1 + bh / 2, x2, y2 + bh / 2
            mx = (sx + ex) / 2
            d = f"M {sx} {sy} C {mx} {sy}, {mx} {ey}, {ex} {ey}"
            # three quarters along the curve, where edges leaving one box have parted
            t = 0.75
            lx = (1 - t) ** 3 * sx + 3 * (1 - t) ** 2 * t * mx + 3 * (1 - t) * t * t * mx + t ** 3 * ex
            ly = (1 - t) ** 3 * sy + 3 * (1 - t) ** 2 * t * sy + 3 * (1 - t) * t * t * ey + t ** 3 * ey - 4
        else:   # a cycle back to an earlier column, or within one: an arc under the boxes
            sx, sy, ex, ey = x1 + bw / 2, y1 + bh, x2 + bw / 2, y2 + bh
            low = max(sy, ey) + 26
            d = f"M {sx} {sy} C {sx} {low}, {ex} {low}, {ex} {ey}"
            lx, ly = (sx + ex) / 2, low - 2
        dash = ' stroke-dasharray="5 3"' if rels == ["cites"] else ""
        citing = b if reverse else a
        when = ((dates or {}).get(citing) or {}).get("issued")
        since = f' data-since="{escape(when)}"' if when else ""
        out.append(f'<path class="chain-edge"{since} d="{d}" fill="none" stroke="{colour}" stroke-width="1.6"{dash} {marker}/>')
        labels_out.append(f'<g class="chain-edge"{since}>{_label(lx, ly, rels)}</g>')
    for node, (x, y) in pos.items():
        label = labels.get(node, node.rsplit("/", 1)[-1])
        lines = [label[:17], label[17:34] + ("…" if len(label) > 34 else "")] if len(label) > 17 else [label]
        level = levels.get(node)
        fill = LEVEL_COLOURS.get(level, "#f2f2f2")
        tag = next(((zh, en) for k, zh, en, _ in LEVELS if k == level), None)
        box = (f'<rect x="{x}" y="{y}" width="{bw}" height="{bh}" rx="4" fill="{fill}" '
               f'stroke="{"#a3281f" if node == start else "#9aa3b2"}" stroke-width="{2 if node == start else 1}"/>'
               + "".join(f'<text x="{x + 8}" y="{y + 20 + 16 * i}" fill="#1d2330">{escape(t)}</text>'
                         for i, t in enumerate(lines) if t))
        if tag:
            common = f'x="{x + bw - 6}" y="{y + bh - 6}" text-anchor="end" fill="#4a5263" font-size="10"'
            box += f'<text class="ui-zh" {common}>{escape(tag[0])}</text><text class="ui-en" {common}>{escape(tag[1])}</text>'
        href = hrefs.get(node)
        box = f'<g class="chain-node"{_data(dates, node)}>{box}</g>'
        out.append(f'<a href="{escape(href)}">{box}</a>' if href else box)
    out += labels_out     # over the boxes and lines, so no line crosses a label
    out.append("</svg>")
    return "".join(out)
