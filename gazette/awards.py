"""Award and commendation lists (表彰名单): one entry per recipient, with the award, rank and list.

A commendation document (a 决定 or 通报 that 表彰 / 表扬 / 嘉奖, a decision that 授予…称号 or 勋章, a
公示 of those 推荐 for an award) names its recipients in one of a few structures, read here wherever
they stand (in the body or in an annex):

* a list under a title (…名单) or headings: one recipient per line with its school or unit
  (`尹艺臻 重庆市名校联合中学校`), or several on a line separated by 、 ， or spaces; a rank before a colon
  (`一等奖：A、B`); headings that give the rank and its number (`一、先进单位（15家）`,
  `一、授予下列人士“共和国勋章”：`) or a group of the list (`（一）县（市、区）政府办公室`);
* the decision sentence itself: `授予A、B“X”国家荣誉称号`, `给予A、B集体嘉奖`, `A、B为…先进单位`,
  `推荐A、B和C3名同志为X`, `对A等80个先进集体和B等170名先进个人予以通报表扬`, `追授A同志“X”称号`.

Every recipient is a name that reads as one: a person's name (two to four characters, or a
transliterated name joined by ·), or a body's name (ending as bodies end: …局, …委, …人民政府, …公司,
…中心). What follows a person's name in brackets is kept apart: an annotation ((女), an ethnic group, a
country) or the person's unit. Persons are marked as persons; their names stay plain literals on the
entry, never identifiers (GUIDE §5).

Numbers the text states are checked against the entries read: a heading's `（15家）`, a title's
`（共N名）`, `N家单位为…` after the names, `<first recipient>等N人` for a list printed apart, `受表彰的
N家单位`. A list that names only its first members (`…等80个先进集体`, with no list printed) is recorded
as far as it names them, with the number stated. A list that falls short, where every entry read is
certain and only its last part is short, is printed only in part: its entries are published and the
shortfall goes to review. Any other disagreement, and any list line that cannot be read as names,
holds the entries back for review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import is_date_line
from .layout import display_width
from .numerals import cn_int
from .review import ReviewItem
from .text import tidy

EDITION_RE = re.compile(r"第(?P<e>[一二三四五六七八九十百\d]{1,4})届")
LIST_SUFFIX = re.compile(r"(获奖)?(名单|名录)$")
NOTE_RE = re.compile(r"^[（(].*[）)]$")


@dataclass
class AwardEntry:
    list_key: str
    award: str             # 沙坪坝区青少年科技创新区长奖
    edition: str | None    # 第八届
    rank: str              # 区长奖 | 提名奖 | 先进单位 | “人民科学家”国家荣誉称号
    name: str
    school: str            # the recipient's school or unit as printed; "" where none is printed
    seq: int
    notice: str
    list_title: str
    line: int
    person: bool = True               # a person (else a body: a unit, a collective)
    annotation: str | None = None     # what the text adds after a person's name: 女, 满族, 女，泰国
    group: str | None = None          # the part of the list: 县（市、区）政府办公室
    stated: int | None = None         # how many recipients the text says the list holds (…等80个, （15家）)
    lines: list[int] = field(default_factory=list)


@dataclass
class AwardTables:
    entries: list[AwardEntry]          # to publish
    checks: list[dict]                 # stated numbers against the entries read
    review: list[ReviewItem]           # entries held back, rows that cannot be read, lists printed in part


# ---------------------------------------------------------------- titles (the seed's annex lists)

def is_award_list(title: str) -> bool:
    return bool(LIST_SUFFIX.search(title)) and "奖" in title


def award_parts(title: str) -> tuple[str, str | None, str]:
    t = LIST_SUFFIX.sub("", title)
    m = EDITION_RE.search(t)
    edition = m.group(0) if m else None
    if m:
        t = t[:m.start()] + t[m.end():]
    rank = None
    for r in ("提名奖", "优秀奖", "特等奖", "一等奖", "二等奖", "三等奖", "鼓励奖"):
        if t.endswith(r) and len(t) > len(r) + 2:
            rank, t = r, t[: -len(r)]
            break
    if rank is None:
        k = max(t.rfind(x) for x in ("区", "市", "县", "省")) if any(x in t for x in ("区", "市", "县")) else -1
        rank = t[k:] if 0 <= k and t.endswith("奖") and len(t) - k <= 4 else "奖"
    return t, edition, rank


def _title_parts(title: str) -> tuple[str, str | None, str]:
    """(award, edition, rank) of a list title: the seed's rule for a prize (…区长奖名单), else the
    title's award phrase (…先进单位名单 -> 先进单位)."""
    t = re.sub(r"[（(][^（）()]*[）)]$", "", squash(title))
    t = LIST_SUFFIX.sub("", t)
    if t.endswith("奖"):
        return award_parts(t)
    m = EDITION_RE.search(t)
    return t, (m.group(0) if m else None), rank_of(t)


# ---------------------------------------------------------------- words

HAN = "\u4e00-\u9fff"
NUM = r"(?:\d+|[〇○零一二两三四五六七八九十百千]+)"


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# a body's name ends as bodies end
ORG_END = re.compile(
    r"(?:委员会|人民政府|政府|办公室|办公厅|有限公司|公司|集团|中心|监狱|支行|分行|银行|分局|总局|街道|社区|学校|中学校?|"
    r"小学校?|大学|学院|幼儿园|医院|卫生院|法院|检察院|研究院|研究所|设计院|项目部|事业部|指挥部|大队|中队|支队|总队|"
    r"派出所|协会|学会|联合会|商会|合作社|基地|工作站|服务站|党委|党组|支部|总支|工委|管委会|"
    r"[委局厅办署部院校所站队会社馆场厂村镇乡处科室团组台园班店行矿港区县市省州盟旗])$")
# …and a short one only with these endings (a three-character name ending in 会 or 社 is a person's)
ORG_END_SHORT = re.compile(r"(?:人民政府|政府|有限公司|公司|街道|社区|中心|学校|医院|[委局厅办署区县市省镇乡村州旗盟])$")
PERSON_RE = re.compile(rf"^[{HAN}]{{2,4}}$")
FOREIGN_RE = re.compile(rf"^[{HAN}]{{1,12}}(?:[·•・．\-－‧][{HAN}]{{1,12}}){{1,5}}$")
# never part of a recipient's name: sentence words, list words, punctuation
BAD_NAME = re.compile(
    r"人员|获奖|以上|下列|以下|有关|全体|广大|各级|其他|如下|希望|决定|确定|推荐|授予|追授|给予|表彰|表扬|予以|"
    r"我省|我市|我区|我县|我局|根据|按照|为了|名单|称号|荣誉|奖励|共计|合计|名录|"
    rf"等{NUM}[个名家位人]|[《》“”。：；，、:;,!?！？]|的")
