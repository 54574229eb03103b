"""Resource IRIs dereferenced the Linked Data way, checked the same way on `serve` and on Debian's Apache
and nginx, started on loopback and serving the seed's site with the configuration the build writes beside
it (publish/sitegen/hosting.py), at the root and under a path (a --base with a path)."""
import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from publish.sitegen import hosting
from publish.server import http as server_http

APACHE = Path("/usr/sbin/apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
NGINX = Path("/usr/sbin/nginx")
BASE = "https://gongbao.example.org"
DOC = "/eli/sha-fu-fa/2020/39"
ITEM = "/heritage/item/sha-fu-fa/2020/76/VIII-50"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
DATA_FILES = {"text/turtle": "index.ttl", "application/ld+json": "index.jsonld"}
# N-Triples per resource: made by serve from the Turtle, not a file of the static site
MADE = {"application/n-triples": "index.nt"}
# (Accept, the description it asks for): clients that list the type they prefer first, as real ones do
ASKS = [("text/html", ""), (BROWSER, ""), ("*/*", ""), ("text/turtle", "index.ttl"),
        ("application/n-triples", "index.nt"), ("application/ld+json", "index.jsonld"),
        ("text/turtle, application/n-triples;q=0.9, application/ld+json;q=0.8, text/html;q=0.1", "index.ttl"),
        ("application/ld+json, text/turtle;q=0.5, */*;q=0.1", "index.jsonld")]
HOSTS = [("serve", ""), ("apache", ""), ("apache", "/gb"), ("nginx", ""), ("nginx", "/gb")]


# --- the configuration, without a server ------------------------------------------------------------
def test_the_hosts_know_what_serve_knows():
    """The tables the configuration is written from are serve's own (sitegen cannot import the server)."""
    assert dict(hosting.DESCRIPTIONS) == server_http.BUILT_FILES
    assert [m for m in server_http.PAGE_FILES if m not in MADE] == list(dict(hosting.DESCRIPTIONS))   # Link's order
    assert {m: n for m, n in server_http.PAGE_FILES.items() if m not in server_http.BUILT_FILES} == MADE
    assert hosting.DATA_MEDIA == server_http.MEDIA
    assert hosting.RESOURCE_ROOTS == server_http.RESOURCE_ROOTS


def test_the_configuration_is_the_same_for_the_same_site_and_carries_the_base_path():
    pages = ["org/b", "eli/a/2020/1", "eli/a/2020/1/zho"]
    one, two = hosting.hosting_files(BASE, pages), hosting.hosting_files(BASE + "/", list(reversed(pages)))
    assert one == two and set(one) == set(hosting.FILES)
    gb = hosting.hosting_files(BASE + "/gb/", pages)
    assert "RewriteBase /gb/\n" in gb[".htaccess"] and "RewriteBase /\n" in one[".htaccess"]
    assert '"^/gb/(?:eli|' in gb["nginx.conf"] and "\n/gb/*.ttl\n" in gb["_headers"]
    # documents first, then bodies: the IRIs a host that keeps only so many rules should keep
    assert gb["_redirects"].splitlines()[3:] == ["/gb/eli/a/2020/1 /gb/eli/a/2020/1/ 303",
                                                 "/gb/eli/a/2020/1/zho /gb/eli/a/2020/1/zho/ 303",
                                                 "/gb/org/b /gb/org/b/ 303"]


@pytest.mark.parametrize("base", ["https://x.org/a b", "https://x.org/%E5%85%AC", 'https://x.org/a"b'])
def test_a_base_path_the_configuration_cannot_carry_writes_none(base, tmp_path):
    said = []
    hosting.write_hosting(tmp_path, base, ["eli/a/2020/1"], said.append)
    assert not list(tmp_path.iterdir()) and "no static-host configuration" in said[0]


@pytest.mark.parametrize("accept,wants", [
    ("text/turtle", "text/turtle"), ("TEXT/Turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("text/html, text/turtle", None), ("text/turtle, text/html", "text/turtle"),
    ("application/xhtml+xml, application/ld+json", None), ("*/*", None), ("", None), ("application/rdf+xml", None),
    ("application/rdf+xml, application/n-triples;q=0.9", None), ("application/n-triples, text/turtle", "text/turtle")])
def test_the_hosts_take_the_first_of_the_sites_types_the_accept_header_names(accept, wants):
    chosen = [m for m, _ in hosting.DATA if re.search(hosting.prefers(m), accept, re.I)]
    assert chosen == ([wants] if wants else [])


# --- the servers ----------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _site_under(seed_site: Path, root: Path, prefix: str) -> Path:
    """A copy of the seed's site (hard links) where the servers' unprivileged workers can read it (pytest's
    folders are root's alone), at the base's path; under a path, with the configuration for that base."""
    site = root / "docroot" / prefix.strip("/") if prefix else root / "docroot"
    ignore = shutil.ignore_patterns(*hosting.FILES) if prefix else None
    shutil.copytree(seed_site, site, copy_function=_link_or_copy, ignore=ignore)
    if prefix:
        pages = [str(p.parent.relative_to(site)) for p in site.rglob("index.ttl")]
        hosting.write_hosting(site, BASE + prefix, pages)
    for folder in [root, *root.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o755)
    return site


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _apache_conf(root: Path, docroot: Path, port: int) -> str:
    modules = ["mpm_event", "authz_core", "mime", "dir", "rewrite", "headers"]
    return "\n".join([
        *(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules),
        f"ServerRoot {root}", f"DefaultRuntimeDir {root}", f"PidFile {root}/httpd.pid",
        f"ErrorLog {root}/error.log", "LogLevel warn", "ServerName 127.0.0.1", f"Listen 127.0.0.1:{port}",
        "User www-data", "Group www-data", "TypesConfig /etc/mime.types", "DirectoryIndex index.html",
        f"DocumentRoot {docroot}",
        f"<Directory {docroot}>", "  Options FollowSymLinks", "  AllowOverride FileInfo", "  Require all granted",
        "</Directory>",
        '<FilesMatch "^\\.ht">', "  Require all denied", "</FilesMatch>", ""])


def _nginx_conf(root: Path, docroot: Path, site: Path, port: int) -> str:
    temp = " ".join(f"{k}_temp_path {root}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"user www-data www-data; worker_processes 1; pid {root}/nginx.pid; error_log {root}/error.log warn;\n"
            "events { worker_connections 64; }\n"
            "http {\n  include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;\n"
            f"  {temp}\n"
            f"  server {{ listen 127.0.0.1:{port}; server_name localhost; root {docroot}; include {site}/nginx.conf; }}\n"
            "}\n")


def _start(kind: str, seed_site: Path, prefix: str):
    binary = APACHE if kind == "apache" else NGINX
    if not binary.exists():
        pytest.skip(f"{binary} is not installed (Debian's {'apache2' if kind == 'apache' else 'nginx'}; .ci/run "
                    "installs it)")
    root = Path(tempfile.mkdtemp(prefix=f"gongbao-{kind}-"))
    site = _site_under(seed_site, root, prefix)
    docroot = root / "docroot"
    for attempt in range(3):        # a free port can be taken between asking and binding
        port = _free_port()
        conf = root / f"{kind}.conf"
        if kind == "apache":
            conf.write_text(_apache_conf(root, docroot, port), encoding="utf-8")
            cmd = [str(binary), "-d", str(root), "-f", str(conf), "-DFOREGROUND"]
        else:
            conf.write_text(_nginx_conf(root, docroot, site, port), encoding="utf-8")
            cmd = [str(binary), "-p", f"{root}/", "-c", str(conf), "-e", f"{root}/error.log", "-g", "daemon off;"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc, port, root
            except OSError:
                time.sleep(0.05)
        out = proc.communicate(timeout=10)[0].decode(errors="replace") if proc.poll() is not None else ""
        log = (root / "error.log").read_text(errors="replace") if (root / "error.log").exists() else ""
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if "Address already in use" not in out + log or attempt == 2:
            shutil.rmtree(root, ignore_errors=True)
            pytest.fail(f"{kind} did not start: {cmd}\n{out}\n{log}")


@pytest.fixture(scope="module", params=HOSTS, ids=[k + p for k, p in HOSTS])
def host(request, seed_build):
    """Where the site is served: a host, a port and the base's path, the same checks for each."""
    kind, prefix = request.param
    if kind == "serve":
        s = request.getfixturevalue("seed_server")
        yield {"kind": kind, "host": s["host"], "port": s["port"], "prefix": ""}
        return
    proc, port, root = _start(kind, seed_build[0] / "site", prefix)
    yield {"kind": kind, "host": "127.0.0.1", "port": port, "prefix": prefix}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(root, ignore_errors=True)


def _get(host, path, accept=None, prefixed=False):
    """One request (to `path` under the base's path, unless it is `prefixed` already), no redirect followed."""
    conn = http.client.HTTPConnection(host["host"], host["port"], timeout=30)
    conn.request("GET", path if prefixed else host["prefix"] + path,
                 headers={"Accept": accept} if accept is not None else {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r, body


def _follow(host, path, accept):
    req = urllib.request.Request(f"http://{host['host']}:{host['port']}{host['prefix']}{path}",
                                 headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def _varies_on_accept(r) -> bool:
    return "accept" in {v.strip().lower() for v in (r.getheader("Vary") or "").split(",")}


@pytest.mark.parametrize("iri", [DOC, ITEM])
@pytest.mark.parametrize("accept,description", ASKS)
def test_a_resource_iri_sees_other_to_its_description(host, iri, accept, description):
    """The IRI copied from the data names the thing; its page (where relative links work) and its data
    files are documents of their own: 303 See Other, with Vary and the alternates in Link."""
    r, _ = _get(host, iri, accept)
    page = host["prefix"] + iri + "/"
    if description in MADE.values() and host["kind"] != "serve":
        description = ""       # a static host has no N-Triples to give: the page, whose links name what there is
    assert r.status == 303 and urlsplit(r.getheader("Location")).path == page + description
    assert _varies_on_accept(r)
    link = r.getheader("Link") or ""
    for media, name in hosting.DESCRIPTIONS:
        assert f'<{page}{name}>; rel="alternate"; type="{media}"' in link, link


@pytest.mark.parametrize("iri,described", [(DOC, True), (ITEM, True), ("/heritage", False)])
def test_what_a_303_links_to_is_there(host, iri, described):
    """A page's descriptions are linked from its IRI's 303; an index page (under a root IRIs are minted
    in, as /heritage/ is) has none, and names none that is not there."""
    r, _ = _get(host, iri, "text/html")
    assert r.status == 303 and urlsplit(r.getheader("Location")).path == host["prefix"] + iri + "/"
    linked = re.findall(r"<([^>]+)>", r.getheader("Link") or "")
    assert len(linked) == len(hosting.DESCRIPTIONS) + (host["kind"] == "serve") if described \
        else "index.ttl" not in " ".join(linked)
    for path in linked:
        assert _get(host, path, prefixed=True)[0].status == 200, path


def test_serve_makes_a_resources_n_triples_from_its_turtle(seed_server, seed_build):
    import pyoxigraph as ox
    host = {"host": seed_server["host"], "port": seed_server["port"], "prefix": ""}
    status, headers, body = _follow(host, DOC, "application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    ttl = seed_build[0] / "site" / DOC.strip("/") / "index.ttl"
    assert {str(t) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)} == \
        {str(t) for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)}
    assert body == _get(host, DOC + "/index.nt")[1]          # by its name too, the same bytes


@pytest.mark.parametrize("media,name", DATA_FILES.items())
def test_a_negotiated_resource_is_served_from_its_built_file(host, seed_build, media, name):
    status, headers, body = _follow(host, DOC, media)
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert body == (seed_build[0] / "site" / DOC.strip("/") / name).read_bytes()
    _says_utf8(headers["Content-Type"], media)


@pytest.mark.parametrize("accept,description", ASKS)
def test_a_pages_folder_is_negotiated(host, seed_build, accept, description):
    r, body = _get(host, DOC + "/", accept)
    if description in MADE.values():
        if host["kind"] != "serve":
            description = ""
        else:
            pytest.skip("serve's N-Triples are made, not a file: test_serve_makes_a_resources_n_triples_from_its_turtle")
    assert r.status == 200 and _varies_on_accept(r)
    assert body == (seed_build[0] / "site" / DOC.strip("/") / (description or "index.html")).read_bytes()
    media = next((m for m, n in DATA_FILES.items() if n == description), "text/html")
    assert r.getheader("Content-Type").startswith(media)
    _says_utf8(r.getheader("Content-Type"), media)


def _says_utf8(content_type: str, media: str) -> None:
    """Text is served with its charset (a text/turtle without one shows Chinese as mojibake); what else
    names a charset names UTF-8."""
    params = {k.strip().lower(): v.strip().lower() for k, _, v in (p.partition("=") for p in content_type.split(";")[1:])}
    assert params.get("charset", "utf-8") == "utf-8", content_type
    if media.startswith("text/"):
        assert "charset" in params, content_type


@pytest.mark.parametrize("path", [DOC + "/index.ttl", "/dumps/all.ttl", "/dumps/all.nt", "/dumps/all.nq",
                                  "/dumps/all.trig", "/dumps/all.jsonld", DOC + "/index.jsonld",
                                  "/exports/heritage-items.csv"])
def test_the_data_files_by_name_carry_their_type_and_charset(host, path):
    r, body = _get(host, path)
    media = hosting.TYPED[Path(path).suffix]
    assert r.status == 200 and body and r.getheader("Content-Type").startswith(media)
    _says_utf8(r.getheader("Content-Type"), media)
    if host["kind"] != "serve":      # the static hosts' configuration names the charset of every data file
        assert "charset=utf-8" in r.getheader("Content-Type").lower().replace(" ", "")


@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json",
                                    "text/html"])
@pytest.mark.parametrize("iri", ["/eli/no-such/2020/1", "/eli/no-such/2020/1/", DOC + "/nothing"])
def test_an_unknown_iri_is_404_in_every_format(host, iri, accept):
    assert _get(host, iri, accept)[0].status == 404


def test_the_build_writes_the_configuration_for_its_base_and_pages(seed_build):
    site = seed_build[0] / "site"
    pages = [str(p.parent.relative_to(site)) for p in site.rglob("index.ttl")]
    assert len(pages) > 400
    for name, text in hosting.hosting_files(BASE, pages).items():
        assert (site / name).read_text(encoding="utf-8") == text, name
    redirects = (site / "_redirects").read_text(encoding="utf-8")
    assert f"\n{DOC} {DOC}/ 303\n" in redirects


def test_a_rebuild_in_place_lists_the_pages_it_adds(tmp_path):
    """_redirects names every page: a rebuild in place that adds one (a new citation) writes it again."""
    import sys
    from tests.conftest import ROOT
    from tests.test_corpus import corpus
    build = [sys.executable, str(ROOT / "build.py"), "--registry", str(ROOT / "sources" / "registry"),
             "--cache", str(tmp_path / "cache")]
    src, out = corpus(tmp_path), tmp_path / "dist"
    subprocess.run(build + ["--sources", str(src), "--out", str(out)], check=True, capture_output=True, timeout=600)
    before = (out / "site" / "_redirects").read_text(encoding="utf-8")
    f = src / "yuzhong" / "yuzhong-2021-03.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("一、落实防汛责任。", "一、落实防汛责任。根据《中华人民共和国防洪法》，", 1),
                 encoding="utf-8")
    r = subprocess.run(build + ["--sources", str(src), "--out", str(out)], capture_output=True, text=True, timeout=600,
                       env={**os.environ, "GONGBAO_REBUILD_SHARE": "2"})
    assert r.returncode == 0 and f"updated {out}" in r.stdout, r.stdout + r.stderr
    site = out / "site"
    pages = [str(p.parent.relative_to(site)) for p in site.rglob("index.ttl")]
    assert len(pages) == len(before.splitlines()) - 3 + 1
    for name, text in hosting.hosting_files(BASE, pages).items():
        assert (site / name).read_text(encoding="utf-8") == text, name
