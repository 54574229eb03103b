#!/usr/bin/env python3
"""Gongbao: Chinese government gazettes -> linked open data.

    python build.py [--sources PATH] [--out DIR]      build every issue under PATH into DIR
    python build.py query 'SELECT …' [--file q.rq] [--format table|json|csv] [--out DIR]
    python build.py serve [--host 127.0.0.1] [--port 8000] [--out DIR]
    python build.py publish --endpoint URL [--user U --password P] [--out DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from gazette.errors import GazetteError, ValidationFailed  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="build.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", nargs="?", default="build", choices=["build", "query", "serve", "publish"],
                    help="what to do (default: build)")
    ap.add_argument("text", nargs="?", help="the SPARQL query (query)")
    ap.add_argument("--file", help="read the SPARQL query from this file (query)")
    ap.add_argument("--format", default="table", choices=["table", "json", "csv"], help="query output (query)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (query, serve)")
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (serve); 127.0.0.1 unless told otherwise")
    ap.add_argument("--port", type=int, default=8000, help="port (serve)")
    ap.add_argument("--client-timeout", type=float, default=20.0,
                    help="seconds a client may stay silent in a request before it is dropped (serve)")
    ap.add_argument("--endpoint", help="Graph Store Protocol URL of the store (publish)")
    ap.add_argument("--graph-param", default="graph", help="query parameter naming the graph (publish; Virtuoso also takes graph-uri)")
    ap.add_argument("--user", help="user for Basic or Digest authentication (publish)")
    ap.add_argument("--password", help="password (publish)")
    ap.add_argument("--sources", default=str(ROOT / "sources"), help="a gazette file or a folder of them")
    ap.add_argument("--out", default=str(ROOT / "dist"), help="output folder (replaced only when the build passes)")
    ap.add_argument("--registry", default=None, help="folder with issuers.csv and bodies.csv (default: sources/registry)")
    ap.add_argument("--base", default="https://gongbao.example.org", help="base of every IRI minted")
    ap.add_argument("--licence", default="https://creativecommons.org/publicdomain/zero/1.0/", help="licence IRI of the dataset")
    ap.add_argument("--cache", default=str(ROOT / ".cache" / "gongbao"),
                    help="folder for per-issue results kept between builds (default .cache/gongbao)")
    ap.add_argument("--no-cache", action="store_true", help="parse, map and validate every issue afresh")
    ap.add_argument("--links", default=None, help="folder of linkset CSV files (default: <sources>/links)")
    ap.add_argument("--records-only", action="store_true", help="write the JSON records only: no graph, validation or dumps")
    ap.add_argument("--strict-privacy", action="store_true", help="leave no pupil's name in any output")
    ap.add_argument("--fail-on-review", action="store_true",
                    help="exit 3 when any record was held back for review (the output is still written)")
    args = ap.parse_args(argv)

    if args.command == "query":
        return _query(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "publish":
        return _publish(args)

    from publish.pipeline import BuildOptions, Interrupted, build

    sources = Path(args.sources)
    registry = Path(args.registry) if args.registry else None
    if registry is None and sources.is_dir() and (sources / "registry").is_dir():
        registry = sources / "registry"
    opts = BuildOptions(sources=sources, out=Path(args.out), registry=registry, base=args.base.rstrip("/"),
                        licence=args.licence, strict_privacy=args.strict_privacy, graph=not args.records_only,
                        links=Path(args.links) if args.links else None,
                        cache=None if args.no_cache else Path(args.cache))
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
        from publish.outdir import describe_os_error
        print(f"error: {describe_os_error(e)}", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Interrupted):
        print("interrupted: nothing was written; the previous output is untouched", file=sys.stderr)
        return 130
    held = sum(len(r.review) for r in results)
    if held:
        print(f"needs review: {held} record(s) held back from the graph, listed above and in records/<issue>/review.json",
              file=sys.stderr)
        if args.fail_on_review:
            return 3
    return 0


def _query(args) -> int:
    from publish.querycli import query, terminal_safe
    from publish.store import QueryError, build_info

    out = Path(args.out)
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

    if not args.endpoint:
        print("error: publish needs --endpoint URL (the store's Graph Store Protocol address)", file=sys.stderr)
        return 2
    out = Path(args.out)
    if not (out / "dumps" / "all.nq").exists():
        print(f"error: {out} holds no build: run `python build.py --out {out}` first", file=sys.stderr)
        return 2
    try:
        report = publish(out, args.endpoint, args.user, args.password, args.graph_param)
    except PublishError as e:
        print(f"error: {e}", file=sys.stderr)
        return 4
    print(f"published {len(report)} graphs, {sum(r['triples'] for r in report)} triples, to {args.endpoint}")
    return 0


def _serve(args) -> int:
    from publish.server import make_server

    try:
        server = make_server(Path(args.out), args.host, args.port, args.timeout, args.client_timeout)
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
    print(f"serving {args.out} on http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