BAD_PERSON = re.compile(r"先进|优秀|单位|集体|个人|同志|模范|工作|部门|政府|奖|办法|规定|会议|活动|年度|[0-9A-Za-z]")
ORG_CHARS = re.compile(rf"^[{HAN}A-Za-z0-9（）()·\-]+$")
# words of a sentence, never of a body's name (…公司位于…县, …开展了…)
PROSE_WORDS = re.compile(r"位于|成立|了|是|正在|已经|进行|开展|取得|作出|做出|发挥|工作中|期间|以来|以及|并且|其中|通过|"
                         r"按照|认真|积极|主动|全面|进一步|不断|努力|加快|推动|深入")
# what may stand in brackets after a person's name
NOTE_WORDS = re.compile(rf"^(?:女|男|已故|追授|追记|[{HAN}]{{1,8}}族|[{HAN}]{{2,12}})(?:[，,、](?:[{HAN}]{{1,12}}))*$")
# a unit with the recipient's post (重庆市第一中学校教师)
UNIT_POST = re.compile(r"(?:局长|处长|科长|主任|书记|经理|厂长|校长|院长|所长|队长|站长|干部|职工|教师|医生|民警|辅警|"
                       r"科员|干事|员|师|长)$")

PERSON_NOUNS = (r"个人|同志|人士|工作者|劳动模范|模范|标兵|能手|人物|英雄|楷模|科学家|教育家|艺术家|贡献者|先锋|之星|"
                r"学生|教师|干部|职工|党员|勋章|奖章|人")
ORG_NOUNS = (r"单位|集体|组织|企业|部门|学校|班组|团队|机关|基地|窗口|科室|支部|乡镇|[场乡镇村街][乡镇村街道]?[（(][乡镇村街道]+[）)]|社区|家庭|"
             r"示范区|示范县|示范市|示范村|村")
AWARD_WORDS = re.compile(r"奖|称号|勋章|奖章|嘉奖|表彰|表扬|记功|先进|优秀|模范|标兵|能手|优胜|示范|楷模|英雄|杰出|"
                         r"突出贡献|红旗|文明|荣誉|之星|先锋")
# an award phrase after 为: ends as an award or a rank ends
AWARD_END = re.compile(rf"(?:{ORG_NOUNS}|{PERSON_NOUNS}|奖|称号|优胜|先进|优秀|示范[{HAN}]{{0,3}}|岗|号)$")


def noun_kind(text: str | None) -> str | None:
    """'person' or 'org' when an award or heading names one kind of recipient (先进个人, 先进单位,
    “人民科学家”国家荣誉称号, 集体嘉奖); None when it names both or neither (先进集体和先进个人, 一等奖)."""
    if not text:
        return None
    kinds = set()
    for part in re.split(r"和|及|与|、", text):
        p = re.sub(r"(?:国家)?(?:荣誉)?称号$", "", part).strip("“”‘’")
        if not re.search(r"[乡镇村街][（(][乡镇村街道]+[）)]$", p):      # 场乡（镇） is a noun, not a note
            p = re.sub(r"[（(][^（）()]*[）)]$", "", p)
        if re.search(rf"(?:{PERSON_NOUNS})$", p):
            kinds.add("person")
        elif re.search(rf"(?:{ORG_NOUNS})$", p) or "集体" in p:
            kinds.add("org")
        elif p:
            kinds.add(None)
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else None


def award_like(text: str) -> bool:
    return bool(text) and len(text) <= 80 and "。" not in text and bool(AWARD_WORDS.search(text))


