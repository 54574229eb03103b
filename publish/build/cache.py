"""Per-issue results cached by content hash: an unchanged issue is not parsed again."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def code_fingerprint(registry_dir: Path | None) -> str:
    """Changes whenever the parser, the mappings, the shapes or the registry change."""
    h = hashlib.sha256()
    files = sorted((ROOT / "gazette").glob("*.py")) + sorted((ROOT / "mappings").glob("*.py")) + \
        sorted((ROOT / "shapes").glob("*.ttl")) + sorted((ROOT / "ontology").glob("*.ttl")) + \
        [ROOT / "publish" / "build" / "pipeline.py", ROOT / "publish" / "build" / "graph.py"]
    files += sorted((registry_dir or ROOT / "sources" / "registry").glob("*.csv"))
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def output_fingerprint() -> str:
    """Changes whenever anything that writes the output changes: then a build starts afresh."""
    h = hashlib.sha256()
    files = sorted(f for f in (ROOT / "publish").rglob("*.*") if "__pycache__" not in f.parts) + \
        sorted((ROOT / "site").rglob("*")) + sorted((ROOT / "queries").glob("*"))
    for f in files:
        if f.is_file():
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint

    def key(self, *parts: bytes | str) -> str:
        h = hashlib.sha256(self.fingerprint.encode())
        for p in parts:
            h.update(b"\x00")
            h.update(p if isinstance(p, bytes) else p.encode("utf-8"))
        return h.hexdigest()

    def file(self, kind: str, key: str, ext: str) -> Path:
        """Where a result kept as a plain file (an issue's N-Triples) lives; the folder is made."""
        p = self.folder / kind / key[:2] / f"{key}.{ext}"
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def has(self, kind: str, key: str) -> bool:
        return self.folder is not None and (self.folder / kind / key[:2] / f"{key}.pickle").exists()

    def get(self, kind: str, key: str):
        if self.folder is None:
            return None
        p = self.folder / kind / key[:2] / f"{key}.pickle"
        if not p.exists():
            return None
        try:
            return pickle.loads(p.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value) -> None:
        if self.folder is None:
            return
        p = self.folder / kind / key[:2] / f"{key}.pickle"
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(p)
