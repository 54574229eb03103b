"""IRIs and file names made from gazette text cannot leave the output folder."""
import pytest
from rdflib import Graph, URIRef

from mappings.terms import IRIs
from publish.sitegen.render import Site

BAD_KEYS = ["../../etc/passwd", "/etc/passwd", "a/../../b", "sha-fu-fa/2020/\n39", "x\x00y", "a//b", "a b", "..",
            "中文/2020/1"]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_iris_refuse_paths_that_escape(key):
    with pytest.raises(ValueError):
        IRIs("https://gongbao.example.org").document(key)


def test_iris_accept_what_the_parser_mints():
    assert str(IRIs("https://x.org/").document("sha-fu-fa/2020/39")) == "https://x.org/eli/sha-fu-fa/2020/39"
    assert str(IRIs("https://x.org").heritage_item("sha-fu-fa/2020/76", "VIII-50")).endswith("/heritage/item/sha-fu-fa/2020/76/VIII-50")


@pytest.mark.parametrize("iri", ["https://g.org/../../etc", "https://g.org/a/../../../b", "https://g.org/a\x01b", "https://g.org/"])
def test_site_refuses_pages_outside_the_site(iri, tmp_path):
    site = Site(Graph(), Graph(), "https://g.org", tmp_path, [])
    with pytest.raises(ValueError):
        path = site.path_of(URIRef(iri))
        site._write(path, "index.html", "x")
    assert not (tmp_path.parent / "etc").exists()


def test_unknown_codes_get_ascii_slugs(registry):
    from gazette.identity import ascii_slug
    slug = ascii_slug("渝中府发")
    assert slug.isascii() and "/" not in slug and ".." not in slug
    assert str(IRIs("https://g.org").document(f"{slug}/2021/12")).startswith("https://g.org/eli/x-")