def rank_of(award: str, posthumous: bool = False) -> str:
    """The rank an award phrase gives: “X”荣誉称号 -> X; “X”国家荣誉称号 as printed; the part after the
    contest's name (…“大禹杯”竞赛县区级优胜单位 -> 县区级优胜单位); a leading year or edition dropped."""
    t = squash(award).strip("，。；：、")
    t = re.sub(r"^(?:荣获|获得|授予|被评为|评为)", "", t)
    m = re.fullmatch(r"“([^“”]+)”(?:荣誉)?(?:称号)?", t)
    if m:
        t = m[1]
    ev = list(re.finditer(r"竞赛|评比|评选|比赛|大赛|活动", t))
    if ev and len(t) - ev[-1].end() >= 3:
        t = t[ev[-1].end():]
    t = re.sub(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年度?", "", t)
    t = re.sub(r"^第[一二三四五六七八九十百\d]+届", "", t)
    t = t or squash(award)
    return t + "（追授）" if posthumous else t


# ---------------------------------------------------------------- one recipient

@dataclass
class _Item:
    name: str
    person: bool
    annotation: str | None = None
    unit: str = ""
    lines: list[int] = field(default_factory=list)


def _is_person(s: str, hint: str | None) -> bool:
    if BAD_NAME.search(s) or BAD_PERSON.search(s):
        return False
    if PERSON_RE.match(s) or FOREIGN_RE.match(s):
        return True
    return hint == "person" and bool(re.fullmatch(rf"[{HAN}]{{5,6}}", s))


def _is_org(s: str) -> bool:
    if len(s) < 2 or len(s) > 60 or BAD_NAME.search(s) or PROSE_WORDS.search(s) or not ORG_CHARS.match(s):
        return False
    if s.count("（") + s.count("(") != s.count("）") + s.count(")"):
        return False
    base = re.sub(r"[（(][^（）()]*[）)]$", "", s)
    if not ORG_END.search(base):
        return False
    return len(base) >= 4 or bool(ORG_END_SHORT.search(base))


def _kind(s: str, hint: str | None) -> str | None:
    p, o = _is_person(s, hint), _is_org(s)
    if p and o:
        # a name of four characters or more that ends as a body's name is one (市公安局), whatever the heading
        # says: under a heading of persons it cannot be read with certainty
        strong = len(s) >= 4 or bool(ORG_END_SHORT.search(s))
        if hint == "org":
            return "org"
        if hint == "person":
            return None if strong else "person"
        return "org" if strong else "person"
    if p:
        return "person" if hint != "org" else None
    if o:
        return "org" if hint != "person" else None
    return None


def read_name(raw: str, hint: str | None = None) -> _Item | None:
    """One recipient as printed, or None when it does not read as one name."""
    s = squash(raw).strip("。；;，,、")
    s = re.sub(r"^(?:追授|授予)", "", s)
    if s.endswith("同志") and len(s) > 3:
        s = s[:-2]
    m = re.fullmatch(r"(?P<base>.+?)[（(](?P<note>[^（）()]+)[）)]", s)
    if m and _kind(m["base"], "person" if hint != "org" else None) == "person" and hint != "org":
        base, note = m["base"], m["note"]
        if _is_org(note) or UNIT_POST.search(note) and len(note) >= 4:
            return _Item(base, True, unit=note)
        if NOTE_WORDS.match(note):
            return _Item(base, True, annotation=note)
        return None
    k = _kind(s, hint)
    if k is None:
        return None
    return _Item(s, k == "person")


# ---------------------------------------------------------------- splitting names

def _split_top(s: str, seps: str = "、，,；;") -> list[tuple[str, int]]:
    """Pieces of s between separators outside brackets and quotes, with their offsets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(s):
        if ch in "（(“‘《":
            depth += 1
        elif ch in "）)”’》":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            out.append((s[start:i], start))
            start = i + 1
    out.append((s[start:], start))
    return [(p, o) for p, o in out if p]


_AND = re.compile(r"以及|和|及|与")
_MEASURE = re.compile(rf"(?P<etc>等)?(?P<n>{NUM})(?P<m>个|家|名|位|人|所)(?P<noun>[{HAN}（）()]{{0,12}})$")


@dataclass
class _Group:
    items: list[tuple[_Item, int]]          # with the offset of each name in the text read
    stated: int | None = None
    exact: bool = False                     # the number stands right after the names (5家单位为)
    first_named: bool = False               # …等N个: only the first are named
    noun: str = ""                          # what the number counts (单位, 先进集体)
    measure: str = ""
    rank: str = ""
    award: str = ""
    count_at: int = 0


def _names(seg: str, hint: str | None) -> list[tuple[_Item, int]] | None:
    """Every piece of seg read as a name (A、B和C), or None."""
    out = []
    for piece, off in _split_top(seg):
        item = read_name(piece, hint)
        if item is not None:
            out.append((item, off))
            continue
        for m in _AND.finditer(piece):
            a, b = read_name(piece[:m.start()], hint), read_name(piece[m.end():], hint)
            if a and b:
                out += [(a, off), (b, off + m.end())]
                break
        else:
            return None
    return out or None


def names_group(seg: str, hint: str | None = None, modifier: bool = True) -> _Group | None:
    """Names, maybe closed by a number: `A、B`, `A等80个先进集体`, `A、B和C3名同志`; in a sentence, after
    what qualifies them (…成绩突出的A等35个)."""
    seg = squash(seg)
    m = _MEASURE.search(seg)
    g = _Group([])
    if m and m.start() > 0:
        g.stated, g.first_named, g.exact = cn_int(m["n"]), bool(m["etc"]), not m["etc"]
        g.noun, g.measure, g.count_at = m["noun"], m["m"], m.start()
        mk = {"名": "person", "位": "person", "人": "person", "家": "org", "所": "org"}.get(m["m"]) or noun_kind(m["noun"])
        hint = mk or hint
        seg = seg[:m.start()]
    elif m:
        return None
    else:
        e = re.search(r"等(?:单位|集体|同志|人员|个人)?$", seg)
        if e and e.start() > 0:          # A、B等 (同志): the first named, their number not stated
            g.first_named, g.noun, g.count_at = True, e.group()[1:], e.start()
            mk = noun_kind(g.noun) if g.noun != "同志" else "person"
            hint = mk or hint
            seg = seg[:e.start()]
    base = 0
    k = seg.rfind("的") if modifier else -1
    if k >= 0:
        base, seg = k + 1, seg[k + 1:]
    items = _names(seg, hint)
    if not items:
        return None
    g.items = [(it, off + base) for it, off in items]
    return g


def names_groups(seg: str, hint: str | None = None) -> list[_Group] | None:
    """One or more groups joined by 和: `A等80个先进集体和B等170名先进个人`."""
    g = names_group(seg, hint)
    if g:
        return [g]
    for m in _AND.finditer(seg):
        left = seg[:m.start()]
        if not (_MEASURE.search(left) or re.search(r"等(?:单位|集体|同志|人员|个人)?$", left)):
            continue
        a, rest = names_group(left, hint), names_groups(seg[m.end():], hint)
        if a and rest:
            for r in rest:
                r.items = [(it, off + m.end()) for it, off in r.items]
                r.count_at += m.end()
            return [a] + rest
    return None


# ---------------------------------------------------------------- the decision sentence

TRIGGER = re.compile(r"授予|追授|给予|推荐|确定|同意|决定|对")
_MIDDLE = re.compile(r"(?:被)?(?:评为|荣获|获得|命名为|确定为|为)")
_ACT = re.compile(r"予以(?:通报)?(?:表彰|表扬|嘉奖|奖励|记功)(?:奖励)?")
_AWARD_CUT = re.compile(r"并(?:颁发|给予|奖励|发放|予以)|同时")
_AWARD_START = re.compile(rf"^(?:全国|全省|全市|全区|全县|省|市|县|区|国家|中央|第|“|\d|优秀|先进|[{HAN}]{{0,6}}(?:奖|嘉奖|记功|表扬|表彰))")
_NOUN_START = re.compile(r"^(?:单位|集体|同志|人士|个人|学生|教师|职工|干部|企业|学校|家庭|组织)")


def clauses(text: str) -> list[tuple[str, int]]:
    """Clauses of a sentence run: cut at ，；。：！？ outside brackets and quotes (the count resets at 。)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(“":
            depth += 1
        elif ch in "）)”":
            depth = max(0, depth - 1)
        if ch in "。！？":
            depth = 0
        if ch in "，；。：！？,;:" and depth == 0:
            out.append((text[start:i], start))
            start = i + 1
    out.append((text[start:], start))
    return [(c, o) for c, o in out if c]


def _finish(groups: list[_Group], award: str, posthumous: bool = False) -> list[_Group]:
    award = _AWARD_CUT.split(award)[0]
    for g in groups:
        g.award = award or g.noun
        g.rank = rank_of(award, posthumous) if award else rank_of(g.noun, posthumous)
    return groups


def _names_then_award(body: str, trig: str | None) -> list[_Group] | None:
    """`A、B“X”称号`, `A等10人第八届…奖`, `A同志“X”称号`, `A、B集体嘉奖`: where the names end."""
    # the award opens with a quote
    k = next((i for i, ch in enumerate(body) if ch == "“" and body[:i].count("（") == body[:i].count("）")), -1)
    if k > 0 and award_like(body[k:]):
        groups = names_groups(body[:k], noun_kind(body[k:]))
        if groups and (trig or all(g.first_named for g in groups)):
            return _finish(groups, body[k:], trig == "追授")
    # …等N人 then the award
    m = re.search(rf"等{NUM}[个家名位人所]", body)
    if m:
        rest = body[m.end():]
        n = _NOUN_START.match(rest)
        cut = m.end() + (n.end() if n else 0)
        if award_like(body[cut:]) or (n is None and award_like(rest)):
            groups = names_groups(body[:cut], noun_kind(body[cut:]))
            if groups:
                return _finish(groups, body[cut:], trig == "追授")
    if not trig:
        return None
    # …同志 then the award
    k = body.rfind("同志")
    if k > 0 and award_like(body[k + 2:]):
        groups = names_groups(body[:k + 2], "person")
        if groups:
            return _finish(groups, body[k + 2:], trig == "追授")
    # the last name runs into the award: the longest body's name, or a person's name before the award's start
    pieces = _split_top(body)
    last, off = pieces[-1]
    cuts = [j for j in range(len(last) - 2, 1, -1) if _is_org(last[:j])]
    cuts += [j for j in (2, 3, 4) if j < len(last) - 1 and _is_person(last[:j], None) and _AWARD_START.match(last[j:])]
    for j in cuts:
        tail = last[j:]
        if award_like(tail):
            groups = names_groups(body[:off + j], noun_kind(tail))
            if groups:
                return _finish(groups, tail, trig == "追授")
    return None


def _parse_from(c: str, st: int, trig: str | None) -> list[_Group] | None:
    body = c[st:]
    if trig == "对":
        m = _ACT.search(body)
        if not m:
            return None
        groups = names_groups(body[:m.start()])
        if not groups:
            return None
        act = m.group()[2:]
        for g in groups:
            g.award = g.noun if award_like(g.noun) else act
            g.rank = rank_of(g.award)
        return groups
    for m in _MIDDLE.finditer(body):
        award = _AWARD_CUT.split(body[m.end():])[0]
        if m.start() == 0 or not award_like(award) or not AWARD_END.search(award):
            continue
        groups = names_groups(body[:m.start()], noun_kind(award))
        if groups:
            return _finish(groups, award)
    if trig in (None, "授予", "追授", "给予"):
        return _names_then_award(body, trig)
    return None


def parse_clause(c: str) -> list[_Group]:
    """The recipients a clause names, in groups by award; [] when it names none."""
    starts = [(0, None)] + [(m.end(), m.group()) for m in TRIGGER.finditer(c)]
    for st, trig in sorted(starts, key=lambda x: -x[0]):
        got = _parse_from(c, st, trig)
        if got:
            for g in got:
                g.items = [(it, off + st) for it, off in g.items]
                g.count_at += st
            return got
    return []


# ---------------------------------------------------------------- reading a document

@dataclass
class _List:
    source: str | int          # "text" (the body) or the annex number
    title: str
    award: str
    edition: str | None
    rank: str
    group: str | None
    items: list[_Item] = field(default_factory=list)
    stated: int | None = None
    first_named: bool = False
    inline: bool = False
    key: str = ""
    label: str = ""


@dataclass
class _Scope:
    """A number the text states, and the lists it counts."""
    stated: int
    line: int
    what: str
    lists: list[_List] = field(default_factory=list)
    exact: bool = False
    kind: str | None = None    # count only persons or only bodies
    source: str | int = ""


HEADING = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))\s*(?P<rest>.+)$")
COUNT_TAIL = re.compile(rf"[（(]\s*(?:共计?|计|合计)?\s*(?P<n>{NUM})\s*(?P<m>个|家|名|人|位|项|所)\s*[）)][：:]?$")
GRANT_HEAD = re.compile(r"^(?P<trig>授予|追授|给予)(?:下列|以下)(?P<who>(?:外国|外籍)?(?:人士|同志|单位|集体|个人|人员|同学)?)"
                        r"(?P<award>.*?)[：:]$")
