"""What the installed botocore models, for tests of members a newer botocore added.

The suite runs twice in CI: with the newest botocore, and with the older one that
aiobotocore pins (the `test-async` environment, README "Run the whole test suite").
A test of a member the older model lacks cannot run there: botocore refuses the
parameter before fakeses sees it. Such a test asks :func:`needs_member` and skips,
naming what is missing; in the newest environment it runs as always.
"""
from __future__ import annotations

import re
from pathlib import Path

import botocore
import pytest

from fakeses._model import service_model

ROOT = Path(__file__).resolve().parents[2]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def page_botocore() -> tuple[int, ...]:
    """The botocore docs/coverage.md was generated with: the project's model."""
    found = re.search(r"\(botocore ([\w.]+)\)", (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8"))
    assert found, "docs/coverage.md names no botocore version"
    return _version(found.group(1))


def older_than_the_project() -> bool:
    """The installed botocore is older than the one the project's model facts come from."""
    return _version(botocore.__version__) < page_botocore()


def modeled(service: str, operation: str, *path: str) -> bool:
    """Whether the input shape of ``operation`` has the member at ``path`` (structure names)."""
    shape = service_model(service).operation_model(operation).input_shape
    for name in path:
        if shape is None or name not in getattr(shape, "members", {}):
            return False
        shape = shape.members[name]
    return True


def needs_member(service: str, operation: str, *path: str) -> None:
    """Skip the test when the installed botocore does not model the member at ``path``."""
    if not modeled(service, operation, *path):
        pytest.skip(f"botocore {botocore.__version__} does not model {service} {operation} {'.'.join(path)}")


def needs_operation(service: str, operation: str) -> None:
    """Skip the test when the installed botocore does not model ``operation`` at all."""
    if operation not in service_model(service).operation_names:
        pytest.skip(f"botocore {botocore.__version__} does not model {service} {operation}")
