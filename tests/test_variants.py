"""Variants of the seed text (other wrap widths, moved headers and page breaks) give the same records."""
import pytest

from gazette.corpus import read_issue
from gazette.identity import normalise_title
from tests.conftest import SEED
from tests.variants import move_headers, move_page_breaks, rewrap


def _records(rec):
    docs = [(d.key, d.title, d.genre, tuple(d.issuers), d.date_document, d.printed_by and d.printed_by.date,
             tuple(d.recipients), tuple(d.attachments), tuple(a.title for a in d.annexes)) for d in rec.parsed.documents]
    cites = sorted((c.citing, c.cited, c.relation, normalise_title(c.title or ""), c.number or "") for c in rec.citations)
    tables = {k: [(getattr(r, "name", None) or getattr(r, "term", None) or getattr(r, "code", None)) for r in v]
              for k, v in rec.tables.items() if k != "tasks"}
    return docs, cites, tables


@pytest.fixture(scope="module")
def expected(seed):
    return _records(seed)


VARIANTS = {
    "rewrapped at 40": lambda t: rewrap(t, 40),
    "rewrapped at 48": lambda t: rewrap(t, 48),
    "headers moved": move_headers,
    "headers moved (every 23)": lambda t: move_headers(t, 23),
    "page breaks moved": move_page_breaks,
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_gives_same_records(name, expected, registry, tmp_path):
    path = tmp_path / "variant.txt"
    path.write_text(VARIANTS[name](SEED.read_text(encoding="utf-8")), encoding="utf-8")
    rec = read_issue(path, registry, issue_key="shapingba-2020-02")
    docs, cites, tables = _records(rec)
    assert docs == expected[0]
    assert cites == expected[1]
    assert tables == expected[2]
    assert "unaccounted" not in rec.parsed.coverage.values()
