"""The tree shows the data flow: no import points back up (STYLE.md, "Code")."""
from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "fakeses"

# package -> what it must not import
FORBIDDEN = {
    "domain": ("botocore", "fakeses.api", "fakeses.protocols", "fakeses._"),
    "mail": ("botocore", "fakeses.api", "fakeses.protocols", "fakeses.domain", "fakeses._"),
    "protocols": ("fakeses.api", "fakeses.domain", "fakeses._"),
    "api": ("botocore", "fakeses.protocols", "fakeses._"),
}


def imports(path: pathlib.Path) -> list[str]:
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = []
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.append(module)
    return names


def _runtime_nodes(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:`` (type-only imports are allowed)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imports(path):
            if any(name == bad or name.startswith(bad if bad.endswith("_") else bad + ".") or name == bad
                   for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert found == []


def test_the_package_ships_py_typed():
    assert (PACKAGE / "py.typed").exists()


def test_importing_fakeses_loads_no_heavy_dependency():
    import subprocess
    import sys

    code = ("import sys, fakeses; heavy = [m for m in ('email_validator', 'jsonschema', 'boto3', 'pytest', 'fakeses.mail.templates', 'fakeses._dispatch') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