RANK_PREFIX = re.compile(r"^(?P<rank>[^：:，,。、；（）()“”\s]{2,16}(?:[（(][^（）()]{1,10}[）)])?)[：:](?P<rest>.*)$")
TABLE_HEAD_WORDS = {"序号", "姓名", "单位", "名称", "学校", "职务", "性别", "民族", "备注", "工作单位", "单位名称",
                    "所在单位", "单位及职务", "获奖者", "获奖单位", "所在学校"}
HEAD_WORD = re.compile(r"^(?:序号|编号|姓名|名称|单位|学校|职务|职称|性别|民族|备注|类别|地区|代码|项目|奖项|等次|获奖)")
LIST_TITLE = re.compile(r"(?:名单|名录)(?:[（(][^（）()]*[）)])?$")
COMMEND_TITLE = re.compile(r"表彰|表扬|嘉奖|授予|追授|记功|命名|荣誉称号|勋章|奖章|获奖|评选结果|奖励|先进(?:单位|集体|个人|工作者)")
NOT_COMMEND = re.compile(r"印发|颁发|办法|规定|条例|细则|实施方案|规则|制度|意见")
NOTICE_TITLE = re.compile(r"(?:公示|公告|通知|通报)$")
LIST_INTRO = re.compile(r"(?:如下|名单|下列|以下|表彰|表扬|授予|追授|嘉奖|奖励|命名|奖|称号|单位|集体|个人|同志|人士)[^。；]*[：:]$")
NOTICE_BODY = re.compile(r"推荐|拟(?:表彰|授予|命名|推荐)|评选出|授予")


