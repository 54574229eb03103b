"""The accuracy harness, as a script: `python benchmarks/accuracy.py [--corpus DIR] [--json]`, the same as
`gongbao score`. The harness itself is publish/accuracy.py."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publish.accuracy import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
