"""Every operation botocore models is reached through boto3 and answers as SES can.

A minimal valid request, built from the input shape and sent by a client with its own
checks off, gets a success (which fits the output shape) or an error SES gives for that
operation: one of its modeled errors or one of the API's common errors, with the HTTP
status the model or the reference gives it (tests/support/errors.py). Never a Python
exception out of botocore, never InternalFailure.

Strict: every operation of the installed botocore has a handler. One without a handler,
or a handler that answers a minimal request NotImplemented (501), FAILS here naming the
operation, so an operation a new botocore adds is noticed at once. The one exception is
``NOT_YET_BUILT`` (tests/support/errors.py), the operations still being built, which
must only shrink and end empty (docs/contributing/add-an-operation.md).
"""
from __future__ import annotations

from typing import Any

import botocore
import pytest
from support.clients import ask
from support.errors import BUG, NOT_IMPLEMENTED, NOT_YET_BUILT, undeclared
from support.schemas import check_response
from support.shapes import minimal_input, operations

from fakeses._model import service_model
from fakeses.api import handlers

OPERATIONS = operations()


def test_every_operation_of_the_installed_botocore_is_here() -> None:
    # botocore 1.44 models 71 + 117 operations; a newer one adds v2 operations, which
    # come into every test of this directory by themselves. botocore 1.34, the oldest the
    # project allows (pyproject.toml), models 71 + 92; an operation it lacks is simply absent.
    assert len([op for s, op in OPERATIONS if s == "ses"]) == len(service_model("ses").operation_names) >= 71
    assert len([op for s, op in OPERATIONS if s == "sesv2"]) == len(service_model("sesv2").operation_names) >= 92


def test_every_operation_of_the_installed_botocore_has_a_handler() -> None:
    missing = [f"{s} {op}" for s, op in OPERATIONS if (s, op) not in handlers() and (s, op) not in NOT_YET_BUILT]
    assert not missing, (
        f"botocore {botocore.__version__} models operations fakeses has no handler for: {', '.join(missing)}. "
        "Build each (docs/contributing/add-an-operation.md); a new botocore's operations are noticed here.")


def test_not_yet_built_lists_only_operations_without_a_handler() -> None:
    built = sorted(f"{s} {op}" for s, op in NOT_YET_BUILT if (s, op) in handlers())
    assert not built, (f"remove from NOT_YET_BUILT (tests/support/errors.py), they have handlers now: "
                       f"{', '.join(built)}")


@pytest.mark.parametrize("service, op", OPERATIONS, ids=[f"{s}.{op}" for s, op in OPERATIONS])
def test_a_minimal_request_gets_success_or_an_error_ses_gives(
    service: str, op: str, clients: dict[str, Any], fake: Any
) -> None:
    answer = ask(clients[service], op, minimal_input(service, op))
    if (answer.code, answer.status) == NOT_IMPLEMENTED:
        assert op in answer.message, answer
        if (service, op) in NOT_YET_BUILT and (service, op) not in handlers():
            pytest.xfail(f"fakeses does not implement {service} {op} yet (NOT_YET_BUILT)")
        pytest.fail(f"{service} {op} answers a minimal request NotImplemented: {answer.message}")
    assert (service, op) in handlers() or answer.code is not None, "no handler, yet a success"
    assert answer.code != BUG, f"a bug in fakeses: {answer}"
    if answer.code is None:
        assert 200 <= answer.status < 300, answer
        check_response(service, op, answer.result or {})
    else:
        problem = undeclared(service, op, answer.code, answer.status)
        assert problem is None, f"{problem}: {answer}"