def subject(title: str) -> str:
    """What a commendation document's title commends: …关于表彰X的决定 -> X."""
    t = re.sub(r"《[^《》]*》", "", squash(title))
    t = t.split("关于", 1)[-1]
    t = re.sub(r"的(?:决定|通报|通知|公告|公示|命令|批复|意见)$", "", t)
    t = re.sub(r"^(?:表彰|表扬|授予|追授|命名|给予|奖励|公布)", "", t)
    return t or squash(title)


def is_commendation(doc) -> bool:
    """A document that commends: its title says so (表彰, 授予…称号, 嘉奖 …), an annex is a prize list, or
    a 公示 / 公告 of those proposed for an award (推荐 … 为 …先进集体)."""
    title = re.sub(r"《[^《》]*》", "", squash(doc.title))
    if COMMEND_TITLE.search(title) and (not NOT_COMMEND.search(title) or "名单" in title):
        return True
    if any(is_award_list(squash(a.title)) for a in doc.annexes):
        return True
    if NOTICE_TITLE.search(title):
        body = "".join(p.text for p in doc.paragraphs)
        return bool(NOTICE_BODY.search(body)) and any(parse_clause(c) for c, _ in clauses(squash(body)))
    return False


def _body_lines(doc) -> list[tuple[int, str]]:
    out = []
    for p in doc.paragraphs:
        cuts = [off for off, _ in p.line_map] + [len(p.text)]
        for (off, no), end in zip(p.line_map, cuts[1:]):
            if p.text[off:end].strip():
                out.append((no, p.text[off:end]))
    return out


def _width(sources: list[list[tuple[int, str]]]) -> int:
    """The printed line width: the commonest width of the body's lines (prose fills its lines; a list's
    lines are as long as their names), else of every line."""
    from collections import Counter
    body = [display_width(t.strip()) for _, t in sources[0] if display_width(t.strip()) >= 12]
    ws = body if len(body) >= 2 else [display_width(t.strip()) for lines in sources for _, t in lines
                                      if display_width(t.strip()) >= 12]
    if not ws:
        return 10 ** 6
    c = Counter(ws)
    top = max(c.values())
    return max(w for w, k in c.items() if k == top)


_CONT_START = tuple("、，。；：）)》”·•・-－")


def logical_lines(lines: list[tuple[int, str]], width: int) -> list[tuple[str, list[int]]]:
    """Lines joined where the print wrapped them: after a full line, or before a line that opens with a
    mark no line opens with; never across a heading, a rank before a colon, or a line of cells."""
    out: list[tuple[str, list[int]]] = []
    prev_raw = None
    for no, raw in lines:
        t = tidy(raw)
        if not t:
            continue
        if out and prev_raw is not None and _continues(out[-1][0], prev_raw, t, width):
            text, nos = out[-1]
            out[-1] = (text + t, nos + [no] * len(t))
        else:
            out.append((t, [no] * len(t)))
        prev_raw = t
    return out


def _continues(prev: str, prev_raw: str, nxt: str, width: int) -> bool:
    if HEADING.match(nxt) or (RANK_PREFIX.match(nxt) and noun_or_rank(RANK_PREFIX.match(nxt)["rank"])):
        return False
    if is_date_line(nxt) or is_date_line(prev_raw) or LIST_TITLE.search(prev_raw) or NOTE_RE.match(prev_raw):
        return False
    if " " in prev_raw or " " in nxt:
        return False
    if prev.endswith(("。", "；", "：", ":", "！", "？")):
        return False
    if HEADING.match(prev) and prev.endswith(("）", ")")):
        return False
    if prev.endswith(("、", "，", ",")) or nxt.startswith(_CONT_START) \
            or (nxt.startswith(("（", "(")) and not NOTE_RE.match(nxt)):      # a note after the name above
        return True
    if display_width(prev_raw) < width - 6:
        return False
    # a full line wraps: a line of names separated by 、 that does not end with 、 was cut inside a name;
    # but names one a line are two lines that are each a whole name
    if "、" in prev or "、" in nxt:
        return True
    return not (read_name(prev_raw) is not None and read_name(nxt.rstrip("。；")) is not None)


def noun_or_rank(text: str) -> bool:
    return award_like(text) or noun_kind(text) is not None


