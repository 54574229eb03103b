"""The SHACL gate: the graph must conform to shapes/, or the build stops with a readable report."""
from __future__ import annotations

from gazette import datafiles
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from mappings.terms import ELI, GB

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = datafiles.SHAPES


def load_shapes(path: Path = SHAPES) -> Graph:
    return Graph().parse(path, format="turtle")


def _short(g: Graph, term) -> str:
    try:
        return g.namespace_manager.normalizeUri(term)
    except Exception:
        return str(term)


def validate(data: Graph, shapes: Graph, source_path: str) -> list[dict]:
    """Every violation as focus node, path, value, message and the gazette line it came from."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                            allow_warnings=True)
    if conforms:
        return []
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        line = data.value(focus, GB.sourceLine)
        if line is None:
            # an expression has no line of its own: use the document it realizes
            owner = data.value(focus, ELI.realizes)
            line = data.value(owner, GB.sourceLine) if owner is not None else None
        if line is None:
            # nor has a cited document: use where the text speaks of its force, else where it is cited
            ev = min(list(data.subjects(GB.forceOf, focus)) or list(data.subjects(GB.citedResource, focus)), default=None,
                     key=lambda e: int(data.value(e, GB.sourceLine) or 0))
            line = data.value(ev, GB.sourceLine) if ev is not None else None
        out.append({
            "focus": str(focus),
            "path": _short(data, path) if path is not None else None,
            "value": str(results.value(r, SH.value)) if results.value(r, SH.value) is not None else None,
            "message": str(results.value(r, SH.resultMessage) or ""),
            "severity": _short(results, results.value(r, SH.resultSeverity)),
            "file": source_path,
            "line": int(line) if line is not None else None,
        })
    out.sort(key=lambda v: (v["file"], v["line"] or 0, v["focus"], v["path"] or "", v["message"]))
    return out


def report_text(violations: list[dict]) -> str:
    lines = [f"{len(violations)} SHACL violation(s):"]
    for v in violations:
        where = f"{v['file']}:{v['line']}" if v["line"] else v["file"]
        value = f" (value {v['value']})" if v["value"] else ""
        lines.append(f"  {where}: {v['focus']} {v['path'] or ''}: {v['message']}{value}")
    return "\n".join(lines)
