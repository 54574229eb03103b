"""The privacy rule for pupils' names, output by output (README, "Privacy").

A pupil named on an award list is public in the gazette, and the data keeps the name (gb:recipientName), as
the dumps and SPARQL do. Beyond that a name may appear only where the gazette's own text is shown: the
awarding notice's page as printed, its text, the quotes taken from it (its citations, a cited policy's
history), and its entries' pages; every page
that shows a name carries noindex. A name is never in a page title, in the search index, in the exports,
or on any other page. --strict-privacy removes it from every output (tests/test_build.py)."""
from __future__ import annotations

import gzip
import json
import re

import pytest

ISSUE = "shapingba-2020-02"


@pytest.fixture(scope="module")
def names(seed_build):
    out, _ = seed_build
    entries = json.loads((out / "records" / ISSUE / "awards.json").read_text(encoding="utf-8"))
    found = sorted({e["name"] for e in entries if e["person"] and e["name"].strip("＊")})
    assert len(found) == 25
    return found


@pytest.fixture(scope="module")
def site(seed_build):
    return seed_build[0] / "site"


def _with_names(text: str, names: list[str]) -> list[str]:
    return [n for n in names if n in text]


def test_no_name_in_the_search_index(site, names):
    fragments = sorted(site.glob("pagefind*/**/*.pf_fragment"))
    assert fragments, "the search index was not built"
    indexed = "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in fragments)
    indexed = re.sub(r"[\u200b\s]", "", indexed)    # Pagefind cuts Chinese text into words with zero-width spaces
    assert "重庆市南开中学校" in indexed           # the awarding notice is indexed, schools and all
    assert _with_names(indexed, names) == []


def test_no_name_in_a_page_title(site, names):
    for page in site.rglob("index.html"):
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1)
        assert _with_names(title, names) == [], page


def test_names_only_on_the_pages_the_rule_names(site, names):
    entry_pages, notice_pages = 0, 0
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if not _with_names(text, names):
            continue
        rel = page.relative_to(site).as_posix()
        assert '<meta name="robots" content="noindex' in text, rel
        if "data-pagefind-body" in text:         # on a page the search indexes, every name is ignored by it
            assert _with_names(_outside_ignored(text), names) == [], rel
        if re.fullmatch(r"award/.+/entry/\d+/index\.html", rel):
            entry_pages += 1
        elif rel.startswith(("eli/sha-fu-fa/2020/42/", "citation/sha-fu-fa/2020/42/")):
            notice_pages += 1                      # the notice, its text and annexes, its citations
        else:                                      # elsewhere only inside a quote taken from the notice
            assert _with_names(re.sub(r"<q[ >].*?</q>", "", text, flags=re.S), names) == [], rel
    assert entry_pages == 25 and notice_pages >= 1


def _outside_ignored(html: str) -> str:
    """The page's text with every data-pagefind-ignore element taken out (the elements that carry it here
    have no nested element of their own name)."""
    return re.sub(r"<(\w+)[^>]*data-pagefind-ignore[^>]*>.*?</\1>", "", html, flags=re.S)


def test_no_name_in_the_exports(seed_build, names):
    out, _ = seed_build
    files = [p for p in (out / "exports").rglob("*") if p.is_file()]
    assert files
    for p in files:
        assert _with_names(p.read_text(encoding="utf-8", errors="replace"), names) == [], p


def test_the_data_keeps_the_names(seed_build, names):
    nq = (seed_build[0] / "dumps" / "all.nq").read_text(encoding="utf-8")
    assert all(f'"{n}"@zh-Hans' in nq for n in names)
