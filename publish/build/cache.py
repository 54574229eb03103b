"""Per-issue results cached by content hash: an unchanged issue is not parsed again."""
from __future__ import annotations

import hashlib
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
    """Results by kind and key, as pickles (`get`, `put`) or plain files (`file`, `write_file`), under a
    folder or an fsspec URL (publish/build/storage.py)."""

    def __init__(self, where: Path | str | None, fingerprint: str):
        from publish.build.storage import files_at
        self.where = where
        self.files = files_at(where) if where is not None else None
        self.fingerprint = fingerprint

    def key(self, *parts: bytes | str) -> str:
        h = hashlib.sha256(self.fingerprint.encode())
        for p in parts:
            h.update(b"\x00")
            h.update(p if isinstance(p, bytes) else p.encode("utf-8"))
        return h.hexdigest()

    @staticmethod
    def _rel(kind: str, key: str, ext: str) -> str:
        return f"{kind}/{key[:2]}/{key}.{ext}"

    def file(self, kind: str, key: str, ext: str) -> Path:
        """A result kept as a plain file (an issue's N-Triples) as a file on this machine, to read; it does not
        exist when the result is not in the cache."""
        return self.files.local(self._rel(kind, key, ext))

    def has_file(self, kind: str, key: str, ext: str) -> bool:
        return self.files is not None and self.files.exists(self._rel(kind, key, ext))

    def read_file(self, kind: str, key: str, ext: str) -> bytes:
        return self.files.read(self._rel(kind, key, ext))

    def write_file(self, kind: str, key: str, ext: str, data: bytes | str) -> None:
        self.files.write(self._rel(kind, key, ext), data.encode("utf-8") if isinstance(data, str) else data)

    def upload(self, kind: str, key: str, ext: str, source: Path) -> None:
        self.files.upload(self._rel(kind, key, ext), source)

    def download(self, kind: str, key: str, ext: str, dest: Path) -> None:
        self.files.download(self._rel(kind, key, ext), dest)

    def remove(self, kind: str, key: str, ext: str) -> None:
        self.files.remove(self._rel(kind, key, ext))

    def has(self, kind: str, key: str) -> bool:
        return self.has_file(kind, key, "pickle")

    def get(self, kind: str, key: str):
        if self.files is None:
            return None
        try:
            data = self.files.read(self._rel(kind, key, "pickle"))
        except FileNotFoundError:
            return None
        try:
            return pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value) -> None:
        if self.files is None:
            return
        self.write_file(kind, key, "pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
