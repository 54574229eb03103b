"""Per-issue results cached by content hash: an unchanged issue is not parsed again."""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from gazette import datafiles

ROOT = Path(__file__).resolve().parent.parent.parent


CODE_SUFFIXES = {".py", ".mjs", ".ttl", ".html", ".css", ".js", ".csv", ".rq", ".json", ".svg", ".txt", ".md"}


def code_folders() -> dict[str, Path]:
    """Every folder whose files can change an output, by a stable name: found recursively, never listed
    file by file (in a checkout or an installed wheel alike)."""
    folders = {pkg: ROOT / pkg for pkg in ("gazette", "mappings", "publish")}
    folders.update({name: datafiles.folder(name) for name in ("ontology", "shapes", "site", "queries")})
    return folders


def _tree_hash(h, folders: dict[str, Path]) -> None:
    for name, top in sorted(folders.items()):
        for f in sorted(top.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix in CODE_SUFFIXES:
                h.update(f"{name}/{f.relative_to(top).as_posix()}".encode() + b"\x00")
                h.update(f.read_bytes())


def code_fingerprint(registry_dir: Path | None, folders: dict[str, Path] | None = None) -> str:
    """Changes whenever any file of the code or data that can change an output changes: every module
    of the parser, the mappings and the publisher, the ontology, the shapes, the site's templates and
    labels, the queries, and the registry."""
    h = hashlib.sha256()
    _tree_hash(h, code_folders() if folders is None else folders)
    registry = Path(registry_dir) if registry_dir else datafiles.REGISTRY
    _tree_hash(h, {"registry": registry})
    return h.hexdigest()


def output_fingerprint(folders: dict[str, Path] | None = None) -> str:
    """Changes whenever anything that writes the output changes: then a build starts afresh."""
    h = hashlib.sha256()
    _tree_hash(h, code_folders() if folders is None else folders)
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
