"""Dates of force a document sets itself: when it enters into force (本通知自2020年7月1日起实施, 自印发之日起
施行, 现予公布，自…起施行) and when it ends (有效期5年, 有效期至2025年12月31日, 有效期为…至…).

A clause counts only when it speaks of the document itself: its subject is 本通知, 本办法 … or the
document's own title (or a text it issues), or it has no subject in a sentence that names no other
document. A notice quoting another's date (…《X》（渝规资规范〔2020〕8号），于2020年7月1日起实施) says
nothing of its own force. Dates named by an act (印发之日, 发布之日) are resolved against the document's
own dates: the 印发 line and the 成文日期. What cannot be fixed with certainty (a month without its
day, a 印发 date the text does not print, 30日后, two clauses that disagree) is kept with its problem
and reported: an ambiguous date is never guessed. N years of validity run from the entry into force
and end the day before its anniversary.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import CN_DIGITS, FULLWIDTH, cn_number
from .docnumber import find_numbers
from .document import forwarded_titles
from .citations import is_own_text

ENTRY = "entry_into_force"
EXPIRY = "expiry"

# how a date was fixed (ForceFact.basis)
PRINTED = "printed"                 # printed in the clause itself
DATE_PRINTED = "date_printed"       # the 印发 date (the 印发 line)
DATE_DOCUMENT = "date_document"     # the 成文日期 (signature, or the adoption note)
DATE_ISSUED = "date_issued"         # 发布之日 and the like: the 成文日期 and the 印发 date, which agree
FROM_ENTRY = "from_entry_into_force"   # 有效期N年: N years from the entry into force
BASES = (PRINTED, DATE_PRINTED, DATE_DOCUMENT, DATE_ISSUED, FROM_ENTRY)

_CJK = "\u4e00-\u9fff"
_N = "0-9０-９"
_CN = "〇零○OＯ0０o一二三四五六七八九"


def _date_rx(p: str) -> str:
    """A date, its groups prefixed by p: with its day or without, with its year or without (either then
    reported), the year in Arabic or Chinese numerals (二〇二〇年, 二0二0年)."""
    return (rf"(?:(?P<{p}y>[{_N}]{{4}}|[{_CN}]{{4}})\s*年\s*)?(?P<{p}m>[{_N}]{{1,2}}|[一二三四五六七八九十]{{1,2}})\s*月"
            rf"(?:\s*(?P<{p}d>[{_N}]{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号])?")


def _year_end_rx(p: str) -> str:
    """The year's end, as 有效期至2025年底 says it."""
    return rf"(?P<{p}ye>[{_N}]{{4}}|[{_CN}]{{4}})\s*年\s*(?:底|末)"


_NOUNS = ("实施意见|指导意见|意见|通知|通告|公告|决定|决议|命令|批复|办法|规定|条例|细则|规则|规程|方案|规划|计划|纲要|"
          "目录|清单|标准|规范|指引|指南|制度|章程|守则|措施|政策|要点|导则|文件|修正案|令")
# 本通知, 本实施方案, 本办法（试行）; not 本市, 本区 … (a place), which is no text
SUBJECT = rf"本(?![市区县省州镇乡村])[{_CJK}]{{0,4}}?(?:{_NOUNS})(?:\s*[（(](?:试行|暂行)[）)])?"
# the act whose day a clause names: 印发之日, 本决定公布之日, 即日
_ACT = (rf"(?:(?:{SUBJECT}|{_NOUNS})\s*)?(?P<act>印发|下发|发文|发布|公布|颁布|公告|签发|通过|成文|发出)\s*之\s*日|"
        rf"(?P<today>即日|当日)")
_REL = r"(?P<rel>[0-9０-９一二两三四五六七八九十百]+)\s*(?:日|天|个月|个工作日)\s*(?:后|以后|之后)"
_VERB = r"(?:正式|开始)?\s*(?:施行|实施|执行|实行|生效|试行)"
_CLAUSE_END = r"(?=\s*(?:[，,。；;：:！]|$))"

