"""Fuzzing: whatever a client sends, SES's answer, and nothing the user recorded lost.

Two tests, both over every operation of the installed botocore:

- Hypothesis builds structurally valid params from each input shape (inside or outside
  the constraints), botocore serializes them, and :func:`fakeses._dispatch.handle`
  answers: a success that fits the output shape, an error declared for the operation
  (tests/support/errors.py), or NotImplemented for an operation without a handler.
  ``--hypothesis-profile=deep`` searches twenty times harder.
- The quick profile of the fuzz harness (tests/support/fuzz_inputs.py, fuzz_oracle.py):
  seeded requests at every level (valid, lightly broken, heavily broken, wire garbage,
  plausible sends) through a boto3 client with ``parameter_validation=False`` inside
  ``with fakeses()``; no InternalFailure, no exception out of botocore from fakeses, no
  hang, every accepted message recorded once and readable in every view. The deep
  profile (100,000 requests) is ``python scripts/fuzz.py``; docs/fuzzing.md has both.

Failures of an issue being fixed elsewhere are marked xfail by the issue's own predicate
(``support.fuzz_oracle.KNOWN_ISSUES``); anything else fails, with the command that
replays the case.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.errors import BUG, NOT_IMPLEMENTED, undeclared
from support.fuzz_inputs import case
from support.fuzz_oracle import FOUND_HERE, Harness, Outcome
from support.fuzz_report import replay_command
from support.schemas import violations
from support.shapes import budget, inputs_for, operations
from support.wire import parse, serialize

from fakeses._dispatch import handle
from fakeses.api import handlers
from fakeses.domain.state import Options, World

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


# -- the quick profile of the fuzz harness ------------------------------------------------------

QUICK_SEED = 20260305  # the same requests on every run and machine
QUICK_HUGE = 10_000  # the longest string of a quick case; the deep profile goes to about 1 MB
LEVELS_PER_OPERATION = ("valid", "light", "heavy", "wire")
PLAUSIBLE_BATCHES, PLAUSIBLE_PER_BATCH = 8, 40


def judge(outcomes: list[Outcome]) -> None:
    """Fail on any failure no known issue explains; xfail, naming them, on known ones only."""
    unknown = [f for outcome in outcomes for f in outcome.failures if f.known is None]
    assert not unknown, "\n".join(f"{f}\n    replay: {replay_command(f.case)}" for f in unknown)
    known = {f.known for outcome in outcomes for f in outcome.failures if f.known}
    if known:
        given, found = sorted(known - FOUND_HERE), sorted(known & FOUND_HERE)
        pytest.xfail("; ".join(([f"known issue(s) being fixed: {'; '.join(given)}"] if given else [])
                               + ([f"found by the fuzz, reported: {'; '.join(found)}"] if found else [])))


@pytest.mark.parametrize("service, op", OPERATIONS, ids=[f"{s}.{op}" for s, op in OPERATIONS])
def test_fuzzed_requests_of_every_operation_get_an_answer_and_lose_nothing(service: str, op: str) -> None:
    rounds = 2 if (service, op) in handlers() else 1
    levels = LEVELS_PER_OPERATION * rounds
    with Harness() as harness:
        outcomes = [harness.run(case(QUICK_SEED, i, level=level, service=service, op=op, huge=QUICK_HUGE))
                    for i, level in enumerate(levels)]
    judge(outcomes)


@pytest.mark.parametrize("batch", range(PLAUSIBLE_BATCHES))
def test_plausible_sends_are_recorded_once_and_readable_in_every_view(batch: int) -> None:
    first = batch * PLAUSIBLE_PER_BATCH
    with Harness() as harness:
        outcomes = [harness.run(case(QUICK_SEED, i, level="plausible", huge=QUICK_HUGE))
                    for i in range(first, first + PLAUSIBLE_PER_BATCH)]
    # Enough of them are accepted for the readability check to bite.
    assert sum(outcome.accepted for outcome in outcomes) >= PLAUSIBLE_PER_BATCH // 4
    judge(outcomes)