class _Reader:
    """The lists and decision sentences of one document."""

    def __init__(self, doc, path: str):
        self.doc, self.path = doc, path
        self.lists: list[_List] = []
        self.scopes: list[_Scope] = []
        self.mentions: list[tuple[_Group, list[int], str | int]] = []   # first-named groups in a document with lists
        self.problems: list[ReviewItem] = []
        self.problem_sources: set = set()

    # -- one source: the body, or one annex
    def read_source(self, source, lines, title: str | None, width: int) -> None:
        self.source = source
        title = title if title and LIST_TITLE.search(squash(title)) else None
        self.set_title(title)
        self.in_list = bool(title)
        self.head_rank = self.group = self.prefix = None
        self.head_hint = self.prefix_hint = None
        self.open_scopes: dict[int, _Scope] = {}
        self.current: _List | None = None
        self.last_row: _Item | None = None
        self.numbered = None          # the numbering of the names listed one per numbered line
        prose: list[tuple[str, list[int]]] = []
        logical = logical_lines(lines, width)
        for k, (text, nos) in enumerate(logical):
            nxt = logical[k + 1][0] if k + 1 < len(logical) else None
            if self.structure(text, nos, nxt):
                self.flush(prose)
                prose = []
                continue
            prose.append((text, nos))
            # a sentence that announces a list (…名单如下：) opens one; any other sentence closes it
            self.in_list = bool(LIST_INTRO.search(squash(text)))
            self.last_row = None
        self.flush(prose)

    def set_title(self, title: str | None) -> None:
        """The list's title gives the award, the edition and, lacking headings, the rank; a list with no
        title of its own takes them from what the document's title commends."""
        if title:
            t = squash(title)
            self.list_title = t
            self.award, self.edition, self.title_rank = _title_parts(t)
            self.title_hint = noun_kind(LIST_SUFFIX.sub("", re.sub(r"[（(][^（）()]*[）)]$", "", t)))
        else:
            self.list_title = squash(self.doc.title)
            self.award = subject(self.doc.title)
            m = EDITION_RE.search(self.award)
            self.edition, self.title_rank, self.title_hint = (m.group(0) if m else None), "", noun_kind(self.award)

    def hint(self) -> str | None:
        return self.prefix_hint or self.head_hint or self.title_hint

    def rank(self) -> str:
        return self.prefix or self.head_rank or self.title_rank or rank_of(self.award)

    def open_scope(self, level: int, n: int, line: int, what: str) -> None:
        sc = _Scope(n, line, what, source=self.source)
        self.scopes.append(sc)
        self.open_scopes = {lv: s for lv, s in self.open_scopes.items() if lv < level}
        self.open_scopes[level] = sc

    def add(self, items: list[_Item]) -> None:
        rank, group = self.rank(), self.group
        cur = self.current
        if cur is None or cur.rank != rank or cur.group != group or cur.source != self.source:
            cur = _List(self.source, self.list_title, self.award, self.edition, rank, group)
            self.lists.append(cur)
            self.current = cur
            for sc in self.open_scopes.values():
                sc.lists.append(cur)
        cur.items += items

    # -- a line that is part of a list's structure; False for a line of prose
    def structure(self, text: str, nos: list[int], nxt: str | None) -> bool:
        t = squash(text)
        line = nos[0]
        if is_date_line(t):
            return False
        if LIST_TITLE.search(t) and len(t) <= 80 and not re.search(r"[。；，]", t) and not t.startswith(("附件", "附")):
            self.set_title(t)
            self.in_list, self.head_rank, self.group, self.prefix = True, None, None, None
            self.head_hint = self.prefix_hint = None
            self.current = None
            self.open_scopes = {}
            m = COUNT_TAIL.search(t)
            if m:
                self.open_scope(0, cn_int(m["n"]), line, t)
            return True
        h = HEADING.match(t)
        if h and self.heading(h["num"], h["rest"], t, nos, nxt):
            return True
        if not h and GRANT_HEAD.match(t):
            return self.heading("", t, t, nos, nxt)
        if NOTE_RE.match(t):
            m = COUNT_TAIL.fullmatch(t)
            if m and self.in_list:
                self.open_scope(0, cn_int(m["n"]), line, t)
            return self.in_list or bool(re.search(r"排序|先后|排名", t))
        if t.startswith(("注：", "注:", "说明：")):
            return self.in_list
        r = RANK_PREFIX.match(t)
        if r and noun_or_rank(r["rank"]) and not TRIGGER.search(r["rank"]):
            rest = r["rest"]
            rank = re.sub(r"[（(][^（）()]*[）)]$", "", r["rank"])
            if not rest:
                self.prefix, self.prefix_hint, self.in_list = rank_of(rank), noun_kind(rank), True
                self.current = None
                return True
            old = (self.prefix, self.prefix_hint)
            self.prefix, self.prefix_hint = rank_of(rank), noun_kind(rank)
            cut = len(text) - len(text.lstrip()) + max(text.find("："), text.find(":")) + 1
            items = self.names_line(text[cut:], nos[cut:] or nos, strict=True)
            if items is not None:
                self.in_list = True
                self.add(items)
                return True
            self.prefix, self.prefix_hint = old
            if self.list_like(squash(text[cut:])):
                self.problem(t, nos)
                return True
        # a body's name alone on the line before a date is a signature, not a recipient
        if nxt is not None and is_date_line(squash(nxt)) and _is_org(t):
            return False
        items = self.names_line(text, nos, strict=self.in_list)
        if items is not None:
            self.add(items)
            return True
        if self.in_list and self.list_like(t):
            self.problem(t, nos)
            return True
        return False

    def problem(self, t: str, nos: list[int]) -> None:
        """A line of a list that cannot be read as names: to review, and its list held back with it."""
        self.problems.append(ReviewItem("row", f"{self.doc.key} awards line {nos[0]}",
                                        f"a line of the list that does not read as names: '{t[:40]}'",
                                        sorted(set(nos)), nos[0], t, self.doc.key))
        self.problem_sources.add(self.source)

    def heading(self, num: str, rest: str, t: str, nos: list[int], nxt: str | None) -> bool:
        """A heading of the list: the award or rank of what follows (一、先进单位（15家）, 一、授予下列人士
        “共和国勋章”：), or a part of it (（一）县（市、区）政府办公室); or a numbered name."""
        level = 1 if not num or num.endswith("、") and not num[0].isdigit() else 2 if num.startswith(("（", "(")) else 3
        g = GRANT_HEAD.match(rest)
        if g:
            award = g["award"] or g["who"]
            self.head_rank = rank_of(award, g["trig"] == "追授")
            self.head_hint = noun_kind(g["who"]) or noun_kind(award)
            self.award = squash(award).strip("“”") or self.award
            self.prefix = self.prefix_hint = None
            if level == 1:
                self.group = None
            self.in_list, self.current = True, None
            self.open_scopes = {lv: s for lv, s in self.open_scopes.items() if lv < level}
            return True
        m = COUNT_TAIL.search(rest)
        core = rest[:m.start()] if m else rest.rstrip("：:")
        if not core or re.search(r"[。；，]", core) or len(core) > 40:
            return False
        # a numbered list of names (1. A 2. B): the next line is numbered the same way
        nh = HEADING.match(squash(nxt)) if nxt else None
        style = (num[0].isdigit(), num[0] in "（(", num[-1])
        same = nh is not None and (nh["num"][0].isdigit(), nh["num"][0] in "（(", nh["num"][-1]) == style
        if (same or self.numbered == style) and not m:
            item = read_name(core, self.hint())
            if item is not None:
                item.lines = sorted(set(nos))
                self.add([item])
                self.in_list, self.numbered = True, style
                return True
        self.numbered = None
        if award_like(core) and not TRIGGER.search(core):
            self.head_rank, self.head_hint = rank_of(core), noun_kind(core)
            if level == 1:
                self.group = None
        elif self.in_list or rest.endswith(("：", ":")) or m or (nxt and self.reads_as_names(nxt)):
            self.group = core
            if level == 1:
                self.head_rank = self.head_hint = None
        else:
            return False
        self.prefix = self.prefix_hint = None
        self.in_list, self.current = True, None
        self.open_scopes = {lv: s for lv, s in self.open_scopes.items() if lv < level}
        if m:
            self.open_scope(level, cn_int(m["n"]), nos[0], t)
        return True

    def reads_as_names(self, text: str) -> bool:
        t = squash(text).rstrip("。；;")
        r = RANK_PREFIX.match(t)
        if r and noun_or_rank(r["rank"]):
            return True
        g = names_group(t, self.hint(), modifier=False)
        return g is not None and g.stated is None

    def list_like(self, t: str) -> bool:
        """A line of the list that fails to read as names: most of its pieces are names, and it holds no
        sentence (a prose line in a list's place is prose, not a broken row)."""
        if len(t) > 120 or TRIGGER.search(t) or re.search(r"[。！？]", t.rstrip("。")) \
                or re.search(r"\d{4}年|\d{5,}|印发|电话|联系|地址|邮编", t):
            return False
        if re.search(r"[：:]", t):
            return False
        pieces = [p for p, _ in _split_top(t, "、，,；; ")]
        named = sum(1 for p in pieces if read_name(p, self.hint()))
        return len(pieces) >= 2 and named >= 2 and 3 * named >= 2 * len(pieces)

    def names_line(self, text: str, nos: list[int], strict: bool) -> list[_Item] | None:
        """The recipients of one list line: A、B、C; A B (cells); 姓名 单位 (a row); or None."""
        hint = self.hint()
        t = text.strip().rstrip("。；;")
        if not t:
            return None
        if " " in t:
            return self.row(t, nos, hint, strict)
        if not strict and (TRIGGER.search(t) or re.search(r"[，,；;]", t)):
            return None         # outside a list, only a line of names separated by 、 reads as one
        if self.last_row is not None and "、" not in t and read_name(t, hint) is None \
                and _is_org(self.last_row.unit + t):
            self.last_row.unit += t          # a unit wrapped onto the next line
            self.last_row.lines = sorted(set(self.last_row.lines + nos))
            return []
        g = names_group(t, hint, modifier=False)
        if g is None or g.stated is not None:
            return None
        if not strict and len(g.items) < 2:
            return None
        out = []
        for it, off in g.items:
            it.lines = sorted(set(nos[off:off + len(it.name)] or nos[:1]))
            out.append(it)
        self.last_row = None
        return out

    def row(self, t: str, nos: list[int], hint: str | None, strict: bool) -> list[_Item] | None:
        tokens = [x for x in re.split(r"\s+", t) if x]
        if tokens and re.fullmatch(r"\d{1,3}[.、．]?", tokens[0]):
            tokens = tokens[1:]
        elif tokens and re.match(rf"\d{{1,3}}[.、．]?(?=[{HAN}])", tokens[0]):
            tokens[0] = re.sub(r"^\d{1,3}[.、．]?", "", tokens[0])
        if not tokens:
            return None
        if all(x in TABLE_HEAD_WORDS or HEAD_WORD.search(x) for x in tokens):
            return []            # the header row of a table
        lines = sorted(set(nos))
        kinds = [_kind(x, hint) for x in tokens]
        if len(tokens) >= 2 and all(k == "org" for k in kinds) or all(k == "person" for k in kinds) and len(tokens) >= 2:
            out = [read_name(x, hint) for x in tokens]
            if all(out):
                for it in out:
                    it.lines = lines
                self.last_row = None
                return out
        # a person's row: name, then (annotations,) the unit; or the unit first
        people = [i for i, x in enumerate(tokens) if _is_person(x, "person")]
        if len(people) >= 1 and len(tokens) >= 2:
            i = people[0]
            others = tokens[:i] + tokens[i + 1:]
            notes = [x for x in others if re.fullmatch(rf"女|男|[{HAN}]{{1,6}}族|中共党员|群众", x)]
            units = [x for x in others if x not in notes]
            if len(units) == 1 and (_is_org(units[0]) or UNIT_POST.search(units[0]) and len(units[0]) >= 4):
                it = _Item(tokens[i], True, "，".join(notes) or None, units[0], lines)
                self.last_row = it
                return [it]
        if len(tokens) == 1:
            return self.names_line(tokens[0], nos, strict)
        return None

    # -- prose: the decision sentences
    def flush(self, prose: list[tuple[str, list[int]]]) -> None:
        if not prose:
            return
        text, nos = "", []
        for t, n in prose:
            for ch, no in zip(t, n):
                if not ch.isspace():
                    text += ch
                    nos.append(no)
        for c, off in clauses(text):
            if "《" in c or "》" in c:
                c2 = re.sub(r"《[^《》]*》?", lambda m: "　" * len(m.group()), c)
            else:
                c2 = c
            for g in parse_clause(c2):
                items = []
                for it, o in g.items:
                    a = off + o
                    it.lines = sorted(set(nos[a:a + len(it.name)] or nos[a:a + 1]))
                    items.append(it)
                if not items:
                    continue
                line = nos[off + g.count_at] if g.stated is not None and off + g.count_at < len(nos) else items[0].lines[0]
                if g.first_named:
                    self.mentions.append((g, [line], self.source))
                lst = _List(self.source, squash(self.doc.title), g.award, (EDITION_RE.search(g.award) or [None])[0],
                            g.rank, None, [it for it, _ in g.items], stated=g.stated, first_named=g.first_named,
                            inline=True)
                self.lists.append(lst)
                if g.stated is not None and not g.first_named:
                    self.scopes.append(_Scope(g.stated, line, f"{g.stated}{g.measure}{g.noun}", [lst], exact=True,
                                              source=self.source))

    # -- after every source
    def doc_totals(self) -> None:
        """受表彰的2家单位 / 受到表扬的N名同志: counts every recipient of that kind in the document (not where
        the document names only the first of its recipients)."""
        if any(l.first_named for l in self.lists):
            return
        body = "".join(p.text for p in self.doc.paragraphs)
        for m in re.finditer(rf"受(?:到)?(?:表彰|表扬|嘉奖|奖励)的(?P<n>{NUM})(?P<m>家|个|名|位)(?P<noun>单位|集体|同志|个人|人)",
                             squash(body)):
            kind = "person" if m["m"] in "名位" or m["noun"] in ("同志", "个人", "人") else "org"
            line = self.doc.paragraphs[0].lines[0]
            spaced = re.compile(r"\s*".join(map(re.escape, m.group())))
            for p in self.doc.paragraphs:
                found = spaced.search(p.text)
                if found:
                    line = p.line_at(found.start())
                    break
            self.scopes.append(_Scope(cn_int(m["n"]), line, m.group(), [l for l in self.lists if not l.first_named],
                                      kind=kind, source="text"))


