"""How a bulk entry's data, tags and headers combine with the defaults (fakeses/domain/bulk.py)."""
from __future__ import annotations

import pytest

from fakeses.domain import bulk
from fakeses.domain.errors import (
    AddressRejected,
    DailyQuotaExceeded,
    IdentityNotVerified,
    TemplateNotFound,
    Unsupported,
)


def test_replacement_keys_override_and_the_other_defaults_stay():
    assert bulk.merge({"a": 1, "b": 2}, {"b": 3, "c": 4}) == {"a": 1, "b": 3, "c": 4}


def test_objects_merge_recursively_and_lists_are_replaced():
    default = {"o": {"x": 1, "y": {"z": 1, "w": 2}}, "l": [1, 2, 3]}
    assert bulk.merge(default, {"o": {"y": {"z": 9}}, "l": [7]}) == {"o": {"x": 1, "y": {"z": 9, "w": 2}}, "l": [7]}


def test_a_replacement_of_another_type_replaces():
    assert bulk.merge({"o": {"x": 1}}, {"o": "text"}) == {"o": "text"}
    assert bulk.merge({"o": "text"}, {"o": {"x": 1}}) == {"o": {"x": 1}}


def test_merge_leaves_the_default_unchanged():
    default = {"o": {"x": 1}}
    bulk.merge(default, {"o": {"x": 2}})
    assert default == {"o": {"x": 1}}


def test_tags_and_headers_of_the_same_name_are_replaced():
    assert bulk.combine_tags([("a", "1"), ("b", "2")], [("b", "3")]) == [("a", "1"), ("b", "3")]
    assert bulk.merge_headers([("X-A", "1")], [("x-a", "2"), ("X-B", "3")]) == [("x-a", "2"), ("X-B", "3")]


def test_each_refusal_has_its_bulk_status():
    assert bulk.status_for(IdentityNotVerified(region="US-EAST-1", identities="a@b.c")) == "MESSAGE_REJECTED"
    assert bulk.status_for(AddressRejected(reason="x", reason_v2="x")) == "INVALID_PARAMETER"
    assert bulk.status_for(DailyQuotaExceeded()) == "ACCOUNT_DAILY_QUOTA_EXCEEDED"
    assert bulk.status_for(TemplateNotFound(name="t")) == "TEMPLATE_NOT_FOUND"
    assert bulk.status_for(Unsupported(message="x")) == "FAILED"


# -- the sender is checked once per call: the same outcome as checking it per entry ------------

import dataclasses  # noqa: E402
from unittest import mock  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fakeses.domain import clock, ids, sending  # noqa: E402
from fakeses.domain.errors import DomainError  # noqa: E402
from fakeses.domain.state import Options, World  # noqa: E402
from fakeses.domain.templates import Templates  # noqa: E402
from fakeses.mail.mime import SimpleContent  # noqa: E402

ADDRESSES = ["me@example.com", "Me <me@example.com>", "x@other.org", "bad", "a@sub.example.com", "",
             "ann@example.org", "success@simulator.amazonses.com", "bob@other.org", "a@b@c"]
ADDRESS = st.sampled_from(ADDRESSES)
TAG = st.tuples(st.sampled_from(["a", "b", "ses:c", "bad name"]), st.sampled_from(["1", "x", "y", "no way"]))
RECIPIENT = st.sampled_from(["ann@example.org", "bob@other.org", "success@simulator.amazonses.com",
                             "Ann <ann@example.org>", "me@example.com"]) | ADDRESS
