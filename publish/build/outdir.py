"""The output folder and its neighbours: what a build may replace or delete, and only that.

A build writes into a temporary folder beside `--out` and swaps it in when every step has passed. The
swap deletes the folder it replaces, so it must be a folder this program made: every build leaves a
marker file in its output, and outputs made before the marker existed are known by their build
files. Temporary folders hold an advisory lock while their build runs; one whose lock is free was
left by a build that died, and the next build removes it.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from gazette.errors import GazetteError

MARKER = ".gongbao-output"
MARKER_TEXT = "This folder was written by gongbao (build.py); the next build may replace it whole.\n"
# what an output written before the marker existed holds
_OLD_SIGNS = ("build.json", "build-state.pickle")


def is_ours(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).is_file() for name in (MARKER, *_OLD_SIGNS))


def _inside(a: Path, b: Path) -> bool:
    """Whether a is b or lies below it."""
    return a == b or b in a.parents


def check_output(out: Path, guarded: dict[str, Path | None]) -> None:
    """Refuse, with one line, an `--out` whose replacement would delete something that is not ours.

    `guarded` names the folders (and files) the build reads or keeps: the output may neither be one of
    them, nor hold one, nor lie inside one."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise GazetteError(str(out), "--out names something that is not a folder; give a new or empty folder, "
                                     "or one a previous build wrote")
    real = out.resolve()
    for option, path in guarded.items():
        if path is None:
            continue
        p = path.resolve()
        if _inside(real, p) or _inside(p, real):
            relation = "is" if real == p else ("lies inside" if _inside(real, p) else "holds")
            raise GazetteError(str(out), f"--out {relation} {option} {path}: a build replaces its output whole; "
                                         "choose a folder apart from the inputs")
    if out.is_dir() and any(out.iterdir()) and not is_ours(out):
        raise GazetteError(str(out), f"--out is a folder this program did not write (no {MARKER}, build.json or "
                                     "build-state.pickle in it); give a new or empty folder")


def _lock(folder: Path) -> int | None:
    """An exclusive advisory lock on the folder itself, held as long as the returned descriptor is open
    (fork children share it). None when another process holds it."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return fd


class WorkFolder:
    """A temporary folder beside the output, marked as ours and locked while this build runs."""

    def __init__(self, parent: Path, prefix: str):
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self.path.chmod(0o755)
        self.fd = _lock(self.path)
        (self.path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def remove(self) -> None:
        self.release()
        shutil.rmtree(self.path, ignore_errors=True)


def work_prefixes(out: Path) -> tuple[str, ...]:
    """The names of the folders a build of `out` makes beside it: its work, its scratch cache, and the
    replaced output on its way out."""
    return (f".{out.name}.build-", ".gongbao-scratch-", f".{out.name}.old-")


def sweep_leftovers(out: Path) -> list[Path]:
    """Remove the temporary folders of earlier builds of `out` that died (kill -9, power loss): those that
    are marked as ours and whose lock nobody holds. A concurrent build's folders are left alone."""
    removed = []
    parent = out.parent
    if not parent.is_dir():
        return removed
    for entry in sorted(parent.iterdir()):
        if not entry.name.startswith(work_prefixes(out)) or entry.is_symlink() or not entry.is_dir():
            continue
        if not is_ours(entry):
            continue
        try:
            fd = _lock(entry)
        except OSError:
            continue
        if fd is None:
            continue        # its build is still running
        try:
            shutil.rmtree(entry, ignore_errors=True)
        finally:
            os.close(fd)
        removed.append(entry)
    return removed


_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, or give --out (and --cache) on another disk",
    errno.EDQUOT: "the disk quota is used up: free some space, or give --out on another disk",
    errno.EROFS: "the file system is read-only: give --out (and --cache) on a writable one",
    errno.EACCES: "permission denied: give a folder you may write, or fix its permissions",
    errno.EPERM: "operation not permitted: give a folder you may write, or fix its permissions",
    errno.EBUSY: "the folder is busy (a mount point?): give a folder inside it instead",
    errno.ELOOP: "a loop of symbolic links: remove the link or point it somewhere real",
    errno.ENOENT: "no such file or folder: check the path",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.EISDIR: "a folder where a file was expected: check the path",
    errno.EXDEV: "the output and its temporary folder are on different file systems: give --out on one disk",
}


def describe_os_error(e: OSError) -> str:
    """One line for a file-system error: the path, what happened, and what to do."""
    where = e.filename if e.filename is not None else "?"
    if e.filename2 is not None:
        where = f"{where} -> {e.filename2}"
    what = e.strerror or str(e)
    advice = _ADVICE.get(e.errno, "check the path and the disk")
    return f"{where}: {what} ({advice})"
