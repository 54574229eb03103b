"""The shape of the code, checked: data flows one way (gazette -> mappings -> publish), no module imports
itself through others (imports inside functions count), and no private name is used across modules."""
import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("gazette", "mappings", "publish")
# what each layer may import, first match wins; publish's sub-packages as the README's layout says
LAYERS = [
    ("gazette", {"gazette"}),
    ("mappings", {"gazette", "mappings"}),
    ("publish.outputs", {"gazette", "mappings", "publish.outputs"}),
    ("publish.sitegen", {"gazette", "mappings", "publish.outputs", "publish.sitegen", "publish.build.workers",
                         "publish.build.progress"}),
    ("publish.server", {"gazette", "mappings", "publish.outputs", "publish.server"}),
    ("publish.build", {"gazette", "mappings", "publish.outputs", "publish.sitegen", "publish.build"}),
    ("publish", {"gazette", "mappings", "publish"}),
]


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for f in sorted((ROOT / pkg).rglob("*.py")):
            parts = f.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = f
    return out


MODULES = modules()


def imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import in the file, nested ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                up = up[: len(up) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            names = [a.name for a in node.names]
            # `from pkg import module` imports the module
            subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in MODULES]
            out += [(s, [], node.lineno) for s in subs] or [(base, names, node.lineno)]
    return [(m, n, line) for m, n, line in out if m.split(".")[0] in PACKAGES]


GRAPH = {name: {m for m, _, _ in imports(name, path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_no_import_cycles():
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(GRAPH[n]):
            if state.get(m) == 1:
                cycles.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(GRAPH):
        if n not in state:
            visit(n)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_layer_imports_only_below_it(name):
    allowed = next(a for prefix, a in LAYERS if name == prefix or name.startswith(prefix + "."))
    bad = [(m, line) for m, _, line in imports(name, MODULES[name])
           if not any(m == a or m.startswith(a + ".") for a in allowed)]
    assert not bad, f"{name} imports {bad}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_crosses_modules(name):
    path = MODULES[name]
    bad = [(m, n, line) for m, names, line in imports(name, path) for n in names
           if n.startswith("_") and not n.startswith("__") and m != name]
    # module._private after `import pkg.module` or `from pkg import module`
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                if f"{node.module}.{a.name}" in MODULES:
                    aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in MODULES:
                    aliases[a.asname or a.name] = a.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases \
                and node.attr.startswith("_") and not node.attr.startswith("__"):
            bad.append((aliases[node.value.id], node.attr, node.lineno))
    # obj._private on anything but self and cls: another class's insides
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            bad.append(("<object>", node.attr, node.lineno))
    assert not bad, f"{name} uses private names of other modules: {bad}"


def test_the_checker_sees_a_cycle_and_a_private_import(tmp_path, monkeypatch):
    """The rules above can fail: a made-up pair of modules that break both is caught."""
    a = tmp_path / "a.py"
    a.write_text("from gazette.text import _hidden\nfrom gazette import b\n", encoding="utf-8")
    found = imports("gazette.a", a)
    assert ("gazette.text", ["_hidden"], 1) in found
    graph = {"x": {"y"}, "y": {"x"}}
    monkeypatch.setattr("tests.test_architecture.GRAPH", graph)
    with pytest.raises(AssertionError, match="import cycles"):
        test_no_import_cycles()