ENTRY = st.fixed_dictionaries({
    "to": st.lists(RECIPIENT, max_size=3), "cc": st.lists(RECIPIENT, max_size=1),
    "data": st.sampled_from([None, '{"name": "Ann"}', '{"code": 2}', "{}", "not json", '{"name": null}']),
    "tags": st.lists(TAG, max_size=1),
})
GOOD = st.sampled_from(["me@example.com", "Me <me@example.com>", "a@sub.example.com"])
ANY_CALL = {
    "service": st.sampled_from(["ses", "sesv2"]), "sandbox": st.booleans(),
    "verified": st.lists(st.sampled_from(["example.com", "other.org", "ann@example.org", "me@example.com"]),
                         max_size=3),
    "default_set": st.sampled_from([None, "c", "paused", "missing"]),
    "source": ADDRESS, "reply_to": st.lists(ADDRESS, max_size=2),
    "return_path": st.sampled_from([None, "me@example.com", "bounce@other.org", "bad"]),
    "configuration_set": st.sampled_from([None, "c", "paused", "missing"]),
    "quota": st.sampled_from([-1.0, 3.0, 50000.0]), "sending_enabled": st.booleans(),
    "default_data": st.sampled_from([None, '{"name": "friend", "code": 0}', "[]"]),
    "default_tags": st.lists(TAG, max_size=1),
    "entries": st.lists(ENTRY, min_size=1, max_size=6),
}
# Calls whose sender passes, so that each entry's own checks decide its outcome.
PASSING_CALL = dict(
    ANY_CALL,
    verified=st.lists(st.sampled_from(["other.org", "ann@example.org", "me@example.com"]), max_size=2).map(
        lambda names: ["example.com", *names]),
    default_set=st.sampled_from([None, "c"]), source=GOOD, reply_to=st.lists(GOOD, max_size=2),
    return_path=st.sampled_from([None, "me@example.com"]), configuration_set=st.sampled_from([None, "c"]),
    sending_enabled=st.just(True), default_data=st.sampled_from([None, '{"name": "friend", "code": 0}']),
    default_tags=st.lists(st.just(("a", "1")), max_size=1),
)
CALL = st.one_of(st.fixed_dictionaries(PASSING_CALL), st.fixed_dictionaries(ANY_CALL))


def _bulk_outcome(call: dict) -> object:
    # Both runs stamp the same times and draw the same ids (a Delivery event quotes its id).
    previous = clock.set_source(lambda: 1_700_000_000_000_000_000)
    counter = iter(range(10**6))
    try:
        with mock.patch.object(ids, "_uuid4", lambda: f"{next(counter):032x}"):
            return _run_bulk(call)
    finally:
        clock.set_source(previous)


TEMPLATES = {  # subject, text: {{name}} placeholders only (the quick path's) and others
    "flat": ("Hi {{name}}", "code {{code}}"),
    "nested": ("Hi {{user.name}}", "code {{code}}"),
    "blocks": ("Hi {{#if name}}{{name}}{{/if}}", "code {{code}}"),
}


def _run_bulk(call: dict) -> object:
    world = World(Options(sandbox=call["sandbox"], outcomes=call.get("outcomes", "deliver")))
    backend = world.backend("123456789012", "us-east-1")
    for name in call["verified"]:
        backend.identities.force_verify(name)
    backend.configuration_sets.create("c")
    backend.configuration_sets.create("paused", sending_enabled=False)
    if call["default_set"] and backend.identities.get("example.com"):
        backend.identities.get("example.com").configuration_set = call["default_set"]
    backend.account.max_24_hour_send = call["quota"]
    backend.account.sending_enabled = call["sending_enabled"]
    for address, reason in call.get("suppressed", []):
        backend.suppression.put(address, reason)
    templates = Templates()
    subject, text = TEMPLATES[call.get("template", "flat")]
    template = templates.create("t", subject=subject, text=text, html=None)
    shared = sending.Outgoing(
        operation="SendBulkEmail", service=call["service"], source=call["source"], content=None,
        reply_to=list(call["reply_to"]), return_path=call["return_path"],
        configuration_set=call["configuration_set"], template="t")
    entries = [bulk.Entry(list(e["to"]), list(e["cc"]), (), e["data"], e["tags"]) for e in call["entries"]]
    try:
        results = bulk.send_bulk(backend, template, call["default_data"], call["default_tags"], shared, entries)
    except DomainError as error:
        return type(error).__name__, error.message_for(call["service"])
    templates.update("t", subject="changed {{name}}", text=None, html=None)  # after the send: not in its messages
    found = [world.message(r.message_id) for r in results if r.message_id is not None]
    recorded = [{f.name: getattr(m, f.name) for f in dataclasses.fields(m)
                 if f.name not in ("_content", "_cache")} for m in world.sent]
    content = [(m.text, m.html, m.raw) for m in world.sent]
    events = [(e.type, e.timestamp, e.details) for e in world.events]
    return ([(r.status, r.error, r.message_id is not None) for r in results], recorded, content, events,
            found == [m for m in world.sent if m.message_id in {r.message_id for r in results}],
            backend.account.sent_last_24_hours(), backend.account.data_points())


