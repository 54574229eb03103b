import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazette.corpus import read_issue  # noqa: E402
from gazette.registry import load_registry  # noqa: E402

SEED = ROOT / "sources" / "gazettes" / "shapingba-2020-02.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """One full build of the seed issue, shared by the tests that only read what it wrote."""
    import subprocess
    out = tmp_path_factory.mktemp("seed-build") / "dist"
    r = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(out)], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    return out, r.stdout


def held_build(*args: str) -> list[str]:
    """The real command line, held for a minute just before it swaps its finished output in: the moment
    the interruption tests need. The hold is put in here, so the build itself has no test-only path."""
    code = (f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); import publish.build.pipeline as p; "
            "swap = p.replace_dir; p.replace_dir = lambda *a, **k: (time.sleep(60), swap(*a, **k))[1]; "
            "from publish.cli import main; sys.exit(main(sys.argv[1:]))")
    return [sys.executable, "-c", code, *args]


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture(scope="session")
def seed(registry):
    return read_issue(SEED, registry)


@pytest.fixture(scope="session")
def seed_lines():
    return SEED.read_text(encoding="utf-8").split("\n")


def doc(records, number_or_title):
    for d in records.parsed.documents:
        if (d.number and d.number.canonical == number_or_title) or d.title == number_or_title:
            return d
    raise KeyError(number_or_title)


@pytest.fixture(scope="session")
def seed_server(seed_build):
    """`build.py serve` on the shared seed build, on a free loopback port."""
    import re
    import subprocess
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--out", str(seed_build[0]),
                             "--port", "0", "--timeout", "2", "--client-timeout", "3"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://([\d.]+):(\d+)/", line)
    assert m, line + proc.stderr.read()
    yield {"url": f"http://{m[1]}:{m[2]}", "host": m[1], "port": int(m[2]), "line": line, "proc": proc}
    proc.terminate()
    proc.wait(timeout=30)


# the slow tier: a test that starts a build, a server, a reasoner or a browser (a subprocess), or reads a
# full build. `pytest -m "not slow"` runs the rest: the parser, mappers, command-line parsing, vocabulary
# and architecture tests.
SLOW_FIXTURES = {"seed_build", "seed_server", "previous", "built", "corpus_result"}
SLOW_MODULES = {"test_bad_input", "test_build", "test_corpus", "test_http_limits", "test_input_catalogue",
                "test_output_safety", "test_publish", "test_rebuild", "test_site", "test_sparql", "test_reconcile",
                "test_ontology", "test_graph", "test_protocol", "test_timeline", "test_cluster"}


def pytest_collection_modifyitems(config, items):
    import inspect
    for item in items:
        fn = getattr(item, "function", None)
        source = inspect.getsource(fn) if fn is not None else ""
        module = item.module.__name__.rpartition(".")[2] if getattr(item, "module", None) else ""
        if module in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) \
                or "subprocess" in source or "cli.main" in source:
            item.add_marker(pytest.mark.slow)
