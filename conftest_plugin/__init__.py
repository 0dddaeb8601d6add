"""The fakeses pytest plugin: the ``ses_backend`` fixture and the ``fakeses`` marker.

Installed with the package (entry point ``pytest11``), so no conftest is needed::

    def test_signup(ses_backend):
        ses_backend.verify_identity("example.com")
        signup("ann@example.org")
        assert ses_backend.sent_messages[-1].to == ["ann@example.org"]

    @pytest.mark.fakeses(sandbox=True, region="eu-west-1")
    def test_in_the_sandbox(ses_backend): ...

The marker alone activates the fake for a test that does not ask for the fixture.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fakeses(region=None, account_id='123456789012', sandbox=False, auto_verify=True, "
        "raise_on_rendering_failure=False, outcomes='deliver'): "
        "fake Amazon SES for this test (options as for fakeses())",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test with the marker gets the fixture, so the marker alone activates the fake.
    for item in items:
        if item.get_closest_marker("fakeses") is not None and "ses_backend" not in getattr(item, "fixturenames", ()):
            item.fixturenames.append("ses_backend")  # type: ignore[attr-defined]


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    __tracebackhide__ = True
    # The same check, and the same list of options, as fakeses() itself (imported here:
    # a test run that never uses the fake does not pay for importing it).
    from fakeses._options import check_options

    options: dict[str, Any] = {}
    # Closest marker wins: merge from the outermost (module, class) to the test itself.
    for marker in reversed(list(request.node.iter_markers("fakeses"))):
        if marker.args:
            pytest.fail("@pytest.mark.fakeses takes keyword arguments only, e.g. fakeses(sandbox=True)")
        try:
            options.update(check_options(marker.kwargs, "@pytest.mark.fakeses"))
            continue
        except (TypeError, ValueError) as error:
            refused = str(error)
        pytest.fail(refused)  # outside the except: no traceback into fakeses chained to it
    return options


@pytest.fixture
def ses_backend(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh, active fake of Amazon SES for this test; yields its handle (``FakeSES``)."""
    __tracebackhide__ = True
    from fakeses import fakeses

    with fakeses(**_options(request)) as handle:
        yield handle
