"""The account-level suppression list through boto3, and what it does to sends.

v2 PutSuppressedDestination / GetSuppressedDestination / DeleteSuppressedDestination /
ListSuppressedDestinations / PutAccountSuppressionAttributes, GetAccount's
SuppressionAttributes; the suppression of sends on both APIs (Bounce or Complaint with
OnAccountSuppressionList), configuration-set overrides, and hard bounces and complaints
that put recipients on the list. Sources: fakeses/domain/suppression.py, docs/fidelity.md.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from botocore.exceptions import ClientError
from support.clients import body, error_of
from support.model import needs_member

from fakeses.domain import clock, event_json

MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
SIMPLE = {"Simple": MESSAGE}
TOPIC = "arn:aws:sns:us-east-1:123456789012:feedback"


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send(v2, *to, **extra):
    return v2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": list(to)},
                         Content=SIMPLE, **extra)["MessageId"]


def events_of(fake, message_id):
    message = next(m for m in fake.sent_messages if m.message_id == message_id)
    return message, [(e.type, e.details) for e in fake.events_of(message)]


# -- managing the list ------------------------------------------------------------------------

def test_a_put_address_is_read_back_with_its_reason_and_time(v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    found = v2.get_suppressed_destination(EmailAddress="gone@example.org")["SuppressedDestination"]
    assert found["EmailAddress"] == "gone@example.org" and found["Reason"] == "BOUNCE"
    assert "Attributes" not in found  # only an address SES put there carries its message and feedback ids
    assert abs(found["LastUpdateTime"] - clock.utcnow()) < dt.timedelta(seconds=5)  # fakeses' clock


def test_an_unknown_address_is_not_found_on_get_and_delete(v2, fake):
    """Delete is not idempotent (floci's probes; the AWS CLI text quoted in a runbook)."""
    for call in (v2.get_suppressed_destination, v2.delete_suppressed_destination):
        with pytest.raises(ClientError) as caught:
            call(EmailAddress="nobody@example.org")
        assert error_of(caught) == ("NotFoundException", 404,
                                    "Email address nobody@example.org does not exist on your suppression list.")


def test_delete_takes_the_address_off_the_list(v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="COMPLAINT")
    v2.delete_suppressed_destination(EmailAddress="gone@example.org")
    assert body(v2.list_suppressed_destinations()) == {"SuppressedDestinationSummaries": []}


def test_managing_the_list_keeps_the_local_parts_case_and_folds_the_domains(v2, fake):
    """Exact case for management (developer guide, tenant-level manage page); the domain is
    folded (floci, verified against SES)."""
    v2.put_suppressed_destination(EmailAddress="Gone@Example.ORG", Reason="BOUNCE")
    assert v2.get_suppressed_destination(EmailAddress="Gone@example.org")["SuppressedDestination"][
        "EmailAddress"] == "Gone@example.org"
    with pytest.raises(ClientError) as caught:
        v2.get_suppressed_destination(EmailAddress="gone@example.org")
    assert error_of(caught)[0] == "NotFoundException"
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="COMPLAINT")
    listed = v2.list_suppressed_destinations()["SuppressedDestinationSummaries"]
    assert [(s["EmailAddress"], s["Reason"]) for s in listed] == [("Gone@example.org", "BOUNCE"),
                                                                  ("gone@example.org", "COMPLAINT")]


def test_putting_a_listed_address_again_replaces_its_reason(v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="COMPLAINT")
    listed = v2.list_suppressed_destinations()["SuppressedDestinationSummaries"]
    assert [(s["EmailAddress"], s["Reason"]) for s in listed] == [("gone@example.org", "COMPLAINT")]


def test_bad_reasons_and_addresses_are_refused(v2, fake):
    with pytest.raises(ClientError) as caught:
        v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="UNSUBSCRIBE")
    assert error_of(caught)[:2] == ("BadRequestException", 400)
    assert "Member must satisfy enum value set: [BOUNCE, COMPLAINT]" in error_of(caught)[2]
    with pytest.raises(ClientError) as caught:
        v2.put_suppressed_destination(EmailAddress="not an address", Reason="BOUNCE")
    assert error_of(caught) == ("BadRequestException", 400, "Invalid email address not an address.")
    with pytest.raises(ClientError) as caught:
        v2.list_suppressed_destinations(Reasons=["SPAM"])
    assert error_of(caught)[:2] == ("BadRequestException", 400)


