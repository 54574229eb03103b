"""Where the cache's files live: a folder, or any fsspec URL (s3://…, gs://…, file:///…, memory://…), so
that workers on other machines share one cache.

A folder is read and written with the standard library, as before; a URL needs fsspec (which comes with
the `cluster` extra). Every entry is named by a hash of its content's inputs and never changes once
written, so a copy of an entry is never stale: a URL's entries that must be read as local files (the
whole-corpus steps stream them) are copied once into a mirror folder on this machine.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

from gazette.errors import GazetteError


def is_url(where) -> bool:
    return isinstance(where, str) and "://" in where


def location(text: str) -> Path | str:
    """The --cache value as given: a URL stays a URL, anything else is a folder."""
    return text if is_url(text) else Path(text)


def local_folder(where) -> Path | None:
    """The folder on this machine that `where` names (a folder, or a file:// URL); None for any other URL."""
    if isinstance(where, Path):
        return where
    if is_url(where) and where.startswith("file://"):
        return Path(where[len("file://"):])
    return None


def _unique(path: Path) -> Path:
    # a worker may be a thread of a process that also writes: the thread's id keeps two writers apart
    return path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")


class FolderFiles:
    """Entries as files under a folder (local, or mounted at the same path on every worker)."""

    shared = True    # every process on a machine that mounts the folder sees the same files

    def __init__(self, folder: Path):
        self.folder = folder
        self.name = str(folder)

    def local(self, rel: str) -> Path:
        return self.folder / rel

    def exists(self, rel: str) -> bool:
        return (self.folder / rel).exists()

    def read(self, rel: str) -> bytes:
        return (self.folder / rel).read_bytes()

    def write(self, rel: str, data: bytes) -> None:
        p = self.folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = _unique(p)
        tmp.write_bytes(data)
        tmp.replace(p)

    def upload(self, rel: str, source: Path) -> None:
        import shutil
        p = self.folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = _unique(p)
        shutil.copyfile(source, tmp)
        tmp.replace(p)

    def download(self, rel: str, dest: Path) -> None:
        import shutil
        shutil.copyfile(self.folder / rel, dest)

    def remove(self, rel: str) -> None:
        (self.folder / rel).unlink(missing_ok=True)


class UrlFiles:
    """Entries as objects under an fsspec URL."""

    def __init__(self, url: str):
        try:
            import fsspec
        except ImportError:
            raise GazetteError(url, "a cache at a URL needs fsspec: pip install 'gongbao[cluster]'") from None
        try:
            self.fs, self.root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as e:
            raise GazetteError(url, f"cannot use this cache location: {e}") from None
        self.name = url
        self.root = self.root.rstrip("/")
        protocols = self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,)
        # fsspec's memory file system is a dictionary inside one process: no other process sees it
        self.shared = "memory" not in protocols
        self.on_disk = "file" in protocols or "local" in protocols
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        self.mirror = Path(tempfile.gettempdir()) / f"gongbao-mirror-{digest}"

    def _path(self, rel: str) -> str:
        return f"{self.root}/{rel}"

    def local(self, rel: str) -> Path:
        if self.on_disk:
            return Path(self._path(rel))
        p = self.mirror / rel
        if not self.exists(rel):
            p.unlink(missing_ok=True)       # the cache no longer holds it (cleared): nor does its mirror
            return p
        if not p.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = _unique(p)
            self.fs.get_file(self._path(rel), str(tmp))
            tmp.replace(p)
        return p

    def exists(self, rel: str) -> bool:
        return self.fs.exists(self._path(rel))

    def read(self, rel: str) -> bytes:
        return self.fs.cat_file(self._path(rel))

    def write(self, rel: str, data: bytes) -> None:
        path = self._path(rel)
        if self.on_disk:
            # a reader on another process must never see half a file: written aside, then renamed
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            tmp = _unique(Path(path))
            tmp.write_bytes(data)
            tmp.replace(path)
        else:
            self.fs.pipe_file(path, data)    # an object store puts an object whole or not at all

    def upload(self, rel: str, source: Path) -> None:
        if self.on_disk:
            self.write(rel, source.read_bytes())
        else:
            self.fs.put_file(str(source), self._path(rel))

    def download(self, rel: str, dest: Path) -> None:
        self.fs.get_file(self._path(rel), str(dest))

    def remove(self, rel: str) -> None:
        try:
            self.fs.rm_file(self._path(rel))
        except FileNotFoundError:
            pass


def files_at(where) -> FolderFiles | UrlFiles:
    return UrlFiles(where) if is_url(where) else FolderFiles(Path(where))
