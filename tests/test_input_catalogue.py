"""The catalogue of build inputs: every kind of bad (or odd) input, as one row of a table, run through the
real command line. Each row gives what the build must do with it:

- the exit code by default, and with --fail-on-review: a fault of the whole file (or of the sources, or of
  --out) exits 2 with one line; a fault of one record goes to review (exit 0, and 3 with --fail-on-review);
  an odd but readable input builds (exit 0 both ways);
- a fragment of the message it must print;
- that the previous output is intact whenever the build fails;
- that no stray file is left beside the output.

The README's "How a build fails" points here; the HTTP requests' table is tests/test_http_limits.py.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

BUILD = [sys.executable, str(ROOT / "build.py")]
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.split("\n")


def _replace(old: str, new: str, text: str = SEED_TEXT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_after(marker: str, offset: int) -> int:
    """Index of the first non-blank line at least `offset` lines after the line holding `marker`."""
    i = next(k for k, l in enumerate(SEED_LINES) if marker in l) + offset
    while not SEED_LINES[i].strip():
        i += 1
    return i


def _with_line(i: int, new: str) -> str:
    lines = list(SEED_LINES)
    lines[i] = new
    return "\n".join(lines)


def _cut_mid_table() -> str:
    i = next(k for k, l in enumerate(SEED_LINES) if l.startswith("8 Ⅷ—43"))
    return "\n".join(SEED_LINES[: i + 1]) + "\n"


def _twice() -> str:
    start = SEED_TEXT.index(" 重庆市沙坪坝区人民政府\n关于划定铁路线路安全保护区的公告")
    end = SEED_TEXT.index(" 重庆市沙坪坝区人民政府\n关于禁止猎捕野生动物的通告")
    return SEED_TEXT[:end] + SEED_TEXT[start:end] + SEED_TEXT[end:]


# --- the rows' inputs: each makes the sources (and maybe an --out) in a temporary folder ---------------------
def one(text: str | bytes, name: str = "bad.txt"):
    def make(tmp: Path):
        src = tmp / "src"
        src.mkdir()
        (src / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return src, None
    return make


def with_meta(meta: str):
    def make(tmp: Path):
        src, _ = one(SEED_TEXT)(tmp)
        (src / "bad.meta.json").write_text(meta, encoding="utf-8")
        return src, None
    return make


def fifo(tmp: Path):
    src = tmp / "src"
    src.mkdir()
    (src / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    os.mkfifo(src / "bad.txt")
    return src, None


def dangling(tmp: Path):
    src = tmp / "src"
    src.mkdir()
    (src / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (src / "bad.txt").symlink_to(tmp / "gone.txt")
    return src, None


def loop(tmp: Path):
    src = tmp / "src"
    src.mkdir()
    (src / "bad.txt").symlink_to(src / "bad.txt")
    return src, None


def folder_named_txt(tmp: Path):
    src = tmp / "src"
    (src / "2020.txt").mkdir(parents=True)
    (src / "2020.txt" / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    return src, None


def under_links_deeper(tmp: Path):
    """A folder named links below the root is a user's folder like any other."""
    src = tmp / "src"
    (src / "2020" / "links").mkdir(parents=True)
    (src / "2020" / "links" / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    return src, None


def same_issue_twice(tmp: Path):
    src = tmp / "src"
    src.mkdir()
    (src / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    # the same issue under another name, its documents made distinct so only the issue's identity is at fault
    (src / "b.txt").write_text(SEED_TEXT.replace("沙府", "沙新府"), encoding="utf-8")
    return src, None


def two_names_one_key(tmp: Path):
    src = tmp / "src"
    src.mkdir()
    (src / "Seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (src / "seed.txt").write_text(SEED_TEXT.replace("2020年第2期", "2020年第3期").replace("沙府", "沙新府"),
                                  encoding="utf-8")
    return src, None


def missing_sources(tmp: Path):
    return tmp / "nowhere", None


def out_is_a_file(tmp: Path):
    src, _ = one(SEED_TEXT, "seed.txt")(tmp)
    (tmp / "thesis.docx").write_bytes(b"years of work")
    return src, tmp / "thesis.docx"


def out_is_sources(tmp: Path):
    src, _ = one(SEED_TEXT, "seed.txt")(tmp)
    return src, src


def out_inside_sources(tmp: Path):
    src, _ = one(SEED_TEXT, "seed.txt")(tmp)
    return src, src / "dist"


def out_is_foreign(tmp: Path):
    src, _ = one(SEED_TEXT, "seed.txt")(tmp)
    (tmp / "mine").mkdir()
    (tmp / "mine" / "notes.md").write_text("mine\n", encoding="utf-8")
    return src, tmp / "mine"


REGULAR = "a regular file"
# (name, input, exit by default, exit with --fail-on-review, message fragment, stdout or stderr holds it)
CATALOGUE = [
    # whole-file faults
    ("empty file", one(b""), 2, 2, "empty", "err"),
    ("binary file", one(bytes(range(256)) * 20), 2, 2, "binary", "err"),
    ("NUL bytes", one("重庆市\n沙坪坝\x00区".encode("utf-8")), 2, 2, "NUL", "err"),
    ("many control characters", one(("重庆市沙坪坝区\x07\x08\x1b\n" * 40).encode("utf-8")), 2, 2, "binary", "err"),
    ("neither UTF-8 nor GB18030", one(b"\xff\xfe\xfd" * 200), 2, 2, "neither UTF-8 nor GB18030", "err"),
    ("no document", one("这是一段没有任何公文结构的中文文字。" * 20 + "\n"), 2, 2, "no recognisable document", "err"),
    ("a 100,000-character line", one("重庆市沙坪坝区人民政府公报\n" + "字" * 100_000 + "\n"), 2, 2, "100,000 characters", "err"),
    ("a pipe named x.txt", fifo, 2, 2, "a pipe, not a regular file", "err"),
    ("a link that leads nowhere", dangling, 2, 2, "a link that leads nowhere", "err"),
    ("a link to itself", loop, 2, 2, "bad.txt", "err"),
    ("no such sources", missing_sources, 2, 2, "no such file or folder", "err"),
    ("metadata of the wrong type", with_meta('{"series": 5, "year": "abc"}'), 2, 2, "'series' must be text", "err"),
    ("metadata out of range", with_meta('{"year": 20201}'), 2, 2, "outside 1949–2100", "err"),
    ("metadata not an object", with_meta('[2020, 2]'), 2, 2, "must be a JSON object", "err"),
    ("metadata unreadable", with_meta('{"year": '), 2, 2, "unreadable metadata", "err"),
    ("the same issue twice", same_issue_twice, 2, 2, "the same issue as", "err"),
    ("two files, one key", two_names_one_key, 2, 2, "share the key seed", "err"),
    # faults of --out
    ("--out is a file", out_is_a_file, 2, 2, "not a folder", "err"),
    ("--out is --sources", out_is_sources, 2, 2, "--out is --sources", "err"),
    ("--out inside --sources", out_inside_sources, 2, 2, "--out lies inside --sources", "err"),
    ("--out is someone else's folder", out_is_foreign, 2, 2, "a folder this program did not write", "err"),
    # faults of one record: held for review
    ("a control character in a line", one(_with_line(_line_after("沙府发〔2020〕42", 5),
                                                     SEED_LINES[_line_after("沙府发〔2020〕42", 5)] + "\x07")),
     0, 3, "control character U+0007 removed", "out"),
    # a list printed only in part, every row read certain: the rows are published, the shortfall told
    ("cut mid-table", one(_cut_mid_table()), 0, 0, "printed in part: 1 list(s)", "out"),
    ("cut mid-sentence", one(_cut_mid_table().rstrip("\n") + "\n各镇人民政府、街道办事处要加强"), 0, 3, "ends mid-way", "out"),
    ("malformed number", one(_replace("沙府发〔2020〕39 号", "沙府发〔202〕39号")), 0, 3, "malformed document number", "out"),
    ("number without brackets", one(_replace("沙府发〔2020〕42 号", "沙府发2020 42号")), 0, 3, "without brackets", "out"),
    ("same document twice in one issue", one(_twice()), 0, 3, "appears twice", "out"),
    ("stated total disagrees", one(_replace("等 31项非物质文化遗产", "等 30项非物质文化遗产")), 0, 3, "等30项 but 31 rows", "out"),
    # odd but readable: built, and what was changed is said
    ("a zero-width space inside a 文号", one(_replace("沙府发〔2020〕42 号", "沙府\u200b发〔2020〕42 号")), 0, 0,
     "zero-width or direction characters removed", "out"),
    ("a form feed at a page break", one(_replace("\n重庆市沙坪坝区人民政府公报", "\n\f重庆市沙坪坝区人民政府公报")), 0, 0, "documents: 14", "out"),
    ("a folder named x.txt", folder_named_txt, 0, 0, "documents: 14", "out"),
    ("a file name in Chinese", one(SEED_TEXT, "沙坪坝公报.txt"), 0, 0, "documents: 14", "out"),
    ("a links folder below the root", under_links_deeper, 0, 0, "documents: 14", "out"),
    ("valid metadata", with_meta('{"series": "重庆市沙坪坝区人民政府公报", "year": 2020, "number": 2}'), 0, 0,
     "2020年第2期", "out"),
]


def snapshot(path: Path):
    """What is at a path: a folder's files, a file's bytes, or None."""
    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return path.read_bytes() if path.is_file() else None


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A finished build: every row starts from a copy of it, and a failed build must leave that copy intact."""
    out = tmp_path_factory.mktemp("prev") / "dist"
    r = subprocess.run(BUILD + ["--sources", str(SEED), "--out", str(out), "--records-only"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("name,make,code,code_review,words,stream", CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_build_input(name, make, code, code_review, words, stream, previous, tmp_path):
    src, out = make(tmp_path)
    if out is None:
        out = tmp_path / "dist"
        shutil.copytree(previous, out)
    before, sources = snapshot(out), snapshot(src)
    for extra, want in (([], code), (["--fail-on-review"], code_review)):
        r = subprocess.run(BUILD + ["--sources", str(src), "--out", str(out), "--records-only", *extra],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == want, f"{name} {extra}: exit {r.returncode}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
        assert "Traceback" not in r.stderr
        assert words in (r.stderr if stream == "err" else r.stdout), f"{name}: {words!r} not printed"
        if want == 2:
            errors = [l for l in r.stderr.splitlines() if l.startswith("error:")]
            assert len(errors) == 1, r.stderr
            assert snapshot(out) == before, "the previous output changed"
            assert snapshot(src) == sources, "the sources changed"
        stray = [p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}.build-", ".gongbao-scratch-",
                                                                             f".{out.name}.old-"))]
        assert not stray, stray
    if code == 0:
        review = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "records").glob("*/review.json")]
        assert bool(sum(len(x) for x in review)) == (code_review == 3)


def test_the_key_of_a_chinese_file_name_is_its_punycode(tmp_path):
    from gazette.identity import ascii_slug
    src, _ = one(SEED_TEXT, "沙坪坝公报.txt")(tmp_path)
    out = tmp_path / "dist"
    r = subprocess.run(BUILD + ["--sources", str(src), "--out", str(out), "--records-only"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    key = ascii_slug("沙坪坝公报")
    assert key.startswith("x-") and key.isascii()
    assert [p.name for p in (out / "records").iterdir() if p.is_dir()] == [key]
