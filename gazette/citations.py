"""Citations: find titles and numbers, decide the relation from the words around them, resolve.

Three steps, as eyecite does it: find (tokens in a paragraph), classify (the relation from
trigger words in the same clause), resolve (one resource per cited document, whether it
was met by number or by title).
"""
from __future__ import annotations

from . import datafiles
import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from .docnumber import DocNumber, find_numbers
from .identity import government_for_order, is_generic_order, normalise_title, number_key, strip_issuers, title_key
from .numerals import CHARS, cn_int
from .orgnames import is_org, org_line
from .tiers import placement, tier_of_title
from .vocabulary import RELATION_KEYS
from .paragraphs import Paragraph
from .text import tidy
from .registry import Registry

BOUNDARY = "。；！？"
JOINERS = re.compile(r"[、和及与,，\s]|等|以及")
NOT_CITED_SUFFIX = ("证", "卡", "执照", "证书", "证明", "合同", "协议", "申请书", "登记表", "表", "单")
LAWLIKE_SUFFIX = ("法", "条例", "规定", "办法", "细则", "决定", "通知", "意见", "规则", "纲要")
TRIGGER_TABLE = datafiles.REGISTRY / "citation-triggers.csv"
# a participle before a title (新修订的《…》, 印发的《…》) describes it; it never triggers a relation
MODIFIER = re.compile(r"(?:新|最新|新近)?(?:修订|修改|修正|颁布|公布|印发|出台|制定)(?:后)?的(?=\s*[《〈])")


def load_triggers(path: Path = TRIGGER_TABLE) -> tuple[list, list]:
    """The trigger table (sources/registry/citation-triggers.csv): words before a title, each with its
    relation and how close the title must follow; and words after a title (精神, 同时废止 …)."""
    before, after = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            relation = row["relation"].removesuffix("_if_tail")
            if relation not in RELATION_KEYS:
                raise ValueError(f"{path}: trigger {row['trigger']} has relation {row['relation']}, "
                                 f"not one of {', '.join(RELATION_KEYS)} (sources/registry/relations.csv)")
            if row["where"] == "before":
                # each word keeps its own reach: 贯彻 may stand far before its title, 按照 may not
                before.append((row["relation"], (row["trigger"],), int(row["reach"])))
            else:
                after.append((row["trigger"], row["relation"], int(row["reach"])))
    return before, after


TRIGGERS, AFTER_TRIGGERS = load_triggers()
APPLIES_TAIL = re.compile("^(?:有关|相关|的)?(?:文件)?(?:"
                          + "|".join(w for w, r, _ in AFTER_TRIGGERS if r == "applies") + ")")
# …《X》第四十二条的规定 / 《X》有关规定: the provisions of X, which 按 and 执行 apply
PROVISION_TAIL = re.compile(r"^(?:第[一二三四五六七八九十百零〇0-9]+[条款项章])*(?:的)?(?:有关|相关)?规定")
# what is handed out or filled in is a copy, not a text cited (发放《…手册》, 填写《…表》)
HANDED_OUT = re.compile(r"(?:发放|分发|印制|领取|填写|填报|购买|赠送)\s*$")
REPEAL_TAIL = re.compile("^[^。；]{0,6}?(?:" + "|".join(sorted((w for w, r, _ in AFTER_TRIGGERS if r == "repeals"),
                                                            key=len, reverse=True)) + ")")


@dataclass
class Token:
    start: int
    end: int
    title: str | None = None
    number: DocNumber | None = None
    number_raw: str | None = None
    number_span: tuple[int, int] | None = None
    attributed: bool = False    # printed after a body's name: that body's text


@dataclass
class Citation:
    citing: str                 # key of the citing document
    cited: str                  # key of the cited resource (filled by resolve)
    relation: str               # based_on | applies | forwards | repeals | amends | cites
    trigger: str | None
    title: str | None
    number: str | None          # canonical 文号
    quote: str
    line: int
    line_end: int
    location: str               # "title" | "body" | "annex N"
    paragraph: int
    span: tuple[int, int]       # character span in that paragraph (or the title)
    resolved_in_corpus: bool = False
    article: int | None = None  # the article the text names right after the title (《…》第四十二条)


