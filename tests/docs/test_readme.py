"""The Python in README.md and docs/*.md runs, and so do the tests in docs/examples/.

Convention: every fenced block opened with ```python is runnable unless its first line
is ``# not run``. The runnable blocks of one page are joined in order into one test
module (a page may build on its earlier blocks, as a reader does) and run with pytest:
top-level code runs when the module is imported, ``test_*`` functions and
``unittest.TestCase`` methods run as tests (the ``ses_backend`` fixture and the
``fakeses`` marker are available). Every block must run: an exception at import, a
failing test or a test that is not collected fails this test.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
PAGES = [page for page in PAGES if "_research" not in page.parts]
EXAMPLES = ROOT / "docs" / "examples"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
SKIP = "# not run"
DONE = "_fakeses_docs_page_ran_to_the_end"


def runnable_blocks(text: str) -> list[str]:
    """The runnable ```python blocks of a Markdown page, in order."""
    return [block for block in FENCE.findall(text) if not block.lstrip().startswith(SKIP)]


def expected_tests(tree: ast.Module) -> list[str]:
    """Names of the tests pytest should collect from a module."""
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            names.append(node.name)
        elif isinstance(node, ast.ClassDef):
            bases = {ast.unparse(base) for base in node.bases}
            if node.name.startswith("Test") or bases & {"unittest.TestCase", "TestCase"}:
                names += [
                    f"{node.name}.{item.name}"
                    for item in node.body
                    if isinstance(item, ast.FunctionDef) and item.name.startswith("test")
                ]
    return names


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_the_python_blocks_of_the_page_run(page: Path, pytester: pytest.Pytester) -> None:
    blocks = runnable_blocks(page.read_text(encoding="utf-8"))
    if not blocks:
        pytest.skip("no runnable python block")
    names: list[str] = []
    for number, block in enumerate(blocks, 1):
        try:
            tree = ast.parse(block)
        except SyntaxError as error:
            pytest.fail(f"{page_id(page)}, python block {number} does not parse: {error}")
        found = expected_tests(tree)
        clash = sorted(set(found) & set(names))
        assert not clash, f"{page_id(page)}, block {number} redefines {clash}: the earlier one would never run"
        names += found
    source = "\n\n".join(blocks) + f"\n\n{DONE} = True\n\ndef test_{DONE}():\n    assert {DONE}\n"
    pytester.makepyfile(**{f"test_{page.stem.replace('-', '_')}": source})
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    outcomes = result.parseoutcomes()
    assert result.ret == 0, f"{page_id(page)}: its python blocks failed:\n{result.stdout.str()}"
    # A page about operations an older botocore lacks skips there (pytestmark skipif).
    assert outcomes.get("passed", 0) + outcomes.get("skipped", 0) == len(names) + 1, (
        f"{page_id(page)}: expected {names} to pass, got {outcomes}:\n{result.stdout.str()}"
    )


def test_the_convention_finds_blocks() -> None:
    """Guard the guard: the README has runnable blocks, and `# not run` blocks are left out."""
    assert len(runnable_blocks((ROOT / "README.md").read_text(encoding="utf-8"))) >= 2
    text = "```python\n# not run\nboom()\n```\n\n```python\nx = 1\n```\n"
    assert runnable_blocks(text) == ["x = 1\n"]


def test_the_examples_pass(pytester: pytest.Pytester) -> None:
    """docs/examples/ as the README runs it: `python -m pytest docs/examples`."""
    files = sorted(EXAMPLES.glob("test_*.py"))
    assert files, "docs/examples/ has no test_*.py"
    for path in files:
        pytester.makepyfile(**{path.stem: path.read_text(encoding="utf-8")})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    assert result.ret == 0, result.stdout.str()
    expected = sum(len(expected_tests(ast.parse(path.read_text(encoding="utf-8")))) for path in files)
    outcomes = result.parseoutcomes()  # skipped: an example of operations an older botocore lacks
    assert outcomes.get("passed", 0) + outcomes.get("skipped", 0) == expected, result.stdout.str()
