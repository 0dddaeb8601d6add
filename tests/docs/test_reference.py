"""The reference parts of the docs say what the code has: a page that goes stale fails here.

Tables that list names (the options, the public names, the handle's methods) are read from
the pages and compared with the code they describe, so adding an option, a public name or a
handle method without documenting it fails, and so does documenting one that went away.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import fakeses
from fakeses import FakeSES
from fakeses._options import OPTIONS

DOCS = Path(__file__).resolve().parents[2] / "docs"
NUMBERS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def table_rows(page: str, header: str) -> list[list[str]]:
    """The cells of each row of the table whose header line starts with ``header``."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def first_name(cell: str) -> str:
    return re.match(r"`@?([\w.]+)", cell).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("page", ["configuration.md", "pytest.md"])
def test_each_options_table_lists_every_option_of_fakeses_in_order(page):
    assert [first_name(row[0]) for row in table_rows(page, "| option |")] == list(OPTIONS)


def test_the_configuration_page_counts_the_options():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert f"`fakeses` takes {NUMBERS[len(OPTIONS)]} keyword options" in text


def test_the_index_lists_every_public_name():
    listed = {first_name(row[0]) for row in table_rows("index.md", "| name |")}
    assert set(fakeses.__all__) <= listed


def test_the_index_names_every_public_member_of_the_handle():
    [row] = [row for row in table_rows("index.md", "| name |") if row[0] == "`FakeSES`"]
    named = set(re.findall(r"`(\w+)(?:\(\))?`", row[1]))
    public = {name for name in dir(FakeSES) if not name.startswith("_")} | {"options"}
    assert named == public


def test_the_comparison_counts_the_operations_fakeses_answers():
    from fakeses.api import handlers

    [row] = [row for row in table_rows("comparison.md", "| |") if row[0] == "SES operations answered"]
    v1 = sum(1 for service, _ in handlers() if service == "ses")
    v2 = sum(1 for service, _ in handlers() if service == "sesv2")
    assert row[2].startswith(f"{v1} of 71 (v1), {v2} of ")
