"""Bulk templated sends through boto3: v1 SendBulkTemplatedEmail and v2 SendBulkEmail.

One message per entry, results in entry order (F20), each entry its own SentMessage
whose message_id is the one returned for it. What fails the whole call and what only
an entry, and how default and replacement data combine, is documented (with sources)
in fakeses/domain/bulk.py.
"""
from __future__ import annotations

import json

import botocore.session
import pytest
from botocore.exceptions import ClientError
from support.clients import client

from fakeses import RenderingFailure, fakeses
from fakeses.api.templated import V1_STATUS

TEMPLATE = {"TemplateName": "digest", "SubjectPart": "{{greeting}}, {{name}}",
            "TextPart": "{{greeting}} {{name}} from {{team.name}} ({{team.city}}) {{items}}"}
DEFAULT = {"greeting": "Hello", "name": "friend", "team": {"name": "Ops", "city": "Oslo"}, "items": [1, 2]}


@pytest.fixture
def fake(ses_backend, v1):
    ses_backend.verify_identity("example.com")
    v1.create_template(Template=TEMPLATE)
    return ses_backend


def v1_bulk(v1, destinations, default=DEFAULT, **extra):
    params = dict(Source="news@example.com", Template="digest", DefaultTemplateData=json.dumps(default),
                  Destinations=destinations)
    params.update(extra)
    return v1.send_bulk_templated_email(**params)["Status"]


def v2_bulk(v2, entries, default=DEFAULT, **extra):
    params = dict(FromEmailAddress="news@example.com",
                  DefaultContent={"Template": {"TemplateName": "digest", "TemplateData": json.dumps(default)}},
                  BulkEmailEntries=entries)
    params.update(extra)
    return v2.send_bulk_email(**params)["BulkEmailEntryResults"]


def to(address, data=None, **extra):
    entry = {"Destination": {"ToAddresses": [address]}, **extra}
    if data is not None:
        entry["ReplacementEmailContent"] = {"ReplacementTemplate": {"ReplacementTemplateData": json.dumps(data)}}
    return entry


def to_v1(address, data=None, **extra):
    entry = {"Destination": {"ToAddresses": [address]}, **extra}
    if data is not None:
        entry["ReplacementTemplateData"] = json.dumps(data)
    return entry


def test_each_entry_is_its_own_message_in_entry_order(v2, fake):
    results = v2_bulk(v2, [to(f"u{i}@example.org", {"name": f"U{i}"}) for i in range(3)])
    assert [r["Status"] for r in results] == ["SUCCESS"] * 3
    assert [m.message_id for m in fake.sent_messages] == [r["MessageId"] for r in results]
    assert [m.to for m in fake.sent_messages] == [["u0@example.org"], ["u1@example.org"], ["u2@example.org"]]
    assert [m.subject for m in fake.sent_messages] == ["Hello, U0", "Hello, U1", "Hello, U2"]
    assert {m.operation for m in fake.sent_messages} == {"SendBulkEmail"}


def test_replacement_data_is_merged_key_by_key_over_the_default(v2, fake):
    """Real SES v2 merges ReplacementTemplateData into DefaultContent's TemplateData per
    key, nested objects recursively, lists replaced whole (probed against SES:
    domdomegg/aws-ses-v2-local#102 and PR #103)."""
    v2_bulk(v2, [to("a@example.org", {"name": "Ann", "team": {"city": "Rome"}, "items": [3]})])
    [message] = fake.sent_messages
    assert message.text == "Hello Ann from Ops (Rome) 3"
    assert message.template_data == {"greeting": "Hello", "name": "Ann", "team": {"name": "Ops", "city": "Rome"},
                                     "items": [3]}


@pytest.mark.parametrize("data", [None, {}])
def test_absent_or_empty_replacement_data_uses_the_default(v2, fake, data):
    v2_bulk(v2, [to("a@example.org", data)])
    assert fake.sent_messages[-1].subject == "Hello, friend"