@settings(max_examples=300, deadline=None)
@given(call=CALL)
def test_checking_the_sender_once_answers_as_checking_it_for_each_entry(call):
    once = _bulk_outcome(call)
    with mock.patch.object(sending.Sender, "applies_to", lambda self, out: False):
        each = _bulk_outcome(call)
    assert once == each


def test_an_entry_whose_sender_fields_differ_is_checked_in_full():
    world = World(Options())
    backend = world.backend("123456789012", "us-east-1")
    backend.identities.force_verify("example.com")
    checked = sending.check_sender(backend, sending.Outgoing("SendBulkEmail", "sesv2", "me@example.com", None))
    other = sending.Outgoing("SendBulkEmail", "sesv2", "me@elsewhere.org", SimpleContent(text="x"),
                             to=["ann@example.org"])
    assert not checked.applies_to(other)
    with pytest.raises(IdentityNotVerified):
        sending.send(backend, other, checked)


# -- the quick path of plain entries answers and records as send() does ----------------------

PLAIN_ENTRY = st.fixed_dictionaries({  # mostly what the quick path takes
    "to": st.lists(st.sampled_from(["ann@example.org", "bob@other.org", "Ann <ann@example.org>"]), min_size=1,
                   max_size=2),
    "cc": st.lists(st.sampled_from(["me@example.com", "a@sub.example.com"]), max_size=1),
    "data": st.sampled_from([None, '{"name": "Ann"}', '{"name": "Ann", "code": 7}', '{"name": 5}']),
    "tags": st.lists(st.sampled_from([("a", "2"), ("b", "x")]), max_size=1),
})
QUICK_CALL = dict(
    PASSING_CALL,
    default_set=st.sampled_from([None, None, None, "c"]), configuration_set=st.sampled_from([None, None, None, "c"]),
    default_data=st.sampled_from(['{"name": "friend", "code": 0}', '{"code": 1}', None]),
    template=st.sampled_from(["flat", "flat", "flat", "flat", "nested", "blocks"]),
    outcomes=st.sampled_from(["deliver", "deliver", "deliver", "deliver", "hold"]),
    sandbox=st.sampled_from([False, False, False, True]), quota=st.sampled_from([-1.0, 50000.0, 3.0]),
    suppressed=st.lists(st.tuples(st.sampled_from(["ann@example.org", "bob@other.org"]),
                                  st.sampled_from(["BOUNCE", "COMPLAINT"])), max_size=1),
    entries=st.lists(st.one_of(ENTRY, PLAIN_ENTRY, PLAIN_ENTRY), min_size=1, max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(call=st.one_of(st.fixed_dictionaries(QUICK_CALL), st.fixed_dictionaries(QUICK_CALL),
                      st.fixed_dictionaries(ANY_CALL)))
def test_plain_entries_recorded_when_first_read_are_what_send_records(call):
    quick = _bulk_outcome(call)
    with mock.patch.object(bulk.Quick, "of", classmethod(lambda cls, *args: None)):
        each = _bulk_outcome(call)
    assert quick == each


def _plain_call(text: str = "x", **fields) -> tuple:
    """A world whose example.com is verified, a template "Hi {{name}}" / ``text`` and a v2 bulk
    call's shared fields from me@example.com (``fields`` replace them)."""
    world = World(Options())
    backend = world.backend("123456789012", "us-east-1")
    backend.identities.force_verify("example.com")
    template = Templates().create("t", subject="Hi {{name}}", text=text, html=None)
    shared = sending.Outgoing(**{"operation": "SendBulkEmail", "service": "sesv2", "source": "me@example.com",
                                 "content": None, "template": "t", **fields})
    return world, backend, template, shared


def test_plain_entries_are_recorded_in_order_among_the_others():
    world, backend, template, shared = _plain_call()
    entries = [bulk.Entry(["a@example.org"], data='{"name": "A"}'),
               bulk.Entry(["b@example.org"]),  # no name: rendered at send, a Rendering Failure
               bulk.Entry(["c@example.org"], data='{"name": "C"}')]
    results = bulk.send_bulk(backend, template, None, [], shared, entries)
    assert [m.message_id for m in world.sent] == [r.message_id for r in results]
    assert [(e.type, e.message.to) for e in world.events] == [
        ("Send", ["a@example.org"]), ("Delivery", ["a@example.org"]),
        ("Send", ["b@example.org"]), ("Rendering Failure", ["b@example.org"]),
        ("Send", ["c@example.org"]), ("Delivery", ["c@example.org"])]
    assert [m.subject for m in world.sent] == ["Hi A", None, "Hi C"]


def test_an_entry_of_more_than_50_recipients_is_refused_as_send_refuses_it():
    world, backend, template, shared = _plain_call()
    many = [f"user{i}@example.org" for i in range(51)]
    results = bulk.send_bulk(backend, template, '{"name": "A"}', [], shared, [bulk.Entry(many), bulk.Entry(many[:50])])
    assert [(r.status, r.error) for r in results] == [("INVALID_PARAMETER", "Recipient count exceeds 50."),
                                                     ("SUCCESS", None)]
    assert [len(m.destinations) for m in world.sent] == [50]


def test_an_entry_whose_rendering_is_too_big_is_refused_as_send_refuses_it():
    world, backend, template, shared = _plain_call("{{v}}" * 400, operation="SendBulkTemplatedEmail", service="ses",
                                                   max_size=sending.V1_MAX_SIZE)
    big = '{"v": "%s"}' % ("x" * 30_000)  # 400 x 30,000 characters: more than 10 MB
    results = bulk.send_bulk(backend, template, '{"v": "small", "name": "B"}', [], shared,
                             [bulk.Entry(["a@example.org"], data=big), bulk.Entry(["b@example.org"])])
    assert [r.status for r in results] == ["INVALID_PARAMETER", "SUCCESS"]
    assert results[0].error.startswith("Message length is more than 10485760 bytes long")
    assert [m.text for m in world.sent] == ["small" * 400]


def test_a_send_of_another_thread_during_a_bulk_call_comes_after_the_entries_accepted_before_it():
    import threading

    world, east, template, shared = _plain_call()
    west = world.backend("123456789012", "us-west-2")
    west.identities.force_verify("example.com")
    go, done = threading.Event(), threading.Event()
    made_ids, real_message_id = [], ids.message_id

    def message_id(region, when_ms=None):  # the bulk call's 2nd id: the other thread sends then
        made_ids.append(region)
        if region == "us-east-1" and made_ids.count(region) == 2:
            go.set()
            done.wait(5)
        return real_message_id(region, when_ms)

    def other_thread():
        go.wait(5)
        with west.lock:
            sending.send(west, sending.Outgoing("SendEmail", "sesv2", "me@example.com", SimpleContent(text="x"),
                                                to=["z@example.org"]))
        done.set()

    thread = threading.Thread(target=other_thread)
    thread.start()
    try:
        with mock.patch.object(ids, "message_id", message_id), east.lock:
            bulk.send_bulk(east, template, '{"name": "d"}', [], shared,
                           [bulk.Entry([f"{c}@example.org"]) for c in "abc"])
    finally:
        thread.join()
    assert [m.to for m in world.sent] == [["a@example.org"], ["z@example.org"], ["b@example.org"],
                                          ["c@example.org"]]