ENTRY_RE = re.compile(
    # a subject may stand a clause before its date (本办法经区政府常务会议审议通过，自…起施行), its number after it
    rf"(?P<subj>{SUBJECT}|《[^《》]{{2,80}}》)?\s*(?(subj)(?:[（(][^（）()]{{1,40}}[）)]\s*)?(?:[^，,。；;自从于]{{0,24}}?[，,]\s*)?)"
    rf"(?:应|将)?\s*(?:自|从|于)\s*"
    rf"(?:{_date_rx('')}|{_ACT})\s*(?:起)?\s*(?:{_REL})?\s*(?:起)?\s*{_VERB}{_CLAUSE_END}")
# 有效期, 试行期, 执行期限 …: the period the document is valid for
_VALIDITY = r"(?:有效期限?|试行期限?|执行期限?|实施期限?|施行期限?)"
_NUM = r"(?P<n>[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3})"
EXPIRY_SPAN_RE = re.compile(rf"(?P<subj>{SUBJECT})?\s*(?:的)?\s*{_VALIDITY}\s*(?:为|是)?\s*{_NUM}\s*(?P<unit>年|个月){_CLAUSE_END}")
# 有效期至…, 有效期为…至…, and the verb alone: 本政策执行至2025年12月31日, 本办法有效至…
EXPIRY_TO_RE = re.compile(
    rf"(?P<subj>{SUBJECT})?\s*(?:的)?\s*(?:{_VALIDITY}\s*(?:为|是)?|(?:执行|实施|施行|有效)(?=\s*(?:至|到)))\s*"
    rf"(?:(?:自|从)?\s*(?P<start>{_date_rx('s')})\s*(?:起)?\s*)?"
    rf"(?:至|到|截至|截止(?:至|到)?|止于|—|－|-|~|～)\s*(?:{_date_rx('e')}|{_year_end_rx('e')})\s*(?:止)?{_CLAUSE_END}")
# both ends in one clause: 本办法自2020年1月1日起至2022年12月31日止试行
RANGE_RE = re.compile(
    rf"(?P<subj>{SUBJECT})?\s*(?:自|从)\s*(?P<start>{_date_rx('s')})\s*(?:起)?\s*(?:至|到)\s*(?:{_date_rx('e')}|{_year_end_rx('e')})"
    rf"\s*(?:止)?\s*{_VERB}{_CLAUSE_END}")
# …起施行，至2022年12月31日止 / …起施行，2024年12月31日废止: an end printed after the entry clause
TAIL_END_RE = re.compile(rf"\s*[，,]\s*(?:至|到)?\s*(?:{_date_rx('e')}|{_year_end_rx('e')})\s*(?:止|废止|失效|停止执行){_CLAUSE_END}")
# a sentence whose subject is the document, though the clause has none: 现予公布，自…起施行
OWN_CONTEXT = re.compile(rf"{SUBJECT}|现予(?:以)?(?:公布|发布|印发|公告|颁布)|现(?:将)?[^，。]{{0,40}}印发给你们")
SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
TITLE = re.compile(r"《([^《》]+)》")
NUMBER = re.compile(rf"[{_CJK}]{{1,12}}\s*[〔\[（(【［]\s*[{_N}]{{4}}\s*[〕\]）)】］]\s*第?\s*[{_N}]{{1,5}}\s*号|"
                    rf"[{_CJK}]{{2,24}}令\s*第\s*[{_N}]{{1,5}}\s*号")


@dataclass
class Anchor:
    """The document's own date a clause is resolved against: its 印发 date or its 成文日期."""
    what: str                 # "印发日期" | "成文日期"
    date: str
    line: int | None          # where that date is printed


@dataclass
class ForceFact:
    kind: str                 # ENTRY | EXPIRY
    date: str | None          # ISO date, when one could be read (stated only without a problem)
    clause: str               # the sentence that says so, as printed
    line: int                 # the source line where the clause starts
    line_end: int
    location: str             # "body" | "annex N"
    paragraph: int
    span: tuple[int, int]     # the clause's character span in that paragraph
    basis: str | None         # how the date was fixed: one of BASES
    anchor: Anchor | None = None
    period: str | None = None          # 有效期N年 as an ISO 8601 duration: P5Y, P6M
    problem: str | None = None         # why the date is not stated (it is reported instead)


@dataclass
class Dates:
    """A document's own dates, which an act's day (印发之日, 发布之日) is resolved against."""
    document: str | None = None        # 成文日期
    document_line: int | None = None
    printed: str | None = None         # 印发 date
    printed_line: int | None = None


