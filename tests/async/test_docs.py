"""The async examples of the docs run, here where aioboto3 is installed.

tests/docs runs every python block of the docs in the main environment, which has no
aiobotocore; the async blocks open with ``# not run here: it needs aioboto3`` so it
leaves them out, and this test runs each of them as a test module.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("aioboto3")

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
MARK = "# not run here: it needs aioboto3"


def async_blocks() -> list[tuple[str, str]]:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for number, block in enumerate(FENCE.findall(page.read_text(encoding="utf-8")), 1):
            if block.lstrip().startswith(MARK):
                found.append((f"{page.relative_to(ROOT)}:{number}", block))
    return found


BLOCKS = async_blocks()


def test_the_docs_have_async_examples():
    assert [name for name, _ in BLOCKS if name.startswith("docs/configuration.md")]


@pytest.mark.parametrize("block", [b for _, b in BLOCKS], ids=[n for n, _ in BLOCKS])
def test_an_async_example_passes(block: str, pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_example=block)
    result = pytester.runpytest("-p", "no:cacheprovider", "-q")
    assert result.ret == 0, result.stdout.str()
    expected = len(re.findall(r"^def test_", block, re.MULTILINE))
    assert result.parseoutcomes().get("passed") == expected, result.stdout.str()
