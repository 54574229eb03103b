"""Bad input: one clear message naming the file (and line), a non-zero exit, the old output untouched."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, held_build

BUILD = [sys.executable, str(ROOT / "build.py")]


def run(*args, timeout=300):
    return subprocess.run(BUILD + list(args), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A finished build whose files must survive every failed one."""
    out = tmp_path_factory.mktemp("prev") / "dist"
    r = run("--sources", str(SEED), "--out", str(out), "--records-only")
    assert r.returncode == 0, r.stderr
    return out


def _snapshot(out: Path) -> dict:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")


def _cut_mid_table() -> str:
    # stop inside the heritage table, after row 8
    i = next(k for k, l in enumerate(SEED_LINES) if l.startswith("8 Ⅷ—43"))
    return "\n".join(SEED_LINES[: i + 1]) + "\n"


def _replace(old: str, new: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def _twice() -> str:
    text = SEED.read_text(encoding="utf-8")
    start = text.index(" 重庆市沙坪坝区人民政府\n关于划定铁路线路安全保护区的公告")
    end = text.index(" 重庆市沙坪坝区人民政府\n关于禁止猎捕野生动物的通告")
    return text[:end] + text[start:end] + text[end:]


# whole-file faults (exit 2, one line, nothing written) are rows of tests/test_input_catalogue.py


# faults of one record: the record is held back for review with its lines and reason, the rest is published
# (exit 0; exit 3 with --fail-on-review)
REVIEW_CASES = [
    # (name, file text, words the review line must hold, line named, documents still published)
    ("cut mid-sentence", _cut_mid_table().rstrip("\n") + "\n各镇人民政府、街道办事处要加强", "ends mid-way", None, 7),
    ("malformed number", _replace("沙府发〔2020〕39 号", "沙府发〔202〕39号"), "malformed document number", 1371, 13),
    ("number without brackets", _replace("沙府发〔2020〕42 号", "沙府发2020 42号"), "without brackets", 1434, 13),
    ("same document twice", _twice(), "appears twice", None, 14),
    ("total disagrees", _replace("等 31项非物质文化遗产", "等 30项非物质文化遗产"), "等30项 but 31 rows", 2121, 14),
]


@pytest.mark.parametrize("name,text,words,line,published", REVIEW_CASES, ids=[c[0] for c in REVIEW_CASES])
def test_one_record_goes_to_review(name, text, words, line, published, tmp_path):
    import json
    src = tmp_path / "bad.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "dist"
    r = run("--sources", str(src), "--out", str(out), "--records-only")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "needs review" in r.stderr
    review_lines = [l for l in r.stdout.splitlines() if l.startswith("    bad.txt")]
    assert any(words in l for l in review_lines), r.stdout
    if line is not None:
        assert any(l.strip().startswith(f"bad.txt:{line}:") for l in review_lines), review_lines
    records = out / "records" / "bad"
    held = json.loads((records / "review.json").read_text(encoding="utf-8"))
    assert held and all(item["lines"] and item["reason"] for item in held)
    assert len(json.loads((records / "documents.json").read_text(encoding="utf-8"))) == published
    owners = json.loads((records / "coverage.json").read_text(encoding="utf-8"))["line_owner"]
    assert all(owners[str(no)].startswith("needs review") for item in held for no in item["lines"])
    r = run("--sources", str(src), "--out", str(out), "--records-only", "--fail-on-review")
    assert r.returncode == 3 and "needs review" in r.stderr


def test_a_list_printed_in_part_publishes_its_rows_and_tells_the_shortfall(tmp_path):
    import json
    src = tmp_path / "bad.txt"
    src.write_text(_cut_mid_table(), encoding="utf-8")
    out = tmp_path / "dist"
    r = run("--sources", str(src), "--out", str(out), "--records-only", "--fail-on-review")
    assert r.returncode == 0, r.stderr
    records = out / "records" / "bad"
    told = json.loads((records / "incomplete.json").read_text(encoding="utf-8"))
    assert len(told) == 1 and "等31项 but 8 rows" in told[0]["reason"] and told[0]["line"] == 2121
    assert json.loads((records / "review.json").read_text(encoding="utf-8")) == []
    rows = json.loads((records / "heritage.json").read_text(encoding="utf-8"))
    assert [r["seq"] for r in rows] == list(range(1, 9))


def test_gb18030_is_decoded_and_noted(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    r = run("--sources", str(src), "--out", str(tmp_path / "out"), "--records-only")
    assert r.returncode == 0, r.stderr
    assert "decoded as GB18030" in r.stdout
    assert "documents: 14" in r.stdout


def test_unknown_code_is_reported_not_dropped(tmp_path):
    src = tmp_path / "unknown.txt"
    src.write_text(_replace("沙府发〔2020〕74 号", "沙新府发〔2020〕74 号"), encoding="utf-8")
    r = run("--sources", str(src), "--out", str(tmp_path / "out"), "--records-only")
    assert r.returncode == 0, r.stderr
    assert "unknown 代字: 沙新府发" in r.stdout
    assert "documents: 14" in r.stdout


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_leaves_previous_output(sig, tmp_path):
    out = tmp_path / "dist"
    other = ROOT / "tests" / "fixtures" / "yuzhong-2021-03.txt"
    assert run("--sources", str(other), "--out", str(out), "--records-only").returncode == 0
    before = _snapshot(out)
    proc = subprocess.Popen(held_build("--sources", str(SEED), "--out", str(out), "--records-only"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    # wait until the new build is complete in its temporary folder, then interrupt it
    while time.time() < deadline and not list(tmp_path.glob(".dist.build-*/records/*/coverage.json")):
        time.sleep(0.1)
    assert list(tmp_path.glob(".dist.build-*/records/*/coverage.json")), "the build never wrote its records"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".dist.build-*"))


def test_a_fault_of_ours_is_one_line_and_the_previous_output_stays(tmp_path):
    """An internal error (here, the chain's layout failing while pages render in the workers, as a recursion
    overflow once did at 1,000 issues) ends the build with one line naming it, exit 1, no traceback, and the
    previous output as it was."""
    out = tmp_path / "dist"
    other = ROOT / "tests" / "fixtures" / "yuzhong-2021-03.txt"
    assert run("--sources", str(other), "--out", str(out), "--records-only").returncode == 0
    before = _snapshot(out)
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import publish.sitegen.render as r; "
            "r.chain = lambda *a, **k: (_ for _ in ()).throw(RecursionError('maximum recursion depth exceeded')); "
            "from publish.cli import main; sys.exit(main(sys.argv[1:]))")
    r = subprocess.run([sys.executable, "-c", code, "--sources", str(SEED), "--out", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[-2].startswith("internal error: RecursionError: maximum recursion depth exceeded (at ")
    assert lines[-1] == "nothing was written; the previous output is untouched"
    assert _snapshot(out) == before
