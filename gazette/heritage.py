"""Intangible-heritage lists (非物质文化遗产代表性项目名录): one record per inscribed item.

A list is found in an annex, or in a document's body, by its structure:

* its column header: 序号 / 编号 or 代码 / 项目名称 / 项目类别 / 申报地区或单位 / 保护单位 / 传承人 …, printed
  on one line, wrapped over several, or one column name per line;
* its title (…名录, …名单, possibly wrapped) and a stated total on the next line (（共计7项）);
* its category group headings (一、民间文学（共计12项）, 一、民间文学（30项，涉及31个申报地区或单位）), which
  give the category of the rows under them and their number; 序号 may restart in each group;
* a section or title naming 扩展项目: the rows that follow are extensions of items already listed
  (as is a row whose 备注 cell says 扩展).

In a document's body a list needs its header row; and a table is a heritage list only when its title
names 非物质文化遗产, a heading names a category, or a row reads as an item.

A row starts where its 序号 (the next number, or 1 again under a new heading) starts a line. Its cells
are told apart by what they hold, not by where they stand:

* anchored cells recognise themselves: the code (Ⅷ—41, VIII-41, 8-123, or a bare numeral Ⅷ / VII
  naming the category), the category (a current or former name, possibly wrapped over two lines,
  possibly with its numeral or code printed in the cell: 民间文学Ⅰ);
* the free cells between anchors (name, applicants, protection units, bearer) share what lies
  between: a space on one line always separates two cells; a line break may separate two cells or
  continue one. Among the ways to cut, the one whose cells read best wins: a name keeps its
  brackets balanced and does not end like a body, an applicant or protection unit ends like a body
  (…街道, …文化馆, …县) and is never a bare suffix (协会, 有限公司); on a tie, a wrapped line belongs
  to the name.

The category of a row comes from its category cell, else from the numeral of its code, else from
the group heading above it, else from the merged cell above (a category printed once for a run of
rows). A printed category that disagrees with the code's numeral or with its heading is a row that
cannot be read with certainty: it goes to `problems` (review), as does a row without a name, a
category or any applicant or protection unit, a row whose cells cannot be told apart and a code
printed twice in one list.

Stated totals (the list's （共计N项）, a heading's （N项）, the notice's 名录（共11项） or
“<first item>…”等N项) are checked against the rows read (`HeritageList.checks`). A list that reaches
them is published. A list that falls short, where every row read is certain and every group but the
last holds its stated number, is a list the text prints only in part: its rows are published and the
shortfall goes to review (`HeritageList.cut`). Any other disagreement holds the whole list back.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations_with_replacement
from math import comb
from pathlib import Path

from .review import ReviewItem
from .tables import Column
from .numerals import cn_int
from .text import tidy

ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10,
         "Ⅺ": 11, "Ⅻ": 12}
ASCII_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X",
               11: "XI", 12: "XII"}
ROMAN_VALUE = {v: k for k, v in ASCII_ROMAN.items()}
CODE_RE = re.compile(r"(?P<r>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[IVX]{1,4})\s*[—\-－–―]{1,2}\s*(?P<n>\d{1,4})")
# after NFKC folding (Ⅷ -> VIII, － -> -): a numeral (Roman, or the category's number) and a serial
_DASHES = r"\-—–―─~"
_CODE = re.compile(rf"(?P<r>[IVX]{{1,4}}|10|[1-9])\s*[{_DASHES}]{{1,2}}\s*(?P<n>\d{{1,4}})")
_NUMERAL = re.compile(r"[IVX]{1,4}")
BATCH_RE = re.compile(r"(?:第(?P<b>[一二三四五六七八九十\d]{1,3})|(?P<first>首))批")
LEVEL_RE = re.compile(r"(国家级|省级|市级|区级|县级|区县级)")

# printed column names -> the role of the cell
HEADER_ROLES: dict[str, str] = {
    "序号": "seq",
    "编号": "code", "项目编号": "code", "代码": "code", "项目代码": "code", "代号": "code",
    "项目类别": "category", "类别": "category", "分类": "category", "项目分类": "category", "门类": "category",
    "类型": "category", "分类(代码)": "category", "类别(代码)": "category", "分类及代码": "category",
    "所属类别": "category", "项目类型": "category", "所属门类": "category",
    "类别及代码": "category", "类别及编号": "category",
    "项目名称": "name", "名称": "name", "申报项目名称": "name", "申报项目": "name",
    "申报地区或单位": "applicant", "申报地区(单位)": "applicant", "申报单位": "applicant", "申报地区": "applicant",
    "申报县(区)": "applicant", "申报县(市、区)": "applicant", "申报县(市区)": "applicant", "申报地": "applicant",
    "申报主体": "applicant", "申报单位或地区": "applicant", "申报单位(地区)": "applicant", "申报地区及单位": "applicant",
    "项目申报单位": "applicant", "项目申报地区或单位": "applicant", "区县": "applicant", "区(县)": "applicant",
    "县(市、区)": "applicant", "所在区县": "applicant", "所在地区": "applicant",
    "保护单位": "protector", "项目保护单位": "protector", "申报及保护单位": "protector", "保护单位名称": "protector",
    "传承人": "bearer", "代表性传承人": "bearer",
    "备注": "note",
}
UNIT_ROLES = ("applicant", "protector")

# how a body's name ends (a cell of applicants or protection units)
UNIT_END = re.compile(r"(?:街道|社区|镇|乡|村|省|市|区|县|州|旗|盟|师|团|馆|站|中心|单位|局|委|会|学校|学院|大学|中学|小学"
                      r"|公司|厂|院|所|部|队|校|室|社|园|场|府|办事处|办|处|组|寺|庙|宫|观|基地|集团|店|坊|堂)$")
# how an item's name does not end
BODY_END = re.compile(r"(?:街道|社区|文化馆|文化站|图书馆|博物馆|纪念馆|人民政府|政府|委员会|办事处|管委会|协会|研究会|学会"
                      r"|公司|中心|学校|中学|小学|学院|大学|研究所|传习所|剧团|艺术团|集团|局)$")
# a body's name never is only its generic part
GENERIC_UNITS = {"文化馆", "文化站", "图书馆", "博物馆", "纪念馆", "人民政府", "政府", "文化中心", "委员会", "办事处",
                 "街道办事处", "管委会", "协会", "研究会", "学会", "公司", "有限公司", "有限责任公司", "股份有限公司",
                 "中心", "集团", "保护中心", "传习所", "研究所", "研究院", "群众艺术馆", "艺术馆", "综合文化站",
                 "文化服务中心", "村民委员会", "居民委员会", "村委会", "居委会", "管理委员会", "非物质文化遗产保护中心",
                 "中学", "小学", "学校", "医院", "剧团", "剧院", "学院", "大学", "工厂", "酒厂", "商会", "办公室"}

TOTAL_LINE = re.compile(r"^[（(](?P<pre>[^（）()]*?)(?:共计|共)?\s*(?P<n>\d+)\s*项(?P<post>[^（）()]*)[）)]$")
HEADING = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]"
                     r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*[、.．]?)?\s*"
                     r"(?P<body>[^（()）]+?)\s*(?:[（(](?P<info>[^()（）]*)[)）])?$")
COUNT_IN = re.compile(r"(\d+)\s*项")
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
STOP_START = re.compile(r"^(?:注|备注|说明)\s*[:：]|^特此|^附件\s*\d*\s*[:：]?\s*$|^[（(]此件")
SEQ_START = re.compile(r"^(\d{1,4})[.．、]?(?:\s|$)")
GLUED_SEQ = re.compile(r"^(\d{1,4})(?=[\u4e00-\u9fff“（(])")    # 1卢沟桥传说: a space lost in extraction
HEADERISH = re.compile(r"^序\s*号")                             # a header row of another table
IGNORED = re.compile(r"^[（(]?续(?:上)?表[）)]?$")                  # a continued table's mark


@dataclass
class Category:
    numeral: str
    number: int
    name: str
    name_en: str
    former: tuple[str, ...]


@dataclass
class HeritageItem:
    list_key: str
    seq: int
    code_printed: str
    code: str                 # VIII-41
    name: str
    sub_items: list[str]
    category: str
    category_number: int
    applicants: list[str]     # the applicant cell; in a list without one, the protection units
    batch: str | None
    batch_number: int | None
    level: str | None
    notice: str
    list_title: str
    lines: list[int]
    extension: bool = False   # a 扩展项目 (an extension list or section, or 扩展 in the row's 备注 cell)
    protection_units: list[str] = field(default_factory=list)


@dataclass
class Group:
    """A category group heading (一、民间文学（共计12项）) and the rows under it."""
    category: Category | None
    heading: str
    line: int
    stated: int | None
    rows: int = 0


@dataclass
class HeritageList:
    key: str
    title: str
    title_lines: list[int]
    extension: bool
    items: list[HeritageItem] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    totals: list[tuple[int, int, str]] = field(default_factory=list)   # (stated, line, as printed) inside the list
    problems: list[dict] = field(default_factory=list)                 # rows of this list that cannot be read
    lines: list[int] = field(default_factory=list)                     # every line the list holds
    has_header: bool = False
    is_heritage: bool = False      # its title names 非物质文化遗产 (or 非遗)
    checks: list[dict] = field(default_factory=list)
    cut: ReviewItem | None = None  # the list is printed only in part: its rows are published, the shortfall reviewed


# ---------------------------------------------------------------- categories

def load_categories(directory: Path) -> list[Category]:
    """The ten categories, with the other names they are printed under (heritage-category-names.csv)."""
    out = []
    with open(directory / "heritage-categories.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.append(Category(row["numeral"], int(row["arabic"]), row["name"], row["name_en"],
                                tuple(x for x in (row.get("former_names") or "").split("|") if x)))
    names = directory / "heritage-category-names.csv"
    if names.exists():
        by_name = {c.name: c for c in out}
        with open(names, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                c = by_name.get(row["category"])
                if c is not None and row["name"] and row["name"] not in c.former:
                    c.former = c.former + (row["name"],)
    return out


def category_names(cats: list[Category]) -> dict[str, Category]:
    names = {}
    for c in cats:
        names[c.name] = c
        for f in c.former:
            names[f] = c
    return names


def _cat_key(s: str) -> str:
    """A category name for matching: no spaces or list punctuation, full-width folded."""
    return re.sub(r"[\s、，,·．.]", "", unicodedata.normalize("NFKC", s))


def _vocab(cats: list[Category]) -> dict[str, Category]:
    return {_cat_key(n): c for n, c in category_names(cats).items()}


def normalise_code(printed: str) -> tuple[str, int] | None:
    """Ⅷ—41, VIII-41, 8-123 -> ('VIII-41', 8); None when the text is not a numeral and a serial."""
    m = _CODE.fullmatch(unicodedata.normalize("NFKC", printed.strip()))
    if not m:
        return None
    num = _numeral(m["r"])
    if num is None:
        return None
    return f"{ASCII_ROMAN[num]}-{int(m['n'])}", num


def _numeral(r: str) -> int | None:
    num = int(r) if r.isdigit() else ROMAN_VALUE.get(r)
    return num if num and 1 <= num <= 10 else None


def split_sub_items(name: str) -> tuple[str, list[str]]:
    m = re.match(r"^(?P<n>.+?)（(?P<s>[^（）]+)）$", name)
    if not m:
        return name, []
    return m["n"], [s.strip() for s in m["s"].split("、") if s.strip()]


def heritage_columns(cats: list[Category]) -> dict[str, Column]:
    """The column names a heritage header may hold, as `tables.Column`s (for `tables.detect_columns`)."""
    vocab = tuple(category_names(cats))
    kinds = {"seq": "seq", "code": "code", "category": "vocab", "name": "text", "applicant": "units",
             "protector": "units", "bearer": "text", "note": "text"}
    out = {}
    for printed, role in HEADER_ROLES.items():
        name = printed.replace("(", "（").replace(")", "）")
        out[name] = Column(name, kinds[role], pattern=CODE_RE if role == "code" else None,
                           vocab=vocab if role == "category" else (), merged=role == "category")
    return out


# ---------------------------------------------------------------- header rows

def _hnorm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


_HEADER_KEYS = sorted((_hnorm(k) for k in HEADER_ROLES), key=len, reverse=True)
_ROLE_BY_KEY = {_hnorm(k): v for k, v in HEADER_ROLES.items()}


def _split_header(text: str) -> list[str] | None:
    """text cut exactly into column names (longest first, with backtracking), or None."""
    if not text:
        return []
    for k in _HEADER_KEYS:
        if text.startswith(k):
            rest = _split_header(text[len(k):])
            if rest is not None:
                return [k] + rest
    return None


def _header_continues(text: str) -> bool:
    """Could text be column names followed by the start of another, wrapped onto the next line?"""
    if any(len(k) > len(text) and k.startswith(text) for k in _HEADER_KEYS):
        return True
    return any(text.startswith(k) and _header_continues(text[len(k):]) for k in _HEADER_KEYS if len(k) < len(text))


def _header_at(lines: list[tuple[int, str]], i: int) -> tuple[list[str], int] | None:
    """The roles of the header row starting at line i, and the index after it."""
    joined, best = "", None
    for j in range(i, min(len(lines), i + 10)):
        joined += _hnorm(lines[j][1])
        names = _split_header(joined)
        if names:
            best = (names, j + 1)
        elif not _header_continues(joined):
            break
    if not best:
        return None
    roles = [_ROLE_BY_KEY[n] for n in best[0]]
    if len(roles) < 2 or "name" not in roles or not ({"seq", "code"} & set(roles)) or len(set(roles)) < len(roles):
        return None
    return roles, best[1]


# ---------------------------------------------------------------- cells

def _code_cell(text: str) -> tuple[str | None, int] | None:
    """A code cell: (normalised code, category number) for Ⅷ—41, (None, number) for a bare numeral Ⅷ."""
    t = unicodedata.normalize("NFKC", text).strip()
    n = normalise_code(t)
    if n:
        return n
    if _NUMERAL.fullmatch(t) and _numeral(t):
        return None, _numeral(t)
    return None


_CAT_CELL = re.compile(rf"^(?P<a>(?:[IVX]{{1,4}}|10|[1-9])(?:\s*[{_DASHES}]\s*\d{{1,4}})?)?[\s、.．:：{_DASHES}]*"
                       rf"(?P<name>[^\sIVX()0-9]*?)\s*\(?(?P<b>[IVX]{{1,4}}(?:\s*[{_DASHES}]\s*\d{{1,4}})?)?\)?$")


def _category_cell(text: str, vocab: dict[str, Category]) -> tuple[Category | None, int | None, str] | None:
    """A category cell: (category named, numeral printed with it, the name as printed), or None.
    民间文学 · 民间文学Ⅰ · Ⅰ民间文学 · 民间文学（Ⅰ） · Ⅵ (the numeral alone) · 传统美术Ⅶ—8."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _CAT_CELL.match(t)
    if not m:
        return None
    num = None
    for part in (m["a"], m["b"]):
        if part:
            code = _code_cell(part)
            if code is None:
                return None
            num = code[1]
    name = m["name"]
    if not name:
        # a numeral alone names the category only when it is a Roman one (an Arabic digit is a number)
        return (None, num, "") if num and not (m["a"] or "").isdigit() and not (m["b"] or "").isdigit() else None
    cat = vocab.get(_cat_key(name))
    if cat is None:
        return None
    return cat, num, name


