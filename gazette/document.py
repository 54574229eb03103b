"""The parts of one document: recipients, body, 附件 list, signature, 印发 line, annexes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import ARABIC_DATE, CN_DATE, is_date_line, parse_date
from .layout import Line
from .orgnames import RECIPIENT_HINT, org_line, split_list
from .paragraphs import build_paragraphs, join
from .records import Annex, PrintedBy, Signature
from .segment import Header
from .text import tidy

ANNEX_LABEL = re.compile(r"^附件\s*(?P<n>[0-9０-９]{1,2})?$")
ATTACH_LIST = re.compile(r"^附(?:件)?\s*[：:]\s*(?P<rest>.*)$")
ITEM_NO = re.compile(r"^(?P<n>[0-9０-９]{1,2})\s*[.．、]\s*(?P<t>.*)$")
DISCLOSURE = re.compile(r"^[（(](?P<t>此件[^（）()]{1,12})[）)]$")
_DATE = rf"(?:{ARABIC_DATE.pattern}|{CN_DATE.pattern.replace('?P<', '?P<c')})"
PRINTED_LINE = re.compile(rf"^(?P<office>.+?)\s*(?P<date>{_DATE})\s*印发$")
ORG_DATE_LINE = re.compile(rf"^(?P<org>.+?)\s*(?P<date>{_DATE})$")
# a text the document itself carries: issued (印发, 颁发, 发布) or sent up with it (报送)
ISSUED_IN_TITLE = re.compile(r"(?:印发|颁发|发布|报送|上报|呈报)《(?P<t>.+)》")
ISSUED_PLAIN = re.compile(r"^(?:关于)?印发(?P<t>[^《》]+?)的通知$")
FORWARDED_IN_TITLE = re.compile(r"(?:转发|批转)《(?P<t>.+)》")
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def issued_titles(title: str) -> list[str]:
    m = ISSUED_IN_TITLE.search(title)
    if m:
        return [m["t"]]
    m = ISSUED_PLAIN.match(title)
    return [m["t"]] if m else []


def forwarded_titles(title: str) -> list[str]:
    m = FORWARDED_IN_TITLE.search(title)
    return [m["t"]] if m else []


def printed_line(line: Line) -> PrintedBy | None:
    m = PRINTED_LINE.match(line.text)
    if m and org_line(m["office"].strip()):
        return PrintedBy(office=m["office"].strip(), date=parse_date(m["date"]), line=line.no)
    return None


# the head of a government signing an order or rules: 省长 / 总理　李鹏 / 市长：张三
SIGNER = re.compile(r"^(?:代理)?(?:总理|国务院总理|省长|自治区主席|主席|市长|州长|盟长|区长|县长|旗长|镇长|乡长|部长|主任)"
                    r"(?:\s*[：:]?\s*[\u4e00-\u9fff·]{2,12})?$")
SENTENCE_END = ("。", "！", "；", "”", "）", ")")


def signature_at(lines: list[Line], k: int, end: int) -> tuple[Signature, int] | None:
    """A signature starting at lines[k]: body line(s) then a date line, or both on one line; or the
    signing head's office and name, then the date (orders and rules are signed by a person)."""
    if SIGNER.match(lines[k].text) and k + 1 < end and is_date_line(lines[k + 1].text):
        return Signature([], parse_date(lines[k + 1].text), [lines[k].no, lines[k + 1].no]), k + 2
    bodies: list[str] = []
    j = k
    while j < end and j - k < 3:
        orgs = org_line(lines[j].text)
        if not orgs:
            break
        bodies += orgs
        j += 1
    if bodies and j < end and is_date_line(lines[j].text):
        return Signature(bodies, parse_date(lines[j].text), [l.no for l in lines[k:j + 1]]), j + 1
    m = ORG_DATE_LINE.match(lines[k].text)
    if m and not lines[k].text.endswith("印发"):
        orgs = org_line(m["org"].strip())
        if orgs:
            return Signature(orgs, parse_date(m["date"]), [lines[k].no]), k + 1
    return None


def parse_attachment_list(texts: list[str]) -> list[str]:
    items: list[str] = []
    for t in texts:
        m = ITEM_NO.match(t)
        if m:
            items.append(m["t"].strip())
        elif items:
            items[-1] = join(items[-1], t)
        else:
            items.append(t)
    return [tidy(i.rstrip("；;。 ")) for i in items if i.strip()]


@dataclass
class Parts:
    recipients: list[str]
    recipient_idx: list[int]
    body: list[Line]
    attachments: list[str]
    signature: Signature | None
    printed: list[PrintedBy]
    disclosure: str | None
    subtitle: str | None
    annexes: list[Annex]