def _count(sc: _Scope) -> int:
    return sum(1 for lst in sc.lists for it in lst.items if sc.kind is None or (it.person == (sc.kind == "person")))


def read_award_tables(doc, path: str = "") -> AwardTables:
    """Every recipient a commendation document names, with the checks of the numbers it states."""
    out = AwardTables([], [], [])
    if not is_commendation(doc):
        return out
    r = _Reader(doc, path)
    sources = [("text", _body_lines(doc), None)]
    for n, annex in enumerate(doc.annexes, 1):
        sources.append((n, list(annex.lines), annex.title))
    width = _width([s[1] for s in sources])
    for source, lines, title in sources:
        r.read_source(source, lines, title, width)
    r.doc_totals()
    lists = [l for l in r.lists if l.items]
    printed = [l for l in lists if not l.inline]
    # a first-named group names the first of a list printed apart: it is a check of that list, not a list
    if printed:
        kept = []
        names = {it.name for l in printed for it in l.items}
        for l in lists:
            if l.inline and l.first_named:
                continue
            if l.inline:
                l.items = [it for it in l.items if it.name not in names]
                if not l.items:
                    continue
            kept.append(l)
        lists = kept
        for g, lines, source in r.mentions:
            # the list it names: the part of a list under a heading, or a whole list, that opens with that name
            first = g.items[0][0].name
            counted = next((sc.lists for sc in r.scopes if not sc.exact and sc.kind is None and sc.lists
                            and sc.lists[0].items and sc.lists[0].items[0].name == first), None)
            if counted is None:
                lst = next((l for l in printed if l.items[0].name == first), None)
                same = [l for l in printed if lst is not None and l.source == lst.source]
                counted = (same if same and lst is same[0] else [lst]) if lst is not None else []
            shown = "…" if g.items[0][0].person else first     # a person's name stays out of the messages
            r.scopes.append(_Scope(g.stated, lines[0], f"{shown}等{g.stated}{g.measure}{g.noun}", counted,
                                   source=source))
    # keys: one award per list; an annex with one list keeps the annex's number
    by_source: dict = {}
    for l in lists:
        by_source.setdefault(l.source, []).append(l)
    for source, ls in by_source.items():
        for j, l in enumerate(ls, 1):
            if source == "text":
                l.key = f"{doc.key}#text-{j}"
            else:
                l.key = f"{doc.key}#{source}" if len(ls) == 1 else f"{doc.key}#{source}-{j}"
            several = len(ls) > 1 and len({(x.rank, x.group) for x in ls}) > 1
            l.label = (f"{l.title}（{l.group + '：' if l.group else ''}{l.rank}）" if several and not l.inline
                       else l.title if not l.inline else f"{l.title}（{l.rank}）")
    # the numbers stated, checked
    held: set[int] = set()
    seen = set()
    for sc in r.scopes:
        sc.lists = [l for l in sc.lists if l in lists]
        key = (tuple(id(l) for l in sc.lists), sc.stated, sc.kind)
        if key in seen:
            continue
        seen.add(key)
        parsed = _count(sc)
        what = (sc.lists[0].label if len(sc.lists) == 1 else sc.lists[0].title) if sc.lists else squash(doc.title)
        ok = parsed == sc.stated
        check = {"check": f"{what}: {sc.what}", "file": path, "line": sc.line, "stated": sc.stated, "parsed": parsed,
                 "ok": ok, "message": f"the text states {sc.what} {'and' if ok else 'but'} {parsed} recipients of "
                                      f"{what} were read"}
        out.checks.append(check)
        if len(sc.lists) == 1 and sc.lists[0].stated is None and sc.kind is None:
            sc.lists[0].stated = sc.stated
        if ok:
            continue
        source_lists = [l for l in lists if l.source == sc.source and not l.inline]
        last_with_rows = source_lists[-1] if source_lists else None
        short_at_end = (parsed < sc.stated and not sc.exact and not r.problems
                        and (not sc.lists or last_with_rows in sc.lists or not source_lists))
        if short_at_end:
            # printed only in part: the entries read are published, the shortfall goes to review
            out.review.append(ReviewItem(
                "table total", f"{doc.key} awards: {what}",
                check["message"] + (f" — the {parsed} read are certain and published; the rest of the list is not in the text"
                                    if parsed else " — the text prints no recipient of it"),
                [sc.line], sc.line, {"list": what, "stated": sc.stated, "read": parsed}, doc.key))
            continue
        # any other disagreement holds the lists it counts back
        rows = list(sc.lists)
        for l in rows:
            held.add(id(l))
        lines = sorted({no for l in rows for it in l.items for no in it.lines} | {sc.line})
        out.review.append(ReviewItem("table rows", f"{doc.key} awards: {what}", check["message"], lines, sc.line,
                                     [_entry(l, it, k, doc) for l in rows for k, it in enumerate(l.items, 1)], doc.key))
    out.review += r.problems
    if r.problems:
        # the lists printed with a line that cannot be read are held back whole
        for l in lists:
            if l.inline or id(l) in held:
                continue
            span = [no for it in l.items for no in it.lines]
            if span and l.source in r.problem_sources:
                held.add(id(l))
                out.review.append(ReviewItem("table rows", f"{doc.key} awards: {l.label}",
                                             "held back with a line of its list that cannot be read",
                                             sorted(set(span)), span[0],
                                             [_entry(l, it, k, doc) for k, it in enumerate(l.items, 1)], doc.key))
    for l in lists:
        if id(l) in held:
            continue
        for k, it in enumerate(l.items, 1):
            out.entries.append(_entry(l, it, k, doc))
    return out


def _entry(l: _List, it: _Item, k: int, doc) -> AwardEntry:
    return AwardEntry(list_key=l.key, award=l.award, edition=l.edition, rank=l.rank, name=it.name, school=it.unit,
                      seq=k, notice=doc.key, list_title=l.label or l.title, line=it.lines[0] if it.lines else 0,
                      person=it.person, annotation=it.annotation, group=l.group, stated=l.stated,
                      lines=list(it.lines))


def read_awards(annex, doc, number: int) -> list[AwardEntry]:
    """The entries of one annex (kept for callers that read annex by annex)."""
    return [e for e in read_award_tables(doc).entries if e.list_key.split("#")[-1].split("-")[0] == str(number)]