@dataclass
class Found:
    """A clause as read from a string, before its date is resolved."""
    kind: str
    start: int
    end: int
    date: str | None = None            # printed, ISO
    partial: str | None = None         # a date printed in part (no day, no year), as printed
    act: str | None = None             # 印发, 发布 … (a day named by an act) or 即日
    relative: str | None = None        # 30日后
    years: int = 0
    months: int = 0


def _num(s: str) -> int:
    s = s.translate(FULLWIDTH).replace("两", "二")
    return int(s) if s.isdigit() else cn_number(s)


def _year(y: str) -> int:
    """2020, ２０２０, 二〇二〇, 二0二0."""
    digits = y.translate(FULLWIDTH)
    return int(digits) if digits.isdigit() else int("".join(str(CN_DIGITS[c]) for c in y))


def _date(m: re.Match, p: str) -> tuple[str | None, str | None]:
    """(ISO date, None) for a whole date; (None, as printed) for one printed in part."""
    ye = m.groupdict().get(p + "ye")
    if ye:
        return f"{_year(ye):04d}-12-31", None
    y, mo, d = m[p + "y"], m[p + "m"], m[p + "d"]
    if mo is None:
        return None, None
    end = m.end(p + "d") if d else m.end(p + "m")
    while end < len(m.string) and m.string[end] in " \u3000":
        end += 1
    end += end < len(m.string) and m.string[end] in "月日号"
    printed = re.sub(r"\s+", "", m.string[m.start(p + "y") if y else m.start(p + "m"):end])
    if y is None or d is None:
        return None, printed
    try:
        return dt.date(_year(y), _num(mo), _num(d)).isoformat(), None
    except ValueError:
        return None, printed


def _names_other_text(text: str, own: list[str], numbers: tuple[str, ...]) -> bool:
    """Whether text names a document (a title or a number) other than the document's own texts."""
    for m in NUMBER.finditer(text):
        found = [n.number.canonical for n in find_numbers(m.group(0)) if n.number]
        if not found or found[0] not in numbers:
            return True
    return any(not is_own_text(t, own) for t in TITLE.findall(text))


def _subject_ok(subj: str | None, own: list[str]) -> bool | None:
    """True: the subject is the document; False: another text; None: no subject printed."""
    if not subj:
        return None
    if subj.startswith("《"):
        return is_own_text(subj[1:-1], own)
    return True


def find_clauses(text: str, own: list[str] = (), numbers: tuple[str, ...] = ()) -> list[Found]:
    """Every clause of a paragraph that sets its document's dates of force, in order. `own` are the
    titles that are the document itself (its title, the texts it issues) and `numbers` its 文号: a clause
    whose subject is another text, or whose sentence names another document, is not the document's."""
    own, numbers = list(own), tuple(numbers)
    found: list[Found] = []
    prior_own = False      # the sentence before spoke of the document's own force
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        here: list[Found] = []
        starts = [0] + [i + 1 for i, ch in enumerate(sentence) if ch in "，,；;："]
        taken = -1
        for k in starts:
            if k < taken:
                continue
            rest = sentence[k:]
            lead = len(rest) - len(rest.lstrip())
            # (how its subject is checked, the pattern): a range begins as an entry into force does; a validity is
            # tried first, so that 本意见有效期5年，自…起施行 reads both
            for kind, rx in ((EXPIRY, EXPIRY_TO_RE), (EXPIRY, EXPIRY_SPAN_RE), (ENTRY, RANGE_RE), (ENTRY, ENTRY_RE)):
                m = rx.match(rest, lead)
                if not m:
                    continue
                subj = _subject_ok(m["subj"], own)
                before = sentence[:k + m.start()]
                inner = m.group(0)[len(m["subj"] or ""):]
                if subj is False or _names_other_text(before + inner, own, numbers):
                    break
                if subj is None:
                    # no subject: an entry into force stands alone or in a sentence that speaks of the document
                    # (现予公布，自…起施行); a validity needs the document's own entry into force in its sentence or
                    # just before (本办法自…起施行。有效期5年。), for a validity alone is most often a licence's
                    first = not before.strip(" ，,")
                    if kind == ENTRY and not (first or OWN_CONTEXT.search(before)):
                        break
                    if kind == EXPIRY and not (any(f.kind == ENTRY for f in here) or (first and prior_own)):
                        break
                a, b = s.start() + k + m.start(), s.start() + k + m.end()
                here += _facts(m, a, b)
                if rx is ENTRY_RE:
                    tail = TAIL_END_RE.match(sentence, k + m.end())
                    if tail:
                        comma = re.match(r"\s*[，,]\s*", tail.group(0)).end()
                        f = Found(EXPIRY, s.start() + tail.start() + comma, s.start() + tail.end())
                        f.date, f.partial = _date(tail, "e")
                        here.append(f)
                        b = s.start() + tail.end()
                taken = b - s.start()
                break
        found += here
        prior_own = bool(here)
    return found


