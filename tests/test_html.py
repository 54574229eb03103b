"""Every page of the seed's site is valid HTML, by the Nu Html Checker (vnu.jar, the W3C validator's engine,
from npm's vnu-jar, run on the machine's Java)."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(not (VNU.exists() and JAVA),
                                reason="needs Java and `npm ci` (vnu-jar); .ci/run installs them")


def test_every_page_is_valid_html(seed_build):
    site = seed_build[0] / "site"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert len(pages) > 400
    r = subprocess.run([JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                       capture_output=True, text=True, timeout=600)
    messages = json.loads(r.stderr or r.stdout or '{"messages": []}')["messages"]
    assert [(m.get("url", "").rsplit("/site/", 1)[-1], m.get("lastLine"), m["message"]) for m in messages] == []
