"""The static hosts' configuration, written beside the site, so that a host does for resource IRIs what
`serve` does: a resource's IRI (no trailing slash) names the thing, not a document, and answers 303 See
Other to its page `…/` (where the page's relative links work) or to the data file the client asked for;
the page's folder `…/` is negotiated on Accept; the data files carry their charset (a `text/turtle` with
none shows Chinese as mojibake).

- `.htaccess`: Apache (mod_rewrite, mod_headers, mod_mime), read from the site folder itself;
- `nginx.conf`: nginx, a snippet to include in the site's `server {}` block;
- `_headers` and `_redirects`: Netlify- and Cloudflare-Pages-style hosts. They redirect by path alone and
  cannot negotiate on Accept: a resource IRI goes to its page, and the data files are reached by name.

Neither Apache nor nginx can weigh q-values in a rule: they take the first of the site's media types that
the Accept header names, as clients name the type they prefer first. `serve` weighs q-values as well.
"""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from mappings.terms import ROOTS

# a page's descriptions, by media type, in the order `serve` lists them in its Link header
DESCRIPTIONS = (("text/turtle", "index.ttl"), ("application/ld+json", "index.jsonld"), ("text/html", "index.html"))
DATA = tuple(d for d in DESCRIPTIONS if d[0] != "text/html")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# the site's files whose type a host's own table may not know, all of them UTF-8 text
DATA_MEDIA = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
              ".nq": "application/n-quads", ".trig": "application/trig", ".rq": "application/sparql-query"}