_SPACED_CODE = re.compile(r"(?<![\u4e00-\u9fff])([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[IVX]{1,4})\s+([—\-－–―])\s*(\d)|"
                          r"(?<![\u4e00-\u9fff])([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[IVX]{1,4})([—\-－–―])\s+(\d)")


def _close_codes(text: str) -> str:
    """Ⅰ - 168 -> Ⅰ-168: a code printed with spaces is one cell."""
    return _SPACED_CODE.sub(lambda m: "".join(g for g in m.groups() if g), text)


def _unit_like(s: str) -> bool:
    s = s.rstrip("，、,；;")
    return bool(UNIT_END.search(s)) and not _bare(s)


# how no body's name begins: inside a company's suffix, or a bracket
MID_SUFFIX = re.compile(r"^(?:有限|限责|责任|任公司|股份|公司|(?:族?自)?治[区州县旗]|[）)（(])")


def _bare(s: str) -> bool:
    # a county may have a one-character name (理县): length alone does not make a suffix bare
    return s in GENERIC_UNITS or len(s) <= 1 or bool(MID_SUFFIX.match(s))


def _balanced(s: str) -> bool:
    return s.count("（") + s.count("(") == s.count("）") + s.count(")") and s.count("“") == s.count("”")


AREA_END = re.compile(r"(?:省|市|自治区|区|县|州|旗|盟|镇|乡)$")
# a province-level name: the four municipalities, a province, an autonomous region, the two SARs
_PROVINCE_LEVEL = r"(?:北京市|天津市|上海市|重庆市|[^\s，、,]{2,3}省|[^\s，、,]{2,8}自治区|香港特别行政区|澳门特别行政区)"
PROVINCE = re.compile(rf"^{_PROVINCE_LEVEL}$")
PROVINCE_START = re.compile(rf"^{_PROVINCE_LEVEL}")
CITY_END = re.compile(r"(?:市|州|盟|地区)$")
COUNTY = re.compile(r"^[^\s，、,]{1,4}(?:区|县|旗|市)$")