def test_an_unknown_tenant_is_not_found(v2, fake):
    # floci PR #2743 (probed against AWS); tenant lists: tests/e2e/test_tenants.py.
    needs_member("sesv2", "PutSuppressedDestination", "TenantName")
    with pytest.raises(ClientError) as caught:
        v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE", TenantName="acme")
    assert error_of(caught) == ("NotFoundException", 404, "The requested tenant <acme> does not exist.")


def test_the_list_filters_by_reason_and_dates_and_pages(v2, fake, fixed_clock):
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    for day, (address, reason) in enumerate([("a@x.org", "BOUNCE"), ("b@x.org", "COMPLAINT"),
                                             ("c@x.org", "BOUNCE"), ("d@x.org", "BOUNCE")]):
        fixed_clock(start + dt.timedelta(days=day))
        v2.put_suppressed_destination(EmailAddress=address, Reason=reason)

    def listed(**params):
        return [s["EmailAddress"] for s in v2.list_suppressed_destinations(**params)["SuppressedDestinationSummaries"]]

    assert listed() == ["a@x.org", "b@x.org", "c@x.org", "d@x.org"]  # oldest first
    assert listed(Reasons=["COMPLAINT"]) == ["b@x.org"]
    assert listed(StartDate=start + dt.timedelta(days=1), EndDate=start + dt.timedelta(days=2, hours=1)) == [
        "b@x.org", "c@x.org"]
    first = v2.list_suppressed_destinations(Reasons=["BOUNCE"], PageSize=2)
    assert [s["EmailAddress"] for s in first["SuppressedDestinationSummaries"]] == ["a@x.org", "c@x.org"]
    rest = v2.list_suppressed_destinations(Reasons=["BOUNCE"], PageSize=2, NextToken=first["NextToken"])
    assert [s["EmailAddress"] for s in rest["SuppressedDestinationSummaries"]] == ["d@x.org"]
    assert "NextToken" not in rest


def test_a_token_is_refused_with_other_filters_or_garbled(v2, fake):
    for address in ("a@x.org", "b@x.org"):
        v2.put_suppressed_destination(EmailAddress=address, Reason="BOUNCE")
    token = v2.list_suppressed_destinations(PageSize=1)["NextToken"]
    for params in ({"NextToken": token, "Reasons": ["COMPLAINT"]}, {"NextToken": "garbled"}):
        with pytest.raises(ClientError) as caught:
            v2.list_suppressed_destinations(**params)
        assert error_of(caught)[:2] == ("InvalidNextTokenException", 400)


def test_account_suppression_attributes_are_reported_by_get_account(v2, fake):
    """BOUNCE and COMPLAINT by default (accounts since 2019-11-25); omitted reasons clear
    them (floci PR #853, verified against SES)."""
    needs_member("sesv2", "PutAccountSuppressionAttributes", "ValidationAttributes")
    assert v2.get_account()["SuppressionAttributes"] == {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]}
    validation = {"ConditionThreshold": {"ConditionThresholdEnabled": "ENABLED",
                                         "OverallConfidenceThreshold": {"ConfidenceVerdictThreshold": "HIGH"}}}
    v2.put_account_suppression_attributes(SuppressedReasons=["COMPLAINT"], ValidationAttributes=validation)
    assert v2.get_account()["SuppressionAttributes"] == {"SuppressedReasons": ["COMPLAINT"],
                                                         "ValidationAttributes": validation}
    v2.put_account_suppression_attributes()
    assert v2.get_account()["SuppressionAttributes"]["SuppressedReasons"] == []


# -- sending to a suppressed address ---------------------------------------------------------

def test_a_send_to_a_suppressed_address_is_accepted_but_bounced_not_delivered(v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    message, seen = events_of(fake, send(v2, "Gone <GONE@example.org>", "ok@example.org"))
    assert [t for t, _ in seen] == ["Send", "Bounce", "Delivery"]
    bounce = seen[1][1]
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "OnAccountSuppressionList")
    # As the message named it (recorded 2021), SES's own text, no remoteMtaIp.
    assert bounce["bouncedRecipients"] == [{"emailAddress": "Gone <GONE@example.org>", "action": "failed",
                                            "status": "5.1.1", "diagnosticCode": event_json.ACCOUNT_SUPPRESSED}]
    assert bounce["reportingMTA"] == "dns; amazonses.com" and "remoteMtaIp" not in bounce
    assert bounce["timestamp"] == message.sent_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert seen[2][1]["recipients"] == ["ok@example.org"]
    assert message.delivered  # delivered to the other recipient