def clean_title(title: str) -> str:
    """Spaces in a title are typography, except between joint issuers (自然资源部 农业农村部关于…)."""
    t = tidy(title)
    parts = t.split(" ")
    if len(parts) > 1 and all(org_line(p) for p in parts[:-1]):
        return t
    return t.replace(" ", "")


# the article a citation names, right after the title or its number: 《土地复垦条例》第四十二条
ARTICLE_AFTER = re.compile(rf"^\s*(?:（[^（）]{{0,40}}）)?\s*(?:的)?第\s*(?P<n>[{CHARS}]{{1,6}}|\d{{1,3}})\s*条")

# a title's status in brackets ends it: …办法（试行）, …条例（草案）
STATUS_END = re.compile(r"（(?:试行|暂行|草案|修订|修订稿|征求意见稿)）")
# an unquoted title the trigger names with its body: 按照市政府办公厅2017年政务公开工作要点精神
UNQUOTED = re.compile(r"(?:按照|根据|依据|贯彻落实|贯彻|落实)(?P<body>[\u4e00-\u9fff]{2,20}?(?:办公厅|办公室|人民政府|政府))"
                      r"(?P<t>(?:[0-9]{4}\s*年)?[\u4e00-\u9fff]{2,30}?(?:要点|意见|方案|规划|纲要|办法|规定|条例))"
                      r"(?=精神|要求|部署|的规定)")


