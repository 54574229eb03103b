"""The cache at a folder and at an fsspec URL: the same entries, read back the same way."""
import shutil
from pathlib import Path

import pytest

from gazette.errors import GazetteError
from publish.build.cache import Cache
from publish.build.storage import local_folder, location


def round_trip(cache: Cache) -> None:
    key = cache.key("an issue")
    assert not cache.has("parse", key) and cache.get("parse", key) is None
    cache.put("parse", key, {"documents": ["沙府发〔2020〕39号"]})
    assert cache.has("parse", key) and cache.get("parse", key) == {"documents": ["沙府发〔2020〕39号"]}
    assert not cache.file("nt", key, "nt").exists()
    cache.write_file("nt", key, "nt", "<a> <b> \"公报\" .\n")
    assert cache.has_file("nt", key, "nt")
    # the whole-corpus steps read an entry as a file of this machine
    assert cache.file("nt", key, "nt").read_text(encoding="utf-8") == "<a> <b> \"公报\" .\n"
    cache.remove("nt", key, "nt")
    assert not cache.has_file("nt", key, "nt")


def test_a_folder(tmp_path):
    round_trip(Cache(tmp_path / "cache", "code"))
    assert not [p for p in (tmp_path / "cache").rglob("*.tmp")]


def test_a_file_url(tmp_path):
    pytest.importorskip("fsspec")
    cache = Cache((tmp_path / "cache").as_uri(), "code")
    round_trip(cache)
    assert cache.files.shared and list((tmp_path / "cache" / "parse").rglob("*.pickle"))


def test_the_memory_file_system_is_one_process_only():
    fsspec = pytest.importorskip("fsspec")
    cache = Cache("memory://gongbao-storage-test", "code")
    try:
        round_trip(cache)
        assert not cache.files.shared
    finally:
        fsspec.filesystem("memory").rm("/gongbao-storage-test", recursive=True)
        shutil.rmtree(cache.files.mirror, ignore_errors=True)


def test_the_same_key_wherever_the_cache_is(tmp_path):
    pytest.importorskip("fsspec")
    assert Cache(tmp_path, "code").key("x", b"y") == Cache("memory://elsewhere", "code").key("x", b"y")


def test_where_the_cache_is_named():
    assert location("s3://bucket/gongbao") == "s3://bucket/gongbao"
    assert location(".cache/gongbao") == Path(".cache/gongbao")
    assert local_folder("file:///srv/cache") == Path("/srv/cache") and local_folder("s3://b/c") is None


def test_an_unknown_protocol_is_one_line():
    pytest.importorskip("fsspec")
    with pytest.raises(GazetteError, match="cannot use this cache location"):
        Cache("nosuchprotocol://x", "code")