def test_v1_bulk_sends_with_v1_statuses(v1, fake):
    statuses = v1_bulk(v1, [to_v1("a@example.org", {"name": "Ann"}), to_v1("not-an-address")])
    assert statuses[0]["Status"] == "Success" and statuses[0]["MessageId"] == fake.sent_messages[0].message_id
    assert statuses[1]["Status"] == "InvalidParameterValue" and statuses[1]["Error"]
    assert "MessageId" not in statuses[1]
    assert fake.sent_messages[0].subject == "Hello, Ann"
    assert fake.sent_messages[0].operation == "SendBulkTemplatedEmail"


def test_a_bad_entry_fails_alone(v2, fake):
    results = v2_bulk(v2, [to("a@example.org"), to("bad@@example.org"), to("c@example.org")])
    assert [r["Status"] for r in results] == ["SUCCESS", "INVALID_PARAMETER", "SUCCESS"]
    assert len(fake.sent_messages) == 2


def test_in_the_sandbox_an_unverified_recipient_fails_its_entry():
    with fakeses(sandbox=True) as fake:
        v2 = client("sesv2")
        fake.verify_identity("example.com")
        v2.create_email_template(TemplateName="digest", TemplateContent={"Subject": "Hi", "Text": "x"})
        results = v2_bulk(v2, [to("success@simulator.amazonses.com"), to("stranger@elsewhere.org")])
        assert results[0]["Status"] == "SUCCESS"
        assert results[1]["Status"] == "MESSAGE_REJECTED"
        assert "stranger@elsewhere.org" in results[1]["Error"]


def test_an_entry_that_cannot_be_rendered_is_accepted_but_not_delivered(v2, fake):
    results = v2_bulk(v2, [to("a@example.org"), to("b@example.org", {"team": None})])
    assert [r["Status"] for r in results] == ["SUCCESS", "SUCCESS"]
    good, bad = fake.sent_messages
    assert good.delivered and not bad.delivered
    assert bad.failure == "Rendering Failure: Attribute 'team.name' is not present in the rendering data."
    assert [e.type for e in fake.events_of(bad)] == ["Send", "Rendering Failure"]


def test_raise_on_rendering_failure_reports_every_failed_entry():
    with fakeses(raise_on_rendering_failure=True) as fake:
        v2 = client("sesv2")
        fake.verify_identity("example.com")
        v2.create_email_template(TemplateName="digest", TemplateContent={"Subject": "{{name}}", "Text": "x"})
        with pytest.raises(RenderingFailure, match="2 templated messages") as raised:
            v2_bulk(v2, [to("a@example.org", {"name": None}), to("b@example.org", {"name": "B"}),
                         to("c@example.org", {"name": None})], default={})
        assert len(raised.value.messages) == 2
        assert len(fake.sent_messages) == 3


# -- what fails the whole call -------------------------------------------------------------------

def test_an_unknown_template_fails_the_call(v1, v2, fake):
    with pytest.raises(ClientError) as excinfo:
        v1_bulk(v1, [to_v1("a@example.org")], Template="nope")
    assert excinfo.value.response["Error"]["Code"] == "TemplateDoesNotExist"
    with pytest.raises(ClientError) as excinfo:
        v2.send_bulk_email(FromEmailAddress="news@example.com", BulkEmailEntries=[to("a@example.org")],
                           DefaultContent={"Template": {"TemplateName": "nope", "TemplateData": "{}"}})
    assert excinfo.value.response["Error"]["Code"] == "NotFoundException"
    assert not fake.sent_messages


def test_an_unverified_sender_fails_the_call(v2, fake):
    with pytest.raises(ClientError) as excinfo:
        v2_bulk(v2, [to("a@example.org")], FromEmailAddress="me@elsewhere.com")
    assert excinfo.value.response["Error"]["Code"] == "MessageRejected"
    assert not fake.sent_messages


def test_a_paused_account_fails_the_call(v1, fake):
    v1.update_account_sending_enabled(Enabled=False)
    with pytest.raises(ClientError) as excinfo:
        v1_bulk(v1, [to_v1("a@example.org")])
    assert excinfo.value.response["Error"]["Code"] == "AccountSendingPausedException"


