"""The policy timeline as readers meet it (issue 20): a repealed document's page says by what and from
when, as SPARQL does; the status banner and the chain for chosen days, in Chromium; the history and
who followed a policy; and a repeal published in a later issue reaching the earlier document's page on
a rebuild in place."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import ROOT

NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(not (NODE and CHROMIUM and (ROOT / "node_modules" / "playwright-core").exists()),
                                   reason="needs node, Debian's chromium and `npm ci` (playwright-core); .ci/run installs them")
REPEALED = "eli/yu-guo-tu-fang-guan/2014/799"
REPEALING = "eli/yu-gui-zi-gui-fan/2020/8"


def _page(out, path):
    return (out / "site" / path / "index.html").read_text(encoding="utf-8")


def test_a_repealed_document_says_by_what_and_from_when(seed_build):
    out, _ = seed_build
    html = _page(out, REPEALED)
    status = html[html.index('<section class="status"'):html.index("</section>", html.index('<section class="status"'))]
    assert 'data-end="2020-07-01"' in status and 'data-ended-by="repeal"' in status
    assert "渝规资规范〔2020〕8号" in status and "2020年7月1日" in status and "1 July 2020" in status
    from publish.outputs.store import run_query
    from tests.test_sparql import rows_from_json
    q = ("PREFIX eli: <http://data.europa.eu/eli/ontology#> SELECT ?end ?by WHERE { "
         f"<https://gongbao.example.org/{REPEALED}> eli:date_no_longer_in_force ?end ; eli:repealed_by ?by }}")
    _, body = run_query(out, q, ["application/sparql-results+json"])
    assert rows_from_json(body) == [("2020-07-01", f"https://gongbao.example.org/{REPEALING}")]


def test_history_lists_what_happened_in_date_order_with_evidence(seed_build):
    html = _page(seed_build[0], REPEALING)
    history = html[html.index('<section class="history">'):]
    history = history[:history.index("</section>")]
    kinds = re.findall(r'<li class="event (\w+)">', history)
    # 2020-06-28 (it prints no 印发 line), 2020-07-01, then 127号 forwards it on 2020-11-16
    assert kinds == ["issued", "entry_into_force", "forwarded_by"]
    assert "forwarded_by" in kinds
    dates = re.findall(r'<time datetime="([\d-]+)">', history)
    assert dates == sorted(dates)
    assert "本通知自 2020 年 7 月 1 日起实施" in history       # the clause the date was read from


def test_a_followed_policy_lists_its_followers_with_the_lag(seed_build):
    html = _page(seed_build[0], "eli/zi-ran-zi-gui/2019/4")
    table = html[html.index('<section class="diffusion">'):]
    table = table[:table.index("</section>")]
    assert "沙府办发〔2020〕127号" in table and "渝规资规范〔2020〕8号" in table
    assert "<svg" in table                         # the timeline, drawn at build time
    index = _page(seed_build[0], "policies")
    assert "自然资规〔2019〕4号" in index and "diffusion.csv" in index


@pytest.fixture(scope="module")
def as_of(seed_build, tmp_path_factory):
    if not (NODE and CHROMIUM and (ROOT / "node_modules" / "playwright-core").exists()):
        pytest.skip("no browser")
    site = seed_build[0] / "site"
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    checks = [{"path": f"{p}/", "day": d} for p, d in (
        (REPEALING, "2020-06-30"), (REPEALING, "2020-07-01"), (REPEALED, "2020-06-30"), (REPEALED, "2020-07-01"))]
    try:
        cfg = tmp_path_factory.mktemp("asof") / "config.json"
        cfg.write_text(json.dumps({"base": f"http://127.0.0.1:{server.server_address[1]}/", "chromium": CHROMIUM,
                                   "checks": checks}), encoding="utf-8")
        r = subprocess.run([NODE, str(ROOT / "tests" / "browser" / "asof.mjs"), str(cfg)], capture_output=True,
                           text=True, timeout=300, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        return {(c["path"].rstrip("/"), c["day"]): c for c in json.loads(r.stdout)}
    finally:
        server.shutdown()


@needs_browser
@pytest.mark.parametrize("path,day,state,banner", [
    (REPEALING, "2020-06-30", "future", "尚未施行（自2020年7月1日起施行）"),
    (REPEALING, "2020-07-01", "in-force", "现行有效"),
    (REPEALED, "2020-06-30", "unknown", "未见施行或失效日期的记载"),
    (REPEALED, "2020-07-01", "ended", "已被渝规资规范〔2020〕8号废止（2020年7月1日起失效）"),
])
def test_the_banner_for_a_chosen_day(as_of, path, day, state, banner):
    assert (as_of[(path, day)]["state"], as_of[(path, day)]["banner"]) == (state, banner)


@needs_browser
def test_the_chain_as_it_stood_on_a_chosen_day(as_of):
    before, after = as_of[(REPEALING, "2020-06-30")], as_of[(REPEALING, "2020-07-01")]
    assert before["ended"] == []
    assert sorted(re.match(r".+?号", n).group() for n in after["ended"]) == ["渝国土房管〔2014〕799号", "渝规资〔2019〕413号"]
    # 127号 (issued 2020-11-16) had not yet cited anything in July
    assert any(n.startswith("沙府办发〔2020〕127号") for n in as_of[(REPEALED, "2020-07-01")]["notYet"])


def test_a_repeal_in_a_later_issue_reaches_the_earlier_page_on_a_rebuild_in_place(tmp_path):
    from benchmarks.corpus import generate
    made = generate(2, tmp_path / "all")
    src, later = tmp_path / "sources", made[1]
    src.mkdir()
    shutil.copy(made[0], src / made[0].name)
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build = [sys.executable, str(ROOT / "build.py"), "--sources", str(src), "--out", str(out), "--cache", str(cache)]
    assert subprocess.run(build, capture_output=True, text=True, timeout=600).returncode == 0
    earlier = out / "site" / "eli" / "sha-fu-fa" / "2001" / "75" / "index.html"
    assert 'data-ended-by="repeal"' not in earlier.read_text(encoding="utf-8")
    shutil.copy(later, src / later.name)
    # one issue of two is new: past the share of changed issues at which a build starts afresh, so raised
    r = subprocess.run(build, capture_output=True, text=True, timeout=600,
                       env={**os.environ, "GONGBAO_REBUILD_SHARE": "2"})
    assert r.returncode == 0, r.stderr
    assert "rebuild in place" in r.stdout
    html = earlier.read_text(encoding="utf-8")
    assert 'data-ended-by="repeal"' in html and "沙府发〔2001〕275号" in html


def _status_page(folder, name: str, s: dict) -> str:
    """A page holding the status block as the site's own template writes it, for dates the seed lacks."""
    from jinja2 import Environment, FileSystemLoader
    env = Environment(loader=FileSystemLoader(ROOT / "site" / "templates"), autoescape=True)
    block = env.from_string('{% import "timeline.html" as tl %}{{ tl.status(s) }}').render(s=s)
    (folder / name).mkdir(parents=True)
    (folder / name / "index.html").write_text(
        f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{name}</title>'
        f'<script src="../static/status.js" defer></script></head><body>{block}</body></html>', encoding="utf-8")
    return f"{name}/"


