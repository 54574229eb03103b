"""Random mutations of the real text never crash the parser, and every line stays accounted for."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazette.errors import GazetteError
from gazette.issue import parse_text
from gazette.source import decode
from tests.conftest import SEED

LINES = SEED.read_text(encoding="utf-8").split("\n")
# a window of the issue that holds two whole documents and a table
WINDOW = LINES[1364:2280]


@st.composite
def mutated(draw):
    lines = list(WINDOW)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "break", "char"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 10:
            del lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(LINES)))
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "break":
            lines[i] = " " + lines[i].lstrip()
        elif op == "char" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            ch = draw(st.characters(min_codepoint=0x20, max_codepoint=0x9FFF, blacklist_categories=("Cs",)))
            lines[i] = lines[i][:k] + ch + lines[i][k + 1:]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_never_crash_and_lose_no_line(text):
    try:
        src = decode(text.encode("utf-8"), "fuzz.txt")
        parsed = parse_text(src, None)
    except GazetteError:
        return
    assert len(parsed.coverage) == parsed.total_lines
    assert "unaccounted" not in parsed.coverage.values()