def test_more_than_fifty_entries_fail_the_call(v2, fake):
    with pytest.raises(ClientError) as excinfo:
        v2_bulk(v2, [to(f"u{i}@example.org") for i in range(51)])
    assert excinfo.value.response["Error"]["Code"] == "BadRequestException"
    assert not fake.sent_messages


def test_fifty_entries_are_fine(v2, fake):
    results = v2_bulk(v2, [to(f"u{i}@example.org") for i in range(50)])
    assert len(results) == len(fake.sent_messages) == 50


def test_default_data_that_is_not_json_fails_the_call(v1, fake):
    with pytest.raises(ClientError) as excinfo:
        v1_bulk(v1, [to_v1("a@example.org")], default=None, DefaultTemplateData="nope")
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterValue"


# -- tags --------------------------------------------------------------------------------------

def test_replacement_tags_win_over_default_tags_of_the_same_name(v2, fake):
    v2_bulk(v2, [to("a@example.org", ReplacementTags=[{"Name": "campaign", "Value": "b"}]), to("b@example.org")],
            DefaultEmailTags=[{"Name": "campaign", "Value": "a"}, {"Name": "team", "Value": "ops"}])
    first, second = fake.sent_messages
    assert first.tags == {"team": "ops", "campaign": "b"}
    assert second.tags == {"campaign": "a", "team": "ops"}


def test_the_v1_status_names_are_the_models():
    """The v1 and v2 BulkEmailStatus enums list the same statuses in the same order."""
    session = botocore.session.get_session()
    v1 = session.get_service_model("ses").shape_for("BulkEmailStatus").enum
    v2 = session.get_service_model("sesv2").shape_for("BulkEmailStatus").enum
    assert {v2[i]: v1[i] for i in range(len(v2))}.items() >= V1_STATUS.items()


# -- entries SES plainly accepts: recorded when first read, in order (fakeses/domain/bulk.py) --

FLAT = {"TemplateName": "flat", "SubjectPart": "Hi {{name}}", "TextPart": "Code {{code}}"}


def flat_bulk(v2, names):
    return v2.send_bulk_email(
        FromEmailAddress="news@example.com",
        DefaultContent={"Template": {"TemplateName": "flat", "TemplateData": '{"name": "friend", "code": 0}'}},
        BulkEmailEntries=[to(f"{name}@example.org", {"name": name, "code": i}) for i, name in enumerate(names)],
    )["BulkEmailEntryResults"]


def test_plain_entries_are_in_the_record_in_order_among_other_sends(v1, v2, fake):
    v1.create_template(Template=FLAT)
    first = flat_bulk(v2, ["ann", "bob"])
    single = v1.send_email(Source="news@example.com", Destination={"ToAddresses": ["cy@example.org"]},
                           Message={"Subject": {"Data": "single"}, "Body": {"Text": {"Data": "x"}}})["MessageId"]
    second = flat_bulk(v2, ["dee"])
    ids = [r["MessageId"] for r in first] + [single] + [r["MessageId"] for r in second]
    assert [m.message_id for m in fake.sent_messages] == ids
    assert [(m.subject, m.text) for m in fake.sent_messages] == [
        ("Hi ann", "Code 0"), ("Hi bob", "Code 1"), ("single", "x"), ("Hi dee", "Code 0")]
    assert [(e.type, e.message.message_id) for e in fake.events] == [
        (kind, message_id) for message_id in ids for kind in ("Send", "Delivery")]
    assert [e.type for e in fake.events_of(fake.sent_messages[1])] == ["Send", "Delivery"]


def test_a_template_changed_after_the_send_does_not_change_its_messages(v1, v2, fake):
    v1.create_template(Template=FLAT)
    flat_bulk(v2, ["ann"])
    v1.update_template(Template={**FLAT, "SubjectPart": "Changed {{name}}"})
    [message] = fake.sent_messages
    assert message.subject == "Hi ann"
