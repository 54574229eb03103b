"""Accuracy of the gazette parser against hand-checked gold files (issue 15, point 1).

    .venv/bin/python benchmarks/accuracy.py                      # the shared corpus + the seed gold
    .venv/bin/python benchmarks/accuracy.py --corpus DIR --gold-dir DIR --json

Every `<issue>.txt` in the corpus folder that has a `<issue>.gold.json` next to it (or in --gold-dir)
is read with `gazette.corpus.read_issue` and scored field by field. By default the seed issue
(sources/gazettes/shapingba-2020-02.txt with tests/gold/shapingba-2020-02.gold.json) is scored too.

Matching rules
--------------
* Text comparison: titles, names, numbers and evidence are compared after removing all whitespace,
  NFKC folding (full-width digits/letters), and mapping half-width brackets to full-width ones
  ( ( ) -> （ ）, 〈 〉 -> 《 》 inside titles ). Numbers are also normalised to 代字〔年〕N号
  (any of [] （） 【】 ［］ around the year, 第 before the serial dropped; the old form (78)代字N号
  read as 代字〔1978〕N号; order series 某某令第N号,
  with a leading 中华人民共和国 dropped).
* Documents: each gold document is matched one-to-one to a parsed document by its 文号, else by
  its title (equal, or the parsed title is the tail of the gold title, which then lacks only the
  issuer), else by the largest overlap of line ranges (original layout only). `found` is the
  recall of gold documents. Every other document field is accuracy over gold documents whose gold
  value is not null (a missed document counts as wrong; a null gold value is not scored):
  文号 (number), title (the full official title), issuer (the set of issuers; gold
  `joint_issuers` where given, else `issuer`; the gold names pass through the same registry
  as ours, so two names it gives one body, 人力资源社会保障部 and 人力资源和社会保障部, match), date signed (`date_document`), date printed
  (`printed_by.date`), 文种 (our genre, English slug, against gold `doc_type` mapped through
  DOC_TYPE_TO_GENRE — the one table; a label the table maps to None is not scored).
* Citations: a gold citation and a parsed one match when they come from the same document and
  their targets agree: equal normalised number when both carry one, else equal normalised title
  (or one title the tail of the other, at least 6 characters: the issuer prefix dropped).
  Untyped scores ignore the relation; typed scores also need the relation to agree, where gold
  `implements` counts as our `applies` or `based_on` (RELATION_OK). `based_on` (gold based_on vs
  our based_on) and `applies` (gold implements vs our applies) are ALSO scored apart. A gold
  citation marked `in_part` counts for the carrying document or for the reproduced document,
  whichever holds it (a parsed document whose `forwarded_by` is the carrier, or which lies
  inside the carrier's gold line range). Matching is one-to-one, in line order (so it does not
  depend on line numbers). A parsed citation that matches no gold citation is a false positive;
  `excluded_published` counts those that are a mention the gold lists in `citations_excluded`
  (self-references, abbreviations, nested titles): they are false positives too.
* Heritage rows (`rec.tables['heritage']`) match gold `ich_items` on document and normalised name.
* Award rows (`rec.tables['awards']`) match gold `awards[].winners` on document, name, unit
  (our `school`; gold `unit`, not scored where the gold has none) and rank.
* An issue the parser refuses (GazetteError) is reported as failed and scores 0 on every field.
  Totals: `micro` sums the counts over issues (a failed issue adds its gold items to the
  denominators of recall and accuracy); `macro` averages the per-issue scores (failed = 0).
* Layout variants (see `variants`): the same words, another line width, blank lines added or
  removed, page breaks moved. Scored like the original, by number/title, never by line; the
  report gives each variant's scores and the largest difference from the original per field.
* Registry ablation: issuer and 文号 accuracy with the shipped registry and with an empty one (the
  same CSV headers, no rows).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from gazette import datafiles
from gazette.corpus import read_issue
from gazette.errors import GazetteError
from gazette.genres import GENRES
from gazette.registry import DEFAULT_DIR, Registry, load_registry

ROOT = datafiles.checkout() or Path(".")

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SEED_TEXT = ROOT / "sources" / "gazettes" / "shapingba-2020-02.txt"
SEED_GOLD = ROOT / "tests" / "gold" / "shapingba-2020-02.gold.json"

# gold 文种 (Chinese, as the gold files label it) -> our genre slug. The one table.
DOC_TYPE_TO_GENRE: dict[str, str | None] = {
    "通知": "notice", "决定": "decision", "通报": "circular", "意见": "opinion", "批复": "reply",
    "公告": "announcement", "通告": "public notice", "报告": "report", "请示": "request for instructions",
    "函": "letter", "纪要": "minutes", "决议": "resolution", "命令": "order", "公报": "communiqué",
    "议案": "motion",
    # a regulation published by an order (令): its genre is the order
    "办法（令）": "order", "规定（令）": "order", "条例（令）": "order", "令": "order",
    # 公示 is not one of the 15 genres of the 2012 regulations: filed under the catch-all genre
    "公示": "other",
}

# gold relation -> the parsed relations that count as the same (typed scores)
RELATION_OK: dict[str, set[str]] = {
    "implements": {"applies", "based_on"}, "based_on": {"based_on"}, "cites": {"cites"},
    "repeals": {"repeals"}, "amends": {"amends"}, "forwards": {"forwards"},
}

DOC_FIELDS = ["found", "number", "title", "issuer", "date_signed", "date_printed", "genre"]
CIT_FIELDS = ["cit_untyped_p", "cit_untyped_r", "cit_typed_p", "cit_typed_r",
              "based_on_p", "based_on_r", "applies_p", "applies_r"]
TABLE_FIELDS = ["heritage_p", "heritage_r", "awards_p", "awards_r"]
FIELDS = DOC_FIELDS + CIT_FIELDS + TABLE_FIELDS
SHORT = {"found": "found", "number": "文号", "title": "title", "issuer": "issuer", "date_signed": "signed",
         "date_printed": "printed", "genre": "文种", "cit_untyped_p": "cit P", "cit_untyped_r": "cit R",
         "cit_typed_p": "typed P", "cit_typed_r": "typed R", "based_on_p": "根据 P", "based_on_r": "根据 R",
         "applies_p": "落实 P", "applies_r": "落实 R", "heritage_p": "ich P", "heritage_r": "ich R",
         "awards_p": "award P", "awards_r": "award R"}


# ---------------------------------------------------------------- normalisation

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〈": "《", "〉": "》", "<": "《", ">": "》",
                           "「": "“", "」": "”", '"': "“"})


def norm(s: str | None) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s)
    return s.translate(_BRACKETS)


_ANNUAL = re.compile(r"^(?P<code>.*?)[〔\[（(【［](?P<year>\d{4})[〕\]）)】］]第?(?P<num>\d+)号$")
_OLD_STYLE = re.compile(r"^\((?P<year>\d{2}|\d{4})\)(?P<code>.*?)第?(?P<num>\d+)号$")
_ORDER = re.compile(r"^(?:中华人民共和国)?(?P<issuer>.*?令)第?(?P<num>\d+)号$")


def norm_number(s: str | None) -> str:
    if not s:
        return ""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))
    m = _ANNUAL.match(s)
    if m:
        return f"{m['code']}〔{m['year']}〕{int(m['num'])}号"
    m = _OLD_STYLE.match(s)
    if m:
        return f"{m['code']}〔{'19' + m['year'] if len(m['year']) == 2 else m['year']}〕{int(m['num'])}号"
    m = _ORDER.match(s)
    if m:
        return f"{m['issuer']}第{int(m['num'])}号"
    return s


def same_title(a: str | None, b: str | None, tail: int = 6) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return len(short) >= tail and long_.endswith(short)


def our_genre(g: str | None) -> str | None:
    if g is None:
        return None
    return GENRES.get(g, "order" if g in ("命令", "令") else g)


# ---------------------------------------------------------------- layout variants

PAGE_NO = re.compile(r"^\s*[—\-–·•－]*\s*[0-9０-９]{1,3}\s*[—\-–·•－]*\s*$")
DECORATED = re.compile(r"[—\-–·•－]")


def dwidth(s: str) -> int:
    """Display width: CJK and full-width characters 2, the rest 1 (how a typesetter fills a line)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _header_core(line: str) -> str:
    """A running-header line without the page number printed at its left or right end."""
    return re.sub(r"^\s*[0-9]{1,3}\s+|\s+[0-9]{1,3}\s*$", "", line).strip()


