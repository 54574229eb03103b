"""The tiers of Chinese government, declared once, and what a body's name says of its tier and parent.

A body's name carries its place: 重庆市沙坪坝区人民政府办公室 is the office of the 沙坪坝区 government, a
county-level district of 重庆市, a provincial-level municipality. An office or a department takes the
tier of its government, and reports to it; a government reports to the government of the place above
it, and a provincial one to the State Council. The registry confirms and enriches this: where it
knows a body, its tier and parent win, and where the name says otherwise the difference is reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# the five tiers, top down: (key, zh label, en label). Every list of tiers in the project reads this one.
TIERS: tuple[tuple[str, str, str], ...] = (
    ("national", "国家级", "national"),
    ("provincial", "省级", "provincial"),
    ("prefecture", "地市级", "prefecture"),
    ("county", "区县级", "county"),
    ("township", "乡镇级", "township"),
)
TIER_KEYS = tuple(k for k, _, _ in TIERS)
TIER_LABELS = {k: (zh, en) for k, zh, en in TIERS}

STATE_COUNCIL = "国务院"
GOVERNMENT = "人民政府"
_CJK = "\u4e00-\u9fff"
# the place words of each tier below the provinces
_PREFECTURE = re.compile(rf"^[{_CJK}]{{1,10}}?(?:自治州|地区|盟|市)")
_COUNTY = re.compile(rf"^[{_CJK}]{{1,10}}?(?:自治县|自治旗|县|旗|区|市)")
_TOWNSHIP = re.compile(rf"^[{_CJK}]{{1,10}}?(?:镇|乡|街道|苏木)")
_NATIONAL = re.compile(r"^(?:中华人民共和国|国务院|全国|中共中央|中央|国家)")
# a ministry or a national bureau, printed without a place: 交通部, 人力资源社会保障部, 海关总署
_MINISTRY = re.compile(rf"^[{_CJK}]{{2,14}}?(?:部|总局|总署|署)(?P<office>办公厅)?$")
# Party, people's congress and CPPCC bodies name their place after these words
_PARTY_HEAD = re.compile(r"^(?:中共|中国共产党|政协|中国人民政治协商会议|共青团)")
# what follows a place in the name of its government, its offices and departments
_GOVERNMENT_TAIL = re.compile(rf"^(?:{GOVERNMENT}|政府|行政公署|人民代表大会|人大|委员会|办公厅|办公室|"
                              rf"[{_CJK}]{{1,16}}?(?:局|厅|委|委员会|办|中心|所|院|处|队|站|馆))")


@dataclass(frozen=True)
class Placement:
    tier: str | None
    parent: str | None        # the body it reports to, by name
    places: tuple[str, ...]   # the places its name names, top down (重庆市, 沙坪坝区)


def provinces_of(registry) -> tuple[str, ...]:
    """The provincial-level places the registry's governments name (北京市, 河北省, 内蒙古自治区 …)."""
    if registry is None:
        return ()
    return tuple(sorted({b.name[:-len(GOVERNMENT)] for b in registry.bodies.values()
                         if b.level == "provincial" and b.name.endswith(GOVERNMENT)}, key=lambda p: (-len(p), p)))


def places_in(name: str, provinces: tuple[str, ...]) -> tuple[list[tuple[str, str]], str]:
    """The places heading a name, each with its tier, and the rest of the name."""
    places: list[tuple[str, str]] = []
    rest = name
    prov = next((p for p in provinces if rest.startswith(p)), None)
    if prov:
        places.append((prov, "provincial"))
        rest = rest[len(prov):]
    for tier, pattern in (("prefecture", _PREFECTURE), ("county", _COUNTY), ("township", _TOWNSHIP)):
        if prov and tier == "prefecture" and prov.endswith("市"):
            continue        # a municipality has districts and counties right under it
        m = pattern.match(rest)
        if not m or not _GOVERNMENT_TAIL.match(rest[m.end():]) and not _is_place_chain(rest[m.end():]):
            continue
        place = m.group(0)
        # a bare 市 after a province is a prefecture-level city; after a prefecture it is county-level
        if tier == "county" and place.endswith("市") and not places:
            continue
        places.append((place, tier))
        rest = rest[m.end():]
    return places, rest


