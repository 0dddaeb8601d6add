"""Every constraint of every input shape: broken once, SES's validation error; just inside, no such error.

Cases are generated at collection time from botocore's models (tests/support/constraints.py):
for each required member, length or size limit, numeric range, enum and pattern reachable
from each operation's input, one request breaks exactly that constraint with everything
else minimal and valid, and for each limit one request sits just inside it. Requests go
through a boto3 client with its own checks off. Validation runs before any handler, so
this holds for every operation, implemented or not.

Broken: HTTP 400, v1 ``ValidationError`` / v2 ``BadRequestException``, and a message in
Coral's form (foundation G1-G8) naming the member's path, and no other path (the rest of
the request is valid). Just inside: whatever the answer, it is not a validation error.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from support.clients import ask
from support.constraints import Case, all_cases
from support.errors import BUG, VALIDATION

VALIDATION_MESSAGE = re.compile(r"^(\d+) validation errors? detected: ")
AT = re.compile(r"Value(?: null)? at '([^']*)' failed to satisfy constraint: ")


def _params(cases: tuple[Case, ...]) -> list[Any]:
    return [pytest.param(case, id=case.id, marks=[pytest.mark.skip(reason=case.skip)] if case.skip else [])
            for case in cases]


BROKEN = tuple(case for case in all_cases() if not case.inside)
INSIDE = tuple(case for case in all_cases() if case.inside)


@pytest.mark.parametrize("case", _params(BROKEN))
def test_a_broken_constraint_gets_ses_validation_error_naming_the_member(
    case: Case, clients: dict[str, Any], fake: Any
) -> None:
    answer = ask(clients[case.service], case.op, case.params)
    assert answer.code is not None, f"{case.constraint} of {case.member} broken, yet {answer}"
    assert (answer.status, answer.code) == (400, VALIDATION[case.service]), answer
    counted = VALIDATION_MESSAGE.match(answer.message)
    assert counted, f"not SES's validation wording: {answer.message!r}"
    paths = AT.findall(answer.message)
    assert len(paths) == int(counted.group(1)), answer.message
    assert paths and set(paths) == {case.where}, f"expected only '{case.where}' in {answer.message!r}"
    if case.constraint == "required":
        assert f"Value null at '{case.where}' failed to satisfy constraint: Member must not be null" in answer.message


@pytest.mark.parametrize("case", _params(INSIDE))
def test_a_value_just_inside_a_limit_passes_validation(case: Case, clients: dict[str, Any], fake: Any) -> None:
    answer = ask(clients[case.service], case.op, case.params)
    assert answer.code != BUG, f"a bug in fakeses: {answer}"
    validation_error = answer.code == VALIDATION[case.service] and VALIDATION_MESSAGE.match(answer.message)
    assert not validation_error, f"{case.constraint} limit of {case.member} refused from inside: {answer}"


def test_the_cases_cover_every_kind_of_constraint_in_both_apis() -> None:
    kinds = {(case.service, case.constraint) for case in all_cases() if not case.skip}
    assert {("ses", k) for k in ("required", "min", "max", "enum", "pattern")} <= kinds
    assert {("sesv2", k) for k in ("required", "min", "max", "enum", "pattern")} <= kinds


def test_case_ids_are_stable_and_unique() -> None:
    ids = [case.id for case in all_cases()]
    assert len(ids) == len(set(ids))
    assert "sesv2.SendEmail:Content:required:broken" in ids
    assert "ses.SendEmail:Destination:required:broken" in ids
