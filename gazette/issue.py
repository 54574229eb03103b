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
from .genres import ORDER, OTHER, genre_of
from .identity import ascii_slug, government_for_order, is_generic_order, number_key, strip_issuers, unnumbered_key
from .layout import Line, classify
from .paragraphs import build_paragraphs
from .text import tidy
from .records import Document
from .review import ReviewItem
from .registry import Registry
from .orgnames import SECTION_LABEL_RE as SECTION_LABEL
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
    contents: list[dict] = field(default_factory=list)    # the issue's 目录: titles and pages as printed
    source_file: str = ""          # where the file was read from (not published: it varies by machine)


@dataclass
class ParsedIssue:
    info: IssueInfo
    documents: list[Document]
    lines: list[Line]
    coverage: dict[int, str]           # source line -> what holds it or why it was dropped
    total_lines: int
    warnings: list[str] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)    # documents held back, with the reason


META_FIELDS = {"series": str, "year": int, "number": int}


def read_meta(path: str | Path) -> dict:
    """An issue's `<issue>.meta.json`, checked: an object whose keys are among series (text), year
    (1949–2100) and number (1–999). Anything else stops the build: a wrong type would be published."""
    meta_path = Path(path).with_suffix(".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise GazetteError(str(meta_path), f"unreadable metadata: {e}") from None
    if not isinstance(meta, dict):
        raise GazetteError(str(meta_path), "metadata must be a JSON object with series, year and number")
    for k, v in meta.items():
        want = META_FIELDS.get(k)
        if want is None:
            raise GazetteError(str(meta_path), f"unknown metadata field '{k}': only series, year and number are read")
        if not isinstance(v, want) or isinstance(v, bool):
            raise GazetteError(str(meta_path), f"'{k}' must be {'text' if want is str else 'a whole number'}, not {v!r}")
    if "year" in meta and not 1949 <= meta["year"] <= 2100:
        raise GazetteError(str(meta_path), f"'year' {meta['year']} is outside 1949–2100")
    if "number" in meta and not 1 <= meta["number"] <= 999:
        raise GazetteError(str(meta_path), f"'number' {meta['number']} is outside 1–999")
    if "series" in meta and not 0 < len(meta["series"].strip()) <= 100:
        raise GazetteError(str(meta_path), "'series' must be 1–100 characters")
    return meta


def _issue_meta(src: SourceText, headers: list[dict]) -> tuple[str | None, int | None, int | None]:
    meta = read_meta(src.path)
    read = [h for h in headers if h["series"]]
    if read:
        (series, year, number), _ = Counter((h["series"], h["year"], h["number"]) for h in read).most_common(1)[0]
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
        return number_key(number, registry, issuers[0] if issuers else None)
    return unnumbered_key(issuers, date, title, registry)


def parse_text(src: SourceText, registry: Registry | None, issue_key: str | None = None,
               display_path: str | None = None) -> ParsedIssue:
    path = src.path
    content, dropped, running = classify(src.lines, src.page_breaks)
    coverage: dict[int, str] = {no: f"dropped: {why}" for no, why in dropped.items()}
    toc, content = split_contents(content)
    for entry in toc:
        for no in entry["lines"]:
            coverage[no] = "table of contents"
    headers, sections = _find_headers(content, registry)
    if not headers:
        raise GazetteError(path, "no recognisable document: no issuer heading with a 关于… title, and no report", line=1)
    section_lines = {s["line"] for s in sections}
    series, year, number = _issue_meta(src, running)
    key = issue_key or ascii_slug(Path(path).stem)
    front = [l.no for l in content[: headers[0].start] if l.no not in section_lines]
    for no in front:
        coverage[no] = "front matter"
    for no in section_lines:
        coverage[no] = "section label"

    documents: list[Document] = []
    held: list[ReviewItem] = []
    seen: dict[str, int] = {}
    for hi, h in enumerate(headers):
        end = headers[hi + 1].start if hi + 1 < len(headers) else len(content)
        block = [l for l in content[h.start:end] if l.no not in section_lines]
        # indices in the header refer to content; rebase onto the block
        offset = h.start
        hdr = Header(0, h.end - offset, h.kind, h.issuers, h.title, [x - offset for x in h.title_idx],
                     h.number, None if h.number_idx is None else h.number_idx - offset,
                     [x - offset for x in h.header_idx], h.issuer_text)
        problem = None
        if h.number and h.number.problem:
            problem = (f"malformed document number '{h.number.raw}': {h.number.problem}", content[h.number_idx].no)
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
        issuers = list(h.issuers) or _issuers_elsewhere(parts, docnum, registry, h.title)
        genre = genre_of(h.title) or (ORDER if h.kind == "order" else OTHER)
        title = full_title(h)
        doc = Document(
            key=_document_key(docnum, issuers, date, strip_issuers(title), registry),
            number=docnum,
            number_source="printed" if docnum else None,
            title=title,
            genre=genre,
            issuers=[registry.canonical_body_name(x) for x in issuers] if registry else issuers,
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
        if problem is None and not doc.issuers:
            problem = ("no issuing body could be read: the heading, the signature and the number name none",
                       content[h.start].no)
        tainted = [l.no for l in block if l.no in src.tainted]
        if problem is None and tainted:
            problem = (f"{src.tainted[tainted[0]]} (line {tainted[0]}"
                       + (f" and {len(tainted) - 1} more" if len(tainted) > 1 else "") + "): the text may be damaged",
                       tainted[0])
        if problem is None and doc.key in seen:
            problem = (f"document {docnum.canonical if docnum else doc.title} appears twice in one issue "
                       f"(first at line {seen[doc.key]})", content[h.start].no)
        seen.setdefault(doc.key, content[h.start].no)
        for l in block:
            coverage[l.no] = f"document {doc.key}"
        documents.append(doc)
        if problem:
            held.append(ReviewItem("document", doc.key, problem[0], [l.no for l in block], problem[1], doc, doc.key))
    truncated = _truncated(documents, content)
    if truncated:
        held.append(truncated)
    _link_reproduced([d for d in documents if not _is_held(d, held)], registry)
    documents = [d for d in documents if not _is_held(d, held)]
    for item in held:
        for no in item.lines:
            coverage[no] = f"needs review: {item.kind} {item.key}"
    for no in range(1, len(src.lines) + 1):
        coverage.setdefault(no, "unaccounted")
    info = IssueInfo(key=key, path=display_path or Path(path).name, series=series, year=year, number=number, encoding=src.encoding,
                     notes=list(src.notes), sections=sections, front_matter=front,
                     contents=[{"title": e["title"], "page": e["page"], "line": e["lines"][0]} for e in toc],
                     source_file=str(Path(path).resolve()))
    return ParsedIssue(info=info, documents=documents, lines=content, coverage=coverage, total_lines=len(src.lines),
                       review=held)


CONTENTS_HEAD = re.compile(r"^目\s*录$")
# an entry of a 目录: a title, a leader (……, ···, ．．．) and the page it starts on
CONTENTS_ENTRY = re.compile(r"^(?P<title>.*?)\s*(?:[…·．.]{2,}|\s{2,})\s*[（(]?(?P<page>\d{1,4})[）)]?$")


CONTENTS_LEADER_END = re.compile(r"[…·．.]{2,}\s*$")
CONTENTS_PAGE = re.compile(r"^\s*[（(]?\d{1,4}[）)]?\s*$")


def split_contents(content: list[Line]) -> tuple[list[dict], list[Line]]:
    """The issue's table of contents (目录), read as such and taken out of the text to segment: its
    entries name documents but never are documents. An entry may wrap over several lines; section
    labels may stand between entries."""
    start = next((k for k, l in enumerate(content[:20]) if CONTENTS_HEAD.match(l.text)), None)
    if start is None:
        return [], content
    entries, pending, k = [], [], start + 1
    while k < len(content):
        line = content[k]
        m = CONTENTS_ENTRY.match(line.text)
        page_below = k + 1 < len(content) and CONTENTS_LEADER_END.search(line.text) \
            and CONTENTS_PAGE.match(content[k + 1].text)
        if page_below:      # the page number wrapped onto a line of its own
            m = CONTENTS_ENTRY.match(line.text + content[k + 1].text.strip())
        if m:
            text = "".join(l.text for l in pending) + m["title"]
            entries.append({"title": re.sub(r"\s+", "", text), "page": int(m["page"]),
                            "lines": [l.no for l in pending] + [line.no] + ([content[k + 1].no] if page_below else [])})
            pending = []
            k += 1 if page_below else 0
        elif SECTION_LABEL.match(line.text) and not pending:
            pass
        elif len(pending) < 3 and any(CONTENTS_ENTRY.match(l.text) or CONTENTS_LEADER_END.search(l.text)
                                      for l in content[k + 1:k + 4 - len(pending)]):
            pending.append(line)
        else:
            break
        k += 1
    if not entries:
        return [], content
    entries[0]["lines"].insert(0, content[start].no)
    last = content[k - 1].no
    # section labels inside the 目录 go with it
    labels = [l.no for l in content[start:k] if SECTION_LABEL.match(l.text)]
    if labels:
        entries[0]["lines"] = sorted(entries[0]["lines"] + labels)
    taken = {no for e in entries for no in e["lines"]}
    return entries, [l for l in content if l.no not in taken and not (l.no <= last and SECTION_LABEL.match(l.text))]


def _issuers_elsewhere(parts, number, registry, title: str) -> list[str]:
    """The issuer of a document whose heading prints none (rules under their own title): the 落款
    signature, else the body the registry gives its 代字, else, for a generic order number
    (政府令〔2010〕第15号), the government of the place that heads the rules' title."""
    if parts.signature and parts.signature.bodies:
        return list(parts.signature.bodies)
    if number is not None and is_generic_order(number.code):
        gov = government_for_order(number.code, title)
        if gov:
            return [gov]
    if number is not None and registry is not None:
        hit = registry.codes.get(number.code)
        if hit and len(hit.bodies) == 1:
            return list(hit.bodies)
    return []


def full_title(h: Header) -> str:
    """The official title: 发文机关 + 事由 + 文种 (GB/T 9704 §7.3.3). Where the heading prints the bodies
    apart from the 事由 (on lines of their own), they are put back in front of it; a heading that prints
    no body (a 令's rules, a reproduced text) is its title as printed."""
    title = tidy(h.title)
    if h.issuer_text and h.kind == "titled" and not title.startswith(h.issuer_text):
        return h.issuer_text + title
    return title


def _is_held(doc: Document, held: list[ReviewItem]) -> bool:
    return any(item.record is doc for item in held)


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
                nxt.key = number_key(num, registry, nxt.issuers[0] if nxt.issuers else None)
                doc.forwards[-1] = nxt.key
        # the 版记 at the end belongs to the forwarding notice, not to what it reproduces
        if nxt.printed_by and doc.printed_by is None:
            doc.printed_by, nxt.printed_by = nxt.printed_by, None


def _truncated(documents: list[Document], content: list[Line]) -> ReviewItem | None:
    """The last document, when the text stops in the middle of it: no 印发 line, and the last line ends
    neither a sentence nor a table row."""
    last = documents[-1]
    tail = content[-1]
    if last.printed_by is not None or tail.text[-1] in STOP_ENDINGS or _ends_a_row(tail.text):
        return None
    name = last.number.canonical if last.number else last.title
    lines = [l.no for l in content if last.line_span[0] <= l.no <= last.line_span[1]]
    return ReviewItem("document", last.key, f"the text ends mid-way through {name}: no closing 印发 line and the "
                      f"last line is cut off ('{tail.text[-20:]}')", lines, tail.no, last, last.key)


# a table row complete in itself: a serial number, then two or more cells
_ROW = re.compile(r"^\d{1,3}\s+\S+(?:\s+\S+){1,}$")


def _ends_a_row(text: str) -> bool:
    return bool(_ROW.match(text))


def parse_issue(path: str | Path, registry: Registry | None, issue_key: str | None = None,
                display_path: str | None = None) -> ParsedIssue:
    return parse_text(read_source(path), registry, issue_key, display_path)
