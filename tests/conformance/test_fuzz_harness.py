"""The fuzz harness itself: it sees each kind of failure it promises to see, and no other.

Each test breaks fakeses on purpose (a handler that raises or sleeps, a view that
raises, a message recorded twice) and checks that the oracle names the failure; the
others check what the inputs and reports are made of: the same case for the same seed,
every operation of the installed botocore at every level, literals that evaluate back.
"""
from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from support.fuzz_inputs import LEVELS, Case, case, case_from_id, nest
from support.fuzz_oracle import Failure, Harness, known_issue
from support.fuzz_report import Summary, literal, reproducer
from support.shapes import operations

from fakeses.api import handlers
from fakeses.domain.state import World

SEND = {"Source": "me@example.com", "Destination": {"ToAddresses": ["ann@example.org"]},
        "Message": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


def run(params: dict[str, Any], op: str = "SendEmail", service: str = "ses", **options: Any) -> Any:
    with Harness(**options) as harness:
        return harness.run(Case("test", "valid", service, op, params=params))


def kinds(outcome: Any) -> list[str]:
    return [failure.kind for failure in outcome.failures]


def test_a_plain_send_is_accepted_recorded_once_and_read_without_failure() -> None:
    outcome = run(SEND)
    assert (outcome.status, outcome.accepted, outcome.failures) == (200, 1, [])


def test_a_bug_in_a_handler_is_an_internal_failure_named_by_its_exception_and_place(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(backend: Any) -> dict[str, Any]:
        raise ZeroDivisionError("on purpose")

    monkeypatch.setitem(handlers(), ("ses", "GetSendQuota"), broken)
    outcome = run({}, op="GetSendQuota")
    [failure] = outcome.failures
    assert (failure.kind, failure.exc_type, outcome.code) == ("InternalFailure", "ZeroDivisionError", "InternalFailure")
    # The innermost frame of fakeses' own code (this handler lives in the tests).
    assert failure.where.startswith("fakeses/_dispatch.py:") and failure.known is None


def test_an_exception_out_of_botocore_after_fakeses_is_an_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    import fakeses._dispatch as dispatch

    def explode(*args: Any) -> Any:
        raise KeyError("on purpose")

    with Harness() as harness:
        monkeypatch.setattr(dispatch, "handle", explode)
        outcome = harness.run(Case("test", "valid", "ses", "SendEmail", params=SEND))
    assert kinds(outcome) == ["escape"] and outcome.failures[0].exc_type == "KeyError"


def test_botocore_refusing_a_value_before_fakeses_is_counted_apart_not_as_an_escape() -> None:
    outcome = run({"EmailIdentity": "example.org", "Tags": [None]}, op="CreateEmailIdentity", service="sesv2")
    assert (outcome.reached, outcome.refused, outcome.failures) == (False, "AttributeError", [])


def test_a_request_still_running_when_the_watchdog_fires_is_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(backend: Any) -> dict[str, Any]:
        time.sleep(60)
        return {}

    monkeypatch.setitem(handlers(), ("ses", "GetSendQuota"), stuck)
    outcome = run({}, op="GetSendQuota", hang_after=0.2)
    [failure] = outcome.failures
    assert failure.kind == "hang" and failure.where.startswith("fakeses/_dispatch.py:")
    assert "GetSendQuota" in failure.detail


def test_a_view_that_raises_makes_the_message_unreadable_naming_the_view(monkeypatch: pytest.MonkeyPatch) -> None:
    from fakeses.mail import mime

    def render(self: Any, message: Any) -> bytes:
        raise UnicodeError("on purpose")

    monkeypatch.setattr(mime.SimpleContent, "render", render)
    outcome = run(SEND)
    [failure] = outcome.failures
    assert (failure.kind, failure.exc_type) == ("unreadable", "UnicodeError")
    assert failure.view.startswith("raw, mime, mime.walk, attachments")


def test_a_message_recorded_twice_is_misrecorded(monkeypatch: pytest.MonkeyPatch) -> None:
    original = World.record

    def twice(self: World, message: Any) -> None:
        original(self, message)
        original(self, message)

    monkeypatch.setattr(World, "record", twice)
    assert "misrecorded" in kinds(run(SEND))


def test_a_message_recorded_for_an_error_answer_is_misrecorded(monkeypatch: pytest.MonkeyPatch) -> None:
    from fakeses.domain.errors import DomainError

    original = World.record

    def record_then_refuse(self: World, message: Any) -> None:
        original(self, message)
        raise DomainError()

    monkeypatch.setattr(World, "record", record_then_refuse)
    outcome = run(SEND)
    assert outcome.code is not None and "misrecorded" in kinds(outcome)


def test_the_answers_the_fuzz_gets_are_not_recorded_for_the_coverage_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import defaultdict

    from support.reached import RECORDER

    monkeypatch.setattr(RECORDER, "codes", defaultdict(set))
    outcome = run({}, op="GetIdentityVerificationAttributes")  # Identities missing: an error answer
    assert outcome.code == "ValidationError"
    assert not RECORDER.snapshot()


def test_a_known_issue_names_only_failures_at_its_own_place(monkeypatch) -> None:
    from support import fuzz_oracle

    def failure(kind: str, exc_type: str, where: str, service: str = "ses") -> Failure:
        return Failure(kind, Case("x", "valid", service, "SendEmail", params={}), exc_type, where, "detail")

    monkeypatch.setattr(fuzz_oracle, "KNOWN_ISSUES", [
        fuzz_oracle.KnownIssue("words", lambda f: f.where.endswith("in decode_words")),
        fuzz_oracle.KnownIssue("patterns", lambda f: f.kind == "hang" and "fakeses/validation.py" in f.where),
    ])
    assert known_issue(failure("InternalFailure", "HeaderParseError",
                               "fakeses/mail/addresses.py:431 in decode_words")) == "words"
    assert known_issue(failure("hang", "Hang", "fakeses/validation.py:133 in _own")) == "patterns"
    assert known_issue(failure("hang", "Hang", "fakeses/domain/sending.py:10 in send")) is None
    assert known_issue(failure("InternalFailure", "KeyError", "fakeses/api/sending.py:1 in send_email")) is None
    assert known_issue(failure("escape", "KeyError", "botocore/parsers.py:637 in _find_result_wrapped_shape")) is None


def test_the_same_seed_and_index_give_the_same_case_whatever_came_before() -> None:
    first = case(7, 3)
    for index in range(20):
        case(7, index)
    again = case_from_id(first.id)
    assert (again.level, again.service, again.op, repr(again.params), repr(again.request)) == (
        first.level, first.service, first.op, repr(first.params), repr(first.request))


@pytest.mark.parametrize("level", LEVELS)
def test_every_operation_of_the_installed_botocore_gets_cases_at_every_level(level: str) -> None:
    for index, (service, op) in enumerate(operations()):
        made = case(1, index, level=level, service=service, op=op)
        assert made.service == service
        assert (made.params is None) == (made.request is not None)


def test_literals_in_reproducers_are_short_and_evaluate_to_the_value() -> None:
    values: list[Any] = ["@" * 40000 + "\n", b"\x00" * 1000, 10**4000, -(2**64), float("nan"), nest(3000, "x"),
                         {"a": [None, {"b": "\ud800"}]}, dt.date(2026, 3, 5), {1, 2}]
    for value in values:
        text = literal(value)
        assert len(text) < 200, text
        back = eval(text, {"nest": nest, "datetime": dt})  # noqa: S307 - our own literal
        assert literal(back) == text and type(back) is type(value)


def test_a_summary_counts_each_distinct_failure_once_with_a_reproducer() -> None:
    outcome = run(SEND)
    broken = Case("1:2", "heavy", "ses", "SendEmail", params={"Source": "@" * 50000 + "\n"})
    failure = Failure("InternalFailure", broken, "ValueError", "fakeses/x.py:1 in f", "boom")
    outcome.failures = [failure, Failure("InternalFailure", broken, "ValueError", "fakeses/x.py:1 in f", "boom")]
    summary = Summary(seed=1)
    summary.add(outcome)
    assert (summary.failed_requests["InternalFailure"], len(summary.found)) == (1, 1)
    text = reproducer(broken, failure)
    assert "'@' * 50000 + '\\n'" in text and "v1.send_email(**params)" in text
    assert "python scripts/fuzz.py --replay 1:2" in summary.text(botocore_version="x", date="today")