def find_titles(text: str) -> list[tuple[int, int, str]]:
    """Outermost 《…》 spans; 〈…〉 and 《…》 nested inside belong to their outer title. A 《 never closed
    within its sentence ends where a status in brackets ends the title (《…办法（试行）规定…): a
    misprint the source makes, read only where the title's end is certain. A title the trigger names
    unquoted, after its body, is read too."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1, text[start + 1:i]))
        elif depth and ch in "。；":
            m = STATUS_END.search(text, start, i)
            if depth == 1 and m and "《" not in text[start + 1:m.end()]:
                out.append((start, m.end(), text[start + 1:m.end()]))
            depth = 0
    for m in UNQUOTED.finditer(text):
        if not any(a <= m.start("t") < b for a, b, _ in out):
            out.append((m.start("t"), m.end("t"), re.sub(r"\s+", "", m["t"])))
    return sorted(out)


PAREN_NUMBER = re.compile(r"^\s*[（(]\s*")


def find_tokens(text: str, registry: Registry | None) -> list[Token]:
    numbers = [n for n in find_numbers(text, registry) if n.number]
    tokens: list[Token] = []
    used: set[int] = set()
    for s, e, title in find_titles(text):
        tok = Token(s, e, title=title)
        m = PAREN_NUMBER.match(text[e:])
        if m:
            for i, n in enumerate(numbers):
                if n.start == e + m.end() and re.match(r"^\s*[）)]", text[n.end:]):
                    close = re.match(r"^\s*[）)]", text[n.end:]).end()
                    tok.number, tok.number_raw = n.number, n.raw
                    tok.number_span = (n.start, n.end)
                    tok.end = n.end + close
                    used.add(i)
                    break
        tokens.append(tok)
    for i, n in enumerate(numbers):
        if i in used or any(t.start <= n.start < t.end for t in tokens):
            continue
        tokens.append(Token(n.start, n.end, number=n.number, number_raw=n.raw, number_span=(n.start, n.end)))
    tokens.sort(key=lambda t: t.start)
    return tokens


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max((text.rfind(b, 0, start) for b in BOUNDARY), default=-1) + 1
    ends = [text.find(b, end) for b in BOUNDARY]
    ends = [x for x in ends if x >= 0]
    return a, (min(ends) + 1 if ends else len(text))


_LIST_PARTS = re.compile(r"[、和及与,，\s]|以及")


def _only_tokens(text: str, lo: int, hi: int, tokens: list[Token]) -> bool:
    """Whether text[lo:hi] holds nothing but citations and the punctuation between them."""
    chars = list(text[lo:hi])
    for t in tokens:
        for k in range(max(t.start, lo), min(t.end, hi)):
            chars[k - lo] = ""
    return not re.sub(r"[、，,\s和及与]|以及", "", "".join(chars))


def _strip_tokens(text: str, lo: int, hi: int, tokens: list[Token]) -> str:
    """text[lo:hi] without other citations, the bodies that issued them (根据国务院《…》, 按照
    北京市委办公厅、北京市政府办公厅《…》) and joiners: what really stands between."""
    chars = list(text[lo:hi])
    for t in tokens:
        for k in range(max(t.start, lo), min(t.end, hi)):
            chars[k - lo] = "、"
    parts = [x for x in _LIST_PARTS.split("".join(chars)) if x and not is_org(x)]
    return JOINERS.sub("", "".join(parts))


def classify(text: str, tok: Token, tokens: list[Token], forwarded: list[str]) -> tuple[str, str | None]:
    a, b = _clause_bounds(text, tok.start, tok.end)
    # modifiers become spaces (which the gaps ignore), so 根据新修订的《…》 is 根据 and 修订 triggers nothing
    text = MODIFIER.sub(lambda m: " " * len(m.group(0)), text)
    pre = text[a:tok.start]
    after = _strip_tokens(text, tok.end, b, [t for t in tokens if t.start >= tok.end])
    if REPEAL_TAIL.match(after):
        m = REPEAL_TAIL.match(after).group(0)
        return "repeals", next(w for w, r, _ in sorted(AFTER_TRIGGERS, key=lambda x: -len(x[0]))
                               if r == "repeals" and m.endswith(w))
    if tok.title and forwarded and any(_same_title(tok.title, f) for f in forwarded):
        return "forwards", "转发"
    best = None
    for relation, words, reach in TRIGGERS:
        for w in words:
            k = pre.rfind(w)
            if k < 0:
                continue
            between = text[a + k + len(w):tok.start]
            if any(c in between for c in "，。；：") and not _only_tokens(text, a + k + len(w), tok.start, tokens):
                continue    # a clause break: the trigger governs another phrase (按照…部署，我们编制了《…》)
            gap = _strip_tokens(text, a + k + len(w), tok.start, tokens)
            if len(gap) > reach:
                continue
            stop = a + k + len(w)
            if best is None or (stop, len(w)) > (best[2], len(best[1])):
                best = (relation, w, stop)
    if best is None:
        # no trigger before it: a title whose 精神 or 要求 is followed is applied
        tail = APPLIES_TAIL.match(after)
        return ("applies", tail.group(0)[-2:]) if tail else ("cites", None)
    relation, word, _ = best
    if relation == "applies_if_tail":
        return ("applies", word) if APPLIES_TAIL.match(after) or PROVISION_TAIL.match(after) else ("cites", None)
    return relation, word


def _same_title(a: str, b: str) -> bool:
    x, y = strip_issuers(a), strip_issuers(b)
    return x == y or x.endswith(y) or y.endswith(x)


def is_own_text(title: str, own: list[str]) -> bool:
    t = normalise_title(title)
    for o in own:
        n = normalise_title(o)
        # the same text, named with or without its place (重庆市沙坪坝区X / X), by its tail (《标准目录》) or
        # with a tail of its own (…办法（试行）); a title met in the middle of another is another text
        if len(t) >= 4 and len(n) >= 4 and (t.endswith(n) or n.endswith(t) or t.startswith(n) or n.startswith(t)):
            return True
    return False


ATTRIBUTED = re.compile(r"(?:办公厅|办公室|政府|委员会|[部局厅院委])\s*$")
ABBREVIATION = re.compile(r"(?:以下简称|下称|简称)\s*[“\"]?\s*[《〈](?P<t>[^》〉]{1,30})[》〉]")


def not_a_citation(tok: Token, own: list[str], in_form: bool, itself: str = "", short: frozenset = frozenset()) -> bool:
    if tok.title is None:
        return False
    if is_own_text(tok.title, own) and not tok.attributed:
        return True
    # the document's own title (《…规定》已经…通过, 现予公布), and a short name it gave a text it
    # cites (以下简称《方案》): neither is another citation
    t = normalise_title(strip_issuers(tok.title))
    if tok.number is None and (t == itself or t in short):
        return True
    if tok.number is None:
        bare = re.sub(r"（[^（）]*）$", "", normalise_title(tok.title))
        if bare.endswith(NOT_CITED_SUFFIX):
            return True
        if in_form and not bare.endswith(LAWLIKE_SUFFIX):
            return True
    return False


def _quote(text: str, tok: Token) -> str:
    a, b = _clause_bounds(text, tok.start, tok.end)
    q = text[a:b].strip()
    if len(q) > 240:
        lo = max(a, tok.start - 80)
        hi = min(b, tok.end + 80)
        q = ("…" if lo > a else "") + text[lo:hi].strip() + ("…" if hi < b else "")
    return q


def article_after(text: str, end: int) -> int | None:
    m = ARTICLE_AFTER.match(text[end:end + 60])
    return cn_int(m["n"]) if m else None


def cite_paragraph(citing: str, para: Paragraph, idx: int, location: str, own: list[str], forwarded: list[str],
                   registry: Registry | None, in_form: bool = False, itself: str = "",
                   short: frozenset = frozenset()) -> list[Citation]:
    text = para.text
    tokens = find_tokens(text, registry)
    out = []
    for tok in tokens:
        # a title printed after a body's name is that body's text, even when this document issues one
        # of the same words (北京市政府办公厅《2017年政务公开工作要点》 in 东城区's 工作要点)
        tok.attributed = bool(tok.title and ATTRIBUTED.search(text[max(0, tok.start - 12):tok.start]))
        if not_a_citation(tok, own, in_form, itself, short) or HANDED_OUT.search(text[max(0, tok.start - 4):tok.start]):
            continue
        relation, trigger = classify(text, tok, tokens, forwarded)
        out.append(Citation(
            citing=citing, cited="", relation=relation, trigger=trigger,
            title=clean_title(tok.title) if tok.title else None, number=tok.number.canonical if tok.number else None,
            quote=_quote(text, tok), line=para.line_at(tok.start), line_end=para.line_at(max(tok.start, tok.end - 1)),
            location=location, paragraph=idx, span=(tok.start, tok.end), article=article_after(text, tok.end),
        ))
    return out


def cite_document(doc, registry: Registry | None) -> list[Citation]:
    """Every citation a document makes, in its title, body and annexes."""
    from .document import forwarded_titles

    own = list(doc.issued_texts) + [a.title for a in doc.annexes if a.kind == "enclosed"]
    forwarded = forwarded_titles(doc.title)
    itself = normalise_title(strip_issuers(doc.title))
    paragraphs = list(doc.paragraphs) + [p for a in doc.annexes for p in a.paragraphs]
    short = frozenset(normalise_title(m["t"]) for p in paragraphs for m in ABBREVIATION.finditer(p.text))
    found: list[Citation] = []
    title_para = Paragraph(doc.title, [(0, doc.title_lines[0] if doc.title_lines else doc.line_span[0])])
    found += cite_paragraph(doc.key, title_para, 0, "title", own, forwarded, registry)
    for i, p in enumerate(doc.paragraphs):
        found += cite_paragraph(doc.key, p, i, "body", own, forwarded, registry, itself=itself, short=short)
    for n, annex in enumerate(doc.annexes, 1):
        for i, p in enumerate(annex.paragraphs):
            found += cite_paragraph(doc.key, p, i, f"annex {n}", own, forwarded, registry, in_form=annex.is_form,
                                    itself=itself, short=short)
    return found


@dataclass
class Regulation:
    key: str
    number: DocNumber | None
    titles: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    level: str | None = None
    code_known: bool | None = None
    in_corpus: bool = False

    @property
    def title(self) -> str | None:
        return max(self.titles, key=lambda t: (len(t), t)) if self.titles else None


def issuers_from_title(title: str) -> list[str]:
    t = title.strip()
    i = t.find("关于")
    if i > 1:
        orgs = org_line(t[:i].strip())
        if orgs:
            return orgs
        parts = [p for p in re.split(r"[、 ]", t[:i]) if p]
        if parts and all(org_line(p) for p in parts):
            return parts
    return []


def document_index(documents: list) -> tuple[dict, dict[str, str]]:
    """Documents by key and by title without issuers: what citations are resolved against."""
    by_key = {d.key: d for d in documents}
    doc_by_title: dict[str, str] = {}
    for d in documents:
        doc_by_title.setdefault(strip_issuers(d.title), d.key)
    return by_key, doc_by_title


def resolve(citations: list[Citation], documents: list, registry: Registry | None,
            index: tuple[dict, dict[str, str]] | None = None) -> tuple[list[Citation], dict[str, Regulation]]:
    """Give each citation its cited key; one Regulation per cited resource. `index` is
    document_index(documents), for callers that resolve many issues against one corpus."""
    by_key, doc_by_title = index or document_index(documents)
    numbers_by_title: dict[str, DocNumber] = {}
    for c in citations:
        if c.title and c.number:
            num = next(n.number for n in find_numbers(c.number, registry) if n.number)
            numbers_by_title.setdefault(strip_issuers(c.title), num)
    regs: dict[str, Regulation] = {}
    for c in sorted(citations, key=lambda c: (c.citing, c.line, c.span)):
        num = next((n.number for n in find_numbers(c.number, registry) if n.number), None) if c.number else None
        if num is None and c.title:
            num = numbers_by_title.get(strip_issuers(c.title))
        if num is not None and is_generic_order(num.code):
            # whose order: the place heading the cited title, else the citing document's government
            citer = by_key.get(c.citing)
            gov = government_for_order(num.code, c.title or "") or next(
                (g for g in (government_for_order(num.code, b) for b in (getattr(citer, "issuers", None) or [])) if g),
                None)
            key = number_key(num, registry, gov) if gov else title_key(strip_issuers(c.title or c.number))
        elif num is not None:
            key = number_key(num, registry)
        elif c.title and strip_issuers(c.title) in doc_by_title:
            key = doc_by_title[strip_issuers(c.title)]
        else:
            key = title_key(strip_issuers(c.title or ""))
        c.cited = key
        c.resolved_in_corpus = key in by_key
        reg = regs.get(key)
        if reg is None:
            reg = regs[key] = Regulation(key=key, number=num)
        if c.title and c.title not in reg.titles:
            reg.titles.append(c.title)
    for key, reg in regs.items():
        reg.titles.sort()
        if key in by_key:
            d = by_key[key]
            reg.in_corpus = True
            reg.issuers = list(d.issuers)
            if d.title not in reg.titles:
                reg.titles.insert(0, d.title)
        if reg.number is not None and registry is not None:
            code = registry.codes.get(reg.number.code)
            reg.code_known = code is not None
            if code:
                reg.issuers = reg.issuers or list(code.bodies)
                reg.level = code.level
        if not reg.issuers and reg.title:
            reg.issuers = issuers_from_title(reg.title)
        if reg.level is None and reg.issuers:
            reg.level = placement(registry.canonical_body_name(reg.issuers[0]) if registry else reg.issuers[0],
                                  registry)[0].tier
        if reg.level is None and reg.title:
            reg.level = tier_of_title(reg.title, registry)
    return citations, regs