def _units(pieces: list[tuple[str, int, bool]], role: str = "applicant") -> list[str]:
    """A cell of bodies: split at list punctuation. The lines of a wrapped body are joined: a line
    after one that does not end like a body, a bare suffix (协会, 有限公司), and, after a bare place
    name, what follows it (a protection unit is a body: 四川省 / 兄妹食品有限责任公司; an applicant may
    be a place: 北京市 / 丰台区)."""
    items: list[str] = []
    for text, _, _ in pieces:
        parts = re.split(r"[、，,；;]", text)
        for k, part in enumerate(parts):
            if not part:
                continue
            prev = items[-1] if items else ""
            # a place alone is continued, unless what follows is a province's name itself (北京市 / 天津市);
            # a city is continued by a short county-level name (达州市 / 通川区); in a protection unit's
            # cell (one body) a short tail continues the body (重庆辅仁堂 / 中医院)
            place = (bool(PROVINCE.match(prev)) or (role == "protector" and bool(AREA_END.search(prev)))
                     or (bool(CITY_END.search(prev)) and bool(COUNTY.match(part)))
                     or (role == "protector" and len(part) <= 4)) and not PROVINCE_START.match(part)
            if k == 0 and items and (not UNIT_END.search(prev) or _bare(prev) or _bare(part) or place
                                     or not _balanced(prev)):
                items[-1] += part
            else:
                items.append(part)
            if k < len(parts) - 1:
                items.append("")      # a separator closes the item
    return [tidy(x) for x in items if x]


