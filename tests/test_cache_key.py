"""The cache key covers every file of code and data that can change an output, found recursively: a
change to any module of any package, or to the ontology, shapes, site, queries or registry, gives
another key (once, validation.py and records.py were missing, and a warm cache hid a broken build)."""
import shutil

import pytest

from publish.build.cache import code_fingerprint, code_folders, output_fingerprint
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A copy of the code and data folders, to change one file at a time."""
    root = tmp_path_factory.mktemp("code")
    folders = {}
    for name, path in code_folders().items():
        folders[name] = root / name
        shutil.copytree(path, folders[name], ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "sources" / "registry", root / "registry")
    return folders, root / "registry"


def _every_package_and_folder():
    out = []
    for name, path in code_folders().items():
        files = sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                       and f.suffix in (".py", ".ttl", ".html", ".css", ".csv", ".rq", ".js", ".mjs"))
        # the deepest file of each folder: a module of a sub-package is found as well as a top one
        out.append((name, max(files, key=lambda f: (len(f.relative_to(path).parts), str(f))).relative_to(path)))
    return out


@pytest.mark.parametrize("name,rel", _every_package_and_folder(), ids=lambda x: str(x))
def test_a_change_anywhere_changes_the_key(name, rel, copy):
    folders, registry = copy
    before = code_fingerprint(registry, folders), output_fingerprint(folders)
    f = folders[name] / rel
    text = f.read_bytes()
    f.write_bytes(text + b"\n")
    try:
        after = code_fingerprint(registry, folders), output_fingerprint(folders)
    finally:
        f.write_bytes(text)
    assert after[0] != before[0] and after[1] != before[1]
    assert code_fingerprint(registry, folders) == before[0]


@pytest.mark.parametrize("rel", ["publish/outputs/validation.py", "publish/outputs/records.py",
                                 "publish/outputs/dumps.py", "publish/sitegen/render.py"])
def test_the_modules_once_left_out_are_in(rel, copy):
    folders, registry = copy
    pkg, _, rest = rel.partition("/")
    f = folders[pkg] / rest
    before = code_fingerprint(registry, folders)
    text = f.read_bytes()
    f.write_bytes(text.replace(b'"""', b'""" ', 1))
    try:
        assert code_fingerprint(registry, folders) != before
    finally:
        f.write_bytes(text)


def test_a_registry_change_changes_the_key(copy):
    folders, registry = copy
    before = code_fingerprint(registry, folders)
    f = registry / "bodies.csv"
    text = f.read_bytes()
    f.write_bytes(text + b"\n")
    try:
        assert code_fingerprint(registry, folders) != before
    finally:
        f.write_bytes(text)