def test_a_message_only_to_suppressed_recipients_is_not_delivered_and_counts_toward_the_quota(v1, v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    message_id = v1.send_email(Source="me@example.com", Destination={"ToAddresses": ["gone@example.org"]},
                               Message=MESSAGE)["MessageId"]  # v1 sends are subject to the list too
    message, seen = events_of(fake, message_id)
    assert [t for t, _ in seen] == ["Send", "Bounce"]
    assert not message.delivered and message.failure == "Bounce: Permanent/OnAccountSuppressionList"
    assert v1.get_send_quota()["SentLast24Hours"] == 1.0
    assert [p["Bounces"] for p in v1.get_send_statistics()["SendDataPoints"]] == [0]  # not the bounce rate


def test_an_address_listed_for_complaint_gets_a_complaint_with_the_subtype(v2, fake):
    """Event contents page: complaintSubType OnAccountSuppressionList (D; no recording (?))."""
    v2.put_suppressed_destination(EmailAddress="angry@example.org", Reason="COMPLAINT")
    message, seen = events_of(fake, send(v2, "angry@example.org"))
    assert [t for t, _ in seen] == ["Send", "Complaint"]
    complaint = seen[1][1]
    assert complaint["complaintSubType"] == "OnAccountSuppressionList"
    assert complaint["complainedRecipients"] == [{"emailAddress": "angry@example.org"}]
    assert "complaintFeedbackType" not in complaint and not message.delivered


def test_only_reasons_the_account_suppresses_withhold_a_send(v2, fake):
    v2.put_suppressed_destination(EmailAddress="angry@example.org", Reason="COMPLAINT")
    v2.put_account_suppression_attributes(SuppressedReasons=["BOUNCE"])
    _, seen = events_of(fake, send(v2, "angry@example.org"))
    assert [t for t, _ in seen] == ["Send", "Delivery"]


def test_a_configuration_sets_suppression_options_override_the_accounts(v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    v2.create_configuration_set(ConfigurationSetName="no-suppression", SuppressionOptions={"SuppressedReasons": []})
    v2.create_configuration_set(ConfigurationSetName="bounces", SuppressionOptions={"SuppressedReasons": ["BOUNCE"]})
    v2.create_configuration_set(ConfigurationSetName="plain")
    v2.put_account_suppression_attributes(SuppressedReasons=[])
    outcomes = {name: [t for t, _ in events_of(fake, send(v2, "gone@example.org", ConfigurationSetName=name))[1]]
                for name in ("no-suppression", "bounces", "plain")}
    assert outcomes == {"no-suppression": ["Send", "Delivery"], "bounces": ["Send", "Bounce"],
                        "plain": ["Send", "Delivery"]}  # plain: the account's reasons, none now


def test_sending_matches_listed_addresses_regardless_of_case(v2, fake):
    v2.put_suppressed_destination(EmailAddress="Gone@example.org", Reason="BOUNCE")
    _, seen = events_of(fake, send(v2, "gONE@EXAMPLE.org"))
    assert [t for t, _ in seen] == ["Send", "Bounce"]


def test_the_bounce_goes_to_destinations_and_notification_topics(v1, v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="tracked", EventDestinationName="to-sns",
        EventDestination={"Enabled": True, "MatchingEventTypes": ["BOUNCE"], "SnsDestination": {"TopicArn": TOPIC}})
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    send(v2, "gone@example.org", ConfigurationSetName="tracked")
    bounces = [json.loads(p.message) for p in fake.published if p.event is not None]
    assert [b.get("eventType") or b.get("notificationType") for b in bounces] == ["Bounce", "Bounce"]
    assert {b["bounce"]["bounceSubType"] for b in bounces} == {"OnAccountSuppressionList"}


def test_the_mailbox_simulator_is_never_suppressed(v2, fake):
    v2.put_suppressed_destination(EmailAddress="success@simulator.amazonses.com", Reason="BOUNCE")
    _, seen = events_of(fake, send(v2, "success@simulator.amazonses.com"))
    assert [t for t, _ in seen] == ["Send", "Delivery"]


# -- bounces and complaints that put addresses on the list ----------------------------------------

@pytest.mark.fakeses(outcomes="hold")
def test_a_hard_bounce_puts_the_recipient_on_the_list_with_its_ids(v2, fake):
    message, _ = events_of(fake, send(v2, "gone@example.org"))
    event = fake.bounce(message)
    found = v2.get_suppressed_destination(EmailAddress="gone@example.org")["SuppressedDestination"]
    assert found["Reason"] == "BOUNCE"
    assert found["Attributes"] == {"MessageId": message.message_id, "FeedbackId": event.details["feedbackId"]}
    _, seen = events_of(fake, send(v2, "gone@example.org"))
    assert [t for t, _ in seen] == ["Send", "Bounce"] and seen[1][1]["bounceSubType"] == "OnAccountSuppressionList"


@pytest.mark.fakeses(outcomes="hold")
def test_a_soft_bounce_leaves_the_list_alone(v2, fake):
    message, _ = events_of(fake, send(v2, "full@example.org"))
    fake.bounce(message, bounce_type="Transient", subtype="MailboxFull")
    assert body(v2.list_suppressed_destinations()) == {"SuppressedDestinationSummaries": []}


@pytest.mark.fakeses(outcomes="complain")
def test_a_complaint_puts_the_recipient_on_the_list(v2, fake):
    send(v2, "angry@example.org")
    assert v2.get_suppressed_destination(EmailAddress="angry@example.org")["SuppressedDestination"][
        "Reason"] == "COMPLAINT"


@pytest.mark.fakeses(outcomes="bounce")
def test_feedback_adds_nothing_for_reasons_not_in_force(v2, fake):
    v2.put_account_suppression_attributes(SuppressedReasons=["COMPLAINT"])
    send(v2, "gone@example.org")
    v2.create_configuration_set(ConfigurationSetName="off", SuppressionOptions={"SuppressedReasons": []})
    v2.put_account_suppression_attributes(SuppressedReasons=["BOUNCE"])
    send(v2, "other@example.org", ConfigurationSetName="off")
    assert body(v2.list_suppressed_destinations()) == {"SuppressedDestinationSummaries": []}


def test_the_simulators_bounces_and_complaints_do_not_list_it(v2, fake):
    """"The mailbox simulator email address isn't placed on the Amazon SES suppression list" (docs)."""
    send(v2, "bounce@simulator.amazonses.com", "complaint@simulator.amazonses.com")
    assert body(v2.list_suppressed_destinations()) == {"SuppressedDestinationSummaries": []}


@pytest.mark.fakeses(outcomes="hold")
def test_the_handle_cannot_deliver_to_a_suppressed_recipient(v2, fake):
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    v2.put_suppressed_destination(EmailAddress="angry@example.org", Reason="COMPLAINT")
    message, _ = events_of(fake, send(v2, "Gone <gone@example.org>", "angry@example.org", "ok@example.org"))
    for recipient in ("gone@example.org", "angry@example.org"):
        with pytest.raises(ValueError, match="SES does not try it again"):
            fake.deliver(message, [recipient])
    fake.deliver(message, ["ok@example.org"])


def test_bulk_entries_to_suppressed_addresses_succeed_and_bounce(v2, fake):
    """Each entry is a message of its own; the suppressed one is accepted (SUCCESS) and bounced."""
    v2.create_email_template(TemplateName="news", TemplateContent={"Subject": "Hi {{name}}", "Text": "Hello"})
    v2.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")
    results = v2.send_bulk_email(
        FromEmailAddress="me@example.com",
        DefaultContent={"Template": {"TemplateName": "news", "TemplateData": '{"name": "you"}'}},
        BulkEmailEntries=[{"Destination": {"ToAddresses": [to]}} for to in ("gone@example.org", "ann@example.org")],
    )["BulkEmailEntryResults"]
    assert [r["Status"] for r in results] == ["SUCCESS", "SUCCESS"]
    assert [[t for t, _ in events_of(fake, r["MessageId"])[1]] for r in results] == [
        ["Send", "Bounce"], ["Send", "Delivery"]]