# … and the exports (nginx's mime.types does not know .csv)
TYPED = {**DATA_MEDIA, ".csv": "text/csv"}
# IRIs are minted under these roots; the dumps are files of their own
RESOURCE_ROOTS = tuple(r for r in ROOTS if r != "dumps")
FILES = (".htaccess", "nginx.conf", "_headers", "_redirects")
# a path the configurations can carry as it is: no quoting, no escaping, no decoding to agree on
PLAIN_PATH = re.compile(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")


def path_prefix(base: str) -> str:
    """The path the site is served under: '' for https://host, '/gb' for https://host/gb/."""
    return urllib.parse.urlsplit(base).path.rstrip("/")


def literal(text: str) -> str:
    """`text` as a PCRE that matches it, with no backslash: Apache and nginx each unquote backslashes their
    own way. Media types, roots and paths hold no regex character but `.` and `+`."""
    if re.search(r"[\\^$*?()\[\]{}|]", text):
        raise ValueError(f"not a plain name: {text!r}")
    return re.sub(r"[.+]", lambda m: f"[{m[0]}]", text)


def prefers(media: str) -> str:
    """A regular expression (PCRE, as Apache and nginx read them; matched ignoring case) for an Accept
    header whose first type among the site's own is `media`."""
    known = "|".join(literal(m) for m in HTML_TYPES + tuple(m for m, _ in DATA))
    return f"^(?:(?!{known}).)*{literal(media)}"


def link_header(page: str) -> str:
    """The Link header `serve` sends with a 303: every description of the page at `page` (ends in /)."""
    return ", ".join(f'<{page}{name}>; rel="alternate"; type="{media}"' for media, name in DESCRIPTIONS)


def _roots() -> str:
    return "(?:" + "|".join(literal(r) for r in RESOURCE_ROOTS) + ")"


def _quoted(text: str) -> str:
    """An argument in double quotes, as both Apache and nginx read one (\\" is a quote)."""
    return '"' + text.replace('"', '\\"') + '"'


def htaccess(prefix: str) -> str:
    resource = f"^({_roots()}(?:/[^/]+)*)$"
    folder = f"^({_roots()}(?:/[^/]+)*/)$"
    lines = [
        "# Gongbao: Apache serves resource IRIs as `gongbao serve` does. Written by the build.",
        "# Needs mod_rewrite, mod_headers and mod_mime (a2enmod rewrite headers), and for this folder",
        f"# AllowOverride FileInfo and Options FollowSymLinks. The site is served at {prefix or '/'} (the path",
        "# of --base).",
        "",
        "# the types Apache's own table may not know, and the charset of the data, the exports and the pages",
        *(f"AddType {media} {ext}" for ext, media in TYPED.items()),
        "AddCharset utf-8 " + " ".join((*TYPED, ".html")),
        "",
        "RewriteEngine On",
        f"RewriteBase {prefix}/",
        "",
        "# the description asked for (GB_DATA): the first of the site's media types that Accept names;",
        "# none, the page",
    ]
    for media, name in DATA:
        lines += [f"RewriteCond %{{HTTP:Accept}} {_quoted(prefers(media))} [NC]",
                  f"RewriteRule ^ - [E=GB_DATA:{name}]"]
    lines += [
        "",
        "# a resource's IRI names the thing: 303 See Other to the data file asked for, or to the page at …/,",
        "# where its relative links work; with the page's descriptions in a Link header (GB_LINK), when it",
        "# has data (an index page has none)",
        "RewriteCond %{REQUEST_FILENAME}/index.ttl -f",
        f"RewriteRule {_quoted(resource)} - [E=GB_LINK:{prefix}/$1/]",
        "RewriteCond %{ENV:GB_DATA} .",
        "RewriteCond %{REQUEST_FILENAME}/%{ENV:GB_DATA} -f",
        f"RewriteRule {_quoted(resource)} {prefix}/$1/%{{ENV:GB_DATA}} [R=303,L]",
        "RewriteCond %{REQUEST_FILENAME}/index.html -f",
        f"RewriteRule {_quoted(resource)} {prefix}/$1/ [R=303,L]",
        "",
        "# the page's folder, negotiated: the data file asked for in place of index.html",
        "RewriteCond %{ENV:GB_DATA} .",
        "RewriteCond %{REQUEST_FILENAME}/%{ENV:GB_DATA} -f",
        f"RewriteRule {_quoted(folder)} $1%{{ENV:GB_DATA}} [L]",
        "",
        "Header always merge Vary Accept",
        f"Header always set Link {_quoted(link_header('%{GB_LINK}e'))} env=GB_LINK",
    ]
    return "\n".join(lines) + "\n"


def nginx(prefix: str) -> str:
    """A snippet for the site's `server {}` block (nginx reads no file from the site by itself)."""
    lines = [
        "# Gongbao: nginx serves resource IRIs as `gongbao serve` does. Written by the build.",
        f"# Include it in the site's server {{}} block, whose root holds the site at {prefix or '/'} (the path",
        "# of --base): with no path, root is the site folder itself:",
        "#     server { listen 80; root /srv/gongbao/site; include /srv/gongbao/site/nginx.conf; }",
        "",
        "charset utf-8;",
        "",
        "# the data files and the exports, typed here (nginx's mime.types may not know them), with their charset",
    ]
    for ext, media in TYPED.items():
        lines += [f"location ~ {_quoted(f'^{literal(prefix)}/.+{literal(ext)}$')} {{",
                  "    types { }",
                  f"    default_type {_quoted(media + '; charset=utf-8')};",
                  "    add_header Vary Accept always;",
                  "}"]
    choose = ['    set $gongbao_data "";',
              *(f"    if ($http_accept ~* {_quoted(prefers(media))}) {{ set $gongbao_data {name}; }}"
                for media, name in DATA)]
    lines += [
        "",
        "# a resource's IRI names the thing: 303 See Other to the data file asked for (the first of the",
        "# site's media types that Accept names), or to the page at …/, where its relative links work; with",
        "# the page's descriptions in a Link header, when it has data (an index page has none)",
        f"location ~ {_quoted(f'^{literal(prefix)}/{_roots()}(?:/[^/]+)*$')} {{",
        "    add_header Vary Accept always;",
        *choose,
        '    set $gongbao_page "";',
        "    if (-f $request_filename/index.html) { set $gongbao_page $uri/; }",
        '    if (!-f $request_filename/$gongbao_data) { set $gongbao_data ""; }',
        '    set $gongbao_link "";',
        f"    if (-f $request_filename/index.ttl) {{ set $gongbao_link {_quoted(link_header('${uri}/'))}; }}",
        "    if ($gongbao_page) {",
        "        add_header Vary Accept always;",
        "        add_header Link $gongbao_link always;",
        "        return 303 $gongbao_page$gongbao_data;",
        "    }",
        "}",
        "",
        "# the page's folder, negotiated: the data file asked for in place of index.html; a folder with no",
        "# page is not found (as `serve` says), not forbidden",
        f"location ~ {_quoted(f'^{literal(prefix)}/{_roots()}(?:/[^/]+)*/$')} {{",
        "    add_header Vary Accept always;",
        *choose,
        "    if (-f $request_filename$gongbao_data) { rewrite ^ $uri$gongbao_data last; }",
        "    if (!-f ${request_filename}index.html) { return 404; }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def headers(prefix: str) -> str:
    lines = ["# Gongbao: the type and charset of the data files and exports, for Netlify- and Cloudflare-Pages-",
             "# style hosts. Written by the build. These hosts cannot negotiate on Accept (see _redirects)."]
    for ext, media in TYPED.items():
        lines += [f"{prefix}/*{ext}", f"  Content-Type: {media}; charset=utf-8"]
    return "\n".join(lines) + "\n"


def redirects(prefix: str, pages: list[str]) -> str:
    """One rule per page: a pattern would also match the page's own folder on hosts that ignore the
    trailing slash in rules (a loop), and would send an unknown IRI somewhere rather than to 404."""
    order = {r: i for i, r in enumerate(RESOURCE_ROOTS)}
    # documents and bodies first: a host that keeps only so many rules (Cloudflare Pages: 2,000) keeps
    # those of the IRIs most cited from outside
    ranked = sorted(pages, key=lambda p: (order.get(p.split("/")[0], len(order)), p))
    lines = ["# Gongbao: a resource's IRI answers 303 See Other to its page at …/, where its relative links work.",
             "# Written by the build. These hosts redirect by path alone and cannot negotiate on Accept: a client",
             "# that wants data follows the page's <link rel=\"alternate\"> or asks for …/index.ttl by name."]
    lines += [f"{prefix}/{p} {prefix}/{p}/ 303" for p in ranked]
    return "\n".join(lines) + "\n"


def hosting_files(base: str, pages) -> dict[str, str]:
    """Each configuration file's name and text, for a site whose IRIs are under `base` and whose pages are
    at `pages` (paths in the site, as `Site.path_of` gives them)."""
    prefix = path_prefix(base)
    if prefix and not PLAIN_PATH.fullmatch(prefix.lstrip("/")):
        raise ValueError(f"the path of --base, {prefix!r}, is not one the hosts' configurations can carry as "
                         "it is (letters, digits and . _ ~ - between slashes)")
    pages = sorted(set(pages))
    odd = [p for p in pages if not PLAIN_PATH.fullmatch(p)]
    if odd:
        raise ValueError(f"a page path the hosts' configurations cannot carry: {odd[0]!r}")
    return {".htaccess": htaccess(prefix), "nginx.conf": nginx(prefix), "_headers": headers(prefix),
            "_redirects": redirects(prefix, pages)}


def write_hosting(site_dir: Path, base: str, pages, log=print) -> None:
    """The configuration files, written into the site folder; none, said in one line, when the base's path
    cannot be carried (the site itself works without them)."""
    try:
        files = hosting_files(base, pages)
    except ValueError as e:
        log(f"  site: no static-host configuration: {e}")
        return
    for name, text in files.items():
        with open(site_dir / name, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
