#!/usr/bin/env python3
"""Gongbao: Chinese government gazettes -> linked open data. `python build.py --help` for the commands;
after `pip install .` the same command line is `gongbao` (publish/cli.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from publish.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(prog="build.py"))
