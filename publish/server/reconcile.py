"""The W3C Reconciliation Service API 0.2 over Gongbao's heritage items, categories, documents,
bodies and glossary terms. Pupils are never candidates: award entries are not in the index."""
from __future__ import annotations

import time

import json
from html import escape
from pathlib import Path

from publish.outputs.reconciliation import PROPERTIES, TYPES
from publish.server.matching import code, fold, pinyin, similarity

MAX_BATCH = 100      # queries in one reconciliation request; OpenRefine sends 10 at a time


class BatchRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Service:
    def __init__(self, index: list[dict], identifier_space: str):
        self.index = index
        self.by_id = {e["id"]: e for e in index}
        self.space = identifier_space
        for e in index:
            names = [e["name"]] + e.get("alt", [])
            e["_fold"] = [fold(n) for n in names]
            e["_pinyin"] = [pinyin(n) for n in names]

    # --- manifest -------------------------------------------------------------------------------
    def manifest(self, root: str) -> dict:
        """root: where this service is reached (the server's own address), for the URL templates."""
        r = root.rstrip("/")
        return {
            "versions": ["0.2"],
            "name": "Gongbao 公报: government gazettes (heritage items, documents, bodies, glossary)",
            "identifierSpace": self.space,
            "schemaSpace": "https://gongbao.example.org/ontology#",
            "documentation": f"{r}/",
            "defaultTypes": [{"id": "HeritageItem", "name": TYPES["HeritageItem"]}],
            "view": {"url": f"{r}/{{{{id}}}}/"},
            "preview": {"url": f"{r}/reconcile/preview?id={{{{id}}}}", "width": 420, "height": 220},
            "suggest": {
                "entity": {"service_url": r, "service_path": "/reconcile/suggest/entity"},
                "type": {"service_url": r, "service_path": "/reconcile/suggest/type"},
                "property": {"service_url": r, "service_path": "/reconcile/suggest/property"},
            },
            "extend": {
                "propose_properties": {"service_url": r, "service_path": "/reconcile/propose_properties"},
                "property_settings": [],
            },
        }

    # --- reconciliation -------------------------------------------------------------------------
    def _score(self, e: dict, query: str, props: list[dict]) -> tuple[float, list[dict], bool]:
        q = fold(query)
        qcode = code(query)
        exact = q in e["_fold"]
        name_sim = max(similarity(q, f) for f in e["_fold"])
        py_sim = max(similarity(pinyin(query), p) for p in e["_pinyin"]) if q else 0.0
        code_hit = bool(qcode and e.get("code") and code(e["code"]) == qcode) or \
            bool(e.get("code") and fold(query) == fold(e["code"]))
        score = 100.0 if exact or code_hit else max(name_sim, 0.95 * py_sim) * 90
        features = [{"id": "name_exact", "value": exact}, {"id": "name_similarity", "value": round(name_sim, 3)},
                    {"id": "pinyin_similarity", "value": round(py_sim, 3)}, {"id": "code_match", "value": code_hit}]
        certain_props = True
        for p in props:
            pid = p.get("pid")
            values = p.get("v")
            values = values if isinstance(values, list) else [values]
            values = [v.get("name") or v.get("id") if isinstance(v, dict) else str(v) for v in values if v not in (None, "")]
            have = e["props"].get(pid, [])
            if not values or pid not in PROPERTIES.get(e["type"], {}):
                continue
            if pid == "code":
                hit = any(code(v) and code(v) in {code(h) for h in have} for v in values)
            else:
                hit = any(fold(v) and any(fold(v) == fold(h) or fold(v) in fold(h) for h in have) for v in values)
            features.append({"id": f"{pid}_match", "value": hit})
            score += 8 if hit else -25
            certain_props = certain_props and hit
        return max(0.0, min(100.0, score)), features, (exact or code_hit) and certain_props

    def reconcile_one(self, q: dict) -> dict:
        query = str(q.get("query") or "")
        typ = q.get("type")
        typ = typ.get("id") if isinstance(typ, dict) else typ
        limit = int(q.get("limit") or 5)
        props = q.get("properties") or []
        if not query and props:
            query = next((str(p.get("v")) for p in props if p.get("pid") == "code"), "")
        cands = []
        for e in self.index:
            if typ and e["type"] != typ:
                continue
            score, features, certain = self._score(e, query, props)
            if score <= 20:
                continue
            cands.append((score, certain, e, features))
        cands.sort(key=lambda c: (-c[0], c[2]["id"]))
        result = []
        for i, (score, certain, e, features) in enumerate(cands[:limit]):
            unique = len(cands) == 1 or cands[1][0] < score - 10 if i == 0 else False
            result.append({"id": e["id"], "name": e["name"], "score": round(score, 2),
                           "match": bool(i == 0 and certain and unique and score >= 95),
                           "type": [{"id": e["type"], "name": TYPES[e["type"]]}], "features": features,
                           "description": self._description(e)})
        return {"result": result}

    def reconcile(self, queries: dict, timeout_s: float | None = None) -> dict:
        """A batch of queries: at most MAX_BATCH of them, answered within `timeout_s` in all."""
        if not isinstance(queries, dict):
            raise ValueError("queries must be a JSON object of query objects")
        if len(queries) > MAX_BATCH:
            raise BatchRefused(413, f"{len(queries)} queries in one batch: the limit is {MAX_BATCH}")
        deadline = time.monotonic() + timeout_s if timeout_s else None
        out = {}
        for key, q in queries.items():
            if deadline is not None and time.monotonic() > deadline:
                raise BatchRefused(503, f"the batch took longer than {timeout_s:g} s: send fewer queries at a time")
            out[key] = self.reconcile_one(q)
        return out

    def _description(self, e: dict) -> str:
        bits = [e.get("printed_code") or e.get("code") or ""] + e["props"].get("category", []) + e["props"].get("applicant", [])
        return " · ".join(b for b in bits if b)

    # --- suggest, preview, extend -----------------------------------------------------------------
    def suggest_entity(self, prefix: str, typ: str | None = None, limit: int = 10) -> dict:
        f, c = fold(prefix), code(prefix)
        hits = [e for e in self.index if (not typ or e["type"] == typ) and
                (any(x.startswith(f) or f in x for x in e["_fold"]) or (c and e.get("code") and code(e["code"]) == c)
                 or any(p.startswith(pinyin(prefix)) for p in e["_pinyin"]))] if f else []
        hits.sort(key=lambda e: (not any(x.startswith(f) for x in e["_fold"]), len(e["name"]), e["id"]))
        return {"result": [{"id": e["id"], "name": e["name"], "description": self._description(e)} for e in hits[:limit]]}

    def suggest_type(self, prefix: str) -> dict:
        p = (prefix or "").lower()
        return {"result": [{"id": t, "name": n} for t, n in TYPES.items() if p in t.lower() or p in n.lower()]}

    def suggest_property(self, prefix: str, typ: str | None = None) -> dict:
        p = (prefix or "").lower()
        found = {}
        for t, props in PROPERTIES.items():
            if typ and t != typ:
                continue
            for pid, name in props.items():
                if p in pid or p in name.lower():
                    found[pid] = name
        return {"result": [{"id": k, "name": v} for k, v in sorted(found.items())]}

    def propose_properties(self, typ: str, limit: int = 10) -> dict:
        props = PROPERTIES.get(typ, {})
        return {"type": typ, "limit": limit, "properties": [{"id": k, "name": v} for k, v in list(props.items())[:limit]]}

    def extend(self, request: dict) -> dict:
        ids = request.get("ids") or []
        if len(ids) > MAX_BATCH * 10:
            raise BatchRefused(413, f"{len(ids)} ids in one request: the limit is {MAX_BATCH * 10}")
        props = [p.get("id") for p in request.get("properties") or []]
        names = {pid: name for t in PROPERTIES.values() for pid, name in t.items()}
        rows = {}
        for i in ids:
            e = self.by_id.get(i)
            rows[i] = {pid: self._values(e, pid) for pid in props}
        return {"meta": [{"id": pid, "name": names.get(pid, pid)} for pid in props], "rows": rows}

    @staticmethod
    def _values(e: dict | None, pid: str) -> list[dict]:
        """A property's values for data extension: an entity of this service as its id and name (so
        OpenRefine can follow it), anything else as a string."""
        if e is None:
            return []
        links = e.get("links", {}).get(pid)
        if links:
            return [{"id": x["id"], "name": x["name"]} for x in links]
        return [{"str": v} for v in e["props"].get(pid, [])]

    def preview(self, entity_id: str) -> str | None:
        e = self.by_id.get(entity_id)
        if e is None:
            return None
        rows = "".join(f"<tr><th>{escape(PROPERTIES[e['type']].get(k, k))}</th><td>{escape('、'.join(v))}</td></tr>"
                       for k, v in e["props"].items() if v)
        return ('<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>' + escape(e["name"]) + "</title>"
                '<body style="font-family:sans-serif;margin:6px">'
                f'<h3 style="margin:0">{escape(e["name"])}</h3><p style="color:#555;margin:2px 0">{escape(TYPES[e["type"]])}</p>'
                f'<table style="font-size:13px">{rows}</table></body></html>')


def load_service(out: Path, base: str) -> Service:
    index = json.loads((out / "reconcile.json").read_text(encoding="utf-8"))
    return Service(index, base.rstrip("/") + "/")