def _is_place_chain(rest: str) -> bool:
    return bool(_COUNTY.match(rest) or _TOWNSHIP.match(rest))


def place_of(name: str, registry) -> Placement:
    """Tier and parent of a body from its name alone (no registry row consulted for it)."""
    if _NATIONAL.match(name):
        return Placement("national", None if name in (STATE_COUNCIL, "中华人民共和国国务院") else
                         (STATE_COUNCIL if name.startswith("国务院") else None), ())
    party = _PARTY_HEAD.match(name)
    places, rest = places_in(name[party.end():] if party else name, provinces_of(registry))
    if not places:
        m = _MINISTRY.match(name)
        if m and not party:
            return Placement("national", name[:-len(m["office"])] if m["office"] else STATE_COUNCIL, ())
        return Placement(None, None, ())
    if party:       # its tier is its place's; whom it reports to, the name does not say
        return Placement(places[-1][1], None, tuple(p for p, _ in places))
    tier = places[-1][1]
    chain = "".join(p for p, _ in places)
    if rest in (GOVERNMENT, "政府", "行政公署"):
        above = "".join(p for p, _ in places[:-1])
        parent = above + GOVERNMENT if above else (STATE_COUNCIL if tier == "provincial" else None)
    elif rest.endswith(("办公室", "办公厅")) and rest[:-3] not in (GOVERNMENT, "政府", ""):
        parent = chain + rest[:-3]      # the office of a committee reports to the committee
    elif rest.startswith(("人民代表大会", "人大")):
        parent = None                   # a people's congress is not under its government
    else:
        parent = chain + GOVERNMENT
    return Placement(tier, parent, tuple(p for p, _ in places))


def tier_label(tier: str | None, lang: str = "zh") -> str:
    zh, en = TIER_LABELS.get(tier, ("未知层级", "level unknown"))
    return zh if lang == "zh" else en


def placement(name: str, registry) -> tuple[Placement, str | None]:
    """A body's tier and parent: the registry's where it knows the body, else its name's. Second, a
    conflict between the two, described, or None."""
    by_name = place_of(name, registry)
    b = registry.body(name) if registry is not None else None
    if b is None:
        return by_name, None
    parent = b.parent or (by_name.parent if b.level != "national" else None)
    conflict = None
    if by_name.tier and by_name.tier != b.level:
        conflict = f"the registry gives {name} the tier {b.level}; its name says {by_name.tier}"
    return Placement(b.level, parent, by_name.places), conflict


# a law (…法) or an administrative regulation (…条例) whose title names no place is the state's: local
# regulations carry their place (重庆市非物质文化遗产条例), national ones do not (土地复垦条例)
_STATE_TEXT = re.compile(r"(?:法|条例)(?:（[^（）]{1,8}）)?$")


def local_places(registry) -> dict[str, str]:
    """The places below the provinces that the registry's governments name (沙坪坝区 -> county), each
    alone: a title headed by one is that place's text, whether or not it names the province first."""
    if registry is None:
        return {}
    provinces = provinces_of(registry)
    found: dict[str, str] = {}
    for b in registry.bodies.values():
        if b.name.endswith(GOVERNMENT):
            for place, tier in places_in(b.name, provinces)[0]:
                if tier != "provincial":
                    found.setdefault(place, tier)
    return found


def tier_of_title(title: str, registry) -> str | None:
    """The tier of a cited text from its title alone, where the title makes it certain: the state's
    name or a national body heading it, a province's name heading it, a place the registry knows
    heading it (沙坪坝区集体土地征收工作规程), or a law or regulation that names no place. Otherwise None."""
    t = re.sub(r"\s+", "", title or "")
    if not t:
        return None
    if _NATIONAL.match(t):
        return "national"
    prov = next((p for p in provinces_of(registry) if t.startswith(p)), None)
    if prov:
        rest = t[len(prov):]
        if prov.endswith("市") and _COUNTY.match(rest) and _COUNTY.match(rest).group(0).endswith(("区", "县")):
            return "county"
        return "provincial"
    local = local_places(registry)
    place = next((p for p in sorted(local, key=lambda p: (-len(p), p)) if t.startswith(p)), None)
    if place:
        return local[place]
    if _STATE_TEXT.search(t) and not _PREFECTURE.match(t) and not _COUNTY.match(t):
        return "national"
    return None
