"""docs/coverage.md is what scripts/gen_coverage.py generates now, from the registry,
botocore's models and the errors this run of the suite reached.

The page test runs after every other test (marker ``whole_run``), so the recording of
reached errors (tests/support/reached.py) is complete when the whole suite ran. A run
of part of the suite checks what it can: the page agrees with the registry and the
model, and every error this run reached is listed as reached.
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import botocore
import pytest
from support.reached import RECORDER

from fakeses._model import service_model
from fakeses.api import handlers

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "coverage.md"
FIX = "run `python -m pytest`, then `python scripts/gen_coverage.py`, and commit docs/coverage.md"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_coverage", ROOT / "scripts" / "gen_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.whole_run
def test_the_coverage_page_is_up_to_date():
    generator = _generator()
    page = PAGE.read_text(encoding="utf-8")
    recorded = re.search(r"\(botocore ([\w.]+)\)", page)
    assert recorded, f"docs/coverage.md has no botocore version line; {FIX}"
    rows = generator.read_page(page)
    listed = {key: codes for key, (_, codes) in rows.items() if codes}
    reached = RECORDER.snapshot()
    if recorded.group(1) != botocore.__version__:
        # Another botocore may list other operations and constraints (so other errors
        # are reached): then hold the page to the registry only.
        implemented = {key for key, (done, _) in rows.items() if done == "yes"}
        assert implemented == set(handlers()), f"docs/coverage.md disagrees with the handler registry; {FIX}"
        return
    if RECORDER.complete_so_far(remaining=1):  # the whole suite ran before this test
        assert page == generator.render(reached), f"docs/coverage.md is out of date; {FIX}"
        return
    # Part of the suite ran: the page must agree with registry and model as it stands,
    # and list every error this run reached.
    assert page == generator.render(listed), f"docs/coverage.md is out of date; {FIX}"
    unlisted = {f"{s}.{op}": sorted(codes - listed.get((s, op), set()))
                for (s, op), codes in reached.items() if codes - listed.get((s, op), set())}
    assert not unlisted, f"errors reached by this run but not on docs/coverage.md: {unlisted}; {FIX}"


def test_the_page_lists_every_registered_handler_as_implemented():
    rows = _generator().read_page(_generator().render({}))
    assert rows, "the generator wrote no operation rows"
    # Handlers of operations an older botocore does not model are not on its page.
    modeled = {key for key in handlers() if key[1] in service_model(key[0]).operation_names}
    for key in modeled:
        assert rows.get(key, ("no",))[0] == "yes", key
    assert sum(done == "yes" for done, _ in rows.values()) == len(modeled)


def test_the_page_marks_reached_modeled_errors_and_lists_the_rest():
    text = _generator().render({("ses", "SendEmail"): {"MessageRejected", "ValidationError"}})
    row = next(line for line in text.splitlines() if line.startswith("| `SendEmail` | `send_email`"))
    reached, missing = row.split(" | ")[3:5]
    assert reached == "MessageRejected, *ValidationError*"
    assert "MessageRejected" not in missing and "ConfigurationSetDoesNotExist" in missing
