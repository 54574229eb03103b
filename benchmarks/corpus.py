"""Make N synthetic gazette issues from the real one, for benchmarks (never for the test suite).

Each issue renumbers its documents (so every number is unique in the corpus), points the repealed
notice of issue k at a notice of issue k-1 (so citation chains cross issues), carries its own running
header, and is re-wrapped at one of several widths. Issues are spread over series folders.

    .venv/bin/python benchmarks/corpus.py 100 /tmp/corpus100
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazette.issue import parse_issue  # noqa: E402
from gazette.registry import load_registry  # noqa: E402
from tests.variants import rewrap  # noqa: E402

SEED = ROOT / "sources" / "gazettes" / "shapingba-2020-02.txt"
SERIES = ["shapingba", "yuzhong", "jiangbei", "nanan", "jiulongpo"]
WIDTHS = [56, 48, 40]


def _pattern(number) -> re.Pattern:
    """The number as it may be printed: spaces and line breaks between its parts."""
    gap = r"\s*"
    code = gap.join(re.escape(c) for c in number.code)
    if number.series == "order":
        return re.compile(code + gap + "第" + gap + gap.join(str(number.number)) + gap + "号")
    return re.compile(code + gap + r"[〔\[（(【［]" + gap + gap.join(str(number.year)) + gap + r"[〕\]）)】］]" + gap
                      + gap.join(str(number.number)) + gap + "号")


def seed_numbers():
    parsed = parse_issue(SEED, load_registry())
    return [d.number for d in parsed.documents if d.number]


def make_issue(k: int, text: str, numbers) -> str:
    year = 2001 + k // 50
    offset = (k % 50) * 200
    out = text
    for n in numbers:
        new = f"{n.code}〔{year}〕{n.number + offset}号"
        out = _pattern(n).sub(new, out)
    if k > 0:
        prev_year, prev_offset = 2001 + (k - 1) // 50, ((k - 1) % 50) * 200
        out = re.sub(r"沙府发〔2019〕18\s*号", f"沙府发〔{prev_year}〕{75 + prev_offset}号", out)
    # the unnumbered report is known by issuer, date and title: give each issue's its own date
    out = out.replace("2021 年 1 月 13 日", f"{year + 1} 年 {(k % 50) // 28 + 1} 月 {(k % 50) % 28 + 1} 日", 1)
    out = re.sub(r"公报 2020 年第 2 期", f"公报 {year} 年第 {k % 50 + 1} 期", out)
    width = WIDTHS[k % len(WIDTHS)]
    return rewrap(out, width) if width != 56 else out


def generate(n: int, folder: Path) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    numbers = seed_numbers()
    paths = []
    for k in range(n):
        series = SERIES[k % len(SERIES)]
        p = folder / series / f"{series}-{k:04d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        body = make_issue(k, text, numbers)
        if not p.exists() or p.read_text(encoding="utf-8") != body:
            p.write_text(body, encoding="utf-8")
        if "公报" not in body.split("\n", 60)[-1] and not re.search(r"公报\s*\d{4}\s*年", body):
            # a re-wrapped issue has lost its running headers: say which issue it is
            meta = {"series": "重庆市沙坪坝区人民政府公报", "year": 2001 + k // 50, "number": k % 50 + 1}
            p.with_suffix(".meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    made = generate(count, target)
    print(f"{len(made)} issues in {target}")
