"""Accessibility and layout, in Debian's chromium: axe-core on one page of every type in both UI languages
finds no violation; the html element's lang follows the UI; no page scrolls sideways at 375 px."""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = pytest.mark.skipif(not (NODE and CHROMIUM and AXE.exists() and (ROOT / "node_modules" / "playwright-core").exists()),
                                reason="needs node, Debian's chromium and `npm ci` (axe-core, playwright-core); .ci/run installs them")

# one page of each type
PAGES = {
    "home": "", "issue": "issue/shapingba-2020-02/", "document with annexes": "eli/sha-fu-fa/2020/76/",
    "document with a chain": "eli/sha-fu-ban-fa/2020/127/", "document with a task table": "eli/sha-fu-ban-fa/2020/79/",
    "text": "eli/sha-fu-ban-fa/2020/127/zho/", "cited regulation": "eli/zi-ran-zi-gui/2019/4/",
    "document in force, with its history": "eli/yu-gui-zi-gui-fan/2020/8/", "repealed": "eli/yu-guo-tu-fang-guan/2014/799/",
    "date of force": "force/yu-gui-zi-gui-fan/2020/8/1/", "policies index": "policies/",
    "body": "org/cq-spb-government/", "citation": "citation/sha-fu-ban-fa/2020/127/1/",
    "heritage item": "heritage/item/sha-fu-fa/2020/76/VIII-50/", "category": "heritage/category/VIII/",
    "award": "award/sha-fu-fa/2020/42/1/", "award entry": "award/sha-fu-fa/2020/42/1/entry/7/",
    "glossary term": "glossary/cq-spb-government/2021-01-13/cb0f434705/glossary/1/",
    "control unit": "control-unit/ZH50010610001/", "task": "task/sha-fu-ban-fa/2020/79/2/9.2/",
    "source": "source/shapingba-2020-02/", "documents index": "documents/", "regulations index": "regulations/",
    "heritage index": "heritage/", "awards index": "awards/", "glossary index": "glossary/", "bodies index": "bodies/",
    "control units index": "control-units/", "search": "search/", "sparql": "sparql/", "report": "report/",
    "ontology": "ontology/",
}


@pytest.fixture(scope="module")
def axe_run(seed_build, tmp_path_factory):
    site = seed_build[0] / "site"
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cfg = tmp_path_factory.mktemp("axe") / "config.json"
        cfg.write_text(json.dumps({"base": f"http://127.0.0.1:{server.server_address[1]}/", "chromium": CHROMIUM,
                                   "languages": ["zh", "en"], "pages": list(PAGES.values())}), encoding="utf-8")
        r = subprocess.run([NODE, str(ROOT / "tests" / "browser" / "axe.mjs"), str(cfg)], capture_output=True,
                           text=True, timeout=600, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)
    finally:
        server.shutdown()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_violation(axe_run, kind, lang):
    assert axe_run[f"{lang} {PAGES[kind]}"]["violations"] == []


@pytest.mark.parametrize("lang,expected", [("zh", "zh-Hans"), ("en", "en")])
def test_the_page_language_follows_the_switch(axe_run, lang, expected):
    assert {axe_run[f"{lang} {p}"]["lang"] for p in PAGES.values()} == {expected}


@pytest.mark.parametrize("kind", PAGES)
def test_no_sideways_scrolling_at_375_px(axe_run, kind):
    assert [axe_run[f"{lang} {PAGES[kind]}"]["overflow"] for lang in ("zh", "en")] == [0, 0]
