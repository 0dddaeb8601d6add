"""docs/coverage.md is what scripts/gen_coverage.py generates now, from the registry and botocore."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import botocore

from fakeses.api import handlers

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "coverage.md"
FIX = "run `python scripts/gen_coverage.py` and commit docs/coverage.md"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_coverage", ROOT / "scripts" / "gen_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(text: str) -> dict[tuple[str, str], str]:
    """(service, operation) -> "yes"/"no", read from the page's per-operation tables."""
    rows: dict[tuple[str, str], str] = {}
    service = None
    for line in text.splitlines():
        heading = re.match(r"## v[12]: `(\w+)`", line)
        if heading:
            service = heading.group(1)
            continue
        row = re.match(r"\| `(\w+)` \| `\w+` \| (yes|no) \|", line)
        if row and service:
            rows[(service, row.group(1))] = row.group(2)
    return rows


def test_the_coverage_page_is_up_to_date():
    page = PAGE.read_text(encoding="utf-8")
    recorded = re.search(r"\(botocore ([\w.]+)\)", page)
    assert recorded, f"docs/coverage.md has no botocore version line; {FIX}"
    fresh = _generator().render()
    if recorded.group(1) == botocore.__version__:
        assert page == fresh, f"docs/coverage.md is out of date; {FIX}"
    else:
        # Another botocore may list other operations: then hold the page to the registry only.
        implemented = {key for key, done in _rows(page).items() if done == "yes"}
        assert implemented == set(handlers()), f"docs/coverage.md disagrees with the handler registry; {FIX}"


def test_the_page_lists_every_registered_handler_as_implemented():
    rows = _rows(_generator().render())
    assert rows, "the generator wrote no operation rows"
    for key in handlers():
        assert rows.get(key) == "yes", key
    assert sum(done == "yes" for done in rows.values()) == len(handlers())