def _recipients(lines: list[Line], k: int, end: int) -> tuple[list[str], list[int]]:
    text, idx = "", []
    for j in range(k, min(end, k + 6)):
        t = lines[j].text
        if "。" in t:
            break
        text = join(text, t)
        idx.append(j)
        if t.endswith(("：", ":")):
            if RECIPIENT_HINT.search(text) and not text.startswith(("为", "根据", "按照", "现", "经", "依据")):
                return split_list(text), idx
            break
    return [], []


# the 题注 under a law's or a decision's title: （2019年9月17日第十三届全国人民代表大会常务委员会第十三次会议通过）
ADOPTION_NOTE = re.compile(r"^[（(][^（）()]*?(?:通过|批准|公布|发布|修正|修订)[）)]$")


def _subtitle(lines: list[Line], k: int, end: int) -> tuple[str | None, int]:
    if k < end and lines[k].text.startswith(("（", "(")):
        text = ""
        for j in range(k, min(end, k + 4)):
            text = join(text, lines[j].text)
            if ADOPTION_NOTE.match(text) and parse_date(text):
                return text, j + 1
            if "）" in text or ")" in text:
                break
    if k >= end or not lines[k].text.startswith(("—", "──", "－－")):
        return None, k
    text, j = lines[k].text, k + 1
    while j < end and j - k < 3 and not text.endswith(("上", "讲话", "报告")):
        if org_line(lines[j].text) or lines[j].text.endswith("：") or "。" in lines[j].text:
            break
        text = join(text, lines[j].text)
        j += 1
    # the speaker: 重庆市沙坪坝区人民政府区长 常斌
    if j < end and len(lines[j].text) <= 30 and not lines[j].text.endswith("：") and "。" not in lines[j].text \
            and re.search(r"(长|主任|书记|主席|秘书长)\s*\S{2,4}$", lines[j].text):
        text = text + " " + lines[j].text
        j += 1
    return text, j


def _match_expected(lines: list[Line], j: int, end: int, squashed: list[str]) -> tuple[int, int] | None:
    for span in (1, 2, 3):
        if j + span > end:
            break
        joined = squash("".join(l.text for l in lines[j:j + span]))
        if joined in squashed:
            return squashed.index(joined), span
    return None


def _annex_starts(lines: list[Line], k: int, end: int, expected: list[str]) -> list[tuple[int, str | None, int | None, str | None, int]]:
    """(index, label, number, enclosed title, lines after the start that the title took) per annex."""
    starts = []
    squashed = [squash(e) for e in expected]
    j = k
    while j < end:
        m = ANNEX_LABEL.match(lines[j].text)
        if m:
            n = int(m["n"].translate(FULLWIDTH)) if m["n"] else None
            hit = _match_expected(lines, j + 1, end, squashed)
            if hit:
                starts.append((j, lines[j].text, n, expected[hit[0]], hit[1] + 1))
                j += hit[1] + 1
            else:
                starts.append((j, lines[j].text, n, None, 1))
                j += 1
            continue
        hit = _match_expected(lines, j, end, squashed)
        if hit:
            starts.append((j, None, None, expected[hit[0]], hit[1]))
            j += hit[1]
            continue
        j += 1
    return starts


def _title_after_label(lines: list[Line], j: int, end: int, listed: list[str], number: int | None) -> tuple[str, int]:
    """The title that follows 附件 N, preferring the wording of the 附件 list."""
    candidates = []
    if number is not None and 0 < number <= len(listed):
        candidates.append(listed[number - 1])
    elif number is None and len(listed) == 1:
        candidates.append(listed[0])
    for cand in candidates:
        target = squash(cand)
        text, k = "", j
        while k < end and k - j < 4:
            nxt = squash(text + lines[k].text)
            if not target.startswith(nxt):
                break
            text += lines[k].text
            k += 1
            if squash(text) == target:
                return text, k
        if k > j and len(squash(text)) >= len(target) * 0.6:
            return text, k
    if j < end and "。" not in lines[j].text and len(lines[j].text) <= 40:
        return lines[j].text, j + 1
    return "", j


def _is_form(lines: list[Line]) -> bool:
    text = " ".join(l.text for l in lines)
    marks = ("（签字）", "年 月 日", "□", "盖章", "填表", "（签章）")
    return sum(1 for m in marks if m in text) >= 2


