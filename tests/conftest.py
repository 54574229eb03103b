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
