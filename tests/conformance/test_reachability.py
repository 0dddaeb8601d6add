"""Every operation botocore models is reached through boto3 and answers as SES can.

A minimal valid request, built from the input shape and sent by a client with its own
checks off, gets a success (which fits the output shape) or an error SES gives for that
operation: one of its modeled errors or one of the API's common errors, with the HTTP
status the model or the reference gives it (tests/support/errors.py). Never a Python
exception out of botocore, never InternalFailure. An operation fakeses does not
implement yet answers NotImplemented (501) naming it: that is an expected failure
(xfail), so the suite stays green while coverage grows.
"""
from __future__ import annotations

from typing import Any

import pytest

from fakeses._model import service_model
from fakeses.api import handlers
from support.clients import ask
from support.errors import BUG, NOT_IMPLEMENTED, undeclared
from support.schemas import check_response
from support.shapes import minimal_input, operations

OPERATIONS = operations()


def test_every_operation_of_the_installed_botocore_is_here() -> None:
    # botocore 1.43 models 71 + 110 operations; a newer one adds v2 operations, which
    # come into every test of this directory by themselves. botocore 1.40 (aiobotocore's,
    # in the test-async environment) models 71 + 109.
    assert len([op for s, op in OPERATIONS if s == "ses"]) == len(service_model("ses").operation_names) >= 71
    assert len([op for s, op in OPERATIONS if s == "sesv2"]) == len(service_model("sesv2").operation_names) >= 109


@pytest.mark.parametrize("service, op", OPERATIONS, ids=[f"{s}.{op}" for s, op in OPERATIONS])
def test_a_minimal_request_gets_success_or_an_error_ses_gives(
    service: str, op: str, clients: dict[str, Any], fake: Any
) -> None:
    answer = ask(clients[service], op, minimal_input(service, op))
    if (answer.code, answer.status) == NOT_IMPLEMENTED:
        assert op in answer.message, answer
        if (service, op) not in handlers():
            pytest.xfail(f"fakeses does not implement {service} {op} yet")
        pytest.xfail(f"{service} {op} is implemented in part: {answer.message}")
    assert (service, op) in handlers() or answer.code is not None, "no handler, yet a success"
    assert answer.code != BUG, f"a bug in fakeses: {answer}"
    if answer.code is None:
        assert 200 <= answer.status < 300, answer
        check_response(service, op, answer.result or {})
    else:
        problem = undeclared(service, op, answer.code, answer.status)
        assert problem is None, f"{problem}: {answer}"