def split_document(lines: list[Line], header: Header, end: int, issued: list[str]) -> Parts:
    k = header.end
    subtitle, k = _subtitle(lines, k, end)
    recipients, r_idx = _recipients(lines, k, end)
    if r_idx:
        k = r_idx[-1] + 1
    starts = _annex_starts(lines, k, end, issued)
    body_end = starts[0][0] if starts else end

    printed: list[PrintedBy] = []
    disclosure = None
    attach_idx = None
    signature = None
    sig_range = None
    for j in range(k, body_end):
        if attach_idx is None and ATTACH_LIST.match(lines[j].text):
            attach_idx = j
        got = signature_at(lines, j, body_end)
        if got and (attach_idx is None or j > attach_idx):
            signature, sig_end = got
            sig_range = (j, sig_end)
            break
    if signature is None:
        got = _date_alone(lines, k, body_end, attach_idx)
        if got:
            signature, sig_range = got
    stop = min(x for x in (attach_idx, sig_range[0] if sig_range else None, body_end) if x is not None)
    body = [l for l in lines[k:stop] if not _furniture(l, printed)]
    attachments: list[str] = []
    if attach_idx is not None:
        a_end = sig_range[0] if sig_range else body_end
        texts = [l.text for l in lines[attach_idx:a_end] if not _furniture(l, printed)]
        texts[0] = ATTACH_LIST.match(texts[0])["rest"]
        attachments = parse_attachment_list([t for t in texts if t])
    tail_start = sig_range[1] if sig_range else (stop if attach_idx is None else body_end)
    tail: list[Line] = []
    for l in lines[tail_start:body_end] if sig_range else []:
        m = DISCLOSURE.match(l.text)
        if m:
            disclosure = m["t"]
        elif not _furniture(l, printed):
            tail.append(l)

    annexes: list[Annex] = []
    listed = list(attachments)
    if tail:
        annexes.append(_make_annex(tail, None, None, None, 0, listed, printed))
    for idx, (j, label, num, enclosed, span) in enumerate(starts):
        a_end = starts[idx + 1][0] if idx + 1 < len(starts) else end
        seg = lines[j:a_end]
        annex = _make_annex(seg, label, num, enclosed, span, listed, printed)
        annexes.append(annex)
        listed = annex.attachments or listed
    return Parts(recipients, r_idx, body, attachments, signature, printed, disclosure, subtitle, annexes)


def _date_alone(lines: list[Line], k: int, end: int, attach_idx: int | None):
    """A document sealed rather than signed by name prints its date alone on a line where the signature
    would stand: after the last sentence of the body (or its 附件 list). The first such line ends the
    body; a date inside a sentence never stands alone."""
    for j in range(max(k + 1, (attach_idx or 0) + 1), end):
        if not is_date_line(lines[j].text):
            continue
        before = lines[j - 1].text
        if attach_idx is not None and j > attach_idx or before.endswith(SENTENCE_END):
            return Signature([], parse_date(lines[j].text), [lines[j].no]), (j, j + 1)
    return None


def _furniture(line: Line, printed: list[PrintedBy]) -> bool:
    p = printed_line(line)
    if p:
        printed.append(p)
        return True
    return False


def _make_annex(seg: list[Line], label, num, enclosed, span, listed, printed) -> Annex:
    if enclosed is not None:
        title, k, kind = enclosed, span, "enclosed"
    elif label is not None:
        title, k = _title_after_label(seg, 1, len(seg), listed, num)
        kind = "attachment"
    else:
        title, k, kind = seg[0].text, 1, "attachment"
    rest = seg[k:]
    content: list[Line] = []
    attach: list[str] = []
    signature = None
    i = 0
    while i < len(rest):
        l = rest[i]
        if _furniture(l, printed):
            i += 1
            continue
        m = ATTACH_LIST.match(l.text)
        if m:
            texts = [m["rest"]] if m["rest"] else []
            i += 1
            while i < len(rest) and not signature_at(rest, i, len(rest)) and not printed_line(rest[i]) \
                    and (ITEM_NO.match(rest[i].text) or len(rest[i].text) < 40):
                texts.append(rest[i].text)
                i += 1
            attach = parse_attachment_list(texts)
            continue
        got = signature_at(rest, i, len(rest))
        if got and (i >= len(rest) - 4):
            signature, j = got
            i = j
            continue
        content.append(l)
        i += 1
    line_nos = [l.no for l in seg]
    return Annex(
        label=label, number=num, title=tidy(title), kind=kind,
        paragraphs=build_paragraphs(content),
        lines=[(l.no, l.text) for l in content],
        line_span=(min(line_nos), max(line_nos)),
        attachments=attach, signature=signature, is_form=_is_form(seg),
    )
