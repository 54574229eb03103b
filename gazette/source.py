"""Read a gazette file into lines, deciding its encoding and refusing what is not text."""
from __future__ import annotations

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


def _looks_binary(data: bytes) -> int | None:
    """Offset of the first byte that no text file holds, or None."""
    for i, b in enumerate(data[:65536]):
        if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C):
            return i
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
    bad = _looks_binary(text.encode("utf-8"))
    if bad is not None:
        line = text.encode("utf-8")[:bad].count(b"\n") + 1
        raise GazetteError(path, "the file holds control characters: it is binary, not gazette text", line=line)
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
    return SourceText(path=path, lines=lines, encoding=encoding, notes=notes)


def read_source(path: str | Path) -> SourceText:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise GazetteError(str(p), f"cannot read: {e.strerror}") from None
    return decode(data, str(p))
