"""Rebuilding in place: when a few issues change, only what depends on them is written again.

A build leaves its state beside its output (`build-state.pickle`): the code and options it was made
with, each issue's result key and the resources it describes, the pages and the search bundles. The
next build with the same code and options works out what changed, writes the new files into a
staging folder, and then commits them: a journal lists the moves, the moves are done with signals
held, the journal is removed. A commit cut short (power loss) is finished by the next build before
it reads anything, so the output is never left half old, half new.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
from pathlib import Path

STATE = "build-state.pickle"
JOURNAL = "commit-journal.json"
STATE_VERSION = 1


def load_state(out: Path) -> dict | None:
    p = out / STATE
    if not p.exists():
        return None
    try:
        state = pickle.loads(p.read_bytes())
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else None


def save_state(folder: Path, state: dict) -> None:
    state = {**state, "version": STATE_VERSION}
    tmp = folder / f".{STATE}.tmp"
    tmp.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(folder / STATE)


def _move(src: Path, dst: Path) -> None:
    if not src.exists() and not src.is_symlink():
        return      # already moved by the commit that was cut short
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.is_dir() and not dst.is_symlink():
        trash = dst.with_name(f".{dst.name}.replaced-{os.getpid()}")
        os.replace(dst, trash)
        os.replace(src, dst)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(src, dst)


def _delete(target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target, ignore_errors=True)
    elif target.exists() or target.is_symlink():
        target.unlink()
    parent = target.parent
    try:
        while parent.name and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    except OSError:
        pass


def _apply(out: Path, journal: dict) -> None:
    stage = Path(journal["stage"])
    for rel in journal["moves"]:
        _move(stage / rel, out / rel)
    for rel in journal["deletes"]:
        _delete(out / rel)
    (out / JOURNAL).unlink()
    if stage.name.startswith(f".{out.name}.build-"):     # never a folder a damaged journal names
        shutil.rmtree(stage, ignore_errors=True)


def finish_commit(out: Path) -> bool:
    """Complete a commit that was cut short. Returns whether there was one."""
    p = out / JOURNAL
    if not p.exists():
        return False
    _apply(out, json.loads(p.read_text(encoding="utf-8")))
    return True


def commit(stage: Path, out: Path, moves: list[str], deletes: list[str]) -> None:
    """Move the staged files (and folders) into the output and delete what is gone, as one step."""
    journal = {"stage": str(stage), "moves": sorted(set(moves)), "deletes": sorted(set(deletes) - set(moves))}
    tmp = out / f".{JOURNAL}.tmp"
    tmp.write_text(json.dumps(journal, ensure_ascii=False), encoding="utf-8")
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        tmp.replace(out / JOURNAL)
        _apply(out, journal)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
