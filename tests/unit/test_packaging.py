"""The distribution ships every package of fakeses.

The suite usually runs against an editable install, which imports straight from the source
tree: a package missing from pyproject's list would go unnoticed until a real install (CI's,
a user's) failed with ModuleNotFoundError.
"""
from __future__ import annotations

from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]


def test_pyproject_lists_every_package_of_fakeses() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "fakeses").rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