def _score(role: str, ps: list[tuple[str, int, bool]]) -> float:
    """How well pieces read as the cell of a role (higher is better)."""
    hard = sum(1 for p in ps[1:] if not p[2])    # same-line joins inside the cell
    text = "".join(p[0] for p in ps)
    if role == "name":
        if not ps:
            return -10
        s = -4 * hard
        if not _balanced(text):
            s -= 6
        if BODY_END.search(text):
            s -= 3
        # a wrapped name continues with the rest of a name, not with a whole body's or place's name
        s -= sum(1 for p in ps[1:] if _unit_like(p[0]) or PROVINCE_START.match(p[0]))
        if text.endswith(("，", ",", "；")):
            s -= 2              # a cell does not end on a comma: what follows belongs to it
        if "，" in text:
            s -= 2              # an item's name lists with 、, a comma separates bodies
        return s
    if role in UNIT_ROLES:
        if not ps:
            return -1
        # two bodies in one cell are printed on two lines or with punctuation, rarely side by side
        s = -2.0 * hard - 2 * sum(1 for k in range(1, len(ps)) if not ps[k][2] and not _unit_like(ps[k - 1][0]))
        if not _balanced(text):
            s -= 6
        items = _units(ps, role)
        bad = [it for it in items if not _unit_like(it)]
        s += 1 if items and not bad else 0
        # several bodies split only by line breaks (no 、，) are less likely than one body wrapped
        s -= 0.5 * max(0, len(items) - 1 - len(re.findall(r"[、，,；;]", text)))
        s -= sum(3 if _bare(it) else 2 for it in bad)
        return s
    if not ps:
        return 0
    return -1 * hard - (1 if UNIT_END.search(text) and len(text) > 3 else 0)


def _assign(pieces: list[tuple[str, int, bool]], roles: list[str]) -> tuple[dict[str, list], bool]:
    """Cut pieces into consecutive cells for roles (in order); the cut whose cells read best, a wrapped
    line going to the earlier cell on a tie. Returns the cells and whether the cut is certain."""
    n, m = len(pieces), len(roles)
    if m == 0:
        return {}, n == 0
    if n > 40 or comb(n + m - 1, m - 1) > 3000:       # no printed row has so many parts
        return {"name": pieces}, False
    best = None
    for cuts in combinations_with_replacement(range(n + 1), m - 1):
        bounds = (0, *cuts, n)
        score = sum(_score(roles[r], pieces[bounds[r]:bounds[r + 1]]) for r in range(m))
        key = (score, bounds)
        if best is None or key > best[0]:
            best = (key, bounds)
    bounds = best[1]
    cells = {roles[r]: pieces[bounds[r]:bounds[r + 1]] for r in range(m)}
    certain = True
    for role, ps in cells.items():
        text = "".join(p[0] for p in ps)
        if role == "name" and (not ps or not _balanced(text) or any(not p[2] for p in ps[1:])):
            certain = False
        if role in UNIT_ROLES and any(not ps[k][2] and not _unit_like(ps[k - 1][0]) for k in range(1, len(ps))):
            certain = False
    return cells, certain


# ---------------------------------------------------------------- lines

def _is_list_title(text: str) -> bool:
    return ("名录" in text or "名单" in text) and ("非物质文化遗产" in text or "非遗" in text or "项目" in text)


def _stops(t: str) -> bool:
    """A line that is not part of a table: prose, a note, a date, a closing formula."""
    return "。" in t or t.endswith(("：", ":")) or bool(DATE_LINE.match(t)) or bool(STOP_START.match(t))