def _running_header(lines: list[str]) -> str | None:
    """The running header: the most frequent line (page numbers stripped off its ends) that names a 公报."""
    counts: dict[str, int] = {}
    for l in lines:
        c = _header_core(l)
        if "公报" in c and len(c) <= 40:
            counts[c] = counts.get(c, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= 3 else None


def analyse(text: str) -> dict:
    """Layout of an issue: content lines (furniture out), blank-line style, wrap width, page style.

    Furniture is the running header (with or without a page number on its line) and page-number
    lines: decorated ones (—N—, ·N·, - N -) anywhere, bare ones only next to a running header."""
    lines = text.split("\n")
    header = _running_header(lines)
    is_header = [bool(header) and _header_core(l) == header for l in lines]
    nonblank = [i for i, l in enumerate(lines) if l.strip()]
    pos = {i: k for k, i in enumerate(nonblank)}

    def near_header(i: int) -> bool:
        k = pos[i]
        return any(is_header[nonblank[j]] for j in range(max(0, k - 1), min(len(nonblank), k + 2)))

    content: list[tuple[str, bool, int]] = []   # (text, a blank line came before it, line number)
    page_tpl: list[str] = []
    blank_before, n_blank, pages = False, 0, 0
    for i, l in enumerate(lines):
        no = i + 1
        if not l.strip():
            blank_before, n_blank = True, n_blank + 1
            continue
        page_no = bool(PAGE_NO.match(l)) and (bool(DECORATED.search(l)) or near_header(i))
        if page_no or is_header[i]:
            numbered = page_no or _header_core(l) != l.strip()
            pages += numbered
            if len(page_tpl) < 2 and not any(("公报" in t) == is_header[i] for t in page_tpl):
                t = l.strip()
                page_tpl.append(re.sub(r"[0-9０-９]{1,3}", "{n}", t) if page_no
                                else t.replace(t[len(_header_core(t)):] if t.startswith(header) else t[: t.find(header)],
                                               " {n}" if t.startswith(header) else "{n} ", 1) if numbered else t)
            continue
        content.append((l.strip(), blank_before, no))
        blank_before = False
    non_blank = len(lines) - n_blank
    every_line = n_blank >= 0.6 * non_blank
    lens = sorted(dwidth(t) for t, _, _ in content)
    upper = [n for n in lens if n >= lens[len(lens) // 2]]
    width = max(set(upper), key=upper.count) if upper else 60
    return {"content": content, "every_line_blank": every_line, "width": width, "header": header,
            "page_tpl": page_tpl, "pages": max(pages, 1)}


_ENDS_PARA = ("。", "：", ":", "；", "！", "？", "】", "印发", "日", "）")
_STARTS_PARA = re.compile(r"^(?:【|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9０-９]+\s*[.．、]|第[一二三四五六七八九十百0-9]+[条章节]"
                          r"|附件|—|──|[（(]此件|各.{0,12}[：:]$)")
_NUMBER_LINE = re.compile(r"^\S{1,14}\s*[〔\[（(【［]\s*\d{4}\s*[〕\]）)】］]\s*第?\s*\d+\s*号$")
_DATE_LINE = re.compile(r"^[0-9一二三四五六七八九〇○零十]{2,4}\s*年.{1,6}月.{1,6}日$")
_CJK_GAP = re.compile(r"[\u4e00-\u9fff）\)]\s+[\u4e00-\u9fff（\(ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]")
_TITLE_END = tuple(GENRES) + ("令", "方案", "办法", "细则", "规定", "条例", "规则", "要点", "名单", "名录", "措施", "纲要",
                              "规划", "计划", "目录", "清单", "分工", "禁令", "标准", "报告")


def _soft_break(cur: str, nxt: str, width: int, slack: int, titles_known: bool = False) -> bool:
    """Does the line break after `cur` look like a wrap inside a paragraph (not a paragraph end)?
    Without gold structure lines, a line that ends like a title (…通知, …方案) is taken as a title."""
    if dwidth(cur) < width - slack or cur.endswith(_ENDS_PARA) or (not titles_known and cur.endswith(_TITLE_END)):
        return False
    if _STARTS_PARA.match(nxt) or _NUMBER_LINE.match(nxt) or _DATE_LINE.match(nxt):
        return False
    return not (_CJK_GAP.search(cur) or _CJK_GAP.search(nxt))


def _paragraphs(info: dict, slack: int, protected: set[int] = frozenset()) -> list[tuple[list[str], bool]]:
    """Lines joined where the wrap is soft (see _soft_break), unless a blank line separates them in
    an issue that uses blank lines only between paragraphs, or one of them is a protected line (a
    structural line the gold names: title, number, signature, date, annex title, table row).
    Each paragraph comes with whether a blank line preceded it."""
    paras: list[tuple[list[str], bool]] = []
    content = info["content"]
    for k, (t, blank, no) in enumerate(content):
        prev = content[k - 1] if k else None
        join = (prev is not None and paras and not (blank and not info["every_line_blank"])
                and prev[2] not in protected and no not in protected
                and _soft_break(prev[0], t, info["width"], slack, bool(protected)))
        if join:
            paras[-1][0].append(t)
        else:
            paras.append(([t], blank))
    return paras


_NO_START = set("，。、；：？！）》」”’〕】…%")
_NO_END = set("《（“‘〔【「")


def _wrap(text: str, width: int) -> list[str]:
    """Cut at `width` (display width), as a typesetter does (禁则): no line starts with a closing mark or
    ends with an opening one."""
    rows: list[str] = []
    cur = ""
    for ch in text:
        if dwidth(cur + ch) > width and ch not in _NO_START:
            carry = ""
            while cur and cur[-1] in _NO_END:
                carry, cur = cur[-1] + carry, cur[:-1]
            rows.append(cur)
            cur = carry
        cur += ch
    rows.append(cur)
    return [r.strip() for r in rows if r.strip()]


def _emit(lines: list[str], info: dict, blank_every: bool, period: int | None) -> str:
    """Lines out, with a page break (page number and running header, in the issue's style) every
    `period` content lines; a blank line after every line, or only where `lines` hold one."""
    out: list[str] = []
    page, k, due = 1, 0, False
    prev = ""
    for l in lines:
        due = due or bool(l and period and k and k % period == 0)
        # never next to a line that is a bare number (a table's row number): it would read as a page number
        if due and info["page_tpl"] and l and not PAGE_NO.match(l) and not PAGE_NO.match(prev):
            due = False
            for tpl in info["page_tpl"]:
                out.append(tpl.replace("{n}", str(page)))
                if blank_every:
                    out.append("")
            page += 1
        out.append(l)
        if blank_every and l:
            out.append("")
        k += bool(l)
        prev = l or prev
    return "\n".join(out) + "\n"


def _layout(paras: list[tuple[list[str], bool]], info: dict, width: int | None, keep_blanks: bool) -> list[str]:
    rows: list[str] = []
    for lines, blank in paras:
        if keep_blanks and blank and rows:
            rows.append("")
        rows += lines if (width is None or len(lines) < 2) else _wrap("".join(lines), width)
    return rows


def variants(text: str, protected: set[int] = frozenset()) -> dict[str, str]:
    """Layout-only variants of an issue: the words stay; lines, blank lines and page breaks move.

    wider / narrower: paragraphs re-wrapped at another width (one-line paragraphs keep their line);
    blank lines added (after every line) or removed (all of them), whichever the issue does not do;
    page breaks moved: page number and running header every 2/3 of a page instead of where they were.
    """
    info = analyse(text)
    n = len(info["content"])
    period = max(12, n // info["pages"])
    paras = _paragraphs(info, slack=4, protected=protected)
    every = info["every_line_blank"]
    sep = not every                      # blank lines mean paragraph breaks: keep them
    out: dict[str, str] = {}
    for width in (info["width"] + 16, max(24, info["width"] - 12)):
        out[f"width {width}"] = _emit(_layout(paras, info, width, sep), info, every, period)
    if every:
        out["blank lines removed"] = _emit(_layout(paras, info, None, False), info, False, period)
    else:
        out["blank lines added"] = _emit(_layout(paras, info, None, False), info, True, period)
    out["page breaks moved"] = _emit(_layout(paras, info, None, sep), info, every, max(8, period * 2 // 3))
    return out


# ---------------------------------------------------------------- scoring

def structural_lines(gold: dict) -> set[int]:
    """Lines the gold names as structure (titles, numbers, signatures, dates, annex titles, section
    markers, list headings, table rows): the variant generator never joins them with a neighbour."""
    out: set[int] = set()

    def ints(v):
        if isinstance(v, bool):
            return
        if isinstance(v, int):
            out.add(v)
        elif isinstance(v, list):
            for x in v:
                ints(x)
        elif isinstance(v, dict) and "line" in v:
            ints(v["line"])

    for d in gold.get("documents", []):
        for k, v in d.items():
            if k in ("line_start", "line_end") or k.endswith(("_line", "_lines")):
                ints(v)
    for k, v in gold.get("gazette", {}).items():
        if k in ("section_headers", "toc_lines"):
            ints(v)
    for m in gold.get("ich_meta", []):
        for k, v in m.items():
            if k.endswith(("_line", "_lines")):
                ints(v)
    for it in gold.get("ich_items", []):
        ints(it.get("line"))
        ints(it.get("lines"))
    return out


def _ratio(ok: int, total: int) -> float | None:
    return None if total == 0 else ok / total


class Counts(dict):
    """field -> [correct, total]"""

    def add(self, field: str, ok: int, total: int) -> None:
        c = self.setdefault(field, [0, 0])
        c[0] += ok
        c[1] += total

    def scores(self) -> dict[str, float | None]:
        return {f: _ratio(*self[f]) if f in self else None for f in FIELDS}


def _gold_number(d: dict) -> str:
    return norm_number(d.get("number_normalized") or d.get("number"))


def match_documents(gold_docs: list[dict], docs: list, use_lines: bool) -> dict[str, object]:
    """gold id -> parsed document, one-to-one: by number, else title, else line overlap."""
    out: dict[str, object] = {}
    used: set[int] = set()

    def take(gid, i):
        out[gid] = docs[i]
        used.add(i)

    for g in gold_docs:
        num = _gold_number(g)
        if num:
            for i, d in enumerate(docs):
                if i not in used and d.number and norm_number(d.number.canonical) == num:
                    take(g["id"], i)
                    break
    for g in gold_docs:
        if g["id"] in out:
            continue
        for i, d in enumerate(docs):
            if i not in used and same_title(g["title"], d.title, tail=4):
                take(g["id"], i)
                break
    if use_lines:
        for g in gold_docs:
            if g["id"] in out or g.get("line_start") is None:
                continue
            gs, ge = g["line_start"], g.get("line_end") or g["line_start"]
            best, best_i = 0, None
            for i, d in enumerate(docs):
                if i in used:
                    continue
                ov = min(ge, d.line_span[1]) - max(gs, d.line_span[0]) + 1
                if ov > best:
                    best, best_i = ov, i
            if best_i is not None and best >= 0.5 * min(ge - gs + 1, docs[best_i].line_span[1] - docs[best_i].line_span[0] + 1):
                take(g["id"], best_i)
    return out


def _doc_fields(gold_docs: list[dict], matched: dict, counts: Counts, registry: Registry) -> list[dict]:
    detail = []
    body = registry.canonical_body_name
    for g in gold_docs:
        d = matched.get(g["id"])
        row = {"id": g["id"], "gold_number": g.get("number"), "found": d is not None}
        counts.add("found", d is not None, 1)
        checks = {
            "number": (_gold_number(g) or None, lambda d: norm_number(d.number.canonical) if d.number else None),
            "title": (norm(g.get("title")) or None, lambda d: norm(d.title)),
            "issuer": (frozenset(norm(body(x)) for x in (g.get("joint_issuers") or [g.get("issuer")]) if x) or None
                       if g.get("issuer") else None,
                       lambda d: frozenset(norm(x) for x in d.issuers)),
            "date_signed": (g.get("date_signed"), lambda d: d.date_document),
            "date_printed": (g.get("date_printed"), lambda d: d.printed_by.date if d.printed_by else None),
            "genre": (DOC_TYPE_TO_GENRE.get(g.get("doc_type")) if g.get("doc_type") else None,
                      lambda d: our_genre(d.genre)),
        }
        for f, (want, get) in checks.items():
            if want is None:
                continue
            got = get(d) if d is not None else None
            ok = got == want
            counts.add(f, ok, 1)
            if not ok:
                row[f] = {"gold": sorted(want) if isinstance(want, frozenset) else want,
                          "ours": sorted(got) if isinstance(got, frozenset) else got}
        detail.append(row)
    return detail


def _target_match(g: dict, c) -> bool:
    gn, cn = norm_number(g.get("to_number")), norm_number(c.number)
    if gn and cn:
        return gn == cn
    return same_title(g.get("to_title"), c.title)


def _rank_in_group(items: list, group, line) -> list[float]:
    """Each item's position among the items of its group (its document), 0..1, in line order:
    independent of the layout, unlike line numbers."""
    groups: dict = {}
    for i, it in enumerate(items):
        groups.setdefault(group(it), []).append(i)
    out = [0.0] * len(items)
    for idx in groups.values():
        idx.sort(key=lambda i: line(items[i]))
        for k, i in enumerate(idx):
            out[i] = k / max(len(idx) - 1, 1)
    return out


def _greedy(gold: list[dict], ours: list, ok) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, ours index). Gold items in line order each take the matching
    parsed item nearest in rank within its document (see _rank_in_group)."""
    g_rank = _rank_in_group(gold, lambda g: g.get("from_id"), lambda g: (g.get("line") or 0))
    o_rank = _rank_in_group(ours, lambda w: w.c.citing, lambda w: (w.c.line, w.c.span))
    pairs, used = [], set()
    for gi in sorted(range(len(gold)), key=lambda i: (gold[i].get("from_id") or "", gold[i].get("line") or 0)):
        cands = [oi for oi in range(len(ours)) if oi not in used and ok(gold[gi], ours[oi])]
        if cands:
            oi = min(cands, key=lambda i: (abs(o_rank[i] - g_rank[gi]), ours[i].c.line))
            pairs.append((gi, oi))
            used.add(oi)
    return pairs


def _citations(gold: dict, rec, matched: dict, use_lines: bool, counts: Counts) -> dict:
    docs = rec.parsed.documents
    key_to_gid = {d.key: gid for gid, d in matched.items()}

    def holders(c) -> set[str]:
        """gold ids a parsed citation may count for: its document, and (for in_part) the carrier."""
        gid = key_to_gid.get(c.citing)
        direct = {gid} if gid else set()
        carriers = set()
        doc = next((d for d in docs if d.key == c.citing), None)
        if doc is not None and doc.forwarded_by and doc.forwarded_by in key_to_gid:
            carriers.add(key_to_gid[doc.forwarded_by])
        if doc is not None and gid is None and use_lines:
            for g in gold["documents"]:
                if g.get("line_start") and g["line_start"] <= doc.line_span[0] <= (g.get("line_end") or 0):
                    carriers.add(g["id"])
        return direct, carriers

    hold = [holders(c) for c in rec.citations]
    ours = list(rec.citations)
    gold_c = gold.get("citations", [])

    wrapped = [_W(c, h) for c, h in zip(ours, hold)]

    untyped = _greedy(gold_c, wrapped, lambda g, w: w.from_ok(g) and _target_match(g, w.c))
    # one pairing (document + target, nearest position); the relation is then checked on each pair
    typed = [(gi, oi) for gi, oi in untyped
             if wrapped[oi].c.relation in RELATION_OK.get(gold_c[gi]["relation"], {gold_c[gi]["relation"]})]
    counts.add("cit_untyped_p", len(untyped), len(ours))
    counts.add("cit_untyped_r", len(untyped), len(gold_c))
    counts.add("cit_typed_p", len(typed), len(ours))
    counts.add("cit_typed_r", len(typed), len(gold_c))
    for field, gold_rel, our_rel in (("based_on", "based_on", "based_on"), ("applies", "implements", "applies")):
        hits = sum(1 for gi, oi in untyped if gold_c[gi]["relation"] == gold_rel and wrapped[oi].c.relation == our_rel)
        counts.add(f"{field}_p", hits, sum(1 for w in wrapped if w.c.relation == our_rel))
        counts.add(f"{field}_r", hits, sum(1 for g in gold_c if g["relation"] == gold_rel))
    matched_ours = {oi for _, oi in untyped}
    excluded = 0
    for oi, w in enumerate(wrapped):
        if oi in matched_ours:
            continue
        for e in gold.get("citations_excluded", []):
            mention = re.sub(r"^《|》$", "", norm(e.get("mention")))
            if e.get("in_id") in w.direct and (same_title(mention, w.c.title, tail=2)
                                                or norm_number(mention) == norm_number(w.c.number)):
                excluded += 1
                break
    counts.add("excluded_published", excluded, 0)
    missed = [g for gi, g in enumerate(gold_c) if gi not in {a for a, _ in untyped}]
    typed_g = {a for a, _ in typed}
    wrong_rel = [(gold_c[gi], wrapped[oi].c.relation) for gi, oi in untyped if gi not in typed_g]
    extra = [w.c for oi, w in enumerate(wrapped) if oi not in matched_ours]
    return {"missed": [{"from": g.get("from"), "to": g.get("to_number") or g.get("to_title"), "relation": g["relation"],
                        "line": g.get("line")} for g in missed],
            "wrong_relation": [{"from": g.get("from"), "to": g.get("to_number") or g.get("to_title"),
                                "gold": g["relation"], "ours": r} for g, r in wrong_rel],
            "extra": [{"citing": c.citing, "to": c.number or c.title, "relation": c.relation, "line": c.line} for c in extra],
            "excluded_published": excluded}


class _W:
    """A parsed citation with the gold documents it may count for."""

    def __init__(self, c, hold):
        self.c = c
        self.direct, self.carriers = hold
        self.line, self.span = c.line, c.span

    def from_ok(self, g: dict) -> bool:
        gid = g.get("from_id")
        return gid in self.direct or (bool(g.get("in_part")) and gid in self.carriers)


def _rows(gold_rows: list, ours: list, ok) -> tuple[int, list, list]:
    used, hits, missed = set(), 0, []
    for g in gold_rows:
        k = next((i for i, o in enumerate(ours) if i not in used and ok(g, o)), None)
        if k is None:
            missed.append(g)
        else:
            used.add(k)
            hits += 1
    extra = [o for i, o in enumerate(ours) if i not in used]
    return hits, missed, extra


def _tables(gold: dict, rec, matched: dict, counts: Counts) -> dict:
    key_to_gid = {d.key: gid for gid, d in matched.items()}
    ich = rec.tables.get("heritage", [])
    g_ich = gold.get("ich_items", [])
    hits, missed, extra = _rows(g_ich, ich, lambda g, o: key_to_gid.get(o.notice) == g.get("document_id")
                                and norm(g["name"]) == norm(o.name))
    counts.add("heritage_p", hits, len(ich))
    counts.add("heritage_r", hits, len(g_ich))
    ich_detail = {"missed": [g["name"] for g in missed], "extra": [o.name for o in extra]}

    aw = rec.tables.get("awards", [])
    g_aw = [dict(w, document_id=a.get("document_id")) for a in gold.get("awards", []) for w in a.get("winners", [])]

    def award_ok(g, o):
        return (key_to_gid.get(o.notice) == g["document_id"] and norm(g["name"]) == norm(o.name)
                and (not g.get("unit") or norm(g["unit"]) == norm(o.school))
                and (not g.get("rank") or norm(g["rank"]) == norm(o.rank)))

    hits, missed, extra = _rows(g_aw, aw, award_ok)
    counts.add("awards_p", hits, len(aw))
    counts.add("awards_r", hits, len(g_aw))
    return {"heritage": ich_detail,
            "awards": {"missed": [g["name"] for g in missed], "extra": [f"{o.name}/{o.school}/{o.rank}" for o in extra]}}


def score_records(rec, gold: dict, registry: Registry, use_lines: bool = True) -> tuple[Counts, dict]:
    counts = Counts()
    matched = match_documents(gold["documents"], rec.parsed.documents, use_lines)
    detail = {"documents": _doc_fields(gold["documents"], matched, counts, registry)}
    detail["citations"] = _citations(gold, rec, matched, use_lines, counts)
    detail.update(_tables(gold, rec, matched, counts))
    detail["unmatched_parsed_documents"] = [d.number.canonical if d.number else d.title for d in rec.parsed.documents
                                            if d not in matched.values()]
    return counts, detail


def failed_counts(gold: dict) -> Counts:
    """What an issue the parser refuses scores: every gold item missed."""
    counts = Counts()
    docs = gold["documents"]
    counts.add("found", 0, len(docs))
    for f, key in (("number", "number"), ("title", "title"), ("issuer", "issuer"), ("date_signed", "date_signed"),
                   ("date_printed", "date_printed"), ("genre", "doc_type")):
        counts.add(f, 0, sum(1 for d in docs if d.get(key) is not None
                             and (f != "genre" or DOC_TYPE_TO_GENRE.get(d[key]) is not None)))
    n_cit = len(gold.get("citations", []))
    for f in ("cit_untyped", "cit_typed"):
        counts.add(f + "_p", 0, 0)
        counts.add(f + "_r", 0, n_cit)
    counts.add("based_on_r", 0, sum(1 for c in gold.get("citations", []) if c["relation"] == "based_on"))
    counts.add("applies_r", 0, sum(1 for c in gold.get("citations", []) if c["relation"] == "implements"))
    counts.add("heritage_r", 0, len(gold.get("ich_items", [])))
    counts.add("awards_r", 0, sum(len(a.get("winners", [])) for a in gold.get("awards", [])))
    return counts


def _score_text(path: Path, gold: dict, registry: Registry, use_lines: bool) -> dict:
    t = time.perf_counter()
    try:
        rec = read_issue(path, registry)
    except GazetteError as e:
        counts = failed_counts(gold)
        scores = {f: 0.0 for f in FIELDS}
        return {"ok": False, "error": e.describe(), "scores": scores, "counts": dict(counts),
                "seconds": time.perf_counter() - t}
    counts, detail = score_records(rec, gold, registry, use_lines)
    return {"ok": True, "scores": counts.scores(), "counts": dict(counts), "detail": detail,
            "seconds": time.perf_counter() - t}


def empty_registry(folder: Path) -> Registry:
    """A registry with the shipped CSV headers and no rows."""
    for name in ("issuers.csv", "bodies.csv", "heritage-categories.csv"):
        src = DEFAULT_DIR / name
        if not src.exists():
            continue
        with open(src, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerow(header)
    return load_registry(folder)


def score_issue(text_path, gold_path, registry: Registry | None = None, with_variants: bool = True,
                without_registry: bool = True) -> dict:
    """Scores of one issue against its gold file; with layout variants and the registry ablation."""
    text_path, gold_path = Path(text_path), Path(gold_path)
    registry = registry or load_registry()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out = {"issue": text_path.name.removesuffix(".txt"), "text": str(text_path), "gold": str(gold_path)}
    out.update(_score_text(text_path, gold, registry, use_lines=True))
    if with_variants:
        out["variants"] = {}
        text = text_path.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            for name, body in variants(text, structural_lines(gold)).items():
                p = Path(tmp) / text_path.name
                p.write_text(body, encoding="utf-8")
                v = _score_text(p, gold, registry, use_lines=False)
                out["variants"][name] = {k: v[k] for k in ("ok", "scores", "counts") if k in v} | (
                    {"error": v["error"]} if "error" in v else {})
        out["variant_max_diff"] = {
            f: max((abs((v["scores"][f] or 0) - (out["scores"][f] or 0)) for v in out["variants"].values()
                    if not (v["scores"][f] is None and out["scores"][f] is None)), default=0.0)
            for f in FIELDS}
    if without_registry:
        with tempfile.TemporaryDirectory() as tmp:
            bare = _score_text(text_path, gold, empty_registry(Path(tmp)), use_lines=True)
        out["without_registry"] = {"ok": bare["ok"], "issuer": bare["scores"]["issuer"], "number": bare["scores"]["number"],
                                   "found": bare["scores"]["found"]}
    return out


def pairs_in(corpus: Path, gold_dir: Path | None = None) -> list[tuple[Path, Path]]:
    out = []
    for txt in sorted(Path(corpus).glob("*.txt")):
        stem = txt.name.removesuffix(".txt")
        for d in ([Path(gold_dir)] if gold_dir else []) + [txt.parent]:
            g = d / f"{stem}.gold.json"
            if g.exists():
                out.append((txt, g))
                break
    return out


def total(results: list[dict], key: str = "counts") -> dict:
    micro = Counts()
    for r in results:
        for f, (ok, n) in r[key].items():
            micro.add(f, ok, n)
    macro = {}
    for f in FIELDS:
        vals = [r["scores"][f] for r in results if r["scores"].get(f) is not None]
        macro[f] = sum(vals) / len(vals) if vals else None
    return {"micro": micro.scores(), "macro": macro, "counts": dict(micro)}


def score_corpus(pairs: list[tuple[Path, Path]], registry: Registry | None = None, with_variants: bool = True,
                 without_registry: bool = True) -> dict:
    registry = registry or load_registry()
    results = [score_issue(t, g, registry, with_variants, without_registry) for t, g in pairs]
    out = {"issues": results, "total": total(results)}
    if with_variants and results:
        out["variant_total_max_diff"] = {f: max((r["variant_max_diff"][f] for r in results), default=0.0) for f in FIELDS}
    return out


# ---------------------------------------------------------------- printing

def _fmt(v) -> str:
    return "   —" if v is None else f"{v:4.2f}"


def table(rows: list[tuple[str, dict]], fields: list[str] = FIELDS) -> str:
    w = max([len(r[0]) for r in rows] + [10])
    head = " " * w + " " + " ".join(f"{SHORT[f]:>7}" for f in fields)
    lines = [head]
    for name, scores in rows:
        lines.append(f"{name:<{w}} " + " ".join(f"{_fmt(scores.get(f)):>7}" for f in fields))
    return "\n".join(lines)


def report(result: dict) -> str:
    issues = result["issues"]
    out = []
    rows = [(r["issue"] + ("" if r["ok"] else " FAILED"), r["scores"]) for r in issues]
    rows += [("total (micro)", result["total"]["micro"]), ("total (macro)", result["total"]["macro"])]
    out.append("Accuracy per issue (recall of documents, accuracy of fields, P/R of citations and rows)")
    out.append(table(rows, DOC_FIELDS + ["cit_untyped_p", "cit_untyped_r", "cit_typed_p", "cit_typed_r"]))
    out.append("")
    out.append(table(rows, ["based_on_p", "based_on_r", "applies_p", "applies_r"] + TABLE_FIELDS))
    for r in issues:
        if not r["ok"]:
            out.append(f"  {r['issue']}: parser refused the issue: {r['error']}")
    excl = sum(r["counts"].get("excluded_published", [0, 0])[0] for r in issues)
    out.append(f"  excluded mentions published as citations (false positives): {excl}")
    if any("variants" in r for r in issues):
        out.append("")
        out.append("Layout variants (same words; wrap width, blank lines, page breaks changed)")
        vrows = []
        for r in issues:
            if "variants" not in r:
                continue
            vrows.append((r["issue"] + " original", r["scores"]))
            for name, v in r["variants"].items():
                vrows.append(("  " + name + ("" if v["ok"] else " FAILED"), v["scores"]))
            vrows.append(("  max |diff|", r["variant_max_diff"]))
        out.append(table(vrows, DOC_FIELDS + ["cit_untyped_r", "cit_typed_r"]))
        out.append("")
        out.append(table(vrows, ["cit_untyped_p", "cit_typed_p", "based_on_r", "applies_r"] + TABLE_FIELDS))
        out.append("")
        out.append("largest variant difference over all issues: " + ", ".join(
            f"{SHORT[f]} {v:.2f}" for f, v in result["variant_total_max_diff"].items() if v))
    if any("without_registry" in r for r in issues):
        out.append("")
        out.append("Registry ablation: issuer / 文号 / found, with the shipped registry and with an empty one")
        for r in issues:
            wr = r["without_registry"]
            out.append(f"  {r['issue']:<24} issuer {_fmt(r['scores']['issuer'])} -> {_fmt(wr['issuer'])}   "
                       f"文号 {_fmt(r['scores']['number'])} -> {_fmt(wr['number'])}   "
                       f"found {_fmt(r['scores']['found'])} -> {_fmt(wr['found'])}" + ("" if wr["ok"] else "  (FAILED)"))
    secs = sum(r["seconds"] for r in issues)
    out.append("")
    out.append(f"parse time of the originals: {secs:.2f} s for {len(issues)} issues")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of <issue>.txt files")
    ap.add_argument("--gold-dir", type=Path, default=None, help="folder of <issue>.gold.json (default: next to the texts)")
    ap.add_argument("--no-seed", action="store_true", help="do not score the seed issue with tests/gold")
    ap.add_argument("--no-variants", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = ap.parse_args(argv)
    pairs = pairs_in(args.corpus, args.gold_dir) if args.corpus.exists() else []
    if not args.no_seed and SEED_GOLD.exists() and all(t.resolve() != SEED_TEXT.resolve() for t, _ in pairs):
        pairs.append((SEED_TEXT, SEED_GOLD))
    if not pairs:
        print(f"no <issue>.txt with a gold file in {args.corpus}", file=sys.stderr)
        return 1
    result = score_corpus(pairs, with_variants=not args.no_variants)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=lambda o: sorted(o) if isinstance(o, (set, frozenset)) else str(o)))
    else:
        print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