def _facts(m: re.Match, a: int, b: int) -> list[Found]:
    if m.re is ENTRY_RE:
        f = Found(ENTRY, a, b)
        if m["act"] or m["today"]:
            f.act = m["act"] or m["today"]
        else:
            f.date, f.partial = _date(m, "")
        if m["rel"]:
            f.relative = m["rel"]
        return [f]
    if "n" in m.re.groupindex:
        n = _num(m["n"])
        return [Found(EXPIRY, a, b, years=n if m["unit"] == "年" else 0, months=n if m["unit"] == "个月" else 0)]
    out = []
    if m["sm"]:
        start = Found(ENTRY, a, b)
        start.date, start.partial = _date(m, "s")
        out.append(start)
    end = Found(EXPIRY, a, b)
    end.date, end.partial = _date(m, "e")
    out.append(end)
    return out


def anniversary_end(start: str, years: int = 0, months: int = 0) -> str:
    """The last day of a period of years and months that starts on `start`: the day before its anniversary.
    Where the anniversary has no such day (29 February), it falls on the first of the next month, so the
    period ends on the month's last day."""
    d = dt.date.fromisoformat(start)
    total = d.month - 1 + months + 12 * years
    y, m = d.year + total // 12, total % 12 + 1
    try:
        anniversary = dt.date(y, m, d.day)
    except ValueError:
        anniversary = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (anniversary - dt.timedelta(days=1)).isoformat()


ACT_NAMES = {"印发": DATE_PRINTED, "下发": DATE_PRINTED, "发文": DATE_PRINTED, "发出": DATE_PRINTED,
             "签发": DATE_DOCUMENT, "通过": DATE_DOCUMENT, "成文": DATE_DOCUMENT}


def _resolve_act(f: Found, dates: Dates) -> tuple[str | None, str | None, Anchor | None, str | None]:
    """(date, basis, anchor, problem) for a day named by an act."""
    printed = dates.printed if dates.printed and len(dates.printed) == 10 else None
    document = dates.document if dates.document and len(dates.document) == 10 else None
    basis = ACT_NAMES.get(f.act, DATE_ISSUED)
    if basis == DATE_PRINTED:
        if printed:
            return printed, basis, Anchor("印发日期", printed, dates.printed_line), None
        return None, basis, None, ("the clause names the 印发 date, which the text does not print"
                                   + (f" (its 成文日期 is {document})" if document else ""))
    if basis == DATE_DOCUMENT:
        if document:
            return document, basis, Anchor("成文日期", document, dates.document_line), None
        return None, basis, None, "the clause names the 成文日期, which the text does not print"
    # 发布, 公布, 即日: the day the document was issued, which its 成文日期 and 印发 date give when they agree
    known = {d for d in (document, printed) if d}
    if len(known) == 1:
        day = known.pop()
        anchor = Anchor("成文日期", day, dates.document_line) if day == document else Anchor("印发日期", day, dates.printed_line)
        return day, DATE_ISSUED, anchor, None
    if not known:
        return None, DATE_ISSUED, None, f"the clause names the day of {f.act}, and the text prints no date of the document"
    return None, DATE_ISSUED, None, (f"the clause names the day of {f.act}, and the 成文日期 ({document}) and the 印发 "
                                     f"date ({printed}) differ")


@dataclass
class Resolved:
    found: Found
    date: str | None
    basis: str | None
    anchor: Anchor | None = None
    period: str | None = None
    problem: str | None = None


