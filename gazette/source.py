"""Read a gazette file into lines, deciding its encoding and refusing what is not text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GazetteError

MAX_LINE_CHARS = 20_000


@dataclass
class SourceText:
    path: str
    lines: list[str]
    encoding: str
    notes: list[str] = field(default_factory=list)
    page_breaks: set[int] = field(default_factory=set)    # lines a form feed put at the top of a page
    tainted: dict[int, str] = field(default_factory=dict)  # line -> the control characters removed from it


# invisible characters that change how an identifier compares, never what it says: removed, and reported
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# control characters no text line holds (tab and form feed are layout; line ends split the lines)
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
BINARY_SHARE = 0.005     # more control characters than this share of the text: not text at all


def _looks_binary(text: str) -> int | None:
    """Offset of the first control character when there are too many of them to be typos in a text."""
    found = CONTROL.findall(text)
    if len(found) > max(8, len(text) * BINARY_SHARE):
        return CONTROL.search(text).start()
    return None


def decode(data: bytes, path: str) -> SourceText:
    if not data.strip():
        raise GazetteError(path, "the file is empty: there is no gazette text to read", line=1 if data else None)
    notes: list[str] = []
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise GazetteError(path, "the file holds NUL bytes: it is binary, not gazette text", line=line)
    text: str | None = None
    encoding = ""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            encoding = "utf-8" if enc == "utf-8-sig" else enc
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise GazetteError(path, "the file is neither UTF-8 nor GB18030 text")
    if encoding == "gb18030":
        notes.append("decoded as GB18030 (not UTF-8)")
    bad = _looks_binary(text)
    if bad is not None:
        raise GazetteError(path, "the file holds control characters: it is binary, not gazette text",
                           line=text.count("\n", 0, bad) + 1)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if cjk < max(10, len(text.strip()) // 20):
        raise GazetteError(path, "the file holds almost no Chinese text: it is not a gazette", line=1)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for no, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise GazetteError(
                path,
                f"line of {len(line):,} characters (limit {MAX_LINE_CHARS:,}): not a page of gazette text",
                line=no,
            )
    page_breaks, tainted, invisible = set(), {}, []
    for no, line in enumerate(lines, 1):
        if "\f" in line:
            page_breaks.add(no)
            line = line.replace("\f", "")
        if INVISIBLE.search(line):
            invisible.append(no)
            line = INVISIBLE.sub("", line)
        bad_chars = CONTROL.findall(line)
        if bad_chars:
            tainted[no] = "control character " + ", ".join(sorted({f"U+{ord(c):04X}" for c in bad_chars})) + " removed"
            line = CONTROL.sub("", line)
        lines[no - 1] = line
    if invisible:
        notes.append(f"zero-width or direction characters removed from line(s) {_some(invisible)}")
    if tainted:
        notes.append(f"control characters removed from line(s) {_some(sorted(tainted))}: their records are held for review")
    return SourceText(path=path, lines=lines, encoding=encoding, notes=notes, page_breaks=page_breaks, tainted=tainted)


def _some(numbers: list[int], n: int = 10) -> str:
    shown = ", ".join(str(x) for x in numbers[:n])
    return shown + (f" and {len(numbers) - n} more" if len(numbers) > n else "")


def read_source(path: str | Path) -> SourceText:
    """A regular file's text. Opened without blocking and checked before it is read, so a pipe or a
    device put in its place never hangs the build."""
    import os
    import stat
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise GazetteError(str(p), "not a regular file: a gazette must be a text file")
            with os.fdopen(fd, "rb", closefd=False) as f:
                data = f.read()
        finally:
            os.close(fd)
    except OSError as e:
        raise GazetteError(str(p), f"cannot read: {e.strerror}") from None
    return decode(data, str(p))
