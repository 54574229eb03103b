"""The citation chain of a document drawn at build time as SVG: columns by distance, colours by level."""
from __future__ import annotations

from html import escape

from gazette.tiers import TIER_LABELS
from gazette.vocabulary import RELATIONS

LEVEL_COLOURS = {"national": "#fbeaea", "provincial": "#eaf5ec", "prefecture": "#fdf3e1", "county": "#e8f0fb",
                 "township": "#f1ecf8", None: "#f2f2f2"}
REL_ZH = {r.key: r.zh_short for r in RELATIONS}


def chain(start: str, edges: dict[str, list[tuple[str, str]]], max_depth: int = 6) -> tuple[list[list[str]], list[tuple[str, str, str]]]:
    """Columns of nodes reached from start by citation edges, and the edges between them."""
    depth = {start: 0}
    frontier = [start]
    used: list[tuple[str, str, str]] = []
    while frontier:
        nxt = []
        for node in frontier:
            for rel, target in sorted(edges.get(node, [])):
                used.append((node, rel, target))
                if target not in depth and depth[node] < max_depth:
                    depth[target] = depth[node] + 1
                    nxt.append(target)
        frontier = sorted(set(nxt))
    cols: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for node, d in sorted(depth.items()):
        cols[d].append(node)
    return cols, sorted(set(e for e in used if e[2] in depth))


def svg(start: str, edges, labels: dict[str, str], levels: dict[str, str | None], hrefs: dict[str, str],
        reverse: bool = False) -> str | None:
    """With reverse, edges lead to start (what cites it, and what cites those), arrows still citing -> cited."""
    cols, used = chain(start, edges)
    if len(cols) < 2:
        return None
    bw, bh, gx, gy, pad = 230, 54, 90, 18, 12
    pos = {}
    for c, nodes in enumerate(cols):
        for r, node in enumerate(nodes):
            pos[node] = (pad + c * (bw + gx), pad + r * (bh + gy))
    width = pad * 2 + len(cols) * bw + (len(cols) - 1) * gx
    height = pad * 2 + max(len(c) for c in cols) * (bh + gy)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-size="12">',
           '<title>citation chain</title>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
           '<path d="M 0 0 L 10 5 L 0 10 z" fill="#5b6475"/></marker></defs>']
    pairs: dict[tuple[str, str], list[str]] = {}
    for a, rel, b in used:
        pairs.setdefault((a, b), []).append(rel)
    for (a, b), rels in sorted(pairs.items()):
        rel = ", ".join(sorted(set(rels)))
        (x1, y1), (x2, y2) = pos[a], pos[b]
        if x2 <= x1:
            continue
        sx, sy, ex, ey = x1 + bw, y1 + bh / 2, x2, y2 + bh / 2
        marker = 'marker-start="url(#arrow)"' if reverse else 'marker-end="url(#arrow)"'
        out.append(f'<line x1="{sx}" y1="{sy}" x2="{ex}" y2="{ey}" stroke="#5b6475" stroke-width="1.3" {marker}/>')
        out.append(f'<text x="{(sx + ex) / 2}" y="{(sy + ey) / 2 - 4}" text-anchor="middle" fill="#1d2330">'
                   f'{escape("、".join(REL_ZH.get(r, r) for r in sorted(set(rels))))} {escape(rel)}</text>')
    for node, (x, y) in pos.items():
        label = labels.get(node, node.rsplit("/", 1)[-1])
        lines = [label[:17], label[17:34] + ("…" if len(label) > 34 else "")] if len(label) > 17 else [label]
        fill = LEVEL_COLOURS.get(levels.get(node), "#f2f2f2")
        box = (f'<rect x="{x}" y="{y}" width="{bw}" height="{bh}" rx="4" fill="{fill}" stroke="{"#a3281f" if node == start else "#9aa3b2"}"/>'
               + "".join(f'<text x="{x + 8}" y="{y + 20 + 16 * i}" fill="#1d2330">{escape(t)}</text>' for i, t in enumerate(lines) if t)
               + (f'<text x="{x + bw - 6}" y="{y + bh - 6}" text-anchor="end" fill="#5b6475" font-size="10">{escape(TIER_LABELS.get(levels.get(node), ("", ""))[0])}</text>'))
        href = hrefs.get(node)
        out.append(f'<a href="{escape(href)}">{box}</a>' if href else box)
    out.append("</svg>")
    return "".join(out)