def _day(iso):
    from publish.sitegen.facts import day
    return day(iso)


@needs_browser
@pytest.mark.parametrize("name,s,day,state,banner", [
    # 有效期5年 from 2020-01-01: valid through 2024-12-31, its own last day included
    ("expiry", {"entry": "2020-01-01", "end": "2024-12-31", "last": "2024-12-31", "ended_by": "expiry"},
     "2024-12-31", "in-force", "现行有效"),
    ("expiry", {"entry": "2020-01-01", "end": "2024-12-31", "last": "2024-12-31", "ended_by": "expiry"},
     "2025-01-01", "ended", "已失效（有效期至2024年12月31日届满）"),
    # repealed by a published document that sets no date of its own
    ("undated-repeal", {"entry": "2019-01-01", "not_in_force": True, "repealed_by_name": "渝规资规范〔2020〕8号"},
     "2024-01-01", "ended", "已被渝规资规范〔2020〕8号废止（日期不详）"),
])
def test_the_banner_for_dates_the_seed_does_not_hold(tmp_path, name, s, day, state, banner):
    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    shutil.copy(ROOT / "site" / "static" / "status.js", site / "static" / "status.js")
    data = {k: (_day(v) if k in ("entry", "end", "last") else v) for k, v in s.items()}
    data.update(repealed_by=[], partially_repealed_by=[], amended_by=[])
    path = _status_page(site, name, data)
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cfg = tmp_path / "config.json"
        cfg.write_text(json.dumps({"base": f"http://127.0.0.1:{server.server_address[1]}/", "chromium": CHROMIUM,
                                   "checks": [{"path": path, "day": day}]}), encoding="utf-8")
        r = subprocess.run([NODE, str(ROOT / "tests" / "browser" / "asof.mjs"), str(cfg)], capture_output=True,
                           text=True, timeout=300, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        got = json.loads(r.stdout)[0]
    finally:
        server.shutdown()
    assert (got["state"], got["banner"]) == (state, banner)
