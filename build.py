#!/usr/bin/env python3
"""Gongbao: Chinese government gazettes -> linked open data.

    python build.py [--sources PATH] [--out DIR]      build every issue under PATH into DIR
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
    ap.add_argument("command", nargs="?", default="build", choices=["build"], help="what to do (default: build)")
    ap.add_argument("--sources", default=str(ROOT / "sources"), help="a gazette file or a folder of them")
    ap.add_argument("--out", default=str(ROOT / "dist"), help="output folder (replaced only when the build passes)")
    ap.add_argument("--registry", default=None, help="folder with issuers.csv and bodies.csv (default: sources/registry)")
    ap.add_argument("--base", default="https://gongbao.example.org", help="base of every IRI minted")
    ap.add_argument("--licence", default="https://creativecommons.org/publicdomain/zero/1.0/", help="licence IRI of the dataset")
    ap.add_argument("--records-only", action="store_true", help="write the JSON records only: no graph, validation or dumps")
    ap.add_argument("--strict-privacy", action="store_true", help="leave no pupil's name in any output")
    args = ap.parse_args(argv)

    from publish.pipeline import BuildOptions, Interrupted, build

    sources = Path(args.sources)
    registry = Path(args.registry) if args.registry else None
    if registry is None and sources.is_dir() and (sources / "registry").is_dir():
        registry = sources / "registry"
    opts = BuildOptions(sources=sources, out=Path(args.out), registry=registry, base=args.base.rstrip("/"),
                        licence=args.licence, strict_privacy=args.strict_privacy, graph=not args.records_only)
    try:
        build(opts)
    except GazetteError as e:
        print(f"error: {e.describe()}", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return e.exit_code
    except ValidationFailed as e:
        print(f"validation failed: {e.message}", file=sys.stderr)
        print("nothing was written; the previous output is untouched", file=sys.stderr)
        return e.exit_code
    except (KeyboardInterrupt, Interrupted):
        print("interrupted: nothing was written; the previous output is untouched", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