def _heading(t: str, vocab: dict[str, Category], roles: list[str] | None) -> tuple[str, Category | None, int | None] | None:
    """A group heading: ("category", category, stated) or a section ("extension" / "new", None, stated)."""
    if SEQ_START.match(t):
        return None
    m = HEADING.match(t)
    if not m:
        return None
    body, info = m["body"].strip().rstrip("：:").strip(), m["info"] or ""
    if not info and COUNT_IN.search(body):       # （一）民间文学 12项
        body, info = body[:COUNT_IN.search(body).start()].rstrip("（( 共计"), body
    cm = COUNT_IN.search(info)
    stated = int(cm.group(1)) if cm else None
    cat = vocab.get(_cat_key(body)) or (vocab.get(_cat_key(body[:-1])) if body.endswith("类") else None)
    if cat is not None:
        if m["num"] and m["num"][0] in ROMAN and ROMAN[m["num"][0]] != cat.number:
            return None
        if m["num"] or info or roles is None or "category" not in roles:
            return "category", cat, stated
        return None
    if len(body) <= 12 and (m["num"] or info or body in ("扩展项目", "新入选项目")):
        if "扩展" in body:
            return "extension", None, stated
        if "新入选" in body:
            return "new", None, stated
    return None


def _total(t: str) -> tuple[int, bool | None] | None:
    """（共计7项） / （新入选项目，共计151项）: the stated number, and whether it names extensions."""
    m = TOTAL_LINE.match(t)
    if not m:
        return None
    words = m["pre"] + m["post"]
    return int(m["n"]), (True if "扩展" in words else False if "新入选" in words else None)


# ---------------------------------------------------------------- the reader