def resolve(found: list[Found], dates: Dates) -> list[Resolved]:
    """Each clause with its date fixed, the document's clauses taken together: two entries into force (or two
    ends) that disagree are both reported; a validity of N years needs the one entry into force."""
    out: list[Resolved] = []
    for f in found:
        if f.relative:
            out.append(Resolved(f, None, None, problem=f"the clause sets its date {f.relative} days or months after "
                                                      "another, which is not counted here"))
        elif f.act:
            date, basis, anchor, problem = _resolve_act(f, dates)
            out.append(Resolved(f, date, basis, anchor, problem=problem))
        elif f.years or f.months:
            out.append(Resolved(f, None, FROM_ENTRY, period=f"P{f.years}Y" if f.years else f"P{f.months}M"))
        elif f.date:
            out.append(Resolved(f, f.date, PRINTED))
        else:
            out.append(Resolved(f, None, PRINTED, problem=f"the date is printed in part ({f.partial})" if f.partial
                                else "no date could be read"))
    _disagree(out, ENTRY)
    entry = {r.date for r in out if r.found.kind == ENTRY and r.date and not r.problem}
    start = entry.pop() if len(entry) == 1 else None
    for r in out:
        if r.basis == FROM_ENTRY and not r.problem:
            if start is None:
                r.problem = "the validity runs from the entry into force, which the text does not fix"
            else:
                r.date = anniversary_end(start, r.found.years, r.found.months)
    _disagree(out, EXPIRY)
    for r in out:
        if r.found.kind == EXPIRY and r.date and not r.problem and start and r.date < start:
            r.problem = f"it would end ({r.date}) before it enters into force ({start})"
    return out


def _disagree(rows: list[Resolved], kind: str) -> None:
    dates = sorted({r.date for r in rows if r.found.kind == kind and r.date and not r.problem})
    if len(dates) > 1:
        for r in rows:
            if r.found.kind == kind and r.date and not r.problem:
                r.problem = f"the document gives two dates here ({', '.join(dates)})"


def _quote(text: str, a: int, b: int) -> str:
    lo = max(text.rfind(c, 0, a) for c in "。！？!?") + 1
    his = [x for x in (text.find(c, b) for c in "。！？!?") if x >= 0]
    hi = min(his) + 1 if his else len(text)
    q = text[lo:hi].strip()
    if len(q) > 240:
        lo2, hi2 = max(lo, a - 80), min(hi, b + 80)
        q = ("…" if lo2 > lo else "") + text[lo2:hi2].strip() + ("…" if hi2 < hi else "")
    return q


def own_titles(doc) -> list[str]:
    """The titles that are the document itself: its own, and those of the texts it issues."""
    return [doc.title] + list(doc.issued_texts) + [a.title for a in doc.annexes if a.kind == "enclosed" and a.title]


def document_dates(doc) -> Dates:
    sig = doc.signature
    printed = doc.printed_by
    return Dates(document=doc.date_document, document_line=sig.lines[-1] if sig and sig.lines and sig.date else None,
                 printed=printed.date if printed else None, printed_line=printed.line if printed else None)


def read_force(doc) -> list[ForceFact]:
    """A document's dates of force, from its body and the texts it carries. The annexes of a notice that
    forwards another body's document are that document's words, not the notice's."""
    own = own_titles(doc)
    numbers = (doc.number.canonical,) if doc.number else ()
    places = [("body", i, p) for i, p in enumerate(doc.paragraphs)]
    if not forwarded_titles(doc.title):
        places += [(f"annex {n}", i, p) for n, a in enumerate(doc.annexes, 1) if not a.is_form
                   for i, p in enumerate(a.paragraphs)]
    found, where = [], []
    for location, i, para in places:
        for f in find_clauses(para.text, own, numbers):
            found.append(f)
            where.append((location, i, para))
    facts = []
    for r, (location, i, para) in zip(resolve(found, document_dates(doc)), where):
        f = r.found
        facts.append(ForceFact(kind=f.kind, date=r.date, clause=_quote(para.text, f.start, f.end),
                               line=para.line_at(f.start), line_end=para.line_at(max(f.start, f.end - 1)),
                               location=location, paragraph=i, span=(f.start, f.end), basis=r.basis, anchor=r.anchor,
                               period=r.period, problem=r.problem))
    return facts


def stated(facts: list[ForceFact], kind: str) -> str | None:
    """The date the document's own clauses fix for an entry into force or an end, if they fix one."""
    dates = {f.date for f in facts if f.kind == kind and f.date and not f.problem}
    return dates.pop() if len(dates) == 1 else None
