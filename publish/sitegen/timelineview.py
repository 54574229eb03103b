"""The policy timeline on a document's page: its status (computed in the browser from the dates the
graph holds, never from the build's clock), its history in date order with evidence, and, for a policy
lower levels follow, who followed it and how fast, with a small timeline drawn at build time as SVG.

Reads publish/outputs/timeline.py's plain records; returns plain dicts for the templates."""
from __future__ import annotations

from html import escape

from publish.outputs import timeline
from publish.sitegen.chain import REL_COLOUR
from publish.sitegen.facts import day, value_words

# the history's own word for an issue's printing (values.csv's "printed" is where a 文号 was read)
EVENT_WORDS = {"printed": ("印发", "printed")}


def words(kind: str) -> dict:
    zh, en = EVENT_WORDS.get(kind) or value_words(kind) or (kind, kind)
    return {"zh": zh, "en": en}


def last_day(g, node) -> str | None:
    """The last day a document was in force, where the graph says it ended."""
    return timeline.force(g, node).last_day_in_force


def status(g, node, link) -> dict | None:
    """What the banner needs: the dates of force and what ended or changed the document. None where the
    graph holds no date of force and nothing acted on it (no banner rather than a guess)."""
    f = timeline.force(g, node)
    acts = {k: [{"link": link(iri, lab), "date": day(when)} for iri, lab, when in rows]
            for k, rows in (("repealed_by", f.repealed_by), ("partially_repealed_by", f.partially_repealed_by),
                            ("amended_by", f.amended_by))}
    if not (f.entry_into_force or f.no_longer_in_force or f.expiry or any(acts.values())):
        return None
    first = lambda rows: (rows[0][1] or rows[0][0].rsplit("/", 1)[-1]) if rows else None  # noqa: E731
    return {"repealed_by_name": first(f.repealed_by), "amended_by_name": first(f.amended_by),
            "entry": day(f.entry_into_force), "end": day(f.no_longer_in_force), "ended_by": f.ended_by,
            "last": day(f.last_day_in_force), "expiry": day(f.expiry), "not_in_force": f.not_in_force,
            "issued": day(timeline.document_date(g, node)), **acts}


def history(g, node, link) -> list[dict]:
    rows = []
    for e in timeline.history(g, node):
        rows.append({"date": day(e.date), "kind": e.kind, "words": words(e.kind), "stated": e.stated,
                     "other": link(e.other, e.other_label) if e.other else None,
                     "evidence": [{"quote": ev.quote, "line": ev.line, "line_end": ev.line_end,
                                   "source": link(ev.source, None) if ev.source else None} for ev in e.evidence]})
    return rows


def diffusion(g, node, link) -> dict | None:
    rows = timeline.diffusion(g, node)
    if not rows:
        return None
    out = [{"document": link(r.document, r.label), "relation": r.relation, "words": words(r.relation),
            "bodies": r.bodies, "level": r.level, "level_words": words(r.level) if r.level else None,
            "date": day(r.date), "year": r.year, "lag": r.lag, "unit": r.lag_unit, "unit_words": words(r.lag_unit) if r.lag_unit else None,
            "by_number": r.lag_basis == timeline.BY_NUMBER_YEAR} for r in rows]
    return {"rows": out, "svg": plot(rows)}


def plot(rows) -> str | None:
    """The followers on a line of time: the policy at the left, each follower at its lag (days, or years
    where only years are known), coloured by relation. Drawn at build time: no script, no outside request."""
    if rows and all(r.lag_unit == timeline.DAYS for r in rows):
        unit, scaled = timeline.DAYS, [(r.lag, r) for r in rows]
    else:   # one follower known only by its year puts them all in years
        unit = timeline.YEARS
        scaled = [(r.year - r.policy_year, r) for r in rows if r.year is not None and r.policy_year is not None]
    if not scaled:
        return None
    top = max(1, max(v for v, _ in scaled))
    width, left, right, row = 640, 20, 40, 18
    height = 40 + row * len(scaled)
    x = lambda v: left + (width - left - right) * max(0, v) / top   # noqa: E731
    unit_zh, unit_en = ("天", "days") if unit == timeline.DAYS else ("年", "years")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-size="11" role="img" aria-label="diffusion timeline">',
           f'<line x1="{left}" y1="20" x2="{width - right}" y2="20" stroke="#5b6475"/>',
           f'<text x="{left}" y="14" fill="#1d2330">0</text>',
           f'<text x="{width - right}" y="14" text-anchor="end" fill="#1d2330">{top} {unit_en} / {top}{unit_zh}</text>']
    for i, (v, r) in enumerate(sorted(scaled, key=lambda p: (p[0], p[1].document))):
        cy = 34 + row * i
        colour = REL_COLOUR.get(r.relation, "#5b6475")
        out.append(f'<line x1="{x(v):.1f}" y1="20" x2="{x(v):.1f}" y2="{cy}" stroke="{colour}" stroke-dasharray="2 2"/>'
                   f'<circle cx="{x(v):.1f}" cy="{cy}" r="4" fill="{colour}"/>'
                   + (f'<text x="{x(v) + 7:.1f}" y="{cy + 4}" fill="#1d2330">' if x(v) < width / 2 else
                      f'<text x="{x(v) - 7:.1f}" y="{cy + 4}" text-anchor="end" fill="#1d2330">')
                   + f'{escape(r.label or r.document.rsplit("/", 1)[-1])} ({v})</text>')
    out.append("</svg>")
    return "".join(out)
