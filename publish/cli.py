"""The command line: `gongbao` (after pip install) or `python build.py`.

    gongbao [build] [--sources PATH] [--out DIR] …      build every issue under PATH into DIR
    gongbao query 'SELECT …' [--file q.rq] [--format table|json|csv] [--build DIR]
    gongbao serve [--host 127.0.0.1] [--port 8000] [--build DIR]
    gongbao publish --endpoint URL [--user U --password P] [--build DIR]
    gongbao score [--corpus DIR] [--json]              the parser's accuracy against gold files

Each subcommand takes only its own options, in any order; a foreign option is an error. `build` is
the default, so `python build.py` and `python build.py --out X` build. `--build DIR` names the build
that query, serve and publish read (`--out` is kept as its alias).
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from gazette import datafiles
from gazette.errors import GazetteError, ValidationFailed

COMMANDS = ("build", "query", "serve", "publish", "score")
_HERE = datafiles.checkout() or Path(".")
DEFAULT_SOURCES = _HERE / "sources"
DEFAULT_OUT = _HERE / "dist"
DEFAULT_CACHE = _HERE / ".cache" / "gongbao"


def parser(prog: str = "gongbao") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description=__doc__, allow_abbrev=False,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, description=help_, allow_abbrev=False)

    b = command("build", "build every gazette under --sources into --out (the default command)")
    b.add_argument("--sources", default=str(DEFAULT_SOURCES), help="a gazette file or a folder of them")
    b.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (replaced only when the build passes)")
    b.add_argument("--registry", default=None, help="folder with issuers.csv and bodies.csv (default: <sources>/registry, else the shipped one)")
    b.add_argument("--base", default="https://gongbao.example.org", help="base of every IRI minted")
    b.add_argument("--licence", default="https://creativecommons.org/publicdomain/zero/1.0/", help="licence IRI of the dataset")
    b.add_argument("--sparql-url", default=None, help="the public SPARQL endpoint, named in the dataset's description")
    b.add_argument("--publisher", default="Gongbao", help="who publishes the dataset (its description's dct:publisher)")
    b.add_argument("--cache", default=str(DEFAULT_CACHE),
                   help="where per-issue results are kept between builds: a folder, or an fsspec URL (s3://…) a cluster shares")
    b.add_argument("--no-cache", action="store_true", help="parse, map and validate every issue afresh")
    b.add_argument("--links", default=None, help="folder of linkset CSV files (default: <sources>/links)")
    b.add_argument("--executor", default="local",
                   help="where the per-issue work runs: local (this machine's cores) or dask://HOST:PORT (a Dask scheduler)")
    b.add_argument("--records-only", action="store_true", help="write the JSON records only: no graph, validation or dumps")
    b.add_argument("--strict-privacy", action="store_true", help="leave no person's name among award recipients in any output")
    b.add_argument("--fail-on-review", action="store_true",
                   help="exit 3 when any record was held back for review (the output is still written)")

    def build_dir(p: argparse.ArgumentParser) -> None:
        p.add_argument("--build", "--out", dest="build", default=str(DEFAULT_OUT), metavar="DIR",
                       help="the build to read (--out is an alias)")

    q = command("query", "run a SPARQL query on a build's store and print the result")
    q.add_argument("text", nargs="?", help="the SPARQL query")
    q.add_argument("--file", help="read the SPARQL query from this file")
    q.add_argument("--format", default="table", choices=["table", "json", "csv"], help="output format")
    q.add_argument("--timeout", type=float, default=10.0, help="seconds the query may run")
    build_dir(q)

    s = command("serve", "serve a build: the site, a read-only SPARQL endpoint, content negotiation, reconciliation")
    s.add_argument("--host", default="127.0.0.1", help="address to bind; 127.0.0.1 unless told otherwise")
    s.add_argument("--port", type=int, default=8000, help="port")
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run")
    s.add_argument("--client-timeout", type=float, default=20.0,
                   help="seconds a client may stay silent in a request before it is dropped")
    build_dir(s)

    p = command("publish", "put a build's graphs into a store with the SPARQL 1.1 Graph Store Protocol")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL of the store")
    p.add_argument("--graph-param", default="graph", help="query parameter naming the graph (Virtuoso also takes graph-uri)")
    p.add_argument("--user", help="user for Basic or Digest authentication")
    p.add_argument("--password", help="password")
    build_dir(p)

    sc = command("score", "score the parser against hand-checked gold files (the accuracy harness)")
    sc.add_argument("--corpus", default=None, help="folder of <issue>.txt files with their <issue>.gold.json")
    sc.add_argument("--gold-dir", default=None, help="folder of <issue>.gold.json (default: next to the texts)")
    sc.add_argument("--no-seed", action="store_true", help="do not score the seed issue with tests/gold")
    sc.add_argument("--no-variants", action="store_true", help="do not score re-wrapped variants")
    sc.add_argument("--json", action="store_true", help="print the full result as JSON")
    return ap


def parse(argv: list[str], prog: str = "gongbao") -> argparse.Namespace:
    """Arguments to a namespace; no subcommand means build (unless only help is asked for)."""
    argv = list(argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    return parser(prog).parse_args(argv)


def main(argv: list[str] | None = None, prog: str = "gongbao") -> int:
    args = parse(sys.argv[1:] if argv is None else argv, prog)
    return {"build": _build, "query": _query, "serve": _serve, "publish": _publish, "score": _score}[args.command](args)


def _build(args) -> int:
    from publish.build.pipeline import BuildOptions, Interrupted, build
    from publish.build.storage import location

    sources = Path(args.sources)
    registry = Path(args.registry) if args.registry else None
    if registry is None and sources.is_dir() and (sources / "registry").is_dir():
        registry = sources / "registry"
    opts = BuildOptions(sources=sources, out=Path(args.out), registry=registry, base=args.base.rstrip("/"),
                        licence=args.licence, strict_privacy=args.strict_privacy, graph=not args.records_only,
                        links=Path(args.links) if args.links else None,
                        cache=None if args.no_cache else location(args.cache), sparql_url=args.sparql_url,
                        publisher=args.publisher, executor=args.executor)
    try:
        results = build(opts)
    except GazetteError as e:
        print(f"error: {e.describe()}", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return e.exit_code
    except ValidationFailed as e:
        print(f"validation failed: {e.message}", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        from publish.build.outdir import describe_os_error
        print(f"error: {describe_os_error(e)}", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Interrupted):
        print("interrupted: nothing was written; the previous output is untouched", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - a fault of ours, said in one line; GONGBAO_DEBUG=1 shows the traceback
        if os.environ.get("GONGBAO_DEBUG"):
            raise
        where = traceback.extract_tb(e.__traceback__)[-1]
        print(f"internal error: {type(e).__name__}: {str(e)[:300]} (at {Path(where.filename).name}:{where.lineno}; "
              f"a fault of gongbao, not of the sources; GONGBAO_DEBUG=1 shows the traceback)", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return 1
    held = sum(len(r.review) for r in results)
    if held:
        print(f"needs review: {held} record(s) held back from the graph, listed above and in records/<issue>/review.json",
              file=sys.stderr)
        if args.fail_on_review:
            return 3
    return 0


def _query(args) -> int:
    from publish.outputs.store import QueryError, build_info
    from publish.server.query import query, terminal_safe

    out = Path(args.build)
    try:
        build_info(out)
        text = Path(args.file).read_text(encoding="utf-8") if args.file else args.text
        if not text:
            print("error: give a query, or --file q.rq", file=sys.stderr)
            return 2
        result = query(out, text, args.format, args.timeout)
        print(terminal_safe(result) if sys.stdout.isatty() else result)
    except (FileNotFoundError, QueryError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


def _publish(args) -> int:
    from publish.gsp import PublishError, publish

    out = Path(args.build)
    if not (out / "dumps" / "all.nq").exists():
        print(f"error: {out} holds no build: run `gongbao build --out {out}` first", file=sys.stderr)
        return 2
    try:
        report = publish(out, args.endpoint, args.user, args.password, args.graph_param)
    except PublishError as e:
        print(f"error: {e}", file=sys.stderr)
        return 4
    print(f"published {len(report)} graphs, {sum(r['triples'] for r in report)} triples, to {args.endpoint}")
    return 0


def _serve(args) -> int:
    from publish.server.http import make_server

    try:
        server = make_server(Path(args.build), args.host, args.port, args.timeout, args.client_timeout)
    except (FileNotFoundError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    import ipaddress
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        print(f"warning: bound to {host}, beyond this machine: every network that reaches it can query the "
              "endpoint and read the site", file=sys.stderr, flush=True)
    print(f"serving {args.build} on http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _score(args) -> int:
    from publish.accuracy import main as score
    argv = []
    for flag, value in (("--corpus", args.corpus), ("--gold-dir", args.gold_dir)):
        if value:
            argv += [flag, value]
    argv += [f for f, on in (("--no-seed", args.no_seed), ("--no-variants", args.no_variants), ("--json", args.json)) if on]
    return score(argv)
