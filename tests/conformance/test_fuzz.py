"""Random, structurally valid input for every operation: an answer SES gives, never a crash.

Hypothesis builds params from each input shape (of the right types, inside or outside
the constraints), botocore serializes them, and fakeses answers through
:func:`fakeses._dispatch.handle`. The answer must be a success that fits the output
shape, or an error declared for the operation (tests/support/errors.py), or
NotImplemented for an operation without a handler. ``--hypothesis-profile=deep``
searches twenty times harder.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakeses._dispatch import handle
from fakeses.api import handlers
from fakeses.domain.state import Options, World
from support.errors import BUG, NOT_IMPLEMENTED, undeclared
from support.schemas import violations
from support.shapes import budget, inputs_for, operations
from support.wire import parse, serialize

OPERATIONS = operations()


def assert_answer_ses_gives(service: str, op: str, status: int, parsed: dict) -> None:
    if status < 300:
        assert (service, op) in handlers(), f"{service} {op} has no handler, yet answered {status}"
        found = violations(service, op, parsed)
        assert not found, found
        return
    error = parsed["Error"]
    code, message = error.get("Code", ""), error.get("Message", "")
    assert code != BUG, f"a bug in fakeses: {message}"
    if (code, status) == NOT_IMPLEMENTED:
        # An operation without a handler names itself; a handler may leave a part of
        # its operation unbuilt (a sentence saying which).
        assert op in message or (service, op) in handlers(), message
        return
    problem = undeclared(service, op, code, status)
    assert problem is None, f"{problem}: {message!r}"


@pytest.mark.parametrize("service, op", OPERATIONS, ids=[f"{s}.{op}" for s, op in OPERATIONS])
@budget(10)
@given(data=st.data())
def test_random_input_of_every_operation_gets_an_answer_ses_gives(service: str, op: str, data: st.DataObject) -> None:
    valid = data.draw(st.booleans(), label="within constraints")
    params = data.draw(inputs_for(service, op, valid=valid), label="params")
    world = World(Options(sandbox=data.draw(st.booleans(), label="sandbox")))
    world.backend("123456789012", "us-east-1").identities.force_verify("example.com")
    response = handle(world, service, "123456789012", "us-east-1", serialize(service, op, params))
    assert_answer_ses_gives(service, op, response.status, parse(service, op, response))