class _Reader:
    def __init__(self, doc, cats: list[Category], problems: list[dict], block_title: str, block_line: int | None,
                 annex_mode: bool):
        self.doc, self.cats, self.problems = doc, cats, problems
        self.vocab = _vocab(cats)
        self.by_number = {c.number: c for c in cats}
        self.annex_mode = annex_mode
        self.lists: list[HeritageList] = []
        self.cur: HeritageList | None = None
        self.roles: list[str] | None = None
        self.group: Group | None = None
        self.row: list[tuple[int, str]] | None = None
        self.expected, self.restart = 1, True
        self.inherited: Category | None = None
        self.stopped = False
        self.orphans: list[tuple[int, str]] = []
        self.prose_width: int | None = None
        self.default_title = block_title if _is_list_title(block_title) else doc.title
        self.pending = (block_title, [block_line] if block_line else []) if annex_mode and _is_list_title(block_title) \
            else None

    def _prose(self, t: str) -> bool:
        if self.prose_width is None or " " in t or len(t) < max(12, 0.8 * self.prose_width) or _total(t):
            return False
        parts = [x for x in re.split(r"[，、,；;]", t) if x]
        return not (len(parts) > 1 and all(_unit_like(x) for x in parts[:-1]))   # a list of bodies is a cell

    def _close_orphans(self) -> None:
        """Lines under a header that start no row (a 序号 not where it should be): never dropped silently."""
        if self.orphans and self.cur is not None:
            lines = [no for no, _ in self.orphans]
            p = {"line": lines[0], "lines": lines, "cells": {"text": " / ".join(t for _, t in self.orphans)},
                 "message": f"lines under the header of {self.cur.title} start no row (序号 not in order)"}
            self.problems.append(p)
            self.cur.problems.append(p)
            self.cur.lines += lines
        self.orphans = []

    # lists
    def _new_list(self, title: str | None = None, title_lines: list[int] | None = None,
                  extension: bool | None = None) -> HeritageList:
        self._flush()
        self._close_orphans()
        if title is None and self.pending:
            title, title_lines = self.pending
        self.pending = None
        title = title or self.default_title
        ext = ("扩展" in title) if extension is None else extension
        lst = HeritageList(key=self.doc.key, title=tidy(title), title_lines=list(title_lines or []), extension=ext,
                           is_heritage="非物质文化遗产" in title or "非遗" in title)
        lst.lines += lst.title_lines
        self.lists.append(lst)
        self.cur, self.group, self.roles, self.inherited = lst, None, None, None
        self.expected, self.restart = 1, True
        return lst

    def _list(self) -> HeritageList:
        return self.cur if self.cur is not None and self.pending is None else self._new_list()

    # rows
    def _starts_row(self, t: str) -> int | None:
        if self.roles is None:
            return None
        if self.roles[0] == "seq":
            m = SEQ_START.match(t)
            if not m:
                g = GLUED_SEQ.match(t)
                return int(g.group(1)) if g and int(g.group(1)) == self.expected and self.expected > 1 else None
            n = int(m.group(1))
            # the next number; 1 again under a new heading; any number for the first row printed of a list
            first = self.row is None and self.cur is not None and not self.cur.items and not self.cur.problems \
                and n < 1000
            return n if n == self.expected or (self.restart and (n == 1 or first)) else None
        first = _close_codes(t).split()[0] if t.split() else ""
        return 0 if self.roles[0] == "code" and normalise_code(first) else None

    def _flush(self) -> None:
        if self.row is None or self.cur is None:
            self.row = None
            return
        lines = self.row
        self.row = None
        self.cur.lines += [no for no, _ in lines]
        item, why = self._read_row(lines)
        if item is None:
            p = {"line": lines[0][0], "lines": [no for no, _ in lines], "cells": {"text": " / ".join(t for _, t in lines)},
                 "message": why}
            self.problems.append(p)
            self.cur.problems.append(p)
            return
        self.cur.items.append(item)
        if self.group is not None:
            self.group.rows += 1

    def _read_row(self, lines: list[tuple[int, str]]) -> tuple[HeritageItem | None, str]:
        roles = self.roles
        pieces = [(tok, no, k == 0) for no, text in lines for k, tok in enumerate(_close_codes(text).split())]
        seq = None
        if roles[0] == "seq":
            m = re.match(r"^(\d{1,4})[.．、]?(.*)$", pieces[0][0])
            seq = int(m.group(1))
            pieces = ([(m.group(2), pieces[0][1], True)] if m.group(2) else []) + pieces[1:]
            roles = roles[1:]
        anchors: list[tuple[int, int, str]] = []          # (first piece, last piece + 1, role)
        code = printed_code = None
        numeral = None
        if "code" in roles:
            for i, p in enumerate(pieces):
                got = _code_cell(p[0])
                if got:
                    code, numeral = got
                    printed_code = p[0] if code else None
                    anchors.append((i, i + 1, "code"))
                    break
        printed_cat = None
        if "category" in roles:
            taken = {a[0] for a in anchors}
            for i in range(len(pieces)):
                if i in taken:
                    continue
                for j in range(i + 1, min(len(pieces), i + 3) + 1):
                    if j > i + 1 and not pieces[j - 1][2]:
                        break           # a wrapped category continues on a new line
                    got = _category_cell("".join(p[0] for p in pieces[i:j]), self.vocab)
                    if got:
                        break
                else:
                    got = None
                if got:
                    cat, num, _ = got
                    printed_cat = cat
                    if num is not None:
                        if numeral is not None and num != numeral:
                            return None, f"heritage row {seq}: the category cell's numeral contradicts the code"
                        numeral = num
                    anchors.append((i, j, "category"))
                    break
        anchors.sort()
        where = {r: k for k, r in enumerate(roles)}
        cells: dict[str, list] = {}
        bounds = [(-1, 0, None)] + anchors + [(len(pieces), len(pieces), None)]
        for (a0, a1, ra), (b0, b1, rb) in zip(bounds, bounds[1:]):
            lo = where[ra] + 1 if ra else 0
            hi = where[rb] if rb else len(roles)
            free = [r for r in roles[lo:hi] if r not in ("code", "category")]
            stretch = pieces[a1:b0]
            if stretch and not free:
                return None, f"heritage row {seq}: text where no column is expected ({''.join(p[0] for p in stretch)})"
            got, certain = _assign(stretch, free)
            if not certain:
                return None, f"heritage row {seq}: its cells cannot be told apart"
            cells.update(got)
        name_pieces = cells.get("name") or []
        full = tidy("".join(p[0] for p in name_pieces))
        if not full:
            return None, f"heritage row {seq} has no name"
        # the category: the printed cell, the code's numeral, the heading, the merged cell above
        cat = printed_cat
        if cat is not None and numeral is not None and numeral != cat.number:
            return None, (f"heritage code {printed_code or ASCII_ROMAN[numeral]} says category {ASCII_ROMAN[numeral]} "
                          f"but the row's category is {cat.name} ({cat.numeral})")
        if cat is None and numeral is not None:
            cat = self.by_number.get(numeral)
        heading = self.group.category if self.group is not None else None
        if heading is not None and cat is not None and cat.number != heading.number:
            return None, f"heritage row {seq} ({full}): category {cat.name} under the heading {heading.name}"
        if cat is None:
            cat = heading or (self.inherited if "category" in roles else None)
        if cat is None:
            return None, f"heritage row {seq} ({full}) has no category"
        self.inherited = cat
        protectors = _units(cells.get("protector") or [], "protector")
        # a list without an applicant column names its protection units as the bodies of the row
        applicants = _units(cells.get("applicant") or []) if "applicant" in roles else list(protectors)
        if not applicants and not protectors:
            return None, f"heritage row {seq} ({full}) names no applicant or protection unit"
        name, subs = split_sub_items(full)
        note = "".join(p[0] for p in cells.get("note") or [])
        lst = self.cur
        if code and any(i.code == code for i in lst.items):
            return None, f"heritage code {printed_code} is printed twice in {lst.title}"
        return HeritageItem(
            list_key=lst.key, seq=seq if seq is not None else len(lst.items) + 1, code_printed=printed_code or "",
            code=code or "", name=name, sub_items=subs, category=cat.name, category_number=cat.number,
            applicants=applicants, batch=None, batch_number=None, level=None, notice=self.doc.key,
            list_title=lst.title, lines=[no for no, _ in lines], extension=lst.extension or "扩展" in note,
            protection_units=protectors), ""

    # titles
    def _title_at(self, lines: list[tuple[int, str]], i: int) -> tuple[str, list[int], int] | None:
        text = ""
        for j in range(i, min(len(lines), i + 3)):
            t = lines[j][1].strip()
            if len(t) > 40 or re.search(r"[。；：:，,]", t) or SEQ_START.match(t) or _total(t) \
                    or _heading(t, self.vocab, self.roles) or _header_at(lines, j):
                return None
            text += re.sub(r"\s+", "", t)
            if _is_list_title(text) and (j + 1 == len(lines) or self._structural(lines, j + 1)):
                return text, [no for no, _ in lines[i:j + 1]], j + 1
        return None

    def _structural(self, lines: list[tuple[int, str]], k: int) -> bool:
        t = lines[k][1].strip()
        return bool(_total(t) or _heading(t, self.vocab, None) or _header_at(lines, k) or HEADERISH.match(t))

    # the block
    def read(self, lines: list[tuple[int, str]]) -> list[HeritageList]:
        # the width of the block's prose lines: a line as wide, with no gap between cells, is prose
        prose = sorted(len(t.strip()) for _, t in lines
                       if re.search(r"[，。]", t) and " " not in t.strip() and not COUNT_IN.search(t))
        self.prose_width = prose[len(prose) * 3 // 4] if len(prose) >= 3 else None
        i = 0
        while i < len(lines):
            no, text = lines[i]
            t = text.strip()
            if not t or IGNORED.match(t):
                i += 1
                continue
            seq = self._starts_row(t)
            if seq is not None:
                self._flush()
                self.row = [(no, t)]
                if seq:
                    self.expected = seq + 1
                self.restart = self.stopped = False
                i += 1
                continue
            h = _header_at(lines, i)
            if h:
                self._flush()
                lst = self._list()
                lst.has_header = True
                lst.lines += [n for n, _ in lines[i:h[1]]]
                self.roles, self.restart, self.stopped = h[0], True, False
                i = h[1]
                continue
            tot = _total(t)
            if tot:
                self._flush()
                n, ext = tot
                lst = self.cur
                if lst is None or self.pending is not None or lst.items or lst.groups:
                    lst = self._new_list(extension=ext)
                elif ext is not None:
                    lst.extension = ext
                lst.totals.append((n, no, t))
                lst.lines.append(no)
                i += 1
                continue
            hd = _heading(t, self.vocab, self.roles)
            if hd:
                self._flush()
                kind, cat, stated = hd
                if kind == "category":
                    lst = self._list()
                    self.group = Group(cat, t, no, stated)
                    lst.groups.append(self.group)
                    lst.lines.append(no)
                    self.inherited, self.restart = None, True
                else:
                    ext = kind == "extension"
                    lst, roles = self.cur, self.roles
                    if lst is None or self.pending is not None or (lst.extension != ext and (lst.items or lst.groups)):
                        base, tl = self.pending if self.pending else ((lst.title, []) if lst else (self.default_title, []))
                        lst = self._new_list(base if ext == ("扩展" in base) else f"{base}（{t}）", tl, extension=ext)
                        # a section of the same table keeps its columns
                        self.roles, lst.has_header = roles, roles is not None
                    lst.extension = ext
                    if stated is not None:
                        lst.totals.append((stated, no, t))
                    lst.lines.append(no)
                i += 1
                continue
            if _stops(t) or HEADERISH.match(t):
                # prose or a note closes the row; the table may go on at its next number. The header row
                # of another table closes the table.
                self._flush()
                self.stopped = True
                if HEADERISH.match(t):
                    self.roles, self.group = None, None
                i += 1
                continue
            tt = self._title_at(lines, i)
            if tt:
                self._flush()
                self.pending = (tt[0], tt[1])
                self.cur, self.roles, self.group = None, None, None
                i = tt[2]
                continue
            if self.row is not None and self._prose(t):
                self._flush()           # a line of prose after the table, not a cell wrapped
                self.stopped = True
            elif self.row is not None:
                self.row.append((no, t))
            elif self.roles is not None and not self.stopped and self.cur is not None:
                self.orphans.append((no, t))
            i += 1
        self._flush()
        self._close_orphans()
        if self.annex_mode and self.pending and not self.lists:
            self._new_list()        # a list whose title is all the text prints
        return self.lists


# ---------------------------------------------------------------- public

def _batch_level(texts: list[str]) -> tuple[str | None, int | None, str | None]:
    batch = number = level = None
    for t in texts:
        bm = BATCH_RE.search(t)
        if bm and batch is None:
            if bm["first"]:
                batch, number = "首批", 1
            else:
                batch = f"第{bm['b']}批"
                number = int(bm["b"]) if bm["b"].isdigit() else cn_int(bm["b"])
        lm = LEVEL_RE.search(t)
        if lm and level is None:
            level = lm.group(1)
    return batch, number, level


def _finish(lst: HeritageList, doc) -> None:
    """Batch, level and codes of a list's items (a row without a printed code gets its category's
    numeral and its 序号, or its place in the list when that is not unique)."""
    batch, number, level = _batch_level([lst.title, doc.title] + [p.text for p in doc.paragraphs[:3]])
    used = {i.code for i in lst.items if i.code}
    for pos, it in enumerate(lst.items, 1):
        it.batch, it.batch_number, it.level = batch, number, level
        if not it.code:
            r = ASCII_ROMAN[it.category_number]
            for cand in (f"{r}-{it.seq}", f"{r}-{pos}", f"{r}-{10000 + pos}"):
                if cand not in used:
                    it.code = cand
                    break
            used.add(it.code)


def _is_heritage(lst: HeritageList) -> bool:
    return lst.is_heritage or bool(lst.groups) or bool(lst.items)


def _keys(lists: list[HeritageList], doc) -> None:
    """The first list of a notice is keyed by the notice, an extension list by the notice + /extension,
    any other by its place (/list-2 …)."""
    used: set[str] = set()
    for n, lst in enumerate(lists, 1):
        key = doc.key if n == 1 else f"{doc.key}/extension" if lst.extension else f"{doc.key}/list-{n}"
        if key in used:
            key = f"{doc.key}/list-{n}"
        used.add(key)
        lst.key = key
        for it in lst.items:
            it.list_key = key


def _blocks(doc, lines) -> list[tuple[str, int | None, list[tuple[int, str]], bool]]:
    """The annexes of a document and, when the issue's lines are given, its body."""
    out = [(a.title, a.line_span[0], list(a.lines), True) for a in doc.annexes]
    if lines is not None:
        a, b = doc.line_span
        skip = set(doc.title_lines) | set(doc.header_lines)
        if doc.signature:
            skip |= set(doc.signature.lines)
        if doc.printed_by:
            skip.add(doc.printed_by.line)
        spans = [x.line_span for x in doc.annexes]
        body = [(l.no, l.text) for l in lines if a <= l.no <= b and l.no not in skip
                and not any(lo <= l.no <= hi for lo, hi in spans)]
        out.append((doc.title, None, body, False))
    return out


def read_heritage_lists(doc, cats: list[Category], problems: list[dict], lines=None, path: str = "") -> list[HeritageList]:
    """Every heritage list of a document: in its annexes and (given the issue's lines) its body, with
    the checks of its stated totals and, for a list printed only in part, the review item."""
    out: list[HeritageList] = []
    for title, line, block, annex_mode in _blocks(doc, lines):
        mine: list[dict] = []
        found = _Reader(doc, cats, mine, title, line, annex_mode).read(block)
        # a table in a body is a list only under a header; any table is a heritage list only when its
        # title names 非物质文化遗产, a heading names a category, or a row has read as an item
        found = [l for l in found if _is_heritage(l) and (l.has_header or annex_mode)]
        keep = {id(p) for l in found for p in l.problems}
        problems += [p for p in mine if id(p) in keep]
        out += found
    _keys(out, doc)
    for lst in out:
        _finish(lst, doc)
    for lst in out:
        _check(doc, lst, out, path)
    return [l for l in out if l.items or l.checks or l.problems]


def read_heritage(annex, doc, cats: list[Category], problems: list[dict]) -> list[HeritageItem]:
    """The items of the heritage lists of one annex."""
    mine: list[dict] = []
    lists = [l for l in _Reader(doc, cats, mine, annex.title, annex.line_span[0], True).read(list(annex.lines))
             if _is_heritage(l)]
    keep = {id(p) for l in lists for p in l.problems}
    problems += [p for p in mine if id(p) in keep]
    _keys(lists, doc)
    for lst in lists:
        _finish(lst, doc)
    return [i for l in lists for i in l.items]


# ---------------------------------------------------------------- stated totals

_IN_NOTICE = re.compile(r"(?P<what>[^。；，、（）()“”]{0,60}?(?:名录|名单))\s*(?:[（(]\s*(?:[^（）()]*?[，,、]\s*)?(?:共计|共)?"
                        r"|[，,]?\s*(?:共计|共))\s*(?P<n>\d+)\s*项")


def _notice_statements(doc, lst: HeritageList, lists: list[HeritageList]) -> list[tuple[int, int, str, str]]:
    """(stated, line, what, kind) the notice says of this list: 名录（共11项） or “<first item>…”等N项."""
    out = []
    own = set(lst.lines) | {n for l in lists for n in l.lines}
    first = lst.items[0].name if lst.items else None
    for p in doc.paragraphs:
        if own & set(p.lines):
            continue
        for m in _IN_NOTICE.finditer(p.text):
            what = m["what"]
            ext = "扩展" in what
            same = [l for l in lists if l.extension == ext]
            bm = BATCH_RE.search(what)
            if bm:
                # a statement about another batch (第四批 when the list is 第五批) is not about this list
                same = [l for l in same if bm.group(0) in l.title or not BATCH_RE.search(l.title)]
            if same == [lst]:
                # the name as printed, from its batch (第四批…) or past a joining word
                start = m.start("what") + (bm.start() if bm else len(what) - len(what.lstrip("和及与并")))
                after = p.text[m.end():].lstrip()[:1]
                label = re.sub(r"\s+", "", p.text[start:m.end()]) + ("）" if after and after in "）)" else "")
                out.append((int(m["n"]), p.line_at(m.start("n")), label, "total"))
        if first:
            pat = re.compile(re.escape(first) + r"(?:[^”“。]{0,400}”)?\s*等\s*(?P<n>\d+)\s*(?P<u>个项目|项|个)")
            for m in pat.finditer(p.text):
                u = "项" if m["u"] == "项" else m["u"]
                out.append((int(m["n"]), p.line_at(m.start()), f"{first}等{m['n']}{u}", "first"))
    return out


def _check(doc, lst: HeritageList, lists: list[HeritageList], path: str) -> None:
    rows = len(lst.items)
    checks = []
    for stated, line, what in lst.totals:
        checks.append({"check": f"{lst.title}: {what}", "file": path, "line": line, "stated": stated, "parsed": rows,
                       "ok": stated == rows,
                       "message": f"the list states {what} but {rows} rows of {lst.title} were read"})
    for stated, line, what, _ in _notice_statements(doc, lst, lists):
        checks.append({"check": f"{lst.title}: {what}", "file": path, "line": line, "stated": stated, "parsed": rows,
                       "ok": stated == rows,
                       "message": f"the text states {what} but {rows} rows of {lst.title} were read"})
    for g in lst.groups:
        if g.stated is not None:
            checks.append({"check": f"{lst.title}: {g.heading}", "file": path, "line": g.line, "stated": g.stated,
                           "parsed": g.rows, "ok": g.stated == g.rows,
                           "message": f"the heading {g.heading} states {g.stated} items but {g.rows} rows were read"})
    lst.checks = checks
    failed = [c for c in checks if not c["ok"]]
    if not failed:
        return
    # printed only in part: every row read is certain, none is over, and only the last group with rows is short
    with_rows = [k for k, g in enumerate(lst.groups) if g.rows]
    last = with_rows[-1] if with_rows else -1
    cut = (not lst.problems and all(c["parsed"] < c["stated"] for c in failed)
           and all(g.stated is None or g.stated == g.rows for g in lst.groups[:max(last, 0)]))
    if not cut:
        return
    lines = sorted({c["line"] for c in failed} | set(lst.title_lines))
    heads = [c for c in failed if c["check"].startswith(f"{lst.title}: ") and c["line"] in {g.line for g in lst.groups}]
    said = [c["message"] for c in failed if c not in heads] + (
        [heads[0]["message"]] if len(heads) == 1 else
        [f"{len(heads)} headings state {sum(c['stated'] for c in heads)} items but {sum(c['parsed'] for c in heads)} "
         f"rows were read under them"] if heads else [])
    reason = "; ".join(said) + (
        f" — the {rows} rows read are in order and certain, and published; the rest of the list is not in the text"
        if rows else " — the text prints no row of it")
    lst.cut = ReviewItem("table total", f"{doc.key} heritage: {lst.title}", reason, lines, failed[0]["line"],
                         {"title": lst.title, "stated": [c["stated"] for c in failed], "read": rows}, doc.key)
