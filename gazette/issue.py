"""One gazette issue: read, clean, segment, extract; plus the coverage of every source line."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .dates import parse_date
from .docnumber import find_numbers
from .document import forwarded_titles, issued_titles, split_document
from .errors import GazetteError
from .genres import genre_of
from .identity import number_key, strip_issuers, unnumbered_key
from .layout import Line, classify
from .paragraphs import build_paragraphs
from .text import tidy
from .records import Document
from .registry import Registry
from .segment import Header, detect_start, is_section_label
from .source import SourceText, read_source

STOP_ENDINGS = "。！？）)”」』；：日月"


@dataclass
class IssueInfo:
    key: str
    path: str
    series: str | None
    year: int | None
    number: int | None
    encoding: str
    notes: list[str]
    sections: list[dict]
    front_matter: list[int]
    source_file: str = ""          # where the file was read from (not published: it varies by machine)


@dataclass
class ParsedIssue:
    info: IssueInfo
    documents: list[Document]
    lines: list[Line]
    coverage: dict[int, str]           # source line -> what holds it or why it was dropped
    total_lines: int
    warnings: list[str] = field(default_factory=list)


def _issue_meta(src: SourceText, headers: list[dict]) -> tuple[str | None, int | None, int | None]:
    meta_path = Path(src.path).with_suffix(".meta.json")
    meta = {}
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise GazetteError(str(meta_path), f"unreadable metadata: {e}") from None
    if headers:
        (series, year, number), _ = Counter((h["series"], h["year"], h["number"]) for h in headers).most_common(1)[0]
    else:
        series = year = number = None
    return meta.get("series", series), meta.get("year", year), meta.get("number", number)


def _find_headers(lines: list[Line], registry: Registry | None) -> tuple[list[Header], list[dict]]:
    headers: list[Header] = []
    sections: list[dict] = []
    after_break = True
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_section_label(line):
            sections.append({"line": line.no, "label": line.text.strip("【】")})
            after_break = True
            i += 1
            continue
        h = detect_start(lines, i, registry, after_break)
        if h:
            headers.append(h)
            i = h.end
            after_break = False
            continue
        after_break = line.text.endswith("印发") and bool(re.search(r"\d\s*日\s*印发$", line.text))
        i += 1
    return headers, sections


def _document_key(number, issuers, date, title, registry) -> str:
    if number is not None:
        return number_key(number, registry)
    return unnumbered_key(issuers, date, title, registry)


def parse_text(src: SourceText, registry: Registry | None, issue_key: str | None = None,
               display_path: str | None = None) -> ParsedIssue:
    path = src.path
    content, dropped, running = classify(src.lines)
    coverage: dict[int, str] = {no: f"dropped: {why}" for no, why in dropped.items()}
    headers, sections = _find_headers(content, registry)
    if not headers:
        raise GazetteError(path, "no recognisable document: no issuer heading with a 关于… title, and no report", line=1)
    section_lines = {s["line"] for s in sections}
    series, year, number = _issue_meta(src, running)
    key = issue_key or Path(path).stem
    front = [l.no for l in content[: headers[0].start] if l.no not in section_lines]
    for no in front:
        coverage[no] = "front matter"
    for no in section_lines:
        coverage[no] = "section label"

    documents: list[Document] = []
    seen: dict[str, int] = {}
    for hi, h in enumerate(headers):
        end = headers[hi + 1].start if hi + 1 < len(headers) else len(content)
        block = [l for l in content[h.start:end] if l.no not in section_lines]
        # indices in the header refer to content; rebase onto the block
        offset = h.start
        hdr = Header(0, h.end - offset, h.kind, h.issuers, h.title, [x - offset for x in h.title_idx],
                     h.number, None if h.number_idx is None else h.number_idx - offset,
                     [x - offset for x in h.header_idx])
        if h.number and h.number.problem:
            raise GazetteError(path, f"malformed document number '{h.number.raw}': {h.number.problem}",
                               line=content[h.number_idx].no)
        issued = issued_titles(h.title)
        parts = split_document(block, hdr, len(block), issued)
        docnum = h.number.number if h.number else None
        section = None
        before = [s for s in sections if s["line"] < content[h.start].no]
        if before:
            section = before[-1]["label"]
        date = parts.signature.date if parts.signature else None
        if date is None and parts.subtitle:
            date = parse_date(parts.subtitle)
        genre = genre_of(h.title)
        doc = Document(
            key=_document_key(docnum, h.issuers, date, h.title, registry),
            number=docnum,
            number_source="printed" if docnum else None,
            title=tidy(h.title),
            genre=genre,
            issuers=list(h.issuers),
            recipients=parts.recipients,
            attachments=parts.attachments,
            date_document=date,
            signature=parts.signature,
            printed_by=parts.printed[0] if parts.printed else None,
            disclosure=parts.disclosure,
            subtitle=parts.subtitle,
            paragraphs=build_paragraphs(parts.body),
            annexes=parts.annexes,
            line_span=(block[0].no, block[-1].no),
            title_lines=[block[x].no for x in hdr.title_idx],
            header_lines=[block[x].no for x in hdr.header_idx] + ([block[hdr.number_idx].no] if hdr.number_idx is not None else []),
            section=section,
            issued_texts=issued,
        )
        if docnum is not None:
            if doc.key in seen:
                raise GazetteError(path, f"document {docnum.canonical} appears twice in one issue "
                                         f"(first at line {seen[doc.key]})", line=content[h.start].no)
            seen[doc.key] = content[h.start].no
        for l in block:
            coverage[l.no] = f"document {doc.key}"
        documents.append(doc)
    _link_reproduced(documents, registry)
    _check_truncated(path, documents, content)
    for no in range(1, len(src.lines) + 1):
        coverage.setdefault(no, "unaccounted")
    info = IssueInfo(key=key, path=display_path or Path(path).name, series=series, year=year, number=number, encoding=src.encoding,
                     notes=list(src.notes), sections=sections, front_matter=front,
                     source_file=str(Path(path).resolve()))
    return ParsedIssue(info=info, documents=documents, lines=content, coverage=coverage, total_lines=len(src.lines))


TITLE_NUMBER = re.compile(r"《(?P<t>(?:[^《》]|《[^《》]*》)+)》\s*[（(]\s*(?P<n>[^（）()]{4,40})\s*[）)]")


def _number_given_for(title: str, texts: list[str], registry) -> tuple:
    want = strip_issuers(title)
    for text in texts:
        for m in TITLE_NUMBER.finditer(text):
            if strip_issuers(m["t"]).endswith(want) or want.endswith(strip_issuers(m["t"])):
                nums = [n.number for n in find_numbers(m["n"], registry) if n.number]
                if nums:
                    return nums[0]
    return None


def _link_reproduced(documents: list[Document], registry) -> None:
    """A higher body's document reproduced after the notice that forwards it."""
    for i, doc in enumerate(documents[:-1]):
        wanted = forwarded_titles(doc.title)
        if not wanted:
            continue
        nxt = documents[i + 1]
        if not any(strip_issuers(w).endswith(strip_issuers(nxt.title)) for w in wanted):
            continue
        nxt.forwarded_by = doc.key
        doc.forwards.append(nxt.key)
        if nxt.number is None:
            texts = [p.text for p in doc.paragraphs] + doc.attachments + [doc.title]
            num = _number_given_for(nxt.title, texts, registry)
            if num:
                nxt.number = num
                nxt.number_source = "forwarding notice"
                nxt.key = number_key(num, registry)
                doc.forwards[-1] = nxt.key
        # the 版记 at the end belongs to the forwarding notice, not to what it reproduces
        if nxt.printed_by and doc.printed_by is None:
            doc.printed_by, nxt.printed_by = nxt.printed_by, None


def _check_truncated(path: str, documents: list[Document], content: list[Line]) -> None:
    last = documents[-1]
    tail = content[-1]
    if last.printed_by is None and tail.text[-1] not in STOP_ENDINGS:
        raise GazetteError(path, f"the text ends mid-way through {last.number.canonical if last.number else last.title}: "
                                 f"no closing 印发 line and the last line is cut off ('{tail.text[-20:]}')", line=tail.no)


def parse_issue(path: str | Path, registry: Registry | None, issue_key: str | None = None,
                display_path: str | None = None) -> ParsedIssue:
    return parse_text(read_source(path), registry, issue_key, display_path)
